"""The allocation MILP: which new places of which service go to which municipality."""

from __future__ import annotations

import functools
import math
import os
import threading
import time
import unicodedata
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pulp

from optimizer import solvers
from optimizer.errors import InfeasibleError
from optimizer.problem import ObjectiveSettings, ProblemInput
from optimizer.solution import Solution, build_solution

GOALS = ("unmet", "distance", "cost")
XKey = tuple[str, str, str, str]


def slug(text: str) -> str:
    """ASCII name part for constraint names (``Rīga`` → ``Riga``)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c if c.isalnum() else "_" for c in ascii_text)


@dataclass
class _Index:
    """The keys variables exist for: only eligible, reachable, allowed combinations."""

    need: dict[tuple[str, str, str], float]
    cap: dict[tuple[str, str], float]
    x: list[XKey]
    sites: list[tuple[str, str]]
    new_sites: list[tuple[str, str]]
    mentor: list[tuple[str, str]]


class AllocationModel:
    r"""Allocate new community service places to municipalities within budget.

    Sets: municipalities :math:`M` (origins *i*, sites *j*), groups *G*, services *S*,
    regions *R*; :math:`M_r` the municipalities of region *r*.

    Variables (created only for allowed keys):

    * :math:`x_{ijgs} \ge 0` clients of group *g* from *i* served by *s* at *j*; exists only
      if *g* is eligible for *s* (so incompatible groups never share a service), *j* is
      within the service's reach of *i* (and in *i*'s region unless cross-region flows are
      allowed) and *j* has existing capacity or may get new places;
    * :math:`y_{js} \in \mathbb{Z}_{\ge 0}` new places, :math:`n_{js} \in \mathbb{Z}_{\ge 0}`
      new facilities; only at participating municipalities not excluded for *s*;
    * :math:`u_{igs} \ge 0` unmet need;
    * :math:`c_{ig} \ge 0` mentor clients of group *g* from *i* (mentor groups only).

    Constraints (one method each, docstring = its row):

    * need balance :math:`\sum_j x_{ijgs} + u_{igs} = need_{igs}`
    * capacity :math:`\sum_{ig} x_{ijgs} \le cpp_s (cap_{js} + y_{js})`
    * facility size :math:`min_s n_{js} \le y_{js} \le max_s n_{js}`
    * facility link :math:`x_{ijgs} \le need_{igs} n_{js}` where *j* has no places of *s*
      yet (a valid inequality that tightens the relaxation; see ``_Block.add_links``)
    * investment :math:`\sum_{j \in M_r, s} (1+k)(ip_s y_{js} + if_s n_{js}) \le B_r`
    * running :math:`\sum_{j \in M_r, s} rc_s y_{js} + \sum_{i \in M_r, g} 12 h_{ig} w c_{ig}
      \le RB_r`
    * mentor clients :math:`c_{ig} \ge \sum_j x_{ijgs}` for every *s* (one person may use
      several services, so the persons are at least the clients of the most-used one);
      mentors :math:`\lceil \sum_g c_{ig} / ratio \rceil` are reported per municipality
    * equity floor :math:`\sum_{jgs} x_{ijgs} \ge f \sum_{gs} need_{igs}`
    * facility cap :math:`\sum_j n_{js} \le P_s`
    * municipality limits :math:`\sum_s y_{js} \le Y_j`, :math:`\sum_s n_{js} \le N_j`,
      :math:`\sum_s (sf_s n_{js} + sp_s y_{js}) \le T_j`

    Goals: unmet :math:`U = \sum w_g u_{igs}`, distance :math:`D = \sum d_{ij} x_{ijgs}`,
    cost :math:`C` = investment + one year of running cost (places and mentors).
    Lexicographic (default): min *U*; then min *D* s.t. :math:`U \le U^*(1+\epsilon)+\delta`;
    then min *C* s.t. both. Weighted: min :math:`a U + b D + c C`.

    Examples
    --------
    >>> from optimizer.problem import Municipality, Need, ProblemInput, RegionBudget, ServiceNorm
    >>> pi = ProblemInput(
    ...     municipalities=[Municipality("A", "Alpha", "R"), Municipality("B", "Beta", "R")],
    ...     groups=["g"],
    ...     services=[ServiceNorm("home", "Home", "residential", ["g"],
    ...                           investment_per_place=1000, min_places=1, max_places=10)],
    ...     needs=[Need("A", "g", "home", 3), Need("B", "g", "home", 5)],
    ...     distances={("A", "B"): 10.0, ("B", "A"): 10.0},
    ...     budgets=[RegionBudget("R", investment_eur=5000)],
    ... )
    >>> sol = AllocationModel.from_problem_input(pi).solve()
    >>> sol.totals["unmet_clients"], sol.totals["distance_km_weighted"]
    (3.0, 0.0)
    """

    def __init__(self, pi: ProblemInput,
                 keep_sites: frozenset[tuple[str, str]] = frozenset()) -> None:
        self.pi = pi
        self.prob = pulp.LpProblem(slug(pi.name) or "allocation", pulp.LpMinimize)
        self.services = {s.id: s for s in pi.services}
        self.region_of = {m.code: m.region for m in pi.municipalities}
        self.index = _build_index(pi, keep_sites)
        self.investment_rows: dict[str, pulp.LpConstraint] = {}
        self.running_rows: dict[str, pulp.LpConstraint] = {}
        self.capacity_rows: dict[tuple[str, str], pulp.LpConstraint] = {}
        self.staff_rows: dict[str, pulp.LpConstraint] = {}

    @classmethod
    def from_problem_input(cls, pi: ProblemInput, *, validate: bool = True,
                           keep_sites: frozenset[tuple[str, str]] = frozenset()
                           ) -> AllocationModel:
        """Validate ``pi`` (``InputError``/``InfeasibleError`` with numbers) and build the model.

        ``keep_sites``: (municipality, service) candidate sites kept even where another site
        makes them redundant (``_dominated_sites``), e.g. the sites of a plan to look into.
        """
        if validate:
            pi.validate()
        model = cls(pi, keep_sites)
        if validate:
            check_equity_reach(pi, model.index)
        model._add_variables()
        model.need_balance()
        model.capacity()
        model.facility_size()
        model.facility_links()
        model.investment_budget()
        model.running_budget()
        model.mentor_clients()
        model.equity_floor()
        model.facility_cap()
        model.municipality_limits()
        model.goal_definitions()
        return model

    # ------------------------------------------------------------------ variables
    def _add_variables(self) -> None:
        ix, prob = self.index, self.prob
        self.x = prob.add_variable_dict("x_%s_%s_%s_%s", ix.x, lowBound=0)
        self.y = prob.add_variable_dict("y_%s_%s", ix.new_sites, lowBound=0, cat="Integer")
        self.n = prob.add_variable_dict("n_%s_%s", ix.new_sites, lowBound=0, cat="Integer")
        self.u = prob.add_variable_dict("u_%s_%s_%s", list(ix.need), lowBound=0)
        self.c = prob.add_variable_dict("c_%s_%s", ix.mentor, lowBound=0)
        self.x_into: dict[tuple[str, str], list[XKey]] = defaultdict(list)
        self.x_from: dict[tuple[str, str, str], list[XKey]] = defaultdict(list)
        for key in ix.x:
            i, j, g, s = key
            self.x_into[(j, s)].append(key)
            self.x_from[(i, g, s)].append(key)
            self.x[key].upBound = ix.need[(i, g, s)]
        self._bound_sites()

    def _bound_sites(self) -> None:
        """Finite upper bounds on places and facilities.

        A cost-minimal plan never has a full facility more than the clients in reach need
        (dropping it keeps every client served), so y <= ceil(reach / cpp) + max_places is
        no restriction, and bounded columns give the solvers a tighter relaxation.
        """
        reach: dict[tuple[str, str], float] = defaultdict(float)
        for (i, j, g, s) in self.index.x:
            reach[(j, s)] += self.index.need[(i, g, s)]
        for key in self.index.new_sites:
            svc = self.services[key[1]]
            y_max = math.ceil(reach[key] / svc.clients_per_place) + svc.max_places
            self.y[key].upBound = y_max
            self.n[key].upBound = y_max // max(svc.min_places, 1)

    # ------------------------------------------------------------------ constraints
    def need_balance(self) -> None:
        """sum_j x[i,j,g,s] + u[i,g,s] = need[i,g,s]"""
        for (i, g, s), need in self.index.need.items():
            served = pulp.lpSum(self.x[k] for k in self.x_from[(i, g, s)])
            self.prob += served + self.u[(i, g, s)] == need, f"need_{i}_{g}_{s}"

    def capacity(self) -> None:
        """sum_{i,g} x[i,j,g,s] <= clients_per_place[s] * (cap[j,s] + y[j,s])"""
        for j, s in self.index.sites:
            cpp = self.services[s].clients_per_place
            places = self.index.cap.get((j, s), 0.0) + self.y.get((j, s), 0)
            row = pulp.lpSum(self.x[k] for k in self.x_into[(j, s)]) <= cpp * places
            self.capacity_rows[(j, s)] = self._add(row, f"capacity_{j}_{s}")

    def facility_size(self) -> None:
        """min_places[s] * n[j,s] <= y[j,s] <= max_places[s] * n[j,s]"""
        for j, s in self.index.new_sites:
            svc = self.services[s]
            self.prob += self.y[(j, s)] >= svc.min_places * self.n[(j, s)], f"size_min_{j}_{s}"
            self.prob += self.y[(j, s)] <= svc.max_places * self.n[(j, s)], f"size_max_{j}_{s}"

    def facility_links(self) -> None:
        """x[i,j,g,s] <= need[i,g,s] * n[j,s] where j has no places of s yet

        Valid for every plan (no facility, no places, no clients). The relaxation without it
        serves clients in slivers of facilities below their least size, so its bounds are
        weak; with it, serving a client at j takes a whole facility there. The rows are kept
        aside (``link_rows``, with a flag: the need is below one least-size facility) and a
        part takes them in ``_Block.add_links``.
        """
        self.link_rows: list[tuple[str, pulp.LpConstraint, bool]] = []
        for key in self.index.x:
            i, j, g, s = key
            if (j, s) in self.index.cap or (j, s) not in self.n:
                continue
            svc = self.services[s]
            need = self.index.need[(i, g, s)]
            self.link_rows.append((f"link_{i}_{j}_{g}_{s}", self.x[key] <= need * self.n[(j, s)],
                                   need < svc.clients_per_place * svc.min_places))

    def investment_budget(self) -> None:
        """sum_{j in r, s} (1 + contingency) * (inv_place[s] y[j,s] + inv_facility[s] n[j,s])
        <= investment[r]"""
        spend = self._investment_by_region()
        for r in self.pi.regions():
            budget = self.pi.budget_of(r).investment_eur
            if budget is None:
                continue
            self.investment_rows[r] = self._add(pulp.lpSum(spend[r]) <= budget,
                                                f"investment_{slug(r)}")

    def running_budget(self) -> None:
        """sum_{j in r, s} running[s] y[j,s] + sum_{i in r, g} 12 hours[i,g] rate c[i,g]
        <= running[r]"""
        spend = self._running_by_region()
        for r in self.pi.regions():
            budget = self.pi.budget_of(r).running_eur_per_year
            if budget is None:
                continue
            self.running_rows[r] = self._add(pulp.lpSum(spend[r]) <= budget,
                                             f"running_{slug(r)}")

    def mentor_clients(self) -> None:
        """c[i,g] >= sum_j x[i,j,g,s] for every service s that serves g"""
        for i, g in self.index.mentor:
            for s in self.services:
                keys = self.x_from.get((i, g, s))
                if keys:
                    self.prob += (self.c[(i, g)] >= pulp.lpSum(self.x[k] for k in keys),
                                  f"mentor_{i}_{g}_{s}")

    def equity_floor(self) -> None:
        """sum_{j,g,s} x[i,j,g,s] >= floor * sum_{g,s} need[i,g,s]"""
        floor = self.pi.equity_floor
        if floor <= 0:
            return
        need_of: dict[str, float] = defaultdict(float)
        for (i, _g, _s), v in self.index.need.items():
            need_of[i] += v
        for i, need in need_of.items():
            served = pulp.lpSum(self.x[k] for (o, g, s) in self.index.need if o == i
                                for k in self.x_from[(o, g, s)])
            self.prob += served >= floor * need, f"equity_{i}"

    def facility_cap(self) -> None:
        """sum_j n[j,s] <= max_new_facilities[s]"""
        for s, svc in self.services.items():
            if svc.max_new_facilities is None:
                continue
            opened = [self.n[(j, t)] for (j, t) in self.index.new_sites if t == s]
            if opened:
                self.prob += pulp.lpSum(opened) <= svc.max_new_facilities, f"facility_cap_{s}"

    def municipality_limits(self) -> None:
        """sum_s y[j,s] <= max_places[j]; sum_s n[j,s] <= max_facilities[j];
        sum_s (staff_facility[s] n[j,s] + staff_place[s] y[j,s]) <= max_staff[j]"""
        for lim in self.pi.municipality_limits:
            j = lim.municipality
            keys = [(m, s) for (m, s) in self.index.new_sites if m == j]
            if not keys:
                continue
            if lim.max_new_places is not None:
                self.prob += (pulp.lpSum(self.y[k] for k in keys) <= lim.max_new_places,
                              f"limit_places_{j}")
            if lim.max_new_facilities is not None:
                self.prob += (pulp.lpSum(self.n[k] for k in keys) <= lim.max_new_facilities,
                              f"limit_facilities_{j}")
            if lim.max_new_staff is not None:
                staff = pulp.lpSum(self.services[s].staff_per_facility * self.n[(j, s)]
                                   + self.services[s].staff_per_place * self.y[(j, s)]
                                   for (_, s) in keys)
                self.staff_rows[j] = self._add(staff <= lim.max_new_staff, f"limit_staff_{j}")

    def goal_definitions(self) -> None:
        """U = sum w[g] u[i,g,s];  D = sum d[i,j] x[i,j,g,s];  C = investment + running

        The goals are variables so a lexicographic stage fixes one by its upper bound."""
        self.goal_exprs = self._goal_expressions()
        self.goals = {g: self.prob.add_variable(f"goal_{g}", lowBound=0) for g in GOALS}
        for g in GOALS:
            self.prob += self.goals[g] == self.goal_exprs[g], f"goal_{g}"

    def _add(self, row: pulp.LpConstraint, name: str) -> pulp.LpConstraint:
        self.prob += row, name
        return self.prob.get_constraint_by_name(name)

    # ------------------------------------------------------------------ expressions
    def _investment_by_region(self) -> dict[str, list[Any]]:
        spend: dict[str, list[Any]] = defaultdict(list)
        for j, s in self.index.new_sites:
            svc = self.services[s]
            spend[self.region_of[j]].append(
                self.pi.investment_per_place(svc) * self.y[(j, s)]
                + self.pi.investment_per_facility(svc) * self.n[(j, s)])
        return spend

    def _running_by_region(self) -> dict[str, list[Any]]:
        spend: dict[str, list[Any]] = defaultdict(list)
        for j, s in self.index.new_sites:
            spend[self.region_of[j]].append(
                self.services[s].running_cost_per_place_year * self.y[(j, s)])
        if self.pi.mentor is not None:
            hours = self.pi.mentor_hours_per_month()
            rate = self.pi.mentor.hourly_rate
            for i, g in self.index.mentor:
                spend[self.region_of[i]].append(12 * hours[(i, g)] * rate * self.c[(i, g)])
        return spend

    def _goal_expressions(self) -> dict[str, pulp.LpAffineExpression]:
        pi = self.pi
        unmet = pulp.lpSum(pi.group_weight(g) * v for (_i, g, _s), v in self.u.items())
        distance = pulp.lpSum((pi.distance(i, j) or 0.0) * v
                              for (i, j, _g, _s), v in self.x.items())
        investment = [t for ts in self._investment_by_region().values() for t in ts]
        running = [t for ts in self._running_by_region().values() for t in ts]
        return {"unmet": unmet, "distance": distance,
                "cost": pulp.lpSum(investment) + pulp.lpSum(running)}

    @functools.cached_property
    def goal_steps(self) -> dict[str, float]:
        """The unit each goal of a whole plan is a multiple of, where there is one.

        When :func:`unmet_is_integral` holds, some lexicographic optimum has whole flows:
        unmet need (whole weights) is then a multiple of 1 and client-km a multiple of the
        finest decimal of the distances used (0.1 km for the embedded data).
        """
        if not unmet_is_integral(self.pi):
            return {}
        steps = {"unmet": 1.0}
        km = {self.pi.distance(i, j) or 0.0 for (i, j, _g, _s) in self.index.x}
        for step in (1.0, 0.1, 0.01, 0.001):
            if all(abs(d / step - round(d / step)) < 1e-9 * max(1.0, d / step) for d in km):
                steps["distance"] = step
                break
        return steps

    # ------------------------------------------------------------------ re-solving
    def set_investment_budget(self, region: str, eur: float) -> None:
        """Change a region's investment budget in place (for "what would more money buy")."""
        self.investment_rows[region].changeRHS(eur)

    # ------------------------------------------------------------------ solving
    def solve(self, solver: str = "highs", time_limit: float | None = None,
              mip_gap: float = 1e-4) -> Solution:
        """Solve lexicographically (or weighted) and return the ``Solution``.

        The model is split into independent parts (``blocks``), each solved on its own,
        stage by stage; the first stage starts from the plan that builds nothing. Parts are
        solved side by side, one single-threaded solver per core (a MIP solver gains little
        from a second thread; two parts at once nearly twice): every part's unmet stage
        before any later stage, so a time limit never starves the first goal.
        ``time_limit`` (seconds) is shared by all solver calls: a call may use what is left
        minus a reserve for the calls after it; a call that hits its limit keeps its best
        plan, a later stage that finds none, has no time left or is (numerically) declared
        infeasible keeps the plan of the stage before (that part is skipped; the stage's
        status is ``time_limit``, or ``skipped`` for all parts). ``mip_gap`` is the relative
        gap at which each call stops (1e-4, HiGHS's default); a stage's ``gap`` is that of
        the sum of the parts, the solution's the largest of the stages (``None`` if unknown).
        Raises ``InfeasibleError`` naming the input that makes the problem impossible.
        """
        started = time.perf_counter()
        self._start_from_nothing()
        blocks = self.blocks(whole_unmet=solver == "highs")
        plan = self._stage_plan()
        workers = _workers(len(blocks))
        clock = _Clock(time_limit, calls=len(plan) * len(blocks), started=started)
        queue = _StageQueue([b.size for b in blocks], len(plan), largest_first=workers > 1)

        def work() -> None:
            while (task := queue.take()) is not None:
                k, stage = task
                try:
                    result = self._solve_part(blocks[k], plan[stage], stage == 0, solver,
                                              mip_gap, clock, workers)
                except Exception as e:  # raised below, after the other workers stop
                    result = _PartResult(None, error=e)
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
                raise diagnose_infeasibility(self.pi, solver)
        stages = [_stage_record("+".join(goals), [r[k].report if len(r) > k else None
                                                  for r in queue.results])
                  for k, goals in enumerate(plan)]
        return self._solution(solver, stages, clock.elapsed())

    def _solve_part(self, block: _Block, goals: tuple[str, ...], first: bool, solver: str,
                    mip_gap: float, clock: _Clock, workers: int) -> _PartResult:
        """One part, one stage: solve, then fix the goal for the stages after; a later stage
        that fails keeps the part's plan of the stage before."""
        limit = clock.limit_for_next_call(first, workers)
        if limit == 0.0:
            return _PartResult(None)
        block.add_links(goals)
        block.prob.setObjective(block.objective(goals, self.pi.objective))
        kept = {v: v.varValue for v in block.prob.variables()}
        try:
            report = solvers.run(block.prob, solver, limit, mip_gap=mip_gap, warm_start=first,
                                 threads=1 if workers > 1 else None, restarts=first)
        except solvers.NoSolutionError as e:
            if first:
                return _PartResult(None, error=e)
            report = None
        if report is not None and report.status == "infeasible":
            if first:
                return _PartResult(None, infeasible=True)
            report = None  # the last stage's plan is feasible: a numerical verdict
        if report is None:
            for v, value in kept.items():
                v.varValue = value
            return _PartResult(None)
        if len(goals) == 1:
            block.fix(goals[0], report.objective, self.pi.objective,
                      self.goal_steps.get(goals[0]))
        return _PartResult(report)

    def blocks(self, whole_unmet: bool = True) -> list[_Block]:
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

        columns = {v.name: v for v in self.prob.variables()}
        for name in columns:
            parent[name] = name
        rows = [c for c in self.prob.constraints() if not c.name.startswith("goal_")]
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
        whole = whole_unmet and unmet_is_integral(self.pi)
        return [_Block.build(f"{self.prob.name}_{k}", names, rows, self.goal_exprs, whole,
                             self.link_rows)
                for k, names in enumerate(sorted(merged, key=len))]

    def _start_from_nothing(self) -> None:
        """The first stage starts from the plan that builds nothing (all need unmet): always a
        solution unless an equity floor forbids it, so a time limit never ends empty-handed."""
        for v in self.prob.variables():
            v.varValue = 0.0
        for key, v in self.u.items():
            v.varValue = self.index.need[key]

    def _stage_plan(self) -> list[tuple[str, ...]]:
        if self.pi.objective.kind == "weighted":
            return [GOALS]
        return [(g,) for g in GOALS]

    def _solution(self, solver: str, stages: list[dict[str, Any]], seconds: float) -> Solution:
        gaps = [st["gap"] for st in stages if st["gap"] is not None]
        status = "optimal" if all(st["status"] == "optimal" for st in stages) else "time_limit"
        return build_solution(
            self.pi,
            places={k: v.value() or 0.0 for k, v in self.y.items()},
            facilities={k: v.value() or 0.0 for k, v in self.n.items()},
            flows={k: v.value() or 0.0 for k, v in self.x.items()},
            status=status, solver=solver, method="milp", seconds=seconds,
            gap=max(gaps) if gaps and len(gaps) == len(stages) else None, stages=stages,
        )


