"""Proposals and partners' decisions: who is asked, who answers, what is funded.

See ``simulator.model.kernels`` for what every kernel promises.
"""

from __future__ import annotations

import numpy as np

from simulator.model.kernels._jit import njit
from simulator.model.state import (
    ACCEPTED,
    ACCEPTED_N,
    ANSWERED,
    COMMITTED,
    GOV,
    N_ROUTE_COUNTS,
    N_ROUTES,
    NO_BUDGET,
    NO_BUDGET_N,
    REFUSED,
    SENT,
    UNANSWERED,
    BoolArray,
    FloatArray,
    IntArray,
    Pairs,
)
from simulator.numerics import flagged, masked_sum, stable_argsort, stable_order

Payments = tuple[IntArray, IntArray, IntArray, IntArray, FloatArray]
"""Aid waiting to be paid: (due step, ward, partner, form, amount), in the order it was accepted."""


@njit
def proposals(
    rng: np.random.Generator,
    lam: FloatArray,
    backlog: IntArray,
    known: tuple[BoolArray, FloatArray],
    index: Pairs,
    trust_bkm: FloatArray,
    fit: FloatArray,
    alive: BoolArray,
    floor: float,
    bonus: float,
    repeat: float,
) -> tuple[IntArray, IntArray, IntArray, IntArray]:
    """Each BKM picks plan items (a form each) and a partner for each; see ``partnering.proposals``.

    Round r serves every ward with more than r asks this year and open items left: the form
    is drawn in proportion to the ward's open items, then (after all the round's form draws)
    the partner, among the pairs of the ward (``index``), in proportion to awareness x reach x
    (trust floor + trust) x fit x (1 + bonus if a partnership is live) x (repeat factor if
    already asked this year). ``known`` is (aware, reach); it, ``trust_bkm`` and ``alive`` are
    pair arrays.

    Returns:
        Ward, partner, form and pair (index into the pair arrays) of each proposal, in the order
        they were made.
    """
    W, F = backlog.shape
    aware, reach = known
    P, K = len(index.start) - 1, len(aware)
    partner = index.partner
    n_w = np.empty(W, dtype=np.int64)
    for w in range(W):
        n_w[w] = rng.poisson(lam[w])
    if P == 0:  # nobody to send proposals to
        e = np.zeros(0, dtype=np.int64)
        return e, e.copy(), e.copy(), e.copy()
    avail = backlog.copy()
    for w in range(W):
        s = 0
        for f in range(F):
            s += avail[w, f]
        n_w[w] = min(n_w[w], s)
    asked = np.zeros(K, dtype=np.bool_)
    cap = int(n_w.sum())
    out_w = np.empty(cap, dtype=np.int64)
    out_p = np.empty(cap, dtype=np.int64)
    out_f = np.empty(cap, dtype=np.int64)
    out_k = np.empty(cap, dtype=np.int64)
    n_out = 0
    ws = np.empty(W, dtype=np.int64)
    fs = np.empty(W, dtype=np.int64)
    cs = np.empty(F)
    cand, cstart, widest = known_by_ward(aware, reach, index.ward, W)
    cw = np.empty(widest)
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
            lo, m = cstart[w], cstart[w + 1] - cstart[w]
            acc = 0.0
            for j in range(m):
                k = cand[lo + j]
                rep = repeat if asked[k] else 1.0
                acc += reach[k] * (floor + trust_bkm[k]) * fit[partner[k], f] * (1.0 + bonus * alive[k]) * rep
                cw[j] = acc
            if m == 0 or not cw[m - 1] > 0:
                continue
            u = u2[i] * cw[m - 1]
            c = 0
            for j in range(m):
                if cw[j] <= u:
                    c += 1
            k = cand[lo + c]
            asked[k] = True  # only this ward's pairs: the round's other asks are unaffected
            out_w[n_out], out_p[n_out], out_f[n_out], out_k[n_out] = w, partner[k], f, k
            n_out += 1
        r += 1
    return out_w[:n_out], out_p[:n_out], out_f[:n_out], out_k[:n_out]


