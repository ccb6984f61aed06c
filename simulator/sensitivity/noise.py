"""Seed noise: how much of an output's variance the replicate seeds alone cause.

The share of the variance of single runs that the seeds cause, and the share of the variance of
the analysed statistic that is still noise, give a "noise floor": the Sobol total index (or
Morris mu*) that seed noise alone would produce. Indices below it cannot be told from noise.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from simulator.sensitivity.design import points_per_base, statistic_function


def noise_variance(y: np.ndarray, statistic: str, rng: np.random.Generator, resamples: int = 200) -> float:
    """Variance of the analysed statistic due to the seeds alone, averaged over points.

    Args:
        y: Outputs (points, replicates).
        statistic: The replicate statistic (see :func:`statistic_function`).
        rng: Random generator (bootstrap of medians and quantiles).
        resamples: Bootstrap resamples over replicates.

    Returns:
        The variance (0 with a single replicate: the noise cannot be seen).
    """
    n, reps = y.shape
    if reps < 2:
        return 0.0
    within = float(np.mean(np.var(y, axis=1, ddof=1)))
    if statistic == "mean":
        return within / reps
    stat = statistic_function(statistic)
    pts = rng.choice(n, size=min(n, 400), replace=False)
    idx = rng.integers(reps, size=(resamples, reps))
    boot = np.stack([stat(y[pts][:, i]) for i in idx], axis=0)  # (B, points)
    return float(np.mean(np.var(boot, axis=0, ddof=1)) * reps / (reps - 1))


def noise_table(y: np.ndarray, analysed: np.ndarray, statistic: str, rng: np.random.Generator) -> dict[str, Any]:
    """How much of the output variance is seed noise.

    Args:
        y: Outputs (points, replicates).
        analysed: The analysed statistic per point.
        statistic: Its name.
        rng: Random generator.

    Returns:
        var_runs (variance over all runs), var_seeds (mean variance across seeds at a point),
        noise_share_runs (seeds' share of the variance of single runs), var_analysed,
        noise_share_analysed (share of the analysed statistic's variance that is still
        noise) and a verdict in words.
    """
    reps = y.shape[1]
    var_runs = float(np.var(y))
    var_seeds = float(np.mean(np.var(y, axis=1, ddof=1))) if reps > 1 else float("nan")
    var_an = float(np.var(analysed))
    vn = noise_variance(y, statistic, rng)
    share_runs = min(1.0, var_seeds / var_runs) if var_runs > 0 and reps > 1 else float("nan")
    share_an = min(1.0, vn / var_an) if var_an > 0 else (float("nan") if reps < 2 else 0.0)
    return {
        "replicates": reps,
        "var_runs": var_runs,
        "var_seeds": var_seeds,
        "noise_share_runs": share_runs,
        "var_analysed": var_an,
        "noise_var_analysed": vn,
        "noise_share_analysed": share_an,
        "verdict": noise_verdict(share_an, reps),
    }


def noise_verdict(share: float, replicates: int) -> str:
    """Plain-words verdict on the noise share of the analysed output."""
    if replicates < 2 or math.isnan(share):
        return "unknown: one seed per point, so seed noise cannot be told from parameter effects"
    if share < 0.05:
        return "parameters dominate: seed noise is negligible"
    if share < 0.2:
        return "parameters dominate; small indices are within seed noise"
    if share < 0.5:
        return "noisy: seed noise is a large part of the variance; add replicates before trusting small effects"
    return "noise swamps the parameters' effects: add replicates or analyse a different output"


def noise_floors(
    method: str, unit: np.ndarray, y: np.ndarray, k: int, second_order: bool, noise: Mapping[str, Any]
) -> np.ndarray:
    """Per factor, the index that seed noise alone would produce (Morris mu* or Sobol ST).

    The noise is measured where the estimators use it: in the differences
    between the paired design points (a trajectory step for Morris; rows A and
    AB_i for Sobol). Those differences are computed seed by seed, so common
    random numbers, which make the noise of paired points cancel in part, are
    accounted for. For Morris the floor is the mean absolute value of a normal
    difference with that variance, divided by the step; for Sobol it is the
    noise variance of the differences over twice the analysed variance (what
    independent noise adds to the Jansen estimator of ST).

    Args:
        method: morris or sobol.
        unit: The design on the unit hypercube.
        y: Outputs (points, replicates).
        k: Number of factors.
        second_order: Sobol design with S2 matrices.
        noise: The output's row of :func:`noise_table` (scales the floor of a median or quantile).

    Returns:
        Floors (k,); zeros with a single replicate (noise unseen).
    """
    reps = y.shape[1]
    if reps < 2:
        return np.zeros(k)
    within = float(noise["var_seeds"])
    ratio = float(noise["noise_var_analysed"]) / (within / reps) if within > 0 else 1.0
    if method == "morris":
        r = y.shape[0] // (k + 1)
        yy = y.reshape(r, k + 1, reps)
        u = unit.reshape(r, k + 1, k)
        du = np.diff(u, axis=1)
        which = np.argmax(np.abs(du), axis=2)  # (r, k)
        delta = np.abs(np.take_along_axis(du, which[..., None], axis=2)[..., 0])
        v = np.var(np.diff(yy, axis=1), axis=2, ddof=1) / reps * ratio / delta**2  # (r, k): noise var of each EE
        vf = np.zeros(k)
        np.add.at(vf, which.ravel(), v.ravel())
        vf /= r
        return np.sqrt(2 / np.pi) * np.sqrt(vf)
    var_an = float(noise["var_analysed"])
    if not var_an > 0:
        return np.zeros(k)
    per = points_per_base("sobol", k, second_order)
    blocks = y.reshape(-1, per, reps)
    a = blocks[:, 0, :]
    floors = np.empty(k)
    for j in range(k):
        d = a - blocks[:, 1 + j, :]
        floors[j] = float(np.mean(np.var(d, axis=1, ddof=1))) / reps * ratio / (2 * var_an)
    return floors
