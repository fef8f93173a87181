"""The printing commands: the selected actions, or the whole current result."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QWidget

from centres_app.domain import ActionDetail, SearchRequest
from centres_app.errors import AppError
from centres_app.ui import folders, messages, tasks
from centres_app.ui.commands.base import Commands
from centres_app.ui.tasks import Cancelled

if TYPE_CHECKING:
    from centres_app.exchange.personal_data import PersonalDataHit
    from centres_app.services import StoreServices


def scan_hits(details: list[ActionDetail]) -> list[PersonalDataHit]:
    """The personal-data hits of loaded details (run in the loading job)."""
    from centres_app.exchange.personal_data import scan  # imported when first used

    return scan((d.id, d.data) for d in details)


# A print_dialogs command: preview, print dialog or PDF export of loaded details.
PrintCommand = Callable[..., object]


class PrintCommands(Commands):
    """Print, preview and PDF: one sheet, or a dossier of several."""

    def _print(
        self,
        command: PrintCommand,
        ids: list[int],
        request: SearchRequest | None = None,
        printing: bool = True,
    ) -> None:
        window, store = self.context.window, self.context.store
        if not ids:
            messages.show_info(
                window,
                self.tr("Rien à imprimer"),
                self.tr("Sélectionnez au moins une action dans la liste."),
            )
            return
        # Loaded once, off the GUI thread, and scanned there: the personal-data check and the
        # sheets share the details.
        try:
            self._import_dialogs()
            details, hits = _dialogs().load_with_progress(window, store, ids, scan_hits)
        except Cancelled:
            return
        except AppError as exc:
            messages.show_error(window, self.tr("Impression impossible"), str(exc))
            return
        # A PDF file is an export; a printer or a preview prints.
        if not self._personal_data_cleared(hits, printing):
            return
        try:
            command(window, store, ids, request, details)
        except AppError as exc:
            messages.show_error(window, self.tr("Impression impossible"), str(exc))

    def _import_dialogs(self) -> None:
        """At the first print, the printing modules are imported in a worker thread: setting
        up their Qt types and enums took ~80 ms of the GUI thread (issue 17)."""
        if _DIALOGS not in sys.modules:
            tasks.runner().run_modal(
                self.context.window,
                self.tr("Préparation de l'impression…"),
                lambda _progress: importlib.import_module(_DIALOGS),
                name="print-import",
            )

    def _personal_data_cleared(self, hits: list[PersonalDataHit], printing: bool) -> bool:
        """Before sheets leave the app: warns about what looks like inhabitants' personal data."""
        if not hits:
            return True
        from centres_app.ui.dialogs.personal_data_dialog import PersonalDataDialog

        dialog = PersonalDataDialog(hits, self.context.window, printing=printing)
        return dialog.exec() == QDialog.DialogCode.Accepted

    def _selected_ids(self) -> list[int]:
        return self.context.port.selected_ids()

    def _result_ids(self) -> list[int]:
        return list(self.context.model.ids)

    def on_print_preview_triggered(self) -> None:
        self._print(_late("preview"), self._selected_ids())

    def on_print_triggered(self) -> None:
        self._print(_late("print_dialog"), self._selected_ids())

    def _export_pdf(
        self,
        parent: QWidget,
        store: StoreServices,
        ids: Sequence[int],
        request: SearchRequest | None = None,
        details: Sequence[ActionDetail] | None = None,
    ) -> Path | None:
        """print_dialogs.export_pdf, starting in Documents or the last folder used."""
        settings = self.context.settings
        path = _dialogs().export_pdf(
            parent, store, ids, request, details, directory=folders.start_folder(settings)
        )
        if path is not None:
            folders.remember_folder(settings, path)
        return path

    def on_export_pdf_triggered(self) -> None:
        self._print(self._export_pdf, self._selected_ids(), printing=False)

    def on_preview_result_triggered(self) -> None:
        self._print(_late("preview"), self._result_ids(), self.context.port.request)

    def on_export_result_pdf_triggered(self) -> None:
        request = self.context.port.request
        self._print(self._export_pdf, self._result_ids(), request, printing=False)


_DIALOGS = "centres_app.ui.printing.dialogs"


def _dialogs() -> ModuleType:
    """ui/printing/dialogs.py, imported at the first print (not on the start-up path)."""
    from centres_app.ui.printing import dialogs

    return dialogs


def _late(name: str) -> PrintCommand:
    """The print_dialogs command `name`, looked up when called: after `_print` has imported
    the module off the GUI thread."""

    def command(*args: object) -> object:
        return getattr(_dialogs(), name)(*args)

    return command
