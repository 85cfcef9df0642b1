"""The "Noturīgs plāns" section of the sensitivity page: start a robust plan for the scenario
version (``planning.store.sweeps``), follow its progress, then read the chosen plan's
unserved persons and regret, and how often the scenarios' own optima build each facility."""

from __future__ import annotations

import streamlit as st

from pages import _plan as plan
from pages import _shared as ui
from pages._sweep import progress, robust_form, robust_frequency, robust_result, runs
from pages._sweep.board import board
from planning.store import sweeps
from planning.store.tables import Scenario


def read(run_id: int) -> sweeps.RobustView:
    with ui.db_session() as session:
        return sweeps.get_robust(session=session, actor=plan.actor(), run_id=run_id)


def section(chosen: Scenario, division: str, allowed: bool) -> None:
    """The whole section: the form, a running run's progress, the stored runs."""
    st.header(ui.tr("robust.title"))
    st.caption(ui.tr("robust.caption"))
    with ui.guard() as attempt, ui.db_session() as session:
        history = sweeps.list_robust(session=session, actor=plan.actor(),
                                     scenario_id=chosen.id)
    if attempt.failed:
        return
    running = next((r for r in history if r.running), None)
    with st.container(border=True):
        robust_form.section(chosen, disabled=not allowed or running is not None)
    if running is not None:
        progress.follow(lambda: read(running.id),
                        lambda: board().cancel(running.id, plan.actor()),
                        text="robust.progress", cancel_label="robust.cancel",
                        key=f"robust_cancel_{running.id}")
    picked = runs.pick([r for r in history if not r.running], label="robust.label",
                       history="robust.history", key="robust_pick", lang=ui.lang())
    if picked is not None:
        robust_result.section(picked)
        if picked.result is not None:
            robust_frequency.section(picked, chosen, division)
