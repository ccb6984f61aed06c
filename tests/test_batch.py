"""The batch engine: designs, seeds, executors, the resumable store, failures and bad input."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import simulator
from simulator.batch import ExperimentError, load_experiment, run_experiment, run_list
from simulator.batch import worker as worker_mod
from simulator.store import OutputError

SMALL = """
[experiment]
name = "small"
scenario = "baseline"
years = {years}
replicates = {reps}
master_seed = 11
outputs = ["timeseries", "summary", "events"]

[design]
kind = "grid"

[design.factors]
"trust.initial" = [0.3, 0.7]
"wards.n" = {{ low = 4, high = 6, steps = 2 }}
"""


def write_exp(tmp_path: Path, text: str, name: str = "exp.toml") -> Path:
    p = tmp_path / name
    p.write_text(text)
    return p


@pytest.fixture
def small_exp(tmp_path: Path) -> Path:
    return write_exp(tmp_path, SMALL.format(years=5, reps=2))


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "simulator.cli", *args], capture_output=True, text=True, cwd=cwd, timeout=300
    )


# --------------------------------------------------------------------------- seeds and designs


def test_seeds_derive_from_master_and_replicate_with_common_random_numbers(small_exp: Path) -> None:
    exp = load_experiment(small_exp)
    expect = int(np.random.SeedSequence([11, 1]).generate_state(1, dtype=np.uint32)[0])
    assert exp.seed(0, 1) == expect
    assert exp.seed(3, 1) == expect  # same replicate, other point: same seed (CRN)
    assert exp.seed(0, 0) != exp.seed(0, 1)
    runs = run_list(exp, exp.design())
    assert [r.run_id for r in runs] == list(range(8))
    assert {r.seed for r in runs if r.replicate == 0} == {exp.seed(0, 0)}


def test_seeds_without_common_random_numbers_differ_by_point(tmp_path: Path) -> None:
    text = SMALL.format(years=5, reps=2).replace("master_seed = 11", "master_seed = 11\ncommon_random_numbers = false")
    exp = load_experiment(write_exp(tmp_path, text))
    assert exp.seed(0, 1) != exp.seed(1, 1)
    assert exp.seed(1, 1) == int(np.random.SeedSequence([11, 1, 1]).generate_state(1, dtype=np.uint32)[0])


def test_grid_design_is_the_full_product_with_whole_numbers(small_exp: Path) -> None:
    d = load_experiment(small_exp).design()
    assert len(d) == 4
    assert set(d["trust.initial"]) == {0.3, 0.7}
    assert set(d["wards.n"]) == {4, 6}
    assert d["wards.n"].dtype.kind == "i"


def test_lhs_design_is_stratified_and_reproducible(tmp_path: Path) -> None:
    text = """
[experiment]
scenario = "baseline"
master_seed = 5
[design]
kind = "lhs"
samples = 20
[design.factors]
"bkm.coordination" = { low = 0.2, high = 0.8 }
"firms.n" = { low = 2, high = 30 }
"government.agencies" = [2, 4, 6]
"""
    exp = load_experiment(write_exp(tmp_path, text))
    d = exp.design()
    assert len(d) == 20
    # one sample in each of the 20 equal strata of the continuous factor
    strata = np.floor((d["bkm.coordination"] - 0.2) / 0.6 * 20).clip(0, 19).astype(int)
    assert sorted(strata) == list(range(20))
    assert d["firms.n"].between(2, 30).all() and (d["firms.n"] == d["firms.n"].round()).all()
    assert set(d["government.agencies"]) <= {2, 4, 6}
    pd.testing.assert_frame_equal(d, exp.design())


def test_triangular_and_normal_factors_stay_in_range(tmp_path: Path) -> None:
    text = """
