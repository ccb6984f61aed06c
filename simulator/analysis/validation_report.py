"""The validation report: ``validation.csv``, ``validation.md``, one plot per pattern, and the TRACE document.

:func:`write_report` writes a finished validation's files; :func:`markdown` is the report,
:func:`plot_pattern` the figure of one pattern's evidence and :func:`trace_markdown` the
validation documented in TRACE style (``docs/validation.md``). The runs are in
:mod:`simulator.analysis.validation`, which re-exports these functions.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from simulator.analysis.patterns import (
    BASE,
    EFFORTS,
    HIGH,
    LONG_YEARS,
    LOW,
    P4_CELLS,
    PATTERNS,
    WINDOW,
    Pattern,
    PatternData,
    bootstrap_mean,
    facilitators_leave,
    first_deliveries,
    grant_end,
    restore_year,
    variants,
)
from simulator.analysis.plots import draw_bands
from simulator.scenario import Scenario

if TYPE_CHECKING:
    from simulator.analysis.discrimination import Discrimination
    from simulator.analysis.validation import Validation


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


CHANGES = (
    "The first model's ten patterns passed 10 of 10, but five held by construction (fees collected "
    "set equal to managing-body effectiveness; full grant spending forced by the absorption threshold; "
    "the trust asymmetry was a check on two parameters; all four aid forms whenever the plan mix was "
    "positive; the government lag was its scheduling rule) and the validation never asked whether "
    "another structure would have passed too. Patterns v2 are the ten of MODEL_BRIEF section 4; each "
    "names the alternative it rejects, and the matrix above shows it does. Getting there took three "
    "changes to the model, each a mechanism the study names: firms must first notice the programme "
    "(under the first design 74% of Kendal's firms partnered over 20 years, not 'few'); a board "
    "turnover can end live partnerships (before, a consistent team kept nothing measurable); and "
    "the structure table gained the alternatives that fail patterns 1, 3, 4, 7 and 10 "
    "(`renewal = permanent`, `awareness = open`, `enablers = substitutes`). Two patterns fail only "
    "under a documented rule rather than a `[structure]` value (5: 'management does not matter'; "
    "8: 'capacity without memory'). What the sensitivity analysis concludes on this model "
    "(whether the managing body still dominates once the decay clock is gone) is in "
    "`docs/sensitivity.md`."
)
"""The TRACE document's account of what changed since the first model (kept with its generator)."""


def _discrimination_section(d: Discrimination) -> str:
    """Markdown: the patterns x structures matrix with each cell's statistic, and the verdict."""
    m = d.matrix()
    vals = d.table.pivot(index="pattern", columns="structure", values="value")[m.columns]
    head = "| # | " + " | ".join(m.columns) + " |"
    rule = "|---|" + "---|" * len(m.columns)
    body = "\n".join(
        f"| {p} | "
        + " | ".join(f"{'pass' if m.loc[p, c] else '**FAIL**'} {vals.loc[p, c]:.3g}" for c in m.columns)
        + " |"
        for p in m.index
    )
    fails = d.failing_alternatives()
    nd = [str(p) for p, alts in fails.items() if not alts]
    lines = "\n".join(
        f"- Pattern {p}: fails under {', '.join(a) if a else 'no alternative'}." for p, a in fails.items()
    )
    verdict = (
        f"{len(d.discriminating())} of {len(m.index)} patterns discriminate"
        + (f"; not discriminating (not counted): {', '.join(nd)}" if nd else "")
        + f"; under the model as it is, {'every discriminating pattern holds' if d.passed else 'NOT every one holds'}."
    )
    return (
        f"**Structural discrimination.** Every pattern under the scenario as it is and under each "
        f"alternative of the `[structure]` table and each documented rule (`ALTERNATIVE_RULES` in "
        f"`simulator/analysis/discrimination.py`), {int(d.table['structure'].nunique())} structures on the "
        f"same seeds (cell: verdict and statistic).\n\n{head}\n{rule}\n{body}\n\n{lines}\n\n**{verdict}**"
    )


