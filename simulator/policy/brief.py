"""Policy briefs: one Markdown page and one self-contained HTML page a planner can circulate.

``compare_brief`` and ``whatif_brief`` turn results into a :class:`Brief` (Markdown
text plus the plots it shows), in English (``en``) or Bahasa Indonesia (``id``);
``write_brief`` writes ``brief.md`` and ``brief.html`` (the plots embedded as
PNG data, so the HTML file can be mailed on its own).

The findings a brief states (the cheapest option, the most robust one, ...) are computed
first, in :mod:`simulator.policy.findings`; the words, labels and number formats come from
the text layer (:mod:`simulator.i18n`); the HTML page from :mod:`simulator.policy.brief_html`.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.i18n import LANGS, check_lang, money, num, outcome_label, param_label, pct
from simulator.i18n.brief_text import BRIEF
from simulator.params import BY_NAME
from simulator.policy.brief_html import to_html
from simulator.policy.effects import BY_COLUMN
from simulator.policy.files import write_text
from simulator.policy.findings import compare_findings, failure_kind, whatif_findings
from simulator.store import now
from simulator.version import __version__

if TYPE_CHECKING:
    import pandas as pd

    from simulator.policy.compare import Comparison
    from simulator.policy.whatif import WhatIf
    from simulator.policy.whatif_analysis import ScenarioWhatIf
    from simulator.policy.whatif_spec import WhatIfSpec


@dataclass
class Brief:
    """A policy brief.

    Attributes:
        title: Page title.
        markdown: The page as Markdown; images are referenced relative to the output folder.
        lang: ``en`` or ``id``.
    """

    title: str
    markdown: str
    lang: str = "en"


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def _meta(lang: str, runs: str) -> str:
    return "*" + BRIEF[lang]["meta"].format(date=now()[:10], version=__version__, runs=runs) + "*"


# --------------------------------------------------------------------------- compare


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
    md = [f"# {title}", "", _meta(lang, t["c_runs"].format(seeds=pairs)), "", f"## {t['summary']}", ""]
    md += _compare_summary(cmp, lang)
    md += _compare_effects(cmp, lang)
    md += _compare_costs(cmp, lang)
    md += ["", f"## {t['c_paths']}", "", t["c_paths_intro"], ""]
    for p in cmp.policies:
        md += [f"![{p.name}](plots/paths-{p.name}.png)", ""]
    md += [f"## {t['how']}", ""] + [f"- {x}" for x in t["c_how"]]
    refs = [p.name if _is_builtin(p.source) else p.source for p in cmp.policies]
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
    md.append(_table([t["policy"], *(outcome_label(c, lang) for c in outs), t["better_col"]], rows))
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
    md.append(_table([t["policy"], t["cost_total"], t["cost_pwy"], t["extra_wards"], t["cost_per_extra"]], rows))
    return md


def _is_builtin(source: str) -> bool:
    from simulator.scenario import preset_dir

    try:
        return Path(source).resolve().is_relative_to((preset_dir() / "policies").resolve())
    except OSError:
        return False


# --------------------------------------------------------------------------- what-if


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
    md = [f"# {title}", "", _meta(lang, t["w_runs"].format(futures=spec.futures, seeds=spec.seeds)), ""]
    md += [f"## {t['summary']}", "", _whatif_intro(spec, lang), "", "![robustness](plots/robustness.png)", ""]
    for name, r in wi.results.items():
        md += [f"### {name}", ""]
        md += _whatif_findings(r, spec, lang)
        md += ["", f"**{t['w_table']}** ({name})", "", _whatif_table(r, spec, lang), ""]
    md += [f"## {t['w_figs']}", "", t["w_fig_reg"], "", "![regret](plots/regret.png)", "", t["w_fig_fail"], ""]
    for name in wi.results:
        md += [f"![failures {name}](plots/failures-{name}.png)", ""]
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
    mr = f.most_robust
    md = [
        "- "
        + t["w_most_robust"].format(
            name=mr,
            share=pct(rob.loc[mr, "meets_share"], lang),
            regret=_scale(spec).value(rob.loc[mr, "regret_mean"], lang),
            pwy=money(rob.loc[mr, "cost_per_ward_year"], lang),
        )
    ]
    if f.cheaper is not None:
        md.append(
            "- "
            + t["w_cheaper"].format(
                share=pct(f.cheaper_share, lang),
                name=f.cheaper,
                pwy=money(rob.loc[f.cheaper, "cost_per_ward_year"], lang),
            )
        )
    if f.best_value is not None:
        md.append(
            "- "
            + t["w_value"].format(
                name=f.best_value,
                gain=t["pp"].format(x=num(f.best_value_gain, 0, lang)),
                pwy=money(float(rob.loc[f.best_value, "cost_per_ward_year"]), lang),
                ratio=t["pp"].format(x=num(f.best_value_ratio, 1, lang)),
            )
        )
    verdict = t[f"w_{f.stability}"]
    md.append(
        "- "
        + t["w_stab"].format(
            w=num(f.kendall_w, 2, lang), verdict=verdict, winner=f.winner, share=pct(f.winner_share, lang)
        )
    )
    md.append("- " + t["w_fails"])
    md += ["  - " + _failure_line(b, lang) for _, b in r.boxes.iterrows()]
    return md


def _failure_line(b: pd.Series, lang: str) -> str:
    """Where one option misses the target, from its row of the boxes table."""
    t = BRIEF[lang]
    kind = failure_kind(b)
    k, n = int(b["futures_missed"]), int(b["futures"])
    if kind == "never":
        return str(t["w_never"].format(name=b["option"]))
    if kind == "always":
        return str(t["w_always"].format(name=b["option"]))
    if kind == "nobox":
        return str(t["w_fail_nobox"].format(name=b["option"], k=k, n=n))
    return str(
        t["w_fail"].format(
            name=b["option"],
            k=k,
            n=n,
            cov=pct(b["coverage"], lang),
            dens=pct(b["density"], lang),
            box=_box_words(b["limits"], lang),
        )
    )


def _whatif_table(r: ScenarioWhatIf, spec: WhatIfSpec, lang: str) -> str:
    """The robustness table of one scenario: every option's share meeting the target, regrets and cost."""
    t = BRIEF[lang]
    sc = _scale(spec)
    rows = []
    for opt, row in r.robustness.set_index("option").iterrows():
        rows.append(
            [
                f"**{opt}**",
                pct(row["meets_share"], lang),
                num(row["mean"] * sc.scale, sc.digits, lang),
                num(row["regret_mean"] * sc.scale, sc.digits, lang),
                num(row["regret_max"] * sc.scale, sc.digits, lang),
                pct(row["best_share"], lang),
                money(row["cost_per_ward_year"], lang),
            ]
        )
    header: list[Any] = [
        t["option"],
        t["meets"],
        t["mean_out"].format(unit=t["u_share"] if sc.share else ""),
        t["regret_mean"].format(runit=t["u_pts"] if sc.share else ""),
        t["regret_max"].format(runit=t["u_pts"] if sc.share else ""),
        t["best_share"],
        t["cost_pwy"],
    ]
    return _table(header, rows)


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


# --------------------------------------------------------------------------- writing


def write_brief(brief: Brief, out: Path) -> list[str]:
    """Write ``brief.md`` and a self-contained ``brief.html`` into ``out``.

    Args:
        brief: The brief.
        out: The output folder (holding the plots the brief references).

    Returns:
        The files written, relative to ``out``.
    """
    write_text(out / "brief.md", brief.markdown)
    write_text(out / "brief.html", to_html(brief, out))
    return ["brief.md", "brief.html"]


__all__ = ["LANGS", "Brief", "compare_brief", "money", "num", "to_html", "whatif_brief", "write_brief"]
