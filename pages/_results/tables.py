"""The result's tables in tabs: municipalities, places, budget, unmet need, institutions."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pages import _shared as ui
from planning.domain import results
from planning.views import plan_tables as plan_views
from planning.views import site_views

TABS = ("municipalities", "places", "budget", "unmet", "institutions")


def tabs() -> list:
    return st.tabs([ui.tr(f"results.tab.{t}") for t in TABS])


def section(result: results.ScenarioResult, lang: str) -> None:
    cat = ui.catalogue()
    munis, places, budget, unmet, institutions = tabs()
    with munis:
        st.caption(ui.tr("results.eligible_note"))
        ui.table(plan_views.municipalities_frame(result, lang), key="results_municipalities")
    with places:
        ui.table(plan_views.facilities_frame(result, cat, lang), key="results_facilities")
        ui.table(plan_views.places_frame(result, cat, lang), key="results_places")
        centres(result, cat, lang)
        if result.inputs.candidate_sites:
            st.markdown(f"**{ui.tr('results.sites_built')}**")
            ui.table(site_views.built_table(result.inputs, result.solution.sites, cat, lang),
                     key="results_sites")
    with budget:
        ui.table(plan_views.budget_frame(result, lang), key="results_budget")
    with unmet:
        causes = plan_views.unmet_cause_frame(result, lang)
        if causes.empty:
            st.success(ui.tr("results.all_met"), icon=":material/check:")
        else:
            ui.table(causes, key="results_unmet_causes")
            ui.table(plan_views.unmet_frame(result, cat, lang), key="results_unmet")
    with institutions:
        st.caption(ui.tr("results.institutions_note"))
        ui.table(plan_views.institutions_frame(result, lang), key="results_institutions")


def centres(result: results.ScenarioResult, cat, lang: str) -> None:
    """The plan's multifunctional centres, why each was chosen, and their units."""
    st.subheader(ui.tr("centres.title"))
    frame = plan_views.centres_frame(result, cat, lang)
    if frame.empty:
        st.caption(ui.tr("centres.none"))
        return
    st.caption(ui.tr("centres.note"))
    ui.table(frame, key="results_centres", widths={"why": "large"})
    st.caption(ui.tr("centres.units"))
    ui.table(plan_views.centre_units_frame(result, cat, lang), key="results_centre_units")


def public(frames: dict[str, pd.DataFrame]) -> None:
    """The public view's tables (:func:`planning.views.plan_tables.public_frames`)."""
    for tab, name in zip(tabs(), TABS, strict=True):
        with tab:
            ui.table(frames[name], key=f"results_{name}")
