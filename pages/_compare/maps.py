"""The results maps, two to a row, each titled in its scenario's colour."""

from __future__ import annotations

import streamlit as st

from pages import _plan as plan
from pages import _shared as ui
from planning.domain import results
from planning.views import compare_charts


def section(compared: list[results.ScenarioResult], lang: str) -> None:
    colours = compare_charts.scenario_colours([r.label for r in compared])
    st.subheader(ui.tr("compare.maps"), divider="gray")
    for start in range(0, len(compared), 2):
        row = st.columns(2)
        for col, result in zip(row, compared[start:start + 2], strict=False):
            with col:
                st.markdown(f":{colours[result.label].name}[■] **{ui.literal(result.label)}**")
                plan.draw_map(result, lang, f"compare_map_{start}_{result.label}", height=380,
                              controls=False)
    ui.attribution_line("amcharts")
