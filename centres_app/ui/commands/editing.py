"""The editing commands: save, leave an edit, new, duplicate, delete + undo.

The undo of a deletion lives here (the « Annuler » button in the status bar and its timer);
the action shown is the window's (WindowPort.shown).

A save writes in a worker thread of the task runner (issue 17: the write and the in-memory
index's patch took 0.2-0.5 s of the GUI thread at 100,000 actions): `save()` still returns
when the write has ended (the GUI thread keeps handling events meanwhile; a window-modal
progress dialog shows if it lasts). While it runs, the edit cannot be left (switching action,
closing the window, « Annuler » are refused) nor saved again; what is typed meanwhile stays in
the form, unsaved, on top of the saved version."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QToolButton, QWidget

from centres_app import gui_turn
from centres_app.domain import ActionData, ActionDetail
from centres_app.errors import AppError, Conflict, NotFound, ValidationFailed
from centres_app.ui import messages, tasks
from centres_app.ui.commands.base import Change, CommandContext, Commands

UNDO_VISIBLE_MS = 30_000


class EditingCommands(Commands):
    """Editing and deleting.

    Invariant: the window's `shown` is the stored action the detail pane shows (None for
    nothing or a new action); an edit in progress is only ever left through confirm_leave_edit().
    """

    def __init__(self, context: CommandContext) -> None:
        super().__init__(context)
        # What the pane showed before a new action was started (shown again on cancel).
        self._previous: ActionDetail | None = None
        self._deleted: int | None = None  # id of the action the undo would bring back
        self._saving = False  # a save's write is running in a worker thread
        bar = context.window.statusBar()
        self.undo_button = QToolButton(bar)
        self.undo_button.setObjectName("undoDeleteButton")
        self.undo_button.setDefaultAction(context.actions.undo_delete)
        self.undo_button.setText(self.tr("Annuler"))
        self.undo_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.undo_button.hide()
        bar.addPermanentWidget(self.undo_button)
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.setInterval(UNDO_VISIBLE_MS)
        self._undo_timer.timeout.connect(self.undo_button.hide)

    # --- editing --------------------------------------------------------------------------------

    def confirm_leave_edit(self, refresh_now: bool = True) -> bool:
        """Before the edit in progress is left: asks when there are unsaved changes.

        Returns False when the user chose « Annuler » (or the save failed): stay as is.
        """
        pane = self.context.detail_pane
        if pane.mode != "edit":
            return True
        if self._saving:
            # The edit is being written: leaving it now could lose what follows the write.
            self.status(self.tr("Enregistrement en cours : réessayez dans un instant."), 5000)
            return False
        if not pane.is_dirty():
            pane.cancel_edit()
            self.context.port.refresh_actions()
            return True
        answer = messages.ask_save_changes(self.context.window, pane.edited_data().title)
        if answer is messages.Answer.SAVE:
            return self.save(refresh_now=refresh_now)
        if answer is messages.Answer.DISCARD:
            pane.cancel_edit()
            self.context.port.refresh_actions()
            return True
        return False

    def on_save_triggered(self) -> None:
        self.save()

    @property
    def saving(self) -> bool:
        """A save's write is running (off the GUI thread)."""
        return self._saving

    @gui_turn.first
    def save(self, refresh_now: bool = True) -> bool:
        """Saves the form; True when saved (or nothing to save). False while a save runs."""
        pane = self.context.detail_pane
        if pane.mode != "edit":
            return True
        if self._saving:
            return False
        data = pane.edited_data()
        editing = pane.editing_detail
        store = self.context.store
        try:
            if editing is None:
                saved = self._write(lambda: store.create(data))
            else:
                action_id, version = editing.id, editing.version
                saved = self._write(lambda: store.update(action_id, version, data))
        except ValidationFailed as exc:
            # The store validates the record (once, before anything is written): its errors
            # go next to their fields.
            pane.show_errors(exc.errors)
            self.status(self.tr("Action non enregistrée : corrigez les champs signalés."), 10_000)
            return False
        except Conflict as exc:
            if editing is not None and messages.ask_conflict(self.context.window, str(exc)):
                pane.cancel_edit()
                self.context.port.show_action(editing.id)
            return False
        except NotFound as exc:
            if not messages.ask_save_as_new(self.context.window, str(exc)):
                return False
            try:
                saved = self._write(lambda: store.create(data))
            except AppError as again:
                messages.show_error(
                    self.context.window, self.tr("Enregistrement impossible"), str(again)
                )
                return False
        except AppError as exc:
            messages.show_error(self.context.window, self.tr("Enregistrement impossible"), str(exc))
            return False
        if pane.mode == "edit" and pane.edited_data() != data:
            # Typed while the write ran: the form stays, unsaved, on top of the saved version.
            self.context.port.shown = saved
            pane.continue_edit(saved)
            self.context.port.refresh_actions()
        else:
            self.context.port.show_detail(saved)
        self.status(self.tr("Action enregistrée."), 5000)
        # While the list's selection is changing (leaving an edit by clicking another row),
        # resetting the model would pull the rows from under the view: refresh just after.
        self.context.port.store_changed(Change(saved=saved.id, refresh_now=refresh_now))
        return True

    def _write(self, write: Callable[[], ActionDetail]) -> ActionDetail:
        """Runs a store write in a worker thread; returns its result or raises its error."""
        self._saving = True
        self.context.port.refresh_actions()
        try:
            return tasks.runner().run_modal(
                self.context.window,
                self.tr("Enregistrement de l'action…"),
                lambda _progress: write(),
                name="save",
                object_name="saveProgress",
            )
        finally:
            self._saving = False
            self.context.port.refresh_actions()

    def on_new_triggered(self) -> None:
        if not self.confirm_leave_edit():
            return
        self._start_new(None)

    def on_duplicate_triggered(self) -> None:
        source = self.context.port.shown
        if source is None or not self.confirm_leave_edit():
            return
        title = source.data.title + self.tr(" (copie)")
        self._start_new(source.data.replace(title=title))

    def _start_new(self, data: ActionData | None) -> None:
        self._previous = self.context.port.shown
        self.context.port.shown = None
        self.context.port.select_row_of(None)
        self.context.detail_pane.start_new(data)
        self.context.port.refresh_actions()
        self._focus_editor("title")

    @gui_turn.first
    def on_edit_triggered(self) -> None:
        if self.context.port.shown is None or self.context.detail_pane.mode == "edit":
            return
        self.context.detail_pane.start_edit()
        self.context.port.refresh_actions()
        self._focus_editor("title")

    def _focus_editor(self, name: str) -> None:
        editor = self.context.detail_pane.findChild(QWidget, name)
        if editor is not None:
            editor.setFocus(Qt.FocusReason.OtherFocusReason)

    @gui_turn.first
    def on_cancel_triggered(self) -> None:
        pane = self.context.detail_pane
        if pane.mode != "edit" or self._saving:
            return
        # Never lose typed text to a stray Esc: a changed form asks first.
        if pane.is_dirty() and not messages.ask_discard(
            self.context.window, pane.edited_data().title
        ):
            return
        was_new = pane.editing_detail is None
        pane.cancel_edit()
        if was_new:
            previous = self._previous
            self.context.port.show_action(previous.id if previous is not None else None)
            self.context.port.select_row_of(_id_of(self.context.port.shown))
        self.context.port.refresh_actions()
        self.status(self.tr("Modifications abandonnées."), 5000)

    def on_pane_dirty_changed(self, _dirty: bool) -> None:
        self.context.port.refresh_actions()

    def refresh_actions(self) -> None:
        a = self.context.actions
        editing = self.context.detail_pane.mode == "edit"
        has_action = self.context.port.shown is not None
        a.save.setEnabled(editing and not self._saving)
        a.cancel.setEnabled(editing and not self._saving)
        a.edit.setEnabled(has_action and not editing)
        a.delete.setEnabled(has_action and not editing)
        a.duplicate.setEnabled(has_action and not editing)
        a.undo_delete.setEnabled(self._deleted is not None)
        if has_action and not editing:
            # « Modifier » may come next: its vocabularies read now, off the GUI thread.
            self.context.detail_pane.vocabularies.prefetch()

    def store_changed(self, change: Change) -> None:
        # Terms may have come or gone: read again before the next edit.
        self.context.detail_pane.vocabularies.forget()
        if change.trash or change.replaced:
            # The undo takes the action from the trash, or refers to the replaced content.
            self._forget_deleted()

    def shutting_down(self) -> None:
        self.context.detail_pane.vocabularies.wait()

    def _forget_deleted(self) -> None:
        self._deleted = None
        self.undo_button.hide()

    # --- delete and undo ------------------------------------------------------------------------

    def on_delete_triggered(self) -> None:
        shown = self.context.port.shown
        if shown is None or self.context.detail_pane.mode == "edit":
            return
        row = self.context.model.row_of(shown.id)
        try:
            data = self.context.store.delete(shown.id, shown.version)
        except Conflict as exc:
            messages.show_error(self.context.window, self.tr("Suppression annulée"), str(exc))
            self.context.port.show_action(shown.id)
            return
        except NotFound:
            data = None
        except AppError as exc:
            messages.show_error(self.context.window, self.tr("Suppression impossible"), str(exc))
            return
        # The next row takes the place of the deleted one, as in a file manager.
        ids = self.context.model.ids
        next_id = None
        if row is not None and len(ids) > 1:
            next_id = ids[row + 1] if row + 1 < len(ids) else ids[row - 1]
        self.context.port.shown = None
        if data is not None:
            self._deleted = shown.id
            self.undo_button.show()
            self._undo_timer.start()
            self.status(
                self.tr("Action supprimée : « {title} ». Ctrl+Z pour l'annuler.").format(
                    title=_one_line(data.title)
                ),
                UNDO_VISIBLE_MS,
            )
        self.context.port.show_action(next_id)
        self.context.port.store_changed(Change())

    def on_undo_delete_triggered(self) -> None:
        action_id = self._deleted
        if action_id is None or not self.confirm_leave_edit():
            return
        try:
            # From the trash: the same id and the history come back.
            restored = self.context.store.restore_deleted(action_id)
        except NotFound:
            # Restored or emptied from the trash meanwhile: nothing left to undo.
            self._forget_deleted()
            self.context.port.refresh_actions()
            self.status(self.tr("L'action n'est plus dans la corbeille."), 8000)
            return
        except AppError as exc:
            messages.show_error(self.context.window, self.tr("Restauration impossible"), str(exc))
            return
        self._forget_deleted()
        self.context.port.show_detail(restored)
        self.context.port.store_changed(Change())
        self.status(self.tr("Action restaurée."), 5000)


def _id_of(detail: ActionDetail | None) -> int | None:
    return detail.id if detail is not None else None


def _one_line(text: str) -> str:
    return " ".join(text.split())
