"""Pure folium map builders (no Streamlit): needs choropleth, regions, institutions, services.

Every builder takes frames prepared by :mod:`planning.views.reference_views` and returns a
``folium.FeatureGroup`` (``needs_group``, ``regions_group``, ``institutions_group``,
``services_group``) or a ``folium.Map`` (:func:`base_map`, :func:`needs_map`). The maps
are self-contained: Leaflet is bundled (``planning/static/leaflet``, BSD-2-Clause) and
inlined, so they work without a CDN (intranets, CI). Every map that draws the amCharts
boundaries must carry their attribution: pass ``attribution`` to :func:`base_map`
(``geo.BOUNDARY_ATTRIBUTION[source]``).
"""

from __future__ import annotations

import base64
import html
import json
import math
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from planning import i18n

"""Column of a layer frame: True where counts 1-4 must show as "<5" (public views)."""
STATIC_DIR = Path(__file__).resolve().parents[1] / "static" / "leaflet"
LATVIA_BOUNDS = [[55.67, 20.97], [58.09, 28.24]]

REGION_COLORS = {
    "Rīga": "#1f5fa8",
    "Kurzeme": "#0f8a7e",
    "Zemgale": "#b8860b",
    "Vidzeme": "#6a4c93",
    "Latgale": "#b3432b",
}
# Sequential blues (ColorBrewer Blues, 5 classes): the needs choropleth.
NEEDS_PALETTE = ("#dbe9f6", "#a9cce3", "#6baed6", "#3182bd", "#08519c")
NO_NEED_FILL = "#f3f4f6"
OUTSIDE_FILL = "#e5e7eb"
HIDDEN_FILL = "#c4b5a0"  # a needs area whose value is hidden ("<5" or "…")
HIDDEN_RADIUS = 6.0  # a marker whose count is hidden
INSTITUTION_COLOR = "#9f1239"
SERVICE_COLORS = {
    "group_flat": "#ea580c",
    "day_centre": "#16a34a",
    "supported_employment": "#7c3aed",
    "respite": "#0891b2",
    "home_care": "#ca8a04",
    "halfway_house": "#db2777",
}
SERVICE_FALLBACK_COLOR = "#4b5563"
LEGEND_WIDTH = 200
LAYERS = ("needs", "regions", "institutions", "services")
MAP_CSS = """
.leaflet-container { background: #f8fafc !important; font-family: "Source Sans Pro", sans-serif; }
.leaflet-control-layers { font-size: 13px; }
.di-legend { background: rgba(255,255,255,.94); padding: 5px 8px; border-radius: 6px;
  box-shadow: 0 1px 4px rgba(0,0,0,.25); font-size: 11px; line-height: 1.25; width: 190px;
  max-height: 42vh; overflow-y: auto; }
.leaflet-tooltip-pane .leaflet-tooltip { opacity: 1 !important; }
.di-legend summary { font-weight: 700; font-size: 12px; cursor: pointer; margin-bottom: 2px; }
.di-legend .row { display: flex; align-items: center; gap: 6px; margin: 2px 0; }
.di-legend .sw { width: 16px; height: 12px; border: 1px solid #9ca3af; flex: none; }
.di-legend .dot { width: 12px; height: 12px; border-radius: 50%; flex: none; opacity: .85; }
.di-legend .line { width: 18px; height: 0; border-top: 3px solid #374151; flex: none; }
.di-legend .badge { display: inline-block; margin-top: 4px; padding: 1px 6px; border-radius: 3px;
  background: #fef3c7; color: #92400e; font-weight: 600; }
.di-region-label { font-weight: 700; font-size: 12px; text-shadow: 0 0 3px #fff, 0 0 3px #fff,
  0 0 3px #fff; white-space: nowrap; pointer-events: none; }
.di-tip b.chip { display: inline-block; width: 10px; height: 10px; border-radius: 2px;
  margin-right: 4px; vertical-align: middle; }
.di-tip table td { padding: 0 6px 0 0; }
"""


# ----------------------------------------------------------------------------- assets


def _data_url(path: Path, mime: str) -> str:
    return f"data:{mime};base64," + base64.b64encode(path.read_bytes()).decode("ascii")


