"""Optimizer runs in the background: a fair queue per region, a pool sized to the machine,
a time limit capped by role, cancel, and a record that survives the app.

A page submits a run to the :class:`RunBoard` (one per process, kept by the page in
``st.cache_resource``) and polls the returned :class:`RunJob`. What happens then:

- **queue**: jobs wait per planning region (national scenarios form their own queue); a free
  worker takes the oldest job of the region with the fewest runs going, and among those of
  the region served longest ago (round robin), so one region's many runs cannot hold back
  another's quick one;
- **pool**: ``workers`` runs at a time, by default one per CPU core (``DI_RUN_WORKERS``);
- **solve**: each run solves in a child process of its own (loading the inputs of the
  version it was given, and storing the result with that version, happen in the app). The
  child dies with the app (Linux ``PR_SET_PDEATHSIG``), leads its own process group so a
  cancel also stops a CBC it started, and keeps its temporary files in a folder of the run
  that is removed when the run ends;
- **limits**: the time limit a role may ask for is capped (:data:`TIME_LIMITS`);
- **record**: every run is a row of ``OptimizerRun`` with its phase, its owner (this app
  process) and a heartbeat the board renews while the run is unfinished
  (:mod:`planning.store.leases`). When a board starts, and at every heartbeat, the runs
  whose owner is gone — an earlier process of this replica, or another replica whose
  heartbeat is older than the lease — are marked ``interrupted``, and the temporary folders
  of this machine's dead processes removed, so a page can say what was lost. Several
  replicas of the app on one database therefore never leave a run "running".

>>> board = RunBoard(engine, workers=2)                       # doctest: +SKIP
>>> job = board.submit(actor, scenario_id=1, version=3, solver="highs",
...                    time_limit=60)                          # doctest: +SKIP
>>> board.get(job.id).phase                                    # doctest: +SKIP
'solving'
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import shutil
import signal
import tempfile
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from planning.domain.errors import InputError, PlanningError
from planning.domain.optimizer_input import problem_from_inputs
from planning.domain.roles import Action, Actor, Role, require
from planning.store import leases, scenario
from planning.store.db import transaction
from planning.store.tables import OptimizerRun

UNFINISHED = ("queued", "preparing", "solving", "saving")
TIME_LIMITS: dict[Role, float] = {Role.MANAGEMENT_GROUP: 600.0, Role.MINISTRY: 1800.0,
                                  Role.ADMIN: 3600.0}
NATIONAL = "national"
INTERRUPTED = "the app stopped during this run; start it again"
_PR_SET_PDEATHSIG = 1


def max_time_limit(actor: Actor) -> float:
    """The longest time limit (seconds) ``actor``'s role may ask for; 0 if it may not run."""
    return TIME_LIMITS.get(actor.role, 0.0)


def default_workers() -> int:
    """``DI_RUN_WORKERS`` if set, else one worker per CPU core."""
    try:
        return max(1, int(os.environ.get("DI_RUN_WORKERS") or 0) or os.cpu_count() or 1)
    except ValueError:
        return max(1, os.cpu_count() or 1)


def temp_root() -> Path:
    """Where runs keep their temporary files: one folder ``<pid>-<run id>`` per run."""
    return Path(tempfile.gettempdir()) / "di-plan-runs"


@dataclass
class RunJob:
    """One run and where it is; the worker updates ``phase`` as it goes."""

    id: int
    scenario_id: int
    version: int
    solver: str
    time_limit: float
    region: str = NATIONAL
    submitted: float = field(default_factory=time.monotonic)
    started: float | None = None
    finished: float | None = None
    phase: str = "queued"
    error: str | None = None
    result_id: int | None = None
    status: str | None = None
    pid: int | None = None  # of the solve's child process, while it runs
    cancelled: threading.Event = field(default_factory=threading.Event, repr=False)

    @property
    def running(self) -> bool:
        return self.phase in UNFINISHED

    def elapsed(self, now: float | None = None) -> float:
        if self.started is None:
            return 0.0
        return (self.finished or now or time.monotonic()) - self.started

    def progress(self, now: float | None = None) -> float:
        """0..1 for a progress bar: time used of the time limit while solving (a solve
        usually ends well before it), 1 when finished."""
        if not self.running:
            return 1.0
        if self.phase != "solving" or self.time_limit <= 0:
            return 0.02 if self.phase == "preparing" else 0.0
        return min(0.95, 0.05 + 0.9 * self.elapsed(now) / self.time_limit)


