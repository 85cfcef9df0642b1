"""Store: engine, init_db (migrate + seed, idempotent), reference data round trips."""

from __future__ import annotations

import time

import pandas as pd
import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from planning.domain import geo, reference
from planning.store import db as store
from planning.store.db import (
    get_engine,
    init_db,
    make_engine,
    municipalities_frame,
    reference_frame,
    seed_reference,
    session_scope,
)
from planning.store.tables import ExistingService, Institution, Municipality, Need, Region


def _count(session: Session, model) -> int:
    return session.execute(select(func.count()).select_from(model)).scalar_one()


def test_get_engine_is_shared_per_url(tmp_path):
    url = f"sqlite:///{tmp_path / 'a.db'}"
    assert get_engine(url) is get_engine(url)
    assert get_engine(url) is not get_engine(f"sqlite:///{tmp_path / 'b.db'}")


def test_get_engine_defaults_to_database_url(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'env.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    assert str(get_engine().url) == url


def test_init_db_creates_and_seeds_a_new_sqlite_file_quickly(tmp_path):
    path = tmp_path / "fresh.db"
    engine = make_engine(f"sqlite:///{path}")
    started = time.perf_counter()
    init_db(engine)
    assert time.perf_counter() - started < 3
    assert path.exists()
    with Session(engine) as session:
        assert _count(session, Region) == 5
    engine.dispose()


def test_init_db_is_idempotent(engine, session):
    before = {m: _count(session, m) for m in (Region, Municipality, Institution, Need)}
    init_db(engine)
    assert {m: _count(session, m) for m in before} == before
    assert seed_reference(session=session) is False


@pytest.mark.parametrize("division, expected", [("2025", 42), ("2021", 43)])
def test_municipalities_round_trip(session, division, expected):
    stored = municipalities_frame(session=session, division=division)
    source = geo.municipalities(division).sort_values("atvk_code").reset_index(drop=True)
    assert len(stored) == expected
    assert stored["atvk_code"].tolist() == source["atvk_code"].tolist()
    assert stored["population"].tolist() == source["population"].astype(int).tolist()
    assert set(stored["planning_region"]) == set(geo.REGIONS)


@pytest.mark.parametrize("division", ["2025", "2021"])
def test_needs_round_trip_keeps_every_count(session, division):
    stored = reference_frame(session=session, table="need", division=division)
    source = reference.illustrative_needs(division)
    key = reference.NEED_COLUMNS[:-1]
    merged = source.merge(stored, on=key, suffixes=("", "_db"), validate="one_to_one")
    assert len(merged) == len(source) == len(stored)
    assert (merged["count"] == merged["count_db"]).all()


def test_institutions_and_services_round_trip(session):
    inst = reference_frame(session=session, table="institution", division="2025")
    source = reference.institutions("2025")
    assert sorted(inst["institution_id"]) == sorted(source["institution_id"])
    row = inst.set_index("institution_id").loc[source["institution_id"].iloc[0]]
    assert row["clients_adults_grt"] == source["clients_adults_grt"].iloc[0]
    assert pd.isna(row["planned_closure_year"]) == pd.isna(source["planned_closure_year"].iloc[0])
    services = reference_frame(session=session, table="existingservice", division="2021")
    assert len(services) == len(reference.existing_services("2021"))
    assert _count(session, ExistingService) == 2 * len(services)


def test_reference_frame_refuses_unknown_table(session):
    with pytest.raises(KeyError, match="unknown reference table 'scenario'"):
        reference_frame(session=session, table="scenario", division="2025")


def test_session_scope_rolls_back_on_error(engine):
    with pytest.raises(RuntimeError), session_scope(engine) as session:
        session.add(Region(name="Atlantis", position=9))
        session.flush()
        raise RuntimeError("boom")
    with Session(engine) as session:
        assert session.get(Region, "Atlantis") is None


def test_failed_seed_leaves_nothing_behind(db_url, monkeypatch):
    engine = make_engine(db_url)
    init_db(engine, seed=False)
    broken = [(Region, [{"name": "Kurzeme", "position": 0}]),
              (Need, [{"division": "2025", "atvk_code": "0005000"}])]  # NOT NULL columns unset
    monkeypatch.setattr(store, "reference_rows", lambda: broken)
    with pytest.raises(IntegrityError):
        init_db(engine)
    with Session(engine) as session:
        assert _count(session, Region) == 0
        assert _count(session, Need) == 0
    engine.dispose()
