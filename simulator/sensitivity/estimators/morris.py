"""Morris screening: elementary effects and their mu, mu* and sigma with bootstrap intervals.

Intervals resample trajectories (Campolongo et al. 2007). Effects are in output units per whole
range of a factor, since the design is on the unit hypercube.
"""

from __future__ import annotations

import numpy as np

from simulator.sensitivity.design import percentile_interval


def elementary_effects(unit: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Morris elementary effects from trajectories on the unit hypercube.

    Args:
        unit: Design (r*(k+1), k): r trajectories, consecutive points differing in one factor.
        y: Output at each point, shape (r*(k+1),).

    Returns:
        Elementary effects (r, k), in output units per whole factor range.
    """
    n, k = unit.shape
    r = n // (k + 1)
    u = unit.reshape(r, k + 1, k)
    yy = np.asarray(y, dtype=float).reshape(r, k + 1)
    du = np.diff(u, axis=1)  # (r, k, k): step j changes one factor
    dy = np.diff(yy, axis=1)  # (r, k)
    which = np.argmax(np.abs(du), axis=2)  # (r, k) factor moved at each step
    delta = np.take_along_axis(du, which[..., None], axis=2)[..., 0]
    ee = np.empty((r, k))
    rows = np.repeat(np.arange(r), k)
    ee[rows, which.ravel()] = (dy / delta).ravel()
    return ee


def morris_indices(
    unit: np.ndarray, y: np.ndarray, *, conf: float = 0.95, resamples: int = 1000, rng: np.random.Generator
) -> dict[str, np.ndarray]:
    """mu, mu*, sigma of the elementary effects with bootstrap intervals.

    Args:
        unit: The Morris design on the unit hypercube.
        y: Output per point.
        conf: Confidence level.
        resamples: Bootstrap resamples (over trajectories).
        rng: Random generator for the bootstrap.

    Returns:
        Arrays of length k: mu, mu_star, mu_star_low, mu_star_high, sigma, sigma_low, sigma_high.
    """
    ee = elementary_effects(unit, y)
    r = ee.shape[0]
    idx = rng.integers(r, size=(resamples, r))
    boot = ee[idx]  # (B, r, k)
    ms = np.abs(boot).mean(axis=1)
    sd = boot.std(axis=1, ddof=1) if r > 1 else np.zeros_like(ms)
    ms_lo, ms_hi = percentile_interval(ms, conf)
    sd_lo, sd_hi = percentile_interval(sd, conf)
    return {
        "mu": ee.mean(axis=0),
        "mu_star": np.abs(ee).mean(axis=0),
        "mu_star_low": ms_lo,
        "mu_star_high": ms_hi,
        "sigma": ee.std(axis=0, ddof=1) if r > 1 else np.zeros(ee.shape[1]),
        "sigma_low": sd_lo,
        "sigma_high": sd_hi,
    }
