"""Convergence of the indices: the same estimators on nested sub-samples, and a verdict.

The design's first ``m`` base samples are a design of their own (SALib writes the points base sample by
base sample), so indices at N/8, N/4, N/2 and N show whether the indices have settled.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from simulator.sensitivity.design import Options
from simulator.sensitivity.indices import index_table


def convergence_rows(
    method: str,
    unit: np.ndarray,
    y: np.ndarray,
    factors: Sequence[str],
    n: int,
    per: int,
    second_order: bool,
    opt: Options,
    rng: np.random.Generator,
    full: pd.DataFrame,
) -> list[dict[str, Any]]:
    """Indices on the nested sub-samples N/8, N/4, N/2; at N the final indices ``full`` are reused.

    Args:
        method: morris or sobol.
        unit: The design on the unit hypercube (points, k); its first ``m * per`` rows are the
            design of the sub-sample of m base samples.
        y: The analysed output per design point.
        factors: Factor names.
        n: Base sample size.
        per: Design points per base sample.
        second_order: Sobol design with S2 matrices.
        opt: Analysis options (``resamples_detail`` and ``conf_level`` are used).
        rng: Random generator for the bootstrap.
        full: The index table at N (see :func:`simulator.sensitivity.indices.index_table`).

    Returns:
        One row per (sub-sample size, index, factor): factor, n, index, value, low, high,
        relative_width (interval width over the largest mu*, or over 1 for Sobol) and scale.
    """
    steps = sorted({m for m in (n // 8, n // 4, n // 2, n) if m >= 2})
    out: list[dict[str, Any]] = []
    for m in steps:
        rows = m * per
        if m == n:
            df = full
        else:
            res = opt.resamples_detail
            df, _ = index_table(
                method, unit[:rows], y[:rows], factors, m, second_order, res, opt.conf_level, rng, False
            )
        keys = ("mu_star",) if method == "morris" else ("S1", "ST")
        scale = float(df["mu_star"].max()) if method == "morris" else 1.0
        scale = scale if scale > 0 else 1.0
        for key in keys:
            for f, v, lo, hi in zip(factors, df[key], df[f"{key}_low"], df[f"{key}_high"], strict=True):
                out.append(
                    {
                        "factor": f,
                        "n": m,
                        "index": key,
                        "value": v,
                        "low": lo,
                        "high": hi,
                        "relative_width": (hi - lo) / scale,
                        "scale": scale,
                    }
                )
    return out


def convergence_verdict(method: str, rows: list[dict[str, Any]], n: int, opt: Options) -> dict[str, Any]:
    """Convergence verdict from the nested sub-samples.

    Sobol: stable when every ST interval at N is at most ``convergence_width``
    wide and no ST moved by more than ``convergence_change`` from N/2 to N.
    Morris is a screening method, so its verdict is about the screening
    (Sarrazin et al. 2016): stable when the factors ranked in the top five at N
    are the same set at N/2. Widths and changes are reported either way.

    Args:
        method: morris or sobol.
        rows: The rows of :func:`convergence_rows`.
        n: Base sample size.
        opt: Analysis options (the convergence thresholds).

    Returns:
        stable, max_width, max_change, top_same (the top five at N and N/2 are the same set) and
        the reason in words.
    """
    key = "mu_star" if method == "morris" else "ST"
    df = pd.DataFrame(rows)
    df = df[df["index"] == key]
    final = df[df["n"] == n].set_index("factor")
    width = float(final["relative_width"].max())
    halves = df[df["n"] == n // 2].set_index("factor")
    if halves.empty:
        change = float("nan")
    else:
        scale = final["scale"].iloc[0]
        change = float((final["value"] - halves["value"]).abs().max() / scale)
    top = min(5, len(final))
    top_n = set(final["value"].sort_values(ascending=False).index[:top])
    top_h = set(halves["value"].sort_values(ascending=False).index[:top]) if not halves.empty else set()
    reasons = []
    if math.isnan(change):
        reasons.append("too few base samples for a nested sub-sample")
    elif method == "morris":
        if top_n != top_h:
            reasons.append(f"the top {top} factors differ between N/2 and N")
    else:
        if width > opt.convergence_width:
            reasons.append(f"largest interval width {width:.3f} > {opt.convergence_width:g}")
        if change > opt.convergence_change:
            reasons.append(f"largest change from N/2 to N {change:.3f} > {opt.convergence_change:g}")
    ok = (
        "top factors and indices settled" if method == "morris" else "interval widths and changes within the thresholds"
    )
    return {
        "stable": not reasons,
        "max_width": width,
        "max_change": change,
        "top_same": top_n == top_h,
        "reason": "; ".join(reasons) if reasons else ok,
    }
