"""The brief of a paired comparison (``plpbk compare``): summary, effects, costs, paths.

The findings it states come from :mod:`simulator.policy.findings`, the words from
:mod:`simulator.i18n.brief_text`; :mod:`simulator.policy.brief` holds the :class:`Brief`
and writes it.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from simulator.i18n import check_lang, money, num, outcome_label, param_label, place_name
from simulator.i18n.brief_text import BRIEF
from simulator.params import LEVER_COST_UNIT, LEVERS
from simulator.policy.assumptions import assumptions_section, assumptions_table
from simulator.policy.brief import Brief, is_builtin, meta, table
from simulator.policy.brief_horizons import btw, compare_horizons, effect_cell, ranking_sentence
from simulator.policy.effects import DEFAULT_SEEDS, OUTCOME_COLUMNS, SECTOR_OUTCOMES
from simulator.policy.findings import compare_findings
from simulator.policy.ward_effects import ward_section

if TYPE_CHECKING:
    from simulator.policy.compare import Comparison


def compare_brief(cmp: Comparison, lang: str = "en") -> Brief:
    """The brief of a paired comparison.

    Args:
        cmp: The comparison.
        lang: ``en`` or ``id``.

    Returns:
        The brief (images under ``plots/``).
    """
    t = BRIEF[check_lang(lang)]
    sc = cmp.scenario
    title = t["c_title"].format(policies=", ".join(p.name for p in cmp.policies), scenario=sc.name)
    pairs = cmp.seeds * (cmp.ensemble.n if cmp.ensemble is not None else 1)  # every set runs the same seeds
    md = [f"# {title}", "", meta(lang, t["c_runs"].format(seeds=pairs)), "", f"## {t['summary']}", ""]
    md += _compare_summary(cmp, lang)
    md += _compare_effects(cmp, lang)
    md += compare_horizons(cmp, lang)
    md += _compare_costs(cmp, lang)
    md += ["", f"## {t['c_paths']}", "", t["c_paths_intro"], ""]
    for p in cmp.policies:
        md += [f"![{p.name}](plots/paths-{p.name}.png)", ""]
    md += ward_section(cmp, lang)
    md += assumptions_section(assumptions_table(sc, cmp.policies, lang=lang), sc, lang)
    md += [f"## {t['how']}", ""] + [f"- {x}" for x in t["c_how"]]
    refs = [p.name if is_builtin(p.source) else p.source for p in cmp.policies]
    scen = sc.name if sc.source.startswith("preset:") else sc.source
    cmd = f"plpbk compare --scenario {scen} {' '.join(refs)}"
    if cmp.seeds != DEFAULT_SEEDS:
        cmd += f" --seeds {cmp.seeds}"
    if cmp.ensemble is not None:
        cmd += f" --ensemble {cmp.ensemble.path}"
    if int(sc.values["time.years"]) != 20:
        cmd += f" --years {int(sc.values['time.years'])}"
    md += ["", t["reproduce"], "", "```", cmd + (f" --lang {lang}" if lang != "en" else ""), "```", ""]
    return Brief(title, "\n".join(md), lang)


def _compare_summary(cmp: Comparison, lang: str) -> list[str]:
    """The summary: the intro, one bullet per policy (largest gain first), the cost headline and the horizons."""
    t = BRIEF[lang]
    sc = cmp.scenario
    wards, years = sc.n_wards, int(sc.values["time.years"])
    start = int(sc.values["time.start_year"])
    end = start + years - 1
    costs: Any = cmp.costs.set_index("policy")  # Any: pandas' stubs type .loc[row] loosely
    desc = {p.name: p.describe(lang) for p in cmp.policies}
    found = compare_findings(cmp)
    intro = t["c_intro"].format(
        n=len(cmp.policies), scenario=sc.name, wards=wards, years=years, start=start, end=end, seeds=cmp.seeds
    )
    if cmp.ensemble is not None:
        intro += " " + t["c_ensemble"].format(n=cmp.ensemble.n, seeds=cmp.seeds)
    md = [intro + " " + t["c_partners_note"], ""]
    eff: Any = cmp.effects.set_index(["policy", "outcome"])
    for name in found.by_gain:
        e, c = eff.loc[(name, "sustained_share_final")], costs.loc[name]
        cells = {
            k: _sector_cell(eff.loc[(name, col)], lang) for k, col in zip(_SECTOR_KEYS, SECTOR_OUTCOMES, strict=True)
        }
        sector = t["c_sector"].format(end=end, **cells)
        bullet = t["c_bullet"].format(
            name=name,
            desc=desc.get(str(name), "").rstrip("."),
            extra=num(e["diff"] * wards, 1, lang),
            wards=wards,
            end=end,
            lo=num(e["ci_low"] * wards, 1, lang),
            hi=num(e["ci_high"] * wards, 1, lang),
            base=num(e["baseline"] * wards, 1, lang),
            btw=btw(e, lang),
            sector=sector,
            cost=money(c["cost_total"], lang),
            act=int(c["active_years"]),
            pwy=money(c["cost_per_ward_year"], lang),
            cpw=_cpw(c, lang),
        )
        md.append("- " + bullet)
    md += ["", _cheapest(found, lang)]
    rank = ranking_sentence(found, lang, end)
    return md + (["", rank] if rank else [])


_SECTOR_KEYS = ("gov", "csr", "pgov", "pcsr")
"""The placeholders of ``c_sector``, in the order of :data:`SECTOR_OUTCOMES`."""


def _sector_cell(e: Any, lang: str) -> str:
    """A sector outcome's effect as ``+1.2 [0.5; 2.0]`` (no bold: it is used in running text)."""
    return effect_cell(e, "partnerships_final", lang, bold=False)


