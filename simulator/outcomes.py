"""The outcome registry: a run's tables, and every outcome the commands report with its labels, unit and direction.

Beside the parameter registry (``simulator.params``), this is the one home of what an outcome
is called and how it is shown: ``plpbk run``'s summary (``results.SUMMARY_COLUMNS``), the
policy comparison and its briefs and plots (``policy.effects.OUTCOMES``), the what-if
thresholds (``policy.whatif_spec.THRESHOLD_OUTCOMES``) and the ablation
(``analysis.ablation_spec.OUTCOMES``) all take their outcomes from here. A foundation module:
it imports nothing of the simulator.
"""

from __future__ import annotations

from dataclasses import dataclass, field

TABLES = ("timeseries", "summary", "events", "wards")
"""The tables of a run, in order: one row per run and year, per run, per event, per run and ward."""


@dataclass(frozen=True)
class Outcome:
    """One outcome of a run.

    Attributes:
        name: Its column.
        table: The table it is a column of (``summary``: one value per run).
        description: What it is, in plain English (``plpbk run`` prints it).
        short: Its short English name, as the comparison's tables and plots call it.
        unit: Its unit in English, after ``scale`` (e.g. ``% of wards, final year``).
        label: Its name with its unit per language, as a brief's table heads it.
        axis: Its name over its unit per language (two lines), as a plot's title shows it.
        digits: Decimals when printed (after ``scale``).
        scale: Factor applied when printed (100 for shares shown as percentages).
        direction: +1 when more is better, -1 when less is better, 0 when neither.
        series: The time-series column that shows it year by year, or None.
    """

    name: str
    table: str
    description: str
    short: str
    unit: str
    label: dict[str, str] = field(default_factory=dict)
    axis: dict[str, str] = field(default_factory=dict)
    digits: int = 2
    scale: float = 1.0
    direction: int = 1
    series: str | None = None


