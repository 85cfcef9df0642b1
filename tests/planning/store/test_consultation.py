"""Consultation: comments, moderation, answers, municipal responses and the report."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from planning.domain.config import local_today
from planning.domain.errors import InputError, PermissionDenied
from planning.domain.roles import PUBLIC, Actor, Role
from planning.store import consultation, lifecycle, scenario
from planning.store.tables import Moderation
from tests.planning.actors import KURZEME, LATGALE, LIEPAJA, MINISTRY

TODAY = local_today()
VENTSPILS = Actor("ventspils", Role.MUNICIPALITY, municipality_code="0007000")
COMMENT = {"name": "Anna Bērziņa", "organisation": "Rūpju bērns", "email": "anna@example.lv",
           "text": "Lūdzu <b>mazākas</b> grupu mājas; 16 vietas ir par daudz."}
SOLUTION = {"sites": [
    {"municipality": "0005000", "service": "group_home", "new_places": 16, "new_facilities": 1},
    {"municipality": "0007000", "service": "day_care_adults", "new_places": 3,
     "new_facilities": 1}],
    "totals": {"new_places": 19}}


def _compute(session, plan, number):
    scenario.save_result(session=session, actor=KURZEME, scenario_id=plan.id, number=number,
                         solution=SOLUTION, problem={}, solver="highs", status="optimal",
                         run_seconds=2.0)


@pytest.fixture
def plan(session):
    s = scenario.create_scenario(session=session, actor=KURZEME,
                                 scenario_in={"name": "Kurzeme plan", "region": "Kurzeme"})
    _compute(session, s, 1)
    lifecycle.publish(session=session, actor=KURZEME, scenario_id=s.id, start=TODAY,
                      end=TODAY + timedelta(days=30))
    return s


def _comment(session, plan, **changes):
    return consultation.submit_comment(session=session, scenario_id=plan.id,
                                       comment_in={**COMMENT, **changes})


def test_comment_is_stored_as_given_and_shown_after_moderation(session, plan):
    c = _comment(session, plan)
    assert c.text == COMMENT["text"] and c.moderation == "pending"
    assert consultation.public_comments(session=session, actor=PUBLIC, scenario_id=plan.id) == []
    consultation.moderate_comment(session=session, actor=KURZEME, comment_id=c.id, publish=True)
    consultation.answer_comment(session=session, actor=KURZEME, comment_id=c.id,
                                answer="Paldies; izvērtēsim 8 vietu mājas.")
    shown = consultation.public_comments(session=session, actor=PUBLIC, scenario_id=plan.id)
    assert [(x.name, x.text, x.answer) for x in shown] == [
        (COMMENT["name"], COMMENT["text"], "Paldies; izvērtēsim 8 vietu mājas.")]
    assert not hasattr(shown[0], "email")


def test_rejected_comments_stay_hidden_but_moderators_see_them(session, plan):
    c = _comment(session, plan, text="spam spam")
    consultation.moderate_comment(session=session, actor=KURZEME, comment_id=c.id, publish=False)
    assert consultation.public_comments(session=session, actor=PUBLIC, scenario_id=plan.id) == []
    queue = consultation.list_comments(session=session, actor=KURZEME, scenario_id=plan.id,
                                       moderation=Moderation.REJECTED)
    assert [x.email for x in queue] == [COMMENT["email"]]


@pytest.mark.parametrize("changes, column", [
    ({"email": "not-an-address"}, "email"),
    ({"email": "a@b"}, "email"),
    ({"text": "x" * 5001}, "text"),
    ({"name": "   "}, "name"),
])
def test_bad_comments_are_refused_with_the_field(session, plan, changes, column):
    with pytest.raises(InputError) as caught:
        _comment(session, plan, **changes)
    assert caught.value.column == column


def test_comments_only_during_the_consultation(session, plan):
    with pytest.raises(PermissionDenied, match="only while the consultation is open"):
        consultation.submit_comment(session=session, scenario_id=plan.id, comment_in=COMMENT,
                                    today=TODAY + timedelta(days=31))


def test_only_the_regions_group_moderates_and_answers(session, plan):
    c = _comment(session, plan)
    for actor in (LATGALE, MINISTRY, PUBLIC):
        with pytest.raises(PermissionDenied):
            consultation.moderate_comment(session=session, actor=actor, comment_id=c.id,
                                          publish=True)
        with pytest.raises(PermissionDenied):
            consultation.answer_comment(session=session, actor=actor, comment_id=c.id,
                                        answer="x")


def test_municipality_confirms_and_disputes_its_own_allocations(session, plan):
    r = consultation.respond_to_allocation(session=session, actor=LIEPAJA, scenario_id=plan.id,
                                           service="group_home", status="confirmed")
    assert (r.atvk_code, r.status) == ("0005000", "confirmed")
    r = consultation.respond_to_allocation(session=session, actor=LIEPAJA, scenario_id=plan.id,
                                           service="group_home", status="disputed",
                                           comment="No site available before 2028")
    assert (r.status, r.comment) == ("disputed", "No site available before 2028")
    consultation.respond_to_allocation(session=session, actor=VENTSPILS, scenario_id=plan.id,
                                       service="day_care_adults", status="confirmed")
    mine = consultation.allocation_responses(session=session, actor=LIEPAJA, scenario_id=plan.id)
    assert [(x.atvk_code, x.status) for x in mine] == [("0005000", "disputed")]
    everyone = consultation.allocation_responses(session=session, actor=MINISTRY,
                                                 scenario_id=plan.id)
    assert [x.atvk_code for x in everyone] == ["0005000", "0007000"]


@pytest.mark.parametrize("actor, kwargs, error, message", [
    (LIEPAJA, {"service": "day_care_adults", "status": "confirmed"}, InputError,
     "allocates no new places of day_care_adults to municipality 0005000"),
    (LIEPAJA, {"service": "group_home", "status": "disputed"}, InputError,
     "say what is wrong"),
    (LIEPAJA, {"service": "group_home", "status": "maybe"}, InputError, "unknown response"),
    (KURZEME, {"service": "group_home", "status": "confirmed"}, PermissionDenied, "respond"),
])
def test_bad_responses_are_refused(session, plan, actor, kwargs, error, message):
    with pytest.raises(error, match=message):
        consultation.respond_to_allocation(session=session, actor=actor, scenario_id=plan.id,
                                           **kwargs)


def test_report_has_every_comment_its_answer_and_what_changed(session, plan):
    a = _comment(session, plan)
    b = _comment(session, plan, name="Jānis", email="j@example.lv", text="Labi")
    for c in (a, b):
        consultation.moderate_comment(session=session, actor=KURZEME, comment_id=c.id,
                                      publish=c is a)
    consultation.answer_comment(session=session, actor=KURZEME, comment_id=a.id, answer="Ok")
    inputs = scenario.load_inputs(session=session, actor=KURZEME, scenario_id=plan.id)
    scenario.save_inputs(session=session, actor=KURZEME, scenario_id=plan.id,
                         inputs=replace(inputs, cost_contingency=0.3), expected_version=1,
                         message="after consultation")
    _compute(session, plan, 2)
    lifecycle.submit(session=session, actor=KURZEME, scenario_id=plan.id,
                     close_consultation=True, accept_unconsulted=True)

    report = consultation.consultation_report(session=session, actor=KURZEME,
                                              scenario_id=plan.id)
    assert (report.version, report.followed_by, report.end) == (1, 2, TODAY)
    assert report.closed_at is not None
    assert report.counts == {"total": 2, "answered": 1, "published": 1, "rejected": 1}
    assert "email" not in report.comments.columns
    assert [(c.key, c.after) for c in report.changes] == [(("cost_contingency",), 0.3)]
    # closed and submitted, the plan is the ministry's until approved (then the record is
    # public again: test_the_record_stays_public_with_the_approved_plan)
    with pytest.raises(PermissionDenied):
        consultation.consultation_report(session=session, actor=PUBLIC, scenario_id=plan.id)


def test_the_answer_says_whether_the_comment_was_taken_into_account(session, plan):
    c = _comment(session, plan)
    consultation.moderate_comment(session=session, actor=KURZEME, comment_id=c.id, publish=True)
    consultation.answer_comment(session=session, actor=KURZEME, comment_id=c.id,
                                answer="Daļēji: 8 vietu mājas Liepājā.", decision="partly")
    [shown] = consultation.public_comments(session=session, actor=PUBLIC, scenario_id=plan.id)
    assert shown.decision == "partly"
    report = consultation.consultation_report(session=session, actor=PUBLIC, scenario_id=plan.id)
    assert report.counts["decision_partly"] == 1
    with pytest.raises(InputError, match="unknown decision") as caught:
        consultation.answer_comment(session=session, actor=KURZEME, comment_id=c.id,
                                    answer="x", decision="maybe")
    assert caught.value.column == "decision"


def test_the_record_stays_public_with_the_approved_plan(session, plan):
    c = _comment(session, plan)
    consultation.moderate_comment(session=session, actor=KURZEME, comment_id=c.id, publish=True)
    consultation.answer_comment(session=session, actor=KURZEME, comment_id=c.id, answer="Jā",
                                decision="taken")
    inputs = scenario.load_inputs(session=session, actor=KURZEME, scenario_id=plan.id)
    first_need = inputs.needs[0]
    changed = replace(inputs, cost_contingency=0.3,
                      needs=((*first_need[:4], first_need[4] + 1), *inputs.needs[1:]))
    scenario.save_inputs(session=session, actor=KURZEME, scenario_id=plan.id, inputs=changed,
                         expected_version=1, message="after consultation")
    _compute(session, plan, 2)
    lifecycle.submit(session=session, actor=KURZEME, scenario_id=plan.id,
                     close_consultation=True, accept_unconsulted=True)
    lifecycle.approve(session=session, actor=MINISTRY, scenario_id=plan.id)

    public = consultation.consultation_report(session=session, actor=PUBLIC, scenario_id=plan.id)
    assert public.comments[["text", "answer", "decision"]].values.tolist() == [
        [COMMENT["text"], "Jā", "taken"]]
    # the inputs hold the needs, counts of persons: the public record leaves the changes out
    assert (public.version, public.followed_by, public.changes) == (1, None, [])
    group = consultation.consultation_report(session=session, actor=KURZEME, scenario_id=plan.id)
    assert {c.section for c in group.changes} == {"needs", "settings"}


def test_a_dispute_of_places_not_given_where_residents_need_them(session, plan):
    version = scenario.version_row(session, scenario.scenario_row(session, plan.id), 1)
    needed = consultation.needed_services(version, LIEPAJA.municipality_code)
    missing = sorted(needed - {"group_home"})[0]
    r = consultation.respond_to_allocation(
        session=session, actor=LIEPAJA, scenario_id=plan.id, service=missing,
        status="disputed", comment="26 cilvēkiem vajag, bet plānā 0 vietu")
    assert (r.service, r.status) == (missing, "disputed")
    with pytest.raises(InputError, match="allocates no new places"):
        consultation.respond_to_allocation(session=session, actor=LIEPAJA, scenario_id=plan.id,
                                           service=missing, status="confirmed")


def test_anonymous_comments_are_rate_limited(session, plan):
    from datetime import UTC, datetime

    now = datetime.now(UTC)
    for i in range(consultation.PER_ADDRESS):
        consultation.submit_comment(session=session, scenario_id=plan.id, now=now,
                                    comment_in={**COMMENT, "text": f"point {i}"})
    with pytest.raises(InputError, match="this address has sent 5 comments") as info:
        consultation.submit_comment(session=session, scenario_id=plan.id, now=now,
                                    comment_in={**COMMENT, "email": COMMENT["email"].upper()})
    assert info.value.column == "email"
    later = now + timedelta(hours=1, seconds=1)
    consultation.submit_comment(session=session, scenario_id=plan.id, now=later,
                                comment_in=COMMENT)
    flood = later + timedelta(hours=2)
    for i in range(consultation.PER_MINUTE):
        consultation.submit_comment(session=session, scenario_id=plan.id, now=flood,
                                    comment_in={**COMMENT, "email": f"bot{i}@example.lv"})
    with pytest.raises(InputError, match="try again in a minute"):
        consultation.submit_comment(session=session, scenario_id=plan.id, now=flood,
                                    comment_in={**COMMENT, "email": "one.more@example.lv"})
