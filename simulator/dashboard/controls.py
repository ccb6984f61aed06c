"""Dashboard controls generated from the parameter registry.

Every slider the dashboard shows is built here from :mod:`simulator.params`:
its label, unit, range (the registry's ``low``/``high``), default and help text.
:func:`model_params` gives the same controls as Mesa ``Slider`` objects, so the
model also runs under Mesa's stock ``SolaraViz``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from mesa.visualization import Slider

from simulator.dashboard.i18n import param_help, param_label, t, unit_label
from simulator.params import BY_NAME, LEVERS, PARAMETERS, Param
from simulator.scenario import Scenario

GROUPS: tuple[str, ...] = ("enablers", "obstacles", "levers", "lever_details")
"""Control groups, in the order the sidebar shows them."""


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
    """The control group a parameter belongs to, or None if the dashboard does not show it."""
    if p.role in ("enabler", "obstacle"):
        return p.role + "s"
    if p.role == "lever":
        base = p.name.removeprefix("levers.").removesuffix("_start")
        return "levers" if base in LEVERS else "lever_details"
    return None


def control(p: Param, lang: str = "en") -> Control:
    """The control for one parameter in ``lang``."""
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
    )


def controls(lang: str = "en") -> dict[str, list[Control]]:
    """All controls by group (see :data:`GROUPS`), in registry order within a group."""
    out: dict[str, list[Control]] = {g: [] for g in GROUPS}
    for p in PARAMETERS:
        g = group_of(p)
        if g is not None and p.kind in ("int", "float"):
            out[g].append(control(p, lang))
    # levers: size then first year, lever by lever
    order = {f"levers.{lv}{sfx}": i * 2 + j for i, lv in enumerate(LEVERS) for j, sfx in enumerate(("", "_start"))}
    out["levers"].sort(key=lambda c: order.get(c.name, 99))
    return out


def control_names() -> list[str]:
    """Dotted names of every parameter with a control."""
    return [c.name for group in controls().values() for c in group]


def group_title(group: str, lang: str = "en") -> str:
    """Title of a control group."""
    return t(group, lang)


def values_for(scenario: Scenario) -> dict[str, float]:
    """The scenario's values of every controlled parameter (sliders start here)."""
    return {name: _num(scenario.values[name]) for name in control_names()}


def _num(v: Any) -> float:
    return float(v)


def clamp(name: str, value: float) -> float | int:
    """Clamp a value into the registry's range (and to a whole number for int parameters)."""
    p = BY_NAME[name]
    v = min(max(float(value), float(p.low)), float(p.high))
    return round(v) if p.kind == "int" else v


def model_params(scenario: Scenario | str | None = None, lang: str = "en") -> dict[str, Any]:
    """Mesa ``SolaraViz`` model parameters: one ``Slider`` per control, keyed by keyword name.

    The scenario's other values that differ from the built-in defaults are passed as fixed
    keyword values (e.g. ``wards_n=20``), so Mesa's Reset, which rebuilds the model from these
    keywords and a fresh Mesa scenario, keeps the preset (wards read from a CSV file are not
    carried over).

    Args:
        scenario: The scenario the sliders start from, or None for the baseline.
        lang: Label language.

    Returns:
        ``{"wards_n": 20, ..., "trust_initial": Slider(...), ...}`` for
        ``SolaraViz(PartnershipModel(scenario), model_params=...)``.
    """
    from simulator.scenario import load_scenario

    sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    values = values_for(sc)
    sliders = {c.name for group in controls(lang).values() for c in group}
    out: dict[str, Any] = {
        BY_NAME[k].key: v for k, v in sc.values.items() if k not in sliders and v != BY_NAME[k].default
    }
    for group in controls(lang).values():
        for c in group:
            v: float | int = int(values[c.name]) if c.is_int else values[c.name]
            out[BY_NAME[c.name].key] = Slider(
                c.label, value=v, min=c.low, max=c.high, step=c.step, dtype=int if c.is_int else float
            )
    return out
