"""Sensitivity sweeps: solve one problem at every point of a grid of one or two inputs.

A lever is an input a planner asks "what if" about: the investment budget (EUR, all regions
of the problem scaled together), the cost contingency, the least occupancy of new facilities,
the clients per social mentor, or the need (a factor, for all persons or those of one region
or one group). :func:`sweep_tasks` makes one plain-data task per grid point,
:func:`solve_point` solves one (in any process: see ``optimizer.distribute``), and
:func:`frontier` and :func:`tornado` read the results as the questions were asked: what each
extra million buys, and which input moves the result most.

Examples
--------
>>> from optimizer.problem import Municipality, Need, ProblemInput, RegionBudget, ServiceNorm
>>> pi = ProblemInput(
...     municipalities=[Municipality("A", "Alpha", "R")], groups=["g"],
...     services=[ServiceNorm("home", "Home", "residential", ["g"],
...                           investment_per_place=1000, min_places=1, max_places=10)],
...     needs=[Need("A", "g", "home", 8)], budgets=[RegionBudget("R", investment_eur=4000)])
>>> results = [solve_point(t) for t in sweep_tasks(pi, [Axis(Lever("budget"), [2000, 6000])])]
>>> [(r["point"]["budget"], r["served"]) for r in results]
[(2000, 2.0), (6000, 6.0)]
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, replace
from typing import Any

from optimizer.errors import InputError, OptimizerError
from optimizer.formulation import AllocationModel
from optimizer.problem import MentorNorm, ProblemInput, RegionBudget
from optimizer.solution import Solution

LEVERS = ("budget", "contingency", "min_occupancy", "mentor_ratio", "need")
MAX_POINTS = 2000


@dataclass(frozen=True)
class Lever:
    """An input to vary. ``scope`` narrows ``need`` to one region or one group (``""``: all)."""

    name: str
    scope: str = ""

    @property
    def key(self) -> str:
        """How the lever is named in a point: ``budget``, ``need:Latgale``."""
        return f"{self.name}:{self.scope}" if self.scope else self.name

    @classmethod
    def parse(cls, key: str) -> Lever:
        name, _, scope = key.partition(":")
        if name not in LEVERS:
            raise InputError("sweep.lever", f"unknown lever {name!r}; use one of "
                             f"{', '.join(LEVERS)}", place=key)
        return cls(name, scope)


@dataclass(frozen=True)
class Axis:
    """One lever and the values it takes in the grid."""

    lever: Lever
    values: list[float]


def grid(axes: list[Axis]) -> list[dict[str, float]]:
    """Every point of the grid of one or two axes, the first axis varying slowest."""
    if not 1 <= len(axes) <= 2:
        raise InputError("sweep.axes", "a sweep varies one or two inputs")
    if len({a.lever.key for a in axes}) != len(axes):
        raise InputError("sweep.axes", "the two axes vary the same input")
    for a in axes:
        if not a.values:
            raise InputError("sweep.values", "give at least one value", place=a.lever.key)
        bad = [v for v in a.values if not math.isfinite(v) or v < 0]
        if bad:
            raise InputError("sweep.values", f"values must be finite and >= 0, not {bad[0]}",
                             place=a.lever.key)
    points = [dict(zip([a.lever.key for a in axes], combo, strict=True))
              for combo in itertools.product(*(a.values for a in axes))]
    if len(points) > MAX_POINTS:
        raise InputError("sweep.values", f"{len(points)} points; at most {MAX_POINTS}")
    return points


def apply_point(pi: ProblemInput, point: dict[str, float]) -> ProblemInput:
    """``pi`` with every lever of ``point`` set (a new ``ProblemInput``; ``pi`` is unchanged)."""
    for key, value in point.items():
        pi = apply_lever(pi, Lever.parse(key), value)
    return pi


def apply_lever(pi: ProblemInput, lever: Lever, value: float) -> ProblemInput:
    if lever.name == "budget":
        return _with_budget(pi, value)
    if lever.name == "contingency":
        return replace(pi, cost_contingency=value)
    if lever.name == "min_occupancy":
        if value > 1:
            raise InputError("sweep.min_occupancy", f"a share between 0 and 1, not {value}")
        return replace(pi, min_occupancy=value,
                       services=[replace(s, min_occupancy=None) for s in pi.services])
    if lever.name == "mentor_ratio":
        return _with_mentor_ratio(pi, value)
    return _with_need(pi, lever.scope, value)


def total_budget(pi: ProblemInput) -> float:
    """The investment the problem's regions may spend together (EUR; ``inf``: unlimited)."""
    if not pi.budgets or any(b.investment_eur is None for b in pi.budgets):
        return math.inf
    return float(sum(b.investment_eur or 0.0 for b in pi.budgets))


def _with_budget(pi: ProblemInput, total_eur: float) -> ProblemInput:
    """Every region's investment (and ERDF quota) scaled so they add up to ``total_eur``."""
    current = total_budget(pi)
    if not math.isfinite(current) or current <= 0:
        raise InputError("sweep.budget", "the budget lever needs a limited investment "
                         "budget in every region to scale")
    factor = total_eur / current

    def scaled(b: RegionBudget) -> RegionBudget:
        quota = None if b.erdf_quota_eur is None else b.erdf_quota_eur * factor
        return replace(b, investment_eur=(b.investment_eur or 0.0) * factor,
                       erdf_quota_eur=quota)

    return replace(pi, budgets=[scaled(b) for b in pi.budgets])


