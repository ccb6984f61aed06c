"""Size limits checked before anything is allocated or forked.

A design's run count is computed arithmetically from its file (``Experiment.n_runs``), so
a Latin hypercube of 10⁸ points or a Sobol base sample of 2³⁴ is refused in milliseconds,
before SALib builds it. The cap is :data:`DEFAULT_MAX_RUNS`; ``plpbk --max-runs N`` (or
``with run_limit(N):`` in a script) raises it for one command.

``--workers`` is refused above :func:`max_workers` (a multiple of the CPUs this process may
use: more processes than that only queue for the same cores and each costs memory), and the
batch engine never starts more workers than it has runs.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

from simulator.batch.executors import default_workers
from simulator.errors import SizeError

DEFAULT_MAX_RUNS = 1_000_000
"""Runs one command may start unless ``--max-runs`` says otherwise."""

WORKERS_PER_CPU = 4
"""``--workers`` may be at most this many times the CPUs this process may use."""

_MAX_RUNS: contextvars.ContextVar[int] = contextvars.ContextVar("max_runs", default=DEFAULT_MAX_RUNS)


@contextlib.contextmanager
def run_limit(max_runs: int | None) -> Iterator[None]:
    """Within the block, designs of up to ``max_runs`` runs are allowed (None: the default cap).

    Args:
        max_runs: The cap, a whole number >= 1, or None to keep the current one.
    """
    if max_runs is None:
        yield
        return
    if max_runs < 1:
        raise SizeError(f"--max-runs {max_runs} is out of range: must be >= 1")
    token = _MAX_RUNS.set(max_runs)
    try:
        yield
    finally:
        _MAX_RUNS.reset(token)


def max_runs() -> int:
    """The run cap in force (see :func:`run_limit`)."""
    return _MAX_RUNS.get()


def check_runs(n: int, where: str, what: str = "the design") -> None:
    """Refuse ``n`` runs above the cap in force, before anything is built.

    Args:
        n: The run count, computed arithmetically.
        where: The file it comes from, for the message ("" for a command-line flag).
        what: How the count was made, e.g. ``"64 points × 10 seeds"``.

    Raises:
        SizeError: Above the cap.
    """
    cap = max_runs()
    if n > cap:
        raise SizeError(
            f"{where + ': ' if where else ''}{what} makes {n:,} runs, more than the limit of {cap:,}; "
            f"make it smaller, or raise the limit with --max-runs {n}"
        )


def max_workers() -> int:
    """The largest ``--workers`` allowed: :data:`WORKERS_PER_CPU` × the CPUs this process may use."""
    return WORKERS_PER_CPU * default_workers()


def check_workers(n: int | None) -> None:
    """Refuse a worker count above :func:`max_workers` (None: the default, always allowed).

    Raises:
        SizeError: Above the limit, with the limit and the CPU count.
    """
    if n is None:
        return
    if n < 1:
        raise SizeError(f"--workers {n} is out of range: must be >= 1")
    cap = max_workers()
    if n > cap:
        raise SizeError(
            f"--workers {n} is out of range: at most {cap} ({WORKERS_PER_CPU} × the {default_workers()} CPUs "
            f"this machine lets us use); more processes only queue for the same cores"
        )
