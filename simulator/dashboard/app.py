"""The Solara app: ``Page`` is what ``plpbk dashboard`` (or ``solara run``) serves.

Layout in the spirit of Mesa's ``SolaraViz``: an app bar, a sidebar with the run
controls (scenario, policy, seed, Step / Play / Reset, step counter), the model
parameters as sliders generated from the registry and a "Model structure" section
(one dropdown per ``structure.*`` choice, a checkbox per yes/no switch), and a main
area with the charts, the partnership network and the per-ward table.

Each browser tab is its own Solara virtual kernel; every model lives in component
state (``solara.use_reactive`` / ``use_memo``) of that kernel, so two people on two
tabs never step each other's model. As in ``SolaraViz``, slider and structure values
are applied on Reset; picking a scenario or a policy resets the runs at once.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ipyvuetify as v
import solara
import solara.lab
import traitlets

from simulator.dashboard import charts
from simulator.dashboard.bands import DEFAULT_SEEDS
from simulator.dashboard.chart_view import BandInputs, Charts, SeedsControl, png
from simulator.dashboard.controls import (
    GROUPS,
    Choice,
    Control,
    Value,
    controls,
    differs,
    structure_controls,
    values_for,
)
from simulator.dashboard.runs import Comparison, policy_levers
from simulator.i18n import LANGS, fmt_num, fmt_spec, place_name, t
from simulator.scenario import ScenarioError, list_policies, list_presets, load_scenario

ENV_SCENARIO = "PLPBK_DASHBOARD_SCENARIO"
"""Environment variable naming the scenario the dashboard opens with (set by ``plpbk dashboard``)."""
ENV_LANG = "PLPBK_DASHBOARD_LANG"
"""Environment variable with the initial label language (``en`` or ``id``)."""
ENV_POLICY = "PLPBK_DASHBOARD_POLICY"
"""Environment variable with the policy the dashboard opens with (``plpbk dashboard --policy``)."""
DEFAULT_SCENARIO = "kendal"
PLAY_INTERVAL = 0.3
"""Seconds between years while playing."""
DEFAULT_SEED = 1

STOPPING = threading.Event()
"""Set when the server shuts down: every session's Play loop stops (so Ctrl-C exits at once)."""

CSS = """
.plpbk-counter { font-size: 1.05rem; font-weight: 600; }
.plpbk-kpi .v-card__text { padding: 6px 12px !important; }
.plpbk-kpi-value { font-size: 1.15rem; font-weight: 600; line-height: 1.5rem; }
.plpbk-kpi-label { font-size: 0.78rem; color: #555; display: block; line-height: 1.1rem; }
.plpbk-delta-up { color: #2e7d32; font-size: 0.85rem; }
.plpbk-delta-down { color: #c62828; font-size: 0.85rem; }
.plpbk-delta-same { color: #777; font-size: 0.85rem; }
.plpbk-chart img { width: 100%; height: auto; }
.plpbk-param { margin: 2px 0 -14px 0; }
.plpbk-param-head { margin: 0 !important; }
.plpbk-param-label { font-size: 0.8rem; color: #333; }
.plpbk-param-value { font-size: 0.8rem; font-weight: 600; color: #1565c0; }
.plpbk-param .v-slider--horizontal { margin-left: 0; margin-right: 0; }
.plpbk-param .v-messages { display: none; }
.plpbk-structure { margin: 2px 0 8px 0; }
.plpbk-structure .v-input { margin-top: 0; padding-top: 0; font-size: 0.85rem; }
.plpbk-structure-help { font-size: 0.78rem; color: #555; display: block; margin-bottom: 6px; }
.plpbk-run-buttons .v-btn { min-width: 0 !important; padding: 0 12px !important; }
.plpbk-wards td { white-space: nowrap; padding: 0 8px !important; }
.plpbk-wards th { padding: 0 8px !important; line-height: 1.1rem; vertical-align: bottom; }
"""


def _start_values(scenario: str, policy: str) -> dict[str, Value]:
    sc = load_scenario(scenario)
    values = values_for(sc)
    values.update(policy_levers(sc, policy or None))
    return values


