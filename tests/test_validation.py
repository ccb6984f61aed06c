"""Pattern-oriented validation end to end: ``validate()``, its report and ``plpbk validate``.

Three kinds of test:

* ``bootstrap_mean``, the interval every pattern reports, has its nominal coverage
  and narrows with the number of seeds;
* the baseline scenario reproduces all ten patterns (one shared 20-seed validation
  through the process pool), and the report files agree with each other;
* every pattern's check CAN FAIL: for each pattern a scenario inside the registry's
  allowed ranges breaks the mechanism the pattern is about, and a small validation
  restricted to that pattern reports a failure, for the stated reason.

Measured values are in comments (VALIDATION_SEED seeds, 2 worker processes).
The whole file takes ~30 s on 2 CPUs.
"""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from simulator import load_scenario
from simulator.analysis.patterns import BASE, PATTERNS, PatternResult, bootstrap_mean
from simulator.analysis.validation import Validation, validate
from simulator.params import lookup

PLPBK = [sys.executable, "-m", "simulator.cli"]
BASE_SEEDS = 20  # ~8 s through 2 worker processes
FAIL_SEEDS = 8  # ~1 s per pattern; every failure below is far from the threshold


# --------------------------------------------------------------------------- bootstrap_mean


def _coverage(draw: Callable[[np.random.Generator, int], np.ndarray], mu: float, n: int, reps: int = 400) -> float:
    """Share of ``reps`` independent samples of size n whose interval covers the true mean mu."""
    hits = 0
    for s in range(reps):
        x = draw(np.random.default_rng(1000 + s), n)
        _, lo, hi = bootstrap_mean(x, seed=s)
        hits += lo <= mu <= hi
    return hits / reps


def test_bootstrap_interval_covers_the_true_mean_of_a_normal() -> None:
    """Normal(2, 1), n = 20 and 40, 400 samples each: coverage within [0.92, 0.975] of the nominal 0.95.

    Measured 0.9475 (n = 20) and 0.955 (n = 40). 400 samples give a binomial standard
    error of ~0.011, so the band is about +-2.5 standard errors around 0.95.
    """
    for n in (20, 40):
        cov = _coverage(lambda r, k: r.normal(2.0, 1.0, k), 2.0, n)
        assert 0.92 <= cov <= 0.975, (n, cov)


def test_bootstrap_interval_covers_the_true_mean_of_a_skewed_distribution() -> None:
    """Exponential(1), n = 40, 400 samples: coverage within [0.88, 0.97].

    Measured 0.9225: the percentile bootstrap under-covers a little for skewed data at
    small n (0.8875 at n = 20), a known property, hence the lower floor.
    """
    cov = _coverage(lambda r, k: r.exponential(1.0, k), 1.0, 40)
    assert 0.88 <= cov <= 0.97, cov


def test_bootstrap_interval_shrinks_with_n() -> None:
    """Mean width over 100 normal samples falls like 1/sqrt(n): quadrupling n roughly halves it.

    Measured widths 1.109 (n = 10), 0.584 (n = 40), 0.302 (n = 160); ratios 0.53 and 0.52.
    Width x sqrt(n) approaches 2 x 1.96 x sigma = 3.92 (3.51, 3.69, 3.82).
    """
    widths = []
    for n in (10, 40, 160):
        w = []
        for s in range(100):
            _, lo, hi = bootstrap_mean(np.random.default_rng(s).normal(2.0, 1.0, n))
            w.append(hi - lo)
        widths.append(float(np.mean(w)))
    assert widths[0] > widths[1] > widths[2] > 0
    for a, b in itertools.pairwise(widths):
        assert 0.4 < b / a < 0.6, widths
    assert 3.3 < widths[2] * np.sqrt(160) < 4.1


