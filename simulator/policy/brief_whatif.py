"""The brief of a what-if experiment (``plpbk whatif``): robustness, regret and where each option fails.

The findings it states come from :mod:`simulator.policy.findings`, the words from
:mod:`simulator.i18n.brief_text`; :mod:`simulator.policy.brief` holds the :class:`Brief`
and writes it.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.i18n import check_lang, money, num, outcome_label, param_label, pct
from simulator.i18n.brief_text import BRIEF
from simulator.params import BY_NAME
from simulator.policy.assumptions import assumptions_section, assumptions_table
from simulator.policy.brief import Brief, meta, table
from simulator.policy.effects import BASELINE, BY_COLUMN
from simulator.policy.findings import WhatIfFindings, failure_kind, whatif_findings
from simulator.policy.whatif_analysis import horizon_years, series_column

if TYPE_CHECKING:
    import pandas as pd

    from simulator.policy.whatif import WhatIf
    from simulator.policy.whatif_analysis import ScenarioWhatIf
    from simulator.policy.whatif_spec import WhatIfSpec


@dataclass(frozen=True)
class _Scale:
    """How a what-if brief prints the threshold's outcome: as points of a share, or in its own unit."""

    share: bool
    scale: float
    digits: int

    def value(self, x: float, lang: str) -> str:
        t = BRIEF[lang]
        return t["pts"].format(x=num(x * self.scale, self.digits, lang)) if self.share else num(x, self.digits, lang)


def _scale(spec: WhatIfSpec) -> _Scale:
    share = spec.outcome.startswith("sustained_share")
    o = BY_COLUMN.get(spec.outcome)
    return _Scale(share, 100.0 if share else 1.0, 1 if share else (o.digits if o else 2))


def whatif_brief(wi: WhatIf, lang: str = "en") -> Brief:
    """The brief of a what-if experiment.

    Args:
        wi: The what-if results.
        lang: ``en`` or ``id``.

    Returns:
        The brief (images under ``plots/``).
    """
    t = BRIEF[check_lang(lang)]
    spec = wi.spec
    title = t["w_title"].format(name=spec.name)
    md = [f"# {title}", "", meta(lang, t["w_runs"].format(futures=spec.futures, seeds=spec.seeds)), ""]
    md += [f"## {t['summary']}", "", _whatif_intro(spec, lang), "", _regret_words(spec, lang), ""]
    md += ["![robustness](plots/robustness.png)", ""]
    for name, r in wi.results.items():
        md += [f"### {name}", ""]
        md += _whatif_findings(r, spec, lang)
        md += ["", f"**{t['w_table']}** ({name})", "", _whatif_table(r, spec, lang), ""]
        if r.packages:
            md += [f"*{t['w_pkg_note']}*", ""]
        md += _horizon_part(r, spec, lang)
    md += _override_part(wi, lang)
    md += [f"## {t['w_figs']}", "", t["w_fig_reg"], "", "![regret](plots/regret.png)", ""]
    md += [t["w_fig_fail"] + " " + t["w_fig_fail_more"], ""]
    for name in wi.results:
        md += [f"![failures {name}](plots/failures-{name}.png)", ""]
    ranges = {f.name: (float(f.low), float(f.high)) for f in spec.factors if f.low is not None and f.high is not None}
    for sc in spec.scenarios:  # each site's assumed values, and the ranges the futures explore instead
        part = assumptions_section(assumptions_table(sc, spec.policies, ranges=ranges, lang=lang), sc, lang)
        if len(spec.scenarios) > 1:
            part[1] += f" ({sc.name})"
        md += [*part, ""]
    md += [f"## {t['how']}", ""] + [f"- {x}" for x in t["w_how"]]
    src = Path(spec.source).as_posix() if spec.source else "EXPERIMENT.toml"
    ens = f" --ensemble {spec.ensemble.path}" if spec.ensemble is not None else ""
    md += [
        "",
        t["reproduce"],
        "",
        "```",
        f"plpbk whatif {src}{ens}" + (f" --lang {lang}" if lang != "en" else ""),
        "```",
    ]
    md.append("")
    return Brief(title, "\n".join(md), lang)


