"""The text layer (simulator.i18n): one check of the language, one label per parameter, number formats;
and the findings the policy briefs state, computed before a brief formats them."""

from __future__ import annotations

import ast
import math
import re
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from simulator.i18n import (
    LANGS,
    check_lang,
    lower_first,
    money,
    num,
    param_help,
    param_label,
    pct,
    plot_text,
)
from simulator.params import PARAM_LABELS, PARAMETERS
from simulator.policy.findings import compare_findings, failure_kind, whatif_findings

ROOT = Path(__file__).resolve().parent.parent / "simulator"


def test_check_lang_accepts_en_and_id_and_refuses_others() -> None:
    assert LANGS == ("en", "id")
    assert check_lang("en") == "en" and check_lang("id") == "id"
    with pytest.raises(ValueError, match="language 'fr': choose one of en, id"):
        check_lang("fr")
    with pytest.raises(ValueError, match="language"):
        plot_text("fr", "year")


def test_one_check_lang_and_one_label_table_in_the_package() -> None:
    """check_lang and PARAM_LABELS are each defined once (other modules import them)."""
    langs, tables = [], []
    for path in sorted(ROOT.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name == "check_lang":
                langs.append(str(path.relative_to(ROOT)))
            targets = (
                node.targets
                if isinstance(node, ast.Assign)
                else [node.target]
                if isinstance(node, ast.AnnAssign)
                else []
            )
            if any(isinstance(x, ast.Name) and x.id == "PARAM_LABELS" for x in targets):
                tables.append(str(path.relative_to(ROOT)))
    assert langs == ["i18n/core.py"]
    assert tables == ["params.py"]


def test_every_parameter_has_one_label_in_both_languages() -> None:
    assert set(PARAM_LABELS) == {p.name for p in PARAMETERS}
    for name, (en, id_) in PARAM_LABELS.items():
        assert en.strip() and id_.strip(), name
        assert param_label(name, "en") == en and param_label(name, "id") == id_
    # where the dashboard's and the briefs' tables disagreed, the glossary decides
    assert param_label("government.budget_per_ward", "id") == "Anggaran dinas per kelurahan"
    assert param_label("bkm.marketing_skill", "id") == "Keterampilan tim pemasaran"
    assert param_label("firms.responsiveness", "id") == "Tanggapan perusahaan"
    assert param_label("government.responsiveness", "en") == "Agencies' responsiveness"
    assert param_label("assets.decay", "id") == "Keausan aset"
    avoid = ("tuas", "keahlian", "anggaran pemerintah", "benih", "menjawab", "dimobilisasi", "pangsa", "hibah")
    for name, (_, id_) in PARAM_LABELS.items():
        for word in avoid:
            assert word not in id_.lower(), (name, id_)


def test_labels_mid_sentence() -> None:
    assert lower_first("Managing-body effectiveness") == "managing-body effectiveness"
    assert lower_first("BKM-government coordination") == "BKM-government coordination"
    assert lower_first("") == ""
    assert param_label("bkm.managing_body", "en", mid_sentence=True) == "managing-body effectiveness"
    assert param_label("bkm.coordination", "id", mid_sentence=True) == "koordinasi BKM-pemerintah"
    assert param_label("wards.no_such", "en") == "No such"  # not in the registry: made from the name


def test_brief_numbers_in_both_languages() -> None:
    assert num(1234.5, 1, "en") == "1,234.5" and num(1234.5, 1, "id") == "1.234,5"
    assert num(-0.25, 2, "en") == "−0.25"  # a true minus sign
    assert num(None, 1, "en") == "–" and num(math.nan, 1, "id") == "–"
    assert pct(0.456, "en") == "46%" and pct(0.456, "id", 1) == "45,6%"
    assert money(2500.0, "en") == "Rp 2.5 billion" and money(2500.0, "id") == "Rp2,5 miliar"  # EYD: Rp2,5
    assert money(250.0, "en") == "Rp 250 million" and money(12.34, "id") == "Rp12,3 juta"
    assert money(8100.0, "id") == "Rp8,1 miliar" and money(172.0, "id") == "Rp172 juta"  # the glossary's examples
    assert money(2000.0, "id") == "Rp2 miliar" and money(40.0, "en") == "Rp 40 million"  # no trailing ,0
    assert money(1234567.0, "id") == "Rp1.234,6 miliar"
    with pytest.raises(ValueError):
        num(1.0, 1, "fr")


def test_sensitivity_labels_are_the_registry_labels() -> None:
    from simulator.sensitivity.experiment import labels

    spec = SimpleNamespace(experiment=SimpleNamespace(factors=[SimpleNamespace(name="bkm.managing_body")]))
    assert labels(spec) == {"bkm.managing_body": "Managing-body effectiveness"}  # type: ignore[arg-type]


# --------------------------------------------------------------------------- findings


def test_compare_findings_order_and_cheapest_option() -> None:
    effects = pd.DataFrame(
        [
            {"policy": "a", "outcome": "sustained_share_final", "diff": 0.05},
            {"policy": "b", "outcome": "sustained_share_final", "diff": 0.20},
            {"policy": "c", "outcome": "sustained_share_final", "diff": 0.10},
            {"policy": "a", "outcome": "aid_total", "diff": 9.0},
        ]
    )
    costs = pd.DataFrame(
        {
            "policy": ["a", "b", "c"],
            "cost_per_extra_ward": [math.nan, 300.0, 120.0],
            "cost_per_extra_ward_low": [math.nan, 200.0, 100.0],
            "cost_per_extra_ward_high": [math.nan, 400.0, 150.0],
            "sure_gain": [False, True, True],
        }
    )
    cmp = SimpleNamespace(effects=effects, costs=costs, horizons=pd.DataFrame())
    f = compare_findings(cmp)  # type: ignore[arg-type]
    assert f.by_gain == ["b", "c", "a"]
    assert f.cheapest == "c" and f.cheapest_cost == 120.0 and f.cheapest_range == (100.0, 150.0)
    one = costs.assign(cost_per_extra_ward=[math.nan, 300.0, math.nan], sure_gain=[False, True, False])
    f = compare_findings(SimpleNamespace(effects=effects, costs=one, horizons=pd.DataFrame()))  # type: ignore[arg-type]
    assert f.cheapest == "b" and f.qualifying == ["b"]  # the only sure gain is named, as the only one


def test_whatif_findings() -> None:
    rob = pd.DataFrame(
        {
            "option": ["baseline", "p1", "p2", "p3"],
            "meets_share": [0.25, 0.75, 0.70, 0.50],
            "cost_per_ward_year": [0.0, 10.0, 4.0, 2.0],
        }
    )
    stab = {"most_robust": "p1", "kendall_w": 0.6, "winner": "p2", "winner_share": 0.5}
    f = whatif_findings(SimpleNamespace(robustness=rob, stability=stab))  # type: ignore[arg-type]
    assert f.most_robust == "p1"
    assert f.cheaper == "p2" and f.cheaper_share == pytest.approx(0.65)  # p3 is cheaper but meets too rarely
    # gain over the baseline per Rp million per ward per year: p1 5.0, p2 11.25, p3 12.5 points
    assert f.best_value == "p3" and f.best_value_gain == pytest.approx(25.0)
    assert f.best_value_ratio == pytest.approx(12.5)
    assert f.stability == "mostly" and f.winner == "p2" and f.winner_share == 0.5
    free = rob.assign(cost_per_ward_year=0.0)
    f = whatif_findings(SimpleNamespace(robustness=free, stability={**stab, "kendall_w": 0.9}))  # type: ignore[arg-type]
    assert f.cheaper is None and f.best_value is None and f.stability == "stable"


def test_failure_kinds() -> None:
    row = {"futures_missed": 0, "futures": 8, "restricted": ""}
    assert failure_kind(row) == "never"
    assert failure_kind({**row, "futures_missed": 8}) == "always"
    assert failure_kind({**row, "futures_missed": 3}) == "nobox"
    assert failure_kind({**row, "futures_missed": 3, "restricted": "firms.responsiveness"}) == "box"


def _indonesian_texts() -> list[tuple[str, str]]:
    """Every Indonesian string of the briefs, their plots, the dashboard and the outcome registry."""
    from simulator.i18n.brief_text import BRIEF, PLOT
    from simulator.i18n.dashboard_text import TEXT
    from simulator.i18n.meanings_id import PARAM_MEANINGS_ID
    from simulator.i18n.registry_id import CHOICE_LABELS, SOURCES_ID, UNITS_ID
    from simulator.outcomes import OUTCOMES

    out = []
    for table, d in (("BRIEF", BRIEF["id"]), ("PLOT", PLOT["id"]), ("TEXT", TEXT["id"])):
        for key, v in d.items():
            out += [(f"{table}.{key}", x) for x in (v if isinstance(v, list) else [v]) if isinstance(x, str)]
    out += [(f"outcome {o.name}", text) for o in OUTCOMES for text in (o.label.get("id", ""), o.axis.get("id", ""))]
    # the registry's text: labels, meanings, units, sources, choice names and the help each parameter gets
    out += [(f"label {name}", pair[1]) for name, pair in PARAM_LABELS.items()]
    out += [(f"meaning {name}", text) for name, text in PARAM_MEANINGS_ID.items()]
    out += [(f"unit {unit}", text) for unit, text in UNITS_ID.items()]
    out += [(f"source {src}", text) for src, text in SOURCES_ID.items()]
    out += [(f"choice {value}", pair[1]) for value, pair in CHOICE_LABELS.items()]
    out += [(f"help {p.name}", param_help(p.name, "id")) for p in PARAMETERS]
    return [(key, re.sub(r"\{[a-z_0-9]*\}", "", text)) for key, text in out]  # placeholders are not words


def test_indonesian_texts_use_the_glossary_terms() -> None:
    """GLOSSARY_ID.md's "avoid" column: none of these words in any Indonesian text."""
    avoid = (
        "tuas",
        "benih",
        "dimobilisasi",
        "tersalur",
        "terbanyak",
        "wilayah yang ditemukan",
        "di wilayah itu",
        "di mana",
        " vs ",
        "keahlian",
        "hibah",
        "pangsa",
        "menjawab",
        "adalah bagian ",
        "lebih baik dari ",
        "pita",  # an uncertainty band is a rentang (ketidakpastian)
        "merespons",  # to respond is menanggapi
        "[0, 1]",  # a range reads 0–1 (the comma would read as a decimal)
        "baseline",
        "probability",
        "ward ",
    )
    texts = _indonesian_texts()
    assert any("kebijakan" in text for _, text in texts)  # the texts are there to check
    bad = [(key, word) for key, text in texts for word in avoid if word in text.lower()]
    assert not bad, bad


# --------------------------------------------------------------------------- matplotlib tick labels


def _tick_texts(fig, which: str = "both") -> list[str]:
    """The tick label texts of every panel of ``fig``, after drawing it."""
    fig.canvas.draw()
    out = []
    for ax in fig.axes:
        if which in ("x", "both"):
            out += [t.get_text() for t in ax.get_xticklabels()]
        if which in ("y", "both"):
            out += [t.get_text() for t in ax.get_yticklabels()]
    return [t for t in out if t]


def test_indonesian_ticks_have_a_decimal_comma_and_a_thousands_dot() -> None:
    from matplotlib.figure import Figure
    from matplotlib.ticker import PercentFormatter

    from simulator.i18n.plots import localize_ticks

    def figure() -> Figure:
        fig = Figure()
        small, big, share = fig.subplots(1, 3)
        small.plot([2008, 2027], [0.0, 0.05])  # x: calendar years; y: 0.00 .. 0.05
        small.set_xlabel("Tahun")
        big.plot([0, 1], [0, 4000])
        big.set_ylabel("Rp juta / tahun")  # not a year axis although the unit says "tahun"
        share.plot([0, 1], [0.0, 0.5])
        share.yaxis.set_major_formatter(PercentFormatter(1.0))
        return fig

    english = _tick_texts(figure())
    assert "0.02" in english and "4000" in english  # matplotlib's own labels, left as they are in English
    fig = localize_ticks(figure(), "id")
    small, big, share = fig.axes
    labels = _tick_texts(fig)
    assert "0,02" in _tick_texts(fig, "y") and "0.02" not in labels
    assert not [t for t in labels if "." in t and "," not in t and not t.replace(".", "").isdigit()]
    assert {"3.500", "4.000"} <= {t.get_text() for t in big.get_yticklabels()}  # thousands dot
    years = [t.get_text() for t in small.get_xticklabels()]
    assert "2010" in years and not any("." in y for y in years)  # calendar years: no thousands dot
    shares = [t.get_text() for t in share.get_yticklabels()]
    assert "10%" in shares and all(s.endswith("%") for s in shares)  # a percent axis keeps its %
    pct_fig = Figure()
    ax = pct_fig.subplots()
    ax.plot([0, 1], [0.0, 0.012])
    ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    assert "0,2%" in _tick_texts(localize_ticks(pct_fig, "id"), "y")  # a percent with a decimal comma
    with pytest.raises(ValueError, match="language"):
        localize_ticks(Figure(), "fr")


def test_a_policy_plot_saved_in_indonesian_has_decimal_commas(tmp_path: Path) -> None:
    """plot_effects through save_fig(lang="id"): the tick labels on the rendered PNG say 0,02, never 0.02."""
    from simulator.policy.compare_plots import plot_effects
    from simulator.policy.effects import OUTCOMES
    from simulator.policy.files import save_fig

    rows = [
        {"policy": p, "outcome": o.column, "diff": d, "ci_low": d - 0.01, "ci_high": d + 0.015}
        for p, d in (("a", 0.012), ("b", -0.02))
        for o in OUTCOMES
    ]
    effects = pd.DataFrame(rows)
    fig = plot_effects(effects, "id")
    save_fig(fig, tmp_path / "effects.png", lang="id")
    assert (tmp_path / "effects.png").stat().st_size > 1000
    xs = _tick_texts(fig, "x")
    assert any("," in t for t in xs), xs
    assert not any("." in t for t in xs), xs  # no decimal point, and no number here reaches a thousand
    assert "0,02" in xs or "0,01" in xs, xs
    fig = plot_effects(effects, "en")
    save_fig(fig, tmp_path / "effects-en.png", lang="en")
    assert any("." in t for t in _tick_texts(fig, "x"))
