"""The list's desktop conventions: a context menu on its rows (Ouvrir, Modifier, Dupliquer,
Imprimer, Exporter la sélection, Supprimer) and a column chooser on its header (show, hide,
reorder by dragging or in « Choisir les colonnes… »), remembered in the user's settings."""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QObject, QPoint, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from centres_app.ui.models.action_list_model import COLUMNS

if TYPE_CHECKING:
    from centres_app.ui.window.main_window import MainWindow

HEADER_KEY = "list/header"
KEY_ROLE = Qt.ItemDataRole.UserRole + 1


class ColumnChooser(QDialog):
    """Check the columns to show, move them up and down (objectName columnChooser). The title
    column always stays."""

    def __init__(self, header: QHeaderView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("columnChooser")
        self.setWindowTitle(self.tr("Colonnes de la liste"))
        model = header.model()
        self.columns = QListWidget(self)
        self.columns.setObjectName("columnList")
        self.columns.setAccessibleName(self.tr("Colonnes affichées, dans l'ordre"))
        for visual in range(header.count()):
            logical = header.logicalIndex(visual)
            text = str(model.headerData(logical, Qt.Orientation.Horizontal) or COLUMNS[logical])
            item = QListWidgetItem(text)
            item.setData(KEY_ROLE, logical)
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if COLUMNS[logical] != "title":
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            item.setFlags(flags)
            hidden = header.isSectionHidden(logical)
            item.setCheckState(Qt.CheckState.Unchecked if hidden else Qt.CheckState.Checked)
            self.columns.addItem(item)
        self.columns.setCurrentRow(0)
        self.up = QPushButton(self.tr("Monter"), self)
        self.up.setObjectName("columnUp")
        self.down = QPushButton(self.tr("Descendre"), self)
        self.down.setObjectName("columnDown")
        self.up.clicked.connect(lambda: self.move_current(-1))
        self.down.clicked.connect(lambda: self.move_current(1))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        side = QVBoxLayout()
        side.addWidget(self.up)
        side.addWidget(self.down)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.columns, 1)
        row.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(buttons)

    def move_current(self, step: int) -> None:
        row = self.columns.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.columns.count():
            return
        item = self.columns.takeItem(row)
        self.columns.insertItem(target, item)
        self.columns.setCurrentRow(target)

    def choice(self) -> list[tuple[int, bool]]:
        """(logical column, shown) in the chosen order."""
        out = []
        for row in range(self.columns.count()):
            item = self.columns.item(row)
            shown = item.checkState() == Qt.CheckState.Checked or not (
                item.flags() & Qt.ItemFlag.ItemIsUserCheckable
            )
            out.append((int(item.data(KEY_ROLE)), shown))
        return out


def apply_columns(header: QHeaderView, choice: list[tuple[int, bool]]) -> None:
    """Shows, hides and orders the header's columns as chosen."""
    for visual, (logical, shown) in enumerate(choice):
        header.moveSection(header.visualIndex(logical), visual)
        header.setSectionHidden(logical, not shown)


class ListMenus(QObject):
    """Installed by the main window on its list (held weakly: no cycle keeps a closed window)."""

    def __init__(self, window: MainWindow, settings: QSettings) -> None:
        super().__init__(window)
        self._window_ref = weakref.ref(window)
        self._settings = settings
        table = window.action_list
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._on_table_context_menu_requested)
        header = table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setFirstSectionMovable(False)  # the title stays first
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._on_header_context_menu_requested)
        self.restore()
        header.sectionMoved.connect(self.save)

    @property
    def _window(self) -> MainWindow:
        window = self._window_ref()
        assert window is not None, "ListMenus outlived its window"
        return window

    # --- rows -----------------------------------------------------------------------------

    def row_menu(self) -> QMenu:
        """The menu of the selected rows (built each time: its actions follow the window's)."""
        w = self._window
        a = w.qactions
        menu = QMenu(w.action_list)
        menu.setObjectName("listRowMenu")
        entries = (
            (self.tr("Ouvrir"), self._open, w.shown_id is not None or bool(w.selected_ids())),
            (self.tr("Modifier"), a.edit.trigger, a.edit.isEnabled()),
            (self.tr("Dupliquer"), a.duplicate.trigger, a.duplicate.isEnabled()),
            (self.tr("Imprimer…"), a.print.trigger, a.print.isEnabled()),
            (
                self.tr("Exporter la sélection…"),
                w.exchange.export_selection,
                a.export.isEnabled() and bool(w.action_list.selected_ids()),
            ),
            (self.tr("Supprimer"), a.delete.trigger, a.delete.isEnabled()),
        )
        for index, (text, slot, enabled) in enumerate(entries):
            if index == 5:
                menu.addSeparator()
            action = QAction(text, menu)
            action.setEnabled(enabled)
            action.triggered.connect(slot)
            menu.addAction(action)
        return menu

    def _open(self) -> None:
        """Shows the row's action in the detail pane and puts the focus there."""
        w = self._window
        ids = w.action_list.selected_ids()
        if ids and ids[0] != w.shown_id and w.confirm_leave_edit():
            w.show_action(ids[0])
        w.detail_pane.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_table_context_menu_requested(self, pos: QPoint) -> None:
        table = self._window.action_list
        if not table.indexAt(pos).isValid():
            return
        self.row_menu().exec(table.viewport().mapToGlobal(pos))

    # --- columns --------------------------------------------------------------------------

    def header_menu(self) -> QMenu:
        header = self._window.action_list.horizontalHeader()
        model = header.model()
        menu = QMenu(header)
        menu.setObjectName("listHeaderMenu")
        for visual in range(header.count()):
            logical = header.logicalIndex(visual)
            text = str(model.headerData(logical, Qt.Orientation.Horizontal) or "")
            action = QAction(text, menu)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(logical))
            action.setEnabled(COLUMNS[logical] != "title")
            action.toggled.connect(lambda on, c=logical: self.set_shown(c, on))
            menu.addAction(action)
        menu.addSeparator()
        choose = QAction(self.tr("Choisir les colonnes…"), menu)
        choose.triggered.connect(self.choose_columns)
        menu.addAction(choose)
        reset = QAction(self.tr("Colonnes par défaut"), menu)
        reset.triggered.connect(self.reset_columns)
        menu.addAction(reset)
        return menu

    def _on_header_context_menu_requested(self, pos: QPoint) -> None:
        header = self._window.action_list.horizontalHeader()
        self.header_menu().exec(header.mapToGlobal(pos))

    def set_shown(self, logical: int, shown: bool) -> None:
        if COLUMNS[logical] == "title":
            return
        self._window.action_list.horizontalHeader().setSectionHidden(logical, not shown)
        self.save()

    def choose_columns(self) -> bool:
        header = self._window.action_list.horizontalHeader()
        dialog = ColumnChooser(header, self._window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        apply_columns(header, dialog.choice())
        self.save()
        return True

    def reset_columns(self) -> None:
        header = self._window.action_list.horizontalHeader()
        apply_columns(header, [(logical, True) for logical in range(len(COLUMNS))])
        self.save()

    def save(self) -> None:
        header = self._window.action_list.horizontalHeader()
        self._settings.setValue(HEADER_KEY, header.saveState())

    def restore(self) -> None:
        state = self._settings.value(HEADER_KEY)
        if isinstance(state, QByteArray | bytes) and state:
            header = self._window.action_list.horizontalHeader()
            header.restoreState(QByteArray(state))
            header.setSectionHidden(COLUMNS.index("title"), False)
