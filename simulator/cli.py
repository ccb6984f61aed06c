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
from typing import Any, NoReturn

from simulator import status_cli
from simulator.analysis import ablation_cli, validation_cli
from simulator.batch import cli as batch_cli
from simulator.cli_common import CommandExit, UserError, add_max_runs, out_dir, report_failures, whole
from simulator.dashboard import cli as dashboard_cli
from simulator.params import PARAMETERS, markdown_table
from simulator.policy import cli as policy_cli
from simulator.scenario import (
    list_policies,
    list_presets,
    load_scenario,
    parse_assignment,
)
from simulator.sensitivity import cli as sensitivity_cli

EXAMPLES_RUN = """examples:
  plpbk run                                   baseline, 20 years, 10 seeds
  plpbk run kendal --seeds 50                 a preset, 50 seeds
  plpbk run my.toml --set trust.initial=0.7   a file, one value changed
  plpbk run pekalongan --policy marketing-push --out results/mp
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


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
    # one module per group of commands; each registers its commands (in the order of 'plpbk --help')
    for add_commands in (
        add_run_commands,
        batch_cli.add_commands,
        validation_cli.add_commands,
        add_scenarios_command,
        status_cli.add_commands,
        sensitivity_cli.add_commands,
        policy_cli.add_commands,
        ablation_cli.add_commands,
        dashboard_cli.add_commands,
    ):
        add_commands(sub)
    return ap


def add_run_commands(sub: Any) -> None:
    """Register ``run`` and ``params`` (defined here).

    Args:
        sub: The subparsers object of the ``plpbk`` parser.
    """
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
    r.add_argument("--seeds", type=whole(1), default=10, metavar="N", help="number of seeds (runs), default 10")
    r.add_argument(
        "--seed-start", type=whole(0), default=0, metavar="S", help="first seed; runs use S, S+1, ... (default 0)"
    )
    r.add_argument(
        "--years", type=whole(1), default=None, metavar="Y", help="years to simulate (default: the scenario's, 20)"
    )
    r.add_argument(
        "--out",
        type=out_dir,
        default=None,
        metavar="DIR",
        help="output folder (default results/<scenario>-<timestamp>); must not exist or be empty",
    )
    r.add_argument("--format", choices=("parquet", "csv"), default="parquet", help="table format (default parquet)")
    r.add_argument("--svg", action="store_true", help="also write plots as SVG")
    r.add_argument("--no-plots", action="store_true", help="skip the plots")
    r.add_argument("--quiet", action="store_true", help="print only the output folder")
    add_max_runs(r)
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


def add_scenarios_command(sub: Any) -> None:
    """Register ``scenarios`` (defined here).

    Args:
        sub: The subparsers object of the ``plpbk`` parser.
    """
    s = sub.add_parser(
        "scenarios",
        help="list the built-in scenario presets and policies",
        description="List the built-in scenario presets and policy files with one-line descriptions.",
    )
    s.set_defaults(func=cmd_scenarios)


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
    from simulator.batch.limits import check_runs
    from simulator.results import describe, run
    from simulator.store import now, write_run

    check_runs(args.seeds, "", f"--seeds {args.seeds:,}")
    overrides = dict(parse_assignment(a) for a in args.sets)
    sc = load_scenario(args.scenario, policies=args.policy, overrides=overrides, years=args.years)
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
            f"plpbk run: {sc.name}{pol}: {sc.n_wards:,} wards, {sc.values['time.years']} years "
            f"from {sc.values['time.start_year']}, {args.seeds} seed{'s' if args.seeds != 1 else ''}",
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
            cells = "  ".join(f"{_short(row[k]):>9}" for k in ("mean", "p5", "p95"))
            print(f"  {row['outcome']:<{width}}  {cells}")
        print(
            f"\nresults written to {out}/ (tables: {args.format}; manifest.json"
            + ("" if args.no_plots else "; plots/*.png")
            + ")"
        )
    else:
        print(out)
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
        print(f"  {name:<22} {desc}")
    print("\nPolicies (plpbk run SCENARIO --policy NAME):")
    for name, desc in list_policies():
        print(f"  {name:<22} {desc}")
    return 0


def _short(x: float) -> str:
    """A summary value in three significant digits, or whole with thousands separators from 1,000 up."""
    return f"{x:,.0f}" if abs(x) >= 1000 else f"{x:.3g}"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``plpbk`` command.

    Args:
        argv: Arguments (default: ``sys.argv[1:]``).

    Returns:
        The exit code.
    """
    from simulator.batch import run_limit
    from simulator.errors import RunsFailed, UserInputError

    ap = build_parser()
    args = ap.parse_args(argv)
    if args.command is None:
        ap.print_help()
        return 0
    if args.command not in ("params", "scenarios") and sys.stderr.isatty():
        from simulator.model import kernels

        if kernels.cold():
            print("plpbk: compiling the model's kernels (once per installation, about a minute)...", file=sys.stderr)
    try:
        with run_limit(getattr(args, "max_runs", None)):
            return int(args.func(args))
    except CommandExit as e:
        return e.code
    except RunsFailed as e:
        print(f"plpbk {args.command}: error: {e}", file=sys.stderr)
        return report_failures(args.command, e.failures)
    except UserInputError as e:  # ScenarioError, OutputError, SizeError, SchedulerError, UserError, ...
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
