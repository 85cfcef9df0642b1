"""A published plan's new places: key figures, the map and the table (counts 1-4 as "<5")."""

from __future__ import annotations

import streamlit as st

from pages import _plan as plan_ui
from pages import _shared as ui
from planning import i18n
from planning.store import published


def section(plan: published.PlanView) -> None:
    lang, who = ui.lang(), ui.actor()
    with ui.guard() as attempt, ui.db_session() as session:
        table = published.allocations(session=session, actor=who, scenario_id=plan.scenario_id,
                                      number=plan.version, lang=lang,
                                      catalogue=ui.catalogue())
    if attempt.failed:
        return
    if table is None:
        st.info(ui.tr("plan.no_result"), icon=":material/hourglass_empty:")
        return
    figures = published.key_figures(table)
    cols = st.columns(3)
    cols[0].metric(ui.tr("plan.new_places"), ui.count_text(figures["new_places"]))
    cols[1].metric(ui.tr("plan.new_facilities"), i18n.fmt_int(figures["new_facilities"], lang))
    cols[2].metric(ui.tr("plan.municipalities"), i18n.fmt_int(figures["municipalities"], lang))
    st.caption(ui.tr("plan.privacy"))
    map_tab, table_tab = st.tabs([ui.tr("consult.map"), ui.tr("consult.table")])
    with map_tab:
        plan_ui.public_map(table, plan.division, plan.region, lang,
                           key=f"consult_map_{plan.scenario_id}_{plan.version}")
    with table_tab:
        ui.allocation_table(table, key="consult_table")
