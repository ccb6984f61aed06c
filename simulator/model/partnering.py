"""The yearly phases between BKMs and partners.

Proposals, decisions, delivery, reporting and the end or renewal of partnerships
(see ``simulator.model.model`` for the order of the year).

Each phase is a function of the model (``m``); pair state (awareness, trust, live
partnerships) is held on the model in flat arrays, one element per partner x ward pair in
reach (``m.pairs``, ``state.Pairs``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

from simulator.model import kernels
from simulator.model import mechanisms as mech
from simulator.model.kernels.delivery import RENEWAL_STRUCTURES
from simulator.model.kernels.partners import ENABLER_STRUCTURES
from simulator.model.observation import record
from simulator.model.state import (
    CONTINUATION,
    DELIVERY,
    END_REASONS,
    ENDED,
    FAILED,
    PARTNERSHIP_END,
    PARTNERSHIP_START,
    PROPOSAL,
    ROUTE_COUNTS,
    ROUTES,
    STARTED,
    SUCCEEDED,
    TOL,
    BoolArray,
    FloatArray,
    IntArray,
    Payment,
)
from simulator.numerics import pcg_jumps, pcg_words
from simulator.params import AID_FORMS

if TYPE_CHECKING:
    from simulator.model.model import PartnershipModel


class Asks(NamedTuple):
    """This year's asks of partners: new proposals first, then continuations of renewed partnerships."""

    ward: IntArray
    partner: IntArray
    form: IntArray
    request: FloatArray
    continuation: BoolArray
    pair: IntArray  # the ward-partner pair of each ask (index into the pair arrays)


def asks(m: PartnershipModel) -> Asks:
    """This year's asks: new proposals first, then continuations of renewed partnerships.

    Each BKM sends proposals (plan items, an aid form and a partner for each); partnerships
    their partners renewed last year bring support in the same form, at their scale.
    """
    inputs, rest = asks_args(m)
    lam, known = kernels.ask_inputs(*inputs)
    backlog, *others = rest
    return Asks(*kernels.asks(m.rng, lam, backlog, known, *others))


def asks_args(m: PartnershipModel) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """The arguments of ``kernels.ask_inputs``, and of ``kernels.asks`` after its first three."""
    rates = (
        m._v("bkm.proposals_per_year"),
        m._v("bkm.proposals_capacity_floor"),
        m._v("bkm.proposals_marketing_floor"),
    )
    weights = (
        m._v("partnership.trust_floor"),
        m._v("partnership.continuation_bonus"),
        m._v("partnership.repeat_factor"),
    )
    inputs = ((m.capacity, m.marketing_effort), rates, m.aware, m.reach)
    pairs = (m.pairs, m.trust_bkm, m.fit, m.alive, m.committed, m.last_form, m.scale)
    sizes = np.array([m._v(f"aid.size_{x}") for x in AID_FORMS])
    return inputs, (m.backlog, pairs, sizes, m._v("aid.size_sigma"), weights)


def decisions(m: PartnershipModel, t: int, year: int, lv: Mapping[str, float], a: Asks, ys: dict[str, float]) -> int:
    """Partners answer and decide; accepted proposals start partnerships and schedule aid.

    Support a partner committed to by renewing a partnership comes first, within
    its budget. Agencies then decide in the yearly musrenbang and budget round:
    the proposals they would accept are funded best first until the agency's
    budget is spent. Firms decide as proposals come, in random order, within
    their CSR budgets.

    Returns:
        The number of partnerships started.
    """
    args, amount = decision_args(m, t, year, lv, a)
    made = kernels.decisions(m.rng, *args)
    *_, payments = made
    m._pending = Payment(*(np.concatenate((x, y)) for x, y in zip(m._pending, payments, strict=True)))
    return absorb_decisions(m, year, a, amount, made, ys)


def decision_args(
    m: PartnershipModel, t: int, year: int, lv: Mapping[str, float], a: Asks
) -> tuple[tuple[Any, ...], FloatArray]:
    """The arguments of ``kernels.decisions`` after the generator, and the asks' amounts."""
    terms = _ask_terms(m, t, year, lv, a)
    return ((a.ward, a.partner, a.form, a.continuation, a.pair), *terms, *decision_rest(m, t)), terms[2]


