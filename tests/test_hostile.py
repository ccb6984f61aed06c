"""Hostile input: refused early, in one line, never a hang, a traceback or an orphaned worker.

Each kind of hostile input the command line met (issue 13) is tried here through the CLI in a
subprocess: designs too large to build, absurd worker counts, input files whose tables have
the wrong shape. A driver killed with SIGKILL must take its workers with it, and ``--resume``
must still finish the batch with the tables of an uninterrupted one. A property test feeds the
one table reader (``simulator.spec``) random TOML values of the wrong type.
"""

from __future__ import annotations

import json
import math
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import simulator
from simulator.batch import DEFAULT_MAX_RUNS, SizeError, run_limit
from simulator.batch.experiment import experiment_from_dict
from simulator.batch.limits import check_workers, max_workers
from simulator.scenario import ScenarioError
from simulator.spec import Table, show

PLPBK = [sys.executable, "-m", "simulator.cli"]

LHS = """[experiment]
name = "big"
scenario = "kendal"
{extra}
[design]
kind = "lhs"
samples = {samples}
[design.factors]
"trust.initial" = [0.1, 0.9]
"""
GRID = """[experiment]
scenario = "kendal"
[design]
kind = "grid"
[design.factors]
"trust.initial" = {low = 0.1, high = 0.9, steps = 1001}
"bkm.marketing_skill" = {low = 0.1, high = 0.9, steps = 1000}
"""
SOBOL = """[experiment]
scenario = "kendal"
[design]
kind = "sobol"
samples = 17179869184
[design.factors]
"trust.initial" = [0.1, 0.9]
"bkm.marketing_skill" = [0.1, 0.9]
"""
WHATIF = """[whatif]
scenarios = ["kendal"]
policies = ["marketing-push"]
futures = 100000
seeds = 100
[uncertainty]
"trust.initial" = {low = 0.3, high = 0.7}
"""

