"""The compiled kernels (``simulator.model.kernels``) against the NumPy code they replaced.

Each reference below is the vectorised implementation the model used before the kernel;
both are fed the same random state and the same generator seed, and must agree exactly
(same draws in the same order, same floating-point results).
"""

from __future__ import annotations

import numpy as np
import pytest

from simulator.model import kernels, phases
from simulator.model import mechanisms as mech
from simulator.model.model import PartnershipModel
from simulator.model.state import all_pairs, make_pairs
from simulator.numerics import NO_JUMPS, NO_WORDS, pcg_jumps, pcg_words


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
    known = st["known"].ravel()
    flat = ((known > 0, known), all_pairs(P, W), st["trust_bkm"].ravel(), st["fit"], st["alive"].ravel())
    rng_a, rng_b = np.random.default_rng(seed), np.random.default_rng(seed)
    got = kernels.proposals(rng_a, st["lam"], st["backlog"], *flat, 0.1, 0.5, 0.3)
    want = proposals_reference(rng_b, *args)
    for g, w in zip(got[:3], want, strict=True):
        np.testing.assert_array_equal(g, w)
    pairs = flat[1]  # each proposal's pair is its ward and partner's
    np.testing.assert_array_equal(pairs.ward[got[3]], got[0])
    np.testing.assert_array_equal(pairs.partner[got[3]], got[1])
    assert rng_a.random() == rng_b.random()  # the generators were left in the same state
    assert len(got[0]) > 0 or st["lam"].sum() < 1 or not st["known"].any()


def sparse_pairs(g: np.random.Generator, P: int, W: int) -> tuple:
    """A random set of pairs (about half of partner x ward), and the dense mask of it."""
    mask = g.random((P, W)) < 0.5
    return make_pairs([np.nonzero(row)[0] for row in mask], W), mask


@pytest.mark.parametrize("seed", range(12))
def test_proposals_over_pairs_in_reach_equal_dense_ones_that_know_nothing_elsewhere(seed: int) -> None:
    # holding only the pairs in reach changes nothing: no ward asks a partner that does not know it
    P, W = (seed % 4) * 5 + 2, (seed % 5) * 7 + 1
    st = random_state(seed, P, W)
    pairs, mask = sparse_pairs(np.random.default_rng(50 + seed), P, W)
    known = np.where(mask, st["known"], 0.0)
    rng_a, rng_b = np.random.default_rng(seed), np.random.default_rng(seed)
    sparse = ((known[mask] > 0, known[mask]), pairs, st["trust_bkm"][mask], st["fit"], st["alive"][mask])
    got = kernels.proposals(rng_a, st["lam"], st["backlog"], *sparse, 0.1, 0.5, 0.3)
    dense = (known, st["trust_bkm"], st["fit"], st["alive"])
    want = proposals_reference(rng_b, st["lam"], st["backlog"], *dense, 0.1, 0.5, 0.3)
    for x, y in zip(got[:3], want, strict=True):
        np.testing.assert_array_equal(x, y)
    np.testing.assert_array_equal(got[3], kernels.pairs.pair_ids(pairs.start, pairs.ward, got[1], got[0]))
    assert mask[got[1], got[0]].all()
    assert rng_a.random() == rng_b.random()


