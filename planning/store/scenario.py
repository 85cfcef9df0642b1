"""Scenarios: create, rename, copy, delete; versioned inputs; results; diffs; restore.

Every function takes keyword-only arguments, a ``session`` and the ``actor`` it acts for,
checks the actor's permission (``planning.domain.roles``), writes everything of one call in one
transaction together with its audit event, and raises a ``planning.domain.errors`` error a page can
show as is. Example::

    s = create_scenario(session=session, actor=group,
                        scenario_in=ScenarioCreate(name="Kurzeme 2026", region="Kurzeme"))
    inputs = load_inputs(session=session, actor=group, scenario_id=s.id)
    v2 = save_inputs(session=session, actor=group, scenario_id=s.id, inputs=changed,
                     expected_version=s.current_version, message="budget -10 %")
    diff_versions(session=session, actor=ministry, scenario_id=s.id, a=1, b=2).to_frame()

Versions never change once written: every save, restore or lifecycle edit of a frozen
(published, submitted, approved, returned) version makes a new draft version. A save names
the version it was based on (``expected_version``); if someone saved since, it raises
:class:`VersionConflict` and writes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

import pandas as pd
from pydantic import ValidationError
from sqlalchemy import update
from sqlmodel import Session, SQLModel, col, select

from planning.domain import geo
from planning.domain.config import LOCAL_TZ
from planning.domain.errors import ConflictError, InputError, NotFoundError, PlanningError
from planning.domain.inputs import ScenarioInputs, default_inputs
from planning.domain.roles import Action, Actor, can, require, visible_versions
from planning.store import audit
from planning.store.db import transaction
from planning.store.tables import (
    Scenario,
    ScenarioCreate,
    ScenarioUpdate,
    ScenarioVersion,
    Status,
    StoredResult,
    utcnow,
)

SQLModelT = TypeVar("SQLModelT", bound=SQLModel)
MAX_MESSAGE = 500
AUDIT_CHANGE_SAMPLE = 50


class VersionConflict(ConflictError):
    """Someone saved a newer version since the caller loaded ``expected``.

    ``current`` is the newest version number; reload it with ``load_inputs`` and re-apply.
    """

    def __init__(self, *, scenario: Scenario, expected: int, latest: ScenarioVersion) -> None:
        self.scenario_id = scenario.id
        self.expected = expected
        self.current = latest.number
        self.author = latest.author
        self.saved_at = latest.created_at
        when = _local(latest.created_at).strftime("%H:%M")
        super().__init__(
            f"Scenario '{scenario.name}' changed since you opened version {expected}: "
            f"{latest.author} saved version {latest.number} at {when}; "
            "reload and re-apply your change."
        )


class FrozenVersionError(PlanningError):
    """The version left draft; its inputs and results can no longer change."""


def _local(moment: datetime) -> datetime:
    return moment.astimezone(LOCAL_TZ)


# ---------------------------------------------------------------------- reading
def get_scenario(*, session: Session, actor: Actor, scenario_id: int) -> Scenario:
    """The scenario, if it exists, is not deleted and ``actor`` may read it (as
    :func:`as_seen_by` shows it)."""
    scenario = scenario_row(session, scenario_id)
    require(actor, Action.VIEW, scenario)
    return as_seen_by(session, actor, scenario)


def as_seen_by(session: Session, actor: Actor, scenario: Scenario) -> Scenario:
    """``scenario`` itself for those who may see details; for everyone else a detached copy
    at the newest version they may read: its number, status and date instead of the
    drafting ones (the public never learns of a draft after the published version)."""
    if can(actor, Action.VIEW_DETAIL, scenario):
        return scenario
    visible = visible_versions(actor, scenario) or set()
    number = max(visible, default=None)
    copy = Scenario.model_validate(scenario.model_dump())
    if number is None:
        return copy
    version = version_row(session, scenario, number)
    copy.current_version, copy.status = number, version.status
    copy.updated_at = version.status_changed_at or version.created_at
    if scenario.submitted_version not in visible:
        copy.submitted_version = None
    return copy


def scenario_row(session: Session, scenario_id: int) -> Scenario:
    """The live scenario row, without a permission check (for planning modules)."""
    scenario = session.get(Scenario, scenario_id)
    if scenario is None or scenario.deleted_at is not None:
        raise NotFoundError(f"scenario {scenario_id} does not exist (or was deleted)")
    return scenario


def list_scenarios(
    *, session: Session, actor: Actor, region: str | None = None, national: bool | None = None
) -> list[Scenario]:
    """Scenarios ``actor`` may read, by region then name; ``region`` filters one region,
    ``national=True`` only all-Latvia scenarios, ``national=False`` only regional ones."""
    stmt = select(Scenario).where(col(Scenario.deleted_at).is_(None))
    if region is not None:
        stmt = stmt.where(Scenario.region == geo.resolve_region(region))
    if national is True:
        stmt = stmt.where(col(Scenario.region).is_(None))
    elif national is False:
        stmt = stmt.where(col(Scenario.region).is_not(None))
    rows = session.exec(stmt.order_by(Scenario.region, Scenario.name, Scenario.id)).all()
    return [as_seen_by(session, actor, s) for s in rows if can(actor, Action.VIEW, s)]


def list_versions(*, session: Session, actor: Actor, scenario_id: int) -> list[ScenarioVersion]:
    """The scenario's history that ``actor`` may read, newest first (as :func:`readable`)."""
    scenario = scenario_row(session, scenario_id)
    require(actor, Action.VIEW, scenario)
    stmt = select(ScenarioVersion).where(ScenarioVersion.scenario_id == scenario.id)
    visible = visible_versions(actor, scenario)
    if visible is not None:
        stmt = stmt.where(col(ScenarioVersion.number).in_(visible))
    rows = session.exec(stmt.order_by(col(ScenarioVersion.number).desc())).all()
    return [readable(actor, scenario, v) for v in rows]


