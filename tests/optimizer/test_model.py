"""The allocation MILP on small instances whose optimum is worked out by hand."""

from __future__ import annotations

from dataclasses import replace

import pytest

from optimizer.errors import InfeasibleError
from optimizer.formulation import AllocationModel
from optimizer.problem import (
    Capacity,
    ExcludedSite,
    MentorNorm,
    Municipality,
    MunicipalityLimit,
    Need,
    ObjectiveSettings,
    RegionBudget,
    ServiceNorm,
)
from tests.optimizer.conftest import solve_checked
from tests.optimizer.instances import GROUP, day, home, instance, line


def unmet_of(sol, code: str) -> float:
    rows = sol.unmet[sol.unmet.municipality == code]
    return float(rows.unmet.sum())


def cause_of(sol, code: str) -> str:
    return sol.unmet[sol.unmet.municipality == code].cause.iloc[0]


# ---------------------------------------------------------------- synthetic, worked by hand
def test_budget_buys_the_larger_need_first(solver):
    # 5,100 EUR buys one facility (100 EUR) of 5 places at 1,000 EUR: serving B (5) at home
    # beats moving anyone, and two facilities (3 at A, 2 at B) would cost 5,200 EUR.
    pi = instance({"A": 3, "B": 5}, services=[home(investment_per_facility=100.0)], budget=5100)
    sol = solve_checked(pi, solver)
    assert sol.totals["unmet_clients"] == pytest.approx(3)
    assert sol.places() == {("B", "home"): 5}
    assert sol.totals["investment_eur"] == pytest.approx(5100)
    assert sol.totals["distance_km_weighted"] == pytest.approx(0)
    assert cause_of(sol, "A") == "budget"


def test_one_facility_goes_to_the_median(solver):
    # A-B-C 10 km apart, needs 4/4/2, one facility of 10: at B 4*10+2*10 = 60 client-km,
    # at A 80, at C 120.
    pi = instance({"A": 4, "B": 4, "C": 2}, services=[home(max_new_facilities=1)])
    sol = solve_checked(pi, solver)
    assert sol.totals["unmet_clients"] == pytest.approx(0)
    assert sol.places() == {("B", "home"): 10}
    assert sol.totals["distance_km_weighted"] == pytest.approx(60)


def test_minimum_size_is_built_even_for_fewer_clients():
    pi = instance({"A": 3}, services=[home(min_places=7)], budget=7000)
    sol = solve_checked(pi)
    assert sol.places() == {("A", "home"): 7}
    assert sol.totals["unmet_clients"] == pytest.approx(0)
    short = solve_checked(replace(pi, budgets=[RegionBudget("R", investment_eur=6999)]))
    assert short.totals["unmet_clients"] == pytest.approx(3)
    assert cause_of(short, "A") == "budget"


def test_cost_contingency_raises_the_price_of_a_place():
    # +50 %: 1,500 EUR a place, 9,000 EUR buys 6 of the 10 needed.
    sol = solve_checked(instance({"A": 10}, budget=9000, cost_contingency=0.5))
    assert sol.totals["new_places"] == 6
    assert sol.totals["unmet_clients"] == pytest.approx(4)
    assert sol.totals["investment_eur"] == pytest.approx(9000)


def test_existing_places_are_used_before_building():
    pi = instance({"A": 3, "B": 2}, budget=0, capacity=[Capacity("B", "home", 5)])
    sol = solve_checked(pi)
    assert sol.totals["unmet_clients"] == pytest.approx(0)
    assert sol.totals["new_places"] == 0
    assert sol.totals["distance_km_weighted"] == pytest.approx(3 * 10)


