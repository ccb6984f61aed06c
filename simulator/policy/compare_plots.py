"""The plots of a paired comparison: time paths of the baseline and a policy, and the paired effects."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from simulator.analysis.plots import COLOURS, draw_bands
from simulator.i18n import outcome_axis, plot_text
from simulator.policy.effects import BASELINE, BY_COLUMN, OUTCOMES, Outcome


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
        title = outcome_axis(col, lang) if col in BY_COLUMN else f"{o.label}\n({o.unit.split(',')[0]})"
        ax.set_title(title, fontsize=9)
        ax.grid(axis="x", alpha=0.3)
        ax.tick_params(labelsize=8)
    axes[0].set_yticks(np.arange(len(pols))[::-1], pols)
    axes[0].set_ylim(-0.6, len(pols) - 0.4)
    fig.suptitle(plot_text(lang, "effects"), fontsize=10)
    fig.tight_layout()
    return fig


__all__ = ["plot_effects", "plot_paths"]
