"""The plan's next steps: publish it for consultation, or submit it to the ministry."""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from pages import _lifecycle as shared
from pages import _shared as ui
from pages._moderation.step import run
from planning import i18n
from planning.domain.config import local_today
from planning.domain.roles import Action
from planning.store import lifecycle, published, review
from planning.store.tables import Status
from planning.views import plan_tables as plan_views


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
    if not check.computed:
        st.warning(ui.tr("life.no_result", n=check.number), icon=":material/calculate:")
    if check.pending:
        st.warning(ui.tr("life.open_until", end=i18n.fmt_date(check.end, lang)),
                   icon=":material/forum:")
        close = st.checkbox(ui.tr("life.close_and_submit"), key=f"close_{plan.scenario_id}")
    if check.changed:
        what = plan_views.diff_summary(check.gap, lang)
        st.warning(ui.tr("life.unconsulted", n=check.number, consulted=check.consulted,
                         what=what), icon=":material/difference:")
        shared.diff_table(check.gap, key="unconsulted_diff")
        accept = st.checkbox(ui.tr("life.accept_unconsulted"),
                             key=f"accept_{plan.scenario_id}_{check.number}")
    ready = check.computed and (close or not check.pending) and (accept or not check.changed)
    if st.button(ui.tr("manage.submit"), key="submit_plan", icon=":material/send:",
                 disabled=not ready, help=None if ready else ui.tr(
                     "life.submit_blocked" if check.computed else "life.no_result",
                     n=check.number)):
        run(lifecycle.submit, "manage.submitted", scenario_id=plan.scenario_id,
            expected_version=seen, forget=key, close_consultation=close,
            accept_unconsulted=accept)


def publish_form(plan: published.PlanView, seen: int, key: str) -> None:
    with st.form("publish_form"):
        start_col, end_col = st.columns(2)
        start = start_col.date_input(ui.tr("manage.start"), value=local_today(),
                                     format="DD.MM.YYYY", key="publish_start")
        end = end_col.date_input(ui.tr("manage.end"), value=local_today() + timedelta(days=30),
                                 format="DD.MM.YYYY", key="publish_end")
        publish = st.form_submit_button(ui.tr("manage.publish"), icon=":material/campaign:")
    if publish:
        run(lifecycle.publish, "manage.published", scenario_id=plan.scenario_id, start=start,
            end=end, expected_version=seen, forget=key)
