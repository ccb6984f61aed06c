"""Global sensitivity analysis of a stochastic model: :func:`analyze` and any model function.

:func:`analyze` takes a design and its outputs and returns a :class:`SensitivityResult`; it works
on arrays, so any model can be analysed: the simulator (see
:mod:`simulator.sensitivity.experiment`) or a plain Python function (:func:`morris` and
:func:`sobol` below, used by the tests with analytic functions whose indices are known).

The parts live in their own modules, and this one re-exports them under their old names:

* :mod:`~simulator.sensitivity.design`: methods, :class:`Options`, replicate statistics,
  :class:`Problem` and SALib's samples;
* :mod:`~simulator.sensitivity.estimators`: the estimators, one module per method
  (``estimators.morris``, ``estimators.sobol``), and :mod:`~simulator.sensitivity.indices`,
  which makes their arrays one ranked table per output;
* :mod:`~simulator.sensitivity.noise` and :mod:`~simulator.sensitivity.convergence`: seed
  noise and noise floors; indices on nested sub-samples and the convergence verdict;
* :mod:`~simulator.sensitivity.results`: :class:`SensitivityResult`.

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

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from simulator.errors import SensitivityError
from simulator.sensitivity.convergence import convergence_rows, convergence_verdict
from simulator.sensitivity.design import (
    METHODS,
    Options,
    Problem,
    check_samples,
    points_per_base,
    statistic_function,
    unit_sample,
)
from simulator.sensitivity.estimators.morris import elementary_effects, morris_indices
from simulator.sensitivity.estimators.sobol import sobol_indices
from simulator.sensitivity.indices import index_table
from simulator.sensitivity.noise import noise_floors, noise_table, noise_variance, noise_verdict
from simulator.sensitivity.results import SensitivityResult

__all__ = [
    "METHODS",
    "MIN_SPREAD",
    "ModelFunction",
    "Options",
    "Problem",
    "SensitivityError",
    "SensitivityResult",
    "analyze",
    "check_samples",
    "elementary_effects",
    "evaluate",
    "morris",
    "morris_indices",
    "noise_floors",
    "noise_table",
    "noise_variance",
    "noise_verdict",
    "points_per_base",
    "sobol",
    "sobol_indices",
    "statistic_function",
    "unit_sample",
]

MIN_SPREAD = 0.1
"""Per-year Sobol indices are left out (NaN) in years where the analysed output's spread over the
design points is below this share of its largest yearly spread: there is too little variance to
apportion, and ratios of tiny variances are noise."""


# --------------------------------------------------------------------------- analysis of a design


@dataclass(frozen=True)
class _Analysis:
    """What the analysis of every output shares: the design, the options and the bootstrap generator."""

    method: str
    unit: np.ndarray
    factors: Sequence[str]
    n: int
    per: int
    second_order: bool
    opt: Options
    stat: Callable[[np.ndarray], np.ndarray]
    rng: np.random.Generator


class _OutputTables(NamedTuple):
    """The rows one scalar output contributes to each table of the result."""

    indices: pd.DataFrame
    second_order: list[dict[str, Any]]
    convergence: list[dict[str, Any]]
    verdict: dict[str, Any]
    noise: dict[str, Any]


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
    a = _analysis(method, unit, factors, n, second_order, options)
    tables = [_output_tables(a, name, raw) for name, raw in outputs.items()]
    time_rows = [row for name, raw in (yearly or {}).items() for row in _over_time_rows(a, name, raw, years)]
    noise_rows = [t.noise for t in tables]
    return SensitivityResult(
        method=method,
        factors=tuple(factors),
        outputs=tuple(outputs),
        indices=pd.concat([t.indices for t in tables], ignore_index=True) if tables else pd.DataFrame(),
        second_order=pd.DataFrame([row for t in tables for row in t.second_order]),
        convergence=pd.DataFrame([row for t in tables for row in t.convergence]),
        verdicts=pd.DataFrame([t.verdict for t in tables]),
        noise=pd.DataFrame(noise_rows),
        over_time=pd.DataFrame(time_rows),
        meta=_meta(a, noise_rows),
        labels=dict(labels or {}),
    )


def _analysis(
    method: str,
    unit: np.ndarray,
    factors: Sequence[str],
    n: int,
    second_order: bool,
    options: Options | None,
) -> _Analysis:
    """Check the design against the method and N, and gather what every output's analysis needs."""
    opt = options or Options()
    k = len(factors)
    check_samples(method, n, k)
    per = points_per_base(method, k, second_order)
    if unit.shape != (n * per, k):
        raise SensitivityError(f"design has shape {unit.shape}, expected {(n * per, k)} for {method} with N={n}")
    stat = statistic_function(opt.statistic)
    rng = np.random.default_rng(opt.seed)
    return _Analysis(method, unit, factors, n, per, second_order, opt, stat, rng)


