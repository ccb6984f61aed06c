"""Calibrated ensembles: what calibrate writes, load_ensemble's checks, and compare/whatif over the sets."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from simulator.analysis.calibration import Calibration, calibrate
from simulator.analysis.ensemble import METHOD, EnsembleError, file_digest, load_ensemble, write_ensemble
from simulator.analysis.patterns import Pattern, PatternData, PatternResult
from simulator.batch import load_experiment
from simulator.policy.compare import Comparison, compare, compare_experiment, paired_effects
from simulator.policy.whatif import load_whatif, whatif, with_ensemble
from simulator.scenario import load_scenario

ROOT = Path(__file__).resolve().parent.parent
CUT = 0.3

EXP = """
[experiment]
name = "ens-toy"
scenario = "baseline"
years = 6
replicates = 2
master_seed = 11
[design]
kind = "lhs"
samples = 4
[design.factors]
"trust.learn_success" = { low = 0.05, high = 0.5 }
"assets.decay" = { low = 0.06, high = 0.2 }
"""


def _toy_pattern(passes: bool | None) -> Pattern:
    """A pattern decided by the parameters alone (not by the model): learn_success < CUT, or always/never."""

    def compute(data: PatternData) -> PatternResult:
        ls = float(data.scenario.values["trust.learn_success"])
        ok = ls < CUT if passes is None else passes
        return PatternResult(number=99, value=ls, low=ls, high=ls, passed=ok, detail="")

    return Pattern(99, "toy", "toy", "test", "learn_success", f"< {CUT}", lambda sc: {}, compute)


@pytest.fixture(scope="module")
def calibrated(tmp_path_factory: pytest.TempPathFactory) -> Calibration:
    tmp = tmp_path_factory.mktemp("cal")
    p = tmp / "cal.toml"
    p.write_text(EXP)
    return calibrate(
        load_experiment(p), executor="serial", out=tmp / "out", progress=False, patterns=(_toy_pattern(None),)
    )


def test_calibrate_writes_an_ensemble_that_round_trips(calibrated: Calibration) -> None:
    assert calibrated.ensemble == calibrated.out / "ensemble.toml"
    ens = load_ensemble(calibrated.ensemble)
    sampled = calibrated.design.iloc[1:]
    expect = sampled[sampled["trust.learn_success"] < CUT]
    assert ens.n == len(expect) >= 2  # LHS over 4 strata: the two lowest lie below the cut
    assert list(ens.ids) == [int(s) for s in expect["set"]]
    for vals, (_, row) in zip(ens.sets, expect.iterrows(), strict=True):
        assert set(vals) == {"trust.learn_success", "assets.decay"}
        for k, v in vals.items():
            assert v == pytest.approx(float(row[k]), rel=0, abs=0)  # written with full precision
    assert ens.scenario == "baseline" and ens.calibration == "ens-toy" and ens.method == METHOD
    assert ens.header is not None and ens.header["accepted"] == ens.n and ens.header["sampled"] == 4
    assert ens.header["patterns"] == [99] and ens.revision and ens.date
    assert ens.digest == file_digest(calibrated.ensemble)
    assert "ensemble.toml" in (calibrated.out / "calibration.md").read_text()


def test_no_accepted_set_writes_no_ensemble(calibrated: Calibration, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(calibrated.out, out)  # reuse the runs: only the verdict changes
    p = tmp_path / "cal.toml"
    p.write_text(EXP)
    cal = calibrate(
        load_experiment(p), executor="serial", out=out, resume=True, progress=False, patterns=(_toy_pattern(False),)
    )
    assert cal.ensemble is None and not (out / "ensemble.toml").exists()
    assert "No ensemble written" in (out / "calibration.md").read_text()
    with pytest.raises(ValueError, match="empty ensemble"):
        write_ensemble(tmp_path / "e.toml", [], {})


GOOD_SET = '[[set]]\n"trust.learn_success" = 0.1\n"assets.decay" = 0.1\n'


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        (None, ["file not found"]),
        ("[ensemble\n", ["not valid TOML"]),
        ('[ensemble]\nscenario = "baseline"\n', ["no parameter sets"]),
        (GOOD_SET + '[[set]]\n"trust.learn_sucess" = 0.1\n"assets.decay" = 0.1\n', ["set 2", "trust.learn_sucess"]),
        (GOOD_SET + '[[set]]\n"trust.learn_success" = 1.5\n"assets.decay" = 0.1\n', ["set 2", "out of range"]),
        (GOOD_SET + '[[set]]\n"trust.learn_success" = "high"\n"assets.decay" = 0.1\n', ["set 2", "must be"]),
        (GOOD_SET + '[[set]]\n"trust.learn_success" = 0.2\n', ["set 2", "assets.decay"]),
        ('[[set]]\n"levers.marketing_push" = 0.5\n', ["set 1", "levers.marketing_push", "lever"]),
        ("[ensemble]\nsize = 3\n" + GOOD_SET, ["ensemble.size"]),
        ("[ensemble]\naccepted = 3\n" + GOOD_SET, ["accepted"]),
    ],
    ids=["missing", "malformed", "empty", "unknown", "range", "type", "keys", "lever", "header", "count"],
)
def test_bad_ensemble_files_give_one_line_errors(tmp_path: Path, text: str | None, fragments: list[str]) -> None:
    p = tmp_path / "ens.toml"
    if text is not None:
        p.write_text(text)
    with pytest.raises(EnsembleError) as e:
        load_ensemble(p)
    msg = str(e.value)
    assert "\n" not in msg and msg.startswith(str(p))
    for f in fragments:
        assert f in msg, msg


def test_cli_exits_2_with_one_line_on_a_bad_ensemble(tmp_path: Path) -> None:
    p = tmp_path / "ens.toml"
    p.write_text(GOOD_SET + '[[set]]\n"trust.learn_success" = 1.5\n"assets.decay" = 0.1\n')
    for cmd in (["compare", "marketing-push"], ["whatif", str(ROOT / "experiments" / "whatif-efforts.toml")]):
        r = subprocess.run(
            [sys.executable, "-m", "simulator.cli", *cmd, "--ensemble", str(p), "--out", str(tmp_path / "o")],
            capture_output=True,
            text=True,
        )
        assert r.returncode == 2, r.stderr
        assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
        assert "set 2" in r.stderr and "trust.learn_success" in r.stderr
        assert not (tmp_path / "o").exists()


def _two_sets(tmp: Path) -> Path:
    return write_ensemble(
        tmp / "two.toml",
        [{"trust.learn_success": 0.1, "assets.decay": 0.08}, {"trust.learn_success": 0.25, "assets.decay": 0.15}],
        {"scenario": "baseline", "calibration": "hand-made", "method": METHOD},
        ids=[3, 7],
    )


@pytest.fixture(scope="module")
def ens_cmp(tmp_path_factory: pytest.TempPathFactory) -> Comparison:
    tmp = tmp_path_factory.mktemp("ens-cmp")
    sc = load_scenario("baseline").with_years(6)
    return compare(
        sc, ["marketing-push"], seeds=3, out=tmp / "out", executor="serial", progress=False, ensemble=_two_sets(tmp)
    )


def test_compare_over_an_ensemble_runs_every_option_on_every_set(ens_cmp: Comparison) -> None:
    s = ens_cmp.summary
    assert len(s) == 2 * 2 * 3  # sets x options x seeds
    assert sorted(s["set"].unique()) == [1, 2]
    assert s.groupby(["set", "option"]).size().eq(3).all()
    # paired within each set: the baseline and the policy share the seeds of the set
    for _, g in s.groupby("set"):
        base = g[g["option"] == "baseline"].set_index("replicate")["seed"].sort_index()
        pol = g[g["option"] == "marketing-push"].set_index("replicate")["seed"].sort_index()
        assert base.tolist() == pol.tolist()
    # the batch's points: set-major, each set's values under every option's levers
    exp = compare_experiment(ens_cmp.scenario, ens_cmp.policies, 3, ensemble=ens_cmp.ensemble)
    assert [pt.get("trust.learn_success") for pt in exp.points] == [0.1, 0.1, 0.25, 0.25]
    assert "levers.marketing_push" in exp.points[3] and "levers.marketing_push" not in exp.points[2]
    assert (ens_cmp.effects["n"] == 2 * 3).all()  # effects pool every set x seed pair
    paired = pd.read_csv(ens_cmp.out / "paired.csv")  # type: ignore[operator]
    assert "set" in paired.columns and len(paired) == 12


def test_ensemble_comparison_manifest_and_brief(ens_cmp: Comparison) -> None:
    out = ens_cmp.out
    assert out is not None and ens_cmp.ensemble is not None
    man = json.loads((out / "manifest.json").read_text())
    assert man["ensemble"]["file"] == str(ens_cmp.ensemble.path)
    assert man["ensemble"]["digest"] == file_digest(ens_cmp.ensemble.path) and man["ensemble"]["sets"] == 2
    md = (out / "brief.md").read_text()
    assert "Effects include parameter uncertainty" in md and "each of the 2 parameter sets" in md
    assert "3 paired seeds per set" in md
    assert "6 paired runs per option" in md  # the header counts every set x seed pair, not the seeds alone
    # the same runs, the brief redone in Indonesian
    compare(
        ens_cmp.scenario,
        ens_cmp.policies,
        seeds=3,
        out=out,
        resume=True,
        executor="serial",
        progress=False,
        lang="id",
        ensemble=ens_cmp.ensemble,
    )
    md_id = (out / "brief.md").read_text()
    assert "Dampak sudah mencakup ketidakpastian parameter" in md_id and "dari 2 kumpulan" in md_id


def test_pooling_over_sets_gives_the_exact_mean_difference() -> None:
    # set 1: differences 1 and 3; set 2: 0 and 10 (the same replicate numbers in both sets)
    rows = []
    for st, base, pol in ((1, [0.0, 0.0], [1.0, 3.0]), (2, [10.0, 10.0], [10.0, 20.0])):
        for r in range(2):
            rows.append({"option": "baseline", "set": st, "replicate": r, "seed": 100 + r, "y": base[r]})
            rows.append({"option": "p", "set": st, "replicate": r, "seed": 100 + r, "y": pol[r]})
    e = paired_effects(pd.DataFrame(rows), outcomes=["y"]).iloc[0]
    assert e["diff"] == pytest.approx(3.5) and e["n"] == 4
    assert e["baseline"] == pytest.approx(5.0) and e["policy_mean"] == pytest.approx(8.5)
    assert e["p_better"] == pytest.approx((3 + 0.5) / 4)
    assert e["ci_low"] <= 3.5 <= e["ci_high"]
    # the pooled interval spans more than either set's own pairs alone would
    assert e["ci_low"] < 1.0 + 1e-9 and e["ci_high"] > 3.0
    assert np.isfinite([e["ci_low"], e["ci_high"]]).all()


def test_ensemble_interval_is_the_spread_across_sets_not_the_pooled_standard_error() -> None:
    from simulator.policy.compare import bootstrap_ci, ensemble_ci

    # sets whose effect is exactly 0, 1, ..., 9 (no seed noise within a set): the interval is the
    # spread of the effect across sets, about [0, 9], however many seeds each set has
    for seeds in (5, 50):
        x = np.repeat(np.arange(10.0), seeds)
        sets = np.repeat(np.arange(10), seeds)
        lo, hi = ensemble_ci(x, sets, seed=1)
        assert lo == 0.0 and hi == 9.0
        plo, phi = bootstrap_ci(x, seed=1)  # the pooled standard error shrinks with more pairs
        assert phi - plo < 9.0 / 2
    # one set: the ordinary bootstrap of that set's mean
    rng = np.random.default_rng(3)
    y = rng.normal(2.0, 1.0, 40)
    a, b = ensemble_ci(y, np.zeros(40, dtype=int), seed=5), bootstrap_ci(y, seed=5)
    assert a[0] == pytest.approx(b[0], abs=0.05) and a[1] == pytest.approx(b[1], abs=0.05)
    # identical sets: no wider than one set alone (up to resampling noise)
    z = np.tile(y, 4)
    lo4, hi4 = ensemble_ci(z, np.repeat(np.arange(4), 40), seed=5)
    assert hi4 - lo4 == pytest.approx(b[1] - b[0], rel=0.15)
    assert np.isnan(ensemble_ci(np.array([np.nan]), np.array([0]))).all()


def test_whatif_refuses_an_ensemble_that_sets_one_of_its_factors(tmp_path: Path) -> None:
    spec = load_whatif(ROOT / "experiments" / "whatif-efforts.toml")
    p = write_ensemble(tmp_path / "e.toml", [{"trust.initial": 0.5}], {"scenario": "baseline"})
    with pytest.raises(EnsembleError, match=r"trust\.initial.*\[uncertainty\]") as e:
        with_ensemble(spec, p)
    assert "\n" not in str(e.value)
    wi = str(ROOT / "experiments" / "whatif-efforts.toml")
    r = subprocess.run(
        [sys.executable, "-m", "simulator.cli", "whatif", wi, "--ensemble", str(p), "--out", str(tmp_path / "o")],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and "trust.initial" in r.stderr


WHATIF = """
[whatif]
name = "wi-ens"
scenarios = ["baseline"]
policies = ["marketing-push"]
years = 6
futures = 4
seeds = 2
master_seed = 5
[uncertainty]
"trust.initial" = { low = 0.3, high = 0.7 }
"""


def test_whatif_over_an_ensemble(tmp_path: Path) -> None:
    p = tmp_path / "wi.toml"
    p.write_text(WHATIF)
    ens = _two_sets(tmp_path)
    wi = whatif(p, out=tmp_path / "out", executor="serial", progress=False, ensemble=ens)
    fo = wi.results["baseline"].outcomes
    assert len(fo) == 2 * 4 and (fo["seeds"] == 2 * 2).all()  # each future: sets x seeds runs
    spec = wi.spec
    exp = spec.experiment(spec.scenarios[0])
    assert len(exp.points) == 2 * 4 * 2
    # point = (option * futures + future) * sets + set: the future's values, the set's values
    fut = spec.design()
    assert exp.points[5]["trust.learn_success"] == 0.25 and exp.points[5]["trust.initial"] == fut.at[2, "trust.initial"]
    man = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert man["ensemble"]["digest"] == file_digest(ens)
    assert "Results include parameter uncertainty" in (tmp_path / "out" / "brief.md").read_text()
