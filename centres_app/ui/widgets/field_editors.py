"""Editors of single fields; each has value(), set_value(), set_choices() and an `edited` signal."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QPlainTextEdit, QSizePolicy, QWidget

from centres_app.domain import STATUSES


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
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("0000000000") + 16)
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
        self.currentTextChanged.connect(self.edited)

    def value(self) -> str:
        return self.currentText()

    def set_value(self, value: str) -> None:
        if value and self.findText(value, Qt.MatchFlag.MatchExactly) < 0:
            self.addItem(value)
        self.setEditText(value)

    def set_choices(self, values: Sequence[str]) -> None:
        current = self.currentText()
        self.clear()
        self.addItems(list(values))
        self.setCurrentIndex(-1)
        self.set_value(current)


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
        self.setCurrentIndex(index)

    def set_choices(self, values: Sequence[str]) -> None:
        pass
