"""The key figures side by side."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pages import _shared as ui


def section(table: pd.DataFrame, note: bool = True) -> None:
    """The key figures, every row in sight (no scrolling inside the table); ``note``: say
    how they are counted."""
    st.subheader(ui.tr("compare.key_figures"), divider="gray")
    if note:
        st.caption(ui.tr("compare.key_figures_note"))
    st.dataframe(table, key="compare_figures", height=ui.table_height(len(table)))
