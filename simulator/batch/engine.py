"""The batch engine: run list x seeds -> executor -> a resumable Parquet results store.

Layout of a batch folder::

    manifest.json            experiment as resolved, seeds, versions, git revision,
                             executor, start/end, status, failures, sessions
    design.parquet           one row per design point (factor values)
    runs/chunk-<first>-<n>/  one folder per finished chunk of runs, renamed into
                             place atomically when all its files are written:
        timeseries.parquet   summary.parquet   events.parquet   wards.parquet
        done.json            the run ids the chunk covered
        failures.parquet     runs that raised (run id, seed, error), if any
    runs.parquet             per-run status (written at the end of each session)

A chunk folder exists whole or not at all, so a batch killed at any moment (SIGKILL)
loses at most the chunks in flight (the pilot run that sizes the chunks is stored with
the first chunk that finishes, or on its own when local worker processes store their
chunks themselves). On Ctrl-C, local worker processes finish and store the chunks they
hold before the batch's record is written. ``resume=True`` runs only the runs no chunk
covers, and the tables read back by :func:`simulator.store.open_results` equal those of
an uninterrupted batch. Unfinished folders are cleared only when a session starts.
"""

from __future__ import annotations

import contextlib
import json
import math
import shutil
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import (
    FIRST_COMPLETED,
    BrokenExecutor,
    Executor,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    wait,
)
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

from simulator import store
from simulator.batch.executors import (
    EXECUTORS,
    SchedulerError,
    SerialExecutor,
    default_workers,
    open_executor,
    shut_down_after,
)
from simulator.batch.experiment import Experiment, check_points, load_experiment, point_values
from simulator.batch.limits import check_workers
from simulator.batch.worker import ChunkResult, RunSpec, run_chunk, write_chunk
from simulator.errors import WorkerCrashError
from simulator.store import OutputError, git_revision, now, read_json, versions, write_json, write_parquet

TARGET_CHUNK_SECONDS = 1.0
"""Work per task the engine aims for: large enough that scheduler overhead (1-3 ms a task) stays small."""


class BatchInterrupted(KeyboardInterrupt):
    """The batch was interrupted; completed chunks are stored. Carries the report."""

    def __init__(self, report: BatchReport) -> None:
        super().__init__("interrupted")
        self.report = report


@dataclass
class BatchReport:
    """What a call of :func:`run_experiment` did.

    Attributes:
        out: The batch folder.
        total: Runs in the experiment.
        already: Runs stored before this call (resume).
        executed: Runs executed by this call.
        failures: Failed runs (run_id, point, replicate, seed, error), all sessions.
        seconds: Wall time of this call.
        model_seconds: Time spent in the models themselves (construction and steps), all workers.
        status: complete, failed (some runs failed) or interrupted.
    """

    out: Path
    total: int
    already: int = 0
    executed: int = 0
    failures: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    model_seconds: float = 0.0
    status: str = "running"

    @property
    def ok(self) -> bool:
        """True when every run finished without error."""
        return self.status == "complete"


def run_list(exp: Experiment, design: pd.DataFrame) -> list[RunSpec]:
    """All runs of an experiment: every design point times every replicate.

    Args:
        exp: The experiment.
        design: Its design table.

    Returns:
        Runs ordered by point, then replicate (run_id = point * replicates + replicate).
    """
    runs = []
    shared = [exp.seed(0, r) for r in range(exp.replicates)] if exp.common_random_numbers else None
    for p in range(len(design)):
        vals = point_values(design, p)
        seeds = shared or [exp.seed(p, r) for r in range(exp.replicates)]  # with common random numbers: once
        for r in range(exp.replicates):
            runs.append(RunSpec(p * exp.replicates + r, p, r, seeds[r], vals))
    return runs


def _chunks(runs: Sequence[RunSpec], size: int) -> Iterator[list[RunSpec]]:
    for i in range(0, len(runs), size):
        yield list(runs[i : i + size])