def _block_head(table: pd.DataFrame) -> str:
    if "blocks_passed" not in table:
        return ""
    return f" blocks held (of {int(table['blocks'].iloc[0])}) |"


def _block_cell(r: pd.Series) -> str:
    return f" {int(r['blocks_passed'])} of {int(r['blocks'])} |" if "blocks_passed" in r else ""


def _bands(ax: Any, d: PatternData, variants_: list[str], column: str, ylabel: str) -> None:
    for i, v in enumerate(variants_):
        draw_bands(ax, d.series(v), [column], [v], colours=[i])
    ax.set_ylabel(ylabel)
    ax.legend(fontsize=8)


def plot_pattern(p: Pattern, d: PatternData) -> Any:
    """One figure that shows the pattern's evidence (means with 5-95% bands over seeds where over time)."""
    fig, ax = plt.subplots(figsize=(7.5, 4.2))
    n = p.number
    start = int(d.scenario.values["time.start_year"])
    if n == 1:
        ends = (
            d.events[(d.events["variant"] == BASE) & (d.events["event"] == "partnership_end")]
            if len(d.events)
            else pd.DataFrame({"duration": []})
        )
        dur = ends["duration"].to_numpy(dtype=float)
        if len(dur):
            ax.hist(dur, bins=list(np.arange(0.5, dur.max() + 1.5)), color="#1b6ca8", density=True)
        ax.axvline(LONG_YEARS - 0.5, color="grey", ls="--", lw=1, label=f"{LONG_YEARS}+ years")
        ax.set_xlabel("years a partnership lasted (partnerships that ended)")
        ax.set_ylabel("share of ended partnerships")
        ax.legend(fontsize=8)
    elif n == 2:
        k = first_deliveries(d)
        m = k.groupby("status")["dur"].mean().reindex(["succeeded", "failed"])
        ax.bar(range(len(m)), m.to_numpy(), color=["#1b6ca8", "#c0392b"])
        ax.set_xticks(range(len(m)), [f"first delivery {x}" for x in m.index])
        ax.set_ylabel("years the partnership lasted (mean)")
    elif n == 3:
        vals = [d.runs(v)["firms_ever_partnered_share"].to_numpy(dtype=float) for v in (BASE, "firms answer more")]
        ax.boxplot(vals, tick_labels=["as is", "firms answer more"])
        ax.axhline(0.5, color="grey", ls="--", lw=1)
        ax.set_ylabel("share of firms that ever partner (per run)")
        ax.set_ylim(0, 1)
    elif n == 4:
        for ties, colour in ((LOW, "#c0392b"), (HIGH, "#1b6ca8")):
            y = [d.runs(P4_CELLS[(team, ties)])["partnerships_after_grant"].mean() for team in (LOW, HIGH)]
            ax.plot([LOW, HIGH], y, marker="o", color=colour, label=f"coordination and trust {ties}")
        ax.set_xlabel("marketing-team skill")
        ax.set_ylabel("live partnerships a year after the grant")
        ax.legend(fontsize=8)
    elif n == 5:
        w = d.wards[d.wards["variant"] == "ten years on"]
        ax.scatter(w["managing_body"], w["condition"], s=8, alpha=0.35, label="managing body (x)")
        aid = w["aid_received"] / max(float(w["aid_received"].max()), 1e-9)
        ax.scatter(aid, w["condition"], s=8, alpha=0.35, label="aid received / the largest (x)")
        ax.set_xlabel("managing-body effectiveness, or aid received (scaled 0-1)")
        ax.set_ylabel("asset condition ten years after the grant")
        ax.legend(fontsize=8)
    elif n == 6:
        _bands(ax, d, [BASE, "poor market"], "sustained_share", "share of wards sustained")
    elif n == 7:
        names = [*[f"effort: {e}" for e in EFFORTS], "efforts together"]
        first = grant_end(d.scenario) + WINDOW
        ts = {v: d.series(v) for v in (BASE, *names)}
        base = ts[BASE][ts[BASE]["year"] >= first].groupby("replicate")["partnerships_active"].mean()
        gains = [ts[v][ts[v]["year"] >= first].groupby("replicate")["partnerships_active"].mean() - base for v in names]
        means = [float(g.mean()) for g in gains]
        errs = np.array([[m - bootstrap_mean(g.to_numpy())[1], bootstrap_mean(g.to_numpy())[2] - m]
                         for m, g in zip(means, gains, strict=True)]).T  # fmt: skip
        ax.bar(range(len(names)), means, yerr=errs, color="#1b6ca8", capsize=4)
        ax.set_xticks(range(len(names)), [x.replace("effort: ", "") for x in names])
        ax.axhline(0, color="grey", lw=1)
        ax.set_ylabel(f"extra live partnerships a year from {first} (95% interval)")
    elif n == 8:
        _bands(ax, d, ["facilitation restored", "facilitators leave early, restored"], "mean_capacity",
               "mean BKM capacity (0-1)")  # fmt: skip
        ax.axvline(restore_year(d.scenario), color="grey", ls="--", lw=1)
    elif n == 9:
        _bands(ax, d, ["strong, long run", "nobody answers"], "sustained_share", "share of wards sustained")
    elif n == 10:
        _bands(ax, d, [BASE], "partnerships_active", "live partnerships")
        ax.axvspan(start + 0.5, facilitators_leave(d.scenario) + 1.5, color="grey", alpha=0.15,
                   label="programme years 2 to 2 after facilitators leave")  # fmt: skip
        ax.legend(fontsize=8)
    ax.set_title(f"Pattern {n}: {p.title}", fontsize=11)
    fig.tight_layout()
    return fig


