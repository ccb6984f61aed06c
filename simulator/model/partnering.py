"""The yearly phases between BKMs and partners.

Proposals, decisions, delivery, reporting and the end or renewal of partnerships
(see ``simulator.model.model`` for the order of the year).

Each phase is a function of the model (``m``); pair state (awareness, trust, live
partnerships) is held in partner x ward arrays on the model.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from simulator.model import kernels
from simulator.model import mechanisms as mech
from simulator.model.observation import record
from simulator.model.state import (
    ACCEPTED,
    END_REASONS,
    EVENT,
    GOV,
    MONEY,
    N_FORMS,
    NO_BUDGET,
    PHYSICAL,
    PROGRAMME,
    REFUSED,
    ROUTES,
    STATUS,
    TOL,
    UNANSWERED,
    BoolArray,
    FloatArray,
    IntArray,
    Payment,
)
from simulator.params import AID_FORMS

if TYPE_CHECKING:
    from simulator.model.model import PartnershipModel


def proposals(m: PartnershipModel) -> tuple[IntArray, IntArray, IntArray, FloatArray]:
    """Each BKM picks plan items (form) and a partner for each; returns proposal arrays."""
    rng = m.rng
    e = np.zeros(0, dtype=np.int64)
    fc, fm = m._v("bkm.proposals_capacity_floor"), m._v("bkm.proposals_marketing_floor")
    lam = m._v("bkm.proposals_per_year") * (fc + (1.0 - fc) * m.capacity) * (fm + (1.0 - fm) * m.marketing_effort)
    if m.n_partners == 0:  # nobody to send proposals to
        rng.poisson(lam)
        return e, e, e, np.zeros(0)
    w, p, f = kernels.proposals(
        rng,
        lam,
        m.backlog,
        m.aware * m.reach,
        m.trust_bkm,
        m.fit,
        m.alive,
        m._v("partnership.trust_floor"),
        m._v("partnership.continuation_bonus"),
        m._v("partnership.repeat_factor"),
    )
    if len(w) == 0:
        return e, e, e, np.zeros(0)
    sizes = np.array([m._v(f"aid.size_{x}") for x in AID_FORMS])
    sig = m._v("aid.size_sigma")
    req = sizes[f] * rng.lognormal(-sig * sig / 2, sig, len(w))
    return w, p, f, req


def continuations(m: PartnershipModel) -> tuple[IntArray, IntArray, IntArray, FloatArray]:
    """This year's support from partnerships their partners renewed last year (same form, at their scale)."""
    p, w = np.nonzero(m.committed & m.alive)
    f = m.last_form[p, w]
    sizes = np.array([m._v(f"aid.size_{x}") for x in AID_FORMS])
    sig = m._v("aid.size_sigma")
    req = sizes[f] * m.scale[p, w] * m.rng.lognormal(-sig * sig / 2, sig, len(w))
    return w, p, f, req


def enabler(m: PartnershipModel, p: IntArray, w: IntArray) -> FloatArray:
    """Enabler index of partner p for ward w (trust, coordination, skill; see ``structure.enablers``)."""
    shares = (
        m._v("enablers.trust_share"),
        m._v("enablers.coordination_share"),
        m._v("enablers.skill_share"),
    )
    return mech.enabler_index(m.trust_partner[p, w], m.coordination[w], m.skill[w], shares, m.structure["enablers"])


class Asks(NamedTuple):
    """This year's asks of partners: new proposals first, then continuations of renewed partnerships."""

    ward: IntArray
    partner: IntArray
    form: IntArray
    request: FloatArray
    continuation: BoolArray


