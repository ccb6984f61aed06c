"""Model speed: seconds per 20-year run, per ward-year, linear scaling, NumPy reference ratio.

Usage::

    python benchmarks/bench_model.py                 # 7 timed repeats after 1 warm-up
    python benchmarks/bench_model.py --repeats 15    # steadier medians

Prints one figure per line (``name: value unit``, with ``(target ...: met|NOT met)``
where the issue sets a target) and writes every figure and raw sample to
``benchmarks/out/bench_model.json``. Timings are medians over repeats because the
machines are shared and noisy; the ratios (``*.vs_numpy``, ``scaling.*``) are
measured in the same process and are the figures to compare across machines.
Nothing here fails on a slow result: targets are reported as met or not met.
See ``benchmarks/README.md`` for what each figure means.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

import simulator
from simulator.results import simulate
from simulator.scenario import Scenario, load_scenario

YEARS = 20
PRESETS = ("baseline", "kendal", "pekalongan", "central-java")
RUN_TARGETS = {"central-java": 0.5, "kendal": 0.05, "pekalongan": 0.05}
"""Targets from the issue: seconds per 20-year run (``simulator.run``, one seed)."""
SCALING_WARDS = (18, 180)
SCALING_TARGET = 12.0
"""10x the wards (and partners) may cost at most 12x the time."""
OUT = Path(__file__).resolve().parent / "out" / "bench_model.json"


# --------------------------------------------------------------------------- timing helpers


def seconds(fn: Callable[..., object], *args: Any, **kwargs: Any) -> float:
    """Wall-clock seconds of one call ``fn(*args, **kwargs)``."""
    t0 = time.perf_counter()
    fn(*args, **kwargs)
    return time.perf_counter() - t0


def scaled_baseline(n_wards: int) -> dict[str, int]:
    """Overrides for a baseline-like scenario with ``n_wards`` wards.

    Agencies and firms keep the baseline's ratios to wards (6 and 10 per 20
    wards), rounded, at least one each; everything else stays at the baseline.
    """
    base = load_scenario("baseline")
    w0 = int(base["wards.n"])
    return {
        "wards.n": n_wards,
        "government.agencies": max(1, round(n_wards * int(base["government.agencies"]) / w0)),
        "firms.n": max(1, round(n_wards * int(base["firms.n"]) / w0)),
    }


def reference_loop(n_wards: int, n_partners: int, years: int, rng: np.random.Generator) -> float:
    """A plain NumPy loop over arrays the size of the model's: one pass per year.

    Each year: draw a uniform number per partner-ward pair, find the pairs whose
    draw beats their trust among pairs that know each other, move trust toward
    that outcome, clip it to [0, 1], count successes per ward and move each
    ward's capacity toward that share. Six vectorised statements on
    (partners x wards) and (wards,) arrays: the kind of work one model year
    does per phase, without any of the model's logic.
    """
    trust = np.full((n_partners, n_wards), 0.5)
    aware = rng.random((n_partners, n_wards)) < 0.5
    capacity = np.full(n_wards, 0.5)
    for _ in range(years):
        u = rng.random((n_partners, n_wards))
        ok = aware & (u < trust)
        trust += 0.1 * (ok - trust)
        np.clip(trust, 0.0, 1.0, out=trust)
        share = ok.sum(axis=0) / max(1, n_partners)
        capacity += 0.05 * (share - capacity)
    return float(capacity.sum())


class Reference:
    """Times ``reference_loop`` for one array size, batched to ~20 ms per sample."""

    def __init__(self, n_wards: int, n_partners: int) -> None:
        self.n_wards, self.n_partners = n_wards, n_partners
        self.rng = np.random.default_rng(0)
        one = seconds(self.batch, 1)  # warm-up and size estimate
        self.inner = max(1, int(0.02 / max(one, 1e-6)))

    def batch(self, k: int) -> None:
        """Run the reference loop ``k`` times."""
        for _ in range(k):
            reference_loop(self.n_wards, self.n_partners, YEARS, self.rng)

    def seconds_per_run(self) -> float:
        """One sample: seconds per 20-year reference loop."""
        return seconds(self.batch, self.inner) / self.inner


# --------------------------------------------------------------------------- figures


class Report:
    """Collects figures, prints each as one line."""

    def __init__(self) -> None:
        self.figures: list[dict[str, Any]] = []

    def add(
        self,
        name: str,
        value: float,
        unit: str,
        target: float | None = None,
        note: str = "",
        at_least: float | None = None,
    ) -> None:
        """Record and print one figure; ``target`` is an upper bound, ``at_least`` a lower one."""
        met = None if target is None else bool(value <= target)
        if at_least is not None:
            met = bool(value >= at_least)
        self.figures.append(
            {"name": name, "value": value, "unit": unit, "target_max": target, "target_min": at_least, "met": met}
        )
        line = f"{name}: {value:.4g} {unit}".rstrip()
        if target is not None:
            line += f" (target <= {target:g} {unit}: {'met' if met else 'NOT met'})"
        elif at_least is not None:
            line += f" (target >= {at_least:g} {unit}: {'met' if met else 'NOT met'}{'; ' + note if note else ''})"
        elif note:
            line += f" ({note})"
        print(line, flush=True)


def bench_presets(report: Report, repeats: int, warmup: int) -> dict[str, Any]:
    """Per preset: seconds per run (end to end and model only), per ward-year, vs NumPy."""
    scenarios: dict[str, Scenario] = {p: load_scenario(p).with_years(YEARS) for p in PRESETS}
    sizes = {p: (m.n_wards, m.n_partners) for p, m in ((p, simulate(scenarios[p], 0)) for p in PRESETS)}
    refs = {p: Reference(*sizes[p]) for p in PRESETS}
    for _ in range(warmup):
        for p in PRESETS:
            simulator.run(p, seed=10_000, years=YEARS)
    run_s: dict[str, list[float]] = {p: [] for p in PRESETS}
    model_s: dict[str, list[float]] = {p: [] for p in PRESETS}
    ref_s: dict[str, list[float]] = {p: [] for p in PRESETS}
    for r in range(repeats):  # interleaved, so slow spells on the machine hit every case alike
        for p in PRESETS:
            run_s[p].append(seconds(simulator.run, p, seed=r, years=YEARS))
            model_s[p].append(seconds(simulate, scenarios[p], r))
            ref_s[p].append(refs[p].seconds_per_run())
    out: dict[str, Any] = {}
    for p in PRESETS:
        W, P = sizes[p]
        model_med = statistics.median(model_s[p])
        per_wy = model_med / (W * YEARS)
        ref_wy = statistics.median(ref_s[p]) / (W * YEARS)
        # the ratio of each repeat's pair of samples, then the median: noise common to both cancels
        vs_numpy = statistics.median(m / f for m, f in zip(model_s[p], ref_s[p], strict=True))
        report.add(f"{p}.run", statistics.median(run_s[p]), "s", RUN_TARGETS.get(p), note="per 20-year run")
        report.add(f"{p}.model", model_med, "s", note="per 20-year run, model only")
        report.add(f"{p}.ward_year", per_wy * 1e6, "us", note=f"model only, {W} wards x {YEARS} years")
        report.add(f"{p}.vs_numpy", vs_numpy, "x", note=f"NumPy reference: {ref_wy * 1e6:.3g} us per ward-year")
        out[p] = {
            "wards": W,
            "partners": P,
            "years": YEARS,
            "run_seconds": run_s[p],
            "model_seconds": model_s[p],
            "reference_seconds": ref_s[p],
        }
    return out


def bench_scaling(report: Report, repeats: int, warmup: int) -> dict[str, Any]:
    """Baseline-like scenario with 18 and 180 wards, partners in proportion: time ratio."""
    small, big = SCALING_WARDS
    sizes = {n: scaled_baseline(n) for n in SCALING_WARDS}
    partners = {n: sizes[n]["government.agencies"] + sizes[n]["firms.n"] for n in SCALING_WARDS}
    scen = {n: load_scenario("baseline", overrides=sizes[n]).with_years(YEARS) for n in SCALING_WARDS}
    refs = {n: Reference(n, partners[n]) for n in SCALING_WARDS}
    for _ in range(warmup):
        for n in SCALING_WARDS:
            simulate(scen[n], 10_000)
    model_s: dict[int, list[float]] = {n: [] for n in SCALING_WARDS}
    ref_s: dict[int, list[float]] = {n: [] for n in SCALING_WARDS}
    for r in range(repeats):
        for n in SCALING_WARDS:
            model_s[n].append(seconds(simulate, scen[n], r))
            ref_s[n].append(refs[n].seconds_per_run())
    med = {n: statistics.median(model_s[n]) for n in SCALING_WARDS}
    ref = {n: statistics.median(ref_s[n]) for n in SCALING_WARDS}
    ward_ratio = big / small
    report.add(f"scaling.wards_{small}", med[small], "s", note=f"per 20-year run, {partners[small]} partners")
    report.add(f"scaling.wards_{big}", med[big], "s", note=f"per 20-year run, {partners[big]} partners")
    report.add("scaling.time_ratio", med[big] / med[small], "x", SCALING_TARGET, note=f"{ward_ratio:g}x wards")
    report.add("scaling.reference_time_ratio", ref[big] / ref[small], "x", note="same sizes, NumPy reference loop")
    return {
        "wards": list(SCALING_WARDS),
        "overrides": {str(n): sizes[n] for n in SCALING_WARDS},
        "model_seconds": {str(n): model_s[n] for n in SCALING_WARDS},
        "reference_seconds": {str(n): ref_s[n] for n in SCALING_WARDS},
    }


NATIONAL_WARDS = (1_000, 10_000)
NATIONAL_TARGETS = {"seconds": 30.0, "rss_gb": 4.0, "scaling": 12.0}
"""Issue 14: ``plpbk run national --seeds 1`` within 30 s and 4 GB; 10x the wards at most 12x the time."""


def bench_national(report: Report, repeats: int) -> dict[str, Any]:
    """The national preset: the command a user runs (time, peak memory), and 1,000 vs 10,000 wards."""
    import resource
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "simulator.cli", "run", "national", "--seeds", "1", "--no-plots", "--quiet"]
        t0 = time.perf_counter()
        subprocess.run([*cmd, "--out", str(Path(tmp) / "out")], check=True, capture_output=True)
        wall = time.perf_counter() - t0
    rss_gb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024**2  # kB on Linux
    report.add("national.cli_seconds", wall, "s", NATIONAL_TARGETS["seconds"], note="plpbk run national --seeds 1")
    report.add("national.cli_peak_rss", rss_gb, "GB", NATIONAL_TARGETS["rss_gb"])
    scen = {n: load_scenario("national", overrides={"wards.n": n}).with_years(YEARS) for n in NATIONAL_WARDS}
    runs: dict[int, list[float]] = {n: [] for n in NATIONAL_WARDS}
    for r in range(max(1, repeats // 2)):
        for n in NATIONAL_WARDS:
            runs[n].append(seconds(simulate, scen[n], r))
    med = {n: statistics.median(runs[n]) for n in NATIONAL_WARDS}
    small, big = NATIONAL_WARDS
    for n in NATIONAL_WARDS:
        report.add(f"national.wards_{n}", med[n], "s", note="per 20-year run, partners per region as the preset")
    report.add("national.time_ratio", med[big] / med[small], "x", NATIONAL_TARGETS["scaling"], note="10x wards")
    return {"cli_seconds": wall, "cli_peak_rss_gb": rss_gb, "seconds": {str(n): runs[n] for n in NATIONAL_WARDS}}


AGAINST_PRESETS = ("kendal", "pekalongan", "central-java")
AGAINST_TARGET = 5.0
"""Speed-up over the other revision each preset should reach (issue 14)."""
AGAINST_SEEDS = 10
CHILD = """
import json, sys, time, simulator
presets, seeds, inner = sys.argv[1].split(","), int(sys.argv[2]), int(sys.argv[3])
for p in presets:
    simulator.run(p, seed=0)  # warm-up: imports, caches
