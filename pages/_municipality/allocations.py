"""The municipality's own need and places in the chosen plan (in full), a form per service,
and the whole plan as the public sees it."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from pages._municipality.respond import respond
from planning.store import published
from planning.views.published_views import own_frame


def section(plan: published.PlanView) -> None:
    who, lang = ui.actor(), ui.lang()
    with ui.db_session() as session:
        own = published.own_allocations(session=session, actor=who,
                                        scenario_id=plan.scenario_id, number=plan.version,
                                        lang=lang)
        whole = published.allocations(session=session, actor=who,
                                      scenario_id=plan.scenario_id, number=plan.version,
                                      lang=lang, catalogue=ui.catalogue())
    if not (own["new_places"] > 0).any():
        st.info(ui.tr("muni.none"), icon=":material/info:")
    if not own.empty:
        st.subheader(ui.tr("muni.need_table"), divider="gray")
        ui.allocation_table(own_frame(own, lang), key="muni_own",
                            extra=["need", "unmet", "response", "comment"])
        for row in own.itertuples():
            respond(plan, row)
    if whole is not None:
        with st.expander(ui.tr("muni.whole")):
            st.caption(ui.tr("plan.privacy"))
            ui.allocation_table(whole, key="muni_whole")
