"""The export and import commands: choices, personal-data check, preview, progress.

Long work never freezes the window: actions are loaded in chunks under a cancellable progress
dialog, and the single calls that cannot be cut (reading a file, the preview, writing a file,
the one-transaction import) run off the GUI thread behind a busy progress dialog; all of it
through the task runner (tasks.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QFileDialog

from centres_app.domain import ActionData, ImportFile, SearchRequest
from centres_app.errors import AppError, ParseError
from centres_app.ui import folders, messages, tasks
from centres_app.ui.commands.base import Change, Commands

if TYPE_CHECKING:
    from centres_app.exchange.personal_data import PersonalDataHit

# The dialogs and the personal-data scan are imported when first used, not at start-up.

EXPORT_CHUNK = 200  # actions loaded per step: small enough to keep the progress dialog live


class ExchangeCommands(Commands):
    """Export and import."""

    # --- export ---------------------------------------------------------------------------------

    _selection_first = False

    def export_selection(self) -> None:
        """The export dialog with « La sélection » chosen (the list's context menu)."""
        self._selection_first = True
        try:
            self.on_export_triggered()
        finally:
            self._selection_first = False

    def on_export_triggered(self) -> None:
        from centres_app.ui.dialogs.export_dialog import (
            EXPORT_FORMATS,
            SCOPE_ALL,
            SCOPE_RESULT,
            ExportDialog,
            file_filter,
            format_label,
            proposed_name,
            with_extension,
        )
        from centres_app.ui.dialogs.personal_data_dialog import PersonalDataDialog

        window = self.context.window
        selection = self.context.port.selected_ids()
        fmt = str(self.context.settings.value("export/format", "json") or "json")
        if fmt not in EXPORT_FORMATS:
            fmt = "json"
        dialog = ExportDialog(
            self.context.port.total, len(self.context.model.ids), len(selection), fmt, window
        )
        if self._selection_first and selection:
            dialog.scope_selection.setChecked(True)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        scope, fmt = dialog.scope(), dialog.format()
        self.context.settings.setValue("export/format", fmt)
        settings = self.context.settings
        path, _ = QFileDialog.getSaveFileName(
            window,
            self.tr("Exporter des actions"),
            folders.proposed_path(settings, proposed_name(fmt, scope), "export/folder"),
            file_filter(fmt),
        )
        if not path:
            return
        path = with_extension(path, fmt)
        folders.remember_folder(settings, path)
        try:
            if scope == SCOPE_ALL:
                ids = list(self.context.store.search_ids(SearchRequest(sort="title")))
            elif scope == SCOPE_RESULT:
                ids = list(self.context.model.ids)
            else:
                ids = selection
            loaded = self._load_for_export(ids)
        except AppError as exc:
            messages.show_error(window, self.tr("Export impossible"), str(exc))
            return
        if loaded is None:
            window.statusBar().showMessage(self.tr("Export annulé : aucun fichier écrit."), 8000)
            return
        actions, hits = loaded
        if hits and PersonalDataDialog(hits, window).exec() != QDialog.DialogCode.Accepted:
            window.statusBar().showMessage(self.tr("Export annulé : aucun fichier écrit."), 8000)
            return
        from centres_app.exchange.export import export_actions

        name = Path(path).name
        try:
            warnings = tasks.runner().run_modal(
                window,
                self.tr("Écriture de {name}…").format(name=name),
                lambda _progress: export_actions(actions, path, fmt),
                name="export",
            )
        except AppError as exc:
            messages.show_error(window, self.tr("Export impossible"), str(exc))
            return
        message = self.tr("{n} action(s) exportée(s) dans {name} ({format}).").format(
            n=len(actions), name=name, format=format_label(fmt)
        )
        if hits:
            message += "\n" + self.tr(
                "{n} donnée(s) personnelle(s) possible(s) exportée(s) en connaissance de cause."
            ).format(n=len(hits))
        if warnings:
            message += "\n\n" + "\n".join(warnings)
        messages.show_info(window, self.tr("Export terminé"), message)

    def _load_for_export(
        self, ids: list[int]
    ) -> tuple[list[ActionData], list[PersonalDataHit]] | None:
        """The actions of `ids` and the personal-data hits, chunk by chunk; None if cancelled."""
        from centres_app.exchange.personal_data import scan

        store = self.context.store

        def load(progress: tasks.Progress) -> tuple[list[ActionData], list[PersonalDataHit]]:
            actions: list[ActionData] = []
            hits: list[PersonalDataHit] = []
            for start in range(0, len(ids), EXPORT_CHUNK):
                if not progress(start, len(ids)):
                    raise tasks.Cancelled
                details = store.details(ids[start : start + EXPORT_CHUNK])
                actions.extend(d.data for d in details)
                hits.extend(scan((d.id, d.data) for d in details))
            progress(len(ids), len(ids))
            return actions, hits

        try:
            return tasks.runner().run_modal(
                self.context.window,
                self.tr("Préparation de l'export…"),
                load,
                name="export-load",
                cancellable=True,
                object_name="exportProgress",
            )
        except tasks.Cancelled:
            return None

    # --- import ---------------------------------------------------------------------------------

    def on_import_triggered(self) -> None:
        window = self.context.window
        path, _ = QFileDialog.getOpenFileName(
            window,
            self.tr("Importer des actions"),
            str(self.context.settings.value("import/folder", "") or ""),
            self.tr(
                "Actions SENACS, JSON, CSV ou classeur (*.txt *.json *.csv *.xlsx *.ods);;"
                "Texte SENACS (*.txt);;Fichier d'échange JSON (*.json);;Tableau CSV (*.csv);;"
                "Classeur Excel (*.xlsx);;Classeur LibreOffice (*.ods);;Tous les fichiers (*)"
            ),
        )
        if not path:
            return
        self.context.settings.setValue("import/folder", str(Path(path).parent))
        self.import_file(path)

    def import_file(self, path: str) -> None:
        """Reads a file, shows the preview, imports on « Importer » (the menu, a dropped file)."""

        def read() -> ImportFile:
            # (Imported off the GUI thread too: the readers' modules, the first time.)
            from centres_app.exchange.loader import read_import_file

            return read_import_file(path)

        self.preview_and_import(
            Path(path).name,
            read,
            lambda exc: str(exc) if isinstance(exc, ParseError) else f"{path} : {exc}",
            unreadable=self.tr("Fichier illisible"),
            shown=path,
        )

    def preview_and_import(
        self,
        name: str,
        read: Callable[[], ImportFile],
        describe: Callable[[AppError], str],
        unreadable: str,
        shown: str = "",
        hint: str = "",
        refusal: Callable[[AppError], str] | None = None,
    ) -> bool:
        """The import's steps for any source (a file, the clipboard, a dropped text): `read`
        off the GUI thread (its refusal shown as `describe` says, under the title
        `unreadable`, with `hint` below), the preview, then the import on « Importer »; a
        refusal of the preview (an action twice...) is shown as `refusal` says, by default
        naming the source. Returns whether something was imported."""
        window = self.context.window
        shown = shown or name
        try:
            file = tasks.runner().run_modal(
                window,
                self.tr("Lecture de {name}…").format(name=name),
                lambda _progress: read(),
                name="import-read",
            )
        except AppError as exc:
            text = describe(exc)
            messages.show_error(window, unreadable, f"{text}\n\n{hint}" if hint else text)
            return False
        try:
            # The same checks as the import (an action twice: refused with both lines).
            preview = tasks.runner().run_modal(
                window,
                self.tr("Comparaison avec la base…"),
                lambda _progress: self.context.store.preview_file(file),
                name="import-preview",
            )
        except AppError as exc:
            if refusal is not None:
                text = refusal(exc)
            else:
                text = str(exc) if shown in str(exc) else f"{name} : {exc}"
            messages.show_error(window, self.tr("Import impossible"), text)
            return False
        # (Imported here, the first time, rather than before the file is read: the window
        # repaints as the file dialog closes, in the same turn of the GUI thread.)
        from centres_app.ui.dialogs.import_preview_dialog import (
            ImportPreviewDialog,
            changed_labels,
        )

        if ImportPreviewDialog(name, preview, window).exec() != QDialog.DialogCode.Accepted:
            window.statusBar().showMessage(self.tr("Import annulé : rien n'a été modifié."), 8000)
            return False
        count = len(preview.new) + len(preview.updated) + len(preview.unchanged)
        try:
            (report,) = tasks.runner().run_modal(
                window,
                self.tr("Import de {n} action(s)…").format(n=count),
                lambda _progress: self.context.store.import_files([file]),
                name="import",
            )
        except AppError as exc:
            messages.show_error(window, self.tr("Import impossible"), str(exc))
            return False
        self.context.port.store_changed(Change())
        message = self.tr(
            "{name} : {created} action(s) créée(s), {updated} mise(s) à jour, "
            "{unchanged} inchangée(s)."
        ).format(
            name=name,
            created=report.created,
            updated=report.updated,
            unchanged=report.unchanged,
        )
        if report.shrunk:
            message += "\n\n" + self.tr(
                "Champs vidés ou raccourcis (version précédente gardée dans l'historique) :"
            )
            for shrunk in report.shrunk:
                message += "\n" + self.tr("action n° {id} « {title} » : {fields}").format(
                    id=shrunk.action_id, title=shrunk.title, fields=changed_labels(shrunk.fields)
                )
        messages.show_info(window, self.tr("Import terminé"), message)
        return True
