"""The plots of a what-if: robustness (the headline), regret, and the futures where each option fails."""

from __future__ import annotations

from itertools import combinations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from simulator.analysis.plots import COLOURS
from simulator.i18n import num, param_label, pct, plot_text, unit_label
from simulator.params import BY_NAME
from simulator.policy.effects import BASELINE, BY_COLUMN
from simulator.policy.prim import Box
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
    unit = f", {unit_label(p.unit, lang)}" if p.unit not in ("-", "") else ""
    return f"{name}\n({param_label(name, lang, mid_sentence=True)}{unit})"


def _option_labels(wi: WhatIf, lang: str, packages: bool = False) -> list[str]:
    """The options as the plots name them: the baseline in the language's words; packages marked if asked."""
    pk = {o for r in wi.results.values() for o in r.packages} if packages else set()
    return [
        (plot_text(lang, "base_opt") if o == BASELINE else o) + (plot_text(lang, "package") if o in pk else "")
        for o in wi.spec.options
    ]


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
    axes[0][0].set_yticks(y, _option_labels(wi, lang, packages=True))
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
            tick_labels=_option_labels(wi, lang)[::-1],
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


def failure_panels(wi: WhatIf, scenario: str) -> list[tuple[str, tuple[str, str]]]:
    """The panels of :func:`plot_failures`: ``(option, (x, y))`` for every pair of each box's restricted parameters.

    A box restricting one parameter is drawn against the next uncertain parameter; an option with
    no box (it never or always misses) on the first two. With a single uncertain parameter both
    axes show it.
    """
    names = [f.name for f in wi.spec.factors]
    out = []
    for o in wi.spec.options:
        res = wi.results[scenario].prim[o]
        dims = list(res.chosen_box.restricted) if res is not None else []
        if len(dims) >= 2:
            out += [(o, pair) for pair in combinations(dims, 2)]
            continue
        dims += [nm for nm in names if nm not in dims][: 2 - len(dims)]
        out.append((o, (dims[0], dims[-1])))
    return out


def plot_failures(wi: WhatIf, scenario: str, lang: str = "en") -> Figure:
    """Where each option fails: futures that miss (x) and meet (o) the target, with the PRIM box.

    Every restricted parameter of a box is drawn: one panel per pair of them (a pair plot), so a
    box restricting three parameters has three panels. In each panel the futures outside the box
    on a parameter the panel does not show are faded, so the full-colour points inside the dashed
    rectangle are exactly the futures inside the box (its density). A star marks the scenario's
    own value of the two parameters (the futures replace it by the uncertainty ranges).
    """
    spec = wi.spec
    r = wi.results[scenario]
    x = wi.futures.set_index("future")
    panels = failure_panels(wi, scenario)
    slots = _layout(panels)
    cols = min(3, max(c for _, c in slots) + 1)
    rows = max(rw for rw, _ in slots) + 1
    fig, axes = plt.subplots(rows, cols, figsize=(4.3 * cols, 3.9 * rows + 0.8), squeeze=False)
    used = set()
    for (o, (dx, dy)), (rw, c) in zip(panels, slots, strict=True):
        ax = axes[rw][c]
        used.add((rw, c))
        v = r.outcomes[r.outcomes["option"] == o].set_index("future")[spec.outcome].reindex(x.index)
        miss = (v < spec.threshold - 1e-12).to_numpy()
        res = r.prim[o]
        box = res.chosen_box if res is not None else None
        inside = _inside_other(x, box, (dx, dy))
        for sel, alpha in ((inside, 1.0), (~inside, 0.2)):
            ax.scatter(x.loc[sel & ~miss, dx], x.loc[sel & ~miss, dy], marker="o", s=18, color=COLOURS[0], alpha=alpha)
            ax.scatter(x.loc[sel & miss, dx], x.loc[sel & miss, dy], marker="x", s=22, color=COLOURS[1], alpha=alpha)
        own = r.scenario.values
        if dx in own and dy in own:
            ax.scatter([own[dx]], [own[dy]], marker="*", s=140, color="gold", edgecolor="black", zorder=5)
        if box is not None:
            (x0, x1), (y0, y1) = box.limits[dx], box.limits[dy]
            ax.add_patch(Rectangle((x0, y0), x1 - x0, y1 - y0, fill=False, ls="--", lw=1.5, color="black"))
            sub = plot_text(lang, "box", c=pct(box.coverage, lang), d=pct(box.density, lang))
            if len(box.restricted) >= 3:
                sub += "\n" + plot_text(lang, "box_many", k=len(box.restricted))
        else:
            sub = plot_text(lang, "never") if not miss.any() else plot_text(lang, "always")
        ax.set_title(
            plot_text(
                lang, "misses_k", o=_option_labels(wi, lang)[spec.options.index(o)], k=int(miss.sum()), n=len(miss)
            )
            + f"\n{sub}",
            fontsize=9,
        )
        ax.set_xlabel(_param_label(dx, lang), fontsize=8)
        ax.set_ylabel(_param_label(dy, lang), fontsize=8)
        ax.tick_params(labelsize=7)
    for rw in range(rows):
        for c in range(cols):
            if (rw, c) not in used:
                axes[rw][c].axis("off")
    fig.legend(handles=_legend(scenario, lang), loc="lower center", ncol=4, fontsize=8, frameon=False)
    fig.suptitle(plot_text(lang, "failures", scenario=scenario, target=_threshold_text(spec, lang)), fontsize=10)
    h = fig.get_figheight()
    fig.tight_layout(rect=(0, 0.35 / h, 1, 1 - 0.45 / h))  # room for the legend below and the title above
    return fig


def _layout(panels: list[tuple[str, tuple[str, str]]], cols: int = 3) -> list[tuple[int, int]]:
    """(row, column) of each panel: three to a row; an option with several panels starts a row of its own."""
    counts: dict[str, int] = {}
    for o, _ in panels:
        counts[o] = counts.get(o, 0) + 1
    slots, rw, c, prev = [], 0, 0, None
    for o, _ in panels:
        own_row = o != prev and c > 0 and (counts[o] > 1 or (prev is not None and counts[prev] > 1))
        if own_row or c >= cols:
            rw, c = rw + 1, 0
        slots.append((rw, c))
        c += 1
        prev = o
    return slots


def _inside_other(x: pd.DataFrame, box: Box | None, shown: tuple[str, str]) -> np.ndarray:
    """True for the futures inside the box on every restricted parameter not shown in the panel."""
    keep = np.ones(len(x), dtype=bool)
    if box is None:
        return keep
    for nm in box.restricted:
        if nm not in shown:
            lo, hi = box.limits[nm]
            keep &= ((x[nm] >= lo) & (x[nm] <= hi)).to_numpy()
    return keep


def _legend(scenario: str, lang: str) -> list[Line2D]:
    def mk(marker: str, colour: str, label: str, alpha: float = 1.0, size: float = 6) -> Line2D:
        return Line2D(
            [],
            [],
            ls="",
            marker=marker,
            color=colour,
            alpha=alpha,
            ms=size,
            label=label,
            mec="black" if marker == "*" else colour,
        )

    return [
        mk("o", COLOURS[0], plot_text(lang, "meets")),
        mk("x", COLOURS[1], plot_text(lang, "misses")),
        mk("o", "grey", plot_text(lang, "faded"), alpha=0.3),
        mk("*", "gold", plot_text(lang, "own_value", scenario=scenario), size=11),
    ]


__all__ = ["failure_panels", "plot_failures", "plot_regret", "plot_robustness"]