def make_comparison(scenario: str, values: dict[str, Value], seed: int, policy: str) -> Comparison:
    """Build the session's runs (a baseline and, if levers differ, a policy run).

    The policy run is named after the policy file, with ``*`` when its levers were
    edited by hand; levers set by hand with no policy file leave the name empty
    (shown as "policy" in the chosen language).
    """
    name = ""
    if policy:
        levers = policy_levers(load_scenario(scenario), policy)
        edited = any(differs(values.get(k, v), v) for k, v in levers.items())
        name = Path(policy).stem + ("*" if edited else "")
    return Comparison(scenario, values, seed=seed, policy_name=name)


@solara.component
def ParamSlider(c: Control, value: float, on_value: Callable[[str, float], None], lang: str = "en") -> solara.Element:
    """One registry parameter as a slider, with its help text as a tooltip."""

    def changed(v: float, name: str = c.name) -> None:
        on_value(name, float(v))

    shown = fmt_num(round(value) if c.is_int else value, lang, grouping=c.grouping)
    with solara.Div(classes=["plpbk-param", "plpbk-param-" + c.name.replace(".", "-")]) as main:
        with solara.Tooltip(c.help), solara.Row(justify="space-between", classes=["plpbk-param-head"]):
            solara.Text(c.label, classes=["plpbk-param-label"])
            solara.Text(shown, classes=["plpbk-param-value"])
        if c.is_int:
            solara.SliderInt("", value=round(value), min=int(c.low), max=int(c.high), step=1, on_value=changed)
        else:
            solara.SliderFloat("", value=value, min=c.low, max=c.high, step=c.step, on_value=changed)
    return main


@solara.component
def StructureControl(c: Choice, value: Value, on_value: Callable[[str, Value], None]) -> solara.Element:
    """One structure parameter: a dropdown of its choices (or a checkbox), its help text as a tooltip."""

    def picked(v: Any, name: str = c.name) -> None:
        if v is not None:
            on_value(name, bool(v) if c.is_bool else str(v))

    with solara.Div(classes=["plpbk-structure", "plpbk-structure-" + c.name.replace(".", "-")]) as main:
        if c.is_bool:
            with solara.Tooltip(c.help), solara.Div():
                solara.v.Checkbox(label=c.label, v_model=bool(value), on_v_model=picked, dense=True, hide_details=True)
        else:
            with solara.Tooltip(c.help), solara.Div(classes=["plpbk-param-head"]):
                solara.Text(c.label, classes=["plpbk-param-label"])
            solara.v.Select(
                items=[{"text": text, "value": val} for val, text in c.options],
                v_model=value,
                on_v_model=picked,
                dense=True,
                hide_details=True,
            )
    return main


@solara.component
def Kpi(
    label: str, base: float, pol: float | None, fmt: str, higher_is_better: bool = True, lang: str = "en"
) -> solara.Element:
    """A headline number: the baseline's and, if present, the policy's value with the difference."""
    with solara.Card(classes=["plpbk-kpi"], style={"min-width": "150px", "flex": "1 1 0"}) as main:
        with solara.Div():
            solara.Text(label, classes=["plpbk-kpi-label"])
        with solara.Div(style={"white-space": "nowrap"}):
            solara.Text(fmt_spec(base, fmt, lang), classes=["plpbk-kpi-value"])
            if pol is not None:
                solara.Text(" → ", classes=["plpbk-kpi-value", "plpbk-kpi-arrow"], style={"color": "#777"})
                solara.Text(
                    fmt_spec(pol, fmt, lang),
                    classes=["plpbk-kpi-value", "plpbk-kpi-policy"],
                    style={"color": "#1565c0"},
                )
        if pol is not None:
            d = pol - base
            with solara.Div():
                if d == d and abs(d) > 1e-9:
                    good = (d > 0) == higher_is_better
                    solara.Text(
                        ("+" if d > 0 else "") + fmt_spec(d, fmt, lang).replace("-", "\u2212"),
                        classes=["plpbk-delta-up" if good else "plpbk-delta-down"],
                    )
                else:
                    solara.Text("±0", classes=["plpbk-delta-same"])
    return main


