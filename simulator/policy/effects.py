"""The statistics of a paired policy comparison, on plain tables: outcomes, effects, intervals, costs.

:data:`OUTCOMES` are the outcomes a comparison reports (the first decides cost-effectiveness).
:func:`paired_effects` gives every policy's paired difference from the baseline with a bootstrap
interval (:func:`bootstrap_ci`, or :func:`ensemble_ci` over parameter sets); :func:`cost_table`
its cost and cost per additional sustained ward. They take plain tables, so they work on any
model's output (the tests use a toy model). :func:`simulator.policy.compare.compare` runs the
batch and calls them; what-if and the ablation reuse them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from simulator.outcomes import BY_NAME, outcome
from simulator.outcomes import OUTCOMES as ALL_OUTCOMES
from simulator.scenario import Policy, Scenario

BASELINE = "baseline"
DEFAULT_SEEDS = 20
"""Paired runs per option of a comparison when none is given (``plpbk compare --seeds``)."""

N_BOOT = 4000


@dataclass(frozen=True)
class Outcome:
    """An outcome the comparison reports, as the outcome registry (``simulator.outcomes``) gives it.

    Attributes:
        column: Summary column.
        label: Short label (English).
        unit: Unit (English).
        series: Time-series column for the time-path plot, or None.
        digits: Decimals when printed.
        scale: Factor applied when printed (e.g. 100 for percent).
    """

    column: str
    label: str
    unit: str
    series: str | None
    digits: int = 2
    scale: float = 1.0


OUTCOMES: tuple[Outcome, ...] = tuple(
    Outcome(o.name, o.short, o.unit, o.series, o.digits, o.scale)
    for o in map(
        outcome,
        (
            "sustained_share_final",
            "partnerships_final",
            "partnerships_government_final",
            "partnerships_private_final",
            "partners_government_final",
            "partners_private_final",
            "aid_total",
            "mean_trust_final",
        ),
    )
)
"""The outcomes compared, in report order (the first decides cost-effectiveness)."""

SECTOR_OUTCOMES = (
    "partnerships_government_final",
    "partnerships_private_final",
    "partners_government_final",
    "partners_private_final",
)
"""The outcomes by partner sector (government, CSR/private): the summary shows them beside sustained wards."""

HORIZONS = (5, 10)
"""Years after a policy starts at which :func:`horizon_effects` measures its effect (besides the final year)."""

HORIZON_SERIES = ("sustained_share", "partnerships_active", "partnerships_government", "partnerships_private")
"""Time-series columns compared at each horizon (their outcomes in the registry have ``series`` set to them)."""

BY_COLUMN = {o.column: o for o in OUTCOMES}
OUTCOME_COLUMNS = tuple(o.column for o in OUTCOMES)


# --------------------------------------------------------------------------- statistics


def bootstrap_ci(x: np.ndarray, *, n_boot: int = N_BOOT, seed: int = 0, level: float = 0.95) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean of ``x``.

    Args:
        x: Values (e.g. paired differences, one per seed); NaNs are dropped.
        n_boot: Bootstrap resamples.
        seed: Seed of the resampling.
        level: Interval level.

    Returns:
        (low, high); NaN for an empty sample; (x, x) for a single value.
    """
    x = np.asarray(x, dtype=float)
    x = x[~np.isnan(x)]
    if len(x) == 0:
        return float("nan"), float("nan")
    rng = np.random.default_rng(seed)
    means = x[rng.integers(0, len(x), size=(n_boot, len(x)))].mean(axis=1)
    a = (1 - level) / 2 * 100
    return float(np.percentile(means, a)), float(np.percentile(means, 100 - a))


def ensemble_ci(
    x: np.ndarray, sets: np.ndarray, *, n_boot: int = N_BOOT, seed: int = 0, level: float = 0.95
) -> tuple[float, float]:
    """Two-level percentile bootstrap over parameter sets: the spread of the effect across sets.

    Each resample draws one parameter set at random (uniformly: every accepted set is
    equally plausible) and resamples that set's values (one per seed) with replacement;
    the interval holds the middle ``level`` of the resampled means. It reflects both how
    much the effect differs between accepted parameter sets and the seed noise within a set.

    Args:
        x: Values (e.g. paired differences), one per (set, seed); NaNs are dropped.
        sets: The parameter set of each value.
        n_boot: Bootstrap resamples.
        seed: Seed of the resampling.
        level: Interval level.

    Returns:
        (low, high); NaN for an empty sample.
    """
    x = np.asarray(x, dtype=float)
    sets = np.asarray(sets)
    ok = ~np.isnan(x)
    x, sets = x[ok], sets[ok]
    if len(x) == 0:
        return float("nan"), float("nan")
    groups = [x[sets == s] for s in dict.fromkeys(sets.tolist())]
    rng = np.random.default_rng(seed)
    pick = rng.integers(0, len(groups), n_boot)
    means = np.empty(n_boot)
    for i, g in enumerate(groups):
        rows = np.nonzero(pick == i)[0]
        if len(rows):
            means[rows] = g[rng.integers(0, len(g), size=(len(rows), len(g)))].mean(axis=1)
    a = (1 - level) / 2 * 100
    return float(np.percentile(means, a)), float(np.percentile(means, 100 - a))


