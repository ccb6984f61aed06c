"""Compiled inner loops of the yearly phases (Numba).

Each kernel does exactly what the NumPy code it replaced did, draw for draw: the same
random numbers in the same order from the model's generator (Numba's ``Generator``
methods reproduce NumPy's streams), and the same floating-point operations in the
same order, so a run's tables are identical to the vectorised version's.
"""

from __future__ import annotations

import numba
import numpy as np

from simulator.model.state import BoolArray, FloatArray, IntArray

njit = numba.njit(cache=True, nogil=True)


@njit
def proposals(
    rng: np.random.Generator,
    lam: FloatArray,
    backlog: IntArray,
    known: FloatArray,
    trust_bkm: FloatArray,
    fit: FloatArray,
    alive: BoolArray,
    floor: float,
    bonus: float,
    repeat: float,
) -> tuple[IntArray, IntArray, IntArray]:
    """Each BKM picks plan items (a form each) and a partner for each; see ``partnering.proposals``.

    Round r serves every ward with more than r asks this year and open items left: the form
    is drawn in proportion to the ward's open items, then (after all the round's form draws)
    the partner in proportion to awareness x (trust floor + trust) x fit x (1 + bonus if a
    partnership is live) x (repeat factor if already asked this year).

    Returns:
        Ward, partner and form of each proposal, in the order they were made.
    """
    P, W = known.shape
    F = backlog.shape[1]
    n_w = np.empty(W, dtype=np.int64)
    for w in range(W):
        n_w[w] = rng.poisson(lam[w])
    avail = backlog.copy()
    for w in range(W):
        s = 0
        for f in range(F):
            s += avail[w, f]
        n_w[w] = min(n_w[w], s)
    asked = np.zeros((P, W), dtype=np.bool_)
    cap = int(n_w.sum())
    out_w = np.empty(cap, dtype=np.int64)
    out_p = np.empty(cap, dtype=np.int64)
    out_f = np.empty(cap, dtype=np.int64)
    n_out = 0
    ws = np.empty(W, dtype=np.int64)
    fs = np.empty(W, dtype=np.int64)
    cs = np.empty(F)
    cw = np.empty(P)
    r = 0
    while True:
        n = 0
        for w in range(W):
            if n_w[w] > r:
                tot = 0
                for f in range(F):
                    tot += avail[w, f]
                if tot > 0:
                    ws[n] = w
                    n += 1
        if n == 0:
            break
        for i in range(n):  # the form of each ward's next ask, in proportion to its open items
            w = ws[i]
            acc = 0.0
            for f in range(F):
                acc += avail[w, f]
                cs[f] = acc
            u = rng.random() * cs[F - 1]
            k = 0
            for f in range(F):
                if cs[f] <= u:
                    k += 1
            fs[i] = k
            avail[w, k] -= 1
        u2 = np.empty(n)
        for i in range(n):
            u2[i] = rng.random()
        for i in range(n):  # the partner, by awareness, trust, fit, live ties and earlier asks
            w, f = ws[i], fs[i]
            acc = 0.0
            for p in range(P):
                rep = repeat if asked[p, w] else 1.0
                acc += known[p, w] * (floor + trust_bkm[p, w]) * fit[p, f] * (1.0 + bonus * alive[p, w]) * rep
                cw[p] = acc
            if not cw[P - 1] > 0:
                continue
            u = u2[i] * cw[P - 1]
            k = 0
            for p in range(P):
                if cw[p] <= u:
                    k += 1
            asked[k, w] = True  # only this ward's column: the round's other asks are unaffected
            out_w[n_out], out_p[n_out], out_f[n_out] = w, k, f
            n_out += 1
        r += 1
    return out_w[:n_out], out_p[:n_out], out_f[:n_out]
