"""The window's export and import commands: choices, personal-data check, preview, progress.

Long work never freezes the window: actions are loaded in chunks under a cancellable progress
dialog, and the single calls that cannot be cut (reading a file, the preview, writing a file,
the one-transaction import) run in a worker thread behind a busy progress dialog.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QEventLoop, QObject, QSettings, Qt, Signal
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QProgressDialog, QWidget

from centres_app.domain import ActionData, ActionDetail, SearchRequest
from centres_app.errors import AppError, ParseError
from centres_app.exchange.personal_data import PersonalDataHit, scan
from centres_app.ui import dialogs
from centres_app.ui.action_list_model import ActionListModel
from centres_app.ui.exchange_dialogs import (
    EXPORT_FORMATS,
    SCOPE_ALL,
    SCOPE_RESULT,
    ExportDialog,
    file_filter,
    format_label,
    proposed_name,
    with_extension,
)
from centres_app.ui.import_preview_dialog import ImportPreviewDialog, changed_labels
from centres_app.ui.personal_data_dialog import PersonalDataDialog

if TYPE_CHECKING:
    from centres_app.services import StoreServices as Store

T = TypeVar("T")

EXPORT_CHUNK = 200  # actions loaded per step: small enough to keep the progress dialog live


class _Done(QObject):
    """Carries the end of a worker thread into the GUI thread (queued signal)."""

    finished = Signal()


def run_in_thread(parent: QWidget, label: str, work: Callable[[], T]) -> T:
    """Runs `work` in a worker thread behind a busy progress dialog; returns or re-raises.

    The dialog has no « Annuler »: what runs here cannot be stopped halfway (a file being
    written atomically, one import transaction), and it is the last step of its command.
    """
    progress = QProgressDialog(label, "", 0, 0, parent)
    progress.setObjectName("busyProgress")
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)
    progress.setValue(0)
    done = _Done()
    loop = QEventLoop()
    done.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the GUI thread below
            outcome["error"] = exc
        finally:
            done.finished.emit()

    worker = threading.Thread(target=run, name="centres-app-exchange", daemon=True)
    worker.start()
    # The queued signal cannot be delivered before exec(): no end is missed.
    loop.exec()
    worker.join()
    progress.reset()
    progress.deleteLater()
    done.deleteLater()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


class ExchangeMixin:
    """Export and import for MainWindow (which provides the attributes below)."""

    # Provided by MainWindow.
    _store: Store
    _settings: QSettings
    _shown: ActionDetail | None
    _total: int
    model: ActionListModel

    def _window(self) -> QWidget:
        return self  # type: ignore[return-value]

    def _tr(self, text: str) -> str:
        return self._window().tr(text)

    # --- export ---------------------------------------------------------------------------------

    def _on_export_triggered(self) -> None:
        window = self._window()
        selection = self.selected_ids()  # type: ignore[attr-defined]  # PrintingMixin
        fmt = str(self._settings.value("export/format", "json") or "json")
        if fmt not in EXPORT_FORMATS:
            fmt = "json"
        dialog = ExportDialog(self._total, len(self.model.ids), len(selection), fmt, window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        scope, fmt = dialog.scope(), dialog.format()
        self._settings.setValue("export/format", fmt)
        folder = str(self._settings.value("export/folder", "") or "")
        path, _ = QFileDialog.getSaveFileName(
            window,
            self._tr("Exporter des actions"),
            str(Path(folder) / proposed_name(fmt, scope)) if folder else proposed_name(fmt, scope),
            file_filter(fmt),
        )
        if not path:
            return
        path = with_extension(path, fmt)
        self._settings.setValue("export/folder", str(Path(path).parent))
        try:
            if scope == SCOPE_ALL:
                ids = self._store.search_ids(SearchRequest(sort="title"))
            elif scope == SCOPE_RESULT:
                ids = list(self.model.ids)
            else:
                ids = selection
            loaded = self._load_for_export(ids)
        except AppError as exc:
            dialogs.show_error(window, self._tr("Export impossible"), str(exc))
            return
        if loaded is None:
            window.statusBar().showMessage(  # type: ignore[attr-defined]
                self._tr("Export annulé : aucun fichier écrit."), 8000
            )
            return
        actions, hits = loaded
        if hits and PersonalDataDialog(hits, window).exec() != QDialog.DialogCode.Accepted:
            window.statusBar().showMessage(  # type: ignore[attr-defined]
                self._tr("Export annulé : aucun fichier écrit."), 8000
            )
            return
        from centres_app.exchange.export import export_actions

        name = Path(path).name
        try:
            warnings = run_in_thread(
                window,
                self._tr("Écriture de {name}…").format(name=name),
                lambda: export_actions(actions, path, fmt),
            )
        except AppError as exc:
            dialogs.show_error(window, self._tr("Export impossible"), str(exc))
            return
        message = self._tr("{n} action(s) exportée(s) dans {name} ({format}).").format(
            n=len(actions), name=name, format=format_label(fmt)
        )
        if hits:
            message += "\n" + self._tr(
                "{n} donnée(s) personnelle(s) possible(s) exportée(s) en connaissance de cause."
            ).format(n=len(hits))
        if warnings:
            message += "\n\n" + "\n".join(warnings)
        dialogs.show_info(window, self._tr("Export terminé"), message)

    def _load_for_export(
        self, ids: list[int]
    ) -> tuple[list[ActionData], list[PersonalDataHit]] | None:
        """The actions of `ids` and the personal-data hits, chunk by chunk; None if cancelled."""
        window = self._window()
        progress = QProgressDialog(
            self._tr("Préparation de l'export…"), self._tr("Annuler"), 0, len(ids), window
        )
        progress.setObjectName("exportProgress")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        actions: list[ActionData] = []
        hits: list[PersonalDataHit] = []
        try:
            for start in range(0, len(ids), EXPORT_CHUNK):
                progress.setValue(start)
                QApplication.processEvents()
                if progress.wasCanceled():
                    return None
                details = self._store.details(ids[start : start + EXPORT_CHUNK])
                actions.extend(d.data for d in details)
                hits.extend(scan((d.id, d.data) for d in details))
            progress.setValue(len(ids))
            if progress.wasCanceled():
                return None
        finally:
            progress.reset()
            progress.deleteLater()
        return actions, hits

    # --- import ---------------------------------------------------------------------------------

    def _on_import_triggered(self) -> None:
        from centres_app.exchange.loader import read_import_file

        window = self._window()
        path, _ = QFileDialog.getOpenFileName(
            window,
            self._tr("Importer des actions"),
            str(self._settings.value("import/folder", "") or ""),
            self._tr(
                "Actions SENACS, JSON ou CSV (*.txt *.json *.csv);;Texte SENACS (*.txt);;"
                "Fichier d'échange JSON (*.json);;Tableau CSV (*.csv);;Tous les fichiers (*)"
            ),
        )
        if not path:
            return
        self._settings.setValue("import/folder", str(Path(path).parent))
        name = Path(path).name
        try:
            file = run_in_thread(
                window,
                self._tr("Lecture de {name}…").format(name=name),
                lambda: read_import_file(path),
            )
        except ParseError as exc:
            dialogs.show_error(window, self._tr("Fichier illisible"), str(exc))
            return
        except AppError as exc:
            dialogs.show_error(window, self._tr("Fichier illisible"), f"{path} : {exc}")
            return
        try:
            # The same checks as the import (an action twice: refused with both lines).
            preview = run_in_thread(
                window,
                self._tr("Comparaison avec la base…"),
                lambda: self._store.preview_file(file),
            )
        except AppError as exc:
            text = str(exc) if path in str(exc) else f"{name} : {exc}"
            dialogs.show_error(window, self._tr("Import impossible"), text)
            return
        if ImportPreviewDialog(name, preview, window).exec() != QDialog.DialogCode.Accepted:
            window.statusBar().showMessage(  # type: ignore[attr-defined]
                self._tr("Import annulé : rien n'a été modifié."), 8000
            )
            return
        count = len(preview.new) + len(preview.updated) + len(preview.unchanged)
        try:
            (report,) = run_in_thread(
                window,
                self._tr("Import de {n} action(s)…").format(n=count),
                lambda: self._store.import_files([file]),
            )
        except AppError as exc:
            dialogs.show_error(window, self._tr("Import impossible"), str(exc))
            return
        self._after_write()  # type: ignore[attr-defined]  # EditingMixin
        message = self._tr(
            "{name} : {created} action(s) créée(s), {updated} mise(s) à jour, "
            "{unchanged} inchangée(s)."
        ).format(
            name=name,
            created=report.created,
            updated=report.updated,
            unchanged=report.unchanged,
        )
        if report.shrunk:
            message += "\n\n" + self._tr(
                "Champs vidés ou raccourcis (version précédente gardée dans l'historique) :"
            )
            for shrunk in report.shrunk:
                message += "\n" + self._tr("action n° {id} « {title} » : {fields}").format(
                    id=shrunk.action_id, title=shrunk.title, fields=changed_labels(shrunk.fields)
                )
        dialogs.show_info(window, self._tr("Import terminé"), message)
