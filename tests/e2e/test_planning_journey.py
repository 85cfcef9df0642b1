"""Journeys through the planning workflow in a real Chromium, signed in through the sign-in
page: create a scenario, change the budget, run, read the result on the map and in the
table; compare two scenarios; restore an older version."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import map_frame, running_app, wait_idle
from tests.pages.planning_helpers import save_budget_factor
from tests.pages.seeding import LATGALE, PASSWORD, seeded_engine, solved_plan

pytestmark = pytest.mark.slow
RUN_TIMEOUT_MS = 120_000


@pytest.fixture(scope="module")
def planning_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on a database with users, a solved Kurzeme plan with a second version
    (budget -50 %) and a solved Latgale plan."""
    tmp = tmp_path_factory.mktemp("e2e_planning")
    url = f"sqlite:///{tmp / 'plan.db'}"
    engine = seeded_engine(url)
    kurzeme = solved_plan(engine, "Kurzemes plāns")
    save_budget_factor(engine, kurzeme.id, 0.5, message="budžets -50 %")
    solved_plan(engine, "Latgales plāns", region="Latgale", group=LATGALE)
    engine.dispose()
    with running_app(url, tmp) as base:
        yield base


def sign_in(page, base: str, username: str) -> None:
    """Sign in through the sign-in page, reached from the navigation."""
    page.goto(base)
    page.locator("[data-testid=stApp]").wait_for()
    wait_idle(page)
    go(page, "Pieteikties")
    expect(page.get_by_role("heading", name="Pieteikšanās")).to_be_visible()
    page.get_by_label("Lietotājvārds").fill(username)
    page.get_by_label("Parole").fill(PASSWORD)
    page.locator("[data-testid=stFormSubmitButton] button").click()
    # signed in: the planners' pages appear in the navigation
    expect(page.locator("[data-testid=stSidebarNav]").get_by_text("Ievade")).to_be_visible()
    wait_idle(page)


def go(page, label: str) -> None:
    """Follow a sidebar link (keeps the session, so the user stays signed in)."""
    page.locator("[data-testid=stSidebarNav]").get_by_text(label, exact=True).click()
    wait_idle(page)


def picker(page):
    """The shared scenario picker."""
    return page.get_by_role("combobox", name="Scenārijs", exact=True)


def cells(page) -> list[str]:
    return page.locator("[data-testid=stDataFrame] [role=gridcell]").all_inner_texts()


def type_right_of_first_cell(page, grid, value: str, attempts: int = 3) -> None:
    """Select the first cell of row 1, move one cell right and type ``value``. The canvas
    grid takes a click only once it has laid out its columns, which on a busy machine can
    take longer than any fixed wait (a clean-clone CI run once typed into nothing): until the
    page reports a changed value, the sequence is tried again."""
    changed = page.get_by_text(re.compile(r"^Mainīt(a|as) \d+ vērtīb"))
    for _ in range(attempts):
        page.wait_for_timeout(500)
        box = grid.bounding_box()
        page.mouse.click(box["x"] + 30, box["y"] + 35 + 17)
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(200)
        page.keyboard.type(value)
        page.wait_for_timeout(200)
        page.keyboard.press("Enter")
        wait_idle(page)
        try:
            expect(changed).to_be_visible(timeout=5_000)
            return
        except AssertionError:
            page.keyboard.press("Escape")


def test_create_change_budget_run_and_read_the_result(page, planning_url: str) -> None:
    sign_in(page, planning_url, "kurzeme.group")
    go(page, "Scenāriji")
    page.get_by_label("Nosaukums", exact=True).fill("Kurzeme e2e")
    page.get_by_role("button", name="Izveidot").click()
    wait_idle(page)
    expect(picker(page)).to_have_value("Kurzeme e2e — Kurzeme")

    go(page, "Ievade")
    page.get_by_role("tab", name="Budžeti").click()
    wait_idle(page)  # a tab change reruns the page (the open tab is kept)
    grid = page.get_by_role("tabpanel", name="Budžeti").locator("[data-testid=stDataFrame]").first
    expect(grid.locator("canvas").first).to_be_visible()
    type_right_of_first_cell(page, grid, "200000")  # row 1: region -> ERDF quota
    expect(page.get_by_text("Mainīta 1 vērtība.")).to_be_visible()
    page.get_by_text("Jā, vērtības ir pareizas — saglabāt tās").click()  # a cut to 200 000
    wait_idle(page)
    page.get_by_label("Izmaiņu apraksts").fill("ERAF kvota 200 000")
    page.get_by_role("button", name="Saglabāt jaunu versiju").click()
    wait_idle(page)
    expect(page.get_by_text(re.compile(r"^Labojat versiju 2"))).to_be_visible()

    go(page, "Aprēķins")
    page.get_by_role("button", name="Aprēķināt versiju 2").click()
    expect(page.get_by_text(re.compile(r"^Versija 2 aprēķināta"))).to_be_visible(
        timeout=RUN_TIMEOUT_MS)
    expect(page.get_by_role("link", name="Skatīt rezultātus")).to_be_visible()
    go(page, "Rezultāti")

    expect(page.get_by_role("heading", name="Rezultāti")).to_be_visible()
    met = page.locator("[data-testid=stMetric]").filter(has_text="Apmierināta")
    expect(met).not_to_contain_text("100%")  # 200 000 EUR cannot buy every place
    frame = map_frame(page)
    expect(frame.locator(".leaflet-container")).to_be_visible()
    expect(frame.get_by_text("Apmierinātā vajadzības daļa")).to_be_visible()
    assert frame.locator("path.leaflet-interactive").count() >= 8
    page.get_by_role("tab", name="Neapmierinātā vajadzība").click()
    expect(page.locator("[data-testid=stDataFrame]").filter(
        has_text="investīciju budžets").first).to_be_visible()
    assert "investīciju budžets" in cells(page)


def test_compare_two_scenarios(page, planning_url: str) -> None:
    sign_in(page, planning_url, "lm.reviewer")
    go(page, "Salīdzināt")
    box = page.get_by_role("combobox", name="Scenāriji")
    for name in ("Kurzemes plāns", "Latgales plāns"):
        box.click()
        page.get_by_role("option", name=re.compile(f"^{name}")).click()
        page.keyboard.press("Escape")
        wait_idle(page)
    expect(page.get_by_role("heading", name="Galvenie rādītāji")).to_be_visible()
    expect(page.get_by_text("Nav aprēķina: Kurzemes plāns")).not_to_be_visible()
    expect(page.locator("iframe[title='streamlit_folium.st_folium']")).to_have_count(2)
    # Kurzeme's assessed need, in the key figures side by side (waited for: the canvas grid
    # draws its cells after the page is idle, and under load a snapshot read found none)
    expect(page.locator("[data-testid=stDataFrame] [role=gridcell]").filter(
        has_text=re.compile("^916$")).first).to_be_attached()
    expect(page.get_by_role("heading", name=re.compile("Jaunas vietas pa pašvaldībām"))
           ).to_be_attached()


def test_restore_an_older_version(page, planning_url: str) -> None:
    sign_in(page, planning_url, "kurzeme.group")
    go(page, "Scenāriji")
    picker(page).click()
    page.get_by_role("option", name="Kurzemes plāns — Kurzeme").click()
    wait_idle(page)
    expect(page.get_by_text("budžets -50 %")).to_be_attached()
    page.get_by_role("button", name="Atjaunot").click()
    wait_idle(page)
    expect(page.locator("[data-testid=stDataFrame] [role=gridcell]").filter(
        has_text="atjaunota versija 1")).to_have_count(1)
    assert "3" in cells(page)
