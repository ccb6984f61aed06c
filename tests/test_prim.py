"""PRIM scenario discovery: planted boxes are recovered; the trajectory and box choice behave."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from simulator.policy.prim import choose_box, prim


def _planted(seed: int, n: int = 500, noise: float = 0.05) -> tuple[pd.DataFrame, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = pd.DataFrame(rng.random((n, 4)), columns=["a", "b", "c", "d"])
    y = ((x["a"] > 0.6) & (x["c"] < 0.4)).to_numpy()
    return x, y ^ (rng.random(n) < noise)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_planted_box_is_recovered(seed: int) -> None:
    x, y = _planted(seed)
    r = prim(x, y)
    box = r.chosen_box
    assert set(box.restricted) == {"a", "c"}, box.describe()
    cuts = box.cuts()
    # a >= 0.6 and c <= 0.4, each limit within 0.05 of the truth; the other sides are free
    assert cuts["a"][0] == pytest.approx(0.6, abs=0.05) and cuts["a"][1] is None
    assert cuts["c"][1] == pytest.approx(0.4, abs=0.05) and cuts["c"][0] is None
    assert box.density >= 0.85
    assert box.coverage >= 0.65
    assert r.base_density < 0.3  # the box is far denser than the whole space


def test_planted_box_with_lower_and_upper_limits_on_one_input() -> None:
    rng = np.random.default_rng(7)
    x = pd.DataFrame(rng.random((600, 3)), columns=["p", "q", "r"])
    y = ((x["q"] > 0.3) & (x["q"] < 0.7) & (x["r"] < 0.5)).to_numpy()
    box = prim(x, y, alpha=0.05).chosen_box
    assert set(box.restricted) == {"q", "r"}
    lo, hi = box.cuts()["q"]
    assert lo == pytest.approx(0.3, abs=0.05) and hi == pytest.approx(0.7, abs=0.05)
    assert box.density >= 0.9


def test_trajectory_trades_coverage_for_density() -> None:
    x, y = _planted(4)
    r = prim(x, y, alpha=0.1, min_support=0.1)
    t = r.trajectory
    assert t["support"].is_monotonic_decreasing
    assert t["coverage"].is_monotonic_decreasing
    assert t["support"].min() >= 0.1 - 1e-9
    assert t.iloc[0]["coverage"] == 1.0 and t.iloc[0]["density"] == pytest.approx(y.mean())
    assert t["density"].iloc[-1] > t["density"].iloc[0]


def test_discrete_inputs_with_ties() -> None:
    rng = np.random.default_rng(3)
    x = pd.DataFrame({"k": rng.integers(0, 5, 400), "u": rng.random(400)})
    y = (x["k"] == 0).to_numpy()
    box = prim(x, y, alpha=0.05).chosen_box
    assert box.restricted == ("k",)
    assert box.cuts()["k"] == (None, 0.0)
    assert box.density == 1.0 and box.coverage == 1.0
    assert box.describe() == "k <= 0"


def test_choose_box_prefers_simple_boxes_within_slack() -> None:
    t = pd.DataFrame(
        {
            "step": [0, 1, 2, 3],
            "coverage": [1.0, 0.9, 0.8, 0.3],
            "density": [0.2, 0.89, 0.9, 1.0],
            "support": [1.0, 0.3, 0.25, 0.05],
            "n": [100, 30, 25, 5],
            "restricted": [0, 1, 2, 3],
        }
    )
    # step 3 is densest but covers too little; steps 1 and 2 are within 0.02: the simpler one wins
    assert choose_box(t, min_coverage=0.5, density_slack=0.02) == 1
    assert choose_box(t, min_coverage=0.5, density_slack=0.0) == 2
    assert choose_box(t, min_coverage=0.2, density_slack=0.0) == 3


def test_bad_arguments() -> None:
    x, y = _planted(0, n=50)
    with pytest.raises(ValueError, match="rows"):
        prim(x, y[:-1])
    with pytest.raises(ValueError, match="alpha"):
        prim(x, y, alpha=1.5)
    with pytest.raises(ValueError, match="numeric"):
        prim(x.assign(s="text"), y)


@pytest.mark.parametrize("seed", [1, 5])
def test_box_statistics_count_the_points_inside_its_limits_edges_included(seed: int) -> None:
    """Density, coverage and n are computed on exactly the points within the box's limits (a point on an
    edge is inside), the set the failure plots draw; small samples make edge points common."""
    x, y = _planted(seed, n=40, noise=0.1)
    box = prim(x, y, alpha=0.1, min_support=0.1).chosen_box
    inside = np.ones(len(x), dtype=bool)
    for name, (lo, hi) in box.limits.items():
        inside &= ((x[name] >= lo) & (x[name] <= hi)).to_numpy()
    assert inside.sum() == box.n
    assert y[inside].mean() == pytest.approx(box.density)
    assert y[inside].sum() / y.sum() == pytest.approx(box.coverage)
    on_edge = sum(((x[n] == lo) | (x[n] == hi)).to_numpy()[inside].sum() for n, (lo, hi) in box.limits.items())
    assert on_edge > 0  # limits sit on data points, so some points lie on the box's edge and count as inside
