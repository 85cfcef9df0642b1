"""The "Noturīgs plāns" section of the sensitivity page: start a robust plan for the scenario
version (``planning.store.sweeps``), follow its progress, then read the chosen plan's
unserved persons and regret, and how often the scenarios' own optima build each facility,
as a table and a map (unsuppressed counts: the page needs VIEW_DETAIL)."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from streamlit_folium import st_folium

from optimizer.robust import MAX_SCENARIOS
from pages import _plan as plan
from pages import _shared as ui
from planning import i18n
from planning.domain import geo
from planning.io import robust_export
from planning.store import sweeps
from planning.store.sweeps import RobustSpec, RobustView, SweepBoard
from planning.store.tables import Scenario
from planning.views import reference_views as views
from planning.views import result_maps
from planning.views import sweep_tables as tables

POLL_SECONDS = 1.0


def robust_form(chosen: Scenario, board: SweepBoard, disabled: bool) -> None:
    default = RobustSpec()
    cols = st.columns(2)
    count = cols[0].number_input(ui.tr("robust.scenarios"), min_value=1,
                                 max_value=MAX_SCENARIOS, value=default.scenarios, step=1,
                                 key="robust_scenarios")
    cv = cols[1].number_input(ui.tr("robust.cv"), min_value=0.0, max_value=2.0,
                              value=default.cv, step=0.05, key="robust_cv",
                              help=ui.tr("robust.cv_help"))
    if st.button(ui.tr("robust.start", version=chosen.current_version), type="primary",
                 icon=":material/shield:", disabled=disabled, key="robust_start"):
        with ui.guard() as attempt:
            board.start_robust(plan.actor(), scenario_id=chosen.id,
                               version=chosen.current_version,
                               spec=RobustSpec(scenarios=int(count), cv=float(cv)))
        if not attempt.failed:
            st.rerun()


def progress(run_id: int, cancel: Callable[[int], object]) -> None:
    @st.fragment(run_every=POLL_SECONDS)
    def poll() -> None:
        with ui.db_session() as session:
            now = sweeps.get_robust(session=session, actor=plan.actor(), run_id=run_id)
        if not now.running:
            st.rerun(scope="app")
        st.progress(now.done / max(now.total, 1),
                    text=ui.trn("robust.progress", now.done, total=now.total))
        if st.button(ui.tr("robust.cancel"), icon=":material/stop:",
                     key=f"robust_cancel_{run_id}"):
            cancel(run_id)

    poll()


def show(run: RobustView, chosen: Scenario, division: str) -> None:
    lang, cat = ui.lang(), ui.catalogue()
    st.caption(ui.tr(f"robust.status.{run.status}", done=run.done, total=run.total,
                     version=run.version, scenarios=i18n.fmt_int(run.spec.scenarios, lang),
                     cv=i18n.fmt_number(run.spec.cv, lang, 2),
                     author=ui.literal(run.created_by),
                     when=i18n.fmt_datetime(run.created_at, lang),
                     error=ui.literal(run.error or "")))
    result = run.result
    if result is None:
        return
    persons = lambda v: i18n.fmt_number(v, lang, 1)  # noqa: E731
    figures = [("robust.expected", result["expected_unserved"]),
               ("robust.worst", result["worst_unserved"]),
               ("robust.regret", result["max_regret"])]
    for col, (key, value) in zip(st.columns(len(figures)), figures, strict=True):
        col.metric(ui.tr(key), persons(value), border=True)
    assessed = result["assessed"]
    st.caption(ui.tr("robust.assessed", expected=persons(assessed["expected_unserved"]),
                     worst=persons(assessed["worst_unserved"]),
                     regret=persons(assessed["max_regret"]),
                     candidates=i18n.fmt_int(result["candidates"], lang)))
    names = dict(views.municipality_names(division, lang)
                 .set_index("atvk_code")["municipality"])
    st.markdown(f"**{ui.tr('robust.frequency')}**")
    freq = tables.frequency(run)
    region = chosen.region or views.ALL
    st_folium(result_maps.frequency_map(
        freq, plan.site_points(division),
        ui.needs_layer(division, views.ALL_GROUPS, views.ALL_SERVICES, region, lang, "amcharts"),
        attribution=geo.BOUNDARY_ATTRIBUTION["amcharts"], names=names,
        service_names={s: v.name(lang) for s, v in cat.services.items()}, lang=lang,
        bounds=ui.region_bounds(division, region, "amcharts")),
        height=480, use_container_width=True, returned_objects=[], key=f"robust_map_{run.id}")
    ui.attribution_line("amcharts")
    frame = tables.frequency_frame(run, lang, cat, names)
    key = f"robust_frequency_{run.id}"
    ui.table(frame, key=key)
    row = st.container(horizontal=True)
    if not frame.empty:
        ui.csv_button(frame, f"robust-{run.id}.csv", key=key, where=row)
    row.download_button(
        ui.tr("robust.download"), key=f"robust_xlsx_{run.id}", on_click="ignore",
        data=lambda: robust_export.robust_workbook(run, robust_export.division_names(
            chosen.name, chosen.region, division, cat, lang), lang),
        file_name=f"robust-{run.id}.xlsx", icon=":material/download:")


def section(chosen: Scenario, board: SweepBoard, division: str, allowed: bool) -> None:
    """The whole section: the form, a running run's progress, the stored runs."""
    lang = ui.lang()
    st.header(ui.tr("robust.title"))
    st.caption(ui.tr("robust.caption"))
    with ui.guard() as attempt, ui.db_session() as session:
        history = sweeps.list_robust(session=session, actor=plan.actor(),
                                     scenario_id=chosen.id)
    if attempt.failed:
        return
    running = next((r for r in history if r.running), None)
    with st.container(border=True):
        robust_form(chosen, board, disabled=not allowed or running is not None)
    if running is not None:
        progress(running.id, lambda run_id: board.cancel(run_id, plan.actor()))
    finished = [r for r in history if not r.running]
    if finished:
        picked = st.selectbox(ui.tr("robust.history"), finished, key="robust_pick",
                              format_func=lambda r: ui.tr("robust.label", id=r.id,
                                                          version=r.version,
                                                          when=i18n.fmt_datetime(
                                                              r.created_at, lang)))
        show(picked, chosen, division)