def test_proposals_kernel_leaves_the_model_state_alone() -> None:
    m = PartnershipModel("kendal", rng=3)
    for _ in range(6):
        m.step()
    backlog = m.backlog.copy()
    kernels.proposals(
        np.random.default_rng(0), np.full(m.n_wards, 3.0), m.backlog, (m.aware, m.reach), m.pairs, m.trust_bkm,
        m.fit, m.alive, 0.1, 0.5, 0.3,
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


def deliveries_reference(p, w, ok, tp, tb, heard, preg, R, ls, lf, spread):
    for idx in mech.occurrence_rounds(p * tp.shape[1] + w):
        pi, wi, oi = p[idx], w[idx], ok[idx]
        tp[pi, wi] = mech.trust_update(tp[pi, wi], oi, ls, lf)
        b = tb[pi, wi]
        tb[pi, wi] = np.where(oi, b + ls * (1 - b), b)
    if spread <= 0:
        return tp, tb, heard
    P, W = tp.shape
    own_s = np.bincount(p * W + w, weights=ok, minlength=P * W).reshape(P, W)
    own_f = np.bincount(p * W + w, weights=~ok, minlength=P * W).reshape(P, W)
    reg = preg[p]
    reg_s = np.bincount(reg * W + w, weights=ok, minlength=R * W).reshape(R, W)
    reg_f = np.bincount(reg * W + w, weights=~ok, minlength=R * W).reshape(R, W)
    hs, hf = reg_s[preg] - own_s, reg_f[preg] - own_f
    return mech.reputation_update(tp, hs, hf, spread, ls, lf), tb, heard | ((hs + hf) > 0)


def regions(pairs, preg):
    """The kernel's regions: each partner's, then each ward's pairs grouped by their partner's region, and those."""
    return (preg, *kernels.region_groups(pairs, preg))


@pytest.mark.parametrize("seed", range(6))
def test_region_groups_hold_each_ward_s_pairs_by_their_partner_s_region(seed: int) -> None:
    g = np.random.default_rng(900 + seed)
    P, W, R = int(g.integers(1, 12)), int(g.integers(1, 15)), int(g.integers(1, 5))
    pairs, _ = sparse_pairs(g, P, W)
    preg = g.integers(0, R, P)
    group_pairs, keys = kernels.region_groups(pairs, preg)
    for w in range(W):
        seg = slice(pairs.wstart[w], pairs.wstart[w + 1])
        assert sorted(group_pairs[seg]) == sorted(pairs.by_ward[seg])  # the ward's pairs, each once
        np.testing.assert_array_equal(keys[seg], preg[pairs.partner[group_pairs[seg]]])
        assert (np.diff(keys[seg]) >= 0).all()  # grouped: regions ascending
        for r in np.unique(keys[seg]):  # within a region, in ward order
            mine = group_pairs[seg][keys[seg] == r]
            np.testing.assert_array_equal(mine, [k for k in pairs.by_ward[seg] if preg[pairs.partner[k]] == r])


@pytest.mark.parametrize("seed", range(20))
def test_learn_from_deliveries_kernel_equals_numpy_reference(seed: int) -> None:
    g = np.random.default_rng(200 + seed)
    P, W, R, n = int(g.integers(1, 15)), int(g.integers(1, 20)), int(g.integers(1, 4)), int(g.integers(0, 40))
    p, w, ok = g.integers(0, P, n), g.integers(0, W, n), g.random(n) < 0.7  # repeated pairs included
    tp, tb, heard, preg = g.random((P, W)), g.random((P, W)), g.random((P, W)) < 0.2, g.integers(0, R, P)
    spread = [0.0, 0.5, 3.0][seed % 3]
    want = deliveries_reference(p, w, ok, tp.copy(), tb.copy(), heard.copy(), preg, R, 0.2, 0.5, spread)
    got = (tp.ravel().copy(), tb.ravel().copy(), heard.ravel().copy())
    full = all_pairs(P, W)
    kernels.learn_from_deliveries(full, p, w, ok, *got, regions(full, preg), R, 0.2, 0.5, spread)
    for x, y in zip(got, want, strict=True):
        np.testing.assert_array_equal(x.reshape(P, W), y)
    # holding only the pairs in reach: the same on those pairs (news reaches only partners in reach)
    pairs, mask = sparse_pairs(g, P, W)
    keep = mask[p, w]
    want = deliveries_reference(
        p[keep], w[keep], ok[keep], tp.copy(), tb.copy(), heard.copy(), preg, R, 0.2, 0.5, spread
    )
    got = (tp[mask], tb[mask], heard[mask])
    kernels.learn_from_deliveries(pairs, p[keep], w[keep], ok[keep], *got, regions(pairs, preg), R, 0.2, 0.5, spread)
    for x, y in zip(got, want, strict=True):
        np.testing.assert_array_equal(x, y[mask])


def forget_reference(rng, tp, tb, contact, heard, touched, aware, alive, coord, G, learn, rate0, mem, t0, gf, ff, lose):
    if learn:
        idle = (contact | heard) & ~touched
        rate = rate0 * (1.0 - mem * coord)
        tp = np.where(idle, mech.trust_forget(tp, t0, rate), tp)
        tb = np.where(idle, mech.trust_forget(tb, t0, rate), tb)
    forget = np.r_[np.full(G, gf), np.full(aware.shape[0] - G, ff)][:, None]
    p_forget = np.broadcast_to(forget, aware.shape).copy()
    p_forget[:G] *= (1.0 - coord)[None, :]
    if lose:
        aware = aware & ~(aware & ~alive & (rng.random(aware.shape) < p_forget))
    return tp, tb, aware


@pytest.mark.parametrize("seed", range(12))
def test_forget_kernel_equals_numpy_reference(seed: int) -> None:
    g = np.random.default_rng(300 + seed)
    P, W = int(g.integers(1, 12)), int(g.integers(1, 15))
    G = int(g.integers(0, P + 1))
    tp, tb, coord = g.random((P, W)), g.random((P, W)), g.random(W)
    contact, heard, touched, aware, alive = (g.random((P, W)) < q for q in (0.4, 0.3, 0.3, 0.7, 0.2))
    learn, lose = seed % 3 != 0, seed % 4 != 1
    consts = (G, learn, 0.1, 0.5, 0.4, 0.3, 0.2, lose)
    rng_a, rng_b = np.random.default_rng(seed), np.random.default_rng(seed)
    got = (tp.ravel().copy(), tb.ravel().copy(), aware.ravel().copy())
    flags = (contact.ravel(), heard.ravel(), touched.ravel())
    words = pcg_words(rng_a) if seed % 2 else NO_WORDS  # unused uniforms stepped over, or drawn
    jumps = pcg_jumps(rng_a) if seed % 2 else NO_JUMPS
    kernels.forget(rng_a, all_pairs(P, W), got[0], got[1], *flags, got[2], alive.ravel(), coord, *consts, words, jumps)
    want = forget_reference(rng_b, tp, tb, contact, heard, touched, aware, alive, coord, *consts)
    for x, y in zip(got, want, strict=True):
        np.testing.assert_array_equal(x.reshape(P, W), y)
    assert rng_a.random() == rng_b.random()


def test_every_kernel_is_cached_under_the_digest_of_all_it_depends_on() -> None:
    from pathlib import Path

    from simulator.model.kernels import _jit

    names = {p.name for p in _jit.SOURCES}
    assert {"state.py", "numerics.py", "partners.py", "wards.py", "delivery.py", "observe.py"} <= names
    for name in kernels.__all__:
        locator = getattr(kernels, name)._cache._impl.locator
        assert type(locator).__name__.startswith("Kernel"), name  # not Numba's own, keyed on one file
        assert locator.get_source_stamp() == _jit.DIGEST
    assert Path(kernels.decide.py_func.__code__.co_filename).parent == _jit.HERE


def test_a_changed_dependency_changes_every_kernel_s_stamp(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    from simulator.model.kernels import _jit

    dep = tmp_path / "state.py"
    dep.write_text("GOV, PRIVATE = 0, 1\n")
    monkeypatch.setattr(_jit, "SOURCES", (*_jit.SOURCES, dep))
    before = _jit.source_digest()
    dep.write_text("GOV, PRIVATE = 1, 0\n")
    assert _jit.source_digest() != before


def test_kernels_compile_once_then_load_from_the_cache(tmp_path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "NUMBA_CACHE_DIR": str(tmp_path)}  # an empty cache
    cmd = [sys.executable, "-m", "simulator.model.kernels"]
    first = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600, check=True)
    second = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600, check=True)
    assert "compiling" in first.stderr and "compiled in" in first.stderr
    assert "are compiled" in second.stderr
    assert any(tmp_path.rglob("*.nbi"))  # the index files Numba keeps per kernel


