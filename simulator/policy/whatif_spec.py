"""What-if experiment files: reading, checking and the design of futures (:class:`WhatIfSpec`).

The file format is described in :mod:`simulator.policy.whatif`. :func:`load_whatif` reads a file
into a :class:`WhatIfSpec`; :func:`with_ensemble` adds calibrated parameter sets; the spec builds
the futures (a Latin hypercube over the ``[uncertainty]`` ranges) and each scenario's batch.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from simulator.analysis.ensemble import Ensemble, EnsembleError, load_ensemble
from simulator.batch.experiment import Experiment, ExperimentError, Factor, _factor, load_toml_spec
from simulator.batch.limits import check_runs
from simulator.policy.compare import resolve_policies
from simulator.policy.effects import BASELINE
from simulator.scenario import Policy, Scenario, ScenarioError, check_policy_acts, load_scenario
from simulator.spec import Table

THRESHOLD_OUTCOMES = (
    "sustained_share_final",
    "sustained_share_mean",
    "partnerships_final",
    "partnerships_mean",
    "aid_total",
    "aid_per_ward",
    "mean_trust_final",
)
"""Summary columns a threshold may name: outcomes of ``simulator.outcomes`` where more is better (direction +1)."""

FLAGS = {"futures": "--futures", "seeds": "--seeds", "years": "--years"}
"""The ``plpbk whatif`` flags that replace entries of the file's [whatif] table."""
_KEYS = {
    "whatif": ("name", "description", "scenarios", "policies", "years", "futures", "seeds", "master_seed"),
    "threshold": ("outcome", "at_least"),
    "prim": ("alpha", "min_support", "min_coverage", "density_slack"),
}


