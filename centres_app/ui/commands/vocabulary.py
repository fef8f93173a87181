"""Édition › Vocabulaires… : rename and merge vocabulary values (issue 16)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from centres_app.ui import messages
from centres_app.ui.commands.base import Change, CommandContext, Commands

if TYPE_CHECKING:  # the dialog is imported when first opened, not at start-up
    from centres_app.ui.dialogs.vocabulary_dialog import VocabularyDialog


class VocabularyCommands(Commands):
    """Owns its QAction (Édition menu) and the dialog; the window is refreshed after a
    rename, the edit form too when no edit is in progress."""

    def __init__(self, context: CommandContext) -> None:
        super().__init__(context)
        window = context.window
        action = QAction(self.tr("&Vocabulaires…"), window)
        action.setObjectName("actionVocabularies")
        tip = self.tr("Renommer ou fusionner les valeurs des vocabulaires (mots clés, public…)")
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        window.addAction(action)
        edit_menu = window.findChild(QMenu, "menuEdit")
        if edit_menu is not None:
            edit_menu.addSeparator()
            edit_menu.addAction(action)
        action.triggered.connect(self.on_vocabularies_triggered)
        self.action = action
        self.dialog: VocabularyDialog | None = None

    def refresh_actions(self) -> None:
        # Renaming rewrites actions: not while one is being edited (its save would conflict).
        self.action.setEnabled(self.context.detail_pane.mode != "edit")

    def on_vocabularies_triggered(self) -> None:
        if self.context.detail_pane.mode == "edit":
            messages.show_info(
                self.context.window,
                self.tr("Vocabulaires"),
                self.tr("Enregistrez ou annulez la saisie en cours d'abord."),
            )
            return
        from centres_app.ui.dialogs.vocabulary_dialog import VocabularyDialog

        dialog = VocabularyDialog(self.context.store, self.context.window)
        dialog.renamed.connect(self._on_dialog_renamed)
        self.dialog = dialog
        try:
            dialog.exec()
        finally:
            self.dialog = None
            dialog.deleteLater()

    def _on_dialog_renamed(self, _kind: str, _old: str, _new: str, changed: int) -> None:
        port = self.context.alive_port()
        if port is not None and changed:
            port.store_changed(Change(actions=True))
            shown = port.shown
            if shown is not None and self.context.detail_pane.mode == "view":
                port.show_action_if_present(shown.id)  # its values may have been renamed
        self.status(self.tr("{} action(s) modifiée(s)").format(changed), 5000)