TRACE_SECTIONS_1_TO_5 = """\
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

"""
"""Sections 1-5 of the TRACE document: problem, model, data, concepts, implementation (no results)."""

TRACE_PATTERN_HOME = """\
Each pattern is defined once in `simulator/analysis/patterns.py` (variants, statistic, threshold,
mechanisms, the alternative it should reject) and used by `plpbk validate`, `plpbk calibrate`,
the tests and this document. A pattern passes when its 95% interval, not its point estimate,
clears the threshold. The first list's checks that could not fail (fees collected equal to the
managing body, full grant spending, the trust asymmetry, all four aid forms, the government
route's payment lag) are mechanism unit tests now (`tests/test_mechanisms.py`,
`tests/test_model.py`, `tests/test_patterns.py`).

"""
"""Section 6's note on where the patterns are defined and who uses them."""

TRACE_ENSEMBLE = """\
**Calibrated ensemble.** `plpbk calibrate experiments/calibrate-baseline.toml` samples uncertain
mechanism parameters (a Latin hypercube over trust learning, how firms notice the programme,
Bass innovation, capacity erosion, asset wear and what a board turnover costs), runs each set
with every pattern's variants and keeps the sets under which every pattern v2 holds: approximate
Bayesian computation by rejection with a 0/1 distance (all patterns hold or not). Rejection,
not sequential Monte Carlo, because each set costs a full validation batch and the patterns give
a pass/fail verdict, not a graded distance; no kept Python library does ABC-SMC over such a
simulator without a distance function. The accepted sets are written as `ensemble.toml`;
`plpbk compare ... --ensemble FILE` and `plpbk whatif ... --ensemble FILE` run every policy over
them (paired seeds within each set), so policy effects carry this parameter uncertainty. Global
sensitivity analysis of the enablers and obstacles is in `docs/sensitivity.md`.

"""
"""Section 7's account of the calibrated ensemble."""

TRACE_SECTION_8 = """\
## 8. Model output corroboration

The model is not fitted to independent data: the study gives qualitative findings, which are used
as the patterns above. Corroboration against quantitative records (e.g. partnership counts per
ward from programme reports) is left for when such data are available; wards can be read from
CSV files for that purpose (`scenarios/wards/`).
"""
"""Section 8 of the TRACE document: corroboration."""


