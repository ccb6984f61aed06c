"""The three kinds of agent: BKM (one per ward), government agency, CSR firm.

Agents here are **views of the model's arrays**, not containers of their own
state: ``bkm.capacity`` reads ``model.capacity[bkm.idx]``, ``firm.trust_in(bkm)``
reads ``model.trust_partner[k]`` for the pair ``k`` of the firm and the ward (pair
arrays hold the pairs in the partner's reach, ``model.pairs``). The phases that
touch every ward-partner pair (awareness, proposals, trust, renewal) run on those
arrays (``simulator.model.phases`` and ``.partnering``), which is about 30 times
cheaper than activating thousands of agent objects a year (ENGINEERING.md section 2:
~5 µs per Mesa activation vs ~0.15 µs per NumPy element). The agents still exist
as Mesa agents, so ``model.agents_by_type``, SolaraViz and user code can find and
read them; their properties always show the live state. Holding no state, they are
created when first asked for (``PartnershipModel.bkms``, ``agents``, ...). This module does not
import ``model.py`` (only for type checking), as in Mesa's own examples.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

import mesa
from mesa.experimental.mesa_signals import ModelSignals

from simulator.model.kernels.pairs import pair_of
from simulator.params import AID_FORMS

if TYPE_CHECKING:
    from simulator.model.model import PartnershipModel


@contextlib.contextmanager
def unobserved_registration(model: mesa.Model) -> Iterator[None]:
    """Register the agents created in the block without Mesa's ``agent_added`` signal, when nobody observes it.

    ``mesa.Model.register_agent`` is wrapped to emit that signal (about 1 µs an agent of the ~2 µs
    an agent's creation costs). When nothing observes it, the agents are registered by the
    unwrapped method: the same ids, the same ``model.agents`` and ``agents_by_type``, only no
    signal that no one would receive. When something observes it (or Mesa no longer wraps the
    method), agents register as usual.
    """
    plain = getattr(mesa.Model.register_agent, "__wrapped__", None)
    if plain is None or ("agents", ModelSignals.AGENT_ADDED) in model.subscribers:
        yield
        return
    model.register_agent = plain.__get__(model)  # Agent.__init__ calls this one
    try:
        yield
    finally:
        del model.register_agent


class BKM(mesa.Agent):
    """A ward's community board (Badan Keswadayaan Masyarakat): the planner.

    It keeps a plan of unfunded items, sends proposals on the government and
    private routes, uses the aid it receives, collects user fees through its
    managing body and keeps its assets up.
    """

    model: PartnershipModel

    def __init__(self, model: PartnershipModel, idx: int, name: str, regency: str, region: int, maturity: str) -> None:
        """Create a BKM.

        Args:
            model: The model.
            idx: Row index in the model's ward arrays.
            name: Ward name.
            regency: Regency or city.
            region: Region index (agencies serve only their own region).
            maturity: Initial maturity level.
        """
        super().__init__(model)
        self.idx = idx
        self.name = name
        self.regency = regency
        self.region = region
        self.maturity = maturity

    @property
    def capacity(self) -> float:
        """Organisational capacity, 0..1."""
        return float(self.model.capacity[self.idx])

    @property
    def marketing_skill(self) -> float:
        """Skill of the marketing team, 0..1."""
        return float(self.model.skill[self.idx])

    @property
    def coordination(self) -> float:
        """Communication and coordination with government, 0..1."""
        return float(self.model.coordination[self.idx])

    @property
    def managing_body(self) -> float:
        """Managing-body effectiveness, 0..1."""
        return float(self.model.managing_body[self.idx])

    @property
    def market_access(self) -> float:
        """Market access of the ward's assets (location, buyers), 0..1."""
        return float(self.model.market_access[self.idx])

    @property
    def trust(self) -> float:
        """Partners' mean trust in this BKM, over the partners that know its record."""
        return float(self.model.ward_trust()[self.idx])

    @property
    def turnovers(self) -> int:
        """Board elections so far that turned the management team over."""
        return int(self.model.turnovers[self.idx])

    @property
    def cash(self) -> float:
        """Cash held, Rp million."""
        return float(self.model.cash[self.idx])

    @property
    def assets(self) -> float:
        """Value of the assets built, Rp million."""
        return float(self.model.assets[self.idx])

    @property
    def condition(self) -> float:
        """Asset condition, 0..1."""
        return float(self.model.condition[self.idx])

    @property
    def sustained(self) -> bool:
        """Whether the ward's programme is currently sustained."""
        return bool(self.model.sustained[self.idx])

    @property
    def plan_backlog(self) -> dict[str, int]:
        """Unfunded plan items by aid form."""
        return {f: int(n) for f, n in zip(AID_FORMS, self.model.backlog[self.idx], strict=True)}

    @property
    def partners(self) -> list[Partner]:
        """Partners with a live partnership with this BKM."""
        m = self.model
        mine = m.pairs.by_ward[m.pairs.wstart[self.idx] : m.pairs.wstart[self.idx + 1]]
        return [m.partner_list[p] for p in m.pairs.partner[mine[m.alive[mine]]]]

    def trust_in(self, partner: Partner) -> float:
        """This BKM's trust in a partner, 0..1 (the initial trust for a partner out of reach)."""
        k = pair_of(self.model.pairs, partner.idx, self.idx)
        return float(self.model.trust_bkm[k]) if k >= 0 else self.model._v("trust.initial")


class Partner(mesa.Agent):
    """A funding partner: a government agency or a CSR firm."""

    model: PartnershipModel
    sector: str = ""

    def __init__(self, model: PartnershipModel, idx: int, name: str, kind: str, region: int) -> None:
        """Create a partner.

        Args:
            model: The model.
            idx: Row index in the model's partner arrays.
            name: Display name.
            kind: Agency sector or firm kind.
            region: Home region index (an agency serves only its own; a firm prefers it).
        """
        super().__init__(model)
        self.idx = idx
        self.name = name
        self.kind = kind
        self.region = region

    @property
    def budget(self) -> float:
        """Yearly budget open to community proposals, Rp million."""
        return float(self.model.budget[self.idx])

    @property
    def budget_left(self) -> float:
        """Budget left this year, Rp million."""
        return float(self.model.budget_left[self.idx])

    @property
    def responsiveness(self) -> float:
        """Chance of answering a proposal at all."""
        return float(self.model.responsiveness[self.idx])

    @property
    def priority(self) -> float:
        """Priority for community proposals (logit shift; agencies redraw it at elections)."""
        return float(self.model.priority[self.idx])

    @property
    def preferred_forms(self) -> list[str]:
        """Aid forms this partner's mandate or CSR policy covers."""
        return [f for f, ok in zip(AID_FORMS, self.model.fit[self.idx] >= 1.0, strict=True) if ok]

    @property
    def aid_given(self) -> float:
        """Aid delivered so far, Rp million."""
        return float(self.model.aid_given[self.idx])

    def trust_in(self, bkm: BKM) -> float:
        """This partner's trust in a BKM, 0..1 (the initial trust for a BKM out of reach)."""
        k = pair_of(self.model.pairs, self.idx, bkm.idx)
        return float(self.model.trust_partner[k]) if k >= 0 else self.model._v("trust.initial")

    def aware_of(self, bkm: BKM) -> bool:
        """Whether this partner knows the BKM's programme (never one out of its reach)."""
        k = pair_of(self.model.pairs, self.idx, bkm.idx)
        return k >= 0 and bool(self.model.aware[k])


class GovernmentAgency(Partner):
    """A local-government agency: facilitates and funds through the planning cycle.

    Proposals it accepts in the yearly musrenbang and budget round are paid
    ``government.payment_lag`` years later (the APBD cycle). It serves only the
    wards of its own region; regional elections reshuffle its priority, budget
    share and mandate.
    """

    sector = "government"


class Firm(Partner):
    """A firm with a CSR budget, a home region and a kind (state, bank, resource, private).

    It decides within the year, if it knows the programme; it reaches wards
    outside its home region only weakly (``firms.outside_reach``).
    """

    sector = "private"
