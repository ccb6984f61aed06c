"""Writing results to disk: tables, manifest and plots, atomically.

A run folder holds ``timeseries``, ``summary``, ``events`` and ``wards`` tables
(Parquet, or CSV on request), ``manifest.json`` (the scenario as resolved,
seeds, package versions, git revision, start and end times) and ``plots/``.
Everything is written into a hidden temporary folder beside the target and
renamed into place at the end, so an interrupted run leaves no half-written
output folder.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import importlib.metadata
import json
import os
import platform
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from simulator.errors import OutputError
from simulator.outcomes import TABLES
from simulator.results import RunResult

FORMATS = ("parquet", "csv")


def now() -> str:
    """Current UTC time in ISO 8601 with seconds."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def versions() -> dict[str, str]:
    """Versions of Python and the packages results depend on."""
    return dict(_versions())


@functools.cache  # the packages a process has imported do not change while it runs
def _versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for pkg in ("plpbk-simulator", "mesa", "numpy", "pandas", "pyarrow", "SALib", "matplotlib"):
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            out[pkg] = importlib.metadata.version(pkg)
    return out


@functools.cache  # once per process: the code a process runs is the code it imported (git takes ~15 ms)
def git_revision() -> str | None:
    """The git commit of the simulator's source checkout, if it is one (``+dirty`` if changed)."""
    root = Path(__file__).resolve().parent.parent
    if not (root / ".git").exists():
        return None
    try:  # one call: the header gives the commit, the other lines the changed tracked files
        lines = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain=v2", "--branch", "--untracked-files=no"],
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        ).stdout.splitlines()
    except (OSError, subprocess.SubprocessError):
        return None
    rev = next((line.split()[2] for line in lines if line.startswith("# branch.oid ")), "")
    if not rev or rev == "(initial)":  # no commit yet
        return None
    dirty = any(not line.startswith("#") for line in lines)
    return rev + ("+dirty" if dirty else "")