def _output_tables(a: _Analysis, name: str, raw: np.ndarray) -> _OutputTables:
    """Noise, indices with noise floors, S2, convergence and its verdict of one scalar output.

    The bootstrap generator is drawn from in this order: noise, indices, convergence.
    """
    y = _as_runs(raw, a.n * a.per, name)
    analysed = a.stat(y)
    nz = noise_table(y, analysed, a.opt.statistic, a.rng)
    df, s2 = index_table(
        a.method, a.unit, analysed, a.factors, a.n, a.second_order, a.opt.resamples, a.opt.conf_level, a.rng
    )
    df["noise_floor"] = noise_floors(a.method, a.unit, y, len(a.factors), a.second_order, nz)
    if a.method == "morris":
        df["distinguishable"] = df["mu_star_low"] > df["noise_floor"]
    else:
        df["distinguishable"] = df["ST_nonzero"] & (df["ST_low"] > df["noise_floor"])
    df.insert(0, "output", name)
    c_rows = convergence_rows(a.method, a.unit, analysed, a.factors, a.n, a.per, a.second_order, a.opt, a.rng, df)
    for r in c_rows:
        r["output"] = name
    verdict = {"output": name, **convergence_verdict(a.method, c_rows, a.n, a.opt)}
    return _OutputTables(df, _s2_rows(name, a.factors, s2), c_rows, verdict, {"output": name, **nz})


def _s2_rows(name: str, factors: Sequence[str], s2: dict[str, np.ndarray] | None) -> list[dict[str, Any]]:
    """One row per factor pair of the second-order indices (none without S2)."""
    if s2 is None:
        return []
    return [
        {
            "output": name,
            "factor_a": factors[i],
            "factor_b": factors[j],
            "S2": s2["S2"][i, j],
            "S2_low": s2["S2_low"][i, j],
            "S2_high": s2["S2_high"][i, j],
            "nonzero": bool(s2["S2_low"][i, j] > 0),
        }
        for i, j in zip(*(a.tolist() for a in np.triu_indices(len(factors), 1)), strict=True)
    ]


def _over_time_rows(a: _Analysis, name: str, raw: np.ndarray, years: Sequence[int]) -> list[dict[str, Any]]:
    """The main indices of one yearly output in each year (Sobol's left NaN in years without spread)."""
    arr = np.asarray(raw, dtype=float)
    if arr.ndim != 3 or arr.shape[0] != a.n * a.per or arr.shape[2] != len(years):
        raise SensitivityError(f"yearly output {name!r} has shape {arr.shape}: expected (points, replicates, years)")
    analysed_t = a.stat(arr)  # (points, years)
    sd = analysed_t.std(axis=0)
    rows: list[dict[str, Any]] = []
    for t, year in enumerate(years):
        # a year in which the output hardly varies has nothing to apportion: its indices
        # (ratios of tiny variances) are reported as NaN, not as large shares of nothing
        informative = a.method == "morris" or sd[t] > MIN_SPREAD * max(float(sd.max()), 1e-300)
        df, _ = index_table(
            a.method,
            a.unit,
            analysed_t[:, t],
            a.factors,
            a.n,
            a.second_order,
            a.opt.resamples_detail,
            a.opt.conf_level,
            a.rng,
            False,
        )
        for idx in ("mu_star",) if a.method == "morris" else ("S1", "ST"):
            for f, v, lo, hi in zip(a.factors, df[idx], df[f"{idx}_low"], df[f"{idx}_high"], strict=True):
                rows.append(
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
    return rows


def _meta(a: _Analysis, noise_rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Sample sizes and options of the analysis, for the result's ``meta``."""
    return {
        "method": a.method,
        "n": a.n,
        "second_order": a.second_order,
        "points": int(a.n * a.per),
        "replicates": int(next(iter(noise_rows))["replicates"]) if noise_rows else 0,
        "statistic": a.opt.statistic,
        "conf_level": a.opt.conf_level,
        "resamples": a.opt.resamples,
        "convergence_width": a.opt.convergence_width,
        "convergence_change": a.opt.convergence_change,
    }


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
