"""Compiled inner loops of the yearly phases (Numba).

Each kernel does exactly what the NumPy code it replaced did, draw for draw: the same
random numbers in the same order from the model's generator (Numba's ``Generator``
methods reproduce NumPy's streams), and the same floating-point operations in the
same order, so a run's tables are identical to the vectorised version's.
"""

from __future__ import annotations

import hashlib

import numba
import numpy as np

from simulator.model.state import (
    ACCEPTED,
    ACCEPTED_N,
    ANSWERED,
    COMMITTED,
    EVENT,
    GOV,
    MONEY,
    N_FORMS,
    NO_BUDGET,
    NO_BUDGET_N,
    PHYSICAL,
    PROGRAMME,
    REFUSED,
    ROUTE_COUNTS,
    ROUTES,
    SENT,
    UNANSWERED,
    BoolArray,
    FloatArray,
    IntArray,
)
from simulator.numerics import masked_sum, pairwise_sum

FROZEN: tuple[object, ...] = (ACCEPTED, ACCEPTED_N, ANSWERED, COMMITTED, EVENT, GOV, MONEY, N_FORMS, NO_BUDGET)
FROZEN += (NO_BUDGET_N, PHYSICAL, PROGRAMME, REFUSED, ROUTE_COUNTS, ROUTES, SENT, UNANSWERED)
"""The constants from other modules that compiled kernels hold as literals.

Numba's on-disk cache is keyed on this file alone, so a kernel cached before one of these
changed would keep the old value. ``FROZEN_DIGEST`` records them; when they differ the
kernels are compiled afresh in every process (never read from the cache) and
``tests/test_kernels.py`` fails until the digest here is updated, which also changes this
file and so clears the cache.
"""
FROZEN_DIGEST = "318fbb99934c"


def frozen_digest() -> str:
    """The digest of ``FROZEN`` as they are now."""
    return hashlib.sha256(repr(FROZEN).encode()).hexdigest()[: len(FROZEN_DIGEST)]


njit = numba.njit(cache=frozen_digest() == FROZEN_DIGEST, nogil=True)


@njit
def proposals(
    rng: np.random.Generator,
    lam: FloatArray,
    backlog: IntArray,
    known: FloatArray,
    trust_bkm: FloatArray,
    fit: FloatArray,
    alive: BoolArray,
    floor: float,
    bonus: float,
    repeat: float,
) -> tuple[IntArray, IntArray, IntArray]:
    """Each BKM picks plan items (a form each) and a partner for each; see ``partnering.proposals``.

    Round r serves every ward with more than r asks this year and open items left: the form
    is drawn in proportion to the ward's open items, then (after all the round's form draws)
    the partner in proportion to awareness x (trust floor + trust) x fit x (1 + bonus if a
    partnership is live) x (repeat factor if already asked this year).

    Returns:
        Ward, partner and form of each proposal, in the order they were made.
    """
    P, W = known.shape
    F = backlog.shape[1]
    n_w = np.empty(W, dtype=np.int64)
    for w in range(W):
        n_w[w] = rng.poisson(lam[w])
    if P == 0:  # nobody to send proposals to
        e = np.zeros(0, dtype=np.int64)
        return e, e.copy(), e.copy()
    avail = backlog.copy()
    for w in range(W):
        s = 0
        for f in range(F):
            s += avail[w, f]
        n_w[w] = min(n_w[w], s)
    asked = np.zeros((P, W), dtype=np.bool_)
    cap = int(n_w.sum())
    out_w = np.empty(cap, dtype=np.int64)
    out_p = np.empty(cap, dtype=np.int64)
    out_f = np.empty(cap, dtype=np.int64)
    n_out = 0
    ws = np.empty(W, dtype=np.int64)
    fs = np.empty(W, dtype=np.int64)
    cs = np.empty(F)
    cw = np.empty(P)
    r = 0
    while True:
        n = 0
        for w in range(W):
            if n_w[w] > r:
                tot = 0
                for f in range(F):
                    tot += avail[w, f]
                if tot > 0:
                    ws[n] = w
                    n += 1
        if n == 0:
            break
        for i in range(n):  # the form of each ward's next ask, in proportion to its open items
            w = ws[i]
            acc = 0.0
            for f in range(F):
                acc += avail[w, f]
                cs[f] = acc
            u = rng.random() * cs[F - 1]
            k = 0
            for f in range(F):
                if cs[f] <= u:
                    k += 1
            fs[i] = k
            avail[w, k] -= 1
        u2 = np.empty(n)
        for i in range(n):
            u2[i] = rng.random()
        for i in range(n):  # the partner, by awareness, trust, fit, live ties and earlier asks
            w, f = ws[i], fs[i]
            acc = 0.0
            for p in range(P):
                rep = repeat if asked[p, w] else 1.0
                acc += known[p, w] * (floor + trust_bkm[p, w]) * fit[p, f] * (1.0 + bonus * alive[p, w]) * rep
                cw[p] = acc
            if not cw[P - 1] > 0:
                continue
            u = u2[i] * cw[P - 1]
            k = 0
            for p in range(P):
                if cw[p] <= u:
                    k += 1
            asked[k, w] = True  # only this ward's column: the round's other asks are unaffected
            out_w[n_out], out_p[n_out], out_f[n_out] = w, k, f
            n_out += 1
        r += 1
    return out_w[:n_out], out_p[:n_out], out_f[:n_out]


