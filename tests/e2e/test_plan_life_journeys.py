"""Journeys of issue 18 in a real headless Chromium: one Kurzeme plan through its life as its
four users live it.

- the group submits while the consultation runs: the page says it closes the consultation
  and submits only when the group agrees; the municipality's dispute waits on that page;
- the ministry returns it, the group changes it and submits the changed version: the
  reviewer sees it flagged as not consulted, with the dispute, and approves it;
- after approval the public still finds the consultation record: the comment, the answer
  and whether it was taken into account, on the page and in the approved plan's PDF.

Set ``DI_SCREENSHOTS=/some/dir`` to keep a screenshot of every page visited.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import replace

import pytest
from playwright.sync_api import expect
from sqlmodel import Session

from optimizer.formulation import AllocationModel
from planning import i18n
from planning.domain import optimizer_input as problem
from planning.store import consultation, lifecycle, scenario
from tests.e2e.conftest import open_app, running_app, wait_idle
from tests.e2e.test_consultation_journeys import go, main_area, shot, sign_in
from tests.pages.seeding import DIENVIDKURZEME, GROUP, MINISTRY, published_plan, seeded_engine

pytestmark = pytest.mark.slow
COMMENT = "Lūdzu mazākas grupu mājas Kuldīgā (e2e)"
ANSWER = "Daļēji: divas mājas pa 8 vietām (e2e)"
DISPUTE = "26 cilvēkiem vajag grupu māju, plānā 0 vietu (e2e)"


@pytest.fixture(scope="module")
def life_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, object, int]]:
    """The app on a database with a published Kurzeme plan, an answered comment and a
    municipality's dispute of places it did not get."""
    tmp = tmp_path_factory.mktemp("e2e_life")
    url = f"sqlite:///{tmp / 'e2e.db'}"
    engine = seeded_engine(url)
    plan = published_plan(engine)
    with Session(engine, expire_on_commit=False) as session:
        c = consultation.submit_comment(session=session, scenario_id=plan.id, comment_in={
            "name": "Anna", "organisation": "Rūpju bērns", "email": "anna@example.lv",
            "text": COMMENT})
        consultation.moderate_comment(session=session, actor=GROUP, comment_id=c.id,
                                      publish=True)
        consultation.answer_comment(session=session, actor=GROUP, comment_id=c.id,
                                    answer=ANSWER, decision="partly")
        consultation.respond_to_allocation(session=session, actor=DIENVIDKURZEME,
                                           scenario_id=plan.id, service="group_home",
                                           status="disputed", comment=DISPUTE)
    with running_app(url, tmp) as base:
        yield base, engine, plan.id
    engine.dispose()


def text(key: str, **values) -> str:
    return i18n.t(key, "lv", **values)


