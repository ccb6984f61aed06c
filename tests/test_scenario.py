"""Scenario, policy, override and wards-CSV loading, and every bad input a user can write."""

from __future__ import annotations

import math
import os
from pathlib import Path

import pytest

from simulator.params import (
    BY_KEY,
    BY_NAME,
    LEVERS,
    MATURITY_LEVELS,
    PARAMETERS,
    SHARE_GROUPS,
    defaults,
    lookup,
    markdown_table,
)
from simulator.scenario import (
    Scenario,
    ScenarioError,
    apply_policy,
    list_policies,
    list_presets,
    load_policy,
    load_scenario,
    load_wards_csv,
    parse_assignment,
    preset_dir,
)

PRESETS = ("baseline", "kendal", "pekalongan", "central-java", "showcase", "national")
POLICIES = ("all-efforts", "bkm-strengthening", "consistent-team", "csr-forum", "facilitation", "marketing-push")
REPO = Path(__file__).resolve().parent.parent


def write(tmp_path: Path, text: str, name: str = "my.toml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def load_error(ref: object, **kw: object) -> str:
    with pytest.raises(ScenarioError) as ei:
        load_scenario(ref, **kw)  # type: ignore[arg-type]
    msg = str(ei.value)
    assert "\n" not in msg, "error messages are one line"
    return msg


# --------------------------------------------------------------------------- the registry


class TestRegistry:
    def test_names_and_keys_unique(self) -> None:
        names = [p.name for p in PARAMETERS]
        assert len(names) == len(set(names))
        assert len(BY_KEY) == len(PARAMETERS)

    @pytest.mark.parametrize("p", PARAMETERS, ids=lambda p: p.name)
    def test_every_param_documented_and_default_in_range(self, p) -> None:  # type: ignore[no-untyped-def]
        assert p.meaning.strip(), "meaning"
        assert p.unit.strip(), "unit"
        assert p.source.strip(), "source"
        assert p.source == "assumption" or p.source.startswith(("src", "assumption")), p.source
        assert p.low <= p.high
        if p.kind == "bool":
            assert isinstance(p.default, bool)
        elif p.kind == "choice":
            assert len(p.choices) >= 2 and p.default == p.choices[0]
            assert p.section == "structure"
        else:
            assert p.low <= p.default <= p.high, f"{p.name} default {p.default} outside [{p.low}, {p.high}]"
            assert not isinstance(p.default, bool)
        if p.kind == "int":
            assert isinstance(p.default, int)
        assert p.key == p.name.replace(".", "_")
        assert lookup(p.name) is p
        assert lookup(p.key) is p

    def test_share_groups_sum_to_one_at_defaults(self) -> None:
        d = defaults()
        for group, names in SHARE_GROUPS.items():
            assert all(n in BY_NAME for n in names), group
            assert math.isclose(sum(float(d[n]) for n in names), 1.0, abs_tol=1e-9), group

    def test_every_lever_has_size_start_and_cost(self) -> None:
        for lever in LEVERS:
            for suffix in ("", "_start", "_cost"):
                p = BY_NAME[f"levers.{lever}{suffix}"]
                assert p.role == "lever"
            assert BY_NAME[f"levers.{lever}"].default == 0  # off in the baseline

    def test_docs_parameters_md_equals_registry(self) -> None:
        doc = REPO / "docs" / "parameters.md"
        if not doc.exists():
            pytest.skip("docs/parameters.md not generated yet")
        assert doc.read_text(encoding="utf-8") == markdown_table(), (
            "docs/parameters.md is out of date: regenerate with 'plpbk params --markdown > docs/parameters.md'"
        )

    def test_markdown_table_lists_every_param(self) -> None:
        md = markdown_table()
        for p in PARAMETERS:
            assert f"| `{p.name}` |" in md


# --------------------------------------------------------------------------- presets


class TestPresets:
    def test_presets_listed(self) -> None:
        names = [n for n, _ in list_presets()]
        for n in PRESETS:
            assert n in names
        assert all(desc for _, desc in list_presets())

    def test_policies_listed(self) -> None:
        names = [n for n, _ in list_policies()]
        assert set(POLICIES) <= set(names)

    @pytest.mark.parametrize("name", PRESETS)
    def test_every_preset_loads(self, name: str) -> None:
        sc = load_scenario(name)
        assert sc.name == name
        assert sc.source == f"preset:{name}"
        assert set(sc.values) == set(BY_NAME)
        for k, v in sc.values.items():
            p = BY_NAME[k]
            if p.kind == "choice":
                assert v in p.choices
            else:
                assert p.low <= v <= p.high
        assert sc.description

    def test_baseline_is_the_registry_defaults(self) -> None:
        sc = load_scenario()
        assert sc.name == "baseline"
        assert dict(sc.values) == defaults()
        assert sc.changed() == {}
        assert sc.wards is None
        assert sc.n_wards == 20

    def test_kendal(self) -> None:
        sc = load_scenario("kendal")
        assert sc["bkm.coordination"] == 0.55
        assert sc["wards.share_madani"] == 0.15
        assert sc.n_wards == 20
        assert sc.firms_n == 8
        # not named in the file: from the baseline
        assert sc["trust.initial"] == BY_NAME["trust.initial"].default

    def test_pekalongan(self) -> None:
        sc = load_scenario("pekalongan")
        assert sc.n_wards == 27
        assert sc["demand.market_access"] == 0.5  # the record blames location and buyers, not the board
        assert sc["bkm.managing_body"] == BY_NAME["bkm.managing_body"].default
        assert sc["firms.n"] == 14

    def test_central_java(self) -> None:
        sc = load_scenario("central-java")
        assert sc.n_wards == 185
        assert sc["wards.regions"] == 20
        assert sc["government.agencies"] == 60

    def test_showcase_reads_its_wards_csv(self) -> None:
        sc = load_scenario("showcase")
        assert sc.wards is not None
        assert [w.name for w in sc.wards] == ["Kebondalem", "Podosugih", "Kraton Kidul"]
        assert sc.n_wards == 3
        kebondalem, kraton = sc.wards[0], sc.wards[2]
        # the record blames Kraton Kidul's location and few buyers, not its board (MODEL_BRIEF 4b)
        assert kraton.market_access == 0.15 and kebondalem.market_access == 0.8
        assert kraton.managing_body is not None and kebondalem.managing_body is not None
        assert kraton.managing_body >= kebondalem.managing_body - 0.1
        assert kraton.maturity == "berdaya"
        assert sc.wards[1].managing_body is None  # empty cell: drawn
        assert sc.wards[1].grant_marketing == 69

    def test_preset_by_file_path(self) -> None:
        sc = load_scenario(preset_dir() / "kendal.toml")
        assert sc.values == load_scenario("kendal").values

    def test_attribute_and_item_access(self) -> None:
        sc = load_scenario("kendal")
        assert sc.bkm_coordination == sc["bkm.coordination"] == sc["bkm_coordination"] == 0.55
        with pytest.raises(AttributeError):
            _ = sc.no_such_param
        with pytest.raises(KeyError):
            _ = sc["no.such"]

    def test_digest_stable_and_sensitive(self) -> None:
        a, b = load_scenario("kendal"), load_scenario("kendal")
        assert a.digest() == b.digest()
        assert a.with_values({"trust.initial": 0.6}).digest() != a.digest()


# --------------------------------------------------------------------------- extends and partial override


class TestExtends:
    def test_file_without_extends_builds_on_baseline(self, tmp_path: Path) -> None:
        sc = load_scenario(write(tmp_path, "[trust]\ninitial = 0.7\n"))
        assert sc.changed() == {"trust.initial": 0.7}
        assert sc.name == "my"  # file stem when no name is given
        assert sc.source == str(tmp_path / "my.toml")

    def test_partial_override_keeps_every_other_key_of_the_parent(self, tmp_path: Path) -> None:
        f = write(tmp_path, '[scenario]\nname = "k2"\nextends = "kendal"\n\n[bkm]\ncoordination = 0.9\n')
        sc, parent = load_scenario(f), load_scenario("kendal")
        assert sc.name == "k2"
        assert sc["bkm.coordination"] == 0.9
        diff = {k for k in sc.values if sc.values[k] != parent.values[k]}
        assert diff == {"bkm.coordination"}
        assert sc.description == parent.description  # inherited when not given

    def test_extends_a_relative_file(self, tmp_path: Path) -> None:
        write(tmp_path, '[scenario]\nextends = "pekalongan"\n[trust]\ninitial = 0.2\n', "parent.toml")
        sub = tmp_path / "sub"
        sub.mkdir()
        child = write(sub, '[scenario]\nextends = "../parent.toml"\n[bkm]\nmarketing_skill = 0.8\n', "child.toml")
        sc = load_scenario(child)
        assert sc["trust.initial"] == 0.2
        assert sc["bkm.marketing_skill"] == 0.8
        assert sc.n_wards == 27

    def test_extends_inherits_wards_csv(self, tmp_path: Path) -> None:
        sc = load_scenario(write(tmp_path, '[scenario]\nextends = "showcase"\n[firms]\nn = 3\n'))
        assert sc.wards is not None and len(sc.wards) == 3
        assert sc["firms.n"] == 3

    def test_cycle(self, tmp_path: Path) -> None:
        write(tmp_path, '[scenario]\nextends = "b.toml"\n', "a.toml")
        b = write(tmp_path, '[scenario]\nextends = "a.toml"\n', "b.toml")
        msg = load_error(b)
        assert "cycle" in msg
        assert "a.toml" in msg and "b.toml" in msg

    def test_self_cycle(self, tmp_path: Path) -> None:
        msg = load_error(write(tmp_path, '[scenario]\nextends = "my.toml"\n'))
        assert "cycle" in msg

    def test_extends_missing_parent(self, tmp_path: Path) -> None:
        msg = load_error(write(tmp_path, '[scenario]\nextends = "atlantis"\n'))
        assert "atlantis" in msg and "built-in" in msg

    def test_scenario_object_passes_through_with_overrides(self) -> None:
        base = load_scenario("kendal")
        sc = load_scenario(base, overrides={"trust_initial": 0.3})
        assert sc["trust.initial"] == 0.3
        assert base["trust.initial"] == BY_NAME["trust.initial"].default  # frozen: not modified


# --------------------------------------------------------------------------- policies


class TestPolicies:
    @pytest.mark.parametrize("name", POLICIES)
    def test_builtin_policies_load_and_switch_a_lever_on(self, name: str) -> None:
        pol = load_policy(name)
        assert pol.name == name
        assert all(k.startswith("levers.") for k in pol.levers)
        assert any(pol.levers.get(f"levers.{lv}", 0) > 0 for lv in LEVERS)

    def test_apply_policy_sets_levers_only(self) -> None:
        base = load_scenario("kendal")
        sc = apply_policy(base, "marketing-push")
        changed = {k for k in sc.values if sc.values[k] != base.values[k]}
        assert changed == {"levers.marketing_push"}
        assert sc["levers.marketing_push"] == 0.6
        assert sc.policies == ("marketing-push",)

    def test_policies_combine_in_order(self) -> None:
        sc = load_scenario("baseline", policies=["marketing-push", "csr-forum"])
        assert sc.policies == ("marketing-push", "csr-forum")
        assert sc["levers.marketing_push"] == 0.6
        assert sc["levers.csr_forum"] == 0.6

    def test_policy_file_then_override(self, tmp_path: Path) -> None:
        f = write(tmp_path, '[policy]\nname = "mine"\n[levers]\ncsr_forum = 0.3\ncsr_forum_start = 2010\n', "p.toml")
        sc = load_scenario("baseline", policies=[f], overrides={"levers.csr_forum": 0.9})
        assert sc.policies == ("mine",)
        assert sc["levers.csr_forum_start"] == 2010
        assert sc["levers.csr_forum"] == 0.9  # --set comes last

    def test_policy_setting_a_non_lever_key_is_rejected(self, tmp_path: Path) -> None:
        f = write(tmp_path, '[policy]\nname = "bad"\n[levers]\ncsr_forum = 0.3\n[trust]\ninitial = 0.9\n', "p.toml")
        with pytest.raises(ScenarioError, match=r"only \[levers\].*trust\.initial"):
            load_policy(f)
        with pytest.raises(ScenarioError, match=r"trust\.initial"):
            load_scenario("baseline", policies=[f])

    def test_policy_without_policy_table(self, tmp_path: Path) -> None:
        f = write(tmp_path, "[levers]\ncsr_forum = 0.3\n", "p.toml")
        with pytest.raises(ScenarioError, match=r"\[policy\]"):
            load_policy(f)

    def test_policy_switching_nothing_on(self, tmp_path: Path) -> None:
        f = write(tmp_path, '[policy]\nname = "none"\n[levers]\ncsr_forum_start = 2010\n', "p.toml")
        with pytest.raises(ScenarioError, match="no lever"):
            load_policy(f)

    def test_policy_with_out_of_range_lever(self, tmp_path: Path) -> None:
        f = write(tmp_path, '[policy]\nname = "big"\n[levers]\ncsr_forum = 3\n', "p.toml")
        with pytest.raises(ScenarioError, match=r"levers\.csr_forum = 3 .*out of range.*\[0, 1\]"):
            load_policy(f)

    def test_policy_with_typo_suggests(self, tmp_path: Path) -> None:
        f = write(tmp_path, '[policy]\nname = "t"\n[levers]\ncsr_froum = 0.5\n', "p.toml")
        with pytest.raises(ScenarioError, match=r"did you mean 'levers\.csr_forum'"):
            load_policy(f)

    def test_unknown_policy(self) -> None:
        with pytest.raises(ScenarioError, match=r"no-such-policy.*built-in policy.*marketing-push"):
            load_scenario("baseline", policies=["no-such-policy"])

    def test_policy_file_given_as_scenario(self) -> None:
        msg = load_error(preset_dir() / "policies" / "csr-forum.toml")
        assert "policy" in msg and "--policy" in msg


# --------------------------------------------------------------------------- --set


class TestParseAssignment:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("trust.initial=0.6", ("trust.initial", 0.6)),
            ("trust_initial=0.6", ("trust.initial", 0.6)),
            (" trust.initial = 0.6 ", ("trust.initial", 0.6)),
            ("wards.n=3", ("wards.n", 3)),
            ("wards.n=3.0", ("wards.n", 3)),
            ("levers.csr_forum=1", ("levers.csr_forum", 1.0)),
            ("government.acceptance_bias=-2", ("government.acceptance_bias", -2.0)),
        ],
    )
    def test_good(self, text: str, expected: tuple[str, object]) -> None:
        key, value = parse_assignment(text)
        assert (key, value) == expected
        assert type(value) is type(expected[1])

    @pytest.mark.parametrize(
        ("text", "pattern"),
        [
            ("trust.initial", "expected KEY=VALUE"),
            ("trust.inital=0.3", "did you mean 'trust.initial'"),
            ("trust.initial=abc", "must be a number"),
            ("trust.initial=", "must be a number"),
            ("trust.initial=2", r"out of range.*\[0, 1\]"),
            ("wards.n=3.5", "whole number"),
            ("time.years=true", "whole number"),
            ("trust.initial=nan", "finite"),
        ],
    )
    def test_bad(self, text: str, pattern: str) -> None:
        with pytest.raises(ScenarioError, match=pattern) as ei:
            parse_assignment(text)
        assert "\n" not in str(ei.value)

    def test_overrides_through_load_scenario(self) -> None:
        sc = load_scenario("kendal", overrides=dict([parse_assignment("bkm.coordination=0.9")]))
        assert sc["bkm.coordination"] == 0.9
        msg = load_error("kendal", overrides={"bkm.coordination": 9})
        assert "--set" in msg and "bkm.coordination = 9" in msg


