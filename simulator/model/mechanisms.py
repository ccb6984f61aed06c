"""The model's submodels as pure, vectorised functions.

Each function takes NumPy arrays (or scalars) and returns new values; none
touches the model or draws random numbers, so each can be tested with exact
expectations on small hand-made cases. ``docs/ODD.md`` gives the same equations.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]


def trust_update(trust: ArrayLike, outcome: ArrayLike, learn_success: float, learn_failure: float) -> FloatArray:
    """Learn trust from an outcome with a negativity bias.

    ``T' = T + a (o - T)`` with ``a = learn_success`` when the outcome is good
    (o = 1) and ``a = learn_failure`` when it failed (o = 0).

    Args:
        trust: Current trust, 0..1.
        outcome: 1 for a good outcome, 0 for a failure.
        learn_success: Learning rate after success.
        learn_failure: Learning rate after failure (larger: negativity bias).

    Returns:
        Updated trust, still in [0, 1].
    """
    t = np.asarray(trust, dtype=float)
    o = np.asarray(outcome, dtype=float)
    rate = np.where(o >= 0.5, learn_success, learn_failure)
    return np.clip(t + rate * (o - t), 0.0, 1.0)


def trust_forget(trust: ArrayLike, baseline: float, rate: ArrayLike) -> FloatArray:
    """Drift trust back toward its baseline in a year without contact.

    ``T' = T + f (T0 - T)``.

    Args:
        trust: Current trust, 0..1.
        baseline: Baseline trust T0.
        rate: Forgetting rate f per year (array or scalar).

    Returns:
        Updated trust.
    """
    t = np.asarray(trust, dtype=float)
    return np.clip(t + np.asarray(rate, dtype=float) * (baseline - t), 0.0, 1.0)


def logistic(x: ArrayLike) -> FloatArray:
    """The logistic function ``1 / (1 + exp(-x))``."""
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=float)))


def acceptance_probability(
    bias: ArrayLike,
    trust: ArrayLike,
    fit: ArrayLike,
    quality: ArrayLike,
    coordination: ArrayLike,
    w_trust: float,
    w_fit: float,
    w_quality: float,
    w_coordination: ArrayLike,
) -> FloatArray:
    """Chance a funder that answered a proposal accepts it.

    ``P = logistic(b + w_T (T - 1/2) + w_F (F - 1/2) + w_Q (Q - 1/2) + w_C (C - 1/2))``,
    with ``w_C = 0`` on the private route.

    Args:
        bias: Funder's intercept b.
        trust: Funder's trust in the BKM, T.
        fit: Fit of the aid form with the funder's preferences, F (0..1).
        quality: Proposal quality Q (BKM capacity and marketing skill).
        coordination: BKM-government coordination C.
        w_trust: Weight of trust.
        w_fit: Weight of fit.
        w_quality: Weight of quality.
        w_coordination: Weight of coordination (0 for firms).

    Returns:
        Acceptance probability in (0, 1).
    """
    x = (
        np.asarray(bias, dtype=float)
        + w_trust * (np.asarray(trust, dtype=float) - 0.5)
        + w_fit * (np.asarray(fit, dtype=float) - 0.5)
        + w_quality * (np.asarray(quality, dtype=float) - 0.5)
        + np.asarray(w_coordination, dtype=float) * (np.asarray(coordination, dtype=float) - 0.5)
    )
    return logistic(x)


def bass_awareness(
    marketing: ArrayLike, share_aware: ArrayLike, innovation: float, imitation: float, extra: ArrayLike = 0.0
) -> FloatArray:
    """Chance an unaware institution becomes aware of a ward's programme this year.

    ``P = min(1, p m + q A/M + extra)`` (Bass 1969), with m the ward's marketing
    (effort x team skill) and A/M the share of institutions already aware.

    Args:
        marketing: Marketing m, 0..1.
        share_aware: Share A/M of institutions aware of the ward.
        innovation: Bass p.
        imitation: Bass q.
        extra: Other channels (musrenbang, CSR forum), added.

    Returns:
        Probability in [0, 1].
    """
    m = np.asarray(marketing, dtype=float)
    a = np.asarray(share_aware, dtype=float)
    return np.clip(innovation * m + imitation * a + np.asarray(extra, dtype=float), 0.0, 1.0)


def capacity_update(
    capacity: ArrayLike,
    practice: ArrayLike,
    facilitation: ArrayLike,
    strengthening: ArrayLike,
    overload: ArrayLike,
    learning_rate: float,
    erosion_rate: float,
) -> FloatArray:
    """Capacity grows with practice and facilitation, erodes without them or under overload.

    ``c' = c + r_L (1 - c)(P/2 + F + S) - r_E c (1 - P)(1 - F)(1 - S) - r_E c O``
    (capability trap, Repenning & Sterman 2002), clipped to [0, 1].

    Args:
        capacity: Current capacity c.
        practice: Practice P this year, 0..1 (projects / reference).
        facilitation: Facilitation intensity F, 0..1.
        strengthening: BKM-strengthening lever S, 0..1.
        overload: Overload O >= 0 (projects beyond the overload level, relative).
        learning_rate: r_L.
        erosion_rate: r_E.

    Returns:
        Updated capacity.
    """
    c = np.asarray(capacity, dtype=float)
    p = np.asarray(practice, dtype=float)
    f = np.asarray(facilitation, dtype=float)
    s = np.asarray(strengthening, dtype=float)
    o = np.asarray(overload, dtype=float)
    grow = learning_rate * (1.0 - c) * np.minimum(1.0, 0.5 * p + f + s)
    erode = erosion_rate * c * ((1.0 - p) * (1.0 - f) * (1.0 - s) + o)
    return np.clip(c + grow - erode, 0.0, 1.0)


def managing_body_target(
    base: ArrayLike, capacity: ArrayLike, team: ArrayLike, capacity_weight: float = 0.4
) -> FloatArray:
    """Effectiveness the managing body tends to: ``E* = min(1, B (1 - w + w c) + K)``.

    Args:
        base: The ward's inherent managing-body quality B.
        capacity: BKM capacity c.
        team: Rise K from the consistent-management-team lever.
        capacity_weight: w, how much the target depends on capacity.

    Returns:
        Target effectiveness in [0, 1].
    """
    b = np.asarray(base, dtype=float)
    c = np.asarray(capacity, dtype=float)
    return np.clip(b * (1.0 - capacity_weight + capacity_weight * c) + np.asarray(team, dtype=float), 0.0, 1.0)


def grant_absorption(capacity: ArrayLike, absorption_min: float, full_at: float = 0.5) -> FloatArray:
    """Share of an implementation tranche a BKM manages to spend.

    ``s = a + (1 - a) min(1, c / c_full)``: BKMs at capacity ``c_full`` (0.5,
    'mandiri') or more spend the tranche fully.

    Args:
        capacity: BKM capacity c.
        absorption_min: Share a the weakest BKM spends.
        full_at: Capacity c_full at which the tranche is spent fully.

    Returns:
        Share spent, in [a, 1].
    """
    c = np.asarray(capacity, dtype=float)
    return absorption_min + (1.0 - absorption_min) * np.minimum(1.0, c / full_at)


def delivery_success_probability(quality: ArrayLike, delivery_min: float) -> FloatArray:
    """Chance aid succeeds (becomes a working asset, a used fund, a held event).

    ``P = d + (1 - d) q`` with q the BKM's quality relevant to the aid form.

    Args:
        quality: Relevant quality q in [0, 1].
        delivery_min: Floor d.

    Returns:
        Probability in [d, 1].
    """
    return delivery_min + (1.0 - delivery_min) * np.clip(np.asarray(quality, dtype=float), 0.0, 1.0)


def upkeep_and_condition(
    cash: ArrayLike,
    assets: ArrayLike,
    condition: ArrayLike,
    managing_body: ArrayLike,
    inkind: ArrayLike,
    upkeep_rate: float,
    activity_cost: float,
    decay: float,
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Pay upkeep and activities, then age the assets.

    Needs are ``U = u V`` (upkeep) and ``A`` (activities). In-kind aid (programme,
    event) covers activities first; cash pays upkeep, then the rest of the
    activities. Condition falls by ``delta (1 - phi (1 + E) / 2)``, where phi is
    the share of upkeep paid and E the managing body's effectiveness (a weak body
    maintains badly even when paid).

    Args:
        cash: Cash before paying.
        assets: Asset value V.
        condition: Asset condition 0..1.
        managing_body: Managing-body effectiveness E.
        inkind: In-kind activity funding this year.
        upkeep_rate: u.
        activity_cost: A.
        decay: delta.

    Returns:
        (cash after, condition after, need U + A, paid).
    """
    cash_a = np.asarray(cash, dtype=float)
    v = np.asarray(assets, dtype=float)
    q = np.asarray(condition, dtype=float)
    e = np.asarray(managing_body, dtype=float)
    upkeep = upkeep_rate * v
    act_inkind = np.minimum(activity_cost, np.asarray(inkind, dtype=float))
    pay_upkeep = np.minimum(cash_a, upkeep)
    cash_a = cash_a - pay_upkeep
    pay_act = np.minimum(cash_a, activity_cost - act_inkind)
    cash_a = cash_a - pay_act
    shape = np.broadcast(pay_upkeep, upkeep).shape
    phi = np.divide(pay_upkeep, upkeep, out=np.ones(shape), where=upkeep > 0)
    q = np.clip(q - decay * (1.0 - phi * (1.0 + e) / 2.0), 0.0, 1.0)
    need = upkeep + activity_cost
    paid = act_inkind + pay_upkeep + pay_act
    return cash_a, q, need, paid


