"""Component tests of the dashboard with ``solara.render`` (no browser)."""

from __future__ import annotations

import ipyvuetify as v
import ipywidgets
import numpy as np
import pytest
import solara

from simulator.dashboard import charts
from simulator.dashboard.app import Dashboard, ParamSlider, ward_rows
from simulator.dashboard.cli import add_commands
from simulator.dashboard.controls import GROUPS, control_names, controls, model_params, values_for
from simulator.dashboard.i18n import PARAM_LABELS, PARAM_MEANINGS_ID, TEXT, param_help, param_label, t
from simulator.dashboard.runs import Comparison, policy_levers
from simulator.params import BY_NAME, LEVERS, PARAMETERS
from simulator.scenario import load_scenario


@solara.component
def Shell(scenario: str = "kendal", lang: str = "en", policy: str = "") -> None:  # noqa: N802 (Solara component)
    with solara.AppLayout():  # the server wraps pages in an AppLayout; the sidebar needs it
        Dashboard(scenario, lang, policy)


def render(scenario: str = "kendal", lang: str = "en", policy: str = ""):
    _, rc = solara.render(Shell(scenario, lang, policy), handle_error=False)
    return rc


def slider(rc, name: str):
    return rc.find(class_="plpbk-param plpbk-param-" + name.replace(".", "-")).find(v.Slider).widget


def counter(rc) -> str:
    return rc.find(class_="plpbk-counter").widget.children[0]


def chart_images(rc) -> list[bytes]:
    return [bytes(w.value) for w in rc.find(ipywidgets.Image).widgets]


def button(rc, label: str):
    return rc.find(v.Btn, children=[label]).widget


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


def test_sliders_have_the_registry_ranges(rc):
    sliders = rc.find(v.Slider).widgets
    assert len(sliders) == len(control_names())
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


def test_stock_solaraviz_reset_keeps_the_preset_and_applies_sliders():
    from mesa.visualization.solara_viz import _build_model_init_kwargs

    from simulator import PartnershipModel
    from simulator.scenario import load_scenario

    mp = model_params("kendal")
    params = {k: (v.value if hasattr(v, "value") else v) for k, v in mp.items()}
    params["trust_initial"] = 0.65  # a slider moved
    model = PartnershipModel("kendal", rng=1)
    again = type(model)(
        **_build_model_init_kwargs(model, params, add_scenario_when_empty=True, require_model_accepts_scenario=True)
    )
    kendal = load_scenario("kendal").values
    assert again.params.values["trust.initial"] == 0.65
    changed = {k for k, v in again.params.values.items() if v != kendal[k]}
    assert changed == {"trust.initial"}


def test_labels_in_both_languages():
    assert set(TEXT["en"]) == set(TEXT["id"])
    for name in control_names():
        assert param_label(name, "en") and param_label(name, "id")
        assert name in PARAM_LABELS, name
    assert param_label("trust.initial", "id") == "Kepercayaan awal"
    rc_id = render(lang="id")
    assert rc_id.find(v.Btn, children=["Langkah"]).widgets
    assert counter(rc_id).startswith("Tahun")


def test_help_texts_in_both_languages():
    en = {c.name: c.help for group in controls("en").values() for c in group}
    ind = {c.name: c.help for group in controls("id").values() for c in group}
    assert set(en) == set(ind) == set(control_names()) == set(PARAM_MEANINGS_ID)
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


def test_ward_table_rows():
    cmp = Comparison("kendal", {}, seed=1)
    cmp.step()
    headers, rows = ward_rows(cmp, "baseline", "en")
    assert len(rows) == 20
    assert [h["value"] for h in headers][:2] == ["ward", "regency"]
    assert rows[0]["sustained"] in ("yes", "no")


def test_cli_registers_dashboard():
    import argparse

    ap = argparse.ArgumentParser()
    add_commands(ap.add_subparsers(dest="command"))
    args = ap.parse_args(["dashboard", "pekalongan", "--port", "9000", "--lang", "id"])
    assert (args.scenario, args.port, args.host, args.lang) == ("pekalongan", 9000, "127.0.0.1", "id")
    assert t("step", "id") == "Langkah"
