"""The analysis of a what-if: outcomes per future, robustness, regret, rank stability and PRIM boxes.

Functions on plain tables (no runs, no files): :func:`future_outcomes` averages each future's
seeds; :func:`robustness` gives every option's share of futures meeting the target, its regret
and the stability of the ranking (:func:`kendall_w`); :func:`discover` finds with PRIM where
each option fails (:func:`boxes_table`). :func:`analyse` does all of it for every scenario of a
what-if into a :class:`WhatIf`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from simulator.policy.effects import BASELINE, BY_COLUMN, active_years
from simulator.policy.prim import PrimResult, prim
from simulator.policy.whatif_spec import WhatIfSpec
from simulator.scenario import Scenario


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
    fo: pd.DataFrame, spec: WhatIfSpec, outcome: str | None = None, threshold: float | None = None
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Satisficing robustness, regret and ranks of every option across futures.

    Args:
        fo: :func:`future_outcomes` of one scenario.
        spec: The what-if.
        outcome: Outcome column (default: the spec's).
        threshold: Satisficing target (default: the spec's).

    Returns:
        (table, stability): one row per option (meets_share, futures_met, mean, p10, regret_mean,
        regret_p90, regret_max, best_share, mean_rank, cost_total, cost_per_ward_year) and a dict
        with kendall_w, winner (best mean), winner_share (share of futures it is best).
    """
    outcome = outcome or spec.outcome
    threshold = spec.threshold if threshold is None else threshold
    wide = fo.pivot(index="future", columns="option", values=outcome)[spec.options]
    vals = wide.to_numpy(dtype=float)
    best = np.nanmax(vals, axis=1, keepdims=True)
    regret = best - vals
    ranks = pd.DataFrame(-vals).rank(axis=1, method="average").to_numpy()
    is_best = np.isclose(vals, best)
    cost = fo.groupby("option")["lever_cost_total"].mean()
    rows = []
    for j, o in enumerate(spec.options):
        meets = vals[:, j] >= threshold - 1e-12
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
                "best_share": float(is_best[:, j].mean()),
                "mean_rank": float(ranks[:, j].mean()),
                "cost_total": float(cost.get(o, 0.0)),
            }
        )
    table = pd.DataFrame(rows)
    winner = str(table["option"].iloc[int(np.argmax(table["mean"].to_numpy()))])
    stab = {
        "kendall_w": kendall_w(ranks),
        "winner": winner,
        "winner_share": float(is_best[:, spec.options.index(winner)].mean()),
        "most_robust": str(
            table.sort_values(["meets_share", "regret_mean"], ascending=[False, True]).iloc[0]["option"]
        ),
    }
    return table, stab


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
    """

    scenario: Scenario
    outcomes: pd.DataFrame
    robustness: pd.DataFrame
    stability: dict[str, Any]
    prim: dict[str, PrimResult | None]
    boxes: pd.DataFrame


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


def analyse(spec: WhatIfSpec, summaries: Mapping[str, pd.DataFrame]) -> WhatIf:
    """Analyse the batch summaries of every scenario (no files written).

    Args:
        spec: The what-if.
        summaries: Scenario name -> its batch summary table.

    Returns:
        The what-if results.
    """
    futures = spec.design()
    wi = WhatIf(spec, futures)
    for sc in spec.scenarios:
        fo = future_outcomes(summaries[sc.name], spec)
        rob, stab = robustness(fo, spec)
        act = {BASELINE: 0, **{p.name: active_years(p, sc) for p in spec.policies}}
        rob["active_years"] = rob["option"].map(act)
        rob["cost_per_ward_year"] = [
            c / (sc.n_wards * a) if a else 0.0 for c, a in zip(rob["cost_total"], rob["active_years"], strict=True)
        ]
        found = discover(fo, futures, spec)
        wi.results[sc.name] = ScenarioWhatIf(sc, fo, rob, stab, found, boxes_table(sc.name, found, fo, spec))
    return wi


__all__ = [
    "ScenarioWhatIf",
    "WhatIf",
    "analyse",
    "boxes_table",
    "discover",
    "future_outcomes",
    "kendall_w",
    "robustness",
]
