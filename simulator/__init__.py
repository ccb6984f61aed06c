"""PLPBK partnership simulator.

An agent-based model of the partnerships that keep community-based settlement
programmes (PLPBK, Central Java) alive.

Quick use::

    import simulator
    res = simulator.run("kendal", seed=range(10))
    res.timeseries, res.summary, res.events
"""

from simulator.analysis.ablation import Ablation, ablate
from simulator.model import PartnershipModel
from simulator.results import RunResult, run
from simulator.scenario import Scenario, ScenarioError, load_policy, load_scenario
from simulator.store import Results, open_results
from simulator.version import __version__

__all__ = [
    "Ablation",
    "PartnershipModel",
    "Results",
    "RunResult",
    "Scenario",
    "ScenarioError",
    "__version__",
    "ablate",
    "load_policy",
    "load_scenario",
    "open_results",
    "run",
]
