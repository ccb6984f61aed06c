"""Sensitivity analysis of the simulator: experiment files, batch runs, analysis, screening.

A sensitivity experiment is a batch experiment file (see
:mod:`simulator.batch.experiment`) with a ``morris`` or ``sobol`` design and a
``[sensitivity]`` table::

    [design]
    kind = "sobol"           # or "morris"
    samples = 512            # Sobol base sample N (a power of 2) or Morris trajectories
    second_order = true      # Sobol only: also S2
    # levels = 4             # Morris only

    [sensitivity]
    outputs = ["sustained_share_final", "partnerships_year5"]   # run-summary columns
    over_time = ["sustained_share"]                            # yearly time-series columns
    statistic = "mean"        # of the replicates at each point: mean, median, q0.1, ...
    conf_level = 0.95
    resamples = 1000          # bootstrap resamples
    convergence_width = 0.1
    convergence_change = 0.05

The runs go through the batch engine (resumable, any executor); the analysis
is written to ``<out>/analysis/`` (CSV tables, PNG plots, ``summary.md``).
"""

from __future__ import annotations

import dataclasses
import shutil
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from simulator.batch.experiment import Experiment, ExperimentError, load_experiment, unit_sample
from simulator.errors import RunsFailed, SensitivityError
from simulator.i18n import param_label
from simulator.scenario import _suggest, _toml_repr
from simulator.sensitivity.core import analyze
from simulator.sensitivity.design import METHODS, Options, check_samples, points_per_base
from simulator.sensitivity.results import SensitivityResult
from simulator.spec import Table
from simulator.store import OutputError, open_results, staged_folder

DEFAULT_OUTPUTS = ("sustained_share_final", "partnerships_year5", "partnership_duration_median", "aid_per_ward")
DEFAULT_OVER_TIME = ("sustained_share",)
SCREENED_FILE = "screened-sobol.toml"
_SA_KEYS = (
    "outputs",
    "over_time",
    "statistic",
    "conf_level",
    "resamples",
    "resamples_detail",
    "convergence_width",
    "convergence_change",
)


@dataclass(frozen=True)
class SensitivitySpec:
    """A resolved sensitivity experiment.

    Attributes:
        experiment: The batch experiment (morris or sobol design).
        outputs: Run-summary columns analysed.
        over_time: Time-series columns analysed per year.
        options: Analysis options.
    """

    experiment: Experiment

    outputs: tuple[str, ...] = DEFAULT_OUTPUTS
    over_time: tuple[str, ...] = DEFAULT_OVER_TIME
    options: Options = field(default_factory=Options)

    @property
    def method(self) -> str:
        """The method: morris or sobol."""
        return self.experiment.kind


def output_columns(exp: Experiment) -> tuple[list[str], list[str]]:
    """The summary and time-series columns a run of this experiment produces.

    Args:
        exp: The experiment.

    Returns:
        (summary columns, time-series columns), numeric only.
    """
    from simulator.results import run

    r = run(exp.scenario, seed=0, years=2)
    num = [c for c in r.summary.columns if pd.api.types.is_numeric_dtype(r.summary[c])]
    ts = [c for c in r.timeseries.columns if pd.api.types.is_numeric_dtype(r.timeseries[c])]
    drop = {"seed", "years", "wards", "year"}
    return [c for c in num if c not in drop], [c for c in ts if c not in drop]


