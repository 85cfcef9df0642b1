"""Scenarios: list by region, create (embedded data or a copy), rename, copy, delete,
version history, diff of two versions, restore an earlier version."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st
from sqlmodel import Session

from pages import _plan as plan
from pages import _shared as ui
from planning import i18n
from planning.domain import geo
from planning.domain.roles import Action, can
from planning.store import published, scenario
from planning.store.tables import Scenario
from planning.views import plan_tables as plan_views

DELETE_PENDING = "scenario_delete_pending"
T = TypeVar("T")


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
        sources = [0, *[s.id for s in scenarios if s.region in regions]]
        by_id = {s.id: s for s in scenarios}
        source = st.selectbox(
            ui.tr("scenario.source"), options=sources, key="create_source",
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
        restore(chosen, numbers[1:], lang)


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


def restore(chosen: Scenario, older: list[int], lang: str) -> None:
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


def manage(chosen: Scenario) -> None:
    actor = plan.actor()
    if can(actor, Action.EDIT, chosen):
        with st.form("rename_scenario", border=False):
            cols = st.columns([3, 1], vertical_alignment="bottom")
            name = cols[0].text_input(ui.tr("scenario.rename"), value=chosen.name,
                                      key="rename_name", max_chars=120)
            if cols[1].form_submit_button(ui.tr("scenario.rename_button"),
                                          icon=":material/edit:") and act(
                    lambda s: scenario.rename_scenario(session=s, actor=actor,
                                                       scenario_id=chosen.id, name=name)):
                st.rerun()
    if can(actor, Action.CREATE, chosen):
        with st.form("copy_scenario", border=False):
            cols = st.columns([3, 1], vertical_alignment="bottom")
            name = cols[0].text_input(ui.tr("scenario.copy"), key="copy_name", max_chars=120,
                                      value=ui.tr("scenario.copy_default", name=chosen.name))
            if cols[1].form_submit_button(ui.tr("scenario.copy_button"),
                                          icon=":material/content_copy:"):
                message = ui.tr("scenario.msg_copied", name=chosen.name,
                                number=chosen.current_version)
                copy = act(lambda s: scenario.copy_scenario(session=s, actor=actor,
                                                            scenario_id=chosen.id, name=name,
                                                            message=message))
                if copy is not None:
                    plan.select_next(copy.id)
                    st.rerun()
    if can(actor, Action.DELETE, chosen):
        delete(chosen)


def delete(chosen: Scenario) -> None:
    if st.session_state.get(DELETE_PENDING) != chosen.id:
        if st.button(ui.tr("scenario.delete"), key="delete_button", icon=":material/delete:"):
            st.session_state[DELETE_PENDING] = chosen.id
            st.rerun()
        return
    st.warning(ui.tr("scenario.delete_confirm", name=ui.literal(chosen.name)),
               icon=":material/warning:")
    cols = st.columns(2)
    if cols[0].button(ui.tr("scenario.delete_yes"), key="delete_yes", type="primary"):
        st.session_state.pop(DELETE_PENDING, None)
        if act(lambda s: scenario.delete_scenario(session=s, actor=plan.actor(),
                                                  scenario_id=chosen.id) or True):
            st.rerun()
    if cols[1].button(ui.tr("scenario.delete_no"), key="delete_no"):
        st.session_state.pop(DELETE_PENDING, None)
        st.rerun()


def act(call: Callable[[Session], T]) -> T | None:
    """Run ``call(session)`` and return its value; on failure show why and return None."""
    with ui.guard() as attempt:
        with ui.db_session() as session:
            return call(session)
    if attempt.failed:
        return None


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