def readable(actor: Actor, scenario: Scenario, version: ScenarioVersion) -> ScenarioVersion:
    """``version`` for those who may see details; for everyone else a detached copy without
    its inputs (they hold the needs, counts of persons: the public reads a plan only as
    ``planning.store.published.public_plan`` protects it)."""
    if can(actor, Action.VIEW_DETAIL, scenario):
        return version
    return ScenarioVersion.model_validate({**version.model_dump(), "inputs_json": ""})


def get_version(
    *, session: Session, actor: Actor, scenario_id: int, number: int | None = None
) -> ScenarioVersion:
    """Version ``number``; by default the newest one ``actor`` may read (for the public:
    the published or approved version)."""
    scenario = scenario_row(session, scenario_id)
    require(actor, Action.VIEW, scenario)
    visible = visible_versions(actor, scenario)
    if number is None:
        number = scenario.current_version if visible is None else max(visible, default=None)
    if number is None or (visible is not None and number not in visible):
        raise NotFoundError(f"version {number} of scenario '{scenario.name}' is not available"
                            f" to {actor.describe()}")
    return readable(actor, scenario, version_row(session, scenario, number))


def version_row(session: Session, scenario: Scenario, number: int) -> ScenarioVersion:
    """Version ``number`` of ``scenario``, without a permission check."""
    version = session.exec(select(ScenarioVersion).where(
        ScenarioVersion.scenario_id == scenario.id, ScenarioVersion.number == number)).first()
    if version is None:
        raise NotFoundError(f"scenario '{scenario.name}' has no version {number}")
    return version


def load_inputs(
    *, session: Session, actor: Actor, scenario_id: int, number: int | None = None
) -> ScenarioInputs:
    """The inputs of a version (default: as :func:`get_version`), for those who may see
    details (the needs are counts of persons)."""
    require(actor, Action.VIEW_DETAIL, scenario_row(session, scenario_id))
    version = get_version(session=session, actor=actor, scenario_id=scenario_id, number=number)
    return ScenarioInputs.from_json(version.inputs_json)