def test_the_plan_through_submission_review_and_approval(browser, life_app, tmp_path) -> None:
    app, engine, plan_id = life_app
    group = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="lv-LV")
    gpage = group.new_page()
    sign_in(gpage, app, GROUP.username)
    go(gpage, "nav.moderation")
    main = main_area(gpage)
    expect(main.get_by_text(text("life.open_until", end="\x00").split("\x00")[0])).to_be_visible()
    expect(main.get_by_text(text("life.responses_counts", disputed=1, confirmed=0,
                                 waiting=0)[:14])).to_be_visible()
    expect(main.get_by_text(DISPUTE)).to_have_count(1)  # a cell of the canvas table
    submit = main.get_by_role("button", name=text("manage.submit"))
    expect(submit).to_be_disabled()
    shot(gpage, "life_moderation_open")
    main.get_by_text(text("life.close_and_submit"), exact=True).click()
    wait_idle(gpage)
    expect(submit).to_be_enabled()
    submit.click()
    expect(main.get_by_text(text("manage.current", n=1,
                                 status=text("plan.status.submitted")))).to_be_visible()
    wait_idle(gpage)

    # the ministry returns it; the group changes the budget reserve and runs it again
    with Session(engine, expire_on_commit=False) as session:
        lifecycle.return_plan(session=session, actor=MINISTRY, scenario_id=plan_id,
                              reason="Pārskatiet izmaksu rezervi (e2e)")
        inputs = scenario.load_inputs(session=session, actor=GROUP, scenario_id=plan_id)
        changed = replace(inputs, cost_contingency=0.3)
        scenario.save_inputs(session=session, actor=GROUP, scenario_id=plan_id,
                             inputs=changed, expected_version=1)
        solved = AllocationModel.from_problem_input(
            problem.problem_from_inputs(changed)).solve("highs")
        scenario.save_result(session=session, actor=GROUP, scenario_id=plan_id, number=2,
                             solution=solved.to_dict(), problem={}, solver="highs",
                             status="optimal", run_seconds=0.5)
    go(gpage, "nav.consultation")  # a reload would end the signed-in session
    go(gpage, "nav.moderation")
    main = main_area(gpage)
    expect(main.get_by_text(text("life.unconsulted", n=2, consulted=1, what="")[:40])
           ).to_be_visible()
    # counted as the group changed it (the reserve), not as every result cell it moved
    expect(main.get_by_text("(1 izmaiņa ievaddatos")).to_be_visible()
    shot(gpage, "life_moderation_changed")
    main.get_by_text(text("life.accept_unconsulted"), exact=True).click()
    wait_idle(gpage)
    main.get_by_role("button", name=text("manage.submit")).click()
    expect(main.get_by_text(text("manage.current", n=2,
                                 status=text("plan.status.submitted")))).to_be_visible()
    group.close()

    ministry = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="lv-LV")
    mpage = ministry.new_page()
    sign_in(mpage, app, MINISTRY.username)
    go(mpage, "nav.review")
    main = main_area(mpage)
    expect(main.get_by_text(i18n.tn("review.disputes", 1, "lv"))).to_be_visible()
    shot(mpage, "life_review")
    main.get_by_role("tab", name=text("review.tab.changes")).click()
    expect(main.get_by_text(text("review.unconsulted", n=2, consulted=1, what="")[:40])
           ).to_be_visible()
    # counted as the group changed it (the reserve), not as every result cell it moved
    expect(main.get_by_text("apspriests: 1 izmaiņa ievaddatos")).to_be_visible()
    shot(mpage, "life_review_changes")
    main.get_by_role("tab", name=text("review.tab.municipalities")).click()
    expect(main.get_by_text(DISPUTE)).to_have_count(1)
    main.get_by_role("tab", name=text("review.tab.consultation")).click()
    expect(main.get_by_text(COMMENT)).to_be_visible()
    shot(mpage, "life_review_consultation")
    main.get_by_role("button", name=text("review.approve"), exact=True).click()
    expect(main.get_by_text(text("review.approved"))).to_be_visible()
    expect(main.get_by_text(text("review.none"))).to_be_visible()  # no stale buttons
    expect(main.get_by_role("button", name=text("review.approve"), exact=True)).to_have_count(0)
    shot(mpage, "life_review_after")
    ministry.close()

    public = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="lv-LV")
    ppage = public.new_page()
    open_app(ppage, app)
    go(ppage, "nav.consultation")
    main = main_area(ppage)
    expect(main.get_by_text(text("record.title"))).to_be_visible()
    expect(main.get_by_text(COMMENT)).to_be_visible()
    expect(main.get_by_text(ANSWER)).to_be_visible()
    expect(main.get_by_text(text("decision.partly"), exact=False).first).to_be_visible()
    shot(ppage, "life_public_record")
    if shutil.which("pdftotext"):  # and in the approved plan's PDF, as the izziņa requires
        go(ppage, "nav.results")
        button = main_area(ppage).locator("[data-testid=stDownloadButton]").filter(
            has_text=text("results.download.pdf"))
        button.scroll_into_view_if_needed()
        with ppage.expect_download(timeout=120_000) as got:
            button.click()
        pdf = tmp_path / "approved.pdf"
        got.value.save_as(pdf)
        report = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                         text=True, check=True).stdout.split())
        assert text("report.s6") in report
        assert COMMENT in report and ANSWER in report
        assert text("report.decision_partly") in report
    public.close()
