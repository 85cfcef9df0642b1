"""The save bar: a message, what is changed, suspicious edits to confirm, then a new
version, or the conflict with a version someone saved meanwhile and a reload."""

from __future__ import annotations

import hashlib

import streamlit as st

from pages import _plan as plan
from pages import _shared as ui
from pages._inputs.version import CONFLICT_KEY, base_key, reload
from planning import i18n
from planning.domain.inputs import ScenarioInputs, suspicions
from planning.store import scenario
from planning.store.scenario import VersionConflict
from planning.store.tables import Scenario
from planning.views import plan_tables as plan_views

MESSAGE_KEY = "save_message"
CLEAR_MESSAGE_KEY = "inputs_clear_message"


def save_bar(chosen: Scenario, base: int, saved: ScenarioInputs, edited: ScenarioInputs,
             problems: list, locked: bool) -> None:
    conflict = st.session_state.get(CONFLICT_KEY)
    if conflict:
        st.error(conflict, icon=":material/sync_problem:")
        if st.button(ui.tr("inputs.reload"), key="reload_button", icon=":material/refresh:"):
            reload(chosen)
            st.rerun()
        return
    if locked:
        return
    ordered = edited.with_needs(edited.needs_frame()) if not problems else edited
    changes = [] if problems else scenario.diff_inputs(saved, ordered)
    confirmed = not changes or confirm_suspicions(saved, ordered)
    if st.session_state.pop(CLEAR_MESSAGE_KEY, False):
        st.session_state[MESSAGE_KEY] = ""
    cols = st.columns([3, 1], vertical_alignment="bottom")
    message = cols[0].text_input(ui.tr("inputs.message"), key=MESSAGE_KEY, max_chars=500,
                                 placeholder=ui.tr("inputs.message_placeholder"))
    if problems:
        st.caption(ui.trn("inputs.fix_first", len(problems)))
    elif changes:
        st.caption(ui.trn("inputs.changed", len(changes)))
    else:
        st.caption(ui.tr("inputs.unchanged"))
    if cols[1].button(ui.tr("inputs.save"), key="save_button", type="primary",
                      icon=":material/save:",
                      disabled=bool(problems) or not changes or not confirmed):
        save(chosen, base, ordered, message or ui.tr("inputs.default_message"))


def confirm_suspicions(saved: ScenarioInputs, edited: ScenarioInputs) -> bool:
    """Whether the edit may be saved: a zero or halved budget, or a need ten times the
    saved version's, is listed and saved only once the user ticks that it is right (a new
    suspicion asks again)."""
    found = suspicions(saved, edited)
    if not found:
        return True
    lines = plan_views.suspicion_lines(found, ui.lang(), ui.catalogue())
    st.warning(ui.tr("inputs.suspicious") + "\n\n" + "\n".join(
        f"- {ui.literal(line)}" for line in lines), icon=":material/warning:")
    key = "confirm_" + hashlib.sha1(repr(found).encode()).hexdigest()[:12]
    return st.checkbox(ui.tr("inputs.suspicious_confirm"), key=key)


def save(chosen: Scenario, base: int, inputs: ScenarioInputs, message: str) -> None:
    with ui.guard() as attempt:
        try:
            with ui.db_session() as session:
                version = scenario.save_inputs(session=session, actor=plan.actor(),
                                               scenario_id=chosen.id, inputs=inputs,
                                               expected_version=base, message=message)
        except VersionConflict as exc:
            own = exc.author == plan.actor().username
            st.session_state[CONFLICT_KEY] = ui.tr(
                "inputs.conflict_own" if own else "inputs.conflict", mine=exc.expected,
                theirs=exc.current, author=ui.literal(exc.author),
                when=i18n.fmt_datetime(exc.saved_at, ui.lang()))
            st.rerun()
    if attempt.failed:
        return
    st.session_state[base_key(chosen.id)] = version.number
    st.session_state[CLEAR_MESSAGE_KEY] = True
    st.toast(ui.tr("inputs.saved", number=version.number), icon=":material/check:")
    st.rerun()
