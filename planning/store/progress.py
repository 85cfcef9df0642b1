"""Progress against an approved plan: what each municipality really opened and moved.

After the ministry approves a plan, a municipality records for its own ATVK code only:

- a facility opened (:func:`record_opening`): the service, the year it opened, its places
  and the investment actually spent, in euro;
- persons moved out of institutions into its new places (:func:`record_moved`): the year
  and how many (the plan's figure is the leavers it houses in the municipality's new
  facilities).

Only aggregated counts are stored, never a person. Each record is checked before anything
is written, and a refused one stores nothing: the plan must be approved; the service must be
one the approved plan gives the municipality new places of; the year must be within the
plan's years; places a whole number from 1, persons a whole number from 0, euro from 0, all
within the bounds of :mod:`planning.domain.bounds`. Records are append-only: recording the
same (municipality, kind, service, year) again is a correction, its next ``revision``; the
newest revision counts, also after an amendment is approved (records stay with the plan,
each naming the approved version it was recorded against). Every record is in the audit
trail with the value it replaced.

:func:`actuals` reads the current figures: all of them for those who may see a plan's
details (the management group, the ministry, admins), a municipality's own for a
municipality; the public never (counts 1-4 would identify persons; the public views do not
show actuals at all).

:func:`start_amendment` is the management group's next step: a new draft version of the
approved plan with the openings recorded so far as built (``ScenarioInputs.built``) and the
remaining years from ``remaining_from``; the approved allocation is carried over to it
(the built openings and the remaining years change only *when* the rest opens, which the
phasing decides when the plan is read), and the version then follows the usual lifecycle.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import pandas as pd
from sqlmodel import Session, col, select

from planning.domain import bounds
from planning.domain.errors import InputError, PermissionDenied
from planning.domain.horizon import Horizon
from planning.domain.inputs import ScenarioInputs
from planning.domain.roles import Action, Actor, Role, can, require
from planning.i18n import msg
from planning.store import audit
from planning.store.db import transaction
from planning.store.published import municipality_name
from planning.store.scenario import (
    newest_result,
    result_solution,
    save_inputs,
    save_result,
    scenario_row,
    version_row,
)
from planning.store.tables import PlanActual, Scenario, ScenarioVersion

OPENING, MOVED = "opening", "moved"
COLUMNS = ["atvk_code", "kind", "service", "year", "places", "investment_eur", "persons",
           "revision", "recorded_by", "recorded_at"]


@dataclass(frozen=True)
class ApprovedPlan:
    """The approved version a municipality records against: its horizon and, per
    municipality, the services it gets new places of."""

    scenario: Scenario
    version: ScenarioVersion
    horizon: Horizon
    planned: dict[str, set[str]]


def approved_plan(session: Session, scenario: Scenario) -> ApprovedPlan:
    """The approved version of ``scenario``; ``InputError`` (naming the plan) before
    approval."""
    if scenario.approved_version is None:
        raise InputError(msg("actuals.not_approved", plan=scenario.name),
                         column="scenario", value=scenario.name)
    version = version_row(session, scenario, scenario.approved_version)
    sites = (result_solution(newest_result(session, version)) or {}).get("sites", [])
    planned: dict[str, set[str]] = {}
    for site in sites:
        if (site.get("new_places") or 0) > 0:
            planned.setdefault(str(site["municipality"]), set()).add(str(site["service"]))
    horizon = ScenarioInputs.from_json(version.inputs_json).horizon()
    return ApprovedPlan(scenario, version, horizon, planned)


def record_opening(*, session: Session, actor: Actor, scenario_id: int, service: str,
                   year: object, places: object, investment_eur: object,
                   municipality: str | None = None) -> PlanActual:
    """Record that the actor's municipality opened ``places`` of ``service`` in ``year``,
    having spent ``investment_eur``. ``municipality`` (default: the actor's own) must be
    the actor's own code."""
    plan, code = _checked_actor(session, actor, scenario_id, municipality)
    where = municipality_name(code)
    mine = plan.planned.get(code, set())
    if service not in mine:
        options = ", ".join(sorted(mine)) or "–"
        raise InputError(msg("actuals.service_not_planned", service=service,
                             municipality=where, options=options),
                         column="service", value=service)
    year = _year(plan, year, where)
    places = _whole(places, "places", low=1, where=where)
    investment = _amount(investment_eur, where)
    return _append(session, actor, plan, code, OPENING, service, year,
                   places=places, investment_eur=investment)


def record_moved(*, session: Session, actor: Actor, scenario_id: int, year: object,
                 persons: object, municipality: str | None = None) -> PlanActual:
    """Record that ``persons`` moved out of institutions into the new places of the actor's
    municipality in ``year``."""
    plan, code = _checked_actor(session, actor, scenario_id, municipality)
    where = municipality_name(code)
    if code not in plan.planned:
        raise InputError(msg("actuals.municipality_not_planned", municipality=where),
                         column="municipality", value=code)
    year = _year(plan, year, where)
    persons = _whole(persons, "persons", low=0, where=where)
    return _append(session, actor, plan, code, MOVED, "", year, persons=persons)


def _checked_actor(session: Session, actor: Actor, scenario_id: int,
                   municipality: str | None) -> tuple[ApprovedPlan, str]:
    scenario = scenario_row(session, scenario_id)
    if actor.role != Role.MUNICIPALITY:
        require(actor, Action.RECORD_ACTUAL, scenario)  # refused: municipalities record
    plan = approved_plan(session, scenario)  # before approval: a message naming the plan
    require(actor, Action.RECORD_ACTUAL, scenario)
    code = str(actor.municipality_code)
    if municipality is not None and municipality != code:
        raise PermissionDenied(f"{actor.describe()} may record actuals for its own "
                               f"municipality {code} only, not {municipality}")
    return plan, code


def _year(plan: ApprovedPlan, year: object, where: str) -> int:
    h = plan.horizon
    if isinstance(year, bool) or not isinstance(year, int | float) or (
            isinstance(year, float) and not (math.isfinite(year) and year.is_integer())):
        raise InputError(msg("actuals.year_not_whole", municipality=where),
                         column="year", value=year)
    if not h.first_year <= int(year) <= h.last_year:
        raise InputError(msg("actuals.year_outside", municipality=where, first=h.first_year,
                             last=h.last_year), column="year", value=year)
    return int(year)


def _whole(value: object, column: str, *, low: int, where: str) -> int:
    problem = bounds.problem(value, bounds.MAX_COUNT, low=low)
    if problem is None and not float(value).is_integer():  # type: ignore[arg-type]
        problem = msg("actuals.not_whole")
    if problem is not None:
        raise InputError(msg("actuals.bad_number", municipality=where, problem=problem),
                         column=column, value=value)
    return int(value)  # type: ignore[call-overload]


def _amount(value: object, where: str) -> float:
    problem = bounds.problem(value, bounds.MAX_EUR)
    if problem is not None:
        raise InputError(msg("actuals.bad_number", municipality=where, problem=problem),
                         column="investment_eur", value=value)
    return float(value)  # type: ignore[arg-type]


def _of_scenario(scenario: Scenario):
    """The records of every version of ``scenario``."""
    return select(PlanActual).join(
        ScenarioVersion, col(PlanActual.version_id) == ScenarioVersion.id).where(
        ScenarioVersion.scenario_id == scenario.id)


def _append(session: Session, actor: Actor, plan: ApprovedPlan, code: str, kind: str,
            service: str, year: int, *, places: int = 0, investment_eur: float = 0.0,
            persons: int = 0) -> PlanActual:
    previous = session.exec(_of_scenario(plan.scenario).where(
        PlanActual.atvk_code == code, PlanActual.kind == kind, PlanActual.service == service,
        PlanActual.year == year).order_by(col(PlanActual.revision).desc())).first()
    fields = ("atvk_code", "kind", "service", "year", "places", "investment_eur", "persons",
              "revision")
    row = PlanActual(version_id=plan.version.id, atvk_code=code, kind=kind, service=service,
                     year=year, places=places, investment_eur=investment_eur, persons=persons,
                     revision=previous.revision + 1 if previous else 1,
                     recorded_by=actor.username)
    with transaction(session):
        session.add(row)
        session.flush()
        audit.record(session, actor=actor, action=f"actual.{kind}", entity="plan_actual",
                     entity_id=row.id, scenario=plan.scenario,
                     before=audit.snapshot(previous, *fields),
                     after={"version": plan.version.number, **audit.snapshot(row, *fields)})
    return row


def actuals(*, session: Session, actor: Actor, scenario_id: int) -> pd.DataFrame:
    """The current actuals of the scenario (the newest revision of each record, whichever
    approved version it was recorded against: an approved amendment keeps what was
    recorded before it), columns ``COLUMNS``: every municipality's for those who may see
    details, a municipality's own for a municipality; empty before approval."""
    scenario = scenario_row(session, scenario_id)
    if actor.role == Role.MUNICIPALITY:
        require(actor, Action.VIEW, scenario)
    elif not can(actor, Action.VIEW_DETAIL, scenario):
        raise PermissionDenied(f"{actor.describe()} may not see the actuals of "
                               f"'{scenario.name}': they are counts of persons")
    stmt = _of_scenario(scenario)
    if actor.role == Role.MUNICIPALITY:
        stmt = stmt.where(PlanActual.atvk_code == actor.municipality_code)
    rows = session.exec(stmt.order_by(PlanActual.atvk_code, PlanActual.kind,
                                      PlanActual.service, PlanActual.year,
                                      col(PlanActual.revision).desc())).all()
    frame = pd.DataFrame([{c: getattr(r, c) for c in COLUMNS} for r in rows], columns=COLUMNS)
    return frame.drop_duplicates(["atvk_code", "kind", "service", "year"]).reset_index(
        drop=True)


def start_amendment(*, session: Session, actor: Actor, scenario_id: int,
                    remaining_from: int) -> ScenarioVersion:
    """A new draft version of the approved plan: its inputs with the openings recorded so
    far built and the years from ``remaining_from`` to re-phase, its allocation the
    approved one's (the management group of the region, or an admin)."""
    scenario = scenario_row(session, scenario_id)
    require(actor, Action.EDIT, scenario)
    plan = approved_plan(session, scenario)
    h = plan.horizon
    if isinstance(remaining_from, bool) or not isinstance(remaining_from, int) or not (
            h.first_year <= remaining_from <= h.last_year):
        raise InputError(msg("actuals.amend_year", first=h.first_year, last=h.last_year),
                         column="remaining_from", value=remaining_from)
    stored = newest_result(session, plan.version)
    if stored is None:
        raise InputError(msg("actuals.amend_no_result", n=plan.version.number))
    opened = actuals(session=session, actor=actor, scenario_id=scenario_id)
    opened = opened[opened["kind"] == OPENING]
    built = tuple(sorted((str(r.atvk_code), str(r.service), int(r.year), int(r.places),
                          float(r.investment_eur)) for r in opened.itertuples()))
    inputs = replace(ScenarioInputs.from_json(plan.version.inputs_json), built=built,
                     remaining_from=remaining_from, plan_years=(h.first_year, h.last_year))
    version = save_inputs(session=session, actor=actor, scenario_id=scenario_id,
                          inputs=inputs, expected_version=scenario.current_version,
                          message=f"amendment of approved version {plan.version.number}: "
                                  f"{len(built)} openings built, years from {remaining_from}",
                          based_on=plan.version.number)
    save_result(session=session, actor=actor, scenario_id=scenario_id, number=version.number,
                solution=stored.solution_json, problem=stored.problem_json,
                solver=stored.solver, status=stored.status, run_seconds=0.0)
    return version


@dataclass(frozen=True)
class OwnPlan:
    """What a municipality may record against an approved plan: the services the plan
    gives it new places of, and the plan's years."""

    services: list[str]
    first_year: int
    last_year: int


def own_plan(*, session: Session, actor: Actor, scenario_id: int) -> OwnPlan | None:
    """The actor's municipality's part of the approved plan, or None when the plan is not
    approved or the actor may not record against it."""
    scenario = scenario_row(session, scenario_id)
    if not can(actor, Action.RECORD_ACTUAL, scenario):
        return None
    plan = approved_plan(session, scenario)
    return OwnPlan(sorted(plan.planned.get(str(actor.municipality_code), set())),
                   plan.horizon.first_year, plan.horizon.last_year)
