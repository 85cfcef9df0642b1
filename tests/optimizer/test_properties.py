"""Property-based tests over random small instances."""

from __future__ import annotations

import itertools
from dataclasses import replace
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optimizer import index as index_module
from optimizer.checker import check_solution
from optimizer.formulation import AllocationModel
from optimizer.greedy import greedy_solution
from optimizer.problem import Municipality, Need, ProblemInput, RegionBudget
from tests.optimizer.conftest import assert_same_optimum, solve_checked
from tests.optimizer.instances import GROUP, home, random_instances, with_satellites

FAST = settings(max_examples=25, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(random_instances())
def test_every_solution_passes_the_checker(pi):
    solve_checked(pi, "highs")


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_instances(max_munis=4))
def test_cbc_finds_the_same_optimum_as_highs(pi):
    highs = solve_checked(pi, "highs")
    cbc = solve_checked(pi, "cbc")
    for goal in ("unmet_weighted", "distance_km_weighted"):
        assert cbc.objective[goal] == pytest.approx(highs.objective[goal], rel=1e-4, abs=1e-3)


@FAST
@given(with_satellites())
def test_leaving_out_redundant_sites_never_changes_the_optimum(pi):
    pruned = solve_checked(pi, mip_gap=1e-7)
    with mock.patch.object(index_module, "dominated_sites", lambda *args: set()):
        every_site = solve_checked(pi, mip_gap=1e-7)
    assert_same_optimum(pruned, every_site)


@FAST
@given(random_instances(), st.integers(1_000, 40_000))
def test_more_budget_never_increases_unmet_need(pi, extra):
    richer = replace(pi, budgets=[replace(b, investment_eur=b.investment_eur + extra)
                                  for b in pi.budgets])
    before = solve_checked(pi).objective["unmet_weighted"]
    after = solve_checked(richer).objective["unmet_weighted"]
    assert after <= before + 1e-4


@FAST
@given(random_instances())
def test_greedy_is_feasible_and_never_beats_the_model(pi):
    greedy = greedy_solution(pi)
    assert not check_solution(pi, greedy), check_solution(pi, greedy)
    best = AllocationModel.from_problem_input(pi).solve()
    # the lexicographic stages may give back up to 1e-6 relative of the optimum
    assert best.objective["unmet_weighted"] <= greedy.objective["unmet_weighted"] + 1e-4


@st.composite
def p_median_instances(draw):
    n = draw(st.integers(2, 6))
    codes = [f"m{k}" for k in range(n)]
    km = {(a, b): float(draw(st.integers(1, 60))) for a in codes for b in codes if a != b}
    demand = {c: float(draw(st.integers(0, 9))) for c in codes}
    if not any(demand.values()):
        demand[codes[0]] = 1.0
    p = draw(st.integers(1, n))
    return codes, km, demand, p


def brute_force_p_median(codes, km, demand, p) -> float:
    def cost(open_sites):
        return sum(v * min(0.0 if i == j else km[(i, j)] for j in open_sites)
                   for i, v in demand.items())
    return min(cost(sites) for sites in itertools.combinations(codes, p))


@FAST
@given(p_median_instances())
def test_uncapacitated_with_facility_cap_is_the_p_median(case):
    codes, km, demand, p = case
    total = sum(demand.values())
    pi = ProblemInput(
        municipalities=[Municipality(c, c, "R") for c in codes], groups=[GROUP],
        services=[home(min_places=0, max_places=int(total), max_new_facilities=p,
                       investment_per_place=0.0)],
        needs=[Need(c, GROUP, "home", v) for c, v in demand.items() if v],
        distances=km, budgets=[RegionBudget("R")])
    sol = solve_checked(pi, mip_gap=1e-9)
    assert sol.totals["unmet_clients"] == pytest.approx(0)
    assert sol.totals["distance_km_weighted"] == pytest.approx(
        brute_force_p_median(codes, km, demand, p), rel=1e-5, abs=1e-4)


@FAST
@given(random_instances(), st.sampled_from([0.5, 0.7, 1.0]), st.sampled_from([0, 2, 3]))
def test_viable_facilities_hold_in_the_model_and_the_greedy_plan(pi, occupancy, least):
    """Every new facility is filled to the least occupancy after the existing places and
    has the least clients, in the MILP's plan and the greedy one (the checker's rows)."""
    viable = replace(pi, min_occupancy=occupancy, min_clients_per_facility=least)
    solve_checked(viable)
    greedy = greedy_solution(viable)
    assert not check_solution(viable, greedy), check_solution(viable, greedy)
