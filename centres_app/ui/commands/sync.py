"""Fichier › Synchroniser… and Fichier › Conflits de synchronisation… (issue 19).

The local store exchanges its changes with the federation's PostgreSQL server through
SyncService. The server is asked for the first time (dialogs/sync_server_dialog.py, the fields
of « Base de données… ») and remembered in the settings as a URL WITHOUT its password; the
password typed in that dialog is kept in this object's memory for the session only, never
written (left empty, PostgreSQL reads .pgpass). A refused password asks again.

The sync runs off the GUI thread behind a progress dialog with « Annuler » (tasks.run_modal):
the engine stops between two batches and returns a report with complete=False, whose counts
are shown like a finished one's. Then the list, the facets and the action shown are read again
(Change), a French summary is shown, and the conflicts dialog opens when there are some.
"""

from __future__ import annotations

import sys
import traceback
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMenu, QStyle, QToolBar

from centres_app.domain import SyncConflict, SyncReport
from centres_app.errors import AppError
from centres_app.ui import messages, tasks
from centres_app.ui.commands.base import Change, CommandContext, Commands
from centres_app.ui.dialogs.store_settings_dialog import SETTINGS_KEY as STORE_SETTINGS_KEY
from centres_app.ui.dialogs.store_settings_dialog import postgres_url

if TYPE_CHECKING:  # the dialogs are imported when first opened, not at start-up
    from centres_app.ui.dialogs.sync_conflicts_dialog import SyncConflictsDialog

SETTINGS_KEY = "sync/server"  # the server's URL, never with a password


def with_password(url: str, password: str) -> str:
    """The server's URL with `password` (none: without a password, as it is remembered)."""
    parts = urlsplit(url)
    if not password and not parts.password:
        return url
    return postgres_url(
        unquote(parts.hostname or "localhost"),
        parts.port or 5432,
        unquote(parts.path.lstrip("/")),
        unquote(parts.username or ""),
        password,
    )


def asks_password(error: AppError) -> bool:
    """The server refused the user or the password (db/engine.py's French message)."""
    return "mot de passe" in str(error)


def drop_traceback(error: BaseException) -> None:
    """Frees the frames an error raised through tasks.run_modal holds: they make a cycle
    (run_modal's frame holds the error that holds the frame) reaching up to the window, which
    only the garbage collector would free, at an arbitrary moment (seen in the tests: a closed
    window's widgets deleted by the collector in the middle of the next window's construction,
    a segmentation fault)."""
    error.__traceback__ = None
    if error.__context__ is not None:
        error.__context__.__traceback__ = None


