"""SQLAlchemy 2 models of the store: actions, vocabulary terms, attachments."""

from __future__ import annotations

import datetime as dt
import uuid as _uuid
from collections.abc import Iterable

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Stable constraint names, so that Alembic batch migrations on SQLite can find them.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def terms_text(names: Iterable[str]) -> str:
    """The `terms_text` column of an action whose terms are `names` (stored order)."""
    return "\n".join(names)


def lines_text(values: Iterable[str]) -> str:
    """The `file_references` column of an action whose references are `values` (one a line)."""
    return "\n".join(values)


def text_lines(text: str | None) -> tuple[str, ...]:
    """`lines_text` read back."""
    return tuple(text.split("\n")) if text else ()


def new_uuid() -> str:
    """A new action's global identity (issue 19)."""
    return str(_uuid.uuid4())


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Action(Base):
    """One action of a social centre (design §2)."""

    __tablename__ = "action"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    # Accent- and case-folded title: sort key for the list, identity lookups.
    title_key: Mapped[str] = mapped_column(String(500), index=True)
    department: Mapped[str] = mapped_column(String(100), index=True)
    # None for an older "expérience" page (issue 18), which has no year.
    year: Mapped[int | None] = mapped_column(Integer, index=True, nullable=True)
    structure: Mapped[str] = mapped_column(String(300), index=True)
    status: Mapped[str] = mapped_column(String(50), index=True)
    end_reason: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    initiative_detail: Mapped[str] = mapped_column(Text, default="")
    experience: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    financial_resources: Mapped[str] = mapped_column(Text, default="")
    people_mobilised: Mapped[str] = mapped_column(Text, default="")
    result_territory: Mapped[str] = mapped_column(Text, default="")
    result_centre: Mapped[str] = mapped_column(Text, default="")
    result_inhabitants: Mapped[str] = mapped_column(Text, default="")
    limits: Mapped[str] = mapped_column(Text, default="")
    perspectives: Mapped[str] = mapped_column(Text, default="")
    # Issue 18 (migration 0007): the form of the record and the older "expérience" pages.
    form: Mapped[str] = mapped_column(String(20), default="action", server_default="action")
    published_by: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The associated-file lines of a page, one per line (domain: a tuple of strings).
    file_references: Mapped[str] = mapped_column(Text, default="", server_default="")
    diagnostic: Mapped[str] = mapped_column(Text, default="", server_default="")
    impacts: Mapped[str] = mapped_column(Text, default="", server_default="")
    success_factors: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The action's vocabulary terms as text (one per line, in stored order): a column of the
    # full-text index (db/fulltext.py), kept in step by the app with the action_term rows.
    terms_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    # Issue 19 (migration 0009): the global identity, travelling through sync and exchange...
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    # ...and the number of the last change: drawn by a trigger on PostgreSQL, from sync_clock
    # by the app's write path on SQLite (db/changes.py).
    change_seq: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0", index=True)

    terms: Mapped[list[ActionTerm]] = relationship(
        back_populates="action",
        cascade="all, delete-orphan",
        order_by="ActionTerm.position",
    )
    attachments: Mapped[list[AttachmentFile]] = relationship(
        back_populates="action",
        cascade="all, delete-orphan",
        order_by="AttachmentFile.position",
    )

    # Optimistic locking: an UPDATE carries "WHERE version = <loaded version>".
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (Index("ix_action_identity", "title", "structure", "year"),)


class Term(Base):
    """A vocabulary value of one kind (dimension, keywords, initiative, territory, ...)."""

    __tablename__ = "term"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    name: Mapped[str] = mapped_column(String(300))

    __table_args__ = (UniqueConstraint("kind", "name", name="uq_term_kind_name"),)


class ActionTerm(Base):
    """Association action <-> term, keeping the order of the source list."""

    __tablename__ = "action_term"

    action_id: Mapped[int] = mapped_column(
        ForeignKey("action.id", ondelete="CASCADE"), primary_key=True
    )
    term_id: Mapped[int] = mapped_column(ForeignKey("term.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    action: Mapped[Action] = relationship(back_populates="terms")
    term: Mapped[Term] = relationship(lazy="joined")

    # Facet counts go term -> actions: index the reverse direction too.
    __table_args__ = (Index("ix_action_term_term", "term_id", "action_id"),)


class AttachmentFile(Base):
    """A file attached to an action, with its content (one file is the whole store)."""

    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(255))
    mime: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)

    action: Mapped[Action] = relationship(back_populates="attachments")


class DeletedAction(Base):
    """An action in the trash (« Corbeille »): its whole content and history, restorable."""

    __tablename__ = "deleted_action"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action_id: Mapped[int] = mapped_column(Integer, index=True)  # the id it had
    title: Mapped[str] = mapped_column(String(500))
    structure: Mapped[str] = mapped_column(String(300))
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    version: Mapped[int] = mapped_column(Integer)
    deleted_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    # The exchange JSON object of the action (attachments included)...
    data: Mapped[str] = mapped_column(Text)
    # ...and its previous versions: SQLite may give the id to a new action meanwhile.
    history: Mapped[str] = mapped_column(Text, default="[]")


class ActionRevision(Base):
    """A previous version of an action, kept at each save (history the user can restore)."""

    __tablename__ = "action_revision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    saved_at: Mapped[dt.datetime] = mapped_column(DateTime)
    data: Mapped[str] = mapped_column(Text)
    # Set aside by a sync (issue 19): the version not applied, until the user chooses.
    conflict: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")


class ActionTombstone(Base):
    """A deleted action's identity and the number of its deletion (written by triggers)."""

    __tablename__ = "action_tombstone"

    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    structure: Mapped[str] = mapped_column(String(300), server_default="")
    title: Mapped[str] = mapped_column(String(500), server_default="")
    change_seq: Mapped[int] = mapped_column(BigInteger, server_default="0", index=True)
    deleted_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class SyncServer(Base):
    """One row: this database's identity as a sync server."""

    __tablename__ = "sync_server"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    server_id: Mapped[str] = mapped_column(String(36))


class SyncState(Base):
    """How far this replica has pulled from a server (by the server's identity)."""

    __tablename__ = "sync_state"

    server_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    last_pulled: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    synced_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class SyncBase(Base):
    """What both sides held of an action at the last sync with a server."""

    __tablename__ = "sync_base"

    server_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    server_seq: Mapped[int] = mapped_column(BigInteger)
    local_seq: Mapped[int] = mapped_column(BigInteger)
    digest: Mapped[str] = mapped_column(String(64))


class SavedSearchRow(Base):
    """A named search of the user: its text, filters and order as JSON (domain.request_to_dict)."""

    __tablename__ = "saved_search"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    request: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
