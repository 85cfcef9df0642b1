"""Seed page tests and browser journeys through the real back end: users (argon2
passwords), a Kurzeme scenario solved by the optimizer, its lifecycle steps."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from sqlalchemy import Engine
from sqlmodel import Session

from optimizer.formulation import AllocationModel
from planning.domain import optimizer_input as problem
from planning.domain.config import local_today
from planning.domain.roles import SYSTEM, Actor, Role
from planning.store import auth, lifecycle, scenario
from planning.store.db import init_db, make_engine
from planning.store.tables import Scenario

PASSWORD = "correct horse battery"
GROUP = Actor("kurzeme.group", Role.MANAGEMENT_GROUP, region="Kurzeme",
              display_name="Kurzemes DI grupa")
MINISTRY = Actor("lm.reviewer", Role.MINISTRY, display_name="Labklājības ministrija")
LIEPAJA = Actor("liepaja", Role.MUNICIPALITY, municipality_code="0005000",
                display_name="Liepājas pašvaldība")
LATGALE = Actor("latgale.group", Role.MANAGEMENT_GROUP, region="Latgale")
# Its residents need group-home places the Kurzeme plan puts in other municipalities.
DIENVIDKURZEME = Actor("dienvidkurzeme", Role.MUNICIPALITY, municipality_code="0027000",
                       display_name="Dienvidkurzemes novada pašvaldība")
USERS = (GROUP, MINISTRY, LIEPAJA, LATGALE, DIENVIDKURZEME)
TODAY = local_today()


def seeded_engine(url: str) -> Engine:
    """A migrated database at ``url`` with the users of ``USERS`` (password ``PASSWORD``)."""
    engine = init_db(make_engine(url))
    with Session(engine, expire_on_commit=False) as session:
        for who in USERS:
            auth.create_user(session=session, actor=SYSTEM, user_in={
                "username": who.username, "role": who.role.value, "region": who.region,
                "municipality_code": who.municipality_code,
                "display_name": who.display_name, "password": PASSWORD})
    return engine


def solved_plan(engine: Engine, name: str = "Kurzemes DI plāns 2026", *,
                region: str = "Kurzeme", group: Actor = GROUP) -> Scenario:
    """A scenario of ``region`` on the embedded data with a stored HiGHS result."""
    with Session(engine, expire_on_commit=False) as session:
        s = scenario.create_scenario(session=session, actor=group,
                                     scenario_in={"name": name, "region": region})
        inputs = scenario.load_inputs(session=session, actor=group, scenario_id=s.id)
        sol = AllocationModel.from_problem_input(problem.problem_from_inputs(inputs)).solve(
            "highs")
        scenario.save_result(session=session, actor=group, scenario_id=s.id, number=1,
                             solution=sol.to_dict(), problem={}, solver="highs",
                             status="optimal", run_seconds=0.5)
        return s


# Norms of an older catalogue: what a stale result was solved with.
OLDER_NORMS = {"group_home": {"investment_per_place": 12_000.0},
               "day_care_adults": {"investment_per_place": 4_500.0}}


def stale_plan(engine: Engine, *, keep_problem: bool, name: str = "Kurzemes DI plāns 2026"
               ) -> Scenario:
    """A plan published from today whose stored result was solved under ``OLDER_NORMS``
    (a result of an older catalogue, or of inputs edited after the run); the problem it
    solved is stored with it when ``keep_problem`` (as every run does), else not."""
    with Session(engine, expire_on_commit=False) as session:
        s = scenario.create_scenario(session=session, actor=GROUP,
                                     scenario_in={"name": name, "region": "Kurzeme"})
        inputs = scenario.load_inputs(session=session, actor=GROUP, scenario_id=s.id)
        solved = problem.problem_from_inputs(replace(inputs, norm_overrides=OLDER_NORMS))
        sol = AllocationModel.from_problem_input(solved).solve("highs")
        scenario.save_result(session=session, actor=GROUP, scenario_id=s.id, number=1,
                             solution=sol.to_dict(),
                             problem=solved.to_dict() if keep_problem else {},
                             solver="highs", status="optimal", run_seconds=0.5)
        lifecycle.publish(session=session, actor=GROUP, scenario_id=s.id, start=TODAY,
                          end=TODAY + timedelta(days=30))
        return scenario.scenario_row(session, s.id)


def published_plan(engine: Engine, name: str = "Kurzemes DI plāns 2026") -> Scenario:
    """A solved plan published for consultation from today for 30 days."""
    s = solved_plan(engine, name)
    with Session(engine, expire_on_commit=False) as session:
        lifecycle.publish(session=session, actor=GROUP, scenario_id=s.id, start=TODAY,
                          end=TODAY + timedelta(days=30))
        return scenario.scenario_row(session, s.id)


def submitted_plan(engine: Engine, name: str = "Kurzemes DI plāns 2026") -> Scenario:
    s = published_plan(engine, name)
    with Session(engine, expire_on_commit=False) as session:
        lifecycle.submit(session=session, actor=GROUP, scenario_id=s.id,
                         close_consultation=True)
        return scenario.scenario_row(session, s.id)


def approved_plan(engine: Engine, name: str = "Kurzemes DI plāns 2026") -> Scenario:
    """A submitted plan the ministry approved."""
    s = submitted_plan(engine, name)
    with Session(engine, expire_on_commit=False) as session:
        lifecycle.approve(session=session, actor=MINISTRY, scenario_id=s.id)
        return scenario.scenario_row(session, s.id)
