"""The one parameter registry of the PLPBK partnership model.

Every parameter the model reads is declared here once: its name (``section.key``,
as written in a scenario file), meaning, unit, default, allowed range, role and
source. The model, scenario validation, the ``plpbk params`` command, the
dashboard's sliders and ``docs/parameters.md`` all read this table.

Python keyword names replace the dot by an underscore (``trust.initial`` is the
keyword ``trust_initial``), so ``PartnershipModel(trust_initial=0.6)`` and
``mesa.batch_run`` work with plain keyword arguments.

Sources: ``src`` marks figures from public records of the programme (see
``MODEL_BRIEF.md`` section 1); ``assumption`` marks defaults chosen to be
plausible and exposed for calibration and sensitivity analysis.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["float", "int", "bool"]
Role = Literal["structure", "grant", "enabler", "obstacle", "mechanism", "lever"]

AID_FORMS: tuple[str, ...] = ("physical", "money", "programme", "event")
"""The four partnership forms found by the study, in the model's index order."""

MATURITY_LEVELS: tuple[str, ...] = ("tidak berdaya", "berdaya", "mandiri", "madani")
"""Programme levels of BKM maturity, weakest first; each maps to a capacity band."""

MATURITY_BANDS: dict[str, tuple[float, float]] = {
    "tidak berdaya": (0.05, 0.25),
    "berdaya": (0.25, 0.5),
    "mandiri": (0.5, 0.75),
    "madani": (0.75, 0.95),
}
"""Initial BKM capacity band for each maturity level (assumption)."""

GOV_SECTORS: tuple[str, ...] = (
    "planning board",
    "public works & housing",
    "tourism",
    "education",
    "ward & district office",
    "health",
)
"""Kinds of local-government agency, assigned in turn (src: study interviews)."""

FIRM_KINDS: tuple[str, ...] = ("state firm", "regional bank", "natural-resource", "private")
"""Kinds of CSR firm; shares, budget and responsiveness factors are parameters."""


@dataclass(frozen=True)
class Param:
    """One model parameter.

    Attributes:
        name: Dotted name as written in a scenario file (``section.key``).
        default: Default value (the baseline scenario's value).
        low: Smallest allowed value.
        high: Largest allowed value.
        unit: Unit of measure ("-" for dimensionless).
        meaning: One-sentence meaning.
        role: What the parameter stands for (enabler, obstacle, lever, ...).
        source: "src: ..." for a public figure, or "assumption".
        kind: Value type: float, int or bool.
    """

    name: str
    default: float | int | bool
    low: float
    high: float
    unit: str
    meaning: str
    role: Role
    source: str = "assumption"
    kind: Kind = "float"

    @property
    def key(self) -> str:
        """Python keyword name (dot replaced by underscore)."""
        return self.name.replace(".", "_")

    @property
    def section(self) -> str:
        """Scenario-file table the parameter lives in."""
        return self.name.split(".", 1)[0]

    @property
    def range_text(self) -> str:
        """Allowed range as text, e.g. ``[0, 1]``."""
        if self.kind == "bool":
            return "true/false"
        return f"[{_fmt(self.low)}, {_fmt(self.high)}]"


def _fmt(x: float | int | bool) -> str:
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, float) and x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    return f"{x:g}"


def _p(
    name: str,
    default: float | int | bool,
    low: float,
    high: float,
    unit: str,
    meaning: str,
    role: Role,
    source: str = "assumption",
) -> Param:
    kind: Kind = "bool" if isinstance(default, bool) else "int" if isinstance(default, int) else "float"
    return Param(name, default, low, high, unit, meaning, role, source, kind)


