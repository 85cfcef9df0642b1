"""Lifecycle: draft -> published -> submitted -> approved | returned; freezing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from planning.domain.config import local_today
from planning.domain.errors import InputError, NotFoundError, PermissionDenied
from planning.domain.roles import PUBLIC, Action, can
from planning.store import lifecycle, scenario
from tests.planning.actors import ADMIN, KURZEME, MINISTRY

TODAY = local_today()


@pytest.fixture
def plan(session):
    made = scenario.create_scenario(session=session, actor=KURZEME,
                                    scenario_in={"name": "Kurzeme plan", "region": "Kurzeme"})
    _compute(session, made, 1)
    return made


def _compute(session, plan, number):
    """A stored result for version ``number`` (its figures do not matter here)."""
    scenario.save_result(session=session, actor=KURZEME, scenario_id=plan.id, number=number,
                         solution={}, problem={}, solver="highs", status="optimal",
                         run_seconds=1)


def _publish(session, plan, days=14):
    return lifecycle.publish(session=session, actor=KURZEME, scenario_id=plan.id,
                             start=TODAY, end=TODAY + timedelta(days=days))


def _edit(session, plan, expected):
    inputs = scenario.load_inputs(session=session, actor=KURZEME, scenario_id=plan.id,
                                  number=expected)
    changed = replace(inputs, cost_contingency=inputs.cost_contingency + 0.1)
    saved = scenario.save_inputs(session=session, actor=KURZEME, scenario_id=plan.id,
                                 inputs=changed, expected_version=expected)
    _compute(session, plan, saved.number)
    return saved


def _submit(session, plan, **kwargs):
    """Submit, closing the consultation that runs (it is always open in these tests)."""
    return lifecycle.submit(session=session, actor=KURZEME, scenario_id=plan.id,
                            close_consultation=True, **kwargs)


def test_full_path_to_approval(session, plan):
    v1 = _publish(session, plan)
    assert (v1.status, v1.frozen, v1.consultation_end) == ("published", True,
                                                           TODAY + timedelta(days=14))
    assert scenario.get_version(session=session, actor=PUBLIC, scenario_id=plan.id).number == 1
    _submit(session, plan)
    approved = lifecycle.approve(session=session, actor=MINISTRY, scenario_id=plan.id,
                                 note="in line with the quota")
    s = scenario.get_scenario(session=session, actor=PUBLIC, scenario_id=plan.id)
    assert (approved.status, s.status, s.approved_version, s.submitted_version) == (
        "approved", "approved", 1, None)


def test_editing_a_published_version_makes_a_new_draft_and_the_public_keeps_seeing_it(
        session, plan):
    _publish(session, plan)
    v2 = _edit(session, plan, expected=1)
    assert (v2.number, v2.status, v2.frozen) == (2, "draft", False)
    v1 = scenario.get_version(session=session, actor=KURZEME, scenario_id=plan.id, number=1)
    assert (v1.status, v1.frozen) == ("published", True)
    assert scenario.get_version(session=session, actor=PUBLIC, scenario_id=plan.id).number == 1
    with pytest.raises(NotFoundError, match="version 2 .* is not available"):
        scenario.get_version(session=session, actor=PUBLIC, scenario_id=plan.id, number=2)
    assert [v.number for v in scenario.list_versions(
        session=session, actor=PUBLIC, scenario_id=plan.id)] == [1]


def test_frozen_versions_take_no_new_results(session, plan):
    _publish(session, plan)
    with pytest.raises(scenario.FrozenVersionError, match="version 1 is published and frozen"):
        scenario.save_result(session=session, actor=KURZEME, scenario_id=plan.id, number=1,
                             solution={}, problem={}, solver="highs", status="optimal",
                             run_seconds=1)


def test_returned_plan_carries_the_reason_and_can_be_amended_and_resubmitted(session, plan):
    _publish(session, plan)
    _submit(session, plan)
    returned = lifecycle.return_plan(session=session, actor=MINISTRY, scenario_id=plan.id,
                                     reason="Group homes of 16 places recreate institutions")
    group_view = scenario.get_version(session=session, actor=KURZEME, scenario_id=plan.id)
    assert (group_view.status, group_view.status_reason, group_view.status_changed_by) == (
        "returned", "Group homes of 16 places recreate institutions", MINISTRY.username)
    v2 = _edit(session, plan, expected=1)
    with pytest.raises(lifecycle.UnconsultedChanges, match="differs from the consulted "
                       "version 1 in 1 inputs") as caught:
        lifecycle.submit(session=session, actor=KURZEME, scenario_id=plan.id,
                         expected_version=2)
    assert [c.key for c in caught.value.diff.inputs] == [("cost_contingency",)]
    submitted = lifecycle.submit(session=session, actor=KURZEME, scenario_id=plan.id,
                                 expected_version=2, accept_unconsulted=True)
    assert (returned.number, submitted.number, submitted.status) == (1, v2.number, "submitted")
    gap = lifecycle.unconsulted_changes(session=session, actor=MINISTRY, scenario_id=plan.id,
                                        number=2)
    assert (gap.a, gap.b, len(gap.inputs)) == (1, 2, 1)


def test_submitting_during_the_consultation_closes_it(session, plan):
    _publish(session, plan)
    with pytest.raises(lifecycle.ConsultationOpen, match="runs until"):
        lifecycle.submit(session=session, actor=KURZEME, scenario_id=plan.id)
    s = scenario.get_scenario(session=session, actor=KURZEME, scenario_id=plan.id)
    assert (s.submitted_version, s.consultation_closed_at) == (None, None)
    _submit(session, plan)
    s = scenario.get_scenario(session=session, actor=KURZEME, scenario_id=plan.id)
    v1 = scenario.get_version(session=session, actor=KURZEME, scenario_id=plan.id, number=1)
    assert s.consultation_closed_at is not None and v1.consultation_closed_at is not None
    assert (s.consultation_end, v1.consultation_end) == (TODAY, TODAY)
    assert not lifecycle.consultation_pending(s)
    assert not can(PUBLIC, Action.COMMENT, s)


def test_a_consultation_still_to_come_must_be_closed_too(session, plan):
    lifecycle.publish(session=session, actor=KURZEME, scenario_id=plan.id,
                      start=TODAY + timedelta(days=3), end=TODAY + timedelta(days=30))
    with pytest.raises(lifecycle.ConsultationOpen):
        lifecycle.submit(session=session, actor=KURZEME, scenario_id=plan.id)
    _submit(session, plan)
    v1 = scenario.get_version(session=session, actor=KURZEME, scenario_id=plan.id, number=1)
    assert v1.consultation_end == TODAY + timedelta(days=30)  # never opened: dates kept


def test_after_the_end_date_no_closing_is_needed(session, plan):
    lifecycle.publish(session=session, actor=KURZEME, scenario_id=plan.id,
                      start=TODAY - timedelta(days=30), end=TODAY - timedelta(days=1))
    lifecycle.submit(session=session, actor=KURZEME, scenario_id=plan.id)
    s = scenario.get_scenario(session=session, actor=KURZEME, scenario_id=plan.id)
    assert (s.submitted_version, s.consultation_closed_at) == (1, None)


def test_a_changed_version_can_be_consulted_again(session, plan):
    _publish(session, plan)
    _submit(session, plan)
    lifecycle.return_plan(session=session, actor=MINISTRY, scenario_id=plan.id,
                          reason="consult on the smaller group homes")
    _edit(session, plan, expected=1)
    lifecycle.publish(session=session, actor=KURZEME, scenario_id=plan.id, start=TODAY,
                      end=TODAY + timedelta(days=10), expected_version=2)
    s = scenario.get_scenario(session=session, actor=KURZEME, scenario_id=plan.id)
    assert (s.published_version, s.consultation_closed_at) == (2, None)
    assert can(PUBLIC, Action.COMMENT, s)
    submitted = _submit(session, plan)  # the consulted version: nothing to accept
    assert submitted.number == 2


def test_ministry_approves_the_submitted_version_even_after_later_drafts(session, plan):
    _publish(session, plan)
    _submit(session, plan)
    _edit(session, plan, expected=1)
    approved = lifecycle.approve(session=session, actor=MINISTRY, scenario_id=plan.id)
    s = scenario.get_scenario(session=session, actor=KURZEME, scenario_id=plan.id)
    assert (approved.number, s.approved_version, s.current_version, s.status) == (
        1, 1, 2, "draft")


# ---------------------------------------------------------------------- errors
def test_submit_needs_a_consultation_first(session, plan):
    with pytest.raises(lifecycle.TransitionError, match="not been published for consultation"):
        _submit(session, plan)


def test_a_version_never_computed_is_not_submitted(session, plan):
    _publish(session, plan)
    inputs = scenario.load_inputs(session=session, actor=KURZEME, scenario_id=plan.id)
    draft = scenario.save_inputs(session=session, actor=KURZEME, scenario_id=plan.id,
                                 inputs=replace(inputs, cost_contingency=0.2),
                                 expected_version=1)
    with pytest.raises(lifecycle.NoResult, match="Version 2 has no optimizer result"):
        _submit(session, plan, accept_unconsulted=True)
    s = scenario.get_scenario(session=session, actor=KURZEME, scenario_id=plan.id)
    assert (s.submitted_version, s.consultation_closed_at) == (None, None)
    _compute(session, plan, draft.number)
    assert _submit(session, plan, accept_unconsulted=True).number == 2


def test_only_submitted_plans_are_approved(session, plan):
    _publish(session, plan)
    with pytest.raises(lifecycle.TransitionError, match="no version submitted for approval"):
        lifecycle.approve(session=session, actor=MINISTRY, scenario_id=plan.id)


def test_publishing_twice_is_refused(session, plan):
    _publish(session, plan)
    with pytest.raises(lifecycle.TransitionError, match="version 1 is published; publish needs"):
        _publish(session, plan)


def test_return_needs_a_reason(session, plan):
    _publish(session, plan)
    _submit(session, plan)
    with pytest.raises(InputError, match="say why the plan is returned"):
        lifecycle.return_plan(session=session, actor=MINISTRY, scenario_id=plan.id,
                              reason="  ")


def test_consultation_dates_must_be_in_order(session, plan):
    with pytest.raises(InputError, match="ends .* before it starts"):
        lifecycle.publish(session=session, actor=KURZEME, scenario_id=plan.id, start=TODAY,
                          end=TODAY - timedelta(days=1))


def test_publishing_a_version_you_have_not_seen_is_a_conflict(session, plan):
    _edit(session, plan, expected=1)
    with pytest.raises(scenario.VersionConflict, match="saved version 2"):
        lifecycle.publish(session=session, actor=KURZEME, scenario_id=plan.id, start=TODAY,
                          end=TODAY, expected_version=1)


@pytest.mark.parametrize("step, actor", [
    ("publish", MINISTRY), ("approve", KURZEME), ("approve", ADMIN), ("return_plan", KURZEME)])
def test_steps_belong_to_their_roles(session, plan, step, actor):
    if step != "publish":
        _publish(session, plan)
        _submit(session, plan)
    kwargs = {"publish": {"start": TODAY, "end": TODAY}, "approve": {},
              "return_plan": {"reason": "no"}}[step]
    with pytest.raises(PermissionDenied):
        getattr(lifecycle, step)(session=session, actor=actor, scenario_id=plan.id, **kwargs)


def test_the_day_is_rigas_not_the_servers() -> None:
    """At 23:30 UTC on 7 December it is already the 8th in Riga (01:30): a consultation closed
    then ends on the 8th, as its closing time reads (issue 18)."""
    from datetime import UTC, datetime

    assert local_today(datetime(2026, 12, 7, 23, 30, tzinfo=UTC)) == date(2026, 12, 8)
    assert local_today(datetime(2026, 7, 7, 20, 59, tzinfo=UTC)) == date(2026, 7, 7)
    assert local_today(datetime(2026, 7, 7, 21, 0, tzinfo=UTC)) == date(2026, 7, 8)  # summer
