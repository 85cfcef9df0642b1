"""A submitted plan's dossier in tabs: summary, changes, consultation, municipalities,
places, and for an amendment of an approved plan its progress so far (planned against
actual: what the reviewer decides a re-phasing on)."""

from __future__ import annotations

import streamlit as st

from pages import _lifecycle as shared
from pages import _shared as ui
from pages._results import progress
from pages._review.changes import changes
from pages._review.summary import summary
from planning.store import published, review, scenario


def dossier_view(plan: published.PlanView) -> None:
    with ui.db_session() as session:
        dossier = review.review_dossier(session=session, actor=ui.actor(), plan=plan,
                                        lang=ui.lang())
        table = published.allocations(session=session, actor=ui.actor(),
                                      scenario_id=plan.scenario_id, number=plan.version,
                                      lang=ui.lang(), catalogue=ui.catalogue())
        chosen = scenario.scenario_row(session, plan.scenario_id)
    names = ["summary", "changes", "consultation", "municipalities", "places",
             *(["progress"] if chosen.approved_version is not None else [])]
    if dossier.responses.disputed:
        st.warning(ui.trn("review.disputes", dossier.responses.disputed),
                   icon=":material/location_city:")
    tabs = st.tabs([ui.tr(f"review.tab.{t}") for t in names])
    with tabs[0]:
        summary(dossier)
    with tabs[1]:
        changes(dossier)
    with tabs[2]:
        if dossier.consultation is not None:
            shared.consultation_record(dossier.consultation, key="review_record")
    with tabs[3]:
        shared.responses(dossier.responses, key="review_responses")
    with tabs[4]:
        if table is None:
            st.info(ui.tr("plan.no_result"), icon=":material/hourglass_empty:")
        else:
            ui.allocation_table(table, key="review_places")
    if "progress" in names:
        with tabs[5]:
            progress.section(chosen, ui.lang())
