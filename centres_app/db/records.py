"""ORM actions <-> domain records: loading, copying a record onto a row, full-text indexing.

Shared by the store services (store.py) that read or write actions.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from centres_app.db import fulltext, pgsearch
from centres_app.db.bulk import term_names
from centres_app.db.import_checks import normalised
from centres_app.db.models import (
    Action,
    ActionTerm,
    AttachmentFile,
    Term,
    lines_text,
    terms_text,
    text_lines,
    utcnow,
)
from centres_app.domain import TERM_FIELDS, TEXT_FIELDS, ActionData, ActionDetail, Attachment, fold
from centres_app.errors import Conflict, NotFound

SCALAR_FIELDS = (
    "title",
    "department",
    "year",
    "structure",
    "status",
    *TEXT_FIELDS,
    "form",
    "published_by",
)


def conflict(action: Action) -> Conflict:
    return Conflict(
        f"L'action « {action.title} » a été modifiée ailleurs (version {action.version}) "
        "depuis que vous l'avez ouverte : vos changements n'ont pas été enregistrés. "
        "Rechargez-la ou copiez votre texte."
    )


def load_action(session: Session, action_id: int) -> Action:
    action = session.get(
        Action,
        action_id,
        options=[selectinload(Action.terms), selectinload(Action.attachments)],
    )
    if action is None:
        raise NotFound(f"Aucune action n° {action_id}.")
    return action


def action_data(action: Action) -> ActionData:
    values: dict[str, object] = {name: getattr(action, name) for name in SCALAR_FIELDS}
    values["file_references"] = text_lines(action.file_references)
    by_kind: dict[str, list[str]] = {kind: [] for kind in TERM_FIELDS}
    for link in action.terms:
        by_kind[link.term.kind].append(link.term.name)
    for kind, multi in TERM_FIELDS.items():
        values[kind] = (
            tuple(by_kind[kind]) if multi else (by_kind[kind][0] if by_kind[kind] else "")
        )
    values["attachments"] = tuple(
        Attachment(name=a.name, data=a.data, mime=a.mime) for a in action.attachments
    )
    values["uuid"] = action.uuid or ""
    return ActionData(**values)  # type: ignore[arg-type]  # built field by field, from the model


def action_detail(action: Action) -> ActionDetail:
    return ActionDetail(
        id=action.id,
        version=action.version,
        created_at=action.created_at,
        updated_at=action.updated_at,
        data=action_data(action),
    )


class TermCache:
    """Resolves vocabulary names to Term rows once per transaction, creating new ones."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._terms: dict[tuple[str, str], Term] | None = None

    def term(self, kind: str, name: str) -> Term:
        if self._terms is None:
            self._terms = {(t.kind, t.name): t for t in self.session.scalars(select(Term))}
        key = (kind, name)
        found = self._terms.get(key)
        if found is None:
            found = Term(kind=kind, name=name)
            self.session.add(found)
            self._terms[key] = found
        return found

    def apply(self, action: Action, data: ActionData) -> None:
        """Copies every field of `data` onto the ORM action."""
        data = normalised(data)
        for name in SCALAR_FIELDS:
            if getattr(action, name, None) != getattr(data, name):
                setattr(action, name, getattr(data, name))
        references = lines_text(data.file_references)
        if action.file_references != references:
            action.file_references = references
        action.title_key = fold(data.title)
        # Always touch the row: the UPDATE bumps the version even when only terms changed.
        action.updated_at = utcnow()
        names = term_names(data)
        # Before the term lookups below, which flush: the INSERT or UPDATE of the action
        # carries its terms_text (no second UPDATE, no second version).
        text_of_terms = terms_text(name for _, name in names)
        if action.terms_text != text_of_terms:
            action.terms_text = text_of_terms
        wanted = [self.term(kind, name) for kind, name in names]
        current = [link.term for link in action.terms]
        if current != wanted:
            action.terms.clear()
            self.session.flush()
            for position, term in enumerate(wanted):
                action.terms.append(ActionTerm(term=term, position=position))
        attachments = [(a.name, a.mime, a.data) for a in data.attachments]
        if [(a.name, a.mime, a.data) for a in action.attachments] != attachments:
            action.attachments.clear()
            for position, (name, mime, blob) in enumerate(attachments):
                action.attachments.append(
                    AttachmentFile(
                        position=position,
                        name=name,
                        mime=mime,
                        size=len(blob),
                        sha256=Attachment(name, blob).sha256,
                        data=blob,
                    )
                )


def unindex(session: Session, action: Action) -> None:
    """Takes a stored action's words out of SQLite's full-text index, before its row changes
    or goes (PostgreSQL's vector lives in the row itself)."""
    if session.get_bind().dialect.name == "sqlite":
        fulltext.unindex(session, [action.id])


def index(session: Session, action: Action) -> None:
    """Indexes the words of a written action, inside the same transaction (on SQLite, its
    old words were taken out before the row changed: fulltext.unindex)."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        fulltext.index(session, [action.id])
    elif dialect == "postgresql":
        # Done here rather than by a trigger: the vector needs the terms of another table,
        # written after the action row, and the same words as the SQLite index.
        pgsearch.update_vectors(session, [(action.id, action_data(action))])
