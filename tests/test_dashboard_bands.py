"""Uncertainty bands over seeds in the dashboard: the plain-Python band logic and the Charts tab."""

from __future__ import annotations

import threading
import time

import ipyvuetify as v
import ipywidgets
import numpy as np
import pytest
import solara

import simulator
from simulator.dashboard import bands as bands_mod
from simulator.dashboard import charts
from simulator.dashboard.app import Dashboard
from simulator.dashboard.bands import (
    Bands,
    SeriesCache,
    band_seeds,
    bands_key,
    compute_bands,
    summarize,
)
from simulator.dashboard.chart_view import png
from simulator.dashboard.controls import values_for
from simulator.dashboard.runs import Comparison, run_scenarios
from simulator.scenario import load_scenario

COLS = ("partnerships_active", "sustained_share", "aid_total", "proposals_sent_government")


@pytest.fixture(scope="module")
def kendal_values():
    return values_for(load_scenario("kendal"))


@pytest.fixture(scope="module")
def kendal(kendal_values):
    return run_scenarios("kendal", kendal_values)


# ---------------------------------------------------------------- the band logic (no Solara)


def test_band_seeds():
    assert band_seeds(7, 3) == [7, 8, 9]
    assert band_seeds(1, 50) == list(range(1, 51))
    for n in (0, 51, -2):
        with pytest.raises(ValueError, match="1–50"):
            band_seeds(1, n)


def test_band_mean_and_percentiles_equal_those_of_independent_runs(kendal):
    seeds = band_seeds(3, 5)
    b = compute_bands(kendal, seeds)
    assert b is not None and b.seeds == (3, 4, 5, 6, 7) and set(b.runs) == {"baseline"}
    band = b.runs["baseline"]
    # the same seeds run independently through the public API
    ts = simulator.run("kendal", seed=seeds).timeseries
    assert sorted(set(ts["seed"])) == seeds
    years = sorted(set(ts["year"]))
    np.testing.assert_array_equal(band.year, years)
    for col in COLS:
        wide = ts.pivot(index="year", columns="seed", values=col).to_numpy()  # years x seeds
        np.testing.assert_allclose(band.mean[col], wide.mean(axis=1), rtol=1e-12, err_msg=col)
        np.testing.assert_allclose(band.low[col], np.percentile(wide, 5, axis=1), rtol=1e-12, err_msg=col)
        np.testing.assert_allclose(band.high[col], np.percentile(wide, 95, axis=1), rtol=1e-12, err_msg=col)


def test_the_percentiles_bracket_the_mean(kendal):
    b = compute_bands(kendal, band_seeds(1, 8))
    assert b is not None
    band = b.runs["baseline"]
    spread = 0.0
    for col, mean in band.mean.items():
        ok = np.isfinite(mean)
        assert np.all(band.low[col][ok] <= mean[ok] + 1e-12), col
        assert np.all(mean[ok] <= band.high[col][ok] + 1e-12), col
        spread = max(spread, float(np.nanmax(band.high[col] - band.low[col], initial=0.0)))
    assert spread > 0  # eight seeds are not all the same history
    assert np.all(band.high["partnerships_active"][2:] > band.low["partnerships_active"][2:])


def test_one_seed_gives_a_degenerate_band_equal_to_the_single_seed_run(kendal, kendal_values):
    b = compute_bands(kendal, band_seeds(4, 1))
    assert b is not None
    band = b.runs["baseline"]
    assert band.n == 1
    # the dashboard's single-seed run, stepped to its last year
    cmp = Comparison("kendal", kendal_values, seed=4)
    while cmp.step():
        pass
    single = cmp.series("baseline")
    for col in band.mean:
        np.testing.assert_array_equal(band.low[col], band.mean[col], err_msg=col)
        np.testing.assert_array_equal(band.high[col], band.mean[col], err_msg=col)
        np.testing.assert_array_equal(band.mean[col], single[col], err_msg=col)


