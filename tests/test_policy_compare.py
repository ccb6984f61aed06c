"""plpbk compare: paired seeds, paired statistics, costs, the brief, and bad policy files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import simulator
from simulator.policy.compare import (
    BASELINE,
    OUTCOMES,
    bootstrap_ci,
    compare,
    cost_table,
    paired_effects,
    resolve_policies,
)
from simulator.scenario import ScenarioError, load_scenario

YEARS = 8


def _policy(tmp: Path, name: str, body: str) -> Path:
    p = tmp / f"{name}.toml"
    p.write_text(f'[policy]\nname = "{name}"\ndescription = "test policy {name}"\n\n[levers]\n{body}\n')
    return p


@pytest.fixture(scope="module")
def cmp_run(tmp_path_factory: pytest.TempPathFactory) -> simulator.policy.Comparison:  # type: ignore[name-defined]
    tmp = tmp_path_factory.mktemp("cmp")
    # BKM strengthening from the last year acts too late to change any outcome (it works with a lag),
    # and costs nothing here (a lever starting after the horizon is refused: see test_scenario)
    zero = _policy(tmp, "zero-effect", "strengthening = 0.5\nstrengthening_start = 2015\nstrengthening_cost = 0")
    sc = load_scenario("baseline").with_years(YEARS)
    return compare(sc, ["marketing-push", zero], seeds=4, out=tmp / "out", executor="serial", progress=False)


def test_paired_seeds_are_paired(cmp_run) -> None:  # type: ignore[no-untyped-def]
    s = cmp_run.summary
    seeds = s.pivot(index="replicate", columns="option", values="seed")
    assert seeds.nunique(axis=1).eq(1).all(), "every option must run on replicate r's seed"
    assert seeds[BASELINE].nunique() == 4, "replicates use different seeds"
    # same seed => the baseline run equals a direct run of the scenario with that seed
    base = s[s["option"] == BASELINE].sort_values("replicate")
    direct = simulator.run(cmp_run.scenario, seed=[int(x) for x in base["seed"]]).summary
    for col in ("sustained_share_final", "partnerships_final", "aid_total", "mean_trust_final"):
        np.testing.assert_array_equal(base[col].to_numpy(), direct[col].to_numpy())
    # before the policy starts (2013) the paired runs are identical year by year
    ts = cmp_run.timeseries
    early = ts[ts["year"] < 2013]
    b = early[early["option"] == BASELINE].sort_values(["replicate", "year"])
    m = early[early["option"] == "marketing-push"].sort_values(["replicate", "year"])
    np.testing.assert_array_equal(b["partnerships_active"].to_numpy(), m["partnerships_active"].to_numpy())


def test_same_seed_same_baseline_whatever_the_policies(cmp_run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    other = compare(
        cmp_run.scenario, ["csr-forum"], seeds=4, out=tmp_path / "o", executor="serial", progress=False
    ).summary
    a = cmp_run.summary[cmp_run.summary["option"] == BASELINE].sort_values("replicate").reset_index(drop=True)
    b = other[other["option"] == BASELINE].sort_values("replicate").reset_index(drop=True)
    cols = ["seed", "sustained_share_final", "partnerships_final", "aid_total", "mean_trust_final"]
    pd.testing.assert_frame_equal(a[cols], b[cols])


def test_zero_effect_policy_has_intervals_covering_zero(cmp_run) -> None:  # type: ignore[no-untyped-def]
    e = cmp_run.effects[cmp_run.effects["policy"] == "zero-effect"]
    assert len(e) == len(OUTCOMES)
    assert (e["ci_low"] <= 0).all() and (e["ci_high"] >= 0).all()
    assert (e["diff"] == 0).all()  # identical paired runs
    assert (e["tie"] == e["n"]).all() and (e["better"] == 0).all() and (e["worse"] == 0).all()  # all ties
    md = (cmp_run.out / "brief.md").read_text()
    assert "better than the baseline in 0, a tie in 4 and worse in 0 of 4 paired runs" in md
    c = cmp_run.costs.set_index("policy").loc["zero-effect"]
    assert c["cost_total"] == 0 and np.isnan(c["cost_per_extra_ward"])


def test_marketing_push_costs_what_its_levers_say(cmp_run) -> None:  # type: ignore[no-untyped-def]
    c = cmp_run.costs.set_index("policy").loc["marketing-push"]
    sc = cmp_run.scenario
    # size 0.6 x Rp 15 m per ward per year x 20 wards x years 2013..2015 (3 years of an 8-year run)
    expected = 0.6 * float(sc.values["levers.marketing_push_cost"]) * 20 * (2008 + YEARS - 2013)
    assert c["cost_total"] == pytest.approx(expected)
    assert c["active_years"] == 3
    assert c["cost_per_ward_year"] == pytest.approx(0.6 * float(sc.values["levers.marketing_push_cost"]))


def test_output_folder(cmp_run) -> None:  # type: ignore[no-untyped-def]
    out = cmp_run.out
    for f in ("effects.csv", "costs.csv", "effects_horizons.csv", "budget.csv", "paired.csv", "brief.md"):
        assert (out / f).is_file(), f
    for f in ("brief.html", "plots/effects.png", "plots/horizons.png"):
        assert (out / f).is_file(), f
    assert (out / "plots" / "paths-marketing-push.png").is_file()
    man = json.loads((out / "manifest.json").read_text())
    assert man["kind"] == "plpbk-compare" and man["status"] == "complete"
    html = (out / "brief.html").read_text()
    assert "data:image/png;base64," in html and "<table>" in html
    md = (out / "brief.md").read_text()
    assert "marketing-push" in md and "![effects](plots/effects.png)" in md


# --------------------------------------------------------------------------- statistics on a toy model


def _toy(effects: dict[str, float], n: int, seed: int, noise: float = 0.02) -> pd.DataFrame:
    """A toy model: outcome = seed-specific level (shared by paired runs) + the lever's effect + small noise."""
    rng = np.random.default_rng(seed)
    level = rng.normal(0.4, 0.15, n)  # what the seed decides, common to every option
    rows = []
    for opt, eff in {BASELINE: 0.0, **effects}.items():
        y = level + eff + rng.normal(0, noise, n)
        for r in range(n):
            rows.append({"option": opt, "replicate": r, "seed": 100 + r, "y": y[r], "lever_cost_total": 0.0})
    return pd.DataFrame(rows)