def test_ctrl_c_during_a_year_is_raised_once_the_year_is_done() -> None:
    import os
    import signal
    import threading

    PartnershipModel("central-java", rng=1).step()  # the kernels are loaded before the signal is due
    timer = threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    with pytest.raises(KeyboardInterrupt):  # not Numba's SystemError, and no crash
        for _ in range(10_000):  # runs until the signal comes, however fast the model
            m = PartnershipModel("central-java", rng=1, **{"time.years": 200})
            while m.running:
                m.step()
    timer.join()
    assert 0 < m.steps <= 200
    assert len(m.datacollector.model_vars["wards"]) == m.steps + 1  # whole years only
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


@pytest.mark.parametrize(
    ("preset", "seed", "overrides"),
    [
        ("kendal", 3, {}),
        ("central-java", 5, {}),
        ("baseline", 8, {"structure.trust": "fixed", "structure.awareness": "open"}),
        ("pekalongan", 2, {"structure.renewal": "lapse", "government.payment_lag": 0}),
    ],
)
def test_a_fused_year_equals_the_year_phase_by_phase(preset: str, seed: int, overrides: dict) -> None:
    fused = PartnershipModel(preset, rng=seed, **overrides)
    by_phase = PartnershipModel(preset, rng=seed, **overrides)
    while fused.running:
        fused.step()
        by_phase.step_by_phase()
        assert fused.stats == pytest.approx(by_phase.stats, abs=0, rel=0, nan_ok=True)
    for name in ("trust_partner", "trust_bkm", "alive", "aware", "capacity", "cash", "condition", "backlog"):
        np.testing.assert_array_equal(getattr(fused, name), getattr(by_phase, name))
    for key, column in fused.event_log().items():
        np.testing.assert_array_equal(column, by_phase.event_log()[key])
    assert fused.rng.random() == by_phase.rng.random()


