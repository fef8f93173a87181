"""Synchronising a local SQLite store with the federation's PostgreSQL server (issue 19).

What both sides held of each action at the last sync is kept here (`sync_base`: the server's
change number, the local change number and the sha256 of the action's exchange JSON). A sync:

1. PULLS by batches the server's rows and tombstones numbered after `sync_state.last_pulled`
   (in one REPEATABLE READ snapshot per batch: the numbers follow the commit order, migration
   0009), each batch applied in ONE local transaction that also moves `last_pulled`;
2. PUSHES by batches the local actions changed since their base (or never synced) and the
   local deletions of actions the server knows: each batch ONE server transaction, each action
   written only if the server's row still has the number of the base (else it is left for the
   next pull, which sees the conflict), in a savepoint of its own so that a refusal of the
   server (row-level security) is reported and the others go on; then ONE local transaction
   records the new bases.

A local action never synced with this server that has the identity (title + structure + year +
form) of a pulled one takes its uuid (_adopt): the same file imported on both sides before a
first sync is compared, not sent twice.

Equal digests are never a conflict: an action that already holds the other side's content only
gets its base recorded. This is what makes a kill between the server's commit and the local
one harmless: the next pull finds the server holding what the replica holds.

Conflicts (changed on both sides since the base): the server's version is applied and the local
one kept as a history revision marked `conflict` (reason "edited_both"); deleted here and edited
there: the server's version comes back, with a mark of version 0 ("deleted_here", the kept
version is "your deletion"); edited here and deleted there: the local edit stays and is sent
again, with a mark of version -1 ("deleted_there", kept_version 0: "the server's deletion").
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from sqlalchemy import BindParameter, Connection, Engine, bindparam, delete, select, text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from centres_app.db import changes, fulltext
from centres_app.db.action_service import ActionEditing
from centres_app.db.bulk import BulkImporter, load_data
from centres_app.db.database import Database, OnDatabase, db_errors
from centres_app.db.engine import (
    create_store_engine,
    current_revision,
    database_url,
    head_revision,
    migrate,
    url_for_display,
)
from centres_app.db.history import keep_revision, revision_data, to_trash
from centres_app.db.models import (
    Action,
    ActionRevision,
    ActionTombstone,
    DeletedAction,
    SyncBase,
    SyncServer,
    SyncState,
    utcnow,
)
from centres_app.db.records import TermCache, action_data, index
from centres_app.domain import ActionData, ActionDetail, SyncConflict, SyncReport
from centres_app.errors import NotFound, StoreError
from centres_app.services import ProgressReport

BATCH = 1000  # pulled actions per local transaction
# Pushed actions per server transaction: written one by one through the ORM (a few ms each),
# so smaller batches, each kept when the next one is cut.
PUSH_BATCH = 100
# Marks of the versions set aside against a deletion (history revisions of these numbers).
DELETED_HERE = 0
DELETED_THERE = -1
_IDS: BindParameter[Any] = bindparam("ids", expanding=True)


def digest(data: ActionData) -> str:
    """sha256 of the action's canonical exchange JSON (attachments included, uuid left out)."""
    obj = data.to_dict()
    obj.pop("uuid", None)
    canonical = json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def open_server(url: str) -> Engine:
    """The server's engine, at this application's schema revision (migrated when it is older
    and the role may do it), or a StoreError in French."""
    engine = create_store_engine(database_url(url))
    try:
        if engine.dialect.name != "postgresql":
            raise StoreError(
                "Le serveur de synchronisation doit être une base PostgreSQL "
                f"(postgresql://…), pas {url_for_display(url)}."
            )
        head = head_revision()
        found = current_revision(engine)
        if found != head:
            try:
                migrate(engine)
            except StoreError as exc:
                raise StoreError(
                    f"La base du serveur est à la version de schéma « {found or 'aucune'} », "
                    f"cette application attend « {head} » : synchronisation refusée. {exc}"
                ) from exc
            found = current_revision(engine)
            if found != head:
                raise StoreError(
                    f"La base du serveur est à la version de schéma « {found} », cette "
                    f"application attend « {head} » : synchronisation refusée."
                )
    except BaseException:
        engine.dispose()
        raise
    return engine


