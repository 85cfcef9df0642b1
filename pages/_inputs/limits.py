"""Limits per municipality, and the sites excluded for a service."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from pages._inputs import home_support
from planning.domain.inputs import ScenarioInputs
from planning.views import plan_tables as plan_views


def editor(inputs: ScenarioInputs, key: str, locked: bool) -> ScenarioInputs:
    cat = ui.catalogue_of(inputs)
    st.caption(ui.tr("inputs.limits_help"))
    shown = plan_views.limits_frame(inputs, ui.lang())
    edited = st.data_editor(
        shown, key=key, hide_index=True,
        disabled=True if locked else ["atvk_code", "municipality"],
        column_config={
            "atvk_code": st.column_config.TextColumn(ui.tr("col.atvk_code")),
            "municipality": st.column_config.TextColumn(ui.tr("col.municipality")),
            "participating": st.column_config.CheckboxColumn(ui.tr("col.participating")),
            "max_new_places": st.column_config.NumberColumn(ui.tr("col.max_new_places"),
                                                            step=1),
            "max_new_facilities": st.column_config.NumberColumn(
                ui.tr("col.max_new_facilities"), step=1),
        },
    )
    changed = plan_views.limits_from_frame(inputs, edited)
    st.markdown(f"**{ui.tr('inputs.excluded')}**")
    st.caption(ui.tr("inputs.excluded_help"))
    excluded = st.data_editor(
        plan_views.excluded_frame(inputs), key=f"{key}_excluded", hide_index=True,
        num_rows="fixed" if locked else "dynamic", disabled=locked,
        column_config={
            "atvk_code": st.column_config.TextColumn(ui.tr("col.atvk_code"), max_chars=7),
            "service": st.column_config.SelectboxColumn(
                ui.tr("col.service"), options=list(cat.services),
                format_func=lambda s: cat.services[s].name(ui.lang()) if s in cat.services
                else s),
        },
    )
    return home_support.editor(plan_views.excluded_from_frame(changed, excluded), key, locked)
