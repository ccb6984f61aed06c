"""Running the model and turning runs into tidy tables.

``run`` simulates one scenario for one or more seeds and returns a
:class:`RunResult` with pandas DataFrames:

- ``timeseries``: one row per run and simulated year (all model observations);
- ``summary``: one row per run (outcomes users compare);
- ``events``: the proposal, delivery and partnership log;
- ``wards``: each ward's state at the end of each run.

Definitions used by every output (also in ``docs/ODD.md``):

- A **partnership is alive** from the year a partner accepts a BKM's proposal
  until the partner decides to leave it (or scales it below
  ``renewal.min_scale``) in its yearly renewal decision, or until
  ``renewal.backstop_years`` pass with no accepted or delivered aid. Under
  ``structure.renewal = "lapse"`` it ends instead after
  ``partnership.lapse_years`` without aid or when the partner's trust in the BKM
  falls below ``trust.end_threshold``. A partnership's **duration** is the number
  of years from its start to the year it ended.
- A ward's **programme is sustained** in a year when, over the last
  ``programme.sustain_window`` years, what it paid (from user fees, self-help,
  cash from money aid, in-kind programme and event aid, and grant-covered
  activities) covered at least ``programme.sustain_coverage`` of its needs
  (asset upkeep plus activities) and its BKM's capacity is at least
  ``programme.sustain_capacity``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from simulator.model import observation
from simulator.model.model import PartnershipModel
from simulator.model.state import EVENTS, LOG_STATUS, ROUTES
from simulator.outcomes import TABLES, outcome
from simulator.params import AID_FORMS
from simulator.scenario import Scenario, load_scenario


@dataclass
class RunResult:
    """Tables from one or more runs of one scenario.

    Attributes:
        scenario: The resolved scenario.
        seeds: The seed of each run, in order.
        timeseries: One row per run and year.
        summary: One row per run.
        events: Proposals, deliveries, partnership starts and ends.
        wards: Each ward's final state, one row per run and ward.
    """

    scenario: Scenario
    seeds: list[int]
    timeseries: pd.DataFrame
    summary: pd.DataFrame
    events: pd.DataFrame
    wards: pd.DataFrame = field(default_factory=pd.DataFrame)


def simulate(scenario: Scenario, seed: int) -> PartnershipModel:
    """Run one model to its end and return it.

    Args:
        scenario: The scenario (its ``time.years`` sets the length).
        seed: The run's seed.

    Returns:
        The finished model.
    """
    model = PartnershipModel(scenario, rng=seed)
    model.run_to_end()
    return model


STR = pd.StringDtype("pyarrow", na_value=np.nan)
"""The dtype of the tables' text columns: pandas' default ``str`` (Arrow ``large_string`` storage)."""


@dataclass(frozen=True, eq=False)
class Codes:
    """A text column held as integer codes into a few strings, turned into strings only when a table is built.

    The tables' text columns (scenario, event, ward, partner, ...) repeat a handful of strings over
    thousands of rows: codes are cheap to extract, to pickle and to concatenate, and the strings are
    built once per table, in Arrow (:meth:`arrow`), without a Python object per row.

    Attributes:
        codes: One index into ``names`` per row.
        names: The strings (need not be distinct).
    """

    codes: np.ndarray
    names: tuple[str, ...]

    @classmethod
    def repeat(cls, name: str, n: int) -> Codes:
        """A column of ``n`` times the same string."""
        return cls(np.zeros(n, dtype=np.int32), (name,))

    @classmethod
    def each(cls, values: Sequence[str], counts: Sequence[int]) -> Codes:
        """Each of the strings repeated ``counts`` times, one after the other (a run's value over its rows)."""
        one = cls.of(values)
        return cls(np.repeat(one.codes, counts), one.names)

    @classmethod
    def of(cls, values: Sequence[str]) -> Codes:
        """The column of the given strings."""
        at: dict[str, int] = {}
        codes = np.fromiter((at.setdefault(v, len(at)) for v in values), dtype=np.int32, count=len(values))
        return cls(codes, tuple(at))

    def __len__(self) -> int:
        return len(self.codes)

    def __array__(self, dtype: Any = None, copy: bool | None = None) -> np.ndarray:
        """The strings as a NumPy object array (for code that wants plain arrays)."""
        return np.array(self.names, dtype=object)[self.codes].astype(dtype or object, copy=False)

    def arrow(self) -> pa.Array:
        """The strings as an Arrow ``large_string`` array."""
        if len(self.names) == 1:  # one string over every row (the scenario): its bytes repeated, no take
            one, n = self.names[0].encode(), len(self.codes)
            offsets = np.arange(n + 1, dtype=np.int64) * len(one)
            return pa.LargeStringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(one * n))
        return pa.array(self.names, type=pa.large_string()).take(pa.array(self.codes))

    def pandas(self) -> Any:
        """The strings as a pandas column, as pandas makes one from a Python list of them.

        A column with no rows is an empty object array, the dtype pandas gives an empty list of strings.
        """
        if not len(self.codes):
            return np.empty(0, dtype=object)
        return pd.array(self.arrow(), dtype=STR)  # the Arrow array itself, not copied

    @staticmethod
    def concat(parts: Sequence[Codes]) -> Codes:
        """The columns one after the other."""
        names = parts[0].names
        if all(p.names == names for p in parts):  # the usual case: the runs of one scenario
            return Codes(np.concatenate([p.codes for p in parts]), names)
        at: dict[str, int] = {}
        recoded = [np.array([at.setdefault(n, len(at)) for n in p.names], dtype=np.int32)[p.codes] for p in parts]
        return Codes(np.concatenate(recoded), tuple(at))


