"""Scenario inputs -> ProblemInput: the mapping the optimizer relies on."""

from __future__ import annotations

from dataclasses import replace

import pytest

from optimizer.checker import check_solution
from optimizer.formulation import AllocationModel
from planning.domain import geo
from planning.domain.catalogue import load_catalogue
from planning.domain.errors import InputError
from planning.domain.inputs import MunicipalityLimit, RegionBudget, default_inputs
from planning.domain.optimizer_input import build_problem_input, problem_from_inputs


def test_region_instance_holds_only_its_municipalities():
    pi = build_problem_input("Kurzeme")
    pi.validate()
    munis = geo.municipalities().set_index("atvk_code")
    assert {m.region for m in pi.municipalities} == {"Kurzeme"}
    assert len(pi.municipalities) == (munis["planning_region"] == "Kurzeme").sum()
    assert {n.municipality for n in pi.needs} <= {m.code for m in pi.municipalities}


def test_budget_is_total_investment_including_cofinancing():
    pi = build_problem_input("Latgale", budget_eur=1_000_000)
    assert pi.budget_of("Latgale").investment_eur == pytest.approx(1_000_000)
    national = build_problem_input(None, budget_eur=10_000_000)
    assert sum(b.investment_eur for b in national.budgets) == pytest.approx(10_000_000)
    assert len(national.municipalities) == 42


def test_scenario_choices_reach_the_instance():
    inputs = default_inputs("Kurzeme")
    liepaja, talsi = "0005000", "0051000"
    inputs = replace(
        inputs,
        preset="observed_2019_2022",
        norm_overrides={"workshop": {"max_places": 12}},
        non_participating=(talsi,),
        excluded_sites=((liepaja, "group_home"),),
        municipal_limits={liepaja: MunicipalityLimit(max_new_places=50)},
        facility_caps={"youth_house": 1},
        cost_contingency=0.3,
        equity_floor=0.2,
    )
    pi = problem_from_inputs(inputs)
    assert pi.service("workshop").max_places == 12
    fit = load_catalogue().observed_fit()
    assert pi.service("group_home").investment_per_place == round(fit.per_place["residential"])
    assert pi.service("workshop").investment_per_facility == round(fit.per_facility["day_support"])
    assert pi.eligible_share == pytest.approx(0.564)
    assert not pi.municipality(talsi).participating
    assert not pi.is_candidate_site(liepaja, "group_home")
    assert pi.limit_of(liepaja).max_new_places == 50
    assert pi.service("youth_house").max_new_facilities == 1
    assert pi.cost_contingency == 0.3 and pi.equity_floor == 0.2


def test_distances_use_the_detour_factor():
    pi = build_problem_input("Kurzeme")
    d = pi.distance("0005000", "0007000")  # Liepāja - Ventspils, ~105 km great circle
    assert 120 < d < 150


def test_invalid_inputs_are_refused_before_the_solver():
    inputs = replace(default_inputs("Kurzeme"), equity_floor=2.0)
    with pytest.raises(InputError, match="equity_floor"):
        problem_from_inputs(inputs)


def test_each_region_splits_its_investment_by_its_own_cofinancing_share():
    """Two regions with different shares: each region's ERDF and co-financing follow its own
    share, and its ERDF quota is what its plan may draw (the bug: the first region's share
    split every region's investment)."""
    inputs = default_inputs(None)
    budgets = dict(inputs.budgets)
    budgets["Kurzeme"] = RegionBudget(erdf_quota_eur=1_200_000, cofinancing_share=0.40)
    budgets["Latgale"] = RegionBudget(erdf_quota_eur=1_200_000, cofinancing_share=0.10)
    keep = {"Kurzeme", "Latgale"}
    inputs = replace(inputs, budgets={r: b for r, b in budgets.items() if r in keep},
                     non_participating=tuple(
                         c for c, r in geo.municipalities().set_index("atvk_code")
                         ["planning_region"].items() if r not in keep))
    pi = problem_from_inputs(inputs)
    assert pi.budget_of("Kurzeme").investment_eur == pytest.approx(1_200_000 / 0.60)
    assert pi.budget_of("Latgale").investment_eur == pytest.approx(1_200_000 / 0.90)
    sol = AllocationModel.from_problem_input(pi).solve()
    assert not check_solution(pi, sol)
    regions = sol.regions.set_index("region")
    munis = sol.municipalities.groupby("region")[["investment_eur", "erdf_eur",
                                                   "cofinancing_eur"]].sum()
    for region, erdf_share in (("Kurzeme", 0.60), ("Latgale", 0.90)):
        invest = munis.loc[region, "investment_eur"]
        assert invest > 0
        assert munis.loc[region, "erdf_eur"] == pytest.approx(erdf_share * invest)
        assert munis.loc[region, "cofinancing_eur"] == pytest.approx((1 - erdf_share) * invest)
        assert regions.loc[region, "erdf_eur"] <= 1_200_000 + 1e-6


def test_a_municipality_share_overrides_its_region_and_binds_the_erdf_quota():
    liepaja = "0005000"
    inputs = replace(default_inputs("Kurzeme"), municipal_cofinancing={liepaja: 0.5})
    pi = problem_from_inputs(inputs)
    assert pi.erdf_share_of(liepaja) == pytest.approx(0.5)
    assert pi.erdf_share_of("0007000") == pytest.approx(0.85)
    quota = inputs.budgets["Kurzeme"].erdf_quota_eur
    # the total row no longer says the same as the ERDF row: it is the most the quota opens
    assert pi.budget_of("Kurzeme").investment_eur == pytest.approx(quota / 0.5)
    assert pi.budget_of("Kurzeme").erdf_quota_eur == pytest.approx(quota)


def test_bad_cofinancing_and_mentor_inputs_are_refused_with_their_place():
    inputs = replace(default_inputs("Kurzeme"), municipal_cofinancing={"9999999": 1.2},
                     mentor_overrides={"clients_per_mentor": 0.0})
    problems = {(p.section, p.column) for p in inputs.problems()}
    assert ("co-financing", "atvk_code") in problems
    assert ("co-financing", "cofinancing_share") in problems
    assert ("mentor", "clients_per_mentor") in problems
    with pytest.raises(InputError, match="clients per mentor must be above 0"):
        problem_from_inputs(inputs)


def test_total_investment_adds_each_regions_quota_with_its_cofinancing_and_scales():
    from planning.domain.optimizer_input import total_investment, with_total_budget

    inputs = default_inputs(None)
    assert total_investment(inputs) == pytest.approx(sum(
        b.erdf_quota_eur / (1 - b.cofinancing_share) for b in inputs.budgets.values()))
    assert len(inputs.budgets) > 1
    assert total_investment(with_total_budget(inputs, 5_000_000)) == pytest.approx(5_000_000)
