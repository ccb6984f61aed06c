"""The model's submodels as pure, vectorised functions.

Each function takes NumPy arrays (or scalars) and returns new values; none
touches the model or draws random numbers, so each can be tested with exact
expectations on small hand-made cases. ``docs/ODD.md`` gives the same equations.
Every number a submodel uses comes in as an argument, read by the model from the
parameter registry (``simulator.params``); the only literals here are 0, 1, 2
and the midpoint 1/2 that centres a logit term.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]

HALF = 1 / 2
"""Midpoint of a 0..1 quantity: logit terms are centred on it."""


def _f(x: ArrayLike) -> FloatArray:
    return np.asarray(x, dtype=float)


# --------------------------------------------------------------------------- trust


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
    t = _f(trust)
    o = _f(outcome)
    rate = np.where(o >= HALF, learn_success, learn_failure)
    return np.clip(t + rate * (o - t), 0.0, 1.0)


def learning_rates(structure: str, learn_success: float, learn_failure: float) -> tuple[float, float]:
    """Trust learning rates (success, failure) under a trust structure.

    Args:
        structure: ``learned`` (the rates as given: negativity bias),
            ``symmetric`` (both rates set to their mean) or ``fixed`` (no learning).
        learn_success: Registry rate after a good outcome.
        learn_failure: Registry rate after a bad outcome.

    Returns:
        The rates to use after a good and after a bad outcome.
    """
    if structure == "fixed":
        return 0.0, 0.0
    if structure == "symmetric":
        mean = (learn_success + learn_failure) / 2
        return mean, mean
    return learn_success, learn_failure


def reputation_update(
    trust: ArrayLike,
    successes: ArrayLike,
    failures: ArrayLike,
    spread: float,
    learn_success: float,
    learn_failure: float,
) -> FloatArray:
    """Learn trust from outcomes heard from other partners (reputation).

    With S good and F bad outcomes heard, the heard outcome is ``o = S / (S + F)``
    and ``T' = T + min(1, r) (o - T)`` with
    ``r = spread (learn_success S + learn_failure F) / (S + F)``: a heard failure
    weighs as much more than a heard success as an own one does. Nothing heard
    leaves trust as it is.

    Args:
        trust: Current trust of the hearing partner in the BKM.
        successes: Good outcomes heard (count).
        failures: Bad outcomes heard (count).
        spread: Weight of heard outcomes relative to own ones (0 = none).
        learn_success: Learning rate after a good outcome.
        learn_failure: Learning rate after a bad outcome.

    Returns:
        Updated trust in [0, 1].
    """
    t = _f(trust)
    s = _f(successes)
    f = _f(failures)
    n = s + f
    heard = n > 0
    safe = np.where(heard, n, 1.0)
    o = s / safe
    rate = np.minimum(1.0, spread * (learn_success * s + learn_failure * f) / safe)
    return np.where(heard, np.clip(t + rate * (o - t), 0.0, 1.0), t)


def trust_forget(trust: ArrayLike, baseline: ArrayLike, rate: ArrayLike) -> FloatArray:
    """Drift trust back toward its baseline in a year without contact.

    ``T' = T + f (T0 - T)``.

    Args:
        trust: Current trust, 0..1.
        baseline: Baseline trust T0.
        rate: Forgetting rate f per year (array or scalar).

    Returns:
        Updated trust.
    """
    t = _f(trust)
    return np.clip(t + _f(rate) * (_f(baseline) - t), 0.0, 1.0)


# --------------------------------------------------------------------------- decisions


def logistic(x: ArrayLike) -> FloatArray:
    """The logistic function ``1 / (1 + exp(-x))``."""
    return 1.0 / (1.0 + np.exp(-_f(x)))


def enabler_index(
    trust: ArrayLike,
    coordination: ArrayLike,
    skill: ArrayLike,
    shares: tuple[float, float, float],
    structure: str,
) -> FloatArray:
    """Combine the study's three enablers into one index in [0, 1].

    ``complementary``: the weighted geometric mean ``T^a C^b S^c`` (each enabler
    needs the others: the gain from one grows with the others).
    ``additive``: the weighted mean ``a T + b C + c S`` (no interaction).
    ``substitutes``: ``1 - (1-T)^a (1-C)^b (1-S)^c`` (any one enabler can stand
    in for the others: the gain from one shrinks as the others grow).

    Args:
        trust: The funder's trust in the BKM, T.
        coordination: The BKM's communication and coordination, C.
        skill: The marketing team's skill, S.
        shares: Weights (a, b, c), summing to 1.
        structure: ``complementary``, ``additive`` or ``substitutes``.

    Returns:
        The enabler index.
    """
    t, c, s = (np.clip(_f(x), 0.0, 1.0) for x in (trust, coordination, skill))
    a, b, k = shares
    if structure == "additive":
        return a * t + b * c + k * s
    if structure == "substitutes":
        return 1.0 - np.power(1.0 - t, a) * np.power(1.0 - c, b) * np.power(1.0 - s, k)
    return np.power(t, a) * np.power(c, b) * np.power(s, k)


def acceptance_logit(
    bias: ArrayLike,
    enabler: ArrayLike,
    fit: ArrayLike,
    quality: ArrayLike,
    w_enabler: float,
    w_fit: float,
    w_quality: float,
    bonus: ArrayLike = 0.0,
) -> FloatArray:
    """A funder's utility of accepting a proposal, on the logit scale.

    ``x = b + w_E (E - 1/2) + w_F (F - 1/2) + w_Q (Q - 1/2) + bonus``.
    The funder accepts when ``x + e > 0`` with e a standard logistic draw, so the
    chance is ``logistic(x)``; in the musrenbang round proposals are also ranked
    by ``x + e``.

    Args:
        bias: Funder's intercept b (its priority for community proposals).
        enabler: Enabler index E (see :func:`enabler_index`).
        fit: Fit of the aid form with the funder's preferences, F (0..1).
        quality: Proposal quality Q (BKM capacity, facilitation).
        w_enabler: Weight of the enabler index.
        w_fit: Weight of fit.
        w_quality: Weight of quality.
        bonus: Logit added for a partner already in a live partnership.

    Returns:
        The logit.
    """
    return (
        _f(bias)
        + w_enabler * (_f(enabler) - HALF)
        + w_fit * (_f(fit) - HALF)
        + w_quality * (_f(quality) - HALF)
        + _f(bonus)
    )


def acceptance_probability(
    bias: ArrayLike,
    enabler: ArrayLike,
    fit: ArrayLike,
    quality: ArrayLike,
    w_enabler: float,
    w_fit: float,
    w_quality: float,
    bonus: ArrayLike = 0.0,
) -> FloatArray:
    """Chance a funder that answered a proposal accepts it: ``logistic`` of :func:`acceptance_logit`."""
    return logistic(acceptance_logit(bias, enabler, fit, quality, w_enabler, w_fit, w_quality, bonus))


def renewal_probability(
    bias: float,
    trust: ArrayLike,
    reported: ArrayLike,
    fit: ArrayLike,
    budget_share: ArrayLike,
    w_trust: float,
    w_report: float,
    w_fit: float,
    w_budget: float,
) -> FloatArray:
    """Chance a partner renews a live partnership for another year.

    ``P = logistic(b + w_T (T - 1/2) + w_R (R - 1/2) + w_F (F - 1/2) + w_B (B - 1/2))``
    with T its trust in the BKM, R = 1 if the BKM reported this year, F the
    partnership's fit with the partner's current priorities and B the share of
    its yearly budget left (relational contracting: Ring & Van de Ven 1994).

    Args:
        bias: Intercept b.
        trust: Partner's trust in the BKM.
        reported: 1 if the BKM reported to the partner this year, else 0.
        fit: Fit of the partnership's aid form with the partner's priorities.
        budget_share: Share of the partner's budget left this year.
        w_trust: Weight of trust.
        w_report: Weight of reporting.
        w_fit: Weight of fit.
        w_budget: Weight of budget left.

    Returns:
        Probability in (0, 1).
    """
    x = (
        bias
        + w_trust * (_f(trust) - HALF)
        + w_report * (_f(reported) - HALF)
        + w_fit * (_f(fit) - HALF)
        + w_budget * (_f(budget_share) - HALF)
    )
    return logistic(x)


RENEW, SCALE_DOWN, LEAVE = 0, 1, 2
"""Renewal choices, as returned by :func:`renewal_choice`."""


def renewal_choice(p_renew: ArrayLike, scale_down_share: float, draw: ArrayLike) -> NDArray[np.int64]:
    """Turn a renewal probability and a uniform draw into renew / scale down / leave.

    Renew when ``u < P``; else scale down when ``u < P + (1 - P) s``; else leave.

    Args:
        p_renew: Chance of renewing.
        scale_down_share: Share s of non-renewals that scale down.
        draw: Uniform draws u in [0, 1).

    Returns:
        ``RENEW``, ``SCALE_DOWN`` or ``LEAVE`` per element.
    """
    p = _f(p_renew)
    u = _f(draw)
    out = np.full(np.broadcast(p, u).shape, LEAVE, dtype=np.int64)
    out[u < p + (1.0 - p) * scale_down_share] = SCALE_DOWN
    out[u < p] = RENEW
    return out


def notice_probability(reach: ArrayLike, marketing: ArrayLike, rate: float, extra: ArrayLike = 0.0) -> FloatArray:
    """Chance a firm's CSR desk takes notice of the programme this year (``structure.awareness = gated``).

    ``p = r * sum_w(R_w M_w) / sum_w(R_w) + extra``: the rate times the reach-weighted
    mean marketing (effort x skill) of the wards the firm can see, plus what a CSR
    forum adds.

    Args:
        reach: Firm x ward reach R (1 in the home region, less outside it).
        marketing: Wards' marketing M this year.
        rate: Notice rate r at full marketing everywhere in reach.
        extra: Added chance (a CSR forum), per firm or scalar.

    Returns:
        One probability per firm, in [0, 1].
    """
    r = _f(reach)
    total = r.sum(axis=1)
    seen = np.divide(r @ _f(marketing), total, out=np.zeros_like(total), where=total > 0)
    return np.clip(rate * seen + _f(extra), 0.0, 1.0)


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
    return np.clip(innovation * _f(marketing) + imitation * _f(share_aware) + _f(extra), 0.0, 1.0)


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
    collection = collection_min + (1.0 - collection_min) * np.clip(_f(managing_body), 0.0, 1.0)
    return agreed * collection, agreed


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


# --------------------------------------------------------------------------- helpers


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
