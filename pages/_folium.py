"""Folium maps drawn from a cache (issue 17): ``st_folium``'s work in two halves.

``st_folium`` renders the folium objects to HTML and JavaScript on every page run (about
0.3 s of one core for the map page's layers, most of a warm run), then hands the strings to
its component. :func:`component_args` does the first half alone and returns plain strings
— the same for every reader of the same map, so a page can keep them in ``st.cache_data``
under the map's choices — and :func:`show` the second, from those strings. Folium objects
themselves are never shared between sessions (rendering them mutates them).

Not a page. Mirrors ``streamlit_folium.st_folium`` (0.27) for ``returned_objects=[]``, the
only use here: ``tests/pages/test_map_cache.py`` checks that both hand the component the
same arguments.
"""

from __future__ import annotations

from collections.abc import Sequence

import branca
import folium
import streamlit_folium as sf


def component_args(fig: folium.Map, feature_group_to_add: Sequence[folium.FeatureGroup] = (),
                   *, key: str) -> dict[str, object]:
    """The component's arguments of ``st_folium(fig, key=key, returned_objects=[],
    feature_group_to_add=...)``: strings and plain lists only (picklable, the same for every
    session). Renders (and so changes) ``fig`` and the layers: build them for this call."""
    fig.get_root().render()
    fig.render()
    html = sf._get_html(fig)
    header = sf._get_header(fig)
    leaflet = sf._get_map_string(fig)
    feature_groups = None
    if feature_group_to_add:
        feature_groups = "".join(sf._get_feature_group_string(group, map=fig, idx=idx)
                                 for idx, group in enumerate(feature_group_to_add))
    css_links: list[str] = []
    js_links: list[str] = []
    for element in _walk(fig):
        if isinstance(element, branca.colormap.ColorMap):  # st_folium adds d3 for these
            js_links[:0] = ["https://d3js.org/d3.v4.min.js",
                            "https://cdnjs.cloudflare.com/ajax/libs/d3/3.5.5/d3.min.js"]
        css_links.extend(href for _, href in getattr(element, "default_css", []))
        js_links.extend(src for _, src in getattr(element, "default_js", []))
    return {"script": leaflet, "header": header, "html": html, "id": sf.get_full_id(fig),
            "key": sf.generate_js_hash(leaflet, key, False), "feature_group": feature_groups,
            "css_links": list(dict.fromkeys(css_links)),
            "js_links": list(dict.fromkeys(js_links))}


def _walk(element: object):
    """The map's elements that bring CSS or JavaScript (as ``st_folium`` collects them)."""
    if isinstance(element, branca.colormap.ColorMap | folium.elements.JSCSSMixin):
        yield element
    for child in getattr(element, "_children", {}).values():
        yield from _walk(child)


def show(args: dict[str, object], *, key: str, height: int) -> None:
    """Draw a map from :func:`component_args` (``key`` the same as given there), as wide as
    its container, returning nothing to the page."""
    import streamlit as st

    hash_key = args["key"]

    def on_change() -> None:  # what st_folium does for a keyed map
        st.session_state[key] = st.session_state.get(hash_key, {})

    sf._component_func(
        **args, height=height, width=None, returned_objects=[], default={}, zoom=None,
        center=None, return_on_hover=False, layer_control=None, pixelated=False,
        on_change=on_change, wrap_longitude=False)
