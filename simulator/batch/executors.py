"""Executors: serial, local processes, a Dask cluster, or any ``concurrent.futures.Executor``.

Every executor is used through the ``concurrent.futures`` interface (``submit``
and futures), the contract Mesa 4 adopts; Dask's ``Client.get_executor``
provides it for a Dask cluster.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from typing import Any, TypeVar

from simulator.errors import SchedulerError

EXECUTORS = ("serial", "processes", "dask")

T = TypeVar("T")


class SerialExecutor(Executor):
    """Runs each task in the calling process when it is submitted."""

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        """Run ``fn(*args, **kwargs)`` now and return a finished future."""
        fut: Future[T] = Future()
        try:
            fut.set_result(fn(*args, **kwargs))
        except BaseException as e:
            if isinstance(e, KeyboardInterrupt | SystemExit):
                raise
            fut.set_exception(e)
        return fut


def default_workers() -> int:
    """Number of workers when none is given: the CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


PARENT_POLL_SECONDS = 1.0
"""How often a worker checks that its driver is still alive (where no parent-death signal exists)."""

_PR_SET_PDEATHSIG = 1  # from <sys/prctl.h>


def _exit_with_parent(parent: int) -> None:
    """End this worker process when its driver ``parent`` dies, however it dies.

    A driver killed with SIGKILL (as the out-of-memory killer does) runs no clean-up, and its
    pool's workers would wait for work forever. On Linux the kernel sends this process SIGTERM
    when its parent dies (``prctl(PR_SET_PDEATHSIG)``); where that is not available a daemon
    thread watches ``os.getppid()`` and exits when the parent has changed.
    """
    armed = False
    if sys.platform == "linux":
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            armed = libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) == 0
    if os.getppid() != parent:  # the driver died before the signal was armed
        os._exit(1)
    if armed:
        return

    def watch() -> None:
        while True:
            if os.getppid() != parent:
                os._exit(1)
            time.sleep(PARENT_POLL_SECONDS)

    threading.Thread(target=watch, name="plpbk-parent-watch", daemon=True).start()


def _init_worker(parent: int) -> None:
    """Set up a worker process: Ctrl-C is left to the driver; the worker ends when the driver dies.

    The driver stops the batch on Ctrl-C and keeps what is stored; see :func:`_exit_with_parent`.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent(parent)


@contextlib.contextmanager
def open_executor(
    kind: str, workers: int | None = None, scheduler: str | None = None, start_method: str | None = None
) -> Iterator[tuple[Executor, int]]:
    """Start an executor by name and shut it down afterwards.

    Args:
        kind: ``serial``, ``processes`` or ``dask``.
        workers: Worker processes (processes, local Dask cluster); default all CPUs.
        scheduler: Address of a running Dask scheduler (``tcp://host:port``);
            with it no local cluster is started.
        start_method: multiprocessing start method for ``processes`` (default
            fork on Linux, spawn elsewhere).

    Yields:
        The executor and the number of workers it has.

    Raises:
        ValueError: On an unknown kind.
        SchedulerError: When the Dask scheduler cannot be reached or started.
    """
    if kind == "serial":
        yield SerialExecutor(), 1
        return
    n = workers or default_workers()
    _compile_once()
    if kind == "processes":
        # fork starts workers in milliseconds with the model already imported (forkserver and
        # spawn re-import it: ~1.5 s a batch). Python warns about fork in a process with threads;
        # ours are native pools (OpenBLAS, Arrow) that reinitialise themselves after fork, and the
        # workers run only the model. All workers are forked here, before the pool's own thread.
        method = start_method or ("fork" if sys.platform == "linux" else "spawn")
        ctx = multiprocessing.get_context(method)
        pool = ProcessPoolExecutor(max_workers=n, mp_context=ctx, initializer=_init_worker, initargs=(os.getpid(),))
        # the driver's objects (modules, compiled kernels: a few hundred MB) are frozen out of the
        # garbage collector while the workers fork: a collection in a worker would otherwise write
        # to every inherited object and copy each page of them (copy-on-write) in its first chunk
        # (a pool that forks starts all its workers in its first submit: no need to wait for the task)
        gc.freeze()
        try:
            with warnings.catch_warnings():
                warnings.filterwarnings(
                    "ignore", message=".*use of fork\\(\\) may lead to deadlocks", category=DeprecationWarning
                )
                started = pool.submit(int)
                if method != "fork":
                    started.result()
        finally:
            gc.unfreeze()
        try:
            yield pool, n
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        return
    if kind == "dask":
        with _dask_client(n, scheduler) as (client, nw):
            yield client.get_executor(pure=False), nw
        return
    raise ValueError(f"unknown executor {kind!r}: choose one of {', '.join(EXECUTORS)}")


def _compile_once() -> None:
    """Compile the model's kernels here, once, rather than in every worker at the same time."""
    from simulator.model import kernels
    from simulator.model.model import compile_kernels

    if kernels.cold():
        compile_kernels()


@contextlib.contextmanager
def _dask_client(workers: int, scheduler: str | None) -> Iterator[tuple[Any, int]]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as e:  # pragma: no cover - dask is a dependency
        raise SchedulerError("the dask executor needs dask.distributed: pip install 'dask[distributed]'") from e
    import logging

    logging.getLogger("distributed").setLevel(logging.ERROR)
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="5s")
        else:
            cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address="127.0.0.1:0",
            )
            client = Client(cluster)
    except (OSError, TimeoutError, ValueError) as e:  # ValueError: an address Dask cannot parse
        if cluster is not None:
            cluster.close()
        where = f"at {scheduler}" if scheduler else "(local cluster)"
        why = str(e).replace(f" to {scheduler}", "").replace(f" {scheduler!r}", "") if scheduler else str(e)
        raise SchedulerError(f"cannot reach the Dask scheduler {where}: {why}") from None
    try:
        n = len(client.nthreads()) or workers
        yield client, n
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


@contextlib.contextmanager
def shut_down_after(started: tuple[Executor, int]) -> Iterator[tuple[Executor, int]]:
    """Use an executor started earlier (``open_executor``) and shut it down, waiting for its tasks, on the way out.

    The batch engine writes its record after this: local worker processes ignore Ctrl-C and
    store their chunks themselves, so on an interruption the chunks they run (or hold queued)
    are finished and stored while the pool shuts down, and the record counts every chunk.

    Yields:
        The executor and its number of workers, as given.
    """
    try:
        yield started
    finally:
        started[0].shutdown(wait=True, cancel_futures=True)
