"""Rules: who comes first, the order of the goals, the least occupancy, group priorities
and caps on new facilities (``planning.views.rules_tables``)."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from planning.domain.inputs import PRIORITY_MODES, ScenarioInputs
from planning.views import rules_tables as rules


def editor(inputs: ScenarioInputs, key: str, locked: bool) -> ScenarioInputs:
    inputs = priority_classes(inputs, key, locked)
    cols = st.columns(2)
    with cols[0]:
        inputs = goals(inputs, key, locked)
    with cols[1]:
        current = ui.catalogue().rules.min_occupancy if inputs.min_occupancy is None \
            else inputs.min_occupancy
        share = st.number_input(ui.tr("rules.min_occupancy"), value=float(current), step=0.05,
                                format="%.2f", key=f"{key}_occupancy", disabled=locked,
                                help=ui.tr("rules.min_occupancy_help"))
        inputs = rules.with_min_occupancy(inputs, ui.catalogue(), share)
    cols = st.columns(2)
    with cols[0]:
        groups = st.data_editor(
            rules.group_priorities_frame(inputs, ui.catalogue(), ui.lang()),
            key=f"{key}_groups", hide_index=True, disabled=locked or ["group_id", "group"],
            column_order=("group", "weight"),
            column_config={
                "group": st.column_config.TextColumn(ui.tr("rules.group")),
                "weight": st.column_config.NumberColumn(ui.tr("rules.group_weight"),
                                                        min_value=0.0,
                                                        help=ui.tr("rules.group_weight_help"))})
        inputs = rules.group_priorities_from_frame(inputs, groups)
    with cols[1]:
        caps = st.data_editor(
            rules.caps_frame(inputs, ui.catalogue_of(inputs), ui.lang()), key=f"{key}_caps",
            hide_index=True, disabled=locked or ["service_id", "service"],
            column_order=("service", "max_new_facilities"),
            column_config={
                "service": st.column_config.TextColumn(ui.tr("rules.service")),
                "max_new_facilities": st.column_config.NumberColumn(
                    ui.tr("rules.cap"), min_value=0, step=1, help=ui.tr("rules.cap_help"))})
        inputs = rules.caps_from_frame(inputs, caps)
    return inputs


def priority_classes(inputs: ScenarioInputs, key: str, locked: bool) -> ScenarioInputs:
    """The priority mode and, unless everyone is alike, the classes' ranks or weights."""
    cat = ui.catalogue()
    st.caption(ui.tr("rules.priorities_help"))
    mode = st.radio(ui.tr("rules.priority_mode"), PRIORITY_MODES, horizontal=True,
                    disabled=locked, index=PRIORITY_MODES.index(rules.priority_mode(inputs, cat)),
                    key=f"{key}_mode", format_func=lambda m: ui.tr(f"rules.mode.{m}"),
                    captions=[ui.tr(f"rules.mode_help.{m}") for m in PRIORITY_MODES])
    alike = mode == "none"
    if alike:
        st.caption(ui.tr("rules.classes_unused"))
    unused = "weight" if mode == "strict" else "rank"  # what the mode does not read
    classes = st.data_editor(
        rules.priorities_frame(inputs, cat, ui.lang()), key=f"{key}_classes", hide_index=True,
        disabled=locked or alike or ["class_id", "priority_class", unused], column_order=(
            "priority_class", "rank", "weight"),
        column_config={
            "priority_class": st.column_config.TextColumn(ui.tr("rules.class")),
            "rank": st.column_config.NumberColumn(ui.tr("rules.rank"), min_value=1, step=1),
            "weight": st.column_config.NumberColumn(ui.tr("rules.weight"), min_value=0.0)})
    return rules.priorities_from_frame(inputs, classes, cat, mode)


def goals(inputs: ScenarioInputs, key: str, locked: bool) -> ScenarioInputs:
    """Lexicographic or weighted goals, and their order."""
    kinds = ("lexicographic", "weighted")
    kind = st.radio(ui.tr("rules.goal_kind"), kinds, horizontal=True, disabled=locked,
                    index=kinds.index(inputs.goal_kind), key=f"{key}_goal_kind",
                    format_func=lambda k: ui.tr(f"rules.goal_kind.{k}"))
    edited = st.data_editor(
        rules.goals_frame(inputs, ui.lang()), key=f"{key}_goals", hide_index=True,
        disabled=locked or ["goal_id", "goal"], column_order=("goal", "rank"),
        column_config={
            "goal": st.column_config.TextColumn(ui.tr("rules.goal")),
            "rank": st.column_config.NumberColumn(ui.tr("rules.rank"), min_value=1, step=1)})
    return rules.goals_from_frame(inputs, edited, kind)