@dataclass(frozen=True)
class WhatIfSpec:
    """A resolved, validated what-if experiment.

    Attributes:
        name: Short name.
        description: One-line description.
        scenarios: The scenarios (baseline of each comparison).
        policies: The policies compared with the baseline.
        factors: The uncertain parameters (Latin hypercube).
        futures: Latin hypercube points.
        seeds: Paired seeds per future.
        master_seed: Seed of the design and of the run seeds.
        outcome: Summary column the threshold applies to.
        threshold: The satisficing target: outcome >= threshold.
        alpha: PRIM peeling share.
        min_support: PRIM smallest box (share of futures).
        min_coverage: PRIM smallest coverage of the chosen box.
        density_slack: PRIM: boxes this close to the best density count as equally dense (simpler wins).
        source: The file it came from.
        ensemble: Calibrated parameter sets every option and future runs on, or None.
    """

    name: str
    description: str
    scenarios: tuple[Scenario, ...]
    policies: tuple[Policy, ...]
    factors: tuple[Factor, ...]
    futures: int = 64
    seeds: int = 5
    master_seed: int = 0
    outcome: str = "sustained_share_final"
    threshold: float = 0.5
    alpha: float = 0.1
    min_support: float = 0.1
    min_coverage: float = 0.5
    density_slack: float = 0.05
    source: str = ""
    ensemble: Ensemble | None = None

    @property
    def sets(self) -> int:
        """Parameter sets per (option, future): the ensemble's size, or 1."""
        return 1 if self.ensemble is None else self.ensemble.n

    @property
    def options(self) -> list[str]:
        """The baseline and the policies' names."""
        return [BASELINE, *(p.name for p in self.policies)]

    @property
    def n_runs(self) -> int:
        """Runs of the whole what-if: scenarios × options × futures × parameter sets × seeds."""
        return len(self.scenarios) * len(self.options) * self.futures * self.sets * self.seeds

    def check_size(self) -> None:
        """Refuse a what-if above the run cap in force (``simulator.batch.limits``), before building it.

        Raises:
            SizeError: Above the cap.
        """
        sets = f" × {self.sets} parameter sets" if self.sets > 1 else ""
        check_runs(
            self.n_runs,
            self.source or self.name,
            f"{len(self.scenarios)} scenarios × {len(self.options)} options × {self.futures:,} futures{sets} "
            f"× {self.seeds} seeds",
        )

    def design(self) -> pd.DataFrame:
        """The futures: a Latin hypercube over the uncertain parameters (column ``future`` + one per factor)."""
        d = _lhs(self).design().rename(columns={"point": "future"})
        return d

    def experiment(self, sc: Scenario) -> Experiment:
        """The batch of one scenario: option-major list design.

        Point = option * futures + future, or with an ensemble (option * futures + future) * sets + set.
        """
        futures = self.design()
        fvals = [{f.name: _py(futures.at[i, f.name]) for f in self.factors} for i in range(len(futures))]
        sets: list[dict[str, Any]] = [{}] if self.ensemble is None else [dict(x) for x in self.ensemble.sets]
        points = []
        for pol in (None, *self.policies):
            levers = dict(pol.levers) if pol is not None else {}
            points += [{**sv, **fv, **levers} for fv in fvals for sv in sets]
        return Experiment(
            name=f"{self.name}-{sc.name}",
            description=f"what-if {self.name} on {sc.name}: {len(self.options)} options x {self.futures} futures",
            scenario=sc,
            kind="list",
            points=tuple(points),
            replicates=self.seeds,
            master_seed=self.master_seed,
            common_random_numbers=True,
            outputs=("timeseries", "summary"),  # the series gives robustness 5 and 10 years after the start
            source=self.source,
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form of everything that determines the results."""
        return {
            "name": self.name,
            "scenarios": [s.digest() for s in self.scenarios],
            "scenario_names": [s.name for s in self.scenarios],
            "policies": [{"name": p.name, "levers": dict(p.levers)} for p in self.policies],
            "factors": [f.to_dict() for f in self.factors],
            "futures": self.futures,
            "seeds": self.seeds,
            "master_seed": self.master_seed,
            "ensemble": None if self.ensemble is None else [dict(x) for x in self.ensemble.sets],
        }

    def digest(self) -> str:
        """Hash of what determines the runs (the threshold and PRIM settings only change the analysis)."""
        return hashlib.sha256(json.dumps(self.to_dict(), sort_keys=True, default=str).encode()).hexdigest()[:16]


def with_ensemble(spec: WhatIfSpec, ensemble: str | Path | Ensemble | None) -> WhatIfSpec:
    """The what-if run over an ensemble of calibrated parameter sets.

    Args:
        spec: The what-if.
        ensemble: An ensemble file or Ensemble (None: ``spec`` unchanged).

    Returns:
        The what-if with the ensemble.

    Raises:
        EnsembleError: On a bad ensemble file, an ensemble that sets a parameter the what-if varies
            in [uncertainty], or a set that does not fit a scenario.
    """
    if ensemble is None:
        return spec
    ens = load_ensemble(ensemble) if isinstance(ensemble, str | Path) else ensemble
    varied = [f.name for f in spec.factors if f.name in ens.parameters]
    if varied:
        raise EnsembleError(
            f"{ens.path}: sets '{varied[0]}', which {spec.source or spec.name} varies in [uncertainty]; an ensemble "
            "may not override the what-if's own uncertain factors (drop it from one of the two files)"
        )
    for sc in spec.scenarios:
        ens.check(sc)
    return replace(spec, ensemble=ens)


def _py(v: Any) -> Any:
    return v.item() if isinstance(v, np.generic) else v


def _lhs(spec: WhatIfSpec) -> Experiment:
    return Experiment(
        name=spec.name,
        description="",
        scenario=spec.scenarios[0],
        kind="lhs",
        factors=spec.factors,
        samples=spec.futures,
        master_seed=spec.master_seed,
    )


def load_whatif(path: str | Path, **changes: Any) -> WhatIfSpec:
    """Load and validate a what-if experiment file (see the module docstring).

    Args:
        path: The TOML file.
        **changes: Values replacing the file's: ``futures``, ``seeds``, ``threshold``, ``years``.

    Returns:
        The what-if experiment.

    Raises:
        ExperimentError: On any problem, naming the file, key, value and what is allowed.
    """
    return load_toml_spec(path, whatif_from_dict, **changes)


def whatif_from_dict(data: Mapping[str, Any], path: Path, **changes: Any) -> WhatIfSpec:
    """Build a what-if experiment from parsed TOML (see :func:`load_whatif`).

    ``changes`` (futures, seeds, years, threshold) are the command line's values; errors in
    them name the flag (``--seeds``), errors in the file name the file and key.
    """
    where = str(path)
    root = Table.root(data, where, ExperimentError)
    root.check_keys([*_KEYS, "uncertainty"], what="table")
    w = root.table("whatif", required=True, hint=" (scenarios, policies, futures, seeds)")
    th, pr, unc = root.table("threshold"), root.table("prim"), root.table("uncertainty")
    for t in (w, th, pr):
        t.check_keys(_KEYS[t.name])
    w = w.with_flags({k: changes.get(k) for k in ("futures", "seeds", "years")}, FLAGS)
    th = th.with_flags({"at_least": changes.get("threshold")}, {"at_least": "--threshold"})

    name, desc = w.text("name", path.stem), w.text("description", "")
    base = path.parent
    years = w.whole("years", None, 1, 200) if "years" in w else None
    scenarios = []
    for ref in w.texts("scenarios", nonempty=True, example='["kendal"]'):
        p = base / ref
        try:
            sc = load_scenario(p if p.is_file() else ref)
        except ScenarioError as e:
            raise ExperimentError(f"{where}: whatif.scenarios: {e}") from None
        scenarios.append(sc.with_years(years, origin=f"{where}: whatif.years") if years is not None else sc)
    if len({s.name for s in scenarios}) < len(scenarios):
        w.fail("whatif.scenarios has two scenarios with the same name")
    refs = w.texts("policies", nonempty=True, example='["marketing-push"]')
    try:
        pols = resolve_policies([str(base / r) if (base / r).is_file() else r for r in refs])
    except ScenarioError as e:
        raise ExperimentError(f"{where}: whatif.policies: {e}") from None
    try:
        for sc in scenarios:
            for pol in pols:
                check_policy_acts(sc, pol)
    except ScenarioError as e:
        raise ExperimentError(f"{where}: whatif.policies on {sc.name}: {e}") from None
    if not unc.keys():
        root.fail("add an [uncertainty] table naming the parameters the policies cannot control")
    try:
        factors = tuple(_factor(n, spec, "lhs", where) for n, spec in unc.data.items())
    except ScenarioError as e:
        raise ExperimentError(str(e).replace("design.factors", "uncertainty")) from None
    for f in factors:
        if f.param.role == "lever" or f.name.startswith("time."):
            unc.fail(
                f"uncertainty.{f.name}: {f.param.role} parameters are not uncertainties "
                "(name enablers, obstacles or mechanisms the policies cannot control)"
            )
    outcome = th.text("outcome", "sustained_share_final", THRESHOLD_OUTCOMES)
    share = outcome.startswith("sustained_share")
    return WhatIfSpec(
        name=name,
        description=desc,
        scenarios=tuple(scenarios),
        policies=tuple(pols),
        factors=factors,
        futures=w.whole("futures", 64, 4, 100_000),
        seeds=w.whole("seeds", 5, 1, 10_000),
        master_seed=w.whole("master_seed", 0, 0, 2**63 - 1),
        outcome=outcome,
        threshold=th.number("at_least", 0.5, 0.0, 1.0 if share else 1e9),
        alpha=pr.number("alpha", 0.1, 0.01, 0.5),
        min_support=pr.number("min_support", 0.1, 0.01, 0.9),
        min_coverage=pr.number("min_coverage", 0.5, 0.0, 1.0),
        density_slack=pr.number("density_slack", 0.05, 0.0, 1.0),
        source=where,
    )


__all__ = ["FLAGS", "THRESHOLD_OUTCOMES", "WhatIfSpec", "load_whatif", "whatif_from_dict", "with_ensemble"]
