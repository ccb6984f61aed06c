"""The outcome registry (``simulator.outcomes``): one home for every outcome the commands report."""

from __future__ import annotations

import pytest

import simulator
from simulator.analysis import ablation_spec
from simulator.i18n import LANGS, outcome_axis, outcome_label
from simulator.outcomes import BY_NAME, OUTCOMES, outcome
from simulator.policy import effects
from simulator.policy.whatif_spec import THRESHOLD_OUTCOMES
from simulator.results import SUMMARY_COLUMNS
from simulator.sensitivity.experiment import DEFAULT_OUTPUTS


@pytest.fixture(scope="module")
def tables() -> simulator.RunResult:
    return simulator.run("kendal", seed=1, years=12)


def test_every_outcome_lives_in_its_table_and_its_series_in_the_time_series(tables) -> None:
    assert len(BY_NAME) == len(OUTCOMES)  # one entry per name
    for o in OUTCOMES:
        assert o.table == "summary" and o.name in tables.summary.columns, o.name
        assert o.series is None or o.series in tables.timeseries.columns, o.name
        assert o.direction in (-1, 0, 1) and o.digits >= 0 and o.scale > 0


def test_every_command_takes_its_outcomes_from_the_registry() -> None:
    named = [c for c, _ in SUMMARY_COLUMNS] + [o.column for o in effects.OUTCOMES]
    named += [o.column for o in ablation_spec.OUTCOMES] + list(THRESHOLD_OUTCOMES) + list(DEFAULT_OUTPUTS)
    assert set(named) <= set(BY_NAME)
    assert dict(SUMMARY_COLUMNS) == {c: outcome(c).description for c, _ in SUMMARY_COLUMNS}
    for o in effects.OUTCOMES:
        r = outcome(o.column)
        assert (o.label, o.unit, o.series, o.digits, o.scale) == (r.short, r.unit, r.series, r.digits, r.scale)
    for o in ablation_spec.OUTCOMES:
        assert (o.scale, o.digits) == (outcome(o.column).scale, outcome(o.column).digits)
    assert all(outcome(n).direction == 1 for n in THRESHOLD_OUTCOMES)  # a threshold is a floor to reach


def test_compared_outcomes_have_labels_in_every_language() -> None:
    for o in effects.OUTCOMES:
        for lang in LANGS:
            assert outcome_label(o.column, lang) and "\n" not in outcome_label(o.column, lang)
            assert outcome_axis(o.column, lang).count("\n") == 1
    assert outcome_label("sustained_share_final", "id") == "Program berkelanjutan (% kelurahan)"
    with pytest.raises(ValueError, match="language 'fr'"):
        outcome_label("sustained_share_final", "fr")
    with pytest.raises(KeyError):
        outcome("no_such_outcome")
