"""Aid delivered, trust learned from it and from reports, and partners' renewal choices.

See ``simulator.model.kernels`` for what every kernel promises.
"""

from __future__ import annotations

import numpy as np

from simulator.model.kernels._jit import njit
from simulator.model.kernels.partners import Payments
from simulator.model.state import (
    EVENT,
    MONEY,
    N_FORMS,
    PHYSICAL,
    PROGRAMME,
    BoolArray,
    FloatArray,
    IntArray,
)
from simulator.numerics import masked_sum, pairwise_sum


@njit
def deliver(
    rng: np.random.Generator,
    due: tuple[IntArray, IntArray, IntArray, FloatArray],
    wards: tuple[FloatArray, FloatArray, FloatArray, FloatArray],
    ledgers: tuple[FloatArray, FloatArray, FloatArray, FloatArray, FloatArray, FloatArray, FloatArray, FloatArray],
    stock: tuple[FloatArray, FloatArray],
    pairs: tuple[IntArray, IntArray, BoolArray],
    aid_given: FloatArray,
    rates: tuple[float, float, float, float, float, float, float],
    t: int,
) -> tuple[BoolArray, FloatArray, FloatArray]:
    """Aid due this year arrives and succeeds or fails; see ``partnering.delivery`` (in place).

    ``due`` is (ward, partner, form, amount) per payment; ``wards`` the BKMs' (managing
    body, capacity, coordination, skill), of which capacity is updated; ``ledgers`` (aid
    received, repair total, built total, cash, cash in, in-kind, projects, event boost);
    ``stock`` (assets, condition); ``pairs`` (last active, last form, touched); ``rates``
    (physical and money managing-body weights, event coordination weight, delivery floor,
    repair share, programme capacity gain, event awareness gain). One uniform per payment.

    Returns:
        Which payments succeeded, the succeeded amount per ward and form, and the year's sums:
        aid per form (``AID_FORMS``), aid failed, aid spent on repair.
    """
    w, p, f, amt = due
    mb, cap, coord, skill = wards
    received, rehab_total, built_total, cash, cash_in, inkind, projects, event_boost = ledgers
    assets, condition = stock
    last_active, last_form, touched = pairs
    wp, wm, we, dmin, rehab_share, prog_gain, event_gain = rates
    n, W = len(w), len(mb)
    ok = np.empty(n, dtype=np.bool_)
    for i in range(n):
        wi = w[i]
        if f[i] == PHYSICAL:
            q = wp * mb[wi] + (1 - wp) * cap[wi]
        elif f[i] == MONEY:
            q = wm * mb[wi] + (1 - wm) * cap[wi]
        elif f[i] == PROGRAMME:
            q = cap[wi]
        else:
            q = we * coord[wi] + (1 - we) * skill[wi]
        ok[i] = rng.random() < dmin + (1.0 - dmin) * min(max(q, 0.0), 1.0)
    got = np.zeros(W)
    given = np.zeros(len(aid_given))
    good = np.zeros((W, N_FORMS))
    for i in range(n):
        got[w[i]] += amt[i]
        given[p[i]] += amt[i]
        if ok[i]:
            good[w[i], f[i]] += amt[i]
    repair = np.empty(W)
    for k in range(W):
        received[k] += got[k]
        v, q, a = assets[k], condition[k], good[k, PHYSICAL]
        repair[k] = min(a * rehab_share, v * (1.0 - q))
        q_rep = q + repair[k] / v if v > 0 else q
        new = a - repair[k]
        total = v + new
        q_out = (q_rep * v + new) / total if total > 0 else q_rep
        assets[k] = total
        condition[k] = min(max(q_out, 0.0), 1.0)
        rehab_total[k] += repair[k]
        built_total[k] += a - repair[k]
        cash[k] += good[k, MONEY]
        cash_in[k] += good[k, MONEY]
        inkind[k] += good[k, PROGRAMME] + good[k, EVENT]
        c = cap[k]
        cap[k] = min(max(c + min(1.0, prog_gain * good[k, PROGRAMME]) * (1.0 - c), 0.0), 1.0)
        event_boost[k] = min(1.0, event_gain * (good[k, EVENT] > 0))
    for q in range(len(aid_given)):
        aid_given[q] += given[q]
    for i in range(n):
        last_active[p[i], w[i]] = max(last_active[p[i], w[i]], t)
        last_form[p[i], w[i]] = f[i]
        touched[p[i], w[i]] = True
        projects[w[i]] += 1.0
    sums = np.zeros(N_FORMS + 2)
    for k in range(N_FORMS):
        sums[k] = masked_sum(amt, f == k)
    sums[N_FORMS] = masked_sum(amt, ~ok)
    sums[N_FORMS + 1] = pairwise_sum(repair)
    return ok, good, sums


