"""The action list's cells, painted with their texts laid out once: each repaint of the list
(a keystroke's result, a sort, a facet, a save) draws ~150-200 cells on the GUI thread.

Qt's own delegate asks the model for the cell's roles and lays out and elides its text again
at every paint (QTextLayout in QCommonStyle::viewItemDrawText): ~50 µs a cell, 11-17 ms of the
GUI thread for a screen of the list at each result, in every stall of issue 17's scripted
session. Here:
- the text comes straight from the model's Python (`CellSource.cell_text`), not through
  QModelIndex.data (a call from Python into C++ and back for each cell);
- it is drawn from a `QStaticText` kept for that text and width: the same structures,
  départements, years and statuses come back from one result to the next, and a title is laid
  out once however often its row is repainted;
- the style paints the item (selection, focus frame, hover) only for the cells that have one:
  the view has already painted the row's background (alternate colours) before the delegate.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QFontMetricsF, QPainter, QPalette, QStaticText
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

# Texts laid out and kept per delegate (a screen of the list shows ~200 cells): forgotten at
# once beyond this.
CACHED_TEXTS = 4096

# Qt's enums looked up once, as ints: each operation on a Qt flag runs Python's enum code
# (~2 µs, issue 17).
_ITEM = QStyle.ControlElement.CE_ItemViewItem
_TEXT_MARGIN = QStyle.PixelMetric.PM_FocusFrameHMargin
_SELECTED = QStyle.StateFlag.State_Selected.value
_ENABLED = QStyle.StateFlag.State_Enabled.value
_ACTIVE = QStyle.StateFlag.State_Active.value
# The states in which a style paints something under an item's text (QCommonStyle's and the
# native styles' PE_PanelItemViewItem, and the focus frame of CE_ItemViewItem).
_STYLED = _SELECTED | QStyle.StateFlag.State_HasFocus.value | QStyle.StateFlag.State_MouseOver.value
_NORMAL = QPalette.ColorGroup.Normal
_INACTIVE = QPalette.ColorGroup.Inactive
_DISABLED = QPalette.ColorGroup.Disabled
_TEXT = QPalette.ColorRole.Text
_SELECTED_TEXT = QPalette.ColorRole.HighlightedText
_PLAIN_TEXT = Qt.TextFormat.PlainText

_Index = QModelIndex | QPersistentModelIndex


class CellSource(Protocol):
    """What the cells show, asked from Python (the list's model)."""

    def cell_text(self, row: int, column: int) -> str:
        """The cell's text (its DisplayRole)."""
        ...

    def right_aligned(self, column: int) -> bool: ...


def static_text(text: str) -> QStaticText:
    """A plain-text line to draw with QPainter.drawStaticText, laid out at its first drawing."""
    static = QStaticText(text)
    static.setTextFormat(_PLAIN_TEXT)
    return static


class CellDelegate(QStyledItemDelegate):
    """Paints a cell as QStyledItemDelegate does for a one-line text (no icon, no check box),
    elided at the right, in the view's font (a change of font lays the texts out again).
    Subclasses paint their column's content in `paint_cell`."""

    def __init__(self, view: QAbstractItemView, source: CellSource) -> None:
        super().__init__(view)
        self.view = view
        self.source = source
        self._elide = view.textElideMode()
        self._caches: list[dict[Any, Any]] = []  # what is laid out for the font (new_cache)
        self._texts: dict[tuple[str, int], tuple[QStaticText, float]] = self.new_cache()
        self.plain_font = QFont()
        self.plain_metrics = QFontMetrics(self.plain_font)
        self._advance = QFontMetricsF(self.plain_font).horizontalAdvance
        self.bold_font = QFont()
        self.bold_metrics = QFontMetrics(self.bold_font)
        self._margin = 0
        self._set_font(view.font())

    def new_cache(self) -> dict[Any, Any]:
        """A dict of texts laid out, forgotten when the font changes (and by forget_texts)."""
        cache: dict[Any, Any] = {}
        self._caches.append(cache)
        return cache

    def _set_font(self, font: QFont) -> None:
        """The font of the cells (the view's): the texts laid out are forgotten."""
        self.plain_font = QFont(font)  # a copy: `font` may belong to a paint's style option
        self.plain_metrics = QFontMetrics(self.plain_font)
        self._advance = QFontMetricsF(self.plain_font).horizontalAdvance
        self.bold_font = QFont(self.plain_font)
        self.bold_font.setBold(True)
        self.bold_metrics = QFontMetrics(self.bold_font)
        # The margin the style leaves around an item's text (QCommonStyle::viewItemDrawText).
        self._margin = self.view.style().pixelMetric(_TEXT_MARGIN, None, self.view) + 1
        self.forget_texts()

    def forget_texts(self) -> None:
        for cache in self._caches:
            cache.clear()

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        if option.font != self.plain_font:
            self._set_font(option.font)
        state = option.state.value
        if state & _STYLED:
            # The style's item, without a text (the option of a view has none).
            self.view.style().drawControl(_ITEM, option, painter, self.view)
        group = (_NORMAL if state & _ACTIVE else _INACTIVE) if state & _ENABLED else _DISABLED
        # As QCommonStyle::viewItemDrawText; every cell sets its pen and font.
        painter.setPen(option.palette.color(group, _SELECTED_TEXT if state & _SELECTED else _TEXT))
        painter.setFont(self.plain_font)
        row, column = index.row(), index.column()
        rect = option.rect.adjusted(self._margin, 0, -self._margin, 0)
        self.paint_cell(painter, option, rect, row, column)

    def paint_cell(
        self, painter: QPainter, option: QStyleOptionViewItem, rect: QRect, row: int, column: int
    ) -> None:
        """The cell's content in `rect` (the item's less the style's margins), with the pen of
        the text's colour for the cell's state and the plain font."""
        text = self.source.cell_text(row, column)
        if text:
            self.draw_text(painter, rect, text, self.source.right_aligned(column))

    def draw_text(self, painter: QPainter, rect: QRect, text: str, right: bool = False) -> None:
        static, x = self.laid_out(text, rect.width(), right)
        painter.drawStaticText(QPointF(rect.left() + x, self.text_top(rect)), static)

    def laid_out(self, text: str, width: int, right: bool = False) -> tuple[QStaticText, float]:
        """`text` elided to `width` and its offset from the left of the text's room (in
        fractions of a pixel, as Qt places a right-aligned text)."""
        key = (text, -width if right else width)
        found = self._texts.get(key)
        if found is None:
            shown = self.plain_metrics.elidedText(text, self._elide, width)
            offset = max(0.0, width - self._advance(shown)) if right else 0.0
            found = (static_text(shown), offset)
            if len(self._texts) >= CACHED_TEXTS:
                self._texts.clear()
            self._texts[key] = found
        return found

    def text_top(self, rect: QRect) -> int:
        """The top of a line of text centred in `rect`."""
        return rect.top() + (rect.height() - self.plain_metrics.height()) // 2
