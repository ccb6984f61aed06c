"""Global sensitivity analysis: Morris screening and Sobol indices, for the simulator or any model function."""

from simulator.sensitivity.core import (
    Options,
    Problem,
    SensitivityError,
    SensitivityResult,
    analyze,
    morris,
    sobol,
)
from simulator.sensitivity.experiment import (
    SensitivityReport,
    SensitivitySpec,
    analyze_batch,
    load_sensitivity,
    run_sensitivity,
    write_analysis,
)

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