[experiment]
scenario = "baseline"
[design]
kind = "lhs"
samples = 200
[design.factors]
"government.budget_per_ward" = { low = 20, high = 100, dist = "triangular", mode = 30 }
"trust.initial" = { low = 0.2, high = 0.8, dist = "normal", mean = 0.5, sd = 0.1 }
"""
    d = load_experiment(write_exp(tmp_path, text)).design()
    b = d["government.budget_per_ward"]
    assert b.between(20, 100).all()
    assert b.median() < 55  # mode at 30 pulls the median below the uniform's 60
    t = d["trust.initial"]
    assert t.between(0.2, 0.8).all() and abs(t.mean() - 0.5) < 0.02 and 0.08 < t.std() < 0.12


@pytest.mark.parametrize(
    "spec",
    [
        "mean = nan, sd = 0.1",
        "mean = 0.5, sd = inf",
        "mean = 0.5, sd = nan",
        "mean = true, sd = 0.1",
    ],
)
def test_normal_factor_with_a_non_finite_mean_or_sd_is_refused(tmp_path: Path, spec: str) -> None:
    """TOML reads nan and inf as floats: they are refused, not stored as NaN (the run would use the default)."""
    text = f"""
[experiment]
scenario = "baseline"
[design]
kind = "lhs"
samples = 4
[design.factors]
"trust.initial" = {{ low = 0.2, high = 0.8, dist = "normal", {spec} }}
"""
    with pytest.raises(ExperimentError) as e:
        load_experiment(write_exp(tmp_path, text))
    msg = str(e.value)
    assert "trust.initial" in msg and "finite mean and a finite sd > 0" in msg and "\n" not in msg


def test_sobol_and_morris_designs_have_salib_sizes(tmp_path: Path) -> None:
    base = """
[experiment]
scenario = "baseline"
[design]
kind = "{kind}"
samples = {n}
{extra}
[design.factors]
"trust.initial" = {{ low = 0.2, high = 0.8 }}
"bkm.coordination" = {{ low = 0.2, high = 0.8 }}
"firms.responsiveness" = {{ low = 0.1, high = 0.6 }}
"""
    s = load_experiment(write_exp(tmp_path, base.format(kind="sobol", n=8, extra=""), "s.toml")).design()
    assert len(s) == 8 * (3 + 2)
    s2 = load_experiment(
        write_exp(tmp_path, base.format(kind="sobol", n=8, extra="second_order = true"), "s2.toml")
    ).design()
    assert len(s2) == 8 * (2 * 3 + 2)
    m = load_experiment(write_exp(tmp_path, base.format(kind="morris", n=6, extra="levels = 4"), "m.toml")).design()
    assert len(m) == 6 * (3 + 1)


def test_list_design_fills_unnamed_keys_with_the_base_value(tmp_path: Path) -> None:
    text = """
