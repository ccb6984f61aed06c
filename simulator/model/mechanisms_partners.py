"""The partners' equations: trust, awareness, acceptance and renewal, as pure vectorised functions.

How a partner (a government agency or a firm) learns trust in a BKM, hears of a
ward's programme, accepts a proposal and renews a partnership. Each function takes
NumPy arrays (or scalars) and returns new values; none touches the model or draws
random numbers. The wards' own equations are in :mod:`simulator.model.mechanisms_wards`;
both are re-exported by :mod:`simulator.model.mechanisms`, the equations' public home,
and ``docs/ODD.md`` gives the same equations.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from simulator.model.mechanisms_common import HALF, FloatArray
from simulator.model.mechanisms_common import as_floats as _f

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
