"""The list of actions: a table over ActionListModel, sized for titles, sortable by header."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSignalBlocker, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from centres_app.ui.models.action_list_model import COLUMNS, ActionListModel
from centres_app.ui.widgets.list_cells import CellDelegate

COLUMN_WIDTHS = {
    "title": 300,
    "structure": 150,
    "department": 80,
    "year": 48,
    "status": 72,
    "dimension": 110,
}


class ActionTable(QTableView):
    """objectName actionList (design §5). Several rows (Ctrl/Maj + clic) print as one dossier;
    the current row is shown."""

    def __init__(self, model: ActionListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actionList")
        self.setAccessibleName(self.tr("Liste des actions"))
        self.setModel(model)
        self._model = model
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setTabKeyNavigation(False)
        # Each cell's text laid out once, not at every repaint (issue 17); the title and
        # completeness columns get delegates of their own (HighlightDelegate, CompletenessDelegate).
        self.setItemDelegate(CellDelegate(self, model))
        self.verticalHeader().hide()
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setHighlightSections(False)
        # The title gets the room: the other columns shrink to what they need, and the
        # last one takes what is left (a horizontal scroll bar when the pane is narrow).
        header.setStretchLastSection(True)
        for column, key in enumerate(COLUMNS):
            if key in COLUMN_WIDTHS:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                self.setColumnWidth(column, COLUMN_WIDTHS[key])
        self.setSortingEnabled(True)

    def show_sort(self, sort: str, descending: bool) -> None:
        """Shows an order in the header without asking the model to sort (a column key, or
        anything else for the relevance order: no indicator)."""
        header = self.horizontalHeader()
        with QSignalBlocker(self._model):
            if sort in COLUMNS:
                order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
                header.setSortIndicator(COLUMNS.index(sort), order)
            else:
                header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)

    def selected_ids(self) -> list[int]:
        """The ids of the selected rows, in list order."""
        rows = sorted(i.row() for i in self.selectionModel().selectedRows())
        return [i for i in (self._model.id_at(r) for r in rows) if i is not None]

    def enter(self) -> None:
        """The focus comes to the list (from the search box): on the first row if none."""
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.currentIndex().isValid() and self._model.rowCount():
            self.setCurrentIndex(self._model.index(0, 0))

    def select_id(self, action_id: int | None) -> None:
        """Selects and shows the row of an action (none: clears the selection)."""
        row = self._model.row_of(action_id)
        if row is None:
            self.selectionModel().clear()
            return
        index = self._model.index(row, 0)
        flags = QItemSelectionModel.SelectionFlag
        self.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
        self.scrollTo(index)
