"""Spreadsheet exports, XLSX (openpyxl) and ODS (odfpy): every field, one row per action.

The header row holds the French labels, in bold and frozen; columns have widths suited to their
content and wrap their text, so the long free texts stay readable. Every value is written as
text (the year as a number) and never as a formula, whatever it starts with; a `;` inside a
term is doubled, as in the CSV. spreadsheet_reader reads them back (the JSON stays the exchange
format: attachments are only named here); the few characters XML cannot hold (control
characters, refused on the way in anyway) are dropped.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from centres_app.domain import FIELD_LABELS, TERM_FIELDS, TEXT_FIELDS, ActionData
from centres_app.exchange.atomic_files import atomic_write
from centres_app.exchange.csv_format import COLUMNS, csv_cell

if TYPE_CHECKING:
    from odf.opendocument import OpenDocument
    from openpyxl.cell.cell import Cell

SHEET_TITLE = "Actions"
# Excel refuses a cell longer than this; LibreOffice reads such a cell truncated.
XLSX_MAX_CELL = 32_767
TRUNCATION_MARK = " […]"

# Column widths in characters (XLSX) and centimetres (ODS, about 0.2 cm per character).
_NARROW = {"year": 8, "department": 14, "status": 12}
_MEDIUM = {"title": 40, "structure": 36, "attachments": 24, "dimension": 24, "territory": 20}


def column_width(name: str) -> int:
    """A sensible width, in characters, for a field's column."""
    if name in _NARROW:
        return _NARROW[name]
    if name in _MEDIUM:
        return _MEDIUM[name]
    if name in TERM_FIELDS:
        return 30
    if name in TEXT_FIELDS:
        return 60
    return 20


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _XML_ILLEGAL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _rows(actions: Iterable[ActionData]) -> Iterable[tuple[ActionData, list[str | int]]]:
    for action in actions:
        row: list[str | int] = []
        for name in COLUMNS:
            if name == "year" and action.year is not None:
                row.append(action.year)
            else:
                row.append(_clean(csv_cell(action, name)))
        yield action, row


# --- XLSX ------------------------------------------------------------------------------------


def write_xlsx(actions: Iterable[ActionData], path: str | os.PathLike[str]) -> list[str]:
    """Writes an XLSX workbook atomically; returns French warnings (cells cut to Excel's limit)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    # Every row is built before the workbook: an error there leaves no half-written sheet
    # behind (the rows only refer to the actions' strings, so memory stays modest).
    rows = list(_rows(actions))
    # Write-only mode streams rows to disk: openpyxl's cell objects never pile up.
    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET_TITLE)
    for index, name in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column_width(name)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}1"
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")

    def cell(value: str | int, font: Font | None = None) -> Cell:
        item = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            item.data_type = "s"  # "=..." would otherwise be stored as a formula
        item.alignment = wrap
        if font is not None:
            item.font = font
        return item

    sheet.append([cell(FIELD_LABELS[name], bold) for name in COLUMNS])
    warnings: list[str] = []
    for action, row in rows:
        cells = []
        for name, value in zip(COLUMNS, row, strict=True):
            if isinstance(value, str) and len(value) > XLSX_MAX_CELL:
                value = value[: XLSX_MAX_CELL - len(TRUNCATION_MARK)] + TRUNCATION_MARK
                warnings.append(
                    f"« {action.title[:80]} » : {FIELD_LABELS[name]} tronqué à "
                    f"{XLSX_MAX_CELL} caractères (limite d'Excel)"
                )
            cells.append(cell(value))
        sheet.append(cells)
    with atomic_write(path) as handle:
        book.save(handle)
    return warnings


# --- ODS -------------------------------------------------------------------------------------


def write_ods(actions: Iterable[ActionData], path: str | os.PathLike[str]) -> list[str]:
    """Writes an OpenDocument spreadsheet atomically; returns French warnings (none so far)."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import (
        ParagraphProperties,
        Style,
        TableCellProperties,
        TableColumnProperties,
        TextProperties,
    )
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.teletype import addTextToElement
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    cell_style = Style(name="Texte", family="table-cell")
    cell_style.addElement(TableCellProperties(wrapoption="wrap", verticalalign="top"))
    cell_style.addElement(ParagraphProperties(textalign="start"))
    header_style = Style(name="EnTete", family="table-cell", parentstylename=cell_style)
    header_style.addElement(TableCellProperties(wrapoption="wrap", verticalalign="top"))
    header_style.addElement(
        TextProperties(fontweight="bold", fontweightasian="bold", fontweightcomplex="bold")
    )
    doc.automaticstyles.addElement(cell_style)
    doc.automaticstyles.addElement(header_style)

    table = Table(name=SHEET_TITLE)
    column_styles: dict[int, Style] = {}
    for name in COLUMNS:
        width = column_width(name)
        if width not in column_styles:
            style = Style(name=f"Col{width}", family="table-column")
            style.addElement(TableColumnProperties(columnwidth=f"{width * 0.2:.1f}cm"))
            doc.automaticstyles.addElement(style)
            column_styles[width] = style
        table.addElement(
            TableColumn(stylename=column_styles[width], defaultcellstylename=cell_style)
        )

    def add_row(values: Sequence[str | int], style: Style) -> None:
        row = TableRow()
        for value in values:
            if isinstance(value, int):
                cell = TableCell(valuetype="float", value=value, stylename=style)
                text = str(value)
            else:
                cell = TableCell(valuetype="string", stylename=style)
                text = value
            if text:
                paragraph = P()
                # Keeps line breaks (text:line-break), runs of spaces and tabs.
                addTextToElement(paragraph, text)
                cell.addElement(paragraph)
            row.addElement(cell)
        table.addElement(row)

    add_row([FIELD_LABELS[name] for name in COLUMNS], header_style)
    for _action, values in _rows(actions):
        add_row(values, cell_style)
    doc.spreadsheet.addElement(table)
    _freeze_header(doc)
    with atomic_write(path) as handle:
        doc.write(handle)
    return []


def _freeze_header(doc: OpenDocument) -> None:
    """LibreOffice's view settings that freeze the first row of the sheet."""
    from odf.config import (
        ConfigItem,
        ConfigItemMapEntry,
        ConfigItemMapIndexed,
        ConfigItemMapNamed,
        ConfigItemSet,
    )

    settings = ConfigItemSet(name="ooo:view-settings")
    views = ConfigItemMapIndexed(name="Views")
    view = ConfigItemMapEntry()
    view.addElement(ConfigItem(name="ViewId", type="string", text="view1"))
    tables = ConfigItemMapNamed(name="Tables")
    sheet = ConfigItemMapEntry(name=SHEET_TITLE)
    for key, kind, value in (
        ("VerticalSplitMode", "short", "2"),
        ("VerticalSplitPosition", "int", "1"),
        ("ActiveSplitRange", "short", "2"),
        ("PositionTop", "int", "0"),
        ("PositionBottom", "int", "1"),
    ):
        sheet.addElement(ConfigItem(name=key, type=kind, text=value))
    tables.addElement(sheet)
    view.addElement(tables)
    views.addElement(view)
    settings.addElement(views)
    doc.settings.addElement(settings)
