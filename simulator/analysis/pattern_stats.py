"""How each pattern of :mod:`simulator.analysis.patterns` is measured: its variants and its statistic.

For pattern *n*, ``pn_variants`` (or :func:`no_variants`) names the scenario variants it
needs, as parameter changes relative to the scenario under test, and ``pn_statistic``
computes its statistic, 95% interval and verdict from the results store's tables
(:class:`PatternData`) as a :class:`PatternResult`. The constants below are the
patterns' design (levels, thresholds, windows); ``patterns.py`` quotes them in its
thresholds and re-exports this module's public names.

Statistics are computed over replicate seeds; variants share seeds (common
random numbers), so comparisons are paired by seed. Intervals are 95%
percentile bootstrap intervals over seeds (2,000 resamples, fixed seed). A
pattern passes when its interval, not its point estimate, clears the threshold.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

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


# --------------------------------------------------------------------------- shared helpers

LONG_YEARS = 8
"""A partnership lasting this many years or more is long (pattern 1)."""
SHORT_YEARS = 4
"""A partnership lasting at most this many years is short (pattern 1)."""
LONG_SHARE_RANGE = (0.05, 0.40)
"""Pattern 1: the share of long partnerships is a minority of 5-40%."""
EFFORT_SIZE = 0.6
"""Size of each of the study's efforts in patterns 7 and 9 (as in the shipped policies)."""
LOW, HIGH = 0.1, 0.9
"""Pattern 4: the low and high level of each enabler in the 2 x 2 design."""
ANSWER_ALL = 0.9
"""Pattern 3: firms' willingness to answer raised to this, awareness unchanged."""
POOR_MARKET = 0.15
"""Pattern 6: market access of the poor-market variant (Kraton Kidul's, the record's weak location)."""
STRONG = 0.9
"""Pattern 9: enablers high and obstacles low (coordination, skill, managing body)."""
STRONG_TRUST = 0.8
"""Pattern 9: partners' starting trust with enablers high."""
LONG_RUN = 60
"""Pattern 9: years of the long run."""
HOLD_TOLERANCE = 0.02
"""Pattern 9: 'holds level' allows the sustained share to fall at most this much over 40 years."""
COLLAPSED = 0.2
"""Pattern 9: with nobody answering, the sustained share ten years after the grant is below this."""
EARLY_EXIT = 2
"""Pattern 8: facilitators leave after this many years instead of the programme's own."""
RESTORE_DELAY = 2
"""Pattern 8: facilitation is restored this many years after the programme's facilitators leave."""
WINDOW = 5
"""Patterns 7 and 8: years over which partnerships are compared ('within 5 years', '5 years after')."""
MEMORY = 0.1
"""Pattern 8: 'recovers only part of the loss' means more than this share of it is still missing."""
DECADE = 10


def _years(sc: Scenario) -> tuple[int, int]:
    return int(sc.values["time.start_year"]), int(sc.values["time.years"])


def grant_end(sc: Scenario) -> int:
    """Calendar year of the grant's last tranche."""
    start, _ = _years(sc)
    return start + int(sc.values["grant.implementation_2_year"]) - 1


def facilitators_leave(sc: Scenario) -> int:
    """First calendar year without the programme's facilitators."""
    start, _ = _years(sc)
    return start + int(sc.values["programme.facilitation_years"])


def _per_seed_mean(ts: pd.DataFrame, column: str, first: int, last: int) -> pd.Series:
    """Per replicate: mean of a time-series column over calendar years first..last."""
    sel = ts[(ts["year"] >= first) & (ts["year"] <= last)]
    return sel.groupby("replicate")[column].mean().sort_index()


def _paired_series(d: PatternData, a: str, b: str, column: str, first: int, last: int) -> pd.Series:
    """Per seed ``b - a`` of a time-series column's mean over years first..last (indexed by replicate)."""
    x = _per_seed_mean(d.series(a), column, first, last)
    y = _per_seed_mean(d.series(b), column, first, last)
    both = x.index.intersection(y.index)
    return (y.loc[both] - x.loc[both]).astype(float)


def _events(d: PatternData, variant: str, kind: str) -> pd.DataFrame:
    ev = d.events
    if ev.empty:
        return ev
    return ev[(ev["variant"] == variant) & (ev["event"] == kind)]


