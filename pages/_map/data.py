"""The frames of the map page, as the reader may see them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pages import _shared as ui
from planning.domain import privacy
from planning.store import suppression
from planning.views import map_view
from planning.views import reference_views as views

PUBLIC, DETAIL = "public", "detail"


def view() -> str:
    """Which view the reader may see: ``PUBLIC`` (protected) or ``DETAIL`` (every count).
    Part of the key of every cached object of the page that depends on it."""
    return PUBLIC if privacy.needs_suppression(ui.actor()) else DETAIL


def version(division: str) -> str:
    """The version of the page's data: a key of the embedded figures and of the code that
    protects them (:func:`suppression.map_key`), so a change of either is never served from
    a cache kept before it."""
    return suppression.map_key(division)


def load(choice: dict[str, object], division: str, region: str, lang: str,
         shown: str) -> map_view.MapFrames | None:
    """The area's frames for ``choice`` in the view ``shown``; None when the data files
    cannot be read (said, with which)."""
    try:
        tables = _tables(division, region, lang)
    except Exception as exc:  # bad data files: say which, don't crash
        ui.data_error(exc)
        return None
    return frames(shown, division, region, choice["group"], choice["service"],
                  choice["source"], lang, tables)


def frames(shown: str, division: str, region: str, group: str, service: str, source: str,
           lang: str, tables: tuple[pd.DataFrame, ...] | None = None) -> map_view.MapFrames:
    """The frames of one choice in the view ``shown`` (the public's protected); ``tables``
    the area's (:func:`_tables`), when read already."""
    if shown == PUBLIC:
        return _public(version(division), division, region, group, service, source, lang)
    return map_view.map_frames(*(tables or _tables(division, region, lang)),
                               ui.needs_layer(division, group, service, region, lang, source))


def _tables(division: str, region: str, lang: str) -> tuple[pd.DataFrame, ...]:
    """Municipalities, institutions and services of the area, then all institutions and
    services (the map draws every one)."""
    return (ui.municipality_table(division, region, lang),
            ui.institutions_table(division, region, lang),
            ui.services_table(division, region, lang),
            ui.institutions_table(division, views.ALL, lang),
            ui.services_table(division, views.ALL, lang))


@st.cache_data(show_spinner=False, max_entries=128)
def _public(data_version: str, division: str, region: str, group: str, service: str,
            source: str, lang: str) -> map_view.MapFrames:
    """The public's frames of one choice: the same for every public reader (they come from
    the embedded data alone), so computed once per process, data version and choice, not per
    page run."""
    frames = map_view.map_frames(*_tables(division, region, lang),
                                 ui.needs_layer(division, group, service, region, lang, source))
    with ui.db_session() as session:
        protection = suppression.protected_map(session, division)
    return map_view.public_map_frames(frames, protection, region, group, service,
                                      list(ui.catalogue().groups), lang)
