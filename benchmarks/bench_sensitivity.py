"""Sensitivity benchmark: the shipped Morris and Sobol experiments, end to end.

Run from the project root::

    python benchmarks/bench_sensitivity.py              # both shipped experiments (~5-15 min on 2 cores)
    python benchmarks/bench_sensitivity.py --only morris
    python benchmarks/bench_sensitivity.py --quick      # 1/8 of the samples, a smoke test

Each experiment runs as a user runs it: ``plpbk sensitivity FILE --workers 2`` in a
subprocess, timed from start to exit (loading, every run, analysis and plots). Prints
one figure per line, with the issue's target, and writes benchmarks/out/bench_sensitivity.json:

- ``morris.seconds``: the shipped Morris experiment (target <= 180 s);
- ``sobol.seconds``: the shipped Sobol experiment (target <= 1200 s);
- ``<m>.runs_per_second``: model runs per second of wall time, for comparison across machines;
- ``<m>.analysis_share``: share of the wall time spent in the analysis and plots.

Timings on a shared machine vary by about 30%; the run/s figure tells whether a slow
result came from the machine (fewer runs/s) or from the analysis.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
CASES = {
    "morris": (ROOT / "experiments" / "sa-morris-enablers-obstacles.toml", 180.0),
    "sobol": (ROOT / "experiments" / "sa-sobol-enablers-obstacles.toml", 1200.0),
}


def plpbk() -> list[str]:
    exe = Path(sys.executable).parent / "plpbk"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "simulator.cli"]


def run_case(name: str, quick: bool, workers: int) -> dict[str, float]:
    path, target = CASES[name]
    folder = Path(tempfile.mkdtemp(prefix=f"bench-sa-{name}-"))
    cmd = [*plpbk(), "sensitivity", str(path), "--workers", str(workers), "--out", str(folder / "out")]
    if quick:
        text = path.read_text()
        n = int(re.search(r"^samples = (\d+)", text, re.M).group(1))  # type: ignore[union-attr]
        cmd += ["--samples", str(max(8 if name == "sobol" else 4, n // 8))]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "TQDM_DISABLE": "1"})
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        print(proc.stdout[-2000:], proc.stderr[-2000:], file=sys.stderr)
        raise SystemExit(f"{name}: plpbk sensitivity failed with exit {proc.returncode}")
    m = re.search(r"(\d+) runs in ([\d.]+) s, analysis and plots in ([\d.]+) s", proc.stdout)
    runs, t_runs, t_an = (int(m.group(1)), float(m.group(2)), float(m.group(3))) if m else (0, wall, 0.0)
    shutil.rmtree(folder, ignore_errors=True)
    fig = {
        f"{name}.seconds": wall,
        f"{name}.runs": runs,
        f"{name}.runs_per_second": runs / t_runs if t_runs else 0.0,
        f"{name}.analysis_share": t_an / wall,
    }
    met = "met" if wall <= target else "NOT met"
    print(f"{name}.seconds: {wall:.1f} s (target <= {target:.0f} s{' at full size' if quick else ''}: {met})")
    print(f"{name}.runs: {runs} (at {fig[f'{name}.runs_per_second']:.1f} runs/s)")
    print(f"{name}.analysis_share: {fig[f'{name}.analysis_share']:.1%} (analysis and plots)")
    fig[f"{name}.target_met"] = float(wall <= target)
    return fig


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", choices=sorted(CASES), default=None)
    ap.add_argument("--quick", action="store_true", help="1/8 of the base samples")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    figures: dict[str, object] = {"cpus": os.cpu_count(), "quick": args.quick, "workers": args.workers}
    for name in [args.only] if args.only else list(CASES):
        figures.update(run_case(name, args.quick, args.workers))
    OUT.mkdir(exist_ok=True)
    (OUT / "bench_sensitivity.json").write_text(json.dumps(figures, indent=2) + "\n")
    print(f"written: {OUT / 'bench_sensitivity.json'}")


if __name__ == "__main__":
    main()
