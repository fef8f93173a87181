"""Questions with named French buttons for the data-safety dialogs (plain text, patchable)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QCheckBox, QMessageBox, QWidget

Role = QMessageBox.ButtonRole


def choose(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: Sequence[tuple[str, Role]],
    informative: str = "",
    default: int = 0,
    escape: int | None = None,
) -> int:
    """Shows a message box; returns the index of the button clicked (`escape` when closed)."""
    return choose_with_check(parent, icon, title, text, buttons, informative, default, escape)[0]


def choose_with_check(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: Sequence[tuple[str, Role]],
    informative: str = "",
    default: int = 0,
    escape: int | None = None,
    check_text: str = "",
) -> tuple[int, bool]:
    """choose() with an optional check box under the text; returns (button, checked)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    # File names, titles of actions and error texts are data: never HTML.
    box.setTextFormat(Qt.TextFormat.PlainText)
    if informative:
        box.setInformativeText(informative)
    made = [box.addButton(label, role) for label, role in buttons]
    box.setDefaultButton(made[default])
    if escape is not None:
        box.setEscapeButton(made[escape])
    check = None
    if check_text:
        check = QCheckBox(check_text, box)
        check.setObjectName("questionCheckBox")
        box.setCheckBox(check)
    box.exec()
    checked = check is not None and check.isChecked()
    clicked = box.clickedButton()
    for index, button in enumerate(made):
        if clicked is button:
            return index, checked
    return (escape if escape is not None else len(made) - 1), checked


def confirm(
    parent: QWidget | None,
    title: str,
    text: str,
    yes: str,
    informative: str = "",
    icon: QMessageBox.Icon = QMessageBox.Icon.Warning,
) -> bool:
    """« yes » or « Annuler »; Annuler is the default, so Entrée never destroys anything."""
    cancel = QCoreApplication.translate("Questions", "Annuler")
    answer = choose(
        parent,
        icon,
        title,
        text,
        [(yes, Role.AcceptRole), (cancel, Role.RejectRole)],
        informative=informative,
        default=1,
        escape=1,
    )
    return answer == 0
