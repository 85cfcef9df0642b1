"""The map: needs of the chosen group and service, planning regions, institutions and
services, on an optional base map."""

from __future__ import annotations

from streamlit_folium import st_folium

from pages import _shared as ui
from planning.domain import geo
from planning.views import map_view, maps


def draw(choice: dict[str, object], division: str, region: str, lang: str,
         frames: map_view.MapFrames) -> None:
    """The map of the needs layer (as the reader may see it), institutions and services."""
    source = choice["source"]
    label, tip = map_view.needs_labels(choice["group"], choice["service"], lang,
                                       ui.catalogue())
    m = maps.base_map(attribution=geo.BOUNDARY_ATTRIBUTION[source],
                      bounds=ui.region_bounds(division, region, source),
                      left_space=maps.LEGEND_WIDTH)
    overlays = maps.needs_overlays(
        frames.needs, regions=ui.region_layer(division, lang, source),
        institutions=frames.all_institutions, services=frames.all_services, lang=lang,
        value_label=label, tip_label=tip, show=choice["layers"])
    if choice["basemap"]:
        overlays.insert(0, maps.basemap_group())
    # the layers (and the base map's tiles) are swapped on the open map: a change of filter,
    # layer or tiles keeps its view
    st_folium(m, key="overview_map", height=640, use_container_width=True, returned_objects=[],
              feature_group_to_add=overlays)
    ui.attribution_line(source)
