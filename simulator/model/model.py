"""``PartnershipModel``: wards' BKMs, government agencies and CSR firms over the years.

One step is one year. Within a year the phases run in this order (MODEL_BRIEF
sections 3 and 4b, ``docs/ODD.md`` section 3):

1. politics: in an election year agencies' priorities, budgets, mandates and
   awareness are reshuffled; BKM boards due for election may turn over;
2. plan: the 5-year plan (RTPLP) is renewed when due (unfunded items expire),
   otherwise a few items are added;
3. grant: the BLM tranche of the year (planning, marketing, implementation);
4. marketing: institutions become aware of wards' programmes (Bass diffusion);
5. proposals: each BKM picks unfunded plan items, their aid form and a partner
   (which fixes the route: government or private);
6. decisions: agencies rank the year's proposals in the musrenbang and budget
   round; firms decide as proposals come; accepted proposals start partnerships;
7. delivery: aid due this year arrives and succeeds or fails; trust learns and
   the news spreads to partners of the same region (reputation);
8. reporting: BKMs report to their live partners; trust learns;
9. learning: capacity, managing body, trust forgetting, awareness forgetting;
10. assets: fees from users, self-help, upkeep, repair and wear; programme status;
11. partnerships: each partner renews, scales down or leaves each live partnership
    (or, under ``structure.renewal = "lapse"``, a lapse rule ends them);
12. observation.

State that pairs a ward with a partner (awareness, trust, live partnerships) is
held in flat NumPy arrays on the model, one element per pair in the partner's
reach (``m.pairs``); the agents in ``simulator.model.agents`` are the readable
owners of their elements.
Every number the model uses is read from the parameter registry.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Hashable, Iterator, Mapping
from typing import Any

import mesa
import numpy as np
from mesa.experimental.scenarios import Scenario as MesaScenario

from simulator.model import observation, phases, setup
from simulator.model import year as run_year
from simulator.model.agents import BKM, Partner
from simulator.model.state import BoolArray, FloatArray, IntArray, Pairs, Payment
from simulator.params import LEVERS
from simulator.scenario import Scenario, load_scenario


class PartnershipModel(mesa.Model):
    """Partnerships that keep PLPBK community programmes alive.

    Args:
        scenario: A :class:`~simulator.scenario.Scenario`, a scenario file path or
            preset name, or None for the built-in baseline.
        rng: Seed or generator for all randomness (Mesa convention).
        **overrides: Single parameters by keyword name (``trust_initial=0.6``),
            as ``mesa.batch_run`` and SolaraViz pass them.

    Attributes:
        params: The resolved, validated scenario.
        years: Number of years the model runs before ``running`` turns False.
        stats: The latest year's observations (one value per time-series column).
    """

    # The model's state, created by ``simulator.model.setup`` and changed by the phases
    # (``phases``, ``partnering``) and observed by ``observation``. Arrays are indexed by
    # ward (W), by partner (P: agencies first, then firms) or by pair in reach (``pairs``).
    # sizes and structure
    n_wards: int
    n_regions: int
    n_gov: int
    n_firms: int
    n_partners: int
    ward_names: tuple[str, ...]
    ward_regency: tuple[str, ...]
    partner_names: tuple[str, ...]
    partner_kind: tuple[str, ...]
    maturity0: list[str]
    structure: dict[str, str]
    # wards (W): the BKM and its programme
    region: IntArray
    plan_items: IntArray
    grant_scale: FloatArray
    grant_marketing: FloatArray
    election_offset: IntArray
    capacity: FloatArray
    skill: FloatArray
    coordination: FloatArray
    mb_base: FloatArray
    managing_body: FloatArray
    market_access: FloatArray
    backlog: IntArray
    marketing: FloatArray
    marketing_effort: FloatArray
    event_boost: FloatArray
    cash: FloatArray
    assets: FloatArray
    condition: FloatArray
    coverage: FloatArray
    sustained: BoolArray
    # wards (W): totals and ledgers over the run
    partnership_years: FloatArray
    sustained_years: FloatArray
    aid_received: FloatArray
    grant_received: FloatArray
    grant_spent: FloatArray
    fees_total: FloatArray
    rehab_total: FloatArray
    cash_in: FloatArray
    cash_out: FloatArray
    built_total: FloatArray
    turnovers: IntArray
    # partners (P)
    sector: IntArray
    partner_region: IntArray
    gov_region_budget: FloatArray
    priority: FloatArray
    budget: FloatArray
    budget_left: FloatArray
    responsiveness: FloatArray
    base_bias: FloatArray
    ceiling: FloatArray
    pref_p: FloatArray
    fit: FloatArray
    aid_given: FloatArray
    ever_partnered: BoolArray
    noticed: BoolArray  # firms (F): the CSR desk has taken notice of the programme (structure.awareness)
    # partner x ward pairs in reach (``state.Pairs``): the pair state holds one element per pair
    pairs: Pairs
    reach: FloatArray
    region_pairs: IntArray  # each ward's pairs grouped by their partner's region (``kernels.region_groups``)
    region_keys: IntArray  # those pairs' partners' regions, ascending within each ward
    aware: BoolArray
    contact: BoolArray
    heard: BoolArray
    trust_partner: FloatArray
    trust_bkm: FloatArray
    alive: BoolArray
    scale: FloatArray
    started: IntArray
    last_active: IntArray
    last_form: IntArray
    reported: BoolArray
    committed: BoolArray
    # the year's scratch state (reset at the start of each step), the log, the observations
    _projects: FloatArray
    _inkind: FloatArray
    _touched: BoolArray
    _need_hist: FloatArray
    _paid_hist: FloatArray
    _hist_n: int
    _pending: Payment
    _log: dict[str, list[Any]]
    _year_stats: dict[str, float]
    stats: dict[str, float]
    _floats: tuple[Any, dict[str, float], dict[Hashable, Any]] = (None, {}, {})
    _fused = True  # step() runs the middle of the year as one compiled call (see step_by_phase)
    _ahead: deque[Any] | None = None  # years computed ahead, when running to the end (run_to_end)
    _collected = 0  # steps ahead whose statistics the data collector holds already (_collect_ahead)
    _stat_rows: list[FloatArray]  # the data collector's values as row blocks, columns observation.NAMES (statistics)

    def __init__(self, scenario: Scenario | str | None = None, *, rng: Any = None, **overrides: Any) -> None:
        """Create the model; see the class docstring for the arguments."""
        if isinstance(scenario, MesaScenario):
            # Mesa's own SolaraViz passes a mesa Scenario on Reset: its rng seeds the run and its
            # other settings are parameter overrides (dotted names with "_" for ".", as sliders give)
            given = {k: v for k, v in vars(scenario).items() if k not in ("rng", "model") and not k.startswith("_")}
            rng = scenario.rng if rng is None else rng
            overrides = {**given, **overrides}
            scenario = None
        super().__init__(rng=rng)
        sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
        self.params: Scenario = sc.with_values(overrides, origin="PartnershipModel") if overrides else sc
        v = self.params.values
        self.years = int(v["time.years"])
        self.start_year = int(v["time.start_year"])
        # programme years before the run: a run from a ward status starts that far into the programme;
        # the step's programme time t counts from the programme's start, so its calendars follow its age
        self.age0 = max(0, self.start_year - int(v["time.grant_year"])) if self.params.from_status else 0
        self.year0 = self.start_year - self.age0  # the calendar year of programme time 0
        self.structure = dict(
            self._const(
                "structure", lambda: {k.split(".", 1)[1]: str(x) for k, x in v.items() if k.startswith("structure.")}
            )
        )
        with _interrupt_after():  # set-up calls compiled kernels too (see ``step``)
            setup.init_wards(self)
            setup.init_partners(self)
            setup.init_state(self)
            setup.init_status(self)
            self.stats = {}
            observation.observe(self, new=0, ended=0)
        self.datacollector = mesa.DataCollector(
            model_reporters={name: _stat(name) for name in self.stats},
        )
        self._stat_rows = []
        self._collect()  # the reporters only read ``stats``: no need for Mesa's checks and copies

    # ------------------------------------------------------------------ the agents

    # The Mesa agents are views of the arrays (``simulator.model.agents``): they are created when
    # first asked for, through these accessors, so runs that only read the tables (batches,
    # ``simulator.run``) do not build some hundreds of objects each. Ids and order are those of
    # agents created in ``__init__``: BKMs (1..W), then agencies and firms.
    _agents_made: tuple[list[BKM], list[Partner]] | None = None

    def _made(self) -> tuple[list[BKM], list[Partner]]:
        if self._agents_made is None:
            self._agents_made = ([], [])  # set first: creating them registers them (register_agent)
            bkms, partners = setup.create_agents(self)
            self._agents_made = (bkms, partners)
        return self._agents_made

    @property
    def bkms(self) -> list[BKM]:
        """The BKM agents, one per ward, in ward order."""
        return self._made()[0]

    @property
    def partner_list(self) -> list[Partner]:
        """The partner agents: agencies, then firms, in partner order."""
        return self._made()[1]

    @property
    def agents(self) -> Any:
        """Mesa's set of all agents (see ``mesa.Model.agents``)."""
        self._made()
        return mesa.Model.agents.fget(self)

    @property
    def agents_by_type(self) -> Any:
        """Mesa's agent sets by type (see ``mesa.Model.agents_by_type``)."""
        self._made()
        return mesa.Model.agents_by_type.fget(self)

    @property
    def agent_types(self) -> list[type]:
        """The agent types of the model (see ``mesa.Model.agent_types``)."""
        self._made()
        return mesa.Model.agent_types.fget(self)

    def register_agent(self, agent: Any) -> None:
        """Register an agent (Mesa); the model's own agents are created first, so their ids stay 1, 2, ..."""
        self._made()
        super().register_agent(agent)

    def remove_all_agents(self) -> None:
        """Remove every agent (Mesa), the model's own included."""
        self._made()
        super().remove_all_agents()

    # ------------------------------------------------------------------ parameters

    def _v(self, name: str) -> float:
        # the scenario's numbers as floats, converted once per scenario (phases read ~100 a year)
        if self._floats[0] is not self.params:
            self._refresh()
        return self._floats[1][name]

    def _const(self, key: Hashable, make: Callable[[], Any]) -> Any:
        # what ``make`` builds from the scenario's values alone (a phase's parameter tuple, a run's
        # year-to-year values), built once per scenario and shared by its runs (``_SCENARIOS``):
        # the phases' argument functions call this every year
        if self._floats[0] is not self.params:
            self._refresh()
        made = self._floats[2]
        if key not in made:
            made[key] = make()
        return made[key]

    def _levers(self) -> list[tuple[str, float, float, float]]:
        # each lever's name, size, first year and unit cost
        return [(n, self._v(f"levers.{n}"), self._v(f"levers.{n}_start"), self._v(f"levers.{n}_cost")) for n in LEVERS]

    def _refresh(self) -> None:
        hit = _SCENARIOS.get(id(self.params))
        if hit is None or hit[0] is not self.params:  # the scenario it holds keeps its id from being reused
            floats = {k: float(x) for k, x in self.params.values.items() if not isinstance(x, str)}
            if len(_SCENARIOS) >= 2:  # the runs of a scenario, or of two compared
                _SCENARIOS.clear()
            hit = _SCENARIOS[id(self.params)] = (self.params, floats, {})
        self._floats = hit

    def _i(self, name: str) -> int:
        return int(self.params.values[name])

    # ------------------------------------------------------------------ the year

    def step(self) -> None:
        """Simulate one year (see the module docstring for the phase order).

        A Ctrl-C (SIGINT) that arrives during the year is held and raised as
        ``KeyboardInterrupt`` once the year is done: raised inside the call of a compiled
        kernel it would leave Numba with an exception it does not expect (an error, or a crash).
        """
        if self._ahead:  # computed already: no kernel runs this year
            self._year(fused=self._fused)
            return
        with _interrupt_after():
            self._year(fused=self._fused)

    def step_by_phase(self) -> None:
        """Simulate one year calling each phase function in turn (the reference for ``step``).

        ``step`` runs decisions, delivery, reporting, learning and assets in one compiled
        call; this runs the same kernels one phase at a time, and gives the same results.
        """
        self._fused = False
        try:
            self.step()  # through Mesa, which advances the model's time
        finally:
            self._fused = True

    def run_to_end(self) -> None:
        """Step the model until it stops, computing every year left in one compiled call.

        The years are the same as ``step`` gives them one by one (``tests/test_kernels.py``),
        but after the first step the model's state arrays are those of the last year, ahead
        of ``steps``: use this to finish a run, and ``step`` to look at the state year by year.
        """
        self._ahead = deque()
        try:
            while self.running:
                self.step()
        finally:
            self._ahead = None
            if self._collected:  # stopped early: drop the statistics of the steps not taken
                dc, n = self.datacollector, self._collected
                del dc._collection_steps[-n:]
                for values in dc.model_vars.values():
                    del values[-n:]
                self._stat_rows[-1] = self._stat_rows[-1][:-n]  # the block _collect_ahead added
                self._collected = 0

    def _lever_sizes(self, year: int) -> dict[str, float]:
        """Each lever's size in a calendar year (0 before it starts)."""
        return {name: (size if year >= start else 0.0) for name, size, start, _ in self._const("levers", self._levers)}

    def _year(self, fused: bool) -> None:
        t = self.steps - 1 + self.age0
        year = self.year0 + t
        if fused and self._ahead is not None:
            self.stats = run_year.ahead(self, t, year)
        else:
            setup.clear_year(self)
            ys: dict[str, float] = {}
            phases.politics(self, year, ys)
            step = run_year.fused if fused else run_year.by_phase
            new, ended, seen = step(self, t, year, self._lever_sizes(year), ys)
            ys["lever_cost"] = float(run_year.lever_costs(self, np.array([year]))[0])
            self._year_stats = ys
            observation.observe(self, new=new, ended=ended, values=seen)
        if self._collected:
            self._collected -= 1
        else:
            self._collect()
        if self.steps >= self.years:
            self.running = False

    def _collect(self) -> None:
        # What ``DataCollector.collect`` does for this model's reporters (each reads one float
        # of ``stats``), without a reporter call and a deepcopy per value.
        dc = self.datacollector
        dc._collection_steps.append(self.time)
        mv = dc.model_vars
        for name, value in self.stats.items():
            mv[name].append(value)
        self._stat_rows.append(np.array([list(self.stats.values())]))

    def _collect_ahead(self, table: FloatArray) -> None:
        # The statistics of this step and the steps after it (one row each, columns ``NAMES``)
        # into the data collector in one pass, each at the time its step will have; those
        # steps then skip ``_collect`` (the first step of ``run_to_end`` computes them all).
        dc = self.datacollector
        n = len(table)
        dc._collection_steps.extend(self.time + i for i in range(n))
        for values, name in zip(table.T.tolist(), observation.NAMES, strict=True):
            dc.model_vars[name].extend(values)
        self._stat_rows.append(table)
        self._collected = n

    def statistics(self) -> FloatArray:
        """The data collector's values as one array: a row per collection (time 0 first), columns ``observation.NAMES``.

        The same values as ``datacollector.get_model_vars_dataframe()``, without building a DataFrame.
        """
        blocks = self.statistics_blocks()
        return blocks[0] if len(blocks) == 1 else np.concatenate(blocks)

    def statistics_blocks(self) -> list[FloatArray]:
        """:meth:`statistics` as the blocks of rows the model collected them in (a year, or years ahead)."""
        mv = self.datacollector.model_vars
        if sum(len(b) for b in self._stat_rows) != len(next(iter(mv.values()))):  # collected by other means too
            return [np.array(list(mv.values()), dtype=float).T]
        return list(self._stat_rows)

    def _facilitation(self, t: int, year: int, lv: Mapping[str, float]) -> float:
        during = t < self._v("programme.facilitation_years")
        base = self._v("programme.facilitation_during") if during else self._v("programme.facilitation_after")
        if self.params.values["programme.kotaku"] and year >= self._v("programme.kotaku_year"):
            base = max(base, self._v("programme.kotaku_facilitation"))
        return min(1.0, base + lv["facilitation"])

    # ------------------------------------------------------------------ observation

    def event_log(self) -> dict[str, Any]:
        """The proposal, delivery and partnership log as column arrays (see ``observation.event_log``)."""
        return observation.event_log(self)

    def ward_trust(self) -> FloatArray:
        """Partners' mean trust in each BKM, over the partners that know its record."""
        return observation.ward_trust(self)

    def ward_table(self) -> dict[str, list[Any]]:
        """Current per-ward state as columns (for tables and the dashboard)."""
        return observation.ward_table(self)


