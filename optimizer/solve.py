"""Solving an ``AllocationModel``: goals in stages, independent parts side by side, one clock.

The model is cut into parts that share no row (``blocks``); each part is solved stage by stage
(unmet need, then distance, then cost; one weighted stage otherwise), a goal fixed by its
variable's upper bound before the next stage. A queue (``StageQueue``) hands worker threads
every part's first stage before any later one, and one ``Clock`` shares the time limit among
all solver calls.
"""

from __future__ import annotations

import dataclasses
import math
import os
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import pulp

from optimizer import solvers
from optimizer.checker import check_solution
from optimizer.diagnose import diagnose_infeasibility
from optimizer.formulation import AllocationModel, is_unmet_goal
from optimizer.greedy import greedy_solution
from optimizer.home import HomePlan
from optimizer.problem import ObjectiveSettings, ProblemInput
from optimizer.solution import Solution, build_solution


def solve_model(model: AllocationModel, solver: str = "highs", time_limit: float | None = None,
                mip_gap: float = 1e-4) -> Solution:
    """Solve lexicographically (or weighted) and return the ``Solution``.

    The model is split into independent parts (``blocks``), each solved on its own,
    stage by stage; the first stage starts from the plan that builds nothing, each later
    stage from the plan of the stage before. Parts are
    solved side by side, one single-threaded solver per core (a MIP solver gains little
    from a second thread; two parts at once nearly twice): every part's unmet stage
    before any later stage, so a time limit never starves the first goal.
    ``time_limit`` (seconds) is shared by all solver calls: a call may use what is left
    minus a reserve for the calls after it; a call that hits its limit keeps its best
    plan, a later stage that finds none, has no time left or is (numerically) declared
    infeasible keeps the plan of the stage before (that part is skipped; the stage's
    status is ``time_limit``, or ``skipped`` for all parts). ``mip_gap`` is the relative
    gap at which each call stops (1e-4, HiGHS's default); a stage's ``gap`` is that of
    the sum of the parts, the solution's that of the goal a time limit cut (``plan_gap``).
    Raises ``InfeasibleError`` naming the input that makes the problem impossible.

    A model with flows only to each origin's nearest sites (``optimizer.index.nearest_sites``)
    is solved again, built wider where its plan serves clients far, until none is: that
    plan is then the whole model's optimum. If the time limit stops a round whose plan
    serves clients far, that plan is not one of the whole model, and the greedy baseline's
    is returned (``time_limit``).
    """
    started = time.perf_counter()
    stages = _stages(model, solver, time_limit, mip_gap, started)
    while (nearest := model.wider_reach()) is not None:
        if any(st["status"] != "optimal" for st in stages):
            greedy = greedy_solution(model.pi)
            return dataclasses.replace(greedy, status="time_limit", stages=stages, gap=None,
                                       seconds=time.perf_counter() - started)
        model = AllocationModel.from_problem_input(model.pi, validate=False,
                                                   keep_sites=model.keep_sites, nearest=nearest)
        stages = _stages(model, solver, time_limit, mip_gap, started)
    if _distance_cut(stages):
        stages.append(closer_within_the_plan(model, solver, POLISH_SECONDS))
    sol = verified(model.pi, model_solution(model, solver, stages,
                                            time.perf_counter() - started))
    return sol if sol.status == "optimal" else no_worse_than_greedy(model.pi, sol)


def _stages(model: AllocationModel, solver: str, time_limit: float | None, mip_gap: float,
            started: float) -> list[dict[str, Any]]:
    """Solve ``model``'s stages part by part (``solve_model``); the stage records."""
    start_from_nothing(model)
    parts = blocks(model, whole_unmet=solver == "highs")
    plan = _stage_plan(model)
    steps = goal_steps(model)
    decided = unmet_without_a_solve(model, plan)
    workers = _workers(len(parts))
    clock = Clock(time_limit, calls=len(plan) * len(parts), started=started)
    queue = StageQueue([b.size for b in parts], len(plan), largest_first=workers > 1)

    def work() -> None:
        while (task := queue.take()) is not None:
            k, stage = task
            try:
                result = _solve_part(model, parts[k], plan[stage], stage == decided, solver,
                                     mip_gap, clock, workers, steps, stage < decided,
                                     decided > 0)
            except Exception as e:  # raised below, after the other workers stop
                result = PartResult(None, error=e)
            queue.done(k, result)

    if workers > 1:
        with ThreadPoolExecutor(workers, thread_name_prefix="di-plan-part") as pool:
            for future in [pool.submit(work) for _ in range(workers)]:
                future.result()
    else:
        work()
    for results in queue.results:
        for result in results:
            if result.error is not None:
                raise result.error
        if results[0].infeasible:
            raise diagnose_infeasibility(model.pi, solver)
    return [_stage_record("+".join(goals), [r[k] if len(r) > k else None
                                            for r in queue.results])
            for k, goals in enumerate(plan)]


