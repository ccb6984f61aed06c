"""A simulated year in one compiled call, so the generator is handed to Numba once a year.

Handing the model's ``Generator`` to a kernel costs about 10 microseconds (Numba reads its
bit generator through ctypes on every call), and building each phase's arguments in Python
costs as much again: calling the phase kernels one after another from here pays once. The
function calls the same kernels as the phase functions in ``simulator.model.phases`` and
``partnering``, in the same order, so a year run through it equals the year run phase by
phase (``PartnershipModel.step_by_phase``; ``tests/test_kernels.py`` checks both ways).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from simulator.model.kernels._jit import njit
from simulator.model.kernels.delivery import delivery_phase, end_pairs, partnerships, reporting_phase
from simulator.model.kernels.observe import observe
from simulator.model.kernels.partners import ask_inputs, ask_terms, asks, decisions
from simulator.model.kernels.politics import politics
from simulator.model.kernels.wards import forget, grant, grow, marketing, plan, turnover, upkeep
from simulator.model.state import (
    CONTINUATION,
    DELIVERY,
    ENDED,
    FAILED,
    PARTNERSHIP_END,
    PARTNERSHIP_START,
    PROPOSAL,
    STARTED,
    SUCCEEDED,
)
from simulator.numerics import flagged


@njit
def year(rng: np.random.Generator, t: int, phases: Any, middle: Any, close: Any) -> Any:
    """Every phase of year ``t`` after politics, with the arguments the phase functions build.

    Args:
        rng: The model's generator.
        t: The step.
        phases: (turnover, board-turnover reason, plan, (budget, budget left), grant,
            marketing, asks) arguments.
        middle: (ask terms, decisions after the terms, pending payments, delivery, reporting,
            (grow, forget), assets) arguments.
        close: (renewal structure and arguments, the pairs ``end_pairs`` updates,
            (partnership years, sustained years, alive, each pair's ward, sustained), observe
            arguments).

    Returns:
        What each phase kernel returns, for the phase functions' absorb steps.
    """
    turn_a, board, plan_a, budgets, grant_a, market_a, asks_a = phases
    terms_a, dec_a, pending, deliver_a, report_a, learn_a, assets_a = middle
    close_a, ending, books, observe_a = close
    turn, broken = turnover(rng, *turn_a)
    board_reason = np.full(broken.shape, board, dtype=np.int64)
    ends_board = end_pairs(t, broken, board_reason, ending)
    expired = plan(rng, t, *plan_a)
    budget, budget_left = budgets
    budget_left[:] = budget
    spent = grant(t + 1, *grant_a)
    marketing(rng, *market_a)
    lam, known = ask_inputs(*asks_a[0])
    backlog, pairs, sizes, sigma, weights = asks_a[1]
    a = asks(rng, lam, backlog, known, pairs, sizes, sigma, weights)
    w, p, f, _, cont, ks = a
    p_answer, logit, amount, cost = ask_terms(a, *terms_a)
    made = decisions(rng, (w, p, f, cont, ks), p_answer, logit, amount, cost, *dec_a)
    new = made[-1]
    queue = (
        np.concatenate((pending[0], new[0])),
        np.concatenate((pending[1], new[1])),
        np.concatenate((pending[2], new[2])),
        np.concatenate((pending[3], new[3])),
        np.concatenate((pending[4], new[4])),
    )
    paid = delivery_phase(rng, t, queue, *deliver_a)
    reported = reporting_phase(rng, *report_a)
    grow(*learn_a[0])
    forget(rng, *learn_a[1])
    kept = upkeep(*assets_a)
    structure, (index, alive, started, last_active, last_form, trust, _, scale, committed), rest = close_a
    pairs_now = (index, alive, started, last_active, last_form, trust, reported[0], scale, committed)
    renewed, scaled, ended, reason = partnerships(rng, t, structure, pairs_now, *rest)
    ends = end_pairs(t, ended, reason, ending)
    years, sustained_years, alive_now, ward, sustained = books
    for k in flagged(alive_now):  # adding 0 for the others changes nothing
        years[ward[k]] += 1.0
    sustained_years += sustained
    seen = observe(*observe_a)
    log = year_log(ends_board, a, amount, made, paid, ends)
    return (
        turn,
        len(ends_board[0]),
        expired,
        spent,
        made,
        paid,
        reported,
        kept,
        renewed,
        scaled,
        len(ends[0]),
        seen,
        log,
    )


@njit
def years(
    rng: np.random.Generator,
    t0: int,
    phases: Any,
    middle: Any,
    close: Any,
    per_year: Any,
    scratch: Any,
    politics_a: Any,
) -> Any:
    """Years ``t0``, ``t0 + 1``, ... in one call: politics and :func:`year` year after year, to the end of a run.

    ``phases``, ``middle`` and ``close`` are :func:`year`'s arguments for year ``t0``; the
    values that change from one year to the next are taken from ``per_year`` (one element
    per year: whether the year has an election among the agencies, boards due for
    election, chance of turnover, whether the marketing tranche is being spent, marketing
    push, musrenbang facilitation factor, CSR forum awareness, CSR forum responsiveness
    gain, facilitation, strengthening, training; see the phases' ``*_year`` functions), the
    step, the payments still pending and the assets' history length are carried from year
    to year, and the year's scratch arrays (``scratch``: projects, in-kind funding, pairs
    touched) are cleared before every year after the first, as ``PartnershipModel`` clears
    them. A year with an election starts with :func:`politics.politics` (``politics_a``
    its arguments after the generator), which changes the arrays the other arguments hold.

    Returns:
        The stretch's results as arrays (:func:`stretch_results`): one row of numbers per
        year (see :func:`year_row` for its columns), the years' events in log order with
        each event's year (0 for ``t0``), and what the last year leaves for the next
        stretch: the payments still pending, who reported, the assets' history length.
    """
    turn_a, board, plan_a, budgets, grant_a, market_a, asks_a = phases
    terms_a, dec_a, pending, deliver_a, report_a, learn_a, assets_a = middle
    election, due, p_turn, spending, push, facil_factor, forum, forum_gain = per_year[:8]
    facilitation, strengthening, train = per_year[8:]
    projects, inkind, touched = scratch
    _, _, bkm, pairs, losses, learn, may_break, words, jumps = turn_a
    m_bkm, m_partners, effort_rule, bass, awareness = market_a
    after, _, span, ref, _ = effort_rule
    p_in, q_im, gov_awareness, _, _, notice_rate, tol = bass
    t_partners, t_pairs, t_bkm, weights, enablers, give_cost = terms_a
    _, q_cap, q_fac, _, w_e, w_f, w_q, bonus = weights
    sector, budget_left, backlog, d_pairs, ever, learning, _, lag, d_tol = dec_a
    (g_bkm, _, g_rates), forget_a = learn_a
    stock, ledgers, (need_hist, paid_hist, hist_n), cover, demand, wear, sustain = assets_a
    n = len(p_turn)
    rows = np.zeros((0, 0))
    logs = []
    for i in range(n):
        t = t0 + i
        if i > 0:
            projects[:] = 0.0
            inkind[:] = 0.0
            touched[:] = False
        if election[i]:
            politics(rng, *politics_a)
        before_y = (
            (due[i], p_turn[i], bkm, pairs, losses, learn, may_break, words, jumps),
            board,
            plan_a,
            budgets,
            grant_a,
            (
                m_bkm,
                m_partners,
                (after, spending[i], span, ref, push[i]),
                (p_in, q_im, gov_awareness, facil_factor[i], forum[i], notice_rate, tol),
                awareness,
            ),
            asks_a,
        )
        middle_y = (
            (
                t_partners,
                t_pairs,
                t_bkm,
                (forum_gain[i], q_cap, q_fac, facilitation[i], w_e, w_f, w_q, bonus),
                enablers,
                give_cost,
            ),
            (sector, budget_left, backlog, d_pairs, ever, learning, t, lag, d_tol),
            pending,
            deliver_a,
            report_a,
            ((g_bkm, (facilitation[i], strengthening[i], train[i]), g_rates), forget_a),
            (stock, ledgers, (need_hist, paid_hist, hist_n), cover, demand, wear, sustain),
        )
        res = year(rng, t, before_y, middle_y, close)
        pending = res[5][0]
        hist_n = res[7][0]
        row = year_row(res)
        if i == 0:
            rows = np.zeros((n, len(row)))
        rows[i] = row
        logs.append(res[12])
        if i == n - 1:
            return rows, concat_logs(logs), (pending, res[6][0], hist_n)
    raise ValueError("a stretch has at least one year")


@njit
def year_row(res: Any) -> Any:
    """One year's numbers from what :func:`year` returns, as one row of floats.

    Columns, in order: boards that turned over, partnerships the new boards dropped, plan
    items expired, grant spent; the decisions' counts (``partnering.COUNT_KEYS``); the
    deliveries' sums (``partnering.AID_SUM_KEYS``); reports sent and missing; fees
    collected, fees potential, upkeep needed, upkeep paid; partnerships renewed, scaled
    down, started, ended at renewal; live partnerships per aid form; the state's counts and
    means (``observation.STATE_COUNTS``, ``STATE_MEANS``). ``year.ROW`` names them.
    """
    turn, n_board, expired, spent, made, paid, reported, kept, renewed, scaled, n_ended, seen, _ = res
    counts, sums = made[3], paid[3]
    per_form, state_counts, means = seen
    head = (float(turn.sum()), float(n_board), expired, spent)
    mid = (float(reported[1]), float(reported[2]), kept[1], kept[2], kept[3], kept[4])
    tail = (float(renewed), float(scaled), float(made[2].sum()), float(n_ended))
    parts = (len(head), len(counts), len(sums), len(mid), len(tail), len(per_form), len(state_counts), len(means))
    row = np.empty(sum(parts))
    k = _put(row, 0, head)
    k = _put(row, k, counts)
    k = _put(row, k, sums)
    k = _put(row, k, mid)
    k = _put(row, k, tail)
    k = _put(row, k, per_form)
    k = _put(row, k, state_counts)
    _put(row, k, means)
    return row


@njit
def _put(row: Any, k: int, values: Any) -> int:
    """Write ``values`` into ``row`` from index ``k``; returns the index after them."""
    for x in values:
        row[k] = x
        k += 1
    return k


@njit
def concat_logs(logs: Any) -> Any:
    """The years' event logs (:func:`year_log`'s columns) end to end, with each event's year (0, 1, ...)."""
    n = 0
    for log in logs:
        n += len(log[0])
    ev, ww, pp, ff = np.empty(n, np.int64), np.empty(n, np.int64), np.empty(n, np.int64), np.empty(n, np.int64)
    am, st, du, yr = np.empty(n), np.empty(n, np.int64), np.empty(n), np.empty(n, np.int64)
    k = 0
    for i, log in enumerate(logs):
        e, w, p, f, a, s, d = log
        for j in range(len(e)):
            ev[k], ww[k], pp[k], ff[k], am[k], st[k], du[k], yr[k] = e[j], w[j], p[j], f[j], a[j], s[j], d[j], i
            k += 1
    return (ev, ww, pp, ff, am, st, du), yr


