"""Shared fixtures: a database URL and engine on SQLite and, in CI, PostgreSQL.

``db_url`` is parametrised: every test that uses it (or ``engine``/``session``) runs once
on a fresh SQLite file and once on PostgreSQL in a fresh schema of the database named by
``DI_TEST_POSTGRES_URL`` (``.ci/test`` starts a throw-away cluster and sets it). Without
that variable the PostgreSQL runs are skipped with the reason shown by ``pytest -ra``.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from hypothesis import settings
from sqlalchemy import Engine, create_engine, make_url, text
from sqlmodel import Session

from planning.store.db import init_db, make_engine

# In CI, property tests draw the same examples every run (a failure is reproducible and
# never a coin toss); elsewhere they explore new examples each run.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

PG_URL = os.environ.get("DI_TEST_POSTGRES_URL")
BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgres", id="postgres", marks=[
        pytest.mark.postgres,
        pytest.mark.skipif(not PG_URL, reason="DI_TEST_POSTGRES_URL is not set (.ci/test "
                                              "starts a PostgreSQL cluster and sets it)"),
    ]),
]


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """An empty database: a SQLite file, or a PostgreSQL schema dropped afterwards."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    schema = f"test_{uuid.uuid4().hex[:16]}"
    admin = create_engine(PG_URL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """A migrated database with the embedded reference data."""
    engine = init_db(make_engine(db_url))
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as session:
        yield session
