"""A demo anyone can try in a minute: one account per role and a Kurzeme plan published for
consultation, with comments from the public (one answered).

``di-plan demo`` calls :func:`seed_demo` on the database of ``DATABASE_URL`` and prints the
accounts with their passwords. Running it again keeps the plan and gives the accounts new
passwords (so the printed ones always work). The data are the embedded, illustrative ones.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Engine
from sqlmodel import Session, select

from optimizer.formulation import AllocationModel
from planning.domain.optimizer_input import problem_from_inputs
from planning.domain.roles import SYSTEM, Actor, Role
from planning.store import auth, consultation, lifecycle, scenario
from planning.store.tables import Scenario, User

PLAN_NAME = "Kurzemes DI plāns (demo)"
ACCOUNTS = (
    ("demo.kurzeme", Role.MANAGEMENT_GROUP, {"region": "Kurzeme"}, "Kurzemes DI vadības grupa"),
    ("demo.ministrija", Role.MINISTRY, {}, "Labklājības ministrija"),
    ("demo.liepaja", Role.MUNICIPALITY, {"municipality_code": "0005000"},
     "Liepājas valstspilsētas pašvaldība"),
    ("demo.admin", Role.ADMIN, {}, "Administrators"),
)
COMMENTS = (
    {"name": "Anna Bērziņa", "organisation": "Rūpju bērns", "email": "anna@example.lv",
     "text": "Lūdzu plānot mazākas grupu mājas: 8 vietas ir labāk nekā 16."},
    {"name": "Jānis Ozols", "organisation": "", "email": "janis@example.lv",
     "text": "Vai Kuldīgā būs dienas aprūpes centrs pieaugušajiem ar GRT?"},
)
ANSWER = "Paldies! Grupu mājas lielums tiks pārskatīts nākamajā versijā."


@dataclass(frozen=True)
class DemoSeed:
    """What :func:`seed_demo` made: (username, role, password) and the plan's id."""

    accounts: list[tuple[str, str, str]]
    scenario_id: int
    created: bool


def seed_demo(engine: Engine, *, today: date | None = None) -> DemoSeed:
    """Accounts for every role (new passwords each time) and the published demo plan."""
    today = today or date.today()
    with Session(engine, expire_on_commit=False) as session:
        accounts = [_account(session, *spec) for spec in ACCOUNTS]
        group = auth.actor_for_username(session=session, username=ACCOUNTS[0][0])
        existing = session.exec(select(Scenario).where(
            Scenario.name == PLAN_NAME, Scenario.deleted_at.is_(None))).first()
        if existing is not None:
            return DemoSeed(accounts, existing.id, created=False)
        plan = _published_plan(session, group, today)
    return DemoSeed(accounts, plan.id, created=True)


def _account(session: Session, username: str, role: Role, where: dict[str, str],
             name: str) -> tuple[str, str, str]:
    password = "-".join(secrets.token_urlsafe(6) for _ in range(3))
    if session.exec(select(User).where(User.username == username)).first() is None:
        auth.create_user(session=session, actor=SYSTEM, user_in={
            "username": username, "role": role.value, "display_name": name,
            "password": password, **where})
    else:
        auth.set_password(session=session, actor=SYSTEM, username=username, password=password)
    return username, role.value, password


def _published_plan(session: Session, group: Actor, today: date) -> Scenario:
    plan = scenario.create_scenario(session=session, actor=group,
                                    scenario_in={"name": PLAN_NAME, "region": "Kurzeme"})
    inputs = scenario.load_inputs(session=session, actor=group, scenario_id=plan.id)
    problem = problem_from_inputs(inputs, name=PLAN_NAME)
    solution = AllocationModel.from_problem_input(problem).solve("highs")
    scenario.save_result(session=session, actor=group, scenario_id=plan.id, number=1,
                         solution=solution.to_dict(), problem=problem.to_dict(),
                         solver="highs", status=solution.status, run_seconds=solution.seconds)
    lifecycle.publish(session=session, actor=group, scenario_id=plan.id, start=today,
                      end=today + timedelta(days=30))
    comments = [consultation.submit_comment(session=session, scenario_id=plan.id,
                                            comment_in=c, today=today) for c in COMMENTS]
    for comment in comments:
        consultation.moderate_comment(session=session, actor=group, comment_id=comment.id,
                                      publish=True)
    consultation.answer_comment(session=session, actor=group, comment_id=comments[0].id,
                                answer=ANSWER)
    return scenario.scenario_row(session, plan.id)
