"""The given plan: its heading, whether it may be changed, its size, its template."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from planning.domain.inputs import ScenarioInputs
from planning.io import templates
from planning.views import evaluation_tables as ev_views


def heading(saved: ScenarioInputs, locked: bool) -> None:
    st.subheader(ui.tr("eval.plan"))
    if locked:
        st.info(ui.tr("eval.read_only"), icon=":material/lock:")
    if saved.given_plan:
        rows, places = ev_views.plan_size(saved)
        st.caption(ui.tr("eval.plan_rows", n=rows, places=places))
    else:
        st.info(ui.tr("eval.no_plan"), icon=":material/info:")


def template_buttons(saved: ScenarioInputs) -> None:
    """The plan template (XLSX, CSV), pre-filled with the plan saved."""
    lang, cat = ui.lang(), ui.catalogue()
    rows = templates.current_rows("plan", saved, cat, lang)
    cols = st.columns(2)
    cols[0].download_button(
        ui.tr("eval.template") + " (XLSX)", key="plan_template_xlsx", on_click="ignore",
        data=lambda: templates.template_xlsx("plan", lang, rows, saved.division, cat),
        file_name=ui.tr("file.plan") + ".xlsx", icon=":material/download:")
    cols[1].download_button(
        ui.tr("eval.template") + " (CSV)", key="plan_template_csv", on_click="ignore",
        data=templates.template_csv("plan", lang, rows), mime="text/csv",
        file_name=ui.tr("file.plan") + ".csv", icon=":material/download:")
