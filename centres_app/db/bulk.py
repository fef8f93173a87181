"""Bulk import with SQLAlchemy Core: thousands of actions per second in one transaction.

The ORM path (one object graph and one flush per action) runs at ~150 actions/s; here rows are
built as plain tuples, ids are assigned up front (the write lock is held, so max(id) + 1 is
safe) and everything goes through executemany. The full-text rows are written in the same
transaction (db/fulltext.py), so a failed import leaves neither actions nor index entries behind.
"""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Callable, Iterable, Sequence, Sized
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from centres_app.db import fulltext, pgsearch
from centres_app.db.history import keep_revisions
from centres_app.db.models import (
    Action,
    ActionTerm,
    AttachmentFile,
    Term,
    lines_text,
    new_uuid,
    terms_text,
    text_lines,
    utcnow,
)
from centres_app.domain import (
    TERM_FIELDS,
    TEXT_FIELDS,
    ActionData,
    Attachment,
    ShrunkAction,
    lost_fields,
)

# Stored as they are; then `file_references`, a tuple stored one reference a line (issue 18).
_SCALARS = (
    "title",
    "department",
    "year",
    "structure",
    "status",
    *TEXT_FIELDS,
    "form",
    "published_by",
)
_scalars_of = attrgetter(*_SCALARS)
_CHUNK = 500
_BATCH = 1000  # actions classified and written at a time (a stream is never held whole)
_FTS_CONFIG = "INSERT INTO action_fts (action_fts, rank) VALUES (?, ?)"
_FTS_HASHSIZE_IMPORT = 16 * 1024 * 1024
_FTS_HASHSIZE_DEFAULT = 1024 * 1024  # FTS5's own default
# Tried and not kept (issue 17; no gain beyond the noise of a shared machine, at 20,000 actions
# unless said): a hashsize of 64 or 256 MB, FTS5 automerge 8, a page size of 8 KB for new
# stores, and (at 100,000) the indexes of `action` and `action_term` dropped before a big
# import and created again after it in the same transaction (their upkeep saved ~3.6 s of CPU
# at 100,000, creating them again cost as much: each CREATE INDEX reads the whole table).


def term_names(data: ActionData) -> tuple[tuple[str, str], ...]:
    """(kind, name) of the action's terms in stored order, stripped, blanks and repeats dropped
    (ActionData.term_names: worked out once per record, by the parsing process of a streamed
    import)."""
    return data.term_names


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # Updated actions that lost content (lost_fields); their previous version is in the history.
    shrunk: list[ShrunkAction] = field(default_factory=list)


