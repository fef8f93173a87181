"""The SENACS listing as a browser copies it, turned back into the export's text (issue 18).

Selecting the listing's page (« Les actions des centres sociaux ») in a browser and copying it
gives the same lines as the export, with what a browser does to them:

* the summary table's cells separated by tabs (``Nom<TAB>Département<TAB>Année``), and no
  ``---|---|---|`` line;
* list items with a bullet ``•`` (sometimes indented with tabs) instead of ``- ``, or a dash
  followed by a tab or a non-breaking space;
* non-breaking spaces (French typography: ``action ?``) in the labels, spaces and
  non-breaking spaces at line ends, lines holding only spaces;
* extra blank lines (before the header, around the table, between ``Actions``, the title and
  ``- Structure organisatrice``);
* Windows line ends.

`normalise_listing` rewrites only the lines that carry the structure (header, table, labels,
bullets, ``Actions``) and drops only the blank lines that cannot be text; every other line is
kept as it is, so texts are not altered. It returns each output line's line number in the
copied text, so that an error names the line the user sees. The export's own text is left
alone (`looks_copied` is False on it): its free texts may hold ``•`` lines of their own.

Qt-free.
"""

from __future__ import annotations

import re

from centres_app.exchange.senacs_reader import (
    BLOCK_FIELDS,
    BLOCK_START,
    HEADER,
    PARTNERS_HEADER,
    PARTNERS_QUESTION,
    STRUCTURE_LABEL_LINE,
    TABLE_HEADER,
)

SEPARATOR = "---|---|---|"
TABLE_LINE = " | ".join(TABLE_HEADER) + " |"

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_TRAILING = " \t\u00a0\u202f"
# A list item as a browser copies it: optional indentation, then a bullet (a dot, or a dash
# followed by a tab or a non-breaking space), then the item's text. A dash followed by a plain
# space is the export's own form, left to the reader.
_BULLET = re.compile(r"^[\s\u00a0\u202f]*(?:[•◦▪·]|[-–](?=[\t\u00a0\u202f]|$))[\s\u00a0\u202f]*")
_LABELS = {f.label for f in BLOCK_FIELDS} | {PARTNERS_QUESTION}


def _key(line: str) -> str:
    """A line as labels are compared: spaces of any kind collapsed, ends trimmed."""
    return _SPACES.sub(" ", line).strip()


_LABEL_KEYS = {_key(label): label for label in _LABELS}


def _cells(line: str) -> list[str]:
    cells = [cell.strip(_TRAILING) for cell in re.split(r"\t|\|", line)]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _first_lines(text: str, count: int) -> list[str]:
    lines = re.split(r"\r\n|\r|\n", text[:8192])
    return [line for line in lines if _key(line)][:count]


def looks_copied(text: str) -> bool:
    """Whether a text is the listing as a browser copies it: its header, then a table header
    that is not the export's own line ``Nom | Département | Année |`` (cells split by tabs)
    or not followed by the ``---|---|---|`` line."""
    first = _first_lines(text.removeprefix("\ufeff"), 3)
    if len(first) < 2 or _key(first[0]) != HEADER or _cells(first[1]) != list(TABLE_HEADER):
        return False
    lines = re.split(r"\r\n|\r|\n", text.removeprefix("\ufeff")[:8192])
    exact = lines[:3] == [HEADER, TABLE_LINE, SEPARATOR] or [
        line.rstrip(" \t") for line in lines[:3]
    ] == [HEADER, TABLE_LINE, SEPARATOR]
    return not exact


def starts_without_table(text: str) -> int:
    """The line of the first `Actions` when a text starts with a block of the listing (its
    title, then « - Structure organisatrice »), without the header and table; else 0."""
    lines = re.split(r"\r\n|\r|\n", text.removeprefix("\ufeff"))
    filled = [(number, line) for number, line in enumerate(lines, 1) if _key(line)][:3]
    if len(filled) == 3 and _key(filled[0][1]) == BLOCK_START:
        label = filled[2][1]
        if STRUCTURE_LABEL_LINE in (_key(label), _structural(label)):
            return filled[0][0]
    return 0


def _structural(line: str) -> str | None:
    """The export's form of a line that carries structure, or None for a text line."""
    key = _key(line)
    if key in (HEADER, BLOCK_START):
        return key
    if key == _key(PARTNERS_HEADER):
        return PARTNERS_HEADER
    bullet = _BULLET.match(line)
    if bullet is None:
        return None
    rest = line[bullet.end() :].rstrip(_TRAILING)
    if not rest:
        return "-"
    label = _LABEL_KEYS.get(_key(rest))
    return "- " + (label if label is not None else rest)


def normalise_listing(text: str) -> tuple[str, list[int]]:
    """The export's text of a listing copied from a browser, and for each of its lines the
    1-based line of the copied text it comes from (see the module's docstring)."""
    text = text.removeprefix("\ufeff")
    raw = re.split(r"\r\n|\r|\n", text)
    lines: list[str] = []
    origin: list[int] = []

    def put(line: str, number: int) -> None:
        lines.append(line)
        origin.append(number)

    index = 0
    # Header and table header: the blank lines before and between them go.
    for expected in ("header", "table"):
        while index < len(raw) and not _key(raw[index]):
            index += 1
        if index >= len(raw):
            return "\n".join(lines), origin or [1]
        line = raw[index]
        if expected == "header":
            put(HEADER if _key(line) == HEADER else line.rstrip(_TRAILING), index + 1)
        elif _cells(line) == list(TABLE_HEADER):
            put(TABLE_LINE, index + 1)
            following = index + 1
            while following < len(raw) and not _key(raw[following]):
                following += 1
            if following < len(raw) and re.fullmatch(r"[\s|:\-]+", raw[following]):
                index = following  # the copy kept a separator line: written below
            put(SEPARATOR, index + 1)
        else:
            put(line.rstrip(_TRAILING), index + 1)
        index += 1
    # The table's rows, up to the first `Actions`.
    while index < len(raw) and _key(raw[index]) != BLOCK_START:
        line = raw[index].rstrip(_TRAILING)
        if "\t" in line:
            cells = _cells(line)
            if len(cells) == 3:
                line = " | ".join(cells) + " |"
        put(line if _key(line) else "", index + 1)
        index += 1
    # The blocks: structural lines in the export's form, text lines as they are.
    for number in range(index, len(raw)):
        line = raw[number]
        if not _key(line):
            put("", number + 1)
            continue
        structural = _structural(line)
        put(structural if structural is not None else line.rstrip(_TRAILING), number + 1)
    return _tighten_blocks(lines, origin)


def _tighten_blocks(lines: list[str], origin: list[int]) -> tuple[str, list[int]]:
    """Drops the blank lines between `Actions`, its title and « - Structure organisatrice »
    where these three lines start a block (the reader wants them one after the other)."""
    drop: set[int] = set()
    for index, line in enumerate(lines):
        if line != BLOCK_START:
            continue
        title = _next_filled(lines, index + 1)
        label = _next_filled(lines, title + 1)
        if label < len(lines) and lines[label] == STRUCTURE_LABEL_LINE:
            drop.update(range(index + 1, title))
            drop.update(range(title + 1, label))
    kept = [i for i in range(len(lines)) if i not in drop]
    return "\n".join(lines[i] for i in kept), [origin[i] for i in kept]


def _next_filled(lines: list[str], index: int) -> int:
    while index < len(lines) and not lines[index]:
        index += 1
    return index
