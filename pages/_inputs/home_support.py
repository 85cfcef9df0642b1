"""Staff available per region and profession, and dwellings per municipality, for the
home-based services (limits tab)."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from planning.domain.inputs import ScenarioInputs
from planning.views import home_tables


def editor(inputs: ScenarioInputs, key: str, locked: bool) -> ScenarioInputs:
    cat, lang = ui.catalogue(), ui.lang()
    st.markdown(f"**{ui.tr('inputs.home_staff')}**")
    st.caption(ui.tr("inputs.home_staff_help"))
    staff = st.data_editor(
        home_tables.staff_input_frame(inputs, cat, lang), key=f"{key}_staff", hide_index=True,
        disabled=True if locked else ["region", "profession", "profession_name"],
        column_order=["region", "profession_name", "fte"],
        column_config={
            "region": st.column_config.TextColumn(ui.tr("col.region")),
            "profession_name": st.column_config.TextColumn(ui.tr("col.profession")),
            "fte": st.column_config.NumberColumn(ui.tr("col.fte"), step=0.5),
        },
    )
    changed = home_tables.staff_from_frame(inputs, staff)
    st.markdown(f"**{ui.tr('inputs.home_dwellings')}**")
    st.caption(ui.tr("inputs.home_dwellings_help"))
    dwellings = st.data_editor(
        home_tables.dwellings_input_frame(inputs, lang), key=f"{key}_dwellings",
        hide_index=True, disabled=True if locked else ["atvk_code", "municipality"],
        column_config={
            "atvk_code": st.column_config.TextColumn(ui.tr("col.atvk_code")),
            "municipality": st.column_config.TextColumn(ui.tr("col.municipality")),
            "dwellings": st.column_config.NumberColumn(ui.tr("col.dwellings"), step=1),
        },
    )
    return home_tables.dwellings_from_frame(changed, dwellings)