def test_bootstrap_mean_edge_cases() -> None:
    """NaNs are dropped; an empty (or all-NaN) sample gives NaN; a constant gives a zero-width interval."""
    m, lo, hi = bootstrap_mean(np.array([1.0, np.nan, 3.0]))
    assert m == 2.0 and 1.0 <= lo <= hi <= 3.0
    assert all(np.isnan(bootstrap_mean(np.array([np.nan]))))
    assert all(np.isnan(bootstrap_mean(np.array([]))))
    assert bootstrap_mean(np.full(7, 0.4)) == pytest.approx((0.4, 0.4, 0.4))
    assert bootstrap_mean(np.arange(10.0), seed=3) == bootstrap_mean(np.arange(10.0), seed=3)


# --------------------------------------------------------------------------- baseline: every pattern holds


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Validation:
    """The baseline scenario validated once for this module: 20 seeds x 11 variants, 2 worker processes."""
    out = tmp_path_factory.mktemp("validation") / "baseline"
    sc = load_scenario("baseline")
    return validate(sc, seeds=BASE_SEEDS, executor="processes", workers=2, out=out, progress=False)


# Measured on the baseline, 20 seeds (value, 95% interval, detail):
#  1  0.253 [0.196, 0.311]  last-5-year partnerships / peak 0.43 without marketing, 0.68 with it
#  2  0.95  [0.85, 1]       19 of 20 runs peak in programme years 2-5 (median year 4)
#  3  0.856 [0.838, 0.873]  86% of private proposals unanswered or refused; government accepts +0.27 more
#  4  2.43  [1.50, 3.37]    0.3 -> 0.7: trust +8.3, coordination +2.6, marketing team +2.4 partnerships;
#                           sustained share +0.046, +0.033, +0.018
#  5  0.611 [0.603, 0.620]  final asset condition +0.61 with a strong body; fees collected 19% vs 67%
#  6  3.55  [2.25, 4.76]    partnership-years per ward; grant spent 100% (mandiri/madani) vs 97%
#  7  1     [1, 1]          all four aid forms in every run
#  8  0.416 [0.343, 0.489]  correlation across wards of partnership-years and sustained years
#  9  2.67  [2.67, 2.67]    a failure costs 0.200 trust, a success earns 0.075; 3 successes to recover
# 10  0.501 [0.497, 0.505]  capacity 0.75 when facilitators leave -> 0.39 at the end;
#                           keeping them +0.50 capacity, +9.9 partnerships
# Fragile: pattern 4's weakest enabler (marketing team) has its lower bound ~1.5 here, but on one of
# 8 other 20-seed sets tried its interval reached below 0 ([-0.015, ...]); pattern 2 (0.95 vs 0.8)
# has 3 runs of slack at 20 seeds.


@pytest.mark.slow
def test_baseline_reproduces_every_pattern(baseline: Validation) -> None:
    t = baseline.table
    assert list(t["pattern"]) == list(range(1, 11))
    failed = t[~t["passed"].astype(bool)]
    assert failed.empty, "patterns failing on the baseline:\n" + failed[["pattern", "title", "detail"]].to_string()
    assert baseline.passed


@pytest.mark.slow
@pytest.mark.parametrize("number", range(1, 11))
def test_baseline_pattern_passes_with_margin(baseline: Validation, number: int) -> None:
    """Each pattern's own result, with the measured value as a floor (see the comment above)."""
    (r,) = [r for r in baseline.results if r.number == number]
    assert r.passed, r.detail
    assert r.low <= r.value <= r.high
    floors = {1: 0.1, 2: 0.8, 3: 0.75, 4: 0.5, 5: 0.4, 6: 1.0, 7: 1.0, 8: 0.2, 9: 2.0, 10: 0.3}
    assert r.value >= floors[number], r.detail


@pytest.mark.slow
def test_report_files_exist(baseline: Validation) -> None:
    out = baseline.out
    for name in ("validation.csv", "validation.md"):
        assert (out / name).stat().st_size > 0
    for p in PATTERNS:
        png = out / "plots" / f"pattern-{p.number:02d}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", png


MD_ROW = re.compile(
    r"^\| (?P<pattern>\d+) \| (?P<title>[^|]+) \| [^|]+ \| (?P<value>[^|]+) \| "
    r"\[(?P<low>[^,]+), (?P<high>[^\]]+)\] \| [^|]+ \| (?P<result>pass|FAIL) \|$"
)


