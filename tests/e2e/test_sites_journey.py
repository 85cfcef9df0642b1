"""Candidate sites and travel times from the user's GIS (issue 16), in a real Chromium: the
management group uploads an (illustrative) candidate-sites file and a QGIS-style travel
matrix on Ievade, runs, and finds the sites with new services and the imported distances
named in the results.

Set ``DI_SCREENSHOTS=/some/dir`` to keep a screenshot of the pages visited.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import running_app, shot, wait_idle
from tests.e2e.test_planning_journey import RUN_TIMEOUT_MS, cells, go, sign_in
from tests.pages.seeding import seeded_engine, solved_plan
from tests.planning.sites_example import (
    MATRIX_HEADERS,
    SITE_HEADERS,
    csv_of,
    example_matrix,
    example_sites,
)

pytestmark = pytest.mark.slow
SITES = example_sites("Kurzeme", per_municipality=2)


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("e2e_sites")
    url = f"sqlite:///{tmp / 'e2e.db'}"
    engine = seeded_engine(url)
    solved_plan(engine, "Kurzemes plāns")
    engine.dispose()
    with running_app(url, tmp) as base:
        yield base


def upload(page, kind_label: str, name: str, data: bytes, version_after: int) -> None:
    """Choose the kind of file, upload it, apply it, and see the new version opened."""
    page.get_by_role("radiogroup").get_by_text(kind_label, exact=True).click()
    wait_idle(page)
    page.locator("input[type=file]").set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": data})
    wait_idle(page)
    apply = page.locator(".st-key-upload_apply button")
    expect(apply).to_be_visible()
    apply.click()
    wait_idle(page)
    expect(page.get_by_text(re.compile(rf"^Labojat versiju {version_after}"))).to_be_visible()


def test_import_sites_and_a_travel_matrix_run_and_see_them(page, app_url: str) -> None:
    sign_in(page, app_url, "kurzeme.group")
    go(page, "Ievade")
    page.get_by_text("Faili: lejupielādēt un augšupielādēt").click()
    upload(page, "Kandidātvietas", "vietas.csv", csv_of(SITES, SITE_HEADERS), 2)
    upload(page, "Brauciena laiki", "matrica.csv",
           csv_of(example_matrix(SITES, "Kurzeme"), MATRIX_HEADERS), 3)
    page.get_by_role("tab", name=re.compile("^Kandidātvietas")).click()
    wait_idle(page)
    panel = page.get_by_role("tabpanel", name=re.compile("^Kandidātvietas"))
    expect(panel.locator("iframe").first).to_be_visible()  # the sites' map
    shot(page, "sites_imported")

    go(page, "Aprēķins")
    page.get_by_role("button", name="Aprēķināt versiju 3").click()
    expect(page.get_by_text(re.compile(r"^Versija 3 aprēķināta"))).to_be_visible(
        timeout=RUN_TIMEOUT_MS)
    go(page, "Rezultāti")
    expect(page.get_by_text("Attālumi: importētā brauciena laiku tabula",
                            exact=False).first).to_be_visible()
    page.get_by_role("tab", name="Vietas pa pakalpojumiem").click()
    wait_idle(page)
    heading = page.get_by_text("Kandidātvietas ar jauniem pakalpojumiem")
    expect(heading).to_be_visible()
    # the canvas grid lists in its accessible table only the rows laid out in view, and lays
    # them out a moment after it scrolls into view (the results page has grown above it)
    heading.scroll_into_view_if_needed()
    shown: list[str] = []
    for _ in range(40):
        shown = cells(page)
        if any(name in shown for name in SITES["name"]):
            break
        page.mouse.wheel(0, 120)
        page.wait_for_timeout(250)
    assert any(name in shown for name in SITES["name"]), "no imported site in the results"
    shot(page, "sites_results")
