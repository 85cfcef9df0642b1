"""Result views: coverage, places, budget use, institutions and comparisons of real solves."""

from __future__ import annotations

from dataclasses import replace

import pytest

from optimizer.formulation import AllocationModel
from optimizer.solution import Solution
from planning.domain import results
from planning.domain.inputs import default_inputs
from planning.domain.optimizer_input import problem_from_inputs


def _solve(inputs, label):
    solution = AllocationModel.from_problem_input(problem_from_inputs(inputs)).solve()
    return results.ScenarioResult(label, inputs, solution)


@pytest.fixture(scope="module")
def kurzeme():
    return _solve(default_inputs("Kurzeme"), "base")


@pytest.fixture(scope="module")
def kurzeme_tight():
    inputs = default_inputs("Kurzeme")
    budgets = {r: replace(b, erdf_quota_eur=b.erdf_quota_eur * 0.2)
               for r, b in inputs.budgets.items()}
    return _solve(replace(inputs, budgets=budgets), "budget -80 %")


def test_coverage_is_served_over_need_and_over_eligible(kurzeme):
    cov = results.coverage(kurzeme)
    assert set(cov["planning_region"]) == {"Kurzeme"}
    row = cov[cov["need"] > 0].iloc[0]
    assert row["coverage"] == pytest.approx(row["served"] / row["need"])
    assert row["coverage_of_eligible"] == pytest.approx(row["served"] / row["eligible"])
    assert (cov["coverage_of_eligible"] <= cov["coverage"] + 1e-9).all()


def test_places_table_matches_solution_totals(kurzeme):
    places = results.places_by_municipality_service(kurzeme)
    centres = results.centres(kurzeme)
    assert places["new_places"].sum() == kurzeme.solution.totals["new_places"]
    assert places["investment_eur"].sum() + centres["shared_investment_eur"].sum() == \
        pytest.approx(kurzeme.solution.totals["investment_eur"])
    assert places["name_lv"].notna().all()


def test_tight_budget_binds_and_leaves_unmet_need_with_a_cause(kurzeme_tight):
    use = results.budget_use(kurzeme_tight)
    row = use.set_index("region").loc["Kurzeme"]
    assert row["investment_eur"] <= row["investment_budget_eur"] + 1e-6
    assert row["investment_share_used"] > 0.9
    causes = results.unmet_by_cause(kurzeme_tight)
    assert causes["unmet"].sum() == pytest.approx(kurzeme_tight.solution.totals["unmet_clients"])
    assert "budget" in set(causes["cause"])


def test_institution_places_fall_by_clients_moved(kurzeme):
    table = results.institution_places(kurzeme)
    adults = table[table["group"] == "adults_grt"].iloc[0]
    assert adults["current_clients"] == 85 + 120
    assert adults["net_places_left"] == pytest.approx(
        adults["current_clients"] - adults["moved_to_community"]
    )
    assert adults["moved_to_community"] > 0


def test_comparison_shows_differences_per_municipality_and_service(kurzeme, kurzeme_tight):
    figures = results.key_figures([kurzeme, kurzeme_tight])
    assert list(figures.columns) == ["base", "budget -80 %"]
    assert figures.loc["investment_eur", "budget -80 %"] < figures.loc["investment_eur", "base"]
    diff = results.places_difference([kurzeme, kurzeme_tight])
    assert (diff["Δ budget -80 %"] == diff["budget -80 %"] - diff["base"]).all()
    assert diff["Δ budget -80 %"].sum() == (
        kurzeme_tight.solution.totals["new_places"] - kurzeme.solution.totals["new_places"]
    )
    by_region = results.coverage_by_region({"base": kurzeme, "tight": kurzeme_tight})
    assert by_region.loc["Kurzeme", "tight"] < by_region.loc["Kurzeme", "base"]


@pytest.fixture(scope="module")
def kurzeme_alike():
    return _solve(replace(default_inputs("Kurzeme"), priority_mode="none"), "alike")


def _before_persons(result):
    """``result`` as stored before whole persons: no persons table, no person totals."""
    data = result.solution.to_dict()
    data.pop("persons")
    data["totals"] = {k: v for k, v in data["totals"].items() if not k.endswith("_persons")}
    return replace(result, solution=Solution.from_dict(data))


