"""A given plan, by the same model: evaluate it, and find the smallest change that does better.

A plan is a list of ``FixedSite`` (new places and facilities per municipality and service).
:func:`evaluate_plan` solves the model with those decisions fixed and nothing else built
(``ProblemInput.fixed_only``), so the clients are placed in the plan's places as the model
would place them (least unmet need, then least distance from home). The given plan is not
held to budgets, municipality limits, caps, the least occupancy or the equity floor: it is a
fact, and the caller reports how much of each it uses.

:func:`smallest_change` asks the converse: the fewest places added or removed (a move is one
of each) so that at most ``unmet_at_most`` clients stay unmet, within ``pi``'s budgets and
rules. New facilities follow the service's size range; the plan's own facilities keep their
sizes allowed (``FixedSite``). It is one MILP over the whole model with deviation columns
``a[j,s] - r[j,s] = y[j,s] - y0[j,s]``; later stages keep the fewest changes and take the
least unmet need and client-km among them (weighted as in ``ObjectiveSettings``), then the
least cost, leaving the plan's facilities as they are where it can.

Examples
--------
>>> from optimizer.problem import FixedSite, Municipality, Need, ProblemInput, ServiceNorm
>>> pi = ProblemInput(
...     municipalities=[Municipality("A", "Alpha", "R"), Municipality("B", "Beta", "R")],
...     groups=["g"],
...     services=[ServiceNorm("home", "Home", "residential", ["g"],
...                           investment_per_place=1000, min_places=2, max_places=10)],
...     needs=[Need("A", "g", "home", 3), Need("B", "g", "home", 5)],
...     distances={("A", "B"): 10.0, ("B", "A"): 10.0},
... )
>>> plan = [FixedSite("A", "home", 4, 1)]
>>> evaluate_plan(pi, plan).totals["served_clients"]
4.0
>>> change = smallest_change(pi, plan, unmet_at_most=0)
>>> change.added, change.removed
(4, 0)
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

import pandas as pd
import pulp

from optimizer import solvers
from optimizer.errors import InfeasibleError
from optimizer.formulation import AllocationModel
from optimizer.problem import FixedSite, ProblemInput
from optimizer.solution import Solution
from optimizer.solve import model_solution

CHANGE_COLUMNS = ["municipality", "service", "places_before", "places_after",
                  "facilities_before", "facilities_after"]


def as_given(pi: ProblemInput, plan: list[FixedSite]) -> ProblemInput:
    """``pi`` with ``plan`` as the whole plan and none of the limits a plan is held to."""
    return replace(
        pi, fixed_sites=list(plan), fixed_only=True, equity_floor=0.0, municipality_limits=[],
        budgets=[], min_occupancy=0.0,
        services=[replace(s, max_new_facilities=None, min_occupancy=None) for s in pi.services])


def evaluate_plan(pi: ProblemInput, plan: list[FixedSite], solver: str = "highs",
                  time_limit: float | None = None) -> Solution:
    """The plan's clients, unmet need (cause ``plan_no_site`` / ``plan_full``), distances and
    costs, with the plan's places fixed (:func:`as_given`)."""
    given = as_given(pi, plan)
    return AllocationModel.from_problem_input(given).solve(solver, time_limit=time_limit)


@dataclass
class PlanChange:
    """The smallest change found: ``changes`` (``CHANGE_COLUMNS``, one row per changed site),
    places ``added`` and ``removed``, and the changed plan's ``solution``."""

    changes: pd.DataFrame
    added: int
    removed: int
    solution: Solution

    @property
    def moved(self) -> int:
        """Places taken from one site and put at another."""
        return min(self.added, self.removed)


