"""A plan that holds when the need is uncertain: sample need scenarios, choose what to build.

Only about a tenth of the eligible population had been assessed when the 2015-2021 plans
were made (DOMAIN.md §6), so the need a plan is built on will change. :class:`Uncertainty`
describes how: each scenario multiplies the assessed need of every (region, group) by a
factor drawn from a lognormal distribution with mean 1 and coefficient of variation ``cv``
(regions and groups vary independently, as assessment teams work per region and group), and
then draws each municipality's count from a Poisson distribution around it (a small count is
relatively less certain than a large one). The defaults are illustrative, not sourced.

The method (say which and why, the issue asks): **minimax regret over candidate plans.**
The candidates are the plan for the assessed need, each scenario's own optimum, and the
optima for the need at the 50th, 75th, 90th and 100th percentile of the scenarios per
municipality and group (a scenario's optimum fits that scenario exactly and never builds a
spare place; a percentile plan builds for more need than most scenarios have). Each
candidate's first-stage decisions (new places and facilities per municipality and service)
are fixed and evaluated in every scenario by the same model (``optimizer.evaluate``): the
clients are placed as well as those places allow. A candidate's regret in a scenario is its
unserved persons minus that scenario's own optimum; the robust plan is the candidate whose
largest regret is least (ties: lower mean unserved, then lower investment). Why regret and
not the mean alone (sample average approximation on the candidates, also reported): a DI
group must defend its plan in the scenario that goes worst for it, and regret compares
scenarios of different size fairly, where the raw unserved count is dominated by the
scenario with the largest need. Why candidates and not one stochastic MILP over all
scenarios: the scenario MILP grows with the number of scenarios times the model, while the
candidate evaluations are small independent LPs that a cluster spreads (``distribute``).
The plan is feasible in every scenario: its investment does not depend on the need.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from optimizer.distribute import run_tasks
from optimizer.errors import InputError, OptimizerError
from optimizer.evaluate import evaluate_plan
from optimizer.formulation import AllocationModel
from optimizer.problem import FixedSite, ProblemInput
from optimizer.sweep import point_result, served, unserved

MAX_SCENARIOS = 500
PERCENTILES = (50, 75, 90, 100)


@dataclass(frozen=True)
class Uncertainty:
    """How the need may differ from the assessed need (see the module)."""

    scenarios: int = 20
    cv: float = 0.2
    seed: int = 0

    def check(self) -> None:
        if not 1 <= self.scenarios <= MAX_SCENARIOS:
            raise InputError("robust.scenarios", f"between 1 and {MAX_SCENARIOS}, "
                             f"not {self.scenarios}")
        if not math.isfinite(self.cv) or not 0 <= self.cv <= 2:
            raise InputError("robust.cv", f"a coefficient of variation between 0 and 2, "
                             f"not {self.cv}")


def sample_problems(pi: ProblemInput, u: Uncertainty) -> list[ProblemInput]:
    """``u.scenarios`` copies of ``pi`` with sampled needs (reproducible from ``u.seed``)."""
    u.check()
    rng = np.random.default_rng(u.seed)
    sigma = math.sqrt(math.log1p(u.cv ** 2))
    cells = sorted({(pi.municipality(p.municipality).region, p.group)
                    for p in pi.person_table()})
    out = []
    for k in range(u.scenarios):
        factors = dict(zip(cells, rng.lognormal(-sigma ** 2 / 2, sigma, len(cells)),
                           strict=True))
        out.append(_scaled(pi, factors, rng, k))
    return out


def _scaled(pi: ProblemInput, factors: dict[tuple[str, str], float],
            rng: np.random.Generator, k: int) -> ProblemInput:
    def draw(code: str, group: str, count: float) -> float:
        return float(rng.poisson(count * factors[(pi.municipality(code).region, group)]))

    name = f"{pi.name} · scenario {k + 1}"
    if pi.persons:
        return replace(pi, name=name, persons=[
            replace(p, persons=draw(p.municipality, p.group, p.persons)) for p in pi.persons])
    return replace(pi, name=name, needs=[
        replace(n, clients=draw(n.municipality, n.group, n.clients)) for n in pi.needs])


def percentile_problem(pi: ProblemInput, problems: list[ProblemInput],
                       q: float) -> ProblemInput:
    """``pi`` with each need row at the ``q``-th percentile of that row over ``problems``
    (rounded up to whole persons)."""
    name = f"{pi.name} · P{q:g}"
    if pi.persons:
        counts = np.array([[p.persons for p in s.persons] for s in problems])
        return replace(pi, name=name, persons=[
            replace(p, persons=float(math.ceil(v)))
            for p, v in zip(pi.persons, np.percentile(counts, q, axis=0), strict=True)])
    counts = np.array([[n.clients for n in s.needs] for s in problems])
    return replace(pi, name=name, needs=[
        replace(n, clients=float(math.ceil(v)))
        for n, v in zip(pi.needs, np.percentile(counts, q, axis=0), strict=True)])


# ---------------------------------------------------------------------- tasks
def solve_scenario(task: dict[str, Any]) -> dict[str, Any]:
    """A scenario's own optimum (what to build if this need were known)."""
    pi = ProblemInput.from_dict(task["problem"])
    try:
        sol = AllocationModel.from_problem_input(pi).solve(task["solver"],
                                                           time_limit=task["time_limit"])
    except OptimizerError as e:
        return {"point": {"scenario": task["scenario"]}, "status": "failed", "error": str(e)}
    return point_result({"scenario": task["scenario"]}, sol)


