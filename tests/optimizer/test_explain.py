"""Explanations: binding limits, what more money, places and staff buy."""

from __future__ import annotations

import pytest

from optimizer.checker import check_solution
from optimizer.explain import explain
from optimizer.formulation import AllocationModel
from optimizer.problem import MunicipalityLimit
from optimizer.solution import build_solution
from tests.optimizer.conftest import solve_checked
from tests.optimizer.instances import GROUP, home, instance


def test_budget_binds_and_more_money_buys_places():
    pi = instance({"A": 3, "B": 5}, budget=5000)
    why = explain(pi, solve_checked(pi), extra_eur=2000)
    assert [(b.kind, b.place) for b in why.binding] == [("investment_budget", "R")]
    (money,) = why.next_money
    assert (money.places_added, money.unmet_removed) == (2, pytest.approx(2))
    assert "2,000 EUR more for R would buy +2 places and serve 2.0 more clients." \
        in why.sentences()


def test_place_values_point_at_sites_whose_growth_serves_unmet_need():
    # B's 5 places are full and A's 3 clients could use B's home: each extra place at B
    # serves one more client.
    pi = instance({"A": 3, "B": 5}, budget=5000)
    values = explain(pi, solve_checked(pi)).place_values
    assert values and values[0].unmet_removed_per_place == pytest.approx(1)


def test_unused_money_is_said_to_buy_nothing():
    pi = instance({"A": 3}, budget=50_000)
    why = explain(pi, solve_checked(pi))
    assert why.binding == []
    assert why.next_money[0].unmet_removed == pytest.approx(0)
    assert "money is not what limits it" in why.next_money[0].sentence


def test_one_more_staff_member_where_the_staff_limit_binds():
    pi = instance({"A": 10}, services=[home(staff_per_facility=1, staff_per_place=0.5)],
                  municipality_limits=[MunicipalityLimit("A", max_new_staff=3)])
    why = explain(pi, solve_checked(pi))
    assert [b.kind for b in why.binding] == ["municipality_limit"]
    (staff,) = why.staff_values
    assert (staff.places_added, staff.unmet_removed) == (2, pytest.approx(2))


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
