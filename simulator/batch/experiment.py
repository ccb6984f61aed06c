"""Experiment files: a base scenario, a design over named parameters, seeds and outputs.

An experiment file (``experiments/*.toml``)::

    [experiment]
    name = "kendal-trust-sweep"
    description = "Trust and coordination, 10 replicates each"
    scenario = "kendal"            # preset name or path relative to this file
    policies = []                  # optional policy files or names
    years = 20
    replicates = 10
    master_seed = 2024
    outputs = ["timeseries", "summary"]   # also "events", "wards"

    [design]
    kind = "grid"                  # grid | list | lhs | sobol | morris
    # samples = 64                 # lhs: points; sobol/morris: base sample N
    # levels = 4                   # morris grid levels
    # second_order = false         # sobol

    [design.factors]
    "trust.initial" = [0.3, 0.5, 0.7]                    # grid: listed values
    "bkm.coordination" = { low = 0.2, high = 0.8, steps = 4 }

For ``lhs``, ``sobol`` and ``morris`` each factor is a range
``{ low, high }`` (uniform), optionally ``dist = "triangular"`` with ``mode``,
or ``dist = "normal"`` with ``mean`` and ``sd`` (truncated to [low, high]);
a list of values makes a categorical factor (each value equally likely).
Whole-number parameters are sampled as whole numbers. ``list`` designs give
explicit points as ``[[design.points]]`` tables.

Seeds: run (point i, replicate r) uses the seed drawn by NumPy's
``SeedSequence([master_seed, r])`` — the same seed for every design point
(common random numbers), so two points differ only by their parameters. Set
``common_random_numbers = false`` under ``[experiment]`` to draw from
``SeedSequence([master_seed, r, i])`` instead.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeGuard

import numpy as np
import pandas as pd
from scipy import stats

from simulator.batch.limits import check_runs
from simulator.errors import ExperimentError
from simulator.outcomes import TABLES
from simulator.params import Param
from simulator.scenario import (
    Scenario,
    ScenarioError,
    _check_value,
    _param_or_error,
    _read_toml,
    _suggest,
    check_levers_act,
    load_scenario,
)
from simulator.spec import Table, show, suggest

DESIGN_KINDS = ("grid", "list", "lhs", "sobol", "morris")
OUTPUT_TABLES = TABLES
DISTS = ("uniform", "triangular", "normal")


@dataclass(frozen=True)
class Factor:
    """One design factor: a model parameter and how it varies.

    Attributes:
        name: Dotted parameter name.
        param: The registry entry.
        low: Lower bound (ranges).
        high: Upper bound (ranges).
        values: Listed values (grid levels or categorical choices), or None.
        dist: uniform, triangular or normal (ranges only).
        mode: Mode of a triangular distribution.
        mean: Mean of a normal distribution.
        sd: Standard deviation of a normal distribution.
    """

    name: str
    param: Param
    low: float = 0.0
    high: float = 1.0
    values: tuple[Any, ...] | None = None
    dist: str = "uniform"
    mode: float | None = None
    mean: float | None = None
    sd: float | None = None

    @property
    def categorical(self) -> bool:
        """True when the factor takes listed values."""
        return self.values is not None

    def from_unit(self, u: np.ndarray) -> np.ndarray:
        """Map unit-interval samples to the factor's values (inverse CDF).

        Args:
            u: Samples in [0, 1].

        Returns:
            Values (whole numbers for integer parameters, listed values for
            categorical factors).
        """
        u = np.clip(np.asarray(u, dtype=float), 0.0, 1.0)
        if self.values is not None:
            idx = np.minimum((u * len(self.values)).astype(int), len(self.values) - 1)
            return np.asarray(self.values, dtype=object)[idx]
        lo, hi = self.low, self.high
        if self.param.kind == "int" and self.dist == "uniform":
            return np.minimum(np.floor(lo + u * (hi - lo + 1)), hi).astype(np.int64)
        if self.dist == "triangular":
            assert self.mode is not None
            c = (self.mode - lo) / (hi - lo)
            x = stats.triang.ppf(u, c, loc=lo, scale=hi - lo)
        elif self.dist == "normal":
            assert self.mean is not None and self.sd is not None
            a, b = (lo - self.mean) / self.sd, (hi - self.mean) / self.sd
            x = stats.truncnorm.ppf(u, a, b, loc=self.mean, scale=self.sd)
        else:
            x = lo + u * (hi - lo)
        x = np.clip(x, lo, hi)
        return np.rint(x).astype(np.int64) if self.param.kind == "int" else x

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form for manifests."""
        d: dict[str, Any] = {"name": self.name}
        if self.values is not None:
            d["values"] = list(self.values)
        else:
            d.update(low=self.low, high=self.high, dist=self.dist)
            for k in ("mode", "mean", "sd"):
                if getattr(self, k) is not None:
                    d[k] = getattr(self, k)
        return d


