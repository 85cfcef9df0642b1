"""Who may do what: roles, the signed-in actor, actions and the one permission rule.

Every service function in ``planning`` calls :func:`require` before it reads or writes, so
the rules hold whatever the UI shows. The rules, in words:

- **management_group** (bound to a planning region): everything on its own region's
  scenarios (create, edit, run, delete drafts, publish, submit, moderate and answer
  comments, read the audit trail); reads national scenarios and other regions' published or
  approved plans.
- **ministry**: reads every scenario of every region; approves or returns a submitted plan;
  cannot create or edit a region's scenarios. National (all-Latvia) scenarios are the
  ministry's analysis scenarios: it creates, edits and runs them. National scenarios have no
  lifecycle: a DI plan is regional, so nobody publishes, submits or approves them.
- **municipality** (bound to an ATVK code): reads published and approved plans; confirms or
  disputes allocations of its own code (checked by ``planning.store.consultation``); once
  a plan is approved, records what it really opened and how many persons moved out, for its
  own code only (``planning.store.progress``).
- **public** (no account): reads published plans during their consultation period and
  approved plans; comments during the consultation period.
- **admin**: manages users and may do everything a management group or the ministry may
  do on any scenario, except the decisions that belong to others: approving/returning a plan
  (ministry), confirming/disputing allocations and recording actuals (municipality).

A published plan stays public after later edits: the public sees the published or approved
*version*, not the newest draft (see :func:`visible_versions`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Protocol

from planning.domain.config import local_today
from planning.domain.errors import PermissionDenied


class Role(StrEnum):
    MANAGEMENT_GROUP = "management_group"
    MINISTRY = "ministry"
    MUNICIPALITY = "municipality"
    PUBLIC = "public"
    ADMIN = "admin"


class Action(StrEnum):
    VIEW = "view"                    # read a scenario, its versions, inputs and results
    VIEW_DETAIL = "view_detail"      # unsuppressed counts 1-4 (public views show "<5")
    CREATE = "create"                # create a scenario (target: ScenarioCreate with region)
    EDIT = "edit"                    # save inputs, rename, restore a version
    DELETE = "delete"                # delete a scenario never published
    RUN = "run"                      # run the optimizer and store its result
    PUBLISH = "publish"              # open the consultation on the current version
    SUBMIT = "submit"                # submit the plan for approval
    APPROVE = "approve"
    RETURN = "return"                # return a submitted plan with a reason
    COMMENT = "comment"              # submit a consultation comment
    MODERATE = "moderate"            # approve/reject comments, see e-mail addresses
    ANSWER = "answer"                # answer a comment
    RESPOND = "respond"              # confirm or dispute a municipality's allocation
    RECORD_ACTUAL = "record_actual"  # record what a municipality really opened and moved
    VIEW_AUDIT = "view_audit"
    MANAGE_USERS = "manage_users"


@dataclass(frozen=True)
class Actor:
    """The signed-in user (or the anonymous public) on whose behalf a call is made."""

    username: str
    role: Role
    region: str | None = None
    municipality_code: str | None = None
    display_name: str = ""

    def __post_init__(self) -> None:
        if self.role == Role.MANAGEMENT_GROUP and not self.region:
            raise ValueError("a management group actor needs a planning region")
        if self.role == Role.MUNICIPALITY and not self.municipality_code:
            raise ValueError("a municipality actor needs an ATVK code")

    def describe(self) -> str:
        where = self.region or self.municipality_code
        return f"{self.username} ({self.role.value}{', ' + where if where else ''})"


PUBLIC = Actor(username="public", role=Role.PUBLIC)
SYSTEM = Actor(username="system", role=Role.ADMIN)


class Target(Protocol):
    """What the rules look at: a ``Scenario`` row, or a ``ScenarioCreate`` for CREATE."""

    region: str | None


OWNER_ACTIONS = frozenset({Action.VIEW, Action.VIEW_DETAIL, Action.CREATE, Action.EDIT,
                           Action.DELETE, Action.RUN, Action.PUBLISH, Action.SUBMIT,
                           Action.MODERATE, Action.ANSWER, Action.VIEW_AUDIT})
LIFECYCLE_ACTIONS = frozenset({Action.PUBLISH, Action.SUBMIT, Action.APPROVE, Action.RETURN})
PUBLIC_READ = frozenset({Action.VIEW, Action.COMMENT})


def is_published_now(target: Target, today: date | None = None) -> bool:
    """Whether the consultation on ``target``'s published version is open ``today`` (within
    its dates and not closed early by the plan's submission)."""
    if getattr(target, "published_version", None) is None:
        return False
    if getattr(target, "consultation_closed_at", None) is not None:
        return False
    today = today or local_today()
    start = getattr(target, "consultation_start", None)
    end = getattr(target, "consultation_end", None)
    return (start is None or start <= today) and (end is None or today <= end)