# ---------------------------------------------------------------------- scenarios
def create_scenario(
    *,
    session: Session,
    actor: Actor,
    scenario_in: ScenarioCreate | Mapping[str, Any],
    inputs: ScenarioInputs | None = None,
    message: str = "created",
) -> Scenario:
    """A new scenario with version 1: ``inputs``, or the embedded data of its region.

    ``scenario_in`` may be a dict (``name``, ``region`` (None: all of Latvia), ``division``);
    a bad field raises InputError naming it.
    """
    scenario_in = _checked_create(scenario_in)
    require(actor, Action.CREATE, scenario_in)
    inputs = inputs or default_inputs(scenario_in.region, scenario_in.division)
    _check_inputs(inputs, scenario_in)
    with transaction(session):
        scenario = _insert_scenario(session, actor, scenario_in, inputs, message, None)
        audit.record(session, actor=actor, action="scenario.create", entity="scenario",
                     entity_id=scenario.id, scenario=scenario, after=audit.snapshot(scenario))
    return scenario


def validated(model: type[SQLModelT], data: Mapping[str, Any]) -> SQLModelT:
    """``model`` validated from ``data``; the first problem as an InputError naming the field
    (used for every Create/Update model, so pages show one kind of error)."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        column = ".".join(str(p) for p in first["loc"])
        raise InputError(first["msg"], column=column, value=first.get("input")) from exc


def _checked_create(scenario_in: ScenarioCreate | Mapping[str, Any]) -> ScenarioCreate:
    data = dict(scenario_in) if isinstance(scenario_in, Mapping) else scenario_in.model_dump()
    data["name"] = str(data.get("name") or "").strip()
    data = validated(ScenarioCreate, data)
    region = geo.resolve_region(data.region) if data.region is not None else None
    if data.division not in geo.DIVISIONS:
        raise InputError(f"unknown division {data.division!r}; use one of "
                         f"{', '.join(geo.DIVISIONS)}", column="division")
    return ScenarioCreate(name=data.name, region=region, division=data.division)


def _check_inputs(inputs: ScenarioInputs, scenario: ScenarioCreate | Scenario) -> None:
    """Valid inputs of the scenario's own region and division, or InputError."""
    if inputs.region != scenario.region or inputs.division != scenario.division:
        raise InputError(
            f"these inputs are for {inputs.region or 'all of Latvia'} ({inputs.division}); "
            f"the scenario is for {scenario.region or 'all of Latvia'} ({scenario.division})")
    inputs.validate()


def _insert_scenario(session: Session, actor: Actor, data: ScenarioCreate,
                     inputs: ScenarioInputs, message: str, based_on: int | None) -> Scenario:
    scenario = Scenario(name=data.name, region=data.region, division=data.division,
                        owner_region=data.region, created_by=actor.username)
    session.add(scenario)
    session.flush()
    session.add(ScenarioVersion(scenario_id=scenario.id, number=1, author=actor.username,
                                message=_message(message), inputs_json=inputs.to_json(),
                                based_on=based_on))
    session.flush()
    return scenario


def _message(message: str) -> str:
    message = (message or "").strip()
    if len(message) > MAX_MESSAGE:
        raise InputError(f"the version message is {len(message)} characters; at most "
                         f"{MAX_MESSAGE}", column="message")
    return message


def rename_scenario(*, session: Session, actor: Actor, scenario_id: int, name: str) -> Scenario:
    """Change the scenario's name (no new version: the name is not an input)."""
    update_in = validated(ScenarioUpdate, {"name": name.strip()})
    scenario = scenario_row(session, scenario_id)
    require(actor, Action.EDIT, scenario)
    before = audit.snapshot(scenario, "name")
    with transaction(session):
        scenario.sqlmodel_update(update_in.model_dump(exclude_unset=True))
        scenario.updated_at = utcnow()
        session.add(scenario)
        audit.record(session, actor=actor, action="scenario.rename", entity="scenario",
                     entity_id=scenario.id, scenario=scenario, before=before,
                     after=audit.snapshot(scenario, "name"))
    return scenario


