"""planning.store.sweeps: a sweep of a version is stored as it goes, keeps its points when
cancelled or interrupted, and only who may run and read the scenario's details may use it."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from optimizer.errors import InputError as OptimizerInputError
from optimizer.sweep import Axis, Lever
from planning.domain.errors import InputError, NotFoundError, PermissionDenied
from planning.store import leases, scenario, sweeps
from planning.store.sweeps import RobustSpec, SweepBoard, SweepSpec
from planning.store.tables import SensitivitySweep
from tests.planning.actors import KURZEME, LATGALE, LIEPAJA, MINISTRY


def kurzeme(session) -> int:
    return scenario.create_scenario(session=session, actor=KURZEME,
                                    scenario_in={"name": "K", "region": "Kurzeme"}).id


def budget_spec(*values: float, **kw) -> SweepSpec:
    return SweepSpec([Axis(Lever("budget"), list(values))], **kw)


def test_a_budget_sweep_is_stored_with_its_version_and_frontier(engine, session):
    sid = kurzeme(session)
    board = SweepBoard(engine, workers=2)
    sweep_id = board.start(KURZEME, scenario_id=sid, version=1,
                           spec=budget_spec(1_000_000, 3_000_000))
    board.wait(sweep_id, 600)
    with Session(engine) as s:
        got = sweeps.get_sweep(session=s, actor=MINISTRY, sweep_id=sweep_id)
    assert (got.status, got.done, got.total, got.version) == ("done", 3, 3, 1)
    assert got.base is not None and len(got.points) == 2
    front = got.frontier()
    assert [r["budget_eur"] for r in front] == [1_000_000, 3_000_000]
    assert front[0]["served"] < front[1]["served"] <= got.base["served"] + 1e-6
    assert front[1]["served_per_extra_million"] > 0
    assert front[0]["investment_eur"] <= 1_000_000 + 1


def test_one_at_a_time_gives_a_tornado(engine, session):
    sid = kurzeme(session)
    board = SweepBoard(engine, workers=2)
    spec = SweepSpec([Axis(Lever("budget"), [1_000_000, 3_000_000]),
                      Axis(Lever("need"), [0.5, 1.0])], one_at_a_time=True)
    sweep_id = board.start(KURZEME, scenario_id=sid, version=1, spec=spec)
    board.wait(sweep_id, 600)
    with Session(engine) as s:
        got = sweeps.get_sweep(session=s, actor=KURZEME, sweep_id=sweep_id)
    assert got.done == 5
    assert {r["lever"] for r in got.tornado()} == {"budget", "need"}


def test_cancel_keeps_what_was_solved(engine, session):
    sid = kurzeme(session)
    board = SweepBoard(engine, workers=1)
    values = [float(v) for v in range(1_000_000, 9_000_000, 500_000)]
    sweep_id = board.start(KURZEME, scenario_id=sid, version=1, spec=budget_spec(*values))
    assert board.cancel(sweep_id, KURZEME)
    board.wait(sweep_id, 600)
    with Session(engine) as s:
        got = sweeps.get_sweep(session=s, actor=KURZEME, sweep_id=sweep_id)
    assert got.status == "cancelled"
    assert 1 <= got.done < got.total == len(values) + 1
    assert not board.cancel(sweep_id, KURZEME)


def test_who_may_start_and_read(engine, session):
    sid = kurzeme(session)
    board = SweepBoard(engine, workers=1)
    with pytest.raises(PermissionDenied):
        board.start(LATGALE, scenario_id=sid, version=1, spec=budget_spec(1e6))
    with pytest.raises(PermissionDenied):
        sweeps.list_sweeps(session=session, actor=LIEPAJA, scenario_id=sid)
    assert sweeps.list_sweeps(session=session, actor=KURZEME, scenario_id=sid) == []


def test_bad_requests_are_refused_before_anything_is_stored(engine, session):
    sid = kurzeme(session)
    board = SweepBoard(engine, workers=1)
    with pytest.raises(InputError, match="at most 200"):
        board.start(KURZEME, scenario_id=sid, version=1,
                    spec=budget_spec(*[float(v) for v in range(1, 300)]))
    with pytest.raises(InputError, match="time limit"):
        board.start(KURZEME, scenario_id=sid, version=1, spec=budget_spec(1e6, time_limit=1e6))
    with pytest.raises(OptimizerInputError, match="neither a region nor a group"):
        board.start(KURZEME, scenario_id=sid, version=1,
                    spec=SweepSpec([Axis(Lever("need", "Atlantis"), [1.0])]))
    assert sweeps.list_sweeps(session=session, actor=KURZEME, scenario_id=sid) == []


def test_a_restart_marks_a_dead_process_sweep_interrupted(engine, session):
    sid = kurzeme(session)
    row = SensitivitySweep(scenario_id=sid, version=1, spec=budget_spec(1e6).to_json(),
                           total=2, done=1, owner=f"{leases.replica_name()}:999999999",
                           created_by=KURZEME.username,
                           results='[{"point": {}, "status": "optimal", "served": 3}]')
    session.add(row)
    session.commit()
    SweepBoard(engine, workers=1)
    with Session(engine) as s:
        got = sweeps.get_sweep(session=s, actor=KURZEME, sweep_id=row.id)
    assert got.status == "interrupted" and got.base == {"point": {}, "status": "optimal",
                                                        "served": 3}


def test_a_robust_run_is_stored_with_its_version_plan_and_frequencies(engine, session):
    sid = kurzeme(session)
    board = SweepBoard(engine)
    run_id = board.start_robust(KURZEME, scenario_id=sid, version=1,
                                spec=RobustSpec(scenarios=2, cv=0.3))
    board.wait(run_id, 600)
    with Session(engine) as s:
        got = sweeps.get_robust(session=s, actor=MINISTRY, run_id=run_id)
        assert sweeps.list_sweeps(session=s, actor=KURZEME, scenario_id=sid) == []
        assert [r.id for r in sweeps.list_robust(session=s, actor=KURZEME,
                                                  scenario_id=sid)] == [run_id]
        with pytest.raises(NotFoundError):
            sweeps.get_sweep(session=s, actor=KURZEME, sweep_id=run_id)
    assert (got.status, got.version, got.spec) == ("done", 1, RobustSpec(scenarios=2, cv=0.3))
    assert got.done == got.total > 0
    result = got.result
    assert result is not None and result["optima"] == 2
    assert 0 <= result["expected_unserved"] <= result["worst_unserved"]
    assert result["max_regret"] <= result["assessed"]["max_regret"] + 1e-6
    shares = [f["share"] for f in result["frequency"]]
    assert shares and all(s in (0.5, 1.0) for s in shares)
    assert all(site[2] >= 0 for site in result["chosen"]["sites"])
    draws = result["draws"]     # the chosen plan in each scenario, for the workbook
    assert len(draws) == 2 and all(d["served"] >= 0 and d["regret"] >= 0 for d in draws)
    assert max(d["unserved"] for d in draws) == pytest.approx(result["worst_unserved"])


def test_a_cancelled_robust_run_keeps_its_progress_and_no_plan(engine, session):
    sid = kurzeme(session)
    board = SweepBoard(engine)
    run_id = board.start_robust(KURZEME, scenario_id=sid, version=1,
                                spec=RobustSpec(scenarios=4))
    assert board.cancel(run_id, KURZEME)
    board.wait(run_id, 600)
    with Session(engine) as s:
        got = sweeps.get_robust(session=s, actor=KURZEME, run_id=run_id)
    assert got.status == "cancelled" and got.result is None
    assert 1 <= got.done < got.total


def test_who_may_start_and_read_a_robust_run_and_bad_requests(engine, session):
    sid = kurzeme(session)
    board = SweepBoard(engine)
    with pytest.raises(PermissionDenied):
        board.start_robust(LATGALE, scenario_id=sid, version=1, spec=RobustSpec(scenarios=2))
    with pytest.raises(PermissionDenied):
        sweeps.list_robust(session=session, actor=LIEPAJA, scenario_id=sid)
    with pytest.raises(OptimizerInputError, match="between 1 and 500"):
        board.start_robust(KURZEME, scenario_id=sid, version=1, spec=RobustSpec(scenarios=0))
    with pytest.raises(InputError, match="time limit"):
        board.start_robust(KURZEME, scenario_id=sid, version=1,
                           spec=RobustSpec(time_limit=1e6))
    assert sweeps.list_robust(session=session, actor=KURZEME, scenario_id=sid) == []
