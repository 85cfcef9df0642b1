"""The robust plan's form: how many need scenarios, how much needs vary, start."""

from __future__ import annotations

import streamlit as st

from optimizer.robust import MAX_SCENARIOS
from pages import _plan as plan
from pages import _shared as ui
from pages._sweep.board import board
from planning.store.sweeps import RobustSpec
from planning.store.tables import Scenario


def section(chosen: Scenario, disabled: bool) -> None:
    default = RobustSpec()
    cols = st.columns(2)
    count = cols[0].number_input(ui.tr("robust.scenarios"), min_value=1,
                                 max_value=MAX_SCENARIOS, value=default.scenarios, step=1,
                                 key="robust_scenarios")
    cv = cols[1].number_input(ui.tr("robust.cv"), min_value=0.0, max_value=2.0,
                              value=default.cv, step=0.05, key="robust_cv",
                              help=ui.tr("robust.cv_help"))
    if st.button(ui.tr("robust.start", version=chosen.current_version), type="primary",
                 icon=":material/shield:", disabled=disabled, key="robust_start"):
        with ui.guard() as attempt:
            board().start_robust(plan.actor(), scenario_id=chosen.id,
                                 version=chosen.current_version,
                                 spec=RobustSpec(scenarios=int(count), cv=float(cv)))
        if not attempt.failed:
            st.rerun()
