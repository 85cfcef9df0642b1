"""The map: needs of the chosen group and service, planning regions, institutions and
services, on an optional base map."""

from __future__ import annotations

import streamlit as st

from pages import _folium
from pages import _shared as ui
from pages._map import data
from planning.domain import geo
from planning.views import map_view, maps

KEY = "overview_map"


def draw(choice: dict[str, object], division: str, region: str, lang: str,
         shown: str) -> None:
    """The map of the needs layer (as the reader may see it: ``shown``), institutions and
    services, rendered once per choice, view and data version and drawn from the cache."""
    # the layers (and the base map's tiles) are swapped on the open map: a change of filter,
    # layer or tiles keeps its view
    layers = tuple(sorted(choice["layers"]))
    _folium.show(rendered(shown, data.version(division), division, region, choice["group"],
                          choice["service"], choice["source"], lang, layers,
                          bool(choice["basemap"])), key=KEY, height=640)
    ui.attribution_line(choice["source"])


@st.cache_data(show_spinner=False, max_entries=256)
def rendered(shown: str, version: str, division: str, region: str, group: str, service: str,
             source: str, lang: str, layers: tuple[str, ...], basemap: bool
             ) -> dict[str, object]:
    """The map's component arguments (``_folium.component_args``) of one choice in the view
    ``shown`` (``data.PUBLIC`` or ``data.DETAIL``) of the data ``version``
    (``data.version``): the same for every reader of that view and choice."""
    return _folium.component_args(*build(shown, division, region, group, service, source, lang,
                                         layers, basemap), key=KEY)


def build(shown: str, division: str, region: str, group: str, service: str, source: str,
          lang: str, layers: tuple[str, ...], basemap: bool) -> tuple[object, list[object]]:
    """The folium map and its layers (new objects: rendering changes them)."""
    frames = data.frames(shown, division, region, group, service, source, lang)
    label, tip = map_view.needs_labels(group, service, lang, ui.catalogue())
    m = maps.base_map(attribution=geo.BOUNDARY_ATTRIBUTION[source],
                      bounds=ui.region_bounds(division, region, source),
                      left_space=maps.LEGEND_WIDTH)
    overlays = maps.needs_overlays(
        frames.needs, regions=ui.region_layer(division, lang, source),
        institutions=frames.all_institutions, services=frames.all_services, lang=lang,
        value_label=label, tip_label=tip, show=list(layers))
    if basemap:
        overlays.insert(0, maps.basemap_group())
    return m, overlays
