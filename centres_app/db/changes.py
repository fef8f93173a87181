"""Local change numbers of a SQLite replica (issue 19, migration 0009).

On SQLite no trigger numbers the changes (0006: a trigger per row slows imports): the app's
one write path, Database.writing(changed), calls `stamp` before its commit. A transaction
draws one number from the one-row `sync_clock` and gives it to every action it changed; the
sync pushes the actions whose number passed the one recorded at their last sync
(sync_base.local_seq). On PostgreSQL a trigger numbers every change (0009): nothing here.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from sqlalchemy import Connection, bindparam, text
from sqlalchemy.orm import Session

_CHUNK = 500
_KEY = "centres_change_seq"
_WRITTEN = "centres_change_seq_written"  # ids whose rows carry it already
# Rows already numbered by their own INSERT or UPDATE (db/bulk.py) are not written again: an
# action row holds kilobytes of text, and rewriting every imported row cost ~10 % of an import.
_SET = text(
    "UPDATE action SET change_seq = :seq WHERE id IN :ids AND change_seq <> :seq"
).bindparams(bindparam("ids", expanding=True))


def transaction_seq(conn: Session | Connection) -> int:
    """This transaction's change number on SQLite, drawn from sync_clock at the first call."""
    seq = conn.info.get(_KEY)
    if seq is None:
        conn.execute(text("UPDATE sync_clock SET seq = seq + 1 WHERE id = 1"))
        seq = int(conn.execute(text("SELECT seq FROM sync_clock WHERE id = 1")).scalar_one())
        conn.info[_KEY] = seq
    return int(seq)


def local_seq(session: Session) -> int:
    """This transaction's change number on SQLite, 0 elsewhere (a trigger numbers the rows)."""
    return transaction_seq(session) if _dialect(session) == "sqlite" else 0


def written_with_seq(session: Session, ids: Iterable[int]) -> None:
    """Notes that the rows of these actions were written with this transaction's number by
    their own INSERT or UPDATE (the bulk import, db/bulk.py): `stamp` then leaves them alone.
    Checking them again read every row, whose `change_seq` comes after its long texts (~1.3 s
    at 100,000 actions, at the end of an import, while nothing else runs)."""
    session.info.setdefault(_WRITTEN, set()).update(ids)


def stamp(conn: Session | Connection, ids: Collection[int] | None) -> int | None:
    """Gives the changed actions `ids` this transaction's number (SQLite only); returns it."""
    if not ids or _dialect(conn) != "sqlite":
        return None
    seq = transaction_seq(conn)
    written: set[int] | None = conn.info.get(_WRITTEN)
    listed = sorted(set(ids) - written if written else ids)
    for start in range(0, len(listed), _CHUNK):
        conn.execute(_SET, {"seq": seq, "ids": listed[start : start + _CHUNK]})
    return seq


def _dialect(conn: Session | Connection) -> str:
    bind = conn.get_bind() if isinstance(conn, Session) else conn
    return bind.dialect.name