def decisions(
    m: PartnershipModel,
    t: int,
    year: int,
    lv: Mapping[str, float],
    w: IntArray,
    p: IntArray,
    f: IntArray,
    req: FloatArray,
    ys: dict[str, float],
    cont: tuple[IntArray, IntArray, IntArray, FloatArray],
) -> int:
    """Partners answer and decide; accepted proposals start partnerships and schedule aid.

    Support a partner committed to by renewing a partnership comes first, within
    its budget. Agencies then decide in the yearly musrenbang and budget round:
    the proposals they would accept are funded best first until the agency's
    budget is spent. Firms decide as proposals come, in random order, within
    their CSR budgets.

    Returns:
        The number of partnerships started.
    """
    n_new = len(w)
    w, p, f, req = (np.r_[a, b] for a, b in zip((w, p, f, req), cont, strict=True))
    a = Asks(w, p, f, req, np.arange(len(w)) >= n_new)
    answered, yes, amount, acc, fits = _answers_and_budgets(m, t, year, lv, a)
    plan = acc & ~a.continuation
    np.subtract.at(m.backlog, (w[plan], f[plan]), 1)
    m.committed[:] = False
    _learn_from_answers(m, a, answered, acc)
    new = _start_partnerships(m, t, year, a, acc, amount)
    status = np.where(acc, ACCEPTED, np.where(yes, NO_BUDGET, np.where(answered, REFUSED, UNANSWERED)))
    st = np.asarray(STATUS)[status]
    shown = np.where(acc, amount, req)
    nc, c = ~a.continuation, a.continuation
    record(m, year, "proposal", w[nc], p[nc], f[nc], shown[nc], st[nc], np.zeros(int(nc.sum())))
    record(m, year, "continuation", w[c], p[c], f[c], shown[c], st[c], np.zeros(int(c.sum())))
    lag = m._i("government.payment_lag")
    is_gov = m.sector[p] == GOV
    g_acc, pr_acc = acc & is_gov, acc & ~is_gov
    m._pending.append(Payment(t + lag, w[g_acc], p[g_acc], f[g_acc], amount[g_acc]))
    m._pending.append(Payment(t, w[pr_acc], p[pr_acc], f[pr_acc], amount[pr_acc]))
    ys["continuations_funded"] = float((acc & c).sum())
    ys["continuations_unfunded"] = float((~acc & c).sum())
    for r, route in enumerate(ROUTES):
        ys[f"aid_committed_{route}"] = float(amount[(m.sector[p] == r) & acc].sum())
        sel = (m.sector[p] == r) & nc
        ys[f"proposals_sent_{route}"] = float(sel.sum())
        ys[f"proposals_answered_{route}"] = float((sel & answered).sum())
        ys[f"proposals_accepted_{route}"] = float((sel & acc).sum())
        ys[f"proposals_no_budget_{route}"] = float((sel & yes & ~fits).sum())
    return new


def _answers_and_budgets(
    m: PartnershipModel, t: int, year: int, lv: Mapping[str, float], a: Asks
) -> tuple[BoolArray, BoolArray, FloatArray, BoolArray, BoolArray]:
    """Who answers, which asks the partner wants, and which fit its budget (``kernels.decide``).

    An ask is answered with probability responsiveness x reach (continuations always are);
    the partner wants it when its utility (logit plus logistic noise) is positive.
    Continuations are funded first; then agencies fund their best proposals first and
    firms theirs in the order they arrive, within their budgets.

    Returns:
        answered, yes, amount (capped by the partner's ceiling), accepted and fits, per ask.
    """
    w, p, f = a.ward, a.partner, a.form
    G = m.n_gov
    resp = m.responsiveness.copy()
    resp[G:] += lv["csr_forum"] * m._v("levers.csr_forum_responsiveness") * (1.0 - resp[G:])
    quality = m._v("acceptance.quality_capacity") * m.capacity + m._v(
        "acceptance.quality_facilitation"
    ) * m._facilitation(t, year, lv)
    live = m.alive[p, w]
    x = mech.acceptance_logit(
        m.base_bias[p] + m.priority[p],
        enabler(m, p, w),
        m.fit[p, f],
        quality[w],
        m._v("acceptance.enabler_weight"),
        m._v("acceptance.fit_weight"),
        m._v("acceptance.quality_weight"),
        m._v("acceptance.partner_bonus") * m.scale[p, w] * live,
    )
    amount = np.minimum(a.request, m.ceiling[p] * np.where(live, m.scale[p, w], 1.0))
    give_cost = np.array([m._v(f"aid.cost_{x}") for x in AID_FORMS])
    answered, yes, fits, acc = kernels.decide(
        m.rng,
        w,
        p,
        f,
        a.continuation,
        resp[p] * m.reach[p, w],
        np.asarray(x, dtype=float),
        amount * give_cost[f],
        m.sector[p] == GOV,
        m.budget_left,
        TOL,
    )
    return answered, yes, amount, acc, fits


def _learn_from_answers(m: PartnershipModel, a: Asks, answered: BoolArray, acc: BoolArray) -> None:
    """The BKM's trust in a partner learns from its answers to new proposals; contact is made."""
    ls, _ = mech.learning_rates(m.structure["trust"], m._v("trust.learn_success"), m._v("trust.learn_failure"))
    kernels.learn_from_answers(
        a.ward,
        a.partner,
        a.continuation,
        answered,
        acc,
        m.trust_bkm,
        m.structure["trust"] != "fixed",
        ls,
        m._v("trust.refusal_penalty"),
        m._v("trust.ignore_penalty"),
        m.contact,
        m._touched,
    )


