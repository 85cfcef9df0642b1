"""The database: one engine per URL, migrations to head, embedded reference data.

>>> engine = get_engine("sqlite://")          # any SQLAlchemy URL; default: DATABASE_URL
>>> engine = init_db(engine)                   # migrate to head + seed once (idempotent)
>>> with session_scope(engine) as session:     # commits on success, rolls back on error
...     municipalities_frame(session=session, division="2025").shape[0]
42

SQLite gets foreign keys switched on and a busy timeout. Other databases (PostgreSQL) get
a connection pool per engine, i.e. per app process (:func:`pool_options`): ``DI_DB_POOL_SIZE``
connections kept open (default 5), up to ``DI_DB_MAX_OVERFLOW`` more under load (default
10), a wait of at most ``DI_DB_POOL_TIMEOUT`` seconds for a free one (default 30), every
connection checked before use and replaced after ``DI_DB_POOL_RECYCLE`` seconds (default
1800), so a database restart or a proxy (PgBouncer, a load balancer) closing idle
connections costs no failed page.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, event, func, insert, select, text
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, SQLModel, create_engine

from planning.domain import geo, reference
from planning.domain.config import get_settings
from planning.store.tables import ExistingService, Institution, Municipality, Need, Region

ALEMBIC_INI = Path(__file__).with_name("alembic.ini")
POOL_DEFAULTS = {"pool_size": ("DI_DB_POOL_SIZE", 5),
                 "max_overflow": ("DI_DB_MAX_OVERFLOW", 10),
                 "pool_timeout": ("DI_DB_POOL_TIMEOUT", 30),
                 "pool_recycle": ("DI_DB_POOL_RECYCLE", 1800)}
INIT_LOCK = 0x44495F504C414E  # "DI_PLAN": the advisory lock of migrating and seeding
MUNICIPALITY_COLUMNS = ["atvk_code", "name_lv", "name_en", "kind", "planning_region",
                        "admin_centre", "lat", "lon", "population"]


def get_engine(url: str | None = None) -> Engine:
    """The shared engine for ``url`` (default: the ``DATABASE_URL`` setting), one per URL."""
    return _engine_for(url or get_settings().database_url)


@cache
def _engine_for(url: str) -> Engine:
    return make_engine(url)


def make_engine(url: str) -> Engine:
    """A new engine (not shared; the caller disposes it): tests and one-off tools."""
    if url.startswith("sqlite"):
        extra: dict[str, Any] = {"connect_args": {"check_same_thread": False, "timeout": 30}}
        if url in ("sqlite://", "sqlite:///:memory:"):
            extra["poolclass"] = StaticPool
        engine = create_engine(url, **extra)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, **pool_options())


def pool_options(environ: dict[str, str] | None = None) -> dict[str, int]:
    """The pool settings of a server database's engine: each ``DI_DB_*`` variable of
    :data:`POOL_DEFAULTS` if it is a whole number (``0`` or more; a pool of at least 1),
    else its default.

    >>> pool_options({"DI_DB_POOL_SIZE": "20"})["pool_size"], pool_options({})["max_overflow"]
    (20, 10)
    """
    environ = os.environ if environ is None else environ
    out = {}
    for option, (name, default) in POOL_DEFAULTS.items():
        text = (environ.get(name) or "").strip()
        value = int(text) if text.isdigit() else default
        out[option] = max(value, 1) if option == "pool_size" else value
    return out


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def alembic_config(url: str | None = None) -> Config:
    """The Alembic configuration of ``planning/store/alembic.ini``, optionally for ``url``."""
    cfg = Config(str(ALEMBIC_INI))
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def migrate(engine: Engine) -> None:
    """Upgrade the schema of ``engine``'s database to the newest migration."""
    cfg = alembic_config()
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")


def init_db(engine: Engine | None = None, *, seed: bool = True) -> Engine:
    """Migrate to head and, on the first run, load the embedded reference data.

    Safe to call on every app start: both steps do nothing when already done. On
    PostgreSQL they run under an advisory lock, so replicas starting together on a new
    database (or after an upgrade) migrate and seed it once, one after the other.
    """
    engine = engine or get_engine()
    with _init_lock(engine):
        migrate(engine)
        if seed:
            with session_scope(engine) as session:
                seed_reference(session=session)
    return engine


