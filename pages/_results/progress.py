"""Progress against the approved plan, for the management group and the ministry: planned
against actual places, investment and persons moved by year (a chart and tables, slipping
rows flagged), and the group's amendment: a new version with what is built fixed and the
remaining years re-phased, shown against the approved plan."""

from __future__ import annotations

import datetime

import streamlit as st

from pages import _lifecycle as shared
from pages import _plan as plan
from pages import _shared as ui
from pages._results.years import phased
from planning.domain import progress as domain
from planning.domain.roles import Action, can
from planning.store import progress, published, scenario
from planning.store.tables import Scenario
from planning.views import progress_tables as views

AMENDED_KEY = "progress_amended"


def section(chosen: Scenario, lang: str) -> None:
    if chosen.approved_version is None:
        return
    who = plan.actor()
    number = chosen.approved_version
    st.subheader(ui.tr("progress.title", n=number), divider="gray")
    st.caption(ui.tr("progress.note"))
    with ui.guard() as attempt:
        with ui.db_session() as session:
            result = published.version_result(session=session, actor=who,
                                              scenario_id=chosen.id, number=number)
            stored = scenario.latest_result(session=session, actor=who,
                                            scenario_id=chosen.id, number=number)
            records = progress.actuals(session=session, actor=who, scenario_id=chosen.id)
    if attempt.failed or result is None or stored is None:
        return
    horizon = result.inputs.horizon()
    with ui.guard() as attempt, st.spinner(ui.tr("results.years.working")):
        approved = phased(stored.id, horizon, result)
    if attempt.failed:
        return
    today = datetime.date.today().year
    report = domain.planned_vs_actual(approved.projects, records, horizon.years, today)
    _draw(report, result.inputs.division, lang)
    if can(who, Action.EDIT, chosen):
        _amend(chosen, approved, horizon, today, lang)


def _draw(report: domain.Progress, division: str, lang: str) -> None:
    if report.slipping:
        st.warning(ui.trn("progress.slipping", report.slipping), icon=":material/schedule:")
    elif report.openings["actual_places"].sum() == 0 and report.moved["actual_moved"].sum() == 0:
        st.info(ui.tr("progress.nothing_yet"), icon=":material/info:")
    places, moved, eur = st.columns(3)
    for where, measure, unit in ((places, "places", "col.places"),
                                 (moved, "moved", "col.persons_moved"),
                                 (eur, "investment_eur", "col.investment_eur")):
        with where:
            st.markdown(f"**{ui.tr(f'progress.chart.{measure}')}**")
            st.bar_chart(views.chart(report, measure, lang), stack=False,
                         x_label=ui.tr("col.year"), y_label=ui.tr(unit), height=240)
    openings, persons = st.tabs([ui.tr("progress.tab.openings"), ui.tr("progress.tab.moved")])
    with openings:
        ui.table(views.openings_frame(report, ui.catalogue(), division, lang),
                 key="progress_openings", download="planned_vs_actual.csv")
    with persons:
        ui.table(views.moved_frame(report, division, lang), key="progress_moved",
                 download="persons_moved_planned_vs_actual.csv")
    st.caption(ui.tr("progress.privacy"))


def _amend(chosen: Scenario, approved, horizon, today: int, lang: str) -> None:
    st.markdown(f"**{ui.tr('progress.amend.title')}**")
    st.caption(ui.tr("progress.amend.note"))
    cols = st.columns([2, 1], vertical_alignment="bottom")
    start = cols[0].number_input(ui.tr("progress.amend.from"), horizon.first_year,
                                 horizon.last_year,
                                 min(max(today, horizon.first_year), horizon.last_year),
                                 step=1, key="amend_from")
    if cols[1].button(ui.tr("progress.amend.button"), key="amend_button",
                      icon=":material/edit_calendar:"):
        with ui.guard() as attempt:
            with ui.db_session() as session:
                version = progress.start_amendment(session=session, actor=plan.actor(),
                                                   scenario_id=chosen.id,
                                                   remaining_from=int(start))
        if not attempt.failed:
            st.session_state[AMENDED_KEY] = (chosen.id, version.number)
            st.rerun()
    amended = st.session_state.get(AMENDED_KEY)
    if amended and amended[0] == chosen.id:
        _amendment_diff(chosen, approved, amended[1], lang)


def _amendment_diff(chosen: Scenario, approved, number: int, lang: str) -> None:
    """The amendment against the approved plan: its changed inputs (as every version diff
    is shown) and the openings that move."""
    who = plan.actor()
    st.success(ui.tr("progress.amend.done", n=number, approved=chosen.approved_version),
               icon=":material/check_circle:")
    with ui.guard() as attempt:
        with ui.db_session() as session:
            diff = scenario.diff_versions(session=session, actor=who, scenario_id=chosen.id,
                                          a=chosen.approved_version, b=number)
            result = published.version_result(session=session, actor=who,
                                              scenario_id=chosen.id, number=number)
            stored = scenario.latest_result(session=session, actor=who,
                                            scenario_id=chosen.id, number=number)
        after = phased(stored.id, result.inputs.horizon(), result)
    if attempt.failed:
        return
    shared.diff_table(diff, key="amend_diff")
    st.markdown(f"**{ui.tr('progress.amend.moves')}**")
    ui.table(views.phasing_changes(approved, after, ui.catalogue(), result.inputs.division,
                                   lang), key="amend_changes")
