"""The greedy baseline on a case where it is worse than the MILP."""

from __future__ import annotations

import pytest

from optimizer.checker import check_solution
from optimizer.greedy import greedy_solution
from optimizer.problem import PersonNeed, PrioritySettings
from tests.optimizer.conftest import solve_checked
from tests.optimizer.instances import GROUP, day, home, instance


def test_greedy_opens_the_biggest_facility_first_and_runs_out_of_money():
    # Needs 10 (A) and 5 + 5 (B, C); 10,000 EUR at 1,000 EUR a place, facilities 5-10.
    # Greedy opens 10 places at A first; the MILP does the same number of clients but the
    # minimum size makes them equal here; with a 9,000 EUR budget greedy builds 9 at A
    # (serving 9), the MILP also serves 9: both serve what the money buys.
    pi = instance({"A": 10, "B": 5, "C": 5}, services=[home(min_places=5)], budget=9000)
    greedy = greedy_solution(pi)
    assert not check_solution(pi, greedy)
    assert greedy.method == "greedy"
    assert greedy.totals["served_clients"] == pytest.approx(9)
    assert solve_checked(pi).totals["served_clients"] == pytest.approx(9)


def test_greedy_adds_the_facility_that_most_reduces_client_km():
    # One facility of 10 places at most; needs 4/4/2 on a line 10 km apart. Every site
    # serves all 10 clients, so the one with fewest client-km wins: B, 60 (A 80, C 120).
    pi = instance({"A": 4, "B": 4, "C": 2}, services=[home(max_new_facilities=1)])
    greedy = greedy_solution(pi)
    assert not check_solution(pi, greedy)
    assert greedy.totals["unmet_clients"] == pytest.approx(0)
    assert list(greedy.sites["municipality"]) == ["B"]
    assert greedy.totals["distance_km_weighted"] == pytest.approx(60)


def test_greedy_opens_more_facilities_while_they_shorten_trips_and_stays_myopic():
    # A p-median with p = 2: 5, 1, 1, 5 clients at 0, 10, 20 and 30 km, no money limit.
    # The best single site is B (160 client-km; C ties, B comes first); given B, D brings
    # it to 60. The optimum, A and D, is 20: greedy never takes back its first choice.
    pi = instance({"A": 5, "B": 1, "C": 1, "D": 5},
                  services=[home(max_new_facilities=2, max_places=12, investment_per_place=0)])
    greedy = greedy_solution(pi)
    assert not check_solution(pi, greedy)
    assert sorted(greedy.sites["municipality"]) == ["B", "D"]
    assert greedy.totals["distance_km_weighted"] == pytest.approx(60)
    assert solve_checked(pi).totals["distance_km_weighted"] == pytest.approx(20)


def test_greedy_serves_the_first_priority_class_first():
    # 2,000 EUR buy homes for A's 2 leavers or day places for 4 of B's 10 on the waiting
    # list; a gain counted in clients alone would take the day places.
    pi = instance({"A": 0}, services=[home(), day(max_travel_km=0.0)], budget=2000,
                  codes="AB",
                  persons=[PersonNeed("A", GROUP, ("home",), 2, priority="leavers"),
                           PersonNeed("B", GROUP, ("day",), 10, priority="waiting")],
                  priority=PrioritySettings(order=["leavers", "waiting"],
                                            residential_default="waiting",
                                            other_default="waiting"))
    plan = greedy_solution(pi)
    assert not check_solution(pi, plan)
    served = plan.persons.set_index("priority")["served"]
    assert (served["leavers"], served["waiting"]) == (2, 0)
