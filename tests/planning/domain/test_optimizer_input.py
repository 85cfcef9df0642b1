"""Scenario inputs -> ProblemInput: the mapping the optimizer relies on."""

from __future__ import annotations

from dataclasses import replace

import pytest

from planning.domain import geo
from planning.domain.errors import InputError
from planning.domain.inputs import MunicipalLimit, default_inputs
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
        municipal_limits={liepaja: MunicipalLimit(max_new_places=50)},
        facility_caps={"youth_house": 1},
        cost_contingency=0.3,
        equity_floor=0.2,
    )
    pi = problem_from_inputs(inputs)
    assert pi.service("workshop").max_places == 12
    assert pi.service("group_home").investment_per_place == pytest.approx(4_978_601 / 163, 0.01)
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
