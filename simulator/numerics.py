"""Numerical helpers shared by the compiled kernels: sums that add exactly as NumPy adds.

The model's tables must not depend on whether a value was computed by NumPy or by a Numba
kernel. NumPy adds a contiguous float64 array pairwise (blocks of at most 128 elements, each
summed with 8 interleaved accumulators), which rounds differently from a plain loop; these
functions repeat that order, so a kernel's sum equals ``ndarray.sum()`` to the last bit
(tested in ``tests/test_kernels.py``). The block constants are NumPy's, not model parameters.
"""

from __future__ import annotations

import ctypes
import functools
from collections.abc import Callable
from typing import Any, cast

import numba
import numpy as np
from llvmlite import ir
from numba.core import types
from numba.cpython.unsafe.numbers import trailing_zeros
from numba.extending import intrinsic
from numpy.typing import NDArray

njit = numba.njit(cache=True, nogil=True)
inline = numba.njit(cache=True, nogil=True, inline="always")
"""For helpers called element after element: compiled into their caller, so a call costs no reference counting."""

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
    if n <= SMALL:
        return 0.0 + _halves3(a, 0, n)
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
        half = _first_half(m)
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


@inline
def _first_half(n: int) -> int:
    """Where NumPy's pairwise sum splits ``n`` elements: at half, rounded down to a multiple of ``UNROLL``."""
    half = n // 2
    return half - half % UNROLL


def _splits_needed(n: int) -> int:
    """How many times NumPy's pairwise sum splits an array of ``n`` elements, at most, down to blocks."""
    if n <= BLOCK:
        return 0
    half = _first_half.py_func(n)  # in plain Python: this runs once, at import
    return 1 + max(_splits_needed(half), _splits_needed(n - half))


SMALL = next(n for n in range(BLOCK, 16 * BLOCK) if _splits_needed(n + 1) > 3)
"""Every sum up to this length splits at most three times, written out (:func:`_halves3`): no stack to allocate."""


@inline
def _halves1(a: FloatArray, lo: int, n: int) -> float:
    """The pairwise sum of ``a[lo:lo + n]`` for a length that splits at most once."""
    if n <= BLOCK:
        return _block(a, lo, n)
    half = _first_half(n)
    return _block(a, lo, half) + _block(a, lo + half, n - half)


@inline
def _halves2(a: FloatArray, lo: int, n: int) -> float:
    """The pairwise sum of ``a[lo:lo + n]`` for a length that splits at most twice."""
    if n <= BLOCK:
        return _block(a, lo, n)
    half = _first_half(n)
    return _halves1(a, lo, half) + _halves1(a, lo + half, n - half)


@inline
def _halves3(a: FloatArray, lo: int, n: int) -> float:
    """The pairwise sum of ``a[lo:lo + n]`` for ``n`` up to ``SMALL`` (three splits)."""
    if n <= BLOCK:
        return _block(a, lo, n)
    half = _first_half(n)
    return _halves2(a, lo, half) + _halves2(a, lo + half, n - half)


@inline
def _block(a: FloatArray, lo: int, n: int) -> float:
    """NumPy's sum of at most ``BLOCK`` elements: plain below ``UNROLL``, else ``UNROLL`` (8) interleaved sums.

    The eight partial sums are plain numbers, not an array, so a block allocates nothing.
    """
    if n < UNROLL:
        res = 0.0
        for i in range(lo, lo + n):
            res += a[i]
        return res
    r0, r1, r2, r3 = a[lo], a[lo + 1], a[lo + 2], a[lo + 3]
    r4, r5, r6, r7 = a[lo + 4], a[lo + 5], a[lo + 6], a[lo + 7]
    i = lo + UNROLL
    end = lo + n - (n % UNROLL)
    while i < end:
        r0, r1, r2, r3 = r0 + a[i], r1 + a[i + 1], r2 + a[i + 2], r3 + a[i + 3]
        r4, r5, r6, r7 = r4 + a[i + 4], r5 + a[i + 5], r6 + a[i + 6], r7 + a[i + 7]
        i += UNROLL
    res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
    while i < lo + n:
        res += a[i]
        i += 1
    return res


