"""Editors of single fields; each has value(), set_value(), set_choices() and an `edited` signal."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QRegularExpression,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QPlainTextEdit, QSizePolicy, QWidget

from centres_app.departments import DEPARTMENTS, find_department, matching_departments
from centres_app.domain import STATUSES
from centres_app.ui.widgets.field_view import set_style_sheet
from centres_app.ui.widgets.term_field import FLAGGED_ROLE, flagged_note
from centres_app.vocabularies import choices


class LineEditor(QLineEdit):
    """One line of free text (the title)."""

    edited = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.textChanged.connect(self.edited)

    def value(self) -> str:
        return self.text()

    def set_value(self, value: str) -> None:
        self.setText(value)

    def set_choices(self, values: Sequence[str]) -> None:
        pass


class YearEditor(QLineEdit):
    """The year as digits; out-of-range years are accepted here and reported by validation."""

    edited = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        # Only digits can be typed; the range check belongs to domain.validate so that the
        # message is the same everywhere (a validator would silently swallow "1800").
        self.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,4}"), self))
        self.setPlaceholderText(self.tr("ex. 2024"))
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("000000") + 16)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.textChanged.connect(self.edited)

    def value(self) -> int | None:
        text = self.text().strip()
        return int(text) if text else None

    def set_value(self, value: int | None) -> None:
        self.setText("" if value is None else str(value))

    def set_choices(self, values: Sequence[str]) -> None:
        pass


class TextEditor(QPlainTextEdit):
    """Long free text; keeps line breaks and the user's own bullet lines."""

    edited = Signal()

    def __init__(self, name: str, lines: int = 6, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        # Tab moves to the next field: a natural tab order matters more than tab characters.
        self.setTabChangesFocus(True)
        self.set_lines(lines)
        self.textChanged.connect(self.edited)

    def set_lines(self, lines: int) -> None:
        """At least `lines` lines tall, at most twice as many (one line: exactly one)."""
        line = self.fontMetrics().lineSpacing()
        self.setMinimumHeight(line * lines + 12)
        self.setMaximumHeight(line * lines * (2 if lines > 1 else 1) + 12)

    def value(self) -> str:
        # toPlainText() turns non-breaking spaces (common in French text) into plain spaces;
        # the raw text keeps them, with paragraph separators for the line breaks.
        return self.document().toRawText().replace("\u2029", "\n")

    def set_value(self, value: str) -> None:
        self.setPlainText(value)

    def set_choices(self, values: Sequence[str]) -> None:
        pass


class ChoiceEditor(QComboBox):
    """One value picked from a vocabulary, with completion, or typed when it is new."""

    edited = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setEditable(True)
        # A typed value is the field's value; it must not be added to the list on Enter.
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        # Narrow at least: four of them share a row of the header (a long value scrolls).
        self.setMinimumContentsLength(6)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        completer = QCompleter(self.model(), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        line = self.lineEdit()
        assert line is not None  # the combo box is editable
        line.setClearButtonEnabled(True)
        self._choices: list[str] = []  # the vocabulary the items were made of (set_choices)
        self.currentTextChanged.connect(self.edited)

    def value(self) -> str:
        return self.currentText()

    def set_value(self, value: str) -> None:
        if value and self.findText(value, Qt.MatchFlag.MatchExactly) < 0:
            self.addItem(value)
        self.setEditText(value)
        _show_start(self)

    def set_choices(self, values: Sequence[str]) -> None:
        current = self.currentText()
        values = list(values)
        if values != self._choices or self.count() != len(values):
            # (The same list again, the next « Modifier »'s, keeps its 2,000 items: issue 17.)
            self.clear()
            self.addItems(values)
            self._choices = values
        self.setCurrentIndex(-1)
        self.set_value(current)


def _show_start(combo: QComboBox) -> None:
    """A value longer than the box shows its beginning (the name), not its end."""
    line = combo.lineEdit()
    if line is not None:
        line.setCursorPosition(0)


class StatusEditor(QComboBox):
    """En cours / Terminée; an unknown stored status is shown so that validation can name it."""

    edited = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.addItems(list(STATUSES))
        self.currentIndexChanged.connect(self.edited)

    def value(self) -> str:
        return self.currentText()

    def set_value(self, value: str) -> None:
        index = self.findText(value, Qt.MatchFlag.MatchExactly)
        if index < 0 and value:
            self.addItem(value)
            index = self.count() - 1
            self.setItemData(index, flagged_note(), Qt.ItemDataRole.ToolTipRole)
        self.setCurrentIndex(index)

    def set_choices(self, values: Sequence[str]) -> None:
        pass


FLAGGED_STYLE = "QComboBox { color: #8a4b00; font-style: italic; }"


class ClosedChoiceEditor(QComboBox):
    """One value chosen (not typed) from one of SENACS's closed lists (vocabularies.py); a
    stored value outside the list is offered too, flagged « (hors liste SENACS) », never lost.
    The first entry is empty: the field may stay unfilled."""

    edited = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.kind = name
        self._stored: list[str] = []
        self._updating = False
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(6)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.currentIndexChanged.connect(self._on_current_index_changed)
        self._rebuild("")

    def value(self) -> str:
        data = self.currentData()
        return data if isinstance(data, str) else ""

    def set_value(self, value: str) -> None:
        self._rebuild(value)

    def set_choices(self, values: Sequence[str]) -> None:
        self._stored = list(values)
        self._rebuild(self.value())

    def is_flagged(self) -> bool:
        return bool(self.currentData(FLAGGED_ROLE))

    def _rebuild(self, current: str) -> None:
        self._updating = True
        try:
            self.clear()
            self.addItem("", "")
            for choice in choices(self.kind, [*self._stored, current]):
                if choice.official:
                    self.addItem(choice.value, choice.value)
                else:
                    self.addItem(
                        self.tr("{} (hors liste SENACS)").format(choice.value), choice.value
                    )
                    self.setItemData(self.count() - 1, True, FLAGGED_ROLE)
                    self.setItemData(self.count() - 1, flagged_note(), Qt.ItemDataRole.ToolTipRole)
            self.setCurrentIndex(max(0, self.findData(current)))
        finally:
            self._updating = False
        self._show_flag()

    def _show_flag(self) -> None:
        flagged = self.is_flagged()
        set_style_sheet(self, FLAGGED_STYLE if flagged else "")
        self.setToolTip(flagged_note() if flagged else "")
        self.setAccessibleDescription(flagged_note() if flagged else "")

    def _on_current_index_changed(self) -> None:
        if self._updating:
            return
        self._show_flag()
        self.edited.emit()


class DepartmentEditor(QComboBox):
    """The département, chosen from the official list (departments.py): the list shows
    « 26 – Drôme », the field keeps the name; typing completes on code or name, accents and
    case ignored, and a typed name is put in its official spelling. A stored value that is no
    département is kept and flagged."""

    edited = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(6)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._updating = False
        self._unknown = ""
        for department in DEPARTMENTS:
            self.addItem(department.label, department.name)
        self.completion_model = QStringListModel(self)
        completer = _NameCompleter(self.completion_model, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)
        line = self.lineEdit()
        assert line is not None  # the combo box is editable
        line.setClearButtonEnabled(True)
        line.setPlaceholderText(self.tr("Code ou nom, ex. 26 ou Drôme"))
        line.textEdited.connect(self._on_text_edited)
        line.editingFinished.connect(self._on_editing_finished)
        completer.activated.connect(self._on_completer_activated)
        self.activated.connect(self._on_activated)
        self.editTextChanged.connect(self._on_edit_text_changed)
        self.setCurrentIndex(-1)

    def value(self) -> str:
        return self.currentText().strip()

    def set_value(self, value: str) -> None:
        self._updating = True
        try:
            self.setCurrentIndex(-1)
            self.setEditText(value)
            _show_start(self)
        finally:
            self._updating = False
        self._show_flag()

    def set_choices(self, values: Sequence[str]) -> None:
        pass  # the official list, whatever the store holds

    def is_flagged(self) -> bool:
        text = self.value()
        return bool(text) and find_department(text) is None

    def _show_flag(self) -> None:
        flagged = self.is_flagged()
        note = (
            self.tr("« {} » n'est pas un département : choisissez-le dans la liste").format(
                self.value()
            )
            if flagged
            else ""
        )
        set_style_sheet(self, FLAGGED_STYLE if flagged else "")
        self.setToolTip(note)
        self.setAccessibleDescription(note)

    def _on_text_edited(self, text: str) -> None:
        labels = [d.label for d in matching_departments(text)] if text.strip() else []
        self.completion_model.setStringList(labels)
        completer = self.completer()
        if labels and completer is not None:
            completer.complete()

    def _on_completer_activated(self, label: str) -> None:
        found = find_department(label)
        if found is not None:
            self._set_name(found.name)

    def _on_activated(self, index: int) -> None:
        name = self.itemData(index)
        if isinstance(name, str):
            self._set_name(name)

    def _on_editing_finished(self) -> None:
        text = self.value()
        found = find_department(text)
        if found is None:
            matches = matching_departments(text) if text else []
            found = matches[0] if len(matches) == 1 else None
        if found is not None and found.name != text:
            self._set_name(found.name)

    def _set_name(self, name: str) -> None:
        # The list shows labels; the field holds the name (as the SENACS exports write it).
        self.setCurrentIndex(-1)
        self.setEditText(name)

    def _on_edit_text_changed(self) -> None:
        if self._updating:
            return
        self._show_flag()
        self.edited.emit()


class _NameCompleter(QCompleter):
    """Completes with the département's name although its popup shows « 26 – Drôme »."""

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:  # noqa: N802
        found = find_department(str(index.data()))
        return found.name if found is not None else str(index.data())
