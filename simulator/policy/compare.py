"""Paired comparison of policies against a baseline on common random numbers.

``compare`` runs the baseline scenario and the scenario with each policy applied
on the **same seeds** (one list-design batch through the batch engine, so every
design point shares replicate r's seed; the batch resumes and scales out), then
for every policy and outcome reports:

- the paired difference policy - baseline, seed by seed, its mean and a 95%
  percentile bootstrap interval over seeds (pairing removes the noise both runs
  share, so intervals are much narrower than those of two independent samples);
- the probability the policy beats the baseline: the share of paired seeds in
  which its outcome is higher (ties count half);
- its cost: the levers' public cost (``levers.X_cost``, Rp million per ward per
  year at size 1, times the lever's size, for every ward and every year the lever
  acts), in total and per ward per year, and the cost per additional sustained
  ward: extra cost / extra wards with a sustained programme in the final year,
  reported only when the effect's interval lies above zero.

With an ensemble (``ensemble=`` / ``--ensemble FILE``, the parameter sets a
calibration accepted, see :mod:`simulator.analysis.ensemble`) every option runs
on every set with the same seeds (point = set x options + option), the pairs are
(set, seed), and the means and shares pool over all set x seed pairs. The interval
is then a two-level bootstrap (:func:`ensemble_ci`): a parameter set drawn at
random, its seeds resampled, their mean taken. It is the range of the effect one
would measure across the accepted parameter sets, so it carries parameter
uncertainty as well as chance, and is wider than the interval of one set alone
when the sets disagree. (Resampling the pooled pairs instead would give the
standard error of the pooled mean, which narrows as sets are added.)

The module runs a comparison and writes its files. The statistics on plain tables
(:func:`paired_effects`, :func:`cost_table`, the outcomes) are in
:mod:`simulator.policy.effects`, the plots in :mod:`simulator.policy.compare_plots`,
the brief in :mod:`simulator.policy.brief_compare`; their names are re-exported here.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from simulator.analysis.ensemble import Ensemble, load_ensemble
from simulator.batch.engine import run_experiment
from simulator.batch.experiment import Experiment, check_points
from simulator.batch.limits import check_runs
from simulator.errors import RunsFailed
from simulator.i18n import check_lang
from simulator.policy.brief import write_brief
from simulator.policy.brief_compare import compare_brief
from simulator.policy.compare_plots import plot_effects, plot_horizons, plot_paths
from simulator.policy.effects import (
    BASELINE,
    BY_COLUMN,
    DEFAULT_SEEDS,
    N_BOOT,
    OUTCOME_COLUMNS,
    OUTCOMES,
    Outcome,
    active_years,
    bootstrap_ci,
    budget_table,
    cost_table,
    ensemble_ci,
    horizon_effects,
    paired_effects,
    paired_table,
    policy_start,
)
from simulator.policy.excel import write_comparison_excel
from simulator.policy.files import check_out, save_fig, write_text
from simulator.policy.ward_effects import write_ward_files
from simulator.scenario import Policy, Scenario, ScenarioError, check_policy_acts, load_policy, load_scenario
from simulator.store import OutputError, git_revision, now, open_results, versions, write_csv, write_json

COMPARE_SEED = 20130601


def resolve_policies(refs: Sequence[str | Path | Policy]) -> list[Policy]:
    """Load policy files or built-in names, checking that names are distinct.

    Args:
        refs: Policy file paths, built-in names or Policy objects.

    Returns:
        The policies, in order.

    Raises:
        ScenarioError: On a bad file, no policies, a duplicate name or the reserved name ``baseline``.
    """
    if not refs:
        raise ScenarioError("no policy given: name at least one policy file or built-in policy (see 'plpbk scenarios')")
    pols = [r if isinstance(r, Policy) else load_policy(r) for r in refs]
    seen: dict[str, str] = {}
    for p in pols:
        if p.name == BASELINE:
            raise ScenarioError(f"{p.source}: a policy may not be named 'baseline' (the name of the reference)")
        if p.name in seen:
            raise ScenarioError(f"{p.source}: policy name '{p.name}' is also used by {seen[p.name]}; names must differ")
        seen[p.name] = p.source
    return pols


def compare_experiment(
    sc: Scenario,
    policies: Sequence[Policy],
    seeds: int,
    master_seed: int = COMPARE_SEED,
    ensemble: Ensemble | None = None,
) -> Experiment:
    """The batch a comparison runs: the baseline and each policy x the same ``seeds`` seeds.

    Args:
        sc: The baseline scenario.
        policies: The policies; point i + 1 is policy i applied to ``sc``.
        seeds: Replicate seeds (shared by every point: common random numbers).
        master_seed: Seed the replicate seeds derive from.
        ensemble: Parameter sets to run every option on (point = set * options + option), or None.

    Returns:
        A list-design experiment; point 0 is the baseline (of set 0).
    """
    options: list[dict[str, Any]] = [{}, *(dict(p.levers) for p in policies)]
    sets: list[dict[str, Any]] = [{}] if ensemble is None else [dict(s) for s in ensemble.sets]
    points = [{**s, **o} for s in sets for o in options]
    over = "" if ensemble is None else f" x {ensemble.n} parameter sets"
    return Experiment(
        name=f"compare-{sc.name}",
        description=f"{sc.name}: baseline and {', '.join(p.name for p in policies)} on {seeds} shared seeds{over}",
        scenario=sc,
        kind="list",
        points=tuple(points),
        replicates=seeds,
        master_seed=master_seed,
        common_random_numbers=True,
        outputs=("timeseries", "summary", "wards"),
        source="plpbk compare",
    )


# --------------------------------------------------------------------------- running


@dataclass
class Comparison:
    """The outcome of :func:`compare`.

    Attributes:
        scenario: The baseline scenario.
        policies: The policies compared.
        seeds: Paired seeds.
        summary: One row per run with ``option`` (baseline or policy name).
        timeseries: One row per run and year with ``option``.
        effects: See :func:`paired_effects`.
        costs: See :func:`cost_table`.
        out: The output folder, or None when nothing was written.
        failures: Runs that raised (run_id, point, replicate, seed, error); the analysis uses the
            seeds every option completed.
        ensemble: The parameter sets every option ran on (tables then have a ``set`` column), or None.
        wards: One row per run and ward (final state) with ``option``, when the runs kept it.
        horizons: Effects 5 and 10 years after each policy starts and in the final year, see
            :func:`horizon_effects`.
        budget: Each policy's cost per calendar year and regency, see :func:`budget_table`.
    """

    scenario: Scenario
    policies: list[Policy]
    seeds: int
    summary: pd.DataFrame
    timeseries: pd.DataFrame
    effects: pd.DataFrame
    costs: pd.DataFrame
    out: Path | None = None
    failures: list[dict[str, Any]] = field(default_factory=list)
    ensemble: Ensemble | None = None
    wards: pd.DataFrame = field(default_factory=pd.DataFrame)
    horizons: pd.DataFrame = field(default_factory=pd.DataFrame)
    budget: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def options(self) -> list[str]:
        """The baseline and the policies' names, in order."""
        return [BASELINE, *(p.name for p in self.policies)]


