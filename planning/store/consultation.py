"""Public consultation and municipal confirmation.

- Anyone (no account needed) comments on the published version while the consultation is
  open (:func:`submit_comment`); comments appear after moderation (:func:`moderate_comment`)
  and are answered by the region's management group (:func:`answer_comment`).
- A municipality confirms or disputes the places allocated to it in the newest result of
  the published or approved version (:func:`respond_to_allocation`).
- :func:`consultation_report` gathers every comment, its answer, and what changed in the
  inputs between the consulted version and the one that followed it.

Comment text, names and organisations are stored as given, within length limits, and the
e-mail address is checked for shape; escaping them is the UI's job (never render them as
HTML or Markdown unescaped). E-mail addresses are shown only to moderators and never enter
the audit trail or the report.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import func
from sqlmodel import Session, col, select

from planning.domain.errors import InputError, NotFoundError, PermissionDenied
from planning.domain.inputs import ScenarioInputs
from planning.domain.roles import PUBLIC, Action, Actor, Role, can, require, visible_versions
from planning.store import audit
from planning.store.db import transaction
from planning.store.scenario import (
    Change,
    diff_inputs,
    get_scenario,
    get_version,
    newest_result,
    result_solution,
    scenario_row,
    validated,
    version_row,
)
from planning.store.tables import (
    AllocationResponse,
    Comment,
    CommentCreate,
    CommentPublic,
    Decision,
    Moderation,
    Response,
    Scenario,
    ScenarioVersion,
    utcnow,
)

EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']{2,}$")
MAX_ANSWER = 5000
MAX_RESPONSE_COMMENT = 2000
COMMENT_FIELDS = ("id", "created_at", "name", "organisation", "text", "moderation",
                  "answer", "decision", "answered_by", "answered_at")


# ---------------------------------------------------------------------- comments
def submit_comment(
    *,
    session: Session,
    scenario_id: int,
    comment_in: CommentCreate | Mapping[str, Any],
    actor: Actor = PUBLIC,
    today: date | None = None,
    now: datetime | None = None,
) -> Comment:
    """Record a comment on the published version; it waits for moderation.

    Anonymous flooding is limited: at most ``PER_ADDRESS`` comments per e-mail address and
    hour, and ``PER_MINUTE`` per plan and minute from everyone together (the 31st within a
    minute is refused with when to try again); moderators are not flooded."""
    scenario = scenario_row(session, scenario_id)
    require(actor, Action.COMMENT, scenario, today=today)
    data = dict(comment_in) if isinstance(comment_in, Mapping) else comment_in.model_dump()
    data = {k: (v.strip() if isinstance(v, str) else v) for k, v in data.items()}
    checked = validated(CommentCreate, data)
    if not EMAIL.match(checked.email):
        raise InputError("this does not look like an e-mail address (name@example.lv)",
                         column="email", value=checked.email)
    version = version_row(session, scenario, scenario.published_version)
    _check_rate(session, version.id, checked.email, now or utcnow())
    comment = Comment(version_id=version.id, **checked.model_dump(),
                      **({"created_at": now} if now else {}))
    with transaction(session):
        session.add(comment)
        session.flush()
        audit.record(session, actor=actor, action="comment.submit", entity="comment",
                     entity_id=comment.id, scenario=scenario,
                     after=audit.snapshot(comment, "name", "organisation", "text"))
    return comment


PER_ADDRESS = 5       # comments per e-mail address and hour, per plan
PER_MINUTE = 30       # comments per plan and minute, from everyone


def _check_rate(session: Session, version_id: int, email: str, now: datetime) -> None:
    def count(since: datetime, *where) -> int:
        return session.exec(select(func.count()).select_from(Comment).where(
            Comment.version_id == version_id, Comment.created_at >= since, *where)).one()

    if count(now - timedelta(hours=1), func.lower(Comment.email) == email.lower()) \
            >= PER_ADDRESS:
        raise InputError(f"this address has sent {PER_ADDRESS} comments on this plan in the "
                         "last hour; please wait an hour or put several points in one comment",
                         column="email", value=email)
    if count(now - timedelta(minutes=1)) >= PER_MINUTE:
        raise InputError("many comments are arriving right now; please try again in a minute")


def _comment_and_scenario(session: Session, comment_id: int) -> tuple[Comment, Scenario]:
    comment = session.get(Comment, comment_id)
    if comment is None:
        raise NotFoundError(f"comment {comment_id} does not exist")
    version = session.get(ScenarioVersion, comment.version_id)
    return comment, scenario_row(session, version.scenario_id)


def moderate_comment(*, session: Session, actor: Actor, comment_id: int,
                     publish: bool) -> Comment:
    """Publish or reject a comment (the region's management group or an admin)."""
    comment, scenario = _comment_and_scenario(session, comment_id)
    require(actor, Action.MODERATE, scenario)
    before = audit.snapshot(comment, "moderation")
    with transaction(session):
        comment.moderation = (Moderation.PUBLISHED if publish else Moderation.REJECTED).value
        comment.moderated_by, comment.moderated_at = actor.username, utcnow()
        session.add(comment)
        audit.record(session, actor=actor, action="comment.moderate", entity="comment",
                     entity_id=comment.id, scenario=scenario, before=before,
                     after=audit.snapshot(comment, "moderation"))
    return comment


def answer_comment(*, session: Session, actor: Actor, comment_id: int, answer: str,
                   decision: Decision | str | None = None) -> Comment:
    """Answer a comment (or change the answer) and say whether it was taken into account
    (``decision``: taken, not_taken, partly); both are public with the comment."""
    comment, scenario = _comment_and_scenario(session, comment_id)
    require(actor, Action.ANSWER, scenario)
    answer = (answer or "").strip()
    if not answer or len(answer) > MAX_ANSWER:
        raise InputError(f"an answer needs 1 to {MAX_ANSWER} characters", column="answer")
    decided = _decision(decision)
    before = audit.snapshot(comment, "answer", "decision", "answered_by")
    with transaction(session):
        comment.answer, comment.answered_by, comment.answered_at = (
            answer, actor.username, utcnow())
        comment.decision = decided
        session.add(comment)
        audit.record(session, actor=actor, action="comment.answer", entity="comment",
                     entity_id=comment.id, scenario=scenario, before=before,
                     after=audit.snapshot(comment, "answer", "decision", "answered_by"))
    return comment


def _decision(decision: Decision | str | None) -> str | None:
    if decision in (None, ""):
        return None
    try:
        return Decision(decision).value
    except ValueError as exc:
        raise InputError(f"unknown decision {decision!r}; use taken, not_taken or partly",
                         column="decision") from exc


def _comments(session: Session, scenario: Scenario, number: int | None,
              moderation: Moderation | None) -> list[Comment]:
    stmt = (select(Comment).join(ScenarioVersion, col(Comment.version_id) == ScenarioVersion.id)
            .where(ScenarioVersion.scenario_id == scenario.id))
    if number is not None:
        stmt = stmt.where(ScenarioVersion.number == number)
    if moderation is not None:
        stmt = stmt.where(Comment.moderation == moderation.value)
    return list(session.exec(stmt.order_by(Comment.created_at, Comment.id)).all())


def public_comments(*, session: Session, actor: Actor, scenario_id: int,
                    number: int | None = None) -> list[CommentPublic]:
    """Published comments with their answers, without e-mail addresses, oldest first."""
    scenario = get_scenario(session=session, actor=actor, scenario_id=scenario_id)
    rows = _comments(session, scenario, number, Moderation.PUBLISHED)
    return [CommentPublic.model_validate(c.model_dump()) for c in rows]


def list_comments(*, session: Session, actor: Actor, scenario_id: int,
                  number: int | None = None,
                  moderation: Moderation | None = None) -> list[Comment]:
    """Every comment (with e-mail) for moderators, optionally of one moderation status."""
    scenario = scenario_row(session, scenario_id)
    require(actor, Action.MODERATE, scenario)
    return _comments(session, scenario, number, moderation)


# ---------------------------------------------------------------------- municipalities
def respond_to_allocation(
    *,
    session: Session,
    actor: Actor,
    scenario_id: int,
    service: str,
    status: Response | str,
    comment: str = "",
    number: int | None = None,
) -> AllocationResponse:
    """Confirm or dispute the places of ``service`` allocated to the actor's municipality
    in version ``number`` (default: the newest published or approved version). A dispute
    needs a comment; a second response replaces the first (both are in the audit trail)."""
    scenario = scenario_row(session, scenario_id)
    require(actor, Action.RESPOND, scenario)
    status = _response_status(status)
    comment = (comment or "").strip()
    if status == Response.DISPUTED and not comment:
        raise InputError("say what is wrong with the allocation", column="comment")
    if len(comment) > MAX_RESPONSE_COMMENT:
        raise InputError(f"at most {MAX_RESPONSE_COMMENT} characters", column="comment")
    version = get_version(session=session, actor=actor, scenario_id=scenario_id, number=number)
    code = actor.municipality_code
    _check_respondable(session, actor, scenario, version, code, service, status)
    existing = session.exec(select(AllocationResponse).where(
        AllocationResponse.version_id == version.id, AllocationResponse.atvk_code == code,
        AllocationResponse.service == service)).first()
    before = audit.snapshot(existing, "status", "comment") if existing else None
    response = existing or AllocationResponse(version_id=version.id, atvk_code=code,
                                              service=service, status=status.value,
                                              username=actor.username)
    with transaction(session):
        response.status, response.comment = status.value, comment
        response.username, response.updated_at = actor.username, utcnow()
        session.add(response)
        session.flush()
        audit.record(session, actor=actor, action=f"allocation.{status.value}",
                     entity="allocation_response", entity_id=response.id, scenario=scenario,
                     before=before, after={"version": version.number, "atvk_code": code,
                                           "service": service, "status": status.value,
                                           "comment": comment})
    return response


def _response_status(status: Response | str) -> Response:
    try:
        return Response(status)
    except ValueError as exc:
        raise InputError(f"unknown response {status!r}; use confirmed or disputed",
                         column="status") from exc


def _check_respondable(session: Session, actor: Actor, scenario: Scenario,
                       version: ScenarioVersion, code: str | None, service: str,
                       status: Response) -> None:
    """A municipality confirms places it got; it disputes places it got or a service its
    residents need and got none of (e.g. no group-home places for 26 people in need)."""
    version = version_row(session, scenario, version.number)  # raw: own need only is read
    result = newest_result(session, version)
    if result is None:
        raise InputError(f"version {version.number} of '{scenario.name}' has no result yet")
    sites = result_solution(result).get("sites", [])
    allocated = any(r["municipality"] == code and r["service"] == service
                    and r.get("new_places") for r in sites)
    if allocated:
        return
    if status == Response.DISPUTED and service in needed_services(version, code):
        return
    if status == Response.DISPUTED:
        raise InputError(f"version {version.number} neither allocates places of {service} to "
                         f"municipality {code} nor records a need for it",
                         column="service", value=service)
    raise InputError(f"version {version.number} allocates no new places of {service} "
                     f"to municipality {code}; dispute it if your residents need them",
                     column="service", value=service)


def needed_services(version: ScenarioVersion, code: str | None) -> set[str]:
    """Services the residents of municipality ``code`` need in ``version``'s inputs."""
    inputs = ScenarioInputs.from_json(version.inputs_json)
    return {row[3] for row in inputs.needs if row[0] == code and row[4]}


def allocation_responses(*, session: Session, actor: Actor, scenario_id: int,
                         number: int | None = None) -> list[AllocationResponse]:
    """Responses to a version's allocations: all for those who may see details, a
    municipality's own for a municipality."""
    version = get_version(session=session, actor=actor, scenario_id=scenario_id, number=number)
    stmt = select(AllocationResponse).where(AllocationResponse.version_id == version.id)
    if actor.role == Role.MUNICIPALITY:
        stmt = stmt.where(AllocationResponse.atvk_code == actor.municipality_code)
    elif not can(actor, Action.VIEW_DETAIL, scenario_row(session, scenario_id)):
        raise PermissionDenied(f"{actor.describe()} may not see municipalities' responses")
    stmt = stmt.order_by(AllocationResponse.atvk_code, AllocationResponse.service)
    return list(session.exec(stmt).all())


# ---------------------------------------------------------------------- report
@dataclass(frozen=True)
class ConsultationReport:
    """Every comment on one consulted version, its answer and decision, and what changed
    after it: the record of the consultation (the Latvian "izziņa").

    ``comments`` has the columns of ``COMMENT_FIELDS`` (no e-mail addresses); pending and
    rejected comments are included only for moderators. ``changes`` compares the consulted
    version with ``followed_by`` (the next consulted, approved, submitted or newest later
    version the reader may see), or is empty when nothing followed yet. For readers who may
    not see details, changed needs (counts of persons) are left out of ``changes`` and
    counted in ``hidden_changes``. ``closed_at`` is set when the consultation was closed
    before its end date (by the plan's submission or a new consultation).
    """

    scenario_id: int
    scenario_name: str
    region: str | None
    version: int
    start: date | None
    end: date | None
    comments: pd.DataFrame
    followed_by: int | None = None
    changes: list[Change] = field(default_factory=list)
    closed_at: datetime | None = None
    hidden_changes: int = 0

    @property
    def counts(self) -> dict[str, int]:
        by_status = self.comments["moderation"].value_counts().to_dict()
        answered = int(self.comments["answer"].notna().sum())
        decided = self.comments["decision"].value_counts().to_dict()
        return {"total": len(self.comments), "answered": answered, **by_status,
                **{f"decision_{k}": int(v) for k, v in decided.items()}}

    def changes_frame(self) -> pd.DataFrame:
        rows = [(c.section, " / ".join(c.key), c.before, c.after) for c in self.changes]
        return pd.DataFrame(rows, columns=["section", "key", "before", "after"])


def consulted_versions(*, session: Session, actor: Actor, scenario_id: int) -> list[int]:
    """Numbers of the scenario's versions that were put to consultation, newest first."""
    scenario = get_scenario(session=session, actor=actor, scenario_id=scenario_id)
    stmt = (select(ScenarioVersion.number)
            .where(ScenarioVersion.scenario_id == scenario.id,
                   col(ScenarioVersion.consultation_start).is_not(None))
            .order_by(col(ScenarioVersion.number).desc()))
    return list(session.exec(stmt).all())


def consultation_report(*, session: Session, actor: Actor, scenario_id: int,
                        number: int | None = None) -> ConsultationReport:
    """The record of the consultation on version ``number`` (default: the latest one), for
    the pages, the plan report and exports; it stays readable with the approved plan."""
    scenario = get_scenario(session=session, actor=actor, scenario_id=scenario_id)
    consulted = consulted_versions(session=session, actor=actor, scenario_id=scenario_id)
    if not consulted or (number is not None and number not in consulted):
        raise NotFoundError(f"scenario '{scenario.name}' has not been published for "
                            "consultation" + (f" at version {number}" if number else ""))
    number = number or consulted[0]
    version = version_row(session, scenario, number)
    moderator = can(actor, Action.MODERATE, scenario)
    rows = _comments(session, scenario, number, None if moderator else Moderation.PUBLISHED)
    frame = pd.DataFrame([{k: getattr(c, k) for k in COMMENT_FIELDS} for c in rows],
                         columns=list(COMMENT_FIELDS))
    frame = frame.astype(object).where(frame.notna(), None)  # not NaN: a truthy 'nan' answer
    later = _followed_by(actor, scenario, number, consulted)
    changes: list[Change] = []
    if later is not None and not can(actor, Action.VIEW_DETAIL, scenario):
        later = None  # the inputs hold the needs, counts of persons
    hidden = 0
    if later is not None:
        changes = diff_inputs(ScenarioInputs.from_json(version.inputs_json),
                              ScenarioInputs.from_json(
                                  version_row(session, scenario, later).inputs_json))
        if not can(actor, Action.VIEW_DETAIL, scenario):
            hidden = sum(c.section == "needs" for c in changes)
            changes = [c for c in changes if c.section != "needs"]
    return ConsultationReport(
        scenario_id=scenario.id, scenario_name=scenario.name, region=scenario.region,
        version=number, start=version.consultation_start, end=version.consultation_end,
        comments=frame, followed_by=later, changes=changes,
        closed_at=version.consultation_closed_at, hidden_changes=hidden)


def latest_record(*, session: Session, actor: Actor,
                  scenario_id: int) -> ConsultationReport | None:
    """The record of the scenario's latest consultation, or None if it had none."""
    try:
        return consultation_report(session=session, actor=actor, scenario_id=scenario_id)
    except NotFoundError:
        return None


def _followed_by(actor: Actor, scenario: Scenario, number: int,
                 consulted: list[int]) -> int | None:
    """The version the consultation on ``number`` led to, among those ``actor`` may read."""
    visible = visible_versions(actor, scenario)
    later_consulted = [n for n in consulted if n > number]
    candidates = [min(later_consulted)] if later_consulted else [
        scenario.approved_version, scenario.submitted_version, scenario.current_version]
    for candidate in candidates:
        if candidate is not None and candidate > number and (
                visible is None or candidate in visible):
            return candidate
    return None
