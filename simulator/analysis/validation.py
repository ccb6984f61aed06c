"""Pattern-oriented validation: run the patterns' variants, evaluate, report.

``validate`` builds one batch (a list design with the scenario under test and
every variant the patterns need, times N replicate seeds), runs it through the
batch engine (so it resumes and scales out), evaluates the patterns of
``simulator.analysis.patterns`` on the stored tables, and writes a report:
``validation.csv``, ``validation.md`` and one plot per pattern.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from simulator.analysis.patterns import (
    BASE,
    PATTERNS,
    Pattern,
    PatternData,
    PatternResult,
    evaluate,
    label_variants,
    results_table,
    variants,
)
from simulator.analysis.plots import draw_bands
from simulator.batch.engine import run_experiment
from simulator.batch.experiment import Experiment
from simulator.model import mechanisms as mech
from simulator.params import AID_FORMS, MATURITY_LEVELS
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
        outputs=("timeseries", "summary", "events", "wards"),
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


def write_report(table: pd.DataFrame, data: PatternData, out: Path, patterns: tuple[Pattern, ...], seeds: int) -> None:
    """Write ``validation.csv``, ``validation.md`` and ``plots/pattern-N.png``."""
    (out / "plots").mkdir(exist_ok=True)
    table.to_csv(out / "validation.csv", index=False)
    for p in patterns:
        fig = plot_pattern(p, data)
        fig.savefig(out / "plots" / f"pattern-{p.number:02d}.png", dpi=100)
        plt.close(fig)
    (out / "validation.md").write_text(markdown(table, data.scenario, seeds, patterns))


def markdown(table: pd.DataFrame, sc: Scenario, seeds: int, patterns: tuple[Pattern, ...] = PATTERNS) -> str:
    """The validation report as Markdown."""
    by = {p.number: p for p in patterns}
    n_pass = int(table["passed"].sum())
    lines = [
        f"# Pattern validation: {sc.name}",
        "",
        f"{n_pass} of {len(table)} patterns hold over {seeds} seeds per variant "
        "(common random numbers; 95% bootstrap intervals over seeds).",
        "",
        "| # | pattern | statistic | value | 95% interval | threshold | result |" + _block_head(table),
        "|---|---|---|---|---|---|---|" + ("---|" if "blocks_passed" in table else ""),
    ]
    for _, r in table.iterrows():
        lines.append(
            f"| {r['pattern']} | {r['title']} | {r['statistic']} | {r['value']:.3g} | "
            f"[{r['ci_low']:.3g}, {r['ci_high']:.3g}] | {r['threshold']} | {'pass' if r['passed'] else 'FAIL'} |"
            + _block_cell(r)
        )
    lines.append("")
    for _, r in table.iterrows():
        p = by[int(r["pattern"])]
        lines += [
            f"## Pattern {p.number}: {p.title} — {'pass' if r['passed'] else 'FAIL'}",
            "",
            f"{p.claim} *Source:* {p.source}",
            "",
            f"Measured: {r['detail']}.",
            "",
            f"![pattern {p.number}](plots/pattern-{p.number:02d}.png)",
            "",
        ]
    return "\n".join(lines)


def _block_head(table: pd.DataFrame) -> str:
    if "blocks_passed" not in table:
        return ""
    return f" blocks held (of {int(table['blocks'].iloc[0])}) |"


def _block_cell(r: pd.Series) -> str:
    return f" {int(r['blocks_passed'])} of {int(r['blocks'])} |" if "blocks_passed" in r else ""


def plot_pattern(p: Pattern, d: PatternData) -> Any:
    """One figure that shows the pattern's evidence."""
    fig, ax = plt.subplots(figsize=(7.5, 4.2))
    n = p.number
    if n in (1, 2, 10, 5, 7):
        spec = {
            1: (["no-marketing", "marketing-sustained"], "partnerships_active", "active partnerships"),
            2: ([BASE], "partnerships_active", "active partnerships"),
            10: ([BASE, "facilitators stay"], "mean_capacity", "mean BKM capacity (0-1)"),
            5: (["weak managing body", "strong managing body"], "mean_condition", "mean asset condition (0-1)"),
            7: ([BASE], None, "aid delivered (Rp million / year)"),
        }[n]
        vs, col, ylabel = spec
        if n == 7:
            draw_bands(ax, d.series(BASE), [f"aid_{f}" for f in AID_FORMS], [f"{f} aid" for f in AID_FORMS])
        else:
            ts = pd.concat([d.series(v).assign(_v=v) for v in vs])
            wide = {v: ts[ts["_v"] == v] for v in vs}
            for i, v in enumerate(vs):
                draw_bands(ax, wide[v], [str(col)], [v], colours=[i])
        if n == 2:
            start = int(d.scenario.values["time.start_year"])
            ax.axvspan(start + 0.5, start + 2.5, color="grey", alpha=0.15, label="marketing tranche spent")
        ax.set_ylabel(ylabel)
        ax.legend(fontsize=8)
    elif n == 3:
        r = d.runs(BASE)
        rates = {
            "government answered": r["answer_rate_government"],
            "government accepted": r["accept_rate_government"],
            "private answered": r["answer_rate_private"],
            "private accepted": r["accept_rate_private"],
        }
        ax.boxplot(list(rates.values()), tick_labels=list(rates))
        ax.set_ylabel("share of proposals (per run)")
        ax.set_ylim(0, 1)
    elif n == 4:
        labels, lo, hi = [], [], []
        for label in ("trust", "coordination", "marketing team"):
            labels.append(label)
            lo.append(d.runs(f"{label} low")["partnerships_mean"].mean())
            hi.append(d.runs(f"{label} high")["partnerships_mean"].mean())
        x = np.arange(len(labels))
        ax.bar(x - 0.2, lo, 0.4, label="0.3")
        ax.bar(x + 0.2, hi, 0.4, label="0.7")
        ax.set_xticks(x, labels)
        ax.set_ylabel("mean active partnerships over the run")
        ax.legend(title="enabler level", fontsize=8)
    elif n == 6:
        w = d.wards[d.wards["variant"] == BASE]
        m = w.groupby("maturity_start")["partnership_years"].mean().reindex(list(MATURITY_LEVELS))
        ax.bar(range(len(m)), m.to_numpy(), color="#1b6ca8")
        ax.set_xticks(range(len(m)), list(m.index))
        ax.set_ylabel("partnership-years per ward over the run")
        ax.set_xlabel("BKM maturity at the start")
    elif n == 8:
        w = d.wards[d.wards["variant"] == BASE]
        ax.scatter(w["partnership_years"], w["sustained_years"], s=8, alpha=0.35)
        ax.set_xlabel("partnership-years of the ward over the run")
        ax.set_ylabel("years the ward's programme was sustained")
    elif n == 9:
        pv = d.scenario.values
        ls, lf, t = float(pv["trust.learn_success"]), float(pv["trust.learn_failure"]), float(pv["trust.initial"])
        path = [t, float(mech.trust_update(t, 0, ls, lf))]
        for _ in range(8):
            path.append(float(mech.trust_update(path[-1], 1, ls, lf)))
        ax.plot(range(len(path)), path, marker="o")
        ax.axhline(t, color="grey", ls="--", lw=1)
        ax.set_xlabel("outcomes: one failure, then successes")
        ax.set_ylabel("partner's trust (0-1)")
    ax.set_title(f"Pattern {n}: {p.title}", fontsize=11)
    fig.tight_layout()
    return fig


