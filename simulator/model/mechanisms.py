"""The model's submodels as pure, vectorised functions: the one place to import them from.

Each function takes NumPy arrays (or scalars) and returns new values; none
touches the model or draws random numbers, so each can be tested with exact
expectations on small hand-made cases. ``docs/ODD.md`` gives the same equations.
Every number a submodel uses comes in as an argument, read by the model from the
parameter registry (``simulator.params``); the only literals are 0, 1, 2 and the
midpoint 1/2 that centres a logit term.

The equations are written in two modules by theme and re-exported here
(``from simulator.model import mechanisms as mech; mech.trust_update``):

- :mod:`simulator.model.mechanisms_partners`: trust, awareness, acceptance and renewal;
- :mod:`simulator.model.mechanisms_wards`: the BKM's capacity and reports, aid delivery,
  assets, upkeep and fees;
- :mod:`simulator.model.mechanisms_common`: what both share (``FloatArray``, ``HALF``)
  and the grouping helpers ``grouped_cumsum`` and ``occurrence_rounds``.

Each re-exported function names this module as its ``__module__`` (as NumPy's public
functions name ``numpy``), so help, pickling and ``tests/test_mechanisms.py``, which
checks that every public equation here has a test, see one home.
"""

from __future__ import annotations

import types

from simulator.model.mechanisms_common import HALF, FloatArray, grouped_cumsum, occurrence_rounds
from simulator.model.mechanisms_partners import (
    LEAVE,
    RENEW,
    SCALE_DOWN,
    acceptance_logit,
    acceptance_probability,
    bass_awareness,
    enabler_index,
    learning_rates,
    logistic,
    notice_probability,
    renewal_choice,
    renewal_probability,
    reputation_update,
    trust_forget,
    trust_update,
)
from simulator.model.mechanisms_wards import (
    capacity_update,
    condition_update,
    delivery_success_probability,
    fee_collection,
    fee_revenue,
    grant_absorption,
    managing_body_of_collection,
    managing_body_target,
    pay_needs,
    rehabilitate,
    report_probability,
    upkeep_need,
)

__all__ = [
    "HALF",
    "LEAVE",
    "RENEW",
    "SCALE_DOWN",
    "FloatArray",
    "acceptance_logit",
    "acceptance_probability",
    "bass_awareness",
    "capacity_update",
    "condition_update",
    "delivery_success_probability",
    "enabler_index",
    "fee_collection",
    "fee_revenue",
    "grant_absorption",
    "grouped_cumsum",
    "learning_rates",
    "logistic",
    "managing_body_of_collection",
    "managing_body_target",
    "notice_probability",
    "occurrence_rounds",
    "pay_needs",
    "rehabilitate",
    "renewal_choice",
    "renewal_probability",
    "report_probability",
    "reputation_update",
    "trust_forget",
    "trust_update",
    "upkeep_need",
]

for _name in __all__:
    _obj = globals()[_name]
    if isinstance(_obj, types.FunctionType):
        _obj.__module__ = __name__
del _name, _obj
