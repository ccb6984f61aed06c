"""The index table of one output: a method's estimators as one row per factor, ranked.

Morris ranks factors by mu* (and gives mu* relative to the largest); Sobol ranks them by ST and
marks the indices whose interval lies above zero.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from simulator.sensitivity.estimators.morris import morris_indices
from simulator.sensitivity.estimators.sobol import sobol_indices


def index_table(
    method: str,
    unit: np.ndarray,
    y: np.ndarray,
    factors: Sequence[str],
    n: int,
    second_order: bool,
    resamples: int,
    conf: float,
    rng: np.random.Generator,
    want_s2: bool = True,
) -> tuple[pd.DataFrame, dict[str, np.ndarray] | None]:
    """The indices of one analysed output as a table, one row per factor, ranked.

    Args:
        method: morris or sobol.
        unit: The design on the unit hypercube (points, k).
        y: The analysed output per design point.
        factors: Factor names (k).
        n: Base sample size (Morris trajectories or Sobol N).
        second_order: Sobol design with S2 matrices.
        resamples: Bootstrap resamples.
        conf: Confidence level.
        rng: Random generator for the bootstrap.
        want_s2: With a second-order design, also estimate S2.

    Returns:
        The table (Morris: mu, mu_star, sigma with intervals, mu_star_rel, rank; Sobol: S1, ST with
        intervals, S1_nonzero, ST_nonzero, rank by ST) and, for Sobol with S2 (and want_s2), the
        estimator's arrays with S2, S2_low and S2_high; otherwise None.
    """
    k = len(factors)
    if method == "morris":
        m = morris_indices(unit, y, conf=conf, resamples=resamples, rng=rng)
        df = pd.DataFrame({"factor": list(factors), **m})
        top = float(df["mu_star"].max())
        df["mu_star_rel"] = df["mu_star"] / top if top > 0 else 0.0
        df["rank"] = df["mu_star"].rank(ascending=False, method="first").astype(int)
        return df, None
    s = sobol_indices(y, k, second_order=second_order, conf=conf, resamples=resamples, rng=rng, want_s2=want_s2)
    df = pd.DataFrame({"factor": list(factors), **{key: s[key] for key in s if not key.startswith("S2")}})
    df["S1_nonzero"] = df["S1_low"] > 0
    df["ST_nonzero"] = df["ST_low"] > 0
    df["rank"] = df["ST"].rank(ascending=False, method="first").astype(int)
    return df, (s if second_order and want_s2 else None)
