"""Fixtures of the optimizer tests: both solvers, and the checker applied to every solution."""

from __future__ import annotations

import pytest

from optimizer.checker import check_solution
from optimizer.formulation import AllocationModel
from optimizer.problem import ProblemInput
from optimizer.solution import Solution


@pytest.fixture(params=["highs", "cbc"])
def solver(request: pytest.FixtureRequest) -> str:
    return request.param


def solve_checked(pi: ProblemInput, solver: str = "highs", **kw) -> Solution:
    """Solve and assert the independent checker finds nothing wrong."""
    sol = AllocationModel.from_problem_input(pi).solve(solver, **kw)
    problems = check_solution(pi, sol)
    assert not problems, problems
    return sol


def assert_same_optimum(a, b) -> None:
    """The three goals agree within the solvers' tolerances."""
    assert a.objective["unmet_weighted"] == pytest.approx(b.objective["unmet_weighted"],
                                                          abs=1e-4)
    assert a.objective["distance_km_weighted"] == pytest.approx(
        b.objective["distance_km_weighted"], rel=1e-5, abs=1e-3)
    assert a.objective["cost_eur"] == pytest.approx(b.objective["cost_eur"], rel=1e-5,
                                                    abs=1e-2)
