"""The tornado: how far each lever alone moves the persons served."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from planning.store.sweeps import SweepView
from planning.views import sweep_charts
from planning.views import sweep_tables as tables


def section(sweep: SweepView) -> None:
    """Drawn when the sweep varied each lever alone."""
    lang = ui.lang()
    torn = tables.tornado_frame(sweep, lang, ui.catalogue())
    if torn.empty:
        return
    st.subheader(ui.tr("sweep.tornado"))
    st.altair_chart(sweep_charts.tornado_chart(torn, lang), use_container_width=True)
