"""Compare 2-4 scenarios side by side: key figures, places per municipality and service with
the differences, maps next to each other, charts of cost and coverage.

The selection lives in the URL (``?compare=3&compare=5``, scenario ids in the order picked),
so a comparison can be shared as a link and opens with the same scenarios; each scenario
keeps one colour (by its position) in every chart and map title."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pandas as pd
import streamlit as st

from pages import _plan as plan
from pages import _shared as ui
from planning.domain import results
from planning.domain.public_plan import PublicPlan
from planning.domain.roles import Action, can
from planning.store import published, scenario
from planning.store.tables import Scenario
from planning.views import compare_charts
from planning.views import plan_tables as plan_views

MAX_COMPARED = 4
PICK_KEY = "compare_pick"
URL_KEY = "compare"
ONLY_CHANGES_KEY = "compare_only_changes"
EVERY_VALUE_KEY = "compare_every_value"


def ids_from_url(visible: dict[int, Scenario]) -> list[int]:
    """The scenario ids in ``?compare=``, in their order, that the reader may see (others,
    and text that is no id, are dropped), at most :data:`MAX_COMPARED`."""
    picked: list[int] = []
    for text in st.query_params.get_all(URL_KEY):
        value = int(text) if text.strip().isdigit() else None
        if value in visible and value not in picked:
            picked.append(value)
    return picked[:MAX_COMPARED]


def selection_to_url() -> None:
    """Keep ``?compare=`` equal to the picked scenarios: called on a change of the picker
    only (writing the URL on the first run of a page opened from a link would make
    Streamlit lose the page it was opened on)."""
    picked = st.session_state.get(PICK_KEY) or []
    if picked:
        st.query_params[URL_KEY] = [str(i) for i in picked]
    else:
        st.query_params.pop(URL_KEY, None)


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
    key_figures(plan_views.public_key_figures_frame(compared, lang, ui.catalogue()))
    difference_table(lambda only: plan_views.public_difference_frame(
        compared, ui.catalogue(), lang, only_changes=only), [p.label for p in compared])


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
    if PICK_KEY not in st.session_state:
        st.session_state[PICK_KEY] = ids_from_url(by_id)
    picked = st.multiselect(ui.tr("compare.pick"), list(by_id), key=PICK_KEY,
                            max_selections=MAX_COMPARED, on_change=selection_to_url,
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
    colours = compare_charts.scenario_colours([r.label for r in compared])
    st.subheader(ui.tr("compare.key_figures"), divider="gray")
    st.caption(ui.tr("compare.key_figures_note"))
    key_figures(plan_views.key_figures_frame(compared, lang, cat))
    charts(compared, lang)
    st.subheader(ui.tr("compare.maps"), divider="gray")
    for start in range(0, len(compared), 2):
        row = st.columns(2)
        for col, result in zip(row, compared[start:start + 2], strict=False):
            with col:
                st.markdown(f":{colours[result.label].name}[■] **{ui.literal(result.label)}**")
                plan.draw_map(result, lang, f"compare_map_{start}_{result.label}", height=380,
                         controls=False)
    ui.attribution_line("amcharts")
    difference_table(lambda only: plan_views.difference_frame(compared, cat, lang,
                                                              only_changes=only),
                     [r.label for r in compared])


def key_figures(table: pd.DataFrame) -> None:
    """The key figures side by side, every row in sight (no scrolling inside the table)."""
    st.dataframe(table, key="compare_figures", height=ui.ROW_PX * (len(table) + 1) + 3)


def charts(compared: list[results.ScenarioResult], lang: str) -> None:
    """Cost and coverage, each scenario in its colour and the order it was picked."""
    st.subheader(ui.tr("compare.charts"), divider="gray")
    cols = st.columns(2)
    with cols[0]:
        st.caption(ui.tr("compare.cost_chart"))
        st.vega_lite_chart(compare_charts.cost_chart(
            plan_views.cost_chart_frame(compared, lang), lang), height=300, key="compare_cost")
    with cols[1]:
        st.caption(ui.tr("compare.coverage_chart"))
        st.vega_lite_chart(compare_charts.coverage_chart(
            plan_views.coverage_chart_frame(compared, lang), lang), height=300,
            key="compare_coverage")


def difference_table(frame: Callable[[bool], pd.DataFrame], labels: list[str]) -> None:
    """Places per municipality and service: the first scenario's and each other's change
    from it, narrow enough to read without scrolling sideways (every scenario's own figure
    on request). ``frame(only_changes)`` builds the table, with only the rows where a
    scenario differs from the first by default."""
    st.subheader(ui.tr("compare.difference"), divider="gray")
    cols = st.columns(2)
    only = cols[0].toggle(ui.tr("compare.only_changes"), value=True, key=ONLY_CHANGES_KEY)
    every = cols[1].toggle(ui.tr("compare.every_value"), value=False, key=EVERY_VALUE_KEY)
    changes = [f"Δ {label}" for label in labels[1:]]
    shown = ["municipality", "service", labels[0], *(labels[1:] if every else []), *changes]
    table = frame(only)
    ui.table(table, [c for c in shown if c in table], key="compare_difference",
             max_height=520, widths={c: "small" for c in shown[2:]},
             texts={c: ui.change_text for c in changes})


main()
