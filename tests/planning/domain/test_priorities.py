"""Priority classes narrowed to one institution: checked against the region's
institutions, ranked before the class they narrow, named with the institution, and obeyed
by the optimizer."""

from __future__ import annotations

from dataclasses import replace

import pytest

from optimizer.formulation import AllocationModel
from planning.domain import priorities
from planning.domain.catalogue import load_catalogue
from planning.domain.inputs import default_inputs
from planning.domain.optimizer_input import (
    priority_settings,
    problem_from_inputs,
    with_total_budget,
)
from planning.domain.results import plan_rules

DUNDAGA = "leavers.vsac_kurzeme_dundaga"
PACKAGE = "day_care_adults+group_home"


def kurzeme_with(*persons):
    return replace(default_inputs("Kurzeme"), persons=tuple(persons))


def test_an_institution_class_of_the_region_is_valid_and_ranked_before_its_class():
    inputs = kurzeme_with(("0051000", "adults_grt", "II", PACKAGE, DUNDAGA, 8))
    assert inputs.problems() == []
    cat = load_catalogue()
    settings = priority_settings(inputs, cat)
    assert settings.order == [DUNDAGA, "leavers", "waiting_list", "at_risk"]
    assert settings.weights[DUNDAGA] == settings.weights["leavers"]
    assert plan_rules(inputs, cat).priority_order == tuple(settings.order)


@pytest.mark.parametrize(("cid", "message"), [
    ("leavers.vsac_latgale_kalkuni", "unknown institution vsac_latgale_kalkuni"),
    ("leavers.nowhere", "unknown institution nowhere"),
    ("at_risk.vsac_kurzeme_ilgi", "unknown priority class"),
])
def test_a_class_naming_an_institution_outside_the_region_is_named(cid, message):
    problems = kurzeme_with(("0051000", "adults_grt", "II", PACKAGE, cid, 8)).problems()
    assert [(p.section, p.row, p.column) for p in problems] == [("persons", 1, "priority")]
    assert message in str(problems[0].message)
    if "institution" in message:
        assert "vsac_kurzeme_dundaga" in str(problems[0].message)  # the region's, to pick


def test_an_order_may_rank_an_institution_class_but_must_hold_every_class_once():
    inputs = kurzeme_with(("0051000", "adults_grt", "II", PACKAGE, DUNDAGA, 8))
    ranked = replace(inputs, priority_order=("leavers", DUNDAGA, "waiting_list", "at_risk"))
    assert ranked.problems() == []
    assert priority_settings(ranked, load_catalogue()).order[:2] == ["leavers", DUNDAGA]
    twice = replace(inputs, priority_order=(DUNDAGA, "leavers", "leavers", "waiting_list",
                                            "at_risk"))
    assert [p.column for p in twice.problems()] == ["order"]
    elsewhere = replace(inputs, priority_order=("leavers.vsac_latgale_kalupe", "leavers",
                                                "waiting_list", "at_risk"))
    assert [(p.row, p.column) for p in elsewhere.problems()] == [(1, "class")]


def test_the_class_is_named_with_its_institution_in_both_languages():
    cat = load_catalogue()
    assert priorities.class_name(DUNDAGA, cat, "lv") == (
        'Personas, kas atstāj institūciju: VSAC "Kurzeme" filiāle "Dundaga"')
    assert priorities.class_name(DUNDAGA, cat, "en").startswith(
        "Persons leaving an institution: VSAC")
    names = priorities.class_names(cat, "Kurzeme")
    assert {"leavers", "waiting_list", "at_risk", DUNDAGA, "leavers.vsac_kurzeme_ilgi"} <= \
        set(names)
    assert not any("latgale" in cid for cid in names)  # another region's branches


def served(inputs, cid: str) -> float:
    pi = problem_from_inputs(inputs)
    sol = AllocationModel.from_problem_input(pi).solve("highs")
    return float(sol.persons.loc[sol.persons["priority"] == cid, "served"].sum())


def test_the_closing_branchs_residents_come_first_when_money_is_short():
    """Eight leavers of the Dundaga branch (Talsu novads) and ten other leavers (Liepāja),
    35,000 EUR (beside the places free in existing services: one of the two groups): with
    the branch ranked first its eight are served; with leavers alike (weighted, the same
    weight) the model serves the larger group of ten instead."""
    inputs = with_total_budget(kurzeme_with(
        ("0051000", "adults_grt", "II", PACKAGE, DUNDAGA, 8),
        ("0005000", "adults_grt", "II", PACKAGE, "leavers", 10)), 35_000)
    assert (served(inputs, DUNDAGA), served(inputs, "leavers")) == (8, 0)
    alike = replace(inputs, priority_order=("leavers", DUNDAGA, "waiting_list", "at_risk"),
                    priority_mode="weighted", priority_weights={DUNDAGA: 100.0})
    assert (served(alike, DUNDAGA), served(alike, "leavers")) == (0, 10)
