"""The evaluation's form: how many more places the optimizer may add, and the run; the
evaluation is kept per scenario version for the session."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from planning.domain.evaluation import PlanEvaluation, evaluate_given
from planning.domain.inputs import ScenarioInputs

RESULT_KEY = "_evaluation"


def section(saved: ScenarioInputs, key: tuple[int, int]) -> PlanEvaluation | None:
    """The evaluation of version ``key`` ((scenario id, version)): run now, or kept from an
    earlier run of this session; None when there is none (or it failed, said)."""
    with st.form("eval_form"):
        more = st.number_input(ui.tr("eval.more"), min_value=0, value=0, step=1,
                               key="eval_more", help=ui.tr("eval.more_help"))
        run = st.form_submit_button(ui.tr("eval.run"), type="primary",
                                    icon=":material/fact_check:",
                                    disabled=not saved.given_plan)
    if run:
        with st.spinner(ui.tr("eval.running")):
            with ui.guard() as attempt:
                st.session_state[RESULT_KEY] = (key, evaluate_given(
                    saved, ui.catalogue(), more=int(more) or None))
            if attempt.failed:
                return None
    stored = st.session_state.get(RESULT_KEY)
    return stored[1] if stored is not None and stored[0] == key else None
