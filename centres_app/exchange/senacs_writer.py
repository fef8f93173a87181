"""Writes ActionData records in the SENACS text export format read by senacs_reader.

The layout mirrors the SENACS export exactly (``write_senacs(read_senacs(t)) == t`` for an
export in canonical form): header, summary table, then one ``Actions`` block per action, with
``\\n`` line ends and no final newline.

Nothing is escaped, so some values cannot survive a round trip (limitations of the format):

* a free-text line equal to the label of a later field (``- Public``...), or a line ``Actions``
  in the last field (Perspectives), is read back as structure;
* a term value equal to a later label; a department holding ``|``; line breaks in titles and
  values (written as spaces);
* trailing spaces and leading/trailing blank lines of texts, leading/trailing spaces of values;
* attachments (the format only names files, the reader ignores the names; none are written);
* an action without year is written with an empty year, which the reader rejects.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from centres_app.domain import STATUS_FINISHED, ActionData
from centres_app.exchange.files import write_bytes_atomic
from centres_app.exchange.senacs_reader import (
    ATTACHMENTS,
    BLOCK_FIELDS,
    BLOCK_START,
    HEADER,
    LONE_DASH,
    PARTNERS_HEADER,
    SINGLE,
    STRUCTURE,
    TABLE_HEADER,
    TERMS,
)

# Multi-valued lists the export opens with a lone "-" (Public has none).
_DASHED_LISTS = frozenset({"keywords", "initiative", "partners"})
_OTHER_INITIATIVE = "Autre"


def write_senacs(actions: Iterable[ActionData]) -> str:
    """The SENACS text of `actions`, in the given order."""
    actions = list(actions)
    out = [HEADER, " | ".join(TABLE_HEADER) + " |", "---|---|---|"]
    for action in actions:
        year = "" if action.year is None else str(action.year)
        out.append(f"{_one_line(action.title)} | {_one_line(action.department)} | {year} |")
    for action in actions:
        out.extend(_block(action))
    return "\n".join(out)


def write_senacs_file(actions: Iterable[ActionData], path: str | os.PathLike[str]) -> None:
    """Writes `actions` to `path` in UTF-8 without BOM, with `\\n` line ends (atomically)."""
    write_bytes_atomic(path, write_senacs(actions).encode("utf-8"))


def _block(action: ActionData) -> list[str]:
    out = [BLOCK_START, _one_line(action.title)]
    for spec in BLOCK_FIELDS:
        if not _printed(spec.name, action):
            continue
        out.append("- " + spec.label)
        value = getattr(action, spec.name)
        if spec.kind == STRUCTURE:
            out.append(f"- {_one_line(value)} - {_one_line(action.department)}")
        elif spec.kind == ATTACHMENTS:
            continue
        elif spec.kind == SINGLE:
            if value:
                out.append("- " + _one_line(value))
        elif spec.kind == TERMS:
            if spec.name in _DASHED_LISTS:
                out.append(LONE_DASH)
            if spec.name == "partners":
                out.append(PARTNERS_HEADER)
            out.extend("- " + _one_line(term) for term in value)
        elif value:
            out.extend(_text_lines(value))
    return out


def _printed(name: str, action: ActionData) -> bool:
    """The export prints these two labels only when they apply, as in the sample."""
    if name == "end_reason":
        return bool(action.end_reason) or action.status == STATUS_FINISHED
    if name == "initiative_detail":
        return bool(action.initiative_detail) or _OTHER_INITIATIVE in action.initiative
    return True


def _one_line(value: str) -> str:
    return " ".join(value.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def _text_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
