"""The evaluation: key figures beside the optimum, the smallest change, budget, sites and
unmet need by cause."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from planning.domain.evaluation import PlanEvaluation
from planning.domain.inputs import ScenarioInputs
from planning.views import evaluation_tables as ev_views


def section(evaluation: PlanEvaluation, saved: ScenarioInputs) -> None:
    lang, cat = ui.lang(), ui.catalogue_of(saved)
    st.subheader(ui.tr("eval.figures"))
    figures = ev_views.figures_frame(evaluation, lang)
    st.dataframe(figures, hide_index=True, key="eval_figures",
                 height=ui.table_height(len(figures)))
    st.caption(ui.tr("eval.money_note"))
    if below := ev_views.below_viable(evaluation):
        st.warning(ui.tr("eval.below_viable", n=below), icon=":material/warning:")
    st.subheader(ui.tr("eval.change"))
    change = ev_views.change_summary(evaluation)
    if change is None:
        st.success(ui.tr("eval.no_change"), icon=":material/check_circle:")
    else:
        st.markdown(ui.tr("eval.change_summary", **change))
        ui.table(ev_views.change_frame(evaluation, saved, cat, lang), key="eval_change")
    st.subheader(ui.tr("eval.budget"))
    ui.table(ev_views.budget_frame(evaluation, lang), key="eval_budget")
    st.subheader(ui.tr("eval.sites"))
    ui.table(ev_views.sites_frame(evaluation, saved, cat, lang), key="eval_sites")
    st.subheader(ui.tr("eval.unmet"))
    ui.table(ev_views.unmet_cause_frame(evaluation, lang), key="eval_unmet")
