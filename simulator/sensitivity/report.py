"""Tables, plots and a plain-words summary of a sensitivity analysis.

Files written (for each analysed output ``<o>``):

* ``indices.csv``, ``second_order.csv`` (Sobol with S2), ``convergence.csv``,
  ``convergence_verdicts.csv``, ``noise.csv``, ``over_time.csv``, ``meta.json``;
* ``morris_<o>.png`` (mu*-sigma plot) or ``sobol_<o>.png`` (S1 and ST bars) and
  ``s2_<o>.png`` (S2 heat map); ``convergence_<o>.png``; ``over_time_<o>.png``
  for yearly outputs;
* ``summary.md``: the most important factors in plain words.

Indices whose interval contains zero are drawn hollow and grey and never below
zero: a negative estimate is sampling error, not a negative effect.
"""

from __future__ import annotations

import math
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from simulator.i18n import lower_first
from simulator.sensitivity.results import SensitivityResult
from simulator.store import write_json

GREY = "#9a9a9a"
S1_COLOUR = "#1f77b4"
ST_COLOUR = "#d62728"
TOP_IN_PLOTS = 12
TOP_OVER_TIME = 6


def _save(fig: Figure, folder: Path, stem: str, svg: bool) -> list[str]:
    files = [f"{stem}.png"]
    fig.savefig(folder / f"{stem}.png", dpi=130, bbox_inches="tight")
    if svg:
        fig.savefig(folder / f"{stem}.svg", bbox_inches="tight")
        files.append(f"{stem}.svg")
    plt.close(fig)
    return files


def plot_morris(res: SensitivityResult, output: str) -> Figure:
    """The mu*-sigma plot of one output, with bootstrap intervals and the noise floor."""
    df = res.ranking(output)
    fig, ax = plt.subplots(figsize=(8.5, 6))
    floor = float(df["noise_floor"].median())
    for _, r in df.iterrows():
        ok = bool(r["distinguishable"])
        colour = S1_COLOUR if ok else GREY
        ax.errorbar(
            r["mu_star"],
            r["sigma"],
            xerr=[[r["mu_star"] - r["mu_star_low"]], [r["mu_star_high"] - r["mu_star"]]],
            yerr=[[max(0.0, r["sigma"] - r["sigma_low"])], [max(0.0, r["sigma_high"] - r["sigma"])]],
            fmt="o",
            color=colour,
            mfc=colour if ok else "white",
            ms=6,
            elinewidth=0.8,
            capsize=2,
        )
    top = df[df["distinguishable"]].head(TOP_IN_PLOTS)
    if len(top) < 5:
        top = df.head(5)
    xmax = float(max(df["mu_star_high"].max(), floor, 1e-12)) * 1.1
    ymax = float(max(df["sigma_high"].max(), 1e-12)) * 1.1
    xs = np.linspace(0, xmax, 50)
    for ratio, style in ((0.1, ":"), (0.5, "--"), (1.0, "-.")):
        ax.plot(xs, ratio * xs, style, color="#555555", lw=0.8, label=f"σ/μ* = {ratio:g}")
    if floor > 0:
        ax.axvline(floor, color="#ff7f0e", lw=1, ls="--", label=f"seed-noise floor (median over factors, {floor:.3g})")
    ax.set_xlim(0, xmax)
    ax.set_ylim(0, ymax)
    _labels(ax, [(str(r["factor"]), float(r["mu_star"]), float(r["sigma"])) for _, r in top.iterrows()])
    ax.set_xlabel(f"μ* (mean |elementary effect|, {output} per whole factor range)")
    ax.set_ylabel("σ (spread of the effects: non-linearity or interactions)")
    n = res.meta.get("n", "?")
    ax.set_title(
        f"Morris screening: {output}\n{n} trajectories x {res.meta.get('replicates', '?')} seeds, "
        f"{res.meta.get('statistic', 'mean')} of seeds; bars: {res.meta.get('conf_level', 0.95):.0%} bootstrap",
        fontsize=10,
    )
    ax.legend(fontsize=7.5, loc="upper left")
    ax.grid(alpha=0.3)
    return fig