POLISH_SECONDS = 10.0


def _distance_cut(stages: list[dict[str, Any]]) -> bool:
    """Did the time limit stop the distance stage (or skip it) after the unmet stages?"""
    return any(st["goal"] == "distance" and st["status"] != "optimal" for st in stages) and \
        all(st["status"] != "skipped" for st in stages if is_unmet_goal(st["goal"]))


def closer_within_the_plan(model: AllocationModel, solver: str, seconds: float
                           ) -> dict[str, Any]:
    """With the places and facilities the plan has and its unserved persons kept, send each
    client to the nearest place it may use: a cheap re-solve of the flows when the time
    limit cut the distance stage (the national plan on observed costs at 30 s had clients
    34.9 km from home on average, the unmet stages done and the distance stage not).
    Returns the stage record (``distance (plan fixed)``)."""
    fixed = [v for v in (*model.y.values(), *model.n.values()) if v.varValue is not None]
    fixed += [v for v in model.prob.variables() if v.name.startswith("o_")]
    kept = [(v, v.lowBound, v.upBound) for v in fixed]
    for v in fixed:
        v.lowBound = v.upBound = round(v.varValue or 0.0)
    goals = {g: model.goals[g] for g in model.goal_exprs if is_unmet_goal(g)}
    bounds = {g: v.upBound for g, v in goals.items()}
    for g, v in model.goals.items():
        v.varValue = pulp.value(model.goal_exprs[g]) or 0.0
    for v in goals.values():
        v.upBound = v.varValue + 1e-6 * max(1.0, abs(v.varValue))
    model.prob.setObjective(model.goals["distance"])
    started = time.perf_counter()
    try:
        report = solvers.run(model.prob, solver, seconds, mip_gap=1e-4, warm_start=True)
    except solvers.NoSolutionError:
        report = None
    finally:
        for v, low, high in kept:
            v.lowBound, v.upBound = low, high
        for g, v in goals.items():
            v.upBound = bounds[g]
    return {"goal": "distance (plan fixed)",
            "status": "time_limit" if report is None else report.status,
            "objective": None if report is None else report.objective,
            "gap": None if report is None else report.gap,
            "seconds": time.perf_counter() - started, "parts": 1}


def goal_values(pi: ProblemInput, sol: Solution) -> list[float]:
    """``sol``'s value of each goal in the order the stages minimise them (one weighted sum
    for a weighted objective), from its tables."""
    o = pi.objective
    weight = {g: pi.group_weight(g) for g in pi.groups}
    persons = sol.persons.assign(weighted=[
        r.unserved * weight.get(r.group, 1.0) * pi.class_weight(r.priority)
        for r in sol.persons.itertuples()])
    values = {"unmet": sol.objective["unmet_weighted"],
              "unmet_services": float(sum(r.unmet * weight.get(r.group, 1.0)
                                          for r in sol.unmet.itertuples())),
              "distance": sol.objective["distance_km_weighted"],
              "cost": sol.objective["cost_eur"]}
    if o.kind == "weighted":
        return [o.unmet_weight * (values["unmet"] + values["unmet_services"])
                + o.distance_weight * values["distance"] + o.cost_weight * values["cost"]]
    for goal in pi.stage_goals():
        if goal.startswith("unmet:"):
            cls = goal.split(":", 1)[1]
            values[goal] = float(persons.loc[persons["priority"] == cls, "weighted"].sum())
    return [values[g] for g in pi.stage_goals()]