def tie_tolerance(column: str) -> float:
    """The largest paired difference that counts as a tie: half a unit of the outcome's printed resolution.

    A pair is a tie when its two outcomes are equal as the brief prints them: the difference is at most half
    of the last printed digit (``0.5 * 10**-digits / scale``), e.g. 0.05 percentage points of the sustained
    share, 0.05 partnerships, Rp 0.5 million of aid, 0.0005 of trust. A column the outcome registry does
    not hold (by name or as a ``series``) counts as tied only when equal up to 1e-9.
    """
    o = BY_NAME.get(column) or next((x for x in ALL_OUTCOMES if x.series == column), None)
    return 1e-9 if o is None else 0.5 * 10.0**-o.digits / o.scale


def excludes_zero(low: float, high: float, digits: int) -> bool:
    """Whether an interval excludes 0 as printed with ``digits`` decimals ([0.0, 0.6] does not; NaN does not)."""
    lo, hi = round(float(low), digits), round(float(high), digits)
    return bool(lo > 0 or hi < 0)


def paired_effects(
    summary: pd.DataFrame,
    *,
    option: str = "option",
    baseline: str = BASELINE,
    outcomes: Sequence[str] = OUTCOME_COLUMNS,
    n_boot: int = N_BOOT,
    seed: int = 0,
    keys: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Paired differences of every option against the baseline, seed by seed.

    With a ``set`` column (an ensemble run), runs pair on (set, replicate): a policy's
    run is compared with the baseline's run of the same parameter set and seed; the
    means and shares pool over all set x seed pairs, and the interval is the two-level
    bootstrap of :func:`ensemble_ci` (the effect's spread across parameter sets).

    Args:
        summary: One row per run with columns ``option``, ``replicate`` (and ``set``) and the outcomes.
        option: Column naming the option (the baseline and the policies).
        baseline: The baseline option's name.
        outcomes: Outcome columns to compare.
        n_boot: Bootstrap resamples.
        seed: Seed of the resampling.
        keys: Columns a pair shares (default ``set`` and ``replicate``, or ``replicate``).

    Returns:
        One row per (policy, outcome): baseline, policy (means over pairs), diff
        (mean paired difference), ci_low, ci_high (95% bootstrap), better, tie, worse
        (pairs in which the policy's outcome is higher, equal within :func:`tie_tolerance`,
        lower), p_better (share of pairs where the policy is higher, ties half; kept for
        older readers), n (pairs).

    Raises:
        ValueError: When the baseline is missing or a policy's seeds do not match the baseline's.
    """
    if baseline not in set(summary[option]):
        raise ValueError(f"no '{baseline}' runs in the table")
    keys = list(keys or (["set", "replicate"] if "set" in summary.columns else ["replicate"]))
    base = summary[summary[option] == baseline].set_index(keys).sort_index()
    rows = []
    for name in dict.fromkeys(summary[option]):
        if name == baseline:
            continue
        pol = summary[summary[option] == name].set_index(keys).sort_index()
        common = base.index.intersection(pol.index)
        if len(common) == 0:
            raise ValueError(f"policy {name!r} shares no replicate seeds with the baseline")
        if "seed" in pol and not np.array_equal(base.loc[common, "seed"], pol.loc[common, "seed"]):
            raise ValueError(f"policy {name!r} did not run on the baseline's seeds")
        for k, col in enumerate(outcomes):
            b = base.loc[common, col].to_numpy(dtype=float)
            p = pol.loc[common, col].to_numpy(dtype=float)
            d = p - b
            ok = ~np.isnan(d)
            if "set" in keys:
                lo, hi = ensemble_ci(d, common.get_level_values("set").to_numpy(), n_boot=n_boot, seed=seed + k)
            else:
                lo, hi = bootstrap_ci(d, n_boot=n_boot, seed=seed + k)
            tol = tie_tolerance(col)
            up, tie, down = (int(x.sum()) for x in (d[ok] > tol, np.abs(d[ok]) <= tol, d[ok] < -tol))
            better = (up + 0.5 * tie) / ok.sum() if ok.any() else math.nan
            rows.append(
                {
                    "policy": name,
                    "outcome": col,
                    "baseline": float(np.nanmean(b)),
                    "policy_mean": float(np.nanmean(p)),
                    "diff": float(np.nanmean(d)) if ok.any() else math.nan,
                    "ci_low": lo,
                    "ci_high": hi,
                    "better": up,
                    "tie": tie,
                    "worse": down,
                    "p_better": better,
                    "n": int(ok.sum()),
                }
            )
    return pd.DataFrame(rows)


WARD_DIGITS = 1
"""Decimals the briefs print additional sustained wards with: a gain is sure when its interval, so printed,
lies above 0."""


def cost_table(
    summary: pd.DataFrame,
    effects: pd.DataFrame,
    *,
    wards: int,
    years: int,
    option: str = "option",
    baseline: str = BASELINE,
    outcome: str = "sustained_share_final",
    active_years: Mapping[str, int] | None = None,
    aid: str = "aid_total",
) -> pd.DataFrame:
    """Cost, cost-effectiveness and aid leveraged of each policy.

    Args:
        summary: One row per run with ``option`` and ``lever_cost_total`` (Rp million, all wards, all years).
        effects: The output of :func:`paired_effects`.
        wards: Wards simulated.
        years: Years simulated.
        option: Column naming the option.
        baseline: The baseline option's name.
        outcome: Share outcome (0-1) whose gain times ``wards`` counts additional sustained wards.
        active_years: Years each policy acts within the horizon (default: all ``years``); the cost per
            ward per year is averaged over these years.
        aid: Outcome of the aid partners give (Rp million), for the aid leveraged per public rupiah.

    Returns:
        One row per policy: cost_total and extra_cost (Rp million over the horizon, all wards),
        active_years, cost_per_ward_year (Rp million per ward per year while it acts),
        extra_wards (mean, ci_low, ci_high), sure_gain (the interval of extra wards, printed to
        :data:`WARD_DIGITS` decimals, lies above 0), cost_per_extra_ward (Rp million, NaN unless the
        gain is sure and costs something) with its range, ``note`` saying why it is undefined, and
        extra_aid (with its interval) and aid_per_rupiah (extra partner aid per rupiah of extra public
        cost, with its interval; NaN when the policy costs nothing extra).
    """
    base_cost = float(summary.loc[summary[option] == baseline, "lever_cost_total"].mean())
    aid_eff: Any = effects[effects["outcome"] == aid].set_index("policy") if aid in set(effects["outcome"]) else None
    rows = []
    for name, eff in effects[effects["outcome"] == outcome].set_index("policy").iterrows():
        cost = float(summary.loc[summary[option] == name, "lever_cost_total"].mean())
        extra = cost - base_cost
        act = int((active_years or {}).get(str(name), years))
        w, lo, hi = (float(eff[k]) * wards for k in ("diff", "ci_low", "ci_high"))
        sure = round(lo, WARD_DIGITS) > 0
        per, per_lo, per_hi, note = math.nan, math.nan, math.nan, ""
        if not sure:
            note = "undefined: no sure gain (the interval of extra sustained wards reaches zero or below)"
        elif extra <= 0:
            note = "no extra cost"
        else:
            per, per_lo, per_hi = extra / w, extra / hi, extra / lo
        a = (
            (math.nan,) * 3
            if aid_eff is None
            else tuple(float(aid_eff.loc[name, k]) for k in ("diff", "ci_low", "ci_high"))
        )
        ratio = tuple(x / extra for x in a) if extra > 0 else (math.nan,) * 3
        rows.append(
            {
                "policy": str(name),
                "cost_total": cost,
                "extra_cost": extra,
                "active_years": act,
                "cost_per_ward_year": cost / (wards * act) if act else 0.0,
                "extra_wards": w,
                "extra_wards_low": lo,
                "extra_wards_high": hi,
                "sure_gain": sure,
                "cost_per_extra_ward": per,
                "cost_per_extra_ward_low": per_lo,
                "cost_per_extra_ward_high": per_hi,
                "note": note,
                "extra_aid": a[0],
                "extra_aid_low": a[1],
                "extra_aid_high": a[2],
                "aid_per_rupiah": ratio[0],
                "aid_per_rupiah_low": ratio[1],
                "aid_per_rupiah_high": ratio[2],
            }
        )
    return pd.DataFrame(rows)


def paired_table(summary: pd.DataFrame) -> pd.DataFrame:
    """One row per (option, [set,] replicate) with the seed and the outcomes (the raw pairs)."""
    keys = ["option", "set", "replicate"] if "set" in summary.columns else ["option", "replicate"]
    cols = [*keys, "seed", *(o.column for o in OUTCOMES), "lever_cost_total"]
    return summary[cols].sort_values(keys, kind="stable").reset_index(drop=True)


def policy_start(policy: Policy, sc: Scenario) -> int | None:
    """First year any of the policy's levers acts (None when it switches none on)."""
    from simulator.params import LEVERS

    vals = {**sc.values, **policy.levers}
    years = [int(vals[f"levers.{lv}_start"]) for lv in LEVERS if float(vals[f"levers.{lv}"]) > 0]
    return min(years) if years else None


def active_years(policy: Policy, sc: Scenario) -> int:
    """Years of the scenario's horizon in which the policy acts (from its first lever's start year)."""
    start = policy_start(policy, sc)
    first = int(sc.values["time.start_year"])
    last = first + int(sc.values["time.years"]) - 1
    return 0 if start is None else max(0, last - max(start, first) + 1)


def horizon_years(start: int | None, last_year: int, horizons: Sequence[int] = HORIZONS) -> list[tuple[str, int]]:
    """The horizons of a policy starting in ``start``: ``(label, calendar year)``, the final year last.

    A horizon ``h`` is the year ``start + h`` (a policy starting in 2027 is measured in 2032 and 2037);
    it is listed even when it lies past ``last_year`` (the caller leaves those out and says so). A
    policy that never acts has only the final year.
    """
    out = [] if start is None else [(f"{h}y", start + h) for h in horizons]
    return [*out, ("final", last_year)]


def horizon_effects(
    ts: pd.DataFrame,
    starts: Mapping[str, int | None],
    last_year: int,
    *,
    option: str = "option",
    baseline: str = BASELINE,
    series: Sequence[str] = HORIZON_SERIES,
    horizons: Sequence[int] = HORIZONS,
    n_boot: int = N_BOOT,
    seed: int = 0,
) -> pd.DataFrame:
    """Paired effects of each policy on time-series outcomes 5 and 10 years after it starts and in the final year.

    Args:
        ts: One row per run and year with ``option``, ``year``, ``replicate`` (and ``set``), ``seed`` and ``series``.
        starts: Each policy's first acting year (None: it never acts).
        last_year: The runs' final year; horizons past it are left out.
        option: Column naming the option.
        baseline: The baseline option's name.
        series: Time-series columns to compare.
        horizons: Years after the start.
        n_boot: Bootstrap resamples.
        seed: Seed of the resampling.

    Returns:
        The columns of :func:`paired_effects` (``outcome`` names the series) with ``horizon``
        (``5y``, ``10y``, ``final``) and ``year``, one row per policy, horizon and series.
    """
    parts = []
    for name, start in starts.items():
        for label, year in horizon_years(start, last_year, horizons):
            if year > last_year:
                continue
            sub = ts[(ts["year"] == year) & ts[option].isin([baseline, name])]
            e = paired_effects(sub, option=option, baseline=baseline, outcomes=series, n_boot=n_boot, seed=seed)
            e.insert(1, "horizon", label)
            e.insert(2, "year", year)
            parts.append(e)
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def budget_table(sc: Scenario, policies: Sequence[Policy], regencies: Mapping[str, int]) -> pd.DataFrame:
    """Each policy's public cost per calendar year and regency (an APBD view), from its levers.

    A lever acts from its start year at ``size x levers.<lever>_cost`` per unit, the unit being a ward
    or a regency (``params.LEVER_COST_UNIT``): the model's ``lever_cost`` is the sum over regencies.

    Args:
        sc: The baseline scenario (its years and unit costs).
        policies: The policies (their lever values override the scenario's).
        regencies: Wards per regency, in order.

    Returns:
        One row per policy, year and regency: policy, year, regency, wards, cost (Rp million).
    """
    from simulator.params import LEVER_COST_UNIT, LEVERS

    first = int(sc.values["time.start_year"])
    years = range(first, first + int(sc.values["time.years"]))
    rows = []
    for p in policies:
        vals = {**sc.values, **p.levers}
        on = [lv for lv in LEVERS if float(vals[f"levers.{lv}"]) > 0]
        for y in years:
            for reg, n in regencies.items():
                cost = 0.0
                for lv in on:
                    if y >= int(vals[f"levers.{lv}_start"]):
                        units = 1 if LEVER_COST_UNIT[lv] == "regency" else n
                        cost += float(vals[f"levers.{lv}"]) * float(vals[f"levers.{lv}_cost"]) * units
                rows.append({"policy": p.name, "year": y, "regency": reg, "wards": n, "cost": cost})
    return pd.DataFrame(rows, columns=["policy", "year", "regency", "wards", "cost"])


__all__ = [
    "BASELINE",
    "BY_COLUMN",
    "HORIZONS",
    "HORIZON_SERIES",
    "N_BOOT",
    "OUTCOMES",
    "OUTCOME_COLUMNS",
    "SECTOR_OUTCOMES",
    "WARD_DIGITS",
    "Outcome",
    "active_years",
    "bootstrap_ci",
    "budget_table",
    "cost_table",
    "ensemble_ci",
    "excludes_zero",
    "horizon_effects",
    "horizon_years",
    "paired_effects",
    "paired_table",
    "policy_start",
    "tie_tolerance",
]
