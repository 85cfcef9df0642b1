"""Every point of a sweep: the table and the workbook."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from planning.store.sweeps import SweepView
from planning.views import sweep_tables as tables


def section(sweep: SweepView) -> None:
    lang, cat = ui.lang(), ui.catalogue()
    st.subheader(ui.tr("sweep.points"))
    ui.table(tables.points_frame(sweep, lang, cat), key="sweep_points")
    st.download_button(ui.tr("sweep.download"), tables.sweep_workbook(sweep, lang, cat),
                       file_name=f"sweep-{sweep.id}.xlsx", icon=":material/download:")
