"""The compiled kernels (``simulator.model.kernels``) against the NumPy code they replaced.

Each reference below is the vectorised implementation the model used before the kernel;
both are fed the same random state and the same generator seed, and must agree exactly
(same draws in the same order, same floating-point results).
"""

from __future__ import annotations

import numpy as np
import pytest

from simulator.model import kernels
from simulator.model import mechanisms as mech
from simulator.model.model import PartnershipModel


def proposals_reference(rng, lam, backlog, known, trust_bkm, fit, alive, floor, bonus, repeat):
    n_w = np.minimum(rng.poisson(lam), backlog.sum(1))
    avail = backlog.copy()
    asked = np.zeros(known.shape, dtype=bool)
    out_w, out_p, out_f = [], [], []
    for r in range(int(n_w.max(initial=0))):
        ws = np.nonzero(n_w > r)[0]
        ws = ws[avail[ws].sum(1) > 0]
        if len(ws) == 0:
            break
        cs = np.cumsum(avail[ws], axis=1)
        u = rng.random(len(ws)) * cs[:, -1]
        f = (cs <= u[:, None]).sum(1)
        avail[ws, f] -= 1
        wt = (
            known[:, ws].T
            * (floor + trust_bkm[:, ws].T)
            * fit[:, f].T
            * (1.0 + bonus * alive[:, ws].T)
            * np.where(asked[:, ws].T, repeat, 1.0)
        )
        cw = np.cumsum(wt, axis=1)
        ok = cw[:, -1] > 0
        u2 = rng.random(len(ws)) * cw[:, -1]
        p = (cw <= u2[:, None]).sum(1)
        ws, p, f = ws[ok], p[ok], f[ok]
        asked[p, ws] = True
        out_w.append(ws)
        out_p.append(p)
        out_f.append(f)
    e = np.zeros(0, dtype=np.int64)
    return tuple(np.concatenate(x) if x else e for x in (out_w, out_p, out_f))


def random_state(seed: int, P: int, W: int) -> dict:
    g = np.random.default_rng(seed)
    return {
        "lam": g.uniform(0, 4, W),
        "backlog": g.integers(0, 4, (W, 4)),
        "known": g.uniform(0, 1, (P, W)) * (g.random((P, W)) < 0.6),
        "trust_bkm": g.uniform(0, 1, (P, W)),
        "fit": g.uniform(0, 1, (P, 4)),
        "alive": g.random((P, W)) < 0.2,
    }


@pytest.mark.parametrize("seed", range(25))
def test_proposals_kernel_equals_numpy_reference(seed: int) -> None:
    P, W = (seed % 5) * 7 + 1, (seed % 7) * 9 + 1
    st = random_state(seed, P, W)
    args = (st["lam"], st["backlog"], st["known"], st["trust_bkm"], st["fit"], st["alive"], 0.1, 0.5, 0.3)
    rng_a, rng_b = np.random.default_rng(seed), np.random.default_rng(seed)
    got = kernels.proposals(rng_a, *args)
    want = proposals_reference(rng_b, *args)
    for g, w in zip(got, want, strict=True):
        np.testing.assert_array_equal(g, w)
    assert rng_a.random() == rng_b.random()  # the generators were left in the same state
    assert len(got[0]) > 0 or st["lam"].sum() < 1 or not st["known"].any()


def test_proposals_kernel_leaves_the_model_state_alone() -> None:
    m = PartnershipModel("kendal", rng=3)
    for _ in range(6):
        m.step()
    backlog = m.backlog.copy()
    kernels.proposals(
        np.random.default_rng(0), np.full(m.n_wards, 3.0), m.backlog, m.aware * m.reach, m.trust_bkm, m.fit,
        m.alive, 0.1, 0.5, 0.3,
    )  # fmt: skip
    np.testing.assert_array_equal(m.backlog, backlog)


def decide_reference(rng, w, p, f, cont, p_answer, logit, cost, is_gov, budget_left, tol):
    n = len(w)
    answered = cont | (rng.random(n) < p_answer)
    utility = logit + rng.logistic(size=n)
    yes = cont | (answered & (utility > 0))
    rank = np.where(is_gov, -utility, rng.random(n))
    order = np.lexsort((rank, ~cont))
    cum = np.empty(n)
    cum[order] = mech.grouped_cumsum(p[order], (cost * yes)[order])
    fits = cum <= budget_left[p] + tol
    acc = yes & fits
    budget_left -= np.bincount(p[acc], weights=cost[acc], minlength=len(budget_left))
    return answered, yes, fits, acc


@pytest.mark.parametrize("seed", range(25))
def test_decide_kernel_equals_numpy_reference(seed: int) -> None:
    g = np.random.default_rng(100 + seed)
    n, P = int(g.integers(0, 60)), int(g.integers(1, 12))
    w, p, f = g.integers(0, 9, n), g.integers(0, P, n), g.integers(0, 4, n)
    cont = g.random(n) < 0.3
    args = (w, p, f, cont, g.random(n), g.normal(0, 2, n), g.uniform(1, 50, n), g.random(n) < 0.5)
    budget = g.uniform(0, 150, P)
    b_a, b_b = budget.copy(), budget.copy()
    rng_a, rng_b = np.random.default_rng(seed), np.random.default_rng(seed)
    got = kernels.decide(rng_a, *args, b_a, 1e-9)
    want = decide_reference(rng_b, *args, b_b, 1e-9)
    for x, y in zip(got, want, strict=True):
        np.testing.assert_array_equal(x, y)
    np.testing.assert_array_equal(b_a, b_b)  # the same budgets left, to the last bit
    assert rng_a.random() == rng_b.random()
