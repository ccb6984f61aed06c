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
import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from simulator.model import observation
from simulator.model.model import PartnershipModel
from simulator.model.state import ACCEPTED, EVENTS, LOG_STATUS, PARTNERSHIP_END, PROPOSAL, ROUTES, UNANSWERED
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
            arrays.append(pa.array(v, from_pandas=True))  # NaN as null, as pandas converts it
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


def columns(model: PartnershipModel, seed: int, want: tuple[str, ...] = ALL_TABLES) -> dict[str, Columns]:
    """Extract a finished model's tables as column arrays (cheap; no DataFrames).

    Args:
        model: A finished model.
        seed: Its seed (a column of every table).
        want: Which tables to build (the others are skipped, not computed).

    Returns:
        The wanted tables among ``timeseries``, ``summary``, ``events`` and
        ``wards``, as dicts of equal-length columns (text columns as :class:`Codes`;
        :func:`frame` makes a DataFrame of one, :func:`concat` joins several).
    """
    name = model.params.name
    mv = model.datacollector.model_vars
    n = len(next(iter(mv.values()))) - 1  # drop the initial (time 0) observation
    ts: Columns = {
        "scenario": Codes.repeat(name, n),
        "seed": np.full(n, seed, dtype=np.int64),
        "year": np.arange(model.start_year, model.start_year + n, dtype=np.int64),
    }
    k = len(mv)  # one conversion of every value, then the initial observation dropped
    values = np.fromiter(itertools.chain.from_iterable(mv.values()), dtype=float, count=k * (n + 1))
    ts.update(zip(mv, values.reshape(k, n + 1)[:, 1:], strict=True))
    codes = observation.event_codes(model)
    out: dict[str, Columns] = {"timeseries": ts}
    if "summary" in want:
        out["summary"] = _one_row(_summary_row(model, ts, codes, seed))
    if "events" in want:
        out["events"] = _event_columns(model, seed, codes)
    if "wards" in want:
        W = model.n_wards
        wards: Columns = {"scenario": Codes.repeat(name, W), "seed": np.full(W, seed, dtype=np.int64)}
        wards.update({k: Codes.of(v) if isinstance(v, list) else v for k, v in observation.ward_columns(model).items()})
        out["wards"] = wards
    return {k: out[k] for k in ALL_TABLES if k in want}


def tables(model: PartnershipModel, seed: int) -> dict[str, pd.DataFrame]:
    """Extract the tidy tables from a finished model.

    Args:
        model: A finished model.
        seed: Its seed (a column of every table).

    Returns:
        ``timeseries``, ``summary``, ``events`` and ``wards`` DataFrames.
    """
    return {k: frame(v) for k, v in columns(model, seed).items()}


def _one_row(row: dict[str, Any]) -> Columns:
    """A row of scalars as one-row columns, each of the dtype ``np.asarray([value])`` gives (text as Codes)."""
    floats = [k for k, v in row.items() if type(v) is float]
    at = {k: i for i, k in enumerate(floats)}
    block = np.array([row[k] for k in floats], dtype=float)  # one array for the float columns, viewed per column
    out: Columns = {}
    for k, v in row.items():
        if k in at:
            out[k] = block[at[k] : at[k] + 1]
        elif isinstance(v, str):
            out[k] = Codes.repeat(v, 1)
        else:
            out[k] = np.asarray([v])
    return out


def _event_columns(model: PartnershipModel, seed: int, log: dict[str, np.ndarray]) -> Columns:
    n = len(log["year"])
    wards = tuple(b.name for b in model.bkms)
    partners = tuple(p.name for p in model.partner_list)
    p = log["partner"].astype(np.int32)
    return {
        "scenario": Codes.repeat(model.params.name, n),
        "seed": np.full(n, seed, dtype=np.int64),
        "year": log["year"].astype(np.int64),
        "event": Codes(log["event"].astype(np.int32), EVENTS),
        "ward": Codes(log["ward"].astype(np.int32), wards),
        "partner": Codes(p, partners),
        "sector": Codes(model.sector.astype(np.int32)[p], ROUTES),
        "form": Codes(log["form"].astype(np.int32), AID_FORMS),
        "amount": log["amount"].astype(float),
        "status": Codes(log["status"].astype(np.int32), LOG_STATUS),
        "duration": log["duration"].astype(float),
    }


