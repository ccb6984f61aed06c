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
