"""The study's patterns v2 (MODEL_BRIEF section 4), each defined once.

A pattern names the scenario variants it needs (parameter changes relative to
the scenario under test), the statistic it measures over the results store's
tables, the threshold its 95% interval must clear, the mechanisms it tests and
the plausible alternative structure under which it is expected to fail.
``plpbk validate``, ``plpbk validate --discriminate``, ``plpbk calibrate``, the
test suite and ``docs/validation.md`` all use these definitions.

This module holds each pattern's definition (:data:`PATTERNS`) and what runs them
(:func:`variants`, :func:`evaluate`, :func:`results_table`). How each is measured,
its variants and its statistic with the design constants, is in
:mod:`simulator.analysis.pattern_stats`, whose public names are re-exported here.

The first list's checks that could not fail (fees collected equal to the
managing body, full grant spending, the trust asymmetry, all four aid forms,
the government route's payment lag) are mechanism unit tests in
``tests/test_mechanisms.py`` and ``tests/test_model.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from simulator.analysis import pattern_stats as stats
from simulator.analysis.pattern_stats import (
    ANSWER_ALL,
    BASE,
    COLLAPSED,
    DECADE,
    EARLY_EXIT,
    EFFORT_SIZE,
    EFFORTS,
    HIGH,
    HOLD_TOLERANCE,
    LONG_RUN,
    LONG_SHARE_RANGE,
    LONG_YEARS,
    LOW,
    MEMORY,
    N_BOOT,
    P4_CELLS,
    POOR_MARKET,
    RESTORE_DELAY,
    SHORT_YEARS,
    STRONG,
    STRONG_TRUST,
    WINDOW,
    PatternData,
    PatternResult,
    bootstrap_mean,
    facilitators_leave,
    first_deliveries,
    grant_end,
    restore_year,
)
from simulator.scenario import Scenario


@dataclass(frozen=True)
class Pattern:
    """One pattern the model must reproduce.

    Attributes:
        number: Its number in MODEL_BRIEF section 4.
        title: Short title.
        claim: The pattern in plain words.
        source: The sentence of the study (or brief) it comes from.
        statistic: What is measured.
        threshold: What the statistic must meet.
        variants: Scenario variants it needs: name -> parameter changes.
        compute: The statistic over the tables.
        mechanisms: The model's mechanisms the pattern tests.
        fails_under: The plausible alternative structure (``[structure]`` value or
            documented rule) under which the pattern is expected to fail.
    """

    number: int
    title: str
    claim: str
    source: str
    statistic: str
    threshold: str
    variants: Callable[[Scenario], dict[str, dict[str, Any]]]
    compute: Callable[[PatternData], PatternResult]
    mechanisms: str = ""
    fails_under: str = ""


PATTERNS: tuple[Pattern, ...] = (
    Pattern(
        1,
        "not fully continued, unevenly",
        "After the grant, live partnerships fall but not to zero, and durations are uneven: most end within "
        "1-4 years while a minority (5-40%) last 8 years or more.",
        "'Partnerships have not fully continued' (conclusion); Kebondalem's partners since 2008 (record).",
        "share of ended partnerships that lasted 8 years or more",
        "interval within 5-40%; at least half lasted 1-4 years; live partnerships after the grant below the "
        "peak and above zero at the end",
        stats.no_variants,
        stats.p1_statistic,
        "renewal decision (trust, report, fit, budget); board turnover; trust learning",
        "renewal=lapse (narrow spread), renewal=permanent (nothing ends)",
    ),
    Pattern(
        2,
        "trust is path-dependent",
        "Partnerships whose first delivery succeeded last longer than comparable ones (same starting band) "
        "whose first delivery failed.",
        "Enabler 'trust in the partnership' (findings); negativity bias (Slovic 1993).",
        "paired gap in years alive, first delivery succeeded minus failed, within starting bands",
        "interval above 0",
        stats.no_variants,
        stats.p2_statistic,
        "trust learning from deliveries; trust in renewal decisions",
        "trust=fixed (no lasting effect of a delivery)",
    ),
    Pattern(
        3,
        "few institutions respond, even when able",
        "Over the run only a minority of firms ever partner with any BKM, and raising firms' willingness to "
        "answer without raising awareness leaves that minority small.",
        "Obstacle 'few institutions respond' (findings); every firm has a CSR budget.",
        f"share of firms that ever partner when firms answer {ANSWER_ALL:.0%} of the proposals they see",
        "interval below 50%, and below 50% at the scenario's own responsiveness",
        stats.p3_variants,
        stats.p3_statistic,
        "a firm's notice of the programme (marketing, forum) gates its awareness of wards",
        "awareness=open (few respond only because few answer)",
    ),
    Pattern(
        4,
        "enablers are complementary",
        "The gain from a stronger marketing team is larger where coordination and trust are high.",
        "Enablers 'communication and coordination', 'trust', 'a marketing team that understands the concept' "
        "(findings).",
        f"2 x 2 difference-in-differences of live partnerships after the grant: marketing team {LOW} -> {HIGH}, "
        f"coordination and starting trust {LOW} vs {HIGH}",
        "interval above 0",
        stats.p4_variants,
        stats.p4_statistic,
        "enabler index (complementary) in acceptance; marketing in awareness",
        "enablers=substitutes (any one enabler stands in for the others)",
    ),
    Pattern(
        5,
        "money without management does not last",
        "Across wards, asset condition ten years after the grant tracks the managing body and fee revenue more "
        "than the amount of aid.",
        "Obstacle 'the managing body is not yet effective' (findings); Kraton Kidul: fees unpaid (record).",
        "per run: smaller of corr(condition, managing body) and corr(condition, fees) minus corr(condition, aid)",
        "interval above 0",
        stats.p5_variants,
        stats.p5_statistic,
        "fee collection and upkeep effectiveness depend on the managing body; upkeep need grows as condition falls",
        "the rule 'management does not matter' (upkeep and collection independent of the managing body)",
    ),
    Pattern(
        6,
        "demand matters, not only the BKM",
        "With the same BKMs but poor market access (Kraton Kidul's location and few buyers), wards collect "
        "little fee revenue and are sustained less.",
        "Kraton Kidul: the market is in a poor location with few buyers; vendors stopped paying (record).",
        f"paired fall in the mean sustained share with market access {POOR_MARKET}",
        "interval above 0, and fees lower",
        stats.p6_variants,
        stats.p6_statistic,
        "fees = users x willingness to pay x collection, users rise with market access",
        "demand=flat (users do not depend on location)",
    ),
    Pattern(
        7,
        "the efforts work, and together best",
        "Each of the study's three efforts raises the partnerships still alive 5 years after the grant; the "
        "three together do at least as well as the best single one.",
        "Efforts: marketing, strengthening the BKM, a consistent management team (conclusion).",
        "smallest paired gain among the three efforts in live partnerships from 5 years after the grant on",
        "every effort's interval above 0; together minus the best single effort above 0",
        stats.p7_variants,
        stats.p7_statistic,
        "marketing and awareness; capacity learning; board turnover ends ties",
        "renewal=permanent (no tie is ever lost, so a consistent team cannot keep one)",
    ),
    Pattern(
        8,
        "capability trap with memory",
        "Facilitators leaving early (2 instead of 5 years) lowers capacity and partnerships, and restoring "
        "facilitation later recovers only part of the loss within 5 years.",
        "Government as facilitator (pendamping); effort 'strengthening the BKM as an institution' (findings).",
        "share of the early exit's capacity loss still missing over the 5 years after facilitation is restored "
        "(paired by seed)",
        f"interval above {MEMORY:.0%}; before restoration capacity (interval) and live partnerships lower with "
        "the early exit",
        stats.p8_variants,
        stats.p8_statistic,
        "capacity learning from practice and facilitation, erosion without them; ties lost meanwhile",
        "the rule 'capacity without memory' (capacity moves to its new level within a year)",
    ),
    Pattern(
        9,
        "sustainability is possible",
        "With enablers high and obstacles low the sustained share holds level for decades (no decay clock); "
        "with no partner answering it collapses within the first decade after the grant.",
        "'Sustained partnership affects the sustainability of PLPBK' (conclusion).",
        f"with enablers high over {LONG_RUN} years: sustained share in the last 10 years minus years 11-20",
        f"interval above -{HOLD_TOLERANCE}; with nobody answering the share 10 years after the grant below "
        f"{COLLAPSED} (interval)",
        stats.p9_variants,
        stats.p9_statistic,
        "upkeep grows as condition falls and paid upkeep repairs; fees and aid fund upkeep",
        "upkeep=fixed_decay (a decay clock); demand=flat (fees alone keep wards sustained)",
    ),
    Pattern(
        10,
        "partnerships peak with the programme",
        "Partnership activity peaks during or just after the grant's marketing tranche and facilitation.",
        "BLM2's Rp 100 m for marketing; facilitators for the programme's first years (record).",
        "live partnerships in programme years 2 to 2 years after facilitators leave / in the last 10 years",
        "interval above 1",
        stats.no_variants,
        stats.p10_statistic,
        "marketing tranche and facilitation; renewal decisions; board turnover",
        "renewal=permanent (partnerships only accumulate)",
    ),
)
"""The ten patterns v2 of MODEL_BRIEF section 4, in order."""


def variants(sc: Scenario, patterns: tuple[Pattern, ...] = PATTERNS) -> dict[str, dict[str, Any]]:
    """All variants the patterns need, ``base`` first (name -> parameter changes)."""
    out: dict[str, dict[str, Any]] = {BASE: {}}
    for p in patterns:
        out.update(p.variants(sc))
    return out


def evaluate(data: PatternData, patterns: tuple[Pattern, ...] = PATTERNS) -> list[PatternResult]:
    """Compute every pattern's statistic and verdict from the tables."""
    return [p.compute(data) for p in patterns]


