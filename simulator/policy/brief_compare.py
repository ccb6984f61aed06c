"""The brief of a paired comparison (``plpbk compare``): summary, effects, costs, paths.

The findings it states come from :mod:`simulator.policy.findings`, the words from
:mod:`simulator.i18n.brief_text`; :mod:`simulator.policy.brief` holds the :class:`Brief`
and writes it.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from simulator.i18n import check_lang, money, num, outcome_label, pct
from simulator.i18n.brief_text import BRIEF
from simulator.policy.assumptions import assumptions_section, assumptions_table
from simulator.policy.brief import Brief, is_builtin, meta, table
from simulator.policy.effects import BY_COLUMN
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
    md += _compare_costs(cmp, lang)
    md += ["", f"## {t['c_paths']}", "", t["c_paths_intro"], ""]
    for p in cmp.policies:
        md += [f"![{p.name}](plots/paths-{p.name}.png)", ""]
    md += ward_section(cmp, lang)
    md += assumptions_section(assumptions_table(sc, cmp.policies, lang=lang), sc, lang)
    md += [f"## {t['how']}", ""] + [f"- {x}" for x in t["c_how"]]
    refs = [p.name if is_builtin(p.source) else p.source for p in cmp.policies]
    scen = sc.name if sc.source.startswith("preset:") else sc.source
    cmd = f"plpbk compare --scenario {scen} {' '.join(refs)} --seeds {cmp.seeds}"
    if cmp.ensemble is not None:
        cmd += f" --ensemble {cmp.ensemble.path}"
    if int(sc.values["time.years"]) != 20:
        cmd += f" --years {int(sc.values['time.years'])}"
    md += ["", t["reproduce"], "", "```", cmd + (f" --lang {lang}" if lang != "en" else ""), "```", ""]
    return Brief(title, "\n".join(md), lang)


def _compare_summary(cmp: Comparison, lang: str) -> list[str]:
    """The summary: the intro, one bullet per policy (largest gain first) and the cheapest option."""
    t = BRIEF[lang]
    sc = cmp.scenario
    wards, years = sc.n_wards, int(sc.values["time.years"])
    start = int(sc.values["time.start_year"])
    end = start + years - 1
    costs: Any = cmp.costs.set_index("policy")  # Any: pandas' stubs type .loc[row] loosely
    desc = {p.name: p.description for p in cmp.policies}
    found = compare_findings(cmp)
    intro = t["c_intro"].format(
        n=len(cmp.policies), scenario=sc.name, wards=wards, years=years, start=start, end=end, seeds=cmp.seeds
    )
    if cmp.ensemble is not None:
        intro += " " + t["c_ensemble"].format(n=cmp.ensemble.n, seeds=cmp.seeds)
    md = [intro, ""]
    sus: Any = cmp.effects[cmp.effects["outcome"] == "sustained_share_final"].set_index("policy")
    for name in found.by_gain:
        e, c = sus.loc[name], costs.loc[name]
        if not math.isnan(c["cost_per_extra_ward"]):
            cpw = t["cpw"].format(
                x=money(c["cost_per_extra_ward"], lang),
                lo=money(c["cost_per_extra_ward_low"], lang),
                hi=money(c["cost_per_extra_ward_high"], lang),
            )
        else:
            cpw = t["cpw_free"] if c["note"] == "no extra cost" else t["cpw_na"]
        bullet = t["c_bullet"].format(
            name=name,
            desc=desc.get(str(name), "").rstrip("."),
            extra=num(e["diff"] * wards, 1, lang),
            wards=wards,
            end=end,
            lo=num(e["ci_low"] * wards, 1, lang),
            hi=num(e["ci_high"] * wards, 1, lang),
            base=num(e["baseline"] * wards, 1, lang),
            better=pct(e["p_better"], lang),
            cost=money(c["cost_total"], lang),
            act=int(c["active_years"]),
            pwy=money(c["cost_per_ward_year"], lang),
            cpw=cpw,
        )
        md.append("- " + bullet)
    if found.cheapest is not None:
        md += ["", t["c_cheapest"].format(name=found.cheapest, x=money(found.cheapest_cost, lang))]
    return md


def _compare_effects(cmp: Comparison, lang: str) -> list[str]:
    """The table of every policy's paired effect on every outcome, and its plot."""
    t = BRIEF[lang]
    eff = cmp.effects
    sus = eff[eff["outcome"] == "sustained_share_final"].set_index("policy")
    outs = list(dict.fromkeys(eff["outcome"]))
    sep = "; " if lang == "id" else ", "
    md = ["", f"## {t['c_effects']}", "", t["c_effects_intro"], ""]
    rows = []
    for name in dict.fromkeys(eff["policy"]):
        row = [f"**{name}**"]
        for col in outs:
            e = eff[(eff["policy"] == name) & (eff["outcome"] == col)].iloc[0]
            o = BY_COLUMN[col]
            d = o.digits
            cell = (
                f"{'+' if e['diff'] > 0 else ''}{num(e['diff'] * o.scale, d, lang)} "
                f"[{num(e['ci_low'] * o.scale, d, lang)}{sep}{num(e['ci_high'] * o.scale, d, lang)}]"
            )
            sure = e["ci_low"] > 0 or e["ci_high"] < 0
            row.append(f"**{cell}**" if sure else cell)
        e0 = sus.loc[name]
        row.append(
            t["of_runs"].format(
                k=num(e0["p_better"] * e0["n"], 1 if e0["p_better"] * e0["n"] % 1 else 0, lang), n=int(e0["n"])
            )
        )
        rows.append(row)
    md.append(table([t["policy"], *(outcome_label(c, lang) for c in outs), t["better_col"]], rows))
    md += ["", "![effects](plots/effects.png)", ""]
    return md


def _compare_costs(cmp: Comparison, lang: str) -> list[str]:
    """The table of every policy's cost and cost per additional sustained ward."""
    t = BRIEF[lang]
    sep = "; " if lang == "id" else ", "
    md = [f"## {t['c_costs']}", "", t["c_costs_intro"], ""]
    rows = []
    for name, c in cmp.costs.set_index("policy").iterrows():
        per = money(c["cost_per_extra_ward"], lang) if not math.isnan(c["cost_per_extra_ward"]) else t["undefined"]
        rows.append(
            [
                f"**{name}**",
                money(c["cost_total"], lang),
                money(c["cost_per_ward_year"], lang),
                f"{num(c['extra_wards'], 1, lang)} [{num(c['extra_wards_low'], 1, lang)}{sep}"
                f"{num(c['extra_wards_high'], 1, lang)}]",
                per,
            ]
        )
    md.append(table([t["policy"], t["cost_total"], t["cost_pwy"], t["extra_wards"], t["cost_per_extra"]], rows))
    return md
