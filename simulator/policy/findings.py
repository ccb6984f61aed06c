"""The findings a policy brief states, computed from the results before any brief formats them.

A comparison's findings (:func:`compare_findings`): the policies in order of their gain in
sustained wards, the policies whose gain is sure enough to be costed, the one among them with the
lowest cost per additional sustained ward, and whether the policies' order changes between horizons. A what-if
scenario's findings (:func:`whatif_findings`): the most robust option, a cheaper option that
nearly matches it, the most robustness per rupiah, the stability of the ranking, and how each
option fails (:func:`failure_kind`). The briefs (:mod:`simulator.policy.brief`) only put these
into words, in either language.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import pandas as pd

if TYPE_CHECKING:
    from simulator.policy.compare import Comparison
    from simulator.policy.whatif_analysis import ScenarioWhatIf

CHEAPER_MARGIN = 0.1
"""A cheaper option is named when it meets the target in at least the most robust option's share minus this."""

Stability = Literal["stable", "mostly", "unstable"]
Failure = Literal["never", "always", "nobox", "box"]


@dataclass(frozen=True)
class CompareFindings:
    """What a comparison's brief states.

    Attributes:
        by_gain: The policies, largest mean gain in the sustained share first.
        qualifying: The policies a cost-effectiveness headline may name: their gain in sustained wards is
            sure (its 95% interval, as printed, lies strictly above 0) and they cost something extra; in
            the costs table's order.
        cheapest: Among ``qualifying``, the one with the lowest cost per additional sustained ward; None
            when none qualifies.
        cheapest_cost: Its cost per additional sustained ward (Rp million), or NaN.
        cheapest_range: The range of that cost (Rp million, from the gain's interval), or NaNs.
        rankings: The policies in order of their mean effect on the sustained share at each horizon
            (``5y``, ``10y``, ``final``), among those measured there.
        ranking_changes: Whether two policies change order between two horizons.
    """

    by_gain: list[str]
    qualifying: list[str] = field(default_factory=list)
    cheapest: str | None = None
    cheapest_cost: float = math.nan
    cheapest_range: tuple[float, float] = (math.nan, math.nan)
    rankings: dict[str, list[str]] = field(default_factory=dict)
    ranking_changes: bool = False


def compare_findings(cmp: Comparison) -> CompareFindings:
    """The findings of a paired comparison (see :class:`CompareFindings`)."""
    eff = cmp.effects
    sus = eff[eff["outcome"] == "sustained_share_final"].set_index("policy")
    by_gain = [str(n) for n in sus.sort_values("diff", ascending=False, kind="stable").index]
    costs = cmp.costs.set_index("policy")
    ok: Any = costs[costs["sure_gain"].astype(bool) & costs["cost_per_extra_ward"].notna()]
    qualifying = [str(n) for n in ok.index]
    rankings = horizon_rankings(cmp.horizons)
    changes = ranking_changes(rankings)
    if not qualifying:
        return CompareFindings(by_gain, [], rankings=rankings, ranking_changes=changes)
    per = ok["cost_per_extra_ward"].astype(float)
    best = str(per.idxmin())
    rng = (float(ok.loc[best, "cost_per_extra_ward_low"]), float(ok.loc[best, "cost_per_extra_ward_high"]))
    return CompareFindings(by_gain, qualifying, best, float(per.min()), rng, rankings, changes)


def horizon_rankings(horizons: pd.DataFrame, series: str = "sustained_share") -> dict[str, list[str]]:
    """The policies in order of their mean effect on ``series`` at each horizon (largest first; ties by name)."""
    if horizons.empty:
        return {}
    h = horizons[horizons["outcome"] == series]
    out: dict[str, list[str]] = {}
    for label in dict.fromkeys(h["horizon"]):
        d = h[h["horizon"] == label].sort_values(["diff", "policy"], ascending=[False, True], kind="stable")
        out[str(label)] = [str(p) for p in d["policy"]]
    return out


