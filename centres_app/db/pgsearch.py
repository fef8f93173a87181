"""PostgreSQL full text: the weighted `search_vector` of an action and safe `to_tsquery` text.

The vector is built by PostgreSQL (`to_tsvector` with the `centres_fr` configuration: the
`simple` dictionary behind `unaccent`, GIN index), from text that Python first splits into words
with the same idea of a word as the search box (query._WORD) and SQLite's unicode61 tokenizer.
PostgreSQL's own parser would otherwise keep `caf.fr`, `1.5` or `après-midi` as one token, and
under a C locale it takes `’` and `«` for letters: the same query would find other actions than
on SQLite. Accents and case are still removed by PostgreSQL (`unaccent`, then `simple`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, String, bindparam, func, literal_column, text
from sqlalchemy.orm import Session

from centres_app.db.query import _WORD, Term
from centres_app.domain import TERM_FIELDS, TEXT_FIELDS, ActionData

# The text search configuration made by migration 0004.
CONFIG = "centres_fr"
# ts_rank_cd weights for {D, C, B, A}: body 1, structure 4, title 10, like bm25(10, 4, 1).
RANK_WEIGHTS = "{0, 0.1, 0.4, 1.0}"
# 1: divide the rank by 1 + log(document length), so long actions do not win on size alone.
RANK_NORMALIZATION = 1

VECTOR_SQL = (
    f"setweight(to_tsvector('{CONFIG}', CAST(:t AS text)), 'A') || "
    f"setweight(to_tsvector('{CONFIG}', CAST(:s AS text)), 'B') || "
    f"setweight(to_tsvector('{CONFIG}', CAST(:b AS text)), 'C')"
)
_UPDATE = text(f"UPDATE action SET search_vector = {VECTOR_SQL} WHERE id = :id")

_vector: ColumnElement[Any] = literal_column("action.search_vector")


def words(value: str) -> str:
    """The words of `value` separated by single spaces (accents and case kept for unaccent)."""
    return " ".join(_WORD.findall(value))


def fts_body(data: ActionData) -> str:
    """Every text field, term and the département as one text (the weight-C words)."""
    parts = [getattr(data, name) for name in TEXT_FIELDS]
    for kind, multi in TERM_FIELDS.items():
        value = getattr(data, kind)
        parts.extend(value if multi else [value])
    parts.append(data.department)
    return "\n".join(parts)


def document(data: ActionData) -> dict[str, str]:
    """Bind parameters of VECTOR_SQL: title (A), structure (B), body (C)."""
    return {"t": words(data.title), "s": words(data.structure), "b": words(fts_body(data))}


def update_vectors(conn: Connection | Session, items: Iterable[tuple[int, ActionData]]) -> None:
    """Recomputes the vectors of these actions inside the caller's transaction."""
    params = [{"id": action_id, **document(data)} for action_id, data in items]
    if params:
        conn.execute(_UPDATE, params)


def _lexeme(word: str) -> str:
    # Words hold only letters and digits (query._WORD); the escaping is a second safety net.
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def _clause(term: Term) -> str:
    lexemes = [_lexeme(w) for w in term.words]
    if term.prefix:
        lexemes[-1] += ":*"
    return "(" + " <-> ".join(lexemes) + ")"


def tsquery_text(terms: Sequence[Term], operator: str = "&") -> str:
    """`to_tsquery` input for parsed terms: phrases with <->, a prefix with :*, joined."""
    return f" {operator} ".join(_clause(t) for t in terms)


def tsquery(terms: Sequence[Term], operator: str = "&") -> ColumnElement[Any]:
    """The tsquery of `terms`, the user's words reaching SQL as one bound parameter."""
    return func.to_tsquery(
        literal_column(f"'{CONFIG}'::regconfig"),
        bindparam(None, tsquery_text(terms, operator), type_=String),
    )


def matches(terms: Sequence[Term], operator: str = "&") -> ColumnElement[bool]:
    return _vector.op("@@")(tsquery(terms, operator))


def rank(terms: Sequence[Term]) -> ColumnElement[float]:
    return func.ts_rank_cd(
        literal_column(f"'{RANK_WEIGHTS}'::float4[]"),
        _vector,
        tsquery(terms),
        RANK_NORMALIZATION,
    )