def smallest_change(pi: ProblemInput, plan: list[FixedSite], *, unmet_at_most: float,
                    solver: str = "highs", time_limit: float | None = None) -> PlanChange:
    """The fewest places added or removed from ``plan`` so that at most ``unmet_at_most``
    clients are unmet, within ``pi``'s budgets and rules.

    Raises ``InfeasibleError`` when no change reaches the target within them."""
    started = time.perf_counter()
    base = replace(pi, fixed_sites=list(plan), fixed_only=False)
    model = AllocationModel.from_problem_input(base)
    given = {(f.municipality, f.service): f for f in plan}
    added, removed = _deviations(model, given)
    prob = model.prob
    prob += pulp.lpSum(model.w.values()) <= unmet_at_most + 1e-6, "target_unmet"
    changes = pulp.lpSum(added.values()) + pulp.lpSum(removed.values())
    prob.setObjective(changes)
    first = solvers.run(prob, solver, time_limit, mip_gap=1e-9)
    if first.status == "infeasible":
        raise InfeasibleError("budgets", f"no change of the plan leaves at most "
                              f"{unmet_at_most:,.0f} clients unmet within the budgets and "
                              "rules of the scenario")
    prob += changes <= round(first.objective) + 1e-6, "fewest_changes"
    o = pi.objective
    near = o.unmet_weight * model.goals["unmet"] + o.distance_weight * model.goals["distance"]
    prob.setObjective(near)
    second = solvers.run(prob, solver, time_limit, mip_gap=1e-9, warm_start=True)
    prob += near <= second.objective * (1 + o.relative_tolerance) + o.absolute_tolerance + 1e-6, \
        "nearest_home"
    prob.setObjective(model.goals["cost"] + _facility_changes(model, given))
    third = solvers.run(prob, solver, time_limit, mip_gap=1e-9, warm_start=True)
    stages = [_stage(goal, report) for goal, report in
              (("changes", first), ("unmet+distance", second), ("cost", third))]
    solution = model_solution(model, solver, stages, time.perf_counter() - started)
    table = _change_table(model, given)
    return PlanChange(table, int(round(sum(v.value() or 0 for v in added.values()))),
                      int(round(sum(v.value() or 0 for v in removed.values()))), solution)


def _stage(goal: str, report: solvers.SolveReport) -> dict:
    return {"goal": goal, "status": report.status, "objective": report.objective,
            "gap": report.gap, "seconds": report.seconds, "parts": 1}


def _deviations(model: AllocationModel, given: dict[tuple[str, str], FixedSite]
                ) -> tuple[dict[tuple[str, str], pulp.LpVariable],
                           dict[tuple[str, str], pulp.LpVariable]]:
    """Free the plan's places and add a[j,s] - r[j,s] = y[j,s] - y0[j,s] for every site that
    may get new places (y0 = 0 off the plan)."""
    prob = model.prob
    added = prob.add_variable_dict("add_%s_%s", model.index.new_sites, lowBound=0)
    removed = prob.add_variable_dict("remove_%s_%s", list(given), lowBound=0)
    for key in model.index.new_sites:
        y0 = given[key].new_places if key in given else 0
        if key in given:
            model.y[key].lowBound = 0
            model.n[key].lowBound = 0
            model.y[key].upBound = max(model.y_bounds[key][0], y0)
            model.n[key].upBound = max(model.y_bounds[key][1], given[key].new_facilities)
        change = added[key] - (removed[key] if key in given else 0)
        prob += model.y[key] - y0 == change, f"change_{key[0]}_{key[1]}"
    return added, removed


def _facility_changes(model: AllocationModel, given: dict[tuple[str, str], FixedSite]
                      ) -> pulp.LpAffineExpression:
    """|n[j,s] - n0[j,s]| at the plan's sites, so that a plan's facilities are not split or
    merged where its places stay (a tie-break: one facility weighs as one euro)."""
    prob = model.prob
    more = prob.add_variable_dict("more_n_%s_%s", list(given), lowBound=0)
    fewer = prob.add_variable_dict("fewer_n_%s_%s", list(given), lowBound=0)
    for key, f in given.items():
        prob += (model.n[key] - f.new_facilities == more[key] - fewer[key],
                 f"facility_change_{key[0]}_{key[1]}")
    return pulp.lpSum(more.values()) + pulp.lpSum(fewer.values())


def _change_table(model: AllocationModel, given: dict[tuple[str, str], FixedSite]
                  ) -> pd.DataFrame:
    rows = []
    for key in model.index.new_sites:
        y = round(model.y[key].value() or 0)
        n = round(model.n[key].value() or 0)
        f = given.get(key)
        y0, n0 = (f.new_places, f.new_facilities) if f else (0, 0)
        if (y, n) != (y0, n0):
            rows.append({"municipality": key[0], "service": key[1], "places_before": y0,
                         "places_after": y, "facilities_before": n0, "facilities_after": n})
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)