@lru_cache(maxsize=1)
def leaflet_assets() -> tuple[str, str]:
    """(js, css) data URLs of the bundled Leaflet, with the CSS's images inlined."""
    css = (STATIC_DIR / "leaflet.css").read_text(encoding="utf-8")
    for name in ("layers.png", "layers-2x.png"):
        css = css.replace(f"images/{name}", _data_url(STATIC_DIR / "images" / name, "image/png"))
    css_url = "data:text/css;base64," + base64.b64encode(css.encode("utf-8")).decode("ascii")
    return _data_url(STATIC_DIR / "leaflet.js", "text/javascript"), css_url


def _use_bundled_leaflet(m: folium.Map) -> None:
    """Load Leaflet from the bundled copy instead of CDNs (no jQuery/Bootstrap needed)."""
    js, css = leaflet_assets()
    m.default_js = [("leaflet", js)]
    m.default_css = [("leaflet_css", css)]


class _Snippet(MacroElement):
    """Raw JavaScript run once the parent map exists; ``{map}`` is the map variable."""

    _template = Template(
        "{% macro script(this, kwargs) %}{{ this.code }}{% endmacro %}"
    )

    def __init__(self, code: str) -> None:
        super().__init__()
        self._name = "DiSnippet"
        self.code = code


class _Popup(MacroElement):
    """A popup bound to its parent layer from an HTML string (folium's needs jQuery)."""

    _template = Template(
        "{% macro script(this, kwargs) %}{{ this._parent.get_name() }}.bindPopup("
        "{{ this.html|tojson }}, {maxWidth: {{ this.max_width }}});{% endmacro %}"
    )

    def __init__(self, html_text: str, max_width: int = 320) -> None:
        super().__init__()
        self._name = "DiPopup"
        self.html = html_text
        self.max_width = max_width


def _add_js(m: folium.Map, code: str) -> None:
    m.add_child(_Snippet(code.replace("{map}", m.get_name())))


def _add_css(m: folium.Map, css: str) -> None:
    m.get_root().header.add_child(folium.Element(f"<style>{css}</style>"))


# ----------------------------------------------------------------------------- base map


def base_map(
    *,
    attribution: str,
    bounds: Sequence[Sequence[float]] | None = None,
    basemap: bool = False,
    left_space: int = 0,
) -> folium.Map:
    """An empty map of Latvia fitted to ``bounds``, with the boundary attribution and a
    metric scale bar (bottom left, under the legend).

    ``basemap`` adds OpenStreetMap tiles (needs internet); without it the map has a plain
    background and works offline. ``left_space`` pixels on the left are kept free of the
    fitted area (for a legend there).
    """
    m = folium.Map(
        location=[56.88, 24.6],
        zoom_start=7,
        tiles="OpenStreetMap" if basemap else None,
        control_scale=False,
        prefer_canvas=False,
        zoom_snap=0.25,
    )
    _use_bundled_leaflet(m)
    _add_css(m, MAP_CSS)
    add_attribution(m, attribution)
    _add_js(m, "L.control.scale({imperial: false, position: 'bottomleft'}).addTo({map});"
               " window.diMap = {map};")
    fit_to(m, bounds or LATVIA_BOUNDS, left_space=left_space)
    return m


def basemap_group() -> folium.FeatureGroup:
    """OpenStreetMap tiles as a layer (needs internet): given with the other layers to
    ``st_folium(feature_group_to_add=...)``, switching them on or off keeps the map's view."""
    group = folium.FeatureGroup(name="basemap", control=False)
    folium.TileLayer("OpenStreetMap").add_to(group)
    return group


def add_attribution(m: folium.Map, attribution_html: str) -> None:
    """Show ``attribution_html`` in the map's attribution control (bottom right)."""
    _add_js(m, f"{{map}}.attributionControl.addAttribution({_js_str(attribution_html)});")


def fit_to(m: folium.Map, bounds: Sequence[Sequence[float]], left_space: int = 0) -> None:
    """Zoom the map to ``[[south, west], [north, east]]`` (e.g. one planning region)."""
    m.fit_bounds(
        [list(b) for b in bounds],
        padding_top_left=(12 + left_space, 12),
        padding_bottom_right=(12, 12),
    )


def _js_str(text: str) -> str:
    return json.dumps(text)


# ----------------------------------------------------------------------------- classes


def _is_number(value: object) -> bool:
    """Whether a figure is shown as a number (a hidden one holds its marker, a string)."""
    return not isinstance(value, str)


