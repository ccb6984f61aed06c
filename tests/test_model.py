"""``PartnershipModel`` and ``simulator.run``: determinism, Mesa batch runs, invariants, event log, agents."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import mesa
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import simulator
from simulator.model import mechanisms as mech
from simulator.model.agents import BKM, Firm, GovernmentAgency, Partner
from simulator.model.kernels.pairs import pair_of
from simulator.model.model import PartnershipModel
from simulator.params import AID_FORMS, BY_NAME
from simulator.results import simulate
from simulator.scenario import load_scenario

TABLES = ("timeseries", "summary", "events", "wards")


def small(**kw: Any) -> simulator.Scenario:
    """A small, fast scenario (8 wards, 8 years) with some overrides."""
    return load_scenario().with_values({"wards.n": 8, "time.years": 8, **kw})


# --------------------------------------------------------------------------- determinism


class TestDeterminism:
    def test_same_seed_same_tables(self) -> None:
        a = simulator.run("kendal", seed=[3, 4], years=8)
        b = simulator.run("kendal", seed=[3, 4], years=8)
        for name in TABLES:
            pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), check_exact=True)
        assert len(a.events) > 0

    def test_different_seeds_differ(self) -> None:
        a = simulator.run(seed=3, years=8)
        b = simulator.run(seed=4, years=8)
        cols = [c for c in a.timeseries.columns if c != "seed"]
        assert not a.timeseries[cols].equals(b.timeseries[cols])
        assert not a.events.drop(columns="seed").equals(b.events.drop(columns="seed"))

    def test_multi_seed_run_equals_single_seed_runs(self) -> None:
        both = simulator.run(seed=[5, 6], years=6)
        one = simulator.run(seed=6, years=6)
        part = both.timeseries[both.timeseries.seed == 6].reset_index(drop=True)
        pd.testing.assert_frame_equal(part, one.timeseries)

    def test_model_stepped_by_hand_equals_run(self) -> None:
        m = PartnershipModel(rng=7, time_years=6)
        while m.running:
            m.step()
        assert m.steps == 6
        res = simulator.run(seed=7, years=6)
        assert res.timeseries["partnerships_active"].iloc[-1] == m.stats["partnerships_active"]
        assert res.timeseries["aid_total"].sum() == pytest.approx(m.aid_received.sum())

    def test_numpy_generator_seed(self) -> None:
        a = PartnershipModel(rng=np.random.default_rng(11), time_years=4)
        b = PartnershipModel(rng=np.random.default_rng(11), time_years=4)
        for _ in range(4):
            a.step()
            b.step()
        assert a.stats == b.stats


# --------------------------------------------------------------------------- Mesa batch_run


class TestMesaBatchRun:
    def test_batch_run_with_flat_keyword_overrides(self) -> None:
        rows = mesa.batch_run(
            PartnershipModel,
            parameters={"trust_initial": [0.3, 0.7], "wards_n": 6},
            rng=[1, 2],
            max_steps=5,
            display_progress=False,
        )
        df = pd.DataFrame(rows)
        assert len(df) == 4
        assert sorted(df["trust_initial"].tolist()) == [0.3, 0.3, 0.7, 0.7]
        assert (df["Step"] == 5).all()
        assert (df["wards"] == 6).all()
        # the override reaches the model: partner trust starts at trust_initial
        low = df[df.trust_initial == 0.3].mean_trust_partner
        high = df[df.trust_initial == 0.7].mean_trust_partner
        assert low.max() < high.min()

    def test_batch_run_matches_simulator_run(self) -> None:
        rows = mesa.batch_run(
            PartnershipModel, parameters={"trust_initial": [0.6]}, rng=[2], max_steps=5, display_progress=False
        )
        res = simulator.run(seed=2, years=5, trust_initial=0.6)
        last = res.timeseries.iloc[-1]
        for col in ("partnerships_active", "aid_total", "mean_capacity", "plan_backlog"):
            assert rows[0][col] == pytest.approx(last[col]), col

    def test_batch_run_honours_years(self) -> None:
        rows = mesa.batch_run(
            PartnershipModel,
            parameters={"time_years": [3], "wards_n": 5},
            rng=[1],
            max_steps=10,
            display_progress=False,
            data_collection_period=1,
        )
        df = pd.DataFrame(rows)
        assert df["Step"].max() == 3  # the model stops itself (running = False) after time.years

    def test_bad_override_raises_scenario_error(self) -> None:
        with pytest.raises(simulator.ScenarioError, match=r"did you mean 'trust\.initial'"):
            PartnershipModel(trust_inital=0.5)
        with pytest.raises(simulator.ScenarioError, match="out of range"):
            PartnershipModel(trust_initial=5)


# --------------------------------------------------------------------------- invariants

DRAWN = (
    "trust.initial",
    "trust.learn_success",
    "trust.learn_failure",
    "trust.forgetting",
    "trust.refusal_penalty",
    "trust.end_threshold",
    "bkm.coordination",
    "bkm.marketing_skill",
    "bkm.managing_body",
    "bkm.learning_rate",
    "bkm.erosion_rate",
    "bkm.managing_body_adjust",
    "wards.heterogeneity",
    "government.responsiveness",
    "government.acceptance_bias",
    "government.payment_lag",
    "government.budget_per_ward",
    "government.ceiling",
    "firms.responsiveness",
    "firms.acceptance_bias",
    "firms.csr_budget_per_ward",
    "firms.awareness_forgetting",
    "marketing.innovation",
    "marketing.imitation",
    "aid.delivery_min",
    "aid.size_sigma",
    "assets.decay",
    "assets.upkeep_rate",
    "assets.repair_rate",
    "assets.upkeep_growth",
    "assets.rehab_share",
    "demand.market_access",
    "demand.users_per_asset",
    "demand.willingness_to_pay",
    "trust.reputation_spread",
    "trust.learn_report",
    "renewal.bias",
    "renewal.trust_weight",
    "renewal.scale_down_share",
    "renewal.min_scale",
    "bkm.turnover",
    "bkm.term_years",
    "government.election_years",
    "government.priority_spread",
    "government.mandate_change",
    "firms.outside_reach",
    "wards.plan_years",
    "programme.kotaku",
    "structure.trust",
    "structure.renewal",
    "structure.upkeep",
    "structure.enablers",
    "structure.demand",
    "partnership.lapse_years",
    "programme.facilitation_years",
    "levers.marketing_push",
    "levers.strengthening",
    "levers.consistent_team",
    "levers.facilitation",
    "levers.csr_forum",
)
"""Parameters drawn from their full registry range in the invariant tests."""


def _value(name: str) -> st.SearchStrategy[Any]:
    p = BY_NAME[name]
    if p.kind == "choice":
        return st.sampled_from(p.choices)
    if p.kind == "bool":
        return st.booleans()
    if p.kind == "int":
        return st.integers(int(p.low), int(p.high))
    return st.floats(p.low, p.high, allow_nan=False)


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[dict[str, Any], int]:
    """A small random scenario: some parameters over their whole range, small sizes."""
    params = {n: draw(_value(n)) for n in draw(st.sets(st.sampled_from(DRAWN), min_size=3, max_size=12))}
    params["wards.n"] = draw(st.integers(1, 8))
    params["wards.regions"] = draw(st.integers(1, 3))
    params["wards.plan_items"] = draw(st.integers(0, 30))
    params["bkm.proposals_per_year"] = draw(st.floats(0, 12))
    params["time.years"] = draw(st.integers(1, 8))
    agencies = draw(st.integers(0, 5))
    params["government.agencies"] = agencies
    params["firms.n"] = draw(st.integers(0, 6))  # zero partners at all is allowed
    for lv in ("marketing_push", "strengthening", "consistent_team", "facilitation", "csr_forum"):
        params[f"levers.{lv}_start"] = draw(st.integers(2006, 2014))
    return params, draw(st.integers(0, 2**32 - 1))


def check_state(m: PartnershipModel) -> None:
    unit = {
        "trust_partner": m.trust_partner,
        "trust_bkm": m.trust_bkm,
        "capacity": m.capacity,
        "managing_body": m.managing_body,
        "condition": m.condition,
        "skill": m.skill,
        "coordination": m.coordination,
        "coverage": m.coverage,
        "scale": m.scale,
        "market_access": m.market_access,
        "reach": m.reach,
    }
    for name, a in unit.items():  # 1e-12: rounding in sums (coverage can be 1 + 2e-16)
        assert np.all((a >= -1e-12) & (a <= 1 + 1e-12)), f"{name} outside [0, 1]: {a.min()}..{a.max()}"
    assert m.aid_given.sum() == pytest.approx(m.aid_received.sum(), rel=1e-9, abs=1e-9)
    assert np.all(m.budget_left >= -1e-9), m.budget_left.min()
    assert np.all(m.budget_left <= m.budget + 1e-9)
    assert np.all(m.backlog >= 0)
    assert np.all(m.cash >= -1e-9)
    assert np.all(m.assets >= 0)
    assert np.all(m.aid_given >= 0) and np.all(m.aid_received >= 0)
    assert np.all(m.grant_spent <= m.grant_received + 1e-9)
    # money is conserved: cash is what came in (fees, self-help, money aid) less what was paid from it
    assert np.allclose(m.cash, m.cash_in - m.cash_out, rtol=1e-9, atol=1e-6)
    # asset value is what the grant and physical aid built; repair went into condition, not value
    assert np.allclose(m.assets, m.built_total, rtol=1e-9, atol=1e-6)
    assert np.all(m.rehab_total >= 0) and np.all(m.fees_total >= 0)
    # partnerships: a live one has a scale in (0, 1]; a dead one none
    assert np.all(m.scale[m.alive] > 0) and np.all(m.scale[~m.alive] == 0)
    # live partnerships only with partners that know the ward and may serve it
    assert not np.any(m.alive & ~m.aware)
    assert not np.any(m.alive & (m.reach <= 0))
    s = m.stats
    assert s["partnerships_active"] == m.alive.sum()
    assert s["partnerships_government"] + s["partnerships_private"] == s["partnerships_active"]
    assert sum(s[f"partnerships_{f}"] for f in AID_FORMS) == s["partnerships_active"]
    for k, v in s.items():
        if k.startswith(("partnerships_", "proposals_", "aid_", "fees_", "plan_", "assets_", "lever_")):
            assert v >= 0, (k, v)
    for route in ("government", "private"):
        sent, ans = s[f"proposals_sent_{route}"], s[f"proposals_answered_{route}"]
        acc, nob = s[f"proposals_accepted_{route}"], s[f"proposals_no_budget_{route}"]
        assert acc + nob <= ans <= sent
    assert 0 <= s["sustained_share"] <= 1


class TestInvariants:
    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(scenarios())
    def test_invariants_hold_every_year(self, drawn: tuple[dict[str, Any], int]) -> None:
        params, seed = drawn
        m = PartnershipModel(load_scenario().with_values(params), rng=seed)
        check_state(m)
        while m.running:
            m.step()
            check_state(m)
        assert m.steps == params["time.years"]
        log = m.event_log()
        ts = m.datacollector.get_model_vars_dataframe()
        accepted = int(np.sum((log["event"] == "proposal") & (log["status"] == "accepted"))) if len(log["year"]) else 0
        assert accepted == ts["proposals_accepted_government"].sum() + ts["proposals_accepted_private"].sum()
        delivered = log["amount"][log["event"] == "delivery"].sum() if len(log["year"]) else 0.0
        assert delivered == pytest.approx(m.aid_received.sum())

    def test_baseline_invariants_over_seeds(self) -> None:
        for seed in range(5):
            m = PartnershipModel(rng=seed)
            while m.running:
                m.step()
                check_state(m)

    def test_no_partners_at_all(self) -> None:
        m = PartnershipModel(small(**{"government.agencies": 0, "firms.n": 0}), rng=1)
        while m.running:
            m.step()
        assert m.stats["partnerships_active"] == 0
        assert m.aid_received.sum() == 0

    def test_fees_collected_never_exceed_potential(self) -> None:
        # fast decay (allowed: assets.decay in [0, 1]) makes the gap visible; at the default 0.12 the
        # ratio collected / potential is still biased upward by condition before / after decay
        sc = small(**{"assets.decay": 1.0, "time.years": 10})
        over = []
        for seed in range(5):
            m = PartnershipModel(sc, rng=seed)
            while m.running:
                m.step()
                if m.stats["fees_collected"] > m.stats["fees_potential"] + 1e-9:
                    over.append(
                        (seed, m.steps, round(m.stats["fees_collected"], 2), round(m.stats["fees_potential"], 2))
                    )
        assert not over, f"(seed, step, collected, potential): {over}"

    @pytest.mark.parametrize(
        ("kw", "used", "unused"),
        [("government_agencies", "private", "government"), ("firms_n", "government", "private")],
    )
    def test_one_route_only(self, kw: str, used: str, unused: str) -> None:
        res = simulator.run(small(), seed=[1, 2], **{kw: 0})
        ts = res.timeseries
        assert ts[f"proposals_sent_{unused}"].sum() == 0
        assert ts[f"partnerships_{unused}"].sum() == 0
        assert ts[f"proposals_sent_{used}"].sum() > 0
        assert ts[f"proposals_accepted_{used}"].sum() > 0
        assert set(res.events[res.events.event == "proposal"].sector) == {used}


# --------------------------------------------------------------------------- event log and tables


@pytest.fixture(scope="module")
def baseline10() -> simulator.RunResult:
    return simulator.run(seed=range(10))


class TestEventLog:
    def test_accepted_proposals_match_timeseries(self, baseline10: simulator.RunResult) -> None:
        ev, ts = baseline10.events, baseline10.timeseries
        acc = ev[(ev.event == "proposal") & (ev.status == "accepted")].groupby(["seed", "year"]).size()
        per_year = ts.set_index(["seed", "year"])[["proposals_accepted_government", "proposals_accepted_private"]]
        expected = per_year.sum(axis=1)
        assert (acc.reindex(expected.index, fill_value=0) == expected).all()
        for route in ("government", "private"):
            sent = ev[(ev.event == "proposal") & (ev.sector == route)].groupby("seed").size()
            assert (sent == ts.groupby("seed")[f"proposals_sent_{route}"].sum()).all()

    def test_deliveries_match_aid_totals(self, baseline10: simulator.RunResult) -> None:
        ev, ts, sm = baseline10.events, baseline10.timeseries, baseline10.summary
        dl = ev[ev.event == "delivery"]
        for form in AID_FORMS:
            by_seed = dl[dl.form == form].groupby("seed").amount.sum()
            assert np.allclose(by_seed.reindex(sm.seed, fill_value=0).to_numpy(), sm[f"aid_{form}"].to_numpy())
        assert np.allclose(dl.groupby("seed").amount.sum().to_numpy(), ts.groupby("seed").aid_total.sum().to_numpy())
        wards = baseline10.wards.groupby("seed").aid_received.sum()
        assert np.allclose(wards.to_numpy(), sm.aid_total.to_numpy())

    def test_statuses_and_forms_are_known(self, baseline10: simulator.RunResult) -> None:
        ev = baseline10.events
        assert set(ev.event) == {"proposal", "continuation", "delivery", "partnership_start", "partnership_end"}
        assert set(ev[ev.event == "proposal"].status) <= {"unanswered", "refused", "no budget", "accepted"}
        assert set(ev[ev.event == "delivery"].status) <= {"succeeded", "failed"}
        assert set(ev[ev.event == "partnership_end"].status) <= {"left", "scaled out", "lapsed", "board turnover"}
        assert set(ev.form) <= set(AID_FORMS)
        assert (ev[ev.event == "partnership_end"].duration >= 0).all()

    def test_every_partnership_start_follows_an_accepted_proposal(self, baseline10: simulator.RunResult) -> None:
        ev = baseline10.events
        key = ["seed", "year", "ward", "partner"]
        acc = ev[(ev.event == "proposal") & (ev.status == "accepted")][key].drop_duplicates()
        starts = ev[ev.event == "partnership_start"][key].drop_duplicates()
        merged = starts.merge(acc, on=key, how="left", indicator=True)
        assert (merged["_merge"] == "both").all()

    def test_starts_minus_ends_equal_alive_at_end(self) -> None:
        bad = []
        for seed in range(10):
            m = simulate(load_scenario(), seed)
            log = m.event_log()
            starts = int(np.sum(log["event"] == "partnership_start"))
            ends = int(np.sum(log["event"] == "partnership_end"))
            if starts - ends != m.alive.sum():
                bad.append((seed, starts, ends, int(m.alive.sum())))
        assert not bad, f"(seed, starts, ends, alive at end): {bad}"

    def test_started_minus_ended_series_equal_active(self, baseline10: simulator.RunResult) -> None:
        ts = baseline10.timeseries
        for _, g in ts.groupby("seed"):
            net = (g.partnerships_started - g.partnerships_ended).cumsum().to_numpy()
            assert np.array_equal(net, g.partnerships_active.to_numpy())

    def test_no_pair_starts_twice_while_alive(self, baseline10: simulator.RunResult) -> None:
        """Across years (not within one year), a live pair never logs a second start."""
        ev = baseline10.events
        se = ev[ev.event.isin(["partnership_start", "partnership_end"])]
        se = se.drop_duplicates(["seed", "year", "ward", "partner", "event"])
        for _, g in se.groupby(["seed", "ward", "partner"]):
            seq = g.sort_values("year", kind="stable").event.tolist()  # the log's own order within a year
            # strictly alternating start, end, start, ...
            assert all(e == ("partnership_start" if i % 2 == 0 else "partnership_end") for i, e in enumerate(seq))

    def test_timeseries_shape(self, baseline10: simulator.RunResult) -> None:
        ts = baseline10.timeseries
        assert len(ts) == 10 * 20
        for _, g in ts.groupby("seed"):
            assert g.year.tolist() == list(range(2008, 2028))
        assert len(baseline10.summary) == 10
        assert len(baseline10.wards) == 10 * 20
        assert baseline10.seeds == list(range(10))


# --------------------------------------------------------------------------- agents


class TestAgents:
    @pytest.mark.parametrize("preset", ["baseline", "kendal", "pekalongan", "showcase"])
    def test_agent_counts_equal_the_scenario(self, preset: str) -> None:
        sc = load_scenario(preset)
        m = PartnershipModel(sc, rng=1)
        assert len(m.agents_by_type[BKM]) == sc.n_wards
        assert len(m.agents_by_type[GovernmentAgency]) == sc["government.agencies"]
        assert len(m.agents_by_type[Firm]) == sc["firms.n"]
        assert len(m.agents) == sc.n_wards + sc["government.agencies"] + sc["firms.n"]
        assert m.stats["wards"] == sc.n_wards

    def test_agents_are_made_when_first_asked_for_with_the_ids_of_eager_creation(self) -> None:
        """A run that only reads tables builds no agents; asking for them (any way) gives ids 1, 2, ... in order."""
        import mesa

        from simulator.results import harvest

        sc = load_scenario("kendal")
        m = PartnershipModel(sc, rng=4)
        m.run_to_end()
        harvest(m, 4)
        assert m._agents_made is None  # the tables need names only
        names = [m.ward_names, m.partner_names]
        for ask in ("bkms", "agents", "agents_by_type", "agent_types", "register"):
            m = PartnershipModel(sc, rng=4)
            if ask == "register":  # an agent of the user's own comes after the model's
                mine = mesa.Agent(m)
                assert mine.unique_id == sc.n_wards + len(m.partner_names) + 1 and mine in m.agents
            else:
                getattr(m, ask)
            assert [a.unique_id for a in m.bkms] == list(range(1, sc.n_wards + 1))
            assert [a.unique_id for a in m.partner_list] == list(
                range(sc.n_wards + 1, sc.n_wards + len(m.partner_names) + 1)
            )
            assert [[a.name for a in m.bkms], [p.name for p in m.partner_list]] == [list(x) for x in names]
            assert [type(p) for p in m.partner_list] == [GovernmentAgency] * m.n_gov + [Firm] * m.n_firms
            assert set(m.agents_by_type) >= {BKM, GovernmentAgency, Firm}
        m.remove_all_agents()
        assert len(m.agents) == 0

    def test_firm_kinds_follow_shares_exactly(self) -> None:
        m = PartnershipModel(rng=1)  # 10 firms, shares 0.2 / 0.2 / 0.2 / 0.4
        kinds = Counter(f.kind for f in m.agents_by_type[Firm])
        assert kinds == {"state firm": 2, "regional bank": 2, "natural-resource": 2, "private": 4}

    def test_properties_read_live_arrays(self) -> None:
        m = PartnershipModel(small(), rng=3)
        for _ in range(4):
            m.step()
        bkm = m.bkms[2]
        partner: Partner = m.partner_list[1]
        assert bkm.capacity == m.capacity[2]
        assert bkm.managing_body == m.managing_body[2]
        assert bkm.plan_backlog == dict(zip(AID_FORMS, m.backlog[2].tolist(), strict=True))
        k = pair_of(m.pairs, 1, 2)
        assert partner.trust_in(bkm) == m.trust_partner[k]
        assert bkm.trust_in(partner) == m.trust_bkm[k]
        live = m.pairs.partner[m.alive & (m.pairs.ward == 2)]
        assert [p.idx for p in bkm.partners] == live.tolist()
        # writes to the arrays show through the agents at once
        m.capacity[2] = 0.123
        m.trust_partner[k] = 0.987
        m.aware[k] = True
        m.budget_left[1] = 4.5
        assert bkm.capacity == 0.123
        assert partner.trust_in(bkm) == 0.987
        assert partner.aware_of(bkm) is True
        assert partner.budget_left == 4.5
        m.step()
        assert bkm.capacity == m.capacity[2] != 0.123

    def test_agencies_serve_only_their_region(self) -> None:
        m = PartnershipModel(load_scenario("central-java").with_values({"time.years": 3}), rng=1)
        while m.running:
            m.step()
        for g in m.agents_by_type[GovernmentAgency]:
            served = m.pairs.ward[m.pairs.start[g.idx] : m.pairs.start[g.idx + 1]]
            assert served.tolist() == [b.idx for b in m.bkms if b.region == g.region]
            assert g.trust_in(m.bkms[-1 if g.region == 0 else 0]) == m._v("trust.initial")  # out of reach
        assert not np.any(m.alive & (m.reach <= 0))
        # the pairs held are exactly those in reach: agencies' own region, firms everywhere (outside reach > 0)
        in_reach = (m.partner_region[:, None] == m.region[None, :]) | (m.sector[:, None] == 1)
        assert len(m.pairs.ward) == in_reach.sum()
        assert in_reach[m.pairs.partner, m.pairs.ward].all()

    def test_firms_without_outside_reach_hold_only_their_home_region(self) -> None:
        values = {"wards.n": 40, "wards.regions": 5, "government.agencies": 10, "firms.n": 15}
        m = PartnershipModel(load_scenario().with_values({**values, "firms.outside_reach": 0.0}), rng=2)
        same = m.partner_region[m.pairs.partner] == m.region[m.pairs.ward]
        assert same.all() and (m.reach == 1.0).all()
        # every ward's pairs are its region's partners: wards x partners per region, not x all partners
        per_region = np.bincount(m.partner_region, minlength=5)
        assert len(m.pairs.ward) == sum(per_region[m.region])
        assert np.diff(m.pairs.wstart).tolist() == per_region[m.region].tolist()
        while m.running:
            m.step()
        assert (m.partner_region[m.pairs.partner[m.alive]] == m.region[m.pairs.ward[m.alive]]).all()
        log = m.event_log()
        assert (m.partner_region[log["partner"]] == m.region[log["ward"]]).all()  # nobody asks out of reach

    def test_national_preset_holds_the_pairs_of_each_region_only(self) -> None:
        sc = load_scenario("national")
        assert sc["wards.n"] >= 11_000 and sc["wards.regions"] == 245
        m = PartnershipModel(sc.with_values({"time.years": 2}), rng=1)
        assert m.n_partners > 8_000
        assert len(m.pairs.ward) < 40 * m.n_wards  # about 36 partners per region, not 8,800
        m.step()
        m.step()
        assert m.stats["partnerships_active"] > 0

    def test_model_stops_after_years(self) -> None:
        m = PartnershipModel(small(**{"time.years": 3}), rng=1)
        steps = 0
        while m.running:
            m.step()
            steps += 1
        assert steps == 3 == m.steps


# --------------------------------------------------------------------------- wards CSV in the model


class TestWardsCsvModel:
    def test_showcase_sets_per_ward_values(self) -> None:
        sc = load_scenario("showcase")
        m = PartnershipModel(sc, rng=4)
        assert [b.name for b in m.bkms] == ["Kebondalem", "Podosugih", "Kraton Kidul"]
        assert [b.regency for b in m.bkms] == ["Kendal", "Pekalongan", "Pekalongan"]
        assert m.n_regions == 2
        assert m.mb_base[0] == 0.7 and m.mb_base[2] == 0.65
        assert m.market_access[0] == 0.8 and m.market_access[2] == 0.15
        assert m.skill[0] == 0.7 and m.coordination[0] == 0.7
        assert m.grant_marketing[1] == 69 and m.grant_marketing[0] == 100
        w = float(sc["bkm.managing_body_capacity_weight"])
        assert np.allclose(m.managing_body, mech.managing_body_target(m.mb_base, m.capacity, w))
        assert [b.maturity for b in m.bkms] == ["madani", "mandiri", "berdaya"]

    def test_user_csv_sets_managing_body_in_every_run(self, tmp_path: Path) -> None:
        (tmp_path / "w.csv").write_text(
            "name,regency,maturity,grant_received,plan_items,managing_body\n"
            "Weak,R,berdaya,1000,10,0.1\nStrong,R,madani,1000,10,0.9\nDrawn,R,mandiri,1000,10,\n",
            encoding="utf-8",
        )
        f = tmp_path / "s.toml"
        f.write_text('[scenario]\nwards_csv = "w.csv"\n[time]\nyears = 4\n', encoding="utf-8")
        sc = load_scenario(f)
        for seed in (1, 2):
            m = PartnershipModel(sc, rng=seed)
            assert m.mb_base[0] == 0.1 and m.mb_base[1] == 0.9
            assert 0 <= m.mb_base[2] <= 1
            while m.running:
                m.step()
            assert m.managing_body[0] < m.managing_body[1]
        res = simulator.run(sc, seed=1)
        assert res.wards.ward.tolist() == ["Weak", "Strong", "Drawn"]
        assert res.wards.managing_body.iloc[0] < res.wards.managing_body.iloc[1]

    def test_grant_scaled_by_grant_received(self, tmp_path: Path) -> None:
        (tmp_path / "w.csv").write_text(
            "name,regency,maturity,grant_received,plan_items\nFull,R,madani,1000,5\nHalf,R,madani,500,5\n",
            encoding="utf-8",
        )
        f = tmp_path / "s.toml"
        f.write_text('[scenario]\nwards_csv = "w.csv"\n[time]\nyears = 4\n', encoding="utf-8")
        m = simulate(load_scenario(f), 1)
        assert m.grant_received[0] == pytest.approx(1000.0)
        assert m.grant_received[1] == pytest.approx(500.0)


def test_mesa_solaraviz_reset_path_rebuilds_the_model():
    # Mesa's stock SolaraViz re-creates the model on Reset with its own Scenario object plus the
    # slider values as keyword arguments; the model must accept that and apply the sliders.
    from mesa.experimental.scenarios import Scenario as MesaScenario
    from mesa.visualization.solara_viz import _build_model_init_kwargs

    model = PartnershipModel("kendal", rng=3)
    kwargs = _build_model_init_kwargs(
        model, {"trust_initial": 0.7}, add_scenario_when_empty=True, require_model_accepts_scenario=True
    )
    assert isinstance(kwargs.get("scenario"), MesaScenario)
    again = type(model)(**kwargs)
    assert again.params.values["trust.initial"] == 0.7
    again.step()
    a, b = PartnershipModel(MesaScenario(rng=9)), PartnershipModel(rng=9)
    for _ in range(4):
        a.step()
        b.step()
    assert a.stats == b.stats