# --------------------------------------------------------------------------- bad scenario files


class TestBadScenarioFiles:
    def test_unknown_key_suggests_closest(self, tmp_path: Path) -> None:
        f = write(tmp_path, "[trust]\ninitail = 0.5\n")
        msg = load_error(f)
        assert str(f) in msg
        assert "unknown key 'trust.initail'" in msg
        assert "did you mean 'trust.initial'" in msg

    def test_unknown_section_suggests_closest(self, tmp_path: Path) -> None:
        msg = load_error(write(tmp_path, "[trusts]\ninitial = 0.5\n"))
        assert "did you mean 'trust.initial'" in msg

    def test_unknown_key_without_close_match_points_to_params(self, tmp_path: Path) -> None:
        msg = load_error(write(tmp_path, "[zzz]\nqqqqqq = 1\n"))
        assert "unknown key 'zzz.qqqqqq'" in msg
        assert "plpbk params" in msg

    def test_unknown_scenario_meta_key(self, tmp_path: Path) -> None:
        msg = load_error(write(tmp_path, '[scenario]\nextend = "kendal"\n'))
        assert "did you mean 'extends'" in msg

    def test_scenario_meta_wrong_type(self, tmp_path: Path) -> None:
        msg = load_error(write(tmp_path, "[scenario]\nname = 3\n"))
        assert "scenario.name" in msg and "string" in msg

    def test_top_level_value_instead_of_table(self, tmp_path: Path) -> None:
        msg = load_error(write(tmp_path, "years = 5\n"))
        assert "[table]" in msg

    def test_wrong_type(self, tmp_path: Path) -> None:
        f = write(tmp_path, '[trust]\ninitial = "high"\n')
        msg = load_error(f)
        assert str(f) in msg and "trust.initial = 'high'" in msg
        assert "must be a number in [0, 1]" in msg

    def test_bool_for_a_number(self, tmp_path: Path) -> None:
        msg = load_error(write(tmp_path, "[trust]\ninitial = true\n"))
        assert "trust.initial" in msg and "must be a number" in msg

    def test_out_of_range_names_file_key_value_and_range(self, tmp_path: Path) -> None:
        f = write(tmp_path, "[trust]\ninitial = 1.5\n")
        msg = load_error(f)
        assert str(f) in msg
        assert "trust.initial = 1.5" in msg
        assert "out of range" in msg
        assert "[0, 1]" in msg

    def test_out_of_range_int(self, tmp_path: Path) -> None:
        msg = load_error(write(tmp_path, "[wards]\nn = 0\n"))
        assert "wards.n = 0" in msg and "[1, 25000]" in msg

    def test_int_param_given_fraction(self, tmp_path: Path) -> None:
        msg = load_error(write(tmp_path, "[wards]\nn = 1.5\n"))
        assert "wards.n = 1.5" in msg and "whole number" in msg

    def test_int_param_given_whole_float_is_accepted(self, tmp_path: Path) -> None:
        sc = load_scenario(write(tmp_path, "[wards]\nn = 3.0\n"))
        assert sc["wards.n"] == 3 and isinstance(sc["wards.n"], int)

    def test_infinite_value(self, tmp_path: Path) -> None:
        msg = load_error(write(tmp_path, "[aid]\nsize_event = inf\n"))
        assert "aid.size_event" in msg

    def test_share_group_not_summing_to_one(self, tmp_path: Path) -> None:
        f = write(tmp_path, "[wards]\nshare_madani = 0.5\n")
        msg = load_error(f)
        assert str(f) in msg
        assert "maturity shares must sum to 1" in msg
        assert "1.4" in msg

    def test_share_group_fixed_together_is_fine(self, tmp_path: Path) -> None:
        text = "[firms]\nshare_state = 0.1\nshare_bank = 0.1\nshare_resource = 0.4\nshare_private = 0.4\n"
        sc = load_scenario(write(tmp_path, text))
        assert sc["firms.share_resource"] == 0.4

    def test_plan_mix_not_summing_to_one(self, tmp_path: Path) -> None:
        msg = load_error(write(tmp_path, "[wards]\nmix_event = 0.5\n"))
        assert "plan mix must sum to 1" in msg

    def test_missing_file(self, tmp_path: Path) -> None:
        msg = load_error(tmp_path / "nope.toml")
        assert "nope.toml" in msg and "no such scenario file" in msg

    def test_unknown_preset_lists_presets(self) -> None:
        msg = load_error("atlantis")
        assert "atlantis" in msg
        for n in PRESETS:
            assert n in msg

    def test_invalid_toml(self, tmp_path: Path) -> None:
        f = write(tmp_path, "[trust\ninitial = 0.5\n")
        msg = load_error(f)
        assert str(f) in msg and "not valid TOML" in msg and "line 1" in msg

    def test_not_utf8(self, tmp_path: Path) -> None:
        f = tmp_path / "latin.toml"
        f.write_bytes(b'[scenario]\nname = "caf\xe9"\n')
        msg = load_error(f)
        assert str(f) in msg

    def test_folder_instead_of_file(self, tmp_path: Path) -> None:
        d = tmp_path / "dir.toml"
        d.mkdir()
        (d / "x").write_text("")
        with pytest.raises(ScenarioError):
            load_scenario(d)

    @pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any file")
    def test_unreadable_file(self, tmp_path: Path) -> None:
        f = write(tmp_path, "[trust]\ninitial = 0.5\n")
        f.chmod(0)
        try:
            msg = load_error(f)
        finally:
            f.chmod(0o644)
        assert str(f) in msg and "permission" in msg

    def test_with_values_validates(self) -> None:
        sc = Scenario()
        with pytest.raises(ScenarioError, match=r"unknown key 'trust_inital'.*did you mean 'trust\.initial'"):
            sc.with_values({"trust_inital": 0.4})
        with pytest.raises(ScenarioError, match="must sum to 1"):
            sc.with_values({"firms.share_state": 0.9})
        assert sc.with_years(7)["time.years"] == 7
        with pytest.raises(ScenarioError, match=r"time.years = 0 .*out of range"):
            sc.with_years(0)