@pytest.mark.parametrize("seed", range(30))
def test_multinomial_kernel_draws_as_numpy_does(seed: int) -> None:
    g = np.random.default_rng(500 + seed)
    items = g.integers(0, 60, int(g.integers(1, 30)))
    mix = g.random(4)
    pvals = mix / mix.sum()
    rng_a, rng_b = np.random.default_rng(seed), np.random.default_rng(seed)
    np.testing.assert_array_equal(kernels.multinomial(rng_a, items, pvals), rng_b.multinomial(items, pvals))
    assert rng_a.random() == rng_b.random()


def test_pairwise_sum_adds_as_numpy_does() -> None:
    from simulator.numerics import masked_sum, pairwise_sum

    g = np.random.default_rng(7)
    for n in [*range(0, 300), 1000, 5000, 12345]:
        a = g.normal(size=n) * 10.0 ** g.integers(-3, 5, n).astype(float)
        mask = g.random(n) < 0.6
        assert pairwise_sum(a) == a.sum()  # exactly: a plain loop differs in the last bits
        assert masked_sum(a, mask) == a[mask].sum()
    b = np.array([1e16, 1.0, -1e16] + [1.0] * 200)
    assert pairwise_sum(b) == b.sum()


@pytest.mark.parametrize(
    ("preset", "seed", "overrides"),
    [
        ("kendal", 4, {}),
        ("central-java", 6, {"levers.csr_forum": 1.0, "levers.csr_forum_start": 2012}),
        ("showcase", 2, {"levers.facilitation": 0.5, "levers.marketing_push": 1.0, "levers.strengthening": 0.5}),
        ("baseline", 9, {"government.agencies": 0, "time.years": 30}),  # no agencies: no election splits the run
        ("pekalongan", 3, {"levers.consistent_team": 1.0, "government.election_years": 1}),  # an election every year
    ],
)
def test_running_to_the_end_ahead_equals_stepping(preset: str, seed: int, overrides: dict) -> None:
    stepped = PartnershipModel(preset, rng=seed, **overrides)
    while stepped.running:
        stepped.step()
    ahead = PartnershipModel(preset, rng=seed, **overrides)
    ahead.run_to_end()
    assert ahead.steps == stepped.steps and not ahead.running
    want = stepped.datacollector.model_vars
    assert ahead.datacollector.model_vars.keys() == want.keys()
    for key, values in ahead.datacollector.model_vars.items():
        np.testing.assert_array_equal(values, want[key])  # NaN equals NaN here, as nothing else does
    for m in (ahead, stepped):  # the collector's values as one array, without reading the collector
        np.testing.assert_array_equal(m.statistics(), np.array(list(want.values()), dtype=float).T)
    names = ("trust_partner", "trust_bkm", "alive", "aware", "capacity", "cash", "condition", "backlog", "_projects")
    for name in names:
        np.testing.assert_array_equal(getattr(ahead, name), getattr(stepped, name))
    for key, column in ahead.event_log().items():
        np.testing.assert_array_equal(column, stepped.event_log()[key])
    assert ahead.ward_table() == stepped.ward_table()
    assert ahead.rng.random() == stepped.rng.random()
    assert ahead._ahead is None  # stepping on after it would be year by year again


