"""Optimizer runs in the background: solve a scenario version, store the result with it.

A page submits a run to a :class:`RunBoard` (one per process, kept by the page in
``st.cache_resource``) and polls the returned :class:`RunJob`; the solve happens on a
worker thread, so the page stays responsive. The job loads the inputs of the version it was
given and stores the result with that version, whatever is saved in the meantime.

>>> board = RunBoard(workers=1)
>>> job = board.submit(engine, actor, scenario_id=1, version=3, solver="highs",
...                    time_limit=60)          # doctest: +SKIP
>>> board.get(job.id).phase                     # doctest: +SKIP
'solving'
"""

from __future__ import annotations

import itertools
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlmodel import Session

from optimizer.errors import OptimizerError
from optimizer.formulation import AllocationModel
from planning.domain.errors import PlanningError
from planning.domain.optimizer_input import problem_from_inputs
from planning.domain.roles import Action, Actor, require
from planning.store import scenario

PHASES = ("queued", "preparing", "solving", "saving", "done", "failed")


@dataclass
class RunJob:
    """One run and where it is; the worker thread updates ``phase`` as it goes."""

    id: int
    scenario_id: int
    version: int
    solver: str
    time_limit: float
    submitted: float = field(default_factory=time.monotonic)
    started: float | None = None
    finished: float | None = None
    phase: str = "queued"
    error: str | None = None
    result_id: int | None = None
    status: str | None = None

    @property
    def running(self) -> bool:
        return self.phase not in ("done", "failed")

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


def run_job(job: RunJob, engine: Engine, actor: Actor) -> RunJob:
    """Solve the job's version and store the result; errors end in ``phase='failed'`` with
    a message a page can show. Returns the job."""
    job.started = time.monotonic()
    job.phase = "preparing"
    try:
        with Session(engine, expire_on_commit=False) as session:
            row = scenario.scenario_row(session, job.scenario_id)
            require(actor, Action.RUN, row)
            inputs = scenario.load_inputs(session=session, actor=actor,
                                          scenario_id=job.scenario_id, number=job.version)
        problem = problem_from_inputs(inputs, name=row.name)
        job.phase = "solving"
        solution = AllocationModel.from_problem_input(problem).solve(
            job.solver, time_limit=job.time_limit)
        job.phase = "saving"
        with Session(engine, expire_on_commit=False) as session:
            stored = scenario.save_result(
                session=session, actor=actor, scenario_id=job.scenario_id, number=job.version,
                solution=solution.to_dict(), problem=problem.to_dict(), solver=job.solver,
                status=solution.status, run_seconds=solution.seconds)
        job.result_id, job.status, job.phase = stored.id, solution.status, "done"
    except (PlanningError, OptimizerError) as exc:
        job.error, job.phase = str(exc), "failed"
    except Exception as exc:  # a worker must always end; the page shows what happened
        job.error, job.phase = f"{type(exc).__name__}: {exc}", "failed"
    finally:
        job.finished = time.monotonic()
    return job


class RunBoard:
    """Runs on a small thread pool, and the jobs by id (this process only)."""

    def __init__(self, workers: int = 1) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="di-run")
        self._jobs: dict[int, RunJob] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    def submit(self, engine: Engine, actor: Actor, *, scenario_id: int, version: int,
               solver: str = "highs", time_limit: float = 60.0) -> RunJob:
        with self._lock:
            job = RunJob(next(self._ids), scenario_id, version, solver, float(time_limit))
            self._jobs[job.id] = job
        self._pool.submit(run_job, job, engine, actor)
        return job

    def get(self, job_id: int) -> RunJob | None:
        return self._jobs.get(job_id)

    def active(self, scenario_id: int) -> RunJob | None:
        """The newest unfinished job of a scenario, if any."""
        jobs = [j for j in self._jobs.values() if j.scenario_id == scenario_id and j.running]
        return max(jobs, key=lambda j: j.id, default=None)