# --------------------------------------------------------------------------- wards CSV

HEADER = "name,regency,maturity,grant_received,plan_items"


def csv_error(tmp_path: Path, text: str) -> tuple[Path, str]:
    f = tmp_path / "wards.csv"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as ei:
        load_wards_csv(f)
    msg = str(ei.value)
    assert str(f) in msg, "the message names the file"
    assert "\n" not in msg
    return f, msg


class TestWardsCsv:
    def test_good_file(self, tmp_path: Path) -> None:
        f = tmp_path / "wards.csv"
        f.write_text(
            "# my wards\n"
            f"{HEADER},managing_body,coordination\n"
            "Alpha,Kendal,madani,1000,12,0.8,\n"
            "Beta,Kendal,Tidak_Berdaya,500,3,,0.4\n"
            "\n"
            "Gamma,Batang, mandiri ,0,0,0,1\n",
            encoding="utf-8",
        )
        wards = load_wards_csv(f)
        assert [w.name for w in wards] == ["Alpha", "Beta", "Gamma"]
        assert [w.maturity for w in wards] == ["madani", "tidak berdaya", "mandiri"]
        assert wards[0].managing_body == 0.8 and wards[0].coordination is None
        assert wards[1].managing_body is None and wards[1].coordination == 0.4
        assert wards[1].grant_received == 500.0 and wards[1].plan_items == 3
        assert all(w.maturity in MATURITY_LEVELS for w in wards)

    def test_scenario_with_wards_csv(self, tmp_path: Path) -> None:
        (tmp_path / "data").mkdir()
        (tmp_path / "data" / "w.csv").write_text(f"{HEADER}\nA,R,berdaya,900,4\nB,S,mandiri,1000,5\n")
        sc = load_scenario(write(tmp_path, '[scenario]\nwards_csv = "data/w.csv"\n[wards]\nn = 50\n'))
        assert sc.n_wards == 2  # the file's rows replace wards.n
        assert sc.to_dict()["wards"][0]["name"] == "A"

    def test_missing_extends_target_names_the_file_and_key(self, tmp_path: Path) -> None:
        f = write(tmp_path, '[scenario]\nextends = "nope-such-preset"\n')
        msg = load_error(f)
        assert str(f) in msg and "scenario.extends" in msg and "nope-such-preset" in msg
        assert msg.count(str(f)) == 1 and "\n" not in msg

    def test_a_lever_that_starts_after_the_run_is_refused(self) -> None:
        """A switched-on lever starting after the last year would never act: refused, naming the key and year."""
        with pytest.raises(ScenarioError) as e:
            load_scenario("kendal", policies=["marketing-push"], overrides={"time.years": 4})  # 2008-2011, lever 2013
        msg = str(e.value)
        assert "levers.marketing_push_start = 2013" in msg and "2008-2011" in msg and "never act" in msg
        assert msg.startswith(str(Path("scenarios/policies/marketing-push.toml"))) or "marketing-push.toml" in msg
        load_scenario("kendal", policies=["marketing-push"], overrides={"time.years": 6})  # 2008-2013: acts in 2013
        load_scenario("kendal", overrides={"time.years": 4})  # levers off: their start years do not matter
        # --years is checked the same way
        with pytest.raises(ScenarioError, match="never act"):
            load_scenario("kendal", policies=["marketing-push"], years=4)

    def test_a_lever_that_starts_before_the_run_is_refused(self, tmp_path: Path) -> None:
        """A lever starting before the first year would silently act from the first year: refused."""
        early = write(
            tmp_path, '[policy]\nname = "early"\n[levers]\ncsr_forum = 0.5\ncsr_forum_start = 1995\n', "e.toml"
        )
        msg = load_error("kendal", policies=[str(early)])
        assert msg.startswith(str(early)) and "csr_forum_start = 1995 is before the run's first year" in msg
        assert "2008-2027" in msg

    def test_two_policies_setting_one_lever_differently_are_refused(self, tmp_path: Path) -> None:
        mine = write(tmp_path, '[policy]\nname = "big-push"\n[levers]\nmarketing_push = 1.0\n', "big.toml")
        msg = load_error("kendal", policies=["marketing-push", str(mine)])
        assert "'marketing-push' and 'big-push' both set levers.marketing_push (0.6 and 1.0)" in msg
        # the same value twice is no conflict: all-efforts contains marketing-push's levers
        sc = load_scenario("kendal", policies=["marketing-push", "all-efforts"])
        assert sc.values["levers.marketing_push"] == 0.6

    def test_files_from_windows_tools_with_a_byte_order_mark(self, tmp_path: Path) -> None:
        """Notepad's TOML and Excel's "CSV UTF-8" start with a BOM: both load as without it."""
        bom = "\ufeff"
        (tmp_path / "w.csv").write_text(f"{bom}{HEADER}\nA,R,berdaya,900,4\n", encoding="utf-8")
        toml = '[scenario]\nwards_csv = "w.csv"\n[bkm]\ncoordination = 0.7\n'
        (tmp_path / "s.toml").write_text(bom + toml, encoding="utf-8")
        sc = load_scenario(tmp_path / "s.toml")
        assert sc.n_wards == 1 and sc.to_dict()["wards"][0]["name"] == "A"
        assert sc["bkm.coordination"] == 0.7

    def test_scenario_with_missing_wards_csv(self, tmp_path: Path) -> None:
        msg = load_error(write(tmp_path, '[scenario]\nwards_csv = "nope.csv"\n'))
        assert "nope.csv" in msg and "not found" in msg

    def test_duplicate_ward_names_are_refused(self, tmp_path: Path) -> None:
        _, msg = csv_error(tmp_path, f"{HEADER}\nA,R,berdaya,900,4\nB,R,berdaya,900,4\nA,S,mandiri,1000,5\n")
        assert "line 4" in msg and "ward name 'A' repeats line 2" in msg

    def test_more_rows_than_wards_n_allows_are_refused(self, tmp_path: Path) -> None:
        most = int(BY_NAME["wards.n"].high)
        rows = "".join(f"W{i},R,berdaya,900,4\n" for i in range(most + 1))
        _, msg = csv_error(tmp_path, f"{HEADER}\n{rows}")
        assert f"more than {most} wards" in msg and f"line {most + 2}" in msg

    def test_missing_column(self, tmp_path: Path) -> None:
        _, msg = csv_error(tmp_path, "name,regency,grant_received,plan_items\nA,R,1000,12\n")
        assert "missing column 'maturity'" in msg

    def test_unknown_column(self, tmp_path: Path) -> None:
        _, msg = csv_error(tmp_path, f"{HEADER},managing_bdy\nA,R,madani,1000,12,0.5\n")
        assert "unknown column 'managing_bdy'" in msg
        assert "did you mean 'managing_body'" in msg

    def test_bad_maturity(self, tmp_path: Path) -> None:
        _, msg = csv_error(tmp_path, f"{HEADER}\nA,R,great,1000,12\n")
        assert "line 2" in msg and "maturity = 'great'" in msg
        for m in MATURITY_LEVELS:
            assert m in msg

    def test_bad_number(self, tmp_path: Path) -> None:
        _, msg = csv_error(tmp_path, f"{HEADER}\nA,R,madani,1000,12\nB,R,madani,lots,12\n")
        assert "line 3" in msg and "grant_received = 'lots'" in msg and "must be a number" in msg

    def test_fractional_plan_items(self, tmp_path: Path) -> None:
        _, msg = csv_error(tmp_path, f"{HEADER}\nA,R,madani,1000,1.5\n")
        assert "line 2" in msg and "plan_items" in msg and "whole number" in msg

    def test_optional_column_out_of_range(self, tmp_path: Path) -> None:
        _, msg = csv_error(tmp_path, f"{HEADER},managing_body\nA,R,madani,1000,12,1.2\n")
        assert "managing_body = '1.2'" in msg and "[0, 1]" in msg

    def test_negative_grant(self, tmp_path: Path) -> None:
        _, msg = csv_error(tmp_path, f"{HEADER}\nA,R,madani,-5,12\n")
        assert "grant_received = '-5'" in msg

    def test_wrong_cell_count(self, tmp_path: Path) -> None:
        _, msg = csv_error(tmp_path, f"{HEADER}\nA,R,madani,1000\n")
        assert "line 2 has 4 cells" in msg

    def test_empty_name(self, tmp_path: Path) -> None:
        _, msg = csv_error(tmp_path, f"{HEADER}\n,R,madani,1000,12\n")
        assert "name is empty" in msg

    def test_empty_file_and_header_only(self, tmp_path: Path) -> None:
        _, msg = csv_error(tmp_path, "")
        assert "empty" in msg
        _, msg = csv_error(tmp_path, HEADER + "\n")
        assert "no wards" in msg

    def test_not_utf8(self, tmp_path: Path) -> None:
        f = tmp_path / "wards.csv"
        f.write_bytes(f"{HEADER}\n".encode() + b"Caf\xe9,R,madani,1000,12\n")
        with pytest.raises(ScenarioError, match="UTF-8"):
            load_wards_csv(f)

    def test_missing_file(self, tmp_path: Path) -> None:
        with pytest.raises(ScenarioError, match="not found"):
            load_wards_csv(tmp_path / "nope.csv")

    def test_row_number_is_the_file_line_when_comments_precede(self, tmp_path: Path) -> None:
        # line 1-2 comments, line 3 header, line 4 good, line 5 bad
        _, msg = csv_error(tmp_path, f"# a\n# b\n{HEADER}\nA,R,madani,1000,12\nB,R,madani,x,12\n")
        assert "line 5" in msg