def test_known_lever_effect_is_recovered_on_a_toy_model() -> None:
    df = _toy({"lever": 0.1, "nothing": 0.0}, n=30, seed=5)
    e = paired_effects(df, outcomes=["y"]).set_index("policy")
    assert e.loc["lever", "ci_low"] <= 0.1 <= e.loc["lever", "ci_high"]
    assert e.loc["lever", "diff"] == pytest.approx(0.1, abs=0.015)
    assert e.loc["lever", "ci_low"] > 0 and e.loc["lever", "p_better"] > 0.95
    # pairing: the interval is far narrower than the spread of the seed-specific levels
    assert e.loc["lever", "ci_high"] - e.loc["lever", "ci_low"] < 0.03
    assert e.loc["nothing", "ci_low"] <= 0 <= e.loc["nothing", "ci_high"]


def test_zero_effect_intervals_cover_zero_in_most_toy_experiments() -> None:
    covered = 0
    for s in range(40):
        e = paired_effects(_toy({"nothing": 0.0}, n=20, seed=s), outcomes=["y"], seed=s).iloc[0]
        covered += e["ci_low"] <= 0 <= e["ci_high"]
    # a 95% percentile bootstrap interval with n = 20 covers somewhat less than 95%: allow 85%
    assert covered >= 34


def test_unpaired_seeds_are_refused() -> None:
    df = _toy({"lever": 0.1}, n=5, seed=1)
    df.loc[df["option"] == "lever", "seed"] += 1
    with pytest.raises(ValueError, match="seeds"):
        paired_effects(df, outcomes=["y"])


def test_bootstrap_ci_edge_cases() -> None:
    assert bootstrap_ci(np.array([0.3])) == (0.3, 0.3)
    assert all(np.isnan(bootstrap_ci(np.array([]))))


