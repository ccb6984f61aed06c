"""``plpbk sensitivity``: Morris screening or Sobol indices of an experiment file."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from simulator.cli_common import UserError, add_batch_args, batch_executor, run_guarded, whole

EXAMPLES = """examples:
  plpbk sensitivity experiments/sa-morris-enablers-obstacles.toml
  plpbk sensitivity experiments/sa-morris-enablers-obstacles.toml --screen 8 --out results/morris
  plpbk sensitivity results/morris/analysis/screened-sobol.toml --method sobol --workers 2
  plpbk sensitivity experiments/sa-sobol-enablers-obstacles.toml --out results/sobol --resume
  plpbk sensitivity experiments/sa-sobol-enablers-obstacles.toml --samples 64 --replicates 2   # a quick look

The experiment file has a morris or sobol [design] and a [sensitivity] table naming the
outputs (run-summary columns), the yearly outputs (time-series columns) and the replicate
statistic; see docs/sensitivity.md. Results: <out>/analysis/ (summary.md, CSV tables, PNG plots).
"""


def _statistic(text: str) -> str:
    """An argparse type: a replicate statistic (mean, median, qP)."""
    from simulator.errors import SensitivityError
    from simulator.sensitivity.design import statistic_function

    try:
        statistic_function(text)
    except SensitivityError as e:
        raise argparse.ArgumentTypeError(str(e).replace("statistic = ", "")) from None
    return text


def add_commands(sub: Any) -> None:
    """Register ``plpbk sensitivity`` on the ``plpbk`` subparsers."""
    s = sub.add_parser(
        "sensitivity",
        help="global sensitivity analysis (Morris screening or Sobol indices) of an experiment file",
        description="Global sensitivity analysis of the enablers, obstacles and levers: Morris screening "
        "(mu*, sigma with bootstrap intervals) or Sobol indices (S1, ST and optionally S2 with bootstrap "
        "intervals), with convergence on nested sub-samples, the share of variance due to seeds alone, "
        "and indices per simulated year. Runs go through the batch engine: resumable, any executor.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    s.add_argument("experiment", type=Path, help="experiment file with a morris or sobol design")
    s.add_argument(
        "--method",
        choices=("morris", "sobol"),
        default=None,
        help="check that the file's design is this method (default: the file's design.kind)",
    )
    s.add_argument(
        "--samples",
        type=whole(2),
        default=None,
        metavar="N",
        help="replace the base sample size: Sobol N (a power of 2) or Morris trajectories",
    )
    s.add_argument("--replicates", type=whole(1), default=None, metavar="R", help="replace the seeds per point")
    s.add_argument(
        "--statistic",
        type=_statistic,
        default=None,
        metavar="STAT",
        help="statistic of the seeds analysed at each point: mean (default), median or a quantile q0.1..q0.9",
    )
    s.add_argument(
        "--screen",
        type=whole(2),
        default=None,
        metavar="K",
        help="Morris only: write analysis/screened-sobol.toml for the K most influential factors",
    )
    s.add_argument(
        "--screen-samples",
        type=whole(2),
        default=512,
        metavar="N",
        help="Sobol base sample N of the screened experiment (a power of 2, default 512)",
    )
    add_batch_args(s, default_out="results/<name>-<timestamp>", quiet="print only the analysis folder")
    s.add_argument("--svg", action="store_true", help="also write plots as SVG")
    s.set_defaults(func=cmd_sensitivity)


def cmd_sensitivity(args: argparse.Namespace) -> int:
    """``plpbk sensitivity``: run the design through the batch engine, then analyse it."""
    from simulator.errors import SensitivityError
    from simulator.sensitivity.experiment import load_sensitivity, run_sensitivity

    if args.resume and args.out is None:
        raise UserError("--resume needs --out DIR (the folder of the interrupted analysis)")
    executor = batch_executor(args)
    try:
        spec = load_sensitivity(
            args.experiment,
            method=args.method,
            samples=args.samples,
            replicates=args.replicates,
            statistic=args.statistic,
        )
    except SensitivityError as e:
        raise UserError(f"{args.experiment}: {e}") from None
    exp = spec.experiment
    if args.screen is not None and exp.kind != "morris":
        raise UserError(f"{args.experiment}: --screen applies to Morris experiments (this is a {exp.kind} design)")
    if args.screen is not None and args.screen > len(exp.factors):
        raise UserError(f"--screen {args.screen} is out of range: allowed 2 to {len(exp.factors)} (the factors)")
    out = args.out or Path("results") / f"{exp.name}-{dt.datetime.now().strftime('%Y%m%d-%H%M%S')}"
    n_points = len(exp.design())
    if not args.quiet:
        print(
            f"plpbk sensitivity: {exp.name}: {exp.kind}, {len(exp.factors)} factors, "
            f"{'N' if exp.kind == 'sobol' else 'trajectories'} = {exp.samples}: {n_points} points x "
            f"{exp.replicates} seeds = {n_points * exp.replicates} runs of {exp.scenario.name}; "
            f"outputs {', '.join(spec.outputs)}; executor {executor}",
            flush=True,
        )
    try:
        rep = run_guarded(
            "sensitivity",
            out,
            lambda: run_sensitivity(
                spec,
                executor,
                workers=args.workers,
                scheduler=args.scheduler,
                out=out,
                resume=args.resume,
                progress=not args.quiet,
                screen=args.screen,
                screen_samples=args.screen_samples,
                svg=args.svg,
            ),
        )
    except SensitivityError as e:
        raise UserError(str(e)) from None
    if args.quiet:
        print(rep.analysis)
        return 0
    res = rep.result
    key = res.main_index
    print(
        f"{rep.executed} runs in {rep.seconds_runs:.1f} s, analysis and plots in {rep.seconds_analysis:.1f} s"
        + (f" ({rep.runs - rep.executed} already stored)" if rep.runs > rep.executed else "")
    )
    for o in res.outputs:
        rk = res.ranking(o).head(5)
        nz = res.noise.set_index("output").loc[o]
        verdict = res.verdicts.set_index("output").loc[o]
        print(
            f"\n{o}  (seed noise {nz['noise_share_analysed']:.0%} of analysed variance; "
            f"{'converged' if verdict['stable'] else 'NOT converged: ' + verdict['reason']})"
        )
        for _, row in rk.iterrows():
            mark = "" if row["distinguishable"] else "   (not distinguishable from 0/noise)"
            print(
                f"  {int(row['rank']):>2}. {row['factor']:<36} {key} {row[key]:8.3f}  "
                f"[{row[key + '_low']:.3f}, {row[key + '_high']:.3f}]{mark}"
            )
    if rep.screened:
        print(f"\nScreened Sobol experiment: {rep.screened}")
    print(f"\nSummary, tables and plots: {rep.analysis}/ (summary.md)")
    return 0