def _cpw(c: Any, lang: str) -> str:
    """The cost per additional sustained ward of one policy, with its range, or why there is none."""
    t = BRIEF[lang]
    if not math.isnan(c["cost_per_extra_ward"]):
        return str(
            t["cpw"].format(
                x=money(c["cost_per_extra_ward"], lang),
                lo=money(c["cost_per_extra_ward_low"], lang),
                hi=money(c["cost_per_extra_ward_high"], lang),
            )
        )
    return str(t["cpw_free"] if c["note"] == "no extra cost" else t["cpw_na"])


def _cheapest(found: Any, lang: str) -> str:
    """The cost-effectiveness headline: only policies whose gain interval lies above 0, always with the range."""
    t = BRIEF[lang]
    if found.cheapest is None:
        return str(t["c_cheapest_none"])
    x, (lo, hi) = money(found.cheapest_cost, lang), (money(v, lang) for v in found.cheapest_range)
    if len(found.qualifying) == 1:
        return str(t["c_cheapest_one"].format(name=found.cheapest, x=x, lo=lo, hi=hi))
    names = ", ".join(found.qualifying)
    return str(t["c_cheapest"].format(n=len(found.qualifying), names=names, name=found.cheapest, x=x, lo=lo, hi=hi))


def _compare_effects(cmp: Comparison, lang: str) -> list[str]:
    """The tables of every policy's paired effect on every outcome (sector outcomes apart), and their plot."""
    t = BRIEF[lang]
    eff: Any = cmp.effects.set_index(["policy", "outcome"])
    pols = list(dict.fromkeys(cmp.effects["policy"]))
    have = set(cmp.effects["outcome"])
    main = [c for c in OUTCOME_COLUMNS if c in have and c not in SECTOR_OUTCOMES]
    sector = [c for c in SECTOR_OUTCOMES if c in have]
    end = int(cmp.scenario.values["time.start_year"]) + int(cmp.scenario.values["time.years"]) - 1
    md = ["", f"## {t['c_effects']}", "", t["c_effects_intro"].format(end=end), ""]
    rows = [
        [name, *(effect_cell(eff.loc[(name, c)], c, lang) for c in main), btw(eff.loc[(name, main[0])], lang, True)]
        for name in pols
    ]
    md.append(table([t["policy"], *(outcome_label(c, lang) for c in main), t["better_col"]], rows))
    if sector:
        md += ["", f"### {t['c_sector_title']}", "", t["c_sector_intro"].format(end=end), ""]
        rows = [[name, *(effect_cell(eff.loc[(name, c)], c, lang) for c in sector)] for name in pols]
        md.append(table([t["policy"], *(outcome_label(c, lang) for c in sector)], rows))
    md += ["", "![effects](plots/effects.png)", ""]
    return md


