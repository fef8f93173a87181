"""Completeness in the window: the « Fiche complète à 75 % — à remplir : … » line, the list bar."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QLabel, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from centres_app.completeness import Completeness
from centres_app.ui.models.action_list_model import SCORE_ROLE
from centres_app.ui.widgets.field_view import set_style_sheet

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


# Qt's enums looked up once, not at each cell painted (issue 17).
_ITEM = QStyle.ControlElement.CE_ItemViewItem
_NO_PEN = Qt.PenStyle.NoPen
_SELECTED = QStyle.StateFlag.State_Selected
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class CompletenessDelegate(QStyledItemDelegate):
    """Paints a small bar and the percentage; it only paints (the model holds the data)."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        score = index.data(SCORE_ROLE)
        if not isinstance(score, int):
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawControl(_ITEM, opt, painter, opt.widget)
        painter.save()
        rect = opt.rect.adjusted(4, 0, -4, 0)
        bar_width = max(16, min(40, rect.width() // 2))
        bar = QRect(rect.left(), rect.center().y() - 3, bar_width, 6)
        painter.setPen(_NO_PEN)
        painter.setBrush(opt.palette.mid().color().lighter(130))
        painter.drawRoundedRect(bar, 2, 2)
        filled = QRect(bar.left(), bar.top(), round(bar.width() * score / 100), bar.height())
        painter.setBrush(_color(score))
        painter.drawRoundedRect(filled, 2, 2)
        selected = bool(opt.state & _SELECTED)
        painter.setPen(
            opt.palette.highlightedText().color() if selected else opt.palette.text().color()
        )
        text_rect = rect.adjusted(bar_width + 6, 0, 0, 0)
        painter.drawText(text_rect, _RIGHT, text)
        painter.restore()


def _color(score: int) -> QColor:
    if score >= 80:
        return GOOD
    if score >= 50:
        return MIDDLE
    return LOW
