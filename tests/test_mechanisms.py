"""Unit tests of the pure submodels in ``simulator.model.mechanisms``.

Every expectation is computed by hand from the equations in the docstrings; the
arithmetic is written next to it. Numbers in the by-hand cases are test inputs,
not the registry's values; where a realistic rate matters (negativity bias,
enabler shares) the registry default is read from ``simulator.params``.
"""

from __future__ import annotations

import inspect
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from simulator.model import mechanisms as mech
from simulator.params import BY_NAME


def default(name: str) -> float:
    return float(BY_NAME[name].default)


LS = default("trust.learn_success")
LF = default("trust.learn_failure")
SPREAD = default("trust.reputation_spread")
SHARES = (default("enablers.trust_share"), default("enablers.coordination_share"), default("enablers.skill_share"))

unit = st.floats(0.0, 1.0, allow_nan=False)
rate = st.floats(0.0, 1.0, allow_nan=False)
money = st.floats(0.0, 1e4, allow_nan=False)
count = st.integers(0, 20)


def logit_to_p(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


TESTED = {
    "trust_update",
    "learning_rates",
    "reputation_update",
    "trust_forget",
    "logistic",
    "enabler_index",
    "acceptance_logit",
    "acceptance_probability",
    "renewal_probability",
    "renewal_choice",
    "bass_awareness",
    "notice_probability",
    "capacity_update",
    "managing_body_of_collection",
    "managing_body_target",
    "grant_absorption",
    "delivery_success_probability",
    "report_probability",
    "upkeep_need",
    "condition_update",
    "pay_needs",
    "fee_collection",
    "fee_revenue",
    "rehabilitate",
    "grouped_cumsum",
    "occurrence_rounds",
}


def test_every_public_function_has_tests_here() -> None:
    public = {
        name
        for name, obj in inspect.getmembers(mech, inspect.isfunction)
        if obj.__module__ == mech.__name__ and not name.startswith("_")
    }
    assert public == TESTED


def test_registry_rates_have_a_negativity_bias() -> None:
    # the tests below that use registry rates rely on failures weighing more
    assert 0 < LS < LF <= 1
    assert sum(SHARES) == pytest.approx(1.0)


# --------------------------------------------------------------------------- trust


class TestTrustUpdate:
    def test_success_and_failure_by_hand(self) -> None:
        out = mech.trust_update([0.5, 0.5, 0.2, 0.9], [1, 0, 1, 0], 0.15, 0.4)
        # 0.5 + 0.15 (1 - 0.5); 0.5 + 0.4 (0 - 0.5); 0.2 + 0.15 * 0.8; 0.9 - 0.4 * 0.9
        assert_allclose(out, [0.575, 0.3, 0.32, 0.54])

    def test_boolean_outcomes(self) -> None:
        out = mech.trust_update(np.array([0.5, 0.5]), np.array([True, False]), 0.15, 0.4)
        assert_allclose(out, [0.575, 0.3])

    def test_negativity_bias_with_registry_rates(self) -> None:
        t0 = 0.5
        gain = float(mech.trust_update(t0, 1, LS, LF)) - t0
        loss = t0 - float(mech.trust_update(t0, 0, LS, LF))
        assert gain == pytest.approx(LS * (1 - t0))  # a (1 - T)
        assert loss == pytest.approx(LF * t0)  # a T
        assert loss > gain

    @pytest.mark.parametrize(
        ("ls", "lf", "t0", "n_expected"),
        [
            # 1 - (1 - (1 - lf) t0) (1 - ls)^n >= t0
            (0.15, 0.4, 0.5, 3),  # 0.85^n <= 0.5 / 0.7 = 0.714: 0.85^2 = 0.7225, 0.85^3 = 0.614
            (0.15, 0.4, 0.7, 5),  # 0.85^n <= 0.3 / 0.58 = 0.517: 0.85^4 = 0.522, 0.85^5 = 0.444
            (0.15, 0.4, 0.9, 10),  # 0.85^n <= 0.1 / 0.46 = 0.217: 0.85^9 = 0.232, 0.85^10 = 0.197
            (0.2, 0.4, 0.5, 2),  # 0.8^n <= 0.714: 0.8, 0.64
            (0.2, 0.4, 0.7, 3),  # 0.8^n <= 0.517: 0.64, 0.512
            (0.2, 0.4, 0.9, 7),  # 0.8^n <= 0.217: 0.8^6 = 0.262, 0.8^7 = 0.210
        ],
    )
    def test_recovery_after_a_failure_takes_several_successes(
        self, ls: float, lf: float, t0: float, n_expected: int
    ) -> None:
        t = float(mech.trust_update(t0, 0, ls, lf))
        n = 0
        while t < t0 - 1e-12:
            t = float(mech.trust_update(t, 1, ls, lf))
            n += 1
            assert n < 100
        assert n == n_expected

    def test_three_successes_after_a_failure_by_hand(self) -> None:
        t = mech.trust_update(0.5, 0, 0.15, 0.4)  # 0.5 - 0.4 * 0.5 = 0.3
        # 0.3 + 0.15 * 0.7 = 0.405; 0.405 + 0.15 * 0.595 = 0.49425; 0.49425 + 0.15 * 0.50575 = 0.5701125
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

    @settings(max_examples=200, deadline=None)
    @given(unit, st.booleans(), rate, rate)
    def test_moves_toward_outcome_and_stays_in_unit_interval(self, t: float, o: bool, ls: float, lf: float) -> None:
        out = float(mech.trust_update(t, o, ls, lf))
        assert 0 <= out <= 1
        assert (out >= t - 1e-12) if o else (out <= t + 1e-12)


class TestLearningRates:
    def test_learned_returns_rates_as_given(self) -> None:
        assert mech.learning_rates("learned", 0.2, 0.4) == (0.2, 0.4)
        assert mech.learning_rates("learned", LS, LF) == (LS, LF)

    def test_symmetric_returns_mean_for_both(self) -> None:
        ls, lf = mech.learning_rates("symmetric", 0.2, 0.4)
        assert ls == pytest.approx(0.3)  # (0.2 + 0.4) / 2
        assert lf == pytest.approx(0.3)

    def test_fixed_returns_zero(self) -> None:
        assert mech.learning_rates("fixed", 0.2, 0.4) == (0.0, 0.0)

    def test_fixed_rates_leave_trust_unchanged(self) -> None:
        ls, lf = mech.learning_rates("fixed", LS, LF)
        assert_allclose(mech.trust_update([0.3, 0.7], [1, 0], ls, lf), [0.3, 0.7])

    def test_symmetric_removes_negativity_bias(self) -> None:
        ls, lf = mech.learning_rates("symmetric", LS, LF)
        gain = float(mech.trust_update(0.5, 1, ls, lf)) - 0.5
        loss = 0.5 - float(mech.trust_update(0.5, 0, ls, lf))
        assert gain == pytest.approx(loss)


class TestReputationUpdate:
    def test_nothing_heard_leaves_trust_unchanged(self) -> None:
        t = np.array([0.0, 0.3, 1.0])
        assert_allclose(mech.reputation_update(t, 0, 0, 0.5, 0.2, 0.4), t)
        # even with a rate that would otherwise be capped
        assert_allclose(mech.reputation_update(t, 0, 0, 10.0, 1.0, 1.0), t)

    def test_only_successes_by_hand(self) -> None:
        # o = 1, r = 0.5 (0.2 S) / S = 0.1: T + 0.1 (1 - T)
        out = mech.reputation_update([0.4, 0.4], [1, 3], [0, 0], 0.5, 0.2, 0.4)
        assert_allclose(out, [0.4 + 0.5 * 0.2 * 0.6] * 2)  # 0.46 whatever the count

    def test_only_failures_by_hand(self) -> None:
        # o = 0, r = 0.5 * 0.4 = 0.2: T - 0.2 T
        out = mech.reputation_update([0.4, 0.4], [0, 0], [1, 2], 0.5, 0.2, 0.4)
        assert_allclose(out, [0.4 - 0.5 * 0.4 * 0.4] * 2)  # 0.32

    def test_mixed_by_hand(self) -> None:
        # S = 3, F = 1: o = 3/4; r = 0.5 (0.2 * 3 + 0.4 * 1) / 4 = 0.125; 0.4 + 0.125 (0.75 - 0.4) = 0.44375
        assert float(mech.reputation_update(0.4, 3, 1, 0.5, 0.2, 0.4)) == pytest.approx(0.44375)
        # S = 1, F = 1: o = 1/2; r = 0.5 (0.2 + 0.4) / 2 = 0.15; 0.6 + 0.15 (0.5 - 0.6) = 0.585
        assert float(mech.reputation_update(0.6, 1, 1, 0.5, 0.2, 0.4)) == pytest.approx(0.585)

    def test_rate_capped_at_one(self) -> None:
        # r = min(1, 5 * 0.4) = 1: trust jumps to the heard outcome, no overshoot
        assert float(mech.reputation_update(0.3, 1, 0, 5.0, 0.4, 0.4)) == pytest.approx(1.0)
        assert float(mech.reputation_update(0.3, 0, 1, 5.0, 0.4, 0.4)) == pytest.approx(0.0)
        # S = 1, F = 3: o = 1/4, r = min(1, 10 (0.4 + 1.2) / 4) = 1
        assert float(mech.reputation_update(0.9, 1, 3, 10.0, 0.4, 0.4)) == pytest.approx(0.25)

    def test_spread_zero_means_no_reputation(self) -> None:
        assert_allclose(mech.reputation_update([0.2, 0.8], [3, 0], [0, 2], 0.0, LS, LF), [0.2, 0.8])

    def test_heard_failure_moves_trust_more_than_heard_success(self) -> None:
        t0 = 0.5
        gain = float(mech.reputation_update(t0, 1, 0, SPREAD, LS, LF)) - t0
        loss = t0 - float(mech.reputation_update(t0, 0, 1, SPREAD, LS, LF))
        assert gain == pytest.approx(SPREAD * LS * (1 - t0))
        assert loss == pytest.approx(SPREAD * LF * t0)
        assert loss > gain > 0
        # one success and one failure heard: o = 1/2 = T, so no move at T = 1/2
        assert float(mech.reputation_update(t0, 1, 1, SPREAD, LS, LF)) == pytest.approx(t0)

    def test_heard_weighs_less_than_own_when_spread_below_one(self) -> None:
        own = float(mech.trust_update(0.5, 0, LS, LF))
        heard = float(mech.reputation_update(0.5, 0, 1, 0.5, LS, LF))
        assert own < heard < 0.5

    def test_vectorised_over_a_matrix(self) -> None:
        t = np.array([[0.4, 0.4], [0.6, 0.4]])
        s = np.array([[0, 1], [1, 3]])
        f = np.array([[0, 0], [1, 1]])
        out = mech.reputation_update(t, s, f, 0.5, 0.2, 0.4)
        assert_allclose(out, [[0.4, 0.46], [0.585, 0.44375]])

    @settings(max_examples=300, deadline=None)
    @given(unit, count, count, st.floats(0.0, 10.0, allow_nan=False), rate, rate)
    def test_stays_in_unit_interval_and_between_trust_and_heard_outcome(
        self, t: float, s: int, f: int, spread: float, ls: float, lf: float
    ) -> None:
        out = float(mech.reputation_update(t, s, f, spread, ls, lf))
        assert 0 <= out <= 1
        if s + f == 0:
            assert out == t
        else:
            o = s / (s + f)
            assert min(t, o) - 1e-12 <= out <= max(t, o) + 1e-12


class TestTrustForget:
    def test_drifts_toward_baseline_by_hand(self) -> None:
        # 0.9 + 0.1 (0.5 - 0.9) = 0.86; 0.2 + 0.1 * 0.3 = 0.23
        out = mech.trust_forget([0.9, 0.2, 0.5], 0.5, 0.1)
        assert_allclose(out, [0.86, 0.23, 0.5])

    def test_rate_zero_keeps_and_rate_one_resets(self) -> None:
        assert_allclose(mech.trust_forget([0.9, 0.1], 0.5, 0.0), [0.9, 0.1])
        assert_allclose(mech.trust_forget([0.9, 0.1], 0.5, 1.0), [0.5, 0.5])

    def test_rate_array_broadcasts(self) -> None:
        trust = np.array([[0.9, 0.9], [0.1, 0.1]])
        rate_ = np.array([[0.1, 0.5]])
        # 0.9 - 0.1 * 0.4, 0.9 - 0.5 * 0.4; 0.1 + 0.1 * 0.4, 0.1 + 0.5 * 0.4
        assert_allclose(mech.trust_forget(trust, 0.5, rate_), [[0.86, 0.7], [0.14, 0.3]])

    def test_never_crosses_baseline(self) -> None:
        t = np.array([0.95])
        for _ in range(50):
            t = mech.trust_forget(t, 0.4, 0.3)
            assert t[0] >= 0.4
        assert t[0] == pytest.approx(0.4, abs=1e-6)


# --------------------------------------------------------------------------- enablers


class TestEnablerIndex:
    def test_complementary_is_weighted_geometric_mean_by_hand(self) -> None:
        # 0.64^0.5 * 0.0625^0.25 * 0.4096^0.25 = 0.8 * 0.5 * 0.8 = 0.32
        out = mech.enabler_index(0.64, 0.0625, 0.4096, (0.5, 0.25, 0.25), "complementary")
        assert float(out) == pytest.approx(0.32)

    def test_additive_is_weighted_mean_by_hand(self) -> None:
        # 0.5 * 0.64 + 0.25 * 0.0625 + 0.25 * 0.4096 = 0.32 + 0.015625 + 0.1024 = 0.438025
        out = mech.enabler_index(0.64, 0.0625, 0.4096, (0.5, 0.25, 0.25), "additive")
        assert float(out) == pytest.approx(0.438025)

    @pytest.mark.parametrize("structure", ["complementary", "additive", "substitutes"])
    @pytest.mark.parametrize("x", [0.0, 0.2, 0.5, 1.0])
    def test_equal_inputs_give_that_value(self, structure: str, x: float) -> None:
        # x^a x^b x^c = x^(a+b+c) = x; a x + b x + c x = x
        assert float(mech.enabler_index(x, x, x, SHARES, structure)) == pytest.approx(x)

    @pytest.mark.parametrize("zero", [0, 1, 2])
    def test_complementary_is_zero_when_any_enabler_is_zero(self, zero: int) -> None:
        x = [0.9, 0.9, 0.9]
        x[zero] = 0.0
        assert float(mech.enabler_index(*x, SHARES, "complementary")) == 0.0
        # additive: 0.9 (1 - share of the missing one) > 0
        assert float(mech.enabler_index(*x, SHARES, "additive")) == pytest.approx(0.9 * (1 - SHARES[zero]))

    def test_complementarity_difference_in_differences(self) -> None:
        def gain(structure: str, level: float) -> float:
            lo = float(mech.enabler_index(level, level, 0.3, SHARES, structure))
            hi = float(mech.enabler_index(level, level, 0.8, SHARES, structure))
            return hi - lo

        a, b, c = SHARES
        # complementary: gain = level^(a+b) (0.8^c - 0.3^c), so larger when trust and coordination are high
        assert gain("complementary", 0.9) == pytest.approx(0.9 ** (a + b) * (0.8**c - 0.3**c))
        assert gain("complementary", 0.2) == pytest.approx(0.2 ** (a + b) * (0.8**c - 0.3**c))
        did_comp = gain("complementary", 0.9) - gain("complementary", 0.2)
        assert did_comp > 0.01
        # additive: gain = c (0.8 - 0.3) whatever the others
        assert gain("additive", 0.9) == pytest.approx(c * 0.5)
        assert gain("additive", 0.2) == pytest.approx(c * 0.5)
        assert gain("additive", 0.9) - gain("additive", 0.2) == pytest.approx(0.0, abs=1e-12)
        # substitutes: gain = (1-level)^(a+b) ((0.7)^c - (0.2)^c), so SMALLER when the others are high
        assert gain("substitutes", 0.9) == pytest.approx(0.1 ** (a + b) * (0.7**c - 0.2**c))
        assert gain("substitutes", 0.9) - gain("substitutes", 0.2) < -0.01

    def test_substitutes_by_hand(self) -> None:
        # 1 - 0.36^0.5 * 0.9375^0.25 * 0.5904^0.25 = 1 - 0.6 * 0.98399 * 0.87657 = 0.48247
        out = float(mech.enabler_index(0.64, 0.0625, 0.4096, (0.5, 0.25, 0.25), "substitutes"))
        assert out == pytest.approx(1 - 0.6 * 0.9375**0.25 * 0.5904**0.25)
        # any one enabler at 1 gives the index 1: it stands in for the others
        assert float(mech.enabler_index(1.0, 0.0, 0.0, SHARES, "substitutes")) == pytest.approx(1.0)

    def test_inputs_clipped_to_unit_interval(self) -> None:
        for structure in ("complementary", "additive", "substitutes"):
            out = mech.enabler_index([1.5, -0.2], [1.0, 0.5], [1.0, 0.5], SHARES, structure)
            expected = mech.enabler_index([1.0, 0.0], [1.0, 0.5], [1.0, 0.5], SHARES, structure)
            assert_allclose(out, expected)

    def test_vectorised(self) -> None:
        t = np.array([0.64, 0.5])
        out = mech.enabler_index(t, [0.0625, 0.5], [0.4096, 0.5], (0.5, 0.25, 0.25), "complementary")
        assert_allclose(out, [0.32, 0.5])

    @settings(max_examples=300, deadline=None)
    @given(unit, unit, unit, st.floats(0.0, 1.0), st.floats(0.0, 1.0))
    def test_between_min_and_max_and_geometric_below_arithmetic(
        self, t: float, c: float, s: float, u: float, v: float
    ) -> None:
        lo_w, hi_w = sorted((u, v))
        shares = (lo_w, hi_w - lo_w, 1.0 - hi_w)
        comp = float(mech.enabler_index(t, c, s, shares, "complementary"))
        add = float(mech.enabler_index(t, c, s, shares, "additive"))
        for x in (comp, add):
            assert min(t, c, s) - 1e-9 <= x <= max(t, c, s) + 1e-9
        assert comp <= add + 1e-9  # weighted AM-GM


# --------------------------------------------------------------------------- acceptance


ACC = {"w_enabler": 5.0, "w_fit": 2.0, "w_quality": 2.0}


def acc_logit(bias=0.0, enabler=0.5, fit=0.5, quality=0.5, bonus=0.0):  # type: ignore[no-untyped-def]
    return float(mech.acceptance_logit(bias, enabler, fit, quality, bonus=bonus, **ACC))


def accept(bias=0.0, enabler=0.5, fit=0.5, quality=0.5, bonus=0.0):  # type: ignore[no-untyped-def]
    return float(mech.acceptance_probability(bias, enabler, fit, quality, bonus=bonus, **ACC))


class TestAcceptance:
    def test_neutral_proposal_is_a_coin_flip(self) -> None:
        assert acc_logit() == 0.0
        assert accept() == pytest.approx(0.5)

    def test_by_hand(self) -> None:
        # x = 0.5 + 5 (1 - 0.5) + 2 (1 - 0.5) + 2 (0.5 - 0.5) = 0.5 + 2.5 + 1 = 4
        assert acc_logit(bias=0.5, enabler=1.0, fit=1.0) == pytest.approx(4.0)
        assert accept(bias=0.5, enabler=1.0, fit=1.0) == pytest.approx(logit_to_p(4.0))
        # x = -0.5 + 5 (-0.3) + 2 (-0.3) + 2 (0.2) + 1 = -0.5 - 1.5 - 0.6 + 0.4 + 1 = -1.2
        assert acc_logit(bias=-0.5, enabler=0.2, fit=0.2, quality=0.7, bonus=1.0) == pytest.approx(-1.2)
        assert accept(bias=-0.5, enabler=0.2, fit=0.2, quality=0.7, bonus=1.0) == pytest.approx(1 / (1 + np.exp(1.2)))

    def test_bonus_adds_to_the_logit(self) -> None:
        base = acc_logit(bias=0.3, enabler=0.7, fit=0.4, quality=0.6)
        assert acc_logit(bias=0.3, enabler=0.7, fit=0.4, quality=0.6, bonus=1.5) == pytest.approx(base + 1.5)
        assert accept(bias=0.3, enabler=0.7, fit=0.4, quality=0.6, bonus=1.5) > accept(
            bias=0.3, enabler=0.7, fit=0.4, quality=0.6
        )

    def test_bonus_per_proposal(self) -> None:
        # one proposal from a live partner (bonus 1), one from a new one (bonus 0)
        x = mech.acceptance_logit([0.0, 0.0], [0.5, 0.5], [0.5, 0.5], [0.5, 0.5], 5.0, 2.0, 2.0, np.array([1.0, 0.0]))
        assert_allclose(x, [1.0, 0.0])
        p = mech.acceptance_probability(
            [0.0, 0.0], [0.5, 0.5], [0.5, 0.5], [0.5, 0.5], 5.0, 2.0, 2.0, np.array([1.0, 0.0])
        )
        assert_allclose(p, [logit_to_p(1.0), 0.5])

    def test_probability_is_logistic_of_logit(self) -> None:
        rng = np.random.default_rng(3)
        b, e, f, q, bonus = rng.normal(size=20), rng.random(20), rng.random(20), rng.random(20), rng.random(20)
        x = mech.acceptance_logit(b, e, f, q, 5.0, 2.0, 2.0, bonus)
        assert_allclose(mech.acceptance_probability(b, e, f, q, 5.0, 2.0, 2.0, bonus), 1 / (1 + np.exp(-x)))

    @pytest.mark.parametrize("arg", ["enabler", "fit", "quality", "bias", "bonus"])
    def test_monotone_increasing(self, arg: str) -> None:
        xs = np.linspace(0, 1, 11)
        ps = np.array([accept(**{arg: x}) for x in xs])
        assert np.all(np.diff(ps) > 0)

    def test_zero_weight_removes_a_term(self) -> None:
        out = [float(mech.acceptance_logit(0.2, e, 0.9, 0.1, 0.0, 2.0, 2.0)) for e in (0.0, 0.4, 1.0)]
        assert out[0] == out[1] == out[2] == pytest.approx(0.2 + 0.8 - 0.8)

    def test_strictly_inside_unit_interval(self) -> None:
        assert 0 < accept(bias=-10, enabler=0, fit=0, quality=0) < 0.01
        assert 0.99 < accept(bias=10, enabler=1, fit=1, quality=1) <= 1

    def test_logistic(self) -> None:
        # 1 / (1 + 1) = 0.5; 1 / (1 + 1/3) = 0.75
        assert_allclose(mech.logistic([0.0, np.log(3.0)]), [0.5, 0.75])
        assert_allclose(mech.logistic([-2.0, 2.0]).sum(), 1.0)  # symmetric about 0


# --------------------------------------------------------------------------- renewal


REN = {"w_trust": 6.0, "w_report": 1.0, "w_fit": 1.0, "w_budget": 1.0}


def renew(bias=0.0, trust=0.5, reported=0.5, fit=0.5, budget=0.5, **w):  # type: ignore[no-untyped-def]
    weights = {**REN, **w}
    return float(mech.renewal_probability(bias, trust, reported, fit, budget, **weights))


class TestRenewalProbability:
    def test_neutral_is_a_coin_flip(self) -> None:
        assert renew() == pytest.approx(0.5)

    def test_by_hand(self) -> None:
        # x = 1 + 6 (0.8 - 0.5) + 1 (1 - 0.5) + 1 (0.5 - 0.5) + 1 (0.2 - 0.5) = 1 + 1.8 + 0.5 - 0.3 = 3
        assert renew(bias=1.0, trust=0.8, reported=1, fit=0.5, budget=0.2) == pytest.approx(logit_to_p(3.0))
        # x = -1 + 4 (-0.25) + 2 (-0.5) + 1 (0.5) + 3 (0) = -2.5
        p = renew(
            bias=-1.0, trust=0.25, reported=0, fit=1.0, budget=0.5, w_trust=4.0, w_report=2.0, w_fit=1.0, w_budget=3.0
        )
        assert p == pytest.approx(logit_to_p(-2.5))

    @pytest.mark.parametrize("arg", ["trust", "reported", "fit", "budget"])
    def test_monotone_increasing(self, arg: str) -> None:
        xs = np.linspace(0, 1, 11)
        ps = np.array([renew(bias=0.3, **{arg: x}) for x in xs])
        assert np.all(np.diff(ps) > 0)

    def test_report_is_a_switch(self) -> None:
        # logit(P | reported) - logit(P | not) = w_R
        p1, p0 = renew(reported=1, w_report=1.5), renew(reported=0, w_report=1.5)
        assert math.log(p1 / (1 - p1)) - math.log(p0 / (1 - p0)) == pytest.approx(1.5)

    @pytest.mark.parametrize(
        ("arg", "weight"), [("trust", "w_trust"), ("reported", "w_report"), ("fit", "w_fit"), ("budget", "w_budget")]
    )
    def test_zero_weight_removes_a_term(self, arg: str, weight: str) -> None:
        # the other inputs at 1/2: x = 0.4 whatever the input whose weight is 0
        ps = [renew(bias=0.4, **{arg: x, weight: 0.0}) for x in (0.0, 0.3, 1.0)]
        assert ps[0] == ps[1] == ps[2] == pytest.approx(logit_to_p(0.4))

    def test_vectorised(self) -> None:
        p = mech.renewal_probability(1.0, [0.8, 0.5], [1, 0.5], [0.5, 0.5], [0.2, 0.5], 6.0, 1.0, 1.0, 1.0)
        assert_allclose(p, [logit_to_p(3.0), logit_to_p(1.0)])


class TestRenewalChoice:
    def test_thresholds_by_hand(self) -> None:
        # renew below 0.6; scale down below 0.6 + 0.4 * 0.5 = 0.8; leave from 0.8
        out = mech.renewal_choice(0.6, 0.5, np.array([0.0, 0.59, 0.61, 0.79, 0.81, 0.999]))
        r, s, leave = mech.RENEW, mech.SCALE_DOWN, mech.LEAVE
        assert out.tolist() == [r, r, s, s, leave, leave]
        assert out.dtype == np.int64

    def test_codes_are_distinct(self) -> None:
        assert len({mech.RENEW, mech.SCALE_DOWN, mech.LEAVE}) == 3

    def test_share_zero_never_scales_down(self) -> None:
        u = np.linspace(0, 1, 1001, endpoint=False)
        out = mech.renewal_choice(0.6, 0.0, u)
        assert not np.any(out == mech.SCALE_DOWN)
        assert np.all((out == mech.RENEW) == (u < 0.6))

    def test_share_one_never_leaves(self) -> None:
        u = np.linspace(0, 1, 1001, endpoint=False)
        for p in (0.0, 0.1, 0.37, 0.6, 0.999):
            out = mech.renewal_choice(p, 1.0, u)
            assert not np.any(out == mech.LEAVE)
        assert not np.any(mech.renewal_choice(np.linspace(0, 1, 1001), 1.0, 1 - 1e-12) == mech.LEAVE)

    def test_p_one_always_renews_and_p_zero_never(self) -> None:
        u = np.linspace(0, 1, 101, endpoint=False)
        assert np.all(mech.renewal_choice(1.0, 0.5, u) == mech.RENEW)
        assert not np.any(mech.renewal_choice(0.0, 0.5, u) == mech.RENEW)

    @pytest.mark.parametrize(("p", "s"), [(0.6, 0.5), (0.3, 0.25), (0.85, 0.7)])
    def test_shares_over_a_uniform_grid(self, p: float, s: float) -> None:
        n = 100_000
        u = (np.arange(n) + 0.5) / n  # midpoints: no draw sits on a threshold
        out = mech.renewal_choice(np.full(n, p), s, u)
        shares = np.bincount(out, minlength=3) / n
        # P, (1 - P) s, (1 - P)(1 - s): e.g. 0.6, 0.2, 0.2 and 0.3, 0.175, 0.525
        assert_allclose(
            shares[[mech.RENEW, mech.SCALE_DOWN, mech.LEAVE]], [p, (1 - p) * s, (1 - p) * (1 - s)], atol=2e-5
        )

    def test_per_partnership_probabilities(self) -> None:
        out = mech.renewal_choice(np.array([0.2, 0.9, 0.5]), 0.5, np.array([0.5, 0.5, 0.8]))
        # 0.5 >= 0.2, < 0.2 + 0.4 = 0.6: scale down; 0.5 < 0.9: renew; 0.8 >= 0.5 + 0.25 = 0.75: leave
        assert out.tolist() == [mech.SCALE_DOWN, mech.RENEW, mech.LEAVE]

    def test_scalar_inputs(self) -> None:
        assert int(mech.renewal_choice(0.6, 0.5, 0.7)) == mech.SCALE_DOWN


# --------------------------------------------------------------------------- marketing


class TestBassAwareness:
    def test_by_hand(self) -> None:
        # p m + q A/M = 0.5 * 0.5 + 0.2 * 0.2 = 0.29; + extra 0.1 = 0.39
        assert float(mech.bass_awareness(0.5, 0.2, 0.5, 0.2)) == pytest.approx(0.29)
        assert float(mech.bass_awareness(0.5, 0.2, 0.5, 0.2, extra=0.1)) == pytest.approx(0.39)


class TestNoticeProbability:
    def test_reach_weighted_mean_marketing_by_hand(self) -> None:
        reach = np.array([[1.0, 1.0, 0.0], [1.0, 0.5, 0.5], [0.0, 0.0, 0.0]])
        marketing = np.array([0.2, 0.6, 1.0])
        out = mech.notice_probability(reach, marketing, 0.5)
        # firm 0: 0.5 * (0.2 + 0.6) / 2 = 0.2; firm 1: 0.5 * (0.2 + 0.3 + 0.5) / 2 = 0.25; firm 2 sees no ward
        assert_allclose(out, [0.2, 0.25, 0.0])

    def test_forum_adds_and_result_is_a_probability(self) -> None:
        reach = np.ones((2, 2))
        assert_allclose(mech.notice_probability(reach, np.array([1.0, 1.0]), 0.8, extra=0.5), [1.0, 1.0])
        assert_allclose(mech.notice_probability(reach, np.zeros(2), 0.8, extra=0.3), [0.3, 0.3])
        assert_allclose(mech.notice_probability(reach, np.zeros(2), 0.8), [0.0, 0.0])

    def test_no_marketing_no_aware_no_channel_means_zero(self) -> None:
        assert float(mech.bass_awareness(0.0, 0.0, 0.5, 0.2)) == 0.0

    def test_clipped_to_one(self) -> None:
        assert float(mech.bass_awareness(1.0, 1.0, 0.8, 0.8, extra=0.5)) == 1.0

    def test_vectorised_and_monotone(self) -> None:
        m = np.array([0.0, 0.25, 0.5, 1.0])
        out = mech.bass_awareness(m, 0.5, 0.5, 0.2, extra=np.array([0.0, 0.0, 0.0, 0.0]))
        assert_allclose(out, 0.5 * m + 0.1)  # 0.5 m + 0.2 * 0.5
        assert np.all(np.diff(mech.bass_awareness(0.3, m, 0.5, 0.2)) > 0)


# --------------------------------------------------------------------------- BKM capacity


def cap(c=0.5, practice=0.0, facilitation=0.0, strengthening=0.0, overload=0.0, w=0.5):  # type: ignore[no-untyped-def]
    return float(mech.capacity_update(c, practice, facilitation, strengthening, overload, 0.15, 0.08, w))


class TestCapacity:
    def test_erodes_without_practice_or_facilitation(self) -> None:
        # 0.5 + 0 - 0.08 * 0.5 * (1 * 1 * 1 + 0) = 0.46
        assert cap() == pytest.approx(0.46)

    def test_grows_with_practice(self) -> None:
        # 0.5 + 0.15 * 0.5 * min(1, 0.5 * 1) - 0.08 * 0.5 * (0 * 1 * 1) = 0.5375
        assert cap(practice=1.0) == pytest.approx(0.5375)

    def test_practice_weight_by_hand(self) -> None:
        # w = 1: 0.5 + 0.15 * 0.5 * min(1, 1) = 0.575
        assert cap(practice=1.0, w=1.0) == pytest.approx(0.575)
        # w = 0.5, P = 0.5, F = 0.2: grow 0.15 * 0.5 * min(1, 0.25 + 0.2) = 0.03375,
        # erode 0.08 * 0.5 * (0.5 * 0.8 * 1) = 0.016: 0.5 + 0.03375 - 0.016 = 0.51775
        assert cap(practice=0.5, facilitation=0.2) == pytest.approx(0.51775)
        # w = 2, P = 0.4, F = 0.3: grow 0.15 * 0.6 * min(1, 0.8 + 0.3) = 0.09,
        # erode 0.08 * 0.4 * (0.6 * 0.7) = 0.01344: 0.4 + 0.09 - 0.01344 = 0.47656
        assert cap(c=0.4, practice=0.4, facilitation=0.3, w=2.0) == pytest.approx(0.47656)

    def test_practice_weight_zero_practice_only_stops_erosion(self) -> None:
        # w = 0: growth 0.15 * 0.5 * min(1, 0 + 0.3) = 0.0225 whatever the practice
        for p in (0.0, 0.5, 1.0):
            erode = 0.08 * 0.5 * (1 - p) * 0.7
            assert cap(practice=p, facilitation=0.3, w=0.0) == pytest.approx(0.5 + 0.0225 - erode)
        # without facilitation, full practice just holds capacity: 0.5 + 0 - 0
        assert cap(practice=1.0, w=0.0) == pytest.approx(0.5)
        assert cap(practice=1.0, w=0.0) > cap(practice=0.0, w=0.0)  # still reduces erosion

    def test_grows_with_facilitation(self) -> None:
        # 0.5 + 0.15 * 0.5 * 0.8 - 0.08 * 0.5 * (1 * 0.2 * 1) = 0.552
        assert cap(facilitation=0.8) == pytest.approx(0.552)

    def test_strengthening_stops_erosion(self) -> None:
        # 0.5 + 0.15 * 0.5 * 1 - 0 = 0.575
        assert cap(strengthening=1.0) == pytest.approx(0.575)

    def test_overload_erodes(self) -> None:
        # practice 1, overload 1: 0.5 + 0.0375 - 0.08 * 0.5 * (0 + 1) = 0.4975
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
        out = mech.capacity_update(np.linspace(0, 1, 11), 1.0, 1.0, 1.0, 5.0, 1.0, 1.0, 1.0)
        assert np.all((out >= 0) & (out <= 1))

    @settings(max_examples=200, deadline=None)
    @given(unit, unit, unit, unit, st.floats(0.0, 5.0), rate, rate, st.floats(0.0, 3.0))
    def test_stays_in_unit_interval(
        self, c: float, p: float, f: float, s: float, o: float, r_l: float, r_e: float, w: float
    ) -> None:
        out = float(mech.capacity_update(c, p, f, s, o, r_l, r_e, w))
        assert 0 <= out <= 1


# --------------------------------------------------------------------------- managing body, grant, delivery, report


class TestManagingBodyTarget:
    def test_by_hand(self) -> None:
        # B (1 - 0.4 + 0.4 c): 0.5 * 0.8 = 0.4; 0.5 * 0.6 = 0.3; 1 * 1 = 1
        assert_allclose(mech.managing_body_target([0.5, 0.5, 1.0], [0.5, 0.0, 1.0], 0.4), [0.4, 0.3, 1.0])
        # 0.8 (1 - 0.25 + 0.25 * 0.2) = 0.8 * 0.8 = 0.64
        assert float(mech.managing_body_target(0.8, 0.2, 0.25)) == pytest.approx(0.64)

    def test_capacity_weight(self) -> None:
        # w = 0 ignores capacity; w = 1 scales B by c
        assert_allclose(mech.managing_body_target(0.5, [0.0, 1.0], 0.0), [0.5, 0.5])
        assert_allclose(mech.managing_body_target(0.6, [0.0, 0.5, 1.0], 1.0), [0.0, 0.3, 0.6])

    def test_clipped_to_unit_interval(self) -> None:
        # 1.5 (0.6 + 0.4) = 1.5 -> 1
        assert float(mech.managing_body_target(1.5, 1.0, 0.4)) == 1.0

    def test_full_capacity_reaches_base(self) -> None:
        w = default("bkm.managing_body_capacity_weight")
        assert_allclose(mech.managing_body_target([0.3, 0.7], 1.0, w), [0.3, 0.7])

    def test_monotone_in_capacity(self) -> None:
        out = mech.managing_body_target(0.6, np.linspace(0, 1, 5), 0.4)
        assert np.all(np.diff(out) > 0)


class TestGrantAbsorption:
    def test_by_hand(self) -> None:
        # 0.6 + 0.4 min(1, c / 0.5): 0.6, 0.6 + 0.4 * 0.5 = 0.8, 1, 1
        assert_allclose(mech.grant_absorption([0.0, 0.25, 0.5, 0.9], 0.6, 0.5), [0.6, 0.8, 1.0, 1.0])

    def test_full_at(self) -> None:
        # full at capacity 0.8: 0.6 + 0.4 * 0.4 / 0.8 = 0.8
        assert_allclose(mech.grant_absorption([0.4, 0.8, 1.0], 0.6, 0.8), [0.8, 1.0, 1.0])

    def test_between_min_and_one(self) -> None:
        out = mech.grant_absorption(np.linspace(0, 1, 21), 0.3, 0.5)
        assert np.all((out >= 0.3 - 1e-12) & (out <= 1 + 1e-12))
        assert np.all(np.diff(out) >= 0)


class TestDeliverySuccess:
    def test_by_hand(self) -> None:
        # 0.3 + 0.7 q
        assert_allclose(mech.delivery_success_probability([0.0, 0.5, 1.0], 0.3), [0.3, 0.65, 1.0])

    def test_quality_clipped(self) -> None:
        assert_allclose(mech.delivery_success_probability([-1.0, 2.0], 0.3), [0.3, 1.0])


class TestReportProbability:
    def test_by_hand(self) -> None:
        # (1 - 0.25) 0.4 + 0.25 * 0.8 = 0.3 + 0.2 = 0.5
        assert float(mech.report_probability(0.4, 0.8, 0.25)) == pytest.approx(0.5)
        # 0.5 * 0.2 + 0.5 * 0.6 = 0.4
        assert_allclose(mech.report_probability([0.2, 1.0], [0.6, 0.0], 0.5), [0.4, 0.5])

    def test_weight_zero_is_capacity_and_one_is_coordination(self) -> None:
        c = np.array([0.1, 0.5, 0.9])
        coord = np.array([0.7, 0.2, 0.4])
        assert_allclose(mech.report_probability(c, coord, 0.0), c)
        assert_allclose(mech.report_probability(c, coord, 1.0), coord)

    @settings(max_examples=100, deadline=None)
    @given(unit, unit, unit)
    def test_between_capacity_and_coordination(self, c: float, coord: float, w: float) -> None:
        out = float(mech.report_probability(c, coord, w))
        assert min(c, coord) - 1e-12 <= out <= max(c, coord) + 1e-12


# --------------------------------------------------------------------------- upkeep and condition


class TestUpkeepNeed:
    def test_condition_by_hand(self) -> None:
        # 0.04 * 100 (1 + 1 (1 - q)): q = 1 -> 4, 0.6 -> 5.6, 0 -> 8
        assert_allclose(mech.upkeep_need(100.0, [1.0, 0.6, 0.0], 0.04, 1.0, "condition"), [4.0, 5.6, 8.0])
        # 0.05 * 200 (1 + 0.5 * 0.2) = 10 * 1.1 = 11
        assert float(mech.upkeep_need(200.0, 0.8, 0.05, 0.5, "condition")) == pytest.approx(11.0)

    def test_grows_as_condition_falls(self) -> None:
        q = np.linspace(1, 0, 11)
        out = mech.upkeep_need(100.0, q, 0.04, 1.0, "condition")
        assert np.all(np.diff(out) > 0)

    def test_growth_zero_is_the_flat_rate(self) -> None:
        assert_allclose(mech.upkeep_need(100.0, [1.0, 0.3], 0.04, 0.0, "condition"), [4.0, 4.0])

    def test_fixed_decay_ignores_condition(self) -> None:
        # u V = 0.04 * 100
        assert_allclose(mech.upkeep_need(100.0, [1.0, 0.6, 0.0], 0.04, 1.0, "fixed_decay"), [4.0, 4.0, 4.0])

    def test_no_assets_no_need(self) -> None:
        for structure in ("condition", "fixed_decay"):
            assert float(mech.upkeep_need(0.0, 0.2, 0.04, 1.0, structure)) == 0.0


DECAY, REPAIR, MBW = 0.12, 0.3, 0.5


def cond(q, phi, e, structure="condition", w=MBW):  # type: ignore[no-untyped-def]
    return float(mech.condition_update(q, phi, e, DECAY, REPAIR, w, structure))


class TestConditionUpdate:
    def test_by_hand(self) -> None:
        # m = 0.5 (1 - 0.5 + 0.5 * 0.8) = 0.45; 0.6 - 0.12 * 0.55 + 0.3 * 0.45 * 0.4 = 0.6 - 0.066 + 0.054 = 0.588
        assert cond(0.6, 0.5, 0.8) == pytest.approx(0.588)
        # fixed_decay: 0.6 - 0.12 (1 - 0.5 * 1.8 / 2) = 0.6 - 0.12 * 0.55 = 0.534
        assert cond(0.6, 0.5, 0.8, "fixed_decay") == pytest.approx(0.534)

    def test_full_upkeep_and_perfect_body_repairs(self) -> None:
        # m = 1: q + 0.3 (1 - q): 0.5 -> 0.65, 0.8 -> 0.86
        assert cond(0.5, 1.0, 1.0) == pytest.approx(0.65)
        assert cond(0.8, 1.0, 1.0) == pytest.approx(0.86)
        # no decay clock: a well-kept stock in full condition stays there
        q = 1.0
        for _ in range(100):
            q = cond(q, 1.0, 1.0)
        assert q == 1.0

    def test_nothing_paid_loses_full_decay(self) -> None:
        # m = 0: q - 0.12, whatever the managing body
        assert cond(0.8, 0.0, 1.0) == pytest.approx(0.68)
        assert cond(0.8, 0.0, 0.0) == pytest.approx(0.68)
        assert cond(0.05, 0.0, 0.5) == 0.0  # clipped

    def test_equilibrium_is_a_fixed_point(self) -> None:
        # phi = 1, E = 0.5, w = 0.5: m = 0.75; q* = 1 - 0.12 * 0.25 / (0.3 * 0.75) = 1 - 0.03 / 0.225 = 13/15
        q_star = 13 / 15
        assert cond(q_star, 1.0, 0.5) == pytest.approx(q_star)
        # and it attracts: from above and below
        for q0 in (1.0, 0.3):
            q = q0
            for _ in range(200):
                q = cond(q, 1.0, 0.5)
            assert q == pytest.approx(q_star, abs=1e-9)

    def test_equilibrium_formula(self) -> None:
        for phi, e, w in [(1.0, 0.2, 0.5), (0.8, 0.9, 0.3), (0.6, 0.6, 1.0)]:
            m = phi * (1 - w + w * e)
            q_star = 1 - DECAY * (1 - m) / (REPAIR * m)
            assert 0 < q_star < 1
            assert cond(q_star, phi, e, w=w) == pytest.approx(q_star)

    def test_managing_body_weight(self) -> None:
        # w = 0: E ignored, m = phi; w = 1 and E = 0: paid upkeep is wasted (m = 0)
        assert cond(0.6, 1.0, 0.0, w=0.0) == cond(0.6, 1.0, 1.0, w=0.0) == pytest.approx(0.6 + 0.3 * 0.4)
        assert cond(0.6, 1.0, 0.0, w=1.0) == pytest.approx(0.6 - 0.12)

    def test_fixed_decay_by_hand_and_old_clock(self) -> None:
        # q - 0.12 (1 - phi (1 + E) / 2)
        assert cond(0.8, 1.0, 1.0, "fixed_decay") == pytest.approx(0.8)  # full upkeep, perfect body: hold
        assert cond(0.8, 0.0, 1.0, "fixed_decay") == pytest.approx(0.68)
        assert cond(0.8, 1.0, 0.0, "fixed_decay") == pytest.approx(0.8 - 0.12 * 0.5)  # 0.74
        # from q = 1, fully paid, E = 0.5: falls 0.12 * 0.25 = 0.03 a year, forever
        qs = [1.0]
        for _ in range(10):
            qs.append(cond(qs[-1], 1.0, 0.5, "fixed_decay"))
        assert_allclose(np.diff(qs), -0.03)
        assert qs[-1] == pytest.approx(0.7)

    def test_structures_differ_in_the_long_run(self) -> None:
        q_cond = q_fixed = 1.0
        for _ in range(50):
            q_cond = cond(q_cond, 1.0, 0.5)
            q_fixed = cond(q_fixed, 1.0, 0.5, "fixed_decay")
        assert q_cond == pytest.approx(13 / 15, abs=1e-6)  # held at the equilibrium
        assert q_fixed == 0.0  # 1 - 50 * 0.03 < 0: run down to nothing
        # with a perfect body both hold full condition: the difference is the clock under E < 1
        assert cond(1.0, 1.0, 1.0) == cond(1.0, 1.0, 1.0, "fixed_decay") == 1.0

    def test_monotone_in_paid_share_and_managing_body(self) -> None:
        xs = np.linspace(0, 1, 11)
        for structure in ("condition", "fixed_decay"):
            assert np.all(np.diff([cond(0.6, x, 0.5, structure) for x in xs]) > 0)
            assert np.all(np.diff([cond(0.6, 0.8, x, structure) for x in xs]) > 0)

    def test_vectorised(self) -> None:
        out = mech.condition_update([0.6, 0.8, 0.5], [0.5, 0.0, 1.0], [0.8, 1.0, 1.0], DECAY, REPAIR, MBW, "condition")
        assert_allclose(out, [0.588, 0.68, 0.65])

    @settings(max_examples=300, deadline=None)
    @given(unit, unit, unit, rate, rate, unit, st.sampled_from(["condition", "fixed_decay"]))
    def test_stays_in_unit_interval(
        self, q: float, phi: float, e: float, delta: float, rho: float, w: float, structure: str
    ) -> None:
        out = float(mech.condition_update(q, phi, e, delta, rho, w, structure))
        assert 0 <= out <= 1


class TestPayNeeds:
    @staticmethod
    def pay(cash: float, upkeep: float = 4.0, activity: float = 20.0, inkind: float = 5.0) -> tuple[float, ...]:
        return tuple(float(x) for x in mech.pay_needs(cash, upkeep, activity, inkind))

    def test_enough_cash_for_upkeep(self) -> None:
        # in kind 5 of activities 20; cash 10 pays upkeep 4, then 6 of the other 15 activities
        assert self.pay(10.0) == pytest.approx((0.0, 4.0, 5 + 4 + 6))

    def test_cash_pays_upkeep_first(self) -> None:
        # cash 2 of upkeep 4: upkeep paid 2, nothing left for activities; total 5 in kind + 2
        assert self.pay(2.0) == pytest.approx((0.0, 2.0, 7.0))

    def test_surplus_cash_is_kept(self) -> None:
        # 50 - 4 upkeep - 15 activities = 31; paid 5 + 4 + 15 = 24
        assert self.pay(50.0) == pytest.approx((31.0, 4.0, 24.0))

    def test_inkind_covers_activities_first_and_only_up_to_their_cost(self) -> None:
        # in kind 30 covers all activities 20 (not 30); cash 10 pays only upkeep 4
        assert self.pay(10.0, inkind=30.0) == pytest.approx((6.0, 4.0, 24.0))

    def test_inkind_does_not_pay_upkeep(self) -> None:
        # no cash: upkeep unpaid even with in kind to spare; total is the in-kind 20
        assert self.pay(0.0, inkind=30.0) == pytest.approx((0.0, 0.0, 20.0))

    def test_no_upkeep(self) -> None:
        # activities 20 from cash 30 (no in kind)
        assert self.pay(30.0, upkeep=0.0, inkind=0.0) == pytest.approx((10.0, 0.0, 20.0))

    def test_vectorised_matches_scalar(self) -> None:
        cash = np.array([10.0, 2.0, 50.0, 0.0])
        upkeep = np.array([4.0, 4.0, 4.0, 4.0])
        inkind = np.array([5.0, 5.0, 5.0, 30.0])
        out = mech.pay_needs(cash, upkeep, 20.0, inkind)
        for i in range(4):
            assert tuple(float(x[i]) for x in out) == pytest.approx(self.pay(cash[i], inkind=inkind[i]))

    @settings(max_examples=300, deadline=None)
    @given(money, money, st.floats(0.0, 1e3, allow_nan=False), money)
    def test_never_negative_never_overpaid_and_cash_conserved(
        self, cash: float, upkeep: float, activity: float, inkind: float
    ) -> None:
        after, paid_upkeep, paid = (float(x) for x in mech.pay_needs(cash, upkeep, activity, inkind))
        assert after >= 0
        assert 0 <= paid_upkeep <= upkeep
        assert paid_upkeep <= paid <= upkeep + activity + 1e-9
        # cash spent = everything paid except the in-kind part
        assert cash - after == pytest.approx(paid - min(activity, inkind), abs=1e-6)


# --------------------------------------------------------------------------- fees


FEE = {"users_per_asset": 0.2, "willingness_to_pay": 0.5, "collection_min": 0.2}


class TestFeeCollection:
    def test_by_hand_and_clipped(self) -> None:
        assert_allclose(mech.fee_collection([0.0, 0.5, 1.0, 1.4, -0.2], 0.2), [0.2, 0.6, 1.0, 1.0, 0.2])

    def test_inverse_round_trips_and_clips(self) -> None:
        for e in (0.0, 0.3, 0.75, 1.0):
            assert mech.managing_body_of_collection(float(mech.fee_collection(e, 0.2)), 0.2) == pytest.approx(e)
        assert mech.managing_body_of_collection(0.1, 0.2) == 0.0  # below what the weakest body collects
        assert mech.managing_body_of_collection(0.5, 1.0) == 1.0  # every body collects everything


def fees(assets=100.0, q=0.8, access=0.6, e=0.5, structure="market"):  # type: ignore[no-untyped-def]
    collected, agreed = mech.fee_revenue(assets, q, access, e, structure=structure, **FEE)
    return float(collected), float(agreed)


class TestFeeRevenue:
    def test_market_by_hand(self) -> None:
        # users 0.2 * 100 * 0.6 * 0.8 = 9.6; agreed 9.6 * 0.5 = 4.8; collection 0.2 + 0.8 * 0.5 = 0.6; 4.8 * 0.6 = 2.88
        assert fees() == pytest.approx((2.88, 4.8))

    def test_flat_by_hand_ignores_access_and_condition(self) -> None:
        # users 0.2 * 100 = 20; agreed 10; collected 10 * 0.6 = 6
        assert fees(structure="flat") == pytest.approx((6.0, 10.0))
        assert fees(q=0.1, access=0.0, structure="flat") == pytest.approx((6.0, 10.0))

    def test_zero_access_or_condition_means_no_fees_under_market(self) -> None:
        assert fees(access=0.0) == (0.0, 0.0)
        assert fees(q=0.0) == (0.0, 0.0)

    def test_collection_by_managing_body(self) -> None:
        # E = 0: only k = 0.2 of 4.8 collected = 0.96; E = 1: all 4.8
        assert fees(e=0.0) == pytest.approx((0.96, 4.8))
        assert fees(e=1.0) == pytest.approx((4.8, 4.8))

    def test_proportional_to_assets(self) -> None:
        c1, a1 = fees(assets=100.0)
        c2, a2 = fees(assets=250.0)
        assert (c2, a2) == pytest.approx((2.5 * c1, 2.5 * a1))

    def test_vectorised(self) -> None:
        collected, agreed = mech.fee_revenue(
            np.array([100.0, 100.0, 0.0]), np.array([0.8, 0.8, 1.0]), np.array([0.6, 0.0, 1.0]),
            np.array([0.5, 1.0, 1.0]), structure="market", **FEE,
        )  # fmt: skip
        assert_allclose(collected, [2.88, 0.0, 0.0])
        assert_allclose(agreed, [4.8, 0.0, 0.0])

    @settings(max_examples=300, deadline=None)
    @given(money, unit, unit, st.floats(-0.5, 1.5), unit, st.sampled_from(["market", "flat"]))
    def test_collected_between_zero_and_agreed(
        self, v: float, q: float, a: float, e: float, k: float, structure: str
    ) -> None:
        collected, agreed = mech.fee_revenue(v, q, a, e, 0.2, 0.5, k, structure)
        assert 0 <= float(collected) <= float(agreed) + 1e-9
        if structure == "market":
            flat_collected, _ = mech.fee_revenue(v, q, a, e, 0.2, 0.5, k, "flat")
            assert float(collected) <= float(flat_collected) + 1e-9


# --------------------------------------------------------------------------- rehabilitation


class TestRehabilitate:
    def test_by_hand(self) -> None:
        # repair min(30 * 0.5, 100 * 0.4) = 15: condition 0.6 + 15/100 = 0.75 on the old 100;
        # new 30 - 15 = 15 at condition 1: V = 115, q = (0.75 * 100 + 15) / 115 = 90 / 115
        v, q, repair = (float(x) for x in mech.rehabilitate(100.0, 0.6, 30.0, 0.5))
        assert v == pytest.approx(115.0)
        assert q == pytest.approx(90 / 115)
        assert repair == pytest.approx(15.0)

    def test_value_conservation(self) -> None:
        v0 = np.array([100.0, 100.0, 0.0, 100.0, 50.0])
        q0 = np.array([0.6, 0.2, 0.0, 0.95, 1.0])
        aid = np.array([30.0, 10.0, 50.0, 30.0, 20.0])
        v, q, repair = mech.rehabilitate(v0, q0, aid, 0.5)
        assert_allclose(repair + (v - v0), aid)  # repair + new = aid
        assert_allclose(q * v, q0 * v0 + aid)  # working value q V rises by exactly the aid

    def test_no_assets_all_new_at_full_condition(self) -> None:
        # repair min(25, 0) = 0; all 50 new at condition 1
        v, q, repair = (float(x) for x in mech.rehabilitate(0.0, 0.0, 50.0, 0.5))
        assert (v, q, repair) == pytest.approx((50.0, 1.0, 0.0))

    def test_worn_stock_small_aid_repair_limited_by_share(self) -> None:
        # repair min(10 * 0.5, 100 * 0.8) = 5: 0.2 + 0.05 = 0.25; new 5: V = 105, q = (25 + 5) / 105
        v, q, repair = (float(x) for x in mech.rehabilitate(100.0, 0.2, 10.0, 0.5))
        assert (v, q, repair) == pytest.approx((105.0, 30 / 105, 5.0))

    def test_nearly_full_stock_repair_limited_by_damage(self) -> None:
        # repair min(15, 100 * 0.05) = 5: back to 1; new 25: V = 125, q = (100 + 25) / 125 = 1
        v, q, repair = (float(x) for x in mech.rehabilitate(100.0, 0.95, 30.0, 0.5))
        assert (v, q, repair) == pytest.approx((125.0, 1.0, 5.0))

    def test_share_zero_builds_only_and_share_one_repairs_first(self) -> None:
        # share 0: V = 130, q = (60 + 30) / 130; share 1: repair min(30, 40) = 30, q = 0.9, V = 100
        assert tuple(float(x) for x in mech.rehabilitate(100.0, 0.6, 30.0, 0.0)) == pytest.approx(
            (130.0, 90 / 130, 0.0)
        )
        assert tuple(float(x) for x in mech.rehabilitate(100.0, 0.6, 30.0, 1.0)) == pytest.approx((100.0, 0.9, 30.0))

    def test_no_aid_changes_nothing(self) -> None:
        v, q, repair = mech.rehabilitate([100.0, 0.0], [0.4, 0.7], 0.0, 0.5)
        assert_allclose(v, [100.0, 0.0])
        assert_allclose(q, [0.4, 0.7])
        assert_allclose(repair, [0.0, 0.0])

    @settings(max_examples=300, deadline=None)
    @given(money, unit, money, unit)
    def test_conservation_and_bounds(self, v0: float, q0: float, aid: float, share: float) -> None:
        v, q, repair = (float(x) for x in mech.rehabilitate(v0, q0, aid, share))
        assert 0 <= repair <= aid * share + 1e-9
        assert repair <= v0 * (1 - q0) + 1e-9
        assert repair + (v - v0) == pytest.approx(aid, abs=1e-6)
        assert 0 <= q <= 1
        if v > 0:
            assert q >= q0 - 1e-12  # aid never worsens condition
            assert q * v == pytest.approx(q0 * v0 + aid, rel=1e-9, abs=1e-6)


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
        # group 2: 1, 3, 6; group 0: 10, 30; group 1: 5
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

    def test_no_repeats_is_one_round(self) -> None:
        rounds = mech.occurrence_rounds(np.array([5, 1, 3]))
        assert [r.tolist() for r in rounds] == [[0, 1, 2]]

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
