"""Which local governments the selected region has (visible without the map)."""

from __future__ import annotations

import streamlit as st

from planning.views import map_view


def line(frames: map_view.MapFrames, region: str, lang: str) -> None:
    text = map_view.region_members(frames.municipalities, region, lang)
    if text is not None:
        st.markdown(text)
