"""The comparison's extra outputs: ward-level effects and map, the assumptions page, brief.xlsx, print styles."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import openpyxl
import pandas as pd
import pytest

from simulator.policy.assumptions import assumptions_section, assumptions_table
from simulator.policy.brief import Brief
from simulator.policy.brief_html import to_html
from simulator.policy.compare import Comparison, compare
from simulator.policy.excel import excel_sheets, number_format, write_excel
from simulator.policy.ward_effects import (
    MAX_LISTED,
    N_EXTREME,
    comparison_ward_effects,
    has_coordinates,
    plot_ward_map,
    ward_effects,
    ward_section,
)
from simulator.scenario import Policy, load_scenario

# --------------------------------------------------------------------------- ward effects


def _wards(n_wards: int, seeds: int, gain: dict[str, np.ndarray], sets: int = 0) -> pd.DataFrame:
    """A wards table: the baseline sustains ward w in seed r when (w + r) is even; a policy adds ``gain``."""
    rows = []
    for s in range(max(sets, 1)):
        for opt, g in {"baseline": np.zeros(n_wards), **gain}.items():
            for r in range(seeds):
                for w in range(n_wards):
                    base = (w + r) % 2 == 0
                    row: dict[str, Any] = {
                        "option": opt,
                        "replicate": r,
                        "ward": f"Ward {w + 1:03d}",
                        "regency": "Region 1",
                        "sustained": bool(base or (g[w] > 0 and r < g[w] * seeds)),
                        "sustained_years": 10.0 + (w % 3) + g[w] * 4,
                        "partnerships": float(w % 2) + g[w] * 2 + (0.5 if s == 1 else 0.0),
                    }
                    if sets:
                        row["set"] = s + 1
                    rows.append(row)
    return pd.DataFrame(rows)


def test_ward_effects_pair_runs_ward_by_ward() -> None:
    gain = np.array([1.0, 0.0, 0.5, 0.0])
    eff = ward_effects(_wards(4, 8, {"p": gain}), n_boot=500)
    assert list(eff["ward"]) == ["Ward 001", "Ward 002", "Ward 003", "Ward 004"]
    assert (eff["n"] == 8).all()
    # ward 1 (w=0) is sustained in the baseline in even seeds only; the policy sustains it in all 8
    assert eff.loc[0, "sustained_baseline"] == pytest.approx(0.5)
    assert eff.loc[0, "sustained_diff"] == pytest.approx(0.5)
    # ward 3 (w=2): sustained in even seeds, and the policy adds seeds r < 4 (odd ones: 1, 3)
    assert eff.loc[2, "sustained_diff"] == pytest.approx(2 / 8)
    assert eff.loc[1, "sustained_diff"] == 0 and eff.loc[1, "sustained_low"] == 0 == eff.loc[1, "sustained_high"]
    assert list(eff["sustained_years_diff"]) == pytest.approx(list(gain * 4))
    assert list(eff["partnerships_diff"]) == pytest.approx(list(gain * 2))
    assert (eff["sustained_low"] <= eff["sustained_diff"]).all()
    assert (eff["sustained_diff"] <= eff["sustained_high"]).all()
    assert eff.loc[0, "sustained_low"] > 0  # every pair gains there


def test_ward_effects_pair_on_set_and_seed_and_refuse_a_table_without_baseline() -> None:
    eff = ward_effects(_wards(2, 4, {"p": np.array([0.0, 0.0])}, sets=2), n_boot=200)
    assert (eff["n"] == 8).all() and (eff["partnerships_diff"] == 0).all()  # set 2's +0.5 cancels within pairs
    with pytest.raises(ValueError, match="no 'baseline' runs"):
        ward_effects(_wards(2, 2, {"p": np.zeros(2)}).replace({"option": {"baseline": "x"}}))
    assert ward_effects(pd.DataFrame()).empty


def _cmp(wards: pd.DataFrame) -> Any:
    return SimpleNamespace(scenario=load_scenario("baseline"), wards=wards)


def test_ward_section_lists_all_wards_up_to_30_in_the_brief_language() -> None:
    gain = np.zeros(5)
    gain[3] = 1.0
    md = "\n".join(ward_section(_cmp(_wards(5, 6, {"p": gain})), "id"))
    assert "## Dampak per kelurahan" in md and "### p" in md
    rows = [line for line in md.splitlines() if line.startswith("| Kelurahan 0")]
    assert len(rows) == 5 and "Ward " not in md
    assert rows[0].startswith("| Kelurahan 004 |") and "**+50 [" in rows[0]  # largest gain first, bold: sure
    assert "[0; 0]" in rows[-1]  # Indonesian interval separator
    assert "plots/wards-map.png" not in md  # no coordinates, no map


def test_ward_section_shows_the_extremes_above_30_wards() -> None:
    n = MAX_LISTED + 5
    gain = np.linspace(0, 1, n)
    md = "\n".join(ward_section(_cmp(_wards(n, 4, {"p": gain})), "en"))
    rows = [line for line in md.splitlines() if re.match(r"\| Ward \d", line)]
    assert len(rows) == 2 * N_EXTREME
    assert f"The {N_EXTREME} wards gaining most and the {N_EXTREME} gaining least, of {n}" in md
    assert "| … |" in md
    assert rows[0].startswith(f"| Ward {n:03d} |")  # the largest gain is the last ward's


def test_ward_map_colours_gains_blue_and_losses_red_around_zero() -> None:
    eff = pd.DataFrame(
        {
            "policy": ["p"] * 3,
            "ward": ["A", "B", "C"],
            "regency": ["R"] * 3,
            "lat": [-6.9, -6.95, np.nan],
            "lon": [110.1, 110.2, 110.3],
            "n": [10] * 3,
            "sustained_diff": [0.4, -0.1, 0.0],
        }
    )
    assert has_coordinates(eff) and not has_coordinates(eff.drop(columns="lat"))
    fig = plot_ward_map(eff, "id")
    ax = fig.axes[0]
    pts = ax.collections[0]
    assert len(pts.get_offsets()) == 2  # the ward without coordinates is left out
    (r1, _, b1, _), (r2, _, b2, _) = pts.to_rgba(pts.get_array())
    assert b1 > r1 and r2 > b2
    assert pts.norm.vcenter == 0 and pts.norm.vmin == -pts.norm.vmax
    fig.canvas.draw()
    ticks = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert ticks and all("," in t and "." not in t for t in ticks), ticks
    assert ax.get_xlabel() == "bujur"
    with pytest.raises(ValueError, match="no lat/lon"):
        plot_ward_map(eff.drop(columns=["lat", "lon"]))


# --------------------------------------------------------------------------- assumptions


def test_assumptions_list_levers_scenario_values_and_enablers_with_their_sources() -> None:
    sc = load_scenario("kendal")
    pol = Policy("push", "", {"levers.marketing_push": 0.5, "levers.marketing_push_cost": 12.0}, "push.toml")
    tab = assumptions_table(sc, [pol])
    lev = tab[tab["group"] == "levers"].set_index("parameter")
    assert list(lev.index) == ["levers.marketing_push", "levers.marketing_push_start", "levers.marketing_push_cost"]
    assert lev.loc["levers.marketing_push_cost", "value"] == 12.0
    assert lev.loc["levers.marketing_push_cost", "source"] == "policy push"
    assert lev.loc["levers.marketing_push_start", "source"] == "assumption"  # the registry's
    assert lev.loc["levers.marketing_push_cost", "unit"] == "Rp million / ward / year at size 1"
    rest = tab[tab["group"] != "levers"].set_index("parameter")
    assert rest.index.is_unique
    assert rest.loc["bkm.coordination", "group"] == "scenario" and rest.loc["bkm.coordination", "value"] == 0.55
    assert rest.loc["bkm.coordination", "source"] == "scenario kendal"
    for name in ("bkm.managing_body", "bkm.marketing_skill", "government.responsiveness", "firms.responsiveness"):
        assert name in rest.index
    assert rest.loc["firms.ceiling", "source"].startswith("src: ")
    assert rest.loc["bkm.managing_body", "group"] == "obstacles"
    # what-if: uncertainty ranges, each parameter listed once
    tab2 = assumptions_table(sc, [], ranges={"bkm.managing_body": (0.2, 0.9)}, lang="id")
    r = tab2.set_index("parameter")
    assert r.loc["bkm.managing_body", "group"] == "ranges" and r.loc["bkm.managing_body", "high"] == 0.9
    assert r.loc["government.responsiveness", "source"] == "asumsi" and np.isnan(r.loc["firms.ceiling", "low"])
    assert r.loc["government.responsiveness", "unit"] != "probability"
    md = "\n".join(assumptions_section(tab2, sc, "id"))
    assert "## Asumsi" in md and "### Rentang ketidakpastian yang diuji" in md and "0,2–0,9" in md
    assert "[0, 1]" not in md


# --------------------------------------------------------------------------- a small comparison, in Bahasa


@pytest.fixture(scope="module")
def cmp_id(tmp_path_factory: pytest.TempPathFactory) -> Comparison:
    tmp = tmp_path_factory.mktemp("out")
    sc = load_scenario("kendal").with_years(8)
    return compare(sc, ["marketing-push"], seeds=3, out=tmp / "out", executor="serial", progress=False, lang="id")


def test_compare_writes_wards_and_an_indonesian_brief_with_wards_and_assumptions(cmp_id: Comparison) -> None:
    out = cmp_id.out
    assert out is not None
    wards = pd.read_csv(out / "wards.csv")
    assert len(wards) == cmp_id.scenario.n_wards and set(wards["policy"]) == {"marketing-push"}
    assert (wards["n"] == 3).all()
    md = (out / "brief.md").read_text(encoding="utf-8")
    assert "## Dampak per kelurahan" in md and "## Asumsi" in md and "| Kelurahan 001 |" in md
    assert "Ward " not in md
    html = (out / "brief.html").read_text(encoding="utf-8")
    assert '<section class="summary">' in html and "@media print" in html


def test_brief_xlsx_reopens_with_indonesian_headers_rounded_numbers_and_formats(cmp_id: Comparison) -> None:
    assert cmp_id.out is not None
    path = cmp_id.out / "brief.xlsx"
    sheets = pd.read_excel(path, sheet_name=None)
    assert list(sheets) == ["Ringkasan", "Dampak", "Biaya per tahun", "Kelurahan", "Asumsi"]
    eff = sheets["Dampak"]
    assert {"Kebijakan", "Hasil", "Perubahan", "Selang 95%, batas bawah"} <= set(eff.columns)
    row = eff[eff["Hasil"] == "Program berkelanjutan (% kelurahan)"].iloc[0]
    e = cmp_id.effects.set_index("outcome").loc["sustained_share_final"]
    assert row["Perubahan"] == pytest.approx(round(100 * e["diff"], 1))
    assert pd.api.types.is_float_dtype(eff["Perubahan"])
    assert sheets["Kelurahan"]["Kelurahan"].iloc[0] == "Kelurahan 001"
    assert "Dorongan pemasaran: biaya" in set(sheets["Asumsi"]["Parameter"])
    wb = openpyxl.load_workbook(path)
    ws = wb["Dampak"]
    heads = [c.value for c in ws[1]]
    col = heads.index("Perubahan") + 1
    fmts = {ws.cell(row=i, column=col).number_format for i in range(2, ws.max_row + 1)}
    assert fmts == {"#,##0.0", "#,##0.000", "#,##0"}  # each outcome's digits (share, trust, counts and money)
    assert ws.freeze_panes == "A2" and ws.column_dimensions["B"].width > 20


def test_excel_uses_a_year_by_year_table_and_english_headers(cmp_id: Comparison, tmp_path: Path) -> None:
    per_year = pd.DataFrame({"year": [2013, 2014], "marketing-push": [12.34567, 12.3]})
    sheets = excel_sheets(cmp_id, "en", per_year=per_year)
    assert [s.name for s in sheets] == ["Summary", "Effects", "Costs per year"]
    write_excel(sheets, tmp_path / "b.xlsx")
    back = pd.read_excel(tmp_path / "b.xlsx", sheet_name="Costs per year")
    assert back["marketing-push"].tolist() == [12.3, 12.3] and back["year"].tolist() == [2013, 2014]
    assert "Policy" in pd.read_excel(tmp_path / "b.xlsx", sheet_name="Summary").columns
    assert number_format(0) == "#,##0" and number_format(2) == "#,##0.00"


# --------------------------------------------------------------------------- print styles


def test_print_styles_break_the_page_right_after_the_summary() -> None:
    md = "\n".join(
        [
            "# Title",
            "",
            "*meta*",
            "",
            "## Summary",
            "",
            "Intro with a [link](https://example.org/x).",
            "",
            "- one",
            "",
            "## Effects",
            "",
            "| a | b |",
            "|---|---|",
            "| 1 | 2 |",
            "",
            "## How",
            "",
            "text",
        ]
    )
    page = to_html(Brief("T", md, "en"), Path("."))
    css = page[page.index("<style>") : page.index("</style>")]
    block = css[css.index("@media print") :]
    assert re.search(r"section\.summary\{[^}]*break-after:page", block)
    assert re.search(r"tr,img,pre\{break-inside:avoid", block)
    assert "@page{size:A4" in css and "background:transparent!important" in block
    assert 'a[href^="http"]::after{content:" (" attr(href) ")"' in block
    assert re.search(r"img\{max-height:\d+mm", block)
    body = page[page.index("<body>") :]
    summary = re.search(r'<section class="summary">(.*?)</section>\s*<section>', body, re.S)
    assert summary is not None
    assert summary.group(1).strip().startswith("<h2>Summary</h2>") and "<h2>" not in summary.group(1)[15:]
    assert body.count("<section") == 3 == body.count("</section>")
    assert body.index("</section>") < body.index("<h2>Effects</h2>")
    assert '<a href="https://example.org/x">link</a>' in summary.group(1)
    assert body.index("<h1>") < body.index('<section class="summary">')  # the title stays above


def test_coordinates_come_from_the_wards_file_when_the_runs_lack_them() -> None:
    place = [SimpleNamespace(name="Ward 001", regency="Region 1", lat=-6.9, lon=110.2)]
    place.append(SimpleNamespace(name="Ward 002", regency="Region 1", lat=None, lon=None))
    cmp = SimpleNamespace(scenario=SimpleNamespace(wards=place), wards=_wards(2, 3, {"p": np.array([1.0, 0.0])}))
    eff = comparison_ward_effects(cmp)  # type: ignore[arg-type]
    assert eff["lat"].iloc[0] == -6.9 and np.isnan(eff["lat"].iloc[1]) and has_coordinates(eff)
    cmp.scenario.wards = None
    assert "lat" not in comparison_ward_effects(cmp).columns  # type: ignore[arg-type]
