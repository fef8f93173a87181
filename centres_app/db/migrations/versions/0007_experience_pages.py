"""The older SENACS "expérience" pages (issue 18): the form of a record, its new fields, a year
that may be missing, and the full-text index over the new texts.

- `action.form` ('action' or 'experience'), `published_by`, `file_references` (one reference
  a line), `diagnostic`, `impacts`, `success_factors`; themes are vocabulary terms of their own
  kind ('themes') in `term`, nothing to add for them.
- `action.year` becomes nullable: an experience page has no year. PostgreSQL drops the NOT
  NULL. SQLite cannot alter a column, and rebuilding the table would fire the ON DELETE
  CASCADE of action_term, attachment and action_revision (foreign keys are on and cannot be
  turned off inside the migration's transaction): the constraint is taken out of the stored
  CREATE TABLE text instead (PRAGMA writable_schema; SQLite's documented way for a change
  that does not touch stored rows, "removing NOT NULL constraints"), then the schema version
  is bumped and the schema checked.
- SQLite: `action_fts` is made again with the three new texts as columns and rebuilt from the
  rows. PostgreSQL: the search vector of the existing rows does not change (the new texts are
  empty there); the app adds them to the vector from now on (db/pgsearch.py).

Frozen: no application code imported; the column lists are copied here.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 16:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_OLD_TEXT_FIELDS = (
    "end_reason",
    "summary",
    "initiative_detail",
    "experience",
    "description",
    "financial_resources",
    "people_mobilised",
    "result_territory",
    "result_centre",
    "result_inhabitants",
    "limits",
    "perspectives",
)
_NEW_TEXT_FIELDS = ("diagnostic", "impacts", "success_factors")
_NEW_COLUMNS = ("published_by", "file_references", *_NEW_TEXT_FIELDS)


def _fts(columns: tuple[str, ...]) -> None:
    op.execute("DROP TABLE IF EXISTS action_fts")
    op.execute(
        f"CREATE VIRTUAL TABLE action_fts USING fts5({', '.join(columns)}, "
        "content = 'action', content_rowid = 'id', "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    op.execute("INSERT INTO action_fts (action_fts) VALUES ('rebuild')")


def _sqlite_year_not_null(nullable: bool) -> None:
    """Takes the NOT NULL of action.year out of (or back into) the stored CREATE TABLE."""
    old, new = ("year INTEGER NOT NULL", "year INTEGER")
    if not nullable:
        old, new = new + ",", old + ","
    version = op.get_bind().exec_driver_sql("PRAGMA schema_version").scalar_one()
    op.execute("PRAGMA writable_schema = ON")
    op.execute(
        f"UPDATE sqlite_master SET sql = replace(sql, '{old}', '{new}') "
        "WHERE type = 'table' AND name = 'action'"
    )
    op.execute("PRAGMA writable_schema = OFF")
    op.execute(f"PRAGMA schema_version = {int(version) + 1}")
    problems = op.get_bind().exec_driver_sql("PRAGMA integrity_check").scalars().all()
    if problems != ["ok"]:
        raise RuntimeError(f"schéma incohérent après la migration 0007 : {problems[:3]}")


def upgrade() -> None:
    bind = op.get_bind()
    op.add_column(
        "action",
        sa.Column("form", sa.String(length=20), nullable=False, server_default="action"),
    )
    for name in _NEW_COLUMNS:
        op.add_column("action", sa.Column(name, sa.Text(), nullable=False, server_default=""))
    if bind.dialect.name == "postgresql":
        op.execute("ALTER TABLE action ALTER COLUMN year DROP NOT NULL")
        return
    if bind.dialect.name != "sqlite":
        return
    _sqlite_year_not_null(nullable=True)
    _fts(("title", "structure", "department", *_OLD_TEXT_FIELDS, *_NEW_TEXT_FIELDS, "terms_text"))


def downgrade() -> None:
    bind = op.get_bind()
    # Experiences have no place in the older schema: they go (with their terms and files).
    op.execute("DELETE FROM action WHERE form = 'experience' OR year IS NULL")
    op.execute(
        "DELETE FROM action_term WHERE term_id IN (SELECT id FROM term WHERE kind = 'themes')"
    )
    op.execute("DELETE FROM term WHERE kind = 'themes'")
    if bind.dialect.name == "postgresql":
        op.execute("ALTER TABLE action ALTER COLUMN year SET NOT NULL")
    elif bind.dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS action_fts")
        _sqlite_year_not_null(nullable=False)
    for name in reversed(("form", *_NEW_COLUMNS)):
        if bind.dialect.name == "sqlite":
            op.execute(f"ALTER TABLE action DROP COLUMN {name}")
        else:
            op.drop_column("action", name)
    if bind.dialect.name == "sqlite":
        _fts(("title", "structure", "department", *_OLD_TEXT_FIELDS, "terms_text"))
