"""Places per municipality and service: the first scenario's and each other's change."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from pages import _shared as ui

ONLY_CHANGES_KEY = "compare_only_changes"
EVERY_VALUE_KEY = "compare_every_value"


def section(frame: Callable[[bool], pd.DataFrame], labels: list[str]) -> None:
    """The table, narrow enough to read without scrolling sideways (every scenario's own
    figure on request). ``frame(only_changes)`` builds it, with only the rows where a
    scenario differs from the first by default."""
    st.subheader(ui.tr("compare.difference"), divider="gray")
    cols = st.columns(2)
    only = cols[0].toggle(ui.tr("compare.only_changes"), value=True, key=ONLY_CHANGES_KEY)
    every = cols[1].toggle(ui.tr("compare.every_value"), value=False, key=EVERY_VALUE_KEY)
    changes = [f"Δ {label}" for label in labels[1:]]
    shown = ["municipality", "service", labels[0], *(labels[1:] if every else []), *changes]
    table = frame(only)
    ui.table(table, [c for c in shown if c in table], key="compare_difference",
             max_height=520, widths={c: "small" for c in shown[2:]},
             texts={c: ui.change_text for c in changes})
