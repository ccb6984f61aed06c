"""Aid delivered, trust learned from it and from reports, and partners' renewal choices.

See ``simulator.model.kernels`` for what every kernel promises.
"""

from __future__ import annotations

import numpy as np

from simulator.model.kernels._jit import njit
from simulator.model.kernels.pairs import pair_ids
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
    Pairs,
    UintArray,
)
from simulator.numerics import (
    JumpTable,
    flagged,
    masked_sum,
    pairwise_sum,
    pcg_finish,
    pcg_state,
    pcg_uniform_after,
    stable_order,
    uniform_after,
)


@njit
def deliver(
    rng: np.random.Generator,
    due: tuple[IntArray, IntArray, IntArray, FloatArray],
    wards: tuple[FloatArray, FloatArray, FloatArray, FloatArray],
    ledgers: tuple[FloatArray, FloatArray, FloatArray, FloatArray, FloatArray, FloatArray, FloatArray, FloatArray],
    stock: tuple[FloatArray, FloatArray],
    pairs: tuple[Pairs, IntArray, IntArray, BoolArray],
    aid_given: FloatArray,
    rates: tuple[float, float, float, float, float, float, float],
    t: int,
) -> tuple[BoolArray, FloatArray, FloatArray]:
    """Aid due this year arrives and succeeds or fails; see ``partnering.delivery`` (in place).

    ``due`` is (ward, partner, form, amount) per payment; ``wards`` the BKMs' (managing
    body, capacity, coordination, skill), of which capacity is updated; ``ledgers`` (aid
    received, repair total, built total, cash, cash in, in-kind, projects, event boost);
    ``stock`` (assets, condition); ``pairs`` (the pairs, last active, last form, touched); ``rates``
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
    index, last_active, last_form, touched = pairs
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
    ks = pair_ids(index.start, index.ward, p, w)
    for i in range(n):
        k = ks[i]
        last_active[k] = max(last_active[k], t)
        last_form[k] = f[i]
        touched[k] = True
        projects[w[i]] += 1.0
    sums = np.zeros(N_FORMS + 2)
    for k in range(N_FORMS):
        sums[k] = masked_sum(amt, f == k)
    sums[N_FORMS] = masked_sum(amt, ~ok)
    sums[N_FORMS + 1] = pairwise_sum(repair)
    return ok, good, sums


@njit
def learn_from_deliveries(
    index: Pairs,
    p: IntArray,
    w: IntArray,
    ok: BoolArray,
    trust_partner: FloatArray,
    trust_bkm: FloatArray,
    heard: BoolArray,
    regions: tuple[IntArray, IntArray, IntArray],
    n_regions: int,
    learn_success: float,
    learn_failure: float,
    spread: float,
) -> None:
    """Trust learns from this year's deliveries, in place; see ``partnering.learn_from_deliveries``.

    First each pair's own deliveries, one after another (``mechanisms.trust_update`` for the
    partner's trust, a success-only update for the BKM's); then, when ``spread`` > 0, what
    the other partners of the same region saw (``mechanisms.reputation_update``), for each
    partner that reaches the ward. ``trust_partner``, ``trust_bkm`` and ``heard`` are pair
    arrays; ``p`` and ``w`` each payment's partner and ward; ``regions`` each partner's region,
    then each ward's pairs grouped by their partner's region and those regions, ascending,
    in ``index.wstart`` segments (:func:`region_groups`): only the pairs of the regions that
    saw something in a ward are visited. Each pair's update depends on nothing but its own
    deliveries and its region's, so the order of the visits changes nothing.
    """
    partner_region, group_pairs, group_regions = regions
    ks = pair_ids(index.start, index.ward, p, w)
    for i in range(len(p)):
        k = ks[i]
        o = 1.0 if ok[i] else 0.0
        tp = trust_partner[k]
        rate = learn_success if ok[i] else learn_failure
        trust_partner[k] = min(max(tp + rate * (o - tp), 0.0), 1.0)
        tb = trust_bkm[k]
        if ok[i]:
            trust_bkm[k] = tb + learn_success * (1 - tb)
    if spread <= 0:
        return
    wstart = index.wstart
    reg_s = np.zeros(n_regions)  # one ward's successes and failures by the partners' region
    reg_f = np.zeros(n_regions)
    done = np.zeros(n_regions, dtype=np.bool_)  # the ward's regions whose pairs were visited
    order = stable_order(w, len(wstart) - 1)
    n = len(w)
    i = 0
    while i < n:  # ward by ward
        wi = w[order[i]]
        j = i
        while j < n and w[order[j]] == wi:
            q = order[j]
            r = partner_region[p[q]]
            if ok[q]:
                reg_s[r] += 1.0
            else:
                reg_f[r] += 1.0
            j += 1
        first, end = wstart[wi], wstart[wi + 1]
        for jr in range(i, j):  # the regions that saw something here, each once
            r = partner_region[p[order[jr]]]
            if done[r]:
                continue
            done[r] = True
            lo = first + np.searchsorted(group_regions[first:end], r)
            for jj in range(lo, end):  # the ward's pairs whose partner is of region r
                if group_regions[jj] != r:
                    break
                k = group_pairs[jj]
                s, f = reg_s[r], reg_f[r]
                for jq in range(i, j):  # less what the pair saw itself (a ward has few payments)
                    if ks[order[jq]] == k:
                        if ok[order[jq]]:
                            s -= 1.0
                        else:
                            f -= 1.0
                m = s + f
                if m > 0:
                    t = trust_partner[k]
                    rate = min(1.0, spread * (learn_success * s + learn_failure * f) / m)
                    trust_partner[k] = min(max(t + rate * (s / m - t), 0.0), 1.0)
                    heard[k] = True
        for jj in range(i, j):  # clear the counts for the next ward
            r = partner_region[p[order[jj]]]
            reg_s[r] = 0.0
            reg_f[r] = 0.0
            done[r] = False
        i = j


@njit
def region_groups(index: Pairs, partner_region: IntArray) -> tuple[IntArray, IntArray]:
    """Each ward's pairs grouped by their partner's region (ascending; in ward order within one), and those regions.

    In ``index.wstart`` segments, as :func:`learn_from_deliveries` takes them: fixed in a run,
    built once per layout.
    """
    by_ward, wstart = index.by_ward, index.wstart
    W, K = len(wstart) - 1, len(by_ward)
    pairs, keys = np.empty(K, dtype=np.int64), np.empty(K, dtype=np.int64)
    for wi in range(W):
        lo, hi = wstart[wi], wstart[wi + 1]
        seg = np.empty(hi - lo, dtype=np.int64)
        for jj in range(lo, hi):
            seg[jj - lo] = partner_region[index.partner[by_ward[jj]]]
        by = np.argsort(seg, kind="mergesort")
        for jj in range(hi - lo):
            pairs[lo + jj] = by_ward[lo + by[jj]]
            keys[lo + jj] = seg[by[jj]]
    return pairs, keys


@njit
def report(
    rng: np.random.Generator,
    ward: IntArray,
    alive: BoolArray,
    p_report: FloatArray,
    trust_partner: FloatArray,
    learn: bool,
    rate: float,
    words: UintArray,
    jumps: JumpTable,
) -> tuple[BoolArray, int, int]:
    """BKMs report to their live partners, or fail to; partners' trust learns (in place); see ``partnering.reporting``.

    One uniform per pair (partner-major), live or not; those of pairs without a live
    partnership are stepped over through ``words`` (``numerics.pcg_words``) and ``jumps``
    (``numerics.pcg_jumps``), not computed.
    ``ward`` is each pair's ward.

    Returns:
        Which pairs got a report, the number of reports sent and the number missing.
    """
    K = len(alive)
    reported = np.zeros(K, dtype=np.bool_)
    sent = missing = 0
    fast, state = len(words) > 0, pcg_state(words)
    last = -1  # the last live pair: the pairs in between use no uniform
    for k in flagged(alive):
        idle = k - last - 1
        last = k
        if fast:
            state, u = pcg_uniform_after(state, jumps, idle)
        else:
            u = uniform_after(rng, idle)
        reported[k] = u < p_report[ward[k]]
        sent += reported[k]
        missing += not reported[k]
        if learn:  # each pair's trust learns from its own report only
            t = trust_partner[k]
            trust_partner[k] = min(max(t + rate * (reported[k] - t), 0.0), 1.0)
    pcg_finish(rng, words, state, K - last - 1)
    return reported, sent, missing


@njit
def renew(
    rng: np.random.Generator,
    ks: IntArray,
    p_renew: FloatArray,
    pairs: tuple[FloatArray, BoolArray, IntArray, BoolArray],
    rule: tuple[float, float, float, float],
    reasons: tuple[int, int],
) -> tuple[int, int]:
    """Each partner renews, scales down or leaves each live partnership (pair) in ``ks`` (in place).

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
    for i in range(len(ks)):
        k, pr = ks[i], p_renew[i]
        u = rng.random()
        if u < pr:
            committed[k] = True
            renewed += 1
        elif u < pr + (1.0 - pr) * share:
            scale[k] *= factor
            if scale[k] < min_scale - tol:
                ended[k] = True
                reason[k] = scaled_out
            else:
                committed[k] = True
                scaled += 1
        else:
            ended[k] = True
            reason[k] = left
    return renewed, scaled


