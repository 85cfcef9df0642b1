"""Which CBC binary runs, and that each one solves to the same optimum as HiGHS."""

from __future__ import annotations

import os

import pulp
import pytest

from optimizer import solvers
from optimizer.formulation import AllocationModel
from optimizer.problem import Capacity, Municipality, Need, ProblemInput, RegionBudget, ServiceNorm
from optimizer.solve import blocks, start_from_nothing
from tests.optimizer.conftest import assert_same_optimum, solve_checked
from tests.optimizer.instances import cbc_bound_trap, cbc_preprocess_trap, tolerance_trap


@pytest.fixture
def fresh_cbc_path(monkeypatch):
    """``cbc_path`` looked up anew, and again after the test (it is cached)."""
    monkeypatch.delenv("DI_CBC", raising=False)
    solvers.cbc_path.cache_clear()
    yield monkeypatch
    solvers.cbc_path.cache_clear()


def test_cbc_is_the_one_named_then_the_systems_then_cbcbox(fresh_cbc_path, tmp_path):
    named = tmp_path / "cbc"
    fresh_cbc_path.setenv("DI_CBC", str(named))
    assert solvers.cbc_path() == (str(named), [])
    solvers.cbc_path.cache_clear()
    fresh_cbc_path.delenv("DI_CBC")
    fresh_cbc_path.setattr(solvers, "SYSTEM_CBC", str(tmp_path / "missing"))
    path, options = solvers.cbc_path()
    assert "cbcbox" in path and options == ["boundPropLevel off", "preprocess off"]


@pytest.mark.skipif(not os.access(solvers.SYSTEM_CBC, os.X_OK),
                    reason="no system CBC (.ci/setup --test installs Debian's coinor-cbc)")
def test_the_system_cbc_runs_with_its_own_presolve(fresh_cbc_path):
    assert solvers.cbc_path() == (solvers.SYSTEM_CBC, [])


@pytest.mark.parametrize("binary", ["system", "cbcbox"])
def test_each_cbc_finds_the_optimum_highs_finds(binary, fresh_cbc_path, tmp_path):
    if binary == "cbcbox":
        fresh_cbc_path.setattr(solvers, "SYSTEM_CBC", str(tmp_path / "missing"))
    elif not os.access(solvers.SYSTEM_CBC, os.X_OK):
        pytest.skip("no system CBC (.ci/setup --test installs Debian's coinor-cbc)")
    pi = tolerance_trap()
    assert_same_optimum(solve_checked(pi, "cbc", mip_gap=1e-7),
                        solve_checked(pi, "highs", mip_gap=1e-7))


@pytest.mark.parametrize("trap", [cbc_bound_trap, cbc_preprocess_trap])
def test_the_system_cbc_keeps_every_row_where_its_preprocessing_slips(trap, fresh_cbc_path):
    """A goal fixed at a whole value (``Block.fix``) and a second run without preprocessing
    when CBC says it lost the model (``solvers._CBC_LOST_MODEL``)."""
    if not os.access(solvers.SYSTEM_CBC, os.X_OK):
        pytest.skip("no system CBC (.ci/setup --test installs Debian's coinor-cbc)")
    pi = trap()
    assert_same_optimum(solve_checked(pi, "cbc"), solve_checked(pi, "highs"))


@pytest.mark.parametrize(("binary", "starts"), [("named", True), ("cbcbox", False)])
def test_only_a_cbc_with_its_presolve_gets_the_first_plan_as_a_start(binary, starts,
                                                                     fresh_cbc_path, tmp_path):
    if binary == "named":
        fresh_cbc_path.setenv("DI_CBC", "/usr/bin/cbc")
    else:
        fresh_cbc_path.setattr(solvers, "SYSTEM_CBC", str(tmp_path / "missing"))
    asked = []

    class Recording(pulp.COIN_CMD):
        def __init__(self, **kw):
            asked.append(kw.get("warmStart"))
            super().__init__(**kw)

        def actualSolve(self, lp, **kw):
            raise pulp.PulpSolverError("not run")

    fresh_cbc_path.setattr(pulp, "COIN_CMD", Recording)
    prob = pulp.LpProblem("p", pulp.LpMinimize)
    prob += prob.add_variable("v", lowBound=0)
    with pytest.raises(pulp.PulpSolverError):
        solvers.run(prob, "cbc", None, warm_start=True)
    with pytest.raises(pulp.PulpSolverError):
        solvers.run(prob, "cbc", None, warm_start=False)
    assert asked == [starts, False]


def start_trap():
    """Found by hypothesis: HiGHS 1.16, started from "nobody served" (2 unserved), reports
    the optimum 1 but returns the start's columns."""
    home = ServiceNorm("home", "Home", "residential", ["g"], investment_per_place=1000,
                       max_places=4)
    day = ServiceNorm("day", "Day", "day", ["g"], investment_per_place=500,
                      investment_per_facility=2000, max_places=20, max_travel_km=30)
    codes = ["m0", "m1", "s0"]
    return ProblemInput(
        municipalities=[Municipality("m0", "M0", "R"), Municipality("m1", "M1", "R", False),
                        Municipality("s0", "S0", "R")],
        groups=["g"], services=[home, day],
        needs=[Need("m0", "g", "home", 1), Need("m0", "g", "day", 1), Need("m1", "g", "day", 1)],
        distances={(a, b): 0.0 for a in codes for b in codes if a != b},
        capacity=[Capacity("m1", "day", 1)], budgets=[RegionBudget("R", investment_eur=1000)])


def test_a_start_returned_as_the_optimum_is_solved_again_without_it():
    satellite = frozenset({("s0", "home"), ("s0", "day")})  # kept: the bug needs its columns
    model = AllocationModel.from_problem_input(start_trap(), keep_sites=satellite)
    start_from_nothing(model)
    part = blocks(model)[0]
    part.add_links(("unmet",))
    part.prob.setObjective(part.objective(("unmet",), model.pi.objective))
    report = solvers.run(part.prob, "highs", None, warm_start=True)
    assert report.objective == pytest.approx(1.0)
    assert sum(v.varValue for v in model.w.values()) == pytest.approx(1.0)
