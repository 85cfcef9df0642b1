"""Scenarios: list by region, create (embedded data or a copy), rename, copy, delete,
version history, diff of two versions, restore an earlier version. The sections live in
``pages/_scenarios/``."""

from __future__ import annotations

import streamlit as st

from pages import _plan as plan
from pages import _shared as ui
from pages._scenarios.create import create_form
from pages._scenarios.history import history
from pages._scenarios.manage import manage
from planning import i18n
from planning.views import plan_tables as plan_views


def main() -> None:
    lang = ui.lang()
    st.title(ui.tr("scenarios.title"))
    st.caption(ui.tr("scenarios.caption"))
    with ui.guard() as attempt:
        with ui.db_session() as session:
            scenarios = plan.visible_scenarios(session)
    if attempt.failed:
        return
    st.subheader(ui.tr("scenarios.list", region=i18n.region_name(plan.region_filter(), lang)),
                 divider="gray")
    ui.table(plan_views.scenarios_frame(scenarios, lang).drop(columns=["id"]),
             key="scenarios_table")
    create_form(lang, scenarios)
    chosen = plan.scenario_picker(scenarios, lang)
    if chosen is None:
        return
    history_tab, manage_tab = st.tabs([ui.tr("scenario.history"), ui.tr("scenario.manage")])
    with history_tab:
        history(chosen, lang)
    with manage_tab:
        manage(chosen)


main()
