"""What the planning pages share: the user, the database, the scenario picker, tables.

Not a page. The scenario picker is bound to ``?scenario=<id>``, so every planning page (and
a shared link) opens the same scenario. Pure work lives in :mod:`planning.views.plan_tables`.
"""

from __future__ import annotations

import folium
import pandas as pd
import streamlit as st
from sqlmodel import Session
from streamlit_folium import st_folium

from pages import _folium
from pages import _shared as ui
from planning.domain import geo, results, sites
from planning.domain.roles import Actor
from planning.store import published, scenario
from planning.store.tables import Scenario
from planning.views import maps, result_maps
from planning.views import plan_tables as plan_views
from planning.views import reference_views as views

SCENARIO_KEY = "scenario"
SELECT_NEXT = "_scenario_next"

def actor() -> Actor:
    return ui.actor()


def region_filter() -> str | None:
    """The sidebar's planning region as a scenario filter (None: every scenario)."""
    region = ui.region()
    return None if region == views.ALL else region


def visible_scenarios(session: Session) -> list[Scenario]:
    """Scenarios the user may read, of the sidebar's region (all, for all of Latvia)."""
    return scenario.list_scenarios(session=session, actor=actor(), region=region_filter())


def select_next(scenario_id: int) -> None:
    """Make the picker show ``scenario_id`` on the next run (e.g. after creating it)."""
    st.session_state[SELECT_NEXT] = scenario_id


def scenario_picker(scenarios: list[Scenario], lang: str) -> Scenario | None:
    """The shared scenario selectbox; None (with a hint) when there is none to pick."""
    if not scenarios:
        st.info(ui.tr("scenario.none"), icon=":material/info:")
        ui.page_link("pages/scenarios.py", ui.tr("scenario.go_create"), ":material/add:")
        return None
    by_id = {s.id: s for s in scenarios}
    pending = st.session_state.pop(SELECT_NEXT, None)
    if pending in by_id:
        st.session_state[SCENARIO_KEY] = pending
    elif st.session_state.get(SCENARIO_KEY) not in by_id:
        st.session_state[SCENARIO_KEY] = scenarios[0].id
    chosen = st.selectbox(
        ui.tr("scenario.pick"),
        options=list(by_id),
        format_func=lambda i: plan_views.scenario_label(by_id[i], lang),
        key=SCENARIO_KEY,
        bind="query-params",
    )
    return by_id[chosen]


def open_scenario(title: str, caption: str | None = None) -> Scenario | None:
    """The opening of the pages of one scenario: title, caption and the picker over the
    scenarios the user may read; None when there is none to pick or they could not be read."""
    st.title(ui.tr(title))
    if caption is not None:
        st.caption(ui.tr(caption))
    with ui.guard() as attempt:
        with ui.db_session() as session:
            chosen = scenario_picker(visible_scenarios(session), ui.lang())
    return None if attempt.failed else chosen


def cards(figures: list[tuple[str, str]], per_row: int) -> None:
    """Key figures ((catalogue id of the label, text) pairs) as metric cards, in rows of
    ``per_row`` (a short last row keeps the cards' width and leaves its last columns empty)."""
    for start in range(0, len(figures), per_row):
        row = figures[start:start + per_row]
        for col, (key, value) in zip(st.columns(per_row)[:len(row)], row, strict=True):
            col.metric(ui.tr(key), value, border=True)


# ----------------------------------------------------------------------------- results


@st.cache_data(show_spinner=False, max_entries=16)
def stored(result_id: int, label: str, _inputs_json: str, _solution_json: str
           ) -> results.ScenarioResult:
    """A stored result, parsed once per result: ``result_id`` (a stored result never changes)
    and the label key the cache; the JSON (underscored, so Streamlit does not hash it on every
    rerun) is read only on a miss."""
    return plan_views.result_from_json(label, _inputs_json, _solution_json)


@st.cache_data(show_spinner=False)
def site_points(division: str) -> pd.DataFrame:
    return geo.site_points(division)


def draw_map(result: results.ScenarioResult, lang: str, key: str, *, height: int = 560,
             controls: bool = True, result_id: int | None = None) -> None:
    """A result's map (coverage, new places, flows) for a reader with detail rights, with
    the service and flows choices when ``controls``. Given the stored result's
    ``result_id`` (a stored result never changes), it is rendered once per result and choice
    and drawn from the cache."""
    cat = ui.catalogue_of(result.inputs)
    service, flows = None, True
    if controls:
        cols = st.columns([3, 1], vertical_alignment="bottom")
        offered = sorted(set(result.solution.sites.loc[result.solution.sites["new_places"] > 0,
                                                       "service"]))
        service = cols[0].selectbox(
            ui.tr("results.map_service"), [None, *offered], key=f"{key}_service",
            format_func=lambda s: ui.tr("service.all") if s is None else cat.services[s].name(
                lang))
        flows = cols[1].toggle(ui.tr("results.flows"), value=True, key=f"{key}_flows")
    # the layers are swapped on the open map: another service or flows keeps its view
    if result_id is None:
        args = _folium.component_args(*result_map(result, lang, service, flows, controls),
                                      key=key)
    else:
        args = _stored_result_map(result_id, result.label, lang, key, service, bool(flows),
                                  controls, result)
    _folium.show(args, key=key, height=height)


@st.cache_data(show_spinner=False, max_entries=64)
def _stored_result_map(result_id: int, label: str, lang: str, key: str, service: str | None,
                       flows: bool, controls: bool, _result: results.ScenarioResult
                       ) -> dict[str, object]:
    """The map's component arguments of a stored result (``_result``, not hashed: the
    result id and label determine it, as for :func:`stored`) and a choice. Only readers with
    detail rights reach it: the public's results map is :func:`public_map`."""
    return _folium.component_args(*result_map(_result, lang, service, flows, controls),
                                  key=key)


def result_map(result: results.ScenarioResult, lang: str, service: str | None, flows: bool,
               controls: bool) -> tuple[folium.Map, list[folium.FeatureGroup]]:
    """The folium map and layers of a result (new objects: rendering changes them)."""
    division, region = result.inputs.division, result.inputs.region or views.ALL
    cat = ui.catalogue_of(result.inputs)
    names = {**views.municipality_names(division, lang).set_index("atvk_code")["municipality"]}
    m = maps.base_map(attribution=geo.BOUNDARY_ATTRIBUTION["amcharts"],
                      bounds=ui.region_bounds(division, region, "amcharts"),
                      left_space=maps.LEGEND_WIDTH if controls else 0)
    overlays = result_maps.results_overlays(
        ui.needs_layer(division, views.ALL_GROUPS, views.ALL_SERVICES, region, lang, "amcharts"),
        results.coverage(result), result.solution.sites, result.solution.flows,
        site_points(division), names=names,
        service_names={s: v.name(lang) for s, v in cat.services.items()}, lang=lang,
        service=service, show_flows=flows, legend_collapsed=not controls,
        centres=result.solution.centres,
        candidates=sites.candidate_frame(result.inputs))
    return m, overlays


def public_map(table: pd.DataFrame, division: str, region: str | None, lang: str, *,
               key: str) -> None:
    """A published plan's new places per municipality (``published.allocations``, counts 1-4
    already "<5") on the boundary map, with its attribution: the public view of the results
    page and the consultation page draw this one map."""
    layer = published.allocation_layer(table, division=division, region=region, lang=lang)
    st_folium(published.allocation_map(layer, attribution=geo.BOUNDARY_ATTRIBUTION["amcharts"],
                                       lang=lang),
              height=480, use_container_width=True, returned_objects=[], key=key)
    ui.attribution_line("amcharts")
