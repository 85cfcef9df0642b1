"""The run form: solver, time limit (capped by role), start."""

from __future__ import annotations

import streamlit as st

from optimizer.solvers import SOLVERS
from pages import _plan as plan
from pages import _shared as ui
from planning import i18n
from planning.domain.inputs import zero_budgets
from planning.store import runs, scenario
from planning.store.tables import Scenario

DEFAULT_TIME_LIMIT = 60


def budget_warning(chosen: Scenario) -> None:
    """Say before the run that a region without an ERDF quota gets no new places."""
    with ui.db_session() as session:
        inputs = scenario.load_inputs(session=session, actor=plan.actor(),
                                      scenario_id=chosen.id)
    for region in zero_budgets(inputs):
        st.warning(ui.tr("run.zero_budget", region=i18n.region_name(region, ui.lang())),
                   icon=":material/money_off:")


def run_form(chosen: Scenario, disabled: bool) -> tuple[str, float] | None:
    """The solver and time limit when the form was submitted, else None."""
    budget_warning(chosen)
    with st.form("run_form", border=True):
        cols = st.columns([1, 1, 1], vertical_alignment="bottom")
        solver = cols[0].radio(ui.tr("run.solver"), SOLVERS, key="run_solver", horizontal=True,
                               format_func=lambda s: ui.tr(f"run.solver.{s}"))
        cap = max(1, int(runs.max_time_limit(plan.actor())))
        time_limit = cols[1].number_input(
            ui.tr("run.time_limit"), min_value=1, max_value=cap,
            value=min(DEFAULT_TIME_LIMIT, cap), step=10, key="run_time_limit",
            help=ui.tr("run.time_help") + " " + ui.tr("run.limit_help", cap=cap))
        submitted = cols[2].form_submit_button(
            ui.tr("run.start", version=chosen.current_version), type="primary",
            icon=":material/play_arrow:", disabled=disabled)
    return (solver, float(time_limit)) if submitted else None
