"""Time-series plots with the mean and a 5-95% band across seeds.

Every function takes a ``timeseries`` table (one row per run and year, as
``RunResult.timeseries`` or the results store give it) and returns a matplotlib
Figure; ``save_run_plots`` writes the standard set of PNG (and SVG) files.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from simulator.params import AID_FORMS

COLOURS = ("#1b6ca8", "#d1495b", "#2e933c", "#edae49", "#66468c", "#00798c")


def band(ts: pd.DataFrame, column: str, lo: float = 5, hi: float = 95) -> pd.DataFrame:
    """Mean and percentile band of one column across runs, by year.

    Args:
        ts: Time-series table with ``year`` and the column.
        column: Column to summarise.
        lo: Lower percentile.
        hi: Upper percentile.

    Returns:
        A frame indexed by year with columns mean, lo, hi, n.
    """
    g = ts.groupby("year")[column]
    return pd.DataFrame(
        {
            "mean": g.mean(),
            "lo": g.quantile(lo / 100.0),
            "hi": g.quantile(hi / 100.0),
            "n": g.size(),
        }
    )


def draw_bands(
    ax: Axes,
    ts: pd.DataFrame,
    columns: Sequence[str],
    labels: Sequence[str],
    styles: Sequence[str] | None = None,
    colours: Sequence[int] | None = None,
) -> None:
    """Draw mean lines with 5-95% bands for several columns on one axis."""
    for i, (col, label) in enumerate(zip(columns, labels, strict=True)):
        b = band(ts, col)
        colour = COLOURS[(colours[i] if colours else i) % len(COLOURS)]
        ax.plot(b.index, b["mean"], color=colour, lw=2, ls=(styles[i] if styles else "-"), label=label)
        if b["n"].max() > 1:
            ax.fill_between(b.index, b["lo"], b["hi"], color=colour, alpha=0.18, lw=0)
    ax.grid(alpha=0.3)
    ax.set_xlabel("year")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))


def _caption(ts: pd.DataFrame) -> str:
    n = ts.groupby("year").size().max()
    name = ", ".join(sorted(set(map(str, ts["scenario"])))) if "scenario" in ts else ""
    spread = "mean and 5-95% band" if n > 1 else "single run"
    return f"{name}: {n} run{'s' if n != 1 else ''}, {spread}"


def plot_partnerships(ts: pd.DataFrame) -> Figure:
    """Active partnerships by partner sector and by aid form."""
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2), sharey=True)
    draw_bands(
        axes[0], ts, ["partnerships_government", "partnerships_private"], ["government agencies", "private firms (CSR)"]
    )
    axes[0].set_title("by partner sector")
    axes[0].set_ylabel("active partnerships (count)")
    draw_bands(axes[1], ts, [f"partnerships_{f}" for f in AID_FORMS], [f"{f} aid" for f in AID_FORMS])
    axes[1].set_title("by form of the latest aid")
    for ax in axes:
        ax.legend(fontsize=8, loc="upper right")
        ax.set_ylim(bottom=0)
    fig.suptitle(f"Active partnerships ({_caption(ts)})", fontsize=11)
    fig.tight_layout()
    return fig


def plot_proposals(ts: pd.DataFrame) -> Figure:
    """Proposals sent, answered and accepted on each route."""
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2), sharey=True)
    for ax, route in zip(axes, ("government", "private"), strict=True):
        cols = [f"proposals_{w}_{route}" for w in ("sent", "answered", "accepted")]
        draw_bands(ax, ts, cols, ["sent", "answered", "accepted"])
        ax.set_title(f"{route} route" + (" (paid the year after acceptance)" if route == "government" else " (CSR)"))
        ax.legend(fontsize=8, loc="upper right")
        ax.set_ylim(bottom=0)
    axes[0].set_ylabel("proposals per year (count)")
    fig.suptitle(f"Proposals by route ({_caption(ts)})", fontsize=11)
    fig.tight_layout()
    return fig


def plot_sustained(ts: pd.DataFrame) -> Figure:
    """Share of wards whose programme is sustained."""
    fig, ax = plt.subplots(figsize=(7.5, 4.2))
    draw_bands(
        ax,
        ts,
        ["sustained_share", "wards_with_partnership"],
        ["programme sustained", "ward has a live partnership"],
        styles=["-", "--"],
    )
    ax.set_ylim(0, 1.02)
    ax.set_ylabel("share of wards (0-1)")
    ax.legend(fontsize=8, loc="upper right")
    ax.set_title(f"Programme sustainability ({_caption(ts)})", fontsize=11)
    fig.tight_layout()
    return fig


def plot_trust(ts: pd.DataFrame) -> Figure:
    """Mean trust within live partnerships and among all pairs that have been in contact."""
    fig, ax = plt.subplots(figsize=(7.5, 4.2))
    draw_bands(
        ax,
        ts,
        ["mean_trust_partner_live", "mean_trust_bkm_live", "mean_trust_partner", "mean_trust_bkm"],
        [
            "partners' trust in BKMs, live partnerships",
            "BKMs' trust in partners, live partnerships",
            "partners' trust in BKMs, all pairs in contact",
            "BKMs' trust in partners, all pairs in contact",
        ],
        styles=["-", "-", "--", "--"],
        colours=[0, 1, 0, 1],
    )
    ax.set_ylim(0, 1.02)
    ax.set_ylabel("mean trust (0-1)")
    ax.legend(fontsize=8, loc="lower left")
    ax.set_title(f"Trust between BKMs and partners ({_caption(ts)})", fontsize=11)
    fig.tight_layout()
    return fig


def plot_aid(ts: pd.DataFrame) -> Figure:
    """Aid delivered per year by form."""
    fig, ax = plt.subplots(figsize=(7.5, 4.2))
    draw_bands(ax, ts, [f"aid_{f}" for f in AID_FORMS], [f"{f} aid" for f in AID_FORMS])
    ax.set_ylabel("aid delivered (Rp million / year)")
    ax.set_ylim(bottom=0)
    ax.legend(fontsize=8, loc="upper right")
    ax.set_title(f"Aid delivered by form ({_caption(ts)})", fontsize=11)
    fig.tight_layout()
    return fig


RUN_PLOTS = {
    "partnerships": plot_partnerships,
    "proposals": plot_proposals,
    "sustained": plot_sustained,
    "trust": plot_trust,
    "aid": plot_aid,
}


def save_run_plots(ts: pd.DataFrame, folder: Path, svg: bool = False) -> list[Path]:
    """Write the standard run plots as PNG (and SVG) files.

    Args:
        ts: Time-series table.
        folder: Where to write (created if missing).
        svg: Also write SVG files.

    Returns:
        The files written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, fn in RUN_PLOTS.items():
        fig = fn(ts)
        for ext in ("png", "svg") if svg else ("png",):
            path = folder / f"{name}.{ext}"
            fig.savefig(path, dpi=110)
            out.append(path)
        plt.close(fig)
    return out


__all__ = ["RUN_PLOTS", "band", "draw_bands", "save_run_plots"]
