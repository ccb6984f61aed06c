"""Ward-level results of a paired comparison: each policy's effect on each ward, a brief section and a map.

Every run of a comparison keeps its ``wards`` table (one row per run and ward, the ward's final
state: :func:`simulator.model.observation.ward_table`). :func:`ward_effects` pairs a policy's run
with the baseline's run on the same seed (and parameter set) and, ward by ward (by name and
regency), averages the differences over the pairs:

- ``sustained``: whether the ward's programme is sustained in the final year, so its mean
  difference is the share of paired seeds the policy adds (minus those it loses);
- ``sustained_years``: years the programme was sustained over the horizon;
- ``partnerships``: the ward's live partnerships in the final year.

The interval of the first is a percentile bootstrap over the pairs, drawn once for all wards
(with an ensemble, over the pooled set x seed pairs: the spread within the accepted sets is not
separated out here). A single ward's effect rests on few pairs, so it is noisier than the totals.

:func:`ward_section` formats the brief's "Effects by ward"; :func:`plot_ward_map` draws the
wards at their coordinates (``lat``, ``lon`` columns of the wards table, when the wards file has
them) coloured by the effect.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import TwoSlopeNorm
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from simulator.i18n import fmt_num, num, place_name, plot_text
from simulator.i18n.brief_text import BRIEF
from simulator.policy.brief import table
from simulator.policy.effects import BASELINE, N_BOOT
from simulator.policy.files import save_fig
from simulator.store import write_csv

if TYPE_CHECKING:
    from simulator.policy.compare import Comparison

WARD_MEASURES: tuple[tuple[str, int], ...] = (("sustained", 0), ("sustained_years", 1), ("partnerships", 1))
"""The ward table's columns compared, with the decimals each is shown with (the first is a share, in points)."""

MAX_LISTED = 30
"""A brief lists every ward up to this many; above it, the :data:`N_EXTREME` gaining most and least."""

N_EXTREME = 10


def _pair_keys(wards: pd.DataFrame) -> list[str]:
    return ["set", "replicate"] if "set" in wards.columns else ["replicate"]


def _matrix(d: pd.DataFrame, keys: list[str], col: str, wards: pd.Index) -> pd.DataFrame:
    """One row per pair, one column per ward (in ``wards``' order), of ``col``."""
    m = d.pivot_table(index=keys, columns=["regency", "ward"], values=col, aggfunc="first", observed=True)
    return m.reindex(columns=wards).astype(float)