@njit
def decide(
    rng: np.random.Generator,
    w: IntArray,
    p: IntArray,
    f: IntArray,
    cont: BoolArray,
    p_answer: FloatArray,
    logit: FloatArray,
    cost: FloatArray,
    is_gov: BoolArray,
    budget_left: FloatArray,
    tol: float,
) -> tuple[BoolArray, BoolArray, BoolArray, BoolArray]:
    """Who answers, who wants the ask, and what fits the partners' budgets; see ``partnering.decisions``.

    Draws, in this order: one uniform per ask (answered), one standard logistic per ask
    (utility noise), one uniform per ask (a firm's arrival order). Continuations come
    first; then agencies fund their best asks first and firms theirs in arrival order,
    each within its remaining budget (``budget_left`` is reduced in place).

    Returns:
        answered, yes (the partner wants it), fits (within budget) and accepted, per ask.
    """
    n = len(w)
    answered = np.empty(n, dtype=np.bool_)
    for i in range(n):
        answered[i] = cont[i] | (rng.random() < p_answer[i])
    utility = np.empty(n)
    for i in range(n):
        utility[i] = logit[i] + rng.logistic()
    yes = np.empty(n, dtype=np.bool_)
    for i in range(n):
        yes[i] = cont[i] | (answered[i] & (utility[i] > 0))
    rank = np.empty(n)
    for i in range(n):
        u = rng.random()
        rank[i] = -utility[i] if is_gov[i] else u
    # order = lexsort((rank, ~cont)): continuations first, then by rank, ties by position
    by_rank = np.argsort(rank, kind="mergesort")
    first = np.empty(n, dtype=np.int64)
    k = 0
    for j in range(n):
        if cont[by_rank[j]]:
            first[k] = by_rank[j]
            k += 1
    for j in range(n):
        if not cont[by_rank[j]]:
            first[k] = by_rank[j]
            k += 1
    order = first
    # cumulative cost of wanted asks per partner in that order (as mechanisms.grouped_cumsum)
    grp = p[order]
    by_grp = np.argsort(grp, kind="mergesort")
    vals = np.empty(n)
    for j in range(n):
        i = order[j]
        vals[j] = cost[i] * yes[i]
    cs = np.empty(n)
    acc_sum = 0.0
    for j in range(n):
        acc_sum += vals[by_grp[j]]
        cs[j] = acc_sum
    cum_sorted = np.empty(n)
    base = 0.0
    for j in range(n):
        if j == 0 or grp[by_grp[j]] != grp[by_grp[j - 1]]:
            base = cs[j] - vals[by_grp[j]]
        cum_sorted[j] = cs[j] - base
    cum_in_order = np.empty(n)
    for j in range(n):
        cum_in_order[by_grp[j]] = cum_sorted[j]
    cum = np.empty(n)
    for j in range(n):
        cum[order[j]] = cum_in_order[j]
    fits = np.empty(n, dtype=np.bool_)
    acc = np.empty(n, dtype=np.bool_)
    for i in range(n):
        fits[i] = cum[i] <= budget_left[p[i]] + tol
        acc[i] = yes[i] & fits[i]
    spent = np.zeros(len(budget_left))
    for i in range(n):
        if acc[i]:
            spent[p[i]] += cost[i]
    for q in range(len(budget_left)):
        budget_left[q] -= spent[q]
    return answered, yes, fits, acc