@njit
def known_by_ward(aware: BoolArray, reach: FloatArray, ward: IntArray, W: int) -> tuple[IntArray, IntArray, int]:
    """Each ward's pairs its institutions know of (aware, reach above 0), for :func:`proposals`.

    Every other pair weighs 0, adds nothing to the cumulative weights and can never be drawn.

    Returns:
        The pairs ward by ward, each ward's in pair order (partner by partner); where each
        ward's start (``W + 1`` offsets); the most pairs of any ward (at least 1).
    """
    aware_k = flagged(aware)
    known_k = np.empty(len(aware_k), dtype=np.int64)  # found in pair order (partner by partner) ...
    n_known = 0
    counts = np.zeros(W + 1, dtype=np.int64)
    for k in aware_k:
        if reach[k] > 0:  # an aware pair weighs its reach (aware x reach, with aware 1)
            known_k[n_known] = k
            n_known += 1
            counts[ward[k] + 1] += 1
    cstart = np.zeros(W + 1, dtype=np.int64)
    for w in range(W):
        cstart[w + 1] = cstart[w] + counts[w + 1]
    cand = np.empty(max(n_known, 1), dtype=np.int64)  # ... and put ward by ward, each ward's by partner
    fill = cstart[:W].copy()
    for i in range(n_known):
        k = known_k[i]
        cand[fill[ward[k]]] = k
        fill[ward[k]] += 1
    widest = 1
    for w in range(W):
        widest = max(widest, cstart[w + 1] - cstart[w])
    return cand, cstart, widest


@njit
def asks(
    rng: np.random.Generator,
    lam: FloatArray,
    backlog: IntArray,
    known: tuple[BoolArray, FloatArray],
    pairs: tuple[Pairs, FloatArray, FloatArray, BoolArray, BoolArray, IntArray, FloatArray],
    sizes: FloatArray,
    sigma: float,
    weights: tuple[float, float, float],
) -> tuple[IntArray, IntArray, IntArray, FloatArray, BoolArray, IntArray]:
    """This year's asks: new proposals (:func:`proposals`), then continuations of renewed partnerships.

    ``pairs`` is (the pairs, trust of BKMs, fit, alive, committed, last form, scale);
    ``weights`` (trust floor, continuation bonus, repeat factor). After the proposals' draws,
    one lognormal (mean 1) per proposal sizes its request; then one per continuation (live,
    committed pairs, partner-major) sizes its request at the partnership's scale.

    Returns:
        Ward, partner, form, request, whether it is a continuation and the pair (index into the
        pair arrays), per ask.
    """
    index, trust_bkm, fit, alive, committed, last_form, scale = pairs
    floor, bonus, repeat = weights
    w, p, f, kp = proposals(rng, lam, backlog, known, index, trust_bkm, fit, alive, floor, bonus, repeat)
    n_new = len(w)
    mu = -sigma * sigma / 2
    live = flagged(alive)
    n_cont = 0
    for k in live:
        n_cont += committed[k]
    n = n_new + n_cont
    ws = np.empty(n, dtype=np.int64)
    ps = np.empty(n, dtype=np.int64)
    fs = np.empty(n, dtype=np.int64)
    ks = np.empty(n, dtype=np.int64)
    req = np.empty(n)
    cont = np.zeros(n, dtype=np.bool_)
    for i in range(n_new):
        ws[i], ps[i], fs[i], ks[i] = w[i], p[i], f[i], kp[i]
        req[i] = sizes[f[i]] * rng.lognormal(mu, sigma)
    i = n_new
    for k in live:
        if committed[k]:
            ws[i], ps[i], fs[i], cont[i], ks[i] = index.ward[k], index.partner[k], last_form[k], True, k
            req[i] = scale[k]
            i += 1
    for i in range(n_new, n):
        req[i] = sizes[fs[i]] * req[i] * rng.lognormal(mu, sigma)
    return ws, ps, fs, req, cont, ks


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
    by_rank = stable_argsort(rank)
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
    by_grp = stable_order(grp, len(budget_left))
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
    ks: IntArray,
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
    """A BKM's trust in a partner learns from its answers to new asks, one after another; contact is made.

    ``ks`` is each ask's pair; ``trust_bkm``, ``contact`` and ``touched`` are pair arrays.
    """
    for i in range(len(ks)):
        k = ks[i]
        if learn and not cont[i]:
            tb = trust_bkm[k]
            if acc[i]:
                trust_bkm[k] = tb + learn_success * (1 - tb)
            else:
                penalty = refusal_penalty if answered[i] else ignore_penalty
                trust_bkm[k] = tb - penalty * tb
        contact[k] = True
        touched[k] = True


