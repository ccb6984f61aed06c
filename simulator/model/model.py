"""``PartnershipModel``: wards' BKMs, government agencies and CSR firms over the years.

One step is one year. Within a year the phases run in this order (MODEL_BRIEF
sections 3 and 4b, ``docs/ODD.md`` section 3):

1. politics: in an election year agencies' priorities, budgets, mandates and
   awareness are reshuffled; BKM boards due for election may turn over;
2. plan: the 5-year plan (RTPLP) is renewed when due (unfunded items expire),
   otherwise a few items are added;
3. grant: the BLM tranche of the year (planning, marketing, implementation);
4. marketing: institutions become aware of wards' programmes (Bass diffusion);
5. proposals: each BKM picks unfunded plan items, their aid form and a partner
   (which fixes the route: government or private);
6. decisions: agencies rank the year's proposals in the musrenbang and budget
   round; firms decide as proposals come; accepted proposals start partnerships;
7. delivery: aid due this year arrives and succeeds or fails; trust learns and
   the news spreads to partners of the same region (reputation);
8. reporting: BKMs report to their live partners; trust learns;
9. learning: capacity, managing body, trust forgetting, awareness forgetting;
10. assets: fees from users, self-help, upkeep, repair and wear; programme status;
11. partnerships: each partner renews, scales down or leaves each live partnership
    (or, under ``structure.renewal = "lapse"``, a lapse rule ends them);
12. observation.

State that pairs every ward with every partner (awareness, trust, live
partnerships) is held in NumPy arrays on the model; the agents in
``simulator.model.agents`` are the readable owners of their rows and columns.
Every number the model uses is read from the parameter registry.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

import mesa
import numpy as np
from mesa.experimental.scenarios import Scenario as MesaScenario
from numpy.typing import NDArray

from simulator.model import mechanisms as mech
from simulator.model.agents import BKM, Firm, GovernmentAgency, Partner
from simulator.params import AID_FORMS, FIRM_KINDS, GOV_SECTORS, LEVERS, MATURITY_BANDS, MATURITY_LEVELS
from simulator.scenario import Scenario, load_scenario

N_FORMS = len(AID_FORMS)
PHYSICAL, MONEY, PROGRAMME, EVENT = range(N_FORMS)
GOV, PRIVATE = 0, 1
ROUTES = ("government", "private")
STATUS = ("unanswered", "refused", "no budget", "accepted")
UNANSWERED, REFUSED, NO_BUDGET, ACCEPTED = range(len(STATUS))
END_REASONS = ("left", "scaled out", "lapsed", "trust failed")
"""Why a partnership ends: the partner's decision (left, or scaled below the minimum), the
backstop or lapse rule (lapsed), or the lapse structure's trust rule (trust failed)."""
TOL = 1e-9

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]


class _Payment(NamedTuple):
    """Accepted aid waiting for payment: due in step ``due``, one element per proposal."""

    due: int
    ward: IntArray
    partner: IntArray
    form: IntArray
    amount: FloatArray


