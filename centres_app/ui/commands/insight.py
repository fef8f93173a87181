"""The window's insight: similar actions, completeness, statistics, saved searches, completion."""

from __future__ import annotations

import weakref
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHeaderView,
    QMenu,
    QSplitter,
    QTableView,
)

from centres_app import sheet
from centres_app.amounts import total_of
from centres_app.completeness import completeness
from centres_app.domain import ActionDetail, SearchRequest
from centres_app.errors import AppError
from centres_app.qualifiers import CachedVocabulary
from centres_app.ui import dialogs, printing, tasks
from centres_app.ui.action_list_model import COLUMNS, ActionListModel
from centres_app.ui.completeness_widgets import CompletenessDelegate, CompletenessLabel
from centres_app.ui.filter_panel import FilterPanel
from centres_app.ui.saved_searches_panel import SavedSearchesPanel
from centres_app.ui.search_completer import QualifierCompleter
from centres_app.ui.similar_panel import SimilarPanel
from centres_app.ui.statistics_dock import StatisticsDock

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLineEdit

    from centres_app.services import StoreServices
    from centres_app.ui.detail_pane import DetailPane

REPORT_ROWS = 500  # actions listed at the end of a report; the dossier prints them all


class InsightMixin:
    """Issue 9 in MainWindow; widgets in their own modules, wired here.

    _build_insight() runs after the window's own widgets (before its settings are restored,
    so that the dock's visibility and the left splitter come back); _connect_insight_signals()
    is called from MainWindow._connect_signals(); _shutdown_insight() on close.
    """

    # Provided by MainWindow. Mixin pattern (until issue 15's deliverable 2): each
    # ignore below (attr-defined, arg-type, call-overload) is the window's tr(),
    # statusBar(), self as a dialog's parent, or a method of the window or another mixin.
    _store: StoreServices
    _shown: ActionDetail | None
    model: ActionListModel
    action_list: QTableView
    detail_pane: DetailPane
    filter_panel: FilterPanel
    search_edit: QLineEdit
    splitter: QSplitter
    facet_counter: tasks.Latest
    request: SearchRequest

    # --- construction -------------------------------------------------------------------------

    def _build_insight(self) -> None:
        window = self  # a QMainWindow
        # Completeness column: scores of the loaded pages, a bar painted by a delegate.
        self.model.set_completeness_source(self._store.completeness)
        column = COLUMNS.index("completeness")
        self.action_list.setItemDelegateForColumn(column, CompletenessDelegate(self.action_list))
        header = self.action_list.horizontalHeader()
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        self.action_list.setColumnWidth(column, 95)

        # Detail pane: the completeness line above the tabs, similar actions below them.
        self.completeness_label = CompletenessLabel()
        self.similar_panel = SimilarPanel(self._store.similar)
        self.detail_pane.add_insight(self.completeness_label, self.similar_panel)
        self.completeness_label.hide()

        # Saved searches above the filters, in a splitter of their own.
        # Through a weak reference: a lambda holding the window would make a reference cycle,
        # and a window freed by the garbage collector (not when its last reference goes) is
        # destroyed at an arbitrary moment, while Qt may still deliver events to it.
        window_ref = weakref.ref(self)

        def current_request() -> SearchRequest:
            shown = window_ref()
            return shown.request if shown is not None else SearchRequest()

        self.saved_searches = SavedSearchesPanel(self._store, current_request)
        self.left_splitter = QSplitter(Qt.Orientation.Vertical)
        self.left_splitter.setObjectName("leftSplitter")
        self.left_splitter.setChildrenCollapsible(False)
        self.splitter.insertWidget(0, self.left_splitter)
        self.left_splitter.addWidget(self.saved_searches)
        self.left_splitter.addWidget(self.filter_panel)  # moves it out of the main splitter
        self.left_splitter.setStretchFactor(0, 0)
        self.left_splitter.setStretchFactor(1, 1)
        self.left_splitter.setSizes([150, 600])
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([230, 700, 470])

        # Qualifier completion in the search box (vocabularies remembered for a minute; the
        # qualifiers themselves are applied by the store, SearchService.qualified).
        self._insight_vocabulary = CachedVocabulary(self._store.vocabulary)
        self.qualifier_completer = QualifierCompleter(self.search_edit, self._insight_vocabulary)

        # Statistics dock, hidden until asked (Affichage › Statistiques).
        self.statistics_dock = StatisticsDock(window)  # type: ignore[arg-type]
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.statistics_dock)  # type: ignore[attr-defined]
        self.statistics_dock.hide()
        action = self.statistics_dock.toggleViewAction()
        action.setObjectName("actionStatistics")
        action.setText(window.tr("&Statistiques"))  # type: ignore[attr-defined]
        action.setShortcut("Ctrl+Shift+T")
        tip = window.tr("Graphiques et totaux du résultat affiché (Ctrl+Maj+T)")  # type: ignore[attr-defined]
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        window.addAction(action)  # type: ignore[attr-defined]
        self.action_statistics = action
        view_menu = window.findChild(QMenu, "menuView")  # type: ignore[attr-defined]
        if view_menu is not None:
            view_menu.addSeparator()
            view_menu.addAction(action)
        self._statistics_facets: dict | None = None
        self._statistics_stale = True
        store = self._store
        self._amount_worker = tasks.runner().latest(
            "amounts",
            lambda request: total_of(store.financial_texts(request)),
            window,  # type: ignore[arg-type]
        )

    def _connect_insight_signals(self) -> None:
        # Similar actions and completeness follow the detail pane
        self.detail_pane.form_changed.connect(self._on_pane_form_changed)
        self.similar_panel.open_requested.connect(self._on_similar_panel_open_requested)
        # Saved searches
        self.saved_searches.apply_requested.connect(self._on_saved_searches_apply_requested)
        # Statistics
        self.facet_counter.finished.connect(self._on_facet_counter_facets_for_statistics)
        self.statistics_dock.visibilityChanged.connect(self._on_statistics_dock_visibility_changed)
        self.statistics_dock.report_requested.connect(self._on_statistics_report_requested)
        self.statistics_dock.report_pdf_requested.connect(self._on_statistics_report_pdf_requested)
        self._amount_worker.finished.connect(self._on_amount_worker_finished)
        self._amount_worker.failed.connect(self._on_amount_worker_failed)

    def _shutdown_insight(self) -> None:
        self.similar_panel.shutdown()
        self._amount_worker.shutdown()

    # --- similar actions and completeness -------------------------------------------------------

    def _on_pane_form_changed(self) -> None:
        pane = self.detail_pane
        if pane.mode == "edit":
            data = pane.edited_data()
            editing = pane.editing_detail
            self.similar_panel.show_for_data(data, editing.id if editing is not None else None)
            self.completeness_label.show_completeness(completeness(data))
        elif pane.detail is not None:
            self.similar_panel.show_for_action(pane.detail.id)
            self.completeness_label.show_completeness(completeness(pane.detail.data))
        else:
            self.similar_panel.clear()
            self.completeness_label.show_completeness(None)

    def _on_similar_panel_open_requested(self, action_id: int) -> None:
        if action_id == getattr(self._shown, "id", None) and self.detail_pane.mode == "view":
            return
        if not self.confirm_leave_edit():  # type: ignore[attr-defined]
            return
        self.show_action(action_id)  # type: ignore[attr-defined]
        self._select_row_of(action_id)  # type: ignore[attr-defined]

    # --- saved searches -------------------------------------------------------------------------

    def _on_saved_searches_apply_requested(self, request: SearchRequest) -> None:
        """Shows a saved search: its text, its filters and its order."""
        with QSignalBlocker(self.search_edit):
            self.search_edit.setText(request.text)
        self.filter_panel.set_filters(request.filters)
        header = self.action_list.horizontalHeader()
        with QSignalBlocker(self.model):
            if request.sort in COLUMNS:
                order = (
                    Qt.SortOrder.DescendingOrder
                    if request.descending
                    else Qt.SortOrder.AscendingOrder
                )
                header.setSortIndicator(COLUMNS.index(request.sort), order)
            else:
                header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self._run_search(sort=request.sort, descending=request.descending)  # type: ignore[attr-defined]

    # --- statistics -----------------------------------------------------------------------------

    def _on_facet_counter_facets_for_statistics(self, facets: dict) -> None:
        self._statistics_facets = facets
        self._statistics_stale = True
        if self.statistics_dock.isVisible():
            self._refresh_statistics()

    def _on_statistics_dock_visibility_changed(self, visible: bool) -> None:
        if visible and not getattr(self, "_statistics_sized", False):
            # A first opening gets a readable width; later ones keep what the user chose.
            self._statistics_sized = True
            self.resizeDocks(  # type: ignore[attr-defined]
                [self.statistics_dock], [480], Qt.Orientation.Horizontal
            )
        if visible and self._statistics_stale and self._statistics_facets is not None:
            self._refresh_statistics()

    def _effective_request(self) -> SearchRequest:
        """The request with the qualifiers of the search box moved into the filters (by the
        search service, the one place that applies them)."""
        return self._store.qualified(self.request)

    def _refresh_statistics(self) -> None:
        if self._statistics_facets is None:
            return
        self._statistics_stale = False
        effective = self._effective_request()
        self.statistics_dock.set_facets(
            self._statistics_facets, effective.filters, len(self.model.ids)
        )
        self.statistics_dock.set_amounts(None)
        self._amount_worker.request(self.request)

    def _on_amount_worker_finished(self, amounts: tuple[Decimal, int]) -> None:
        self.statistics_dock.set_amounts(amounts)

    def _on_amount_worker_failed(self, message: str) -> None:
        self.statusBar().showMessage(  # type: ignore[attr-defined]
            self.tr("Total des montants indisponible : ") + message,  # type: ignore[attr-defined]
            10_000,
        )

    def statistics_report_job(self) -> printing.SheetJob:
        """The printed report of the current result: totals, charts, the list of actions."""
        dock = self.statistics_dock
        if self._statistics_stale and self._statistics_facets is not None:
            self._refresh_statistics()
        if dock._amounts is None:
            # Printing now: the amounts are computed here rather than printed as "en cours".
            self._amount_worker.cancel()
            dock.set_amounts(total_of(self._store.financial_texts(self.request)))
        ids = self.model.ids
        rows = self._store.rows(ids[:REPORT_ROWS])
        listed = tuple(
            (
                " ".join(r.title.split()),
                " – ".join(p for p in (r.structure, r.department) if p),
                str(r.year or ""),
            )
            for r in rows
        )
        content = printing.ReportContent(
            totals=tuple(dock.totals_lines()),
            charts=tuple(dock.chart_images()),
            rows=listed,
            rows_left_out=max(0, len(ids) - len(listed)),
        )
        return printing.report_job(
            self.tr("Rapport statistique"),  # type: ignore[attr-defined]
            sheet.describe_request(self.request),
            content,
        )

    def _on_statistics_report_requested(self) -> None:
        try:
            job = self.statistics_report_job()
        except AppError as exc:
            dialogs.show_error(self, self.tr("Rapport impossible"), str(exc))  # type: ignore[arg-type, attr-defined]
            return
        printing.preview_job(self, job, self.tr("Rapport statistique — aperçu"))  # type: ignore[arg-type, attr-defined]

    def _on_statistics_report_pdf_requested(self) -> Path | None:
        proposed = Path.home() / "rapport-statistique.pdf"
        path, _filter = QFileDialog.getSaveFileName(
            self,  # type: ignore[arg-type]
            self.tr("Enregistrer le rapport en PDF"),  # type: ignore[attr-defined]
            str(proposed),
            self.tr("Documents PDF (*.pdf)"),  # type: ignore[attr-defined]
        )
        if not path:
            return None
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            printing.render_pdf(self.statistics_report_job(), target)
        except AppError as exc:
            dialogs.show_error(self, self.tr("Rapport impossible"), str(exc))  # type: ignore[arg-type, attr-defined]
            return None
        self.statusBar().showMessage(  # type: ignore[attr-defined]
            self.tr("Rapport enregistré : {path}").format(path=target),  # type: ignore[attr-defined]
            8000,
        )
        return target