def _labels(ax: plt.Axes, points: list[tuple[str, float, float]]) -> None:
    """Label points, nudging a label down when it would overlap one already placed."""
    placed: list[tuple[float, float, float]] = []  # x, y in points (display units / dpi), width
    trans = ax.transData
    scale = 72.0 / ax.figure.dpi
    for text, x, y in sorted(points, key=lambda p: -p[2]):
        px, py = (v * scale for v in trans.transform((x, y)))
        width = 4.2 * len(text)
        dy = 3.0
        for _ in range(12):
            ly = py + dy
            if all(abs(ly - qy) > 9 or px + 4 + width < qx or qx + qw < px + 4 for qx, qy, qw in placed):
                break
            dy -= 9
        placed.append((px + 4, py + dy, width))
        ax.annotate(
            text,
            (x, y),
            xytext=(4, dy),
            textcoords="offset points",
            fontsize=7.5,
            arrowprops={"arrowstyle": "-", "color": "#999999", "lw": 0.5} if dy < 0 else None,
        )


def plot_sobol(res: SensitivityResult, output: str) -> Figure:
    """Bars of S1 and ST with intervals; indices not distinguishable from zero drawn hollow grey."""
    df = res.ranking(output).head(max(TOP_IN_PLOTS, 12)).iloc[::-1]
    k = len(df)
    fig, ax = plt.subplots(figsize=(8.5, 0.45 * k + 1.8))
    y = np.arange(k)
    h = 0.38
    for key, off, colour in (("ST", h / 2, ST_COLOUR), ("S1", -h / 2, S1_COLOUR)):
        vals = df[key].clip(lower=0).to_numpy()
        lo = df[f"{key}_low"].clip(lower=0).to_numpy()
        hi = df[f"{key}_high"].clip(lower=0).to_numpy()
        nz = df[f"{key}_nonzero"].to_numpy(dtype=bool)
        ax.barh(
            y[nz] + off, vals[nz], height=h, color=colour, label=f"{key} ({'total' if key == 'ST' else 'first order'})"
        )
        ax.barh(
            y[~nz] + off,
            vals[~nz],
            height=h,
            color="white",
            edgecolor=GREY,
            hatch="///",
            label=f"{key}: not distinguishable from 0" if (~nz).any() else None,
        )
        ax.errorbar(vals, y + off, xerr=[vals - lo, hi - vals], fmt="none", ecolor="black", elinewidth=0.8, capsize=2)
    floors = df["noise_floor"].to_numpy(dtype=float)
    if k and floors.max() > 0:
        ax.scatter(floors, y + h / 2, marker="|", s=260, color="#ff7f0e", zorder=3, label="seed-noise floor of ST")
    ax.set_yticks(y)
    ax.set_yticklabels([str(f) for f in df["factor"]], fontsize=8)
    ax.set_xlim(0, max(1.0, float(df["ST_high"].max()) * 1.05) if k else 1)
    ax.set_xlabel("share of output variance")
    ax.set_title(
        f"Sobol indices: {output}\nN = {res.meta.get('n')} x {res.meta.get('replicates')} seeds, "
        f"{res.meta.get('statistic')} of seeds; bars: {res.meta.get('conf_level', 0.95):.0%} bootstrap",
        fontsize=10,
    )
    ax.legend(fontsize=7.5, loc="lower right")
    ax.grid(axis="x", alpha=0.3)
    return fig


