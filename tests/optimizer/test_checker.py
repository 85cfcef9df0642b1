"""The checker finds broken solutions (so its silence on good ones means something)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from optimizer.checker import check_solution
from optimizer.errors import SolverError
from optimizer.formulation import AllocationModel
from optimizer.problem import MunicipalityLimit, RegionBudget
from optimizer.solution import Solution
from optimizer.solve import verified
from tests.optimizer.conftest import solve_checked
from tests.optimizer.instances import home, instance


@pytest.fixture
def solved():
    pi = instance({"A": 3, "B": 5}, budget=8000)
    return pi, solve_checked(pi)


def tampered(sol: Solution, table: str, column: str, delta: float) -> Solution:
    data = sol.to_dict()
    data[table][0][column] += delta
    return Solution.from_dict(data)


def test_more_clients_than_need_or_places(solved):
    pi, sol = solved
    problems = check_solution(pi, tampered(sol, "flows", "clients", 1))
    assert any(p.startswith("need") for p in problems)
    assert any(p.startswith("capacity") for p in problems)


def test_overspent_budget_and_wrong_totals(solved):
    pi, sol = solved
    poorer = replace(pi, budgets=[RegionBudget("R", investment_eur=7000)])
    assert any(p.startswith("investment R") for p in check_solution(poorer, sol))
    bad = Solution.from_dict({**sol.to_dict(), "totals": {**sol.totals, "unmet_clients": 5}})
    assert any("unmet_clients" in p for p in check_solution(pi, bad))


def test_facility_size_limits_and_reach(solved):
    pi, sol = solved
    smaller = replace(pi, services=[home(max_places=2)],
                      municipality_limits=[MunicipalityLimit("A", max_new_places=1)])
    problems = check_solution(smaller, sol)
    assert any("breaks the size" in p for p in problems)
    assert any(p.startswith("limit A") for p in problems)
    moved = Solution.from_dict(sol.to_dict())
    moved.flows.loc[0, "site"] = "C"
    assert any("no distance" in p or "capacity" in p for p in check_solution(pi, moved))


def test_solution_json_round_trip(solved):
    _pi, sol = solved
    again = Solution.from_dict(sol.to_dict())
    assert again.to_dict() == sol.to_dict()


def test_every_milp_plan_is_verified_and_a_broken_one_refused() -> None:

    pi = instance({"A": 3, "B": 5}, budget=5000)
    sol = AllocationModel.from_problem_input(pi).solve()
    assert verified(pi, sol) is sol
    broken = replace(sol, flows=sol.flows.assign(clients=sol.flows["clients"] * 2))
    with pytest.raises(SolverError, match="fails the independent check"):
        verified(pi, broken)
