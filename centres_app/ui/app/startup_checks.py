"""Start-up safety: a store that cannot be opened or is damaged, a risky location, the daily backup.

Each problem is a French dialog offering what can be done; nothing here ever overwrites the
store without the user's confirmation, and no traceback reaches the user.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Signal, SignalInstance
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from centres_app.domain import BackupInfo
from centres_app.errors import AppError, describe_os_error
from centres_app.ui import messages, tasks
from centres_app.ui.store_names import store_description

if TYPE_CHECKING:
    from centres_app.services import StoreServices as Store

OpenOther = Callable[[str], "Store"]

RISK_SETTING = "startup/riskAcknowledged"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Startup", text)


class Choice(Enum):
    RESTORE = "restore"
    OPEN_OTHER = "open_other"
    CONTINUE = "continue"
    QUIT = "quit"


# --- a store that cannot be opened ------------------------------------------------------------


def recover_from_open_error(exc: AppError, open_other: OpenOther | None) -> Store | None:
    """The store could not be opened: says why, offers another file. None: give up."""
    message = _tr("Impossible d'ouvrir la base d'actions.") + "\n\n" + str(exc)
    while True:
        if open_other is None:
            messages.show_error(None, _tr("Actions des centres sociaux"), message)
            return None
        answer = messages.choose(
            None,
            QMessageBox.Icon.Critical,
            _tr("Actions des centres sociaux"),
            message,
            [
                (_tr("Ouvrir une autre base…"), messages.Role.ActionRole),
                (_tr("Fermer"), messages.Role.RejectRole),
            ],
            informative=_tr("Le fichier n'a pas été modifié."),
            default=1,
            escape=1,
        )
        if answer != 0:
            return None
        store = _open_other(None, open_other)
        if store is not None:
            return store


def open_other_file(parent: QWidget | None, open_other: OpenOther) -> Store | None:
    """Asks for another store file and opens it (None when cancelled or it cannot be)."""
    return _open_other(parent, open_other)


def _open_other(parent: QWidget | None, open_other: OpenOther) -> Store | None:
    path, _ = QFileDialog.getOpenFileName(
        parent,
        _tr("Ouvrir une autre base"),
        "",
        _tr("Bases d'actions (*.db *.sqlite *.sqlite3);;Tous les fichiers (*)"),
    )
    if not path:
        return None
    try:
        return open_other(path)
    except AppError as exc:
        messages.show_error(
            parent,
            _tr("Ouverture impossible"),
            _tr("« {name} » ne peut pas être ouvert.").format(name=Path(path).name)
            + "\n\n"
            + str(exc),
        )
        return None


# --- a damaged store --------------------------------------------------------------------------


def verify_store(store: Store, open_other: OpenOther | None) -> tuple[Store | None, bool]:
    """Quick check of the store; on problems, asks what to do until the store is sound or the
    user continues anyway or quits.

    Returns (the store to use, or None to quit; whether it passed the check). A store given
    up for another one is closed here.
    """
    while True:
        problems = _problems(store)
        if not problems:
            return store, True
        choice = ask_damaged(store, problems, open_other is not None)
        if choice is Choice.QUIT:
            print(
                "centres-app : base endommagée, rien n'a été modifié : " + " ; ".join(problems),
                file=sys.stderr,
            )
            store.close()
            return None, False
        if choice is Choice.CONTINUE:
            return store, False
        if choice is Choice.RESTORE:
            restore_at_startup(store)
        elif choice is Choice.OPEN_OTHER and open_other is not None:
            other = _open_other(None, open_other)
            if other is not None:
                store.close()
                store = other


def _problems(store: Store) -> list[str]:
    try:
        return store.check()
    except AppError as exc:
        return [str(exc)]
    except OSError as exc:
        return [_tr("Lecture impossible : {reason}").format(reason=describe_os_error(exc))]


def ask_damaged(store: Store, problems: list[str], can_open_other: bool) -> Choice:
    shown = problems[:8] + ([_tr("…")] if len(problems) > 8 else [])
    buttons: list[tuple[str, messages.Role]] = [
        (_tr("Restaurer une sauvegarde…"), messages.Role.ActionRole)
    ]
    choices = [Choice.RESTORE]
    if can_open_other:
        buttons.append((_tr("Ouvrir une autre base…"), messages.Role.ActionRole))
        choices.append(Choice.OPEN_OTHER)
    buttons += [
        (_tr("Continuer quand même"), messages.Role.DestructiveRole),
        (_tr("Quitter"), messages.Role.RejectRole),
    ]
    choices += [Choice.CONTINUE, Choice.QUIT]
    path = store.db_path
    answer = messages.choose(
        None,
        QMessageBox.Icon.Critical,
        _tr("Base endommagée"),
        _tr("La base d'actions « {name} » est endommagée :").format(
            name=path.name if path is not None else store_description(store.url)
        )
        + "\n"
        + "\n".join(f"• {p}" for p in shown),
        buttons,
        informative=_tr(
            "Rien n'a été modifié. Le plus sûr est de restaurer une sauvegarde (la base "
            "endommagée est elle-même gardée). « Continuer quand même » peut montrer des "
            "actions incomplètes ou échouer à l'enregistrement."
        ),
        default=0,
        escape=len(buttons) - 1,
    )
    return choices[answer]


def restore_at_startup(store: Store) -> bool:
    """Lets the user pick a backup and restores it after confirmation; True when restored."""
    try:
        backups = store.backups()
    except (AppError, OSError):
        backups = []
    try:
        current: int | None = store.count()
    except AppError:
        current = None
    from centres_app.ui.dialogs.restore_backup_dialog import RestoreBackupDialog

    dialog = RestoreBackupDialog(backups, current)
    if dialog.exec() != RestoreBackupDialog.DialogCode.Accepted:
        return False
    chosen = dialog.chosen()
    if chosen is None:
        return False
    path, actions = chosen
    if not messages.confirm(
        None,
        _tr("Restaurer une sauvegarde"),
        _tr("Remplacer la base par « {name} » ({n} actions) ?").format(
            name=path.name, n="?" if actions is None else actions
        ),
        _tr("Restaurer"),
        informative=_tr("La base actuelle sera d'abord copiée dans le dossier des sauvegardes."),
    ):
        return False
    try:
        safety = store.restore_backup(path)
    except AppError as exc:
        messages.show_error(None, _tr("Restauration impossible"), str(exc))
        return False
    messages.show_info(
        None,
        _tr("Sauvegarde restaurée"),
        _tr("La sauvegarde a été restaurée. L'ancienne base a été gardée dans :\n{path}").format(
            path=str(safety.path)
        ),
    )
    return True


# --- a risky location -------------------------------------------------------------------------


def warn_risk(store: Store, settings: QSettings) -> None:
    """Explains why a store in a synchronised folder or on a network share is at risk."""
    try:
        risk = store.risk()
    except (AppError, OSError):
        return
    path = store.db_path
    if not risk or path is None:
        return
    if str(settings.value(RISK_SETTING, "") or "") == str(path):
        return
    _answer, dont_show = messages.choose_with_check(
        None,
        QMessageBox.Icon.Warning,
        _tr("Emplacement de la base risqué"),
        risk,
        [(_tr("J'ai compris"), messages.Role.AcceptRole)],
        informative=_tr(
            "Pour la déplacer : quittez l'application, déplacez le fichier\n{path}\n"
            "(et le dossier « sauvegardes » à côté) dans un dossier local, puis choisissez-le "
            "dans Fichier › Base de données…"
        ).format(path=str(path)),
        check_text=_tr("Ne plus afficher pour cette base"),
    )
    if dont_show:
        settings.setValue(RISK_SETTING, str(path))
        settings.sync()


# --- the daily backup -------------------------------------------------------------------------


def daily_backup(store: Store, window: QMainWindow) -> None:
    """The automatic backup, on the calling thread; its outcome is a status-bar message."""
    try:
        result: object = store.auto_backup()
    except (AppError, OSError) as exc:
        result = str(exc)
    report_backup(window, result)


# --- off the GUI thread -----------------------------------------------------------------------


class BackgroundChecks(QObject):
    """The quick check of the store, then its daily backup, in a thread of their own.

    On a large store both read the whole file (a quick check of 1.5 GB takes ~10 s, the
    backup copies it): the window is shown first and stays usable meanwhile. Both use their
    own SQLite connections (Store.check and Store.auto_backup only take the file's path).

    Signals (delivered in the GUI thread):
        checked(object): the problems found (a list of French strings, empty when sound).
        backed_up(object): the BackupInfo of the daily backup, None when none was due, or
            the French message (str) of a failure.
    """

    checked = Signal(object)
    backed_up = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)

    def check(self, store: Store) -> None:
        # Not waited for at quit: quitting during a quick check must not wait for it (it only
        # reads).
        tasks.runner().start(
            "quick-check", lambda: _problems(store), self._relay(self.checked), wait_at_quit=False
        )

    def _relay(self, signal: SignalInstance) -> Callable[[object], None]:
        def emit(value: object) -> None:
            # RuntimeError: the window's session is gone (the app closed meanwhile): nobody to
            # tell.
            with contextlib.suppress(RuntimeError):
                signal.emit(value)

        return emit

    def backup(self, store: Store) -> None:
        # Waited for at quit: a backup under way is finished before the process exits (it is
        # written to a .part file and renamed, so an interrupted one would only waste space).
        def run() -> object:
            try:
                return store.auto_backup()
            except (AppError, OSError) as exc:
                return str(exc)

        tasks.runner().start("daily-backup", run, self._relay(self.backed_up))


def report_backup(window: QMainWindow, result: object) -> None:
    """The outcome of the daily backup in the status bar (never a dialog)."""
    bar = window.statusBar()
    if isinstance(result, str):
        bar.showMessage(_tr("Sauvegarde automatique impossible : {reason}").format(reason=result))
    elif isinstance(result, BackupInfo):
        count = "?" if result.actions is None else str(result.actions)
        bar.showMessage(
            _tr("Sauvegarde automatique : {path} ({n} actions)").format(
                path=str(result.path), n=count
            ),
            15_000,
        )
