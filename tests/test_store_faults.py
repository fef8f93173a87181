"""Store faults said in French and told apart (issue 14, deliverable 6).

A full disk, a read-only folder, a lost migration table and an empty file each get their own
message naming the cause and what to do; `check` does not call a store it cannot read now
damaged; a sound store in a read-only folder can still be listed, shown, exported and checked.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from centres_app.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "senacs-drome.txt"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _tables(db: Path) -> set[str]:
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()


# --- messages ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("driver_text", "expected"),
    [
        ("database or disk is full", "Disque plein"),
        ("disk I/O error", "entrée-sortie"),
        ("attempt to write a readonly database", "lecture seule"),
        ("unable to open database file", "droits"),
    ],
)
def test_sqlite_faults_in_french(driver_text, expected):
    from centres_app.db.engine import describe_db_error

    text = describe_db_error(sqlite3.OperationalError(driver_text))
    assert expected in text
    assert driver_text not in text


# --- migration table lost ----------------------------------------------------------------------


def test_store_without_migration_table_is_refused_untouched(capsys, sample_db):
    conn = sqlite3.connect(sample_db)
    conn.execute("DROP TABLE alembic_version")
    conn.commit()
    conn.close()
    before = _tables(sample_db)
    code, out, err = run(capsys, "--db", str(sample_db), "list")
    assert code == 2
    assert "alembic_version" in err and "already exists" not in err
    assert "sauvegarde" in err
    assert _tables(sample_db) == before


# --- empty file --------------------------------------------------------------------------------


def test_check_says_empty_file(capsys, tmp_path):
    from centres_app.db.backup import check_file

    empty = tmp_path / "vide.db"
    empty.touch()
    assert "vide" in check_file(empty)[0]
    code, _, err = run(capsys, "--db", str(empty), "check")
    assert code == 2 and "vide" in err


# --- full disk (a file size limit stands for it) ------------------------------------------------

_LIMITED = textwrap.dedent(
    """
    import resource, signal, sys
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    limit = int(sys.argv[1])
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    from centres_app.cli import main
    sys.exit(main(sys.argv[2:]))
    """
)


@pytest.mark.timeout(120)
def test_full_disk_on_import_is_said_and_check_still_finds_the_store_sound(capsys, empty_db):
    limit = empty_db.stat().st_size + 8192
    done = subprocess.run(
        [sys.executable, "-c", _LIMITED, str(limit), "--db", str(empty_db), "import", str(SAMPLE)],
        capture_output=True,
        text=True,
        timeout=100,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "disk I/O error" not in done.stderr and "disk is full" not in done.stderr
    assert "disque" in done.stderr.lower() or "Disque" in done.stderr
    code, out, err = run(capsys, "--db", str(empty_db), "check")
    assert code == 0, err
    assert "base saine, 0 action(s)" in out


# --- read-only folder ----------------------------------------------------------------------------

# As root, chmod does not stop writes: the command runs as `nobody` after a warm-up on a copy
# (which loads every module while the interpreter's files are still readable).
_AS_USER = textwrap.dedent(
    """
    import contextlib, io, os, shutil, sys, tempfile
    from centres_app.cli import main
    if os.geteuid() == 0:
        warm = tempfile.mkdtemp()
        shutil.copy(sys.argv[2], warm + "/w.db")
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            for argv in (["list"], ["show", "1"], ["check"], ["export", warm + "/w.json"],
                         ["backup", warm + "/b.db"], ["import", sys.argv[-1]]):
                main(["--db", warm + "/w.db", *argv])
        os.setgid(65534)
        os.setuid(65534)
    sys.exit(main(sys.argv[1:-1]))
    """
)


@pytest.fixture
def read_only_store(sample_db):
    folder = Path(tempfile.mkdtemp(prefix="centres-ro-"))
    out = Path(tempfile.mkdtemp(prefix="centres-out-"))
    try:
        os.chmod(folder.parent, os.stat(folder.parent).st_mode)  # /tmp: already traversable
        db = folder / "centres.db"
        conn = sqlite3.connect(sample_db)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        shutil.copy(sample_db, db)
        os.chmod(db, 0o444)
        os.chmod(folder, 0o555)
        os.chmod(out, 0o777)
        if os.geteuid() != 0 and os.access(folder, os.W_OK):
            pytest.skip("chmod does not make this folder read-only here")
        yield db, out
    finally:
        os.chmod(folder, 0o755)
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)


def _as_user(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _AS_USER, *argv, str(SAMPLE)],
        capture_output=True,
        text=True,
        timeout=100,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


@pytest.mark.timeout(120)
def test_read_only_folder_reads_and_exports(read_only_store):
    db, out = read_only_store
    done = _as_user("--db", str(db), "list")
    assert done.returncode == 0, done.stderr
    assert "18 actions" in done.stderr or "actions." in done.stderr
    done = _as_user("--db", str(db), "show", "1")
    assert done.returncode == 0, done.stderr
    done = _as_user("--db", str(db), "export", str(out / "copie.json"))
    assert done.returncode == 0, done.stderr
    assert (out / "copie.json").stat().st_size > 100
    done = _as_user("--db", str(db), "backup", str(out / "copie.db"))
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in db.parent.iterdir()) == ["centres.db"]


@pytest.mark.timeout(120)
def test_read_only_folder_check_is_not_damage_and_writes_are_refused_clearly(read_only_store):
    db, _ = read_only_store
    done = _as_user("--db", str(db), "check")
    assert done.returncode == 0, done.stderr
    assert "base saine" in done.stdout and "illisible" not in done.stderr
    done = _as_user("--db", str(db), "import", str(SAMPLE))
    assert done.returncode == 2
    assert "lecture seule" in done.stderr and "readonly" not in done.stderr
    assert "Traceback" not in done.stderr


def test_check_tells_unreadable_now_from_damaged(tmp_path, sample_db, monkeypatch):
    """A lock or a permission problem is no verdict on the file (no « Base illisible »)."""
    from centres_app.db import backup
    from centres_app.db.backup import UnreadableNow, check_file

    def locked(_path):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(backup, "_connect_store_ro", locked)
    with pytest.raises(UnreadableNow, match="pas le signe d'une base endommagée"):
        check_file(sample_db)
