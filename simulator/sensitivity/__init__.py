"""Global sensitivity analysis: Morris screening and Sobol indices, for the simulator or any model function."""

from simulator.errors import SensitivityError
from simulator.sensitivity.core import analyze, morris, sobol
from simulator.sensitivity.design import Options, Problem
from simulator.sensitivity.experiment import (
    SensitivityReport,
    SensitivitySpec,
    analyze_batch,
    load_sensitivity,
    run_sensitivity,
    write_analysis,
)
from simulator.sensitivity.results import SensitivityResult

__all__ = [
    "Options",
    "Problem",
    "SensitivityError",
    "SensitivityReport",
    "SensitivityResult",
    "SensitivitySpec",
    "analyze",
    "analyze_batch",
    "load_sensitivity",
    "morris",
    "run_sensitivity",
    "sobol",
    "write_analysis",
]
