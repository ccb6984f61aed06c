"""``plpbk batch``: run an experiment file (design x seeds) into a resumable results store."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from simulator.cli_common import add_batch_args, batch_executor, report_failures, run_guarded, whole

EXAMPLES_BATCH = """examples:
  plpbk batch experiments/kendal-coordination-trust.toml
  plpbk batch experiments/kendal-coordination-trust.toml --executor dask --workers 2
  plpbk batch my-exp.toml --scheduler tcp://10.0.0.5:8786 --out results/big
  plpbk batch my-exp.toml --out results/big --resume        # after an interruption
"""


def add_commands(sub: Any) -> None:
    """Register ``plpbk batch`` on the ``plpbk`` subparsers.

    Args:
        sub: The subparsers object of the ``plpbk`` parser.
    """
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
    add_batch_args(b, default_out="results/<name>-<timestamp>")
    b.add_argument("--replicates", type=whole(1), default=None, metavar="N", help="override the file's replicates")
    b.add_argument(
        "--chunk-size", type=whole(1), default=None, metavar="N", help="runs per task (default: ~1 s of work)"
    )
    b.set_defaults(func=cmd_batch)


def cmd_batch(args: argparse.Namespace) -> int:
    """``plpbk batch``: run an experiment into a resumable results store."""
    from simulator.batch import load_experiment, run_experiment

    exp = load_experiment(args.experiment, replicates=args.replicates)
    executor = batch_executor(args)
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
    return report_failures("batch", rep.failures, shown=10)


__all__ = ["add_commands", "cmd_batch"]
