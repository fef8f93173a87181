"""Reads back the app's XLSX and ODS exports (and the same sheets saved again by Excel or
LibreOffice): the header row of French labels, then one action per row.

A row is read like a CSV row (csv_format.action_from_cells: the same columns, term lists split
on a single `;`), without the CSV's formula marker, which spreadsheets do not need: their cells
are typed as text. The line of a message is the row number the spreadsheet shows.

Hostile archives are refused before they are parsed: a ZIP that is not one of the two kinds,
or whose members unpack to more than MAX_UNPACKED_BYTES (a "zip bomb"). ODS content is read as
a stream of XML events, so memory stays bounded by one row; XLSX goes through openpyxl's
read-only (streaming) mode. A cell that the XLSX export cut to Excel's limit is refused at its
row: importing it would shorten the stored text (the JSON export holds it whole).
"""

from __future__ import annotations

import io
import struct
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO, Any
from xml.etree.ElementTree import ParseError as XMLParseError
from xml.etree.ElementTree import iterparse

from centres_app.domain import FIELD_LABELS, ActionData, show_text
from centres_app.errors import ParseError
from centres_app.exchange.csv_format import action_from_cells, columns_of
from centres_app.exchange.spreadsheet_format import TRUNCATION_MARK, XLSX_MAX_CELL

ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
ZIP_MAGIC = b"PK\x03\x04"
# Bounds what an archive may unpack to (our biggest export, 100,000 actions, is ~300 MB).
MAX_UNPACKED_BYTES = 2 * 1024 * 1024 * 1024

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_ROW = f"{{{_TABLE}}}table-row"
_CELL = f"{{{_TABLE}}}table-cell"
_COVERED = f"{{{_TABLE}}}covered-table-cell"
_TABLE_ELEMENT = f"{{{_TABLE}}}table"
_P = f"{{{_TEXT}}}p"
_H = f"{{{_TEXT}}}h"
_SPACE = f"{{{_TEXT}}}s"
_TAB = f"{{{_TEXT}}}tab"
_BREAK = f"{{{_TEXT}}}line-break"
_ROWS_REPEATED = f"{{{_TABLE}}}number-rows-repeated"
_COLUMNS_REPEATED = f"{{{_TABLE}}}number-columns-repeated"
_VALUE_TYPE = f"{{{_OFFICE}}}value-type"
_VALUE = f"{{{_OFFICE}}}value"
# What zipfile and zlib raise on a damaged or hostile archive (a negative seek, an encrypted
# member, an unknown compression...).
_ZIP_FAULTS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    struct.error,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
    RuntimeError,
)
# Repeats beyond these only describe the empty rest of a sheet (LibreOffice writes ~1 million).
_MAX_COLUMNS = 1024


def is_spreadsheet(head: bytes) -> bool:
    """Whether a file's first bytes are those of a ZIP archive (XLSX and ODS are)."""
    return head.startswith(ZIP_MAGIC)


