"""Alembic migrations: applied on open, nothing done on an up-to-date base, newer bases refused."""

from __future__ import annotations

import sqlite3

import pytest

from centres_app.db.engine import (
    create_store_engine,
    current_revision,
    database_url,
    head_revision,
    migrate,
)
from centres_app.db.store import Store
from centres_app.errors import StoreError


def test_new_database_is_migrated_to_head(tmp_path):
    path = tmp_path / "new.db"
    Store.open(path).close()
    engine = create_store_engine(database_url(path))
    assert current_revision(engine) == head_revision()
    assert migrate(engine) is False  # up to date: nothing applied
    engine.dispose()


def test_database_at_initial_revision_opens_with_current_code(tmp_path, sample_actions):
    path = tmp_path / "old.db"
    engine = create_store_engine(database_url(path))
    migrate(engine, "0001")
    engine.dispose()
    store = Store.open(path)
    store.import_actions(sample_actions[:3], "x")
    assert store.count() == 3
    store.close()


def test_opening_an_up_to_date_database_writes_nothing(sample_db):
    before = sample_db.read_bytes()
    Store.open(sample_db).close()
    assert sample_db.read_bytes() == before


def test_database_from_a_newer_version_is_refused(sample_db):
    conn = sqlite3.connect(sample_db)
    conn.execute("UPDATE alembic_version SET version_num = 'ffff_future'")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError) as info:
        Store.open(sample_db)
    assert "plus récente" in str(info.value)
