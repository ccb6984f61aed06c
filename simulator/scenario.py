"""Scenarios: typed, validated parameter sets loaded from TOML files.

A scenario file holds an optional ``[scenario]`` table (name, description,
``description_id`` (in Bahasa Indonesia), ``extends``, and ``wards_csv`` or ``status_csv``)
and one table per parameter section::

    [scenario]
    name = "my-town"
    description = "Kendal with stronger coordination"
    extends = "kendal"          # a preset name or a path relative to this file

    [bkm]
    coordination = 0.7

A file overrides only the keys it names; everything else comes from the scenario
it extends (the built-in ``baseline`` when it names none). A policy file holds a
``[policy]`` table and a ``[levers]`` table and may set lever keys only.

Every value is checked once, here, against the registry in ``simulator.params``;
errors are :class:`ScenarioError` with a one-line message naming the file, key,
value and what is allowed.

This module holds the :class:`Scenario` and :class:`Policy` types, loading and
merging, the value checks and the lever start-year checks. Reading the files
themselves (safe reading, presets, wards CSV) is in :mod:`simulator.scenario_files`,
whose public names are re-exported here.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import math
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from simulator.errors import ScenarioError
from simulator.params import (
    BY_NAME,
    LEVERS,
    PARAMETERS,
    SHARE_GROUPS,
    Param,
    defaults,
    lookup,
)
from simulator.scenario_files import (
    MAX_INPUT_BYTES,
    Ward,
    WardStatus,
    list_policies,
    list_presets,
    load_status_csv,
    load_wards_csv,
    preset_dir,
    read_input_text,
    read_toml,
    resolve_file,
)
from simulator.spec import Table, suggest

_read_toml = read_toml
"""The old private name, still imported by ``batch.experiment`` and ``analysis.ensemble``."""

Value = float | int | bool | str

DEFAULT_SCENARIO = "baseline"


@dataclass(frozen=True)
class Scenario:
    """A complete, validated parameter set.

    Attributes:
        name: Short name (used in output folder names).
        description: One-line description.
        values: Every parameter's value, keyed by dotted name.
        wards: Wards read from a CSV file, or None to generate ``wards.n`` wards.
        source: Where it came from (file path or ``preset:NAME``), for the manifest.
        policies: Names of the policy files applied on top.
        description_id: The description in Bahasa Indonesia ("" when the file gives none).
    """

    name: str = DEFAULT_SCENARIO
    description: str = ""
    values: Mapping[str, Value] = field(default_factory=defaults)
    wards: tuple[Ward, ...] | None = None
    source: str = "defaults"
    policies: tuple[str, ...] = ()
    description_id: str = ""

    def describe(self, lang: str = "en") -> str:
        """The description in ``lang`` (Indonesian falls back to the English one when the file gives none)."""
        return self.description_id if lang == "id" and self.description_id else self.description

    @property
    def from_status(self) -> bool:
        """Whether the run starts from wards' state today (a ward-status CSV file), after the grant."""
        return self.wards is not None and any(w.status is not None for w in self.wards)

    def __getattr__(self, key: str) -> Value:
        """Read a parameter as an attribute by keyword name (``trust_initial``)."""
        p = lookup(key)
        if p is None:
            raise AttributeError(key)
        return self.values[p.name]

    def __getitem__(self, name: str) -> Value:
        """Read a parameter by dotted or keyword name."""
        p = lookup(name)
        if p is None:
            raise KeyError(name)
        return self.values[p.name]

    def with_values(self, overrides: Mapping[str, Any], origin: str = "override") -> Scenario:
        """Return a copy with some parameters changed, validated.

        Args:
            overrides: Values keyed by dotted or keyword name.
            origin: Where the values come from, used in error messages.

        Returns:
            The new scenario.

        Raises:
            ScenarioError: On an unknown key or a bad value.
        """
        if not overrides:
            return self
        vals = dict(self.values)
        for k, v in overrides.items():
            p = _param_or_error(k, origin)
            vals[p.name] = _check_value(p, v, origin)
        _check_consistency(vals, origin)
        return replace(self, values=vals)

    def with_years(self, years: int, origin: str = "--years") -> Scenario:
        """Return a copy simulating ``years`` years (``origin`` names where the number came from)."""
        return self.with_values({"time.years": years}, origin=origin)

    def to_dict(self) -> dict[str, Any]:
        """The scenario as plain data (for manifests and hashing)."""
        return {
            "name": self.name,
            "description": self.description,
            "source": self.source,
            "policies": list(self.policies),
            "values": {p.name: self.values[p.name] for p in PARAMETERS},
            "wards": None if self.wards is None else [_ward_dict(w) for w in self.wards],
        }

    def digest(self) -> str:
        """A short stable hash of everything that affects a run."""
        d = self.to_dict()
        del d["description"], d["source"]
        text = json.dumps(d, sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    @property
    def n_wards(self) -> int:
        """Number of wards simulated."""
        return len(self.wards) if self.wards is not None else int(self.values["wards.n"])

    def changed(self) -> dict[str, Value]:
        """Parameters whose value differs from the registry default."""
        return {k: v for k, v in self.values.items() if v != BY_NAME[k].default}


def _ward_dict(w: Ward) -> dict[str, Any]:
    """A ward as plain data; its status without the file and line it was read from."""
    d = asdict(w)
    if d["status"] is not None:
        del d["status"]["where"]
    return d


# --------------------------------------------------------------------------- loading


def load_scenario(
    ref: str | Path | Scenario | None = None,
    *,
    policies: Iterable[str | Path] = (),
    overrides: Mapping[str, Any] | None = None,
    years: int | None = None,
) -> Scenario:
    """Load a scenario from a file or preset name, then apply policies, overrides and years.

    Args:
        ref: A path to a scenario TOML file, a preset name (``kendal``), a
            Scenario (returned with policies/overrides applied), or None for
            the built-in baseline.
        policies: Policy files or built-in policy names applied in order.
        overrides: Single values keyed by dotted or keyword name, applied after the policies.
        years: Years to simulate (``--years``), applied last; every switched-on lever must
            start within them.

    Returns:
        The validated scenario.

    Raises:
        ScenarioError: On any problem with the files or values (one-line message).
    """
    if isinstance(ref, Scenario):
        sc = ref
    else:
        path = resolve_file(ref if ref is not None else DEFAULT_SCENARIO, None)
        sc = _load_file(path, chain=())
    set_by: dict[str, str] = {}  # lever key -> the policy that set it
    loaded = []
    for pol in policies:
        policy = load_policy(resolve_file(pol, None, kind="policy"))
        loaded.append(policy)
        for key, value in policy.levers.items():
            if key in set_by and sc.values[key] != value:
                raise ScenarioError(
                    f"policies '{set_by[key]}' and '{policy.name}' both set {key} ({sc.values[key]} and {value}): "
                    "combine them in one policy file, or drop one"
                )
            set_by[key] = policy.name
        sc = apply_policy(sc, pol)
    if overrides:
        sc = sc.with_values(overrides, origin="--set")
    if years is not None:
        sc = sc.with_years(years)
    for policy in loaded:  # a lever outside the run's years: name the policy file that set it
        check_policy_acts(sc, policy)
    check_levers_act(sc)
    return sc


def check_levers_act(sc: Scenario) -> None:
    """Refuse a switched-on lever of the scenario that starts outside its simulated years.

    Called by :func:`load_scenario` and again by whatever changes ``time.years`` afterwards
    (``--years``, an experiment's ``years``); see :func:`check_policy_acts`.

    Raises:
        ScenarioError: Naming the lever, its start year and the run's years.
    """
    _check_starts(sc, dict(sc.values), sc.source)


def check_policy_acts(sc: Scenario, policy: Policy) -> None:
    """Refuse a policy one of whose switched-on levers starts outside the scenario's simulated years.

    A lever starting after the last year would never act (a comparison would show +0.0 and a
    what-if would call it robust); one starting before the first year would silently act from
    the first year instead.

    Args:
        sc: The scenario, with its final ``time.years``.
        policy: The policy.

    Raises:
        ScenarioError: Naming the policy file, the lever, its start year and the run's years.
    """
    vals = dict(sc.values)
    vals.update({f"levers.{k}" if not k.startswith("levers.") else k: v for k, v in policy.levers.items()})
    _check_starts(sc, vals, policy.source or policy.name, only={k.removeprefix("levers.") for k in policy.levers})


def _check_starts(sc: Scenario, vals: Mapping[str, Any], where: str, only: set[str] | None = None) -> None:
    first, years = int(vals["time.start_year"]), int(vals["time.years"])
    last = first + years - 1
    span = f"the run simulates {first}-{last} (time.start_year {first}, time.years {years})"
    for name in LEVERS:
        if only is not None and name not in only and f"{name}_start" not in only:
            continue
        size, start = float(vals[f"levers.{name}"]), float(vals[f"levers.{name}_start"])
        if size > 0 and start > last:
            raise ScenarioError(
                f"{where}: levers.{name}_start = {start:g} is after the run's last year: {span}, so the lever would "
                f"never act; start it by {last} or lengthen the run"
            )
        if size > 0 and start < first:
            raise ScenarioError(
                f"{where}: levers.{name}_start = {start:g} is before the run's first year: {span}; "
                f"start it in {first} or later"
            )


_META = ("name", "description", "description_id", "extends", "wards_csv", "status_csv")
"""The keys of a scenario file's ``[scenario]`` table."""


def _load_file(path: Path, chain: tuple[Path, ...]) -> Scenario:
    real = path.resolve()
    if real in chain:
        raise ScenarioError(f"{path}: 'extends' forms a cycle ({' -> '.join(c.name for c in (*chain, real))})")
    data = read_toml(path)
    meta = data.pop("scenario", {})
    if "policy" in data:
        raise ScenarioError(f"{path}: this is a policy file ([policy] table); pass it with --policy")
    if not isinstance(meta, dict):
        raise ScenarioError(f"{path}: 'scenario' must be a table with {', '.join(_META)}")
    for k in meta:
        if k not in _META:
            hint = _suggest(k, list(_META))
            raise ScenarioError(f"{path}: unknown key 'scenario.{k}'{hint}")
    if "wards_csv" in meta and "status_csv" in meta:
        raise ScenarioError(f"{path}: give scenario.wards_csv or scenario.status_csv, not both")
    for k in _META:
        if k in meta and not isinstance(meta[k], str):
            raise ScenarioError(f"{path}: scenario.{k} must be a string (text in quotes)")
    is_root = real == (preset_dir() / f"{DEFAULT_SCENARIO}.toml").resolve()
    if "extends" in meta:
        try:
            target = resolve_file(meta["extends"], path.parent)
        except ScenarioError as e:  # name the file that holds 'extends' and the key
            raise ScenarioError(f"{path}: scenario.extends: {e}") from None
        parent = _load_file(target, (*chain, real))
    elif is_root:
        parent = Scenario(source="defaults")
    else:
        parent = _load_file(resolve_file(DEFAULT_SCENARIO, None), (*chain, real))
    vals = dict(parent.values)
    vals.update(_flatten_values(data, str(path)))
    _check_consistency(vals, str(path))
    wards = parent.wards
    if "wards_csv" in meta:
        wards = load_wards_csv(path.parent / meta["wards_csv"])
    if "status_csv" in meta:
        wards = load_status_csv(path.parent / meta["status_csv"])
    src = str(path)
    if path.resolve().is_relative_to(preset_dir().resolve()):
        src = f"preset:{path.stem}"
    return Scenario(
        name=str(meta.get("name", path.stem)),
        description=str(meta.get("description", parent.description)),
        values=vals,
        wards=wards,
        source=src,
        policies=parent.policies,
        description_id=str(meta.get("description_id", parent.description_id if "description" not in meta else "")),
    )


def _flatten_values(data: Mapping[str, Any], origin: str, only: str | None = None) -> dict[str, Value]:
    out: dict[str, Value] = {}
    for section, table in data.items():
        if not isinstance(table, dict):
            p = lookup(section)
            hint = f" (write it as [{p.section}] {p.name.split('.', 1)[1]} = ...)" if p else ""
            raise ScenarioError(f"{origin}: top-level key '{section}' must be a [table] of parameters{hint}")
        for k, v in table.items():
            name = f"{section}.{k}"
            p = _param_or_error(name, origin)
            if only is not None and p.section != only:
                raise ScenarioError(f"{origin}: a policy file may set only [{only}] keys, not '{name}'")
            out[p.name] = _check_value(p, v, origin)
    return out


def _param_or_error(name: str, origin: str) -> Param:
    p = lookup(name)
    if p is None:
        hint = _suggest(name.replace("_", ".", 1) if "." not in name else name, list(BY_NAME))
        raise ScenarioError(f"{origin}: unknown key '{name}'{hint}")
    return p


def _suggest(name: str, choices: list[str]) -> str:
    return suggest(name, choices, " (see 'plpbk params' for all keys)")


def _toml_repr(v: Any) -> str:
    return ("true" if v else "false") if isinstance(v, bool) else repr(v)


def _check_value(p: Param, v: Any, origin: str) -> Value:
    where = f"{origin}: {p.name} = {_toml_repr(v)}"
    if p.kind == "choice":
        if not isinstance(v, str) or v not in p.choices:
            near = difflib.get_close_matches(str(v), p.choices, n=1, cutoff=0.6) if isinstance(v, str) else []
            hint = f" (did you mean '{near[0]}'?)" if near else ""
            raise ScenarioError(f"{where} must be one of {', '.join(p.choices)}{hint}")
        return v
    if p.kind == "bool":
        if not isinstance(v, bool):
            raise ScenarioError(f"{where} must be true or false")
        return v
    if isinstance(v, bool) or not isinstance(v, int | float):
        what = "a whole number" if p.kind == "int" else "a number"
        raise ScenarioError(f"{where} must be {what} in {p.range_text} ({p.unit})")
    if p.kind == "int":
        if isinstance(v, float):
            if not v.is_integer():
                raise ScenarioError(f"{where} must be a whole number in {p.range_text} ({p.unit})")
            v = int(v)
    elif not math.isfinite(v):
        raise ScenarioError(f"{where} must be a finite number in {p.range_text} ({p.unit})")
    if not (p.low <= v <= p.high):
        raise ScenarioError(f"{where} is out of range: allowed {p.range_text} ({p.unit})")
    return int(v) if p.kind == "int" else float(v)


def _check_consistency(vals: Mapping[str, Value], origin: str) -> None:
    for group, names in SHARE_GROUPS.items():
        total = sum(float(vals[n]) for n in names)
        if abs(total - 1.0) > 1e-6:
            listed = " + ".join(f"{n}={vals[n]:g}" for n in names)
            raise ScenarioError(f"{origin}: {group} must sum to 1 ({listed} = {total:g})")


def parse_assignment(text: str) -> tuple[str, Value]:
    """Parse a ``key=value`` override as given to ``--set``.

    Args:
        text: e.g. ``trust.initial=0.6`` or ``levers.csr_forum=1``.

    Returns:
        The key and the value parsed as a TOML value.

    Raises:
        ScenarioError: When the text is not ``key=value`` or the value is not a
            number or boolean.
    """
    if "=" not in text:
        raise ScenarioError(f"--set {text}: expected KEY=VALUE, e.g. --set trust.initial=0.6")
    key, raw = (s.strip() for s in text.split("=", 1))
    p = _param_or_error(key, "--set")
    try:
        value = tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        value = raw
    return p.name, _check_value(p, value, "--set")


def apply_policy(sc: Scenario, ref: str | Path) -> Scenario:
    """Apply a policy file (its ``[levers]`` table) on top of a scenario.

    Args:
        sc: The scenario to change.
        ref: A policy file path or the name of a built-in policy.

    Returns:
        The scenario with the policy's levers set and its name recorded.

    Raises:
        ScenarioError: When the file is missing, malformed, or sets non-lever keys.
    """
    path = resolve_file(ref, None, kind="policy")
    policy = load_policy(path)
    vals = dict(sc.values)
    vals.update(policy.levers)
    return replace(sc, values=vals, policies=(*sc.policies, policy.name))


@dataclass(frozen=True)
class Policy:
    """A named package of policy levers.

    Attributes:
        name: Short name.
        description: One-line description.
        levers: Lever values keyed by dotted name (``levers.*``).
        source: The file it came from.
        description_id: The description in Bahasa Indonesia ("" when the file gives none).
    """

    name: str
    description: str
    levers: Mapping[str, Value]
    source: str
    description_id: str = ""

    def describe(self, lang: str = "en") -> str:
        """The description in ``lang`` (Indonesian falls back to the English one when the file gives none)."""
        return self.description_id if lang == "id" and self.description_id else self.description


def load_policy(ref: str | Path) -> Policy:
    """Load and validate a policy file.

    Args:
        ref: Path to a policy TOML file or a built-in policy name.

    Returns:
        The policy.

    Raises:
        ScenarioError: On a missing or malformed file or a non-lever key.
    """
    path = resolve_file(ref, None, kind="policy")
    data = read_toml(path)
    meta = data.pop("policy", None)
    if not isinstance(meta, dict):
        raise ScenarioError(f"{path}: a policy file needs a [policy] table with name and description")
    head = Table(meta, str(path), "policy", ScenarioError)
    head.check_keys(("name", "description", "description_id"))
    name, description = head.text("name", path.stem), head.text("description", "")
    description_id = head.text("description_id", "")
    if not name.strip():
        head.fail("policy.name is empty: give the policy a short name")
    levers = _flatten_values(data, str(path), only="levers")
    if not any(levers.get(f"levers.{lv}", 0) for lv in LEVERS):
        raise ScenarioError(f"{path}: the policy switches no lever on (set e.g. [levers] marketing_push = 0.5)")
    return Policy(name, description, levers, str(path), description_id)


__all__ = [
    "DEFAULT_SCENARIO",
    "MAX_INPUT_BYTES",
    "Policy",
    "Scenario",
    "ScenarioError",
    "Value",
    "Ward",
    "WardStatus",
    "apply_policy",
    "check_levers_act",
    "check_policy_acts",
    "list_policies",
    "list_presets",
    "load_policy",
    "load_scenario",
    "load_status_csv",
    "load_wards_csv",
    "parse_assignment",
    "preset_dir",
    "read_input_text",
    "read_toml",
    "resolve_file",
]