def plot_s2(res: SensitivityResult, output: str) -> Figure:
    """Heat map of second-order indices; pairs not distinguishable from zero left blank."""
    s2 = res.second_order[res.second_order["output"] == output]
    order = list(res.ranking(output)["factor"])
    k = len(order)
    pos = {f: i for i, f in enumerate(order)}
    m = np.full((k, k), np.nan)
    for _, r in s2.iterrows():
        i, j = sorted((pos[r["factor_a"]], pos[r["factor_b"]]))
        m[j, i] = max(0.0, float(r["S2"])) if bool(r["nonzero"]) else np.nan
    fig, ax = plt.subplots(figsize=(0.55 * k + 3, 0.5 * k + 2.2))
    vmax = float(np.nanmax(m)) if np.isfinite(m).any() else 0.1
    im = ax.imshow(m, cmap="Reds", vmin=0, vmax=max(vmax, 0.05))
    mask = np.tril(np.ones((k, k), dtype=bool), -1)
    for i in range(k):
        for j in range(k):
            if not mask[i, j]:
                continue
            if np.isnan(m[i, j]):
                ax.add_patch(plt.Rectangle((j - 0.5, i - 0.5), 1, 1, color="#eeeeee", zorder=0))
                ax.text(j, i, "n.s.", ha="center", va="center", color=GREY, fontsize=7)
            else:
                ax.text(j, i, f"{m[i, j]:.2f}", ha="center", va="center", fontsize=7)
    ax.set_xticks(range(k))
    ax.set_yticks(range(k))
    ax.set_xticklabels(order, rotation=60, ha="right", fontsize=7.5)
    ax.set_yticklabels(order, fontsize=7.5)
    fig.colorbar(im, ax=ax, shrink=0.8, label="S2 (n.s.: interval contains 0)")
    ax.set_title(f"Second-order Sobol indices: {output}", fontsize=10)
    return fig


def plot_convergence(res: SensitivityResult, output: str) -> Figure:
    """The main index of the top factors at N/8, N/4, N/2 and N, with intervals and the verdict."""
    key = res.main_index
    df = res.convergence[(res.convergence["output"] == output) & (res.convergence["index"] == key)]
    top = list(res.ranking(output)["factor"].head(8))
    fig, ax = plt.subplots(figsize=(8, 5))
    colours = plt.get_cmap("tab10")
    for i, f in enumerate(top):
        d = df[df["factor"] == f].sort_values("n")
        c = colours(i % 10)
        ax.plot(d["n"], d["value"].clip(lower=0), "o-", color=c, label=f, lw=1.2, ms=4)
        ax.fill_between(d["n"], d["low"].clip(lower=0), d["high"].clip(lower=0), color=c, alpha=0.15)
    ax.set_xscale("log", base=2)
    ns = sorted(df["n"].unique())
    ax.set_xticks(ns)
    ax.set_xticklabels([str(int(n)) for n in ns])
    unit = "trajectories" if res.method == "morris" else "base samples N"
    ax.set_xlabel(f"sub-sample size ({unit})")
    ax.set_ylabel(key + (" (output units)" if res.method == "morris" else ""))
    v = res.verdicts.set_index("output").loc[output]
    verdict = "stable" if bool(v["stable"]) else "NOT stable"
    ax.set_title(f"Convergence of {key}: {output}: {verdict}\n{v['reason']}", fontsize=9.5)
    ax.legend(fontsize=7.5, ncol=2)
    ax.grid(alpha=0.3)
    return fig


