"""A live store is only ever touched through SQLite (issue 13).

On POSIX, closing any descriptor of a file drops all of the process's fcntl locks on it: a
check that read the store's header with open() while the window held connections let a second
process delete the WAL under the window, and the store was corrupted. These tests replay that
sequence with two real processes and check the guard that now refuses such file I/O.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from centres_app.db import livefiles
from centres_app.db.backup import check_file
from centres_app.db.store import Store
from centres_app.errors import StoreError

ROOT = Path(__file__).resolve().parents[2]

# Process B: obeys one command a line ("save TEXT" opens the store, saves, closes it).
OTHER = """
import sys
sys.path.insert(0, sys.argv[1])
from centres_app.db.store import Store
path = sys.argv[2]
for line in sys.stdin:
    word, _, text = line.strip().partition(" ")
    if word == "save":
        store = Store.open(path)
        d = store.get(2)
        store.update(d.id, d.version, d.data.replace(summary=text))
        store.close()
    print("ok", flush=True)
"""


class _Other:
    def __init__(self, path: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(OTHER), str(ROOT), str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def save(self, text: str) -> None:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(f"save {text}\n")
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline().strip()
        if answer != "ok":
            self.proc.kill()
            _, err = self.proc.communicate(timeout=30)
            pytest.fail(f"the other process failed: {err}")

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def _save(store: Store, action_id: int, text: str) -> None:
    d = store.get(action_id)
    store.update(d.id, d.version, d.data.replace(summary=text))


@pytest.mark.timeout(120)
def test_check_beside_another_process_keeps_the_store_sound(sample_db):
    """The sequence of issue 13: save, check, the other saves and closes, save, save, the other
    saves again, close. The WAL must never be deleted under the first process."""
    store = Store.open(sample_db)
    other = _Other(sample_db)
    try:
        _save(store, 1, "A1")
        assert store.check() == []  # the start-up check, in the window's process
        other.save("B1")
        _save(store, 1, "A2")
        _save(store, 3, "A3")
        other.save("B2")
        _save(store, 4, "A4")
    finally:
        other.close()
        store.close()
    assert check_file(sample_db, full=True) == []
    store = Store.open(sample_db)
    try:
        assert store.get(1).data.summary == "A2"
        assert store.get(2).data.summary == "B2"
        assert store.get(3).data.summary == "A3"
        assert store.get(4).data.summary == "A4"
    finally:
        store.close()


def test_plain_open_of_a_live_store_is_refused(sample_db):
    store = Store.open(sample_db)
    try:
        store.count()
        for name in (sample_db, Path(str(sample_db) + "-wal"), Path(str(sample_db) + "-shm")):
            with pytest.raises(StoreError) as info:
                name.open("rb")
            assert "ouverte" in str(info.value)
        with pytest.raises(StoreError):
            sample_db.read_bytes()
        # Another name for the same file is the same file.
        link = sample_db.parent / "lien.db"
        link.symlink_to(sample_db)
        with pytest.raises(StoreError):
            link.open("rb")
        assert store.count() == 18  # the store itself is untouched and still usable
    finally:
        store.close()
    # Once closed, the file is an ordinary file again (a copy, an attachment...).
    with sample_db.open("rb") as fh:
        assert fh.read(16) == b"SQLite format 3\x00"
    assert not livefiles.is_live(sample_db)


def test_guard_counts_two_stores_on_one_file(sample_db):
    first = Store.open(sample_db)
    second = Store.open(sample_db)
    first.close()
    try:
        assert livefiles.is_live(sample_db)  # the second one still holds it
    finally:
        second.close()
    assert not livefiles.is_live(sample_db)


def _file_io_calls(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id == "open":
            found.append((node.lineno, "open()"))
        elif isinstance(func, ast.Attribute):
            if func.attr in ("read_bytes", "write_bytes"):
                found.append((node.lineno, func.attr + "()"))
            elif isinstance(func.value, ast.Name) and func.value.id == "shutil":
                found.append((node.lineno, f"shutil.{func.attr}()"))
            elif func.attr == "open" and node.args and isinstance(node.args[0], ast.Constant):
                found.append((node.lineno, "Path.open()"))
            elif (
                func.attr == "open"
                and isinstance(func.value, ast.Name)
                and func.value.id
                in (
                    "io",
                    "os",
                )
            ):
                found.append((node.lineno, f"{func.value.id}.open()"))
    return found


def test_no_plain_file_io_in_the_data_layer():
    """The data layer reads store files through SQLite only: no open(), read_bytes(), file
    copy there (the runtime guard above catches the rest of the process)."""
    offenders = []
    for source in (ROOT / "centres_app" / "db").rglob("*.py"):
        if "migrations" in source.parts:
            continue
        tree = ast.parse(source.read_text(encoding="utf-8"))
        offenders += [f"{source.relative_to(ROOT)}:{n}: {what}" for n, what in _file_io_calls(tree)]
    assert offenders == []


def test_the_source_check_sees_a_plain_open():
    tree = ast.parse("with path.open('rb') as fh:\n    fh.read(16)\nopen(p)\np.read_bytes()")
    found = sorted(what for _, what in _file_io_calls(tree))
    assert found == ["Path.open()", "open()", "read_bytes()"]
