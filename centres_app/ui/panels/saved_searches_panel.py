"""Saved searches on the left of the window: save the current search, apply, rename, delete."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from centres_app import sheet
from centres_app.domain import SavedSearch, SearchRequest, fold
from centres_app.errors import AppError
from centres_app.ui import messages
from centres_app.ui.messages import confirm
from centres_app.ui.panels.filter_panel import plain_tooltip

if TYPE_CHECKING:
    from centres_app.services import InsightService

SEARCH_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class SavedSearchesPanel(QWidget):
    """The named searches of the store (objectName savedSearches).

    A click applies a search (text, filters and order: the window does it). « Enregistrer la
    recherche… » asks a name for `current_request()`; an existing name is replaced only after a
    question. F2 or the context menu renames; Suppr or the context menu deletes, after a
    question. The store keeps them (they survive a restart and travel with the database).

    Signals:
        apply_requested(object): the SearchRequest of the search the user clicked.
        searches_changed(): the list was saved, renamed or deleted (re-read from the store).
    """

    apply_requested = Signal(object)
    searches_changed = Signal()

    def __init__(
        self,
        store: InsightService,
        current_request: Callable[[], SearchRequest],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("savedSearches")
        self._store = store
        self._current_request = current_request
        self._searches: dict[int, SavedSearch] = {}

        title = QLabel(self.tr("Recherches enregistrées"), self)
        title.setStyleSheet("font-weight: bold;")
        self.save_button = QToolButton(self)
        self.save_button.setObjectName("saveSearchButton")
        self.save_button.setText(self.tr("Enregistrer la recherche…"))
        self.save_button.setToolTip(
            self.tr("Donner un nom à la recherche et aux filtres actuels pour les retrouver")
        )
        self.list = QListWidget(self)
        self.list.setObjectName("savedSearchList")
        self.list.setAccessibleName(self.tr("Recherches enregistrées"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.setMinimumHeight(60)
        self.empty = QLabel(self.tr("Aucune : « Enregistrer la recherche… » en ajoute une."), self)
        self.empty.setObjectName("savedSearchesEmpty")
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: gray; font-style: italic;")

        self.rename_action = QAction(self.tr("Renommer…"), self)
        self.rename_action.setShortcut(QKeySequence(Qt.Key.Key_F2))
        self.rename_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action = QAction(self.tr("Supprimer…"), self)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        # Widget shortcuts: F2 and Suppr act on the list only, not on the action list's Delete.
        self.list.addAction(self.rename_action)
        self.list.addAction(self.delete_action)
        # The window's « Supprimer » has Suppr too: two shortcuts for one key are ambiguous
        # and Qt runs neither. The list claims its keys first (ShortcutOverride).
        self.list.installEventFilter(self)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(title, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(3)
        layout.addLayout(top)
        layout.addWidget(self.save_button)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)

        self._connect_signals()
        self.reload()

    def _connect_signals(self) -> None:
        self.save_button.clicked.connect(self.ask_save)
        self.list.itemClicked.connect(self._on_list_item_activated)
        self.list.itemActivated.connect(self._on_list_item_activated)
        self.list.customContextMenuRequested.connect(self._on_list_context_menu)
        self.rename_action.triggered.connect(self._on_rename_triggered)
        self.delete_action.triggered.connect(self._on_delete_triggered)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.list and isinstance(event, QKeyEvent):
            action = {
                Qt.Key.Key_Delete: self.delete_action,
                Qt.Key.Key_F2: self.rename_action,
            }.get(Qt.Key(event.key()))
            if action is not None and event.modifiers() == Qt.KeyboardModifier.NoModifier:
                if event.type() == QEvent.Type.ShortcutOverride:
                    event.accept()
                    return True
                if event.type() == QEvent.Type.KeyPress:
                    action.trigger()
                    return True
        return super().eventFilter(watched, event)

    # --- public API ---------------------------------------------------------------------------

    def reload(self) -> None:
        """Reads the saved searches from the store again."""
        try:
            searches = self._store.saved_searches()
        except AppError as exc:
            self.empty.setText(str(exc))
            self.empty.show()
            return
        self._searches = {s.id: s for s in searches}
        self.list.clear()
        for saved in searches:
            item = QListWidgetItem(saved.name)
            item.setData(SEARCH_ID_ROLE, saved.id)
            item.setToolTip(plain_tooltip("\n".join(sheet.describe_request(saved.request))))
            self.list.addItem(item)
        self.empty.setVisible(not searches)
        self.list.setVisible(bool(searches))

    def names(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def item_named(self, name: str) -> QListWidgetItem | None:
        for i in range(self.list.count()):
            if self.list.item(i).text() == name:
                return self.list.item(i)
        return None

    def ask_save(self) -> SavedSearch | None:
        """Asks a name and saves the current search under it (asking before replacing)."""
        name, ok = QInputDialog.getText(
            self,
            self.tr("Enregistrer la recherche"),
            self.tr("Nom de la recherche :"),
            QLineEdit.EchoMode.Normal,
            _proposed_name(self._current_request()),
        )
        name = " ".join(name.split())
        if not ok or not name:
            return None
        existing = next((s for s in self._searches.values() if fold(s.name) == fold(name)), None)
        if existing is not None:
            if not confirm(
                self,
                self.tr("Remplacer la recherche"),
                self.tr("Une recherche s'appelle déjà « {name} ». La remplacer ?").format(
                    name=existing.name
                ),
                self.tr("Remplacer"),
            ):
                return None
            name = existing.name
        try:
            saved = self._store.save_search(name, self._current_request())
        except AppError as exc:
            messages.show_error(self, self.tr("Recherche non enregistrée"), str(exc))
            return None
        self._changed(saved.id)
        return saved

    # --- internals ----------------------------------------------------------------------------

    def _changed(self, selected_id: int | None = None) -> None:
        self.reload()
        if selected_id is not None:
            for i in range(self.list.count()):
                if self.list.item(i).data(SEARCH_ID_ROLE) == selected_id:
                    self.list.setCurrentRow(i)
        self.searches_changed.emit()

    def _current_saved(self) -> SavedSearch | None:
        item = self.list.currentItem()
        if item is None:
            return None
        return self._searches.get(item.data(SEARCH_ID_ROLE))

    def _on_list_item_activated(self, item: QListWidgetItem) -> None:
        saved = self._searches.get(item.data(SEARCH_ID_ROLE))
        if saved is not None:
            self.apply_requested.emit(saved.request)

    def _on_list_context_menu(self, pos: QPoint) -> None:
        item = self.list.itemAt(pos)
        if item is None:
            return
        self.list.setCurrentItem(item)
        menu = QMenu(self)
        menu.addAction(self.rename_action)
        menu.addAction(self.delete_action)
        menu.exec(self.list.viewport().mapToGlobal(pos))

    def _on_rename_triggered(self) -> None:
        saved = self._current_saved()
        if saved is None:
            return
        name, ok = QInputDialog.getText(
            self,
            self.tr("Renommer la recherche"),
            self.tr("Nouveau nom :"),
            QLineEdit.EchoMode.Normal,
            saved.name,
        )
        if not ok or not name.strip() or name.strip() == saved.name:
            return
        try:
            renamed = self._store.rename_search(saved.id, name)
        except AppError as exc:
            messages.show_error(self, self.tr("Renommage impossible"), str(exc))
            return
        self._changed(renamed.id)

    def _on_delete_triggered(self) -> None:
        saved = self._current_saved()
        if saved is None:
            return
        if not confirm(
            self,
            self.tr("Supprimer la recherche"),
            self.tr("Supprimer la recherche enregistrée « {name} » ?").format(name=saved.name),
            self.tr("Supprimer"),
            informative=self.tr("Les actions ne sont pas touchées."),
            icon=QMessageBox.Icon.Question,
        ):
            return
        try:
            self._store.delete_search(saved.id)
        except AppError as exc:
            messages.show_error(self, self.tr("Suppression impossible"), str(exc))
            return
        self._changed()


def _proposed_name(request: SearchRequest) -> str:
    """A first name for the dialog: the search text, else the first filter in words."""
    if request.text.strip():
        return request.text.strip()
    lines = sheet.describe_request(request)
    return lines[0] if lines and not request.filters.is_empty else ""
