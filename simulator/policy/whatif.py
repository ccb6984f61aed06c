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
  (0 for the best); mean, 90th percentile and maximum over futures;
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
"""

from __future__ import annotations

import hashlib
import json
import math
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Executor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from simulator.analysis.ensemble import Ensemble, EnsembleError, load_ensemble
from simulator.analysis.plots import COLOURS
from simulator.batch.engine import run_experiment
from simulator.batch.experiment import Experiment, ExperimentError, Factor, _factor, check_points, load_toml_spec
from simulator.batch.limits import check_runs
from simulator.errors import RunsFailed
from simulator.policy.brief import check_lang, num, pct, plot_text
from simulator.policy.compare import (
    BASELINE,
    BY_COLUMN,
    active_years,
    check_out,
    resolve_policies,
    save_fig,
)
from simulator.policy.prim import PrimResult, prim
from simulator.scenario import Policy, Scenario, ScenarioError, check_policy_acts, load_scenario
from simulator.spec import Table
from simulator.store import OutputError, git_revision, now, open_results, versions, write_csv, write_json

THRESHOLD_OUTCOMES = (
    "sustained_share_final",
    "sustained_share_mean",
    "partnerships_final",
    "partnerships_mean",
    "aid_total",
    "aid_per_ward",
    "mean_trust_final",
)
"""Summary columns a threshold may name (higher is better for every one)."""

FLAGS = {"futures": "--futures", "seeds": "--seeds", "years": "--years"}
"""The ``plpbk whatif`` flags that replace entries of the file's [whatif] table."""
_KEYS = {
    "whatif": ("name", "description", "scenarios", "policies", "years", "futures", "seeds", "master_seed"),
    "threshold": ("outcome", "at_least"),
    "prim": ("alpha", "min_support", "min_coverage", "density_slack"),
}


