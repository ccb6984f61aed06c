"""The runs a dashboard session shows: a baseline and, optionally, a policy on the same seed.

Plain Python (no Solara), so the session logic is tested without a browser.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from simulator.dashboard.controls import Value, clamp, group_of
from simulator.model.model import PartnershipModel
from simulator.params import BY_NAME
from simulator.scenario import Scenario, load_policy, load_scenario


def policy_levers(scenario: Scenario, policy: str | None) -> dict[str, float]:
    """Lever sizes and first years of ``scenario`` with a policy file's levers applied on top."""
    vals = {n: float(v) for n, v in scenario.values.items() if group_of(BY_NAME[n]) == "levers"}
    if policy:
        for n, v in load_policy(policy).levers.items():
            if n in vals:
                vals[n] = float(v)
    return vals


def run_scenarios(scenario: str, values: Mapping[str, Value]) -> dict[str, Scenario]:
    """The scenario of each run a dashboard view shows, from the control values.

    Args:
        scenario: Preset name or path of the scenario.
        values: Control values by dotted name. Enablers, obstacles, lever costs and strengths
            and the model structure set both runs; lever sizes and first years the policy run only.

    Returns:
        ``{"baseline": ...}``, with ``"policy"`` too when a lever differs from the baseline's.

    Raises:
        ScenarioError: On a bad scenario or value.
    """
    sc = load_scenario(scenario)
    shared: dict[str, Value] = {}
    levers: dict[str, Value] = {}
    for name, v in values.items():
        (levers if group_of(BY_NAME[name]) == "levers" else shared)[name] = clamp(name, v)
    base = sc.with_values(shared, origin="dashboard")
    changed = {k: v for k, v in levers.items() if float(base.values[k]) != float(v)}
    out = {"baseline": base}
    if changed:
        out["policy"] = base.with_values(changed, origin="dashboard")
    return out


@dataclass
class Comparison:
    """A baseline model and, when levers differ from it, a policy model, both on the same seed.

    Args:
        scenario: Preset name or path of the scenario.
        values: Control values by dotted name. Enablers, obstacles, lever costs and strengths
            and the model structure (choices and yes/no switches) set both runs; lever sizes and
            first years set the policy run only.
        seed: The seed both runs use.
        policy_name: Name shown for the policy run.

    Attributes:
        base_scenario: The baseline's scenario (scenario plus context sliders).
        baseline: The baseline model.
        policy: The policy model, or None when the levers equal the baseline's.
    """

    scenario: str
    values: Mapping[str, Value] = field(default_factory=dict)
    seed: int = 1
    policy_name: str = ""

    def __post_init__(self) -> None:
        runs = run_scenarios(self.scenario, self.values)
        self.base_scenario = runs["baseline"]
        self.policy_scenario = runs.get("policy")
        self.baseline = PartnershipModel(self.base_scenario, rng=self.seed)
        self.policy = (
            PartnershipModel(self.policy_scenario, rng=self.seed) if self.policy_scenario is not None else None
        )

    @property
    def models(self) -> list[tuple[str, PartnershipModel]]:
        """``(run, model)`` pairs: ``("baseline", ...)`` and, if any, ``("policy", ...)``."""
        out = [("baseline", self.baseline)]
        if self.policy is not None:
            out.append(("policy", self.policy))
        return out

    @property
    def steps(self) -> int:
        """Years simulated so far."""
        return int(self.baseline.steps)

    @property
    def years(self) -> int:
        """Years a run lasts."""
        return int(self.baseline.years)

    @property
    def running(self) -> bool:
        """Whether another year can be simulated."""
        return bool(self.baseline.running)

    @property
    def year(self) -> int | None:
        """Calendar year of the last simulated step, None before the first."""
        return self.baseline.start_year + self.steps - 1 if self.steps else None

    def step(self) -> bool:
        """Simulate one more year in every run; return False when the runs had already ended."""
        if not self.running:
            return False
        for _, m in self.models:
            if m.running:
                m.step()
        return True

    def series(self, run: str = "baseline") -> dict[str, np.ndarray]:
        """Yearly time series of one run (one value per simulated year, plus ``year``)."""
        model = self.policy if run == "policy" and self.policy is not None else self.baseline
        mv = model.datacollector.model_vars
        n = len(next(iter(mv.values()))) - 1
        out = {k: np.asarray(v[1:], dtype=float) for k, v in mv.items()}
        out["year"] = np.arange(model.start_year, model.start_year + n)
        return out