_LEVERS = {
    "marketing_push": (
        "Active marketing of the programme to firms and agencies (study effort 1): "
        "adds to every BKM's yearly marketing effort and trains its marketing team.",
        15.0,
    ),
    "strengthening": (
        "Strengthening the BKM as an institution (study effort 2): capacity-building "
        "input that raises the yearly capacity gain and slows erosion from lack of practice "
        "(stops it at size 1; erosion from overload remains).",
        20.0,
    ),
    "consistent_team": (
        "A management team that stays consistent with joint agreements (study effort 3): "
        "raises the managing body's effectiveness target and halves trust forgetting.",
        10.0,
    ),
    "facilitation": (
        "Extra government facilitation (pendampingan) after the programme's facilitators "
        "leave: adds to facilitation intensity.",
        25.0,
    ),
    "csr_forum": (
        "A CSR forum of firms and the local government: raises firms' awareness of the "
        "programme and their responsiveness to proposals.",
        5.0,
    ),
}


_LEVER_EFFECTS = (
    (
        "levers.marketing_push_training",
        0.1,
        "1 / year",
        "Yearly gain of marketing-team skill (toward 1) per unit of marketing push.",
    ),
    (
        "levers.consistent_team_effect",
        0.3,
        "-",
        "Rise of the managing body's effectiveness target at consistent-team size 1.",
    ),
    (
        "levers.csr_forum_awareness",
        0.5,
        "probability / year",
        "Extra yearly chance a firm learns of a ward, at CSR-forum size 1.",
    ),
    ("levers.csr_forum_responsiveness", 0.5, "share", "Share of a firm's non-response removed at CSR-forum size 1."),
)


def _lever_params() -> list[Param]:
    out: list[Param] = [_p(n, d, 0, 1, u, m, "lever") for n, d, u, m in _LEVER_EFFECTS]
    for lever, (meaning, cost) in _LEVERS.items():
        out += [
            _p(
                f"levers.{lever}",
                0.0,
                0,
                1,
                "-",
                f"Size of the lever (0 = off, 1 = full). {meaning}",
                "lever",
            ),
            _p(
                f"levers.{lever}_start",
                2013,
                1990,
                2100,
                "year",
                f"First year the {lever.replace('_', ' ')} lever acts.",
                "lever",
            ),
            _p(
                f"levers.{lever}_cost",
                cost,
                0,
                10000,
                "Rp million / ward / year at size 1",
                f"Public cost of the {lever.replace('_', ' ')} lever (scales with size).",
                "lever",
            ),
        ]
    return out


