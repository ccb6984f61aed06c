"""The analysis of a what-if: outcomes per future, robustness, regret, rank stability and PRIM boxes.

Functions on plain tables (no runs, no files): :func:`future_outcomes` averages each future's
seeds; :func:`robustness` gives every option's share of futures meeting the target, its regret
(also within budget: :func:`regret_within_budget`) and the stability of the ranking
(:func:`kendall_w`), with the counts also among options that contain no other (:func:`packages`);
:func:`horizon_table` gives robustness 5 and 10 years after the policies start; :func:`discover`
finds with PRIM where each option fails (:func:`boxes_table`). :func:`analyse` does all of it for every scenario of a
what-if into a :class:`WhatIf`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from simulator.outcomes import outcome as outcome_entry
from simulator.params import LEVERS
from simulator.policy.effects import BASELINE, BY_COLUMN, HORIZONS, active_years, policy_start
from simulator.policy.effects import horizon_years as effects_horizon_years
from simulator.policy.prim import PrimResult, prim
from simulator.policy.whatif_spec import WhatIfSpec
from simulator.scenario import Policy, Scenario


def future_outcomes(summary: pd.DataFrame, spec: WhatIfSpec) -> pd.DataFrame:
    """Mean over seeds (and ensemble sets) of each (option, future) of a scenario's batch summary.

    Args:
        summary: The batch's summary table (``point``, ``replicate``, outcomes).
        spec: The what-if.

    Returns:
        One row per option and future: option, future, the outcome means, lever_cost_total, seeds
        (the runs averaged: seeds, or sets x seeds with an ensemble).
    """
    df = summary.copy()
    k = spec.sets
    df["option"] = [spec.options[int(p) // (spec.futures * k)] for p in df["point"]]
    df["future"] = (df["point"] // k) % spec.futures
    cols = list(dict.fromkeys([spec.outcome, *BY_COLUMN, "lever_cost_total"]))
    g = df.groupby(["option", "future"], sort=False)[cols]
    out = g.mean().reset_index()
    out["seeds"] = g.size().to_numpy()
    order = {o: i for i, o in enumerate(spec.options)}
    return out.sort_values(["option", "future"], key=lambda s: s.map(order) if s.name == "option" else s).reset_index(
        drop=True
    )


def kendall_w(ranks: np.ndarray) -> float:
    """Kendall's coefficient of concordance of rankings (rows: raters, columns: items), with tie correction.

    Args:
        ranks: Rank of each item by each rater (average ranks for ties).

    Returns:
        W in [0, 1]: 1 when every rater gives the same order; NaN for fewer than 2 items or raters.
    """
    m, n = ranks.shape
    if m < 2 or n < 2:
        return math.nan
    r = ranks.sum(axis=0)
    s = float(((r - r.mean()) ** 2).sum())
    ties = 0.0
    for row in ranks:
        _, counts = np.unique(row, return_counts=True)
        ties += float((counts**3 - counts).sum())
    denom = m**2 * (n**3 - n) - m * ties
    return 12 * s / denom if denom > 0 else math.nan


def robustness(
    fo: pd.DataFrame,
    spec: WhatIfSpec,
    outcome: str | None = None,
    threshold: float | None = None,
    packages: Mapping[str, Sequence[str]] | None = None,
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Satisficing robustness, regret and ranks of every option across futures.

    Args:
        fo: :func:`future_outcomes` of one scenario.
        spec: The what-if.
        outcome: Outcome column (default: the spec's).
        threshold: Satisficing target (default: the spec's).
        packages: Option -> the other options it contains (:func:`packages`); a package is left out of
            the ``*_single`` counts. Default: none.

    Returns:
        (table, stability): one row per option (meets_share, futures_met, mean, p10, regret_mean,
        regret_p90, regret_max, regret_budget_mean, regret_budget_max, best_share, best_share_single,
        contains, mean_rank, cost_total) and a dict with kendall_w, winner (best mean), winner_share
        (share of futures it is best), most_robust, and the same among options that contain no other
        (winner_single, winner_single_share, most_robust_single; None when every option is a package).
    """
    outcome = outcome or spec.outcome
    threshold = spec.threshold if threshold is None else threshold
    packages = packages or {}
    wide = fo.pivot(index="future", columns="option", values=outcome)[spec.options]
    vals = wide.to_numpy(dtype=float)
    best = np.nanmax(vals, axis=1, keepdims=True)
    regret = best - vals
    ranks = pd.DataFrame(-vals).rank(axis=1, method="average").to_numpy()
    is_best = np.isclose(vals, best)
    cost = fo.groupby("option")["lever_cost_total"].mean()
    costs = np.array([float(cost.get(o, 0.0)) for o in spec.options])
    single = np.array([not packages.get(o) for o in spec.options])
    best_single = np.isclose(vals, np.nanmax(np.where(single, vals, -np.inf), axis=1, keepdims=True)) & single
    rows = []
    for j, o in enumerate(spec.options):
        meets = vals[:, j] >= threshold - 1e-12
        budget = regret_within_budget(vals, costs, j)
        rows.append(
            {
                "option": o,
                "meets_share": float(meets.mean()),
                "futures_met": int(meets.sum()),
                "futures": len(meets),
                "mean": float(np.nanmean(vals[:, j])),
                "p10": float(np.nanpercentile(vals[:, j], 10)),
                "regret_mean": float(regret[:, j].mean()),
                "regret_p90": float(np.percentile(regret[:, j], 90)),
                "regret_max": float(regret[:, j].max()),
                "regret_budget_mean": float(budget.mean()),
                "regret_budget_max": float(budget.max()),
                "best_share": float(is_best[:, j].mean()),
                "best_share_single": float(best_single[:, j].mean()) if single[j] else math.nan,
                "contains": ", ".join(packages.get(o, ())),
                "mean_rank": float(ranks[:, j].mean()),
                "cost_total": float(cost.get(o, 0.0)),
            }
        )
    table = pd.DataFrame(rows)
    winner = str(table["option"].iloc[int(np.argmax(table["mean"].to_numpy()))])
    stab: dict[str, Any] = {
        "kendall_w": kendall_w(ranks),
        "winner": winner,
        "winner_share": float(is_best[:, spec.options.index(winner)].mean()),
        "most_robust": _most_robust(table),
        "winner_single": None,
        "winner_single_share": math.nan,
        "most_robust_single": None,
    }
    singles = table[single]
    if len(singles):
        ws = str(singles["option"].iloc[int(np.argmax(singles["mean"].to_numpy()))])
        stab.update(
            winner_single=ws,
            winner_single_share=float(best_single[:, spec.options.index(ws)].mean()),
            most_robust_single=_most_robust(singles),
        )
    return table, stab


