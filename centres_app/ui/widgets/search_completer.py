"""Completion of field qualifiers in the search box: `de` → `dep:`, `dep:Dr` → `dep:Drôme`."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QStringListModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QLineEdit

from centres_app.qualifiers import complete_qualifier

Vocabulary = Callable[[str], Sequence[str]]

LIMIT = 20
MIN_KEY_LETTERS = 2  # "d" alone would pop a list at nearly every word


class QualifierCompleter(QObject):
    """A popup of qualifier keys and values under the search box, driven by complete_qualifier.

    Only what the user types opens it (textEdited, not programmatic changes). Choosing an entry
    replaces the qualifier being typed; a value is followed by a space, a key is not (its value
    comes next and completes in turn).

    Signals:
        completions_shown(list): the popup opened with these entries (tests).
    """

    completions_shown = Signal(list)

    def __init__(self, edit: QLineEdit, vocabulary: Vocabulary) -> None:
        super().__init__(edit)
        self._edit = edit
        self._vocabulary = vocabulary
        self._start = 0
        self._end = 0
        self.model = QStringListModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setObjectName("qualifierCompleter")
        self.completer.setWidget(edit)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(10)
        edit.textEdited.connect(self._on_edit_text_edited)
        # The text overload of activated; PySide6's stubs lack SignalInstance.__getitem__.
        self.completer.activated[str].connect(self._on_completer_activated)  # type: ignore[index]

    def completions(self, text: str, cursor: int) -> tuple[int, list[str]]:
        start, found = complete_qualifier(text, cursor, self._vocabulary, LIMIT)
        if found and found[0].endswith(":") and cursor - start < MIN_KEY_LETTERS:
            return start, []
        return start, found

    def _popup(self) -> QAbstractItemView:
        popup = self.completer.popup()  # QCompleter makes its default popup on demand
        assert popup is not None
        return popup

    def entries(self) -> list[str]:
        return self.model.stringList()

    def popup_visible(self) -> bool:
        return self._popup().isVisible()

    def _on_edit_text_edited(self, text: str) -> None:
        cursor = self._edit.cursorPosition()
        start, found = self.completions(text, cursor)
        typed = text[start:cursor]
        if not found or found == [typed]:
            self._popup().hide()
            return
        self._start, self._end = start, cursor
        self.model.setStringList(found)
        self.completer.complete()
        self._popup().setCurrentIndex(self.model.index(-1, 0))
        self.completions_shown.emit(found)

    def _on_completer_activated(self, chosen: str) -> None:
        text = self._edit.text()
        after = text[self._end :]
        insert = chosen if chosen.endswith(":") or after.startswith(" ") else chosen + " "
        new_text = text[: self._start] + insert + after
        self._edit.setText(new_text)
        self._edit.setCursorPosition(self._start + len(insert))
        # setText is not an edit: the window's search follows textChanged; the next
        # completion (the values after a key) is offered now.
        if chosen.endswith(":"):
            self._on_edit_text_edited(new_text)