def test_a_run_to_its_end_stopped_early_keeps_the_collector_in_step(monkeypatch: pytest.MonkeyPatch) -> None:
    from simulator.model import year as run_year

    real, calls = run_year.ahead, []

    def ahead(*a: object) -> object:
        calls.append(1)
        if len(calls) == 6:
            raise KeyboardInterrupt
        return real(*a)

    monkeypatch.setattr(run_year, "ahead", ahead)
    m = PartnershipModel("kendal", rng=3)
    with pytest.raises(KeyboardInterrupt):
        m.run_to_end()
    mv = m.datacollector.model_vars
    assert m._collected == 0 and m._ahead is None
    assert all(len(values) == m.steps for values in mv.values())  # the start and 5 years, not 20
    assert len(m.datacollector._collection_steps) == m.steps == 6
    stepped = PartnershipModel("kendal", rng=3)
    for _ in range(5):
        stepped.step()
    for key, values in mv.items():
        np.testing.assert_array_equal(values, stepped.datacollector.model_vars[key])
    assert m.statistics().shape == (6, len(mv))  # its blocks were cut to the years taken, as the collector's lists
    np.testing.assert_array_equal(m.statistics(), stepped.statistics())


def test_a_run_to_its_end_is_one_compiled_call_with_its_elections(monkeypatch: pytest.MonkeyPatch) -> None:
    from simulator.model import kernels as k
    from simulator.model import year as run_year

    calls = []
    real = k.years
    monkeypatch.setattr(k, "years", lambda *a: calls.append(a[-3][0].copy()) or real(*a))
    m = PartnershipModel("kendal", rng=1)
    before = m.priority.copy()
    m.run_to_end()
    first, every = m._i("government.first_election"), m._i("government.election_years")
    years = np.arange(m.start_year, m.start_year + m.years)
    assert len(calls) == 1  # every year, elections included, in one call
    np.testing.assert_array_equal(calls[0], (years >= first) & ((years - first) % every == 0))
    np.testing.assert_array_equal(calls[0], phases.elections(m, years))  # one year at a time, as for all years
    assert calls[0].sum() >= 2 and not np.array_equal(m.priority, before)
    assert run_year.ROW  # the rows' columns are named


@pytest.mark.parametrize("seed", range(8))
def test_stepping_over_pcg64_uniforms_keeps_the_generator_s_stream(seed: int) -> None:
    import numba

    from simulator.numerics import PCG_IN_PLACE, pcg_finish, pcg_state, pcg_uniform, uniform_after

    @numba.njit
    def mixed(rng: np.random.Generator, words: np.ndarray, plan: np.ndarray) -> np.ndarray:
        out = np.empty(len(plan))
        for i in range(len(plan)):  # each draw or skip is a loop of its own, handed back in between
            if plan[i] == 0:
                state = pcg_state(words)
                if len(words):
                    state, out[i] = pcg_uniform(state, 0)
                else:
                    out[i] = uniform_after(rng, 0)
                pcg_finish(rng, words, state, 0)
            elif plan[i] == 1:
                out[i] = rng.normal()  # another method of the same generator, between them
            else:
                pcg_finish(rng, words, pcg_state(words), plan[i])
                out[i] = -1.0
        return out

    assert PCG_IN_PLACE  # NumPy's PCG64 keeps its state as this code reads it on this machine
    plan = np.random.default_rng(seed).choice([0, 0, 0, 1, 2, 3, 15, 16, 17, 100, 17_575], size=60)
    want = []
    ref = np.random.default_rng(seed + 50)
    for p in plan:
        if p in (0, 1):
            want.append(ref.random() if p == 0 else ref.normal())
        else:
            ref.random(int(p))  # drawn and thrown away
            want.append(-1.0)
    for words_of in (pcg_words, lambda _: NO_WORDS):
        rng = np.random.default_rng(seed + 50)
        np.testing.assert_array_equal(mixed(rng, words_of(rng), plan), want)
        assert rng.bit_generator.state == ref.bit_generator.state
    assert len(pcg_words(np.random.Generator(np.random.MT19937(seed)))) == 0  # other generators draw every number