class SyncCommands(Commands):
    """Owns its QActions (Fichier menu), the server remembered and the session's password."""

    def __init__(self, context: CommandContext) -> None:
        super().__init__(context)
        window = context.window
        self.sync_action = self._action(
            "actionSync",
            self.tr("&Synchroniser…"),
            self.tr("Échanger les modifications avec le serveur de la fédération (Ctrl+Maj+S)"),
            "Ctrl+Shift+S",
        )
        self.sync_action.setIcon(
            window.style().standardIcon(QStyle.StandardPixmap.SP_BrowserReload)
        )
        self.conflicts_action = self._action(
            "actionSyncConflicts",
            self.tr("Con&flits de synchronisation…"),
            self.tr("Les actions modifiées des deux côtés : comparer les versions et choisir"),
        )
        self.server_action = self._action(
            "actionSyncServer",
            self.tr("Ser&veur de synchronisation…"),
            self.tr("Changer le serveur de la fédération avec lequel la base se synchronise"),
        )
        file_menu = window.findChild(QMenu, "menuFile")
        if file_menu is not None:
            before = next(
                (a for a in file_menu.actions() if a.objectName() == "actionStoreSettings"), None
            )
            entries = [self.sync_action, self.conflicts_action, self.server_action]
            if before is None:
                file_menu.addSeparator()
                file_menu.addActions(entries)
            else:
                file_menu.insertActions(before, entries)
                file_menu.insertSeparator(before)
            file_menu.aboutToShow.connect(self.update_conflicts_action)
        # One button, as Zotero's and Joplin's: the adaptive toolbar shows it as an icon when
        # the window is narrow.
        toolbar = window.findChild(QToolBar, "mainToolBar")
        if toolbar is not None:
            toolbar.addSeparator()
            toolbar.addAction(self.sync_action)
        self.sync_action.triggered.connect(self.on_sync_triggered)
        self.conflicts_action.triggered.connect(self.on_conflicts_triggered)
        self.server_action.triggered.connect(self.on_server_triggered)
        self._password = ""  # the session's password: in memory only
        self.conflicts_dialog: SyncConflictsDialog | None = None

    def _action(self, name: str, text: str, tip: str, shortcut: str | None = None) -> QAction:
        window = self.context.window
        action = QAction(text, window)
        action.setObjectName(name)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        window.addAction(action)
        return action

    # --- hooks --------------------------------------------------------------------------------

    def refresh_actions(self) -> None:
        # A store opened on the server itself has nothing to synchronise.
        local = self.context.store.db_path is not None
        self.sync_action.setEnabled(local)
        self.server_action.setEnabled(local)

    def update_conflicts_action(self) -> None:
        """Enabled when there are conflicts (read as the Fichier menu opens)."""
        try:
            count = len(self.context.store.sync_conflicts())
        except AppError:
            count = 0
        self.conflicts_action.setEnabled(count > 0)

    # --- the server -----------------------------------------------------------------------------

    @property
    def server(self) -> str:
        """The remembered server's URL ('' before the first synchronisation)."""
        return str(self.context.settings.value(SETTINGS_KEY, "") or "")

    def ask_server(self, message: str = "") -> str | None:
        """The server dialog; remembers the server (no password) and the session's password.
        Returns the URL to synchronise with, None when cancelled."""
        saved = self.server or self._store_server()
        from centres_app.ui.dialogs.sync_server_dialog import SyncServerDialog

        dialog = SyncServerDialog(saved, message, self._password, self.context.window)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            url, self._password = with_password(dialog.url(), ""), dialog.password()
        finally:
            dialog.deleteLater()
        self.context.settings.setValue(SETTINGS_KEY, url)
        self.context.settings.sync()
        return url

    def _store_server(self) -> str:
        """The server chosen in « Base de données… », if any: the first proposal."""
        target = str(self.context.settings.value(STORE_SETTINGS_KEY, "") or "")
        return target if target.startswith("postgresql") else ""

    def on_server_triggered(self) -> None:
        self.ask_server()

    # --- synchronising --------------------------------------------------------------------------

    def on_sync_triggered(self) -> None:
        port = self.context.port
        if not port.confirm_leave_edit():
            return
        url = self.server or self.ask_server()
        while url is not None:
            try:
                report = self._run(url)
            except AppError as exc:
                drop_traceback(exc)
                if asks_password(exc):
                    self._password = ""
                    url = self.ask_server(str(exc))
                    continue
                messages.show_error(
                    self.context.window, self.tr("Synchronisation impossible"), str(exc)
                )
                return
            except Exception as exc:  # noqa: BLE001 - an unexpected failure: a message, not a crash
                traceback.print_exception(exc, file=sys.stderr)
                drop_traceback(exc)
                messages.show_error(
                    self.context.window,
                    self.tr("Synchronisation impossible"),
                    self.tr(
                        "Erreur inattendue pendant la synchronisation : {error}\n\nCe qui a "
                        "été synchronisé avant reste enregistré des deux côtés ; relancez la "
                        "synchronisation."
                    ).format(error=tasks.describe(exc)),
                )
                return
            if report is not None:
                self._after(report)
            return

    def _run(self, url: str) -> SyncReport | None:
        """The sync behind its progress dialog; a cancelled one's partial report (None when
        it was cancelled before it could report)."""
        store = self.context.store
        target = with_password(url, self._password)
        done: list[SyncReport] = []

        def work(progress: tasks.Progress) -> SyncReport:
            report = store.sync(target, progress)
            done.append(report)
            return report

        shown = url.split("@", 1)[-1]
        try:
            return tasks.runner().run_modal(
                self.context.window,
                self.tr("Synchronisation avec {server}…").format(server=shown),
                work,
                name="sync",
                cancellable=True,
                object_name="syncProgress",
            )
        except tasks.Cancelled:
            return done[0] if done else None

    def _after(self, report: SyncReport) -> None:
        port = self.context.port
        if report.sent or report.received or report.conflicts:
            port.store_changed(Change())
            shown = port.shown
            if shown is not None and self.context.detail_pane.mode == "view":
                port.show_action_if_present(shown.id)
        title = (
            self.tr("Synchronisation terminée")
            if report.complete
            else self.tr("Synchronisation interrompue")
        )
        messages.show_info(self.context.window, title, self.summary(report))
        self.status(
            self.tr("Synchronisation : {n} envoyée(s), {m} reçue(s)").format(
                n=report.sent, m=report.received
            ),
            8000,
        )
        if report.conflicts:
            self.on_conflicts_triggered()

    def summary(self, report: SyncReport) -> str:
        """The French summary of a synchronisation."""
        text = self.tr("{sent} envoyée(s), {received} reçue(s), {conflicts} conflit(s).").format(
            sent=report.sent, received=report.received, conflicts=len(report.conflicts)
        )
        if not report.complete:
            text += "\n\n" + self.tr(
                "Synchronisation interrompue : ce qui est compté est enregistré des deux côtés ; "
                "la prochaine synchronisation reprendra la suite."
            )
        if report.conflicts:
            text += "\n\n" + self.tr(
                "Modifiées des deux côtés (l'autre version est gardée dans l'historique) :"
            )
            text += "".join("\n• " + self._line(c) for c in report.conflicts)
        if report.refused:
            text += "\n\n" + self.tr(
                "Refusées par le serveur (elles restent ici, non envoyées) : seul le centre "
                "d'une action peut la modifier sur le serveur."
            )
            text += "".join("\n• " + self._refused_line(c) for c in report.refused)
        return text

    def _line(self, conflict: SyncConflict) -> str:
        from centres_app.ui.dialogs.sync_conflicts_dialog import conflict_title, reason_text

        return self.tr("« {title} » : {reason}").format(
            title=conflict_title(conflict), reason=reason_text(conflict.reason)
        )

    def _refused_line(self, refused: SyncConflict) -> str:
        from centres_app.ui.dialogs.sync_conflicts_dialog import CONFLICT_REASONS, conflict_title

        if refused.reason and refused.reason not in CONFLICT_REASONS:
            return self.tr("« {title} » : {reason}").format(
                title=conflict_title(refused), reason=refused.reason
            )
        return self.tr("« {title} » : action d'une autre structure").format(
            title=conflict_title(refused)
        )

    # --- conflicts ------------------------------------------------------------------------------

    def on_conflicts_triggered(self) -> None:
        from centres_app.ui.dialogs.sync_conflicts_dialog import SyncConflictsDialog

        dialog = SyncConflictsDialog(self.context.store, self.context.window)
        dialog.resolved.connect(self._on_dialog_resolved)
        self.conflicts_dialog = dialog
        try:
            dialog.exec()
        finally:
            self.conflicts_dialog = None
            dialog.deleteLater()
        self.update_conflicts_action()

    def _on_dialog_resolved(self, action_id: int) -> None:
        port = self.context.alive_port()
        if port is None:
            return
        port.store_changed(Change())
        shown = port.shown
        if shown is not None and shown.id == action_id and self.context.detail_pane.mode == "view":
            port.show_action_if_present(action_id)
        self.status(self.tr("Conflit résolu."), 5000)
