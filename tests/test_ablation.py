"""plpbk ablate: the variant table, paired effects, the output folder, seeding, executors and the CLI."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import simulator
from simulator.analysis.ablation import (
    BASELINE,
    COLUMNS,
    OUTCOME_COLUMNS,
    OUTCOMES,
    VARIANTS,
    Ablation,
    ablate,
    ablation_effects,
    split_variants,
)
from simulator.params import BY_NAME, PARAMETERS
from simulator.scenario import ScenarioError, load_scenario

SEEDS, YEARS = 4, 8
PLPBK = Path(sys.executable).with_name("plpbk")


@pytest.fixture(scope="module")
def abl(tmp_path_factory: pytest.TempPathFactory) -> Ablation:
    return ablate("baseline", seeds=SEEDS, years=YEARS, out=tmp_path_factory.mktemp("abl") / "out")


# --------------------------------------------------------------------------- the variant table


def test_variant_parameters_exist_and_take_their_values() -> None:
    names = [v.name for v in VARIANTS]
    assert len(set(names)) == len(names) == 13
    structural = {k: c for v in VARIANTS if v.kind == "structure" for k, c in v.overrides.items()}
    # every alternative of the [structure] table is a variant
    want = {(p.name, c) for p in PARAMETERS if p.kind == "choice" for c in p.choices if c != p.default}
    assert want == {(k, c) for v in VARIANTS if v.kind == "structure" for k, c in v.overrides.items()}
    assert len(structural) == len({p.name for p in PARAMETERS if p.kind == "choice"})
    assert {v.kind for v in VARIANTS} == {"structure", "mechanism"}
    sc = load_scenario("baseline")
    for v in VARIANTS:
        assert v.overrides, v.name
        for key, value in v.overrides.items():
            assert key in BY_NAME, f"{v.name}: parameter {key!r} is not in the registry (renamed?)"
            if BY_NAME[key].kind == "choice":
                assert value in BY_NAME[key].choices, f"{v.name}: {key} has no choice {value!r}"
        changed = sc.with_values(v.overrides)  # a bad value raises ScenarioError
        assert any(changed.values[k] != sc.values[k] for k in v.overrides), f"{v.name} changes nothing in baseline"
        assert v.description and "\n" not in v.description
    summary = simulator.run("baseline", seed=0, years=6).summary
    for o in OUTCOMES:
        assert o.column in summary.columns


def test_a_variant_the_scenario_already_is_is_skipped() -> None:
    sc = load_scenario("baseline", overrides={"structure.trust": "fixed", "bkm.turnover": 0.0})
    todo, skipped = split_variants(sc)
    assert [v.name for v in skipped] == ["trust=fixed", "no turnover"]
    assert len(todo) == len(VARIANTS) - 2
    # a variant is skipped only when all its overrides match
    sc = load_scenario("baseline", overrides={"marketing.innovation": 0.0})
    assert "no marketing" in [v.name for v in split_variants(sc)[0]]


# --------------------------------------------------------------------------- arithmetic


def test_paired_effects_on_a_hand_made_table() -> None:
    rows = []
    base_y = [1.0, 2.0, 3.0, 4.0]
    var_y = [2.0, 2.0, 5.0, np.nan]  # differences 1, 0, 2, NaN (dropped)
    base_z = [10.0, 10.0, 10.0, 10.0]
    var_z = [7.0, 7.0, 7.0, 7.0]
    for r in range(4):
        rows.append({"option": BASELINE, "replicate": r, "seed": 100 + r, "y": base_y[r], "z": base_z[r]})
        rows.append({"option": "v", "replicate": r, "seed": 100 + r, "y": var_y[r], "z": var_z[r]})
        rows.append({"option": "same", "replicate": r, "seed": 100 + r, "y": base_y[r], "z": base_z[r]})
    t = ablation_effects(pd.DataFrame(rows), outcomes=["y", "z"]).set_index(["variant", "outcome"])
    assert list(t.reset_index().columns[: len(COLUMNS)]) == list(COLUMNS)
    y = t.loc[("v", "y")]
    assert y["effect"] == pytest.approx(1.0)  # mean of 1, 0, 2
    assert y["baseline"] == pytest.approx(2.5) and y["value"] == pytest.approx(3.0)
    assert y["n"] == 3
    assert 0.0 <= y["low"] <= 1.0 <= y["high"] <= 2.0
    z = t.loc[("v", "z")]
    assert z["effect"] == -3.0 and z["low"] == -3.0 and z["high"] == -3.0
    assert bool(z["distinguishable"]) and z["relative"] == pytest.approx(-0.3)
    s = t.loc[("same", "y")]
    assert s["effect"] == 0 and bool(s["identical"]) and not bool(s["distinguishable"])
    # the interval is reproducible (fixed bootstrap seed)
    again = ablation_effects(pd.DataFrame(rows), outcomes=["y", "z"]).set_index(["variant", "outcome"])
    assert again.loc[("v", "y"), "low"] == y["low"] and again.loc[("v", "y"), "high"] == y["high"]


def test_unpaired_seeds_are_refused() -> None:
    df = pd.DataFrame(
        {"option": [BASELINE, "v"], "replicate": [0, 0], "seed": [1, 2], "y": [1.0, 2.0]},
    )
    with pytest.raises(ValueError, match="seeds"):
        ablation_effects(df, outcomes=["y"])


# --------------------------------------------------------------------------- a real ablation


def test_table_covers_every_variant_and_outcome(abl: Ablation) -> None:
    t = abl.table
    assert len(t) == len(VARIANTS) * len(OUTCOMES)
    assert set(t["variant"]) == {v.name for v in VARIANTS}
    assert list(t["outcome"].unique()) == list(OUTCOME_COLUMNS)
    csv = pd.read_csv(abl.out / "ablation.csv")
    assert list(csv.columns[: len(COLUMNS)]) == list(COLUMNS)
    assert len(csv) == len(t)
    # effect is the mean paired difference, recomputed here from the runs
    s = abl.summary
    for name in ("trust=fixed", "no facilitation"):
        b = s[s["option"] == BASELINE].set_index("replicate")["aid_per_ward"]
        v = s[s["option"] == name].set_index("replicate")["aid_per_ward"]
        row = t[(t["variant"] == name) & (t["outcome"] == "aid_per_ward")].iloc[0]
        assert row["effect"] == pytest.approx(float((v - b).mean()))
        assert row["low"] <= row["effect"] <= row["high"]


def test_output_folder_and_manifest(abl: Ablation) -> None:
    out = abl.out
    for f in ("ablation.csv", "ablation.png", "ablation.md", "manifest.json", "batch/manifest.json"):
        assert (out / f).exists(), f
    assert not [p for p in out.iterdir() if p.name.startswith(".")], "temporary files left behind"
    man = json.loads((out / "manifest.json").read_text())
    assert man["kind"] == "plpbk-ablate" and man["status"] == "complete"
    assert [v["name"] for v in man["variants"]] == [v.name for v in VARIANTS]
    batch = json.loads((out / "batch" / "manifest.json").read_text())
    points = batch["experiment"]["design"]["points"]
    assert points[0] == {} and {"structure.trust": "fixed"} in points
    md = abl.markdown
    assert md == (out / "ablation.md").read_text()
    assert f"{SEEDS} paired seeds" in md and f"Years: {YEARS}" in md and "**baseline**" in md
    for v in VARIANTS:
        assert f"**{v.name}**" in md
    # each variant names its distinguishable changes, or says it has none
    for v in VARIANTS:
        rows = abl.table[abl.table["variant"] == v.name]
        block = md.split(f"**{v.name}**", 1)[1].split("\n- **", 1)[0]
        if not rows["distinguishable"].any():
            assert "none of the outcomes" in block or "changes nothing" in block
        else:
            assert ("raises" in block) or ("lowers" in block)


def test_override_and_seeding_match_a_direct_run(abl: Ablation) -> None:
    s = abl.summary
    seeds = s.pivot(index="replicate", columns="option", values="seed")
    assert seeds.nunique(axis=1).eq(1).all(), "every variant must run on replicate r's seed"
    fixed = s[s["option"] == "trust=fixed"].sort_values("replicate").iloc[0]
    direct = simulator.run("baseline", seed=int(fixed["seed"]), years=YEARS, **{"structure.trust": "fixed"}).summary
    for col in (*OUTCOME_COLUMNS, "partnerships_final", "mean_trust_final", "aid_total"):
        a, b = float(fixed[col]), float(direct[col].iloc[0])
        assert (math.isnan(a) and math.isnan(b)) or a == b, col
    base = s[s["option"] == BASELINE].sort_values("replicate").iloc[0]
    assert float(base["mean_trust_final"]) != float(fixed["mean_trust_final"])  # the override took effect


def test_serial_and_processes_agree(abl: Ablation, tmp_path: Path) -> None:
    par = ablate("baseline", seeds=SEEDS, years=YEARS, out=tmp_path / "p", executor="processes", workers=2)
    pd.testing.assert_frame_equal(abl.table, par.table)


def test_python_errors(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="at least 2 seeds"):
        ablate("baseline", seeds=1, out=tmp_path / "a")
    with pytest.raises(ScenarioError):
        ablate("baseline", seeds=2, overrides={"no.such": 1}, out=tmp_path / "b")
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


# --------------------------------------------------------------------------- the command


def _plpbk(*args: str) -> subprocess.CompletedProcess[str]:
    cmd = [str(PLPBK)] if PLPBK.exists() else [sys.executable, "-m", "simulator.cli"]
    return subprocess.run([*cmd, *args], capture_output=True, text=True, timeout=300)


def test_cli_writes_the_report_and_refuses_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "cli"
    r = _plpbk("ablate", "baseline", "--seeds", "3", "--years", "6", "--out", str(out))
    assert r.returncode == 0, r.stderr
    for f in ("ablation.csv", "ablation.png", "ablation.md"):
        assert (out / f).stat().st_size > 0, f
    assert "trust=fixed" in r.stdout and "ablation.md" in r.stdout
    r = _plpbk("ablate", "baseline", "--seeds", "3", "--years", "6", "--out", str(out), "--executor", "serial")
    assert r.returncode == 2 and "--resume" in r.stderr and len(r.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "expect"),
    [
        (["baseline", "--set", "no.such=1"], "unknown key"),
        (["baseline", "--set", "trust.initial"], "KEY=VALUE"),
        (["no-such-scenario"], "no such scenario"),
    ],
)
def test_cli_user_errors_are_one_line(args: list[str], expect: str, tmp_path: Path) -> None:
    r = _plpbk("ablate", *args, "--seeds", "2", "--out", str(tmp_path / "o"))
    assert r.returncode == 2
    assert expect in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "o").exists()