@njit
def year_log(board_ends: Any, a: Any, amount: Any, made: Any, paid: Any, ends: Any) -> Any:
    """The year's events in the order the phase functions log them, as the log's columns.

    Partnerships the new boards dropped, then starts, proposals and continuations (with the
    amount granted if accepted, else the amount asked), deliveries, and partnerships that
    ended at renewal. Columns: event, ward, partner, form, amount, status, duration (the
    codes of ``state.EVENTS`` and ``state.LOG_STATUS``).
    """
    w, p, f, req, cont, _ = a
    status, acc, new, _, _ = made
    _, (_, dw, dp, df, damt), ok, _ = paid
    bp, bw, bf, bdur, bwhy = board_ends
    ep, ew, ef, edur, ewhy = ends
    n_ask, n_new, n_del = len(w), int(new.sum()), len(dw)
    n = len(bp) + n_new + n_ask + n_del + len(ep)
    ev, ww, pp, ff = np.empty(n, np.int64), np.empty(n, np.int64), np.empty(n, np.int64), np.empty(n, np.int64)
    am, st, du = np.zeros(n), np.empty(n, np.int64), np.zeros(n)
    k = 0
    for i in range(len(bp)):
        ev[k], ww[k], pp[k], ff[k], st[k], du[k] = PARTNERSHIP_END, bw[i], bp[i], bf[i], ENDED + bwhy[i], bdur[i]
        k += 1
    for i in range(n_ask):
        if new[i]:
            ev[k], ww[k], pp[k], ff[k], am[k], st[k] = PARTNERSHIP_START, w[i], p[i], f[i], amount[i], STARTED
            k += 1
    for kind in (PROPOSAL, CONTINUATION):
        for i in range(n_ask):
            if cont[i] == (kind == CONTINUATION):
                shown = amount[i] if acc[i] else req[i]
                ev[k], ww[k], pp[k], ff[k], am[k], st[k] = kind, w[i], p[i], f[i], shown, status[i]
                k += 1
    for i in range(n_del):
        ev[k], ww[k], pp[k], ff[k], am[k] = DELIVERY, dw[i], dp[i], df[i], damt[i]
        st[k] = SUCCEEDED if ok[i] else FAILED
        k += 1
    for i in range(len(ep)):
        ev[k], ww[k], pp[k], ff[k], st[k], du[k] = PARTNERSHIP_END, ew[i], ep[i], ef[i], ENDED + ewhy[i], edur[i]
        k += 1
    return ev, ww, pp, ff, am, st, du
