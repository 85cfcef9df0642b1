"""Hand-worked instances of the phasing model: lead times, yearly budgets, closures."""

from __future__ import annotations

import pandas as pd
import pytest

from optimizer.errors import InfeasibleError, InputError
from optimizer.phasing import Branch, PhasingInput, Project, phase


def project(pid: str, service: str = "group_home", *, investment: float = 100.0,
            clients: float = 10.0, leavers: float = 0.0, branches: dict | None = None,
            region: str = "Kurzeme") -> Project:
    return Project(pid, region, "0005000", service, places=clients, investment_eur=investment,
                   running_eur_per_year=50.0, clients=clients, leavers=leavers,
                   branches=branches or {})


def horizon(projects: list[Project], *, lead: dict | None = None, budgets: dict | None = None,
            branches: list[Branch] | None = None, first: int = 2026, last: int = 2030
            ) -> PhasingInput:
    return PhasingInput(first, last, projects, lead or {"group_home": 2, "day_care_adults": 1},
                        budgets or {}, branches or [])


def opens(plan) -> dict[str, int | None]:
    years = plan.projects.set_index("id")["open_year"]
    return {pid: None if pd.isna(year) else int(year) for pid, year in years.items()}


def test_a_lead_time_delays_the_opening():
    plan = phase(horizon([project("home"), project("day", "day_care_adults")]))
    assert opens(plan) == {"home": 2028, "day": 2027}
    years = plan.years.set_index("year")
    assert years.loc[2027, "places_open"] == 10 and years.loc[2028, "places_open"] == 20


def test_a_project_whose_lead_time_is_longer_than_the_horizon_opens_after_it():
    plan = phase(horizon([project("home")], first=2026, last=2027))
    assert opens(plan) == {"home": None}
    assert plan.years["places_open"].max() == 0


@pytest.mark.parametrize("solver", ["highs", "cbc"])
def test_a_yearly_budget_moves_a_facility_to_a_later_year_and_the_larger_comes_first(solver):
    small, large = project("small", clients=6), project("large", clients=16)
    budgets = {"Kurzeme": [100.0, 0.0, 100.0, 0.0, 0.0]}
    plan = phase(horizon([small, large], lead={"group_home": 1}, budgets=budgets), solver)
    assert opens(plan) == {"large": 2027, "small": 2029}
    spent = plan.years.set_index("year")["investment_eur"]
    assert spent.to_dict() == {2026: 100.0, 2027: 0.0, 2028: 100.0, 2029: 0.0, 2030: 0.0}


def test_unspent_money_carries_over_to_later_years():
    budgets = {"Kurzeme": [50.0, 50.0, 0.0, 0.0, 0.0]}
    plan = phase(horizon([project("home")], lead={"group_home": 0}, budgets=budgets))
    assert opens(plan) == {"home": 2027}  # 50 + 50 by the end of 2027


def test_investment_is_spread_over_the_lead_time():
    plan = phase(horizon([project("home", investment=90.0)], lead={"group_home": 3}))
    spent = plan.years.set_index("year")["investment_eur"]
    assert spent.loc[[2026, 2027, 2028]].tolist() == pytest.approx([30.0, 30.0, 30.0])
    assert opens(plan) == {"home": 2029}


def test_leavers_move_first_when_money_allows_one_home_a_year():
    others, leavers = project("others", clients=12), project("leavers", clients=8, leavers=8)
    budgets = {"Kurzeme": [100.0, 100.0, 0.0, 0.0, 0.0]}
    plan = phase(horizon([others, leavers], lead={"group_home": 1}, budgets=budgets))
    assert opens(plan) == {"leavers": 2027, "others": 2028}


def test_a_branch_closes_only_when_every_home_of_its_residents_is_open():
    branch = Branch("dundaga", "Kurzeme", residents=10, placed_in_plan=10)
    homes = [project("a", leavers=6, branches={"dundaga": 6}),
             project("b", "day_care_adults", leavers=4, branches={"dundaga": 4})]
    plan = phase(horizon(homes, branches=[branch]))
    row = plan.branches.set_index("branch").loc["dundaga"]
    assert row["closure_year"] == 2028 and row["reason"] == ""
    assert [row[y] for y in (2026, 2027, 2028)] == [10, 6, 0]


