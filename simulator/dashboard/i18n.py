"""The dashboard's labels in English (``en``) and Bahasa Indonesia (``id``), from the text layer.

Everything here lives in :mod:`simulator.i18n` and is re-exported under the names the dashboard
has always used: the interface text (:data:`TEXT`, :func:`t`), the parameter labels (one per
parameter, beside the registry: :data:`PARAM_LABELS`), the Indonesian meanings
(:data:`PARAM_MEANINGS_ID`), the choice names (:data:`CHOICE_LABELS`) and :func:`fmt_num`, the
dashboard's number formatter (help texts, slider readouts, headline numbers, chart ticks and the
wards table). The dashboard falls back to English for an unknown language at its entry point
(:func:`simulator.dashboard.app.Dashboard`); the text layer's ``check_lang`` raises.
"""

from __future__ import annotations

from simulator.i18n import (
    LANGS,
    choice_label,
    fmt_num,
    fmt_spec,
    is_calendar,
    param_help,
    param_label,
    param_meaning,
    place_name,
    range_text,
    source_label,
    t,
    unit_label,
    value_text,
)
from simulator.i18n.dashboard_text import TEXT
from simulator.i18n.meanings_id import PARAM_MEANINGS_ID
from simulator.i18n.registry_id import CHOICE_LABELS
from simulator.params import PARAM_LABELS

__all__ = [
    "CHOICE_LABELS",
    "LANGS",
    "PARAM_LABELS",
    "PARAM_MEANINGS_ID",
    "TEXT",
    "choice_label",
    "fmt_num",
    "fmt_spec",
    "is_calendar",
    "param_help",
    "param_label",
    "param_meaning",
    "place_name",
    "range_text",
    "source_label",
    "t",
    "unit_label",
    "value_text",
]
