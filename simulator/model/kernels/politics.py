"""A regional election: agencies' priorities, budgets, mandates and awareness.

See ``simulator.model.kernels`` for what every kernel promises. The budget split raises
``e`` to the priorities with the C library's ``exp``, which may round differently in the
last bit from NumPy's vectorised ``exp``; the model's budgets (at set-up and at every
election) all come from :func:`gov_budgets`, so they agree with each other.
"""

from __future__ import annotations

import numpy as np

from simulator.model.kernels._jit import njit
from simulator.model.state import N_FORMS, BoolArray, FloatArray, IntArray


@njit
def gov_budgets(
    priority: FloatArray, region: IntArray, region_budget: FloatArray, budget: FloatArray, n_regions: int
) -> None:
    """Split each region's community budget among its agencies in proportion to exp(priority) (in place).

    ``priority``, ``region`` and ``budget`` are the agencies' (``budget`` may be longer:
    its first elements are the agencies'); ``region_budget`` is per region.
    """
    G = len(region)
    weight = np.empty(G)
    total = np.zeros(n_regions)
    for g in range(G):  # as np.bincount(region, weights=exp(priority)) adds, agency by agency
        weight[g] = np.exp(priority[g])
        total[region[g]] += weight[g]
    for g in range(G):
        budget[g] = region_budget[region[g]] * weight[g] / total[region[g]]


@njit
def draw_mandates(rng: np.random.Generator, who: IntArray, pref_p: FloatArray, unpreferred: float) -> FloatArray:
    """Preferred aid forms of the partners ``who``, as fit values (1 preferred, else ``unpreferred``).

    Draws: one uniform per partner and aid form (row by row) against the partner's
    ``pref_p``; then, for each partner that preferred none, one integer in ``[0, N_FORMS)``
    picks the form it prefers.
    """
    n = len(who)
    preferred = np.empty((n, N_FORMS), dtype=np.bool_)
    for i in range(n):
        for f in range(N_FORMS):
            preferred[i, f] = rng.random() < pref_p[who[i]]
    for i in range(n):
        if not preferred[i].any():
            preferred[i, rng.integers(0, N_FORMS)] = True
    fit = np.empty((n, N_FORMS))
    for i in range(n):
        for f in range(N_FORMS):
            fit[i, f] = 1.0 if preferred[i, f] else unpreferred
    return fit


@njit
def politics(
    rng: np.random.Generator,
    gov: tuple[FloatArray, float, IntArray, FloatArray, FloatArray, int],
    mandates: tuple[FloatArray, FloatArray, float, float],
    awareness: tuple[BoolArray, BoolArray, int, float],
) -> None:
    """An election among the agencies (in place); see ``phases.politics``.

    ``gov`` is (priority, its spread, the agencies' regions, each region's budget, budget,
    number of regions); ``mandates`` (fit by partner and aid form, chance of preferring a
    form, chance that an agency's mandate changes, fit of an unpreferred form);
    ``awareness`` (aware, alive, number of the agencies' pairs, which come first, chance of
    forgetting a ward). Draws: one normal per agency (its priority), one uniform per agency
    (mandate change), :func:`draw_mandates` for those that change, one uniform per agency
    pair (forgetting; a live partnership is not forgotten).
    """
    priority, spread, region, region_budget, budget, n_regions = gov
    fit, pref_p, change_p, unpreferred = mandates
    aware, alive, k_gov, p_loss = awareness
    G = len(region)
    for g in range(G):
        priority[g] = rng.normal(0.0, spread)
    gov_budgets(priority, region, region_budget, budget, n_regions)
    change = np.zeros(G, dtype=np.bool_)
    for g in range(G):
        change[g] = rng.random() < change_p
    who = np.nonzero(change)[0]
    if len(who):
        new = draw_mandates(rng, who, pref_p, unpreferred)
        for i in range(len(who)):
            fit[who[i]] = new[i]
    for k in range(k_gov):
        u = rng.random()  # drawn for every pair, as the stream was drawn before the test
        if aware[k] and not alive[k] and u < p_loss:
            aware[k] = False
