"""Writing actions, the trash and the history (centres_app.services.ActionService).

One write transaction each (Database.writing); the in-memory index is told which actions
changed. Returns frozen dataclasses of centres_app.domain, never live ORM objects.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from centres_app.db.database import OnDatabase
from centres_app.db.history import (
    keep_revision,
    latest_entry_of,
    purge_trash,
    restore_history,
    revision_data,
    revisions,
    take_from_trash,
    to_trash,
    trash_entries,
)
from centres_app.db.import_checks import normalised
from centres_app.db.models import Action, DeletedAction
from centres_app.db.records import (
    TermCache,
    action_data,
    action_detail,
    conflict,
    index,
    load_action,
    unindex,
)
from centres_app.db.server_roles import require_writable
from centres_app.domain import ActionData, ActionDetail, Revision, TrashEntry, validate
from centres_app.errors import Conflict, ValidationFailed


class ActionEditing(OnDatabase):
    """Creating, saving and deleting actions; the trash and the history of versions."""

    def create(self, data: ActionData) -> ActionDetail:
        _check(data)
        changed: set[int] = set()
        with self._db.writing(changed) as s:
            require_writable(s, data.structure)
            action = Action()
            s.add(action)
            TermCache(s).apply(action, data)
            s.flush()
            changed.add(action.id)
            index(s, action)
            return action_detail(action)

    def update(self, action_id: int, expected_version: int, data: ActionData) -> ActionDetail:
        """Saves an edit made on `expected_version`; refuses to overwrite a newer one."""
        _check(data)
        try:
            with self._db.writing({action_id}) as s:
                action = load_action(s, action_id)
                if action.version != expected_version:
                    raise conflict(action)
                previous = action_data(action)
                if previous == normalised(data):
                    return action_detail(action)  # nothing changed: no new version
                require_writable(s, normalised(data).structure, current=action.structure)
                keep_revision(s, action.id, action.version, action.updated_at, previous)
                unindex(s, action)  # the stored row's words, before it changes
                TermCache(s).apply(action, data)
                s.flush()
                index(s, action)
                return action_detail(action)
        except StaleDataError as exc:
            raise Conflict(
                "Cette action a été modifiée ailleurs pendant votre saisie : "
                "rechargez-la avant d'enregistrer."
            ) from exc

    def delete(self, action_id: int, expected_version: int | None = None) -> ActionData:
        """Moves an action to the trash and returns its content. `restore_deleted` undoes it."""
        with self._db.writing({action_id}) as s:
            action = load_action(s, action_id)
            if expected_version is not None and action.version != expected_version:
                raise conflict(action)
            require_writable(s, None, current=action.structure)
            data = action_data(action)
            to_trash(s, action.id, action.version, data)
            unindex(s, action)
            s.delete(action)
            return data

    def trash(self) -> list[TrashEntry]:
        """The deleted actions, most recently deleted first."""
        with self._db.reading() as s:
            return trash_entries(s)

    def restore_deleted(self, action_id: int) -> ActionDetail:
        """Undoes the latest deletion of this action."""
        with self._db.reading() as s:
            entry = latest_entry_of(s, action_id)
        return self.restore_trash_entry(entry)

    def restore_trash_entry(self, entry_id: int) -> ActionDetail:
        """Puts a deleted action back with its history, under its old id when still free."""
        changed: set[int] = set()
        with self._db.writing(changed) as s:
            entry = s.get(DeletedAction, entry_id)
            if entry is not None:  # (else take_from_trash says it is gone)
                require_writable(s, None, current=entry.structure)
            taken = take_from_trash(s, entry_id)
            require_writable(s, taken.data.structure)
            free = s.get(Action, taken.action_id) is None
            action = Action(id=taken.action_id) if free else Action()
            # Its identity comes back with it (issue 19), unless a sync brought it back meanwhile.
            uuid = taken.data.uuid
            if uuid and s.scalar(select(Action.id).where(Action.uuid == uuid)) is None:
                action.uuid = uuid
            s.add(action)
            TermCache(s).apply(action, taken.data)
            s.flush()
            # The version count goes on: a window still holding the old version stays stale.
            action.version = taken.version + 1
            s.flush()
            restore_history(s, action.id, taken.history)
            changed.add(action.id)
            index(s, action)
            return action_detail(action)

    def empty_trash(self, entry_ids: Sequence[int] | None = None) -> int:
        """Deletes for good the given trash entries (all when `entry_ids` is None)."""
        with self._db.writing(set()) as s:  # trash rows only: the index stays as it is
            return purge_trash(s, entry_ids)

    def history(self, action_id: int) -> list[Revision]:
        """Previous versions of an action, newest first."""
        with self._db.reading() as s:
            return revisions(s, action_id)

    def restore_revision(
        self, action_id: int, revision_version: int, expected_version: int
    ) -> ActionDetail:
        """Makes an old version current again (as a new version; nothing is lost)."""
        with self._db.reading() as s:
            old = revision_data(s, action_id, revision_version)
        return self.update(action_id, expected_version, old)


def _check(data: ActionData) -> None:
    errors = validate(data)
    if errors:
        raise ValidationFailed(errors)