def _start_partnerships(m: PartnershipModel, t: int, year: int, a: Asks, acc: BoolArray, amount: FloatArray) -> int:
    """Accepted asks start partnerships (one per pair) and keep live ones active; returns the count started."""
    aw, ap, af = a.ward[acc], a.partner[acc], a.form[acc]
    first = np.zeros(len(aw), dtype=bool)  # a pair with several acceptances starts one partnership
    first[np.unique(ap * m.n_wards + aw, return_index=True)[1]] = True
    new = first & ~m.alive[ap, aw]
    if new.any():
        nw, np_ = aw[new], ap[new]
        m.alive[np_, nw] = True
        m.scale[np_, nw] = 1.0
        m.started[np_, nw] = t
        m.ever_partnered[np_] = True
        record(m, year, "partnership_start", nw, np_, af[new], amount[acc][new], "started", np.zeros(len(nw)))
    # an accepted government proposal keeps the partnership active until it is paid
    lag = m._i("government.payment_lag")
    np.maximum.at(m.last_active, (ap, aw), np.where(m.sector[ap] == GOV, t + lag, t))
    m.last_form[ap, aw] = af
    return int(new.sum())


def delivery(m: PartnershipModel, t: int, year: int, ys: dict[str, float]) -> None:
    """Aid due this year arrives; success depends on the BKM; trust learns and news spreads."""
    due = [x for x in m._pending if x.due == t]
    m._pending = [x for x in m._pending if x.due > t]
    W = m.n_wards
    for form in AID_FORMS:
        ys[f"aid_{form}"] = 0.0
    ys["aid_failed"] = 0.0
    ys["aid_rehabilitation"] = 0.0
    m.event_boost = np.zeros(W)
    if not due or sum(len(x.ward) for x in due) == 0:
        return
    w = np.concatenate([x.ward for x in due])
    p = np.concatenate([x.partner for x in due])
    f = np.concatenate([x.form for x in due])
    amt = np.concatenate([x.amount for x in due])
    mb, cap = m.managing_body, m.capacity
    wp, wm = m._v("aid.physical_managing_body_weight"), m._v("aid.money_managing_body_weight")
    we = m._v("aid.event_coordination_weight")
    q_form = np.stack(
        [
            wp * mb + (1 - wp) * cap,
            wm * mb + (1 - wm) * cap,
            cap,
            we * m.coordination + (1 - we) * m.skill,
        ],
        axis=1,
    )
    ok = m.rng.random(len(w)) < mech.delivery_success_probability(q_form[w, f], m._v("aid.delivery_min"))
    m.aid_received += np.bincount(w, weights=amt, minlength=W)
    m.aid_given += np.bincount(p, weights=amt, minlength=m.n_partners)
    good = np.zeros((W, N_FORMS))
    np.add.at(good, (w[ok], f[ok]), amt[ok])
    m.assets, m.condition, repair = mech.rehabilitate(
        m.assets, m.condition, good[:, PHYSICAL], m._v("assets.rehab_share")
    )
    m.rehab_total += repair
    m.built_total += good[:, PHYSICAL] - repair
    ys["aid_rehabilitation"] = float(repair.sum())
    m.cash += good[:, MONEY]
    m.cash_in += good[:, MONEY]
    m._inkind += good[:, PROGRAMME] + good[:, EVENT]
    gain = m._v("aid.programme_capacity_gain") * good[:, PROGRAMME]
    m.capacity = np.clip(m.capacity + np.minimum(1.0, gain) * (1.0 - m.capacity), 0.0, 1.0)
    m.event_boost = np.minimum(1.0, m._v("aid.event_awareness_gain") * (good[:, EVENT] > 0))
    learn_from_deliveries(m, p, w, ok)
    np.maximum.at(m.last_active, (p, w), t)
    m.last_form[p, w] = f
    m._touched[p, w] = True
    m._projects += np.bincount(w, minlength=W)
    record(m, year, "delivery", w, p, f, amt, np.where(ok, "succeeded", "failed"), np.zeros(len(w)))
    for k, form in enumerate(AID_FORMS):
        ys[f"aid_{form}"] = float(amt[f == k].sum())
    ys["aid_failed"] = float(amt[~ok].sum())


def learn_from_deliveries(m: PartnershipModel, p: IntArray, w: IntArray, ok: BoolArray) -> None:
    """Own experience, then what other partners of the same region saw (reputation)."""
    if m.structure["trust"] == "fixed":
        return
    ls, lf = mech.learning_rates(m.structure["trust"], m._v("trust.learn_success"), m._v("trust.learn_failure"))
    kernels.learn_from_deliveries(
        p,
        w,
        ok,
        m.trust_partner,
        m.trust_bkm,
        m.heard,
        m.partner_region,
        m.n_regions,
        ls,
        lf,
        m._v("trust.reputation_spread"),
    )