@njit
def learn_from_answers(
    w: IntArray,
    p: IntArray,
    cont: BoolArray,
    answered: BoolArray,
    acc: BoolArray,
    trust_bkm: FloatArray,
    learn: bool,
    learn_success: float,
    refusal_penalty: float,
    ignore_penalty: float,
    contact: BoolArray,
    touched: BoolArray,
) -> None:
    """A BKM's trust in a partner learns from its answers to new asks, one after another; contact is made."""
    for i in range(len(w)):
        if learn and not cont[i]:
            tb = trust_bkm[p[i], w[i]]
            if acc[i]:
                trust_bkm[p[i], w[i]] = tb + learn_success * (1 - tb)
            else:
                penalty = refusal_penalty if answered[i] else ignore_penalty
                trust_bkm[p[i], w[i]] = tb - penalty * tb
        contact[p[i], w[i]] = True
        touched[p[i], w[i]] = True


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
def forget(
    rng: np.random.Generator,
    trust_partner: FloatArray,
    trust_bkm: FloatArray,
    contact: BoolArray,
    heard: BoolArray,
    touched: BoolArray,
    aware: BoolArray,
    alive: BoolArray,
    coordination: FloatArray,
    n_gov: int,
    learn: bool,
    trust_rate: float,
    coordination_memory: float,
    trust_initial: float,
    gov_forgetting: float,
    firm_forgetting: float,
    awareness_lost: bool,
) -> None:
    """Trust drifts back to its baseline in pairs without contact this year; awareness fades (in place).

    See ``phases.learning``: ``mechanisms.trust_forget`` for every pair that knows the other
    but had no dealings this year, then, unless awareness is open, one uniform per pair
    (partner-major order) against the partner's forgetting rate (an agency's scaled by
    1 - the ward's coordination); a live partnership keeps awareness.
    """
    P, W = aware.shape
    if learn:
        for p in range(P):
            for w in range(W):
                if (contact[p, w] | heard[p, w]) & (not touched[p, w]):
                    rate = trust_rate * (1.0 - coordination_memory * coordination[w])
                    t = trust_partner[p, w]
                    trust_partner[p, w] = min(max(t + rate * (trust_initial - t), 0.0), 1.0)
                    t = trust_bkm[p, w]
                    trust_bkm[p, w] = min(max(t + rate * (trust_initial - t), 0.0), 1.0)
    if not awareness_lost:
        return
    for p in range(P):
        for w in range(W):
            u = rng.random()
            pf = gov_forgetting * (1.0 - coordination[w]) if p < n_gov else firm_forgetting
            if aware[p, w] and not alive[p, w] and u < pf:
                aware[p, w] = False


