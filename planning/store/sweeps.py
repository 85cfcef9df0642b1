"""Sensitivity sweeps of a scenario version, run in the background and stored as they go.

A management group (or the ministry) asks: what does each extra million buy, what if the
need in Latgale is 20 % higher, which input moves the result most. A :class:`SweepBoard`
(one per app process, kept by the page in ``st.cache_resource``) starts a sweep of one
version in a thread: it solves the base and every grid point with ``optimizer.distribute``
(a local process pool, or the Dask cluster of ``DI_DASK_SCHEDULER``) and writes each solved
point to the ``SensitivitySweep`` row as it arrives. So the page can be left and re-opened
while the sweep runs (it reads the row), a cancel keeps what was solved, and a sweep an app
restart interrupted is marked ``interrupted`` with its points so far.

Who: running a sweep needs ``RUN`` on the scenario; reading one needs ``VIEW_DETAIL``
(the results hold unsuppressed counts, never shown to the public). A grid the optimizer
refuses (an unknown region in ``need:``, a share above 1) raises its ``InputError`` before
anything is stored.

A robust plan (``optimizer.robust``, ``kind`` ``robust`` in the same table) is started, read
and cancelled the same way; its result is the chosen plan, its expected and worst-case
unserved persons and regret, and how often the scenarios' own optima build each facility.
It is only stored whole: a cancelled or interrupted robust run keeps its progress, no plan;
a cancel takes effect once the solves of the stage under way have finished (``robust_plan``
takes no stop signal, so the cancel is raised from its progress callback).
"""

from __future__ import annotations

import json
import math
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, update
from sqlmodel import Session, col, select

from optimizer.distribute import run_tasks
from optimizer.problem import ProblemInput
from optimizer.robust import RobustPlan, Uncertainty, robust_plan
from optimizer.sweep import Axis, Lever, frontier, solve_point, sweep_tasks, tornado
from planning import i18n
from planning.domain.errors import InputError, NotFoundError
from planning.domain.optimizer_input import problem_from_inputs
from planning.domain.roles import Action, Actor, require
from planning.store import leases, scenario
from planning.store.db import transaction
from planning.store.runs import max_time_limit
from planning.store.tables import SensitivitySweep

MAX_POINTS = 200
RUNNING = "running"
CANCELLING = "cancelling"  # another replica asked the owner to stop it
UNFINISHED = (RUNNING, CANCELLING)
SWEEP, ROBUST = "sweep", "robust"
INTERRUPTED = "the app stopped while this sweep ran; the points solved before are kept"


@dataclass(frozen=True)
class SweepSpec:
    """What to sweep: one or two axes (a grid) or each axis alone (``one_at_a_time``)."""

    axes: list[Axis]
    one_at_a_time: bool = False
    solver: str = "highs"
    time_limit: float = 60.0

    def to_json(self) -> str:
        return json.dumps({"axes": [{"lever": a.lever.key, "values": a.values}
                                    for a in self.axes],
                           "one_at_a_time": self.one_at_a_time, "solver": self.solver,
                           "time_limit": self.time_limit})

    @classmethod
    def from_json(cls, text: str) -> SweepSpec:
        data = json.loads(text)
        return cls([Axis(Lever.parse(a["lever"]), [float(v) for v in a["values"]])
                    for a in data["axes"]], bool(data["one_at_a_time"]), data["solver"],
                   float(data["time_limit"]))

    def grids(self) -> list[list[Axis]]:
        return [[a] for a in self.axes] if self.one_at_a_time else [self.axes]


@dataclass
class SweepView:
    """A stored sweep as a page reads it: progress, the base, the points and their readings."""

    id: int
    version: int
    status: str
    done: int
    total: int
    spec: SweepSpec
    base: dict[str, Any] | None
    points: list[dict[str, Any]]
    error: str | None
    created_by: str
    created_at: datetime

    @property
    def running(self) -> bool:
        return self.status in UNFINISHED

    def frontier(self) -> list[dict[str, Any]]:
        return frontier(self.points)

    def tornado(self) -> list[dict[str, Any]]:
        return tornado(self.base, self.points) if self.base and self.spec.one_at_a_time else []