def trace_markdown(val: Validation, seeds: int, command: str, patterns: tuple[Pattern, ...] = PATTERNS) -> str:
    """The validation documented in TRACE style (Grimm et al. 2014), with the current results.

    Args:
        val: A finished validation.
        seeds: Seeds per variant it used.
        command: The command that regenerates the document.
        patterns: The patterns checked.

    Returns:
        Markdown for ``docs/validation.md``.
    """
    from simulator.store import git_revision, now, versions

    t = val.table
    n_var = len(variants(val.data.scenario, patterns))
    rows = "\n".join(
        f"| {r['pattern']} | {r['title']} | {r['statistic']} | {r['value']:.3g} "
        f"[{r['ci_low']:.3g}, {r['ci_high']:.3g}] | {r['threshold']} | {'pass' if r['passed'] else 'FAIL'} |"
        + _block_cell(r)
        for _, r in t.iterrows()
    )
    head = "| # | pattern | statistic | value [95% interval] | threshold | result |" + _block_head(t)
    rule = "|---|---|---|---|---|---|" + ("---|" if "blocks_passed" in t else "")
    robust = ""
    if "blocks_passed" in t:
        k = int(t["blocks"].iloc[0])
        robust = (
            f"\n\n**Robust margins.** The same validation on {k} disjoint blocks of {seeds} seeds: each pattern's "
            f"count of blocks in which it held is in the last column ({int((t['blocks_passed'] >= k - 1).sum())} of "
            f"{len(t)} patterns hold in at least {k - 1} of {k} blocks)."
        )
    sources = "\n".join(f"- **Pattern {p.number}, {p.title}.** {p.claim} *From:* {p.source}" for p in patterns)
    details = "\n".join(f"- Pattern {int(r['pattern'])}: {r['detail']}." for _, r in t.iterrows())
    vers = versions()
    return f"""# Validation of the PLPBK partnership model (TRACE)

This document follows the TRACE format (TRAnsparent and Comprehensive model Evaludation;
Grimm et al. 2014, Ecological Modelling 280:129-139). It is regenerated, with the results
below, by

```
{command}
```

Generated {now()} from git revision {git_revision() or "unknown"} with Mesa {vers.get("mesa", "?")},
NumPy {vers.get("numpy", "?")}, Python {vers.get("python", "?")}.

## 1. Problem formulation

The model asks which partnerships among community boards (BKM), local-government agencies and
firms keep PLPBK programmes alive after the grant, and which enablers (coordination, trust, a
capable marketing team) and obstacles (a weak managing body, donor constraints, unresponsive
institutions) decide it. Its users are planners, researchers and policy staff who run scenario
batches, sensitivity analyses and policy what-ifs. The study it comes from is qualitative, so the
model is judged by whether it reproduces the study's qualitative patterns, not by point fits.

## 2. Model description

The model is described in the ODD protocol in `docs/ODD.md`; every parameter (meaning, unit,
default, range, source) is in `docs/parameters.md`, generated from the registry the code reads.

## 3. Data evaluation

Numbers from public records of the programme (grant tranches, Kebondalem and Podosugih
figures, CSR grant sizes, the 185 wards and Pekalongan's 27 wards) are marked `src` in the
registry; all others are assumptions, exposed as parameters with documented ranges and checked
by calibration by filtering (`plpbk calibrate`, section 7).

## 4. Conceptual model evaluation

Each mechanism has a pedigree in the literature (MODEL_BRIEF section 3; ODD section 4):
trust learning with a negativity bias (Slovic 1993; Josang & Ismail 2002), logistic funding
decisions under budgets (Hoyla et al. 2016), Bass diffusion of awareness (Bass 1969), the
capability trap for BKM capacity (Repenning & Sterman 2002) and managing-body effectiveness
(Ostrom 1990). Known simplifications are listed in `docs/ODD.md`, "Known limitations".

## 5. Implementation verification

Each submodel is a pure function in `simulator/model/mechanisms.py` with exact unit tests on
hand-made cases (`tests/test_mechanisms.py`). Invariants are tested over many random scenarios
with hypothesis (`tests/test_model.py`): money given equals money received; trust, capacity,
managing body and asset condition stay in [0, 1]; budgets never go negative; the event log
agrees with the time series. The same seed gives identical tables, whatever the executor.

## 6. Model output verification

The patterns the model must reproduce, each from a finding of the study:

{sources}

Each pattern is defined once in `simulator/analysis/patterns.py` (variants, statistic, threshold)
and used by `plpbk validate`, `plpbk calibrate`, the tests and this document.

## 7. Model analysis

**Validation run.** Scenario `{val.data.scenario.name}`: {n_var} variants (the scenario itself and
the contrasts the patterns need) x {seeds} shared seeds (common random numbers); intervals are
95% bootstrap intervals over seeds.

{head}
{rule}
{rows}

**{int(t["passed"].sum())} of {len(t)} patterns hold** (first block of {seeds} seeds).{robust} Measured:

{details}

**Calibration by filtering.** `plpbk calibrate experiments/calibrate-baseline.toml` samples the
uncertain mechanism parameters (a Latin hypercube over trust learning, responsiveness, Bass
innovation, capacity erosion and asset decay), runs each set with every pattern's variants and
keeps the sets that reproduce all patterns; its report gives the accepted share, each parameter's
accepted range and whether the baseline's values lie inside it. Global sensitivity analysis of
the enablers and obstacles (Morris, Sobol) is not yet part of this document.

## 8. Model output corroboration

The model is not fitted to independent data: the study gives qualitative findings, which are used
as the patterns above. Corroboration against quantitative records (e.g. partnership counts per
ward from programme reports) is left for when such data are available; wards can be read from
CSV files for that purpose (`scenarios/wards/`).
"""