@njit
def decisions(
    rng: np.random.Generator,
    asks: tuple[IntArray, IntArray, IntArray, BoolArray, IntArray],
    p_answer: FloatArray,
    logit: FloatArray,
    amount: FloatArray,
    cost: FloatArray,
    sector: IntArray,
    budget_left: FloatArray,
    backlog: IntArray,
    pairs: tuple[
        Pairs, BoolArray, FloatArray, IntArray, IntArray, IntArray, BoolArray, BoolArray, BoolArray, FloatArray
    ],
    ever_partnered: BoolArray,
    learning: tuple[bool, float, float, float],
    t: int,
    lag: int,
    tol: float,
) -> tuple[IntArray, BoolArray, BoolArray, FloatArray, Payments]:
    """Partners answer and decide; accepted asks start partnerships; see ``partnering.decisions``.

    ``asks`` is (ward, partner, form, continuation, pair) per ask; ``pairs`` the pairs and the pair
    state changed in place: (alive, scale, started, last_active, last_form, committed,
    contact, touched, trust_bkm); ``learning`` is (trust learns, success rate, refusal
    penalty, ignore penalty). Draws as :func:`decide`.

    Returns:
        The status of each ask (index into ``STATUS``), which were accepted, which started a
        partnership, the year's counts (continuations funded and unfunded, then per route
        (``ROUTES``) the ``ROUTE_COUNTS``) and the payments to make (due step, ward, partner,
        form, amount): an agency pays ``lag`` years later, a firm this year; agencies first.
    """
    w, p, f, cont, ks = asks
    _, alive, scale, started, last_active, last_form, committed, contact, touched, trust_bkm = pairs
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
    learn_from_answers(ks, cont, answered, acc, trust_bkm, learn, ls, rp, ip, contact, touched)
    seen = np.zeros(len(alive), dtype=np.bool_)
    new = np.zeros(n, dtype=np.bool_)
    for i in range(n):
        if not acc[i]:
            continue
        k = ks[i]
        if not seen[k]:  # a pair with several acceptances starts one partnership
            seen[k] = True
            if not alive[k]:
                new[i] = True
                alive[k] = True
                scale[k] = 1.0
                started[k] = t
                ever_partnered[p[i]] = True
        # an accepted government ask keeps the partnership active until it is paid
        last_active[k] = max(last_active[k], t + lag if is_gov[i] else t)
        last_form[k] = f[i]
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
    per = N_ROUTE_COUNTS
    counts = np.zeros(2 + per * N_ROUTES)
    for i in range(n):
        if cont[i]:
            counts[0 if acc[i] else 1] += 1.0
    for r in range(N_ROUTES):
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
    gov_acc, firm_acc = acc & is_gov, acc & ~is_gov
    first, second = np.nonzero(gov_acc)[0], np.nonzero(firm_acc)[0]
    order = np.concatenate((first, second))
    due = np.concatenate((np.full(len(first), t + lag, dtype=np.int64), np.full(len(second), t, dtype=np.int64)))
    return status, acc, new, counts, (due, w[order], p[order], f[order], amount[order])


ENABLER_STRUCTURES = ("complementary", "additive", "substitutes")
"""``structure.enablers`` by the code the kernels take."""
COMPLEMENTARY, ADDITIVE, SUBSTITUTES = range(len(ENABLER_STRUCTURES))


