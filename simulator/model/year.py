"""The order of a simulated year, twice: phase by phase, and as one compiled call.

``by_phase`` calls each phase function of ``simulator.model.phases`` and ``partnering`` in
turn; it is the readable reference. ``fused`` builds the same phases' arguments, runs every
phase after politics in one call of ``kernels.year`` (the generator is handed to Numba once
a year instead of once a phase) and hands each phase's results to the same absorb functions
the phase functions use. Both give the same years (``tests/test_kernels.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from simulator.model import kernels, observation, partnering, phases
from simulator.model.kernels.delivery import RENEWAL_STRUCTURES
from simulator.model.state import END_REASONS

if TYPE_CHECKING:
    from simulator.model.model import PartnershipModel


def by_phase(m: PartnershipModel, t: int, year: int, lv: Mapping[str, float], ys: dict[str, float]) -> Any:
    """Year ``t`` after politics, one phase function after another; returns the statistics' inputs."""
    phases.bkm_elections(m, t, lv, ys)
    phases.plan(m, t, ys)
    m.budget_left[:] = m.budget
    phases.grant(m, t, ys)
    phases.marketing(m, t, year, lv)
    new = partnering.decisions(m, t, year, lv, partnering.asks(m), ys)
    partnering.delivery(m, t, year, ys)
    partnering.reporting(m, ys)
    phases.learning(m, t, year, lv)
    phases.assets(m, ys)
    ended = partnering.partnerships(m, t, year, ys)
    m.partnership_years += np.bincount(m.pairs.ward[m.alive], minlength=m.n_wards)
    m.sustained_years += m.sustained
    return new, ended, None


def fused(m: PartnershipModel, t: int, year: int, lv: Mapping[str, float], ys: dict[str, float]) -> Any:
    """Year ``t`` after politics in one call of ``kernels.year``; returns the statistics' inputs."""
    ending = (m.pairs, m.alive, m.scale, m.committed, m.started, m.last_form)
    pairs, *rest = partnering.partnership_args(m)
    before = (
        phases.turnover_args(m, t, lv),
        END_REASONS.index("board turnover"),
        phases.plan_args(m),
        (m.budget, m.budget_left),
        phases.grant_args(m),
        phases.marketing_args(m, t, year, lv),
        partnering.asks_args(m),
    )
    middle = (
        partnering.ask_terms_args(m, t, year, lv),
        partnering.decision_rest(m, t),
        m._pending,
        partnering.delivery_args(m),
        partnering.reporting_args(m),
        phases.learning_args(m, t, year, lv),
        phases.assets_args(m),
    )
    close = (
        (RENEWAL_STRUCTURES.index(m.structure["renewal"]), pairs, tuple(rest)),
        ending,
        (m.partnership_years, m.sustained_years, m.alive, m.pairs.ward, m.sustained),
        observation.observe_args(m),
    )
    out = kernels.year(m.rng, t, before, middle, close)
    turn, n_board, expired, spent, made, paid, reported, kept, renewed, scaled, n_ended, seen, log = out
    observation.record_year(m, year, log)
    ys["turnovers"] = float(turn.sum())
    ys["partnerships_ended_turnover"] = float(n_board)
    ys["plan_items_expired"], ys["grant_spent"] = expired, spent
    new = partnering.count_decisions(made, ys)
    partnering.absorb_delivery(m, year, paid, ys, log=False)
    partnering.absorb_reporting(m, reported, ys)
    phases.absorb_assets(m, kept, ys)
    ys["partnerships_renewed"], ys["partnerships_scaled_down"] = float(renewed), float(scaled)
    return new, n_ended, seen