def test_cost_per_extra_sustained_ward() -> None:
    summary = pd.DataFrame(
        {"option": [BASELINE, "a", "b"], "lever_cost_total": [0.0, 1000.0, 500.0], "replicate": [0, 0, 0]}
    )
    effects = pd.DataFrame(
        {
            "policy": ["a", "b"],
            "outcome": ["sustained_share_final"] * 2,
            "diff": [0.1, 0.05],
            "ci_low": [0.05, -0.01],
            "ci_high": [0.15, 0.1],
        }
    )
    c = cost_table(summary, effects, wards=20, years=10).set_index("policy")
    assert c.loc["a", "extra_wards"] == pytest.approx(2.0)
    assert c.loc["a", "cost_per_extra_ward"] == pytest.approx(500.0)
    assert c.loc["a", "cost_per_extra_ward_low"] == pytest.approx(1000 / 3)
    assert c.loc["a", "cost_per_extra_ward_high"] == pytest.approx(1000.0)
    assert c.loc["a", "cost_per_ward_year"] == pytest.approx(5.0)
    assert np.isnan(c.loc["b", "cost_per_extra_ward"]) and "undefined" in c.loc["b", "note"]


# --------------------------------------------------------------------------- bad policy files


def test_policy_name_rules(tmp_path: Path) -> None:
    a = _policy(tmp_path, "baseline", "csr_forum = 0.5")
    with pytest.raises(ScenarioError, match="may not be named 'baseline'"):
        resolve_policies([a])
    with pytest.raises(ScenarioError, match="names must differ"):
        resolve_policies(["csr-forum", "csr-forum"])
    with pytest.raises(ScenarioError, match="no policy given"):
        resolve_policies([])


def _plpbk(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "simulator.cli", *args], capture_output=True, text=True, cwd=cwd, timeout=300
    )


@pytest.mark.parametrize(
    ("body", "expect"),
    [
        ("marketing_push = 1.5", "levers.marketing_push = 1.5 is out of range"),
        ("marketing_pus = 0.5", "did you mean 'levers.marketing_push'"),
        ("marketing_push = 0.0", "switches no lever on"),
        ('marketing_push = "high"', "must be a number"),
        ("[bkm]\ncoordination = 0.7", "may set only [levers] keys"),
    ],
)
def test_bad_policy_files_give_one_line_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], body: str, expect: str
) -> None:
    from simulator.cli import main

    p = _policy(tmp_path, "bad", body)
    code = main(["compare", str(p), "--seeds", "2", "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 2, err
    assert expect in err and str(p) in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "o").exists()


def test_missing_and_broken_policy_files(tmp_path: Path) -> None:
    r = _plpbk("compare", "no-such-policy", "--seeds", "2")
    assert r.returncode == 2 and "no-such-policy: no such policy file" in r.stderr and "marketing-push" in r.stderr
    assert "Traceback" not in r.stderr
    broken = tmp_path / "broken.toml"
    broken.write_text("[policy\nname = 'x'")
    with pytest.raises(ScenarioError, match="not valid TOML"):
        resolve_policies([broken])
    nometa = tmp_path / "nometa.toml"
    nometa.write_text("[levers]\ncsr_forum = 0.5\n")
    with pytest.raises(ScenarioError, match=r"needs a \[policy\] table"):
        resolve_policies([nometa])


def test_cli_end_to_end_in_bahasa_and_resume(tmp_path: Path) -> None:
    out = tmp_path / "c"
    args = ["compare", "--scenario", "kendal", "csr-forum", "--seeds", "2", "--years", "6", "--executor", "serial"]
    r = _plpbk(*args, "--out", str(out), "--lang", "id", "--quiet")
    assert r.returncode == 0, r.stderr
    md = (out / "brief.md").read_text()
    assert md.startswith("# Ringkasan kebijakan") and "kelurahan" in md and "program berkelanjutan" in md
    # the same folder again: refused without --resume, re-analysed with it
    r = _plpbk(*args, "--out", str(out))
    assert r.returncode == 2 and "choose another --out" in r.stderr
    r = _plpbk(*args, "--out", str(out), "--resume")
    assert r.returncode == 0, r.stderr
    assert "csr-forum" in r.stdout and "brief.md" in r.stdout
    # another comparison into the same folder is refused
    r = _plpbk("compare", "marketing-push", "--seeds", "2", "--years", "6", "--out", str(out), "--resume")
    assert r.returncode == 2 and "holds other results" in r.stderr
    # an unrelated non-empty folder is refused
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "f.txt").write_text("mine")
    r = _plpbk("compare", "csr-forum", "--seeds", "2", "--out", str(tmp_path / "x"))
    assert r.returncode == 2 and "not empty" in r.stderr