def _markdown_rows(text: str) -> pd.DataFrame:
    rows = [m.groupdict() for line in text.splitlines() if (m := MD_ROW.match(line))]
    df = pd.DataFrame(rows)
    df["pattern"] = df["pattern"].astype(int)
    for c in ("value", "low", "high"):
        df[c] = df[c].astype(float)
    return df


@pytest.mark.slow
def test_markdown_table_agrees_with_csv(baseline: Validation) -> None:
    """validation.md's table and headline say what validation.csv says: verdicts, counts and values (3 digits)."""
    csv = pd.read_csv(baseline.out / "validation.csv")
    text = (baseline.out / "validation.md").read_text()
    md = _markdown_rows(text)
    assert list(md["pattern"]) == list(csv["pattern"]) == list(range(1, 11))
    assert list(md["title"]) == list(csv["title"])
    assert list(md["result"] == "pass") == list(csv["passed"].astype(bool))
    n_pass = int(csv["passed"].sum())
    assert f"{n_pass} of {len(csv)} patterns hold over {BASE_SEEDS} seeds" in text
    for col, md_col in (("value", "value"), ("ci_low", "low"), ("ci_high", "high")):
        np.testing.assert_allclose(md[md_col], csv[col], rtol=5e-3, atol=1e-9, err_msg=col)
    # the CSV is the in-memory table
    np.testing.assert_allclose(csv["value"], baseline.table["value"], rtol=1e-12)
    for p in PATTERNS:
        assert f"## Pattern {p.number}: {p.title}" in text
        assert f"plots/pattern-{p.number:02d}.png" in text


# --------------------------------------------------------------------------- every pattern can fail


def _strong_bkm_spend(v: Validation) -> float:
    w = v.data.wards[v.data.wards["variant"] == BASE]
    w = w[w["maturity_start"].isin(["mandiri", "madani"])]
    return float((w["grant_spent"] / w["grant_received"]).mean())


NO_MARKETING_EFFECT = {
    "bkm.proposals_marketing_floor": 1.0,  # marketing effort no longer raises the proposal rate
    "marketing.innovation": 0.0,  # nor makes institutions aware of the ward
}
ZERO = 1e-12

