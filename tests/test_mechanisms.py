"""Unit tests of the pure submodels in ``simulator.model.mechanisms``.

Every expectation is computed by hand from the equations in the docstrings (and
``docs/ODD.md``); the defaults of the registry are used where a realistic rate
matters (negativity bias, recovery time).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from simulator.model import mechanisms as mech
from simulator.params import BY_NAME

LS = float(BY_NAME["trust.learn_success"].default)  # 0.15
LF = float(BY_NAME["trust.learn_failure"].default)  # 0.4


def mb_target(base: object, capacity: object, team: object, w: float = 0.4) -> np.ndarray:
    return mech.managing_body_target(base, capacity, team, w)  # type: ignore[arg-type]


def absorption(capacity: object, absorption_min: float, full_at: float = 0.5) -> np.ndarray:
    return mech.grant_absorption(capacity, absorption_min, full_at)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- trust


class TestTrustUpdate:
    def test_success_and_failure_by_hand(self) -> None:
        out = mech.trust_update([0.5, 0.5, 0.2, 0.9], [1, 0, 1, 0], 0.15, 0.4)
        # 0.5 + 0.15 (1 - 0.5); 0.5 + 0.4 (0 - 0.5); 0.2 + 0.15 * 0.8; 0.9 - 0.4 * 0.9
        assert_allclose(out, [0.575, 0.3, 0.32, 0.54])

    def test_boolean_outcomes(self) -> None:
        out = mech.trust_update(np.array([0.5, 0.5]), np.array([True, False]), 0.15, 0.4)
        assert_allclose(out, [0.575, 0.3])

    def test_negativity_bias_one_failure_costs_more_than_one_success_earns(self) -> None:
        t0 = 0.5
        gain = float(mech.trust_update(t0, 1, LS, LF)) - t0
        loss = t0 - float(mech.trust_update(t0, 0, LS, LF))
        assert gain == pytest.approx(0.075)
        assert loss == pytest.approx(0.2)
        assert loss > 2 * gain

    @pytest.mark.parametrize(("t0", "n_expected"), [(0.5, 3), (0.7, 5), (0.9, 10)])
    def test_recovery_after_a_failure_takes_several_successes(self, t0: float, n_expected: int) -> None:
        t = float(mech.trust_update(t0, 0, LS, LF))
        n = 0
        while t < t0 - 1e-12:
            t = float(mech.trust_update(t, 1, LS, LF))
            n += 1
            assert n < 100
        # with rates 0.15 / 0.4: 1 - (1 - 0.6 t0) 0.85^n >= t0 needs n = 3, 5, 10 successes
        assert n == n_expected

    def test_three_successes_after_a_failure_by_hand(self) -> None:
        t = mech.trust_update(0.5, 0, 0.15, 0.4)  # 0.3
        for expected in (0.405, 0.49425, 0.5701125):
            t = mech.trust_update(t, 1, 0.15, 0.4)
            assert float(t) == pytest.approx(expected)

    def test_stays_in_unit_interval(self) -> None:
        out = mech.trust_update([0.0, 1.0, 0.0, 1.0], [0, 1, 1, 0], 1.0, 1.0)
        assert_allclose(out, [0.0, 1.0, 1.0, 0.0])
        assert np.all((out >= 0) & (out <= 1))

    def test_input_not_modified(self) -> None:
        t = np.array([0.5, 0.5])
        mech.trust_update(t, [1, 0], 0.15, 0.4)
        assert_allclose(t, [0.5, 0.5])


class TestTrustForget:
    def test_drifts_toward_baseline_by_hand(self) -> None:
        out = mech.trust_forget([0.9, 0.2, 0.5], 0.5, 0.1)
        assert_allclose(out, [0.86, 0.23, 0.5])

    def test_rate_zero_keeps_and_rate_one_resets(self) -> None:
        assert_allclose(mech.trust_forget([0.9, 0.1], 0.5, 0.0), [0.9, 0.1])
        assert_allclose(mech.trust_forget([0.9, 0.1], 0.5, 1.0), [0.5, 0.5])

    def test_rate_array_broadcasts(self) -> None:
        trust = np.array([[0.9, 0.9], [0.1, 0.1]])
        rate = np.array([[0.1, 0.5]])
        assert_allclose(mech.trust_forget(trust, 0.5, rate), [[0.86, 0.7], [0.14, 0.3]])

    def test_never_crosses_baseline(self) -> None:
        t = np.array([0.95])
        for _ in range(50):
            t = mech.trust_forget(t, 0.4, 0.3)
            assert t[0] >= 0.4
        assert t[0] == pytest.approx(0.4, abs=1e-6)


# --------------------------------------------------------------------------- acceptance


ACC = {"w_trust": 3.0, "w_fit": 2.0, "w_quality": 2.0}


def accept(bias=0.0, trust=0.5, fit=0.5, quality=0.5, coordination=0.5, w_coordination=1.5):  # type: ignore[no-untyped-def]
    return mech.acceptance_probability(bias, trust, fit, quality, coordination, w_coordination=w_coordination, **ACC)


class TestAcceptance:
    def test_neutral_proposal_is_a_coin_flip(self) -> None:
        assert float(accept()) == pytest.approx(0.5)

    def test_by_hand(self) -> None:
        # x = 0.5 + 3 (1 - 0.5) + 2 (1 - 0.5) + 0 + 0 = 3
        assert float(accept(bias=0.5, trust=1.0, fit=1.0)) == pytest.approx(1 / (1 + np.exp(-3.0)))
        # x = -0.5 + 3 (0.2 - 0.5) + 2 (0.2 - 0.5) + 2 (0.7 - 0.5) + 1.5 (0.9 - 0.5) = -1.0
        p = float(accept(bias=-0.5, trust=0.2, fit=0.2, quality=0.7, coordination=0.9))
        assert p == pytest.approx(1 / (1 + np.exp(1.0)))

    @pytest.mark.parametrize("arg", ["trust", "fit", "quality", "coordination", "bias"])
    def test_monotone_increasing(self, arg: str) -> None:
        xs = np.linspace(0, 1, 11)
        ps = np.array([float(accept(**{arg: x})) for x in xs])
        assert np.all(np.diff(ps) > 0)

    def test_coordination_weight_zero_means_no_effect(self) -> None:
        ps = [float(accept(coordination=c, w_coordination=0.0, trust=0.7)) for c in (0.0, 0.3, 1.0)]
        assert ps[0] == ps[1] == ps[2]

    def test_coordination_weight_per_proposal(self) -> None:
        # government (w_C = 1.5) and firm (w_C = 0) proposals in one call
        p = mech.acceptance_probability(
            [0.0, 0.0], [0.5, 0.5], [0.5, 0.5], [0.5, 0.5], [1.0, 1.0], 3.0, 2.0, 2.0, np.array([1.5, 0.0])
        )
        assert p[0] == pytest.approx(1 / (1 + np.exp(-0.75)))
        assert p[1] == pytest.approx(0.5)

    def test_strictly_inside_unit_interval(self) -> None:
        assert 0 < float(accept(bias=-10, trust=0, fit=0, quality=0, coordination=0)) < 0.01
        assert 0.99 < float(accept(bias=10, trust=1, fit=1, quality=1, coordination=1)) <= 1

    def test_logistic(self) -> None:
        assert_allclose(mech.logistic([0.0, np.log(3.0)]), [0.5, 0.75])


# --------------------------------------------------------------------------- marketing


class TestBassAwareness:
    def test_by_hand(self) -> None:
        # p m + q A/M = 0.5 * 0.5 + 0.2 * 0.2 = 0.29
        assert float(mech.bass_awareness(0.5, 0.2, 0.5, 0.2)) == pytest.approx(0.29)
        assert float(mech.bass_awareness(0.5, 0.2, 0.5, 0.2, extra=0.1)) == pytest.approx(0.39)

    def test_no_marketing_no_aware_no_channel_means_zero(self) -> None:
        assert float(mech.bass_awareness(0.0, 0.0, 0.5, 0.2)) == 0.0

    def test_clipped_to_one(self) -> None:
        assert float(mech.bass_awareness(1.0, 1.0, 0.8, 0.8, extra=0.5)) == 1.0

    def test_vectorised_and_monotone(self) -> None:
        m = np.array([0.0, 0.25, 0.5, 1.0])
        out = mech.bass_awareness(m, 0.5, 0.5, 0.2, extra=np.array([0.0, 0.0, 0.0, 0.0]))
        assert_allclose(out, 0.5 * m + 0.1)
        assert np.all(np.diff(mech.bass_awareness(0.3, m, 0.5, 0.2)) > 0)


# --------------------------------------------------------------------------- BKM capacity


def cap(c=0.5, practice=0.0, facilitation=0.0, strengthening=0.0, overload=0.0):  # type: ignore[no-untyped-def]
    return float(mech.capacity_update(c, practice, facilitation, strengthening, overload, 0.15, 0.08))


class TestCapacity:
    def test_erodes_without_practice_or_facilitation(self) -> None:
        # 0.5 - 0.08 * 0.5 * 1 = 0.46
        assert cap() == pytest.approx(0.46)

    def test_grows_with_practice(self) -> None:
        # 0.5 + 0.15 * 0.5 * min(1, 0.5) - 0 = 0.5375
        assert cap(practice=1.0) == pytest.approx(0.5375)
        assert cap(practice=1.0) > 0.5

    def test_grows_with_facilitation(self) -> None:
        # 0.5 + 0.15 * 0.5 * 0.8 - 0.08 * 0.5 * (1 * 0.2 * 1) = 0.552
        assert cap(facilitation=0.8) == pytest.approx(0.552)

    def test_strengthening_stops_erosion(self) -> None:
        # 0.5 + 0.15 * 0.5 * 1 - 0 = 0.575
        assert cap(strengthening=1.0) == pytest.approx(0.575)

    def test_overload_erodes(self) -> None:
        # practice 1, overload 1: 0.5 + 0.0375 - 0.08 * 0.5 * 1 = 0.4975
        assert cap(practice=1.0, overload=1.0) == pytest.approx(0.4975)
        assert cap(practice=1.0, overload=1.0) < 0.5
        assert cap(practice=1.0, overload=0.5) < cap(practice=1.0)

    def test_monotone_in_practice_and_facilitation(self) -> None:
        xs = np.linspace(0, 1, 6)
        assert np.all(np.diff([cap(practice=x) for x in xs]) > 0)
        assert np.all(np.diff([cap(facilitation=x) for x in xs]) > 0)

    def test_fixed_points_and_bounds(self) -> None:
        assert cap(c=0.0) == 0.0  # nothing to erode, nothing learnt
        assert cap(c=1.0, practice=1.0, facilitation=1.0) == 1.0
        out = mech.capacity_update(np.linspace(0, 1, 11), 1.0, 1.0, 1.0, 5.0, 1.0, 1.0)
        assert np.all((out >= 0) & (out <= 1))


# --------------------------------------------------------------------------- managing body, grant, delivery


class TestManagingBodyTarget:
    def test_by_hand(self) -> None:
        # B (0.6 + 0.4 c) + K
        assert_allclose(mb_target([0.5, 0.5, 1.0], [0.5, 0.0, 1.0], 0.0), [0.4, 0.3, 1.0])
        assert float(mb_target(0.5, 0.5, 0.3)) == pytest.approx(0.7)

    def test_clipped_to_one(self) -> None:
        assert float(mb_target(1.0, 1.0, 0.5)) == 1.0

    def test_monotone_in_capacity(self) -> None:
        out = mb_target(0.6, np.linspace(0, 1, 5), 0.0)
        assert np.all(np.diff(out) > 0)

    def test_capacity_weight(self) -> None:
        # B (1 - w + w c) + K: w = 0 ignores capacity, w = 1 scales B by c
        assert_allclose(mb_target(0.5, [0.0, 1.0], 0.0, w=0.0), [0.5, 0.5])
        assert_allclose(mb_target(0.5, [0.0, 0.5, 1.0], 0.1, w=1.0), [0.1, 0.35, 0.6])

    def test_default_weight_is_registry_default(self) -> None:
        w = float(BY_NAME["bkm.managing_body_capacity_weight"].default)
        assert_allclose(mech.managing_body_target(0.5, 0.5, 0.0), mb_target(0.5, 0.5, 0.0, w=w))


class TestGrantAbsorption:
    def test_by_hand(self) -> None:
        # a + (1 - a) min(1, c / 0.5)
        assert_allclose(absorption([0.0, 0.25, 0.5, 0.9], 0.6), [0.6, 0.8, 1.0, 1.0])

    def test_full_at(self) -> None:
        # full absorption at capacity 0.8: 0.6 + 0.4 * 0.4 / 0.8 = 0.8
        assert_allclose(absorption([0.4, 0.8, 1.0], 0.6, full_at=0.8), [0.8, 1.0, 1.0])
        assert_allclose(mech.grant_absorption(0.25, 0.6), 0.8)  # default c_full 0.5

    def test_between_min_and_one(self) -> None:
        out = absorption(np.linspace(0, 1, 21), 0.3)
        assert np.all((out >= 0.3 - 1e-12) & (out <= 1 + 1e-12))
        assert np.all(np.diff(out) >= 0)


class TestDeliverySuccess:
    def test_by_hand(self) -> None:
        assert_allclose(mech.delivery_success_probability([0.0, 0.5, 1.0], 0.3), [0.3, 0.65, 1.0])

    def test_quality_clipped(self) -> None:
        assert_allclose(mech.delivery_success_probability([-1.0, 2.0], 0.3), [0.3, 1.0])


# --------------------------------------------------------------------------- assets


def upkeep(cash, assets=100.0, condition=0.8, mb=0.5, inkind=5.0):  # type: ignore[no-untyped-def]
    out = mech.upkeep_and_condition(cash, assets, condition, mb, inkind, 0.04, 20.0, 0.12)
    return tuple(float(x) for x in out)


class TestUpkeepAndCondition:
    def test_enough_cash_for_upkeep(self) -> None:
        # upkeep 4 paid in full (phi 1), in-kind 5 covers part of activities 20, cash 6 pays the rest it can
        cash, cond, need, paid = upkeep(10.0)
        assert cash == pytest.approx(0.0)
        assert cond == pytest.approx(0.8 - 0.12 * (1 - 1.5 / 2))  # 0.77
        assert need == pytest.approx(24.0)
        assert paid == pytest.approx(5 + 4 + 6)

    def test_half_the_upkeep(self) -> None:
        # cash 2 of upkeep 4: phi 0.5; condition 0.8 - 0.12 (1 - 0.5 * 1.5 / 2) = 0.725
        cash, cond, need, paid = upkeep(2.0)
        assert cash == pytest.approx(0.0)
        assert cond == pytest.approx(0.725)
        assert need == pytest.approx(24.0)
        assert paid == pytest.approx(7.0)

    def test_surplus_cash_is_kept(self) -> None:
        # upkeep 4 + activities 15 (after in-kind 5) = 19 out of 50
        cash, _, _, paid = upkeep(50.0)
        assert cash == pytest.approx(31.0)
        assert paid == pytest.approx(24.0)

    def test_inkind_covers_activities_only_up_to_their_cost(self) -> None:
        cash, _, need, paid = upkeep(10.0, inkind=30.0)
        assert cash == pytest.approx(6.0)  # only upkeep 4 paid in cash
        assert paid == pytest.approx(24.0)  # 20 in kind (not 30) + 4
        assert need == pytest.approx(24.0)

    def test_full_upkeep_and_perfect_body_means_no_decay(self) -> None:
        _, cond, _, _ = upkeep(100.0, mb=1.0)
        assert cond == pytest.approx(0.8)

    def test_no_upkeep_paid_means_full_decay(self) -> None:
        _, cond, _, _ = upkeep(0.0, mb=1.0)
        assert cond == pytest.approx(0.8 - 0.12)

    def test_weak_body_maintains_badly_even_when_paid(self) -> None:
        _, cond_weak, _, _ = upkeep(100.0, mb=0.0)
        _, cond_strong, _, _ = upkeep(100.0, mb=1.0)
        assert cond_weak == pytest.approx(0.8 - 0.12 * 0.5)
        assert cond_weak < cond_strong

    def test_no_assets(self) -> None:
        # no upkeep need (phi counts as 1): activities 20 paid from cash 30
        cash, _, need, paid = upkeep(30.0, assets=0.0, inkind=0.0)
        assert cash == pytest.approx(10.0)
        assert need == pytest.approx(20.0)
        assert paid == pytest.approx(20.0)

    def test_vectorised_matches_scalar(self) -> None:
        cash = np.array([10.0, 2.0, 50.0])
        ones = np.ones(3)
        out = mech.upkeep_and_condition(cash, 100.0 * ones, 0.8 * ones, 0.5 * ones, 5.0 * ones, 0.04, 20.0, 0.12)
        for i, c in enumerate(cash):
            assert tuple(float(x[i]) for x in out) == pytest.approx(upkeep(c))

    def test_broadcasts_scalar_assets_against_array_cash(self) -> None:
        cash = np.array([10.0, 2.0, 50.0])
        out = mech.upkeep_and_condition(cash, 100.0, 0.8, 0.5, 5.0, 0.04, 20.0, 0.12)
        for i, c in enumerate(cash):
            assert tuple(float(np.broadcast_to(x, (3,))[i]) for x in out) == pytest.approx(upkeep(c))

    def test_paid_never_exceeds_need_and_cash_never_negative(self) -> None:
        rng = np.random.default_rng(1)
        n = 200
        cash, cond, need, paid = mech.upkeep_and_condition(
            rng.uniform(0, 50, n), rng.uniform(0, 500, n), rng.random(n), rng.random(n), rng.uniform(0, 40, n),
            0.04, 20.0, 0.12,
        )  # fmt: skip
        assert np.all(cash >= 0)
        assert np.all(paid <= need + 1e-9)
        assert np.all((cond >= 0) & (cond <= 1))


# --------------------------------------------------------------------------- grouped cumulative sum


def naive_grouped_cumsum(groups: np.ndarray, values: np.ndarray) -> np.ndarray:
    running: dict[int, float] = {}
    out = np.empty(len(values))
    for i, (g, v) in enumerate(zip(groups.tolist(), values.tolist(), strict=True)):
        running[g] = running.get(g, 0.0) + v
        out[i] = running[g]
    return out


class TestGroupedCumsum:
    def test_by_hand(self) -> None:
        g = np.array([2, 0, 2, 1, 0, 2])
        v = np.array([1.0, 10.0, 2.0, 5.0, 20.0, 3.0])
        assert_allclose(mech.grouped_cumsum(g, v), [1, 10, 3, 5, 30, 6])

    def test_empty(self) -> None:
        out = mech.grouped_cumsum(np.zeros(0, dtype=np.int64), np.zeros(0))
        assert out.shape == (0,)

    def test_single_group_is_cumsum(self) -> None:
        v = np.array([1.0, 2.0, 3.0, 4.0])
        assert_allclose(mech.grouped_cumsum(np.zeros(4, dtype=np.int64), v), np.cumsum(v))

    @settings(max_examples=200, deadline=None)
    @given(
        st.lists(
            st.tuples(st.integers(0, 5), st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)),
            max_size=60,
        )
    )
    def test_matches_naive_loop(self, pairs: list[tuple[int, float]]) -> None:
        g = np.array([p[0] for p in pairs], dtype=np.int64)
        v = np.array([p[1] for p in pairs], dtype=float)
        expected = naive_grouped_cumsum(g, v)
        assert_allclose(mech.grouped_cumsum(g, v), expected, rtol=1e-9, atol=1e-3)


# --------------------------------------------------------------------------- occurrence rounds


def naive_rounds(keys: list[int]) -> list[list[int]]:
    seen: dict[int, int] = {}
    rounds: list[list[int]] = []
    for i, k in enumerate(keys):
        r = seen.get(k, 0)
        seen[k] = r + 1
        if r == len(rounds):
            rounds.append([])
        rounds[r].append(i)
    return rounds


class TestOccurrenceRounds:
    def test_by_hand(self) -> None:
        rounds = mech.occurrence_rounds(np.array([7, 3, 7, 7, 3, 9]))
        assert [r.tolist() for r in rounds] == [[0, 1, 5], [2, 4], [3]]

    def test_empty(self) -> None:
        assert mech.occurrence_rounds(np.zeros(0, dtype=np.int64)) == []

    def test_sequential_trust_learning_equals_a_loop(self) -> None:
        # one pair with outcomes success, failure, success in a year, learned in order
        keys = np.array([4, 4, 4])
        outcome = np.array([1, 0, 1])
        trust = np.array([0.5])
        for idx in mech.occurrence_rounds(keys):
            trust[0] = float(mech.trust_update(trust[0], outcome[idx][0], 0.15, 0.4))
        expected = 0.5
        for o in outcome:
            expected = float(mech.trust_update(expected, o, 0.15, 0.4))
        assert trust[0] == pytest.approx(expected)
        # 0.5 -> 0.575 -> 0.575 * 0.6 = 0.345 -> 0.345 + 0.15 * 0.655 = 0.44325
        assert expected == pytest.approx(0.44325)

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.integers(0, 6), max_size=40))
    def test_matches_naive_loop(self, keys: list[int]) -> None:
        rounds = mech.occurrence_rounds(np.array(keys, dtype=np.int64))
        assert [r.tolist() for r in rounds] == naive_rounds(keys)
        for r in rounds:  # no key repeats within a round
            ks = np.array(keys)[r]
            assert len(set(ks.tolist())) == len(ks)
