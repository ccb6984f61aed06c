"""The batch flags every batch-backed command shares (``simulator.cli_common.add_batch_args``)."""

from __future__ import annotations

import argparse

import pytest

from simulator.cli import build_parser
from simulator.cli_common import UserError, batch_executor

BATCH_COMMANDS = {
    "batch": ["x.toml"],
    "validate": [],
    "calibrate": ["x.toml"],
    "sensitivity": ["x.toml"],
    "compare": ["marketing-push"],
    "whatif": ["x.toml"],
    "ablate": ["kendal"],
}


def _actions(command: str) -> dict[str, argparse.Action]:
    ap = build_parser()
    sub = next(a for a in ap._actions if isinstance(a, argparse._SubParsersAction))
    return {a.dest: a for a in sub.choices[command]._actions}


@pytest.mark.parametrize("command", sorted(BATCH_COMMANDS))
def test_every_batch_command_has_the_same_flags(command: str) -> None:
    ref, got = _actions("batch"), _actions(command)
    for dest in ("executor", "workers", "scheduler", "resume"):
        a, b = ref[dest], got[dest]
        assert (a.option_strings, a.default, a.choices, a.metavar, a.help) == (
            b.option_strings,
            b.default,
            b.choices,
            b.metavar,
            b.help,
        ), (command, dest)
    assert got["out"].help.startswith("output folder (default ")
    assert got["quiet"].help.startswith("no progress bar; ")  # then what the command still prints
    assert got["executor"].default == "processes"


@pytest.mark.parametrize("command", sorted(BATCH_COMMANDS))
def test_scheduler_implies_dask_and_refuses_another_explicit_executor(command: str) -> None:
    ap = build_parser()
    pos = BATCH_COMMANDS[command]
    assert batch_executor(ap.parse_args([command, *pos])) == "processes"
    assert batch_executor(ap.parse_args([command, *pos, "--executor", "serial"])) == "serial"
    assert batch_executor(ap.parse_args([command, *pos, "--scheduler", "tcp://h:1"])) == "dask"
    assert batch_executor(ap.parse_args([command, *pos, "--scheduler", "tcp://h:1", "--executor", "dask"])) == "dask"
    with pytest.raises(UserError, match="--scheduler needs --executor dask"):
        batch_executor(ap.parse_args([command, *pos, "--scheduler", "tcp://h:1", "--executor", "processes"]))
