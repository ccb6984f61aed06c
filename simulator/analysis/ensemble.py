"""Calibrated ensembles: the parameter sets a calibration accepted, in a TOML file.

``plpbk calibrate`` writes ``ensemble.toml`` next to its report::

    [ensemble]
    scenario = "baseline"                      # the scenario calibrated
    calibration = "calibrate-baseline"         # the calibration experiment
    source = "experiments/calibrate-baseline.toml"
    method = "ABC rejection (all patterns must hold)"
    patterns = [1, 2, 3]                       # the patterns every set reproduces
    revision = "1b96bc4"                       # git revision of the simulator
    date = "2026-05-01T10:00:00"
    sampled = 48                               # sets sampled (the scenario's own set excluded)
    accepted = 12                              # sets below
    parameters = ["trust.learn_success", "assets.decay"]

    [[set]]
    calibration_set = 3                        # its number in the calibration's sets.csv
    "trust.learn_success" = 0.12
    "assets.decay" = 0.09

Every ``[[set]]`` names the same parameters. ``plpbk compare --ensemble`` and
``plpbk whatif --ensemble`` run every option on every set, so their effects carry
parameter uncertainty. :func:`load_ensemble` is the one reader: every key is
checked against the parameter registry, and any problem is a one-line
:class:`EnsembleError` naming the file, the set and the key.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simulator.errors import EnsembleError
from simulator.scenario import (
    Scenario,
    ScenarioError,
    Value,
    _check_value,
    _param_or_error,
    _read_toml,
    _suggest,
)

METHOD = "ABC rejection (all patterns must hold)"
HEADER_KEYS = (
    "scenario",
    "calibration",
    "source",
    "method",
    "patterns",
    "revision",
    "date",
    "sampled",
    "accepted",
    "parameters",
)
SET_ID = "calibration_set"


@dataclass(frozen=True)
class Ensemble:
    """Accepted parameter sets of a calibration.

    Attributes:
        path: The file read (or to be written).
        sets: One mapping parameter -> value per accepted set, in file order.
        scenario: Name of the calibrated scenario.
        calibration: Name of the calibration experiment.
        method: How the sets were accepted.
        revision: Git revision of the simulator that calibrated.
        date: When the calibration finished.
        ids: Each set's number in the calibration (``calibration_set``), or None.
        header: The whole ``[ensemble]`` table.
        digest: SHA-256 (16 hex digits) of the file's bytes ("" before writing).
    """

    path: Path
    sets: tuple[Mapping[str, Value], ...]
    scenario: str = ""
    calibration: str = ""
    method: str = METHOD
    revision: str = ""
    date: str = ""
    ids: tuple[int | None, ...] = ()
    header: Mapping[str, Any] | None = None
    digest: str = ""

    @property
    def n(self) -> int:
        """Number of parameter sets."""
        return len(self.sets)

    @property
    def parameters(self) -> list[str]:
        """The parameters every set names, in order."""
        return list(self.sets[0]) if self.sets else []

    def apply(self, sc: Scenario, i: int) -> Scenario:
        """The scenario with set ``i``'s values (checked, e.g. share groups).

        Raises:
            EnsembleError: When the values do not fit the scenario.
        """
        try:
            return sc.with_values(self.sets[i], origin=f"{self.path}: set {i + 1}")
        except ScenarioError as e:
            raise EnsembleError(str(e)) from None

    def check(self, sc: Scenario) -> None:
        """Check every set against a scenario (see :meth:`apply`)."""
        for i in range(self.n):
            self.apply(sc, i)

    def manifest(self) -> dict[str, Any]:
        """What a manifest records about the ensemble."""
        return {
            "file": str(self.path),
            "digest": self.digest,
            "sets": self.n,
            "parameters": self.parameters,
            "scenario": self.scenario,
            "calibration": self.calibration,
            "method": self.method,
        }


def file_digest(path: Path) -> str:
    """SHA-256 (first 16 hex digits) of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def load_ensemble(path: str | Path) -> Ensemble:
    """Read and validate an ensemble file (see the module docstring).

    Args:
        path: The TOML file.

    Returns:
        The ensemble.

    Raises:
        EnsembleError: One line naming the file (and the set and key) on a missing or
            malformed file, an unknown table or key, an unknown parameter, a value of the
            wrong type or out of range, sets naming different parameters, or no sets.
    """
    path = Path(path)
    try:
        return _load(path)
    except EnsembleError:
        raise
    except ScenarioError as e:  # a missing file, bad TOML, a value checked against the registry
        raise EnsembleError(str(e)) from None