def lexicographically_better(a: list[float], b: list[float], rel: float = 1e-6) -> bool:
    """Is goal vector ``a`` better than ``b`` (the first goal that differs by more than
    ``rel`` of its size is smaller in ``a``)?"""
    for x, y in zip(a, b, strict=True):
        if abs(x - y) > rel * max(1.0, abs(x), abs(y)):
            return x < y
    return False


def no_worse_than_greedy(pi: ProblemInput, sol: Solution) -> Solution:
    """A plan cut short by the time limit, or the greedy baseline's where that is better
    goal by goal (then named ``greedy``, still ``time_limit``, with the MILP's stages):
    a user who sets a limit never gets less than the simple rule gives (on a 600 x 600
    p-median the MILP's plan at 600 s opened one site where greedy opens five)."""
    if pi.fixed_sites:
        return sol
    greedy = greedy_solution(pi)
    if check_solution(pi, greedy) or not lexicographically_better(goal_values(pi, greedy),
                                                                 goal_values(pi, sol)):
        return sol
    return dataclasses.replace(greedy, status="time_limit", seconds=sol.seconds + greedy.seconds,
                               stages=sol.stages, gap=None)


def verified(pi: ProblemInput, sol: Solution) -> Solution:
    """``sol`` if the independent checker finds every row of ``pi`` kept, else a
    ``SolverError`` naming what breaks: a solver's bug or tolerance must never reach a plan
    (the app, the command line, sweeps and the robust plan all solve through here)."""
    problems = check_solution(pi, sol)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise solvers.SolverError(f"the solver's plan fails the independent check: "
                                  f"{problems[0]}{more}; try the other solver")
    return sol


def _solve_part(model: AllocationModel, block: Block, goals: tuple[str, ...], first: bool,
                solver: str, mip_gap: float, clock: Clock, workers: int,
                steps: dict[str, float], decided: bool = False,
                unsolved_before: bool = False) -> PartResult:
    """One part, one stage: solve, then fix the goal for the stages after; a later stage
    that fails keeps the part's plan of the stage before. ``decided``: an unmet goal whose
    optimum, 0, a plan has shown (``unmet_without_a_solve``): fixed without a solve;
    ``unsolved_before``: every stage before was so decided, so this one is solved even if
    its goal is constant here (the plan comes from it)."""
    limit = clock.limit_for_next_call(first, workers)
    if decided:
        block.fix(goals[0], 0.0, model.pi.objective, steps.get(goals[0]))
        return PartResult(solvers.SolveReport("optimal", 0.0, 0.0, 0.0))
    if limit == 0.0:
        return PartResult(None)
    if set(goals) <= block.constant and not (first and unsolved_before):
        # A goal with no term here (every cost 0, no priority class in this part) cannot
        # change the plan: a textbook p-median's cost stage re-solved the whole problem for
        # nothing (1.9 of 2.6 s of solver time on 43 x 400, p = 5).
        return PartResult(solvers.SolveReport("optimal", 0.0, 0.0, 0.0))
    block.add_links(goals)
    block.prob.setObjective(block.objective(goals, model.pi.objective))
    kept = {v: v.varValue for v in block.prob.variables()}
    called = time.perf_counter()
    try:
        report = solvers.run(block.prob, solver, limit, mip_gap=mip_gap, warm_start=True,
                             threads=1 if workers > 1 else None, restarts=first,
                             interior=block.size >= IPM_FROM_COLUMNS)
    except solvers.NoSolutionError as e:
        if first:
            return PartResult(None, error=e)
        report = None
    if report is not None and report.status == "infeasible":
        if first:
            return PartResult(None, infeasible=True)
        report = None  # the last stage's plan is feasible: a numerical verdict
    if report is None:
        for v, value in kept.items():
            v.varValue = value
        return PartResult(None, seconds=time.perf_counter() - called)
    if len(goals) == 1:
        block.fix(goals[0], report.objective, model.pi.objective, steps.get(goals[0]))
    return PartResult(report)


