"""Managing a scenario: rename, copy, delete (asked twice), each as its role allows."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st
from sqlmodel import Session

from pages import _plan as plan
from pages import _shared as ui
from planning.domain.roles import Action, can
from planning.store import scenario
from planning.store.tables import Scenario

DELETE_PENDING = "scenario_delete_pending"
T = TypeVar("T")


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
