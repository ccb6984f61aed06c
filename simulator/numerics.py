"""Numerical helpers shared by the compiled kernels: sums that add exactly as NumPy adds.

The model's tables must not depend on whether a value was computed by NumPy or by a Numba
kernel. NumPy adds a contiguous float64 array pairwise (blocks of at most 128 elements, each
summed with 8 interleaved accumulators), which rounds differently from a plain loop; these
functions repeat that order, so a kernel's sum equals ``ndarray.sum()`` to the last bit
(tested in ``tests/test_kernels.py``). The block constants are NumPy's, not model parameters.
"""

from __future__ import annotations

import ctypes
from typing import Any

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


# ---------------------------------------------------------------- PCG64 draws that may be skipped
#
# NumPy's default bit generator, PCG64, is a 128-bit linear congruential generator: each
# ``Generator.random()`` steps the state once (state = state x MULT + inc, modulo 2**128) and
# turns the new state into 64 bits (XSL-RR), of which the top 53 make the double. A kernel
# that draws one uniform per pair but uses only some of them (the others cannot change
# anything) can step over the unused ones without computing them, and the generator's
# stream stays exactly what it was. The state is read and written in place through a view
# of the generator's own memory (``pcg_words``), so the ``Generator``'s other methods, in
# NumPy or in Numba, go on from where these functions leave it.

PCG_MULT_HI = np.uint64(0x2360ED051FC65DA4)
"""High 64 bits of PCG64's multiplier (``PCG_DEFAULT_MULTIPLIER_128``)."""
PCG_MULT_LO = np.uint64(0x4385DF649FCCF645)
"""Low 64 bits of PCG64's multiplier."""
_LOW32 = np.uint64(0xFFFFFFFF)
_U32 = np.uint64(32)
_U0, _U1 = np.uint64(0), np.uint64(1)
_ROT_SHIFT, _ROT_MASK, _WORD = np.uint64(58), np.uint64(63), np.uint64(64)
_DOUBLE_SHIFT = np.uint64(11)
_DOUBLE_SCALE = 1.0 / 9007199254740992.0  # 2**-53, as NumPy's next_double
SKIP_STEPS = 16
"""Below this many draws to skip, stepping one by one is cheaper than the logarithmic jump."""


def _pcg_layout_ok() -> bool:
    """Whether PCG64's state sits in memory as (state low, state high, inc low, inc high) words."""
    bg = np.random.PCG64(0)
    state, inc = (1 << 64) * 3 + 5, (1 << 64) * 7 + 11
    bg.state = {"bit_generator": "PCG64", "state": {"state": state, "inc": inc}, "has_uint32": 0, "uinteger": 0}
    words = _words_of(bg)
    return words is not None and [int(x) for x in words] == [5, 3, 11, 7]


def _words_of(bg: Any) -> NDArray[np.uint64] | None:
    try:
        pointer = ctypes.c_void_p.from_address(bg.ctypes.state_address).value  # pcg64_state.pcg_state
        if not pointer:
            return None
        return np.ctypeslib.as_array((ctypes.c_uint64 * 4).from_address(pointer))
    except (AttributeError, TypeError, ValueError):
        return None


PCG_IN_PLACE = _pcg_layout_ok()
"""Whether this NumPy's PCG64 state can be stepped in place (else the kernels draw every number)."""
NO_WORDS = np.zeros(0, dtype=np.uint64)


def pcg_words(rng: np.random.Generator) -> NDArray[np.uint64]:
    """A view of the generator's PCG64 state (4 words), or an empty array when it is not a PCG64 one.

    The view is valid while the generator lives; with an empty array the functions below
    call ``rng.random()`` for every draw, skipped or not.
    """
    bg = rng.bit_generator
    if not PCG_IN_PLACE or type(bg) is not np.random.PCG64:
        return NO_WORDS
    words = _words_of(bg)
    return NO_WORDS if words is None else words


@njit
def _mul64(a: np.uint64, b: np.uint64) -> tuple[np.uint64, np.uint64]:
    """The 128-bit product of two 64-bit words, as (high, low)."""
    a_lo, a_hi, b_lo, b_hi = a & _LOW32, a >> _U32, b & _LOW32, b >> _U32
    p0, p1, p2, p3 = a_lo * b_lo, a_lo * b_hi, a_hi * b_lo, a_hi * b_hi
    mid = (p0 >> _U32) + (p1 & _LOW32) + (p2 & _LOW32)
    return p3 + (p1 >> _U32) + (p2 >> _U32) + (mid >> _U32), (p0 & _LOW32) | (mid << _U32)


@njit
def _mul_add(
    a_hi: np.uint64, a_lo: np.uint64, b_hi: np.uint64, b_lo: np.uint64, c_hi: np.uint64, c_lo: np.uint64
) -> tuple[np.uint64, np.uint64]:
    """The product a x b plus c, modulo 2**128; each number as (high, low) words."""
    hi, lo = _mul64(a_lo, b_lo)
    hi = hi + a_hi * b_lo + a_lo * b_hi
    out_lo = lo + c_lo
    return hi + c_hi + (_U1 if out_lo < lo else _U0), out_lo


@njit
def _step(words: NDArray[np.uint64]) -> tuple[np.uint64, np.uint64]:
    """One step of the LCG in place (state = state x MULT + inc); returns the new state as (high, low)."""
    hi, lo = _mul_add(words[1], words[0], PCG_MULT_HI, PCG_MULT_LO, words[3], words[2])
    words[0], words[1] = lo, hi
    return hi, lo


@njit
def pcg_draw(rng: np.random.Generator, words: NDArray[np.uint64]) -> float:
    """The next ``rng.random()``, computed in place when ``words`` holds the PCG64 state."""
    if len(words) == 0:
        return rng.random()
    hi, lo = _step(words)
    rot = hi >> _ROT_SHIFT
    x = hi ^ lo
    out = (x >> rot) | (x << ((_WORD - rot) & _ROT_MASK))
    return np.float64(out >> _DOUBLE_SHIFT) * _DOUBLE_SCALE


@njit
def pcg_skip(rng: np.random.Generator, words: NDArray[np.uint64], n: int) -> None:
    """Step over the next ``n`` uniforms of ``rng`` as if ``rng.random()`` had been called ``n`` times."""
    if len(words) == 0:
        for _ in range(n):
            rng.random()
        return
    if n < SKIP_STEPS:
        for _ in range(n):
            _step(words)
        return
    # PCG's jump ahead (pcg_advance_lcg_128): n steps as one multiply-add, built bit by bit
    acc_mh, acc_ml, acc_ph, acc_pl = _U0, _U1, _U0, _U0
    cur_mh, cur_ml, cur_ph, cur_pl = PCG_MULT_HI, PCG_MULT_LO, words[3], words[2]
    delta = n
    while delta > 0:
        if delta & 1:
            acc_mh, acc_ml = _mul_add(acc_mh, acc_ml, cur_mh, cur_ml, _U0, _U0)
            acc_ph, acc_pl = _mul_add(acc_ph, acc_pl, cur_mh, cur_ml, cur_ph, cur_pl)
        one_h, one_l = cur_mh + (_U1 if cur_ml + _U1 < cur_ml else _U0), cur_ml + _U1
        cur_ph, cur_pl = _mul_add(one_h, one_l, cur_ph, cur_pl, _U0, _U0)
        cur_mh, cur_ml = _mul_add(cur_mh, cur_ml, cur_mh, cur_ml, _U0, _U0)
        delta >>= 1
    hi, lo = _mul_add(acc_mh, acc_ml, words[1], words[0], acc_ph, acc_pl)
    words[0], words[1] = lo, hi
