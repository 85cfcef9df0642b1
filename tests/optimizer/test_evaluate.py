"""Given decisions: fixed sites in the model, a given plan evaluated, the smallest change.

Hand-worked instances on two municipalities A and B, 10 km apart, one planning region.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from optimizer.checker import check_solution
from optimizer.errors import InfeasibleError, InputError
from optimizer.evaluate import as_given, evaluate_plan, smallest_change
from optimizer.formulation import AllocationModel
from optimizer.greedy import greedy_solution
from optimizer.problem import (
    FixedSite,
    Municipality,
    Need,
    ProblemInput,
    RegionBudget,
    ServiceNorm,
)

HOME = ServiceNorm("home", "Home", "residential", ["g"], investment_per_place=1000,
                   investment_per_facility=5000, min_places=2, max_places=10)
DAY = ServiceNorm("day", "Day centre", "day", ["g"], investment_per_place=500,
                  min_places=2, max_places=20, max_travel_km=5)


def two_towns(*needs: Need, budget: float | None = None, **kwargs) -> ProblemInput:
    return ProblemInput(
        municipalities=[Municipality("A", "Alpha", "R"), Municipality("B", "Beta", "R")],
        groups=["g"], services=[HOME, DAY], needs=list(needs),
        distances={("A", "B"): 10.0, ("B", "A"): 10.0},
        budgets=[RegionBudget("R", investment_eur=budget)], **kwargs)


# ---------------------------------------------------------------- the fixed-decision feature
def test_fixed_site_holds_where_the_optimizer_would_build_elsewhere():
    """Need only in B; a fixed home in A is built all the same (and spends the budget), and
    B's clients use it."""
    pi = two_towns(Need("B", "g", "home", 4), budget=9000,
                   fixed_sites=[FixedSite("A", "home", 4, 1)])
    sol = AllocationModel.from_problem_input(pi).solve()
    assert sol.places() == {("A", "home"): 4}
    assert sol.totals["investment_eur"] == pytest.approx(4 * 1000 + 5000)
    assert sol.totals["distance_km_weighted"] == pytest.approx(40.0)
    assert check_solution(pi, sol) == []


def test_fixed_site_outside_the_size_range_is_taken_as_given():
    """12 places in one home (norm 2-10): the plan is a fact, the model keeps it."""
    pi = two_towns(Need("A", "g", "home", 12), fixed_sites=[FixedSite("A", "home", 12, 1)],
                   fixed_only=True)
    sol = AllocationModel.from_problem_input(pi).solve()
    assert sol.places() == {("A", "home"): 12}
    assert sol.totals["unmet_clients"] == 0
    assert check_solution(pi, sol) == []


def test_fixed_only_builds_nothing_else_and_names_the_cause():
    pi = two_towns(Need("A", "g", "home", 3), Need("B", "g", "home", 5),
                   Need("B", "g", "day", 2), fixed_sites=[FixedSite("A", "home", 4, 1)],
                   fixed_only=True)
    sol = AllocationModel.from_problem_input(pi).solve()
    assert sol.places() == {("A", "home"): 4}
    causes = {(r.municipality, r.service): (r.cause, r.unmet) for r in sol.unmet.itertuples()}
    assert causes == {("B", "home"): ("plan_full", 4.0), ("B", "day"): ("plan_no_site", 2.0)}
    assert check_solution(pi, sol) == []


def test_fixed_sites_round_trip_as_json():
    pi = two_towns(Need("A", "g", "home", 3), fixed_sites=[FixedSite("A", "home", 4, 1)],
                   fixed_only=True)
    assert ProblemInput.from_json(pi.to_json()) == pi


@pytest.mark.parametrize("site,message", [
    (FixedSite("Z", "home", 4, 1), "unknown municipality 'Z'"),
    (FixedSite("A", "spa", 4, 1), "unknown service 'spa'"),
    (FixedSite("A", "home", 4, 0), "0 facilities for 4 places"),
    (FixedSite("A", "home", 2, 3), "3 facilities for 2 places"),
    (FixedSite("A", "home", 2.5, 1), "2.5 is not a whole number"),
])
def test_bad_fixed_sites_are_refused_with_their_place(site, message):
    with pytest.raises(InputError, match=message):
        two_towns(Need("A", "g", "home", 3), fixed_sites=[site]).validate()


def test_fixed_site_where_building_is_not_allowed_is_refused():
    pi = two_towns(Need("A", "g", "home", 3), fixed_sites=[FixedSite("A", "home", 4, 1)])
    out = replace(pi, municipalities=[replace(pi.municipalities[0], participating=False),
                                      pi.municipalities[1]])
    with pytest.raises(InputError, match="does not participate"):
        out.validate()


def test_greedy_refuses_given_decisions():
    pi = two_towns(Need("A", "g", "home", 3), fixed_sites=[FixedSite("A", "home", 4, 1)])
    with pytest.raises(InputError, match="greedy"):
        greedy_solution(pi)


# ---------------------------------------------------------------- evaluating a plan
def test_evaluated_plan_is_not_held_to_the_budget():
    """A plan costing 9,000 EUR against a budget of 1,000: evaluated as it is."""
    pi = two_towns(Need("A", "g", "home", 3), budget=1000)
    sol = evaluate_plan(pi, [FixedSite("A", "home", 4, 1)])
    assert sol.totals["served_clients"] == 3
    assert sol.totals["investment_eur"] == pytest.approx(9000)
    assert check_solution(as_given(pi, [FixedSite("A", "home", 4, 1)]), sol) == []


# ---------------------------------------------------------------- the smallest change
def test_smallest_change_adds_the_fewest_places_nearest_home():
    """A 4-place home in A serves A's 3 and one of B's 5: serving all needs 4 places more,
    best in B (then only one client of B lives 10 km from home)."""
    pi = two_towns(Need("A", "g", "home", 3), Need("B", "g", "home", 5))
    plan = [FixedSite("A", "home", 4, 1)]
    assert evaluate_plan(pi, plan).totals["unmet_clients"] == 4
    change = smallest_change(pi, plan, unmet_at_most=0)
    assert (change.added, change.removed, change.moved) == (4, 0, 0)
    assert change.changes.to_dict("records") == [
        {"municipality": "B", "service": "home", "places_before": 0, "places_after": 4,
         "facilities_before": 0, "facilities_after": 1}]
    assert change.solution.totals["unmet_clients"] == 0
    assert change.solution.totals["distance_km_weighted"] == pytest.approx(10.0)
    assert check_solution(pi, change.solution) == []


def test_smallest_change_moves_places_when_the_money_is_spent():
    """Day places in A, clients in B beyond the 5 km reach, budget for 4 places only: the
    plan serves nobody, and the four places must move to B."""
    pi = two_towns(Need("B", "g", "day", 4), budget=2000)
    plan = [FixedSite("A", "day", 4, 1)]
    given = evaluate_plan(pi, plan)
    assert given.totals["served_clients"] == 0
    assert set(given.unmet["cause"]) == {"plan_no_site"}
    change = smallest_change(pi, plan, unmet_at_most=0)
    assert (change.added, change.removed, change.moved) == (4, 4, 4)
    assert change.solution.places() == {("B", "day"): 4}
    assert check_solution(pi, change.solution) == []


def test_smallest_change_that_cannot_reach_the_target_says_so():
    pi = two_towns(Need("B", "g", "day", 4), budget=1000)
    with pytest.raises(InfeasibleError, match="no change of the plan"):
        smallest_change(pi, [FixedSite("A", "day", 4, 1)], unmet_at_most=0)
