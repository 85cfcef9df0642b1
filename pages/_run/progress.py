"""The followed job's progress, polled while it runs, then how it ended."""

from __future__ import annotations

import streamlit as st

from pages import _plan as plan
from pages import _shared as ui
from pages._run.jobs import board, followed
from planning import i18n
from planning.store.runs import RunJob
from planning.store.tables import Scenario

POLL_SECONDS = 1.0


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
