"""The first visit after the app starts, by a link to a page other than the map: the page
opens without Streamlit's "Page not found" dialog (``app.serve``; streamlit#8860); a link to
a planners' page opened by the public asks to sign in (``app.refusal``)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from planning import i18n
from tests.e2e.conftest import running_app, wait_idle
from tests.pages.seeding import seeded_engine

pytestmark = pytest.mark.slow


@pytest.fixture
def fresh_app(tmp_path) -> Iterator[str]:
    """A just-started app that no session has visited yet."""
    url = f"sqlite:///{tmp_path / 'start.db'}"
    seeded_engine(url).dispose()
    with running_app(url, tmp_path) as base:
        yield base


def test_a_shared_link_opened_first_after_a_start_shows_its_page_without_a_dialog(
        page, fresh_app: str) -> None:
    page.goto(f"{fresh_app}/salidzinat")
    page.locator("[data-testid=stApp]").wait_for()
    wait_idle(page)
    expect(page.get_by_role("heading", name=i18n.t("compare.title", "lv"))).to_be_visible()
    page.wait_for_timeout(1000)  # the dialog came with the first run's messages
    assert page.get_by_text("Page not found").count() == 0
    assert page.url.endswith("/salidzinat")


def test_a_planners_page_opened_by_the_public_asks_to_sign_in(page, fresh_app: str) -> None:
    page.goto(f"{fresh_app}/ievade")
    page.locator("[data-testid=stApp]").wait_for()
    wait_idle(page)
    expect(page.get_by_text(re.compile(r"^Šī lapa ir pieejama lomām: .*Piesakieties"))
           ).to_be_visible()
    assert page.get_by_text("Page not found").count() == 0
    nav = page.locator("[data-testid=stSidebarNav]")
    expect(nav.get_by_text("Karte")).to_be_visible()
    assert nav.get_by_text("Ievade", exact=True).count() == 0  # hidden, not listed
