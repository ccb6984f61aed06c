"""plpbk whatif: experiment files, robustness, regret, rank stability, failure boxes, end to end."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from simulator.batch import ExperimentError
from simulator.i18n import param_label
from simulator.policy.whatif import (
    ScenarioWhatIf,
    WhatIf,
    WhatIfSpec,
    boxes_table,
    discover,
    kendall_w,
    load_whatif,
    robustness,
    whatif,
)
from simulator.scenario import Policy, load_scenario

ROOT = Path(__file__).resolve().parent.parent
SMALL = """
[whatif]
name = "wi-test"
scenarios = ["baseline"]
policies = ["marketing-push", "all-efforts"]
years = 17
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


# --------------------------------------------------------------------------- packages, budget, horizons


def _pol(name: str, **levers: float) -> Policy:
    return Policy(name, "", {f"levers.{k}": v for k, v in levers.items()}, "")


def test_a_package_contains_the_options_whose_levers_it_holds_at_equal_or_larger_size() -> None:
    from simulator.policy.whatif_analysis import contains, packages

    vals = load_scenario("baseline").values
    mp = _pol("mp", marketing_push=0.6)
    st = _pol("st", strengthening=0.6)
    allp = _pol("all", marketing_push=0.6, strengthening=0.8, consistent_team=0.6)
    assert contains(allp, mp, vals) and contains(allp, st, vals)
    assert not contains(mp, allp, vals) and not contains(mp, st, vals)
    assert not contains(_pol("small", marketing_push=0.3, strengthening=0.6), mp, vals)  # a smaller size
    late = _pol("late", marketing_push=0.6, marketing_push_start=2015, strengthening=0.6)
    assert not contains(late, mp, vals)  # started later than the part
    assert contains(_pol("early", marketing_push=0.6, marketing_push_start=2010, strengthening=0.1), mp, vals)
    assert not contains(_pol("mp2", marketing_push=0.6), mp, vals)  # identical levers: not a strict superset
    assert not contains(allp, _pol("none"), vals)  # a policy that switches nothing on is part of nothing
    # a different setting of the part's own lever (its effect) breaks the inclusion
    trained = _pol("mpt", marketing_push=0.6, marketing_push_training=0.5)
    assert not contains(allp, trained, vals)
    assert contains(_pol("allt", marketing_push=0.6, marketing_push_training=0.5, strengthening=0.2), trained, vals)
    assert packages([mp, st, allp], vals) == {"all": ["mp", "st"]}
    assert packages([mp, st], vals) == {}


def _fo(vals: dict[str, list[float]], costs: dict[str, float]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"option": o, "future": f, "sustained_share_final": v, "lever_cost_total": costs[o]}
            for o, vs in vals.items()
            for f, v in enumerate(vs)
        ]
    )


def test_packages_are_left_out_of_the_single_counts_and_regret_within_budget_counts_cost() -> None:
    spec = _spec(4, policies=3)  # options baseline, p1, p2, p3; p3 plays the package holding p1 and p2
    vals = {
        "baseline": [0.2, 0.4, 0.6, 0.3],
        "p1": [0.5, 0.6, 0.4, 0.55],
        "p2": [0.45, 0.3, 0.7, 0.45],
        "p3": [0.9, 0.8, 0.75, 0.6],
    }
    fo = _fo(vals, {"baseline": 0.0, "p1": 10.0, "p2": 20.0, "p3": 30.0})
    t, stab = robustness(fo, spec, packages={"p3": ["p1", "p2"]})
    t = t.set_index("option")
    assert stab["most_robust"] == "p3" and stab["winner"] == "p3" and t.loc["p3", "best_share"] == 1.0
    # without the package: p1 is best in futures 0, 1, 3 and p2 in future 2; p1 meets in 3 futures, p2 in 1
    assert t.loc["p1", "best_share_single"] == 0.75 and t.loc["p2", "best_share_single"] == 0.25
    assert np.isnan(t.loc["p3", "best_share_single"])
    assert stab["most_robust_single"] == "p1" and stab["winner_single"] == "p1"
    assert stab["winner_single_share"] == 0.75
    assert t.loc["p3", "contains"] == "p1, p2" and t.loc["p1", "contains"] == ""
    # regret within budget: p2 (cost 20) beside baseline and p1: per future max(b, p1, p2) - p2 = .05 .3 0 .1
    assert t.loc["p2", "regret_budget_mean"] == pytest.approx(np.mean([0.05, 0.3, 0.0, 0.1]))
    assert t.loc["p2", "regret_budget_max"] == pytest.approx(0.3)
    # p1 (cost 10) only beside the baseline: 0.2 in future 2; the baseline (cost 0) has no cheaper rival
    assert t.loc["p1", "regret_budget_mean"] == pytest.approx(0.05)
    assert t.loc["baseline", "regret_budget_mean"] == 0.0
    # the most expensive option's regret within budget is its plain regret
    assert t.loc["p3", "regret_budget_mean"] == pytest.approx(t.loc["p3", "regret_mean"])
    # with every option a package there is no single count
    _, stab2 = robustness(fo, spec, packages={o: ["x"] for o in spec.options})
    assert stab2["most_robust_single"] is None and stab2["winner_single"] is None


