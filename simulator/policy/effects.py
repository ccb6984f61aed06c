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

import numpy as np
import pandas as pd

from simulator.outcomes import outcome
from simulator.scenario import Policy, Scenario

BASELINE = "baseline"
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
    for o in map(outcome, ("sustained_share_final", "partnerships_final", "aid_total", "mean_trust_final"))
)
"""The outcomes compared, in report order (the first decides cost-effectiveness)."""

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


def paired_effects(
    summary: pd.DataFrame,
    *,
    option: str = "option",
    baseline: str = BASELINE,
    outcomes: Sequence[str] = OUTCOME_COLUMNS,
    n_boot: int = N_BOOT,
    seed: int = 0,
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

    Returns:
        One row per (policy, outcome): baseline, policy (means over pairs), diff
        (mean paired difference), ci_low, ci_high (95% bootstrap), p_better
        (share of pairs where the policy is higher, ties half), n (pairs).

    Raises:
        ValueError: When the baseline is missing or a policy's seeds do not match the baseline's.
    """
    if baseline not in set(summary[option]):
        raise ValueError(f"no '{baseline}' runs in the table")
    keys = ["set", "replicate"] if "set" in summary.columns else ["replicate"]
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
            better = float(((d[ok] > 0).sum() + 0.5 * (d[ok] == 0).sum()) / ok.sum()) if ok.any() else math.nan
            rows.append(
                {
                    "policy": name,
                    "outcome": col,
                    "baseline": float(np.nanmean(b)),
                    "policy_mean": float(np.nanmean(p)),
                    "diff": float(np.nanmean(d)) if ok.any() else math.nan,
                    "ci_low": lo,
                    "ci_high": hi,
                    "p_better": better,
                    "n": int(ok.sum()),
                }
            )
    return pd.DataFrame(rows)


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
) -> pd.DataFrame:
    """Cost and cost-effectiveness of each policy.

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

    Returns:
        One row per policy: cost_total and extra_cost (Rp million over the horizon, all wards),
        active_years, cost_per_ward_year (Rp million per ward per year while it acts),
        extra_wards (mean, ci_low, ci_high),
        cost_per_extra_ward (Rp million, NaN when undefined) with its range, and ``note``
        saying why it is undefined.
    """
    base_cost = float(summary.loc[summary[option] == baseline, "lever_cost_total"].mean())
    rows = []
    for name, eff in effects[effects["outcome"] == outcome].set_index("policy").iterrows():
        cost = float(summary.loc[summary[option] == name, "lever_cost_total"].mean())
        extra = cost - base_cost
        act = int((active_years or {}).get(str(name), years))
        w, lo, hi = (float(eff[k]) * wards for k in ("diff", "ci_low", "ci_high"))
        per, per_lo, per_hi, note = math.nan, math.nan, math.nan, ""
        if not lo > 0:
            note = "undefined: no sure gain (the interval of extra sustained wards reaches zero or below)"
        elif extra <= 0:
            note = "no extra cost"
        else:
            per, per_lo, per_hi = extra / w, extra / hi, extra / lo
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
                "cost_per_extra_ward": per,
                "cost_per_extra_ward_low": per_lo,
                "cost_per_extra_ward_high": per_hi,
                "note": note,
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


__all__ = [
    "BASELINE",
    "BY_COLUMN",
    "N_BOOT",
    "OUTCOMES",
    "OUTCOME_COLUMNS",
    "Outcome",
    "active_years",
    "bootstrap_ci",
    "cost_table",
    "ensemble_ci",
    "paired_effects",
    "paired_table",
    "policy_start",
]
