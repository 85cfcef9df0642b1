"""Public consultation: published drafts in their consultation period and approved plans,
their new places (counts 1-4 shown as "<5"), published comments and the comment form.

Thin: the sections live in ``pages/_consultation/``."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from pages._consultation import allocations, comments, form
from planning.store import published


def main() -> None:
    lang = ui.lang()
    st.title(ui.tr("consult.title"))
    st.caption(ui.tr("consult.intro"))
    with ui.db_session() as session:
        plans = published.visible_plans(session=session, actor=ui.actor())
    if not plans:
        st.info(ui.tr("plan.none"), icon=":material/info:")
        return
    ui.table(published.plans_frame(plans, lang), ["plan", "region", "version", "status",
                                                  "start", "end"], key="consult_plans")
    plan = ui.plan_selector(plans, key="consult_plan")
    st.header(ui.literal(plan.name), divider="gray")
    ui.plan_caption(plan)
    allocations.section(plan)
    comments.section(plan)
    form.section(plan)


main()