_MIN_BLOCK_COLUMNS = 200


def _workers(parts: int) -> int:
    """Parts solved side by side: one per core, at most one per part."""
    return max(1, min(parts, os.cpu_count() or 1))


@dataclass
class _PartResult:
    """What one part's solver call gave: a report, or ``None`` when the part keeps its plan
    of the stage before; an error to raise (no plan in the first stage, a solver bug in any),
    or the first stage's infeasibility to diagnose."""

    report: solvers.SolveReport | None
    error: Exception | None = None
    infeasible: bool = False


class _StageQueue:
    """Which part and stage a worker solves next: a part's stages in order, the earliest
    stage of all first (unmet need before distance before cost), then the largest part (the
    longest call should not start last) or, for one worker, the smallest (the largest then
    gets the time the others leave). Thread-safe; collects each part's results."""

    def __init__(self, sizes: list[int], stages: int, largest_first: bool) -> None:
        self.sizes = sizes
        self.stages = stages
        self.sign = -1 if largest_first else 1
        self.results: list[list[_PartResult]] = [[] for _ in sizes]
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

    def done(self, part: int, result: _PartResult) -> None:
        """Record a part's stage; an error or infeasibility ends the part's stages."""
        with self._ready:
            self.results[part].append(result)
            self.busy[part] = False
            self.stopped[part] = result.error is not None or result.infeasible
            self._ready.notify_all()