@dataclass(frozen=True)
class WhatIfSpec:
    """A resolved, validated what-if experiment.

    Attributes:
        name: Short name.
        description: One-line description.
        scenarios: The scenarios (baseline of each comparison).
        policies: The policies compared with the baseline.
        factors: The uncertain parameters (Latin hypercube).
        futures: Latin hypercube points.
        seeds: Paired seeds per future.
        master_seed: Seed of the design and of the run seeds.
        outcome: Summary column the threshold applies to.
        threshold: The satisficing target: outcome >= threshold.
        alpha: PRIM peeling share.
        min_support: PRIM smallest box (share of futures).
        min_coverage: PRIM smallest coverage of the chosen box.
        density_slack: PRIM: boxes this close to the best density count as equally dense (simpler wins).
        source: The file it came from.
        ensemble: Calibrated parameter sets every option and future runs on, or None.
    """

    name: str
    description: str
    scenarios: tuple[Scenario, ...]
    policies: tuple[Policy, ...]
    factors: tuple[Factor, ...]
    futures: int = 64
    seeds: int = 5
    master_seed: int = 0
    outcome: str = "sustained_share_final"
    threshold: float = 0.5
    alpha: float = 0.1
    min_support: float = 0.1
    min_coverage: float = 0.5
    density_slack: float = 0.05
    source: str = ""
    ensemble: Ensemble | None = None

    @property
    def sets(self) -> int:
        """Parameter sets per (option, future): the ensemble's size, or 1."""
        return 1 if self.ensemble is None else self.ensemble.n

    @property
    def options(self) -> list[str]:
        """The baseline and the policies' names."""
        return [BASELINE, *(p.name for p in self.policies)]

    @property
    def n_runs(self) -> int:
        """Runs of the whole what-if: scenarios × options × futures × parameter sets × seeds."""
        return len(self.scenarios) * len(self.options) * self.futures * self.sets * self.seeds

    def check_size(self) -> None:
        """Refuse a what-if above the run cap in force (``simulator.batch.limits``), before building it.

        Raises:
            SizeError: Above the cap.
        """
        sets = f" × {self.sets} parameter sets" if self.sets > 1 else ""
        check_runs(
            self.n_runs,
            self.source or self.name,
            f"{len(self.scenarios)} scenarios × {len(self.options)} options × {self.futures:,} futures{sets} "
            f"× {self.seeds} seeds",
        )

    def design(self) -> pd.DataFrame:
        """The futures: a Latin hypercube over the uncertain parameters (column ``future`` + one per factor)."""
        d = _lhs(self).design().rename(columns={"point": "future"})
        return d

    def experiment(self, sc: Scenario) -> Experiment:
        """The batch of one scenario: option-major list design.

        Point = option * futures + future, or with an ensemble (option * futures + future) * sets + set.
        """
        futures = self.design()
        fvals = [{f.name: _py(futures.at[i, f.name]) for f in self.factors} for i in range(len(futures))]
        sets: list[dict[str, Any]] = [{}] if self.ensemble is None else [dict(x) for x in self.ensemble.sets]
        points = []
        for pol in (None, *self.policies):
            levers = dict(pol.levers) if pol is not None else {}
            points += [{**sv, **fv, **levers} for fv in fvals for sv in sets]
        return Experiment(
            name=f"{self.name}-{sc.name}",
            description=f"what-if {self.name} on {sc.name}: {len(self.options)} options x {self.futures} futures",
            scenario=sc,
            kind="list",
            points=tuple(points),
            replicates=self.seeds,
            master_seed=self.master_seed,
            common_random_numbers=True,
            outputs=("summary",),
            source=self.source,
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form of everything that determines the results."""
        return {
            "name": self.name,
            "scenarios": [s.digest() for s in self.scenarios],
            "scenario_names": [s.name for s in self.scenarios],
            "policies": [{"name": p.name, "levers": dict(p.levers)} for p in self.policies],
            "factors": [f.to_dict() for f in self.factors],
            "futures": self.futures,
            "seeds": self.seeds,
            "master_seed": self.master_seed,
            "ensemble": None if self.ensemble is None else [dict(x) for x in self.ensemble.sets],
        }

    def digest(self) -> str:
        """Hash of what determines the runs (the threshold and PRIM settings only change the analysis)."""
        return hashlib.sha256(json.dumps(self.to_dict(), sort_keys=True, default=str).encode()).hexdigest()[:16]


def with_ensemble(spec: WhatIfSpec, ensemble: str | Path | Ensemble | None) -> WhatIfSpec:
    """The what-if run over an ensemble of calibrated parameter sets.

    Args:
        spec: The what-if.
        ensemble: An ensemble file or Ensemble (None: ``spec`` unchanged).

    Returns:
        The what-if with the ensemble.

    Raises:
        EnsembleError: On a bad ensemble file, an ensemble that sets a parameter the what-if varies
            in [uncertainty], or a set that does not fit a scenario.
    """
    if ensemble is None:
        return spec
    ens = load_ensemble(ensemble) if isinstance(ensemble, str | Path) else ensemble
    varied = [f.name for f in spec.factors if f.name in ens.parameters]
    if varied:
        raise EnsembleError(
            f"{ens.path}: sets '{varied[0]}', which {spec.source or spec.name} varies in [uncertainty]; an ensemble "
            "may not override the what-if's own uncertain factors (drop it from one of the two files)"
        )
    for sc in spec.scenarios:
        ens.check(sc)
    return replace(spec, ensemble=ens)


def _py(v: Any) -> Any:
    return v.item() if isinstance(v, np.generic) else v


def _lhs(spec: WhatIfSpec) -> Experiment:
    return Experiment(
        name=spec.name,
        description="",
        scenario=spec.scenarios[0],
        kind="lhs",
        factors=spec.factors,
        samples=spec.futures,
        master_seed=spec.master_seed,
    )


def load_whatif(path: str | Path, **changes: Any) -> WhatIfSpec:
    """Load and validate a what-if experiment file (see the module docstring).

    Args:
        path: The TOML file.
        **changes: Values replacing the file's: ``futures``, ``seeds``, ``threshold``, ``years``.

    Returns:
        The what-if experiment.

    Raises:
        ExperimentError: On any problem, naming the file, key, value and what is allowed.
    """
    return load_toml_spec(path, whatif_from_dict, **changes)


def whatif_from_dict(data: Mapping[str, Any], path: Path, **changes: Any) -> WhatIfSpec:
    """Build a what-if experiment from parsed TOML (see :func:`load_whatif`).

    ``changes`` (futures, seeds, years, threshold) are the command line's values; errors in
    them name the flag (``--seeds``), errors in the file name the file and key.
    """
    where = str(path)
    root = Table.root(data, where, ExperimentError)
    root.check_keys([*_KEYS, "uncertainty"], what="table")
    w = root.table("whatif", required=True, hint=" (scenarios, policies, futures, seeds)")
    th, pr, unc = root.table("threshold"), root.table("prim"), root.table("uncertainty")
    for t in (w, th, pr):
        t.check_keys(_KEYS[t.name])
    w = w.with_flags({k: changes.get(k) for k in ("futures", "seeds", "years")}, FLAGS)
    th = th.with_flags({"at_least": changes.get("threshold")}, {"at_least": "--threshold"})

    name, desc = w.text("name", path.stem), w.text("description", "")
    base = path.parent
    years = w.whole("years", None, 1, 200) if "years" in w else None
    scenarios = []
    for ref in w.texts("scenarios", nonempty=True, example='["kendal"]'):
        p = base / ref
        try:
            sc = load_scenario(p if p.is_file() else ref)
        except ScenarioError as e:
            raise ExperimentError(f"{where}: whatif.scenarios: {e}") from None
        scenarios.append(sc.with_years(years, origin=f"{where}: whatif.years") if years is not None else sc)
    if len({s.name for s in scenarios}) < len(scenarios):
        w.fail("whatif.scenarios has two scenarios with the same name")
    refs = w.texts("policies", nonempty=True, example='["marketing-push"]')
    try:
        pols = resolve_policies([str(base / r) if (base / r).is_file() else r for r in refs])
    except ScenarioError as e:
        raise ExperimentError(f"{where}: whatif.policies: {e}") from None
    try:
        for sc in scenarios:
            for pol in pols:
                check_policy_acts(sc, pol)
    except ScenarioError as e:
        raise ExperimentError(f"{where}: whatif.policies on {sc.name}: {e}") from None
    if not unc.keys():
        root.fail("add an [uncertainty] table naming the parameters the policies cannot control")
    try:
        factors = tuple(_factor(n, spec, "lhs", where) for n, spec in unc.data.items())
    except ScenarioError as e:
        raise ExperimentError(str(e).replace("design.factors", "uncertainty")) from None
    for f in factors:
        if f.param.role == "lever" or f.name.startswith("time."):
            unc.fail(
                f"uncertainty.{f.name}: {f.param.role} parameters are not uncertainties "
                "(name enablers, obstacles or mechanisms the policies cannot control)"
            )
    outcome = th.text("outcome", "sustained_share_final", THRESHOLD_OUTCOMES)
    share = outcome.startswith("sustained_share")
    return WhatIfSpec(
        name=name,
        description=desc,
        scenarios=tuple(scenarios),
        policies=tuple(pols),
        factors=factors,
        futures=w.whole("futures", 64, 4, 100_000),
        seeds=w.whole("seeds", 5, 1, 10_000),
        master_seed=w.whole("master_seed", 0, 0, 2**63 - 1),
        outcome=outcome,
        threshold=th.number("at_least", 0.5, 0.0, 1.0 if share else 1e9),
        alpha=pr.number("alpha", 0.1, 0.01, 0.5),
        min_support=pr.number("min_support", 0.1, 0.01, 0.9),
        min_coverage=pr.number("min_coverage", 0.5, 0.0, 1.0),
        density_slack=pr.number("density_slack", 0.05, 0.0, 1.0),
        source=where,
    )


# --------------------------------------------------------------------------- analysis


def future_outcomes(summary: pd.DataFrame, spec: WhatIfSpec) -> pd.DataFrame:
    """Mean over seeds (and ensemble sets) of each (option, future) of a scenario's batch summary.

    Args:
        summary: The batch's summary table (``point``, ``replicate``, outcomes).
        spec: The what-if.

    Returns:
        One row per option and future: option, future, the outcome means, lever_cost_total, seeds
        (the runs averaged: seeds, or sets x seeds with an ensemble).
    """
    df = summary.copy()
    k = spec.sets
    df["option"] = [spec.options[int(p) // (spec.futures * k)] for p in df["point"]]
    df["future"] = (df["point"] // k) % spec.futures
    cols = list(dict.fromkeys([spec.outcome, *BY_COLUMN, "lever_cost_total"]))
    g = df.groupby(["option", "future"], sort=False)[cols]
    out = g.mean().reset_index()
    out["seeds"] = g.size().to_numpy()
    order = {o: i for i, o in enumerate(spec.options)}
    return out.sort_values(["option", "future"], key=lambda s: s.map(order) if s.name == "option" else s).reset_index(
        drop=True
    )


def kendall_w(ranks: np.ndarray) -> float:
    """Kendall's coefficient of concordance of rankings (rows: raters, columns: items), with tie correction.

    Args:
        ranks: Rank of each item by each rater (average ranks for ties).

    Returns:
        W in [0, 1]: 1 when every rater gives the same order; NaN for fewer than 2 items or raters.
    """
    m, n = ranks.shape
    if m < 2 or n < 2:
        return math.nan
    r = ranks.sum(axis=0)
    s = float(((r - r.mean()) ** 2).sum())
    ties = 0.0
    for row in ranks:
        _, counts = np.unique(row, return_counts=True)
        ties += float((counts**3 - counts).sum())
    denom = m**2 * (n**3 - n) - m * ties
    return 12 * s / denom if denom > 0 else math.nan


def robustness(
    fo: pd.DataFrame, spec: WhatIfSpec, outcome: str | None = None, threshold: float | None = None
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Satisficing robustness, regret and ranks of every option across futures.

    Args:
        fo: :func:`future_outcomes` of one scenario.
        spec: The what-if.
        outcome: Outcome column (default: the spec's).
        threshold: Satisficing target (default: the spec's).

    Returns:
        (table, stability): one row per option (meets_share, futures_met, mean, p10, regret_mean,
        regret_p90, regret_max, best_share, mean_rank, cost_total, cost_per_ward_year) and a dict
        with kendall_w, winner (best mean), winner_share (share of futures it is best).
    """
    outcome = outcome or spec.outcome
    threshold = spec.threshold if threshold is None else threshold
    wide = fo.pivot(index="future", columns="option", values=outcome)[spec.options]
    vals = wide.to_numpy(dtype=float)
    best = np.nanmax(vals, axis=1, keepdims=True)
    regret = best - vals
    ranks = pd.DataFrame(-vals).rank(axis=1, method="average").to_numpy()
    is_best = np.isclose(vals, best)
    cost = fo.groupby("option")["lever_cost_total"].mean()
    rows = []
    for j, o in enumerate(spec.options):
        meets = vals[:, j] >= threshold - 1e-12
        rows.append(
            {
                "option": o,
                "meets_share": float(meets.mean()),
                "futures_met": int(meets.sum()),
                "futures": len(meets),
                "mean": float(np.nanmean(vals[:, j])),
                "p10": float(np.nanpercentile(vals[:, j], 10)),
                "regret_mean": float(regret[:, j].mean()),
                "regret_p90": float(np.percentile(regret[:, j], 90)),
                "regret_max": float(regret[:, j].max()),
                "best_share": float(is_best[:, j].mean()),
                "mean_rank": float(ranks[:, j].mean()),
                "cost_total": float(cost.get(o, 0.0)),
            }
        )
    table = pd.DataFrame(rows)
    winner = str(table["option"].iloc[int(np.argmax(table["mean"].to_numpy()))])
    stab = {
        "kendall_w": kendall_w(ranks),
        "winner": winner,
        "winner_share": float(is_best[:, spec.options.index(winner)].mean()),
        "most_robust": str(
            table.sort_values(["meets_share", "regret_mean"], ascending=[False, True]).iloc[0]["option"]
        ),
    }
    return table, stab


def discover(
    fo: pd.DataFrame, futures: pd.DataFrame, spec: WhatIfSpec, threshold: float | None = None
) -> dict[str, PrimResult | None]:
    """PRIM over the uncertain parameters for the futures in which each option misses the threshold.

    Args:
        fo: :func:`future_outcomes` of one scenario.
        futures: The futures table (``future`` + factor columns).
        spec: The what-if.
        threshold: Satisficing target (default: the spec's).

    Returns:
        Option -> PRIM result, or None when the option never or always misses (no box to find).
    """
    threshold = spec.threshold if threshold is None else threshold
    x = futures.set_index("future")[[f.name for f in spec.factors]].astype(float)
    out: dict[str, PrimResult | None] = {}
    for o in spec.options:
        v = fo[fo["option"] == o].set_index("future")[spec.outcome].reindex(x.index)
        miss = (v < threshold - 1e-12).to_numpy()
        if miss.all() or not miss.any():
            out[o] = None
            continue
        out[o] = prim(
            x,
            miss,
            alpha=spec.alpha,
            min_support=spec.min_support,
            min_coverage=spec.min_coverage,
            density_slack=spec.density_slack,
        )
    return out


def boxes_table(scenario: str, found: dict[str, PrimResult | None], fo: pd.DataFrame, spec: WhatIfSpec) -> pd.DataFrame:
    """One row per option: misses, the chosen box in words and as limits, coverage, density, support."""
    rows = []
    for o, r in found.items():
        n_miss = int((fo[fo["option"] == o][spec.outcome] < spec.threshold - 1e-12).sum())
        row: dict[str, Any] = {"scenario": scenario, "option": o, "futures_missed": n_miss, "futures": spec.futures}
        if r is None:
            row.update(box="", restricted="", coverage=math.nan, density=math.nan, support=math.nan, limits="")
        else:
            b = r.chosen_box
            lim = {k: list(v) for k, v in b.cuts().items()}
            row.update(
                box=b.describe(),
                restricted=", ".join(b.restricted),
                coverage=b.coverage,
                density=b.density,
                support=b.support,
                limits=json.dumps(lim),
            )
        rows.append(row)
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- running


@dataclass
class ScenarioWhatIf:
    """The what-if results of one scenario.

    Attributes:
        scenario: The scenario.
        outcomes: :func:`future_outcomes`.
        robustness: The robustness table of :func:`robustness`.
        stability: Rank stability (kendall_w, winner, winner_share, most_robust).
        prim: Option -> PRIM result (None: never or always misses).
        boxes: :func:`boxes_table`.
    """

    scenario: Scenario
    outcomes: pd.DataFrame
    robustness: pd.DataFrame
    stability: dict[str, Any]
    prim: dict[str, PrimResult | None]
    boxes: pd.DataFrame


@dataclass
class WhatIf:
    """The outcome of :func:`whatif`.

    Attributes:
        spec: The experiment.
        futures: The futures (Latin hypercube) table.
        results: Scenario name -> its results.
        out: The output folder, or None.
        failures: Runs that raised (scenario, run_id, point, replicate, seed, error); the analysis
            averages each future over the seeds that completed.
    """

    spec: WhatIfSpec
    futures: pd.DataFrame
    results: dict[str, ScenarioWhatIf] = field(default_factory=dict)
    out: Path | None = None
    failures: list[dict[str, Any]] = field(default_factory=list)


def analyse(spec: WhatIfSpec, summaries: Mapping[str, pd.DataFrame]) -> WhatIf:
    """Analyse the batch summaries of every scenario (no files written).

    Args:
        spec: The what-if.
        summaries: Scenario name -> its batch summary table.

    Returns:
        The what-if results.
    """
    futures = spec.design()
    wi = WhatIf(spec, futures)
    for sc in spec.scenarios:
        fo = future_outcomes(summaries[sc.name], spec)
        rob, stab = robustness(fo, spec)
        act = {BASELINE: 0, **{p.name: active_years(p, sc) for p in spec.policies}}
        rob["active_years"] = rob["option"].map(act)
        rob["cost_per_ward_year"] = [
            c / (sc.n_wards * a) if a else 0.0 for c, a in zip(rob["cost_total"], rob["active_years"], strict=True)
        ]
        found = discover(fo, futures, spec)
        wi.results[sc.name] = ScenarioWhatIf(sc, fo, rob, stab, found, boxes_table(sc.name, found, fo, spec))
    return wi


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
    from simulator.policy.brief import whatif_brief, write_brief

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
    summaries = {}
    failures: list[dict[str, Any]] = []
    for sc in spec.scenarios:
        exp = exps[sc.name]
        b = out / "batches" / sc.name
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
        summaries[sc.name] = open_results(b).summary
    missing = _missing_options(spec, summaries)
    if missing:  # an option with no run left in some scenario: nothing to compare
        manifest.update(status="failed", finished=now(), failed_runs=len(failures))
        write_json(manifest, out / "manifest.json")
        raise RunsFailed(out, failures, f" (no run of {missing} succeeded, so the what-if cannot be analysed)")
    wi = analyse(spec, summaries)
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
    """Write futures.csv, outcomes.csv, robustness.csv, stability.csv and boxes.csv."""
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
    return ["futures.csv", "outcomes.csv", "robustness.csv", "stability.csv", "boxes.csv"]


def write_plots(wi: WhatIf, out: Path, lang: str = "en") -> list[str]:
    """Write plots/robustness.png, plots/regret.png and plots/failures-<scenario>.png."""
    (out / "plots").mkdir(exist_ok=True)
    save_fig(plot_robustness(wi, lang), out / "plots" / "robustness.png")
    save_fig(plot_regret(wi, lang), out / "plots" / "regret.png")
    files = ["plots/robustness.png", "plots/regret.png"]
    for name in wi.results:
        save_fig(plot_failures(wi, name, lang), out / "plots" / f"failures-{name}.png")
        files.append(f"plots/failures-{name}.png")
    return files


# --------------------------------------------------------------------------- plots


def _outcome_label(spec: WhatIfSpec, lang: str = "en") -> tuple[str, float]:
    o = BY_COLUMN.get(spec.outcome)
    if spec.outcome.startswith("sustained_share"):
        return plot_text(lang, "share_label"), 100.0
    return (f"{o.label} ({o.unit})" if o else spec.outcome), 1.0


def _threshold_text(spec: WhatIfSpec, lang: str = "en") -> str:
    if spec.outcome.startswith("sustained_share"):
        return plot_text(lang, "target_share", x=f"{spec.threshold * 100:g}")
    label, _ = _outcome_label(spec, lang)
    return f"{label} >= {spec.threshold:g}"


def _param_label(name: str, lang: str = "en") -> str:
    from simulator.params import BY_NAME
    from simulator.policy.brief import PARAM_LABELS

    p = BY_NAME.get(name)
    unit = f", {p.unit}" if p is not None and p.unit not in ("-", "") else ""
    label = PARAM_LABELS.get(lang, PARAM_LABELS["en"]).get(name)
    return f"{name}\n({label}{unit})" if label else name


def plot_robustness(wi: WhatIf, lang: str = "en") -> Figure:
    """Headline figure: share of futures in which each option meets the threshold, per scenario, with cost."""
    spec = wi.spec
    n = len(wi.results)
    fig, axes = plt.subplots(1, n, figsize=(5.2 * n, 0.9 + 0.55 * len(spec.options)), sharey=True, squeeze=False)
    y = np.arange(len(spec.options))[::-1]
    for ax, (name, r) in zip(axes[0], wi.results.items(), strict=True):
        t = r.robustness.set_index("option").reindex(spec.options)
        colours = [COLOURS[1] if o == BASELINE else COLOURS[0] for o in spec.options]
        ax.barh(y, t["meets_share"] * 100, color=colours, height=0.6)
        for yi, (_, row) in zip(y, t.iterrows(), strict=True):
            cpw = float(row["cost_per_ward_year"])
            cost = plot_text(lang, "no_cost") if cpw == 0 else plot_text(lang, "cost", x=num(cpw, 1, lang))
            txt = f"{row['meets_share'] * 100:.0f}%  ({cost})"
            inside = row["meets_share"] > 0.55
            ax.text(
                row["meets_share"] * 100 + (-2 if inside else 2),
                yi,
                txt,
                va="center",
                ha="right" if inside else "left",
                fontsize=8,
                color="white" if inside else "black",
            )
        ax.set_xlim(0, 100)
        ax.set_title(plot_text(lang, "wards", name=name, n=r.scenario.n_wards), fontsize=10)
        ax.set_xlabel(plot_text(lang, "met_axis"), fontsize=9)
        ax.grid(axis="x", alpha=0.3)
        ax.tick_params(labelsize=8)
    axes[0][0].set_yticks(y, spec.options)
    fig.suptitle(
        plot_text(lang, "robust", target=_threshold_text(spec, lang), futures=spec.futures, seeds=spec.seeds),
        fontsize=10,
    )
    fig.tight_layout()
    return fig


def plot_regret(wi: WhatIf, lang: str = "en") -> Figure:
    """Regret of each option across futures (best option's outcome minus its own), per scenario."""
    spec = wi.spec
    label, scale = _outcome_label(spec, lang)
    n = len(wi.results)
    fig, axes = plt.subplots(1, n, figsize=(5.2 * n, 0.9 + 0.55 * len(spec.options)), sharey=True, squeeze=False)
    for ax, (name, r) in zip(axes[0], wi.results.items(), strict=True):
        wide = r.outcomes.pivot(index="future", columns="option", values=spec.outcome)[spec.options] * scale
        reg = wide.max(axis=1).to_numpy()[:, None] - wide.to_numpy()
        ax.boxplot(
            [reg[:, j] for j in range(len(spec.options))][::-1],
            orientation="horizontal",
            tick_labels=spec.options[::-1],
            widths=0.5,
            flierprops={"markersize": 3},
        )
        ax.set_title(name, fontsize=10)
        ax.set_xlabel(plot_text(lang, "regret_axis", label=label), fontsize=9)
        ax.grid(axis="x", alpha=0.3)
        ax.tick_params(labelsize=8)
    fig.suptitle(plot_text(lang, "regret", futures=spec.futures), fontsize=10)
    fig.tight_layout()
    return fig


def plot_failures(wi: WhatIf, scenario: str, lang: str = "en") -> Figure:
    """Where each option fails: futures that miss (x) and meet (o) the target, with the PRIM box.

    Each panel plots the futures on the box's two restricted parameters (or its one and
    the next uncertain parameter); the box is the dashed rectangle.
    """
    spec = wi.spec
    r = wi.results[scenario]
    opts = spec.options
    cols = min(3, len(opts))
    rows = math.ceil(len(opts) / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(4.3 * cols, 3.8 * rows), squeeze=False)
    x = wi.futures.set_index("future")
    names = [f.name for f in spec.factors]
    for k, o in enumerate(opts):
        ax = axes[k // cols][k % cols]
        v = r.outcomes[r.outcomes["option"] == o].set_index("future")[spec.outcome].reindex(x.index)
        miss = (v < spec.threshold - 1e-12).to_numpy()
        res = r.prim[o]
        dims = list(res.chosen_box.restricted[:2]) if res is not None else []
        for nm in names:
            if len(dims) >= 2:
                break
            if nm not in dims:
                dims.append(nm)
        if len(dims) < 2:
            dims = [dims[0], dims[0]]
        ax.scatter(
            x.loc[~miss, dims[0]],
            x.loc[~miss, dims[1]],
            marker="o",
            s=18,
            color=COLOURS[0],
            label=plot_text(lang, "meets"),
        )
        ax.scatter(
            x.loc[miss, dims[0]],
            x.loc[miss, dims[1]],
            marker="x",
            s=22,
            color=COLOURS[1],
            label=plot_text(lang, "misses"),
        )
        if res is not None:
            b = res.chosen_box
            (x0, x1), (y0, y1) = b.limits[dims[0]], b.limits[dims[1]]
            ax.add_patch(Rectangle((x0, y0), x1 - x0, y1 - y0, fill=False, ls="--", lw=1.5, color="black"))
            sub = plot_text(lang, "box", c=pct(b.coverage, lang), d=pct(b.density, lang))
        else:
            sub = plot_text(lang, "never") if not miss.any() else plot_text(lang, "always")
        ax.set_title(plot_text(lang, "misses_k", o=o, k=int(miss.sum()), n=len(miss)) + f"\n{sub}", fontsize=9)
        ax.set_xlabel(_param_label(dims[0], lang), fontsize=8)
        ax.set_ylabel(_param_label(dims[1], lang), fontsize=8)
        ax.tick_params(labelsize=7)
    for k in range(len(opts), rows * cols):
        axes[k // cols][k % cols].axis("off")
    axes[0][0].legend(fontsize=7, loc="lower right", framealpha=0.9)
    fig.suptitle(plot_text(lang, "failures", scenario=scenario, target=_threshold_text(spec, lang)), fontsize=10)
    fig.tight_layout()
    return fig


__all__ = [
    "THRESHOLD_OUTCOMES",
    "WhatIf",
    "WhatIfSpec",
    "analyse",
    "discover",
    "future_outcomes",
    "kendall_w",
    "load_whatif",
    "robustness",
    "whatif",
    "whatif_from_dict",
    "with_ensemble",
]
