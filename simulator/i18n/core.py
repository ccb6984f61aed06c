"""Languages, interface text and number formats: the base of the text layer.

:func:`check_lang` is the one check of a language code; it raises for a language the simulator
does not speak (a front end that wants a fallback does it at its own call site). Numbers:
:func:`fmt_num` and :func:`fmt_spec` (the dashboard's style: ``-`` for minus, digits as needed)
and :func:`num`, :func:`pct` and :func:`money` (the briefs' and plots' style: fixed decimals, ``−``
for minus). Both write ``1,234.5`` in English and ``1.234,5`` in Bahasa Indonesia.
"""

from __future__ import annotations

import math
import re

from simulator.i18n.brief_text import BRIEF, PLOT
from simulator.i18n.dashboard_text import TEXT
from simulator.outcomes import outcome

LANGS: tuple[str, ...] = ("en", "id")
"""Supported languages: English and Bahasa Indonesia."""


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is supported.

    Args:
        lang: A language code.

    Returns:
        ``lang`` unchanged.

    Raises:
        ValueError: For a language other than ``en`` or ``id``.
    """
    if lang not in LANGS:
        raise ValueError(f"language {lang!r}: choose one of {', '.join(LANGS)}")
    return lang


def t(key: str, lang: str = "en", **fmt: object) -> str:
    """The dashboard's interface text for ``key`` in ``lang`` (English if missing), formatted with ``fmt``."""
    text = TEXT[check_lang(lang)].get(key) or TEXT["en"].get(key, key)
    return text.format(**fmt) if fmt else text


def plot_text(lang: str, key: str, **kw: object) -> str:
    """A label of the policy plots in ``lang`` (English if the key is missing), formatted with ``kw``."""
    return PLOT[check_lang(lang)].get(key, PLOT["en"][key]).format(**kw)


def outcome_label(name: str, lang: str) -> str:
    """An outcome's name with its unit in ``lang``, as a brief's table heads it (from ``simulator.outcomes``)."""
    return outcome(name).label[check_lang(lang)]


def outcome_axis(name: str, lang: str) -> str:
    """An outcome's name over its unit in ``lang``, as a plot's title shows it (from ``simulator.outcomes``)."""
    return outcome(name).axis[check_lang(lang)]


def lower_first(label: str) -> str:
    """A label as written mid-sentence: its first letter lowered, unless it starts an acronym (``BKM``)."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


_ID_SEPARATORS = str.maketrans({",": ".", ".": ","})


def fmt_num(x: float, lang: str = "en", digits: int | None = None, *, grouping: bool = True) -> str:
    """A number as the language writes it: ``1,234.5`` in English, ``1.234,5`` in Bahasa Indonesia.

    Args:
        x: The number (NaN gives ``–``).
        lang: ``en`` or ``id``.
        digits: Decimals to show; None shows as many as the value needs (up to 10, no trailing zeros).
        grouping: Thousands separators (off for calendar years: ``2013``).

    Returns:
        The formatted number.
    """
    v = float(x)
    if math.isnan(v):
        return "–"
    sep = "," if grouping else ""
    if digits is None:
        s = f"{v:{sep}.10f}".rstrip("0").rstrip(".")
        s = "0" if s in ("-0", "") else s
    else:
        s = f"{v:{sep}.{digits}f}"
        if s.startswith("-") and float(s.replace(",", "")) == 0:
            s = s[1:]
    return s.translate(_ID_SEPARATORS) if check_lang(lang) == "id" else s


def fmt_spec(x: float, spec: str, lang: str = "en") -> str:
    """``format(x, spec)`` in the language's number style (``spec`` like ``.2f``, ``,.0f`` or ``.0%``)."""
    if x != x:  # NaN
        return "–"
    s = format(x, spec)
    return s.translate(_ID_SEPARATORS) if check_lang(lang) == "id" else s


def num(x: float | None, digits: int, lang: str) -> str:
    """A number with thousands separators and ``digits`` decimals in the language's style, for briefs and plots.

    Args:
        x: The number (None or NaN gives ``–``).
        digits: Decimals to show.
        lang: ``en`` (``1,234.5``) or ``id`` (``1.234,5``).

    Returns:
        The formatted number, with ``−`` (U+2212) as the minus sign.
    """
    if x is None:
        return "–"
    return fmt_spec(x, f",.{digits}f", lang).replace("-", "−")


def pct(x: float, lang: str, digits: int = 0) -> str:
    """A share 0..1 as a percentage (``45%``) in the language's number style."""
    return num(100 * x, digits, lang) + "%"


def money(x_million: float, lang: str) -> str:
    """Rp million as 'Rp 3.6 billion' or 'Rp 250 million' (in Bahasa Indonesia 'Rp3,6 miliar', 'Rp250 juta').

    One decimal below Rp 100 million and for billions, none above; a trailing ``.0``/``,0`` is
    dropped (``Rp 2 billion``). Bahasa Indonesia writes no space after ``Rp`` (EYD).
    """
    if abs(x_million) >= 1000:
        x, digits, key = x_million / 1000, 1, "bn"
    else:
        x, digits, key = x_million, 1 if abs(x_million) < 100 else 0, "mn"
    shown = num(x, digits, lang)
    if digits and shown[-2:] in (".0", ",0"):
        shown = shown[:-2]
    text = BRIEF[lang][key].format(x=shown)
    return re.sub(r"Rp\s+", "Rp", text) if lang == "id" else text


_PLACE_ID = ((re.compile(r"^Ward (\d+)$"), r"Kelurahan \1"), (re.compile(r"^Region (\d+)$"), r"Wilayah \1"))


def place_name(name: str, lang: str = "en") -> str:
    """A generated ward or region name in ``lang`` (``Ward 001`` is ``Kelurahan 001`` in Bahasa Indonesia).

    Real names (from a wards CSV file) and every other text are returned unchanged.
    """
    if check_lang(lang) != "id":
        return name
    for pattern, repl in _PLACE_ID:
        if pattern.match(name):
            return pattern.sub(repl, name)
    return name


__all__ = [
    "LANGS",
    "check_lang",
    "fmt_num",
    "fmt_spec",
    "lower_first",
    "money",
    "num",
    "pct",
    "place_name",
    "plot_text",
    "t",
]
