"""CSV export for spreadsheets: one row per action, French headers, `;`, UTF-8 with BOM.

Choices, for the coordinator who double-clicks the file in Excel or LibreOffice:

* the header row holds the **French labels** of design §2 (``FIELD_LABELS``), because the CSV is
  read by people; the exchange names stay in the JSON format, which is the one machines use.
  `read_csv` accepts either spelling of a header, in any order and case, accents optional;
* ``;`` separates cells (French Excel expects it, since ``,`` is the decimal mark), every cell is
  quoted so line breaks and ``;`` inside texts stay in their cell, rows end with CRLF while line
  breaks inside a cell are a bare LF (what Excel expects);
* UTF-8 with a BOM, without which Excel on Windows reads the accents as Windows-1252;
* term lists and attachment names are joined by `` ; ``; a ``;`` inside a term is doubled
  (``Lien;social`` is written ``Lien;;social``), so `read_csv` splits only on a single ``;`` and
  the term comes back whole;
* a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, possibly after
  spaces (`` =1+1``), would be taken for a formula by spreadsheet software (``- Dimanche…``
  shows ``#NOM?``, ``=HYPERLINK(…)`` runs): such cells, and cells already starting with ``'``,
  get one leading ``'``, the "this is text" marker that Excel hides. `read_csv` removes exactly
  that marker, so the round trip is exact.

Attachments are only named: reading a CSV gives actions without attachments (the importer then
leaves the stored ones alone).
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable, Iterator
from typing import Any

from centres_app.domain import (
    CONTENT_FIELD_NAMES,
    FIELD_LABELS,
    FORM_ACTION,
    MAX_TEXT_LENGTH,
    SENACS_WORDING,
    TERM_FIELDS,
    ActionData,
    fold,
    show_text,
)
from centres_app.errors import ParseError
from centres_app.exchange.atomic_files import write_bytes_atomic

DELIMITER = ";"
LIST_SEPARATOR = " ; "
BOM = "\ufeff"
# Every field of design §2, in the order of the record (title first).
COLUMNS: tuple[str, ...] = CONTENT_FIELD_NAMES
FORMULA_STARTS = frozenset("=+-@\t\r")
TEXT_MARKER = "'"
_YEAR = re.compile(r"[0-9]{1,9}")
# The csv module refuses a field over 131,072 characters; ours may hold MAX_TEXT_LENGTH (plus
# the formula marker, and doubled quotes do not count). A longer field is refused by csv at its
# line ("field larger than field limit"), which bounds the memory of one row too.
FIELD_SIZE_LIMIT = MAX_TEXT_LENGTH + 16


def _needs_marker(value: str) -> bool:
    """Whether a cell would be taken for a formula (spaces before `=` do not stop a spreadsheet)
    or starts with the marker itself (so that removing one marker on reading is exact)."""
    if not value:
        return False
    if value[0] in FORMULA_STARTS or value[0] == TEXT_MARKER:
        return True
    rest = value.lstrip()
    return bool(rest) and rest[0] in FORMULA_STARTS


def _escape(value: str) -> str:
    return TEXT_MARKER + value if _needs_marker(value) else value


def _unescape(value: str) -> str:
    if value[:1] == TEXT_MARKER and _needs_marker(value[1:]):
        return value[1:]
    return value


def join_terms(values: Iterable[str]) -> str:
    """Terms joined by " ; ", a `;` inside a term doubled (split_terms reads it back)."""
    return LIST_SEPARATOR.join(value.replace(DELIMITER, DELIMITER * 2) for value in values)


_TERM_PIECE = re.compile(";;|;|[^;]+")


def split_terms(cell: str) -> tuple[str, ...]:
    """The terms of a cell: split on a single `;`, `;;` is a `;` inside a term; each stripped."""
    terms: list[str] = []
    current: list[str] = []
    for piece in _TERM_PIECE.findall(cell):
        if piece == ";":
            terms.append("".join(current))
            current = []
        else:
            current.append(";" if piece == ";;" else piece)
    terms.append("".join(current))
    return tuple(term.strip() for term in terms if term.strip())


def cell_text(action: ActionData, name: str) -> str:
    """The text of one field as exported (lists joined by " ; ", attachments by name)."""
    value: Any = getattr(action, name)
    if name == "attachments":
        return LIST_SEPARATOR.join(a.name for a in value)
    if name == "year":
        return "" if value is None else str(value)
    if isinstance(value, tuple):
        return LIST_SEPARATOR.join(value)
    return str(value)


def csv_cell(action: ActionData, name: str) -> str:
    """The CSV text of one field: like cell_text, with a `;` inside a term doubled."""
    value: Any = getattr(action, name)
    if name == "attachments":
        return join_terms(a.name for a in value)
    if isinstance(value, tuple):
        return join_terms(value)
    return cell_text(action, name)


def csv_rows(actions: Iterable[ActionData]) -> Iterator[list[str]]:
    """The header row, then one row per action."""
    yield [FIELD_LABELS[name] for name in COLUMNS]
    for action in actions:
        yield [_escape(csv_cell(action, name)) for name in COLUMNS]


def csv_text(actions: Iterable[ActionData]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=DELIMITER, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerows(csv_rows(actions))
    return BOM + buffer.getvalue()


def write_csv(actions: Iterable[ActionData], path: str | os.PathLike[str]) -> None:
    """Writes the CSV file atomically (UTF-8 with BOM)."""
    write_bytes_atomic(path, csv_text(actions).encode("utf-8"))


# --- Reading ---------------------------------------------------------------------------------

_HEADER_NAMES: dict[str, str] = {}
for _name in COLUMNS:
    _HEADER_NAMES[fold(_name)] = _name
    _HEADER_NAMES[fold(FIELD_LABELS[_name])] = _name
for _name, _label in SENACS_WORDING.items():  # files written before the label was corrected
    _HEADER_NAMES[fold(_label)] = _name
del _name, _label


def looks_like_csv(first_line: str) -> bool:
    """Whether a file's first line is the header of our CSV export (either header spelling).

    The line ends at any line break (a bare CR too: csv.reader refuses one in an unquoted
    cell), and a line csv cannot read is not our header."""
    lines = first_line.lstrip(BOM).splitlines() or [""]
    try:
        first_cell = next(csv.reader(lines[:1], delimiter=DELIMITER), [""])
    except csv.Error:
        return False
    return bool(first_cell) and _HEADER_NAMES.get(fold(first_cell[0].strip())) == "title"


def read_csv_file(path: str | os.PathLike[str]) -> list[ActionData]:
    """Reads a CSV export (UTF-8, BOM optional); OSError propagates unchanged."""
    return [action for _, action in read_csv_file_located(path)]


def read_csv_file_located(path: str | os.PathLike[str]) -> list[tuple[int, ActionData]]:
    """Like read_csv_file, each action with the line where its row starts."""
    name = os.fspath(path)
    with open(name, "rb") as handle:
        raw = handle.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ParseError(name, line, "le fichier n'est pas encodé en UTF-8") from exc
    return read_csv_located(text, name)


def read_csv(text: str, path: str = "<csv>") -> list[ActionData]:
    """Reads the text of a CSV export back into actions; problems raise ParseError (French)."""
    return [action for _, action in read_csv_located(text, path)]


def read_csv_located(text: str, path: str = "<csv>") -> list[tuple[int, ActionData]]:
    """Like read_csv, each action with the line where its row starts."""
    if csv.field_size_limit() < FIELD_SIZE_LIMIT:
        csv.field_size_limit(FIELD_SIZE_LIMIT)
    reader = csv.reader(io.StringIO(text.lstrip(BOM), newline=""), delimiter=DELIMITER)
    try:
        header = next(reader, None)
        if header is None:
            raise ParseError(path, 1, "fichier CSV vide")
        columns = columns_of(header, path)
        actions: list[tuple[int, ActionData]] = []
        start = reader.line_num + 1
        for row in reader:
            if any(cell.strip() for cell in row):
                actions.append((start, action_from_cells(row, columns, path, start)))
            start = reader.line_num + 1
    except csv.Error as exc:
        message = str(exc)
        if "field larger than field limit" in message:
            message = f"cellule trop longue (plus de {FIELD_SIZE_LIMIT} caractères)"
        raise ParseError(path, max(reader.line_num, 1), f"CSV invalide : {message}") from exc
    return actions


def columns_of(header: list[str], path: str, line: int = 1) -> list[str]:
    """The fields of a header row of French labels (CSV, XLSX and ODS exports)."""
    columns: list[str] = []
    for cell in header:
        name = _HEADER_NAMES.get(fold(cell.strip()))
        if name is None:
            raise ParseError(path, line, f"colonne inconnue « {show_text(cell)} »")
        if name in columns:
            raise ParseError(path, line, f"colonne en double « {show_text(cell)} »")
        columns.append(name)
    if "title" not in columns:
        raise ParseError(path, line, f"colonne « {FIELD_LABELS['title']} » manquante")
    return columns


def action_from_cells(
    row: list[str], columns: list[str], path: str, line: int, marked: bool = True
) -> ActionData:
    """The action of one row; `marked` cells may carry the CSV's formula marker."""
    if len(row) > len(columns):
        raise ParseError(
            path, line, f"{len(row)} cellules pour {len(columns)} colonnes : « ; » en trop ?"
        )
    values: dict[str, Any] = {}
    for name, raw in zip(columns, row, strict=False):
        cell = _unescape(raw) if marked else raw
        if name == "attachments":
            continue  # names only: the content is not in the file
        if name == "year":
            year = cell.strip()
            if year and not _YEAR.fullmatch(year):
                raise ParseError(path, line, f"année invalide « {show_text(year, 20)} »")
            values[name] = int(year) if year else None
        elif TERM_FIELDS.get(name) or name == "file_references":
            values[name] = split_terms(cell)
        elif name == "form":
            values[name] = cell.strip() or FORM_ACTION
        else:
            values[name] = cell
    return ActionData(**values)