@dataclass(frozen=True)
class RobustSpec:
    """How uncertain the need is (the defaults are the command line's) and how to solve."""

    scenarios: int = 20
    cv: float = 0.2
    seed: int = 0
    solver: str = "highs"
    time_limit: float = 60.0

    @property
    def uncertainty(self) -> Uncertainty:
        return Uncertainty(self.scenarios, self.cv, self.seed)

    def to_json(self) -> str:
        return json.dumps({"scenarios": self.scenarios, "cv": self.cv, "seed": self.seed,
                           "solver": self.solver, "time_limit": self.time_limit})

    @classmethod
    def from_json(cls, text: str) -> RobustSpec:
        data = json.loads(text)
        return cls(int(data["scenarios"]), float(data["cv"]), int(data["seed"]),
                   data["solver"], float(data["time_limit"]))


@dataclass
class RobustView:
    """A stored robust run: progress, and once done the chosen plan and the frequencies."""

    id: int
    version: int
    status: str
    done: int
    total: int
    spec: RobustSpec
    result: dict[str, Any] | None
    error: str | None
    created_by: str
    created_at: datetime

    @property
    def running(self) -> bool:
        return self.status in UNFINISHED


def robust_result(plan: RobustPlan) -> dict[str, Any]:
    """What is kept of a robust plan: the chosen candidate and its readings, the assessed
    plan's for comparison, and per facility the share of scenario optima that build it."""
    return {
        "chosen": plan.plan, "expected_unserved": plan.expected_unserved(),
        "worst_unserved": plan.worst_unserved(), "max_regret": plan.max_regret(),
        "assessed": {"expected_unserved": plan.expected_unserved(0),
                     "worst_unserved": plan.worst_unserved(0),
                     "max_regret": plan.max_regret(0)},
        "frequency": [{"municipality": m, "service": s, "share": f}
                      for (m, s), f in sorted(plan.frequency.items())],
        "candidates": len(plan.candidates),
        "optima": sum(o["status"] != "failed" for o in plan.scenario_optima),
        "draws": robust_draws(plan),
    }


def robust_draws(plan: RobustPlan) -> list[dict[str, float | None]]:
    """The chosen plan in each need scenario: persons it serves and leaves unserved, and its
    regret there (``None`` where an evaluation is missing)."""
    c = plan.chosen
    served = plan.served[c] if plan.served else [math.nan] * len(plan.unserved[c])
    return [{"served": _number(s), "unserved": _number(u), "regret": _number(r)}
            for s, u, r in zip(served, plan.unserved[c], plan.regret[c], strict=True)]


def _number(value: float) -> float | None:
    return None if math.isnan(value) else round(float(value), 3)


def robust_view(row: SensitivitySweep) -> RobustView:
    result = json.loads(row.results)
    return RobustView(row.id or 0, row.version, row.status, row.done, row.total,
                      RobustSpec.from_json(row.spec), result or None, row.error,
                      row.created_by, row.created_at)


class _Cancelled(Exception):
    """Raised from a robust run's progress callback to stop it."""


def view(row: SensitivitySweep) -> SweepView:
    results = json.loads(row.results)
    base = next((r for r in results if r["point"] == {}), None)
    return SweepView(row.id or 0, row.version, row.status, row.done, row.total,
                     SweepSpec.from_json(row.spec), base,
                     [r for r in results if r["point"] != {}], row.error, row.created_by,
                     row.created_at)


