"""The plots of a what-if: robustness (the headline), regret, and the futures where each option fails."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from simulator.analysis.plots import COLOURS
from simulator.i18n import num, param_label, pct, plot_text
from simulator.params import BY_NAME
from simulator.policy.effects import BASELINE, BY_COLUMN
from simulator.policy.whatif_analysis import WhatIf
from simulator.policy.whatif_spec import WhatIfSpec


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
    """An axis label: the parameter's name, with its label and unit below (the name alone if not a parameter)."""
    p = BY_NAME.get(name)
    if p is None:
        return name
    unit = f", {p.unit}" if p.unit not in ("-", "") else ""
    return f"{name}\n({param_label(name, lang, mid_sentence=True)}{unit})"


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


__all__ = ["plot_failures", "plot_regret", "plot_robustness"]