@njit
def masked_sum(values: FloatArray, mask: BoolArray) -> float:
    """``values[mask].sum()`` as NumPy computes it."""
    return pairwise_sum(values[mask])


FLAGS_PER_WORD = 8
"""Boolean flags read at once, as one 64-bit word, by :func:`flagged`."""
BYTE_SHIFT = 3
"""A bit's byte in a word is its index shifted right by this (8 bits a byte)."""
BYTE_START = np.uint64(~7 & 63)
"""Mask of a bit index to the first bit of its byte (its multiple of 8, below 64)."""
BYTE_MASK = np.uint64(0xFF)
"""One byte's bits, at the bottom of a word."""


@njit
def flagged(mask: BoolArray) -> NDArray[np.int64]:
    """``np.flatnonzero(mask)``: the indices of the True flags, in order.

    The pair flags (alive, ended, ...) are mostly False: reading them 8 at a time, as one
    64-bit word, skips most of a scan's steps. One mask's words are read once each (about half
    the time of :func:`flagged_any` given the same mask four times).
    """
    n = len(mask)
    out = np.empty(n, dtype=np.int64)
    n_words = n // FLAGS_PER_WORD
    size = n_words * FLAGS_PER_WORD
    words = mask.view(np.uint8)[:size].view(np.uint64)
    count = 0
    for i in range(n_words):
        count = _put_flags(words[i], i, out, count)
    for k in range(size, n):
        if mask[k]:
            out[count] = k
            count += 1
    return out[:count]


@njit
def flagged_any(a: BoolArray, b: BoolArray, c: BoolArray, d: BoolArray) -> NDArray[np.int64]:
    """``np.flatnonzero(a | b | c | d)``, 8 flags of each at a time (see :func:`flagged`); repeat a mask for fewer."""
    n = len(a)
    out = np.empty(n, dtype=np.int64)
    n_words = n // FLAGS_PER_WORD
    size = n_words * FLAGS_PER_WORD
    wa, wb = a.view(np.uint8)[:size].view(np.uint64), b.view(np.uint8)[:size].view(np.uint64)
    wc, wd = c.view(np.uint8)[:size].view(np.uint64), d.view(np.uint8)[:size].view(np.uint64)
    count = 0
    for i in range(n_words):
        count = _put_flags(wa[i] | wb[i] | wc[i] | wd[i], i, out, count)
    for k in range(size, n):
        if a[k] | b[k] | c[k] | d[k]:
            out[count] = k
            count += 1
    return out[:count]


@inline
def _put_flags(x: np.uint64, i: int, out: NDArray[np.int64], count: int) -> int:
    """Store the indices of the set flags of word ``i`` (its value ``x``) from ``out[count]``; the new count.

    A word with flags set yields them by its trailing zeros, one set byte after the other,
    without visiting the bytes in between.
    """
    while x != 0:
        # the first bit of the lowest set byte (an intrinsic: Numba passes its typing context)
        bit = trailing_zeros(x) & BYTE_START  # type: ignore[call-arg]
        out[count] = FLAGS_PER_WORD * i + (bit >> BYTE_SHIFT)
        count += 1
        x &= ~(BYTE_MASK << bit)
    return count


RADIX_BITS = 8
"""Bits of a key sorted per pass of :func:`stable_argsort` (256 buckets)."""
RADIX_MIN = 64
"""Below this many keys :func:`stable_argsort` leaves the sort to NumPy's merge sort (faster there)."""