def _whatif_intro(spec: WhatIfSpec, lang: str) -> str:
    """The what-if's first paragraph: options, scenarios, futures, the uncertain conditions and the target."""
    t = BRIEF[lang]
    if _scale(spec).share:
        target = t["target_share"].format(x=num(spec.threshold * 100, 0, lang))
    else:
        target = t["target_other"].format(label=spec.outcome, x=num(spec.threshold, 2, lang))
    intro = t["w_intro"].format(
        n=len(spec.policies),
        scen=", ".join(f"**{s.name}**" for s in spec.scenarios),
        futures=spec.futures,
        k=len(spec.factors),
        factors=", ".join(param_label(f.name, lang, mid_sentence=True) for f in spec.factors),
        seeds=spec.seeds,
        target=target,
    )
    if spec.ensemble is not None:
        intro += " " + t["w_ensemble"].format(n=spec.ensemble.n, seeds=spec.seeds)
    return str(intro)


def _whatif_findings(r: ScenarioWhatIf, spec: WhatIfSpec, lang: str) -> list[str]:
    """One scenario's findings as bullets: most robust, cheaper option, best value, ranking, failures."""
    t = BRIEF[lang]
    rob: Any = r.robustness.set_index("option")
    f = whatif_findings(r)
    md = ["- " + t["w_package"].format(name=k, parts=_names(v, lang)) for k, v in f.packages.items()]
    for key, mr in (("w_most_robust", f.most_robust), ("w_most_robust_single", f.most_robust_single)):
        if mr is None:
            continue
        md.append(
            "- "
            + t[key].format(
                name=_o(mr, lang),
                share=pct(rob.loc[mr, "meets_share"], lang),
                regret=_scale(spec).value(rob.loc[mr, "regret_mean"], lang),
                pwy=money(rob.loc[mr, "cost_per_ward_year"], lang),
            )
        )
    if f.cheaper is not None:
        md.append(
            "- "
            + t["w_cheaper"].format(
                share=pct(f.cheaper_share, lang),
                name=_o(f.cheaper, lang),
                pwy=money(rob.loc[f.cheaper, "cost_per_ward_year"], lang),
            )
        )
    if f.best_value is not None:
        md.append(
            "- "
            + t["w_value"].format(
                name=_o(f.best_value, lang),
                gain=t["pp"].format(x=num(f.best_value_gain, 0, lang)),
                pwy=money(float(rob.loc[f.best_value, "cost_per_ward_year"]), lang),
                ratio=t["pp"].format(x=num(f.best_value_ratio, 1, lang)),
            )
        )
    md += _budget_line(f, spec, lang)
    verdict = t[f"w_{f.stability}"]
    stab = t["w_stab"].format(
        w=num(f.kendall_w, 2, lang), verdict=verdict, winner=_o(f.winner, lang), share=pct(f.winner_share, lang)
    )
    if f.winner_single is not None:
        stab += " " + t["w_stab_single"].format(
            winner=_o(f.winner_single, lang), share=pct(f.winner_single_share, lang)
        )
    md.append("- " + stab)
    if f.horizons:
        md.append("- " + _horizon_line(f, lang))
    md.append("- " + t["w_fails"])
    md += ["  - " + _failure_line(b, lang) for _, b in r.boxes.iterrows()]
    return md


def _o(option: str, lang: str) -> str:
    """An option's name as the brief shows it: the baseline in the language's words, a policy by its name."""
    return str(BRIEF[lang]["w_base_opt"]) if option == BASELINE else option


def _names(names: list[str], lang: str) -> str:
    """Option names in bold, joined with commas and a final 'and'."""
    b = [f"{n}" for n in names]
    return b[0] if len(b) == 1 else ", ".join(b[:-1]) + BRIEF[lang]["w_and"] + b[-1]


def _regret_words(spec: WhatIfSpec, lang: str) -> str:
    """What regret is, in which unit, that it ignores cost, and what regret within budget adds."""
    t = BRIEF[lang]
    if _scale(spec).share:
        return str(t["w_regret_share"])
    return str(t["w_regret_other"].format(unit=outcome_label(spec.outcome, lang)))


