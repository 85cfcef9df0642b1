"""The ministry's last decision on the plan: approved, or returned with its reason."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from planning.store import published
from planning.store.tables import Status


def decision(plan: published.PlanView) -> None:
    with ui.db_session() as session:
        last = published.last_decision(session=session, actor=ui.actor(),
                                       scenario_id=plan.scenario_id)
    if last is None:
        return
    if last.status == Status.RETURNED:
        st.warning(ui.tr("manage.returned", n=last.number, reason=ui.literal(
            last.status_reason or "")), icon=":material/undo:")
    else:
        st.success(ui.tr("manage.approved", n=last.number), icon=":material/task_alt:")
