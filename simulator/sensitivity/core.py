"""Global sensitivity analysis of a stochastic model: Morris screening and Sobol indices.

The estimators work on arrays, so any model can be analysed: the simulator
(see :mod:`simulator.sensitivity.experiment`) or a plain Python function
(:func:`morris` and :func:`sobol` below, used by the tests with analytic
functions whose indices are known).

Conventions:

* Samples are drawn by SALib on the unit hypercube ``[0, 1]^k`` and mapped to
  each factor's range afterwards, so Morris elementary effects are in output
  units per *whole range* of a factor and comparable across factors.
* Each design point is run with ``R`` replicate seeds, the same seeds at every
  point (common random numbers). The analysed output is a statistic of the
  replicates (the mean by default, or the median or a quantile ``q0.9``).
* Intervals are percentile bootstrap intervals: Sobol resamples the base
  sample rows, Morris resamples trajectories (Saltelli et al. 2010; Campolongo
  et al. 2007). An index whose interval contains zero is "not distinguishable
  from zero".
* Noise: the share of the variance of single runs that the seeds alone cause,
  and the share of the variance of the analysed statistic that is still noise,
  give a "noise floor": the Sobol total index (or Morris mu*) that seed noise
  alone would produce. Indices below it cannot be told from noise.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from simulator.batch.limits import check_runs
from simulator.errors import SensitivityError

METHODS = ("morris", "sobol")
MIN_SPREAD = 0.1
"""Per-year Sobol indices are left out (NaN) in years where the analysed output's spread over the
design points is below this share of its largest yearly spread: there is too little variance to
apportion, and ratios of tiny variances are noise."""


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


# --------------------------------------------------------------------------- estimators


def _interval(boot: np.ndarray, conf: float) -> tuple[np.ndarray, np.ndarray]:
    a = (1 - conf) / 2
    lo, hi = np.nanquantile(boot, [a, 1 - a], axis=0)
    return lo, hi


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
    ms_lo, ms_hi = _interval(ms, conf)
    sd_lo, sd_hi = _interval(sd, conf)
    return {
        "mu": ee.mean(axis=0),
        "mu_star": np.abs(ee).mean(axis=0),
        "mu_star_low": ms_lo,
        "mu_star_high": ms_hi,
        "sigma": ee.std(axis=0, ddof=1) if r > 1 else np.zeros(ee.shape[1]),
        "sigma_low": sd_lo,
        "sigma_high": sd_hi,
    }


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
    out["S1_low"], out["S1_high"] = _interval(s1b, conf)
    out["ST_low"], out["ST_high"] = _interval(stb, conf)
    if second_order and want_s2:
        assert BA is not None
        s2 = np.full((k, k), np.nan)
        lo, hi = s2.copy(), s2.copy()
        for i in range(k):
            for j in range(i + 1, k):
                s2[i, j] = s2_fn(A, AB[:, i], AB[:, j], BA[:, i], B)
                b = s2_fn(A[r], AB[r, i], AB[r, j], BA[r, i], B[r])
                lo[i, j], hi[i, j] = _interval(b, conf)
        out.update(S2=s2, S2_low=lo, S2_high=hi)
    return out


# --------------------------------------------------------------------------- noise


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


# --------------------------------------------------------------------------- results


@dataclass
class SensitivityResult:
    """Indices of every output, with intervals, convergence, noise and time paths.

    Attributes:
        method: morris or sobol.
        factors: Factor names.
        outputs: Scalar outputs analysed.
        indices: One row per (output, factor). Morris: mu, mu_star (+ low/high),
            sigma (+ low/high), mu_star_rel (mu* / largest mu*), noise_floor,
            distinguishable, rank. Sobol: S1, ST (+ low/high), S1_nonzero,
            ST_nonzero, noise_floor, distinguishable, rank (by ST).
        second_order: Sobol S2 (output, factor_a, factor_b, S2, low, high, nonzero).
        convergence: Indices at nested sub-samples (output, factor, n, index, value, low, high).
        verdicts: Convergence verdict per output (stable, max_width, max_change, reason).
        noise: Noise share per output (see :func:`noise_table`).
        over_time: Indices per year of yearly outputs (output, year, factor, index, value, low, high).
        meta: Sample sizes and options.
        labels: Factor name -> a short description.
    """

    method: str
    factors: tuple[str, ...]
    outputs: tuple[str, ...]
    indices: pd.DataFrame
    second_order: pd.DataFrame
    convergence: pd.DataFrame
    verdicts: pd.DataFrame
    noise: pd.DataFrame
    over_time: pd.DataFrame
    meta: dict[str, Any] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def main_index(self) -> str:
        """The index that ranks factors: mu_star (Morris) or ST (Sobol)."""
        return "mu_star" if self.method == "morris" else "ST"

    def ranking(self, output: str) -> pd.DataFrame:
        """Factors of one output, most influential first."""
        df = self.indices[self.indices["output"] == output]
        return df.sort_values("rank").reset_index(drop=True)

    def screen(self, k: int) -> list[str]:
        """The k most influential factors over all outputs.

        Factors are ordered by their largest relative index over the outputs
        (mu*/max mu* for Morris, ST for Sobol).

        Args:
            k: How many to keep (2 <= k <= number of factors).

        Returns:
            Factor names, most influential first.
        """
        if not 2 <= k <= len(self.factors):
            raise SensitivityError(f"--screen {k} is out of range: allowed 2 to {len(self.factors)} (the factors)")
        col = "mu_star_rel" if self.method == "morris" else "ST"
        score = self.indices.groupby("factor", sort=False)[col].max()
        order = sorted(self.factors, key=lambda f: (-float(score.get(f, 0.0)), self.factors.index(f)))
        return order[:k]


def analyze(
    method: str,
    unit: np.ndarray,
    outputs: Mapping[str, np.ndarray],
    factors: Sequence[str],
    *,
    n: int,
    second_order: bool = False,
    yearly: Mapping[str, np.ndarray] | None = None,
    years: Sequence[int] = (),
    options: Options | None = None,
    labels: Mapping[str, str] | None = None,
) -> SensitivityResult:
    """Analyse a design's outputs: indices, intervals, convergence, noise, over time.

    Args:
        method: morris or sobol.
        unit: The design on the unit hypercube (points, k), in SALib's order.
        outputs: Output name -> values (points, replicates) (or (points,) for one replicate).
        factors: Factor names (k).
        n: Base sample size (Morris trajectories or Sobol N).
        second_order: Sobol design with S2 matrices.
        yearly: Yearly output name -> values (points, replicates, years).
        years: The years of the yearly outputs.
        options: Analysis options.
        labels: Factor name -> short description (for reports).

    Returns:
        The result.
    """
    opt = options or Options()
    k = len(factors)
    check_samples(method, n, k)
    per = points_per_base(method, k, second_order)
    if unit.shape != (n * per, k):
        raise SensitivityError(f"design has shape {unit.shape}, expected {(n * per, k)} for {method} with N={n}")
    stat = statistic_function(opt.statistic)
    rng = np.random.default_rng(opt.seed)
    rows: list[pd.DataFrame] = []
    s2_rows: list[dict[str, Any]] = []
    conv_rows: list[dict[str, Any]] = []
    verdicts: list[dict[str, Any]] = []
    noise_rows: list[dict[str, Any]] = []
    for name, raw in outputs.items():
        y = _as_runs(raw, n * per, name)
        analysed = stat(y)
        nz = noise_table(y, analysed, opt.statistic, rng)
        noise_rows.append({"output": name, **nz})
        df, s2 = _indices(method, unit, analysed, factors, n, second_order, opt.resamples, opt.conf_level, rng)
        df["noise_floor"] = noise_floors(method, unit, y, k, second_order, nz)
        if method == "morris":
            df["distinguishable"] = df["mu_star_low"] > df["noise_floor"]
        else:
            df["distinguishable"] = df["ST_nonzero"] & (df["ST_low"] > df["noise_floor"])
            for i, j in zip(*(a.tolist() for a in np.triu_indices(k, 1)), strict=True):
                if s2 is not None:
                    s2_rows.append(
                        {
                            "output": name,
                            "factor_a": factors[i],
                            "factor_b": factors[j],
                            "S2": s2["S2"][i, j],
                            "S2_low": s2["S2_low"][i, j],
                            "S2_high": s2["S2_high"][i, j],
                            "nonzero": bool(s2["S2_low"][i, j] > 0),
                        }
                    )
        df.insert(0, "output", name)
        rows.append(df)
        c_rows = _convergence(method, unit, analysed, factors, n, per, second_order, opt, rng, df)
        for r in c_rows:
            r["output"] = name
        conv_rows.extend(c_rows)
        verdicts.append({"output": name, **_verdict(method, c_rows, n, opt)})
    time_rows: list[dict[str, Any]] = []
    for name, raw in (yearly or {}).items():
        arr = np.asarray(raw, dtype=float)
        if arr.ndim != 3 or arr.shape[0] != n * per or arr.shape[2] != len(years):
            raise SensitivityError(
                f"yearly output {name!r} has shape {arr.shape}: expected (points, replicates, years)"
            )
        analysed_t = stat(arr)  # (points, years)
        sd = analysed_t.std(axis=0)
        for t, year in enumerate(years):
            # a year in which the output hardly varies has nothing to apportion: its indices
            # (ratios of tiny variances) are reported as NaN, not as large shares of nothing
            informative = method == "morris" or sd[t] > MIN_SPREAD * max(float(sd.max()), 1e-300)
            df, _ = _indices(
                method,
                unit,
                analysed_t[:, t],
                factors,
                n,
                second_order,
                opt.resamples_detail,
                opt.conf_level,
                rng,
                False,
            )
            for idx in ("mu_star",) if method == "morris" else ("S1", "ST"):
                for f, v, lo, hi in zip(factors, df[idx], df[f"{idx}_low"], df[f"{idx}_high"], strict=True):
                    time_rows.append(
                        {
                            "output": name,
                            "year": int(year),
                            "factor": f,
                            "index": idx,
                            "output_sd": float(sd[t]),
                            "value": v if informative else np.nan,
                            "low": lo if informative else np.nan,
                            "high": hi if informative else np.nan,
                        }
                    )
    return SensitivityResult(
        method=method,
        factors=tuple(factors),
        outputs=tuple(outputs),
        indices=pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(),
        second_order=pd.DataFrame(s2_rows),
        convergence=pd.DataFrame(conv_rows),
        verdicts=pd.DataFrame(verdicts),
        noise=pd.DataFrame(noise_rows),
        over_time=pd.DataFrame(time_rows),
        meta={
            "method": method,
            "n": n,
            "second_order": second_order,
            "points": int(n * per),
            "replicates": int(next(iter(noise_rows))["replicates"]) if noise_rows else 0,
            "statistic": opt.statistic,
            "conf_level": opt.conf_level,
            "resamples": opt.resamples,
            "convergence_width": opt.convergence_width,
            "convergence_change": opt.convergence_change,
        },
        labels=dict(labels or {}),
    )


def _as_runs(raw: np.ndarray, points: int, name: str) -> np.ndarray:
    y = np.asarray(raw, dtype=float)
    if y.ndim == 1:
        y = y[:, None]
    if y.ndim != 2 or y.shape[0] != points:
        raise SensitivityError(f"output {name!r} has shape {y.shape}: expected ({points}, replicates)")
    if not np.all(np.isfinite(y)):
        bad = int((~np.isfinite(y)).sum())
        raise SensitivityError(f"output {name!r} has {bad} missing or infinite values: it cannot be analysed")
    return y


def _indices(
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


def _convergence(
    method: str,
    unit: np.ndarray,
    y: np.ndarray,
    factors: Sequence[str],
    n: int,
    per: int,
    second_order: bool,
    opt: Options,
    rng: np.random.Generator,
    full: pd.DataFrame,
) -> list[dict[str, Any]]:
    """Indices on the nested sub-samples N/8, N/4, N/2; at N the final indices ``full`` are reused."""
    steps = sorted({m for m in (n // 8, n // 4, n // 2, n) if m >= 2})
    out: list[dict[str, Any]] = []
    for m in steps:
        rows = m * per
        if m == n:
            df = full
        else:
            res = opt.resamples_detail
            df, _ = _indices(method, unit[:rows], y[:rows], factors, m, second_order, res, opt.conf_level, rng, False)
        keys = ("mu_star",) if method == "morris" else ("S1", "ST")
        scale = float(df["mu_star"].max()) if method == "morris" else 1.0
        scale = scale if scale > 0 else 1.0
        for key in keys:
            for f, v, lo, hi in zip(factors, df[key], df[f"{key}_low"], df[f"{key}_high"], strict=True):
                out.append(
                    {
                        "factor": f,
                        "n": m,
                        "index": key,
                        "value": v,
                        "low": lo,
                        "high": hi,
                        "relative_width": (hi - lo) / scale,
                        "scale": scale,
                    }
                )
    return out


def _verdict(method: str, rows: list[dict[str, Any]], n: int, opt: Options) -> dict[str, Any]:
    """Convergence verdict from the nested sub-samples.

    Sobol: stable when every ST interval at N is at most ``convergence_width``
    wide and no ST moved by more than ``convergence_change`` from N/2 to N.
    Morris is a screening method, so its verdict is about the screening
    (Sarrazin et al. 2016): stable when the factors ranked in the top five at N
    are the same set at N/2. Widths and changes are reported either way.
    """
    key = "mu_star" if method == "morris" else "ST"
    df = pd.DataFrame(rows)
    df = df[df["index"] == key]
    final = df[df["n"] == n].set_index("factor")
    width = float(final["relative_width"].max())
    halves = df[df["n"] == n // 2].set_index("factor")
    if halves.empty:
        change = float("nan")
    else:
        scale = final["scale"].iloc[0]
        change = float((final["value"] - halves["value"]).abs().max() / scale)
    top = min(5, len(final))
    top_n = set(final["value"].sort_values(ascending=False).index[:top])
    top_h = set(halves["value"].sort_values(ascending=False).index[:top]) if not halves.empty else set()
    reasons = []
    if math.isnan(change):
        reasons.append("too few base samples for a nested sub-sample")
    elif method == "morris":
        if top_n != top_h:
            reasons.append(f"the top {top} factors differ between N/2 and N")
    else:
        if width > opt.convergence_width:
            reasons.append(f"largest interval width {width:.3f} > {opt.convergence_width:g}")
        if change > opt.convergence_change:
            reasons.append(f"largest change from N/2 to N {change:.3f} > {opt.convergence_change:g}")
    ok = (
        "top factors and indices settled" if method == "morris" else "interval widths and changes within the thresholds"
    )
    return {
        "stable": not reasons,
        "max_width": width,
        "max_change": change,
        "top_same": top_n == top_h,
        "reason": "; ".join(reasons) if reasons else ok,
    }


# --------------------------------------------------------------------------- any model function

ModelFunction = Callable[[np.ndarray, int], "np.ndarray | Mapping[str, np.ndarray]"]
"""``f(X, seed)``: X (points, k) in the factors' units; returns an output per point
(points,), or yearly (points, years), or a mapping name -> either."""


def evaluate(model: ModelFunction, values: np.ndarray, replicates: int, seed: int = 0) -> dict[str, np.ndarray]:
    """Run a model function on a design with replicate seeds (the same seeds at every point).

    Args:
        model: The function (see :data:`ModelFunction`).
        values: Design in the factors' units (points, k).
        replicates: Seeds per point.
        seed: Master seed; replicate r uses ``SeedSequence([seed, r])``.

    Returns:
        Output name -> (points, replicates) or (points, replicates, years).
    """
    per_rep: list[dict[str, np.ndarray]] = []
    for r in range(replicates):
        s = int(np.random.SeedSequence([seed, r]).generate_state(1, dtype=np.uint32)[0])
        out = model(values, s)
        per_rep.append(dict(out) if isinstance(out, Mapping) else {"y": np.asarray(out)})
    return {name: np.stack([np.asarray(p[name], dtype=float) for p in per_rep], axis=1) for name in per_rep[0]}


def _run_function(
    method: str,
    model: ModelFunction,
    problem: Problem,
    n: int,
    *,
    levels: int,
    second_order: bool,
    replicates: int,
    seed: int,
    options: Options | None,
) -> SensitivityResult:
    if not isinstance(replicates, int) or replicates < 1:
        raise SensitivityError(f"replicates = {replicates!r} must be a whole number >= 1")
    unit = unit_sample(method, problem.k, n, levels=levels, second_order=second_order, seed=seed)
    out = evaluate(model, problem.to_values(unit), replicates, seed)
    scalar = {k: v for k, v in out.items() if v.ndim == 2}
    yearly = {k: v for k, v in out.items() if v.ndim == 3}
    years = range(next(iter(yearly.values())).shape[2]) if yearly else range(0)
    return analyze(
        method,
        unit,
        scalar,
        problem.names,
        n=n,
        second_order=second_order,
        yearly=yearly,
        years=list(years),
        options=options or Options(seed=seed),
    )


def morris(
    model: ModelFunction,
    problem: Problem,
    trajectories: int,
    *,
    levels: int = 4,
    replicates: int = 1,
    seed: int = 0,
    options: Options | None = None,
) -> SensitivityResult:
    """Morris screening of any model function.

    Args:
        model: ``f(X, seed)`` (see :data:`ModelFunction`).
        problem: Factor names and ranges.
        trajectories: Number of trajectories r (k+1 points each).
        levels: Grid levels.
        replicates: Seeds per point.
        seed: Seed of the sample, the replicates and the bootstrap.
        options: Analysis options.

    Returns:
        The result (see :class:`SensitivityResult`).
    """
    return _run_function(
        "morris",
        model,
        problem,
        trajectories,
        levels=levels,
        second_order=False,
        replicates=replicates,
        seed=seed,
        options=options,
    )


def sobol(
    model: ModelFunction,
    problem: Problem,
    n: int,
    *,
    second_order: bool = False,
    replicates: int = 1,
    seed: int = 0,
    options: Options | None = None,
) -> SensitivityResult:
    """Sobol indices of any model function.

    Args:
        model: ``f(X, seed)`` (see :data:`ModelFunction`).
        problem: Factor names and ranges.
        n: Base sample size N (a power of 2); N*(k+2) points, or N*(2k+2) with S2.
        second_order: Also second-order indices.
        replicates: Seeds per point.
        seed: Seed of the sample, the replicates and the bootstrap.
        options: Analysis options.

    Returns:
        The result (see :class:`SensitivityResult`).
    """
    return _run_function(
        "sobol",
        model,
        problem,
        n,
        levels=4,
        second_order=second_order,
        replicates=replicates,
        seed=seed,
        options=options,
    )