def _compare_costs(cmp: Comparison, lang: str) -> list[str]:
    """The table of every policy's cost, cost per additional sustained ward and aid leveraged; the yearly budget."""
    t = BRIEF[lang]
    sep = "; " if lang == "id" else ", "
    md = [f"## {t['c_costs']}", "", t["c_costs_intro"], ""]
    rows = []
    for name, c in cmp.costs.set_index("policy").iterrows():
        per = t["undefined"]
        if not math.isnan(c["cost_per_extra_ward"]):
            lo, hi = money(c["cost_per_extra_ward_low"], lang), money(c["cost_per_extra_ward_high"], lang)
            per = f"{money(c['cost_per_extra_ward'], lang)} [{lo}{sep}{hi}]"
        aid = "–"
        if not math.isnan(c.get("aid_per_rupiah", math.nan)):
            aid = f"{num(c['aid_per_rupiah'], 2, lang)} [{num(c['aid_per_rupiah_low'], 2, lang)}{sep}"
            aid += f"{num(c['aid_per_rupiah_high'], 2, lang)}]"
        rows.append(
            [
                str(name),
                money(c["cost_total"], lang),
                money(c["cost_per_ward_year"], lang),
                f"{num(c['extra_wards'], 1, lang)} [{num(c['extra_wards_low'], 1, lang)}{sep}"
                f"{num(c['extra_wards_high'], 1, lang)}]",
                per,
                aid,
            ]
        )
    head = [t["policy"], t["cost_total"], t["cost_pwy"], t["extra_wards"], t["cost_per_extra"], t["aid_per_rp"]]
    md += [table(head, rows), "", t["c_aid_intro"], "", _units(cmp, lang)]
    return md + _budget(cmp, lang)


def _units(cmp: Comparison, lang: str) -> str:
    """One sentence with the unit cost of every lever the policies use, per ward or per regency."""
    t = BRIEF[lang]
    parts = []
    for lv in LEVERS:
        used = [p for p in cmp.policies if float({**cmp.scenario.values, **p.levers}[f"levers.{lv}"]) > 0]
        if not used:
            continue
        costs = dict.fromkeys(float({**cmp.scenario.values, **p.levers}[f"levers.{lv}_cost"]) for p in used)
        name = param_label(f"levers.{lv}", lang).split(":")[0]
        x = " / ".join(money(c, lang) for c in costs)
        parts.append(t[f"unit_{LEVER_COST_UNIT[lv]}"].format(name=name, x=x))
    return str(t["c_units"].format(units="; ".join(parts)))


def _budget(cmp: Comparison, lang: str) -> list[str]:
    """The year-by-year budget (APBD) table: cost per policy per calendar year, years of equal cost grouped."""
    t = BRIEF[lang]
    b = cmp.budget
    if b.empty:
        return []
    per_year = b.groupby(["year", "policy"], sort=False)["cost"].sum().unstack("policy")
    pols = [p.name for p in cmp.policies]
    per_year = per_year[pols]
    n_reg = int(b["regency"].nunique())
    regs = t["c_budget_regs"].format(n=n_reg) if n_reg > 1 else ""
    md = ["", f"### {t['c_budget']}", "", t["c_budget_intro"].format(regs=regs), ""]
    rows, years = [], list(per_year.index)
    i = 0
    while i < len(years):
        j = i
        while j + 1 < len(years) and (per_year.loc[years[j + 1]] == per_year.loc[years[i]]).all():
            j += 1
        span = str(years[i]) if i == j else f"{years[i]}–{years[j]}"
        rows.append([span, *(_cost(float(per_year.loc[years[i], p]), lang) for p in pols)])
        i = j + 1
    md.append(table([t["years"], *pols], rows))
    if 1 < n_reg <= 6:
        last = b[b["year"] == b["year"].max()].pivot(index="regency", columns="policy", values="cost")
        last = last.reindex(list(dict.fromkeys(b["regency"])))[pols]
        md += ["", t["c_budget_reg"], ""]
        rows = [[place_name(str(r), lang), *(_cost(float(v), lang) for v in row)] for r, row in last.iterrows()]
        md.append(table([t["regency"], *pols], rows))
    return md


def _cost(x: float, lang: str) -> str:
    """A yearly cost, or ``–`` for none."""
    return money(x, lang) if x > 0 else "–"
