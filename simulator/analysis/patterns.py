"""The study's patterns (MODEL_BRIEF section 4), each defined once.

A pattern names the scenario variants it needs (parameter changes relative to
the scenario under test), the statistic it measures over the results store's
tables, and the threshold the statistic must meet. ``plpbk validate``, the test
suite, ``plpbk calibrate`` and ``docs/validation.md`` all use these definitions.

Statistics are computed over replicate seeds; variants share seeds (common
random numbers), so comparisons are paired by seed. Intervals are 95%
percentile bootstrap intervals over seeds (2,000 resamples, fixed seed).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from simulator.model import mechanisms as mech
from simulator.params import AID_FORMS
from simulator.scenario import Scenario

BASE = "base"
N_BOOT = 2000


@dataclass(frozen=True)
class PatternResult:
    """The outcome of one pattern check.

    Attributes:
        number: Pattern number (MODEL_BRIEF section 4).
        value: The statistic.
        low: Lower end of its 95% interval.
        high: Upper end of its 95% interval.
        passed: Whether the threshold is met.
        detail: Supporting figures in plain words.
    """

    number: int
    value: float
    low: float
    high: float
    passed: bool
    detail: str = ""


@dataclass(frozen=True)
class PatternData:
    """The tables a pattern reads, split by variant.

    Attributes:
        scenario: The scenario under test.
        summary: One row per run, with a ``variant`` column.
        timeseries: One row per run and year, with a ``variant`` column.
        events: The event log (may be empty), with a ``variant`` column.
        wards: Final ward states, with a ``variant`` column.
    """

    scenario: Scenario
    summary: pd.DataFrame
    timeseries: pd.DataFrame
    events: pd.DataFrame
    wards: pd.DataFrame

    def runs(self, variant: str) -> pd.DataFrame:
        """Summary rows of one variant, ordered by replicate."""
        s = self.summary[self.summary["variant"] == variant]
        return s.sort_values("replicate").reset_index(drop=True)

    def series(self, variant: str) -> pd.DataFrame:
        """Time-series rows of one variant."""
        return self.timeseries[self.timeseries["variant"] == variant]

    def paired(self, a: str, b: str, column: str) -> np.ndarray:
        """Per-seed difference ``b - a`` of a summary column (paired by replicate)."""
        x = self.runs(a).set_index("replicate")[column]
        y = self.runs(b).set_index("replicate")[column]
        both = x.index.intersection(y.index)
        return (y.loc[both] - x.loc[both]).to_numpy(dtype=float)


@dataclass(frozen=True)
class Pattern:
    """One pattern the model must reproduce.

    Attributes:
        number: Its number in MODEL_BRIEF section 4.
        title: Short title.
        claim: The pattern in plain words.
        source: The sentence of the study (or brief) it comes from.
        statistic: What is measured.
        threshold: What the statistic must meet.
        variants: Scenario variants it needs: name -> parameter changes.
        compute: The statistic over the tables.
    """

    number: int
    title: str
    claim: str
    source: str
    statistic: str
    threshold: str
    variants: Callable[[Scenario], dict[str, dict[str, Any]]]
    compute: Callable[[PatternData], PatternResult]
    tags: tuple[str, ...] = field(default=())


def bootstrap_mean(x: np.ndarray, seed: int = 0) -> tuple[float, float, float]:
    """Mean of x with a 95% percentile bootstrap interval.

    Args:
        x: Values, one per seed.
        seed: Seed of the resampling.

    Returns:
        (mean, low, high); NaN for an empty sample.
    """
    x = np.asarray(x, dtype=float)
    x = x[~np.isnan(x)]
    if len(x) == 0:
        return float("nan"), float("nan"), float("nan")
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(x), size=(N_BOOT, len(x)))
    means = x[idx].mean(axis=1)
    return float(x.mean()), float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))


def _years(sc: Scenario) -> tuple[int, int]:
    return int(sc.values["time.start_year"]), int(sc.values["time.years"])


# --------------------------------------------------------------------------- the ten patterns


def _p1_variants(sc: Scenario) -> dict[str, dict[str, Any]]:
    start, _ = _years(sc)
    return {
        "no-marketing": {"programme.marketing_after": 0.0},
        "marketing-sustained": {"levers.marketing_push": 1.0, "levers.marketing_push_start": start + 3},
    }


def _retained(d: PatternData, variant: str) -> pd.Series:
    """Per seed: mean partnerships over the last 5 years / peak partnerships."""
    ts = d.series(variant)
    last = ts[ts["year"] > ts["year"].max() - 5]
    tail = last.groupby("replicate")["partnerships_active"].mean()
    peak = ts.groupby("replicate")["partnerships_active"].max()
    return (tail / peak.where(peak > 0)).sort_index()


def _p1(d: PatternData) -> PatternResult:
    none, push = _retained(d, "no-marketing"), _retained(d, "marketing-sustained")
    both = none.index.intersection(push.index)
    diff = (push.loc[both] - none.loc[both]).to_numpy()
    v, lo, hi = bootstrap_mean(diff)
    n_mean = float(none.mean())
    ok = lo > 0 and n_mean < 0.75
    return PatternResult(
        1,
        v,
        lo,
        hi,
        ok,
        f"last-5-year partnerships / peak: {n_mean:.2f} without marketing, {float(push.mean()):.2f} with it",
    )


def _p2(d: PatternData) -> PatternResult:
    start, _ = _years(d.scenario)
    peak = d.runs(BASE)["partnerships_peak_year"].to_numpy(dtype=float) - start + 1
    hit = ((peak >= 2) & (peak <= 5)).astype(float)  # the marketing tranche is spent in years 2-3
    v, lo, hi = bootstrap_mean(hit)
    return PatternResult(2, v, lo, hi, v >= 0.8, f"median peak in programme year {np.median(peak):.0f}")


def _p3(d: PatternData) -> PatternResult:
    r = d.runs(BASE)
    lost = 1.0 - r["accept_rate_private"].to_numpy(dtype=float)
    v, lo, hi = bootstrap_mean(lost)
    gap = r["accept_rate_government"].to_numpy(dtype=float) - r["accept_rate_private"].to_numpy(dtype=float)
    g, glo, _ = bootstrap_mean(gap)
    lag_ok = True
    ev = d.events
    if len(ev):
        e = ev[(ev["variant"] == BASE) & (ev["sector"] == "government")]
        acc = e[(e["event"] == "proposal") & (e["status"] == "accepted")].groupby("replicate")["year"].min()
        dl = e[e["event"] == "delivery"].groupby("replicate")["year"].min()
        lag = int(d.scenario.values["government.payment_lag"])
        both = acc.index.intersection(dl.index)
        lag_ok = bool(((dl.loc[both] - acc.loc[both]) == lag).all())
    ok = lo > 0.5 and glo > 0 and lag_ok
    return PatternResult(
        3,
        v,
        lo,
        hi,
        ok,
        f"private proposals unanswered or refused: {v:.0%}; government accepts {g:+.2f} more of its proposals"
        f"{'' if lag_ok else '; government aid NOT paid after the lag'}",
    )


_ENABLERS = {"trust": "trust.initial", "coordination": "bkm.coordination", "marketing team": "bkm.marketing_skill"}


def _p4_variants(sc: Scenario) -> dict[str, dict[str, Any]]:
    out = {}
    for label, key in _ENABLERS.items():
        out[f"{label} low"] = {key: 0.3}
        out[f"{label} high"] = {key: 0.7}
    return out


def _p4(d: PatternData) -> PatternResult:
    ok, parts, worst = True, [], (float("inf"), 0.0, 0.0)
    for label in _ENABLERS:
        v, lo, hi = bootstrap_mean(d.paired(f"{label} low", f"{label} high", "partnerships_mean"))
        sv, _, _ = bootstrap_mean(d.paired(f"{label} low", f"{label} high", "sustained_share_mean"))
        ok &= lo > 0 and sv > 0
        worst = min(worst, (v, lo, hi))
        parts.append(f"{label} {v:+.1f} partnerships, {sv:+.3f} sustained")
    return PatternResult(
        4,
        worst[0],
        worst[1],
        worst[2],
        ok,
        "0.3 -> 0.7: " + "; ".join(parts) + " (value: the smallest partnership gain)",
    )


def _p5_variants(sc: Scenario) -> dict[str, dict[str, Any]]:
    return {"weak managing body": {"bkm.managing_body": 0.2}, "strong managing body": {"bkm.managing_body": 0.8}}


def _p5(d: PatternData) -> PatternResult:
    cond = d.paired("weak managing body", "strong managing body", "mean_condition_final")
    v, lo, hi = bootstrap_mean(cond)
    fees = {}
    for var in ("weak managing body", "strong managing body"):
        ts = d.series(var)
        fees[var] = ts["fees_collected"].sum() / max(ts["fees_potential"].sum(), 1e-9)
    built = d.runs("weak managing body")["aid_physical"].mean()
    ok = bool(lo > 0 and fees["weak managing body"] < fees["strong managing body"] and built > 0)
    return PatternResult(
        5,
        v,
        lo,
        hi,
        ok,
        f"final asset condition +{v:.2f} with a strong body; fees collected {fees['weak managing body']:.0%} "
        f"vs {fees['strong managing body']:.0%} of what was due",
    )


def _p6(d: PatternData) -> PatternResult:
    w = d.wards[d.wards["variant"] == BASE]
    strong = w["maturity_start"].isin(["mandiri", "madani"])
    share = w["grant_spent"] / w["grant_received"].where(w["grant_received"] > 0)
    by_seed = w.assign(strong=strong, share=share).groupby(["replicate", "strong"])
    parts = by_seed["partnership_years"].mean().unstack()
    spend = by_seed["share"].mean().unstack()
    if True not in parts.columns or False not in parts.columns:
        return PatternResult(6, float("nan"), float("nan"), float("nan"), False, "needs strong and weak BKMs")
    v, lo, hi = bootstrap_mean((parts[True] - parts[False]).to_numpy())
    s_strong, s_weak = float(spend[True].mean()), float(spend[False].mean())
    ok = lo > 0 and s_strong >= 0.98 and s_strong > s_weak
    return PatternResult(
        6,
        v,
        lo,
        hi,
        ok,
        f"grant spent {s_strong:.0%} (mandiri/madani) vs {s_weak:.0%}; {v:+.2f} partnership-years per ward",
    )


def _p7(d: PatternData) -> PatternResult:
    r = d.runs(BASE)
    each = np.column_stack([r[f"aid_{f}"].to_numpy(dtype=float) > 0 for f in AID_FORMS]).all(axis=1)
    v, lo, hi = bootstrap_mean(each.astype(float))
    return PatternResult(7, v, lo, hi, v == 1.0, "share of runs in which all four aid forms were delivered")


def _p8(d: PatternData) -> PatternResult:
    w = d.wards[d.wards["variant"] == BASE]

    def corr(g: pd.DataFrame) -> float:
        a, b = g["partnership_years"].to_numpy(float), g["sustained_years"].to_numpy(float)
        return float(np.corrcoef(a, b)[0, 1]) if a.std() > 0 and b.std() > 0 else float("nan")

    r = np.array([corr(g) for _, g in w.groupby("replicate")])
    v, lo, hi = bootstrap_mean(r)
    return PatternResult(
        8, v, lo, hi, lo > 0, f"correlation across wards of partnership-years and sustained years: {v:.2f}"
    )


def _p9(d: PatternData) -> PatternResult:
    v = d.scenario.values
    ls, lf = float(v["trust.learn_success"]), float(v["trust.learn_failure"])
    t0 = 0.5  # the middle of the trust scale (initial trust is now a cautious prior, below it)
    loss = t0 - float(mech.trust_update(t0, 0, ls, lf))
    gain = float(mech.trust_update(t0, 1, ls, lf)) - t0
    t, steps = float(mech.trust_update(t0, 0, ls, lf)), 0
    while t < t0 - 1e-9 and steps < 100:
        t = float(mech.trust_update(t, 1, ls, lf))
        steps += 1
    ratio = loss / gain if gain > 0 else float("inf")
    return PatternResult(
        9,
        ratio,
        ratio,
        ratio,
        ratio > 1 and steps >= 2,
        f"one failure costs {loss:.3f} trust, one success earns {gain:.3f}; {steps} successes to recover",
    )


def _p10_variants(sc: Scenario) -> dict[str, dict[str, Any]]:
    start, _ = _years(sc)
    leave = start + int(sc.values["programme.facilitation_years"])
    return {"facilitators stay": {"levers.facilitation": 0.7, "levers.facilitation_start": leave}}


def _p10(d: PatternData) -> PatternResult:
    cap = d.paired(BASE, "facilitators stay", "mean_capacity_final")
    v, lo, hi = bootstrap_mean(cap)
    part, plo, _ = bootstrap_mean(d.paired(BASE, "facilitators stay", "partnerships_final"))
    ts = d.series(BASE)
    start, _ = _years(d.scenario)
    leave = start + int(d.scenario.values["programme.facilitation_years"]) - 1
    at_leave = ts[ts["year"] == leave]["mean_capacity"].mean()
    end = ts[ts["year"] == ts["year"].max()]["mean_capacity"].mean()
    ok = bool(lo > 0 and plo > 0 and end < at_leave)
    return PatternResult(
        10,
        v,
        lo,
        hi,
        ok,
        f"mean capacity {at_leave:.2f} when facilitators leave -> {end:.2f} at the end; "
        f"keeping them: capacity {v:+.2f}, partnerships {part:+.1f}",
    )


def _none(sc: Scenario) -> dict[str, dict[str, Any]]:
    return {}


PATTERNS: tuple[Pattern, ...] = (
    Pattern(
        1,
        "marketing keeps partnerships",
        "With no marketing after the grant ends, active partnerships decline within a few years; "
        "with sustained marketing they level off.",
        "Enablers: 'a marketing team that understands the concept'; efforts: 'actively marketing the programme'.",
        "paired difference, sustained marketing minus none, of (mean partnerships in the last 5 years / peak)",
        "interval above 0, and without marketing the ratio is below 0.75",
        _p1_variants,
        _p1,
    ),
    Pattern(
        2,
        "activity peaks with the marketing tranche",
        "Partnership activity peaks during or just after the grant's marketing tranche.",
        "BLM2 includes Rp 100 m for marketing (Kebondalem); partnerships 'have not fully continued'.",
        "share of runs whose partnership peak falls in programme years 2-5",
        "at least 0.8",
        _none,
        _p2,
    ),
    Pattern(
        3,
        "few institutions respond",
        "Private-route proposals are mostly unanswered or refused; the government route accepts more but later.",
        "Obstacles: 'few institutions respond'; two paths: proposals to government and to the private sector.",
        "share of private-route proposals unanswered or refused",
        "interval above 0.5; government acceptance higher (interval above 0); government aid paid after the lag",
        _none,
        _p3,
    ),
    Pattern(
        4,
        "enablers raise survival",
        "More trust, better coordination or a stronger marketing team each raise partnership survival "
        "and programme sustainability (on average).",
        "Enablers: 'communication and coordination', 'trust', 'a marketing team that understands the concept'.",
        "smallest paired gain (0.7 vs 0.3) in mean active partnerships among the three enablers",
        "every enabler's partnership gain has its interval above 0, and its sustained-share gain is positive",
        _p4_variants,
        _p4,
    ),
    Pattern(
        5,
        "a weak managing body loses the assets",
        "A weak managing body leaves assets to decay and fees unpaid even where building succeeded.",
        "Obstacles: 'the managing body is not yet effective'; Kraton Kidul: vendors stopped paying the fees.",
        "paired difference, strong (0.8) minus weak (0.2) managing body, of final asset condition",
        "interval above 0; a smaller share of fees collected with the weak body; assets were built",
        _p5_variants,
        _p5,
    ),
    Pattern(
        6,
        "stronger BKMs do more",
        "Stronger BKMs spend their grant fully and hold more partnerships than weaker ones.",
        "Podosugih spent 93% of its grant; BKM maturity levels (berdaya, mandiri, madani).",
        "partnership-years per ward over the run, mandiri/madani minus tidak berdaya/berdaya BKMs",
        "interval above 0; strong BKMs spend >= 98% of the grant, more than weak ones",
        _none,
        _p6,
    ),
    Pattern(
        7,
        "all four forms of aid",
        "All four aid forms occur in baseline runs.",
        "Findings: 'four forms: physical aid, money aid, programme aid and aid in events'.",
        "share of runs in which physical, money, programme and event aid were all delivered",
        "equal to 1",
        _none,
        _p7,
    ),
    Pattern(
        8,
        "partnerships and sustainability go together",
        "Across wards, sustained partnerships and a sustained programme go together.",
        "'Sustained partnership affects the sustainability of PLPBK in both places.'",
        "correlation across a run's wards of partnership-years and years with a sustained programme",
        "interval above 0",
        _none,
        _p8,
    ),
    Pattern(
        9,
        "trust is lost faster than won",
        "One failed project costs more trust than one success earns; recovery takes years.",
        "Enabler 'trust in the partnership'; negativity bias (Slovic 1993).",
        "trust lost by one failure / trust gained by one success, at trust 0.5",
        "above 1, and at least 2 successes needed to recover",
        _none,
        _p9,
    ),
    Pattern(
        10,
        "facilitators leaving",
        "Facilitators leaving without capacity investment leads to capacity erosion and fewer partnerships.",
        "Government as facilitator (pendamping); efforts: 'strengthening the BKM as an institution'.",
        "paired difference, facilitators staying minus leaving, of final mean capacity",
        "interval above 0; partnerships also higher; capacity falls after they leave",
        _p10_variants,
        _p10,
    ),
)
"""The ten patterns of MODEL_BRIEF section 4, in order."""


def variants(sc: Scenario, patterns: tuple[Pattern, ...] = PATTERNS) -> dict[str, dict[str, Any]]:
    """All variants the patterns need, ``base`` first (name -> parameter changes)."""
    out: dict[str, dict[str, Any]] = {BASE: {}}
    for p in patterns:
        out.update(p.variants(sc))
    return out


def evaluate(data: PatternData, patterns: tuple[Pattern, ...] = PATTERNS) -> list[PatternResult]:
    """Compute every pattern's statistic and verdict from the tables."""
    return [p.compute(data) for p in patterns]


def results_table(results: list[PatternResult], patterns: tuple[Pattern, ...] = PATTERNS) -> pd.DataFrame:
    """One row per pattern: number, title, statistic, value, interval, threshold, verdict, detail."""
    by = {p.number: p for p in patterns}
    return pd.DataFrame(
        [
            {
                "pattern": r.number,
                "title": by[r.number].title,
                "statistic": by[r.number].statistic,
                "value": r.value,
                "ci_low": r.low,
                "ci_high": r.high,
                "threshold": by[r.number].threshold,
                "passed": r.passed,
                "detail": r.detail,
            }
            for r in results
        ]
    )


def label_variants(df: pd.DataFrame, names: Mapping[int, str]) -> pd.DataFrame:
    """Add a ``variant`` column from the design point index."""
    if df.empty:
        return df.assign(variant=pd.Series(dtype=object))
    return df.assign(variant=df["point"].map(names))