def _budget_line(f: WhatIfFindings, spec: WhatIfSpec, lang: str) -> list[str]:
    """The cost-aware regret in one bullet: the policy a cheaper option beats by most, or that none is beaten."""
    t = BRIEF[lang]
    if math.isnan(f.budget_worst_regret):
        return []
    sc = _scale(spec)
    if f.budget_worst is None:
        return ["- " + t["w_budget_none"].format(x=sc.value(max(f.budget_worst_regret, 0.0), lang))]
    return [
        "- "
        + t["w_budget"].format(
            name=f.budget_worst, x=sc.value(f.budget_worst_regret, lang), rest=sc.value(f.budget_rest, lang)
        )
    ]


def _horizon_line(f: WhatIfFindings, lang: str) -> str:
    """Whether the most robust option, and the order of the options, are the same at every horizon."""
    t = BRIEF[lang]

    def item(h: str, y: int, text: str) -> str:
        key = "w_hz_item_final" if h == "final" else "w_hz_item"
        return str(t[key].format(h=h.rstrip("y"), year=y, x=text))

    single = "" if f.most_robust_single is not None else "_all"
    if f.leader_changes:
        items = [item(h, y, f"{_o(o[0], lang)}, {pct(v, lang)}") for h, y, o, v in f.horizons]
        return str(t["w_hz_change" + single].format(list="; ".join(items)))
    years = ", ".join(str(y) for _, y, _, _ in f.horizons)
    line = str(t["w_hz_same" + single].format(name=_o(f.horizons[0][2][0], lang), list=years))
    if f.order_changes:
        orders = [item(h, y, " > ".join(_o(x, lang) for x in o)) for h, y, o, _ in f.horizons]
        line += " " + t["w_hz_order"].format(list="; ".join(orders))
    return line


def _horizon_part(r: ScenarioWhatIf, spec: WhatIfSpec, lang: str) -> list[str]:
    """The robustness table at 5 and 10 years after the start and the final year, or why only the final year."""
    t = BRIEF[lang]
    hz = r.horizons
    years = horizon_years(spec, r.scenario)
    if hz.empty or hz["horizon"].nunique() < 2:
        final = years[-1][1]
        if series_column(spec.outcome) is None:
            why = t["w_hz_why_outcome"]
        elif len(years) == 1:
            why = t["w_hz_why_short"]
        else:
            why = t["w_hz_why_series"]
        return [t["w_hz_none"].format(year=final, why=why), ""]
    heads = list(dict.fromkeys(zip(hz["horizon"], hz["year"], strict=True)))
    header = [t["option"]] + [
        t["w_hz_final"].format(year=y) if h == "final" else t["w_hz_col"].format(h=h.rstrip("y"), year=y)
        for h, y in heads
    ]
    wide = hz.pivot(index="option", columns="horizon", values="meets_share")
    rows = [[_option_cell(o, r, lang)] + [pct(wide.loc[o, h], lang) for h, _ in heads] for o in spec.options]
    start = heads[0][1] - int(heads[0][0].rstrip("y"))
    intro = t["w_hz_intro"].format(years=t["w_years_and"], start=start)
    return [f"**{t['w_hz_title']}** ({r.scenario.name})", "", intro, "", table(header, rows), ""]


def _option_cell(o: str, r: ScenarioWhatIf, lang: str) -> str:
    """An option's name in bold, marked when it is a package (contains another option)."""
    return f"**{_o(o, lang)}**" + (BRIEF[lang]["w_pkg_mark"] if o in r.packages else "")


