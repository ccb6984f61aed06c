"""The set-up of a sensitivity analysis: methods, options, replicate statistics, factors and samples.

Samples are drawn by SALib on the unit hypercube ``[0, 1]^k`` and mapped to each factor's range
afterwards (:meth:`Problem.to_values`), so Morris elementary effects are in output units per
*whole range* of a factor and comparable across factors. The analysed output at a design point
is a statistic of its replicates (:func:`statistic_function`); intervals are percentile
bootstrap intervals (:func:`percentile_interval`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from simulator.batch.limits import check_runs
from simulator.errors import SensitivityError

METHODS = ("morris", "sobol")

# --------------------------------------------------------------------------- options


@dataclass(frozen=True)
class Options:
    """How to analyse the outputs.

    Attributes:
        statistic: Statistic of the replicates analysed at each design point:
            ``mean``, ``median`` or a quantile ``qP`` with 0 < P < 1 (e.g. ``q0.1``).
        conf_level: Confidence level of the bootstrap intervals.
        resamples: Bootstrap resamples for the final indices.
        resamples_detail: Bootstrap resamples for convergence steps and per-year indices.
        convergence_width: Largest interval width (Sobol ST, or Morris mu* relative to
            the largest mu*) for an index set to count as converged.
        convergence_change: Largest change of an index between N/2 and N for it to
            count as converged.
        seed: Seed of the bootstrap.
    """

    statistic: str = "mean"
    conf_level: float = 0.95
    resamples: int = 1000
    resamples_detail: int = 200
    convergence_width: float = 0.1
    convergence_change: float = 0.05
    seed: int = 0

    def __post_init__(self) -> None:
        """Check the values (raises SensitivityError)."""
        statistic_function(self.statistic)
        if not 0.5 <= self.conf_level < 1:
            raise SensitivityError(f"conf_level = {self.conf_level!r} is out of range: allowed [0.5, 1)")
        for k in ("resamples", "resamples_detail"):
            v = getattr(self, k)
            if not isinstance(v, int) or isinstance(v, bool) or not 50 <= v <= 100000:
                raise SensitivityError(f"{k} = {v!r} must be a whole number in [50, 100000]")
        for k in ("convergence_width", "convergence_change"):
            v = getattr(self, k)
            if not isinstance(v, int | float) or isinstance(v, bool) or not 0 < v <= 1:
                raise SensitivityError(f"{k} = {v!r} is out of range: allowed (0, 1]")


_QUANTILE = re.compile(r"^q(0?\.\d+)$")


def statistic_function(name: str) -> Callable[[np.ndarray], np.ndarray]:
    """The replicate statistic called ``name``, reducing axis 1 of an array.

    Args:
        name: ``mean``, ``median`` or ``qP`` (a quantile, 0 < P < 1).

    Returns:
        A function of an array (points, replicates, ...) returning (points, ...).

    Raises:
        SensitivityError: For an unknown name.
    """
    if name == "mean":
        return lambda y: np.mean(y, axis=1)
    if name == "median":
        return lambda y: np.median(y, axis=1)
    m = _QUANTILE.match(str(name))
    if m and 0 < float(m.group(1)) < 1:
        q = float(m.group(1))
        return lambda y: np.quantile(y, q, axis=1)
    raise SensitivityError(f"statistic = {name!r} must be mean, median or a quantile such as q0.1 or q0.9")


def percentile_interval(boot: np.ndarray, conf: float) -> tuple[np.ndarray, np.ndarray]:
    """Percentile bootstrap interval of each column.

    Args:
        boot: Bootstrap estimates (resamples, ...); NaN resamples are ignored.
        conf: Confidence level.

    Returns:
        The lower and upper ends, each of shape ``boot.shape[1:]``.
    """
    a = (1 - conf) / 2
    lo, hi = np.nanquantile(boot, [a, 1 - a], axis=0)
    return lo, hi


# --------------------------------------------------------------------------- problems and samples


@dataclass(frozen=True)
class Problem:
    """Factors of a model function: names and uniform ranges.

    Attributes:
        names: Factor names.
        bounds: (low, high) of each factor.
    """

    names: tuple[str, ...]
    bounds: tuple[tuple[float, float], ...]

    def __post_init__(self) -> None:
        """Check names and bounds."""
        if len(self.names) < 2:
            raise SensitivityError("a sensitivity analysis needs at least 2 factors")
        if len(self.names) != len(self.bounds):
            raise SensitivityError(f"{len(self.names)} names but {len(self.bounds)} bounds")
        if len(set(self.names)) != len(self.names):
            raise SensitivityError("factor names must be distinct")
        for n, (lo, hi) in zip(self.names, self.bounds, strict=True):
            if not lo < hi:
                raise SensitivityError(f"factor {n}: empty or inverted range [{lo}, {hi}]")

    @property
    def k(self) -> int:
        """Number of factors."""
        return len(self.names)

    def to_values(self, unit: np.ndarray) -> np.ndarray:
        """Map unit-cube samples to the factors' ranges."""
        lo = np.array([b[0] for b in self.bounds])
        hi = np.array([b[1] for b in self.bounds])
        return lo + np.asarray(unit) * (hi - lo)


