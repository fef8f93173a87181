"""The window's print dialogs over the engine: print preview, the system print dialog and PDF
export (actionPrintPreview, actionPrint, actionExportPdf), with their progress dialogs."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QPagedPaintDevice, QPdfWriter

from centres_app.domain import ActionDetail, SearchRequest
from centres_app.errors import AppError, describe_os_error
from centres_app.exchange.atomic_files import check_output_target, finish_temp, temp_path_for
from centres_app.ui.printing.engine import (
    SheetJob,
    job_of,
    load_details,
    print_document,
    set_a4,
)
from centres_app.ui.tasks import Cancelled, Progress, runner

T = TypeVar("T")

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QWidget

    from centres_app.services import StoreServices as Store


def _tr(text: str) -> str:
    return QCoreApplication.translate("printing", text)


def load_with_progress(
    parent: QWidget,
    store: Store,
    ids: Sequence[int],
    then: Callable[[list[ActionDetail]], T] | None = None,
) -> Any:
    """The details of `ids`, loaded off the GUI thread under a cancellable progress dialog;
    with `then`, `(details, then(details))`, `then` run in the same job.

    Raises Cancelled, NotFound or AppError.
    """

    def load(progress: Progress) -> Any:
        details = load_details(store, ids, progress if len(ids) > 1 else None)
        return details if then is None else (details, then(details))

    return runner().run_modal(
        parent,
        _tr("Préparation du dossier…"),
        load,
        name="print-load",
        cancellable=len(ids) > 1,
        object_name="printLoadProgress",
    )


def _ask_job(
    parent: QWidget,
    store: Store,
    ids: Sequence[int],
    request: SearchRequest | None,
    details: Sequence[ActionDetail] | None = None,
) -> SheetJob | None:
    """The job, asking a dossier's title; `details` already loaded, or loaded here (progress)."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

    title = ""
    if len(ids) > 1:
        title, ok = QInputDialog.getText(
            parent,
            _tr("Dossier de fiches actions"),
            _tr("Titre du dossier ({count} actions) :").format(count=len(ids)),
            QLineEdit.EchoMode.Normal,
            _tr("Dossier de fiches actions"),
        )
        if not ok:
            return None
    try:
        if details is None:
            if not ids:
                raise AppError(_tr("Aucune action à imprimer."))
            details = load_with_progress(parent, store, ids)
        return job_of(details, title, request)
    except Cancelled:
        return None
    except AppError as exc:
        QMessageBox.warning(parent, _tr("Fiches actions"), str(exc))
        return None


def _paint_with_progress(
    parent: QWidget, device: QPagedPaintDevice, job: SheetJob, label: str | None = None
) -> bool:
    """Lays `job` out and paints it on `device` off the GUI thread (QPainter may paint on a
    printer, a PDF writer or a print preview's pages in another thread) under a cancellable
    progress dialog; False when cancelled or failed (the failure shown)."""
    from PySide6.QtWidgets import QMessageBox

    try:
        runner().run_modal(
            parent,
            label or _tr("Impression…"),
            lambda progress: print_document(device, job, progress),
            name="print-paint",
            cancellable=True,
            object_name="printProgress",
            minimum_duration=500,
        )
        return True
    except Cancelled:
        return False
    except AppError as exc:
        QMessageBox.warning(parent, _tr("Fiches actions"), str(exc))
        return False


def _a4_printer(job: SheetJob) -> QPrinter:
    """A high-resolution A4 printer named after the job."""
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    set_a4(printer)
    printer.setDocName(job.document_title)
    return printer


def preview(
    parent: QWidget,
    store: Store,
    ids: Sequence[int],
    request: SearchRequest | None = None,
    details: Sequence[ActionDetail] | None = None,
) -> bool:
    """Print preview (QPrintPreviewDialog) of one sheet, or of a dossier for several ids."""

    job = _ask_job(parent, store, ids, request, details)
    if job is None:
        return False
    return preview_job(
        parent, job, _tr("Aperçu avant impression — {title}").format(title=job.document_title)
    )


def preview_job(parent: QWidget, job: SheetJob, window_title: str) -> bool:
    """The one print preview (QPrintPreviewDialog on an A4 printer) of a job already built.

    The preview asks for its pages (paintRequested) when it opens and after a change of page
    setup: they are laid out and painted off the GUI thread under a cancellable progress
    dialog (issue 17: a dossier of 50 sheets blocked the window for seconds). Cancelled or
    failed, the preview closes.
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    printer = _a4_printer(job)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(window_title)

    def paint(device: QPagedPaintDevice) -> None:
        owner = dialog if dialog.isVisible() else parent  # above the preview once it shows
        if not _paint_with_progress(owner, device, job, _tr("Mise en page de l'aperçu…")):
            QTimer.singleShot(0, dialog, dialog.reject)

    dialog.paintRequested.connect(paint)
    try:
        return bool(dialog.exec())
    finally:
        # Deleted now, while its printer lives (the preview keeps pointers to the printer and
        # its pages): left to the window, it outlived both and crashed the process at exit.
        shiboken6.delete(dialog)


def print_dialog(
    parent: QWidget,
    store: Store,
    ids: Sequence[int],
    request: SearchRequest | None = None,
    details: Sequence[ActionDetail] | None = None,
) -> bool:
    """The system print dialog (QPrintDialog), then prints; True when something was printed."""
    from PySide6.QtPrintSupport import QPrintDialog

    job = _ask_job(parent, store, ids, request, details)
    if job is None:
        return False
    printer = _a4_printer(job)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_tr("Imprimer — {title}").format(title=job.document_title))
    if not dialog.exec():
        return False
    return _paint_with_progress(parent, printer, job)


def export_pdf(
    parent: QWidget,
    store: Store,
    ids: Sequence[int],
    request: SearchRequest | None = None,
    details: Sequence[ActionDetail] | None = None,
    directory: str | Path | None = None,
) -> Path | None:
    """Asks a file name (proposed from the title) and writes the PDF; returns its path."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    job = _ask_job(parent, store, ids, request, details)
    if job is None:
        return None
    proposed = Path(directory or Path.home()) / job.suggested_filename
    path, _filter = QFileDialog.getSaveFileName(
        parent, _tr("Enregistrer en PDF"), str(proposed), _tr("Documents PDF (*.pdf)")
    )
    if not path:
        return None
    target = Path(path)
    if target.suffix.lower() != ".pdf":
        target = target.with_name(target.name + ".pdf")
    # As render_pdf: target checked, a temporary file beside it, checked, then renamed.
    temp: Path | None = None
    try:
        target = check_output_target(target)
        temp = temp_path_for(target)
        os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        writer = QPdfWriter(str(temp))
        set_a4(writer)
        writer.setTitle(job.document_title)
        writer.setCreator("centres_app")
        done = _paint_with_progress(parent, writer, job)
        del writer
        if not done:
            temp.unlink(missing_ok=True)
            return None
        finish_temp(temp, target, pdf=True)
    except OSError as exc:
        if temp is not None:
            temp.unlink(missing_ok=True)
        QMessageBox.warning(
            parent,
            _tr("Fiches actions"),
            _tr("Le PDF n'a pas pu être écrit : {path} ({reason}).").format(
                path=target, reason=describe_os_error(exc)
            ),
        )
        return None
    return target