def read_spreadsheet_located(data: bytes, name: str) -> list[tuple[int, ActionData]]:
    """The actions of an XLSX or ODS file's first sheet, each with its row number."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except _ZIP_FAULTS as exc:
        raise ParseError(name, 1, "archive ZIP illisible : ni un classeur XLSX ni ODS") from exc
    with archive:
        members = archive.infolist()
        if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
            raise ParseError(
                name,
                1,
                "classeur trop gros une fois décompressé (plus de "
                f"{MAX_UNPACKED_BYTES / 1024**3:.0f} Go) : est-ce bien un export ?",
            )
        names = {member.filename for member in members}
        try:
            if "mimetype" in names and archive.read("mimetype").strip() == ODS_MIMETYPE:
                if "content.xml" not in names:
                    raise ParseError(name, 1, "classeur ODS sans contenu (content.xml absent)")
                with archive.open("content.xml") as content:
                    return _actions(_ods_rows(content, name), name, xlsx=False)
            if "xl/workbook.xml" in names:
                return _actions(_xlsx_rows(data, name), name, xlsx=True)
        except ParseError:
            raise
        except _ZIP_FAULTS as exc:
            raise ParseError(name, 1, f"archive ZIP abîmée ({type(exc).__name__})") from exc
    raise ParseError(name, 1, "archive ZIP qui n'est ni un classeur XLSX ni un classeur ODS")


def _actions(
    rows: Iterator[tuple[int, list[str]]], name: str, xlsx: bool
) -> list[tuple[int, ActionData]]:
    header = next(rows, None)
    if header is None:
        raise ParseError(name, 1, "classeur vide : la ligne des intitulés manque")
    number, cells = header
    while cells and not cells[-1].strip():
        cells.pop()
    columns = columns_of(cells, name, number)
    actions: list[tuple[int, ActionData]] = []
    for number, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        while len(cells) > len(columns) and not cells[-1].strip():
            cells.pop()
        if xlsx:
            _check_not_cut(cells, columns, name, number)
        actions.append((number, action_from_cells(cells, columns, name, number, marked=False)))
    return actions


def _check_not_cut(cells: list[str], columns: list[str], name: str, number: int) -> None:
    for column, cell in zip(columns, cells, strict=False):
        if len(cell) >= XLSX_MAX_CELL and cell.endswith(TRUNCATION_MARK):
            raise ParseError(
                name,
                number,
                f"« {FIELD_LABELS[column]} » a été tronqué à {XLSX_MAX_CELL} caractères par "
                "l'export XLSX (limite d'Excel) : l'importer raccourcirait le texte enregistré. "
                "Importez plutôt l'export JSON ou ODS.",
            )


# --- XLSX ------------------------------------------------------------------------------------


def _xlsx_rows(data: bytes, name: str) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "no default style" and the like: not for the user
        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError):
            raise  # a damaged archive: said as such by the caller
        except Exception as exc:  # noqa: BLE001 - any fault of openpyxl on a hostile file
            raise ParseError(name, 1, f"classeur XLSX illisible ({_describe(exc)})") from exc
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            return
        number = 0
        try:
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                yield number, [_xlsx_text(value) for value in values]
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError):
            raise
        except Exception as exc:  # noqa: BLE001 - any fault of openpyxl on a hostile file
            where = number + 1
            raise ParseError(name, where, f"feuille XLSX illisible ({_describe(exc)})") from exc
    finally:
        book.close()


def _describe(exc: Exception) -> str:
    text = show_text(str(exc), 120)
    return f"{type(exc).__name__} : {text}" if text else type(exc).__name__


def _xlsx_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- ODS -------------------------------------------------------------------------------------


def _ods_rows(content: IO[bytes], name: str) -> Iterator[tuple[int, list[str]]]:
    """The rows of the first table of an ODS content.xml, as they stream by."""
    number = 0
    depth = 0  # of nested tables (a cell may hold a sub-table): only the first level counts
    tables = 0
    row: list[str] = []
    try:
        for event, element in iterparse(content, events=("start", "end")):
            tag = element.tag
            if tag == _TABLE_ELEMENT:
                if event == "start":
                    tables += depth == 0
                    depth += 1
                else:
                    depth -= 1
                    if depth == 0:
                        return  # the first sheet only
                    element.clear()
                continue
            if tables != 1 or depth != 1 or event != "end":
                continue
            if tag in (_CELL, _COVERED):
                repeat = min(int(element.get(_COLUMNS_REPEATED, "1")), _MAX_COLUMNS)
                text = _cell_text(element)
                row.extend([text] * min(repeat, _MAX_COLUMNS - len(row)))
                element.clear()
            elif tag == _ROW:
                repeat = int(element.get(_ROWS_REPEATED, "1"))
                number += 1
                if any(cell.strip() for cell in row):
                    yield number, row
                number += repeat - 1
                row = []
                element.clear()
    except XMLParseError as exc:
        line = max(number, 1)
        raise ParseError(name, line, f"contenu ODS illisible ({_describe(exc)})") from exc
    except ValueError as exc:
        raise ParseError(name, max(number, 1), "attribut de répétition invalide") from exc


def _cell_text(cell: Any) -> str:
    """A cell's text: its paragraphs joined by line breaks; a number cell without paragraph
    (a year typed again in LibreOffice) by its value."""
    paragraphs = [_paragraph_text(p) for p in cell if p.tag in (_P, _H)]
    if paragraphs:
        return "\n".join(paragraphs)
    if cell.get(_VALUE_TYPE) == "float" and cell.get(_VALUE) is not None:
        return _xlsx_text(float(cell.get(_VALUE)))
    return ""


def _paragraph_text(element: Any) -> str:
    """The text of a paragraph with its spans, spaces (text:s c=N), tabs and line breaks."""
    parts = [element.text or ""]
    for child in element:
        tag = child.tag
        if tag == _SPACE:
            parts.append(" " * min(int(child.get(f"{{{_TEXT}}}c", "1")), 1_000_000))
        elif tag == _TAB:
            parts.append("\t")
        elif tag == _BREAK:
            parts.append("\n")
        else:
            parts.append(_paragraph_text(child))
        parts.append(child.tail or "")
    return "".join(parts)