@dataclass
class _Base:
    server_seq: int
    local_seq: int
    digest: str


@dataclass
class _Run:
    sent: int = 0
    received: int = 0
    conflicts: list[SyncConflict] = field(default_factory=list)
    refused: list[SyncConflict] = field(default_factory=list)
    done: int = 0
    total: int = 0


class _Cancelled(Exception):
    pass


class Synchronising(OnDatabase):
    """SyncService: the sync with a server and the conflicts it left."""

    def sync(self, server_url: str, progress: ProgressReport | None = None) -> SyncReport:
        if self._db.engine.dialect.name != "sqlite":
            raise StoreError("La synchronisation se fait depuis une base locale (fichier SQLite).")
        with db_errors():
            engine = open_server(server_url)
        server = Database(engine)
        run = _Run()
        try:
            with db_errors():  # a server gone midway: a French message, both sides consistent
                _Sync(self._db, server, run, progress).run()
            complete = True
        except _Cancelled:
            complete = False
        finally:
            server.close()
        return SyncReport(
            run.sent, run.received, tuple(run.conflicts), tuple(run.refused), complete
        )

    def sync_conflicts(self) -> list[SyncConflict]:
        """The versions set aside by syncs that the user has not settled yet, oldest first."""
        with self._db.reading() as s:
            rows = s.execute(
                select(ActionRevision.action_id, ActionRevision.version, Action.uuid, Action.title)
                .join(Action, Action.id == ActionRevision.action_id)
                .where(ActionRevision.conflict.is_(True))
                .order_by(ActionRevision.saved_at, ActionRevision.id)
            ).all()
        return [
            _conflict(uuid, title, action_id, version) for action_id, version, uuid, title in rows
        ]

    def resolve_conflict(
        self, action_id: int, kept_version: int, take_kept: bool, expected_version: int
    ) -> ActionDetail:
        """Settles a conflict: with `take_kept` the kept version becomes current (a new local
        edit, sent at the next sync; kept_version 0: the action is deleted again, and its last
        content is returned); either way the mark goes."""
        editing = ActionEditing(self._db)
        versions = [kept_version] if kept_version > 0 else [DELETED_HERE, DELETED_THERE]
        with self._db.reading() as s:
            marked = s.scalars(
                select(ActionRevision.version).where(
                    ActionRevision.action_id == action_id,
                    ActionRevision.version.in_(versions),
                    ActionRevision.conflict.is_(True),
                )
            ).all()
            if not marked:
                raise NotFound(f"Aucun conflit n° {kept_version} pour l'action n° {action_id}.")
            kept = revision_data(s, action_id, kept_version) if kept_version > 0 else None
        if take_kept and kept is None:
            current = _detail(self._db, action_id)
            editing.delete(action_id, expected_version)  # its marks go with its history
            return current
        if take_kept and kept is not None:
            detail = editing.update(action_id, expected_version, kept)
        else:
            detail = _detail(self._db, action_id)
        with self._db.writing(set()) as s:
            if kept_version > 0:
                s.execute(
                    update(ActionRevision)
                    .where(
                        ActionRevision.action_id == action_id,
                        ActionRevision.version == kept_version,
                    )
                    .values(conflict=False)
                )
            else:  # the marks of a deletion are no versions of the action: they go
                s.execute(
                    delete(ActionRevision).where(
                        ActionRevision.action_id == action_id, ActionRevision.version <= 0
                    )
                )
        return detail


def _detail(db: Database, action_id: int) -> ActionDetail:
    from centres_app.db.records import action_detail, load_action

    with db.reading() as s:
        return action_detail(load_action(s, action_id))


