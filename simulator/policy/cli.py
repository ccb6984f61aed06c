"""``plpbk compare`` and ``plpbk whatif``: policy comparison on the command line."""

from __future__ import annotations

import argparse
import datetime as dt
import math
import re
import sys
from pathlib import Path
from typing import Any

from simulator.cli_common import add_batch_args, batch_executor, report_failures, run_guarded, share, whole
from simulator.policy.effects import DEFAULT_SEEDS

EXAMPLES_COMPARE = """examples:
  plpbk compare marketing-push bkm-strengthening consistent-team
  plpbk compare --scenario kendal all-efforts --seeds 50 --out results/kendal-all
  plpbk compare scenarios/policies/csr-forum.toml my-policy.toml --lang id
  plpbk compare --scenario pekalongan all-efforts --out results/pk --resume   # after an interruption
  plpbk compare all-efforts --ensemble results/calibrate-baseline-X/ensemble.toml --seeds 10

POLICY is a policy file (scenarios/policies/*.toml or your own) or a built-in name
(see 'plpbk scenarios'). Output: effects.csv, costs.csv, paired.csv, plots/*.png,
brief.md and brief.html (the policy brief), manifest.json, and the runs in batch/.
With --ensemble (the ensemble.toml that 'plpbk calibrate' writes) every option runs on
every accepted parameter set with --seeds paired seeds per set, and the effects pool
over sets x seeds, so they include parameter uncertainty.
"""

EXAMPLES_WHATIF = """examples:
  plpbk whatif experiments/whatif-efforts.toml --workers 2
  plpbk whatif experiments/whatif-efforts.toml --threshold 0.6 --lang id --out results/wi-id
  plpbk whatif experiments/whatif-efforts.toml --futures 16 --seeds 2       # a quick look
  plpbk whatif experiments/whatif-efforts.toml --out results/wi --resume     # finish, or re-analyse
  plpbk whatif experiments/whatif-efforts.toml --ensemble results/calibrate-baseline-X/ensemble.toml

Output: robustness.csv, stability.csv, boxes.csv (PRIM), outcomes.csv, futures.csv,
plots/*.png, brief.md and brief.html, manifest.json, and the runs in batches/<scenario>/.
With --resume on a finished folder the runs are reused and only the analysis is redone
(e.g. with another --threshold or --lang).
"""


def _fill(text: str) -> str:
    import textwrap

    return textwrap.fill(text, width=88)


def _common(p: argparse.ArgumentParser, default_out: str) -> None:
    p.add_argument("--lang", choices=("en", "id"), default="en", help="language of the brief: en or id (Bahasa)")
    add_batch_args(p, default_out=default_out)
    p.add_argument(
        "--ensemble",
        type=Path,
        default=None,
        metavar="FILE",
        help="run every option on each parameter set of FILE (ensemble.toml from 'plpbk calibrate'); "
        "--seeds then counts seeds per set",
    )


