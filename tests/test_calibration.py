"""Calibration by filtering: the filter on toy models with known accepted regions, and end to end."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from simulator.analysis.calibration import accepted_ranges, calibrate, calibration_batch, filter_sets
from simulator.analysis.patterns import Pattern, PatternData, PatternResult
from simulator.batch import load_experiment
from simulator.model import mechanisms as mech
from simulator.params import BY_NAME


def toy_design(n: int = 4000, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"x": rng.random(n), "y": rng.random(n)})


def test_filter_recovers_an_analytic_triangle() -> None:
    """Accept x + y < 1 and x > 0.5: a triangle of area 1/8 with x in (0.5, 1) and y in (0, 0.5)."""
    d = toy_design()
    checks = filter_sets(d, lambda i: {"sum": d.x[i] + d.y[i] < 1, "x": d.x[i] > 0.5})
    share = checks["accepted"].mean()
    assert abs(share - 0.125) < 0.02  # binomial sd at n=4000 is 0.005
    r = accepted_ranges(d, checks["accepted"], ["x", "y"], {"x": 0.7, "y": 0.2}).set_index("parameter")
    assert 0.5 <= r.loc["x", "accepted_min"] < 0.52 and r.loc["x", "accepted_max"] > 0.98
    # the apex (0.5, 0.5) is a corner: the nearest of 4000 points lies ~0.02-0.05 below it
    assert r.loc["y", "accepted_min"] < 0.02 and 0.44 < r.loc["y", "accepted_max"] <= 0.5
    assert bool(r.loc["x", "own_inside"]) and bool(r.loc["y", "own_inside"])
    r2 = accepted_ranges(d, checks["accepted"], ["x", "y"], {"x": 0.2, "y": 0.2}).set_index("parameter")
    assert not bool(r2.loc["x", "own_inside"])
    # every accepted point satisfies both conditions, every rejected one fails one
    acc = checks["accepted"].to_numpy()
    assert ((d.x + d.y < 1) & (d.x > 0.5)).to_numpy().tolist() == acc.tolist()


def test_filter_with_no_accepted_set_reports_nan_ranges() -> None:
    d = toy_design(200)
    checks = filter_sets(d, lambda i: {"never": False})
    assert not checks["accepted"].any()
    r = accepted_ranges(d, checks["accepted"], ["x"], {"x": 0.5})
    assert np.isnan(r.loc[0, "accepted_min"]) and not r.loc[0, "own_inside"]


EXP = """
[experiment]
name = "cal-toy"
scenario = "baseline"
years = 6
replicates = 2
master_seed = 9
[design]
kind = "lhs"
samples = 6
[design.factors]
"trust.learn_success" = { low = 0.05, high = 0.5 }
"trust.learn_failure" = { low = 0.05, high = 0.5 }
"""


def _asymmetry(d: PatternData) -> PatternResult:
    """A toy pattern with a known answer: one failure costs more trust than one success earns (at 0.5)."""
    v = d.scenario.values
    ls, lf, t0 = float(v["trust.learn_success"]), float(v["trust.learn_failure"]), 0.5
    loss = t0 - float(mech.trust_update(t0, 0, ls, lf))
    gain = float(mech.trust_update(t0, 1, ls, lf)) - t0
    t, steps = t0 - loss, 0
    while t < t0 - 1e-9 and steps < 100:
        t = float(mech.trust_update(t, 1, ls, lf))
        steps += 1
    ratio = loss / gain
    return PatternResult(9, ratio, ratio, ratio, ratio > 1 and steps >= 2, f"{steps} successes to recover")


def _runs(d: PatternData) -> PatternResult:
    n = float(d.summary["replicate"].nunique())
    return PatternResult(7, n, n, n, n >= 1, "runs exist")


TOYS = (
    Pattern(7, "runs exist", "toy", "toy", "replicates", ">= 1", lambda sc: {}, _runs),
    Pattern(9, "trust lost faster than won", "toy", "toy", "loss / gain", "> 1", lambda sc: {}, _asymmetry),
)


def expected_pattern9(ls: float, lf: float, t0: float = 0.5) -> bool:
    """The toy pattern by hand: a failure costs more than a success earns, and >= 2 successes recover it."""
    loss, gain = lf * t0, ls * (1 - t0)
    t, steps = t0 - loss, 0
    while t < t0 - 1e-9 and steps < 100:
        t += ls * (1 - t)
        steps += 1
    return loss > gain and steps >= 2


def test_calibrate_end_to_end_matches_the_analytic_pattern(tmp_path: Path) -> None:
    p = tmp_path / "cal.toml"
    p.write_text(EXP)
    exp = load_experiment(p)
    pats = TOYS  # a toy pattern whose answer is known analytically
    batch, sets = calibration_batch(exp, pats)
    assert (
        len(sets) == 7 and sets.loc[0, "trust.learn_success"] == BY_NAME["trust.learn_success"].default
    )  # set 0: the scenario's own values
    assert len(batch.points) == 7  # these two patterns need no variant beyond the base
    cal = calibrate(exp, executor="serial", out=tmp_path / "out", progress=False, patterns=pats)
    for i in range(len(sets)):
        ls, lf = sets.loc[i, "trust.learn_success"], sets.loc[i, "trust.learn_failure"]
        assert bool(cal.checks.loc[i, "pattern_9"]) == expected_pattern9(ls, lf), (ls, lf)
    assert cal.defaults_accepted
    for f in ("calibration.md", "sets.csv", "ranges.csv", "pairs.png"):
        assert (tmp_path / "out" / f).exists()
    assert "reproduce all 2 patterns" in (tmp_path / "out" / "calibration.md").read_text()
    assert cal.accepted_share == pytest.approx(cal.checks["accepted"].iloc[1:].mean())


def test_calibrate_cli_help_and_bad_input(tmp_path: Path) -> None:
    r = subprocess.run([sys.executable, "-m", "simulator.cli", "calibrate", "--help"], capture_output=True, text=True)
    assert r.returncode == 0 and "Latin hypercube" in r.stdout
    p = tmp_path / "bad.toml"
    p.write_text(EXP.replace('"trust.learn_failure"', '"trust.learn_falure"'))
    r = subprocess.run([sys.executable, "-m", "simulator.cli", "calibrate", str(p)], capture_output=True, text=True)
    assert r.returncode == 2 and "did you mean 'trust.learn_failure'" in r.stderr and "Traceback" not in r.stderr
