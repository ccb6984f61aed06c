"""Building the tables of runs: one run's tables, many runs' tables at once, and the run figures kernel.

``results.table_columns`` builds the tables of a batch chunk (or of ``simulator.run``'s seeds) from the
runs' harvests at once; it must give the rows each run's own tables give, one run after the other. The
summary's figures that need the model (``observation.run_records``, compiled) must equal the NumPy
computation they replaced, to the last bit.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from simulator.model import observation
from simulator.model.model import PartnershipModel
from simulator.model.state import ACCEPTED, PARTNERSHIP_END, PROPOSAL, ROUTES, UNANSWERED
from simulator.results import LONG_PARTNERSHIP, columns, concat, frame, harvest, simulate, table_columns
from simulator.scenario import load_scenario


def run_record_reference(m: PartnershipModel, log: dict[str, np.ndarray], long_years: float) -> dict[str, float]:
    """The NumPy code the summary used before ``kernels.run_records``."""
    ends = log["duration"][log["event"] == PARTNERSHIP_END].astype(float)
    alive_dur = (m.steps - 1 + m.age0 - m.started[m.alive] + 1).astype(float)
    durations = np.sort(np.concatenate((ends, alive_dur)))
    if not len(durations):
        median = 0.0
    elif np.isnan(durations[-1]):
        median = float("nan")
    else:
        h = len(durations) // 2
        median = float(durations[h]) if len(durations) % 2 else float((durations[h - 1] + durations[h]) / 2)
    is_prop = log["event"] == PROPOSAL
    sector = m.sector[log["partner"][is_prop].astype(np.int64)]
    status = log["status"][is_prop]
    live = np.zeros(m.n_partners, dtype=bool)
    live[m.pairs.partner[m.alive]] = True
    out = {
        "duration_median": median,
        "duration_mean": float(ends.mean()) if len(ends) else float("nan"),
        "long_share": float((ends >= long_years).mean()) if len(ends) else float("nan"),
        "grant_spent_share": float(m.grant_spent.sum() / m.grant_received.sum()) if m.grant_received.sum() > 0 else 0.0,
    }
    R = len(ROUTES)
    for r, route in enumerate(ROUTES):
        out[f"partners_{route}"] = float(np.bincount(m.sector[live], minlength=R)[r])
        out[f"sent_{route}"] = float(np.bincount(sector, minlength=R)[r])
        out[f"answered_{route}"] = float(np.bincount(sector[status != UNANSWERED], minlength=R)[r])
        out[f"accepted_{route}"] = float(np.bincount(sector[status == ACCEPTED], minlength=R)[r])
    return out


RUNS = [
    ("kendal", 1, {}),
    ("pekalongan", 4, {"structure.renewal": "lapse"}),  # many partnerships end
    ("baseline", 2, {"time.years": 3}),  # few events, most partnerships still alive
    ("kendal-2026", 0, {}),  # a run from a ward status: partnerships started before it
    ("baseline", 5, {"government.agencies": 0, "firms.n": 0, "time.years": 2}),  # no partner at all
    ("central-java", 0, {"time.years": 6}),  # more wards and partners than the runs around it
]


@pytest.mark.parametrize("long_years", [LONG_PARTNERSHIP, 1.0])
def test_run_records_equal_the_numpy_computation_run_by_run(long_years: float) -> None:
    # runs of different sizes in one call: each run's stretch of the joined arrays is its own
    models = [simulate(load_scenario(p, overrides=o), s) for p, s, o in RUNS]
    got = observation.run_records([observation.run_parts(m) for m in models], long_years)
    for i, m in enumerate(models):
        want = run_record_reference(m, observation.event_codes(m), long_years)
        assert got.keys() == want.keys()
        for k, v in want.items():
            assert (np.isnan(v) and np.isnan(got[k][i])) or got[k][i] == v, (RUNS[i], k, got[k][i], v)
    alone = observation.run_records([observation.run_parts(models[1])], long_years)
    assert all(np.array_equal(alone[k], got[k][1:2], equal_nan=True) for k in got)


def test_the_record_sees_ended_partnerships_and_proposals_of_both_routes() -> None:
    # a guard against a reference and a kernel that agree on nothing happening
    m = simulate(load_scenario("pekalongan", overrides={"structure.renewal": "lapse"}), 4)
    rec = {k: v[0] for k, v in observation.run_records([observation.run_parts(m)], LONG_PARTNERSHIP).items()}
    assert rec["duration_mean"] > 0 and 0 < rec["long_share"] < 1
    assert all(rec[f"sent_{r}"] > rec[f"accepted_{r}"] > 0 for r in ROUTES)


def _assert_same(a: dict, b: dict) -> None:
    assert a.keys() == b.keys()
    for name in a:
        pd.testing.assert_frame_equal(frame(a[name]), frame(b[name]), check_exact=True)


def test_many_runs_at_once_give_each_run_s_own_rows_in_order() -> None:
    sc = load_scenario("kendal")
    seeds = [3, 1, 2]
    models = [simulate(sc, s) for s in seeds]
    one_by_one = [columns(m, s) for m, s in zip(models, seeds, strict=True)]
    want = {k: concat([c[k] for c in one_by_one]) for k in one_by_one[0]}
    got = table_columns([harvest(m, s) for m, s in zip(models, seeds, strict=True)])
    _assert_same(got, want)
    assert list(frame(got["summary"])["seed"]) == seeds
    assert frame(got["summary"])["partnerships_final"].nunique() > 1  # the runs differ: rows were not mixed up


def test_runs_of_different_lengths_are_summarised_each_on_its_own_years() -> None:
    runs = [
        (load_scenario("kendal", overrides={"time.years": 12}), 0),
        (load_scenario("kendal"), 1),
        (load_scenario("kendal", overrides={"time.years": 2}), 2),  # the grant still running: no year after it
        (load_scenario("kendal", overrides={"time.years": 12}), 3),
    ]
    models = [(simulate(sc, s), s) for sc, s in runs]
    want_parts = [columns(m, s, ("timeseries", "summary")) for m, s in models]
    want = {k: concat([c[k] for c in want_parts]) for k in ("timeseries", "summary")}
    got = table_columns([harvest(m, s, ("timeseries", "summary")) for m, s in models], ("timeseries", "summary"))
    _assert_same(got, want)
    summary = frame(got["summary"])
    assert list(summary["years"]) == [12, 20, 2, 12]
    assert np.isnan(summary["partnerships_after_grant"][2]) and not np.isnan(summary["partnerships_after_grant"][1])


def test_a_run_s_summary_reduces_its_own_series() -> None:
    # the vectorised reductions against the series they come from, run by run
    sc = load_scenario("pekalongan")
    models = [(simulate(sc, s), s) for s in range(3)]
    got = table_columns([harvest(m, s, ("timeseries", "summary")) for m, s in models], ("timeseries", "summary"))
    ts, summary = frame(got["timeseries"]), frame(got["summary"])
    for i, (m, s) in enumerate(models):
        run = ts[ts["seed"] == s]
        active = run["partnerships_active"].to_numpy()
        row = summary.iloc[i]
        assert row["aid_total"] == run["aid_total"].to_numpy().sum()
        assert row["partnerships_mean"] == active.mean()
        assert row["partnerships_peak_year"] == run["year"].to_numpy()[active.argmax()]
        assert row["sustained_share_final"] == run["sustained_share"].to_numpy()[-1]
        assert row["aid_per_ward"] == row["aid_total"] / m.n_wards
        assert row["fees_total"] == run["fees_collected"].to_numpy().sum()


@pytest.mark.parametrize("name", ["central-java", "", "Kota Pekalongan – ü"])
@pytest.mark.parametrize("n", [0, 1, 7, 1000])
def test_a_text_column_of_one_string_equals_the_taken_one(name: str, n: int) -> None:
    """Codes.arrow builds a one-string column from its bytes: the same Arrow array (and pandas column) as a take."""
    import pyarrow as pa

    from simulator.results import Codes

    col = Codes.repeat(name, n)
    taken = pa.array([name], type=pa.large_string()).take(pa.array(col.codes))
    built = col.arrow()
    built.validate(full=True)
    assert built.type == taken.type and built.equals(taken) and built.null_count == 0
    assert built.to_pylist() == [name] * n
    if n:
        assert pd.Series(col.pandas()).equals(pd.Series(pd.array(taken, dtype=col.pandas().dtype)))


def test_the_events_table_is_a_copy_of_the_model_s_log() -> None:
    """A run's harvest reads the log's own arrays (no copy); the tables and event_log never share them."""
    from simulator.results import tables

    m = simulate(load_scenario("kendal"), 3)
    block = m._log["amount"][0]
    assert len(m._log["amount"]) == 1  # a run to its end keeps its log as one block
    assert np.shares_memory(observation.event_codes(m, copy=False)["amount"], block)
    assert not np.shares_memory(observation.event_codes(m)["amount"], block)
    ev = tables(m, 3)["events"]
    for col in ("amount", "year", "duration"):
        assert not np.shares_memory(ev[col].to_numpy(), m._log[col][0])
    np.testing.assert_array_equal(ev["amount"].to_numpy(), block)
