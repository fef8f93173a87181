"""The statistics total of the amounts, from the parsed amounts kept in `action_amount`.

`centres_app.amounts.total_of` over the « Ressources financières » of every action of a result
parses each text (~70 µs each: ~7 s at 100,000 actions). The parsed amount of an action is
kept in `action_amount` (migration 0008) once computed; a write forgets the rows of the
actions it changes (`forget`, called by Database.writing in the same transaction), so a row
present is always the amount of the action's current text. A total then reads the kept rows
(~0.1 s for 100,000) and parses only the actions without one (new or changed since).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from sqlalchemy import text
from sqlalchemy.orm import Session

from centres_app.amounts import parse_amount

_CHUNK = 900  # ids per IN (...): under SQLite's 999 parameters of old versions


def forget(session: Session, changed: Iterable[int] | None) -> None:
    """Forgets the kept amounts of the actions a write changed (None: unknown, all)."""
    if changed is None:
        session.execute(text("DELETE FROM action_amount"))
        return
    ids = sorted(set(changed))
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ",".join(str(int(i)) for i in chunk)
        session.execute(text(f"DELETE FROM action_amount WHERE action_id IN ({marks})"))


def kept(session: Session, ids: Sequence[int]) -> dict[int, Decimal | None]:
    """The kept amounts of these actions (those without a kept row are left out)."""
    out: dict[int, Decimal | None] = {}
    if len(ids) > 5000:
        wanted = set(ids)
        every = session.execute(text("SELECT action_id, amount FROM action_amount"))
        rows: Iterable[tuple[int, str | None]] = ((i, a) for i, a in every if i in wanted)
    else:
        found: list[tuple[int, str | None]] = []
        for start in range(0, len(ids), _CHUNK):
            marks = ",".join(str(int(i)) for i in ids[start : start + _CHUNK])
            found += [
                (i, a)
                for i, a in session.execute(
                    text(
                        f"SELECT action_id, amount FROM action_amount WHERE action_id IN ({marks})"
                    )
                )
            ]
        rows = found
    for action_id, amount in rows:
        out[action_id] = None if amount is None else Decimal(amount)
    return out


def texts_of(session: Session, ids: Sequence[int]) -> dict[int, str]:
    """The « Ressources financières » text of each of these actions (missing ones left out)."""
    out: dict[int, str] = {}
    for start in range(0, len(ids), _CHUNK):
        marks = ",".join(str(int(i)) for i in ids[start : start + _CHUNK])
        for action_id, value in session.execute(
            text(f"SELECT id, financial_resources FROM action WHERE id IN ({marks})")
        ):
            out[action_id] = value or ""
    return out


def parsed(texts: dict[int, str]) -> dict[int, Decimal | None]:
    """The amount of each text (parse_amount; an empty text has none)."""
    return {i: parse_amount(t).amount if t else None for i, t in texts.items()}


def keep(session: Session, texts: dict[int, str], amounts: dict[int, Decimal | None]) -> None:
    """Keeps the amounts parsed from `texts`, in a write transaction: only for the actions
    whose text is still the one parsed (a write may have come in between)."""
    current = texts_of(session, list(amounts))
    still = [i for i in amounts if i in current and current[i] == texts[i]]
    rows = [{"i": i, "a": None if amounts[i] is None else str(amounts[i])} for i in still]
    if rows:
        forget(session, still)  # (no INSERT OR REPLACE on PostgreSQL)
        session.execute(text("INSERT INTO action_amount (action_id, amount) VALUES (:i, :a)"), rows)


def total(amounts: Iterable[Decimal | None]) -> tuple[Decimal, int]:
    """Sum of the amounts and how many actions had one (centres_app.amounts.total_of)."""
    result = Decimal(0)
    counted = 0
    for amount in amounts:
        if amount is not None:
            result += amount
            counted += 1
    return result, counted
