"""The comment queue: publish or reject each comment, answer it and record the decision."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from pages._moderation.step import run
from planning.store import consultation, published
from planning.store.tables import Decision, Moderation


def comment_queue(plan: published.PlanView) -> None:
    st.subheader(ui.tr("manage.queue"))
    which = st.segmented_control(ui.tr("manage.filter"), options=[m.value for m in Moderation],
                                 format_func=lambda m: ui.tr(f"moderation.{m}"),
                                 default=Moderation.PENDING.value, key="queue_filter")
    with ui.guard() as attempt:
        with ui.db_session() as session:
            rows = consultation.list_comments(
                session=session, actor=ui.actor(), scenario_id=plan.scenario_id,
                moderation=Moderation(which) if which else None)
    if attempt.failed:
        return
    if not rows:
        st.caption(ui.tr("manage.empty"))
    for c in rows:
        ui.comment_card(c.name, c.organisation, c.created_at, c.text, c.answer, c.decision)
        st.caption(f"{ui.tr('consult.email')}: {ui.literal(c.email)} · "
                   f"{ui.tr(f'moderation.{c.moderation}')}")
        left, right, _ = st.columns([1, 1, 4])
        if c.moderation != Moderation.PUBLISHED and left.button(
                ui.tr("manage.approve"), key=f"publish_{c.id}"):
            run(consultation.moderate_comment, "manage.saved", comment_id=c.id, publish=True)
        if c.moderation != Moderation.REJECTED and right.button(
                ui.tr("manage.reject"), key=f"reject_{c.id}"):
            run(consultation.moderate_comment, "manage.saved", comment_id=c.id, publish=False)
        answer_form(c)


def answer_form(c) -> None:
    """The answer to a comment and whether it was taken into account (for the izziņa)."""
    options = [d.value for d in Decision]
    with st.form(f"answer_form_{c.id}"):
        answer = st.text_area(ui.tr("manage.answer"), value=c.answer or "",
                              max_chars=consultation.MAX_ANSWER, key=f"answer_{c.id}")
        decision = st.radio(ui.tr("life.decision"), options, horizontal=True,
                            index=options.index(c.decision) if c.decision in options else None,
                            format_func=lambda d: ui.tr(f"decision.{d}"),
                            key=f"decision_{c.id}")
        if st.form_submit_button(ui.tr("manage.save_answer")):
            run(consultation.answer_comment, "manage.saved", comment_id=c.id, answer=answer,
                decision=decision)