@dataclass(frozen=True)
class Experiment:
    """A resolved, validated experiment.

    Attributes:
        name: Short name.
        description: One-line description.
        scenario: The base scenario (policies and years applied).
        kind: Design kind (grid, list, lhs, sobol, morris).
        factors: The design factors, in file order.
        points: Explicit points (list designs).
        samples: lhs points, or sobol/morris base sample N.
        levels: Morris grid levels.
        second_order: Sobol second-order design.
        replicates: Seeds per design point.
        master_seed: Seed all run seeds derive from.
        common_random_numbers: Same seeds for every design point.
        outputs: Tables kept (summary is always kept).
        source: The file it came from.
        sections: Analysis tables of the file (e.g. ``[sensitivity]``), as parsed; they
            do not change the runs, so they are not part of the digest.
    """

    name: str
    description: str
    scenario: Scenario
    kind: str = "grid"
    factors: tuple[Factor, ...] = ()
    points: tuple[Mapping[str, Any], ...] = ()
    samples: int = 0
    levels: int = 4
    second_order: bool = False
    replicates: int = 1
    master_seed: int = 0
    common_random_numbers: bool = True
    outputs: tuple[str, ...] = ("timeseries", "summary")
    source: str = ""
    sections: Mapping[str, Any] = field(default_factory=dict)

    @property
    def n_points(self) -> int:
        """Design points, computed from the file without building the design."""
        k = len(self.factors)
        if self.kind == "list":
            return len(self.points)
        if self.kind == "grid":
            return math.prod(len(f.values or ()) for f in self.factors)
        if self.kind == "lhs":
            return self.samples
        if self.kind == "sobol":
            return self.samples * (2 * k + 2 if self.second_order else k + 2)
        return self.samples * (k + 1)  # morris: one trajectory of k + 1 points per sample

    @property
    def n_runs(self) -> int:
        """Runs of the whole experiment: design points × seeds."""
        return self.n_points * self.replicates

    def check_size(self) -> None:
        """Refuse an experiment above the run cap in force (``simulator.batch.limits``), before building it.

        Raises:
            SizeError: Above the cap.
        """
        seeds = f"{self.replicates} seed{'s' * (self.replicates != 1)}"
        check_runs(self.n_runs, self.source or self.name, f"{self.n_points:,} design points × {seeds}")

    def design(self) -> pd.DataFrame:
        """The design points: one row per point, one column per factor.

        Returns:
            A frame with column ``point`` and one column per factor (dotted names).

        Raises:
            SizeError: When the design is above the run cap (checked before it is built).
        """
        self.check_size()
        return make_design(self)

    def seed(self, point: int, replicate: int) -> int:
        """The seed of run (point, replicate) (see the module docstring)."""
        key = [self.master_seed, replicate] if self.common_random_numbers else [self.master_seed, replicate, point]
        return int(np.random.SeedSequence(key).generate_state(1, dtype=np.uint32)[0])

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form of everything that determines results."""
        return {
            "name": self.name,
            "description": self.description,
            "scenario": self.scenario.to_dict(),
            "design": {
                "kind": self.kind,
                "factors": [f.to_dict() for f in self.factors],
                "points": [dict(p) for p in self.points],
                "samples": self.samples,
                "levels": self.levels,
                "second_order": self.second_order,
            },
            "replicates": self.replicates,
            "master_seed": self.master_seed,
            "common_random_numbers": self.common_random_numbers,
            "outputs": list(self.outputs),
        }

    def digest(self) -> str:
        """Stable hash of everything that determines results (not name or description)."""
        d = self.to_dict()
        del d["name"], d["description"]
        d["scenario"] = self.scenario.digest()
        return hashlib.sha256(json.dumps(d, sort_keys=True, default=str).encode()).hexdigest()[:16]


_EXP_KEYS = (
    "name",
    "description",
    "scenario",
    "policies",
    "years",
    "replicates",
    "master_seed",
    "common_random_numbers",
    "outputs",
)
ANALYSIS_SECTIONS = ("sensitivity",)
"""Tables an experiment file may carry for the analyses that read it (validated there)."""
_DESIGN_KEYS = ("kind", "samples", "levels", "second_order", "factors", "points")


def load_experiment(path: str | Path, **changes: Any) -> Experiment:
    """Load and validate an experiment file.

    Args:
        path: The TOML file.
        **changes: Values replacing the file's ``[experiment]`` entries
            (e.g. ``replicates=2`` for a quick look).

    Returns:
        The experiment.

    Raises:
        ExperimentError: On any problem, naming the file, key, value and what is allowed.
    """
    return load_toml_spec(path, experiment_from_dict, **changes)


def load_toml_spec[T](path: str | Path, build: Callable[..., T], **changes: Any) -> T:
    """Read a TOML file and build a spec from it, reporting every problem as an ExperimentError.

    Args:
        path: The TOML file.
        build: ``build(data, path, **changes)`` (e.g. :func:`experiment_from_dict`).
        **changes: Passed on to ``build``.

    Returns:
        What ``build`` returns.

    Raises:
        ExperimentError: One line naming the file (a missing file, bad TOML, a bad value).
    """
    path = Path(path)
    try:
        data = _read_toml(path)
    except ScenarioError as e:
        raise ExperimentError(str(e)) from None
    try:
        return build(data, path, **changes)
    except ExperimentError:
        raise
    except ScenarioError as e:  # a value checked against the registry
        raise ExperimentError(str(e) if str(e).startswith(str(path)) else f"{path}: {e}") from None


def experiment_from_dict(data: Mapping[str, Any], path: Path, **changes: Any) -> Experiment:
    """Build an experiment from parsed TOML (see ``load_experiment``)."""
    where = str(path)
    root = Table.root(data, where, ExperimentError)
    root.check_keys(["experiment", "design", *ANALYSIS_SECTIONS], what="table")
    for k in ANALYSIS_SECTIONS:
        root.table(k)  # a table; its keys are checked by the analysis that reads it
    e = root.table("experiment")
    e = Table({**e.data, **{k: v for k, v in changes.items() if v is not None}}, where, e.name, ExperimentError)
    e.check_keys(_EXP_KEYS)
    d = root.table("design")
    d.check_keys(_DESIGN_KEYS)

    name = e.text("name", path.stem)
    description = e.text("description", "")
    policies = e.texts("policies", [], example='["marketing-push"]')
    replicates = e.whole("replicates", 1, 1, 100_000)
    master_seed = e.whole("master_seed", 0, 0, 2**63 - 1)
    crn = e.flag("common_random_numbers", True)
    outputs = e.texts("outputs", ["timeseries", "summary"])
    for o in outputs:
        if o not in OUTPUT_TABLES:
            e.fail(f"experiment.outputs has {o!r}: allowed {', '.join(OUTPUT_TABLES)}{suggest(o, OUTPUT_TABLES)}")
    outs = tuple(o for o in OUTPUT_TABLES if o in outputs or o == "summary")
    sc = _experiment_scenario(e, path, policies)
    kind, samples, levels, second = _design_settings(d)
    factors = tuple(_factor(n, spec, kind, where) for n, spec in d.table("factors").data.items())
    points = _list_points(d, kind, where)
    if kind != "list" and not factors:
        raise ExperimentError(f"{where}: the design has no factors: add [design.factors]")
    if kind in ("sobol", "morris") and len(factors) < 2:
        raise ExperimentError(f"{where}: a {kind} design needs at least 2 factors")
    return Experiment(
        name=name,
        description=description,
        scenario=sc,
        kind=kind,
        factors=factors,
        points=points,
        samples=samples,
        levels=levels,
        second_order=second,
        replicates=replicates,
        master_seed=master_seed,
        common_random_numbers=crn,
        outputs=outs,
        source=where,
        sections={k: dict(root.table(k).data) for k in ANALYSIS_SECTIONS if k in root},
    )


def _experiment_scenario(e: Table, path: Path, policies: list[str]) -> Scenario:
    """The experiment's scenario, with its policies and ``years``, relative to the file's folder."""
    where, base = str(path), path.parent
    sc_ref = e.text("scenario", "baseline")
    years = e.whole("years", 20, 1, 200) if "years" in e else None
    try:
        sc_path = base / sc_ref
        sc = load_scenario(sc_path if sc_path.is_file() else sc_ref, policies=[_rel(base, p) for p in policies])
        if years is not None:
            sc = sc.with_values({"time.years": years}, origin=f"{where}: experiment")
            check_levers_act(sc)
    except ScenarioError as err:
        raise ExperimentError(f"{where}: {err}") from None
    return sc


def _design_settings(d: Table) -> tuple[str, int, int, bool]:
    """The design's kind, samples, levels and whether second-order indices are wanted, checked."""
    kind = d.text("kind", "grid", DESIGN_KINDS)
    samples = d.whole("samples", 0, 0)
    if kind in ("lhs", "sobol", "morris") and samples < 1:
        d.fail(f"design.samples is required for a {kind} design (a whole number >= 1)")
    if kind == "sobol" and samples & (samples - 1):
        lo2 = 2 ** int(math.log2(samples))
        d.fail(f"design.samples = {show(samples)} must be a power of 2 for a Sobol design (e.g. {lo2} or {lo2 * 2})")
    levels = d.whole("levels", 4, 2)
    if levels % 2:
        d.fail(f"design.levels = {levels} must be an even whole number >= 2")
    second = d.flag("second_order", False)
    if second and kind != "sobol":
        d.fail(f"design.second_order applies to sobol designs only (kind is {kind!r})")
    return kind, samples, levels, second