def blocks(model: AllocationModel, whole_unmet: bool = True) -> list[Block]:
    """The model cut into parts that share no row (goal definitions aside).

    Regions with their own budgets and no flows or caps across them are such parts; the
    lexicographic optimum of the whole is the parts' optima together (each goal is a sum
    over the parts, and a part's stage cannot give back what another part gains), and a
    solver proves a small part optimal much faster than all of them at once. Parts with
    fewer than ``_MIN_BLOCK_COLUMNS`` columns are solved together (solver start-up).
    Smallest first, so the largest part of a stage gets the time the others left.
    ``whole_unmet``: make the unmet goal an integer where :func:`unmet_is_integral` allows
    (CBC gets a continuous goal: the cbcbox build mis-solves such models, and CBC 2.10.8
    exited with an error on the national one).
    """
    parent: dict[str, str] = {}

    def root(name: str) -> str:
        while parent[name] != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    columns = {v.name: v for v in model.prob.variables()}
    for name in columns:
        parent[name] = name
    rows = [c for c in model.prob.constraints() if not c.name.startswith("goal_")]
    for row in rows:
        names = [v.name for v in row]
        for other in names[1:]:
            parent[root(other)] = root(names[0])
    in_rows = {v.name for row in rows for v in row}
    anchor = next(iter(in_rows), None)
    parts: dict[str, list[str]] = defaultdict(list)
    for name in columns:
        if name.startswith("goal_"):
            continue
        key = root(name) if name in in_rows or anchor is None else root(anchor)
        parts[key].append(name)
    merged: list[set[str]] = []
    for names in sorted(parts.values(), key=len, reverse=True):
        if merged and len(names) < _MIN_BLOCK_COLUMNS and len(merged[-1]) < _MIN_BLOCK_COLUMNS:
            merged[-1].update(names)
        else:
            merged.append(set(names))
    if len(merged) > 1 and len(merged[-1]) < _MIN_BLOCK_COLUMNS:
        merged[-2].update(merged.pop())
    whole = whole_unmet and unmet_is_integral(model.pi)
    return [Block.build(f"{model.prob.name}_{k}", names, rows, model.goal_exprs, whole,
                         model.link_rows)
            for k, names in enumerate(sorted(merged, key=len))]


GREEDY_CERTIFICATE_PAIRS = 50_000
"""``unmet_without_a_solve`` runs the greedy baseline below this many pairs in reach (it took
24 s on a 600 x 600 p-median's 359,400, more than the stage it would save)."""


def unmet_without_a_solve(model: AllocationModel, plan: list[tuple[str, ...]]) -> int:
    """How many of the leading stages are unmet goals the greedy baseline's plan shows to be
    0: a plan that passes the checker with none unmet proves each such optimum (unmet need
    is never below 0), so those stages need no solve.

    On a textbook p-median (every need reachable, no budget) the unmet stage cost 1.74 s of
    4.74 s of solving on 43 x 400 for an answer of 0, the greedy plan 0.53 s; the stage after
    then starts without a plan (``benchmarks/README.md``, issue 14). Lexicographic goals
    only; not for a given plan."""
    pi = model.pi
    lead = 0
    while lead < len(plan) and len(plan[lead]) == 1 and is_unmet_goal(plan[lead][0]):
        lead += 1
    if (not lead or pi.objective.kind != "lexicographic" or pi.fixed_sites
            or len(model.index.x) >= GREEDY_CERTIFICATE_PAIRS):
        return 0
    greedy = greedy_solution(pi)
    if check_solution(pi, greedy):
        return 0
    values = goal_values(pi, greedy)
    decided = 0
    while decided < lead and abs(values[decided]) <= 1e-9:
        decided += 1
    return decided


def start_from_nothing(model: AllocationModel) -> None:
    """The first stage starts from the plan that builds nothing (all need unmet): always a
    solution unless an equity floor forbids it, so a time limit never ends empty-handed."""
    for v in model.prob.variables():
        v.varValue = 0.0
    for k, v in model.w.items():
        v.varValue = model.persons[k].persons
    for key, v in model.u.items():
        v.varValue = model.index.need[key]


def _stage_plan(model: AllocationModel) -> list[tuple[str, ...]]:
    """One stage per goal in the user's order (``ProblemInput.stage_goals``: the unmet goal
    class by class in the strict priority mode), or one weighted stage."""
    if model.pi.objective.kind == "weighted":
        return [tuple(g for g in ("unmet", "unmet_services", "distance", "cost")
                      if g in model.goal_exprs)]
    return [(g,) for g in model.pi.stage_goals()]


