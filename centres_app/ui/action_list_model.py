"""The action list as a Qt table model: the ids of a search result, rows fetched lazily in pages."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from centres_app.completeness import Completeness
from centres_app.domain import ActionRow

FetchCompleteness = Callable[[Sequence[int]], dict[int, Completeness]]

# (sort key of SearchRequest, ActionRow attribute); the headers are translated in headerData.
COLUMNS: tuple[str, ...] = (
    "title",
    "structure",
    "department",
    "year",
    "status",
    "dimension",
    "completeness",  # not an ActionRow attribute: Store.completeness of the loaded pages
)

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SCORE_ROLE = Qt.ItemDataRole.UserRole + 2  # the completeness score (int 0-100)

_Index = QModelIndex | QPersistentModelIndex


class ActionListModel(QAbstractTableModel):
    """Rows of the current result, loaded page by page on demand (Anki's browser table).

    Only the ids of the whole result live in memory; the visible pages of `ActionRow`s are kept
    in a small LRU cache, so a result of 100,000 actions costs a list of ints, not 100,000 rows.
    Sorting is not done here: `sort()` asks the window to search again in the requested order.

    Signals:
        sort_requested(str, bool): a header was clicked; the sort key and whether descending.
    """

    sort_requested = Signal(str, bool)

    PAGE_SIZE = 200
    MAX_PAGES = 64

    def __init__(
        self, fetch_rows: Callable[[Sequence[int]], list[ActionRow]], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._fetch_rows = fetch_rows
        self._ids: list[int] = []
        self._rows_by_id: dict[int, int] | None = None
        self._pages: OrderedDict[int, list[ActionRow | None]] = OrderedDict()
        self._fetch_completeness: FetchCompleteness | None = None
        self._completeness: dict[int, Completeness] = {}
        self._locale = QLocale(QLocale.Language.French, QLocale.Country.France)

    # --- content --------------------------------------------------------------------------------

    def set_completeness_source(self, fetch: FetchCompleteness) -> None:
        """Store.completeness: asked for the ids of each page when the page is loaded."""
        self._fetch_completeness = fetch
        self.refresh_rows()

    def completeness_at(self, row: int) -> Completeness | None:
        action_id = self.id_at(row)
        if action_id is None or self.row_data(row) is None:
            return None
        return self._completeness.get(action_id)

    def set_ids(self, ids: Sequence[int]) -> None:
        """Shows a new result (already in the wanted order)."""
        self.beginResetModel()
        self._ids = list(ids)
        self._rows_by_id = None
        self._pages.clear()
        self._completeness.clear()
        self.endResetModel()

    def refresh_rows(self) -> None:
        """Forgets the cached rows (after an edit) and repaints, keeping the same ids."""
        self._pages.clear()
        self._completeness.clear()
        if self._ids:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._ids) - 1, len(COLUMNS) - 1)
            )

    @property
    def ids(self) -> list[int]:
        return self._ids

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, action_id: int | None) -> int | None:
        """The row of an action in the current result, or None."""
        if action_id is None:
            return None
        if self._rows_by_id is None:
            self._rows_by_id = {action_id: row for row, action_id in enumerate(self._ids)}
        return self._rows_by_id.get(action_id)

    def row_data(self, row: int) -> ActionRow | None:
        """The list columns of one row, fetching its page when it is not cached."""
        if not 0 <= row < len(self._ids):
            return None
        page_number, offset = divmod(row, self.PAGE_SIZE)
        page = self._pages.get(page_number)
        if page is None:
            page = self._load_page(page_number)
        else:
            self._pages.move_to_end(page_number)
        return page[offset]

    def _load_page(self, page_number: int) -> list[ActionRow | None]:
        start = page_number * self.PAGE_SIZE
        ids = self._ids[start : start + self.PAGE_SIZE]
        found = {row.id: row for row in self._fetch_rows(ids)}
        # An action deleted elsewhere since the search leaves an empty line, not a shift.
        page = [found.get(action_id) for action_id in ids]
        if self._fetch_completeness is not None:
            self._completeness.update(self._fetch_completeness(ids))
        self._pages[page_number] = page
        while len(self._pages) > self.MAX_PAGES:
            _number, dropped = self._pages.popitem(last=False)
            for row in dropped:
                if row is not None:
                    self._completeness.pop(row.id, None)
        return page

    # --- QAbstractTableModel ----------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        if role == ID_ROLE:
            return self._ids[index.row()]
        key = COLUMNS[index.column()]
        if key == "completeness" and role in (
            SCORE_ROLE,
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            value = self.completeness_at(index.row())
            if value is None:
                return None if role == SCORE_ROLE else ""
            if role == SCORE_ROLE:
                return value.score
            if role == Qt.ItemDataRole.ToolTipRole:
                return value.summary()
            return f"{value.score}\u202f%"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if key in ("year", "completeness"):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        row = self.row_data(index.row())
        if row is None:
            return ""
        value = getattr(row, COLUMNS[index.column()])
        if value is None:
            return ""
        # Titles keep their line breaks in the store; a table cell shows one line.
        return str(value).replace("\n", " ")

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            headers = self._headers()
            return headers[section] if 0 <= section < len(headers) else None
        return self._locale.toString(section + 1) if 0 <= section < len(self._ids) else None

    def _headers(self) -> tuple[str, ...]:
        return (
            self.tr("Titre"),
            self.tr("Structure"),
            self.tr("Département"),
            self.tr("Année"),
            self.tr("Statut"),
            self.tr("Dimension"),
            self.tr("Complétude"),
        )

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The store sorts (the whole result, not just the loaded pages): ask for a new search."""
        key = COLUMNS[column] if 0 <= column < len(COLUMNS) else "relevance"
        self.sort_requested.emit(key, order == Qt.SortOrder.DescendingOrder)
