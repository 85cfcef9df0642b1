"""Two app replicas on one PostgreSQL: concurrent users edit and run scenarios; no edit lost.

Each replica is a process of its own with its own engine (connection pool) and its own run
board (``planning.store.runs.RunBoard``, one solve at a time), as two app servers behind a
reverse proxy would be. ``--users`` simulated users (threads, alternately on replica A and
B) work on ``--users / 2`` scenarios of different planning regions, two users per scenario
on different replicas, so they collide. Each user, ``--edits`` times: reads the scenario's
newest version, adds 1 to a need cell of its own and saves with the version it read
(``scenario.save_inputs``, optimistic concurrency); on a ``VersionConflict`` it counts the
conflict, re-reads and re-applies, as a page tells its user to. Every ``--run-every``-th
saved edit it runs the optimizer on the version it saved and waits for the stored result.

Afterwards it checks that nothing was lost or silently overwritten: each user's cell grew
by exactly its saves, each scenario has one version per save, each version is based on the
one before, every conflict was raised to the user and every run ended ``done`` with a
result stored for the version it was given. It prints p50/p95 of an edit (read + save,
retries included), of one save attempt, and of a run (submit to stored result, queue
included; and of its solve alone), and the machine load.

    source .ci/postgres && start_postgres     # or any PostgreSQL URL as --database-url
    .venv/bin/python benchmarks/replicas.py --users 8 --edits 6 --run-every 6
    stop_postgres

The benchmark works in a schema of its own in that database and drops it at the end.
"""

from __future__ import annotations

import argparse
import math
import multiprocessing
import os
import statistics
import sys
import threading
import time
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

REGIONS = ("Kurzeme", "Zemgale", "Vidzeme", "Latgale", "Rīga")