@pytest.mark.parametrize("seed", range(8))
def test_a_loop_s_draws_from_the_state_as_plain_numbers_keep_the_stream(seed: int) -> None:
    """``pcg_state``/``pcg_uniform``/``pcg_finish``: the uniforms a loop keeps, the ones it steps over
    (short gaps stepped, long ones jumped), and the generator afterwards are NumPy's."""
    import numba

    from simulator.numerics import pcg_finish, pcg_state, pcg_uniform, uniform_after

    @numba.njit
    def loop(rng: np.random.Generator, words: np.ndarray, gaps: np.ndarray, tail: int) -> np.ndarray:
        fast, state = len(words) > 0, pcg_state(words)
        out = np.empty(len(gaps))
        for i in range(len(gaps)):
            if fast:
                state, out[i] = pcg_uniform(state, gaps[i])
            else:
                out[i] = uniform_after(rng, gaps[i])
        pcg_finish(rng, words, state, tail)
        return out

    g = np.random.default_rng(seed)
    gaps = g.choice([0, 0, 1, 2, 15, 16, 17, 300, 17_575], size=40)
    tail = int(g.choice([0, 3, 16, 1000]))
    ref = np.random.default_rng(seed + 70)
    want = []
    for gap in gaps:
        ref.random(int(gap))
        want.append(ref.random())
    ref.random(tail)
    for words_of in (pcg_words, lambda _: NO_WORDS):
        rng = np.random.default_rng(seed + 70)
        np.testing.assert_array_equal(loop(rng, words_of(rng), gaps, tail), want)
        assert rng.bit_generator.state == ref.bit_generator.state


