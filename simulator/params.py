"""The one parameter registry of the PLPBK partnership model.

Every parameter the model reads is declared here once: its name (``section.key``,
as written in a scenario file), meaning, unit, default, allowed range, role and
source. The model, scenario validation, the ``plpbk params`` command, the
dashboard's sliders and ``docs/parameters.md`` all read this table. The short
label of each parameter in English and Bahasa Indonesia is here too
(:data:`PARAM_LABELS`), read through the text layer (:mod:`simulator.i18n`).

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

Kind = Literal["float", "int", "bool", "choice"]
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
        kind: Value type: float, int, bool, or choice (one of ``choices``).
        choices: The allowed values of a choice parameter (the first is the default).
    """

    name: str
    default: float | int | bool | str
    low: float
    high: float
    unit: str
    meaning: str
    role: Role
    source: str = "assumption"
    kind: Kind = "float"
    choices: tuple[str, ...] = ()

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
        if self.kind == "choice":
            return " | ".join(self.choices)
        return f"[{_fmt(self.low)}, {_fmt(self.high)}]"


def _fmt(x: float | int | bool | str) -> str:
    if isinstance(x, str):
        return x
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


def _choice(name: str, choices: tuple[str, ...], meaning: str, source: str = "assumption") -> Param:
    return Param(name, choices[0], 0, len(choices) - 1, "-", meaning, "structure", source, "choice", choices)


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
        "lowers the chance that a board election turns the team over.",
        10.0,
    ),
    "facilitation": (
        "Extra government facilitation (pendampingan) after the programme's facilitators "
        "leave: adds to facilitation intensity.",
        25.0,
    ),
    "csr_forum": (
        "A CSR forum of firms and the local government: raises firms' awareness of the "
        "programme and their responsiveness to proposals. One forum per regency/city, so it is costed "
        "per regency, not per ward.",
        100.0,
    ),
}

LEVER_COST_UNIT: dict[str, str] = {lever: "regency" if lever == "csr_forum" else "ward" for lever in _LEVERS}
"""What each lever's unit cost (``levers.<lever>_cost``) is paid for, every year it acts: ``ward`` (one per
ward, e.g. a BKM's training) or ``regency`` (one per regency/city, e.g. the CSR forum its government runs)."""


