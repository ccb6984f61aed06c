"""Dashboard controls generated from the parameter registry.

Every slider the dashboard shows is built here from :mod:`simulator.params`:
its label, unit, range (the registry's ``low``/``high``), default and help text.
Choice parameters (the ``structure.*`` submodels) become dropdowns and boolean
parameters (the KOTAKU switch) checkboxes, in the "Model structure" section
(:func:`structure_controls`). :func:`model_params` gives the same controls as Mesa
``Slider`` objects and ``Select``/``Checkbox`` dictionaries, so the model also runs
under Mesa's stock ``SolaraViz``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from mesa.visualization import Slider

from simulator.i18n import choice_label, is_calendar, param_help, param_label, t, unit_label
from simulator.params import BY_NAME, LEVERS, PARAMETERS, Param
from simulator.scenario import Scenario

Value = float | int | bool | str
"""A parameter value as the controls hold it (number, yes/no, or a choice's name)."""

GROUPS: tuple[str, ...] = ("enablers", "obstacles", "obstacle_details", "levers", "lever_details")
"""Slider groups, in the order the sidebar shows them (the "Model structure" section follows them)."""

OBSTACLE_DETAILS: frozenset[str] = frozenset(
    {
        "bkm.turnover_skill_loss",
        "bkm.turnover_capacity_loss",
        "bkm.turnover_tie_loss",
        "bkm.turnover_partnership_loss",
        "government.awareness_forgetting",
        "government.election_awareness_loss",
        "government.mandate_change",
        "firms.awareness_forgetting",
        "firms.notice_rate",
    }
)
"""Obstacles shown under "Obstacle details": how much a turnover, an election or a year without
contact costs. The main "Obstacles" group keeps the ones a policy meeting argues about (the managing
body, BKM turnover, market access, budgets, responsiveness, payment lag, agencies' shifting
priorities, firms' reach outside their region, donor constraints)."""

_OBSTACLE_ORDER = ("bkm", "demand", "government", "firms", "acceptance")
"""Obstacles are listed ward first (BKM, market), then agencies, then firms, then the rest."""


@dataclass(frozen=True)
class Control:
    """One slider bound to a registry parameter.

    Attributes:
        name: Dotted parameter name.
        label: Short label in the chosen language (with the unit).
        unit: Unit in the chosen language.
        low: Smallest value (the registry's ``low``).
        high: Largest value (the registry's ``high``).
        step: Slider step.
        default: Registry default.
        help: Help text in the chosen language (meaning, unit, range, default, source).
        is_int: Whole numbers only.
        grouping: Show thousands separators in the readout (not for calendar years).
    """

    name: str
    label: str
    unit: str
    low: float
    high: float
    step: float
    default: float
    help: str
    is_int: bool
    grouping: bool = True


@dataclass(frozen=True)
class Choice:
    """One dropdown (choice parameter) or checkbox (yes/no parameter) of the "Model structure" section.

    Attributes:
        name: Dotted parameter name.
        label: Short label in the chosen language.
        options: ``(value, display name)`` of each allowed value, the registry default marked;
            empty for a yes/no parameter.
        default: Registry default.
        help: Help text in the chosen language (meaning, choices, default, source).
        is_bool: A yes/no parameter (a checkbox) rather than a choice (a dropdown).
    """

    name: str
    label: str
    options: tuple[tuple[str, str], ...]
    default: str | bool
    help: str
    is_bool: bool


def slider_step(p: Param) -> float:
    """A slider step for a parameter: about 100-1000 positions, hitting its default exactly."""
    if p.kind == "int":
        return 1
    span = p.high - p.low
    step = 10.0 ** (math.floor(math.log10(span)) - 2) if span > 0 else 0.01
    for _ in range(3):
        offset = float(p.default) - float(p.low)  # slider positions are low + k * step
        if abs(round(offset / step) * step - offset) < 1e-9:
            break
        step /= 10
    return step


def group_of(p: Param) -> str | None:
    """The slider group a parameter belongs to, or None if it has no slider."""
    if p.kind not in ("int", "float"):
        return None
    if p.role == "enabler":
        return "enablers"
    if p.role == "obstacle":
        return "obstacle_details" if p.name in OBSTACLE_DETAILS else "obstacles"
    if p.role == "lever":
        base = p.name.removeprefix("levers.").removesuffix("_start")
        return "levers" if base in LEVERS else "lever_details"
    return None


def is_structure(p: Param) -> bool:
    """Whether a parameter has a control in the "Model structure" section (choices and yes/no switches)."""
    return p.kind in ("choice", "bool")


def control(p: Param, lang: str = "en") -> Control:
    """The slider for one parameter in ``lang``."""
    unit = unit_label(p.unit, lang)
    label = param_label(p.name, lang) + ("" if unit in ("-", "") else f" ({unit})")
    return Control(
        name=p.name,
        label=label,
        unit=unit,
        low=float(p.low),
        high=float(p.high),
        step=slider_step(p),
        default=float(p.default),
        help=param_help(p.name, lang),
        is_int=p.kind == "int",
        grouping=not is_calendar(p),
    )


def choice_control(p: Param, lang: str = "en") -> Choice:
    """The dropdown (or checkbox) for one choice (or yes/no) parameter in ``lang``."""
    mark = t("default_mark", lang)
    options = tuple((c, choice_label(c, lang) + (f" ({mark})" if c == p.default else "")) for c in p.choices)
    default = bool(p.default) if p.kind == "bool" else str(p.default)
    return Choice(p.name, param_label(p.name, lang), options, default, param_help(p.name, lang), p.kind == "bool")


def controls(lang: str = "en") -> dict[str, list[Control]]:
    """All sliders by group (see :data:`GROUPS`), in registry order within a group (obstacles by topic)."""
    out: dict[str, list[Control]] = {g: [] for g in GROUPS}
    for p in PARAMETERS:
        g = group_of(p)
        if g is not None:
            out[g].append(control(p, lang))
    # levers: size then first year, lever by lever
    order = {f"levers.{lv}{sfx}": i * 2 + j for i, lv in enumerate(LEVERS) for j, sfx in enumerate(("", "_start"))}
    out["levers"].sort(key=lambda c: order.get(c.name, 99))
    topic = {s: i for i, s in enumerate(_OBSTACLE_ORDER)}
    for g in ("obstacles", "obstacle_details"):
        out[g].sort(key=lambda c: topic.get(c.name.split(".", 1)[0], len(topic)))  # stable: registry order within
    return out


def structure_controls(lang: str = "en") -> list[Choice]:
    """The "Model structure" section: a dropdown per choice parameter, then a checkbox per yes/no parameter."""
    params = [p for p in PARAMETERS if is_structure(p)]
    params.sort(key=lambda p: p.kind == "bool")  # stable: the structure.* choices first, in registry order
    return [choice_control(p, lang) for p in params]


def control_names() -> list[str]:
    """Dotted names of every parameter with a slider."""
    return [c.name for group in controls().values() for c in group]


def structure_names() -> list[str]:
    """Dotted names of every parameter in the "Model structure" section."""
    return [c.name for c in structure_controls()]


def group_title(group: str, lang: str = "en") -> str:
    """Title of a control group."""
    return t(group, lang)


def values_for(scenario: Scenario) -> dict[str, Value]:
    """The scenario's values of every controlled parameter (sliders and structure controls start here)."""
    out: dict[str, Value] = {name: float(scenario.values[name]) for name in control_names()}
    for name in structure_names():
        v = scenario.values[name]
        out[name] = bool(v) if BY_NAME[name].kind == "bool" else str(v)
    return out


def differs(a: Value | None, b: Value | None) -> bool:
    """Whether two control values differ (numbers beyond rounding noise; choices and yes/no exactly)."""
    if a is None or b is None:
        return a is not b
    if isinstance(a, bool | str) or isinstance(b, bool | str):
        return a != b
    return abs(float(a) - float(b)) > 1e-12


def clamp(name: str, value: Value) -> Value:
    """A control value made valid for the registry.

    Numbers are clamped into the registry's range (and rounded for int parameters); a yes/no
    parameter takes ``bool(value)``; a choice keeps a known value and falls back to the
    registry default otherwise.
    """
    p = BY_NAME[name]
    if p.kind == "bool":
        return bool(value)
    if p.kind == "choice":
        return value if isinstance(value, str) and value in p.choices else str(p.default)
    v = min(max(float(value), float(p.low)), float(p.high))
    return round(v) if p.kind == "int" else v


def model_params(scenario: Scenario | str | None = None, lang: str = "en") -> dict[str, Any]:
    """Mesa ``SolaraViz`` model parameters: one input per control, keyed by keyword name.

    Sliders are Mesa ``Slider`` objects; the structure choices are ``{"type": "Select", ...}``
    and the yes/no switches ``{"type": "Checkbox", ...}`` dictionaries (Mesa's ``UserInputs``).
    The scenario's other values that differ from the built-in defaults are passed as fixed
    keyword values (e.g. ``wards_n=20``), so Mesa's Reset, which rebuilds the model from these
    keywords and a fresh Mesa scenario, keeps the preset (wards read from a CSV file are not
    carried over).

    Args:
        scenario: The scenario the sliders start from, or None for the baseline.
        lang: Label language.

    Returns:
        ``{"wards_n": 20, ..., "trust_initial": Slider(...), "structure_trust": {"type": "Select", ...}}``
        for ``SolaraViz(PartnershipModel(scenario), model_params=...)``.
    """
    from simulator.scenario import load_scenario

    sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    values = values_for(sc)
    shown = set(values)
    out: dict[str, Any] = {
        BY_NAME[k].key: v for k, v in sc.values.items() if k not in shown and v != BY_NAME[k].default
    }
    for group in controls(lang).values():
        for c in group:
            v = values[c.name]
            out[BY_NAME[c.name].key] = Slider(
                c.label,
                value=int(v) if c.is_int else float(v),
                min=c.low,
                max=c.high,
                step=c.step,
                dtype=int if c.is_int else float,
            )
    for s in structure_controls(lang):
        key = BY_NAME[s.name].key
        if s.is_bool:
            out[key] = {"type": "Checkbox", "value": bool(values[s.name]), "label": s.label}
        else:
            out[key] = {
                "type": "Select",
                "value": values[s.name],
                "values": [v for v, _ in s.options],
                "label": s.label,
            }
    return out