@pytest.mark.parametrize("seed", range(8))
def test_skips_through_a_jump_table_keep_the_stream(seed: int) -> None:
    """``pcg_uniform_after``: any skip, by the table's base-64 digits or beyond its six digits
    (2 ** 36 uniforms), lands on the uniform NumPy's generator gives after that many."""
    import numba

    from simulator.numerics import pcg_state, pcg_uniform, pcg_uniform_after

    @numba.njit
    def loop(words: np.ndarray, jumps: np.ndarray, gaps: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        a, b = pcg_state(words), pcg_state(words)
        by_table, stepped = np.empty(len(gaps)), np.empty(len(gaps))
        for i in range(len(gaps)):
            a, by_table[i] = pcg_uniform_after(a, jumps, gaps[i])
            b, stepped[i] = pcg_uniform(b, gaps[i])  # stepped, or by the logarithmic jump
        return by_table, stepped

    g = np.random.default_rng(seed)
    gaps = g.choice([0, 1, 2, 62, 63, 64, 65, 4095, 4096, 17_575, 2**30 + 7, 2**36 - 1, 2**36, 2**37 + 3], size=30)
    rng = np.random.default_rng(seed + 90)
    by_table, stepped = loop(pcg_words(rng), pcg_jumps(rng), gaps)
    np.testing.assert_array_equal(by_table, stepped)
    ref = np.random.default_rng(seed + 90)
    small = gaps < 20_000
    want = []
    for gap in gaps[: int(np.argmin(small)) if not small.all() else len(gaps)]:
        ref.random(int(gap))
        want.append(ref.random())
    np.testing.assert_array_equal(by_table[: len(want)], want)  # and NumPy's own stream, where drawing it is quick
    assert pcg_jumps(rng) is pcg_jumps(np.random.default_rng(seed + 90))  # one table per stream, built once
    assert pcg_jumps(np.random.default_rng(seed + 91)) is not pcg_jumps(rng)
    assert not pcg_jumps(rng).flags.writeable


@pytest.mark.parametrize("seed", range(8))
def test_marketing_steps_over_the_uniforms_of_firms_that_have_not_noticed(seed: int) -> None:
    """Gated awareness: the pairs of firms that have not noticed the programme gain nothing, and
    stepping over their uniforms leaves the same awareness and the same stream as drawing them."""
    g = np.random.default_rng(500 + seed)
    P, W = int(g.integers(2, 14)), int(g.integers(1, 40))
    G = int(g.integers(0, P))
    reach = np.where(g.random(P * W) < 0.5, 1.0, 0.3)
    aware0, noticed0 = g.random(P * W) < 0.1, g.random(P - G) < 0.3
    bkm = (g.random(W), np.zeros(W), g.random(W), g.random(W))
    effort_rule, bass = (0.5, True, 2, 1.0, 0.2), (0.3, 0.4, 0.2, 1.0, 0.0, 0.1, 1e-9)
    out = []
    for words_of in (pcg_words, lambda _: NO_WORDS):
        rng = np.random.default_rng(seed)
        aware, noticed = aware0.copy(), noticed0.copy()
        index = all_pairs(P, W)
        partners = (index, reach, kernels.reach_sums(index, reach, G, W), aware, noticed, G, words_of(rng))
        kernels.marketing(rng, (*bkm, np.zeros(W), np.zeros(W)), partners, effort_rule, bass, (True, False))
        out.append((aware.reshape(P, W), noticed, rng.random()))
    (aware, noticed, after), (aware_b, noticed_b, after_b) = out
    np.testing.assert_array_equal(aware, aware_b)
    np.testing.assert_array_equal(noticed, noticed_b)
    assert after == after_b  # the same number of uniforms used either way
    quiet = np.r_[np.zeros(G, dtype=bool), ~noticed]
    np.testing.assert_array_equal(aware[quiet], aware0.reshape(P, W)[quiet])
    want = np.random.default_rng(seed)
    want.random(P - G + P * W)  # a uniform per firm, then one per pair
    assert after == want.random()


@pytest.mark.parametrize("seed", range(10))
def test_firms_notice_as_their_reach_weighted_mean_says_though_most_draws_skip_it(seed: int) -> None:
    """Gated awareness: a firm notices when its draw is below notice rate x the reach-weighted mean of
    its wards' marketing + forum awareness. Draws above a ceiling (the best ward's marketing) skip the
    mean; this checks that the skip changes nothing, with wards of equal marketing (a mean that may
    round above the best) among the cases."""
    from simulator.numerics import pairwise_sum

    g = np.random.default_rng(700 + seed)
    P, W = int(g.integers(3, 30)), int(g.integers(1, 60))
    G = int(g.integers(0, P - 1))
    reach = np.where(g.random(P * W) < 0.3, 1.0, 0.15)
    equal = seed % 2 == 0
    skill = np.full(W, 0.7) if equal else g.random(W)
    bkm = (skill, np.zeros(W), g.random(W), g.random(W))
    effort_rule = (0.9, False, 2, 1.0, 0.0)  # effort = 0.9 x skill, marketing = effort x skill
    notice_rate, forum = (1.0, 0.0) if equal else (float(g.uniform(0, 2)), float(g.uniform(0, 0.1)))
    bass = (0.3, 0.4, 0.2, 1.0, forum, notice_rate, 1e-9)
    index = all_pairs(P, W)
    noticed = np.zeros(P - G, dtype=bool)
    rng = np.random.default_rng(seed)
    partners = (index, reach, kernels.reach_sums(index, reach, G, W), np.zeros(P * W, bool), noticed, G, NO_WORDS)
    kernels.marketing(rng, (*bkm, np.zeros(W), np.zeros(W)), partners, effort_rule, bass, (True, True))
    mk = np.minimum(1.0, 0.9 * skill) * skill
    u = np.random.default_rng(seed).random(P - G)
    want = np.empty(P - G, dtype=bool)
    for f in range(P - G):
        r = reach[(G + f) * W : (G + f + 1) * W]
        seen = pairwise_sum(r * mk) / pairwise_sum(r)
        want[f] = u[f] < min(max(notice_rate * seen + forum, 0.0), 1.0)
    np.testing.assert_array_equal(noticed, want)


@pytest.mark.parametrize("seed", range(6))
def test_stable_order_by_counting_equals_numpy_s_stable_argsort(seed: int) -> None:
    from simulator.numerics import stable_order

    g = np.random.default_rng(seed)
    n_keys = int(g.integers(1, 30))
    keys = g.integers(0, n_keys, int(g.integers(0, 500))).astype(np.int64)
    np.testing.assert_array_equal(stable_order(keys, n_keys), np.argsort(keys, kind="stable"))


@pytest.mark.parametrize("n", [0, 1, 5, 63, 64, 65, 270, 1000, 5000])
def test_stable_argsort_of_floats_equals_numpy_s_stable_argsort(n: int) -> None:
    """numerics.stable_argsort (a radix sort from 64 keys) sorts as a stable sort: ties, zeros, infinities, NaN."""
    from simulator.numerics import stable_argsort

    g = np.random.default_rng(n)
    x = np.where(g.random(n) < 0.5, g.random(n), -g.logistic(size=n))  # as decisions ranks its asks
    special = x.copy()
    for every, value in ((3, 0.0), (5, -0.0), (7, np.inf), (11, -np.inf), (13, np.nan), (17, -np.nan), (19, 1e-310)):
        special[every - 2 :: every] = value
    for keys in (x, special, np.round(x, 1), np.full(n, 0.25), -np.abs(x), np.sort(x), np.sort(x)[::-1].copy()):
        np.testing.assert_array_equal(stable_argsort(keys), np.argsort(keys, kind="stable"))


def test_pair_ids_finds_pairs_of_partners_that_reach_every_ward_or_some() -> None:
    from simulator.model.kernels.pairs import find, pair_ids

    wards_of = [np.arange(6), np.array([1, 4]), np.arange(5), np.array([0, 1, 2, 5])]
    pairs = make_pairs([w.astype(np.int64) for w in wards_of], 6)
    p = np.array([0, 0, 1, 1, 2, 2, 3, 3, 1, 2], dtype=np.int64)
    w = np.array([0, 5, 1, 4, 0, 4, 2, 5, 3, 5], dtype=np.int64)
    want = [find(pairs.start, pairs.ward, int(a), int(b)) for a, b in zip(p, w, strict=True)]
    got = pair_ids(pairs.start, pairs.ward, p, w)
    np.testing.assert_array_equal(got, want)
    assert got[-2] == got[-1] == -1  # partner 1 does not reach ward 3, partner 2 not ward 5
    assert all(pairs.partner[k] == a and pairs.ward[k] == b for k, a, b in zip(got[:-2], p, w, strict=False))


@pytest.mark.parametrize("n", [0, 1, 7, 8, 9, 63, 64, 65, 17_575])
def test_flagged_lists_the_true_flags_in_order_as_flatnonzero(n: int) -> None:
    from simulator.numerics import flagged, flagged_any

    g = np.random.default_rng(n)
    for density in (0.0, 0.006, 0.3, 1.0):
        mask = g.random(n) < density
        np.testing.assert_array_equal(flagged(mask), np.flatnonzero(mask))
        a, b, c = (g.random(n) < density / 3 for _ in range(3))
        np.testing.assert_array_equal(flagged_any(a, b, c, mask), np.flatnonzero(a | b | c | mask))


def test_the_years_values_of_a_run_equal_the_phases_and_are_shared_by_the_runs_of_a_scenario() -> None:
    from simulator.model import phases
    from simulator.model import year as run_year

    m = PartnershipModel("kendal", rng=3)
    cols = run_year._per_year(m, 0, m.years)
    for i in range(m.years):
        lv = m._lever_sizes(m.year0 + i)
        due, p_turn = phases.turnover_year(m, i, lv)
        np.testing.assert_array_equal(cols[1][i], due)  # the run's own boards due
        assert cols[2][i] == p_turn
        assert cols[0][i] == phases.is_election(m, m.year0 + i)
        assert tuple(c[i] for c in cols[3:7]) == phases.marketing_year(m, i, m.year0 + i, lv)
    other = PartnershipModel(m.params, rng=4)
    again = run_year._per_year(other, 0, m.years)
    assert again[0] is cols[0] and again[2] is cols[2] and not again[2].flags.writeable  # computed once
    assert not np.array_equal(again[1], cols[1])  # the boards due are the run's
    changed = PartnershipModel(m.params.with_values({"bkm.turnover": 0.5}), rng=3)
    assert run_year._per_year(changed, 0, m.years)[2][0] == 0.5 != cols[2][0]