def _conflict(uuid: str, title: str, action_id: int, version: int) -> SyncConflict:
    if version == DELETED_HERE:
        return SyncConflict(uuid, title, action_id, 0, "deleted_here")
    if version == DELETED_THERE:
        return SyncConflict(uuid, title, action_id, 0, "deleted_there")
    return SyncConflict(uuid, title, action_id, version, "edited_both")


@dataclass(frozen=True)
class _Pulled:
    seq: int
    uuid: str
    server_id: int | None  # None: a tombstone


class _Sync:
    def __init__(
        self, local: Database, server: Database, run: _Run, progress: ProgressReport | None
    ) -> None:
        self.local = local
        self.server = server
        self.run_ = run
        self.progress = progress
        with server.reading() as s:
            found = s.scalar(select(SyncServer.server_id).where(SyncServer.id == 1))
        if not found:
            raise StoreError("Cette base PostgreSQL n'a pas d'identité de serveur (sync_server).")
        self.server_id: str = found
        # Identity -> (id, change number, version) of the local actions never synced with
        # this server, made at the first pull that needs it (_adopt).
        self._unsynced: dict[tuple[str, str, int | None, str], tuple[int, int, int]] | None = None

    # --- the whole run -------------------------------------------------------------------------

    def run(self) -> None:
        with self.local.reading() as s:
            last = s.scalar(
                select(SyncState.last_pulled).where(SyncState.server_id == self.server_id)
            )
        last = int(last or 0)
        with self.server.reading() as s:
            self.run_.total = int(
                s.execute(
                    text(
                        "SELECT (SELECT count(*) FROM action WHERE change_seq > :l) + "
                        "(SELECT count(*) FROM action_tombstone WHERE change_seq > :l)"
                    ),
                    {"l": last},
                ).scalar_one()
            )
        self._tell()
        while True:
            items, data, cut, read = self._read_server(last)
            if not read:
                break
            self._apply_pulled(items, data, cut)
            last = cut
            self.run_.done += read
            self._tell()
        pending, deletions = self._pending()
        self.run_.total = self.run_.done + len(pending) + len(deletions)
        self._tell()
        for start in range(0, len(pending), PUSH_BATCH):
            self._push(pending[start : start + PUSH_BATCH], [])
            self.run_.done += len(pending[start : start + PUSH_BATCH])
            self._tell()
        for start in range(0, len(deletions), PUSH_BATCH):
            self._push([], deletions[start : start + PUSH_BATCH])
            self.run_.done += len(deletions[start : start + PUSH_BATCH])
            self._tell()
        with self.local.writing(set()) as s:
            state = s.get(SyncState, self.server_id)
            if state is not None:
                state.synced_at = utcnow()

    def _tell(self) -> None:
        if self.progress is not None and not self.progress(self.run_.done, self.run_.total):
            raise _Cancelled

    # --- pull ----------------------------------------------------------------------------------

    def _read_server(self, last: int) -> tuple[list[_Pulled], dict[int, ActionData], int, int]:
        """The next batch after `last` (actions and tombstones in number order), one snapshot:
        (the items to apply, their server content, the last number read, the count read)."""
        with self.server.engine.connect() as conn:
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                rows = conn.execute(
                    text(
                        "SELECT change_seq, uuid, id FROM action WHERE change_seq > :l "
                        "ORDER BY change_seq LIMIT :n"
                    ),
                    {"l": last, "n": BATCH},
                ).all()
                tombs = conn.execute(
                    text(
                        "SELECT change_seq, uuid FROM action_tombstone WHERE change_seq > :l "
                        "ORDER BY change_seq LIMIT :n"
                    ),
                    {"l": last, "n": BATCH},
                ).all()
                items = sorted(
                    [_Pulled(int(q), u, int(i)) for q, u, i in rows]
                    + [_Pulled(int(q), u, None) for q, u in tombs],
                    key=lambda p: p.seq,
                )[:BATCH]
                if not items:
                    return [], {}, last, 0
                cut, read = items[-1].seq, len(items)
                # Versions this replica already holds (its own pushes, numbered by the server
                # after it recorded them): not read nor written again.
                known = self._known([p.uuid for p in items])
                items = [p for p in items if known.get(p.uuid) != p.seq]
                ids = [p.server_id for p in items if p.server_id is not None]
                data = load_data(conn, ids) if ids else {}
        return items, data, cut, read

    def _known(self, uuids: Sequence[str]) -> dict[str, int]:
        """uuid -> the server's number recorded in the base, for these uuids."""
        with self.local.reading() as s:
            return {u: b.server_seq for u, b in self._bases(s.connection(), uuids).items()}

    def _apply_pulled(
        self, items: Sequence[_Pulled], server_data: dict[int, ActionData], cut: int
    ) -> None:
        changed: set[int] = set()
        with self.local.writing(changed) as s:
            conn = s.connection()
            uuids = [p.uuid for p in items]
            local = {
                u: (i, int(q), int(v))
                for u, i, q, v in conn.execute(
                    select(Action.uuid, Action.id, Action.change_seq, Action.version).where(
                        Action.uuid.in_(_IDS)
                    ),
                    {"ids": uuids},
                )
            }
            bases = self._bases(conn, uuids)
            tombstoned = set(
                conn.execute(
                    select(ActionTombstone.uuid).where(ActionTombstone.uuid.in_(_IDS)),
                    {"ids": uuids},
                ).scalars()
            )
            current = load_data(conn, [v[0] for v in local.values()]) if local else {}
            seq = changes.transaction_seq(s)
            importer = BulkImporter(conn, lambda: seq)
            inserts: list[tuple[int, ActionData, str | None]] = []  # (id, data, mark)
            updates: list[tuple[int, ActionData, ActionData]] = []
            marked: list[tuple[int, int]] = []  # (action id, version) set aside
            removed: list[tuple[int, int, ActionData]] = []  # (id, version, data) to the trash
            new_bases: dict[str, tuple[int, int | None, str]] = {}  # uuid -> server, local, dg
            gone: list[str] = []  # bases and local tombstones to forget
            revived: list[str] = []  # local tombstones of actions the server brings back
            for item in items:
                base = bases.get(item.uuid)
                here = local.get(item.uuid)
                if item.server_id is None:  # deleted on the server
                    gone.append(item.uuid)
                    if here is None:
                        continue
                    action_id, local_seq, version = here
                    if base is not None and (
                        local_seq <= base.local_seq or digest(current[action_id]) == base.digest
                    ):
                        removed.append((action_id, version, current[action_id]))
                    else:  # edited here: the edit stays and is sent again
                        mine = current[action_id]
                        self._mark(s, action_id, DELETED_THERE, mine)
                        self.run_.conflicts.append(
                            SyncConflict(item.uuid, mine.title, action_id, 0, "deleted_there")
                        )
                    continue
                theirs = server_data[item.server_id]
                their_digest = digest(theirs)
                if here is None and item.uuid not in tombstoned:
                    here = self._adopt(conn, theirs)
                    if here is not None:
                        current.update(load_data(conn, [here[0]]))
                if here is None:
                    if item.uuid in tombstoned and base is not None and base.digest == their_digest:
                        # Deleted here, unchanged there: the deletion will be pushed.
                        new_bases[item.uuid] = (item.seq, base.local_seq, base.digest)
                        continue
                    mark = "deleted_here" if item.uuid in tombstoned and base is not None else None
                    action_id = importer.next_action
                    importer.next_action += 1
                    inserts.append((action_id, theirs, mark))
                    new_bases[item.uuid] = (item.seq, None, their_digest)
                    if item.uuid in tombstoned:
                        revived.append(item.uuid)
                    continue
                action_id, local_seq, version = here
                mine = current[action_id]
                my_digest = digest(mine)
                if my_digest == their_digest:
                    new_bases[item.uuid] = (item.seq, local_seq, their_digest)
                    continue
                if base is not None and base.digest == their_digest:
                    # The server holds what the base holds (our own last push coming back,
                    # renumbered): only this side changed, it is sent at the push.
                    new_bases[item.uuid] = (item.seq, base.local_seq, base.digest)
                    continue
                updates.append((action_id, theirs, mine))
                new_bases[item.uuid] = (item.seq, None, their_digest)
                if base is None or (local_seq > base.local_seq and my_digest != base.digest):
                    marked.append((action_id, version))
                    self.run_.conflicts.append(
                        SyncConflict(item.uuid, theirs.title, action_id, version, "edited_both")
                    )
            if inserts:
                importer._insert_sqlite([(i, d) for i, d, _ in inserts])
                for action_id, data, mark in inserts:
                    if mark is not None:
                        self._mark(s, action_id, DELETED_HERE, _deleted_content(s, data))
                        self.run_.conflicts.append(
                            SyncConflict(data.uuid, data.title, action_id, 0, mark)
                        )
            if updates:
                importer._update(updates, with_attachments=True)
                for action_id, version in marked:
                    s.execute(
                        update(ActionRevision)
                        .where(
                            ActionRevision.action_id == action_id,
                            ActionRevision.version == version,
                        )
                        .values(conflict=True)
                    )
            if removed:
                for action_id, version, data in removed:
                    to_trash(s, action_id, version, data)
                s.flush()
                ids = [i for i, _, _ in removed]
                fulltext.unindex(conn, ids)
                conn.execute(
                    text("DELETE FROM action WHERE id IN :ids").bindparams(_IDS), {"ids": ids}
                )
            touched = (
                [i for i, _, _ in inserts] + [i for i, _, _ in updates] + [i for i, _, _ in removed]
            )
            changed.update(touched)
            changes.stamp(s, touched)
            _put_bases(
                s,
                self.server_id,
                [
                    (u, q, seq if held is None else held, dg)
                    for u, (q, held, dg) in new_bases.items()
                ],
            )
            if gone:
                _forget(s, self.server_id, gone)
            if revived:
                s.execute(
                    delete(ActionTombstone).where(ActionTombstone.uuid.in_(_IDS)), {"ids": revived}
                )
            state = s.get(SyncState, self.server_id)
            if state is None:
                s.add(SyncState(server_id=self.server_id, last_pulled=cut))
            else:
                state.last_pulled = cut
            self.run_.received += len(touched)

    def _adopt(self, conn: Connection, theirs: ActionData) -> tuple[int, int, int] | None:
        """A local action never synced with this server that is the server's `theirs` by
        today's identity rule (title + structure + year + form: the same SENACS or JSON file
        imported on both sides before a first sync): it takes the server's uuid, so the first
        sync compares the two instead of sending a duplicate. None when there is none."""
        if self._unsynced is None:
            self._unsynced = {
                (t, st, y, f): (int(i), int(q), int(v))
                for i, t, st, y, f, q, v in conn.execute(
                    text(
                        "SELECT a.id, a.title, a.structure, a.year, a.form, a.change_seq, "
                        "a.version FROM action a LEFT JOIN sync_base b "
                        "ON b.server_id = :s AND b.uuid = a.uuid WHERE b.uuid IS NULL"
                    ),
                    {"s": self.server_id},
                )
            }
        found = self._unsynced.pop(theirs.identity, None)
        if found is not None:
            conn.execute(
                text("UPDATE action SET uuid = :u WHERE id = :i"), {"u": theirs.uuid, "i": found[0]}
            )
        return found

    def _mark(self, s: Session, action_id: int, version: int, data: ActionData) -> None:
        s.execute(
            delete(ActionRevision).where(
                ActionRevision.action_id == action_id, ActionRevision.version == version
            )
        )
        s.add(
            ActionRevision(
                action_id=action_id,
                version=version,
                saved_at=utcnow(),
                data=json.dumps(data.to_dict(), ensure_ascii=False),
                conflict=True,
            )
        )
        s.flush()

    def _bases(self, conn: Connection, uuids: Sequence[str]) -> dict[str, _Base]:
        return {
            u: _Base(int(a), int(b), d)
            for u, a, b, d in conn.execute(
                select(SyncBase.uuid, SyncBase.server_seq, SyncBase.local_seq, SyncBase.digest)
                .where(SyncBase.server_id == self.server_id)
                .where(SyncBase.uuid.in_(_IDS)),
                {"ids": list(uuids)},
            )
        }

    # --- push ----------------------------------------------------------------------------------

    def _pending(self) -> tuple[list[tuple[int, str]], list[str]]:
        """(local id, uuid) of the actions changed since their base (or never synced), in
        number order; the uuids of the local deletions of actions the server knows."""
        with self.local.reading() as s:
            pending = [
                (int(i), u)
                for i, u in s.execute(
                    text(
                        "SELECT a.id, a.uuid FROM action a LEFT JOIN sync_base b "
                        "ON b.server_id = :s AND b.uuid = a.uuid "
                        "WHERE b.uuid IS NULL OR a.change_seq > b.local_seq "
                        "ORDER BY a.change_seq, a.id"
                    ),
                    {"s": self.server_id},
                )
            ]
            deletions = list(
                s.scalars(
                    text(
                        "SELECT t.uuid FROM action_tombstone t JOIN sync_base b "
                        "ON b.server_id = :s AND b.uuid = t.uuid "
                        "WHERE NOT EXISTS (SELECT 1 FROM action a WHERE a.uuid = t.uuid) "
                        "ORDER BY t.change_seq"
                    ),
                    {"s": self.server_id},
                )
            )
        return pending, deletions

    def _push(self, actions: Sequence[tuple[int, str]], deletions: Sequence[str]) -> None:
        with self.local.reading() as s:
            conn = s.connection()
            ids = [i for i, _ in actions]
            data = load_data(conn, ids) if ids else {}
            seqs = (
                dict(
                    conn.execute(
                        select(Action.id, Action.change_seq).where(Action.id.in_(_IDS)),
                        {"ids": ids},
                    ).all()
                )
                if ids
                else {}
            )
            bases = self._bases(conn, [u for _, u in actions] + list(deletions))
        sent: dict[str, tuple[int, int, str]] = {}  # uuid -> server seq, local seq, digest
        deleted: list[str] = []
        server_changed: set[int] = set()
        with self.server.writing(server_changed) as s:
            for action_id, uuid in actions:
                if action_id not in data:
                    continue  # deleted here meanwhile: the next sync sends the deletion
                content = data[action_id]
                outcome = self._guarded(
                    s,
                    SyncConflict(uuid, content.title, action_id, 0, "refused"),
                    partial(_push_one, s, uuid, content, bases.get(uuid)),
                )
                if outcome is not None:
                    server_id, server_seq = outcome
                    server_changed.add(server_id)
                    sent[uuid] = (server_seq, int(seqs[action_id]), digest(content))
            for uuid in deletions:
                base = bases.get(uuid)
                if base is None:
                    continue
                outcome = self._guarded(
                    s,
                    SyncConflict(uuid, "", 0, 0, "refused"),
                    partial(_delete_one, s, uuid, base),
                )
                if outcome is not None:
                    if outcome[0] > 0:
                        server_changed.add(outcome[0])
                    deleted.append(uuid)
        with self.local.writing(set()) as s:
            _put_bases(s, self.server_id, [(u, q, held, dg) for u, (q, held, dg) in sent.items()])
            if deleted:
                _forget(s, self.server_id, deleted)
        self.run_.sent += len(sent) + len(deleted)

    def _guarded(self, s: Session, what: SyncConflict, write: Any) -> tuple[int, int] | None:
        """Runs one action's write in a savepoint: its result, or None when it was skipped
        (changed on the server since the base) or refused (recorded in the report)."""
        try:
            with s.begin_nested():
                result: tuple[int, int] | None = write()
            return result
        except StaleDataError:
            refused = _still_at(s, what.uuid)
        except DBAPIError as exc:
            if getattr(exc.orig, "sqlstate", None) != "42501":  # insufficient_privilege
                raise
            refused = True
        if refused:
            self.run_.refused.append(what)
        return None