def is_public(target: Target, today: date | None = None) -> bool:
    """Whether anyone may read ``target``: approved, or published and consultation open."""
    return getattr(target, "approved_version", None) is not None or is_published_now(
        target, today
    )


def visible_versions(actor: Actor, target: Target, today: date | None = None) -> set[int] | None:
    """Version numbers ``actor`` may read; None means all of them."""
    if not can(actor, Action.VIEW, target, today=today):
        return set()
    if (_is_owner(actor, target) or actor.role in (Role.MINISTRY, Role.ADMIN)
            or (actor.role == Role.MANAGEMENT_GROUP and target.region is None)):
        return None
    numbers = {getattr(target, "approved_version", None)}
    if is_published_now(target, today) or actor.role != Role.PUBLIC:
        numbers.add(getattr(target, "published_version", None))
    return {n for n in numbers if n is not None}


def _is_owner(actor: Actor, target: Target | None) -> bool:
    if target is None:
        return False
    if target.region is None:
        return actor.role == Role.MINISTRY
    return actor.role == Role.MANAGEMENT_GROUP and actor.region == target.region


def can(actor: Actor, action: Action, target: Target | None = None, *,
        today: date | None = None) -> bool:
    """Whether ``actor`` may do ``action`` on ``target`` (a scenario, or None for actions
    that concern no scenario, e.g. MANAGE_USERS)."""
    action = Action(action)
    if action == Action.MANAGE_USERS:
        return actor.role == Role.ADMIN
    if target is None:
        return False
    if action in LIFECYCLE_ACTIONS and target.region is None:
        return False
    if action == Action.DELETE and _was_ever_public(target):
        return False
    if action == Action.COMMENT:
        return is_published_now(target, today)
    if action in (Action.APPROVE, Action.RETURN):
        return actor.role == Role.MINISTRY
    if action == Action.RESPOND:
        return actor.role == Role.MUNICIPALITY and _was_ever_public(target)
    if action == Action.RECORD_ACTUAL:
        return (actor.role == Role.MUNICIPALITY
                and getattr(target, "approved_version", None) is not None)
    if actor.role == Role.ADMIN:
        return True
    if _is_owner(actor, target):
        return action in OWNER_ACTIONS
    return _reader_may(actor, action, target, today)


def _reader_may(actor: Actor, action: Action, target: Target, today: date | None) -> bool:
    """Rules for someone who does not own the scenario."""
    if actor.role == Role.MINISTRY:
        return action in (Action.VIEW, Action.VIEW_DETAIL, Action.VIEW_AUDIT)
    if action != Action.VIEW:
        return False
    if actor.role == Role.PUBLIC:
        return is_public(target, today)
    if actor.role == Role.MANAGEMENT_GROUP and target.region is None:
        return True
    return _was_ever_public(target)


def _was_ever_public(target: Target) -> bool:
    return (getattr(target, "published_version", None) is not None
            or getattr(target, "approved_version", None) is not None)


def require(actor: Actor, action: Action, target: Target | None = None, *,
            today: date | None = None) -> None:
    """Raise PermissionDenied, saying who tried what on which scenario, unless allowed."""
    if can(actor, action, target, today=today):
        return
    what = "all of Latvia" if target is not None and target.region is None else (
        f"region {target.region}" if target is not None else "this installation")
    name = getattr(target, "name", None)
    subject = f"scenario '{name}' ({what})" if name else what
    raise PermissionDenied(f"{actor.describe()} may not {Action(action).value} {subject}"
                           f"{_hint(actor, Action(action), target)}")


def _hint(actor: Actor, action: Action, target: Target | None) -> str:
    if action == Action.DELETE and target is not None and _was_ever_public(target):
        return ": it has been published, and published plans stay on record"
    if action in LIFECYCLE_ACTIONS and target is not None and target.region is None:
        return ": national scenarios are for analysis; only regional plans have a lifecycle"
    if action == Action.COMMENT:
        return ": comments are accepted only while the consultation is open"
    if action == Action.EDIT and actor.role == Role.MINISTRY:
        return ": the ministry reviews regional plans but does not edit them"
    return ""