def test_a_changed_slider_changes_the_bands(kendal, kendal_values):
    seeds = band_seeds(1, 4)
    before = compute_bands(kendal, seeds)
    moved = compute_bands(run_scenarios("kendal", {**kendal_values, "bkm.coordination": 0.95}), seeds)
    assert before is not None and moved is not None
    assert moved.key != before.key
    a, b = before.runs["baseline"], moved.runs["baseline"]
    assert any(not np.allclose(a.mean[c], b.mean[c], equal_nan=True) for c in COLS)
    # a lever sets the policy run only: the baseline's band is unchanged, a policy band appears
    lever = compute_bands(run_scenarios("kendal", {**kendal_values, "levers.marketing_push": 0.8}), seeds)
    assert lever is not None and set(lever.runs) == {"baseline", "policy"}
    for c in COLS:
        np.testing.assert_array_equal(lever.runs["baseline"].mean[c], a.mean[c])
    pol = lever.runs["policy"]
    assert any(not np.allclose(pol.mean[c], a.mean[c], equal_nan=True) for c in COLS)


def test_same_inputs_give_identical_bands(kendal):
    seeds = band_seeds(11, 3)
    first = compute_bands(kendal, seeds)
    again = compute_bands(kendal, seeds)
    cached = compute_bands(kendal, seeds, cache=SeriesCache())
    assert first is not None and again is not None and cached is not None
    assert first.key == again.key == cached.key == bands_key(kendal, seeds)
    for other in (again, cached):
        for col in first.runs["baseline"].mean:
            for part in ("mean", "low", "high"):
                np.testing.assert_array_equal(
                    getattr(first.runs["baseline"], part)[col], getattr(other.runs["baseline"], part)[col]
                )


def test_cancel_stops_between_runs(kendal):
    stop = threading.Event()
    stop.set()
    calls: list[tuple[int, int]] = []
    assert compute_bands(kendal, band_seeds(1, 5), cancel=stop, progress=lambda d, n: calls.append((d, n))) is None
    assert calls == []
    stop = threading.Event()

    def progress(done: int, total: int) -> None:
        calls.append((done, total))
        if done == 2:
            stop.set()  # the inputs changed while the third run was due

    assert compute_bands(kendal, band_seeds(1, 5), cancel=stop, progress=progress) is None
    assert calls == [(1, 5), (2, 5)]


def test_the_cache_reruns_only_what_changed(kendal, kendal_values, monkeypatch):
    made: list[int] = []
    real = bands_mod.seed_series

    def counting(scenario, seed):
        made.append(seed)
        return real(scenario, seed)

    monkeypatch.setattr(bands_mod, "seed_series", counting)
    cache = SeriesCache()
    compute_bands(kendal, band_seeds(1, 3), cache=cache)
    assert len(made) == 3 and len(cache) == 3
    # a lever moves: only the policy run is simulated
    lever = run_scenarios("kendal", {**kendal_values, "levers.marketing_push": 0.8})
    compute_bands(lever, band_seeds(1, 3), cache=cache)
    assert len(made) == 6 and len(cache) == 6
    # more seeds: only the new ones
    compute_bands(kendal, band_seeds(1, 4), cache=cache)
    assert made[6:] == [4]
    # least recently used runs leave a full cache
    small = SeriesCache(maxsize=2)
    compute_bands(kendal, band_seeds(1, 3), cache=small)
    assert len(small) == 2
    with pytest.raises(ValueError, match="read-only"):
        cache.get(kendal["baseline"], 1)["partnerships_active"][0] = 1.0


def test_summarize_keeps_years_without_data_as_nan():
    runs = [
        {"year": np.array([2008, 2009]), "x": np.array([1.0, np.nan]), "y": np.array([np.nan, np.nan])},
        {"year": np.array([2008, 2009]), "x": np.array([3.0, 5.0]), "y": np.array([np.nan, np.nan])},
    ]
    band = summarize(runs)
    np.testing.assert_array_equal(band.mean["x"], [2.0, 5.0])
    np.testing.assert_allclose(band.low["x"], [1.1, 5.0])
    assert np.isnan(band.mean["y"]).all() and np.isnan(band.high["y"]).all()
    with pytest.raises(ValueError):
        summarize([])


