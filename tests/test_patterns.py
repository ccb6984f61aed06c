"""Pattern-oriented validation (MODEL_BRIEF section 4): statistics over many seeds.

Each test states the statistic, the seeds and the tolerance in its docstring; the
values measured when the thresholds were set are in comments (seeds 0-39 unless
said otherwise). Run ``python tests/test_patterns.py`` to print them again.
Thresholds leave a margin below (or above) the measured values so that a
recalibration that keeps the pattern does not break the test, while a model that
loses the pattern does.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import simulator
from simulator.params import AID_FORMS

pytestmark = pytest.mark.slow

SEEDS = range(40)
MARKETING_SEEDS = range(160)  # the marketing-skill and initial-trust effects on sustainability are small


@cache
def runs(seeds: range = SEEDS, **overrides: float) -> simulator.RunResult:
    """Baseline runs (20 wards, 20 years) with overrides, cached for the module."""
    return simulator.run(seed=seeds, **overrides)


def per_seed(ts: pd.DataFrame, fn) -> np.ndarray:  # type: ignore[no-untyped-def]
    return np.array([fn(g.sort_values("year").partnerships_active.to_numpy()) for _, g in ts.groupby("seed")])


def last5_over_peak(a: np.ndarray) -> float:
    return float(a[-5:].mean() / a.max())


def last5_over_previous5(a: np.ndarray) -> float:
    return float(a[-5:].mean() / a[-10:-5].mean())


def after_peak_over_peak(a: np.ndarray) -> float:
    """Mean of the 3rd-5th years after the peak year, relative to the peak."""
    k = int(a.argmax())
    after = a[k + 3 : k + 6]
    return float(after.mean() / a[k]) if len(after) else float("nan")  # a peak in the last years: no after


def relative_slope_last10(a: np.ndarray) -> float:
    """Least-squares slope over the last 10 years, per year, relative to their mean."""
    last = a[-10:]
    return float(np.polyfit(np.arange(10), last, 1)[0] / last.mean())


NO_MARKETING = {"programme_marketing_after": 0.0}
PUSH = {"levers_marketing_push": 1.0, "levers_marketing_push_start": 2011}


# --------------------------------------------------------------------------- pattern 1


class TestPattern1Marketing:
    """Pattern 1: without marketing after the grant, partnerships decline; with sustained marketing they level off.

    Scenarios: baseline with ``programme.marketing_after = 0`` (no marketing after the
    grant's marketing tranche) versus baseline with ``levers.marketing_push = 1`` from
    2011; seeds 0-39, 20 years (2008-2027).
    """

    def test_no_marketing_declines_within_a_few_years(self) -> None:
        """Mean over seeds of (mean active partnerships 3-5 years after the peak) / peak < 0.85.

        Measured 0.58 under the first model; 0.77 under the second, whose partners renew
        partnerships they trust, so the decline after the peak is slower.
        """
        x = per_seed(runs(**NO_MARKETING).timeseries, after_peak_over_peak)
        assert np.nanmean(x) < 0.85

    def test_last_years_relative_to_peak(self) -> None:
        """Mean of (last-5-year mean / peak): without marketing < 0.65, with the push > 0.7.

        Measured under the second model: 0.56 without marketing and 0.80 with the push
        (first model: 0.44 and 0.71).
        """
        no = per_seed(runs(**NO_MARKETING).timeseries, last5_over_peak)
        push = per_seed(runs(**PUSH).timeseries, last5_over_peak)
        assert no.mean() < 0.65
        assert push.mean() > 0.7

    def test_marketing_keeps_more_of_the_peak_paired(self) -> None:
        """Paired over seeds (same seed, both scenarios): push minus no-marketing of last-5/peak.

        Mean difference > 0.15 and positive in >= 80% of seeds; one-sided paired t-test
        p < 0.01. Measured: mean 0.27, positive in 95% of seeds (100% on seeds 40-79).
        """
        no = per_seed(runs(**NO_MARKETING).timeseries, last5_over_peak)
        push = per_seed(runs(**PUSH).timeseries, last5_over_peak)
        d = push - no
        assert d.mean() > 0.15
        assert (d > 0).mean() >= 0.8
        assert stats.ttest_rel(push, no, alternative="greater").pvalue < 0.01

    def test_push_levels_off(self) -> None:
        """With the push the last 10 years are nearly flat.

        Mean of (last-5 mean / previous-5 mean) >= 0.85 and mean relative slope over the
        last 10 years >= -3% per year. Measured 0.92 and -1.75%/year (0.93 and -1.6% on
        seeds 40-79): the level still sags slowly; without marketing the slope is
        -2.7%/year (-3.4% on seeds 40-79).
        """
        ts = runs(**PUSH).timeseries
        assert per_seed(ts, last5_over_previous5).mean() >= 0.85
        assert per_seed(ts, relative_slope_last10).mean() >= -0.03

    def test_push_holds_more_partnerships_at_the_end(self) -> None:
        """Mean active partnerships over 2023-2027: push at least 1.5 x no marketing (measured 27.2 vs 12.6)."""
        no, push = runs(**NO_MARKETING).timeseries, runs(**PUSH).timeseries
        late = lambda ts: ts[ts.year >= 2023].partnerships_active.mean()  # noqa: E731
        assert late(push) > 1.5 * late(no)


# --------------------------------------------------------------------------- pattern 3


class TestPattern3Routes:
    """Pattern 3: private proposals mostly unanswered or refused; the government route accepts more but later.

    Baseline, seeds 0-39; rates per run from the run summary (share of the run's
    proposals on that route).
    """

    def test_private_route_mostly_unanswered_or_refused(self) -> None:
        """Private route: mean answer rate < 0.45, mean accept rate < 0.25, accept rate < 0.35 in every
        run with at least 30 private proposals (runs with fewer have rates too noisy to bound).

        Measured with firms that must notice the programme first (structure.awareness = gated):
        answer rate 0.31, accept rate 0.11 (90th percentile 0.18; 0.36 in a run with 8 private
        proposals; at most 0.21 in the 31 runs with >= 30); about 89% of private proposals are
        unanswered, refused or out of budget.
        """
        sm = runs().summary
        assert sm.answer_rate_private.mean() < 0.45
        assert sm.accept_rate_private.mean() < 0.25
        busy = sm[sm.proposals_private >= 30]
        assert len(busy) >= 20
        assert busy.accept_rate_private.max() < 0.35
        assert (1 - sm.accept_rate_private).mean() > 0.75

    def test_government_accepts_more(self) -> None:
        """Government accept rate above the private one in >= 85% of runs, by > 0.06 on average.

        Measured: government 0.22 vs private 0.11, above in 38 of 40 runs (the two others have
        few private proposals); first model: 0.42 vs 0.14. Agencies rank proposals in a budget
        round that runs out, and renewed partnerships' continuations take budget first.
        """
        sm = runs().summary
        gap = sm.accept_rate_government - sm.accept_rate_private
        assert (gap > 0).mean() >= 0.85
        assert gap.mean() > 0.06

    @staticmethod
    def _lag_mismatch(res: simulator.RunResult, lag: int) -> tuple[int, int, Counter, Counter]:
        """Compare deliveries with accepted proposals shifted by the route's lag, as multisets."""
        ev, last = res.events, int(res.timeseries.year.max())
        key = ["seed", "ward", "partner", "form", "amount"]
        out = []
        for sector, shift in (("government", lag), ("private", 0)):
            # proposals and the continuations of renewed partnerships are both paid after the route's lag
            asked = ev.event.isin(["proposal", "continuation"])
            acc = ev[asked & (ev.status == "accepted") & (ev.sector == sector)]
            dl = ev[(ev.event == "delivery") & (ev.sector == sector)]
            due = Counter(
                (*row[:-1], row[-1] + shift)
                for row in acc[[*key, "year"]].itertuples(index=False, name=None)
                if row[-1] + shift <= last
            )
            got = Counter(dl[[*key, "year"]].itertuples(index=False, name=None))
            out.append((due, got))
        (gdue, ggot), (pdue, pgot) = out
        return len(ggot), len(pgot), gdue - ggot + (ggot - gdue), pdue - pgot + (pgot - pdue)

    def test_government_aid_arrives_a_payment_lag_after_acceptance(self) -> None:
        """Every government delivery is an accepted proposal of ``government.payment_lag`` (1) years before.

        Exact, as multisets of (seed, ward, partner, form, amount, year) over seeds
        0-39; private aid arrives in the year of acceptance. Proposals accepted in the
        last year are still unpaid at the end.
        """
        n_gov, n_priv, gov_diff, priv_diff = self._lag_mismatch(runs(), lag=1)
        assert n_gov > 1000 and n_priv > 200
        assert not gov_diff
        assert not priv_diff

    def test_payment_lag_parameter_is_honoured(self) -> None:
        """Same check with ``government.payment_lag = 2`` (seeds 0-4)."""
        res = simulator.run(seed=range(5), government_payment_lag=2)
        n_gov, _, gov_diff, priv_diff = self._lag_mismatch(res, lag=2)
        assert n_gov > 100
        assert not gov_diff and not priv_diff
        first_year = res.events[(res.events.event == "delivery") & (res.events.sector == "government")].year.min()
        assert first_year >= 2010


# --------------------------------------------------------------------------- pattern 4


def mean_active(res: simulator.RunResult) -> np.ndarray:
    return res.timeseries.groupby("seed").partnerships_active.mean().to_numpy()


def mean_sustained(res: simulator.RunResult) -> np.ndarray:
    return res.timeseries.groupby("seed").sustained_share.mean().to_numpy()


ENABLERS = [
    # parameter, low, high, seeds
    pytest.param("trust_initial", 0.3, 0.7, MARKETING_SEEDS, id="trust.initial"),
    pytest.param("bkm_coordination", 0.3, 0.7, SEEDS, id="bkm.coordination"),
    pytest.param("bkm_marketing_skill", 0.3, 0.7, MARKETING_SEEDS, id="bkm.marketing_skill"),
]


class TestPattern4Enablers:
    """Pattern 4: more trust, better coordination or a stronger marketing team raise partnerships and sustainability.

    Each enabler is raised from 0.3 to 0.7 (the default is 0.5) with common random
    numbers (the same seeds in both arms). Statistics per run: the mean over the 20
    years of active partnerships, and the mean over the years of the share of wards
    with a sustained programme. Test: mean paired difference > 0 and one-sided paired
    t-test p < 0.05.

    Measured (low -> high, mean paired difference, t):

    - trust.initial, seeds 0-159: sustained share +0.013 (t 3.0, p 0.002); on seeds 0-39
      alone +0.009 (t 1.0), since reputation (trust.reputation_spread 0.8) carries trust across
      a region's partners and board turnovers end ties, so the starting value matters less.
      (Before those changes, seeds 0-39: partnerships 12.6 -> 19.4, +6.8, t 21.9; sustained
      share +0.030, t 4.5.)
    - bkm.coordination, seeds 0-39: partnerships 16.1 -> 18.8 (+2.7, t 8.9); sustained
      share 0.655 -> 0.683 (+0.028, t 4.8).
    - bkm.marketing_skill, seeds 0-159: partnerships +0.35 (t 2.8, p 0.003); sustained
      share +0.007 (t 2.3, p 0.011). The effect is small: on 40 seeds alone it is not
      significant (seeds 0-39: t 2.7 and 1.6; seeds 40-79: t -0.6 and 1.2).
    """

    @pytest.mark.parametrize(("param", "low", "high", "seeds"), ENABLERS)
    def test_raises_mean_partnerships(self, param: str, low: float, high: float, seeds: range) -> None:
        lo, hi = mean_active(runs(seeds, **{param: low})), mean_active(runs(seeds, **{param: high}))
        assert (hi - lo).mean() > 0
        assert stats.ttest_rel(hi, lo, alternative="greater").pvalue < 0.05

    @pytest.mark.parametrize(("param", "low", "high", "seeds"), ENABLERS)
    def test_raises_sustained_share(self, param: str, low: float, high: float, seeds: range) -> None:
        lo, hi = mean_sustained(runs(seeds, **{param: low})), mean_sustained(runs(seeds, **{param: high}))
        assert (hi - lo).mean() > 0
        assert stats.ttest_rel(hi, lo, alternative="greater").pvalue < 0.05

    @pytest.mark.parametrize(("param", "low", "high", "seeds"), ENABLERS[:2])
    def test_strong_enablers_raise_partnerships_by_a_margin(
        self, param: str, low: float, high: float, seeds: range
    ) -> None:
        """Trust and coordination: mean partnerships up by > 8% and higher in >= 75% of seeds.

        Measured +54% (100% of seeds) for trust and +17% (93%) for coordination.
        """
        lo, hi = mean_active(runs(seeds, **{param: low})), mean_active(runs(seeds, **{param: high}))
        assert hi.mean() > 1.08 * lo.mean()
        assert (hi > lo).mean() >= 0.75


# --------------------------------------------------------------------------- pattern 7


class TestPattern7AidForms:
    """Pattern 7: all four aid forms occur in baseline runs."""

    def test_every_form_delivered_in_every_run(self) -> None:
        """Every one of seeds 0-39 delivers physical, money, programme and event aid.

        Measured smallest per-run totals (Rp million): physical 1928, money 1051,
        programme 1539, event 303; so the check holds with a wide margin.
        """
        sm = runs().summary
        for form in AID_FORMS:
            assert (sm[f"aid_{form}"] > 0).all(), form

    def test_every_form_in_partnerships_and_events(self) -> None:
        """Every form appears among accepted proposals and successful deliveries in every run."""
        ev = runs().events
        for kind, status in (("proposal", "accepted"), ("delivery", "succeeded")):
            sub = ev[(ev.event == kind) & (ev.status == status)]
            forms = sub.groupby("seed").form.nunique()
            assert len(forms) == len(SEEDS)
            assert (forms == len(AID_FORMS)).all(), kind


if __name__ == "__main__":  # print the measured statistics
    for name, ov in (("no marketing", NO_MARKETING), ("push", PUSH)):
        ts = runs(**ov).timeseries
        print(
            f"{name}: after-peak/peak {per_seed(ts, after_peak_over_peak).mean():.3f}  "
            f"last5/peak {per_seed(ts, last5_over_peak).mean():.3f}  "
            f"last5/prev5 {per_seed(ts, last5_over_previous5).mean():.3f}  "
            f"slope {per_seed(ts, relative_slope_last10).mean():.4f}  "
            f"late mean {ts[ts.year >= 2023].partnerships_active.mean():.1f}"
        )
    sm = runs().summary
    for c in ("answer_rate_private", "accept_rate_private", "accept_rate_government"):
        print(f"{c}: mean {sm[c].mean():.3f} min {sm[c].min():.3f} max {sm[c].max():.3f}")
    for p in ENABLERS:
        param, low, high, seeds = p.values
        for what, fn in (("partnerships", mean_active), ("sustained", mean_sustained)):
            lo, hi = fn(runs(seeds, **{param: low})), fn(runs(seeds, **{param: high}))
            t = stats.ttest_rel(hi, lo, alternative="greater")
            print(f"{param} {what}: {lo.mean():.3f} -> {hi.mean():.3f} t {t.statistic:.2f} p {t.pvalue:.4f}")
    print({f: round(float(sm[f"aid_{f}"].min()), 1) for f in AID_FORMS})
