"""Sensitivity analysis: analytic test functions with known indices, noise, options, the simulator end to end."""

from __future__ import annotations

import math
import tomllib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from simulator.batch import ExperimentError
from simulator.cli import main
from simulator.sensitivity import (
    Options,
    Problem,
    SensitivityError,
    analyze,
    load_sensitivity,
    morris,
    run_sensitivity,
    sobol,
)
from simulator.sensitivity.core import elementary_effects, unit_sample
from simulator.sensitivity.report import summary_markdown

ROOT = Path(__file__).resolve().parents[1]
PI = math.pi

# Ishigami (a = 7, b = 0.1) on [-pi, pi]^3: published indices (Saltelli et al. 2008; SALib docs).
ISHIGAMI_S1 = [0.3139, 0.4424, 0.0]
ISHIGAMI_ST = [0.5576, 0.4424, 0.2437]
ISHIGAMI_S13 = 0.2437


def ishigami(x: np.ndarray, seed: int) -> np.ndarray:
    return np.sin(x[:, 0]) + 7 * np.sin(x[:, 1]) ** 2 + 0.1 * x[:, 2] ** 4 * np.sin(x[:, 0])


ISH = Problem(("x1", "x2", "x3"), ((-PI, PI),) * 3)


@pytest.fixture(scope="module")
def ishigami_result():
    return sobol(ishigami, ISH, 1024, second_order=True, seed=11)


def test_ishigami_published_indices_inside_bootstrap_intervals(ishigami_result):
    df = ishigami_result.indices.set_index("factor")
    for i, f in enumerate(ISH.names):
        assert df.loc[f, "S1_low"] <= ISHIGAMI_S1[i] <= df.loc[f, "S1_high"], (f, df.loc[f].to_dict())
        assert df.loc[f, "ST_low"] <= ISHIGAMI_ST[i] <= df.loc[f, "ST_high"], (f, df.loc[f].to_dict())
        # and the estimates are close, not just covered by wide intervals
        assert abs(df.loc[f, "S1"] - ISHIGAMI_S1[i]) < 0.06
        assert abs(df.loc[f, "ST"] - ISHIGAMI_ST[i]) < 0.06
        assert df.loc[f, "ST_high"] - df.loc[f, "ST_low"] < 0.2


def test_ishigami_zero_indices_marked_not_distinguishable(ishigami_result):
    df = ishigami_result.indices.set_index("factor")
    assert not df.loc["x3", "S1_nonzero"]  # S1 of x3 is 0
    assert df.loc["x1", "S1_nonzero"] and df.loc["x2", "S1_nonzero"]
    assert df["ST_nonzero"].all()
    s2 = ishigami_result.second_order.set_index(["factor_a", "factor_b"])
    assert s2.loc[("x1", "x3"), "nonzero"]
    assert s2.loc[("x1", "x3"), "S2_low"] <= ISHIGAMI_S13 <= s2.loc[("x1", "x3"), "S2_high"]
    assert not s2.loc[("x1", "x2"), "nonzero"] and not s2.loc[("x2", "x3"), "nonzero"]


def test_ishigami_ranking_and_convergence(ishigami_result):
    rk = ishigami_result.ranking("y")
    assert list(rk["factor"]) == ["x1", "x2", "x3"]
    conv = ishigami_result.convergence
    ns = sorted(conv["n"].unique())
    assert ns == [128, 256, 512, 1024]
    st = conv[conv["index"] == "ST"]
    width = st.assign(w=st["high"] - st["low"]).groupby("n")["w"].mean()
    assert width.loc[1024] < width.loc[128]  # intervals shrink as N grows


def linear(coefs, noise=0.0):
    def f(x: np.ndarray, seed: int) -> np.ndarray:
        rng = np.random.default_rng(seed)
        return x @ np.asarray(coefs, dtype=float) + rng.normal(0, noise, len(x)) if noise else x @ np.asarray(coefs)

    return f