class RunBoard:
    """The fair queue, the workers and the jobs by id (this process only); ``lease``:
    seconds without a heartbeat after which another process's run counts as dead (default
    ``DI_RUN_LEASE_SECONDS``)."""

    def __init__(self, engine: Engine, workers: int | None = None, *,
                 lease: float | None = None) -> None:
        self.engine = engine
        self.workers = workers or default_workers()
        self.lease = leases.lease_seconds() if lease is None else lease
        self._jobs: dict[int, RunJob] = {}
        self._actors: dict[int, Actor] = {}
        self._queues: dict[str, deque[RunJob]] = {}
        self._going: dict[str, int] = {}
        self._served: dict[str, int] = {}
        self._picks = 0
        self._children: dict[int, multiprocessing.process.BaseProcess] = {}
        self._cond = threading.Condition()
        mark_interrupted(engine, lease=self.lease)
        remove_stale_folders()
        for n in range(self.workers):
            threading.Thread(target=self._work, name=f"di-run-{n}", daemon=True).start()
        self.heartbeat = leases.Heartbeat(self._beat, self.lease / leases.BEATS_PER_LEASE,
                                          name="di-run-heartbeat")

    def _beat(self) -> None:
        """Renew this process's unfinished runs, then mark the dead owners' ones."""
        leases.renew(self.engine, OptimizerRun, state="phase", unfinished=UNFINISHED)
        mark_interrupted(self.engine, lease=self.lease)

    # ------------------------------------------------------------------ the page's side
    def submit(self, actor: Actor, *, scenario_id: int, version: int, solver: str = "highs",
               time_limit: float = 60.0) -> RunJob:
        """Queue a run of ``version``; refuses a reader, and a time limit above the role's
        cap (``InputError`` naming the cap)."""
        cap = max_time_limit(actor)
        if not 0 < time_limit <= cap:
            raise InputError(f"a time limit from 1 to {cap:g} seconds for your role",
                             column="time_limit", value=time_limit)
        with Session(self.engine, expire_on_commit=False) as session:
            row = scenario.scenario_row(session, scenario_id)
            require(actor, Action.RUN, row)
            record = OptimizerRun(scenario_id=scenario_id, version=version,
                                  region=row.region or NATIONAL, solver=solver,
                                  time_limit=float(time_limit), submitted_by=actor.username,
                                  owner=leases.owner_name(), heartbeat_at=datetime.now(UTC))
            with transaction(session):
                session.add(record)
        job = RunJob(record.id, scenario_id, version, solver, float(time_limit),
                     region=record.region)
        with self._cond:
            self._jobs[job.id] = job
            self._actors[job.id] = actor
            self._queues.setdefault(job.region, deque()).append(job)
            self._cond.notify()
        return job

    def get(self, job_id: int) -> RunJob | None:
        return self._jobs.get(job_id)

    def active(self, scenario_id: int) -> RunJob | None:
        """The newest unfinished job of a scenario, if any."""
        jobs = [j for j in self._jobs.values() if j.scenario_id == scenario_id and j.running]
        return max(jobs, key=lambda j: j.id, default=None)

    def ahead(self, job: RunJob) -> int:
        """How many queued jobs a free worker would take before ``job``."""
        with self._cond:
            if job.phase != "queued":
                return 0
            queued = sorted((j for q in self._queues.values() for j in q),
                            key=lambda j: j.submitted)
            return sum(1 for j in queued if j.submitted < job.submitted)

    def cancel(self, job_id: int, actor: Actor) -> bool:
        """Stop a queued or running job (whoever may run its scenario may cancel it);
        False when it had already finished."""
        job = self._jobs.get(job_id)
        if job is None or not job.running:
            return False
        with Session(self.engine) as session:
            require(actor, Action.RUN, scenario.scenario_row(session, job.scenario_id))
        with self._cond:
            job.cancelled.set()
            queue = self._queues.get(job.region)
            if queue is not None and job in queue:
                queue.remove(job)
                self._finish(job, "cancelled", None)
            child = self._children.get(job.id)
        if child is not None:
            _kill_group(child)
        return True

    # ------------------------------------------------------------------ the workers' side
    def _next(self) -> RunJob:
        """Wait for a job: the oldest of the region with the fewest jobs going, served
        longest ago."""
        with self._cond:
            while True:
                waiting = [r for r, q in self._queues.items() if q]
                if waiting:
                    region = min(waiting, key=lambda r: (self._going.get(r, 0),
                                                         self._served.get(r, 0),
                                                         self._queues[r][0].submitted))
                    job = self._queues[region].popleft()
                    self._going[region] = self._going.get(region, 0) + 1
                    self._picks += 1
                    self._served[region] = self._picks
                    return job
                self._cond.wait()

    def _work(self) -> None:
        while True:
            job = self._next()
            try:
                self._run(job)
            finally:
                with self._cond:
                    self._going[job.region] -= 1

    def _run(self, job: RunJob) -> None:
        actor = self._actors[job.id]
        job.started = time.monotonic()
        self._phase(job, "preparing")
        try:
            with Session(self.engine, expire_on_commit=False) as session:
                row = scenario.scenario_row(session, job.scenario_id)
                require(actor, Action.RUN, row)
                inputs = scenario.load_inputs(session=session, actor=actor,
                                              scenario_id=job.scenario_id, number=job.version)
            problem = problem_from_inputs(inputs, name=row.name).to_dict()
            if job.cancelled.is_set():
                return self._finish(job, "cancelled", None)
            self._phase(job, "solving")
            outcome, payload = self._solve(job, problem)
            if outcome != "done":
                return self._finish(job, outcome, payload)
            self._phase(job, "saving")
            with Session(self.engine, expire_on_commit=False) as session:
                stored = scenario.save_result(
                    session=session, actor=actor, scenario_id=job.scenario_id,
                    number=job.version, solution=payload, problem=problem, solver=job.solver,
                    status=payload["status"], run_seconds=payload["seconds"])
            job.result_id, job.status = stored.id, payload["status"]
            self._finish(job, "done", None)
        except PlanningError as exc:
            self._finish(job, "failed", str(exc))
        except Exception as exc:  # a worker must always end; the page shows what happened
            self._finish(job, "failed", f"{type(exc).__name__}: {exc}")

    def _solve(self, job: RunJob, problem: dict[str, Any]) -> tuple[str, Any]:
        """Solve in a child process; ("done", solution dict), ("failed", message) or
        ("cancelled", None)."""
        folder = temp_root() / f"{os.getpid()}-{job.id}"
        folder.mkdir(parents=True, exist_ok=True)
        ctx = multiprocessing.get_context("spawn")
        mine, theirs = ctx.Pipe(duplex=False)
        child = ctx.Process(target=solve_in_child, name=f"di-solve-{job.id}", daemon=True,
                            args=(problem, job.solver, job.time_limit, str(folder), theirs))
        try:
            with self._cond:
                if job.cancelled.is_set():
                    return "cancelled", None
                child.start()
                self._children[job.id] = child
                job.pid = child.pid
            theirs.close()
            answer = _receive(mine, child, job)
        finally:
            with self._cond:
                self._children.pop(job.id, None)
                job.pid = None
            if child.pid is not None and child.exitcode is None:
                _kill_group(child)  # cancelled, or the answer came but the child lingers
            if child.pid is not None:
                child.join(5)
            mine.close()
            shutil.rmtree(folder, ignore_errors=True)
        if job.cancelled.is_set():
            return "cancelled", None
        if answer is None:
            return "failed", f"the solver process ended unexpectedly (exit code {child.exitcode})"
        return answer

    def _phase(self, job: RunJob, phase: str) -> None:
        job.phase = phase
        self._store(job, started_at=datetime.now(UTC) if phase == "preparing" else None)

    def _finish(self, job: RunJob, phase: str, error: str | None) -> None:
        job.finished = time.monotonic()
        job.phase, job.error = phase, error
        self._store(job, finished_at=datetime.now(UTC))

    def _store(self, job: RunJob, **moments: datetime | None) -> None:
        with Session(self.engine) as session, transaction(session):
            row = session.get(OptimizerRun, job.id)
            if row is None:
                return
            row.phase, row.error, row.result_id = job.phase, job.error, job.result_id
            for name, value in moments.items():
                if value is not None:
                    setattr(row, name, value)
            session.add(row)


