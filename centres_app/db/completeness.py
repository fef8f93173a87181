"""Completeness of stored actions in SQL: which important sections are empty, without loading
the texts into Python (the flags are computed by the database)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    SQLColumnExpression,
    bindparam,
    case,
    exists,
    func,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Session

from centres_app.completeness import (
    EXPERIENCE_FIELDS,
    IMPORTANT_FIELDS,
    Completeness,
    completeness,
)
from centres_app.domain import FORM_EXPERIENCE, TERM_FIELDS, ActionData
from centres_app.gui_turn import giving_way

# The sections of both forms (issue 18: an experience page has its own).
_SECTIONS = tuple(dict.fromkeys((*IMPORTANT_FIELDS, *EXPERIENCE_FIELDS)))
# Text sections among the important ones (+ initiative_detail, which answers "initiative").
_TEXTS = tuple(f for f in _SECTIONS if f not in TERM_FIELDS) + ("initiative_detail",)
_TERMS = tuple(f for f in _SECTIONS if f in TERM_FIELDS)
_ROWS_A_PIECE = 25  # rows read between two give_way() (~1 ms)
_KINDS_A_PIECE = 100  # term rows (~1 µs of Python each)


def completeness_of(session: Session, ids: Sequence[int]) -> dict[int, Completeness]:
    """The completeness of these actions (missing ids are left out). Meant for the rows on
    screen: for every action of a large store, it reads all their texts (~1.4 s at 100,000)."""
    out: dict[int, Completeness] = {}
    flags = ", ".join(f"TRIM({name}) <> ''" for name in _TEXTS)
    rows_sql = text(f"SELECT id, form, {flags} FROM action WHERE id IN :ids").bindparams(
        bindparam("ids", expanding=True)
    )
    kinds_sql = text(
        "SELECT DISTINCT at.action_id, t.kind FROM action_term at "
        "JOIN term t ON t.id = at.term_id WHERE at.action_id IN :ids AND t.name <> ''"
    ).bindparams(bindparam("ids", expanding=True))
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        kinds: dict[int, set[str]] = {}
        # A page's scores (~15 ms of work at 100,000 actions) are asked as its rows are
        # painted: the window's next paints go first (issue 17).
        found = session.execute(kinds_sql, {"ids": chunk})
        for action_id, kind in giving_way(found, _KINDS_A_PIECE):
            kinds.setdefault(action_id, set()).add(kind)
        for row in giving_way(session.execute(rows_sql, {"ids": chunk}), _ROWS_A_PIECE):
            action_id, form, filled = row[0], row[1], row[2:]
            values: dict[str, Any] = {
                name: "x" if flag else "" for name, flag in zip(_TEXTS, filled, strict=True)
            }
            values["form"] = form
            for kind in _TERMS:
                present = kind in kinds.get(action_id, ())
                if TERM_FIELDS[kind]:
                    values[kind] = ("x",) if present else ()
                else:
                    values[kind] = "x" if present else ""
            out[action_id] = completeness(ActionData(**values))
    return out


def score_expression(action_id: SQLColumnExpression[int]) -> ColumnElement[int]:
    """The completeness score (0-100, rounded down) of an action as a SQL expression, for
    sorting the list by completeness: the same rule as centres_app.completeness, initiative
    included, with the sections of the record's form (an action's 16, an experience's 8)."""
    from centres_app.db.models import Action, ActionTerm, Term

    def term_present(kind: str) -> ColumnElement[bool]:
        return exists(
            select(ActionTerm.action_id)
            .join(Term, Term.id == ActionTerm.term_id)
            .where(ActionTerm.action_id == action_id, Term.kind == kind, Term.name != "")
        )

    def filled_count(names: Sequence[str]) -> ColumnElement[int]:
        parts: list[ColumnElement[int]] = []
        for name in names:
            if name == "initiative":
                filled = or_(term_present(name), func.trim(Action.initiative_detail) != "")
            elif name in TERM_FIELDS:
                filled = term_present(name)
            else:
                filled = func.trim(getattr(Action, name)) != ""
            parts.append(case((filled, 1), else_=0))
        total: ColumnElement[int] = parts[0]
        for part in parts[1:]:
            total = total + part
        # Integer division on both backends: the score of completeness().
        return (total * 100) // len(names)

    return case(
        (Action.form == FORM_EXPERIENCE, filled_count(EXPERIENCE_FIELDS)),
        else_=filled_count(IMPORTANT_FIELDS),
    )