def _fmt(v: float, lo: float, hi: float, digits: int = 2) -> str:
    return f"{v:+.{digits}f} [{lo:+.{digits}f}, {hi:+.{digits}f}]"


def no_variants(sc: Scenario) -> dict[str, dict[str, Any]]:
    """A pattern that reads only the scenario under test (the ``base`` variant)."""
    return {}


def _efforts(sc: Scenario, levers: tuple[str, ...]) -> dict[str, Any]:
    start = facilitators_leave(sc)
    out: dict[str, Any] = {}
    for lever in levers:
        out[f"levers.{lever}"] = EFFORT_SIZE
        out[f"levers.{lever}_start"] = start
    return out


EFFORTS = {"marketing": "marketing_push", "strengthening": "strengthening", "consistent team": "consistent_team"}
"""The study's three efforts and the levers that carry them."""


# --------------------------------------------------------------------------- 1 not fully continued


def p1_statistic(d: PatternData) -> PatternResult:
    """Pattern 1: the share of ended partnerships that lasted ``LONG_YEARS`` or more, per seed."""
    ends = _events(d, BASE, "partnership_end")
    if ends.empty:
        return PatternResult(1, float("nan"), float("nan"), float("nan"), False, "no partnership ever ended")
    dur = ends.groupby("replicate")["duration"]
    long_share = dur.apply(lambda x: float((x >= LONG_YEARS).mean())).to_numpy()
    short_share = float(dur.apply(lambda x: float((x <= SHORT_YEARS).mean())).mean())
    v, lo, hi = bootstrap_mean(long_share)
    r = d.runs(BASE)
    fall = float((r["partnerships_after_grant"] / r["partnerships_peak"].where(r["partnerships_peak"] > 0)).mean())
    final = float(r["partnerships_final"].mean())
    a, b = LONG_SHARE_RANGE
    ok = bool(lo >= a and hi <= b and short_share >= 0.5 and final > 0 and fall < 1)
    return PatternResult(
        1,
        v,
        lo,
        hi,
        ok,
        f"of the partnerships that ended, {short_share:.0%} lasted 1-{SHORT_YEARS} years and {v:.0%} "
        f"{LONG_YEARS}+; after the grant {fall:.0%} of the peak stays alive; {final:.1f} live at the end",
    )


# --------------------------------------------------------------------------- 2 trust is path-dependent


def first_deliveries(d: PatternData) -> pd.DataFrame:
    """Each partnership's first delivery outcome and its duration (censored at the end of the run).

    Args:
        d: The tables (the base variant's events are read).

    Returns:
        One row per partnership that started at least ``WINDOW`` years before the end and had a
        delivery: ``replicate, ward, partner, start, status`` (of the first delivery) and ``dur``.
    """
    start = _events(d, BASE, "partnership_start")[["replicate", "year", "ward", "partner"]]
    dl = _events(d, BASE, "delivery")[["replicate", "year", "ward", "partner", "status"]]
    end = _events(d, BASE, "partnership_end")
    if start.empty or dl.empty:
        return pd.DataFrame(columns=["replicate", "ward", "status", "dur"])
    start = start.rename(columns={"year": "start"})
    k = start.merge(dl, on=["replicate", "ward", "partner"])
    k = k[k["year"] >= k["start"]].sort_values("year")
    k = k.groupby(["replicate", "ward", "partner", "start"], as_index=False).first()
    ended = end.assign(start=end["year"] - end["duration"])[["replicate", "ward", "partner", "start", "duration"]]
    k = k.merge(ended, on=["replicate", "ward", "partner", "start"], how="left")
    last = int(d.series(BASE)["year"].max())
    k["dur"] = k["duration"].fillna(last - k["start"] + 1)
    return k[k["start"] <= last - WINDOW]


