"""The store settings command: which base opens at start-up (Fichier › Base de données…)."""

from __future__ import annotations

from collections.abc import Callable

from centres_app.ui.commands.base import CommandContext, Commands

# Opens a candidate store and reports (ok, message); given by the start-up session.
StoreProbe = Callable[[str], tuple[bool, str]]


class StoreCommands(Commands):
    """Fichier › Base de données…: the dialog of dialogs/store_settings_dialog.py."""

    def __init__(self, context: CommandContext) -> None:
        super().__init__(context)
        self.store_probe: StoreProbe | None = None

    def on_store_settings_triggered(self) -> None:
        from centres_app.ui.dialogs.store_settings_dialog import edit_store_settings

        context = self.context
        edit_store_settings(context.window, context.settings, context.store.url, self.store_probe)
