"""pages/review.py: the ministry sees every region's plans and approves or returns a
submitted one (a reason is required); others are refused."""

from __future__ import annotations

from dataclasses import replace

from sqlmodel import Session

from planning import i18n
from planning.store import consultation, lifecycle, scenario
from tests.pages.seeding import (
    GROUP,
    LATGALE,
    LIEPAJA,
    MINISTRY,
    published_plan,
    solved_plan,
    submitted_plan,
)


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
    assert at.selectbox(key="review_plan").value == plan.id
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


def test_the_review_shows_what_a_reviewer_decides_on(db, page_test) -> None:
    """A returned plan, changed after its consultation and submitted again: the reviewer sees
    the key figures, both diffs, the consultation record and a municipality's dispute."""
    plan = published_plan(db)
    with Session(db, expire_on_commit=False) as session:
        c = consultation.submit_comment(session=session, scenario_id=plan.id, comment_in={
            "name": "Anna", "organisation": "Rūpju bērns", "email": "anna@example.lv",
            "text": "Mazākas grupu mājas, lūdzu"})
        consultation.moderate_comment(session=session, actor=GROUP, comment_id=c.id,
                                      publish=True)
        consultation.answer_comment(session=session, actor=GROUP, comment_id=c.id,
                                    answer="Daļēji", decision="partly")
        sites = scenario.result_solution(scenario.latest_result(
            session=session, actor=GROUP, scenario_id=plan.id))["sites"]
        liepaja = next(r["service"] for r in sites
                       if r["municipality"] == "0005000" and r["new_places"])
        consultation.respond_to_allocation(session=session, actor=LIEPAJA, scenario_id=plan.id,
                                           service=liepaja, status="disputed",
                                           comment="Nav ēkas")
        lifecycle.submit(session=session, actor=GROUP, scenario_id=plan.id,
                         close_consultation=True)
        lifecycle.return_plan(session=session, actor=MINISTRY, scenario_id=plan.id,
                              reason="Pārskatiet budžetu")
        inputs = scenario.load_inputs(session=session, actor=GROUP, scenario_id=plan.id)
        scenario.save_inputs(session=session, actor=GROUP, scenario_id=plan.id,
                             inputs=replace(inputs, cost_contingency=0.3), expected_version=1)
        first = scenario.latest_result(session=session, actor=GROUP, scenario_id=plan.id,
                                       number=1)
        scenario.save_result(session=session, actor=GROUP, scenario_id=plan.id, number=2,
                             solution=first.solution_json, problem={}, solver="highs",
                             status="optimal", run_seconds=0.5)
        lifecycle.submit(session=session, actor=GROUP, scenario_id=plan.id,
                         accept_unconsulted=True)
    at = page_test("review", actor=MINISTRY)
    assert not at.exception
    warnings = [w.value for w in at.warning]
    # the same result: one input changed, no allocation moved
    assert i18n.t("review.unconsulted", "lv", n=2, consulted=1,
                  what="1 izmaiņa ievaddatos") in warnings
    assert i18n.tn("review.disputes", 1, "lv") in warnings
    assert i18n.tn("review.disputes", 1, "lv").startswith("1 pašvaldības atbilde apstrīd")
    labels = [m.label for m in at.metric]
    assert i18n.t("review.need", "lv") in labels and i18n.t("review.budget_used", "lv") in labels
    tables = [d.value for d in at.dataframe]
    changed = [t for t in tables if "key" in t.columns]
    assert len(changed) == 3  # since the consultation, the previous submission; the record
    assert all(i18n.t("meta.cost_contingency", "lv") in set(t["key"]) for t in changed)
    assert "Mazākas grupu mājas, lūdzu" in [t.value for t in at.text]
    [responses] = [t for t in tables if "response" in t.columns]
    assert "Nav ēkas" in set(responses["comment"])
    assert i18n.t("response.disputed", "lv") in set(responses["response"])
    assert [b for b in at.get("download_button") if b.proto.label == i18n.t("review.pdf", "lv")]
    at = submit(at, "approve_form", i18n.t("review.approve", "lv"))
    assert not at.exception
    assert [s.value for s in at.success] == [i18n.t("review.approved", "lv")]
    assert [i.value for i in at.info] == [i18n.t("review.none", "lv")]  # no stale buttons
