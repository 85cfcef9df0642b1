"""planning.domain.horizon and the years a scenario stores: defaults, JSON round trip,
problems named in the 'Plāna gadi' section."""

from __future__ import annotations

import datetime
from dataclasses import replace

from planning.domain.horizon import Horizon, default_horizon
from planning.domain.inputs import ScenarioInputs, default_inputs

DUNDAGA = "vsac_kurzeme_dundaga"


def test_the_default_is_five_years_from_this_one_with_even_money():
    h = default_horizon(datetime.date(2026, 12, 4))
    assert (h.first_year, h.last_year) == (2026, 2030)
    assert h.shares() == [0.2] * 5
    assert h.shares(shortest_lead=1) == [0.25, 0.25, 0.25, 0.25, 0.0]
    assert Horizon(2026, 2028, budget_shares=(1, 1, 2)).shares() == [0.25, 0.25, 0.5]


def test_a_scenarios_years_survive_its_json():
    inputs = replace(default_inputs("Kurzeme"), plan_years=(2027, 2031),
                     year_shares=(0.4, 0.3, 0.3, 0, 0), closure_years={DUNDAGA: 2030},
                     admissions_per_year={"vsac_kurzeme_ilgi": 4.0})
    back = ScenarioInputs.from_json(inputs.to_json())
    assert back == inputs
    h = back.horizon()
    assert (h.first_year, h.last_year, h.closure_years) == (2027, 2031, {DUNDAGA: 2030})
    assert back.problems() == []


def test_a_scenario_without_years_uses_the_default():
    assert default_inputs("Kurzeme").horizon() == default_horizon()


def test_bad_years_are_named_in_the_years_section():
    inputs = replace(default_inputs("Kurzeme"), plan_years=(2030, 2026),
                     closure_years={"vsac_latgale_kalupe": 2028})
    found = inputs.problems()
    assert [(p.section, p.column) for p in found] == [("years", "last_year"),
                                                     ("years", "closure_years")]
    assert found[0].describe("lv").startswith("Plāna gadi")
    assert "vsac_kurzeme_dundaga" in found[1].describe("en")  # the region's branches to pick
