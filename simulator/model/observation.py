"""What the model records and shows: the event log, the yearly statistics and the ward table."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

from simulator.model import kernels
from simulator.model.state import (
    ACCEPTED,
    EVENTS,
    LOG_STATUS,
    PARTNERSHIP_END,
    PROPOSAL,
    ROUTES,
    UNANSWERED,
    BoolArray,
    FloatArray,
    IntArray,
)
from simulator.params import AID_FORMS

if TYPE_CHECKING:
    from simulator.model.model import PartnershipModel


def record(
    m: PartnershipModel,
    year: int,
    event: int,
    w: IntArray,
    p: IntArray,
    f: IntArray,
    amount: FloatArray,
    status: int | IntArray,
    duration: FloatArray | None = None,
) -> None:
    """Append one kind of event (one element per ward-partner pair) to the model's log.

    Args:
        m: The model.
        year: Calendar year.
        event: Index into ``EVENTS``.
        w: Wards.
        p: Partners.
        f: Aid forms (index into ``AID_FORMS``).
        amount: Amounts (Rp million).
        status: Index into ``LOG_STATUS``, one for all or one per event.
        duration: Years a partnership lasted (zeros when None).
    """
    n = len(w)
    if n == 0:
        return
    log = m._log
    log["year"].append(np.full(n, year))
    log["event"].append(np.full(n, event))
    log["ward"].append(np.asarray(w))
    log["partner"].append(np.asarray(p))
    log["form"].append(np.asarray(f))
    log["amount"].append(np.asarray(amount, dtype=float))
    log["status"].append(np.broadcast_to(np.asarray(status), (n,)))
    log["duration"].append(np.zeros(n) if duration is None else np.asarray(duration, dtype=float))


def record_year(m: PartnershipModel, year: int, log: Any) -> None:
    """Append a year's events, already in log order, as ``kernels.year`` returns them."""
    n = len(log[0])
    if n == 0:
        return
    cols = m._log
    for key, column in zip(("event", "ward", "partner", "form", "amount", "status", "duration"), log, strict=True):
        cols[key].append(column)
    cols["year"].append(np.full(n, year))


def record_stretch(m: PartnershipModel, year: int, log: Any, when: IntArray) -> None:
    """Append the events of several years (``kernels.years``), ``when`` years after ``year`` each."""
    if len(when) == 0:
        return
    cols = m._log
    for key, column in zip(("event", "ward", "partner", "form", "amount", "status", "duration"), log, strict=True):
        cols[key].append(column)
    cols["year"].append(year + when)


def event_log(m: PartnershipModel) -> dict[str, np.ndarray]:
    """The proposal, delivery and partnership log as column arrays.

    Returns:
        Columns year, event, ward, partner, form, amount, status, duration
        (ward and partner are indices into ``bkms`` and ``partner_list``;
        form indexes ``AID_FORMS``; event and status are strings).
    """
    out = event_codes(m)
    if len(out["year"]):
        out["event"] = np.asarray(EVENTS, dtype=object)[out["event"]]
        out["status"] = np.asarray(LOG_STATUS, dtype=object)[out["status"]]
    return out


def event_codes(m: PartnershipModel, *, copy: bool = True) -> dict[str, np.ndarray]:
    """The log as :func:`event_log` gives it, with event and status as codes (``EVENTS``, ``LOG_STATUS``).

    With ``copy=False`` a column the model holds as one block (a run to its end) is that block
    itself, not a copy: read it, do not change it (the tables copy it when they join runs).
    """
    if not m._log["year"]:
        return {k: np.zeros(0) for k in m._log}
    return {k: v[0] if len(v) == 1 and not copy else np.concatenate(v) for k, v in m._log.items()}


_RECORD_LOG = ("event", "duration", "partner", "status")
"""The log columns :func:`run_records` reads."""


class RunParts(NamedTuple):
    """What the tables of a finished run read of its model, taken without computing anything.

    A batch takes these run after run and computes from them once its chunk of runs is done
    (:func:`run_records`, one compiled call for the chunk), not cold after each model. The
    arrays are the model's own: compute from them before stepping the model on.

    Attributes:
        stats: The statistics' row blocks, time 0 first (``PartnershipModel.statistics_blocks``).
        log: The blocks of the log's columns :func:`run_records` reads (as the model keeps them).
        partner: Each pair's partner.
        alive: Whether each pair's partnership is live.
        started: The programme year each pair's partnership started.
        sector: Each partner's sector (its index in ``ROUTES``).
        grant_spent: Grant spent per ward.
        grant_received: Grant received per ward.
        years_now: The programme year after the run's last.
    """

    stats: list[FloatArray]
    log: dict[str, list[np.ndarray]]
    partner: IntArray
    alive: BoolArray
    started: IntArray
    sector: IntArray
    grant_spent: FloatArray
    grant_received: FloatArray
    years_now: int


