"""The order of a simulated year, twice: phase by phase, and as one compiled call.

``by_phase`` calls each phase function of ``simulator.model.phases`` and ``partnering`` in
turn; it is the readable reference. ``fused`` builds the same phases' arguments, runs every
phase after politics in one call of ``kernels.year`` (the generator is handed to Numba once
a year instead of once a phase) and hands each phase's results to the same absorb functions
the phase functions use. ``ahead`` runs every year left, elections included, in one call of
``kernels.years`` when a run goes on to its end (``PartnershipModel.run_to_end``), which
returns the yearly numbers as one array (``ROW`` names its columns) and the events as one
log, so no Python runs per year but the statistics' hand-over. All give the same years
(``tests/test_kernels.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from simulator.model import kernels, observation, partnering, phases, setup
from simulator.model.kernels.delivery import RENEWAL_STRUCTURES
from simulator.model.state import END_REASONS, FloatArray, IntArray, Payment
from simulator.params import LEVER_COST_UNIT

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
    m.partnership_years += observation.live_per_ward(m)
    m.sustained_years += m.sustained
    return new, ended, None


def fused(m: PartnershipModel, t: int, year: int, lv: Mapping[str, float], ys: dict[str, float]) -> Any:
    """Year ``t`` after politics in one call of ``kernels.year``; returns the statistics' inputs."""
    return absorb(m, year, kernels.year(m.rng, t, *year_args(m, t, year, lv)), ys)


def ahead(m: PartnershipModel, t: int, year: int) -> dict[str, float]:
    """Year ``t``'s statistics, computed with the years to the end of the run in one call.

    For a run that goes on to its end (``PartnershipModel.run_to_end``): the first step
    runs every year left, politics included, in one call of ``kernels.years`` (the model's
    state is then that of the last year, and its events are logged), and each step takes its
    statistics in turn. The years are the same as :func:`fused` gives.
    """
    queue = m._ahead
    assert queue is not None, "years are computed ahead only in run_to_end"
    if not queue:
        table = stretch(m, t, year)
        m._collect_ahead(table)
        queue.extend(dict(zip(observation.NAMES, row, strict=True)) for row in table.tolist())
    return queue.popleft()


ROW = (
    "turnovers",
    "partnerships_ended_turnover",
    "plan_items_expired",
    "grant_spent",
    *partnering.COUNT_KEYS,
    *partnering.AID_SUM_KEYS,
    "reports_sent",
    "reports_missing",
    *phases.ASSET_SUM_KEYS,
    "partnerships_renewed",
    "partnerships_scaled_down",
    observation.STARTED,
    observation.ENDED,
    *observation.LIVE,
    *observation.STATE_COUNTS,
    *observation.STATE_MEANS,
)
"""The columns of a year's row of ``kernels.years`` (``kernels.year.year_row``), in order."""


def stretch(m: PartnershipModel, t: int, year: int) -> FloatArray:
    """Years ``t`` to the end of the run in one call, elections included; their statistics (years x ``NAMES``)."""
    setup.clear_year(m)
    lv = m._lever_sizes(year)
    stop = m.age0 + m.years
    rows, (log, when), (pending, reported, hist_n) = kernels.years(
        m.rng,
        t,
        *year_args(m, t, year, lv),
        _per_year(m, t, stop),
        (m._projects, m._inkind, m._touched),
        phases.politics_args(m),
    )
    m._pending, m.reported, m._hist_n = Payment(*pending), reported, hist_n
    observation.record_stretch(m, m.year0 + t, log, when)
    years = np.arange(m.year0 + t, m.year0 + stop)
    extra = (phases.elections(m, years), lever_costs(m, years))
    return observation.stats_table(m, (*ROW, "election", "lever_cost"), np.column_stack((rows, *extra)))


def lever_costs(m: PartnershipModel, years: IntArray) -> FloatArray:
    """What the levers cost in each of the calendar years (Rp million, all wards).

    A lever's unit cost is paid per ward or per regency (``params.LEVER_COST_UNIT``).
    """
    total = np.zeros(len(years))
    for name, size, start, cost in m._const("levers", m._levers):
        units = m.n_regions if LEVER_COST_UNIT[name] == "regency" else m.n_wards
        total = total + np.where(years >= start, size, 0.0) * cost * units  # added in order, as sum() adds
    return total


def _per_year(m: PartnershipModel, t: int, stop: int) -> tuple[Any, ...]:
    """The year-to-year values of ``kernels.years`` for steps ``t`` to ``stop - 1`` (two of them bool).

    Only the boards due for election depend on the run (its wards' election years); the other
    values depend on the scenario alone and are computed once for the runs of a scenario.
    """
    election, *rest = _scenario_years(m, t, stop)
    steps = np.arange(t, stop)[:, None]
    due = (steps > 0) & ((steps - m.election_offset) % m._i("bkm.term_years") == 0)  # turnover_year's, stacked
    return (election, due, *rest)


def _scenario_years(m: PartnershipModel, t: int, stop: int) -> tuple[Any, ...]:
    """:func:`_per_year`'s columns but the boards due, which depend on the scenario alone (built once for its runs)."""
    return m._const(("years", t, stop), lambda: _year_columns(m, t, stop))


def _year_columns(m: PartnershipModel, t: int, stop: int) -> tuple[Any, ...]:
    rows = []
    for s in range(t, stop):
        y = m.year0 + s
        lv = m._lever_sizes(y)
        election = bool(m.n_gov) and phases.is_election(m, y)
        _, p_turn = phases.turnover_year(m, s, lv)
        spending, push, facil_factor, forum = phases.marketing_year(m, s, y, lv)
        forum_gain, facilitation = partnering.ask_terms_year(m, s, y, lv)
        _, strengthening, train = phases.learning_year(m, s, y, lv)
        rows.append(
            (election, p_turn, spending, push, facil_factor, forum, forum_gain, facilitation, strengthening, train)
        )
    columns = tuple(np.array(column) for column in zip(*rows, strict=True))
    for column in columns:
        column.flags.writeable = False  # shared by the runs of the scenario
    return columns


def year_args(m: PartnershipModel, t: int, year: int, lv: Mapping[str, float]) -> tuple[Any, Any, Any]:
    """The arguments of ``kernels.year`` after the generator and the step."""
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
        tuple(m._pending),
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
    return before, middle, close


def absorb(m: PartnershipModel, year: int, out: Any, ys: dict[str, float]) -> Any:
    """Hand a year's results of ``kernels.year`` to the phases' absorb functions; returns the statistics' inputs."""
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
