"""A catalogue users extend (issue 16), in a real Chromium: the management group adds a
halfway house for youth leaving care from the existing service types (norms borrowed from
the group home with their sources), saves it, uploads needs that name it, runs, and finds
it by name in the results.

Set ``DI_SCREENSHOTS=/some/dir`` to keep a screenshot of the pages visited.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from planning.io import templates
from tests.e2e.conftest import running_app, shot, wait_idle
from tests.e2e.test_planning_journey import RUN_TIMEOUT_MS, cells, go, sign_in
from tests.pages.seeding import seeded_engine, solved_plan

pytestmark = pytest.mark.slow
GROUP_NAME = "Jaunieši pēc ārpusģimenes aprūpes (15–24)"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("e2e_user_service")
    url = f"sqlite:///{tmp / 'e2e.db'}"
    engine = seeded_engine(url)
    solved_plan(engine, "Kurzemes plāns")
    engine.dispose()
    with running_app(url, tmp) as base:
        yield base


def choose(page, label: str, option: str) -> None:
    page.get_by_role("combobox", name=label, exact=True).click()
    page.get_by_role("option", name=option, exact=True).click()
    wait_idle(page)


def needs_csv() -> bytes:
    header = templates.template_csv("needs", "lv").decode("utf-8-sig").strip()
    rows = [f"0007000,Ventspils,{GROUP_NAME},,Pusceļa māja,7",
            f"0005000,Liepāja,{GROUP_NAME},,Pusceļa māja,7"]
    return "\n".join([header, *rows, ""]).encode()


def test_add_a_service_enter_its_need_run_and_see_it(page, app_url: str) -> None:
    sign_in(page, app_url, "kurzeme.group")
    go(page, "Ievade")
    page.get_by_role("tab", name="Pakalpojumi").click()
    wait_idle(page)
    panel = page.get_by_role("tabpanel", name="Pakalpojumi")
    choose(page, "Pakalpojuma veids katalogā", "Pusceļa māja")
    choose(page, "Normatīvi sākumam no", "Grupu māja / dzīvoklis")
    expect(panel.get_by_text("Juridiskā kategorija: sociālā rehabilitācija")).to_be_visible()
    groups = panel.locator("[data-testid=stMultiSelect]")
    groups.get_by_role("button").first.click()  # the group home's adults, not ours
    wait_idle(page)
    page.get_by_role("combobox", name="Mērķa grupas", exact=True).click()
    page.get_by_role("option", name=GROUP_NAME, exact=True).click()
    page.keyboard.press("Escape")
    wait_idle(page)
    expect(groups).to_contain_text(GROUP_NAME)
    expect(groups).not_to_contain_text("Pilngadīgas")
    shot(page, "services_editor")
    panel.get_by_role("button", name=re.compile("Pievienot scenārijam")).click()
    wait_idle(page)
    expect(panel.locator("[data-testid=stDataFrame] [role=gridcell]").filter(
        has_text="dzīvesvietas pakalpojums").first).to_be_attached()
    page.get_by_label("Izmaiņu apraksts").fill("pusceļa māja jauniešiem")
    page.locator(".st-key-save_button button").click()
    wait_idle(page)
    expect(page.get_by_text(re.compile(r"^Labojat versiju 2"))).to_be_visible()

    page.get_by_text("Faili: lejupielādēt un augšupielādēt").click()
    page.locator("input[type=file]").set_input_files(
        {"name": "needs.csv", "mimeType": "text/csv", "buffer": needs_csv()})
    wait_idle(page)
    apply = page.locator(".st-key-upload_apply button")
    expect(apply).to_be_visible()
    apply.click()
    wait_idle(page)
    expect(page.get_by_text(re.compile(r"^Labojat versiju 3"))).to_be_visible()

    go(page, "Aprēķins")
    page.get_by_role("button", name="Aprēķināt versiju 3").click()
    expect(page.get_by_text(re.compile(r"^Versija 3 aprēķināta"))).to_be_visible(
        timeout=RUN_TIMEOUT_MS)
    go(page, "Rezultāti")
    page.get_by_role("tab", name="Vietas pa pakalpojumiem").click()
    wait_idle(page)
    expect(page.locator("[data-testid=stDataFrame] [role=gridcell]").filter(
        has_text="Pusceļa māja").first).to_be_attached()
    assert "Pusceļa māja" in cells(page)
    shot(page, "services_result")