def load_sensitivity(
    path: str | Path,
    *,
    method: str | None = None,
    samples: int | None = None,
    replicates: int | None = None,
    statistic: str | None = None,
) -> SensitivitySpec:
    """Load and check a sensitivity experiment file.

    Args:
        path: The experiment file.
        method: When given, must match the file's design kind (morris or sobol).
        samples: Replace the base sample size (Sobol N, a power of 2; Morris trajectories).
        replicates: Replace the seeds per design point.
        statistic: Replace the replicate statistic (mean, median, qP).

    Returns:
        The spec.

    Raises:
        ExperimentError: One line naming the file, key, value and what is allowed.
    """
    where = str(path)
    exp = load_experiment(path, replicates=replicates)
    if exp.kind not in METHODS:
        raise ExperimentError(
            f"{where}: design.kind = {exp.kind!r}: a sensitivity analysis needs kind = 'morris' or 'sobol'"
        )
    if method is not None and method != exp.kind:
        raise ExperimentError(
            f"{where}: --method {method} does not match design.kind = {exp.kind!r} "
            f"(a {exp.kind} design cannot be analysed by {method}; use a {method} experiment file)"
        )
    if samples is not None:
        try:
            check_samples(exp.kind, samples, len(exp.factors), exp.levels)
        except SensitivityError as e:
            raise ExperimentError(f"{where}: --samples: {e}") from None
        exp = dataclasses.replace(exp, samples=samples)
    if exp.kind == "morris" and exp.samples < 2:
        raise ExperimentError(f"{where}: design.samples = {exp.samples} must be >= 2 Morris trajectories")
    for f in exp.factors:
        if f.param.kind in ("bool", "str") and not f.categorical:
            raise ExperimentError(f"{where}: design.factors.{f.name}: a {f.param.kind} factor needs a list of values")
    sa = Table(dict(exp.sections.get("sensitivity", {})), where, "sensitivity", ExperimentError)
    sa.check_keys(_SA_KEYS)
    summary_cols, ts_cols = output_columns(exp)
    outputs = _names(sa, "outputs", DEFAULT_OUTPUTS, summary_cols, "run-summary")
    over_time = _names(sa, "over_time", DEFAULT_OVER_TIME, ts_cols, "time-series")
    if not outputs:
        sa.fail("sensitivity.outputs is empty: name at least one run-summary column")
    opts: dict[str, Any] = {}
    if "statistic" in sa:
        opts["statistic"] = sa.text("statistic")
    if statistic is not None:
        opts["statistic"] = statistic  # checked by the command line
    if "conf_level" in sa:
        opts["conf_level"] = sa.number("conf_level", lo=0.5, hi=0.999)
    for k in ("resamples", "resamples_detail"):
        if k in sa:
            opts[k] = sa.whole(k, lo=50, hi=100_000)
    for k in ("convergence_width", "convergence_change"):
        if k in sa:
            opts[k] = sa.number(k, lo=1e-6, hi=1.0)
    try:
        options = Options(seed=exp.master_seed, **opts)
    except SensitivityError as e:
        raise ExperimentError(f"{where}: sensitivity.{e}") from None
    if over_time and "timeseries" not in exp.outputs:
        exp = dataclasses.replace(exp, outputs=(*exp.outputs, "timeseries"))
    return SensitivitySpec(exp, outputs, over_time, options)


def _names(sa: Table, key: str, default: tuple[str, ...], allowed: list[str], what: str) -> tuple[str, ...]:
    names = sa.texts(key, list(default))
    for n in names:
        if n not in allowed:
            sa.fail(
                f"sensitivity.{key} has {n!r}, not a {what} column{_suggest(n, allowed)} "
                f"(allowed: {', '.join(allowed[:12])}, ...)"
            )
    return tuple(dict.fromkeys(names))


def labels(spec: SensitivitySpec) -> dict[str, str]:
    """Factor name -> its short label in English, from the text layer (the registry's one label per parameter)."""
    return {f.name: param_label(f.name, "en") for f in spec.experiment.factors}


def result_arrays(
    folder: str | Path, spec: SensitivitySpec
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray], list[int]]:
    """Read a finished batch into (points, replicates[, years]) arrays.

    Args:
        folder: The batch folder.
        spec: The spec it was run from.

    Returns:
        (scalar outputs, yearly outputs, years).

    Raises:
        OutputError: When runs are missing (failed or not yet run).
    """
    exp = spec.experiment
    res = open_results(folder)
    summ = res.columns("summary", ["point", "replicate", *spec.outputs])
    n_points = exp.samples * points_per_base(exp.kind, len(exp.factors), exp.second_order)
    reps = exp.replicates
    expected = n_points * reps
    if len(summ) < expected:
        failed = len(res.failures)
        raise OutputError(
            f"{folder}: {expected - len(summ)} of {expected} runs are missing"
            + (f" ({failed} failed: see failures in the folder)" if failed else "")
            + "; finish the batch with --resume before analysing"
        )
    summ = summ.sort_values(["point", "replicate"])
    scalar = {o: summ[o].to_numpy(dtype=float).reshape(n_points, reps) for o in spec.outputs}
    yearly: dict[str, np.ndarray] = {}
    years: list[int] = []
    if spec.over_time:
        ts = res.columns("timeseries", ["point", "replicate", "year", *spec.over_time])
        ts = ts.sort_values(["point", "replicate", "year"])
        years = sorted(int(y) for y in ts["year"].unique())
        for o in spec.over_time:
            yearly[o] = ts[o].to_numpy(dtype=float).reshape(n_points, reps, len(years))
    return scalar, yearly, years