def class_breaks(values: Sequence[float], k: int = 5) -> list[int]:
    """Upper bounds of up to ``k`` classes from quantiles of the positive values.

    Whole, strictly increasing numbers; the last is the maximum. Empty for no positive value.

    >>> class_breaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], k=5)
    [3, 5, 7, 9, 10]
    """
    arr = np.asarray([v for v in values if _is_number(v) and v > 0], dtype=float)
    if arr.size == 0:
        return []
    qs = np.quantile(arr, [i / k for i in range(1, k + 1)])
    breaks = sorted({int(math.ceil(q)) for q in qs})
    return breaks


def color_for(value: float, breaks: Sequence[int], palette: Sequence[str] = NEEDS_PALETTE) -> str:
    """The palette colour of the class ``value`` falls in (``NO_NEED_FILL`` for 0,
    ``HIDDEN_FILL`` for a hidden value, so the colour tells nothing of it)."""
    if not _is_number(value):
        return HIDDEN_FILL
    if not breaks or value <= 0:
        return NO_NEED_FILL
    offset = len(palette) - len(breaks)
    for i, upper in enumerate(breaks):
        if value <= upper:
            return palette[offset + i]
    return palette[-1]


def class_labels(breaks: Sequence[int], lang: str) -> list[str]:
    """Legend labels of the classes: '1–12', '13–40', ..."""
    labels, lower = [], 1
    for upper in breaks:
        labels.append(
            i18n.fmt_int(upper, lang) if lower >= upper
            else f"{i18n.fmt_int(lower, lang)}–{i18n.fmt_int(upper, lang)}"
        )
        lower = upper + 1
    return labels


# ----------------------------------------------------------------------------- layers


def _esc(value: object) -> str:
    return html.escape("" if value is None or value is pd.NA else str(value))


def _rows(pairs: Sequence[tuple[str, str]]) -> str:
    cells = "".join(f"<tr><td>{_esc(k)}</td><td><b>{_esc(v)}</b></td></tr>" for k, v in pairs)
    return f"<table>{cells}</table>"


def _region_chip(region: str, name: str) -> str:
    color = REGION_COLORS.get(region, "#6b7280")
    return f'<b class="chip" style="background:{color}"></b>{_esc(name)}'


def municipality_tip(row: pd.Series, lang: str, value_label: str) -> str:
    """Tooltip HTML of one municipality (names escaped)."""
    per_10k = row["per_10k"] if isinstance(row["per_10k"], str) else i18n.fmt_number(
        row["per_10k"], lang, 1)
    pairs = [
        (value_label, i18n.fmt_count(row["value"], lang)),
        (i18n.t("tip.per_10k", lang), per_10k),
        (i18n.t("tip.needs_total", lang), i18n.fmt_count(row["needs_total"], lang)),
        (i18n.t("tip.population", lang), i18n.fmt_int(row["population"], lang)),
    ]
    chip = _region_chip(row["planning_region"], row["region_name"])
    return (
        f'<div class="di-tip"><b>{_esc(row["name"])}</b> <small>({_esc(row["kind"])})</small>'
        f'<br>{i18n.t("tip.region", lang)}: {chip}{_rows(pairs)}</div>'
    )


def needs_group(
    gdf: gpd.GeoDataFrame,
    *,
    lang: str,
    value_label: str,
    breaks: Sequence[int] | None = None,
    show: bool = True,
) -> tuple[folium.FeatureGroup, list[int]]:
    """Municipalities shaded by ``value`` (from ``views.needs_layer``), and the breaks.

    Municipalities with ``in_region`` False are drawn grey; classes come from the others.
    """
    inside = gdf[gdf["in_region"]]
    breaks = list(breaks) if breaks is not None else class_breaks(inside["value"].tolist())
    data = gdf.assign(
        fill=[
            color_for(v, breaks) if ok else OUTSIDE_FILL
            for v, ok in zip(gdf["value"], gdf["in_region"], strict=True)
        ],
        tip=[municipality_tip(row, lang, value_label) for _, row in gdf.iterrows()],
    )[["atvk_code", "name", "in_region", "fill", "tip", "geometry"]]
    group = folium.FeatureGroup(name=i18n.t("layer.needs", lang), show=show)
    folium.GeoJson(
        data.to_json(),
        name="needs",
        style_function=lambda f: {
            "fillColor": f["properties"]["fill"],
            "fillOpacity": 0.85 if f["properties"]["in_region"] else 0.6,
            "color": "#ffffff",
            "weight": 0.8,
        },
        highlight_function=lambda f: {"weight": 2.5, "color": "#111827"},
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=True),
        popup=folium.GeoJsonPopup(fields=["tip"], labels=False),
    ).add_to(group)
    return group, breaks