@solara.component
def Kpis(cmp: Comparison, tick: int, lang: str) -> solara.Element:
    """Headline numbers of the latest year, baseline then policy."""
    b = cmp.baseline.stats
    p = cmp.policy.stats if cmp.policy is not None else {}

    def pol(key: str) -> float | None:
        return p[key] if p else None

    base_cost = float(sum(cmp.series("baseline")["lever_cost"]))
    pol_cost = float(sum(cmp.series("policy")["lever_cost"])) if p else None
    with solara.Row(gap="8px", style={"flex-wrap": "wrap"}) as main:
        Kpi(t("kpi_sustained", lang), b["sustained_share"], pol("sustained_share"), ".0%", lang=lang)
        Kpi(t("kpi_partnerships", lang), b["partnerships_active"], pol("partnerships_active"), ".0f", lang=lang)
        Kpi(t("kpi_aid", lang), b["aid_total"], pol("aid_total"), ",.0f", lang=lang)
        Kpi(t("kpi_trust", lang), b["mean_trust_partner_live"], pol("mean_trust_partner_live"), ".2f", lang=lang)
        Kpi(t("kpi_cost", lang), base_cost, pol_cost, ",.0f", higher_is_better=False, lang=lang)
    return main


@solara.component
def NetworkView(cmp: Comparison, tick: int, lang: str, lock: AbstractContextManager[Any]) -> solara.Element:
    """The partnership network of one run."""
    runs = [r for r, _ in cmp.models]
    run = solara.use_reactive("baseline")
    shown = run.value if run.value in runs else "baseline"
    model = dict(cmp.models)[shown]

    def render() -> bytes:
        title = t("net_title", lang, run=run_label(cmp, shown, lang), year=cmp.year if cmp.year is not None else "–")
        with lock:
            return png(charts.network(model, title, lang))

    image = solara.use_memo(render, [id(cmp), tick, lang, shown])
    with solara.Column() as main:
        with solara.Row(style={"align-items": "center"}):
            if len(runs) > 1:
                RunPicker(cmp, shown, run.set, lang)
            solara.Text(t("net_help", lang), style={"color": "#555"})
        with solara.Div(classes=["plpbk-network"], style={"max-width": "780px"}):
            solara.Image(image, width="100%")
    return main


def run_label(cmp: Comparison, run: str, lang: str) -> str:
    """Display name of a run: "baseline", or the policy's name."""
    return t("baseline", lang) if run == "baseline" else (cmp.policy_name or t("policy_run", lang))


@solara.component
def RunPicker(cmp: Comparison, shown: str, on_run: Callable[[str], None], lang: str) -> solara.Element:
    """Buttons choosing which run (baseline or policy) a view shows."""
    with solara.Row(gap="4px") as main:
        for r, _ in cmp.models:
            solara.Button(
                run_label(cmp, r, lang),
                on_click=lambda r=r: on_run(r),
                color="primary",
                outlined=r != shown,
                small=True,
                classes=[f"plpbk-run-{r}"],
            )
    return main


WARD_COLUMNS = (
    ("ward", "ward", None),
    ("regency", "regency", None),
    ("maturity_start", "maturity_start", None),
    ("capacity", "capacity", 2),
    ("marketing_skill", "marketing_skill", 2),
    ("managing_body", "managing_body", 2),
    ("market_access", "market_access", 2),
    ("trust", "trust_col", 2),
    ("turnovers", "turnovers_col", 0),
    ("coverage", "coverage", 2),
    ("sustained", "sustained_col", None),
    ("partnerships", "partnerships_col", 0),
    ("partnership_years", "partnership_years", 0),
    ("aid_received", "aid_received", 0),
    ("fees_collected", "fees_col", 0),
    ("assets", "assets", 0),
)
"""Columns of the wards table: ``(ward_table column, label key, decimals or None for text)``."""

TEXT_SUFFIX = "__text"
"""A row's display text of column ``c`` is ``row[c + TEXT_SUFFIX]``; ``row[c]`` is what the column sorts by."""

WARD_TABLE_TEMPLATE = """
<template>
  <v-data-table
    :headers="headers" :items="items" :items-per-page="50" dense :multi-sort="false"
    class="plpbk-wards elevation-1" :footer-props="footer">
    <template v-slot:item="{ item }">
      <tr>
        <td v-for="h in headers" :key="h.value" :class="'text-' + h.align">{{ item[h.value + '__text'] }}</td>
      </tr>
    </template>
  </v-data-table>
</template>
"""


