"""Matplotlib figures of the dashboard: yearly charts (baseline and policy together) and the network.

Figures are built with :class:`matplotlib.figure.Figure` (no ``pyplot`` global state), so
sessions drawing at the same time do not interfere. Tick labels go through the text layer's
:class:`simulator.i18n.plots.NumberFormatter` (:func:`~simulator.i18n.plots.localize_ticks`:
decimal comma and thousands dot in Bahasa Indonesia, whatever the server's locale); calendar
years are written without thousands separators.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import networkx as nx
import numpy as np
from matplotlib.axes import Axes
from matplotlib.cm import ScalarMappable
from matplotlib.colors import LinearSegmentedColormap, Normalize
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from simulator.dashboard.bands import Band, Bands
from simulator.dashboard.runs import Comparison
from simulator.i18n import fmt_num, place_name, t
from simulator.i18n.plots import NumberFormatter, localize_ticks
from simulator.model.model import PartnershipModel
from simulator.params import AID_FORMS

RUN_STYLE = {"baseline": "-", "policy": "--"}
"""Line style of each run: solid baseline, dashed policy."""

PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b")
FIGSIZE = (5.6, 2.8)
DPI = 90

TRUST_CMAP = LinearSegmentedColormap.from_list("trust", ["#b71c1c", "#ef6c00", "#f9a825", "#7cb342", "#1b5e20"])
"""Trust colours, low red to high green, dark enough in the middle to read on white."""

CHARTS: tuple[str, ...] = ("sector", "form", "proposals", "sustained", "trust", "aid", "decisions", "fees")
"""The yearly charts, in display order."""


def _frame(cmp: Comparison, title: str, ylabel: str, lang: str, ncols: int = 1) -> tuple[Figure, list]:
    fig = Figure(figsize=FIGSIZE, dpi=DPI)  # fixed margins: constrained layout doubles the drawing time
    fig.subplots_adjust(left=0.125, right=0.985, bottom=0.17, top=0.86 if ncols == 1 else 0.8, wspace=0.08)
    axes = fig.subplots(1, ncols, sharey=True, squeeze=False)[0].tolist()
    start = cmp.baseline.start_year
    for ax in axes:
        ax.set_xlim(start - 0.3, start + cmp.years - 1 + 0.3)
        ax.grid(alpha=0.3)
        ax.set_xlabel(t("year", lang))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=6))
        ax.spines[["top", "right"]].set_visible(False)
    axes[0].set_ylabel(ylabel)
    axes[0].yaxis.set_major_formatter(NumberFormatter(lang))  # shared y: one formatter serves every panel
    fig.suptitle(title, fontsize=11, fontweight="bold")
    return fig, axes


BAND_ALPHA = 0.16
"""Opacity of the baseline's shaded 5–95% band (the policy's band is hatched, so both stay readable)."""


def _band(ax, band: Band, col: str, run: str, color: str) -> None:
    """One run's 5–95% band of one column and its mean line (full horizon)."""
    if run == "baseline":
        ax.fill_between(band.year, band.low[col], band.high[col], color=color, alpha=BAND_ALPHA, lw=0)
    else:
        ax.fill_between(
            band.year, band.low[col], band.high[col], facecolor="none", edgecolor=color, hatch="////", alpha=0.4, lw=0
        )
    ax.plot(band.year, band.mean[col], RUN_STYLE[run], color=color, lw=2)


def _lines(
    ax,
    cmp: Comparison,
    cols: Sequence[tuple[str, str]],
    lang: str,
    colors: Sequence[str] = PALETTE,
    bands: Bands | None = None,
) -> None:
    """Draw each ``(column, label key)`` for every run: colour by column, line style by run.

    With ``bands``, each run's band and mean line are drawn behind; the stepped seed's lines
    are then thin, with a dot per year.
    """
    handles = []
    for (col, key), color in zip(cols, colors, strict=False):
        for run, band in bands.runs.items() if bands is not None else ():
            _band(ax, band, col, run, color)
        for run, _ in cmp.models:
            s = cmp.series(run)
            if bands is not None:
                ax.plot(s["year"], s[col], RUN_STYLE[run], color=color, lw=1.1, marker="o", ms=2.5, alpha=0.9)
            else:
                ax.plot(s["year"], s[col], RUN_STYLE[run], color=color, lw=2, marker="o" if len(s["year"]) < 2 else "")
        handles.append(Line2D([], [], color=color, lw=2, label=t(key, lang)))
    _legend(ax, cmp, handles, lang, bands)


def _legend(ax, cmp: Comparison, handles: list, lang: str, bands: Bands | None = None) -> None:
    if cmp.policy is not None or (bands is not None and "policy" in bands.runs):
        handles = [
            *handles,
            Line2D([], [], color="0.3", ls="-", lw=2, label=t("baseline", lang)),
            Line2D([], [], color="0.3", ls="--", lw=2, label=cmp.policy_name or t("policy_run", lang)),
        ]
    ax.legend(handles=handles, fontsize=7.5, loc="best", frameon=False, ncol=2 if len(handles) > 4 else 1)