# id: (arguments, files, texts the one error line must hold)
CASES: dict[str, tuple[list[str], dict[str, str], list[str]]] = {
    "lhs-1e8": (
        ["batch", "e.toml", "--out", "out"],
        {"e.toml": LHS.format(samples=10**8, extra="")},
        ["e.toml", "100,000,000 runs", "limit of 1,000,000", "--max-runs"],
    ),
    "grid-product": (
        ["batch", "e.toml", "--out", "out"],
        {"e.toml": GRID},
        ["e.toml", "1,001,000 design points", "limit of 1,000,000"],
    ),
    "sobol-2^34": (
        ["sensitivity", "e.toml", "--out", "out"],
        {"e.toml": SOBOL},
        ["e.toml", "runs, more than the limit"],
    ),
    "whatif-futures": (
        ["whatif", "w.toml", "--out", "out"],
        {"w.toml": WHATIF},
        ["w.toml", "100,000 futures", "× 100 seeds", "more than the limit"],
    ),
    "max-runs-lowered": (
        ["batch", "e.toml", "--out", "out", "--max-runs", "10"],
        {"e.toml": LHS.format(samples=4, extra="replicates = 3")},
        ["4 design points × 3 seeds makes 12 runs", "limit of 10"],
    ),
    "workers-10000": (
        ["batch", "e.toml", "--workers", "10000", "--out", "out"],
        {"e.toml": LHS.format(samples=2, extra="")},
        ["--workers", "10000 is out of range", "CPUs"],
    ),
    "workers-0": (
        ["compare", "--scenario", "kendal", "marketing-push", "--workers", "0", "--out", "out"],
        {},
        ["--workers", "0 is out of range"],
    ),
    "experiment-scalar": (
        ["batch", "e.toml"],
        {"e.toml": "experiment = 3\n"},
        ["e.toml", "'experiment' must be a table"],
    ),
    "factors-string": (
        ["batch", "e.toml"],
        {"e.toml": '[experiment]\nscenario = "kendal"\n[design]\nkind = "lhs"\nsamples = 2\nfactors = "x"\n'},
        ["e.toml", "'design.factors' must be a table"],
    ),
    "policies-number": (
        ["batch", "e.toml"],
        {"e.toml": LHS.format(samples=2, extra="policies = [3]")},
        ["e.toml", "experiment.policies = [3]", "list of names"],
    ),
    "huge-seed": (
        ["batch", "e.toml"],
        {"e.toml": LHS.format(samples=2, extra="master_seed = 9223372036854775808")},
        ["master_seed = 9,223,372,036,854,775,808 is out of range", "9,223,372,036,854,775,807"],
    ),
    "toml-nested-deeply": (
        ["run", "s.toml"],
        {"s.toml": "x = " + "[" * 3000 + "]" * 3000 + "\n"},
        ["s.toml: not valid TOML", "nested too deeply"],
    ),
    "policy-name-number": (
        ["run", "--policy", "p.toml"],
        {"p.toml": "[policy]\nname = 3\n[levers]\nmarketing_push = 0.5\n"},
        ["p.toml: policy.name = 3 must be text"],
    ),
    "grid-steps-1e9": (
        ["batch", "e.toml", "--out", "out"],
        {"e.toml": GRID.replace("steps = 1001", "steps = 1000000000")},
        ["design.factors.trust.initial", "steps = 1,000,000,000", "more than the limit"],
    ),
    "run-seeds-1e9": (["run", "--seeds", "1000000000", "--out", "out"], {}, ["--seeds 1,000,000,000 makes"]),
    "compare-seeds-1e9": (
        ["compare", "--scenario", "kendal", "marketing-push", "--seeds", "1000000000", "--out", "out"],
        {},
        ["2 options × --seeds 1,000,000,000 makes 2,000,000,000 runs"],
    ),
    "calibrate-variants": (
        ["calibrate", "e.toml", "--out", "out"],
        {"e.toml": LHS.format(samples=1600, extra="replicates = 40")},
        ["1,601 parameter sets ×", "pattern variants × 40 seeds", "more than the limit"],
    ),
    "point-breaks-a-rule": (
        ["batch", "e.toml", "--out", "out"],
        {
            "e.toml": LHS.format(samples=3, extra="").replace(
                '"trust.initial" = [0.1, 0.9]', '"wards.share_madani" = [0.5, 0.9]'
            )
        },
        ["e.toml: design point 0", "shares must sum to 1"],
    ),
    "scheduler-garbage": (
        ["batch", "e.toml", "--scheduler", "not a url", "--out", "out"],
        {"e.toml": LHS.format(samples=2, extra="")},
        ["cannot reach the Dask scheduler at not a url"],
    ),
    "whatif-flag-named": (
        ["whatif", "w.toml", "--seeds", "100000", "--out", "out"],
        {"w.toml": WHATIF.replace("futures = 100000", "futures = 8")},
        ["--seeds 100,000 is out of range: allowed [1, 10,000]"],
    ),
    "trace-unwritable": (["validate", "kendal", "--trace", "/proc/t.md"], {}, ["/proc/t.md: cannot write in /proc"]),
    # the one pre-flight of every command that writes: before any run starts
    "out-empty": (["run", "--out", "", "--seeds", "1"], {}, ["--out", "an empty folder name"]),
    "out-device": (
        ["batch", "e.toml", "--out", "/dev/null"],
        {"e.toml": LHS.format(samples=2, extra="")},
        ["/dev/null: is a device, not a folder"],
    ),
    "out-under-file": (
        ["compare", "--scenario", "kendal", "marketing-push", "--out", "e.toml/x"],
        {"e.toml": ""},
        ["e.toml/x", "e.toml is a file"],
    ),
    "trace-no-folder": (
        ["validate", "kendal", "--seeds", "2", "--trace", "nowhere/t.md"],
        {},
        ["nowhere/t.md", "the folder nowhere does not exist"],
    ),
    "trace-is-folder": (["validate", "kendal", "--seeds", "2", "--trace", "."], {}, ["--trace", "is a folder"]),
    # input files that are not regular text files
    "wards-csv-folder": (
        ["run", "s.toml", "--seeds", "1", "--out", "out"],
        {"s.toml": '[scenario]\nwards_csv = "."\n'},
        ["is a folder, not a wards CSV file"],
    ),
    "wards-csv-device": (
        ["run", "s.toml", "--seeds", "1", "--out", "out"],
        {"s.toml": '[scenario]\nwards_csv = "/dev/zero"\n'},
        ["/dev/zero: is a device or a pipe"],
    ),
}


