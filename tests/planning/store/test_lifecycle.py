"""Lifecycle: draft -> published -> submitted -> approved | returned; freezing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from planning.domain.errors import InputError, NotFoundError, PermissionDenied
from planning.domain.roles import PUBLIC
from planning.store import lifecycle, scenario
from tests.planning.actors import ADMIN, KURZEME, MINISTRY

TODAY = date.today()


@pytest.fixture
def plan(session):
    return scenario.create_scenario(session=session, actor=KURZEME,
                                    scenario_in={"name": "Kurzeme plan", "region": "Kurzeme"})


def _publish(session, plan, days=14):
    return lifecycle.publish(session=session, actor=KURZEME, scenario_id=plan.id,
                             start=TODAY, end=TODAY + timedelta(days=days))


def _edit(session, plan, expected):
    inputs = scenario.load_inputs(session=session, actor=KURZEME, scenario_id=plan.id,
                                  number=expected)
    changed = replace(inputs, cost_contingency=inputs.cost_contingency + 0.1)
    return scenario.save_inputs(session=session, actor=KURZEME, scenario_id=plan.id,
                                inputs=changed, expected_version=expected)


def test_full_path_to_approval(session, plan):
    v1 = _publish(session, plan)
    assert (v1.status, v1.frozen, v1.consultation_end) == ("published", True,
                                                           TODAY + timedelta(days=14))
    assert scenario.get_version(session=session, actor=PUBLIC, scenario_id=plan.id).number == 1
    lifecycle.submit(session=session, actor=KURZEME, scenario_id=plan.id)
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
    lifecycle.submit(session=session, actor=KURZEME, scenario_id=plan.id)
    returned = lifecycle.return_plan(session=session, actor=MINISTRY, scenario_id=plan.id,
                                     reason="Group homes of 16 places recreate institutions")
    group_view = scenario.get_version(session=session, actor=KURZEME, scenario_id=plan.id)
    assert (group_view.status, group_view.status_reason, group_view.status_changed_by) == (
        "returned", "Group homes of 16 places recreate institutions", MINISTRY.username)
    v2 = _edit(session, plan, expected=1)
    submitted = lifecycle.submit(session=session, actor=KURZEME, scenario_id=plan.id,
                                 expected_version=2)
    assert (returned.number, submitted.number, submitted.status) == (1, v2.number, "submitted")


def test_ministry_approves_the_submitted_version_even_after_later_drafts(session, plan):
    _publish(session, plan)
    lifecycle.submit(session=session, actor=KURZEME, scenario_id=plan.id)
    _edit(session, plan, expected=1)
    approved = lifecycle.approve(session=session, actor=MINISTRY, scenario_id=plan.id)
    s = scenario.get_scenario(session=session, actor=KURZEME, scenario_id=plan.id)
    assert (approved.number, s.approved_version, s.current_version, s.status) == (
        1, 1, 2, "draft")


# ---------------------------------------------------------------------- errors
def test_submit_needs_a_consultation_first(session, plan):
    with pytest.raises(lifecycle.TransitionError, match="not been published for consultation"):
        lifecycle.submit(session=session, actor=KURZEME, scenario_id=plan.id)


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
    lifecycle.submit(session=session, actor=KURZEME, scenario_id=plan.id)
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
        lifecycle.submit(session=session, actor=KURZEME, scenario_id=plan.id)
    kwargs = {"publish": {"start": TODAY, "end": TODAY}, "approve": {},
              "return_plan": {"reason": "no"}}[step]
    with pytest.raises(PermissionDenied):
        getattr(lifecycle, step)(session=session, actor=actor, scenario_id=plan.id, **kwargs)
