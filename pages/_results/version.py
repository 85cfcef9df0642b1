"""The version picker: which run version of a scenario the results page shows."""

from __future__ import annotations

import streamlit as st

from pages import _plan as plan
from pages import _shared as ui
from planning import i18n
from planning.store import scenario
from planning.store.tables import Scenario


def pick(chosen: Scenario, lang: str):
    """The version to show (newest with a result by default) and its newest result; (None,
    None) with a link to the run page when no version has one."""
    with ui.db_session() as session:
        versions = scenario.list_versions(session=session, actor=plan.actor(),
                                          scenario_id=chosen.id)
        ran = {v.number: r for v in versions if (r := scenario.latest_result(
            session=session, actor=plan.actor(), scenario_id=chosen.id, number=v.number))}
    if not ran:
        st.info(ui.tr("results.none"), icon=":material/info:")
        ui.page_link("pages/run.py", ui.tr("results.go_run"), ":material/play_arrow:")
        return None, None
    numbers = sorted(ran, reverse=True)
    number = st.selectbox(ui.tr("results.version"), numbers, key="results_version",
                          format_func=lambda n: ui.tr("results.version_label", number=n,
                                                      when=i18n.fmt_datetime(
                                                          ran[n].created_at, lang)))
    if number != chosen.current_version:
        st.caption(ui.tr("results.not_current", number=number, current=chosen.current_version))
    return next(v for v in versions if v.number == number), ran[number]
