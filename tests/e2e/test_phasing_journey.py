"""The plan by year in a real Chromium (issue 15): the Kurzeme group runs a scenario whose
persons are the Dundaga branch's 85 residents and reads on Rezultāti that the branch closes
in the year its residents' group homes open (two years after the first); with a horizon of
two years the homes open after it, the page warns, and the branch stays open saying why."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import replace

import pytest
from playwright.sync_api import expect
from sqlmodel import Session

from planning.store import scenario
from tests.e2e.conftest import running_app, shot, wait_idle
from tests.e2e.test_planning_journey import go, picker, sign_in
from tests.e2e.test_priorities_journey import rows_once
from tests.pages.seeding import GROUP, seeded_engine

pytestmark = pytest.mark.slow
RUN_TIMEOUT_MS = 120_000
NAME = "Dundagas filiāles slēgšana"
DUNDAGA = 'VSAC "Kurzeme" filiāle "Dundaga"'


@pytest.fixture(scope="module")
def closing_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on a Kurzeme scenario whose persons are Dundaga's 85 residents moving to
    Talsi, Liepāja and Ventspils (``tests/planning/domain/test_phasing.py``)."""
    tmp = tmp_path_factory.mktemp("e2e_phasing")
    url = f"sqlite:///{tmp / 'phasing.db'}"
    engine = seeded_engine(url)
    leavers, package = "leavers.vsac_kurzeme_dundaga", "day_care_adults+group_home"
    with Session(engine) as session:
        s = scenario.create_scenario(session=session, actor=GROUP,
                                     scenario_in={"name": NAME, "region": "Kurzeme"})
        inputs = scenario.load_inputs(session=session, actor=GROUP, scenario_id=s.id)
        inputs = replace(inputs, needs=(), persons=(
            ("0051000", "adults_grt", "II", package, leavers, 40),
            ("0005000", "adults_grt", "II", package, leavers, 30),
            ("0027000", "adults_grt", "III", package, leavers, 15)))
        scenario.save_inputs(session=session, actor=GROUP, scenario_id=s.id, inputs=inputs,
                             expected_version=1, message="Dundagas iemītnieki")
    engine.dispose()
    with running_app(url, tmp) as base:
        yield base


def branch_row(page, reason: str) -> list[str]:
    """Dundaga's row of the branches tab once it gives ``reason`` (why the branch stays
    open; "" when it closes), or as last drawn: the canvas grid lists in its accessible
    table only the rows laid out in view, a moment after it comes into view (the results
    page is long above it), and after a changed horizon it can show the old rows a moment
    beside the new warning (the CI read the old reason once)."""
    page.get_by_role("tab", name="Institūciju filiāles").click()
    wait_idle(page)
    grid = page.get_by_role("tabpanel", name="Institūciju filiāles").locator(
        "[data-testid=stDataFrame]").first
    rows = rows_once(page, grid, lambda rows: [DUNDAGA, reason] in [
        [r[0], r[4]] for r in rows if len(r) > 4])
    row = next((r for r in rows if r[0] == DUNDAGA), [])
    assert row, f"no row of {DUNDAGA} in the branches table"
    return row


def test_a_branch_closes_when_its_residents_homes_open(page, closing_url: str) -> None:
    first = datetime.date.today().year
    sign_in(page, closing_url, "kurzeme.group")
    go(page, "Aprēķins")
    picker(page).click()
    page.get_by_role("option", name=f"{NAME} — Kurzeme").click()
    wait_idle(page)
    page.get_by_role("button", name="Aprēķināt versiju 2").click()
    expect(page.get_by_text(re.compile(r"^Versija 2 aprēķināta"))).to_be_visible(
        timeout=RUN_TIMEOUT_MS)
    go(page, "Rezultāti")
    heading = page.get_by_role("heading", name="Plāns pa gadiem")
    expect(heading).to_be_visible()
    heading.scroll_into_view_if_needed()
    row = branch_row(page, "")
    assert row[1] == "85" and row[3] == str(first + 2) and row[4] == ""
    shot(page, "phasing_branch_closes")

    last = page.get_by_label("Pēdējais gads")
    last.fill(str(first + 1))
    last.press("Enter")
    wait_idle(page)
    expect(page.get_by_text(re.compile(rf"atvērtos tikai pēc {first + 1}\. gada"))
           ).to_be_visible()
    row = branch_row(page, "iemītnieku vietas atveras pēc plāna perioda")
    assert row[4] == "iemītnieku vietas atveras pēc plāna perioda"
    shot(page, "phasing_short_horizon")