@njit
def decisions(
    rng: np.random.Generator,
    asks: tuple[IntArray, IntArray, IntArray, BoolArray],
    p_answer: FloatArray,
    logit: FloatArray,
    amount: FloatArray,
    cost: FloatArray,
    sector: IntArray,
    budget_left: FloatArray,
    backlog: IntArray,
    pairs: tuple[BoolArray, FloatArray, IntArray, IntArray, IntArray, BoolArray, BoolArray, BoolArray, FloatArray],
    ever_partnered: BoolArray,
    learning: tuple[bool, float, float, float],
    t: int,
    lag: int,
    tol: float,
) -> tuple[IntArray, BoolArray, BoolArray, FloatArray]:
    """Partners answer and decide; accepted asks start partnerships; see ``partnering.decisions``.

    ``asks`` is (ward, partner, form, continuation) per ask; ``pairs`` the partner x ward
    state changed in place: (alive, scale, started, last_active, last_form, committed,
    contact, touched, trust_bkm); ``learning`` is (trust learns, success rate, refusal
    penalty, ignore penalty). Draws as :func:`decide`.

    Returns:
        The status of each ask (index into ``STATUS``), which were accepted, which started a
        partnership, and the year's counts: continuations funded and unfunded, then per
        route (``ROUTES``) the ``ROUTE_COUNTS``.
    """
    w, p, f, cont = asks
    alive, scale, started, last_active, last_form, committed, contact, touched, trust_bkm = pairs
    n = len(w)
    is_gov = np.empty(n, dtype=np.bool_)
    for i in range(n):
        is_gov[i] = sector[p[i]] == GOV
    answered, yes, fits, acc = decide(rng, w, p, f, cont, p_answer, logit, cost, is_gov, budget_left, tol)
    for i in range(n):
        if acc[i] and not cont[i]:
            backlog[w[i], f[i]] -= 1
    committed[:] = False
    learn, ls, rp, ip = learning
    learn_from_answers(w, p, cont, answered, acc, trust_bkm, learn, ls, rp, ip, contact, touched)
    seen = np.zeros(alive.shape, dtype=np.bool_)
    new = np.zeros(n, dtype=np.bool_)
    for i in range(n):
        if not acc[i]:
            continue
        pi, wi = p[i], w[i]
        if not seen[pi, wi]:  # a pair with several acceptances starts one partnership
            seen[pi, wi] = True
            if not alive[pi, wi]:
                new[i] = True
                alive[pi, wi] = True
                scale[pi, wi] = 1.0
                started[pi, wi] = t
                ever_partnered[pi] = True
        # an accepted government ask keeps the partnership active until it is paid
        last_active[pi, wi] = max(last_active[pi, wi], t + lag if is_gov[i] else t)
        last_form[pi, wi] = f[i]
    status = np.empty(n, dtype=np.int64)
    for i in range(n):
        if acc[i]:
            status[i] = ACCEPTED
        elif yes[i]:
            status[i] = NO_BUDGET
        elif answered[i]:
            status[i] = REFUSED
        else:
            status[i] = UNANSWERED
    per = len(ROUTE_COUNTS)
    counts = np.zeros(2 + per * len(ROUTES))
    for i in range(n):
        if cont[i]:
            counts[0 if acc[i] else 1] += 1.0
    for r in range(len(ROUTES)):
        mine = np.empty(n, dtype=np.bool_)
        for i in range(n):
            mine[i] = sector[p[i]] == r
        base = 2 + per * r
        counts[base + COMMITTED] = masked_sum(amount, mine & acc)
        for i in range(n):
            if mine[i] and not cont[i]:
                counts[base + SENT] += 1.0
                counts[base + ANSWERED] += answered[i]
                counts[base + ACCEPTED_N] += acc[i]
                counts[base + NO_BUDGET_N] += yes[i] and not fits[i]
    return status, acc, new, counts


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
def observe(
    pairs: tuple[BoolArray, BoolArray, BoolArray, BoolArray, IntArray, FloatArray, FloatArray, FloatArray],
    wards: tuple[BoolArray, FloatArray, FloatArray, FloatArray, FloatArray, FloatArray, FloatArray, FloatArray],
    backlog: IntArray,
    ever_partnered: BoolArray,
    n_gov: int,
    trust_initial: float,
) -> tuple[FloatArray, tuple[float, ...], tuple[float, ...]]:
    """The year's statistics that are computed from the state (see ``observation.observe``).

    ``pairs`` is (alive, contact, heard, aware, last_form, trust_partner, trust_bkm, reach);
    ``wards`` is (sustained, capacity, managing body, skill, assets, condition, coverage,
    cash). Means and sums add as NumPy adds (``simulator.numerics``), so the values equal
    the vectorised ones to the last bit.

    Returns:
        Live partnerships per aid form; then (sustained share, partnerships active,
        government, private, share of wards with a partnership, share of firms ever
        partnered); then (mean trust of partners and of BKMs over pairs in contact, the same
        over live pairs, mean ward trust, mean capacity, managing body and marketing skill,
        mean condition of wards with assets, total assets, mean coverage, mean cash, plan
        backlog, share of agencies aware, share of firms aware).
    """
    alive, contact, heard, aware, last_form, tp, tb, reach = pairs
    sustained, cap, mb, skill, assets, condition, coverage, cash = wards
    P, W = alive.shape
    n_firms = P - n_gov
    n_alive = n_gov_alive = n_contact = 0
    per_form = np.zeros(N_FORMS)
    with_p = np.zeros(W, dtype=np.bool_)
    known_n = np.zeros(W)
    known_tot = np.zeros(W)
    gov_aware = gov_reach = firm_aware = 0
    for p in range(P):
        for w in range(W):
            if alive[p, w]:
                n_alive += 1
                n_gov_alive += p < n_gov
                per_form[last_form[p, w]] += 1
                with_p[w] = True
            n_contact += contact[p, w]
            if contact[p, w] or heard[p, w]:
                known_n[w] += 1
                known_tot[w] += tp[p, w]
            if p < n_gov:
                gov_reach += reach[p, w] > 0
                gov_aware += aware[p, w] and reach[p, w] > 0
            else:
                firm_aware += aware[p, w]
    ward_trust = np.empty(W)
    for w in range(W):
        ward_trust[w] = known_tot[w] / max(known_n[w], 1.0) if known_n[w] > 0 else trust_initial
    flat_c, flat_a = contact.ravel(), alive.ravel()
    has = assets > 0
    n_has = np.sum(has)
    counts = (
        np.sum(sustained) / W,
        float(n_alive),
        float(n_gov_alive),
        float(n_alive - n_gov_alive),
        np.sum(with_p) / W,
        np.sum(ever_partnered[n_gov:]) / n_firms if n_firms else 0.0,
    )
    means = (
        masked_sum(tp.ravel(), flat_c) / n_contact if n_contact else trust_initial,
        masked_sum(tb.ravel(), flat_c) / n_contact if n_contact else trust_initial,
        masked_sum(tp.ravel(), flat_a) / n_alive if n_alive else np.nan,
        masked_sum(tb.ravel(), flat_a) / n_alive if n_alive else np.nan,
        pairwise_sum(ward_trust) / W,
        pairwise_sum(cap) / W,
        pairwise_sum(mb) / W,
        pairwise_sum(skill) / W,
        masked_sum(condition, has) / n_has if n_has else 1.0,
        pairwise_sum(assets),
        pairwise_sum(coverage) / W,
        pairwise_sum(cash) / W,
        float(np.sum(backlog)),
        gov_aware / gov_reach if n_gov and gov_reach else 0.0,
        firm_aware / (n_firms * W) if n_firms else 0.0,
    )
    return per_form, counts, means