def _receive(conn: Connection, child: multiprocessing.process.BaseProcess,
             job: RunJob) -> tuple[str, Any] | None:
    """The child's answer, or None if it ended (or was cancelled) without one."""
    while not job.cancelled.is_set():
        if conn.poll(0.2):
            try:
                return conn.recv()
            except EOFError:
                return None
        if not child.is_alive() and not conn.poll(0):
            return None
    return None


def _kill_group(child: multiprocessing.process.BaseProcess) -> None:
    """Kill a solve child and everything it started (CBC), which share its process group."""
    if child.pid is None:
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(child.pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError):
        child.kill()


def solve_in_child(problem: dict[str, Any], solver: str, time_limit: float, folder: str,
                   conn: Connection) -> None:
    """A run's solve, in its own process: dies with its parent, leads its own process group,
    keeps temporary files in ``folder``; sends ("done", solution dict) or ("failed", message).
    """
    from optimizer.errors import OptimizerError
    from optimizer.formulation import AllocationModel
    from optimizer.problem import ProblemInput

    parent = os.getppid()
    _die_with_parent()
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)
    os.setpgrp()
    tempfile.tempdir = folder
    try:
        model = AllocationModel.from_problem_input(ProblemInput.from_dict(problem))
        conn.send(("done", model.solve(solver, time_limit=time_limit).to_dict()))
    except OptimizerError as exc:
        conn.send(("failed", str(exc)))
    except Exception as exc:  # the page shows what happened
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (elsewhere: nothing)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def mark_interrupted(engine: Engine, *, lease: float | None = None) -> int:
    """Mark ``interrupted`` the unfinished runs whose owner is gone (a restart after the app
    was killed, or a replica without a heartbeat for ``lease`` seconds); returns how many."""
    return leases.mark_dead(engine, OptimizerRun, state="phase", unfinished=UNFINISHED,
                            since="submitted_at", error=INTERRUPTED, lease=lease)