def decision_rest(m: PartnershipModel, t: int) -> tuple[Any, ...]:
    """The arguments of ``kernels.decisions`` after the asks and their terms."""
    ls, _ = mech.learning_rates(m.structure["trust"], m._v("trust.learn_success"), m._v("trust.learn_failure"))
    learning = (m.structure["trust"] != "fixed", ls, m._v("trust.refusal_penalty"), m._v("trust.ignore_penalty"))
    pairs = (
        m.pairs,
        m.alive,
        m.scale,
        m.started,
        m.last_active,
        m.last_form,
        m.committed,
        m.contact,
        m._touched,
        m.trust_bkm,
    )
    lag = m._i("government.payment_lag")
    return (m.sector, m.budget_left, m.backlog, pairs, m.ever_partnered, learning, t, lag, TOL)


def absorb_decisions(
    m: PartnershipModel, year: int, a: Asks, amount: FloatArray, made: Any, ys: dict[str, float]
) -> int:
    """Log the asks and the partnerships started, and count them; returns the number started."""
    w, p, f, req = a.ward, a.partner, a.form, a.request
    status, acc, new, *_ = made
    shown = np.where(acc, amount, req)
    nc, c = ~a.continuation, a.continuation
    record(m, year, PARTNERSHIP_START, w[new], p[new], f[new], amount[new], STARTED)
    record(m, year, PROPOSAL, w[nc], p[nc], f[nc], shown[nc], status[nc])
    record(m, year, CONTINUATION, w[c], p[c], f[c], shown[c], status[c])
    return count_decisions(made, ys)


def count_decisions(made: Any, ys: dict[str, float]) -> int:
    """The year's counts of ``kernels.decisions`` into ``ys``; returns the partnerships started."""
    _, _, new, counts, _ = made
    for key, value in zip(COUNT_KEYS, counts.tolist(), strict=True):
        ys[key] = value
    return int(new.sum())


COUNT_KEYS = (
    "continuations_funded",
    "continuations_unfunded",
    *(f"{what}_{route}" for route in ROUTES for what in ROUTE_COUNTS),
)
"""The yearly statistics ``kernels.decisions`` counts, in the order of its counts."""


