"""Read-only display of values: plain-text labels, the empty marker, sizes, error lines."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QWidget

EMPTY_STYLE = "color: gray; font-style: italic;"
ERROR_STYLE = "color: #b00020; font-size: small;"


def not_filled_text() -> str:
    return QCoreApplication.translate("FieldView", "Non renseigné")


def plain_label(text: str = "", parent: QWidget | None = None, selectable: bool = True) -> QLabel:
    """A QLabel that never interprets its text as HTML (user text is data, not markup)."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if selectable:
        label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
    label.setText(text)
    return label


def set_style_sheet(widget: QWidget, sheet: str) -> None:
    """Sets a widget's style sheet unless it has it already: Qt polishes the widget again at
    every setStyleSheet, even an unchanged one (~20 of them at each action shown, issue 17)."""
    if widget.styleSheet() != sheet:
        widget.setStyleSheet(sheet)


def show_value(label: QLabel, text: str, empty_text: str | None = None) -> None:
    """Shows `text`, or a discreet grey italic marker when there is nothing to show."""
    empty = not text.strip()
    label.setProperty("empty", empty)
    label.setText((empty_text or not_filled_text()) if empty else text)
    set_style_sheet(label, EMPTY_STYLE if empty else "")


def format_size(size: int) -> str:
    """A file size the French way: « 12,3 Ko »."""
    if size < 1024:
        return QCoreApplication.translate("FieldView", "{} octets").format(size)
    for unit in ("Ko", "Mo", "Go"):
        size_f = size / 1024
        if size_f < 1024 or unit == "Go":
            return f"{size_f:.1f}".replace(".", ",") + f"\u00a0{unit}"
        size = int(size_f)
    raise AssertionError("unreachable")


class ErrorLabel(QLabel):
    """The French validation message under a field; hidden while the field is valid."""

    def __init__(self, field_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{field_name}_error")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setStyleSheet(ERROR_STYLE)
        self.hide()

    def set_message(self, message: str | None) -> None:
        self.setText(message or "")
        self.setVisible(bool(message))
