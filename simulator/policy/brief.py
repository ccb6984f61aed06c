"""Policy briefs: one Markdown page and one self-contained HTML page a planner can circulate.

``brief_compare.compare_brief`` and ``brief_whatif.whatif_brief`` turn results into a
:class:`Brief` (Markdown text plus the plots it shows), in English (``en``) or Bahasa Indonesia (``id``);
``write_brief`` writes ``brief.md`` and ``brief.html`` (the plots embedded as
PNG data, so the HTML file can be mailed on its own).

The findings a brief states (the cheapest option, the most robust one, ...) are computed
first, in :mod:`simulator.policy.findings`; the words, labels and number formats come from
the text layer (:mod:`simulator.i18n`); the HTML page from :mod:`simulator.policy.brief_html`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from simulator.i18n import LANGS, money, num
from simulator.i18n.brief_text import BRIEF
from simulator.policy.brief_html import to_html
from simulator.policy.files import write_text
from simulator.store import now
from simulator.version import __version__


@dataclass
class Brief:
    """A policy brief.

    Attributes:
        title: Page title.
        markdown: The page as Markdown; images are referenced relative to the output folder.
        lang: ``en`` or ``id``.
    """

    title: str
    markdown: str
    lang: str = "en"


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table of ``header`` and ``rows`` (cells already formatted)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def meta(lang: str, runs: str) -> str:
    """The italic line under a brief's title: date, version and what was run."""
    return "*" + BRIEF[lang]["meta"].format(date=now()[:10], version=__version__, runs=runs) + "*"


def is_builtin(source: str) -> bool:
    """Whether a policy file is one of the built-in policies (so a brief can name it instead of its path)."""
    from simulator.scenario import preset_dir

    try:
        return Path(source).resolve().is_relative_to((preset_dir() / "policies").resolve())
    except OSError:
        return False


# --------------------------------------------------------------------------- writing


def write_brief(brief: Brief, out: Path) -> list[str]:
    """Write ``brief.md`` and a self-contained ``brief.html`` into ``out``.

    Args:
        brief: The brief.
        out: The output folder (holding the plots the brief references).

    Returns:
        The files written, relative to ``out``.
    """
    write_text(out / "brief.md", brief.markdown)
    write_text(out / "brief.html", to_html(brief, out))
    return ["brief.md", "brief.html"]


__all__ = ["LANGS", "Brief", "is_builtin", "meta", "money", "num", "table", "to_html", "write_brief"]