@njit
def turnover(
    rng: np.random.Generator,
    due: BoolArray,
    p_turn: float,
    bkm: tuple[FloatArray, FloatArray, IntArray],
    pairs: tuple[FloatArray, FloatArray, BoolArray],
    losses: tuple[float, float, float, float, float],
    learn: bool,
    may_break: bool,
) -> tuple[BoolArray, BoolArray]:
    """Boards due for election may turn over (in place); see ``phases.bkm_elections``.

    One uniform per ward; when any board turns over, its skill and capacity shrink, its ties
    (both trusts) move back toward the initial trust, and, when ``may_break``, one uniform per
    partner x ward (partner-major) decides which of its live partnerships the new team drops.
    ``bkm`` is (skill, capacity, turnovers); ``pairs`` (trust of partners, trust of BKMs,
    alive); ``losses`` (skill loss, capacity loss, tie loss, initial trust, chance a live
    partnership breaks).

    Returns:
        Which boards turned over, and which partnerships break (empty when none can).
    """
    skill, capacity, turnovers = bkm
    tp, tb, alive = pairs
    skill_loss, capacity_loss, tie_loss, t0, p_break = losses
    P, W = alive.shape
    turn = np.zeros(W, dtype=np.bool_)
    for w in range(W):
        turn[w] = due[w] & (rng.random() < p_turn)
    broken = np.zeros((0, 0), dtype=np.bool_)
    if not turn.any():
        return turn, broken
    for w in range(W):
        if turn[w]:
            turnovers[w] += 1
            skill[w] *= 1.0 - skill_loss
            capacity[w] *= 1.0 - capacity_loss
    if learn:
        for p in range(P):
            for w in range(W):
                if turn[w]:
                    tp[p, w] += tie_loss * (t0 - tp[p, w])
                    tb[p, w] += tie_loss * (t0 - tb[p, w])
    if may_break:
        broken = np.zeros((P, W), dtype=np.bool_)
        for p in range(P):
            for w in range(W):
                broken[p, w] = alive[p, w] & turn[w] & (rng.random() < p_break)
    return turn, broken


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
def asks(
    rng: np.random.Generator,
    lam: FloatArray,
    backlog: IntArray,
    known: FloatArray,
    pairs: tuple[FloatArray, FloatArray, BoolArray, BoolArray, IntArray, FloatArray],
    sizes: FloatArray,
    sigma: float,
    weights: tuple[float, float, float],
) -> tuple[IntArray, IntArray, IntArray, FloatArray, BoolArray]:
    """This year's asks: new proposals (:func:`proposals`), then continuations of renewed partnerships.

    ``pairs`` is (trust of BKMs, fit, alive, committed, last form, scale); ``weights`` (trust
    floor, continuation bonus, repeat factor). After the proposals' draws, one lognormal
    (mean 1) per proposal sizes its request; then one per continuation (live, committed
    pairs, partner-major) sizes its request at the partnership's scale.

    Returns:
        Ward, partner, form, request and whether it is a continuation, per ask.
    """
    trust_bkm, fit, alive, committed, last_form, scale = pairs
    floor, bonus, repeat = weights
    w, p, f = proposals(rng, lam, backlog, known, trust_bkm, fit, alive, floor, bonus, repeat)
    n_new = len(w)
    mu = -sigma * sigma / 2
    P, W = alive.shape
    n_cont = 0
    for pi in range(P):
        for wi in range(W):
            n_cont += committed[pi, wi] and alive[pi, wi]
    n = n_new + n_cont
    ws = np.empty(n, dtype=np.int64)
    ps = np.empty(n, dtype=np.int64)
    fs = np.empty(n, dtype=np.int64)
    req = np.empty(n)
    cont = np.zeros(n, dtype=np.bool_)
    for i in range(n_new):
        ws[i], ps[i], fs[i] = w[i], p[i], f[i]
        req[i] = sizes[f[i]] * rng.lognormal(mu, sigma)
    i = n_new
    for pi in range(P):
        for wi in range(W):
            if committed[pi, wi] and alive[pi, wi]:
                ws[i], ps[i], fs[i], cont[i] = wi, pi, last_form[pi, wi], True
                i += 1
    for i in range(n_new, n):
        req[i] = sizes[fs[i]] * scale[ps[i], ws[i]] * rng.lognormal(mu, sigma)
    return ws, ps, fs, req, cont


