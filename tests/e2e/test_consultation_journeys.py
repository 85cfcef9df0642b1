"""Journeys of issue 6 in a real headless Chromium, on an app whose database was seeded
through the real back end (argon2 users, optimizer results, lifecycle steps):

- an NGO comments on a published draft; the comment appears after the group moderates it;
- a municipality disputes an allocation;
- the ministry returns a plan and the group sees why.

Set ``DI_SCREENSHOTS=/some/dir`` to keep a screenshot of every page visited.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlmodel import Session

from planning import i18n
from planning.domain.config import local_today
from planning.store import lifecycle
from tests.e2e.conftest import open_app, running_app, wait_idle
from tests.pages.seeding import (
    GROUP,
    LATGALE,
    LIEPAJA,
    MINISTRY,
    PASSWORD,
    published_plan,
    seeded_engine,
    solved_plan,
)

pytestmark = pytest.mark.slow
SHOTS = os.environ.get("DI_SCREENSHOTS")
COMMENT = "Lūdzu <b>mazākas</b> grupu mājas **Liepājā** — e2e"
REASON = "Pamatojiet Rēzeknes dienas centra vietas (e2e)."


@pytest.fixture(scope="module")
def seeded_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on a database with users, a published Kurzeme plan and a submitted Latgale
    plan."""
    tmp = tmp_path_factory.mktemp("e2e_consultation")
    url = f"sqlite:///{tmp / 'e2e.db'}"
    engine = seeded_engine(url)
    published_plan(engine)
    latgale = solved_plan(engine, "Latgales DI plāns 2026", region="Latgale", group=LATGALE)
    with Session(engine, expire_on_commit=False) as session:
        from datetime import timedelta

        lifecycle.publish(session=session, actor=LATGALE, scenario_id=latgale.id,
                          start=local_today() - timedelta(days=40),
                          end=local_today() - timedelta(days=10))
        lifecycle.submit(session=session, actor=LATGALE, scenario_id=latgale.id)
    engine.dispose()
    with running_app(url, tmp) as base:
        yield base


def shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def go(page, nav_key: str) -> None:
    """Open a page from the sidebar navigation (keeps the signed-in session)."""
    nav = page.locator("[data-testid=stSidebarNav]")
    nav.get_by_text(i18n.t(nav_key, "lv"), exact=True).click()
    wait_idle(page)


def sign_in(page, app: str, username: str) -> None:
    open_app(page, app)
    go(page, "nav.signin")
    page.get_by_label(i18n.t("signin.username", "lv")).fill(username)
    page.get_by_label(i18n.t("signin.password", "lv")).fill(PASSWORD)
    page.get_by_role("button", name=i18n.t("signin.submit", "lv")).click()
    expect(page.get_by_text(i18n.t("signin.as", "lv"))).to_be_visible()
    wait_idle(page)


def field(scope, key: str):
    """The text box labelled with the string ``key`` (exactly)."""
    return scope.get_by_role("textbox", name=i18n.t(key, "lv"), exact=True)


def main_area(page):
    return page.locator("[data-testid=stMain]")


def test_ngo_comments_and_the_comment_appears_after_moderation(browser, seeded_app) -> None:
    ngo = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="lv-LV")
    page = ngo.new_page()
    open_app(page, seeded_app)
    go(page, "nav.consultation")
    expect(page.get_by_role("heading", name=i18n.t("consult.title", "lv"))).to_be_visible()
    expect(main_area(page).get_by_text(i18n.t("plan.privacy", "lv"))).to_be_visible()
    field(page, "consult.name").fill("Anna Bērziņa")
    field(page, "consult.organisation").fill("Rūpju bērns")
    field(page, "consult.email").fill("anna@example.lv")
    field(page, "consult.text").fill(COMMENT)
    shot(page, "consultation_form")
    page.get_by_role("button", name=i18n.t("consult.send", "lv")).click()
    expect(page.get_by_text(i18n.t("consult.sent", "lv"))).to_be_visible()
    expect(main_area(page).get_by_text(COMMENT, exact=True)).to_have_count(0)

    group = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="lv-LV")
    gpage = group.new_page()
    sign_in(gpage, seeded_app, GROUP.username)
    go(gpage, "nav.moderation")
    expect(main_area(gpage).get_by_text(COMMENT, exact=True)).to_be_visible()
    expect(main_area(gpage).get_by_text("anna@example.lv")).to_be_visible()
    shot(gpage, "moderation")
    main_area(gpage).get_by_role("button", name=i18n.t("manage.approve", "lv"),
                                 exact=True).first.click()
    # The click only queues a rerun: wait until the comment has left the pending list.
    expect(main_area(gpage).get_by_text(COMMENT, exact=True)).to_have_count(0)
    wait_idle(gpage)
    group.close()

    page.reload()
    page.locator("[data-testid=stApp]").wait_for()
    wait_idle(page)
    go(page, "nav.consultation")
    shown = main_area(page).get_by_text(COMMENT, exact=True)
    expect(shown).to_be_visible()  # literally: the tags and asterisks are text
    expect(main_area(page).locator("b", has_text="mazākas")).to_have_count(0)
    expect(main_area(page).get_by_text("anna@example.lv")).to_have_count(0)
    shot(page, "consultation_after_moderation")
    ngo.close()


def test_a_municipality_disputes_an_allocation(page, seeded_app) -> None:
    sign_in(page, seeded_app, LIEPAJA.username)
    go(page, "nav.municipality")
    expect(page.get_by_text(i18n.t("muni.yours", "lv", name="Liepāja"))).to_be_visible()
    form = main_area(page).locator("[data-testid=stForm]").first
    form.get_by_text(i18n.t("muni.dispute", "lv"), exact=True).click()
    field(form, "col.comment").fill("Pilsētā nav piemērotas ēkas.")
    form.get_by_role("button", name=i18n.t("muni.save", "lv")).click()
    expect(page.get_by_text(i18n.t("muni.saved", "lv"))).to_be_visible()
    shot(page, "municipality")
    go(page, "nav.consultation")
    go(page, "nav.municipality")
    table = main_area(page).locator("[data-testid=stDataFrame]").first
    expect(table).to_be_visible()
    shot(page, "municipality_after")


def test_the_ministry_returns_a_plan_and_the_group_sees_why(browser, page, seeded_app) -> None:
    sign_in(page, seeded_app, MINISTRY.username)
    go(page, "nav.review")
    expect(page.get_by_role("heading", name=i18n.t("review.submitted", "lv"))).to_be_visible()
    field(page, "review.reason").fill(REASON)
    shot(page, "review")
    page.get_by_role("button", name=i18n.t("review.return", "lv")).click()
    expect(page.get_by_text(i18n.t("review.returned", "lv"))).to_be_visible()

    group = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="lv-LV")
    gpage = group.new_page()
    sign_in(gpage, seeded_app, LATGALE.username)
    go(gpage, "nav.moderation")
    expect(main_area(gpage).get_by_text(REASON)).to_be_visible()
    shot(gpage, "moderation_returned")
    go(gpage, "nav.audit")
    expect(main_area(gpage).locator("[data-testid=stDataFrame]")).to_be_visible()
    shot(gpage, "audit")
    group.close()
