"""How often the scenarios' own optima build each facility: a map, a table, the files
(unsuppressed counts: the page needs VIEW_DETAIL)."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from pages import _plan as plan
from pages import _shared as ui
from planning.domain import geo
from planning.io import robust_export
from planning.store.sweeps import RobustView
from planning.store.tables import Scenario
from planning.views import reference_views as views
from planning.views import result_maps
from planning.views import sweep_tables as tables


def section(run: RobustView, chosen: Scenario, division: str) -> None:
    lang, cat = ui.lang(), ui.catalogue()
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
