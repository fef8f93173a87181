"""Matched words of the search, highlighted: where they are in a text (accent- and
case-insensitive, as the search matches), a delegate that paints them in the list's title
column, and their selection in the detail pane's labels."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from centres_app.domain import fold
from centres_app.qualifiers import split_qualifiers

_WORD = re.compile(r"\w+", re.UNICODE)


def search_words(text: str) -> list[str]:
    """The folded words the search text looks for: qualifiers, excluded words (`-mot`) and
    operators left out; `"une expression"` gives its words."""
    rest, _filters = split_qualifiers(text)
    words: list[str] = []
    for token in re.findall(r'"[^"]*"?|\S+', rest):
        if token.startswith("-"):
            continue
        for word in _WORD.findall(fold(token)):
            if word not in ("or", "ou", "and", "et", "not") and word not in words:
                words.append(word)
    return words


def highlight_spans(text: str, words: Sequence[str]) -> list[tuple[int, int]]:
    """(start, end) of the words of `text` starting with one of `words` (the search matches
    word beginnings), accents and case ignored; sorted, not overlapping. A word starting with
    several of `words` is marked for the first of them.

    One regular expression over the folded text (issue 17: folding each word of each field at
    each keystroke took ~20 ms with an action shown)."""
    if not words or not text:
        return []
    folded, origins = _folded(text)
    spans: list[tuple[int, int]] = []
    for match in _starts(tuple(words)).finditer(folded):
        start, end = match.span()
        if origins is None:
            spans.append((start, end))
        else:
            # The letters of the original that the folded prefix came from.
            spans.append((origins[start], origins[end - 1] + 1))
    return spans


@functools.lru_cache(maxsize=64)
def _starts(words: tuple[str, ...]) -> re.Pattern[str]:
    """Where a word of a folded text starts with one of `words` (the first one that does)."""
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + ")")


@functools.lru_cache(maxsize=256)
def _folded(text: str) -> tuple[str, list[int] | None]:
    """`text` folded (domain.fold), and for each folded character the index in `text` of the
    character it comes from (None: the same index, an ASCII text)."""
    if text.isascii():
        return text.lower(), None
    table: dict[int, str] = {}
    for char in set(text):
        folded = _fold_char(char)
        if len(folded) != 1:
            break
        table[ord(char)] = folded
    else:  # each character folds to one: the same indexes (most French texts)
        return text.translate(table), None
    parts: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        folded = _fold_char(char)
        if folded:
            parts.append(folded)
            origins.extend([index] * len(folded))
    return "".join(parts), origins


@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    return fold(char)


# Cells remembered by the delegate (each repaint of the list, a selection moved, a score
# come in, asks again for the same visible cells: issue 17).
CACHED_CELLS = 512
HIGHLIGHT_BACKGROUND = "#fff176"  # under the marked words, in bold black
# Qt's enums looked up once: each lookup through the enum classes runs Python's enum machinery
# (~16,000 of them in a second of repaints, issue 17).
_ITEM = QStyle.ControlElement.CE_ItemViewItem
_ITEM_TEXT = QStyle.SubElement.SE_ItemViewItemText
_TEXT_MARGIN = QStyle.PixelMetric.PM_FocusFrameHMargin
_SELECTED = QStyle.StateFlag.State_Selected
_TEXT = QPalette.ColorRole.Text
_SELECTED_TEXT = QPalette.ColorRole.HighlightedText
_BACKGROUND = QColor(HIGHLIGHT_BACKGROUND)
_BLACK = QColor("#000")
_TEXT_FLAGS = int(
    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine
)


class HighlightDelegate(QStyledItemDelegate):
    """Paints a cell's text with the matched words of the search marked (the title column).

    The text is drawn a run at a time, the marked runs bold on a yellow background: a rich
    text document a cell (HTML parsed and laid out for each of the ~30 titles shown, at each
    keystroke) made a repaint of the list take 40-90 ms of the GUI thread at 100,000 actions
    instead of ~15 (issue 17)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.words: list[str] = []
        self._spans: dict[str, list[tuple[int, int]] | None] = {}  # a cell's text -> marks
        self._fonts: dict[str, tuple[QFont, QFontMetrics, QFont, QFontMetrics]] = {}

    def set_words(self, words: list[str]) -> bool:
        """The words to mark; whether they changed (the cells shown must be painted again)."""
        changed = words != self.words
        if changed:
            self._spans.clear()
        self.words = words
        return changed

    def cell_spans(
        self, index: QModelIndex | QPersistentModelIndex
    ) -> list[tuple[int, int]] | None:
        """The (start, end) of the marked words of a cell's text (highlight_spans), None when
        nothing in it is highlighted."""
        text = index.data()
        if not self.words or not isinstance(text, str):
            return None
        if text in self._spans:
            return self._spans[text]
        marked = highlight_spans(text, self.words) or None
        if len(self._spans) >= CACHED_CELLS:
            self._spans.clear()
        self._spans[text] = marked
        return marked

    def _fonts_of(self, font: QFont) -> tuple[QFont, QFontMetrics, QFont, QFontMetrics]:
        key = font.key()
        found = self._fonts.get(key)
        if found is None:
            plain = QFont(font)  # a copy: `font` belongs to the paint's style option
            bold = QFont(font)
            bold.setBold(True)
            found = (plain, QFontMetrics(plain), bold, QFontMetrics(bold))
            self._fonts[key] = found
        return found

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        spans = self.cell_spans(index)
        if spans is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        parent = self.parent()
        widget = parent if isinstance(parent, QWidget) else None
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(_ITEM, opt, painter, widget)
        rect = style.subElementRect(_ITEM_TEXT, opt, widget)
        # The margin the style leaves around an item's text (QCommonStyle).
        margin = style.pixelMetric(_TEXT_MARGIN, None, widget) + 1
        rect.adjust(margin, 0, -margin, 0)
        role = _SELECTED_TEXT if opt.state & _SELECTED else _TEXT
        color = opt.palette.color(role)
        plain, plain_metrics, bold, bold_metrics = self._fonts_of(opt.font)
        painter.save()
        painter.setClipRect(rect)
        x, top, height, right = rect.left(), rect.top(), rect.height(), rect.right()
        cursor = 0
        for start, end in [*spans, (len(text), len(text))]:
            for first, last, marked in ((cursor, start, False), (start, end, True)):
                if first >= last or x > right:
                    continue
                run = text[first:last]
                width = (bold_metrics if marked else plain_metrics).horizontalAdvance(run)
                box = QRect(x, top, width, height)
                if marked:
                    line = bold_metrics.height()  # behind the line of text, not the whole row
                    painter.fillRect(
                        QRect(x, top + (height - line) // 2, width, line),
                        _BACKGROUND,
                    )
                    painter.setPen(_BLACK)
                    painter.setFont(bold)
                else:
                    painter.setPen(color)
                    painter.setFont(plain)
                painter.drawText(box, _TEXT_FLAGS, run)
                x += width
            cursor = end
        painter.restore()


def mark_labels(root: QWidget | Sequence[QLabel], words: list[str]) -> int:
    """Selects the first matched word in each read-mode value label (`view_<field>`) under
    `root` (or among these labels), so the eye finds why the action is in the result; the
    labels' text stays plain. Returns how many labels carry a mark."""
    marked = 0
    labels = root.findChildren(QLabel) if isinstance(root, QWidget) else root
    for label in labels:
        if not label.objectName().startswith("view_") or label.property("empty"):
            continue
        if not label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse:
            continue
        spans = highlight_spans(label.text(), words)
        if spans:
            start, end = spans[0]
            label.setSelection(start, end - start)
            marked += 1
        elif label.hasSelectedText():
            label.setSelection(0, 0)
    return marked