def region_tip(row: pd.Series, lang: str) -> str:
    """Tooltip HTML of one planning region: colour chip, members, population."""
    pairs = [
        (i18n.t("summary.municipalities", lang), str(row["members"])),
        (i18n.t("tip.population", lang), i18n.fmt_int(row["population"], lang)),
    ]
    chip = _region_chip(row["planning_region"], row["region_name"])
    return f'<div class="di-tip">{chip}{_rows(pairs)}</div>'


def regions_group(regions: gpd.GeoDataFrame, *, lang: str,
                  show: bool = True) -> folium.FeatureGroup:
    """Thick planning-region boundaries in each region's colour, with name labels."""
    group = folium.FeatureGroup(name=i18n.t("layer.regions", lang), show=show)
    data = regions.assign(
        color=regions["planning_region"].map(lambda r: REGION_COLORS.get(r, "#374151")),
        tip=[region_tip(r, lang) for _, r in regions.iterrows()],
    )[["planning_region", "color", "tip", "geometry"]]
    folium.GeoJson(
        data.to_json(),
        name="regions",
        style_function=lambda f: {
            "fill": False,
            "color": f["properties"]["color"],
            "weight": 3.5,
            "opacity": 0.95,
        },
        interactive=False,
    ).add_to(group)
    for _, r in regions.iterrows():
        point = r.geometry.representative_point()
        color = REGION_COLORS.get(r["planning_region"], "#374151")
        folium.Marker(
            [point.y, point.x],
            icon=folium.DivIcon(
                html=f'<div class="di-region-label" style="color:{color}">'
                f'{_esc(r["region_name"])}</div>',
                icon_size=(0, 0),
                icon_anchor=(30, 8),
            ),
            interactive=False,
        ).add_to(group)
    return group


def institution_radius(clients: float | str) -> float:
    """Marker radius in pixels: area proportional to clients, 4-28 px; one size for a
    hidden count."""
    if not _is_number(clients):
        return HIDDEN_RADIUS
    return float(min(28.0, 4.0 + 0.9 * math.sqrt(max(clients, 0))))


def service_radius(places: float | str) -> float:
    """Marker radius in pixels: area proportional to places, 5-22 px; one size for a
    hidden count."""
    if not _is_number(places):
        return HIDDEN_RADIUS
    return float(min(22.0, 5.0 + 1.5 * math.sqrt(max(places, 0))))


def _point_tip(title: str, pairs: list[tuple[str, str]], note: str = "") -> str:
    extra = f"<br><small>{_esc(note)}</small>" if note else ""
    return f'<div class="di-tip"><b>{_esc(title)}</b>{_rows(pairs)}{extra}</div>'


def _count(row: pd.Series, column: str, lang: str) -> str:
    """A count of a point's tooltip (a hidden one shows its marker, "<5" or "…")."""
    return i18n.fmt_count(row[column], lang)


def _add_point(group: folium.FeatureGroup, row: pd.Series, pairs: list[tuple[str, str]], *,
               lang: str, radius: float, **style: object) -> None:
    """A circle marker at the row's point with its tooltip and popup (names escaped)."""
    note = i18n.t("tip.approx", lang) if row["placed_at_municipality_point"] else ""
    tip = _point_tip(row["name"], pairs, note)
    folium.CircleMarker(
        [row["lat"], row["lon"]], radius=radius, fill=True,
        tooltip=folium.Tooltip(tip, sticky=True), **style,
    ).add_child(_Popup(tip)).add_to(group)


