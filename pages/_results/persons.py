"""Who is served: persons per priority class and per package, and why the unserved are."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from planning import i18n
from planning.domain import results
from planning.views import plan_tables as plan_views


def section(result: results.ScenarioResult, lang: str) -> None:
    cat = ui.catalogue()
    st.subheader(ui.tr("results.persons"), divider="gray")
    if result.solution.persons.empty:
        st.caption(ui.tr("results.no_persons"))
        return
    st.caption(ui.tr("results.persons_note",
                     priorities=plan_views.priority_text(
                         results.plan_rules(result.inputs, cat), cat, lang)))
    st.markdown(f"**{ui.tr('results.persons_by_class')}**")
    ui.table(plan_views.persons_class_frame(result, cat, lang), key="results_persons_class",
             texts={"coverage": lambda share: i18n.fmt_pct(share, lang)})
    st.markdown(f"**{ui.tr('results.persons_by_package')}**")
    ui.table(plan_views.persons_package_frame(result, cat, lang),
             key="results_persons_package")
    st.markdown(f"**{ui.tr('results.persons_by_cause')}**")
    causes = plan_views.unserved_cause_frame(result, lang)
    if causes.empty:
        st.success(ui.tr("results.all_served"), icon=":material/check:")
    else:
        ui.table(causes, key="results_persons_cause")
