"""Run the optimizer on a scenario's current version: solver, time limit, visible progress.

The run waits in the fair queue of ``planning.store.runs.RunBoard`` (one per server process)
and solves in a child process; a fragment polls it every second, so the page never freezes,
and offers to cancel it. The result is stored with the version it solved, even if the inputs
are saved again meanwhile; a run that a restart of the app interrupted is named.
"""

from __future__ import annotations

import streamlit as st

from optimizer.solvers import SOLVERS
from pages import _plan as plan
from pages import _shared as ui
from planning import i18n
from planning.domain.config import get_settings
from planning.domain.roles import Action, can
from planning.store import runs, scenario
from planning.store.runs import RunBoard, RunJob
from planning.store.tables import Scenario

JOB_KEY = "run_jobs"  # scenario id -> the id of the job this session last followed
POLL_SECONDS = 1.0
DEFAULT_TIME_LIMIT = 60


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


def show_job(job: RunJob) -> None:
    lang = ui.lang()
    seconds = i18n.fmt_number(job.elapsed(), lang, 1)
    if job.running:
        st.progress(job.progress(), text=ui.tr(f"run.phase.{job.phase}", seconds=seconds,
                                               version=job.version))
        if job.phase == "queued":
            st.caption(ui.tr("run.ahead", n=board().ahead(job), workers=board().workers))
        if st.button(ui.tr("run.cancel"), key=f"cancel_{job.id}", icon=":material/stop:"):
            board().cancel(job.id, plan.actor())
        return
    if job.phase == "cancelled":
        st.info(ui.tr("run.cancelled", version=job.version), icon=":material/stop_circle:")
        return
    if job.phase == "failed":
        st.error(ui.tr("run.failed", version=job.version, error=job.error or ""),
                 icon=":material/error:")
        return
    st.success(ui.tr("run.done", version=job.version, seconds=seconds,
                     status=ui.tr(f"run.status.{job.status}")), icon=":material/check_circle:")
    ui.page_link("pages/results.py", ui.tr("run.see_results"), ":material/insights:")


def progress_area(chosen: Scenario) -> None:
    """The chosen scenario's job's progress; polls while it runs, then reruns the page
    once."""
    job = followed(chosen)
    if job is None:
        return

    @st.fragment(run_every=POLL_SECONDS if job.running else None)
    def poll() -> None:
        show_job(job)
        if not job.running and st.session_state.get("_run_shown") != job.id:
            st.session_state["_run_shown"] = job.id
            st.rerun(scope="app")

    poll()


def interrupted(chosen: Scenario) -> None:
    """Say so when the scenario's last run was interrupted by a restart of the app."""
    with ui.db_session() as session:
        last = runs.recent_runs(session=session, actor=plan.actor(), scenario_id=chosen.id,
                                limit=1)
    if last and last[0].phase == "interrupted":
        st.warning(ui.tr("run.interrupted", version=last[0].version,
                         author=ui.literal(last[0].submitted_by),
                         when=i18n.fmt_datetime(last[0].submitted_at, ui.lang())),
                   icon=":material/restart_alt:")


def stored_results(chosen: Scenario) -> None:
    lang = ui.lang()
    with ui.db_session() as session:
        rows = scenario.list_results(session=session, actor=plan.actor(),
                                     scenario_id=chosen.id, number=chosen.current_version)
    if not rows:
        st.caption(ui.tr("run.no_result", version=chosen.current_version))
        return
    latest = rows[0]
    st.caption(ui.trn("run.has_result", len(rows), version=chosen.current_version,
                     when=i18n.fmt_datetime(latest.created_at, lang),
                     author=ui.literal(latest.created_by), solver=latest.solver,
                     seconds=i18n.fmt_number(latest.run_seconds, lang, 1)))


def main() -> None:
    chosen = plan.open_scenario("run.title", "run.caption")
    if chosen is None:
        return
    allowed = can(plan.actor(), Action.RUN, chosen)
    if not allowed:
        st.info(ui.tr("run.not_allowed"), icon=":material/lock:")
    running = board().active(chosen.id)
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
            icon=":material/play_arrow:", disabled=not allowed or running is not None)
    if submitted:
        start(chosen, solver, float(time_limit))
    elif running is not None and followed(chosen) is None:
        follow(chosen.id, running.id)
    if allowed and running is None:
        interrupted(chosen)
    progress_area(chosen)
    stored_results(chosen)


main()