def plot_over_time(res: SensitivityResult, output: str) -> Figure:
    """The main index per simulated year for the most influential factors, with bands.

    A lower panel shows how much the output varies over the design points each year: indices
    apportion that spread, and Sobol indices are left out in years where it is nearly zero.
    """
    key = res.main_index
    df = res.over_time[(res.over_time["output"] == output) & (res.over_time["index"] == key)]
    peak = df.groupby("factor")["value"].max().sort_values(ascending=False)
    top = list(peak.index[:TOP_OVER_TIME])
    fig, (ax, ax2) = plt.subplots(
        2, 1, figsize=(9, 6.2), sharex=True, gridspec_kw={"height_ratios": [3.2, 1], "hspace": 0.08}
    )
    colours = plt.get_cmap("tab10")
    for i, f in enumerate(top):
        d = df[df["factor"] == f].sort_values("year")
        c = colours(i % 10)
        ax.plot(d["year"], d["value"].clip(lower=0), color=c, lw=1.6, label=f)
        ax.fill_between(d["year"], d["low"].clip(lower=0), d["high"].clip(lower=0), color=c, alpha=0.15)
    ax.set_ylabel(key + (" (total-order share of variance)" if key == "ST" else " (output units)"))
    ax.set_title(
        f"Which factors matter when: {key} of {output} per year\n"
        f"top {len(top)} factors by peak; bands: {res.meta.get('conf_level', 0.95):.0%} bootstrap",
        fontsize=10,
    )
    ax.legend(fontsize=7.5, loc="best")
    ax.grid(alpha=0.3)
    if key == "ST":
        hi = float(np.nanmax(df["high"].to_numpy(dtype=float))) if df["high"].notna().any() else 1.0
        ax.set_ylim(0, min(1.05, max(0.1, hi * 1.05)))
    spread = df.groupby("year")["output_sd"].first()
    ax2.fill_between(spread.index, 0, spread.to_numpy(), color="#888888", alpha=0.5, step="mid")
    ax2.set_ylabel("spread (sd)", fontsize=8)
    ax2.set_xlabel("year")
    ax2.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax2.grid(alpha=0.3)
    ax2.text(
        0.01,
        0.92,
        f"spread of {output} over the design points, the variance the indices apportion",
        transform=ax2.transAxes,
        fontsize=7.5,
        va="top",
        bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none", "pad": 1.5},
    )
    return fig


def _fmt(v: float) -> str:
    if v == 0 or (abs(v) >= 0.01 and abs(v) < 1000):
        return f"{v:.2f}"
    return f"{v:.3g}"


def _who(res: SensitivityResult, f: str) -> str:
    lab = res.labels.get(f)
    return f"**{f}** ({lower_first(lab)})" if lab else f"**{f}**"


def summary_markdown(res: SensitivityResult) -> str:
    """A plain-words summary of the analysis (Markdown)."""
    lines = _intro(res)
    noise = res.noise.set_index("output")
    verdicts = res.verdicts.set_index("output")
    for o in res.outputs:
        lines += _output_section(res, o, noise, verdicts)
    if not res.over_time.empty:
        lines += _over_time_section(res)
    if res.meta.get("screened"):
        lines += [
            "## Screening",
            "",
            f"The {len(res.meta['screened'])} most influential factors were written to `screened-sobol.toml` "
            f"for a Sobol analysis: {', '.join(res.meta['screened'])}.",
            "",
        ]
    lines += ["## Files", ""]
    for o in res.outputs:
        pic = f"morris_{o}.png" if res.method == "morris" else f"sobol_{o}.png"
        lines.append(f"![{o}]({pic})")
    lines.append("")
    return "\n".join(lines)


def _intro(res: SensitivityResult) -> list[str]:
    """The summary's title, what was analysed, and how to read the method's indices."""
    m = res.meta
    method = "Morris screening" if res.method == "morris" else "Sobol variance decomposition"
    lines = [
        f"# Sensitivity analysis: {m.get('experiment', '')}".rstrip(": "),
        "",
        f"{method} of {len(res.factors)} factors on the `{m.get('scenario', '?')}` scenario: "
        f"{m.get('points')} design points x {m.get('replicates')} seeds "
        f"({'N = ' if res.method == 'sobol' else ''}{m.get('n')}"
        f"{' trajectories' if res.method == 'morris' else ' base samples'}"
        f"{', with second-order indices' if m.get('second_order') else ''}). "
        f"Each point's output is the {m.get('statistic')} over its seeds; intervals are "
        f"{m.get('conf_level', 0.95):.0%} bootstrap intervals.",
        "",
    ]
    if res.method == "morris":
        lines += [
            "μ* is the mean absolute change in the output when a factor moves across its whole range "
            "(in the output's units); σ is how much that change varies from one point to another "
            "(non-linearity or interactions). A factor is *distinguishable* when the lower end of its μ* "
            "interval lies above the seed-noise floor (the μ* that seed noise alone would give).",
            "",
        ]
    else:
        lines += [
            "S1 is the share of the output's variance a factor causes on its own; ST adds its interactions. "
            "A factor is *distinguishable* when the lower end of its ST interval lies above zero and above "
            "the seed-noise floor (the ST that seed noise alone would give). Negative estimates are sampling "
            "error and are shown as zero.",
            "",
        ]
    return lines