def test_continued_admissions_refill_the_branch_and_it_does_not_close():
    branch = Branch("dundaga", "Kurzeme", residents=10, placed_in_plan=10,
                    admissions_per_year=3)
    plan = phase(horizon([project("a", leavers=10, branches={"dundaga": 10})],
                         branches=[branch]))
    row = plan.branches.set_index("branch").loc["dundaga"]
    assert pd.isna(row["closure_year"]) and row["reason"] == "admissions"
    assert [row[y] for y in (2027, 2028, 2029, 2030)] == [10, 3, 6, 9]  # 10 move, 3 a year in


def test_a_branch_whose_residents_the_plan_does_not_all_house_stays_open():
    branch = Branch("iļģi", "Kurzeme", residents=40, placed_in_plan=10)
    plan = phase(horizon([project("a", leavers=10, branches={"iļģi": 10})], branches=[branch]))
    row = plan.branches.set_index("branch").loc["iļģi"]
    assert row["reason"] == "not_housed" and row[2030] == 30


def test_closing_one_branch_comes_before_half_of_two():
    """One home a year: both homes of one branch first (it closes in 2028), not one of each
    (both would close only in 2029 and 2030)."""
    a, b = (Branch(n, "Kurzeme", residents=10, placed_in_plan=10) for n in ("A", "B"))
    homes = [project(f"{n.lower()}{k}", leavers=5, branches={n: 5})
             for n in ("A", "B") for k in (1, 2)]
    budgets = {"Kurzeme": [100.0] * 5}
    plan = phase(horizon(homes, lead={"group_home": 1}, budgets=budgets, branches=[a, b]))
    assert sorted(plan.branches["closure_year"]) == [2028, 2030]


def test_a_fixed_closure_year_moves_its_homes_first():
    """One home a year: B's larger home opens first unless A's closure is fixed in 2027."""
    homes = [project("a", clients=10, leavers=10, branches={"A": 10}),
             project("b", clients=20, leavers=20, branches={"B": 20})]
    budgets = {"Kurzeme": [100.0] * 5}
    b = Branch("B", "Kurzeme", residents=20, placed_in_plan=20)
    a_free = Branch("A", "Kurzeme", residents=10, placed_in_plan=10)
    a_fixed = Branch("A", "Kurzeme", residents=10, placed_in_plan=10, closure_year=2027)
    free = phase(horizon(homes, lead={"group_home": 1}, budgets=budgets, branches=[a_free, b]))
    fixed = phase(horizon(homes, lead={"group_home": 1}, budgets=budgets, branches=[a_fixed, b]))
    assert opens(free) == {"a": 2028, "b": 2027}
    assert opens(fixed) == {"a": 2027, "b": 2028}


def test_a_closure_year_that_cannot_be_met_is_refused_with_the_branch():
    branch = Branch("dundaga", "Kurzeme", residents=10, placed_in_plan=10, closure_year=2027)
    with pytest.raises(InfeasibleError, match="dundaga in 2027"):
        phase(horizon([project("a", leavers=10, branches={"dundaga": 10})], branches=[branch]))


@pytest.mark.parametrize(("change", "field"), [
    ({"first": 2030, "last": 2026}, "last_year"),
    ({"lead": {"group_home": -1}}, "lead_years.group_home"),
    ({"budgets": {"Kurzeme": [1.0, 2.0]}}, "budgets.Kurzeme"),
    ({"budgets": {"Kurzeme": [1.0, float("nan"), 0, 0, 0]}}, "budgets.Kurzeme"),
    ({"branches": [Branch("x", "Kurzeme", 1, closure_year=2020)]}, "branches.x.closure_year"),
])
def test_bad_phasing_input_is_refused_naming_the_field(change, field):
    with pytest.raises(InputError) as err:
        phase(horizon([project("a")], **change))
    assert err.value.field == field


def test_a_closure_fixed_for_a_branch_that_cannot_close_is_refused():
    branch = Branch("iļģi", "Kurzeme", residents=40, placed_in_plan=10, closure_year=2028)
    with pytest.raises(InputError, match="houses 10 of its 40 residents"):
        phase(horizon([project("a", leavers=10, branches={"iļģi": 10})], branches=[branch]))