class BulkImporter:
    """Creates or updates actions by identity inside the caller's write transaction.

    Every update keeps the replaced version in the history (db/history.py), like a save in
    the editor. One importer may run several files in the transaction (one `run` each); an
    identity may come only once in all of them (the caller refuses repeats with their file
    positions first: db/import_checks.py).
    """

    def __init__(self, conn: Connection, change_seq: Callable[[], int] | None = None) -> None:
        self.conn = conn
        # Gives the change number the rows written here carry (SQLite: db/changes.py), drawn
        # at the first row written (an import that changes nothing writes nothing); None on a
        # server, whose trigger numbers the rows.
        self._change_seq = change_seq
        self._seq: int | None = None
        self.sqlite = conn.dialect.name == "sqlite"
        self.postgresql = conn.dialect.name == "postgresql"
        if self.postgresql:
            # SQLite's BEGIN IMMEDIATE already excludes other writers; on a server, other
            # imports and saves wait here, so ids from max(id) + 1 and the identity lookups
            # below stay right. Readers are not blocked.
            conn.exec_driver_sql("LOCK TABLE action, term IN SHARE ROW EXCLUSIVE MODE")
        self.terms: dict[tuple[str, str], int] = {
            (k, n): i for i, k, n in conn.execute(select(Term.id, Term.kind, Term.name))
        }
        self.next_term = (conn.scalar(select(func.max(Term.id))) or 0) + 1
        self.next_action = (conn.scalar(select(func.max(Action.id))) or 0) + 1
        # Ids of the actions created or changed (the in-memory index patches them).
        self.touched: list[int] = []
        # Identity -> id of every stored action, the ones written here included (first run).
        self._existing: dict[tuple[str, str, int | None, str], int] | None = None
        self._imported: set[tuple[str, str, int | None, str]] = set()
        # uuid -> id (issue 19): a record carrying a known uuid updates that action, retitled
        # or not; an unknown uuid falls back to the identity rule (a store that imported the
        # same SENACS file gave its actions other uuids: no duplicates), else is a new action.
        self._by_uuid: dict[str, int] = {}
        self._uuids: set[str] = set()

    @property
    def change_seq(self) -> int:
        if self._seq is None:
            self._seq = self._change_seq() if self._change_seq is not None else 0
        return self._seq

    def term_id(self, kind: str, name: str) -> int:
        key = (kind, name)
        found = self.terms.get(key)
        if found is None:
            found = self.next_term
            self.next_term += 1
            self.conn.execute(insert(Term), [{"id": found, "kind": kind, "name": name}])
            self.terms[key] = found
        return found

    def run(self, actions: Iterable[ActionData], with_attachments: bool) -> Counts:
        """`actions` are already validated and normalised (stripped title/structure/department).

        Any iterable: a stream (exchange/pipeline.py) is stored batch by batch as it comes, and
        an exception raised by it leaves the caller's transaction to be rolled back.
        """
        counts = Counts()
        big = self.sqlite and (not isinstance(actions, Sized) or len(actions) > _CHUNK)
        if big:
            # The default 2 MB page cache thrashes on B-trees of hundreds of MB; the pragma
            # holds for the pooled connection, so it is put back afterwards.
            cache = self.conn.exec_driver_sql("PRAGMA cache_size").scalar_one()
            self.conn.exec_driver_sql("PRAGMA cache_size = -262144")
            # FTS5 writes its pending terms out as a new segment whenever they pass 'hashsize'
            # (1 MB by default), and those small segments are merged again and again: with
            # 16 MB, ~40 % less time indexing (~240 instead of ~400 us per action, same
            # segments afterwards). A persistent FTS5 setting: put back after the import.
            self.conn.exec_driver_sql(_FTS_CONFIG, ("hashsize", _FTS_HASHSIZE_IMPORT))
        # The automatic garbage collection paused meanwhile (where it runs: the window turns
        # it off and collects on its GUI thread, ui/app/collector.py): every batch received
        # makes thousands of tracked objects, none in a cycle, and the collections that scan
        # them took ~5 % of the storing process at 100,000 actions.
        paused = big and gc.isenabled()
        if paused:
            gc.disable()
        try:
            self._run(actions, with_attachments, counts)
        finally:
            if paused:
                gc.enable()
            if big:
                self.conn.exec_driver_sql(f"PRAGMA cache_size = {int(cache)}")
                self.conn.exec_driver_sql(_FTS_CONFIG, ("hashsize", _FTS_HASHSIZE_DEFAULT))
        if self.postgresql:
            # Ids were given here, not drawn from the sequences: move them past the new rows,
            # or the next action saved in the window would get a taken id. Through the
            # owner's function of migration 0010: a centre's role may not setval itself.
            self.conn.exec_driver_sql("SELECT centres_reset_id_sequences()")
        return counts

    def _run(self, actions: Iterable[ActionData], with_attachments: bool, counts: Counts) -> None:
        if self._existing is None:
            self._existing = {}
            for i, t, s, y, f, u in self.conn.execute(
                select(
                    Action.id, Action.title, Action.structure, Action.year, Action.form, Action.uuid
                )
            ):
                self._existing[(t, s, y, f)] = i
                self._by_uuid[u] = i
        batch: list[ActionData] = []
        for data in actions:
            batch.append(data)
            if len(batch) == _BATCH:
                self._run_batch(batch, self._existing, with_attachments, counts)
                batch = []
        if batch:
            self._run_batch(batch, self._existing, with_attachments, counts)

    def _run_batch(
        self,
        actions: Sequence[ActionData],
        existing: dict[tuple[str, str, int | None, str], int],
        with_attachments: bool,
        counts: Counts,
    ) -> None:
        """One batch; `existing` (identity -> id) gains the batch's new actions."""
        new: list[tuple[int, ActionData]] = []
        seen: list[tuple[int, ActionData]] = []
        imported = self._imported
        for data in actions:
            identity = data.identity
            if identity in imported:
                # Two records would merge into one row (terms of both): never store that.
                raise ValueError(f"identity imported twice: {identity!r}")
            imported.add(identity)
            action_id = None
            if data.uuid:
                if data.uuid in self._uuids:
                    raise ValueError(f"uuid imported twice: {data.uuid!r}")
                self._uuids.add(data.uuid)
                action_id = self._by_uuid.get(data.uuid)
                if action_id is not None:
                    existing[identity] = action_id  # retitled: its new identity is taken
            if action_id is None:
                action_id = existing.get(identity)
            if action_id is None:
                action_id = self.next_action
                self.next_action += 1
                existing[identity] = action_id
                if data.uuid:
                    self._by_uuid[data.uuid] = action_id
                new.append((action_id, data))
                counts.created += 1
            else:
                seen.append((action_id, data))
        if self.sqlite:
            self._insert_sqlite(new)
        else:
            for start in range(0, len(new), _CHUNK):
                self._insert(new[start : start + _CHUNK])
        for start in range(0, len(seen), _CHUNK):
            chunk = seen[start : start + _CHUNK]
            current = load_data(self.conn, [i for i, _ in chunk])
            changed: list[tuple[int, ActionData, ActionData]] = []
            for action_id, data in chunk:
                old = current[action_id]
                if not with_attachments:
                    data = data.replace(attachments=old.attachments)
                if data == old:
                    counts.unchanged += 1
                else:
                    changed.append((action_id, data, old))
                    lost = lost_fields(old, data)
                    if lost:
                        counts.shrunk.append(ShrunkAction(action_id, data.title, lost))
            self._update(changed, with_attachments)
            counts.updated += len(changed)

    def _insert_sqlite(self, new: Sequence[tuple[int, ActionData]]) -> None:
        """The new actions on SQLite: plain tuples through the DBAPI cursor, in chunks.

        No per-row dicts, no SQLAlchemy statement per new term (each was compiled and run
        alone) and no SQLAlchemy parameter processing (~10 % less store time at 10,000).
        Tried and not kept: building chunk k + 1 in this thread while a worker thread wrote
        chunk k (sqlite3 releases the GIL in SQLite) — no gain measured: the worker waits for
        the GIL after every row, and SQLite's FTS5 work (~2 s of ~4 s at 10,000) dominates.
        """
        raw = self.conn.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)  # the pysqlite driver's, never None here
        stamp = utcnow().strftime("%Y-%m-%d %H:%M:%S.%f")
        self.touched.extend(action_id for action_id, _ in new)
        for start in range(0, len(new), _CHUNK):
            _write_sqlite(raw, self._sqlite_rows(new[start : start + _CHUNK], stamp))

    def _sqlite_rows(self, chunk: Sequence[tuple[int, ActionData]], stamp: str) -> _Batch:
        """The rows of a chunk of new actions as plain tuples (new terms get their ids here)."""
        actions: list[tuple[object, ...]] = []
        terms: list[tuple[int, str, str]] = []
        links: list[tuple[int, int, int]] = []
        files: list[tuple[object, ...]] = []
        fts: list[tuple[object, ...]] = []
        known = self.terms
        seq = self.change_seq
        for action_id, data in chunk:
            names = data.term_names
            row = (
                action_id,
                *_scalars_of(data),
                lines_text(data.file_references),
                terms_text([name for _, name in names]),
                data.folded_title,
                1,
                stamp,
                stamp,
                data.uuid or new_uuid(),
                seq,
            )
            actions.append(row)
            # The index's words come from the very values of the row (fulltext.INSERT_VALUES).
            fts.append(_fts_of_row(row))
            for position, key in enumerate(names):
                term = known.get(key)
                if term is None:
                    term = known[key] = self.next_term
                    self.next_term += 1
                    terms.append((term, *key))
                links.append((action_id, term, position))
            for position, a in enumerate(data.attachments):
                files.append((action_id, position, a.name, a.mime, len(a.data), a.sha256, a.data))
        return _Batch(actions, terms, links, files, fts)

    def _insert(self, chunk: Sequence[tuple[int, ActionData]]) -> None:
        """The new actions on a server (SQLite goes through _insert_sqlite)."""
        now = utcnow()
        rows = []
        links = []
        files = []
        self.touched.extend(action_id for action_id, _ in chunk)
        for action_id, data in chunk:
            row = {name: getattr(data, name) for name in _SCALARS}
            row["file_references"] = lines_text(data.file_references)
            row.update(
                id=action_id,
                uuid=data.uuid or new_uuid(),
                terms_text=terms_text(name for _, name in term_names(data)),
                title_key=data.folded_title,
                version=1,
                created_at=now,
                updated_at=now,
            )
            rows.append(row)
            links.extend(self._links(action_id, data))
            files.extend(_files(action_id, data.attachments))
        self.conn.execute(insert(Action), rows)
        if links:
            self.conn.execute(insert(ActionTerm), links)
        if files:
            self.conn.execute(insert(AttachmentFile), files)
        if self.postgresql:
            pgsearch.update_vectors(self.conn, chunk)

    def _update(
        self, changed: Sequence[tuple[int, ActionData, ActionData]], with_attachments: bool
    ) -> None:
        if not changed:
            return
        now = utcnow()
        ids = [i for i, _, _ in changed]
        self.touched.extend(ids)
        # The versions being replaced go to the history first, as the editor's saves do.
        stamps = {
            i: (version, saved_at)
            for i, version, saved_at in self.conn.execute(
                select(Action.id, Action.version, Action.updated_at).where(Action.id.in_(ids))
            )
        }
        keep_revisions(self.conn, [(i, *stamps[i], old) for i, _, old in changed])
        if self.sqlite:
            fulltext.unindex(self.conn, ids)  # from the rows as they are, before the UPDATEs
        for action_id, data, _old in changed:
            values = {name: getattr(data, name) for name in _SCALARS}
            self.conn.execute(
                update(Action)
                .where(Action.id == action_id)
                .values(
                    **values,
                    file_references=lines_text(data.file_references),
                    terms_text=terms_text(name for _, name in term_names(data)),
                    title_key=data.folded_title,
                    updated_at=now,
                    version=Action.version + 1,
                    **({"change_seq": self.change_seq} if self.change_seq else {}),
                )
            )
        self.conn.execute(delete(ActionTerm).where(ActionTerm.action_id.in_(ids)))
        links = [link for i, data, _ in changed for link in self._links(i, data)]
        if links:
            self.conn.execute(insert(ActionTerm), links)
        if with_attachments:
            touched = [(i, d) for i, d, old in changed if d.attachments != old.attachments]
            if touched:
                self.conn.execute(
                    delete(AttachmentFile).where(
                        AttachmentFile.action_id.in_([i for i, _ in touched])
                    )
                )
                files = [f for i, d in touched for f in _files(i, d.attachments)]
                if files:
                    self.conn.execute(insert(AttachmentFile), files)
        if self.sqlite:
            fulltext.index(self.conn, ids)
        elif self.postgresql:
            pgsearch.update_vectors(self.conn, [(i, d) for i, d, _ in changed])

    def _links(self, action_id: int, data: ActionData) -> list[dict[str, int]]:
        return [
            {"action_id": action_id, "term_id": self.term_id(kind, name), "position": position}
            for position, (kind, name) in enumerate(term_names(data))
        ]