PARAMETERS: tuple[Param, ...] = (
    # --- time -------------------------------------------------------------
    _p(
        "time.start_year",
        2008,
        1990,
        2100,
        "year",
        "Calendar year of the first step (PLPBK pilot year).",
        "structure",
        "src: PLPBK began in 2008",
    ),
    _p("time.years", 20, 1, 200, "years", "Number of simulated years (one step = one year).", "structure"),
    # --- structure ---------------------------------------------------------
    _p(
        "wards.n",
        20,
        1,
        5000,
        "wards",
        "Number of wards, each with one BKM (replaced by the row count when a wards CSV is given).",
        "structure",
    ),
    _p(
        "wards.regions",
        1,
        1,
        100,
        "regencies/cities",
        "Number of regencies/cities; a government agency serves only the wards of its own region.",
        "structure",
    ),
    _p(
        "wards.share_tidak_berdaya",
        0.10,
        0,
        1,
        "share",
        "Share of BKMs starting at maturity 'tidak berdaya' (capacity 0.05-0.25).",
        "structure",
    ),
    _p(
        "wards.share_berdaya",
        0.40,
        0,
        1,
        "share",
        "Share of BKMs starting at maturity 'berdaya' (capacity 0.25-0.5).",
        "structure",
    ),
    _p(
        "wards.share_mandiri",
        0.40,
        0,
        1,
        "share",
        "Share of BKMs starting at maturity 'mandiri' (capacity 0.5-0.75).",
        "structure",
    ),
    _p(
        "wards.share_madani",
        0.10,
        0,
        1,
        "share",
        "Share of BKMs starting at maturity 'madani' (capacity 0.75-0.95).",
        "structure",
    ),
    _p(
        "wards.plan_items",
        12,
        0,
        500,
        "items",
        "Unfunded items in each ward's 5-year plan (RTPLP) at the start.",
        "structure",
    ),
    _p(
        "wards.plan_renewal",
        2.0,
        0,
        50,
        "items / ward / year",
        "New plan items each ward adds per year (plan renewal, recurring events).",
        "structure",
    ),
    _p("wards.mix_physical", 0.40, 0, 1, "share", "Share of plan items asking for physical aid.", "structure"),
    _p("wards.mix_money", 0.20, 0, 1, "share", "Share of plan items asking for money aid.", "structure"),
    _p("wards.mix_programme", 0.25, 0, 1, "share", "Share of plan items asking for programme aid.", "structure"),
    _p("wards.mix_event", 0.15, 0, 1, "share", "Share of plan items asking for aid in events.", "structure"),
    _p(
        "wards.heterogeneity",
        0.15,
        0,
        0.5,
        "-",
        "Standard deviation of ward-level draws around the means of skill, coordination and managing body.",
        "structure",
    ),
    # --- grant (BLM) -------------------------------------------------------
    _p(
        "grant.planning",
        200.0,
        0,
        10000,
        "Rp million / ward",
        "BLM1 tranche for planning, paid in the first year.",
        "grant",
        "src: Kebondalem BLM1 Rp 200 m",
    ),
    _p(
        "grant.marketing",
        100.0,
        0,
        10000,
        "Rp million / ward",
        "BLM2 marketing tranche, paid in the second year and spent over the second and third years.",
        "grant",
        "src: Kebondalem BLM2 Rp 100 m for marketing",
    ),
    _p(
        "grant.implementation_1",
        400.0,
        0,
        10000,
        "Rp million / ward",
        "BLM2 implementation tranche, second year.",
        "grant",
        "src: Kebondalem BLM2 Rp 400 m",
    ),
    _p(
        "grant.implementation_2",
        300.0,
        0,
        10000,
        "Rp million / ward",
        "BLM3 implementation tranche, third year.",
        "grant",
        "src: Kebondalem BLM3 Rp 300 m",
    ),
    _p(
        "grant.local_cofunding",
        0.0,
        0,
        500,
        "Rp million / ward",
        "Local-budget co-funding added to the third-year implementation tranche.",
        "grant",
        "src: up to Rp 0.5 bn",
    ),
    _p(
        "grant.absorption_min",
        0.6,
        0,
        1,
        "share",
        "Share of an implementation tranche the weakest BKM spends (BKMs at grant.absorption_full spend it all).",
        "grant",
        "assumption (Podosugih spent 93%)",
    ),
    _p(
        "grant.absorption_full",
        0.5,
        0.01,
        1,
        "-",
        "Capacity at and above which a BKM spends its implementation tranches fully ('mandiri').",
        "grant",
    ),
    _p(
        "grant.marketing_ref",
        50.0,
        1,
        10000,
        "Rp million / year",
        "Marketing money per year that buys full marketing effort (1.0).",
        "grant",
    ),
    # --- programme ---------------------------------------------------------
    _p(
        "programme.facilitation_years",
        5,
        0,
        50,
        "years",
        "Years the programme's facilitators (pendamping) stay before leaving.",
        "enabler",
    ),
    _p(
        "programme.facilitation_during",
        0.8,
        0,
        1,
        "-",
        "Facilitation intensity while the programme's facilitators are present.",
        "enabler",
    ),
    _p(
        "programme.facilitation_after",
        0.1,
        0,
        1,
        "-",
        "Facilitation intensity after they leave (routine government support).",
        "enabler",
    ),
    _p(
        "programme.marketing_after",
        0.2,
        0,
        1,
        "-",
        "Marketing effort a BKM with a fully skilled team keeps up on its own after the tranche (times team skill).",
        "enabler",
    ),
    _p(
        "programme.activity_cost",
        20.0,
        0,
        1000,
        "Rp million / ward / year",
        "Yearly cost of running the programme's activities (BKM units, events, services).",
        "mechanism",
    ),
    _p(
        "programme.self_help",
        15.0,
        0,
        1000,
        "Rp million / ward / year",
        "Community self-help (swadaya) contribution of a fully capable BKM.",
        "mechanism",
    ),
    _p(
        "programme.sustain_window",
        3,
        1,
        20,
        "years",
        "Rolling window over which funding must cover the programme's needs.",
        "mechanism",
    ),
    _p(
        "programme.sustain_coverage",
        0.8,
        0,
        1,
        "share",
        "Share of needs (upkeep + activities) funding must cover over the window for a sustained programme.",
        "mechanism",
    ),
    _p(
        "programme.sustain_capacity",
        0.25,
        0,
        1,
        "-",
        "Minimum BKM capacity for the programme to count as sustained (the 'berdaya' threshold).",
        "mechanism",
    ),
    # --- BKM ---------------------------------------------------------------
    _p(
        "bkm.proposals_per_year",
        4.0,
        0,
        50,
        "proposals / year",
        "Mean proposals per year of a fully capable BKM at full marketing effort (Poisson mean, scaled down "
        "by the capacity and marketing floors below).",
        "mechanism",
    ),
    _p(
        "bkm.proposals_capacity_floor",
        0.25,
        0,
        1,
        "share",
        "Share of the proposal rate a BKM keeps at capacity 0 (the factor is floor + (1 - floor) capacity).",
        "mechanism",
    ),
    _p(
        "bkm.proposals_marketing_floor",
        0.3,
        0,
        1,
        "share",
        "Share of the proposal rate a BKM keeps with no marketing effort (the factor is floor + (1 - floor) effort).",
        "mechanism",
    ),
    _p(
        "bkm.marketing_skill",
        0.5,
        0,
        1,
        "-",
        "Mean skill of the BKM's marketing team (understands the concept; study enabler 3).",
        "enabler",
    ),
    _p(
        "bkm.coordination",
        0.5,
        0,
        1,
        "-",
        "Mean communication and coordination between BKM and government (study enabler 1).",
        "enabler",
    ),
    _p(
        "bkm.managing_body",
        0.55,
        0,
        1,
        "-",
        "Mean inherent effectiveness of the managing body (badan pengelola); low values are the study's obstacle 1.",
        "obstacle",
    ),
    _p(
        "bkm.learning_rate",
        0.15,
        0,
        1,
        "1 / year",
        "Rate at which capacity grows with practice and facilitation.",
        "mechanism",
        "assumption (capability trap: Repenning & Sterman 2002)",
    ),
    _p(
        "bkm.erosion_rate",
        0.08,
        0,
        1,
        "1 / year",
        "Rate at which capacity erodes without practice and facilitation, or under overload.",
        "mechanism",
        "assumption (capability trap: Repenning & Sterman 2002)",
    ),
    _p(
        "bkm.practice_ref",
        3.0,
        0.1,
        50,
        "projects / year",
        "Projects per year that count as full practice.",
        "mechanism",
    ),
    _p(
        "bkm.overload_projects",
        8.0,
        0.1,
        100,
        "projects / year",
        "Projects per year beyond which the BKM is overloaded and capacity erodes.",
        "mechanism",
    ),
    _p(
        "bkm.managing_body_adjust",
        0.25,
        0,
        1,
        "1 / year",
        "Speed at which managing-body effectiveness moves to its target.",
        "mechanism",
    ),
    _p(
        "bkm.managing_body_capacity_weight",
        0.4,
        0,
        1,
        "-",
        "How much the managing body's target depends on BKM capacity: E* = B (1 - w + w c) + team lever.",
        "mechanism",
    ),
    # --- government --------------------------------------------------------
    _p(
        "government.agencies",
        6,
        0,
        2000,
        "agencies",
        "Local-government agencies taking proposals (planning, public works, tourism, ...).",
        "structure",
        "src: study interviews name these offices",
    ),
    _p(
        "government.budget_per_ward",
        50.0,
        0,
        10000,
        "Rp million / ward / year",
        "Yearly agency budget open to community proposals, per ward served.",
        "obstacle",
    ),
    _p(
        "government.ceiling",
        150.0,
        1,
        10000,
        "Rp million / proposal",
        "Most an agency grants to one proposal (donor constraint).",
        "obstacle",
    ),
    _p(
        "government.responsiveness",
        0.75,
        0,
        1,
        "probability",
        "Chance an agency answers a proposal at all.",
        "obstacle",
    ),
    _p(
        "government.acceptance_bias",
        0.5,
        -10,
        10,
        "logit",
        "Intercept of the agency's acceptance logit.",
        "mechanism",
        "assumption (grant allocation: Hoyla et al. 2016)",
    ),
    _p(
        "government.awareness",
        0.5,
        0,
        1,
        "probability / year",
        "Chance per year and unit of coordination that an agency learns of a ward's plan through musrenbang.",
        "enabler",
    ),
    _p(
        "government.awareness_forgetting",
        0.1,
        0,
        1,
        "probability / year",
        "Chance per year an agency with no live partnership forgets a ward (staff rotation), times (1 - coordination).",
        "obstacle",
    ),
    _p(
        "government.payment_lag",
        1,
        0,
        3,
        "years",
        "Years between acceptance and payment (musrenbang and APBD cycle).",
        "obstacle",
        "src: APBD funding lags the planning round by a year",
    ),
    _p(
        "government.preferred_forms",
        0.75,
        0,
        1,
        "probability",
        "Chance an agency's mandate covers a given aid form.",
        "obstacle",
    ),
    # --- firms -------------------------------------------------------------
    _p("firms.n", 10, 0, 5000, "firms", "Firms with CSR budgets in reach of the wards.", "structure"),
    _p(
        "firms.csr_budget_per_ward",
        60.0,
        0,
        10000,
        "Rp million / ward / year",
        "Yearly CSR budget of all firms together, per ward.",
        "obstacle",
    ),
    _p(
        "firms.ceiling",
        175.0,
        1,
        10000,
        "Rp million / proposal",
        "Most a firm grants to one proposal (donor constraint).",
        "obstacle",
        "src: regional bank ~Rp 172 m for 17 toilets",
    ),
    _p(
        "firms.responsiveness",
        0.35,
        0,
        1,
        "probability",
        "Chance an aware firm answers a proposal at all ('few institutions respond').",
        "obstacle",
    ),
    _p("firms.acceptance_bias", -0.5, -10, 10, "logit", "Intercept of a firm's acceptance logit.", "mechanism"),
    _p(
        "firms.preferred_forms",
        0.5,
        0,
        1,
        "probability",
        "Chance a firm's CSR policy covers a given aid form (donor constraint).",
        "obstacle",
    ),
    _p(
        "firms.awareness_forgetting",
        0.1,
        0,
        1,
        "probability / year",
        "Chance per year a firm with no live partnership forgets a ward's programme (staff turnover).",
        "obstacle",
    ),
    _p(
        "firms.share_state",
        0.2,
        0,
        1,
        "share",
        "Share of state firms (partnership programme up to 2% of net profit).",
        "structure",
        "src: state-firm partnership rules",
    ),
    _p("firms.share_bank", 0.2, 0, 1, "share", "Share of regional banks.", "structure"),
    _p(
        "firms.share_resource",
        0.2,
        0,
        1,
        "share",
        "Share of natural-resource firms with mandatory CSR.",
        "structure",
        "src: Law 40/2007 art. 74",
    ),
    _p("firms.share_private", 0.4, 0, 1, "share", "Share of other private firms.", "structure"),
    _p(
        "firms.mandatory_factor",
        1.5,
        0,
        10,
        "x",
        "Budget and responsiveness multiplier of natural-resource firms (mandatory CSR); "
        "budget multiplier of state firms.",
        "mechanism",
    ),
    _p(
        "firms.private_factor",
        0.6,
        0,
        10,
        "x",
        "Budget and responsiveness multiplier of other private firms (voluntary CSR).",
        "mechanism",
    ),
    # --- marketing ---------------------------------------------------------
    _p(
        "marketing.innovation",
        0.5,
        0,
        1,
        "probability / year",
        "Bass innovation coefficient p: awareness per unit of marketing (effort x skill).",
        "mechanism",
        "assumption (Bass 1969)",
    ),
    _p(
        "marketing.imitation",
        0.2,
        0,
        1,
        "probability / year",
        "Bass imitation coefficient q: awareness from partners already aware of the ward.",
        "mechanism",
        "assumption (Bass 1969)",
    ),
    # --- trust -------------------------------------------------------------
    _p(
        "trust.initial",
        0.5,
        0,
        1,
        "-",
        "Initial and baseline trust between a BKM and a partner (study enabler 2).",
        "enabler",
        "assumption (Mayer, Davis & Schoorman 1995)",
    ),
    _p(
        "trust.learn_success",
        0.15,
        0,
        1,
        "-",
        "Trust learning rate after a good outcome.",
        "mechanism",
        "assumption (Slovic 1993)",
    ),
    _p(
        "trust.learn_failure",
        0.4,
        0,
        1,
        "-",
        "Trust learning rate after a failed outcome (negativity bias: larger than for success).",
        "mechanism",
        "assumption (Slovic 1993; Poortinga & Pidgeon 2004)",
    ),
    _p(
        "trust.forgetting",
        0.1,
        0,
        1,
        "1 / year",
        "Drift of trust back toward its baseline in a year without contact.",
        "mechanism",
        "assumption (Josang & Ismail 2002)",
    ),
    _p(
        "trust.refusal_penalty",
        0.05,
        0,
        1,
        "-",
        "Loss of the BKM's trust in a partner that refuses or ignores a proposal.",
        "mechanism",
    ),
    _p(
        "trust.end_threshold",
        0.25,
        0,
        1,
        "-",
        "A partner ends the partnership when its trust in the BKM falls below this.",
        "mechanism",
    ),
    # --- acceptance --------------------------------------------------------
    _p(
        "acceptance.trust_weight",
        3.0,
        0,
        20,
        "logit / unit",
        "Weight of the funder's trust in the BKM in the acceptance logit.",
        "mechanism",
        "assumption (Gorobets & Nooteboom 2006)",
    ),
    _p(
        "acceptance.fit_weight",
        2.0,
        0,
        20,
        "logit / unit",
        "Weight of fit with the funder's preferred aid forms.",
        "mechanism",
    ),
    _p(
        "acceptance.quality_weight",
        2.0,
        0,
        20,
        "logit / unit",
        "Weight of proposal quality Q = 0.4 capacity + 0.3 marketing skill + 0.3 facilitation.",
        "mechanism",
    ),
    _p(
        "acceptance.coordination_weight",
        1.5,
        0,
        20,
        "logit / unit",
        "Weight of BKM-government coordination (government route only).",
        "mechanism",
    ),
    _p(
        "acceptance.quality_capacity",
        0.4,
        0,
        1,
        "share",
        "Weight of BKM capacity in proposal quality Q.",
        "mechanism",
    ),
    _p(
        "acceptance.quality_skill",
        0.3,
        0,
        1,
        "share",
        "Weight of marketing-team skill in proposal quality Q.",
        "mechanism",
    ),
    _p(
        "acceptance.quality_facilitation",
        0.3,
        0,
        1,
        "share",
        "Weight of facilitation (facilitators help write proposals) in proposal quality Q.",
        "mechanism",
    ),
    _p(
        "acceptance.unpreferred_fit",
        0.2,
        0,
        1,
        "-",
        "Fit of an aid form outside a partner's mandate or CSR policy (preferred forms have fit 1).",
        "obstacle",
    ),
    # --- partnership -------------------------------------------------------
    _p(
        "partnership.lapse_years",
        2,
        1,
        20,
        "years",
        "A partnership ends after this many years without accepted or delivered aid.",
        "mechanism",
    ),
    _p(
        "partnership.continuation_bonus",
        3.0,
        0,
        50,
        "x",
        "Extra weight a BKM gives to partners it already works with when choosing where to send a proposal.",
        "enabler",
    ),
    _p(
        "partnership.trust_floor",
        0.05,
        0,
        1,
        "-",
        "Floor added to the BKM's trust in partner choice, so a known partner it distrusts can still be asked.",
        "mechanism",
    ),
    _p(
        "partnership.repeat_factor",
        0.2,
        0,
        1,
        "x",
        "Weight factor for asking the same partner again in the same year.",
        "mechanism",
    ),
    # --- aid forms ---------------------------------------------------------
    _p(
        "aid.size_physical",
        120.0,
        1,
        10000,
        "Rp million",
        "Mean amount asked for a physical item (buildings, toilets, water).",
        "mechanism",
        "assumption (CSR ~Rp 10 m per toilet)",
    ),
    _p(
        "aid.size_money",
        40.0,
        1,
        10000,
        "Rp million",
        "Mean amount asked as money aid (revolving fund, zakat).",
        "mechanism",
    ),
    _p(
        "aid.size_programme",
        60.0,
        1,
        10000,
        "Rp million",
        "Mean value of a programme (training, health, education services).",
        "mechanism",
    ),
    _p(
        "aid.size_event",
        20.0,
        1,
        10000,
        "Rp million",
        "Mean value of aid in an event (festival, exhibition).",
        "mechanism",
    ),
    _p("aid.size_sigma", 0.5, 0, 3, "log units", "Spread (lognormal sigma) of amounts asked.", "mechanism"),
    _p(
        "aid.cost_physical",
        1.10,
        1,
        5,
        "Rp budget / Rp aid",
        "Funder budget used per rupiah of physical aid (procurement overhead).",
        "mechanism",
    ),
    _p("aid.cost_money", 1.00, 1, 5, "Rp budget / Rp aid", "Funder budget used per rupiah of money aid.", "mechanism"),
    _p(
        "aid.cost_programme",
        1.15,
        1,
        5,
        "Rp budget / Rp aid",
        "Funder budget used per rupiah of programme aid (staff time).",
        "mechanism",
    ),
    _p(
        "aid.cost_event",
        1.25,
        1,
        5,
        "Rp budget / Rp aid",
        "Funder budget used per rupiah of event aid (staff time, logistics).",
        "mechanism",
    ),
    _p(
        "aid.delivery_min",
        0.3,
        0,
        1,
        "probability",
        "Chance that aid succeeds even with the weakest BKM; rises linearly to 1 with the BKM's relevant quality.",
        "mechanism",
    ),
    _p(
        "aid.programme_capacity_gain",
        0.05,
        0,
        1,
        "capacity / Rp 100 m",
        "Capacity gained (toward 1) from successful programme aid.",
        "mechanism",
    ),
    _p(
        "aid.event_awareness_gain",
        0.3,
        0,
        1,
        "effort",
        "Extra marketing effort in the following year from a successful event.",
        "mechanism",
    ),
    _p(
        "aid.physical_managing_body_weight",
        0.7,
        0,
        1,
        "share",
        "Weight of the managing body (vs capacity) in the success of physical aid and grant-built assets.",
        "mechanism",
    ),
    _p(
        "aid.money_managing_body_weight",
        0.5,
        0,
        1,
        "share",
        "Weight of the managing body (vs capacity) in the success of money aid.",
        "mechanism",
    ),
    # --- assets ------------------------------------------------------------
    _p(
        "assets.decay",
        0.12,
        0,
        1,
        "condition / year",
        "Loss of asset condition per year without upkeep.",
        "mechanism",
        "assumption (Mansuri & Rao 2013)",
    ),
    _p(
        "assets.upkeep_rate",
        0.04,
        0,
        1,
        "share of value / year",
        "Yearly upkeep need as a share of asset value.",
        "mechanism",
    ),
    _p(
        "assets.fee_yield",
        0.10,
        0,
        1,
        "share of value / year",
        "User fees a fully effective managing body collects per rupiah of working assets.",
        "mechanism",
        "assumption (Kraton Kidul: fees unpaid)",
    ),
    *_lever_params(),
)
"""Every parameter of the model, in display order."""

