"""Municipal response: a municipality sees published and approved plans, its residents'
needs with what the plan offers them (new places, unmet need), and confirms or disputes
each allocation with a comment — also a service its residents need and got no places of;
once a plan is approved, records what it really opened and how many persons moved out.

Thin: the sections live in ``pages/_municipality/``."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from pages._municipality import actuals, allocations, respond
from planning.domain.roles import Role
from planning.store import published


def main() -> None:
    st.title(ui.tr("muni.title"))
    st.caption(ui.tr("muni.intro"))
    if not ui.requires(Role.MUNICIPALITY):
        return
    who = ui.actor()
    st.markdown(ui.tr("muni.yours", name=ui.literal(ui.municipality_name(
        who.municipality_code))))
    respond.saved_notice()
    with ui.db_session() as session:
        plans = published.visible_plans(session=session, actor=who)
    if not plans:
        st.info(ui.tr("plan.none"), icon=":material/info:")
        return
    plan = ui.plan_selector(plans, key="muni_plan")
    ui.plan_caption(plan)
    actuals.section(plan)
    allocations.section(plan)


main()