@njit
def ask_terms(
    a: tuple[IntArray, IntArray, IntArray, FloatArray, BoolArray, IntArray],
    partners: tuple[FloatArray, FloatArray, FloatArray, FloatArray, FloatArray, int],
    pairs: tuple[Pairs, FloatArray, BoolArray, FloatArray, FloatArray],
    bkm: tuple[FloatArray, FloatArray, FloatArray],
    weights: tuple[float, float, float, float, float, float, float, float],
    enablers: tuple[float, float, float, int],
    give_cost: FloatArray,
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Per ask: chance of an answer, the partner's logit, the amount and its cost.

    See ``mechanisms.enabler_index`` and ``acceptance_logit``. ``partners`` is
    (responsiveness, base bias, priority, ceiling, fit by aid form, number of agencies);
    ``pairs`` (the pairs, reach, alive, scale, trust of partners); ``bkm`` (capacity, coordination,
    skill); ``weights`` (CSR forum x its responsiveness gain, quality from capacity and from
    facilitation, facilitation, enabler, fit and quality weights, live-partner bonus);
    ``enablers`` (trust, coordination and skill shares, ``ENABLER_STRUCTURES`` code).

    The enabler index raises to the shares with ``**`` (the C library's ``pow``), which may
    round differently in the last bit from NumPy's vectorised ``power``.
    """
    w, p, f, req, _, ks = a
    resp, bias, priority, ceiling, fit, G = partners
    _, reach, alive, scale, trust = pairs
    capacity, coordination, skill = bkm
    forum, q_cap, q_fac, facilitation, w_e, w_f, w_q, bonus = weights
    sa, sb, sc, structure = enablers
    half = 1 / 2
    n = len(w)
    p_answer, logit, amount, cost = np.empty(n), np.empty(n), np.empty(n), np.empty(n)
    for i in range(n):
        pi, wi, k = p[i], w[i], ks[i]
        r = resp[pi]
        if pi >= G:
            r += forum * (1.0 - r)
        p_answer[i] = r * reach[k]
        t = min(max(trust[k], 0.0), 1.0)
        c = min(max(coordination[wi], 0.0), 1.0)
        s = min(max(skill[wi], 0.0), 1.0)
        if structure == ADDITIVE:
            e = sa * t + sb * c + sc * s
        elif structure == SUBSTITUTES:
            e = 1.0 - (1.0 - t) ** sa * (1.0 - c) ** sb * (1.0 - s) ** sc
        else:
            e = t**sa * c**sb * s**sc
        q = q_cap * capacity[wi] + q_fac * facilitation
        live = alive[k]
        x = bias[pi] + priority[pi] + w_e * (e - half) + w_f * (fit[pi, f[i]] - half) + w_q * (q - half)
        logit[i] = x + bonus * scale[k] * live
        amount[i] = min(req[i], ceiling[pi] * (scale[k] if live else 1.0))
        cost[i] = amount[i] * give_cost[f[i]]
    return p_answer, logit, amount, cost


@njit
def ask_inputs(
    bkm: tuple[FloatArray, FloatArray], rates: tuple[float, float, float], aware: BoolArray, reach: FloatArray
) -> tuple[FloatArray, tuple[BoolArray, FloatArray]]:
    """Each BKM's expected number of proposals this year, and each partner's knowledge of each ward.

    ``bkm`` is (capacity, marketing effort); ``rates`` (proposals per year, and the floors of
    the capacity and marketing factors).

    Returns:
        The Poisson means (per ward), and awareness and reach (per pair; a partner knows a ward
        as much as aware x reach, which :func:`proposals` computes for the aware pairs only).
    """
    capacity, effort = bkm
    per_year, fc, fm = rates
    lam = np.empty(len(capacity))
    for w in range(len(capacity)):
        lam[w] = per_year * (fc + (1.0 - fc) * capacity[w]) * (fm + (1.0 - fm) * effort[w])
    return lam, (aware, reach)