# --------------------------------------------------------------------------- structure and market access


CHOICES = {p.name: p.choices for p in PARAMETERS if p.kind == "choice"}


class TestStructure:
    def test_structure_table_lists_the_alternatives(self) -> None:
        assert CHOICES["structure.trust"] == ("learned", "symmetric", "fixed")
        assert CHOICES["structure.renewal"] == ("decision", "lapse", "permanent")
        assert CHOICES["structure.upkeep"] == ("condition", "fixed_decay")
        assert CHOICES["structure.enablers"] == ("complementary", "additive", "substitutes")
        assert CHOICES["structure.awareness"] == ("gated", "open")

    @pytest.mark.parametrize(("name", "value"), [(n, c) for n, cs in CHOICES.items() for c in cs])
    def test_every_value_loads_from_a_file_and_from_set(self, tmp_path: Path, name: str, value: str) -> None:
        section, key = name.split(".")
        sc = load_scenario(write(tmp_path, f'[{section}]\n{key} = "{value}"\n'))
        assert sc[name] == value
        assert parse_assignment(f"{name}={value}") == (name, value)
        assert load_scenario("kendal", overrides={name: value})[name] == value

    def test_structure_is_part_of_the_digest(self) -> None:
        a = load_scenario("kendal")
        b = load_scenario("kendal", overrides={"structure.trust": "fixed"})
        assert a.digest() != b.digest()
        assert b.changed()["structure.trust"] == "fixed" and "structure.trust" not in a.changed()

    def test_unknown_value_names_file_key_and_choices(self, tmp_path: Path) -> None:
        f = write(tmp_path, '[structure]\ntrust = "learnt"\n')
        msg = load_error(f)
        assert str(f) in msg and "structure.trust" in msg
        assert "learned, symmetric, fixed" in msg and "did you mean 'learned'" in msg

    def test_number_for_a_choice(self, tmp_path: Path) -> None:
        msg = load_error(write(tmp_path, "[structure]\nrenewal = 1\n"))
        assert "structure.renewal = 1 must be one of decision, lapse" in msg

    def test_text_for_a_number_is_refused(self) -> None:
        with pytest.raises(ScenarioError, match=r"trust.initial = 'fixed' must be a number"):
            parse_assignment("trust.initial=fixed")

    def test_bad_set_value(self) -> None:
        with pytest.raises(ScenarioError, match=r"structure\.upkeep = 'decay' must be one of condition, fixed_decay"):
            parse_assignment("structure.upkeep=decay")

    def test_unknown_structure_key(self, tmp_path: Path) -> None:
        msg = load_error(write(tmp_path, '[structure]\nrenewl = "lapse"\n'))
        assert "unknown key 'structure.renewl'" in msg and "structure.renewal" in msg


class TestMarketAccessColumn:
    HEAD = "name,regency,maturity,grant_received,plan_items,market_access\n"

    def test_read_and_empty_cell_drawn(self, tmp_path: Path) -> None:
        f = write(tmp_path, self.HEAD + "A,R,berdaya,1000,12,0.3\nB,R,mandiri,1000,12,\n", "w.csv")
        wards = load_wards_csv(f)
        assert wards[0].market_access == 0.3 and wards[1].market_access is None

    @pytest.mark.parametrize("bad", ["1.5", "-0.1", "far", "nan"])
    def test_out_of_range_or_not_a_number(self, tmp_path: Path, bad: str) -> None:
        f = write(tmp_path, self.HEAD + f"A,R,berdaya,1000,12,{bad}\n", "w.csv")
        with pytest.raises(ScenarioError) as ei:
            load_wards_csv(f)
        msg = str(ei.value)
        assert "\n" not in msg and str(f) in msg and "line 2" in msg
        assert f"market_access = '{bad}' must be a number in [0, 1]" in msg
