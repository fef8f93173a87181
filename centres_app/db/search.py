"""Search in SQL: full-text match, facet filters, disjunctive facet counts, sorting, rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    ScalarSelect,
    Select,
    SQLColumnExpression,
    String,
    bindparam,
    func,
    literal_column,
    select,
)
from sqlalchemy import (
    column as sa_column,
)
from sqlalchemy import (
    table as sa_table,
)
from sqlalchemy.orm import Session

from centres_app.db import pgsearch
from centres_app.db.completeness import score_expression
from centres_app.db.models import Action, ActionTerm, Term
from centres_app.db.query import ParsedQuery, fts5_expression, parse_query
from centres_app.domain import (
    FACETS,
    TERM_FACETS,
    ActionRow,
    FacetValue,
    Filters,
    SearchRequest,
    fold,
)

_COLUMN_FACETS = {
    "department": Action.department,
    "year": Action.year,
    "structure": Action.structure,
    "status": Action.status,
}


# The FTS5 table is SQLite-only and created by the migration, not mapped.
_fts = sa_table("action_fts", sa_column("rowid"))
_fts_self: ColumnElement[Any] = literal_column("action_fts")


def _fts_match(expression: str) -> ColumnElement[bool]:
    return _fts_self.op("MATCH")(bindparam(None, expression, type_=String))


def _fts_ids(expression: str) -> Select[tuple[int]]:
    return select(_fts.c.rowid).where(_fts_match(expression))


def _sort_text(column: SQLColumnExpression[Any], postgresql: bool) -> SQLColumnExpression[Any]:
    """Code point order on PostgreSQL too, like SQLite's BINARY: a server's fr_FR collation
    would skip punctuation and give another order of the list."""
    return column.collate("C") if postgresql else column


def _dimension_of(action_id: SQLColumnExpression[int]) -> ScalarSelect[str]:
    return (
        select(Term.name)
        .join(ActionTerm, ActionTerm.term_id == Term.id)
        .where(ActionTerm.action_id == action_id, Term.kind == "dimension")
        .limit(1)
        .scalar_subquery()
    )


def _term_condition(kind: str, values: frozenset[str]) -> ColumnElement[bool]:
    members = (
        select(ActionTerm.action_id)
        .join(Term, Term.id == ActionTerm.term_id)
        .where(Term.kind == kind, Term.name.in_(sorted(values)))
    )
    return Action.id.in_(members)


def _filter_conditions(filters: Filters) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    for facet, column in _COLUMN_FACETS.items():
        values = filters.values(facet)
        if values:
            conds.append(column.in_(sorted(values)))
    if filters.year_min is not None:
        conds.append(Action.year >= filters.year_min)
    if filters.year_max is not None:
        conds.append(Action.year <= filters.year_max)
    for kind in TERM_FACETS:
        values = filters.values(kind)
        if values:
            conds.append(_term_condition(kind, values))
    return conds


def _text_conditions(
    parsed: ParsedQuery, include: bool = True, postgresql: bool = False
) -> list[ColumnElement[bool]]:
    if postgresql:
        return _pg_text_conditions(parsed, include)
    conds: list[ColumnElement[bool]] = []
    if include and parsed.include:
        conds.append(Action.id.in_(_fts_ids(fts5_expression(parsed.include))))
    if parsed.exclude:
        # Any excluded clause removes the action: OR them in one NOT IN.
        expr = " OR ".join(fts5_expression((t,)) for t in parsed.exclude)
        conds.append(Action.id.not_in(_fts_ids(expr)))
    return conds


def _pg_text_conditions(parsed: ParsedQuery, include: bool = True) -> list[ColumnElement[bool]]:
    """The same clauses on PostgreSQL: `search_vector @@ to_tsquery(...)` (centres_fr)."""
    conds: list[ColumnElement[bool]] = []
    if include and parsed.include:
        conds.append(pgsearch.matches(parsed.include))
    if parsed.exclude:
        excluded = select(Action.id).where(pgsearch.matches(parsed.exclude, operator="|"))
        conds.append(Action.id.not_in(excluded))
    return conds


class Searcher:
    """Runs SearchRequests in one session. Plain Python API, used by GUI, CLI and tests."""

    def __init__(self, session: Session) -> None:
        self.session = session
        # SQLite: the FTS5 table; PostgreSQL: action.search_vector (migration 0004).
        self.postgresql = session.get_bind().dialect.name == "postgresql"

    def conditions(
        self, request: SearchRequest, without_facet: str | None = None
    ) -> list[ColumnElement[bool]]:
        parsed = parse_query(request.text, request.prefix_last)
        filters = request.filters.without(without_facet) if without_facet else request.filters
        return _text_conditions(parsed, postgresql=self.postgresql) + _filter_conditions(filters)

    def count(self, request: SearchRequest) -> int:
        stmt = select(func.count()).select_from(Action).where(*self.conditions(request))
        return int(self.session.scalar(stmt) or 0)

    def ids(self, request: SearchRequest) -> list[int]:
        """Every matching id, in the requested order."""
        parsed = parse_query(request.text, request.prefix_last)
        if request.sort == "relevance" and parsed.include and self.postgresql:
            rank = pgsearch.rank(parsed.include)
            stmt = (
                select(Action.id)
                .where(*self.conditions(request))
                .order_by(rank.desc(), _sort_text(Action.title_key, True), Action.id)
            )
            return list(self.session.scalars(stmt))
        if request.sort == "relevance" and parsed.include:
            # bm25: lower is better; title matches weigh most, then the structure.
            ranked = (
                select(
                    _fts.c.rowid,
                    func.bm25(_fts_self, 10.0, 4.0, 1.0).label("rank"),
                )
                .where(_fts_match(fts5_expression(parsed.include)))
                .subquery()
            )
            stmt = (
                select(Action.id)
                .join(ranked, ranked.c.rowid == Action.id)
                .where(*_text_conditions(parsed, include=False))
                .where(*_filter_conditions(request.filters))
                .order_by(ranked.c.rank, Action.title_key, Action.id)
            )
            return list(self.session.scalars(stmt))
        stmt = select(Action.id).where(*self.conditions(request))
        stmt = stmt.order_by(*self._order(request))
        return list(self.session.scalars(stmt))

    def _order(self, request: SearchRequest) -> list[SQLColumnExpression[Any]]:
        sort = request.sort
        pg = self.postgresql
        column: SQLColumnExpression[Any] = {
            "title": _sort_text(Action.title_key, pg),
            "structure": _sort_text(func.lower(Action.structure), pg),
            "department": _sort_text(Action.department, pg),
            # No year (an experience page, issue 18) sorts as 0 on both backends (NULLs
            # would come first on SQLite and last on PostgreSQL).
            "year": func.coalesce(Action.year, 0),
            "status": _sort_text(Action.status, pg),
            "dimension": _sort_text(func.coalesce(_dimension_of(Action.id), ""), pg),
            "completeness": score_expression(Action.id),
        }.get(sort, _sort_text(Action.title_key, pg))
        key = column.desc() if request.descending else column.asc()
        return [key, _sort_text(Action.title_key, pg), Action.id]

    def rows(self, ids: Sequence[int]) -> list[ActionRow]:
        """The list columns of these actions, in the order of `ids` (missing ones skipped)."""
        if not ids:
            return []
        found: dict[int, ActionRow] = {}
        for chunk_start in range(0, len(ids), 500):
            chunk = list(ids[chunk_start : chunk_start + 500])
            stmt = select(
                Action.id,
                Action.title,
                Action.structure,
                Action.department,
                Action.year,
                Action.status,
                func.coalesce(_dimension_of(Action.id), ""),
            ).where(Action.id.in_(chunk))
            for r in self.session.execute(stmt):
                found[r[0]] = ActionRow(*r)
        return [found[i] for i in ids if i in found]

    def facets(self, request: SearchRequest) -> dict[str, tuple[FacetValue, ...]]:
        """Counts per facet value for the current result.

        Disjunctive: a facet's own selection is left out of its counts, so that checking one
        more value of a facet (OR) shows how many actions it would add, and a count always
        equals the rows obtained by applying that value alone to the other filters.
        """
        out: dict[str, tuple[FacetValue, ...]] = {}
        for facet in FACETS:
            conds = self.conditions(request, without_facet=facet)
            if facet in _COLUMN_FACETS:
                column = _COLUMN_FACETS[facet]
                stmt = select(column, func.count()).where(*conds).group_by(column)
            else:
                matching = select(Action.id).where(*conds)
                stmt = (
                    select(Term.name, func.count())
                    .join(ActionTerm, ActionTerm.term_id == Term.id)
                    .where(Term.kind == facet)
                    .group_by(Term.name)
                )
                if conds:
                    stmt = stmt.where(ActionTerm.action_id.in_(matching))
            values = [
                FacetValue(str(v), int(n))
                for v, n in self.session.execute(stmt)
                if v not in ("", None)
            ]
            if facet == "year":
                values.sort(key=lambda fv: fv.value)
            else:
                values.sort(key=lambda fv: (-fv.count, fold(fv.value)))
            out[facet] = tuple(values)
        return out
