"""The budgets table per planning region, and the totals it gives."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from planning.domain.inputs import ScenarioInputs
from planning.views import plan_tables as plan_views

BUDGET_ENTRIES = ("erdf_quota_eur", "cofinancing_share", "running_budget_eur_per_year")


def editor(inputs: ScenarioInputs, key: str, locked: bool) -> ScenarioInputs:
    """Budgets as text cells ("1 500 000" or "1 500 000,50" is read as written); the total
    investment available is recalculated below from what is typed, before saving."""
    lang = ui.lang()
    frame = plan_views.budgets_frame(inputs, lang).drop(columns=["total_investment_eur"])
    shown = plan_views.entry_frame(frame, BUDGET_ENTRIES, lang)
    edited = st.data_editor(
        shown, key=key, hide_index=True, disabled=True if locked else ["region"],
        column_config={
            "region": st.column_config.TextColumn(ui.tr("col.region")),
            "erdf_quota_eur": st.column_config.TextColumn(
                ui.tr("col.erdf_quota_eur"), alignment="right", help=ui.tr("inputs.entry_help")),
            "cofinancing_share": st.column_config.TextColumn(
                ui.tr("col.cofinancing_share"), alignment="right",
                help=ui.tr("inputs.share_help")),
            "running_budget_eur_per_year": st.column_config.TextColumn(
                ui.tr("col.running_budget_eur_per_year"), alignment="right",
                help=ui.tr("inputs.running_help")),
        },
    )
    changed = plan_views.budgets_from_frame(inputs, edited, lang)
    st.caption(ui.tr("inputs.budget_totals"))
    ui.table(plan_views.budget_totals_frame(changed, lang), key=f"{key}_totals")
    return changed