class _Clock:
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
class _Block:
    """One independent part of the model: its rows, and its share of each goal as a variable
    (so a lexicographic stage fixes a goal by the variable's upper bound)."""

    prob: pulp.LpProblem
    goals: dict[str, pulp.LpVariable]
    links: list[tuple[str, pulp.LpConstraint, bool]]

    @property
    def size(self) -> int:
        """Columns, for ordering the parts."""
        return self.prob.numVariables()

    @classmethod
    def build(cls, name: str, columns: set[str], rows: list[pulp.LpConstraint],
              goal_exprs: dict[str, pulp.LpAffineExpression], whole_unmet: bool,
              link_rows: list[tuple[str, pulp.LpConstraint, bool]]) -> _Block:
        prob = pulp.LpProblem(name, pulp.LpMinimize)
        for row in rows:
            first = next(iter(row), None)
            if first is not None and first.name in columns:
                prob += row, row.name
        goals = {}
        for g in GOALS:
            cat = "Integer" if g == "unmet" and whole_unmet else "Continuous"
            goals[g] = prob.add_variable(f"goal_{g}", lowBound=0, cat=cat)
            part = pulp.lpSum(a * v for v, a in goal_exprs[g].items() if v.name in columns)
            prob += goals[g] == part, f"goal_{g}"
            goals[g].varValue = pulp.value(part) or 0.0
        links = [link for link in link_rows if next(iter(link[1])).name in columns]
        return cls(prob, goals, links)

    def add_links(self, goals: tuple[str, ...]) -> None:
        """Add the facility links (``AllocationModel.facility_links``) this stage needs.

        Stages that weigh distance or cost get them all. The unmet stage gets those of needs
        below a least-size facility (the others cut little there), unless they would more
        than triple the part's rows: on 344 origins with needs split eight ways (ten times
        the rows) they made the unmet stage twice as slow, on 43 origins and 344 candidate
        sites three times as fast (``benchmarks/README.md``).
        """
        chosen, kept = self.links, []
        if goals == ("unmet",):
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
        weights = {"unmet": o.unmet_weight, "distance": o.distance_weight, "cost": o.cost_weight}
        return pulp.lpSum(weights[g] * self.goals[g] for g in goals)

    def fix(self, goal: str, value: float, tol: ObjectiveSettings,
            step: float | None = None) -> None:
        """Keep this goal at its optimum (within the tolerances) in the stages after; as a
        bound it needs no integrality (HiGHS 1.16 returned NaN columns with it).

        ``step``: every whole plan's value is a multiple of it (``AllocationModel.goal_steps``),
        so the optimum is the multiple nearest ``value``. A solver may undercut that
        multiple by its feasibility tolerances (31.99998 client-km for 32, serving a
        millionth of a client more than the bound on unmet need allows); a bound at the
        undercut value would then shut out the whole plans of the optimum, and a later stage
        could only find dearer ones.
        """
        if step:
            multiple = round(value / step)
            if abs(value / step - multiple) < 1e-3:
                value = multiple * step
        self.goals[goal].upBound = value + abs(value) * tol.relative_tolerance \
            + tol.absolute_tolerance
        self.goals[goal].cat = pulp.LpContinuous