def _list_points(d: Table, kind: str, where: str) -> tuple[dict[str, Any], ...]:
    """A list design's points (``[[design.points]]``), each value checked; none for other kinds."""
    if kind != "list":
        if "points" in d:
            raise ExperimentError(f"{where}: design.points is for kind = 'list' (kind is {kind!r})")
        return ()
    raw = [t.data for t in d.tables("points")]
    if not raw:
        d.fail("a list design needs [[design.points]] tables")
    pts = []
    for i, pt in enumerate(raw, start=1):
        pts.append({_param_or_error(k, f"{where}: design.points[{i}]").name: v for k, v in pt.items()})
        for k, v in pts[-1].items():
            _check_value(_param_or_error(k, where), v, f"{where}: design.points[{i}]")
    return tuple(pts)


def _rel(base: Path, ref: str) -> str:
    p = base / ref
    return str(p) if p.is_file() else ref


def _tname(typ: type | tuple[type, ...]) -> str:
    names = {int: "whole number", float: "number", str: "text", bool: "true/false", list: "list"}
    if isinstance(typ, tuple):
        return " or ".join(names.get(t, t.__name__) for t in typ)
    return names.get(typ, typ.__name__)


def _finite(x: object) -> TypeGuard[float]:
    """A real number (not a bool), neither NaN nor infinite."""
    return isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x)