def copy_scenario(
    *, session: Session, actor: Actor, scenario_id: int, name: str, number: int | None = None,
    message: str = "",
) -> Scenario:
    """A new scenario (same region) whose version 1 has the inputs of version ``number``
    (default: the newest the actor may read). Results are not copied: they belong to the
    version they came from."""
    source = get_version(session=session, actor=actor, scenario_id=scenario_id, number=number)
    original = scenario_row(session, scenario_id)
    data = _checked_create({"name": name, "region": original.region,
                            "division": original.division})
    require(actor, Action.CREATE, data)
    inputs = ScenarioInputs.from_json(source.inputs_json)
    with transaction(session):
        scenario = _insert_scenario(
            session, actor, data, inputs,
            message or f"copied from '{original.name}' version {source.number}", None)
        audit.record(session, actor=actor, action="scenario.copy", entity="scenario",
                     entity_id=scenario.id, scenario=scenario,
                     before={"scenario_id": original.id, "version": source.number},
                     after=audit.snapshot(scenario))
    return scenario


def delete_scenario(*, session: Session, actor: Actor, scenario_id: int) -> None:
    """Delete a scenario that was never published (the UI asks for confirmation first).

    The row is kept, marked deleted, so its audit trail still resolves.
    """
    scenario = scenario_row(session, scenario_id)
    require(actor, Action.DELETE, scenario)
    with transaction(session):
        scenario.deleted_at = utcnow()
        scenario.deleted_by = actor.username
        session.add(scenario)
        audit.record(session, actor=actor, action="scenario.delete", entity="scenario",
                     entity_id=scenario.id, scenario=scenario,
                     before=audit.snapshot(scenario, "name", "current_version"))


# ---------------------------------------------------------------------- versions
def save_inputs(
    *,
    session: Session,
    actor: Actor,
    scenario_id: int,
    inputs: ScenarioInputs,
    expected_version: int,
    message: str = "",
    based_on: int | None = None,
) -> ScenarioVersion:
    """Save ``inputs`` as a new draft version after ``expected_version``, edited from
    version ``based_on`` (default: ``expected_version``; an amendment names the approved
    one).

    Raises InputError (invalid inputs, nothing written), VersionConflict (someone saved
    since ``expected_version``), PermissionDenied.
    """
    scenario = scenario_row(session, scenario_id)
    require(actor, Action.EDIT, scenario)
    _check_inputs(inputs, scenario)
    based_on = expected_version if based_on is None else based_on
    base = version_row(session, scenario, based_on)
    changes = diff_inputs(ScenarioInputs.from_json(base.inputs_json), inputs)
    with transaction(session):
        version = _append_version(session, actor, scenario, expected_version, inputs,
                                  message, based_on=based_on)
        audit.record(session, actor=actor, action="inputs.save", entity="scenario_version",
                     entity_id=version.id, scenario=scenario,
                     before={"version": based_on},
                     after={"version": version.number, "message": version.message,
                            "changed_cells": len(changes),
                            "changes": [c.as_dict() for c in changes[:AUDIT_CHANGE_SAMPLE]]})
    return version


def restore_version(
    *, session: Session, actor: Actor, scenario_id: int, number: int, expected_version: int,
    message: str = "",
) -> ScenarioVersion:
    """A new draft version with the inputs of earlier version ``number``."""
    scenario = scenario_row(session, scenario_id)
    require(actor, Action.EDIT, scenario)
    old = version_row(session, scenario, number)
    inputs = ScenarioInputs.from_json(old.inputs_json)
    with transaction(session):
        version = _append_version(session, actor, scenario, expected_version, inputs,
                                  message or f"restored version {number}", based_on=number)
        audit.record(session, actor=actor, action="version.restore",
                     entity="scenario_version", entity_id=version.id, scenario=scenario,
                     before={"version": expected_version},
                     after={"version": version.number, "restored": number})
    return version


