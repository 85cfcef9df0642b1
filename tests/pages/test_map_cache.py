"""The map page's map, rendered once per view, choice and data version (issue 17): the
cached map is the one ``st_folium`` draws from a fresh build, the public never gets the
detail map from the cache, and every choice, view and data version has its own entry."""

from __future__ import annotations

import json

import pytest
import streamlit as st
import streamlit_folium as sf

from pages import _folium
from pages._map import data, overview
from planning.domain import public_reference
from planning.views import maps

LAYERS = tuple(sorted(maps.LAYERS))


@pytest.fixture(autouse=True)
def fresh_cache(db):
    """Every test starts with empty caches, on its own database (the public's protection is
    kept there)."""
    st.cache_data.clear()
    yield
    st.cache_data.clear()


def uncached(monkeypatch, shown: str, region: str, group: str = "", *, service: str = "",
             source: str = "amcharts", lang: str = "lv", layers: tuple[str, ...] = LAYERS,
             basemap: bool = False) -> dict[str, object]:
    """What ``st_folium`` itself hands its component for a fresh build of the map, as the
    page called it before the cache, as the browser receives it (JSON)."""
    captured: dict[str, object] = {}
    with monkeypatch.context() as patch:
        patch.setattr(sf, "_component_func", lambda **kwargs: captured.update(kwargs))
        m, overlays = overview.build(shown, "2025", region, group, service, source, lang,
                                     layers, basemap)
        sf.st_folium(m, key=overview.KEY, height=640, use_container_width=True,
                     returned_objects=[], feature_group_to_add=overlays)
    captured.pop("on_change")
    return json.loads(json.dumps(captured))


def drawn(at) -> dict[str, object]:
    """The map component's arguments of a page run."""
    [component] = at.get("component_instance")
    assert component.proto.component_name == "streamlit_folium.st_folium"
    return json.loads(component.proto.json_args)


def tooltips(args: dict[str, object]) -> str:
    return str(args["feature_group"])


@pytest.mark.parametrize("who", ["public", "ministry"])
def test_the_cached_map_is_the_one_st_folium_draws(page_test, monkeypatch, who) -> None:
    from tests.pages.seeding import MINISTRY

    state = {"actor": MINISTRY} if who == "ministry" else {}
    shown = data.DETAIL if who == "ministry" else data.PUBLIC
    expected = uncached(monkeypatch, shown, "Latgale", "youth_leaving_care")
    at = page_test("map", region="Latgale", map_group="youth_leaving_care", **state)
    assert not at.exception, at.exception
    first = drawn(at)
    at.run()  # the second run draws from the cache
    assert not at.exception, at.exception
    assert drawn(at) == first == expected


def test_a_public_reader_never_gets_the_detail_map(page_test, monkeypatch) -> None:
    from tests.pages.seeding import MINISTRY

    choice = {"region": "Latgale", "map_group": "youth_leaving_care"}
    detail = drawn(page_test("map", actor=MINISTRY, **choice))  # the detail map is cached
    public = drawn(page_test("map", **choice))
    assert public == uncached(monkeypatch, data.PUBLIC, "Latgale", "youth_leaving_care")
    assert public != detail
    assert "&lt;5" in tooltips(public), "the embedded data has small youth needs in Latgale"
    assert "&lt;5" not in tooltips(detail)


def test_a_municipality_gets_the_public_map(page_test) -> None:
    from tests.pages.seeding import LIEPAJA

    choice = {"region": "Latgale", "map_group": "youth_leaving_care"}
    assert drawn(page_test("map", actor=LIEPAJA, **choice)) == drawn(page_test("map", **choice))


def counting_builds(monkeypatch) -> list[tuple[object, ...]]:
    """The builds the cache misses cause (their arguments)."""
    builds: list[tuple[object, ...]] = []
    build = overview.build

    def counted(*args):
        builds.append(args)
        return build(*args)

    monkeypatch.setattr(overview, "build", counted)
    return builds


