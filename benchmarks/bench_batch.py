"""Batch-engine benchmark: parallel efficiency, engine overhead, driver memory, and Mesa's batch_run.

Run from the project root::

    python benchmarks/bench_batch.py            # ~3 minutes on 2 cores
    python benchmarks/bench_batch.py --quick    # smaller, for a smoke test

Prints one figure per line and writes benchmarks/out/bench_batch.json. All
figures are ratios measured in this one run, so they hold on a noisy machine.
The batch is ``kendal`` runs of 20 years, as many as make a serial batch of
about 6 seconds (at least 240): the length the 240-run batch had when these
goals were set, at 27 ms a run. Runs are now ~5x cheaper, and a 240-run batch
of ~1.4 s is too short to measure parallel efficiency: starting two worker
processes (forking a ~300 MB driver twice, ~40 ms here), the pilot run and
stopping the workers cost ~0.15 s whatever the batch. The 240-run figures are
printed too, for reference.

- speedup: wall time of the serial executor / wall time of 2 worker processes,
  on the same runs (goal >= 1.8);
- overhead: share of the serial batch's wall time not spent inside the models
  (construction, 20 steps, Mesa data collection), i.e. seeding, chunking, table
  extraction and assembly, Parquet writing, manifest and progress (goal <= 5%);
- memory: peak RSS of the driver process for 10x more runs, as a ratio
  (goal <= 1.2x): results stream to disk, so the driver's memory stays flat;
- vs Mesa: wall time of ``mesa.batch_run`` (same model, same seeds, same two
  processes, collecting every step) / wall time of ours (which also writes a
  Parquet store and a manifest) (goal >= 1.2).
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"

EXPERIMENT = """
[experiment]
name = "bench"
scenario = "kendal"
years = 20
replicates = {runs}
master_seed = 1
outputs = ["timeseries", "summary"]

[design]
kind = "list"

[[design.points]]
"trust.initial" = 0.5
"""


def write_experiment(folder: Path, runs: int) -> Path:
    p = folder / f"bench-{runs}.toml"
    p.write_text(EXPERIMENT.format(runs=runs))
    return p


def time_batch(exp: Path, executor: str, workers: int, folder: Path) -> tuple[float, float]:
    from simulator.batch import run_experiment

    out = folder / f"out-{executor}-{workers}-{time.monotonic_ns()}"
    t = time.perf_counter()
    rep = run_experiment(exp, executor, workers=workers, out=out, progress=False)
    wall = time.perf_counter() - t
    shutil.rmtree(out)
    return wall, rep.model_seconds


def driver_rss(runs: int, folder: Path) -> float:
    """Peak RSS (MiB) of a fresh driver process running a batch on 2 worker processes."""
    exp = write_experiment(folder, runs)
    code = (
        "import resource, sys\n"
        "from simulator.batch import run_experiment\n"
        "if __name__ == '__main__':\n"
        f"    out = {str(folder / f'rss-{runs}')!r}\n"
        f"    run_experiment({str(exp)!r}, 'processes', workers=2, out=out, progress=False)\n"
        "    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(r.stdout.strip().splitlines()[-1])


def mesa_batch(runs: int) -> float:
    import mesa

    from simulator import PartnershipModel

    t = time.perf_counter()
    mesa.batch_run(
        PartnershipModel,
        parameters={"scenario": "kendal"},
        rng=list(range(runs)),
        number_processes=2,
        max_steps=20,
        data_collection_period=1,
        display_progress=False,
    )
    return time.perf_counter() - t


SERIAL_SECONDS = 6.0
"""The serial batch's length the runs are sized to (see the module docstring)."""