def stored_runs(out: Path, *, clean: bool = False) -> tuple[set[int], list[dict[str, Any]]]:
    """Run ids stored with results by finished chunks, and the runs that failed and were not redone.

    A failed run is not "done": ``--resume`` runs it again, and once it succeeds its old
    failure record no longer counts. Only stored chunks count (:func:`simulator.store.chunk_is_stored`).

    Args:
        out: The batch folder.
        clean: Also remove what an interrupted batch left unfinished (temporary chunk folders,
            chunk folders without ``done.json``). Only when no worker can still be writing into
            the folder, i.e. before a session starts: a temporary folder may be renamed into
            place while it is being removed, which would empty a finished chunk.

    Returns:
        (run ids with results, failure records of the runs still without results).
    """
    runs_dir = out / "runs"
    done: set[int] = set()
    failed: dict[int, dict[str, Any]] = {}
    if not runs_dir.is_dir():
        return done, []
    for d in sorted(runs_dir.iterdir()):
        if not d.is_dir():
            continue
        if not store.chunk_is_stored(d):
            if clean:
                shutil.rmtree(d, ignore_errors=True)
            continue
        ids = {int(x) for x in json.loads((d / "done.json").read_text())}
        if (d / "failures.parquet").exists():
            for f in pd.read_parquet(d / "failures.parquet").to_dict("records"):
                rec = {str(k): v for k, v in f.items()}
                failed[int(rec["run_id"])] = rec
                ids.discard(int(rec["run_id"]))
        done |= ids
    return done, [f for rid, f in sorted(failed.items()) if rid not in done]


def _merge(first: ChunkResult, then: ChunkResult) -> ChunkResult:
    """Two chunks' results as one chunk (``first``'s rows first)."""
    tables = dict(first.tables)
    for name, tab in then.tables.items():
        # the Parquet writer takes the two tables' chunks as they are: no copy into one
        tables[name] = pa.concat_tables([tables[name], tab], promote_options="default") if name in tables else tab
    return ChunkResult(
        tables=tables,
        failures=first.failures + then.failures,
        run_ids=first.run_ids + then.run_ids,
        seconds={**first.seconds, **then.seconds},
        model_seconds=first.model_seconds + then.model_seconds,
    )


def _check_folder(out: Path, exp: Experiment, resume: bool) -> dict[str, Any] | None:
    """Refuse to mix experiments in one folder; return the old manifest when resuming."""
    man_path = out / "manifest.json"
    if man_path.exists():
        old = read_json(man_path)
        if old.get("kind") != "plpbk-batch":
            raise OutputError(f"{out}: holds other results (not a batch); choose another --out")
        if old.get("experiment_digest") != exp.digest():
            raise OutputError(
                f"{out}: holds a different experiment ({old.get('experiment', {}).get('name')!r}, "
                f"digest {old.get('experiment_digest')}); refusing to mix results: choose another --out"
            )
        if not resume:
            raise OutputError(
                f"{out}: already holds this experiment; add --resume to finish it, or choose another --out"
            )
        return old
    if out.exists() and (not out.is_dir() or any(p for p in out.iterdir() if not p.name.startswith("."))):
        raise OutputError(f"{out}: output folder exists and is not a batch folder; choose another --out")
    return None


def run_experiment(
    spec: Experiment | str | Path,
    executor: str | Executor = "serial",
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    out: str | Path | None = None,
    resume: bool = False,
    progress: bool | Callable[[int, int], None] = True,
    chunk_size: int | None = None,
) -> BatchReport:
    """Run an experiment and stream its results to a Parquet store.

    Args:
        spec: An Experiment or the path of an experiment file.
        executor: ``serial``, ``processes``, ``dask``, or any
            ``concurrent.futures.Executor`` (used as given, not shut down).
        workers: Worker processes for ``processes`` and a local Dask cluster
            (default: all CPUs); with an Executor object, the number of tasks
            kept in flight is twice this.
        scheduler: Address of a running Dask scheduler (``tcp://host:port``).
        out: The batch folder (default ``results/<name>-<timestamp>``).
        resume: Finish a batch stored in ``out``: only missing runs execute.
        progress: Show a progress bar on stderr (runs done/total, rate, time
            left), or a callable ``progress(done, total)``.
        chunk_size: Runs per task (default: sized to about 1 s of work).

    Returns:
        What was done; ``report.ok`` is False when any run failed.

    Raises:
        ExperimentError: On a bad experiment file.
        SizeError: When the design has more runs than the cap in force (``limits.run_limit``) or
            ``workers`` is above ``limits.max_workers()``; checked before anything is built or forked.
        OutputError: When the folder holds another experiment, or cannot be written.
        SchedulerError: When a Dask scheduler cannot be reached.
        BatchInterrupted: On Ctrl-C; the chunks finished so far are stored.
    """
    t_start = time.perf_counter()
    exp = spec if isinstance(spec, Experiment) else load_experiment(spec)
    if isinstance(executor, str) and executor not in EXECUTORS:
        raise ValueError(f"unknown executor {executor!r}: choose one of {', '.join(EXECUTORS)}")
    if out is None:
        out = Path("results") / f"{exp.name}-{time.strftime('%Y%m%d-%H%M%S')}"
    out = Path(out)
    exp.check_size()
    check_workers(workers)
    if workers is not None or executor == "processes":
        # never more worker processes than runs (a 2-run batch with --workers 40 forks 2)
        workers = max(1, min(workers or default_workers(), exp.n_runs))
    design = exp.design()
    check_points(exp, design)  # a point the scenario refuses would fail every one of its runs
    old = _check_folder(out, exp, resume)
    fresh = old is None and not out.exists()
    try:
        with contextlib.ExitStack() as stack:
            early = None
            if executor == "processes":
                # start (fork) the worker processes before this process does any Parquet I/O,
                # whose native thread pool must not be inherited by forked children
                early = stack.enter_context(open_executor("processes", workers))
            return _run(
                exp, design, executor, early, workers, scheduler, out, old, resume, progress, chunk_size, t_start
            )
    except SchedulerError:
        if fresh:  # nothing ran: leave no empty batch folder behind
            shutil.rmtree(out, ignore_errors=True)
        raise
    raise AssertionError("unreachable")  # pragma: no cover


