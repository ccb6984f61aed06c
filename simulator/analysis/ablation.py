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

from simulator.scenario import Scenario, ScenarioError, load_scenario

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from simulator.batch.experiment import Experiment

BASELINE = "baseline"
ABLATION_SEED = 20160301
"""Master seed the paired replicate seeds derive from."""
BOOT_SEED = 0
"""Seed of the bootstrap resampling (outcome k uses BOOT_SEED + k)."""
KIND = "plpbk-ablate"
"""Manifest kind of an ablation folder."""
FILES = ("ablation.csv", "ablation.png", "ablation.md")
"""The report files, in the output folder."""


@dataclass(frozen=True)
class Variant:
    """One variant of the ablation.

    Attributes:
        name: Short name (``trust=fixed``, ``no turnover``).
        kind: ``structure`` (a structural alternative) or ``mechanism`` (a mechanism switched off).
        description: One line in plain words.
        overrides: Parameter values (dotted names) that make the variant.
    """

    name: str
    kind: str
    description: str
    overrides: Mapping[str, Any]


VARIANTS: tuple[Variant, ...] = (
    Variant(
        "trust=symmetric",
        "structure",
        "trust learns as fast from good outcomes as from bad ones (no negativity bias)",
        {"structure.trust": "symmetric"},
    ),
    Variant(
        "trust=fixed",
        "structure",
        "no trust learning: trust stays where it starts, whatever happens",
        {"structure.trust": "fixed"},
    ),
    Variant(
        "renewal=lapse",
        "structure",
        "no renewal decisions: a partnership lapses after some years without aid or when trust falls too low",
        {"structure.renewal": "lapse"},
    ),
    Variant(
        "renewal=permanent",
        "structure",
        "partnerships never end: every live partnership is renewed each year, whatever happens",
        {"structure.renewal": "permanent"},
    ),
    Variant(
        "upkeep=fixed_decay",
        "structure",
        "assets wear at a fixed rate, softened by paid upkeep, instead of upkeep needs growing as condition falls",
        {"structure.upkeep": "fixed_decay"},
    ),
    Variant(
        "enablers=additive",
        "structure",
        "trust, coordination and marketing skill add up instead of each needing the others",
        {"structure.enablers": "additive"},
    ),
    Variant(
        "enablers=substitutes",
        "structure",
        "any one of trust, coordination and marketing skill can stand in for the others",
        {"structure.enablers": "substitutes"},
    ),
    Variant(
        "demand=flat",
        "structure",
        "no demand: users do not depend on market access or condition",
        {"structure.demand": "flat"},
    ),
    Variant(
        "awareness=open",
        "structure",
        "every agency and firm in reach knows every ward from the start: few respond only because few answer",
        {"structure.awareness": "open"},
    ),
    Variant(
        "no reputation",
        "mechanism",
        "partners judge a BKM only by their own experience, not by what other partners of the region saw",
        {"trust.reputation_spread": 0.0},
    ),
    Variant(
        "no marketing",
        "mechanism",
        "marketing and word of mouth make no partner aware of a ward, and BKMs market no more once the grant's "
        "marketing money is spent (agencies still hear of wards in the musrenbang)",
        {"marketing.innovation": 0.0, "marketing.imitation": 0.0, "programme.marketing_after": 0.0},
    ),
    Variant(
        "no facilitation",
        "mechanism",
        "no programme facilitators (pendamping): none while the programme runs, none after it, no KOTAKU",
        {"programme.facilitation_during": 0.0, "programme.facilitation_after": 0.0, "programme.kotaku": False},
    ),
    Variant(
        "no turnover",
        "mechanism",
        "BKM elections never replace the management team",
        {"bkm.turnover": 0.0},
    ),
)
"""Every variant, in report order: structural alternatives, then mechanisms switched off."""

BY_NAME = {v.name: v for v in VARIANTS}
KINDS = {"structure": "Structural alternatives", "mechanism": "Mechanisms switched off"}


@dataclass(frozen=True)
class Outcome:
    """A headline outcome of the ablation.

    Attributes:
        column: Summary column.
        label: Plain-words label (titles, lists).
        phrase: The label as it reads inside a sentence ("lowers <phrase> by ...").
        short: Column heading of the command's table.
        unit: Unit of a value as reported (after ``scale``), e.g. ``%`` or ``years``.
        change_unit: Unit of a difference (``percentage points`` for shares).
        scale: Factor applied when reported (100 for shares).
        digits: Decimals when reported.
    """

    column: str
    label: str
    phrase: str
    short: str
    unit: str
    change_unit: str
    scale: float = 1.0
    digits: int = 1

    def text(self, x: float, sign: bool = False) -> str:
        """A value (or, with ``sign``, a change) in the reported unit, without the unit; ``n/a`` for NaN."""
        if x is None or math.isnan(float(x)):
            return "n/a"
        return f"{float(x) * self.scale:{'+' if sign else ''},.{self.digits}f}"

    def with_unit(self, x: float) -> str:
        """A value with its unit, e.g. ``70.0%`` or ``2.52 years``."""
        return self.text(x) + (self.unit if self.unit == "%" else f" {self.unit}")


