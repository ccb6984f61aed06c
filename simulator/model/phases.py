"""The yearly phases that concern a ward on its own.

Politics, plan, grant, marketing, learning and assets (see ``simulator.model.model``
for the order of the year).

Each phase is a function of the model (``m``) and the year; the equations are in
``simulator.model.mechanisms`` and ``docs/ODD.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from simulator.model import kernels
from simulator.model.partnering import end_partnerships
from simulator.model.state import END_REASONS, TOL, BoolArray, IntArray
from simulator.numerics import pcg_jumps, pcg_words
from simulator.params import AID_FORMS

if TYPE_CHECKING:
    from simulator.model.model import PartnershipModel


def politics(m: PartnershipModel, year: int, ys: dict[str, float]) -> None:
    """A regional election reshuffles agencies' priorities, budgets, mandates and awareness (``kernels.politics``)."""
    election = is_election(m, year)
    ys["election"] = float(election)
    if election and m.n_gov:
        kernels.politics(m.rng, *politics_args(m))


def politics_args(m: PartnershipModel) -> tuple[Any, ...]:
    """The arguments of ``kernels.politics`` after the generator."""
    G = m.n_gov
    gov = (m.priority[:G], m._v("government.priority_spread"), m.partner_region[:G], m.gov_region_budget)
    mandates = (m.fit, m.pref_p, m._v("government.mandate_change"), m._v("acceptance.unpreferred_fit"))
    k_gov = int(m.pairs.start[G])  # the agencies' pairs come first
    awareness = (m.aware, m.alive, k_gov, m._v("government.election_awareness_loss"))
    return (*gov, m.budget, m.n_regions), mandates, awareness


def is_election(m: PartnershipModel, year: int) -> bool:
    """Whether a calendar year has a regional election (:func:`elections` of a plain integer: no array)."""
    return bool(elections(m, year))


def elections(m: PartnershipModel, years: IntArray | int) -> BoolArray | bool:
    """Which of the calendar years have a regional election (one bool for one year given as an integer)."""
    first, every = m._i("government.first_election"), m._i("government.election_years")
    return (years >= first) & ((years - first) % every == 0)


def bkm_elections(m: PartnershipModel, t: int, lv: Mapping[str, float], ys: dict[str, float]) -> None:
    """Boards due for election may turn over: the team loses skill, capacity and ties."""
    turn, broken = kernels.turnover(m.rng, *turnover_args(m, t, lv))
    ys["turnovers"] = float(turn.sum())
    if broken.size:
        ended = end_partnerships(m, t, m.year0 + t, broken, np.int64(END_REASONS.index("board turnover")))
        ys["partnerships_ended_turnover"] = float(ended)


def turnover_year(m: PartnershipModel, t: int, lv: Mapping[str, float]) -> tuple[BoolArray, float]:
    """What changes from year to year in ``kernels.turnover``'s arguments: boards due, chance of turnover."""
    term = m._i("bkm.term_years")
    due = (t > 0) & ((t - m.election_offset) % term == 0)
    p_turn = m._v("bkm.turnover") * (1.0 - lv["consistent_team"] * m._v("levers.consistent_team_effect"))
    return due, p_turn


def turnover_args(m: PartnershipModel, t: int, lv: Mapping[str, float]) -> tuple[Any, ...]:
    """The arguments of ``kernels.turnover`` after the generator."""
    due, p_turn = turnover_year(m, t, lv)
    losses = (
        m._v("bkm.turnover_skill_loss"),
        m._v("bkm.turnover_capacity_loss"),
        m._v("bkm.turnover_tie_loss"),
        m._v("trust.initial"),
        m._v("bkm.turnover_partnership_loss"),
    )
    return (
        due,
        p_turn,
        (m.skill, m.capacity, m.turnovers),
        (m.pairs, m.trust_partner, m.trust_bkm, m.alive),
        losses,
        m.structure["trust"] != "fixed",
        m.structure["renewal"] != "permanent",  # the new team may not carry live agreements on
        pcg_words(m.rng),
        pcg_jumps(m.rng),
    )


def plan(m: PartnershipModel, t: int, ys: dict[str, float]) -> None:
    """Renew the RTPLP when due (unfunded items expire; worn assets add repair items), else add a few."""
    ys["plan_items_expired"] = kernels.plan(m.rng, t, *plan_args(m))


