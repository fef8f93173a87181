"""What an import would do (new, updated with the changed fields, unchanged, likely duplicates),
computed without writing, with the same identity rule and comparison as the bulk import."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from difflib import SequenceMatcher
from typing import Any

from sqlalchemy import Connection, select

from centres_app.db.bulk import load_data
from centres_app.db.models import Action
from centres_app.domain import (
    CONTENT_FIELD_NAMES,
    ActionData,
    ImportPreview,
    PreviewItem,
    fold,
    lost_fields,
)
from centres_app.gui_turn import give_way

# A new action whose folded title is at least this close (difflib ratio) to a stored action's
# of the same structure and year is probably the same one retitled ("Bourse aux jouet" vs
# "Bourse aux jouets" is 0.97; two different actions of one centre rarely pass 0.85).
DUPLICATE_RATIO = 0.85
_CHUNK = 500
_PAIRS = 100  # (title, structure) pairs looked up at once
_FIELDS = CONTENT_FIELD_NAMES

Identity = tuple[str, str, int | None, str]


def changed_fields(old: ActionData, new: ActionData) -> tuple[str, ...]:
    """The names of the fields that differ, in the order of §2."""
    return tuple(name for name in _FIELDS if getattr(old, name) != getattr(new, name))


def _title_key(title: str) -> str:
    return " ".join(fold(title).split())


def _group_key(structure: str, year: int | None) -> tuple[str, int | None]:
    return (" ".join(fold(structure).split()), year)


def preview_import(
    conn: Connection, actions: Sequence[ActionData], with_attachments: bool
) -> ImportPreview:
    """`actions` checked like the import does (db/import_checks.py: import rules, stripped
    title, structure and département, each identity once).

    Mirrors BulkImporter: an identity already stored is compared with the stored content
    (attachments ignored when the format does not carry them), and the fields the update
    would empty or shorten are given (domain.lost_fields, the rule of the import's report).
    """
    new: list[PreviewItem] = []
    updated: list[PreviewItem] = []
    unchanged: list[PreviewItem] = []
    duplicates: list[PreviewItem] = []
    stored: list[tuple[int, int, ActionData]] = []  # (index, stored id, data)
    # As the import: a known uuid first (a retitled action), then the identity (issue 19).
    wanted = [data.uuid for data in actions if data.uuid]
    by_uuid: dict[str, int] = {}
    for start in range(0, len(wanted), _CHUNK):
        by_uuid.update(
            (u, i)
            for u, i in conn.execute(
                select(Action.uuid, Action.id).where(
                    Action.uuid.in_(wanted[start : start + _CHUNK])
                )
            )
        )
    existing = _stored_identities(
        conn, {data.identity for data in actions if not (data.uuid and data.uuid in by_uuid)}
    )
    fresh: list[tuple[int, ActionData]] = []
    for index, data in enumerate(actions, start=1):
        stored_id = by_uuid.get(data.uuid) if data.uuid else None
        if stored_id is None:
            stored_id = existing.get(data.identity)
        if stored_id is not None:
            stored.append((index, stored_id, data))
        else:
            fresh.append((index, data))

    groups = _stored_groups(conn, {_group_key(data.structure, data.year) for _, data in fresh})
    for index, data in fresh:
        give_way()
        item = PreviewItem(index, data.title, data.structure, data.year)
        similar = _closest(groups.get(_group_key(data.structure, data.year), ()), data.title)
        if similar is not None:
            item = _with(
                item, similar_id=similar[0], similar_title=similar[1], similarity=similar[2]
            )
            duplicates.append(item)
        new.append(item)

    for start in range(0, len(stored), _CHUNK):
        chunk = stored[start : start + _CHUNK]
        current = load_data(conn, [action_id for _, action_id, _ in chunk])
        for index, action_id, data in chunk:
            old = current[action_id]
            if not with_attachments:
                data = data.replace(attachments=old.attachments)
            diff = changed_fields(old, data)
            item = PreviewItem(
                index,
                data.title,
                data.structure,
                data.year,
                action_id=action_id,
                changed=diff,
                lost=lost_fields(old, data) if diff else (),
            )
            (updated if diff else unchanged).append(item)
    return ImportPreview(tuple(new), tuple(updated), tuple(unchanged), tuple(duplicates))


def _stored_identities(conn: Connection, identities: set[Identity]) -> dict[Identity, int]:
    """The stored actions with one of these identities (exact values, as the import looks
    them up): identity -> id, the highest id when one is stored twice.

    Looked up by title and structure (the identity index; a chunk's titles times its
    structures, so chunks stay small), not by reading every stored action: a file of
    1,000 actions against a store of 100,000 read 100,000 rows in Python, and freeing what it
    kept held the interpreter's lock, so the window's thread, for 50-100 ms (issue 17).
    """
    found: dict[Identity, int] = {}
    pairs = sorted({(title, structure) for title, structure, _year, _form in identities})
    for start in range(0, len(pairs), _PAIRS):
        give_way()
        chunk = pairs[start : start + _PAIRS]
        rows = conn.execute(
            select(Action.id, Action.title, Action.structure, Action.year, Action.form)
            .where(
                Action.title.in_(sorted({title for title, _ in chunk})),
                Action.structure.in_(sorted({structure for _, structure in chunk})),
            )
            .order_by(Action.id)
        )
        for action_id, title, structure, year, form in rows:
            give_way()
            identity = (title, structure, year, form)
            if identity in identities:
                found[identity] = action_id
    return found


def _stored_groups(
    conn: Connection, keys: set[tuple[str, int | None]]
) -> dict[tuple[str, int | None], list[tuple[int, str, str]]]:
    """The stored (id, title, folded title) of each group (folded structure, year) of `keys`,
    in id order: the candidates of the likely duplicates.

    The stored spellings of a folded structure come from the distinct structures (a few
    thousand at 100,000 actions), then each year's actions of those spellings only.
    """
    spellings: dict[str, list[str]] = {}
    folded = {structure for structure, _year in keys}
    for (structure,) in conn.execute(select(Action.structure).distinct()):
        give_way()
        folded_structure = _group_key(structure, None)[0]
        if folded_structure in folded:
            spellings.setdefault(folded_structure, []).append(structure)
    by_year: dict[int | None, list[str]] = {}
    for structure_key, year in keys:
        by_year.setdefault(year, []).extend(spellings.get(structure_key, ()))
    groups: dict[tuple[str, int | None], list[tuple[int, str, str]]] = {}
    for year, structures in by_year.items():
        wanted = sorted(set(structures))
        for start in range(0, len(wanted), _CHUNK):
            give_way()
            query = select(Action.id, Action.title, Action.structure, Action.year).where(
                Action.structure.in_(wanted[start : start + _CHUNK]),
                Action.year.is_(None) if year is None else Action.year == year,
            )
            for action_id, title, structure, stored_year in conn.execute(query):
                give_way()
                key = _group_key(structure, stored_year)
                if key in keys:
                    groups.setdefault(key, []).append((action_id, title, _title_key(title)))
    for candidates in groups.values():
        candidates.sort()  # (id order: the first of equally close titles wins)
    return groups


def _closest(
    candidates: Sequence[tuple[int, str, str]], title: str
) -> tuple[int, str, float] | None:
    """The stored (id, title, ratio) closest to `title` at DUPLICATE_RATIO or more, if any."""
    key = _title_key(title)
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(key)
    best: tuple[int, str, float] | None = None
    for action_id, other, other_key in candidates:
        matcher.set_seq1(other_key)
        # quick_ratio is an upper bound: most candidates are ruled out without the full match.
        if matcher.real_quick_ratio() < DUPLICATE_RATIO or matcher.quick_ratio() < DUPLICATE_RATIO:
            continue
        ratio = matcher.ratio()
        if ratio >= DUPLICATE_RATIO and (best is None or ratio > best[2]):
            best = (action_id, other, ratio)
    return best


def _with(item: PreviewItem, **changes: Any) -> PreviewItem:
    return replace(item, **changes)
