"""One step of the management group (publish, submit, moderate, answer), its outcome shown."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui


def run(step, success_key: str, forget: str | None = None, **kwargs) -> None:
    """Call a planning function; show its error (a version conflict with a reload button
    that forgets the ``forget`` session key) or, after a rerun, its success."""
    with ui.guard(forget=forget) as attempt:
        with ui.db_session() as session:
            step(session=session, actor=ui.actor(), **kwargs)
    if attempt.failed:
        return
    if forget:
        st.session_state.pop(forget, None)
    st.toast(ui.tr(success_key), icon=":material/check_circle:")
    st.rerun()