def test_failed_runs_leave_only_complete_pairs() -> None:
    df = _toy({"lever": 0.1}, n=6, seed=2)
    df = df[~((df["option"] == "lever") & (df["replicate"] == 3))]  # one policy run failed
    e = paired_effects(df, outcomes=["y"]).iloc[0]
    assert e["n"] == 5


def test_compare_on_a_running_dask_scheduler_matches_serial(tmp_path: Path) -> None:
    from dask.distributed import LocalCluster

    from simulator.cli import main

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as lc:
        argv = ["compare", "marketing-push", "--seeds", "3", "--quiet"]
        assert main([*argv, "--scheduler", lc.scheduler_address, "--out", str(tmp_path / "d")]) == 0
    assert main([*argv, "--executor", "serial", "--out", str(tmp_path / "s")]) == 0
    a = pd.read_csv(tmp_path / "d" / "effects.csv")
    b = pd.read_csv(tmp_path / "s" / "effects.csv")
    pd.testing.assert_frame_equal(a, b)
    assert main(["compare", "marketing-push", "--scheduler", "tcp://127.0.0.1:9", "--out", str(tmp_path / "x")]) == 2


# --------------------------------------------------------------------------- honest headlines (constructed tables)

WARDS = 20


def _constructed(tmp: Path, gains: dict[str, list[float]], costs: dict[str, float]) -> simulator.policy.Comparison:  # type: ignore[name-defined]
    """A comparison built from a constructed summary: each policy's gain in sustained wards, pair by pair.

    Every other outcome moves by the same number (a gain of 1 ward is 1 partnership, Rp 1 million of aid, ...).
    """
    from simulator.policy.compare import Comparison, analyse  # noqa: F401  (analyse: the real path's pieces)
    from simulator.policy.effects import OUTCOME_COLUMNS, budget_table

    n = len(next(iter(gains.values())))
    level = np.random.default_rng(1).integers(4, 12, n) / WARDS
    rows = []
    for opt, g in {BASELINE: [0.0] * n, **gains}.items():
        for r in range(n):
            row = {"option": opt, "replicate": r, "seed": 100 + r, "lever_cost_total": costs.get(opt, 0.0)}
            row.update({c: level[r] + g[r] / WARDS for c in OUTCOME_COLUMNS})
            rows.append(row)
    summary = pd.DataFrame(rows)
    effects = paired_effects(summary)
    sc = load_scenario("kendal").with_years(12)
    pols = resolve_policies([_policy(tmp, name, "csr_forum = 0.5\ncsr_forum_start = 2010") for name in gains])
    ct = cost_table(summary, effects, wards=WARDS, years=12)
    budget = budget_table(sc, pols, {"Region 1": WARDS})
    return Comparison(sc, pols, n, summary, pd.DataFrame(), effects, ct, budget=budget)


def _headline(md: str) -> str:
    return next(line for line in md.splitlines() if line.startswith("**Cost-effectiveness:**"))


def test_a_weak_policy_is_never_named_in_a_cost_headline(tmp_path: Path) -> None:
    from simulator.policy.brief_compare import compare_brief
    from simulator.policy.findings import compare_findings

    # weak: +1 ward in 5 of 30 pairs: the interval's low end is above 0 (1/30 ward) but prints as 0.0
    weak = [1.0] * 5 + [0.0] * 25
    strong = [6.0] * 28 + [0.0, -1.0]
    cmp = _constructed(tmp_path, {"weak": weak, "strong": strong}, {"weak": 10.0, "strong": 5000.0})
    c = cmp.costs.set_index("policy")
    assert 0 < c.loc["weak", "extra_wards_low"] < 0.05  # the old rule (low end > 0) would have costed it
    assert not c.loc["weak", "sure_gain"] and np.isnan(c.loc["weak", "cost_per_extra_ward"])
    f = compare_findings(cmp)
    assert f.qualifying == ["strong"] and f.cheapest == "strong"
    # weak costs Rp 10 m for 0.2 wards: far cheaper per ward than strong, and still never named
    for lang in ("en", "id"):
        md = compare_brief(cmp, lang).markdown
        line = next(x for x in md.splitlines() if x.startswith("**Efektivitas biaya:**" if lang == "id" else "**Cost"))
        assert "weak" not in line and "strong" in line
        assert "Rp" in line and (" to " in line or " sampai " in line)  # always with the range
    head = _headline(compare_brief(cmp, "en").markdown)
    assert "only strong" in head and "range Rp" in head