def _ymax(cmp: Comparison, cols: Sequence[str], floor: float, bands: Bands | None = None) -> float:
    top = floor
    arrays = [cmp.series(run)[c] for run, _ in cmp.models for c in cols]
    if bands is not None:
        arrays += [band.high[c] for band in bands.runs.values() for c in cols]
    for a in arrays:
        v = a[np.isfinite(a)]
        if len(v):
            top = max(top, float(v.max()))
    return top * 1.35


ChartSpec = tuple[str, str, tuple[tuple[str, str], ...], tuple[str, ...], float | None]
"""A one-panel chart: title key, y-label key, ``(column, label key)`` pairs, colours, and the
lowest top of the y axis (None: the axis is 0–1)."""

CHART_SPECS: dict[str, ChartSpec] = {
    "sector": (
        "chart_sector",
        "partnerships",
        (("partnerships_government", "government"), ("partnerships_private", "private")),
        PALETTE,
        4,
    ),
    "form": ("chart_form", "partnerships", tuple((f"partnerships_{f}", f) for f in AID_FORMS), PALETTE, 4),
    "sustained": ("chart_sustained", "share", (("sustained_share", "sustained"),), ("#2ca02c",), None),
    "trust": (
        "chart_trust",
        "trust",
        (
            ("mean_trust_partner_live", "trust_partner"),
            ("mean_trust_bkm_live", "trust_bkm"),
            ("mean_trust_ward", "trust_ward"),
        ),
        ("#9467bd", "#8c564b", "#17becf"),
        None,
    ),
    "aid": ("chart_aid", "rp_million_year", tuple((f"aid_{f}", f) for f in AID_FORMS), PALETTE, 10),
    "decisions": (
        "chart_decisions",
        "partnerships_year",
        (
            ("partnerships_started", "started"),
            ("partnerships_renewed", "renewed"),
            ("partnerships_scaled_down", "scaled_down"),
            ("partnerships_ended", "ended"),
        ),
        ("#2ca02c", "#1f77b4", "#ff7f0e", "#d62728"),
        4,
    ),
    "fees": (
        "chart_fees",
        "rp_million_year",
        (
            ("fees_potential", "fees_potential"),
            ("fees_collected", "fees_collected"),
            ("upkeep_need", "upkeep_need"),
            ("upkeep_paid", "upkeep_paid"),
        ),
        ("#bcbd22", "#2ca02c", "#7f7f7f", "#8c564b"),
        10,
    ),
}
"""Every one-panel chart of :data:`CHARTS` (``proposals`` has a panel per route)."""


def chart(cmp: Comparison, which: str, lang: str = "en", bands: Bands | None = None) -> Figure:
    """One yearly chart of a comparison (``which`` is one of :data:`CHARTS`).

    Args:
        cmp: The session's runs on one seed (drawn as far as they were stepped).
        which: Which chart.
        lang: Label language.
        bands: Mean and 5–95% band of each run over several seeds, drawn for the whole horizon
            behind the stepped seed's lines; None draws the seed's lines only.

    Returns:
        The figure.

    Raises:
        ValueError: On an unknown chart.
    """
    if which == "proposals":
        fig, axes = _frame(cmp, t("chart_proposals", lang), t("proposals", lang), lang, ncols=2)
        top = 4.0
        for ax, route in zip(axes, ("government", "private"), strict=True):
            cols = [(f"proposals_{w}_{route}", w) for w in ("sent", "answered", "accepted")]
            _lines(ax, cmp, cols, lang, ("#7f7f7f", "#1f77b4", "#2ca02c"), bands)
            ax.set_title(t(route, lang), fontsize=9)
            top = max(top, _ymax(cmp, [c for c, _ in cols], 4, bands))
        axes[0].set_ylim(0, top)
        axes[1].get_legend().remove()
        return localize_ticks(fig, lang)
    if which not in CHART_SPECS:
        raise ValueError(f"unknown chart {which!r} (choose from {', '.join(CHARTS)})")
    title, ylabel, spec_cols, colors, floor = CHART_SPECS[which]
    fig, (ax,) = _frame(cmp, t(title, lang), t(ylabel, lang), lang)
    _lines(ax, cmp, spec_cols, lang, colors, bands)
    ax.set_ylim(0, 1.05 if floor is None else _ymax(cmp, [c for c, _ in spec_cols], floor, bands))
    return localize_ticks(fig, lang)


def pair_aid(model: PartnershipModel) -> np.ndarray:
    """Aid delivered so far on each partner-ward pair (Rp million), shape (partners, wards)."""
    log = model.event_log()
    out = np.zeros((model.n_partners, model.n_wards))
    if len(log["event"]):
        ok = (log["event"] == "delivery") & (log["status"] == "succeeded")
        np.add.at(out, (log["partner"][ok].astype(int), log["ward"][ok].astype(int)), log["amount"][ok])
    return out


NETWORK_MAX_WARDS = 400
"""Above this many wards the network is not drawn (a ring of thousands of nodes says nothing and takes long)."""


