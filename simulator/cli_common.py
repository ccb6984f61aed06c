"""What every ``plpbk`` command module shares: errors, the batch guard, number parsers, batch flags.

This module is the one home of these things. The command modules (``simulator/cli.py`` and
``simulator/*/cli.py``, ``simulator/analysis/*_cli.py``) import from here and from the
library, never from each other; ``simulator/cli.py`` imports the command modules to register
them. So this module imports nothing of the ``plpbk`` commands (and, at import time, nothing
of the library but ``simulator.errors``: the batch engine is imported where a guard needs it).
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from simulator.errors import UserInputError

EXECUTOR_CHOICES = ("serial", "processes", "dask")
"""The ``--executor`` names (those of ``simulator.batch.EXECUTORS``)."""


class UserError(UserInputError):
    """An error in what the user typed, found by the command line; reported in one line, exit 2."""


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


def report_failures(command: str, failures: Sequence[Any], *, shown: int = 5) -> int:
    """Print the runs that failed with their errors, and how to retry them.

    Args:
        command: The subcommand's name.
        failures: Failure records (run_id, seed, error; a what-if adds scenario).
        shown: How many are listed before "and N more".

    Returns:
        The exit code: 1 when runs failed, else 0.
    """
    if not failures:
        return 0
    n = len(failures)
    print(f"plpbk {command}: {n} run{'s' * (n != 1)} failed:", file=sys.stderr)
    for f in failures[:shown]:
        where = [f"{f['scenario']}" if f.get("scenario") else "", f"point {f['point']}" if "point" in f else ""]
        where.append(f"seed {f['seed']}")
        error = str(f.get("error", "")).strip().splitlines() or ["(no message)"]
        print(f"  run {f['run_id']} ({', '.join(w for w in where if w)}): {error[-1]}", file=sys.stderr)
    if n > shown:
        print(f"  ... and {n - shown} more (see runs.parquet in the batch folder)", file=sys.stderr)
    print(f"plpbk {command}: fix the cause, then run the same command with --resume to retry them", file=sys.stderr)
    return 1


# --------------------------------------------------------------------------- number parsers (argparse types)


def whole(low: int) -> Callable[[str], int]:
    """An argparse type: a whole number >= ``low``."""

    def conv(text: str) -> int:
        try:
            v = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if v < low:
            raise argparse.ArgumentTypeError(f"{v} is out of range: must be >= {low}")
        return v

    return conv


def share(text: str) -> float:
    """An argparse type: a finite number >= 0 (a share, or a threshold on another outcome)."""
    try:
        v = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(v) or v < 0:
        raise argparse.ArgumentTypeError(f"{v} is out of range: must be a number >= 0")
    return v


def workers(text: str) -> int:
    """An argparse type: a worker count, 1 .. ``simulator.batch.limits.max_workers()``."""
    v = whole(1)(text)
    from simulator.batch.limits import SizeError, check_workers

    try:
        check_workers(v)
    except SizeError as e:
        raise argparse.ArgumentTypeError(str(e).removeprefix("--workers ")) from None
    return v


def out_dir(text: str) -> Path:
    """An argparse type: a results folder that can be created or written (``store.preflight``)."""
    return _preflight(text, folder=True)


def out_file(text: str) -> Path:
    """An argparse type: a file that can be written, in a folder that exists (``store.preflight``)."""
    return _preflight(text, folder=False)


def _preflight(text: str, *, folder: bool) -> Path:
    from simulator.store import OutputError, preflight

    try:
        return preflight(text, folder=folder)
    except OutputError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def port(text: str) -> int:
    """An argparse type: a TCP port, 1..65535."""
    try:
        v = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= v <= 65535:
        raise argparse.ArgumentTypeError(f"{v} is out of range: a port is 1..65535")
    return v


# --------------------------------------------------------------------------- the batch flags


class _Executor(argparse.Action):
    """Store ``--executor`` and note that it was given (so a conflict with ``--scheduler`` is an error)."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        setattr(namespace, self.dest, values)
        namespace.executor_given = True


def add_batch_args(
    parser: argparse.ArgumentParser,
    *,
    default_out: str,
    quiet: str = "print only the output folder",
) -> None:
    """Add the flags of every command that drives the batch engine, with one set of help texts.

    ``--executor {serial,processes,dask}`` (default processes), ``--workers N``,
    ``--scheduler tcp://HOST:PORT`` (implies dask), ``--resume``, ``--quiet`` and
    ``--out DIR``. Read the executor with :func:`batch_executor`.

    Args:
        parser: The command's parser.
        default_out: The default output folder, as shown in the help (e.g.
            ``results/<name>-<timestamp>``).
        quiet: What the command still prints with ``--quiet``, after "no progress bar; ".
    """
    parser.add_argument(
        "--executor",
        choices=EXECUTOR_CHOICES,
        default="processes",
        action=_Executor,
        help="where runs execute: serial (this process), processes (local worker processes, the default) or "
        "dask (a local Dask cluster on 127.0.0.1, or the cluster at --scheduler)",
    )
    parser.add_argument(
        "--workers",
        type=workers,
        default=None,
        metavar="N",
        help="worker processes (default: all CPUs; at most 4 × the CPUs, and never more than the runs)",
    )
    parser.add_argument(
        "--scheduler",
        default=None,
        metavar="tcp://HOST:PORT",
        help="address of a running Dask scheduler (implies --executor dask); see docs/scaling.md",
    )
    parser.add_argument(
        "--out", type=out_dir, default=None, metavar="DIR", help=f"output folder (default {default_out})"
    )
    parser.add_argument(
        "--resume",
        action="store_true",
        help="finish an interrupted job in --out: runs already stored are reused, only missing runs execute",
    )
    parser.add_argument("--quiet", action="store_true", help=f"no progress bar; {quiet}")
    add_max_runs(parser)
    parser.set_defaults(executor_given=False)


def add_max_runs(parser: argparse.ArgumentParser) -> None:
    """Add ``--max-runs N``: the run limit for this command (``simulator.batch.limits``; ``main`` applies it)."""
    parser.add_argument(
        "--max-runs",
        type=whole(1),
        default=None,
        metavar="N",
        help="refuse a job of more than N runs before it starts (default 1,000,000)",
    )


def batch_executor(args: argparse.Namespace) -> str:
    """The executor the batch flags ask for: ``--scheduler`` implies ``dask``.

    Raises:
        UserError: When ``--scheduler`` is given with an explicit ``--executor`` other than dask.
    """
    if args.scheduler:
        if getattr(args, "executor_given", False) and args.executor != "dask":
            raise UserError(f"--scheduler needs --executor dask (got --executor {args.executor})")
        return "dask"
    return str(args.executor)


__all__ = [
    "EXECUTOR_CHOICES",
    "CommandExit",
    "UserError",
    "add_batch_args",
    "add_max_runs",
    "batch_executor",
    "out_dir",
    "out_file",
    "port",
    "report_failures",
    "run_guarded",
    "share",
    "whole",
    "workers",
]
