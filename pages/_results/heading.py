"""The captions over a result: version, status, preset, contingency, solver; goal order."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from planning import i18n
from planning.domain import results, sites
from planning.views import plan_tables as plan_views


def caption(result: results.ScenarioResult, number: int, solver: str, lang: str) -> None:
    status = ui.tr(f"run.status.{result.solution.status}")
    st.caption(ui.tr("results.caption", number=number, status=status,
                     preset=i18n.localized(ui.catalogue().presets[result.inputs.preset], lang),
                     contingency=i18n.fmt_pct(result.inputs.cost_contingency, lang),
                     solver=solver))
    goal_order(results.plan_rules(result.inputs, ui.catalogue()), lang)
    st.caption(sites.distance_label(result.inputs, ui.catalogue().distance.detour_factor, lang))


def goal_order(rules: results.PlanRules, lang: str) -> None:
    """The order of the goals the plan followed."""
    st.caption(ui.tr("results.goal_order", order=plan_views.goal_order_text(rules, lang)))
