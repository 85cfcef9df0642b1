"""The form that creates a scenario, from the embedded data or as a copy of another."""

from __future__ import annotations

import streamlit as st

from pages import _plan as plan
from pages import _shared as ui
from planning import i18n
from planning.domain import geo
from planning.store import scenario
from planning.store.tables import Scenario
from planning.views import plan_tables as plan_views


def create_form(lang: str, scenarios: list[Scenario]) -> None:
    regions = plan_views.creatable_regions(plan.actor())
    if not regions:
        st.info(ui.tr("scenario.sign_in_to_create"), icon=":material/lock:")
        return
    with st.form("create_scenario", clear_on_submit=True, border=True):
        st.markdown(f"**{ui.tr('scenario.create')}**")
        cols = st.columns(3)
        name = cols[0].text_input(ui.tr("scenario.name"), key="create_name", max_chars=120)
        region = cols[1].selectbox(ui.tr("sidebar.region"), options=regions,
                                   format_func=lambda r: i18n.region_name(r, lang),
                                   key="create_region")
        division = cols[2].selectbox(ui.tr("sidebar.division"), options=list(geo.DIVISIONS),
                                     index=list(geo.DIVISIONS).index(ui.division()),
                                     key="create_division")
        by_id = {s.id: s for s in scenarios}
        source = st.selectbox(
            ui.tr("scenario.source"), options=plan_views.copy_sources(scenarios, regions),
            key="create_source",
            format_func=lambda i: ui.tr("scenario.source_embedded") if i == 0 else
            ui.tr("scenario.source_copy", name=plan_views.scenario_label(by_id[i], lang)),
            help=ui.tr("scenario.source_help"))
        if not st.form_submit_button(ui.tr("scenario.create_button"), type="primary",
                                     icon=":material/add:"):
            return
    with ui.guard() as attempt:
        with ui.db_session() as session:
            if source:
                original = scenario.get_scenario(session=session, actor=plan.actor(),
                                                 scenario_id=source)
                created = scenario.copy_scenario(
                    session=session, actor=plan.actor(), scenario_id=source, name=name,
                    message=ui.tr("scenario.msg_copied", name=original.name,
                                  number=original.current_version))
            else:
                created = scenario.create_scenario(
                    session=session, actor=plan.actor(),
                    scenario_in={"name": name, "region": region, "division": division},
                    message=ui.tr("scenario.msg_created"))
    if attempt.failed:
        return
    plan.select_next(created.id)
    st.toast(ui.tr("scenario.created", name=ui.literal(created.name)), icon=":material/check:")
    st.rerun()
