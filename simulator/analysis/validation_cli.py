"""``plpbk validate`` and ``plpbk calibrate``: pattern-oriented validation and calibration on the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.cli_common import add_batch_args, batch_executor, out_file, whole
from simulator.scenario import Scenario, load_scenario, parse_assignment

if TYPE_CHECKING:
    from simulator.analysis.discrimination import Discrimination


def add_commands(sub: Any) -> None:
    """Register ``validate`` and ``calibrate`` on the ``plpbk`` subparsers.

    Args:
        sub: The subparsers object of the ``plpbk`` parser.
    """
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
    v.add_argument("--seeds", type=whole(2), default=50, metavar="N", help="seeds per variant (default 50)")
    add_batch_args(v, default_out="results/validate-<scenario>-<timestamp>", quiet="the results are still printed")
    v.add_argument(
        "--blocks",
        type=whole(1),
        default=1,
        metavar="K",
        help="also run K disjoint blocks of --seeds seeds and report in how many each pattern holds "
        "(robust margins; the verdict is the first block's), e.g. --blocks 10",
    )
    v.add_argument(
        "--discriminate",
        action="store_true",
        help="instead run every pattern under each alternative of the [structure] table and each documented "
        "alternative rule, and report which alternatives each pattern rejects (discrimination.csv, .md and a "
        "heat map); a pattern no alternative fails is reported as not discriminating and does not count. With "
        "--trace: validate first, then discriminate, and put both in the TRACE document",
    )
    v.add_argument(
        "--trace",
        type=out_file,
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
    c.add_argument("--replicates", type=whole(2), default=None, metavar="N", help="override the seeds per set")
    add_batch_args(c, default_out="results/calibrate-<name>-<timestamp>", quiet="the results are still printed")
    c.set_defaults(func=cmd_calibrate)


def cmd_validate(args: argparse.Namespace) -> int:
    """``plpbk validate``: pattern-oriented validation of a scenario."""
    from simulator.analysis.validation import validate

    overrides = dict(parse_assignment(a) for a in args.sets)
    sc = load_scenario(args.scenario, policies=args.policy, overrides=overrides)
    if args.discriminate and args.trace is None:
        return _discriminate(args, sc)
    if not args.quiet:
        print(f"plpbk validate: {sc.name}: 10 patterns, {args.seeds} seeds per variant", flush=True)
    val = validate(
        sc,
        args.seeds,
        executor=batch_executor(args),
        workers=args.workers,
        scheduler=args.scheduler,
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
    if args.trace is None:
        return 0 if val.passed else 1
    from simulator.analysis.validation import trace_markdown

    disc = None
    if args.discriminate:  # with --trace: the matrix goes into the TRACE document too
        args.out, args.resume = val.out / "discrimination", False
        disc = _run_discrimination(args, sc)
    parts = ["plpbk validate", *([args.scenario] if args.scenario else [])]
    parts += [f"--policy {p}" for p in args.policy] + [f"--set {a}" for a in args.sets]
    parts += [f"--seeds {args.seeds}", *([f"--blocks {args.blocks}"] if args.blocks > 1 else [])]
    parts += [*(["--discriminate"] if args.discriminate else []), f"--trace {args.trace}"]
    args.trace.write_text(trace_markdown(val, args.seeds, " ".join(parts), discrimination=disc))
    print(f"TRACE document written to {args.trace}")
    return 0 if val.passed and (disc is None or disc.passed) else 1


def _discriminate(args: argparse.Namespace, sc: Scenario) -> int:
    """``plpbk validate --discriminate``: the patterns x structures matrix; exit 0 when it holds."""
    return 0 if _run_discrimination(args, sc).passed else 1


def _run_discrimination(args: argparse.Namespace, sc: Scenario) -> Discrimination:
    """Run and print the patterns x structures matrix."""
    from simulator.analysis.discrimination import AS_IS, discriminate, structures

    if not args.quiet:
        n = len(structures(sc)) - 1
        print(f"plpbk validate --discriminate: {sc.name}: {n} alternatives, {args.seeds} seeds", flush=True)
    d = discriminate(
        sc,
        args.seeds,
        executor=batch_executor(args),
        workers=args.workers,
        scheduler=args.scheduler,
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
    return d


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
        executor=batch_executor(args),
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


__all__ = ["add_commands", "cmd_calibrate", "cmd_validate"]