def _still_at(s: Session, uuid: str) -> bool:
    """After a write that matched no row: True when the row is there (a refusal), False when it
    changed or went meanwhile (the next pull sees it)."""
    return s.scalar(select(Action.id).where(Action.uuid == uuid)) is not None


def _push_one(
    s: Session, uuid: str, content: ActionData, base: _Base | None
) -> tuple[int, int] | None:
    row = s.scalar(
        select(Action)
        .where(Action.uuid == uuid)
        .options(selectinload(Action.terms), selectinload(Action.attachments))
    )
    if row is None:
        if base is not None:
            return None  # deleted there since the base: the next pull says so
        row = Action(uuid=uuid)
        s.add(row)
        TermCache(s).apply(row, content)
    else:
        if base is None or row.change_seq != base.server_seq:
            return None  # changed there since the base: the next pull makes it a conflict
        keep_revision(s, row.id, row.version, row.updated_at, action_data(row))
        TermCache(s).apply(row, content)
    s.flush()
    index(s, row)
    s.flush()
    seq = s.scalar(select(Action.change_seq).where(Action.id == row.id))
    return row.id, int(seq or 0)


def _delete_one(s: Session, uuid: str, base: _Base) -> tuple[int, int] | None:
    row = s.scalar(
        select(Action)
        .where(Action.uuid == uuid)
        .options(selectinload(Action.terms), selectinload(Action.attachments))
    )
    if row is None:
        return (0, 0)  # already gone there
    if row.change_seq != base.server_seq:
        return None  # edited there: the next pull brings it back
    to_trash(s, row.id, row.version, action_data(row))
    s.delete(row)
    s.flush()
    return (row.id, 0)


