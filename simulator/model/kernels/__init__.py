"""Compiled inner loops of the yearly phases (Numba).

Each kernel does exactly what the NumPy code it replaced did, draw for draw: the same
random numbers in the same order from the model's generator (Numba's ``Generator``
methods reproduce NumPy's streams), and the same floating-point operations in the
same order, with sums added as NumPy adds them (``simulator.numerics``), so a run's
tables are identical to the vectorised version's. Functions such as ``exp`` and ``pow``
stay in NumPy, whose SIMD versions may round differently in the last bit; the
exceptions are the firms' notice probability (see ``wards.marketing``) and the agencies'
budget split (``politics.gov_budgets``), which every budget of the model comes from.

Kernels take arrays, scalars and the generator, never the model; they change the arrays
they are given in place and return what the phase needs to record. ``tests/test_kernels.py``
checks them against the NumPy code they replaced. Modules: ``partners`` (proposals and
decisions), ``delivery`` (aid, reports, renewal), ``wards`` (a ward's own phases),
``observe`` (the year's statistics), ``politics`` (elections), ``pairs`` (a pair's index in the flat pair arrays) and
``year`` (a year, or the years to the end of a run, in one call); ``_jit`` holds the decorator
and its cache. Pair state is one element per partner x ward pair in reach (``state.Pairs``).
"""

from simulator.model.kernels import _jit
from simulator.model.kernels.delivery import (
    deliver,
    delivery_phase,
    end_pairs,
    learn_from_deliveries,
    partnerships,
    region_groups,
    renew,
    report,
    reporting_phase,
)
from simulator.model.kernels.observe import in_reach, observe, run_records
from simulator.model.kernels.partners import (
    ask_inputs,
    ask_terms,
    asks,
    decide,
    decisions,
    learn_from_answers,
    proposals,
)
from simulator.model.kernels.politics import draw_mandates, gov_budgets, politics
from simulator.model.kernels.wards import (
    forget,
    grant,
    grow,
    marketing,
    multinomial,
    plan,
    reach_sums,
    turnover,
    upkeep,
)
from simulator.model.kernels.year import year, years


def cold() -> bool:
    """Whether the kernels still have to be compiled (nothing usable in this process or on disk)."""
    return _jit.cold([globals()[name] for name in __all__])


__all__ = [
    "ask_inputs",
    "ask_terms",
    "asks",
    "decide",
    "decisions",
    "deliver",
    "delivery_phase",
    "draw_mandates",
    "end_pairs",
    "forget",
    "gov_budgets",
    "grant",
    "grow",
    "in_reach",
    "learn_from_answers",
    "learn_from_deliveries",
    "marketing",
    "multinomial",
    "observe",
    "partnerships",
    "plan",
    "politics",
    "proposals",
    "reach_sums",
    "region_groups",
    "renew",
    "report",
    "reporting_phase",
    "run_records",
    "turnover",
    "upkeep",
    "year",
    "years",
]
