"""The parameter registry's text in English and Bahasa Indonesia: labels, meanings, units, values, help.

The one short label of each parameter lives beside the registry (:data:`simulator.params.PARAM_LABELS`);
:func:`param_label` reads it. The Indonesian meaning, unit and source texts are the data modules
:mod:`simulator.i18n.meanings_id` and :mod:`simulator.i18n.registry_id`.
"""

from __future__ import annotations

from simulator.i18n.core import check_lang, fmt_num, lower_first, t
from simulator.i18n.meanings_id import PARAM_MEANINGS_ID
from simulator.i18n.registry_id import CHOICE_LABELS, SOURCES_ID, UNITS_ID
from simulator.params import BY_NAME, PARAM_LABELS, Param


def param_label(name: str, lang: str = "en", *, mid_sentence: bool = False) -> str:
    """The short label of a registry parameter in ``lang``.

    Args:
        name: The parameter's dotted name.
        lang: ``en`` or ``id``.
        mid_sentence: Lower the first letter (unless it starts an acronym), for use inside a sentence.

    Returns:
        The label; a name the registry does not label gives a label made from the name.
    """
    pair = PARAM_LABELS.get(name)
    if pair is None:
        label = name.split(".", 1)[-1].replace("_", " ").capitalize()
    else:
        label = pair[1] if check_lang(lang) == "id" else pair[0]
    return lower_first(label) if mid_sentence else label


def choice_label(value: str, lang: str = "en") -> str:
    """Display name of a choice parameter's value in ``lang`` (the value itself if it has none)."""
    pair = CHOICE_LABELS.get(value)
    if pair is None:
        return value
    return pair[1] if check_lang(lang) == "id" else pair[0]


def unit_label(unit: str, lang: str = "en") -> str:
    """The registry's unit text in ``lang``."""
    return UNITS_ID.get(unit, unit) if check_lang(lang) == "id" else unit


def source_label(source: str, lang: str = "en") -> str:
    """The registry's source text in ``lang`` (``assumption`` -> ``asumsi``, ``src:`` -> ``sumber:``)."""
    if check_lang(lang) != "id":
        return source
    if source in SOURCES_ID:
        return SOURCES_ID[source]
    if source.startswith("assumption"):
        return "asumsi" + source.removeprefix("assumption")
    if source.startswith("src:"):
        return "sumber:" + source.removeprefix("src:")
    return source


def param_meaning(name: str, lang: str = "en") -> str:
    """Meaning of a parameter in ``lang``: the registry's ``meaning``, or its Indonesian translation."""
    if check_lang(lang) == "id" and name in PARAM_MEANINGS_ID:
        return PARAM_MEANINGS_ID[name]
    return BY_NAME[name].meaning


def is_calendar(p: Param) -> bool:
    """Whether a parameter's values are calendar years (written without thousands separators)."""
    return p.unit == "year"


def value_text(p: Param, value: float | int | bool | str, lang: str = "en") -> str:
    """A value of a parameter as shown to the reader in ``lang`` (number style, choice and yes/no names)."""
    if p.kind == "bool" or isinstance(value, bool):
        return t("yes" if value else "no", lang)
    if p.kind == "choice" or isinstance(value, str):
        return choice_label(str(value), lang)
    return fmt_num(float(value), lang, grouping=not is_calendar(p))


def range_text(p: Param, lang: str = "en") -> str:
    """The allowed values of a parameter in ``lang``: ``0–1``, ``dipelajari, simetris, atau tetap``, ``ya/tidak``."""
    if check_lang(lang) != "id":
        return p.range_text
    if p.kind == "bool":
        return "ya/tidak"
    if p.kind == "choice":
        names = [choice_label(c, "id") for c in p.choices]
        if len(names) <= 2:
            return " atau ".join(names)
        return ", ".join(names[:-1]) + ", atau " + names[-1]
    return f"{value_text(p, p.low, 'id')}–{value_text(p, p.high, 'id')}"


def param_help(name: str, lang: str = "en") -> str:
    """Help text of a parameter in ``lang``: its meaning, unit, range, default and source."""
    p = BY_NAME[name]
    meaning = param_meaning(name, lang)
    if check_lang(lang) == "id":
        source = source_label(p.source, "id")
        default = value_text(p, p.default, "id")
        if p.kind in ("choice", "bool"):
            return f"{meaning} Pilihan: {range_text(p, 'id')}; bawaan {default}; {source}. ({p.name})"
        unit = unit_label(p.unit, "id")
        return f"{meaning} Satuan: {unit}; rentang {range_text(p, 'id')}; bawaan {default}; {source}. ({p.name})"
    if p.kind in ("choice", "bool"):
        default_en = ("true" if p.default else "false") if p.kind == "bool" else p.default
        return f"{meaning} Choices: {p.range_text}; default {default_en}; {p.source}. ({p.name})"
    return f"{meaning} Unit: {p.unit}; range {p.range_text}; default {p.default}; {p.source}. ({p.name})"


__all__ = [
    "choice_label",
    "is_calendar",
    "param_help",
    "param_label",
    "param_meaning",
    "range_text",
    "source_label",
    "unit_label",
    "value_text",
]