_ACTION_COLUMNS = (
    "id",
    *_SCALARS,
    "file_references",
    "terms_text",
    "title_key",
    "version",
    "created_at",
    "updated_at",
    "uuid",
    "change_seq",
)
_ACTION_INSERT = (
    f"INSERT INTO action ({', '.join(_ACTION_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(_ACTION_COLUMNS))})"
)
# Where each indexed column sits in an _ACTION_INSERT row (the rowid first).
_fts_of_row = itemgetter(*(_ACTION_COLUMNS.index(c) for c in ("id", *fulltext.FTS_COLUMNS)))
_TERM_INSERT = "INSERT INTO term (id, kind, name) VALUES (?, ?, ?)"
_LINK_INSERT = "INSERT INTO action_term (action_id, term_id, position) VALUES (?, ?, ?)"
_FILE_INSERT = (
    "INSERT INTO attachment (action_id, position, name, mime, size, sha256, data) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)"
)


@dataclass
class _Batch:
    actions: list[tuple[object, ...]]
    terms: list[tuple[int, str, str]]
    links: list[tuple[int, int, int]]
    files: list[tuple[object, ...]]
    fts: list[tuple[object, ...]]


def _write_sqlite(raw: sqlite3.Connection, batch: _Batch) -> None:
    """Writes one chunk in the open transaction: terms before the links that use them."""
    cur = raw.cursor()
    try:
        if batch.terms:
            cur.executemany(_TERM_INSERT, batch.terms)
        cur.executemany(_ACTION_INSERT, batch.actions)
        if batch.links:
            cur.executemany(_LINK_INSERT, batch.links)
        if batch.files:
            cur.executemany(_FILE_INSERT, batch.files)
        cur.executemany(fulltext.INSERT_VALUES, batch.fts)
    finally:
        cur.close()


