"""The window's first page at start-up through plain `sqlite3` (issue 17): no SQLAlchemy.

Importing SQLAlchemy and opening the store take ~0.4–0.9 s before anything can be shown.
`FirstPage` reads, through one read-only SQLite connection (never plain file I/O), what the
window needs for its first paint: the number of actions, the unfiltered list in title order,
the list columns of the rows on screen and the saved searches — the same statements as the
store's (`search.Searcher.rows`, `memindex` title order, `SearchQueries.count`,
`Insight.saved_searches`), so the same answers. The real store is opened meanwhile
(starting_store.py) and answers everything once it is there.

`FirstPage.open` returns None whenever the usual opening could do anything but open a sound,
current store (a missing or empty file, not one of ours, another schema revision, a read-only
place, not in WAL mode): the window is then built over the store opened as before, with its
checks and messages.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

from centres_app.db.revisions import script_head
from centres_app.domain import (
    ActionRow,
    SavedSearch,
    SearchRequest,
    fold,
    request_from_json,
)

_TABLES = {"action", "alembic_version", "action_term", "term", "saved_search"}

# search.Searcher.rows, as SQLAlchemy compiles it for SQLite.
_ROWS = (
    "SELECT action.id, action.title, action.structure, action.department, action.year, "
    "action.status, coalesce((SELECT term.name FROM term JOIN action_term ON "
    "action_term.term_id = term.id WHERE action_term.action_id = action.id AND "
    "term.kind = 'dimension' LIMIT ? OFFSET ?), ?) AS coalesce_1 FROM action "
    "WHERE action.id IN ({marks})"
)


class FirstPage:
    """Read-only answers for the first paint; thread-safe (one connection, one lock).

    The count, the title order and the saved searches are read at once in a thread of their
    own (`prefetch`), in one read transaction, while the window's modules are imported and
    the window built: SQLite's scan runs without the GIL, on the other core.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._lock = threading.Lock()
        self._version = self._data_version()
        self._read = threading.Event()
        self._count = 0
        self._ids: list[int] = []
        self._saved: list[SavedSearch] = []
        self._error: sqlite3.Error | None = None
        threading.Thread(target=self.prefetch, name="first-page", daemon=True).start()

    @classmethod
    def open(cls, path: Path) -> FirstPage | None:
        """A reader of the store at `path` when it is a sound store at the head revision that
        the usual opening would open without writing; else None."""
        try:
            if not path.is_file() or path.stat().st_size == 0:
                return None
            # engine.read_only_file_uri: a read-only place is opened another way.
            if not (os.access(path.parent, os.W_OK) and os.access(path, os.W_OK)):
                return None
            head = script_head()
            if head is None:
                return None
            # livefiles.connect_read_only, usable from the reading thread, the search worker
            # and the GUI thread (every use is under the lock).
            conn = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5, check_same_thread=False
            )
        except (OSError, sqlite3.Error):
            return None
        try:
            conn.execute("PRAGMA query_only = 1")
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
            versions = [r[0] for r in conn.execute("SELECT version_num FROM alembic_version")]
        except sqlite3.Error:
            conn.close()
            return None
        if not tables >= _TABLES or str(mode).lower() != "wal" or versions != [head]:
            conn.close()
            return None
        return cls(conn)

    def prefetch(self) -> None:
        """Reads the count, the title order and the saved searches in one transaction."""
        try:
            with self._lock:
                self._conn.execute("BEGIN")
                try:
                    self._count = int(
                        self._conn.execute("SELECT count(*) AS count_1 FROM action").fetchone()[0]
                    )
                    self._saved = self._saved_searches()
                    self._ids = self._title_ids()
                finally:
                    self._conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self._error = exc
        finally:
            self._read.set()

    def _prefetched(self) -> None:
        self._read.wait()
        if self._error is not None:
            raise sqlite3.OperationalError(str(self._error))

    def close(self) -> None:
        self._read.wait()
        with self._lock:
            self._conn.close()

    @property
    def version(self) -> int:
        """PRAGMA data_version when the reader was opened, before anything was read."""
        return self._version

    def data_version(self) -> int:
        """PRAGMA data_version of this connection: it moves when another connection commits."""
        with self._lock:
            return self._data_version()

    def _data_version(self) -> int:
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def count(self) -> int:
        self._prefetched()
        return self._count

    def title_ids(self) -> list[int]:
        """The unfiltered list in title order (memindex's title order, one index scan)."""
        self._prefetched()
        return list(self._ids)

    def saved_searches(self) -> list[SavedSearch]:
        """The saved searches, by name (accents and case ignored): Insight.saved_searches."""
        self._prefetched()
        return list(self._saved)

    def rows(self, ids: Sequence[int]) -> list[ActionRow]:
        """The list columns of these actions, in the order of `ids` (missing ones skipped)."""
        found: dict[int, ActionRow] = {}
        with self._lock:
            for start in range(0, len(ids), 500):
                chunk = [int(i) for i in ids[start : start + 500]]
                sql = _ROWS.format(marks=", ".join("?" * len(chunk)))
                for r in self._conn.execute(sql, (1, 0, "", *chunk)):
                    found[r[0]] = ActionRow(*r)
        return [found[i] for i in ids if i in found]

    def _title_ids(self) -> list[int]:
        # One value, not a row per action: the scan runs without the GIL and `json` parses
        # the ids (~3x faster than a row each). The aggregate reads its ordered subquery in
        # order (SQLite does not flatten an ordered subquery into an aggregate); a test
        # compares it with the store's order.
        (text,) = self._conn.execute(
            "SELECT json_group_array(id) FROM (SELECT id FROM action ORDER BY title_key, id)"
        ).fetchone()
        ids: list[int] = json.loads(text)
        return ids

    def _saved_searches(self) -> list[SavedSearch]:
        rows = self._conn.execute(
            "SELECT id, name, request, created_at, updated_at FROM saved_search"
        ).fetchall()
        out = []
        for search_id, name, payload, created, updated in rows:
            try:
                request = request_from_json(payload)
            except ValueError:
                request = SearchRequest()
            out.append(SavedSearch(search_id, name, request, _when(created), _when(updated)))
        return sorted(out, key=lambda x: (fold(x.name), x.name))


def _when(text: str) -> dt.datetime:
    """A DateTime column as SQLAlchemy's SQLite type stores it (`2024-06-01 12:00:00.000001`)."""
    return dt.datetime.fromisoformat(text)
