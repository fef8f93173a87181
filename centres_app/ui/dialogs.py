"""The window's questions and messages: French buttons, plain text, one place to patch in tests."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget


class Answer(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    # User text (titles of actions, file names) is never interpreted as HTML.
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def ask_save_changes(parent: QWidget | None, title: str) -> Answer:
    """« Enregistrer / Ne pas enregistrer / Annuler » before the edit of `title` is left."""
    name = title.strip() or QCoreApplication.translate("Dialogs", "nouvelle action")
    box = _box(
        parent,
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("Dialogs", "Modifications non enregistrées"),
        QCoreApplication.translate(
            "Dialogs", "L'action « {title} » a des modifications non enregistrées."
        ).format(title=name),
    )
    box.setInformativeText(QCoreApplication.translate("Dialogs", "Voulez-vous les enregistrer ?"))
    save = box.addButton(
        QCoreApplication.translate("Dialogs", "Enregistrer"), QMessageBox.ButtonRole.AcceptRole
    )
    discard = box.addButton(
        QCoreApplication.translate("Dialogs", "Ne pas enregistrer"),
        QMessageBox.ButtonRole.DestructiveRole,
    )
    cancel = box.addButton(
        QCoreApplication.translate("Dialogs", "Annuler"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is save:
        return Answer.SAVE
    if clicked is discard:
        return Answer.DISCARD
    return Answer.CANCEL


def ask_discard(parent: QWidget | None, title: str) -> bool:
    """Esc on a changed form: True to drop the changes, False to go on typing."""
    name = title.strip() or QCoreApplication.translate("Dialogs", "nouvelle action")
    box = _box(
        parent,
        QMessageBox.Icon.Question,
        QCoreApplication.translate("Dialogs", "Abandonner les modifications ?"),
        QCoreApplication.translate(
            "Dialogs", "Abandonner les modifications de « {title} » ?"
        ).format(title=name),
    )
    discard = box.addButton(
        QCoreApplication.translate("Dialogs", "Abandonner"), QMessageBox.ButtonRole.DestructiveRole
    )
    keep = box.addButton(
        QCoreApplication.translate("Dialogs", "Continuer la saisie"),
        QMessageBox.ButtonRole.RejectRole,
    )
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is discard


def ask_conflict(parent: QWidget | None, message: str) -> bool:
    """The action changed elsewhere: True to reload it, False to keep the typed text."""
    box = _box(
        parent,
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("Dialogs", "Action modifiée ailleurs"),
        message,
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "Dialogs",
            "« Recharger » abandonne votre saisie et affiche la version enregistrée. "
            "« Garder ma saisie » vous laisse copier votre texte avant de recharger.",
        )
    )
    reload = box.addButton(
        QCoreApplication.translate("Dialogs", "Recharger"), QMessageBox.ButtonRole.AcceptRole
    )
    keep = box.addButton(
        QCoreApplication.translate("Dialogs", "Garder ma saisie"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is reload


def ask_save_as_new(parent: QWidget | None, message: str) -> bool:
    """The edited action was deleted elsewhere: True to save the text as a new action."""
    box = _box(
        parent,
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("Dialogs", "Action supprimée ailleurs"),
        message,
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "Dialogs", "Enregistrer votre saisie comme une nouvelle action ?"
        )
    )
    create = box.addButton(
        QCoreApplication.translate("Dialogs", "Enregistrer comme nouvelle"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    keep = box.addButton(
        QCoreApplication.translate("Dialogs", "Garder ma saisie"), QMessageBox.ButtonRole.RejectRole
    )
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is create


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    box = _box(parent, QMessageBox.Icon.Critical, title, message)
    box.addButton(
        QCoreApplication.translate("Dialogs", "Fermer"), QMessageBox.ButtonRole.AcceptRole
    )
    box.exec()


def show_info(parent: QWidget | None, title: str, message: str) -> None:
    box = _box(parent, QMessageBox.Icon.Information, title, message)
    box.addButton(QCoreApplication.translate("Dialogs", "OK"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()
