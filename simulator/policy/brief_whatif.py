"""The brief of a what-if experiment (``plpbk whatif``): robustness, regret and where each option fails.

The findings it states come from :mod:`simulator.policy.findings`, the words from
:mod:`simulator.i18n.brief_text`; :mod:`simulator.policy.brief` holds the :class:`Brief`
and writes it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.i18n import check_lang, money, num, param_label, pct
from simulator.i18n.brief_text import BRIEF
from simulator.params import BY_NAME
from simulator.policy.brief import Brief, meta, table
from simulator.policy.effects import BY_COLUMN
from simulator.policy.findings import failure_kind, whatif_findings

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
