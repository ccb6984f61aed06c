"""``plpbk ablate``: which structures and mechanisms carry the results (see ``simulator.analysis.ablation``)."""

from __future__ import annotations

import argparse
import math
import textwrap
from typing import Any

from simulator.cli_common import UserError, add_batch_args, batch_executor, report_failures, run_guarded, whole

EXAMPLES = """examples:
  plpbk ablate kendal                                   20 paired seeds, processes on all CPUs
  plpbk ablate pekalongan --seeds 50 --workers 2 --out results/abl-pk
  plpbk ablate baseline --set bkm.coordination=0.7 --years 30
  plpbk ablate kendal --policy all-efforts --executor serial
  plpbk ablate kendal --out results/abl-kendal --resume # finish after an interruption

variants (each run on the same seeds as the baseline):
{variants}

A variant the scenario already is (e.g. --set structure.trust=fixed) is skipped and the
report says so. Output: ablation.csv (variant, outcome, baseline, value, effect, low, high,
...), ablation.png, ablation.md, manifest.json, and the runs in batch/. See docs/ablation.md.
"""


def _variants_text() -> str:
    from simulator.analysis.ablation import VARIANTS

    w = max(len(v.name) for v in VARIANTS)
    lines = []
    for v in VARIANTS:
        body = textwrap.wrap(v.description, width=86 - w - 4)
        lines.append(f"  {v.name:<{w}}  {body[0]}")
        lines += [f"  {'':<{w}}  {x}" for x in body[1:]]
    return "\n".join(lines)


def add_commands(sub: Any) -> None:
    """Register ``plpbk ablate`` on the ``plpbk`` subparsers.

    Args:
        sub: The subparsers object of the ``plpbk`` parser.
    """
    from simulator.analysis.ablation import OUTCOMES

    outcomes = ", ".join(o.label for o in OUTCOMES)
    a = sub.add_parser(
        "ablate",
        help="switch each structure and mechanism off in turn on paired seeds: which ones carry the results",
        description=textwrap.fill(
            "Run SCENARIO as it is (the baseline) and under each structural alternative and with each mechanism "
            "switched off, on the same seeds (common random numbers) through the batch engine, and report the "
            f"effect of each variant on the headline outcomes ({outcomes}): the mean paired difference variant - "
            "baseline with a 95% bootstrap interval over seeds, and in plain words which outcomes each variant "
            "changes distinguishably (interval excludes 0).",
            width=88,
        ),
        epilog=EXAMPLES.format(variants=_variants_text()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    a.add_argument(
        "scenario", metavar="SCENARIO", help="scenario file or preset name, e.g. kendal (see 'plpbk scenarios')"
    )
    a.add_argument(
        "--seeds",
        type=whole(2),
        default=20,
        metavar="N",
        help="paired seeds per variant and baseline (default 20), e.g. --seeds 50",
    )
    a.add_argument(
        "--years",
        type=whole(1),
        default=None,
        metavar="Y",
        help="years to simulate (default: the scenario's), e.g. --years 30",
    )
    a.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        dest="sets",
        help="override a parameter in the baseline and every variant; repeatable, e.g. --set bkm.coordination=0.7",
    )
    a.add_argument(
        "--policy",
        action="append",
        default=[],
        metavar="POLICY",
        help="policy file or built-in name applied to the baseline and every variant; repeatable, "
        "e.g. --policy csr-forum",
    )
    add_batch_args(
        a, default_out="results/ablation-<scenario>-<timestamp>", quiet="no table; print only the output folder"
    )
    a.set_defaults(func=cmd_ablate)


def _cell(o: Any, r: Any) -> str:
    if math.isnan(float(r["effect"])):
        return "n/a "
    mark = "*" if bool(r["distinguishable"]) else " "
    return f"{o.text(r['effect'], True)} [{o.text(r['low'], True)}, {o.text(r['high'], True)}]{mark}"


def cmd_ablate(args: argparse.Namespace) -> int:
    """``plpbk ablate``: run the variants on paired seeds and report the effects."""
    from simulator.analysis.ablation import OUTCOMES, ablate, default_out, resolve_scenario, split_variants
    from simulator.scenario import parse_assignment

    if args.resume and args.out is None:
        raise UserError("--resume needs --out DIR (the folder of the interrupted ablation)")
    executor = batch_executor(args)
    overrides = dict(parse_assignment(a) for a in args.sets)
    sc = resolve_scenario(args.scenario, years=args.years, overrides=overrides, policies=args.policy)
    todo, skipped = split_variants(sc)
    out = args.out or default_out(sc)
    if not args.quiet:
        print(
            f"plpbk ablate: {sc.name} ({sc.n_wards} wards, {sc.values['time.years']} years): baseline + "
            f"{len(todo)} variants on {args.seeds} paired seeds = {(len(todo) + 1) * args.seeds} runs; "
            f"executor {executor}",
            flush=True,
        )
        for v in skipped:
            print(f"  skipped {v.name}: the scenario already is this variant", flush=True)
    abl = run_guarded(
        "ablate",
        out,
        lambda: ablate(
            sc,
            seeds=args.seeds,
            out=out,
            executor=executor,
            workers=args.workers,
            scheduler=args.scheduler,
            resume=args.resume,
            progress=not args.quiet,
        ),
    )
    code = report_failures("ablate", abl.failures)
    if args.quiet:
        print(abl.out)
        return code
    t = abl.table
    heads = [o.short for o in OUTCOMES]
    cells = {
        v.name: [_cell(o, t[(t["variant"] == v.name) & (t["outcome"] == o.column)].iloc[0]) for o in OUTCOMES]
        for v in abl.variants
    }
    wn = max([len("variant"), *(len(n) for n in cells)])
    ws = [max([len(h), *(len(c[i]) for c in cells.values())]) for i, h in enumerate(heads)]
    print("\n  " + f"{'variant':<{wn}}  " + "  ".join(f"{h:>{w}}" for h, w in zip(heads, ws, strict=True)))
    for name, row in cells.items():
        print("  " + f"{name:<{wn}}  " + "  ".join(f"{c:>{w}}" for c, w in zip(row, ws, strict=True)))
    print(
        "\n  effect variant - baseline [95% interval]; * the interval excludes 0\n"
        f"\nreport: {abl.out}/ablation.md; table ablation.csv, plot ablation.png"
    )
    return code


__all__ = ["add_commands", "cmd_ablate"]
