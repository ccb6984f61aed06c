"""Compiled inner loops of the yearly phases (Numba).

Each kernel does exactly what the NumPy code it replaced did, draw for draw: the same
random numbers in the same order from the model's generator (Numba's ``Generator``
methods reproduce NumPy's streams), and the same floating-point operations in the
same order, so a run's tables are identical to the vectorised version's.
"""

from __future__ import annotations

import numba
import numpy as np

from simulator.model.state import BoolArray, FloatArray, IntArray

njit = numba.njit(cache=True, nogil=True)


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
