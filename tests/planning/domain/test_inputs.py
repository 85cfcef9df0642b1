"""ScenarioInputs: defaults from the embedded data, JSON round trip, validation per cell."""

from __future__ import annotations

import pytest

from planning.domain.errors import InputError
from planning.domain.inputs import RegionBudget, ScenarioInputs, default_inputs


def test_default_region_inputs_hold_only_that_region():
    inputs = default_inputs("kurzeme")
    assert inputs.region == "Kurzeme"
    assert list(inputs.budgets) == ["Kurzeme"]
    codes = {row[0] for row in inputs.needs}
    from planning.domain import geo

    munis = geo.municipalities().set_index("atvk_code")
    assert set(munis.loc[list(codes), "planning_region"]) == {"Kurzeme"}
    assert inputs.problems() == []


def test_json_round_trip_is_exact():
    inputs = default_inputs("Zemgale")
    assert ScenarioInputs.from_json(inputs.to_json()) == inputs


def test_total_investment_includes_cofinancing():
    budget = RegionBudget(erdf_quota_eur=850_000, cofinancing_share=0.15)
    assert budget.total_investment_eur == pytest.approx(1_000_000)


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        (["9999999", "adults_grt", "I", "group_home", 3], "atvk_code", "unknown municipality"),
        (["0005000", "pets", "", "group_home", 3], "group", "unknown target group"),
        (["0005000", "adults_grt", "V", "group_home", 3], "care_level", "no care level 'V'"),
        (["0005000", "children_ft", "", "group_home", 3], "service", "not for group"),
        (["0005000", "adults_grt", "I", "group_home", -2], "count", "whole number >= 0"),
    ],
)
def test_bad_need_cells_are_named(row, column, message):
    inputs = default_inputs("Kurzeme")
    data = inputs.to_dict()
    data["needs"] = [row]
    problems = ScenarioInputs.from_dict(data).problems()
    assert any(p.column == column and message in p.message and p.row == 1 for p in problems)


def test_duplicated_rows_and_bad_limits_are_refused():
    inputs = default_inputs("Kurzeme")
    data = inputs.to_dict()
    data["needs"] = [data["needs"][0], data["needs"][0]]
    data["norm_overrides"] = {"workshop": {"min_places": 25}}
    data["equity_floor"] = 1.5
    with pytest.raises(InputError) as err:
        ScenarioInputs.from_dict(data).validate()
    text = str(err.value)
    assert "duplicated row" in text
    assert "min places 25 is larger than max places 20" in text
    assert "equity_floor" in text


def test_unknown_keys_are_refused():
    with pytest.raises(InputError, match="unknown scenario input keys: colour"):
        ScenarioInputs.from_dict({"colour": "red"})


def test_persons_replace_the_needs_per_service_in_the_optimizer_instance():
    from dataclasses import replace

    from planning.domain.optimizer_input import problem_from_inputs

    base = default_inputs("Kurzeme")
    inputs = replace(base, persons=(
        ("0005000", "adults_grt", "II", "day_care_adults+group_home", "leavers", 5),))
    assert ScenarioInputs.from_json(inputs.to_json()) == inputs
    pi = problem_from_inputs(inputs)
    assert pi.needs == []
    (person,) = pi.persons
    assert (person.package, person.persons, person.priority, person.care_level) == (
        ("day_care_adults", "group_home"), 5, "leavers", "II")


@pytest.mark.parametrize(("row", "column", "message"), [
    (("0005000", "adults_grt", "", "group_home+spa", "", 1), "package", "unknown service"),
    (("0005000", "children_ft", "", "group_home", "", 1), "package", "is not for group"),
    (("0005000", "adults_grt", "", "group_home", "nobody", 1), "priority",
     "unknown priority class"),
    (("0005000", "adults_grt", "", "", "", 1), "package", "joined by '+'"),
    (("9999999", "adults_grt", "", "group_home", "", 1), "atvk_code", "unknown"),
])
def test_bad_person_cells_are_named(row, column, message):
    from dataclasses import replace

    problems = replace(default_inputs("Kurzeme"), persons=(row,)).problems()
    assert [(p.section, p.row, p.column) for p in problems] == [("persons", 1, column)]
    assert message in str(problems[0].message)
