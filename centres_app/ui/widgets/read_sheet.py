"""The read page of a detail tab: every field's caption and value in one selectable document.

Issue 17: the page was one word-wrapped, selectable QLabel per caption and per value. Each such
label keeps a text document of its own, and the page's layout asks every one of them for its
height at each action shown: ~30 ms of the GUI thread per tab opened (a measured 28-33 ms,
against 5-7 ms for the same texts in one document). One QTextBrowser lays them out at once,
and the whole sheet can be selected and copied, across fields.

User text is inserted as text through a QTextCursor, never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QKeyEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from centres_app.domain import Attachment
from centres_app.ui.widgets.field_view import format_size, not_filled_text
from centres_app.ui.widgets.highlight import HIGHLIGHT_BACKGROUND, highlight_spans

FOCUS_FRAME = "QTextBrowser:focus { border: 2px solid palette(highlight); }"
CAPTION_GAP = 8  # pixels above each caption but the first
VALUE_GAP = 2  # pixels between a caption and its value
DOCUMENT_MARGIN = 9  # around the sheet: as the other pages' layouts


def value_text(value: object, bullets: bool = False) -> str:
    """A field's value as the read page shows it: terms comma-separated (or one per line,
    with a bullet), attached files with their sizes."""
    if isinstance(value, tuple | list):
        if value and isinstance(value[0], Attachment):
            return "\n".join(f"{a.name} ({format_size(a.size)})" for a in value)
        if bullets:
            return "\n".join(f"• {v}" for v in value)
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


class FieldView:
    """One field of a read sheet: its caption and, once shown, where its value is in the
    sheet's document (text() reads the value back from there)."""

    def __init__(
        self,
        sheet: ReadSheet,
        name: str,
        caption: str,
        bullets: bool = False,
        empty_text: str | None = None,
    ) -> None:
        self.name = name
        self.caption = caption
        self.bullets = bullets
        self.sheet = sheet
        self._empty_text = empty_text
        self.value = ""  # the text shown for the value (the empty marker when empty)
        self.empty = True
        self.start = self.end = 0  # the value's place in the document

    def set_value(self, value: object) -> None:
        """The value to show at the sheet's next show()."""
        text = value_text(value, self.bullets)
        self.empty = not text.strip()
        self.value = (self._empty_text or not_filled_text()) if self.empty else text

    def text(self) -> str:
        """The value as the sheet shows it (lines joined by "\\n")."""
        return self.sheet.text_between(self.start, self.end)


class ReadSheet(QTextBrowser):
    """Captions in bold, values as typed (empty ones as a grey italic « Non renseigné »),
    the search's matched words marked as in the list. Arrows, Page keys, Début and Fin scroll."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(FOCUS_FRAME)
        self.document().setUndoRedoEnabled(False)
        self.document().setDocumentMargin(DOCUMENT_MARGIN)
        self.fields: dict[str, FieldView] = {}
        self._words: list[str] = []
        self._marks: list[tuple[int, int]] = []
        self._caption_format = QTextCharFormat()
        self._caption_format.setFontWeight(QFont.Weight.Bold)
        self._value_format = QTextCharFormat()
        self._value_format.setFontWeight(QFont.Weight.Normal)
        self._empty_format = QTextCharFormat()
        self._empty_format.setFontItalic(True)
        self._empty_format.setForeground(QBrush(QColor("gray")))
        self._first_caption_block = QTextBlockFormat()
        self._caption_block = QTextBlockFormat()
        self._caption_block.setTopMargin(CAPTION_GAP)
        self._value_block = QTextBlockFormat()
        self._value_block.setTopMargin(VALUE_GAP)

    def add_field(
        self, name: str, caption: str, bullets: bool = False, empty_text: str | None = None
    ) -> FieldView:
        view = FieldView(self, name, caption, bullets=bullets, empty_text=empty_text)
        self.fields[name] = view
        return view

    def show_fields(self) -> None:
        """Writes every field's caption and value into the document, from the top."""
        document = self.document()
        document.clear()
        cursor = QTextCursor(document)
        for index, view in enumerate(self.fields.values()):
            if index:
                cursor.insertBlock(self._caption_block, self._caption_format)
            else:
                cursor.setBlockFormat(self._first_caption_block)
            cursor.insertText(view.caption, self._caption_format)
            value_format = self._empty_format if view.empty else self._value_format
            cursor.insertBlock(self._value_block, value_format)
            view.start = cursor.position()
            cursor.insertText(view.value, value_format)
            view.end = cursor.position()
        # Read from the top, the view's own cursor there (insertions at its place moved it).
        self.setTextCursor(QTextCursor(document))
        self.verticalScrollBar().setValue(0)
        self._marks = []
        self.mark(self._words)

    def text_between(self, start: int, end: int) -> str:
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        return cursor.selectedText().replace("\u2029", "\n")

    def mark(self, words: Sequence[str]) -> int:
        """Marks the words of the values starting with one of `words` (the search's matched
        words); returns how many fields have a mark."""
        self._words = list(words)
        marks: list[tuple[int, int]] = []
        marked = 0
        for view in self.fields.values():
            if view.empty:
                continue
            spans = highlight_spans(view.value, self._words)
            marked += bool(spans)
            marks += [(view.start + start, view.start + end) for start, end in spans]
        if marks != self._marks:
            self._marks = marks
            self.setExtraSelections([self._selection(start, end) for start, end in marks])
        return marked

    @property
    def marks(self) -> list[tuple[int, int]]:
        """Where the marked words are in the document: (start, end) positions."""
        return list(self._marks)

    def marked_texts(self) -> list[str]:
        """The marked words, in the order of the sheet."""
        return [self.text_between(start, end) for start, end in self._marks]

    def _selection(self, start: int, end: int) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format.setBackground(QColor(HIGHLIGHT_BACKGROUND))
        selection.format.setForeground(QColor("#000"))
        return selection

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        bar = self.verticalScrollBar()
        if event.key() == Qt.Key.Key_Home:
            bar.setValue(bar.minimum())
        elif event.key() == Qt.Key.Key_End:
            bar.setValue(bar.maximum())
        else:
            super().keyPressEvent(event)
