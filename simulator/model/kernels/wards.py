"""A ward's own year: board turnover, plan, grant, marketing, learning, forgetting and assets.

See ``simulator.model.kernels`` for what every kernel promises.
"""

from __future__ import annotations

import numpy as np

from simulator.model.kernels._jit import njit
from simulator.model.state import (
    N_FORMS,
    PHYSICAL,
    BoolArray,
    FloatArray,
    IntArray,
    Pairs,
    UintArray,
)
from simulator.numerics import (
    ROUNDING_MARGIN,
    JumpTable,
    flagged,
    flagged_any,
    pairwise_sum,
    pcg_finish,
    pcg_state,
    pcg_uniform,
    pcg_uniform_after,
    uniform_after,
)


@njit
def turnover(
    rng: np.random.Generator,
    due: BoolArray,
    p_turn: float,
    bkm: tuple[FloatArray, FloatArray, IntArray],
    pairs: tuple[Pairs, FloatArray, FloatArray, BoolArray],
    losses: tuple[float, float, float, float, float],
    learn: bool,
    may_break: bool,
    words: UintArray,
    jumps: JumpTable,
) -> tuple[BoolArray, BoolArray]:
    """Boards due for election may turn over (in place); see ``phases.bkm_elections``.

    One uniform per ward; when any board turns over, its skill and capacity shrink, its ties
    (both trusts) move back toward the initial trust, and, when ``may_break``, one uniform per
    pair (partner-major) decides which of its live partnerships the new team drops.
    ``bkm`` is (skill, capacity, turnovers); ``pairs`` (the pairs, trust of partners, trust of
    BKMs, alive); ``losses`` (skill loss, capacity loss, tie loss, initial trust, chance a live
    partnership breaks); ``words`` the generator's PCG64 state (``numerics.pcg_words``) and
    ``jumps`` its jump table (``numerics.pcg_jumps``), with which the uniforms of pairs that
    cannot break are stepped over, not computed.

    Returns:
        Which boards turned over, and which pairs' partnerships break (empty when none can).
    """
    skill, capacity, turnovers = bkm
    index, tp, tb, alive = pairs
    ward, wstart, by_ward = index.ward, index.wstart, index.by_ward
    skill_loss, capacity_loss, tie_loss, t0, p_break = losses
    W, K = len(skill), len(alive)
    turn = np.zeros(W, dtype=np.bool_)
    for w in range(W):
        turn[w] = due[w] & (rng.random() < p_turn)
    broken = np.zeros(0, dtype=np.bool_)
    if not turn.any():
        return turn, broken
    for w in range(W):
        if turn[w]:
            turnovers[w] += 1
            skill[w] *= 1.0 - skill_loss
            capacity[w] *= 1.0 - capacity_loss
    if learn:
        for w in range(W):
            if turn[w]:  # each pair changes on its own: the order of the loops does not matter
                for j in range(wstart[w], wstart[w + 1]):
                    k = by_ward[j]
                    tp[k] += tie_loss * (t0 - tp[k])
                    tb[k] += tie_loss * (t0 - tb[k])
    if may_break:
        broken = np.zeros(K, dtype=np.bool_)
        fast, state = len(words) > 0, pcg_state(words)
        last = -1  # the last pair that could break: the pairs in between use no uniform
        for k in flagged(alive):
            if turn[ward[k]]:
                if fast:
                    state, u = pcg_uniform_after(state, jumps, k - last - 1)
                else:
                    u = uniform_after(rng, k - last - 1)
                broken[k] = u < p_break
                last = k
        pcg_finish(rng, words, state, K - last - 1)
    return turn, broken


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
    partners: tuple[Pairs, FloatArray, FloatArray, BoolArray, BoolArray, int, UintArray],
    effort_rule: tuple[float, bool, int, float, float],
    bass: tuple[float, float, float, float, float, float, float],
    awareness: tuple[bool, bool],
) -> None:
    """Institutions learn of wards' programmes (in place); see ``phases.marketing``.

    ``bkm`` is (skill, event boost, marketing tranche, coordination, marketing effort,
    marketing) of which the last two are set; ``partners`` (the pairs, reach, the
    reach summed per ward (:func:`reach_sums`), aware, noticed, number of agencies, the
    generator's PCG64 state: see :func:`turnover`); ``effort_rule``
    (effort kept up after the grant, whether the marketing tranche is being spent, its span
    in years, the tranche per year at full effort, the marketing-push lever); ``bass``
    (innovation, imitation, agencies' awareness through the musrenbang, its facilitation
    factor, CSR forum awareness, notice rate, tolerance); ``awareness`` (gated, open).
    Draws: one uniform per firm when gated, then one per pair (partner-major) unless open;
    the uniforms of the pairs of a firm that has not noticed the programme are stepped
    over, not computed. A firm's draw at or above a ceiling its chance cannot reach (from
    the best ward's marketing, widened by ``numerics.ROUNDING_MARGIN``) skips its mean.

    The firms' notice probability adds reach x marketing in a plain loop where NumPy uses a
    BLAS product, so it may differ from the vectorised value in its last bit.
    """
    skill, boost, tranche, coordination, effort, mk = bkm
    index, reach, reach_sum, aware, noticed, G, words = partners
    start, ward = index.start, index.ward
    after, spending, span, ref, push = effort_rule
    p_in, q_im, gov_awareness, facil_factor, forum, notice_rate, tol = bass
    gated, is_open = awareness
    P, W, K = len(start) - 1, len(skill), len(reach)
    for w in range(W):
        e = after * skill[w]
        if spending:
            e = max(e, min(1.0, tranche[w] / span / ref))
        e = min(1.0, e + push + boost[w])
        effort[w] = e
        mk[w] = e * skill[w]
    # each ward's aware share among the agencies and among the firms in reach (reach-weighted),
    # added partner by partner as the dense loops did; an unaware pair added 0, which changes
    # no sum, so only the aware pairs are added
    rs, frs = reach_sum[0], reach_sum[1]
    aw, faw = np.zeros(W), np.zeros(W)
    k_gov = start[G]  # the agencies' pairs come first
    for k in flagged(aware):
        if k < k_gov:
            aw[ward[k]] += reach[k]
        else:
            faw[ward[k]] += reach[k]
    x_gov, x_firm = np.empty(W), np.empty(W)
    for w in range(W):
        x = p_in * mk[w] + q_im * (aw[w] / max(1.0, rs[w])) + gov_awareness * coordination[w] * facil_factor
        x_gov[w] = min(max(x, 0.0), 1.0)
        x_firm[w] = min(max(p_in * mk[w] + q_im * (faw[w] / max(tol, frs[w])) + forum, 0.0), 1.0)
    if gated:  # a firm hears of wards only once its CSR desk noticed the programme
        widest = 0
        for f in range(P - G):
            widest = max(widest, start[G + f + 1] - start[G + f])
        seen_by = np.empty(widest)  # reach x marketing of one firm's wards, reused firm after firm
        # a firm's seen marketing is a reach-weighted mean of its wards', at most the best ward's:
        # a draw at or above this ceiling (rounding included) cannot notice, and needs no mean
        top = 0.0
        for w in range(W):
            top = max(top, mk[w])
        bounded = notice_rate >= 0 and forum >= 0
        ceiling = (notice_rate * top + forum) * (1.0 + ROUNDING_MARGIN)
        for f in range(P - G):
            u = rng.random()
            if noticed[f]:
                continue  # the draw is made all the same, so the stream does not depend on who noticed
            if bounded and u >= ceiling:
                continue  # not noticed this year, as the mean would have said
            lo, hi = start[G + f], start[G + f + 1]
            for j in range(hi - lo):
                seen_by[j] = reach[lo + j] * mk[ward[lo + j]]
            total = pairwise_sum(reach[lo:hi])
            seen = pairwise_sum(seen_by[: hi - lo]) / total if total > 0 else 0.0
            noticed[f] = u < min(max(notice_rate * seen + forum, 0.0), 1.0)
    if is_open:  # every institution in reach knows every ward
        for k in range(K):
            aware[k] |= reach[k] > 0
        return
    fast, state = len(words) > 0, pcg_state(words)
    idle = 0  # uniforms owed to the pairs of firms that have not noticed the programme
    for p in range(P):
        lo, hi = start[p], start[p + 1]
        if p >= G and gated and not noticed[p - G]:
            idle += hi - lo  # a chance of 0: the draws cannot make a pair aware, so they are stepped over
            continue
        x_of = x_gov if p < G else x_firm
        for k in range(lo, hi):  # most of these pairs are unaware: every uniform is computed
            if fast:
                state, u = pcg_uniform(state, idle)
            else:
                u = uniform_after(rng, idle)
            idle = 0
            if u < x_of[ward[k]] * reach[k]:  # a store only when it changes: most pairs stay unaware
                aware[k] = True
    pcg_finish(rng, words, state, idle)