def model_solution(model: AllocationModel, solver: str, stages: list[dict[str, Any]],
                   seconds: float) -> Solution:
    """The ``Solution`` of the values ``model``'s variables hold after its ``stages``."""
    status = "optimal" if all(st["status"] == "optimal" for st in stages) else "time_limit"
    return build_solution(
        model.pi,
        places={k: v.value() or 0.0 for k, v in model.y.items()},
        facilities={k: v.value() or 0.0 for k, v in model.n.items()},
        flows={k: v.value() or 0.0 for k, v in model.x.items()},
        status=status, solver=solver, method="milp", seconds=seconds,
        gap=plan_gap(stages), stages=stages,
        unserved={k: v.value() or 0.0 for k, v in model.w.items()},
        hosted={k: v.value() or 0.0 for k, v in model.hp.items()},
        home=HomePlan(home={k: v.value() or 0.0 for k, v in model.h.items()},
                      adapted={k: v.value() or 0.0 for k, v in model.adapt.items()}),
    )


def goal_steps(model: AllocationModel) -> dict[str, float]:
    """The unit each goal of a whole plan is a multiple of, where there is one.

    When :func:`unmet_is_integral` holds, some lexicographic optimum has whole flows:
    unmet need (whole weights) is then a multiple of 1 and client-km a multiple of the
    finest decimal of the distances used (0.1 km for the embedded data).
    """
    if not unmet_is_integral(model.pi):
        return {}
    steps = {g: 1.0 for g in model.goal_exprs if is_unmet_goal(g)}
    km = {model.pi.distance(i, j) or 0.0 for (i, j, _g, _s) in model.index.x}
    km |= set(model.index.far.values())
    for step in (1.0, 0.1, 0.01, 0.001):
        if all(abs(d / step - round(d / step)) < 1e-9 * max(1.0, d / step) for d in km):
            steps["distance"] = step
            break
    return steps


_MIN_BLOCK_COLUMNS = 200

IPM_FROM_COLUMNS = 20_000
"""A part this large has HiGHS solve its LPs by the interior point method
(``mip_lp_solver=ipm``), not the dual simplex: the root LP of a textbook p-median on 600 x 600
with each point's 70 nearest sites (45,001 columns, integral at the root) took 97 s by
simplex and 20 s by IPM (the same MPS file, one thread, load 7.5 on 2 cores; PDLP 98 s).
Below it the simplex's warm restarts win (``benchmarks/README.md``, issue 14)."""


def _workers(parts: int) -> int:
    """Parts solved side by side: one per core, at most one per part."""
    return max(1, min(parts, os.cpu_count() or 1))


@dataclass
class PartResult:
    """What one part's solver call gave: a report, or ``None`` when the part keeps its plan
    of the stage before; an error to raise (no plan in the first stage, a solver bug in any),
    or the first stage's infeasibility to diagnose."""

    report: solvers.SolveReport | None
    error: Exception | None = None
    infeasible: bool = False
    seconds: float = 0.0  # of a call that ended without a plan


class StageQueue:
    """Which part and stage a worker solves next: a part's stages in order, the earliest
    stage of all first (unmet need before distance before cost), then the largest part (the
    longest call should not start last) or, for one worker, the smallest (the largest then
    gets the time the others leave). Thread-safe; collects each part's results."""

    def __init__(self, sizes: list[int], stages: int, largest_first: bool) -> None:
        self.sizes = sizes
        self.stages = stages
        self.sign = -1 if largest_first else 1
        self.results: list[list[PartResult]] = [[] for _ in sizes]
        self.busy = [False] * len(sizes)
        self.stopped = [False] * len(sizes)
        self._ready = threading.Condition()

    def take(self) -> tuple[int, int] | None:
        """(part, stage) to solve, waiting while only busy parts have stages left; ``None``
        when all is done."""
        with self._ready:
            while True:
                ready = [k for k in range(len(self.sizes)) if not self.busy[k]
                         and not self.stopped[k] and len(self.results[k]) < self.stages]
                if ready:
                    k = min(ready, key=lambda k: (len(self.results[k]), self.sign * self.sizes[k]))
                    self.busy[k] = True
                    return k, len(self.results[k])
                if not any(self.busy):
                    return None
                self._ready.wait()

    def done(self, part: int, result: PartResult) -> None:
        """Record a part's stage; an error or infeasibility ends the part's stages."""
        with self._ready:
            self.results[part].append(result)
            self.busy[part] = False
            self.stopped[part] = result.error is not None or result.infeasible
            self._ready.notify_all()


