"""planning/maps.py: the map draws what it is given, offline, with attribution and legend."""

from __future__ import annotations

import json
import re

import folium
import pytest

from planning.domain import geo
from planning.views import maps
from planning.views import reference_views as views

AMCHARTS = geo.BOUNDARY_ATTRIBUTION["amcharts"]


def render(m: folium.Map) -> str:
    return m.get_root().render()


def shows(html: str, text: str) -> bool:
    """``text`` is in the page as HTML or inside JSON (which escapes non-ASCII letters)."""
    return text in html or json.dumps(text)[1:-1] in html


@pytest.fixture(scope="module")
def layers():
    return {
        "needs": views.needs_layer("2025", region="Kurzeme"),
        "regions": views.region_layer("2025"),
        "institutions": views.institutions_table("2025"),
        "services": views.services_table("2025"),
    }


@pytest.fixture(scope="module")
def full_html(layers) -> str:
    m = maps.needs_map(
        layers["needs"], attribution=AMCHARTS, regions=layers["regions"],
        institutions=layers["institutions"], services=layers["services"],
        bounds=views.region_bounds("2025", "Kurzeme"), lang="lv",
    )
    return render(m)


class TestWholeMap:
    def test_attribution_link_is_on_the_map(self, full_html: str) -> None:
        assert "Municipal boundaries: amCharts" in full_html
        assert "https://www.amcharts.com/" in full_html

    def test_needs_no_cdn(self, full_html: str) -> None:
        links = re.findall(r'<(?:script|link)[^>]+(?:src|href)="(https?://[^"]+)"', full_html)
        assert links == []
        assert "data:text/javascript;base64," in full_html

    def test_every_municipality_and_region_is_drawn(self, full_html: str, layers) -> None:
        for name in layers["needs"]["name"]:
            assert shows(full_html, name), name
        for region in geo.REGIONS:
            label = json.dumps(f">{region}</div>")[1:-1].replace("<", "\\u003c").replace(
                ">", "\\u003e"
            )
            assert label in full_html, region  # the region's name label

    def test_one_marker_per_institution_and_service(self, full_html: str, layers) -> None:
        expected = len(layers["institutions"]) + len(layers["services"])
        assert full_html.count("L.circleMarker(") == expected

    def test_one_layer_control_outside_and_a_compact_legend(self, full_html: str) -> None:
        assert "L.control.layers(" not in full_html  # the page's layer choice is the one
        for name in ("Apzīmējumi", "Dati ir ilustratīvi", "institūcija (lielums = klienti)",
                     "plānošanas reģiona robeža"):
            assert shows(full_html, name), name
        assert '{position: "bottomleft"}' in full_html
        assert "max-height: 42vh" in full_html

    def test_a_metric_scale_bar(self, full_html: str) -> None:
        assert "L.control.scale({imperial: false" in full_html
        assert "L.control.scale()" not in full_html

    def test_fits_the_region(self, full_html: str) -> None:
        (south, west), (north, east) = views.region_bounds("2025", "Kurzeme")
        assert f"[[{south}, {west}], [{north}, {east}]]" in full_html

    def test_english_map(self, layers) -> None:
        html = render(maps.needs_map(layers["needs"], attribution=AMCHARTS, lang="en"))
        assert shows(html, "Service needs (clients × services)") and shows(html, "Legend")
        assert "Data are illustrative" in html

    def test_only_the_chosen_layers_and_their_legend(self, layers) -> None:
        def drawn(show: tuple[str, ...]) -> tuple[list[str], str]:
            groups = maps.needs_overlays(layers["needs"], regions=layers["regions"],
                                         institutions=layers["institutions"], show=show)
            m = maps.base_map(attribution=AMCHARTS)
            for g in groups:
                g.add_to(m)
            return [g.layer_name for g in groups], render(m)

        names, html = drawn(("needs",))
        assert names == ["Vajadzības pa pašvaldībām", "legend"]
        assert shows(html, "Pakalpojumu vajadzības")
        assert not shows(html, "institūcija (lielums = klienti)")
        assert not shows(html, "plānošanas reģiona robeža")
        names, html = drawn(("regions", "institutions"))
        assert names == ["Plānošanas reģioni", "Institūcijas", "legend"]
        assert not shows(html, "Pakalpojumu vajadzības")
        assert shows(html, "institūcija (lielums = klienti)")

    def test_the_basemap_can_come_as_a_layer(self) -> None:
        m = maps.base_map(attribution=AMCHARTS)
        assert "L.tileLayer(" not in render(m)
        maps.basemap_group().add_to(m)
        html = render(m)
        assert "L.tileLayer(" in html and "openstreetmap" in html.lower()

    def test_a_new_legend_replaces_the_one_shown(self) -> None:
        legend = maps.legend_group(maps.legend_html(lang="lv"))
        m = maps.base_map(attribution=AMCHARTS)
        legend.add_to(m)
        html = render(m)
        assert "window.diLegend.remove()" in html and "addTo(window.diMap)" in html

    def test_names_are_escaped(self, layers) -> None:
        inst = layers["institutions"].head(1).copy()
        inst["name"] = "<script>alert(1)</script>"
        html = render(maps.needs_map(layers["needs"], attribution=AMCHARTS, institutions=inst))
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html

    def test_basemap_is_optional(self, layers) -> None:
        without = render(maps.needs_map(layers["needs"], attribution=AMCHARTS))
        with_tiles = render(maps.needs_map(layers["needs"], attribution=AMCHARTS, basemap=True))
        assert "L.tileLayer(" not in without
        assert "L.tileLayer(" in with_tiles and "OpenStreetMap" in with_tiles


