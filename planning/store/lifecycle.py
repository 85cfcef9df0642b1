"""The plan lifecycle: draft -> published (consultation) -> submitted -> approved | returned.

Transitions (each a function below, each audited, each in one transaction):

=============  ==========================================  ==================  ===========
function       from (status of the version)                to                  who
=============  ==========================================  ==================  ===========
``publish``    draft, returned (the current version)       published, frozen   group/admin
``submit``     published, or draft/returned after a        submitted, frozen   group/admin
               consultation was held (current version)
``approve``    submitted                                   approved, frozen    ministry
``return_plan`` submitted (a reason is required)           returned, frozen    ministry
=============  ==========================================  ==================  ===========

A version that left draft is frozen: its inputs and results never change, and the next
edit makes a new draft version (``planning.store.scenario.save_inputs``). The published and
approved versions stay visible to the public while drafts after them are worked on.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from planning.domain.errors import InputError, PlanningError
from planning.domain.roles import Action, Actor, require
from planning.store import audit
from planning.store.db import transaction
from planning.store.scenario import VersionConflict, scenario_row, version_row
from planning.store.tables import Scenario, ScenarioVersion, Status, utcnow

__all__ = ["Status", "TransitionError", "can_transition", "publish", "submit", "approve",
           "return_plan", "MAX_REASON"]

MAX_REASON = 2000
ALLOWED: dict[Action, frozenset[Status]] = {
    Action.PUBLISH: frozenset({Status.DRAFT, Status.RETURNED}),
    Action.SUBMIT: frozenset({Status.PUBLISHED, Status.DRAFT, Status.RETURNED}),
    Action.APPROVE: frozenset({Status.SUBMITTED}),
    Action.RETURN: frozenset({Status.SUBMITTED}),
}
TARGET: dict[Action, Status] = {
    Action.PUBLISH: Status.PUBLISHED, Action.SUBMIT: Status.SUBMITTED,
    Action.APPROVE: Status.APPROVED, Action.RETURN: Status.RETURNED,
}


class TransitionError(PlanningError):
    """The plan is not in a status from which this step is possible."""


def can_transition(scenario: Scenario, version: ScenarioVersion, action: Action) -> str | None:
    """Why ``action`` is impossible on ``version`` now, or None if it is possible."""
    status = Status(version.status)
    if status not in ALLOWED[action]:
        allowed = ", ".join(sorted(s.value for s in ALLOWED[action]))
        return (f"version {version.number} is {status.value}; {action.value} needs a version "
                f"that is {allowed}")
    if action == Action.SUBMIT and status != Status.PUBLISHED and (
            scenario.published_version is None):
        return "the plan has not been published for consultation yet; publish it first"
    if action == Action.SUBMIT and scenario.submitted_version is not None:
        return f"version {scenario.submitted_version} is already submitted for approval"
    return None


def _current(session: Session, actor: Actor, scenario_id: int, action: Action,
             expected_version: int | None) -> tuple[Scenario, ScenarioVersion]:
    scenario = scenario_row(session, scenario_id)
    require(actor, action, scenario)
    if action in (Action.APPROVE, Action.RETURN):
        if scenario.submitted_version is None:
            raise TransitionError(f"scenario '{scenario.name}' has no version submitted for "
                                  "approval")
        number = scenario.submitted_version
    else:
        number = scenario.current_version
    version = version_row(session, scenario, number)
    if expected_version is not None and expected_version != number:
        raise VersionConflict(scenario=scenario, expected=expected_version, latest=version)
    why = can_transition(scenario, version, action)
    if why:
        raise TransitionError(why)
    return scenario, version


def _apply(session: Session, actor: Actor, scenario: Scenario, version: ScenarioVersion,
           action: Action, reason: str | None = None) -> ScenarioVersion:
    before = audit.snapshot(version, "number", "status", "consultation_start",
                            "consultation_end")
    version.status = TARGET[action].value
    version.frozen = True
    version.status_reason = reason
    version.status_changed_by = actor.username
    version.status_changed_at = utcnow()
    if version.number == scenario.current_version:
        scenario.status = version.status
    scenario.updated_at = utcnow()
    session.add(version)
    session.add(scenario)
    audit.record(session, actor=actor, action=f"plan.{action.value}", entity="scenario_version",
                 entity_id=version.id, scenario=scenario, before=before,
                 after=audit.snapshot(version, "number", "status", "status_reason",
                                      "consultation_start", "consultation_end"))
    return version


def publish(*, session: Session, actor: Actor, scenario_id: int, start: date, end: date,
            expected_version: int | None = None) -> ScenarioVersion:
    """Open the public consultation on the current version from ``start`` to ``end``
    (inclusive). ``expected_version`` guards against publishing a version you have not seen.
    """
    if end < start:
        raise InputError(f"the consultation ends ({end}) before it starts ({start})",
                         column="consultation_end")
    scenario, version = _current(session, actor, scenario_id, Action.PUBLISH, expected_version)
    with transaction(session):
        version.consultation_start, version.consultation_end = start, end
        scenario.published_version = version.number
        scenario.consultation_start, scenario.consultation_end = start, end
        _apply(session, actor, scenario, version, Action.PUBLISH)
    return version


def submit(*, session: Session, actor: Actor, scenario_id: int,
           expected_version: int | None = None) -> ScenarioVersion:
    """Submit the current version to the ministry for approval."""
    scenario, version = _current(session, actor, scenario_id, Action.SUBMIT, expected_version)
    with transaction(session):
        scenario.submitted_version = version.number
        _apply(session, actor, scenario, version, Action.SUBMIT)
    return version


def approve(*, session: Session, actor: Actor, scenario_id: int,
            note: str = "") -> ScenarioVersion:
    """Approve the submitted version (ministry)."""
    scenario, version = _current(session, actor, scenario_id, Action.APPROVE, None)
    with transaction(session):
        scenario.approved_version = version.number
        scenario.submitted_version = None
        _apply(session, actor, scenario, version, Action.APPROVE, _reason(note, required=False))
    return version


def return_plan(*, session: Session, actor: Actor, scenario_id: int,
                reason: str) -> ScenarioVersion:
    """Return the submitted version to the management group with a ``reason`` (ministry)."""
    reason = _reason(reason, required=True)
    scenario, version = _current(session, actor, scenario_id, Action.RETURN, None)
    with transaction(session):
        scenario.submitted_version = None
        _apply(session, actor, scenario, version, Action.RETURN, reason)
    return version


def _reason(text: str, *, required: bool) -> str | None:
    text = (text or "").strip()
    if required and not text:
        raise InputError("say why the plan is returned, so the group knows what to change",
                         column="reason")
    if len(text) > MAX_REASON:
        raise InputError(f"the reason is {len(text)} characters; at most {MAX_REASON}",
                         column="reason")
    return text or None