def test_morris_recovers_known_order_and_effect_sizes():
    coefs = [0.0, 10.0, 0.5, 3.0, 1.0]
    p = Problem(tuple("abcde"), ((0, 1),) * 5)
    res = morris(linear(coefs), p, 30, seed=4)
    rk = res.ranking("y")
    assert list(rk["factor"]) == ["b", "d", "e", "c", "a"]
    df = res.indices.set_index("factor")
    for f, c in zip("abcde", coefs, strict=True):
        assert df.loc[f, "mu_star"] == pytest.approx(c, abs=1e-9)  # linear: EE = coefficient x range
        assert df.loc[f, "sigma"] == pytest.approx(0.0, abs=1e-9)
    assert not df.loc["a", "distinguishable"]
    assert df.loc[["b", "c", "d", "e"], "distinguishable"].all()


def test_morris_elementary_effects_match_salib():
    from SALib.analyze import morris as salib_morris

    def f(x: np.ndarray, seed: int) -> np.ndarray:
        return x[:, 0] ** 2 + 3 * x[:, 1] * x[:, 2] - x[:, 3]

    u = unit_sample("morris", 4, 25, seed=9)
    y = f(u, 0)
    ours = np.abs(elementary_effects(u, y)).mean(axis=0)
    prob = {"num_vars": 4, "names": list("abcd"), "bounds": [[0, 1]] * 4}
    ref = salib_morris.analyze(prob, u, y, num_levels=4, seed=1)
    np.testing.assert_allclose(ours, ref["mu_star"], rtol=1e-10)
    res = analyze("morris", u, {"y": y}, list("abcd"), n=25)
    np.testing.assert_allclose(res.indices["sigma"], ref["sigma"], rtol=1e-10)


def test_seed_variance_share_of_known_noise():
    sigma, reps = 0.2, 5
    p = Problem(("a", "b"), ((0, 1), (0, 1)))
    res = sobol(linear([1.0, 0.0], noise=sigma), p, 256, replicates=reps, seed=3)
    nz = res.noise.set_index("output").loc["y"]
    true_runs = sigma**2 / (1 / 12 + sigma**2)  # 0.324
    true_mean = (sigma**2 / reps) / (1 / 12 + sigma**2 / reps)  # 0.088
    assert nz["noise_share_runs"] == pytest.approx(true_runs, abs=0.04)
    assert nz["noise_share_analysed"] == pytest.approx(true_mean, abs=0.025)
    assert nz["var_seeds"] == pytest.approx(sigma**2, rel=0.1)


def test_noise_floor_separates_a_real_effect_from_noise():
    p = Problem(("a", "dummy", "small"), ((0, 1),) * 3)
    f = linear([1.0, 0.0, 0.01], noise=0.3)
    res = sobol(f, p, 256, replicates=4, seed=8)
    df = res.indices.set_index("factor")
    assert df.loc["a", "distinguishable"]
    assert not df.loc["dummy", "distinguishable"]
    assert not df.loc["small", "distinguishable"]  # its effect is far below the noise
    assert (df["noise_floor"] > 0).all()
    m = morris(f, p, 40, replicates=4, seed=8).indices.set_index("factor")
    assert m.loc["a", "distinguishable"] and not m.loc["dummy", "distinguishable"]
    assert m.loc["dummy", "mu_star"] < 1.5 * m.loc["dummy", "noise_floor"]  # the floor is of the right size


def test_pure_noise_is_reported_as_swamping():
    p = Problem(("a", "b"), ((0, 1),) * 2)
    res = sobol(lambda x, s: np.random.default_rng(s).normal(0, 1, len(x)) + 0.001 * x[:, 0], p, 128, replicates=3)
    nz = res.noise.set_index("output").loc["y"]
    assert nz["noise_share_analysed"] > 0.8
    assert "swamps" in nz["verdict"]
    assert not res.indices["distinguishable"].any()


def test_common_random_numbers_lower_the_noise_floor():
    # noise that depends on the seed only (not on x) cancels between paired points under CRN
    p = Problem(("a", "b"), ((0, 1),) * 2)

    def f(x: np.ndarray, seed: int) -> np.ndarray:
        return x[:, 0] + np.random.default_rng(seed).normal(0, 1.0)  # one shock per seed, shared by all points

    res = sobol(f, p, 128, replicates=4, seed=2)
    df = res.indices.set_index("factor")
    assert df["noise_floor"].max() == pytest.approx(0.0, abs=1e-12)
    assert df.loc["a", "ST"] == pytest.approx(1.0, abs=0.05)


