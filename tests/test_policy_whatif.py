"""plpbk whatif: experiment files, robustness, regret, rank stability, failure boxes, end to end."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from simulator.batch import ExperimentError
from simulator.policy.whatif import (
    WhatIfSpec,
    discover,
    kendall_w,
    load_whatif,
    robustness,
    whatif,
)

ROOT = Path(__file__).resolve().parent.parent
SMALL = """
[whatif]
name = "wi-test"
scenarios = ["baseline"]
policies = ["marketing-push", "all-efforts"]
years = 7
futures = 6
seeds = 2
master_seed = 11

[threshold]
outcome = "sustained_share_final"
at_least = 0.6

[uncertainty]
"bkm.managing_body" = { low = 0.3, high = 0.8 }
"firms.responsiveness" = { low = 0.15, high = 0.6 }
"""


def _write(tmp: Path, text: str, name: str = "wi.toml") -> Path:
    p = tmp / name
    p.write_text(text)
    return p


def test_shipped_experiment_loads() -> None:
    spec = load_whatif(ROOT / "experiments" / "whatif-efforts.toml")
    assert [s.name for s in spec.scenarios] == ["pekalongan", "kendal"]
    assert spec.options == ["baseline", "marketing-push", "bkm-strengthening", "consistent-team", "all-efforts"]
    assert spec.outcome == "sustained_share_final" and spec.threshold == 0.5
    d = spec.design()
    assert len(d) == spec.futures and set(d.columns) == {"future", *(f.name for f in spec.factors)}
    # the design is fixed by the master seed
    pd.testing.assert_frame_equal(d, load_whatif(ROOT / "experiments" / "whatif-efforts.toml").design())


@pytest.mark.parametrize(
    ("change", "expect"),
    [
        (("futures = 6", "futures = 2"), "whatif.futures = 2 is out of range"),
        (("seeds = 2", "seed = 2"), "unknown key 'whatif.seed' (did you mean 'seeds'?)"),
        (('"marketing-push"', '"marketing-psh"'), "marketing-psh: no such policy file"),
        (('["baseline"]', '["nowhere"]'), "nowhere: no such scenario file"),
        (("at_least = 0.6", "at_least = 1.6"), "threshold.at_least = 1.6 is out of range"),
        (('outcome = "sustained_share_final"', 'outcome = "happiness"'), "threshold.outcome = 'happiness'"),
        (('"bkm.managing_body" = {', '"levers.csr_forum" = {'), "lever parameters are not uncertainties"),
        (('"bkm.managing_body" = {', '"bkm.managing_bdy" = {'), "did you mean 'bkm.managing_body'"),
        (("low = 0.3, high = 0.8", "low = 0.8, high = 0.3"), "empty or inverted range"),
        (("[threshold]", "[thresholds]"), "unknown table 'thresholds'"),
    ],
)
def test_bad_whatif_files_give_clear_errors(tmp_path: Path, change: tuple[str, str], expect: str) -> None:
    assert change[0] in SMALL
    p = _write(tmp_path, SMALL.replace(change[0], change[1], 1))
    with pytest.raises(ExperimentError) as e:
        load_whatif(p)
    assert expect in str(e.value) and str(p) in str(e.value)
    assert "\n" not in str(e.value)


def test_missing_uncertainty_and_whatif_tables(tmp_path: Path) -> None:
    with pytest.raises(ExperimentError, match=r"add an \[uncertainty\] table"):
        load_whatif(_write(tmp_path, SMALL.split("[uncertainty]")[0]))
    with pytest.raises(ExperimentError, match=r"needs a \[whatif\] table"):
        load_whatif(_write(tmp_path, "[threshold]\nat_least = 0.5\n", "b.toml"))
    with pytest.raises(ExperimentError, match="file not found"):
        load_whatif(tmp_path / "none.toml")


# --------------------------------------------------------------------------- statistics


def test_kendall_w() -> None:
    same = np.tile([1.0, 2.0, 3.0, 4.0], (5, 1))
    assert kendall_w(same) == pytest.approx(1.0)
    opposite = np.array([[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]])
    assert kendall_w(opposite) == pytest.approx(0.0)
    # hand-computed: rank sums 4, 5, 9 over m = 3 raters, n = 3 items: S = 14, W = 12 S / (9 * 24)
    r = np.array([[1.0, 2.0, 3.0], [2.0, 1.0, 3.0], [1.0, 2.0, 3.0]])
    assert kendall_w(r) == pytest.approx(12 * 14 / (9 * 24))
    assert np.isnan(kendall_w(np.array([[1.0, 2.0]])))


def _spec(futures: int, policies: int = 2) -> WhatIfSpec:
    from simulator.scenario import Policy, load_scenario

    pols = tuple(Policy(f"p{i}", "", {"levers.csr_forum": 0.5}, "") for i in range(1, policies + 1))
    return WhatIfSpec(
        "toy", "", (load_scenario("baseline"),), pols, (), futures=futures, threshold=0.5, alpha=0.1, min_support=0.1
    )


def test_robustness_and_regret_on_hand_made_outcomes() -> None:
    spec = _spec(4)
    vals = {"baseline": [0.2, 0.4, 0.6, 0.3], "p1": [0.5, 0.6, 0.4, 0.55], "p2": [0.9, 0.3, 0.7, 0.45]}
    fo = pd.DataFrame(
        [
            {"option": o, "future": f, "sustained_share_final": v, "lever_cost_total": 10.0 * k}
            for k, (o, vs) in enumerate(vals.items())
            for f, v in enumerate(vs)
        ]
    )
    t, stab = robustness(fo, spec)
    t = t.set_index("option")
    assert t.loc["baseline", "meets_share"] == 0.25
    assert t.loc["p1", "meets_share"] == 0.75 and t.loc["p2", "meets_share"] == 0.5
    # regret per future: best - own; p2 in future 1 (best 0.6): 0.3
    assert t.loc["p2", "regret_max"] == pytest.approx(0.3)
    assert t.loc["p1", "regret_mean"] == pytest.approx(np.mean([0.4, 0.0, 0.3, 0.0]))
    assert t.loc["p2", "best_share"] == 0.5 and t.loc["p1", "best_share"] == 0.5
    assert t.loc["p2", "cost_total"] == 20.0
    assert stab["most_robust"] == "p1"
    assert stab["winner"] == "p2"  # best mean outcome
    assert 0 <= stab["kendall_w"] <= 1


def test_discover_finds_the_planted_failure_region() -> None:
    from simulator.batch.experiment import Factor
    from simulator.params import BY_NAME

    n = 200
    rng = np.random.default_rng(2)
    futures = pd.DataFrame({"future": np.arange(n), "x": rng.random(n), "z": rng.random(n)})
    factors = tuple(Factor(k, BY_NAME["bkm.managing_body"]) for k in ("x", "z"))
    spec = _spec(n, policies=1)
    spec = WhatIfSpec(
        spec.name, "", spec.scenarios, spec.policies, factors, futures=n, threshold=0.5, alpha=0.05, min_support=0.05
    )
    # the policy fails where x < 0.3; the baseline fails everywhere
    fo = pd.concat(
        [
            pd.DataFrame({"option": "baseline", "future": futures["future"], "sustained_share_final": 0.1}),
            pd.DataFrame(
                {
                    "option": "p1",
                    "future": futures["future"],
                    "sustained_share_final": np.where(futures["x"] < 0.3, 0.2, 0.8),
                }
            ),
        ]
    )
    found = discover(fo, futures, spec)
    assert found["baseline"] is None  # fails in every future: no box to find
    box = found["p1"].chosen_box
    assert box.restricted == ("x",)
    assert box.cuts()["x"][1] == pytest.approx(0.3, abs=0.03)
    assert box.coverage == 1.0 and box.density >= 0.95


# --------------------------------------------------------------------------- end to end


@pytest.fixture(scope="module")
def small_run(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    tmp = tmp_path_factory.mktemp("wi")
    p = _write(tmp, SMALL)
    return whatif(p, out=tmp / "out", executor="serial", progress=False), p, tmp


def test_every_option_sees_the_same_futures_and_seeds(small_run) -> None:  # type: ignore[no-untyped-def]
    from simulator.store import open_results

    wi, _, _ = small_run
    s = open_results(wi.out / "batches" / "baseline").summary
    spec = wi.spec
    s["option"] = s["point"] // spec.futures
    s["future"] = s["point"] % spec.futures
    seeds = s.pivot_table(index=["future", "replicate"], columns="option", values="seed")
    assert seeds.nunique(axis=1).eq(1).all()
    mb = s.pivot_table(index=["future", "replicate"], columns="option", values="bkm.managing_body")
    assert mb.nunique(axis=1).eq(1).all()
    assert s.groupby("replicate")["seed"].nunique().eq(1).all()  # the same seed in every future, too


def test_whatif_outputs(small_run) -> None:  # type: ignore[no-untyped-def]
    wi, _, _ = small_run
    out = wi.out
    for f in ("futures.csv", "outcomes.csv", "robustness.csv", "stability.csv", "boxes.csv", "brief.md", "brief.html"):
        assert (out / f).is_file(), f
    for f in ("robustness.png", "regret.png", "failures-baseline.png"):
        assert (out / "plots" / f).is_file(), f
    rob = pd.read_csv(out / "robustness.csv")
    assert list(rob["option"]) == ["baseline", "marketing-push", "all-efforts"]
    assert rob["meets_share"].between(0, 1).all() and (rob["regret_mean"] >= 0).all()
    assert rob.set_index("option").loc["baseline", "cost_total"] == 0
    man = json.loads((out / "manifest.json").read_text())
    assert man["kind"] == "plpbk-whatif" and man["status"] == "complete"
    assert "data:image/png;base64," in (out / "brief.html").read_text()


def test_resume_reanalyses_with_another_threshold_and_language(small_run) -> None:  # type: ignore[no-untyped-def]
    wi, p, tmp = small_run
    r = subprocess.run(
        [sys.executable, "-m", "simulator.cli", "whatif", str(p), "--out", str(wi.out), "--executor", "serial"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 2 and "choose another --out" in r.stderr
    again = whatif(p, out=wi.out, executor="serial", progress=False, resume=True, threshold=0.0, lang="id")
    rob = again.results["baseline"].robustness
    assert (rob["meets_share"] == 1.0).all()  # every future meets a target of 0
    assert (again.out / "brief.md").read_text().startswith("# Ringkasan kebijakan")
    # a different experiment into the same folder is refused
    other = _write(tmp, SMALL.replace("master_seed = 11", "master_seed = 12"), "other.toml")
    from simulator.store import OutputError

    with pytest.raises(OutputError, match="holds other results"):
        whatif(other, out=wi.out, executor="serial", progress=False, resume=True)
