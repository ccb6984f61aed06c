"""The year's statistics computed from the state.

See ``simulator.model.kernels`` for what every kernel promises.
"""

from __future__ import annotations

import numpy as np

from simulator.model.kernels._jit import njit
from simulator.model.state import (
    N_FORMS,
    BoolArray,
    FloatArray,
    IntArray,
    Pairs,
)
from simulator.numerics import flagged_any, masked_sum, pairwise_sum


@njit
def observe(
    pairs: tuple[Pairs, BoolArray, BoolArray, BoolArray, BoolArray, IntArray, FloatArray, FloatArray, FloatArray],
    wards: tuple[BoolArray, FloatArray, FloatArray, FloatArray, FloatArray, FloatArray, FloatArray, FloatArray],
    backlog: IntArray,
    ever_partnered: BoolArray,
    n_gov: int,
    trust_initial: float,
    in_reach: tuple[int, int],
) -> tuple[FloatArray, tuple[float, ...], tuple[float, ...]]:
    """The year's statistics that are computed from the state (see ``observation.observe``).

    ``pairs`` is (the pairs, alive, contact, heard, aware, last_form, trust_partner, trust_bkm,
    reach);
    ``wards`` is (sustained, capacity, managing body, skill, assets, condition, coverage,
    cash); ``in_reach`` the agencies' and the firms' pairs with a reach above 0 (fixed in a
    run: :func:`in_reach`). Means and sums add as NumPy adds (``simulator.numerics``), so the values equal
    the vectorised ones to the last bit.

    Returns:
        Live partnerships per aid form; then (sustained share, partnerships active,
        government, private, share of wards with a partnership, share of firms ever
        partnered); then (mean trust of partners and of BKMs over pairs in contact, the same
        over live pairs, mean ward trust, mean capacity, managing body and marketing skill,
        mean condition of wards with assets, total assets, mean coverage, mean cash, plan
        backlog, share of agencies' pairs aware, share of firms' pairs aware).
    """
    index, alive, contact, heard, aware, last_form, tp, tb, reach = pairs
    sustained, cap, mb, skill, assets, condition, coverage, cash = wards
    P, W = len(index.start) - 1, len(sustained)
    n_firms = P - n_gov
    n_alive = n_gov_alive = n_contact = 0
    per_form = np.zeros(N_FORMS)
    with_p = np.zeros(W, dtype=np.bool_)
    known_n = np.zeros(W)
    known_tot = np.zeros(W)
    gov_aware = firm_aware = 0
    gov_reach, firm_reach = in_reach
    K = len(alive)
    # both trusts of the live pairs and of the pairs in contact, in pair order, for their sums
    tp_a, tb_a, tp_c, tb_c = np.empty(K), np.empty(K), np.empty(K), np.empty(K)
    k_gov = index.start[n_gov]  # the agencies' pairs come first
    for k in flagged_any(alive, contact, heard, aware):  # most pairs: nothing to count
        p, w = index.partner[k], index.ward[k]
        if aware[k] and reach[k] > 0:
            if k < k_gov:
                gov_aware += 1
            else:
                firm_aware += 1
        if alive[k]:
            tp_a[n_alive], tb_a[n_alive] = tp[k], tb[k]
            n_alive += 1
            n_gov_alive += p < n_gov
            per_form[last_form[k]] += 1
            with_p[w] = True
        if contact[k]:
            tp_c[n_contact], tb_c[n_contact] = tp[k], tb[k]
            n_contact += 1
        if contact[k] or heard[k]:
            known_n[w] += 1
            known_tot[w] += tp[k]
    ward_trust = np.empty(W)
    for w in range(W):
        ward_trust[w] = known_tot[w] / max(known_n[w], 1.0) if known_n[w] > 0 else trust_initial
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
        pairwise_sum(tp_c[:n_contact]) / n_contact if n_contact else trust_initial,
        pairwise_sum(tb_c[:n_contact]) / n_contact if n_contact else trust_initial,
        pairwise_sum(tp_a[:n_alive]) / n_alive if n_alive else np.nan,
        pairwise_sum(tb_a[:n_alive]) / n_alive if n_alive else np.nan,
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
        firm_aware / firm_reach if n_firms and firm_reach else 0.0,
    )
    return per_form, counts, means


@njit
def in_reach(index: Pairs, reach: FloatArray, n_gov: int) -> tuple[int, int]:
    """How many of the agencies' pairs and of the firms' pairs have a reach above 0 (see :func:`observe`)."""
    k_gov = index.start[n_gov]
    gov = firm = 0
    for k in range(len(reach)):
        if reach[k] > 0:
            if k < k_gov:
                gov += 1
            else:
                firm += 1
    return gov, firm


@njit
def run_record(
    log: tuple[IntArray, FloatArray, IntArray, IntArray],
    codes: tuple[int, int, int, int],
    pairs: tuple[IntArray, BoolArray, IntArray],
    sector: IntArray,
    grant: tuple[FloatArray, FloatArray],
    years_now: int,
    long_years: float,
    n_sectors: int,
) -> tuple[float, float, float, float, FloatArray, FloatArray, FloatArray, FloatArray]:
    """A finished run's figures that need its log and state, not only its yearly statistics.

    ``log`` is the event log's (event, duration, partner, status); ``codes`` the codes of a partnership's
    end, a proposal, an unanswered and an accepted proposal; ``pairs`` (each pair's partner, alive, start
    year); ``grant`` (spent, received) per ward; ``years_now`` the programme year after the run's last.
    Sums add as NumPy adds (``simulator.numerics``), so the figures equal the vectorised ones to the last bit.

    Returns:
        The median duration of the ended and the live partnerships (0 if none); the mean duration of
        the ended ones and their share lasting ``long_years`` or more (NaN if none); the share of the
        grant spent (0 if none received); then per sector (``n_sectors`` of them): partners in a live
        partnership, proposals sent, answered and accepted.
    """
    event, duration, partner, status = log
    end, proposal, unanswered, accepted = codes
    pair_partner, alive, started = pairs
    n_ends = 0
    for i in range(len(event)):
        if event[i] == end:
            n_ends += 1
    durations = np.empty(n_ends + int(np.sum(alive)))
    long = 0
    j = 0
    sent = np.zeros(n_sectors)
    answered = np.zeros(n_sectors)
    taken = np.zeros(n_sectors)
    for i in range(len(event)):
        if event[i] == end:
            durations[j] = duration[i]
            long += duration[i] >= long_years
            j += 1
        elif event[i] == proposal:
            s = sector[partner[i]]
            sent[s] += 1
            answered[s] += status[i] != unanswered
            taken[s] += status[i] == accepted
    ends_mean = pairwise_sum(durations[:n_ends]) / n_ends if n_ends else np.nan
    live = np.zeros(len(sector), dtype=np.bool_)
    for k in range(len(alive)):
        if alive[k]:
            durations[j] = float(years_now - started[k] + 1)
            live[pair_partner[k]] = True
            j += 1
    median = 0.0
    if len(durations):
        s = np.sort(durations)
        h = len(s) // 2
        median = np.nan if np.isnan(s[-1]) else s[h] if len(s) % 2 else (s[h - 1] + s[h]) / 2
    partners = np.zeros(n_sectors)
    for p in range(len(sector)):
        if live[p]:
            partners[sector[p]] += 1
    received = pairwise_sum(grant[1])
    spent = pairwise_sum(grant[0]) / received if received > 0 else 0.0
    long_share = long / n_ends if n_ends else np.nan
    return median, ends_mean, long_share, spent, partners, sent, answered, taken
