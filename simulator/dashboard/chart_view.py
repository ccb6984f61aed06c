"""The dashboard's Charts tab: the stepped seed's yearly charts over bands across seeds.

The charts draw, behind the lines of the seed being stepped, each run's mean and 5–95% band
over the number of seeds the "Seeds for the bands" control gives. The bands follow the
controls at once (sliders, structure, policy, scenario, seed and number of seeds), while the
stepped seed applies changed values on Reset as before. They are computed in a background
thread (:func:`solara.use_thread`) that is cancelled and replaced whenever those inputs change
again; meanwhile the previous bands stay drawn and a progress bar shows the runs done. With
one seed nothing is computed and the charts are the single seed's, as before bands existed.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

import solara
import solara.util
from solara.datatypes import ResultState

from simulator.dashboard import charts
from simulator.dashboard.bands import (
    DEFAULT_SEEDS,
    MAX_SEEDS,
    MIN_SEEDS,
    Bands,
    SeriesCache,
    band_seeds,
    bands_key,
    compute_bands,
)
from simulator.dashboard.controls import Value
from simulator.dashboard.runs import Comparison, run_scenarios
from simulator.i18n import fmt_num, t
from simulator.scenario import Scenario, ScenarioError

CACHE = SeriesCache(maxsize=2000)
"""Runs already made, shared by every session: a run depends only on its scenario and seed, and
its arrays are read-only. 2,000 runs of a 20-ward scenario take about 30 MB."""

BUSY = (ResultState.STARTING, ResultState.WAITING, ResultState.RUNNING)
PROGRESS_EVERY = 0.5
"""Seconds between two progress updates: each one re-renders the page (about 60 ms for Kendal), so
updating after every run made 20 seeds take 1.4 s longer."""


@dataclass(frozen=True)
class BandInputs:
    """What the bands follow: the controls as they are now (not as last applied on Reset).

    Attributes:
        scenario: Preset name or path of the scenario.
        values: Control values by dotted name.
        seed: The first seed (the seed control).
        n: Number of seeds (the "Seeds for the bands" control); 1 means no bands.
    """

    scenario: str
    values: Mapping[str, Value]
    seed: int
    n: int = DEFAULT_SEEDS


def png(fig: Any) -> bytes:
    """A matplotlib figure as PNG bytes."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def _plan(inputs: BandInputs | None) -> tuple[dict[str, Scenario] | None, str]:
    """The runs' scenarios the bands need (None for one seed), or an error message."""
    if inputs is None or inputs.n <= MIN_SEEDS:
        return None, ""
    try:
        return run_scenarios(inputs.scenario, inputs.values), ""
    except ScenarioError as e:
        return None, str(e)


def use_bands(inputs: BandInputs | None, progress: solara.Reactive[tuple[int, int]]) -> tuple[Any, Bands | None, str]:
    """Compute the bands for ``inputs`` in a background thread, superseded when they change.

    Returns:
        The thread's result (its state tells whether it runs), the latest finished bands
        (None with one seed) and an error message ("" when there is none).
    """
    values_key = tuple(sorted(inputs.values.items())) if inputs is not None else ()
    scenario, n = (inputs.scenario, inputs.n) if inputs is not None else ("", 1)
    scenarios, error = solara.use_memo(lambda: _plan(inputs), [scenario, values_key, n > MIN_SEEDS])
    seeds = band_seeds(inputs.seed, inputs.n) if scenarios is not None and inputs is not None else []
    key = bands_key(scenarios, seeds) if scenarios is not None else None

    def work(cancel: Any) -> Bands | None:
        if scenarios is None:
            return None
        shown = [0.0]

        def report(done: int, total: int) -> None:
            if time.monotonic() - shown[0] >= PROGRESS_EVERY:
                shown[0] = time.monotonic()
                progress.set((done, total))

        out = compute_bands(scenarios, seeds, cancel=cancel, progress=report, cache=CACHE)
        if out is None:  # superseded: keep the previous bands on screen
            raise solara.util.CancelledError()
        return out

    result = solara.use_thread(work, dependencies=[key], intrusive_cancel=False)
    bands = result.value if key is not None and isinstance(result.value, Bands) else None
    if result.error is not None and not error:
        error = str(result.error)
    return result, bands, error


