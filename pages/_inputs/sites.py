"""Candidate sites and travel times: the imported sites as a table and points on the map,
where the distances come from, and a reach in minutes per service."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from pages import _shared as ui
from pages._inputs import tabs
from planning.domain import geo, sites
from planning.domain.inputs import ScenarioInputs
from planning.views import maps, result_maps, site_views
from planning.views import reference_views as views


def editor(inputs: ScenarioInputs, key: str, locked: bool) -> ScenarioInputs:
    cat = ui.catalogue_of(inputs)
    lang = ui.lang()
    st.caption(ui.tr("inputs.sites_help"))
    st.info(sites.distance_label(inputs, cat.distance.detour_factor, lang),
            icon=":material/route:")
    if inputs.candidate_sites:
        ui.table(site_views.candidate_table(inputs, cat, lang, ui.tr("inputs.every_service")),
                 key=f"{key}_table")
        if st.session_state.get(tabs.ACTIVE_TAB_KEY) == "sites":
            sites_map(inputs, key, lang)
    else:
        st.caption(ui.tr("inputs.sites_none"))
    st.markdown(f"**{ui.tr('inputs.travel_minutes')}**")
    st.caption(ui.tr("inputs.travel_minutes_help"))
    shown = pd.DataFrame({"service": list(cat.services),
                          "max_travel_minutes": [inputs.travel_minutes.get(s, 0.0)
                                                 for s in cat.services]})
    edited = st.data_editor(
        shown, key=f"{key}_minutes", hide_index=True,
        disabled=True if locked else ["service"],
        column_config={
            "service": st.column_config.SelectboxColumn(
                ui.tr("col.service"), options=list(cat.services),
                format_func=lambda s: cat.services[s].name(lang)),
            "max_travel_minutes": st.column_config.NumberColumn(
                ui.tr("col.max_travel_minutes"), min_value=0, step=5),
        })
    minutes = {r.service: float(r.max_travel_minutes) for r in edited.itertuples()
               if pd.notna(r.max_travel_minutes) and r.max_travel_minutes > 0}
    return replace(inputs, travel_minutes=minutes)


def sites_map(inputs: ScenarioInputs, key: str, lang: str) -> None:
    """The candidate sites as points over the scenario's municipalities; drawn only while
    the sites tab is open: Leaflet fits its bounds in a hidden tab's zero-size box to
    (NaN, NaN) and throws."""
    region = inputs.region or views.ALL
    polygons = ui.needs_layer(inputs.division, views.ALL_GROUPS, views.ALL_SERVICES, region,
                              lang, "amcharts")
    m = maps.base_map(attribution=geo.BOUNDARY_ATTRIBUTION["amcharts"],
                      bounds=ui.region_bounds(inputs.division, region, "amcharts"))
    result_maps.outline_group(polygons, lang).add_to(m)
    names = dict(zip(polygons["atvk_code"], polygons["name"], strict=False)) \
        if "atvk_code" in polygons else {}
    empty = pd.DataFrame(columns=["site_id", "service", "new_places"])
    result_maps.candidate_sites_group(
        sites.candidate_frame(inputs), empty, names=names,
        service_names={s: v.name(lang) for s, v in ui.catalogue_of(inputs).services.items()},
        lang=lang).add_to(m)
    st_folium(m, key=f"{key}_map", height=420, use_container_width=True, returned_objects=[])
    ui.attribution_line("amcharts")
