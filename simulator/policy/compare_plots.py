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
from simulator.policy.effects import BASELINE, BY_COLUMN, OUTCOMES, Outcome, excludes_zero


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
        A figure with one panel per outcome that has a time series (two rows).
    """
    shown = [o for o in OUTCOMES if o.series is not None]
    cols = (len(shown) + 1) // 2
    fig, axes2 = plt.subplots(2, cols, figsize=(4.2 * cols, 6.6))
    axes = axes2.ravel()[: len(shown)]
    for ax in axes2.ravel()[len(shown) :]:
        ax.set_visible(False)
    keys = ["set", "replicate"] if "set" in ts.columns else ["replicate"]
    n = len(ts[ts["option"] == baseline][keys].drop_duplicates())
    for ax, o in zip(axes, shown, strict=True):
        assert o.series is not None
        for i, name in enumerate((baseline, policy)):
            d = ts[ts["option"] == name]
            if o.scale != 1.0:
                d = d.assign(**{o.series: d[o.series] * o.scale})
            shown_name = plot_text(lang, "baseline_name") if name == BASELINE else name
            draw_bands(ax, d, [o.series], [shown_name], styles=["--" if i == 0 else "-"], colours=[1 if i == 0 else 0])
        ax.set_ylabel(plot_text(lang, f"y_{o.series}"), fontsize=9)
        ax.set_title(plot_text(lang, f"t_{o.series}"), fontsize=10)
        ax.set_xlabel(plot_text(lang, "year"))
        if o.series == "sustained_share":
            ax.set_ylim(0, 102)
        elif o.series != "mean_trust_partner":  # counts and money start at 0
            ax.set_ylim(bottom=0)
        if start is not None:
            ax.axvline(start, color="grey", ls=":", lw=1.2, label=plot_text(lang, "starts"))
        ax.tick_params(labelsize=8)
    axes[0].legend(fontsize=8, loc="lower left")
    base_name = plot_text(lang, "baseline_name") if baseline == BASELINE else baseline
    fig.suptitle(plot_text(lang, "paths", policy=policy, baseline=base_name, n=n), fontsize=11)
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
    ncol = min(4, len(outs))
    nrow = (len(outs) + ncol - 1) // ncol
    fig, grid = plt.subplots(nrow, ncol, figsize=(3.6 * ncol, nrow * (1.6 + 0.5 * len(pols))), squeeze=False)
    for ax in grid.ravel()[len(outs) :]:
        ax.set_visible(False)
    axes = grid.ravel()[: len(outs)]
    for ax, col in zip(axes, outs, strict=True):
        o = BY_COLUMN.get(col, Outcome(col, col, "", None))
        e = effects[effects["outcome"] == col].set_index("policy").reindex(pols)
        y = np.arange(len(pols))[::-1]
        s = o.scale
        err = np.vstack([(e["diff"] - e["ci_low"]) * s, (e["ci_high"] - e["diff"]) * s])
        colours = [  # as the brief's bold: the interval, as printed, excludes 0
            (COLOURS[0] if lo > 0 else COLOURS[1]) if excludes_zero(lo * s, hi * s, o.digits) else "#888888"
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
        ax.set_yticks(np.arange(len(pols))[::-1], pols if ax in grid[:, 0] else [])
        ax.set_ylim(-0.6, len(pols) - 0.4)
    fig.suptitle(plot_text(lang, "effects"), fontsize=10)
    fig.tight_layout()
    return fig


HORIZON_LABELS = ("5y", "10y", "final")


def plot_horizons(horizons: pd.DataFrame, end: int, lang: str = "en", series: str = "sustained_share") -> Figure:
    """Each policy's paired effect on ``series`` 5 and 10 years after it starts and in the final year.

    Args:
        horizons: The output of :func:`simulator.policy.effects.horizon_effects`.
        end: The final year.
        lang: Language of the labels (``en`` or ``id``).
        series: The time-series outcome shown (the sustained share, in % of wards).

    Returns:
        A figure with the policies as rows and one marker per horizon (horizons past the run's end absent).
    """
    h = horizons[horizons["outcome"] == series] if not horizons.empty else horizons
    pols = list(dict.fromkeys(h["policy"])) if not h.empty else []
    fig, ax = plt.subplots(figsize=(7.5, 1.6 + 0.6 * max(len(pols), 1)))
    y0 = np.arange(len(pols))[::-1]
    markers = ("o", "s", "D")
    for k, lab in enumerate(HORIZON_LABELS):
        d = h[h["horizon"] == lab].set_index("policy") if not h.empty else h
        ys = [y0[i] + 0.22 * (1 - k) for i, p in enumerate(pols) if p in d.index]
        if not ys:
            continue
        e = d.loc[[p for p in pols if p in d.index]]
        err = np.vstack([(e["diff"] - e["ci_low"]) * 100, (e["ci_high"] - e["diff"]) * 100])
        name = plot_text(lang, f"h_{lab}", year=end)
        ax.errorbar(e["diff"] * 100, ys, xerr=err, fmt=markers[k], color=COLOURS[k], capsize=3, label=name)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_yticks(y0, pols)
    ax.set_ylim(-0.6, max(len(pols), 1) - 0.4)
    ax.set_xlabel(plot_text(lang, "horizons_x"), fontsize=9)
    ax.grid(axis="x", alpha=0.3)
    ax.tick_params(labelsize=8)
    ax.legend(fontsize=8, loc="best")
    ax.set_title(plot_text(lang, "horizons"), fontsize=10)
    fig.tight_layout()
    return fig


__all__ = ["HORIZON_LABELS", "plot_effects", "plot_horizons", "plot_paths"]
