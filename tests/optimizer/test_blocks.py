"""Independent parts, the whole-number unmet goal and solver files: faster, never different."""

from __future__ import annotations

from dataclasses import replace
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings

from optimizer import model as model_module
from optimizer.model import AllocationModel, unmet_is_integral
from optimizer.problem import (
    Capacity,
    MentorNorm,
    Municipality,
    Need,
    ProblemInput,
    RegionBudget,
)
from tests.optimizer.conftest import solve_checked
from tests.optimizer.instances import GROUP, day, home, instance, line, random_instances


def two_regions(budget_r2: float | None = 3000.0):
    munis, km = line("ABCD")
    munis = [replace(m, region="R1" if m.code in "AB" else "R2") for m in munis]
    pi = instance({"A": 3, "B": 2, "C": 4, "D": 5}, budget=4000)
    return replace(pi, municipalities=munis, distances=km,
                   budgets=[RegionBudget("R1", investment_eur=4000),
                            RegionBudget("R2", investment_eur=budget_r2)])


def parts(pi) -> int:
    with mock.patch.object(model_module, "_MIN_BLOCK_COLUMNS", 0):
        return len(AllocationModel.from_problem_input(pi).blocks())


def test_regions_without_shared_rows_are_separate_parts():
    assert parts(two_regions()) == 2


def test_flows_or_caps_across_regions_join_the_parts():
    assert parts(replace(two_regions(), cross_region_flows=True)) == 1
    capped = replace(two_regions(), services=[home(max_new_facilities=2)])
    assert parts(capped) == 1


def test_without_budgets_the_flows_still_tie_a_region():
    # Residential clients may move anywhere in their region, so A and B share need rows.
    assert parts(replace(two_regions(), budgets=[])) == 2


def test_small_parts_are_solved_together():
    assert len(AllocationModel.from_problem_input(two_regions()).blocks()) == 1


def test_parts_report_the_stage_over_all_of_them():
    with mock.patch.object(model_module, "_MIN_BLOCK_COLUMNS", 0):
        sol = solve_checked(two_regions())
    # R1: 4 places for A (3) and B (2) -> 1 unmet; R2: 3 places for C (4) and D (5) -> 6.
    assert sol.totals["unmet_clients"] == pytest.approx(7)
    assert [st["parts"] for st in sol.stages] == [2, 2, 2]
    assert sol.stages[0]["objective"] == pytest.approx(7)
    assert sol.status == "optimal"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_instances())
def test_solving_the_parts_apart_gives_the_same_optimum(pi):
    together = solve_checked(pi, mip_gap=1e-7)
    with mock.patch.object(model_module, "_MIN_BLOCK_COLUMNS", 0):
        apart = solve_checked(pi, mip_gap=1e-7)
    assert apart.objective["unmet_weighted"] == pytest.approx(
        together.objective["unmet_weighted"], abs=1e-4)
    assert apart.objective["distance_km_weighted"] == pytest.approx(
        together.objective["distance_km_weighted"], rel=1e-5, abs=1e-3)
    assert apart.objective["cost_eur"] == pytest.approx(
        together.objective["cost_eur"], rel=1e-5, abs=1e-2)


def test_unmet_is_whole_only_when_the_flows_are():
    pi = instance({"A": 3, "B": 5}, budget=5000)
    assert unmet_is_integral(pi)
    assert not unmet_is_integral(replace(pi, needs=[Need("A", GROUP, "home", 2.5)]))
    assert not unmet_is_integral(replace(pi, group_weights={GROUP: 1.5}))
    assert not unmet_is_integral(replace(pi, equity_floor=0.5))
    assert not unmet_is_integral(replace(pi, services=[home(clients_per_place=1.5)]))
    halves = replace(pi, services=[home(), day(clients_per_place=0.5)],
                     capacity=[Capacity("A", "day", 3)])
    assert not unmet_is_integral(halves)
    mentors = replace(pi, mentor=MentorNorm(groups=[GROUP]))
    assert unmet_is_integral(mentors)
    paid = replace(mentors, budgets=[RegionBudget("R", 5000, running_eur_per_year=9000)])
    assert not unmet_is_integral(paid)


def test_whole_unmet_goal_is_an_integer_variable_of_every_part():
    sol_model = AllocationModel.from_problem_input(instance({"A": 3, "B": 5}, budget=5000))
    assert all(b.goals["unmet"].cat == "Integer" for b in sol_model.blocks())
    weighted = replace(instance({"A": 3, "B": 5}, budget=5000), group_weights={GROUP: 0.5})
    assert all(b.goals["unmet"].cat == "Continuous"
               for b in AllocationModel.from_problem_input(weighted).blocks())


def test_cbc_leaves_no_files_in_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    solve_checked(two_regions(), "cbc")
    assert list(tmp_path.iterdir()) == []



def test_later_stages_find_the_short_trip(solver):
    # Found by hypothesis: one home place at m1 (R1) serves m3 (0 km) rather than m2 (1 km).
    # HiGHS 1.16 started from stage 1's plan kept the 1 km trip; later stages get no start.
    munis = [Municipality("m0", "M0", "R2"), Municipality("m1", "M1", "R1"),
             Municipality("m2", "M2", "R1", False), Municipality("m3", "M3", "R1", False)]
    km = {(a, b): 0.0 if {a, b} in ({"m0", "m2"}, {"m1", "m3"}) else 1.0
          for a in ("m0", "m1", "m2", "m3") for b in ("m0", "m1", "m2", "m3") if a != b}
    pi = ProblemInput(
        municipalities=munis, groups=[GROUP], services=[home(max_places=4), day(min_places=1)],
        needs=[Need("m1", GROUP, "day", 1.0), Need("m2", GROUP, "home", 1.0),
               Need("m3", GROUP, "home", 10.0), Need("m3", GROUP, "day", 1.0)],
        distances=km, capacity=[Capacity("m1", "day", 1.0), Capacity("m3", "day", 1.0)],
        budgets=[RegionBudget("R1", 1000.0), RegionBudget("R2", 0.0)])
    sol = solve_checked(pi, solver)
    assert sol.totals["unmet_clients"] == pytest.approx(10)
    assert sol.totals["distance_km_weighted"] == pytest.approx(0)