def institutions_group(institutions: pd.DataFrame, *, lang: str,
                       show: bool = True) -> folium.FeatureGroup:
    """Institutions (``views.institutions_table``) as circles sized by current clients."""
    group = folium.FeatureGroup(name=i18n.t("layer.institutions", lang), show=show)
    for _, row in institutions.iterrows():
        pairs = [
            (i18n.t("tip.clients", lang), _count(row, "clients_total", lang)),
            *((i18n.t(f"col.{column}", lang), _count(row, column, lang))
              for column in ("clients_adults_grt", "clients_children_orphans",
                             "clients_children_ft")),
            (i18n.t("tip.operator", lang), str(row["operator"])),
            (i18n.t("col.municipality", lang), str(row["municipality"])),
            (i18n.t("tip.status", lang), str(row["data_status"])),
        ]
        _add_point(group, row, pairs, lang=lang, radius=institution_radius(row["clients_total"]),
                   color="#ffffff", weight=1.5, fill_color=INSTITUTION_COLOR, fill_opacity=0.75)
    return group


def service_color(type_id: str) -> str:
    return SERVICE_COLORS.get(type_id, SERVICE_FALLBACK_COLOR)


def services_group(services: pd.DataFrame, *, lang: str,
                   show: bool = True) -> folium.FeatureGroup:
    """Existing services (``views.services_table``) coloured by type, sized by places."""
    group = folium.FeatureGroup(name=i18n.t("layer.services", lang), show=show)
    for _, row in services.iterrows():
        pairs = [
            (i18n.t("tip.type", lang), str(row["type"])),
            (i18n.t("tip.places", lang), _count(row, "places_licensed", lang)),
            (i18n.t("tip.places_in_use", lang), _count(row, "places_in_use", lang)),
            (i18n.t("tip.provider", lang), str(row["provider"])),
            (i18n.t("col.municipality", lang), str(row["municipality"])),
            (i18n.t("tip.status", lang), str(row["data_status"])),
        ]
        _add_point(group, row, pairs, lang=lang, radius=service_radius(row["places_licensed"]),
                   color="#1f2937", weight=1.2, fill_color=service_color(row["type_id"]),
                   fill_opacity=0.9)
    return group


# ----------------------------------------------------------------------------- legend


def legend_html(
    *,
    lang: str,
    needs_title: str | None = None,
    breaks: Sequence[int] = (),
    outside: bool = False,
    hidden: bool = False,
    regions: bool = True,
    institutions: bool = True,
    service_types: dict[str, str] | None = None,
    illustrative: bool = True,
) -> str:
    """The legend's HTML: needs classes, region outline, marker kinds, data status."""
    parts = [f"<details open><summary>{_esc(i18n.t('legend.title', lang))}</summary>"]
    if needs_title is not None:
        parts.append(f"<div><b>{_esc(needs_title)}</b></div>")
        offset = len(NEEDS_PALETTE) - len(breaks)
        for i, label in enumerate(class_labels(breaks, lang)):
            parts.append(_legend_row("sw", NEEDS_PALETTE[offset + i], label))
        parts.append(_legend_row("sw", NO_NEED_FILL, "0"))
        if hidden:
            parts.append(_legend_row("sw", HIDDEN_FILL, i18n.t("legend.hidden", lang)))
        if outside:
            parts.append(_legend_row("sw", OUTSIDE_FILL, i18n.t("legend.outside", lang)))
    if regions:
        parts.append(
            f'<div class="row"><span class="line"></span>'
            f"{_esc(i18n.t('legend.region_outline', lang))}</div>"
        )
    if institutions:
        parts.append(_legend_row("dot", INSTITUTION_COLOR, i18n.t("legend.institution", lang)))
    if service_types:
        parts.append(f"<div>{_esc(i18n.t('legend.service', lang))}:</div>")
        for type_id, name in service_types.items():
            parts.append(_legend_row("dot", service_color(type_id), name))
    parts.append("</details>")
    if illustrative:
        parts.append(f'<span class="badge">{_esc(i18n.t("legend.illustrative", lang))}</span>')
    return f'<div class="di-legend">{"".join(parts)}</div>'


def _legend_row(shape: str, color: str, label: str) -> str:
    return (
        f'<div class="row"><span class="{shape}" style="background:{color}"></span>'
        f"{_esc(label)}</div>"
    )


def _legend_js(legend: str, position: str, collapsed: bool) -> str:
    """JavaScript that shows ``legend`` in a corner of the map (``window.diMap``, set by
    :func:`base_map`: a layer added later does not know the map's variable), replacing the
    legend shown before (a map redrawn with other layers keeps one legend, of its layers)."""
    if collapsed:
        legend = legend.replace("<details open>", "<details>", 1)
    return (
        "(function(){if (window.diLegend) { window.diLegend.remove(); }"
        f"var c = L.control({{position: {_js_str(position)}}});"
        "c.onAdd = function(){var d = L.DomUtil.create('div', 'di-legend-box');"
        f"d.innerHTML = {_js_str(legend)}; L.DomEvent.disableClickPropagation(d);"
        "L.DomEvent.disableScrollPropagation(d); return d;};"
        "window.diLegend = c; c.addTo(window.diMap);})();"
    )