class Clock:
    """The time limit shared by all solver calls of one ``solve`` (thread-safe)."""

    def __init__(self, time_limit: float | None, calls: int, started: float | None = None
                 ) -> None:
        self.time_limit = time_limit
        self.started = time.perf_counter() if started is None else started
        self.calls_left = calls
        self._lock = threading.Lock()

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def limit_for_next_call(self, first_stage: bool, workers: int) -> float | None:
        """Seconds for the call about to start: what is left minus a reserve of a second for
        each later round of calls (at most half of it); ``None`` without a limit, 0.0 when
        a later stage has less than half a second left (the part is skipped)."""
        with self._lock:
            self.calls_left -= 1
            if self.time_limit is None:
                return None
            remaining = self.time_limit - self.elapsed()
            if not first_stage and remaining < 0.5:
                return 0.0
            rounds_after = math.ceil(self.calls_left / workers)
            return max(remaining - min(rounds_after * 1.0, remaining / 2), 0.1)


@dataclass
class Block:
    """One independent part of the model: its rows, and its share of each goal as a variable
    (so a lexicographic stage fixes a goal by the variable's upper bound)."""

    prob: pulp.LpProblem
    goals: dict[str, pulp.LpVariable]
    links: list[tuple[str, pulp.LpConstraint, bool]]
    constant: frozenset[str] = frozenset()  # goals with no term in this part: always 0

    @property
    def size(self) -> int:
        """Columns, for ordering the parts."""
        return self.prob.numVariables()

    @classmethod
    def build(cls, name: str, columns: set[str], rows: list[pulp.LpConstraint],
              goal_exprs: dict[str, pulp.LpAffineExpression], whole_unmet: bool,
              link_rows: list[tuple[str, pulp.LpConstraint, bool]]) -> Block:
        prob = pulp.LpProblem(name, pulp.LpMinimize)
        for row in rows:
            first = next(iter(row), None)
            if first is not None and first.name in columns:
                prob += row, row.name
        goals, constant = {}, set()
        for g, expr in goal_exprs.items():
            cat = "Integer" if is_unmet_goal(g) and whole_unmet else "Continuous"
            name = f"goal_{g.replace(':', '_')}"
            goals[g] = prob.add_variable(name, lowBound=0, cat=cat)
            terms = [(v, a) for v, a in expr.items() if v.name in columns and a != 0]
            if not terms:
                constant.add(g)
            part = pulp.lpSum(a * v for v, a in terms)
            prob += goals[g] == part, name
            goals[g].varValue = pulp.value(part) or 0.0
        links = [link for link in link_rows if next(iter(link[1])).name in columns]
        return cls(prob, goals, links, frozenset(constant))

    def add_links(self, goals: tuple[str, ...]) -> None:
        """Add the facility links (``AllocationModel.facility_links``) this stage needs.

        Stages that weigh distance or cost get them all. The unmet stage gets those of needs
        below a least-size facility (the others cut little there), unless they would more
        than triple the part's rows: on 344 origins with needs split eight ways (ten times
        the rows) they made the unmet stage twice as slow, on 43 origins and 344 candidate
        sites three times as fast (``benchmarks/README.md``).
        """
        chosen, kept = self.links, []
        if len(goals) == 1 and is_unmet_goal(goals[0]):
            chosen = [link for link in self.links if link[2]]
            kept = [link for link in self.links if not link[2]]
            if len(chosen) > 2 * self.prob.numConstraints():
                return
        for name, row, _small in chosen:
            self.prob += row, name
        self.links = kept

    def objective(self, goals: tuple[str, ...], o: ObjectiveSettings) -> pulp.LpAffineExpression:
        if len(goals) == 1:
            return pulp.LpAffineExpression(self.goals[goals[0]])
        weights = {"distance": o.distance_weight, "cost": o.cost_weight}
        return pulp.lpSum(weights.get(g, o.unmet_weight) * self.goals[g] for g in goals)

    def fix(self, goal: str, value: float, tol: ObjectiveSettings,
            step: float | None = None) -> None:
        """Keep this goal at its optimum (within the tolerances) in the stages after; as a
        bound it needs no integrality (HiGHS 1.16 returned NaN columns with it).

        ``step``: every whole plan's value is a multiple of it (``goal_steps``),
        so the optimum is the multiple nearest ``value``. A solver may undercut that
        multiple by its feasibility tolerances (31.99998 client-km for 32, serving a
        millionth of a client more than the bound on unmet need allows); a bound at the
        undercut value would then shut out the whole plans of the optimum, and a later stage
        could only find dearer ones.
        The bound is then the largest multiple within the tolerances, not the multiple plus
        them: CBC 2.10.8, its unmet goal bounded at 4.0000005 over whole persons, reported a
        distance stage optimal at 5 client-km where the optimum is 4 (without this bound 30
        of the CBC-against-HiGHS property test's 269 failing examples under four seeds still
        fail; ``tests/optimizer/instances.py`` ``cbc_bound_trap``).
        """
        bound = value + abs(value) * tol.relative_tolerance + tol.absolute_tolerance
        if step:
            multiple = round(value / step)
            if abs(value / step - multiple) < 1e-3:
                bound = max(multiple, math.floor(bound / step + 1e-9)) * step
        self.goals[goal].upBound = bound
        self.goals[goal].cat = pulp.LpContinuous


