"""A ward-status table from a model's state: each ward as it is in the model's current year.

:func:`status_table` gives the columns of a ward-status CSV file
(:func:`simulator.scenario.load_status_csv`), so a run can start from a simulated year: the
shipped ``kendal-2026`` and ``pekalongan-2026`` presets start from their presets' state in 2026
(``plpbk status``), until real data replace them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from simulator.model import mechanisms as mech
from simulator.params import MATURITY_BANDS, MATURITY_LEVELS

if TYPE_CHECKING:
    from simulator.model.model import PartnershipModel

COLUMNS = (
    "name",
    "regency",
    "bkm_status",
    "capacity",
    "managing_body",
    "marketing_skill",
    "coordination",
    "market_access",
    "fee_collection",
    "live_government",
    "live_private",
    "aware_government",
    "aware_private",
    "trust",
    "assets",
    "asset_condition",
    "cash",
    "plan_items",
    "lat",
    "lon",
)
"""The columns of a ward-status CSV file, in the order ``plpbk status`` writes them."""


def maturity_of(capacity: np.ndarray) -> list[str]:
    """Each BKM's maturity level today: the level whose capacity band holds its capacity.

    A capacity below the lowest band is the lowest level, above the highest band the highest.
    """
    tops = np.array([MATURITY_BANDS[lvl][1] for lvl in MATURITY_LEVELS[:-1]])
    return [MATURITY_LEVELS[int(k)] for k in np.searchsorted(tops, capacity, side="right")]


def status_table(m: PartnershipModel) -> dict[str, list[Any]]:
    """The wards' state now, as the columns of a ward-status CSV file (:data:`COLUMNS`).

    Args:
        m: A model, at the end of the year whose state is wanted.

    Returns:
        One list per column, one element per ward; ``trust`` is None for a ward with no live
        partnership, ``lat``/``lon`` None when the wards have no coordinates.
    """
    ward, alive = m.pairs.ward, m.alive
    gov = m.pairs.partner < m.n_gov
    W = m.n_wards
    live_gov = np.bincount(ward[alive & gov], minlength=W)
    live_priv = np.bincount(ward[alive & ~gov], minlength=W)
    trust_sum = np.bincount(ward[alive], weights=m.trust_partner[alive], minlength=W)
    n_live = live_gov + live_priv
    wards = m.params.wards
    return {
        "name": list(m.ward_names),
        "regency": list(m.ward_regency),
        "bkm_status": maturity_of(m.capacity),
        "capacity": m.capacity.tolist(),
        "managing_body": m.managing_body.tolist(),
        "marketing_skill": m.skill.tolist(),
        "coordination": m.coordination.tolist(),
        "market_access": m.market_access.tolist(),
        "fee_collection": mech.fee_collection(m.managing_body, m._v("demand.collection_min")).tolist(),
        "live_government": live_gov.tolist(),
        "live_private": live_priv.tolist(),
        "aware_government": np.bincount(ward[(m.aware | alive) & gov], minlength=W).tolist(),
        "aware_private": np.bincount(ward[(m.aware | alive) & ~gov], minlength=W).tolist(),
        "trust": [float(s / n) if n else None for s, n in zip(trust_sum, n_live, strict=True)],
        "assets": m.assets.tolist(),
        "asset_condition": m.condition.tolist(),
        "cash": m.cash.tolist(),
        "plan_items": m.backlog.sum(1).tolist(),
        "lat": [w.lat for w in wards] if wards is not None else [None] * W,
        "lon": [w.lon for w in wards] if wards is not None else [None] * W,
    }
