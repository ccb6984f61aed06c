"""What runs on a worker: a chunk of runs in, column tables out.

``run_chunk`` is a module-level function so every executor can pickle it
(process pools under spawn or forkserver, Dask workers on other machines).
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa

from simulator.results import Codes, Columns, arrow_table, columns, concat, simulate
from simulator.scenario import Scenario


@dataclass(frozen=True)
class RunSpec:
    """One run of a batch.

    Attributes:
        run_id: Position in the batch's run list (point * replicates + replicate).
        point: Design point index.
        replicate: Replicate index.
        seed: The run's seed.
        values: The design point's parameter values (dotted names).
    """

    run_id: int
    point: int
    replicate: int
    seed: int
    values: Mapping[str, Any]


@dataclass
class ChunkResult:
    """The tables of a chunk of runs, ready to write.

    Attributes:
        tables: Table name -> Arrow table (rows of all successful runs of the chunk), as
            ``pyarrow.Table.from_pandas`` makes it of the table's DataFrame (see ``results.arrow_table``).
        failures: One dict per failed run: run_id, point, replicate, seed, error.
        run_ids: The run ids the chunk covered (successful or failed).
        seconds: Time spent on each run (model and table extraction), per run id.
        model_seconds: Time spent in the models themselves (construction and steps).
    """

    tables: dict[str, pa.Table]
    failures: list[dict[str, Any]] = field(default_factory=list)
    run_ids: list[int] = field(default_factory=list)
    seconds: dict[int, float] = field(default_factory=dict)
    model_seconds: float = 0.0


ID_COLUMNS = ("run_id", "point", "replicate")


def run_chunk(scenario: Scenario, runs: Sequence[RunSpec], outputs: Sequence[str]) -> ChunkResult:
    """Simulate a chunk of runs and collect the requested tables.

    A run that raises is recorded as a failure (with its seed and the error) and
    the chunk goes on.

    Args:
        scenario: The base scenario.
        runs: The runs to simulate.
        outputs: Tables to keep (``timeseries``, ``summary``, ``events``, ``wards``).

    Returns:
        The chunk's tables, failures and timings.
    """
    parts: dict[str, list[Columns]] = {k: [] for k in outputs}
    res = ChunkResult(tables={})
    point_scenario: tuple[int, Scenario] | None = None  # the replicates of a point share its scenario
    for r in runs:
        t0 = time.perf_counter()
        res.run_ids.append(r.run_id)
        try:
            if point_scenario is not None and point_scenario[0] == r.point:
                sc = point_scenario[1]
            else:
                sc = scenario.with_values(r.values, origin=f"design point {r.point}") if r.values else scenario
                point_scenario = (r.point, sc)
            t_model = time.perf_counter()
            model = simulate(sc, r.seed)
            res.model_seconds += time.perf_counter() - t_model
            cols = columns(model, r.seed, tuple(outputs))
        except Exception as e:  # a failing run must not stop the batch
            last = traceback.extract_tb(e.__traceback__)[-1] if e.__traceback__ else None
            where = f" at {last.filename.rsplit('/', 1)[-1]}:{last.lineno}" if last else ""
            res.failures.append(
                {
                    "run_id": r.run_id,
                    "point": r.point,
                    "replicate": r.replicate,
                    "seed": r.seed,
                    "error": f"{type(e).__name__}: {e}{where}",
                }
            )
            res.seconds[r.run_id] = time.perf_counter() - t0
            continue
        for name in outputs:
            c = cols[name]
            n = len(next(iter(c.values())))
            ids: Columns = {
                "run_id": np.full(n, r.run_id, np.int64),
                "point": np.full(n, r.point, np.int64),
                "replicate": np.full(n, r.replicate, np.int64),
            }
            if name in ("timeseries", "summary"):
                for k, v in r.values.items():
                    ids[k] = Codes.repeat(v, n) if isinstance(v, str) else np.full(n, v)
            parts[name].append({**ids, **c})
        res.seconds[r.run_id] = time.perf_counter() - t0
    for name, lst in parts.items():
        if lst:
            res.tables[name] = arrow_table(concat(lst))
    return res
