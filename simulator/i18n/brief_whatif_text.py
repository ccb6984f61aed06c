"""Words the what-if's (plpbk whatif) brief and plots, in English and Bahasa Indonesia.

:mod:`simulator.i18n.brief_text` merges them into ``BRIEF`` (and ``PLOT`` for the plots' keys), so
they are read as ``BRIEF[lang][key]`` like the older words. Indonesian follows ``GLOSSARY_ID.md``.
"""

from __future__ import annotations

from typing import Any

WHATIF_BRIEF: dict[str, dict[str, Any]] = {"en": {}, "id": {}}
"""Brief words by language and key."""

WHATIF_PLOT: dict[str, dict[str, str]] = {"en": {}, "id": {}}
"""Plot labels by language and key."""
