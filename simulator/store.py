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

from simulator.results import RunResult

TABLES = ("timeseries", "summary", "events", "wards")
FORMATS = ("parquet", "csv")


class OutputError(OSError):
    """The output folder cannot be used (exists, unwritable, disk full)."""


def now() -> str:
    """Current UTC time in ISO 8601 with seconds."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def versions() -> dict[str, str]:
    """Versions of Python and the packages results depend on."""
    out = {"python": platform.python_version()}
    for pkg in ("plpbk-simulator", "mesa", "numpy", "pandas", "pyarrow", "SALib", "matplotlib"):
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            out[pkg] = importlib.metadata.version(pkg)
    return out


def git_revision() -> str | None:
    """The git commit of the simulator's source checkout, if it is one (``+dirty`` if changed)."""
    root = Path(__file__).resolve().parent.parent
    if not (root / ".git").exists():
        return None
    try:
        rev = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=5, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return rev + ("+dirty" if dirty else "") if rev else None


def write_table(df: pd.DataFrame, path_stem: Path, fmt: str) -> Path:
    """Write one table as ``<stem>.parquet`` or ``<stem>.csv`` and return the path."""
    path = path_stem.with_suffix("." + fmt)
    if fmt == "parquet":
        df.to_parquet(path, index=False)
    else:
        df.to_csv(path, index=False)
    return path


def write_json(obj: Mapping[str, Any], path: Path) -> None:
    """Write JSON atomically (temporary file, then rename)."""
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(obj, fh, indent=2, default=str)
        fh.write("\n")
    os.replace(tmp, path)


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
