"""The audit trail: who did what, when, to which record, with before and after.

Service functions call :func:`record` inside their own transaction, so an event exists
exactly when its change was committed. Inputs are not copied into events: a version holds
them whole, and an ``inputs.save`` event names the versions and summarises the changed
cells (see ``planning.store.scenario``). Password hashes never enter the trail.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

import pandas as pd
from sqlmodel import Session, SQLModel, col, select

from planning.domain.errors import PermissionDenied
from planning.domain.roles import Action, Actor, Role, require
from planning.store.tables import AuditEvent, Scenario

SECRET_FIELDS = frozenset({"password_hash", "password"})
BULKY_FIELDS = frozenset({"inputs_json", "solution_json", "problem_json"})


def snapshot(row: SQLModel | None, *fields: str) -> dict[str, Any] | None:
    """A JSON-safe copy of ``row`` (only ``fields`` if given), without secrets or bulk."""
    if row is None:
        return None
    data = row.model_dump(include=set(fields) if fields else None)
    return {k: v for k, v in data.items() if k not in SECRET_FIELDS | BULKY_FIELDS}


def record(
    session: Session,
    *,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: object,
    scenario: Scenario | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> AuditEvent:
    """Add an audit event to the session's transaction (the caller commits); ``at``
    defaults to now."""
    event = AuditEvent(
        actor=actor.username, role=actor.role.value, action=action, entity=entity,
        entity_id=str(entity_id),
        scenario_id=scenario.id if scenario is not None else None,
        region=scenario.region if scenario is not None else actor.region,
        before_json=_dumps(before), after_json=_dumps(after),
        **({"at": at} if at is not None else {}),
    )
    session.add(event)
    return event


def _dumps(value: dict[str, Any] | None) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_plain)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"not JSON-serialisable: {type(value).__name__}")


def list_events(
    *,
    session: Session,
    actor: Actor,
    scenario: Scenario | None = None,
    entity: str | None = None,
    limit: int = 1000,
) -> list[AuditEvent]:
    """Events newest first: of one scenario (who may read its audit trail), or all the
    events an actor may see (ministry and admin: all; a management group: its region's)."""
    stmt = select(AuditEvent)
    if scenario is not None:
        require(actor, Action.VIEW_AUDIT, scenario)
        stmt = stmt.where(AuditEvent.scenario_id == scenario.id)
    elif actor.role == Role.MANAGEMENT_GROUP:
        stmt = stmt.where(AuditEvent.region == actor.region)
    elif actor.role not in (Role.MINISTRY, Role.ADMIN):
        raise PermissionDenied(f"{actor.describe()} may not read the audit trail")
    if entity is not None:
        stmt = stmt.where(AuditEvent.entity == entity)
    stmt = stmt.order_by(col(AuditEvent.at).desc(), col(AuditEvent.id).desc()).limit(limit)
    return list(session.exec(stmt).all())


def events_frame(events: list[AuditEvent]) -> pd.DataFrame:
    """Events as a table with before/after decoded, for the audit page and exports."""
    rows = [
        {"at": e.at, "actor": e.actor, "role": e.role, "action": e.action, "entity": e.entity,
         "entity_id": e.entity_id, "scenario_id": e.scenario_id,
         "before": json.loads(e.before_json) if e.before_json else None,
         "after": json.loads(e.after_json) if e.after_json else None}
        for e in events
    ]
    return pd.DataFrame(rows, columns=["at", "actor", "role", "action", "entity", "entity_id",
                                       "scenario_id", "before", "after"])
