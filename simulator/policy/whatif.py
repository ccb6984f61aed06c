"""Policy what-if under deep uncertainty: robustness, regret, rank stability and where policies fail.

A what-if experiment file (``experiments/whatif-*.toml``)::

    [whatif]
    name = "whatif-efforts"
    description = "The study's efforts on two sites"
    scenarios = ["pekalongan", "kendal"]      # presets or paths relative to this file
    policies = ["marketing-push", "all-efforts"]
    years = 20            # optional (default: each scenario's)
    futures = 64          # Latin hypercube points over [uncertainty]
    seeds = 5             # paired seeds per future (the same in every future and option)
    master_seed = 2013

    [threshold]           # the satisficing target a policy should meet
    outcome = "sustained_share_final"
    at_least = 0.5

    [prim]                # optional scenario-discovery settings
    alpha = 0.1           # share peeled per step
    min_support = 0.1     # smallest box, share of futures
    min_coverage = 0.5    # smallest coverage of the box reported
    density_slack = 0.05  # prefer a box restricting fewer parameters if its density is this close

    [uncertainty]         # what the policy cannot control (no levers)
    "bkm.managing_body" = { low = 0.3, high = 0.8 }
    "firms.responsiveness" = { low = 0.15, high = 0.6 }

Every option (the baseline and each policy) runs in every future on the same
seeds (common random numbers), so options differ only by their levers. For each
scenario, one list-design batch (options x futures, the same seeds) runs through
the batch engine into ``batches/<scenario>/``, so an interrupted what-if resumes.

Per scenario and option the analysis reports (outcome = the threshold's outcome,
averaged over a future's seeds):

- **satisficing robustness**: the share of futures in which the option meets
  the threshold;
- **regret**: in each future, the best option's outcome minus this option's
  (0 for the best); mean, 90th percentile and maximum over futures; and **regret
  within budget**, counting cost: the best outcome among options that cost no more;
- **packages**: options that contain another option's levers (at equal or larger
  size), flagged, with the counts of best and most robust also among the others;
- **horizons**: robustness 5 and 10 years after the policies start and in the final
  year (the batch keeps the time series);
- **rank stability**: Kendall's coefficient of concordance W of the options'
  ranks across futures (1 = the same order in every future), and the share of
  futures in which the option with the best mean is also best;
- **where it fails**: a PRIM box (:mod:`simulator.policy.prim`) over the
  uncertain parameters describing the futures in which it misses the threshold,
  with coverage and density.

With an ensemble (``ensemble=`` / ``--ensemble FILE``: the parameter sets a
calibration accepted, see :mod:`simulator.analysis.ensemble`) every option runs
in every future on every set with the same seeds (point = (option * futures +
future) * sets + set), and a future's outcome is the mean over sets x seeds, so
robustness and regret carry parameter uncertainty. An ensemble may not set a
parameter the what-if file varies in [uncertainty] (the future decides it).

The module runs a what-if and writes its files. The file and its futures are in
:mod:`simulator.policy.whatif_spec`, the analysis on plain tables in
:mod:`simulator.policy.whatif_analysis`, the plots in :mod:`simulator.policy.whatif_plots`
and the brief in :mod:`simulator.policy.brief_whatif`; their names are re-exported here.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Executor
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd

from simulator.analysis.ensemble import Ensemble
from simulator.batch.engine import run_experiment
from simulator.batch.experiment import check_points
from simulator.errors import RunsFailed
from simulator.i18n import check_lang
from simulator.policy.brief import write_brief
from simulator.policy.brief_whatif import whatif_brief
from simulator.policy.files import check_out, save_fig
from simulator.policy.whatif_analysis import (
    ScenarioWhatIf,
    WhatIf,
    analyse,
    boxes_table,
    discover,
    future_outcomes,
    kendall_w,
    robustness,
    series_column,
)
from simulator.policy.whatif_plots import plot_failures, plot_regret, plot_robustness
from simulator.policy.whatif_spec import (
    FLAGS,
    THRESHOLD_OUTCOMES,
    WhatIfSpec,
    load_whatif,
    whatif_from_dict,
    with_ensemble,
)
from simulator.store import OutputError, git_revision, now, open_results, versions, write_csv, write_json


def whatif(
    spec: WhatIfSpec | str | Path,
    *,
    out: str | Path | None = None,
    executor: str | Executor = "processes",
    workers: int | None = None,
    scheduler: str | None = None,
    resume: bool = False,
    progress: bool | Callable[[int, int], None] = True,
    lang: str = "en",
    threshold: float | None = None,
    announce: Callable[[str], None] | None = None,
    ensemble: str | Path | Ensemble | None = None,
) -> WhatIf:
    """Run a what-if experiment and write tables, plots and a policy brief.

    Args:
        spec: A WhatIfSpec or the path of a what-if file.
        out: Output folder (default ``results/<name>-<timestamp>``).
        executor: Batch executor.
        scheduler: Address of a running Dask scheduler (``tcp://host:port``), with ``executor="dask"``.
        workers: Worker processes.
        resume: Finish an interrupted what-if in ``out`` (or re-analyse a finished one, e.g. with
            another threshold or language).
        progress: Progress bar or callback.
        lang: Language of the brief: ``en`` or ``id``.
        threshold: Override the file's satisficing threshold.
        announce: Called with one line before each scenario's batch (e.g. ``print``).
        ensemble: An ensemble file (or Ensemble) of calibrated parameter sets: every option runs in every
            future on every set (same seeds); it may not set a parameter the what-if varies.

    Returns:
        The results.

    Raises:
        ExperimentError: On a bad file.
        EnsembleError: On a bad ensemble, or one that sets a parameter the what-if varies.
        OutputError: When ``out`` holds something else or cannot be written.
    """
    check_lang(lang)
    if not isinstance(spec, WhatIfSpec):
        spec = load_whatif(spec)
    if threshold is not None:
        spec = replace(spec, threshold=float(threshold))
    spec = with_ensemble(spec, ensemble)
    spec.check_size()
    exps = {sc.name: spec.experiment(sc) for sc in spec.scenarios}
    for exp in exps.values():  # a future the scenario refuses would fail every run: refuse it now
        check_points(exp, exp.design())
    out = Path(out) if out is not None else Path("results") / f"{spec.name}-{time.strftime('%Y%m%d-%H%M%S')}"
    check_out(out, "plpbk-whatif", spec.digest(), resume)
    try:
        (out / "batches").mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(f"{out}: cannot create the output folder ({e.strerror or e})") from None
    manifest: dict[str, Any] = {
        "kind": "plpbk-whatif",
        "digest": spec.digest(),
        "status": "running",
        "whatif": spec.to_dict(),
        "source": spec.source,
        "threshold": {"outcome": spec.outcome, "at_least": spec.threshold},
        "prim": {
            "alpha": spec.alpha,
            "min_support": spec.min_support,
            "min_coverage": spec.min_coverage,
            "density_slack": spec.density_slack,
        },
        "ensemble": None if spec.ensemble is None else spec.ensemble.manifest(),
        "batches": {sc.name: f"batches/{sc.name}" for sc in spec.scenarios},
        "lang": lang,
        "versions": versions(),
        "git_revision": git_revision(),
        "started": now(),
    }
    write_json(manifest, out / "manifest.json")
    summaries, series = {}, {}
    failures: list[dict[str, Any]] = []
    col = series_column(spec.outcome)
    for sc in spec.scenarios:
        exp = exps[sc.name]
        b = out / "batches" / sc.name
        if b.exists() and "timeseries" not in _batch_outputs(b):  # a folder from before the series was kept
            exp = replace(exp, outputs=("summary",))
        if announce is not None:
            n = len(exp.points) * exp.replicates
            sets = "" if spec.ensemble is None else f" x {spec.sets} parameter sets"
            announce(
                f"  {sc.name}: {len(spec.options)} options x {spec.futures} futures{sets} x {spec.seeds} seeds "
                f"= {n} runs"
            )
        rep = run_experiment(
            exp, executor, workers=workers, scheduler=scheduler, out=b, resume=b.exists(), progress=progress
        )
        failures += [{"scenario": sc.name, **f} for f in rep.failures]
        res = open_results(b)
        summaries[sc.name] = res.summary
        if col is not None and "timeseries" in exp.outputs:
            series[sc.name] = res.columns("timeseries", ["point", "replicate", "year", col])
    missing = _missing_options(spec, summaries)
    if missing:  # an option with no run left in some scenario: nothing to compare
        manifest.update(status="failed", finished=now(), failed_runs=len(failures))
        write_json(manifest, out / "manifest.json")
        raise RunsFailed(out, failures, f" (no run of {missing} succeeded, so the what-if cannot be analysed)")
    wi = analyse(spec, summaries, series)
    wi.out = out
    wi.failures = failures
    files = write_tables(wi, out)
    files += write_plots(wi, out, lang)
    files += write_brief(whatif_brief(wi, lang), out)
    # with failed runs the analysis is of the runs that succeeded; "failed" lets --resume retry them
    status = "failed" if failures else "complete"
    manifest.update(status=status, finished=now(), files=files, failed_runs=len(failures))
    write_json(manifest, out / "manifest.json")
    return wi


def _batch_outputs(b: Path) -> list[str]:
    """The tables a batch folder keeps, from its manifest ([] when it has none yet)."""
    try:
        return list(json.loads((b / "manifest.json").read_text()).get("outputs", []))
    except (OSError, ValueError):
        return []


def _missing_options(spec: WhatIfSpec, summaries: Mapping[str, pd.DataFrame]) -> str:
    """The first (scenario, option) without a single successful run, in words, or ""."""
    k = spec.sets * spec.futures
    for sc, summ in summaries.items():
        have = set() if summ.empty else {int(p) // k for p in summ["point"]}
        for i, option in enumerate(spec.options):
            if i not in have:
                return f"{option} on {sc}"
    return ""


def write_tables(wi: WhatIf, out: Path) -> list[str]:
    """Write futures.csv, outcomes.csv, robustness.csv, stability.csv, boxes.csv and horizons.csv."""
    write_csv(wi.futures, out / "futures.csv")
    outc = pd.concat([r.outcomes.assign(scenario=n) for n, r in wi.results.items()], ignore_index=True)
    write_csv(outc[["scenario", *[c for c in outc.columns if c != "scenario"]]], out / "outcomes.csv")
    rob = pd.concat([r.robustness.assign(scenario=n) for n, r in wi.results.items()], ignore_index=True)
    rob["threshold"] = wi.spec.threshold
    rob["outcome"] = wi.spec.outcome
    write_csv(rob[["scenario", *[c for c in rob.columns if c != "scenario"]]], out / "robustness.csv")
    stab = pd.DataFrame([{"scenario": n, **r.stability} for n, r in wi.results.items()])
    write_csv(stab, out / "stability.csv")
    write_csv(pd.concat([r.boxes for r in wi.results.values()], ignore_index=True), out / "boxes.csv")
    hz = pd.concat([r.horizons.assign(scenario=n) for n, r in wi.results.items()], ignore_index=True)
    write_csv(hz[["scenario", *[c for c in hz.columns if c != "scenario"]]], out / "horizons.csv")
    return ["futures.csv", "outcomes.csv", "robustness.csv", "stability.csv", "boxes.csv", "horizons.csv"]


def write_plots(wi: WhatIf, out: Path, lang: str = "en") -> list[str]:
    """Write plots/robustness.png, plots/regret.png and plots/failures-<scenario>.png."""
    (out / "plots").mkdir(exist_ok=True)
    save_fig(plot_robustness(wi, lang), out / "plots" / "robustness.png", lang=lang)
    save_fig(plot_regret(wi, lang), out / "plots" / "regret.png", lang=lang)
    files = ["plots/robustness.png", "plots/regret.png"]
    for name in wi.results:
        save_fig(plot_failures(wi, name, lang), out / "plots" / f"failures-{name}.png", lang=lang)
        files.append(f"plots/failures-{name}.png")
    return files


__all__ = [
    "FLAGS",
    "THRESHOLD_OUTCOMES",
    "ScenarioWhatIf",
    "WhatIf",
    "WhatIfSpec",
    "analyse",
    "boxes_table",
    "discover",
    "future_outcomes",
    "kendall_w",
    "load_whatif",
    "plot_failures",
    "plot_regret",
    "plot_robustness",
    "robustness",
    "whatif",
    "whatif_from_dict",
    "with_ensemble",
    "write_plots",
    "write_tables",
]