def _load(path: Path) -> Ensemble:
    data = _read_toml(path)
    where = str(path)
    for k in data:
        if k not in ("ensemble", "set"):
            raise EnsembleError(f"{where}: unknown table '{k}'{_suggest(k, ['ensemble', 'set'])}")
    head = data.get("ensemble", {})
    if not isinstance(head, dict):
        raise EnsembleError(f"{where}: 'ensemble' must be an [ensemble] table")
    for k, v in head.items():
        if k not in HEADER_KEYS:
            raise EnsembleError(f"{where}: unknown key 'ensemble.{k}'{_suggest(k, list(HEADER_KEYS))}")
        if k in ("scenario", "calibration", "source", "method", "revision", "date") and not isinstance(v, str):
            raise EnsembleError(f"{where}: ensemble.{k} = {v!r} must be text")
    raw = data.get("set", [])
    if not isinstance(raw, list) or not all(isinstance(s, dict) for s in raw):
        raise EnsembleError(f"{where}: 'set' must be a list of [[set]] tables (one per accepted parameter set)")
    if not raw:
        raise EnsembleError(f"{where}: no parameter sets: the file has no [[set]] tables")
    sets: list[dict[str, Value]] = []
    ids: list[int | None] = []
    for i, s in enumerate(raw, start=1):
        origin = f"{where}: set {i}"
        vals: dict[str, Value] = {}
        sid = s.get(SET_ID)
        if sid is not None and (isinstance(sid, bool) or not isinstance(sid, int) or sid < 0):
            raise EnsembleError(f"{origin}: {SET_ID} = {sid!r} must be a whole number >= 0")
        ids.append(sid)
        for k, v in _flatten(s, origin).items():
            p = _param_or_error(k, origin)
            if p.role == "lever" or p.name.startswith("time."):
                raise EnsembleError(
                    f"{origin}: '{p.name}' is a {'lever' if p.role == 'lever' else 'time'} parameter; an ensemble "
                    "holds uncertain model parameters only"
                )
            if p.name in vals:
                raise EnsembleError(f"{origin}: '{p.name}' is given twice")
            vals[p.name] = _check_value(p, v, origin)
        if not vals:
            raise EnsembleError(f"{origin}: names no parameter")
        if sets and set(vals) != set(sets[0]):
            extra = sorted(set(vals) ^ set(sets[0]))
            raise EnsembleError(f"{origin}: names other parameters than set 1 (differs in '{extra[0]}')")
        sets.append(vals)
    declared = head.get("parameters")
    if declared is not None and (not isinstance(declared, list) or set(map(str, declared)) != set(sets[0])):
        raise EnsembleError(f"{where}: ensemble.parameters does not list the parameters the sets name")
    acc = head.get("accepted")
    if acc is not None and acc != len(sets):
        raise EnsembleError(f"{where}: ensemble.accepted = {acc!r} but the file holds {len(sets)} [[set]] tables")
    return Ensemble(
        path=path,
        sets=tuple(sets),
        scenario=str(head.get("scenario", "")),
        calibration=str(head.get("calibration", "")),
        method=str(head.get("method", METHOD)),
        revision=str(head.get("revision", "")),
        date=str(head.get("date", "")),
        ids=tuple(ids),
        header=dict(head),
        digest=file_digest(path),
    )


def _flatten(s: Mapping[str, Any], origin: str) -> dict[str, Any]:
    """Quoted dotted keys (``"trust.initial" = 0.5``) or nested tables (``[set.trust]``)."""
    out: dict[str, Any] = {}
    for k, v in s.items():
        if k == SET_ID:
            continue
        if isinstance(v, dict):
            for k2, v2 in v.items():
                if isinstance(v2, dict):
                    raise EnsembleError(f"{origin}: '{k}.{k2}' is a table, not a parameter value")
                out[f"{k}.{k2}"] = v2
        else:
            out[k] = v
    return out


def _toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if not math.isfinite(v):
            raise ValueError(f"cannot write {v!r} to an ensemble file")
        return repr(v)
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    raise TypeError(f"cannot write {type(v).__name__} to TOML")


def write_ensemble(
    path: str | Path,
    sets: Sequence[Mapping[str, Any]],
    header: Mapping[str, Any],
    ids: Sequence[int] | None = None,
) -> Path:
    """Write an ensemble file (refusing to write one with no sets).

    Args:
        path: The file to write.
        sets: The accepted parameter sets (parameter -> value).
        header: The ``[ensemble]`` table (see the module docstring); ``accepted`` and
            ``parameters`` are filled in.
        ids: Each set's number in the calibration.

    Returns:
        The path written.

    Raises:
        ValueError: When ``sets`` is empty (an empty ensemble is never written).
    """
    if not sets:
        raise ValueError("no accepted parameter set: an empty ensemble is not written")
    path = Path(path)
    head = {**header, "accepted": len(sets), "parameters": list(sets[0])}
    lines = [
        "# Accepted parameter sets of a pattern-oriented calibration (see docs/policy.md,",
        "# 'Parameter uncertainty: --ensemble'). Use with plpbk compare/whatif --ensemble FILE.",
        "",
        "[ensemble]",
    ]
    lines += [f"{k} = {_toml_value(v)}" for k, v in head.items()]
    for i, s in enumerate(sets):
        lines += ["", "[[set]]"]
        if ids is not None:
            lines.append(f"{SET_ID} = {int(ids[i])}")
        lines += [f'"{k}" = {_toml_value(v.item() if hasattr(v, "item") else v)}' for k, v in s.items()]
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path


__all__ = ["METHOD", "Ensemble", "EnsembleError", "load_ensemble", "write_ensemble"]
