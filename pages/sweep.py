"""Sensitivity: solve a scenario version at every point of a grid of one or two inputs, or
each input alone (the tornado); the efficient frontier, the tornado chart, the table and the
workbook; below, a robust plan across need scenarios (``pages._sweep.robust``). Both run in
the background (``planning.store.sweeps``) and are stored as they go, so the page can be left
and re-opened; a fragment polls their progress. Thin: the sections are ``pages._sweep``'s."""

from __future__ import annotations

import streamlit as st

from pages import _plan as plan
from pages import _shared as ui
from pages._sweep import form, frontier, points, progress, robust, runs, status, tornado
from pages._sweep.board import board
from planning.domain.optimizer_input import total_investment
from planning.domain.roles import Action, can
from planning.store import scenario, sweeps


def read(sweep_id: int) -> sweeps.SweepView:
    with ui.db_session() as session:
        return sweeps.get_sweep(session=session, actor=plan.actor(), sweep_id=sweep_id)


def main() -> None:
    chosen = plan.open_scenario("sweep.title", "sweep.caption")
    if chosen is None:
        return
    with ui.guard() as attempt, ui.db_session() as session:
        history = sweeps.list_sweeps(session=session, actor=plan.actor(), scenario_id=chosen.id)
        inputs = scenario.load_inputs(session=session, actor=plan.actor(), scenario_id=chosen.id)
    if attempt.failed:
        return
    running = next((s for s in history if s.running), None)
    allowed = can(plan.actor(), Action.RUN, chosen)
    if not allowed:
        st.info(ui.tr("sweep.not_allowed"), icon=":material/lock:")
    with st.container(border=True):
        form.section(chosen, total_investment(inputs),
                     disabled=not allowed or running is not None)
    if running is not None:
        progress.follow(lambda: read(running.id),
                        lambda: board().cancel(running.id, plan.actor()),
                        text="sweep.progress", cancel_label="sweep.cancel",
                        key=f"cancel_{running.id}")
    picked = runs.pick([s for s in history if not s.running], label="sweep.label",
                       history="sweep.history", key="sweep_pick", lang=ui.lang())
    if picked is not None:
        status.caption(picked)
        frontier.section(picked)
        tornado.section(picked)
        points.section(picked)
    robust.section(chosen, inputs.division, allowed)


main()
