"""The comparison brief's effects at horizons, and the cells the brief's effect tables share.

:func:`compare_horizons` writes the section with each policy's paired effect 5 and 10 years after
it starts and in the final year (from :func:`simulator.policy.effects.horizon_effects`), naming
horizons past the run's end. :func:`effect_cell` formats an effect with its interval, bold exactly
when the interval as printed excludes 0 (what the tables' captions say); :func:`btw` the better /
tie / worse counts; :func:`ranking_sentence` says whether the policies' order changes between horizons.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from simulator.i18n import num, outcome_label
from simulator.i18n.brief_text import BRIEF
from simulator.outcomes import BY_NAME, OUTCOMES
from simulator.policy.brief import table
from simulator.policy.effects import HORIZON_SERIES, excludes_zero, horizon_years, policy_start

if TYPE_CHECKING:
    from simulator.policy.compare import Comparison
    from simulator.policy.findings import CompareFindings


def _registry_name(column: str) -> str:
    """The outcome registry's name of a summary column or a time-series column (by its ``series``)."""
    if column in BY_NAME:
        return column
    return next(o.name for o in OUTCOMES if o.series == column and o.table == "summary")


def effect_cell(e: Any, column: str, lang: str, bold: bool = True) -> str:
    """An effect as ``+1.5 [0.5; 2.5]`` in the outcome's printed unit, bold iff its printed interval excludes 0.

    Args:
        e: A row of the effects table (``diff``, ``ci_low``, ``ci_high``).
        column: Its outcome (a summary column or a time-series column).
        lang: ``en`` or ``id``.
        bold: Whether to mark an interval excluding 0 in bold (off in running text).
    """
    o = BY_NAME[_registry_name(column)]
    d, s = o.digits, o.scale
    diff, lo, hi = (float(e[k]) * s for k in ("diff", "ci_low", "ci_high"))
    diff, lo, hi = (0.0 if round(x, d) == 0 else x for x in (diff, lo, hi))  # never "−0.0"
    sep = "; " if lang == "id" else ", "
    cell = f"{'+' if round(diff, d) > 0 else ''}{num(diff, d, lang)} [{num(lo, d, lang)}{sep}{num(hi, d, lang)}]"
    return f"**{cell}**" if bold and excludes_zero(lo, hi, d) else cell


def btw(e: Any, lang: str, cell: bool = False) -> str:
    """The better / tie / worse counts of a row of the effects table, as a table cell or in a sentence."""
    t = BRIEF[lang]
    k = {"better": int(e["better"]), "tie": int(e["tie"]), "worse": int(e["worse"])}
    return str(t["c_btw_cell"].format(**k) if cell else t["c_btw"].format(n=int(e["n"]), **k))


def _horizon_label(label: str, year: int, lang: str) -> str:
    return str(BRIEF[lang][f"h_{label}"].format(year=year))


def ranking_sentence(found: CompareFindings, lang: str, end: int | None = None) -> str:
    """One sentence on whether the policies' order by effect on sustained wards changes between horizons.

    Empty with fewer than two policies or fewer than two horizons measured.
    """
    t = BRIEF[lang]
    r = found.rankings
    if len(r) < 2 or max(len(v) for v in r.values()) < 2:
        return ""
    if not found.ranking_changes:
        return str(t["c_rank_same"])
    orders = "; ".join(f"{_horizon_label(h, end or 0, lang)}: {' > '.join(names)}" for h, names in r.items())
    return str(t["c_rank_change"].format(orders=orders))


def compare_horizons(cmp: Comparison, lang: str) -> list[str]:
    """The section with every policy's effect 5 and 10 years after it starts and in the final year."""
    t = BRIEF[lang]
    h = cmp.horizons
    if h.empty:
        return []
    sc = cmp.scenario
    end = int(sc.values["time.start_year"]) + int(sc.values["time.years"]) - 1
    idx: Any = h.set_index(["policy", "horizon", "outcome"])
    labels = [lab for lab, _ in horizon_years(0, end)]
    head = [t["policy"], t["outcome"], *(_horizon_label(lab, end, lang).capitalize() for lab in labels)]
    rows, notes = [], []
    for p in cmp.policies:
        start = policy_start(p, sc)
        where = dict(horizon_years(start, end))
        name = t["from_year"].format(name=p.name, year=start) if start else t["never_acts"].format(name=p.name)
        for k, col in enumerate(HORIZON_SERIES):
            cells = []
            for lab in labels:
                if lab not in where:
                    cells.append("–")
                elif where[lab] > end:
                    cells.append(t["past_end_cell"].format(year=where[lab]))
                else:
                    cells.append(effect_cell(idx.loc[(p.name, lab, col)], col, lang))
            rows.append([name if k == 0 else "", outcome_label(_registry_name(col), lang), *cells])
            if k == 0:
                runs = [
                    btw(idx.loc[(p.name, lab, col)], lang, True) if where.get(lab, end + 1) <= end else "–"
                    for lab in labels
                ]
                rows.append(["", t["runs_btw"], *runs])
        notes += [
            t["c_past_end"].format(name=p.name, h=_horizon_label(lab, y, lang), year=y, end=end)
            for lab, y in where.items()
            if y > end
        ]
    md = ["", f"## {t['c_horizons']}", "", t["c_horizons_intro"], "", table(head, rows)]
    md += ["", *(f"- {n}" for n in notes)] if notes else []
    return [*md, "", "![horizons](plots/horizons.png)", ""]


__all__ = ["btw", "compare_horizons", "effect_cell", "ranking_sentence"]
