"""Compare 2-4 scenarios side by side: key figures, places per municipality and service with
the differences, maps next to each other, charts of cost and coverage."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from pages import _plan as plan
from pages import _shared as ui
from planning.domain import results
from planning.domain.public_plan import PublicPlan
from planning.domain.roles import Action, can
from planning.store import published, scenario
from planning.store.tables import Scenario
from planning.views import plan_tables as plan_views

MAX_COMPARED = 4
PICK_KEY = "compare_pick"


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
                    found.append(plan.stored(row.id, f"{label} (v{v.number})", v.inputs_json,
                                        row.solution_json))
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
                found.append(replace(view, label=f"{label} (v{view.meta['version']})"))
    return found, missing


def public_compare(chosen: list[Scenario], lang: str) -> None:
    """The comparison for readers without detail rights: public views only."""
    compared, missing = public_results(chosen)
    if missing:
        st.warning(ui.tr("compare.missing", names=", ".join(missing)), icon=":material/warning:")
    if len(compared) < 2:
        return
    st.caption(ui.tr("plan.privacy"))
    st.subheader(ui.tr("compare.key_figures"), divider="gray")
    st.dataframe(plan_views.public_key_figures_frame(compared, lang, ui.catalogue()),
                 key="compare_figures")
    st.subheader(ui.tr("compare.difference"), divider="gray")
    ui.table(plan_views.public_difference_frame(compared, ui.catalogue(), lang),
               key="compare_difference", max_height=520)


def main() -> None:
    lang = ui.lang()
    st.title(ui.tr("compare.title"))
    st.caption(ui.tr("compare.caption"))
    with ui.guard() as attempt:
        with ui.db_session() as session:
            scenarios = scenario.list_scenarios(session=session, actor=plan.actor())
    if attempt.failed:
        return
    by_id = {s.id: s for s in scenarios}
    picked = st.multiselect(ui.tr("compare.pick"), list(by_id), key=PICK_KEY,
                            max_selections=MAX_COMPARED,
                            format_func=lambda i: plan_views.scenario_label(by_id[i], lang),
                            placeholder=ui.tr("compare.placeholder"))
    if len(picked) < 2:
        st.info(ui.tr("compare.need_two"), icon=":material/info:")
        return
    if not all(can(plan.actor(), Action.VIEW_DETAIL, by_id[i]) for i in picked):
        with ui.guard():
            public_compare([by_id[i] for i in picked], lang)
        return
    with ui.guard() as attempt:
        compared, missing = newest_results([by_id[i] for i in picked])
    if attempt.failed:
        return
    if missing:
        st.warning(ui.tr("compare.missing", names=", ".join(map(ui.literal, missing))),
                   icon=":material/warning:")
    if len(compared) < 2:
        return
    cat = ui.catalogue()
    st.subheader(ui.tr("compare.key_figures"), divider="gray")
    st.dataframe(plan_views.key_figures_frame(compared, lang, cat), key="compare_figures")
    st.subheader(ui.tr("compare.charts"), divider="gray")
    cols = st.columns(2)
    with cols[0]:
        st.caption(ui.tr("compare.cost_chart"))
        st.bar_chart(plan_views.cost_chart_frame(compared, lang), stack=False, height=300)
    with cols[1]:
        st.caption(ui.tr("compare.coverage_chart"))
        st.bar_chart(plan_views.coverage_chart_frame(compared, lang), stack=False, height=300)
    st.subheader(ui.tr("compare.maps"), divider="gray")
    for start in range(0, len(compared), 2):
        row = st.columns(2)
        for col, result in zip(row, compared[start:start + 2], strict=False):
            with col:
                st.markdown(f"**{ui.literal(result.label)}**")
                plan.draw_map(result, lang, f"compare_map_{start}_{result.label}", height=380,
                         controls=False)
    ui.attribution_line("amcharts")
    st.subheader(ui.tr("compare.difference"), divider="gray")
    ui.table(plan_views.difference_frame(compared, cat, lang), key="compare_difference",
               max_height=520)


main()