def test_plan_rules_are_the_scenarios_or_the_catalogues(kurzeme):
    rules = results.plan_rules(kurzeme.inputs)
    assert rules.goal_order == ("unmet", "distance", "cost")
    assert (rules.goal_kind, rules.priority_mode) == ("lexicographic", "strict")
    assert rules.priority_order == ("leavers", "waiting_list", "at_risk")
    own = results.plan_rules(replace(kurzeme.inputs, priority_order=("at_risk", "leavers",
                                                                     "waiting_list"),
                                     priority_weights={"at_risk": 5.0}))
    assert own.priority_order[0] == "at_risk" and own.priority_weights["at_risk"] == 5.0
    assert own.priority_weights["leavers"] == 100.0


def test_persons_by_priority_follow_the_scenarios_order_and_add_up(kurzeme):
    table = results.persons_by_priority(kurzeme)
    assert list(table["priority"]) == ["leavers", "waiting_list", "at_risk"]
    totals = kurzeme.solution.totals
    for column, total in (("persons", "need_persons"), ("served", "served_persons"),
                          ("unserved", "unserved_persons")):
        assert table[column].sum() == pytest.approx(totals[total])
    by_class = table.set_index("priority")
    assert by_class.loc["waiting_list", "persons"] == 0  # no one of the class in the needs
    assert by_class.loc["leavers", "unserved"] == 0  # leavers first: all of them served
    assert (table["served"] + table["unserved"] == table["persons"]).all()


def test_persons_of_no_class_when_everyone_is_alike(kurzeme_alike):
    table = results.persons_by_priority(kurzeme_alike)
    assert list(table["priority"]) == [""]
    assert table["persons"].sum() == kurzeme_alike.solution.totals["need_persons"]
    rules = results.plan_rules(kurzeme_alike.inputs)
    assert (rules.priority_mode, rules.priority_order) == ("none", ())


def test_persons_by_package_carry_the_cause_of_their_unserved(kurzeme):
    table = results.persons_by_package(kurzeme)
    assert table["persons"].sum() == kurzeme.solution.totals["need_persons"]
    assert table["persons"].is_monotonic_decreasing
    short = table[table["unserved"] > 0]
    assert len(short) and (short["cause"] != "").all()
    assert (table.loc[table["unserved"] == 0, "cause"] == "").all()
    assert set(short["cause"]) == {"too_few"}  # fewer clients near than a facility needs
    # respite needs more clients than live near for a facility of its own; the
    # multifunctional centres serve them in units of one or two places
    respite = table[table["package"] == "day_care_adults+respite_adults"].iloc[0]
    assert respite["unserved"] == 0


def test_unserved_by_cause_adds_up_to_the_unserved_persons(kurzeme):
    causes = results.unserved_by_cause(kurzeme)
    assert causes["unserved"].sum() == pytest.approx(kurzeme.solution.totals["unserved_persons"])
    assert causes["unserved"].is_monotonic_decreasing


def test_facilities_by_service_add_up_to_the_totals(kurzeme):
    table = results.facilities_by_service(kurzeme)
    assert table["new_facilities"].sum() == kurzeme.solution.totals["new_facilities"]
    assert table["new_places"].sum() == kurzeme.solution.totals["new_places"]
    assert (table["new_facilities"] > 0).all()


def test_a_result_stored_before_persons_has_no_person_figures(kurzeme):
    old = replace(_before_persons(kurzeme), label="old")
    figures = results.key_figures([kurzeme, old])
    person_rows = ["need_persons", "served_persons", "unserved_persons"]
    assert list(figures.loc[person_rows, "base"]) == [
        kurzeme.solution.totals[k] for k in person_rows]
    assert figures.loc[person_rows, "old"].isna().all()  # unknown, not 0
    assert figures.loc["need_clients", "old"] == kurzeme.solution.totals["need_clients"]
    assert results.persons_by_priority(old).empty
    assert results.persons_by_package(old).empty
    assert results.unserved_by_cause(old).empty


def test_centres_say_why_they_were_chosen(kurzeme):
    centres = results.centres(kurzeme)
    units = results.centre_units(kurzeme)
    assert len(centres) == kurzeme.solution.totals["centres"] > 0
    assert centres["new_places"].sum() == units["new_places"].sum()
    sites = kurzeme.solution.sites.set_index(["municipality", "service"])
    for r in units.itertuples():  # a unit's places are new places with no facility of their own
        assert sites.loc[(r.atvk_code, r.service), "new_places"] >= r.new_places
        assert sites.loc[(r.atvk_code, r.service), "new_facilities"] == 0
    for r in centres.itertuples():  # cheaper than separate facilities, or some not viable alone
        assert r.centre_cost_eur < r.separate_cost_eur or r.not_viable_alone
    assert not set(centres["atvk_code"]) & {"0005000", "0007000"}  # not in the state cities
