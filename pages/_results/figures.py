"""Key figures as metric cards, a fixed number to a row."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui


def cards(figures: list[tuple[str, str]], per_row: int) -> None:
    """``figures`` ((catalogue id of the label, text) pairs) in rows of ``per_row`` cards."""
    for start in range(0, len(figures), per_row):
        row = figures[start:start + per_row]
        for col, (key, value) in zip(st.columns(per_row), row, strict=True):
            col.metric(ui.tr(key), value, border=True)
