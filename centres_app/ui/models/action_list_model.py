"""The action list as a Qt table model: the ids of a search result, rows fetched lazily in pages."""

from __future__ import annotations

import sys
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from typing import cast

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from centres_app.completeness import Completeness
from centres_app.domain import ActionRow
from centres_app.errors import AppError
from centres_app.ui import tasks

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

# data() and flags() are called thousands of times a paint, from C++: their answers and the
# roles they answer are computed once here (building a Qt flag with `|` runs Python's enum
# machinery at each call; issue 17).
_DISPLAY = Qt.ItemDataRole.DisplayRole
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
_TEXT_ROLES = frozenset({int(_DISPLAY), int(_ACCESSIBLE)})
_SCORE_ROLES = frozenset({int(SCORE_ROLE), int(_DISPLAY), int(_ACCESSIBLE), int(_TOOLTIP)})
# Every other role is answered None.
_ANSWERED = frozenset({int(ID_ROLE), int(_ALIGNMENT)}) | _SCORE_ROLES
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_RIGHT_ALIGNED = frozenset({"year", "completeness"})
_RIGHT_COLUMNS = frozenset(i for i, key in enumerate(COLUMNS) if key in _RIGHT_ALIGNED)
_ROW_COLUMNS = COLUMNS[: COLUMNS.index("completeness")]  # ActionRow's, in the list's order
_ALIGNMENT_ROLE = int(_ALIGNMENT)
_ID_ROLE = int(ID_ROLE)
_READABLE_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)
_UNREADABLE_FLAGS = Qt.ItemFlag.ItemNeverHasChildren
_NO_FLAGS = Qt.ItemFlag.NoItemFlags


