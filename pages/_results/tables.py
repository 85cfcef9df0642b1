"""The result's tables in tabs: municipalities, places, budget, unmet need, institutions."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pages import _shared as ui
from planning.domain import results
from planning.views import plan_tables as plan_views

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


def public(frames: dict[str, pd.DataFrame]) -> None:
    """The public view's tables (:func:`planning.views.plan_tables.public_frames`)."""
    for tab, name in zip(tabs(), TABS, strict=True):
        with tab:
            ui.table(frames[name], key=f"results_{name}")
