"""What the consultation gave: the municipalities' answers and the report to download."""

from __future__ import annotations

import streamlit as st

from pages import _lifecycle as shared
from pages import _shared as ui
from planning.domain.errors import NotFoundError
from planning.io import consultation as report_io
from planning.store import consultation, published, review


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
