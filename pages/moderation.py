"""Consultation management for a region's DI management group: publish a plan for
consultation, moderate and answer comments, submit the plan, download the report; and see
the ministry's decision with its reason."""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from pages import _lifecycle as shared
from pages import _shared as ui
from planning import i18n
from planning.domain.errors import NotFoundError
from planning.domain.roles import Action, Role
from planning.io import consultation as report_io
from planning.store import consultation, lifecycle, published, review
from planning.store.tables import Decision, Moderation, Status


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
    """The version the previous run of this page showed (and the session key a conflict
    forgets): steps name it, so a version someone saved between that run and the click is
    reported, not silently published. Every run records what it shows, so one's own saves
    on other pages never count as a conflict here."""
    key = f"seen_version_{plan.scenario_id}"
    seen = st.session_state.get(key, plan.version)
    st.session_state[key] = plan.version
    return seen, key


def lifecycle_steps(plan: published.PlanView) -> None:
    st.subheader(ui.tr("manage.lifecycle"))
    seen, key = seen_version(plan)
    st.caption(ui.tr("manage.current", n=plan.version, status=ui.tr(
        f"plan.status.{plan.status}")))
    status = Status(plan.status)
    if status in lifecycle.ALLOWED[Action.PUBLISH]:
        publish_form(plan, seen, key)
    if status in lifecycle.ALLOWED[Action.SUBMIT] and plan.consulted is not None:
        submit_step(plan, seen, key)


def submit_step(plan: published.PlanView, seen: int, key: str) -> None:
    """Submit: say first that it closes a running consultation, and show how the version
    differs from the consulted one; the group ticks what it accepts."""
    lang = ui.lang()
    with ui.db_session() as session:
        check = review.submission_check(session=session, actor=ui.actor(),
                                        scenario_id=plan.scenario_id)
    close = accept = False
    if check.pending:
        st.warning(ui.tr("life.open_until", end=i18n.fmt_date(check.end, lang)),
                   icon=":material/forum:")
        close = st.checkbox(ui.tr("life.close_and_submit"), key=f"close_{plan.scenario_id}")
    if check.changed:
        count = len(check.gap.inputs) + len(check.gap.results)
        st.warning(ui.tr("life.unconsulted", n=check.number, consulted=check.consulted,
                         count=count), icon=":material/difference:")
        shared.diff_table(check.gap, key="unconsulted_diff")
        accept = st.checkbox(ui.tr("life.accept_unconsulted"),
                             key=f"accept_{plan.scenario_id}_{check.number}")
    ready = (close or not check.pending) and (accept or not check.changed)
    if st.button(ui.tr("manage.submit"), key="submit_plan", icon=":material/send:",
                 disabled=not ready, help=None if ready else ui.tr("life.submit_blocked")):
        run(lifecycle.submit, "manage.submitted", scenario_id=plan.scenario_id,
            expected_version=seen, forget=key, close_consultation=close,
            accept_unconsulted=accept)


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


def responses(plan: published.PlanView) -> None:
    with ui.db_session() as session:
        summary = review.response_summary(session=session, actor=ui.actor(),
                                          scenario_id=plan.scenario_id,
                                          number=plan.consulted or plan.version,
                                          lang=ui.lang())
    shared.responses(summary, key="manage_responses")


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
    responses(plan)
    report(plan)


main()
