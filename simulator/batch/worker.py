"""What runs on a worker: a chunk of runs in, column tables out (or stored by the worker itself).

``run_chunk`` is a module-level function so every executor can pickle it
(process pools under spawn or forkserver, Dask workers on other machines).
``write_chunk`` stores a chunk's tables in a batch folder, whole or not at all;
local worker processes call it themselves (``run_chunk(..., out=...)``), so
their tables never travel back to the driver.
"""

from __future__ import annotations

import json
import os
import shutil
import time
import traceback
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from simulator.results import Codes, Columns, Harvest, arrow_table, harvest, simulate, table_columns
from simulator.scenario import Scenario
from simulator.store import OutputError


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
        seconds: Time spent on each run (the model and taking its harvest), per run id; the chunk's
            tables are built once its runs are done.
        model_seconds: Time spent in the models themselves (construction and steps).
        stored: Whether the worker stored the chunk itself (then ``tables`` is empty).
    """

    tables: dict[str, pa.Table]
    failures: list[dict[str, Any]] = field(default_factory=list)
    run_ids: list[int] = field(default_factory=list)
    seconds: dict[int, float] = field(default_factory=dict)
    model_seconds: float = 0.0
    stored: bool = False


ID_COLUMNS = ("run_id", "point", "replicate")


def run_chunk(
    scenario: Scenario, runs: Sequence[RunSpec], outputs: Sequence[str], out: Path | None = None
) -> ChunkResult:
    """Simulate a chunk of runs and collect the requested tables.

    A run that raises is recorded as a failure (with its seed and the error) and
    the chunk goes on.

    Args:
        scenario: The base scenario.
        runs: The runs to simulate.
        outputs: Tables to keep (``timeseries``, ``summary``, ``events``, ``wards``).
        out: A batch folder to store the chunk in (:func:`write_chunk`) before returning; the
            result then carries no tables. For workers that share the driver's file system.

    Returns:
        The chunk's tables (or none, when stored), failures and timings.

    Raises:
        OutputError: When ``out`` is given and the chunk cannot be stored.
    """
    want = tuple(outputs)
    done: list[tuple[RunSpec, Harvest]] = []
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
            done.append((r, harvest(model, r.seed, want)))
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
    if done:  # the chunk's tables at once, from the runs' harvests
        specs = [r for r, _ in done]
        cols = table_columns([h for _, h in done], want)
        for name in outputs:
            res.tables[name] = arrow_table({**_ids(specs, [h.rows(name) for _, h in done], name), **cols[name]})
    if out is not None:
        write_chunk(out, res)
        res.tables, res.stored = {}, True
    return res


def write_chunk(out: Path, res: ChunkResult) -> Path:
    """Write a chunk's tables into a temporary folder, then rename it into place.

    Args:
        out: The batch folder.
        res: The chunk's results.

    Returns:
        The chunk folder.

    Raises:
        OutputError: When the disk is full or the folder cannot be written.
    """
    runs_dir = out / "runs"
    name = f"chunk-{min(res.run_ids):08d}-{len(res.run_ids):05d}"
    retry = 0
    while (runs_dir / (name + (f"-r{retry:03d}" if retry else ""))).exists():  # a failed run redone by --resume
        retry += 1
    name += f"-r{retry:03d}" if retry else ""
    tmp = runs_dir / f".tmp-{name}-{uuid.uuid4().hex[:8]}"
    try:
        tmp.mkdir(parents=True)
        for table, tab in res.tables.items():
            # as ``DataFrame.to_parquet``, but the measurements (floats) without dictionaries and min/max
            # statistics: they are rarely repeated and never a filter key, and encoding them that way was
            # a third of a chunk's writing time
            keys = [f.name for f in tab.schema if not pa.types.is_floating(f.type)]
            pq.write_table(
                tab, tmp / f"{table}.parquet", compression="snappy", use_dictionary=keys, write_statistics=keys
            )
        if res.failures:
            pd.DataFrame(res.failures).to_parquet(tmp / "failures.parquet", index=False)
        (tmp / "done.json").write_text(json.dumps(sorted(res.run_ids)))
        os.replace(tmp, runs_dir / name)
    except OSError as e:
        shutil.rmtree(tmp, ignore_errors=True)
        raise OutputError(f"{out}: cannot write results ({e.strerror or e}); runs stored so far are intact") from e
    return runs_dir / name


def _ids(runs: Sequence[RunSpec], counts: Sequence[int], table: str) -> Columns:
    """The columns that say which run a row is from (and, in the time series and summary, its design values)."""
    ids: Columns = {
        name: np.repeat(np.array([getattr(r, name) for r in runs], dtype=np.int64), counts) for name in ID_COLUMNS
    }
    if table in ("timeseries", "summary"):
        # the design's values: a point of a list design may leave a parameter out (NaN, null in the table)
        for k in dict.fromkeys(k for r in runs for k in r.values):
            vals = [r.values.get(k) for r in runs]
            if all(isinstance(v, str) for v in vals):
                ids[k] = Codes.each([str(v) for v in vals], counts)
            elif any(v is None for v in vals) and all(isinstance(v, int | float | None) for v in vals):
                ids[k] = np.repeat(np.array([np.nan if v is None else v for v in vals], dtype=float), counts)
            else:  # text with gaps as None, as pandas converts it
                ids[k] = np.repeat(np.array(vals, dtype=None if all(v is not None for v in vals) else object), counts)
    return ids