def _factor(name: str, spec: Any, kind: str, where: str) -> Factor:
    p = _param_or_error(name, f"{where}: design.factors")
    origin = f"{where}: design.factors"
    if isinstance(spec, list):
        if not spec:
            raise ExperimentError(f"{origin}.{p.name}: empty list of values")
        vals = tuple(_check_value(p, v, origin) for v in spec)
        return Factor(p.name, p, values=vals)
    if not isinstance(spec, dict):
        raise ExperimentError(f"{origin}.{p.name} must be a list of values or a table {{ low = ..., high = ... }}")
    allowed = ("low", "high", "steps", "dist", "mode", "mean", "sd")
    for k in spec:
        if k not in allowed:
            raise ExperimentError(f"{origin}.{p.name}: unknown key '{k}'{_suggest(k, list(allowed))}")
    if "low" not in spec or "high" not in spec:
        raise ExperimentError(f"{origin}.{p.name}: a range needs both low and high")
    lo = _check_value(p, spec["low"], origin)
    hi = _check_value(p, spec["high"], origin)
    if not float(lo) < float(hi):
        raise ExperimentError(f"{origin}.{p.name}: empty or inverted range low = {lo} >= high = {hi}")
    if kind == "grid":
        steps = spec.get("steps")
        if not isinstance(steps, int) or isinstance(steps, bool) or steps < 2:
            raise ExperimentError(f"{origin}.{p.name}: a grid range needs steps = a whole number >= 2")
        check_runs(steps, f"{origin}.{p.name}", f"steps = {show(steps)}")  # before building the steps
        grid = np.linspace(float(lo), float(hi), steps)
        vals = tuple(int(np.rint(x)) for x in grid) if p.kind == "int" else tuple(float(x) for x in grid)
        return Factor(p.name, p, low=float(lo), high=float(hi), values=tuple(dict.fromkeys(vals)))
    if "steps" in spec:
        raise ExperimentError(f"{origin}.{p.name}: steps applies to grid designs only")
    dist = spec.get("dist", "uniform")
    if dist not in DISTS:
        raise ExperimentError(f"{origin}.{p.name}: dist = {dist!r} must be one of {', '.join(DISTS)}")
    mode = mean = sd = None
    if dist == "triangular":
        mode = spec.get("mode")
        if not _finite(mode) or not float(lo) <= float(mode) <= float(hi):
            raise ExperimentError(f"{origin}.{p.name}: a triangular factor needs mode within [{lo}, {hi}]")
    if dist == "normal":
        mean, sd = spec.get("mean"), spec.get("sd")
        if not (_finite(mean) and _finite(sd) and float(sd) > 0):  # TOML allows nan and inf
            raise ExperimentError(
                f"{origin}.{p.name}: a normal factor needs a finite mean and a finite sd > 0 (got mean = {mean!r}, "
                f"sd = {sd!r})"
            )
    return Factor(p.name, p, low=float(lo), high=float(hi), dist=dist, mode=mode, mean=mean, sd=sd)


