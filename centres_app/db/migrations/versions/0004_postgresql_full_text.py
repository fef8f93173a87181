"""PostgreSQL full text: unaccent, the centres_fr configuration, action.search_vector + GIN.

Nothing on SQLite (its full-text index is the FTS5 table of 0001).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 17:30:00
"""

import re

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


# The vector as the application wrote it at this revision, frozen here: a migration never runs
# live code (a base upgraded later would get today's code against yesterday's schema). Copied
# from centres_app.db.pgsearch (VECTOR_SQL, words, fts_body) and centres_app.db.bulk.load_data
# as of revision 0004; the words are split in Python like SQLite's unicode61 tokenizer (runs of
# letters and digits), PostgreSQL's own parser would keep `caf.fr` or `après-midi` whole.
_WORD = re.compile(r"[^\W_]+")
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
# Term kinds in the body's order -> multi-valued.
_TERM_KINDS = {
    "dimension": False,
    "keywords": True,
    "initiative": True,
    "territory": False,
    "public": True,
    "partners": True,
}
_UPDATE = sa.text(
    "UPDATE action SET search_vector = "
    "setweight(to_tsvector('centres_fr', CAST(:t AS text)), 'A') || "
    "setweight(to_tsvector('centres_fr', CAST(:s AS text)), 'B') || "
    "setweight(to_tsvector('centres_fr', CAST(:b AS text)), 'C') "
    "WHERE id = :id"
)
_ACTIONS = sa.text(
    f"SELECT id, title, structure, department, {', '.join(_TEXT_FIELDS)} "
    "FROM action WHERE id IN :ids ORDER BY id"
).bindparams(sa.bindparam("ids", expanding=True))
_TERMS = sa.text(
    "SELECT l.action_id, t.kind, t.name FROM action_term l JOIN term t ON t.id = l.term_id "
    "WHERE l.action_id IN :ids ORDER BY l.action_id, l.position"
).bindparams(sa.bindparam("ids", expanding=True))


def _words(value: str) -> str:
    return " ".join(_WORD.findall(value))


def _backfill(bind: sa.engine.Connection) -> None:
    """Vectors of the actions already stored (a server used before this revision)."""
    ids = [row[0] for row in bind.execute(sa.text("SELECT id FROM action ORDER BY id"))]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        terms: dict[int, dict[str, list[str]]] = {
            i: {kind: [] for kind in _TERM_KINDS} for i in chunk
        }
        for action_id, kind, name in bind.execute(_TERMS, {"ids": chunk}):
            terms[action_id].setdefault(kind, []).append(name)
        params = []
        for row in bind.execute(_ACTIONS, {"ids": chunk}):
            action_id, title, structure, department = row[:4]
            parts = list(row[4:])
            for kind, multi in _TERM_KINDS.items():
                names = terms[action_id][kind]
                # A single-valued field held its first non-empty term.
                parts.extend(names if multi else [next((n for n in names if n), "")])
            parts.append(department)
            params.append(
                {
                    "id": action_id,
                    "t": _words(title),
                    "s": _words(structure),
                    "b": _words("\n".join(parts)),
                }
            )
        if params:
            bind.execute(_UPDATE, params)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index("ix_action_search_vector", table_name="action")
    op.drop_column("action", "search_vector")
    op.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS centres_fr")
    op.execute("DROP FUNCTION IF EXISTS centres_unaccent(text)")
