"""A scenario's versions: the list, the difference of two, restoring an older one."""

from __future__ import annotations

import streamlit as st

from pages import _plan as plan
from pages import _shared as ui
from planning.domain.roles import Action, can
from planning.store import published, scenario
from planning.store.tables import Scenario
from planning.views import plan_tables as plan_views


def history(chosen: Scenario, lang: str) -> None:
    with ui.db_session() as session:
        versions = scenario.list_versions(session=session, actor=plan.actor(),
                                          scenario_id=chosen.id)
        ran = [v.number for v in versions if published.has_result(
            session=session, actor=plan.actor(), scenario_id=chosen.id, number=v.number)]
    st.dataframe(plan_views.versions_frame(versions, ran, lang), hide_index=True,
                 column_config=ui.column_config(plan_views.versions_frame([], [], lang), lang),
                 key="versions_table")
    numbers = [v.number for v in versions]
    if len(numbers) >= 2 and can(plan.actor(), Action.VIEW_DETAIL, chosen):
        diff_versions(chosen, numbers, lang)
    if can(plan.actor(), Action.EDIT, chosen) and len(numbers) >= 2:
        restore(chosen, numbers[1:])


def diff_versions(chosen: Scenario, numbers: list[int], lang: str) -> None:
    st.subheader(ui.tr("scenario.diff"), divider="gray")
    cols = st.columns(2)
    a = cols[0].selectbox(ui.tr("scenario.diff_from"), numbers, index=1, key="diff_a",
                          format_func=lambda n: f"v{n}")
    b = cols[1].selectbox(ui.tr("scenario.diff_to"), numbers, index=0, key="diff_b",
                          format_func=lambda n: f"v{n}")
    with ui.guard() as attempt:
        with ui.db_session() as session:
            diff = scenario.diff_versions(session=session, actor=plan.actor(),
                                          scenario_id=chosen.id, a=a, b=b)
    if attempt.failed:
        return
    if diff.unchanged:
        st.caption(ui.tr("scenario.diff_none"))
    else:
        frame = plan_views.diff_frame(diff, lang, ui.catalogue())
        st.caption(ui.tr("scenario.diff_count", inputs=len(diff.inputs),
                         results=len(diff.results)))
        ui.table(frame, key="diff_table")
    if not diff.results_compared:
        st.caption(ui.tr("scenario.diff_no_results"))


def restore(chosen: Scenario, older: list[int]) -> None:
    st.subheader(ui.tr("scenario.restore"), divider="gray")
    cols = st.columns([2, 1], vertical_alignment="bottom")
    number = cols[0].selectbox(ui.tr("scenario.restore_which"), older, key="restore_version",
                               format_func=lambda n: f"v{n}")
    if cols[1].button(ui.tr("scenario.restore_button"), key="restore_button",
                      icon=":material/history:"):
        with ui.guard() as attempt:
            with ui.db_session() as session:
                version = scenario.restore_version(
                    session=session, actor=plan.actor(), scenario_id=chosen.id, number=number,
                    expected_version=chosen.current_version,
                    message=ui.tr("scenario.msg_restored", number=number))
        if attempt.failed:
            return
        st.toast(ui.tr("scenario.restored", number=number, new=version.number),
                 icon=":material/check:")
        st.rerun()
