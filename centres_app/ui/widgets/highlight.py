"""Matched words of the search, highlighted: where they are in a text (accent- and
case-insensitive, as the search matches), as HTML, and a delegate that paints them in the
list's title column."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QFont, QPainter, QPalette, QTextDocument
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

HIGHLIGHT_STYLE = "background-color: #fff176; color: #000; font-weight: bold;"
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


def highlight_spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """(start, end) of the words of `text` starting with one of `words` (the search matches
    word beginnings), accents and case ignored; sorted, not overlapping."""
    if not words or not text:
        return []
    spans: list[tuple[int, int]] = []
    for m in _WORD.finditer(text):
        folded = fold(m.group())
        for word in words:
            if folded.startswith(word):
                # The folded prefix covers as many letters of the original as it has letters.
                end = m.start()
                taken = 0
                while end < m.end() and taken < len(word):
                    taken += len(fold(text[end]))
                    end += 1
                spans.append((m.start(), end))
                break
    return spans


def highlighted_html(text: str, words: list[str]) -> str:
    """`text` as escaped HTML with its matched words marked (`<span style=…>`)."""
    out: list[str] = []
    cursor = 0
    for start, end in highlight_spans(text, words):
        out.append(html.escape(text[cursor:start]))
        out.append(f'<span style="{HIGHLIGHT_STYLE}">{html.escape(text[start:end])}</span>')
        cursor = end
    out.append(html.escape(text[cursor:]))
    return "".join(out)


# Cells remembered by the delegate (each repaint of the list, a selection moved, a score
# come in, asks again for the same visible cells: issue 17).
CACHED_CELLS = 512


class HighlightDelegate(QStyledItemDelegate):
    """Paints a cell's text with the matched words of the search marked (the title column)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.words: list[str] = []
        self._html: dict[str, str | None] = {}  # a cell's text -> its marked HTML
        self._documents: dict[tuple[str, str, str], QTextDocument] = {}  # laid out, to draw

    def set_words(self, words: list[str]) -> None:
        if words != self.words:
            self._html.clear()
            self._documents.clear()
        self.words = words

    def cell_html(self, index: QModelIndex | QPersistentModelIndex) -> str | None:
        """The HTML painted for a cell, None when nothing in it is highlighted."""
        text = index.data()
        if not self.words or not isinstance(text, str):
            return None
        if text in self._html:
            return self._html[text]
        marked = highlighted_html(text, self.words) if highlight_spans(text, self.words) else None
        if len(self._html) >= CACHED_CELLS:
            self._html.clear()
        self._html[text] = marked
        return marked

    def _document(self, marked: str, color: str, font: QFont) -> QTextDocument:
        key = (marked, color, font.key())
        doc = self._documents.get(key)
        if doc is None:
            doc = QTextDocument()
            doc.setDefaultFont(font)
            doc.setDocumentMargin(0)
            doc.setHtml(f'<span style="color:{color}; white-space: pre;">{marked}</span>')
            if len(self._documents) >= CACHED_CELLS:
                self._documents.clear()
            self._documents[key] = doc
        return doc

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        marked = self.cell_html(index)
        if marked is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        parent = self.parent()
        widget = parent if isinstance(parent, QWidget) else None
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        color = opt.palette.color(role).name()
        doc = self._document(marked, color, opt.font)
        painter.save()
        top = rect.top() + max(0, (rect.height() - int(doc.size().height())) // 2)
        painter.translate(rect.left(), top)
        clip = QRectF(0, 0, rect.width(), rect.height())
        painter.setClipRect(clip)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.clip = clip
        doc.documentLayout().draw(painter, context)
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
