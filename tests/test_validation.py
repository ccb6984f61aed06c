"""Pattern-oriented validation end to end: ``validate()``, its report and ``plpbk validate``.

Three kinds of test:

* ``bootstrap_mean``, the interval every pattern reports, has its nominal coverage
  and narrows with the number of seeds;
* the baseline scenario reproduces all ten patterns (one shared 20-seed validation
  through the process pool), and the report files agree with each other;
* every pattern's check CAN FAIL: for each pattern the plausible alternative structure
  it names (``Pattern.fails_under``: a ``[structure]`` value or a documented rule of
  ``discrimination.ALTERNATIVE_RULES``), and a small validation restricted to that
  pattern reports a failure, for the stated reason.

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
from simulator.analysis.discrimination import ALTERNATIVE_RULES
from simulator.analysis.patterns import PATTERNS, PatternResult, bootstrap_mean
from simulator.analysis.validation import Validation, validate
from simulator.params import lookup

PLPBK = [sys.executable, "-m", "simulator.cli"]
BASE_SEEDS = 20  # ~8 s through 2 worker processes
FAIL_SEEDS = 20  # ~2-6 s per pattern (pattern 9 runs 60 years)


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


# Measured on the baseline, 20 seeds (value, 95% interval); at 50 seeds see docs/validation.md.
# FLOORS are about half the measured value, so a recalibration that keeps a pattern keeps the test.
FLOORS = {1: 0.08, 2: 0.5, 3: 0.1, 4: 1.0, 5: 0.05, 6: 0.1, 7: 0.3, 8: 0.35, 9: -0.02, 10: 1.2}


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
    assert r.low < r.value < r.high  # a real interval, not a point
    assert r.value >= FLOORS[number], r.detail


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


# number -> (the alternative the pattern names, extra check that it failed for that reason).
# Measured on the baseline at FAIL_SEEDS seeds; see docs/validation.md for the full matrix at 30.
ALTERNATIVES: dict[int, tuple[dict[str, Any], Callable[[PatternResult, Validation], bool]]] = {
    # Nothing ever ends: no duration to measure, live partnerships never fall.
    1: ({"structure.renewal": "permanent"}, lambda r, v: "no partnership ever ended" in r.detail),
    # Trust never moves: a failed first delivery leaves no mark (gap about 0, interval across 0).
    2: ({"structure.trust": "fixed"}, lambda r, v: r.low <= 0 < r.high),
    # Every firm knows every ward: with firms answering 90%, nearly all of them partner.
    3: ({"structure.awareness": "open"}, lambda r, v: r.value > 0.7),
    # Enablers substitute for each other: the marketing team adds no more where ties are strong.
    4: ({"structure.enablers": "substitutes"}, lambda r, v: r.low <= 0),
    # Money alone keeps assets: condition follows the aid as much as the managing body.
    5: (ALTERNATIVE_RULES["rule: management does not matter"], lambda r, v: r.value < 0.05),
    # Location does not matter: the poor-market variant is the scenario itself (gap exactly 0).
    6: ({"structure.demand": "flat"}, lambda r, v: abs(r.value) < ZERO and abs(r.high) < ZERO),
    # No tie is ever lost: a consistent team keeps nothing (weakest effort's interval across 0).
    7: ({"structure.renewal": "permanent"}, lambda r, v: r.low <= 0),
    # Capacity without memory: restored facilitation restores capacity within a year.
    8: (ALTERNATIVE_RULES["rule: capacity without memory"], lambda r, v: r.value < 0.1),
    # A decay clock: even strong wards lose their sustained share over 60 years.
    9: ({"structure.upkeep": "fixed_decay"}, lambda r, v: r.value < 0),
    # Partnerships only accumulate: more of them at the end than during the programme.
    10: ({"structure.renewal": "permanent"}, lambda r, v: r.value < 1),
}
ZERO = 1e-12


def test_every_pattern_has_an_alternative_and_names_it() -> None:
    assert sorted(ALTERNATIVES) == [p.number for p in PATTERNS] == list(range(1, 11))
    for p in PATTERNS:
        assert p.mechanisms and p.fails_under, p.number
        overrides, _ = ALTERNATIVES[p.number]
        rule = next((k for k, v in ALTERNATIVE_RULES.items() if v == overrides), None)
        named = rule.split(": ", 1)[1] if rule else "{}={}".format(*next(iter(overrides.items()))).split(".", 1)[1]
        assert named in p.fails_under, (p.number, named, p.fails_under)


@pytest.mark.parametrize("number", sorted(ALTERNATIVES))
def test_alternatives_are_inside_the_registry_ranges(number: int) -> None:
    overrides, _ = ALTERNATIVES[number]
    for key, value in overrides.items():
        p = lookup(key)
        assert p is not None, key
        if p.kind == "choice":
            assert value in p.choices
        else:
            assert p.low <= value <= p.high, f"{key}={value} outside [{p.low}, {p.high}]"
    load_scenario("baseline", overrides=overrides)  # also passes the scenario's own checks


@pytest.mark.slow
@pytest.mark.parametrize("number", sorted(ALTERNATIVES))
def test_pattern_can_fail(number: int, tmp_path: Path) -> None:
    """Under the alternative structure the pattern names, the pattern's check fails, for that reason."""
    overrides, why = ALTERNATIVES[number]
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
