"""Backups through the online backup API, rotation, restore, integrity checks, CLI."""

from __future__ import annotations

import datetime as dt

from centres_app.cli import main
from centres_app.db.backup import (
    auto_backup,
    backup_dir,
    check_file,
    list_backups,
    make_backup,
    prune,
    restore,
)
from centres_app.db.store import Store
from centres_app.domain import ActionData, SearchRequest


def test_backup_of_a_live_store_is_complete(sample_store, sample_db, tmp_path):
    # A write is committed but still only in the WAL: the copy must contain it.
    sample_store.create(ActionData(title="Nouvelle", structure="CS", department="Ain", year=2024))
    info = make_backup(sample_db)
    assert info.actions == 19
    assert check_file(info.path) == []


def test_auto_backup_once_a_day(sample_db):
    now = dt.datetime(2026, 11, 25, 9, 0)
    assert auto_backup(sample_db, now) is not None
    assert auto_backup(sample_db, now + dt.timedelta(hours=5)) is None
    assert auto_backup(sample_db, now + dt.timedelta(days=1, minutes=1)) is not None
    assert len(list_backups(sample_db)) == 2


def test_rotation_keeps_7_daily_and_4_weekly(sample_db):
    start = dt.datetime(2026, 1, 1, 12, 0)
    for day in range(60):
        make_backup(sample_db, start + dt.timedelta(days=day))
    now = start + dt.timedelta(days=59)
    prune(sample_db, now)
    kept = list_backups(sample_db)
    assert len(kept) == 7 + 4
    assert kept[0].taken_at == now
    assert all(b.actions == 18 for b in kept)


def test_restore_backs_up_current_store_first(sample_store, sample_db):
    saved = make_backup(sample_db, dt.datetime(2026, 1, 1))
    sample_store.delete(sample_store.search_ids(SearchRequest())[0])
    assert sample_store.count() == 17
    sample_store.close()
    safety = restore(sample_db, saved.path)
    assert safety.actions == 17
    assert "avant-restauration" in safety.path.name
    reopened = Store.open(sample_db)
    assert reopened.count() == 18
    reopened.close()


def test_check_finds_damage_and_never_writes(sample_db, tmp_path):
    damaged = tmp_path / "damaged.db"
    raw = bytearray(sample_db.read_bytes())
    raw[len(raw) // 2 : len(raw) // 2 + 4096] = b"\xff" * 4096
    damaged.write_bytes(bytes(raw))
    before = damaged.read_bytes()
    assert check_file(damaged)
    assert damaged.read_bytes() == before
    not_db = tmp_path / "texte.db"
    not_db.write_text("bonjour")
    assert check_file(not_db) == ["Ce fichier n'est pas une base de données SQLite."]


def test_cli_backup_and_check(sample_db, tmp_path, capsys):
    out = tmp_path / "copie.db"
    assert main(["--db", str(sample_db), "backup", str(out)]) == 0
    assert "18 action(s)" in capsys.readouterr().out
    assert main(["--db", str(out), "check"]) == 0
    assert main(["--db", str(sample_db), "backup"]) == 0
    assert len(list(backup_dir(sample_db).glob("*.db"))) == 1
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"\x00" * 100)
    assert main(["--db", str(bad), "check"]) == 2
    assert "n'est pas une base" in capsys.readouterr().err


def test_store_level_backup_and_restore_reopens_on_the_restored_content(sample_store, tmp_path):
    info = sample_store.backup()
    assert info.actions == 18 and sample_store.backups()[0].path == info.path
    first = sample_store.search_ids(SearchRequest())[0]
    sample_store.delete(first)
    assert sample_store.count() == 17
    assert sample_store.check() == []
    safety = sample_store.restore_backup(info.path)
    assert safety.actions == 17
    assert sample_store.count() == 18  # the same Store object, reopened
    assert sample_store.search(SearchRequest("jouets")).total == 1
    copy = sample_store.backup(tmp_path / "copie.db")
    assert copy.actions == 18


def test_backups_in_the_same_second_never_replace_each_other(sample_db):
    now = dt.datetime(2026, 3, 1, 10, 0, 0)
    first = make_backup(sample_db, now, prune_after=False)
    second = make_backup(sample_db, now, prune_after=False)
    safety = make_backup(sample_db, now, tag="avant-restauration", prune_after=False)
    assert len({first.path, second.path, safety.path}) == 3
    listed = list_backups(sample_db)
    assert {b.path for b in listed} == {first.path, second.path, safety.path}
    assert [b.tag for b in listed if b.path == safety.path] == ["avant-restauration"]


def test_restoring_an_older_backup_of_the_day_keeps_it_until_copied(sample_store, sample_db):
    older = make_backup(sample_db, dt.datetime.now() - dt.timedelta(minutes=5), prune_after=False)
    make_backup(sample_db, prune_after=False)
    sample_store.delete(sample_store.search_ids(SearchRequest())[0])
    sample_store.restore_backup(older.path)
    assert sample_store.count() == 18


def test_safety_copies_survive_the_rotation(sample_db):
    start = dt.datetime(2026, 1, 1, 12, 0)
    safety = make_backup(sample_db, start, tag="avant-restauration")
    for day in range(1, 60):
        make_backup(sample_db, start + dt.timedelta(days=day))
    assert safety.path in {b.path for b in list_backups(sample_db)}


def test_backup_info_of_any_file(sample_store, sample_db, tmp_path):
    copy = sample_store.backup(tmp_path / "autre.db")
    assert sample_store.backup_info(copy.path).actions == 18
    junk = tmp_path / "junk.db"
    junk.write_text("pas une base")
    assert sample_store.backup_info(junk).actions is None
