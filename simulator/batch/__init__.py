"""Scenario batches: experiment files, seeds, executors and a resumable results store."""

from simulator.batch.engine import BatchInterrupted, BatchReport, WorkerCrashError, run_experiment, run_list
from simulator.batch.executors import EXECUTORS, SchedulerError, SerialExecutor
from simulator.batch.experiment import Experiment, ExperimentError, Factor, load_experiment

__all__ = [
    "EXECUTORS",
    "BatchInterrupted",
    "BatchReport",
    "Experiment",
    "ExperimentError",
    "Factor",
    "SchedulerError",
    "SerialExecutor",
    "WorkerCrashError",
    "load_experiment",
    "run_experiment",
    "run_list",
]
