"""What the model's equations share: the float-array type, the logit midpoint and two grouping helpers.

``as_floats`` turns any array-like into a float array; ``HALF`` centres the logit
terms of :mod:`simulator.model.mechanisms_partners`. ``grouped_cumsum`` and
``occurrence_rounds`` order a year's many outcomes of one partner or one pair, as the
compiled kernels do; the tests use them as references. They are re-exported by
:mod:`simulator.model.mechanisms`, the equations' public home.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]

HALF = 1 / 2
"""Midpoint of a 0..1 quantity: logit terms are centred on it."""


def as_floats(x: ArrayLike) -> FloatArray:
    """``x`` as a float array (a scalar becomes a 0-d array)."""
    return np.asarray(x, dtype=float)


# --------------------------------------------------------------------------- helpers


def grouped_cumsum(groups: NDArray[np.int64], values: FloatArray) -> FloatArray:
    """Cumulative sum of ``values`` within each group, in the given order.

    Args:
        groups: Group id of each element.
        values: Values to add up.

    Returns:
        For each element, the sum of the values of its group up to and including it.
    """
    n = len(values)
    if n == 0:
        return np.zeros(0)
    order = np.argsort(groups, kind="stable")
    g = groups[order]
    cs = np.cumsum(values[order])
    starts = np.r_[True, g[1:] != g[:-1]]
    start_idx = np.maximum.accumulate(np.where(starts, np.arange(n), 0))
    base = (cs - values[order])[start_idx]
    out = np.empty(n)
    out[order] = cs - base
    return out


def occurrence_rounds(keys: NDArray[np.int64]) -> list[NDArray[np.int64]]:
    """Split positions into rounds so that no key repeats within a round, in order.

    Round k holds, for every key, its k-th occurrence. Applying a vectorised
    update round by round equals applying it one element after another, which
    matters when one pair has several outcomes in a year.

    Args:
        keys: One key per element (e.g. ``partner * n_wards + ward``).

    Returns:
        Index arrays, one per round; the first holds every key's first occurrence.
    """
    n = len(keys)
    if n == 0:
        return []
    order = np.argsort(keys, kind="stable")
    k = keys[order]
    starts = np.r_[True, k[1:] != k[:-1]]
    if starts.all():  # no key repeats: one round
        return [np.arange(n)]
    start_idx = np.maximum.accumulate(np.where(starts, np.arange(n), 0))
    occ = np.empty(n, dtype=np.int64)
    occ[order] = np.arange(n) - start_idx
    return [np.nonzero(occ == r)[0] for r in range(int(occ.max()) + 1)]