Columns = dict[str, Any]
"""A table as equal-length columns: NumPy arrays, and :class:`Codes` for text."""


def concat(parts: Sequence[Columns]) -> Columns:
    """Tables with the same columns, one after the other (no DataFrames).

    Args:
        parts: The tables, with the same columns in the same order.

    Returns:
        Their rows in order.
    """
    out: Columns = {}
    for c, first in parts[0].items():
        if isinstance(first, Codes):
            out[c] = Codes.concat([p[c] for p in parts])
        else:
            out[c] = np.concatenate([p[c] for p in parts])
    return out


def frame(cols: Columns) -> pd.DataFrame:
    """A table's columns as a DataFrame (text columns of dtype ``str``)."""
    return pd.DataFrame({k: v.pandas() if isinstance(v, Codes) else v for k, v in cols.items()})


def arrow_table(cols: Columns) -> pa.Table:
    """A table's columns as the Arrow table ``pyarrow.Table.from_pandas(frame(cols), preserve_index=False)`` gives.

    Built from the arrays directly (no DataFrame), with the same schema and pandas metadata,
    so a Parquet file written from it equals one written by ``frame(cols).to_parquet(index=False)``.
    """
    arrays, kinds = [], []
    for k, v in cols.items():
        if isinstance(v, Codes) and len(v):
            arrays.append(v.arrow())
            kinds.append((k, "str"))
        elif isinstance(v, np.ndarray) and v.dtype.kind in "biuf":
            nan = v.dtype.kind == "f" and bool(np.isnan(v).any())
            arrays.append(pa.array(v, from_pandas=nan))  # NaN as null, as pandas converts it (a scan: only if any)
            kinds.append((k, v.dtype.str))
        else:  # anything else (text from a design, an empty text column): as pandas converts it
            return pa.Table.from_pandas(frame(cols), preserve_index=False)
    return pa.Table.from_arrays(arrays, schema=_schema(tuple(kinds)))


@functools.cache  # one schema per table layout: a handful per process
def _schema(kinds: tuple[tuple[str, str], ...]) -> pa.Schema:
    empty = pd.DataFrame({k: pd.array([], dtype=STR) if d == "str" else np.empty(0, d) for k, d in kinds})
    return pa.Table.from_pandas(empty, preserve_index=False).schema


LONG_PARTNERSHIP = 8
"""Years from which an ended partnership counts as long (MODEL_BRIEF section 4, pattern 1)."""


ALL_TABLES = TABLES


@dataclass(frozen=True, eq=False)
class Harvest:
    """What a run's tables take from its finished model, taken right after the run without computing.

    :func:`harvest` takes it; :func:`table_columns` builds the tables of many runs at once from their
    harvests: the time series as one array, the summary's yearly reductions as one array operation over
    the runs, and the figures from the logs in one compiled call (:func:`observation.run_records`). It holds
    the model's own arrays (``parts``): build the tables before stepping the model on.

    Attributes:
        scenario: The scenario's name.
        seed: The run's seed.
        start_year: The calendar year of the first simulated year.
        after: The first calendar year after the grant (``partnerships_after_grant`` averages from it).
        n_wards: The run's wards.
        parts: What the time series and the summary read of the model.
        events: The ``events`` table's columns, when wanted.
        wards: The ``wards`` table's columns, when wanted.
    """

    scenario: str
    seed: int
    start_year: int
    after: int
    n_wards: int
    parts: observation.RunParts
    events: Columns | None = None
    wards: Columns | None = None

    @property
    def years(self) -> int:
        """The simulated years (the time series' rows)."""
        return sum(len(b) for b in self.parts.stats) - 1  # without the initial (time 0) observation

    def rows(self, table: str) -> int:
        """The run's number of rows in one of its tables."""
        if table == "timeseries":
            return self.years
        if table == "summary":
            return 1
        cols = self.events if table == "events" else self.wards
        return len(next(iter(cols.values()))) if cols else 0