def _stage_record(goal: str, reports: list[solvers.SolveReport | None]) -> dict[str, Any]:
    """One stage over all blocks: objective and gap of the sum (gap ``None`` if a part's is
    unknown), status ``optimal`` only if every part is."""
    done = [r for r in reports if r is not None]
    if not done:
        return {"goal": goal, "status": "skipped", "objective": None, "gap": None,
                "seconds": 0.0, "parts": len(reports)}
    objective = sum(r.objective for r in done)
    gap = None
    if len(done) == len(reports) and all(r.gap is not None for r in done):
        bound = sum(r.objective - r.gap * abs(r.objective) for r in done)
        gap = max(objective - bound, 0.0) / max(abs(objective), 1e-9)
    optimal = len(done) == len(reports) and all(r.status == "optimal" for r in done)
    return {"goal": goal, "status": "optimal" if optimal else "time_limit",
            "objective": objective, "gap": gap, "seconds": sum(r.seconds for r in done),
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
            and all(float(v).is_integer() for v in pi.need_table().values())
            and all(float(s.clients_per_place).is_integer() for s in pi.services)
            and all(float(services[s].clients_per_place * v).is_integer()
                    for (_j, s), v in pi.capacity_table().items()))


# ---------------------------------------------------------------------- index
def _build_index(pi: ProblemInput, keep_sites: frozenset[tuple[str, str]] = frozenset()
                 ) -> _Index:
    need = {k: v for k, v in pi.need_table().items() if v > 0}
    cap = {k: v for k, v in pi.capacity_table().items() if v > 0}
    services = {s.id: s for s in pi.services}
    codes = [m.code for m in pi.municipalities]
    x: list[XKey] = []
    used_sites: set[tuple[str, str]] = set()
    for (i, g, s), _v in sorted(need.items()):
        svc = services[s]
        for j in codes:
            if ((j, s) in cap or pi.is_candidate_site(j, s)) and pi.may_serve(i, j, svc):
                x.append((i, j, g, s))
                used_sites.add((j, s))
    dominated = _dominated_sites(pi, cap, x) - keep_sites
    if dominated:
        x = [key for key in x if (key[1], key[3]) not in dominated]
        used_sites -= dominated
    sites = sorted(used_sites)
    new_sites = [(j, s) for (j, s) in sites if pi.is_candidate_site(j, s)]
    mentor = []
    if pi.mentor is not None:
        mentor = sorted({(i, g) for (i, g, _s) in need if g in pi.mentor.groups})
    return _Index(need=need, cap=cap, x=x, sites=sites, new_sites=new_sites, mentor=mentor)