@pytest.fixture(scope="module")
def launched(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, tuple[Path, float, subprocess.CompletedProcess[str]]]:
    """Every case at once, each in its own folder (each pays ~1.5 s of start-up)."""

    def one(key: str) -> tuple[Path, float, subprocess.CompletedProcess[str]]:
        args, files, _ = CASES[key]
        d = tmp_path_factory.mktemp(key)
        for name, text in files.items():
            (d / name).write_text(text, encoding="utf-8")
        t0 = time.perf_counter()
        proc = subprocess.run([*PLPBK, *args], capture_output=True, text=True, cwd=d, timeout=120)
        return d, time.perf_counter() - t0, proc

    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        return dict(zip(CASES, pool.map(one, CASES), strict=True))


@pytest.mark.parametrize("key", list(CASES))
def test_refused_early_in_one_line(
    key: str, launched: dict[str, tuple[Path, float, subprocess.CompletedProcess[str]]]
) -> None:
    """Exit 2, one stderr line naming the file and the limit, nothing written, well before any run."""
    d, seconds, proc = launched[key]
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-2000:])
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    for text in CASES[key][2]:
        assert text in lines[0], (text, lines[0])
    assert not (d / "out").exists() and not (d / "results").exists()
    assert seconds < 60  # a design that is built before it is refused takes minutes or runs out of memory


# --------------------------------------------------------------------------- the limits as a library


def test_run_count_is_arithmetic_and_matches_the_built_design(tmp_path: Path) -> None:
    """n_points is computed without building the design, and agrees with the design built."""
    from simulator.batch import load_experiment

    for body in (
        LHS.format(samples=7, extra="replicates = 3"),
        SOBOL.replace("17179869184", "8"),
        SOBOL.replace("17179869184", "4").replace('kind = "sobol"', 'kind = "morris"'),
        GRID.replace("1001", "3").replace("1000", "4"),
    ):
        f = tmp_path / "e.toml"
        f.write_text(body)
        exp = load_experiment(f)
        assert exp.n_points == len(exp.design())
        assert exp.n_runs == exp.n_points * exp.replicates


def test_run_limit_is_scoped() -> None:
    """run_limit raises the cap inside the block only."""
    from simulator.batch.limits import check_runs, max_runs

    assert max_runs() == DEFAULT_MAX_RUNS
    with run_limit(5 * DEFAULT_MAX_RUNS):
        check_runs(2 * DEFAULT_MAX_RUNS, "x")
    with pytest.raises(SizeError, match="more than the limit"):
        check_runs(2 * DEFAULT_MAX_RUNS, "x")
    assert f"{DEFAULT_MAX_RUNS:,}" in subprocess.run(
        [*PLPBK, "batch", "--help"], capture_output=True, text=True, check=True
    ).stdout.replace("\n", " ")


