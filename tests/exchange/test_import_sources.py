"""Import sources (issue 14, deliverable 3): regular files, standard input (`import -`) and
shell pipes (`import <(cat file)`) read once; a named FIFO, a device, a directory or a missing
file refused at once with a clear French message, exit 2, nothing written, never a hang."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from centres_app.cli import main

pytestmark = pytest.mark.timeout(60)


def _dump(path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def _refused(capsys, db: Path, *argv: str) -> str:
    before = _dump(db)
    code = main(["--db", str(db), "import", *argv])
    out, err = capsys.readouterr()
    assert code == 2, (out, err)
    assert "Traceback" not in err
    assert not re.search(r":0: ", err), err
    assert _dump(db) == before
    return err


def _json_file(tmp_path: Path, actions: list) -> Path:
    doc = {"format": "centres_app/actions", "version": 1, "actions": actions}
    path = tmp_path / "f.json"
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def _action(**fields) -> dict:
    base = {"title": "Jardin partagé", "structure": "CS Nord", "department": "Drôme", "year": 2020}
    base.update(fields)
    return base


def _cli(*argv: str, **kwargs) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "centres_app", *argv],
        capture_output=True,
        timeout=50,
        env=env,
        **kwargs,
    )


def test_missing_file_message_has_no_line_zero(tmp_path, sample_db, capsys):
    missing = tmp_path / "absent.json"
    err = _refused(capsys, sample_db, str(missing))
    assert f"{missing}: fichier ou dossier introuvable ; vérifiez le chemin" in err


def test_dev_zero_refused_at_once(sample_db, capsys):
    err = _refused(capsys, sample_db, "/dev/zero")
    assert "/dev/zero: " in err and "périphérique" in err


def test_directory_refused(tmp_path, sample_db, capsys):
    err = _refused(capsys, sample_db, str(tmp_path))
    assert f"{tmp_path}: " in err and "dossier" in err


def test_named_fifo_refused_without_hanging(tmp_path, sample_db, capsys):
    fifo = tmp_path / "tube"
    os.mkfifo(fifo)
    err = _refused(capsys, sample_db, str(fifo))
    assert "tube nommé" in err and "« - »" in err


def test_one_bad_source_among_several_writes_nothing(tmp_path, sample_db, capsys):
    good = _json_file(tmp_path, [_action()])
    err = _refused(capsys, sample_db, str(good), "/dev/zero")
    assert "/dev/zero" in err


def test_import_senacs_from_stdin(empty_db, sample_path):
    done = _cli("--db", str(empty_db), "import", "-", input=sample_path.read_bytes())
    assert done.returncode == 0, done.stderr.decode()
    assert "(entrée standard) : 18 créée(s)" in done.stdout.decode()


def test_import_json_from_stdin(tmp_path, empty_db):
    path = _json_file(tmp_path, [_action()])
    done = _cli("--db", str(empty_db), "import", "-", input=path.read_bytes())
    assert done.returncode == 0, done.stderr.decode()
    assert "1 créée(s)" in done.stdout.decode()


def test_import_csv_from_stdin(tmp_path, empty_db):
    data = '"Titre";"Structure organisatrice";"Année"\r\n"Un";"S";"2020"\r\n'.encode()
    done = _cli("--db", str(empty_db), "import", "-", input=data)
    assert done.returncode == 0, done.stderr.decode()
    assert "1 créée(s)" in done.stdout.decode()


def test_stdin_refusal_is_located(tmp_path, sample_db):
    before = _dump(sample_db)
    path = _json_file(tmp_path, [_action(), _action(title="X", attachments=5)])
    done = _cli("--db", str(sample_db), "import", "-", input=path.read_bytes())
    err = done.stderr.decode()
    assert done.returncode == 2, err
    assert "Traceback" not in err
    match = re.search(r"\(entrée standard\):([0-9]+): ", err)
    assert match and int(match.group(1)) >= 1, err
    assert _dump(sample_db) == before


def test_import_process_substitution(empty_db, sample_path):
    if not Path("/dev/fd").exists():
        pytest.skip("no /dev/fd")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [
            "bash",
            "-c",
            '"$0" -m centres_app --db "$1" import <(cat "$2")',
            sys.executable,
            str(empty_db),
            str(sample_path),
        ],
        capture_output=True,
        timeout=50,
        env=env,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert "18 créée(s)" in done.stdout.decode()


def test_stream_over_the_cap_is_refused(monkeypatch, tmp_path, sample_db, capsys):
    from centres_app.exchange import loader

    monkeypatch.setattr(loader, "MAX_INPUT_BYTES", 1000)
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 5000)
    err = _refused(capsys, sample_db, str(big))
    assert "trop gros" in err
    read, write = os.pipe()
    os.write(write, b"y" * 5000)
    os.close(write)
    try:
        err = _refused(capsys, sample_db, f"/dev/fd/{read}")
    finally:
        os.close(read)
    assert "trop gros" in err


def test_the_live_store_itself_is_refused_by_the_guard(sample_db, capsys):
    from centres_app.db.store import Store

    store = Store.open(sample_db)
    try:
        from centres_app.errors import AppError
        from centres_app.exchange.loader import read_import_file

        with pytest.raises(AppError) as caught:
            read_import_file(sample_db)
        assert "Traceback" not in str(caught.value)
        assert str(sample_db) in str(caught.value) or "base" in str(caught.value)
    finally:
        store.close()


def test_pipeline_stop_is_a_located_refusal_without_line_zero(tmp_path):
    from centres_app.exchange import pipeline
    from centres_app.exchange.loader import SourceRefused

    class _Dead:
        def recv_bytes(self):
            raise EOFError

        def close(self):
            pass

    class _Child:
        def is_alive(self):
            return False

        def join(self):
            pass

    with pytest.raises(SourceRefused) as caught:
        next(pipeline._receive("gros.txt", _Child(), _Dead()))
    assert str(caught.value).startswith("gros.txt: ")


def test_path_errors_are_french_and_without_line(tmp_path, sample_db, capsys):
    loop = tmp_path / "boucle"
    os.symlink(loop, loop)
    err = _refused(capsys, sample_db, str(loop))
    assert f"{loop}: trop de liens symboliques" in err
    plain = tmp_path / "fichier.txt"
    plain.write_text("x", encoding="utf-8")
    err = _refused(capsys, sample_db, str(plain / "dessous.json"))
    assert "n'est pas un dossier" in err
    assert "Not a directory" not in err and "Errno" not in err


def test_empty_stdin_is_refused_at_line_one(sample_db):
    done = _cli("--db", str(sample_db), "import", "-", input=b"")
    err = done.stderr.decode()
    assert done.returncode == 2, err
    assert "(entrée standard):1: fichier vide" in err