def p2_statistic(d: PatternData) -> PatternResult:
    """Pattern 2: years alive after a good first delivery minus after a failed one, within starting bands."""
    k = first_deliveries(d)
    w = d.wards[d.wards["variant"] == BASE][["replicate", "ward", "maturity_start"]]
    k = k.merge(w, on=["replicate", "ward"])
    g = k.groupby(["replicate", "maturity_start", "status"])["dur"].mean().unstack()
    if "succeeded" not in g.columns or "failed" not in g.columns:
        return PatternResult(2, float("nan"), float("nan"), float("nan"), False, "no failed or no good first delivery")
    gap = (g["succeeded"] - g["failed"]).groupby("replicate").mean()
    v, lo, hi = bootstrap_mean(gap.to_numpy())
    n_fail = int((k["status"] == "failed").sum())
    return PatternResult(
        2,
        v,
        lo,
        hi,
        bool(lo > 0),
        f"partnerships whose first delivery succeeded last {v:+.2f} years longer than those whose first failed "
        f"(same starting band; {n_fail} of {len(k)} first deliveries failed)",
    )


# --------------------------------------------------------------------------- 3 few institutions respond


def p3_variants(sc: Scenario) -> dict[str, dict[str, Any]]:
    """Pattern 3: firms answer ``ANSWER_ALL`` of the proposals they see, awareness unchanged."""
    return {"firms answer more": {"firms.responsiveness": ANSWER_ALL}}


def p3_statistic(d: PatternData) -> PatternResult:
    """Pattern 3: the share of firms that ever partner when firms answer more."""
    more = d.runs("firms answer more")["firms_ever_partnered_share"].to_numpy(dtype=float)
    base = float(d.runs(BASE)["firms_ever_partnered_share"].mean())
    v, lo, hi = bootstrap_mean(more)
    return PatternResult(
        3,
        v,
        lo,
        hi,
        bool(hi < 0.5 and base < 0.5),
        f"firms that ever partner over the run: {base:.0%}; with firms answering {ANSWER_ALL:.0%} of the "
        f"proposals they see: {v:.0%}",
    )


# --------------------------------------------------------------------------- 4 enablers are complementary

P4_CELLS = {
    (LOW, LOW): "enablers: team low, ties low",
    (HIGH, LOW): "enablers: team high, ties low",
    (LOW, HIGH): "enablers: team low, ties high",
    (HIGH, HIGH): "enablers: team high, ties high",
}


def p4_variants(sc: Scenario) -> dict[str, dict[str, Any]]:
    """Pattern 4: the 2 x 2 cells of :data:`P4_CELLS` (marketing team x coordination and trust)."""
    return {
        name: {"bkm.marketing_skill": team, "bkm.coordination": ties, "trust.initial": ties}
        for (team, ties), name in P4_CELLS.items()
    }


def p4_statistic(d: PatternData) -> PatternResult:
    """Pattern 4: difference-in-differences of live partnerships after the grant over the 2 x 2 cells."""
    col = "partnerships_after_grant"
    high_ties = d.paired(P4_CELLS[(LOW, HIGH)], P4_CELLS[(HIGH, HIGH)], col)
    low_ties = d.paired(P4_CELLS[(LOW, LOW)], P4_CELLS[(HIGH, LOW)], col)
    v, lo, hi = bootstrap_mean(high_ties - low_ties)
    return PatternResult(
        4,
        v,
        lo,
        hi,
        bool(lo > 0),
        f"a strong marketing team ({LOW} -> {HIGH}) adds {high_ties.mean():+.1f} partnerships a year where "
        f"coordination and trust are high, {low_ties.mean():+.1f} where they are low",
    )


# --------------------------------------------------------------------------- 5 money without management


def p5_variants(sc: Scenario) -> dict[str, dict[str, Any]]:
    """Pattern 5: a run lasting until ten years after the grant (at most the scenario's own years)."""
    start, years = _years(sc)
    return {"ten years on": {"time.years": min(years, grant_end(sc) - start + 1 + DECADE)}}


def p5_statistic(d: PatternData) -> PatternResult:
    """Pattern 5: the smaller of corr(condition, managing body) and corr(condition, fees) minus corr(condition, aid)."""
    w = d.wards[d.wards["variant"] == "ten years on"]

    def corr(g: pd.DataFrame, x: str) -> float:
        a, b = g["condition"].to_numpy(float), g[x].to_numpy(float)
        return float(np.corrcoef(a, b)[0, 1]) if a.std() > 0 and b.std() > 0 else float("nan")

    cols = ("managing_body", "fees_collected", "aid_received")
    rows = [tuple(corr(g, x) for x in cols) for _, g in w.groupby("replicate")]
    c = np.array(rows, dtype=float).reshape(-1, 3)
    v, lo, hi = bootstrap_mean(np.minimum(c[:, 0], c[:, 1]) - c[:, 2])
    m = np.nanmean(c, axis=0) if len(c) else np.full(3, np.nan)
    return PatternResult(
        5,
        v,
        lo,
        hi,
        bool(lo > 0),
        f"across wards ten years after the grant, asset condition correlates {m[0]:.2f} with the managing body, "
        f"{m[1]:.2f} with fee revenue, {m[2]:.2f} with the aid received",
    )


