"""The editing workflow of the main window: save, leave an edit, new, duplicate, delete + undo.
Mixed into MainWindow; kept apart so that each module stays one concept."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QLabel,
    QTableView,
    QToolButton,
    QWidget,
)

from centres_app import __version__
from centres_app.domain import ActionData, ActionDetail
from centres_app.errors import AppError, Conflict, NotFound, ValidationFailed
from centres_app.ui import dialogs
from centres_app.ui.action_list_model import ActionListModel
from centres_app.ui.window_actions import WindowActions

if TYPE_CHECKING:
    from centres_app.services import StoreServices
    from centres_app.ui.detail_pane import DetailPane

UNDO_VISIBLE_MS = 30_000


class EditingMixin:
    """Editing and deleting, for MainWindow (which provides the attributes below).

    Invariant: `_shown` is the stored action the detail pane shows (None for nothing or a new
    action); an edit in progress is only ever left through confirm_leave_edit().
    """

    # Provided by MainWindow.
    _store: StoreServices
    _settings: QSettings
    _shown: ActionDetail | None
    _previous: ActionDetail | None
    _deleted: int | None
    _total: int
    _undo_timer: QTimer
    actions: WindowActions
    detail_pane: DetailPane
    model: ActionListModel
    action_list: QTableView
    undo_button: QToolButton
    status_count: QLabel

    # Also used from MainWindow / QMainWindow: tr(), statusBar(), show_action(), _run_search(),
    # _select_row_of().

    # --- editing --------------------------------------------------------------------------------

    def confirm_leave_edit(self, refresh_now: bool = True) -> bool:
        """Before the edit in progress is left: asks when there are unsaved changes.

        Returns False when the user chose « Annuler » (or the save failed): stay as is.
        """
        pane = self.detail_pane
        if pane.mode != "edit":
            return True
        if not pane.is_dirty():
            pane.cancel_edit()
            self._update_actions()
            return True
        answer = dialogs.ask_save_changes(self, pane.edited_data().title)
        if answer is dialogs.Answer.SAVE:
            return self.save(refresh_now=refresh_now)
        if answer is dialogs.Answer.DISCARD:
            pane.cancel_edit()
            self._update_actions()
            return True
        return False

    def _on_save_triggered(self) -> None:
        self.save()

    def save(self, refresh_now: bool = True) -> bool:
        """Saves the form; True when saved (or nothing to save)."""
        pane = self.detail_pane
        if pane.mode != "edit":
            return True
        data = pane.edited_data()
        editing = pane.editing_detail
        try:
            if editing is None:
                saved = self._store.create(data)
            else:
                saved = self._store.update(editing.id, editing.version, data)
        except ValidationFailed as exc:
            # The store validates the record (once, before anything is written): its errors
            # go next to their fields.
            pane.show_errors(exc.errors)
            self.statusBar().showMessage(
                self.tr("Action non enregistrée : corrigez les champs signalés."), 10_000
            )
            return False
        except Conflict as exc:
            if editing is not None and dialogs.ask_conflict(self, str(exc)):
                pane.cancel_edit()
                self.show_action(editing.id)
            return False
        except NotFound as exc:
            if not dialogs.ask_save_as_new(self, str(exc)):
                return False
            try:
                saved = self._store.create(data)
            except AppError as again:
                dialogs.show_error(self, self.tr("Enregistrement impossible"), str(again))
                return False
        except AppError as exc:
            dialogs.show_error(self, self.tr("Enregistrement impossible"), str(exc))
            return False
        self._shown = saved
        pane.show_detail(saved)
        self._after_write(refresh_now)
        self.statusBar().showMessage(self.tr("Action enregistrée."), 5000)
        self.action_saved.emit(saved.id)
        return True

    def _after_write(self, refresh_now: bool = True) -> None:
        # While the list's selection is changing (leaving an edit by clicking another row),
        # resetting the model would pull the rows from under the view: refresh just after.
        self.model.refresh_rows()
        self._refresh_total()
        if refresh_now:
            self._run_search()
        else:
            QTimer.singleShot(0, self._run_search)
        self._update_actions()

    def _on_new_triggered(self) -> None:
        if not self.confirm_leave_edit():
            return
        self._start_new(None)

    def _on_duplicate_triggered(self) -> None:
        source = self._shown
        if source is None or not self.confirm_leave_edit():
            return
        title = source.data.title + self.tr(" (copie)")
        self._start_new(source.data.replace(title=title))

    def _start_new(self, data: ActionData | None) -> None:
        self._previous = self._shown
        self._shown = None
        self._select_row_of(None)
        self.detail_pane.start_new(data)
        self._update_actions()
        self._focus_editor("title")

    def _on_edit_triggered(self) -> None:
        if self._shown is None or self.detail_pane.mode == "edit":
            return
        self.detail_pane.start_edit()
        self._update_actions()
        self._focus_editor("title")

    def _focus_editor(self, name: str) -> None:
        editor = self.detail_pane.findChild(QWidget, name)
        if editor is not None:
            editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_cancel_triggered(self) -> None:
        pane = self.detail_pane
        if pane.mode != "edit":
            return
        # Never lose typed text to a stray Esc: a changed form asks first.
        if pane.is_dirty() and not dialogs.ask_discard(self, pane.edited_data().title):
            return
        was_new = pane.editing_detail is None
        pane.cancel_edit()
        if was_new:
            previous = self._previous
            self.show_action(previous.id if previous is not None else None)
            self._select_row_of(self.shown_id)
        self._update_actions()
        self.statusBar().showMessage(self.tr("Modifications abandonnées."), 5000)

    def _on_pane_dirty_changed(self, _dirty: bool) -> None:
        self._update_actions()

    def _update_actions(self) -> None:
        a = self.actions
        editing = self.detail_pane.mode == "edit"
        has_action = self._shown is not None
        a.save.setEnabled(editing)
        a.cancel.setEnabled(editing)
        a.edit.setEnabled(has_action and not editing)
        a.delete.setEnabled(has_action and not editing)
        a.duplicate.setEnabled(has_action and not editing)
        a.undo_delete.setEnabled(self._deleted is not None)
        a.history.setEnabled(has_action and not editing)

    # --- delete and undo ------------------------------------------------------------------------

    def _on_delete_triggered(self) -> None:
        shown = self._shown
        if shown is None or self.detail_pane.mode == "edit":
            return
        row = self.model.row_of(shown.id)
        try:
            data = self._store.delete(shown.id, shown.version)
        except Conflict as exc:
            dialogs.show_error(self, self.tr("Suppression annulée"), str(exc))
            self.show_action(shown.id)
            return
        except NotFound:
            data = None
        except AppError as exc:
            dialogs.show_error(self, self.tr("Suppression impossible"), str(exc))
            return
        # The next row takes the place of the deleted one, as in a file manager.
        ids = self.model.ids
        next_id = None
        if row is not None and len(ids) > 1:
            next_id = ids[row + 1] if row + 1 < len(ids) else ids[row - 1]
        self._shown = None
        if data is not None:
            self._deleted = shown.id
            self.undo_button.show()
            self._undo_timer.start()
            self.statusBar().showMessage(
                self.tr("Action supprimée : « {title} ». Ctrl+Z pour l'annuler.").format(
                    title=_one_line(data.title)
                ),
                UNDO_VISIBLE_MS,
            )
        self.show_action(next_id)
        self._after_write()

    def _on_undo_delete_triggered(self) -> None:
        action_id = self._deleted
        if action_id is None or not self.confirm_leave_edit():
            return
        try:
            # From the trash: the same id and the history come back.
            restored = self._store.restore_deleted(action_id)
        except NotFound:
            # Restored or emptied from the trash meanwhile: nothing left to undo.
            self._deleted = None
            self.undo_button.hide()
            self._update_actions()
            self.statusBar().showMessage(self.tr("L'action n'est plus dans la corbeille."), 8000)
            return
        except AppError as exc:
            dialogs.show_error(self, self.tr("Restauration impossible"), str(exc))
            return
        self._deleted = None
        self.undo_button.hide()
        self._shown = restored
        self.detail_pane.show_detail(restored)
        self._after_write()
        self.statusBar().showMessage(self.tr("Action restaurée."), 5000)

    # --- help -------------------------------------------------------------------------------------

    def _on_search_help_triggered(self) -> None:
        dialogs.show_info(
            self,
            self.tr("Langage de recherche"),
            self.tr(
                "Les mots sont cherchés ensemble, sans tenir compte des accents ni des "
                "majuscules : « reveillon » trouve « Réveillon ».\n"
                "Le dernier mot est un début de mot : « édu » trouve « éducation ».\n"
                '"une expression" cherche l\'expression exacte ; -mot exclut un mot.\n'
                "Les filtres à gauche se combinent : OU dans un même filtre, ET entre filtres."
            ),
        )

    def _on_about_triggered(self) -> None:
        dialogs.show_info(
            self,
            self.tr("À propos"),
            self.tr(
                "Actions des centres sociaux, version {version}\n"
                "Saisie, recherche hors ligne et fiches actions au format SENACS.\n"
                "Base : {store}"
            ).format(version=__version__, store=self._store.url),
        )


def _one_line(text: str) -> str:
    return " ".join(text.split())