class WardTableWidget(v.VuetifyTemplate):
    """A sortable Vuetify data table that sorts by the numbers and shows them in the language's style."""

    template = traitlets.Unicode(WARD_TABLE_TEMPLATE).tag(sync=True)
    headers: traitlets.List[Any] = traitlets.List(default_value=[]).tag(sync=True)
    items: traitlets.List[Any] = traitlets.List(default_value=[]).tag(sync=True)
    footer: traitlets.Dict[str, Any] = traitlets.Dict(default_value={}).tag(sync=True)


def table_footer(lang: str) -> dict[str, Any]:
    """Vuetify's data-table footer in ``lang`` (rows per page, "1-20 of 20", all)."""
    return {
        "items-per-page-options": [10, 25, 50, -1],
        "items-per-page-text": t("rows_per_page", lang),
        "items-per-page-all-text": t("all_rows", lang),
        "page-text": t("page_text", lang),
    }


def ward_rows(cmp: Comparison, run: str, lang: str) -> tuple[list[dict[str, str]], list[dict[str, Any]]]:
    """Headers and rows of the per-ward table of one run.

    Each row holds, per column, the value the column sorts by (numbers rounded, yes/no and
    names as text) and, under ``column + TEXT_SUFFIX``, the text shown (numbers in the
    language's style: ``0,45`` and ``1.234`` in Bahasa Indonesia). The regency column is
    left out when every ward is in the same regency.
    """
    model = dict(cmp.models).get(run, cmp.baseline)
    table = model.ward_table()
    columns = [c for c in WARD_COLUMNS if c[0] != "regency" or len(set(table["regency"])) > 1]
    headers = [
        {"text": t(key, lang), "value": col, "align": "start" if nd is None else "end"} for col, key, nd in columns
    ]
    rows = []
    for i in range(len(table["ward"])):
        row: dict[str, Any] = {}
        for col, _, nd in columns:
            val = table[col][i]
            if isinstance(val, bool):
                val = text = t("yes" if val else "no", lang)
            elif nd is None:
                val = text = place_name(str(val), lang)
            else:
                val = round(float(val), nd) if nd else round(float(val))
                text = fmt_num(val, lang, nd)
            row[col] = val
            row[col + TEXT_SUFFIX] = text
        rows.append(row)
    return headers, rows


@solara.component
def WardTable(cmp: Comparison, tick: int, lang: str, lock: AbstractContextManager[Any]) -> solara.Element:
    """Sortable per-ward table (click a header to sort)."""
    runs = [r for r, _ in cmp.models]
    run = solara.use_reactive("baseline")
    shown = run.value if run.value in runs else "baseline"
    with lock:
        headers, rows = ward_rows(cmp, shown, lang)
    with solara.Column() as main:
        with solara.Row(style={"align-items": "center"}):
            if len(runs) > 1:
                RunPicker(cmp, shown, run.set, lang)
            solara.Text(t("ward_help", lang), style={"color": "#555"})
        WardTableWidget.element(headers=headers, items=rows, footer=table_footer(lang))
    return main


@dataclass
class _Actions:
    """What the dashboard's buttons and choices do, on the session's reactive state."""

    L: str
    scenario_r: solara.Reactive[str]
    policy_r: solara.Reactive[str]
    seed_r: solara.Reactive[int]
    values_r: solara.Reactive[dict[str, Value]]
    applied_r: solara.Reactive[dict[str, Value]]
    cmp_r: solara.Reactive[Comparison]
    tick: solara.Reactive[int]
    playing: solara.Reactive[bool]
    error: solara.Reactive[str]
    lock: Any

    def rebuild(self, scn: str, values: dict[str, Value], seed: int, policy: str) -> None:
        """Build new runs from the choices (an invalid scenario shows its error instead)."""
        self.playing.set(False)
        try:
            new = make_comparison(scn, values, seed, policy)
        except ScenarioError as e:
            self.error.set(str(e))
            return
        self.error.set("")
        self.cmp_r.set(new)  # not under the lock: setting re-renders, and rendering takes the lock
        self.applied_r.set(dict(values))
        self.tick.set(self.tick.value + 1)

    def step(self) -> None:
        """One year of the runs."""
        with self.lock:
            self.cmp_r.value.step()
        self.tick.set(self.tick.value + 1)

    def reset(self) -> None:
        """New runs with the current choices."""
        self.rebuild(self.scenario_r.value, self.values_r.value, self.seed_r.value, self.policy_r.value)

    def pick_scenario(self, name: str) -> None:
        """Open another scenario, with the chosen policy's levers."""
        self.scenario_r.set(name)
        sc = load_scenario(name)
        vals = values_for(sc)
        vals.update(policy_levers(sc, self.policy_r.value or None))
        self.values_r.set(vals)
        self.rebuild(name, vals, self.seed_r.value, self.policy_r.value)

    def pick_policy(self, name: str | None) -> None:
        """Compare with another policy (or none)."""
        pol = "" if not name or name == t("no_policy", self.L) else name
        self.policy_r.set(pol)
        vals = dict(self.values_r.value)
        vals.update(policy_levers(load_scenario(self.scenario_r.value), pol or None))
        self.values_r.set(vals)
        self.rebuild(self.scenario_r.value, vals, self.seed_r.value, pol)

    def set_value(self, name: str, v: Value) -> None:
        """A slider or choice moved (applied at the next reset)."""
        vals = dict(self.values_r.value)
        vals[name] = v
        self.values_r.set(vals)

    def play_loop(self) -> None:
        """Step year after year while playing, until the runs end or the server stops."""
        while self.playing.value and not STOPPING.is_set():
            with self.lock:
                current = self.cmp_r.value
                more = current.step()
            if not more or not current.running:
                self.playing.set(False)
                self.tick.set(self.tick.value + 1)
                break
            self.tick.set(self.tick.value + 1)
            STOPPING.wait(PLAY_INTERVAL)