def _boot_ci(diff: np.ndarray, n_boot: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """95% percentile bootstrap of each column's mean (pairs resampled together for all wards)."""
    n = diff.shape[0]
    rng = np.random.default_rng(seed)
    counts = np.zeros((n_boot, n))
    idx = rng.integers(0, n, size=(n_boot, n))
    np.add.at(counts, (np.repeat(np.arange(n_boot), n), idx.ravel()), 1.0)
    means = counts @ np.nan_to_num(diff) / n
    return np.percentile(means, 2.5, axis=0), np.percentile(means, 97.5, axis=0)


def ward_effects(
    wards: pd.DataFrame,
    *,
    option: str = "option",
    baseline: str = BASELINE,
    n_boot: int = N_BOOT,
    seed: int = 0,
) -> pd.DataFrame:
    """Each policy's paired effect on each ward's final state.

    Args:
        wards: The runs' wards table with ``option``, ``replicate`` (and ``set``), ``ward``, ``regency``
            and the columns of :data:`WARD_MEASURES`; optional ``lat``, ``lon``.
        option: Column naming the option.
        baseline: The baseline option's name.
        n_boot: Bootstrap resamples.
        seed: Seed of the resampling.

    Returns:
        One row per (policy, ward), wards in the table's order: policy, ward, regency, (lat, lon), n
        (pairs), and for each measure X: ``X_baseline``, ``X_policy`` (means over the pairs) and
        ``X_diff`` (mean paired difference); ``sustained_low``/``sustained_high`` bound the 95%
        interval of ``sustained_diff``. Empty when the table is empty.

    Raises:
        ValueError: When the baseline has no runs in the table.
    """
    if wards.empty:
        return pd.DataFrame()
    if baseline not in set(wards[option]):
        raise ValueError(f"no '{baseline}' runs in the wards table")
    keys = _pair_keys(wards)
    names = pd.MultiIndex.from_frame(wards[["regency", "ward"]].drop_duplicates())
    base = wards[wards[option] == baseline]
    coords = [c for c in ("lat", "lon") if c in wards.columns]
    where = base.groupby(["regency", "ward"], sort=False)[coords].first().reindex(names) if coords else None
    rows = []
    for k, name in enumerate(dict.fromkeys(wards[option])):
        if name == baseline:
            continue
        pol = wards[wards[option] == name]
        out = pd.DataFrame({"policy": name, "ward": names.get_level_values("ward")})
        out.insert(2, "regency", names.get_level_values("regency"))
        if where is not None:
            for c in coords:
                out[c] = where[c].to_numpy(dtype=float)
        for j, (col, _) in enumerate(WARD_MEASURES):
            mb, mp = _matrix(base, keys, col, names), _matrix(pol, keys, col, names)
            common = mb.index.intersection(mp.index)
            if len(common) == 0:
                raise ValueError(f"policy {name!r} shares no replicate seeds with the baseline")
            b, p = mb.loc[common].to_numpy(), mp.loc[common].to_numpy()
            d = p - b
            if j == 0:
                out["n"] = len(common)
            out[f"{col}_baseline"] = b.mean(axis=0)
            out[f"{col}_policy"] = p.mean(axis=0)
            out[f"{col}_diff"] = d.mean(axis=0)
            if j == 0:
                lo, hi = _boot_ci(d, n_boot, seed + k)
                out["sustained_low"], out["sustained_high"] = lo, hi
        rows.append(out)
    return pd.concat(rows, ignore_index=True)


def has_coordinates(eff: pd.DataFrame) -> bool:
    """Whether the ward effects carry coordinates for a map (``lat`` and ``lon``, at least one ward placed)."""
    return {"lat", "lon"} <= set(eff.columns) and bool((eff["lat"].notna() & eff["lon"].notna()).any())


def _with_coordinates(wards: pd.DataFrame, sc: Any) -> pd.DataFrame:
    """Add ``lat``/``lon`` from the scenario's wards file (``Ward.lat``, ``Ward.lon``) if the runs lack them."""
    if {"lat", "lon"} <= set(wards.columns) or not getattr(sc, "wards", None):
        return wards
    where = {(w.regency, w.name): (getattr(w, "lat", None), getattr(w, "lon", None)) for w in sc.wards}
    if all(lat is None or lon is None for lat, lon in where.values()):
        return wards
    keys = list(zip(wards["regency"], wards["ward"], strict=True))
    wards = wards.copy()
    for k, c in enumerate(("lat", "lon")):
        wards[c] = [np.nan if (v := where.get(key, (None, None))[k]) is None else float(v) for key in keys]
    return wards


def comparison_ward_effects(cmp: Comparison) -> pd.DataFrame:
    """The ward effects of a comparison (empty when its runs kept no wards table).

    The coordinates come from the runs' wards table (``lat``, ``lon``), or else from the
    scenario's wards file.
    """
    wards = getattr(cmp, "wards", None)
    if wards is None or wards.empty:
        return pd.DataFrame()
    return ward_effects(_with_coordinates(wards, cmp.scenario))


# --------------------------------------------------------------------------- brief


def _cell(x: float, digits: int, lang: str, scale: float = 1.0) -> str:
    v = round(x * scale, digits)
    return ("+" if v > 0 else "") + num(x * scale, digits, lang)


def _rows(d: pd.DataFrame, lang: str, regencies: bool) -> list[list[str]]:
    sep = "; " if lang == "id" else ", "
    rows = []
    for _, r in d.iterrows():
        lo, hi = r["sustained_low"], r["sustained_high"]
        ci = f"{_cell(r['sustained_diff'], 0, lang, 100)} [{num(100 * lo, 0, lang)}{sep}{num(100 * hi, 0, lang)}]"
        sure = lo > 0 or hi < 0
        row = [place_name(str(r["ward"]), lang)]
        if regencies:
            row.append(place_name(str(r["regency"]), lang))
        row += [
            num(100 * r["sustained_baseline"], 0, lang),
            f"**{ci}**" if sure else ci,
            _cell(r["sustained_years_diff"], 1, lang),
            _cell(r["partnerships_diff"], 1, lang),
        ]
        rows.append(row)
    return rows


def ward_section(cmp: Comparison, lang: str = "en", eff: pd.DataFrame | None = None) -> list[str]:
    """The brief's "Effects by ward" section (Markdown lines; none when the runs kept no wards table).

    Args:
        cmp: The comparison.
        lang: ``en`` or ``id``.
        eff: Its ward effects (computed when None).

    Returns:
        The section's lines: an intro, and per policy a table of every ward (at most
        :data:`MAX_LISTED`; else the :data:`N_EXTREME` gaining most and least), then the map when
        the wards have coordinates.
    """
    eff = comparison_ward_effects(cmp) if eff is None else eff
    if eff.empty:
        return []
    t = BRIEF[lang]
    sc = cmp.scenario
    end = int(sc.values["time.start_year"]) + int(sc.values["time.years"]) - 1
    n_wards = int(eff[["regency", "ward"]].drop_duplicates().shape[0])
    regencies = eff["regency"].nunique() > 1
    md = ["", f"## {t['cw_title']}", "", t["cw_intro"].format(n=int(eff["n"].max()), end=end), ""]
    head = [t["cw_ward"], *([t["cw_regency"]] if regencies else []), t["cw_base"], t["cw_diff"]]
    head += [t["cw_years"], t["cw_partners"]]
    for name, d in eff.groupby("policy", sort=False):
        d = d.sort_values(["sustained_diff", "partnerships_diff"], ascending=False, kind="stable")
        md += [f"### {name}", ""]
        if n_wards <= MAX_LISTED:
            md += [t["cw_all"].format(n=n_wards), "", table(head, _rows(d, lang, regencies)), ""]
        else:
            gap = ["…"] * len(head)
            rows = [*_rows(d.head(N_EXTREME), lang, regencies), gap, *_rows(d.tail(N_EXTREME), lang, regencies)]
            md += [t["cw_some"].format(n=n_wards, k=N_EXTREME), "", table(head, rows), ""]
    if has_coordinates(eff):
        md += [t["cw_map"], "", "![wards](plots/wards-map.png)", ""]
    return md


# --------------------------------------------------------------------------- map


def plot_ward_map(eff: pd.DataFrame, lang: str = "en") -> Figure:
    """The wards at their coordinates, coloured by each policy's effect on the sustained programme.

    Points at (lon, lat), no map tiles; a diverging colour scale centred on 0 (blue: the programme
    is sustained in more paired seeds with the policy, red: in fewer), the same for every panel.

    Args:
        eff: The output of :func:`ward_effects`, with ``lat`` and ``lon``.
        lang: Language of the labels (``en`` or ``id``).

    Returns:
        A figure with one panel per policy.

    Raises:
        ValueError: When the table has no coordinates.
    """
    if not has_coordinates(eff):
        raise ValueError("the ward effects have no lat/lon coordinates to map")
    pols = list(dict.fromkeys(eff["policy"]))
    placed = eff.dropna(subset=["lat", "lon"])
    v = 100 * placed["sustained_diff"].to_numpy(dtype=float)
    lim = max(float(np.nanmax(np.abs(v))) if len(v) else 0.0, 1.0)
    norm = TwoSlopeNorm(vcenter=0.0, vmin=-lim, vmax=lim)
    cols = min(len(pols), 3)
    rows = math.ceil(len(pols) / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(4.4 * cols + 1.2, 4.2 * rows), squeeze=False, layout="constrained")
    fmt = FuncFormatter(lambda x, _pos: fmt_num(x, lang, 2).replace("-", "\u2212"))
    sc: Any = None
    for ax, name in zip(axes.ravel(), pols, strict=False):
        d = placed[placed["policy"] == name]
        sc = ax.scatter(
            d["lon"], d["lat"], c=100 * d["sustained_diff"], cmap="RdBu", norm=norm, s=60, edgecolors="#444444"
        )
        ax.set_title(plot_text(lang, "wmap_panel", policy=name), fontsize=10)
        ax.set_xlabel(plot_text(lang, "wmap_lon"), fontsize=9)
        ax.set_ylabel(plot_text(lang, "wmap_lat"), fontsize=9)
        for axis in (ax.xaxis, ax.yaxis):
            axis.set_major_locator(MaxNLocator(4))
            axis.set_major_formatter(fmt)
        ax.tick_params(labelsize=7)
        ax.set_aspect("equal", adjustable="datalim")
        ax.grid(alpha=0.3)
    for ax in axes.ravel()[len(pols) :]:
        ax.set_visible(False)
    bar = fig.colorbar(sc, ax=axes.ravel().tolist(), shrink=0.8)
    bar.set_label(plot_text(lang, "wmap_bar"), fontsize=9)
    bar.ax.yaxis.set_major_formatter(FuncFormatter(lambda x, _pos: fmt_num(x, lang, 0).replace("-", "\u2212")))
    n = int(eff["n"].max())
    fig.suptitle(plot_text(lang, "wmap_title", n=n), fontsize=11)
    return fig


def write_ward_files(cmp: Comparison, out: Path, lang: str = "en") -> list[str]:
    """Write ``wards.csv`` (the ward effects, rounded to 4 decimals) and, with coordinates, ``plots/wards-map.png``.

    Args:
        cmp: The comparison.
        out: The output folder.
        lang: Language of the map's labels.

    Returns:
        The files written, relative to ``out`` (none when the runs kept no wards table).
    """
    eff = comparison_ward_effects(cmp)
    if eff.empty:
        return []
    write_csv(eff.round(4), out / "wards.csv")
    files = ["wards.csv"]
    if has_coordinates(eff):
        (out / "plots").mkdir(exist_ok=True)
        save_fig(plot_ward_map(eff, lang), out / "plots" / "wards-map.png", lang=lang)
        files.append("plots/wards-map.png")
    return files


__all__ = [
    "MAX_LISTED",
    "N_EXTREME",
    "WARD_MEASURES",
    "comparison_ward_effects",
    "has_coordinates",
    "plot_ward_map",
    "ward_effects",
    "ward_section",
    "write_ward_files",
]
