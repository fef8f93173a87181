"""Matched words of the search, highlighted: where they are in a text (accent- and
case-insensitive, as the search matches), a delegate that paints them in the list's title
column, and their selection in the detail pane's labels."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QStaticText
from PySide6.QtWidgets import QAbstractItemView, QLabel, QStyleOptionViewItem, QWidget

from centres_app.domain import fold
from centres_app.qualifiers import split_qualifiers
from centres_app.ui.widgets.list_cells import CellDelegate, CellSource, static_text

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
_BACKGROUND = QColor(HIGHLIGHT_BACKGROUND)
_BLACK = QColor("#000")

# A cell's text laid out in runs: (offset from the left, the run, its width, marked).
Runs = list[tuple[int, QStaticText, int, bool]]


class HighlightDelegate(CellDelegate):
    """Paints a cell's text with the matched words of the search marked (the title column).

    The text is drawn a run at a time, the marked runs bold on a yellow background, each run
    laid out once for a text and a width (CellDelegate): a rich text document a cell (HTML
    parsed and laid out for each of the ~30 titles shown, at each keystroke) made a repaint of
    the list take 40-90 ms of the GUI thread at 100,000 actions (issue 17)."""

    def __init__(self, view: QAbstractItemView, source: CellSource) -> None:
        super().__init__(view, source)
        self.words: list[str] = []
        self._spans: dict[str, list[tuple[int, int]] | None] = {}  # a cell's text -> marks
        self._runs: dict[tuple[str, int], Runs] = self.new_cache()

    def set_words(self, words: list[str]) -> bool:
        """The words to mark; whether they changed (the cells shown must be painted again)."""
        changed = words != self.words
        if changed:
            self._spans.clear()
            self._runs.clear()
        self.words = words
        return changed

    def cell_spans(
        self, index: QModelIndex | QPersistentModelIndex
    ) -> list[tuple[int, int]] | None:
        """The (start, end) of the marked words of a cell's text (highlight_spans), None when
        nothing in it is highlighted."""
        text = index.data()
        return self._spans_of(text) if isinstance(text, str) else None

    def _spans_of(self, text: str) -> list[tuple[int, int]] | None:
        if not self.words:
            return None
        if text in self._spans:
            return self._spans[text]
        marked = highlight_spans(text, self.words) or None
        if len(self._spans) >= CACHED_CELLS:
            self._spans.clear()
        self._spans[text] = marked
        return marked

    def paint_cell(
        self, painter: QPainter, option: QStyleOptionViewItem, rect: QRect, row: int, column: int
    ) -> None:
        text = self.source.cell_text(row, column)
        if not text:
            return
        spans = self._spans_of(text)
        if spans is None:
            self.draw_text(painter, rect, text)
            return
        runs = self.runs(text, rect.width())
        color = painter.pen().color()  # the text's colour for the cell's state
        left, top = rect.left(), self.text_top(rect)
        line = self.bold_metrics.height()  # behind the line of text, not the whole row
        line_top = rect.top() + (rect.height() - line) // 2
        for x, run, run_width, marked in runs:
            if marked:
                painter.fillRect(QRect(left + x, line_top, run_width, line), _BACKGROUND)
                painter.setPen(_BLACK)
                painter.setFont(self.bold_font)
            else:
                painter.setPen(color)
                painter.setFont(self.plain_font)
            painter.drawStaticText(QPoint(left + x, top), run)

    def runs(self, text: str, width: int) -> Runs:
        """`text` in runs to draw in `width`: the marked words and the rest, elided at the
        right (an ellipsis) as the other cells are; laid out once for the words marked."""
        key = (text, width)
        runs = self._runs.get(key)
        if runs is None:
            runs = self._lay_out(text, self._spans_of(text) or [], width)
            if len(self._runs) >= CACHED_CELLS:
                self._runs.clear()
            self._runs[key] = runs
        return runs

    def _lay_out(self, text: str, spans: list[tuple[int, int]], width: int) -> Runs:
        pieces: list[tuple[str, bool]] = []
        cursor = 0
        for start, end in spans:
            if cursor < start:
                pieces.append((text[cursor:start], False))
            pieces.append((text[start:end], True))
            cursor = end
        if cursor < len(text):
            pieces.append((text[cursor:], False))
        metrics = {False: self.plain_metrics, True: self.bold_metrics}
        widths = [metrics[marked].horizontalAdvance(piece) for piece, marked in pieces]
        # Cut with an ellipsis where the text is too long (as the other cells are).
        room = width
        if sum(widths) > width:
            room -= self.plain_metrics.horizontalAdvance("\u2026")
        runs: Runs = []
        x = 0
        for (piece, marked), piece_width in zip(pieces, widths, strict=True):
            if x + piece_width > room:
                piece = metrics[marked].elidedText(piece, Qt.TextElideMode.ElideRight, width - x)
                if piece:
                    runs.append((x, static_text(piece), width - x, marked))
                break
            runs.append((x, static_text(piece), piece_width, marked))
            x += piece_width
        return runs


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