# number -> (in-range overrides that break the pattern's mechanism, extra check that it failed for that reason)
# Each was tried on 5 seed sets of 8 seeds; the values measured are in the comments.
BREAKERS: dict[int, tuple[dict[str, Any], Callable[[PatternResult, Validation], bool]]] = {
    # Marketing has no effect at all (and the push no longer trains the team): the runs with and
    # without marketing are identical, so the paired gain is exactly 0 (no-marketing ratio 0.73-0.77).
    1: (
        {**NO_MARKETING_EFFECT, "levers.marketing_push_training": 0.0},
        lambda r, v: abs(r.value) < ZERO and abs(r.high) < ZERO,
    ),
    # No marketing tranche and facilitators who never leave: partnerships keep building and peak
    # in programme year 9-15; 0-25% of runs peak in years 2-5 (threshold 80%).
    2: (
        {"grant.marketing": 0.0, "programme.facilitation_years": 20},
        lambda r, v: r.value <= 0.5,
    ),
    # Firms answer every proposal and almost always accept: under the second model 59-66% of
    # private proposals are still refused for lack of CSR budget, but government now accepts LESS
    # of its proposals than firms do (gap -0.13), which the pattern's second condition rejects.
    3: (
        {"firms.responsiveness": 1.0, "firms.acceptance_bias": 10.0},
        lambda r, v: "government accepts -" in r.detail,
    ),
    # A marketing team with nothing to do: marketing moves neither proposals nor awareness, skill
    # leaves the enabler index of acceptance, and no event aid (whose delivery uses skill). Skill
    # 0.3 vs 0.7 then changes nothing: gain exactly 0 (trust and coordination gains still hold).
    4: (
        {
            **NO_MARKETING_EFFECT,
            "enablers.skill_share": 0.0,
            "enablers.trust_share": 0.5,
            "enablers.coordination_share": 0.5,
            "wards.mix_event": 0.0,
            "wards.mix_programme": 0.4,
        },
        lambda r, v: abs(r.value) < ZERO,
    ),
    # Assets never wear and have no users: the managing body can make no difference to their
    # condition (gain exactly 0) nor to fees (0% vs 0% collected).
    5: (
        {"assets.decay": 0.0, "demand.users_per_asset": 0.0},
        lambda r, v: abs(r.value) < ZERO and abs(r.high) < ZERO,
    ),
    # Only a fully capable BKM would spend its tranche fully (strong BKMs spend 92-93%, < 98%), and
    # capacity no longer drives proposals, their quality or delivery (partnership gain -2.1..+1.4,
    # interval across 0).
    6: (
        {
            "grant.absorption_full": 1.0,
            "bkm.proposals_capacity_floor": 1.0,
            "acceptance.quality_capacity": 0.0,
            "acceptance.quality_facilitation": 1.0,
            "aid.delivery_min": 1.0,
        },
        lambda r, v: _strong_bkm_spend(v) < 0.98,
    ),
    # Plans ask only for physical aid: no run delivers all four forms (share 0).
    7: (
        {"wards.mix_physical": 1.0, "wards.mix_money": 0.0, "wards.mix_programme": 0.0, "wards.mix_event": 0.0},
        lambda r, v: r.value == 0.0,
    ),
    # Partnerships overload the BKM (erosion beyond 1 project a year) while facilitators stay, and a
    # sustained programme needs only capacity >= 0.5: busy wards lose capacity, so partnership-years
    # and sustained years are NEGATIVELY correlated (-0.46..-0.61, interval below 0).
    8: (
        {
            "programme.facilitation_years": 50,
            "programme.facilitation_during": 1.0,
            "bkm.overload_projects": 1.0,
            "bkm.erosion_rate": 0.5,
            "programme.sustain_coverage": 0.0,
            "programme.sustain_capacity": 0.5,
        },
        lambda r, v: r.high < 0,
    ),
    # Positivity bias: a failure costs 0.05 trust, a success earns 0.15 (ratio 1/3, 1 success to recover).
    9: (
        {"trust.learn_failure": 0.1, "trust.learn_success": 0.3},
        lambda r, v: r.value < 1,
    ),
    # Capacity frozen (no learning, no erosion, no capacity from programme aid): keeping the
    # facilitators changes capacity by exactly 0 and capacity does not fall after they leave.
    10: (
        {
            "bkm.learning_rate": 0.0,
            "bkm.erosion_rate": 0.0,
            "aid.programme_capacity_gain": 0.0,
            "bkm.turnover_capacity_loss": 0.0,
        },
        lambda r, v: abs(r.value) < ZERO and abs(r.high) < ZERO,
    ),
}


def test_every_pattern_has_a_breaker() -> None:
    assert sorted(BREAKERS) == [p.number for p in PATTERNS] == list(range(1, 11))


@pytest.mark.parametrize("number", sorted(BREAKERS))
def test_breakers_are_inside_the_registry_ranges(number: int) -> None:
    overrides, _ = BREAKERS[number]
    for key, value in overrides.items():
        p = lookup(key)
        assert p is not None, key
        assert p.low <= value <= p.high, f"{key}={value} outside [{p.low}, {p.high}]"
    load_scenario("baseline", overrides=overrides)  # also passes the scenario's own checks (shares sum to 1)


@pytest.mark.slow
@pytest.mark.parametrize("number", sorted(BREAKERS))
def test_pattern_can_fail(number: int, tmp_path: Path) -> None:
    """A scenario that removes the pattern's mechanism fails the pattern's check, clearly."""
    overrides, why = BREAKERS[number]
    pattern = PATTERNS[number - 1]
    assert pattern.number == number
    sc = load_scenario("baseline", overrides=overrides)
    v = validate(sc, FAIL_SEEDS, executor="processes", workers=2, out=tmp_path, progress=False, patterns=(pattern,))
    (r,) = v.results
    assert r.number == number
    assert not r.passed, f"pattern {number} still passes: {r.detail}"
    assert not v.passed
    assert list(v.table["pattern"]) == [number] and not bool(v.table["passed"].iloc[0])
    assert why(r, v), f"pattern {number} failed, not for the expected reason: {r.value} [{r.low}, {r.high}] {r.detail}"