class SweepBoard:
    """Sweeps of this process: start, cancel, and whether one still runs."""

    def __init__(self, engine: Engine, workers: int | None = None, *,
                 lease: float | None = None) -> None:
        self.engine = engine
        self.workers = workers
        self.lease = leases.lease_seconds() if lease is None else lease
        self._stop: dict[int, threading.Event] = {}
        self._threads: dict[int, threading.Thread] = {}
        self._lock = threading.Lock()
        mark_interrupted(engine, lease=self.lease)
        self.heartbeat = leases.Heartbeat(self._beat, self.lease / leases.BEATS_PER_LEASE,
                                          name="di-sweep-heartbeat")

    def _beat(self) -> None:
        """Renew this process's running sweeps, then mark the dead owners' ones."""
        leases.renew(self.engine, SensitivitySweep, state="status", unfinished=UNFINISHED)
        mark_interrupted(self.engine, lease=self.lease)

    def start(self, actor: Actor, *, scenario_id: int, version: int,
              spec: SweepSpec) -> int:
        """Check the request, store the sweep and start it; returns its id."""
        cap = max_time_limit(actor)
        if not 0 < spec.time_limit <= cap:
            raise InputError(i18n.msg("sweep.time_limit", cap=cap), column="time_limit",
                             value=spec.time_limit)
        with Session(self.engine, expire_on_commit=False) as session:
            row = scenario.scenario_row(session, scenario_id)
            require(actor, Action.RUN, row)
            inputs = scenario.load_inputs(session=session, actor=actor,
                                          scenario_id=scenario_id, number=version)
            pi = problem_from_inputs(inputs, name=row.name)
            tasks = [t for g in spec.grids()
                     for t in sweep_tasks(pi, g, spec.solver, spec.time_limit)]
            if len(tasks) > MAX_POINTS:
                raise InputError(i18n.msg("sweep.points.too_many", n=len(tasks),
                                          most=MAX_POINTS), value=len(tasks))
            base = {**tasks[0], "point": {}}
            record = SensitivitySweep(scenario_id=scenario_id, version=version,
                                      spec=spec.to_json(), total=len(tasks) + 1,
                                      owner=leases.owner_name(), heartbeat_at=datetime.now(UTC),
                                      created_by=actor.username)
            with transaction(session):
                session.add(record)
        sweep_id = record.id or 0
        self._launch(sweep_id, self._run, (sweep_id, [base, *tasks]))
        return sweep_id

    def start_robust(self, actor: Actor, *, scenario_id: int, version: int,
                     spec: RobustSpec) -> int:
        """Check the request, store the robust run and start it; returns its id."""
        cap = max_time_limit(actor)
        if not 0 < spec.time_limit <= cap:
            raise InputError(i18n.msg("sweep.time_limit", cap=cap), column="time_limit",
                             value=spec.time_limit)
        spec.uncertainty.check()
        with Session(self.engine, expire_on_commit=False) as session:
            row = scenario.scenario_row(session, scenario_id)
            require(actor, Action.RUN, row)
            inputs = scenario.load_inputs(session=session, actor=actor,
                                          scenario_id=scenario_id, number=version)
            pi = problem_from_inputs(inputs, name=row.name)
            record = SensitivitySweep(scenario_id=scenario_id, version=version, kind=ROBUST,
                                      spec=spec.to_json(), results="{}",
                                      owner=leases.owner_name(), heartbeat_at=datetime.now(UTC),
                                      created_by=actor.username)
            with transaction(session):
                session.add(record)
        run_id = record.id or 0
        self._launch(run_id, self._run_robust, (run_id, pi, spec))
        return run_id

    def _launch(self, run_id: int, target: Any, args: tuple[Any, ...]) -> None:
        stop = threading.Event()
        thread = threading.Thread(target=target, args=(*args, stop),
                                  name=f"di-sweep-{run_id}", daemon=True)
        with self._lock:
            self._stop[run_id] = stop
            self._threads[run_id] = thread
        thread.start()

    def cancel(self, sweep_id: int, actor: Actor) -> bool:
        """Stop a running sweep (who may run its scenario may); False if it had ended.

        A sweep of this process stops at once (after the solves under way); one another
        replica runs is marked ``cancelling``, and its owner stops it when it stores its next
        point (a robust run: its next progress)."""
        with Session(self.engine) as session, transaction(session):
            row = session.get(SensitivitySweep, sweep_id)
            if row is None or row.status not in UNFINISHED:
                return False
            require(actor, Action.RUN, scenario.scenario_row(session, row.scenario_id))
            with self._lock:
                stop = self._stop.get(sweep_id)
            if stop is None:
                return session.execute(
                    update(SensitivitySweep)
                    .where(col(SensitivitySweep.id) == sweep_id,
                           col(SensitivitySweep.status).in_(UNFINISHED))
                    .values(status=CANCELLING)).rowcount == 1
        stop.set()
        return True

    def wait(self, sweep_id: int, timeout: float | None = None) -> None:
        """Block until the sweep's thread ends (tests and the command line)."""
        with self._lock:
            thread = self._threads.get(sweep_id)
        if thread is not None:
            thread.join(timeout)

    def _run(self, sweep_id: int, tasks: list[dict[str, Any]], stop: threading.Event) -> None:
        solved: list[dict[str, Any]] = []

        def store(_k: int, result: dict[str, Any]) -> None:
            solved.append(result)
            if self._update(sweep_id, results=json.dumps(solved), done=len(solved)) \
                    == CANCELLING:
                stop.set()

        try:
            run_tasks(solve_point, tasks, workers=self.workers, on_result=store,
                      should_stop=stop.is_set)
            self._update(sweep_id, status="cancelled" if stop.is_set() else "done",
                         finished_at=datetime.now(UTC))
        except Exception as exc:  # the thread must always end; the page shows what happened
            self._update(sweep_id, status="failed", error=f"{type(exc).__name__}: {exc}",
                         finished_at=datetime.now(UTC))
        finally:
            with self._lock:
                self._stop.pop(sweep_id, None)

    def _run_robust(self, run_id: int, pi: ProblemInput, spec: RobustSpec,
                    stop: threading.Event) -> None:
        def progress(done: int, total: int) -> None:
            if self._update(run_id, done=done, total=total) == CANCELLING:
                stop.set()
            if stop.is_set():
                raise _Cancelled

        try:
            plan = robust_plan(pi, spec.uncertainty, spec.solver, spec.time_limit,
                               on_progress=progress)
            self._update(run_id, status="done", results=json.dumps(robust_result(plan)),
                         finished_at=datetime.now(UTC))
        except _Cancelled:
            self._update(run_id, status="cancelled", finished_at=datetime.now(UTC))
        except Exception as exc:  # the thread must always end; the page shows what happened
            self._update(run_id, status="failed", error=f"{type(exc).__name__}: {exc}",
                         finished_at=datetime.now(UTC))
        finally:
            with self._lock:
                self._stop.pop(run_id, None)

    def _update(self, sweep_id: int, **values: Any) -> str | None:
        """Write ``values`` to the sweep's row; its status then (None: no such row)."""
        with Session(self.engine) as session, transaction(session):
            row = session.get(SensitivitySweep, sweep_id)
            if row is None:
                return None
            for name, value in values.items():
                setattr(row, name, value)
            session.add(row)
            return row.status