@njit
def learn_from_deliveries(
    p: IntArray,
    w: IntArray,
    ok: BoolArray,
    trust_partner: FloatArray,
    trust_bkm: FloatArray,
    heard: BoolArray,
    partner_region: IntArray,
    n_regions: int,
    learn_success: float,
    learn_failure: float,
    spread: float,
) -> None:
    """Trust learns from this year's deliveries, in place; see ``partnering.learn_from_deliveries``.

    First each pair's own deliveries, one after another (``mechanisms.trust_update`` for the
    partner's trust, a success-only update for the BKM's); then, when ``spread`` > 0, what
    the other partners of the same region saw (``mechanisms.reputation_update``).
    """
    for i in range(len(p)):
        pi, wi = p[i], w[i]
        o = 1.0 if ok[i] else 0.0
        tp = trust_partner[pi, wi]
        rate = learn_success if ok[i] else learn_failure
        trust_partner[pi, wi] = min(max(tp + rate * (o - tp), 0.0), 1.0)
        tb = trust_bkm[pi, wi]
        if ok[i]:
            trust_bkm[pi, wi] = tb + learn_success * (1 - tb)
    if spread <= 0:
        return
    P, W = trust_partner.shape
    reg_s = np.zeros((n_regions, W))
    reg_f = np.zeros((n_regions, W))
    own_s = np.zeros((P, W))
    own_f = np.zeros((P, W))
    got = np.zeros(W, dtype=np.bool_)
    for i in range(len(p)):
        r = partner_region[p[i]]
        if ok[i]:
            reg_s[r, w[i]] += 1.0
            own_s[p[i], w[i]] += 1.0
        else:
            reg_f[r, w[i]] += 1.0
            own_f[p[i], w[i]] += 1.0
        got[w[i]] = True
    for wi in range(W):
        if not got[wi]:
            continue
        for pi in range(P):
            r = partner_region[pi]
            s = reg_s[r, wi] - own_s[pi, wi]
            f = reg_f[r, wi] - own_f[pi, wi]
            n = s + f
            if n > 0:
                t = trust_partner[pi, wi]
                rate = min(1.0, spread * (learn_success * s + learn_failure * f) / n)
                trust_partner[pi, wi] = min(max(t + rate * (s / n - t), 0.0), 1.0)
                heard[pi, wi] = True


@njit
def report(
    rng: np.random.Generator,
    alive: BoolArray,
    p_report: FloatArray,
    trust_partner: FloatArray,
    learn: bool,
    rate: float,
) -> tuple[BoolArray, int, int]:
    """BKMs report to their live partners, or fail to; partners' trust learns (in place); see ``partnering.reporting``.

    One uniform per partner x ward (partner-major), live or not.

    Returns:
        Which pairs got a report, the number of reports sent and the number missing.
    """
    P, W = alive.shape
    reported = np.zeros((P, W), dtype=np.bool_)
    sent = missing = 0
    for p in range(P):
        for w in range(W):
            reported[p, w] = alive[p, w] & (rng.random() < p_report[w])
            sent += reported[p, w]
            missing += alive[p, w] and not reported[p, w]
    if learn:
        for p in range(P):
            for w in range(W):
                if alive[p, w]:
                    t = trust_partner[p, w]
                    trust_partner[p, w] = min(max(t + rate * (reported[p, w] - t), 0.0), 1.0)
    return reported, sent, missing


