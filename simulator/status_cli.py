"""``plpbk status``: write a ward-status CSV file from a scenario's simulated state in a given year.

The file is what a run that starts from today reads (``[scenario] status_csv``): each ward's BKM
status, managing body, marketing skill, coordination, fee collection, live partnerships by sector,
trust, assets and their condition, cash and unfunded plan items. The shipped ``kendal-2026`` and
``pekalongan-2026`` presets read files written by this command from their presets (seed 0), a
stand-in until a regency's real ward data replace them.
"""

from __future__ import annotations

import argparse
import csv
import io
from pathlib import Path
from typing import Any

from simulator.cli_common import UserError, out_file, whole
from simulator.scenario import load_scenario, parse_assignment

_DECIMALS = {"assets": 1, "cash": 1, "lat": 5, "lon": 5}
"""Decimals written per column; other fractional columns (0..1 qualities) get 3."""


def add_commands(sub: Any) -> None:
    """Register ``status``.

    Args:
        sub: The subparsers object of the ``plpbk`` parser.
    """
    s = sub.add_parser(
        "status",
        help="write a ward-status CSV file: each ward's state in a simulated year, to start runs from",
        description="Simulate a scenario up to YEAR with one seed and write each ward's state at the end of "
        "that year as a ward-status CSV file. A scenario with [scenario] status_csv = FILE and "
        "time.start_year = YEAR + 1 then starts from it (see docs/scenarios.md, 'Starting from today'). "
        "Replace the simulated values with a regency's real data where you have them.",
        epilog="examples:\n  plpbk status kendal --year 2025 --out kendal-2026.csv\n"
        "  plpbk status pekalongan --year 2025 --seed 3 --out my-wards.csv",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    s.add_argument("scenario", help="scenario file or preset name")
    s.add_argument("--year", type=whole(1), required=True, metavar="YEAR", help="the last simulated year")
    s.add_argument("--seed", type=whole(0), default=0, metavar="S", help="the run's seed (default 0)")
    s.add_argument(
        "--set", action="append", default=[], metavar="KEY=VALUE", dest="sets", help="override one parameter"
    )
    s.add_argument("--out", type=out_file, required=True, metavar="FILE", help="the CSV file to write")
    s.set_defaults(func=cmd_status)


def cmd_status(args: argparse.Namespace) -> int:
    """``plpbk status``: simulate up to ``--year`` and write the wards' state."""
    from simulator.model.model import PartnershipModel
    from simulator.store import atomic_path
    from simulator.version import __version__

    sc = load_scenario(args.scenario, overrides=dict(parse_assignment(a) for a in args.sets))
    first = int(sc.values["time.start_year"])
    if args.year < first:
        raise UserError(f"--year {args.year} is before the scenario's first year {first} (time.start_year)")
    sc = sc.with_years(args.year - first + 1, origin="--year")
    model = PartnershipModel(sc, rng=args.seed)
    while model.running:
        model.step()
    text = status_csv_text(
        model,
        [
            f"Ward status at the end of {args.year}: scenario {sc.name} ({sc.source}), seed {args.seed}, "
            f"simulated by plpbk {__version__} (plpbk status {args.scenario} --year {args.year} --seed {args.seed}).",
            "Simulated values, a stand-in until real ward data replace them. Columns: docs/scenarios.md.",
        ],
    )
    with atomic_path(Path(args.out)) as tmp:
        tmp.write_text(text, encoding="utf-8")
    print(f"{args.out}: {model.n_wards} wards as simulated at the end of {args.year}")
    return 0


def status_csv_text(model: Any, comments: list[str]) -> str:
    """A model's ward status as CSV text with ``#`` comment lines first (values rounded for reading).

    Args:
        model: A :class:`~simulator.model.model.PartnershipModel` at the end of the wanted year.
        comments: Lines written first, each as a ``#`` comment.

    Returns:
        The file's text.
    """
    from simulator.model.status import COLUMNS, status_table

    table = status_table(model)
    buf = io.StringIO()
    buf.writelines(f"# {c}\n" for c in comments)
    out = csv.writer(buf, lineterminator="\n")
    out.writerow(COLUMNS)
    for i in range(model.n_wards):
        out.writerow([_cell(col, table[col][i]) for col in COLUMNS])
    return buf.getvalue()


def _cell(col: str, x: Any) -> str:
    if x is None:
        return ""
    if isinstance(x, float):
        return f"{round(x, _DECIMALS.get(col, 3)):g}"
    return str(x)
