"""Plan approval for ministry reviewers: every region's plans; approve a submitted plan or
return it with a reason. Nothing here edits a region's inputs (``planning.domain.roles``)."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from planning.domain.roles import Role
from planning.store import lifecycle, published


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
    st.success((ui.tr("review.approved") if approve else ui.tr("review.returned")),
               icon=":material/check_circle:")


def main() -> None:
    st.title(ui.tr("review.title"))
    st.caption(ui.tr("review.intro"))
    if not ui.requires(Role.MINISTRY):
        return
    lang, who = ui.lang(), ui.actor()
    with ui.db_session() as session:
        plans = published.regional_plans(session=session, actor=who)
    st.subheader(ui.tr("review.all"))
    ui.table(published.plans_frame(plans, lang), ["plan", "region", "version", "status",
                                                  "start", "end"], key="review_all")
    submitted = [p for p in plans if p.status == "submitted"]
    st.subheader(ui.tr("review.submitted"))
    if not submitted:
        st.info(ui.tr("review.none"), icon=":material/inbox:")
        return
    plan = ui.plan_selector(submitted, key="review_plan")
    ui.plan_caption(plan)
    with ui.db_session() as session:
        table = published.allocations(session=session, actor=who, scenario_id=plan.scenario_id,
                                      number=plan.version, lang=lang, catalogue=ui.catalogue())
    if table is None:
        st.info(ui.tr("plan.no_result"), icon=":material/hourglass_empty:")
    else:
        ui.allocation_table(table, key="review_places")
    decide(plan)


main()