# --------------------------------------------------------------------------- 6 demand matters


def p6_variants(sc: Scenario) -> dict[str, dict[str, Any]]:
    """Pattern 6: market access ``POOR_MARKET``, the same BKMs."""
    return {"poor market": {"demand.market_access": POOR_MARKET}}


def p6_statistic(d: PatternData) -> PatternResult:
    """Pattern 6: the paired fall in the mean sustained share with a poor market."""
    loss = -d.paired(BASE, "poor market", "sustained_share_mean")
    fees = d.paired(BASE, "poor market", "fees_total")
    v, lo, hi = bootstrap_mean(loss)
    base_fees = float(d.runs(BASE)["fees_total"].mean())
    share = float(np.mean(fees)) / base_fees if base_fees > 0 else float("nan")
    return PatternResult(
        6,
        v,
        lo,
        hi,
        bool(lo > 0 and np.mean(fees) < 0),
        f"with market access {POOR_MARKET} (same BKMs) fees change by {share:+.0%} and the sustained share "
        f"by {-v:+.3f} (mean over the run)",
    )


# --------------------------------------------------------------------------- 7 the efforts work


def p7_variants(sc: Scenario) -> dict[str, dict[str, Any]]:
    """Pattern 7: each of the study's three efforts alone, and the three together."""
    out = {f"effort: {name}": _efforts(sc, (lever,)) for name, lever in EFFORTS.items()}
    out["efforts together"] = _efforts(sc, tuple(EFFORTS.values()))
    return out


def p7_statistic(d: PatternData) -> PatternResult:
    """Pattern 7: the smallest paired gain among the efforts in live partnerships ``WINDOW`` years on."""
    first = grant_end(d.scenario) + WINDOW
    last = int(d.series(BASE)["year"].max())
    gains = {n: _paired_series(d, BASE, f"effort: {n}", "partnerships_active", first, last) for n in EFFORTS}
    together = _paired_series(d, BASE, "efforts together", "partnerships_active", first, last)
    stats = {n: bootstrap_mean(g.to_numpy()) for n, g in gains.items()}
    best = pd.concat(gains, axis=1).max(axis=1)
    _, extra_lo, _ = bootstrap_mean((together - best).to_numpy())
    weakest = min(stats, key=lambda n: stats[n][1])
    v, lo, hi = stats[weakest]
    ok = bool(all(s[1] > 0 for s in stats.values()) and extra_lo > 0)
    parts = "; ".join(f"{n} {s[0]:+.1f}" for n, s in stats.items())
    return PatternResult(
        7,
        v,
        lo,
        hi,
        ok,
        f"live partnerships from {first} on: {parts}; together {together.mean():+.1f} (value: the weakest, {weakest})",
    )


# --------------------------------------------------------------------------- 8 capability trap


def restore_year(sc: Scenario) -> int:
    """Pattern 8: calendar year facilitation is restored."""
    return facilitators_leave(sc) + RESTORE_DELAY


def p8_variants(sc: Scenario) -> dict[str, dict[str, Any]]:
    """Pattern 8: facilitation restored, with and without the facilitators leaving early."""
    v = sc.values
    size = min(1.0, float(v["programme.facilitation_during"]) - float(v["programme.facilitation_after"]))
    restore = {"levers.facilitation": max(0.0, size), "levers.facilitation_start": restore_year(sc)}
    return {
        "facilitation restored": restore,
        "facilitators leave early, restored": {"programme.facilitation_years": EARLY_EXIT, **restore},
    }


