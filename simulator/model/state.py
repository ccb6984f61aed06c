"""Names, index constants and types the model's modules share.

The model keeps its state in NumPy arrays on ``PartnershipModel`` (one row per
ward, or one row per partner and one column per ward); these constants name the
indices into them and the labels the event log and tables use.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from simulator.params import AID_FORMS

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]
UintArray = NDArray[np.uint64]

N_FORMS = len(AID_FORMS)
PHYSICAL, MONEY, PROGRAMME, EVENT = range(N_FORMS)
GOV, PRIVATE = 0, 1
ROUTES = ("government", "private")
"""The two routes a proposal can take, indexed by a partner's sector."""
STATUS = ("unanswered", "refused", "no budget", "accepted")
UNANSWERED, REFUSED, NO_BUDGET, ACCEPTED = range(len(STATUS))
END_REASONS = ("left", "scaled out", "lapsed", "trust failed", "board turnover")
"""Why a partnership ends: the partner's decision (left, or scaled below the minimum), the
backstop or lapse rule (lapsed), the lapse structure's trust rule (trust failed), or a new
BKM team that does not carry the agreement on (board turnover)."""
EVENTS = ("proposal", "continuation", "partnership_start", "delivery", "partnership_end")
"""The kinds of event in the log (its ``event`` column), indexed by the log's event codes."""
PROPOSAL, CONTINUATION, PARTNERSHIP_START, DELIVERY, PARTNERSHIP_END = range(len(EVENTS))
LOG_STATUS = (*STATUS, "started", "succeeded", "failed", *END_REASONS)
"""The log's ``status`` column, indexed by its status codes: an ask's answer (``STATUS``), a start, a
delivery's outcome, or why a partnership ended (``END_REASONS``, from ``ENDED``)."""
STARTED, SUCCEEDED, FAILED = (LOG_STATUS.index(x) for x in ("started", "succeeded", "failed"))
ENDED = LOG_STATUS.index(END_REASONS[0])
ROUTE_COUNTS = ("aid_committed", "proposals_sent", "proposals_answered", "proposals_accepted", "proposals_no_budget")
"""What the decisions count per route each year (yearly statistics ``<count>_<route>``)."""
COMMITTED, SENT, ANSWERED, ACCEPTED_N, NO_BUDGET_N = range(len(ROUTE_COUNTS))
N_ROUTES, N_ROUTE_COUNTS = len(ROUTES), len(ROUTE_COUNTS)
"""Their numbers (compiled kernels read these: a tuple of strings costs them an unpickling per use)."""
TOL = 1e-9
"""Tolerance of budget and threshold comparisons (rounding in sums)."""


class Payment(NamedTuple):
    """Accepted aid waiting for payment, one element per payment, in the order it was accepted."""

    due: IntArray
    ward: IntArray
    partner: IntArray
    form: IntArray
    amount: FloatArray


class Pairs(NamedTuple):
    """Which partner x ward pairs exist: those in the partner's reach, held as flat arrays.

    Pair state (awareness, trust, live partnerships) is one element per pair, partner by
    partner and, within a partner, ward by ward: partner ``p``'s pairs are
    ``start[p]:start[p + 1]``. ``by_ward`` lists the same pairs ward by ward (each ward's by
    partner), ward ``w``'s in ``by_ward[wstart[w]:wstart[w + 1]]``. An agency reaches the
    wards of its region, a firm those of its home region and, when ``firms.outside_reach``
    is above 0, every other ward: the model's cost grows with the pairs, not with wards x
    partners.
    """

    start: IntArray
    ward: IntArray
    partner: IntArray
    wstart: IntArray
    by_ward: IntArray


def make_pairs(wards_of: list[IntArray], n_wards: int) -> Pairs:
    """The pairs of partners that reach the given wards (one sorted ward array per partner)."""
    sizes = np.array([len(x) for x in wards_of], dtype=np.int64)
    ward = np.concatenate(wards_of).astype(np.int64) if wards_of else np.zeros(0, dtype=np.int64)
    partner = np.repeat(np.arange(len(wards_of), dtype=np.int64), sizes)
    return pairs_of(partner, ward, len(wards_of), n_wards)


def pairs_of(partner: IntArray, ward: IntArray, n_partners: int, n_wards: int) -> Pairs:
    """The pairs given as each pair's partner and ward, partner by partner (each partner's wards sorted)."""
    start = np.zeros(n_partners + 1, dtype=np.int64)
    np.cumsum(np.bincount(partner, minlength=n_partners), out=start[1:])
    by_ward = np.argsort(ward, kind="stable").astype(np.int64)
    wstart = np.zeros(n_wards + 1, dtype=np.int64)
    np.cumsum(np.bincount(ward, minlength=n_wards), out=wstart[1:])
    return Pairs(start, ward, partner, wstart, by_ward)


def all_pairs(n_partners: int, n_wards: int) -> Pairs:
    """Every partner x ward pair (partner-major: pair ``p * n_wards + w``), as tests and small examples use."""
    return make_pairs([np.arange(n_wards, dtype=np.int64) for _ in range(n_partners)], n_wards)