def _run(
    exp: Experiment,
    design: pd.DataFrame,
    executor: str | Executor,
    early: tuple[Executor, int] | None,
    workers: int | None,
    scheduler: str | None,
    out: Path,
    old: dict[str, Any] | None,
    resume: bool,
    progress: bool | Callable[[int, int], None],
    chunk_size: int | None,
    t_start: float,
) -> BatchReport:
    runs = run_list(exp, design)
    try:
        out.mkdir(parents=True, exist_ok=True)
        (out / "runs").mkdir(exist_ok=True)
        if not (out / "design.parquet").exists():
            write_parquet(design, out / "design.parquet")
    except OSError as e:
        raise OutputError(f"{out}: cannot create the batch folder ({e.strerror or e})") from e
    done, _ = stored_runs(out, clean=True)  # no worker of this folder is running yet
    pending = [r for r in runs if r.run_id not in done]  # failed runs of an earlier session are retried
    report = BatchReport(out=out, total=len(runs), already=len(done))
    ex_name = executor if isinstance(executor, str) else type(executor).__name__
    session = {"started": now(), "executor": ex_name, "workers": workers, "scheduler": scheduler, "runs": 0}
    manifest = _manifest(exp, runs, old, session)
    _save_manifest(out, manifest, report, "running")

    bar = _Callback(None, len(runs), len(done))
    try:
        if pending:
            ctx: contextlib.AbstractContextManager[tuple[Executor, int]]
            if early is not None:
                ctx = shut_down_after(early)
            elif isinstance(executor, str):
                ctx = open_executor(executor, workers, scheduler)
            else:
                ctx = contextlib.nullcontext((executor, workers or default_workers()))
            with ctx as (ex, n):
                session["workers"] = n
                bar = _progress_bar(progress, len(runs), len(done))
                _execute(ex, n, exp, pending, out, report, bar, chunk_size)
    except KeyboardInterrupt:
        bar.close()
        report.status = "interrupted"
        report.seconds = time.perf_counter() - t_start
        _finish(out, manifest, report, runs)
        raise BatchInterrupted(report) from None
    except BaseException:
        bar.close()
        report.status = "failed"
        with contextlib.suppress(OSError):
            _finish(out, manifest, report, runs)
        raise
    bar.close()
    report.seconds = time.perf_counter() - t_start
    report.status = "complete" if not report.failures else "failed"
    _finish(out, manifest, report, runs)
    return report


def _execute(
    ex: Executor,
    n_workers: int,
    exp: Experiment,
    pending: list[RunSpec],
    out: Path,
    report: BatchReport,
    bar: Any,
    chunk_size: int | None,
) -> None:
    writer = _Writer(out, report, bar)
    try:
        _submit_all(ex, n_workers, exp, pending, writer, chunk_size)
        writer.drain()
    finally:
        writer.close()