def percentile(values: list[float], q: float) -> float:
    """The ``q``-quantile (0..1) by the nearest rank."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def _bump(inputs: Any, cell: int) -> Any:
    needs = list(inputs.needs)
    row = needs[cell]
    needs[cell] = (*row[:4], row[4] + 1)
    return replace(inputs, needs=tuple(needs))


def user(engine: Any, board: Any, actor: Any, scenario_id: int, cell: int, edits: int,
         run_every: int, out: dict[str, Any]) -> None:
    """One simulated user: ``edits`` saved edits of its need cell, a run every
    ``run_every``-th."""
    from sqlmodel import Session

    from planning.store import scenario

    saved, conflicts, attempts, versions, runs = 0, 0, [], [], []
    edit_seconds = []
    while saved < edits:
        started = time.perf_counter()
        while True:
            with Session(engine, expire_on_commit=False) as session:
                current = scenario.get_scenario(session=session, actor=actor,
                                                scenario_id=scenario_id).current_version
                inputs = scenario.load_inputs(session=session, actor=actor,
                                              scenario_id=scenario_id, number=current)
                attempt = time.perf_counter()
                try:
                    version = scenario.save_inputs(
                        session=session, actor=actor, scenario_id=scenario_id,
                        inputs=_bump(inputs, cell), expected_version=current,
                        message=f"{actor.username} +1")
                except scenario.VersionConflict as conflict:
                    attempts.append(time.perf_counter() - attempt)
                    conflicts += 1
                    if conflict.current <= current:
                        raise SystemExit("a conflict named no newer version") from conflict
                    continue
                attempts.append(time.perf_counter() - attempt)
                break
        edit_seconds.append(time.perf_counter() - started)
        saved += 1
        versions.append(version.number)
        if saved % run_every == 0:
            runs.append(_run(engine, board, actor, scenario_id, version.number))
    out.update(saved=saved, conflicts=conflicts, attempts=attempts, edit=edit_seconds,
               versions=versions, runs=runs)


def _run(engine: Any, board: Any, actor: Any, scenario_id: int,
         version: int) -> dict[str, Any]:
    """Submit a run and wait until its row says how it ended (the result is stored first)."""
    from sqlmodel import Session

    from planning.store.runs import UNFINISHED
    from planning.store.tables import OptimizerRun, StoredResult

    started = time.perf_counter()
    job = board.submit(actor, scenario_id=scenario_id, version=version, solver="highs",
                       time_limit=120)
    while True:
        with Session(engine) as session:
            row = session.get(OptimizerRun, job.id)
            if row.phase not in UNFINISHED:
                result = session.get(StoredResult, row.result_id or -1)
                break
        time.sleep(0.05)
    return {"id": job.id, "version": version, "phase": row.phase, "error": row.error,
            "result_id": row.result_id, "seconds": time.perf_counter() - started,
            "solve": result.run_seconds if result else None}


def replica(name: str, url: str, users: list[dict[str, Any]], start_at: float,
            edits: int, run_every: int, answer: Any) -> None:
    """A replica process: its engine, its run board, its users' threads from ``start_at``;
    puts what its users measured on ``answer``."""
    os.environ["DI_REPLICA"] = name
    from planning.domain.roles import Actor, Role
    from planning.store.db import make_engine
    from planning.store.runs import RunBoard

    engine = make_engine(url)
    board = RunBoard(engine, workers=1)
    outs: list[dict[str, Any]] = [dict(u) for u in users]
    threads = [threading.Thread(target=user, args=(
        engine, board, Actor(u["username"], Role.MANAGEMENT_GROUP, region=u["region"]),
        u["scenario_id"], u["cell"], edits, run_every, out)) for u, out in zip(users, outs,
                                                                             strict=True)]
    time.sleep(max(0.0, start_at - time.time()))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    board.heartbeat.stop()
    engine.dispose()
    answer.put(outs)


def seed(url: str, n_users: int) -> list[dict[str, Any]]:
    """One scenario per region for every two users; the users of each on both replicas."""
    from sqlmodel import Session

    from planning.domain.roles import Actor, Role
    from planning.store import scenario
    from planning.store.db import init_db, make_engine

    engine = init_db(make_engine(url))
    plan = []
    with Session(engine, expire_on_commit=False) as session:
        for k in range(n_users // 2):
            region = REGIONS[k % len(REGIONS)]
            owner = Actor(f"{region.lower()}.{k}a", Role.MANAGEMENT_GROUP, region=region)
            s = scenario.create_scenario(session=session, actor=owner, scenario_in={
                "name": f"Load {k} {region}", "region": region})
            for cell, suffix in enumerate("ab"):
                plan.append({"username": f"{region.lower()}.{k}{suffix}", "region": region,
                             "scenario_id": s.id, "cell": cell,
                             "replica": "replica-a" if cell == 0 else "replica-b"})
    engine.dispose()
    return plan


def check(url: str, outs: list[dict[str, Any]]) -> list[str]:
    """What was lost or overwritten (empty: nothing)."""
    from sqlmodel import Session, select

    from planning.domain.roles import Actor, Role
    from planning.store import scenario
    from planning.store.db import make_engine
    from planning.store.tables import OptimizerRun, ScenarioVersion, StoredResult

    problems = []
    engine = make_engine(url)
    with Session(engine) as session:
        for sid in sorted({o["scenario_id"] for o in outs}):
            mine = [o for o in outs if o["scenario_id"] == sid]
            group = Actor(mine[0]["username"], Role.MANAGEMENT_GROUP, region=mine[0]["region"])
            first = scenario.load_inputs(session=session, actor=group, scenario_id=sid,
                                         number=1)
            last = scenario.load_inputs(session=session, actor=group, scenario_id=sid)
            for o in mine:
                grew = last.needs[o["cell"]][4] - first.needs[o["cell"]][4]
                if grew != o["saved"]:
                    problems.append(f"scenario {sid}: {o['username']} saved {o['saved']} "
                                    f"edits, its cell grew by {grew}")
            rows = session.exec(select(ScenarioVersion)
                                .where(ScenarioVersion.scenario_id == sid)
                                .order_by(ScenarioVersion.number)).all()
            if len(rows) != 1 + sum(o["saved"] for o in mine):
                problems.append(f"scenario {sid}: {len(rows)} versions for "
                                f"{sum(o['saved'] for o in mine)} saves")
            chained = all(r.based_on == r.number - 1 for r in rows[1:])
            if not chained:
                problems.append(f"scenario {sid}: a version not based on the one before")
            mine_versions = sorted(v for o in mine for v in o["versions"])
            if mine_versions != [r.number for r in rows[1:]]:
                problems.append(f"scenario {sid}: the versions users saved are not the "
                                "versions stored")
        for o in outs:
            for run in o["runs"]:
                row = session.get(OptimizerRun, run["id"])
                result = session.get(StoredResult, run["result_id"] or -1)
                version = session.get(ScenarioVersion, result.version_id) if result else None
                if row.phase != "done" or version is None or version.number != run["version"]:
                    problems.append(f"run {run['id']}: {row.phase} {run['error'] or ''}")
    engine.dispose()
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DI_TEST_POSTGRES_URL"),
                        help="a PostgreSQL URL (default: DI_TEST_POSTGRES_URL)")
    parser.add_argument("--users", type=int, default=8)
    parser.add_argument("--edits", type=int, default=6, help="saved edits per user")
    parser.add_argument("--run-every", type=int, default=6)
    args = parser.parse_args()
    if not args.database_url or not args.database_url.startswith("postgresql"):
        raise SystemExit("give a PostgreSQL URL: --database-url or DI_TEST_POSTGRES_URL "
                         "(source .ci/postgres && start_postgres sets one)")
    from sqlalchemy import create_engine, make_url, text

    schema = f"load_{uuid.uuid4().hex[:12]}"
    admin = create_engine(args.database_url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(args.database_url).update_query_dict(
        {"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
    try:
        plan = seed(url, max(2, args.users))
        load_before = os.getloadavg()
        start_at = time.time() + 5
        ctx = multiprocessing.get_context("spawn")
        started = time.perf_counter()
        answer = ctx.Queue()
        replicas = [ctx.Process(target=replica, args=(
            name, url, [u for u in plan if u["replica"] == name], start_at, args.edits,
            args.run_every, answer)) for name in ("replica-a", "replica-b")]
        for process in replicas:
            process.start()
        outs = [o for _ in replicas for o in answer.get()]
        for process in replicas:
            process.join()
        wall = time.perf_counter() - started - 5
        report(outs, wall, load_before, os.getloadavg(), check(url, outs))
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def report(outs: list[dict[str, Any]], wall: float, before: tuple[float, ...],
           after: tuple[float, ...], problems: list[str]) -> None:
    edits = [s for o in outs for s in o["edit"]]
    attempts = [s for o in outs for s in o["attempts"]]
    runs = [r["seconds"] for o in outs for r in o["runs"]]
    conflicts = sum(o["conflicts"] for o in outs)
    print(f"{len(outs)} users on 2 replicas, {len(edits)} saved edits, {conflicts} conflicts "
          f"reported and retried, {len(runs)} runs, {wall:.1f} s; "
          f"{os.cpu_count()} cores, load average {before[0]:.2f} before, {after[0]:.2f} after")
    solves = [r["solve"] for o in outs for r in o["runs"] if r["solve"] is not None]
    for label, values in (("edit (read + save, retries included)", edits),
                          ("save attempt", attempts),
                          ("run (submit to stored result)", runs),
                          ("  of which the solve itself", solves)):
        if values:
            print(f"  {label:<38} p50 {statistics.median(values):6.3f} s  "
                  f"p95 {percentile(values, 0.95):6.3f} s  max {max(values):6.3f} s")
    if problems:
        print("LOST OR OVERWRITTEN:\n  " + "\n  ".join(problems))
        raise SystemExit(1)
    print("  no edit lost or overwritten; every conflict was reported; every run stored "
          "its result with its version")


if __name__ == "__main__":
    main()
