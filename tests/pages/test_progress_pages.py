"""Progress against an approved plan on the pages: a municipality records an opening on
pages/municipality.py; the group and the ministry see it planned against actual on
pages/results.py; the group starts an amendment there and sees its difference."""

from __future__ import annotations

import datetime

from sqlmodel import Session

from planning import i18n
from planning.domain.catalogue import load_catalogue
from planning.domain.inputs import ScenarioInputs
from planning.store import lifecycle, progress, scenario
from tests.pages.seeding import (
    GROUP,
    LIEPAJA,
    MINISTRY,
    approved_plan,
    published_plan,
    submitted_plan,
)

THIS_YEAR = datetime.date.today().year


def _submit(at, form: str, label: str):
    return at.button(key=f"FormSubmitter:{form}-{i18n.t(label, 'lv')}").click().run()


def test_a_municipality_records_an_opening_of_the_approved_plan(db, page_test) -> None:
    plan = approved_plan(db)
    at = page_test("municipality", actor=LIEPAJA)
    assert not at.exception, at.exception
    service = at.selectbox(key="actual_service").options[0]
    at.number_input(key="actual_places").set_value(6)
    at.number_input(key="actual_eur").set_value(250_000.0)
    at = _submit(at, "actual_opening", "progress.record.save_opening")
    assert not at.exception, at.exception
    assert i18n.t("progress.record.saved", "lv") in [s.value for s in at.success]
    with Session(db, expire_on_commit=False) as session:
        table = progress.actuals(session=session, actor=GROUP, scenario_id=plan.id)
    assert table[["atvk_code", "year", "places", "investment_eur"]].values.tolist() == [
        ["0005000", min(max(THIS_YEAR, 2026), 2030), 6, 250_000.0]]
    assert service and table["service"].iloc[0]


def test_an_opening_with_no_places_is_refused_on_the_page(db, page_test) -> None:
    plan = approved_plan(db)
    at = page_test("municipality", actor=LIEPAJA)
    at = _submit(at, "actual_opening", "progress.record.save_opening")
    assert not at.exception
    assert any("Liepāja" in e.value and "par mazu" in e.value for e in at.error)
    with Session(db, expire_on_commit=False) as session:
        assert progress.actuals(session=session, actor=GROUP, scenario_id=plan.id).empty


def test_a_plan_in_consultation_has_no_form_for_actuals(db, page_test) -> None:
    published_plan(db)
    at = page_test("municipality", actor=LIEPAJA)
    assert not at.exception
    assert not [s for s in at.selectbox if s.key == "actual_service"]


def _record(db, plan):
    with Session(db, expire_on_commit=False) as session:
        own = progress.own_plan(session=session, actor=LIEPAJA, scenario_id=plan.id)
        progress.record_opening(session=session, actor=LIEPAJA, scenario_id=plan.id,
                                service=own.services[0], year=own.first_year, places=4,
                                investment_eur=120_000.0)
        return own.services[0]


def test_the_group_and_the_ministry_see_planned_against_actual(db, page_test) -> None:
    plan = approved_plan(db)
    _record(db, plan)
    for who in (GROUP, MINISTRY):
        at = page_test("results", actor=who)
        assert not at.exception, at.exception
        [shown] = [d.value for d in at.dataframe if "actual_places" in d.value.columns]
        liepaja = shown[shown["municipality"] == "Liepāja"]
        assert liepaja["actual_places"].sum() == 4
        assert i18n.t("progress.title", "lv", n=plan.approved_version) in [
            h.value for h in at.subheader]


def test_the_group_starts_an_amendment_and_sees_the_difference(db, page_test) -> None:
    plan = approved_plan(db)
    service = _record(db, plan)
    at = page_test("results", actor=GROUP)
    at = at.button(key="amend_button").click().run()
    assert not at.exception, at.exception
    assert any(i18n.t("progress.amend.done", "lv", n=2, approved=1) in s.value
               for s in at.success)
    with Session(db, expire_on_commit=False) as session:
        inputs = scenario.load_inputs(session=session, actor=GROUP, scenario_id=plan.id,
                                      number=2)
    assert isinstance(inputs, ScenarioInputs)
    assert [b[:4] for b in inputs.built] == [("0005000", service, 2026, 4)]
    service_name = load_catalogue().services[service].name("lv")
    frames = [d.value for d in at.dataframe]
    [moves] = [f for f in frames if "places_after" in f.columns and "built" in f.columns]
    built = moves[moves["built"]]
    assert built[["municipality", "year", "places_after"]].values.tolist() == [
        ["Liepāja", "2026", 4]]
    [diff] = [f for f in frames if list(f.columns) == ["part", "section", "key", "before",
                                                       "after"]]
    assert set(diff["key"]) == {
        f"{i18n.t('col.built', 'lv')} / Liepāja / {service_name} / 2026",
        i18n.t("col.remaining_from", "lv"), i18n.t("col.plan_years", "lv")}


def test_the_ministry_cannot_start_an_amendment(db, page_test) -> None:
    approved_plan(db)
    at = page_test("results", actor=MINISTRY)
    assert not at.exception
    assert not [b for b in at.button if b.key == "amend_button"]


def test_the_public_reads_the_approved_plan_without_actuals(db, page_test) -> None:
    plan = approved_plan(db)
    _record(db, plan)
    for page in ("results", "consultation"):
        at = page_test(page)
        assert not at.exception, at.exception
        assert at.dataframe  # the approved plan is shown
        assert i18n.t("progress.title", "lv", n=1) not in [h.value for h in at.subheader]
        assert not [d for d in at.dataframe if "actual_places" in d.value.columns]


def test_the_ministry_reviews_an_amendment_beside_the_progress_so_far(db, page_test) -> None:
    plan = approved_plan(db)
    _record(db, plan)
    with Session(db, expire_on_commit=False) as session:
        amendment = progress.start_amendment(session=session, actor=GROUP,
                                             scenario_id=plan.id, remaining_from=2027)
        lifecycle.submit(session=session, actor=GROUP, scenario_id=plan.id,
                         accept_unconsulted=True)
    at = page_test("review", actor=MINISTRY)
    assert not at.exception, at.exception
    assert i18n.t("review.tab.progress", "lv") in [t.label for t in at.tabs]
    assert i18n.t("progress.title", "lv", n=plan.approved_version) in [
        h.value for h in at.subheader]
    [shown] = [d.value for d in at.dataframe if "actual_places" in d.value.columns]
    assert shown[shown["municipality"] == "Liepāja"]["actual_places"].sum() == 4
    assert amendment.number == 2
    assert not [b for b in at.button if b.key == "amend_button"]


def test_a_first_submission_has_no_progress_tab(db, page_test) -> None:
    submitted_plan(db)
    at = page_test("review", actor=MINISTRY)
    assert not at.exception, at.exception
    assert i18n.t("review.tab.progress", "lv") not in [t.label for t in at.tabs]
