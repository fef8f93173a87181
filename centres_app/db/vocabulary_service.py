"""Renaming and merging vocabulary values (centres_app.services.VocabularyService, issue 16).

A typo that became a keyword (« mobilit »), two spellings of one partner (« Caf » / « CAF »),
an unofficial département (« Isere »): the value is renamed in every action that holds it, or
merged into the existing value of that name. One write transaction for all of them; each
changed action is saved like an edit (a new version, the previous one kept in the history, its
words re-indexed), so the change can be undone action by action and another window sees it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from centres_app.db.database import OnDatabase
from centres_app.db.history import keep_revision
from centres_app.db.models import Action, ActionTerm, Term
from centres_app.db.records import TermCache, action_data, index, unindex
from centres_app.db.server_roles import may_edit_vocabulary, may_write
from centres_app.domain import (
    BAD_CHARS,
    MAX_TERM_LENGTH,
    TERM_FIELDS,
    ActionData,
    VocabularyValue,
    fold,
    nfc,
)
from centres_app.errors import AppError, Forbidden

# Values that are columns of the action rather than terms; renamed the same way.
COLUMN_KINDS = ("department", "structure", "status")


class VocabularyEditing(OnDatabase):
    """The values of each vocabulary kind with their use counts; rename and merge."""

    def vocabulary_counts(self, kind: str) -> list[VocabularyValue]:
        """Every value of `kind` with the number of (non-deleted) actions holding it, in
        accent-insensitive order; values no action holds any more are left out."""
        _check_kind(kind)
        with self._db.reading() as s:
            if kind in TERM_FIELDS:
                rows = s.execute(
                    select(Term.name, func.count(ActionTerm.action_id))
                    .join(ActionTerm, ActionTerm.term_id == Term.id)
                    .where(Term.kind == kind)
                    .group_by(Term.name)
                )
            else:
                column = getattr(Action, kind)
                rows = s.execute(select(column, func.count(Action.id)).group_by(column))
            counts = [VocabularyValue(name, count) for name, count in rows if name]
        return sorted(counts, key=lambda v: (fold(v.name), v.name))

    def rename_value(self, kind: str, old: str, new: str) -> int:
        """Renames `old` to `new` in every action of `kind` that holds it (merging when `new`
        exists: an action holding both keeps one); returns the number of actions changed.
        Raises AppError (French) for an empty, too long or unknown value."""
        _check_kind(kind)
        new = nfc(" ".join(new.split()))
        if not new:
            raise AppError("Le nouveau nom est vide.")
        if len(new) > MAX_TERM_LENGTH or BAD_CHARS.search(new):
            raise AppError(
                f"Le nouveau nom est trop long (plus de {MAX_TERM_LENGTH} caractères) "
                "ou contient un caractère de contrôle."
            )
        if new == old:
            return 0
        changed: set[int] = set()
        with self._db.writing(changed) as s:
            ids = list(s.scalars(_holding(kind, old)))
            if not ids:
                raise AppError(f"Aucune action n'a la valeur « {old} » : la liste a changé ?")
            _require_writable(s, _holding(kind, old), old)
            terms = TermCache(s)
            for action in s.scalars(select(Action).where(Action.id.in_(ids)).order_by(Action.id)):
                previous = action_data(action)
                data = _renamed(previous, kind, old, new)
                if data == previous:
                    continue
                keep_revision(s, action.id, action.version, action.updated_at, previous)
                unindex(s, action)  # the stored row's words, before it changes
                terms.apply(action, data)
                s.flush()
                index(s, action)
                changed.add(action.id)
            # The shared vocabulary's rows are the administrators' (PostgreSQL, 0010): a
            # centre's rename leaves the unused old term where it is (no action holds it).
            if kind in TERM_FIELDS and may_edit_vocabulary(s):
                s.flush()
                unused = select(ActionTerm.term_id).where(ActionTerm.term_id == Term.id)
                for term in s.scalars(
                    select(Term).where(Term.kind == kind, Term.name == old, ~unused.exists())
                ):
                    s.delete(term)
            return len(changed)


def _require_writable(session: Session, holding: Select[Any], value: str) -> None:
    """Refuses a rename that would change actions of another centre (PostgreSQL roles)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    structures = session.scalars(
        select(Action.structure)
        .where(Action.id.in_(holding.scalar_subquery()))
        .distinct()
        .order_by(Action.structure)
    )
    refused = [name for name in structures if not may_write(session, name)]
    if refused:
        raise Forbidden(
            f"La valeur « {value} » est aussi celle d'actions d'autres centres "
            f"(« {refused[0]} »{' et autres' if len(refused) > 1 else ''}) : votre compte ne "
            "peut pas les modifier ; un administrateur de la fédération peut la renommer "
            "partout."
        )


def _check_kind(kind: str) -> None:
    if kind not in TERM_FIELDS and kind not in COLUMN_KINDS:
        raise ValueError(kind)


def _holding(kind: str, value: str) -> Select[Any]:
    if kind in TERM_FIELDS:
        return (
            select(ActionTerm.action_id)
            .join(Term, Term.id == ActionTerm.term_id)
            .where(Term.kind == kind, Term.name == value)
        )
    return select(Action.id).where(getattr(Action, kind) == value)


def _renamed(data: ActionData, kind: str, old: str, new: str) -> ActionData:
    value = getattr(data, kind)
    if isinstance(value, tuple):
        out: list[str] = []
        for item in value:
            item = new if item == old else item
            if item not in out:
                out.append(item)
        return data.replace(**{kind: tuple(out)})
    return data.replace(**{kind: new}) if value == old else data
