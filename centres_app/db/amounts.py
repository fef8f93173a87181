"""The statistics total of the amounts, from the parsed amounts kept in `action_amount`.

`centres_app.amounts.total_of` over the « Ressources financières » of every action of a result
parses each text (~70 µs each: ~7 s at 100,000 actions). The parsed amount of an action is
kept in `action_amount` (migration 0008) once computed, in cents with the number of decimals it
was written with; a write forgets the rows of the actions it changes (`forget`, called by
Database.writing in the same transaction), so a row present is always the amount of the
action's current text. A total then reads the kept rows (three group_concat strings, ~0.1 s for
100,000) and parses only the actions without one (new or changed since).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from centres_app.amounts import parse_amount
from centres_app.db.server_roles import writable_ids
from centres_app.gui_turn import give_way

_CHUNK = 900  # ids per IN (...): under SQLite's 999 parameters of old versions
_PIECE_CHARS = 65_536  # decoded by one C call (_numbers)
_PIECE_ITEMS = 8_192  # kept amounts put in the dict by one C call (_joined)

# A kept amount: (cents or None when the text has no parseable amount, decimals written).
Kept = tuple[int | None, int]


def forget(session: Session, changed: Iterable[int] | None) -> None:
    """Forgets the kept amounts of the actions a write changed (None: unknown, all)."""
    if changed is None:
        session.execute(text("DELETE FROM action_amount"))
        return
    ids = sorted(set(changed))
    for start in range(0, len(ids), _CHUNK):
        marks = ",".join(str(int(i)) for i in ids[start : start + _CHUNK])
        session.execute(text(f"DELETE FROM action_amount WHERE action_id IN ({marks})"))


def _joined(session: Session, where: str = "") -> dict[int, Kept]:
    # One row of three strings instead of one row per action (~10 µs each through the ORM).
    if session.get_bind().dialect.name == "postgresql":
        sql = (
            "SELECT string_agg(action_id::text, ',' ORDER BY action_id), "
            "string_agg(coalesce(cents::text, 'null'), ',' ORDER BY action_id), "
            f"string_agg(scale::text, ',' ORDER BY action_id) FROM action_amount {where}"
        )
    else:
        # One scan in rowid order: the three lists are aligned.
        sql = (
            "SELECT group_concat(action_id), group_concat(coalesce(cents, 'null')), "
            f"group_concat(scale) FROM action_amount {where}"
        )
    row = session.execute(text(sql)).one()
    if not row[0]:
        return {}
    ids, cents, scales = (_numbers(part) for part in row)
    out: dict[Any, Any] = {}  # (ids and scales are never null: the table's NOT NULL)
    for start in range(0, len(ids), _PIECE_ITEMS):  # (the same: one C loop at a time)
        give_way()
        stop = start + _PIECE_ITEMS
        pairs = zip(cents[start:stop], scales[start:stop], strict=True)
        out.update(zip(ids[start:stop], pairs, strict=True))  # (lengths checked: strict)
    return out


def _numbers(joined: str) -> list[int | None]:
    """The numbers of a comma-joined list (`null`: None), decoded a piece of ~64 KB at a
    time: one json.loads over 100,000 of them held the interpreter 20-70 ms, the GUI
    thread's longest stall while the statistics dock painted (issue 17)."""
    out: list[int | None] = []
    start, end = 0, len(joined)
    while start < end:
        give_way()
        stop = joined.find(",", start + _PIECE_CHARS)
        stop = end if stop < 0 else stop
        out.extend(json.loads(f"[{joined[start:stop]}]"))
        start = stop + 1
    return out


def kept(session: Session, ids: Sequence[int]) -> dict[int, Kept]:
    """The kept amounts of these actions (those without a kept row are left out)."""
    if len(ids) > 5000:
        every = _joined(session)
        return {i: every[i] for i in ids if i in every}
    out: dict[int, Kept] = {}
    for start in range(0, len(ids), _CHUNK):
        marks = ",".join(str(int(i)) for i in ids[start : start + _CHUNK])
        out.update(_joined(session, f"WHERE action_id IN ({marks})"))
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


def as_kept(amount: Decimal | None) -> Kept | None:
    """(cents, decimals) of an amount; None if it is not a whole number of cents (not kept:
    parse_amount gives 0-2 decimals, so this does not happen)."""
    if amount is None:
        return None, 0
    exponent = amount.as_tuple().exponent
    if not isinstance(exponent, int) or exponent < -2:
        return None
    cents = amount.scaleb(2)
    if cents != cents.to_integral_value():
        return None
    return int(cents), -exponent if exponent < 0 else 0


def keep(session: Session, texts: dict[int, str], amounts: dict[int, Decimal | None]) -> None:
    """Keeps the amounts parsed from `texts`, in a write transaction: only for the actions
    whose text is still the one parsed (a write may have come in between)."""
    current = texts_of(session, list(amounts))
    # On the federation's server a centre keeps the amounts of its own actions only (the
    # others' rows are theirs: row-level security, migration 0010); the rest is parsed again.
    current = {i: current[i] for i in writable_ids(session, list(current))}
    rows: list[dict[str, int | None]] = []
    still: list[int] = []
    for i, amount in amounts.items():
        value = as_kept(amount)
        if value is not None and i in current and current[i] == texts[i]:
            rows.append({"i": i, "c": value[0], "s": value[1]})
            still.append(i)
    if rows:
        forget(session, still)  # (no INSERT OR REPLACE on PostgreSQL)
        session.execute(
            text("INSERT INTO action_amount (action_id, cents, scale) VALUES (:i, :c, :s)"), rows
        )


def total(kept_amounts: Iterable[Kept], others: Iterable[Decimal | None]) -> tuple[Decimal, int]:
    """Sum of the amounts and how many actions had one, as centres_app.amounts.total_of gives
    them (the same Decimal: a sum keeps the most decimals of its terms)."""
    cents = 0
    scale = 0
    counted = 0
    for value, decimals in kept_amounts:
        if value is not None:
            cents += value
            scale = max(scale, decimals)
            counted += 1
    result = Decimal(cents).scaleb(-2).quantize(Decimal(1).scaleb(-scale))
    for amount in others:
        if amount is not None:
            result += amount
            counted += 1
    return result, counted