def test_charts_draw_the_bands_behind_the_stepped_seed(kendal, kendal_values):
    vals = {**kendal_values, "levers.marketing_push": 0.8}
    b = compute_bands(run_scenarios("kendal", vals), band_seeds(1, 3))
    assert isinstance(b, Bands)
    cmp = Comparison("kendal", vals, seed=1, policy_name="mp")
    for _ in range(3):
        cmp.step()
    for which in charts.CHARTS:
        plain = png(charts.chart(cmp, which, "id"))
        banded = png(charts.chart(cmp, which, "id", b))
        assert plain != banded, which
    # bands that hold a policy run add the policy to the legend even before Reset applies it
    only_base = Comparison("kendal", kendal_values, seed=1)
    fig = charts.chart(only_base, "sustained", "en", b)
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert labels == ["sustained", "baseline", "policy"]


# ---------------------------------------------------------------- the Charts tab (solara.render)


@solara.component
def Shell(lang: str = "en", seeds: int = 3) -> None:  # noqa: N802 (Solara component)
    with solara.AppLayout():
        Dashboard("kendal", lang, "", seeds)


def wait_for(rc, cls: str, timeout: float = 120.0):
    """Wait until an element with class ``cls`` is shown (the bands run in a background thread)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        found = rc.find(class_=cls).widgets
        if found:
            return found[0]
        time.sleep(0.05)
    raise AssertionError(f"no {cls} within {timeout} s")


def images(rc) -> list[bytes]:
    return [bytes(w.value) for w in rc.find(ipywidgets.Image).widgets]


def caption(rc) -> str:
    return str(wait_for(rc, "plpbk-bands-ready").children[0])


def test_the_dashboard_computes_bands_in_the_background_and_follows_the_sliders():
    _, rc = solara.render(Shell(seeds=3), handle_error=False)
    assert "mean over 3 seeds (1–3)" in caption(rc)
    assert "Reset" not in caption(rc)  # the stepped seed runs the values the bands show
    first = images(rc)
    assert len(first) == len(charts.CHARTS)
    # a slider moves: the bands follow at once, the stepped seed waits for Reset
    box = rc.find(class_="plpbk-param plpbk-param-bkm-coordination")
    box.find(v.Slider).widget.v_model = 0.95
    text = caption(rc)
    end = time.monotonic() + 120
    while "Reset" not in text and time.monotonic() < end:
        time.sleep(0.05)
        text = caption(rc)
    assert "applies them on Reset" in text
    moved = images(rc)
    assert moved != first
    # stepping still steps the single seed
    rc.find(v.Btn, children=["Step"]).widget.click()
    assert "step 1 of 20" in rc.find(class_="plpbk-counter").widget.children[0]
    rc.find(v.Btn, children=["Reset"]).widget.click()
    assert "Reset" not in caption(rc)


def test_seeds_control_switches_the_bands_on_and_off():
    _, rc = solara.render(Shell(seeds=1), handle_error=False)
    assert not rc.find(class_="plpbk-bands-status").widgets  # one seed: the charts as before the bands
    one = images(rc)
    rc.find(class_="plpbk-param plpbk-seeds").find(v.Slider).widget.v_model = 2
    assert "mean over 2 seeds (1–2)" in caption(rc)
    assert images(rc) != one
    rc.find(class_="plpbk-param plpbk-seeds").find(v.Slider).widget.v_model = 1
    assert not rc.find(class_="plpbk-bands-status").widgets
    assert images(rc) == one


def test_band_texts_in_bahasa_indonesia():
    _, rc = solara.render(Shell(lang="id", seeds=2), handle_error=False)
    text = caption(rc)
    assert "rata-rata atas 2 seed (1–2)" in text and "5–95%" in text
    label = rc.find(class_="plpbk-param plpbk-seeds").find(class_="plpbk-param-label").widget.children[0]
    assert label == "Jumlah seed untuk rentang ketidakpastian"