def _output_section(res: SensitivityResult, o: str, noise: pd.DataFrame, verdicts: pd.DataFrame) -> list[str]:
    """One output's section: the most influential factors, interactions, noise and convergence.

    Args:
        res: The result.
        o: The output.
        noise: The result's noise table indexed by output.
        verdicts: The result's convergence verdicts indexed by output.

    Returns:
        The section's lines.
    """
    rk = res.ranking(o)
    lines = [f"## {o}", ""]
    key = res.main_index
    dist = rk[rk["distinguishable"]]
    if dist.empty:
        lines.append(
            "No factor is distinguishable from zero or seed noise for this output: "
            "its variation is noise at this sample size."
        )
    else:
        tops = dist.head(3)
        parts = [
            f"{_who(res, r['factor'])}: {key} {_fmt(r[key])} [{_fmt(r[key + '_low'])}, {_fmt(r[key + '_high'])}]"
            for _, r in tops.iterrows()
        ]
        lines.append("Most influential: " + "; ".join(parts) + ".")
    lines.append("")
    lines += _sobol_lines(res, o, rk) if res.method == "sobol" else _morris_lines(dist)
    nd = rk[~rk["distinguishable"]]
    if len(nd):
        names = ", ".join(nd["factor"].head(12))
        more = f" and {len(nd) - 12} more" if len(nd) > 12 else ""
        lines.append(f"Not distinguishable from zero or seed noise ({len(nd)}): {names}{more}.")
    lines.append(_noise_line(noise, o, res.meta.get("statistic")))
    verdict = verdicts.loc[o]
    lines.append(
        f"Convergence (N/8 to N): {'stable' if bool(verdict['stable']) else 'not stable'} ({verdict['reason']})"
        + ("" if bool(verdict["top_same"]) or res.method == "morris" else "; the top five changed between N/2 and N")
        + "."
    )
    lines.append("")
    return lines


def _sobol_lines(res: SensitivityResult, o: str, rk: pd.DataFrame) -> list[str]:
    """How much first-order effects explain, and the strongest pairwise interactions."""
    lines = []
    s1sum = float(rk["S1"].clip(lower=0).sum())
    if s1sum <= 1.05:
        lines.append(
            f"First-order effects explain {min(s1sum, 1.0):.0%} of the variance; "
            f"the remaining {max(0.0, 1 - s1sum):.0%} comes from interactions (and seed noise)."
        )
    else:
        lines.append(
            f"The first-order estimates sum to {s1sum:.2f} (> 1): the sample is too small for "
            "precise indices; read the ranking, not the values, and increase N."
        )
    s2 = res.second_order
    if not s2.empty:
        s2o = s2[(s2["output"] == o) & s2["nonzero"]].sort_values("S2", ascending=False).head(3)
        if not s2o.empty:
            pairs = ", ".join(f"{r['factor_a']} x {r['factor_b']} ({_fmt(r['S2'])})" for _, r in s2o.iterrows())
            lines.append(f"Strongest pairwise interactions: {pairs}.")
    return lines


def _morris_lines(dist: pd.DataFrame) -> list[str]:
    """The distinguishable factors whose effects vary (sigma > mu*/2), if any."""
    nl = dist[(dist["sigma"] > 0.5 * dist["mu_star"])].head(3)
    if nl.empty:
        return []
    return [
        "Effects that change along the range or with other factors (σ > μ*/2): "
        + ", ".join(f"{f}" for f in nl["factor"])
        + "."
    ]


