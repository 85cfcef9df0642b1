"""Editable tables of the Ievade "Noteikumi" (rules) tab: who comes first, the order of the
goals, the least occupancy, group priorities and caps on new facilities.

Pure functions (no Streamlit), in pairs like ``planning.views.plan_tables``: ``*_frame``
gives what an editor shows, ``*_from_frame`` returns new ``ScenarioInputs`` *without*
validating them, so the page names every bad cell with ``ScenarioInputs.problems()``.
A rank is the position a user types (1 first); rows are ordered by it, ties by the table.

>>> from planning.domain.catalogue import load_catalogue
>>> from planning.domain.inputs import default_inputs
>>> cat, inputs = load_catalogue(), default_inputs("Kurzeme")
>>> frame = priorities_frame(inputs, cat, "lv")
>>> list(frame["rank"]), frame.loc[0, "priority_class"]
([1, 2, 3], 'Personas, kas atstāj institūciju')
>>> frame["rank"] = [3, 1, 2]
>>> priorities_from_frame(inputs, frame, cat, "strict").priority_order
('waiting_list', 'at_risk', 'leavers')
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from planning import i18n
from planning.domain import priorities
from planning.domain.catalogue import Catalogue
from planning.domain.inputs import ScenarioInputs


def _ranked(ids: list[str], ranks: list[object]) -> tuple[str, ...]:
    order = sorted(range(len(ids)), key=lambda k: (_number(ranks[k], len(ids) + 1), k))
    return tuple(ids[k] for k in order)


def _number(value: object, default: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return default
    return default if pd.isna(number) else number


def priorities_frame(inputs: ScenarioInputs, catalogue: Catalogue, lang: str) -> pd.DataFrame:
    """One row per priority class: its name, rank (strict mode) and weight (weighted)."""
    order = list(priorities.scenario_order(inputs, catalogue))
    weights = priorities.scenario_weights(inputs, catalogue)
    return pd.DataFrame({
        "class_id": order,
        "priority_class": [priorities.class_name(c, catalogue, lang) for c in order],
        "rank": list(range(1, len(order) + 1)),
        "weight": [float(weights.get(c, 1.0)) for c in order],
    })


def priority_mode(inputs: ScenarioInputs, catalogue: Catalogue) -> str:
    return inputs.priority_mode or catalogue.priorities.mode


def priorities_from_frame(inputs: ScenarioInputs, frame: pd.DataFrame, catalogue: Catalogue,
                          mode: str) -> ScenarioInputs:
    """The classes in rank order and their weights; values equal to the catalogue's are not
    stored (so a scenario follows a changed catalogue default)."""
    p = catalogue.priorities
    order = _ranked(list(frame["class_id"]), list(frame["rank"]))
    weights = {c: _number(w, -1.0) for c, w in zip(frame["class_id"], frame["weight"],
                                                     strict=True)}
    defaults = priorities.scenario_weights(replace(inputs, priority_weights={}), catalogue)
    changed = {c: w for c, w in weights.items() if w != defaults.get(c)}
    plain = priorities.scenario_order(replace(inputs, priority_order=()), catalogue)
    return replace(inputs, priority_mode=None if mode == p.mode else mode,
                   priority_order=() if order == plain else order,
                   priority_weights=changed)


def goals_frame(inputs: ScenarioInputs, lang: str) -> pd.DataFrame:
    """One row per goal in the scenario's order: its name and rank."""
    return pd.DataFrame({
        "goal_id": list(inputs.goal_order),
        "goal": [i18n.t(f"rules.goal.{g}", lang) for g in inputs.goal_order],
        "rank": list(range(1, len(inputs.goal_order) + 1)),
    })


def goals_from_frame(inputs: ScenarioInputs, frame: pd.DataFrame, kind: str) -> ScenarioInputs:
    return replace(inputs, goal_order=_ranked(list(frame["goal_id"]), list(frame["rank"])),
                   goal_kind=kind)


def group_priorities_frame(inputs: ScenarioInputs, catalogue: Catalogue,
                           lang: str) -> pd.DataFrame:
    """One row per target group: its weight in the unmet goal (1 unless set)."""
    return pd.DataFrame({
        "group_id": list(catalogue.groups),
        "group": [g.name(lang) for g in catalogue.groups.values()],
        "weight": [float(inputs.group_priorities.get(g, 1.0)) for g in catalogue.groups],
    })


def group_priorities_from_frame(inputs: ScenarioInputs, frame: pd.DataFrame
                                ) -> ScenarioInputs:
    weights = {g: _number(w, -1.0) for g, w in zip(frame["group_id"], frame["weight"],
                                                    strict=True)}
    return replace(inputs, group_priorities={g: w for g, w in weights.items() if w != 1.0})


def caps_frame(inputs: ScenarioInputs, catalogue: Catalogue, lang: str) -> pd.DataFrame:
    """One row per service: the cap on its new facilities (empty: no cap)."""
    return pd.DataFrame({
        "service_id": list(catalogue.services),
        "service": [s.name(lang) for s in catalogue.services.values()],
        "max_new_facilities": pd.array([inputs.facility_caps.get(s) for s in
                                        catalogue.services], dtype="Int64"),
    })


def caps_from_frame(inputs: ScenarioInputs, frame: pd.DataFrame) -> ScenarioInputs:
    caps = {s: int(_number(c, -1.0)) for s, c in zip(frame["service_id"],
                                                      frame["max_new_facilities"], strict=True)
            if not pd.isna(c)}
    return replace(inputs, facility_caps=caps)


def with_min_occupancy(inputs: ScenarioInputs, catalogue: Catalogue,
                       share: float) -> ScenarioInputs:
    """The least occupancy of new facilities; the catalogue's value is not stored."""
    same = abs(float(share) - catalogue.rules.min_occupancy) < 1e-12
    return replace(inputs, min_occupancy=None if same else float(share))