@contextmanager
def _init_lock(engine: Engine) -> Iterator[None]:
    """Hold PostgreSQL's advisory lock :data:`INIT_LOCK` for the block (elsewhere: none)."""
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect() as connection:
        connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": INIT_LOCK})
        connection.commit()
        try:
            yield
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": INIT_LOCK})
            connection.commit()


@contextmanager
def session_scope(engine: Engine | None = None) -> Iterator[Session]:
    """A session that commits when the block succeeds and rolls back when it raises."""
    with Session(engine or get_engine(), expire_on_commit=False) as session, \
            transaction(session):
        yield session


@contextmanager
def transaction(session: Session) -> Iterator[Session]:
    """Commit everything written in the block at once, or nothing: on any error the
    session is rolled back and the error propagates."""
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise


# ---------------------------------------------------------------------- reference data
def seed_reference(*, session: Session) -> bool:
    """Load regions, municipalities, institutions, services and needs of both divisions.

    Returns False (and writes nothing) when the regions are already there. All rows go in
    the caller's transaction, so a failure leaves no partial seed.
    """
    if session.execute(select(func.count()).select_from(Region)).scalar_one():
        return False
    for model, rows in reference_rows():
        _bulk(session, model, rows)
    session.flush()
    return True


def reference_rows() -> list[tuple[type[SQLModel], list[dict[str, Any]]]]:
    """The embedded reference data as rows per table, in insertion order.

    Computed once per process (the embedded files do not change while it runs); callers
    must not modify the rows.
    """
    if not _REFERENCE_ROWS:
        _REFERENCE_ROWS.extend(_build_reference_rows())
    return _REFERENCE_ROWS


_REFERENCE_ROWS: list[tuple[type[SQLModel], list[dict[str, Any]]]] = []


def _build_reference_rows() -> list[tuple[type[SQLModel], list[dict[str, Any]]]]:
    out: list[tuple[type[SQLModel], list[dict[str, Any]]]] = [
        (Region, [{"name": r, "position": i} for i, r in enumerate(geo.REGIONS)])]
    for division in geo.DIVISIONS:
        out += [
            (Municipality, _municipality_rows(division)),
            (Institution, _frame_rows(reference.institutions(division), Institution, division)),
            (ExistingService, _frame_rows(reference.existing_services(division),
                                          ExistingService, division)),
            (Need, _frame_rows(reference.illustrative_needs(division), Need, division)),
        ]
    return out


def _bulk(session: Session, model: type[SQLModel], rows: list[dict[str, Any]]) -> None:
    if rows:
        session.execute(insert(model), rows)


def _municipality_rows(division: str) -> list[dict[str, Any]]:
    df = geo.municipalities(division)[MUNICIPALITY_COLUMNS].assign(division=division)
    return _frame_rows(df, Municipality, division)


def _frame_rows(df: pd.DataFrame, model: type[SQLModel], division: str) -> list[dict[str, Any]]:
    """Rows of ``df`` restricted to ``model``'s columns, NaN as None, numpy as Python."""
    columns = [c for c in model.__table__.columns.keys() if c in df.columns or c == "division"]
    df = df.assign(division=division)[columns]
    df = df.astype(object).where(df.notna(), None)
    return [{k: _plain(v) for k, v in row.items()} for row in df.to_dict("records")]


def _plain(value: Any) -> Any:
    return value.item() if hasattr(value, "item") else value


def reference_frame(*, session: Session, table: str, division: str) -> pd.DataFrame:
    """A reference table of one division as a DataFrame (``table``: municipality,
    institution, existingservice or need), without the ``division`` column."""
    models = {m.__tablename__: m for m in (Municipality, Institution, ExistingService, Need)}
    if table not in models:
        raise KeyError(f"unknown reference table {table!r}; use one of {', '.join(models)}")
    model = models[table]
    stmt = select(model.__table__).where(model.__table__.c.division == division)
    keys = [c.name for c in model.__table__.primary_key.columns]
    df = pd.DataFrame(session.execute(stmt.order_by(*keys)).mappings().all())
    return df.drop(columns=[c for c in ("division", "id") if c in df.columns])


def municipalities_frame(*, session: Session, division: str) -> pd.DataFrame:
    """The municipalities of ``division`` as stored, ordered by code."""
    return reference_frame(session=session, table="municipality", division=division)
