"""Alembic migrations: applied on open, nothing done on an up-to-date base, newer bases refused."""

from __future__ import annotations

import ast
import sqlite3
from pathlib import Path

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


MIGRATIONS = Path(__file__).resolve().parents[2] / "centres_app" / "db" / "migrations" / "versions"


def _imported_modules(source: str) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name | ast.Attribute)
            and getattr(node.func, "id", getattr(node.func, "attr", "")) == "import_module"
        ):
            names.update(a.value for a in node.args if isinstance(a, ast.Constant))
    return names


def test_migrations_are_frozen_they_import_no_application_code():
    """A migration carries the SQL it needs: code of today run against yesterday's schema
    (a base upgraded later) would write what today's tables hold, not that revision's."""
    files = sorted(MIGRATIONS.glob("*.py"))
    assert len(files) >= 6
    for path in files:
        source = path.read_text(encoding="utf-8")
        live = {m for m in _imported_modules(source) if m.split(".")[0] == "centres_app"}
        assert not live, (path.name, live)
        # Nor a dynamic import (comments may still name where the frozen SQL came from).
        assert "__import__" not in source and "importlib" not in source, path.name


def test_the_frozen_scan_sees_an_import_of_live_code():
    source = "def f():\n    from centres_app.db.bulk import load_data\n"
    assert "centres_app.db.bulk" in _imported_modules(source)
    assert "centres_app.db" in _imported_modules("import centres_app.db\n")


def test_a_0003_sqlite_base_with_data_upgrades_to_the_same_search(tmp_path, sample_db):
    """An old base (0003: before the list index and the external-content FTS5 table) holding the
    sample: upgraded by the migrations' own SQL, it finds what a base made today finds."""
    from centres_app.domain import SearchRequest

    path = tmp_path / "old.db"
    engine = create_store_engine(database_url(path))
    migrate(engine, "0003")
    engine.dispose()
    source = sqlite3.connect(f"file:{sample_db}?mode=ro", uri=True)
    target = sqlite3.connect(path)
    for table in ("action", "term", "action_term"):
        columns = [row[1] for row in target.execute(f"PRAGMA table_info({table})")]
        listed = ", ".join(columns)
        rows = source.execute(f"SELECT {listed} FROM {table}").fetchall()
        assert rows, table
        marks = ", ".join("?" for _ in columns)
        target.executemany(f"INSERT INTO {table} ({listed}) VALUES ({marks})", rows)
    target.commit()
    target.close()
    source.close()
    upgraded, fresh = Store.open(path), Store.open(sample_db)
    try:
        assert upgraded.check(full=True) == []
        for query in ("reveillon", "vélo", "édu", '"transport partagé"', "jeunes -velo", "Drôme"):
            request = SearchRequest(query)
            assert upgraded.search_ids(request) == fresh.search_ids(request), query
            assert fresh.search_ids(request), query  # each query finds something in the sample
    finally:
        upgraded.close()
        fresh.close()


def _counts(path) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("action", "term", "action_term", "attachment", "action_revision")
        }
    finally:
        conn.close()


def test_0007_keeps_every_row_and_indexes_the_new_texts(sample_db, tmp_path):
    """Down to 0006 and up again on the sample: no ON DELETE CASCADE fired by the change of
    action.year (links, files, history all kept), the FTS5 table rebuilt with the new texts,
    a year that may be missing, the older pages importable, found by their new texts."""
    from alembic import command

    from centres_app.db.engine import _alembic_config
    from centres_app.domain import SearchRequest
    from centres_app.exchange.experience_reader import read_experiences_located

    store = Store.open(sample_db)
    velo = store.search(SearchRequest("velo", prefix_last=False)).total
    detail = store.get(store.search(SearchRequest("velo", prefix_last=False)).rows[0].id)
    store.update(detail.id, detail.version, detail.data.replace(summary="Une révision."))
    store.close()
    before = _counts(sample_db)
    assert before["action_term"] > 0 and before["action_revision"] == 1

    engine = create_store_engine(database_url(sample_db))
    command.downgrade(_alembic_config(engine), "0006")
    assert current_revision(engine) == "0006"
    assert _counts(sample_db) == before
    assert migrate(engine) is True
    engine.dispose()
    assert _counts(sample_db) == before

    conn = sqlite3.connect(f"file:{sample_db}?mode=ro", uri=True)
    try:
        columns = {row[1]: row for row in conn.execute("PRAGMA table_info(action)")}
        fts = [row[1] for row in conn.execute("PRAGMA table_info(action_fts)")]
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()
    assert columns["year"][3] == 0  # notnull
    assert {"form", "published_by", "file_references", "diagnostic"} <= set(columns)
    assert {"diagnostic", "impacts", "success_factors"} <= set(fts)

    pages = Path(__file__).resolve().parents[1] / "data" / "senacs-experiences.txt"
    store = Store.open(sample_db)
    try:
        records = [a for _, a in read_experiences_located(pages.read_text("utf-8"))]
        assert store.import_actions(records, "pages").created == 3
        assert store.search(SearchRequest("velo", prefix_last=False)).total == velo
        found = store.search(SearchRequest("genetiques", prefix_last=False)).rows
        assert [r.title for r in found] == ["le plus grand patchwork du monde"]
    finally:
        store.close()
