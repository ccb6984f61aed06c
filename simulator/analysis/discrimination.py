"""Structural discrimination: does each pattern fail under a plausible alternative structure?

A pattern earns its place in validation only if it could fail (MODEL_BRIEF section
4): under at least one plausible alternative model structure it must not hold.
``discriminate`` runs every pattern's variants under the scenario as it is and
under each alternative of the ``[structure]`` table (every other value of every
``structure.*`` parameter), on the same seeds, through the batch engine; it
evaluates every pattern under every structure and reports a patterns x structures
matrix: ``discrimination.csv`` (long form), ``discrimination.md`` and a heat map.

A pattern that passes under every alternative is *not discriminating*: it is
reported as such and does not count toward the verdict.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd

from simulator.analysis.patterns import PATTERNS, Pattern, PatternData, evaluate, label_variants, variants
from simulator.batch.engine import run_experiment
from simulator.batch.experiment import Experiment
from simulator.outcomes import TABLES
from simulator.params import PARAMETERS
from simulator.scenario import Scenario
from simulator.store import open_results

AS_IS = "as is"
"""Name of the column for the scenario's own structure."""

DISCRIMINATION_SEED = 20050101


def structure_alternatives(sc: Scenario) -> dict[str, dict[str, Any]]:
    """Every alternative structure of a scenario: ``{"trust=fixed": {"structure.trust": "fixed"}, ...}``.

    Args:
        sc: The scenario; its own structure values are not alternatives.

    Returns:
        Name -> the one override that makes the alternative, in registry order.
    """
    out: dict[str, dict[str, Any]] = {}
    for p in PARAMETERS:
        if p.kind != "choice":
            continue
        for c in p.choices:
            if c != sc.values[p.name]:
                out[f"{p.name.split('.', 1)[1]}={c}"] = {p.name: c}
    return out


ALTERNATIVE_RULES: dict[str, dict[str, Any]] = {
    "rule: management does not matter": {"assets.upkeep_managing_body_weight": 0.0, "demand.collection_min": 1.0},
    "rule: capacity without memory": {"bkm.learning_rate": 1.0, "bkm.erosion_rate": 1.0},
}
"""Documented alternative rules that are not ``[structure]`` choices, each a set of parameter values.

``management does not matter``: paid upkeep works as well whatever the managing body, and every
agreed fee is collected (money alone keeps assets up). ``capacity without memory``: BKM capacity
moves to the level its practice and facilitation support within a year (no stock, no trap).
"""


def structures(sc: Scenario) -> dict[str, dict[str, Any]]:
    """The scenario as it is (``AS_IS``, no override), every alternative structure, then every alternative rule."""
    return {AS_IS: {}, **structure_alternatives(sc), **ALTERNATIVE_RULES}


@dataclass
class Discrimination:
    """The outcome of ``discriminate``.

    Attributes:
        table: Long form, one row per pattern and structure: ``pattern, title, structure,
            value, ci_low, ci_high, passed``.
        out: The folder holding the batch and the report.
    """

    table: pd.DataFrame
    out: Path

    def matrix(self) -> pd.DataFrame:
        """Patterns x structures of pass (True) / fail (False), ``as is`` first."""
        m = self.table.pivot(index="pattern", columns="structure", values="passed")
        cols = [AS_IS, *[c for c in dict.fromkeys(self.table["structure"]) if c != AS_IS]]
        return m[cols]

    def failing_alternatives(self) -> dict[int, list[str]]:
        """For each pattern, the alternative structures under which it fails."""
        t = self.table[(self.table["structure"] != AS_IS) & ~self.table["passed"].astype(bool)]
        out: dict[int, list[str]] = {int(p): [] for p in self.table["pattern"].unique()}
        for _, r in t.iterrows():
            out[int(r["pattern"])].append(str(r["structure"]))
        return out

    def discriminating(self) -> list[int]:
        """Patterns that fail under at least one alternative structure."""
        return [p for p, alts in self.failing_alternatives().items() if alts]

    @property
    def passed(self) -> bool:
        """True when every discriminating pattern holds under the scenario as it is."""
        as_is = self.table[self.table["structure"] == AS_IS].set_index("pattern")["passed"]
        return bool(all(bool(as_is[p]) for p in self.discriminating()))