class PartnershipModel(mesa.Model):
    """Partnerships that keep PLPBK community programmes alive.

    Args:
        scenario: A :class:`~simulator.scenario.Scenario`, a scenario file path or
            preset name, or None for the built-in baseline.
        rng: Seed or generator for all randomness (Mesa convention).
        **overrides: Single parameters by keyword name (``trust_initial=0.6``),
            as ``mesa.batch_run`` and SolaraViz pass them.

    Attributes:
        params: The resolved, validated scenario.
        years: Number of years the model runs before ``running`` turns False.
        stats: The latest year's observations (one value per time-series column).
    """

    def __init__(self, scenario: Scenario | str | None = None, *, rng: Any = None, **overrides: Any) -> None:
        """Create the model; see the class docstring for the arguments."""
        if isinstance(scenario, MesaScenario):
            # Mesa's own SolaraViz passes a mesa Scenario on Reset: its rng seeds the run and its
            # other settings are parameter overrides (dotted names with "_" for ".", as sliders give)
            given = {k: v for k, v in vars(scenario).items() if k not in ("rng", "model") and not k.startswith("_")}
            rng = scenario.rng if rng is None else rng
            overrides = {**given, **overrides}
            scenario = None
        super().__init__(rng=rng)
        sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
        self.params: Scenario = sc.with_values(overrides, origin="PartnershipModel") if overrides else sc
        v = self.params.values
        self.years = int(v["time.years"])
        self.start_year = int(v["time.start_year"])
        self.structure = {k.split(".", 1)[1]: str(x) for k, x in v.items() if k.startswith("structure.")}
        self._init_wards()
        self._init_partners()
        self._init_state()
        self.stats: dict[str, float] = {}
        self._observe(new=0, ended=0)
        self.datacollector = mesa.DataCollector(
            model_reporters={name: _stat(name) for name in self.stats},
        )
        self.datacollector.collect(self)

    # ------------------------------------------------------------------ set-up

    def _v(self, name: str) -> float:
        return float(self.params.values[name])

    def _i(self, name: str) -> int:
        return int(self.params.values[name])

    def _init_wards(self) -> None:
        v, rng = self.params.values, self.rng
        wards = self.params.wards
        het = self._v("wards.heterogeneity")
        if wards is None:
            n = int(v["wards.n"])
            shares = np.array([float(v[f"wards.share_{m.replace(' ', '_')}"]) for m in MATURITY_LEVELS])
            maturity = rng.choice(len(MATURITY_LEVELS), size=n, p=shares / shares.sum())
            n_regions = min(int(v["wards.regions"]), n)
            region = (np.arange(n) * n_regions) // n
            names = [f"Ward {i + 1:03d}" for i in range(n)]
            regencies = [f"Region {r + 1}" for r in region]
            plan_items = np.full(n, int(v["wards.plan_items"]))
            grant_scale = np.ones(n)
            grant_marketing = np.full(n, self._v("grant.marketing"))
        else:
            n = len(wards)
            maturity = np.array([MATURITY_LEVELS.index(w.maturity) for w in wards])
            regs = list(dict.fromkeys(w.regency for w in wards))
            region = np.array([regs.index(w.regency) for w in wards])
            n_regions = len(regs)
            names = [w.name for w in wards]
            regencies = [w.regency for w in wards]
            plan_items = np.array([w.plan_items for w in wards])
            total = sum(
                self._v(f"grant.{k}")
                for k in ("planning", "marketing", "implementation_1", "implementation_2", "local_cofunding")
            )
            grant_scale = np.array([w.grant_received / total if total > 0 else 0.0 for w in wards])
            grant_marketing = np.array(
                [
                    w.grant_marketing if w.grant_marketing is not None else self._v("grant.marketing") * s
                    for w, s in zip(wards, grant_scale, strict=True)
                ]
            )
        self.n_wards, self.n_regions = n, n_regions
        lo = np.array([MATURITY_BANDS[m][0] for m in MATURITY_LEVELS])[maturity]
        hi = np.array([MATURITY_BANDS[m][1] for m in MATURITY_LEVELS])[maturity]
        self.capacity: FloatArray = rng.uniform(lo, hi)
        self.skill: FloatArray = np.clip(rng.normal(self._v("bkm.marketing_skill"), het, n), 0, 1)
        self.coordination: FloatArray = np.clip(rng.normal(self._v("bkm.coordination"), het, n), 0, 1)
        self.mb_base: FloatArray = np.clip(rng.normal(self._v("bkm.managing_body"), het, n), 0, 1)
        self.market_access: FloatArray = np.clip(rng.normal(self._v("demand.market_access"), het, n), 0, 1)
        if wards is not None:
            for i, w in enumerate(wards):
                for col, arr in (
                    ("marketing_skill", self.skill),
                    ("coordination", self.coordination),
                    ("managing_body", self.mb_base),
                    ("market_access", self.market_access),
                ):
                    given = getattr(w, col)
                    if given is not None:
                        arr[i] = given
        self.managing_body: FloatArray = mech.managing_body_target(
            self.mb_base, self.capacity, self._v("bkm.managing_body_capacity_weight")
        )
        self.plan_items: IntArray = plan_items.astype(np.int64)
        self.backlog: IntArray = self._draw_plan(self.plan_items)
        self.region: IntArray = region.astype(np.int64)
        self.grant_scale: FloatArray = grant_scale
        self.grant_marketing: FloatArray = grant_marketing
        self.maturity0 = [MATURITY_LEVELS[m] for m in maturity]
        term = self._i("bkm.term_years")
        self.election_offset: IntArray = rng.integers(1, term + 1, n).astype(np.int64)
        self.bkms = [
            BKM(self, i, names[i], regencies[i], int(region[i]), MATURITY_LEVELS[maturity[i]]) for i in range(n)
        ]

    def _draw_plan(self, items: IntArray) -> IntArray:
        mix = np.array([self._v(f"wards.mix_{f}") for f in AID_FORMS])
        return self.rng.multinomial(items, mix / mix.sum()).astype(np.int64).reshape(len(items), N_FORMS)

    def _init_partners(self) -> None:
        v = self.params.values
        n_gov, n_firm = int(v["government.agencies"]), int(v["firms.n"])
        W, R = self.n_wards, self.n_regions
        self.n_gov, self.n_firms = n_gov, n_firm
        P = n_gov + n_firm
        self.n_partners = P
        self.sector: IntArray = np.r_[np.zeros(n_gov, np.int64), np.ones(n_firm, np.int64)]
        wards_in_region = np.bincount(self.region, minlength=R).astype(float)
        gov_region = np.arange(n_gov) % R
        # firms are placed in regions in proportion to their wards, kinds by the largest-remainder
        # rule, so both mixes are exact and not random
        firm_region = _apportion(wards_in_region, n_firm)
        shares = np.array([self._v(f"firms.share_{k}") for k in ("state", "bank", "resource", "private")])
        firm_kind = _apportion(shares, n_firm)
        mand, priv = self._v("firms.mandatory_factor"), self._v("firms.private_factor")
        budget_factor = np.array([mand, 1.0, mand, priv])[firm_kind]
        resp_factor = np.array([1.0, 1.0, mand, priv])[firm_kind]
        self.partner_region: IntArray = np.r_[gov_region, firm_region].astype(np.int64)

        self.gov_region_budget = self._v("government.budget_per_ward") * wards_in_region
        self.priority: FloatArray = np.zeros(P)
        budget = np.zeros(P)
        if n_firm:
            budget[n_gov:] = self._v("firms.csr_budget_per_ward") * W * budget_factor / budget_factor.sum()
        self.budget: FloatArray = budget
        self.responsiveness: FloatArray = np.r_[
            np.full(n_gov, self._v("government.responsiveness")),
            np.clip(self._v("firms.responsiveness") * resp_factor, 0, 1),
        ]
        self.base_bias: FloatArray = np.r_[
            np.full(n_gov, self._v("government.acceptance_bias")), np.full(n_firm, self._v("firms.acceptance_bias"))
        ]
        self.ceiling: FloatArray = np.r_[
            np.full(n_gov, self._v("government.ceiling")), np.full(n_firm, self._v("firms.ceiling"))
        ]
        self.pref_p: FloatArray = np.r_[
            np.full(n_gov, self._v("government.preferred_forms")), np.full(n_firm, self._v("firms.preferred_forms"))
        ]
        self.fit: FloatArray = self._draw_mandates(np.arange(P))
        same = self.partner_region[:, None] == self.region[None, :]
        self.reach: FloatArray = np.where(same, 1.0, 0.0)
        self.reach[n_gov:] = np.where(same[n_gov:], 1.0, self._v("firms.outside_reach"))
        self._set_gov_budgets()
        self.budget_left: FloatArray = self.budget.copy()
        self.partner_list: list[Partner] = []
        regency_of_region = {
            int(r): self.bkms[int(np.argmax(self.region == r))].regency for r in np.unique(self.region)
        }
        for g in range(n_gov):
            kind = GOV_SECTORS[(g // R) % len(GOV_SECTORS)]
            where = regency_of_region.get(int(gov_region[g]), f"region {gov_region[g] + 1}")
            self.partner_list.append(GovernmentAgency(self, g, f"{kind} ({where})", kind, int(gov_region[g])))
        for f in range(n_firm):
            kind = FIRM_KINDS[firm_kind[f]]
            self.partner_list.append(Firm(self, n_gov + f, f"{kind} {f + 1}", kind, int(firm_region[f])))
        self.partner_kind = [p.kind for p in self.partner_list]

    def _draw_mandates(self, who: IntArray) -> FloatArray:
        """Preferred aid forms (mandate or CSR focus) of the given partners, as fit values."""
        rng = self.rng
        preferred = rng.random((len(who), N_FORMS)) < self.pref_p[who, None]
        none = ~preferred.any(axis=1)
        preferred[none, rng.integers(0, N_FORMS, none.sum())] = True
        return np.where(preferred, 1.0, self._v("acceptance.unpreferred_fit"))

    def _set_gov_budgets(self) -> None:
        """Split each region's community budget among its agencies by their current priority."""
        G = self.n_gov
        if not G:
            return
        r = self.partner_region[:G]
        weight = np.exp(self.priority[:G])
        total = np.bincount(r, weights=weight, minlength=self.n_regions)
        self.budget[:G] = self.gov_region_budget[r] * weight / total[r]

    def _init_state(self) -> None:
        W, P = self.n_wards, self.n_partners
        t0 = self._v("trust.initial")
        self.trust_partner: FloatArray = np.full((P, W), t0)
        self.trust_bkm: FloatArray = np.full((P, W), t0)
        self.aware: BoolArray = np.zeros((P, W), dtype=bool)
        self.contact: BoolArray = np.zeros((P, W), dtype=bool)
        self.heard: BoolArray = np.zeros((P, W), dtype=bool)
        self.alive: BoolArray = np.zeros((P, W), dtype=bool)
        self.scale: FloatArray = np.zeros((P, W))
        self.started: IntArray = np.zeros((P, W), dtype=np.int64)
        self.last_active: IntArray = np.zeros((P, W), dtype=np.int64)
        self.last_form: IntArray = np.zeros((P, W), dtype=np.int64)
        self.reported: BoolArray = np.zeros((P, W), dtype=bool)
        self.committed: BoolArray = np.zeros((P, W), dtype=bool)
        self.cash: FloatArray = np.zeros(W)
        self.assets: FloatArray = np.zeros(W)
        self.condition: FloatArray = np.ones(W)
        self.sustained: BoolArray = np.zeros(W, dtype=bool)
        self.coverage: FloatArray = np.zeros(W)
        self.event_boost: FloatArray = np.zeros(W)
        self.marketing_effort: FloatArray = np.zeros(W)
        self.partnership_years: FloatArray = np.zeros(W)
        self.sustained_years: FloatArray = np.zeros(W)
        self.aid_received: FloatArray = np.zeros(W)
        self.aid_given: FloatArray = np.zeros(P)
        self.ever_partnered: BoolArray = np.zeros(P, dtype=bool)
        self.grant_received: FloatArray = np.zeros(W)
        self.grant_spent: FloatArray = np.zeros(W)
        self.fees_total: FloatArray = np.zeros(W)
        self.rehab_total: FloatArray = np.zeros(W)
        # ledgers (Rp million, cumulative) that the invariant tests balance
        self.cash_in: FloatArray = np.zeros(W)  # fees, self-help, money aid that succeeded
        self.cash_out: FloatArray = np.zeros(W)  # upkeep and activities paid from cash
        self.built_total: FloatArray = np.zeros(W)  # asset value built by the grant and by physical aid
        self.turnovers: IntArray = np.zeros(W, dtype=np.int64)
        self.items_expired: IntArray = np.zeros(W, dtype=np.int64)
        self._need_hist: list[FloatArray] = []
        self._paid_hist: list[FloatArray] = []
        # accepted aid waiting for payment (government: a payment lag later)
        self._pending: list[_Payment] = []
        self._log: dict[str, list[Any]] = {
            k: [] for k in ("year", "event", "ward", "partner", "form", "amount", "status", "duration")
        }
        self._year_stats: dict[str, float] = {}

    # ------------------------------------------------------------------ the year

    def step(self) -> None:
        """Simulate one year (see the module docstring for the phase order)."""
        t = self.steps - 1
        year = self.start_year + t
        lv = {name: (self._v(f"levers.{name}") if year >= self._v(f"levers.{name}_start") else 0.0) for name in LEVERS}
        ys: dict[str, float] = {}
        W = self.n_wards
        self._projects = np.zeros(W)
        self._inkind = np.zeros(W)
        self._touched = np.zeros_like(self.alive)
        self._phase_politics(year, ys)
        self._phase_bkm_elections(t, lv, ys)
        self._phase_plan(t, ys)
        self.budget_left[:] = self.budget
        self._phase_grant(t, ys)
        self._phase_marketing(t, year, lv)
        w, p, f, req = self._phase_proposals()
        cw, cp, cf, creq = self._continuations()
        self._phase_decisions(t, year, lv, w, p, f, req, ys, (cw, cp, cf, creq))
        self._phase_delivery(t, year, ys)
        self._phase_reporting(ys)
        self._phase_learning(t, year, lv)
        self._phase_assets(ys)
        new = int(ys.pop("_new", 0))
        ended = self._phase_partnerships(t, year, ys)
        ys["lever_cost"] = float(sum(lv[n] * self._v(f"levers.{n}_cost") for n in LEVERS) * W)
        self._year_stats = ys
        self.partnership_years += self.alive.sum(0)
        self.sustained_years += self.sustained
        self._observe(new=new, ended=ended)
        self.datacollector.collect(self)
        if self.steps >= self.years:
            self.running = False

    def _facilitation(self, t: int, year: int, lv: Mapping[str, float]) -> float:
        during = t < self._v("programme.facilitation_years")
        base = self._v("programme.facilitation_during") if during else self._v("programme.facilitation_after")
        if self.params.values["programme.kotaku"] and year >= self._v("programme.kotaku_year"):
            base = max(base, self._v("programme.kotaku_facilitation"))
        return min(1.0, base + lv["facilitation"])

    def _phase_politics(self, year: int, ys: dict[str, float]) -> None:
        """A regional election reshuffles agencies' priorities, budgets, mandates and awareness."""
        first, every = self._i("government.first_election"), self._i("government.election_years")
        election = year >= first and (year - first) % every == 0
        ys["election"] = float(election)
        G = self.n_gov
        if not election or not G:
            return
        rng = self.rng
        self.priority[:G] = rng.normal(0.0, self._v("government.priority_spread"), G)
        self._set_gov_budgets()
        change = np.nonzero(rng.random(G) < self._v("government.mandate_change"))[0]
        if len(change):
            self.fit[change] = self._draw_mandates(change)
        p_loss = self._v("government.election_awareness_loss")
        lost = self.aware[:G] & ~self.alive[:G] & (rng.random((G, self.n_wards)) < p_loss)
        self.aware[:G] &= ~lost

    def _phase_bkm_elections(self, t: int, lv: Mapping[str, float], ys: dict[str, float]) -> None:
        """Boards due for election may turn over: the team loses skill, capacity and ties."""
        term = self._i("bkm.term_years")
        due = (t > 0) & ((t - self.election_offset) % term == 0)
        p_turn = self._v("bkm.turnover") * (1.0 - lv["consistent_team"] * self._v("levers.consistent_team_effect"))
        turn = due & (self.rng.random(self.n_wards) < p_turn)
        ys["turnovers"] = float(turn.sum())
        if not turn.any():
            return
        self.turnovers += turn
        self.skill[turn] *= 1.0 - self._v("bkm.turnover_skill_loss")
        self.capacity[turn] *= 1.0 - self._v("bkm.turnover_capacity_loss")
        if self.structure["trust"] != "fixed":
            loss, t0 = self._v("bkm.turnover_tie_loss"), self._v("trust.initial")
            self.trust_partner[:, turn] += loss * (t0 - self.trust_partner[:, turn])
            self.trust_bkm[:, turn] += loss * (t0 - self.trust_bkm[:, turn])

    def _phase_plan(self, t: int, ys: dict[str, float]) -> None:
        """Renew the RTPLP when due (unfunded items expire; worn assets add repair items), else add a few."""
        every = self._i("wards.plan_years")
        if t > 0 and t % every == 0:
            expired = self.backlog.sum(1)
            self.items_expired += expired
            ys["plan_items_expired"] = float(expired.sum())
            self.backlog = self._draw_plan(self.plan_items)
            repair = np.floor(self.assets * (1.0 - self.condition) / self._v("aid.size_physical")).astype(np.int64)
            self.backlog[:, PHYSICAL] += repair
            return
        ys["plan_items_expired"] = 0.0
        if t > 0:
            new_items = self.rng.poisson(self._v("wards.plan_renewal"), self.n_wards)
            self.backlog += self._draw_plan(new_items)

    def _phase_grant(self, t: int, ys: dict[str, float]) -> None:
        """BLM tranches on the grant calendar: planning, marketing, two implementation tranches."""
        py = t + 1  # programme year
        s = self.grant_scale
        spent = np.zeros(self.n_wards)
        if py == self._i("grant.planning_year"):
            amt = self._v("grant.planning") * s
            self.grant_received += amt
            spent += amt
            self._projects += self._v("grant.planning_projects") * (s > 0)
        if py == self._i("grant.marketing_year"):
            self.grant_received += self.grant_marketing
            spent += self.grant_marketing
        impl = 0.0
        if py == self._i("grant.implementation_1_year"):
            impl += self._v("grant.implementation_1")
        if py == self._i("grant.implementation_2_year"):
            impl += self._v("grant.implementation_2") + self._v("grant.local_cofunding")
        if impl > 0:
            amt = impl * s
            self.grant_received += amt
            used = amt * mech.grant_absorption(
                self.capacity, self._v("grant.absorption_min"), self._v("grant.absorption_full")
            )
            spent += used
            wp = self._v("aid.physical_managing_body_weight")
            q_phys = wp * self.managing_body + (1.0 - wp) * self.capacity
            built = used * mech.delivery_success_probability(q_phys, self._v("aid.delivery_min"))
            self._add_assets(built)
            self.built_total += built
            size = self._v("aid.size_physical")
            items = np.minimum(self.backlog[:, PHYSICAL], np.floor(used / size).astype(np.int64))
            self.backlog[:, PHYSICAL] -= items
            self._projects += used / size
        if py <= self._i("grant.implementation_2_year"):
            self._inkind += self._v("programme.activity_cost") * np.minimum(1.0, s)
        self.grant_spent += spent
        ys["grant_spent"] = float(spent.sum())

    def _add_assets(self, value: FloatArray) -> None:
        total = self.assets + value
        with np.errstate(invalid="ignore", divide="ignore"):
            self.condition = np.where(total > 0, (self.condition * self.assets + value) / total, self.condition)
        self.assets = total

    def _phase_marketing(self, t: int, year: int, lv: Mapping[str, float]) -> None:
        """Institutions learn of wards' programmes: Bass diffusion plus musrenbang and CSR forum."""
        # a team that understands the concept keeps marketing on its own (study enabler 3)
        effort = self._v("programme.marketing_after") * self.skill
        first, span = self._i("grant.marketing_year"), self._i("grant.marketing_span")
        if first <= t + 1 < first + span:  # the marketing tranche is being spent
            effort = np.maximum(effort, np.minimum(1.0, self.grant_marketing / span / self._v("grant.marketing_ref")))
        effort = np.minimum(1.0, effort + lv["marketing_push"] + self.event_boost)
        self.marketing_effort = effort
        self.marketing = effort * self.skill
        G = self.n_gov
        p, q = self._v("marketing.innovation"), self._v("marketing.imitation")
        prob = np.zeros((self.n_partners, self.n_wards))
        reach = self.reach
        if G:
            reach_g = reach[:G]
            share_g = (self.aware[:G] * reach_g).sum(0) / np.maximum(1.0, reach_g.sum(0))
            facil = self._facilitation(t, year, lv)
            wf = self._v("government.awareness_facilitation_share")
            musrenbang = self._v("government.awareness") * self.coordination * (1.0 - wf + wf * facil)
            prob[:G] = mech.bass_awareness(self.marketing, share_g, p, q, musrenbang)[None, :]
        if self.n_firms:
            reach_f = reach[G:]
            share_f = (self.aware[G:] * reach_f).sum(0) / np.maximum(TOL, reach_f.sum(0))
            forum = lv["csr_forum"] * self._v("levers.csr_forum_awareness")
            prob[G:] = mech.bass_awareness(self.marketing, share_f, p, q, forum)[None, :]
        draw = self.rng.random((self.n_partners, self.n_wards))
        self.aware |= draw < prob * reach

    def _phase_proposals(self) -> tuple[IntArray, IntArray, IntArray, FloatArray]:
        """Each BKM picks plan items (form) and a partner for each; returns proposal arrays."""
        rng, W = self.rng, self.n_wards
        e = np.zeros(0, dtype=np.int64)
        fc, fm = self._v("bkm.proposals_capacity_floor"), self._v("bkm.proposals_marketing_floor")
        lam = (
            self._v("bkm.proposals_per_year")
            * (fc + (1.0 - fc) * self.capacity)
            * (fm + (1.0 - fm) * self.marketing_effort)
        )
        n_w = np.minimum(rng.poisson(lam), self.backlog.sum(1))
        avail = self.backlog.copy()
        asked = np.zeros((self.n_partners, W), dtype=bool)
        bonus = self._v("partnership.continuation_bonus")
        floor, repeat = self._v("partnership.trust_floor"), self._v("partnership.repeat_factor")
        out_w, out_p, out_f = [], [], []
        if self.n_partners == 0:  # nobody to send proposals to
            return e, e, e, np.zeros(0)
        known = self.aware * self.reach
        for r in range(int(n_w.max(initial=0))):
            ws = np.nonzero(n_w > r)[0]
            tot = avail[ws].sum(1)
            ws = ws[tot > 0]
            if len(ws) == 0:
                break
            cs = np.cumsum(avail[ws], axis=1)
            u = rng.random(len(ws)) * cs[:, -1]
            f = (cs <= u[:, None]).sum(1)
            avail[ws, f] -= 1
            wt = (
                known[:, ws].T
                * (floor + self.trust_bkm[:, ws].T)
                * self.fit[:, f].T
                * (1.0 + bonus * self.alive[:, ws].T)
                * np.where(asked[:, ws].T, repeat, 1.0)
            )
            cw = np.cumsum(wt, axis=1)
            ok = cw[:, -1] > 0
            u2 = rng.random(len(ws)) * cw[:, -1]
            p = (cw <= u2[:, None]).sum(1)
            ws, p, f = ws[ok], p[ok], f[ok]
            asked[p, ws] = True
            out_w.append(ws)
            out_p.append(p)
            out_f.append(f)
        if not out_w:
            return e, e, e, np.zeros(0)
        w, p, f = np.concatenate(out_w), np.concatenate(out_p), np.concatenate(out_f)
        sizes = np.array([self._v(f"aid.size_{x}") for x in AID_FORMS])
        sig = self._v("aid.size_sigma")
        req = sizes[f] * rng.lognormal(-sig * sig / 2, sig, len(w))
        return w, p, f, req

    def _continuations(self) -> tuple[IntArray, IntArray, IntArray, FloatArray]:
        """This year's support from partnerships their partners renewed last year (same form, at their scale)."""
        p, w = np.nonzero(self.committed & self.alive)
        f = self.last_form[p, w]
        sizes = np.array([self._v(f"aid.size_{x}") for x in AID_FORMS])
        sig = self._v("aid.size_sigma")
        req = sizes[f] * self.scale[p, w] * self.rng.lognormal(-sig * sig / 2, sig, len(w))
        return w, p, f, req

    def _enabler(self, p: IntArray, w: IntArray) -> FloatArray:
        shares = (
            self._v("enablers.trust_share"),
            self._v("enablers.coordination_share"),
            self._v("enablers.skill_share"),
        )
        return mech.enabler_index(
            self.trust_partner[p, w], self.coordination[w], self.skill[w], shares, self.structure["enablers"]
        )

    def _phase_decisions(
        self,
        t: int,
        year: int,
        lv: Mapping[str, float],
        w: IntArray,
        p: IntArray,
        f: IntArray,
        req: FloatArray,
        ys: dict[str, float],
        cont: tuple[IntArray, IntArray, IntArray, FloatArray],
    ) -> None:
        """Partners answer and decide; accepted proposals start partnerships and schedule aid.

        Support a partner committed to by renewing a partnership comes first, within
        its budget. Agencies then decide in the yearly musrenbang and budget round:
        the proposals they would accept are funded best first until the agency's
        budget is spent. Firms decide as proposals come, in random order, within
        their CSR budgets.
        """
        rng = self.rng
        n_new = len(w)
        w, p, f, req = (np.r_[a, b] for a, b in zip((w, p, f, req), cont, strict=True))
        is_cont = np.arange(len(w)) >= n_new
        n = len(w)
        G = self.n_gov
        resp = self.responsiveness.copy()
        resp[G:] += lv["csr_forum"] * self._v("levers.csr_forum_responsiveness") * (1.0 - resp[G:])
        answered = is_cont | (rng.random(n) < resp[p] * self.reach[p, w])
        quality = self._v("acceptance.quality_capacity") * self.capacity + self._v(
            "acceptance.quality_facilitation"
        ) * self._facilitation(t, year, lv)
        is_gov = self.sector[p] == GOV
        live = self.alive[p, w]
        x = mech.acceptance_logit(
            self.base_bias[p] + self.priority[p],
            self._enabler(p, w),
            self.fit[p, f],
            quality[w],
            self._v("acceptance.enabler_weight"),
            self._v("acceptance.fit_weight"),
            self._v("acceptance.quality_weight"),
            self._v("acceptance.partner_bonus") * self.scale[p, w] * live,
        )
        utility = x + rng.logistic(size=n)
        yes = is_cont | (answered & (utility > 0))
        amount = np.minimum(req, self.ceiling[p] * np.where(live, self.scale[p, w], 1.0))
        give_cost = np.array([self._v(f"aid.cost_{x}") for x in AID_FORMS])
        cost = amount * give_cost[f]
        # agencies fund the best proposals first; firms in the order proposals arrive
        rank = np.where(is_gov, -utility, rng.random(n))
        order = np.lexsort((rank, ~is_cont))
        cum = np.empty(n)
        cum[order] = mech.grouped_cumsum(p[order], (cost * yes)[order])
        fits = cum <= self.budget_left[p] + TOL
        acc = yes & fits
        status = np.where(acc, ACCEPTED, np.where(yes, NO_BUDGET, np.where(answered, REFUSED, UNANSWERED)))
        self.budget_left -= np.bincount(p[acc], weights=cost[acc], minlength=self.n_partners)
        plan = acc & ~is_cont
        np.subtract.at(self.backlog, (w[plan], f[plan]), 1)
        self.committed[:] = False
        # the BKM's trust in the partner learns from the answer
        ls, _ = mech.learning_rates(
            self.structure["trust"], self._v("trust.learn_success"), self._v("trust.learn_failure")
        )
        if self.structure["trust"] != "fixed":
            rp, ip = self._v("trust.refusal_penalty"), self._v("trust.ignore_penalty")
            for idx in mech.occurrence_rounds(p * self.n_wards + w):
                idx = idx[~is_cont[idx]]
                pi, wi = p[idx], w[idx]
                tb = self.trust_bkm[pi, wi]
                penalty = np.where(answered[idx], rp, ip)
                self.trust_bkm[pi, wi] = np.where(acc[idx], tb + ls * (1 - tb), tb - penalty * tb)
        self.contact[p, w] = True
        self._touched[p, w] = True
        # partnerships
        aw, ap, af = w[acc], p[acc], f[acc]
        first = np.zeros(len(aw), dtype=bool)  # a pair with several acceptances starts one partnership
        first[np.unique(ap * self.n_wards + aw, return_index=True)[1]] = True
        new = first & ~self.alive[ap, aw]
        if new.any():
            nw, np_ = aw[new], ap[new]
            self.alive[np_, nw] = True
            self.scale[np_, nw] = 1.0
            self.started[np_, nw] = t
            self.ever_partnered[np_] = True
            self._record(year, "partnership_start", nw, np_, af[new], amount[acc][new], "started", np.zeros(len(nw)))
        # an accepted government proposal keeps the partnership active until it is paid
        lag = self._i("government.payment_lag")
        np.maximum.at(self.last_active, (ap, aw), np.where(self.sector[ap] == GOV, t + lag, t))
        self.last_form[ap, aw] = af
        st = np.asarray(STATUS)[status]
        shown = np.where(acc, amount, req)
        nc = ~is_cont
        self._record(year, "proposal", w[nc], p[nc], f[nc], shown[nc], st[nc], np.zeros(int(nc.sum())))
        c = is_cont
        self._record(year, "continuation", w[c], p[c], f[c], shown[c], st[c], np.zeros(n - n_new))
        g_acc = acc & is_gov
        self._pending.append(_Payment(t + lag, w[g_acc], p[g_acc], f[g_acc], amount[g_acc]))
        pr_acc = acc & ~is_gov
        self._pending.append(_Payment(t, w[pr_acc], p[pr_acc], f[pr_acc], amount[pr_acc]))
        ys["_new"] = float(new.sum())
        ys["continuations_funded"] = float((acc & is_cont).sum())
        ys["continuations_unfunded"] = float((~acc & is_cont).sum())
        for r, route in enumerate(ROUTES):
            ys[f"aid_committed_{route}"] = float(amount[(self.sector[p] == r) & acc].sum())
            m = (self.sector[p] == r) & nc
            ys[f"proposals_sent_{route}"] = float(m.sum())
            ys[f"proposals_answered_{route}"] = float((m & answered).sum())
            ys[f"proposals_accepted_{route}"] = float((m & acc).sum())
            ys[f"proposals_no_budget_{route}"] = float((m & yes & ~fits).sum())

    def _phase_delivery(self, t: int, year: int, ys: dict[str, float]) -> None:
        """Aid due this year arrives; success depends on the BKM; trust learns and news spreads."""
        due = [x for x in self._pending if x.due == t]
        self._pending = [x for x in self._pending if x.due > t]
        W = self.n_wards
        for form in AID_FORMS:
            ys[f"aid_{form}"] = 0.0
        ys["aid_failed"] = 0.0
        ys["aid_rehabilitation"] = 0.0
        self.event_boost = np.zeros(W)
        if not due or sum(len(x.ward) for x in due) == 0:
            return
        w = np.concatenate([x.ward for x in due])
        p = np.concatenate([x.partner for x in due])
        f = np.concatenate([x.form for x in due])
        amt = np.concatenate([x.amount for x in due])
        mb, cap = self.managing_body, self.capacity
        wp, wm = self._v("aid.physical_managing_body_weight"), self._v("aid.money_managing_body_weight")
        we = self._v("aid.event_coordination_weight")
        q_form = np.stack(
            [
                wp * mb + (1 - wp) * cap,
                wm * mb + (1 - wm) * cap,
                cap,
                we * self.coordination + (1 - we) * self.skill,
            ],
            axis=1,
        )
        ok = self.rng.random(len(w)) < mech.delivery_success_probability(q_form[w, f], self._v("aid.delivery_min"))
        self.aid_received += np.bincount(w, weights=amt, minlength=W)
        self.aid_given += np.bincount(p, weights=amt, minlength=self.n_partners)
        good = np.zeros((W, N_FORMS))
        np.add.at(good, (w[ok], f[ok]), amt[ok])
        self.assets, self.condition, repair = mech.rehabilitate(
            self.assets, self.condition, good[:, PHYSICAL], self._v("assets.rehab_share")
        )
        self.rehab_total += repair
        self.built_total += good[:, PHYSICAL] - repair
        ys["aid_rehabilitation"] = float(repair.sum())
        self.cash += good[:, MONEY]
        self.cash_in += good[:, MONEY]
        self._inkind += good[:, PROGRAMME] + good[:, EVENT]
        gain = self._v("aid.programme_capacity_gain") * good[:, PROGRAMME]
        self.capacity = np.clip(self.capacity + np.minimum(1.0, gain) * (1.0 - self.capacity), 0.0, 1.0)
        self.event_boost = np.minimum(1.0, self._v("aid.event_awareness_gain") * (good[:, EVENT] > 0))
        self._learn_from_deliveries(p, w, ok)
        np.maximum.at(self.last_active, (p, w), t)
        self.last_form[p, w] = f
        self._touched[p, w] = True
        self._projects += np.bincount(w, minlength=W)
        self._record(year, "delivery", w, p, f, amt, np.where(ok, "succeeded", "failed"), np.zeros(len(w)))
        for k, form in enumerate(AID_FORMS):
            ys[f"aid_{form}"] = float(amt[f == k].sum())
        ys["aid_failed"] = float(amt[~ok].sum())

    def _learn_from_deliveries(self, p: IntArray, w: IntArray, ok: BoolArray) -> None:
        """Own experience, then what other partners of the same region saw (reputation)."""
        if self.structure["trust"] == "fixed":
            return
        ls, lf = mech.learning_rates(
            self.structure["trust"], self._v("trust.learn_success"), self._v("trust.learn_failure")
        )
        # several deliveries to one pair in a year are learned from one after another
        for idx in mech.occurrence_rounds(p * self.n_wards + w):
            pi, wi, oi = p[idx], w[idx], ok[idx]
            self.trust_partner[pi, wi] = mech.trust_update(self.trust_partner[pi, wi], oi, ls, lf)
            tb = self.trust_bkm[pi, wi]
            self.trust_bkm[pi, wi] = np.where(oi, tb + ls * (1 - tb), tb)
        spread = self._v("trust.reputation_spread")
        if spread <= 0:
            return
        W, P, R = self.n_wards, self.n_partners, self.n_regions
        own_s = np.bincount(p * W + w, weights=ok, minlength=P * W).reshape(P, W)
        own_f = np.bincount(p * W + w, weights=~ok, minlength=P * W).reshape(P, W)
        reg = self.partner_region[p]
        reg_s = np.bincount(reg * W + w, weights=ok, minlength=R * W).reshape(R, W)
        reg_f = np.bincount(reg * W + w, weights=~ok, minlength=R * W).reshape(R, W)
        heard_s = reg_s[self.partner_region] - own_s
        heard_f = reg_f[self.partner_region] - own_f
        self.trust_partner = mech.reputation_update(self.trust_partner, heard_s, heard_f, spread, ls, lf)
        self.heard |= (heard_s + heard_f) > 0

    def _phase_reporting(self, ys: dict[str, float]) -> None:
        """BKMs send their live partners a yearly accountability report, or fail to."""
        p_rep = mech.report_probability(self.capacity, self.coordination, self._v("bkm.reporting_coordination_weight"))
        self.reported = self.alive & (self.rng.random(self.alive.shape) < p_rep[None, :])
        ys["reports_sent"] = float(self.reported.sum())
        ys["reports_missing"] = float((self.alive & ~self.reported).sum())
        if self.structure["trust"] == "fixed" or not self.alive.any():
            return
        rate = self._v("trust.learn_report")
        pi, wi = np.nonzero(self.alive)
        tp = self.trust_partner[pi, wi]
        self.trust_partner[pi, wi] = np.clip(tp + rate * (self.reported[pi, wi] - tp), 0.0, 1.0)

    def _phase_learning(self, t: int, year: int, lv: Mapping[str, float]) -> None:
        """Capacity, managing body, trust and awareness change with this year's experience."""
        facil = self._facilitation(t, year, lv)
        practice = np.minimum(1.0, self._projects / self._v("bkm.practice_ref"))
        over_ref = self._v("bkm.overload_projects")
        overload = np.maximum(0.0, self._projects - over_ref) / over_ref
        self.capacity = mech.capacity_update(
            self.capacity,
            practice,
            facil,
            lv["strengthening"],
            overload,
            self._v("bkm.learning_rate"),
            self._v("bkm.erosion_rate"),
            self._v("bkm.practice_weight"),
        )
        target = mech.managing_body_target(self.mb_base, self.capacity, self._v("bkm.managing_body_capacity_weight"))
        self.managing_body = self.managing_body + self._v("bkm.managing_body_adjust") * (target - self.managing_body)
        if self.structure["trust"] != "fixed":
            idle = (self.contact | self.heard) & ~self._touched
            rate = self._v("trust.forgetting") * (1.0 - self._v("trust.coordination_memory") * self.coordination)
            t0 = self._v("trust.initial")
            self.trust_partner = np.where(idle, mech.trust_forget(self.trust_partner, t0, rate), self.trust_partner)
            self.trust_bkm = np.where(idle, mech.trust_forget(self.trust_bkm, t0, rate), self.trust_bkm)
        G = self.n_gov
        forget = np.r_[
            np.full(G, self._v("government.awareness_forgetting")),
            np.full(self.n_firms, self._v("firms.awareness_forgetting")),
        ][:, None]
        p_forget = np.broadcast_to(forget, self.aware.shape).copy()
        p_forget[:G] *= (1.0 - self.coordination)[None, :]
        lost = self.aware & ~self.alive & (self.rng.random(self.aware.shape) < p_forget)
        self.aware &= ~lost
        train = self._v("levers.marketing_push_training") * lv["marketing_push"]
        self.skill = np.clip(self.skill + train * (1.0 - self.skill), 0.0, 1.0)

    def _phase_assets(self, ys: dict[str, float]) -> None:
        """Fees, self-help, upkeep, repair and wear; then whether each ward's programme is sustained."""
        fees, agreed = mech.fee_revenue(
            self.assets,
            self.condition,
            self.market_access,
            self.managing_body,
            self._v("demand.users_per_asset"),
            self._v("demand.willingness_to_pay"),
            self._v("demand.collection_min"),
            self.structure["demand"],
        )
        self.fees_total += fees
        income = fees + self._v("programme.self_help") * self.capacity
        self.cash += income
        self.cash_in += income
        before = self.cash
        upkeep = mech.upkeep_need(
            self.assets,
            self.condition,
            self._v("assets.upkeep_rate"),
            self._v("assets.upkeep_growth"),
            self.structure["upkeep"],
        )
        activity = self._v("programme.activity_cost")
        self.cash, paid_upkeep, paid = mech.pay_needs(self.cash, upkeep, activity, self._inkind)
        self.cash_out += before - self.cash
        phi = np.divide(paid_upkeep, upkeep, out=np.ones(self.n_wards), where=upkeep > 0)
        self.condition = mech.condition_update(
            self.condition,
            phi,
            self.managing_body,
            self._v("assets.decay"),
            self._v("assets.repair_rate"),
            self._v("assets.upkeep_managing_body_weight"),
            self.structure["upkeep"],
        )
        need = upkeep + activity
        win = self._i("programme.sustain_window")
        self._need_hist = ([*self._need_hist, need])[-win:]
        self._paid_hist = ([*self._paid_hist, paid])[-win:]
        tot_need = np.sum(self._need_hist, axis=0)
        self.coverage = np.divide(
            np.sum(self._paid_hist, axis=0), tot_need, out=np.ones(self.n_wards), where=tot_need > 0
        )
        self.sustained = (self.coverage >= self._v("programme.sustain_coverage") - TOL) & (
            self.capacity >= self._v("programme.sustain_capacity")
        )
        ys["fees_collected"] = float(fees.sum())
        ys["fees_potential"] = float(agreed.sum())
        ys["upkeep_need"] = float(upkeep.sum())
        ys["upkeep_paid"] = float(paid_upkeep.sum())

    def _phase_partnerships(self, t: int, year: int, ys: dict[str, float]) -> int:
        """Partners renew, scale down or leave live partnerships (or the lapse rule ends them)."""
        ys["partnerships_renewed"] = 0.0
        ys["partnerships_scaled_down"] = 0.0
        if self.structure["renewal"] == "lapse":
            failed = self.alive & (self.trust_partner < self._v("trust.end_threshold"))
            lapsed = self.alive & ~failed & (t - self.last_active >= self._v("partnership.lapse_years"))
            ended = failed | lapsed
            reason = np.where(failed, END_REASONS.index("trust failed"), END_REASONS.index("lapsed"))
        else:
            ended, reason = self._renewal_decisions(t, ys)
        if not ended.any():
            return 0
        p, w = np.nonzero(ended)
        dur = (t - self.started[p, w]).astype(float)  # years it was observed alive
        status = np.asarray(END_REASONS, dtype=object)[reason[p, w]]
        self._record(year, "partnership_end", w, p, self.last_form[p, w], np.zeros(len(w)), status, dur)
        self.alive &= ~ended
        self.scale[ended] = 0.0
        return len(w)

    def _renewal_decisions(self, t: int, ys: dict[str, float]) -> tuple[BoolArray, IntArray]:
        """Each partner decides on each live partnership that began before this year."""
        reason = np.zeros(self.alive.shape, dtype=np.int64)
        backstop = self.alive & (t - self.last_active >= self._v("renewal.backstop_years"))
        reason[backstop] = END_REASONS.index("lapsed")
        decide = self.alive & ~backstop & (self.started < t)
        ended = backstop.copy()
        if not decide.any():
            return ended, reason
        p, w = np.nonzero(decide)
        with np.errstate(invalid="ignore", divide="ignore"):
            share = np.where(self.budget > 0, self.budget_left / self.budget, 0.0)
        prob = mech.renewal_probability(
            self._v("renewal.bias"),
            self.trust_partner[p, w],
            self.reported[p, w],
            self.fit[p, self.last_form[p, w]],
            share[p],
            self._v("renewal.trust_weight"),
            self._v("renewal.report_weight"),
            self._v("renewal.fit_weight"),
            self._v("renewal.budget_weight"),
        )
        choice = mech.renewal_choice(prob, self._v("renewal.scale_down_share"), self.rng.random(len(p)))
        down = choice == mech.SCALE_DOWN
        self.scale[p[down], w[down]] *= self._v("renewal.scale_down")
        out = down & (self.scale[p, w] < self._v("renewal.min_scale") - TOL)
        leave = choice == mech.LEAVE
        ended[p[leave | out], w[leave | out]] = True
        reason[p[leave], w[leave]] = END_REASONS.index("left")
        reason[p[out], w[out]] = END_REASONS.index("scaled out")
        keep = (choice == mech.RENEW) | (down & ~out)
        self.committed[p[keep], w[keep]] = True
        ys["partnerships_renewed"] = float((choice == mech.RENEW).sum())
        ys["partnerships_scaled_down"] = float((down & ~out).sum())
        return ended, reason

    # ------------------------------------------------------------------ observation

    def _record(
        self,
        year: int,
        event: str,
        w: IntArray,
        p: IntArray,
        f: IntArray,
        amount: FloatArray,
        status: Any,
        duration: FloatArray,
    ) -> None:
        n = len(w)
        if n == 0:
            return
        log = self._log
        log["year"].append(np.full(n, year))
        log["event"].append(np.full(n, event, dtype=object))
        log["ward"].append(np.asarray(w))
        log["partner"].append(np.asarray(p))
        log["form"].append(np.asarray(f))
        log["amount"].append(np.asarray(amount, dtype=float))
        log["status"].append(np.broadcast_to(np.asarray(status, dtype=object), (n,)))
        log["duration"].append(np.asarray(duration, dtype=float))

    def event_log(self) -> dict[str, np.ndarray]:
        """The proposal, delivery and partnership log as column arrays.

        Returns:
            Columns year, event, ward, partner, form, amount, status, duration
            (ward and partner are indices into ``bkms`` and ``partner_list``;
            form indexes ``AID_FORMS``).
        """
        return {k: (np.concatenate(v) if v else np.zeros(0)) for k, v in self._log.items()}

    def ward_trust(self) -> FloatArray:
        """Partners' mean trust in each BKM, over the partners that know its record.

        A partner knows a BKM's record once it has dealt with it or heard of its
        deliveries from other partners; a BKM no partner knows has baseline trust.
        """
        known = self.contact | self.heard
        n = known.sum(0)
        tot = np.where(known, self.trust_partner, 0.0).sum(0)
        return np.where(n > 0, tot / np.maximum(n, 1), self._v("trust.initial"))

    def _observe(self, new: int, ended: int) -> None:
        W, G = self.n_wards, self.n_gov
        alive = self.alive
        ys = self._year_stats
        s: dict[str, float] = {
            "wards": float(W),
            "sustained_share": float(self.sustained.mean()),
            "partnerships_active": float(alive.sum()),
            "partnerships_government": float(alive[:G].sum()),
            "partnerships_private": float(alive[G:].sum()),
        }
        for k, form in enumerate(AID_FORMS):
            s[f"partnerships_{form}"] = float((alive & (self.last_form == k)).sum())
        s["partnerships_started"] = float(new)
        s["partnerships_ended"] = float(ended)
        for key in ("partnerships_renewed", "partnerships_scaled_down"):
            s[key] = ys.get(key, 0.0)
        for key in ("continuations_funded", "continuations_unfunded"):
            s[key] = ys.get(key, 0.0)
        s["wards_with_partnership"] = float(alive.any(0).mean())
        s["firms_ever_partnered_share"] = float(self.ever_partnered[G:].mean()) if self.n_firms else 0.0
        for route in ROUTES:
            for what in ("sent", "answered", "accepted", "no_budget"):
                key = f"proposals_{what}_{route}"
                s[key] = ys.get(key, 0.0)
            s[f"aid_committed_{route}"] = ys.get(f"aid_committed_{route}", 0.0)
        for form in AID_FORMS:
            s[f"aid_{form}"] = ys.get(f"aid_{form}", 0.0)
        s["aid_total"] = sum(s[f"aid_{form}"] for form in AID_FORMS)
        s["aid_failed"] = ys.get("aid_failed", 0.0)
        s["aid_rehabilitation"] = ys.get("aid_rehabilitation", 0.0)
        s["grant_spent"] = ys.get("grant_spent", 0.0)
        t0 = self._v("trust.initial")
        c = self.contact
        s["mean_trust_partner"] = float(self.trust_partner[c].mean()) if c.any() else t0
        s["mean_trust_bkm"] = float(self.trust_bkm[c].mean()) if c.any() else t0
        live = alive.any()
        s["mean_trust_partner_live"] = float(self.trust_partner[alive].mean()) if live else float("nan")
        s["mean_trust_bkm_live"] = float(self.trust_bkm[alive].mean()) if live else float("nan")
        s["mean_trust_ward"] = float(self.ward_trust().mean())
        s["reports_sent"] = ys.get("reports_sent", 0.0)
        s["reports_missing"] = ys.get("reports_missing", 0.0)
        s["mean_capacity"] = float(self.capacity.mean())
        s["mean_managing_body"] = float(self.managing_body.mean())
        s["mean_marketing_skill"] = float(self.skill.mean())
        has = self.assets > 0
        s["mean_condition"] = float(self.condition[has].mean()) if has.any() else 1.0
        s["assets_total"] = float(self.assets.sum())
        for key in ("fees_collected", "fees_potential", "upkeep_need", "upkeep_paid"):
            s[key] = ys.get(key, 0.0)
        s["mean_coverage"] = float(self.coverage.mean())
        s["mean_cash"] = float(self.cash.mean())
        s["plan_backlog"] = float(self.backlog.sum())
        s["plan_items_expired"] = ys.get("plan_items_expired", 0.0)
        s["turnovers"] = ys.get("turnovers", 0.0)
        s["election"] = ys.get("election", 0.0)
        reach_g = self.reach[:G] > 0
        s["agencies_aware_share"] = (
            float((self.aware[:G] & reach_g).sum() / reach_g.sum()) if G and reach_g.any() else 0.0
        )
        s["firms_aware_share"] = float(self.aware[G:].mean()) if self.n_firms else 0.0
        s["lever_cost"] = ys.get("lever_cost", 0.0)
        self.stats = s

    def ward_table(self) -> dict[str, list[Any]]:
        """Current per-ward state as columns (for tables and the dashboard)."""
        return {
            "ward": [b.name for b in self.bkms],
            "regency": [b.regency for b in self.bkms],
            "maturity_start": list(self.maturity0),
            "capacity": self.capacity.tolist(),
            "marketing_skill": self.skill.tolist(),
            "coordination": self.coordination.tolist(),
            "managing_body": self.managing_body.tolist(),
            "market_access": self.market_access.tolist(),
            "trust": self.ward_trust().tolist(),
            "assets": self.assets.tolist(),
            "condition": self.condition.tolist(),
            "cash": self.cash.tolist(),
            "coverage": self.coverage.tolist(),
            "sustained": self.sustained.tolist(),
            "partnerships": self.alive.sum(0).tolist(),
            "partnership_years": self.partnership_years.tolist(),
            "sustained_years": self.sustained_years.tolist(),
            "aid_received": self.aid_received.tolist(),
            "fees_collected": self.fees_total.tolist(),
            "grant_received": self.grant_received.tolist(),
            "grant_spent": self.grant_spent.tolist(),
            "plan_backlog": self.backlog.sum(1).tolist(),
            "turnovers": self.turnovers.tolist(),
        }


def _apportion(weights: FloatArray, n: int) -> IntArray:
    """Assign n items to groups in proportion to weights (largest remainder); returns each item's group."""
    if n == 0 or weights.sum() <= 0:
        return np.zeros(n, dtype=np.int64)
    raw = weights / weights.sum() * n
    counts = np.floor(raw).astype(np.int64)
    counts[np.argsort(-(raw - counts), kind="stable")[: n - counts.sum()]] += 1
    return np.repeat(np.arange(len(weights)), counts).astype(np.int64)


def _stat(name: str) -> Any:
    def reporter(model: PartnershipModel) -> float:
        return model.stats[name]

    reporter.__name__ = name
    return reporter
