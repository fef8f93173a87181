"""PostgreSQL full text: unaccent, the centres_fr configuration, action.search_vector + GIN.

Nothing on SQLite (its full-text index is the FTS5 table of 0001).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 17:30:00
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    # unaccent is a trusted extension (PostgreSQL 13+): the database owner may create it; on
    # older servers an administrator runs this statement once.
    op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    schema = bind.execute(
        sa.text(
            "SELECT n.nspname FROM pg_extension e "
            "JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent'"
        )
    ).scalar_one()
    ident = bind.dialect.identifier_preparer.quote(schema)
    # unaccent(text) is only STABLE (it reads the search_path): this wrapper names its
    # dictionary, so it is safe in expression indexes and generated columns.
    op.execute(
        "CREATE OR REPLACE FUNCTION centres_unaccent(text) RETURNS text "
        "LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS "
        f"$$ SELECT {ident}.unaccent('{ident}.unaccent'::regdictionary, $1) $$"
    )
    # `simple` (no stemming, no stop words) behind unaccent: the same matches as SQLite's
    # unicode61 remove_diacritics tokenizer. The french stemmer would also match « animation »
    # for « animer », and its stop-word list differs from the search box's.
    op.execute("CREATE TEXT SEARCH CONFIGURATION centres_fr (COPY = pg_catalog.simple)")
    op.execute(
        "ALTER TEXT SEARCH CONFIGURATION centres_fr ALTER MAPPING FOR "
        "asciiword, asciihword, hword_asciipart, word, hword, hword_part, numword, "
        "numhword, hword_numpart "
        f"WITH {ident}.unaccent, pg_catalog.simple"
    )
    op.add_column("action", sa.Column("search_vector", postgresql.TSVECTOR(), nullable=True))
    op.create_index("ix_action_search_vector", "action", ["search_vector"], postgresql_using="gin")
    _backfill(bind)


def _backfill(bind: sa.engine.Connection) -> None:
    """Vectors of the actions already stored (a server used before this revision)."""
    from centres_app.db.bulk import load_data
    from centres_app.db.pgsearch import update_vectors

    ids = [row[0] for row in bind.execute(sa.text("SELECT id FROM action ORDER BY id"))]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        update_vectors(bind, sorted(load_data(bind, chunk).items()))


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index("ix_action_search_vector", table_name="action")
    op.drop_column("action", "search_vector")
    op.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS centres_fr")
    op.execute("DROP FUNCTION IF EXISTS centres_unaccent(text)")
