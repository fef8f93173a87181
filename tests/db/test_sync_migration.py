"""Migration 0009 (issue 19): identities, change numbers and tombstones on both backends."""

from __future__ import annotations

import sqlite3

import pytest
from alembic import command
from sqlalchemy import text

from centres_app.db.engine import (
    _alembic_config,
    create_store_engine,
    current_revision,
    head_revision,
    migrate,
)
from centres_app.db.store import Store


def _rows(store: Store, sql: str) -> list[tuple]:
    with store.reading() as s:
        return [tuple(r) for r in s.execute(text(sql))]


def test_an_0008_sqlite_store_gets_one_distinct_uuid_per_action(sample_db):
    engine = create_store_engine(f"sqlite:///{sample_db}")
    command.downgrade(_alembic_config(engine), "0008")
    assert current_revision(engine) == "0008"
    assert migrate(engine) is True
    engine.dispose()
    conn = sqlite3.connect(f"file:{sample_db}?mode=ro", uri=True)
    try:
        uuids = [r[0] for r in conn.execute("SELECT uuid FROM action")]
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    assert len(uuids) > 10 and len(set(uuids)) == len(uuids)
    assert all(len(u) == 36 and u[14] == "4" and u[19] in "89ab" for u in uuids)


def test_sqlite_writes_number_their_actions_and_deletions_leave_tombstones(sample_db):
    store = Store.open(sample_db)
    try:
        ids = [r[0] for r in _rows(store, "SELECT id FROM action ORDER BY id")]
        assert {r[0] for r in _rows(store, "SELECT change_seq FROM action")} == {1}
        detail = store.get(ids[0])
        store.update(detail.id, detail.version, detail.data.replace(summary="Changé."))
        (seq,) = _rows(store, f"SELECT change_seq FROM action WHERE id = {ids[0]}")[0]
        assert seq == 2  # the import was 1, this save 2
        assert _rows(store, f"SELECT change_seq FROM action WHERE id = {ids[1]}") == [(1,)]
        (uuid,) = _rows(store, f"SELECT uuid FROM action WHERE id = {ids[1]}")[0]
        store.delete(ids[1])
        assert _rows(store, "SELECT uuid, change_seq FROM action_tombstone") == [(uuid, 2)]
        restored = store.restore_deleted(ids[1])
        assert restored.id == ids[1]
    finally:
        store.close()


@pytest.fixture
def pg_store(pg_server):
    with pg_server.database("sample") as url:
        store = Store.open(url)
        yield store
        store.close()


def test_postgresql_triggers_number_every_change_in_commit_order(pg_store):
    store = pg_store
    ids = [r[0] for r in _rows(store, "SELECT id FROM action ORDER BY id")]
    seqs = dict(_rows(store, "SELECT id, change_seq FROM action"))
    assert len(set(seqs.values())) == len(ids)  # every row its own number
    top = max(seqs.values())
    detail = store.get(ids[0])
    store.update(detail.id, detail.version, detail.data.replace(summary="Changé."))
    assert (
        seqs[ids[0]] < top < _rows(store, f"SELECT change_seq FROM action WHERE id={ids[0]}")[0][0]
    )
    # A change of terms alone (hand-written SQL on the child table) moves its action too.
    before = _rows(store, f"SELECT change_seq FROM action WHERE id = {ids[1]}")[0][0]
    with store.writing(set()) as s:
        s.execute(text(f"DELETE FROM action_term WHERE action_id = {ids[1]}"))
    after = _rows(store, f"SELECT change_seq FROM action WHERE id = {ids[1]}")[0][0]
    assert after > before
    # A deletion leaves a tombstone numbered after it; a new row with its uuid removes it.
    (uuid,) = _rows(store, f"SELECT uuid FROM action WHERE id = {ids[2]}")[0]
    data = store.delete(ids[2])
    ((dead, seq),) = _rows(store, "SELECT uuid, change_seq FROM action_tombstone")
    assert dead == uuid and seq > after
    created = store.create(data)
    with store.writing(set()) as s:
        s.execute(text(f"UPDATE action SET uuid = '{uuid}' WHERE id = {created.id}"))
    # (the UPDATE is not an INSERT: the tombstone stays until an insert of that uuid)
    with store.writing(set()) as s:
        s.execute(text(f"DELETE FROM action WHERE id = {created.id}"))
        s.execute(
            text(
                "INSERT INTO action (uuid, title, title_key, department, year, structure, "
                "status, end_reason, summary, initiative_detail, experience, description, "
                "financial_resources, people_mobilised, result_territory, result_centre, "
                "result_inhabitants, limits, perspectives, version, created_at, updated_at) "
                f"VALUES ('{uuid}', 't', 't', 'd', 2020, 's', 'En cours', '', '', '', '', '', "
                "'', '', '', '', '', '', '', 1, now(), now())"
            )
        )
    assert _rows(store, "SELECT uuid FROM action_tombstone") == []


def test_postgresql_0009_goes_down_and_up_again(pg_server):
    with pg_server.database("sample") as url:
        engine = create_store_engine(url)
        try:
            command.downgrade(_alembic_config(engine), "0008")
            assert migrate(engine) is True
            assert current_revision(engine) == head_revision()  # 0009, then 0010 on top
            with engine.connect() as conn:
                n, distinct = conn.execute(
                    text("SELECT count(*), count(DISTINCT uuid) FROM action")
                ).one()
            assert n == distinct > 10
        finally:
            engine.dispose()