@solara.component
def Dashboard(scenario: str = DEFAULT_SCENARIO, lang: str = "en", policy: str = "", seeds: int = DEFAULT_SEEDS) -> None:
    """The whole dashboard for one browser session.

    Args:
        scenario: Preset name or path of the scenario it opens with.
        lang: Initial label language, ``en`` or ``id`` (any other falls back to ``en``).
        policy: Policy file or built-in policy name it opens with ("" for none).
        seeds: Seeds the charts' bands start with (1: no bands, the single seed only).
    """
    lang_r = solara.use_reactive(lang if lang in LANGS else "en")  # an unknown language: English
    L = lang_r.value
    scenario_r = solara.use_reactive(scenario)
    policy_r = solara.use_reactive(policy)
    seed_r = solara.use_reactive(DEFAULT_SEED)
    nseeds_r = solara.use_reactive(seeds)
    initial_values = solara.use_memo(lambda: _start_values(scenario, policy), [])
    values_r = solara.use_reactive(initial_values)
    applied_r = solara.use_reactive(initial_values)
    first = solara.use_memo(lambda: make_comparison(scenario, initial_values, DEFAULT_SEED, policy), [])
    cmp_r = solara.use_reactive(first)
    tick = solara.use_reactive(0)
    playing = solara.use_reactive(False)
    error = solara.use_reactive("")
    lock = solara.use_memo(threading.RLock, [])
    cmp = cmp_r.value
    act = _Actions(L, scenario_r, policy_r, seed_r, values_r, applied_r, cmp_r, tick, playing, error, lock)
    do_step, do_reset, play_loop = act.step, act.reset, act.play_loop
    pick_scenario, pick_policy, set_value = act.pick_scenario, act.pick_policy, act.set_value

    solara.lab.use_task(play_loop, dependencies=[playing.value], prefer_threaded=True)

    solara.Style(CSS)
    solara.Title(t("title", L))
    with solara.AppBar():
        solara.AppBarTitle(t("title", L))
        solara.ToggleButtonsSingle(L, values=list(LANGS), on_value=lang_r.set, dense=True, classes=["plpbk-lang"])

    pending = any(differs(values_r.value.get(k), v) for k, v in applied_r.value.items())
    pending = pending or seed_r.value != cmp.seed
    with solara.Sidebar():
        with solara.Card(margin=0, elevation=0):
            _choices(L, scenario_r, policy_r, policy, pick_scenario, pick_policy, seed_r, nseeds_r)
            _run_buttons(L, cmp, playing, do_reset, do_step)
            _run_status(L, cmp, pending, error.value)
        _parameters(L, values_r.value, set_value)

    view = solara.use_reactive(0)
    with solara.Column(style={"padding": "4px 12px"}):
        Kpis(cmp, tick.value, L)
        with solara.lab.Tabs(value=view, lazy=True):
            with solara.lab.Tab(t("charts", L)):
                bands_for = BandInputs(scenario_r.value, values_r.value, seed_r.value, nseeds_r.value)
                Charts(cmp, tick.value, L, lock, bands_for)
            with solara.lab.Tab(t("network", L)):
                NetworkView(cmp, tick.value, L, lock)
            with solara.lab.Tab(t("wards", L)):
                WardTable(cmp, tick.value, L, lock)


