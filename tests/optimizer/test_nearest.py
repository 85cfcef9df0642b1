"""Flows only to each origin's nearest sites, widened until no client is served far
(``optimizer.index.nearest_sites``): the optimum of the whole model."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optimizer.checker import check_solution
from optimizer.formulation import AllocationModel
from optimizer.index import nearest_sites
from optimizer.problem import Municipality, Need, ProblemInput, RegionBudget
from tests.optimizer.conftest import assert_same_optimum
from tests.optimizer.instances import GROUP, home
from tests.optimizer.test_properties import brute_force_p_median


@st.composite
def located(draw):
    """2-7 municipalities, whole-km distances, a cap of p facilities, sometimes a facility
    smaller than the total need (so capacities bind), sometimes a reach."""
    n = draw(st.integers(2, 7))
    codes = [f"m{k}" for k in range(n)]
    km = {(a, b): float(draw(st.integers(1, 60))) for a in codes for b in codes if a != b}
    demand = {c: float(draw(st.integers(0, 9))) for c in codes}
    demand[codes[0]] = max(demand[codes[0]], 1.0)
    total = int(sum(demand.values()))
    p = draw(st.integers(1, n))
    biggest = draw(st.sampled_from([total, max(1, total // 2)]))
    reach = draw(st.sampled_from([0.0, 40.0]))
    pi = ProblemInput(
        municipalities=[Municipality(c, c, "R") for c in codes], groups=[GROUP],
        services=[home(min_places=1, max_places=biggest, max_new_facilities=p,
                       investment_per_place=0.0, max_travel_km=reach)],
        needs=[Need(c, GROUP, "home", v) for c, v in demand.items() if v],
        distances=km, budgets=[RegionBudget("R")])
    return pi, codes, km, demand, p, biggest == total and reach == 0.0


def solved(pi: ProblemInput, nearest) -> tuple:
    model = AllocationModel.from_problem_input(pi, nearest=nearest)
    sol = model.solve("highs", mip_gap=1e-9)
    assert not check_solution(pi, sol), check_solution(pi, sol)
    return sol, model


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(located())
def test_the_nearest_site_alone_widened_gives_the_whole_models_optimum(case):
    pi, codes, km, demand, p, uncapacitated = case
    narrow, _ = solved(pi, 1)
    whole, _ = solved(pi, None)
    assert_same_optimum(narrow, whole)
    if uncapacitated:
        assert narrow.totals["distance_km_weighted"] == pytest.approx(
            brute_force_p_median(codes, km, demand, p), rel=1e-5, abs=1e-4)


def test_a_first_round_that_serves_far_is_widened():
    """Two towns 10 km apart, one facility: with one site each, the town without the
    facility is served far, so its reach is widened and the model solved again."""
    pi = ProblemInput(
        municipalities=[Municipality("A", "A", "R"), Municipality("B", "B", "R")],
        groups=[GROUP], services=[home(min_places=1, max_places=20, max_new_facilities=1,
                                       investment_per_place=0.0)],
        needs=[Need("A", GROUP, "home", 5.0), Need("B", GROUP, "home", 3.0)],
        distances={("A", "B"): 10.0, ("B", "A"): 10.0}, budgets=[RegionBudget("R")])
    model = AllocationModel.from_problem_input(pi, nearest=1)
    assert set(model.index.far) == {("A", GROUP, "home"), ("B", GROUP, "home")}
    sol = model.solve("highs")
    assert model.wider_reach() == {("A", "home"): 1, ("B", "home"): 2}
    assert sol.totals["distance_km_weighted"] == pytest.approx(30.0)
    assert sol.totals["unmet_clients"] == pytest.approx(0.0)


def test_the_device_needs_distance_as_a_goal_and_no_rows_asking_for_clients():
    pi = ProblemInput(
        municipalities=[Municipality("A", "A", "R")], groups=[GROUP],
        services=[home(max_new_facilities=1)], needs=[Need("A", GROUP, "home", 5.0)])
    assert nearest_sites(pi, 10**6) is not None
    assert nearest_sites(pi, 10) is None
    assert nearest_sites(replace(pi, min_occupancy=0.5), 10**6) is None
    assert nearest_sites(replace(pi, min_clients_per_facility=2), 10**6) is None
    assert nearest_sites(replace(pi, equity_floor=0.5), 10**6) is None