OUTCOMES: tuple[Outcome, ...] = (
    Outcome(
        "sustained_share_final",
        "sustained share in the final year",
        "the share of wards whose programme is sustained in the final year",
        "sustained share (pp)",
        "%",
        "percentage points",
        100.0,
        1,
    ),
    Outcome(
        "partnerships_after_grant",
        "partnerships after the grant",
        "the partnerships alive each year after the grant",
        "partnerships after grant",
        "per year",
        "partnerships per year",
        1.0,
        1,
    ),
    Outcome(
        "partnership_duration_mean",
        "partnership duration",
        "the mean duration of ended partnerships",
        "duration (years)",
        "years",
        "years",
        1.0,
        2,
    ),
    Outcome("aid_per_ward", "aid per ward", "aid per ward", "aid per ward (Rp m)", "Rp million", "Rp million", 1.0, 0),
)
"""The outcomes reported, in order."""

OUTCOME_COLUMNS = tuple(o.column for o in OUTCOMES)
BY_COLUMN = {o.column: o for o in OUTCOMES}
COLUMNS = ("variant", "outcome", "baseline", "value", "effect", "low", "high")
"""The first columns of ``ablation.csv``, in order (extra columns follow)."""


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


def skip_reason(v: Variant) -> str:
    """Why a variant was skipped, in words."""
    vals = ", ".join(f"{k} = {_text(x)}" for k, x in v.overrides.items())
    return f"the scenario already sets {vals}"


def _text(x: Any) -> str:
    if isinstance(x, bool):
        return "true" if x else "false"
    return f"{x:g}" if isinstance(x, float) else str(x)


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


# --------------------------------------------------------------------------- report


def describe_effect(o: Outcome, r: Mapping[str, Any] | pd.Series) -> str:
    """One distinguishable effect in words, e.g. ``lowers aid per ward by 120 Rp million (...)``."""
    verb = "raises" if r["effect"] > 0 else "lowers"
    size = o.text(abs(float(r["effect"])))
    lo, hi = o.text(float(r["low"]), True), o.text(float(r["high"]), True)
    return (
        f"{verb} {o.phrase} by {size} {o.change_unit} (95% interval {lo} to {hi}; "
        f"baseline {o.with_unit(float(r['baseline']))})"
    )


def report_markdown(abl: Ablation) -> str:
    """The plain-words report (``ablation.md``)."""
    sc = abl.scenario
    first = int(sc.values["time.start_year"])
    runs = (len(abl.variants) + 1) * abl.seeds
    pols = f" with {', '.join(sc.policies)}" if sc.policies else ""
    changed = {k: v for k, v in sc.changed().items() if k not in ("time.years",)}
    lines = [
        f"# Ablation: which mechanisms carry the results — {sc.name}",
        "",
        f"- Scenario: **{sc.name}**{pols} ({sc.description or sc.source}); {sc.n_wards} wards.",
        f"- Years: {abl.years} ({first}–{first + abl.years - 1}).",
        f"- Seeds: {abl.seeds} paired seeds (replicate r runs on the same seed in every variant); "
        f"baseline + {len(abl.variants)} variants = {runs} runs.",
        "- Effect: variant − baseline, the mean of the paired differences over seeds, with a 95% "
        "percentile bootstrap interval. *Distinguishable* means the interval excludes 0; an effect that is "
        "not distinguishable may still exist, but these seeds cannot tell it from noise.",
    ]
    if any(k.startswith("structure.") for k in changed):
        st = ", ".join(f"{k} = {_text(v)}" for k, v in changed.items() if k.startswith("structure."))
        lines.append(f"- The scenario's own structure differs from the default: {st}.")
    lines.append("")
    if abl.failures:
        lines += [f"**{len(abl.failures)} run(s) failed**; their pairs are left out (see `batch/runs.parquet`).", ""]
    t = abl.table
    if len(t):
        lines += ["Baseline (mean over seeds):", ""]
        for o in OUTCOMES:
            b = t.loc[t["outcome"] == o.column, "baseline"]
            if len(b):
                lines.append(f"- {o.label}: {o.with_unit(float(b.iloc[0]))}")
        lines.append("")
    for kind, title in KINDS.items():
        vs = [x for x in abl.variants if x.kind == kind]
        sk = [x for x in abl.skipped if x.kind == kind]
        if not vs and not sk:
            continue
        lines += [f"## {title}", ""]
        for var in vs:
            rows = t[t["variant"] == var.name]
            lines.append(f"- **{var.name}** — {var.description}.")
            if len(rows) and rows["identical"].all():
                lines.append("  Every run equals its baseline run: this switch changes nothing in this scenario.")
                continue
            dist = [r for _, r in rows.iterrows() if bool(r["distinguishable"])]
            if not dist:
                lines.append("  - changes none of the outcomes distinguishably")
            for r in dist:
                lines.append(f"  - {describe_effect(BY_COLUMN[r['outcome']], r)}")
            rest = rows[~rows["distinguishable"].astype(bool)]
            same = [BY_COLUMN[c].label for c in rest.loc[rest["identical"].astype(bool), "outcome"]]
            vague = [BY_COLUMN[c].label for c in rest.loc[~rest["identical"].astype(bool), "outcome"]]
            if dist and vague:
                lines.append(f"  - no distinguishable change in {_join(vague, 'or')}")
            if same:
                verb = "is" if len(same) == 1 else "are"
                lines.append(f"  - {_join(same, 'and')} {verb} identical to the baseline in every seed")
        for var in sk:
            lines.append(f"- **{var.name}** — skipped: {skip_reason(var)}.")
        lines.append("")
    lines += [
        "Files: `ablation.csv` (every variant and outcome: baseline, value, effect, low, high, relative, "
        "distinguishable, identical, n), `ablation.png` (the effects with their intervals), `batch/` (the runs).",
        "",
    ]
    return "\n".join(lines)


