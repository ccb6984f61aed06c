"""What an ablation varies and reports: its variants, its outcomes and their units.

:data:`VARIANTS` lists every structural alternative of the ``[structure]`` table and
every mechanism switched off, each with the parameter values that make it;
:data:`OUTCOMES` lists the headline outcomes with their labels, units and digits.
:mod:`simulator.analysis.ablation` runs them (and re-exports these names);
:mod:`simulator.analysis.ablation_report` writes them in words.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from simulator.outcomes import outcome

BASELINE = "baseline"
ABLATION_SEED = 20160301
"""Master seed the paired replicate seeds derive from."""
BOOT_SEED = 0
"""Seed of the bootstrap resampling (outcome k uses BOOT_SEED + k)."""
KIND = "plpbk-ablate"
"""Manifest kind of an ablation folder."""
FILES = ("ablation.csv", "ablation.png", "ablation.md")
"""The report files, in the output folder."""


@dataclass(frozen=True)
class Variant:
    """One variant of the ablation.

    Attributes:
        name: Short name (``trust=fixed``, ``no turnover``).
        kind: ``structure`` (a structural alternative) or ``mechanism`` (a mechanism switched off).
        description: One line in plain words.
        overrides: Parameter values (dotted names) that make the variant.
    """

    name: str
    kind: str
    description: str
    overrides: Mapping[str, Any]


VARIANTS: tuple[Variant, ...] = (
    Variant(
        "trust=symmetric",
        "structure",
        "trust learns as fast from good outcomes as from bad ones (no negativity bias)",
        {"structure.trust": "symmetric"},
    ),
    Variant(
        "trust=fixed",
        "structure",
        "no trust learning: trust stays where it starts, whatever happens",
        {"structure.trust": "fixed"},
    ),
    Variant(
        "renewal=lapse",
        "structure",
        "no renewal decisions: a partnership lapses after some years without aid or when trust falls too low",
        {"structure.renewal": "lapse"},
    ),
    Variant(
        "renewal=permanent",
        "structure",
        "partnerships never end: every live partnership is renewed each year, whatever happens",
        {"structure.renewal": "permanent"},
    ),
    Variant(
        "upkeep=fixed_decay",
        "structure",
        "assets wear at a fixed rate, softened by paid upkeep, instead of upkeep needs growing as condition falls",
        {"structure.upkeep": "fixed_decay"},
    ),
    Variant(
        "enablers=additive",
        "structure",
        "trust, coordination and marketing skill add up instead of each needing the others",
        {"structure.enablers": "additive"},
    ),
    Variant(
        "enablers=substitutes",
        "structure",
        "any one of trust, coordination and marketing skill can stand in for the others",
        {"structure.enablers": "substitutes"},
    ),
    Variant(
        "demand=flat",
        "structure",
        "no demand: users do not depend on market access or condition",
        {"structure.demand": "flat"},
    ),
    Variant(
        "awareness=open",
        "structure",
        "every agency and firm in reach knows every ward from the start: few respond only because few answer",
        {"structure.awareness": "open"},
    ),
    Variant(
        "no reputation",
        "mechanism",
        "partners judge a BKM only by their own experience, not by what other partners of the region saw",
        {"trust.reputation_spread": 0.0},
    ),
    Variant(
        "no marketing",
        "mechanism",
        "marketing and word of mouth make no partner aware of a ward, and BKMs market no more once the grant's "
        "marketing money is spent (agencies still hear of wards in the musrenbang)",
        {"marketing.innovation": 0.0, "marketing.imitation": 0.0, "programme.marketing_after": 0.0},
    ),
    Variant(
        "no facilitation",
        "mechanism",
        "no programme facilitators (pendamping): none while the programme runs, none after it, no KOTAKU",
        {"programme.facilitation_during": 0.0, "programme.facilitation_after": 0.0, "programme.kotaku": False},
    ),
    Variant(
        "no turnover",
        "mechanism",
        "BKM elections never replace the management team",
        {"bkm.turnover": 0.0},
    ),
)
"""Every variant, in report order: structural alternatives, then mechanisms switched off."""

BY_NAME = {v.name: v for v in VARIANTS}
KINDS = {"structure": "Structural alternatives", "mechanism": "Mechanisms switched off"}


@dataclass(frozen=True)
class Outcome:
    """A headline outcome of the ablation.

    Attributes:
        column: Summary column.
        label: Plain-words label (titles, lists).
        phrase: The label as it reads inside a sentence ("lowers <phrase> by ...").
        short: Column heading of the command's table.
        unit: Unit of a value as reported (after ``scale``), e.g. ``%`` or ``years``.
        change_unit: Unit of a difference (``percentage points`` for shares).
        scale: Factor applied when reported (100 for shares).
        digits: Decimals when reported.
    """

    column: str
    label: str
    phrase: str
    short: str
    unit: str
    change_unit: str
    scale: float = 1.0
    digits: int = 1

    def text(self, x: float, sign: bool = False) -> str:
        """A value (or, with ``sign``, a change) in the reported unit, without the unit; ``n/a`` for NaN."""
        if x is None or math.isnan(float(x)):
            return "n/a"
        return f"{float(x) * self.scale:{'+' if sign else ''},.{self.digits}f}"

    def with_unit(self, x: float) -> str:
        """A value with its unit, e.g. ``70.0%`` or ``2.52 years``."""
        return self.text(x) + (self.unit if self.unit == "%" else f" {self.unit}")


def _reported(name: str, label: str, phrase: str, short: str, unit: str, change_unit: str) -> Outcome:
    """An outcome in the ablation's words, with its scale and decimals from the outcome registry."""
    o = outcome(name)
    return Outcome(name, label, phrase, short, unit, change_unit, o.scale, o.digits)


OUTCOMES: tuple[Outcome, ...] = (
    _reported(
        "sustained_share_final",
        "sustained share in the final year",
        "the share of wards whose programme is sustained in the final year",
        "sustained share (pp)",
        "%",
        "percentage points",
    ),
    _reported(
        "partnerships_after_grant",
        "partnerships after the grant",
        "the partnerships alive each year after the grant",
        "partnerships after grant",
        "per year",
        "partnerships per year",
    ),
    _reported(
        "partnership_duration_mean",
        "partnership duration",
        "the mean duration of ended partnerships",
        "duration (years)",
        "years",
        "years",
    ),
    _reported("aid_per_ward", "aid per ward", "aid per ward", "aid per ward (Rp m)", "Rp million", "Rp million"),
)
"""The outcomes reported, in order."""

OUTCOME_COLUMNS = tuple(o.column for o in OUTCOMES)
BY_COLUMN = {o.column: o for o in OUTCOMES}
COLUMNS = ("variant", "outcome", "baseline", "value", "effect", "low", "high")
"""The first columns of ``ablation.csv``, in order (extra columns follow)."""


def skip_reason(v: Variant) -> str:
    """Why a variant was skipped, in words."""
    vals = ", ".join(f"{k} = {value_text(x)}" for k, x in v.overrides.items())
    return f"the scenario already sets {vals}"


def value_text(x: Any) -> str:
    """A parameter value as a scenario file writes it: ``true``/``false``, ``0.5``, ``fixed``."""
    if isinstance(x, bool):
        return "true" if x else "false"
    return f"{x:g}" if isinstance(x, float) else str(x)
