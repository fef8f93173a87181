"""Store services on real stores (SQLite file, PostgreSQL): import, save, locking, transactions."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from centres_app.db.store import Store
from centres_app.domain import ActionData, Attachment, SearchRequest
from centres_app.errors import Conflict, NotFound, StoreError, ValidationFailed


def _action(**kw) -> ActionData:
    base = dict(title="Jardin partagé", structure="CS Test", department="Ardèche", year=2021)
    base.update(kw)
    return ActionData(**base)


def test_sample_import_creates_18_then_nothing(store, sample_actions):
    first = store.import_actions(sample_actions, "sample")
    assert (first.created, first.updated, first.unchanged) == (18, 0, 0)
    second = store.import_actions(sample_actions, "sample")
    assert (second.created, second.updated, second.unchanged) == (0, 0, 18)
    assert store.count() == 18


def test_changed_field_is_one_update(sample_store, sample_actions):
    changed = list(sample_actions)
    changed[3] = changed[3].replace(summary="Résumé réécrit.", keywords=("Culture",))
    report = sample_store.import_actions(changed, "sample")
    assert (report.created, report.updated, report.unchanged) == (0, 1, 17)
    ids = sample_store.search_ids(SearchRequest("réécrit", prefix_last=False))
    assert len(ids) == 1
    detail = sample_store.get(ids[0])
    assert detail.data.keywords == ("Culture",)
    assert detail.version == 2


def test_stored_actions_equal_the_read_ones(sample_store, sample_actions):
    details = sample_store.details(sample_store.search_ids(SearchRequest()))
    by_identity = {d.data.identity: d.data for d in details}
    for action in sample_actions:
        assert by_identity[action.identity] == action


def _dump(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_import_is_one_transaction(sample_store, sample_actions, sample_db):
    before = _dump(sample_db)
    changed = sample_actions[0].replace(summary="modifié")
    bad = [changed, *sample_actions[1:5], _action(title="Nouvelle"), _action(year=1789)]
    with pytest.raises(ValidationFailed) as info:
        sample_store.import_actions(bad, "bad.txt")
    assert "n° 7" in str(info.value)
    assert sample_store.count() == 18
    assert _dump(sample_db) == before


def test_create_get_update_delete(store):
    created = store.create(_action(keywords=("Solidarité", "Culture"), dimension="Services"))
    assert created.version == 1
    got = store.get(created.id)
    assert got.data.keywords == ("Solidarité", "Culture")
    updated = store.update(created.id, 1, got.data.replace(keywords=("Culture",)))
    assert updated.version == 2  # a change of terms only still bumps the version
    removed = store.delete(created.id)
    assert removed.title == "Jardin partagé"
    with pytest.raises(NotFound):
        store.get(created.id)
    assert store.search(SearchRequest("jardin")).total == 0


def test_stale_save_is_refused(store, empty_target):
    created = store.create(_action())
    other = Store.open(empty_target)  # another window / process on the same store
    try:
        other.update(created.id, 1, created.data.replace(summary="Version de l'autre"))
    finally:
        other.close()
    with pytest.raises(Conflict) as info:
        store.update(created.id, 1, created.data.replace(summary="Ma version"))
    assert "modifiée ailleurs" in str(info.value)
    assert store.get(created.id).data.summary == "Version de l'autre"


def test_validation_blocks_saving(store):
    with pytest.raises(ValidationFailed) as info:
        store.create(_action(title=" ", year=1900))
    assert ("title", "required") in info.value.errors
    assert ("year", "year_range") in info.value.errors
    assert store.count() == 0


def test_attachments_are_stored_with_the_action(store):
    att = Attachment(name="bilan.pdf", data=b"%PDF-1.4 test", mime="application/pdf")
    created = store.create(_action(attachments=(att,)))
    got = store.get(created.id).data.attachments[0]
    assert (got.name, got.data, got.sha256) == ("bilan.pdf", b"%PDF-1.4 test", att.sha256)
    # A format without attachments (SENACS) leaves them in place on import.
    store.import_actions([_action(summary="nouveau")], "x.txt", with_attachments=False)
    assert store.get(created.id).data.attachments == (att,)


def test_new_terms_are_accepted(store):
    created = store.create(
        _action(keywords=("Numérique",), partners=("Pôle emploi",), dimension="Nouvelle dim")
    )
    assert "Numérique" in store.vocabulary("keywords")
    assert store.get(created.id).data.dimension == "Nouvelle dim"


@pytest.mark.sqlite_only
def test_pragmas_are_set_on_every_connection(store):
    with store.reading() as s:
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert s.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert s.execute(text("PRAGMA busy_timeout")).scalar() >= 3000


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"Ceci n'est pas une base" * 100)
    before = path.read_bytes()
    with pytest.raises(StoreError) as info:
        Store.open(path)
    assert "pas une base" in str(info.value)
    assert path.read_bytes() == before


def test_a_foreign_sqlite_database_is_refused_untouched(tmp_path):
    path = tmp_path / "autre.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE clients (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError):
        Store.open(path)
    assert path.read_bytes() == before


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError) as info:
        Store.open(tmp_path / "nope" / "x.db")
    assert "dossier" in str(info.value)
