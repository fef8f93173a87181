"""The one engine and session factory every store service shares.

A `Database` owns the engine, the read and write session factories, the in-memory search
index of a SQLite file and the "writes refused" state of a failed check. The services of
store.py (search, actions, safety, insight, exchange) hold the same `Database`: swapping the
engine (`reopen`, after a restore) is one explicit operation that they all see.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from centres_app import gui_turn
from centres_app.db import amounts, changes, livefiles
from centres_app.db.backup import DamagedStoreError
from centres_app.db.engine import create_store_engine, describe_db_error, is_sqlite, migrate
from centres_app.db.memindex import MemorySearch, Snapshot
from centres_app.errors import StoreError

T = TypeVar("T")


class Database:
    """A migrated database: engine, sessions, transactions, in-memory index, damage state."""

    def __init__(self, engine: Engine) -> None:
        self._attach(engine)

    def _attach(self, engine: Engine) -> None:
        self.engine = engine
        self._read = sessionmaker(engine, expire_on_commit=False)
        writer = engine.execution_options(sqlite_begin="IMMEDIATE") if is_sqlite(engine) else engine
        self._write = sessionmaker(writer, expire_on_commit=False)
        self._writer = writer
        # Facet counts, sorting and list rows from memory on a SQLite file (design §9);
        # other databases (PostgreSQL) and in-memory SQLite use the SQL path of search.py.
        path = _file_of(engine)
        self.memory: MemorySearch | None = MemorySearch(engine, path) if path else None
        # change_token(): the data_version left by our own last write, and the token last given.
        self._own_token: int | None = None
        self._seen_token: int | None = None
        # Our writes under way and begun so far: a token read while one commits may be its
        # commit, not yet taken as ours (change_token does not decide then).
        self._token_lock = threading.Lock()
        self._writes_running = 0
        self._writes_begun = 0
        # Problems of the last check (or a corruption met on the way): writes are refused.
        # A new engine (a restored file) starts without: the caller checks it again.
        self.damage: list[str] | None = None
        # While open, its file is read and written only through SQLite (livefiles.py).
        self._live_file: Path | None = path
        if path is not None:
            livefiles.register(path)

    # --- lifecycle ----------------------------------------------------------------------------

    def close(self) -> None:
        if self.memory is not None:
            self.memory.close()
        self.engine.dispose()
        if self._live_file is not None:
            livefiles.unregister(self._live_file)
            self._live_file = None

    def while_closed(self, operation: Callable[[Path], T]) -> T:
        """Runs `operation` on the store's file while no connection holds it (a restore
        replaces the file), then opens a new engine on the same URL, migrated, even when the
        operation failed. Every service holding this Database reads the new engine; the damage
        state is cleared (the caller checks the file)."""
        path = self.require_file()
        url = self.engine.url.render_as_string(hide_password=False)
        self.close()
        try:
            return operation(path)
        finally:
            engine = create_store_engine(url)
            try:
                migrate(engine)
            except BaseException:
                engine.dispose()
                raise
            self._attach(engine)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def db_path(self) -> Path | None:
        """The store's file, or None for a server database."""
        database = self.engine.url.database if is_sqlite(self.engine) else None
        if not database or database == ":memory:":
            return None
        return Path(database)

    def require_file(self) -> Path:
        path = self.db_path
        if path is None:
            raise StoreError("Cette opération concerne une base SQLite (un fichier).")
        return path

    # --- transactions -------------------------------------------------------------------------

    @contextmanager
    def noting_damage(self) -> Iterator[None]:
        try:
            yield
        except StoreError as exc:
            if getattr(exc, "corrupt", False):
                self.damage = self.damage or [str(exc)]
            raise

    @contextmanager
    def reading(self) -> Iterator[Session]:
        # The GUI thread's reads (an action opened, a row after its save) go first: the
        # jobs off it give way meanwhile (gui_turn, issue 17).
        first = gui_turn.on_gui_thread_first()
        with first, self.noting_damage(), db_errors(), self._read() as session, session.begin():
            yield session

    @contextmanager
    def writing(self, changed: set[int] | None = None) -> Iterator[Session]:
        """One write transaction (BEGIN IMMEDIATE on SQLite): all or nothing.

        `changed` (filled by the caller with the ids of the actions it creates, updates or
        deletes; empty for writes that touch no action) lets the in-memory index patch those
        actions after the commit instead of rebuilding itself (SQLite files only), and numbers
        them for the sync (SQLite: db/changes.py; a trigger does it on PostgreSQL). The kept
        amounts of those actions (None: of all) are forgotten before the commit (db/amounts.py).
        """
        if self.damage:
            raise DamagedStoreError("rien n'a été enregistré", self.damage)
        memory = self.memory
        if memory is None or changed is None:
            with self.noting_damage(), db_errors(), self._write() as session, session.begin():
                yield session
                changes.stamp(session, changed)
                amounts.forget(session, changed)
            return
        with self._token_lock:
            self._writes_running += 1
            self._writes_begun += 1
        try:
            with self.noting_damage(), db_errors(), self._writer.connect() as conn:
                raw = conn.connection.driver_connection
                assert isinstance(raw, sqlite3.Connection)
                token = None
                committed = False
                try:
                    with self._write(bind=conn) as session, session.begin():
                        yield session
                        changes.stamp(session, changed)
                        amounts.forget(session, changed)
                        token = memory.before_commit(raw)
                    committed = True
                finally:
                    memory.after_commit(token, raw, changed if committed else None)
                # What change_token() reads now is this store's own commit, not another
                # process's.
                self._own_token = memory.data_version()
        finally:
            with self._token_lock:
                self._writes_running -= 1

    def snapshot(self) -> Snapshot | None:
        """The in-memory search index when it is up to date, else None (use SQL)."""
        if self.memory is None:
            return None
        with db_errors():
            return self.memory.current()

    def change_token(self) -> int | None:
        """A number that moves whenever another process (the command line, another program)
        commits to the store; cheap enough to poll. This store's own writes do not count (the
        token they leave is taken as seen). None when the store cannot tell (PostgreSQL,
        in-memory)."""
        if self.memory is None:
            return None
        with self._token_lock:
            begun = self._writes_begun
        with db_errors():
            token = self.memory.data_version()
        with self._token_lock:
            if self._writes_running or self._writes_begun != begun:
                # One of our writes committed meanwhile and has not taken its token yet
                # (the in-memory index patches itself first, issue 17): undecided until the
                # next look, which compares with the token it leaves.
                return self._seen_token
        if token is not None and token == self._own_token:
            return self._seen_token
        self._seen_token = self._own_token = token
        return token


def _file_of(engine: Engine) -> Path | None:
    """The SQLite file behind an engine (None for a server, in-memory or URI database)."""
    database = engine.url.database if is_sqlite(engine) else None
    if database and database != ":memory:" and not database.startswith("file:"):
        return Path(database)
    return None


@contextmanager
def db_errors() -> Iterator[None]:
    try:
        yield
    except (OperationalError, DatabaseError, sqlite3.Error) as exc:
        # sqlite3.Error: the in-memory index reads through the DBAPI connection directly.
        error = StoreError(describe_db_error(exc))
        text = str(getattr(exc, "orig", exc)).lower()
        setattr(error, "corrupt", "malformed" in text or "not a database" in text)  # noqa: B010
        raise error from exc


class OnDatabase:
    """A store service: it reads and writes through the Database it shares with the others."""

    def __init__(self, db: Database) -> None:
        self._db = db