def run_parts(m: PartnershipModel) -> RunParts:
    """Take a finished model's :class:`RunParts` (references, no computation)."""
    return RunParts(
        m.statistics_blocks(),
        {k: list(m._log[k]) for k in _RECORD_LOG},
        m.pairs.partner,
        m.alive,
        m.started,
        m.sector,
        m.grant_spent,
        m.grant_received,
        m.steps - 1 + m.age0,
    )


def run_records(runs: Sequence[RunParts], long_years: float) -> dict[str, FloatArray]:
    """Finished runs' figures that need their logs and states, not only their yearly statistics.

    One compiled call for all the runs (``kernels.run_records``): a batch computes these once its
    chunk of runs is done.

    Args:
        runs: The runs' parts (:func:`run_parts`).
        long_years: Years from which an ended partnership counts as long.

    Returns:
        One value per run under each name: ``duration_median`` (ended and live partnerships; 0 if
        none), ``duration_mean`` and ``long_share`` (ended ones; NaN if none), ``grant_spent_share``
        (0 if no grant), and per route (``ROUTES``) ``partners_ROUTE`` (partners in a live
        partnership), ``sent_ROUTE``, ``answered_ROUTE`` and ``accepted_ROUTE`` (proposals).
    """

    def joined(arrays: list[np.ndarray], dtype: type) -> np.ndarray:
        return np.concatenate(arrays).astype(dtype, copy=False) if arrays else np.zeros(0, dtype=dtype)

    def offsets(sizes: Iterable[int]) -> IntArray:
        return np.concatenate(([0], np.cumsum(np.fromiter(sizes, dtype=np.int64, count=len(runs)))))

    log = [joined([b for p in runs for b in p.log[k]], float if k == "duration" else np.int64) for k in _RECORD_LOG]
    pair_at = offsets(len(p.alive) for p in runs)
    median, mean, long_share, spent, partners, sent, answered, accepted = kernels.run_records(
        (*log, offsets(sum(len(b) for b in p.log["event"]) for p in runs)),
        (PARTNERSHIP_END, PROPOSAL, UNANSWERED, ACCEPTED),
        (
            joined([p.partner for p in runs], np.int64),
            joined([p.alive for p in runs], np.bool_),
            joined([p.started for p in runs], np.int64),
            pair_at,
        ),
        (joined([p.sector for p in runs], np.int64), offsets(len(p.sector) for p in runs)),
        (
            joined([p.grant_spent for p in runs], float),
            joined([p.grant_received for p in runs], float),
            offsets(len(p.grant_spent) for p in runs),
        ),
        np.array([p.years_now for p in runs], dtype=np.int64),
        float(long_years),
        len(ROUTES),
    )
    out = {"duration_median": median, "duration_mean": mean, "long_share": long_share, "grant_spent_share": spent}
    for r, route in enumerate(ROUTES):
        out[f"partners_{route}"] = partners[:, r]
        out[f"sent_{route}"] = sent[:, r]
        out[f"answered_{route}"] = answered[:, r]
        out[f"accepted_{route}"] = accepted[:, r]
    return out


def live_per_ward(m: PartnershipModel) -> IntArray:
    """Each ward's number of live partnerships."""
    return np.bincount(m.pairs.ward[m.alive], minlength=m.n_wards)


def ward_trust(m: PartnershipModel) -> FloatArray:
    """Partners' mean trust in each BKM, over the partners that know its record.

    A partner knows a BKM's record once it has dealt with it or heard of its
    deliveries from other partners; a BKM no partner knows has baseline trust.
    """
    known = m.contact | m.heard
    ward, W = m.pairs.ward, m.n_wards
    n = np.bincount(ward[known], minlength=W)
    tot = np.bincount(ward, weights=np.where(known, m.trust_partner, 0.0), minlength=W)
    return np.where(n > 0, tot / np.maximum(n, 1), m._v("trust.initial"))