def test_over_time_indices_follow_the_factor_that_matters_each_year():
    p = Problem(("early", "late"), ((0, 1),) * 2)

    def f(x: np.ndarray, seed: int):
        t = np.arange(10)
        w = np.clip((t - 2) / 5, 0, 1)  # early dominates at first, late afterwards
        yearly = np.outer(x[:, 0], 1 - w) + np.outer(x[:, 1], w)
        return {"final": yearly[:, -1], "path": yearly}

    res = sobol(f, p, 128, seed=1)
    ot = res.over_time[res.over_time["index"] == "ST"].pivot(index="year", columns="factor", values="value")
    assert ot.loc[0, "early"] > 0.9 and ot.loc[0, "late"] < 0.1
    assert ot.loc[9, "late"] > 0.9 and ot.loc[9, "early"] < 0.1
    assert ot["early"].iloc[:3].min() > ot["early"].iloc[-3:].max()


def test_quantile_statistic():
    p = Problem(("a", "b"), ((0, 1),) * 2)
    res = sobol(linear([1.0, 0.2], noise=0.1), p, 64, replicates=5, options=Options(statistic="q0.9"))
    assert res.meta["statistic"] == "q0.9"
    assert res.ranking("y")["factor"].iloc[0] == "a"
    assert res.noise["noise_var_analysed"].iloc[0] > 0


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: sobol(ishigami, ISH, 100), "power of 2"),
        (lambda: sobol(ishigami, ISH, 1), ">= 2"),
        (lambda: morris(ishigami, ISH, 10, levels=3), "even"),
        (lambda: Problem(("a",), ((0, 1),)), "at least 2"),
        (lambda: Problem(("a", "b"), ((0, 1), (1, 1))), "inverted"),
        (lambda: Options(statistic="mode"), "mean, median or a quantile"),
        (lambda: Options(statistic="q1.5"), "mean, median or a quantile"),
        (lambda: Options(conf_level=1.2), "conf_level"),
        (lambda: Options(resamples=3), "resamples"),
        (lambda: analyze("sobol", np.zeros((10, 3)), {"y": np.zeros(10)}, ["a", "b", "c"], n=4), "shape"),
        (lambda: analyze("fast", np.zeros((10, 3)), {"y": np.zeros(10)}, ["a", "b", "c"], n=2), "method"),
    ],
)
def test_bad_options_rejected_with_clear_message(call, match):
    with pytest.raises(SensitivityError, match=match):
        call()


# ---------------------------------------------------------------- the simulator


SMALL = """
[experiment]
name = "sa-small"
scenario = "kendal"
years = 6
replicates = 2
master_seed = 3

[design]
kind = "{kind}"
samples = {n}
{extra}

[design.factors]
"trust.initial" = {{ low = 0.2, high = 0.8 }}
"bkm.managing_body" = {{ low = 0.25, high = 0.85 }}
"government.payment_lag" = {{ low = 0, high = 2 }}
"government.preferred_forms" = [0.5, 0.75, 1.0]

[sensitivity]
outputs = ["partnerships_final", "sustained_share_final"]
over_time = ["partnerships_active"]
resamples = 200
"""


def write_exp(tmp_path: Path, kind: str = "sobol", n: int = 8, extra: str = "", sa_extra: str = "") -> Path:
    p = tmp_path / f"{kind}.toml"
    p.write_text(SMALL.format(kind=kind, n=n, extra=extra) + sa_extra)
    return p


def test_simulator_sobol_end_to_end_resume_and_determinism(tmp_path):
    exp = write_exp(tmp_path, "sobol", 8, "second_order = true")
    rep = run_sensitivity(exp, "serial", out=tmp_path / "a", progress=False)
    n_points = 8 * (2 * 4 + 2)
    assert rep.runs == n_points * 2 and rep.executed == rep.runs
    files = {p.name for p in rep.analysis.iterdir()}
    for f in (
        "indices.csv",
        "second_order.csv",
        "convergence.csv",
        "noise.csv",
        "over_time.csv",
        "summary.md",
        "sobol_partnerships_final.png",
        "s2_partnerships_final.png",
        "convergence_partnerships_final.png",
        "over_time_partnerships_active.png",
    ):
        assert f in files
    idx = pd.read_csv(rep.analysis / "indices.csv")
    assert set(idx["factor"]) == {
        "trust.initial",
        "bkm.managing_body",
        "government.payment_lag",
        "government.preferred_forms",
    }
    ot = pd.read_csv(rep.analysis / "over_time.csv")
    assert sorted(ot["year"].unique()) == list(range(2008, 2014))
    text = (rep.analysis / "summary.md").read_text()
    assert "Most influential" in text and "partnerships_final" in text
    # resume on a finished batch runs nothing and re-analyses to the same numbers
    rep2 = run_sensitivity(exp, "serial", out=tmp_path / "a", resume=True, progress=False)
    assert rep2.executed == 0
    pd.testing.assert_frame_equal(rep2.result.indices, rep.result.indices)
    # same file, another executor and worker count: identical indices
    rep3 = run_sensitivity(exp, "processes", workers=2, out=tmp_path / "b", progress=False)
    pd.testing.assert_frame_equal(rep3.result.indices, rep.result.indices)