# --------------------------------------------------------------------------- a ward's own phases


@njit
def multinomial(rng: np.random.Generator, items: IntArray, pvals: FloatArray) -> IntArray:
    """``rng.multinomial(items, pvals)`` for an array of counts, draw for draw as NumPy does it.

    NumPy draws each category but the last as a binomial of what is left, at its share of the
    probability left, and stops when nothing is left.
    """
    W, F = len(items), len(pvals)
    out = np.zeros((W, F), dtype=np.int64)
    for w in range(W):
        left_p = 1.0
        left = items[w]
        for j in range(F - 1):
            x = rng.binomial(left, pvals[j] / left_p)
            out[w, j] = x
            left -= x
            if left <= 0:
                break
            left_p -= pvals[j]
        if left > 0:
            out[w, F - 1] = left
    return out


@njit
def plan(
    rng: np.random.Generator,
    t: int,
    backlog: IntArray,
    plan_items: IntArray,
    mix: FloatArray,
    stock: tuple[FloatArray, FloatArray],
    rule: tuple[int, float, float],
) -> float:
    """Renew the RTPLP when due, else add a few items; see ``phases.plan`` (``backlog`` in place).

    ``mix`` is the plan mix over aid forms (summing to 1), ``stock`` (assets, condition) and
    ``rule`` (plan years, items added per year, size of a physical item).

    Returns:
        The plan items that expired unfunded.
    """
    every, renewal, size = rule
    assets, condition = stock
    W = len(plan_items)
    if t > 0 and t % every == 0:
        expired = float(np.sum(backlog))
        new = multinomial(rng, plan_items, mix)
        for w in range(W):
            for f in range(N_FORMS):
                backlog[w, f] = new[w, f]
            backlog[w, PHYSICAL] += np.int64(np.floor(assets[w] * (1.0 - condition[w]) / size))
        return expired
    if t > 0:
        items = np.empty(W, dtype=np.int64)
        for w in range(W):
            items[w] = rng.poisson(renewal)
        backlog += multinomial(rng, items, mix)
    return 0.0


@njit
def grant(
    py: int,
    scale: FloatArray,
    marketing_tranche: FloatArray,
    bkm: tuple[FloatArray, FloatArray],
    ledgers: tuple[FloatArray, FloatArray, FloatArray, FloatArray, FloatArray, FloatArray, FloatArray],
    backlog: IntArray,
    calendar: tuple[int, int, int, int],
    amounts: tuple[float, float, float, float, float, float, float, float, float, float, float],
) -> float:
    """The BLM tranches of programme year ``py``; see ``phases.grant`` (in place).

    ``bkm`` is (capacity, managing body); ``ledgers`` (grant received, grant spent, built
    total, assets, condition, projects, in-kind); ``calendar`` the programme years of the
    planning, marketing and two implementation tranches; ``amounts`` (planning tranche,
    planning projects, implementation 1, implementation 2, local co-funding, absorption
    floor, capacity of full absorption, physical managing-body weight, delivery floor,
    size of a physical item, activity cost).

    Returns:
        The grant spent this year.
    """
    capacity, mb = bkm
    received, spent_total, built_total, assets, condition, projects, inkind = ledgers
    y_plan, y_market, y_impl1, y_impl2 = calendar
    planning, planning_projects, impl_1, impl_2, cofunding, a_min, a_full, wp, d_min, size, activity = amounts
    W = len(scale)
    spent = np.zeros(W)
    if py == y_plan:
        for w in range(W):
            amt = planning * scale[w]
            received[w] += amt
            spent[w] += amt
            projects[w] += planning_projects * (scale[w] > 0)
    if py == y_market:
        for w in range(W):
            received[w] += marketing_tranche[w]
            spent[w] += marketing_tranche[w]
    impl = 0.0
    if py == y_impl1:
        impl += impl_1
    if py == y_impl2:
        impl += impl_2 + cofunding
    if impl > 0:
        for w in range(W):
            amt = impl * scale[w]
            received[w] += amt
            used = amt * (a_min + (1.0 - a_min) * min(1.0, capacity[w] / a_full))
            spent[w] += used
            q = wp * mb[w] + (1.0 - wp) * capacity[w]
            built = used * (d_min + (1.0 - d_min) * min(max(q, 0.0), 1.0))
            total = assets[w] + built
            if total > 0:
                condition[w] = (condition[w] * assets[w] + built) / total
            assets[w] = total
            built_total[w] += built
            items = min(backlog[w, PHYSICAL], np.int64(np.floor(used / size)))
            backlog[w, PHYSICAL] -= items
            projects[w] += used / size
    if py <= y_impl2:
        for w in range(W):
            inkind[w] += activity * min(1.0, scale[w])
    for w in range(W):
        spent_total[w] += spent[w]
    return pairwise_sum(spent)