def _submit_all(
    ex: Executor, n_workers: int, exp: Experiment, pending: list[RunSpec], writer: _Writer, chunk_size: int | None
) -> None:
    pilot: ChunkResult | None = None
    # local worker processes store their chunks themselves: their tables do not travel back, and
    # the driver, which shares their cores, encodes nothing (Dask workers may be on other machines)
    store_in_worker = writer.out if isinstance(ex, ProcessPoolExecutor) else None

    def record(res: ChunkResult) -> None:
        nonlocal pilot
        if res.stored:
            writer.count(res)
            return
        if pilot is not None:  # the pilot run is stored with the first chunk that finishes: one write less
            res, pilot = _merge(pilot, res), None
        writer.store(res)

    if chunk_size is None:
        # a pilot run in this process times the model, so tasks carry ~TARGET_CHUNK_SECONDS of work
        pilot = run_chunk(exp.scenario, pending[:1], exp.outputs)
        pending = pending[1:]
        est = max(sum(pilot.seconds.values()), 1e-4)
        chunk_size = max(1, math.ceil(TARGET_CHUNK_SECONDS / est))
        if n_workers > 1:  # several chunks per worker, so the workers finish together
            chunk_size = min(chunk_size, math.ceil(len(pending) / (4 * n_workers)) or 1)
        if not pending or store_in_worker is not None:  # nothing left to store it with
            writer.store(pilot)
            pilot = None
    # a serial executor runs a chunk when it is submitted: one at a time, so each chunk is stored
    # while the next one runs; other executors get two chunks per worker, so none waits for the driver
    max_in_flight = 1 if isinstance(ex, SerialExecutor) else 2 * n_workers
    chunks = _chunks(pending, chunk_size)
    in_flight: dict[Future[ChunkResult], list[RunSpec]] = {}
    try:
        while True:
            while len(in_flight) < max_in_flight:
                nxt = next(chunks, None)
                if nxt is None:
                    break
                in_flight[ex.submit(run_chunk, exp.scenario, nxt, exp.outputs, store_in_worker)] = nxt
            if not in_flight:
                break
            finished, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            for fut in finished:
                chunk = in_flight.pop(fut)
                try:
                    res = fut.result()
                except OutputError:  # a worker could not store its chunk (a full disk): stop, as the driver would
                    raise
                except BrokenExecutor as e:
                    raise WorkerCrashError(
                        f"a worker process died ({type(e).__name__}: {e}); the runs finished so far are stored: "
                        "run the same command with --resume to finish"
                    ) from e
                except Exception as e:  # the task itself failed (not a run): record its runs as failed
                    res = ChunkResult(tables={}, run_ids=[r.run_id for r in chunk])
                    res.failures = [
                        {
                            "run_id": r.run_id,
                            "point": r.point,
                            "replicate": r.replicate,
                            "seed": r.seed,
                            "error": f"task failed: {type(e).__name__}: {e}",
                        }
                        for r in chunk
                    ]
                record(res)
    except Exception:
        _settle(in_flight, record)
        if pilot is not None:  # no chunk finished to carry it
            with contextlib.suppress(Exception):
                writer.store(pilot)
        raise
    except BaseException:  # Ctrl-C: chunks not started are cancelled (those a worker holds are finished)
        for fut in in_flight:
            fut.cancel()
        raise


def _settle(in_flight: dict[Future[ChunkResult], list[RunSpec]], record: Callable[[ChunkResult], None]) -> None:
    """On the way out of a batch that stops on an error: cancel the chunks not started, keep those running.

    A chunk already running (in a worker) is waited for and stored or counted, so the batch's
    record is complete before the error is reported: no worker still writes into the folder after
    the manifest says what it holds. Their own errors are dropped: the first error is the one to report.
    """
    for fut in in_flight:
        fut.cancel()
    for fut in in_flight:
        if fut.cancelled():
            continue
        with contextlib.suppress(Exception):
            record(fut.result())


class _Writer:
    """Stores finished chunks in a background thread, one at a time and in order, while the next chunk runs.

    Encoding Parquet releases the GIL, so a batch's model runs and its writes overlap (on two cores,
    a serial batch's writes cost it almost no time). At most one chunk waits to be written, so the
    driver's memory stays that of a chunk or two. A run counts as executed once its chunk is stored;
    a write's error comes out at the next :meth:`store` or at :meth:`drain`.
    """

    def __init__(self, out: Path, report: BatchReport, bar: Any) -> None:
        self.out, self.report, self.bar = out, report, bar
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="plpbk-writer")
        self._pending: tuple[Future[Path], ChunkResult] | None = None

    def store(self, res: ChunkResult) -> None:
        """Start writing a chunk (after the one being written, if any, is stored)."""
        self.drain()
        self._pending = (self._pool.submit(write_chunk, self.out, res), res)

    def count(self, res: ChunkResult) -> None:
        """Count the runs of a stored chunk (one a worker stored itself, or one this writer stored)."""
        self.report.executed += len(res.run_ids)
        self.report.failures += res.failures
        self.report.model_seconds += res.model_seconds
        self.bar.update(len(res.run_ids))

    def drain(self) -> None:
        """Wait for the chunk being written and count its runs; raise its write's error."""
        if self._pending is None:
            return
        fut, res = self._pending
        self._pending = None
        fut.result()
        self.count(res)

    def close(self) -> None:
        """Wait for a write still running (its runs count if it succeeds) and stop the thread; never raises.

        Called on the way out, also when the batch stops on an error or a Ctrl-C: the error on its
        way out is the one to report, and a chunk that was being written is stored whole or not at all.
        """
        with contextlib.suppress(Exception):
            self.drain()
        self._pending = None
        self._pool.shutdown(wait=True)