BY_NAME: dict[str, Param] = {p.name: p for p in PARAMETERS}
BY_KEY: dict[str, Param] = {p.key: p for p in PARAMETERS}

SHARE_GROUPS: dict[str, tuple[str, ...]] = {
    "wards maturity shares": tuple(f"wards.share_{m.replace(' ', '_')}" for m in MATURITY_LEVELS),
    "wards plan mix": tuple(f"wards.mix_{f}" for f in AID_FORMS),
    "proposal quality weights": (
        "acceptance.quality_capacity",
        "acceptance.quality_skill",
        "acceptance.quality_facilitation",
    ),
    "firm kind shares": ("firms.share_state", "firms.share_bank", "firms.share_resource", "firms.share_private"),
}
"""Groups of share parameters that must sum to 1."""

LEVERS: tuple[str, ...] = tuple(_LEVERS)
"""Names of the policy levers (``levers.<name>``, ``_start``, ``_cost``)."""


def defaults() -> dict[str, float | int | bool]:
    """Return the default value of every parameter, keyed by dotted name."""
    return {p.name: p.default for p in PARAMETERS}


def lookup(name: str) -> Param | None:
    """Find a parameter by dotted name or keyword name.

    Args:
        name: ``section.key`` or ``section_key``.

    Returns:
        The parameter, or None when no parameter has that name.
    """
    return BY_NAME.get(name) or BY_KEY.get(name)