def measure(exp: Path, folder: Path, repeats: int, runs: int, with_mesa: bool) -> dict[str, float]:
    """Speed-up, overhead (and Mesa's time over ours) on one batch, medians over ``repeats``."""
    serial, par, over, theirs = [], [], [], []
    for _ in range(repeats):
        w_serial, m_serial = time_batch(exp, "serial", 1, folder)
        w_par, _ = time_batch(exp, "processes", 2, folder)
        serial.append(w_serial)
        par.append(w_par)
        # same run: wall time of the serial batch not spent inside the models
        over.append((w_serial - m_serial) / w_serial)
        if with_mesa:
            theirs.append(mesa_batch(runs))
    out = {
        "serial_seconds": statistics.median(serial),
        "two_workers_seconds": statistics.median(par),
        "speedup": statistics.median(s / p for s, p in zip(serial, par, strict=True)),
        "overhead": statistics.median(over),
    }
    if with_mesa:
        out["mesa_seconds"] = statistics.median(theirs)
        out["vs_mesa"] = statistics.median(t / o for t, o in zip(theirs, par, strict=True))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer runs and repeats")
    args = ap.parse_args()
    base = 80 if args.quick else 240
    repeats = 1 if args.quick else 3
    figures: dict[str, float | str | bool] = {}
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        small = write_experiment(folder, base)
        time_batch(small, "serial", 1, folder)  # warm-up: imports, caches
        warm, _ = time_batch(small, "serial", 1, folder)  # the time of a run
        runs = base if args.quick else max(base, math.ceil(SERIAL_SECONDS / (warm / base)))
        exp = write_experiment(folder, runs)
        main_fig = measure(exp, folder, repeats, runs, with_mesa=True)
        ref = measure(small, folder, repeats, base, with_mesa=False) if runs != base else main_fig
        rss_runs = 100 if not args.quick else 40
        rss_small = driver_rss(rss_runs, folder)
        rss_big = driver_rss(rss_runs * 10, folder)
    speedup, overhead, vs_mesa = main_fig["speedup"], main_fig["overhead"], main_fig["vs_mesa"]
    figures.update(
        runs=runs,
        serial_seconds=main_fig["serial_seconds"],
        two_workers_seconds=main_fig["two_workers_seconds"],
        speedup_2_workers=speedup,
        speedup_goal_met=speedup >= 1.8,
        engine_overhead_share=overhead,
        overhead_goal_met=overhead <= 0.05,
        driver_rss_mib_small=rss_small,
        driver_rss_mib_10x=rss_big,
        driver_rss_ratio_10x=rss_big / rss_small,
        memory_goal_met=rss_big / rss_small <= 1.2,
        mesa_batch_run_seconds=main_fig["mesa_seconds"],
        mesa_over_ours=vs_mesa,
        vs_mesa_goal_met=vs_mesa >= 1.2,
        runs_reference=base,
        speedup_2_workers_reference=ref["speedup"],
        engine_overhead_share_reference=ref["overhead"],
        serial_seconds_reference=ref["serial_seconds"],
    )
    batch = f"{runs} kendal runs of 20 years (a ~{SERIAL_SECONDS:.0f} s serial batch)"
    print(f"runs per measurement: {batch}, median of {repeats}")
    print(f"speedup, 2 worker processes vs serial: {speedup:.2f}x (goal >= 1.8)")
    print(f"engine overhead beyond model time: {100 * overhead:.1f}% (goal <= 5%)")
    ratio = rss_big / rss_small
    rss = f"{rss_small:.0f} -> {rss_big:.0f} MiB"
    print(f"driver peak RSS, {rss_runs} vs {rss_runs * 10} runs: {rss} = {ratio:.2f}x (goal <= 1.2x)")
    print(f"mesa.batch_run time / ours (2 processes, ours also stores Parquet): {vs_mesa:.2f}x (goal >= 1.2)")
    print(
        f"for reference, {base} runs ({ref['serial_seconds']:.1f} s serial): speedup {ref['speedup']:.2f}x, "
        f"overhead {100 * ref['overhead']:.1f}%"
    )
    OUT.mkdir(exist_ok=True)
    (OUT / "bench_batch.json").write_text(json.dumps(figures, indent=2) + "\n")
    print(f"written: {OUT / 'bench_batch.json'}")


if __name__ == "__main__":
    main()
