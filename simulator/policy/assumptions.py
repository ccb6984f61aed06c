"""The assumptions page of a brief: every assumed value a comparison or what-if uses, with its source.

:func:`assumptions_table` lists, as one table the brief, the Excel file and the what-if can share:

1. the levers of each policy compared that it switches on: size, first year and unit cost
   (``levers.X``, ``levers.X_start``, ``levers.X_cost``);
2. the parameters the scenario sets (every value that differs from the registry's default);
3. the enablers and obstacles of the registry (``Param.role``: managing body, marketing skill,
   coordination, agencies' and firms' budgets and responsiveness, ...);
4. with ``ranges`` (a what-if), the uncertain parameters and the range explored.

Each row carries the value, its unit and where it comes from: the policy or scenario that sets
it, or else the source the registry records (``src: ...`` or ``assumption``).
:func:`assumptions_section` formats it for a brief.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from simulator.i18n import param_label, source_label, unit_label, value_text
from simulator.i18n.brief_text import BRIEF
from simulator.params import BY_NAME, LEVERS, PARAMETERS
from simulator.policy.brief import table
from simulator.scenario import Policy, Scenario

GROUPS: tuple[str, ...] = ("levers", "scenario", "enablers", "obstacles", "ranges")
"""The table's groups, in order."""

KEY_ROLES: dict[str, str] = {"enabler": "enablers", "obstacle": "obstacles"}
"""Registry roles whose parameters are always listed, and their group."""

COLUMNS = ("group", "policy", "parameter", "label", "value", "unit", "source", "low", "high")


def _row(
    group: str, name: str, value: Any, source: str, lang: str, policy: str = "", rng: tuple[float, float] | None = None
) -> dict[str, Any]:
    p = BY_NAME[name]
    lo, hi = rng if rng is not None else (float("nan"), float("nan"))
    return {
        "group": group,
        "policy": policy,
        "parameter": name,
        "label": param_label(name, lang),
        "value": value,
        "unit": unit_label(p.unit, lang),
        "source": source,
        "low": lo,
        "high": hi,
    }


def _lever_rows(sc: Scenario, policies: Sequence[Policy], lang: str) -> list[dict[str, Any]]:
    t = BRIEF[lang]
    rows = []
    for pol in policies:
        vals = {**sc.values, **pol.levers}
        for lv in LEVERS:
            if float(vals[f"levers.{lv}"]) <= 0:
                continue
            for name in (f"levers.{lv}", f"levers.{lv}_start", f"levers.{lv}_cost"):
                if name in pol.levers:
                    src = t["ca_from_policy"].format(name=pol.name)
                elif sc.values[name] != BY_NAME[name].default:
                    src = t["ca_from_scenario"].format(name=sc.name)
                else:
                    src = source_label(BY_NAME[name].source, lang)
                rows.append(_row("levers", name, vals[name], src, lang, policy=pol.name))
    return rows


def assumptions_table(
    sc: Scenario,
    policies: Sequence[Policy] = (),
    *,
    ranges: Mapping[str, tuple[float, float]] | None = None,
    lang: str = "en",
) -> pd.DataFrame:
    """Every assumed value a comparison (or what-if) uses, with its unit and source.

    Args:
        sc: The scenario (the baseline).
        policies: The policies compared; their switched-on levers are listed with size, start and unit cost.
        ranges: Uncertain parameters and their (low, high) range (a what-if's ``[uncertainty]``), or None.
        lang: Language of the labels, units and sources (``en`` or ``id``).

    Returns:
        One row per value: group (one of :data:`GROUPS`), policy (lever rows), parameter (dotted
        name), label, value (as the model reads it: number, bool or choice), unit, source, and
        low/high (the range explored, NaN outside ``ranges``). A parameter appears once outside
        the lever rows: in ``ranges`` if it is uncertain, else where its group puts it first.
    """
    t = BRIEF[lang]
    rows = _lever_rows(sc, policies, lang)
    ranges = dict(ranges or {})
    seen: set[str] = set(ranges)
    for p in PARAMETERS:
        if p.name in seen or p.role == "lever":
            continue
        value = sc.values[p.name]
        if value != p.default:
            rows.append(_row("scenario", p.name, value, t["ca_from_scenario"].format(name=sc.name), lang))
            seen.add(p.name)
    for role, group in KEY_ROLES.items():
        for p in PARAMETERS:
            if p.role == role and p.name not in seen:
                rows.append(_row(group, p.name, sc.values[p.name], source_label(p.source, lang), lang))
                seen.add(p.name)
    for name, (lo, hi) in ranges.items():
        p = BY_NAME[name]
        if sc.values[name] != p.default:
            src = t["ca_from_scenario"].format(name=sc.name)
        else:
            src = source_label(p.source, lang)
        rows.append(_row("ranges", name, sc.values[name], src, lang, rng=(float(lo), float(hi))))
    return pd.DataFrame(rows, columns=list(COLUMNS))


def assumptions_section(tab: pd.DataFrame, sc: Scenario, lang: str = "en") -> list[str]:
    """The brief's "Assumptions" section: one table per group of :func:`assumptions_table`.

    Args:
        tab: The output of :func:`assumptions_table`.
        sc: The scenario it describes.
        lang: ``en`` or ``id``.

    Returns:
        Markdown lines.
    """
    t = BRIEF[lang]
    md = ["", f"## {t['ca_title']}", "", t["ca_intro"], ""]
    if sc.wards is not None:
        md += [t["ca_wards_csv"].format(source=sc.source), ""]
    for group in GROUPS:
        d = tab[tab["group"] == group]
        if d.empty:
            continue
        head = [t["ca_param"], t["ca_value"], t["ca_unit"], t["ca_source"]]
        if group == "levers":
            head.insert(0, t["policy"])
        if group == "ranges":
            head.insert(2, t["ca_range"])
        rows = []
        for _, r in d.iterrows():
            p = BY_NAME[r["parameter"]]
            row = [str(r["label"]), value_text(p, r["value"], lang), str(r["unit"]), str(r["source"])]
            if group == "levers":
                row.insert(0, str(r["policy"]))
            if group == "ranges":
                row.insert(2, f"{value_text(p, r['low'], lang)}–{value_text(p, r['high'], lang)}")
            rows.append([c.replace("|", "/") for c in row])
        md += [f"### {t['ca_' + group]}", "", table(head, rows), ""]
    return md


__all__ = ["COLUMNS", "GROUPS", "KEY_ROLES", "assumptions_section", "assumptions_table"]
