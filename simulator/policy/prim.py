"""PRIM scenario discovery: find a box of input space where a case of interest concentrates.

The Patient Rule Induction Method (Friedman & Fisher 1999, *Statistics and
Computing* 9:123-143), as used for scenario discovery by Bryant & Lempert
(2010, *Technological Forecasting & Social Change* 77:34-49) and the EMA
Workbench:

1. **Peeling.** Start from the box holding every point. At each step, for every
   input and each side, try removing the ``alpha`` share of the box's points with
   the lowest (or highest) values of that input; keep the peel that leaves the
   highest share of cases of interest (density) in the box. Stop when the box
   would hold less than ``min_support`` of all points. Each step gives one box on
   the *peeling trajectory*, trading coverage for density.
2. **Pasting.** Widen the chosen box again, one side at a time, while that raises
   its density.
3. **Dropping restrictions.** Free every input whose restriction can be removed
   while the density falls by at most ``density_slack`` (a simpler box, as the
   EMA Workbench's ``drop_restriction``).

For a box: **coverage** is the share of all cases of interest that fall inside it;
**density** is the share of the points inside it that are cases of interest;
**support** (mass) is the share of all points inside it.

The box reported is chosen from the trajectory by a documented rule
(:func:`choose_box`): among boxes with coverage of at least ``min_coverage``, the
densest; among boxes within ``density_slack`` of that density, the one that
restricts the fewest inputs, then the one with the highest coverage.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Box:
    """One box on a PRIM peeling trajectory.

    Attributes:
        limits: Lower and upper limit of every input, keyed by input name.
        coverage: Share of all cases of interest inside the box.
        density: Share of the points inside the box that are cases of interest.
        support: Share of all points inside the box.
        n: Points inside the box.
        restricted: Inputs whose limits are narrower than the data's range.
    """

    limits: dict[str, tuple[float, float]]
    coverage: float
    density: float
    support: float
    n: int
    restricted: tuple[str, ...] = ()

    def describe(self, labels: dict[str, str] | None = None, digits: int = 3) -> str:
        """The box's restrictions in words, e.g. ``bkm.managing_body <= 0.42 and ...``.

        Args:
            labels: Optional display names of the inputs.
            digits: Significant digits.

        Returns:
            The restrictions joined by ``and``, or ``(whole space)``.
        """
        parts = []
        for name in self.restricted:
            lo, hi = self.limits[name]
            label = (labels or {}).get(name, name)
            lo_s, hi_s = f"{lo:.{digits}g}", f"{hi:.{digits}g}"
            if self._lo_cut.get(name) and self._hi_cut.get(name):
                parts.append(f"{lo_s} <= {label} <= {hi_s}")
            elif self._lo_cut.get(name):
                parts.append(f"{label} >= {lo_s}")
            else:
                parts.append(f"{label} <= {hi_s}")
        return " and ".join(parts) if parts else "(whole space)"

    def cuts(self) -> dict[str, tuple[float | None, float | None]]:
        """The restricted inputs' limits, None for a side left at the data's range (one-sided limits)."""
        return {
            nm: (
                self.limits[nm][0] if self._lo_cut.get(nm, True) else None,
                self.limits[nm][1] if self._hi_cut.get(nm, True) else None,
            )
            for nm in self.restricted
        }

    # which sides are cut (set by prim(); default: both when restricted)
    _lo_cut: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)
    _hi_cut: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)


@dataclass
class PrimResult:
    """Peeling trajectory and chosen box.

    Attributes:
        trajectory: One row per box: step, coverage, density, support, n, restricted (count).
        boxes: The boxes of the trajectory (the pasted chosen box replaces its entry in ``chosen_box``).
        chosen: Index into ``boxes`` of the chosen box.
        chosen_box: The chosen box after pasting.
        n_cases: Cases of interest in the data.
        n: Points in the data.
    """

    trajectory: pd.DataFrame
    boxes: list[Box]
    chosen: int
    chosen_box: Box
    n_cases: int
    n: int

    @property
    def base_density(self) -> float:
        """Share of all points that are cases of interest (density of the whole space)."""
        return self.n_cases / self.n if self.n else float("nan")


def _box(
    x: np.ndarray,
    y: np.ndarray,
    inside: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    full_lo: np.ndarray,
    full_hi: np.ndarray,
    names: list[str],
) -> Box:
    n_in = int(inside.sum())
    cases = int(y.sum())
    hit = int(y[inside].sum())
    lo_cut = {nm: bool(lo[j] > full_lo[j]) for j, nm in enumerate(names)}
    hi_cut = {nm: bool(hi[j] < full_hi[j]) for j, nm in enumerate(names)}
    restricted = tuple(nm for nm in names if lo_cut[nm] or hi_cut[nm])
    return Box(
        limits={nm: (float(lo[j]), float(hi[j])) for j, nm in enumerate(names)},
        coverage=hit / cases if cases else float("nan"),
        density=hit / n_in if n_in else float("nan"),
        support=n_in / len(y) if len(y) else float("nan"),
        n=n_in,
        restricted=restricted,
        _lo_cut=lo_cut,
        _hi_cut=hi_cut,
    )


def _inside(x: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    return np.all((x >= lo) & (x <= hi), axis=1)


def prim(
    x: pd.DataFrame,
    y: np.ndarray | pd.Series,
    *,
    alpha: float = 0.05,
    min_support: float = 0.05,
    min_coverage: float = 0.5,
    density_slack: float = 0.02,
    paste: bool = True,
) -> PrimResult:
    """Run PRIM on numeric inputs ``x`` and a boolean case-of-interest indicator ``y``.

    Args:
        x: Inputs, one row per point, one numeric column per input.
        y: True where the point is a case of interest (e.g. a policy misses its target).
        alpha: Share of the box's points removed by each peel (0.01-0.5).
        min_support: Stop peeling before the box holds less than this share of all points.
        min_coverage: Boxes below this coverage are not chosen (see :func:`choose_box`).
        density_slack: Boxes this close to the best density count as equally dense.
        paste: Widen the chosen box again where that raises its density.

    Returns:
        The trajectory and the chosen box.

    Raises:
        ValueError: On mismatched lengths, non-numeric inputs or parameters out of range.
    """
    if not 0 < alpha < 1:
        raise ValueError(f"alpha = {alpha} must be in (0, 1)")
    if not 0 < min_support < 1:
        raise ValueError(f"min_support = {min_support} must be in (0, 1)")
    yy = np.asarray(y, dtype=bool)
    if len(yy) != len(x):
        raise ValueError(f"x has {len(x)} rows but y has {len(yy)} values")
    names = [str(c) for c in x.columns]
    try:
        xa = x.to_numpy(dtype=float)
    except (TypeError, ValueError) as e:
        raise ValueError(f"PRIM needs numeric inputs ({e})") from None
    n = len(yy)
    full_lo, full_hi = xa.min(axis=0), xa.max(axis=0)
    lo, hi = full_lo.copy(), full_hi.copy()
    inside = np.ones(n, dtype=bool)
    boxes = [_box(xa, yy, inside, lo, hi, full_lo, full_hi, names)]
    while True:
        xin, yin = xa[inside], yy[inside]
        n_in = len(yin)
        best: tuple[float, int, int, float] | None = None  # (density, -removed, dim, side-limit)
        best_side = 0
        for j in range(xa.shape[1]):
            col = xin[:, j]
            for side in (0, 1):
                if side == 0:
                    cut = float(np.quantile(col, alpha, method="higher"))
                    keep = col >= cut
                    if keep.all():  # ties at the minimum: peel the minimum value itself
                        keep = col > col.min()
                        cut = float(col[keep].min()) if keep.any() else cut
                else:
                    cut = float(np.quantile(col, 1 - alpha, method="lower"))
                    keep = col <= cut
                    if keep.all():
                        keep = col < col.max()
                        cut = float(col[keep].max()) if keep.any() else cut
                k = int(keep.sum())
                if k == n_in or k < max(1, int(np.ceil(min_support * n))):
                    continue
                dens = float(yin[keep].mean())
                cand = (dens, -(n_in - k), j, cut)
                if best is None or cand[:2] > best[:2]:
                    best, best_side = cand, side
        if best is None:
            break
        _, _, j, cut = best
        if best_side == 0:
            lo[j] = cut
        else:
            hi[j] = cut
        inside = _inside(xa, lo, hi)
        boxes.append(_box(xa, yy, inside, lo, hi, full_lo, full_hi, names))
    traj = pd.DataFrame(
        {
            "step": np.arange(len(boxes)),
            "coverage": [b.coverage for b in boxes],
            "density": [b.density for b in boxes],
            "support": [b.support for b in boxes],
            "n": [b.n for b in boxes],
            "restricted": [len(b.restricted) for b in boxes],
        }
    )
    chosen = choose_box(traj, min_coverage=min_coverage, density_slack=density_slack)
    box = boxes[chosen]
    if paste and box.restricted:
        box = _paste(xa, yy, box, alpha, full_lo, full_hi, names)
    if box.restricted:
        box = _drop_restrictions(xa, yy, box, density_slack, full_lo, full_hi, names)
    return PrimResult(traj, boxes, chosen, box, int(yy.sum()), n)


def choose_box(trajectory: pd.DataFrame, *, min_coverage: float = 0.5, density_slack: float = 0.02) -> int:
    """Pick a box from a peeling trajectory.

    Among boxes with coverage >= ``min_coverage`` (the first box always
    qualifies), take the highest density; among boxes within ``density_slack``
    of it, prefer the fewest restricted inputs, then the highest coverage.

    Args:
        trajectory: As in :attr:`PrimResult.trajectory`.
        min_coverage: Lowest acceptable coverage.
        density_slack: Density tolerance for preferring simpler boxes.

    Returns:
        The row index of the chosen box.
    """
    t = trajectory.fillna({"coverage": 0.0, "density": 0.0})
    ok = t[(t["coverage"] >= min_coverage) | (t["step"] == 0)]
    top = float(ok["density"].max())
    near = ok[ok["density"] >= top - density_slack]
    near = near.sort_values(["restricted", "coverage", "density"], ascending=[True, False, False])
    return int(near.index[0])


def _drop_restrictions(
    xa: np.ndarray,
    yy: np.ndarray,
    box: Box,
    slack: float,
    full_lo: np.ndarray,
    full_hi: np.ndarray,
    names: list[str],
) -> Box:
    """Free inputs whose restriction does not matter: density falls by at most ``slack`` without it."""
    lo = np.array([box.limits[nm][0] for nm in names])
    hi = np.array([box.limits[nm][1] for nm in names])
    target = box.density - slack
    while True:
        best: tuple[float, int] | None = None
        for j in range(len(names)):
            if lo[j] <= full_lo[j] and hi[j] >= full_hi[j]:
                continue
            lo2, hi2 = lo.copy(), hi.copy()
            lo2[j], hi2[j] = full_lo[j], full_hi[j]
            ins = _inside(xa, lo2, hi2)
            d = float(yy[ins].mean()) if ins.any() else 0.0
            if d >= target and (best is None or d > best[0]):
                best = (d, j)
        if best is None:
            break
        j = best[1]
        lo[j], hi[j] = full_lo[j], full_hi[j]
    return _box(xa, yy, _inside(xa, lo, hi), lo, hi, full_lo, full_hi, names)


def _paste(
    xa: np.ndarray,
    yy: np.ndarray,
    box: Box,
    alpha: float,
    full_lo: np.ndarray,
    full_hi: np.ndarray,
    names: list[str],
) -> Box:
    lo = np.array([box.limits[nm][0] for nm in names])
    hi = np.array([box.limits[nm][1] for nm in names])
    inside = _inside(xa, lo, hi)
    dens = float(yy[inside].mean()) if inside.any() else 0.0
    while True:
        best: tuple[float, int, int, float] | None = None
        n_add = max(1, int(np.ceil(alpha * inside.sum())))
        for j in range(xa.shape[1]):
            others = np.ones(len(yy), dtype=bool)
            for k in range(xa.shape[1]):
                if k != j:
                    others &= (xa[:, k] >= lo[k]) & (xa[:, k] <= hi[k])
            for side in (0, 1):
                if side == 0:
                    cand = np.sort(xa[others & (xa[:, j] < lo[j]), j])[::-1]
                else:
                    cand = np.sort(xa[others & (xa[:, j] > hi[j]), j])
                if len(cand) == 0:
                    continue
                new = float(cand[min(n_add, len(cand)) - 1])
                lo2, hi2 = lo.copy(), hi.copy()
                (lo2 if side == 0 else hi2)[j] = new
                ins2 = _inside(xa, lo2, hi2)
                d2 = float(yy[ins2].mean())
                if d2 > dens + 1e-12 and (best is None or d2 > best[0]):
                    best = (d2, j, side, new)
        if best is None:
            break
        dens, j, side, new = best
        (lo if side == 0 else hi)[j] = new
        inside = _inside(xa, lo, hi)
    return _box(xa, yy, inside, lo, hi, full_lo, full_hi, names)


__all__ = ["Box", "PrimResult", "choose_box", "prim"]