def analyze_batch(folder: str | Path, spec: SensitivitySpec) -> SensitivityResult:
    """Analyse a finished sensitivity batch.

    Args:
        folder: The batch folder.
        spec: The spec it was run from.

    Returns:
        The result.
    """
    exp = spec.experiment
    scalar, yearly, years = result_arrays(folder, spec)
    res = analyze(
        exp.kind,
        unit_sample(exp),
        scalar,
        [f.name for f in exp.factors],
        n=exp.samples,
        second_order=exp.second_order,
        yearly=yearly,
        years=years,
        options=spec.options,
        labels=labels(spec),
    )
    res.meta.update(experiment=exp.name, scenario=exp.scenario.name, source=exp.source, levels=exp.levels)
    return res


def write_analysis(
    result: SensitivityResult, folder: str | Path, *, svg: bool = False, extra: Mapping[str, str] | None = None
) -> Path:
    """Write the analysis (tables, plots, summary) to ``folder``, replacing an older one atomically.

    Args:
        result: The result.
        folder: The analysis folder (e.g. ``<batch>/analysis``).
        svg: Also write SVG plots.
        extra: More text files to write with it (file name -> text).

    Returns:
        The folder.
    """
    from simulator.sensitivity.report import write_report

    folder = Path(folder)
    staging = folder.parent / f".{folder.name}.new"
    shutil.rmtree(staging, ignore_errors=True)
    with staged_folder(staging) as tmp:
        write_report(result, tmp, svg=svg)
        for name, text in (extra or {}).items():
            (tmp / name).write_text(text, encoding="utf-8")
    old = folder.parent / f".{folder.name}.old"
    shutil.rmtree(old, ignore_errors=True)
    if folder.exists():
        folder.rename(old)
    staging.rename(folder)
    shutil.rmtree(old, ignore_errors=True)
    return folder


def screened_experiment_text(spec: SensitivitySpec, factors: list[str], *, samples: int = 512) -> str:
    """A Sobol experiment file for the screened factors (same scenario, ranges and outputs).

    Args:
        spec: The Morris spec that was screened.
        factors: The factors kept, most influential first.
        samples: Sobol base sample N (a power of 2).

    Returns:
        TOML text.
    """
    check_samples("sobol", samples, len(factors))
    exp = spec.experiment
    src = Path(exp.source).resolve() if exp.source else None
    import tomllib

    raw: dict[str, Any] = {}
    if src and src.is_file():
        raw = tomllib.loads(src.read_text(encoding="utf-8-sig"))  # a byte-order mark is accepted
    e = dict(raw.get("experiment", {}))
    sc = e.get("scenario", exp.scenario.name)
    if src and (src.parent / sc).is_file():
        sc = str((src.parent / sc).resolve())
    pols = [str((src.parent / p).resolve()) if src and (src.parent / p).is_file() else p for p in e.get("policies", [])]
    facs = {f.name: f for f in exp.factors}
    lines = [
        f"# Sobol experiment written by 'plpbk sensitivity --screen {len(factors)}' from {exp.source or exp.name}",
        f"# on {time.strftime('%Y-%m-%d %H:%M')}: the {len(factors)} most influential factors of the Morris screening.",
        "",
        "[experiment]",
        f"name = {_toml_repr(exp.name + '-sobol')}",
        f"description = {_toml_repr('Sobol indices of the screened factors of ' + exp.name)}",
        f"scenario = {_toml_repr(sc)}",
    ]
    if pols:
        lines.append(f"policies = [{', '.join(_toml_repr(p) for p in pols)}]")
    lines += [
        f"years = {int(exp.scenario.values['time.years'])}",
        f"replicates = {exp.replicates}",
        f"master_seed = {exp.master_seed}",
        f"outputs = [{', '.join(_toml_repr(o) for o in exp.outputs)}]",
        "",
        "[design]",
        'kind = "sobol"',
        f"samples = {samples}",
        "second_order = true",
        "",
        "[design.factors]",
    ]
    for name in factors:
        d = facs[name].to_dict()
        d.pop("name")
        if "values" in d:
            lines.append(f'"{name}" = [{", ".join(_toml_repr(v) for v in d["values"])}]')
        else:
            if d.get("dist") == "uniform":
                d.pop("dist")
            body = ", ".join(f"{k} = {_toml_repr(v)}" for k, v in d.items())
            lines.append(f'"{name}" = {{ {body} }}')
    o = spec.options
    lines += [
        "",
        "[sensitivity]",
        f"outputs = [{', '.join(_toml_repr(x) for x in spec.outputs)}]",
        f"over_time = [{', '.join(_toml_repr(x) for x in spec.over_time)}]",
        f"statistic = {_toml_repr(o.statistic)}",
        f"conf_level = {o.conf_level}",
        f"resamples = {o.resamples}",
        f"convergence_width = {o.convergence_width}",
        f"convergence_change = {o.convergence_change}",
        "",
    ]
    return "\n".join(lines)