def _manifest(
    exp: Experiment, runs: list[RunSpec], old: dict[str, Any] | None, session: dict[str, Any]
) -> dict[str, Any]:
    sessions = list(old.get("sessions", [])) if old else []
    sessions.append(session)
    return {
        "kind": "plpbk-batch",
        "experiment": exp.to_dict(),
        "experiment_digest": exp.digest(),
        "experiment_source": exp.source,
        "design": {"file": "design.parquet", "points": len({r.point for r in runs}), "kind": exp.kind},
        "replicates": exp.replicates,
        "master_seed": exp.master_seed,
        "seeds": {
            "rule": "SeedSequence([master_seed, replicate])"
            if exp.common_random_numbers
            else "SeedSequence([master_seed, replicate, point])",
            "by_replicate": [r.seed for r in runs if r.point == 0] if exp.common_random_numbers else None,
        },
        "outputs": list(exp.outputs),
        "versions": versions(),
        "git_revision": git_revision(),
        "command": ["plpbk", *sys.argv[1:]] if sys.argv and sys.argv[0].endswith("plpbk") else None,
        "started": old.get("started") if old else session["started"],
        "sessions": sessions,
    }


def _save_manifest(out: Path, manifest: dict[str, Any], report: BatchReport, status: str) -> None:
    manifest["status"] = status
    manifest["runs"] = {
        "total": report.total,
        "stored": report.already + report.executed,
        "failed": len(report.failures),
        "table": "runs.parquet",
    }
    manifest["failures"] = report.failures[:200]
    try:
        write_json(manifest, out / "manifest.json")
    except OSError as e:
        raise OutputError(f"{out}: cannot write manifest.json ({e.strerror or e})") from e


def _finish(out: Path, manifest: dict[str, Any], report: BatchReport, runs: list[RunSpec]) -> None:
    manifest["finished"] = now()
    manifest["sessions"][-1]["finished"] = manifest["finished"]
    done, failures = stored_runs(out)
    failed = {int(f["run_id"]): str(f["error"]) for f in failures}
    # chunks stored by workers after the driver stopped counting (a Ctrl-C) count as executed
    report.executed = max(report.executed, len(done) - report.already)
    manifest["sessions"][-1]["runs"] = report.executed
    status = pd.DataFrame(
        {
            "run_id": [r.run_id for r in runs],
            "point": [r.point for r in runs],
            "replicate": [r.replicate for r in runs],
            "seed": [r.seed for r in runs],
            "status": ["failed" if r.run_id in failed else "ok" if r.run_id in done else "missing" for r in runs],
            "error": [failed.get(r.run_id, "") for r in runs],
        }
    )
    try:
        write_parquet(status, out / "runs.parquet")
    except OSError as e:
        raise OutputError(f"{out}: cannot write runs.parquet ({e.strerror or e})") from e
    _save_manifest(out, manifest, report, report.status)


class _Callback:
    def __init__(self, fn: Callable[[int, int], None] | None, total: int, initial: int) -> None:
        self.fn, self.total, self.n = fn, total, initial

    def update(self, k: int) -> None:
        self.n += k
        if self.fn is not None:
            self.fn(self.n, self.total)

    def close(self) -> None:
        pass


def _progress_bar(progress: bool | Callable[[int, int], None], total: int, initial: int) -> Any:
    if callable(progress):
        return _Callback(progress, total, initial)
    from tqdm.auto import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: worker processes may be forked after this
    return tqdm(
        total=total,
        initial=initial,
        unit="run",
        file=sys.stderr,
        disable=not progress,
        dynamic_ncols=True,
        smoothing=0.1,
        bar_format="{l_bar}{bar}| {n_fmt}/{total_fmt} runs [{elapsed}<{remaining}, {rate_fmt}]",
    )