@njit
def renew(
    rng: np.random.Generator,
    p: IntArray,
    w: IntArray,
    p_renew: FloatArray,
    pairs: tuple[FloatArray, BoolArray, IntArray, BoolArray],
    rule: tuple[float, float, float, float],
    reasons: tuple[int, int],
) -> tuple[int, int]:
    """Each partner renews, scales down or leaves each live partnership in (p, w) (in place).

    One uniform per pair, as ``mechanisms.renewal_choice``: renew below the renewal chance,
    else scale down below chance + (1 - chance) x scale-down share, else leave. ``pairs`` is
    (scale, ended, reason, committed); ``rule`` (scale-down share, scale-down factor, minimum
    scale, tolerance); ``reasons`` the ``END_REASONS`` indices of leaving and scaling out.

    Returns:
        The numbers renewed and scaled down (and kept).
    """
    scale, ended, reason, committed = pairs
    share, factor, min_scale, tol = rule
    left, scaled_out = reasons
    renewed = scaled = 0
    for i in range(len(p)):
        pi, wi, pr = p[i], w[i], p_renew[i]
        u = rng.random()
        if u < pr:
            committed[pi, wi] = True
            renewed += 1
        elif u < pr + (1.0 - pr) * share:
            scale[pi, wi] *= factor
            if scale[pi, wi] < min_scale - tol:
                ended[pi, wi] = True
                reason[pi, wi] = scaled_out
            else:
                committed[pi, wi] = True
                scaled += 1
        else:
            ended[pi, wi] = True
            reason[pi, wi] = left
    return renewed, scaled


@njit
def delivery_phase(
    rng: np.random.Generator,
    t: int,
    pending: Payments,
    bkm: tuple[FloatArray, FloatArray, FloatArray, FloatArray],
    ledgers: tuple[FloatArray, FloatArray, FloatArray, FloatArray, FloatArray, FloatArray, FloatArray, FloatArray],
    stock: tuple[FloatArray, FloatArray],
    pairs: tuple[IntArray, IntArray, BoolArray],
    aid_given: FloatArray,
    rates: tuple[float, float, float, float, float, float, float],
    trust: tuple[bool, FloatArray, FloatArray, BoolArray, IntArray, int, float, float, float],
) -> tuple[Payments, Payments, BoolArray, FloatArray]:
    """The payments due this year arrive (:func:`deliver`) and trust learns from them; see ``partnering.delivery``.

    ``trust`` is (trust learns, trust of partners, trust of BKMs, heard, partners' regions,
    number of regions, success and failure rates, reputation spread). The event boost is
    reset first; nothing else happens in a year without payments.

    Returns:
        The payments still pending, those made this year, which succeeded, and the sums of
        :func:`deliver`.
    """
    due, w, p, f, amt = pending
    now, later = due == t, due > t
    rest = (due[later], w[later], p[later], f[later], amt[later])
    paid = (due[now], w[now], p[now], f[now], amt[now])
    ledgers[-1][:] = 0.0  # the event boost lasts one year
    if not now.any():
        return rest, paid, np.zeros(0, dtype=np.bool_), np.zeros(N_FORMS + 2)
    ok, _, sums = deliver(rng, paid[1:], bkm, ledgers, stock, pairs, aid_given, rates, t)
    learn, tp, tb, heard, region, n_regions, ls, lf, spread = trust
    if learn:
        learn_from_deliveries(paid[2], paid[1], ok, tp, tb, heard, region, n_regions, ls, lf, spread)
    return rest, paid, ok, sums


@njit
def reporting_phase(
    rng: np.random.Generator,
    alive: BoolArray,
    bkm: tuple[FloatArray, FloatArray],
    coordination_weight: float,
    trust_partner: FloatArray,
    learn: bool,
    rate: float,
) -> tuple[BoolArray, int, int]:
    """Reports to live partners with ``mechanisms.report_probability``, then :func:`report`."""
    capacity, coordination = bkm
    p_report = np.empty(len(capacity))
    for w in range(len(capacity)):
        x = (1.0 - coordination_weight) * capacity[w] + coordination_weight * coordination[w]
        p_report[w] = min(max(x, 0.0), 1.0)
    return report(rng, alive, p_report, trust_partner, learn, rate)


RENEWAL_STRUCTURES = ("decision", "lapse", "permanent")
"""``structure.renewal`` by the code the kernels take."""
DECISION, LAPSE, PERMANENT = range(len(RENEWAL_STRUCTURES))