def plan_args(m: PartnershipModel) -> tuple[Any, ...]:
    """The arguments of ``kernels.plan`` after the generator and the step."""
    mix = np.array([m._v(f"wards.mix_{f}") for f in AID_FORMS])
    rule = (m._i("wards.plan_years"), m._v("wards.plan_renewal"), m._v("aid.size_physical"))
    return m.backlog, m.plan_items, mix / mix.sum(), (m.assets, m.condition), rule


def grant(m: PartnershipModel, t: int, ys: dict[str, float]) -> None:
    """BLM tranches on the grant calendar: planning, marketing, two implementation tranches."""
    ys["grant_spent"] = kernels.grant(t + 1, *grant_args(m))  # programme year t + 1


def grant_args(m: PartnershipModel) -> tuple[Any, ...]:
    """The arguments of ``kernels.grant`` after the programme year."""
    calendar, amounts = m._const("grant", lambda: _grant_consts(m))
    ledgers = (m.grant_received, m.grant_spent, m.built_total, m.assets, m.condition, m._projects, m._inkind)
    return m.grant_scale, m.grant_marketing, (m.capacity, m.managing_body), ledgers, m.backlog, calendar, amounts


def _grant_consts(m: PartnershipModel) -> tuple[tuple[int, ...], tuple[float, ...]]:
    calendar = (
        m._i("grant.planning_year"),
        m._i("grant.marketing_year"),
        m._i("grant.implementation_1_year"),
        m._i("grant.implementation_2_year"),
    )
    amounts = (
        m._v("grant.planning"),
        m._v("grant.planning_projects"),
        m._v("grant.implementation_1"),
        m._v("grant.implementation_2"),
        m._v("grant.local_cofunding"),
        m._v("grant.absorption_min"),
        m._v("grant.absorption_full"),
        m._v("aid.physical_managing_body_weight"),
        m._v("aid.delivery_min"),
        m._v("aid.size_physical"),
        m._v("programme.activity_cost"),
    )
    return calendar, amounts


def marketing(m: PartnershipModel, t: int, year: int, lv: Mapping[str, float]) -> None:
    """Institutions learn of wards' programmes: Bass diffusion plus musrenbang and CSR forum.

    A team that understands the concept keeps marketing on its own (study enabler 3); the
    marketing tranche raises the effort while it is spent.
    """
    kernels.marketing(m.rng, *marketing_args(m, t, year, lv))


def marketing_year(m: PartnershipModel, t: int, year: int, lv: Mapping[str, float]) -> tuple[bool, float, float, float]:
    """What changes from year to year in ``kernels.marketing``'s arguments.

    Whether the marketing tranche is being spent, the marketing push, the musrenbang's
    facilitation factor and the CSR forum's awareness.
    """
    first, span = m._i("grant.marketing_year"), m._i("grant.marketing_span")
    wf = m._v("government.awareness_facilitation_share")
    spending = first <= t + 1 < first + span
    facil_factor = 1.0 - wf + wf * m._facilitation(t, year, lv)
    return spending, lv["marketing_push"], facil_factor, lv["csr_forum"] * m._v("levers.csr_forum_awareness")


def marketing_args(m: PartnershipModel, t: int, year: int, lv: Mapping[str, float]) -> tuple[Any, ...]:
    """The arguments of ``kernels.marketing`` after the generator."""
    spending, push, facil_factor, forum = marketing_year(m, t, year, lv)
    bass = (
        m._v("marketing.innovation"),
        m._v("marketing.imitation"),
        m._v("government.awareness"),
        facil_factor,
        forum,
        m._v("firms.notice_rate"),
        TOL,
    )
    effort_rule = (
        m._v("programme.marketing_after"),
        spending,  # the marketing tranche is being spent
        m._i("grant.marketing_span"),
        m._v("grant.marketing_ref"),
        push,
    )
    return (
        (m.skill, m.event_boost, m.grant_marketing, m.coordination, m.marketing_effort, m.marketing),
        (m.pairs, m.reach, m.reach_sum, m.aware, m.noticed, m.n_gov, pcg_words(m.rng)),
        effort_rule,
        bass,
        (m.structure["awareness"] == "gated", m.structure["awareness"] == "open"),
    )


