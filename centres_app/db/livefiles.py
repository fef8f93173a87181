"""The files of a live SQLite store are touched only through SQLite, in this whole process.

On POSIX, closing *any* descriptor of a file releases *all* of the process's fcntl locks on
it (SQLite, "How To Corrupt An SQLite Database File", §2.2). A header read with open() while
the store's connections were open dropped their shared locks; another process closing its
last connection then checkpointed and deleted the WAL under them, and the store was
corrupted. SQLite itself is safe: its connections of one process share their locks per inode
and only close a descriptor once no lock needs it.

So the store registers its file while it is open, and a Python audit hook (PEP 578), installed
once per process, refuses every plain `open()` / `os.open()` of that file, its `-wal`, `-shm`
or `-journal`, and every rename, removal or truncation of them, with a French message: the
rule cannot be broken by accident, by this code or by a library (an attachment that happens to
be the store file, a copy made with shutil...). Checks and copies go through SQLite
(`connect_read_only` here, the backup API in backup.py).
"""

from __future__ import annotations

import errno
import os
import sqlite3
import sys
import threading
from pathlib import Path
from typing import TypeGuard

from centres_app.errors import StoreError

SIDE_SUFFIXES = ("", "-wal", "-shm", "-journal")
# The audit events that open, replace, remove or cut a file by name.
_EVENTS = frozenset({"open", "os.rename", "os.remove", "os.truncate", "shutil.copyfile"})

_lock = threading.Lock()
_live: dict[str, int] = {}  # real path of a store file -> how many open stores hold it
_names: frozenset[str] = frozenset()  # every guarded real path (store file and side files)
_inodes: frozenset[tuple[int, int]] = frozenset()  # (device, inode) of the live store files
_hook_installed = False


class LiveStoreFileError(StoreError, PermissionError):
    """Plain file I/O on a store file that this process has open (refused, nothing done).

    A PermissionError too, so code that reads user-chosen files and reports OSErrors (an
    attachment, an import file) shows this message instead of failing.
    """

    def __init__(self, path: str) -> None:
        message = (
            f"« {Path(path).name} » est une base de données ouverte par l'application : "
            "elle ne peut être ni lue ni modifiée comme un fichier ordinaire "
            "(utilisez Fichier › Sauvegarder une copie… ou « centres-app backup »)."
        )
        PermissionError.__init__(self, errno.EACCES, message, path)
        self.message = message

    def __str__(self) -> str:
        return self.message


def _real(path: str | os.PathLike[str]) -> str:
    return os.path.realpath(os.fspath(path))


def register(path: Path) -> None:
    """`path` is the file of a store now open in this process."""
    global _hook_installed
    real = _real(path)
    with _lock:
        _live[real] = _live.get(real, 0) + 1
        _refresh()
        if not _hook_installed:
            sys.addaudithook(_audit)
            _hook_installed = True


def unregister(path: Path) -> None:
    """A store opened on `path` was closed."""
    real = _real(path)
    with _lock:
        count = _live.get(real, 0) - 1
        if count > 0:
            _live[real] = count
        else:
            _live.pop(real, None)
        _refresh()


def is_live(path: str | os.PathLike[str]) -> bool:
    """Whether `path` (or a side file, or another name of it) is a store open in this process."""
    return _guarded(path)


def _refresh() -> None:
    global _names, _inodes
    names: set[str] = set()
    inodes: set[tuple[int, int]] = set()
    for real in _live:
        names.update(real + suffix for suffix in SIDE_SUFFIXES)
        try:
            st = os.stat(real)
        except OSError:
            continue
        inodes.add((st.st_dev, st.st_ino))
    _names = frozenset(names)
    _inodes = frozenset(inodes)


def _guarded(target: object) -> TypeGuard[str | bytes | os.PathLike[str] | os.PathLike[bytes]]:
    if not _names or not isinstance(target, str | bytes | os.PathLike):
        return False
    try:
        text = os.fsdecode(target)
    except TypeError:
        return False
    if _real(text) in _names:
        return True
    # Another name of the store file itself (a hard link, a bind mount...).
    try:
        st = os.stat(text)
    except (OSError, ValueError):
        return False
    return (st.st_dev, st.st_ino) in _inodes


def _audit(event: str, args: tuple[object, ...]) -> None:
    if event not in _EVENTS or not _names:
        return
    targets = args[:2] if event == "os.rename" else args[:1]
    for target in targets:
        if _guarded(target):
            raise LiveStoreFileError(os.fsdecode(target))


# --- reading a store file through SQLite ---------------------------------------------------------


def connect_read_only(path: Path, timeout: float = 5) -> sqlite3.Connection:
    """A read-only SQLite connection: never writes the file, safe beside live connections."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=timeout)


def is_sqlite_database(path: Path, uri: str | None = None) -> bool:
    """Whether SQLite reads `path` as a database (an empty file is one), through SQLite only;
    `uri` opens it another read-only way (e.g. immutable, in a read-only folder)."""
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=5) if uri else connect_read_only(path)
        try:
            conn.execute("PRAGMA schema_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc) or "encrypted" in str(exc):
            return False
        raise
    return True
