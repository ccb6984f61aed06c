"""The text layer: every word and number the simulator shows, in English (``en``) and Bahasa Indonesia (``id``).

One home for the simulator's text, used by the dashboard, the policy briefs and their plots, and
the sensitivity reports. It imports nothing of the simulator but the parameter and outcome registries.

* :mod:`simulator.i18n.core`: :func:`check_lang` (the one check of a language code; it raises
  for an unknown language), the interface text :func:`t`, the plot labels :func:`plot_text`,
  the number formats (:func:`fmt_num`, :func:`fmt_spec`, :func:`num`, :func:`pct`,
  :func:`money`), and the outcomes' labels (:func:`outcome_label`, :func:`outcome_axis`, read
  from the outcome registry :mod:`simulator.outcomes`);
* :mod:`simulator.i18n.parameters`: the registry's text: :func:`param_label` (the one label of
  each parameter, kept beside the registry in :data:`simulator.params.PARAM_LABELS`), meanings,
  units, sources, values and the help text of a parameter;
* data modules, one per topic: :mod:`~simulator.i18n.dashboard_text` (the dashboard's
  interface), :mod:`~simulator.i18n.brief_text` (the briefs and their plots),
  :mod:`~simulator.i18n.meanings_id` (the Indonesian meaning of each parameter) and
  :mod:`~simulator.i18n.registry_id` (choice values, units and sources).

Indonesian follows the project glossary (``GLOSSARY_ID.md``): its terms, decimal comma and
thousands dot, ranges as ``0–1``. To add a translation, add the key to both languages of the
topic's data module; a new parameter needs a label in ``PARAM_LABELS`` and a meaning in
``meanings_id`` (a test fails without them).
"""

from simulator.i18n.core import (
    LANGS,
    check_lang,
    fmt_num,
    fmt_spec,
    lower_first,
    money,
    num,
    outcome_axis,
    outcome_label,
    pct,
    place_name,
    plot_text,
    t,
)
from simulator.i18n.parameters import (
    choice_label,
    is_calendar,
    param_help,
    param_label,
    param_meaning,
    range_text,
    source_label,
    unit_label,
    value_text,
)

__all__ = [
    "LANGS",
    "check_lang",
    "choice_label",
    "fmt_num",
    "fmt_spec",
    "is_calendar",
    "lower_first",
    "money",
    "num",
    "outcome_axis",
    "outcome_label",
    "param_help",
    "param_label",
    "param_meaning",
    "pct",
    "place_name",
    "plot_text",
    "range_text",
    "source_label",
    "t",
    "unit_label",
    "value_text",
]
