"""What every detail tab shares: a read page of field views and an edit page of editors."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

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


FOCUS_FRAME = "QScrollArea:focus { border: 2px solid palette(highlight); }"


def _inside_compound(widget: QWidget) -> bool:
    """The line edit of a combo box: the combo box is the Tab stop."""
    parent = widget.parentWidget()
    return isinstance(parent, QComboBox)


class ReadArea(QScrollArea):
    """The read page: besides the arrows and Page keys, Début and Fin go to the top and the
    bottom of the sheet."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        bar = self.verticalScrollBar()
        if event.key() == Qt.Key.Key_Home:
            bar.setValue(bar.minimum())
        elif event.key() == Qt.Key.Key_End:
            bar.setValue(bar.maximum())
        else:
            super().keyPressEvent(event)


def scrolled(content: QWidget, read: bool = False) -> QScrollArea:
    area = ReadArea() if read else QScrollArea()
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
            edit_layout.addWidget(self.form.add(spec.name, self._editor(spec), spec.caption))
        self._add_read_extras(read_layout)
        self._add_edit_extras(edit_layout)
        read_layout.addStretch(1)
        edit_layout.addStretch(1)

        self.stack = QStackedWidget(self)
        self.read_page = scrolled(read, read=True)
        self.edit_page = scrolled(edit)
        self._edit_content = edit
        self.stack.addWidget(self.read_page)
        self.stack.addWidget(self.edit_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        # The read page is one Tab stop that scrolls with the arrows and Page keys; the edit
        # page is none (its fields are, and it scrolls to the focused one).
        self.read_page.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.read_page.setAccessibleDescription(
            self.tr("Flèches, Page préc. et Page suiv. font défiler la fiche")
        )
        self.read_page.setStyleSheet(FOCUS_FRAME)
        self.edit_page.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.form.edited.connect(self.edited)

    def _specs(self) -> list[FieldSpec]:
        raise NotImplementedError

    def set_title(self, title: str) -> None:
        """Names the pages after the tab's title (screen readers)."""
        self.read_page.setAccessibleName(self.tr("{} (lecture)").format(title))

    def edit_stops(self) -> list[QWidget]:
        """The edit page's Tab stops now, in Tab order."""
        inside = set()
        content = self._edit_content
        for widget in content.findChildren(QWidget):
            if (
                widget.isVisibleTo(self.edit_page)
                and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                and widget.focusProxy() is None
                and not _inside_compound(widget)
            ):
                inside.add(widget)
        if not inside:
            return []
        ordered: list[QWidget] = []
        step: QWidget | None = content
        for _ in range(2000):  # the window's focus chain, restricted to this page
            step = step.nextInFocusChain() if step is not None else None
            if step is None or step is content:
                break
            if step in inside and step not in ordered:
                ordered.append(step)
                if len(ordered) == len(inside):
                    break
        return ordered

    def _editor(self, spec: FieldSpec) -> QWidget:
        """The editor of a field (a tab with fields of other kinds gives its own)."""
        return make_editor(spec)

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
