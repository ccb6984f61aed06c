"""Every exception the simulator raises on purpose, in one home, under one base class.

Catch :class:`PlpbkError` for anything the simulator reports; catch :class:`UserInputError`
for problems with what the user gave (files, values, flags, output folders): the command line
prints those in one line and exits 2. :class:`RunsFailed` and :class:`WorkerCrashError` are
not the user's input: runs that raised or a worker that died (exit 1). Each class also derives
from the built-in exception it used to be (``ValueError``, ``OSError``, ``RuntimeError``), so
code that caught those still does. The modules that raise them re-export them under their old
names (``simulator.scenario.ScenarioError`` is this module's ``ScenarioError``).

This module imports nothing from the simulator, so any module may import it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any


class PlpbkError(Exception):
    """Base class of every exception the simulator raises on purpose."""


class UserInputError(PlpbkError):
    """A problem with what the user gave; reported in one line naming the file, key or flag (exit 2)."""


class ScenarioError(UserInputError, ValueError):
    """A user error in a scenario, policy, wards file or override (one-line message)."""


class ExperimentError(ScenarioError):
    """A user error in an experiment file (one-line message)."""


class EnsembleError(ScenarioError):
    """A user error in an ensemble file (one-line message naming the file, set and key)."""


class SensitivityError(UserInputError, ValueError):
    """A user error in a sensitivity set-up (one-line message)."""


class SizeError(UserInputError, ValueError):
    """A design or a worker count beyond the limits (a user error: exit 2)."""


class OutputError(UserInputError, OSError):
    """The output folder cannot be used (exists, unwritable, disk full)."""


class SchedulerError(UserInputError, OSError):
    """A Dask scheduler could not be reached or started (a user error: exit 2)."""


class WorkerCrashError(PlpbkError, RuntimeError):
    """The executor stopped working (a worker process died); completed runs are stored."""


class RunsFailed(PlpbkError, RuntimeError):  # noqa: N818 (reads as what happened: "runs failed")
    """Runs of a job raised, so its analysis cannot be (fully) made; the runs that succeeded are stored.

    The command line lists the failures and exits 1; the same command with ``--resume`` runs
    the failed runs again.

    Attributes:
        out: The job's folder.
        failures: One record per failed run (run_id, point, replicate, seed, error, and for a
            what-if the scenario).
    """

    def __init__(self, out: Path, failures: Sequence[Mapping[str, Any]], what: str = "") -> None:
        self.out = out
        self.failures = [dict(f) for f in failures]
        n = len(self.failures)
        super().__init__(f"{n} run{'s' * (n != 1)} failed{what}; the runs that succeeded are stored in {out}")


__all__ = [
    "EnsembleError",
    "ExperimentError",
    "OutputError",
    "PlpbkError",
    "RunsFailed",
    "ScenarioError",
    "SchedulerError",
    "SensitivityError",
    "SizeError",
    "UserInputError",
    "WorkerCrashError",
]
