"""SQLite, faster imports: an FTS5 table whose content is the `action` table itself, and more.

Before: `action_fts(title, structure, body)` stored its own copy of every text (~4.6 KB per
action, written twice on import) with prefix indexes '1 2 3'. Now:

- `action.terms_text` holds the action's vocabulary terms (one per line, in stored order);
- `action_fts` indexes title, structure, département, every text field and terms_text with
  `content='action'`: it stores no text, FTS5 reads the action row when a column is asked for.
  The app keeps it in step (db/fulltext.py): an action's words are taken out of the index
  from its stored row before the row changes, and put in from the stored row after. Not with
  triggers: SQLite 3.40's FTS5 flushes its pending terms at every statement savepoint, and a
  trigger makes one per row: an import ran 4x slower;
- no prefix indexes (they were '1 2 3'). Measured alone at 100,000 actions, FTS5 work was
  43 s with '1 2 3' and a stored copy, 25 s with '1', 18 s with '1' and no copy; in a whole
  import the '1' index still cost ~5 s of ~35. Prefix queries of 2 letters and more merge the
  words of the prefix (narrow ones: a few ms; the broad ones, 100-400 ms, are computed once in
  the background by the in-memory index, db/memindex.py); a last word of one letter is not
  searched while typing (db/query.py).

Also on SQLite: `action_term` becomes a WITHOUT ROWID table and the index on title_key alone
goes (ix_action_list of 0005 begins with it). On PostgreSQL: only the new column, filled the
same way.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 19:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_TEXT_FIELDS = (
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
_COLUMNS = ("title", "structure", "department", *_TEXT_FIELDS, "terms_text")


def upgrade() -> None:
    bind = op.get_bind()
    op.add_column("action", sa.Column("terms_text", sa.Text(), nullable=False, server_default=""))
    if bind.dialect.name == "postgresql":
        op.execute(
            "UPDATE action SET terms_text = COALESCE((SELECT string_agg(t.name, E'\\n' "
            "ORDER BY l.position) FROM action_term l JOIN term t ON t.id = l.term_id "
            "WHERE l.action_id = action.id), '')"
        )
        return
    if bind.dialect.name != "sqlite":
        return
    op.execute(
        "UPDATE action SET terms_text = COALESCE((SELECT group_concat(name, char(10)) FROM "
        "(SELECT t.name AS name FROM action_term l JOIN term t ON t.id = l.term_id "
        "WHERE l.action_id = action.id ORDER BY l.position)), '')"
    )
    op.execute("DROP TABLE IF EXISTS action_fts")
    op.execute(
        f"CREATE VIRTUAL TABLE action_fts USING fts5({', '.join(_COLUMNS)}, "
        "content = 'action', content_rowid = 'id', "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    op.execute("INSERT INTO action_fts (action_fts) VALUES ('rebuild')")
    # A WITHOUT ROWID association table: its rows live in the primary-key B-tree instead of a
    # rowid table plus that key's index (importing 1.5 million links: 5.9 s instead of 10.8 s
    # measured alone, 40 MB instead of 73 MB).
    op.execute(
        "CREATE TABLE action_term_new ("
        "action_id INTEGER NOT NULL, term_id INTEGER NOT NULL, position INTEGER NOT NULL, "
        "CONSTRAINT pk_action_term PRIMARY KEY (action_id, term_id), "
        "CONSTRAINT fk_action_term_action_id_action FOREIGN KEY(action_id) "
        "REFERENCES action (id) ON DELETE CASCADE, "
        "CONSTRAINT fk_action_term_term_id_term FOREIGN KEY(term_id) REFERENCES term (id)"
        ") WITHOUT ROWID"
    )
    op.execute(
        "INSERT INTO action_term_new (action_id, term_id, position) "
        "SELECT action_id, term_id, position FROM action_term"
    )
    op.execute("DROP TABLE action_term")
    op.execute("ALTER TABLE action_term_new RENAME TO action_term")
    op.execute("CREATE INDEX ix_action_term_term ON action_term (term_id, action_id)")
    # ix_action_list (0005) starts with title_key: this one only cost time at every insert.
    op.execute("DROP INDEX IF EXISTS ix_action_title_key")


def downgrade() -> None:
    # action_term stays WITHOUT ROWID: same columns and keys, nothing of 0005 depends on it.
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("CREATE INDEX IF NOT EXISTS ix_action_title_key ON action (title_key)")
        op.execute("DROP TABLE IF EXISTS action_fts")
        op.execute(
            "CREATE VIRTUAL TABLE action_fts USING fts5("
            "title, structure, body, "
            "tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')"
        )
        body = " || char(10) || ".join((*_TEXT_FIELDS, "terms_text", "department"))
        op.execute(
            "INSERT INTO action_fts (rowid, title, structure, body) "
            f"SELECT id, title, structure, {body} FROM action"
        )
    op.drop_column("action", "terms_text")