def harvest(model: PartnershipModel, seed: int, want: tuple[str, ...] = ALL_TABLES) -> Harvest:
    """Take from a finished model what its wanted tables need (see :class:`Harvest`).

    Args:
        model: A finished model.
        seed: Its seed.
        want: The tables to be built (``events`` and ``wards`` are built here, only when wanted).

    Returns:
        The run's harvest.
    """
    wards: Columns | None = None
    if "wards" in want:
        W = model.n_wards
        wards = {"scenario": Codes.repeat(model.params.name, W), "seed": np.full(W, seed, dtype=np.int64)}
        wards.update({k: Codes.of(v) if isinstance(v, list) else v for k, v in observation.ward_columns(model).items()})
    return Harvest(
        scenario=model.params.name,
        seed=seed,
        start_year=model.start_year,
        after=model.year0 + int(model.params.values["grant.implementation_2_year"]),
        n_wards=model.n_wards,
        parts=observation.run_parts(model),
        events=_event_columns(model, seed, observation.event_codes(model, copy=False)) if "events" in want else None,
        wards=wards,
    )


def table_columns(runs: Sequence[Harvest], want: tuple[str, ...] = ALL_TABLES) -> dict[str, Columns]:
    """Build the wanted tables of runs from their harvests, the runs' rows one after the other.

    Args:
        runs: The runs' harvests (at least one), taken with the same ``want``.
        want: Which tables to build.

    Returns:
        The wanted tables among ``timeseries``, ``summary``, ``events`` and ``wards``, as dicts of
        equal-length columns (text columns as :class:`Codes`; :func:`frame` makes a DataFrame of one).
    """
    out: dict[str, Columns] = {}
    if "timeseries" in want or "summary" in want:
        counts = [h.years for h in runs]
        years = np.concatenate(
            [np.arange(h.start_year, h.start_year + n, dtype=np.int64) for h, n in zip(runs, counts, strict=True)]
        )
        blocks: list[np.ndarray] = []
        for h in runs:  # every run's rows but its initial observation
            first, *rest = h.parts.stats
            blocks += [first[1:], *rest]
        stats = np.ascontiguousarray(np.concatenate(blocks).T)  # a row per column, the runs' years one after the other
        if "timeseries" in want:
            ts: Columns = {
                "scenario": Codes.each([h.scenario for h in runs], counts),
                "seed": np.repeat(np.array([h.seed for h in runs], dtype=np.int64), counts),
                "year": years,
            }
            ts.update(zip(observation.NAMES, stats, strict=True))
            out["timeseries"] = ts
        if "summary" in want:
            out["summary"] = _summary(runs, stats, years, counts)
    if "events" in want:
        out["events"] = concat([h.events for h in runs if h.events is not None])
    if "wards" in want:
        out["wards"] = concat([h.wards for h in runs if h.wards is not None])
    return {k: out[k] for k in ALL_TABLES if k in want}


def columns(model: PartnershipModel, seed: int, want: tuple[str, ...] = ALL_TABLES) -> dict[str, Columns]:
    """Extract a finished model's tables as column arrays (cheap; no DataFrames).

    Args:
        model: A finished model.
        seed: Its seed (a column of every table).
        want: Which tables to build (the others are skipped, not computed).

    Returns:
        The wanted tables, as :func:`table_columns` builds them (:func:`frame` makes a DataFrame of one,
        :func:`concat` joins several).
    """
    return table_columns([harvest(model, seed, want)], want)


def tables(model: PartnershipModel, seed: int) -> dict[str, pd.DataFrame]:
    """Extract the tidy tables from a finished model.

    Args:
        model: A finished model.
        seed: Its seed (a column of every table).

    Returns:
        ``timeseries``, ``summary``, ``events`` and ``wards`` DataFrames.
    """
    return {k: frame(v) for k, v in columns(model, seed).items()}


