"""Phases fused into one compiled call, so the generator is handed to Numba once for several phases.

Handing the model's ``Generator`` to a kernel costs about 10 microseconds (Numba reads its
bit generator through ctypes on every call); calling the phase kernels one after another
from here pays it once. Each function calls the same kernels as the phase functions in
``simulator.model.partnering`` and ``phases``, in the same order, so a year run through it
equals the year run phase by phase (``tests/test_kernels.py`` checks both ways).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from simulator.model.kernels._jit import njit
from simulator.model.kernels.delivery import delivery_phase, reporting_phase
from simulator.model.kernels.partners import decisions
from simulator.model.kernels.wards import forget, grow, upkeep


@njit
def settle(
    rng: np.random.Generator,
    decide: Any,
    pending: Any,
    deliver: Any,
    report: Any,
    learn: Any,
    assets: Any,
) -> Any:
    """Decisions, delivery, reporting, learning and assets of one year.

    Args:
        rng: The model's generator.
        decide: The arguments of ``kernels.decisions`` after the generator.
        pending: Payments queued in earlier years; this year's are added after them.
        deliver: The arguments of ``kernels.delivery_phase`` after the payments, with the
            step first.
        report: The arguments of ``kernels.reporting_phase`` after the generator.
        learn: The arguments of ``kernels.grow``, then those of ``kernels.forget`` after the
            generator.
        assets: The arguments of ``kernels.upkeep``.

    Returns:
        What ``decisions``, ``delivery_phase``, ``reporting_phase`` and ``upkeep`` return.
    """
    made = decisions(rng, *decide)
    new = made[4]
    queue = (
        np.concatenate((pending[0], new[0])),
        np.concatenate((pending[1], new[1])),
        np.concatenate((pending[2], new[2])),
        np.concatenate((pending[3], new[3])),
        np.concatenate((pending[4], new[4])),
    )
    paid = delivery_phase(rng, deliver[0], queue, *deliver[1:])
    reported = reporting_phase(rng, *report)
    grow(*learn[0])
    forget(rng, *learn[1])
    kept = upkeep(*assets)
    return made, paid, reported, kept
