"""Home-based support: staff, hours and caseload per municipality and service, staff used
against staff available, housing adaptations, and whether staff or money binds."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from planning.domain import results
from planning.views import home_tables


def section(result: results.ScenarioResult, lang: str) -> None:
    if not home_tables.has_home(result.solution):
        return
    cat = ui.catalogue()
    st.subheader(ui.tr("home.title"), divider="gray")
    st.caption(ui.tr("home.note"))
    for line in home_tables.binding_lines(result, lang):
        st.warning(line, icon=":material/group_off:")
    ui.table(home_tables.home_frame(result, cat, lang), key="results_home")
    st.markdown(f"**{ui.tr('home.staff_use')}**")
    ui.table(home_tables.staff_use_frame(result, cat, lang), key="results_staff_use")
    adapted = home_tables.adaptations_frame(result, cat, lang)
    if not adapted.empty:
        st.markdown(f"**{ui.tr('home.adaptations')}**")
        ui.table(adapted, key="results_adaptations")
