"""ProblemInput: JSON form, schema, validation errors."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings

from optimizer.errors import InputError
from optimizer.problem import (
    Capacity,
    ExcludedSite,
    MunicipalityLimit,
    Need,
    ProblemInput,
    RegionBudget,
)
from tests.optimizer.instances import GROUP, home, instance, random_instances

SCHEMA = json.loads((Path(__file__).parents[2] / "docs" / "problem_input.schema.json")
                    .read_text(encoding="utf-8"))


@settings(max_examples=30, deadline=None)
@given(random_instances())
def test_json_round_trip_and_schema(pi):
    data = json.loads(pi.to_json())
    jsonschema.validate(data, SCHEMA)
    assert ProblemInput.from_json(pi.to_json()) == pi


def test_full_instance_round_trips():
    pi = instance({"A": 3, "B": 5}, budget=5000, equity_floor=0.2, group_weights={GROUP: 2.0},
                  excluded_sites=[ExcludedSite("B", "home", "residents object")],
                  municipality_limits=[MunicipalityLimit("A", max_new_places=4)])
    jsonschema.validate(pi.to_dict(), SCHEMA)
    assert ProblemInput.from_dict(pi.to_dict()) == pi


def test_quota_opens_quota_over_erdf_share():
    assert RegionBudget.from_quota("R", 850_000, 0.85).investment_eur == pytest.approx(1e6)


@pytest.mark.parametrize(("change", "field", "message"), [
    (lambda pi: replace(pi, services=[home(min_places=12)]), "services[0].min_places",
     "12 is larger than max_places 10"),
    (lambda pi: replace(pi, needs=[Need("Z", GROUP, "home", 1)]), "needs[0].municipality",
     "unknown municipality 'Z'"),
    (lambda pi: replace(pi, needs=[Need("A", GROUP, "spa", 1)]), "needs[0].service",
     "unknown service 'spa'"),
    (lambda pi: replace(pi, capacity=[Capacity("Z", "home", 2)]), "capacity[0].municipality",
     "unknown municipality 'Z'"),
    (lambda pi: replace(pi, capacity=[Capacity("A", "spa", 2)]), "capacity[0].service",
     "unknown service 'spa'"),
    (lambda pi: replace(pi, excluded_sites=[ExcludedSite("Z", "home")]),
     "excluded_sites[0].municipality", "unknown municipality 'Z'"),
    (lambda pi: replace(pi, excluded_sites=[ExcludedSite("A", "spa")]),
     "excluded_sites[0].service", "unknown service 'spa'"),
    (lambda pi: replace(pi, needs=[Need("A", "children_ft", "home", 1)]), "needs[0].group",
     "not eligible"),
    (lambda pi: replace(pi, needs=[Need("A", GROUP, "home", -1)]), "needs[0].clients",
     "below the minimum"),
    (lambda pi: replace(pi, equity_floor=1.5), "equity_floor", "at most 1"),
    (lambda pi: replace(pi, budgets=[RegionBudget("Nowhere", 1.0)]), "budgets[0].region",
     "unknown region"),
    (lambda pi: replace(pi, distances={("A", "B"): float("nan")}), "distances.A.B",
     "not a finite number"),
])
def test_validation_names_field_and_problem(change, field, message):
    pi = change(instance({"A": 3, "B": 5}, budget=5000))
    with pytest.raises(InputError, match=message) as err:
        pi.validate()
    assert err.value.field == field


def test_from_dict_rejects_unknown_and_missing_keys():
    data = instance({"A": 1}).to_dict()
    with pytest.raises(InputError, match="unknown key"):
        ProblemInput.from_dict({**data, "budget": 1})
    data["needs"][0].pop("clients")
    with pytest.raises(InputError, match=r"needs\[0\]: missing a required key"):
        ProblemInput.from_dict(data)
    with pytest.raises(InputError, match="not valid JSON"):
        ProblemInput.from_json("{")


def test_mentor_hours_follow_care_levels():
    pi = instance({"A": 4}, mentor=None)
    pi = replace(pi, needs=[Need("A", GROUP, "home", 1, "I"), Need("A", GROUP, "home", 3, "IV")])
    from optimizer.problem import MentorNorm
    pi = replace(pi, mentor=MentorNorm(groups=[GROUP]))
    # one of four with family (20 h), three others (8 h): 11 h a month on average
    assert pi.mentor_hours_per_month() == {("A", GROUP): pytest.approx(11)}