def write_table(df: pd.DataFrame, path_stem: Path, fmt: str) -> Path:
    """Write one table as ``<stem>.parquet`` or ``<stem>.csv`` and return the path."""
    path = path_stem.with_suffix("." + fmt)
    if fmt == "parquet":
        df.to_parquet(path, index=False)
    else:
        df.to_csv(path, index=False)
    return path


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path`` that replaces it only if the block succeeds.

    The one atomic writer of the package: a reader (or a resumed job) sees the old file or
    the new one, never half a file; on an error the temporary file is removed. The temporary
    name keeps the suffix, so writers that choose a format by suffix (matplotlib) still work.

    Args:
        path: The file to (re)write.

    Yields:
        The temporary path to write to.
    """
    path = Path(path)
    tmp = path.with_name(f".{path.stem}.tmp-{os.getpid()}{path.suffix}")
    try:
        yield tmp
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def write_json(obj: Mapping[str, Any], path: Path) -> None:
    """Write JSON atomically (:func:`atomic_path`)."""
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8") as fh:
        json.dump(obj, fh, indent=2, default=str)
        fh.write("\n")


def write_parquet(df: pd.DataFrame, path: Path) -> None:
    """Write a Parquet table atomically (:func:`atomic_path`)."""
    with atomic_path(path) as tmp:
        df.to_parquet(tmp, index=False)


def write_csv(df: pd.DataFrame, path: Path) -> None:
    """Write a CSV table atomically (:func:`atomic_path`)."""
    with atomic_path(path) as tmp:
        df.to_csv(tmp, index=False)


def _kind(path: Path) -> str:
    """What a path that is not a folder is, in words."""
    import stat

    try:
        mode = path.stat().st_mode
    except OSError:
        return "not a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
        return "a pipe or socket"
    return "a file"


def preflight(path: str | Path, *, folder: bool = True) -> Path:
    """Check, before any run starts, that an output can be written where the user asked.

    The one pre-flight of every command that writes: a results folder (``--out``), created
    with its parents, or a single file (``--trace``), whose folder must exist.

    Args:
        path: The folder or file as the user gave it.
        folder: True for a results folder, False for a file.

    Returns:
        The path.

    Raises:
        OutputError: On an empty path, a path that is a file or a device where a folder is
            meant (or a folder where a file is meant), a missing folder for a file, or a place
            that cannot be written (permissions, a read-only file system).
    """
    if not str(path).strip():
        raise OutputError(f"an empty {'folder' if folder else 'file'} name: give a path")
    p = Path(path)
    if p.exists() or p.is_symlink():
        if folder and not p.is_dir():
            raise OutputError(f"{p}: is {_kind(p)}, not a folder; choose another --out")
        if not folder and p.is_dir():
            raise OutputError(f"{p}: is a folder; give a file name")
        if not folder and not p.is_file():
            raise OutputError(f"{p}: is {_kind(p)}, not a file")
    anc = p if folder and p.exists() else p.parent  # a file is written in its folder (an existing file is replaced)
    while not anc.exists() and anc != anc.parent:
        anc = anc.parent
    if not folder and not p.parent.is_dir():
        raise OutputError(f"{p}: the folder {p.parent} does not exist")
    if not anc.is_dir():
        raise OutputError(f"{p}: cannot create it: {anc} is {_kind(anc)}, not a folder")
    if not os.access(anc, os.W_OK | os.X_OK):
        ro = hasattr(os, "statvfs") and bool(os.statvfs(anc).f_flag & getattr(os, "ST_RDONLY", 1))
        why = "a read-only file system" if ro else "permission denied"
        raise OutputError(f"{p}: cannot write in {anc} ({why})")
    if anc == p:  # an existing folder: it is refused later unless empty or resumable; leave it untouched
        return p
    try:  # permissions do not tell everything (root, /proc, network mounts): try it
        import tempfile

        with tempfile.NamedTemporaryFile(dir=anc, prefix=".plpbk-probe-"):
            pass
    except OSError as e:
        raise OutputError(f"{p}: cannot write in {anc} ({e.strerror or e})") from None
    return p


@contextlib.contextmanager
def staged_folder(target: Path) -> Iterator[Path]:
    """Yield a temporary folder that becomes ``target`` only if the block succeeds.

    Args:
        target: Final folder; must not exist, or be empty.

    Yields:
        The temporary folder to write into.

    Raises:
        OutputError: When the target exists and is not empty, or cannot be written.
    """
    target = Path(target)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise OutputError(
            f"{target}: output folder already exists and is not empty (choose another --out, or remove it)"
        )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.parent / f".{target.name}.partial-{os.getpid()}"
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir()
    except OSError as e:
        raise OutputError(f"{target}: cannot create output folder ({e.strerror or e})") from e
    try:
        yield tmp
        if target.exists():
            target.rmdir()
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def write_run(
    result: RunResult,
    target: Path,
    *,
    fmt: str = "parquet",
    plots: bool = True,
    svg: bool = False,
    started: str | None = None,
    command: list[str] | None = None,
) -> Path:
    """Write a run's tables, manifest and plots into a new folder.

    Args:
        result: The runs to write.
        target: The folder to create (must not exist or be empty).
        fmt: ``parquet`` or ``csv``.
        plots: Write the PNG plots.
        svg: Also write SVG plots.
        started: Start time for the manifest (default: now).
        command: The command line, for the manifest.

    Returns:
        The folder written.

    Raises:
        OutputError: When the folder cannot be written (exists, permissions, disk full).
    """
    from simulator.analysis.plots import save_run_plots

    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}")
    try:
        with staged_folder(target) as tmp:
            files = [write_table(getattr(result, name), tmp / name, fmt).name for name in TABLES]
            if plots:
                files += [str(p.relative_to(tmp)) for p in save_run_plots(result.timeseries, tmp / "plots", svg=svg)]
            manifest = {
                "kind": "plpbk-run",
                "scenario": result.scenario.to_dict(),
                "scenario_digest": result.scenario.digest(),
                "seeds": result.seeds,
                "years": int(result.scenario.values["time.years"]),
                "format": fmt,
                "files": files,
                "versions": versions(),
                "git_revision": git_revision(),
                "command": command if command is not None else sys.argv,
                "started": started or now(),
                "finished": now(),
            }
            write_json(manifest, tmp / "manifest.json")
    except OSError as e:
        if isinstance(e, OutputError):
            raise
        raise OutputError(f"{target}: could not write results ({e.strerror or e}); nothing was left behind") from e
    return target


def chunk_is_stored(folder: Path) -> bool:
    """Whether a batch's chunk folder holds a stored chunk: its ``done.json`` is there.

    The batch writer writes ``done.json`` last and renames the chunk into place whole, so a
    temporary folder (``.tmp-...``) or a chunk folder without it is unfinished or damaged:
    its runs count as not run, and its tables are not read.
    """
    return not folder.name.startswith(".tmp-") and (folder / "done.json").is_file()


def read_json(path: Path) -> dict[str, Any]:
    """Read a JSON file written by ``write_json``.

    Raises:
        OutputError: When the file is unreadable or not valid JSON.
    """
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, json.JSONDecodeError) as e:
        raise OutputError(f"{path}: unreadable manifest ({e})") from e
    if not isinstance(data, dict):
        raise OutputError(f"{path}: not a results manifest")
    return data


class Results:
    """Tables of a results folder (a batch or a ``plpbk run`` output), read lazily.

    Attributes:
        path: The folder.
        manifest: Its manifest.
    """

    def __init__(self, path: Path, manifest: dict[str, Any]) -> None:
        """Use :func:`open_results` to create one."""
        self.path = path
        self.manifest = manifest
        self._cache: dict[str, pd.DataFrame] = {}

    @property
    def kind(self) -> str:
        """``plpbk-batch`` or ``plpbk-run``."""
        return str(self.manifest.get("kind", ""))

    def table(self, name: str) -> pd.DataFrame:
        """One table, all runs, sorted by run (and year).

        Args:
            name: timeseries, summary, events, wards, design, runs or failures.

        Returns:
            The table (empty when the folder does not hold it).
        """
        if name not in self._cache:
            self._cache[name] = self._read(name)
        return self._cache[name]

    def columns(self, name: str, columns: list[str]) -> pd.DataFrame:
        """Some columns of one table, read without the others (large batches).

        Args:
            name: The table.
            columns: The columns wanted (``run_id`` and ``year`` are added for sorting).

        Returns:
            The table restricted to those columns, sorted like :meth:`table`.
        """
        if name in self._cache:
            return self._cache[name][[c for c in columns if c in self._cache[name].columns]]
        return self._read(name, columns)

    def _read(self, name: str, columns: list[str] | None = None) -> pd.DataFrame:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self.kind != "plpbk-batch" or name in ("design", "runs"):
            for ext in ("parquet", "csv"):
                f = self.path / f"{name}.{ext}"
                if f.exists():
                    df = pd.read_parquet(f) if ext == "parquet" else pd.read_csv(f)
                    return df if columns is None else df[[c for c in columns if c in df.columns]]
            return pd.DataFrame()
        files = [f for f in sorted((self.path / "runs").glob(f"chunk-*/{name}.parquet")) if chunk_is_stored(f.parent)]
        if not files:
            return pd.DataFrame()
        if columns is not None:
            have = set(pq.read_schema(files[0]).names)
            columns = list(dict.fromkeys(c for c in ["run_id", "year", *columns] if c in have))
        tab = pa.concat_tables([pq.read_table(f, columns=columns) for f in files], promote_options="default")
        df = tab.to_pandas()
        keys = [k for k in ("run_id", "year") if k in df.columns]
        if keys:
            df = df.sort_values(keys, kind="stable").reset_index(drop=True)
        return df

    @property
    def timeseries(self) -> pd.DataFrame:
        """One row per run and year."""
        return self.table("timeseries")

    @property
    def series(self) -> pd.DataFrame:
        """Alias of ``timeseries``."""
        return self.timeseries

    @property
    def summary(self) -> pd.DataFrame:
        """One row per run."""
        return self.table("summary")

    @property
    def events(self) -> pd.DataFrame:
        """The proposal, delivery and partnership log (when kept)."""
        return self.table("events")

    @property
    def wards(self) -> pd.DataFrame:
        """Each ward's final state (when kept)."""
        return self.table("wards")

    @property
    def design(self) -> pd.DataFrame:
        """One row per design point (batches)."""
        return self.table("design")

    @property
    def runs(self) -> pd.DataFrame:
        """Per-run status: run_id, point, replicate, seed, status, error (batches)."""
        return self.table("runs")

    @property
    def failures(self) -> pd.DataFrame:
        """Runs that raised and have no results (batches; a run redone by ``--resume`` is not listed)."""
        df = self.table("failures")
        if df.empty or "run_id" not in df.columns:
            return df
        summ = self.columns("summary", ["run_id"])
        ok = set(summ["run_id"]) if "run_id" in summ.columns else set()
        df = df[~df["run_id"].isin(ok)].drop_duplicates("run_id", keep="last")
        return df.reset_index(drop=True)


def open_results(path: str | Path) -> Results:
    """Open a results folder written by ``plpbk run`` or ``plpbk batch``.

    Args:
        path: The folder.

    Returns:
        Its tables as tidy DataFrames (``.timeseries``, ``.summary``, ``.design``, ...).

    Raises:
        OutputError: When the folder holds no results manifest.
    """
    p = Path(path)
    man = p / "manifest.json"
    if not man.exists():
        raise OutputError(f"{p}: no manifest.json: not a results folder")
    return Results(p, read_json(man))