def discrimination_experiment(
    sc: Scenario, seeds: int, patterns: tuple[Pattern, ...] = PATTERNS
) -> tuple[Experiment, list[tuple[str, str]]]:
    """The batch: every structure (as is and each alternative) x every pattern variant x seeds.

    Args:
        sc: The scenario under test.
        seeds: Replicate seeds, shared by every point (common random numbers).
        patterns: The patterns to check.

    Returns:
        The list-design experiment and, for each design point, its (structure, variant).
    """
    vs = variants(sc, patterns)
    points, labels = [], []
    for s_name, s_over in structures(sc).items():
        for v_name, v_over in vs.items():
            points.append({**s_over, **v_over})
            labels.append((s_name, v_name))
    exp = Experiment(
        name=f"discriminate-{sc.name}",
        description=f"structural discrimination of {sc.name}: {len(structures(sc))} structures x {len(vs)} "
        f"variants x {seeds} seeds",
        scenario=sc,
        kind="list",
        points=tuple(points),
        replicates=seeds,
        master_seed=DISCRIMINATION_SEED,
        outputs=TABLES,
        source="plpbk validate --discriminate",
    )
    return exp, labels


def discriminate(
    sc: Scenario,
    seeds: int = 30,
    *,
    executor: str | Executor = "processes",
    workers: int | None = None,
    scheduler: str | None = None,
    out: str | Path | None = None,
    resume: bool = False,
    progress: bool | Callable[[int, int], None] = True,
    patterns: tuple[Pattern, ...] = PATTERNS,
) -> Discrimination:
    """Run every pattern under the scenario's structure and every alternative, and report.

    Args:
        sc: The scenario under test.
        seeds: Replicate seeds per structure and variant.
        executor: Batch executor (see ``run_experiment``).
        workers: Worker processes.
        scheduler: Address of a running Dask scheduler (with ``executor="dask"``).
        out: Output folder (default ``results/discriminate-<scenario>-<timestamp>``).
        resume: Finish an interrupted run in ``out``.
        progress: Progress bar or callback.
        patterns: The patterns to check.

    Returns:
        The patterns x structures table.
    """
    exp, labels = discrimination_experiment(sc, seeds, patterns)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    out = Path(out) if out is not None else Path("results") / f"discriminate-{sc.name}-{stamp}"
    run_experiment(exp, executor, workers=workers, scheduler=scheduler, out=out, resume=resume, progress=progress)
    res = open_results(out)
    rows = []
    for s_name, s_over in structures(sc).items():
        idx = {i: v for i, (s, v) in enumerate(labels) if s == s_name}
        data = PatternData(
            scenario=sc.with_values(s_over) if s_over else sc,
            summary=_only(res.summary, idx),
            timeseries=_only(res.timeseries, idx),
            events=_only(res.events, idx),
            wards=_only(res.wards, idx),
        )
        for r in evaluate(data, patterns):
            title = next(p.title for p in patterns if p.number == r.number)
            rows.append(
                {
                    "pattern": r.number,
                    "title": title,
                    "structure": s_name,
                    "value": r.value,
                    "ci_low": r.low,
                    "ci_high": r.high,
                    "passed": bool(r.passed),
                    "detail": r.detail,
                }
            )
    d = Discrimination(pd.DataFrame(rows), out)
    write_report(d, sc, seeds)
    return d


def _only(df: pd.DataFrame, idx: dict[int, str]) -> pd.DataFrame:
    """Rows of the given design points, labelled with their variant."""
    if df.empty:
        return df.assign(variant=pd.Series(dtype=object))
    return label_variants(df[df["point"].isin(list(idx))], idx)


