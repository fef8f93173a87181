"""The main window: search, filter panel, action list and detail pane, and the editing workflow."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QLocale,
    QObject,
    QSettings,
    QSignalBlocker,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from centres_app.domain import (
    ActionDetail,
    Filters,
    SearchRequest,
    filters_from_json,
    filters_to_json,
)
from centres_app.errors import AppError, NotFound
from centres_app.ui import dialogs, tasks
from centres_app.ui.action_list_model import COLUMNS, ActionListModel
from centres_app.ui.editing import UNDO_VISIBLE_MS, EditingMixin
from centres_app.ui.exchange_commands import ExchangeMixin
from centres_app.ui.filter_panel import FilterPanel
from centres_app.ui.insight_commands import InsightMixin
from centres_app.ui.print_commands import PrintingMixin
from centres_app.ui.safety_commands import SafetyMixin
from centres_app.ui.window_actions import app_icon, build_menus, build_toolbar, create_actions

if TYPE_CHECKING:
    from centres_app.services import StoreServices
    from centres_app.ui.detail_pane import DetailPane

SEARCH_DELAY_MS = 150
# How often the window looks whether another process committed (PRAGMA data_version).
CHANGE_POLL_MS = 2000


# Mixin pattern (until issue 15's deliverable 2 composes the commands): the window's `actions`
# (WindowActions, set in EditingMixin) hides QWidget.actions().
class MainWindow(  # type: ignore[misc]
    EditingMixin, PrintingMixin, ExchangeMixin, SafetyMixin, InsightMixin, QMainWindow
):
    """List + detail window over an injected Store (design §5).

    The action shown in the detail pane (`shown_id`) is independent of the list's selection:
    searching while editing never drops the edit, and leaving an edited action asks first.

    Signals:
        results_changed(int): the list shows a new result of that many actions.
        action_saved(int): an action was created or updated (its id).
    """

    results_changed = Signal(int)
    action_saved = Signal(int)

    def __init__(
        self,
        store: StoreServices,
        settings: QSettings,
        detail_pane: DetailPane | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._settings = settings
        self._request = SearchRequest()
        self._shown: ActionDetail | None = None
        # What the pane showed before a new action was started (shown again on cancel).
        self._previous: ActionDetail | None = None
        self._selection_guard = False
        self._deleted: int | None = None  # id of the action the undo would bring back
        self._locale = QLocale(QLocale.Language.French, QLocale.Country.France)
        self._total = 0  # actions in the store, read again after each write
        # Opens a candidate store and reports (ok, message); given by the start-up session.
        self.store_probe: Callable[[str], tuple[bool, str]] | None = None

        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Actions des centres sociaux"))
        self.setWindowIcon(app_icon(self))
        self._build_ui(detail_pane)
        self.actions = create_actions(self)
        build_menus(self, self.actions)
        self.toolbar = build_toolbar(self, self.actions)
        self._build_status_bar()
        self._build_insight()

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.setInterval(UNDO_VISIBLE_MS)
        # Facet counts off the GUI thread, newest request wins, so typing is never blocked.
        self.facet_counter = tasks.runner().latest("facet-counts", store.facets, self)
        # Commits of other processes (the command line, another program) show by themselves.
        self._change_timer = QTimer(self)
        self._change_timer.setInterval(CHANGE_POLL_MS)
        self._seen_change = self._change_token()

        self._connect_signals()
        self._restore_settings()
        self._refresh_total()
        self._run_search()
        self._update_actions()
        self._change_timer.start()

    # --- construction -------------------------------------------------------------------------

    def _build_ui(self, detail_pane: DetailPane | None) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)

        top = QHBoxLayout()
        self.search_edit = QLineEdit(central)
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setPlaceholderText(
            self.tr("Rechercher : titre, structure, mots clés, texte… (sans accents ok)")
        )
        self.search_edit.setAccessibleName(self.tr("Recherche"))
        self.search_edit.setToolTip(
            self.tr(
                "Tous les mots doivent figurer ; accents et majuscules sont ignorés.\n"
                "Le dernier mot est complété pendant la frappe, à partir de deux lettres.\n"
                '"une expression" entre guillemets, -mot pour exclure.\n'
                "annee:2019..2022, dep:Drôme, mot:…, public:… pour filtrer."
            )
        )
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.installEventFilter(self)
        self.result_count = QLabel(central)
        self.result_count.setObjectName("resultCount")
        self.result_count.setTextFormat(Qt.TextFormat.PlainText)
        self.result_count.setMinimumWidth(180)
        self.result_count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.result_count)
        layout.addLayout(top)

        self.filter_panel = FilterPanel(central)
        self.filter_panel.setMinimumWidth(180)

        self.model = ActionListModel(self._store.rows, self)
        self.action_list = QTableView(central)
        self.action_list.setObjectName("actionList")
        self.action_list.setAccessibleName(self.tr("Liste des actions"))
        self.action_list.setModel(self.model)
        self.action_list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several rows (Ctrl/Maj + clic) print as one dossier; the current row is shown.
        self.action_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.action_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.action_list.setAlternatingRowColors(True)
        self.action_list.setWordWrap(False)
        self.action_list.setShowGrid(False)
        self.action_list.setTabKeyNavigation(False)
        self.action_list.verticalHeader().hide()
        rows = self.action_list.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.action_list.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setHighlightSections(False)
        # The title gets the room: the other columns shrink to what they need, and the
        # last one takes what is left (a horizontal scroll bar when the pane is narrow).
        header.setStretchLastSection(True)
        widths = {
            "title": 300,
            "structure": 150,
            "department": 80,
            "year": 48,
            "status": 72,
            "dimension": 110,
        }
        for column, key in enumerate(COLUMNS):
            if key in widths:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                self.action_list.setColumnWidth(column, widths[key])
        self.action_list.setSortingEnabled(True)

        if detail_pane is None:
            from centres_app.ui.detail_pane import DetailPane

            detail_pane = DetailPane(self._store.vocabulary, central)
        self.detail_pane = detail_pane

        self.splitter = QSplitter(Qt.Orientation.Horizontal, central)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.filter_panel)
        self.splitter.addWidget(self.action_list)
        self.splitter.addWidget(self.detail_pane)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([220, 760, 420])
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        # A comfortable first size that still fits a small office screen (1366 x 768).
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 1400, 860
        if screen is not None:
            width = min(width, int(screen.width() * 0.95))
            height = min(height, int(screen.height() * 0.9))
        self.resize(width, height)
        self.setTabOrder(self.search_edit, self.filter_panel)
        self.setTabOrder(self.filter_panel, self.action_list)
        self.setTabOrder(self.action_list, self.detail_pane)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.undo_button = QToolButton(bar)
        self.undo_button.setObjectName("undoDeleteButton")
        self.undo_button.setDefaultAction(self.actions.undo_delete)
        self.undo_button.setText(self.tr("Annuler"))
        self.undo_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.undo_button.hide()
        self.status_count = QLabel(bar)
        self.status_count.setObjectName("statusCount")
        bar.addPermanentWidget(self.undo_button)
        bar.addPermanentWidget(self.status_count)

    def _connect_signals(self) -> None:
        a = self.actions
        # Search and filters
        self.search_edit.textChanged.connect(self._on_search_edit_text_changed)
        self._search_timer.timeout.connect(self._run_search)
        self._change_timer.timeout.connect(self._on_change_timer_timeout)
        self.filter_panel.filters_changed.connect(self._on_filter_panel_filters_changed)
        self.facet_counter.finished.connect(self.filter_panel.set_facets)
        self.facet_counter.failed.connect(self._on_facet_counter_failed)
        self.model.sort_requested.connect(self._on_model_sort_requested)
        self.model.load_failed.connect(self._on_model_load_failed)
        a.find.triggered.connect(self._on_find_triggered)
        a.reset_filters.triggered.connect(self.filter_panel.reset)
        a.sort_relevance.triggered.connect(self._on_sort_relevance_triggered)
        a.show_filters.toggled.connect(self.filter_panel.setVisible)
        # List and detail
        self.action_list.selectionModel().currentRowChanged.connect(
            self._on_list_current_row_changed
        )
        self.action_list.doubleClicked.connect(self._on_edit_triggered)
        self.detail_pane.dirty_changed.connect(self._on_pane_dirty_changed)
        self.detail_pane.edit_requested.connect(self._on_edit_triggered)
        # Editing
        a.new.triggered.connect(self._on_new_triggered)
        a.edit.triggered.connect(self._on_edit_triggered)
        a.save.triggered.connect(self._on_save_triggered)
        a.cancel.triggered.connect(self._on_cancel_triggered)
        a.delete.triggered.connect(self._on_delete_triggered)
        a.undo_delete.triggered.connect(self._on_undo_delete_triggered)
        a.duplicate.triggered.connect(self._on_duplicate_triggered)
        self._undo_timer.timeout.connect(self.undo_button.hide)
        # Files and application
        a.import_.triggered.connect(self._on_import_triggered)
        a.store_settings.triggered.connect(self._on_store_settings_triggered)
        a.export.triggered.connect(self._on_export_triggered)
        # Printing
        a.print_preview.triggered.connect(self._on_print_preview_triggered)
        a.print.triggered.connect(self._on_print_triggered)
        a.export_pdf.triggered.connect(self._on_export_pdf_triggered)
        a.preview_result.triggered.connect(self._on_preview_result_triggered)
        a.export_result_pdf.triggered.connect(self._on_export_result_pdf_triggered)
        # Data safety: backups, trash, history
        a.backup_copy.triggered.connect(self._on_backup_copy_triggered)
        a.restore_backup.triggered.connect(self._on_restore_backup_triggered)
        a.trash.triggered.connect(self._on_trash_triggered)
        a.history.triggered.connect(self._on_history_triggered)
        a.quit.triggered.connect(self.close)
        a.search_help.triggered.connect(self._on_search_help_triggered)
        a.about.triggered.connect(self._on_about_triggered)
        # Insight: similar actions, completeness, statistics, saved searches (insight_commands.py)
        self._connect_insight_signals()

    # --- settings -----------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        s = self._settings
        geometry = s.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = s.value("window/state")
        if state is not None:
            self.restoreState(state)
        splitter = s.value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        expanded = s.value("filters/expanded")
        if isinstance(expanded, str) and expanded:
            self.filter_panel.set_expanded_sections(expanded.split(","))
        filters = filters_from_json(str(s.value("search/filters", "") or ""))
        self.filter_panel.set_filters(filters)
        sort = str(s.value("search/sort", "relevance") or "relevance")
        descending = str(s.value("search/descending", "false")).lower() == "true"
        if sort in COLUMNS:
            with QSignalBlocker(self.model):
                self.action_list.horizontalHeader().setSortIndicator(
                    COLUMNS.index(sort),
                    Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder,
                )
        else:
            sort, descending = "relevance", False
        text = str(s.value("search/text", "") or "")
        with QSignalBlocker(self.search_edit):
            self.search_edit.setText(text)
        self._request = SearchRequest(text=text, filters=filters, sort=sort, descending=descending)

    def save_settings(self) -> None:
        s = self._settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("window/splitter", self.splitter.saveState())
        s.setValue("filters/expanded", ",".join(self.filter_panel.expanded_sections()))
        s.setValue("search/text", self.search_edit.text())
        s.setValue("search/filters", filters_to_json(self.filter_panel.filters()))
        s.setValue("search/sort", self._request.sort)
        s.setValue("search/descending", "true" if self._request.descending else "false")
        s.sync()

    # --- search -------------------------------------------------------------------------------

    # The mixins declare `request` as a plain attribute ("Provided by MainWindow").
    @property
    def request(self) -> SearchRequest:  # type: ignore[override]
        return self._request

    @property
    def shown_id(self) -> int | None:
        """The id of the action in the detail pane (None: nothing, or a new action)."""
        return self._shown.id if self._shown is not None else None

    def _on_search_edit_text_changed(self, _text: str) -> None:
        self._search_timer.start()

    def _on_filter_panel_filters_changed(self, _filters: Filters) -> None:
        self._run_search()

    def _on_model_sort_requested(self, key: str, descending: bool) -> None:
        if (key, descending) != (self._request.sort, self._request.descending):
            self._run_search(sort=key, descending=descending)

    def _on_sort_relevance_triggered(self) -> None:
        with QSignalBlocker(self.model):
            self.action_list.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self._run_search(sort="relevance", descending=False)

    def _run_search(self, sort: str | None = None, descending: bool | None = None) -> None:
        """Shows the result of the search text, the filters and the order, now."""
        self._search_timer.stop()
        self._request = SearchRequest(
            text=self.search_edit.text(),
            filters=self.filter_panel.filters(),
            sort=self._request.sort if sort is None else sort,
            descending=self._request.descending if descending is None else descending,
        )
        try:
            ids = self._store.search_ids(self._request)
        except AppError as exc:
            self.statusBar().showMessage(str(exc), 10_000)
            return
        self._selection_guard = True
        try:
            self.model.set_ids(ids)
            self._select_row_of(self.shown_id)
        finally:
            self._selection_guard = False
        self._update_counts()
        self.facet_counter.request(self._request)
        self.results_changed.emit(len(ids))

    def _change_token(self) -> int | None:
        try:
            return self._store.change_token()
        except AppError:
            return None

    def _on_change_timer_timeout(self) -> None:
        """Another process committed: the list, counts and the action shown are read again
        (an action being edited is left alone; its save detects a concurrent change)."""
        if not self.isVisible():
            return
        token = self._change_token()
        if token is None or token == self._seen_change:
            return
        self._seen_change = token
        self.model.refresh_rows()
        self._refresh_total()
        self._run_search()
        if self.detail_pane.mode == "view" and self._shown is not None:
            self.show_action_if_present(self._shown.id)
            self._update_actions()

    def _refresh_total(self) -> None:
        try:
            self._total = self._store.count()
        except AppError as exc:
            self.statusBar().showMessage(str(exc), 10_000)

    def _update_counts(self) -> None:
        shown = len(self.model.ids)
        if shown == 0:
            text = self.tr("Aucune action ne correspond")
        elif shown == 1:
            text = self.tr("1 action")
        else:
            text = self.tr("{n} actions").format(n=self._locale.toString(shown))
        self.result_count.setText(text)
        total = max(self._total, shown)
        shown_text = self._locale.toString(shown)
        total_text = self._locale.toString(total)
        if shown <= 1:
            status = self.tr("{n} action affichée / {m} au total")
        else:
            status = self.tr("{n} actions affichées / {m} au total")
        self.status_count.setText(status.format(n=shown_text, m=total_text))

    def _on_facet_counter_failed(self, message: str) -> None:
        self.statusBar().showMessage(self.tr("Compteurs des filtres indisponibles : ") + message)

    def _on_model_load_failed(self, message: str) -> None:
        # Once per result (the model's promise), never a box per paint; the unreadable rows
        # say « Ligne illisible » with this message as their tooltip.
        self.statusBar().showMessage(self.tr("Lignes illisibles dans la liste : ") + message)

    def _on_find_triggered(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search_edit:
            kind = event.type()
            if kind == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
                # Esc in a non-empty search clears it rather than cancelling an edit.
                if event.key() == Qt.Key.Key_Escape and self.search_edit.text():
                    event.accept()
                    return True
            elif kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
                if event.key() == Qt.Key.Key_Escape and self.search_edit.text():
                    self.search_edit.clear()
                    self._run_search()
                    return True
                if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    if self._search_timer.isActive():
                        self._run_search()
                    self._focus_list()
                    return True
        return super().eventFilter(watched, event)

    def _focus_list(self) -> None:
        self.action_list.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.action_list.currentIndex().isValid() and self.model.rowCount():
            self.action_list.setCurrentIndex(self.model.index(0, 0))

    # --- list selection -> detail ---------------------------------------------------------------

    def _select_row_of(self, action_id: int | None) -> None:
        """Selects the row of an action without asking or reloading (a guarded move)."""
        selection = self.action_list.selectionModel()
        row = self.model.row_of(action_id)
        guard, self._selection_guard = self._selection_guard, True
        try:
            if row is None:
                selection.clear()
            else:
                index = self.model.index(row, 0)
                selection.setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.action_list.scrollTo(index)
        finally:
            self._selection_guard = guard

    def _on_list_current_row_changed(self, current, _previous) -> None:  # noqa: ANN001
        if self._selection_guard or not current.isValid():
            return
        new_id = self.model.id_at(current.row())
        if new_id is None or (new_id == self.shown_id and self.detail_pane.mode == "view"):
            return
        if new_id == self.shown_id:
            return  # back on the action being edited: nothing to leave
        if not self.confirm_leave_edit(refresh_now=False):
            # Put the selection back; again once the mouse press that moved it is handled.
            self._select_row_of(self.shown_id)
            QTimer.singleShot(0, lambda: self._select_row_of(self.shown_id))
            return
        self.show_action(new_id)

    def show_action(self, action_id: int | None) -> None:
        """Reads an action from the store and shows it in the detail pane."""
        detail: ActionDetail | None = None
        if action_id is not None:
            try:
                detail = self._store.get(action_id)
            except NotFound:
                self.statusBar().showMessage(self.tr("Cette action n'existe plus."), 8000)
                QTimer.singleShot(0, self._run_search)
            except AppError as exc:
                dialogs.show_error(self, self.tr("Lecture impossible"), str(exc))
        self._shown = detail
        self.detail_pane.show_detail(detail)
        self._update_actions()

    # --- closing --------------------------------------------------------------------------------

    def _on_store_settings_triggered(self) -> None:
        from centres_app.ui.store_settings_dialog import edit_store_settings

        edit_store_settings(self, self._settings, self._store.url, self.store_probe)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.confirm_leave_edit():
            event.ignore()
            return
        self.save_settings()
        self._change_timer.stop()
        self.facet_counter.shutdown()
        self._shutdown_insight()
        event.accept()
