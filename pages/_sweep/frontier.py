"""The efficient frontier: persons served per budget, as a chart and a table."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from planning.store.sweeps import SweepView
from planning.views import sweep_charts
from planning.views import sweep_tables as tables


def section(sweep: SweepView) -> None:
    """Drawn when the sweep has two budgets or more."""
    lang = ui.lang()
    front = tables.frontier_frame(sweep, lang)
    if len(front) < 2:
        return
    st.subheader(ui.tr("sweep.frontier"))
    st.altair_chart(sweep_charts.frontier_chart(front, lang), use_container_width=True)
    ui.table(front, key="sweep_frontier")