def _dominated_sites(pi: ProblemInput, cap: dict[tuple[str, str], float],
                     x: list[XKey]) -> set[tuple[str, str]]:
    """Candidate sites of a service that another candidate site makes redundant.

    Site *b* is left out for service *s* when a site *a* of the same region, free of
    municipality limits, is within reach of every origin that reaches *b* and no farther
    from any of them (nearer to one, or a tie broken by order), and *b* has no places of *s*
    yet. Any plan moves *b*'s new facilities and clients to *a*: the same places and
    facilities (so the same cost, budgets and staff; facilities may share a site), the same
    unmet need, no more client-km. So the lexicographic (and weighted) optimum is unchanged,
    and a model with several candidate sites per municipality loses the many that only
    copy a better one.
    """
    limited = {lim.municipality for lim in pi.municipality_limits}
    region = {m.code: m.region for m in pi.municipalities}
    km: dict[tuple[str, str], dict[str, dict[str, float]]] = defaultdict(lambda: defaultdict(dict))
    for (i, j, _g, s) in x:
        km[(s, region[j])][j][i] = pi.distance(i, j) or 0.0
    dominated: set[tuple[str, str]] = set()
    for (s, _r), by_site in km.items():
        codes = sorted(j for j in by_site if pi.is_candidate_site(j, s))
        if len(codes) < 2:
            continue
        origins = sorted({i for j in codes for i in by_site[j]})
        row = {i: k for k, i in enumerate(origins)}
        d = np.full((len(origins), len(codes)), np.inf)
        for b, j in enumerate(codes):
            for i, v in by_site[j].items():
                d[row[i], b] = v
        no_farther = (d[:, :, None] <= d[:, None, :]).all(axis=0)
        nearer = (d[:, :, None] < d[:, None, :]).any(axis=0)
        order = np.arange(len(codes))
        beats = no_farther & (nearer | (order[:, None] < order[None, :]))
        np.fill_diagonal(beats, False)
        beats[[a for a, j in enumerate(codes) if j in limited], :] = False
        for b in np.flatnonzero(beats.any(axis=0)):
            if (codes[b], s) not in cap:
                dominated.add((codes[b], s))
    return dominated


