"""Settings: equity floor, cost contingency, mentors' ratio and hourly rate."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from planning.domain.inputs import ScenarioInputs
from planning.views import plan_tables as plan_views


def editor(inputs: ScenarioInputs, key: str, locked: bool) -> ScenarioInputs:
    cat = ui.catalogue()
    mentor = plan_views.mentor_values(inputs, cat)
    cols = st.columns(4)
    floor = cols[0].number_input(ui.tr("inputs.equity_floor"), value=inputs.equity_floor,
                                 step=0.05, format="%.2f", key=f"{key}_floor", disabled=locked,
                                 help=ui.tr("inputs.equity_floor_help"))
    contingency = cols[1].number_input(
        ui.tr("inputs.contingency"), value=inputs.cost_contingency, step=0.05, format="%.2f",
        key=f"{key}_contingency", disabled=locked, help=ui.tr("inputs.contingency_help"))
    ratio = cols[2].number_input(ui.tr("inputs.mentor_ratio"),
                                 value=mentor["clients_per_mentor"], step=1.0,
                                 key=f"{key}_mentor_ratio", disabled=locked)
    rate = cols[3].number_input(ui.tr("inputs.mentor_rate"), value=mentor["hourly_rate"],
                                step=0.5, key=f"{key}_mentor_rate", disabled=locked)
    return plan_views.with_settings(inputs, cat, equity_floor=floor,
                                    cost_contingency=contingency, clients_per_mentor=ratio,
                                    hourly_rate=rate)