def grouped_cumsum(groups: NDArray[np.int64], values: FloatArray) -> FloatArray:
    """Cumulative sum of ``values`` within each group, in the given order.

    Args:
        groups: Group id of each element.
        values: Values to add up.

    Returns:
        For each element, the sum of the values of its group up to and including it.
    """
    n = len(values)
    if n == 0:
        return np.zeros(0)
    order = np.argsort(groups, kind="stable")
    g = groups[order]
    cs = np.cumsum(values[order])
    starts = np.r_[True, g[1:] != g[:-1]]
    start_idx = np.maximum.accumulate(np.where(starts, np.arange(n), 0))
    base = (cs - values[order])[start_idx]
    out = np.empty(n)
    out[order] = cs - base
    return out


def occurrence_rounds(keys: NDArray[np.int64]) -> list[NDArray[np.int64]]:
    """Split positions into rounds so that no key repeats within a round, in order.

    Round k holds, for every key, its k-th occurrence. Applying a vectorised
    update round by round equals applying it one element after another, which
    matters when one pair has several outcomes in a year.

    Args:
        keys: One key per element (e.g. ``partner * n_wards + ward``).

    Returns:
        Index arrays, one per round; the first holds every key's first occurrence.
    """
    n = len(keys)
    if n == 0:
        return []
    order = np.argsort(keys, kind="stable")
    k = keys[order]
    starts = np.r_[True, k[1:] != k[:-1]]
    if starts.all():  # no key repeats: one round
        return [np.arange(n)]
    start_idx = np.maximum.accumulate(np.where(starts, np.arange(n), 0))
    occ = np.empty(n, dtype=np.int64)
    occ[order] = np.arange(n) - start_idx
    return [np.nonzero(occ == r)[0] for r in range(int(occ.max()) + 1)]
