"""The wards' equations: the BKM's capacity and reports, aid delivery, assets, upkeep and fees.

What happens inside a ward: its BKM learns or loses capacity, its managing body
tends to a target, the grant is absorbed, aid is delivered and reported, assets wear
and are repaired, and users pay fees. Each function takes NumPy arrays (or scalars)
and returns new values; none touches the model or draws random numbers. The
partners' equations are in :mod:`simulator.model.mechanisms_partners`; both are
re-exported by :mod:`simulator.model.mechanisms`, the equations' public home, and
``docs/ODD.md`` gives the same equations.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from simulator.model.mechanisms_common import FloatArray
from simulator.model.mechanisms_common import as_floats as _f

# --------------------------------------------------------------------------- the BKM


def capacity_update(
    capacity: ArrayLike,
    practice: ArrayLike,
    facilitation: ArrayLike,
    strengthening: ArrayLike,
    overload: ArrayLike,
    learning_rate: float,
    erosion_rate: float,
    practice_weight: float,
) -> FloatArray:
    """Capacity grows with practice and facilitation, erodes without them or under overload.

    ``c' = c + r_L (1 - c) min(1, w P + F + S) - r_E c [(1 - P)(1 - F)(1 - S) + O]``
    (capability trap, Repenning & Sterman 2002), clipped to [0, 1].

    Args:
        capacity: Current capacity c.
        practice: Practice P this year, 0..1 (projects / reference).
        facilitation: Facilitation intensity F, 0..1.
        strengthening: BKM-strengthening lever S, 0..1.
        overload: Overload O >= 0 (projects beyond the overload level, relative).
        learning_rate: r_L.
        erosion_rate: r_E.
        practice_weight: w, weight of practice in growth.

    Returns:
        Updated capacity.
    """
    c, p, f, s, o = (_f(x) for x in (capacity, practice, facilitation, strengthening, overload))
    grow = learning_rate * (1.0 - c) * np.minimum(1.0, practice_weight * p + f + s)
    erode = erosion_rate * c * ((1.0 - p) * (1.0 - f) * (1.0 - s) + o)
    return np.clip(c + grow - erode, 0.0, 1.0)


def managing_body_target(base: ArrayLike, capacity: ArrayLike, capacity_weight: float) -> FloatArray:
    """Effectiveness the managing body tends to: ``E* = B (1 - w + w c)``.

    Args:
        base: The ward's inherent managing-body quality B.
        capacity: BKM capacity c.
        capacity_weight: w, how much the target depends on capacity.

    Returns:
        Target effectiveness in [0, 1].
    """
    return np.clip(_f(base) * (1.0 - capacity_weight + capacity_weight * _f(capacity)), 0.0, 1.0)


def grant_absorption(capacity: ArrayLike, absorption_min: float, full_at: float) -> FloatArray:
    """Share of an implementation tranche a BKM manages to spend.

    ``s = a + (1 - a) min(1, c / c_full)``: BKMs at capacity ``c_full`` or more
    spend the tranche fully.

    Args:
        capacity: BKM capacity c.
        absorption_min: Share a the weakest BKM spends.
        full_at: Capacity c_full at which the tranche is spent fully.

    Returns:
        Share spent, in [a, 1].
    """
    return absorption_min + (1.0 - absorption_min) * np.minimum(1.0, _f(capacity) / full_at)


def delivery_success_probability(quality: ArrayLike, delivery_min: float) -> FloatArray:
    """Chance aid succeeds (becomes a working asset, a used fund, a held event).

    ``P = d + (1 - d) q`` with q the BKM's quality relevant to the aid form.

    Args:
        quality: Relevant quality q in [0, 1].
        delivery_min: Floor d.

    Returns:
        Probability in [d, 1].
    """
    return delivery_min + (1.0 - delivery_min) * np.clip(_f(quality), 0.0, 1.0)


def report_probability(capacity: ArrayLike, coordination: ArrayLike, coordination_weight: float) -> FloatArray:
    """Chance a BKM sends a live partner its yearly accountability report.

    ``P = (1 - w) c + w C``.

    Args:
        capacity: BKM capacity c.
        coordination: Communication and coordination C.
        coordination_weight: w.

    Returns:
        Probability in [0, 1].
    """
    return np.clip((1.0 - coordination_weight) * _f(capacity) + coordination_weight * _f(coordination), 0.0, 1.0)


# --------------------------------------------------------------------------- assets and demand


def upkeep_need(assets: ArrayLike, condition: ArrayLike, rate: float, growth: float, structure: str) -> FloatArray:
    """Yearly upkeep an asset stock needs.

    ``condition``: ``U = u V (1 + g (1 - q))`` (deferred maintenance costs more);
    ``fixed_decay``: ``U = u V``.

    Args:
        assets: Asset value V.
        condition: Condition q, 0..1.
        rate: Upkeep rate u.
        growth: Growth g of the need as condition falls.
        structure: ``condition`` or ``fixed_decay``.

    Returns:
        The need U.
    """
    v = _f(assets)
    if structure == "fixed_decay":
        return rate * v
    return rate * v * (1.0 + growth * (1.0 - _f(condition)))


def condition_update(
    condition: ArrayLike,
    paid_share: ArrayLike,
    managing_body: ArrayLike,
    decay: float,
    repair_rate: float,
    managing_body_weight: float,
    structure: str,
) -> FloatArray:
    """Age the assets for a year.

    ``condition``: with upkeep effectiveness ``m = phi (1 - w + w E)``,
    ``q' = q - delta (1 - m) + rho m (1 - q)``: paid, effective upkeep offsets
    wear and repairs past wear, so a well-kept stock holds its condition
    indefinitely (no decay clock).
    ``fixed_decay``: ``q' = q - delta (1 - phi (1 + E) / 2)``, the first model's rule.

    Args:
        condition: Condition q.
        paid_share: Share phi of the upkeep need paid.
        managing_body: Managing-body effectiveness E.
        decay: Wear delta per year.
        repair_rate: rho.
        managing_body_weight: w.
        structure: ``condition`` or ``fixed_decay``.

    Returns:
        Condition after the year, in [0, 1].
    """
    q, phi, e = _f(condition), _f(paid_share), _f(managing_body)
    if structure == "fixed_decay":
        return np.clip(q - decay * (1.0 - phi * (1.0 + e) / 2), 0.0, 1.0)
    m = phi * (1.0 - managing_body_weight + managing_body_weight * e)
    return np.clip(q - decay * (1.0 - m) + repair_rate * m * (1.0 - q), 0.0, 1.0)


def pay_needs(
    cash: ArrayLike, upkeep: ArrayLike, activity_cost: float, inkind: ArrayLike
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Pay the year's needs: in-kind aid covers activities first; cash pays upkeep, then the rest.

    Args:
        cash: Cash before paying.
        upkeep: Upkeep need U.
        activity_cost: Activities' cost A.
        inkind: In-kind activity funding this year (programme and event aid).

    Returns:
        (cash after, upkeep paid, total paid including in-kind).
    """
    c, u = _f(cash), _f(upkeep)
    act_inkind = np.minimum(activity_cost, _f(inkind))
    pay_upkeep = np.minimum(c, u)
    c = c - pay_upkeep
    pay_act = np.minimum(c, activity_cost - act_inkind)
    return c - pay_act, pay_upkeep, act_inkind + pay_upkeep + pay_act


