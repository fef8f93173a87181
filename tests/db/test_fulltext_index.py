"""SQLite's full-text index (migration 0006): an FTS5 table over the action rows (fulltext.py).

Every write path — ORM create/update, bulk import and its updates, trash and restore, history
restore — must leave the index equal to the action rows, which FTS5's integrity-check (rank 1:
content too) verifies word by word. A desynchronised index must be reported by `check`.
"""

from __future__ import annotations

import sqlite3

from alembic import command

from centres_app.db.engine import _alembic_config, create_store_engine, database_url
from centres_app.db.fulltext import FTS_COLUMNS
from centres_app.db.store import Store
from centres_app.domain import ActionData, SearchRequest


def _ids(store: Store, text: str) -> list[int]:
    return sorted(store.search_ids(SearchRequest(text, prefix_last=False)))


def _fts_check(path) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute("INSERT INTO action_fts (action_fts, rank) VALUES ('integrity-check', 1)")
    finally:
        conn.close()


def test_every_write_path_keeps_the_index_equal_to_the_rows(sample_db, sample_actions):
    store = Store.open(sample_db)
    try:
        created = store.create(
            ActionData(
                title="Atelier zythologie",
                structure="CS Test",
                department="Ardèche",
                year=2024,
                summary="Brasserie amateur.",
                keywords=("Convivialité",),
            )
        )
        assert _ids(store, "zythologie") == [created.id]
        assert _ids(store, "brasserie") == [created.id]
        # A term is found through the terms column (terms_text).
        assert created.id in _ids(store, "convivialite")
        updated = store.update(
            created.id,
            created.version,
            created.data.replace(summary="Fabrication de kombucha.", keywords=("Santé",)),
        )
        assert _ids(store, "brasserie") == []
        assert _ids(store, "kombucha") == [created.id]
        assert created.id not in _ids(store, "convivialite")
        # An update through the import (bulk path) of one sample action.
        changed = sample_actions[2].replace(perspectives="Un quinoa solidaire.")
        report = store.import_actions([changed], "x")
        assert report.updated == 1
        (quinoa,) = _ids(store, "quinoa")
        store.delete(updated.id)
        assert _ids(store, "kombucha") == []
        restored = store.restore_deleted(updated.id)
        assert _ids(store, "kombucha") == [updated.id]
        oldest = store.history(updated.id)[-1]
        store.restore_revision(updated.id, oldest.version, restored.version)
        assert _ids(store, "brasserie") == [updated.id]
        assert _ids(store, "kombucha") == []
        assert store.check(full=True) == []
    finally:
        store.close()
    _fts_check(sample_db)
    assert quinoa


def test_index_stores_no_copy_of_the_texts(sample_db):
    conn = sqlite3.connect(sample_db)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        # External content: no action_fts_content table holding the texts a second time.
        assert "action_fts" in tables and "action_fts_content" not in tables
        # Columns read through the index come from the action rows.
        columns = ", ".join(FTS_COLUMNS)
        through_index = conn.execute(f"SELECT rowid, {columns} FROM action_fts").fetchall()
        rows = conn.execute(f"SELECT id, {columns} FROM action").fetchall()
        assert through_index == rows and len(rows) == 18
    finally:
        conn.close()


def test_check_reports_an_index_out_of_step(sample_db):
    conn = sqlite3.connect(sample_db)
    # Written behind the app's back: the index still holds the old words.
    conn.execute("UPDATE action SET summary = 'texte jamais indexé' WHERE id = 3")
    conn.commit()
    conn.close()
    store = Store.open(sample_db)
    try:
        problems = store.check(full=True)
    finally:
        store.close()
    assert len(problems) == 1 and "Index de recherche désynchronisé" in problems[0]


def test_a_store_from_revision_0005_is_migrated_with_its_index(sample_db):
    store = Store.open(sample_db)
    before = {q: _ids(store, q) for q in ("reveillon", "velo", "drome", "jouets", "parents")}
    store.close()
    assert all(before.values())
    engine = create_store_engine(database_url(sample_db))
    command.downgrade(_alembic_config(engine), "0005")
    engine.dispose()
    conn = sqlite3.connect(sample_db)
    try:
        # The old schema: its own copy of the texts, with a `body` column.
        assert conn.execute(
            "SELECT count(*) FROM action_fts WHERE action_fts MATCH 'reveillon'"
        ).fetchone() == (len(before["reveillon"]),)
        assert conn.execute("SELECT count(body) FROM action_fts").fetchone() == (18,)
        assert "terms_text" not in {r[1] for r in conn.execute("PRAGMA table_info(action)")}
    finally:
        conn.close()
    store = Store.open(sample_db)  # migrates to the head again
    try:
        assert {q: _ids(store, q) for q in before} == before
        assert store.check(full=True) == []
        by_id = {d.id: d.data for d in store.details(store.search_ids(SearchRequest()))}
    finally:
        store.close()
    conn = sqlite3.connect(sample_db)
    try:
        for action_id, text in conn.execute("SELECT id, terms_text FROM action"):
            data = by_id[action_id]
            names = [
                *data.keywords,
                *([data.dimension] if data.dimension else []),
            ]
            for name in names:
                assert name in text.split("\n")
    finally:
        conn.close()