@njit
def marketing(
    rng: np.random.Generator,
    bkm: tuple[FloatArray, FloatArray, FloatArray, FloatArray, FloatArray, FloatArray],
    partners: tuple[FloatArray, BoolArray, BoolArray, int],
    effort_rule: tuple[float, bool, int, float, float],
    bass: tuple[float, float, float, float, float, float, float],
    awareness: tuple[bool, bool],
) -> None:
    """Institutions learn of wards' programmes (in place); see ``phases.marketing``.

    ``bkm`` is (skill, event boost, marketing tranche, coordination, marketing effort,
    marketing) of which the last two are set; ``partners`` (reach, aware, noticed, number of
    agencies); ``effort_rule`` (effort kept up after the grant, whether the marketing tranche
    is being spent, its span in years, the tranche per year at full effort, the
    marketing-push lever); ``bass`` (innovation, imitation, agencies' awareness through the
    musrenbang, its facilitation factor, CSR forum awareness, notice rate, tolerance);
    ``awareness`` (gated, open). Draws: one uniform per
    firm when gated, then one per partner x ward (partner-major) unless open.

    The firms' notice probability adds reach x marketing in a plain loop where NumPy uses a
    BLAS product, so it may differ from the vectorised value in its last bit.
    """
    skill, boost, tranche, coordination, effort, mk = bkm
    reach, aware, noticed, G = partners
    after, spending, span, ref, push = effort_rule
    p_in, q_im, gov_awareness, facil_factor, forum, notice_rate, tol = bass
    gated, is_open = awareness
    P, W = reach.shape
    for w in range(W):
        e = after * skill[w]
        if spending:
            e = max(e, min(1.0, tranche[w] / span / ref))
        e = min(1.0, e + push + boost[w])
        effort[w] = e
        mk[w] = e * skill[w]
    prob = np.zeros((P, W))
    if G:
        for w in range(W):
            aw = rs = 0.0
            for p in range(G):
                aw += aware[p, w] * reach[p, w]
                rs += reach[p, w]
            share = aw / max(1.0, rs)
            x = min(max(p_in * mk[w] + q_im * share + gov_awareness * coordination[w] * facil_factor, 0.0), 1.0)
            for p in range(G):
                prob[p, w] = x
    if P > G:
        for w in range(W):
            aw = rs = 0.0
            for p in range(G, P):
                aw += aware[p, w] * reach[p, w]
                rs += reach[p, w]
            share = aw / max(tol, rs)
            x = min(max(p_in * mk[w] + q_im * share + forum, 0.0), 1.0)
            for p in range(G, P):
                prob[p, w] = x
        if gated:  # a firm hears of wards only once its CSR desk noticed the programme
            for f in range(P - G):
                row = reach[G + f]
                total = pairwise_sum(row.copy())
                seen = pairwise_sum(row * mk) / total if total > 0 else 0.0
                notice = min(max(notice_rate * seen + forum, 0.0), 1.0)
                noticed[f] |= rng.random() < notice
                if not noticed[f]:
                    for w in range(W):
                        prob[G + f, w] = 0.0
    if is_open:  # every institution in reach knows every ward
        for p in range(P):
            for w in range(W):
                aware[p, w] |= reach[p, w] > 0
        return
    for p in range(P):
        for w in range(W):
            aware[p, w] |= rng.random() < prob[p, w] * reach[p, w]


@njit
def grow(
    bkm: tuple[FloatArray, FloatArray, FloatArray, FloatArray, FloatArray],
    levers: tuple[float, float, float],
    rates: tuple[float, float, float, float, float, float, float],
) -> None:
    """Capacity, managing body and marketing skill after this year's experience (in place).

    See ``phases.learning`` and ``mechanisms.capacity_update``. ``bkm`` is (capacity,
    managing body, managing body's base, marketing skill, projects done); ``levers``
    (facilitation, strengthening, marketing-push training); ``rates`` (practice reference,
    overload level, learning rate, erosion rate, practice weight, managing body's capacity
    weight, managing body's adjustment).
    """
    capacity, mb, mb_base, skill, projects = bkm
    facil, strengthening, train = levers
    practice_ref, over_ref, lr, er, pw, cw, adjust = rates
    for w in range(len(capacity)):
        p = min(1.0, projects[w] / practice_ref)
        o = max(0.0, projects[w] - over_ref) / over_ref
        c = capacity[w]
        up = lr * (1.0 - c) * min(1.0, pw * p + facil + strengthening)
        down = er * c * ((1.0 - p) * (1.0 - facil) * (1.0 - strengthening) + o)
        c = min(max(c + up - down, 0.0), 1.0)
        capacity[w] = c
        target = min(max(mb_base[w] * (1.0 - cw + cw * c), 0.0), 1.0)
        mb[w] = mb[w] + adjust * (target - mb[w])
        skill[w] = min(max(skill[w] + train * (1.0 - skill[w]), 0.0), 1.0)