def _label(df: pd.DataFrame, names: Sequence[str], ensemble: bool = False) -> pd.DataFrame:
    df = df.copy()
    k = len(names)
    df.insert(0, "option", [names[int(i) % k] for i in df["point"]])
    if ensemble:
        df.insert(1, "set", (df["point"].to_numpy(dtype=np.int64) // k) + 1)
    return df


def compare(
    scenario: str | Path | Scenario | None,
    policies: Sequence[str | Path | Policy],
    *,
    seeds: int = DEFAULT_SEEDS,
    years: int | None = None,
    master_seed: int = COMPARE_SEED,
    out: str | Path | None = None,
    executor: str | Executor = "processes",
    workers: int | None = None,
    scheduler: str | None = None,
    resume: bool = False,
    progress: bool | Callable[[int, int], None] = True,
    lang: str = "en",
    ensemble: str | Path | Ensemble | None = None,
) -> Comparison:
    """Compare policies against the baseline on paired seeds and write tables, plots and a brief.

    Args:
        scenario: Baseline scenario (file, preset name, Scenario, or None for ``baseline``).
        policies: Policy files, built-in names or Policy objects.
        seeds: Paired seeds (runs per option, or per option and parameter set with ``ensemble``).
        years: Years to simulate (default: the scenario's).
        master_seed: Seed the paired seeds derive from.
        out: Output folder (default ``results/compare-<scenario>-<timestamp>``).
        executor: Batch executor (``serial``, ``processes``, ``dask`` or an Executor).
        scheduler: Address of a running Dask scheduler (``tcp://host:port``), with ``executor="dask"``.
        workers: Worker processes.
        resume: Finish an interrupted comparison in ``out``.
        progress: Progress bar or callback.
        lang: Language of the brief: ``en`` or ``id``.
        ensemble: An ensemble file (or Ensemble) of calibrated parameter sets: every option runs on
            every set with the same seeds, and the effects pool over sets x seeds.

    Returns:
        The comparison.

    Raises:
        ScenarioError: On a bad scenario, policy or ensemble file.
        OutputError: When ``out`` holds something else or cannot be written.
    """
    if seeds < 2:
        raise ScenarioError(f"--seeds {seeds}: a paired comparison needs at least 2 seeds")
    check_lang(lang)
    sc, pols, ens, exp = _prepare(scenario, policies, seeds, years, master_seed, ensemble)
    out = Path(out) if out is not None else Path("results") / f"compare-{sc.name}-{time.strftime('%Y%m%d-%H%M%S')}"
    digest = exp.digest()
    check_out(out, "plpbk-compare", digest, resume)
    started = now()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(f"{out}: cannot create the output folder ({e.strerror or e})") from None
    manifest = _manifest(sc, pols, ens, exp, digest, lang, started)
    write_json(manifest, out / "manifest.json")
    batch = out / "batch"
    rep = run_experiment(
        exp, executor, workers=workers, scheduler=scheduler, out=batch, resume=batch.exists(), progress=progress
    )
    res = open_results(batch)
    names = [BASELINE, *(p.name for p in pols)]
    have = set() if res.summary.empty else {int(p) % len(names) for p in res.summary["point"]}  # see _label
    lost = [n for i, n in enumerate(names) if i not in have]
    if lost:  # an option with no successful run: nothing to pair
        manifest.update(status="failed", finished=now(), failed_runs=len(rep.failures))
        write_json(manifest, out / "manifest.json")
        raise RunsFailed(out, rep.failures, f" (no run of {lost[0]} succeeded, so nothing can be compared)")
    cmp = analyse(sc, pols, seeds, res.summary, res.timeseries, ens)
    cmp.out, cmp.failures = out, list(rep.failures)
    cmp.wards = res.wards if res.wards.empty else _label(res.wards, names, ens is not None)
    files = write_outputs(cmp, out, lang)
    # with failed runs the analysis is of the pairs that succeeded; "failed" lets --resume retry them
    status = "failed" if rep.failures else "complete"
    manifest.update(status=status, finished=now(), files=files, failed_runs=len(rep.failures))
    write_json(manifest, out / "manifest.json")
    return cmp


def _prepare(
    scenario: str | Path | Scenario | None,
    policies: Sequence[str | Path | Policy],
    seeds: int,
    years: int | None,
    master_seed: int,
    ensemble: str | Path | Ensemble | None,
) -> tuple[Scenario, list[Policy], Ensemble | None, Experiment]:
    """Load and check the scenario, policies and ensemble; build the batch (before any folder is made)."""
    sc = load_scenario(scenario)
    if years is not None:
        sc = sc.with_years(years)
    pols = resolve_policies(policies)
    for p in pols:
        check_policy_acts(sc, p)
    ens = load_ensemble(ensemble) if isinstance(ensemble, str | Path) else ensemble
    if ens is not None:
        for p in pols:
            ens.check(sc.with_values(dict(p.levers), origin=p.source))
    sets = 1 if ens is None else ens.n
    per_set = f" × {sets} parameter sets" if ens is not None else ""
    check_runs((len(pols) + 1) * sets * seeds, "", f"{len(pols) + 1} options{per_set} × --seeds {seeds:,}")
    exp = compare_experiment(sc, pols, seeds, master_seed, ens)
    check_points(exp, exp.design())  # before the output folder is made
    return sc, pols, ens, exp


def _manifest(
    sc: Scenario, pols: list[Policy], ens: Ensemble | None, exp: Experiment, digest: str, lang: str, started: str
) -> dict[str, Any]:
    """The comparison's manifest while it runs (status ``running``)."""
    return {
        "kind": "plpbk-compare",
        "digest": digest,
        "status": "running",
        "scenario": sc.to_dict(),
        "scenario_digest": sc.digest(),
        "policies": [
            {"name": p.name, "description": p.description, "source": p.source, "levers": dict(p.levers)} for p in pols
        ],
        "seeds": {
            "n": exp.replicates,
            "master_seed": exp.master_seed,
            "rule": "SeedSequence([master_seed, replicate])",
            "values": [exp.seed(0, r) for r in range(exp.replicates)],
        },
        "ensemble": None if ens is None else ens.manifest(),
        "batch": "batch",
        "lang": lang,
        "versions": versions(),
        "git_revision": git_revision(),
        "started": started,
    }


def analyse(
    sc: Scenario,
    pols: list[Policy],
    seeds: int,
    summary: pd.DataFrame,
    timeseries: pd.DataFrame,
    ens: Ensemble | None = None,
) -> Comparison:
    """The comparison of a finished batch's tables (no files written).

    Args:
        sc: The baseline scenario.
        pols: The policies, in the batch's order.
        seeds: Paired seeds.
        summary: The batch's summary table (``point`` numbers the options, per set).
        timeseries: The batch's time-series table.
        ens: The parameter sets every option ran on, or None.

    Returns:
        The comparison (``out`` None, no failures).
    """
    names = [BASELINE, *(p.name for p in pols)]
    summary = _label(summary, names, ens is not None)
    ts = _label(timeseries, names, ens is not None)
    effects = paired_effects(summary)
    costs = cost_table(
        summary,
        effects,
        wards=sc.n_wards,
        years=int(sc.values["time.years"]),
        active_years={p.name: active_years(p, sc) for p in pols},
    )
    last = int(sc.values["time.start_year"]) + int(sc.values["time.years"]) - 1
    horizons = horizon_effects(ts, {p.name: policy_start(p, sc) for p in pols}, last)
    budget = budget_table(sc, pols, regency_wards(sc))
    return Comparison(sc, pols, seeds, summary, ts, effects, costs, None, [], ens, horizons=horizons, budget=budget)


def regency_wards(sc: Scenario) -> dict[str, int]:
    """Wards per regency, in order, as the model assigns them (a model is built, not run)."""
    from collections import Counter

    from simulator.model.model import PartnershipModel

    return dict(Counter(PartnershipModel(sc, rng=0).ward_regency))


def write_outputs(cmp: Comparison, out: Path, lang: str = "en") -> list[str]:
    """Write the tables (effects, costs, paired), the plots and the brief of a comparison.

    Returns:
        The files written, relative to ``out``.
    """
    sc, pols = cmp.scenario, cmp.policies
    write_csv(cmp.effects, out / "effects.csv")
    write_csv(cmp.costs, out / "costs.csv")
    write_csv(cmp.horizons, out / "effects_horizons.csv")
    write_csv(cmp.budget, out / "budget.csv")
    write_csv(paired_table(cmp.summary), out / "paired.csv")
    (out / "plots").mkdir(exist_ok=True)
    files = ["effects.csv", "costs.csv", "effects_horizons.csv", "budget.csv", "paired.csv"]
    save_fig(plot_effects(cmp.effects, lang), out / "plots" / "effects.png", lang=lang)
    end = int(sc.values["time.start_year"]) + int(sc.values["time.years"]) - 1
    save_fig(plot_horizons(cmp.horizons, end, lang), out / "plots" / "horizons.png", lang=lang)
    files += ["plots/effects.png", "plots/horizons.png"]
    for p in pols:
        fig = plot_paths(cmp.timeseries, p.name, start=policy_start(p, sc), lang=lang)
        save_fig(fig, out / "plots" / f"paths-{p.name}.png", lang=lang)
        files.append(f"plots/paths-{p.name}.png")
    files += write_ward_files(cmp, out, lang)
    files += write_brief(compare_brief(cmp, lang), out)
    files += write_comparison_excel(cmp, out, lang)
    return files


__all__ = [
    "BASELINE",
    "BY_COLUMN",
    "COMPARE_SEED",
    "N_BOOT",
    "OUTCOMES",
    "OUTCOME_COLUMNS",
    "Comparison",
    "Outcome",
    "active_years",
    "analyse",
    "bootstrap_ci",
    "check_out",
    "compare",
    "compare_experiment",
    "cost_table",
    "ensemble_ci",
    "paired_effects",
    "paired_table",
    "plot_effects",
    "plot_paths",
    "policy_start",
    "resolve_policies",
    "save_fig",
    "write_outputs",
    "write_text",
]
