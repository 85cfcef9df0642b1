"""Consultation management for a region's DI management group: publish a plan for
consultation, moderate and answer comments, submit the plan, download the report; and see
the ministry's decision with its reason."""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from pages import _shared as ui
from planning.domain.errors import NotFoundError
from planning.domain.roles import Action, Role
from planning.io import consultation as report_io
from planning.store import consultation, lifecycle, published
from planning.store.tables import Moderation, Status


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


def seen_version(plan: published.PlanView) -> tuple[int, str]:
    """The version this page showed when the user started (and its session key): steps name
    it, so a version someone saved since is reported, not silently published."""
    key = f"seen_version_{plan.scenario_id}"
    st.session_state.setdefault(key, plan.version)
    return st.session_state[key], key


def lifecycle_steps(plan: published.PlanView) -> None:
    st.subheader(ui.tr("manage.lifecycle"))
    seen, key = seen_version(plan)
    st.caption(ui.tr("manage.current", n=plan.version, status=ui.tr(
        f"plan.status.{plan.status}")))
    if Status(plan.status) in lifecycle.ALLOWED[Action.PUBLISH]:
        publish_form(plan, seen, key)
    if Status(plan.status) in lifecycle.ALLOWED[Action.SUBMIT] and st.button(
            ui.tr("manage.submit"), key="submit_plan", icon=":material/send:"):
        run(lifecycle.submit, "manage.submitted", scenario_id=plan.scenario_id,
            expected_version=seen, forget=key)


def publish_form(plan: published.PlanView, seen: int, key: str) -> None:
    with st.form("publish_form"):
        start_col, end_col = st.columns(2)
        start = start_col.date_input(ui.tr("manage.start"), value=date.today(),
                                     format="DD.MM.YYYY", key="publish_start")
        end = end_col.date_input(ui.tr("manage.end"), value=date.today() + timedelta(days=30),
                                 format="DD.MM.YYYY", key="publish_end")
        publish = st.form_submit_button(ui.tr("manage.publish"), icon=":material/campaign:")
    if publish:
        run(lifecycle.publish, "manage.published", scenario_id=plan.scenario_id, start=start,
            end=end, expected_version=seen, forget=key)


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
        ui.comment_card(c.name, c.organisation, c.created_at, c.text, c.answer)
        st.caption(f"{ui.tr('consult.email')}: {ui.literal(c.email)} · "
                   f"{ui.tr(f'moderation.{c.moderation}')}")
        left, right, _ = st.columns([1, 1, 4])
        if c.moderation != Moderation.PUBLISHED and left.button(
                ui.tr("manage.approve"), key=f"publish_{c.id}"):
            run(consultation.moderate_comment, "manage.saved", comment_id=c.id, publish=True)
        if c.moderation != Moderation.REJECTED and right.button(
                ui.tr("manage.reject"), key=f"reject_{c.id}"):
            run(consultation.moderate_comment, "manage.saved", comment_id=c.id, publish=False)
        with st.form(f"answer_form_{c.id}"):
            answer = st.text_area(ui.tr("manage.answer"), value=c.answer or "",
                                  max_chars=consultation.MAX_ANSWER, key=f"answer_{c.id}")
            if st.form_submit_button(ui.tr("manage.save_answer")):
                run(consultation.answer_comment, "manage.saved", comment_id=c.id,
                    answer=answer)


def report(plan: published.PlanView) -> None:
    st.subheader(ui.tr("manage.report"))
    lang = ui.lang()
    try:
        with ui.db_session() as session:
            data = consultation.consultation_report(session=session, actor=ui.actor(),
                                                    scenario_id=plan.scenario_id)
    except NotFoundError:
        st.caption(ui.tr("manage.report_none"))
        return
    counts = data.counts
    st.caption(ui.tr("manage.report_counts", total=counts["total"],
                     answered=counts["answered"], changes=len(data.changes)))
    left, right = st.columns(2)
    left.download_button(ui.tr("manage.download_xlsx"), report_io.report_workbook(data, lang),
                         file_name=f"apspriesana_{plan.scenario_id}_v{data.version}.xlsx",
                         key="report_xlsx", icon=":material/download:")
    right.download_button(ui.tr("manage.download_csv"), report_io.report_csv(data, lang),
                          file_name=f"apspriesana_{plan.scenario_id}_v{data.version}.csv",
                          mime="text/csv", key="report_csv", icon=":material/download:")


def main() -> None:
    st.title(ui.tr("manage.title"))
    st.caption(ui.tr("manage.intro"))
    if not ui.requires(Role.MANAGEMENT_GROUP, Role.ADMIN):
        return
    with ui.db_session() as session:
        plans = published.managed_plans(session=session, actor=ui.actor())
    if not plans:
        st.info(ui.tr("manage.none"), icon=":material/info:")
        return
    plan = ui.plan_selector(plans, key="manage_plan")
    decision(plan)
    lifecycle_steps(plan)
    comment_queue(plan)
    report(plan)


main()
