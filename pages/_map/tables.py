"""The area's tables (municipalities, institutions, services), filtered by one search."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pages import _shared as ui
from pages._map import data
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


def section(frames: map_view.MapFrames, lang: str, division: str, region: str, shown: str,
            choice: dict[str, object]) -> None:
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
    # the tables' CSV, like the map, is the same for every reader of the view and choice
    key = (shown, data.version(division), division, region, choice["group"], choice["service"],
           choice["source"], lang, text)
    for tab, name, frame, columns in (
        (tabs[0], "municipalities", munis,
         [*MUNICIPALITY_COLUMNS, *groups, "needs_total", "per_10k", "data_status"]),
        (tabs[1], "institutions", institutions, INSTITUTION_COLUMNS),
        (tabs[2], "services", services, SERVICE_COLUMNS),
    ):
        with tab:
            ui.table(frame, columns, key=f"table_{name}",
                     download=map_view.file_name(name, division, region),
                     csv=csv(name, *key, frame[columns]))


@st.cache_data(show_spinner=False, max_entries=512)
def csv(table: str, shown: str, version: str, division: str, region: str, group: str,
        service: str, source: str, lang: str, text: str, _frame: pd.DataFrame) -> bytes:
    """The CSV of one of the page's tables: ``_frame`` (not hashed: the other arguments
    determine it — the view, data version, area, choice, language and search text)."""
    return ui.csv_bytes(_frame, lang)