def plan_gap(stages: list[dict[str, Any]]) -> float | None:
    """The gap of a plan: of the goal the time limit cut (the first stage not optimal; the
    stages after it, skipped or not, optimise within what it fixed), or the largest of the
    stages when all are optimal; ``None`` when the cut goal's gap is unknown."""
    cut = next((st for st in stages if st["status"] != "optimal"), None)
    if cut is not None:
        return cut["gap"]
    gaps = [st["gap"] for st in stages]
    return max(gaps) if gaps and all(g is not None for g in gaps) else None


def _stage_record(goal: str, results: list[PartResult | None]) -> dict[str, Any]:
    """One stage over all blocks: objective and gap of the sum (gap ``None`` if a part's is
    unknown), status ``optimal`` only if every part is, ``skipped`` if no part was solved
    (no time left), else ``time_limit``; seconds include calls that ended without a plan."""
    reports = [r.report if r is not None else None for r in results]
    done = [r for r in reports if r is not None]
    tried = sum(r.seconds for r in results if r is not None and r.report is None)
    if not done:
        return {"goal": goal, "status": "time_limit" if tried else "skipped",
                "objective": None, "gap": None, "seconds": tried, "parts": len(reports)}
    objective = sum(r.objective for r in done)
    gap = None
    if len(done) == len(reports) and all(r.gap is not None for r in done):
        bound = sum(r.objective - r.gap * abs(r.objective) for r in done)
        gap = max(objective - bound, 0.0) / max(abs(objective), 1e-9)
    optimal = len(done) == len(reports) and all(r.status == "optimal" for r in done)
    return {"goal": goal, "status": "optimal" if optimal else "time_limit",
            "objective": objective, "gap": gap, "seconds": tried + sum(r.seconds for r in done),
            "parts": len(reports)}


def unmet_is_integral(pi: ProblemInput) -> bool:
    """True if the least weighted unmet need is a whole number, so the goal may be an integer.

    With whole needs, group weights, clients per place and existing capacity, and no equity
    floor or running budget paying mentors, fixing the integer places leaves a transportation
    problem (need rows, capacity rows, integral bounds) whose optimal flows are integral. Later
    stages lose nothing either: they can always serve a little less until unmet need reaches
    its (whole) bound. Solvers then round the bound up (2279.2 proves 2280 optimal).
    """
    if pi.equity_floor > 0:
        return False
    if pi.mentor is not None and any(b.running_eur_per_year is not None for b in pi.budgets):
        return False
    services = {s.id: s for s in pi.services}
    return (all(float(pi.group_weight(g)).is_integer() for g in pi.groups)
            and all(float(pi.class_weight(c)).is_integer() for c in pi.priority.order)
            and all(float(p.persons).is_integer() for p in pi.person_table())
            and all(float(v).is_integer() for v in pi.need_table().values())
            and all(float(s.clients_per_place).is_integer() for s in pi.services)
            and all(float(services[s].clients_per_place * v).is_integer()
                    for (_j, s), v in pi.capacity_table().items()))