def test_no_policy_qualifies_the_brief_says_so(tmp_path: Path) -> None:
    from simulator.policy.brief_compare import compare_brief

    cmp = _constructed(tmp_path, {"weak": [1.0] * 3 + [0.0] * 27, "never": [0.0] * 30}, {"weak": 10.0})
    md = compare_brief(cmp, "en").markdown
    assert "no policy's gain in sustained wards has a 95% interval above zero" in _headline(md)
    assert "tidak ada kebijakan" in compare_brief(cmp, "id").markdown


def test_cheapest_is_among_sure_gains_only_with_its_range(tmp_path: Path) -> None:
    from simulator.policy.brief_compare import compare_brief

    gains = {"a": [4.0] * 30, "b": [2.0] * 30, "weak": [1.0] * 5 + [0.0] * 25}
    cmp = _constructed(tmp_path, gains, {"a": 4000.0, "b": 1000.0, "weak": 1.0})
    head = _headline(compare_brief(cmp, "en").markdown)
    assert "among the 2 policies" in head and "(a, b)" in head and "is b's: about Rp 500 million" in head
    assert "range Rp 500 million to Rp 500 million" in head  # a gain with no spread: the range is one value
    assert "weak" not in head


def test_better_tie_worse_counts_and_a_policy_that_never_acts(tmp_path: Path) -> None:
    cmp = _constructed(tmp_path, {"mixed": [1.0] * 28 + [0.0, -1.0], "never": [0.0] * 30}, {})
    e = cmp.effects.set_index(["policy", "outcome"])
    m = e.loc[("mixed", "sustained_share_final")]
    assert (m["better"], m["tie"], m["worse"], m["n"]) == (28, 1, 1, 30)
    nv = e.loc["never"]
    assert (nv["tie"] == 30).all() and (nv["better"] == 0).all()
    from simulator.policy.brief_compare import compare_brief

    md = compare_brief(cmp, "en").markdown
    assert "better than the baseline in 28, a tie in 1 and worse in 1 of 30 paired runs" in md
    assert "better than the baseline in 0, a tie in 30 and worse in 0 of 30 paired runs" in md
    assert "28 better, 1 tie, 1 worse" in md  # the table's cell
    assert "50%" not in md


def test_tie_tolerance_is_half_the_printed_digit() -> None:
    from simulator.policy.effects import tie_tolerance

    assert tie_tolerance("sustained_share_final") == pytest.approx(0.0005)  # 0.05 points of %, printed to 0.1
    assert tie_tolerance("sustained_share") == pytest.approx(0.0005)  # the same outcome's time series
    assert tie_tolerance("partnerships_final") == pytest.approx(0.05)
    assert tie_tolerance("aid_total") == pytest.approx(0.5)
    assert tie_tolerance("no_such_column") == 1e-9
    df = _toy({"tiny": 0.0}, n=10, seed=3, noise=0.0)
    df.loc[df["option"] == "tiny", "y"] += 1e-12  # float noise is a tie, not a gain
    e = paired_effects(df, outcomes=["y"]).iloc[0]
    assert e["tie"] == 10


def test_bold_means_the_interval_excludes_zero(tmp_path: Path) -> None:
    from simulator.policy.brief_horizons import effect_cell

    row = {"diff": 0.01, "ci_low": 0.0004, "ci_high": 0.03}  # prints [0.0, 3.0]: not bold
    assert not effect_cell(row, "sustained_share_final", "en").startswith("**")
    assert effect_cell({**row, "ci_low": 0.001}, "sustained_share_final", "en").startswith("**")
    assert effect_cell({"diff": -2, "ci_low": -3, "ci_high": -1}, "partnerships_final", "id") == (
        "**−2,0 [−3,0; −1,0]**"
    )
    assert effect_cell({"diff": -1e-4, "ci_low": -1, "ci_high": 1}, "partnerships_final", "en") == "0.0 [−1.0, 1.0]"
    cmp = _constructed(tmp_path, {"a": [4.0] * 30, "b": [0.0] * 30}, {"a": 10.0})
    from simulator.policy.brief_compare import compare_brief

    md = compare_brief(cmp, "en").markdown
    table_rows = [x for x in md.splitlines() if x.startswith("| ") and not x.startswith("| Policy")]
    assert table_rows and not any(x.startswith("| **") for x in table_rows)  # policy names are not bold
    assert "| a | **+20.0 [20.0, 20.0]** |" in md and "| b | 0.0 [0.0, 0.0] |" in md