def test_day_service_only_within_reach_and_not_in_non_participating():
    munis, km = line("ABC", step_km=20)
    munis[0] = replace(munis[0], participating=False)
    pi = instance({"A": 4}, services=[day()], codes="ABC")
    pi = replace(pi, municipalities=munis, distances=km)
    sol = solve_checked(pi)
    # A may not host it; B is 20 km away (reach 30), C 40 km.
    assert sol.places() == {("B", "day"): 4}
    assert sol.totals["distance_km_weighted"] == pytest.approx(80)
    munis[1] = replace(munis[1], participating=False)
    sol = solve_checked(replace(pi, municipalities=munis))
    assert sol.totals["unmet_clients"] == pytest.approx(4)
    assert cause_of(sol, "A") == "non_participating"
    assert "30 km" in sol.unmet.cause_detail.iloc[0]


def test_excluded_sites_and_reach_are_named_causes():
    munis, km = line("ABC", step_km=20)
    pi = instance({"A": 4}, services=[day()], codes="ABC")
    pi = replace(pi, distances=km, excluded_sites=[ExcludedSite("A", "day"),
                                                   ExcludedSite("B", "day")])
    sol = solve_checked(pi)
    assert cause_of(sol, "A") == "excluded_site"
    assert sol.unmet.cause_detail.iloc[0].endswith("nearest possible site C at 40 km")


def test_facility_cap_and_municipality_limit_bind():
    capped = instance({"A": 8, "B": 8}, services=[home(max_new_facilities=1)])
    sol = solve_checked(capped)
    assert sol.totals["new_places"] == 10
    assert sol.totals["unmet_clients"] == pytest.approx(6)
    assert set(sol.unmet.cause) == {"facility_cap"}
    munis, km = line("AB")
    limited = replace(instance({"A": 5}, codes="AB"),
                      municipalities=[replace(munis[0], participating=False), munis[1]],
                      municipality_limits=[MunicipalityLimit("B", max_new_places=3)])
    sol = solve_checked(limited)
    assert sol.places() == {("B", "home"): 3}
    assert cause_of(sol, "A") == "municipality_limit"


def test_staff_limit_caps_places():
    pi = instance({"A": 10}, services=[home(staff_per_facility=1, staff_per_place=0.5)],
                  municipality_limits=[MunicipalityLimit("A", max_new_staff=3)])
    sol = solve_checked(pi)
    # 1 + 0.5 * y <= 3  ->  y <= 4
    assert sol.totals["new_places"] == 4
    assert sol.totals["staff"] == pytest.approx(3)


def test_running_budget_limits_new_places():
    # 10 EUR/day * 365 = 3,650 EUR per place-year; 10,000 EUR/year pays for 2 places.
    pi = instance({"A": 5}, services=[home(running_cost_per_day=10.0)])
    pi = replace(pi, budgets=[RegionBudget("R", running_eur_per_year=10_000)])
    sol = solve_checked(pi)
    assert sol.totals["new_places"] == 2
    assert sol.totals["running_eur_per_year"] == pytest.approx(7300)
    assert cause_of(sol, "A") == "running_budget"


def test_mentors_count_persons_not_service_uses():
    # The same 6 persons need a home and a day centre: 6 mentor clients, 2 mentors,
    # 20 h a month (care level I, with family) * 12 * 5 EUR = 1,200 EUR a year each.
    pi = instance({"A": 6}, services=[home(), day()], mentor=MentorNorm(groups=[GROUP]))
    pi = replace(pi, needs=[Need("A", GROUP, "home", 6, "I"), Need("A", GROUP, "day", 6, "I")])
    sol = solve_checked(pi)
    row = sol.municipalities.set_index("municipality").loc["A"]
    assert row.mentor_clients == pytest.approx(6)
    assert row.mentors == 2
    assert row.mentor_eur_per_year == pytest.approx(7200)


def test_erdf_and_cofinancing_per_municipality():
    sol = solve_checked(instance({"A": 4}, budget=None, erdf_share=0.85))
    row = sol.municipalities.set_index("municipality").loc["A"]
    assert row.erdf_eur == pytest.approx(3400)
    assert row.cofinancing_eur == pytest.approx(600)


