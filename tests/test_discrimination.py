"""Structural discrimination (``plpbk validate --discriminate``).

A toy pattern whose right structure is known ("trust moves over the run") must
fail exactly under ``structure.trust = "fixed"`` and hold under every other
structure; a pattern that cannot fail is reported as not discriminating.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from simulator.analysis.discrimination import (
    ALTERNATIVE_RULES,
    AS_IS,
    Discrimination,
    discriminate,
    structure_alternatives,
)
from simulator.analysis.patterns import BASE, Pattern, PatternData, PatternResult, bootstrap_mean
from simulator.params import BY_NAME, PARAMETERS
from simulator.scenario import load_scenario


def test_alternatives_are_every_other_structure_value() -> None:
    sc = load_scenario("kendal")
    alts = structure_alternatives(sc)
    expected = sum(len(p.choices) - 1 for p in PARAMETERS if p.kind == "choice")
    assert len(alts) == expected == 9
    assert alts["trust=fixed"] == {"structure.trust": "fixed"}
    assert "trust=learned" not in alts  # the scenario's own value is not an alternative
    fixed = load_scenario("kendal", overrides={"structure.trust": "fixed"})
    assert "trust=learned" in structure_alternatives(fixed) and "trust=fixed" not in structure_alternatives(fixed)


def _table(rows: list[tuple[int, str, bool]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"pattern": p, "title": f"p{p}", "structure": s, "value": 1.0, "ci_low": 0.5, "ci_high": 1.5, "passed": ok}
            for p, s, ok in rows
        ]
    )


def test_matrix_and_verdict_by_hand(tmp_path: Path) -> None:
    d = Discrimination(
        _table(
            [
                (1, AS_IS, True),
                (1, "trust=fixed", False),
                (1, "renewal=lapse", True),
                (2, AS_IS, True),
                (2, "trust=fixed", True),
                (2, "renewal=lapse", True),
                (3, AS_IS, False),
                (3, "trust=fixed", True),
                (3, "renewal=lapse", False),
            ]
        ),
        tmp_path,
    )
    assert list(d.matrix().columns) == [AS_IS, "trust=fixed", "renewal=lapse"]
    assert d.failing_alternatives() == {1: ["trust=fixed"], 2: [], 3: ["renewal=lapse"]}
    assert d.discriminating() == [1, 3]  # pattern 2 fails under no alternative: not counted
    assert not d.passed  # pattern 3 counts and fails as is
    d2 = Discrimination(d.table[d.table["pattern"] != 3], tmp_path)
    assert d2.passed


def _trust_moves(d: PatternData) -> PatternResult:
    """Toy pattern: partners' trust ends away from its initial value (needs trust learning)."""
    ts = d.timeseries[d.timeseries["variant"] == BASE]
    last = ts[ts["year"] == ts["year"].max()].set_index("replicate")["mean_trust_partner"]
    moved = np.abs(last.to_numpy(dtype=float) - float(d.scenario.values["trust.initial"]))
    v, lo, hi = bootstrap_mean(moved)
    return PatternResult(91, v, lo, hi, lo > 1e-6, f"|final trust - initial| = {v:.3f}")


def _always(d: PatternData) -> PatternResult:
    n = float(d.summary["wards"].iloc[0])
    return PatternResult(92, n, n, n, n >= 1, "there are wards")


TOY = (
    Pattern(91, "trust moves", "toy", "toy", "|final - initial trust|", "above 0", lambda sc: {}, _trust_moves),
    Pattern(92, "wards exist", "toy", "toy", "number of wards", ">= 1", lambda sc: {}, _always),
)


def test_toy_pattern_fails_exactly_under_fixed_trust(tmp_path: Path) -> None:
    sc = load_scenario("baseline", overrides={"wards.n": 6, "time.years": 6})
    d = discriminate(sc, 3, executor="serial", out=tmp_path / "d", progress=False, patterns=TOY)
    fails = d.failing_alternatives()
    assert fails[91] == ["trust=fixed"]  # the right structure is picked out
    assert fails[92] == []  # cannot fail: not discriminating
    assert d.discriminating() == [91] and d.passed
    m = d.matrix()
    assert m.shape == (2, 1 + 9 + len(ALTERNATIVE_RULES)) and bool(m.loc[91, AS_IS])
    fixed = d.table[(d.table["pattern"] == 91) & (d.table["structure"] == "trust=fixed")].iloc[0]
    assert fixed["value"] < 1e-12 and fixed["ci_high"] < 1e-12  # trust never moves: 0 up to rounding
    for f in ("discrimination.csv", "discrimination.md", "discrimination.png"):
        assert (tmp_path / "d" / f).is_file()
    csv = pd.read_csv(tmp_path / "d" / "discrimination.csv")
    assert {"pattern", "structure", "value", "ci_low", "ci_high", "passed"} <= set(csv.columns)
    md = (tmp_path / "d" / "discrimination.md").read_text()
    assert "not discriminating" in md and "fails under trust=fixed" in md
    assert BY_NAME["structure.trust"].default == "learned"


ROOT = Path(__file__).resolve().parent.parent


def plpbk(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # this checkout's package, whatever is installed
    return subprocess.run(
        [sys.executable, "-m", "simulator.cli", *args], capture_output=True, text=True, cwd=cwd, timeout=300, env=env
    )


def test_cli_discriminate_small(tmp_path: Path) -> None:
    out = tmp_path / "disc"
    sets = ["--set", "wards.n=5", "--set", "time.years=6"]
    p = plpbk("validate", "baseline", "--discriminate", "--seeds", "2", *sets, "--executor", "serial", "--quiet",
              "--out", str(out), cwd=tmp_path)  # fmt: skip
    assert p.returncode in (0, 1), p.stderr
    assert "Traceback" not in p.stderr
    assert "patterns discriminate" in p.stdout and "trust=fixed" in p.stdout
    t = pd.read_csv(out / "discrimination.csv")
    assert t["structure"].nunique() == 1 + 9 + len(ALTERNATIVE_RULES) and t["pattern"].nunique() == 10
    assert set(ALTERNATIVE_RULES) <= set(t["structure"])  # the documented rules run beside the structures


def test_cli_discriminate_with_trace_puts_the_matrix_in_the_trace(tmp_path: Path) -> None:
    trace = tmp_path / "validation.md"
    sets = ["--set", "wards.n=4", "--set", "time.years=6"]
    p = plpbk("validate", "baseline", "--discriminate", "--trace", str(trace), "--seeds", "2", *sets,
              "--executor", "serial", "--quiet", "--out", str(tmp_path / "v"), cwd=tmp_path)  # fmt: skip
    assert p.returncode in (0, 1), p.stderr
    assert "Traceback" not in p.stderr
    text = trace.read_text()
    assert "**Structural discrimination.**" in text and "--discriminate --trace" in text
    for name in ("trust=fixed", "renewal=permanent", "awareness=open", *ALTERNATIVE_RULES):
        assert name in text, name
    assert (tmp_path / "v" / "discrimination" / "discrimination.csv").is_file()
    assert "*Expected to fail under:*" in text  # each pattern names its alternative


@pytest.mark.parametrize("seeds", ["1", "x"])
def test_cli_discriminate_bad_seeds(tmp_path: Path, seeds: str) -> None:
    p = plpbk("validate", "--discriminate", "--seeds", seeds, cwd=tmp_path)
    assert p.returncode == 2 and "Traceback" not in p.stderr
