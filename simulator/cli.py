"""The ``plpbk`` command line: a thin layer over the library.

Exit codes: 0 success, 1 a run failed, 2 a user error (one line on stderr, no
traceback), 130 interrupted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from simulator.params import PARAMETERS, markdown_table
from simulator.scenario import (
    Scenario,
    ScenarioError,
    list_policies,
    list_presets,
    load_scenario,
    parse_assignment,
)

EXAMPLES_RUN = """examples:
  plpbk run                                   baseline, 20 years, 10 seeds
  plpbk run kendal --seeds 50                 a preset, 50 seeds
  plpbk run my.toml --set trust.initial=0.7   a file, one value changed
  plpbk run pekalongan --policy marketing-push --out results/mp
"""


EXAMPLES_BATCH = """examples:
  plpbk batch experiments/kendal-coordination-trust.toml
  plpbk batch experiments/kendal-coordination-trust.toml --executor dask --workers 2
  plpbk batch my-exp.toml --scheduler tcp://10.0.0.5:8786 --out results/big
  plpbk batch my-exp.toml --out results/big --resume        # after an interruption
"""


class UserError(Exception):
    """An error in what the user typed or gave; reported in one line, exit 2."""


class CommandExit(Exception):  # noqa: N818 (control flow, not an error)
    """End a command with this exit code (its message is already printed)."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def run_guarded[T](command: str, out: Path, call: Callable[[], T]) -> T:
    """Run a call that drives the batch engine, turning its interruptions into exit codes.

    A dead worker prints its message and exits 1; Ctrl-C prints how many runs are stored
    in ``out`` and how to resume, and exits 130. Finished runs are kept either way.

    Args:
        command: The subcommand's name, for messages.
        out: The results folder.
        call: The work.

    Returns:
        What ``call`` returns.

    Raises:
        CommandExit: On a dead worker (1) or an interruption (130).
    """
    from simulator.batch import BatchInterrupted, WorkerCrashError

    try:
        return call()
    except WorkerCrashError as e:
        print(f"plpbk {command}: {e}", file=sys.stderr)
        raise CommandExit(1) from None
    except BatchInterrupted as e:
        r = e.report
        print(
            f"plpbk {command}: interrupted: {r.already + r.executed} of {r.total} runs are stored in {out}; "
            f"run the same command with --resume to finish",
            file=sys.stderr,
        )
        raise CommandExit(130) from None


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def _whole(low: int) -> Callable[[str], int]:
    def conv(text: str) -> int:
        try:
            v = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if v < low:
            raise argparse.ArgumentTypeError(f"{v} is out of range: must be >= {low}")
        return v

    return conv