def add_commands(sub: Any) -> None:
    """Register ``compare`` and ``whatif`` on the ``plpbk`` subcommand parser.

    Args:
        sub: The subparsers object of the ``plpbk`` parser.
    """
    c = sub.add_parser(
        "compare",
        help="compare policies with the baseline on paired seeds: effects, costs, brief",
        description=_fill(
            "Run the baseline scenario and the scenario with each POLICY on the same seeds (common random "
            "numbers) and report, per policy: the paired difference in sustained share, partnerships alive, aid "
            "mobilised and trust with a 95% bootstrap interval; the share of paired runs in which it beats the "
            "baseline; its cost (total, per ward per year) and cost per additional sustained ward; time paths with "
            "bands; and a policy brief (Markdown and HTML)."
        ),
        epilog=EXAMPLES_COMPARE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    c.add_argument("policies", nargs="+", metavar="POLICY", help="policy file or built-in policy name (one or more)")
    c.add_argument(
        "--scenario", default=None, metavar="SCENARIO", help="baseline scenario file or preset (default: baseline)"
    )
    c.add_argument(
        "--seeds",
        type=whole(2),
        default=DEFAULT_SEEDS,
        metavar="N",
        help=f"paired seeds per option (default {DEFAULT_SEEDS})",
    )
    c.add_argument("--years", type=whole(1), default=None, metavar="Y", help="years to simulate (default: scenario's)")
    c.add_argument("--master-seed", type=whole(0), default=None, metavar="S", help="seed the paired seeds derive from")
    _common(c, "results/compare-<scenario>-<timestamp>")
    c.set_defaults(func=cmd_compare)

    w = sub.add_parser(
        "whatif",
        help="policies across uncertain futures: robustness, regret, rank stability, where they fail",
        description=_fill(
            "Run the baseline and every policy of a what-if file in every future of a Latin hypercube over "
            "the uncertain conditions (same seeds everywhere), then report per scenario and policy: the share of "
            "futures in which it meets the target (satisficing robustness), its regret against the best option of "
            "each future, how stable the ranking is (Kendall's W), and where it fails (a PRIM box over the "
            "uncertain conditions, with coverage and density); plus a policy brief (Markdown and HTML)."
        ),
        epilog=EXAMPLES_WHATIF,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    w.add_argument("experiment", type=Path, help="what-if file (see experiments/whatif-efforts.toml)")
    w.add_argument(
        "--threshold",
        type=share,
        default=None,
        metavar="X",
        help="override the target: outcome >= X (a share 0-1 for sustained_share_final)",
    )
    w.add_argument("--futures", type=whole(4), default=None, metavar="N", help="override the number of futures")
    w.add_argument("--seeds", type=whole(1), default=None, metavar="N", help="override the seeds per future")
    _common(w, "results/<name>-<timestamp>")
    w.set_defaults(func=cmd_whatif)


def _default_out(name: str) -> Path:
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", name)
    return Path("results") / f"{slug}-{dt.datetime.now().strftime('%Y%m%d-%H%M%S')}"


def _note_scenario(calibrated: str, used: list[str], path: Path) -> None:
    """Say on stderr when an ensemble was calibrated on another scenario than the one it is used with."""
    other = [u for u in used if calibrated and u != calibrated]
    if other:
        print(
            f"note: {path} was calibrated on scenario '{calibrated}', used here with {', '.join(other)}",
            file=sys.stderr,
        )


def cmd_compare(args: argparse.Namespace) -> int:
    """``plpbk compare``: paired comparison of policies with the baseline."""
    from simulator.analysis.ensemble import load_ensemble
    from simulator.policy.compare import COMPARE_SEED, compare, resolve_policies
    from simulator.scenario import load_scenario

    sc = load_scenario(args.scenario)
    if args.years is not None:
        sc = sc.with_years(args.years)
    pols = resolve_policies(args.policies)
    ens = None
    if args.ensemble is not None:
        ens = load_ensemble(args.ensemble)
        ens.check(sc)
        _note_scenario(ens.scenario, [sc.name], ens.path)
    out = args.out or _default_out(f"compare-{sc.name}")
    if not args.quiet:
        k = 1 if ens is None else ens.n
        sets = "" if ens is None else f" x {k} parameter sets"
        print(
            f"plpbk compare: {sc.name} ({sc.n_wards} wards, {sc.values['time.years']} years): baseline + "
            f"{', '.join(p.name for p in pols)} on {args.seeds} paired seeds{sets} = "
            f"{(len(pols) + 1) * args.seeds * k} runs",
            flush=True,
        )
    cmp = run_guarded(
        "compare",
        out,
        lambda: compare(
            sc,
            pols,
            seeds=args.seeds,
            master_seed=COMPARE_SEED if args.master_seed is None else args.master_seed,
            out=out,
            executor=batch_executor(args),
            scheduler=args.scheduler,
            workers=args.workers,
            resume=args.resume,
            progress=not args.quiet,
            lang=args.lang,
            ensemble=ens,
        ),
    )
    code = report_failures("compare", cmp.failures)
    if args.quiet:
        print(out)
        return code
    e = cmp.effects[cmp.effects["outcome"] == "sustained_share_final"].set_index("policy")
    costs = cmp.costs.set_index("policy").to_dict("index")
    w = max(len(n) for n in e.index)
    print(
        f"\n  {'policy':<{w}}  {'extra sustained wards [95%]':>28}  {'better/tie/worse':>16}  {'cost/ward/yr':>12}  "
        f"{'Rp m per extra ward':>19}"
    )
    for name, r in e.iterrows():
        k = cmp.scenario.n_wards
        ci = f"{r['diff'] * k:+.1f} [{r['ci_low'] * k:+.1f}, {r['ci_high'] * k:+.1f}]"
        per = float(costs[name]["cost_per_extra_ward"])
        per_s = f"{per:.0f}" if not math.isnan(per) else "undefined"
        cost = float(costs[name]["cost_per_ward_year"])
        btw = f"{int(r['better'])}/{int(r['tie'])}/{int(r['worse'])}"
        print(f"  {name!s:<{w}}  {ci:>28}  {btw:>16}  {cost:12.1f}  {per_s:>19}")
    print(f"\npolicy brief: {out}/brief.md (and brief.html); tables and plots in {out}/")
    return code


def cmd_whatif(args: argparse.Namespace) -> int:
    """``plpbk whatif``: policies across uncertain futures."""
    from simulator.policy.whatif import load_whatif, whatif, with_ensemble

    spec = load_whatif(args.experiment, futures=args.futures, seeds=args.seeds, threshold=args.threshold)
    spec = with_ensemble(spec, args.ensemble)
    if spec.ensemble is not None:
        _note_scenario(spec.ensemble.scenario, [s.name for s in spec.scenarios], spec.ensemble.path)
    out = args.out or _default_out(spec.name)
    if not args.quiet:
        n = spec.n_runs
        sets = "" if spec.ensemble is None else f" x {spec.sets} parameter sets"
        print(
            f"plpbk whatif: {spec.name}: {len(spec.options)} options (baseline + {len(spec.policies)} policies) x "
            f"{spec.futures} futures{sets} x {spec.seeds} seeds x {len(spec.scenarios)} scenario(s) = {n} runs; "
            f"target {spec.outcome} >= {spec.threshold:g}",
            flush=True,
        )
    wi = run_guarded(
        "whatif",
        out,
        lambda: whatif(
            spec,
            out=out,
            executor=batch_executor(args),
            scheduler=args.scheduler,
            workers=args.workers,
            resume=args.resume,
            progress=not args.quiet,
            lang=args.lang,
            announce=None if args.quiet else print,
        ),
    )
    code = report_failures("whatif", wi.failures)
    if args.quiet:
        print(out)
        return code
    for name, r in wi.results.items():
        rob = r.robustness
        w = max(len(o) for o in rob["option"])
        print(f"\n{name}: Kendall's W = {r.stability['kendall_w']:.2f}; most robust: {r.stability['most_robust']}")
        pts = 100.0 if wi.spec.outcome.startswith("sustained_share") else 1.0
        reg = "regret (pts)" if pts == 100.0 else "mean regret"
        print(f"  {'option':<{w}}  {'meets':>6}  {reg:>12}  {'cost/ward/yr':>12}  where it fails (PRIM box)")
        boxes = r.boxes.set_index("option")
        for _, row in rob.iterrows():
            b = boxes.loc[row["option"]]
            where = (
                "never misses"
                if b["futures_missed"] == 0
                else "misses everywhere"
                if b["futures_missed"] == b["futures"]
                else f"{b['box']} (coverage {b['coverage']:.0%}, density {b['density']:.0%})"
                if b["restricted"]
                else "no simple region"
            )
            print(
                f"  {row['option']:<{w}}  {row['meets_share']:6.0%}  {row['regret_mean'] * pts:12.3g}  "
                f"{row['cost_per_ward_year']:12.1f}  {where}"
            )
    print(f"\npolicy brief: {out}/brief.md (and brief.html); tables and plots in {out}/")
    return code


__all__ = ["add_commands", "cmd_compare", "cmd_whatif"]