def fee_revenue(
    assets: ArrayLike,
    condition: ArrayLike,
    market_access: ArrayLike,
    managing_body: ArrayLike,
    users_per_asset: float,
    willingness_to_pay: float,
    collection_min: float,
    structure: str,
) -> tuple[FloatArray, FloatArray]:
    """User fees: users x willingness to pay x collection.

    ``market``: users ``= n V a q`` (market access a, condition q);
    ``flat``: users ``= n V``. Collection ``= k + (1 - k) E``.

    Args:
        assets: Asset value V (Rp million).
        condition: Condition q.
        market_access: Market access a of the ward.
        managing_body: Managing-body effectiveness E.
        users_per_asset: n, users per Rp million of assets.
        willingness_to_pay: Fee per user per year (Rp million).
        collection_min: k, share collected by the weakest managing body.
        structure: ``market`` or ``flat``.

    Returns:
        (fees collected, fees agreed), Rp million.
    """
    users = users_per_asset * _f(assets)
    if structure != "flat":
        users = users * _f(market_access) * _f(condition)
    agreed = users * willingness_to_pay
    return agreed * fee_collection(managing_body, collection_min), agreed


def fee_collection(managing_body: ArrayLike, collection_min: float) -> FloatArray:
    """Share of agreed fees collected: ``k + (1 - k) E``.

    Args:
        managing_body: Managing-body effectiveness E.
        collection_min: k, share collected by the weakest managing body.

    Returns:
        The share collected, k to 1.
    """
    return collection_min + (1.0 - collection_min) * np.clip(_f(managing_body), 0.0, 1.0)


def managing_body_of_collection(collection: float, collection_min: float) -> float:
    """The managing-body effectiveness E that collects ``collection`` of agreed fees.

    The inverse of :func:`fee_collection`, clipped to 0..1 (1 when every managing body
    collects everything, ``collection_min`` = 1).
    """
    if collection_min >= 1:
        return 1.0
    return float(np.clip((collection - collection_min) / (1 - collection_min), 0, 1))


def rehabilitate(
    assets: ArrayLike, condition: ArrayLike, amount: ArrayLike, rehab_share: float
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Physical aid first repairs worn assets, then builds new ones.

    Repairing condition ``dq`` of a stock worth V costs ``V dq``; at most a share
    ``r`` of the aid goes to repair. The rest becomes new assets in full
    condition, so value and condition are conserved: repair + new = aid.

    Args:
        assets: Asset value V before.
        condition: Condition q before.
        amount: Physical aid that succeeded.
        rehab_share: r.

    Returns:
        (assets after, condition after, amount spent on repair).
    """
    v, q, a = _f(assets), _f(condition), _f(amount)
    repair = np.minimum(a * rehab_share, v * (1.0 - q))
    q_rep = np.where(v > 0, q + np.divide(repair, v, out=np.zeros_like(v), where=v > 0), q)
    new = a - repair
    total = v + new
    q_out = np.where(total > 0, np.divide(q_rep * v + new, total, out=np.ones_like(total), where=total > 0), q_rep)
    return total, np.clip(q_out, 0.0, 1.0), repair
