"""Scenario batches: experiment files, seeds, executors and a resumable results store."""

from simulator.batch.engine import (
    BatchInterrupted,
    BatchReport,
    run_experiment,
    run_list,
)
from simulator.batch.executors import EXECUTORS, SerialExecutor
from simulator.batch.experiment import Experiment, ExperimentError, Factor, load_experiment
from simulator.batch.limits import DEFAULT_MAX_RUNS, run_limit
from simulator.errors import RunsFailed, SchedulerError, SizeError, WorkerCrashError

__all__ = [
    "DEFAULT_MAX_RUNS",
    "EXECUTORS",
    "BatchInterrupted",
    "BatchReport",
    "Experiment",
    "ExperimentError",
    "Factor",
    "RunsFailed",
    "SchedulerError",
    "SerialExecutor",
    "SizeError",
    "WorkerCrashError",
    "load_experiment",
    "run_experiment",
    "run_limit",
    "run_list",
]