OUTCOMES: tuple[Outcome, ...] = (
    Outcome(
        "sustained_share_final",
        "summary",
        "share of wards with a sustained programme, final year",
        "sustained share",
        "% of wards, final year",
        label={"en": "Sustained programmes (% of wards)", "id": "Program berkelanjutan (% kelurahan)"},
        axis={
            "en": "sustained programmes\n(% of wards, final year)",
            "id": "program berkelanjutan\n(% kelurahan, tahun terakhir)",
        },
        digits=1,
        scale=100.0,
        series="sustained_share",
    ),
    Outcome(
        "sustained_share_mean",
        "summary",
        "share of wards with a sustained programme, mean over the years",
        "sustained share (mean)",
        "% of wards, mean over the years",
        digits=1,
        scale=100.0,
    ),
    Outcome("partnerships_year5", "summary", "partnerships alive after 5 years", "partnerships in year 5", "count"),
    Outcome(
        "partnerships_after_grant",
        "summary",
        "partnerships alive per year after the grant (mean)",
        "partnerships after the grant",
        "per year",
        digits=1,
    ),
    Outcome(
        "partnerships_final",
        "summary",
        "partnerships alive, final year",
        "partnerships alive",
        "count, final year",
        label={"en": "Partnerships alive", "id": "Kemitraan aktif"},
        axis={"en": "partnerships alive\n(count, final year)", "id": "kemitraan aktif\n(jumlah, tahun terakhir)"},
        digits=1,
        series="partnerships_active",
    ),
    Outcome(
        "partnerships_government_final",
        "summary",
        "partnerships alive with government partners, final year",
        "government partnerships",
        "count, final year",
        label={"en": "Partnerships alive: government", "id": "Kemitraan aktif: pemerintah"},
        axis={
            "en": "government partnerships\n(count, final year)",
            "id": "kemitraan pemerintah\n(jumlah, tahun terakhir)",
        },
        digits=1,
        series="partnerships_government",
    ),
    Outcome(
        "partners_government_final",
        "summary",
        "government partners with a live partnership, final year",
        "government partners",
        "count, final year",
        label={"en": "Partners with a live partnership: government", "id": "Mitra dengan kemitraan aktif: pemerintah"},
        axis={
            "en": "government partners\n(count, final year)",
            "id": "mitra pemerintah\n(jumlah, tahun terakhir)",
        },
        digits=1,
    ),
    Outcome(
        "partnerships_private_final",
        "summary",
        "partnerships alive with CSR/private partners, final year",
        "CSR/private partnerships",
        "count, final year",
        label={"en": "Partnerships alive: CSR/private", "id": "Kemitraan aktif: CSR/swasta"},
        axis={
            "en": "CSR/private partnerships\n(count, final year)",
            "id": "kemitraan CSR/swasta\n(jumlah, tahun terakhir)",
        },
        digits=1,
        series="partnerships_private",
    ),
    Outcome(
        "partners_private_final",
        "summary",
        "CSR/private partners with a live partnership, final year",
        "CSR/private partners",
        "count, final year",
        label={"en": "Partners with a live partnership: CSR/private", "id": "Mitra dengan kemitraan aktif: CSR/swasta"},
        axis={
            "en": "CSR/private partners\n(count, final year)",
            "id": "mitra CSR/swasta\n(jumlah, tahun terakhir)",
        },
        digits=1,
    ),
    Outcome(
        "partnerships_mean",
        "summary",
        "partnerships alive, mean over the years",
        "partnerships (mean)",
        "count, mean over the years",
        digits=1,
    ),
    Outcome(
        "partnership_duration_median",
        "summary",
        "median partnership duration (years)",
        "median duration",
        "years",
    ),
    Outcome("partnership_duration_mean", "summary", "mean duration of ended partnerships", "duration", "years"),
    Outcome(
        "aid_total",
        "summary",
        "aid received by all wards over all years (Rp million)",
        "aid mobilised",
        "Rp million, all years and wards",
        label={
            "en": "Aid mobilised (Rp million, all years)",
            "id": "Bantuan mitra yang terhimpun (Rp juta, semua tahun)",
        },
        axis={
            "en": "aid mobilised\n(Rp million, all years)",
            "id": "bantuan mitra yang terhimpun\n(Rp juta, semua tahun)",
        },
        digits=0,
        series="aid_total",
    ),
    Outcome("aid_per_ward", "summary", "aid received per ward (Rp million)", "aid per ward", "Rp million", digits=0),
    Outcome(
        "accept_rate_government",
        "summary",
        "government route: share of proposals accepted",
        "government acceptance",
        "% of proposals",
        digits=1,
        scale=100.0,
    ),
    Outcome(
        "accept_rate_private",
        "summary",
        "private route: share of proposals accepted",
        "private acceptance",
        "% of proposals",
        digits=1,
        scale=100.0,
    ),
    Outcome(
        "answer_rate_private",
        "summary",
        "private route: share of proposals answered",
        "private answers",
        "% of proposals",
        digits=1,
        scale=100.0,
    ),
    Outcome(
        "grant_spent_share",
        "summary",
        "share of the BLM grant spent",
        "grant spent",
        "% of the grant",
        digits=1,
        scale=100.0,
    ),
    Outcome(
        "mean_trust_final",
        "summary",
        "mean partner trust in BKMs, final year",
        "trust",
        "partners' mean trust in BKMs, 0-1, final year",
        label={"en": "Partners' trust (0–1)", "id": "Kepercayaan mitra (0–1)"},
        axis={"en": "partners' trust\n(0–1, final year)", "id": "kepercayaan mitra\n(0–1, tahun terakhir)"},
        digits=3,
        series="mean_trust_partner",
    ),
)
"""Every outcome the commands report, by name."""

BY_NAME: dict[str, Outcome] = {o.name: o for o in OUTCOMES}


def outcome(name: str) -> Outcome:
    """The registry's entry for an outcome.

    Raises:
        KeyError: For a name the registry does not hold.
    """
    return BY_NAME[name]
