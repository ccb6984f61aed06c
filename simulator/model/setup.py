"""Setting a model up: wards and their BKMs, partners, and the state arrays.

Functions of the model (``m``), called once from ``PartnershipModel.__init__``;
they draw from ``m.rng`` in a fixed order, so the same seed gives the same start.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import numpy as np

from simulator.errors import ScenarioError
from simulator.model import kernels
from simulator.model import mechanisms as mech
from simulator.model.agents import BKM, Firm, GovernmentAgency, Partner, unobserved_registration
from simulator.model.state import N_FORMS, FloatArray, IntArray, Pairs, Payment, pairs_of
from simulator.params import AID_FORMS, FIRM_KINDS, GOV_SECTORS, MATURITY_BANDS, MATURITY_LEVELS

if TYPE_CHECKING:
    from simulator.model.model import PartnershipModel
    from simulator.scenario_files import Ward


def init_wards(m: PartnershipModel) -> None:
    """Draw each ward's BKM (maturity, capacity, skill, coordination, managing body, market access).

    A wards CSV gives names, regencies, grants and any per-ward values it holds.
    """
    v, rng = m.params.values, m.rng
    wards = m.params.wards
    het = m._v("wards.heterogeneity")
    if wards is None:
        n = int(v["wards.n"])
        shares = np.array([float(v[f"wards.share_{lvl.replace(' ', '_')}"]) for lvl in MATURITY_LEVELS])
        maturity = rng.choice(len(MATURITY_LEVELS), size=n, p=shares / shares.sum())
        n_regions = min(int(v["wards.regions"]), n)
        region, names, regencies = _synthetic_layout(n, n_regions)
        plan_items = np.full(n, int(v["wards.plan_items"]))
        grant_scale = np.ones(n)
        grant_marketing = np.full(n, m._v("grant.marketing"))
    else:
        n = len(wards)
        maturity = np.array([MATURITY_LEVELS.index(w.maturity) for w in wards])
        regs = list(dict.fromkeys(w.regency for w in wards))
        region = np.array([regs.index(w.regency) for w in wards])
        n_regions = len(regs)
        names = tuple(w.name for w in wards)
        regencies = tuple(w.regency for w in wards)
        plan_items = np.array([w.plan_items if w.plan_items is not None else int(v["wards.plan_items"]) for w in wards])
        total = sum(
            m._v(f"grant.{k}")
            for k in ("planning", "marketing", "implementation_1", "implementation_2", "local_cofunding")
        )
        grant_scale = np.array([w.grant_received / total if total > 0 else 0.0 for w in wards])
        grant_marketing = np.array(
            [
                w.grant_marketing if w.grant_marketing is not None else m._v("grant.marketing") * s
                for w, s in zip(wards, grant_scale, strict=True)
            ]
        )
    m.n_wards, m.n_regions = n, n_regions
    lo = np.array([MATURITY_BANDS[lvl][0] for lvl in MATURITY_LEVELS])[maturity]
    hi = np.array([MATURITY_BANDS[lvl][1] for lvl in MATURITY_LEVELS])[maturity]
    m.capacity = rng.uniform(lo, hi)
    m.skill = np.clip(rng.normal(m._v("bkm.marketing_skill"), het, n), 0, 1)
    m.coordination = np.clip(rng.normal(m._v("bkm.coordination"), het, n), 0, 1)
    m.mb_base = np.clip(rng.normal(m._v("bkm.managing_body"), het, n), 0, 1)
    m.market_access = np.clip(rng.normal(m._v("demand.market_access"), het, n), 0, 1)
    if wards is not None:
        _given_values(m, wards)
    m.managing_body = mech.managing_body_target(m.mb_base, m.capacity, m._v("bkm.managing_body_capacity_weight"))
    if wards is not None:
        _managing_body_today(m, wards)
    m.plan_items = plan_items.astype(np.int64)
    m.backlog = draw_plan(m, m.plan_items)
    m.region = region.astype(np.int64)
    m.grant_scale = grant_scale
    m.grant_marketing = grant_marketing
    m.maturity0 = [MATURITY_LEVELS[k] for k in maturity.tolist()]
    term = m._i("bkm.term_years")
    m.election_offset = rng.integers(1, term + 1, n).astype(np.int64)
    m.ward_names, m.ward_regency = tuple(names), tuple(regencies)


@functools.cache  # the same few layouts for every run of a scenario
def _synthetic_layout(n: int, n_regions: int) -> tuple[IntArray, tuple[str, ...], tuple[str, ...]]:
    """``n`` generated wards spread evenly over the regions: each ward's region, the wards' and the regions' names.

    The region array is shared by every call: copy it before changing it.
    """
    region = (np.arange(n, dtype=np.int64) * n_regions) // n
    names = tuple(f"Ward {i + 1:03d}" for i in range(n))
    return region, names, tuple(f"Region {r + 1}" for r in region.tolist())


def _given_values(m: PartnershipModel, wards: tuple[Ward, ...]) -> None:
    """The values a wards or ward-status CSV file gives replace the drawn ones (capacity: status files only).

    A wards file's ``managing_body`` is the ward's inherent managing-body quality B; a status
    file's is its effectiveness today (see :func:`_managing_body_today`).
    """
    for i, w in enumerate(wards):
        if w.status is not None and w.status.capacity is not None:
            m.capacity[i] = w.status.capacity
        for col, arr in (
            ("marketing_skill", m.skill),
            ("coordination", m.coordination),
            ("market_access", m.market_access),
        ):
            given = getattr(w, col)
            if given is not None:
                arr[i] = given
        if w.status is None and w.managing_body is not None:
            m.mb_base[i] = w.managing_body


def _managing_body_today(m: PartnershipModel, wards: tuple[Ward, ...]) -> None:
    """A status ward's managing body today: its ``managing_body``, else the one its ``fee_collection`` implies.

    The ward's inherent quality B is then set so that its target ``B (1 - w + w c)`` at its
    capacity today is that effectiveness: the managing body learns on from where it is.
    """
    w_cap = m._v("bkm.managing_body_capacity_weight")
    for i, w in enumerate(wards):
        st = w.status
        if st is None:
            continue
        today = w.managing_body
        if today is None and st.fee_collection is not None:
            today = mech.managing_body_of_collection(st.fee_collection, m._v("demand.collection_min"))
        if today is None:
            continue
        m.managing_body[i] = today
        m.mb_base[i] = min(1.0, today / (1 - w_cap + w_cap * m.capacity[i])) if today > 0 else 0.0


def draw_plan(m: PartnershipModel, items: IntArray) -> IntArray:
    """Draw a plan of ``items`` items per ward over the aid forms (the plan mix)."""
    mix = np.array([m._v(f"wards.mix_{f}") for f in AID_FORMS])
    return m.rng.multinomial(items, mix / mix.sum()).astype(np.int64).reshape(len(items), N_FORMS)


def init_partners(m: PartnershipModel) -> None:
    """Create the agencies (one region each) and firms (home regions, kinds), their budgets, mandates and reach."""
    v = m.params.values
    n_gov, n_firm = int(v["government.agencies"]), int(v["firms.n"])
    W, R = m.n_wards, m.n_regions
    m.n_gov, m.n_firms = n_gov, n_firm
    P = n_gov + n_firm
    m.n_partners = P
    m.sector = np.concatenate((np.zeros(n_gov, np.int64), np.ones(n_firm, np.int64)))
    wards_in_region = np.bincount(m.region, minlength=R).astype(float)
    gov_region = np.arange(n_gov) % R
    # firms are placed in regions in proportion to their wards, kinds by the largest-remainder
    # rule, so both mixes are exact and not random
    firm_region = _apportion(wards_in_region, n_firm)
    shares = np.array([m._v(f"firms.share_{k}") for k in ("state", "bank", "resource", "private")])
    firm_kind = _apportion(shares, n_firm)
    mand, priv = m._v("firms.mandatory_factor"), m._v("firms.private_factor")
    budget_factor = np.array([mand, 1.0, mand, priv])[firm_kind]
    resp_factor = np.array([1.0, 1.0, mand, priv])[firm_kind]
    m.partner_region = np.concatenate((gov_region, firm_region)).astype(np.int64)

    m.gov_region_budget = m._v("government.budget_per_ward") * wards_in_region
    m.priority = np.zeros(P)
    budget = np.zeros(P)
    if n_firm:
        budget[n_gov:] = m._v("firms.csr_budget_per_ward") * W * budget_factor / budget_factor.sum()
    m.budget = budget
    m.responsiveness = np.concatenate(
        (np.full(n_gov, m._v("government.responsiveness")), np.clip(m._v("firms.responsiveness") * resp_factor, 0, 1))
    )
    m.base_bias = np.concatenate(
        (np.full(n_gov, m._v("government.acceptance_bias")), np.full(n_firm, m._v("firms.acceptance_bias")))
    )
    m.ceiling = np.concatenate((np.full(n_gov, m._v("government.ceiling")), np.full(n_firm, m._v("firms.ceiling"))))
    m.pref_p = np.concatenate(
        (np.full(n_gov, m._v("government.preferred_forms")), np.full(n_firm, m._v("firms.preferred_forms")))
    )
    m.fit = draw_mandates(m, np.arange(P))
    pairs, reach, reach_sum, in_reach, groups = _reach_layout(
        m.region.tobytes(), m.partner_region.tobytes(), n_gov, m._v("firms.outside_reach")
    )
    # copies: a model's arrays are its own (the layout is the same for every run of a scenario)
    m.pairs = Pairs(*(a.copy() for a in pairs))
    m.reach, m.reach_sum, m.in_reach = reach.copy(), reach_sum.copy(), in_reach
    m.region_pairs, m.region_keys = (a.copy() for a in groups)
    set_gov_budgets(m)
    m.budget_left = m.budget.copy()
    # fixed by the scenario (its layout and its partners' numbers and shares): built once for its runs
    m.partner_names, m.partner_kind = m._const("partner names", lambda: _partner_names(m, firm_kind))


def _partner_names(m: PartnershipModel, firm_kind: IntArray) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The partners' names and kinds: an agency is named by its sector and its region's first ward's regency."""
    R, n_gov = m.n_regions, m.n_gov
    regency_of_region: dict[int, str] = {}
    for regency, r in zip(m.ward_regency, m.region.tolist(), strict=True):  # a region's first ward names it
        regency_of_region.setdefault(r, regency)
    names, kinds = [], []
    for g in range(n_gov):
        kind = GOV_SECTORS[(g // R) % len(GOV_SECTORS)]
        r = int(m.partner_region[g])
        names.append(f"{kind} ({regency_of_region.get(r, f'region {r + 1}')})")
        kinds.append(kind)
    for f in range(m.n_firms):
        kind = FIRM_KINDS[firm_kind[f]]
        names.append(f"{kind} {f + 1}")
        kinds.append(kind)
    return tuple(names), tuple(kinds)


def create_agents(m: PartnershipModel) -> tuple[list[BKM], list[Partner]]:
    """The model's Mesa agents: a BKM per ward, then the agencies and the firms (ids 1, 2, ... in that order).

    They are views of the model's arrays and hold no state of their own, so the model creates them
    when they are first asked for (``PartnershipModel.bkms``, ``agents``, ...), not in every run.
    """
    G = m.n_gov
    with unobserved_registration(m):
        bkms = [
            BKM(m, i, name, regency, r, level)
            for i, (name, regency, r, level) in enumerate(
                zip(m.ward_names, m.ward_regency, m.region.tolist(), m.maturity0, strict=True)
            )
        ]
        partners: list[Partner] = [
            (GovernmentAgency if i < G else Firm)(m, i, name, kind, r)
            for i, (name, kind, r) in enumerate(
                zip(m.partner_names, m.partner_kind, m.partner_region.tolist(), strict=True)
            )
        ]
    return bkms, partners


@functools.lru_cache(maxsize=2)  # the runs of a scenario (or two, compared) share a layout; copying is cheaper
def _reach_layout(
    region: bytes, partner_region: bytes, n_gov: int, outside: float
) -> tuple[Pairs, FloatArray, FloatArray, tuple[int, int], tuple[IntArray, IntArray]]:
    """The pairs in reach and what is fixed about them in a run.

    That is the pairs (:func:`reach_pairs`), their reach, its sums per ward, the pairs in reach
    per sector and each ward's pairs grouped by their partner's region, with those regions
    (``kernels.region_groups``). Takes the wards' and the partners' regions as the bytes of
    their int64 arrays (hashable).
    """
    ward_region = np.frombuffer(region, dtype=np.int64)
    home = np.frombuffer(partner_region, dtype=np.int64)
    pairs, reach = reach_pairs(ward_region, home, n_gov, outside)
    return (
        pairs,
        reach,
        kernels.reach_sums(pairs, reach, n_gov, len(ward_region)),
        kernels.in_reach(pairs, reach, n_gov),
        kernels.region_groups(pairs, home),
    )


def reach_pairs(region: IntArray, partner_region: IntArray, n_gov: int, outside: float) -> tuple[Pairs, FloatArray]:
    """The partner x ward pairs in reach, and each pair's reach.

    An agency reaches the wards of its region (reach 1); a firm those of its home region
    (1) and, when ``outside`` (``firms.outside_reach``) is above 0, every other ward at that
    reach. Pairs out of reach are not held: nothing can happen between them. Built with
    array operations over the pairs (a partner's wards in ward order), not partner by partner.
    """
    W, P = len(region), len(partner_region)
    R = int(region.max(initial=-1)) + 1
    by_region = np.argsort(region, kind="stable")  # each region's wards, in ward order
    region_start = np.zeros(R + 1, dtype=np.int64)
    np.cumsum(np.bincount(region, minlength=R), out=region_start[1:])
    home = np.minimum(partner_region, R)  # a region without wards holds none
    region_start = np.append(region_start, region_start[-1])
    wide = (np.arange(P) >= n_gov) & (outside > 0)
    sizes = np.where(wide, W, region_start[home + 1] - region_start[home]).astype(np.int64)
    partner = np.repeat(np.arange(P, dtype=np.int64), sizes)
    first = np.zeros(P + 1, dtype=np.int64)
    np.cumsum(sizes, out=first[1:])
    nth = np.arange(len(partner), dtype=np.int64) - first[partner]  # position among the partner's wards
    ward = np.where(wide[partner], nth, by_region[np.minimum(region_start[home][partner] + nth, max(W - 1, 0))])
    ward = ward.astype(np.int64)
    reach = np.where(region[ward] == partner_region[partner], 1.0, outside) if len(ward) else np.zeros(0)
    return pairs_of(partner, ward, P, W), reach


def draw_mandates(m: PartnershipModel, who: IntArray) -> FloatArray:
    """Preferred aid forms (mandate or CSR focus) of the given partners, as fit values (``kernels.draw_mandates``)."""
    return kernels.draw_mandates(m.rng, who, m.pref_p, m._v("acceptance.unpreferred_fit"))


def set_gov_budgets(m: PartnershipModel) -> None:
    """Split each region's community budget among its agencies by their current priority (``kernels.gov_budgets``)."""
    G = m.n_gov
    if not G:
        return
    kernels.gov_budgets(m.priority[:G], m.partner_region[:G], m.gov_region_budget, m.budget, m.n_regions)


def init_state(m: PartnershipModel) -> None:
    """Create every state array: pair state, ward ledgers, the log and the year's scratch arrays."""
    W, P, K = m.n_wards, m.n_partners, len(m.pairs.ward)
    t0 = m._v("trust.initial")
    # pair state: one element per pair in reach (``m.pairs``), partner by partner
    m.trust_partner = np.full(K, t0)
    m.trust_bkm = np.full(K, t0)
    m.aware = np.zeros(K, dtype=bool)
    m.noticed = np.zeros(P - m.n_gov, dtype=bool)
    m.contact = np.zeros(K, dtype=bool)
    m.heard = np.zeros(K, dtype=bool)
    m.alive = np.zeros(K, dtype=bool)
    m.scale = np.zeros(K)
    m.started = np.zeros(K, dtype=np.int64)
    m.last_active = np.zeros(K, dtype=np.int64)
    m.last_form = np.zeros(K, dtype=np.int64)
    m.reported = np.zeros(K, dtype=bool)
    m.committed = np.zeros(K, dtype=bool)
    m.cash = np.zeros(W)
    m.assets = np.zeros(W)
    m.condition = np.ones(W)
    m.sustained = np.zeros(W, dtype=bool)
    m.coverage = np.zeros(W)
    m.event_boost = np.zeros(W)
    m.marketing_effort = np.zeros(W)
    m.partnership_years = np.zeros(W)
    m.sustained_years = np.zeros(W)
    m.aid_received = np.zeros(W)
    m.aid_given = np.zeros(P)
    m.ever_partnered = np.zeros(P, dtype=bool)
    m.grant_received = np.zeros(W)
    m.grant_spent = np.zeros(W)
    m.fees_total = np.zeros(W)
    m.rehab_total = np.zeros(W)
    # ledgers (Rp million, cumulative) that the invariant tests balance
    m.cash_in = np.zeros(W)  # fees, self-help, money aid that succeeded
    m.cash_out = np.zeros(W)  # upkeep and activities paid from cash
    m.built_total = np.zeros(W)  # asset value built by the grant and by physical aid
    m.turnovers = np.zeros(W, dtype=np.int64)
    # needs and payments of the last programme.sustain_window years (oldest first), rows filled
    m._need_hist = np.zeros((m._i("programme.sustain_window"), W))
    m._paid_hist = np.zeros((m._i("programme.sustain_window"), W))
    m._hist_n = 0
    # accepted aid waiting for payment (government: a payment lag later)
    e = np.zeros(0, dtype=np.int64)
    m._pending = Payment(e, e, e, e, np.zeros(0))
    m._log = {k: [] for k in ("year", "event", "ward", "partner", "form", "amount", "status", "duration")}
    m._year_stats = {}
    # this year's scratch state, reset at the start of every step
    m._projects = np.zeros(W)  # projects done (practice)
    m._inkind = np.zeros(W)  # in-kind activity funding
    m._touched = np.zeros(K, dtype=bool)  # pairs with contact this year
    m.marketing = np.zeros(W)  # effort x team skill


def init_status(m: PartnershipModel) -> None:
    """Start wards from their state today (a ward-status CSV file): assets, cash, live partnerships.

    The partners that know each ward (``aware_*``, at least its live partners) are drawn among
    the partners in its reach, agencies and firms apart (a firm in proportion to its reach:
    home-region firms first), in ward order, and the first of them are its live partnerships. Each is
    live, committed (renewed last year), at scale 1, started and last active the year before the
    run (programme time ``age0 - 1``), its aid form drawn from the plan mix; both sides trust each other at the status's
    ``trust`` (``trust.initial`` when empty), and the partner knows the ward. Draws from ``m.rng``
    only when the scenario starts from a status, so other scenarios keep their random stream.

    Raises:
        ScenarioError: When a ward asks for more live partnerships than partners in its reach.
    """
    wards = m.params.wards
    if not m.params.from_status or wards is None:
        return
    mix = np.array([m._v(f"wards.mix_{f}") for f in AID_FORMS])
    for w, ward in enumerate(wards):
        st = ward.status
        if st is None:
            continue
        m.assets[w], m.condition[w] = st.assets, st.asset_condition
        m.cash[w] = st.cash if st.cash is not None else 0.0
        mine = m.pairs.by_ward[m.pairs.wstart[w] : m.pairs.wstart[w + 1]]
        is_gov = m.pairs.partner[mine] < m.n_gov
        sides = (
            (st.live_government, st.aware_government, mine[is_gov], "agencies"),
            (st.live_private, st.aware_private, mine[~is_gov], "firms"),
        )
        for live, aware, cand, sector in sides:
            know = live if aware is None else aware
            if know > len(cand):
                raise ScenarioError(
                    f"{st.where}: ward {ward.name!r} has {know} {sector} that partner with it or know it, but only "
                    f"{len(cand)} {sector} reach it (government.agencies, firms.n, firms.outside_reach)"
                )
            if know:  # the partners that know the ward, the first ``live`` of them its partners
                chosen = m.rng.choice(cand, size=know, replace=False, p=m.reach[cand] / m.reach[cand].sum())
                m.aware[chosen] = True
                p = m.pairs.partner[chosen]
                m.noticed[p[p >= m.n_gov] - m.n_gov] = True
                trust = st.trust if st.trust is not None else m._v("trust.initial")
                _make_live(m, np.sort(chosen[:live]), trust, mix)


def _make_live(m: PartnershipModel, k: IntArray, trust: float, mix: FloatArray) -> None:
    """Make the pairs ``k`` live partnerships renewed the year before the run."""
    m.alive[k] = m.aware[k] = m.contact[k] = m.committed[k] = True
    m.scale[k] = 1.0
    m.started[k] = m.last_active[k] = m.age0 - 1
    m.last_form[k] = m.rng.choice(N_FORMS, size=len(k), p=mix / mix.sum())
    m.trust_partner[k] = m.trust_bkm[k] = trust
    p = m.pairs.partner[k]
    m.ever_partnered[p] = True
    m.noticed[p[p >= m.n_gov] - m.n_gov] = True


def clear_year(m: PartnershipModel) -> None:
    """Reset the year's scratch arrays (projects, in-kind funding, pairs touched) before a year."""
    m._projects[:] = 0.0
    m._inkind[:] = 0.0
    m._touched[:] = False


def _apportion(weights: FloatArray, n: int) -> IntArray:
    """Assign n items to groups in proportion to weights (largest remainder); returns each item's group."""
    if n == 0 or weights.sum() <= 0:
        return np.zeros(n, dtype=np.int64)
    raw = weights / weights.sum() * n
    counts = np.floor(raw).astype(np.int64)
    counts[np.argsort(-(raw - counts), kind="stable")[: n - counts.sum()]] += 1
    return np.repeat(np.arange(len(weights)), counts).astype(np.int64)
