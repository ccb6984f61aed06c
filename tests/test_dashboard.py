"""Component tests of the dashboard with ``solara.render`` (no browser)."""

from __future__ import annotations

import re

import ipyvuetify as v
import ipywidgets
import numpy as np
import pytest
import solara

from simulator.dashboard import app, charts
from simulator.dashboard.app import TEXT_SUFFIX, Dashboard, Kpi, ParamSlider, WardTableWidget, ward_rows
from simulator.dashboard.chart_view import SeedsControl
from simulator.dashboard.cli import add_commands
from simulator.dashboard.controls import (
    GROUPS,
    OBSTACLE_DETAILS,
    clamp,
    control_names,
    controls,
    group_of,
    model_params,
    structure_controls,
    structure_names,
    values_for,
)
from simulator.dashboard.i18n import (
    CHOICE_LABELS,
    PARAM_LABELS,
    PARAM_MEANINGS_ID,
    TEXT,
    fmt_num,
    param_help,
    param_label,
    place_name,
    t,
)
from simulator.dashboard.runs import Comparison, policy_levers
from simulator.params import BY_NAME, LEVERS, PARAMETERS
from simulator.scenario import load_scenario


@solara.component
def Shell(scenario: str = "kendal", lang: str = "en", policy: str = "", seeds: int = 1) -> None:  # noqa: N802
    with solara.AppLayout():  # the server wraps pages in an AppLayout; the sidebar needs it
        Dashboard(scenario, lang, policy, seeds)


def render(scenario: str = "kendal", lang: str = "en", policy: str = "", seeds: int = 1):
    """The dashboard of one session; with one seed (no bands) unless ``seeds`` says otherwise.

    With one seed the dashboard behaves as it did before the bands existed, which the tests
    here check; tests/test_dashboard_bands.py tests the bands.
    """
    _, rc = solara.render(Shell(scenario, lang, policy, seeds), handle_error=False)
    return rc


def slider(rc, name: str):
    return rc.find(class_="plpbk-param plpbk-param-" + name.replace(".", "-")).find(v.Slider).widget


def counter(rc) -> str:
    return rc.find(class_="plpbk-counter").widget.children[0]


def chart_images(rc) -> list[bytes]:
    return [bytes(w.value) for w in rc.find(ipywidgets.Image).widgets]


def button(rc, label: str):
    return rc.find(v.Btn, children=[label]).widget


def structure_input(rc, name: str):
    box = rc.find(class_="plpbk-structure plpbk-structure-" + name.replace(".", "-"))
    found = box.find(v.Select)
    return found.widget if found.widgets else box.find(v.Checkbox).widget