def ranking_changes(rankings: dict[str, list[str]]) -> bool:
    """Whether any two policies measured at two horizons are in a different order at one than at the other."""
    orders = list(rankings.values())
    for i, a in enumerate(orders):
        for b in orders[i + 1 :]:
            common = [p for p in a if p in b]
            if common != [p for p in b if p in common]:
                return True
    return False


@dataclass(frozen=True)
class WhatIfFindings:
    """What a what-if brief states about one scenario.

    Attributes:
        most_robust: The option that meets the target in the most futures.
        cheaper: The cheapest option that costs less than the most robust one per ward and year and meets
            the target in at least ``cheaper_share`` of futures, or None.
        cheaper_share: The most robust option's share of futures minus :data:`CHEAPER_MARGIN`.
        best_value: The option with the most futures gained over the baseline per Rp million per ward
            per year (among options that cost something and beat the baseline), or None.
        best_value_gain: Its gain over the baseline, in percentage points of futures.
        best_value_ratio: Its gain per Rp million per ward per year, in percentage points.
        kendall_w: Kendall's W of the options' ranks across futures.
        stability: ``stable`` (W >= 0.8), ``mostly`` (W >= 0.5) or ``unstable``.
        winner: The option with the best mean outcome.
        winner_share: The share of futures in which it is the best option.
        packages: Option -> the other options it contains (a package is best by construction).
        most_robust_single: The most robust option among those that contain no other (None: no package, or
            every option is one).
        winner_single: The best-mean option among those that contain no other, or None (as above).
        winner_single_share: The share of futures in which it is the best of those, or NaN.
        budget_worst: The policy with the largest mean regret within budget (an option that costs no more does
            better by that much), or None when none exceeds :data:`BUDGET_TOLERANCE`.
        budget_worst_regret: Its mean regret within budget (outcome units), or the largest one when None.
        budget_rest: The largest mean regret within budget of the other policies.
        horizons: The options in order of robustness at each horizon (:func:`horizon_orders`); among options
            that contain no other when there is a package. Empty: the final year only.
        leader_changes: Whether the most robust of them differs between horizons.
        order_changes: Whether their order differs between horizons.
    """

    most_robust: str
    cheaper: str | None
    cheaper_share: float
    best_value: str | None
    best_value_gain: float
    best_value_ratio: float
    kendall_w: float
    stability: Stability
    winner: str
    winner_share: float
    packages: dict[str, list[str]] = field(default_factory=dict)
    most_robust_single: str | None = None
    winner_single: str | None = None
    winner_single_share: float = math.nan
    budget_worst: str | None = None
    budget_worst_regret: float = math.nan
    budget_rest: float = math.nan
    horizons: list[tuple[str, int, list[str], float]] = field(default_factory=list)
    leader_changes: bool = False
    order_changes: bool = False


BUDGET_TOLERANCE = 0.005
"""A mean regret within budget at or below this (half a point of the share) counts as none."""


def whatif_findings(r: ScenarioWhatIf) -> WhatIfFindings:
    """The findings of one scenario of a what-if (see :class:`WhatIfFindings`)."""
    rob: Any = r.robustness.set_index("option")  # Any: pandas' stubs type .loc[row, col] as any scalar
    mr = str(r.stability["most_robust"])
    cheaper = rob[
        (rob["meets_share"] >= rob.loc[mr, "meets_share"] - CHEAPER_MARGIN)
        & (rob["cost_per_ward_year"] < rob.loc[mr, "cost_per_ward_year"] - 1e-9)
    ].sort_values("cost_per_ward_year")
    value, gain, ratio = _best_value(rob)
    w = float(r.stability["kendall_w"])
    stability: Stability = "stable" if w >= 0.8 else "mostly" if w >= 0.5 else "unstable"
    pk: dict[str, list[str]] = getattr(r, "packages", {})  # absent on a bare robustness table
    hz = getattr(r, "horizons", None)
    split = bool(pk) and r.stability.get("most_robust_single") is not None
    orders = horizon_orders(hz, list(pk) if split else []) if hz is not None and len(hz) else []
    return WhatIfFindings(
        most_robust=mr,
        cheaper=str(cheaper.index[0]) if len(cheaper) else None,
        cheaper_share=float(rob.loc[mr, "meets_share"] - CHEAPER_MARGIN),
        best_value=value,
        best_value_gain=gain,
        best_value_ratio=ratio,
        kendall_w=w,
        stability=stability,
        winner=str(r.stability["winner"]),
        winner_share=float(r.stability["winner_share"]),
        packages=dict(pk),
        most_robust_single=r.stability.get("most_robust_single") if split else None,
        winner_single=r.stability.get("winner_single") if split else None,
        winner_single_share=float(r.stability.get("winner_single_share", math.nan)) if split else math.nan,
        **_budget(rob),
        horizons=orders if len(orders) > 1 else [],
        leader_changes=len({x[2][0] for x in orders}) > 1,
        order_changes=ranking_changes({h: o for h, _, o, _ in orders}),
    )


