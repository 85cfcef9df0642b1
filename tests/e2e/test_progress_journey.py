"""Progress against an approved plan in a real Chromium (issue 15): Liepāja records on its
page that it opened 6 places of its first service in the plan's first year for 300 000 EUR;
the Kurzeme group reads on Rezultāti the 6 places opened against the plan, starts an
amendment and sees it against the approved version, the 6 places marked built."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect
from sqlmodel import Session

from planning import i18n
from planning.store import progress
from tests.e2e.conftest import running_app, shot, wait_idle
from tests.e2e.test_consultation_journeys import go, main_area, sign_in
from tests.e2e.test_priorities_journey import rows_once
from tests.pages.seeding import GROUP, LIEPAJA, approved_plan, seeded_engine

pytestmark = pytest.mark.slow


def text(key: str, **values) -> str:
    return i18n.t(key, "lv", **values)


@pytest.fixture(scope="module")
def approved_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, object, int]]:
    tmp = tmp_path_factory.mktemp("e2e_progress")
    url = f"sqlite:///{tmp / 'e2e.db'}"
    engine = seeded_engine(url)
    plan = approved_plan(engine)
    with running_app(url, tmp) as base:
        yield base, engine, plan.id
    engine.dispose()


def test_a_municipality_records_an_opening_and_the_group_amends(browser, approved_app):
    app, engine, plan_id = approved_app
    muni = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="lv-LV")
    mpage = muni.new_page()
    sign_in(mpage, app, LIEPAJA.username)
    go(mpage, "nav.municipality")
    main = main_area(mpage)
    expect(main.get_by_role("heading", name=text("progress.record.title"))).to_be_visible()
    form = main.locator("[data-testid=stForm]").filter(
        has_text=text("progress.record.save_opening"))
    form.get_by_label(text("col.places"), exact=True).fill("6")
    form.get_by_label(text("progress.record.spent"), exact=True).fill("300000")
    form.get_by_role("button", name=text("progress.record.save_opening")).click()
    wait_idle(mpage)
    expect(main.get_by_text(text("progress.record.saved"))).to_be_visible()
    shot(mpage, "progress_municipality")
    with Session(engine, expire_on_commit=False) as session:
        recorded = progress.actuals(session=session, actor=GROUP, scenario_id=plan_id)
    assert recorded[["atvk_code", "places", "investment_eur"]].values.tolist() == [
        ["0005000", 6, 300_000.0]]
    muni.close()

    group = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="lv-LV")
    gpage = group.new_page()
    sign_in(gpage, app, GROUP.username)
    go(gpage, "nav.results")
    main = main_area(gpage)
    expect(main.get_by_role("heading", name=text("progress.title", n=1))).to_be_visible()
    table = main.locator("[data-testid=stDataFrame]").filter(
        has_text=text("col.actual_places"))
    def opened(rows: list[list[str]]) -> bool:
        return any("Liepāja" in row and "6" in row and "300000" in row for row in rows)

    rows = rows_once(gpage, table, opened)
    assert opened(rows), rows
    shot(gpage, "progress_results")
    main.get_by_role("button", name=text("progress.amend.button")).click()
    wait_idle(gpage)
    expect(main.get_by_text(text("progress.amend.done", n=2, approved=1))).to_be_visible()
    moves = main.locator("[data-testid=stDataFrame]").filter(
        has_text=text("col.built"))
    def built(rows: list[list[str]]) -> bool:
        return any("Liepāja" in row and "6" in row for row in rows)

    assert built(rows_once(gpage, moves, built))
    shot(gpage, "progress_amendment")
    group.close()