[experiment]
scenario = "kendal"
[design]
kind = "list"
[[design.points]]
"levers.csr_forum" = 0.5
[[design.points]]
"bkm.coordination" = 0.9
"""
    exp = load_experiment(write_exp(tmp_path, text))
    d = exp.design()
    assert d.loc[0, "bkm.coordination"] == exp.scenario.values["bkm.coordination"]
    assert d.loc[1, "levers.csr_forum"] == 0.0
    assert d.loc[1, "bkm.coordination"] == 0.9


# --------------------------------------------------------------------------- running and the store


def test_batch_tables_match_single_runs_and_carry_design_columns(small_exp: Path, tmp_path: Path) -> None:
    rep = run_experiment(small_exp, "serial", out=tmp_path / "b", progress=False)
    assert rep.ok and rep.executed == 8 and rep.total == 8
    res = simulator.open_results(tmp_path / "b")
    assert len(res.summary) == 8 and len(res.timeseries) == 8 * 5
    assert list(res.summary["run_id"]) == list(range(8))
    exp = load_experiment(small_exp)
    row = res.summary.iloc[3]
    single = simulator.run(
        exp.scenario, seed=int(row["seed"]), trust_initial=row["trust.initial"], wards_n=int(row["wards.n"])
    )
    mine = res.timeseries[res.timeseries["run_id"] == 3].reset_index(drop=True)
    pd.testing.assert_frame_equal(mine[single.timeseries.columns], single.timeseries, check_dtype=False)
    assert (res.runs["status"] == "ok").all()
    assert res.manifest["status"] == "complete" and res.manifest["runs"]["stored"] == 8
    assert "numpy" in res.manifest["versions"] and "git_revision" in res.manifest


def test_a_chunk_s_runs_may_carry_different_design_keys() -> None:
    # a point that leaves a value out (a NaN cell) gets a null there, not a failed chunk
    from simulator.batch.worker import RunSpec, _ids
    from simulator.results import arrow_table

    runs = [
        RunSpec(0, 0, 0, 5, {"trust.initial": 0.5, "structure.renewal": "lapse"}),
        RunSpec(1, 1, 0, 6, {"trust.initial": 0.6}),
        RunSpec(2, 2, 0, 7, {"bkm.coordination": 0.9, "structure.renewal": "decision"}),
    ]
    df = arrow_table(_ids(runs, [2, 1, 3], "timeseries")).to_pandas()
    assert list(df["run_id"]) == [0, 0, 1, 2, 2, 2]
    assert list(df.columns) == [
        "run_id",
        "point",
        "replicate",
        "trust.initial",
        "structure.renewal",
        "bkm.coordination",
    ]
    np.testing.assert_array_equal(df["trust.initial"], [0.5, 0.5, 0.6, np.nan, np.nan, np.nan])
    assert list(df["structure.renewal"].fillna("-")) == ["lapse", "lapse", "-", "decision", "decision", "decision"]
    full = arrow_table(_ids(runs[:1], [2], "summary")).to_pandas()
    assert full["structure.renewal"].tolist() == ["lapse", "lapse"] and full["trust.initial"].dtype == float


@pytest.mark.parametrize("executor", ["processes", "dask", "threads"])
def test_every_executor_gives_identical_tables(small_exp: Path, tmp_path: Path, executor: str) -> None:
    run_experiment(small_exp, "serial", out=tmp_path / "serial", progress=False, chunk_size=3)
    if executor == "threads":
        with ThreadPoolExecutor(2) as pool:
            rep = run_experiment(small_exp, pool, workers=2, out=tmp_path / "other", progress=False)
    else:
        rep = run_experiment(small_exp, executor, workers=2, out=tmp_path / "other", progress=False)
    assert rep.ok
    a, b = simulator.open_results(tmp_path / "serial"), simulator.open_results(tmp_path / "other")
    for table in ("timeseries", "summary", "events"):
        pd.testing.assert_frame_equal(a.table(table), b.table(table))


def test_resume_after_sigkill_gives_the_uninterrupted_tables(tmp_path: Path) -> None:
    exp = write_exp(tmp_path, SMALL.format(years=20, reps=15))  # 60 runs of ~20 ms
    killed, whole = tmp_path / "killed", tmp_path / "whole"
    cmd = [sys.executable, "-m", "simulator.cli", "batch", str(exp), "--executor", "serial"]
    cmd += ["--chunk-size", "1", "--out", str(killed), "--quiet"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline:
        n = len(list((killed / "runs").glob("chunk-*"))) if (killed / "runs").exists() else 0
        if n >= 8:
            break
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    stored = len(list((killed / "runs").glob("chunk-*")))
    assert 8 <= stored < 60, "the batch was not killed mid-way"
    r = cli("batch", str(exp), "--executor", "serial", "--out", str(killed), "--resume", "--quiet")
    assert r.returncode == 0, r.stderr
    run_experiment(exp, "serial", out=whole, progress=False)
    a, b = simulator.open_results(killed), simulator.open_results(whole)
    for table in ("timeseries", "summary", "events"):
        pd.testing.assert_frame_equal(a.table(table), b.table(table))
    assert a.summary["run_id"].is_unique and len(a.summary) == 60
    assert not list((killed / "runs").glob(".tmp-*"))
    assert len(a.manifest["sessions"]) == 2


def test_a_failing_run_is_recorded_and_the_batch_goes_on(
    small_exp: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exp = load_experiment(small_exp)
    bad_seed = exp.seed(0, 1)
    real = worker_mod.simulate

    def flaky(sc, seed):  # type: ignore[no-untyped-def]
        if seed == bad_seed and sc.values["trust.initial"] == 0.7:
            raise RuntimeError("boom")
        return real(sc, seed)

    monkeypatch.setattr(worker_mod, "simulate", flaky)
    rep = run_experiment(exp, "serial", out=tmp_path / "b", progress=False)
    assert not rep.ok and rep.status == "failed"
    assert len(rep.failures) == 2  # two 0.7-trust points use replicate 1
    assert all("RuntimeError: boom" in f["error"] and f["seed"] == bad_seed for f in rep.failures)
    res = simulator.open_results(tmp_path / "b")
    assert len(res.summary) == 6
    assert (res.runs["status"] == "failed").sum() == 2
    assert res.manifest["status"] == "failed" and len(res.manifest["failures"]) == 2
    # --resume retries the failed runs; once they succeed the batch equals an unbroken one
    monkeypatch.setattr(worker_mod, "simulate", real)
    rep = run_experiment(exp, "serial", out=tmp_path / "b", progress=False, resume=True)
    assert rep.ok and rep.executed == 2 and rep.already == 6 and not rep.failures
    res = simulator.open_results(tmp_path / "b")
    assert res.manifest["status"] == "complete" and res.failures.empty
    assert (res.runs["status"] == "ok").all()
    run_experiment(exp, "serial", out=tmp_path / "clean", progress=False)
    clean = simulator.open_results(tmp_path / "clean")
    for table in ("timeseries", "summary"):
        pd.testing.assert_frame_equal(res.table(table), clean.table(table))


def test_a_full_disk_stops_with_a_clear_error_and_keeps_stored_runs(
    small_exp: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from simulator.batch import engine

    real = engine.write_chunk
    calls = {"n": 0}

    def full(out, res):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] > 3:
            raise OutputError(f"{out}: cannot write results ({os.strerror(errno.ENOSPC)})")
        return real(out, res)

    monkeypatch.setattr(engine, "write_chunk", full)
    with pytest.raises(OutputError, match="No space left"):
        run_experiment(small_exp, "serial", out=tmp_path / "b", progress=False, chunk_size=1)
    monkeypatch.setattr(engine, "write_chunk", real)
    rep = run_experiment(small_exp, "serial", out=tmp_path / "b", progress=False, resume=True)
    assert rep.already == 3 and rep.executed == 5 and rep.ok


def test_a_worker_that_cannot_store_its_chunk_stops_the_batch_and_stored_runs_stay(
    small_exp: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # worker processes store their own chunks; a full disk there stops the batch as it does in the driver.
    # Run 0's chunk is slow to store, so another worker fails while it is still being written: the batch
    # waits for it (and its record counts it) before it reports the error
    real = worker_mod.write_chunk

    def full(out, res):  # type: ignore[no-untyped-def]
        if min(res.run_ids) >= 4:
            raise OutputError(f"{out}: cannot write results ({os.strerror(errno.ENOSPC)})")
        if res.run_ids == [0]:
            time.sleep(1.0)
        return real(out, res)

    monkeypatch.setattr(worker_mod, "write_chunk", full)  # the workers are forked after this
    with pytest.raises(OutputError, match="No space left"):
        run_experiment(small_exp, "processes", workers=2, out=tmp_path / "b", progress=False, chunk_size=1)
    monkeypatch.setattr(worker_mod, "write_chunk", real)
    res = simulator.open_results(tmp_path / "b")
    assert sorted(res.summary["run_id"]) == [0, 1, 2, 3]  # every chunk before the failing ones, none after
    assert (tmp_path / "b" / "runs.parquet").exists() and res.failures.empty  # not recorded as failed runs
    manifest = json.loads((tmp_path / "b" / "manifest.json").read_text())
    assert manifest["status"] == "failed" and manifest["runs"]["stored"] == 4
    rep = run_experiment(small_exp, "processes", workers=2, out=tmp_path / "b", progress=False, resume=True)
    assert rep.already == 4 and rep.executed == 4 and rep.ok
    run_experiment(small_exp, "serial", out=tmp_path / "whole", progress=False)
    a, b = simulator.open_results(tmp_path / "b"), simulator.open_results(tmp_path / "whole")
    for table in ("timeseries", "summary", "events"):
        pd.testing.assert_frame_equal(a.table(table), b.table(table))


def test_open_results_reads_a_run_folder(tmp_path: Path) -> None:
    r = cli("run", "--years", "3", "--seeds", "2", "--out", str(tmp_path / "r"), "--no-plots", "--quiet")
    assert r.returncode == 0, r.stderr
    res = simulator.open_results(tmp_path / "r")
    assert res.kind == "plpbk-run" and len(res.summary) == 2 and len(res.timeseries) == 6


# --------------------------------------------------------------------------- bad input


BAD_DESIGNS = {
    "unknown parameter": ('"trust.intial" = [0.3]', "did you mean 'trust.initial'"),
    "inverted range": ('"trust.initial" = { low = 0.8, high = 0.2, steps = 3 }', "inverted range"),
    "empty range": ('"trust.initial" = { low = 0.5, high = 0.5, steps = 3 }', "inverted range"),
    "out of range": ('"trust.initial" = [0.3, 1.5]', "out of range"),
    "no steps": ('"trust.initial" = { low = 0.2, high = 0.5 }', "steps"),
    "empty list": ('"trust.initial" = []', "empty list"),
}


@pytest.mark.parametrize("case", sorted(BAD_DESIGNS))
def test_bad_designs_are_refused_in_one_line(tmp_path: Path, case: str) -> None:
    factor, msg = BAD_DESIGNS[case]
    p = write_exp(
        tmp_path, f'[experiment]\nscenario = "baseline"\n[design]\nkind = "grid"\n[design.factors]\n{factor}\n'
    )
    with pytest.raises(ExperimentError, match=msg):
        load_experiment(p)
    r = cli("batch", str(p), "--out", str(tmp_path / "o"))
    assert r.returncode == 2
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert str(p) in r.stderr
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize(
    ("text", "msg"),
    [
        ('[experiment]\nreplicates = 0\n[design]\n[design.factors]\n"trust.initial" = [0.5]', "out of range"),
        ('[experiment]\nreplicats = 2\n[design]\n[design.factors]\n"trust.initial" = [0.5]', "did you mean"),
        (
            '[design]\nkind = "sobol"\nsamples = 100\n[design.factors]\n"trust.initial" = {low=0.1, high=0.9}',
            "power of 2",
        ),
        ('[design]\nkind = "lhs"\n[design.factors]\n"trust.initial" = {low=0.1, high=0.9}', "samples is required"),
        ("[design]\nkind = 'grid'", "no factors"),
        ('[design]\nkind = "latin"\n[design.factors]\n"trust.initial" = [0.5]', "must be one of"),
        ('[experiment]\nscenario = "nowhere"\n[design.factors]\n"trust.initial" = [0.5]', "no such scenario"),
        ("[experiment\n", "not valid TOML"),
    ],
)
def test_bad_experiment_files(tmp_path: Path, text: str, msg: str) -> None:
    p = write_exp(tmp_path, text)
    with pytest.raises(ExperimentError, match=msg):
        load_experiment(p)


def test_cli_bad_inputs_exit_2_without_traceback(small_exp: Path, tmp_path: Path) -> None:
    out = tmp_path / "o"
    r = cli("batch", str(tmp_path / "missing.toml"))
    assert r.returncode == 2 and "file not found" in r.stderr and "Traceback" not in r.stderr
    r = cli("batch", str(small_exp), "--replicates", "0")
    assert r.returncode == 2 and "--replicates" in r.stderr
    # a folder holding another experiment is refused, and its runs are left alone
    assert cli("batch", str(small_exp), "--executor", "serial", "--out", str(out), "--quiet").returncode == 0
    other = write_exp(tmp_path, SMALL.format(years=6, reps=2), "other.toml")
    before = sorted(p.name for p in (out / "runs").iterdir())
    r = cli("batch", str(other), "--executor", "serial", "--out", str(out), "--resume")
    assert r.returncode == 2 and "different experiment" in r.stderr and "Traceback" not in r.stderr
    assert sorted(p.name for p in (out / "runs").iterdir()) == before
    r = cli("batch", str(small_exp), "--executor", "serial", "--out", str(out))
    assert r.returncode == 2 and "--resume" in r.stderr
    r = cli("batch", str(small_exp), "--scheduler", "tcp://127.0.0.1:9", "--out", str(tmp_path / "d"))
    assert r.returncode == 2 and "cannot reach the Dask scheduler" in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_batch_help_documents_every_option() -> None:
    r = cli("batch", "--help")
    for opt in ("--executor", "--workers", "--scheduler", "--out", "--resume", "serial", "processes", "dask"):
        assert opt in r.stdout


def test_ctrl_c_stops_cleanly_and_resume_finishes(tmp_path: Path) -> None:
    exp = write_exp(tmp_path, SMALL.format(years=20, reps=40))  # 160 runs
    out = tmp_path / "b"
    cmd = [sys.executable, "-m", "simulator.cli", "batch", str(exp), "--workers", "2", "--chunk-size", "2"]
    proc = subprocess.Popen(
        [*cmd, "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        # a Ctrl-C reaches the batch even when pytest runs in the background (which ignores SIGINT)
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.time() + 120
    while time.time() < deadline and len(list((out / "runs").glob("chunk-*")) if (out / "runs").exists() else []) < 4:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGINT)  # as Ctrl-C in a terminal: driver and workers
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "--resume" in err.strip().splitlines()[-1]
    res = simulator.open_results(out)
    assert res.manifest["status"] == "interrupted" and res.manifest["runs"]["stored"] < 160
    # the workers finished their chunks before the record was written: it counts every chunk on disk,
    # and each chunk is whole (the record's clean-up once emptied a chunk a worker was renaming into place)
    chunks = sorted((out / "runs").iterdir())
    on_disk = [i for d in chunks for i in json.loads((d / "done.json").read_text())]
    assert res.manifest["runs"]["stored"] == len(on_disk) == len(res.summary)
    whole = {"done.json", "events.parquet", "summary.parquet", "timeseries.parquet"}
    assert all({p.name for p in d.iterdir()} == whole for d in chunks)
    r = cli("batch", str(exp), "--workers", "2", "--out", str(out), "--resume", "--quiet")
    assert r.returncode == 0, r.stderr
    res = simulator.open_results(out)
    assert len(res.summary) == 160 and res.summary["run_id"].is_unique


def test_only_a_new_session_clears_unfinished_chunks(tmp_path: Path) -> None:
    """stored_runs: a temporary or damaged chunk folder is skipped; only clean=True (a session's start) removes it."""
    from simulator.batch.engine import stored_runs

    out = tmp_path / "b"
    run_experiment(write_exp(tmp_path, SMALL.format(years=3, reps=1)), out=out, progress=False, chunk_size=1)
    chunks = sorted((out / "runs").iterdir())
    whole = simulator.open_results(out).summary
    tmp = out / "runs" / ".tmp-chunk-00000009-00001-abcdef01"  # a worker still writing
    shutil.copytree(chunks[0], tmp)
    damaged = chunks[-1]
    (damaged / "done.json").unlink()  # as a chunk emptied while it was renamed into place
    done, _ = stored_runs(out)
    assert tmp.is_dir() and damaged.is_dir()  # left alone: a worker may still be renaming it
    lost = set(whole["run_id"]) - done
    assert len(lost) >= 1 and done < set(whole["run_id"])
    summary = simulator.open_results(out).summary  # the damaged chunk's tables are not read either
    assert set(summary["run_id"]) == done and summary["run_id"].is_unique
    assert stored_runs(out, clean=True)[0] == done
    assert not tmp.exists() and not damaged.exists()


def test_the_atomic_writer_leaves_the_old_file_or_the_new_one(tmp_path: Path) -> None:
    """store.atomic_path: an error mid-write keeps the old file and leaves no temporary file."""
    from simulator.store import atomic_path, write_json

    f = tmp_path / "m.json"
    write_json({"a": 1}, f)
    with pytest.raises(RuntimeError), atomic_path(f) as tmp:
        tmp.write_text('{"a": ')
        raise RuntimeError("disk full")
    assert json.loads(f.read_text()) == {"a": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["m.json"]
    write_json({"a": 2}, f)
    assert json.loads(f.read_text()) == {"a": 2} and len(list(tmp_path.iterdir())) == 1