def test_priority_weights_decide_who_is_served():
    youth = ServiceNorm("youth_house", "Youth house", "residential", ["youth"],
                        investment_per_place=1000, min_places=1, max_places=10)
    pi = instance({"A": 5}, services=[home(), youth], budget=5000)
    pi = replace(pi, groups=[GROUP, "youth"],
                 needs=[Need("A", GROUP, "home", 5), Need("A", "youth", "youth_house", 5)],
                 group_weights={"youth": 2.0})
    sol = solve_checked(pi)
    assert sol.places() == {("A", "youth_house"): 5}
    assert sol.totals["unmet_weighted"] == pytest.approx(5)


def test_weighted_objective_trades_distance_for_cost():
    # One client at A; a place at A costs 1,000 EUR, B has a free place 10 km away.
    # Weighted with 10 EUR per client-km: moving costs 100 < 1,000, so the client moves.
    pi = instance({"A": 1}, codes="AB", capacity=[Capacity("B", "home", 1)],
                  objective=ObjectiveSettings(kind="weighted", distance_weight=10.0))
    sol = solve_checked(pi)
    assert sol.totals["new_places"] == 0
    assert sol.totals["distance_km_weighted"] == pytest.approx(10)
    # Lexicographic puts distance before cost: it builds at home.
    lex = solve_checked(replace(pi, objective=ObjectiveSettings()))
    assert lex.places() == {("A", "home"): 1}


def test_only_allowed_variables_are_created():
    munis, km = line("ABC", step_km=20)
    pi = instance({"A": 4}, services=[day()], codes="ABC",
                  capacity=[Capacity("B", "day", 2), Capacity("C", "day", 2)])
    model = AllocationModel.from_problem_input(replace(pi, distances=km))
    assert {(i, j) for (i, j, _g, _s) in model.x} == {("A", "A"), ("A", "B")}


# ---------------------------------------------------------------- redundant candidate sites
def sites_of(pi) -> list[str]:
    return [j for (j, _s) in AllocationModel.from_problem_input(pi).index.new_sites]


def test_a_site_no_nearer_to_anyone_than_another_is_left_out():
    # Only A has clients: whatever a plan builds at B or C (10, 20 km away) does as well at A.
    assert sites_of(instance({"A": 4}, services=[day()], codes="ABC")) == ["A"]


def test_existing_places_keep_a_site():
    pi = instance({"A": 4}, services=[day()], codes="ABC", capacity=[Capacity("C", "day", 1)])
    assert sites_of(pi) == ["A", "C"]


def test_a_site_with_limits_leaves_no_other_out():
    # A may get 3 new places: B stays for the fourth client, C (farther than B) goes.
    pi = instance({"A": 4}, services=[day()], codes="ABC",
                  municipality_limits=[MunicipalityLimit("A", max_new_places=3)])
    assert sites_of(pi) == ["A", "B"]
    sol = solve_checked(pi)
    assert sol.totals["unmet_clients"] == 0
    assert sol.places() == {("A", "day"): 3, ("B", "day"): 2}  # B: a least-size centre


def test_of_sites_equally_far_from_everyone_one_stays():
    pi = instance({"A": 4}, services=[day()], codes="ABC")
    munis = [replace(m, participating=m.code != "A") for m in pi.municipalities]
    km = {**pi.distances, ("A", "C"): 10.0, ("C", "A"): 10.0}
    assert sites_of(replace(pi, municipalities=munis, distances=km)) == ["B"]


def test_a_site_of_another_region_is_kept():
    munis, km = line("AB")
    pi = replace(instance({"A": 4}, services=[day()], codes="AB", cross_region_flows=True),
                 municipalities=[munis[0], replace(munis[1], region="S")], distances=km,
                 budgets=[RegionBudget("R", investment_eur=0), RegionBudget("S", 10_000)])
    assert sites_of(pi) == ["A", "B"]
    assert solve_checked(pi).places() == {("B", "day"): 4}


