"""Migrations: upgrade head on an empty database creates exactly the models' schema."""

from __future__ import annotations

import subprocess
import sys

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

import planning.store.tables  # noqa: F401
from planning.domain.config import PROJECT_ROOT
from planning.store.db import make_engine, migrate


def test_upgrade_head_matches_the_models(db_url):
    engine = make_engine(db_url)
    migrate(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []
        tables = set(inspect(connection).get_table_names())
    assert set(SQLModel.metadata.tables) <= tables
    assert "alembic_version" in tables
    engine.dispose()


def test_alembic_command_line_upgrades_database_url(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    done = subprocess.run(
        [sys.executable, "-m", "alembic", "-c", "planning/store/alembic.ini", "upgrade", "head"],
        cwd=PROJECT_ROOT, env={"DATABASE_URL": url, "PATH": ""}, capture_output=True,
        text=True, check=False,
    )
    assert done.returncode == 0, done.stderr
    engine = make_engine(url)
    assert "scenarioversion" in inspect(engine).get_table_names()
    engine.dispose()