def test_simulator_morris_screen_writes_a_loadable_sobol_experiment(tmp_path):
    exp = write_exp(tmp_path, "morris", 4, "levels = 4")
    rep = run_sensitivity(exp, "serial", out=tmp_path / "m", progress=False, screen=3, screen_samples=16)
    assert rep.screened is not None and rep.screened.exists()
    assert (rep.analysis / "morris_partnerships_final.png").exists()
    spec = load_sensitivity(rep.screened)
    assert spec.method == "sobol" and spec.experiment.samples == 16 and spec.experiment.second_order
    assert [f.name for f in spec.experiment.factors] == rep.result.screen(3)
    assert spec.outputs == ("partnerships_final", "sustained_share_final")
    cat = {f.name: f for f in spec.experiment.factors}.get("government.preferred_forms")
    if cat is not None:
        assert cat.values == (0.5, 0.75, 1.0)


def test_integer_and_categorical_factors_take_only_allowed_values(tmp_path):
    spec = load_sensitivity(write_exp(tmp_path, "sobol", 8))
    d = spec.experiment.design()
    assert set(d["government.payment_lag"]) <= {0, 1, 2}
    assert set(d["government.preferred_forms"]) <= {0.5, 0.75, 1.0}
    assert len(set(d["government.payment_lag"])) == 3


def test_loader_errors_name_file_key_and_allowed_values(tmp_path):
    with pytest.raises(ExperimentError, match=r"samples = 12 must be a power of 2"):
        load_sensitivity(write_exp(tmp_path, "sobol", 12))
    with pytest.raises(ExperimentError, match=r"--method sobol does not match design.kind = 'morris'"):
        load_sensitivity(write_exp(tmp_path, "morris", 4), method="sobol")
    with pytest.raises(ExperimentError, match=r"power of 2"):
        load_sensitivity(write_exp(tmp_path, "sobol", 8), samples=100)
    p = tmp_path / "lhs.toml"
    p.write_text(SMALL.format(kind="lhs", n=8, extra=""))
    with pytest.raises(ExperimentError, match=r"needs kind = 'morris' or 'sobol'"):
        load_sensitivity(p)
    bad = write_exp(tmp_path, "sobol", 8).read_text().replace('"partnerships_final"', '"partnerships_finale"')
    p.write_text(bad)
    with pytest.raises(ExperimentError, match=r"sensitivity.outputs has 'partnerships_finale'.*did you mean"):
        load_sensitivity(p)
    p.write_text(SMALL.format(kind="sobol", n=8, extra="") + "statistc = 'mean'\n")
    with pytest.raises(ExperimentError, match=r"unknown key 'sensitivity.statistc'"):
        load_sensitivity(p)
    p.write_text(SMALL.format(kind="sobol", n=8, extra="") + "statistic = 'q2'\n")
    with pytest.raises(ExperimentError, match=r"statistic = 'q2'"):
        load_sensitivity(p)
    p.write_text(SMALL.format(kind="morris", n=4, extra="second_order = true"))
    with pytest.raises(ExperimentError, match=r"second_order applies to sobol"):
        load_sensitivity(p)


