"""Result views: coverage, places, budget use, institutions and comparisons of real solves."""

from __future__ import annotations

from dataclasses import replace

import pytest

from optimizer.formulation import AllocationModel
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
    assert places["new_places"].sum() == kurzeme.solution.totals["new_places"]
    assert places["investment_eur"].sum() == pytest.approx(
        kurzeme.solution.totals["investment_eur"]
    )
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
