"""The reviewer's decision: approve with a note, or return with a reason."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from planning.store import lifecycle, published

DONE_KEY = "review_done"


def decide(plan: published.PlanView) -> None:
    approve_col, return_col = st.columns(2)
    with approve_col, st.form("approve_form"):
        note = st.text_area(ui.tr("review.note"), max_chars=lifecycle.MAX_REASON,
                            key="approve_note")
        approve = st.form_submit_button(ui.tr("review.approve"), type="primary",
                                        icon=":material/task_alt:")
    with return_col, st.form("return_form"):
        reason = st.text_area(ui.tr("review.reason"), max_chars=lifecycle.MAX_REASON,
                              key="return_reason")
        send_back = st.form_submit_button(ui.tr("review.return"), icon=":material/undo:")
    if not (approve or send_back):
        return
    with ui.guard() as attempt:
        with ui.db_session() as session:
            if approve:
                lifecycle.approve(session=session, actor=ui.actor(),
                                  scenario_id=plan.scenario_id, note=note)
            else:
                lifecycle.return_plan(session=session, actor=ui.actor(),
                                      scenario_id=plan.scenario_id, reason=reason)
    if attempt.failed:
        return
    st.session_state[DONE_KEY] = "review.approved" if approve else "review.returned"
    st.rerun()  # the page then shows the state the decision caused


def done() -> None:
    """The outcome of the decision taken in the previous run, once."""
    if key := st.session_state.pop(DONE_KEY, None):
        st.success(ui.tr(key), icon=":material/check_circle:")
