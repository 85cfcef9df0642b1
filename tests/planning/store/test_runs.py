"""planning.store.runs: a background run stores its result with the version it was given; a
reader's run fails with the reason; progress and elapsed time."""

from __future__ import annotations

import time

from sqlmodel import Session

from planning.domain.inputs import default_inputs
from planning.store import scenario
from planning.store.runs import RunBoard, RunJob, run_job
from planning.views.plan_tables import with_total_budgets
from tests.planning.actors import KURZEME, MINISTRY


def make(session) -> int:
    s = scenario.create_scenario(session=session, actor=KURZEME,
                                 scenario_in={"name": "K", "region": "Kurzeme"})
    return s.id


def test_result_goes_to_the_version_solved_even_if_saved_meanwhile(engine) -> None:
    with Session(engine, expire_on_commit=False) as session:
        sid = make(session)
        scenario.save_inputs(session=session, actor=KURZEME, scenario_id=sid,
                             inputs=with_total_budgets(default_inputs("Kurzeme"), 0.5),
                             expected_version=1)
    board = RunBoard()
    job = board.submit(engine, KURZEME, scenario_id=sid, version=1, time_limit=60)
    deadline = time.monotonic() + 60
    while board.get(job.id).running and time.monotonic() < deadline:
        time.sleep(0.1)
    assert job.phase == "done", job.error
    assert job.progress() == 1.0 and job.elapsed() > 0
    assert board.active(sid) is None
    with Session(engine) as session:
        v1 = scenario.latest_result(session=session, actor=KURZEME, scenario_id=sid, number=1)
        v2 = scenario.latest_result(session=session, actor=KURZEME, scenario_id=sid, number=2)
    assert v1 is not None and v1.id == job.result_id and v2 is None


def test_reader_may_not_run(engine) -> None:
    with Session(engine, expire_on_commit=False) as session:
        sid = make(session)
    job = run_job(RunJob(1, sid, 1, "highs", 10), engine, MINISTRY)
    assert job.phase == "failed" and "may not run" in job.error
    assert job.result_id is None


def test_progress_while_solving_follows_the_time_limit() -> None:
    job = RunJob(1, 1, 1, "highs", 100.0, phase="solving", started=10.0)
    assert job.progress(now=10.0) == 0.05
    assert job.progress(now=60.0) == 0.5
    assert job.progress(now=1000.0) == 0.95