def reporting(m: PartnershipModel, ys: dict[str, float]) -> None:
    """BKMs send their live partners a yearly accountability report, or fail to."""
    p_rep = mech.report_probability(m.capacity, m.coordination, m._v("bkm.reporting_coordination_weight"))
    m.reported = m.alive & (m.rng.random(m.alive.shape) < p_rep[None, :])
    ys["reports_sent"] = float(m.reported.sum())
    ys["reports_missing"] = float((m.alive & ~m.reported).sum())
    if m.structure["trust"] == "fixed" or not m.alive.any():
        return
    rate = m._v("trust.learn_report")
    pi, wi = np.nonzero(m.alive)
    tp = m.trust_partner[pi, wi]
    m.trust_partner[pi, wi] = np.clip(tp + rate * (m.reported[pi, wi] - tp), 0.0, 1.0)


def partnerships(m: PartnershipModel, t: int, year: int, ys: dict[str, float]) -> int:
    """Partners renew, scale down or leave live partnerships (or the lapse rule ends them)."""
    ys["partnerships_renewed"] = 0.0
    ys["partnerships_scaled_down"] = 0.0
    if m.structure["renewal"] == "permanent":  # nothing ends; every partnership is renewed
        keep = m.alive & (m.started < t)
        m.committed |= keep
        ys["partnerships_renewed"] = float(keep.sum())
        return 0
    if m.structure["renewal"] == "lapse":
        failed = m.alive & (m.trust_partner < m._v("trust.end_threshold"))
        lapsed = m.alive & ~failed & (t - m.last_active >= m._v("partnership.lapse_years"))
        ended = failed | lapsed
        reason = np.where(failed, END_REASONS.index("trust failed"), END_REASONS.index("lapsed"))
    else:
        ended, reason = renewal_decisions(m, t, ys)
    return end_partnerships(m, t, year, ended, reason)


def end_partnerships(m: PartnershipModel, t: int, year: int, ended: BoolArray, reason: IntArray | np.int64) -> int:
    """End the partnerships marked in ``ended`` (partner x ward), logging each with its reason.

    Args:
        m: The model.
        t: Step index of this year.
        year: Calendar year.
        ended: Partner x ward mask of the partnerships that end.
        reason: Index into ``END_REASONS``, per pair (or one for all).

    Returns:
        The number of partnerships ended.
    """
    if not ended.any():
        return 0
    p, w = np.nonzero(ended)
    dur = (t - m.started[p, w]).astype(float)  # years it was observed alive
    why = np.broadcast_to(reason, ended.shape)[p, w]
    status = np.asarray(END_REASONS, dtype=object)[why]
    record(m, year, "partnership_end", w, p, m.last_form[p, w], np.zeros(len(w)), status, dur)
    m.alive &= ~ended
    m.scale[ended] = 0.0
    m.committed &= ~ended
    return len(w)


def renewal_decisions(m: PartnershipModel, t: int, ys: dict[str, float]) -> tuple[BoolArray, IntArray]:
    """Each partner decides on each live partnership that began before this year."""
    reason = np.zeros(m.alive.shape, dtype=np.int64)
    backstop = m.alive & (t - m.last_active >= m._v("renewal.backstop_years"))
    reason[backstop] = END_REASONS.index("lapsed")
    decide = m.alive & ~backstop & (m.started < t)
    ended = backstop.copy()
    if not decide.any():
        return ended, reason
    p, w = np.nonzero(decide)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(m.budget > 0, m.budget_left / m.budget, 0.0)
    prob = mech.renewal_probability(
        m._v("renewal.bias"),
        m.trust_partner[p, w],
        m.reported[p, w],
        m.fit[p, m.last_form[p, w]],
        share[p],
        m._v("renewal.trust_weight"),
        m._v("renewal.report_weight"),
        m._v("renewal.fit_weight"),
        m._v("renewal.budget_weight"),
    )
    choice = mech.renewal_choice(prob, m._v("renewal.scale_down_share"), m.rng.random(len(p)))
    down = choice == mech.SCALE_DOWN
    m.scale[p[down], w[down]] *= m._v("renewal.scale_down")
    out = down & (m.scale[p, w] < m._v("renewal.min_scale") - TOL)
    leave = choice == mech.LEAVE
    ended[p[leave | out], w[leave | out]] = True
    reason[p[leave], w[leave]] = END_REASONS.index("left")
    reason[p[out], w[out]] = END_REASONS.index("scaled out")
    keep = (choice == mech.RENEW) | (down & ~out)
    m.committed[p[keep], w[keep]] = True
    ys["partnerships_renewed"] = float((choice == mech.RENEW).sum())
    ys["partnerships_scaled_down"] = float((down & ~out).sum())
    return ended, reason
