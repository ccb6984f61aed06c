"""Pattern-oriented validation: run the patterns' variants, evaluate, report.

``validate`` builds one batch (a list design with the scenario under test and
every variant the patterns need, times N replicate seeds), runs it through the
batch engine (so it resumes and scales out), evaluates the patterns of
``simulator.analysis.patterns`` on the stored tables, and writes a report:
``validation.csv``, ``validation.md`` and one plot per pattern.

This module designs, runs and evaluates the batch; the report, the plots and the
TRACE document are written by :mod:`simulator.analysis.validation_report`, whose
public names are re-exported here.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from simulator.analysis.patterns import (
    PATTERNS,
    Pattern,
    PatternData,
    PatternResult,
    evaluate,
    label_variants,
    results_table,
    variants,
)
from simulator.analysis.validation_report import CHANGES, markdown, plot_pattern, trace_markdown, write_report
from simulator.batch.engine import run_experiment
from simulator.batch.experiment import Experiment
from simulator.outcomes import TABLES
from simulator.scenario import Scenario
from simulator.store import open_results

VALIDATION_SEED = 20080101


@dataclass
class Validation:
    """The outcome of ``validate``.

    Attributes:
        table: One row per pattern (see ``patterns.results_table``).
        results: The pattern results.
        data: The tables the patterns were evaluated on.
        out: The folder holding the batch and the report.
    """

    table: pd.DataFrame
    results: list[PatternResult]
    data: PatternData
    out: Path
    blocks: int = 1

    @property
    def passed(self) -> bool:
        """True when every pattern passed."""
        return bool(self.table["passed"].all())


def validation_experiment(sc: Scenario, seeds: int, patterns: tuple[Pattern, ...] = PATTERNS) -> Experiment:
    """The batch that validation runs: every variant the patterns need x ``seeds`` seeds.

    Args:
        sc: The scenario under test.
        seeds: Replicate seeds per variant (shared by all variants).
        patterns: The patterns to check.

    Returns:
        A list-design experiment; point i is the i-th variant of ``variants``.
    """
    vs = variants(sc, patterns)
    return Experiment(
        name=f"validate-{sc.name}",
        description=f"pattern validation of {sc.name}: {len(vs)} variants x {seeds} seeds",
        scenario=sc,
        kind="list",
        points=tuple(dict(v) for v in vs.values()),
        replicates=seeds,
        master_seed=VALIDATION_SEED,
        outputs=TABLES,
        source="plpbk validate",
    )


def load_data(out: Path, sc: Scenario, patterns: tuple[Pattern, ...] = PATTERNS) -> PatternData:
    """Read a validation batch's tables and label each run with its variant."""
    names = dict(enumerate(variants(sc, patterns)))
    res = open_results(out)
    return PatternData(
        scenario=sc,
        summary=label_variants(res.summary, names),
        timeseries=label_variants(res.timeseries, names),
        events=label_variants(res.events, names),
        wards=label_variants(res.wards, names),
    )


def validate(
    sc: Scenario,
    seeds: int = 50,
    *,
    executor: str | Executor = "processes",
    workers: int | None = None,
    scheduler: str | None = None,
    out: str | Path | None = None,
    resume: bool = False,
    progress: bool | Callable[[int, int], None] = True,
    patterns: tuple[Pattern, ...] = PATTERNS,
    blocks: int = 1,
) -> Validation:
    """Run and evaluate the patterns for a scenario, and write the report.

    With ``blocks`` > 1 the batch runs ``blocks`` disjoint blocks of ``seeds`` seeds;
    the verdict is the first block's, and the table gains ``blocks_passed``: in how
    many blocks each pattern held (robust margins: a pattern that passes only on
    lucky seeds shows up here).

    Args:
        sc: The scenario under test.
        seeds: Replicate seeds per variant (per block).
        executor: Batch executor (see ``run_experiment``).
        workers: Worker processes.
        scheduler: Address of a running Dask scheduler (with ``executor="dask"``).
        out: Output folder (default ``results/validate-<scenario>-<timestamp>``).
        resume: Finish an interrupted validation in ``out``.
        progress: Progress bar or callback.
        patterns: The patterns to check.
        blocks: Disjoint blocks of ``seeds`` seeds to run and count passes over.

    Returns:
        The validation table, results and data.
    """
    exp = validation_experiment(sc, seeds * blocks, patterns)
    out = Path(out) if out is not None else Path("results") / f"validate-{sc.name}-{time.strftime('%Y%m%d-%H%M%S')}"
    run_experiment(exp, executor, workers=workers, scheduler=scheduler, out=out, resume=resume, progress=progress)
    everything = load_data(out, sc, patterns)
    data = block(everything, 0, seeds)
    results = evaluate(data, patterns)
    table = results_table(results, patterns)
    if blocks > 1:
        passes = np.zeros(len(patterns), dtype=int)
        for b in range(blocks):
            passes += [bool(r.passed) for r in evaluate(block(everything, b, seeds), patterns)]
        table = table.assign(blocks_passed=passes, blocks=blocks)
    write_report(table, data, out, patterns, seeds)
    return Validation(table, results, data, out, blocks)


def block(data: PatternData, b: int, seeds: int) -> PatternData:
    """The tables of replicates ``b * seeds`` to ``(b + 1) * seeds - 1`` (one disjoint block of seeds)."""

    def part(df: pd.DataFrame) -> pd.DataFrame:
        if df.empty:
            return df
        r = df["replicate"]
        return df[(r >= b * seeds) & (r < (b + 1) * seeds)]

    return replace(
        data,
        summary=part(data.summary),
        timeseries=part(data.timeseries),
        events=part(data.events),
        wards=part(data.wards),
    )


__all__ = [
    "CHANGES",
    "VALIDATION_SEED",
    "Validation",
    "block",
    "load_data",
    "markdown",
    "plot_pattern",
    "trace_markdown",
    "validate",
    "validation_experiment",
    "write_report",
]
