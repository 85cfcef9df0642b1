"""Safe data entry in a real headless Chromium (issue 18): the group types "-5" into a needs
cell and the page refuses it at that cell (row and column named, the tab marked, nothing
saved); "1 500 000,50" typed into the ERDF quota is read as written, recalculated in the
totals before saving, and saved only after the halved budget is confirmed.

Set ``DI_SCREENSHOTS=/some/dir`` to keep a screenshot of the pages visited.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect
from sqlmodel import Session

from planning import i18n
from planning.store import scenario
from tests.e2e.conftest import running_app, wait_idle
from tests.e2e.test_consultation_journeys import go, main_area, shot, sign_in
from tests.pages.seeding import GROUP, seeded_engine, solved_plan

pytestmark = pytest.mark.slow
ROW_PX = 35  # a grid row (and its header) in Streamlit's data editor
TYPING_MS = 60  # a person's pace


@pytest.fixture(scope="module")
def entry_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, object, int]]:
    tmp = tmp_path_factory.mktemp("e2e_entry")
    url = f"sqlite:///{tmp / 'e2e.db'}"
    engine = seeded_engine(url)
    plan = solved_plan(engine)
    with running_app(url, tmp) as base:
        yield base, engine, plan.id
    engine.dispose()


def text(key: str, **values) -> str:
    return i18n.t(key, "lv", **values)


def saved(engine, plan_id: int):
    with Session(engine, expire_on_commit=False) as session:
        return scenario.load_inputs(session=session, actor=GROUP, scenario_id=plan_id)


def type_into(page, panel, row: int, column: int, typed: str) -> None:
    """Type ``typed`` into the grid cell of ``row`` and ``column`` (both 1-based) as a user
    does: click the row's first cell (past the row markers), move right with the arrow
    keys, open the cell's editor with Enter, replace its text, Enter."""
    grid = panel.locator("[data-testid=stDataFrame]").first
    expect(grid.locator("canvas").first).to_be_visible()
    page.wait_for_timeout(500)  # the grid lays out its columns after it becomes visible
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 80, box["y"] + ROW_PX * row + ROW_PX // 2)
    page.wait_for_timeout(300)
    for _ in range(column - 1):
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(100)
    page.keyboard.press("Enter")
    editor = page.locator("#portal textarea")  # the grid's cell editor, drawn over it
    expect(editor).to_be_visible()
    editor.press("Control+a")
    editor.press_sequentially(typed, delay=TYPING_MS)
    expect(editor).to_have_value(typed)
    editor.press("Enter")
    wait_idle(page)


def test_minus_five_is_refused_at_the_cell(browser, entry_app) -> None:
    app, engine, plan_id = entry_app
    first = saved(engine, plan_id).needs[0][4]
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="lv-LV")
    page = context.new_page()
    sign_in(page, app, GROUP.username)
    go(page, "nav.inputs")
    main = main_area(page)
    panel = main.get_by_role("tabpanel", name=text("inputs.tab.needs"))
    type_into(page, panel, 1, 6, "-5")  # the count, after code, name, group, level, service
    problem = main.locator("[data-testid=stAlert]").filter(
        has_text=text("problem.row", row=1))
    expect(problem).to_contain_text(text("problem.column", column=text("col.count")))
    expect(problem).to_contain_text("(-5)")  # as typed: not 5, not empty
    expect(main.get_by_role("tab", name=text("inputs.tab.needs"))).to_contain_text("1")
    expect(main.get_by_role("button", name=text("inputs.save"))).to_be_disabled()
    shot(page, "inputs_minus_five_refused")
    assert saved(engine, plan_id).needs[0][4] == first
    context.close()


def test_a_latvian_amount_is_read_as_written_and_a_halved_quota_asks_first(
        browser, entry_app) -> None:
    app, engine, plan_id = entry_app
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="lv-LV")
    page = context.new_page()
    sign_in(page, app, GROUP.username)
    go(page, "nav.inputs")
    main = main_area(page)
    main.get_by_role("tab", name=text("inputs.tab.budgets")).click()
    wait_idle(page)
    panel = main.get_by_role("tabpanel", name=text("inputs.tab.budgets"))
    type_into(page, panel, 1, 2, "1 500 000,50")  # the quota, after the region
    # still on the budgets tab, the total recalculated before saving
    expect(panel.get_by_text(text("inputs.budget_totals"))).to_be_visible()
    warning = main.locator("[data-testid=stAlert]").filter(
        has_text=text("inputs.suspicious"))
    expect(warning).to_contain_text("1 500 000,50 €")
    save = main.get_by_role("button", name=text("inputs.save"))
    expect(save).to_be_disabled()
    shot(page, "inputs_halved_budget_asks")
    main.get_by_text(text("inputs.suspicious_confirm")).click()
    wait_idle(page)
    page.get_by_label(text("inputs.message")).fill("ERAF kvota 1,5 milj.")
    save.click()
    wait_idle(page)
    expect(page.get_by_label(text("inputs.message"))).to_have_value("")
    assert saved(engine, plan_id).budgets["Kurzeme"].erdf_quota_eur == 1_500_000.5
    context.close()