class ActionListModel(QAbstractTableModel):
    """Rows of the current result, loaded page by page on demand (Anki's browser table).

    Only the ids of the whole result live in memory; the visible pages of `ActionRow`s are kept
    in a small LRU cache, so a result of 100,000 actions costs a list of ints, not 100,000 rows.
    A page's completeness scores are read off the GUI thread (they read the texts: ~0.1-0.2 s
    for a page at 100,000 actions); the column fills in when they come.
    Sorting is not done here: `sort()` asks the window to search again in the requested order.

    A Qt model never raises out of `data()`: the view asks while painting, and an exception
    there comes back at every paint. A page that cannot be read (a damaged store) shows disabled
    « Ligne illisible » rows and is not read again until the next `set_ids`/`refresh_rows`; the
    failure is reported once per result, not once per paint.

    Signals:
        sort_requested(str, bool): a header was clicked; the sort key and whether descending.
        load_failed(str): rows could not be read; the French message for the user (once per
            result shown).
    """

    sort_requested = Signal(str, bool)
    load_failed = Signal(str)

    PAGE_SIZE = 200
    MAX_PAGES = 64

    def __init__(
        self, fetch_rows: Callable[[Sequence[int]], list[ActionRow]], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._fetch_rows = fetch_rows
        self._ids: Sequence[int] = []
        self._given: Sequence[int] | None = None  # the object set_ids was given last
        self._pages: OrderedDict[int, list[ActionRow | None]] = OrderedDict()
        # Pages whose rows could not be read, with the reason (shown as the rows' tooltip).
        self._unreadable: dict[int, str] = {}
        self._failure_reported = False
        self._fetch_completeness: FetchCompleteness | None = None
        self._completeness: dict[int, Completeness] = {}
        self._texts: dict[int, tuple[str, ...]] = {}  # a row's texts, as multiData shows them
        # Bumped when the pages are forgotten: scores read for older pages are dropped.
        self._generation = 0
        # The rows of the first page of a result, read with it off the GUI thread (prime()).
        self._primed: tuple[Sequence[int], list[ActionRow]] | None = None
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

    def prime(self, ids: Sequence[int], rows: list[ActionRow]) -> None:
        """The rows of the first page of `ids`, read off the GUI thread: the `set_ids(ids)`
        that follows shows them without reading them (the same `ids` object)."""
        self._primed = (ids, rows)

    def show_result(self, ids: Sequence[int]) -> None:
        """Shows the searcher's answer: a new result (set_ids), or the result shown found
        again as it was (the same object: the search after a save), whose rows stay (the
        saved one read again by refresh_action): no reset, no repaint of the whole list and
        the selection left alone (issue 17)."""
        if ids is self._given:
            self._primed = None
            return
        self.set_ids(ids)

    def set_ids(self, ids: Sequence[int]) -> None:
        """Shows a new result (already in the wanted order)."""
        primed, self._primed = self._primed, None
        self._given = ids
        self.beginResetModel()
        # A store's result is read as the rows are shown (columns.OrderedIds): not copied.
        self._ids = list(ids) if isinstance(ids, list) else ids
        self._forget_pages()
        if primed is not None and primed[0] is ids and self._ids:
            self._fill_page(0, list(self._ids[: self.PAGE_SIZE]), primed[1])
        self.endResetModel()

    def refresh_rows(self, only: int | None = None) -> None:
        """Forgets the cached rows (after an edit) and repaints, keeping the same ids; `only`:
        the one action written (refresh_action)."""
        if only is not None:
            self.refresh_action(only)
            return
        self._forget_pages()
        if self._ids:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._ids) - 1, len(COLUMNS) - 1)
            )

    def refresh_action(self, action_id: int) -> None:
        """Reads one action's row again (after its save) and repaints that row only; the
        other rows stay as read (refresh_rows forgot every page: the list read its page again
        on the GUI thread and repainted itself whole, ~20-30 ms at each save, issue 17)."""
        row = self.row_of(action_id)
        if row is None:
            return  # not in the result shown (a new action: the search that follows adds it)
        page_number, offset = divmod(row, self.PAGE_SIZE)
        page = self._pages.get(page_number)
        if page is None or page_number in self._unreadable:
            return  # read again when shown
        try:
            rows = self._fetch_rows([action_id])
        except Exception:  # noqa: BLE001 - as any page read: the whole list is read again
            self.refresh_rows()
            return
        page[offset] = rows[0] if rows else None
        self._texts.pop(row, None)
        self._completeness.pop(action_id, None)
        if self._fetch_completeness is not None:
            self._read_completeness(page_number, [action_id], self._fetch_completeness)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def _forget_pages(self) -> None:
        # Unreadable pages are tried again, and a new failure is reported again.
        self._generation += 1
        self._pages.clear()
        self._texts.clear()
        self._completeness.clear()
        self._unreadable.clear()
        self._failure_reported = False

    @property
    def ids(self) -> Sequence[int]:
        return self._ids

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, action_id: int | None) -> int | None:
        """The row of an action in the current result, or None."""
        if action_id is None:
            return None
        # A scan in C (~0.3 ms at 100,000), not a dict of every row built in Python (~10 ms of
        # the GUI thread at each result, for the one or two lookups a result asks; issue 17).
        # A store's result says at once whether it holds the action (its masks); the search
        # worker has computed its order up to the action shown (SearchRunner).
        if action_id not in self._ids:
            return None
        try:
            return self._ids.index(action_id)
        except ValueError:
            return None

    def unreadable_reason(self, row: int) -> str | None:
        """Why a row could not be read (its page failed), or None for a readable row."""
        if not 0 <= row < len(self._ids):
            return None
        page_number = row // self.PAGE_SIZE
        if page_number not in self._pages:
            self._load_page(page_number)
        return self._unreadable.get(page_number)

    def row_data(self, row: int) -> ActionRow | None:
        """The list columns of one row, fetching its page when it is not cached.

        None for a row deleted since the search, or on a page that could not be read.
        """
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
        ids = list(self._ids[start : start + self.PAGE_SIZE])
        try:
            rows = self._fetch_rows(ids)
        except Exception as exc:  # never out of data(): see the class docstring
            # Cached as empty so that the next paint does not read the damaged page again.
            page: list[ActionRow | None] = [None] * len(ids)
            self._unreadable[page_number] = self._failed(exc)
            self._pages[page_number] = page
            return self._keep_pages(page)
        return self._fill_page(page_number, ids, rows)

    def _fill_page(
        self, page_number: int, ids: list[int], rows: list[ActionRow]
    ) -> list[ActionRow | None]:
        """Caches a page read (its scores asked for)."""
        found = {row.id: row for row in rows}
        # An action deleted elsewhere since the search leaves an empty line, not a shift.
        page: list[ActionRow | None] = [found.get(action_id) for action_id in ids]
        if self._fetch_completeness is not None:
            self._read_completeness(page_number, ids, self._fetch_completeness)
        self._pages[page_number] = page
        return self._keep_pages(page)

    def _keep_pages(self, page: list[ActionRow | None]) -> list[ActionRow | None]:
        while len(self._pages) > self.MAX_PAGES:
            number, dropped = self._pages.popitem(last=False)
            self._unreadable.pop(number, None)
            for row in dropped:
                if row is not None:
                    self._completeness.pop(row.id, None)
        return page

    def _read_completeness(
        self, page_number: int, ids: list[int], fetch: FetchCompleteness
    ) -> None:
        """Reads the scores of a page off the GUI thread; the column is repainted with them."""
        generation = self._generation

        def done(found: dict[int, Completeness]) -> None:
            if not shiboken6.isValid(self) or generation != self._generation:
                return  # the model is gone, or shows another result since
            if page_number not in self._pages:
                return  # the page left the cache meanwhile: read again when shown again
            self._completeness.update(found)
            column = COLUMNS.index("completeness")
            first = page_number * self.PAGE_SIZE
            last = min(first + self.PAGE_SIZE, len(self._ids)) - 1
            self.dataChanged.emit(self.index(first, column), self.index(last, column))

        def failed(exc: BaseException) -> None:
            # The rows show, without their score.
            if shiboken6.isValid(self) and generation == self._generation:
                self._failed(exc if isinstance(exc, Exception) else RuntimeError(str(exc)))

        def start() -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                tasks.runner().start(
                    "completeness", lambda: fetch(ids), done, failed, report_failure=False
                )

        # Asked from data() in the middle of a paint: the job starts once the paint is done
        # (a job running meanwhile makes each of the paint's calls wait for the GIL, issue 17).
        QTimer.singleShot(0, self, start)

    def _failed(self, exc: Exception) -> str:
        """Reports a failed read once per result; returns the message for the rows' tooltip."""
        message = str(exc) if isinstance(exc, AppError) else self.tr("Erreur de lecture")
        if not self._failure_reported:
            self._failure_reported = True
            if not isinstance(exc, AppError):
                # A bug, not a damaged store: to the one error hook (traceback, « Erreur
                # inattendue », and a failed test under pytest-qt), once.
                sys.excepthook(type(exc), exc, exc.__traceback__)
            self.load_failed.emit(message)
        return message

    # --- QAbstractTableModel ----------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(COLUMNS)

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        # Qt's asks rowCount() and columnCount(): two calls into Python for each cell painted.
        if parent.isValid() or not (0 <= row < len(self._ids) and 0 <= column < len(COLUMNS)):
            return QModelIndex()
        return self.createIndex(row, column)

    def multiData(  # noqa: N802 - Qt's name
        self,
        index: _Index,
        roleDataSpan: QModelRoleDataSpan | QModelRoleData,  # noqa: N803 - Qt's name
    ) -> None:
        """Every role a delegate asks of a cell, in one call: a paint of the list calls into
        Python once a cell rather than seven times (issue 17: each call from C++ takes the
        GIL again, and waits for it while a worker thread runs)."""
        items = (
            (roleDataSpan,)
            if isinstance(roleDataSpan, QModelRoleData)
            else cast("Iterable[QModelRoleData]", roleDataSpan)
        )
        row, column = index.row(), index.column()
        texts = self._texts_of(row)
        if texts is None or column >= len(texts):
            # The score column, a row that could not be read: as data() answers.
            data = self.data
            for item in items:
                role = item.role()
                if role in _ANSWERED:
                    item.setData(data(index, role))
                else:
                    item.clearData()
            return
        text = texts[column]
        alignment = _RIGHT if column in _RIGHT_COLUMNS else None
        for item in items:
            role = item.role()
            if role in _TEXT_ROLES:
                item.setData(text)
            elif role == _ALIGNMENT_ROLE and alignment is not None:
                item.setData(alignment)
            elif role == _ID_ROLE:
                item.setData(self._ids[row])
            else:
                item.clearData()

    def _texts_of(self, row: int) -> tuple[str, ...] | None:
        """The texts a row shows in its columns but the score (kept a row at a time), None
        for a row that could not be read or is out of the result."""
        texts = self._texts.get(row)
        return texts if texts is not None else self._row_texts(row)

    def _row_texts(self, row: int) -> tuple[str, ...] | None:
        """The texts a row shows in its columns but the score (remembered until the pages are
        forgotten), None for a row that could not be read or is out of the result."""
        if not 0 <= row < len(self._ids) or self.unreadable_reason(row) is not None:
            return None
        action = self.row_data(row)
        texts = tuple(
            ""
            if action is None or (value := getattr(action, key)) is None
            # Titles keep their line breaks in the store; a table cell shows one line.
            else str(value).replace("\n", " ")
            for key in _ROW_COLUMNS
        )
        if len(self._texts) >= self.PAGE_SIZE * 8:
            self._texts.clear()
        self._texts[row] = texts
        return texts

    def cell_text(self, row: int, column: int) -> str:
        """A cell's text, as data() shows it, for the list's delegates (list_cells.CellSource):
        asked from Python, not through QModelIndex.data (issue 17)."""
        texts = self._texts_of(row)
        if texts is not None and column < len(texts):
            return texts[column]
        value = self.data(self.index(row, column))
        return value if isinstance(value, str) else ""

    def right_aligned(self, column: int) -> bool:
        return column in _RIGHT_COLUMNS

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role not in _ANSWERED:
            return None
        row = index.row()  # -1 for an invalid index
        if not 0 <= row < len(self._ids):
            return None
        if role == ID_ROLE:
            return self._ids[row]
        column = index.column()
        if role in _TEXT_ROLES:
            texts = self._texts_of(row)  # (None for a row that could not be read)
            if texts is not None and column < len(texts):
                return texts[column]
        reason = self.unreadable_reason(row)
        if reason is not None:
            return self._placeholder(column, role, reason)
        key = COLUMNS[column]
        if key == "completeness" and role in _SCORE_ROLES:
            value = self.completeness_at(row)
            if value is None:
                return None if role == SCORE_ROLE else ""
            if role == SCORE_ROLE:
                return value.score
            if role == _TOOLTIP:
                return value.summary()
            return f"{value.score}\u202f%"
        if role == _ALIGNMENT:
            return _RIGHT if key in _RIGHT_ALIGNED else None
        return "" if role in _TEXT_ROLES else None

    def _placeholder(self, column: int, role: int, reason: str) -> object:
        """A row of a page that could not be read: « Ligne illisible », the reason as tooltip."""
        if role == Qt.ItemDataRole.ToolTipRole:
            return reason
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.tr("Ligne illisible") if column == 0 else ""
        return None

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
            return _NO_FLAGS
        # Only the pages already read: flags() of a whole selection must not read every page.
        if self._unreadable and index.row() // self.PAGE_SIZE in self._unreadable:
            # Disabled: nothing to open or select on a row that could not be read.
            return _UNREADABLE_FLAGS
        return _READABLE_FLAGS

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The store sorts (the whole result, not just the loaded pages): ask for a new search."""
        key = COLUMNS[column] if 0 <= column < len(COLUMNS) else "relevance"
        self.sort_requested.emit(key, order == Qt.SortOrder.DescendingOrder)