STATE_COUNTS = (
    "sustained_share",
    "partnerships_active",
    "partnerships_government",
    "partnerships_private",
    "wards_with_partnership",
    "firms_ever_partnered_share",
)
"""The first values ``kernels.observe`` returns, in order."""
STATE_MEANS = (
    "mean_trust_partner",
    "mean_trust_bkm",
    "mean_trust_partner_live",
    "mean_trust_bkm_live",
    "mean_trust_ward",
    "mean_capacity",
    "mean_managing_body",
    "mean_marketing_skill",
    "mean_condition",
    "assets_total",
    "mean_coverage",
    "mean_cash",
    "plan_backlog",
    "agencies_aware_share",
    "firms_aware_share",
)
"""The second values ``kernels.observe`` returns, in order."""


SOURCES = ("state", "year", "form", "started", "ended", "total")
"""Where a time-series value comes from (see ``_layout``)."""


def _layout() -> list[tuple[str, str, Any]]:
    """Each time-series column after ``wards``, in order, with where its value comes from.

    Sources (``SOURCES``): a value of ``kernels.observe``'s counts or means (by name), the
    year's counts and sums (``m._year_stats``, 0 when absent), live partnerships of an aid
    form (its index), the partnerships started, those ended, the total aid.
    """
    state, year, form_n, started, ended, total = SOURCES
    out: list[tuple[str, str, Any]] = []
    out += [(k, state, k) for k in ("sustained_share", "partnerships_active")]
    out += [(k, state, k) for k in ("partnerships_government", "partnerships_private")]
    out += [(f"partnerships_{form}", form_n, k) for k, form in enumerate(AID_FORMS)]
    out += [("partnerships_started", started, None), ("partnerships_ended", ended, None)]
    out += [(k, year, k) for k in ("partnerships_renewed", "partnerships_scaled_down")]
    out += [(k, year, k) for k in ("continuations_funded", "continuations_unfunded")]
    out += [(k, state, k) for k in ("wards_with_partnership", "firms_ever_partnered_share")]
    for route in ROUTES:
        out += [(f"proposals_{what}_{route}", year, f"proposals_{what}_{route}") for what in PROPOSAL_COUNTS]
        out += [(f"aid_committed_{route}", year, f"aid_committed_{route}")]
    out += [(f"aid_{form}", year, f"aid_{form}") for form in AID_FORMS]
    out += [("aid_total", total, None)]
    out += [(k, year, k) for k in ("aid_failed", "aid_rehabilitation", "grant_spent")]
    out += [(k, state, k) for k in ("mean_trust_partner", "mean_trust_bkm", "mean_trust_partner_live")]
    out += [(k, state, k) for k in ("mean_trust_bkm_live", "mean_trust_ward")]
    out += [(k, year, k) for k in ("reports_sent", "reports_missing")]
    out += [(k, state, k) for k in ("mean_capacity", "mean_managing_body", "mean_marketing_skill")]
    out += [(k, state, k) for k in ("mean_condition", "assets_total")]
    out += [(k, year, k) for k in ("fees_collected", "fees_potential", "upkeep_need", "upkeep_paid")]
    out += [(k, state, k) for k in ("mean_coverage", "mean_cash", "plan_backlog")]
    out += [(k, year, k) for k in ("plan_items_expired", "turnovers", "election")]
    out += [(k, state, k) for k in ("agencies_aware_share", "firms_aware_share")]
    out += [("lever_cost", year, "lever_cost")]
    return out


PROPOSAL_COUNTS = ("sent", "answered", "accepted", "no_budget")
"""What the proposals' columns count per route (``proposals_<count>_<route>``)."""
AID_KEYS = tuple(f"aid_{form}" for form in AID_FORMS)
LAYOUT = _layout()
"""The time series' columns after ``wards``, in order, and where each value comes from."""


STARTED, ENDED = "_started", "_ended"
"""The names of a year's partnerships started and ended at renewal among :func:`stats_table`'s values."""
LIVE = tuple(f"_live_{form}" for form in AID_FORMS)
"""The names of a year's live partnerships per aid form among :func:`stats_table`'s values."""
NAMES = ("wards", *(key for key, _, _ in LAYOUT))
"""The time series' columns, in order: what :func:`stats_table` returns."""


def observe(m: PartnershipModel, new: int, ended: int, values: Any = None) -> None:
    """Compute the year's observations into ``m.stats`` (one value per time-series column).

    Values computed from the state come from ``kernels.observe`` (``values``, when the caller
    has already computed them); the rest are the year's counts and sums the phases left in
    ``m._year_stats`` (see ``LAYOUT``).
    """
    per_form, c, mean = kernels.observe(*observe_args(m)) if values is None else values
    ys = m._year_stats
    names = (*ys, *STATE_COUNTS, *STATE_MEANS, *LIVE, STARTED, ENDED)
    row = np.array([[*ys.values(), *c, *mean, *per_form, new, ended]], dtype=float)
    m.stats = dict(zip(NAMES, stats_table(m, names, row)[0].tolist(), strict=True))