@njit
def reach_sums(index: Pairs, reach: FloatArray, n_gov: int, n_wards: int) -> FloatArray:
    """Each ward's reach summed over the agencies (row 0) and over the firms (row 1), pair by pair.

    The pairs are added in their order (partner by partner), as :func:`marketing` once added
    them every year; reach does not change in a run, so the model computes this once.
    """
    out = np.zeros((2, n_wards))
    for k in range(len(reach)):
        out[0 if index.partner[k] < n_gov else 1, index.ward[k]] += reach[k]
    return out


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
def forget(
    rng: np.random.Generator,
    index: Pairs,
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
    words: UintArray,
    jumps: JumpTable,
) -> None:
    """Trust drifts back to its baseline in pairs without contact this year; awareness fades (in place).

    See ``phases.learning``: ``mechanisms.trust_forget`` for every pair that knows the other
    but had no dealings this year, then, unless awareness is open, one uniform per pair
    (partner-major order) against the partner's forgetting rate (an agency's scaled by
    1 - the ward's coordination); a live partnership keeps awareness. The uniforms of pairs
    that cannot forget are stepped over through ``words`` and ``jumps`` (see :func:`turnover`).
    """
    ward, partner = index.ward, index.partner
    K = len(aware)
    fast, state = len(words) > 0, pcg_state(words)
    idle, last = 0, -1
    for k in flagged_any(contact, heard, aware, aware):  # most pairs: nothing to forget, no uniform used
        idle += k - last - 1  # one pass: a pair's trust and its awareness change independently
        last = k
        if learn and (contact[k] | heard[k]) and not touched[k]:
            rate = trust_rate * (1.0 - coordination_memory * coordination[ward[k]])
            t = trust_partner[k]
            trust_partner[k] = min(max(t + rate * (trust_initial - t), 0.0), 1.0)
            t = trust_bkm[k]
            trust_bkm[k] = min(max(t + rate * (trust_initial - t), 0.0), 1.0)
        if not aware[k] or alive[k] or not awareness_lost:
            idle += 1
            continue
        if fast:
            state, u = pcg_uniform_after(state, jumps, idle)
        else:
            u = uniform_after(rng, idle)
        idle = 0
        pf = gov_forgetting * (1.0 - coordination[ward[k]]) if partner[k] < n_gov else firm_forgetting
        if u < pf:
            aware[k] = False
    if not awareness_lost:  # no uniform drawn
        return
    pcg_finish(rng, words, state, idle + K - last - 1)


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