@njit
def upkeep(
    stock: tuple[FloatArray, FloatArray, FloatArray, FloatArray, FloatArray],
    ledgers: tuple[FloatArray, FloatArray, FloatArray, FloatArray, FloatArray],
    history: tuple[FloatArray, FloatArray, int],
    status: tuple[FloatArray, BoolArray],
    demand: tuple[float, float, float, bool, float],
    wear: tuple[float, float, bool, float, float, float, float],
    sustain: tuple[float, float, float],
) -> tuple[int, float, float, float, float]:
    """Fees, self-help, upkeep, repair and wear, then whether each programme is sustained (in place).

    See ``phases.assets`` and the ``mechanisms`` functions ``fee_revenue``, ``upkeep_need``,
    ``pay_needs`` and ``condition_update``. ``stock`` is (assets, condition, market access,
    managing body, capacity); ``ledgers`` (fees total, cash, cash in, cash out, in-kind);
    ``history`` (needs and payments of the last years, one row per year, and how many rows
    are filled); ``status`` (coverage, sustained); ``demand`` (users per asset, willingness
    to pay, collection floor, flat demand, self-help); ``wear`` (upkeep rate, its growth,
    fixed decay, activity cost, decay, repair rate, managing-body weight); ``sustain``
    (coverage and capacity needed, tolerance).

    Returns:
        The rows of history now filled, and the year's fees collected, fees agreed, upkeep
        needed and upkeep paid.
    """
    assets, condition, access, mb, capacity = stock
    fees_total, cash, cash_in, cash_out, inkind = ledgers
    need_hist, paid_hist, n_hist = history
    coverage, sustained = status
    upa, wtp, c_min, flat, self_help = demand
    rate, growth, fixed_decay, activity, decay, repair, mbw = wear
    cov_min, cap_min, tol = sustain
    W = len(assets)
    win = need_hist.shape[0]
    fees, agreed, needs, paid_u = np.empty(W), np.empty(W), np.empty(W), np.empty(W)
    if n_hist == win:  # drop the oldest year
        for k in range(win - 1):
            need_hist[k] = need_hist[k + 1]
            paid_hist[k] = paid_hist[k + 1]
        n_hist -= 1
    for w in range(W):
        v, q = assets[w], condition[w]
        users = upa * v
        if not flat:
            users = users * access[w] * q
        agreed[w] = users * wtp
        fees[w] = agreed[w] * (c_min + (1.0 - c_min) * min(max(mb[w], 0.0), 1.0))
        fees_total[w] += fees[w]
        income = fees[w] + self_help * capacity[w]
        cash[w] += income
        cash_in[w] += income
        before = cash[w]
        need = rate * v if fixed_decay else rate * v * (1.0 + growth * (1.0 - q))
        needs[w] = need
        act_inkind = min(activity, inkind[w])
        paid_u[w] = min(before, need)
        c = before - paid_u[w]
        pay_act = min(c, activity - act_inkind)
        cash[w] = c - pay_act
        cash_out[w] += before - cash[w]
        phi = paid_u[w] / need if need > 0 else 1.0
        if fixed_decay:
            q = q - decay * (1.0 - phi * (1.0 + mb[w]) / 2)
        else:
            e = phi * (1.0 - mbw + mbw * mb[w])
            q = q - decay * (1.0 - e) + repair * e * (1.0 - q)
        condition[w] = min(max(q, 0.0), 1.0)
        need_hist[n_hist, w] = need + activity
        paid_hist[n_hist, w] = act_inkind + paid_u[w] + pay_act
    n_hist += 1
    for w in range(W):
        if W == 1:  # NumPy adds a single column pairwise, several columns row by row
            tot_need, tot_paid = pairwise_sum(need_hist[:n_hist, 0].copy()), pairwise_sum(paid_hist[:n_hist, 0].copy())
        else:
            tot_need = tot_paid = 0.0
            for k in range(n_hist):
                tot_need += need_hist[k, w]
                tot_paid += paid_hist[k, w]
        coverage[w] = tot_paid / tot_need if tot_need > 0 else 1.0
        sustained[w] = (coverage[w] >= cov_min - tol) & (capacity[w] >= cap_min)
    return n_hist, pairwise_sum(fees), pairwise_sum(agreed), pairwise_sum(needs), pairwise_sum(paid_u)