def network(model: PartnershipModel, title: str, lang: str = "en") -> Figure:
    """The partnership network: wards (outer ring) and partners (inner ring), live links by trust and aid.

    A scenario with more than ``NETWORK_MAX_WARDS`` wards (``national``) gets a note instead.
    """
    fig = Figure(figsize=(8.2, 5.6), dpi=DPI, layout="constrained")
    ax = fig.subplots()
    ax.set_axis_off()
    ax.set_title(title, fontsize=11, fontweight="bold")
    W = model.n_wards
    if W > NETWORK_MAX_WARDS:
        note = t("net_too_big", lang, most=fmt_num(NETWORK_MAX_WARDS, lang), n=fmt_num(W, lang))
        ax.text(0.5, 0.5, note, ha="center", va="center", fontsize=10, wrap=True, transform=ax.transAxes)
        return fig
    graph, wards, partners = _network_graph(model)
    pos = nx.shell_layout(graph, nlist=[partners, wards], rotate=0)
    _draw_links(graph, pos, ax)
    _draw_nodes(model, graph, pos, ax, wards, partners)
    if W <= 40:
        for i, b in enumerate(model.bkms):
            x, y = pos[f"w{i}"]
            ax.annotate(
                place_name(b.name, lang),
                (x, y),
                xytext=(x * 1.13, y * 1.13),
                fontsize=6.5,
                ha="center",
                va="center",
                color="0.3",
            )
    _network_keys(fig, ax, lang)
    ax.set_aspect("equal")
    return localize_ticks(fig, lang)


def _network_graph(model: PartnershipModel) -> tuple[nx.Graph, list[str], list[str]]:
    """The graph of wards and partners with an edge per live partnership (its trust and aid)."""
    graph = nx.Graph()
    wards = [f"w{i}" for i in range(model.n_wards)]
    partners = [f"p{j}" for j in range(model.n_partners)]
    graph.add_nodes_from(wards + partners)
    aid = pair_aid(model)
    live = np.nonzero(model.alive)[0]
    for k, p, w in zip(live.tolist(), model.pairs.partner[live].tolist(), model.pairs.ward[live].tolist(), strict=True):
        graph.add_edge(f"p{p}", f"w{w}", trust=float(model.trust_partner[k]), aid=float(aid[p, w]))
    return graph, wards, partners


def _draw_links(graph: nx.Graph, pos: dict[str, Any], ax: Axes) -> None:
    """The live partnerships: colour by trust, width by aid."""
    edges = list(graph.edges(data=True))
    if not edges:
        return
    top = max(max(d["aid"] for _, _, d in edges), 1.0)
    nx.draw_networkx_edges(
        graph,
        pos,
        ax=ax,
        edgelist=[(a, b) for a, b, _ in edges],
        edge_color=[d["trust"] for _, _, d in edges],
        edge_cmap=TRUST_CMAP,
        edge_vmin=0,
        edge_vmax=1,
        width=[0.8 + 4.5 * d["aid"] / top for _, _, d in edges],
        alpha=0.85,
    )


def _draw_nodes(
    model: PartnershipModel, graph: nx.Graph, pos: dict[str, Any], ax: Axes, wards: list[str], partners: list[str]
) -> None:
    """Wards (size by capacity, green when sustained), agencies (squares) and firms (triangles)."""
    G = model.n_gov
    nx.draw_networkx_nodes(
        graph,
        pos,
        nodelist=wards,
        ax=ax,
        node_size=60 + 240 * model.capacity,
        node_color=np.where(model.sustained, "#2ca02c", "#bdbdbd"),
        edgecolors="0.25",
        linewidths=0.6,
    )
    nx.draw_networkx_nodes(
        graph,
        pos,
        nodelist=partners[:G],
        ax=ax,
        node_size=170,
        node_shape="s",
        node_color="#1f77b4",
        edgecolors="0.2",
    )
    nx.draw_networkx_nodes(
        graph,
        pos,
        nodelist=partners[G:],
        ax=ax,
        node_size=190,
        node_shape="^",
        node_color="#ff7f0e",
        edgecolors="0.2",
    )


def _network_keys(fig: Figure, ax: Axes, lang: str) -> None:
    """The trust colour bar and the legend of node kinds."""
    sm = ScalarMappable(norm=Normalize(0, 1), cmap=TRUST_CMAP)
    cbar = fig.colorbar(sm, ax=ax, shrink=0.6, label=t("net_trust", lang))
    cbar.ax.yaxis.set_major_formatter(NumberFormatter(lang))
    handles = [
        Line2D([], [], marker="o", ls="", color="#bdbdbd", mec="0.25", ms=8, label=t("net_ward", lang)),
        Line2D([], [], marker="o", ls="", color="#2ca02c", mec="0.25", ms=8, label=t("net_ward_sustained", lang)),
        Line2D([], [], marker="s", ls="", color="#1f77b4", ms=8, label=t("net_gov", lang)),
        Line2D([], [], marker="^", ls="", color="#ff7f0e", ms=8, label=t("net_firm", lang)),
    ]
    fig.legend(handles=handles, loc="upper left", fontsize=8, frameon=False)
