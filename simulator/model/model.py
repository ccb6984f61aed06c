"""``PartnershipModel``: wards' BKMs, government agencies and CSR firms over the years.

One step is one year. Within a year the phases run in this order (MODEL_BRIEF
section 3, ``docs/ODD.md`` section 3):

1. grant: the BLM tranche of the year (planning, marketing, implementation);
2. marketing: institutions become aware of wards' programmes (Bass diffusion);
3. proposals: each BKM picks unfunded plan items, their aid form and a partner
   (which fixes the route: government or private);
4. decisions: partners answer, accept or refuse, within their yearly budgets;
5. delivery: aid due this year arrives and succeeds or fails; trust learns;
6. learning: capacity, managing body, trust forgetting, awareness forgetting;
7. assets: fees, self-help, upkeep, decay; programme status;
8. partnerships: lapse after inactive years or end when trust fails;
9. observation.

State that pairs every ward with every partner (awareness, trust, live
partnerships) is held in NumPy arrays on the model; the agents in
``simulator.model.agents`` are the readable owners of their rows and columns.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import mesa
import numpy as np
from mesa.experimental.scenarios import Scenario as MesaScenario
from numpy.typing import NDArray

from simulator.model import mechanisms as mech
from simulator.model.agents import BKM, Firm, GovernmentAgency, Partner
from simulator.params import AID_FORMS, FIRM_KINDS, GOV_SECTORS, LEVERS, MATURITY_BANDS, MATURITY_LEVELS
from simulator.scenario import Scenario, load_scenario

PHYSICAL, MONEY, PROGRAMME, EVENT = range(4)
GOV, PRIVATE = 0, 1
ROUTES = ("government", "private")
STATUS = ("unanswered", "refused", "no budget", "accepted")
UNANSWERED, REFUSED, NO_BUDGET, ACCEPTED = range(4)
GRANT_YEARS = 3
"""The BLM grant runs in the first three years: planning, then two implementation tranches."""

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]


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

    def _init_wards(self) -> None:
        v, rng = self.params.values, self.rng
        wards = self.params.wards
        het = self._v("wards.heterogeneity")
        if wards is None:
            n = int(v["wards.n"])
            shares = np.array([float(v[f"wards.share_{m.replace(' ', '_')}"]) for m in MATURITY_LEVELS])
            maturity = rng.choice(4, size=n, p=shares / shares.sum())
            n_regions = int(v["wards.regions"])
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
        if wards is not None:
            for i, w in enumerate(wards):
                if w.marketing_skill is not None:
                    self.skill[i] = w.marketing_skill
                if w.coordination is not None:
                    self.coordination[i] = w.coordination
                if w.managing_body is not None:
                    self.mb_base[i] = w.managing_body
        self.managing_body: FloatArray = mech.managing_body_target(
            self.mb_base, self.capacity, 0.0, self._v("bkm.managing_body_capacity_weight")
        )
        mix = np.array([self._v(f"wards.mix_{f}") for f in AID_FORMS])
        self.backlog: IntArray = rng.multinomial(plan_items, mix / mix.sum()).astype(np.int64).reshape(n, 4)
        self.region: IntArray = region.astype(np.int64)
        self.grant_scale: FloatArray = grant_scale
        self.grant_marketing: FloatArray = grant_marketing
        self.maturity0 = [MATURITY_LEVELS[m] for m in maturity]
        self.bkms = [
            BKM(self, i, names[i], regencies[i], int(region[i]), MATURITY_LEVELS[maturity[i]]) for i in range(n)
        ]

    def _init_partners(self) -> None:
        v, rng = self.params.values, self.rng
        n_gov, n_firm = int(v["government.agencies"]), int(v["firms.n"])
        W = self.n_wards
        self.n_gov, self.n_firms = n_gov, n_firm
        P = n_gov + n_firm
        self.n_partners = P
        self.sector: IntArray = np.r_[np.zeros(n_gov, np.int64), np.ones(n_firm, np.int64)]
        gov_region = np.arange(n_gov) % self.n_regions
        # firm kinds by the largest-remainder rule, so the mix is exact and not random
        shares = np.array([self._v(f"firms.share_{k}") for k in ("state", "bank", "resource", "private")])
        raw = shares / shares.sum() * n_firm
        counts = np.floor(raw).astype(int)
        counts[np.argsort(-(raw - counts), kind="stable")[: n_firm - counts.sum()]] += 1
        firm_kind = np.repeat(np.arange(4), counts)
        mand, priv = self._v("firms.mandatory_factor"), self._v("firms.private_factor")
        budget_factor = np.array([mand, 1.0, mand, priv])[firm_kind]
        resp_factor = np.array([1.0, 1.0, mand, priv])[firm_kind]

        budget = np.zeros(P)
        wards_in_region = np.bincount(self.region, minlength=self.n_regions)
        agencies_in_region = np.bincount(gov_region, minlength=self.n_regions)
        if n_gov:
            budget[:n_gov] = (
                self._v("government.budget_per_ward") * wards_in_region[gov_region] / agencies_in_region[gov_region]
            )
        if n_firm:
            budget[n_gov:] = self._v("firms.csr_budget_per_ward") * W * budget_factor / budget_factor.sum()
        self.budget: FloatArray = budget
        self.budget_left: FloatArray = budget.copy()
        self.responsiveness: FloatArray = np.r_[
            np.full(n_gov, self._v("government.responsiveness")),
            np.clip(self._v("firms.responsiveness") * resp_factor, 0, 1),
        ]
        self.bias: FloatArray = np.r_[
            np.full(n_gov, self._v("government.acceptance_bias")), np.full(n_firm, self._v("firms.acceptance_bias"))
        ]
        self.ceiling: FloatArray = np.r_[
            np.full(n_gov, self._v("government.ceiling")), np.full(n_firm, self._v("firms.ceiling"))
        ]
        pref_p = np.r_[
            np.full(n_gov, self._v("government.preferred_forms")), np.full(n_firm, self._v("firms.preferred_forms"))
        ]
        preferred = rng.random((P, 4)) < pref_p[:, None]
        none = ~preferred.any(axis=1)
        preferred[none, rng.integers(0, 4, none.sum())] = True
        self.fit: FloatArray = np.where(preferred, 1.0, self._v("acceptance.unpreferred_fit"))
        self.reach: BoolArray = np.ones((P, W), dtype=bool)
        if n_gov:
            self.reach[:n_gov] = gov_region[:, None] == self.region[None, :]
        self.partner_list: list[Partner] = []
        regency_of_region = {
            int(r): self.bkms[int(np.argmax(self.region == r))].regency for r in np.unique(self.region)
        }
        for g in range(n_gov):
            kind = GOV_SECTORS[(g // self.n_regions) % len(GOV_SECTORS)]
            where = regency_of_region.get(int(gov_region[g]), f"region {gov_region[g] + 1}")
            self.partner_list.append(GovernmentAgency(self, g, f"{kind} ({where})", kind, int(gov_region[g])))
        for f in range(n_firm):
            kind = FIRM_KINDS[firm_kind[f]]
            self.partner_list.append(Firm(self, n_gov + f, f"{kind} {f + 1}", kind))
        self.partner_kind = [p.kind for p in self.partner_list]

    def _init_state(self) -> None:
        W, P = self.n_wards, self.n_partners
        t0 = self._v("trust.initial")
        self.trust_partner: FloatArray = np.full((P, W), t0)
        self.trust_bkm: FloatArray = np.full((P, W), t0)
        self.aware: BoolArray = np.zeros((P, W), dtype=bool)
        self.contact: BoolArray = np.zeros((P, W), dtype=bool)
        self.alive: BoolArray = np.zeros((P, W), dtype=bool)
        self.started: IntArray = np.zeros((P, W), dtype=np.int64)
        self.last_active: IntArray = np.zeros((P, W), dtype=np.int64)
        self.last_form: IntArray = np.zeros((P, W), dtype=np.int64)
        self.cash: FloatArray = np.zeros(W)
        self.assets: FloatArray = np.zeros(W)
        self.condition: FloatArray = np.ones(W)
        self.sustained: BoolArray = np.zeros(W, dtype=bool)
        self.coverage: FloatArray = np.zeros(W)
        self.event_boost: FloatArray = np.zeros(W)
        self.partnership_years: FloatArray = np.zeros(W)
        self.sustained_years: FloatArray = np.zeros(W)
        self.aid_received: FloatArray = np.zeros(W)
        self.aid_given: FloatArray = np.zeros(P)
        self.grant_received: FloatArray = np.zeros(W)
        self.grant_spent: FloatArray = np.zeros(W)
        self._need_hist: list[FloatArray] = []
        self._paid_hist: list[FloatArray] = []
        # gov acceptances waiting for payment: (due step index, ward, partner, form, amount)
        self._pending: list[tuple[int, IntArray, IntArray, IntArray, FloatArray]] = []
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
        self.budget_left[:] = self.budget
        self._phase_grant(t, ys)
        self._phase_marketing(t, lv)
        w, p, f, req = self._phase_proposals()
        self._phase_decisions(t, year, lv, w, p, f, req, ys)
        self._phase_delivery(t, year, ys)
        self._phase_learning(t, lv)
        self._phase_assets(t, ys)
        new = int(ys.pop("_new", 0))
        ended = self._phase_partnerships(t, year)
        ys["lever_cost"] = float(sum(lv[n] * self._v(f"levers.{n}_cost") for n in LEVERS) * W)
        self._year_stats = ys
        self.partnership_years += self.alive.sum(0)
        self.sustained_years += self.sustained
        self._observe(new=new, ended=ended)
        self.datacollector.collect(self)
        if self.steps >= self.years:
            self.running = False

    def _facilitation(self, t: int, lv: Mapping[str, float]) -> float:
        during = t < self._v("programme.facilitation_years")
        base = self._v("programme.facilitation_during") if during else self._v("programme.facilitation_after")
        return min(1.0, base + lv["facilitation"])

    def _phase_grant(self, t: int, ys: dict[str, float]) -> None:
        """BLM tranches: planning (year 1), implementation (years 2 and 3)."""
        s = self.grant_scale
        spent = np.zeros(self.n_wards)
        if t == 0:
            amt = self._v("grant.planning") * s
            self.grant_received += amt
            spent += amt
            self._projects += 2.0 * (s > 0)
        if t == 1:
            self.grant_received += self.grant_marketing
            spent += self.grant_marketing
        impl = {
            1: self._v("grant.implementation_1"),
            2: self._v("grant.implementation_2") + self._v("grant.local_cofunding"),
        }.get(t, 0.0)
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
            items = np.minimum(
                self.backlog[:, PHYSICAL], np.floor(used / self._v("aid.size_physical")).astype(np.int64)
            )
            self.backlog[:, PHYSICAL] -= items
            self._projects += used / self._v("aid.size_physical")
        if t < GRANT_YEARS:
            self._inkind += self._v("programme.activity_cost") * np.minimum(1.0, s)
        self.grant_spent += spent
        ys["grant_spent"] = float(spent.sum())

    def _add_assets(self, value: FloatArray) -> None:
        total = self.assets + value
        with np.errstate(invalid="ignore", divide="ignore"):
            self.condition = np.where(total > 0, (self.condition * self.assets + value) / total, self.condition)
        self.assets = total

    def _phase_marketing(self, t: int, lv: Mapping[str, float]) -> None:
        """Institutions learn of wards' programmes: Bass diffusion plus musrenbang and CSR forum."""
        # a team that understands the concept keeps marketing on its own (study enabler 3)
        effort = self._v("programme.marketing_after") * self.skill
        if t in (1, 2):  # the marketing tranche is spent over the second and third year
            effort = np.maximum(effort, np.minimum(1.0, self.grant_marketing / 2.0 / self._v("grant.marketing_ref")))
        effort = np.minimum(1.0, effort + lv["marketing_push"] + self.event_boost)
        self.marketing_effort = effort
        self.marketing = effort * self.skill
        G = self.n_gov
        p, q = self._v("marketing.innovation"), self._v("marketing.imitation")
        prob = np.zeros((self.n_partners, self.n_wards))
        if G:
            reach_g = self.reach[:G]
            share_g = (self.aware[:G] & reach_g).sum(0) / np.maximum(1, reach_g.sum(0))
            facil = self._facilitation(t, lv)
            musrenbang = self._v("government.awareness") * self.coordination * (0.5 + 0.5 * facil)
            prob[:G] = mech.bass_awareness(self.marketing, share_g, p, q, musrenbang)[None, :]
        if self.n_firms:
            share_f = self.aware[G:].mean(0)
            forum = lv["csr_forum"] * self._v("levers.csr_forum_awareness")
            prob[G:] = mech.bass_awareness(self.marketing, share_f, p, q, forum)[None, :]
        draw = self.rng.random((self.n_partners, self.n_wards))
        self.aware |= self.reach & (draw < prob)

    def _phase_proposals(self) -> tuple[IntArray, IntArray, IntArray, FloatArray]:
        """Each BKM picks plan items (form) and a partner for each; returns proposal arrays."""
        rng, W = self.rng, self.n_wards
        e = np.zeros(0, dtype=np.int64)
        mix = np.array([self._v(f"wards.mix_{x}") for x in AID_FORMS])
        new_items = rng.poisson(self._v("wards.plan_renewal"), W)
        self.backlog += rng.multinomial(new_items, mix / mix.sum()).astype(np.int64).reshape(W, 4)
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
                self.aware[:, ws].T
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
        req = sizes[f] * rng.lognormal(-0.5 * sig * sig, sig, len(w))
        return w, p, f, req

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
    ) -> None:
        """Partners answer and decide; accepted proposals start partnerships and schedule aid."""
        rng, n = self.rng, len(w)
        G = self.n_gov
        resp = self.responsiveness.copy()
        resp[G:] += lv["csr_forum"] * self._v("levers.csr_forum_responsiveness") * (1.0 - resp[G:])
        answered = rng.random(n) < resp[p]
        quality = (
            self._v("acceptance.quality_capacity") * self.capacity
            + self._v("acceptance.quality_skill") * self.skill
            + self._v("acceptance.quality_facilitation") * self._facilitation(t, lv)
        )
        is_gov = self.sector[p] == GOV
        pacc = mech.acceptance_probability(
            self.bias[p],
            self.trust_partner[p, w],
            self.fit[p, f],
            quality[w],
            self.coordination[w],
            self._v("acceptance.trust_weight"),
            self._v("acceptance.fit_weight"),
            self._v("acceptance.quality_weight"),
            self._v("acceptance.coordination_weight") * is_gov,
        )
        yes = answered & (rng.random(n) < pacc)
        amount = np.minimum(req, self.ceiling[p])
        give_cost = np.array([self._v(f"aid.cost_{x}") for x in AID_FORMS])
        cost = amount * give_cost[f]
        order = rng.permutation(n)
        cum = np.empty(n)
        cum[order] = mech.grouped_cumsum(p[order], (cost * yes)[order])
        fits = cum <= self.budget_left[p] + 1e-9
        acc = yes & fits
        status = np.where(acc, ACCEPTED, np.where(yes, NO_BUDGET, np.where(answered, REFUSED, UNANSWERED)))
        self.budget_left -= np.bincount(p[acc], weights=cost[acc], minlength=self.n_partners)
        np.subtract.at(self.backlog, (w[acc], f[acc]), 1)
        # the BKM's trust in the partner learns from the answer
        ls, rp = self._v("trust.learn_success"), self._v("trust.refusal_penalty")
        for idx in mech.occurrence_rounds(p * self.n_wards + w):
            pi, wi = p[idx], w[idx]
            tb = self.trust_bkm[pi, wi]
            penalty = np.where(answered[idx], rp, 0.5 * rp)
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
            self.started[np_, nw] = t
            self._record(year, "partnership_start", nw, np_, af[new], amount[acc][new], "started", np.zeros(len(nw)))
        # an accepted government proposal keeps the partnership active until it is paid
        lag = int(self._v("government.payment_lag"))
        np.maximum.at(self.last_active, (ap, aw), np.where(self.sector[ap] == GOV, t + lag, t))
        self.last_form[ap, aw] = af
        self._record(year, "proposal", w, p, f, np.where(acc, amount, req), np.asarray(STATUS)[status], np.zeros(n))
        g_acc = acc & is_gov
        due = t + lag
        self._pending.append((due, w[g_acc], p[g_acc], f[g_acc], amount[g_acc]))
        pr_acc = acc & ~is_gov
        self._pending.append((t, w[pr_acc], p[pr_acc], f[pr_acc], amount[pr_acc]))
        ys["_new"] = float(new.sum())
        for r, route in enumerate(ROUTES):
            m = self.sector[p] == r
            ys[f"proposals_sent_{route}"] = float(m.sum())
            ys[f"proposals_answered_{route}"] = float((m & answered).sum())
            ys[f"proposals_accepted_{route}"] = float((m & acc).sum())
            ys[f"proposals_no_budget_{route}"] = float((m & yes & ~fits).sum())
            ys[f"aid_committed_{route}"] = float(amount[m & acc].sum())

    def _phase_delivery(self, t: int, year: int, ys: dict[str, float]) -> None:
        """Aid due this year arrives; success depends on the BKM; the partner's trust learns."""
        due = [x for x in self._pending if x[0] == t]
        self._pending = [x for x in self._pending if x[0] > t]
        W = self.n_wards
        for form in AID_FORMS:
            ys[f"aid_{form}"] = 0.0
        ys["aid_failed"] = 0.0
        self.event_boost = np.zeros(W)
        if not due or sum(len(x[1]) for x in due) == 0:
            return
        w = np.concatenate([x[1] for x in due])
        p = np.concatenate([x[2] for x in due])
        f = np.concatenate([x[3] for x in due])
        amt = np.concatenate([x[4] for x in due])
        mb, cap = self.managing_body, self.capacity
        wp, wm = self._v("aid.physical_managing_body_weight"), self._v("aid.money_managing_body_weight")
        q_form = np.stack(
            [wp * mb + (1 - wp) * cap, wm * mb + (1 - wm) * cap, cap, 0.5 * self.coordination + 0.5 * self.skill],
            axis=1,
        )
        ok = self.rng.random(len(w)) < mech.delivery_success_probability(q_form[w, f], self._v("aid.delivery_min"))
        self.aid_received += np.bincount(w, weights=amt, minlength=W)
        self.aid_given += np.bincount(p, weights=amt, minlength=self.n_partners)
        good = np.zeros((W, 4))
        np.add.at(good, (w[ok], f[ok]), amt[ok])
        self._add_assets(good[:, PHYSICAL])
        self.cash += good[:, MONEY]
        self._inkind += good[:, PROGRAMME] + good[:, EVENT]
        gain = self._v("aid.programme_capacity_gain") * good[:, PROGRAMME] / 100.0
        self.capacity = np.clip(self.capacity + gain * (1.0 - self.capacity), 0.0, 1.0)
        self.event_boost = np.minimum(1.0, self._v("aid.event_awareness_gain") * (good[:, EVENT] > 0))
        ls, lf = self._v("trust.learn_success"), self._v("trust.learn_failure")
        # several deliveries to one pair in a year are learned from one after another
        for idx in mech.occurrence_rounds(p * self.n_wards + w):
            pi, wi, oi = p[idx], w[idx], ok[idx]
            self.trust_partner[pi, wi] = mech.trust_update(self.trust_partner[pi, wi], oi, ls, lf)
            tb = self.trust_bkm[pi, wi]
            self.trust_bkm[pi, wi] = np.where(oi, tb + ls * (1 - tb), tb)
        np.maximum.at(self.last_active, (p, w), t)
        self.last_form[p, w] = f
        self._touched[p, w] = True
        self._projects += np.bincount(w, minlength=W)
        self._record(year, "delivery", w, p, f, amt, np.where(ok, "succeeded", "failed"), np.zeros(len(w)))
        for k, form in enumerate(AID_FORMS):
            ys[f"aid_{form}"] = float(amt[f == k].sum())
        ys["aid_failed"] = float(amt[~ok].sum())

    def _phase_learning(self, t: int, lv: Mapping[str, float]) -> None:
        """Capacity, managing body, trust and awareness change with this year's experience."""
        facil = self._facilitation(t, lv)
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
        )
        target = mech.managing_body_target(
            self.mb_base,
            self.capacity,
            lv["consistent_team"] * self._v("levers.consistent_team_effect"),
            self._v("bkm.managing_body_capacity_weight"),
        )
        self.managing_body = self.managing_body + self._v("bkm.managing_body_adjust") * (target - self.managing_body)
        idle = self.contact & ~self._touched
        rate = (
            self._v("trust.forgetting") * (1.0 - 0.5 * self.coordination)[None, :] * (1.0 - 0.5 * lv["consistent_team"])
        )
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

    def _phase_assets(self, t: int, ys: dict[str, float]) -> None:
        """Fees, self-help, upkeep and decay; then whether each ward's programme is sustained."""
        potential = self._v("assets.fee_yield") * self.assets * self.condition
        fees = potential * self.managing_body
        self.cash += fees + self._v("programme.self_help") * self.capacity
        self.cash, self.condition, need, paid = mech.upkeep_and_condition(
            self.cash,
            self.assets,
            self.condition,
            self.managing_body,
            self._inkind,
            self._v("assets.upkeep_rate"),
            self._v("programme.activity_cost"),
            self._v("assets.decay"),
        )
        win = int(self._v("programme.sustain_window"))
        self._need_hist = ([*self._need_hist, need])[-win:]
        self._paid_hist = ([*self._paid_hist, paid])[-win:]
        tot_need = np.sum(self._need_hist, axis=0)
        self.coverage = np.divide(
            np.sum(self._paid_hist, axis=0), tot_need, out=np.ones(self.n_wards), where=tot_need > 0
        )
        self.sustained = (self.coverage >= self._v("programme.sustain_coverage") - 1e-12) & (
            self.capacity >= self._v("programme.sustain_capacity")
        )
        ys["fees_collected"] = float(fees.sum())
        ys["fees_potential"] = float(potential.sum())

    def _phase_partnerships(self, t: int, year: int) -> int:
        """End partnerships inactive for ``partnership.lapse_years`` or whose trust failed."""
        failed = self.alive & (self.trust_partner < self._v("trust.end_threshold"))
        lapsed = self.alive & ~failed & (t - self.last_active >= self._v("partnership.lapse_years"))
        ended = failed | lapsed
        if not ended.any():
            return 0
        p, w = np.nonzero(ended)
        reason = np.where(failed[p, w], "trust failed", "lapsed")
        dur = (t - self.started[p, w]).astype(float)  # years it was observed alive
        self._record(year, "partnership_end", w, p, self.last_form[p, w], np.zeros(len(w)), reason, dur)
        self.alive &= ~ended
        return len(w)

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

    def _observe(self, new: int, ended: int) -> None:
        W, G = self.n_wards, self.n_gov
        alive = self.alive
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
        s["wards_with_partnership"] = float(alive.any(0).mean())
        for route in ROUTES:
            for what in ("sent", "answered", "accepted", "no_budget"):
                key = f"proposals_{what}_{route}"
                s[key] = self._year_stats.get(key, 0.0)
            s[f"aid_committed_{route}"] = self._year_stats.get(f"aid_committed_{route}", 0.0)
        for form in AID_FORMS:
            s[f"aid_{form}"] = self._year_stats.get(f"aid_{form}", 0.0)
        s["aid_total"] = sum(s[f"aid_{form}"] for form in AID_FORMS)
        s["aid_failed"] = self._year_stats.get("aid_failed", 0.0)
        s["grant_spent"] = self._year_stats.get("grant_spent", 0.0)
        c = self.contact
        s["mean_trust_partner"] = float(self.trust_partner[c].mean()) if c.any() else self._v("trust.initial")
        s["mean_trust_bkm"] = float(self.trust_bkm[c].mean()) if c.any() else self._v("trust.initial")
        live = alive.any()
        s["mean_trust_partner_live"] = float(self.trust_partner[alive].mean()) if live else float("nan")
        s["mean_trust_bkm_live"] = float(self.trust_bkm[alive].mean()) if live else float("nan")
        s["mean_capacity"] = float(self.capacity.mean())
        s["mean_managing_body"] = float(self.managing_body.mean())
        s["mean_marketing_skill"] = float(self.skill.mean())
        has = self.assets > 0
        s["mean_condition"] = float(self.condition[has].mean()) if has.any() else 1.0
        s["assets_total"] = float(self.assets.sum())
        s["fees_collected"] = self._year_stats.get("fees_collected", 0.0)
        s["fees_potential"] = self._year_stats.get("fees_potential", 0.0)
        s["mean_coverage"] = float(self.coverage.mean())
        s["mean_cash"] = float(self.cash.mean())
        s["plan_backlog"] = float(self.backlog.sum())
        reach_g = self.reach[:G]
        s["agencies_aware_share"] = (
            float((self.aware[:G] & reach_g).sum() / reach_g.sum()) if G and reach_g.any() else 0.0
        )
        s["firms_aware_share"] = float(self.aware[G:].mean()) if self.n_firms else 0.0
        s["lever_cost"] = self._year_stats.get("lever_cost", 0.0)
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
            "assets": self.assets.tolist(),
            "condition": self.condition.tolist(),
            "cash": self.cash.tolist(),
            "coverage": self.coverage.tolist(),
            "sustained": self.sustained.tolist(),
            "partnerships": self.alive.sum(0).tolist(),
            "partnership_years": self.partnership_years.tolist(),
            "sustained_years": self.sustained_years.tolist(),
            "aid_received": self.aid_received.tolist(),
            "grant_received": self.grant_received.tolist(),
            "grant_spent": self.grant_spent.tolist(),
            "plan_backlog": self.backlog.sum(1).tolist(),
        }


def _stat(name: str) -> Any:
    def reporter(model: PartnershipModel) -> float:
        return model.stats[name]

    reporter.__name__ = name
    return reporter
