"""What a reader without detail rights sees: the plan's protected public view only."""

from __future__ import annotations

import streamlit as st

from pages import _plan as plan
from pages import _shared as ui
from pages._results import downloads, heading, tables
from planning.store import published
from planning.store.tables import Scenario
from planning.views import plan_tables as plan_views
from planning.views import result_figures


def section(chosen: Scenario, lang: str) -> None:
    with ui.db_session() as session:
        view = published.public_plan(session=session, actor=plan.actor(),
                                     scenario_id=chosen.id)
        table = None if view is None else published.allocations(
            session=session, actor=plan.actor(), scenario_id=chosen.id,
            number=int(view.meta["version"]), lang=lang, catalogue=ui.catalogue())
    if view is None:
        st.info(ui.tr("results.none"), icon=":material/info:")
        return
    ui.illustrative_notice()
    st.caption(ui.tr("plan.version", n=view.meta["version"]) + " · "
               + ui.tr(f"plan.status.{view.meta['status']}"))
    if view.rules is not None:
        heading.goal_order(view.rules, lang)
    shown = result_figures.public_figures(view.totals, lang)
    plan.cards(shown, per_row=len(shown))
    st.caption(ui.tr("plan.privacy"))
    plan.public_map(table, view.division, view.region, lang, key="results_map")
    tables.public(plan_views.public_frames(view, ui.catalogue(), lang))
    downloads.section(chosen, int(view.meta["version"]), view, lang)
