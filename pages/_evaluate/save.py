"""Saving an edited or uploaded plan as a new version of the scenario."""

from __future__ import annotations

import streamlit as st

from pages import _plan as plan
from pages import _shared as ui
from planning.domain.inputs import ScenarioInputs
from planning.store import scenario
from planning.store.tables import Scenario


def save(chosen: Scenario, inputs: ScenarioInputs, message: str) -> None:
    """Save ``inputs`` (the right to edit is checked by the store), say so, and rerun."""
    with ui.guard() as attempt:
        with ui.db_session() as session:
            version = scenario.save_inputs(session=session, actor=plan.actor(),
                                           scenario_id=chosen.id, inputs=inputs,
                                           expected_version=chosen.current_version,
                                           message=message)
    if attempt.failed:
        return
    st.toast(ui.tr("eval.saved", number=version.number), icon=":material/check:")
    st.rerun()
