"""The process's run board and the job this session follows for a scenario."""

from __future__ import annotations

import streamlit as st

from pages import _plan as plan
from pages import _shared as ui
from planning.domain.config import get_settings
from planning.store.runs import RunBoard, RunJob
from planning.store.tables import Scenario

JOB_KEY = "run_jobs"  # scenario id -> the id of the job this session last followed


def board() -> RunBoard:
    """The process's run board of the database the app uses."""
    return _board(get_settings().database_url)


@st.cache_resource(show_spinner=False)
def _board(url: str) -> RunBoard:
    return RunBoard(ui.engine())


def start(chosen: Scenario, solver: str, time_limit: float) -> None:
    with ui.guard() as attempt:
        job = board().submit(plan.actor(), scenario_id=chosen.id,
                             version=chosen.current_version, solver=solver,
                             time_limit=time_limit)
    if attempt.failed:
        return
    follow(chosen.id, job.id)


def follow(scenario_id: int, job_id: int) -> None:
    st.session_state.setdefault(JOB_KEY, {})[scenario_id] = job_id


def followed(chosen: Scenario) -> RunJob | None:
    """The job this session follows for the chosen scenario (never another scenario's)."""
    job = board().get(st.session_state.get(JOB_KEY, {}).get(chosen.id, -1))
    return job if job is not None and job.scenario_id == chosen.id else None