def unit_sample(exp: Experiment) -> np.ndarray:
    """The design's samples on the unit hypercube (rows: points, columns: factors).

    lhs, sobol and morris samples are drawn with SALib on [0, 1]^k and seeded
    from the master seed, so the same file gives the same design.

    Args:
        exp: An lhs, sobol or morris experiment.

    Returns:
        An array of shape (points, factors).
    """
    k = len(exp.factors)
    problem = {"num_vars": k, "names": [f.name for f in exp.factors], "bounds": [[0.0, 1.0]] * k}
    seed = int(np.random.SeedSequence([exp.master_seed, 0xD5]).generate_state(1, dtype=np.uint32)[0])
    if exp.kind == "lhs":
        from SALib.sample import latin

        return np.asarray(latin.sample(problem, exp.samples, seed=seed))
    if exp.kind == "sobol":
        from SALib.sample import sobol

        return np.asarray(sobol.sample(problem, exp.samples, calc_second_order=exp.second_order, seed=seed))
    if exp.kind == "morris":
        from SALib.sample import morris

        return np.asarray(morris.sample(problem, exp.samples, num_levels=exp.levels, seed=seed))
    raise ValueError(f"no unit sample for a {exp.kind} design")


def make_design(exp: Experiment) -> pd.DataFrame:
    """Build the design table of an experiment (see ``Experiment.design``)."""
    if exp.kind == "list":
        keys = list(dict.fromkeys(k for p in exp.points for k in p))
        # a point that does not name a key keeps the base scenario's value, shown in the table
        rows: list[dict[str, Any]] = [{k: p.get(k, exp.scenario.values[k]) for k in keys} for p in exp.points]
        df = pd.DataFrame(rows, columns=keys)
    elif exp.kind == "grid":
        names = [f.name for f in exp.factors]
        combos = list(itertools.product(*[f.values or () for f in exp.factors]))
        df = pd.DataFrame(combos, columns=names)
    else:
        u = unit_sample(exp)
        df = pd.DataFrame({f.name: f.from_unit(u[:, j]) for j, f in enumerate(exp.factors)})
    df.insert(0, "point", np.arange(len(df), dtype=np.int64))
    return df


def check_points(exp: Experiment, design: pd.DataFrame) -> None:
    """Refuse a design whose points the scenario refuses, before any run (~20 µs a point).

    Each factor is checked against its range when the file is read; a point can still break
    a rule between parameters (maturity shares that no longer sum to 1), and would then fail
    every one of its runs.

    Args:
        exp: The experiment.
        design: Its design table.

    Raises:
        ExperimentError: Naming the file, the first such point and the rule.
    """
    cols = [c for c in design.columns if c != "point"]
    if not cols:
        return
    where = exp.source or exp.name
    for i, rec in enumerate(design[cols].to_dict("records")):
        vals = {
            str(k): v.item() if isinstance(v, np.generic) else v
            for k, v in rec.items()
            if not (isinstance(v, float) and math.isnan(v))
        }
        try:
            exp.scenario.with_values(vals, origin=f"{where}: design point {i}")
        except ScenarioError as e:
            raise ExperimentError(str(e)) from None


def point_values(design: pd.DataFrame, point: int) -> dict[str, Any]:
    """The parameter values of one design point (NaN cells of list designs dropped)."""
    row = design.iloc[point]
    out = {}
    for k, v in row.items():
        if k == "point" or (isinstance(v, float) and math.isnan(v)):
            continue
        out[str(k)] = v.item() if isinstance(v, np.generic) else v
    return out
