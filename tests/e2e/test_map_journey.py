"""Journey: open the app, see the map, pick a planning region, see its municipalities."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from planning import i18n
from planning.domain import geo
from planning.views import reference_views as views
from tests.e2e.conftest import choose, map_frame, map_view, open_app, wait_for_map_view, wait_idle

pytestmark = pytest.mark.slow


def test_open_map_pick_region_see_its_municipalities(page, app_url: str) -> None:
    open_app(page, app_url)
    frame = map_frame(page)
    expect(frame.locator(".leaflet-container")).to_be_visible()
    expect(frame.locator("path.leaflet-interactive").first).to_be_attached()
    assert frame.locator("path.leaflet-interactive").count() >= 42
    link = frame.get_by_role("link", name="Municipal boundaries: amCharts")
    expect(link).to_have_attribute("href", "https://www.amcharts.com/")
    expect(page.get_by_text("Dati: ilustratīvi.")).to_be_visible()
    national = wait_for_map_view(page)

    choose(page, i18n.t("sidebar.region", "lv"), "Kurzeme")

    members = page.get_by_text(re.compile(r"^Kurzeme \(8\):"))
    expect(members).to_be_visible()
    facts = geo.municipalities("2025")
    for name in facts.loc[facts["planning_region"] == "Kurzeme", "name_lv"]:
        expect(members).to_contain_text(name)
    expect(members).not_to_contain_text("Rīga")
    expect(page.get_by_role("tab", name="Pašvaldības (8)")).to_be_visible()
    expect(page).to_have_url(re.compile(r"region=Kurzeme"))
    # The map is redrawn zoomed in on the region: closer, centred inside Kurzeme.
    (south, west), (north, east) = views.region_bounds("2025", "Kurzeme")

    def zoomed_into_kurzeme(view: dict[str, float]) -> bool:
        return (view["zoom"] > national["zoom"]
                and south < view["lat"] < north and west < view["lon"] < east)

    wait_for_map_view(page, changed_from=national, until=zoomed_into_kurzeme)


def test_language_switch_and_shared_link(page, app_url: str) -> None:
    open_app(page, app_url, "?region=Latgale")
    expect(page.get_by_text(re.compile(r"^Latgale \(9\):"))).to_be_visible()
    page.locator("[data-testid=stSidebar]").get_by_text("EN", exact=True).click()
    expect(page.get_by_role("heading", name=i18n.t("map.title", "en"))).to_be_visible()
    expect(page.get_by_text("Data: illustrative.")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Latgale \(9\):"))).to_be_visible()
    expect(page).to_have_url(re.compile(r"lang=EN"))


def test_a_lowercase_language_link_opens_in_english(page, app_url: str) -> None:
    open_app(page, app_url, "?lang=en&region=Latgale")
    expect(page.get_by_role("heading", name=i18n.t("map.title", "en"))).to_be_visible()
    switch = page.locator("[data-testid=stSidebar] [data-testid=stButtonGroup]")
    expect(switch.get_by_role("radio", name="EN", exact=True)).to_be_checked()
    expect(switch.get_by_role("radio", name="LV", exact=True)).not_to_be_checked()
    expect(page).to_have_url(re.compile(r"lang=EN"))
    expect(page.get_by_text(re.compile(r"^Latgale \(9\):"))).to_be_visible()
    switch.get_by_role("radio", name="LV", exact=True).click()
    expect(page.get_by_role("heading", name=i18n.t("map.title", "lv"))).to_be_visible()
    expect(page).not_to_have_url(re.compile(r"lang="))


def test_data_page_from_the_navigation(page, app_url: str) -> None:
    open_app(page, app_url)
    page.locator("[data-testid=stSidebarNav]").get_by_text(i18n.t("nav.about", "lv")).click()
    expect(page.get_by_role("heading", name=i18n.t("about.title", "lv"))).to_be_visible()
    expect(page.get_by_role("link", name="Municipal boundaries: amCharts")).to_be_visible()


def test_clicks_show_names_and_figures(page, app_url: str) -> None:
    open_app(page, app_url)
    frame = map_frame(page)
    shapes = frame.locator("path.leaflet-interactive")
    expect(shapes.first).to_be_attached()
    facts = geo.municipalities("2025")
    # Shapes are drawn in order: 42 municipalities (Rīga first), then institutions, services.
    shapes.nth(0).dispatch_event("click")
    popup = frame.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Rīga")
    expect(popup).to_contain_text(i18n.t("tip.population", "lv"))
    expect(popup).to_contain_text(i18n.fmt_int(int(facts["population"].iloc[0]), "lv"))
    shapes.nth(len(facts)).dispatch_event("click")
    expect(popup.last).to_contain_text(i18n.t("tip.clients", "lv"))
    expect(popup.last).to_contain_text(views.institutions_table("2025").iloc[0]["name"])


def test_the_map_keeps_its_view_when_a_filter_or_layer_changes(page, app_url: str) -> None:
    open_app(page, app_url)
    frame = map_frame(page)
    expect(frame.locator(".di-legend")).to_be_visible()
    wait_for_map_view(page)
    leaflet = next(f for f in page.frames if "st_folium" in f.url)
    leaflet.evaluate("() => { window.map.setView([56.95, 24.1], 10); window.diKept = 1; }")
    zoomed = wait_for_map_view(page, until=lambda v: v["zoom"] == 10)

    choose(page, i18n.t("map.group", "lv"), "Bērni ar funkcionāliem traucējumiem (FT)",
           sidebar=False)
    legend = frame.locator(".di-legend")
    expect(legend).to_contain_text("Bērni ar FT")
    page.get_by_role("button", name=i18n.t("layer.institutions", "lv")).click()
    wait_idle(page)
    expect(legend).not_to_contain_text(i18n.t("legend.institution", "lv"))
    expect(frame.locator(".di-legend")).to_have_count(1)
    # the same map, not a new one fitted to Latvia: the view and the page's state are kept
    leaflet = next(f for f in page.frames if "st_folium" in f.url)
    assert leaflet.evaluate("() => window.diKept") == 1
    assert map_view(page) == zoomed
    scale = frame.locator(".leaflet-control-scale-line")
    expect(scale).to_have_count(1)
    expect(scale).to_contain_text("m")
    expect(scale).not_to_contain_text("mi")
    expect(frame.locator(".leaflet-control-layers")).to_have_count(0)


CLIPPED = """() => [...document.querySelectorAll(
    '[data-testid=stMetric] [data-testid=stMetricValue], [data-testid=stMetric] label')]
  .flatMap(el => [el, ...el.querySelectorAll('*')])
  .filter(el => el.scrollWidth > el.clientWidth + 1)
  .map(el => el.textContent.trim())"""


@pytest.mark.parametrize("width", [1280, 1440])
@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_key_figures_are_not_cut(browser, app_url: str, width: int, lang: str) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="lv-LV")
    page = context.new_page()
    try:
        open_app(page, app_url, "?lang=EN" if lang == "en" else "")
        population = page.locator("[data-testid=stMetric]").filter(
            has_text=i18n.t("summary.population", lang))
        expect(population).to_contain_text(i18n.fmt_int(geo.municipalities("2025")[
            "population"].sum(), lang))
        # waited for: the cards are drawn one by one, and a clean-clone CI run counted 4
        expect(page.locator("[data-testid=stMetric]")).to_have_count(5)
        assert page.evaluate(CLIPPED) == []
    finally:
        context.close()
