"""What every detail tab shares: a read page of field views and an edit page of editors."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from centres_app.domain import TERM_FIELDS, ActionData
from centres_app.ui.widgets.field_editors import ChoiceEditor, ClosedChoiceEditor, TextEditor
from centres_app.ui.widgets.field_form import FieldForm, Vocabulary
from centres_app.ui.widgets.field_view import FieldView
from centres_app.ui.widgets.term_field import TermListField
from centres_app.vocabularies import is_closed


@dataclass(frozen=True)
class FieldSpec:
    """One field of a tab: its caption, and how it is shown and edited."""

    name: str
    caption: str
    lines: int = 6  # height of a text editor, in lines
    read: bool = True  # shown on the read page (dimension and keywords live in the header)
    bullets: bool = False  # many terms shown one per line instead of comma-separated


def make_editor(spec: FieldSpec) -> QWidget:
    if spec.name in TERM_FIELDS:
        if TERM_FIELDS[spec.name]:
            return TermListField(spec.name, caption=spec.caption)
        # SENACS's closed lists are chosen, not typed (issue 16).
        return ClosedChoiceEditor(spec.name) if is_closed(spec.name) else ChoiceEditor(spec.name)
    return TextEditor(spec.name, lines=spec.lines)


def scrolled(content: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(content)
    return area


class ActionTab(QWidget):
    """A tab of the detail pane. Subclasses give their object name and field specs.

    Signals: edited(str) - the user changed the field of that name
    """

    edited = Signal(str)
    OBJECT_NAME = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(self.OBJECT_NAME)
        self.specs = specs = self._specs()
        self.views: dict[str, FieldView] = {}
        self.form = FieldForm(self)

        read = QWidget()
        read_layout = QVBoxLayout(read)
        edit = QWidget()
        edit_layout = QVBoxLayout(edit)
        for spec in specs:
            if spec.read:
                view = FieldView(spec.name, spec.caption, bullets=spec.bullets, parent=read)
                self.views[spec.name] = view
                read_layout.addWidget(view)
            edit_layout.addWidget(self.form.add(spec.name, make_editor(spec), spec.caption))
        self._add_read_extras(read_layout)
        self._add_edit_extras(edit_layout)
        read_layout.addStretch(1)
        edit_layout.addStretch(1)

        self.stack = QStackedWidget(self)
        self.read_page = scrolled(read)
        self.edit_page = scrolled(edit)
        self.stack.addWidget(self.read_page)
        self.stack.addWidget(self.edit_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.read_page.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.form.edited.connect(self.edited)

    def _specs(self) -> list[FieldSpec]:
        raise NotImplementedError

    # Hooks for tabs that show more than fields (the attachments of the resources tab).
    def _add_read_extras(self, layout: QVBoxLayout) -> None:
        pass

    def _add_edit_extras(self, layout: QVBoxLayout) -> None:
        pass

    def _load_extras(self, data: ActionData) -> None:
        pass

    @property
    def field_names(self) -> list[str]:
        return [spec.name for spec in self.specs]

    def load(self, data: ActionData) -> None:
        """Shows an action on the read page."""
        for name, view in self.views.items():
            view.set_value(getattr(data, name))
        self._load_extras(data)

    def start_editing(self, data: ActionData, vocabulary: Vocabulary) -> None:
        """Fills the editors with an action and the vocabularies known now."""
        self._load_extras(data)
        self.form.load(data, vocabulary)

    def values(self) -> dict[str, Any]:
        return self.form.values()

    def set_editing(self, editing: bool) -> None:
        self.stack.setCurrentWidget(self.edit_page if editing else self.read_page)

    def show_errors(self, messages: Mapping[str, str]) -> None:
        self.form.show_errors(messages)

    def editor(self, name: str) -> QWidget:
        return self.form.editors[name]
