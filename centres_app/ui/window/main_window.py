"""The main window: search, filter panel, action list and detail pane; it owns the command
groups (commands/), wires their signals and announces to them what changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QSplitter, QVBoxLayout, QWidget

from centres_app.domain import ActionDetail, Filters, SearchRequest
from centres_app.errors import AppError, NotFound
from centres_app.ui import messages, tasks
from centres_app.ui.commands.actions import app_icon, build_menus, build_toolbar, create_actions
from centres_app.ui.commands.base import Change, CommandContext, Commands
from centres_app.ui.commands.editing import EditingCommands
from centres_app.ui.commands.exchange import ExchangeCommands
from centres_app.ui.commands.help import HelpCommands
from centres_app.ui.commands.insight import InsightCommands
from centres_app.ui.commands.paste import PasteCommands
from centres_app.ui.commands.printing import PrintCommands
from centres_app.ui.commands.safety import SafetyCommands
from centres_app.ui.commands.store import StoreCommands, StoreProbe
from centres_app.ui.commands.sync import SyncCommands
from centres_app.ui.commands.vocabulary import VocabularyCommands
from centres_app.ui.models.action_list_model import ActionListModel
from centres_app.ui.panels.filter_panel import FilterPanel
from centres_app.ui.widgets.action_table import ActionTable
from centres_app.ui.widgets.filter_chips import FilterChips
from centres_app.ui.widgets.result_counts import ResultCounts
from centres_app.ui.widgets.search_edit import SearchEdit
from centres_app.ui.window.change_watcher import ChangeWatcher
from centres_app.ui.window.focus_order import order_window
from centres_app.ui.window.list_menus import ListMenus
from centres_app.ui.window.paint_turn import PaintTurn
from centres_app.ui.window.row_opener import RowOpener
from centres_app.ui.window.search_feedback import SearchFeedback, list_with_chips
from centres_app.ui.window.search_runner import SearchRunner
from centres_app.ui.window.settings import WindowSettings, first_size

if TYPE_CHECKING:
    from centres_app.services import StoreServices
    from centres_app.ui.detail.pane import DetailPane


class MainWindow(QMainWindow):
    """List + detail window over injected store services (design §5).

    The action shown in the detail pane (`shown`) is independent of the list's selection:
    searching while editing never drops the edit, and leaving an edited action asks first.
    Implements commands.base.WindowPort, the API its command groups use.

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
        self._request = SearchRequest()
        self._shown: ActionDetail | None = None
        self._selection_guard = False
        self._total = 0  # actions in the store, read again after each write

        self.setObjectName("mainWindow")
        # « [*] »: Qt shows « * » there while the edit has unsaved changes (setWindowModified).
        self.setWindowTitle(self.tr("Actions des centres sociaux") + "[*]")
        self.setWindowIcon(app_icon(self))
        self._build_ui(detail_pane)
        self.qactions = create_actions(self)
        build_menus(self, self.qactions)
        self.toolbar = build_toolbar(self, self.qactions)
        # Facet counts off the GUI thread, newest request wins, so typing is never blocked.
        self.facet_counter = tasks.runner().latest("facet-counts", store.facets, self)
        self.searcher = SearchRunner(store, self.statusBar(), self, self.model)  # and sorts

        context = CommandContext(
            self, store, settings, self.qactions, self.detail_pane, self.model, self.action_list
        )
        self.editing = EditingCommands(context)  # its undo button comes first in the status bar
        self.printing = PrintCommands(context)
        self.exchange = ExchangeCommands(context)
        self.safety = SafetyCommands(context)
        self.insight = InsightCommands(
            context, self.filter_panel, self.search_edit, self.splitter, self.facet_counter
        )
        self.store_commands = StoreCommands(context)
        self.help = HelpCommands(context)
        self.vocabularies = VocabularyCommands(context)
        self.paste = PasteCommands(context, self.exchange)  # also takes what is dropped
        self._commands: list[Commands] = [self.editing, self.printing, self.exchange]
        self._commands += [self.safety, self.insight, self.store_commands, self.help, self.paste]
        self.sync = SyncCommands(context)  # issue 19: Fichier › Synchroniser…, Conflits…
        self._commands += [self.vocabularies, self.sync]
        left = (self.search_edit, self.insight.saved_searches, self.filter_panel, self.chips)
        order_window(*left, self.action_list, self.detail_pane)
        self.statusBar().addPermanentWidget(self.status_count)

        self._changes = ChangeWatcher(store.change_token, self)  # other processes' commits
        self.installEventFilter(PaintTurn(self))  # jobs give way while the window paints
        self.feedback = SearchFeedback(self)
        self.list_menus, self.opener = ListMenus(self, settings), RowOpener(self)
        self._connect_signals()
        self._settings = WindowSettings(settings)
        self._request = self._settings.restore(self)
        self._refresh_total()
        self.run_search()
        self.refresh_actions()
        self._changes.start()

    # --- construction -------------------------------------------------------------------------

    def _build_ui(self, detail_pane: DetailPane | None) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        top = QHBoxLayout()
        self.search_edit = SearchEdit(central)
        self.counts = ResultCounts(central, self.statusBar())
        self.result_count, self.status_count = self.counts.result_count, self.counts.status_count
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.result_count)
        layout.addLayout(top)

        self.filter_panel = FilterPanel(central)
        self.filter_panel.setMinimumWidth(180)
        self.model = ActionListModel(self._store.rows, self)
        self.action_list = ActionTable(self.model, central)
        self.chips = FilterChips(central)
        if detail_pane is None:
            from centres_app.ui.detail.pane import DetailPane

            detail_pane = DetailPane(self._store.vocabulary, central)
        self.detail_pane = detail_pane

        self.splitter = QSplitter(Qt.Orientation.Horizontal, central)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        for index, (widget, stretch) in enumerate(
            (
                (self.filter_panel, 0),
                (list_with_chips(self.chips, self.action_list, central), 3),
                (self.detail_pane, 2),
            )
        ):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(index, stretch)
        self.splitter.setSizes([220, 760, 420])
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.resize(first_size(self))

    def _connect_signals(self) -> None:
        a, editing, printing, safety = self.qactions, self.editing, self.printing, self.safety
        exchange, insight = self.exchange, self.insight
        # Search and filters
        self.search_edit.settled.connect(self.run_search)
        self.searcher.answered.connect(self._show_result)
        self.searcher.defer(self.search_edit.list_requested, self.action_list.enter)
        self._changes.changed.connect(self._on_changes_changed)
        self.filter_panel.filters_changed.connect(self._on_filter_panel_filters_changed)
        self.facet_counter.finished.connect(self.filter_panel.set_facets)
        self.facet_counter.finished.connect(insight.on_facet_counter_facets_for_statistics)
        self.facet_counter.failed.connect(self._on_facet_counter_failed)
        self.model.sort_requested.connect(self._on_model_sort_requested)
        self.model.load_failed.connect(self._on_model_load_failed)
        a.find.triggered.connect(self.search_edit.take_focus)
        a.reset_filters.triggered.connect(self.filter_panel.reset)
        a.sort_relevance.triggered.connect(self._on_sort_relevance_triggered)
        a.show_filters.toggled.connect(self.filter_panel.setVisible)
        insight.saved_searches.apply_requested.connect(insight.on_saved_searches_apply_requested)
        # List and detail
        self.action_list.selectionModel().currentRowChanged.connect(self._on_list_row_changed)
        self.action_list.doubleClicked.connect(editing.on_edit_triggered)
        self.detail_pane.dirty_changed.connect(editing.on_pane_dirty_changed)
        self.detail_pane.dirty_changed.connect(self.setWindowModified)
        self.detail_pane.edit_requested.connect(editing.on_edit_triggered)
        self.detail_pane.form_changed.connect(insight.on_pane_form_changed)
        # Editing
        a.new.triggered.connect(editing.on_new_triggered)
        a.edit.triggered.connect(editing.on_edit_triggered)
        a.save.triggered.connect(editing.on_save_triggered)
        a.cancel.triggered.connect(editing.on_cancel_triggered)
        a.delete.triggered.connect(editing.on_delete_triggered)
        a.undo_delete.triggered.connect(editing.on_undo_delete_triggered)
        a.duplicate.triggered.connect(editing.on_duplicate_triggered)
        # Files and application
        a.import_.triggered.connect(exchange.on_import_triggered)
        a.paste_actions.triggered.connect(self.paste.on_paste_actions_triggered)
        a.export.triggered.connect(exchange.on_export_triggered)
        a.store_settings.triggered.connect(self.store_commands.on_store_settings_triggered)
        a.quit.triggered.connect(self.close)
        a.search_help.triggered.connect(self.help.on_search_help_triggered)
        a.about.triggered.connect(self.help.on_about_triggered)
        # Printing
        a.print_preview.triggered.connect(printing.on_print_preview_triggered)
        a.print.triggered.connect(printing.on_print_triggered)
        a.export_pdf.triggered.connect(printing.on_export_pdf_triggered)
        a.preview_result.triggered.connect(printing.on_preview_result_triggered)
        a.export_result_pdf.triggered.connect(printing.on_export_result_pdf_triggered)
        # Data safety: backups, trash, history
        a.backup_copy.triggered.connect(safety.on_backup_copy_triggered)
        a.restore_backup.triggered.connect(safety.on_restore_backup_triggered)
        a.trash.triggered.connect(safety.on_trash_triggered)
        a.history.triggered.connect(safety.on_history_triggered)

    # --- state: what the commands read and ask (commands.base.WindowPort) -----------------------

    @property
    def store(self) -> StoreServices:
        return self._store

    @property
    def request(self) -> SearchRequest:
        return self._request

    @property
    def total(self) -> int:
        return self._total

    @property
    def shown(self) -> ActionDetail | None:
        return self._shown

    @shown.setter
    def shown(self, detail: ActionDetail | None) -> None:
        self._shown = detail

    @property
    def shown_id(self) -> int | None:
        """The id of the action in the detail pane (None: nothing, or a new action)."""
        return self._shown.id if self._shown is not None else None

    def set_store_probe(self, probe: StoreProbe) -> None:
        """Opens a candidate store and reports (ok, message); given by the start-up session."""
        self.store_commands.store_probe = probe

    def widget(self) -> QMainWindow:
        return self

    def confirm_leave_edit(self, refresh_now: bool = True) -> bool:
        return self.editing.confirm_leave_edit(refresh_now)

    def refresh_actions(self) -> None:
        for commands in self._commands:
            commands.refresh_actions()

    def store_changed(self, change: Change) -> None:
        """Announced by a command (or seen from another process): each group hears it, then
        the list, the counts and the action shown are read again as the change asks."""
        for commands in self._commands:
            commands.store_changed(change)
        if change.actions:
            self.model.refresh_rows(None if change.replaced or change.external else change.saved)
            self._refresh_total()
            if change.replaced:
                self.show_action_if_present(self.shown_id)
            # Even with refresh_now, the result is shown after this call (off the GUI thread).
            self.run_search()
            if change.external and self.detail_pane.mode == "view" and self._shown is not None:
                self.show_action_if_present(self._shown.id)
        self.refresh_actions()
        if change.saved is not None:
            self.action_saved.emit(change.saved)

    def selected_ids(self) -> list[int]:
        ids = self.action_list.selected_ids()
        return ids if ids or self._shown is None else [self._shown.id]

    # --- search -------------------------------------------------------------------------------

    def _on_filter_panel_filters_changed(self, _filters: Filters) -> None:
        self.run_search()

    def _on_model_sort_requested(self, key: str, descending: bool) -> None:
        if (key, descending) != (self._request.sort, self._request.descending):
            self.run_search(sort=key, descending=descending)

    def _on_sort_relevance_triggered(self) -> None:
        self.action_list.show_sort("relevance", False)
        self.run_search(sort="relevance", descending=False)

    def run_search(self, sort: str | None = None, descending: bool | None = None) -> None:
        """Asks for the result of the text, filters and order; `_show_result` shows it."""
        self.search_edit.searched()
        self._request = SearchRequest(
            text=self.search_edit.text(),
            filters=self.filter_panel.filters(),
            sort=self._request.sort if sort is None else sort,
            descending=self._request.descending if descending is None else descending,
        )
        self.searcher.request(self._request)

    def _show_result(self, request: SearchRequest, ids: list[int]) -> None:
        self._selection_guard = True
        try:
            self.model.show_result(ids)
            self.select_row_of(self.shown_id)
        finally:
            self._selection_guard = False
        self.counts.show_counts(len(ids), self._total)
        self.feedback.after_search(ids, request)
        self.facet_counter.request_soon(request)  # after the new rows are painted
        self.results_changed.emit(len(ids))

    def _on_changes_changed(self) -> None:
        self.store_changed(Change(external=True))  # an edit is left alone: its save checks

    def _refresh_total(self) -> None:
        try:
            self._total = self._store.count()
        except AppError as exc:
            self.statusBar().showMessage(str(exc), 10_000)

    def _on_facet_counter_failed(self, message: str) -> None:
        self.statusBar().showMessage(self.tr("Compteurs des filtres indisponibles : ") + message)

    def _on_model_load_failed(self, message: str) -> None:
        # Once per result (the model's promise), never a box per paint; the unreadable rows
        # say « Ligne illisible » with this message as their tooltip.
        self.statusBar().showMessage(self.tr("Lignes illisibles dans la liste : ") + message)

    # --- list selection -> detail ---------------------------------------------------------------

    def select_row_of(self, action_id: int | None) -> None:
        """Selects the row of an action without asking or reloading (a guarded move)."""
        guard, self._selection_guard = self._selection_guard, True
        try:
            self.action_list.select_id(action_id)
        finally:
            self._selection_guard = guard

    def _on_list_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._selection_guard or not current.isValid():
            return
        new_id = self.model.id_at(current.row())
        if new_id is None or new_id == self.shown_id:
            return  # the action shown, or back on the action being edited: nothing to leave
        if not self.confirm_leave_edit(refresh_now=False):
            # Put the selection back; again once the mouse press that moved it is handled.
            self.select_row_of(self.shown_id)
            QTimer.singleShot(0, lambda: self.select_row_of(self.shown_id))
            return
        self.opener.open_soon(new_id)  # at the next turn: the list repaints first

    def show_action(self, action_id: int | None) -> None:
        """Reads an action from the store and shows it in the detail pane."""
        detail: ActionDetail | None = None
        if action_id is not None:
            try:
                detail = self._store.get(action_id)
            except NotFound:
                self.statusBar().showMessage(self.tr("Cette action n'existe plus."), 8000)
                QTimer.singleShot(0, self.run_search)
            except AppError as exc:
                messages.show_error(self, self.tr("Lecture impossible"), str(exc))
        self._shown = detail
        self.detail_pane.show_detail(detail)
        self.refresh_actions()

    def show_detail(self, detail: ActionDetail | None) -> None:
        self._shown = detail
        self.detail_pane.show_detail(detail)

    def show_action_if_present(self, action_id: int | None) -> None:
        try:
            detail = None if action_id is None else self._store.get(action_id)
        except AppError:
            detail = None
        self.show_detail(detail)

    # --- closing --------------------------------------------------------------------------------

    def save_settings(self) -> None:
        self._settings.save(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.confirm_leave_edit():
            event.ignore()
            return
        self.save_settings()
        self._changes.stop()
        self.searcher.shutdown()
        self.facet_counter.shutdown()
        for commands in self._commands:
            commands.shutting_down()
        event.accept()