def _ask_terms(
    m: PartnershipModel, t: int, year: int, lv: Mapping[str, float], a: Asks
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Per ask: chance of an answer, the partner's logit, the amount (capped by its ceiling) and its cost.

    An ask is answered with probability responsiveness x reach (continuations always are);
    the partner wants it when its utility (this logit plus logistic noise) is positive.

    Returns:
        p_answer, logit, amount and cost of each ask.
    """
    return kernels.ask_terms(a, *ask_terms_args(m, t, year, lv))


def ask_terms_args(m: PartnershipModel, t: int, year: int, lv: Mapping[str, float]) -> tuple[Any, ...]:
    """The arguments of ``kernels.ask_terms`` after the asks."""
    _, quality, weights, enablers, give_cost = m._const("ask terms", lambda: _ask_terms_consts(m))
    forum, facilitation = ask_terms_year(m, t, year, lv)
    return (
        (m.responsiveness, m.base_bias, m.priority, m.ceiling, m.fit, m.n_gov),
        (m.pairs, m.reach, m.alive, m.scale, m.trust_partner),
        (m.capacity, m.coordination, m.skill),
        (forum, *quality, facilitation, *weights),
        enablers,
        give_cost,
    )


def ask_terms_year(m: PartnershipModel, t: int, year: int, lv: Mapping[str, float]) -> tuple[float, float]:
    """What changes from year to year in ``kernels.ask_terms``'s arguments: the CSR forum's gain, facilitation."""
    forum_gain = m._const("ask terms", lambda: _ask_terms_consts(m))[0]
    return lv["csr_forum"] * forum_gain, m._facilitation(t, year, lv)


def _ask_terms_consts(m: PartnershipModel) -> tuple[Any, ...]:
    quality = (m._v("acceptance.quality_capacity"), m._v("acceptance.quality_facilitation"))
    weights = (
        m._v("acceptance.enabler_weight"),
        m._v("acceptance.fit_weight"),
        m._v("acceptance.quality_weight"),
        m._v("acceptance.partner_bonus"),
    )
    shares = (m._v("enablers.trust_share"), m._v("enablers.coordination_share"), m._v("enablers.skill_share"))
    enablers = (*shares, ENABLER_STRUCTURES.index(m.structure["enablers"]))
    give_cost = np.array([m._v(f"aid.cost_{x}") for x in AID_FORMS])
    return m._v("levers.csr_forum_responsiveness"), quality, weights, enablers, give_cost


def delivery(m: PartnershipModel, t: int, year: int, ys: dict[str, float]) -> None:
    """Aid due this year arrives; success depends on the BKM; trust learns and news spreads."""
    absorb_delivery(m, year, kernels.delivery_phase(m.rng, t, m._pending, *delivery_args(m)), ys)


def delivery_args(m: PartnershipModel) -> tuple[Any, ...]:
    """The arguments of ``kernels.delivery_phase`` after the generator, the step and the payments."""
    rates, (learn, ls, lf, spread) = m._const("delivery", lambda: _delivery_consts(m))
    ledgers = (m.aid_received, m.rehab_total, m.built_total, m.cash, m.cash_in, m._inkind, m._projects, m.event_boost)
    regions = (m.partner_region, m.region_pairs, m.region_keys)
    trust = (learn, m.trust_partner, m.trust_bkm, m.heard, regions, m.n_regions, ls, lf, spread)
    return (
        (m.managing_body, m.capacity, m.coordination, m.skill),
        ledgers,
        (m.assets, m.condition),
        (m.pairs, m.last_active, m.last_form, m._touched),
        m.aid_given,
        rates,
        trust,
    )


def _delivery_consts(m: PartnershipModel) -> tuple[tuple[float, ...], tuple[Any, ...]]:
    rates = (
        m._v("aid.physical_managing_body_weight"),
        m._v("aid.money_managing_body_weight"),
        m._v("aid.event_coordination_weight"),
        m._v("aid.delivery_min"),
        m._v("assets.rehab_share"),
        m._v("aid.programme_capacity_gain"),
        m._v("aid.event_awareness_gain"),
    )
    ls, lf = mech.learning_rates(m.structure["trust"], m._v("trust.learn_success"), m._v("trust.learn_failure"))
    return rates, (m.structure["trust"] != "fixed", ls, lf, m._v("trust.reputation_spread"))


def absorb_delivery(m: PartnershipModel, year: int, out: Any, ys: dict[str, float], log: bool = True) -> None:
    """Keep the payments still pending, log this year's (unless already logged) and add them up."""
    rest, paid, ok, sums = out
    m._pending = Payment(*rest)
    if log:
        _, w, p, f, amt = paid
        record(m, year, DELIVERY, w, p, f, amt, np.where(ok, SUCCEEDED, FAILED))
    for key, value in zip(AID_SUM_KEYS, sums.tolist(), strict=True):
        ys[key] = value


AID_SUM_KEYS = (*(f"aid_{form}" for form in AID_FORMS), "aid_failed", "aid_rehabilitation")
"""The yearly statistics ``kernels.delivery_phase`` sums, in the order of its sums."""


def learn_from_deliveries(m: PartnershipModel, p: IntArray, w: IntArray, ok: BoolArray) -> None:
    """Own experience, then what other partners of the same region saw (reputation)."""
    if m.structure["trust"] == "fixed":
        return
    ls, lf = mech.learning_rates(m.structure["trust"], m._v("trust.learn_success"), m._v("trust.learn_failure"))
    kernels.learn_from_deliveries(
        m.pairs,
        p,
        w,
        ok,
        m.trust_partner,
        m.trust_bkm,
        m.heard,
        (m.partner_region, m.region_pairs, m.region_keys),
        m.n_regions,
        ls,
        lf,
        m._v("trust.reputation_spread"),
    )


def reporting(m: PartnershipModel, ys: dict[str, float]) -> None:
    """BKMs send their live partners a yearly accountability report, or fail to."""
    absorb_reporting(m, kernels.reporting_phase(m.rng, *reporting_args(m)), ys)


def reporting_args(m: PartnershipModel) -> tuple[Any, ...]:
    """The arguments of ``kernels.reporting_phase`` after the generator."""
    learn, rate = m.structure["trust"] != "fixed", m._v("trust.learn_report")
    cw = m._v("bkm.reporting_coordination_weight")
    words, jumps = pcg_words(m.rng), pcg_jumps(m.rng)
    return (m.pairs.ward, m.alive, (m.capacity, m.coordination), cw, m.trust_partner, learn, rate, words, jumps)


def absorb_reporting(m: PartnershipModel, out: Any, ys: dict[str, float]) -> None:
    """Keep who reported (renewal reads it) and count the reports."""
    m.reported, sent, missing = out
    ys["reports_sent"], ys["reports_missing"] = float(sent), float(missing)


def partnerships(m: PartnershipModel, t: int, year: int, ys: dict[str, float]) -> int:
    """Partners renew, scale down or leave live partnerships (or the lapse rule ends them)."""
    ended, reason = _close(m, t, RENEWAL_STRUCTURES.index(m.structure["renewal"]), ys)
    return end_partnerships(m, t, year, ended, reason)


def renewal_decisions(m: PartnershipModel, t: int, ys: dict[str, float]) -> tuple[BoolArray, IntArray]:
    """Each partner decides on each live partnership that began before this year (``structure.renewal = decision``).

    Returns:
        The pair masks of the partnerships that end and of their reasons.
    """
    return _close(m, t, RENEWAL_STRUCTURES.index("decision"), ys)


def _close(m: PartnershipModel, t: int, structure: int, ys: dict[str, float]) -> tuple[BoolArray, IntArray]:
    renewed, scaled, ended, reason = kernels.partnerships(m.rng, t, structure, *partnership_args(m))
    ys["partnerships_renewed"], ys["partnerships_scaled_down"] = float(renewed), float(scaled)
    return ended, reason


def partnership_args(m: PartnershipModel) -> tuple[Any, ...]:
    """The arguments of ``kernels.partnerships`` after the generator, the step and the structure."""
    pairs = (m.pairs, m.alive, m.started, m.last_active, m.last_form, m.trust_partner, m.reported, m.scale, m.committed)
    rule, reasons = m._const("renewal", lambda: _renewal_consts(m))
    return pairs, (m.budget, m.budget_left, m.fit), rule, reasons


def _renewal_consts(m: PartnershipModel) -> tuple[tuple[float, ...], tuple[int, ...]]:
    rule = (
        m._v("renewal.backstop_years"),
        m._v("renewal.bias"),
        m._v("renewal.trust_weight"),
        m._v("renewal.report_weight"),
        m._v("renewal.fit_weight"),
        m._v("renewal.budget_weight"),
        m._v("renewal.scale_down_share"),
        m._v("renewal.scale_down"),
        m._v("renewal.min_scale"),
        TOL,
        m._v("trust.end_threshold"),
        m._v("partnership.lapse_years"),
    )
    reasons = tuple(END_REASONS.index(x) for x in ("lapsed", "left", "scaled out", "trust failed"))
    return rule, reasons


def end_partnerships(m: PartnershipModel, t: int, year: int, ended: BoolArray, reason: IntArray | np.int64) -> int:
    """End the partnerships marked in ``ended`` (a pair mask), logging each with its reason.

    Args:
        m: The model.
        t: Step index of this year.
        year: Calendar year.
        ended: Pair mask of the partnerships that end (``m.pairs``; empty for none).
        reason: Index into ``END_REASONS``, per pair (or one for all).

    Returns:
        The number of partnerships ended.
    """
    why = np.broadcast_to(np.asarray(reason, dtype=np.int64), ended.shape)
    out = kernels.end_pairs(
        t, ended, np.ascontiguousarray(why), (m.pairs, m.alive, m.scale, m.committed, m.started, m.last_form)
    )
    return absorb_ends(m, year, out)


def absorb_ends(m: PartnershipModel, year: int, out: Any) -> int:
    """Log the partnerships ``kernels.end_pairs`` ended; returns how many."""
    p, w, f, dur, why = out
    record(m, year, PARTNERSHIP_END, w, p, f, np.zeros(len(w)), ENDED + why, dur)
    return len(w)