def _event_columns(model: PartnershipModel, seed: int, log: dict[str, np.ndarray]) -> Columns:
    n = len(log["year"])
    wards, partners = model.ward_names, model.partner_names
    # the log's own arrays where their type is the table's (a run's harvest only reads them;
    # joining runs into a table copies them)
    p = log["partner"].astype(np.int32)
    return {
        "scenario": Codes.repeat(model.params.name, n),
        "seed": np.full(n, seed, dtype=np.int64),
        "year": log["year"].astype(np.int64, copy=False),
        "event": Codes(log["event"].astype(np.int32), EVENTS),
        "ward": Codes(log["ward"].astype(np.int32), wards),
        "partner": Codes(p, partners),
        "sector": Codes(model.sector.astype(np.int32)[p], ROUTES),
        "form": Codes(log["form"].astype(np.int32), AID_FORMS),
        "amount": log["amount"].astype(float, copy=False),
        "status": Codes(log["status"].astype(np.int32), LOG_STATUS),
        "duration": log["duration"].astype(float, copy=False),
    }


def _model_columns(runs: Sequence[Harvest]) -> Columns:
    """The summary's columns that need the models' states or logs, not only their time series."""
    rec = observation.run_records([h.parts for h in runs], LONG_PARTNERSHIP)
    out: Columns = {
        "wards": np.array([h.n_wards for h in runs], dtype=np.int64),
        "partnership_duration_median": rec["duration_median"],
        "partnership_duration_mean": rec["duration_mean"],
        "partnerships_long_share": rec["long_share"],
        "grant_spent_share": rec["grant_spent_share"],
    }
    for route in ROUTES:
        sent = rec[f"sent_{route}"]
        out[f"partners_{route}_final"] = rec[f"partners_{route}"]
        out[f"proposals_{route}"] = sent
        for rate, count in (("answer", "answered"), ("accept", "accepted")):
            out[f"{rate}_rate_{route}"] = np.divide(
                rec[f"{count}_{route}"], sent, out=np.full(len(sent), np.nan), where=sent > 0
            )
    return out


def _summary(runs: Sequence[Harvest], stats: np.ndarray, years: np.ndarray, counts: Sequence[int]) -> Columns:
    """The summary table of runs, a row each, from their time series (``stats``: a row per column).

    Runs of the same years are summarised at once, reducing their stacked series.
    """
    k = len(stats)
    groups: dict[tuple[int, int, int], list[int]] = {}
    for i, h in enumerate(runs):
        groups.setdefault((counts[i], h.start_year, h.after), []).append(i)
    model = _model_columns(runs)
    if len(groups) == 1:  # the usual case: the stats' columns are the runs' equal stretches of years
        n = counts[0]
        S = stats.reshape(k, len(runs), n).transpose(1, 0, 2)
        cols = _summary_of(runs, S, years[:n], model)
    else:  # runs of different lengths: each group's rows back in the runs' order
        ends = np.cumsum(counts)
        parts = []
        for idx in groups.values():
            S = np.stack([stats[:, ends[i] - counts[i] : ends[i]] for i in idx])
            first = years[ends[idx[0]] - counts[idx[0]] : ends[idx[0]]]
            parts.append((idx, _summary_of([runs[i] for i in idx], S, first, {c: v[idx] for c, v in model.items()})))
        cols = {}
        for c, first in parts[0][1].items():
            col = np.empty(len(runs), dtype=first.dtype)
            for idx, part in parts:
                col[idx] = part[c]
            cols[c] = col
    return {"scenario": Codes.each([h.scenario for h in runs], [1] * len(runs)), **cols}


