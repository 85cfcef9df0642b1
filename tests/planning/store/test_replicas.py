"""Two app replicas on one database: each replica is an engine of its own (its own pool) and,
where a process must die, a process of its own. Concurrent edits of one scenario: exactly one
wins and the other is told who saved; a run or sweep whose replica died is marked
interrupted by the other (after the lease), while a live replica's ones are left alone;
a sweep is cancelled from either replica; replicas starting together on a new database
migrate and seed it once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import event, func
from sqlmodel import Session, select

from optimizer.sweep import Axis, Lever
from planning.domain import geo
from planning.store import leases, runs, scenario, sweeps
from planning.store.db import init_db, make_engine, municipalities_frame
from planning.store.runs import RunBoard
from planning.store.sweeps import SweepBoard, SweepSpec
from planning.store.tables import OptimizerRun, Region, SensitivitySweep, utcnow
from tests.planning.actors import KURZEME, KURZEME_2, MINISTRY

ROOT = Path(__file__).resolve().parents[3]
LEASE = 6.0


def _bump(inputs, by: int):
    first, *rest = inputs.needs
    return replace(inputs, needs=((*first[:4], first[4] + by), *rest))


def test_two_replicas_save_one_scenario_at_once_one_wins_the_other_conflicts(db_url) -> None:
    replica_a, replica_b = init_db(make_engine(db_url)), make_engine(db_url)
    try:
        with Session(replica_a) as session:
            sid = scenario.create_scenario(session=session, actor=KURZEME,
                                           scenario_in={"name": "K", "region": "Kurzeme"}).id
            inputs = scenario.load_inputs(session=session, actor=KURZEME, scenario_id=sid)
        barrier = threading.Barrier(2)

        def save(engine, actor, by: int) -> tuple[str, str]:
            with Session(engine) as own:
                scenario.get_scenario(session=own, actor=actor, scenario_id=sid)
                barrier.wait()
                try:
                    scenario.save_inputs(session=own, actor=actor, scenario_id=sid,
                                         inputs=_bump(inputs, by), expected_version=1)
                    return "saved", actor.username
                except scenario.VersionConflict as conflict:
                    return "conflict", conflict.author

        with ThreadPoolExecutor(2) as pool:
            outcomes = list(pool.map(save, (replica_a, replica_b), (KURZEME, KURZEME_2),
                                     (1, 2)))
        assert sorted(o for o, _ in outcomes) == ["conflict", "saved"]
        winner = next(who for o, who in outcomes if o == "saved")
        assert next(who for o, who in outcomes if o == "conflict") == winner
        by = 1 if winner == KURZEME.username else 2
        with Session(replica_b) as session:
            versions = scenario.list_versions(session=session, actor=KURZEME, scenario_id=sid)
            stored = scenario.load_inputs(session=session, actor=KURZEME, scenario_id=sid)
        assert sorted(v.number for v in versions) == [1, 2]
        assert stored.needs[0][4] == inputs.needs[0][4] + by
    finally:
        replica_a.dispose()
        replica_b.dispose()


def test_another_replicas_stale_jobs_are_marked_and_its_live_ones_left(engine,
                                                                      db_url) -> None:
    now = utcnow()
    with Session(engine, expire_on_commit=False) as session:
        sid = scenario.create_scenario(session=session, actor=KURZEME,
                                       scenario_in={"name": "K", "region": "Kurzeme"}).id
        rows = {beat: OptimizerRun(scenario_id=sid, version=1, region="Kurzeme",
                                   solver="highs", time_limit=60, phase="solving",
                                   submitted_by=KURZEME.username, owner="replica-a:1",
                                   heartbeat_at=now - timedelta(seconds=beat))
                for beat in (1, 3 * LEASE)}
        swept = {beat: SensitivitySweep(scenario_id=sid, version=1, spec="{}",
                                        owner="replica-a:1", created_by=KURZEME.username,
                                        heartbeat_at=now - timedelta(seconds=beat))
                 for beat in (1, 3 * LEASE)}
        session.add_all([*rows.values(), *swept.values()])
        session.commit()
    replica_b = make_engine(db_url)
    try:
        assert runs.mark_interrupted(replica_b, lease=LEASE) == 1
        assert sweeps.mark_interrupted(replica_b, lease=LEASE) == 1
        with Session(replica_b) as session:
            assert session.get(OptimizerRun, rows[1].id).phase == "solving"
            stale = session.get(OptimizerRun, rows[3 * LEASE].id)
            assert (stale.phase, stale.error) == ("interrupted", runs.INTERRUPTED)
            assert session.get(SensitivitySweep, swept[1].id).status == "running"
            assert session.get(SensitivitySweep, swept[3 * LEASE].id).status == "interrupted"
    finally:
        replica_b.dispose()


def test_a_run_whose_replica_dies_is_marked_interrupted_by_the_other(engine, db_url) -> None:
    with Session(engine, expire_on_commit=False) as session:
        sid = scenario.create_scenario(session=session, actor=MINISTRY,
                                       scenario_in={"name": "Latvia", "region": None}).id
    replica_a = textwrap.dedent(f"""
        import time
        from planning.domain.roles import Actor, Role
        from planning.store.db import make_engine
        from planning.store.runs import RunBoard
        board = RunBoard(make_engine({db_url!r}), workers=1, lease={LEASE})
        job = board.submit(Actor("ministry.reviewer", Role.MINISTRY), scenario_id={sid},
                           version=1, solver="cbc", time_limit=300)
        while job.pid is None:
            time.sleep(0.1)
        print(job.id, flush=True)
        time.sleep(600)
    """)
    env = {**os.environ, leases.REPLICA_ENV: "replica-a", "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", replica_a], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, text=True)
    replica_b: RunBoard | None = None
    try:
        run_id = int(proc.stdout.readline())
        time.sleep(1.5 * LEASE)  # longer than the lease: only replica A's heartbeat keeps it
        replica_b = RunBoard(make_engine(db_url), workers=1, lease=LEASE)
        with Session(replica_b.engine) as session:
            row = session.get(OptimizerRun, run_id)
            assert row.owner.startswith("replica-a:") and row.phase == "solving", \
                "replica B leaves a live replica's run alone"
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        deadline = time.monotonic() + 10 * LEASE
        phase = "solving"
        while phase != "interrupted" and time.monotonic() < deadline:
            time.sleep(0.5)
            with Session(replica_b.engine) as session:
                phase = session.get(OptimizerRun, run_id).phase
        assert phase == "interrupted", "replica B's heartbeat marks the dead replica's run"
        with Session(replica_b.engine) as session:
            shown = runs.recent_runs(session=session, actor=MINISTRY, scenario_id=sid)
        assert [(r.id, r.error) for r in shown] == [(run_id, runs.INTERRUPTED)]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
        if replica_b is not None:
            replica_b.heartbeat.stop()
            replica_b.engine.dispose()


def test_replicas_starting_together_on_a_new_database_migrate_and_seed_it_once(
        db_url) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("SQLite is one replica's file; replicas share a PostgreSQL")
    engines = [make_engine(db_url) for _ in range(3)]
    for engine in engines:  # a wait on a lock fails after 30 s instead of hanging the test
        event.listen(engine, "connect", _lock_timeout)
    try:
        barrier = threading.Barrier(len(engines))

        def start(engine):
            barrier.wait()
            return init_db(engine)

        with ThreadPoolExecutor(len(engines)) as pool:
            list(pool.map(start, engines))
        with Session(engines[0]) as session:
            assert session.exec(select(func.count()).select_from(Region)).one() == \
                len(geo.REGIONS)
            assert len(municipalities_frame(session=session, division="2025")) == 42
    finally:
        for engine in engines:
            engine.dispose()


def _lock_timeout(dbapi_connection, _record) -> None:
    with dbapi_connection.cursor() as cursor:
        cursor.execute("SET lock_timeout = '30s'")
    dbapi_connection.commit()


def test_a_sweep_is_cancelled_from_the_other_replica_and_keeps_what_was_solved(
        engine, db_url) -> None:
    with Session(engine) as session:
        sid = scenario.create_scenario(session=session, actor=KURZEME,
                                       scenario_in={"name": "K", "region": "Kurzeme"}).id
    replica_a, replica_b = SweepBoard(engine, workers=1), SweepBoard(make_engine(db_url))
    try:
        values = [float(v) for v in range(1_000_000, 9_000_000, 500_000)]
        spec = SweepSpec([Axis(Lever("budget"), values)])
        sweep_id = replica_a.start(KURZEME, scenario_id=sid, version=1, spec=spec)
        assert replica_b.cancel(sweep_id, KURZEME), "the other replica asks the owner to stop"
        replica_a.wait(sweep_id, 600)
        with Session(replica_b.engine) as session:
            got = sweeps.get_sweep(session=session, actor=KURZEME, sweep_id=sweep_id)
        assert got.status == "cancelled"
        assert 1 <= got.done < got.total == len(values) + 1
        assert len(got.points) + (got.base is not None) == got.done
        assert not replica_b.cancel(sweep_id, KURZEME)
    finally:
        for board in (replica_a, replica_b):
            board.heartbeat.stop()
        replica_b.engine.dispose()