def _budget(rob: pd.DataFrame) -> dict[str, Any]:
    """The policy falling furthest behind options that cost no more (regret within budget), and the others' most."""
    if "regret_budget_mean" not in rob.columns:
        return {}
    reg = rob["regret_budget_mean"].astype(float).drop("baseline", errors="ignore")
    if reg.empty:
        return {}
    worst = str(reg.idxmax())
    rest = float(reg.drop(worst).max()) if len(reg) > 1 else 0.0
    if reg[worst] <= BUDGET_TOLERANCE:
        return {"budget_worst": None, "budget_worst_regret": float(reg[worst]), "budget_rest": rest}
    return {"budget_worst": worst, "budget_worst_regret": float(reg[worst]), "budget_rest": rest}


def _best_value(rob: pd.DataFrame) -> tuple[str | None, float, float]:
    """(option, gain in points, gain per Rp million per ward per year) of the most robustness per rupiah."""
    meets = rob["meets_share"].astype(float)
    cpwy = rob["cost_per_ward_year"].astype(float)
    base_share = float(meets.get("baseline", 0.0))
    keep = (cpwy > 0) & (meets > base_share)
    if not keep.any():
        return None, math.nan, math.nan
    ratio = (meets[keep] - base_share) * 100 / cpwy[keep]
    v = str(ratio.idxmax())
    return v, (float(meets[v]) - base_share) * 100, float(ratio.max())


def horizon_orders(hz: pd.DataFrame, exclude: Sequence[str] = ()) -> list[tuple[str, int, list[str], float]]:
    """The options in order of robustness at each horizon: ``(horizon, year, options, leader's meets_share)``.

    Args:
        hz: :func:`simulator.policy.whatif_analysis.horizon_table`.
        exclude: Options left out (e.g. packages that contain another option).

    Returns:
        One entry per horizon in the table's order; the options most robust first, ties broken by the
        higher mean outcome.
    """
    out = []
    for h, part in hz[~hz["option"].isin(list(exclude))].groupby("horizon", sort=False):
        part = part.sort_values(["meets_share", "mean"], ascending=[False, False], kind="stable")
        out.append(
            (str(h), int(part["year"].iloc[0]), [str(o) for o in part["option"]], float(part["meets_share"].iloc[0]))
        )
    return out


def failure_kind(box: pd.Series | dict[str, Any]) -> Failure:
    """How an option fails, from its row of the boxes table: never, always, with no box, or in a box."""
    k, n = int(box["futures_missed"]), int(box["futures"])
    if k == 0:
        return "never"
    if k == n:
        return "always"
    return "box" if box["restricted"] else "nobox"


__all__ = [
    "BUDGET_TOLERANCE",
    "CHEAPER_MARGIN",
    "CompareFindings",
    "WhatIfFindings",
    "compare_findings",
    "failure_kind",
    "horizon_orders",
    "horizon_rankings",
    "ranking_changes",
    "whatif_findings",
]