def _most_robust(table: pd.DataFrame) -> str:
    """The option meeting the target in the most futures (ties: the lower mean regret)."""
    return str(table.sort_values(["meets_share", "regret_mean"], ascending=[False, True]).iloc[0]["option"])


def regret_within_budget(vals: np.ndarray, costs: np.ndarray, j: int) -> np.ndarray:
    """Regret of option ``j`` counting cost (regret within its budget).

    Per future: the best outcome among the options that cost no more than ``j`` (over the whole period)
    minus ``j``'s own.

    Args:
        vals: Outcomes, one row per future, one column per option.
        costs: Each option's mean public cost (any unit; only the order matters).
        j: The option's column.

    Returns:
        One regret per future, >= 0; 0 where no option of equal or lower cost does better.
    """
    affordable = costs <= costs[j] + 1e-9
    return np.nanmax(vals[:, affordable], axis=1) - vals[:, j]


def contains(big: Policy, small: Policy, values: Mapping[str, Any]) -> bool:
    """Whether policy ``big`` holds every lever of ``small`` at an equal or larger size, started no later.

    A package that contains another option (e.g. all the efforts together) does at least what that
    option does, so it is "best" in most futures by construction. Levers are read with the
    scenario's values filled in; ``small``'s other lever settings (e.g. a lever's effect size) must
    be the same in ``big``. A policy that switches no lever on is contained in nothing, and a policy
    does not contain an identical one.

    Args:
        big: The candidate package.
        small: The candidate part.
        values: The scenario's parameter values (defaults for levers a policy leaves out).

    Returns:
        True when ``big`` is a strict superset of ``small``.
    """
    vb = {**values, **big.levers}
    vs = {**values, **small.levers}
    size = {f"levers.{lv}" for lv in LEVERS}
    used = [lv for lv in LEVERS if float(vs[f"levers.{lv}"]) > 0]
    if not used or big.name == small.name:
        return False
    if any(float(vb[k]) < float(vs[k]) - 1e-12 for k in size):
        return False
    if any(int(vb[f"levers.{lv}_start"]) > int(vs[f"levers.{lv}_start"]) for lv in used):
        return False
    other = [k for k in small.levers if k not in size and not k.endswith(("_start", "_cost"))]
    if any(vb.get(k) != vs[k] for k in other):
        return False
    same = all(
        float(vb[f"levers.{lv}"]) == float(vs[f"levers.{lv}"]) and vb[f"levers.{lv}_start"] == vs[f"levers.{lv}_start"]
        for lv in LEVERS
    )
    return not same


