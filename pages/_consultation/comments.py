"""While the consultation runs: its published comments. After it: the record of every
consultation held on the plan (comments, answers, decisions, what changed)."""

from __future__ import annotations

import streamlit as st

from pages import _lifecycle as shared
from pages import _shared as ui
from planning.store import consultation, published


def section(plan: published.PlanView) -> None:
    if not plan.open_for_comments and plan.consulted is not None:
        with ui.db_session() as session:
            numbers = consultation.consulted_versions(session=session, actor=ui.actor(),
                                                      scenario_id=plan.scenario_id)
            records = [consultation.consultation_report(
                session=session, actor=ui.actor(), scenario_id=plan.scenario_id, number=n)
                for n in numbers]
        for record in records:
            shared.consultation_record(record, key=f"record_{record.version}")
        return
    st.subheader(ui.tr("consult.comments"))
    with ui.db_session() as session:
        shown = consultation.public_comments(session=session, actor=ui.actor(),
                                             scenario_id=plan.scenario_id, number=plan.version)
    if not shown:
        st.caption(ui.tr("consult.no_comments"))
    for c in shown:
        ui.comment_card(c.name, c.organisation, c.created_at, c.text, c.answer, c.decision)