def build_parser() -> argparse.ArgumentParser:
    """The ``plpbk`` argument parser with all subcommands."""
    ap = _Parser(
        prog="plpbk",
        description="Agent-based simulator of the partnerships that keep PLPBK community programmes alive.",
        epilog="Run 'plpbk COMMAND --help' for each command's options and examples.",
    )
    from simulator import __version__

    ap.add_argument("--version", action="version", version=f"plpbk {__version__}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    r = sub.add_parser(
        "run",
        help="run a scenario over several seeds; write tables, manifest and plots",
        description="Run a scenario for several seeds and write yearly time series, run summaries, "
        "the event log, a manifest and plots (mean and 5-95%% band across seeds) to a new folder.",
        epilog=EXAMPLES_RUN,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    r.add_argument(
        "scenario",
        nargs="?",
        default=None,
        help="scenario file or preset name (default: baseline; see 'plpbk scenarios')",
    )
    r.add_argument(
        "--policy",
        action="append",
        default=[],
        metavar="POLICY",
        help="policy file or built-in policy name; repeat to combine",
    )
    r.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        dest="sets",
        help="override one parameter, e.g. --set bkm.coordination=0.7 (see 'plpbk params')",
    )
    r.add_argument("--seeds", type=_whole(1), default=10, metavar="N", help="number of seeds (runs), default 10")
    r.add_argument(
        "--seed-start", type=_whole(0), default=0, metavar="S", help="first seed; runs use S, S+1, ... (default 0)"
    )
    r.add_argument(
        "--years", type=_whole(1), default=None, metavar="Y", help="years to simulate (default: the scenario's, 20)"
    )
    r.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="DIR",
        help="output folder (default results/<scenario>-<timestamp>); must not exist or be empty",
    )
    r.add_argument("--format", choices=("parquet", "csv"), default="parquet", help="table format (default parquet)")
    r.add_argument("--svg", action="store_true", help="also write plots as SVG")
    r.add_argument("--no-plots", action="store_true", help="skip the plots")
    r.add_argument("--quiet", action="store_true", help="print only the output folder")
    r.set_defaults(func=cmd_run)

    p = sub.add_parser(
        "params",
        help="list every model parameter (meaning, unit, default, range, source)",
        description="List every model parameter from the one registry the model, the docs and the dashboard read.",
        epilog="examples:\n  plpbk params\n  plpbk params --role lever\n  plpbk params --markdown > docs/parameters.md",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--role",
        choices=("structure", "grant", "enabler", "obstacle", "mechanism", "lever"),
        help="only parameters of this role",
    )
    p.add_argument("--markdown", action="store_true", help="print the Markdown table of docs/parameters.md")
    p.set_defaults(func=cmd_params)

    b = sub.add_parser(
        "batch",
        help="run an experiment file (design x seeds) on serial, processes or Dask; resumable",
        description="Run every design point of an experiment file for its replicate seeds, streaming "
        "results to a Parquet store with a manifest. Kill it at any moment and run it again with "
        "--resume: only missing runs execute.",
        epilog=EXAMPLES_BATCH,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    b.add_argument("experiment", type=Path, help="experiment file (see experiments/*.toml)")
    b.add_argument(
        "--executor",
        choices=("serial", "processes", "dask"),
        default=None,
        help="where runs execute: serial (this process), processes (local worker processes, the default) or "
        "dask (a local Dask cluster on 127.0.0.1, or the cluster at --scheduler)",
    )
    b.add_argument("--workers", type=_whole(1), default=None, metavar="N", help="worker processes (default: all CPUs)")
    b.add_argument(
        "--scheduler",
        default=None,
        metavar="tcp://HOST:PORT",
        help="address of a running Dask scheduler (implies --executor dask); see docs/scaling.md",
    )
    b.add_argument(
        "--out", type=Path, default=None, metavar="DIR", help="batch folder (default results/<name>-<timestamp>)"
    )
    b.add_argument("--resume", action="store_true", help="finish the batch stored in --out: run only missing runs")
    b.add_argument("--replicates", type=_whole(1), default=None, metavar="N", help="override the file's replicates")
    b.add_argument(
        "--chunk-size", type=_whole(1), default=None, metavar="N", help="runs per task (default: ~1 s of work)"
    )
    b.add_argument("--quiet", action="store_true", help="no progress bar; print only the folder")
    b.set_defaults(func=cmd_batch)

    v = sub.add_parser(
        "validate",
        help="check the study's ten patterns over many seeds; report with intervals and plots",
        description="Run the scenario and every variant the study's patterns need (MODEL_BRIEF section 4) "
        "over N shared seeds through the batch engine, then print each pattern's statistic with a 95%% "
        "bootstrap interval, its threshold and pass/fail. Writes validation.md, validation.csv and one plot "
        "per pattern. Exit code 1 if a pattern fails.",
        epilog="examples:\n  plpbk validate\n  plpbk validate kendal --seeds 100 --workers 2\n"
        "  plpbk validate my.toml --out results/val --resume",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    v.add_argument("scenario", nargs="?", default=None, help="scenario file or preset (default: baseline)")
    v.add_argument("--policy", action="append", default=[], metavar="POLICY", help="policy applied to every variant")
    v.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", dest="sets", help="override a parameter")
    v.add_argument("--seeds", type=_whole(2), default=50, metavar="N", help="seeds per variant (default 50)")
    v.add_argument("--executor", choices=("serial", "processes", "dask"), default="processes", help="default processes")
    v.add_argument("--workers", type=_whole(1), default=None, metavar="N", help="worker processes (default: all CPUs)")
    v.add_argument("--out", type=Path, default=None, metavar="DIR", help="output folder (default results/validate-…)")
    v.add_argument("--resume", action="store_true", help="finish an interrupted validation in --out")
    v.add_argument("--quiet", action="store_true", help="no progress bar")
    v.add_argument(
        "--blocks",
        type=_whole(1),
        default=1,
        metavar="K",
        help="also run K disjoint blocks of --seeds seeds and report in how many each pattern holds "
        "(robust margins; the verdict is the first block's), e.g. --blocks 10",
    )
    v.add_argument(
        "--discriminate",
        action="store_true",
        help="also run every pattern under each alternative of the [structure] table and report which "
        "alternatives each pattern rejects (discrimination.csv, .md and a heat map); a pattern no alternative "
        "fails is reported as not discriminating and does not count",
    )
    v.add_argument(
        "--trace",
        type=Path,
        default=None,
        metavar="FILE",
        help="also write the TRACE validation document (e.g. docs/validation.md) with these results",
    )
    v.set_defaults(func=cmd_validate)

    c = sub.add_parser(
        "calibrate",
        help="calibration by filtering: keep the parameter sets that reproduce every pattern",
        description="Sample the uncertain parameters named in an experiment file (usually a Latin hypercube), "
        "run each set with every pattern's variants and the file's replicate seeds, and keep the sets for which "
        "all ten patterns hold. Reports the accepted share, each parameter's accepted range, whether the "
        "scenario's own values lie inside it, and a pair plot (calibration.md, sets.csv, ranges.csv, pairs.png).",
        epilog="examples:\n  plpbk calibrate experiments/calibrate-baseline.toml\n"
        "  plpbk calibrate experiments/calibrate-baseline.toml --replicates 4 --workers 2",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    c.add_argument("experiment", type=Path, help="experiment file sampling the uncertain parameters")
    c.add_argument("--replicates", type=_whole(2), default=None, metavar="N", help="override the seeds per set")
    c.add_argument("--executor", choices=("serial", "processes", "dask"), default="processes", help="default processes")
    c.add_argument("--workers", type=_whole(1), default=None, metavar="N", help="worker processes (default: all CPUs)")
    c.add_argument("--scheduler", default=None, metavar="tcp://HOST:PORT", help="a running Dask scheduler")
    c.add_argument("--out", type=Path, default=None, metavar="DIR", help="output folder")
    c.add_argument("--resume", action="store_true", help="finish an interrupted calibration in --out")
    c.add_argument("--quiet", action="store_true", help="no progress bar")
    c.set_defaults(func=cmd_calibrate)

    s = sub.add_parser(
        "scenarios",
        help="list the built-in scenario presets and policies",
        description="List the built-in scenario presets and policy files with one-line descriptions.",
    )
    s.set_defaults(func=cmd_scenarios)

    # Commands defined in their own modules register here (one block each).
    # -- sensitivity --
    from simulator.sensitivity.cli import add_commands as _sensitivity_cmds

    _sensitivity_cmds(sub)
    # -- policy (compare, whatif) --
    from simulator.policy.cli import add_commands as _policy_cmds

    _policy_cmds(sub)
    # -- ablation --
    from simulator.analysis.ablation_cli import add_commands as _ablation_cmds

    _ablation_cmds(sub)
    # -- dashboard --
    from simulator.dashboard.cli import add_commands as _dashboard_cmds

    _dashboard_cmds(sub)
    return ap


def _progress(quiet: bool) -> Callable[[int, int], None]:
    t0 = time.perf_counter()

    def show(done: int, total: int) -> None:
        if quiet or (not sys.stderr.isatty() and done != total):
            return
        el = time.perf_counter() - t0
        rate = done / el if el > 0 else 0.0
        left = (total - done) / rate if rate > 0 else 0.0
        bar = "#" * int(30 * done / total)
        sys.stderr.write(f"\r  runs {done}/{total} [{bar:<30}] {rate:5.1f} runs/s, {left:4.0f} s left")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show


def cmd_run(args: argparse.Namespace) -> int:
    """``plpbk run``: simulate, summarise, write."""
    from simulator.results import describe, run
    from simulator.store import now, write_run

    overrides = dict(parse_assignment(a) for a in args.sets)
    sc = load_scenario(args.scenario, policies=args.policy, overrides=overrides)
    if args.years is not None:
        sc = sc.with_years(args.years)
    out = args.out
    if out is None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", "+".join((sc.name, *sc.policies)))
        out = Path("results") / f"{slug}-{stamp}"
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise UserError(f"{out}: output folder already exists and is not empty (choose another --out, or remove it)")
    try:  # find out now, not after the runs, whether the folder can be made
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise UserError(f"{out}: cannot create the output folder ({e.strerror or e})") from None
    started = now()
    seeds = range(args.seed_start, args.seed_start + args.seeds)
    if not args.quiet:
        pol = f" + {', '.join(sc.policies)}" if sc.policies else ""
        print(
            f"plpbk run: {sc.name}{pol}: {sc.n_wards} wards, {sc.values['time.years']} years "
            f"from {sc.values['time.start_year']}, {args.seeds} seeds",
            flush=True,
        )
    res = run(sc, seed=seeds, progress=_progress(args.quiet))
    write_run(
        res,
        out,
        fmt=args.format,
        plots=not args.no_plots,
        svg=args.svg,
        started=started,
        command=["plpbk", *sys.argv[1:]],
    )
    if not args.quiet:
        table = describe(res.summary)
        width = max(len(x) for x in table["outcome"])
        print(f"\n  {'outcome':<{width}}  {'mean':>9}  {'5%':>9}  {'95%':>9}")
        for _, row in table.iterrows():
            print(f"  {row['outcome']:<{width}}  {row['mean']:9.3g}  {row['p5']:9.3g}  {row['p95']:9.3g}")
        print(
            f"\nresults written to {out}/ (tables: {args.format}; manifest.json"
            + ("" if args.no_plots else "; plots/*.png")
            + ")"
        )
    else:
        print(out)
    return 0


def cmd_batch(args: argparse.Namespace) -> int:
    """``plpbk batch``: run an experiment into a resumable results store."""
    from simulator.batch import load_experiment, run_experiment

    exp = load_experiment(args.experiment, replicates=args.replicates)
    executor = args.executor or ("dask" if args.scheduler else "processes")
    if args.scheduler and executor != "dask":
        raise UserError(f"--scheduler needs --executor dask (got --executor {executor})")
    out = args.out or Path("results") / f"{exp.name}-{dt.datetime.now().strftime('%Y%m%d-%H%M%S')}"
    n_points = len(exp.design())
    if not args.quiet:
        print(
            f"plpbk batch: {exp.name}: {exp.kind} design, {n_points} points x {exp.replicates} seeds = "
            f"{n_points * exp.replicates} runs of {exp.scenario.name} ({exp.scenario.values['time.years']} years); "
            f"executor {executor}" + (f" at {args.scheduler}" if args.scheduler else ""),
            flush=True,
        )
    rep = run_guarded(
        "batch",
        out,
        lambda: run_experiment(
            exp,
            executor,
            workers=args.workers,
            scheduler=args.scheduler,
            out=out,
            resume=args.resume,
            progress=not args.quiet,
            chunk_size=args.chunk_size,
        ),
    )
    if args.quiet:
        print(out)
    else:
        rate = rep.executed / rep.seconds if rep.seconds > 0 else 0.0
        print(
            f"{rep.executed} runs in {rep.seconds:.1f} s ({rate:.1f} runs/s)"
            + (f", {rep.already} already stored" if rep.already else "")
            + f"; results in {out}/"
        )
    if rep.failures:
        print(f"plpbk batch: {len(rep.failures)} run(s) failed:", file=sys.stderr)
        for f in rep.failures[:10]:
            print(f"  run {f['run_id']} (point {f['point']}, seed {f['seed']}): {f['error']}", file=sys.stderr)
        if len(rep.failures) > 10:
            print(f"  ... and {len(rep.failures) - 10} more (see {out}/runs.parquet)", file=sys.stderr)
        return 1
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """``plpbk validate``: pattern-oriented validation of a scenario."""
    from simulator.analysis.validation import validate

    overrides = dict(parse_assignment(a) for a in args.sets)
    sc = load_scenario(args.scenario, policies=args.policy, overrides=overrides)
    if args.discriminate:
        if args.trace is not None:
            raise UserError("--trace and --discriminate cannot be combined (run them separately)")
        return _discriminate(args, sc)
    if not args.quiet:
        print(f"plpbk validate: {sc.name}: 10 patterns, {args.seeds} seeds per variant", flush=True)
    val = validate(
        sc,
        args.seeds,
        executor=args.executor,
        workers=args.workers,
        out=args.out,
        resume=args.resume,
        progress=not args.quiet,
        blocks=args.blocks,
    )
    t = val.table
    w = max(len(x) for x in t["title"])
    print(f"\n  #  {'pattern':<{w}}  {'value':>8}  {'95% interval':>19}  result")
    for _, r in t.iterrows():
        ci = f"[{r['ci_low']:.3g}, {r['ci_high']:.3g}]"
        print(
            f"  {r['pattern']:<2} {r['title']:<{w}}  {r['value']:8.3g}  {ci:>19}  {'pass' if r['passed'] else 'FAIL'}"
        )
        print(f"     statistic: {r['statistic']}\n     threshold: {r['threshold']}")
        if "blocks_passed" in t:
            print(f"     held in {int(r['blocks_passed'])} of {int(r['blocks'])} blocks of {args.seeds} seeds")
    print(f"\n{int(t['passed'].sum())} of {len(t)} patterns pass; report: {val.out}/validation.md")
    if args.trace is not None:
        from simulator.analysis.validation import trace_markdown

        parts = ["plpbk validate", *([args.scenario] if args.scenario else [])]
        parts += [f"--policy {p}" for p in args.policy] + [f"--set {a}" for a in args.sets]
        parts += [f"--seeds {args.seeds}", *([f"--blocks {args.blocks}"] if args.blocks > 1 else [])]
        parts += [f"--trace {args.trace}"]
        args.trace.write_text(trace_markdown(val, args.seeds, " ".join(parts)))
        print(f"TRACE document written to {args.trace}")
    return 0 if val.passed else 1


def _discriminate(args: argparse.Namespace, sc: Scenario) -> int:
    """``plpbk validate --discriminate``: the patterns x structures matrix."""
    from simulator.analysis.discrimination import AS_IS, discriminate, structure_alternatives

    if not args.quiet:
        n = len(structure_alternatives(sc))
        print(f"plpbk validate --discriminate: {sc.name}: {n} alternative structures, {args.seeds} seeds", flush=True)
    d = discriminate(
        sc,
        args.seeds,
        executor=args.executor,
        workers=args.workers,
        out=args.out,
        resume=args.resume,
        progress=not args.quiet,
    )
    m = d.matrix()
    w = max(len(c) for c in m.columns)
    print("\n  pattern  " + "  ".join(f"{c:>{w}}" for c in m.columns))
    for p in m.index:
        print(f"  {p:>7}  " + "  ".join(f"{('pass' if m.loc[p, c] else 'FAIL'):>{w}}" for c in m.columns))
    fails = d.failing_alternatives()
    nd = [p for p, alts in fails.items() if not alts]
    if nd:
        print(f"not discriminating (no alternative fails them, not counted): {', '.join(map(str, nd))}")
    held = sum(bool(m.loc[p, AS_IS]) for p in d.discriminating())
    print(
        f"{len(d.discriminating())} of {len(m.index)} patterns discriminate; {held} of them hold as is; "
        f"report: {d.out}/discrimination.md"
    )
    return 0 if d.passed else 1


def cmd_calibrate(args: argparse.Namespace) -> int:
    """``plpbk calibrate``: pattern-oriented calibration by filtering."""
    from simulator.analysis.calibration import calibrate, calibration_batch
    from simulator.batch import load_experiment

    exp = load_experiment(args.experiment, replicates=args.replicates)
    batch, sets = calibration_batch(exp)
    if not args.quiet:
        print(
            f"plpbk calibrate: {exp.name}: {len(sets) - 1} sampled sets + the scenario's own, "
            f"{len(batch.points) // len(sets)} variants, {exp.replicates} seeds = "
            f"{len(batch.points) * exp.replicates} runs",
            flush=True,
        )
    cal = calibrate(
        exp,
        executor="dask" if args.scheduler else args.executor,
        workers=args.workers,
        scheduler=args.scheduler,
        out=args.out,
        resume=args.resume,
        progress=not args.quiet,
    )
    print(f"\naccepted: {cal.accepted_share:.0%} of {len(cal.design) - 1} sets reproduce all patterns")
    print("scenario's own values: " + ("accepted" if cal.defaults_accepted else "NOT accepted"))
    w = max(len(p) for p in cal.ranges["parameter"])
    print(f"\n  {'parameter':<{w}}  {'accepted min-max':>20}  {'own':>8}  inside")
    for _, r in cal.ranges.iterrows():
        rng = f"{r['accepted_min']:.3g}-{r['accepted_max']:.3g}"
        print(f"  {r['parameter']:<{w}}  {rng:>20}  {r['own_value']:8.3g}  {'yes' if r['own_inside'] else 'NO'}")
    if cal.ensemble is not None:
        n = len(cal.accepted_sets)
        print(f"ensemble: {cal.ensemble} ({n} accepted set{'s' if n != 1 else ''}; use with --ensemble)")
    else:
        print(
            "warning: no sampled set reproduces every pattern: no ensemble.toml written "
            "(widen the ranges or add samples)",
            file=sys.stderr,
        )
    print(f"\nreport: {cal.out}/calibration.md")
    return 0


def cmd_params(args: argparse.Namespace) -> int:
    """``plpbk params``: print the parameter registry."""
    if args.markdown:
        print(markdown_table(), end="")
        return 0
    rows = [p for p in PARAMETERS if args.role is None or p.role == args.role]
    w = max(len(p.name) for p in rows)
    for p in rows:
        d = f"{p.default}"
        print(f"{p.name:<{w}}  {d:>7}  {p.range_text:<14} {p.unit}")
        print(f"{'':<{w}}  {p.meaning} [{p.role}; {p.source}]")
    return 0


def cmd_scenarios(args: argparse.Namespace) -> int:
    """``plpbk scenarios``: list presets and policies."""
    print("Scenario presets (plpbk run NAME):")
    for name, desc in list_presets():
        print(f"  {name:<18} {desc}")
    print("\nPolicies (plpbk run SCENARIO --policy NAME):")
    for name, desc in list_policies():
        print(f"  {name:<18} {desc}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``plpbk`` command.

    Args:
        argv: Arguments (default: ``sys.argv[1:]``).

    Returns:
        The exit code.
    """
    from simulator.batch import SchedulerError
    from simulator.store import OutputError

    ap = build_parser()
    args = ap.parse_args(argv)
    if args.command is None:
        ap.print_help()
        return 0
    try:
        return int(args.func(args))
    except CommandExit as e:
        return e.code
    except (ScenarioError, UserError, OutputError, SchedulerError) as e:
        print(f"plpbk {args.command}: error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        sys.stderr.close()  # output piped into a closed reader (e.g. head): not an error
        return 0
    except KeyboardInterrupt:
        print(f"\nplpbk {args.command}: interrupted; no partial output was kept", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