# --------------------------------------------------------------------------- plpbk validate


ROW = re.compile(r"^\s*(?P<pattern>\d{1,2})\s+(?P<title>.+?)\s+\S+\s+\[[^\]]*\]\s+(?P<result>pass|FAIL)\s*$")


@pytest.mark.slow
def test_cli_validate_exit_code_matches_the_csv(tmp_path: Path) -> None:
    """``plpbk validate --seeds 3``: exit 0 if every pattern passes else 1, as the CSV says; 10 rows printed.

    At 3 seeds patterns 4 and 6 fail (intervals too wide), so the exit code is 1 today.
    """
    out = tmp_path / "val"
    p = subprocess.run(
        [*PLPBK, "validate", "--seeds", "3", "--out", str(out), "--quiet", "--workers", "2"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert p.returncode in (0, 1), p.stderr
    csv = pd.read_csv(out / "validation.csv")
    passed = csv["passed"].astype(bool)
    assert p.returncode == (0 if passed.all() else 1)
    rows = [m.groupdict() for line in p.stdout.splitlines() if (m := ROW.match(line))]
    assert [int(r["pattern"]) for r in rows] == list(range(1, 11)), p.stdout
    assert [r["title"] for r in rows] == list(csv["title"])
    assert [r["result"] == "pass" for r in rows] == list(passed)
    assert f"{int(passed.sum())} of 10 patterns pass" in p.stdout
    assert (out / "validation.md").exists()


@pytest.mark.parametrize("how", ["--set", "scenario file"])
def test_cli_validate_bad_scenario_key_exits_2(tmp_path: Path, how: str) -> None:
    out = tmp_path / "val"
    if how == "--set":
        args = ["--set", "trust.nonsense=1"]
    else:
        bad = tmp_path / "bad.toml"
        bad.write_text('[scenario]\nname = "bad"\n\n[trust]\ninitial = 0.5\nbogus = 1\n')
        args = [str(bad)]
    p = subprocess.run(
        [*PLPBK, "validate", *args, "--seeds", "3", "--out", str(out), "--quiet"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert p.returncode == 2
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1, p.stderr
    assert "unknown key" in lines[0] and "Traceback" not in p.stderr
    assert not out.exists()


# --------------------------------------------------------------------------- robust margins (blocks of seeds)


def _first_block_only(d: Any) -> PatternResult:
    """Toy pattern that holds only on replicates 0..4: tells blocks apart exactly."""
    reps = d.summary["replicate"]
    lo = float(reps.min())
    return PatternResult(95, lo, lo, lo + 1, lo < 5, f"first replicate {lo:.0f}")


def _always_holds(d: Any) -> PatternResult:
    n = float(d.summary["replicate"].nunique())
    return PatternResult(96, n, n - 1, n, n == 5, f"{n:.0f} replicates in the block")


def test_blocks_count_passes_per_disjoint_block(tmp_path: Path) -> None:
    from simulator.analysis.patterns import Pattern

    toys = (
        Pattern(95, "first block", "toy", "toy", "first replicate", "< 5", lambda sc: {}, _first_block_only),
        Pattern(96, "every block", "toy", "toy", "replicates", "= 5", lambda sc: {}, _always_holds),
    )
    sc = load_scenario("baseline", overrides={"wards.n": 4, "time.years": 3})
    v = validate(sc, 5, executor="serial", out=tmp_path / "v", progress=False, patterns=toys, blocks=3)
    t = v.table.set_index("pattern")
    assert t.loc[95, "blocks_passed"] == 1 and t.loc[96, "blocks_passed"] == 3
    assert (t["blocks"] == 3).all()
    assert v.passed  # the verdict is the first block's
    assert v.data.summary["replicate"].max() == 4  # the report's data is the first block
    md = (tmp_path / "v" / "validation.md").read_text()
    assert "| 1 of 3 |" in md and "| 3 of 3 |" in md