def packages(policies: Sequence[Policy], values: Mapping[str, Any]) -> dict[str, list[str]]:
    """Option -> the other policies it contains (:func:`contains`); options containing none are left out.

    Args:
        policies: The what-if's policies (the baseline contains nothing).
        values: The scenario's parameter values.

    Returns:
        The packages and what each contains, in the policies' order.
    """
    out = {p.name: [q.name for q in policies if contains(p, q, values)] for p in policies}
    return {k: v for k, v in out.items() if v}


def discover(
    fo: pd.DataFrame, futures: pd.DataFrame, spec: WhatIfSpec, threshold: float | None = None
) -> dict[str, PrimResult | None]:
    """PRIM over the uncertain parameters for the futures in which each option misses the threshold.

    Args:
        fo: :func:`future_outcomes` of one scenario.
        futures: The futures table (``future`` + factor columns).
        spec: The what-if.
        threshold: Satisficing target (default: the spec's).

    Returns:
        Option -> PRIM result, or None when the option never or always misses (no box to find).
    """
    threshold = spec.threshold if threshold is None else threshold
    x = futures.set_index("future")[[f.name for f in spec.factors]].astype(float)
    out: dict[str, PrimResult | None] = {}
    for o in spec.options:
        v = fo[fo["option"] == o].set_index("future")[spec.outcome].reindex(x.index)
        miss = (v < threshold - 1e-12).to_numpy()
        if miss.all() or not miss.any():
            out[o] = None
            continue
        out[o] = prim(
            x,
            miss,
            alpha=spec.alpha,
            min_support=spec.min_support,
            min_coverage=spec.min_coverage,
            density_slack=spec.density_slack,
        )
    return out


def boxes_table(scenario: str, found: dict[str, PrimResult | None], fo: pd.DataFrame, spec: WhatIfSpec) -> pd.DataFrame:
    """One row per option: misses, the chosen box in words and as limits, coverage, density, support."""
    rows = []
    for o, r in found.items():
        n_miss = int((fo[fo["option"] == o][spec.outcome] < spec.threshold - 1e-12).sum())
        row: dict[str, Any] = {"scenario": scenario, "option": o, "futures_missed": n_miss, "futures": spec.futures}
        if r is None:
            row.update(box="", restricted="", coverage=math.nan, density=math.nan, support=math.nan, limits="")
        else:
            b = r.chosen_box
            lim = {k: list(v) for k, v in b.cuts().items()}
            row.update(
                box=b.describe(),
                restricted=", ".join(b.restricted),
                coverage=b.coverage,
                density=b.density,
                support=b.support,
                limits=json.dumps(lim),
            )
        rows.append(row)
    return pd.DataFrame(rows)


def series_column(outcome: str) -> str | None:
    """The time-series column of a final-year outcome (``sustained_share_final`` -> ``sustained_share``), or None.

    Only final-year outcomes have a value at an earlier horizon; means and totals over the run do not.
    """
    o = outcome_entry(outcome)
    return o.series if outcome.endswith("_final") and o.series else None


def horizon_years(spec: WhatIfSpec, sc: Scenario) -> list[tuple[str, int]]:
    """The horizons reported: ``(label, year)`` for 5 and 10 years after the policies start, then the final year.

    The start is the earliest start year of the what-if's policies (the year any of them first acts),
    at the earliest the scenario's first year; year = start + 5 (+ 10). A horizon at or past the final
    year is left out, as is every horizon when the outcome has no yearly value (:func:`series_column`).

    Args:
        spec: The what-if.
        sc: The scenario.

    Returns:
        The horizons, the final year last (label ``final``).
    """
    first = int(sc.values["time.start_year"])
    last = first + int(sc.values["time.years"]) - 1
    starts = [y for y in (policy_start(p, sc) for p in spec.policies) if y is not None]
    start = max(min(starts), first) if starts else first
    if not series_column(spec.outcome):
        return [("final", last)]
    return [(label, year) for label, year in effects_horizon_years(start, last) if year < last or label == "final"]