# The sidebar's parts: plain functions that add elements to the Dashboard's render (no hooks of their own)


def _choices(
    L: str,
    scenario_r: solara.Reactive[str],
    policy_r: solara.Reactive[str],
    policy: str,
    pick_scenario: Callable[[str], None],
    pick_policy: Callable[[str | None], None],
    seed_r: solara.Reactive[int],
    nseeds_r: solara.Reactive[int],
) -> None:
    """The scenario, policy, seed and seeds choices."""
    presets = [n for n, _ in list_presets()]
    if scenario_r.value not in presets:
        presets.append(scenario_r.value)
    policies = [t("no_policy", L)] + [n for n, _ in list_policies()]
    if policy and policy not in policies:
        policies.append(policy)
    solara.Select(t("scenario", L), values=presets, value=scenario_r.value, on_value=pick_scenario)
    solara.Select(t("policy", L), values=policies, value=policy_r.value or t("no_policy", L), on_value=pick_policy)
    solara.InputInt(t("seed", L), value=seed_r.value, on_value=seed_r.set, classes=["plpbk-seed"])
    SeedsControl(nseeds_r.value, nseeds_r.set, L)


def _run_buttons(
    L: str, cmp: Comparison, playing: solara.Reactive[bool], do_reset: Callable[[], None], do_step: Callable[[], None]
) -> None:
    """Reset, play or pause, and step."""
    with solara.Row(justify="space-between", classes=["plpbk-run-buttons"]):
        solara.Button(t("reset", L), color="primary", outlined=True, on_click=do_reset, classes=["plpbk-reset"])
        solara.Button(
            t("pause", L) if playing.value else t("play", L),
            color="primary",
            on_click=lambda: playing.set(not playing.value),
            disabled=not cmp.running,
            classes=["plpbk-play"],
        )
        solara.Button(
            t("step", L),
            color="primary",
            on_click=do_step,
            disabled=playing.value or not cmp.running,
            classes=["plpbk-step"],
        )


def _run_status(L: str, cmp: Comparison, pending: bool, error: str) -> None:
    """The year counter, and notes: changes not applied yet, the shared seed, an error."""
    year = cmp.year if cmp.year is not None else "–"
    counter = t("step_counter", L, year=year, step=cmp.steps, years=cmp.years)
    if not cmp.running:
        counter += f" ({t('finished', L)})"
    with solara.Div(style={"margin": "6px 0"}):
        solara.Text(counter, classes=["plpbk-counter"])
    if pending:
        solara.Warning(t("pending", L), dense=True)
    if cmp.policy is not None:
        with solara.Div():
            solara.Text(t("same_seed", L), style={"font-size": "0.8rem", "color": "#555"})
    if error:
        solara.Error(error, dense=True)


def _parameters(L: str, values: dict[str, Value], set_value: Callable[[str, Value], None]) -> None:
    """The parameter sliders by group, and the structure choices."""
    groups = controls(L)
    structure = structure_controls(L)
    n_changed = sum(differs(values.get(s.name, s.default), s.default) for s in structure)
    for g in GROUPS:
        with solara.Details(t(g, L), expand=g in ("enablers", "levers")):
            for c in groups[g]:
                ParamSlider(c, float(values.get(c.name, c.default)), set_value, L)
    title = t("structure_changed", L, n=n_changed) if n_changed else t("structure", L)
    with solara.Details(title, expand=False):
        solara.Text(t("structure_help", L), classes=["plpbk-structure-help"])
        for s in structure:
            StructureControl(s, values.get(s.name, s.default), set_value)


@solara.component
def Page() -> solara.Element:
    """Entry point served by Solara: the dashboard with the scenario and language from the environment."""
    return Dashboard(
        scenario=os.environ.get(ENV_SCENARIO, DEFAULT_SCENARIO),
        lang=os.environ.get(ENV_LANG, "en"),  # Dashboard falls back to English for an unknown one
        policy=os.environ.get(ENV_POLICY, ""),
    )