def test_whatif_findings_name_packages_budget_regret_and_ranking_changes() -> None:
    from simulator.policy.findings import whatif_findings

    spec = _spec(4, policies=3)
    vals = {
        "baseline": [0.2, 0.4, 0.6, 0.3],
        "p1": [0.5, 0.6, 0.4, 0.55],
        "p2": [0.45, 0.3, 0.7, 0.45],
        "p3": [0.9, 0.8, 0.75, 0.6],
    }
    pk = {"p3": ["p1", "p2"]}
    rob, stab = robustness(_fo(vals, {"baseline": 0.0, "p1": 10.0, "p2": 20.0, "p3": 30.0}), spec, packages=pk)
    rob["cost_per_ward_year"] = rob["cost_total"] / 10
    hz = pd.DataFrame(
        {
            "horizon": ["5y"] * 4 + ["final"] * 4,
            "year": [2018] * 4 + [2027] * 4,
            "option": spec.options * 2,
            "meets_share": [0.0, 0.25, 0.5, 1.0, 0.25, 0.75, 0.25, 1.0],
            "mean": [0.1, 0.4, 0.5, 0.9, 0.3, 0.5, 0.4, 0.8],
        }
    )
    r = SimpleNamespace(robustness=rob, stability=stab, packages=pk, horizons=hz)
    f = whatif_findings(r)  # type: ignore[arg-type]
    assert f.packages == pk and f.most_robust == "p3" and f.most_robust_single == "p1"
    assert f.budget_worst == "p2" and f.budget_worst_regret == pytest.approx(0.1125)
    assert f.budget_rest == pytest.approx(0.05)  # p1; the package's regret within budget is 0 here
    # p2 leads the single options after 5 years, p1 in the final year: the ranking changes
    assert [(h, o[0]) for h, _, o, _ in f.horizons] == [("5y", "p2"), ("final", "p1")]
    assert f.leader_changes and f.order_changes
    # p1 leads at both horizons; the baseline and p2 swap places
    swap = hz.assign(meets_share=[0.5, 0.75, 0.25, 1.0, 0.0, 0.75, 0.5, 1.0])
    f2 = whatif_findings(SimpleNamespace(robustness=rob, stability=stab, packages=pk, horizons=swap))  # type: ignore[arg-type]
    assert [o for _, _, o, _ in f2.horizons] == [["p1", "baseline", "p2"], ["p1", "p2", "baseline"]]
    assert not f2.leader_changes and f2.order_changes
    same = hz.assign(meets_share=[0.0, 0.75, 0.5, 1.0, 0.0, 0.75, 0.5, 1.0])
    f3 = whatif_findings(SimpleNamespace(robustness=rob, stability=stab, packages=pk, horizons=same))  # type: ignore[arg-type]
    assert not f3.leader_changes and not f3.order_changes


