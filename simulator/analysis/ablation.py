"""Ablation: which structures and mechanisms carry the model's results.

``ablate`` runs a scenario as it is (the baseline) and under each variant of
:data:`VARIANTS` — every structural alternative of the ``[structure]`` table and
every mechanism switched off — on the **same seeds** (one list-design batch
through the batch engine with common random numbers: replicate r uses one seed
in every variant), then reports for each variant and each outcome of
:data:`OUTCOMES` the paired difference variant - baseline, seed by seed: its
mean and a 95% percentile bootstrap interval over seeds (fixed bootstrap seed;
pairs with a missing value are dropped). An effect is *distinguishable* when its
interval excludes 0.

The folder it writes holds ``ablation.csv``, ``ablation.png``, ``ablation.md``,
``manifest.json`` and the batch store in ``batch/``. The runs stream into
``batch/`` (resumable); the three report files are written into a temporary
folder and renamed into place, and the manifest turns ``complete`` last.

This module designs and runs the batch, computes the paired effects and writes the
files. The variants and outcomes are defined in :mod:`simulator.analysis.ablation_spec`,
the report's words and figure are in :mod:`simulator.analysis.ablation_report`; their
public names are re-exported here.

Heavy modules (the batch engine, matplotlib, the policy comparison) are imported
inside the functions, so ``plpbk --help`` and ``import simulator`` stay fast.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import sys
import time
import warnings
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from simulator.analysis.ablation_report import describe_effect, plot_ablation, report_markdown
from simulator.analysis.ablation_spec import (
    ABLATION_SEED,
    BASELINE,
    BOOT_SEED,
    BY_COLUMN,
    BY_NAME,
    COLUMNS,
    FILES,
    KIND,
    KINDS,
    OUTCOME_COLUMNS,
    OUTCOMES,
    VARIANTS,
    Outcome,
    Variant,
    skip_reason,
)
from simulator.scenario import Scenario, ScenarioError, load_scenario

if TYPE_CHECKING:
    from simulator.batch.experiment import Experiment


# --------------------------------------------------------------------------- design


def split_variants(sc: Scenario, variants: Sequence[Variant] = VARIANTS) -> tuple[list[Variant], list[Variant]]:
    """Variants that change the scenario, and those it already is (skipped).

    Args:
        sc: The scenario ablated (policies and ``--set`` values applied).
        variants: Candidate variants.

    Returns:
        (variants to run, variants skipped because every override equals the scenario's value).
    """
    run: list[Variant] = []
    skipped: list[Variant] = []
    for v in variants:
        same = all(_same(sc.values[k], x) for k, x in v.overrides.items())
        (skipped if same else run).append(v)
    return run, skipped


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return str(a) == str(b)
    return bool(float(a) == float(b))


def ablation_experiment(
    sc: Scenario, variants: Sequence[Variant], seeds: int, master_seed: int = ABLATION_SEED
) -> Experiment:
    """The batch an ablation runs: the baseline and each variant x the same ``seeds`` seeds.

    Args:
        sc: The scenario ablated.
        variants: The variants run; point i + 1 is variant i.
        seeds: Replicate seeds (shared by every point: common random numbers).
        master_seed: Seed the replicate seeds derive from.

    Returns:
        A list-design experiment; point 0 is the baseline (no overrides).
    """
    from simulator.batch.experiment import Experiment

    return Experiment(
        name=f"ablate-{sc.name}",
        description=f"{sc.name}: baseline and {len(variants)} ablation variants on {seeds} shared seeds",
        scenario=sc,
        kind="list",
        points=({}, *(dict(v.overrides) for v in variants)),
        replicates=seeds,
        master_seed=master_seed,
        common_random_numbers=True,
        outputs=("timeseries", "summary"),
        source="plpbk ablate",
    )


# --------------------------------------------------------------------------- statistics


def ablation_effects(
    summary: pd.DataFrame,
    *,
    option: str = "option",
    baseline: str = BASELINE,
    outcomes: Sequence[str] = OUTCOME_COLUMNS,
    seed: int = BOOT_SEED,
) -> pd.DataFrame:
    """Paired effects of every variant on every outcome (the rows of ``ablation.csv``).

    Uses :func:`simulator.policy.compare.paired_effects` (pairs by replicate, checks the
    seeds match, drops pairs with a missing value, percentile bootstrap).

    Args:
        summary: One row per run with columns ``option``, ``replicate``, ``seed`` and the outcomes.
        option: Column naming the variant (``baseline`` for the baseline runs).
        baseline: The baseline's name.
        outcomes: Outcome columns.
        seed: Seed of the bootstrap resampling.

    Returns:
        One row per (variant, outcome) in the order of first appearance: the :data:`COLUMNS`
        (baseline and value are means over seeds, effect the mean paired difference, low and
        high its 95% interval), then ``relative`` (effect / baseline), ``distinguishable``
        (interval excludes 0), ``identical`` (every pair equal) and ``n`` (pairs used).
    """
    from simulator.policy.compare import paired_effects

    extra = ("relative", "distinguishable", "identical", "n")
    if not (summary[option] != baseline).any():
        return pd.DataFrame(columns=[*COLUMNS, *extra])
    with warnings.catch_warnings():  # an outcome missing in every run of one side gives NaN, quietly
        warnings.simplefilter("ignore", RuntimeWarning)
        e = paired_effects(summary, option=option, baseline=baseline, outcomes=outcomes, seed=seed)
    e = e.rename(
        columns={"policy": "variant", "policy_mean": "value", "diff": "effect", "ci_low": "low", "ci_high": "high"}
    )
    base = summary[summary[option] == baseline].set_index("replicate")
    identical = []
    for _, r in e.iterrows():
        var = summary[summary[option] == r["variant"]].set_index("replicate")
        common = base.index.intersection(var.index)
        b = base.loc[common, r["outcome"]].to_numpy(dtype=float)
        v = var.loc[common, r["outcome"]].to_numpy(dtype=float)
        identical.append(bool(len(common)) and bool(np.array_equal(b, v, equal_nan=True)))
    e["relative"] = [
        x / b if b and not math.isnan(b) else math.nan for x, b in zip(e["effect"], e["baseline"], strict=True)
    ]
    e["distinguishable"] = (e["low"] > 0) | (e["high"] < 0)
    e["identical"] = identical
    return e[[*COLUMNS, *extra]].reset_index(drop=True)


# --------------------------------------------------------------------------- running


@dataclass
class Ablation:
    """The outcome of :func:`ablate`.

    Attributes:
        scenario: The scenario ablated.
        seeds: Paired seeds per variant.
        variants: The variants run.
        skipped: Variants skipped because the scenario already is that variant.
        summary: One row per run with ``option`` (``baseline`` or the variant's name).
        table: The effects (see :func:`ablation_effects`); also ``ablation.csv``.
        markdown: The plain-words report (``ablation.md``).
        out: The output folder.
        failures: Runs that raised (run_id, point, replicate, seed, error); the analysis uses
            the seeds both sides of each pair completed.
    """

    scenario: Scenario
    seeds: int
    variants: list[Variant]
    skipped: list[Variant]
    summary: pd.DataFrame
    table: pd.DataFrame
    markdown: str
    out: Path
    failures: list[dict[str, Any]] = field(default_factory=list)

    @property
    def years(self) -> int:
        """Years simulated."""
        return int(self.scenario.values["time.years"])


def default_out(sc: Scenario) -> Path:
    """``results/ablation-<scenario>-<timestamp>``."""
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", sc.name)
    return Path("results") / f"ablation-{slug}-{time.strftime('%Y%m%d-%H%M%S')}"


def resolve_scenario(
    scenario: str | Path | Scenario | None,
    *,
    years: int | None = None,
    overrides: Mapping[str, Any] | None = None,
    policies: Sequence[str | Path] = (),
) -> Scenario:
    """The scenario ablated: loaded, policies applied, then ``overrides``, then ``years``."""
    sc = load_scenario(scenario, policies=policies, overrides=overrides)
    return sc.with_years(years) if years is not None else sc


def ablate(
    scenario: str | Path | Scenario | None,
    *,
    seeds: int = 20,
    years: int | None = None,
    overrides: Mapping[str, Any] | None = None,
    policies: Sequence[str | Path] = (),
    out: str | Path | None = None,
    executor: str | Executor = "serial",
    workers: int | None = None,
    scheduler: str | None = None,
    resume: bool = False,
    master_seed: int = ABLATION_SEED,
    progress: bool | Callable[[int, int], None] = False,
) -> Ablation:
    """Run the scenario under every structural alternative and with every mechanism off, on paired seeds.

    Args:
        scenario: Scenario file, preset name, Scenario, or None for ``baseline``.
        seeds: Paired seeds (runs per variant and for the baseline); at least 2.
        years: Years to simulate (default: the scenario's).
        overrides: Parameter values applied to the scenario, so to every variant (as ``--set``).
        policies: Policy files or built-in names applied to the scenario, so to every variant.
        out: Output folder (default ``results/ablation-<scenario>-<timestamp>``); must not exist
            or be empty, unless ``resume``.
        executor: Batch executor: ``serial``, ``processes``, ``dask`` or an Executor.
        workers: Worker processes.
        scheduler: Address of a running Dask scheduler, with ``executor="dask"``.
        resume: Finish an interrupted ablation in ``out``, or redo the report of a finished one.
        master_seed: Seed the paired seeds derive from.
        progress: Progress bar, or a callback ``progress(done, total)``.

    Returns:
        The ablation (effects table, report text, output folder).

    Raises:
        ScenarioError: On a bad scenario, policy, value or seed count.
        OutputError: When ``out`` holds something else or cannot be written.
    """
    from simulator.batch.engine import run_experiment
    from simulator.policy.compare import check_out
    from simulator.store import OutputError, git_revision, now, open_results, versions, write_json

    if seeds < 2:
        raise ScenarioError(f"--seeds {seeds}: a paired ablation needs at least 2 seeds")
    sc = resolve_scenario(scenario, years=years, overrides=overrides, policies=policies)
    todo, skipped = split_variants(sc)
    exp = ablation_experiment(sc, todo, seeds, master_seed)
    out = Path(out) if out is not None else default_out(sc)
    digest = exp.digest()
    try:
        check_out(out, KIND, digest, resume)
    except OutputError as e:  # compare's check names unknown jobs by their kind; say "ablation"
        raise OutputError(str(e).replace(f"this {KIND}", "this ablation")) from None
    started = now()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(f"{out}: cannot create the output folder ({e.strerror or e})") from None
    manifest: dict[str, Any] = {
        "kind": KIND,
        "digest": digest,
        "status": "running",
        "scenario": sc.to_dict(),
        "scenario_digest": sc.digest(),
        "variants": [
            {
                "name": v.name,
                "kind": v.kind,
                "description": v.description,
                "overrides": dict(v.overrides),
                "point": i + 1,
            }
            for i, v in enumerate(todo)
        ],
        "skipped": [{"name": v.name, "overrides": dict(v.overrides), "why": skip_reason(v)} for v in skipped],
        "outcomes": list(OUTCOME_COLUMNS),
        "seeds": {
            "n": seeds,
            "master_seed": master_seed,
            "rule": "SeedSequence([master_seed, replicate])",
            "values": [exp.seed(0, r) for r in range(seeds)],
        },
        "bootstrap": {"level": 0.95, "seed": BOOT_SEED, "method": "percentile, over paired seeds"},
        "batch": "batch",
        "versions": versions(),
        "git_revision": git_revision(),
        "command": ["plpbk", *sys.argv[1:]] if sys.argv and sys.argv[0].endswith("plpbk") else None,
        "started": started,
    }
    write_json(manifest, out / "manifest.json")
    batch = out / "batch"
    rep = run_experiment(
        exp, executor, workers=workers, scheduler=scheduler, out=batch, resume=batch.exists(), progress=progress
    )
    names = [BASELINE, *(v.name for v in todo)]
    summary = open_results(batch).summary
    summary.insert(0, "option", [names[int(i)] for i in summary["point"]])
    table = ablation_effects(summary)
    abl = Ablation(sc, seeds, list(todo), list(skipped), summary, table, "", out, list(rep.failures))
    abl.markdown = report_markdown(abl)
    write_report(abl)
    manifest.update(status="complete", finished=now(), files=list(FILES), failed_runs=len(rep.failures))
    write_json(manifest, out / "manifest.json")
    return abl


def write_report(abl: Ablation) -> None:
    """Write ``ablation.csv``, ``ablation.png`` and ``ablation.md`` into ``abl.out``.

    The files are written into a temporary folder beside them and renamed into place, so an
    interrupted report never leaves a half-written file.
    """
    from simulator.policy.compare import save_fig

    tmp = abl.out / f".report.partial-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        abl.table.to_csv(tmp / "ablation.csv", index=False)
        save_fig(plot_ablation(abl), tmp / "ablation.png", dpi=110)
        (tmp / "ablation.md").write_text(abl.markdown, encoding="utf-8")
        for name in FILES:
            os.replace(tmp / name, abl.out / name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


__all__ = [
    "ABLATION_SEED",
    "BASELINE",
    "BOOT_SEED",
    "BY_COLUMN",
    "BY_NAME",
    "COLUMNS",
    "FILES",
    "KIND",
    "KINDS",
    "OUTCOMES",
    "OUTCOME_COLUMNS",
    "VARIANTS",
    "Ablation",
    "Outcome",
    "Variant",
    "ablate",
    "ablation_effects",
    "ablation_experiment",
    "default_out",
    "describe_effect",
    "plot_ablation",
    "report_markdown",
    "resolve_scenario",
    "skip_reason",
    "split_variants",
    "write_report",
]
