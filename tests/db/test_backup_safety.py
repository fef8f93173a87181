"""Backups never make things worse, and nothing is written into a damaged store (issue 13)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from centres_app.cli import main
from centres_app.db.backup import (
    DamagedStoreError,
    backup_dir,
    backup_to,
    check_file,
    list_backups,
    make_backup,
    prune,
)
from centres_app.db.store import Store

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "senacs-drome.txt"


def damage(db: Path, where: float = 0.5) -> None:
    """Overwrites one page in the middle of a closed store file (its header stays valid)."""
    data = bytearray(db.read_bytes())
    offset = int(len(data) * where) // 4096 * 4096
    data[offset : offset + 4096] = b"\xab" * 4096
    db.write_bytes(bytes(data))


def test_rotation_refuses_a_damaged_store_and_keeps_the_good_backup(sample_db, capsys):
    good = make_backup(sample_db, dt.datetime.now() - dt.timedelta(hours=2))
    damage(sample_db)
    before = sample_db.read_bytes()
    assert main(["--db", str(sample_db), "backup"]) == 2
    err = capsys.readouterr().err
    assert "endommagée" in err and "centres-app check" in err
    assert "aucune sauvegarde n'a été écrite" in err
    # The day's good backup is still there, and nothing else was left behind.
    assert sorted(p.name for p in backup_dir(sample_db).iterdir()) == [good.path.name]
    assert check_file(good.path) == []
    assert sample_db.read_bytes() == before


def test_backup_to_a_file_refuses_a_damaged_store(sample_db, tmp_path, capsys):
    damage(sample_db)
    out = tmp_path / "copie.db"
    assert main(["--db", str(sample_db), "backup", str(out)]) == 2
    assert "endommagée" in capsys.readouterr().err
    assert not out.exists()
    assert list(tmp_path.glob("*.part")) == []
    with pytest.raises(DamagedStoreError):
        backup_to(sample_db, out)


def test_import_into_a_damaged_store_is_refused(sample_db, capsys):
    damage(sample_db)
    before = sample_db.read_bytes()
    assert main(["--db", str(sample_db), "import", str(SAMPLE)]) == 2
    err = capsys.readouterr().err
    assert "endommagée" in err and "rien n'a été écrit" in err
    assert sample_db.read_bytes() == before


def test_saves_are_refused_once_the_check_fails(sample_db):
    store = Store.open(sample_db)
    try:
        detail = store.get(1)
    finally:
        store.close()
    damage(sample_db)
    store = Store.open(sample_db)
    try:
        assert store.check() != []
        assert store.damage
        with pytest.raises(DamagedStoreError) as info:
            store.update(detail.id, detail.version, detail.data.replace(summary="x"))
        assert "rien n'a été enregistré" in str(info.value)
    finally:
        store.close()


def test_a_sound_check_lets_writes_go_on(sample_store):
    assert sample_store.check() == []
    assert sample_store.damage is None
    detail = sample_store.get(1)
    sample_store.update(detail.id, detail.version, detail.data.replace(summary="écrit"))
    assert sample_store.get(1).data.summary == "écrit"


def test_rotation_never_deletes_the_newest_verified_backup(sample_db):
    """A damaged file in the rotation folder (the newest of its day) never pushes the good
    backup of that day out."""
    now = dt.datetime(2026, 5, 10, 18, 0)
    good = make_backup(sample_db, now - dt.timedelta(hours=3), prune_after=False)
    bad = backup_dir(sample_db) / f"{sample_db.stem}-{now:%Y%m%d-%H%M%S}.db"
    shutil.copyfile(good.path, bad)
    damage(bad)
    assert check_file(bad, full=False)
    prune(sample_db, now)
    assert good.path.exists()
    # And with a good newer one, the rotation goes back to its dates (one a day).
    newer = make_backup(sample_db, now + dt.timedelta(minutes=5))
    kept = {b.path for b in list_backups(sample_db)}
    assert newer.path in kept and good.path not in kept


def test_a_copy_that_fails_its_verification_never_lands(sample_db, tmp_path, monkeypatch):
    from centres_app.db import backup

    monkeypatch.setattr(backup, "count_actions", lambda path: 3)  # as if rows were lost
    out = tmp_path / "copie.db"
    with pytest.raises(backup.StoreError) as info:
        backup_to(sample_db, out)
    assert "3 action(s) dans la copie au lieu de 18" in str(info.value)
    assert not out.exists() and list(tmp_path.glob("*.part")) == []
