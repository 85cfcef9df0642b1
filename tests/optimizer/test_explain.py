"""Explanations: binding limits, what more money, places and staff buy."""

from __future__ import annotations

from dataclasses import replace

import pytest

from optimizer.checker import check_solution
from optimizer.explain import explain
from optimizer.formulation import AllocationModel
from optimizer.problem import Capacity, MunicipalityLimit, PersonNeed
from optimizer.solution import build_solution
from tests.optimizer.conftest import solve_checked
from tests.optimizer.instances import GROUP, day, home, instance


def test_budget_binds_and_more_money_buys_places():
    pi = instance({"A": 3, "B": 5}, budget=5000)
    why = explain(pi, solve_checked(pi), extra_eur=2000)
    assert [(b.kind, b.place) for b in why.binding] == [("investment_budget", "R")]
    (money,) = why.next_money
    assert (money.places_added, money.persons_served, money.exact) == (2, pytest.approx(2), True)
    assert "2,000 EUR more for R would add 2 places and serve 2 more persons." \
        in why.sentences()


def test_place_values_point_at_sites_whose_growth_serves_unmet_need():
    # B's 5 places are full and A's 3 clients could use B's home: each extra place at B
    # serves one more client.
    pi = instance({"A": 3, "B": 5}, budget=5000)
    values = explain(pi, solve_checked(pi)).place_values
    assert values and values[0].persons_served == pytest.approx(1)


def test_unused_money_is_said_to_buy_nothing():
    pi = instance({"A": 3}, budget=50_000)
    why = explain(pi, solve_checked(pi))
    assert why.binding == []
    assert why.next_money[0].persons_served == pytest.approx(0)
    assert why.next_money[0].sentence == "100,000 EUR more for R would serve no more persons."


def test_one_more_staff_member_where_the_staff_limit_binds():
    pi = instance({"A": 10}, services=[home(staff_per_facility=1, staff_per_place=0.5)],
                  municipality_limits=[MunicipalityLimit("A", max_new_staff=3)])
    why = explain(pi, solve_checked(pi))
    assert [b.kind for b in why.binding] == ["municipality_limit"]
    (staff,) = why.staff_values
    assert (staff.places_added, staff.persons_served) == (2, pytest.approx(2))


def test_place_values_look_at_a_plan_built_where_the_model_would_not_build():
    # The MILP leaves B out (A is nearer to all of A's clients); a plan from elsewhere (the
    # greedy baseline, an older run) that built at B is still explained at B.
    pi = instance({"A": 5, "B": 0}, budget=3000)
    assert ("B", "home") not in AllocationModel.from_problem_input(pi).y
    plan = build_solution(pi, places={("B", "home"): 3}, facilities={("B", "home"): 1},
                          flows={("A", "B", GROUP, "home"): 3}, status="heuristic",
                          solver="-", method="greedy", seconds=0.0, gap=None)
    assert not check_solution(pi, plan)
    values = explain(pi, plan).place_values
    assert ("B", "home") in {(v.municipality, v.service) for v in values}


def test_a_place_value_is_what_a_re_solve_with_one_more_place_serves():
    # A respite place serves 12 clients a year. B's 30 persons have 24 places' worth in B and
    # any left in A's 12 once A's own 12 are served: 6 are unserved. The LP dual of a capacity
    # row says 12 per place (the rate, valid for half a place); one more place serves the 6.
    respite = home(id="respite", name="Respite", kind="support", clients_per_place=12.0,
                   min_places=2, max_places=6)
    pi = instance({"A": 12, "B": 30}, services=[respite], budget=0.0,
                  capacity=[Capacity("A", "respite", 1), Capacity("B", "respite", 2)])
    sol = solve_checked(pi)
    assert sol.totals["unserved_persons"] == pytest.approx(6)
    values = explain(pi, sol).place_values
    assert [(v.municipality, round(v.persons_served, 6)) for v in values] == [("A", 6),
                                                                              ("B", 6)]
    assert values[0].sentence == "One more Respite place in MA would serve 6 more persons."


def test_one_more_place_of_one_service_serves_no_one_whose_package_needs_two():
    # Each person needs a home and a day place; homes are full and day places free. The
    # home row's dual nominates it, but a person is served only with both, and both are there.
    pi = instance({"A": 0}, services=[home(), day()], budget=0.0,
                  persons=[PersonNeed("A", GROUP, ("home", "day"), 4)],
                  capacity=[Capacity("A", "home", 3), Capacity("A", "day", 3)])
    sol = solve_checked(pi)
    assert sol.totals["unserved_persons"] == pytest.approx(1)
    assert explain(pi, sol).place_values == []


def test_what_closer_to_family_costs_is_the_cheapest_plan_serving_the_same_persons():
    # A's 3 persons: a home at A (3,000 EUR, 0 km) or B's 3 free places 10 km away (0 EUR).
    pi = replace(instance({"A": 3, "B": 0}, budget=5000), capacity=[Capacity("B", "home", 3)])
    sol = solve_checked(pi)
    (family,) = explain(pi, sol).family
    assert (family.investment_eur, family.cheaper_investment_eur) == (3000, 0)
    assert (family.mean_km, family.cheaper_mean_km) == (0, 10)
    assert family.exact
    cost_first = replace(pi, objective=replace(pi.objective, order=["unmet", "cost", "distance"]))
    assert explain(cost_first, solve_checked(cost_first)).family == []
