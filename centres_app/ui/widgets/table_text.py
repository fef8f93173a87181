"""The text of a QTableWidget cell, for the dialogs' `rows()` (what the user reads)."""

from __future__ import annotations

from PySide6.QtWidgets import QTableWidget


def cell_text(table: QTableWidget, row: int, column: int) -> str:
    """The text of a filled cell (the dialogs fill every cell of their tables)."""
    item = table.item(row, column)
    assert item is not None, (row, column)
    return item.text()
