"""The result of a sensitivity analysis: its tables, and the ranking and screening read from them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from simulator.errors import SensitivityError


@dataclass
class SensitivityResult:
    """Indices of every output, with intervals, convergence, noise and time paths.

    Attributes:
        method: morris or sobol.
        factors: Factor names.
        outputs: Scalar outputs analysed.
        indices: One row per (output, factor). Morris: mu, mu_star (+ low/high),
            sigma (+ low/high), mu_star_rel (mu* / largest mu*), noise_floor,
            distinguishable, rank. Sobol: S1, ST (+ low/high), S1_nonzero,
            ST_nonzero, noise_floor, distinguishable, rank (by ST).
        second_order: Sobol S2 (output, factor_a, factor_b, S2, low, high, nonzero).
        convergence: Indices at nested sub-samples (output, factor, n, index, value, low, high).
        verdicts: Convergence verdict per output (stable, max_width, max_change, reason).
        noise: Noise share per output (see :func:`simulator.sensitivity.noise.noise_table`).
        over_time: Indices per year of yearly outputs (output, year, factor, index, value, low, high).
        meta: Sample sizes and options.
        labels: Factor name -> a short description.
    """

    method: str
    factors: tuple[str, ...]
    outputs: tuple[str, ...]
    indices: pd.DataFrame
    second_order: pd.DataFrame
    convergence: pd.DataFrame
    verdicts: pd.DataFrame
    noise: pd.DataFrame
    over_time: pd.DataFrame
    meta: dict[str, Any] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def main_index(self) -> str:
        """The index that ranks factors: mu_star (Morris) or ST (Sobol)."""
        return "mu_star" if self.method == "morris" else "ST"

    def ranking(self, output: str) -> pd.DataFrame:
        """Factors of one output, most influential first."""
        df = self.indices[self.indices["output"] == output]
        return df.sort_values("rank").reset_index(drop=True)

    def screen(self, k: int) -> list[str]:
        """The k most influential factors over all outputs.

        Factors are ordered by their largest relative index over the outputs
        (mu*/max mu* for Morris, ST for Sobol).

        Args:
            k: How many to keep (2 <= k <= number of factors).

        Returns:
            Factor names, most influential first.
        """
        if not 2 <= k <= len(self.factors):
            raise SensitivityError(f"--screen {k} is out of range: allowed 2 to {len(self.factors)} (the factors)")
        col = "mu_star_rel" if self.method == "morris" else "ST"
        score = self.indices.groupby("factor", sort=False)[col].max()
        order = sorted(self.factors, key=lambda f: (-float(score.get(f, 0.0)), self.factors.index(f)))
        return order[:k]