def horizon_table(
    series: pd.DataFrame | None, spec: WhatIfSpec, sc: Scenario, rob: pd.DataFrame, threshold: float | None = None
) -> pd.DataFrame:
    """Robustness of every option at each horizon (:func:`horizon_years`).

    Args:
        series: The batch's time series (``point``, ``year`` and the outcome's series column), or None.
        spec: The what-if.
        sc: The scenario.
        rob: The final year's robustness table (:func:`robustness`).
        threshold: Satisficing target (default: the spec's).

    Returns:
        One row per horizon and option: horizon, year, option, meets_share, mean, rank (1 = meets the
        target in the most futures; ties share the better rank). Without a series only the final year.
    """
    threshold = spec.threshold if threshold is None else threshold
    hz = horizon_years(spec, sc)
    col = series_column(spec.outcome)
    parts = []
    early = [(h, y) for h, y in hz if h != "final"]
    if early and col is not None and series is not None and col in series.columns:
        ts = series[series["year"].isin([y for _, y in early])]
        k = spec.sets
        ts = ts.assign(option=[spec.options[int(p) // (spec.futures * k)] for p in ts["point"]])
        ts = ts.assign(future=(ts["point"] // k) % spec.futures)
        m = ts.groupby(["year", "option", "future"])[col].mean().reset_index()
        m["meets"] = m[col] >= threshold - 1e-12
        g = m.groupby(["year", "option"]).agg(meets_share=("meets", "mean"), mean=(col, "mean")).reset_index()
        for h, y in early:
            part = g[g["year"] == y].set_index("option").reindex(spec.options).reset_index()
            parts.append(part.assign(horizon=h, year=y))
    fin = rob[["option", "meets_share", "mean"]].assign(horizon="final", year=hz[-1][1])
    out = pd.concat([*parts, fin], ignore_index=True)[["horizon", "year", "option", "meets_share", "mean"]]
    out["rank"] = out.groupby("horizon", sort=False)["meets_share"].rank(ascending=False, method="min")
    return out


@dataclass
class ScenarioWhatIf:
    """The what-if results of one scenario.

    Attributes:
        scenario: The scenario.
        outcomes: :func:`future_outcomes`.
        robustness: The robustness table of :func:`robustness`.
        stability: Rank stability (kendall_w, winner, winner_share, most_robust).
        prim: Option -> PRIM result (None: never or always misses).
        boxes: :func:`boxes_table`.
        packages: Option -> the other options it contains (:func:`packages`).
        horizons: :func:`horizon_table` (robustness 5 and 10 years after the policies start, and final).
    """

    scenario: Scenario
    outcomes: pd.DataFrame
    robustness: pd.DataFrame
    stability: dict[str, Any]
    prim: dict[str, PrimResult | None]
    boxes: pd.DataFrame
    packages: dict[str, list[str]] = field(default_factory=dict)
    horizons: pd.DataFrame = field(default_factory=pd.DataFrame)


@dataclass
class WhatIf:
    """The outcome of :func:`whatif`.

    Attributes:
        spec: The experiment.
        futures: The futures (Latin hypercube) table.
        results: Scenario name -> its results.
        out: The output folder, or None.
        failures: Runs that raised (scenario, run_id, point, replicate, seed, error); the analysis
            averages each future over the seeds that completed.
    """

    spec: WhatIfSpec
    futures: pd.DataFrame
    results: dict[str, ScenarioWhatIf] = field(default_factory=dict)
    out: Path | None = None
    failures: list[dict[str, Any]] = field(default_factory=list)


def analyse(
    spec: WhatIfSpec, summaries: Mapping[str, pd.DataFrame], series: Mapping[str, pd.DataFrame] | None = None
) -> WhatIf:
    """Analyse the batch summaries of every scenario (no files written).

    Args:
        spec: The what-if.
        summaries: Scenario name -> its batch summary table.
        series: Scenario name -> its batch time series (``point``, ``year``, the outcome's series column),
            for robustness at earlier horizons; None: the final year only.

    Returns:
        The what-if results.
    """
    futures = spec.design()
    wi = WhatIf(spec, futures)
    for sc in spec.scenarios:
        fo = future_outcomes(summaries[sc.name], spec)
        pk = packages(spec.policies, sc.values)
        rob, stab = robustness(fo, spec, packages=pk)
        act = {BASELINE: 0, **{p.name: active_years(p, sc) for p in spec.policies}}
        rob["active_years"] = rob["option"].map(act)
        rob["cost_per_ward_year"] = [
            c / (sc.n_wards * a) if a else 0.0 for c, a in zip(rob["cost_total"], rob["active_years"], strict=True)
        ]
        found = discover(fo, futures, spec)
        hz = horizon_table((series or {}).get(sc.name), spec, sc, rob)
        wi.results[sc.name] = ScenarioWhatIf(sc, fo, rob, stab, found, boxes_table(sc.name, found, fo, spec), pk, hz)
    return wi


__all__ = [
    "HORIZONS",
    "ScenarioWhatIf",
    "WhatIf",
    "analyse",
    "boxes_table",
    "contains",
    "discover",
    "future_outcomes",
    "horizon_table",
    "horizon_years",
    "kendall_w",
    "packages",
    "regret_within_budget",
    "robustness",
    "series_column",
]
