"""The insight commands: similar actions, completeness, statistics, saved searches, completion."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import QFileDialog, QHeaderView, QLineEdit, QMenu, QSplitter

from centres_app import sheet
from centres_app.completeness import completeness
from centres_app.domain import SearchRequest
from centres_app.errors import AppError
from centres_app.qualifiers import CachedVocabulary
from centres_app.ui import folders, messages, tasks
from centres_app.ui.commands.base import CommandContext, Commands
from centres_app.ui.models.action_list_model import COLUMNS
from centres_app.ui.panels.filter_panel import FilterPanel
from centres_app.ui.panels.saved_searches_panel import SavedSearchesPanel
from centres_app.ui.panels.similar_panel import SimilarPanel
from centres_app.ui.panels.statistics_dock import Figures, StatisticsDock, figures_of
from centres_app.ui.widgets.completeness import CompletenessDelegate, CompletenessLabel
from centres_app.ui.widgets.search_completer import QualifierCompleter

if TYPE_CHECKING:
    from centres_app.ui.printing.engine import SheetJob

REPORT_ROWS = 500  # actions listed at the end of a report; the dossier prints them all


class InsightCommands(Commands):
    """Issue 9: similar actions, completeness, statistics, saved searches, completion.

    Built after the window's own widgets and before its settings are restored (so that the
    dock's visibility and the left splitter come back); the widgets it adds are its own.
    """

    def __init__(
        self,
        context: CommandContext,
        filter_panel: FilterPanel,
        search_edit: QLineEdit,
        splitter: QSplitter,
        facet_counter: tasks.Latest,
    ) -> None:
        super().__init__(context)
        self.filter_panel = filter_panel
        self.search_edit = search_edit
        window, store = context.window, context.store
        model, action_list = context.model, context.action_list
        # Completeness column: scores of the loaded pages, a bar painted by a delegate.
        model.set_completeness_source(store.completeness)
        column = COLUMNS.index("completeness")
        action_list.setItemDelegateForColumn(column, CompletenessDelegate(action_list, model))
        header = action_list.horizontalHeader()
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        action_list.setColumnWidth(column, 95)

        # Detail pane: the completeness line above the tabs, similar actions below them.
        self.completeness_label = CompletenessLabel()
        self.similar_panel = SimilarPanel(store.similar)
        context.detail_pane.add_insight(self.completeness_label, self.similar_panel)
        self.completeness_label.hide()

        # Saved searches above the filters, in a splitter of their own. The request is read
        # through the context, which holds the window weakly (no reference cycle).
        def current_request() -> SearchRequest:
            port = context.alive_port()
            return port.request if port is not None else SearchRequest()

        self.saved_searches = SavedSearchesPanel(store, current_request)
        self.left_splitter = QSplitter(Qt.Orientation.Vertical)
        self.left_splitter.setObjectName("leftSplitter")
        self.left_splitter.setChildrenCollapsible(False)
        splitter.insertWidget(0, self.left_splitter)
        self.left_splitter.addWidget(self.saved_searches)
        self.left_splitter.addWidget(filter_panel)  # moves it out of the main splitter
        self.left_splitter.setStretchFactor(0, 0)
        self.left_splitter.setStretchFactor(1, 1)
        self.left_splitter.setSizes([150, 600])
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 2)
        splitter.setSizes([230, 700, 470])

        # Qualifier completion in the search box (vocabularies remembered for a minute; the
        # qualifiers themselves are applied by the store, SearchService.qualified).
        self._vocabulary = CachedVocabulary(store.vocabulary)
        self.qualifier_completer = QualifierCompleter(search_edit, self._vocabulary)

        # Statistics dock, hidden until asked (Affichage › Statistiques).
        self.statistics_dock = StatisticsDock(window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.statistics_dock)
        self.statistics_dock.hide()
        action = self.statistics_dock.toggleViewAction()
        action.setObjectName("actionStatistics")
        action.setText(self.tr("&Statistiques"))
        action.setShortcut("Ctrl+Shift+T")
        tip = self.tr("Graphiques et totaux du résultat affiché (Ctrl+Maj+T)")
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        window.addAction(action)
        self.action_statistics = action
        view_menu = window.findChild(QMenu, "menuView")
        if view_menu is not None:
            view_menu.addSeparator()
            view_menu.addAction(action)
        self._statistics_facets: dict | None = None
        self._statistics_stale = True
        self._statistics_sized = False
        # The request whose amounts total is asked once its figures are shown (issue 17).
        self._amounts_wanted: SearchRequest | None = None

        # The dock's figures and the amounts total, off the GUI thread (issue 17), the newest
        # request winning. The store's methods are looked up at each call.
        def statistics_work(asked: tuple[dict, SearchRequest, int]) -> Figures:
            facets, request, count = asked
            return figures_of(facets, store.qualified(request).filters, count)

        self.statistics_worker = tasks.runner().latest("statistics", statistics_work, self)
        self.amount_worker = tasks.runner().latest(
            "amounts", lambda request: store.amount_total(request), self
        )

        # Its own widgets and jobs (the window wires its signals to the group's slots).
        self.similar_panel.open_requested.connect(self._on_similar_panel_open_requested)
        self.statistics_dock.visibilityChanged.connect(self._on_statistics_dock_visibility_changed)
        self.statistics_dock.report_requested.connect(self._on_statistics_report_requested)
        self.statistics_dock.report_pdf_requested.connect(self._on_statistics_report_pdf_requested)
        self.statistics_worker.finished.connect(self._on_statistics_worker_finished)
        self.statistics_worker.failed.connect(self._on_statistics_worker_failed)
        self.amount_worker.finished.connect(self._on_amount_worker_finished)
        self.amount_worker.failed.connect(self._on_amount_worker_failed)

    def shutting_down(self) -> None:
        self.similar_panel.shutdown()
        self.statistics_worker.shutdown()
        self.amount_worker.shutdown()

    # --- similar actions and completeness -------------------------------------------------------

    def on_pane_form_changed(self) -> None:
        pane = self.context.detail_pane
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
        if (
            action_id == getattr(self.context.port.shown, "id", None)
            and self.context.detail_pane.mode == "view"
        ):
            return
        if not self.context.port.confirm_leave_edit():
            return
        self.context.port.show_action(action_id)
        self.context.port.select_row_of(action_id)

    # --- saved searches -------------------------------------------------------------------------

    def on_saved_searches_apply_requested(self, request: SearchRequest) -> None:
        """Shows a saved search: its text, its filters and its order."""
        with QSignalBlocker(self.search_edit):
            self.search_edit.setText(request.text)
        self.filter_panel.set_filters(request.filters)
        self.context.action_list.show_sort(request.sort, request.descending)
        self.context.port.run_search(sort=request.sort, descending=request.descending)

    # --- statistics -----------------------------------------------------------------------------

    def on_facet_counter_facets_for_statistics(self, facets: dict) -> None:
        self._statistics_facets = facets
        self._statistics_stale = True
        if self.statistics_dock.isVisible():
            self._refresh_statistics()

    def _on_statistics_dock_visibility_changed(self, visible: bool) -> None:
        if visible and not self._statistics_sized:
            # A first opening gets a readable width; later ones keep what the user chose.
            self._statistics_sized = True
            self.context.window.resizeDocks(
                [self.statistics_dock], [480], Qt.Orientation.Horizontal
            )
        if visible and self._statistics_stale and self._statistics_facets is not None:
            self._refresh_statistics()

    def _effective_request(self) -> SearchRequest:
        """The request with the qualifiers of the search box moved into the filters (by the
        search service, the one place that applies them)."""
        return self.context.store.qualified(self.context.port.request)

    def _refresh_statistics(self) -> None:
        """Asks the figures and the amounts of the result shown: the dock keeps the previous
        figures until they come (charts_updated), the amounts say « calcul en cours ».

        One after the other, each once the GUI thread has painted (issue 17): the figures
        after the dock's own relayout and paint, the amounts (a few hundred ms of Python at
        100,000 actions) once the figures are shown. A job running while the GUI thread lays
        out and paints makes each of its many calls into Python wait for the interpreter.
        """
        if self._statistics_facets is None:
            return
        self._statistics_stale = False
        request = self.context.port.request
        self.statistics_dock.set_computing()
        self.statistics_worker.request_soon(
            (self._statistics_facets, request, len(self.context.model.ids))
        )
        self.statistics_dock.set_amounts(None)
        self._amounts_wanted = request

    def _request_amounts(self) -> None:
        request, self._amounts_wanted = self._amounts_wanted, None
        if request is not None:
            self.amount_worker.request_soon(request)

    def _on_statistics_worker_finished(self, figures: Figures) -> None:
        self.statistics_dock.show_figures(figures)
        self._request_amounts()

    def _on_statistics_worker_failed(self, message: str) -> None:
        self.status(self.tr("Statistiques indisponibles : ") + message, 10_000)
        self._request_amounts()

    def _on_amount_worker_finished(self, amounts: tuple[Decimal, int]) -> None:
        self.statistics_dock.set_amounts(amounts)

    def _on_amount_worker_failed(self, message: str) -> None:
        self.status(self.tr("Total des montants indisponible : ") + message, 10_000)

    def statistics_report_job(self) -> SheetJob:
        """The printed report of the current result: totals, charts, the list of actions."""
        from centres_app.ui.printing import engine as printing  # at the first report

        dock = self.statistics_dock
        if self._statistics_stale and self._statistics_facets is not None:
            self._refresh_statistics()
        if self.statistics_worker.busy and self._statistics_facets is not None:
            # Printing now: the figures on their way are computed here, as the amounts below.
            self.statistics_worker.cancel()
            dock.set_facets(
                self._statistics_facets,
                self._effective_request().filters,
                len(self.context.model.ids),
            )
        if dock._amounts is None:
            # Printing now: the amounts are computed here rather than printed as "en cours".
            self._amounts_wanted = None
            self.amount_worker.cancel()
            dock.set_amounts(self.context.store.amount_total(self.context.port.request))
        ids = self.context.model.ids
        rows = self.context.store.rows(ids[:REPORT_ROWS])
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
            self.tr("Rapport statistique"),
            sheet.describe_request(self.context.port.request),
            content,
        )

    def _on_statistics_report_requested(self) -> None:
        try:
            job = self.statistics_report_job()
        except AppError as exc:
            messages.show_error(self.context.window, self.tr("Rapport impossible"), str(exc))
            return
        from centres_app.ui.printing import dialogs as print_dialogs  # at the first report

        window = self.context.window
        print_dialogs.preview_job(window, job, self.tr("Rapport statistique — aperçu"))

    def _on_statistics_report_pdf_requested(self) -> Path | None:
        settings = self.context.settings
        path, _filter = QFileDialog.getSaveFileName(
            self.context.window,
            self.tr("Enregistrer le rapport en PDF"),
            folders.proposed_path(settings, "rapport-statistique.pdf"),
            self.tr("Documents PDF (*.pdf)"),
        )
        if not path:
            return None
        folders.remember_folder(settings, path)
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        from centres_app.ui.printing.engine import render_pdf  # at the first report

        try:
            render_pdf(self.statistics_report_job(), target)
        except AppError as exc:
            messages.show_error(self.context.window, self.tr("Rapport impossible"), str(exc))
            return None
        self.status(self.tr("Rapport enregistré : {path}").format(path=target), 8000)
        return target
