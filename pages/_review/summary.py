"""The dossier's summary: key figures and the plan's report as PDF."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from pages._plan import cards
from planning.io import exports, report
from planning.store import review
from planning.views.review_figures import figure_texts


def pdf(dossier: review.ReviewDossier) -> bytes:
    result, plan = dossier.result, dossier.plan
    doc = exports.Plan(result.inputs, result.solution, exports.PlanMetadata(
        scenario=plan.name, version=plan.version, status=plan.status), ui.catalogue())
    return report.plan_report(doc, lang=ui.lang(), consultation=dossier.consultation)


def summary(dossier: review.ReviewDossier) -> None:
    cards(figure_texts(dossier.figures, ui.lang()), per_row=4)
    if dossier.result is not None:
        plan = dossier.plan
        st.download_button(ui.tr("review.pdf"), data=lambda: pdf(dossier),
                           file_name=f"plans_{plan.scenario_id}_v{plan.version}.pdf",
                           mime="application/pdf", on_click="ignore", key="review_pdf",
                           icon=":material/picture_as_pdf:")