def _summary_row(model: PartnershipModel, ts: Columns, log: dict[str, np.ndarray], seed: int) -> dict[str, Any]:
    W = model.n_wards
    ends = log["duration"][log["event"] == PARTNERSHIP_END].astype(float)
    alive_dur = (model.steps - 1 + model.age0 - model.started[model.alive] + 1).astype(float)
    durations = np.concatenate((ends, alive_dur))
    is_prop = log["event"] == PROPOSAL
    prop_sector = model.sector[log["partner"][is_prop].astype(np.int64)]
    prop_status = log["status"][is_prop]
    active = ts["partnerships_active"]
    after = ts["year"] >= model.year0 + int(model.params.values["grant.implementation_2_year"])
    aid_total = float(ts["aid_total"].sum())
    row: dict[str, Any] = {
        "scenario": model.params.name,
        "seed": np.int64(seed),
        "years": np.int64(len(active)),
        "wards": np.int64(W),
        "sustained_share_final": float(ts["sustained_share"][-1]),
        "sustained_share_mean": float(ts["sustained_share"].mean()),
        "partnerships_final": float(active[-1]),
        "partnerships_year5": float(active[4]) if len(active) >= 5 else float("nan"),
        "partnerships_mean": float(active.mean()),
        "partnerships_peak": float(active.max()),
        "partnerships_peak_year": np.int64(ts["year"][int(active.argmax())]),
        "partnerships_after_grant": float(active[after].mean()) if after.any() else float("nan"),
        "partnerships_started": float(ts["partnerships_started"].sum()),
        "partnership_duration_median": _median(durations) if len(durations) else 0.0,
        "partnership_duration_mean": float(ends.mean()) if len(ends) else float("nan"),
        "partnerships_long_share": float((ends >= LONG_PARTNERSHIP).mean()) if len(ends) else float("nan"),
        "firms_ever_partnered_share": float(ts["firms_ever_partnered_share"][-1]),
        "fees_total": float(ts["fees_collected"].sum()),
        "turnovers_total": float(ts["turnovers"].sum()),
        "aid_total": aid_total,
        "aid_per_ward": aid_total / W,
        "grant_spent_share": float(model.grant_spent.sum() / model.grant_received.sum())
        if model.grant_received.sum() > 0
        else 0.0,
        "mean_trust_final": float(ts["mean_trust_partner"][-1]),
        "mean_capacity_final": float(ts["mean_capacity"][-1]),
        "mean_condition_final": float(ts["mean_condition"][-1]),
        "lever_cost_total": float(ts["lever_cost"].sum()),
    }
    live = np.zeros(model.n_partners, dtype=bool)
    live[model.pairs.partner[model.alive]] = True
    R = len(ROUTES)
    partners = np.bincount(model.sector[live], minlength=R).tolist()
    sent = np.bincount(prop_sector, minlength=R).tolist()
    answered = np.bincount(prop_sector[prop_status != UNANSWERED], minlength=R).tolist()
    accepted = np.bincount(prop_sector[prop_status == ACCEPTED], minlength=R).tolist()
    for r, route in enumerate(ROUTES):
        row[f"partnerships_{route}_final"] = float(ts[f"partnerships_{route}"][-1])
        row[f"partners_{route}_final"] = float(partners[r])
        row[f"proposals_{route}"] = float(sent[r])
        row[f"answer_rate_{route}"] = answered[r] / sent[r] if sent[r] else float("nan")
        row[f"accept_rate_{route}"] = accepted[r] / sent[r] if sent[r] else float("nan")
    for form in AID_FORMS:
        row[f"aid_{form}"] = float(ts[f"aid_{form}"].sum())
    return row


def _median(x: np.ndarray) -> float:
    """``float(np.median(x))`` of a non-empty array, without NumPy's general machinery (the same value)."""
    s = np.sort(x)
    if np.isnan(s[-1]):
        return float("nan")
    h = len(s) // 2
    return float(s[h]) if len(s) % 2 else float((s[h - 1] + s[h]) / 2)


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
    parts: dict[str, list[Columns]] = {k: [] for k in ALL_TABLES}
    for i, s in enumerate(seeds):
        for k, cols in columns(simulate(sc, s), s).items():
            parts[k].append(cols)
        if progress is not None:
            progress(i + 1, len(seeds))
    cat = {k: frame(concat(v)) for k, v in parts.items()}
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
