"""Home-based support planned by caseload and hours: hand-worked instances."""

from __future__ import annotations

import dataclasses

import pytest

from optimizer import AllocationModel
from optimizer.checker import check_solution
from optimizer.errors import InputError
from optimizer.greedy import greedy_solution
from optimizer.problem import (
    AdaptationNorm,
    DwellingStock,
    HomeServiceNorm,
    Municipality,
    PersonNeed,
    PrioritySettings,
    ProblemInput,
    RegionBudget,
    ServiceNorm,
    StaffLimit,
    StaffNorm,
)

HOUSING_FIRST = HomeServiceNorm(
    "housing_first", "Housing First", ["adults"], hours_per_client_month=0.0,
    staff=[StaffNorm("case_manager", clients_per_staff=10, cost_per_staff_year=20_000),
           StaffNorm("mentor", clients_per_staff=7, cost_per_staff_year=15_000)],
    dwellings_per_client=1.0)
FAMILY_ASSISTANT = HomeServiceNorm(
    "family_assistant", "Family assistant", ["adults"], hours_per_client_month=35,
    hourly_rate=4.5, staff=[StaffNorm("family_assistant", hours_per_staff_month=160)])
GROUP_HOME = ServiceNorm("group_home", "Group home", "residential", ["adults"],
                         investment_per_place=9000, running_cost_per_day=10.0,
                         min_places=6, max_places=16)


def instance(persons: list[PersonNeed], **kwargs) -> ProblemInput:
    return ProblemInput(
        municipalities=[Municipality("A", "Alpha", "R"), Municipality("B", "Beta", "R")],
        groups=["adults"], services=[GROUP_HOME],
        distances={("A", "B"): 10.0, ("B", "A"): 10.0},
        home_services=[HOUSING_FIRST, FAMILY_ASSISTANT], persons=persons, **kwargs)


def solve(pi: ProblemInput):
    sol = AllocationModel.from_problem_input(pi).solve()
    assert check_solution(pi, sol) == []
    return sol


def staff_of(sol, municipality: str, profession: str) -> float:
    rows = sol.home_staff[(sol.home_staff.municipality == municipality)
                          & (sol.home_staff.profession == profession)]
    return float(rows.staff.sum())


def test_caseload_staffing_is_rounded_up():
    # 11 clients: 11/10 case managers -> 2, 11/7 mentors -> 2
    pi = instance([PersonNeed("A", "adults", ["housing_first"], 11)])
    sol = solve(pi)
    assert sol.totals["served_persons"] == 11
    assert staff_of(sol, "A", "case_manager") == 2
    assert staff_of(sol, "A", "mentor") == 2
    row = sol.home_staff[sol.home_staff.profession == "case_manager"].iloc[0]
    assert row.caseload == pytest.approx(5.5)
    assert sol.totals["running_eur_per_year"] == pytest.approx(2 * 20_000 + 2 * 15_000)


def test_hours_staffing_is_rounded_up_and_paid_by_the_hour():
    # 5 families x 35 h = 175 h a month; 160 h per assistant -> 2 assistants
    pi = instance([PersonNeed("B", "adults", ["family_assistant"], 5)])
    sol = solve(pi)
    assert staff_of(sol, "B", "family_assistant") == 2
    home = sol.home.iloc[0]
    assert home.hours_per_month == pytest.approx(175)
    assert sol.totals["running_eur_per_year"] == pytest.approx(175 * 12 * 4.5)


def test_a_staff_limit_binds_while_money_is_left():
    # one case manager in the region serves 10 of the 11; the running budget is far from
    # spent (10 clients cost 20,000 + 2 x 15,000 = 50,000 of 1,000,000)
    pi = instance([PersonNeed("A", "adults", ["housing_first"], 11)],
                  staff_limits=[StaffLimit("R", "case_manager", 1)],
                  budgets=[RegionBudget("R", running_eur_per_year=1_000_000)])
    sol = solve(pi)
    assert sol.totals["served_persons"] == 10
    assert sol.totals["running_eur_per_year"] < 1_000_000 / 2
    assert list(sol.unmet.cause) == ["staff"]
    use = sol.staff_use.set_index("profession").loc["case_manager"]
    assert (use.staff, use.available, use.left, use.binding) == (1, 1, 0, 1)
    lifted = solve(dataclasses.replace(pi, staff_limits=[]))
    assert lifted.totals["served_persons"] == 11


def test_money_binds_when_staff_is_left():
    pi = instance([PersonNeed("A", "adults", ["housing_first"], 11)],
                  staff_limits=[StaffLimit("R", "case_manager", 5)],
                  budgets=[RegionBudget("R", running_eur_per_year=40_000)])
    sol = solve(pi)
    # 40,000 pays one case manager and one mentor: 7 clients (the mentor's caseload)
    assert sol.totals["served_persons"] == 7
    assert set(sol.unmet.cause) == {"running_budget"}
    assert sol.staff_use.binding.sum() == 0


