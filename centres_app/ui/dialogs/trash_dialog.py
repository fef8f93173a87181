"""« Corbeille » : deleted actions, restored or deleted for good only on request."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from centres_app.errors import AppError
from centres_app.ui import messages
from centres_app.ui.dates import local_text

if TYPE_CHECKING:
    from centres_app.domain import TrashEntry
    from centres_app.services import ActionService

_ENTRY = Qt.ItemDataRole.UserRole
# Confirmations list the titles; beyond this many, « et N autres ».
_NAMED = 10


class TrashDialog(QDialog):
    """The trash of the store, newest deletion first, with restore / delete for good / empty.

    Works on the injected store directly; the window refreshes when `restored` or `purged`.

    Signals:
        restored(list): ids of the actions put back, in the order they were restored.
        purged(int): how many trash entries were deleted for good.
    """

    restored = Signal(list)
    purged = Signal(int)

    def __init__(self, store: ActionService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._entries: list[TrashEntry] = []
        self.setObjectName("trashDialog")
        self.setWindowTitle(self.tr("Corbeille"))
        self.resize(760, 440)

        intro = QLabel(
            self.tr(
                "Les actions supprimées restent ici jusqu'à ce que vous vidiez la corbeille. "
                "Une action restaurée retrouve son numéro (s'il est libre) et son historique."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.list = QTreeWidget(self)
        self.list.setObjectName("trashList")
        self.list.setAccessibleName(self.tr("Actions supprimées"))
        self.list.setColumnCount(4)
        self.list.setHeaderLabels(
            [self.tr("Titre"), self.tr("Structure"), self.tr("Année"), self.tr("Supprimée le")]
        )
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.list.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.empty_label = QLabel(self.tr("La corbeille est vide."), self)
        self.empty_label.setObjectName("trashEmptyLabel")

        self.restore_button = QPushButton(self.tr("Restaurer"), self)
        self.restore_button.setObjectName("trashRestore")
        self.purge_button = QPushButton(self.tr("Supprimer définitivement"), self)
        self.purge_button.setObjectName("trashPurge")
        self.empty_button = QPushButton(self.tr("Vider la corbeille"), self)
        self.empty_button.setObjectName("trashEmpty")
        close = QPushButton(self.tr("Fermer"), self)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.purge_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.empty_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(buttons)

        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.restore_button.clicked.connect(self._on_restore_clicked)
        self.purge_button.clicked.connect(self._on_purge_clicked)
        self.empty_button.clicked.connect(self._on_empty_clicked)
        buttons.rejected.connect(self.reject)
        self.reload()

    # --- public API ---------------------------------------------------------------------------

    def reload(self) -> None:
        try:
            self._entries = self._store.trash()
        except AppError as exc:
            self._entries = []
            messages.show_error(self, self.tr("Corbeille illisible"), str(exc))
        self.list.clear()
        for entry in self._entries:
            item = QTreeWidgetItem(
                [
                    entry.title,
                    entry.structure,
                    "" if entry.year is None else str(entry.year),
                    local_text(entry.deleted_at, utc=True),
                ]
            )
            item.setToolTip(0, entry.title)
            item.setData(0, _ENTRY, entry.id)
            self.list.addTopLevelItem(item)
        self.empty_label.setVisible(not self._entries)
        self._update_buttons()

    def titles(self) -> list[str]:
        return [e.title for e in self._entries]

    def select_titles(self, *titles: str) -> None:
        for index, entry in enumerate(self._entries):
            item = self.list.topLevelItem(index)
            assert item is not None  # one item per entry
            item.setSelected(entry.title in titles)

    def selected_entries(self) -> list[TrashEntry]:
        rows = sorted(self.list.indexOfTopLevelItem(i) for i in self.list.selectedItems())
        return [self._entries[row] for row in rows]

    # --- slots --------------------------------------------------------------------------------

    def _on_restore_clicked(self) -> None:
        entries = self.selected_entries()
        # Oldest deletion first: if one action was deleted twice, the latest content wins.
        restored: list[int] = []
        for entry in reversed(entries):
            try:
                restored.append(self._store.restore_trash_entry(entry.id).id)
            except AppError as exc:
                messages.show_error(
                    self,
                    self.tr("Restauration impossible"),
                    self.tr("« {title} » : {reason}").format(title=entry.title, reason=str(exc)),
                )
        self.reload()
        if restored:
            self.restored.emit(restored)

    def _on_purge_clicked(self) -> None:
        entries = self.selected_entries()
        if not entries:
            return
        if len(entries) == 1:
            text = self.tr("Supprimer définitivement « {title} » ?").format(title=entries[0].title)
        else:
            text = self.tr("Supprimer définitivement ces {n} actions ?").format(n=len(entries))
        if not messages.confirm(
            self,
            self.tr("Supprimer définitivement"),
            text,
            self.tr("Supprimer définitivement"),
            informative=_listing(entries) + self.tr("Cette opération ne peut pas être annulée."),
        ):
            return
        self._purge([e.id for e in entries])

    def _on_empty_clicked(self) -> None:
        if not self._entries:
            return
        n = len(self._entries)
        text = (
            self.tr(
                "Vider la corbeille : l'action « {title} » sera supprimée définitivement."
            ).format(title=self._entries[0].title)
            if n == 1
            else self.tr(
                "Vider la corbeille : les {n} actions qu'elle contient seront supprimées "
                "définitivement."
            ).format(n=n)
        )
        if not messages.confirm(
            self,
            self.tr("Vider la corbeille"),
            text,
            self.tr("Vider la corbeille"),
            informative=_listing(self._entries)
            + self.tr("Cette opération ne peut pas être annulée."),
        ):
            return
        self._purge(None)

    def _purge(self, entry_ids: list[int] | None) -> None:
        try:
            count = self._store.empty_trash(entry_ids)
        except AppError as exc:
            messages.show_error(self, self.tr("Suppression impossible"), str(exc))
            return
        finally:
            self.reload()
        self.purged.emit(count)

    def _update_buttons(self) -> None:
        selected = bool(self.list.selectedItems())
        self.restore_button.setEnabled(selected)
        self.purge_button.setEnabled(selected)
        self.empty_button.setEnabled(bool(self._entries))


def _listing(entries: list[TrashEntry]) -> str:
    lines = [f"• {e.title}" + (f" ({e.structure})" if e.structure else "") for e in entries]
    if len(lines) > _NAMED:
        more = len(lines) - _NAMED
        lines = [
            *lines[:_NAMED],
            QCoreApplication.translate("TrashDialog", "… et {n} autre(s)").format(n=more),
        ]
    return "\n".join(lines) + "\n\n"
