"""Every message box of the window: questions with named French buttons, information and
errors; plain text (file names, titles and error texts are data, never HTML); one place to
patch in tests.

Every box that waits for an answer is built by choose() (plain-text QMessageBox with named
buttons). Errors that nobody asked about (the error hook of app/startup.py) go to report_error(),
which never waits and never stacks boxes.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QCheckBox, QMessageBox, QWidget

Icon = QMessageBox.Icon
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


class ErrorBoxes:
    """At most one error box at a time, for errors that come unasked (the error hook).

    The box is opened with QMessageBox.open(), which returns at once: a blocking exec() here
    would run a nested event loop, in which the next paint or timer can raise again and open
    the next box (issue 13: 73 boxes, and the first one took the answer meant for another
    question). While the box is open, further errors are counted in it instead.
    """

    def __init__(self) -> None:
        self._box: QMessageBox | None = None
        self._more = 0

    def report(self, parent: QWidget | None, title: str, message: str) -> None:
        if self._box is not None:
            self._more += 1
            self._box.setInformativeText(
                _tr("{n} autre(s) erreur(s) depuis. La dernière : {message}").format(
                    n=self._more, message=message
                )
            )
            return
        box = QMessageBox(QMessageBox.Icon.Critical, title, message, parent=parent)
        box.setObjectName("errorBox")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.addButton(_tr("Fermer"), Role.AcceptRole)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._on_box_finished)
        # Closed with its window (no `finished` then): the next error opens a new box.
        box.destroyed.connect(self._on_box_finished)
        self._box, self._more = box, 0
        box.open()

    @property
    def box(self) -> QMessageBox | None:
        """The open error box, if any."""
        return self._box

    def _on_box_finished(self) -> None:
        self._box = None


error_boxes = ErrorBoxes()


def report_error(parent: QWidget | None, title: str, message: str) -> None:
    """Shows an error without waiting for it to be read; a burst of errors gives one box."""
    error_boxes.report(parent, title, message)
