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

The analysis functions (:func:`paired_effects`, :func:`cost_table`) take plain
tables, so they work on any model's output (the tests use a toy model).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from simulator.analysis.ensemble import Ensemble, load_ensemble
from simulator.analysis.plots import COLOURS, draw_bands
from simulator.batch.engine import run_experiment
from simulator.batch.experiment import Experiment, check_points
from simulator.batch.limits import check_runs
from simulator.errors import RunsFailed
from simulator.policy.brief import check_lang, plot_text
from simulator.scenario import Policy, Scenario, ScenarioError, check_policy_acts, load_policy, load_scenario
from simulator.store import (
    OutputError,
    atomic_path,
    git_revision,
    now,
    open_results,
    read_json,
    versions,
    write_csv,
    write_json,
)

BASELINE = "baseline"
COMPARE_SEED = 20130601
N_BOOT = 4000


@dataclass(frozen=True)
class Outcome:
    """An outcome the comparison reports.

    Attributes:
        column: Summary column.
        label: Short label (English).
        unit: Unit (English).
        series: Time-series column for the time-path plot, or None.
        digits: Decimals when printed.
        scale: Factor applied when printed (e.g. 100 for percent).
    """

    column: str
    label: str
    unit: str
    series: str | None
    digits: int = 2
    scale: float = 1.0


OUTCOMES: tuple[Outcome, ...] = (
    Outcome("sustained_share_final", "sustained share", "% of wards, final year", "sustained_share", 1, 100.0),
    Outcome("partnerships_final", "partnerships alive", "count, final year", "partnerships_active", 1),
    Outcome("aid_total", "aid mobilised", "Rp million, all years and wards", "aid_total", 0),
    Outcome("mean_trust_final", "trust", "partners' mean trust in BKMs, 0-1, final year", "mean_trust_partner", 3),
)
"""The outcomes compared, in report order (the first decides cost-effectiveness)."""

BY_COLUMN = {o.column: o for o in OUTCOMES}
OUTCOME_COLUMNS = tuple(o.column for o in OUTCOMES)


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
        outputs=("timeseries", "summary"),
        source="plpbk compare",
    )


# --------------------------------------------------------------------------- statistics


