"""What earlier runs left: an interrupted run, a run another server runs, the results
stored for this version."""

from __future__ import annotations

import streamlit as st

from pages import _plan as plan
from pages import _shared as ui
from planning import i18n
from planning.store import runs, scenario
from planning.store.tables import Scenario


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


def elsewhere(chosen: Scenario) -> None:
    """Name the scenario's runs that another server (replica) of the app runs: their
    progress and cancel are there, their result appears here once stored."""
    with ui.db_session() as session:
        going = runs.running_elsewhere(session=session, actor=plan.actor(),
                                       scenario_id=chosen.id)
    for run in going:
        st.info(ui.tr("run.elsewhere", version=run.version,
                      author=ui.literal(run.submitted_by),
                      when=i18n.fmt_datetime(run.submitted_at, ui.lang())),
                icon=":material/dns:")


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