@njit
def delivery_phase(
    rng: np.random.Generator,
    t: int,
    pending: Payments,
    bkm: tuple[FloatArray, FloatArray, FloatArray, FloatArray],
    ledgers: tuple[FloatArray, FloatArray, FloatArray, FloatArray, FloatArray, FloatArray, FloatArray, FloatArray],
    stock: tuple[FloatArray, FloatArray],
    pairs: tuple[Pairs, IntArray, IntArray, BoolArray],
    aid_given: FloatArray,
    rates: tuple[float, float, float, float, float, float, float],
    trust: tuple[bool, FloatArray, FloatArray, BoolArray, tuple[IntArray, IntArray], int, float, float, float],
) -> tuple[Payments, Payments, BoolArray, FloatArray]:
    """The payments due this year arrive (:func:`deliver`) and trust learns from them; see ``partnering.delivery``.

    ``trust`` is (trust learns, trust of partners, trust of BKMs, heard, the regions (see
    :func:`learn_from_deliveries`), number of regions, success and failure rates, reputation
    spread). The event boost is reset first; nothing else happens in a year without payments.

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
        learn_from_deliveries(pairs[0], paid[2], paid[1], ok, tp, tb, heard, region, n_regions, ls, lf, spread)
    return rest, paid, ok, sums


@njit
def reporting_phase(
    rng: np.random.Generator,
    ward: IntArray,
    alive: BoolArray,
    bkm: tuple[FloatArray, FloatArray],
    coordination_weight: float,
    trust_partner: FloatArray,
    learn: bool,
    rate: float,
    words: UintArray,
    jumps: JumpTable,
) -> tuple[BoolArray, int, int]:
    """Reports to live partners with ``mechanisms.report_probability``, then :func:`report`."""
    capacity, coordination = bkm
    p_report = np.empty(len(capacity))
    for w in range(len(capacity)):
        x = (1.0 - coordination_weight) * capacity[w] + coordination_weight * coordination[w]
        p_report[w] = min(max(x, 0.0), 1.0)
    return report(rng, ward, alive, p_report, trust_partner, learn, rate, words, jumps)


RENEWAL_STRUCTURES = ("decision", "lapse", "permanent")
"""``structure.renewal`` by the code the kernels take."""
DECISION, LAPSE, PERMANENT = range(len(RENEWAL_STRUCTURES))


@njit
def partnerships(
    rng: np.random.Generator,
    t: int,
    structure: int,
    pairs: tuple[Pairs, BoolArray, IntArray, IntArray, IntArray, FloatArray, BoolArray, FloatArray, BoolArray],
    budgets: tuple[FloatArray, FloatArray, FloatArray],
    rule: tuple[float, float, float, float, float, float, float, float, float, float, float, float],
    reasons: tuple[int, int, int, int],
) -> tuple[int, int, BoolArray, IntArray]:
    """Which live partnerships end this year and why; see ``partnering.partnerships``.

    ``structure`` is a ``RENEWAL_STRUCTURES`` code; ``pairs`` (the pairs, alive, started,
    last active, last form, trust of partners, reported, scale, committed); ``budgets`` (budget, budget
    left, fit by form); ``rule`` (backstop years, renewal bias, trust, report, fit and
    budget weights, scale-down share, scale-down factor, minimum scale, tolerance, trust
    threshold and lapse years of the lapse rule); ``reasons`` the ``END_REASONS`` indices of
    lapsing, leaving, scaling out and failed trust. Under ``decision`` each partner renews,
    scales down or leaves each partnership that began before this year
    (``mechanisms.renewal_probability``: the logistic is computed with the C library's
    ``exp``, which may round differently in the last bit from NumPy's), after the backstop
    ends those idle too long.

    Returns:
        Partnerships renewed and scaled down, and the pair masks of those that end and of
        their reasons.
    """
    index, alive, started, last_active, last_form, trust, reported, scale, committed = pairs
    budget, budget_left, fit = budgets
    backstop, bias, w_t, w_r, w_f, w_b, down_share, factor, min_scale, tol, threshold, lapse = rule
    lapsed, left, scaled_out, failed = reasons
    K = len(alive)
    ended = np.zeros(K, dtype=np.bool_)
    reason = np.zeros(K, dtype=np.int64)
    live = flagged(alive)  # the live pairs, in pair order: the only ones that can end
    n_live = len(live)
    if structure == PERMANENT:  # nothing ends; every partnership is renewed
        renewed = 0
        for k in live[:n_live]:
            if started[k] < t:
                committed[k] = True
                renewed += 1
        return renewed, 0, ended, reason
    if structure == LAPSE:
        for k in live[:n_live]:
            if trust[k] < threshold:
                ended[k], reason[k] = True, failed
            elif t - last_active[k] >= lapse:
                ended[k], reason[k] = True, lapsed
        return 0, 0, ended, reason
    n = 0
    for k in live[:n_live]:
        if t - last_active[k] >= backstop:
            ended[k], reason[k] = True, lapsed
        elif started[k] < t:
            n += 1
    ks, prob = np.empty(n, dtype=np.int64), np.empty(n)
    half = 1 / 2
    i = 0
    for k in live[:n_live]:  # partner by partner, as the pairs are ordered
        if not ended[k] and started[k] < t:
            p = index.partner[k]
            share = budget_left[p] / budget[p] if budget[p] > 0 else 0.0
            x = bias + w_t * (trust[k] - half) + w_r * (reported[k] - half)
            x = x + w_f * (fit[p, last_form[k]] - half) + w_b * (share - half)
            ks[i], prob[i] = k, 1.0 / (1.0 + np.exp(-x))
            i += 1
    renewed, scaled = renew(
        rng, ks, prob, (scale, ended, reason, committed), (down_share, factor, min_scale, tol), (left, scaled_out)
    )
    return renewed, scaled, ended, reason


@njit
def end_pairs(
    t: int,
    ended: BoolArray,
    reason: IntArray,
    pairs: tuple[Pairs, BoolArray, FloatArray, BoolArray, IntArray, IntArray],
) -> tuple[IntArray, IntArray, IntArray, FloatArray, IntArray]:
    """End the partnerships marked in ``ended`` (a pair mask, or empty for none; in place).

    See ``partnering.end_partnerships``. ``pairs`` is (the pairs, alive, scale, committed,
    started, last form).

    Returns:
        Partner, ward, last aid form, years observed alive and reason of each, partner-major.
    """
    index, alive, scale, committed, started, last_form = pairs
    ks = flagged(ended)
    n = len(ks)
    p_, w_, f_ = np.empty(n, dtype=np.int64), np.empty(n, dtype=np.int64), np.empty(n, dtype=np.int64)
    dur, why = np.empty(n), np.empty(n, dtype=np.int64)
    for i in range(n):
        k = ks[i]
        p_[i], w_[i], f_[i] = index.partner[k], index.ward[k], last_form[k]
        dur[i], why[i] = float(t - started[k]), reason[k]
        alive[k], scale[k], committed[k] = False, 0.0, False
    return p_, w_, f_, dur, why