def list_sweeps(*, session: Session, actor: Actor, scenario_id: int,
                limit: int = 10) -> list[SweepView]:
    """The scenario's latest sweeps, newest first (unsuppressed: needs VIEW_DETAIL)."""
    return [view(r) for r in _rows(session, actor, scenario_id, SWEEP, limit)]


def get_sweep(*, session: Session, actor: Actor, sweep_id: int) -> SweepView:
    return view(_row(session, actor, sweep_id, SWEEP))


def list_robust(*, session: Session, actor: Actor, scenario_id: int,
                limit: int = 10) -> list[RobustView]:
    """The scenario's latest robust runs, newest first (unsuppressed: needs VIEW_DETAIL)."""
    return [robust_view(r) for r in _rows(session, actor, scenario_id, ROBUST, limit)]


def get_robust(*, session: Session, actor: Actor, run_id: int) -> RobustView:
    return robust_view(_row(session, actor, run_id, ROBUST))


def _rows(session: Session, actor: Actor, scenario_id: int, kind: str,
          limit: int) -> list[SensitivitySweep]:
    require(actor, Action.VIEW_DETAIL, scenario.scenario_row(session, scenario_id))
    return list(session.exec(select(SensitivitySweep)
                             .where(SensitivitySweep.scenario_id == scenario_id,
                                    SensitivitySweep.kind == kind)
                             .order_by(col(SensitivitySweep.id).desc()).limit(limit)).all())


def _row(session: Session, actor: Actor, run_id: int, kind: str) -> SensitivitySweep:
    row = session.get(SensitivitySweep, run_id)
    if row is None or row.kind != kind:
        raise NotFoundError(i18n.msg("sweep.not_found", id=run_id))
    require(actor, Action.VIEW_DETAIL, scenario.scenario_row(session, row.scenario_id))
    return row


def mark_interrupted(engine: Engine, *, lease: float | None = None) -> int:
    """Mark ``interrupted`` the running sweeps whose owner is gone (a restart, or a replica
    without a heartbeat for ``lease`` seconds); returns how many."""
    return leases.mark_dead(engine, SensitivitySweep, state="status", unfinished=UNFINISHED,
                            since="created_at", error=INTERRUPTED, lease=lease)
