"""The map's own choices: target group and service; layers, base map and boundaries."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from planning import i18n
from planning.domain import geo
from planning.views import maps
from planning.views import reference_views as views


def choose(lang: str) -> dict[str, object]:
    """The choice: ``group``, ``service``, ``layers``, ``basemap`` and ``source``."""
    catalogue = ui.catalogue()
    cols = st.columns([4, 4, 2], vertical_alignment="bottom")
    group = cols[0].selectbox(
        i18n.t("map.group", lang),
        options=[views.ALL_GROUPS, *catalogue.groups],
        format_func=lambda g: catalogue.groups[g].name(lang) if g else i18n.t("group.all", lang),
        key="map_group",
        persist_state="session",
    )
    services = views.services_for_group(catalogue, group)
    service = cols[1].selectbox(
        i18n.t("map.service", lang),
        options=[views.ALL_SERVICES, *services],
        format_func=lambda s: (
            catalogue.services[s].name(lang) if s else i18n.t("service.all", lang)
        ),
        key="map_service",
    )
    with cols[2].popover(i18n.t("map.settings", lang), icon=":material/tune:",
                         width="stretch"):
        basemap = st.toggle(i18n.t("map.basemap", lang), value=False, key="map_basemap",
                            help=i18n.t("map.basemap_help", lang), persist_state="session")
        source = st.radio(
            i18n.t("map.boundaries", lang),
            options=list(geo.BOUNDARY_FILES),
            index=list(geo.BOUNDARY_FILES).index(ui.default_boundaries()),
            format_func=lambda s: i18n.t(f"boundaries.{s}", lang),
            key="map_boundaries",
            persist_state="session",
        )
    layers = st.pills(
        i18n.t("map.layers", lang),
        options=list(maps.LAYERS),
        default=list(maps.LAYERS),
        selection_mode="multi",
        format_func=lambda layer: i18n.t(f"layer.{layer}", lang),
        key="map_layers",
        persist_state="session",
    )
    return {"group": group, "service": service, "layers": layers or [], "basemap": basemap,
            "source": source}