def write_report(d: Discrimination, sc: Scenario, seeds: int) -> None:
    """Write ``discrimination.csv``, ``discrimination.md`` and ``discrimination.png``."""
    d.table.to_csv(d.out / "discrimination.csv", index=False)
    fig = plot_matrix(d)
    fig.savefig(d.out / "discrimination.png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    (d.out / "discrimination.md").write_text(markdown(d, sc, seeds))


def markdown(d: Discrimination, sc: Scenario, seeds: int) -> str:
    """The discrimination report in plain words."""
    m = d.matrix()
    fails = d.failing_alternatives()
    titles = d.table.drop_duplicates("pattern").set_index("pattern")["title"]
    disc = d.discriminating()
    lines = [
        f"# Structural discrimination: {sc.name}",
        "",
        f"Every pattern evaluated under the scenario's own structure (*{AS_IS}*) and under each "
        f"alternative of the `[structure]` table, {seeds} shared seeds per structure and variant. A pattern "
        "that no alternative fails is *not discriminating*: it does not count toward the verdict.",
        "",
        "| # | pattern | " + " | ".join(m.columns) + " |",
        "|---|---|" + "---|" * len(m.columns),
    ]
    vals = d.table.set_index(["pattern", "structure"])["value"]
    for p in m.index:
        cells = [f"{'pass' if m.loc[p, c] else '**FAIL**'} ({vals[(p, c)]:.3g})" for c in m.columns]
        lines.append(f"| {p} | {titles[p]} | " + " | ".join(cells) + " |")
    lines += ["", "## Verdict", ""]
    for p in m.index:
        as_is = "holds" if m.loc[p, AS_IS] else "FAILS"
        if fails[p]:
            lines.append(f"- Pattern {p} ({titles[p]}): {as_is} as is; fails under {', '.join(fails[p])}.")
        else:
            nd = "**not discriminating** (no alternative fails it)"
            lines.append(f"- Pattern {p} ({titles[p]}): {as_is} as is; {nd}.")
    n_ok = sum(bool(m.loc[p, AS_IS]) for p in disc)
    lines += [
        "",
        f"{len(disc)} of {len(m.index)} patterns discriminate; {n_ok} of those {len(disc)} hold under the "
        f"scenario as it is.",
        "",
        "![patterns x structures](discrimination.png)",
        "",
    ]
    return "\n".join(lines)


def plot_matrix(d: Discrimination) -> Any:
    """Heat map: patterns (rows) x structures (columns), pass green / fail red, values annotated."""
    m = d.matrix()
    vals = d.table.set_index(["pattern", "structure"])["value"]
    fig, ax = plt.subplots(figsize=(1.2 + 1.25 * len(m.columns), 0.9 + 0.45 * len(m.index)))
    colours = [["#4c9a2a" if bool(m.loc[p, c]) else "#c8553d" for c in m.columns] for p in m.index]
    for i, p in enumerate(m.index):
        for j, c in enumerate(m.columns):
            ax.add_patch(plt.Rectangle((j, i), 1, 1, color=colours[i][j], alpha=0.85))
            ax.text(j + 0.5, i + 0.5, f"{vals[(p, c)]:.3g}", ha="center", va="center", color="white", fontsize=8)
    ax.set_xlim(0, len(m.columns))
    ax.set_ylim(len(m.index), 0)
    ax.set_xticks([j + 0.5 for j in range(len(m.columns))], m.columns, rotation=35, ha="right", fontsize=8)
    titles = d.table.drop_duplicates("pattern").set_index("pattern")["title"]
    ax.set_yticks([i + 0.5 for i in range(len(m.index))], [f"{p} {titles[p]}" for p in m.index], fontsize=8)
    ax.set_title("Patterns under each model structure (green: holds, red: fails; value: the statistic)", fontsize=9)
    ax.tick_params(length=0)
    return fig