def _append_version(session: Session, actor: Actor, scenario: Scenario, expected: int,
                    inputs: ScenarioInputs, message: str, *, based_on: int) -> ScenarioVersion:
    """Claim number ``expected + 1`` atomically, then write the version.

    The conditional UPDATE is the optimistic lock: of two concurrent saves based on the
    same version only one changes a row; the other gets VersionConflict.
    """
    message = _message(message)
    claimed = session.execute(
        update(Scenario)
        .where(col(Scenario.id) == scenario.id, col(Scenario.current_version) == expected)
        .values(current_version=expected + 1, status=Status.DRAFT.value, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        session.rollback()
        session.refresh(scenario)
        raise VersionConflict(scenario=scenario, expected=expected,
                              latest=version_row(session, scenario, scenario.current_version))
    version = ScenarioVersion(scenario_id=scenario.id, number=expected + 1, based_on=based_on,
                              author=actor.username, message=message,
                              inputs_json=inputs.to_json())
    session.add(version)
    session.flush()
    session.refresh(scenario)
    return version


# ---------------------------------------------------------------------- results
def save_result(
    *,
    session: Session,
    actor: Actor,
    scenario_id: int,
    number: int,
    solution: Mapping[str, Any] | str,
    problem: Mapping[str, Any] | str,
    solver: str,
    status: str,
    run_seconds: float,
) -> StoredResult:
    """Store an optimizer result with the draft version ``number`` whose inputs it solved
    (``solution``/``problem``: ``Solution.to_dict()``/``ProblemInput.to_dict()`` or JSON)."""
    scenario = scenario_row(session, scenario_id)
    require(actor, Action.RUN, scenario)
    version = version_row(session, scenario, number)
    if version.frozen:
        raise FrozenVersionError(
            f"version {number} is {version.status} and frozen; its results cannot change. "
            "Save the inputs to make a new draft version and run that.")
    result = StoredResult(version_id=version.id, solver=solver, status=status,
                            created_by=actor.username, run_seconds=float(run_seconds),
                            solution_json=_json(solution), problem_json=_json(problem))
    with transaction(session):
        session.add(result)
        session.flush()
        audit.record(session, actor=actor, action="result.save", entity="scenario_result",
                     entity_id=result.id, scenario=scenario,
                     after={"version": number, "solver": solver, "status": status,
                            "run_seconds": result.run_seconds})
    return result


def _json(value: Mapping[str, Any] | str) -> str:
    if isinstance(value, str):
        json.loads(value)
        return value
    return json.dumps(value, ensure_ascii=False)


def list_results(
    *, session: Session, actor: Actor, scenario_id: int, number: int | None = None
) -> list[StoredResult]:
    """Results of a version (default as :func:`get_version`), newest first, for those who
    may see details; the public reads ``planning.store.published.public_plan``."""
    require(actor, Action.VIEW_DETAIL, scenario_row(session, scenario_id))
    version = get_version(session=session, actor=actor, scenario_id=scenario_id, number=number)
    return _results_of(session, version)


def _results_of(session: Session, version: ScenarioVersion) -> list[StoredResult]:
    stmt = (select(StoredResult).where(StoredResult.version_id == version.id)
            .order_by(col(StoredResult.created_at).desc(), col(StoredResult.id).desc()))
    return list(session.exec(stmt).all())


def newest_result(session: Session, version: ScenarioVersion) -> StoredResult | None:
    """The newest result of ``version``, without a permission check (for planning modules
    that protect what they return)."""
    found = _results_of(session, version)
    return found[0] if found else None


def latest_result(
    *, session: Session, actor: Actor, scenario_id: int, number: int | None = None
) -> StoredResult | None:
    """The newest result of a version, or None if it was never run."""
    results = list_results(session=session, actor=actor, scenario_id=scenario_id, number=number)
    return results[0] if results else None


def result_solution(result: StoredResult | None) -> dict[str, Any] | None:
    """The stored solution as a dict (``optimizer.solution.Solution.from_dict`` reads it)."""
    return json.loads(result.solution_json) if result is not None else None


# ---------------------------------------------------------------------- diffs
@dataclass(frozen=True)
class Change:
    """One changed cell: ``section`` (needs, budgets, norms, limits, settings, places,
    facilities, investment, totals), its ``key`` and the values before and after
    (None where the cell did not exist)."""

    section: str
    key: tuple[str, ...]
    before: Any
    after: Any

    def as_dict(self) -> dict[str, Any]:
        return {"section": self.section, "key": list(self.key), "before": self.before,
                "after": self.after}


INPUT_SECTIONS = ("needs", "persons", "services", "budgets", "norms", "limits", "settings")
RESULT_SECTIONS = ("places", "facilities", "investment", "totals")


@dataclass(frozen=True)
class VersionDiff:
    """What changed from version ``a`` to version ``b`` in inputs and results.

    ``results_compared`` is False when either version has no stored result.
    """

    scenario_id: int
    a: int
    b: int
    inputs: list[Change] = field(default_factory=list)
    results: list[Change] = field(default_factory=list)
    results_compared: bool = False

    def section(self, name: str) -> list[Change]:
        return [c for c in self.inputs + self.results if c.section == name]

    @property
    def unchanged(self) -> bool:
        return not self.inputs and not self.results

    def to_frame(self) -> pd.DataFrame:
        """One row per change: section, key (joined by ' / '), before, after."""
        rows = [(c.section, " / ".join(c.key), c.before, c.after)
                for c in self.inputs + self.results]
        return pd.DataFrame(rows, columns=["section", "key", "before", "after"])


def diff_versions(
    *, session: Session, actor: Actor, scenario_id: int, a: int, b: int
) -> VersionDiff:
    """Structured diff of two versions' inputs and of their newest results (for those who
    may see details)."""
    require(actor, Action.VIEW_DETAIL, scenario_row(session, scenario_id))
    va = get_version(session=session, actor=actor, scenario_id=scenario_id, number=a)
    vb = get_version(session=session, actor=actor, scenario_id=scenario_id, number=b)
    inputs = diff_inputs(ScenarioInputs.from_json(va.inputs_json),
                         ScenarioInputs.from_json(vb.inputs_json))
    ra = latest_result(session=session, actor=actor, scenario_id=scenario_id, number=a)
    rb = latest_result(session=session, actor=actor, scenario_id=scenario_id, number=b)
    compared = ra is not None and rb is not None
    results = diff_results(result_solution(ra), result_solution(rb)) if compared else []
    return VersionDiff(scenario_id=scenario_id, a=a, b=b, inputs=inputs, results=results,
                       results_compared=compared)


def diff_inputs(a: ScenarioInputs, b: ScenarioInputs) -> list[Change]:
    """Changed cells of two inputs, section by section, keys sorted."""
    fa, fb = _flatten_inputs(a), _flatten_inputs(b)
    return [c for s in INPUT_SECTIONS for c in _diff_cells(s, fa[s], fb[s])]


def diff_results(a: Mapping[str, Any] | None, b: Mapping[str, Any] | None) -> list[Change]:
    """Changed places, facilities and investment per municipality x service, and totals,
    of two solutions in ``Solution.to_dict()`` form."""
    fa, fb = _flatten_solution(a or {}), _flatten_solution(b or {})
    return [c for s in RESULT_SECTIONS for c in _diff_cells(s, fa[s], fb[s])]


def _diff_cells(section: str, a: dict[tuple, Any], b: dict[tuple, Any]) -> list[Change]:
    keys = sorted(set(a) | set(b), key=lambda k: tuple(str(x) for x in k))
    return [Change(section, tuple(str(x) for x in k), a.get(k), b.get(k))
            for k in keys if a.get(k) != b.get(k)]


def _flatten_inputs(x: ScenarioInputs) -> dict[str, dict[tuple, Any]]:
    budgets = {(r, f): v for r, bud in x.budgets.items()
               for f, v in vars(bud).items() if v is not None}
    norms = {(s, n): v for s, ns in x.norm_overrides.items() for n, v in ns.items()}
    norms.update({("mentor", k): v for k, v in x.mentor_overrides.items()})
    limits: dict[tuple, Any] = {(c, f): v for c, lim in x.municipal_limits.items()
                                for f, v in vars(lim).items() if v is not None}
    limits.update({("facility_cap", s): n for s, n in x.facility_caps.items()})
    limits.update({("non_participating", c): True for c in x.non_participating})
    limits.update({("excluded_site", c, s): True for c, s in x.excluded_sites})
    limits.update({("staff_available", r, q): n for r, q, n in x.staff_available})
    limits.update({("dwellings", c): n for c, n in x.dwellings})
    limits.update({("site", n): f"{c} {la:g} {lo:g} {s} {r}".strip()
                   for n, c, la, lo, s, r in x.candidate_sites})
    limits.update({("travel", o, s): f"{k:g} km, {m:g} min" for o, s, k, m in x.travel_matrix})
    limits.update({("travel_minutes", s): m for s, m in x.travel_minutes.items()})
    settings: dict[tuple, Any] = {(k,): getattr(x, k) for k in (
        "division", "region", "preset", "equity_floor", "cost_contingency")}
    settings.update({("priority", g): w for g, w in x.group_priorities.items()})
    settings.update(_flatten_rules(x))
    settings.update(_flatten_years(x))
    return {"needs": {tuple(r[:4]): r[4] for r in x.needs},
            "persons": {tuple(r[:5]): r[5] for r in x.persons},
            "services": _flatten_services(x), "budgets": budgets,
            "norms": norms, "limits": limits, "settings": settings}


def _flatten_services(x: ScenarioInputs) -> dict[tuple, Any]:
    """Each user service's fields (groups as one cell ``a, b``) and the source of each
    number (``(id, source, norm)``)."""
    out: dict[tuple, Any] = {}
    for sid, entry in x.user_services.items():
        for name, value in entry.items():
            if name == "sources" and isinstance(value, dict):
                out.update({(sid, "source", n): text for n, text in value.items()})
            elif isinstance(value, list | tuple):
                out[(sid, name)] = ", ".join(str(v) for v in value)
            else:
                out[(sid, name)] = value
    return out


def _flatten_years(x: ScenarioInputs) -> dict[tuple, Any]:
    """The plan's years as one cell (``2026-2030``), each year's budget share, each fixed
    closure (a year as text, not a number with a thousands space) and admission rate, and
    the project funding of running cost (its share and last year), and an amendment's
    openings already built (places / euro) and first remaining year."""
    out: dict[tuple, Any] = {}
    if x.plan_years is not None:
        out[("plan_years",)] = f"{x.plan_years[0]}-{x.plan_years[1]}"
    first = x.horizon().first_year
    out.update({("year_share", str(first + k)): v for k, v in enumerate(x.year_shares)})
    out.update({("closure_year", b): str(y) for b, y in x.closure_years.items()})
    out.update({("admissions_per_year", b): a for b, a in x.admissions_per_year.items()})
    if x.running_funded_share is not None:
        out[("running_funded_share",)] = x.running_funded_share
    if x.running_funded_until is not None:
        out[("running_funded_until",)] = str(x.running_funded_until)
    out.update({("built", c, s, str(y)): f"{p} / {i:.0f} EUR" for c, s, y, p, i in x.built})
    if x.remaining_from is not None:
        out[("remaining_from",)] = str(x.remaining_from)
    return out


def _flatten_rules(x: ScenarioInputs) -> dict[tuple, Any]:
    """The rules tab's fields (who comes first, the goals, the least occupancy); an order
    as one cell ``a > b > c``, so changing only the priority mode is a change to save."""
    rules: dict[tuple, Any] = {("priority_mode",): x.priority_mode,
                               ("min_occupancy",): x.min_occupancy,
                               ("goal_kind",): x.goal_kind}
    for name in ("priority_order", "goal_order"):
        rules[(name,)] = " > ".join(getattr(x, name)) or None
    rules.update({("priority_weight", c): w for c, w in x.priority_weights.items()})
    return {k: v for k, v in rules.items() if v is not None}


def _flatten_solution(sol: Mapping[str, Any]) -> dict[str, dict[tuple, Any]]:
    sites = [r for r in sol.get("sites", []) if r.get("new_places")]
    key = [(r["municipality"], r["service"]) for r in sites]
    return {
        "places": {k: r["new_places"] for k, r in zip(key, sites, strict=True)},
        "facilities": {k: r.get("new_facilities") for k, r in zip(key, sites, strict=True)},
        "investment": {k: r.get("investment_eur") for k, r in zip(key, sites, strict=True)},
        "totals": {(k,): v for k, v in sol.get("totals", {}).items()},
    }