def remove_stale_folders() -> None:
    """Remove the temporary folders of runs whose app process is gone."""
    root = temp_root()
    if not root.is_dir():
        return
    for folder in root.iterdir():
        pid = folder.name.split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not leases.alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def recent_runs(*, session: Session, actor: Actor, scenario_id: int,
                limit: int = 5) -> list[OptimizerRun]:
    """The scenario's latest runs, newest first (for readers of the scenario)."""
    require(actor, Action.RUN, scenario.scenario_row(session, scenario_id))
    return list(session.exec(select(OptimizerRun)
                             .where(OptimizerRun.scenario_id == scenario_id)
                             .order_by(col(OptimizerRun.id).desc()).limit(limit)).all())


def running_elsewhere(*, session: Session, actor: Actor,
                      scenario_id: int) -> list[OptimizerRun]:
    """The scenario's unfinished runs that another app process owns (another replica: its
    progress and cancel are there), newest first."""
    require(actor, Action.RUN, scenario.scenario_row(session, scenario_id))
    return list(session.exec(select(OptimizerRun)
                             .where(OptimizerRun.scenario_id == scenario_id,
                                    col(OptimizerRun.phase).in_(UNFINISHED),
                                    OptimizerRun.owner != leases.owner_name())
                             .order_by(col(OptimizerRun.id).desc())).all())
