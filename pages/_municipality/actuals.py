"""After approval: what the municipality really opened and how many persons moved out
(``planning.store.progress``), two forms and its own records so far."""

from __future__ import annotations

import datetime

import streamlit as st

from pages import _shared as ui
from planning.store import progress, published
from planning.views import progress_tables as views

SAVED_KEY = "muni_actual_saved"


def section(plan: published.PlanView) -> None:
    who = ui.actor()
    with ui.db_session() as session:
        own = progress.own_plan(session=session, actor=who, scenario_id=plan.scenario_id)
    if own is None:
        return
    st.subheader(ui.tr("progress.record.title"), divider="gray")
    st.caption(ui.tr("progress.record.intro"))
    if st.session_state.pop(SAVED_KEY, None):
        st.success(ui.tr("progress.record.saved"), icon=":material/check_circle:")
    default_year = min(max(datetime.date.today().year, own.first_year), own.last_year)
    opening, moved = st.columns(2)
    with opening:
        _opening_form(plan, own, default_year)
    with moved:
        _moved_form(plan, own, default_year)
    with ui.db_session() as session:
        records = progress.actuals(session=session, actor=who, scenario_id=plan.scenario_id)
    st.markdown(f"**{ui.tr('progress.record.yours')}**")
    ui.table(views.own_frame(records, ui.catalogue(), ui.lang()), key="muni_actuals")


def _opening_form(plan: published.PlanView, own: progress.OwnPlan, year: int) -> None:
    names = published.service_names(ui.lang(), ui.catalogue())
    with st.form("actual_opening"):
        st.markdown(f"**{ui.tr('progress.record.opening')}**")
        if not own.services:
            st.caption(ui.tr("progress.record.no_services"))
        service = st.selectbox(ui.tr("col.service"), own.services, key="actual_service",
                               format_func=lambda s: names.get(s, s))
        when = st.number_input(ui.tr("col.year"), own.first_year, own.last_year, year,
                               step=1, key="actual_open_year")
        places = st.number_input(ui.tr("col.places"), min_value=0, value=0, step=1,
                                 key="actual_places")
        eur = st.number_input(ui.tr("progress.record.spent"), min_value=0.0, value=0.0,
                              step=1000.0, format="%.0f", key="actual_eur")
        saved = st.form_submit_button(ui.tr("progress.record.save_opening"),
                                      disabled=not own.services)
    if saved:
        _save(lambda session: progress.record_opening(
            session=session, actor=ui.actor(), scenario_id=plan.scenario_id,
            service=service or "", year=int(when), places=int(places),
            investment_eur=float(eur)))


def _moved_form(plan: published.PlanView, own: progress.OwnPlan, year: int) -> None:
    with st.form("actual_moved"):
        st.markdown(f"**{ui.tr('progress.record.moved')}**")
        st.caption(ui.tr("progress.record.moved_help"))
        when = st.number_input(ui.tr("col.year"), own.first_year, own.last_year, year,
                               step=1, key="actual_moved_year")
        persons = st.number_input(ui.tr("col.persons_moved"), min_value=0, value=0, step=1,
                                  key="actual_persons")
        saved = st.form_submit_button(ui.tr("progress.record.save_moved"))
    if saved:
        _save(lambda session: progress.record_moved(
            session=session, actor=ui.actor(), scenario_id=plan.scenario_id, year=int(when),
            persons=int(persons)))


def _save(record) -> None:
    with ui.guard() as attempt:
        with ui.db_session() as session:
            record(session)
    if attempt.failed:
        return
    st.session_state[SAVED_KEY] = True
    st.rerun()
