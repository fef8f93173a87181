"""The window's questions and messages: French buttons, plain text, one place to patch in tests.

Every box is built by questions.choose() (plain-text QMessageBox with named buttons).
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from centres_app.ui.questions import Role, choose

Icon = QMessageBox.Icon


def _tr(text: str) -> str:
    return QCoreApplication.translate("Dialogs", text)


class Answer(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def _name(title: str) -> str:
    return title.strip() or _tr("nouvelle action")


def ask_save_changes(parent: QWidget | None, title: str) -> Answer:
    """« Enregistrer / Ne pas enregistrer / Annuler » before the edit of `title` is left."""
    answer = choose(
        parent,
        Icon.Warning,
        _tr("Modifications non enregistrées"),
        _tr("L'action « {title} » a des modifications non enregistrées.").format(
            title=_name(title)
        ),
        [
            (_tr("Enregistrer"), Role.AcceptRole),
            (_tr("Ne pas enregistrer"), Role.DestructiveRole),
            (_tr("Annuler"), Role.RejectRole),
        ],
        informative=_tr("Voulez-vous les enregistrer ?"),
        default=0,
        escape=2,
    )
    return (Answer.SAVE, Answer.DISCARD, Answer.CANCEL)[answer]


def ask_discard(parent: QWidget | None, title: str) -> bool:
    """Esc on a changed form: True to drop the changes, False to go on typing."""
    answer = choose(
        parent,
        Icon.Question,
        _tr("Abandonner les modifications ?"),
        _tr("Abandonner les modifications de « {title} » ?").format(title=_name(title)),
        [(_tr("Abandonner"), Role.DestructiveRole), (_tr("Continuer la saisie"), Role.RejectRole)],
        default=1,
        escape=1,
    )
    return answer == 0


def ask_conflict(parent: QWidget | None, message: str) -> bool:
    """The action changed elsewhere: True to reload it, False to keep the typed text."""
    answer = choose(
        parent,
        Icon.Warning,
        _tr("Action modifiée ailleurs"),
        message,
        [(_tr("Recharger"), Role.AcceptRole), (_tr("Garder ma saisie"), Role.RejectRole)],
        informative=_tr(
            "« Recharger » abandonne votre saisie et affiche la version enregistrée. "
            "« Garder ma saisie » vous laisse copier votre texte avant de recharger."
        ),
        default=1,
        escape=1,
    )
    return answer == 0


def ask_save_as_new(parent: QWidget | None, message: str) -> bool:
    """The edited action was deleted elsewhere: True to save the text as a new action."""
    answer = choose(
        parent,
        Icon.Warning,
        _tr("Action supprimée ailleurs"),
        message,
        [
            (_tr("Enregistrer comme nouvelle"), Role.AcceptRole),
            (_tr("Garder ma saisie"), Role.RejectRole),
        ],
        informative=_tr("Enregistrer votre saisie comme une nouvelle action ?"),
        default=0,
        escape=1,
    )
    return answer == 0


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    choose(parent, Icon.Critical, title, message, [(_tr("Fermer"), Role.AcceptRole)])


def show_info(parent: QWidget | None, title: str, message: str) -> None:
    choose(parent, Icon.Information, title, message, [(_tr("OK"), Role.AcceptRole)])
