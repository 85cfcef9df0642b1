"""Run the optimizer on a scenario's current version: solver, time limit, visible progress.

The run waits in the fair queue of ``planning.store.runs.RunBoard`` (one per server process)
and solves in a child process; a fragment polls it every second, so the page never freezes,
and offers to cancel it. The result is stored with the version it solved, even if the inputs
are saved again meanwhile; a run that a restart of the app interrupted is named, and so is
a run another server (replica) of the app runs. The sections live in ``pages/_run/``.
"""

from __future__ import annotations

import streamlit as st

from pages import _plan as plan
from pages import _shared as ui
from pages._run.form import run_form
from pages._run.history import elsewhere, interrupted, stored_results
from pages._run.jobs import board, follow, followed, start
from pages._run.progress import progress_area
from planning.domain.roles import Action, can


def main() -> None:
    chosen = plan.open_scenario("run.title", "run.caption")
    if chosen is None:
        return
    allowed = can(plan.actor(), Action.RUN, chosen)
    if not allowed:
        st.info(ui.tr("run.not_allowed"), icon=":material/lock:")
    running = board().active(chosen.id)
    submitted = run_form(chosen, disabled=not allowed or running is not None)
    if submitted:
        start(chosen, *submitted)
    elif running is not None and followed(chosen) is None:
        follow(chosen.id, running.id)
    if allowed and running is None:
        interrupted(chosen)
        elsewhere(chosen)
    progress_area(chosen)
    stored_results(chosen)


main()