def test_ranking_change_between_horizons(tmp_path: Path) -> None:
    from simulator.policy.brief_horizons import ranking_sentence
    from simulator.policy.findings import horizon_rankings, ranking_changes

    rows = []
    for h, (a, b) in {"5y": (0.2, 0.1), "10y": (0.1, 0.1), "final": (0.0, 0.3)}.items():
        rows += [{"policy": "a", "horizon": h, "outcome": "sustained_share", "diff": a}]
        rows += [{"policy": "b", "horizon": h, "outcome": "sustained_share", "diff": b}]
    r = horizon_rankings(pd.DataFrame(rows))
    assert r == {"5y": ["a", "b"], "10y": ["a", "b"], "final": ["b", "a"]} and ranking_changes(r)
    assert not ranking_changes({"5y": ["a", "b"], "final": ["a", "c", "b"]})
    assert ranking_changes({"5y": ["a", "b"], "10y": ["b"], "final": ["b", "c", "a"]})
    from simulator.policy.findings import CompareFindings

    s = ranking_sentence(CompareFindings(["b", "a"], rankings=r, ranking_changes=True), "en", 2035)
    assert s.startswith("**The order of the policies changes with the horizon**") and "final year (2035): b > a" in s
    same = ranking_sentence(CompareFindings(["a", "b"], rankings={"5y": ["a", "b"], "final": ["a", "b"]}), "id")
    assert "sama pada setiap jangka waktu" in same


def test_aid_leveraged_per_public_rupiah() -> None:
    summary = pd.DataFrame({"option": [BASELINE, "a", "free"], "lever_cost_total": [0.0, 200.0, 0.0]})
    effects = pd.DataFrame(
        {
            "policy": ["a", "free", "a", "free"],
            "outcome": ["sustained_share_final"] * 2 + ["aid_total"] * 2,
            "diff": [0.1, 0.0, 500.0, 50.0],
            "ci_low": [0.05, 0.0, 300.0, 10.0],
            "ci_high": [0.15, 0.0, 700.0, 90.0],
        }
    )
    c = cost_table(summary, effects, wards=20, years=10).set_index("policy")
    assert c.loc["a", ["aid_per_rupiah", "aid_per_rupiah_low", "aid_per_rupiah_high"]].tolist() == [2.5, 1.5, 3.5]
    assert np.isnan(c.loc["free", "aid_per_rupiah"])  # no extra public rupiah: nothing to divide by


def test_csr_forum_costs_per_regency_and_the_budget_matches_the_model() -> None:
    from simulator.params import LEVER_COST_UNIT, lookup
    from simulator.policy.compare import regency_wards
    from simulator.policy.effects import budget_table

    assert LEVER_COST_UNIT["csr_forum"] == "regency" and LEVER_COST_UNIT["marketing_push"] == "ward"
    p = lookup("levers.csr_forum_cost")
    assert p is not None and "regency" in p.unit
    sc = load_scenario("central-java").with_years(4)
    pols = resolve_policies(["csr-forum"])
    regs = regency_wards(sc)
    assert len(regs) == 20 and sum(regs.values()) == 185
    b = budget_table(sc.with_years(8), pols, regs)  # 2008..2015; the forum from 2013
    cost = float(sc.values["levers.csr_forum_cost"]) * 0.6
    np.testing.assert_allclose(b.loc[b["year"] >= 2013, "cost"], cost)  # one forum per regency, whatever its size
    assert (b.loc[b["year"] < 2013, "cost"] == 0).all()
    # the model charges the same: showcase (2 regencies, 3 wards), with a forum and a per-ward lever
    show = load_scenario("showcase").with_values({"levers.csr_forum": 1.0, "levers.csr_forum_start": 2009})
    show = show.with_values({"levers.marketing_push": 0.5, "levers.marketing_push_start": 2010}).with_years(4)
    ts = simulator.run(show, seed=1).timeseries
    pol = simulator.scenario.Policy(name="p", description="", levers={}, source="x")
    b = budget_table(show, [pol], regency_wards(show)).groupby("year")["cost"].sum()
    np.testing.assert_allclose(ts.set_index("year")["lever_cost"].to_numpy(), b.to_numpy())
    assert b[2009] == pytest.approx(2 * float(show.values["levers.csr_forum_cost"]))