@njit
def stable_argsort(x: FloatArray) -> NDArray[np.int64]:
    """``np.argsort(x, kind="stable")`` of floats, by a least-significant-digit radix sort.

    Each float becomes an unsigned key in the same order (negative numbers with every bit
    flipped, the others with the sign bit set; -0.0 as 0.0, and NaN last, as NumPy sorts
    them), sorted a byte at a time; a pass where every key has the same byte is skipped. A
    radix sort moves equal keys in their order, so ties keep their positions, as a stable
    sort's do.
    """
    n = len(x)
    if n < RADIX_MIN:
        return np.argsort(x, kind="mergesort")
    sign = np.uint64(1) << np.uint64(63)
    keys = (x + 0.0).view(np.uint64)  # -0.0 + 0.0 is 0.0; a new array, made keys in place
    for i in range(n):
        b = keys[i]
        keys[i] = ~np.uint64(0) if x[i] != x[i] else ~b if b & sign else b | sign
    idx = np.arange(n)
    keys2, idx2 = np.empty(n, dtype=np.uint64), np.empty(n, dtype=np.int64)
    buckets = 1 << RADIX_BITS
    digit = np.uint64(buckets - 1)
    first = np.empty(buckets + 1, dtype=np.int64)
    for p in range(64 // RADIX_BITS):
        shift = np.uint64(p * RADIX_BITS)
        first[:] = 0
        for i in range(n):
            first[((keys[i] >> shift) & digit) + 1] += 1
        if first[((keys[0] >> shift) & digit) + 1] == n:  # one byte for all: nothing moves
            continue
        for d in range(buckets):
            first[d + 1] += first[d]
        for i in range(n):
            d = (keys[i] >> shift) & digit
            j = first[d]
            keys2[j], idx2[j] = keys[i], idx[i]
            first[d] = j + 1
        keys, keys2 = keys2, keys
        idx, idx2 = idx2, idx
    return idx


@njit
def stable_order(keys: NDArray[np.int64], n_keys: int) -> NDArray[np.int64]:
    """``np.argsort(keys, kind="stable")`` for keys in ``0 .. n_keys - 1``, by counting (no comparisons)."""
    first = np.zeros(n_keys + 1, dtype=np.int64)
    for x in keys:
        first[x + 1] += 1
    for j in range(n_keys):
        first[j + 1] += first[j]
    out = np.empty(len(keys), dtype=np.int64)
    for i in range(len(keys)):
        out[first[keys[i]]] = i
        first[keys[i]] += 1
    return out


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


@intrinsic
def _wide_product(typingctx: Any, a: Any, b: Any) -> Any:
    """The 128-bit product of two 64-bit words, as (high, low): one 64 x 64 -> 128 multiply of the CPU.

    Numba has no 128-bit integers; LLVM has, so the product is written in LLVM's terms
    (about twice as fast as four 32-bit products, which made each PCG64 step slower than
    NumPy's own).
    """
    if a != types.uint64 or b != types.uint64:
        return None
    sig = types.UniTuple(types.uint64, 2)(types.uint64, types.uint64)

    def codegen(context: Any, builder: Any, signature: Any, args: Any) -> Any:
        wide = ir.IntType(128)
        product = builder.mul(builder.zext(args[0], wide), builder.zext(args[1], wide))
        hi = builder.trunc(builder.lshr(product, ir.Constant(wide, 64)), ir.IntType(64))
        lo = builder.trunc(product, ir.IntType(64))
        return context.make_tuple(builder, signature.return_type, (hi, lo))

    return sig, codegen


_mul64 = cast(Callable[[np.uint64, np.uint64], tuple[np.uint64, np.uint64]], _wide_product)


@inline
def _mul_add(
    a_hi: np.uint64, a_lo: np.uint64, b_hi: np.uint64, b_lo: np.uint64, c_hi: np.uint64, c_lo: np.uint64
) -> tuple[np.uint64, np.uint64]:
    """The product a x b plus c, modulo 2**128; each number as (high, low) words.

    Compiled into its callers: as a call, in a loop that steps or skips, it costs several times its arithmetic.
    """
    hi, lo = _mul64(a_lo, b_lo)
    hi = hi + a_hi * b_lo + a_lo * b_hi
    out_lo = lo + c_lo
    return hi + c_hi + (_U1 if out_lo < lo else _U0), out_lo


@inline
def _advance(
    state_hi: np.uint64, state_lo: np.uint64, inc_hi: np.uint64, inc_lo: np.uint64, n: int
) -> tuple[np.uint64, np.uint64]:
    """The state ``n`` steps on, by PCG's jump ahead (pcg_advance_lcg_128).

    The n steps are one multiply-add, whose factors are built bit by bit.
    """
    acc_mh, acc_ml, acc_ph, acc_pl = _U0, _U1, _U0, _U0
    cur_mh, cur_ml, cur_ph, cur_pl = PCG_MULT_HI, PCG_MULT_LO, inc_hi, inc_lo
    delta = n
    while delta > 0:
        if delta & 1:
            acc_mh, acc_ml = _mul_add(acc_mh, acc_ml, cur_mh, cur_ml, _U0, _U0)
            acc_ph, acc_pl = _mul_add(acc_ph, acc_pl, cur_mh, cur_ml, cur_ph, cur_pl)
        one_h, one_l = cur_mh + (_U1 if cur_ml + _U1 < cur_ml else _U0), cur_ml + _U1
        cur_ph, cur_pl = _mul_add(one_h, one_l, cur_ph, cur_pl, _U0, _U0)
        cur_mh, cur_ml = _mul_add(cur_mh, cur_ml, cur_mh, cur_ml, _U0, _U0)
        delta >>= 1
    return _mul_add(acc_mh, acc_ml, state_hi, state_lo, acc_ph, acc_pl)


PcgState = tuple[np.uint64, np.uint64, np.uint64, np.uint64]
"""PCG64's state as plain numbers: (state high, state low, increment high, increment low)."""


@njit
def pcg_state(words: NDArray[np.uint64]) -> PcgState:
    """The generator's state as plain numbers, for a loop that draws pair after pair (zeros without ``words``).

    A loop draws with :func:`pcg_uniform` from this copy and hands it back with :func:`pcg_finish`;
    the generator must not be used in between. Plain numbers cost no reference counting,
    where the ``words`` array costs an atomic increment and decrement each time a helper
    compiled into the loop receives it.
    """
    if len(words) == 0:
        return _U0, _U0, _U0, _U0
    return words[1], words[0], words[3], words[2]


@inline
def _ahead(state: PcgState, n: int) -> tuple[np.uint64, np.uint64]:
    """The state (high, low) ``n`` steps on: step by step for a few, by the jump ahead for more."""
    hi, lo, inc_hi, inc_lo = state
    if n < SKIP_STEPS:
        for _ in range(n):
            hi, lo = _mul_add(hi, lo, PCG_MULT_HI, PCG_MULT_LO, inc_hi, inc_lo)
        return hi, lo
    return _advance(hi, lo, inc_hi, inc_lo, n)


@inline
def pcg_uniform(state: PcgState, idle: int) -> tuple[PcgState, float]:
    """The uniform after the next ``idle`` ones, which are stepped over, and the state after it."""
    _, _, inc_hi, inc_lo = state
    hi, lo = _ahead(state, idle + 1)
    rot = hi >> _ROT_SHIFT
    x = hi ^ lo
    out = (x >> rot) | (x << ((_WORD - rot) & _ROT_MASK))
    return (hi, lo, inc_hi, inc_lo), np.float64(out >> _DOUBLE_SHIFT) * _DOUBLE_SCALE


ROUNDING_MARGIN = 2.0**-20
"""A relative margin above every rounding error of a sum or mean of up to ~10**9 floats (each at most 2**-53).

A kernel that skips work when a draw is above a bound on the computed value widens the bound by
this much, so the skip never changes what the computation would have given.
"""

JUMP_DIGIT_BITS = 6
"""A jump table steps over the uniforms to skip by digits of this many bits (64 maps a digit)."""
JUMP_DIGITS = 6
"""Digits in a jump table: skips below 2 ** 36 take one multiply-add per nonzero digit."""


@njit
def _jump_table(inc_hi: np.uint64, inc_lo: np.uint64) -> NDArray[np.uint64]:
    """The maps of d x 64 ** c steps, for each digit d and place c (see :func:`pcg_jumps`)."""
    base = 1 << JUMP_DIGIT_BITS
    out = np.empty((JUMP_DIGITS, base, 4), dtype=np.uint64)
    bmh, bml, bph, bpl = PCG_MULT_HI, PCG_MULT_LO, inc_hi, inc_lo  # the map of one step, then of 64 ** c
    for c in range(JUMP_DIGITS):
        mh, ml, ph, pl = _U0, _U1, _U0, _U0  # no step at all
        for d in range(base):
            out[c, d, 0], out[c, d, 1], out[c, d, 2], out[c, d, 3] = mh, ml, ph, pl
            ph, pl = _mul_add(ph, pl, bmh, bml, bph, bpl)  # one more base map: (M s + P) x B_M + B_P
            mh, ml = _mul_add(mh, ml, bmh, bml, _U0, _U0)
        bmh, bml, bph, bpl = mh, ml, ph, pl  # 64 base maps: the next place's base
    return out


JumpTable = NDArray[np.uint64]
"""A generator's jump table (:func:`pcg_jumps`): digit place x digit x (M high, M low, P high, P low)."""
NO_JUMPS: JumpTable = np.zeros((0, 1 << JUMP_DIGIT_BITS, 4), dtype=np.uint64)
NO_JUMPS.flags.writeable = False  # read-only as every table: the kernels compile once for both


def pcg_jumps(rng: np.random.Generator) -> JumpTable:
    """The jump table of the generator's PCG64 stream, for :func:`pcg_uniform_after` (empty without ``pcg_words``).

    A step maps the state s to s x MULT + inc (modulo 2**128); d x 64 ** c steps map it to
    s x M + P for some (M, P) that depend only on the increment, which a generator keeps
    for life. Entry [c, d] holds that (M high, M low, P high, P low), so a skip of any
    number of uniforms below 2 ** 36 costs one multiply-add per nonzero base-64 digit. Built
    once per generator (a few microseconds) and kept for the few generators in use.
    """
    words = pcg_words(rng)
    if not len(words):
        return NO_JUMPS
    return _jumps_of(int(words[3]), int(words[2]))


@functools.lru_cache(maxsize=8)
def _jumps_of(inc_hi: int, inc_lo: int) -> JumpTable:
    table = _jump_table(np.uint64(inc_hi), np.uint64(inc_lo))
    table.flags.writeable = False
    return table


@inline
def pcg_uniform_after(state: PcgState, jumps: JumpTable, idle: int) -> tuple[PcgState, float]:
    """:func:`pcg_uniform` for loops that step over many uniforms at a time, through the jump table ``jumps``.

    ``jumps`` is :func:`pcg_jumps` of the generator whose state this is, never empty: a loop
    without ``words`` (an empty table) draws with :func:`uniform_after` instead. Each skip costs
    a multiply-add per nonzero base-64 digit of ``idle + 1`` (beyond the table's digits, one
    more per 63 x 64 ** (digits - 1) steps).
    """
    hi, lo, inc_hi, inc_lo = state
    n = idle + 1
    top, big = len(jumps) - 1, (1 << JUMP_DIGIT_BITS) - 1
    while n >> (JUMP_DIGIT_BITS * len(jumps)) != 0:  # beyond the table: its largest map, as often as it takes
        hi, lo = _mul_add(hi, lo, jumps[top, big, 0], jumps[top, big, 1], jumps[top, big, 2], jumps[top, big, 3])
        n -= big << (JUMP_DIGIT_BITS * top)
    c = 0
    while n > 0:
        d = n & big
        if d:
            hi, lo = _mul_add(hi, lo, jumps[c, d, 0], jumps[c, d, 1], jumps[c, d, 2], jumps[c, d, 3])
        n >>= JUMP_DIGIT_BITS
        c += 1
    rot = hi >> _ROT_SHIFT
    x = hi ^ lo
    out = (x >> rot) | (x << ((_WORD - rot) & _ROT_MASK))
    return (hi, lo, inc_hi, inc_lo), np.float64(out >> _DOUBLE_SHIFT) * _DOUBLE_SCALE


@njit
def uniform_after(rng: np.random.Generator, idle: int) -> float:
    """Draw ``idle`` uniforms and drop them, then return the next one (a loop's draw without ``words``)."""
    for _ in range(idle):
        rng.random()
    return rng.random()


@njit
def pcg_finish(rng: np.random.Generator, words: NDArray[np.uint64], state: PcgState, idle: int) -> None:
    """End a loop's draws: step over ``idle`` more uniforms and write the state back into the generator.

    Without ``words`` the loop drew from ``rng`` itself (:func:`uniform_after`): the ``idle``
    uniforms are drawn and dropped.
    """
    if len(words) == 0:
        for _ in range(idle):
            rng.random()
        return
    hi, lo = _ahead(state, idle)
    words[0], words[1] = lo, hi
