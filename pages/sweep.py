"""Sensitivity: solve a scenario version at every point of a grid of one or two inputs, or
each input alone (the tornado); the efficient frontier, the tornado chart, the table and the
workbook; below, a robust plan across need scenarios (``pages._robust``). Both run in the
background (``planning.store.sweeps``) and are stored as they go, so the page can be left
and re-opened; a fragment polls their progress."""

from __future__ import annotations

import altair as alt
import streamlit as st

from optimizer.sweep import Axis, Lever
from pages import _plan as plan
from pages import _robust as robust
from pages import _shared as ui
from planning import i18n
from planning.domain import geo
from planning.domain.config import get_settings
from planning.domain.roles import Action, can
from planning.domain.sweeps import levers, parse_values
from planning.store import scenario, sweeps
from planning.store.sweeps import SweepBoard, SweepSpec, SweepView
from planning.store.tables import Scenario
from planning.views import sweep_tables as tables

POLL_SECONDS = 1.0


@st.cache_resource(show_spinner=False)
def _board(url: str) -> SweepBoard:
    return SweepBoard(ui.engine())


def board() -> SweepBoard:
    return _board(get_settings().database_url)


def sweep_form(chosen: Scenario, budget_eur: float, disabled: bool) -> None:
    lang, cat = ui.lang(), ui.catalogue()
    options = [lv.key for lv in levers(cat, chosen.region, list(geo.REGIONS))]
    label = lambda k: tables.lever_label(k, lang, cat)  # noqa: E731
    alone = st.radio(ui.tr("sweep.mode"), [False, True], horizontal=True, key="sweep_mode",
                     format_func=lambda a: ui.tr(f"sweep.mode.{'alone' if a else 'grid'}"))
    axes_text = []
    for n, default in ((1, "budget"), (2, None)):
        cols = st.columns([1, 2])
        choices = options if n == 1 else ["", *options]
        key = cols[0].selectbox(ui.tr("sweep.lever", n=n), choices, key=f"sweep_lever{n}",
                                index=choices.index(default) if default else 0,
                                format_func=lambda k: label(k) if k else ui.tr("sweep.none"))
        if key:
            text = cols[1].text_input(ui.tr("sweep.values"), key=f"sweep_values{n}_{key}",
                                      value=tables.default_values(key, budget_eur, lang),
                                      help=ui.tr("sweep.values_help"))
            axes_text.append((key, text))
    if st.button(ui.tr("sweep.start", version=chosen.current_version), type="primary",
                 icon=":material/play_arrow:", disabled=disabled):
        with ui.guard() as attempt:
            spec = SweepSpec([Axis(Lever.parse(k), parse_values(t, lang, column=label(k)))
                              for k, t in axes_text], one_at_a_time=alone)
            board().start(plan.actor(), scenario_id=chosen.id,
                          version=chosen.current_version, spec=spec)
        if not attempt.failed:
            st.rerun()


def progress(sweep_id: int) -> None:
    @st.fragment(run_every=POLL_SECONDS)
    def poll() -> None:
        with ui.db_session() as session:
            now = sweeps.get_sweep(session=session, actor=plan.actor(), sweep_id=sweep_id)
        if not now.running:
            st.rerun(scope="app")
        st.progress(now.done / max(now.total, 1),
                    text=ui.trn("sweep.progress", now.done, total=now.total))
        if st.button(ui.tr("sweep.cancel"), icon=":material/stop:", key=f"cancel_{sweep_id}"):
            board().cancel(sweep_id, plan.actor())

    poll()


def show(sweep: SweepView) -> None:
    lang, cat = ui.lang(), ui.catalogue()
    st.caption(ui.tr(f"sweep.status.{sweep.status}", done=sweep.done, total=sweep.total,
                     version=sweep.version, author=ui.literal(sweep.created_by),
                     when=i18n.fmt_datetime(sweep.created_at, lang),
                     error=ui.literal(sweep.error or "")))
    front = tables.frontier_frame(sweep, lang)
    if len(front) >= 2:
        st.subheader(ui.tr("sweep.frontier"))
        x, y = front.columns[0], front.columns[1]
        axis = alt.Axis(labelExpr=tables.axis_labels(lang))
        data = front.rename(columns={x: "x", y: "y"})[["x", "y"]]
        st.altair_chart(alt.Chart(data).mark_line(point=True).encode(
            x=alt.X("x", title=x, axis=axis), y=alt.Y("y", title=y, axis=axis),
            tooltip=[alt.Tooltip("x", title=x), alt.Tooltip("y", title=y)]),
            use_container_width=True)
        ui.table(front, key="sweep_frontier")
    torn = tables.tornado_frame(sweep, lang, cat)
    if not torn.empty:
        st.subheader(ui.tr("sweep.tornado"))
        lever, low, high = torn.columns[0], torn.columns[3], torn.columns[4]
        data = torn.rename(columns={lever: "lever", low: "low", high: "high"})
        st.altair_chart(alt.Chart(data).mark_bar().encode(
            y=alt.Y("lever", sort=None, title=None),
            x=alt.X("low", title=ui.tr("sweep.col.served"),
                    axis=alt.Axis(labelExpr=tables.axis_labels(lang))),
            x2="high", tooltip=[alt.Tooltip("lever", title=lever),
                                alt.Tooltip("low", title=low), alt.Tooltip("high", title=high)]),
            use_container_width=True)
    st.subheader(ui.tr("sweep.points"))
    ui.table(tables.points_frame(sweep, lang, cat), key="sweep_points")
    st.download_button(ui.tr("sweep.download"), tables.sweep_workbook(sweep, lang, cat),
                       file_name=f"sweep-{sweep.id}.xlsx", icon=":material/download:")


def main() -> None:
    lang = ui.lang()
    chosen = plan.open_scenario("sweep.title", "sweep.caption")
    if chosen is None:
        return
    with ui.guard() as attempt, ui.db_session() as session:
        history = sweeps.list_sweeps(session=session, actor=plan.actor(), scenario_id=chosen.id)
        inputs = scenario.load_inputs(session=session, actor=plan.actor(), scenario_id=chosen.id)
    if attempt.failed:
        return
    running = next((s for s in history if s.running), None)
    allowed = can(plan.actor(), Action.RUN, chosen)
    if not allowed:
        st.info(ui.tr("sweep.not_allowed"), icon=":material/lock:")
    budget = sum(b.total_investment_eur for b in inputs.budgets.values())
    with st.container(border=True):
        sweep_form(chosen, budget, disabled=not allowed or running is not None)
    if running is not None:
        progress(running.id)
    finished = [s for s in history if not s.running]
    if finished:
        picked = st.selectbox(ui.tr("sweep.history"), finished, key="sweep_pick",
                              format_func=lambda s: ui.tr("sweep.label", id=s.id,
                                                          version=s.version,
                                                          when=i18n.fmt_datetime(
                                                              s.created_at, lang)))
        show(picked)
    robust.section(chosen, board(), inputs.division, allowed)


main()