def _noise_line(noise: pd.DataFrame, o: str, statistic: object) -> str:
    """The seed-noise shares of output ``o`` (``noise``: the noise table indexed by output) and their verdict."""
    n = noise.loc[o]
    if n["replicates"] > 1:
        return (
            f"Seed noise: {n['noise_share_runs']:.0%} of the variance of single runs comes from the seeds "
            f"alone; {n['noise_share_analysed']:.0%} of the variance of the analysed {statistic} "
            f"is still noise: {n['verdict']}."
        )
    return f"Seed noise: {n['verdict']}."


def _over_time_section(res: SensitivityResult) -> list[str]:
    """When each of the top factors of each yearly output matters: early, late or throughout."""
    lines = ["## Over time", ""]
    key = res.main_index
    for o in res.over_time["output"].unique():
        d = res.over_time[(res.over_time["output"] == o) & (res.over_time["index"] == key)]
        d = d[d["value"].notna()]
        peak = d.groupby("factor")["value"].max().sort_values(ascending=False)
        top = [f for f in peak.index[:5] if peak[f] > 0]
        if not top:
            continue
        years = sorted(d["year"].unique())
        scale = float(peak.iloc[0]) if len(peak) else 1.0
        phrases = []
        for f in top:
            path = d[d["factor"] == f].set_index("year")["value"]
            phrases.append(_time_phrase(f, key, path, int(path.idxmax()), years, scale))
        lines.append(f"**{o}**: " + "; ".join(phrases) + ".")
        lines.append("")
    return lines


def _time_phrase(f: str, key: str, path: pd.Series, peak_year: int, years: list[int], scale: float) -> str:
    """Whether a factor's index fades, grows or stays over the years.

    Args:
        f: The factor.
        key: The index (mu_star or ST).
        path: The factor's index by year.
        peak_year: The year of its largest index.
        years: The years analysed; the first and last third are compared.
        scale: The largest index of any factor (a change smaller than 5% of it is no change).

    Returns:
        A phrase such as "f matters throughout (ST about 0.30)".
    """
    third = max(1, len(years) // 3)
    early = float(path.reindex(years[:third]).mean())
    late = float(path.reindex(years[-third:]).mean())
    if early > 1.5 * late and early - late > 0.05 * scale:
        return f"{f} matters most early (peak {key} {_fmt(float(path.max()))} in {peak_year}) and fades"
    if late > 1.5 * early and late - early > 0.05 * scale:
        return f"{f} grows in importance ({key} {_fmt(early)} early, {_fmt(late)} late)"
    return f"{f} matters throughout ({key} about {_fmt(float(path.mean()))})"


def write_report(res: SensitivityResult, folder: str | Path, *, svg: bool = False) -> list[str]:
    """Write every table, plot and the summary into ``folder``.

    Args:
        res: The result.
        folder: An existing folder.
        svg: Also write SVG plots.

    Returns:
        The file names written.
    """
    folder = Path(folder)
    files = []
    for name in ("indices", "second_order", "convergence", "noise", "over_time"):
        df: pd.DataFrame = getattr(res, name)
        if not df.empty:
            df.to_csv(folder / f"{name}.csv", index=False)
            files.append(f"{name}.csv")
    res.verdicts.to_csv(folder / "convergence_verdicts.csv", index=False)
    files.append("convergence_verdicts.csv")
    for o in res.outputs:
        if res.method == "morris":
            files += _save(plot_morris(res, o), folder, f"morris_{o}", svg)
        else:
            files += _save(plot_sobol(res, o), folder, f"sobol_{o}", svg)
            if not res.second_order.empty:
                files += _save(plot_s2(res, o), folder, f"s2_{o}", svg)
        files += _save(plot_convergence(res, o), folder, f"convergence_{o}", svg)
    if not res.over_time.empty:
        for o in res.over_time["output"].unique():
            files += _save(plot_over_time(res, str(o)), folder, f"over_time_{o}", svg)
    (folder / "summary.md").write_text(summary_markdown(res), encoding="utf-8")
    files.append("summary.md")
    meta = {**res.meta, "factors": list(res.factors), "outputs": list(res.outputs), "files": files}
    write_json(
        {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in meta.items()}, folder / "meta.json"
    )
    return files