def test_budget_can_be_changed_in_place_and_solved_again():
    model = AllocationModel.from_problem_input(instance({"A": 3, "B": 5}, budget=5000))
    assert model.solve().totals["unmet_clients"] == pytest.approx(3)
    model.set_investment_budget("R", 8000)
    assert model.solve().totals["unmet_clients"] == pytest.approx(0)


# ---------------------------------------------------------------- errors
@pytest.fixture
def equity_too_expensive():
    return ("equity floor 50% needs at least 10,000 EUR of investment in region R "
            "but its budget is 8,000 EUR")


def test_equity_floor_the_budget_cannot_pay_names_the_numbers(equity_too_expensive, solver):
    pi = instance({"A": 10, "B": 10}, budget=8000, equity_floor=0.5)
    with pytest.raises(InfeasibleError, match=equity_too_expensive) as err:
        AllocationModel.from_problem_input(pi).solve(solver)
    assert err.value.cause == "budgets"


def test_equity_floor_out_of_reach_is_refused_before_solving():
    munis, km = line("AB", step_km=50)
    pi = instance({"A": 4}, services=[day()], codes="AB", equity_floor=0.5)
    pi = replace(pi, municipalities=[replace(munis[0], participating=False), munis[1]],
                 distances=km)
    with pytest.raises(InfeasibleError, match=r"MA \(A\).*only 0 of them"):
        AllocationModel.from_problem_input(pi)


def test_equity_floor_against_municipality_limits():
    pi = instance({"A": 10}, equity_floor=0.5,
                  municipality_limits=[MunicipalityLimit("A", max_new_places=2)])
    with pytest.raises(InfeasibleError, match="per-municipality limits"):
        AllocationModel.from_problem_input(pi).solve()


def test_time_limit_returns_best_solution_with_status():
    sol = solve_checked(instance({"A": 4, "B": 4, "C": 2}), time_limit=30)
    assert sol.status == "optimal"
    assert sol.gap is not None and sol.gap <= 1e-4
    assert [st["goal"] for st in sol.stages] == ["unmet", "distance", "cost"]


def test_municipalities_in_another_region_are_not_sites():
    pi = instance({"A": 3}, codes="AB")
    pi = replace(pi, municipalities=[pi.municipalities[0],
                                     Municipality("B", "MB", "R2")],
                 budgets=[RegionBudget("R", 0), RegionBudget("R2", 10_000)])
    assert solve_checked(pi).totals["unmet_clients"] == pytest.approx(3)
    assert solve_checked(replace(pi, cross_region_flows=True)).totals["unmet_clients"] == 0


def test_a_builder_adds_its_rows_once():
    model = AllocationModel.from_problem_input(instance({"A": 3, "B": 5}, budget=5000))
    rows = model.prob.numConstraints()
    with pytest.raises(RuntimeError, match="capacity has already added its rows"):
        model.capacity()
    assert model.prob.numConstraints() == rows


def test_a_viable_facility_holds_whole_persons():
    # B's 9 persons have 8 places at home; the money builds one house of 6 places, at A (at B
    # the new places would be filled after the 8 existing ones: 12.2 clients, more than 12).
    # Filled to 70 % it needs 4.2 clients: A's 3 and 1.2 of B's would do for the occupancy
    # row, but persons are whole: 2 of B's come (20 km), 7 stay in B's places.
    house = home(id="house", min_places=6, max_places=6)
    pi = replace(instance({"A": 3, "B": 9}, services=[house], budget=6000,
                          capacity=[Capacity("B", "house", 8)]), min_occupancy=0.7)
    sol = solve_checked(pi)
    flows = {(f.origin, f.site): f.clients for f in sol.flows.itertuples()}
    assert flows == {("A", "A"): 3, ("B", "A"): 2, ("B", "B"): 7}