# ---------------------------------------------------------------------- infeasibility
def check_equity_reach(pi: ProblemInput, index: _Index) -> None:
    """Before solving: can the equity floor be met at all, whatever the money?"""
    if pi.equity_floor <= 0:
        return
    need: dict[str, float] = defaultdict(float)
    reachable: dict[str, float] = defaultdict(float)
    origins_with_sites = {(i, g, s) for (i, _j, g, s) in index.x}
    for key, v in index.need.items():
        need[key[0]] += v
        if key in origins_with_sites:
            reachable[key[0]] += v
    for i, total in need.items():
        if reachable[i] < pi.equity_floor * total - 1e-9:
            m = pi.municipality(i)
            raise InfeasibleError(
                "equity_floor",
                f"equity floor {pi.equity_floor:.0%} needs {pi.equity_floor * total:,.1f} of "
                f"the {total:,.0f} clients of {m.name} ({i}) served, but only "
                f"{reachable[i]:,.0f} of them have a service site within reach "
                "(check reach, excluded sites and non-participating municipalities)")


def diagnose_infeasibility(pi: ProblemInput, solver: str = "highs") -> InfeasibleError:
    """Find which input makes ``pi`` infeasible by relaxing one family at a time.

    Money is measured: the least investment (or running cost) per region that the equity
    floor needs, compared with each budget.
    """
    floor = f"equity floor {pi.equity_floor:.0%}"
    no_running = replace(pi, budgets=[replace(b, running_eur_per_year=None) for b in pi.budgets])
    no_money = replace(pi, budgets=[])
    if _feasible(no_money, solver):
        if not _feasible(no_running, solver):
            return _least_money(pi, no_money, solver, floor, "investment")
        return _least_money(pi, replace(pi, budgets=[
            replace(b, investment_eur=None) for b in pi.budgets]), solver, floor, "running")
    if _feasible(replace(no_money, municipality_limits=[]), solver):
        return InfeasibleError("municipality_limits", f"{floor} cannot be met within the "
                               "per-municipality limits; raise or remove them")
    capped = ", ".join(s.id for s in pi.services if s.max_new_facilities is not None)
    return InfeasibleError(
        "max_new_facilities", f"{floor} cannot be met with the caps on new facilities "
        f"({capped}) even without budgets and municipality limits; raise them or lower the floor")


