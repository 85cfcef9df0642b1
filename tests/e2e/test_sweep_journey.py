"""Journey in a real Chromium: a management group asks what each extra million buys — a
budget sweep started on the Jutīgums page, left while it runs, and read back as a frontier;
then a robust plan, its frequency map and its workbook downloaded."""

from __future__ import annotations

from collections.abc import Iterator

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import MAP_IFRAME, running_app, shot, wait_idle
from tests.e2e.test_planning_journey import go, sign_in
from tests.pages.seeding import seeded_engine, solved_plan

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sweep_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("e2e_sweep")
    url = f"sqlite:///{tmp / 'sweep.db'}"
    engine = seeded_engine(url)
    solved_plan(engine, "Kurzemes plāns")
    engine.dispose()
    with running_app(url, tmp) as base:
        yield base


def test_a_budget_sweep_left_and_read_back(page, sweep_url: str) -> None:
    sign_in(page, sweep_url, "kurzeme.group")
    go(page, "Jutīgums")
    expect(page.get_by_role("heading", name="Jutīguma analīze")).to_be_visible()
    values = page.get_by_role("textbox", name="Vērtības").first
    values.fill("1 000 000; 2 000 000; 4 000 000")
    values.press("Enter")
    wait_idle(page)
    shot(page, "sweep_form")
    page.get_by_role("button", name="Sākt analīzi versijai 1").click()
    expect(page.get_by_text("no 4 punktiem")).to_be_visible(timeout=60_000)  # it started
    go(page, "Karte")                      # leave while it runs
    go(page, "Jutīgums")
    expect(page.get_by_text("visi 4 punkti")).to_be_visible(timeout=240_000)
    expect(page.get_by_role("heading", name="Apkalpotās personas pret budžetu")).to_be_visible()
    expect(page.get_by_role("button", name="Lejupielādēt XLSX")).to_be_visible()
    wait_idle(page)
    page.get_by_role("heading", name="Visi punkti").scroll_into_view_if_needed()
    shot(page, "sweep_result")


def test_a_robust_plan_with_its_frequency_map(page, sweep_url: str, tmp_path) -> None:
    sign_in(page, sweep_url, "kurzeme.group")
    go(page, "Jutīgums")
    expect(page.get_by_role("heading", name="Noturīgs plāns")).to_be_visible()
    count = page.get_by_label("Vajadzības scenāriju skaits")
    count.fill("3")
    count.press("Enter")
    wait_idle(page)
    page.get_by_role("button", name="Aprēķināt noturīgu plānu versijai 1").click()
    expect(page.get_by_text("3 scenāriji")).to_be_visible(timeout=400_000)
    expect(page.get_by_text("Neapkalpotās personas sliktākajā scenārijā")).to_be_visible()
    frame = page.frame_locator(MAP_IFRAME).first
    expect(frame.locator("path.leaflet-interactive").first).to_be_attached()
    expect(frame.get_by_text("vienmēr (100%)")).to_be_visible()
    wait_idle(page)
    page.get_by_text("Neapkalpotās personas vidēji").scroll_into_view_if_needed()
    shot(page, "robust_result")
    page.locator(MAP_IFRAME).first.scroll_into_view_if_needed()
    shot(page, "robust_map")
    # the workbook to file, beside the table's CSV: the click serves a real XLSX
    xlsx = page.locator("[data-testid=stDownloadButton]").filter(
        has_text="Lejupielādēt XLSX").last
    expect(page.locator("[data-testid=stDownloadButton]").filter(
        has_text="Lejupielādēt CSV").last).to_be_visible()
    xlsx.scroll_into_view_if_needed()
    wait_idle(page)
    shot(page, "robust_downloads")
    with page.expect_download() as got:
        xlsx.click()
    assert got.value.suggested_filename.endswith(".xlsx")
    path = tmp_path / got.value.suggested_filename
    got.value.save_as(path)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames[0] == "Objekti" and workbook.sheetnames[-1] == "Par"
    about = {r[0]: r[1] for r in workbook["Par"].iter_rows(min_row=3, values_only=True)}
    assert about["Scenārijs"] == "Kurzemes plāns" and about["Vajadzības scenāriju skaits"] == "3"
