"""The window's printing commands: the selected actions, or the whole current result."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QTableView

from centres_app.domain import ActionDetail, SearchRequest
from centres_app.errors import AppError
from centres_app.exchange.personal_data import PersonalDataHit, scan
from centres_app.ui import dialogs, printing
from centres_app.ui.action_list_model import ActionListModel
from centres_app.ui.personal_data_dialog import PersonalDataDialog
from centres_app.ui.tasks import Cancelled

if TYPE_CHECKING:
    from centres_app.services import StoreServices


def scan_hits(details: list[ActionDetail]) -> list[PersonalDataHit]:
    """The personal-data hits of loaded details (run in the loading job)."""
    return scan((d.id, d.data) for d in details)


class PrintingMixin:
    """Print, preview and PDF for MainWindow: one sheet, or a dossier of several."""

    # Provided by MainWindow. Mixin pattern (until issue 15's deliverable 2): each
    # ignore below (attr-defined, arg-type, call-overload) is the window's tr(),
    # statusBar(), self as a dialog's parent, or a method of the window or another mixin.
    _store: StoreServices
    _shown: ActionDetail | None
    model: ActionListModel
    action_list: QTableView
    request: SearchRequest

    def selected_ids(self) -> list[int]:
        """The selected rows in list order; the shown action when nothing is selected."""
        rows = sorted(i.row() for i in self.action_list.selectionModel().selectedRows())
        ids = [i for i in (self.model.id_at(r) for r in rows) if i is not None]
        if not ids and self._shown is not None:
            ids = [self._shown.id]
        return ids

    def _result_ids(self) -> list[int]:
        return list(self.model.ids)

    def _print(self, command, ids: list[int], request: SearchRequest | None = None) -> None:  # noqa: ANN001
        if not ids:
            dialogs.show_info(
                self,  # type: ignore[arg-type]
                self.tr("Rien à imprimer"),  # type: ignore[attr-defined]
                self.tr("Sélectionnez au moins une action dans la liste."),  # type: ignore[attr-defined]
            )
            return
        # Loaded once, off the GUI thread, and scanned there: the personal-data check and the
        # sheets share the details.
        try:
            details, hits = printing.load_with_progress(self, self._store, ids, scan_hits)  # type: ignore[arg-type]
        except Cancelled:
            return
        except AppError as exc:
            dialogs.show_error(self, self.tr("Impression impossible"), str(exc))  # type: ignore[arg-type, attr-defined]
            return
        if not self._personal_data_cleared(hits):
            return
        try:
            command(self, self._store, ids, request, details)
        except AppError as exc:
            dialogs.show_error(self, self.tr("Impression impossible"), str(exc))  # type: ignore[arg-type, attr-defined]

    def _personal_data_cleared(self, hits: list[PersonalDataHit]) -> bool:
        """Before sheets leave the app: warns about what looks like inhabitants' personal data."""
        if not hits:
            return True
        dialog = PersonalDataDialog(hits, self)  # type: ignore[arg-type]
        return dialog.exec() == QDialog.DialogCode.Accepted

    def _on_print_preview_triggered(self) -> None:
        self._print(printing.preview, self.selected_ids())

    def _on_print_triggered(self) -> None:
        self._print(printing.print_dialog, self.selected_ids())

    def _on_export_pdf_triggered(self) -> None:
        self._print(printing.export_pdf, self.selected_ids())

    def _on_preview_result_triggered(self) -> None:
        self._print(printing.preview, self._result_ids(), self.request)

    def _on_export_result_pdf_triggered(self) -> None:
        self._print(printing.export_pdf, self._result_ids(), self.request)
