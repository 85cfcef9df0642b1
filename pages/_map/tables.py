"""The area's tables (municipalities, institutions, services), filtered by one search."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from planning import i18n
from planning.views import map_view
from planning.views import reference_views as views

MUNICIPALITY_COLUMNS = ["name", "kind", "region", "population"]
INSTITUTION_COLUMNS = [
    "name", "municipality", "region", "clients_total", "clients_adults_grt",
    "clients_children_orphans", "clients_children_ft", "operator", "data_status",
]
SERVICE_COLUMNS = [
    "name", "municipality", "region", "type", "service", "places_licensed", "places_in_use",
    "provider", "data_status",
]


def section(frames: map_view.MapFrames, lang: str, division: str, region: str) -> None:
    text = st.text_input(
        i18n.t("table.filter", lang), key="table_filter", help=i18n.t("table.filter_help", lang),
        placeholder="…",
    )
    groups = list(ui.catalogue().groups)
    munis = views.filter_by_text(frames.municipalities, text, ("name", "region", "atvk_code"))
    institutions = views.filter_by_text(frames.institutions, text,
                                        ("name", "municipality", "operator"))
    services = views.filter_by_text(frames.services, text,
                                    ("name", "municipality", "provider", "type"))
    tabs = st.tabs([
        f"{i18n.t('tab.municipalities', lang)} ({len(munis)})",
        f"{i18n.t('tab.institutions', lang)} ({len(institutions)})",
        f"{i18n.t('tab.services', lang)} ({len(services)})",
    ])
    with tabs[0]:
        columns = [*MUNICIPALITY_COLUMNS, *groups, "needs_total", "per_10k", "data_status"]
        ui.table(munis, columns, key="table_municipalities",
                 download=map_view.file_name("municipalities", division, region))
    with tabs[1]:
        ui.table(institutions, INSTITUTION_COLUMNS, key="table_institutions",
                 download=map_view.file_name("institutions", division, region))
    with tabs[2]:
        ui.table(services, SERVICE_COLUMNS, key="table_services",
                 download=map_view.file_name("services", division, region))
