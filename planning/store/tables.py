"""Database tables (SQLModel), one family per entity.

Families follow the house style: ``XBase`` (shared fields), ``XCreate`` (what a caller
gives), ``XUpdate`` (all optional), ``X(XBase, table=True)`` and ``XPublic`` (what may be
shown, e.g. without password hashes or e-mail addresses). Reference tables and append-only
records (versions, results, audit events) only have the table class.

Conventions:

- every timestamp is timezone-aware UTC (``utcnow()``); SQLModel's ``UTCDateTime`` returns
  it aware on SQLite and PostgreSQL alike;
- statuses, roles and actions are stored as plain strings (values of the enums below and
  in ``planning.domain.roles``), so no database enum types need migrating;
- JSON payloads (scenario inputs, solutions, audit before/after) are TEXT columns holding
  the JSON produced by their owner's ``to_json``; they are never parsed by SQL;
- untrusted text is stored as given (length-limited, e-mails validated); escaping it is the
  UI's job.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


class Status(StrEnum):
    """Lifecycle status of a scenario version (transitions in ``planning.store.lifecycle``)."""

    DRAFT = "draft"
    PUBLISHED = "published"      # open for public consultation (start/end dates)
    SUBMITTED = "submitted"      # sent to the ministry for approval
    APPROVED = "approved"
    RETURNED = "returned"        # sent back by the ministry with a reason


class Moderation(StrEnum):
    PENDING = "pending"
    PUBLISHED = "published"
    REJECTED = "rejected"


class Response(StrEnum):
    CONFIRMED = "confirmed"
    DISPUTED = "disputed"


class Decision(StrEnum):
    """What the management group did with a consultation comment (the consultation report's
    "ņemts vērā / nav ņemts vērā / daļēji ņemts vērā")."""

    TAKEN = "taken"
    NOT_TAKEN = "not_taken"
    PARTLY = "partly"


def utcnow() -> datetime:
    """Aware UTC now: SQLModel refuses naive datetimes."""
    return datetime.now(UTC)


def _text(nullable: bool = False) -> Column:
    return Column(Text, nullable=nullable)


# ---------------------------------------------------------------------- reference data
class Region(SQLModel, table=True):
    """A planning region (plānošanas reģions)."""

    name: str = Field(primary_key=True, max_length=40)
    position: int = 0


class Municipality(SQLModel, table=True):
    """A local government in one administrative division ("2025" or "2021")."""

    division: str = Field(primary_key=True, max_length=8)
    atvk_code: str = Field(primary_key=True, max_length=7)
    name_lv: str = Field(max_length=120)
    name_en: str = Field(max_length=120)
    kind: str = Field(max_length=40)
    planning_region: str = Field(foreign_key="region.name", max_length=40, index=True)
    admin_centre: str = Field(max_length=120)
    lat: float
    lon: float
    population: int


class Institution(SQLModel, table=True):
    """An institution where clients live today."""

    division: str = Field(primary_key=True, max_length=8)
    institution_id: str = Field(primary_key=True, max_length=80)
    name: str = Field(max_length=200)
    operator: str = Field(max_length=200)
    kind: str = Field(max_length=40)
    atvk_code: str = Field(max_length=7, index=True)
    settlement: str | None = Field(default=None, max_length=120)
    lat: float
    lon: float
    clients_adults_grt: int = 0
    clients_children_orphans: int = 0
    clients_children_ft: int = 0
    places: int | None = None
    planned_closure_year: int | None = None
    admissions_per_year: int | None = None
    data_status: str = Field(max_length=60)
    source: str = Field(sa_column=_text())


class ExistingService(SQLModel, table=True):
    """An existing community service with its licensed places."""

    division: str = Field(primary_key=True, max_length=8)
    service_id: str = Field(primary_key=True, max_length=80)
    name: str = Field(max_length=200)
    provider: str = Field(max_length=200)
    atvk_code: str = Field(max_length=7, index=True)
    settlement: str | None = Field(default=None, max_length=120)
    lat: float
    lon: float
    type: str = Field(max_length=60)
    service: str | None = Field(default=None, max_length=60)
    places_licensed: int = 0
    places_in_use: int | None = None
    data_status: str = Field(max_length=60)
    source: str = Field(sa_column=_text())


class Need(SQLModel, table=True):
    """Clients needing a service: municipality x group x care level x service (a count)."""

    __table_args__ = (
        UniqueConstraint("division", "atvk_code", "group", "care_level", "service",
                         name="uq_need_cell"),
    )

    id: int | None = Field(default=None, primary_key=True)
    division: str = Field(max_length=8, index=True)
    atvk_code: str = Field(max_length=7)
    group: str = Field(max_length=40)
    care_level: str = Field(default="", max_length=8)
    service: str = Field(max_length=60)
    count: int = Field(ge=0)
    data_status: str = Field(default="illustrative", max_length=60)


# ---------------------------------------------------------------------- scenarios
class ScenarioBase(SQLModel):
    name: str = Field(min_length=1, max_length=120)
    region: str | None = Field(default=None, max_length=40,
                               description="planning region; None = all of Latvia")
    division: str = Field(default="2025", max_length=8)


class ScenarioCreate(ScenarioBase):
    """What a caller gives to create a scenario."""


class ScenarioUpdate(SQLModel):
    name: str | None = Field(default=None, min_length=1, max_length=120)


class Scenario(ScenarioBase, table=True):
    """A scenario: a named, versioned plan for one region (or all of Latvia).

    ``current_version`` is the latest version number; it doubles as the optimistic
    concurrency counter (a save names the version it was based on). ``status`` is the
    lifecycle status of the current version. ``published_version``/``approved_version``
    name the versions the public may see; consultation dates are those of the published
    one; ``consultation_closed_at`` is set when the group closed it (by submitting the plan)
    before its end date. Scenarios are soft-deleted (``deleted_at``) so versions, comments
    and the audit trail that refer to them stay intact.
    """

    id: int | None = Field(default=None, primary_key=True)
    owner_region: str | None = Field(default=None, max_length=40, index=True)
    status: str = Field(default="draft", max_length=20)
    current_version: int = 1
    published_version: int | None = None
    approved_version: int | None = None
    submitted_version: int | None = None
    consultation_start: date | None = None
    consultation_end: date | None = None
    consultation_closed_at: datetime | None = None
    created_by: str = Field(max_length=80)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    deleted_at: datetime | None = None
    deleted_by: str | None = Field(default=None, max_length=80)


class ScenarioVersion(SQLModel, table=True):
    """One saved state of a scenario's inputs. Inputs never change once written.

    ``status`` is the lifecycle status of this version; ``frozen`` is true once it left
    draft (published, submitted, approved or returned): editing it creates a new draft.
    ``based_on`` is the version it was edited from, restored from, or copied from.
    """

    __table_args__ = (UniqueConstraint("scenario_id", "number", name="uq_version_number"),)

    id: int | None = Field(default=None, primary_key=True)
    scenario_id: int = Field(foreign_key="scenario.id", index=True)
    number: int
    based_on: int | None = None
    author: str = Field(max_length=80)
    created_at: datetime = Field(default_factory=utcnow)
    message: str = Field(default="", max_length=500)
    inputs_json: str = Field(sa_column=_text())
    frozen: bool = False
    status: str = Field(default="draft", max_length=20)
    status_reason: str | None = Field(default=None, max_length=2000)
    status_changed_by: str | None = Field(default=None, max_length=80)
    status_changed_at: datetime | None = None
    consultation_start: date | None = None
    consultation_end: date | None = None
    consultation_closed_at: datetime | None = None


class StoredResult(SQLModel, table=True):
    """An optimizer result, stored with the version whose inputs produced it (read as a
    :class:`planning.domain.results.ScenarioResult`)."""

    __tablename__ = "scenarioresult"

    id: int | None = Field(default=None, primary_key=True)
    version_id: int = Field(foreign_key="scenarioversion.id", index=True)
    solver: str = Field(max_length=40)
    status: str = Field(max_length=40)
    created_at: datetime = Field(default_factory=utcnow)
    created_by: str = Field(max_length=80)
    run_seconds: float = 0.0
    solution_json: str = Field(sa_column=_text())
    problem_json: str = Field(sa_column=_text())


class OptimizerRun(SQLModel, table=True):
    """One optimizer run and its phase (``planning.store.runs``): queued, preparing, solving,
    saving, then done, failed, cancelled or interrupted (the app stopped during it)."""

    id: int | None = Field(default=None, primary_key=True)
    scenario_id: int = Field(foreign_key="scenario.id", index=True)
    version: int
    region: str = Field(max_length=40)
    solver: str = Field(max_length=40)
    time_limit: float
    submitted_by: str = Field(max_length=80)
    owner: str = Field(max_length=200)  # the app process that runs it (runs.owner_name)
    heartbeat_at: datetime | None = None  # renewed by the owner while the run is unfinished
    phase: str = Field(default="queued", max_length=20, index=True)
    error: str | None = Field(default=None, sa_column=_text(nullable=True))
    result_id: int | None = Field(default=None)
    submitted_at: datetime = Field(default_factory=utcnow)
    started_at: datetime | None = None
    finished_at: datetime | None = None


class SensitivitySweep(SQLModel, table=True):
    """A sweep of one scenario version (``planning.store.sweeps``): its grid, progress and
    results, kept as they arrive, so a page left and re-opened, a cancel or a restart keeps
    what was solved. ``status``: running, done, cancelled, failed or interrupted. ``kind``:
    ``sweep`` (a grid of solves) or ``robust`` (a plan chosen across need scenarios)."""

    id: int | None = Field(default=None, primary_key=True)
    scenario_id: int = Field(foreign_key="scenario.id", index=True)
    version: int
    kind: str = Field(default="sweep", max_length=20, index=True,
                      sa_column_kwargs={"server_default": "sweep"})
    spec: str = Field(sa_column=_text())        # JSON: the grid or the uncertainty, solver
    status: str = Field(default="running", max_length=20, index=True)
    done: int = 0
    total: int = 0
    results: str = Field(default="[]", sa_column=_text())   # JSON: the points, or the plan
    error: str | None = Field(default=None, sa_column=_text(nullable=True))
    owner: str = Field(max_length=200)  # the app process that runs it (runs.owner_name)
    heartbeat_at: datetime | None = None  # renewed by the owner while the sweep runs
    created_by: str = Field(max_length=80)
    created_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime | None = None


# ---------------------------------------------------------------------- users
class UserBase(SQLModel):
    username: str = Field(min_length=2, max_length=80, unique=True, index=True)
    display_name: str = Field(default="", max_length=120)
    role: str = Field(max_length=30)
    region: str | None = Field(default=None, max_length=40)
    municipality_code: str | None = Field(default=None, max_length=7)
    active: bool = True


class UserCreate(UserBase):
    password: str = Field(min_length=8, max_length=200)  # auth.MIN_PASSWORD/MAX_PASSWORD


class User(UserBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    password_hash: str = Field(max_length=300)
    created_at: datetime = Field(default_factory=utcnow)


class UserPublic(UserBase):
    id: int


# ---------------------------------------------------------------------- consultation
class CommentBase(SQLModel):
    name: str = Field(min_length=1, max_length=120)
    organisation: str = Field(default="", max_length=200)
    email: str = Field(max_length=254)
    text: str = Field(min_length=1, max_length=5000)


class CommentCreate(CommentBase):
    """A comment as submitted from the public form."""


class Comment(CommentBase, table=True):
    """A consultation comment on one scenario version, its moderation and answer."""

    id: int | None = Field(default=None, primary_key=True)
    version_id: int = Field(foreign_key="scenarioversion.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)
    moderation: str = Field(default="pending", max_length=20)
    moderated_by: str | None = Field(default=None, max_length=80)
    moderated_at: datetime | None = None
    answer: str | None = Field(default=None, max_length=5000)
    answered_by: str | None = Field(default=None, max_length=80)
    answered_at: datetime | None = None
    decision: str | None = Field(default=None, max_length=20)  # a Decision value


class CommentPublic(SQLModel):
    """What the public sees of an approved comment: no e-mail address."""

    id: int
    name: str
    organisation: str
    text: str
    created_at: datetime
    answer: str | None
    answered_at: datetime | None
    decision: str | None = None


class AllocationResponse(SQLModel, table=True):
    """A municipality's confirmation or dispute of its allocated places of one service."""

    __table_args__ = (
        UniqueConstraint("version_id", "atvk_code", "service", name="uq_allocation_response"),
    )

    id: int | None = Field(default=None, primary_key=True)
    version_id: int = Field(foreign_key="scenarioversion.id", index=True)
    atvk_code: str = Field(max_length=7)
    service: str = Field(max_length=60)
    status: str = Field(max_length=20)
    comment: str = Field(default="", max_length=2000)
    username: str = Field(max_length=80)
    updated_at: datetime = Field(default_factory=utcnow)


