"""The data-safety commands: save a copy, restore a backup, trash, action history.

The dialogs live in their own modules, imported when first opened (not at start-up)."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from centres_app.errors import AppError
from centres_app.ui import messages, tasks
from centres_app.ui.commands.base import Change, Commands

if TYPE_CHECKING:
    from centres_app.domain import BackupInfo


class SafetyCommands(Commands):
    """Backups, trash and history."""

    def refresh_actions(self) -> None:
        shown = self.context.port.shown
        editing = self.context.detail_pane.mode == "edit"
        self.context.actions.history.setEnabled(shown is not None and not editing)

    # --- save a copy ----------------------------------------------------------------------------

    def on_backup_copy_triggered(self) -> None:
        folder = str(self.context.settings.value("backup/folder", "") or "") or str(Path.home())
        name = f"centres-sauvegarde-{dt.date.today():%Y-%m-%d}.db"
        chosen, _ = QFileDialog.getSaveFileName(
            self.context.window,
            self.tr("Sauvegarder une copie de la base"),
            str(Path(folder) / name),
            self.tr("Base d'actions (*.db)"),
        )
        if not chosen:
            return
        out = Path(chosen)
        if out.suffix.lower() != ".db":
            out = out.with_name(out.name + ".db")
        db = self.context.store.db_path
        if db is not None and out.resolve() == db.resolve():
            messages.show_error(
                self.context.window,
                self.tr("Sauvegarde impossible"),
                self.tr("Choisissez un autre fichier que la base elle-même."),
            )
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            info = self.context.store.backup(out)
        except AppError as exc:
            QApplication.restoreOverrideCursor()
            messages.show_error(self.context.window, self.tr("Sauvegarde impossible"), str(exc))
            return
        QApplication.restoreOverrideCursor()
        self.context.settings.setValue("backup/folder", str(out.parent))
        self.status(
            self.tr("Copie de la base enregistrée ({n} actions) : {path}").format(
                n="?" if info.actions is None else info.actions, path=str(info.path)
            ),
            15_000,
        )

    # --- restore a backup -------------------------------------------------------------------------

    def on_restore_backup_triggered(self) -> None:
        if self.context.store.db_path is None:
            messages.show_error(
                self.context.window,
                self.tr("Restauration impossible"),
                self.tr("Cette base n'est pas un fichier : restaurez-la depuis son serveur."),
            )
            return
        if not self.context.port.confirm_leave_edit():
            return
        try:
            backups = self.context.store.backups()
            current = self.context.store.count()
        except AppError as exc:
            messages.show_error(self.context.window, self.tr("Sauvegardes illisibles"), str(exc))
            return
        from centres_app.ui.dialogs.restore_backup_dialog import RestoreBackupDialog

        dialog = RestoreBackupDialog(backups, current, self.context.window)
        if dialog.exec() != RestoreBackupDialog.DialogCode.Accepted:
            return
        chosen = dialog.chosen()
        if chosen is None:
            return
        path, actions = chosen
        if actions is None:
            # A file picked by hand: count its actions first, so a loss is announced before.
            try:
                actions = self.context.store.backup_info(path).actions
            except OSError:
                actions = None
        self.restore_backup_file(path, actions, current)

    def restore_backup_file(self, path: Path, actions: int | None, current: int) -> bool:
        """Asks, then replaces the store by `path`; True when restored."""
        from centres_app.ui.dialogs.restore_backup_dialog import loss_warning

        warning = loss_warning(actions, current)
        text = self.tr("Remplacer le contenu de la base par « {name} » ?").format(name=path.name)
        informative = self.tr(
            "Le contenu actuel ({current} actions) sera d'abord sauvegardé, pour pouvoir y revenir."
        ).format(current=current)
        if warning and actions is not None:
            text = warning
            informative = self.tr("Restaurer quand même ?") + " " + informative
            yes = self.tr("Restaurer quand même")
        else:
            if warning:
                informative = warning + "\n\n" + informative
            yes = self.tr("Restaurer")
        if not messages.confirm(
            self.context.window, self.tr("Restaurer une sauvegarde"), text, yes, informative
        ):
            return False
        safety = self._restore(path)
        if safety is None:
            return False
        after = self.context.port.total
        message = self.tr(
            "Sauvegarde restaurée : la base contient maintenant {n} actions.\n\n"
            "L'ancien contenu a été sauvegardé dans :\n{path}"
        ).format(n=after, path=str(safety.path))
        if actions is None and after < current:
            # A file picked by hand: its size was unknown before, so compare now.
            answer = messages.choose(
                self.context.window,
                QMessageBox.Icon.Warning,
                self.tr("Sauvegarde plus petite"),
                self.tr(
                    "Ce fichier contenait {n} actions, la base en avait {current} : "
                    "{lost} actions ont disparu."
                ).format(n=after, current=current, lost=current - after),
                [
                    (self.tr("Revenir à la base précédente"), messages.Role.AcceptRole),
                    (self.tr("Garder la sauvegarde restaurée"), messages.Role.RejectRole),
                ],
                informative=message,
                default=0,
                escape=0,
            )
            if answer == 0:
                # restore() first writes its own safety copy, named after the current second:
                # within the same second that name is safety.path itself. Restore a copy.
                with tempfile.TemporaryDirectory(prefix="centres-app-") as folder:
                    copy = Path(folder) / safety.path.name
                    try:
                        shutil.copyfile(safety.path, copy)
                    except OSError as exc:
                        messages.show_error(
                            self.context.window, self.tr("Retour impossible"), str(exc)
                        )
                        return True
                    back = self._restore(copy)
                if back is not None:
                    messages.show_info(
                        self.context.window,
                        self.tr("Base précédente rétablie"),
                        self.tr("La base contient de nouveau {n} actions.").format(
                            n=self.context.port.total
                        ),
                    )
                return False
            return True
        messages.show_info(self.context.window, self.tr("Sauvegarde restaurée"), message)
        return True

    def _restore(self, path: Path) -> BackupInfo | None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        # Background jobs read the store (facet counts, amounts, similar actions, the checks
        # and the daily backup): all of them end before the swap.
        tasks.runner().await_all()
        try:
            safety = self.context.store.restore_backup(path)
        except AppError as exc:
            QApplication.restoreOverrideCursor()
            messages.show_error(self.context.window, self.tr("Restauration impossible"), str(exc))
            self.context.port.store_changed(Change(replaced=True))
            return None
        QApplication.restoreOverrideCursor()
        self.context.port.store_changed(Change(replaced=True))
        return safety

    # --- trash ------------------------------------------------------------------------------------

    def on_trash_triggered(self) -> None:
        if not self.context.port.confirm_leave_edit():
            return
        from centres_app.ui.dialogs.trash_dialog import TrashDialog

        dialog = TrashDialog(self.context.store, self.context.window)
        dialog.restored.connect(self._on_trash_dialog_restored)
        dialog.purged.connect(self._on_trash_dialog_purged)
        dialog.exec()

    def _on_trash_dialog_restored(self, ids: list[int]) -> None:
        self.context.port.store_changed(Change(trash=True))
        self.context.port.show_action(ids[-1])
        self.context.port.select_row_of(ids[-1])
        self.status(
            self.tr("{n} action(s) restaurée(s) depuis la corbeille.").format(n=len(ids)), 8000
        )

    def _on_trash_dialog_purged(self, count: int) -> None:
        # The undo of a deletion takes the action from the trash: gone with it.
        self.context.port.store_changed(Change(actions=False, trash=True))
        self.status(self.tr("{n} action(s) supprimée(s) définitivement.").format(n=count), 8000)

    # --- history ----------------------------------------------------------------------------------

    def on_history_triggered(self) -> None:
        shown = self.context.port.shown
        if shown is None or not self.context.port.confirm_leave_edit():
            return
        try:
            # The newest stored version: the one a restore must replace.
            current = self.context.store.get(shown.id)
        except AppError as exc:
            messages.show_error(self.context.window, self.tr("Historique indisponible"), str(exc))
            return
        from centres_app.ui.dialogs.history_dialog import HistoryDialog

        dialog = HistoryDialog(self.context.store, current, self.context.window)
        dialog.exec()
        restored = dialog.restored
        if restored is None:
            # It may have changed elsewhere meanwhile (a refused restore): show the newest.
            self.context.port.show_action(shown.id)
            return
        self.context.port.show_detail(restored)
        self.context.port.store_changed(Change(saved=restored.id))
        self.status(
            self.tr("Version restaurée : l'action est maintenant à la version n° {v}.").format(
                v=restored.version
            ),
            8000,
        )