def test_horizon_years_and_table() -> None:
    from simulator.policy.whatif_analysis import horizon_table, horizon_years

    spec = _spec(2)  # policies without a start year of their own: the levers' default start, 2013
    sc = load_scenario("baseline")  # 2008-2027
    assert horizon_years(spec, sc) == [("5y", 2018), ("10y", 2023), ("final", 2027)]
    assert horizon_years(spec, sc.with_years(16)) == [("5y", 2018), ("final", 2023)]  # 2023 is the final year
    assert horizon_years(spec, sc.with_years(8)) == [("final", 2015)]
    mean_spec = WhatIfSpec(**{**spec.__dict__, "outcome": "sustained_share_mean"})
    assert horizon_years(mean_spec, sc) == [("final", 2027)]  # a mean over the run has no earlier value
    # points: option-major, futures 2, seeds 2: option = point // 2, future = point % 2
    rows = []
    for point, share in enumerate([0.2, 0.6, 0.5, 0.7, 0.8, 0.1]):
        for rep in (0, 1):
            for year in (2018, 2023):
                rows.append({"point": point, "replicate": rep, "year": year, "sustained_share": share + rep * 0.02})
    ts = pd.DataFrame(rows)
    rob = pd.DataFrame({"option": spec.options, "meets_share": [0.0, 0.5, 1.0], "mean": [0.3, 0.5, 0.7]})
    hz = horizon_table(ts, spec, sc, rob).set_index(["horizon", "option"])
    assert list(dict.fromkeys(h for h, _ in hz.index)) == ["5y", "10y", "final"]
    # threshold 0.5: baseline meets in future 1 (0.61), p1 in both (0.51, 0.71), p2 in future 0 (0.81)
    assert hz.loc[("5y", "baseline"), "meets_share"] == 0.5 and hz.loc[("5y", "p1"), "meets_share"] == 1.0
    assert hz.loc[("5y", "p2"), "meets_share"] == 0.5 and hz.loc[("5y", "p1"), "rank"] == 1
    assert hz.loc[("10y", "p1"), "year"] == 2023
    assert hz.loc[("final", "p2"), "meets_share"] == 1.0 and hz.loc[("final", "p2"), "rank"] == 1
    only = horizon_table(None, spec, sc, rob)
    assert list(only["horizon"]) == ["final"] * 3


# --------------------------------------------------------------------------- failure plots


def _planted_whatif(n: int = 120) -> WhatIf:
    """A what-if whose one policy fails in a planted 3-parameter region (PRIM restricts all three)."""
    from simulator.batch.experiment import Factor
    from simulator.params import BY_NAME

    names = ["bkm.managing_body", "firms.responsiveness", "bkm.coordination", "trust.initial"]
    rng = np.random.default_rng(5)
    futures = pd.DataFrame({"future": np.arange(n), **{k: rng.random(n) for k in names}})
    spec = _spec(n, policies=1)
    spec = WhatIfSpec(
        spec.name,
        "",
        spec.scenarios,
        spec.policies,
        tuple(Factor(k, BY_NAME[k]) for k in names),
        futures=n,
        threshold=0.5,
        alpha=0.05,
        min_support=0.05,
        density_slack=0.0,
    )
    fail = (futures[names[0]] < 0.6) & (futures[names[1]] < 0.6) & (futures[names[2]] < 0.6)
    fo = pd.concat(
        [
            pd.DataFrame({"option": "baseline", "future": futures["future"], "sustained_share_final": 0.1}),
            pd.DataFrame(
                {"option": "p1", "future": futures["future"], "sustained_share_final": np.where(fail, 0.2, 0.8)}
            ),
        ],
        ignore_index=True,
    )
    found = discover(fo, futures, spec)
    sc = spec.scenarios[0]
    wi = WhatIf(spec, futures)
    wi.results[sc.name] = ScenarioWhatIf(sc, fo, pd.DataFrame(), {}, found, boxes_table(sc.name, found, fo, spec))
    return wi


def test_failure_panels_draw_every_restricted_pair() -> None:
    from simulator.policy.whatif_plots import failure_panels

    wi = _planted_whatif()
    box = wi.results["baseline"].prim["p1"].chosen_box
    assert len(box.restricted) == 3
    panels = failure_panels(wi, "baseline")
    assert panels[0] == ("baseline", ("bkm.managing_body", "firms.responsiveness"))  # no box: the first two
    pairs = [p for o, p in panels if o == "p1"]
    assert len(pairs) == 3 and {x for p in pairs for x in p} == set(box.restricted)


