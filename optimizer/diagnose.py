"""Why a problem is infeasible: the family of inputs that makes it so, with the money it lacks.

Only an equity floor can make the model infeasible (every other row allows the plan that
builds nothing). A floor no site in reach can meet is refused before solving
(``optimizer.index.check_equity_reach``); after an infeasible solve, ``diagnose_infeasibility``
relaxes one family at a time and measures the least money per region the floor needs.
"""

from __future__ import annotations

from dataclasses import replace

import pulp

from optimizer import solvers
from optimizer.errors import InfeasibleError
from optimizer.formulation import AllocationModel
from optimizer.problem import ProblemInput


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
    model = AllocationModel.from_problem_input(pi, validate=False, nearest=None)
    model.prob.setObjective(model.goals["unmet"])
    return solvers.run(model.prob, solver, None).status != "infeasible"


def _least_money(pi: ProblemInput, relaxed: ProblemInput, solver: str, floor: str,
                 kind: str) -> InfeasibleError:
    """Least investment (or running cost) per region under ``relaxed``, against ``pi``'s budgets."""
    model = AllocationModel.from_problem_input(relaxed, validate=False, nearest=None)
    spend = (model.investment_by_region() if kind == "investment"
             else model.running_by_region())
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
