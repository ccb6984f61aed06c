"""Sobol indices: first-order, total and second-order, with bootstrap intervals.

The estimators are SALib's (Saltelli et al. 2010 for S1, Jansen for ST, Saltelli 2002 for S2);
intervals resample the base sample rows.
"""

from __future__ import annotations

import numpy as np

from simulator.errors import SensitivityError
from simulator.sensitivity.design import percentile_interval, points_per_base


def _sobol_parts(
    y: np.ndarray, k: int, second_order: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray | None]:
    from SALib.analyze.sobol import separate_output_values

    n = y.size // points_per_base("sobol", k, second_order)
    A, B, AB, BA = separate_output_values(y, k, n, second_order)
    return A, B, AB, (BA if second_order else None)


def sobol_indices(
    y: np.ndarray,
    k: int,
    *,
    second_order: bool = False,
    conf: float = 0.95,
    resamples: int = 1000,
    rng: np.random.Generator,
    want_s2: bool = True,
) -> dict[str, np.ndarray]:
    """First-order, total and second-order Sobol indices with bootstrap intervals.

    Estimators as in SALib (Saltelli et al. 2010 for S1, Jansen for ST,
    Saltelli 2002 for S2), with percentile intervals from resampling the base
    sample rows. A constant output gets all indices 0.

    Args:
        y: Output of Saltelli's design, in SALib's row order.
        k: Number of factors.
        second_order: The design has the BA matrices (S2).
        conf: Confidence level.
        resamples: Bootstrap resamples.
        rng: Random generator for the bootstrap.
        want_s2: With a second-order design, also estimate S2 (skipped when False).

    Returns:
        Arrays: S1, S1_low, S1_high, ST, ST_low, ST_high (length k); with second
        order (and want_s2) also S2, S2_low, S2_high (k x k, upper triangle, NaN elsewhere).
    """
    import warnings

    with warnings.catch_warnings():  # SALib warns when a resample is constant; intervals cover it
        warnings.simplefilter("ignore", UserWarning)
        warnings.simplefilter("ignore", RuntimeWarning)
        return _sobol_indices(y, k, second_order, conf, resamples, rng, want_s2)


def _sobol_indices(
    y: np.ndarray,
    k: int,
    second_order: bool,
    conf: float,
    resamples: int,
    rng: np.random.Generator,
    want_s2: bool,
) -> dict[str, np.ndarray]:
    """See :func:`sobol_indices` (warnings not filtered)."""
    from SALib.analyze.sobol import first_order, total_order
    from SALib.analyze.sobol import second_order as s2_fn

    y = np.asarray(y, dtype=float)
    if y.size % points_per_base("sobol", k, second_order):
        raise SensitivityError(
            f"{y.size} outputs do not fit a Sobol design of {k} factors (second_order={second_order})"
        )
    sd = y.std()
    out: dict[str, np.ndarray] = {}
    if not sd > 0:
        zeros = np.zeros(k)
        for key in ("S1", "S1_low", "S1_high", "ST", "ST_low", "ST_high"):
            out[key] = zeros.copy()
        if second_order and want_s2:
            s2 = np.full((k, k), np.nan)
            s2[np.triu_indices(k, 1)] = 0.0
            out.update(S2=s2, S2_low=s2.copy(), S2_high=s2.copy())
        return out
    A, B, AB, BA = _sobol_parts((y - y.mean()) / sd, k, second_order)
    n = A.size
    r = rng.integers(n, size=(n, resamples))
    s1 = np.array([first_order(A, AB[:, j], B) for j in range(k)])
    st = np.array([total_order(A, AB[:, j], B) for j in range(k)])
    s1b = np.stack([first_order(A[r], AB[r, j], B[r]) for j in range(k)], axis=1)
    stb = np.stack([total_order(A[r], AB[r, j], B[r]) for j in range(k)], axis=1)
    out["S1"], out["ST"] = s1, st
    out["S1_low"], out["S1_high"] = percentile_interval(s1b, conf)
    out["ST_low"], out["ST_high"] = percentile_interval(stb, conf)
    if second_order and want_s2:
        assert BA is not None
        s2 = np.full((k, k), np.nan)
        lo, hi = s2.copy(), s2.copy()
        for i in range(k):
            for j in range(i + 1, k):
                s2[i, j] = s2_fn(A, AB[:, i], AB[:, j], BA[:, i], B)
                b = s2_fn(A[r], AB[r, i], AB[r, j], BA[r, i], B[r])
                lo[i, j], hi[i, j] = percentile_interval(b, conf)
        out.update(S2=s2, S2_low=lo, S2_high=hi)
    return out