def test_workers_are_capped_at_the_runs(tmp_path: Path) -> None:
    """--workers 8 on a 2-run batch starts 2 workers (the manifest records what ran)."""
    (tmp_path / "e.toml").write_text(LHS.format(samples=2, extra="years = 2"))
    n = min(8, max_workers())
    proc = subprocess.run(
        [*PLPBK, "batch", "e.toml", "--workers", str(n), "--out", "out", "--quiet"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    man = simulator.open_results(tmp_path / "out").manifest
    assert man["sessions"][-1]["workers"] == 2
    with pytest.raises(SizeError, match="at most"):
        check_workers(max_workers() + 1)


# --------------------------------------------------------------------------- orphans


def _descendants(pid: int) -> set[int]:
    parents: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                stat = Path(f"/proc/{d}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(d)] = int(stat[1])
    kids, grew = {pid}, True
    while grew:
        new = {c for c, p in parents.items() if p in kids} - kids
        kids |= new
        grew = bool(new)
    return kids - {pid}


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
@pytest.mark.parametrize("executor", ["processes", "dask"])
def test_workers_do_not_outlive_a_killed_driver(tmp_path: Path, executor: str) -> None:
    """SIGKILL the driver mid-batch: its workers are gone within 8 s; --resume ends with the tables
    of an uninterrupted batch."""
    exp = tmp_path / "e.toml"
    exp.write_text(LHS.format(samples=20, extra="replicates = 10\nyears = 15"))
    out = tmp_path / "killed"
    cmd = [*PLPBK, "batch", str(exp), "--executor", executor, "--workers", "2", "--out", str(out), "--quiet"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline, workers = time.time() + 120, set()
    while time.time() < deadline:
        workers = _descendants(proc.pid)
        if len(workers) >= 2 and (out / "runs").is_dir() and any((out / "runs").glob("chunk-*")):
            break
        time.sleep(0.05)
    assert len(workers) >= 2, "the workers never started"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    end = time.time() + 8
    while time.time() < end and any(_alive(w) for w in workers):
        time.sleep(0.1)
    left = [w for w in workers if _alive(w)]
    for w in left:  # do not leave them to the rest of the suite
        os.kill(w, signal.SIGKILL)
    assert not left, f"{len(left)} worker(s) outlived their driver by 8 s"
    if executor == "dask":
        return  # resume after a kill is tested once (below) and in test_batch
    r = subprocess.run([*cmd[:-1], "--resume", "--quiet"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    whole = tmp_path / "whole"
    r = subprocess.run(
        [*PLPBK, "batch", str(exp), "--executor", "serial", "--out", str(whole), "--quiet"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    a, b = simulator.open_results(out), simulator.open_results(whole)
    assert len(a.summary) == 200
    for table in ("timeseries", "summary"):
        pd.testing.assert_frame_equal(a.table(table), b.table(table))


# --------------------------------------------------------------------------- the one reader, fed random values

WRONG = st.one_of(
    st.text(max_size=8),
    st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
KEYS = st.sampled_from(
    [
        ("experiment", "name"),
        ("experiment", "replicates"),
        ("experiment", "master_seed"),
        ("experiment", "policies"),
        ("experiment", "outputs"),
        ("experiment", "years"),
        ("experiment", "common_random_numbers"),
        ("experiment", "scenario"),
        ("design", "kind"),
        ("design", "samples"),
        ("design", "levels"),
        ("design", "second_order"),
        ("design", "factors"),
        ("design", "points"),
        ("sensitivity", None),
        ("experiment", None),
        ("design", None),
    ]
)
BASE = {
    "experiment": {"name": "x", "replicates": 2},
    "design": {"kind": "lhs", "samples": 4, "factors": {"trust.initial": [0.1, 0.9]}},
}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(where=KEYS, value=WRONG)
@example(where=("experiment", "scenario"), value="\n")  # once a two-line "no such scenario" error
def test_reader_gives_one_line_errors_for_any_value(where: tuple[str, str | None], value: object) -> None:
    """Any value in any place: a valid experiment or one error line naming the file, nothing else."""
    data: dict[str, object] = {k: dict(v) for k, v in BASE.items()}
    table, key = where
    if key is None:
        data[table] = value
    else:
        sub = data.setdefault(table, {})
        assert isinstance(sub, dict)
        sub[key] = value
    try:
        exp = experiment_from_dict(data, Path("e.toml"))
    except ScenarioError as e:  # ExperimentError, or a registry check (load_experiment adds the file)
        msg = str(e)
        assert msg.startswith("e.toml: ") and "\n" not in msg, msg
        assert "e+" not in msg.split("=")[-1] or isinstance(value, float), msg  # whole numbers in full
        return
    except SizeError:
        return
    assert exp.n_runs >= 1


@given(value=st.floats(allow_nan=True, allow_infinity=True) | st.integers(min_value=-(2**64), max_value=2**64))
def test_reader_refuses_non_finite_numbers(value: float) -> None:
    """Table.number accepts a finite number in range and nothing else."""
    t = Table({"x": value}, "f.toml", "t", ValueError)
    if isinstance(value, float) and not math.isfinite(value):
        with pytest.raises(ValueError, match="finite"):
            t.number("x", lo=-1e30, hi=1e30)
    elif -1e30 <= value <= 1e30:
        assert t.number("x", lo=-1e30, hi=1e30) == float(value)
    else:
        with pytest.raises(ValueError, match="out of range"):
            t.number("x", lo=-1e30, hi=1e30)


def test_show_prints_whole_numbers_in_full() -> None:
    """The int64 maximum is never shown as 9.22337e+18."""
    assert show(2**63 - 1) == "9,223,372,036,854,775,807"
    assert show(float("nan")) == "nan" and show(float("-inf")) == "-inf"
    assert show(True) == "true" and show(0.25) == "0.25"


# --------------------------------------------------------------------------- jobs whose runs fail

WHATIF_SMALL = """[whatif]
name = "wi-fail"
scenarios = ["baseline"]
policies = ["marketing-push"]
years = 6
futures = 4
seeds = 2
[uncertainty]
"bkm.managing_body" = { low = 0.3, high = 0.8 }
"""
SA_SMALL = """[experiment]
name = "sa-fail"
scenario = "baseline"
years = 8
[design]
kind = "morris"
samples = 2
[design.factors]
"trust.initial" = [0.2, 0.8]
"bkm.managing_body" = [0.3, 0.8]
"""


@pytest.mark.parametrize(
    ("command", "args", "files"),
    [
        ("whatif", ["wi.toml"], {"wi.toml": WHATIF_SMALL}),
        ("compare", ["--scenario", "baseline", "marketing-push", "--seeds", "3", "--years", "6"], {}),
        ("sensitivity", ["sa.toml"], {"sa.toml": SA_SMALL}),
    ],
)
def test_failed_runs_are_listed_exit_1_and_resume_retries_them(
    command: str,
    args: list[str],
    files: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Every run fails: exit 1, the failures with their errors on stderr, the manifest says
    failed; the same command with --resume retries them and completes."""
    from simulator.batch import worker as worker_mod
    from simulator.cli import main

    monkeypatch.chdir(tmp_path)
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    real = worker_mod.simulate

    def broken(sc, seed):  # type: ignore[no-untyped-def]
        raise RuntimeError("the model broke")

    monkeypatch.setattr(worker_mod, "simulate", broken)
    cmd = [command, *args, "--executor", "serial", "--out", "out", "--quiet"]
    assert main(cmd) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "run 0 (" in err and "RuntimeError: the model broke" in err, err
    assert "--resume" in err
    man = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert man["status"] == "failed"
    monkeypatch.setattr(worker_mod, "simulate", real)
    assert main([*cmd, "--resume"]) == 0, capsys.readouterr().err
    man = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert man["status"] == "complete"


# --------------------------------------------------------------------------- every file kind, fed random values


def _toml(v: object) -> str:
    """A value as TOML text (for the property tests below)."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf") if math.isinf(v) else repr(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, list):
        return "[" + ", ".join(_toml(x) for x in v) + "]"
    assert isinstance(v, dict)
    return "{" + ", ".join(f"{json.dumps(k)} = {_toml(x)}" for k, x in v.items()) + "}"


ANY = st.recursive(
    st.one_of(
        st.text(max_size=6),
        st.booleans(),
        st.floats(allow_nan=True, allow_infinity=True),
        st.integers(min_value=-(2**63), max_value=2**63 - 1),
    ),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=2),
    max_leaves=4,
)
PARAM_KEYS = st.sampled_from(
    [
        "trust.initial",
        "time.years",
        "time.start_year",
        "wards.n",
        "wards.share_madani",
        "bkm.coordination",
        "structure.renewal",
        "firms.notice_rate",
        "government.budget_per_ward",
        "levers.marketing_push",
    ]
)
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@PROPERTY
@given(key=PARAM_KEYS, value=ANY)
def test_scenario_files_give_one_line_errors_for_any_value(key: str, value: object, tmp_path: Path) -> None:
    """A scenario file with any value in a parameter's place loads or raises one ScenarioError line."""
    from simulator.scenario import load_scenario

    section, name = key.split(".", 1)
    f = tmp_path / "s.toml"
    f.write_text(f"[{section}]\n{name} = {_toml(value)}\n", encoding="utf-8")
    try:
        load_scenario(f)
    except ScenarioError as e:
        assert str(e).startswith(str(f)) and "\n" not in str(e), str(e)


@PROPERTY
@given(key=st.sampled_from(["marketing_push", "csr_forum_start", "strengthening_cost", "name"]), value=ANY)
def test_policy_files_give_one_line_errors_for_any_value(key: str, value: object, tmp_path: Path) -> None:
    """A policy file with any value in a lever's (or the name's) place loads or raises one line."""
    from simulator.scenario import load_scenario

    f = tmp_path / "p.toml"
    body = (
        f"[policy]\nname = {_toml(value)}\n[levers]\nmarketing_push = 0.5\n"
        if key == "name"
        else (
            f'[policy]\nname = "p"\n[levers]\nmarketing_push = 0.5\n{key} = {_toml(value)}\n'
            if key != "marketing_push"
            else f'[policy]\nname = "p"\n[levers]\nmarketing_push = {_toml(value)}\n'
        )
    )
    f.write_text(body, encoding="utf-8")
    try:
        load_scenario("baseline", policies=[f])
    except ScenarioError as e:
        assert str(e).startswith(str(f)) and "\n" not in str(e), str(e)


WHATIF_KEYS = st.sampled_from(
    [
        ("whatif", "scenarios"),
        ("whatif", "policies"),
        ("whatif", "futures"),
        ("whatif", "seeds"),
        ("whatif", "years"),
        ("whatif", "name"),
        ("whatif", "master_seed"),
        ("threshold", "outcome"),
        ("threshold", "at_least"),
        ("prim", "alpha"),
        ("uncertainty", "trust.initial"),
    ]
)


@PROPERTY
@given(where=WHATIF_KEYS, value=ANY)
def test_whatif_files_give_one_line_errors_for_any_value(where: tuple[str, str], value: object, tmp_path: Path) -> None:
    """A what-if file with any value in any place loads or raises one ExperimentError line."""
    from simulator.policy.whatif import load_whatif

    tables: dict[str, dict[str, object]] = {
        "whatif": {"scenarios": ["baseline"], "policies": ["marketing-push"], "futures": 4, "seeds": 1},
        "threshold": {},
        "prim": {},
        "uncertainty": {"bkm.managing_body": {"low": 0.3, "high": 0.8}},
    }
    tables[where[0]][where[1]] = value
    text = ""
    for t, entries in tables.items():
        text += f"[{t}]\n" + "".join(f"{json.dumps(k)} = {_toml(v)}\n" for k, v in entries.items())
    f = tmp_path / "w.toml"
    f.write_text(text, encoding="utf-8")
    try:
        load_whatif(f)
    except ScenarioError as e:
        msg = str(e)
        assert "\n" not in msg and (msg.startswith(str(f)) or msg.startswith("--")), msg
    except SizeError:
        pass


@PROPERTY
@given(
    key=st.sampled_from(["outputs", "over_time", "statistic", "conf_level", "resamples", "convergence_width"]),
    value=ANY,
)
def test_sensitivity_sections_give_one_line_errors_for_any_value(key: str, value: object, tmp_path: Path) -> None:
    """An experiment's [sensitivity] table with any value in any place loads or raises one line."""
    from simulator.sensitivity.experiment import load_sensitivity

    f = tmp_path / "s.toml"
    f.write_text(SA_SMALL + f"[sensitivity]\n{key} = {_toml(value)}\n", encoding="utf-8")
    try:
        load_sensitivity(f)
    except ScenarioError as e:
        assert str(e).startswith(str(f)) and "\n" not in str(e), str(e)