@solara.component
def SeedsControl(value: int, on_value: Callable[[int], None], lang: str = "en") -> solara.Element:
    """The "Seeds for the bands" slider (1–50), with its help text as a tooltip."""
    with solara.Div(classes=["plpbk-param", "plpbk-seeds"]) as main:
        with (
            solara.Tooltip(t("band_seeds_help", lang)),
            solara.Row(justify="space-between", classes=["plpbk-param-head"]),
        ):
            solara.Text(t("band_seeds", lang), classes=["plpbk-param-label"])
            solara.Text(fmt_num(value, lang), classes=["plpbk-param-value"])
        solara.SliderInt("", value=value, min=MIN_SEEDS, max=MAX_SEEDS, on_value=on_value)
    return main


@solara.component
def BandStatus(
    cmp: Comparison,
    busy: bool,
    bands: Bands | None,
    error: str,
    progress: solara.Reactive[tuple[int, int]],
    lang: str,
) -> solara.Element:
    """What the bands show, or how far their computation is (the only reader of ``progress``)."""
    style = {"font-size": "0.8rem", "color": "#555"}
    with solara.Column(gap="0px", classes=["plpbk-bands-status"]) as main:
        if error:
            solara.Text(t("bands_error", lang, error=error), classes=["plpbk-bands-error"], style={"color": "#c62828"})
        elif busy:
            done, total = progress.value
            solara.ProgressLinear(100 * done / total if total else True)
            text = t("bands_computing", lang, done=done, total=total)
            solara.Text(text, classes=["plpbk-bands-computing"], style=style)
        if bands is not None and not busy and not error:
            first, last = bands.seeds[0], bands.seeds[-1]
            caption = t("bands_caption", lang, n=len(bands.seeds), first=first, last=last, seed=cmp.seed)
            if _stale(cmp, bands):
                caption += " " + t("bands_pending", lang)
            solara.Text(caption, classes=["plpbk-bands-ready"], style=style)
    return main


def _stale(cmp: Comparison, bands: Bands | None) -> bool:
    """Whether the stepped seed's runs are other scenarios than the bands' (values not yet applied)."""
    if bands is None:
        return False
    applied = {"baseline": cmp.base_scenario}
    if cmp.policy_scenario is not None:
        applied["policy"] = cmp.policy_scenario
    return bands.key[0] != bands_key(applied, ())[0]


@solara.component
def Charts(
    cmp: Comparison, tick: int, lang: str, lock: AbstractContextManager[Any], bands_for: BandInputs | None = None
) -> solara.Element:
    """The yearly charts, two per row: baseline solid and policy dashed, over the bands across seeds."""
    progress = solara.use_reactive((0, 0))
    result, bands, error = use_bands(bands_for, progress)

    def render() -> list[bytes]:
        with lock:
            return [png(charts.chart(cmp, which, lang, bands)) for which in charts.CHARTS]

    images = solara.use_memo(render, [id(cmp), tick, lang, id(bands)])
    with solara.Column(gap="4px") as main:
        if bands_for is not None and bands_for.n > MIN_SEEDS:
            BandStatus(cmp, result.state in BUSY, bands, error, progress, lang)
        for row in range(0, len(images), 2):
            with solara.Columns([1, 1], gutters_dense=True):
                for k in range(row, min(row + 2, len(images))):
                    with solara.Div(classes=["plpbk-chart", f"plpbk-chart-{charts.CHARTS[k]}"]):
                        solara.Image(images[k], classes=["plpbk-chart-img"])
    return main