def check_samples(method: str, n: int, k: int, levels: int = 4) -> None:
    """Check a base sample size and Morris levels (raises SensitivityError).

    Args:
        method: morris or sobol.
        n: Sobol base sample N (a power of 2) or Morris trajectories.
        k: Number of factors.
        levels: Morris grid levels (even, >= 2).
    """
    if method not in METHODS:
        raise SensitivityError(f"method = {method!r} must be one of {', '.join(METHODS)}")
    if not isinstance(n, int) or isinstance(n, bool) or n < 2:
        raise SensitivityError(f"samples = {n!r} must be a whole number >= 2")
    if method == "sobol" and n & (n - 1):
        lo2 = 2 ** int(math.log2(n))
        raise SensitivityError(f"samples = {n} must be a power of 2 for Sobol (e.g. {lo2} or {lo2 * 2})")
    if method == "morris" and (levels < 2 or levels % 2):
        raise SensitivityError(f"levels = {levels} must be an even whole number >= 2")
    if k < 2:
        raise SensitivityError("a sensitivity analysis needs at least 2 factors")


def unit_sample(
    method: str, k: int, n: int, *, levels: int = 4, second_order: bool = False, seed: int = 0
) -> np.ndarray:
    """SALib's sample on the unit hypercube.

    Args:
        method: morris (n trajectories of k+1 points) or sobol (Saltelli's scheme on
            a scrambled Sobol' sequence, n base samples).
        k: Number of factors.
        n: Base sample size.
        levels: Morris grid levels.
        second_order: Sobol: also the cross-sample matrices for S2.
        seed: Sampler seed.

    Returns:
        An array (points, k) in [0, 1].
    """
    check_samples(method, n, k, levels)
    check_runs(n * points_per_base(method, k, second_order), "sensitivity", f"{method} with N = {n:,}, {k} factors")
    problem = {"num_vars": k, "names": [f"x{i}" for i in range(k)], "bounds": [[0.0, 1.0]] * k}
    if method == "sobol":
        from SALib.sample import sobol as sobol_sample

        return np.asarray(sobol_sample.sample(problem, n, calc_second_order=second_order, seed=seed))
    from SALib.sample import morris as morris_sample

    return np.asarray(morris_sample.sample(problem, n, num_levels=levels, seed=seed))


def points_per_base(method: str, k: int, second_order: bool = False) -> int:
    """Design points per base sample: k+1 (Morris trajectory), k+2 or 2k+2 (Sobol)."""
    if method == "morris":
        return k + 1
    return 2 * k + 2 if second_order else k + 2