def test_cli_errors_are_one_line_exit_2(tmp_path, capsys):
    sob = write_exp(tmp_path, "sobol", 8)
    cases = [
        ([str(sob), "--screen", "3"], "--screen applies to Morris"),
        ([str(sob), "--method", "morris"], "does not match"),
        ([str(sob), "--samples", "10"], "power of 2"),
        ([str(tmp_path / "missing.toml")], "missing.toml"),
        ([str(sob), "--resume"], "--resume needs --out"),
    ]
    for argv, msg in cases:
        assert main(["sensitivity", *argv]) == 2
        err = capsys.readouterr().err.strip()
        assert msg in err and "\n" not in err and "Traceback" not in err


def test_cli_help_names_both_methods(capsys):
    with pytest.raises(SystemExit):
        main(["sensitivity", "--help"])
    out = capsys.readouterr().out
    assert "Morris" in out and "Sobol" in out and "--screen" in out


def test_batch_command_accepts_a_sensitivity_file(tmp_path):
    # the [sensitivity] table is for the analysis; plpbk batch runs the same design
    assert (
        main(
            [
                "batch",
                str(write_exp(tmp_path, "sobol", 4)),
                "--executor",
                "serial",
                "--out",
                str(tmp_path / "b"),
                "--quiet",
            ]
        )
        == 0
    )


def test_shipped_experiments_load():
    m = load_sensitivity(ROOT / "experiments" / "sa-morris-enablers-obstacles.toml")
    assert m.method == "morris"
    roles = {f.param.role for f in m.experiment.factors}
    assert roles == {"enabler", "obstacle", "lever"}
    from simulator.params import PARAMETERS

    want = {p.name for p in PARAMETERS if p.role in ("enabler", "obstacle", "lever")}
    assert {f.name for f in m.experiment.factors} == want  # every enabler, obstacle and lever parameter
    s = load_sensitivity(ROOT / "experiments" / "sa-sobol-enablers-obstacles.toml")
    assert s.method == "sobol" and s.experiment.samples >= 512
    assert s.experiment.samples & (s.experiment.samples - 1) == 0
    assert {f.name for f in s.experiment.factors} < want
    assert s.experiment.scenario.name == m.experiment.scenario.name
    raw = tomllib.loads((ROOT / "experiments" / "sa-sobol-enablers-obstacles.toml").read_text())
    assert raw["design"]["second_order"] is True
    # issue 14: the shipped Sobol study is sized for a stable verdict on these two outputs
    assert {"sustained_share_final", "partnerships_after_grant"} <= set(s.outputs)


def test_years_without_spread_get_no_sobol_indices():
    p = Problem(("a", "b"), ((0, 1),) * 2)

    def f(x: np.ndarray, seed: int):
        grow = np.array([0.0, 0.0, 1e-6, 0.5, 1.0, 1.0])  # the output only starts to vary in year 3
        return {"path": np.outer(x[:, 0] + 0.5 * x[:, 1], grow)}

    res = sobol(lambda x, s: {"final": f(x, s)["path"][:, -1], **f(x, s)}, p, 64, seed=2)
    ot = res.over_time[res.over_time["index"] == "ST"]
    early = ot[ot["year"] < 3]
    late = ot[ot["year"] >= 3]
    assert early["value"].isna().all() and early["low"].isna().all()
    assert late["value"].notna().all()
    assert (early["output_sd"] < 1e-5).all() and (late["output_sd"] > 0.1).all()
    text = summary_markdown(res).split("## Over time")[1]
    assert "**path**: a matters throughout" in text and "nan" not in text


@pytest.mark.parametrize("kind", ["interrupt", "crash"])
def test_cli_interrupted_or_crashed_batch_exit_codes(tmp_path, capsys, monkeypatch, kind):
    from simulator.batch import BatchInterrupted, BatchReport, WorkerCrashError
    from simulator.sensitivity import experiment as sx

    def boom(*args, **kwargs):
        if kind == "interrupt":
            raise BatchInterrupted(BatchReport(out=tmp_path / "o", total=160, already=10, executed=30))
        raise WorkerCrashError("a worker process died (exit -9); finished runs are stored")

    monkeypatch.setattr(sx, "run_sensitivity", boom)
    code = main(["sensitivity", str(write_exp(tmp_path, "sobol", 8)), "--out", str(tmp_path / "o"), "--quiet"])
    err = capsys.readouterr().err
    if kind == "interrupt":
        assert code == 130 and "40 of 160 runs are stored" in err and "--resume" in err
    else:
        assert code == 1 and "worker process died" in err
    assert "Traceback" not in err