def _with_mentor_ratio(pi: ProblemInput, clients_per_mentor: float) -> ProblemInput:
    if pi.mentor is None:
        raise InputError("sweep.mentor_ratio", "this problem has no social mentors")
    if clients_per_mentor <= 0:
        raise InputError("sweep.mentor_ratio", f"clients per mentor must be > 0, "
                         f"not {clients_per_mentor}")
    mentor: MentorNorm = replace(pi.mentor, clients_per_mentor=clients_per_mentor)
    return replace(pi, mentor=mentor)


def _with_need(pi: ProblemInput, scope: str, factor: float) -> ProblemInput:
    """The need of ``scope`` (a region, a group, or everyone) times ``factor``."""
    regions = set(pi.regions())
    if scope and scope not in regions and scope not in pi.groups:
        raise InputError("sweep.need", f"{scope!r} is neither a region nor a group of "
                         "this problem", place=scope)

    def touched(code: str, group: str) -> bool:
        return (not scope or group == scope
                or (scope in regions and pi.municipality(code).region == scope))

    if pi.persons:
        persons = [replace(p, persons=p.persons * factor) if touched(p.municipality, p.group)
                   else p for p in pi.persons]
        return replace(pi, persons=persons)
    needs = [replace(n, clients=n.clients * factor) if touched(n.municipality, n.group) else n
             for n in pi.needs]
    return replace(pi, needs=needs)


# ---------------------------------------------------------------------- tasks and results
def sweep_tasks(pi: ProblemInput, axes: list[Axis], solver: str = "highs",
                time_limit: float | None = None) -> list[dict[str, Any]]:
    """One plain-data task per grid point (the problem itself is checked here, once)."""
    points = grid(axes)
    for point in points:
        apply_point(pi, point).validate()
    problem = pi.to_dict()
    return [{"problem": problem, "point": point, "solver": solver, "time_limit": time_limit}
            for point in points]


def solve_point(task: dict[str, Any]) -> dict[str, Any]:
    """Solve one task; a point with no plan (infeasible, no solution in time) says why."""
    pi = apply_point(ProblemInput.from_dict(task["problem"]), task["point"])
    try:
        sol = AllocationModel.from_problem_input(pi).solve(task["solver"],
                                                           time_limit=task["time_limit"])
    except OptimizerError as e:
        return {"point": task["point"], "status": "failed", "error": str(e),
                "error_kind": type(e).__name__}
    return point_result(task["point"], sol)


def served(totals: dict[str, float]) -> float:
    """Persons served when the solution counts persons, else clients."""
    return float(totals.get("served_persons", totals["served_clients"]))


def unserved(totals: dict[str, float]) -> float:
    return float(totals.get("unserved_persons", totals["unmet_clients"]))


def point_result(point: dict[str, float], sol: Solution) -> dict[str, Any]:
    """What a sweep keeps of one solution: its headline figures and where it builds
    (persons to 0.001: the goals' tolerances leave noise of about 1e-6)."""
    totals = sol.totals
    sites = sol.sites[sol.sites["new_places"] > 0]
    return {
        "point": point, "status": sol.status, "seconds": sol.seconds, "gap": sol.gap,
        "served": round(served(totals), 3), "unserved": round(unserved(totals), 3),
        "investment_eur": float(totals["investment_eur"]),
        "running_eur_per_year": float(totals["running_eur_per_year"]),
        "new_places": int(totals["new_places"]), "new_facilities": int(totals["new_facilities"]),
        "sites": [[str(r.municipality), str(r.service), int(r.new_places),
                   int(r.new_facilities)] for r in sites.itertuples()],
    }


# ---------------------------------------------------------------------- reading a sweep
def frontier(results: list[dict[str, Any]], key: str = "budget") -> list[dict[str, Any]]:
    """Persons served against the budget, cheapest first, with the persons each extra
    million buys from the step before (the efficient frontier of a budget sweep)."""
    rows = sorted((r for r in results if r.get("status") != "failed" and key in r["point"]),
                  key=lambda r: r["point"][key])
    out: list[dict[str, Any]] = []
    for before, r in zip([None, *rows], rows, strict=False):  # no rows: no frontier
        step = None
        if before is not None and r["point"][key] > before["point"][key]:
            step = ((r["served"] - before["served"])
                    / (r["point"][key] - before["point"][key]) * 1e6)
        out.append({"budget_eur": r["point"][key], "served": r["served"],
                    "unserved": r["unserved"], "investment_eur": r["investment_eur"],
                    "served_per_extra_million": step})
    return out


def tornado(base: dict[str, Any], results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per lever, the lowest and highest persons served over its values (each result varying
    one lever from the base), widest swing first: which input moves the result most."""
    by_lever: dict[str, list[dict[str, Any]]] = {}
    for r in results:
        if r.get("status") != "failed" and len(r["point"]) == 1:
            by_lever.setdefault(next(iter(r["point"])), []).append(r)
    rows = []
    for key, rs in by_lever.items():
        low = min(rs, key=lambda r: r["point"][key])
        high = max(rs, key=lambda r: r["point"][key])
        rows.append({"lever": key, "low_value": low["point"][key],
                     "high_value": high["point"][key], "served_low": low["served"],
                     "served_high": high["served"], "served_base": base["served"],
                     "swing": abs(high["served"] - low["served"])})
    return sorted(rows, key=lambda row: -row["swing"])