def test_the_full_colour_points_inside_a_drawn_box_are_the_box_density_counts() -> None:
    """The reported bug: a box said density 100% with a 'meets' point inside. In a 2-D panel of a box
    restricting more parameters, futures outside the box on a hidden parameter fall inside the
    rectangle; they are drawn faded, so the full-colour points in every panel are the box's own."""
    from simulator.policy.whatif_plots import _inside_other, failure_panels, plot_failures

    wi = _planted_whatif()
    r = wi.results["baseline"]
    box = r.prim["p1"].chosen_box
    x = wi.futures.set_index("future")
    v = r.outcomes[r.outcomes["option"] == "p1"].set_index("future")["sustained_share_final"].reindex(x.index)
    miss = (v < 0.5).to_numpy()
    projected_only = 0
    for _, (dx, dy) in [p for p in failure_panels(wi, "baseline") if p[0] == "p1"]:
        rect = ((x[dx] >= box.limits[dx][0]) & (x[dx] <= box.limits[dx][1])).to_numpy()
        rect = rect & ((x[dy] >= box.limits[dy][0]) & (x[dy] <= box.limits[dy][1])).to_numpy()
        full = rect & _inside_other(x, box, (dx, dy))
        assert full.sum() == box.n
        assert miss[full].mean() == pytest.approx(box.density)
        projected_only += int((rect & ~full).sum())
    assert projected_only > 0  # a plain 2-D projection would have shown other futures inside the rectangle
    fig = plot_failures(wi, "baseline")
    titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
    assert sum("restricts 3 conditions" in tt for tt in titles) == 3
    own = [c for ax in fig.axes for c in ax.collections if c.get_offsets().shape[0] == 1]
    assert len(own) >= 3  # the scenario's own value, starred in each panel


def test_brief_warns_for_boxes_of_three_conditions_and_lists_the_scenarios_own_values() -> None:
    from simulator.policy.brief_whatif import whatif_brief

    wi = _planted_whatif()
    r = wi.results["baseline"]
    r.robustness, r.stability = robustness(r.outcomes.assign(lever_cost_total=0.0), wi.spec)
    r.robustness["cost_per_ward_year"] = 0.0
    md = whatif_brief(wi, "en").markdown
    assert "this region restricts 3 conditions at once" in md
    assert "The futures replace each scenario's own values" in md
    assert "| Managing-body effectiveness |" in md and "baseline's own value" in md
    assert "percentage points of wards with a sustained programme" in md and "it ignores cost" in md
    assert "final year (2027) only" in md  # no series given: the final year, labelled as such
    idm = whatif_brief(wi, "id").markdown
    for word in ("seed", "probability", " vs ", "Regret within"):
        assert word not in idm


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


def test_whatif_packages_horizons_and_brief(small_run) -> None:  # type: ignore[no-untyped-def]
    from simulator.store import open_results

    wi, _, _ = small_run
    out = wi.out
    rob = pd.read_csv(out / "robustness.csv").set_index("option")
    assert rob.loc["all-efforts", "contains"] == "marketing-push"  # all-efforts holds the marketing push
    assert rob["contains"].isna().sum() == 2 and np.isnan(rob.loc["all-efforts", "best_share_single"])
    assert (rob["regret_budget_mean"] <= rob["regret_mean"] + 1e-12).all()
    hz = pd.read_csv(out / "horizons.csv")
    assert list(dict.fromkeys(zip(hz["horizon"], hz["year"], strict=True))) == [
        ("5y", 2018),
        ("10y", 2023),
        ("final", 2024),
    ]
    # the kept series reproduces the final year's robustness, so the earlier horizons read the same values
    ts = open_results(out / "batches" / "baseline").timeseries
    last = ts[ts["year"] == 2024].assign(option=lambda d: d["point"] // wi.spec.futures)
    share = last.groupby(["option", "point"])["sustained_share"].mean().ge(0.6 - 1e-12).groupby("option").mean()
    assert share.to_numpy() == pytest.approx(rob["meets_share"].to_numpy())
    md = (out / "brief.md").read_text()
    assert "**all-efforts** (package)" in md and "all-efforts contains marketing-push" in md
    assert "Robustness over time" in md and "| 5 years (2018) | 10 years (2023) | Final year (2024) |" in md
    assert "percentage points of wards" in md and "it ignores cost" in md and "Regret within budget" in md
    assumptions = md.split("## Assumptions", 1)[1].split("\n## ", 1)[0]  # every brief lists its assumed values
    for f in wi.spec.factors:  # each uncertain condition with the range the futures explore
        assert param_label(f.name) in assumptions
    assert "Marketing push: cost" in assumptions and "assumption" in assumptions


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
    idm = (again.out / "brief.md").read_text()
    assert idm.startswith("# Ringkasan kebijakan")
    assert "seed" not in idm.split("```")[0] and " vs " not in idm and "probability" not in idm
    assert "**kondisi dasar**" in idm and "(paket)" in idm
    # a different experiment into the same folder is refused
    other = _write(tmp, SMALL.replace("master_seed = 11", "master_seed = 12"), "other.toml")
    from simulator.store import OutputError

    with pytest.raises(OutputError, match="holds other results"):
        whatif(other, out=wi.out, executor="serial", progress=False, resume=True)