def markdown_table() -> str:
    """Render the registry as the Markdown table of ``docs/parameters.md``."""
    lines = [
        "# Model parameters",
        "",
        "Generated from `simulator/params.py` by `plpbk params --markdown`; a test keeps",
        "this file equal to the registry. In a scenario file a parameter `section.key` is",
        "written as `key = value` under the table `[section]`; on the command line as",
        "`--set section.key=value`; in Python as the keyword `section_key`.",
        "",
        "| name | meaning | unit | default | range | role | source |",
        "|---|---|---|---|---|---|---|",
    ]
    for p in PARAMETERS:
        lines.append(
            f"| `{p.name}` | {p.meaning} | {p.unit} | {_fmt(p.default)} | {p.range_text} | {p.role} | {p.source} |"
        )
    lines += [
        "",
        "Share groups that must each sum to 1: "
        + "; ".join(f"{g} ({', '.join(f'`{n}`' for n in names)})" for g, names in SHARE_GROUPS.items())
        + ".",
        "",
        "Fixed structural tables (not scenario parameters): maturity bands "
        + ", ".join(f"{k} {lo}-{hi}" for k, (lo, hi) in MATURITY_BANDS.items())
        + "; agency kinds "
        + ", ".join(GOV_SECTORS)
        + "; firm kinds "
        + ", ".join(FIRM_KINDS)
        + ".",
        "",
    ]
    return "\n".join(lines)
