"""Pattern-oriented calibration by filtering (rejection of parameter sets).

Sample the uncertain parameters (a Latin hypercube over their ranges), run every
sampled set with the variants the patterns need and several seeds, and keep the
sets for which every pattern holds (Grimm et al. 2005; Hartig et al. 2011).
The report gives the accepted share, each parameter's accepted range, whether
the scenario's own values lie inside it, and a pair plot.

The accepted sets are also written to ``ensemble.toml`` (see
:mod:`simulator.analysis.ensemble`), which ``plpbk compare --ensemble`` and
``plpbk whatif --ensemble`` run over. The method is rejection ABC (approximate
Bayesian computation by rejection) with a pass/fail acceptance rule: a sampled set
is kept when every pattern holds. It is simple, exact for a pass/fail rule (the
accepted sets are a sample of the prior restricted to the region where all
patterns hold), and runs through the existing batch engine; sequential ABC
(e.g. pyabc's ABC-SMC) needs a distance to shrink a tolerance on, not a
pass/fail rule. When no sampled set is accepted, no ensemble file is written.

The filter itself (``filter_sets``, ``accepted_ranges``) takes any pass/fail
function, so it is tested on toy models whose accepted region is known.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from simulator.analysis.patterns import PATTERNS, Pattern, PatternData, evaluate, variants
from simulator.batch.engine import run_experiment
from simulator.batch.experiment import Experiment, point_values
from simulator.batch.limits import check_runs
from simulator.errors import RunsFailed
from simulator.outcomes import TABLES
from simulator.store import open_results


@dataclass
class Calibration:
    """The outcome of ``calibrate``.

    Attributes:
        design: The sampled parameter sets (one row per set; ``set`` 0 is the scenario's own values).
        checks: One row per set: a pass/fail column per pattern and ``accepted``.
        ranges: One row per parameter: sampled and accepted ranges, the scenario's value, inside or not.
        out: The folder holding the batch and the report.
        ensemble: The ensemble file written (``ensemble.toml``), or None when no sampled set was accepted.
    """

    design: pd.DataFrame
    checks: pd.DataFrame
    ranges: pd.DataFrame
    out: Path
    ensemble: Path | None = None

    @property
    def accepted_sets(self) -> pd.DataFrame:
        """The accepted sampled sets (the scenario's own set 0 excluded): ``set`` and one column per parameter."""
        acc = self.checks["accepted"].to_numpy(dtype=bool, copy=True)
        acc[0] = False
        return self.design[acc]

    @property
    def accepted_share(self) -> float:
        """Share of the sampled sets (the scenario's own set excluded) that were accepted."""
        return float(self.checks["accepted"].iloc[1:].mean())

    @property
    def defaults_accepted(self) -> bool:
        """Whether the scenario's own parameter set passes every pattern."""
        return bool(self.checks["accepted"].iloc[0])


def filter_sets(design: pd.DataFrame, check: Callable[[int], dict[str, bool]]) -> pd.DataFrame:
    """Evaluate every parameter set and keep those for which all checks pass.

    Args:
        design: One row per parameter set.
        check: For a row index, the verdict of each check (name -> passed).

    Returns:
        One row per set: a column per check and ``accepted`` (all passed).
    """
    rows = [check(i) for i in range(len(design))]
    out = pd.DataFrame(rows, index=design.index)
    out["accepted"] = out.all(axis=1) if len(out.columns) else True
    return out


def accepted_ranges(
    design: pd.DataFrame, accepted: pd.Series, factors: Sequence[str], own: dict[str, Any]
) -> pd.DataFrame:
    """Each factor's sampled range and the range of the accepted sets.

    Args:
        design: The parameter sets.
        accepted: Whether each set was accepted.
        factors: The sampled parameters.
        own: The scenario's own value of each factor.

    Returns:
        One row per factor: sampled_low/high, accepted_min/max, accepted_p5/p95,
        own value, and whether it lies within the accepted min-max.
    """
    rows = []
    acc = design[accepted.to_numpy(dtype=bool)]
    for f in factors:
        x = pd.to_numeric(acc[f], errors="coerce")
        lo, hi = (float(x.min()), float(x.max())) if len(x) else (float("nan"), float("nan"))
        rows.append(
            {
                "parameter": f,
                "sampled_low": float(design[f].min()),
                "sampled_high": float(design[f].max()),
                "accepted_min": lo,
                "accepted_max": hi,
                "accepted_p5": float(x.quantile(0.05)) if len(x) else float("nan"),
                "accepted_p95": float(x.quantile(0.95)) if len(x) else float("nan"),
                "own_value": float(own[f]),
                "own_inside": bool(len(x) and lo <= float(own[f]) <= hi),
            }
        )
    return pd.DataFrame(rows)


def calibration_batch(exp: Experiment, patterns: tuple[Pattern, ...] = PATTERNS) -> tuple[Experiment, pd.DataFrame]:
    """The batch calibration runs: (scenario's own set + sampled sets) x variants x seeds.

    Args:
        exp: An lhs (or other) experiment over the uncertain parameters.
        patterns: The patterns every set must reproduce.

    Returns:
        The list-design experiment to run, and the sets table (``set`` 0 = own values).
    """
    vs = variants(exp.scenario, patterns)
    check_runs(
        (exp.n_points + 1) * len(vs) * exp.replicates,
        exp.source or exp.name,
        f"{exp.n_points + 1:,} parameter sets × {len(vs)} pattern variants × {exp.replicates} seeds",
    )
    design = exp.design()
    factors = [c for c in design.columns if c != "point"]
    own = {f: exp.scenario.values[f] for f in factors}
    sets = pd.concat([pd.DataFrame([own]), design[factors]], ignore_index=True)
    sets.insert(0, "set", np.arange(len(sets), dtype=np.int64))
    points = []
    for i in range(len(sets)):
        base = point_values(sets.drop(columns="set"), i)
        for v in vs.values():
            points.append({**base, **v})
    batch = replace(
        exp,
        name=f"calibrate-{exp.name}",
        kind="list",
        factors=(),
        points=tuple(points),
        outputs=TABLES,  # patterns 1 and 2 read partnerships' histories
    )
    return batch, sets


def calibrate(
    exp: Experiment,
    *,
    executor: str | Executor = "processes",
    workers: int | None = None,
    scheduler: str | None = None,
    out: str | Path | None = None,
    resume: bool = False,
    progress: bool | Callable[[int, int], None] = True,
    patterns: tuple[Pattern, ...] = PATTERNS,
) -> Calibration:
    """Calibrate by filtering: keep the parameter sets for which every pattern holds.

    Args:
        exp: An experiment whose design samples the uncertain parameters (usually
            ``kind = "lhs"``); its replicates are the seeds per set and variant.
        executor: Batch executor.
        workers: Worker processes.
        scheduler: Address of a running Dask scheduler (with ``executor="dask"``).
        out: Output folder (default ``results/calibrate-<name>-<timestamp>``).
        resume: Finish an interrupted calibration in ``out``.
        progress: Progress bar or callback.
        patterns: The patterns to require.

    Returns:
        The sets, their pattern checks, the accepted ranges and the output folder.
    """
    batch, sets = calibration_batch(exp, patterns)
    out = Path(out) if out is not None else Path("results") / f"calibrate-{exp.name}-{time.strftime('%Y%m%d-%H%M%S')}"
    rep = run_experiment(
        batch, executor, workers=workers, scheduler=scheduler, out=out, resume=resume, progress=progress
    )
    if rep.failures:
        raise RunsFailed(out, rep.failures, " (every set needs all its runs to be judged)")
    res = open_results(out)
    names = list(variants(exp.scenario, patterns))
    nv = len(names)
    tables = {k: res.table(k) for k in ("summary", "timeseries", "events", "wards")}
    for k, df in tables.items():
        if len(df):
            tables[k] = df.assign(set=df["point"] // nv, variant=df["point"].map(lambda p: names[p % nv]))
    factors = [c for c in sets.columns if c != "set"]
    grouped = {k: dict(tuple(df.groupby("set"))) if len(df) else {} for k, df in tables.items()}

    def check(i: int) -> dict[str, bool]:
        sc = exp.scenario.with_values(point_values(sets.drop(columns="set"), i), origin=f"set {i}")
        empty = pd.DataFrame(columns=["variant", "replicate"])
        data = PatternData(sc, *(grouped[k].get(i, empty) for k in ("summary", "timeseries", "events", "wards")))
        return {f"pattern_{r.number}": bool(r.passed) for r in evaluate(data, patterns)}

    checks = filter_sets(sets, check)
    checks.insert(0, "set", sets["set"])
    own = {f: exp.scenario.values[f] for f in factors}
    ranges = accepted_ranges(sets.iloc[1:], checks["accepted"].iloc[1:], factors, own)
    cal = Calibration(sets, checks, ranges, out)
    cal.ensemble = write_calibrated_ensemble(cal, exp, patterns)
    write_report(cal, exp, factors)
    return cal


def write_calibrated_ensemble(cal: Calibration, exp: Experiment, patterns: Sequence[Pattern]) -> Path | None:
    """Write ``ensemble.toml``: the accepted sampled sets (the scenario's own set excluded).

    Returns:
        The file written, or None when no sampled set was accepted (no file is written,
        and a stale one from an earlier run in the folder is removed).
    """
    from simulator.analysis.ensemble import METHOD, write_ensemble
    from simulator.store import git_revision, now

    path = cal.out / "ensemble.toml"
    acc = cal.accepted_sets
    if acc.empty:
        path.unlink(missing_ok=True)
        return None
    factors = [c for c in acc.columns if c != "set"]
    header = {
        "scenario": exp.scenario.name,
        "calibration": exp.name,
        "source": exp.source,
        "method": METHOD,
        "patterns": [int(p.number) for p in patterns],
        "revision": git_revision() or "unknown",
        "date": now(),
        "sampled": len(cal.design) - 1,
    }
    rows = [point_values(acc[factors].reset_index(drop=True), i) for i in range(len(acc))]
    return write_ensemble(path, rows, header, ids=[int(x) for x in acc["set"]])


def write_report(cal: Calibration, exp: Experiment, factors: Sequence[str]) -> None:
    """Write ``calibration.md``, ``sets.csv``, ``ranges.csv`` and ``pairs.png``."""
    out = cal.out
    cal.design.merge(cal.checks, on="set").to_csv(out / "sets.csv", index=False)
    cal.ranges.to_csv(out / "ranges.csv", index=False)
    fig = pair_plot(cal.design.iloc[1:], cal.checks["accepted"].iloc[1:], factors, cal.design.iloc[0])
    fig.savefig(out / "pairs.png", dpi=90)
    plt.close(fig)
    pats = [c for c in cal.checks.columns if c.startswith("pattern_")]
    lines = [
        f"# Calibration by filtering: {exp.name}",
        "",
        f"{len(cal.design) - 1} parameter sets sampled ({exp.kind}), each run with every pattern's variants "
        f"and {exp.replicates} seeds. **{cal.accepted_share:.0%} of the sets reproduce all {len(pats)} patterns.** "
        f"The scenario's own values ({exp.scenario.name}) "
        + ("pass every pattern." if cal.defaults_accepted else "do NOT pass every pattern."),
        "",
        "Share of sampled sets passing each pattern: "
        + ", ".join(f"{p.split('_')[1]}: {cal.checks[p].iloc[1:].mean():.0%}" for p in pats)
        + ".",
        "",
        "| parameter | sampled | accepted (min-max) | accepted 5-95% | scenario value | inside |",
        "|---|---|---|---|---|---|",
    ]
    for _, r in cal.ranges.iterrows():
        lines.append(
            f"| `{r['parameter']}` | {r['sampled_low']:.3g}-{r['sampled_high']:.3g} | "
            f"{r['accepted_min']:.3g}-{r['accepted_max']:.3g} | {r['accepted_p5']:.3g}-{r['accepted_p95']:.3g} | "
            f"{r['own_value']:.3g} | {'yes' if r['own_inside'] else 'NO'} |"
        )
    n_acc = len(cal.accepted_sets)
    if cal.ensemble is not None:
        lines += [
            "",
            f"**Ensemble:** the {n_acc} accepted sets are in `ensemble.toml` (method: rejection ABC, all patterns "
            "must hold); run policies over them with `plpbk compare --ensemble` or `plpbk whatif --ensemble`.",
        ]
    else:
        lines += [
            "",
            "**No ensemble written:** no sampled set reproduces every pattern, so there is no `ensemble.toml`.",
        ]
    lines += ["", "![accepted (dark) and rejected (light) sets](pairs.png)", ""]
    (out / "calibration.md").write_text("\n".join(lines))


def pair_plot(design: pd.DataFrame, accepted: pd.Series, factors: Sequence[str], own: pd.Series) -> Any:
    """Scatter matrix of the sampled sets: accepted dark, rejected light, the scenario's values as a star."""
    k = len(factors)
    fig, axes = plt.subplots(k, k, figsize=(2.2 * k + 1, 2.2 * k + 1), squeeze=False)
    acc = accepted.to_numpy(dtype=bool)
    for i, fy in enumerate(factors):
        for j, fx in enumerate(factors):
            ax = axes[i][j]
            if i == j:
                x = pd.to_numeric(design[fx], errors="coerce")
                ax.hist([x[~acc], x[acc]], bins=12, stacked=True, color=["#cccccc", "#1b6ca8"])
            else:
                ax.scatter(design[fx][~acc], design[fy][~acc], s=6, color="#cccccc")
                ax.scatter(design[fx][acc], design[fy][acc], s=8, color="#1b6ca8")
                ax.scatter([own[fx]], [own[fy]], marker="*", s=80, color="#d1495b")
            if i == k - 1:
                ax.set_xlabel(fx, fontsize=7)
            if j == 0:
                ax.set_ylabel(fy, fontsize=7)
            ax.tick_params(labelsize=6)
    fig.suptitle("Calibration by filtering: accepted (blue) and rejected (grey) sets; star = scenario", fontsize=9)
    fig.tight_layout()
    return fig