def add_legend(m: folium.Map, legend: str, position: str = "bottomleft", *,
               collapsed: bool = False) -> None:
    """Put legend HTML (from :func:`legend_html`) in a map corner (compact, bottom left:
    it never covers more than about two fifths of the map's height, and scrolls)."""
    m.add_child(_Snippet(_legend_js(legend, position, collapsed)))


def legend_group(legend: str, position: str = "bottomleft", *,
                 collapsed: bool = False) -> folium.FeatureGroup:
    """The legend as an (empty) layer that shows it on the map when added: for
    ``st_folium(feature_group_to_add=...)``, which swaps layers without redrawing the map."""
    group = folium.FeatureGroup(name="legend", control=False)
    group.add_child(_Snippet(_legend_js(legend, position, collapsed)))
    return group


# ----------------------------------------------------------------------------- whole map


def needs_map(
    needs: gpd.GeoDataFrame,
    *,
    attribution: str,
    regions: gpd.GeoDataFrame | None = None,
    institutions: pd.DataFrame | None = None,
    services: pd.DataFrame | None = None,
    bounds: Sequence[Sequence[float]] | None = None,
    lang: str = i18n.DEFAULT_LANG,
    value_label: str | None = None,
    tip_label: str | None = None,
    show: Sequence[str] = LAYERS,
    basemap: bool = False,
    illustrative: bool = True,
) -> folium.Map:
    """The overview map in one piece: :func:`base_map` with :func:`needs_overlays`."""
    m = base_map(attribution=attribution, bounds=bounds, basemap=basemap,
                 left_space=LEGEND_WIDTH)
    for group in needs_overlays(needs, regions=regions, institutions=institutions,
                                services=services, lang=lang, value_label=value_label,
                                tip_label=tip_label, show=show, illustrative=illustrative):
        group.add_to(m)
    return m


def needs_overlays(
    needs: gpd.GeoDataFrame,
    *,
    regions: gpd.GeoDataFrame | None = None,
    institutions: pd.DataFrame | None = None,
    services: pd.DataFrame | None = None,
    lang: str = i18n.DEFAULT_LANG,
    value_label: str | None = None,
    tip_label: str | None = None,
    show: Sequence[str] = LAYERS,
    illustrative: bool = True,
) -> list[folium.FeatureGroup]:
    """The overview map's layers, not yet added to a map: needs choropleth, region
    outlines, institutions, services (those in ``show``, in that order) and the legend of
    just those layers, last.

    The page switches layers itself (one layer control, outside the map), so a layer not
    in ``show`` is left out. ``value_label`` titles the needs in the legend, ``tip_label``
    (shorter) in tooltips. Given to ``st_folium(m, feature_group_to_add=...)``, a change
    of layers or filters swaps them on the map the reader has open, keeping its view.
    """
    label = value_label or i18n.t("legend.needs", lang)
    groups: list[folium.FeatureGroup] = []
    needs_title, breaks = None, []
    if "needs" in show:
        group, breaks = needs_group(needs, lang=lang, value_label=tip_label or label)
        groups.append(group)
        needs_title = label
    drawn_regions = regions is not None and "regions" in show
    if drawn_regions:
        groups.append(regions_group(regions, lang=lang))
    drawn_institutions = institutions is not None and "institutions" in show
    if drawn_institutions:
        groups.append(institutions_group(institutions, lang=lang))
    types: dict[str, str] = {}
    if services is not None and "services" in show:
        groups.append(services_group(services, lang=lang))
        types = dict(zip(services["type_id"], services["type"], strict=True))
    legend = legend_html(
        lang=lang, needs_title=needs_title, breaks=breaks,
        outside=needs_title is not None and not bool(needs["in_region"].all()),
        hidden=needs_title is not None and any(isinstance(v, str) for v in needs["value"]),
        regions=drawn_regions,
        institutions=drawn_institutions and len(institutions) > 0,
        service_types=types, illustrative=illustrative,
    )
    return [*groups, legend_group(legend)]