def test_dwellings_cap_housing_first():
    pi = instance([PersonNeed("A", "adults", ["housing_first"], 6)],
                  dwellings=[DwellingStock("A", 4)])
    sol = solve(pi)
    assert sol.totals["served_persons"] == 4
    assert list(sol.unmet.cause) == ["dwellings"]


ADAPT = AdaptationNorm("housing_adaptation", "Housing adaptation", ["group_home"],
                       "family_assistant", ["adults"], investment_per_dwelling=2600,
                       care_levels=["I"])


def test_adaptation_replaces_a_group_home_place_when_cheaper_and_allowed():
    # 6 persons at care level I: a group home of 6 costs 54,000 + 6 x 3,650 a year; six
    # adaptations 15,600 + 6 x 35 h x 12 x 4.5 = 11,340 a year (and 2 assistants)
    persons = [PersonNeed("A", "adults", ["group_home"], 6, care_level="I")]
    sol = solve(instance(persons, adaptations=[ADAPT]))
    assert sol.totals["served_persons"] == 6
    assert sol.totals["new_places"] == 0
    assert float(sol.adaptations.dwellings.sum()) == 6
    assert sol.totals["investment_eur"] == pytest.approx(6 * 2600)
    assert staff_of(sol, "A", "family_assistant") == 2
    assert float(sol.home.adapted.sum()) == 6


def test_adaptation_not_for_persons_who_cannot_stay_at_home():
    persons = [PersonNeed("A", "adults", ["group_home"], 6, care_level="III")]
    sol = solve(instance(persons, adaptations=[ADAPT]))
    assert sol.totals["new_places"] == 6
    assert sol.adaptations.empty


def test_adaptation_not_for_persons_leaving_an_institution():
    persons = [PersonNeed("A", "adults", ["group_home"], 6, priority="leavers",
                          care_level="I"),
               PersonNeed("A", "adults", ["group_home"], 2, priority="waiting_list",
                          care_level="I")]
    ad = dataclasses.replace(ADAPT, priority_classes=["waiting_list"])
    pi = instance(persons, adaptations=[ad],
                  priority=PrioritySettings(order=["leavers", "waiting_list"],
                                            residential_default="leavers",
                                            other_default="waiting_list"))
    sol = solve(pi)
    assert float(sol.adaptations.dwellings.sum()) == 2
    assert sol.totals["new_places"] == 6


def test_adaptation_serves_where_a_group_home_is_beyond_the_money():
    persons = [PersonNeed("A", "adults", ["group_home"], 6, care_level="I")]
    pi = instance(persons, adaptations=[dataclasses.replace(ADAPT, care_levels=[])],
                  budgets=[RegionBudget("R", investment_eur=20_000)])
    sol = solve(pi)
    assert sol.totals["served_persons"] == 6
    assert float(sol.adaptations.dwellings.sum()) == 6


def test_checker_catches_too_few_staff_and_a_broken_staff_limit():
    pi = instance([PersonNeed("A", "adults", ["housing_first"], 11)])
    sol = solve(pi)
    short = dataclasses.replace(sol, home_staff=sol.home_staff.assign(staff=1))
    assert any("case_manager for 11 clients, 2 needed" in p for p in check_solution(pi, short))
    limited = dataclasses.replace(pi, staff_limits=[StaffLimit("R", "mentor", 1)])
    assert any(p.startswith("staff limit R mentor: 2 > 1") for p in check_solution(limited, sol))


def test_greedy_stays_valid_with_home_needs():
    pi = instance([PersonNeed("A", "adults", ["housing_first"], 3),
                   PersonNeed("B", "adults", ["group_home"], 6)])
    sol = greedy_solution(pi)
    assert check_solution(pi, sol) == []


def test_json_round_trip_keeps_home_support():
    pi = instance([PersonNeed("A", "adults", ["housing_first"], 3)], adaptations=[ADAPT],
                  staff_limits=[StaffLimit("R", "mentor", 2)],
                  dwellings=[DwellingStock("A", 3)])
    assert ProblemInput.from_json(pi.to_json()) == pi


def test_a_profession_staffed_two_ways_is_refused():
    both = dataclasses.replace(HOUSING_FIRST, staff=[StaffNorm("case_manager", 10, 160)])
    pi = dataclasses.replace(instance([]), home_services=[both])
    with pytest.raises(InputError, match=r"home_services\[0\]\.staff\[0\]\.clients_per_staff"):
        pi.validate()


def test_an_unknown_region_in_a_staff_limit_is_refused():
    pi = instance([], staff_limits=[StaffLimit("Nowhere", "mentor", 2)])
    with pytest.raises(InputError, match=r"staff_limits\[0\]\.region"):
        pi.validate()
