"""Words the comparison's (plpbk compare) brief and plots, in English and Bahasa Indonesia.

:mod:`simulator.i18n.brief_text` merges them into ``BRIEF`` (and ``PLOT`` for the plots' keys), so
they are read as ``BRIEF[lang][key]`` like the older words. Indonesian follows ``GLOSSARY_ID.md``.
"""

from __future__ import annotations

from typing import Any

COMPARE_BRIEF: dict[str, dict[str, Any]] = {"en": {}, "id": {}}
"""Brief words by language and key."""

COMPARE_PLOT: dict[str, dict[str, str]] = {"en": {}, "id": {}}
"""Plot labels by language and key."""