class PlanActual(SQLModel, table=True):
    """What a municipality really did under an approved plan version: a facility opened
    (``kind`` ``opening``: service, year, places, investment spent) or persons moved out of
    institutions (``kind`` ``moved``: year, persons; ``service`` empty). Aggregated counts
    only, never a person. Append-only: a correction is the next ``revision`` of the same
    (version, municipality, kind, service, year); the newest revision counts."""

    __table_args__ = (
        UniqueConstraint("version_id", "atvk_code", "kind", "service", "year", "revision",
                         name="uq_plan_actual_revision"),
    )

    id: int | None = Field(default=None, primary_key=True)
    version_id: int = Field(foreign_key="scenarioversion.id", index=True)
    atvk_code: str = Field(max_length=7)
    kind: str = Field(max_length=20)
    service: str = Field(default="", max_length=60)
    year: int
    places: int = 0
    investment_eur: float = 0.0
    persons: int = 0
    revision: int = 1
    recorded_by: str = Field(max_length=80)
    recorded_at: datetime = Field(default_factory=utcnow)


# ---------------------------------------------------------------------- derived
class SuppressionCache(SQLModel, table=True):
    """The cells hidden from the public for one set of published figures
    (``planning.store.suppression``): derived, and looked up by a key of the figures and of
    the code that protects them, so a changed figure or rule is a new key, never a stale
    entry."""

    key: str = Field(primary_key=True, max_length=64)
    hidden_json: str = Field(sa_column=_text())
    seconds: float = 0.0
    created_at: datetime = Field(default_factory=utcnow)


# ---------------------------------------------------------------------- audit
class AuditEvent(SQLModel, table=True):
    """Who did what, when, to which record, with the state before and after (JSON)."""

    __table_args__ = (Index("ix_audit_entity", "entity", "entity_id"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    actor: str = Field(max_length=80)
    role: str = Field(max_length=30)
    action: str = Field(max_length=40)
    entity: str = Field(max_length=40)
    entity_id: str = Field(max_length=80)
    scenario_id: int | None = Field(default=None, index=True)
    region: str | None = Field(default=None, max_length=40)
    before_json: str | None = Field(default=None, sa_column=_text(nullable=True))
    after_json: str | None = Field(default=None, sa_column=_text(nullable=True))
