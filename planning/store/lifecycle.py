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

Submitting keeps the consultation honest: while the consultation on the published version
runs (or is still to come), ``submit`` refuses unless the group closes it
(``close_consultation=True``: the comment form closes, the record keeps the day it closed);
a version without an optimizer result is not submitted (the ministry would see no places);
a version that differs from the consulted one is submitted only with
``accept_unconsulted=True`` (the review page then shows the ministry what changed since the
consultation, :func:`unconsulted_changes`); or the group publishes it again for a new
consultation.

A version that left draft is frozen: its inputs and results never change, and the next
edit makes a new draft version (``planning.store.scenario.save_inputs``). The published and
approved versions stay visible to the public while drafts after them are worked on.
"""

from __future__ import annotations

import logging
from datetime import date

from sqlmodel import Session

from planning import i18n
from planning.domain.config import local_today
from planning.domain.errors import FiguresOutdated, InputError, PlanningError
from planning.domain.roles import Action, Actor, require
from planning.store import audit, published
from planning.store.db import transaction
from planning.store.scenario import (
    VersionConflict,
    VersionDiff,
    diff_versions,
    newest_result,
    scenario_row,
    version_row,
)
from planning.store.tables import Scenario, ScenarioVersion, Status, utcnow

__all__ = ["Status", "TransitionError", "ConsultationOpen", "NoResult", "UnconsultedChanges",
           "can_transition", "consultation_pending", "unconsulted_changes", "publish",
           "submit", "approve", "return_plan", "MAX_REASON"]

LOG = logging.getLogger(__name__)
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


class ConsultationOpen(TransitionError):
    """The plan is submitted while its consultation runs or is still to come."""


class NoResult(TransitionError):
    """The version to submit was never computed: the ministry would review no places."""


class UnconsultedChanges(TransitionError):
    """The version to submit differs from the consulted one; ``diff`` says how."""

    def __init__(self, message: str, diff: VersionDiff) -> None:
        super().__init__(message)
        self.diff = diff


def consultation_pending(scenario: Scenario, today: date | None = None) -> bool:
    """Whether the consultation on the published version runs or is still to come."""
    today = today or local_today()
    return (scenario.published_version is not None and scenario.consultation_closed_at is None
            and scenario.consultation_end is not None and today <= scenario.consultation_end)


def unconsulted_changes(*, session: Session, actor: Actor, scenario_id: int,
                        number: int) -> VersionDiff | None:
    """What changed in inputs and results from the consulted (published) version to version
    ``number``; None when ``number`` is the consulted version or nothing was consulted."""
    scenario = scenario_row(session, scenario_id)
    consulted = scenario.published_version
    if consulted is None or consulted == number:
        return None
    return diff_versions(session=session, actor=actor, scenario_id=scenario_id, a=consulted,
                         b=number)


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
    A consultation still running on an earlier version closes (its record stays).
    """
    if end < start:
        raise InputError(f"the consultation ends ({end}) before it starts ({start})",
                         column="consultation_end")
    scenario, version = _current(session, actor, scenario_id, Action.PUBLISH, expected_version)
    with transaction(session):
        if consultation_pending(scenario):
            _close_consultation(session, scenario)
        version.consultation_start, version.consultation_end = start, end
        version.consultation_closed_at = None
        scenario.published_version = version.number
        scenario.consultation_start, scenario.consultation_end = start, end
        scenario.consultation_closed_at = None
        _apply(session, actor, scenario, version, Action.PUBLISH)
    _prepare_public_view(session, actor, scenario_id, version.number)
    return version


def _prepare_public_view(session: Session, actor: Actor, scenario_id: int, number: int
                         ) -> None:
    """Choose and keep what the public may not see of a version just made public
    (``planning.store.suppression``), so that its first reader does not wait for it. It
    only saves time, so it never stops the action: a result that no longer fits its version
    is left to the pages (they say that the plan's figures are being updated), and one that
    cannot be read is logged, and met again where it is opened."""
    try:
        published.public_plan(session=session, actor=actor, scenario_id=scenario_id,
                              number=number)
    except FiguresOutdated:
        return
    except Exception:  # noqa: BLE001 - see the docstring: preparing must not undo the action
        session.rollback()
        LOG.warning("the public view of scenario %s version %s was not prepared",
                    scenario_id, number, exc_info=True)


def submit(*, session: Session, actor: Actor, scenario_id: int,
           expected_version: int | None = None, close_consultation: bool = False,
           accept_unconsulted: bool = False, today: date | None = None) -> ScenarioVersion:
    """Submit the current version to the ministry for approval.

    Raises :class:`NoResult` when the version was never computed, :class:`ConsultationOpen`
    while the consultation runs or is still to come, unless ``close_consultation`` (which
    closes it now), and :class:`UnconsultedChanges` when the
    version differs from the consulted one, unless ``accept_unconsulted``.
    """
    scenario, version = _current(session, actor, scenario_id, Action.SUBMIT, expected_version)
    if newest_result(session, version) is None:
        raise NoResult(i18n.msg("life.no_result", n=version.number))
    today = today or local_today()
    pending = consultation_pending(scenario, today)
    if pending and not close_consultation:
        raise ConsultationOpen(
            f"the consultation on version {scenario.published_version} runs until "
            f"{i18n.fmt_date(scenario.consultation_end, 'en')}; close it to submit the plan "
            "(comments are accepted no longer then), or wait until it ends")
    gap = unconsulted_changes(session=session, actor=actor, scenario_id=scenario_id,
                              number=version.number)
    if gap is not None and not gap.unchanged and not accept_unconsulted:
        raise UnconsultedChanges(
            f"version {version.number} differs from the consulted version {gap.a} in "
            f"{len(gap.inputs)} inputs and {len(gap.results)} results; publish it for "
            "consultation again, or submit it as changed after the consultation", gap)
    with transaction(session):
        if pending:
            _close_consultation(session, scenario, today)
        scenario.submitted_version = version.number
        _apply(session, actor, scenario, version, Action.SUBMIT)
    return version


def _close_consultation(session: Session, scenario: Scenario,
                        today: date | None = None) -> None:
    """End the published version's consultation now: no more comments; the record keeps
    the day it closed (the end date moves to today if it had started)."""
    today = today or local_today()
    now = utcnow()
    consulted = version_row(session, scenario, scenario.published_version)
    for row in (scenario, consulted):
        row.consultation_closed_at = now
        if row.consultation_start is not None and row.consultation_start <= today:
            row.consultation_end = min(row.consultation_end or today, today)
        session.add(row)


def approve(*, session: Session, actor: Actor, scenario_id: int,
            note: str = "") -> ScenarioVersion:
    """Approve the submitted version (ministry)."""
    scenario, version = _current(session, actor, scenario_id, Action.APPROVE, None)
    with transaction(session):
        scenario.approved_version = version.number
        scenario.submitted_version = None
        _apply(session, actor, scenario, version, Action.APPROVE, _reason(note, required=False))
    _prepare_public_view(session, actor, scenario_id, version.number)
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
