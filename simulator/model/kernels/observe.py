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
    ks = flagged_any(alive, contact, heard, aware)  # most pairs: nothing to count
    # both trusts of the live pairs and of the pairs in contact, in pair order, for their sums
    n = len(ks)
    tp_a, tb_a, tp_c, tb_c = np.empty(n), np.empty(n), np.empty(n), np.empty(n)
    k_gov = index.start[n_gov]  # the agencies' pairs come first
    for k in ks:
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
def run_records(
    log: tuple[IntArray, FloatArray, IntArray, IntArray, IntArray],
    codes: tuple[int, int, int, int],
    pairs: tuple[IntArray, BoolArray, IntArray, IntArray],
    partners: tuple[IntArray, IntArray],
    grant: tuple[FloatArray, FloatArray, IntArray],
    years_now: IntArray,
    long_years: float,
    n_sectors: int,
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray, FloatArray, FloatArray, FloatArray, FloatArray]:
    """Finished runs' figures that need their logs and states, not only their yearly statistics.

    The runs' arrays come one run after the other, each run's stretch given by offsets (``*_at``, one
    more than the runs): ``log`` is (event, duration, partner, status, log_at) of the event logs;
    ``codes`` the codes of a partnership's end, a proposal, an unanswered and an accepted proposal;
    ``pairs`` (each pair's partner, whether its partnership is live, the year it started, pair_at);
    ``partners`` (each partner's sector, partner_at); ``grant`` (spent and received per ward, ward_at);
    ``years_now`` each run's programme year after its last. A run's partner numbers are its own
    (from 0). Sums add as NumPy adds (``simulator.numerics``), so each figure equals the NumPy
    computation on the run's own arrays to the last bit.

    Returns:
        Per run: the median duration of the ended and the live partnerships (0 if none); the mean
        duration of the ended ones and their share lasting ``long_years`` or more (NaN if none); the
        share of the grant spent (0 if none received); then per run and sector (``n_sectors``
        columns): partners in a live partnership, proposals sent, answered and accepted.
    """
    event, duration, partner, status, log_at = log
    end, proposal, unanswered, accepted = codes
    pair_partner, alive, started, pair_at = pairs
    sector, partner_at = partners
    spent, received, ward_at = grant
    R = len(years_now)
    median = np.zeros(R)
    ends_mean = np.full(R, np.nan)
    long_share = np.full(R, np.nan)
    spent_share = np.zeros(R)
    live_partners = np.zeros((R, n_sectors))
    sent = np.zeros((R, n_sectors))
    answered = np.zeros((R, n_sectors))
    taken = np.zeros((R, n_sectors))
    live = np.zeros(np.max(np.diff(partner_at)) if R else 0, dtype=np.bool_)
    for r in range(R):
        lo, hi, p0 = log_at[r], log_at[r + 1], partner_at[r]
        n_ends = 0
        for i in range(lo, hi):
            if event[i] == end:
                n_ends += 1
        n_alive = 0
        for k in range(pair_at[r], pair_at[r + 1]):
            n_alive += alive[k]
        durations = np.empty(n_ends + n_alive)
        long = 0
        j = 0
        for i in range(lo, hi):
            if event[i] == end:
                durations[j] = duration[i]
                long += duration[i] >= long_years
                j += 1
            elif event[i] == proposal:
                s = sector[p0 + partner[i]]
                sent[r, s] += 1
                answered[r, s] += status[i] != unanswered
                taken[r, s] += status[i] == accepted
        if n_ends:
            ends_mean[r] = pairwise_sum(durations[:n_ends]) / n_ends
            long_share[r] = long / n_ends
        live[:] = False
        for k in range(pair_at[r], pair_at[r + 1]):
            if alive[k]:
                durations[j] = float(years_now[r] - started[k] + 1)
                live[pair_partner[k]] = True
                j += 1
        if len(durations):
            d = np.sort(durations)
            h = len(d) // 2
            median[r] = np.nan if np.isnan(d[-1]) else d[h] if len(d) % 2 else (d[h - 1] + d[h]) / 2
        for p in range(partner_at[r + 1] - p0):
            if live[p]:
                live_partners[r, sector[p0 + p]] += 1
        got = pairwise_sum(received[ward_at[r] : ward_at[r + 1]])
        if got > 0:
            spent_share[r] = pairwise_sum(spent[ward_at[r] : ward_at[r + 1]]) / got
    return median, ends_mean, long_share, spent_share, live_partners, sent, answered, taken
