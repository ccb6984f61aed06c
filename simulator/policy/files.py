"""Output folders and files of the policy commands: the folder check, atomic text and figure writes.

Shared by ``plpbk compare``, ``plpbk whatif`` and the briefs.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from simulator.i18n.plots import localize_ticks
from simulator.store import OutputError, atomic_path, read_json


def check_out(out: Path, kind: str, digest: str, resume: bool) -> None:
    """Refuse an output folder that holds something else; allow resuming the same job.

    Args:
        out: The folder.
        kind: Manifest kind of this job (``plpbk-compare``, ``plpbk-whatif``).
        digest: Digest of what determines the results.
        resume: True to finish the job already in the folder.

    Raises:
        OutputError: When the folder holds other files, another job, or this job without ``resume``.
    """
    man = out / "manifest.json"
    if man.exists():
        old = read_json(man)
        if old.get("kind") != kind or old.get("digest") != digest:
            raise OutputError(
                f"{out}: holds other results ({old.get('kind')}, digest {old.get('digest')}); choose another --out"
            )
        what = {"plpbk-compare": "comparison", "plpbk-whatif": "what-if"}.get(kind, kind)
        if not resume and old.get("status") == "complete":
            raise OutputError(
                f"{out}: already holds this {what}; choose another --out, or add --resume to redo only the analysis"
            )
        if not resume:
            raise OutputError(f"{out}: holds an unfinished run of this {what}; add --resume to finish it")
        return
    if out.exists() and (not out.is_dir() or any(p for p in out.iterdir() if not p.name.startswith("."))):
        raise OutputError(f"{out}: output folder exists and is not empty; choose another --out")


def write_text(path: Path, text: str) -> None:
    """Write a text file atomically (temporary file, then rename)."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def save_fig(fig: Figure, path: Path, dpi: int = 110, lang: str | None = None) -> None:
    """Save a figure atomically (:func:`simulator.store.atomic_path`) and close it.

    Args:
        fig: The figure.
        path: The PNG (or SVG) file to write.
        dpi: Resolution.
        lang: The brief's language: with ``id`` every numeric tick label is written with a decimal
            comma and thousands dot (:func:`simulator.i18n.plots.localize_ticks`); None or ``en``
            leaves matplotlib's labels.
    """
    try:
        if lang is not None:
            localize_ticks(fig, lang)
        with atomic_path(path) as tmp:
            fig.savefig(tmp, dpi=dpi)
    finally:
        plt.close(fig)


__all__ = ["check_out", "save_fig", "write_text"]