def _join(items: Sequence[str], word: str) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {word} " + items[-1]


def plot_ablation(abl: Ablation) -> Figure:
    """Effect of each variant on each outcome with its 95% interval, one panel per outcome.

    Args:
        abl: The ablation.

    Returns:
        A figure: variants as rows (structural alternatives first), outcomes as panels,
        a zero line; intervals above 0 in blue, below 0 in red, crossing 0 in grey.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from simulator.analysis.plots import COLOURS

    t = abl.table
    names = [v.name for v in abl.variants]
    n = max(1, len(names))
    fig, axes = plt.subplots(1, len(OUTCOMES), figsize=(3.9 * len(OUTCOMES), 1.9 + 0.42 * n), sharey=True)
    axes = np.atleast_1d(axes)
    y = np.arange(n)[::-1]
    split = sum(1 for v in abl.variants if v.kind == "structure")
    for ax, o in zip(axes, OUTCOMES, strict=True):
        e = t[t["outcome"] == o.column].set_index("variant").reindex(names)
        s = o.scale
        effs, lows, highs = (e[c].to_numpy(dtype=float) for c in ("effect", "low", "high"))
        for k in range(len(names)):
            eff, lo, hi = float(effs[k]), float(lows[k]), float(highs[k])
            if math.isnan(eff):
                ax.text(0, y[k], "n/a", ha="center", va="center", fontsize=8, color="#888888")
                continue
            colour = COLOURS[0] if lo > 0 else COLOURS[1] if hi < 0 else "#888888"
            ax.errorbar(
                eff * s,
                y[k],
                xerr=[[(eff - lo) * s], [(hi - eff) * s]],
                fmt="o",
                color=colour,
                elinewidth=2.2,
                capsize=3,
                markersize=5,
            )
        ax.axvline(0, color="black", lw=0.8)
        if 0 < split < len(names):
            ax.axhline(y[split - 1] - 0.5, color="#bbbbbb", lw=0.8, ls="--")
        base = e["baseline"].dropna()
        btxt = f"\nbaseline {o.with_unit(float(base.iloc[0]))}" if len(base) else ""
        ax.set_title(f"{o.label}{btxt}", fontsize=9.5)
        ax.set_xlabel(f"change, {o.change_unit}", fontsize=8.5)
        ax.grid(axis="x", alpha=0.3)
        ax.tick_params(labelsize=8)
    axes[0].set_yticks(y, names)
    axes[0].set_ylim(-0.6, n - 0.4)
    sc = abl.scenario
    fig.suptitle(
        f"Ablation of {sc.name}: change when a structure is replaced or a mechanism switched off\n"
        f"variant − baseline, mean of {abl.seeds} paired seeds with 95% bootstrap interval, {abl.years} years\n"
        f"(blue: up, red: down, grey: interval includes 0; above the dashed line structural alternatives, "
        f"below it mechanisms switched off)",
        fontsize=10,
    )
    fig.tight_layout()
    return fig


__all__ = [
    "ABLATION_SEED",
    "BASELINE",
    "COLUMNS",
    "OUTCOMES",
    "VARIANTS",
    "Ablation",
    "Outcome",
    "Variant",
    "ablate",
    "ablation_effects",
    "ablation_experiment",
    "plot_ablation",
    "report_markdown",
    "split_variants",
]