@njit
def partnerships(
    rng: np.random.Generator,
    t: int,
    structure: int,
    pairs: tuple[BoolArray, IntArray, IntArray, IntArray, FloatArray, BoolArray, FloatArray, BoolArray],
    budgets: tuple[FloatArray, FloatArray, FloatArray],
    rule: tuple[float, float, float, float, float, float, float, float, float, float, float, float],
    reasons: tuple[int, int, int, int],
) -> tuple[int, int, BoolArray, IntArray]:
    """Which live partnerships end this year and why; see ``partnering.partnerships``.

    ``structure`` is a ``RENEWAL_STRUCTURES`` code; ``pairs`` (alive, started, last active,
    last form, trust of partners, reported, scale, committed); ``budgets`` (budget, budget
    left, fit by form); ``rule`` (backstop years, renewal bias, trust, report, fit and
    budget weights, scale-down share, scale-down factor, minimum scale, tolerance, trust
    threshold and lapse years of the lapse rule); ``reasons`` the ``END_REASONS`` indices of
    lapsing, leaving, scaling out and failed trust. Under ``decision`` each partner renews,
    scales down or leaves each partnership that began before this year
    (``mechanisms.renewal_probability``: the logistic is computed with the C library's
    ``exp``, which may round differently in the last bit from NumPy's), after the backstop
    ends those idle too long.

    Returns:
        Partnerships renewed and scaled down, and the partner x ward masks of those that end
        and of their reasons.
    """
    alive, started, last_active, last_form, trust, reported, scale, committed = pairs
    budget, budget_left, fit = budgets
    backstop, bias, w_t, w_r, w_f, w_b, down_share, factor, min_scale, tol, threshold, lapse = rule
    lapsed, left, scaled_out, failed = reasons
    P, W = alive.shape
    ended = np.zeros((P, W), dtype=np.bool_)
    reason = np.zeros((P, W), dtype=np.int64)
    if structure == PERMANENT:  # nothing ends; every partnership is renewed
        renewed = 0
        for p in range(P):
            for w in range(W):
                if alive[p, w] and started[p, w] < t:
                    committed[p, w] = True
                    renewed += 1
        return renewed, 0, ended, reason
    if structure == LAPSE:
        for p in range(P):
            for w in range(W):
                if alive[p, w] and trust[p, w] < threshold:
                    ended[p, w], reason[p, w] = True, failed
                elif alive[p, w] and t - last_active[p, w] >= lapse:
                    ended[p, w], reason[p, w] = True, lapsed
        return 0, 0, ended, reason
    n = 0
    for p in range(P):
        for w in range(W):
            if alive[p, w] and t - last_active[p, w] >= backstop:
                ended[p, w], reason[p, w] = True, lapsed
            elif alive[p, w] and started[p, w] < t:
                n += 1
    ps, ws, prob = np.empty(n, dtype=np.int64), np.empty(n, dtype=np.int64), np.empty(n)
    half = 1 / 2
    i = 0
    for p in range(P):
        share = budget_left[p] / budget[p] if budget[p] > 0 else 0.0
        for w in range(W):
            if alive[p, w] and not ended[p, w] and started[p, w] < t:
                x = bias + w_t * (trust[p, w] - half) + w_r * (reported[p, w] - half)
                x = x + w_f * (fit[p, last_form[p, w]] - half) + w_b * (share - half)
                ps[i], ws[i], prob[i] = p, w, 1.0 / (1.0 + np.exp(-x))
                i += 1
    renewed, scaled = renew(
        rng, ps, ws, prob, (scale, ended, reason, committed), (down_share, factor, min_scale, tol), (left, scaled_out)
    )
    return renewed, scaled, ended, reason


@njit
def end_pairs(
    t: int,
    ended: BoolArray,
    reason: IntArray,
    pairs: tuple[BoolArray, FloatArray, BoolArray, IntArray, IntArray],
) -> tuple[IntArray, IntArray, IntArray, FloatArray, IntArray]:
    """End the partnerships marked in ``ended`` (in place); see ``partnering.end_partnerships``.

    ``pairs`` is (alive, scale, committed, started, last form).

    Returns:
        Partner, ward, last aid form, years observed alive and reason of each, partner-major.
    """
    alive, scale, committed, started, last_form = pairs
    P, W = ended.shape
    n = int(ended.sum())
    p_, w_, f_ = np.empty(n, dtype=np.int64), np.empty(n, dtype=np.int64), np.empty(n, dtype=np.int64)
    dur, why = np.empty(n), np.empty(n, dtype=np.int64)
    i = 0
    for p in range(P):
        for w in range(W):
            if ended[p, w]:
                p_[i], w_[i], f_[i] = p, w, last_form[p, w]
                dur[i], why[i] = float(t - started[p, w]), reason[p, w]
                alive[p, w], scale[p, w], committed[p, w] = False, 0.0, False
                i += 1
    return p_, w_, f_, dur, why