@dataclass
class SensitivityReport:
    """What :func:`run_sensitivity` did.

    Attributes:
        out: The batch folder.
        analysis: The analysis folder.
        result: The indices.
        runs: Runs in the batch.
        executed: Runs executed by this call.
        seconds_runs: Wall time of the runs.
        seconds_analysis: Wall time of the analysis and plots.
        screened: The screened Sobol experiment file, when written.
    """

    out: Path
    analysis: Path
    result: SensitivityResult
    runs: int
    executed: int
    seconds_runs: float
    seconds_analysis: float
    screened: Path | None = None


def run_sensitivity(
    spec: SensitivitySpec | str | Path,
    executor: Any = "processes",
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    out: str | Path | None = None,
    resume: bool = False,
    progress: bool | Callable[[int, int], None] = True,
    screen: int | None = None,
    screen_samples: int = 512,
    svg: bool = False,
) -> SensitivityReport:
    """Run a sensitivity experiment through the batch engine, then analyse it.

    Args:
        spec: A spec or the path of a sensitivity experiment file.
        executor: serial, processes, dask, or a ``concurrent.futures.Executor``.
        workers: Worker processes.
        scheduler: Address of a running Dask scheduler.
        out: The batch folder (default ``results/<name>-<timestamp>``).
        resume: Finish an interrupted batch in ``out`` (and re-analyse).
        progress: Progress bar, or a callable ``progress(done, total)``.
        screen: Morris only: write a Sobol experiment for the K most influential factors.
        screen_samples: Base sample N of that Sobol experiment.
        svg: Also write SVG plots.

    Returns:
        The report.

    Raises:
        SensitivityError: On options that do not fit the experiment.
        BatchInterrupted: On Ctrl-C (finished runs are kept; resume later).
    """
    from simulator.batch.engine import run_experiment

    sp = spec if isinstance(spec, SensitivitySpec) else load_sensitivity(spec)
    exp = sp.experiment
    if screen is not None:
        if exp.kind != "morris":
            raise SensitivityError(f"--screen applies to Morris experiments ({exp.source} is a {exp.kind} design)")
        if not 2 <= screen <= len(exp.factors):
            raise SensitivityError(f"--screen {screen} is out of range: allowed 2 to {len(exp.factors)} (the factors)")
        check_samples("sobol", screen_samples, screen)
    if out is None:
        out = Path("results") / f"{exp.name}-{time.strftime('%Y%m%d-%H%M%S')}"
    out = Path(out)
    t0 = time.perf_counter()
    rep = run_experiment(exp, executor, workers=workers, scheduler=scheduler, out=out, resume=resume, progress=progress)
    t1 = time.perf_counter()
    if rep.failures:
        raise RunsFailed(out, rep.failures, " (the indices need every run)")
    result = analyze_batch(out, sp)
    extra = {}
    if screen is not None:
        keep = result.screen(screen)
        extra[SCREENED_FILE] = screened_experiment_text(sp, keep, samples=screen_samples)
        result.meta["screened"] = keep
    analysis = write_analysis(result, out / "analysis", svg=svg, extra=extra)
    screened = analysis / SCREENED_FILE if extra else None
    return SensitivityReport(
        out=out,
        analysis=analysis,
        result=result,
        runs=rep.total,
        executed=rep.executed,
        seconds_runs=t1 - t0,
        seconds_analysis=time.perf_counter() - t1,
        screened=screened,
    )
