"""Finding a partner x ward pair's index in the flat pair arrays (``state.Pairs``).

See ``simulator.model.kernels`` for what every kernel promises.
"""

from __future__ import annotations

import numpy as np

from simulator.model.kernels._jit import njit
from simulator.model.state import IntArray, Pairs


@njit
def find(start: IntArray, ward: IntArray, p: int, w: int) -> int:
    """The index of pair (``p``, ``w``), or -1 when partner ``p`` does not reach ward ``w``."""
    lo, hi = start[p], start[p + 1]
    while lo < hi:  # binary search among the partner's wards, which are sorted
        mid = (lo + hi) // 2
        if ward[mid] < w:
            lo = mid + 1
        else:
            hi = mid
    return lo if lo < start[p + 1] and ward[lo] == w else -1


@njit
def pair_ids(start: IntArray, ward: IntArray, p: IntArray, w: IntArray) -> IntArray:
    """The pair index of each (``p[i]``, ``w[i]``); every pair must exist (asks, payments and ends do)."""
    out = np.empty(len(p), dtype=np.int64)
    for i in range(len(p)):  # :func:`find`, written out: a call per element costs reference counting
        wi = w[i]
        lo, hi = start[p[i]], start[p[i] + 1]
        if hi > lo and ward[hi - 1] == hi - lo - 1:  # wards 0, 1, ...: ward w sits at position w
            out[i] = lo + wi if wi < hi - lo else -1
            continue
        end = hi
        while lo < hi:
            mid = (lo + hi) // 2
            if ward[mid] < wi:
                lo = mid + 1
            else:
                hi = mid
        out[i] = lo if lo < end and ward[lo] == wi else -1
    return out


def pair_of(pairs: Pairs, p: int, w: int) -> int:
    """The index of pair (``p``, ``w``) in the pair arrays, or -1 when partner ``p`` does not reach ward ``w``."""
    return int(find(pairs.start, pairs.ward, p, w))