def _summary_of(runs: Sequence[Harvest], S: np.ndarray, years: np.ndarray, values: Columns) -> Columns:
    """The summary's numeric columns of runs of the same years; ``S`` is (runs, columns, years).

    ``values`` are the columns that need the models (:func:`_model_columns`), a value per run.

    Each value is what the run's own series gives (a reduction along a contiguous row adds as NumPy adds a 1-D array).
    """
    at = {name: j for j, name in enumerate(observation.NAMES)}
    n = S.shape[2]

    def series(name: str) -> np.ndarray:
        return S[:, at[name], :]

    def last(name: str) -> np.ndarray:
        return S[:, at[name], n - 1]

    def total(name: str) -> np.ndarray:
        return series(name).sum(axis=1)

    def model(name: str) -> np.ndarray:
        return values[name]

    nan = np.full(len(runs), np.nan)
    active = series("partnerships_active")
    after = years >= runs[0].after
    aid_total = total("aid_total")
    wards = model("wards")
    cols: Columns = {
        "seed": np.array([h.seed for h in runs], dtype=np.int64),
        "years": np.full(len(runs), n, dtype=np.int64),
        "wards": wards,
        "sustained_share_final": last("sustained_share"),
        "sustained_share_mean": series("sustained_share").mean(axis=1),
        "partnerships_final": last("partnerships_active"),
        "partnerships_year5": active[:, 4] if n >= 5 else nan,
        "partnerships_mean": active.mean(axis=1),
        "partnerships_peak": active.max(axis=1),
        "partnerships_peak_year": years[active.argmax(axis=1)],
        "partnerships_after_grant": active[:, after].mean(axis=1) if after.any() else nan,
        "partnerships_started": total("partnerships_started"),
        "partnership_duration_median": model("partnership_duration_median"),
        "partnership_duration_mean": model("partnership_duration_mean"),
        "partnerships_long_share": model("partnerships_long_share"),
        "firms_ever_partnered_share": last("firms_ever_partnered_share"),
        "fees_total": total("fees_collected"),
        "turnovers_total": total("turnovers"),
        "aid_total": aid_total,
        "aid_per_ward": aid_total / wards,
        "grant_spent_share": model("grant_spent_share"),
        "mean_trust_final": last("mean_trust_partner"),
        "mean_capacity_final": last("mean_capacity"),
        "mean_condition_final": last("mean_condition"),
        "lever_cost_total": total("lever_cost"),
    }
    for route in ROUTES:
        cols[f"partnerships_{route}_final"] = last(f"partnerships_{route}")
        for k in (f"partners_{route}_final", f"proposals_{route}", f"answer_rate_{route}", f"accept_rate_{route}"):
            cols[k] = model(k)
    for form in AID_FORMS:
        cols[f"aid_{form}"] = total(f"aid_{form}")
    return {k: np.ascontiguousarray(v, dtype=np.int64 if v.dtype.kind in "iu" else float) for k, v in cols.items()}


def run(
    scenario: Scenario | str | None = None,
    *,
    seed: int | Iterable[int] = 0,
    years: int | None = None,
    policies: Iterable[str] = (),
    progress: Callable[[int, int], None] | None = None,
    **overrides: Any,
) -> RunResult:
    """Simulate a scenario for one seed or several.

    Args:
        scenario: A Scenario, a scenario file path, a preset name, or None for
            the built-in baseline.
        seed: One seed, or an iterable of seeds (one run each).
        years: Years to simulate; None keeps the scenario's ``time.years`` (20
            in the presets).
        policies: Policy files or built-in policy names to apply.
        progress: Called as ``progress(done, total)`` after each run.
        **overrides: Single parameters by keyword or dotted name, e.g.
            ``trust_initial=0.6``.

    Returns:
        The runs' tables.

    Raises:
        ScenarioError: On a bad scenario, policy or value.
    """
    sc = load_scenario(scenario, policies=policies, overrides=overrides)
    if years is not None:
        sc = sc.with_years(years)
    seeds = [int(seed)] if isinstance(seed, int | np.integer) else [int(s) for s in seed]
    runs = []
    for i, s in enumerate(seeds):
        runs.append(harvest(simulate(sc, s), s))
        if progress is not None:
            progress(i + 1, len(seeds))
    cat = {k: frame(v) for k, v in table_columns(runs).items()}
    return RunResult(sc, seeds, cat["timeseries"], cat["summary"], cat["events"], cat["wards"])


SUMMARY_COLUMNS: tuple[tuple[str, str], ...] = tuple(
    (name, outcome(name).description)
    for name in (
        "sustained_share_final",
        "partnerships_year5",
        "partnerships_after_grant",
        "partnerships_final",
        "partnership_duration_median",
        "aid_per_ward",
        "accept_rate_government",
        "accept_rate_private",
        "answer_rate_private",
        "grant_spent_share",
        "mean_trust_final",
    )
)
"""Summary columns shown by ``plpbk run``, with their descriptions from the outcome registry."""


def describe(summary: pd.DataFrame) -> pd.DataFrame:
    """Mean and 5-95% range across runs of the key summary columns.

    Args:
        summary: A ``RunResult.summary`` table.

    Returns:
        One row per outcome: label, mean, p5, p95.
    """
    rows = []
    for col, label in SUMMARY_COLUMNS:
        x = summary[col].to_numpy(dtype=float)
        x = x[~np.isnan(x)]
        rows.append(
            {
                "outcome": label,
                "mean": float(x.mean()) if len(x) else float("nan"),
                "p5": float(np.percentile(x, 5)) if len(x) else float("nan"),
                "p95": float(np.percentile(x, 95)) if len(x) else float("nan"),
            }
        )
    return pd.DataFrame(rows)
