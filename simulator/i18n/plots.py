"""Matplotlib tick labels in the language's number style: ``0,02`` and ``1.080`` in Bahasa Indonesia.

:func:`localize_ticks` gives every numeric axis of a figure a formatter that writes its tick
labels through :func:`simulator.i18n.fmt_num`, the text layer's one number formatter (decimal
comma and thousands dot in ``id``, whatever the machine's locale). The automatic tick locations
stay; percent axes keep their ``%``; calendar years are written without a thousands separator
(``2027``, not ``2.027``). Category labels, log axes and labels the plot set itself are left as
they are. In English the figure is left unchanged.

This module imports matplotlib, so :mod:`simulator.i18n` does not import it: plot code imports
``simulator.i18n.plots`` itself, and the rest of the text layer stays light.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import Any

from matplotlib.figure import Figure
from matplotlib.ticker import Formatter, PercentFormatter, ScalarFormatter

from simulator.i18n.core import check_lang, fmt_num

MAX_DIGITS = 6
"""Most decimals a tick label shows."""

YEARS = (1800.0, 2200.0)
"""An axis whose ticks all lie in this range, and whose label is empty or starts with "year", shows calendar years."""

_YEAR_WORDS = ("year", "tahun")


def tick_digits(locs: Sequence[float]) -> int:
    """Decimals the tick labels need: as many as the spacing of the ticks (0.2 -> 1, 0.25 -> 2, 50 -> 0)."""
    vals = [float(x) for x in locs if math.isfinite(float(x))]
    steps = [abs(b - a) for a, b in itertools.pairwise(vals) if b != a]
    step = min(steps) if steps else (abs(vals[0]) if vals and vals[0] else 1.0)
    digits = 0
    while digits < MAX_DIGITS and abs(round(step, digits) - step) > 1e-9 * max(1.0, step):
        digits += 1
    return digits


class NumberFormatter(Formatter):
    """Tick labels in the language's number style, with as many decimals as the tick spacing needs.

    Args:
        lang: ``en`` (``1,234.5``) or ``id`` (``1.234,5``).
        grouping: Thousands separators (None: decided from the ticks, off for calendar years).
        percent: Scale of a percent axis (the value that is 100%, as matplotlib's
            :class:`~matplotlib.ticker.PercentFormatter` ``xmax``); None for a plain axis.
    """

    def __init__(self, lang: str = "en", grouping: bool | None = None, percent: float | None = None) -> None:
        self.lang = check_lang(lang)
        self.grouping = grouping
        self.percent = percent
        self.digits = 0
        self.years = False

    def _scaled(self, x: float) -> float:
        return x if self.percent is None else 100.0 * x / self.percent

    def set_locs(self, locs: Sequence[float]) -> None:
        """Choose the decimals from the spacing of the ticks, and whether they are calendar years."""
        super().set_locs(list(locs))
        shown = [self._scaled(float(x)) for x in locs]
        self.digits = tick_digits(shown)
        self.years = self.percent is None and self.grouping is None and _are_years(self.axis, shown)

    def __call__(self, x: float, pos: int | None = None) -> str:
        """One tick label (``−`` for minus, as matplotlib writes it)."""
        grouping = not self.years if self.grouping is None else self.grouping
        text = fmt_num(self._scaled(x), self.lang, self.digits, grouping=grouping).replace("-", "\u2212")
        return text + "%" if self.percent is not None else text


def _are_years(axis: Any, locs: Sequence[float]) -> bool:
    """Whether an axis shows calendar years: ticks within :data:`YEARS`, a label that is empty or starts with "year".

    ``Rp million / year`` is not a year axis; ``Year`` and ``tahun`` are.
    """
    finite = [x for x in locs if math.isfinite(x)]
    if not finite or not all(YEARS[0] <= x <= YEARS[1] for x in finite):
        return False
    label = axis.get_label_text().strip().lower() if axis is not None else ""
    return not label or label.startswith(_YEAR_WORDS)


def _localized(formatter: Formatter, lang: str) -> Formatter | None:
    """The formatter that replaces ``formatter`` in ``lang``, or None to keep it."""
    if isinstance(formatter, NumberFormatter):
        return None if formatter.lang == lang else NumberFormatter(lang, formatter.grouping, formatter.percent)
    if isinstance(formatter, PercentFormatter):
        return NumberFormatter(lang, percent=float(formatter.xmax))
    if type(formatter) is ScalarFormatter:  # the default of a linear axis (not a log or date formatter)
        return NumberFormatter(lang)
    return None


def localize_ticks(fig: Figure, lang: str) -> Figure:
    """Write every numeric tick label of ``fig`` in ``lang``'s number style (nothing changes in English).

    Each x and y axis of each panel (colour bars included) whose labels matplotlib formats
    itself gets a :class:`NumberFormatter`: decimal comma and thousands dot in Bahasa
    Indonesia, the same tick locations, ``%`` kept on percent axes, calendar years without a
    thousands dot. Call it once a figure is built, before it is saved or drawn.

    Args:
        fig: The figure.
        lang: ``en`` or ``id``.

    Returns:
        The same figure.

    Raises:
        ValueError: For a language other than ``en`` or ``id``.
    """
    if check_lang(lang) == "en":
        return fig
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            for get, set_ in (
                (axis.get_major_formatter, axis.set_major_formatter),
                (axis.get_minor_formatter, axis.set_minor_formatter),
            ):
                new = _localized(get(), lang)
                if new is not None:
                    set_(new)
    return fig


__all__ = ["NumberFormatter", "localize_ticks", "tick_digits"]
