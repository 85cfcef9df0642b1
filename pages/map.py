"""Map page: needs per municipality, planning regions, institutions, existing services.

Thin: reads the shared state, loads prepared frames (``pages._map.data`` ->
``pages._shared`` -> ``planning.views.reference_views``, protected for the public by
``planning.views.map_view``), and draws the sections of ``pages._map``: the map (built with
``planning.views.maps``) beside sortable, filterable tables.
"""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from pages._map import controls, data, figures, members, overview, sources, tables
from planning import i18n


def main() -> None:
    lang, division, region = ui.lang(), ui.division(), ui.region()
    st.title(i18n.t("map.title", lang))
    st.caption(i18n.t("map.caption", lang))
    ui.illustrative_notice()
    choice = controls.choose(lang)
    shown = data.view()
    frames = data.load(choice, division, region, lang, shown)
    if frames is None:
        return
    figures.cards(frames, choice, lang)
    members.line(frames, region, lang)
    overview.draw(choice, division, region, lang, shown)
    tables.section(frames, lang, division, region, shown, choice)
    sources.expander(lang)


main()
