"""planning/views/compare_charts.py: one colour and order per scenario, local numbers."""

from __future__ import annotations

import pandas as pd
import pytest

from planning.views import compare_charts as cc

LABELS = ["Plan B", "Plan A", "Plan C"]


def _colour_scale(spec: dict) -> dict:
    return spec["encoding"]["color"]["scale"]


def test_colours_follow_the_position_not_the_name() -> None:
    first = cc.scenario_colours(LABELS)
    again = cc.scenario_colours(["Other", "Names", "Here"])
    assert [c.hex for c in first.values()] == [c.hex for c in again.values()]
    assert len({c.hex for c in first.values()}) == 3
    with pytest.raises(ValueError, match="at most 4"):
        cc.scenario_colours([str(i) for i in range(5)])


def test_both_charts_give_a_scenario_the_same_colour_and_place() -> None:
    costs = pd.DataFrame({"Investīcijas": [3.0, 1.0, 2.0], "Uzturēšana": [1.0, 1.0, 1.0]},
                         index=LABELS)
    coverage = pd.DataFrame({label: [90.0, 80.0] for label in LABELS},
                            index=["Kurzeme", "Latgale"])
    cost, cover = cc.cost_chart(costs, "lv"), cc.coverage_chart(coverage, "lv")
    assert _colour_scale(cost) == _colour_scale(cover)
    assert _colour_scale(cost)["domain"] == LABELS
    assert cost["encoding"]["xOffset"]["sort"] == LABELS
    assert cover["encoding"]["xOffset"]["sort"] == LABELS
    rows = cost["data"]["values"]
    assert {"scenario": "Plan B", "measure": "Investīcijas", "eur": 3.0} in rows


def test_numbers_in_the_readers_format() -> None:
    lv = cc.cost_chart(pd.DataFrame({"x": [1.0]}, index=["A"]), "lv")["config"]["locale"]
    assert lv["number"]["decimal"] == ","
    assert lv["number"]["thousands"] == "\u00a0"
    assert lv["number"]["currency"] == ["", "\u00a0€"]
    en = cc.vega_locale("en")["number"]
    assert (en["decimal"], en["thousands"], en["currency"]) == (".", ",", ["€", ""])
