"""``di-plan demo``: one account per role with printed passwords that sign in, and a Kurzeme
plan the public sees in consultation, with comments (one answered)."""

from __future__ import annotations

from click.testing import CliRunner
from sqlmodel import Session

from planning.cli.main import main
from planning.domain.roles import PUBLIC, Role
from planning.store import auth, consultation, published
from planning.store.db import get_engine
from planning.store.demo import PLAN_NAME


def accounts(output: str) -> dict[str, tuple[str, str]]:
    rows = [line.split() for line in output.splitlines() if line.startswith("  demo.")]
    return {name: (role, password) for name, role, password in rows}


def test_demo_seeds_every_role_and_a_plan_in_consultation(tmp_path, monkeypatch) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    first = CliRunner().invoke(main, ["--lang", "en", "demo"])
    assert first.exit_code == 0, first.output
    seeded = accounts(first.output)
    assert {role for role, _ in seeded.values()} == {
        r.value for r in Role if r != Role.PUBLIC}
    engine = get_engine(url)
    with Session(engine) as session:
        for name, (role, password) in seeded.items():
            actor = auth.authenticate(session=session, username=name, password=password)
            assert actor is not None and actor.role == role
        [plan] = [p for p in published.visible_plans(session=session, actor=PUBLIC)
                  if p.name == PLAN_NAME]
        comments = consultation.public_comments(session=session, actor=PUBLIC,
                                                scenario_id=plan.scenario_id)
    assert len(comments) == 2 and sum(1 for c in comments if c.answer) == 1

    again = CliRunner().invoke(main, ["--lang", "lv", "demo"])
    assert again.exit_code == 0 and again.output.startswith("jau bija:")
    with Session(engine) as session:
        for name, (_, password) in accounts(again.output).items():
            assert auth.authenticate(session=session, username=name, password=password)
    engine.dispose()