def _override_part(wi: WhatIf, lang: str) -> list[str]:
    """Say that the futures replace the scenarios' own values, with a table of each condition's range and values."""
    t = BRIEF[lang]
    spec = wi.spec
    header = [t["w_condition"], t["w_range"], *(t["w_own"].format(scenario=s.name) for s in spec.scenarios)]
    rows = []
    for fac in spec.factors:
        x = wi.futures[fac.name].astype(float)
        lo, hi = float(x.min()), float(x.max())
        d = _digits(fac.name)
        cells = [param_label(fac.name, lang), f"{num(lo, d, lang)}–{num(hi, d, lang)}"]
        for sc in spec.scenarios:
            v = float(sc.values[fac.name])
            txt = num(v, d, lang)
            cells.append(t["w_outside"].format(x=txt) if v < lo - 1e-9 or v > hi + 1e-9 else txt)
        rows.append(cells)
    return [f"## {t['w_override_title']}", "", t["w_override"], "", table(header, rows), ""]


def _digits(name: str) -> int:
    """Decimals for a parameter's value: 2 for a 0-1 parameter, 0 for larger ones."""
    p = BY_NAME.get(name)
    return 2 if p is None or p.high <= 1 else 0


def _failure_line(b: pd.Series, lang: str) -> str:
    """Where one option misses the target, from its row of the boxes table."""
    t = BRIEF[lang]
    kind = failure_kind(b)
    k, n = int(b["futures_missed"]), int(b["futures"])
    if kind == "never":
        return str(t["w_never"].format(name=_o(b["option"], lang)))
    if kind == "always":
        return str(t["w_always"].format(name=_o(b["option"], lang)))
    if kind == "nobox":
        return str(t["w_fail_nobox"].format(name=_o(b["option"], lang), k=k, n=n))
    line = t["w_fail"].format(
        name=_o(b["option"], lang),
        k=k,
        n=n,
        cov=pct(b["coverage"], lang),
        dens=pct(b["density"], lang),
        box=_box_words(b["limits"], lang),
    )
    restricted = [x for x in str(b["restricted"]).split(", ") if x]
    if len(restricted) >= 3:
        line += t["w_box_many"].format(k=len(restricted), n=n)
    return str(line)


def _whatif_table(r: ScenarioWhatIf, spec: WhatIfSpec, lang: str) -> str:
    """The robustness table of one scenario: every option's share meeting the target, regrets and cost."""
    t = BRIEF[lang]
    sc = _scale(spec)
    rows = []
    for opt, row in r.robustness.set_index("option").iterrows():
        cells = [
            _option_cell(str(opt), r, lang),
            pct(row["meets_share"], lang),
            num(row["mean"] * sc.scale, sc.digits, lang),
            num(row["regret_mean"] * sc.scale, sc.digits, lang),
            num(row["regret_max"] * sc.scale, sc.digits, lang),
            num(row["regret_budget_mean"] * sc.scale, sc.digits, lang),
            pct(row["best_share"], lang),
        ]
        if r.packages:
            cells.append("–" if opt in r.packages else pct(row["best_share_single"], lang))
        rows.append([*cells, money(row["cost_per_ward_year"], lang)])
    runit = t["u_pts"] if sc.share else ""
    header: list[Any] = [
        t["option"],
        t["meets"],
        t["mean_out"].format(unit=t["u_share"] if sc.share else ""),
        t["regret_mean"].format(runit=runit),
        t["regret_max"].format(runit=runit),
        t["regret_budget"].format(runit=runit),
        t["best_share"],
        *([t["best_share_single"]] if r.packages else []),
        t["cost_pwy"],
    ]
    return table(header, rows)


def _box_words(limits_json: str, lang: str) -> str:
    """A PRIM box's limits in words: 'label <= 0.42 and 20-60' style, in the language."""
    words = []
    for name, (lo, hi) in json.loads(limits_json).items():
        p = BY_NAME.get(name)
        d = 2 if p is None or p.high <= 1 else 0
        label = param_label(name, lang, mid_sentence=True) if p is not None else name
        if lo is not None and hi is not None:
            words.append(f"{label} {num(lo, d, lang)}–{num(hi, d, lang)}")
        elif lo is not None:
            words.append(f"{label} ≥ {num(lo, d, lang)}")
        else:
            words.append(f"{label} ≤ {num(hi, d, lang)}")
    return (" and " if lang == "en" else " dan ").join(words)