def p8_statistic(d: PatternData) -> PatternResult:
    """Pattern 8: the share of the early exit's capacity loss still missing after facilitation is restored."""
    start, _ = _years(d.scenario)
    r = restore_year(d.scenario)
    full, early = "facilitation restored", "facilitators leave early, restored"
    lost = -_paired_series(d, full, early, "partnerships_active", start + EARLY_EXIT, r - 1)
    cap = -_paired_series(d, full, early, "mean_capacity", start + EARLY_EXIT, r - 1)
    left = -_paired_series(d, full, early, "mean_capacity", r, r + WINDOW - 1)
    ties = -_paired_series(d, full, early, "partnerships_active", r, r + WINDOW - 1)
    lv = float(lost.mean()) if len(lost) else float("nan")
    cv, clo, _ = bootstrap_mean(cap.to_numpy())
    v, lo, hi = bootstrap_mean((left / cap.where(cap > 0)).to_numpy())
    tv, tlo, thi = bootstrap_mean(ties.to_numpy())
    return PatternResult(
        8,
        v,
        lo,
        hi,
        bool(clo > 0 and lv > 0 and lo > MEMORY),
        f"facilitators leaving after {EARLY_EXIT} years cost {cv:.2f} capacity and {lv:.1f} live partnerships "
        f"a year before {r}; in the {WINDOW} years after facilitation is restored in {r}, {v:.0%} of the capacity "
        f"loss and {_fmt(tv, tlo, thi, 1)} partnerships are still missing",
    )


# --------------------------------------------------------------------------- 9 sustainability is possible


def p9_variants(sc: Scenario) -> dict[str, dict[str, Any]]:
    """Pattern 9: enablers high over a ``LONG_RUN``-year run, and nobody answering."""
    strong = {
        "bkm.coordination": STRONG,
        "bkm.marketing_skill": STRONG,
        "bkm.managing_body": STRONG,
        "trust.initial": STRONG_TRUST,
        "time.years": LONG_RUN,
        **_efforts(sc, tuple(EFFORTS.values())),
    }
    nobody = {"government.responsiveness": 0.0, "firms.responsiveness": 0.0}
    return {"strong, long run": strong, "nobody answers": nobody}


def p9_statistic(d: PatternData) -> PatternResult:
    """Pattern 9: the sustained share in the last decade minus years 11-20 with enablers high."""
    start, _ = _years(d.scenario)
    ts = d.series("strong, long run")
    early = _per_seed_mean(ts, "sustained_share", start + DECADE, start + 2 * DECADE - 1)
    late = _per_seed_mean(ts, "sustained_share", start + LONG_RUN - DECADE, start + LONG_RUN - 1)
    both = early.index.intersection(late.index)
    v, lo, hi = bootstrap_mean((late.loc[both] - early.loc[both]).to_numpy())
    y = grant_end(d.scenario) + DECADE
    nobody = _per_seed_mean(d.series("nobody answers"), "sustained_share", y, y)
    n, _, nhi = bootstrap_mean(nobody.to_numpy())
    return PatternResult(
        9,
        v,
        lo,
        hi,
        bool(lo > -HOLD_TOLERANCE and nhi < COLLAPSED),
        f"enablers high: sustained share {early.mean():.2f} in years 11-20, {late.mean():.2f} in years "
        f"{LONG_RUN - DECADE + 1}-{LONG_RUN}; nobody answering: {n:.2f} in {y}",
    )


# --------------------------------------------------------------------------- 10 peak with the programme


def p10_statistic(d: PatternData) -> PatternResult:
    """Pattern 10: live partnerships during the programme over those of the last decade."""
    start, years = _years(d.scenario)
    ts = d.series(BASE)
    prog = _per_seed_mean(ts, "partnerships_active", start + 1, facilitators_leave(d.scenario) + 1)
    late = _per_seed_mean(ts, "partnerships_active", start + years - DECADE, start + years - 1)
    both = prog.index.intersection(late.index)
    ratio = prog.loc[both] / late.loc[both].where(late.loc[both] > 0)
    v, lo, hi = bootstrap_mean(ratio.to_numpy())
    peak = d.runs(BASE)["partnerships_peak_year"].to_numpy(dtype=float) - start + 1
    return PatternResult(
        10,
        v,
        lo,
        hi,
        bool(lo > 1),
        f"live partnerships in programme years 2-{facilitators_leave(d.scenario) - start + 2} are {v:.2f}x "
        f"those of the last {DECADE} years; median peak in programme year {np.median(peak):.0f}",
    )
