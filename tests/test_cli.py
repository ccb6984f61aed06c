"""The ``plpbk`` command as a user types it, through ``subprocess``.

Every bad input must exit with status 2, print one line on stderr without a
traceback, and leave neither the output folder nor a hidden partial folder
behind. All commands but one run concurrently in one fixture (each pays ~1.5 s of
start-up, importing Mesa).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest

import simulator
from simulator.params import PARAMETERS, markdown_table
from simulator.store import open_results

PLPBK = [sys.executable, "-m", "simulator.cli"]
TABLES = ("timeseries", "summary", "events", "wards")


def plpbk(*args: str, cwd: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*PLPBK, *args], capture_output=True, text=True, cwd=cwd, timeout=timeout)


# --------------------------------------------------------------------------- all commands, run concurrently

Proc = subprocess.CompletedProcess[str]
GOOD_RUN = ["run", "--years", "3", "--seeds", "2", "--out", "res"]
CSV_RUN = ["run", "kendal", "--years", "6", "--seeds", "3", "--seed-start", "5", "--format", "csv"]
CSV_RUN += ["--set", "trust.initial=0.6", "--policy", "csr-forum", "--no-plots", "--quiet", "--out", "nested/res-csv"]
GOOD = {
    "run": GOOD_RUN,
    "csv": CSV_RUN,
    "default-out": ["run", "--years", "1", "--seeds", "1", "--no-plots", "--quiet"],
    "params": ["params"],
    "markdown": ["params", "--markdown"],
    "scenarios": ["scenarios"],
    "version": ["--version"],
    "run-help": ["run", "--help"],
}
"""Good commands, each run in its own empty folder."""


@pytest.fixture(scope="module")
def launched(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, set[str], Proc]]:
    """Run every good command and every bad case at once (each pays ~1.5 s of start-up)."""
    jobs: list[tuple[str, list[str], Path]] = []
    for key, args in GOOD.items():
        jobs.append((key, args, tmp_path_factory.mktemp(key)))
    for case in CASES:
        d = tmp_path_factory.mktemp(case.id)
        for name, text in case.files.items():
            (d / name).write_text(text, encoding="utf-8")
        if case.setup:
            case.setup(d)
        jobs.append((case.id, case.args, d))
    before = {key: {str(p.relative_to(d)) for p in d.rglob("*")} for key, _, d in jobs}
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        procs = list(pool.map(lambda j: plpbk(*j[1], cwd=j[2], timeout=300), jobs))
    return {key: (d, before[key], proc) for (key, _, d), proc in zip(jobs, procs, strict=True)}


@pytest.fixture(scope="module")
def parquet_run(launched: dict[str, tuple[Path, set[str], Proc]]) -> tuple[Path, Proc]:
    d, _, proc = launched["run"]
    return d / "res", proc


@pytest.fixture(scope="module")
def csv_run(launched: dict[str, tuple[Path, set[str], Proc]]) -> tuple[Path, Proc]:
    d, _, proc = launched["csv"]
    return d / "nested" / "res-csv", proc


def good(launched: dict[str, tuple[Path, set[str], Proc]], key: str) -> Proc:
    proc = launched[key][2]
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return proc


class TestRun:
    def test_exit_and_message(self, parquet_run: tuple[Path, Proc]) -> None:
        out, proc = parquet_run
        assert proc.returncode == 0, proc.stderr
        assert "Traceback" not in proc.stderr
        assert out.is_dir()
        assert "results written to res/" in proc.stdout
        assert "private route: share of proposals answered" in proc.stdout

    def test_parquet_tables(self, parquet_run: tuple[Path, Proc]) -> None:
        out, _ = parquet_run
        for name in TABLES:
            assert (out / f"{name}.parquet").is_file(), name
        ts = pd.read_parquet(out / "timeseries.parquet")
        assert len(ts) == 2 * 3
        assert sorted(ts.seed.unique().tolist()) == [0, 1]
        assert ts.year.tolist() == [2008, 2009, 2010] * 2
        assert len(pd.read_parquet(out / "summary.parquet")) == 2
        assert len(pd.read_parquet(out / "events.parquet")) > 0

    def test_same_numbers_as_the_library(self, parquet_run: tuple[Path, Proc]) -> None:
        out, _ = parquet_run
        ts = pd.read_parquet(out / "timeseries.parquet")
        lib = simulator.run(seed=[0, 1], years=3).timeseries
        pd.testing.assert_frame_equal(ts, lib, check_dtype=False)

    def test_manifest(self, parquet_run: tuple[Path, Proc]) -> None:
        out, _ = parquet_run
        man = json.loads((out / "manifest.json").read_text())
        assert man["kind"] == "plpbk-run"
        assert man["seeds"] == [0, 1]
        assert man["years"] == 3
        assert man["format"] == "parquet"
        assert man["scenario"]["name"] == "baseline"
        assert man["scenario"]["values"]["time.years"] == 3
        assert len(man["scenario"]["values"]) == len(PARAMETERS)
        assert len(man["scenario_digest"]) == 16
        assert "git_revision" in man
        for pkg in ("python", "mesa", "numpy", "pandas"):
            assert man["versions"].get(pkg), pkg
        assert man["started"] <= man["finished"]
        assert man["command"][:2] == ["plpbk", "run"]
        for f in man["files"]:
            assert (out / f).is_file(), f

    def test_plots(self, parquet_run: tuple[Path, Proc]) -> None:
        out, _ = parquet_run
        pngs = sorted((out / "plots").glob("*.png"))
        assert len(pngs) >= 4
        for p in pngs:
            assert p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
            assert p.stat().st_size > 5000

    def test_no_partial_folder_left(self, parquet_run: tuple[Path, Proc]) -> None:
        out, _ = parquet_run
        assert [p.name for p in out.parent.iterdir()] == ["res"]

    def test_open_results(self, parquet_run: tuple[Path, Proc]) -> None:
        out, _ = parquet_run
        res = open_results(out)
        assert res.kind == "plpbk-run"
        assert len(res.timeseries) == 6 and len(res.summary) == 2

    def test_csv_format_with_set_policy_and_quiet(self, csv_run: tuple[Path, Proc]) -> None:
        out, proc = csv_run
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.strip() == "nested/res-csv"  # --quiet prints only the folder
        for name in TABLES:
            assert (out / f"{name}.csv").is_file(), name
            assert not (out / f"{name}.parquet").exists()
        assert not (out / "plots").exists()
        ts = pd.read_csv(out / "timeseries.csv")
        assert sorted(ts.seed.unique().tolist()) == [5, 6, 7]
        assert (ts.scenario == "kendal").all()
        man = json.loads((out / "manifest.json").read_text())
        assert man["format"] == "csv"
        assert man["seeds"] == [5, 6, 7]
        assert man["scenario"]["policies"] == ["csr-forum"]
        assert man["scenario"]["values"]["trust.initial"] == 0.6
        assert man["scenario"]["values"]["levers.csr_forum"] == 0.6
        assert man["scenario"]["values"]["bkm.coordination"] == 0.55

    def test_default_output_folder(self, launched: dict[str, tuple[Path, set[str], Proc]]) -> None:
        d, _, _ = launched["default-out"]
        proc = good(launched, "default-out")
        out = d / proc.stdout.strip()
        assert out.parent == d / "results"
        assert out.name.startswith("baseline-")
        assert (out / "manifest.json").is_file()

    def test_interrupt_leaves_nothing(self, tmp_path: Path) -> None:
        out = tmp_path / "out"
        proc = subprocess.Popen(
            [*PLPBK, "run", "--seeds", "100000", "--out", str(out)],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        proc.stdout.readline()  # the header is printed once the runs start
        time.sleep(0.3)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 130
        assert "Traceback" not in err
        assert "interrupted" in err
        assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- other commands


class TestOtherCommands:
    def test_params_lists_every_parameter(self, launched: dict[str, tuple[Path, set[str], Proc]]) -> None:
        proc = good(launched, "params")
        names = {line.split()[0] for line in proc.stdout.splitlines() if line and not line.startswith(" ")}
        assert names == {p.name for p in PARAMETERS}
        for p in PARAMETERS[:5]:
            assert p.meaning[:40] in proc.stdout.replace("\n", " ")

    def test_params_markdown(self, launched: dict[str, tuple[Path, set[str], Proc]]) -> None:
        md = good(launched, "markdown")
        assert md.stdout == markdown_table()

    def test_scenarios(self, launched: dict[str, tuple[Path, set[str], Proc]]) -> None:
        proc = good(launched, "scenarios")
        for name in ("baseline", "kendal", "pekalongan", "central-java", "showcase", "marketing-push", "csr-forum"):
            assert name in proc.stdout

    def test_version_and_help(self, launched: dict[str, tuple[Path, set[str], Proc]]) -> None:
        proc = good(launched, "version")
        assert simulator.__version__ in proc.stdout
        proc = good(launched, "run-help")
        assert "examples:" in proc.stdout and "--set" in proc.stdout and "--policy" in proc.stdout


# --------------------------------------------------------------------------- bad inputs


@dataclass
class Case:
    """One bad command: files to create in its own folder, arguments, and text the error must contain."""

    id: str
    args: list[str]
    expect: list[str]
    files: dict[str, str] = field(default_factory=dict)
    setup: Callable[[Path], None] | None = None


def _not_empty(d: Path) -> None:
    (d / "out").mkdir()
    (d / "out" / "keep.txt").write_text("mine")


def _blocking_file(d: Path) -> None:
    (d / "afile").write_text("not a folder")


RUN = ["run", "--years", "2", "--seeds", "1"]
CASES = [
    Case(
        "unknown-key",
        [*RUN, "s.toml", "--out", "out"],
        ["s.toml", "unknown key 'trust.initail'", "did you mean 'trust.initial'"],
        {"s.toml": "[trust]\ninitail = 0.5\n"},
    ),
    Case(
        "wrong-type",
        [*RUN, "s.toml", "--out", "out"],
        ["s.toml", "trust.initial = 'high'", "must be a number in [0, 1]"],
        {"s.toml": '[trust]\ninitial = "high"\n'},
    ),
    Case(
        "out-of-range",
        [*RUN, "s.toml", "--out", "out"],
        ["s.toml", "bkm.coordination = 1.5", "out of range", "[0, 1]"],
        {"s.toml": "[bkm]\ncoordination = 1.5\n"},
    ),
    Case("missing-file", [*RUN, "nope.toml", "--out", "out"], ["nope.toml", "no such scenario file"]),
    Case(
        "unreadable-toml",
        [*RUN, "s.toml", "--out", "out"],
        ["s.toml", "not valid TOML"],
        {"s.toml": "[trust\ninitial = 0.5\n"},
    ),
    Case(
        "bad-wards-csv",
        [*RUN, "s.toml", "--out", "out"],
        ["w.csv", "line 2", "maturity = 'great'"],
        {
            "s.toml": '[scenario]\nwards_csv = "w.csv"\n',
            "w.csv": "name,regency,maturity,grant_received,plan_items\nA,R,great,1000,12\n",
        },
    ),
    Case(
        "bad-structure",
        [*RUN, "s.toml", "--out", "out"],
        ["s.toml", "structure.trust = 'learnt'", "must be one of learned, symmetric, fixed", "did you mean 'learned'"],
        {"s.toml": '[structure]\ntrust = "learnt"\n'},
    ),
    Case(
        "bad-set-structure",
        [*RUN, "--set", "structure.renewal=yearly", "--out", "out"],
        ["structure.renewal = 'yearly'", "must be one of decision, lapse"],
    ),
    Case(
        "bad-market-access",
        [*RUN, "s.toml", "--out", "out"],
        ["w.csv", "line 2", "market_access = '1.4'", "[0, 1]"],
        {
            "s.toml": '[scenario]\nwards_csv = "w.csv"\n',
            "w.csv": "name,regency,maturity,grant_received,plan_items,market_access\nA,R,berdaya,1000,12,1.4\n",
        },
    ),
    Case(
        "bad-status-csv",
        [*RUN, "s.toml", "--out", "out"],
        ["st.csv", "line 3", "aware_government = 1 is less than live_government = 2"],
        {
            "s.toml": '[scenario]\nstatus_csv = "st.csv"\n[time]\nstart_year = 2026\n',
            "st.csv": "# a comment\nname,regency,bkm_status,live_government,live_private,assets,asset_condition,"
            "aware_government\nA,R,mandiri,2,0,300,0.8,1\n",
        },
    ),
    Case(
        "status-more-partners-than-reach",
        [*RUN, "s.toml", "--out", "out"],
        ["st.csv: line 2", "ward 'A' has 9 agencies", "only 6 agencies reach it"],
        {
            "s.toml": '[scenario]\nstatus_csv = "st.csv"\n[time]\nstart_year = 2026\n[wards]\nregions = 1\n'
            "[government]\nagencies = 6\n",
            "st.csv": "name,regency,bkm_status,live_government,live_private,assets,asset_condition\n"
            "A,R,mandiri,9,0,300,0.8\n",
        },
    ),
    Case("negative-years", ["run", "--years", "-1", "--out", "out"], ["--years", "-1", ">= 1"]),
    Case("too-many-years", ["run", "--years", "500", "--out", "out"], ["time.years = 500", "[1, 200]"]),
    Case("zero-seeds", ["run", "--seeds", "0", "--out", "out"], ["--seeds", ">= 1"]),
    Case("bad-set-value", [*RUN, "--set", "trust.initial=abc", "--out", "out"], ["trust.initial", "must be a number"]),
    Case("bad-set-key", [*RUN, "--set", "trust.inital=0.4", "--out", "out"], ["did you mean 'trust.initial'"]),
    Case("unknown-policy", [*RUN, "--policy", "world-peace", "--out", "out"], ["world-peace", "marketing-push"]),
    Case(
        "policy-non-lever",
        [*RUN, "--policy", "p.toml", "--out", "out"],
        ["p.toml", "trust.initial"],
        {"p.toml": '[policy]\nname = "p"\n[levers]\ncsr_forum = 0.5\n[trust]\ninitial = 0.9\n'},
    ),
    Case("out-not-empty", [*RUN, "--out", "out"], ["out: output folder already exists"], setup=_not_empty),
    Case("out-under-a-file", [*RUN, "--out", "afile/out"], ["afile/out", "cannot create"], setup=_blocking_file),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_bad_input(case: Case, launched: dict[str, tuple[Path, set[str], Proc]]) -> None:
    """Exit 2, an error line naming what was wrong, no traceback, nothing left behind."""
    d, before, proc = launched[case.id]
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr
    err = proc.stderr.strip().splitlines()[-1]
    assert err.startswith("plpbk"), err
    assert "error" in err
    for text in case.expect:
        assert text in err, (text, err)
    assert "results written" not in proc.stdout
    after = {str(p.relative_to(d)) for p in d.rglob("*")}
    assert after == before, f"left behind: {sorted(after - before)}"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_bad_input_is_one_line(case: Case, launched: dict[str, tuple[Path, set[str], Proc]]) -> None:
    """The whole of stderr is the one error line (no progress output before it)."""
    _, _, proc = launched[case.id]
    err = proc.stderr.strip()
    assert err and "\n" not in err, f"expected one line on stderr, got: {proc.stderr!r}"
