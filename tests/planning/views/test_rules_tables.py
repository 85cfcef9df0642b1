"""The rules tab's tables: ranks to orders, catalogue defaults not stored, caps and weights."""

from __future__ import annotations

from planning.domain.catalogue import load_catalogue
from planning.domain.inputs import default_inputs
from planning.views import rules_tables as rules

CAT = load_catalogue()
INPUTS = default_inputs("Kurzeme")


def test_the_catalogue_default_is_leavers_first_and_is_not_stored():
    frame = rules.priorities_frame(INPUTS, CAT, "en")
    assert frame.loc[0, "priority_class"] == "Persons leaving an institution"
    same = rules.priorities_from_frame(INPUTS, frame, CAT, "strict")
    assert (same.priority_mode, same.priority_order, same.priority_weights) == (None, (), {})


def test_ranks_give_the_order_ties_keep_the_table_order():
    goals = rules.goals_frame(INPUTS, "lv")
    goals["rank"] = [2, 2, 1]
    assert rules.goals_from_frame(INPUTS, goals, "weighted").goal_order == (
        "cost", "unmet", "distance")


def test_group_weights_caps_and_occupancy_keep_only_what_differs():
    groups = rules.group_priorities_frame(INPUTS, CAT, "lv")
    groups.loc[groups["group_id"] == "youth_leaving_care", "weight"] = 2.0
    assert rules.group_priorities_from_frame(INPUTS, groups).group_priorities == {
        "youth_leaving_care": 2.0}
    caps = rules.caps_frame(INPUTS, CAT, "lv")
    caps.loc[caps["service_id"] == "youth_house", "max_new_facilities"] = 2
    assert rules.caps_from_frame(INPUTS, caps).facility_caps == {"youth_house": 2}
    assert rules.with_min_occupancy(INPUTS, CAT, CAT.rules.min_occupancy).min_occupancy is None
    assert rules.with_min_occupancy(INPUTS, CAT, 0.5).min_occupancy == 0.5


def test_an_institution_class_of_the_persons_shows_before_leavers_and_can_be_moved():
    from dataclasses import replace

    dundaga = "leavers.vsac_kurzeme_dundaga"
    inputs = replace(INPUTS, persons=(
        ("0051000", "adults_grt", "", "group_home", dundaga, 4),))
    frame = rules.priorities_frame(inputs, CAT, "lv")
    assert list(frame["class_id"]) == [dundaga, "leavers", "waiting_list", "at_risk"]
    assert frame.loc[0, "priority_class"].endswith('VSAC "Kurzeme" filiāle "Dundaga"')
    assert frame.loc[0, "weight"] == frame.loc[1, "weight"]
    same = rules.priorities_from_frame(inputs, frame, CAT, "strict")
    assert (same.priority_order, same.priority_weights) == ((), {})
    frame["rank"] = [2, 1, 3, 4]
    moved = rules.priorities_from_frame(inputs, frame, CAT, "strict")
    assert moved.priority_order == ("leavers", dundaga, "waiting_list", "at_risk")
    assert moved.problems() == []
