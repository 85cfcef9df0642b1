"""app.py: routing, the shared sidebar widgets, language switch and region selector."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from planning import i18n
from tests.pages.conftest import ROOT, TIMEOUT, metric_values


def test_app_opens_on_the_map_page_in_latvian(app: AppTest) -> None:
    assert not app.exception
    assert app.title[0].value == i18n.t("map.title", "lv")
    assert metric_values(app)[i18n.t("summary.municipalities", "lv")] == "42"


def test_sidebar_holds_language_region_and_division_by_key(app: AppTest) -> None:
    assert app.button_group(key="lang").value == "lv"
    assert app.sidebar.selectbox(key="region").value == ""
    assert app.sidebar.selectbox(key="division").value == "2025"


def test_region_selector_narrows_the_page_to_that_region(app: AppTest) -> None:
    app.selectbox(key="region").select("Kurzeme").run()
    assert not app.exception
    figures = metric_values(app)
    assert figures[i18n.t("summary.municipalities", "lv")] == "8"
    members = [m.value for m in app.markdown if m.value.startswith("**Kurzeme**")]
    assert members and "Liepāja" in members[0] and "Rīga" not in members[0]


def test_language_switch_translates_and_keeps_the_region(app: AppTest) -> None:
    app.selectbox(key="region").select("Latgale").run()
    app.button_group(key="lang").set_value("en").run()
    assert not app.exception
    assert app.title[0].value == i18n.t("map.title", "en")
    assert app.selectbox(key="region").value == "Latgale"
    assert i18n.t("summary.municipalities", "en") in metric_values(app)
    app.button_group(key="lang").set_value("lv").run()
    assert app.title[0].value == i18n.t("map.title", "lv")


@pytest.mark.parametrize("spelling", ["en", "En", "EN", " en "])
def test_a_link_names_english_in_any_case(spelling: str) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.query_params["lang"] = spelling
    at.run()
    assert not at.exception
    assert at.button_group(key="lang").value == "en"
    assert at.title[0].value == i18n.t("map.title", "en")
    assert i18n.t("summary.municipalities", "en") in metric_values(at)
    assert at.query_params["lang"] == "EN"  # the spelling the switch writes and reads
    at.button_group(key="lang").set_value("lv").run()
    assert at.title[0].value == i18n.t("map.title", "lv")


@pytest.mark.parametrize("spelling", ["lv", "LV", "Lv", "de", ""])
def test_a_link_naming_latvian_or_no_known_language_opens_in_latvian(spelling: str) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.query_params["lang"] = spelling
    at.run()
    assert not at.exception
    assert at.button_group(key="lang").value == "lv"
    assert at.title[0].value == i18n.t("map.title", "lv")


def test_division_2021_has_43_local_governments(app: AppTest) -> None:
    app.selectbox(key="division").select("2021").run()
    assert not app.exception
    assert metric_values(app)[i18n.t("summary.municipalities", "lv")] == "43"


def test_data_page_is_reachable_from_the_navigation(app: AppTest) -> None:
    app.switch_page("pages/about.py").run()
    assert not app.exception
    assert app.title[0].value == i18n.t("about.title", "lv")


def test_an_error_no_page_step_catches_shows_an_incident_id_not_the_exception(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from pages._map import figures

    def broken(*_args: object) -> None:
        raise ZeroDivisionError("secret internals")

    monkeypatch.setattr(figures, "cards", broken)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    assert not at.exception
    shown = " ".join(e.value for e in at.error)
    assert "secret internals" not in shown
    assert i18n.t("error.unexpected", "lv", incident="").split("(")[0] in shown