def test_every_view_and_choice_has_its_own_entry(monkeypatch) -> None:
    builds = counting_builds(monkeypatch)
    version = data.version("2025")
    base = (data.PUBLIC, version, "2025", "Kurzeme", "", "", "amcharts", "lv", LAYERS, False)
    choices = [
        base,
        (data.DETAIL, *base[1:]),
        (*base[:3], "Latgale", *base[4:]),
        (*base[:4], "adults_grt", *base[5:]),
        (*base[:5], "group_home", *base[6:]),
        (*base[:6], "naturalearth", *base[7:]),
        (*base[:7], "en", *base[8:]),
        (*base[:8], ("needs",), False),
        (*base[:9], True),
    ]
    maps_drawn = [overview.rendered(*choice) for choice in choices]
    assert len(builds) == len(choices)
    assert all(a != b for i, a in enumerate(maps_drawn) for b in maps_drawn[i + 1:])
    again = [overview.rendered(*choice) for choice in choices]  # all from the cache
    assert len(builds) == len(choices)
    assert again == maps_drawn


def test_the_cached_map_is_a_copy() -> None:
    choice = (data.PUBLIC, data.version("2025"), "2025", "Zemgale", "", "", "amcharts", "lv",
              LAYERS, False)
    first = overview.rendered(*choice)
    first["css_links"].clear()
    assert overview.rendered(*choice)["css_links"]


def test_new_data_are_rendered_anew(monkeypatch) -> None:
    """The key holds the data version: a change of the embedded figures (their fingerprint)
    or of the code protecting them is a new version, whose map is built, not served."""
    builds = counting_builds(monkeypatch)
    choice = ("2025", "Vidzeme", "", "", "amcharts", "lv", LAYERS, False)
    overview.rendered(data.PUBLIC, data.version("2025"), *choice)
    overview.rendered(data.PUBLIC, data.version("2025"), *choice)
    assert len(builds) == 1
    before = data.version("2025")
    monkeypatch.setattr(public_reference, "fingerprint", lambda division: "edited figures")
    assert data.version("2025") != before
    overview.rendered(data.PUBLIC, data.version("2025"), *choice)
    assert len(builds) == 2


def test_component_args_hold_plain_values_only() -> None:
    """What the cache keeps is strings and lists (picklable, shared by no session)."""
    args = _folium.component_args(*overview.build(data.DETAIL, "2025", "Rīga", "", "",
                                                  "amcharts", "lv", LAYERS, False),
                                  key=overview.KEY)
    assert all(isinstance(v, str | list | type(None)) for v in args.values())
    assert json.loads(json.dumps(args)) == args


def csv_ids(at) -> list[str]:
    """The media ids of the page's three CSV downloads (a hash of their content)."""
    return [b.proto.url.rsplit("/", 1)[1].split(".")[0] for b in at.get("download_button")]


def expected_csv_ids(shown: str, region: str, text: str = "") -> list[str]:
    """The ids of the CSVs as built without a cache from the view's frames (an empty table
    has none)."""
    from streamlit.runtime.memory_media_file_storage import _calculate_file_id

    from pages import _shared as ui
    from pages._map import tables
    from planning.views import map_view
    from planning.views import reference_views as views

    frames = data.frames(shown, "2025", region, "", "", "amcharts", "lv")
    groups = list(ui.catalogue().groups)
    columns = {
        "municipalities": [*tables.MUNICIPALITY_COLUMNS, *groups, "needs_total", "per_10k",
                           "data_status"],
        "institutions": tables.INSTITUTION_COLUMNS, "services": tables.SERVICE_COLUMNS}
    found = {
        "municipalities": views.filter_by_text(frames.municipalities, text,
                                               ("name", "region", "atvk_code")),
        "institutions": views.filter_by_text(frames.institutions, text,
                                             ("name", "municipality", "operator")),
        "services": views.filter_by_text(frames.services, text,
                                         ("name", "municipality", "provider", "type"))}
    return [_calculate_file_id(ui.csv_bytes(found[name][columns[name]], "lv"), "text/csv",
                               map_view.file_name(name, "2025", region))
            for name in columns if not found[name].empty]


def test_the_tables_csv_is_the_readers_own(page_test) -> None:
    from tests.pages.seeding import MINISTRY

    detail = page_test("map", region="Latgale", actor=MINISTRY)
    public = page_test("map", region="Latgale")
    assert csv_ids(detail) == expected_csv_ids(data.DETAIL, "Latgale")
    assert csv_ids(public) == expected_csv_ids(data.PUBLIC, "Latgale")
    assert csv_ids(public)[0] != csv_ids(detail)[0]  # small needs "<5" for the public only
    public.text_input(key="table_filter").input("rēzekn").run()
    assert csv_ids(public) == expected_csv_ids(data.PUBLIC, "Latgale", "rēzekn")
    assert csv_ids(public) != expected_csv_ids(data.PUBLIC, "Latgale")
