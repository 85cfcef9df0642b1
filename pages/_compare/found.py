"""What is compared: each scenario's newest result, or its public view, labelled uniquely;
and which of the picked scenarios have none (said in a warning)."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from pages import _plan as plan
from pages import _shared as ui
from planning.domain import results
from planning.domain.public_plan import PublicPlan
from planning.store import published, scenario
from planning.store.tables import Scenario
from planning.views import plan_tables as plan_views


def newest_results(chosen: list[Scenario]) -> tuple[list[results.ScenarioResult], list[str]]:
    """Each scenario's newest stored result (of its newest version that has one), labelled
    uniquely; and the names of scenarios without any result."""
    found, missing, labels = [], [], plan_views.unique_labels([s.name for s in chosen])
    with ui.db_session() as session:
        for s, label in zip(chosen, labels, strict=True):
            versions = scenario.list_versions(session=session, actor=plan.actor(),
                                              scenario_id=s.id)
            for v in versions:
                row = scenario.latest_result(session=session, actor=plan.actor(),
                                             scenario_id=s.id, number=v.number)
                if row is not None:
                    found.append(plan.stored(row.id, plan_views.version_label(label, v.number),
                                             v.inputs_json, row.solution_json))
                    break
            else:
                missing.append(s.name)
    return found, missing


def public_results(chosen: list[Scenario]) -> tuple[list[PublicPlan], list[str]]:
    """Each scenario's public view (its newest version the reader may see), labelled
    uniquely; and the names of scenarios without a result."""
    found, missing = [], []
    with ui.db_session() as session:
        for s, label in zip(chosen, plan_views.unique_labels([s.name for s in chosen]),
                            strict=True):
            view = published.public_plan(session=session, actor=plan.actor(), scenario_id=s.id)
            if view is None:
                missing.append(s.name)
            else:
                found.append(replace(view, label=plan_views.version_label(
                    label, view.meta["version"])))
    return found, missing


def missing_warning(missing: list[str]) -> None:
    """Name the scenarios without a result, if any."""
    if missing:
        st.warning(ui.tr("compare.missing", names=", ".join(map(ui.literal, missing))),
                   icon=":material/warning:")
