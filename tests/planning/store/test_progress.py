"""Actuals against an approved plan: who records, what is refused (nothing stored), the
revisions and audit trail, who reads them, and the amendment version."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest
from sqlmodel import select

from planning import i18n
from planning.domain.errors import InputError, PermissionDenied
from planning.domain.inputs import ScenarioInputs
from planning.domain.roles import PUBLIC, Actor, Role
from planning.store import audit, lifecycle, progress, scenario
from planning.store.tables import PlanActual
from tests.planning.actors import ADMIN, KURZEME, LATGALE, LIEPAJA, MINISTRY

TODAY = date.today()
VENTSPILS = Actor("ventspils", Role.MUNICIPALITY, municipality_code="0007000")
KULDIGA = Actor("kuldiga", Role.MUNICIPALITY, municipality_code="0033000")
SOLUTION = {"sites": [
    {"municipality": "0005000", "service": "group_home", "new_places": 16, "new_facilities": 2},
    {"municipality": "0007000", "service": "day_care_adults", "new_places": 3,
     "new_facilities": 1}],
    "totals": {"new_places": 19}}
YEARS = (2026, 2030)


def _inputs() -> ScenarioInputs:
    return ScenarioInputs(region="Kurzeme", plan_years=YEARS)


@pytest.fixture
def draft(session):
    s = scenario.create_scenario(session=session, actor=KURZEME, inputs=_inputs(),
                                 scenario_in={"name": "Kurzeme plan", "region": "Kurzeme"})
    scenario.save_result(session=session, actor=KURZEME, scenario_id=s.id, number=1,
                         solution=SOLUTION, problem={}, solver="highs", status="optimal",
                         run_seconds=2.0)
    return s


@pytest.fixture
def plan(session, draft):
    lifecycle.publish(session=session, actor=KURZEME, scenario_id=draft.id, start=TODAY,
                      end=TODAY + timedelta(days=30))
    lifecycle.submit(session=session, actor=KURZEME, scenario_id=draft.id,
                     close_consultation=True)
    lifecycle.approve(session=session, actor=MINISTRY, scenario_id=draft.id)
    return scenario.scenario_row(session, draft.id)


def _open(session, plan, actor=LIEPAJA, **changes):
    values = {"service": "group_home", "year": 2027, "places": 8,
              "investment_eur": 410_000.0, **changes}
    return progress.record_opening(session=session, actor=actor, scenario_id=plan.id,
                                   **values)


def _stored(session) -> list[PlanActual]:
    return list(session.exec(select(PlanActual)).all())


# ---------------------------------------------------------------- recording
def test_a_municipality_records_an_opening_and_persons_moved(session, plan):
    _open(session, plan)
    progress.record_moved(session=session, actor=LIEPAJA, scenario_id=plan.id, year=2027,
                          persons=6)
    table = progress.actuals(session=session, actor=KURZEME, scenario_id=plan.id)
    assert table[["atvk_code", "kind", "service", "year", "places", "investment_eur",
                  "persons"]].values.tolist() == [
        ["0005000", "moved", "", 2027, 0, 0.0, 6],
        ["0005000", "opening", "group_home", 2027, 8, 410_000.0, 0]]


def test_a_correction_is_the_next_revision_and_the_newest_counts(session, plan):
    _open(session, plan, places=8)
    _open(session, plan, places=7, investment_eur=395_000.0)
    assert [r.revision for r in _stored(session)] == [1, 2]
    table = progress.actuals(session=session, actor=MINISTRY, scenario_id=plan.id)
    assert table[["places", "investment_eur", "revision"]].values.tolist() == [
        [7, 395_000.0, 2]]
    events = audit.events_frame(audit.list_events(session=session, actor=KURZEME,
                                                  scenario=plan, entity="plan_actual"))
    assert [e["places"] for e in events["after"]] == [7, 8]
    assert events["before"].iloc[0]["places"] == 8 and events["before"].iloc[1] is None


def test_recording_before_approval_is_refused_naming_the_plan(session, draft):
    with pytest.raises(InputError) as caught:
        _open(session, draft)
    assert "Kurzeme plan" in str(caught.value)
    assert "apstiprinājusi" in caught.value.describe("lv")
    assert _stored(session) == []


@pytest.mark.parametrize("changes, column, english, latvian", [
    ({"service": "day_care_adults"}, "service", "allocates no new places of 'day_care_adults'",
     "nepiešķir"),
    ({"year": 2025}, "year", "within the plan, 2026–2030", "plāna periodā 2026–2030"),
    ({"year": 2031}, "year", "within the plan, 2026–2030", "plāna periodā 2026–2030"),
    ({"year": 2027.5}, "year", "whole number", "veselam"),
    ({"places": -3}, "places", "too small", "par mazu"),
    ({"places": 0}, "places", "too small", "par mazu"),
    ({"places": 2.5}, "places", "whole number", "veselam"),
    ({"places": math.nan}, "places", "not a finite number", ""),
    ({"places": 10 ** 9}, "places", "too large", "par lielu"),
    ({"investment_eur": -1.0}, "investment_eur", "too small", "par mazu"),
    ({"investment_eur": math.inf}, "investment_eur", "not a finite number", ""),
    ({"investment_eur": 1e30}, "investment_eur", "too large", "par lielu"),
])
def test_bad_openings_are_refused_with_place_and_fix_and_nothing_stored(
        session, plan, changes, column, english, latvian):
    with pytest.raises(InputError) as caught:
        _open(session, plan, **changes)
    assert caught.value.column == column
    assert english in str(caught.value) and "Liepāja" in str(caught.value)
    assert latvian in caught.value.describe("lv")
    assert _stored(session) == []


def test_a_service_outside_the_plan_lists_the_plans_services(session, plan):
    with pytest.raises(InputError) as caught:
        _open(session, plan, service="day_care_adults")
    assert "choose one of the plan's services: group_home" in str(caught.value)


@pytest.mark.parametrize("persons, english", [(-1, "too small"), (1.5, "whole number"),
                                              (math.nan, "not a finite number")])
def test_bad_persons_moved_are_refused(session, plan, persons, english):
    with pytest.raises(InputError, match=english):
        progress.record_moved(session=session, actor=LIEPAJA, scenario_id=plan.id,
                              year=2027, persons=persons)
    assert _stored(session) == []


def test_persons_moved_need_a_municipality_the_plan_gives_places(session, plan):
    with pytest.raises(InputError) as caught:
        progress.record_moved(session=session, actor=KULDIGA, scenario_id=plan.id,
                              year=2027, persons=2)
    assert caught.value.column == "municipality"
    assert "Kuldīgas novads" in i18n.render(caught.value.message, "lv")
    assert _stored(session) == []


# ---------------------------------------------------------------- roles
def test_a_municipality_records_for_its_own_code_only(session, plan):
    with pytest.raises(PermissionDenied, match="own municipality 0005000 only"):
        _open(session, plan, municipality="0007000")
    with pytest.raises(InputError):  # Ventspils's plan has no group home
        _open(session, plan, actor=VENTSPILS)
    assert _stored(session) == []


@pytest.mark.parametrize("actor", [KURZEME, LATGALE, MINISTRY, ADMIN, PUBLIC])
def test_only_municipalities_record_actuals(session, plan, actor):
    with pytest.raises(PermissionDenied):
        _open(session, plan, actor=actor)
    assert _stored(session) == []


def test_a_municipality_reads_its_own_actuals_and_the_public_none(session, plan):
    _open(session, plan)
    progress.record_opening(session=session, actor=VENTSPILS, scenario_id=plan.id,
                            service="day_care_adults", year=2028, places=3,
                            investment_eur=90_000.0)
    own = progress.actuals(session=session, actor=LIEPAJA, scenario_id=plan.id)
    assert set(own["atvk_code"]) == {"0005000"}
    every = progress.actuals(session=session, actor=MINISTRY, scenario_id=plan.id)
    assert set(every["atvk_code"]) == {"0005000", "0007000"}
    with pytest.raises(PermissionDenied):
        progress.actuals(session=session, actor=PUBLIC, scenario_id=plan.id)
    with pytest.raises(PermissionDenied):
        progress.actuals(session=session, actor=LATGALE, scenario_id=plan.id)


# ---------------------------------------------------------------- amendment
def test_an_amendment_is_a_new_version_with_what_is_built(session, plan):
    _open(session, plan)
    version = progress.start_amendment(session=session, actor=KURZEME, scenario_id=plan.id,
                                       remaining_from=2028)
    assert (version.number, version.based_on, version.status) == (2, 1, "draft")
    inputs = ScenarioInputs.from_json(version.inputs_json)
    assert inputs.built == (("0005000", "group_home", 2027, 8, 410_000.0),)
    assert (inputs.remaining_from, inputs.plan_years) == (2028, YEARS)
    diff = scenario.diff_versions(session=session, actor=KURZEME, scenario_id=plan.id,
                                  a=1, b=2)
    assert {c.key for c in diff.inputs} == {("built", "0005000", "group_home", "2027"),
                                            ("remaining_from",)}
    assert diff.results_compared and diff.results == []
    s = scenario.scenario_row(session, plan.id)
    assert (s.approved_version, s.current_version) == (1, 2)


@pytest.mark.parametrize("actor", [MINISTRY, LIEPAJA, LATGALE])
def test_only_the_group_starts_an_amendment(session, plan, actor):
    with pytest.raises(PermissionDenied):
        progress.start_amendment(session=session, actor=actor, scenario_id=plan.id,
                                 remaining_from=2028)
    assert scenario.scenario_row(session, plan.id).current_version == 1


def test_an_amendment_needs_an_approved_plan_and_a_year_in_it(session, draft):
    with pytest.raises(InputError, match="not been approved"):
        progress.start_amendment(session=session, actor=KURZEME, scenario_id=draft.id,
                                 remaining_from=2028)


def test_the_remaining_years_start_within_the_plan(session, plan):
    with pytest.raises(InputError, match="2026–2030") as caught:
        progress.start_amendment(session=session, actor=KURZEME, scenario_id=plan.id,
                                 remaining_from=2035)
    assert caught.value.column == "remaining_from"
    assert scenario.scenario_row(session, plan.id).current_version == 1


def test_records_stay_with_the_plan_when_an_amendment_is_approved(session, plan):
    _open(session, plan, places=8)
    progress.start_amendment(session=session, actor=KURZEME, scenario_id=plan.id,
                             remaining_from=2028)
    lifecycle.submit(session=session, actor=KURZEME, scenario_id=plan.id,
                     accept_unconsulted=True)
    lifecycle.approve(session=session, actor=MINISTRY, scenario_id=plan.id)
    assert scenario.scenario_row(session, plan.id).approved_version == 2
    before = progress.actuals(session=session, actor=KURZEME, scenario_id=plan.id)
    assert before[["places", "revision"]].values.tolist() == [[8, 1]]
    _open(session, plan, places=9)
    after = progress.actuals(session=session, actor=KURZEME, scenario_id=plan.id)
    assert after[["places", "revision"]].values.tolist() == [[9, 2]]
    assert len({r.version_id for r in _stored(session)}) == 2  # each names its version