def trace_markdown(
    val: Validation,
    seeds: int,
    command: str,
    patterns: tuple[Pattern, ...] = PATTERNS,
    discrimination: Discrimination | None = None,
) -> str:
    """The validation documented in TRACE style (Grimm et al. 2014), with the current results.

    Args:
        val: A finished validation.
        seeds: Seeds per variant it used.
        command: The command that regenerates the document.
        patterns: The patterns checked.
        discrimination: The patterns x structures matrix on the same scenario, if run.

    Returns:
        Markdown for ``docs/validation.md``.
    """
    return (
        _trace_head(command)
        + TRACE_SECTIONS_1_TO_5
        + _trace_patterns(patterns)
        + TRACE_PATTERN_HOME
        + _trace_analysis(val, seeds, patterns, discrimination)
        + TRACE_ENSEMBLE
        + TRACE_SECTION_8
    )


def _trace_head(command: str) -> str:
    """The title, the command that regenerates the document, and when, from what and with what it was made."""
    from simulator.store import git_revision, now, versions

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

"""


def _trace_patterns(patterns: tuple[Pattern, ...]) -> str:
    """Section 6's opening: each pattern with its source, the mechanisms it tests and its rival."""
    sources = "\n".join(
        f"- **Pattern {p.number}, {p.title}.** {p.claim} *From:* {p.source} *Tests:* {p.mechanisms}. "
        f"*Expected to fail under:* {p.fails_under}."
        for p in patterns
    )
    return f"""## 6. Model output verification

The patterns the model must reproduce, each from a finding of the study:

{sources}

"""


def _trace_table(t: pd.DataFrame) -> str:
    """Section 7's results table: one row per pattern, with the blocks column when blocks were run."""
    rows = "\n".join(
        f"| {r['pattern']} | {r['title']} | {r['statistic']} | {r['value']:.3g} "
        f"[{r['ci_low']:.3g}, {r['ci_high']:.3g}] | {r['threshold']} | {'pass' if r['passed'] else 'FAIL'} |"
        + _block_cell(r)
        for _, r in t.iterrows()
    )
    head = "| # | pattern | statistic | value [95% interval] | threshold | result |" + _block_head(t)
    rule = "|---|---|---|---|---|---|" + ("---|" if "blocks_passed" in t else "")
    return f"{head}\n{rule}\n{rows}"


def _trace_robust(t: pd.DataFrame, seeds: int) -> str:
    """The robust-margins sentence when the validation ran several blocks of seeds, else nothing."""
    if "blocks_passed" not in t:
        return ""
    k = int(t["blocks"].iloc[0])
    return (
        f"\n\n**Robust margins.** The same validation on {k} disjoint blocks of {seeds} seeds: each pattern's "
        f"count of blocks in which it held is in the last column ({int((t['blocks_passed'] >= k - 1).sum())} of "
        f"{len(t)} patterns hold in at least {k - 1} of {k} blocks)."
    )


def _trace_analysis(
    val: Validation, seeds: int, patterns: tuple[Pattern, ...], discrimination: Discrimination | None
) -> str:
    """Section 7 up to the ensemble: the validation run, its table, details, discrimination and changes."""
    t = val.table
    n_var = len(variants(val.data.scenario, patterns))
    table = _trace_table(t)
    robust = _trace_robust(t, seeds)
    details = "\n".join(f"- Pattern {int(r['pattern'])}: {r['detail']}." for _, r in t.iterrows())
    disc = (
        _discrimination_section(discrimination)
        if discrimination is not None
        else (
            "**Structural discrimination** was not run with this document "
            "(`plpbk validate SCENARIO --discriminate --seeds 30` prints it)."
        )
    )
    return f"""## 7. Model analysis

**Validation run.** Scenario `{val.data.scenario.name}`: {n_var} variants (the scenario itself and
the contrasts the patterns need) x {seeds} shared seeds (common random numbers); intervals are
95% bootstrap intervals over seeds.

{table}

**{int(t["passed"].sum())} of {len(t)} patterns hold** (first block of {seeds} seeds).{robust} Measured:

{details}

{disc}

**What changed from the first model, and why.** {CHANGES}

"""