@contextlib.contextmanager
def _interrupt_after() -> Iterator[None]:
    """Hold SIGINT while the block runs (main thread, default handler only), then raise it."""
    if threading.current_thread() is not threading.main_thread():
        yield  # Python runs signal handlers in the main thread only
        return
    if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        yield  # someone else's handler: leave it alone
        return
    held: list[int] = []
    signal.signal(signal.SIGINT, lambda signum, _frame: held.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    if held:
        raise KeyboardInterrupt


def compile_kernels() -> float:
    """Compile every kernel (or load it from the on-disk cache) by running the baseline twice (stepped, and to its end).

    Returns:
        The seconds it took: about 60 on a cold cache, 1 to 2 when the kernels are cached.
    """
    start = time.perf_counter()
    model = PartnershipModel(None, rng=0)
    while model.running:
        model.step()  # year by year (kernels.year)
    PartnershipModel(None, rng=0).run_to_end()  # and ahead (kernels.years)
    observation.run_records([observation.run_parts(model)], model.years)  # what the tables take of a run
    return time.perf_counter() - start


_SCENARIOS: dict[int, tuple[Scenario, dict[str, float], dict[Hashable, Any]]] = {}
"""The last scenarios' numbers as floats and what ``PartnershipModel._const`` built from them, by the
scenario's id; each entry holds its scenario. Read only: shared by the runs of a scenario."""


def _stat(name: str) -> Any:
    def reporter(model: PartnershipModel) -> float:
        return model.stats[name]

    reporter.__name__ = name
    return reporter
