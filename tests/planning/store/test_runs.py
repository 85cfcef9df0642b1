"""planning.store.runs: a run stores its result with the version it was given; readers and
too long time limits are refused; a fair queue per region; cancel; a restart marks
interrupted runs; solver processes die with the app and leave no temporary folder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlmodel import Session, select

from planning.domain.errors import InputError, PermissionDenied
from planning.domain.inputs import default_inputs
from planning.domain.roles import Role
from planning.store import leases, runs, scenario
from planning.store.runs import RunBoard, RunJob
from planning.store.tables import OptimizerRun
from tests.budgets import with_total_budgets
from tests.planning.actors import KURZEME, LATGALE, MINISTRY

ROOT = Path(__file__).resolve().parents[3]


def make(session, actor=KURZEME, region: str | None = "Kurzeme") -> int:
    s = scenario.create_scenario(session=session, actor=actor,
                                 scenario_in={"name": "K", "region": region})
    return s.id


def wait(board: RunBoard, *jobs: RunJob, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while any(board.get(j.id).running for j in jobs) and time.monotonic() < deadline:
        time.sleep(0.1)


def group_alive(pgid: int, grace: float = 15.0) -> bool:
    """Whether a process of group ``pgid`` still runs after ``grace`` seconds (zombies, which
    the kill has ended but nobody reaped yet, do not count)."""
    deadline = time.monotonic() + grace
    while True:
        if not _running_members(pgid):
            return False
        if time.monotonic() > deadline:
            return True
        time.sleep(0.2)


def _running_members(pgid: int) -> list[int]:
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            members.append(int(stat.parent.name))
    return members


def test_result_goes_to_the_version_solved_even_if_saved_meanwhile(engine) -> None:
    with Session(engine, expire_on_commit=False) as session:
        sid = make(session)
        scenario.save_inputs(session=session, actor=KURZEME, scenario_id=sid,
                             inputs=with_total_budgets(default_inputs("Kurzeme"), 0.5),
                             expected_version=1)
    board = RunBoard(engine, workers=1)
    job = board.submit(KURZEME, scenario_id=sid, version=1, time_limit=60)
    wait(board, job)
    assert job.phase == "done", job.error
    assert job.progress() == 1.0 and job.elapsed() > 0
    assert board.active(sid) is None
    with Session(engine) as session:
        v1 = scenario.latest_result(session=session, actor=KURZEME, scenario_id=sid, number=1)
        v2 = scenario.latest_result(session=session, actor=KURZEME, scenario_id=sid, number=2)
        record = session.get(OptimizerRun, job.id)
    assert v1 is not None and v1.id == job.result_id and v2 is None
    assert (record.phase, record.result_id) == ("done", job.result_id)
    assert not list(runs.temp_root().glob(f"{os.getpid()}-{job.id}"))


def test_a_reader_may_not_run_and_the_time_limit_is_capped_by_role(engine) -> None:
    with Session(engine, expire_on_commit=False) as session:
        sid = make(session)
    board = RunBoard(engine, workers=1)
    with pytest.raises(PermissionDenied):
        board.submit(MINISTRY, scenario_id=sid, version=1, time_limit=10)
    cap = runs.TIME_LIMITS[Role.MANAGEMENT_GROUP]
    with pytest.raises(InputError, match=f"1 to {cap:g} seconds"):
        board.submit(KURZEME, scenario_id=sid, version=1, time_limit=cap + 1)
    with pytest.raises(InputError):
        board.submit(KURZEME, scenario_id=sid, version=1, time_limit=float("nan"))


def test_the_queue_is_fair_between_regions(engine) -> None:
    with Session(engine, expire_on_commit=False) as session:
        kurzeme, latgale = make(session), make(session, LATGALE, "Latgale")
    board = RunBoard(engine, workers=1)
    mine = [board.submit(KURZEME, scenario_id=kurzeme, version=1, time_limit=60)
            for _ in range(3)]
    theirs = board.submit(LATGALE, scenario_id=latgale, version=1, time_limit=60)
    assert board.ahead(theirs) >= 2  # submitted last...
    wait(board, *mine, theirs)
    order = sorted([*mine, theirs], key=lambda j: j.started)
    assert [j.phase for j in order] == ["done"] * 4
    assert order.index(theirs) == 1  # ...but started right after the first Kurzeme run


def test_a_run_is_cancelled_with_its_solver_process(engine) -> None:
    with Session(engine, expire_on_commit=False) as session:
        sid = make(session, MINISTRY, None)  # all of Latvia: a long CBC solve
    board = RunBoard(engine, workers=1)
    job = board.submit(MINISTRY, scenario_id=sid, version=1, solver="cbc", time_limit=300)
    deadline = time.monotonic() + 120
    while job.pid is None and time.monotonic() < deadline:
        time.sleep(0.1)
    pid = job.pid
    assert pid is not None, job.error
    time.sleep(1)
    assert board.cancel(job.id, MINISTRY)
    wait(board, job, seconds=30)
    assert job.phase == "cancelled"
    assert not group_alive(pid)
    with Session(engine) as session:
        assert session.get(OptimizerRun, job.id).phase == "cancelled"
    assert not list(runs.temp_root().glob(f"{os.getpid()}-{job.id}"))


def _dead_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_a_restart_marks_interrupted_runs_and_removes_their_temp_folders(engine) -> None:
    with Session(engine, expire_on_commit=False) as session:
        sid = make(session)
        dead = _dead_pid()
        session.add(OptimizerRun(scenario_id=sid, version=1, region="Kurzeme", solver="cbc",
                                 time_limit=60, submitted_by=KURZEME.username,
                                 owner=f"{leases.replica_name()}:{dead}", phase="solving"))
        session.commit()
    folder = runs.temp_root() / f"{dead}-1"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "model.mps").write_text("left behind")
    RunBoard(engine, workers=1)
    with Session(engine) as session:
        [row] = session.exec(select(OptimizerRun).where(OptimizerRun.scenario_id == sid)).all()
        shown = runs.recent_runs(session=session, actor=KURZEME, scenario_id=sid)
    assert row.phase == "interrupted" and row.error == runs.INTERRUPTED
    assert [r.phase for r in shown] == ["interrupted"]
    assert not folder.exists()


@pytest.mark.slow
def test_killing_the_app_mid_run_kills_the_solver_and_a_restart_marks_the_run(
        engine, db_url) -> None:
    with Session(engine, expire_on_commit=False) as session:
        sid = make(session, MINISTRY, None)
    app = textwrap.dedent(f"""
        import time
        from planning.domain.roles import Actor, Role
        from planning.store.db import make_engine
        from planning.store.runs import RunBoard
        board = RunBoard(make_engine({db_url!r}), workers=1)
        job = board.submit(Actor("ministry.reviewer", Role.MINISTRY), scenario_id={sid},
                           version=1, solver="cbc", time_limit=300)
        while job.pid is None:
            time.sleep(0.1)
        print(job.pid, job.id, flush=True)
        time.sleep(600)
    """)
    proc = subprocess.Popen([sys.executable, "-c", app], cwd=ROOT, stdout=subprocess.PIPE,
                            text=True)
    pid, run_id = map(int, proc.stdout.readline().split())
    deadline = time.monotonic() + 120
    while not _cbc_in_group(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _cbc_in_group(pid), "CBC is running in the solve's process group"
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    deadline = time.monotonic() + 10
    while group_alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not group_alive(pid), "the solver died with the app"
    RunBoard(engine, workers=1)  # the restart
    with Session(engine) as session:
        assert session.get(OptimizerRun, run_id).phase == "interrupted"
    assert not list(runs.temp_root().glob(f"{proc.pid}-*"))


def _cbc_in_group(pgid: int) -> bool:
    return any(p.name.isdigit() and _group(p) == pgid and "cbc" in _comm(p)
               for p in Path("/proc").iterdir())


def _comm(proc_dir: Path) -> str:
    try:
        return (proc_dir / "comm").read_text()
    except OSError:
        return ""


def _group(proc_dir: Path) -> int | None:
    try:
        return int((proc_dir / "stat").read_text().rsplit(")", 1)[1].split()[2])
    except (OSError, IndexError, ValueError):
        return None


def test_progress_while_solving_follows_the_time_limit() -> None:
    job = RunJob(1, 1, 1, "highs", 100.0, phase="solving", started=10.0)
    assert job.progress(now=10.0) == 0.05
    assert job.progress(now=60.0) == 0.5
    assert job.progress(now=1000.0) == 0.95
