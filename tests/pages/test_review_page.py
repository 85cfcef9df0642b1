"""pages/review.py: the ministry sees every region's plans and approves or returns a
submitted one (a reason is required); others are refused."""

from __future__ import annotations

from sqlmodel import Session

from planning import i18n
from planning.store import scenario
from tests.pages.seeding import GROUP, LATGALE, MINISTRY, solved_plan, submitted_plan


def submit(at, form: str, label: str):
    return at.button(key=f"FormSubmitter:{form}-{label}").click().run()


def test_only_the_ministry_may_review(db, page_test) -> None:
    submitted_plan(db)
    at = page_test("review", actor=GROUP)
    assert not at.exception
    assert at.warning and not at.button


def test_the_ministry_returns_a_plan_with_a_reason(db, page_test) -> None:
    plan = submitted_plan(db)
    solved_plan(db, "Latgales melnraksts", region="Latgale", group=LATGALE)
    at = page_test("review", actor=MINISTRY)
    assert not at.exception
    overview = at.dataframe[0].value
    assert set(overview["plan"]) == {"Kurzemes DI plāns 2026", "Latgales melnraksts"}
    assert at.selectbox(key="review_plan").value.scenario_id == plan.id
    at = submit(at, "return_form", i18n.t("review.return", "lv"))
    assert not at.exception
    assert "say why the plan is returned" in at.error[0].value
    at.text_area(key="return_reason").input("Trūkst <b>Ventspils</b> grupu māju pamatojuma.")
    at = submit(at, "return_form", i18n.t("review.return", "lv"))
    assert [s.value for s in at.success] == [i18n.t("review.returned", "lv")]
    with Session(db, expire_on_commit=False) as session:
        version = scenario.get_version(session=session, actor=GROUP, scenario_id=plan.id)
    assert (version.status, version.status_reason) == (
        "returned", "Trūkst <b>Ventspils</b> grupu māju pamatojuma.")


def test_the_ministry_approves_and_the_plan_leaves_the_queue(db, page_test) -> None:
    plan = submitted_plan(db)
    at = page_test("review", actor=MINISTRY, lang="en")
    at = submit(at, "approve_form", i18n.t("review.approve", "en"))
    assert [s.value for s in at.success] == [i18n.t("review.approved", "en")]
    at = page_test("review", actor=MINISTRY, lang="en")
    assert [i.value for i in at.info] == [i18n.t("review.none", "en")]
    with Session(db, expire_on_commit=False) as session:
        assert scenario.get_scenario(session=session, actor=MINISTRY,
                                     scenario_id=plan.id).approved_version == 1