def stats_table(m: PartnershipModel, names: tuple[str, ...], values: FloatArray) -> FloatArray:
    """The time series' values of one year or more, one row per year (columns ``NAMES``, see ``LAYOUT``).

    Args:
        m: The model.
        names: What each column of ``values`` holds: the state's counts and means
            (``STATE_COUNTS``, ``STATE_MEANS``), the year's counts and sums by their
            statistic's name (one missing here is 0), live partnerships per aid form
            (``LIVE``), partnerships started (``STARTED``) and ended at renewal (``ENDED``;
            those the new boards dropped are ``partnerships_ended_turnover``).
        values: One row per year, one column per name.

    Returns:
        The (years x ``NAMES``) table.
    """
    take, total, ended = _plan(names)
    n, k = values.shape
    a = np.empty((n, k + 2))
    a[:, :k] = values
    a[:, k] = 0.0  # a value that is not among the names
    a[:, k + 1] = float(m.n_wards)
    out = a[:, take]
    s = np.zeros(n)
    for j in total[1]:
        s = s + out[:, j]  # added in order from 0, as Python's sum adds
    out[:, total[0]] = s
    out[:, ended[0]] = a[:, ended[1]] + a[:, ended[2]]
    return out


@functools.cache  # one plan per set of names: a handful per process
def _plan(names: tuple[str, ...]) -> tuple[IntArray, tuple[int, list[int]], tuple[int, int, int]]:
    """Which of ``names`` (and of the two extra columns: 0, wards) each of ``NAMES`` takes."""
    at = {name: i for i, name in enumerate(names)}
    zero, wards = len(names), len(names) + 1
    state, year, form, started, _, _ = SOURCES
    take = [wards]
    for _, source, ref in LAYOUT:
        if source is state or source is year:
            take.append(at.get(ref, zero))
        elif source is form:
            take.append(at[LIVE[ref]])
        elif source is started:
            take.append(at[STARTED])
        else:  # computed below: the total aid, the partnerships ended
            take.append(zero)
    col = {name: j for j, name in enumerate(NAMES)}
    end_col = col["partnerships_ended"]
    sums = (col["aid_total"], [col[k] for k in AID_KEYS])
    return np.array(take), sums, (end_col, at[ENDED], at.get("partnerships_ended_turnover", zero))


def observe_args(m: PartnershipModel) -> tuple[Any, ...]:
    """The arguments of ``kernels.observe``."""
    return (
        (m.pairs, m.alive, m.contact, m.heard, m.aware, m.last_form, m.trust_partner, m.trust_bkm, m.reach),
        (m.sustained, m.capacity, m.managing_body, m.skill, m.assets, m.condition, m.coverage, m.cash),
        m.backlog,
        m.ever_partnered,
        m.n_gov,
        m._v("trust.initial"),
        m.in_reach,
    )


def ward_table(m: PartnershipModel) -> dict[str, list[Any]]:
    """Current per-ward state as columns (for tables and the dashboard)."""
    return {k: v if isinstance(v, list) else v.tolist() for k, v in ward_columns(m).items()}


def ward_columns(m: PartnershipModel) -> dict[str, Any]:
    """:func:`ward_table` with its numbers as NumPy arrays (copies) and its text as lists of strings."""
    return {
        "ward": list(m.ward_names),
        "regency": list(m.ward_regency),
        "maturity_start": list(m.maturity0),
        "capacity": m.capacity.copy(),
        "marketing_skill": m.skill.copy(),
        "coordination": m.coordination.copy(),
        "managing_body": m.managing_body.copy(),
        "market_access": m.market_access.copy(),
        "trust": m.ward_trust(),
        "assets": m.assets.copy(),
        "condition": m.condition.copy(),
        "cash": m.cash.copy(),
        "coverage": m.coverage.copy(),
        "sustained": m.sustained.copy(),
        "partnerships": live_per_ward(m),
        "partnership_years": m.partnership_years.copy(),
        "sustained_years": m.sustained_years.copy(),
        "aid_received": m.aid_received.copy(),
        "fees_collected": m.fees_total.copy(),
        "grant_received": m.grant_received.copy(),
        "grant_spent": m.grant_spent.copy(),
        "plan_backlog": m.backlog.sum(1),
        "turnovers": m.turnovers.copy(),
    }
