"""pages/map.py alone: renders, widgets by key, filters, languages, error state."""

from __future__ import annotations

import pytest
import streamlit as st

from planning import i18n
from planning.views import reference_views as views
from tests.pages.conftest import metric_values


def tab_labels(at) -> list[str]:
    return [tab.label for tab in at.tabs]


def test_renders_without_exception_with_defaults(page_test) -> None:
    at = page_test("map")
    assert not at.exception
    assert at.title[0].value == i18n.t("map.title", "lv")
    assert [w.key for w in at.selectbox] == ["map_group", "map_service"]
    assert at.radio(key="map_boundaries").value == "amcharts"
    assert at.toggle(key="map_basemap").value is False
    assert at.text_input(key="table_filter").value == ""


def test_illustrative_label_and_attribution_are_visible(page_test) -> None:
    at = page_test("map")
    assert any("ilustratīvi" in info.value for info in at.info)
    captions = " ".join(c.value for c in at.caption)
    assert "[Municipal boundaries: amCharts](https://www.amcharts.com/)" in captions


def test_region_from_session_state_narrows_figures_and_tables(page_test) -> None:
    at = page_test("map", region="Zemgale")
    assert not at.exception
    assert metric_values(at)[i18n.t("summary.municipalities", "lv")] == "6"
    assert tab_labels(at)[0] == f"{i18n.t('tab.municipalities', 'lv')} (6)"


def test_english_page(page_test) -> None:
    at = page_test("map", lang="en", region="Kurzeme")
    assert not at.exception
    assert at.title[0].value == i18n.t("map.title", "en")
    assert any(i18n.t("summary.population", "en") == m.label for m in at.metric)


def test_search_filters_every_table(page_test) -> None:
    at = page_test("map")
    at.text_input(key="table_filter").input("jelgav").run()
    assert not at.exception
    municipalities, institutions, services = tab_labels(at)
    assert municipalities.endswith("(2)")  # Jelgava and Jelgavas novads
    assert institutions.endswith("(3)")  # VSAC Jelgava, Ziedkalne (Jelgavas novads), children
    assert services.endswith("(4)")  # four Jelgavas novads services


def test_group_choice_limits_the_services_offered(page_test) -> None:
    at = page_test("map")
    at.selectbox(key="map_group").select("children_orphans").run()
    assert not at.exception
    assert at.selectbox(key="map_service").options == [
        i18n.t("service.all", "lv"),
        "Ģimeniskai videi pietuvināts pakalpojums",
    ]


@pytest.mark.parametrize("source", ["amcharts", "naturalearth"])
def test_both_boundary_sources_draw(page_test, source: str) -> None:
    at = page_test("map", map_boundaries=source)
    assert not at.exception


def test_a_data_error_is_shown_not_raised(page_test, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise ValueError("institutions.csv, row 3: bad number")

    st.cache_data.clear()
    monkeypatch.setattr(views, "institutions_table", broken)
    at = page_test("map", region="Latgale")
    assert not at.exception
    assert "institutions.csv, row 3" in at.error[0].value.replace("\\", "")  # as read, unescaped
    st.cache_data.clear()


def test_every_table_offers_a_csv_download(page_test) -> None:
    at = page_test("map", region="Vidzeme")
    buttons = at.get("download_button")
    assert len(buttons) == 3


def _municipality_table(at):
    return at.dataframe[0].value


def test_public_sees_small_needs_as_less_than_five(page_test) -> None:
    at = page_test("map", region="Latgale")
    assert not at.exception
    table = _municipality_table(at)
    youth = table["youth_leaving_care"].tolist()
    assert "<5" in youth, "the embedded data has small youth needs in Latgale"
    assert not any(isinstance(v, int | float) and 0 < v < 5 for v in youth)


def test_ministry_sees_small_needs_in_full(db, page_test) -> None:
    from tests.pages.seeding import MINISTRY

    at = page_test("map", region="Latgale", actor=MINISTRY)
    assert not at.exception
    youth = _municipality_table(at)["youth_leaving_care"].tolist()
    assert "<5" not in youth
    assert any(0 < v < 5 for v in youth)


def _figures(at) -> dict[str, str]:
    return {k: v.replace("\u00a0", " ") for k, v in metric_values(at).items()}


def test_key_figures_follow_the_group_and_service(db, page_test) -> None:
    from planning.domain.catalogue import load_catalogue
    from tests.pages.seeding import MINISTRY

    at = page_test("map", region="Kurzeme", actor=MINISTRY)
    needs, clients, places = (i18n.t(f"summary.{k}", "lv") for k in
                              ("needs", "institution_clients", "service_places"))
    every = _figures(at)
    at.selectbox(key="map_group").select("adults_grt").run()
    assert not at.exception, at.exception
    layer = views.needs_layer("2025", "adults_grt", views.ALL_SERVICES, "Kurzeme")
    institutions = views.institutions_table("2025", "Kurzeme")
    group = _figures(at)
    assert group[needs] == i18n.fmt_int(layer.loc[layer["in_region"], "value"].sum(), "lv") \
        .replace("\u00a0", " ")
    assert group[needs] != every[needs]
    assert group[clients] == i18n.fmt_int(institutions["clients_adults_grt"].sum(), "lv") \
        .replace("\u00a0", " ")
    assert any("Pieaugušie" in c.value or "GRT" in c.value for c in at.caption)
    service = "group_home"
    at.selectbox(key="map_service").select(service).run()
    name = load_catalogue().services[service].name("lv")
    services = views.services_table("2025", "Kurzeme")
    assert _figures(at)[places] == i18n.fmt_int(
        services.loc[services["service"] == name, "places_licensed"].sum(), "lv") \
        .replace("\u00a0", " ")


@pytest.mark.parametrize("region", ["Latgale", "Kurzeme", views.ALL])
def test_the_publics_chosen_figures_add_up_only_what_it_sees(page_test, region) -> None:
    from planning.domain import public_reference

    protection = public_reference.protected_reference("2025")
    for group in ("youth_leaving_care", "children_ft"):
        at = page_test("map", region=region, map_group=group)
        assert not at.exception, at.exception
        shown = metric_values(at)[i18n.t("summary.needs", "lv")]
        layer = views.public_needs_layer(
            views.needs_layer("2025", group, views.ALL_SERVICES, region), protection, group)
        values = layer.loc[layer["in_region"], "value"]
        if any(isinstance(v, str) for v in values):
            assert shown == "…"
        else:
            assert shown == i18n.fmt_int(sum(values), "lv")
            assert not 0 < sum(values) < 5


def test_the_basemap_and_fewer_layers_draw(page_test) -> None:
    at = page_test("map", map_basemap=True, map_layers=["needs"])
    assert not at.exception, at.exception
    assert at.toggle(key="map_basemap").value is True