def evaluate_candidate(task: dict[str, Any]) -> dict[str, Any]:
    """Persons a candidate plan leaves unserved in one scenario. A multifunctional centre's
    unit (places, no facility of its own) is given as one facility: a given plan is held to
    no budget, size or occupancy (``evaluate.as_given``), so that changes its cost, not the
    persons it serves, and a fixed site cannot say "in a centre"."""
    pi = ProblemInput.from_dict(task["problem"])
    plan = [FixedSite(m, s, places, max(facilities, 1))
            for m, s, places, facilities in task["plan"]]
    sol = evaluate_plan(pi, plan, solver=task["solver"])
    return {"candidate": task["candidate"], "scenario": task["scenario"],
            "served": round(served(sol.totals), 3), "unserved": round(unserved(sol.totals), 3)}


# ---------------------------------------------------------------------- the robust plan
@dataclass
class RobustPlan:
    """The chosen plan and how it does across the scenarios.

    ``regret[c][s]``: candidate *c*'s unserved persons in scenario *s* minus the least any
    candidate leaves unserved there (the scenario's own optimum is a candidate). Candidate 0
    is the plan for the assessed need. ``frequency``: per (municipality, service), the share
    of the scenarios' own optima that build it. ``served[c][s]``: the persons candidate *c*
    serves in scenario *s*."""

    chosen: int
    candidates: list[dict[str, Any]]
    scenario_optima: list[dict[str, Any]]
    unserved: list[list[float]]
    regret: list[list[float]]
    frequency: dict[tuple[str, str], float]
    served: list[list[float]] = field(default_factory=list)

    @property
    def plan(self) -> dict[str, Any]:
        return self.candidates[self.chosen]

    def expected_unserved(self, c: int | None = None) -> float:
        return float(np.mean(self.unserved[self.chosen if c is None else c]))

    def worst_unserved(self, c: int | None = None) -> float:
        return float(np.max(self.unserved[self.chosen if c is None else c]))

    def max_regret(self, c: int | None = None) -> float:
        return float(np.max(self.regret[self.chosen if c is None else c]))


def robust_plan(pi: ProblemInput, u: Uncertainty, solver: str = "highs",
                time_limit: float | None = None, scheduler: str | None = None,
                on_progress: Callable[[int, int], None] | None = None) -> RobustPlan:
    """Sample, solve each scenario, evaluate every candidate in every scenario, choose."""
    problems = sample_problems(pi, u)
    dicts = [p.to_dict() for p in problems]
    base = AllocationModel.from_problem_input(pi).solve(solver, time_limit=time_limit)
    tasks = [{"problem": d, "scenario": k, "solver": solver, "time_limit": time_limit}
             for k, d in enumerate(dicts)]
    tasks += [{"problem": percentile_problem(pi, problems, q).to_dict(), "scenario": f"P{q}",
               "solver": solver, "time_limit": time_limit} for q in PERCENTILES]
    count = Counter(total=len(tasks) + len(dicts) * (len(tasks) + 1))

    def progress(_k: int, _r: dict[str, Any]) -> None:
        count["done"] += 1
        if on_progress is not None:
            on_progress(count["done"], count["total"])

    solved = [r for r in run_tasks(solve_scenario, tasks, scheduler=scheduler,
                                   on_result=progress) if r is not None]
    optima = [r for r in solved if isinstance(r["point"]["scenario"], int)]
    candidates = [point_result({"scenario": "assessed"}, base)]
    candidates += _unique_plans([r for r in solved if r["status"] != "failed"], candidates)
    count["total"] = len(tasks) + len(candidates) * len(dicts)
    evaluations = [{"problem": d, "scenario": k, "candidate": c, "plan": cand["sites"],
                    "solver": solver}
                   for c, cand in enumerate(candidates) for k, d in enumerate(dicts)]
    rows = [r for r in run_tasks(evaluate_candidate, evaluations, scheduler=scheduler,
                                 on_result=progress) if r is not None]
    return _choose(candidates, optima, rows, len(dicts))


def _unique_plans(optima: list[dict[str, Any]],
                  known: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen = {_plan_key(c) for c in known}
    out = []
    for r in optima:
        if _plan_key(r) not in seen:
            seen.add(_plan_key(r))
            out.append(r)
    return out


def _plan_key(result: dict[str, Any]) -> tuple[tuple[Any, ...], ...]:
    return tuple(sorted(tuple(site) for site in result["sites"]))


def _choose(candidates: list[dict[str, Any]], optima: list[dict[str, Any]],
            rows: list[dict[str, Any]], scenarios: int) -> RobustPlan:
    unserved_cs = [[math.nan] * scenarios for _ in candidates]
    served_cs = [[math.nan] * scenarios for _ in candidates]
    for r in rows:
        unserved_cs[r["candidate"]][r["scenario"]] = r["unserved"]
        served_cs[r["candidate"]][r["scenario"]] = r.get("served", math.nan)
    best = [min(unserved_cs[c][s] for c in range(len(candidates))) for s in range(scenarios)]
    regret = [[unserved_cs[c][s] - best[s] for s in range(scenarios)]
              for c in range(len(candidates))]
    chosen = min(range(len(candidates)), key=lambda c: (
        max(regret[c]), float(np.mean(unserved_cs[c])), candidates[c]["investment_eur"]))
    built: dict[tuple[str, str], int] = defaultdict(int)
    solved = [o for o in optima if o["status"] != "failed"]
    for o in solved:
        for m, s, places, _f in o["sites"]:
            if places > 0:
                built[(m, s)] += 1
    frequency = {k: v / len(solved) for k, v in built.items()} if solved else {}
    return RobustPlan(chosen, candidates, optima, unserved_cs, regret, frequency, served_cs)
