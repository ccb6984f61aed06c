"""Numerical helpers shared by the compiled kernels: sums that add exactly as NumPy adds.

The model's tables must not depend on whether a value was computed by NumPy or by a Numba
kernel. NumPy adds a contiguous float64 array pairwise (blocks of at most 128 elements, each
summed with 8 interleaved accumulators), which rounds differently from a plain loop; these
functions repeat that order, so a kernel's sum equals ``ndarray.sum()`` to the last bit
(tested in ``tests/test_kernels.py``). The block constants are NumPy's, not model parameters.
"""

from __future__ import annotations

import numba
import numpy as np
from numpy.typing import NDArray

njit = numba.njit(cache=True, nogil=True)

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

UNROLL = 8
"""Accumulators NumPy's pairwise sum interleaves."""
BLOCK = 128
"""Largest block NumPy's pairwise sum adds without splitting it further."""


@njit
def pairwise_sum(a: FloatArray) -> float:
    """``a.sum()`` exactly as NumPy adds a contiguous float array.

    NumPy splits an array longer than ``BLOCK`` in two (the first part a multiple of
    ``UNROLL`` long), sums each part the same way and adds the two sums; a block is summed
    by :func:`_block`. The recursion is unrolled onto a stack here (Numba cannot cache
    recursive functions).
    """
    n = len(a)
    if n <= BLOCK:
        return 0.0 + _block(a, 0, n)
    depth = 2 * int(np.log2(n)) + 2
    lo_s = np.empty(depth, dtype=np.int64)
    n_s = np.empty(depth, dtype=np.int64)
    stage = np.empty(depth, dtype=np.int64)
    left = np.empty(depth)
    top, ret = 0, 0.0
    lo_s[0], n_s[0], stage[0] = 0, n, 0
    while top >= 0:
        lo, m = lo_s[top], n_s[top]
        if m <= BLOCK:
            ret = _block(a, lo, m)
            top -= 1
            continue
        half = m // 2
        half -= half % UNROLL
        if stage[top] == 0:  # sum the first part
            stage[top] = 1
            top += 1
            lo_s[top], n_s[top], stage[top] = lo, half, 0
        elif stage[top] == 1:  # keep it, sum the second part
            left[top] = ret
            stage[top] = 2
            top += 1
            lo_s[top], n_s[top], stage[top] = lo + half, m - half, 0
        else:  # add the two
            ret = left[top] + ret
            top -= 1
    return 0.0 + ret


@njit
def _block(a: FloatArray, lo: int, n: int) -> float:
    """NumPy's sum of at most ``BLOCK`` elements: plain below ``UNROLL``, else ``UNROLL`` interleaved sums."""
    if n < UNROLL:
        res = 0.0
        for i in range(lo, lo + n):
            res += a[i]
        return res
    r = a[lo : lo + UNROLL].copy()
    i = UNROLL
    while i < n - (n % UNROLL):
        for j in range(UNROLL):
            r[j] += a[lo + i + j]
        i += UNROLL
    res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
    while i < n:
        res += a[lo + i]
        i += 1
    return res


@njit
def masked_sum(values: FloatArray, mask: BoolArray) -> float:
    """``values[mask].sum()`` as NumPy computes it."""
    return pairwise_sum(values[mask])