def _feasible(pi: ProblemInput, solver: str) -> bool:
    model = AllocationModel.from_problem_input(pi, validate=False)
    model.prob.setObjective(model.goals["unmet"])
    return solvers.run(model.prob, solver, None).status != "infeasible"


def _least_money(pi: ProblemInput, relaxed: ProblemInput, solver: str, floor: str,
                 kind: str) -> InfeasibleError:
    """Least investment (or running cost) per region under ``relaxed``, against ``pi``'s budgets."""
    model = AllocationModel.from_problem_input(relaxed, validate=False)
    spend = (model._investment_by_region() if kind == "investment"
             else model._running_by_region())
    model.prob.setObjective(pulp.lpSum(t for ts in spend.values() for t in ts))
    solvers.run(model.prob, solver, None)
    for r in pi.regions():
        least = sum(pulp.value(t) or 0.0 for t in spend[r])
        b = pi.budget_of(r)
        budget = b.investment_eur if kind == "investment" else b.running_eur_per_year
        if budget is not None and least > budget + 1e-6:
            what = "of investment" if kind == "investment" else "a year of running cost"
            return InfeasibleError(
                "budgets", f"{floor} needs at least {least:,.0f} EUR {what} in region {r} "
                f"but its budget is {budget:,.0f} EUR")
    return InfeasibleError("budgets", f"{floor} cannot be met within the {kind} budgets "
                           "of the regions together")
