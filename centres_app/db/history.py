"""History of previous versions and the trash, stored as exchange JSON beside the actions."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection, CursorResult, delete, func, insert, select
from sqlalchemy.orm import Session

from centres_app.db.models import ActionRevision, DeletedAction, utcnow
from centres_app.domain import ActionData, Revision, TrashEntry
from centres_app.errors import NotFound

# Enough to undo a season of edits without letting big texts grow the file forever.
REVISIONS_KEPT = 50


def _dumps(data: ActionData) -> str:
    return json.dumps(data.to_dict(), ensure_ascii=False)


def _loads(text: str) -> ActionData:
    return ActionData.from_dict(json.loads(text))


def keep_revision(
    session: Session, action_id: int, version: int, saved_at: dt.datetime, data: ActionData
) -> None:
    """Records the version about to be replaced, and trims the oldest ones."""
    keep_revisions(session, [(action_id, version, saved_at, data)])


def keep_revisions(
    conn: Connection | Session, kept: Sequence[tuple[int, int, dt.datetime, ActionData]]
) -> None:
    """Records the versions about to be replaced, (action id, version, saved at, content) each,
    and trims the oldest beyond REVISIONS_KEPT (never a conflict's): the editor's saves one at
    a time, an import's updates by chunks (the same rows, restored the same way)."""
    if not kept:
        return
    conn.execute(
        insert(ActionRevision),
        [
            {"action_id": i, "version": v, "saved_at": at, "data": _dumps(data)}
            for i, v, at, data in kept
        ],
    )
    ids = list({i for i, _, _, _ in kept})
    counted = func.count(ActionRevision.id)
    # A version a sync set aside (conflict) waits for the user's choice: never trimmed.
    plain = ActionRevision.conflict.is_(False)
    over = conn.execute(
        select(ActionRevision.action_id, counted)
        .where(ActionRevision.action_id.in_(ids), plain)
        .group_by(ActionRevision.action_id)
        .having(counted > REVISIONS_KEPT)
    ).all()
    for action_id, count in over:
        oldest = (
            select(ActionRevision.id)
            .where(ActionRevision.action_id == action_id, plain)
            .order_by(ActionRevision.version)
            .limit(count - REVISIONS_KEPT)
        )
        conn.execute(delete(ActionRevision).where(ActionRevision.id.in_(oldest)))


def revisions(session: Session, action_id: int) -> list[Revision]:
    rows = session.scalars(
        select(ActionRevision)
        .where(ActionRevision.action_id == action_id)
        .order_by(ActionRevision.version.desc())
    )
    return [
        Revision(r.action_id, r.version, r.saved_at, _loads(r.data), bool(r.conflict)) for r in rows
    ]


def revision_data(session: Session, action_id: int, version: int) -> ActionData:
    row = session.scalar(
        select(ActionRevision).where(
            ActionRevision.action_id == action_id, ActionRevision.version == version
        )
    )
    if row is None:
        raise NotFound(f"Aucune version {version} pour l'action n° {action_id}.")
    return _loads(row.data)


def to_trash(session: Session, action_id: int, version: int, data: ActionData) -> None:
    """Keeps a deleted action and its history; the history rows go with the action row."""
    history = [
        {"version": r.version, "saved_at": r.saved_at.isoformat(), "data": r.data.to_dict()}
        for r in revisions(session, action_id)
    ]
    session.add(
        DeletedAction(
            action_id=action_id,
            title=data.title,
            structure=data.structure,
            year=data.year,
            version=version,
            deleted_at=utcnow(),
            data=_dumps(data),
            history=json.dumps(history, ensure_ascii=False),
        )
    )


def trash_entries(session: Session) -> list[TrashEntry]:
    rows = session.scalars(
        select(DeletedAction).order_by(DeletedAction.deleted_at.desc(), DeletedAction.id.desc())
    )
    return [TrashEntry(r.id, r.action_id, r.title, r.structure, r.year, r.deleted_at) for r in rows]


@dataclass(frozen=True)
class Trashed:
    """What a trash entry gives back: content, version count and history."""

    action_id: int
    version: int
    data: ActionData
    history: list[Revision]


def take_from_trash(session: Session, entry_id: int) -> Trashed:
    row = session.get(DeletedAction, entry_id)
    if row is None:
        raise NotFound(f"L'entrée n° {entry_id} n'est pas (ou plus) dans la corbeille.")
    history = [
        Revision(
            row.action_id,
            int(h["version"]),
            dt.datetime.fromisoformat(h["saved_at"]),
            ActionData.from_dict(h["data"]),
        )
        for h in json.loads(row.history or "[]")
    ]
    taken = Trashed(row.action_id, row.version, _loads(row.data), history)
    session.delete(row)
    session.flush()
    return taken


def latest_entry_of(session: Session, action_id: int) -> int:
    entry = session.scalar(
        select(DeletedAction.id)
        .where(DeletedAction.action_id == action_id)
        .order_by(DeletedAction.id.desc())
        .limit(1)
    )
    if entry is None:
        raise NotFound(f"L'action n° {action_id} n'est pas dans la corbeille.")
    return entry


def restore_history(session: Session, action_id: int, history: list[Revision]) -> None:
    for r in history:
        session.add(
            ActionRevision(
                action_id=action_id, version=r.version, saved_at=r.saved_at, data=_dumps(r.data)
            )
        )


def purge_trash(session: Session, entry_ids: Sequence[int] | None) -> int:
    stmt = delete(DeletedAction)
    if entry_ids is not None:
        stmt = stmt.where(DeletedAction.id.in_(list(entry_ids)))
    # A DELETE's result is a CursorResult (Session.execute is typed for any statement).
    return int(cast(CursorResult[Any], session.execute(stmt)).rowcount or 0)
