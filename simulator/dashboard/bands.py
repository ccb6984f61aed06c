"""Uncertainty bands over seeds for the dashboard's charts (plain Python, no Solara).

One seed is one possible history. The dashboard's charts therefore also draw, for the
baseline and the policy, the mean and the 5–95% band of every yearly series over ``n``
seeds (``seed``, ``seed + 1``, …, ``seed + n - 1``). The runs go through the project's
public run API (:func:`simulator.results.simulate` and :func:`simulator.results.columns`),
so a faster model makes the bands faster too.

:func:`compute_bands` checks a cancel event between runs, so the dashboard can run it in a
background thread and drop it as soon as a slider moves again. A :class:`SeriesCache` keeps
each ``(scenario, seed)`` run's series: moving a policy lever reruns the policy only, and
raising the number of seeds runs only the new seeds.
"""

from __future__ import annotations

import threading
import warnings
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from simulator.results import columns, simulate
from simulator.scenario import Scenario

MIN_SEEDS = 1
MAX_SEEDS = 50
DEFAULT_SEEDS = 20
"""Seeds a band is computed over, unless the user picks another number (1–50)."""
QUANTILES: tuple[float, float] = (5.0, 95.0)
"""Percentiles of the shaded band."""

Series = dict[str, np.ndarray]
"""Yearly series of one run: column name -> one value per simulated year, plus ``year``."""


def band_seeds(seed: int, n: int) -> list[int]:
    """The seeds of a band: ``seed``, ``seed + 1``, …, ``seed + n - 1``.

    Args:
        seed: The first seed (the dashboard's seed control).
        n: How many seeds, 1–50.

    Returns:
        The ``n`` seeds.

    Raises:
        ValueError: When ``n`` is outside 1–50.
    """
    if not MIN_SEEDS <= n <= MAX_SEEDS:
        raise ValueError(f"seeds for a band must be {MIN_SEEDS}–{MAX_SEEDS}, got {n}")
    return list(range(int(seed), int(seed) + int(n)))


def seed_series(scenario: Scenario, seed: int) -> Series:
    """Simulate one run to its end and return its yearly series (numeric columns only).

    Args:
        scenario: The scenario.
        seed: The run's seed.

    Returns:
        Every numeric time-series column of the run, one value per simulated year, and ``year``.
    """
    ts = columns(simulate(scenario, seed), seed, want=("timeseries",))["timeseries"]
    out = {k: np.asarray(v, dtype=float) for k, v in ts.items() if k not in ("scenario", "seed")}
    for arr in out.values():
        arr.flags.writeable = False  # shared through the cache: nobody may change it
    return out


class SeriesCache:
    """A thread-safe least-recently-used store of runs' series, keyed by scenario digest and seed.

    Runs are deterministic (same scenario and seed, same series), so a cached run is exactly
    the run :func:`seed_series` would make again.

    Args:
        maxsize: Runs kept (one run of a 20-ward scenario holds about 10 kB).
    """

    def __init__(self, maxsize: int = 1000) -> None:
        self.maxsize = maxsize
        self._data: OrderedDict[tuple[str, int], Series] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._data)

    def get(self, scenario: Scenario, seed: int) -> Series:
        """The series of one run, simulated on a miss."""
        key = (scenario.digest(), int(seed))
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return self._data[key]
        series = seed_series(scenario, seed)  # outside the lock: other sessions keep reading
        with self._lock:
            self._data[key] = series
            while len(self._data) > self.maxsize:
                self._data.popitem(last=False)
        return series


@dataclass(frozen=True)
class Band:
    """Mean and 5–95% band of every yearly series of one run over several seeds.

    Attributes:
        year: Calendar years.
        mean: Mean over the seeds, by column.
        low: 5th percentile over the seeds, by column.
        high: 95th percentile over the seeds, by column.
        n: Number of seeds.
    """

    year: np.ndarray
    mean: dict[str, np.ndarray]
    low: dict[str, np.ndarray]
    high: dict[str, np.ndarray]
    n: int


def summarize(runs: Sequence[Mapping[str, np.ndarray]], quantiles: tuple[float, float] = QUANTILES) -> Band:
    """The band of several runs of one scenario.

    Years where a series is undefined in some runs (NaN, e.g. trust within live partnerships
    when none is alive) are summarised over the runs where it is defined; NaN where none is.

    Args:
        runs: The runs' series (as :func:`seed_series` returns them), all with the same years.
        quantiles: Lower and upper percentile of the band.

    Returns:
        The band.

    Raises:
        ValueError: When ``runs`` is empty.
    """
    if not runs:
        raise ValueError("a band needs at least one run")
    year = np.asarray(runs[0]["year"])
    mean, low, high = {}, {}, {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN years stay NaN
        for col in runs[0]:
            if col == "year":
                continue
            stack = np.vstack([np.asarray(r[col], dtype=float) for r in runs])
            mean[col] = np.nanmean(stack, axis=0)
            low[col], high[col] = np.nanpercentile(stack, quantiles, axis=0)
    return Band(year, mean, low, high, len(runs))


@dataclass(frozen=True)
class Bands:
    """The bands of the runs a dashboard view shows.

    Attributes:
        seeds: The seeds every band is computed over.
        runs: ``"baseline"`` and, when its levers differ, ``"policy"``: the run's band.
        key: The scenarios' digests and the seeds: equal keys mean identical bands.
    """

    seeds: tuple[int, ...]
    runs: dict[str, Band]
    key: tuple[object, ...]


def bands_key(scenarios: Mapping[str, Scenario], seeds: Sequence[int]) -> tuple[object, ...]:
    """What a band depends on: each run's scenario digest and the seeds."""
    return (tuple((run, sc.digest()) for run, sc in scenarios.items()), tuple(int(s) for s in seeds))


def compute_bands(
    scenarios: Mapping[str, Scenario],
    seeds: Sequence[int],
    *,
    cancel: threading.Event | None = None,
    progress: Callable[[int, int], None] | None = None,
    cache: SeriesCache | None = None,
) -> Bands | None:
    """Simulate every run on every seed and summarise each run's series as a band.

    Args:
        scenarios: The scenario of each run, e.g. ``{"baseline": ..., "policy": ...}``.
        seeds: The seeds (see :func:`band_seeds`).
        cancel: When set, the computation stops before the next run and returns None.
        progress: Called as ``progress(done, total)`` after each run.
        cache: Where runs already made are kept; None simulates every run.

    Returns:
        The bands, or None when cancelled.
    """
    total = len(scenarios) * len(seeds)
    series: dict[str, list[Series]] = {run: [] for run in scenarios}
    done = 0
    for seed in seeds:  # seed by seed, so the runs of each seed finish together
        for run, sc in scenarios.items():
            if cancel is not None and cancel.is_set():
                return None
            series[run].append(cache.get(sc, seed) if cache is not None else seed_series(sc, seed))
            done += 1
            if progress is not None:
                progress(done, total)
    runs = {run: summarize(s) for run, s in series.items()}
    return Bands(tuple(int(s) for s in seeds), runs, bands_key(scenarios, seeds))