def _files(action_id: int, attachments: Sequence[Attachment]) -> list[dict[str, object]]:
    return [
        {
            "action_id": action_id,
            "position": position,
            "name": a.name,
            "mime": a.mime,
            "size": len(a.data),
            "sha256": a.sha256,
            "data": a.data,
        }
        for position, a in enumerate(attachments)
    ]


def load_data(conn: Connection, ids: Sequence[int]) -> dict[int, ActionData]:
    """The stored content of these actions, read with Core (no ORM objects)."""
    columns = [getattr(Action, name) for name in _SCALARS]
    values: dict[int, dict[str, Any]] = {}
    for row in conn.execute(
        select(Action.id, *columns, Action.file_references, Action.uuid).where(Action.id.in_(ids))
    ):
        values[row[0]] = dict(zip(_SCALARS, row[1:-2], strict=True))
        values[row[0]]["file_references"] = text_lines(row[-2])
        values[row[0]]["uuid"] = row[-1] or ""
        for kind, multi in TERM_FIELDS.items():
            values[row[0]][kind] = [] if multi else ""
        values[row[0]]["attachments"] = []
    terms = conn.execute(
        select(ActionTerm.action_id, Term.kind, Term.name)
        .join(Term, Term.id == ActionTerm.term_id)
        .where(ActionTerm.action_id.in_(ids))
        .order_by(ActionTerm.action_id, ActionTerm.position)
    )
    for action_id, kind, name in terms:
        if TERM_FIELDS[kind]:
            values[action_id][kind].append(name)
        elif not values[action_id][kind]:
            values[action_id][kind] = name
    f = AttachmentFile
    files = conn.execute(
        select(f.action_id, f.name, f.data, f.mime)
        .where(f.action_id.in_(ids))
        .order_by(f.action_id, f.position)
    )
    for action_id, name, blob, mime in files:
        values[action_id]["attachments"].append(Attachment(name, blob, mime))
    out: dict[int, ActionData] = {}
    for action_id, v in values.items():
        for kind, multi in TERM_FIELDS.items():
            if multi:
                v[kind] = tuple(v[kind])
        v["attachments"] = tuple(v["attachments"])
        out[action_id] = ActionData(**v)
    return out
