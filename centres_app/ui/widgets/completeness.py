"""Completeness in the window: the « Fiche complète à 75 % — à remplir : … » line, the list bar."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QAbstractItemView, QLabel, QStyleOptionViewItem, QWidget

from centres_app.completeness import Completeness
from centres_app.ui.models.action_list_model import ActionListModel
from centres_app.ui.widgets.field_view import set_style_sheet
from centres_app.ui.widgets.list_cells import CellDelegate

GOOD = QColor("#4f9a5b")
MIDDLE = QColor("#d19a2a")
LOW = QColor("#c65a4a")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Completeness", text)


def completeness_line(value: Completeness) -> str:
    """« Fiche complète à 75 % — à remplir : Résultat sur le territoire, Limites » (French)."""
    if value.is_complete:
        return _tr("Fiche complète : toutes les rubriques importantes sont remplies")
    return _tr("Fiche complète à {score} % — à remplir : {labels}").format(
        score=value.score, labels=", ".join(value.missing_labels)
    )


class CompletenessLabel(QLabel):
    """One line above the tabs: how complete the sheet is and what is still to fill."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("completenessLabel")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setContentsMargins(6, 2, 6, 2)
        self._value: Completeness | None = None

    @property
    def value(self) -> Completeness | None:
        return self._value

    def show_completeness(self, value: Completeness | None) -> None:
        self._value = value
        if value is None:
            self.clear()
            self.hide()
            return
        self.setText(completeness_line(value))
        color = _color(value.score).name()
        set_style_sheet(self, f"QLabel {{ color: palette(text); border-left: 4px solid {color}; }}")
        self.show()


_NO_PEN = Qt.PenStyle.NoPen


class CompletenessDelegate(CellDelegate):
    """Paints a small bar and the percentage; it only paints (the model holds the data)."""

    def __init__(self, view: QAbstractItemView, model: ActionListModel) -> None:
        super().__init__(view, model)
        self.model = model

    def paint_cell(
        self, painter: QPainter, option: QStyleOptionViewItem, rect: QRect, row: int, column: int
    ) -> None:
        value = self.model.completeness_at(row)
        if value is None:
            super().paint_cell(painter, option, rect, row, column)
            return
        score = value.score
        rect = rect.adjusted(1, 0, -1, 0)
        bar_width = max(16, min(40, rect.width() // 2))
        bar = QRect(rect.left(), rect.center().y() - 3, bar_width, 6)
        pen = painter.pen()  # the text's colour for the cell's state
        painter.setPen(_NO_PEN)
        painter.setBrush(option.palette.mid().color().lighter(130))
        painter.drawRoundedRect(bar, 2, 2)
        filled = QRect(bar.left(), bar.top(), round(bar.width() * score / 100), bar.height())
        painter.setBrush(_color(score))
        painter.drawRoundedRect(filled, 2, 2)
        painter.setPen(pen)
        text = self.source.cell_text(row, column)
        if text:
            self.draw_text(painter, rect.adjusted(bar_width + 6, 0, 0, 0), text, right=True)


def _color(score: int) -> QColor:
    if score >= 80:
        return GOOD
    if score >= 50:
        return MIDDLE
    return LOW
