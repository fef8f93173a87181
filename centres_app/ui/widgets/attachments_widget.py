"""Attached files of an action: list, open, save a copy; add and remove while editing."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from centres_app.attachment_files import MAX_ATTACHMENT_BYTES, guess_mime, safe_file_name
from centres_app.domain import Attachment
from centres_app.errors import describe_os_error
from centres_app.exchange.atomic_files import write_bytes_atomic
from centres_app.sheet import format_size
from centres_app.ui import messages
from centres_app.ui.translation import QT_TRANSLATE_NOOP

from .field_view import EMPTY_STYLE

# Friendlier than a MIME type for the « Type » column; anything else shows its MIME type.
_KINDS = {
    "application/pdf": QT_TRANSLATE_NOOP("AttachmentsWidget", "Document PDF"),
    "application/vnd.oasis.opendocument.text": QT_TRANSLATE_NOOP(
        "AttachmentsWidget", "Texte (ODT)"
    ),
    "application/vnd.oasis.opendocument.spreadsheet": QT_TRANSLATE_NOOP(
        "AttachmentsWidget", "Tableur (ODS)"
    ),
    "application/vnd.oasis.opendocument.presentation": QT_TRANSLATE_NOOP(
        "AttachmentsWidget", "Présentation (ODP)"
    ),
    "application/msword": QT_TRANSLATE_NOOP("AttachmentsWidget", "Texte (Word)"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": QT_TRANSLATE_NOOP(
        "AttachmentsWidget", "Texte (Word)"
    ),
    "application/vnd.ms-excel": QT_TRANSLATE_NOOP("AttachmentsWidget", "Tableur (Excel)"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": QT_TRANSLATE_NOOP(
        "AttachmentsWidget", "Tableur (Excel)"
    ),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": QT_TRANSLATE_NOOP(
        "AttachmentsWidget", "Présentation (PowerPoint)"
    ),
    "application/zip": QT_TRANSLATE_NOOP("AttachmentsWidget", "Archive ZIP"),
    "text/plain": QT_TRANSLATE_NOOP("AttachmentsWidget", "Texte"),
    "text/csv": QT_TRANSLATE_NOOP("AttachmentsWidget", "Tableau CSV"),
}


class AttachmentsWidget(QWidget):
    """A list of attached files with « Ouvrir » and « Enregistrer une copie… »; when `editable`,
    also « Ajouter… », « Retirer » and files dropped on it.

    Files are bytes held in memory (Attachment values); nothing is written to the store here:
    the detail pane reads attachments() when the action is saved.

    Signals: changed() - the user added or removed files
    """

    changed = Signal()

    def __init__(
        self,
        editable: bool,
        settings: QSettings | None = None,
        max_bytes: int = MAX_ATTACHMENT_BYTES,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._editable = editable
        self._settings = settings
        self.max_bytes = max_bytes
        self._items: list[Attachment] = []
        self._temp_root: Path | None = None

        self.empty_label = QLabel(self.tr("Aucun fichier"), self)
        # Named as the header's read-mode values are (view_<field>).
        self.empty_label.setObjectName("view_attachments" if not editable else "attachments_empty")
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_label.setStyleSheet(EMPTY_STYLE)

        self.list = QTreeWidget(self)
        self.list.setObjectName("attachmentList")
        self.list.setAccessibleName(self.tr("Fichiers associés"))
        self.list.setColumnCount(3)
        self.list.setHeaderLabels([self.tr("Nom"), self.tr("Taille"), self.tr("Type")])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.list.setMinimumHeight(90)
        self.list.setMaximumHeight(200)

        self.open_button = QPushButton(self.tr("Ouvrir"), self)
        self.open_button.setObjectName("attachmentOpen")
        self.open_button.setToolTip(self.tr("Ouvrir avec l'application du système"))
        self.save_button = QPushButton(self.tr("Enregistrer une copie…"), self)
        self.save_button.setObjectName("attachmentSaveCopy")
        self.add_button = QPushButton(self.tr("Ajouter…"), self)
        self.add_button.setObjectName("attachmentAdd")
        self.add_button.setToolTip(
            self.tr("Joindre des fichiers (ou déposez-les sur la liste) ; {limit} au plus").format(
                limit=format_size(max_bytes)
            )
        )
        self.remove_button = QPushButton(self.tr("Retirer"), self)
        self.remove_button.setObjectName("attachmentRemove")
        self.add_button.setVisible(editable)
        self.remove_button.setVisible(editable)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.open_button, self.save_button, self.add_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.list)
        layout.addLayout(buttons)

        # Dropped files land on the widget: the list itself takes no drops (no reordering).
        self.setAcceptDrops(editable)

        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.itemDoubleClicked.connect(self._on_list_item_double_clicked)
        self.open_button.clicked.connect(self._on_open_clicked)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self._refresh()

    # --- public API ---------------------------------------------------------------------------

    def set_attachments(self, attachments: Iterable[Attachment]) -> None:
        """Shows these files (does not emit changed)."""
        self._items = list(attachments)
        self._refresh()

    def attachments(self) -> tuple[Attachment, ...]:
        return tuple(self._items)

    def add_files(self, paths: Iterable[str | Path]) -> int:
        """Reads files from disk into the list; refuses (and says why) the too big or unreadable.

        Returns how many were added.
        """
        added = 0
        refused: list[str] = []
        for raw in paths:
            path = Path(raw)
            try:
                size = path.stat().st_size
                if not path.is_file():
                    refused.append(
                        self.tr("« {name} » n'est pas un fichier.").format(name=path.name)
                    )
                    continue
                if size > self.max_bytes:
                    refused.append(
                        self.tr(
                            "« {name} » ({size}) dépasse la taille maximale d'un fichier "
                            "joint ({limit})."
                        ).format(
                            name=path.name,
                            size=format_size(size),
                            limit=format_size(self.max_bytes),
                        )
                    )
                    continue
                # A user-chosen file; the open store's own files are refused before any
                # open() by db/livefiles.py's audit hook (a PermissionError, reported
                # below; tests/ui/window/test_live_store_guard.py).
                data = path.read_bytes()
            except OSError as exc:
                refused.append(
                    self.tr("« {name} » n'a pas pu être lu : {reason}").format(
                        name=path.name, reason=describe_os_error(exc)
                    )
                )
                continue
            if len(data) > self.max_bytes:  # grew between stat() and read
                refused.append(
                    self.tr("« {name} » dépasse la taille maximale ({limit}).").format(
                        name=path.name, limit=format_size(self.max_bytes)
                    )
                )
                continue
            attachment = Attachment(path.name, data, guess_mime(path.name))
            if any(a.name == attachment.name and a.data == data for a in self._items):
                continue  # the same file twice is one file
            self._items.append(attachment)
            added += 1
        if added:
            self._refresh()
            last = self.list.topLevelItem(len(self._items) - 1)
            assert last is not None  # _refresh made one item per attachment
            self.list.setCurrentItem(last)
            self.changed.emit()
        if refused:
            messages.show_error(
                self,
                self.tr("Fichier non ajouté"),
                "\n".join(refused) + "\n\n" + self.tr("Les fichiers refusés n'ont pas été joints."),
            )
        return added

    def selected_rows(self) -> list[int]:
        return sorted(self.list.indexOfTopLevelItem(item) for item in self.list.selectedItems())

    # --- opening and saving copies --------------------------------------------------------------

    def open_attachment(self, row: int) -> Path | None:
        """Writes a read-only temporary copy under a safe name and opens it; returns its path."""
        attachment = self._items[row]
        try:
            if self._temp_root is None or not self._temp_root.is_dir():
                self._temp_root = Path(tempfile.mkdtemp(prefix="centres-app-fichiers-"))
            # One folder per opening: a copy still open in another application is never reused.
            folder = Path(tempfile.mkdtemp(dir=self._temp_root))
            path = folder / safe_file_name(attachment.name)
            path.write_bytes(attachment.data)
            # Read-only: changes made in the other application are not saved in the store.
            path.chmod(stat.S_IREAD)
        except OSError as exc:
            messages.show_error(
                self,
                self.tr("Ouverture impossible"),
                self.tr("Impossible de préparer « {name} » : {reason}").format(
                    name=attachment.name, reason=describe_os_error(exc)
                ),
            )
            return None
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            messages.show_error(
                self,
                self.tr("Ouverture impossible"),
                self.tr(
                    "Aucune application n'a pu ouvrir « {name} ». Enregistrez-en une copie "
                    "pour l'ouvrir vous-même."
                ).format(name=attachment.name),
            )
        return path

    def save_copy(self, row: int) -> Path | None:
        """Asks where to save a copy (safe name proposed); an existing file needs a confirmation."""
        attachment = self._items[row]
        folder = self._last_folder()
        proposed = str(Path(folder) / safe_file_name(attachment.name))
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Enregistrer une copie de « {name} »").format(name=attachment.name),
            proposed,
            self.tr("Tous les fichiers (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if not chosen:
            return None
        target = Path(chosen).parent / safe_file_name(Path(chosen).name)
        replace = target.exists()
        if replace and not messages.confirm(
            self,
            self.tr("Le fichier existe déjà"),
            self.tr("« {name} » existe déjà dans le dossier « {folder} ».").format(
                name=target.name, folder=str(target.parent)
            ),
            self.tr("Remplacer"),
            informative=self.tr("Le remplacer par le fichier joint ? Son contenu sera perdu."),
        ):
            return None
        try:
            if replace:
                write_bytes_atomic(target, attachment.data)
            else:
                _write_new(target, attachment.data)
        except FileExistsError:
            messages.show_error(
                self,
                self.tr("Enregistrement annulé"),
                self.tr(
                    "« {name} » vient d'apparaître dans ce dossier : il n'a pas été remplacé."
                ).format(name=target.name),
            )
            return None
        except OSError as exc:
            messages.show_error(
                self,
                self.tr("Enregistrement impossible"),
                self.tr("« {name} » n'a pas pu être enregistré : {reason}").format(
                    name=target.name, reason=describe_os_error(exc)
                ),
            )
            return None
        if self._settings is not None:
            self._settings.setValue("attachments/folder", str(target.parent))
        return target

    def _last_folder(self) -> str:
        if self._settings is not None:
            folder = str(self._settings.value("attachments/folder", "") or "")
            if folder and os.path.isdir(folder):
                return folder
        return str(Path.home())

    # --- events -----------------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._editable and _local_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._editable and _local_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = _local_files(event)
        if not self._editable or not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.add_files(paths)

    def _on_list_item_double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        self.open_attachment(self.list.indexOfTopLevelItem(item))

    def _on_open_clicked(self) -> None:
        for row in self.selected_rows():
            self.open_attachment(row)

    def _on_save_clicked(self) -> None:
        rows = self.selected_rows()
        if len(rows) == 1:
            self.save_copy(rows[0])

    def _on_add_clicked(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Joindre des fichiers"),
            self._last_folder(),
            self.tr("Tous les fichiers (*)"),
        )
        if paths:
            if self._settings is not None:
                self._settings.setValue("attachments/folder", str(Path(paths[0]).parent))
            self.add_files(paths)

    def _on_remove_clicked(self) -> None:
        rows = set(self.selected_rows())
        if not rows:
            return
        self._items = [a for i, a in enumerate(self._items) if i not in rows]
        self._refresh()
        self.changed.emit()

    # --- display ------------------------------------------------------------------------------

    def _refresh(self) -> None:
        self.list.clear()
        for attachment in self._items:
            item = QTreeWidgetItem(
                [attachment.name, format_size(attachment.size), self._kind(attachment.mime)]
            )
            item.setToolTip(0, attachment.name)
            item.setToolTip(2, attachment.mime)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.list.addTopLevelItem(item)
        empty = not self._items
        self.empty_label.setVisible(empty)
        # The read page shows just « Aucun fichier »; the edit page keeps the list as a drop zone.
        self.list.setVisible(self._editable or not empty)
        self.open_button.setVisible(not empty)
        self.save_button.setVisible(not empty)
        self._update_buttons()

    def _kind(self, mime: str) -> str:
        kind = _KINDS.get(mime)
        if kind is not None:
            return self.tr(kind)
        if mime.startswith("image/"):
            return self.tr("Image")
        if mime.startswith("audio/"):
            return self.tr("Son")
        if mime.startswith("video/"):
            return self.tr("Vidéo")
        return mime

    def _update_buttons(self) -> None:
        rows = self.selected_rows()
        self.open_button.setEnabled(bool(rows))
        self.save_button.setEnabled(len(rows) == 1)
        self.remove_button.setEnabled(bool(rows))


def _write_new(target: Path, data: bytes) -> None:
    """Creates `target` (never replacing a file that appeared meanwhile: mode "x")."""
    with target.open("xb") as handle:
        try:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        except BaseException:
            # Our own half-written file, not someone else's: remove it.
            handle.close()
            with contextlib.suppress(OSError):
                target.unlink()
            raise


def _local_files(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[str]:
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