class TestClasses:
    def test_breaks_are_increasing_and_end_at_the_maximum(self) -> None:
        values = [1, 5, 9, 12, 40, 300, 7, 0]
        breaks = maps.class_breaks(values)
        assert breaks == sorted(set(breaks)) and breaks[-1] == 300

    def test_no_positive_values_give_no_classes(self) -> None:
        assert maps.class_breaks([0, 0]) == []
        assert maps.color_for(0, []) == maps.NO_NEED_FILL

    def test_colours_darken_with_the_value(self) -> None:
        breaks = [10, 20, 30, 40, 50]
        colours = [maps.color_for(v, breaks) for v in (5, 15, 25, 35, 45, 500)]
        assert colours[:5] == list(maps.NEEDS_PALETTE) and colours[5] == maps.NEEDS_PALETTE[-1]

    def test_few_classes_use_the_dark_end(self) -> None:
        assert maps.color_for(3, [3]) == maps.NEEDS_PALETTE[-1]

    def test_labels(self) -> None:
        assert maps.class_labels([12, 1500], "lv") == ["1–12", "13–1\u00a0500"]
        assert maps.class_labels([1, 2], "en") == ["1", "2"]

    def test_marker_sizes_grow_with_clients_and_are_capped(self) -> None:
        radius = maps.institution_radius
        assert radius(0) < radius(100) < radius(400)
        assert maps.institution_radius(10**6) == 28
        assert maps.service_radius(16) > maps.service_radius(4)


def test_region_colours_cover_every_region() -> None:
    assert set(maps.REGION_COLORS) == set(geo.REGIONS)


class TestHiddenCounts:
    """Tooltips show a hidden figure's marker as it comes; everyone else sees the figure."""

    @staticmethod
    def _row(value: object, per_10k: object):
        import pandas as pd

        return pd.Series({"name": "Alfa", "kind": "novads", "planning_region": "Kurzeme",
                          "region_name": "Kurzeme", "value": value, "per_10k": per_10k,
                          "needs_total": value, "population": 12_000})

    def test_public_tooltip_shows_the_marker_and_the_withheld_rate(self) -> None:
        tip = maps.municipality_tip(self._row("<5", "…"), "lv", "Vajadzības")
        assert "&lt;5" in tip and "…" in tip

    def test_detail_tooltip_shows_small_need(self) -> None:
        tip = maps.municipality_tip(self._row(3, 2.5), "lv", "Vajadzības")
        assert "<b>3</b>" in tip and "2,5" in tip


def test_public_municipality_table_hides_small_needs() -> None:
    from planning.domain.public_reference import protected_reference

    munis = views.municipality_table("2025", "Latgale")
    hidden = views.public_municipality_table(munis, protected_reference("2025"),
                                             ["youth_leaving_care"])
    small = munis["youth_leaving_care"].between(1, 4)
    assert small.any()
    assert (hidden.loc[small, "youth_leaving_care"] == "<5").all()
    shown = hidden.loc[~small, "youth_leaving_care"]
    assert shown.isin(["…"]).any() or shown.map(type).eq(str).all()
    assert hidden["youth_leaving_care"].map(type).eq(str).all()  # one type for the widget
    assert hidden["population"].equals(munis["population"])