# --------------------------------------------------------------------------- a small real comparison, end to end


def test_real_compare_with_horizons_weak_and_strong(tmp_path: Path) -> None:
    strong = _policy(
        tmp_path,
        "strong",
        "marketing_push = 0.8\nmarketing_push_start = 2009\nstrengthening = 0.6\nstrengthening_start = 2009",
    )
    weak = _policy(tmp_path, "weak", "csr_forum = 0.02\ncsr_forum_start = 2009")
    late = _policy(tmp_path, "late", "facilitation = 0.5\nfacilitation_start = 2012")
    sc = load_scenario("kendal").with_years(12)  # 2008..2019
    kw = {"seeds": 5, "executor": "serial", "progress": False}
    cmp = compare(sc, [strong, weak, late], out=tmp_path / "en", **kw)  # type: ignore[arg-type]
    h = cmp.horizons
    assert set(h.loc[h["policy"] == "strong", "year"]) == {2014, 2019}  # 5y, and 10y = the final year
    assert set(h.loc[h["policy"] == "late", "horizon"]) == {"5y", "final"}  # 10 years after 2012 is past 2019
    assert (h["better"] + h["tie"] + h["worse"] == h["n"]).all()
    md = (tmp_path / "en" / "brief.md").read_text()
    assert "late: 10 years after the start (2022) lies past the last simulated year (2019)" in md
    assert (
        "## Effects 5 and 10 years after the start" in md
        and "Partnerships alive: CSR/private" in md
        and "Budget per year" in md
    )
    head = _headline(md)
    assert "weak" not in head
    b = pd.read_csv(tmp_path / "en" / "budget.csv").groupby(["policy", "year"])["cost"].sum()
    ts = cmp.timeseries.groupby(["option", "year"])["lever_cost"].mean()
    for (pol, year), cost in b.items():
        assert ts[(pol, year)] == pytest.approx(cost)
    from simulator.policy.compare import write_outputs

    (tmp_path / "id").mkdir()
    write_outputs(cmp, tmp_path / "id", "id")
    md = (tmp_path / "id" / "brief.md").read_text()
    assert (
        "## Dampak 5 dan 10 tahun setelah kebijakan mulai" in md
        and "Menurut sektor mitra" in md
        and "Anggaran per tahun" in md
    )
    for word in ("baseline", "probability", " vs ", "Region ", "Ward "):
        assert word not in md


def test_plots_in_bahasa_name_the_baseline_and_skip_horizons_past_the_end(cmp_run) -> None:  # type: ignore[no-untyped-def]
    from simulator.policy.compare_plots import plot_horizons, plot_paths

    fig = plot_paths(cmp_run.timeseries, "marketing-push", lang="id")
    texts = [
        fig.texts[0].get_text() if fig.texts else "",
        *(t for ax in fig.axes for t in ax.get_legend_handles_labels()[1]),
    ]
    assert "kondisi dasar" in " ".join(texts) and not any("baseline" in t for t in texts)
    assert len([ax for ax in fig.axes if ax.get_visible()]) == 6  # sustained, total, by sector, aid, trust
    # an 8-year run (2008..2015): marketing push from 2013 has only its final year; zero-effect likewise
    fig = plot_horizons(cmp_run.horizons, 2015, "en")
    labels = fig.axes[0].get_legend_handles_labels()[1]
    assert labels == ["final year (2015)"]


def test_budget_table_in_the_brief_groups_years_and_shows_regencies() -> None:
    from types import SimpleNamespace

    from simulator.policy.brief_compare import _budget
    from simulator.policy.compare import regency_wards
    from simulator.policy.effects import budget_table

    sc = load_scenario("showcase").with_years(10)  # 2008..2017, two regencies (1 and 2 wards)
    pols = resolve_policies(["csr-forum", "marketing-push"])
    b = budget_table(sc, pols, regency_wards(sc))
    md = "\n".join(_budget(SimpleNamespace(budget=b, policies=pols), "en"))  # type: ignore[arg-type]
    assert "| 2008–2012 | – | – |" in md and "| 2013–2017 | Rp 120 million | Rp 27 million |" in md
    assert "| Kendal | Rp 60 million | Rp 9 million |" in md  # one forum per regency; push per ward
    assert "| Pekalongan | Rp 60 million | Rp 18 million |" in md
