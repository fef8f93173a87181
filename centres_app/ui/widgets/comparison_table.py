"""Two versions of an action side by side, field by field, the differing fields in bold.

The history dialog compares a previous version with the current one; the synchronisation's
conflicts dialog compares the version applied with the one set aside (issue 19).
"""

from __future__ import annotations

from dataclasses import fields

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from centres_app.domain import FIELD_LABELS, ActionData, Attachment
from centres_app.sheet import format_size
from centres_app.ui.widgets.table_text import cell_text

LABEL_WIDTH = 220  # the widest the labels' column gets by itself (px)


def field_text(value: object) -> str:
    """A field's value as plain text for the comparison table."""
    if value is None:
        return ""
    if isinstance(value, tuple):
        if value and isinstance(value[0], Attachment):
            return "\n".join(f"{a.name} ({format_size(a.size)})" for a in value)
        return " ; ".join(str(v) for v in value)
    return str(value)


class ComparisonTable(QTableWidget):
    """Columns: the field's label, the left version, the right version (read-only)."""

    def __init__(self, left: str, right: str, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setTabKeyNavigation(False)  # Tab leaves the table (issue 16)
        self.setHorizontalHeaderLabels([self.tr("Champ"), left, right])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        # The labels wrap: a long one (« Description de l'expérience, ses objectifs… ») would
        # otherwise take the width of the two versions.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

    def compare(self, left: ActionData, right: ActionData) -> int:
        """Shows the fields filled in either version; returns how many differ."""
        rows = []
        for f in fields(ActionData):
            if not f.compare:  # the uuid: the same action's identity, not its content
                continue
            old, new = field_text(getattr(left, f.name)), field_text(getattr(right, f.name))
            if old or new:
                rows.append((f.name, old, new))
        self.setRowCount(len(rows))
        differing = 0
        for r, (name, old, new) in enumerate(rows):
            changed = old != new
            differing += changed
            for c, text in enumerate((self.tr(FIELD_LABELS.get(name, name)), old, new)):
                item = QTableWidgetItem(text)
                item.setToolTip(text[:2000])
                if changed:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.setItem(r, c, item)
        self.resizeColumnToContents(0)
        self.setColumnWidth(0, min(self.columnWidth(0), LABEL_WIDTH))
        self.resizeRowsToContents()
        return differing

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # The rows' heights follow the columns' new widths (wrapped text).
        self.resizeRowsToContents()

    def clear_rows(self) -> None:
        self.setRowCount(0)

    def rows(self) -> list[tuple[str, str, str]]:
        """The table as text (label, left, right), for tests and copy."""
        return [
            (cell_text(self, r, 0), cell_text(self, r, 1), cell_text(self, r, 2))
            for r in range(self.rowCount())
        ]
