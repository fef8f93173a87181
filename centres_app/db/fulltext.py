"""SQLite's full-text index: an FTS5 table over the action rows (migration 0006).

`action_fts` has `content='action'`: it keeps no copy of the texts, only the index of their
words, and it cannot see a row change by itself. The rule, in every write path (ORM saves,
bulk import, trash, restore): take an action's words out with `unindex` *before* its row is
updated or deleted, put them in with `index` *after* it is written. Both read the stored row,
so the words removed are exactly the words once added (FTS5's 'delete' command must be given
the old values; wrong ones would corrupt the index). The bulk import adds the words of new rows
itself, from the very tuples it inserts (INSERT_VALUES): one executemany, no read back.

Not with triggers: SQLite 3.40's FTS5 flushes its pending terms at every statement savepoint,
and a trigger makes one per row (an import of 10,000 actions: 4.3 s of FTS work instead of 0.9 s).
Nothing here runs on PostgreSQL (its search vector: pgsearch.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, bindparam, text
from sqlalchemy.orm import Session

from centres_app.domain import TEXT_FIELDS

# The indexed columns, all columns of `action`; bm25 weights follow this order
# (title 10, structure 4, the others 1).
FTS_COLUMNS = ("title", "structure", "department", *TEXT_FIELDS, "terms_text")

_COLUMNS = ", ".join(FTS_COLUMNS)
INSERT_VALUES = f"INSERT INTO action_fts (rowid, {_COLUMNS}) VALUES (?{', ?' * len(FTS_COLUMNS)})"
_UNINDEX = text(
    f"INSERT INTO action_fts (action_fts, rowid, {_COLUMNS}) "
    f"SELECT 'delete', id, {_COLUMNS} FROM action WHERE id IN :ids"
).bindparams(bindparam("ids", expanding=True))
_INDEX = text(
    f"INSERT INTO action_fts (rowid, {_COLUMNS}) SELECT id, {_COLUMNS} FROM action WHERE id IN :ids"
).bindparams(bindparam("ids", expanding=True))
_CHUNK = 500  # bound parameters per statement


def unindex(conn: Connection | Session, ids: Sequence[int]) -> None:
    """Takes these actions' words out of the index: before their rows change or go."""
    for start in range(0, len(ids), _CHUNK):
        conn.execute(_UNINDEX, {"ids": list(ids[start : start + _CHUNK])})


def index(conn: Connection | Session, ids: Sequence[int]) -> None:
    """Puts these actions' words in the index, from their stored rows: after writing them."""
    for start in range(0, len(ids), _CHUNK):
        conn.execute(_INDEX, {"ids": list(ids[start : start + _CHUNK])})