@pytest.fixture
def built(monkeypatch):
    """Every Comparison the dashboard builds (the session's runs), newest last."""
    made: list[Comparison] = []
    real = app.make_comparison

    def spy(*args, **kwargs):
        made.append(real(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(app, "make_comparison", spy)
    return made


@pytest.fixture(scope="module")
def rc():
    return render()


# ---------------------------------------------------------------- controls from the registry


def test_every_enabler_obstacle_and_lever_has_a_control():
    names = set(control_names())
    for p in PARAMETERS:
        if p.role in ("enabler", "obstacle", "lever") and p.kind in ("int", "float"):
            assert p.name in names, p.name
    assert {f"levers.{lv}" for lv in LEVERS} <= names
    assert set(controls()) == set(GROUPS)


def test_obstacles_are_grouped_without_flooding_the_panel():
    groups = {g: [c.name for c in cs] for g, cs in controls().items()}
    # the new obstacles a policy meeting argues about are in the main groups ...
    for name in ("demand.market_access", "bkm.turnover", "government.priority_spread", "firms.outside_reach"):
        assert name in groups["obstacles"], name
    assert "trust.reputation_spread" in groups["enablers"]
    # ... how much each turnover, election or year without contact costs is one click further
    assert set(groups["obstacle_details"]) == set(OBSTACLE_DETAILS)
    assert all(BY_NAME[n].role == "obstacle" for n in OBSTACLE_DETAILS)
    assert len(groups["obstacles"]) <= 16 and len(groups["enablers"]) <= 12
    # obstacles read ward first, then agencies, then firms
    sections = [n.split(".")[0] for n in groups["obstacles"]]
    assert sections.index("bkm") < sections.index("government") < sections.index("firms")


def test_choice_and_bool_parameters_get_structure_controls_not_sliders():
    choice = [p.name for p in PARAMETERS if p.kind == "choice"]
    flags = [p.name for p in PARAMETERS if p.kind == "bool"]
    assert choice and {n.split(".")[0] for n in choice} == {"structure"}
    assert structure_names() == choice + flags  # dropdowns first, then the yes/no switches
    for p in PARAMETERS:
        if p.kind in ("choice", "bool"):
            assert group_of(p) is None and p.name not in control_names()
    for c in structure_controls("id"):
        p = BY_NAME[c.name]
        if c.is_bool:
            assert c.options == () and c.default is False
        else:
            assert [val for val, _ in c.options] == list(p.choices)
            assert sum("(bawaan)" in text for _, text in c.options) == 1  # the default is marked
    assert clamp("structure.trust", "fixed") == "fixed"
    assert clamp("structure.trust", "nonsense") == "learned"
    assert clamp("programme.kotaku", 1) is True


def test_sliders_have_the_registry_ranges(rc):
    sliders = rc.find(v.Slider).widgets
    assert len(sliders) == len(control_names()) + 1  # and the "Seeds for the bands" control
    seeds = rc.find(class_="plpbk-param plpbk-seeds").find(v.Slider).widget
    assert (seeds.min, seeds.max, seeds.v_model) == (1, 50, 1)
    for name in control_names():
        p = BY_NAME[name]
        w = slider(rc, name)
        assert (w.min, w.max) == (p.low, p.high), name
        # the slider can land exactly on the default
        assert abs(round((float(p.default) - p.low) / w.step) * w.step + p.low - float(p.default)) < 1e-9, name


def test_sliders_start_at_the_scenarios_values(rc):
    kendal = load_scenario("kendal")
    assert kendal.values["bkm.coordination"] != BY_NAME["bkm.coordination"].default  # the preset changes it
    assert slider(rc, "bkm.coordination").v_model == pytest.approx(kendal.values["bkm.coordination"])


def test_model_params_work_with_mesa_solaraviz_conventions():
    mp = model_params("kendal")
    s = mp["trust_initial"]
    p = BY_NAME["trust.initial"]
    assert (s.min, s.max, s.value) == (p.low, p.high, p.default)
    assert mp["government_payment_lag"].is_float_slider is False
    assert mp["firms_n"] == 8 and "scenario" not in mp  # the preset's values travel as fixed keywords
    # structure choices as Mesa's Select inputs, the KOTAKU switch as its Checkbox
    sel = mp["structure_trust"]
    assert sel["type"] == "Select" and sel["value"] == "learned"
    assert sel["values"] == ["learned", "symmetric", "fixed"] and sel["label"] == "How trust changes"
    assert mp["programme_kotaku"] == {"type": "Checkbox", "value": False, "label": "Programme moves into KOTAKU"}


def test_stock_solaraviz_reset_keeps_the_preset_and_applies_sliders():
    from mesa.visualization.solara_viz import _build_model_init_kwargs

    from simulator import PartnershipModel
    from simulator.scenario import load_scenario

    mp = model_params("kendal")

    def value(v):
        if isinstance(v, dict) and "type" in v:  # Mesa's user inputs other than sliders
            return v["value"]
        return v.value if hasattr(v, "value") else v

    params = {k: value(v) for k, v in mp.items()}
    params["trust_initial"] = 0.65  # a slider moved
    params["structure_trust"] = "fixed"  # a dropdown changed
    model = PartnershipModel("kendal", rng=1)
    again = type(model)(
        **_build_model_init_kwargs(model, params, add_scenario_when_empty=True, require_model_accepts_scenario=True)
    )
    kendal = load_scenario("kendal").values
    assert again.params.values["trust.initial"] == 0.65
    assert again.params.values["structure.trust"] == "fixed"
    changed = {k for k, v in again.params.values.items() if v != kendal[k]}
    assert changed == {"trust.initial", "structure.trust"}


def test_labels_in_both_languages():
    assert set(TEXT["en"]) == set(TEXT["id"])
    for name in control_names() + structure_names():
        assert param_label(name, "en") and param_label(name, "id")
        assert name in PARAM_LABELS, name
    assert param_label("trust.initial", "id") == "Kepercayaan awal"
    # every parameter of the registry has both labels and an Indonesian meaning; none is left for a removed one
    names = {p.name for p in PARAMETERS}
    assert set(PARAM_LABELS) == names == set(PARAM_MEANINGS_ID)
    for removed in ("acceptance.trust_weight", "acceptance.coordination_weight", "assets.fee_yield"):
        assert removed not in PARAM_LABELS
    # every value of every choice parameter has a display name in both languages
    for p in PARAMETERS:
        for c in p.choices:
            assert c in CHOICE_LABELS, (p.name, c)
    assert {c for p in PARAMETERS for c in p.choices} == set(CHOICE_LABELS)
    assert CHOICE_LABELS["fixed"][1] == "tetap" and CHOICE_LABELS["lapse"][1] == "aturan kedaluwarsa"
    rc_id = render(lang="id")
    assert rc_id.find(v.Btn, children=["Langkah"]).widgets
    assert counter(rc_id).startswith("Tahun")


def test_an_unknown_language_falls_back_to_english():
    """The text layer's check_lang raises; the dashboard falls back to English at its entry point."""
    rc = render(lang="fr")
    assert rc.find(v.Btn, children=["Step"]).widgets
    assert counter(rc).startswith("Year")


def test_help_texts_in_both_languages():
    en = {c.name: c.help for group in controls("en").values() for c in group}
    ind = {c.name: c.help for group in controls("id").values() for c in group}
    assert set(en) == set(ind) == set(control_names())
    assert set(control_names()) | set(structure_names()) <= set(PARAM_MEANINGS_ID)
    for name in control_names():
        meaning = BY_NAME[name].meaning
        assert PARAM_MEANINGS_ID[name].strip() and PARAM_MEANINGS_ID[name] != meaning, name
        assert en[name].startswith(meaning) and "; range " in en[name], name  # English unchanged
        assert ind[name].startswith(PARAM_MEANINGS_ID[name]) and meaning not in ind[name], name
        assert "; rentang " in ind[name] and "; bawaan " in ind[name] and "default" not in ind[name], name
    assert param_help("trust.initial", "id").endswith("asumsi (Mayer, Davis & Schoorman 1995). (trust.initial)")
    assert param_help("government.payment_lag", "id").split("; ")[-1].startswith("sumber: ")
    # the tooltip the slider shows in Indonesian
    c = next(c for c in controls("id")["enablers"] if c.name == "trust.initial")
    _, rc = solara.render(ParamSlider(c, 0.5, lambda name, value: None), handle_error=False)
    tips = rc.find(v.Tooltip).widgets
    assert len(tips) == 1
    text = " ".join(str(x) for x in tips[0].children)
    assert "Kepercayaan awal dan dasar antara BKM dan mitra" in text
    assert "Satuan" in text and BY_NAME["trust.initial"].meaning not in text


def test_indonesian_help_follows_the_glossary():
    """Decimal comma, thousands dot, ranges as 0–1 (never [0, 1]) and the glossary's terms."""
    assert param_help("trust.initial", "id").split("Satuan: ")[1].startswith("-; rentang 0–1; bawaan 0,35;")
    assert "rentang 1–10.000; bawaan 175;" in param_help("firms.ceiling", "id")
    assert "rentang 1990–2100; bawaan 2013;" in param_help("levers.marketing_push_start", "id")  # years: no dot
    assert "Pilihan: dipelajari, simetris, atau tetap; bawaan dipelajari;" in param_help("structure.trust", "id")
    assert "Pilihan: ya/tidak; bawaan tidak;" in param_help("programme.kotaku", "id")
    avoid = ("[0, 1]", "tuas", "keahlian", "pendamping", "hibah", "pangsa", "baseline", "benih", "dijawab")
    shown = [c.help for g in controls("id").values() for c in g] + [c.help for c in structure_controls("id")]
    shown += [c.label for g in controls("id").values() for c in g] + list(TEXT["id"].values())
    for text in shown:
        for word in avoid:
            assert word not in text.lower(), (word, text)
    assert "[" not in " ".join(c.help.split(" Satuan")[1] for c in controls("id")["enablers"])
    # changed meanings of the second model
    assert "pergantian pengurus" in PARAM_MEANINGS_ID["levers.consistent_team"]
    assert PARAM_MEANINGS_ID["levers.consistent_team_effect"].startswith("Proporsi pergantian pengurus BKM")
    assert "kepercayaan harus dibangun" in PARAM_MEANINGS_ID["trust.initial"]
    for name in ("trust.end_threshold", "partnership.lapse_years"):
        assert PARAM_MEANINGS_ID[name].startswith("Hanya pada struktur 'aturan kedaluwarsa'"), name
    assert param_help("government.payment_lag", "id").endswith(
        "sumber: dana APBD cair setahun setelah putaran perencanaan. (government.payment_lag)"
    )


def test_numbers_in_the_language_style():
    assert fmt_num(0.35, "id") == "0,35" and fmt_num(0.35, "en") == "0.35"
    assert fmt_num(1234.5, "id", 1) == "1.234,5" and fmt_num(1234.5, "en", 1) == "1,234.5"
    assert fmt_num(2013, "id", grouping=False) == "2013" and fmt_num(float("nan"), "id") == "–"
    assert fmt_num(-0.001, "id", 2) == "0,00"
    assert place_name("Ward 007", "id") == "Kelurahan 007" and place_name("Region 2", "id") == "Wilayah 2"
    assert place_name("Ward 007", "en") == "Ward 007" and place_name("Kebondalem", "id") == "Kebondalem"
    c = next(c for c in controls("id")["levers"] if c.name == "levers.marketing_push_start")
    _, rc = solara.render(ParamSlider(c, 2013.0, lambda name, value: None, "id"), handle_error=False)
    assert rc.find(class_="plpbk-param-value").widget.children[0] == "2013"
    c = next(c for c in controls("id")["enablers"] if c.name == "trust.initial")
    _, rc = solara.render(ParamSlider(c, 0.35, lambda name, value: None, "id"), handle_error=False)
    assert rc.find(class_="plpbk-param-value").widget.children[0] == "0,35"


ID_NUMBER = re.compile(r"^−?\d{1,3}(\.\d{3})*(,\d+)?%?$")
"""A number as Bahasa Indonesia writes it: thousands dot, decimal comma (``1.234,5``, ``0,25``, ``−0,2``)."""
YEAR = re.compile(r"^(19|20)\d\d$")


def test_indonesian_headline_numbers_and_readouts_have_decimal_commas():
    """Component test: the KPI cards, the seeds readout and a slider readout in id mode."""

    def texts(el) -> list[str]:
        _, rc = solara.render(el, handle_error=False)
        classes = ("plpbk-kpi-value", "plpbk-kpi-value plpbk-kpi-policy", "plpbk-delta-up", "plpbk-param-value")
        return [str(w.children[0]) for c in classes for w in rc.find(class_=c).widgets]

    shown = texts(Kpi("Kepercayaan", 0.456, 0.5561, ".2f", lang="id"))
    assert {"0,46", "0,56", "+0,10"} <= set(shown), shown
    assert not [x for x in shown if re.search(r"\d\.\d", x)], shown  # no decimal point
    shown = texts(Kpi("Bantuan", 1234.5, 2345.6, ",.0f", lang="id"))
    assert {"1.234", "2.346", "+1.111"} <= set(shown), shown  # thousands dot
    assert {"0.46", "0.56", "+0.10"} <= set(texts(Kpi("Trust", 0.456, 0.5561, ".2f", lang="en")))
    _, rc = solara.render(Kpi("Kepercayaan", 0.5561, 0.456, ".2f", lang="id"), handle_error=False)
    assert rc.find(class_="plpbk-delta-down").widget.children[0] == "\u22120,10"  # a true minus sign
    assert "20" in texts(SeedsControl(20, lambda n: None, "id"))
    c = next(c for c in controls("id")["obstacles"] if c.name == "bkm.managing_body")
    _, rc = solara.render(ParamSlider(c, 0.125, lambda name, value: None, "id"), handle_error=False)
    assert rc.find(class_="plpbk-param-value").widget.children[0] == "0,125"
    assert "rentang 0–1;" in c.help and "[" not in c.help  # a range reads 0–1, never [0, 1]


def test_indonesian_chart_ticks_have_decimal_commas():
    """Every tick label of every chart and of the network's colour bar is an Indonesian number or a year."""
    sc = load_scenario("kendal")
    cmp = Comparison("kendal", values_for(sc) | policy_levers(sc, "all-efforts"), seed=3)
    for _ in range(8):
        cmp.step()
    commas = 0
    for which in charts.CHARTS:
        fig = charts.chart(cmp, which, "id")
        fig.canvas.draw()
        for ax in fig.axes:
            ys = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
            xs = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
            assert all(ID_NUMBER.match(y) for y in ys), (which, ys)
            assert xs and all(YEAR.match(x) for x in xs), (which, xs)  # years: no thousands dot
            commas += sum("," in y for y in ys)
    assert commas > 0
    fig = charts.chart(cmp, "trust", "id")
    fig.canvas.draw()
    assert "0,2" in [t.get_text() for t in fig.axes[0].get_yticklabels()]
    fig = charts.chart(cmp, "trust", "en")
    fig.canvas.draw()
    assert "0.2" in [t.get_text() for t in fig.axes[0].get_yticklabels()]
    fig = charts.network(cmp.baseline, "jaringan", "id")
    fig.canvas.draw()
    bar = [t.get_text() for ax in fig.axes for t in ax.get_yticklabels() if t.get_text()]
    assert "0,2" in bar and all(ID_NUMBER.match(x) for x in bar), bar


# ---------------------------------------------------------------- stepping and reset


def test_step_advances_the_model_and_redraws_the_charts():
    rc = render()
    assert "step 0 of 20" in counter(rc)
    before = chart_images(rc)
    assert len(before) == len(charts.CHARTS)
    button(rc, "Step").click()
    assert "step 1 of 20" in counter(rc)
    assert "Year 2008" in counter(rc)
    after = chart_images(rc)
    assert after != before
    button(rc, "Step").click()
    assert "step 2 of 20" in counter(rc)


def test_reset_applies_the_slider_values():
    rc = render()
    button(rc, "Step").click()
    slider(rc, "bkm.coordination").v_model = 0.95
    assert rc.find(v.Alert).widgets  # "applied on Reset" hint
    assert "step 1 of 20" in counter(rc)  # not applied yet: the model keeps running
    assert not rc.find(class_="plpbk-kpi-value plpbk-kpi-policy").widgets
    slider(rc, "levers.marketing_push").v_model = 0.8
    button(rc, "Reset").click()
    assert "step 0 of 20" in counter(rc)
    assert not rc.find(v.Alert).widgets
    # both runs got the context slider; only the policy run got the lever
    assert len(rc.find(class_="plpbk-kpi-value").widgets) == 5  # baseline value of each headline number
    assert len(rc.find(class_="plpbk-kpi-value plpbk-kpi-policy").widgets) == 5  # and the policy's
    button(rc, "Step").click()
    assert "step 1 of 20" in counter(rc)


def test_structure_dropdown_is_applied_on_reset(built):
    rc = render()
    assert built[-1].baseline.params.values["structure.trust"] == "learned"
    sel = structure_input(rc, "structure.trust")
    assert [i["value"] for i in sel.items] == ["learned", "symmetric", "fixed"]
    assert sel.items[0]["text"] == "learned (default)" and sel.v_model == "learned"
    button(rc, "Step").click()
    sel.v_model = "fixed"
    assert rc.find(v.Alert).widgets  # "applied on Reset" hint
    assert "step 1 of 20" in counter(rc)  # the running model keeps its structure until Reset
    assert built[-1].baseline.params.values["structure.trust"] == "learned"
    assert rc.find(v.ExpansionPanelHeader, children=["Model structure (1 changed)"]).widgets
    button(rc, "Reset").click()
    assert "step 0 of 20" in counter(rc) and not rc.find(v.Alert).widgets
    cmp = built[-1]
    assert cmp.baseline.params.values["structure.trust"] == "fixed"
    assert cmp.policy is None  # a structure choice is context: it sets the baseline, not a policy run
    trust0 = cmp.baseline.trust_partner.copy()
    for _ in range(6):
        button(rc, "Step").click()
    assert np.array_equal(cmp.baseline.trust_partner, trust0)  # fixed trust never moves


def test_structure_choices_set_both_runs_and_the_kotaku_switch(built):
    rc = render(policy="all-efforts")
    structure_input(rc, "structure.renewal").v_model = "lapse"
    structure_input(rc, "programme.kotaku").v_model = True
    button(rc, "Reset").click()
    cmp = built[-1]
    assert cmp.policy is not None
    for _, m in cmp.models:
        assert m.params.values["structure.renewal"] == "lapse" and m.params.values["programme.kotaku"] is True
    assert cmp.policy.params.values["levers.marketing_push"] == pytest.approx(0.6)
    # picking another scenario starts again from its own (default) structure
    rc.find(v.Select, label="Scenario").widget.v_model = "pekalongan"
    assert structure_input(rc, "structure.renewal").v_model == "decision"
    assert built[-1].baseline.params.values["structure.renewal"] == "decision"


def test_structure_controls_in_indonesian():
    rc = render(lang="id")
    sel = structure_input(rc, "structure.trust")
    assert [i["text"] for i in sel.items] == ["dipelajari (bawaan)", "simetris", "tetap"]
    assert rc.find(v.ExpansionPanelHeader, children=["Struktur model"]).widgets
    assert rc.find(v.ExpansionPanelHeader, children=["Instrumen kebijakan"]).widgets
    box = rc.find(class_="plpbk-structure plpbk-structure-structure-renewal")
    tips = " ".join(str(x) for w in box.find(v.Tooltip).widgets for x in w.children)
    assert "Cara kemitraan berakhir" in tips and "aturan kedaluwarsa" in tips
    renewal = structure_input(rc, "structure.renewal")
    want = ["keputusan mitra (bawaan)", "aturan kedaluwarsa", "tidak pernah berakhir"]
    assert [i["text"] for i in renewal.items] == want
    kotaku = structure_input(rc, "programme.kotaku")
    assert kotaku.label == "Program beralih ke KOTAKU" and kotaku.v_model is False


def test_the_policy_picker_sets_the_lever_sliders():
    rc = render()
    sel = rc.find(v.Select, label="Policy").widget
    sel.v_model = "all-efforts"
    assert slider(rc, "levers.marketing_push").v_model == pytest.approx(0.6)
    assert slider(rc, "levers.strengthening").v_model == pytest.approx(0.6)
    assert len(rc.find(class_="plpbk-kpi-value plpbk-kpi-policy").widgets) == 5


def test_opening_with_a_policy_file(tmp_path):
    f = tmp_path / "my-forum.toml"
    f.write_text('[policy]\nname = "my-forum"\ndescription = "forum"\n\n[levers]\ncsr_forum = 0.9\n')
    rc = render(policy=str(f))
    assert slider(rc, "levers.csr_forum").v_model == pytest.approx(0.9)
    assert len(rc.find(class_="plpbk-kpi-value plpbk-kpi-policy").widgets) == 5
    assert "step 0 of 20" in counter(rc)


def test_two_sessions_own_separate_models():
    a, b = render(), render()
    button(a, "Step").click()
    button(a, "Step").click()
    assert "step 2 of 20" in counter(a)
    assert "step 0 of 20" in counter(b)


# ---------------------------------------------------------------- runs, charts, table


def test_comparison_runs_baseline_and_policy_on_the_same_seed():
    sc = load_scenario("kendal")
    vals = values_for(sc) | policy_levers(sc, "marketing-push")
    cmp = Comparison("kendal", vals, seed=7, policy_name="marketing-push")
    assert cmp.policy is not None
    assert cmp.policy_scenario is not None and cmp.policy_scenario.values["levers.marketing_push"] == 0.6
    assert cmp.base_scenario.values["levers.marketing_push"] == 0.0
    # same seed: identical set-up, and identical years before the lever starts (2013)
    assert np.array_equal(cmp.baseline.capacity, cmp.policy.capacity)
    for _ in range(5):
        cmp.step()
    b, p = cmp.series("baseline"), cmp.series("policy")
    assert list(b["year"]) == [2008, 2009, 2010, 2011, 2012]
    assert np.array_equal(b["partnerships_active"], p["partnerships_active"])
    for _ in range(6):
        cmp.step()
    assert not np.array_equal(cmp.series("baseline")["lever_cost"], cmp.series("policy")["lever_cost"])


def test_no_policy_run_when_the_levers_equal_the_baseline():
    cmp = Comparison("kendal", values_for(load_scenario("kendal")), seed=1)
    assert cmp.policy is None and [r for r, _ in cmp.models] == ["baseline"]


def test_comparison_stops_at_the_last_year():
    cmp = Comparison("kendal", {"levers.marketing_push": 0.5}, seed=2)
    while cmp.step():
        pass
    assert cmp.steps == cmp.years == 20 and not cmp.running and cmp.year == 2027


def test_every_chart_and_the_network_draw():
    sc = load_scenario("kendal")
    cmp = Comparison("kendal", values_for(sc) | policy_levers(sc, "all-efforts"), seed=3)
    for _ in range(4):
        cmp.step()
    for which in charts.CHARTS:
        fig = charts.chart(cmp, which, "id")
        assert fig.axes and fig.axes[0].lines
    fig = charts.network(cmp.baseline, "net", "en")
    assert fig.axes
    aid = charts.pair_aid(cmp.baseline)
    assert aid.shape == (cmp.baseline.n_partners, cmp.baseline.n_wards) and aid.sum() > 0
    with pytest.raises(ValueError, match="unknown chart"):
        charts.chart(cmp, "nope")


def test_the_network_of_a_national_scale_scenario_is_a_note_not_a_drawing():
    from simulator.model.model import PartnershipModel

    big = PartnershipModel(load_scenario().with_values({"wards.n": charts.NETWORK_MAX_WARDS + 1}), rng=1)
    for lang, words in (("en", "at most 400 wards; this scenario has 401"), ("id", "paling banyak 400 kelurahan")):
        fig = charts.network(big, "net", lang)
        texts = [x.get_text() for x in fig.axes[0].texts]
        assert len(texts) == 1 and words in texts[0]
        assert not fig.axes[0].collections  # no nodes or edges drawn
    small = PartnershipModel(load_scenario().with_values({"wards.n": charts.NETWORK_MAX_WARDS}), rng=1)
    assert charts.network(small, "net", "en").axes[0].collections  # up to the limit it is drawn


def test_ward_table_rows():
    cmp = Comparison("kendal", {}, seed=1)
    for _ in range(20):
        cmp.step()
    headers, rows = ward_rows(cmp, "baseline", "en")
    assert len(rows) == 20
    cols = [h["value"] for h in headers]
    assert cols[:2] == ["ward", "maturity_start"]  # one regency: no regency column
    assert {"market_access", "trust", "fees_collected", "turnovers"} <= set(cols)
    table = cmp.baseline.ward_table()
    assert set(cols) <= set(table)
    assert rows[0]["sustained"] in ("yes", "no")
    assert rows[0]["trust"] == round(table["trust"][0], 2)  # sorts by the number ...
    assert rows[0]["trust" + TEXT_SUFFIX] == f"{rows[0]['trust']:.2f}"  # ... shows it as text
    _, rows_id = ward_rows(cmp, "baseline", "id")
    assert rows_id[0]["ward" + TEXT_SUFFIX] == "Kelurahan 001" and rows_id[0]["sustained"] in ("ya", "tidak")
    big = max(rows_id, key=lambda r: r["aid_received"])
    assert big["aid_received"] >= 1000 and "." in big["aid_received" + TEXT_SUFFIX]  # thousands dot
    assert "," in rows_id[0]["capacity" + TEXT_SUFFIX]  # decimal comma
    assert isinstance(rows_id[0]["capacity"], float)
    two = Comparison("showcase", {}, seed=1)  # two regions: the regency column is shown
    headers, rows = ward_rows(two, "baseline", "id")
    assert [h["value"] for h in headers][:2] == ["ward", "regency"]
    assert {r["regency" + TEXT_SUFFIX] for r in rows} == {"Kendal", "Pekalongan"}  # real names stay as they are
    assert rows[0]["ward" + TEXT_SUFFIX] == "Kebondalem"


def test_ward_table_widget_in_the_dashboard():
    rc = render(lang="id")
    assert not rc.find(WardTableWidget).widgets  # tabs are lazy: the table is built when its tab opens
    rc.find(v.Tabs).widget.v_model = 2
    w = rc.find(WardTableWidget).widget
    assert [h["text"] for h in w.headers][:3] == ["Kelurahan", "Status awal BKM", "Kapasitas"]
    assert len(w.items) == 20 and w.items[0]["ward" + TEXT_SUFFIX] == "Kelurahan 001"
    assert w.footer["items-per-page-text"] == "Baris per halaman:" and w.footer["page-text"] == "{0}–{1} dari {2}"


def test_cli_registers_dashboard():
    import argparse

    ap = argparse.ArgumentParser()
    add_commands(ap.add_subparsers(dest="command"))
    args = ap.parse_args(["dashboard", "pekalongan", "--port", "9000", "--lang", "id"])
    assert (args.scenario, args.port, args.host, args.lang) == ("pekalongan", 9000, "127.0.0.1", "id")
    assert t("step", "id") == "Langkah"