_LEVER_EFFECTS = (
    (
        "levers.marketing_push_training",
        0.1,
        "1 / year",
        "Yearly gain of marketing-team skill (toward 1) per unit of marketing push.",
    ),
    (
        "levers.consistent_team_effect",
        0.8,
        "share",
        "Share of BKM turnover prevented at consistent-team size 1.",
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
                f"Rp million / {LEVER_COST_UNIT[lever]} / year at size 1",
                f"Public cost of the {lever.replace('_', ' ')} lever per {LEVER_COST_UNIT[lever]} and year "
                "(scales with size).",
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
    _p(
        "time.grant_year",
        2008,
        1990,
        2100,
        "year",
        "Calendar year the wards' programme (its BLM grant) began. Used only by a run that starts from a "
        "ward status (status_csv): it starts that many years into the programme, so facilitation, the grant "
        "and plan calendars follow the programme's age; a run without a status starts with the grant.",
        "structure",
        "src: PLPBK began in 2008",
    ),
    # --- structure: which submodel (see docs/ODD.md, "Structural alternatives") ----
    _choice(
        "structure.trust",
        ("learned", "symmetric", "fixed"),
        "How trust changes: learned from deliveries and reports with a negativity bias and spread by "
        "reputation (learned); the same with equal rates for good and bad outcomes (symmetric); or never (fixed).",
        "assumption (learned: Slovic 1993; Josang & Ismail 2002; Granovetter 1985)",
    ),
    _choice(
        "structure.renewal",
        ("decision", "lapse", "permanent"),
        "How partnerships end: each year the partner decides to renew, scale down or leave (decision); a "
        "bookkeeping rule ends them after partnership.lapse_years without aid or when trust falls below "
        "trust.end_threshold (lapse); or they never end and are renewed every year within the partner's "
        "budget (permanent).",
        "assumption (decision: Ring & Van de Ven 1994; Gulati 1995)",
    ),
    _choice(
        "structure.upkeep",
        ("condition", "fixed_decay"),
        "How assets age: upkeep need grows as condition falls and paid upkeep repairs (condition); or "
        "condition falls by a fixed decay softened by the paid share of a fixed upkeep (fixed_decay).",
        "assumption (condition: Mansuri & Rao 2013)",
    ),
    _choice(
        "structure.enablers",
        ("complementary", "additive", "substitutes"),
        "How trust, coordination and marketing-team skill combine into the enabler index of acceptance: a "
        "weighted geometric mean, so each needs the others (complementary); a weighted sum (additive); or "
        "one minus the weighted geometric mean of their shortfalls, so any one can stand in for the others "
        "(substitutes).",
        "assumption (study: the enablers act together)",
    ),
    _choice(
        "structure.demand",
        ("market", "flat"),
        "How many users pay fees: users rise with the ward's market access and the assets' condition (market); "
        "or every rupiah of assets has the same users wherever it stands (flat).",
        "assumption (market: the Kraton Kidul record)",
    ),
    _choice(
        "structure.awareness",
        ("gated", "open"),
        "Which institutions can hear of the programme: a firm's CSR desk must first take notice of the "
        "programme (marketing in its region, a CSR forum) before it can learn of any ward (gated); or every "
        "institution in reach knows every ward from the start, so few respond only because few answer (open).",
        "assumption (gated: the study's obstacle 'few institutions respond')",
    ),
    # --- structure ---------------------------------------------------------
    _p(
        "wards.n",
        20,
        1,
        25000,
        "wards",
        "Number of wards, each with one BKM (replaced by the row count when a wards CSV is given).",
        "structure",
    ),
    _p(
        "wards.regions",
        1,
        1,
        1000,
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
        "Items in each ward's 5-year plan (RTPLP) when it is drawn up; unfunded items expire when the plan is renewed.",
        "structure",
    ),
    _p(
        "wards.plan_years",
        5,
        1,
        50,
        "years",
        "Years between plan (RTPLP) renewals; at a renewal unfunded items expire and a new plan is drawn up.",
        "structure",
        "src: the RTPLP is a 5-year plan",
    ),
    _p(
        "wards.plan_renewal",
        1.0,
        0,
        50,
        "items / ward / year",
        "Items a ward adds to its plan each year between renewals (recurring events, urgent needs); they expire "
        "with the plan.",
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
        "Standard deviation of ward-level draws around the means of skill, coordination, managing body and "
        "market access.",
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
    _p(
        "grant.planning_year",
        1,
        1,
        20,
        "programme year",
        "Programme year in which the planning tranche (BLM1) is paid (year 1 is the first simulated year).",
        "grant",
        "src: Kebondalem BLM1 in the first year",
    ),
    _p(
        "grant.planning_projects",
        2.0,
        0,
        50,
        "projects",
        "Practice the planning year gives a BKM (community meetings, mapping, the RTPLP), in projects.",
        "grant",
    ),
    _p(
        "grant.marketing_year",
        2,
        1,
        20,
        "programme year",
        "Programme year in which the marketing tranche is paid; it is spent over grant.marketing_span years.",
        "grant",
        "src: Kebondalem BLM2",
    ),
    _p(
        "grant.marketing_span",
        2,
        1,
        20,
        "years",
        "Years over which the marketing tranche is spent.",
        "grant",
    ),
    _p(
        "grant.implementation_1_year",
        2,
        1,
        20,
        "programme year",
        "Programme year of the first implementation tranche (BLM2).",
        "grant",
        "src: Kebondalem BLM2",
    ),
    _p(
        "grant.implementation_2_year",
        3,
        1,
        20,
        "programme year",
        "Programme year of the second implementation tranche (BLM3) and the local co-funding; the grant ends with it.",
        "grant",
        "src: Kebondalem BLM3",
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
        "programme.kotaku",
        False,
        0,
        1,
        "-",
        "Whether the programme moves into KOTAKU in programme.kotaku_year, which brings facilitation back.",
        "structure",
        "src: PLPBK continued inside KOTAKU from 2016",
    ),
    _p(
        "programme.kotaku_year",
        2016,
        1990,
        2100,
        "year",
        "Year the programme moves into KOTAKU (when programme.kotaku is on).",
        "structure",
        "src: KOTAKU from 2016",
    ),
    _p(
        "programme.kotaku_facilitation",
        0.5,
        0,
        1,
        "-",
        "Facilitation intensity KOTAKU's facilitators bring from programme.kotaku_year on.",
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
        "bkm.reporting_coordination_weight",
        0.5,
        0,
        1,
        "share",
        "Weight of coordination (vs capacity) in the chance a BKM reports to each live partner in a year "
        "(accountability report): P = (1 - w) capacity + w coordination.",
        "mechanism",
    ),
    _p(
        "bkm.practice_weight",
        0.5,
        0,
        1,
        "-",
        "Weight of practice (vs facilitation and strengthening, weight 1) in capacity growth.",
        "mechanism",
        "assumption (capability trap: Repenning & Sterman 2002)",
    ),
    _p(
        "bkm.term_years",
        3,
        1,
        20,
        "years",
        "Years between BKM board elections; each ward's first election falls at random within the first term.",
        "structure",
        "assumption (BKM members are elected for fixed terms)",
    ),
    _p(
        "bkm.turnover",
        0.3,
        0,
        1,
        "probability",
        "Chance an election replaces most of the management team (a turnover).",
        "obstacle",
    ),
    _p(
        "bkm.turnover_skill_loss",
        0.5,
        0,
        1,
        "share",
        "Share of the marketing team's skill lost in a turnover.",
        "obstacle",
    ),
    _p(
        "bkm.turnover_capacity_loss",
        0.2,
        0,
        1,
        "share",
        "Share of BKM capacity lost in a turnover (experience, routines).",
        "obstacle",
    ),
    _p(
        "bkm.turnover_tie_loss",
        0.3,
        0,
        1,
        "share",
        "Share of the way back to baseline trust that partners' trust in the BKM (and its trust in them) "
        "falls in a turnover: new people, new ties.",
        "obstacle",
    ),
    _p(
        "bkm.turnover_partnership_loss",
        0.4,
        0,
        1,
        "probability",
        "Chance that each live partnership of a BKM ends when its board turns over: the new team does not "
        "carry the agreement on (not under structure.renewal = permanent).",
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
        "How much the managing body's target depends on BKM capacity: E* = B (1 - w + w c).",
        "mechanism",
    ),
    # --- government --------------------------------------------------------
    _p(
        "government.agencies",
        6,
        0,
        20000,
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
        "government.awareness_facilitation_share",
        0.5,
        0,
        1,
        "share",
        "Share of the musrenbang awareness channel that depends on facilitation: chance = awareness x "
        "coordination x (1 - w + w facilitation).",
        "mechanism",
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
    _p(
        "government.election_years",
        5,
        1,
        20,
        "years",
        "Years between regional elections (pilkada); each reshuffles agencies' priorities, mandates and awareness.",
        "structure",
        "src: 5-year regional head terms",
    ),
    _p(
        "government.first_election",
        2010,
        1990,
        2100,
        "year",
        "Year of the first regional election in the run.",
        "structure",
        "assumption (Central Java regencies held elections in 2010 and 2015)",
    ),
    _p(
        "government.priority_spread",
        0.5,
        0,
        5,
        "logit",
        "Standard deviation of an agency's priority for community proposals, redrawn at each election: it shifts "
        "the agency's acceptance logit and its share of the region's budget.",
        "obstacle",
    ),
    _p(
        "government.election_awareness_loss",
        0.3,
        0,
        1,
        "probability",
        "Chance an agency without a live partnership forgets a ward's programme at an election (new officials).",
        "obstacle",
    ),
    _p(
        "government.mandate_change",
        0.25,
        0,
        1,
        "probability",
        "Chance an election redraws an agency's mandate (which aid forms it funds).",
        "obstacle",
    ),
    # --- firms -------------------------------------------------------------
    _p("firms.n", 10, 0, 20000, "firms", "Firms with CSR budgets in reach of the wards.", "structure"),
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
        "firms.notice_rate",
        0.3,
        0,
        1,
        "probability / year",
        "Under structure.awareness = gated: yearly chance a firm's CSR desk takes notice of the programme when "
        "every ward in its reach markets at full effort and skill (scales with their mean marketing).",
        "obstacle",
    ),
    _p(
        "firms.outside_reach",
        0.15,
        0,
        1,
        "x",
        "How far a firm reaches outside its home region: multiplies its chance of learning of a ward there and "
        "of answering that ward's proposals (1 = no preference for its own region).",
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
        0.35,
        0,
        1,
        "-",
        "Initial and baseline trust between a BKM and a partner (study enabler 2): partners start cautious and "
        "trust is earned.",
        "enabler",
        "assumption (Mayer, Davis & Schoorman 1995)",
    ),
    _p(
        "trust.learn_success",
        0.2,
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
        "trust.learn_report",
        0.15,
        0,
        1,
        "-",
        "Trust learning rate from the BKM's yearly accountability report to a live partner (a report is a good "
        "outcome, a missing one a bad one).",
        "mechanism",
        "assumption (accountability builds trust: Ring & Van de Ven 1994)",
    ),
    _p(
        "trust.reputation_spread",
        0.8,
        0,
        1,
        "share",
        "How strongly partners of the same region learn from what other partners saw of a BKM (forum, "
        "musrenbang), relative to their own experience; 0 keeps trust within the pair.",
        "enabler",
        "assumption (embeddedness: Granovetter 1985)",
    ),
    _p(
        "trust.forgetting",
        0.05,
        0,
        1,
        "1 / year",
        "Drift of trust back toward its baseline in a year without contact (at coordination 0).",
        "mechanism",
        "assumption (Josang & Ismail 2002)",
    ),
    _p(
        "trust.coordination_memory",
        0.5,
        0,
        1,
        "share",
        "Share of trust forgetting that full BKM coordination prevents (regular contact keeps ties warm).",
        "mechanism",
    ),
    _p(
        "trust.refusal_penalty",
        0.05,
        0,
        1,
        "-",
        "Loss of the BKM's trust in a partner that refuses a proposal (as a share of the trust held).",
        "mechanism",
    ),
    _p(
        "trust.ignore_penalty",
        0.025,
        0,
        1,
        "-",
        "Loss of the BKM's trust in a partner that never answers a proposal (as a share of the trust held).",
        "mechanism",
    ),
    _p(
        "trust.end_threshold",
        0.25,
        0,
        1,
        "-",
        "Under structure.renewal = lapse: a partner ends the partnership when its trust in the BKM falls below this.",
        "mechanism",
    ),
    # --- acceptance --------------------------------------------------------
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
        "Weight of proposal quality Q (BKM capacity and facilitation) in the acceptance logit.",
        "mechanism",
    ),
    _p(
        "acceptance.enabler_weight",
        5.0,
        0,
        20,
        "logit / unit",
        "Weight of the enabler index (trust, coordination, marketing-team skill; see structure.enablers) in the "
        "acceptance logit.",
        "mechanism",
        "assumption (Gorobets & Nooteboom 2006)",
    ),
    _p(
        "acceptance.partner_bonus",
        1.0,
        0,
        20,
        "logit",
        "Acceptance logit added for a proposal to a partner already in a live partnership with the BKM "
        "(times the partnership's scale).",
        "mechanism",
        "assumption (repeated ties: Gulati 1995)",
    ),
    _p(
        "acceptance.quality_capacity",
        0.6,
        0,
        1,
        "share",
        "Weight of BKM capacity in proposal quality Q.",
        "mechanism",
    ),
    _p(
        "acceptance.quality_facilitation",
        0.4,
        0,
        1,
        "share",
        "Weight of facilitation (facilitators help write proposals) in proposal quality Q.",
        "mechanism",
    ),
    _p(
        "enablers.trust_share",
        0.4,
        0,
        1,
        "share",
        "Weight of the funder's trust in the BKM in the enabler index.",
        "mechanism",
    ),
    _p(
        "enablers.coordination_share",
        0.3,
        0,
        1,
        "share",
        "Weight of the BKM's communication and coordination in the enabler index.",
        "mechanism",
    ),
    _p(
        "enablers.skill_share",
        0.3,
        0,
        1,
        "share",
        "Weight of the marketing team's skill (a team that understands the concept) in the enabler index.",
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
        "Under structure.renewal = lapse: a partnership ends after this many years without accepted or delivered aid.",
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
    # --- renewal -----------------------------------------------------------
    _p(
        "renewal.bias",
        1.0,
        -10,
        10,
        "logit",
        "Intercept of a partner's yearly renewal logit (at trust, reporting, fit and budget of 1/2).",
        "mechanism",
        "assumption (relational contracting: Ring & Van de Ven 1994)",
    ),
    _p(
        "renewal.trust_weight",
        6.0,
        0,
        20,
        "logit / unit",
        "Weight of the partner's trust in the BKM in its renewal logit.",
        "mechanism",
        "assumption (Gulati 1995)",
    ),
    _p(
        "renewal.report_weight",
        1.0,
        0,
        20,
        "logit / unit",
        "Weight of this year's accountability report (1 if the BKM reported, 0 if not) in the renewal logit.",
        "mechanism",
    ),
    _p(
        "renewal.fit_weight",
        1.0,
        0,
        20,
        "logit / unit",
        "Weight of the partnership's fit with the partner's current priorities (its mandate or CSR focus) in the "
        "renewal logit.",
        "mechanism",
    ),
    _p(
        "renewal.budget_weight",
        1.0,
        0,
        20,
        "logit / unit",
        "Weight of the share of the partner's yearly budget left in the renewal logit.",
        "mechanism",
        "assumption (grant allocation: Hoyla et al. 2016)",
    ),
    _p(
        "renewal.scale_down_share",
        0.5,
        0,
        1,
        "share",
        "Share of the partnerships a partner does not renew that it scales down instead of leaving.",
        "mechanism",
    ),
    _p(
        "renewal.scale_down",
        0.5,
        0,
        1,
        "x",
        "Factor by which scaling down multiplies a partnership's scale (and so its acceptance bonus and ceiling).",
        "mechanism",
    ),
    _p(
        "renewal.min_scale",
        0.3,
        0,
        1,
        "-",
        "A partnership scaled below this ends (the partner has quietly left).",
        "mechanism",
    ),
    _p(
        "renewal.backstop_years",
        4,
        1,
        20,
        "years",
        "Under structure.renewal = decision: a partnership with no accepted or delivered aid for this many years "
        "ends even if renewed (backstop).",
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
        0.0005,
        0,
        0.01,
        "capacity / Rp million",
        "Capacity gained (toward 1) per Rp million of successful programme aid.",
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
    _p(
        "aid.event_coordination_weight",
        0.5,
        0,
        1,
        "share",
        "Weight of coordination (vs marketing-team skill) in the success of aid in events.",
        "mechanism",
    ),
    # --- assets ------------------------------------------------------------
    _p(
        "assets.decay",
        0.12,
        0,
        1,
        "condition / year",
        "Wear: loss of asset condition per year without upkeep.",
        "mechanism",
        "assumption (Mansuri & Rao 2013)",
    ),
    _p(
        "assets.upkeep_rate",
        0.04,
        0,
        1,
        "share of value / year",
        "Yearly upkeep need of assets in full condition, as a share of their value.",
        "mechanism",
    ),
    _p(
        "assets.upkeep_growth",
        1.0,
        0,
        10,
        "x",
        "How much the upkeep need grows as condition falls: need = rate x value x (1 + growth x (1 - condition)).",
        "mechanism",
        "assumption (deferred maintenance costs more)",
    ),
    _p(
        "assets.repair_rate",
        0.3,
        0,
        1,
        "1 / year",
        "Share of the lost condition that fully paid, fully effective upkeep restores in a year.",
        "mechanism",
    ),
    _p(
        "assets.upkeep_managing_body_weight",
        0.5,
        0,
        1,
        "share",
        "How much upkeep's effect depends on the managing body: effectiveness = 1 - w + w E.",
        "mechanism",
        "assumption (Ostrom 1990)",
    ),
    _p(
        "assets.rehab_share",
        0.5,
        0,
        1,
        "share",
        "Most of a physical aid delivery that goes to rehabilitating worn assets before new ones are built.",
        "mechanism",
    ),
    # --- demand --------------------------------------------------------------
    _p(
        "demand.market_access",
        0.6,
        0,
        1,
        "-",
        "Mean market access of wards' assets (location, buyers, visitors); drawn per ward, or the wards CSV's "
        "market_access column.",
        "obstacle",
        "assumption (Kraton Kidul: stalls off the main road, few buyers)",
    ),
    _p(
        "demand.users_per_asset",
        0.2,
        0,
        10,
        "users / Rp million",
        "Users (vendors, households, visitors' groups) per Rp million of assets at full market access and condition.",
        "mechanism",
    ),
    _p(
        "demand.willingness_to_pay",
        0.5,
        0,
        100,
        "Rp million / user / year",
        "Fee a user agrees to pay per year.",
        "mechanism",
        "assumption (stall rent of about Rp 40 thousand a month)",
    ),
    _p(
        "demand.collection_min",
        0.2,
        0,
        1,
        "share",
        "Share of agreed fees collected by the weakest managing body; collection = min + (1 - min) E.",
        "mechanism",
        "assumption (Ostrom 1990; Kraton Kidul: fees unpaid)",
    ),
    *_lever_params(),
)
"""Every parameter of the model, in display order."""

BY_NAME: dict[str, Param] = {p.name: p for p in PARAMETERS}
BY_KEY: dict[str, Param] = {p.key: p for p in PARAMETERS}

SHARE_GROUPS: dict[str, tuple[str, ...]] = {
    "wards maturity shares": tuple(f"wards.share_{m.replace(' ', '_')}" for m in MATURITY_LEVELS),
    "wards plan mix": tuple(f"wards.mix_{f}" for f in AID_FORMS),
    "proposal quality weights": ("acceptance.quality_capacity", "acceptance.quality_facilitation"),
    "enabler index weights": ("enablers.trust_share", "enablers.coordination_share", "enablers.skill_share"),
    "firm kind shares": ("firms.share_state", "firms.share_bank", "firms.share_resource", "firms.share_private"),
}
"""Groups of share parameters that must sum to 1."""

LEVERS: tuple[str, ...] = tuple(_LEVERS)
"""Names of the policy levers (``levers.<name>``, ``_start``, ``_cost``)."""

# --------------------------------------------------------------------------- labels

_LEVER_NAMES: dict[str, tuple[str, str]] = {
    "marketing_push": ("Marketing push", "Dorongan pemasaran"),
    "strengthening": ("BKM strengthening", "Penguatan BKM"),
    "consistent_team": ("Consistent management team", "Tim pengelola yang konsisten"),
    "facilitation": ("Extra facilitation", "Fasilitasi tambahan"),
    "csr_forum": ("CSR forum", "Forum CSR"),
}
"""Display name of each policy lever in English and Indonesian (its parameters' labels start with it)."""

PARAM_LABELS: dict[str, tuple[str, str]] = {
    # time
    "time.start_year": ("First simulated year", "Tahun awal simulasi"),
    "time.years": ("Simulated years", "Lama simulasi"),
    "time.grant_year": ("Year the programme began", "Tahun program dimulai"),
    # structure: submodels
    "structure.trust": ("How trust changes", "Cara kepercayaan berubah"),
    "structure.renewal": ("How partnerships end", "Cara kemitraan berakhir"),
    "structure.upkeep": ("How assets age", "Cara aset menua"),
    "structure.enablers": ("How the enablers combine", "Cara faktor pendukung berpadu"),
    "structure.demand": ("How many users pay fees", "Jumlah pemanfaat yang membayar iuran"),
    "structure.awareness": ("Who can hear of the programme", "Siapa yang dapat mengetahui program"),
    # wards
    "wards.n": ("Wards", "Jumlah kelurahan"),
    "wards.regions": ("Regencies/cities", "Jumlah kabupaten/kota"),
    "wards.share_tidak_berdaya": ("Share starting 'tidak berdaya'", "Proporsi status awal tidak berdaya"),
    "wards.share_berdaya": ("Share starting 'berdaya'", "Proporsi status awal berdaya"),
    "wards.share_mandiri": ("Share starting 'mandiri'", "Proporsi status awal mandiri"),
    "wards.share_madani": ("Share starting 'madani'", "Proporsi status awal madani"),
    "wards.plan_items": ("Items in a new plan", "Butir rencana baru"),
    "wards.plan_years": ("Years between plan renewals", "Jangka pembaruan rencana"),
    "wards.plan_renewal": ("Plan items added per year", "Butir rencana tambahan per tahun"),
    "wards.mix_physical": ("Plan share: physical aid", "Proporsi rencana: bantuan fisik"),
    "wards.mix_money": ("Plan share: money aid", "Proporsi rencana: bantuan dana"),
    "wards.mix_programme": ("Plan share: programme aid", "Proporsi rencana: bantuan program"),
    "wards.mix_event": ("Plan share: aid in events", "Proporsi rencana: bantuan acara"),
    "wards.heterogeneity": ("Spread between wards", "Keragaman antarkelurahan"),
    # grant (BLM)
    "grant.planning": ("BLM planning tranche", "BLM tahap perencanaan"),
    "grant.marketing": ("BLM marketing tranche", "BLM tahap pemasaran"),
    "grant.implementation_1": ("BLM implementation tranche 1", "BLM pelaksanaan tahap 1"),
    "grant.implementation_2": ("BLM implementation tranche 2", "BLM pelaksanaan tahap 2"),
    "grant.local_cofunding": ("Local co-funding", "Dana daerah (DDUB)"),
    "grant.absorption_min": ("Tranche spent by the weakest BKM", "Serapan BKM terlemah"),
    "grant.absorption_full": ("Capacity for full spending", "Kapasitas untuk serapan penuh"),
    "grant.marketing_ref": ("Marketing money for full effort", "Dana pemasaran untuk upaya penuh"),
    "grant.planning_year": ("Year of the planning tranche", "Tahun BLM perencanaan"),
    "grant.planning_projects": ("Practice from the planning year", "Praktik dari tahun perencanaan"),
    "grant.marketing_year": ("Year of the marketing tranche", "Tahun BLM pemasaran"),
    "grant.marketing_span": ("Years to spend marketing money", "Lama belanja dana pemasaran"),
    "grant.implementation_1_year": ("Year of implementation tranche 1", "Tahun BLM pelaksanaan 1"),
    "grant.implementation_2_year": ("Year of implementation tranche 2", "Tahun BLM pelaksanaan 2"),
    # programme
    "programme.facilitation_years": ("Years facilitators stay", "Lama fasilitator bertugas"),
    "programme.facilitation_during": ("Facilitation while present", "Fasilitasi selama program"),
    "programme.facilitation_after": ("Facilitation after they leave", "Fasilitasi setelah program"),
    "programme.kotaku": ("Programme moves into KOTAKU", "Program beralih ke KOTAKU"),
    "programme.kotaku_year": ("Year of the move into KOTAKU", "Tahun peralihan ke KOTAKU"),
    "programme.kotaku_facilitation": ("Facilitation under KOTAKU", "Fasilitasi dalam KOTAKU"),
    "programme.marketing_after": ("Marketing kept up after the grant", "Pemasaran setelah BLM"),
    "programme.activity_cost": ("Yearly activity cost", "Biaya kegiatan tahunan"),
    "programme.self_help": ("Community self-help", "Swadaya masyarakat"),
    "programme.sustain_window": ("Years over which funding is judged", "Jangka penilaian pendanaan"),
    "programme.sustain_coverage": ("Coverage a sustained programme needs", "Cakupan pendanaan minimal"),
    "programme.sustain_capacity": ("Capacity a sustained programme needs", "Kapasitas minimal"),
    # BKM
    "bkm.proposals_per_year": ("Proposals per year", "Proposal per tahun"),
    "bkm.proposals_capacity_floor": ("Proposal rate at capacity 0", "Laju proposal pada kapasitas 0"),
    "bkm.proposals_marketing_floor": ("Proposal rate without marketing", "Laju proposal tanpa pemasaran"),
    "bkm.marketing_skill": ("Marketing-team skill", "Keterampilan tim pemasaran"),
    "bkm.coordination": ("BKM-government coordination", "Koordinasi BKM-pemerintah"),
    "bkm.managing_body": ("Managing-body effectiveness", "Efektivitas badan pengelola"),
    "bkm.reporting_coordination_weight": ("Coordination in reporting", "Bobot koordinasi dalam pelaporan"),
    "bkm.practice_weight": ("Weight of practice in learning", "Bobot praktik dalam pembelajaran"),
    "bkm.term_years": ("Years between BKM elections", "Masa jabatan pengurus BKM"),
    "bkm.turnover": ("BKM team turnover at an election", "Pergantian pengurus BKM saat pemilihan"),
    "bkm.turnover_skill_loss": ("Turnover: skill lost", "Pergantian pengurus: keterampilan hilang"),
    "bkm.turnover_capacity_loss": ("Turnover: capacity lost", "Pergantian pengurus: kapasitas hilang"),
    "bkm.turnover_tie_loss": ("Turnover: trust lost", "Pergantian pengurus: kepercayaan hilang"),
    "bkm.turnover_partnership_loss": ("Turnover: partnerships lost", "Pergantian pengurus: kemitraan terputus"),
    "bkm.learning_rate": ("Capacity learning rate", "Laju pembelajaran kapasitas"),
    "bkm.erosion_rate": ("Capacity erosion rate", "Laju penurunan kapasitas"),
    "bkm.practice_ref": ("Projects for full practice", "Proyek untuk praktik penuh"),
    "bkm.overload_projects": ("Projects that overload a BKM", "Batas beban proyek BKM"),
    "bkm.managing_body_adjust": ("Managing-body adjustment speed", "Kecepatan penyesuaian badan pengelola"),
    "bkm.managing_body_capacity_weight": ("Capacity in the managing body", "Bobot kapasitas pada badan pengelola"),
    # government
    "government.agencies": ("Government agencies", "Jumlah dinas"),
    "government.budget_per_ward": ("Agency budget per ward", "Anggaran dinas per kelurahan"),
    "government.ceiling": ("Agency ceiling per proposal", "Batas dinas per proposal"),
    "government.responsiveness": ("Agencies' responsiveness", "Tanggapan dinas"),
    "government.acceptance_bias": ("Agency acceptance bias", "Konstanta penerimaan dinas"),
    "government.awareness": ("Agencies learn of plans", "Dinas mengetahui rencana"),
    "government.awareness_facilitation_share": (
        "Facilitation in musrenbang awareness",
        "Peran fasilitasi dalam musrenbang",
    ),
    "government.awareness_forgetting": ("Agencies forget wards", "Dinas melupakan kelurahan"),
    "government.payment_lag": ("Government payment lag", "Jeda pembayaran pemerintah"),
    "government.preferred_forms": ("Agency mandate covers a form", "Mandat dinas mencakup bentuk"),
    "government.election_years": ("Years between regional elections", "Jangka antarpilkada"),
    "government.first_election": ("First regional election", "Tahun pilkada pertama"),
    "government.priority_spread": ("Agency priorities shift at elections", "Pergeseran prioritas dinas saat pilkada"),
    "government.election_awareness_loss": ("Agencies forget wards at elections", "Dinas lupa kelurahan saat pilkada"),
    "government.mandate_change": ("Elections change agency mandates", "Pilkada mengubah mandat dinas"),
    # firms
    "firms.n": ("CSR firms", "Jumlah perusahaan CSR"),
    "firms.csr_budget_per_ward": ("CSR budget per ward", "Anggaran CSR per kelurahan"),
    "firms.ceiling": ("Firm ceiling per proposal", "Batas perusahaan per proposal"),
    "firms.responsiveness": ("Firms' responsiveness", "Tanggapan perusahaan"),
    "firms.acceptance_bias": ("Firm acceptance bias", "Konstanta penerimaan perusahaan"),
    "firms.preferred_forms": ("CSR policy covers a form", "Kebijakan CSR mencakup bentuk"),
    "firms.awareness_forgetting": ("Firms forget wards", "Perusahaan melupakan kelurahan"),
    "firms.notice_rate": ("Firms notice the programme", "Perusahaan memperhatikan program"),
    "firms.outside_reach": ("Firms' reach outside their region", "Jangkauan perusahaan ke luar wilayahnya"),
    "firms.share_state": ("Share of state firms", "Proporsi BUMN"),
    "firms.share_bank": ("Share of regional banks", "Proporsi bank daerah"),
    "firms.share_resource": ("Share of natural-resource firms", "Proporsi perusahaan sumber daya alam"),
    "firms.share_private": ("Share of other private firms", "Proporsi perusahaan swasta lain"),
    "firms.mandatory_factor": ("Mandatory-CSR multiplier", "Pengali CSR wajib"),
    "firms.private_factor": ("Voluntary-CSR multiplier", "Pengali CSR sukarela"),
    # marketing
    "marketing.innovation": ("Awareness from marketing (Bass p)", "Pengenalan dari pemasaran (Bass p)"),
    "marketing.imitation": ("Awareness from other partners (Bass q)", "Pengenalan dari mitra lain (Bass q)"),
    # trust
    "trust.initial": ("Initial trust", "Kepercayaan awal"),
    "trust.learn_success": ("Trust learning after success", "Laju belajar setelah berhasil"),
    "trust.learn_failure": ("Trust learning after failure", "Laju belajar setelah gagal"),
    "trust.learn_report": ("Trust learning from reports", "Laju belajar dari laporan"),
    "trust.reputation_spread": ("Reputation spreads among partners", "Penyebaran reputasi antarmitra"),
    "trust.forgetting": ("Trust forgetting", "Laju lupa kepercayaan"),
    "trust.coordination_memory": ("Coordination keeps trust", "Koordinasi menjaga kepercayaan"),
    "trust.refusal_penalty": ("Trust lost on a refusal", "Kepercayaan hilang karena penolakan"),
    "trust.ignore_penalty": ("Trust lost on no answer", "Kepercayaan hilang karena tidak ditanggapi"),
    "trust.end_threshold": ("Trust below which partners leave", "Ambang kepercayaan berakhirnya kemitraan"),
    # acceptance and the enabler index
    "acceptance.fit_weight": ("Weight of fit", "Bobot kecocokan"),
    "acceptance.quality_weight": ("Weight of proposal quality", "Bobot mutu proposal"),
    "acceptance.enabler_weight": ("Weight of the enablers", "Bobot faktor pendukung"),
    "acceptance.partner_bonus": ("Bonus for a current partner", "Tambahan untuk mitra aktif"),
    "acceptance.quality_capacity": ("Capacity in proposal quality", "Bobot kapasitas dalam mutu proposal"),
    "acceptance.quality_facilitation": ("Facilitation in proposal quality", "Bobot fasilitasi dalam mutu proposal"),
    "enablers.trust_share": ("Trust in the enabler index", "Bobot kepercayaan dalam indeks pendukung"),
    "enablers.coordination_share": ("Coordination in the enabler index", "Bobot koordinasi dalam indeks pendukung"),
    "enablers.skill_share": ("Skill in the enabler index", "Bobot keterampilan dalam indeks pendukung"),
    "acceptance.unpreferred_fit": ("Fit of a form outside the mandate", "Kecocokan bentuk di luar mandat"),
    # partnership
    "partnership.lapse_years": ("Years without aid before a lapse", "Tahun tanpa bantuan sampai kedaluwarsa"),
    "partnership.continuation_bonus": ("Preference for current partners", "Preferensi pada mitra lama"),
    "partnership.trust_floor": ("Trust floor in partner choice", "Batas bawah kepercayaan saat memilih mitra"),
    "partnership.repeat_factor": ("Asking the same partner again", "Meminta lagi ke mitra yang sama"),
    # renewal
    "renewal.bias": ("Renewal bias", "Konstanta perpanjangan"),
    "renewal.trust_weight": ("Weight of trust in renewal", "Bobot kepercayaan dalam perpanjangan"),
    "renewal.report_weight": ("Weight of the report in renewal", "Bobot laporan dalam perpanjangan"),
    "renewal.fit_weight": ("Weight of fit in renewal", "Bobot kecocokan dalam perpanjangan"),
    "renewal.budget_weight": ("Weight of budget left in renewal", "Bobot sisa anggaran dalam perpanjangan"),
    "renewal.scale_down_share": ("Scaled down rather than left", "Proporsi yang dikurangi skalanya"),
    "renewal.scale_down": ("Scale-down factor", "Faktor pengurangan skala"),
    "renewal.min_scale": ("Smallest scale kept", "Skala terkecil yang dipertahankan"),
    "renewal.backstop_years": ("Years without aid before a renewed partnership ends", "Batas tahun tanpa bantuan"),
    # aid
    "aid.size_physical": ("Mean physical aid asked", "Rata-rata permintaan bantuan fisik"),
    "aid.size_money": ("Mean money aid asked", "Rata-rata permintaan bantuan dana"),
    "aid.size_programme": ("Mean programme aid asked", "Rata-rata permintaan bantuan program"),
    "aid.size_event": ("Mean aid in an event asked", "Rata-rata permintaan bantuan acara"),
    "aid.size_sigma": ("Spread of amounts asked", "Sebaran jumlah permintaan"),
    "aid.cost_physical": ("Funder cost of physical aid", "Biaya pemberi bantuan: fisik"),
    "aid.cost_money": ("Funder cost of money aid", "Biaya pemberi bantuan: dana"),
    "aid.cost_programme": ("Funder cost of programme aid", "Biaya pemberi bantuan: program"),
    "aid.cost_event": ("Funder cost of aid in events", "Biaya pemberi bantuan: acara"),
    "aid.delivery_min": ("Success of aid at the weakest BKM", "Keberhasilan bantuan pada BKM terlemah"),
    "aid.programme_capacity_gain": ("Capacity from programme aid", "Kapasitas dari bantuan program"),
    "aid.event_awareness_gain": ("Marketing boost from an event", "Dorongan pemasaran dari acara"),
    "aid.physical_managing_body_weight": (
        "Managing body in physical aid",
        "Peran badan pengelola pada bantuan fisik",
    ),
    "aid.money_managing_body_weight": ("Managing body in money aid", "Peran badan pengelola pada bantuan dana"),
    "aid.event_coordination_weight": ("Coordination in aid in events", "Peran koordinasi pada bantuan acara"),
    # assets
    "assets.decay": ("Asset wear", "Keausan aset"),
    "assets.upkeep_rate": ("Upkeep need", "Kebutuhan pemeliharaan"),
    "assets.upkeep_growth": ("Upkeep growth as assets wear", "Kenaikan kebutuhan pemeliharaan karena aus"),
    "assets.repair_rate": ("Repair rate", "Laju perbaikan"),
    "assets.upkeep_managing_body_weight": ("Managing body in upkeep", "Peran badan pengelola dalam pemeliharaan"),
    "assets.rehab_share": ("Physical aid used for repair", "Bantuan fisik untuk rehabilitasi"),
    # demand
    "demand.market_access": ("Market access", "Akses pasar"),
    "demand.users_per_asset": ("Users per Rp million of assets", "Pemanfaat per Rp1 juta aset"),
    "demand.willingness_to_pay": ("Fee a user pays", "Iuran per pemanfaat"),
    "demand.collection_min": ("Fees collected by the weakest managing body", "Iuran tertagih pada pengelola terlemah"),
    # levers: effects (sizes, first years and costs are added below)
    "levers.marketing_push_training": ("Marketing push: training gain", "Dorongan pemasaran: laju pelatihan"),
    "levers.consistent_team_effect": ("Consistent team: turnover prevented", "Tim konsisten: pergantian dicegah"),
    "levers.csr_forum_awareness": ("CSR forum: awareness gain", "Forum CSR: tambahan pengenalan"),
    "levers.csr_forum_responsiveness": ("CSR forum: response gain", "Forum CSR: tambahan tanggapan"),
    # levers: size, first year and cost of each
    **{
        f"levers.{lever}{suffix}": (f"{en}: {what_en}", f"{id_}: {what_id}")
        for lever, (en, id_) in _LEVER_NAMES.items()
        for suffix, what_en, what_id in (
            ("", "size", "besaran"),
            ("_start", "first year", "tahun mulai"),
            ("_cost", "cost", "biaya"),
        )
    },
}
"""Short label of every parameter, ``name -> (English, Indonesian)``: the one label that the dashboard's
sliders, the policy briefs and their plots, and the sensitivity reports show (read it through
:func:`simulator.i18n.param_label`). Labels are in sentence case; text that uses one mid-sentence
lowers its first letter (:func:`simulator.i18n.lower_first`). Indonesian follows the project
glossary (``GLOSSARY_ID.md``). A test fails when a registry parameter has no label."""


def defaults() -> dict[str, float | int | bool | str]:
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