def bootstrap_ci(x: np.ndarray, *, n_boot: int = N_BOOT, seed: int = 0, level: float = 0.95) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean of ``x``.

    Args:
        x: Values (e.g. paired differences, one per seed); NaNs are dropped.
        n_boot: Bootstrap resamples.
        seed: Seed of the resampling.
        level: Interval level.

    Returns:
        (low, high); NaN for an empty sample; (x, x) for a single value.
    """
    x = np.asarray(x, dtype=float)
    x = x[~np.isnan(x)]
    if len(x) == 0:
        return float("nan"), float("nan")
    rng = np.random.default_rng(seed)
    means = x[rng.integers(0, len(x), size=(n_boot, len(x)))].mean(axis=1)
    a = (1 - level) / 2 * 100
    return float(np.percentile(means, a)), float(np.percentile(means, 100 - a))


def ensemble_ci(
    x: np.ndarray, sets: np.ndarray, *, n_boot: int = N_BOOT, seed: int = 0, level: float = 0.95
) -> tuple[float, float]:
    """Two-level percentile bootstrap over parameter sets: the spread of the effect across sets.

    Each resample draws one parameter set at random (uniformly: every accepted set is
    equally plausible) and resamples that set's values (one per seed) with replacement;
    the interval holds the middle ``level`` of the resampled means. It reflects both how
    much the effect differs between accepted parameter sets and the seed noise within a set.

    Args:
        x: Values (e.g. paired differences), one per (set, seed); NaNs are dropped.
        sets: The parameter set of each value.
        n_boot: Bootstrap resamples.
        seed: Seed of the resampling.
        level: Interval level.

    Returns:
        (low, high); NaN for an empty sample.
    """
    x = np.asarray(x, dtype=float)
    sets = np.asarray(sets)
    ok = ~np.isnan(x)
    x, sets = x[ok], sets[ok]
    if len(x) == 0:
        return float("nan"), float("nan")
    groups = [x[sets == s] for s in dict.fromkeys(sets.tolist())]
    rng = np.random.default_rng(seed)
    pick = rng.integers(0, len(groups), n_boot)
    means = np.empty(n_boot)
    for i, g in enumerate(groups):
        rows = np.nonzero(pick == i)[0]
        if len(rows):
            means[rows] = g[rng.integers(0, len(g), size=(len(rows), len(g)))].mean(axis=1)
    a = (1 - level) / 2 * 100
    return float(np.percentile(means, a)), float(np.percentile(means, 100 - a))


def paired_effects(
    summary: pd.DataFrame,
    *,
    option: str = "option",
    baseline: str = BASELINE,
    outcomes: Sequence[str] = OUTCOME_COLUMNS,
    n_boot: int = N_BOOT,
    seed: int = 0,
) -> pd.DataFrame:
    """Paired differences of every option against the baseline, seed by seed.

    With a ``set`` column (an ensemble run), runs pair on (set, replicate): a policy's
    run is compared with the baseline's run of the same parameter set and seed; the
    means and shares pool over all set x seed pairs, and the interval is the two-level
    bootstrap of :func:`ensemble_ci` (the effect's spread across parameter sets).

    Args:
        summary: One row per run with columns ``option``, ``replicate`` (and ``set``) and the outcomes.
        option: Column naming the option (the baseline and the policies).
        baseline: The baseline option's name.
        outcomes: Outcome columns to compare.
        n_boot: Bootstrap resamples.
        seed: Seed of the resampling.

    Returns:
        One row per (policy, outcome): baseline, policy (means over pairs), diff
        (mean paired difference), ci_low, ci_high (95% bootstrap), p_better
        (share of pairs where the policy is higher, ties half), n (pairs).

    Raises:
        ValueError: When the baseline is missing or a policy's seeds do not match the baseline's.
    """
    if baseline not in set(summary[option]):
        raise ValueError(f"no '{baseline}' runs in the table")
    keys = ["set", "replicate"] if "set" in summary.columns else ["replicate"]
    base = summary[summary[option] == baseline].set_index(keys).sort_index()
    rows = []
    for name in dict.fromkeys(summary[option]):
        if name == baseline:
            continue
        pol = summary[summary[option] == name].set_index(keys).sort_index()
        common = base.index.intersection(pol.index)
        if len(common) == 0:
            raise ValueError(f"policy {name!r} shares no replicate seeds with the baseline")
        if "seed" in pol and not np.array_equal(base.loc[common, "seed"], pol.loc[common, "seed"]):
            raise ValueError(f"policy {name!r} did not run on the baseline's seeds")
        for k, col in enumerate(outcomes):
            b = base.loc[common, col].to_numpy(dtype=float)
            p = pol.loc[common, col].to_numpy(dtype=float)
            d = p - b
            ok = ~np.isnan(d)
            if "set" in keys:
                lo, hi = ensemble_ci(d, common.get_level_values("set").to_numpy(), n_boot=n_boot, seed=seed + k)
            else:
                lo, hi = bootstrap_ci(d, n_boot=n_boot, seed=seed + k)
            better = float(((d[ok] > 0).sum() + 0.5 * (d[ok] == 0).sum()) / ok.sum()) if ok.any() else math.nan
            rows.append(
                {
                    "policy": name,
                    "outcome": col,
                    "baseline": float(np.nanmean(b)),
                    "policy_mean": float(np.nanmean(p)),
                    "diff": float(np.nanmean(d)) if ok.any() else math.nan,
                    "ci_low": lo,
                    "ci_high": hi,
                    "p_better": better,
                    "n": int(ok.sum()),
                }
            )
    return pd.DataFrame(rows)


def cost_table(
    summary: pd.DataFrame,
    effects: pd.DataFrame,
    *,
    wards: int,
    years: int,
    option: str = "option",
    baseline: str = BASELINE,
    outcome: str = "sustained_share_final",
    active_years: Mapping[str, int] | None = None,
) -> pd.DataFrame:
    """Cost and cost-effectiveness of each policy.

    Args:
        summary: One row per run with ``option`` and ``lever_cost_total`` (Rp million, all wards, all years).
        effects: The output of :func:`paired_effects`.
        wards: Wards simulated.
        years: Years simulated.
        option: Column naming the option.
        baseline: The baseline option's name.
        outcome: Share outcome (0-1) whose gain times ``wards`` counts additional sustained wards.
        active_years: Years each policy acts within the horizon (default: all ``years``); the cost per
            ward per year is averaged over these years.

    Returns:
        One row per policy: cost_total and extra_cost (Rp million over the horizon, all wards),
        active_years, cost_per_ward_year (Rp million per ward per year while it acts),
        extra_wards (mean, ci_low, ci_high),
        cost_per_extra_ward (Rp million, NaN when undefined) with its range, and ``note``
        saying why it is undefined.
    """
    base_cost = float(summary.loc[summary[option] == baseline, "lever_cost_total"].mean())
    rows = []
    for name, eff in effects[effects["outcome"] == outcome].set_index("policy").iterrows():
        cost = float(summary.loc[summary[option] == name, "lever_cost_total"].mean())
        extra = cost - base_cost
        act = int((active_years or {}).get(str(name), years))
        w, lo, hi = (float(eff[k]) * wards for k in ("diff", "ci_low", "ci_high"))
        per, per_lo, per_hi, note = math.nan, math.nan, math.nan, ""
        if not lo > 0:
            note = "undefined: no sure gain (the interval of extra sustained wards reaches zero or below)"
        elif extra <= 0:
            note = "no extra cost"
        else:
            per, per_lo, per_hi = extra / w, extra / hi, extra / lo
        rows.append(
            {
                "policy": str(name),
                "cost_total": cost,
                "extra_cost": extra,
                "active_years": act,
                "cost_per_ward_year": cost / (wards * act) if act else 0.0,
                "extra_wards": w,
                "extra_wards_low": lo,
                "extra_wards_high": hi,
                "cost_per_extra_ward": per,
                "cost_per_extra_ward_low": per_lo,
                "cost_per_extra_ward_high": per_hi,
                "note": note,
            }
        )
    return pd.DataFrame(rows)


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


def check_out(out: Path, kind: str, digest: str, resume: bool) -> None:
    """Refuse an output folder that holds something else; allow resuming the same job.

    Args:
        out: The folder.
        kind: Manifest kind of this job (``plpbk-compare``, ``plpbk-whatif``).
        digest: Digest of what determines the results.
        resume: True to finish the job already in the folder.

    Raises:
        OutputError: When the folder holds other files, another job, or this job without ``resume``.
    """
    man = out / "manifest.json"
    if man.exists():
        old = read_json(man)
        if old.get("kind") != kind or old.get("digest") != digest:
            raise OutputError(
                f"{out}: holds other results ({old.get('kind')}, digest {old.get('digest')}); choose another --out"
            )
        what = {"plpbk-compare": "comparison", "plpbk-whatif": "what-if"}.get(kind, kind)
        if not resume and old.get("status") == "complete":
            raise OutputError(
                f"{out}: already holds this {what}; choose another --out, or add --resume to redo only the analysis"
            )
        if not resume:
            raise OutputError(f"{out}: holds an unfinished run of this {what}; add --resume to finish it")
        return
    if out.exists() and (not out.is_dir() or any(p for p in out.iterdir() if not p.name.startswith("."))):
        raise OutputError(f"{out}: output folder exists and is not empty; choose another --out")


def write_text(path: Path, text: str) -> None:
    """Write a text file atomically (temporary file, then rename)."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def save_fig(fig: Figure, path: Path, dpi: int = 110) -> None:
    """Save a figure atomically (:func:`simulator.store.atomic_path`) and close it."""
    try:
        with atomic_path(path) as tmp:
            fig.savefig(tmp, dpi=dpi)
    finally:
        plt.close(fig)


def compare(
    scenario: str | Path | Scenario | None,
    policies: Sequence[str | Path | Policy],
    *,
    seeds: int = 20,
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
    from simulator.policy.brief import compare_brief, write_brief

    if seeds < 2:
        raise ScenarioError(f"--seeds {seeds}: a paired comparison needs at least 2 seeds")
    check_lang(lang)
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
    out = Path(out) if out is not None else Path("results") / f"compare-{sc.name}-{time.strftime('%Y%m%d-%H%M%S')}"
    digest = exp.digest()
    check_out(out, "plpbk-compare", digest, resume)
    started = now()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(f"{out}: cannot create the output folder ({e.strerror or e})") from None
    manifest: dict[str, Any] = {
        "kind": "plpbk-compare",
        "digest": digest,
        "status": "running",
        "scenario": sc.to_dict(),
        "scenario_digest": sc.digest(),
        "policies": [
            {"name": p.name, "description": p.description, "source": p.source, "levers": dict(p.levers)} for p in pols
        ],
        "seeds": {
            "n": seeds,
            "master_seed": master_seed,
            "rule": "SeedSequence([master_seed, replicate])",
            "values": [exp.seed(0, r) for r in range(seeds)],
        },
        "ensemble": None if ens is None else ens.manifest(),
        "batch": "batch",
        "lang": lang,
        "versions": versions(),
        "git_revision": git_revision(),
        "started": started,
    }
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
    summary = _label(res.summary, names, ens is not None)
    ts = _label(res.timeseries, names, ens is not None)
    effects = paired_effects(summary)
    costs = cost_table(
        summary,
        effects,
        wards=sc.n_wards,
        years=int(sc.values["time.years"]),
        active_years={p.name: active_years(p, sc) for p in pols},
    )
    cmp = Comparison(sc, pols, seeds, summary, ts, effects, costs, out, list(rep.failures), ens)
    write_csv(effects, out / "effects.csv")
    write_csv(costs, out / "costs.csv")
    write_csv(paired_table(summary), out / "paired.csv")
    (out / "plots").mkdir(exist_ok=True)
    files = ["effects.csv", "costs.csv", "paired.csv"]
    save_fig(plot_effects(effects, lang), out / "plots" / "effects.png")
    files.append("plots/effects.png")
    for p in pols:
        fig = plot_paths(ts, p.name, start=policy_start(p, sc), lang=lang)
        save_fig(fig, out / "plots" / f"paths-{p.name}.png")
        files.append(f"plots/paths-{p.name}.png")
    files += write_brief(compare_brief(cmp, lang), out)
    # with failed runs the analysis is of the pairs that succeeded; "failed" lets --resume retry them
    status = "failed" if rep.failures else "complete"
    manifest.update(status=status, finished=now(), files=files, failed_runs=len(rep.failures))
    write_json(manifest, out / "manifest.json")
    return cmp


def paired_table(summary: pd.DataFrame) -> pd.DataFrame:
    """One row per (option, [set,] replicate) with the seed and the outcomes (the raw pairs)."""
    keys = ["option", "set", "replicate"] if "set" in summary.columns else ["option", "replicate"]
    cols = [*keys, "seed", *(o.column for o in OUTCOMES), "lever_cost_total"]
    return summary[cols].sort_values(keys, kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- plots


def policy_start(policy: Policy, sc: Scenario) -> int | None:
    """First year any of the policy's levers acts (None when it switches none on)."""
    from simulator.params import LEVERS

    vals = {**sc.values, **policy.levers}
    years = [int(vals[f"levers.{lv}_start"]) for lv in LEVERS if float(vals[f"levers.{lv}"]) > 0]
    return min(years) if years else None


def active_years(policy: Policy, sc: Scenario) -> int:
    """Years of the scenario's horizon in which the policy acts (from its first lever's start year)."""
    start = policy_start(policy, sc)
    first = int(sc.values["time.start_year"])
    last = first + int(sc.values["time.years"]) - 1
    return 0 if start is None else max(0, last - max(start, first) + 1)


def plot_paths(
    ts: pd.DataFrame, policy: str, baseline: str = BASELINE, start: int | None = None, lang: str = "en"
) -> Figure:
    """Time paths of the baseline and one policy (mean and 5-95% band over paired seeds).

    Args:
        ts: Time-series table with ``option``.
        policy: The policy's name.
        baseline: The baseline's name.
        start: First year the policy acts (drawn as a dotted line), or None.
        lang: Language of the labels (``en`` or ``id``).

    Returns:
        A figure with one panel per outcome (2 x 2).
    """
    shown = [o for o in OUTCOMES if o.series is not None]
    fig, axes2 = plt.subplots(2, 2, figsize=(10, 6.6))
    axes = axes2.ravel()
    keys = ["set", "replicate"] if "set" in ts.columns else ["replicate"]
    n = len(ts[ts["option"] == baseline][keys].drop_duplicates())
    for ax, o in zip(axes, shown, strict=True):
        assert o.series is not None
        for i, name in enumerate((baseline, policy)):
            d = ts[ts["option"] == name]
            if o.scale != 1.0:
                d = d.assign(**{o.series: d[o.series] * o.scale})
            draw_bands(ax, d, [o.series], [name], styles=["--" if i == 0 else "-"], colours=[1 if i == 0 else 0])
        ax.set_ylabel(plot_text(lang, f"y_{o.series}"), fontsize=9)
        ax.set_title(plot_text(lang, f"t_{o.series}"), fontsize=10)
        ax.set_xlabel(plot_text(lang, "year"))
        if o.series == "sustained_share":
            ax.set_ylim(0, 102)
        elif o.series != "mean_trust_partner":
            ax.set_ylim(bottom=0)
        if start is not None:
            ax.axvline(start, color="grey", ls=":", lw=1.2, label=plot_text(lang, "starts"))
        ax.tick_params(labelsize=8)
    axes[0].legend(fontsize=8, loc="lower left")
    fig.suptitle(plot_text(lang, "paths", policy=policy, baseline=baseline, n=n), fontsize=11)
    fig.tight_layout()
    return fig


def plot_effects(effects: pd.DataFrame, lang: str = "en") -> Figure:
    """Paired effect of each policy on each outcome with its 95% bootstrap interval.

    Args:
        effects: The output of :func:`paired_effects`.
        lang: Language of the labels (``en`` or ``id``).

    Returns:
        A figure with one panel per outcome (policies as rows).
    """
    outs = list(dict.fromkeys(effects["outcome"]))
    pols = list(dict.fromkeys(effects["policy"]))
    fig, axes = plt.subplots(1, len(outs), figsize=(3.6 * len(outs), 1.4 + 0.5 * len(pols)), sharey=True)
    axes = np.atleast_1d(axes)
    for ax, col in zip(axes, outs, strict=True):
        o = BY_COLUMN.get(col, Outcome(col, col, "", None))
        e = effects[effects["outcome"] == col].set_index("policy").reindex(pols)
        y = np.arange(len(pols))[::-1]
        s = o.scale
        err = np.vstack([(e["diff"] - e["ci_low"]) * s, (e["ci_high"] - e["diff"]) * s])
        colours = [
            COLOURS[0] if lo > 0 else COLOURS[1] if hi < 0 else "#888888"
            for lo, hi in zip(e["ci_low"], e["ci_high"], strict=True)
        ]
        for k in range(len(pols)):
            ax.errorbar(
                e["diff"].iloc[k] * s,
                y[k],
                xerr=err[:, k : k + 1],
                fmt="o",
                color=colours[k],
                elinewidth=2,
                capsize=3,
                markersize=5,
            )
        ax.axvline(0, color="black", lw=0.8)
        title = plot_text(lang, f"e_{col}") if col in BY_COLUMN else f"{o.label}\n({o.unit.split(',')[0]})"
        ax.set_title(title, fontsize=9)
        ax.grid(axis="x", alpha=0.3)
        ax.tick_params(labelsize=8)
    axes[0].set_yticks(np.arange(len(pols))[::-1], pols)
    axes[0].set_ylim(-0.6, len(pols) - 0.4)
    fig.suptitle(plot_text(lang, "effects"), fontsize=10)
    fig.tight_layout()
    return fig


__all__ = [
    "BASELINE",
    "OUTCOMES",
    "Comparison",
    "Outcome",
    "bootstrap_ci",
    "compare",
    "compare_experiment",
    "cost_table",
    "paired_effects",
    "plot_effects",
    "plot_paths",
    "resolve_policies",
]
