"""The comment form while the consultation runs; a comment waits for moderation."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from planning.domain.errors import PlanningError
from planning.store import consultation, published

COMMENT_FIELDS = ("name", "organisation", "email", "text")
SENT_KEY = "comment_sent"


def send_comment(scenario_id: int) -> None:
    """Form callback: submit the comment; on success empty the form, else keep it."""
    values = {f: st.session_state.get(f"comment_{f}", "") for f in COMMENT_FIELDS}
    try:
        with ui.db_session() as session:
            consultation.submit_comment(session=session, scenario_id=scenario_id,
                                        actor=ui.actor(), comment_in=values)
    except PlanningError as exc:
        st.session_state[SENT_KEY] = exc
        return
    for f in COMMENT_FIELDS:
        st.session_state[f"comment_{f}"] = ""
    st.session_state[SENT_KEY] = True


def section(plan: published.PlanView) -> None:
    if not plan.open_for_comments:
        st.info(ui.tr("consult.closed"), icon=":material/event_busy:")
        return
    st.subheader(ui.tr("consult.form"))
    with st.form("comment_form"):
        st.text_input(ui.tr("consult.name"), max_chars=120, key="comment_name")
        st.text_input(ui.tr("consult.organisation"), max_chars=200, key="comment_organisation")
        st.text_input(ui.tr("consult.email"), max_chars=254, key="comment_email",
                      help=ui.tr("consult.email_help"))
        st.text_area(ui.tr("consult.text"), max_chars=5000, key="comment_text")
        st.form_submit_button(ui.tr("consult.send"), type="primary", on_click=send_comment,
                              args=(plan.scenario_id,))
    outcome = st.session_state.pop(SENT_KEY, None)
    if isinstance(outcome, PlanningError):
        ui.planning_error(outcome)
    elif outcome:
        st.success(ui.tr("consult.sent"), icon=":material/mark_email_read:")
