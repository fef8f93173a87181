"""What every detail tab shares: a read page of field views and an edit page of editors."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from centres_app.domain import TERM_FIELDS, ActionData
from centres_app.ui.detail.late_focus import place_after
from centres_app.ui.widgets.field_editors import ChoiceEditor, ClosedChoiceEditor, TextEditor
from centres_app.ui.widgets.field_form import FieldForm, Vocabulary
from centres_app.ui.widgets.read_sheet import FieldView, ReadSheet
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


def _inside_compound(widget: QWidget) -> bool:
    """The line edit of a combo box: the combo box is the Tab stop."""
    parent = widget.parentWidget()
    return isinstance(parent, QComboBox)


def scrolled(content: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(content)
    return area


class ActionTab(QWidget):
    """A tab of the detail pane. Subclasses give their object name and field specs.

    Its two pages (read and edit) are built when first needed (issue 17: the six tabs cost
    ~60 ms of the start-up, shown with no action): by any use of the pages, the views, the
    form or the editors (`ensure_built`), by the pane when the tab is shown, or by the pane in
    a quiet moment once the window is painted (DetailPane._build_next_tab). A tab built later
    is what it would have been: its title, its field names, its mode and the action it was
    given to show (`load`) are kept until then, and its Tab stops take their place after the
    tab bar (late_focus.py).

    Signals: edited(str) - the user changed the field of that name
    """

    edited = Signal(str)
    OBJECT_NAME = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(self.OBJECT_NAME)
        self.specs = self._specs()
        self._built = False
        self._title = ""
        self._named = True  # its widgets carry their field's name (name_fields)
        self._editing = False
        self._views: dict[str, FieldView] = {}
        self._anchor: QWidget | None = None
        self._words: list[str] = []  # the search's matched words, marked on the read sheet
        self._pending: ActionData | None = None  # the action to show once built (load)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    @property
    def is_built(self) -> bool:
        return self._built

    def ensure_built(self) -> None:
        """Builds the read and edit pages now if they are not yet."""
        if self._built:
            return
        self._built = True
        specs = self.specs
        self._form = FieldForm(self)
        self._read_page = ReadSheet()
        edit = QWidget()
        edit_layout = QVBoxLayout(edit)
        for spec in specs:
            if spec.read:
                self._views[spec.name] = self._read_page.add_field(
                    spec.name, spec.caption, bullets=spec.bullets
                )
            edit_layout.addWidget(self._form.add(spec.name, self._editor(spec), spec.caption))
        above, below = self._read_extras()
        self._read_holder: QWidget = self._read_page
        if above or below:
            # The sheet scrolls; what the tab adds stays in view above or below it.
            self._read_holder = QWidget()
            holder_layout = QVBoxLayout(self._read_holder)
            holder_layout.setContentsMargins(0, 0, 0, 0)
            for widget in above:
                holder_layout.addWidget(widget)
            holder_layout.addWidget(self._read_page, 1)
            for widget in below:
                holder_layout.addWidget(widget)
            if not self._views:  # (only the extras: the files of an experience)
                self._read_page.hide()
                holder_layout.addStretch(1)
        self._add_edit_extras(edit_layout)
        edit_layout.addStretch(1)

        self._stack = QStackedWidget(self)
        self._edit_page = scrolled(edit)
        self._edit_content = edit
        self._stack.addWidget(self._read_holder)
        self._stack.addWidget(self._edit_page)
        layout = self.layout()
        assert layout is not None
        layout.addWidget(self._stack)
        # The read page is one Tab stop that scrolls with the arrows and Page keys; the edit
        # page is none (its fields are, and it scrolls to the focused one).
        self._read_page.setAccessibleDescription(
            self.tr("Flèches, Page préc. et Page suiv. font défiler la fiche")
        )
        self._edit_page.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._form.edited.connect(self.edited)
        if self._title:
            self.set_title(self._title)
        if not self._named:
            self.name_fields(False)
        if self._editing:
            self._stack.setCurrentWidget(self._edit_page)
        if self._pending is not None:
            self.load(self._pending)
        if self._words:
            self._read_page.mark(self._words)
        if self._anchor is not None:
            place_after(self._anchor, self._stack)
        if self.isVisible():
            self._stack.show()  # now, not at the next turn (a tab built as it is shown)

    def set_stops_anchor(self, anchor: QWidget) -> None:
        """The widget after which Tab reaches this tab's pages once built (late_focus)."""
        self._anchor = anchor

    # The parts of the pages: built on first use.
    @property
    def form(self) -> FieldForm:
        self.ensure_built()
        return self._form

    @property
    def views(self) -> dict[str, FieldView]:
        self.ensure_built()
        return self._views

    @property
    def stack(self) -> QStackedWidget:
        self.ensure_built()
        return self._stack

    @property
    def read_page(self) -> ReadSheet:
        """The sheet of the read mode (the stack's read page, or in it with the tab's extras)."""
        self.ensure_built()
        return self._read_page

    @property
    def edit_page(self) -> QScrollArea:
        self.ensure_built()
        return self._edit_page

    def name_fields(self, shown: bool) -> None:
        """Names the field widgets after their field (``limits``, ``limits_error``,
        ``view_limits``, ``attachments``) when its form is shown, and leaves them unnamed
        when not: both forms have a « limits » editor, and a widget found by its field's name
        (findChild, design §5) must be the one on screen. A QStackedWidget reorders its pages
        as they are shown, so the order of the children cannot decide."""
        self._named = shown
        if not self._built:
            return  # named so when built
        named: list[tuple[QWidget, str]] = [(e, n) for n, e in self._form.editors.items()]
        named += [(label, f"{n}_error") for n, label in self._form.errors.items()]
        named += self._named_extras()
        for widget, name in named:
            widget.setObjectName(name if shown else "")

    def _named_extras(self) -> list[tuple[QWidget, str]]:
        """Other widgets named after a field (the attachments of the resources tab)."""
        return []

    def _specs(self) -> list[FieldSpec]:
        raise NotImplementedError

    def set_title(self, title: str) -> None:
        """Names the pages after the tab's title (screen readers)."""
        self._title = title
        if self._built:
            self._read_page.setAccessibleName(self.tr("{} (lecture)").format(title))

    def edit_stops(self) -> list[QWidget]:
        """The edit page's Tab stops now, in Tab order."""
        inside = set()
        self.ensure_built()
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
    def _read_extras(self) -> tuple[list[QWidget], list[QWidget]]:
        """Widgets shown above and below the read sheet."""
        return [], []

    def _add_edit_extras(self, layout: QVBoxLayout) -> None:
        pass

    def _load_extras(self, data: ActionData) -> None:
        pass

    @property
    def field_names(self) -> list[str]:
        return [spec.name for spec in self.specs]

    def load(self, data: ActionData) -> None:
        """Shows an action on the read page: now if the tab is built, else once it is (its
        tab shown, its pages used, or built by the pane in a quiet moment): opening an action
        builds only the tab in view (issue 17)."""
        if not self._built:
            self._pending = data
            return
        self._pending = None
        for name, view in self._views.items():
            view.set_value(getattr(data, name))
        self._read_page.show_fields()
        self._load_extras(data)

    def mark(self, words: list[str]) -> int:
        """Marks the search's matched words on the read sheet (now, or once built); returns
        how many fields carry a mark."""
        self._words = words
        return self._read_page.mark(words) if self._built else 0

    def start_editing(self, data: ActionData, vocabulary: Vocabulary) -> None:
        """Fills the editors with an action and the vocabularies known now."""
        self.ensure_built()
        self._load_extras(data)
        self.form.load(data, vocabulary)

    def values(self) -> dict[str, Any]:
        return self.form.values()

    def set_editing(self, editing: bool) -> None:
        self._editing = editing
        if editing:
            self.ensure_built()
        if self._built:
            self._stack.setCurrentWidget(self._edit_page if editing else self._read_holder)

    def show_errors(self, messages: Mapping[str, str]) -> None:
        if not self._built and not any(name in messages for name in self.field_names):
            return  # (a tab not built shows no error)
        self.form.show_errors(messages)

    def editor(self, name: str) -> QWidget:
        return self.form.editors[name]