best = {}
for p in presets:
    times = []
    for _ in range(inner):
        t = time.perf_counter()
        simulator.run(p, seed=range(1, seeds + 1))
        times.append(time.perf_counter() - t)
    best[p] = min(times) / seeds
print(json.dumps({"revision": simulator.__file__, "seconds_per_run": best}))
"""


def _code_of(rev: str, into: Path) -> Path:
    """Extract the simulator (and its scenarios) of git revision ``rev`` into ``into``."""
    root = Path(__file__).resolve().parent.parent
    archive = subprocess.run(
        ["git", "-C", str(root), "archive", rev, "simulator", "scenarios"], capture_output=True, check=False
    )
    if archive.returncode != 0:
        raise SystemExit(f"bench_model: --against {rev}: {archive.stderr.decode().strip() or 'git archive failed'}")
    into.mkdir(parents=True, exist_ok=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into


def _time_code(path: Path, presets: tuple[str, ...], inner: int) -> dict[str, float]:
    """Seconds per run of each preset with the code at ``path`` (a fresh process, same interpreter)."""
    env = {**os.environ, "PYTHONPATH": str(path)}
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, ",".join(presets), str(AGAINST_SEEDS), str(inner)],
        capture_output=True,
        text=True,
        env=env,
        cwd=path,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"bench_model: timing {path} failed: {proc.stderr.strip().splitlines()[-1:]}")
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    if not str(out["revision"]).startswith(str(path)):
        raise SystemExit(f"bench_model: {path} imported the simulator from {out['revision']}")
    return {p: float(v) for p, v in out["seconds_per_run"].items()}


def bench_against(report: Report, rev: str, repeats: int) -> dict[str, Any]:
    """Speed-up of this code over revision ``rev``, per preset, measured side by side.

    Each repeat times this code and ``rev``'s code in two fresh processes of the same
    interpreter and virtual environment, one after the other (alternating which goes first),
    each taking the best of 3 calls of ``simulator.run(preset, seed=range(1, 11))``; the
    speed-up is the median over repeats of old ÷ new seconds per run.
    """
    import tempfile

    root = Path(__file__).resolve().parent.parent
    samples: dict[str, list[tuple[float, float]]] = {p: [] for p in AGAINST_PRESETS}
    with tempfile.TemporaryDirectory(prefix="bench-against-") as tmp:
        old = _code_of(rev, Path(tmp) / "old")
        new = root  # this working tree, as it is
        for r in range(repeats):
            order = [(new, "new"), (old, "old")] if r % 2 == 0 else [(old, "old"), (new, "new")]
            got = {label: _time_code(path, AGAINST_PRESETS, 3) for path, label in order}
            for p in AGAINST_PRESETS:
                samples[p].append((got["old"][p], got["new"][p]))
    out: dict[str, Any] = {"revision": rev, "seeds": AGAINST_SEEDS, "presets": {}}
    for p in AGAINST_PRESETS:
        ratio = statistics.median(o / n for o, n in samples[p])
        old_s = statistics.median(o for o, _ in samples[p])
        new_s = statistics.median(n for _, n in samples[p])
        report.add(
            f"against.{p}",
            ratio,
            "x",
            at_least=AGAINST_TARGET,
            note=f"{old_s * 1e3:.1f} ms at {rev} -> {new_s * 1e3:.1f} ms per run",
        )
        out["presets"][p] = {"old_seconds": [o for o, _ in samples[p]], "new_seconds": [n for _, n in samples[p]]}
    return out


def environment() -> dict[str, Any]:
    """Versions and machine facts stored next to the figures."""
    import mesa
    import pandas

    try:
        rev = subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            cwd=Path(__file__).resolve().parent,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:
        rev = ""
    return {
        "simulator": simulator.__version__,
        "git": rev or None,
        "python": sys.version.split()[0],
        "numpy": np.__version__,
        "pandas": pandas.__version__,
        "mesa": mesa.__version__,
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print the figures, write the JSON file."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeats", type=int, default=7, help="timed runs per figure (median taken), default 7")
    ap.add_argument("--warmup", type=int, default=1, help="untimed runs first, default 1")
    ap.add_argument("--out", type=Path, default=OUT, help=f"JSON file to write (default {OUT})")
    ap.add_argument(
        "--against",
        metavar="REV",
        default=None,
        help="also time the code of git revision REV side by side (same interpreter and venv) and print the "
        "speed-up per preset, e.g. --against b309f32 (the issue's yardstick)",
    )
    ap.add_argument(
        "--only-against", action="store_true", help="with --against: skip the other figures (about a minute)"
    )
    args = ap.parse_args(argv)
    if args.repeats < 1 or args.warmup < 0:
        ap.error("--repeats must be >= 1 and --warmup >= 0")

    started = datetime.now(UTC)
    print(
        f"# bench_model: medians of {args.repeats} runs after {args.warmup} warm-up, {YEARS} years per run", flush=True
    )
    report = Report()
    against = bench_against(report, args.against, max(3, args.repeats // 2)) if args.against else None
    skip = args.against and args.only_against
    presets = {} if skip else bench_presets(report, args.repeats, args.warmup)
    scaling = {} if skip else bench_scaling(report, args.repeats, args.warmup)
    national = {} if skip else bench_national(report, args.repeats)
    targets = [f for f in report.figures if f["met"] is not None]
    report.add("targets_met", sum(f["met"] for f in targets), f"of {len(targets)}")

    result = {
        "benchmark": "bench_model",
        "started": started.isoformat(timespec="seconds"),
        "seconds_total": (datetime.now(UTC) - started).total_seconds(),
        "repeats": args.repeats,
        "warmup": args.warmup,
        "years": YEARS,
        "environment": environment(),
        "figures": report.figures,
        "presets": presets,
        "scaling": scaling,
        "national": national,
        "against": against,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"# wrote {args.out}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
