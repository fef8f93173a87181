"""The edit side of a group of fields: editors by field name, their captions and error labels."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from centres_app.domain import TERM_FIELDS, ActionData

from .field_view import ErrorLabel

Vocabulary = Callable[[str], list[str]]

# Fields whose editor offers the known values of the store.
VOCABULARY_KINDS = frozenset(TERM_FIELDS) | {"department", "structure"}


class FieldForm(QObject):
    """Holds the editors of some fields of an action; they report edits by field name.

    Signals: edited(str) - the user changed the field of that name
    """

    edited = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editors: dict[str, Any] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self._loading = False

    def add(self, name: str, editor: QWidget, caption: str) -> QWidget:
        """Registers an editor; returns a block (caption, editor, error message) to lay out."""
        block = QWidget()
        layout = QVBoxLayout(block)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.setSpacing(2)
        label = QLabel(caption, block)
        label.setBuddy(editor)
        label.setWordWrap(True)
        error = ErrorLabel(name, block)
        layout.addWidget(label)
        layout.addWidget(editor)
        layout.addWidget(error)
        # Side by side blocks (structure | département) stay aligned when one shows an error.
        layout.addStretch(1)
        self.editors[name] = editor
        self.errors[name] = error
        # Every editor of field_editors has an `edited` signal (the registry is typed Any).
        self.editors[name].edited.connect(lambda name=name: self._on_edited(name))
        return block

    def load(self, data: ActionData, vocabulary: Vocabulary) -> None:
        """Fills the editors; a loaded value is no edit (`edited` is not emitted)."""
        self._loading = True
        try:
            for name, editor in self.editors.items():
                if name in VOCABULARY_KINDS:
                    editor.set_choices(vocabulary(name))
                editor.set_value(getattr(data, name))
        finally:
            self._loading = False

    def _on_edited(self, name: str) -> None:
        # (While loading: each editor's change went through three signals into the pane,
        # which ignored it; ~10 ms of each « Modifier », issue 17.)
        if not self._loading:
            self.edited.emit(name)

    def values(self) -> dict[str, Any]:
        return {name: editor.value() for name, editor in self.editors.items()}

    def show_errors(self, messages: Mapping[str, str]) -> None:
        for name, label in self.errors.items():
            label.set_message(messages.get(name))