def results_table(results: list[PatternResult], patterns: tuple[Pattern, ...] = PATTERNS) -> pd.DataFrame:
    """One row per pattern: number, title, statistic, value, interval, threshold, verdict, detail, mechanisms."""
    by = {p.number: p for p in patterns}
    return pd.DataFrame(
        [
            {
                "pattern": r.number,
                "title": by[r.number].title,
                "statistic": by[r.number].statistic,
                "value": r.value,
                "ci_low": r.low,
                "ci_high": r.high,
                "threshold": by[r.number].threshold,
                "passed": r.passed,
                "detail": r.detail,
                "mechanisms": by[r.number].mechanisms,
                "fails_under": by[r.number].fails_under,
            }
            for r in results
        ]
    )


def label_variants(df: pd.DataFrame, names: Mapping[int, str]) -> pd.DataFrame:
    """Add a ``variant`` column from the design point index."""
    if df.empty:
        return df.assign(variant=pd.Series(dtype=object))
    return df.assign(variant=df["point"].map(names))


__all__ = [
    "ANSWER_ALL",
    "BASE",
    "COLLAPSED",
    "DECADE",
    "EARLY_EXIT",
    "EFFORTS",
    "EFFORT_SIZE",
    "HIGH",
    "HOLD_TOLERANCE",
    "LONG_RUN",
    "LONG_SHARE_RANGE",
    "LONG_YEARS",
    "LOW",
    "MEMORY",
    "N_BOOT",
    "P4_CELLS",
    "PATTERNS",
    "POOR_MARKET",
    "RESTORE_DELAY",
    "SHORT_YEARS",
    "STRONG",
    "STRONG_TRUST",
    "WINDOW",
    "Pattern",
    "PatternData",
    "PatternResult",
    "bootstrap_mean",
    "evaluate",
    "facilitators_leave",
    "first_deliveries",
    "grant_end",
    "label_variants",
    "restore_year",
    "results_table",
    "variants",
]
