"""Cost and coverage charts, each scenario in its colour and the order it was picked."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from planning.domain import results
from planning.views import compare_charts
from planning.views import plan_tables as plan_views


def section(compared: list[results.ScenarioResult], lang: str) -> None:
    st.subheader(ui.tr("compare.charts"), divider="gray")
    cols = st.columns(2)
    with cols[0]:
        st.caption(ui.tr("compare.cost_chart"))
        st.vega_lite_chart(compare_charts.cost_chart(
            plan_views.cost_chart_frame(compared, lang), lang), height=300, key="compare_cost")
    with cols[1]:
        st.caption(ui.tr("compare.coverage_chart"))
        st.vega_lite_chart(compare_charts.coverage_chart(
            plan_views.coverage_chart_frame(compared, lang), lang), height=300,
            key="compare_coverage")
