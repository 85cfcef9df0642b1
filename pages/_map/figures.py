"""The key figures of the area and the choice, and which choice they count."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from planning import i18n
from planning.views import map_view


def cards(frames: map_view.MapFrames, choice: dict[str, object], lang: str) -> None:
    """The key figures in a row that wraps, each card sized by its content."""
    catalogue = ui.catalogue()
    row = st.container(horizontal=True, wrap=True, gap="small")
    for key, value in map_view.key_figures(frames, choice["group"], choice["service"], lang,
                                           catalogue):
        row.metric(i18n.t(key, lang), value, border=True)
    text = map_view.choice_text(choice["group"], choice["service"], lang, catalogue)
    if text is not None:
        st.caption(text)