def _deleted_content(s: Session, data: ActionData) -> ActionData:
    """The content this replica deleted (its trash entry), else the server's."""
    found = s.scalar(
        select(DeletedAction.data)
        .where(DeletedAction.data.contains(data.uuid))
        .order_by(DeletedAction.id.desc())
        .limit(1)
    )
    return ActionData.from_dict(json.loads(found)) if found else data


def _put_bases(s: Session, server_id: str, bases: Sequence[tuple[str, int, int, str]]) -> None:
    """Records (uuid, server seq, local seq, digest) as what both sides hold now."""
    if not bases:
        return
    s.execute(
        text(
            "INSERT INTO sync_base (server_id, uuid, server_seq, local_seq, digest) "
            "VALUES (:s, :u, :q, :l, :d) ON CONFLICT (server_id, uuid) DO UPDATE SET "
            "server_seq = excluded.server_seq, local_seq = excluded.local_seq, "
            "digest = excluded.digest"
        ),
        [{"s": server_id, "u": u, "q": q, "l": held, "d": dg} for u, q, held, dg in bases],
    )


def _forget(s: Session, server_id: str, uuids: Sequence[str]) -> None:
    s.execute(
        delete(SyncBase).where(SyncBase.server_id == server_id, SyncBase.uuid.in_(_IDS)),
        {"ids": list(uuids)},
    )
    s.execute(delete(ActionTombstone).where(ActionTombstone.uuid.in_(_IDS)), {"ids": list(uuids)})
