"""A demo anyone can try in a minute: one account per role and a Kurzeme plan published for
consultation, with comments from the public (one answered); and a second Kurzeme plan on
a smaller ERDF quota, also published, so a public reader can compare two plans.

``di-plan demo`` calls :func:`seed_demo` on the database of ``DATABASE_URL`` and prints the
accounts with their passwords. Running it again keeps the plan and gives the accounts new
passwords (so the printed ones always work). The data are the embedded, illustrative ones.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import Engine
from sqlmodel import Session, select

from optimizer.formulation import AllocationModel
from planning.domain.config import local_today
from planning.domain.optimizer_input import problem_from_inputs
from planning.domain.roles import SYSTEM, Actor, Role
from planning.store import auth, consultation, lifecycle, scenario
from planning.store.tables import Scenario, User

PLAN_NAME = "Kurzemes DI plāns (demo)"
SECOND_NAME = "Kurzemes DI plāns, mazāks budžets (demo)"
SECOND_QUOTA = 0.4  # the second plan's share of the ERDF quota (illustrative)
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
    today = today or local_today()
    with Session(engine, expire_on_commit=False) as session:
        accounts = [_account(session, *spec) for spec in ACCOUNTS]
        group = auth.actor_for_username(session=session, username=ACCOUNTS[0][0])
        existing = session.exec(select(Scenario).where(
            Scenario.name == PLAN_NAME, Scenario.deleted_at.is_(None))).first()
        if existing is not None:
            return DemoSeed(accounts, existing.id, created=False)
        plan = _published_plan(session, group, today, PLAN_NAME)
        _comments(session, group, plan.id, today)
        _published_plan(session, group, today, SECOND_NAME, quota=SECOND_QUOTA)
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


def _published_plan(session: Session, group: Actor, today: date, name: str, *,
                    quota: float = 1.0) -> Scenario:
    """A Kurzeme plan on the embedded data (``quota``: the share of the ERDF quota it may
    use), solved and published for consultation for 30 days from ``today``."""
    plan = scenario.create_scenario(session=session, actor=group,
                                    scenario_in={"name": name, "region": "Kurzeme"})
    inputs = scenario.load_inputs(session=session, actor=group, scenario_id=plan.id)
    number = 1
    if quota != 1.0:
        inputs = replace(inputs, budgets={r: replace(b, erdf_quota_eur=quota * b.erdf_quota_eur)
                                          for r, b in inputs.budgets.items()})
        number = scenario.save_inputs(session=session, actor=group, scenario_id=plan.id,
                                      inputs=inputs, expected_version=1).number
    problem = problem_from_inputs(inputs, name=name)
    solution = AllocationModel.from_problem_input(problem).solve("highs")
    scenario.save_result(session=session, actor=group, scenario_id=plan.id, number=number,
                         solution=solution.to_dict(), problem=problem.to_dict(),
                         solver="highs", status=solution.status, run_seconds=solution.seconds)
    lifecycle.publish(session=session, actor=group, scenario_id=plan.id, start=today,
                      end=today + timedelta(days=30))
    return scenario.scenario_row(session, plan.id)


def _comments(session: Session, group: Actor, scenario_id: int, today: date) -> None:
    """The public's comments on the plan, published, and the group's answer to the first."""
    comments = [consultation.submit_comment(session=session, scenario_id=scenario_id,
                                            comment_in=c, today=today) for c in COMMENTS]
    for comment in comments:
        consultation.moderate_comment(session=session, actor=group, comment_id=comment.id,
                                      publish=True)
    consultation.answer_comment(session=session, actor=group, comment_id=comments[0].id,
                                answer=ANSWER)
