"""An ablation in words and in a figure: ``ablation.md`` and ``ablation.png``.

:func:`report_markdown` writes the plain-words report (each variant's distinguishable
effects, with their 95% intervals); :func:`plot_ablation` draws every variant's effect
on every outcome. Both read a finished :class:`~simulator.analysis.ablation.Ablation`;
:mod:`simulator.analysis.ablation` writes the files and re-exports these functions.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from simulator.analysis.ablation_spec import BY_COLUMN, KINDS, OUTCOMES, Outcome, skip_reason, value_text

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from simulator.analysis.ablation import Ablation


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
        st = ", ".join(f"{k} = {value_text(v)}" for k, v in changed.items() if k.startswith("structure."))
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
