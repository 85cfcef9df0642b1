"""Consultation management for a region's DI management group: publish a plan for
consultation, moderate and answer comments, submit the plan, download the report; and see
the ministry's decision with its reason. The sections live in ``pages/_moderation/``."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from pages._moderation.comments import comment_queue
from pages._moderation.decision import decision
from pages._moderation.lifecycle import lifecycle_steps
from pages._moderation.report import report, responses
from planning.domain.roles import Role
from planning.store import published


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