def learning(m: PartnershipModel, t: int, year: int, lv: Mapping[str, float]) -> None:
    """Capacity, managing body, trust and awareness change with this year's experience."""
    grow, forget = learning_args(m, t, year, lv)
    kernels.grow(*grow)
    kernels.forget(m.rng, *forget)


def learning_args(m: PartnershipModel, t: int, year: int, lv: Mapping[str, float]) -> tuple[Any, Any]:
    """The arguments of ``kernels.grow``, and of ``kernels.forget`` after the generator."""
    rates = m._const("learning", lambda: _learning_rates(m))
    grow = ((m.capacity, m.managing_body, m.mb_base, m.skill, m._projects), learning_year(m, t, year, lv), rates)
    forget = (
        m.pairs,
        m.trust_partner,
        m.trust_bkm,
        m.contact,
        m.heard,
        m._touched,
        m.aware,
        m.alive,
        m.coordination,
        *m._const("forget", lambda: _forget_consts(m)),
        pcg_words(m.rng),
        pcg_jumps(m.rng),
    )
    return grow, forget


def learning_year(m: PartnershipModel, t: int, year: int, lv: Mapping[str, float]) -> tuple[float, float, float]:
    """What changes from year to year in ``kernels.grow``'s arguments: facilitation, strengthening, training."""
    train = m._v("levers.marketing_push_training") * lv["marketing_push"]
    return m._facilitation(t, year, lv), lv["strengthening"], train


def _learning_rates(m: PartnershipModel) -> tuple[float, ...]:
    return (
        m._v("bkm.practice_ref"),
        m._v("bkm.overload_projects"),
        m._v("bkm.learning_rate"),
        m._v("bkm.erosion_rate"),
        m._v("bkm.practice_weight"),
        m._v("bkm.managing_body_capacity_weight"),
        m._v("bkm.managing_body_adjust"),
    )


def _forget_consts(m: PartnershipModel) -> tuple[Any, ...]:
    return (
        m.n_gov,
        m.structure["trust"] != "fixed",
        m._v("trust.forgetting"),
        m._v("trust.coordination_memory"),
        m._v("trust.initial"),
        m._v("government.awareness_forgetting"),
        m._v("firms.awareness_forgetting"),
        m.structure["awareness"] != "open",
    )


def assets(m: PartnershipModel, ys: dict[str, float]) -> None:
    """Fees, self-help, upkeep, repair and wear; then whether each ward's programme is sustained."""
    absorb_assets(m, kernels.upkeep(*assets_args(m)), ys)


def assets_args(m: PartnershipModel) -> tuple[Any, ...]:
    """The arguments of ``kernels.upkeep``."""
    demand, wear, sustain = m._const("assets", lambda: _assets_consts(m))
    return (
        (m.assets, m.condition, m.market_access, m.managing_body, m.capacity),
        (m.fees_total, m.cash, m.cash_in, m.cash_out, m._inkind),
        (m._need_hist, m._paid_hist, m._hist_n),
        (m.coverage, m.sustained),
        demand,
        wear,
        sustain,
    )


def _assets_consts(m: PartnershipModel) -> tuple[tuple[Any, ...], tuple[Any, ...], tuple[float, ...]]:
    demand = (
        m._v("demand.users_per_asset"),
        m._v("demand.willingness_to_pay"),
        m._v("demand.collection_min"),
        m.structure["demand"] == "flat",
        m._v("programme.self_help"),
    )
    wear = (
        m._v("assets.upkeep_rate"),
        m._v("assets.upkeep_growth"),
        m.structure["upkeep"] == "fixed_decay",
        m._v("programme.activity_cost"),
        m._v("assets.decay"),
        m._v("assets.repair_rate"),
        m._v("assets.upkeep_managing_body_weight"),
    )
    sustain = (m._v("programme.sustain_coverage"), m._v("programme.sustain_capacity"), TOL)
    return demand, wear, sustain


def absorb_assets(m: PartnershipModel, out: Any, ys: dict[str, float]) -> None:
    """Keep the history's length and the year's sums of fees and upkeep."""
    m._hist_n, *sums = out
    for key, value in zip(ASSET_SUM_KEYS, sums, strict=True):
        ys[key] = float(value)


ASSET_SUM_KEYS = ("fees_collected", "fees_potential", "upkeep_need", "upkeep_paid")
"""The yearly statistics ``kernels.upkeep`` sums, in the order of its sums."""
