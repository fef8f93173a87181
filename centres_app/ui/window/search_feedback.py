"""Search results that explain themselves (issue 16 §4): the chips of what narrows the result
above the list, the matched words highlighted in the title column, and the detail pane that
follows the result (an action no longer in it gives way to the first hit, or to an empty pane
with a hint; an edit in progress is never touched)."""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QVBoxLayout, QWidget

from centres_app.ui.models.action_list_model import COLUMNS
from centres_app.ui.widgets.filter_chips import Chip, FilterChips
from centres_app.ui.widgets.highlight import HighlightDelegate, search_words

if TYPE_CHECKING:
    from centres_app.domain import SearchRequest
    from centres_app.ui.window.main_window import MainWindow

# How long the pane waits, after a result without the action it shows, before it shows the
# first hit: while the user types, the results come one after the other and the pane stays
# still; opening an action in the turn that shows the result made that turn ~25 ms longer
# (issue 17: the GUI thread's longest stalls were while typing).
FOLLOW_DELAY_MS = 250


def list_with_chips(chips: FilterChips, table: QWidget, parent: QWidget) -> QWidget:
    """The list under its chips, as one widget for the splitter."""
    box = QWidget(parent)
    box.setObjectName("listBox")
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(chips)
    layout.addWidget(table, 1)
    return box


def no_result_hint() -> str:
    return QCoreApplication.translate(
        "SearchFeedback",
        "Aucune action ne correspond à la recherche.\n"
        "Retirez un filtre ou modifiez le texte cherché.",
    )


def no_selection_text() -> str:
    return QCoreApplication.translate("DetailPane", "Aucune action sélectionnée")


class SearchFeedback(QObject):
    """Wired by the main window; `after_search` runs after each new result."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        # Weakly: no reference cycle keeps a closed window alive until the collector runs.
        self._window_ref = weakref.ref(window)
        self.delegate = HighlightDelegate(window.action_list, window.model)
        window.action_list.setItemDelegateForColumn(COLUMNS.index("title"), self.delegate)
        window.chips.remove_requested.connect(self._on_chips_remove_requested)
        self._follow_timer = QTimer(self)
        self._follow_timer.setSingleShot(True)
        self._follow_timer.setInterval(FOLLOW_DELAY_MS)
        self._follow_timer.timeout.connect(self._on_follow_timer_timeout)
        # While the user types, the pane's tabs are not built (issue 17).
        window.search_edit.textEdited.connect(window.detail_pane.postpone_builds)

    @property
    def _window(self) -> MainWindow:
        window = self._window_ref()
        assert window is not None, "SearchFeedback outlived its window"
        return window

    def after_search(self, ids: list[int], request: SearchRequest) -> None:
        """`request`: what `ids` answer (the search box may already hold more letters)."""
        w = self._window
        words = search_words(request.text)
        if self.delegate.set_words(words):
            # A new result is painted whole anyway; the same result found again (after a
            # save) repaints only the rows that changed (issue 17).
            w.action_list.viewport().update()
        w.chips.show_chips(request.text, request.filters)
        w.detail_pane.set_highlight(words)
        self._follow(ids)

    @property
    def follow_pending(self) -> bool:
        """Whether the pane is still to follow the result shown (FOLLOW_DELAY_MS)."""
        return self._follow_timer.isActive()

    def _follow(self, ids: list[int]) -> None:
        """The pane follows the result once the results stop coming (FOLLOW_DELAY_MS); an
        edit (new or stored action) is kept as it is."""
        self._window.detail_pane.placeholder.setText(
            no_selection_text() if ids else no_result_hint()
        )
        if self._must_follow():
            self._follow_timer.start()  # again: from the last result
        else:
            self._follow_timer.stop()

    def _must_follow(self) -> bool:
        """The pane shows an action, not being edited, that the result shown no longer has."""
        w = self._window
        return (
            w.detail_pane.mode == "view"
            and w.shown_id is not None
            and w.model.row_of(w.shown_id) is None
        )

    def _on_follow_timer_timeout(self) -> None:
        if not self._must_follow():
            return  # an action of the result was opened meanwhile, or an edit begun
        w = self._window
        first = w.model.id_at(0)
        detail = None if first is None else w.searcher.take_first_hit(first)
        if detail is not None:  # read with the result, off the GUI thread
            w.show_detail(detail)
            w.refresh_actions()
        else:
            w.show_action(first)
        if first is not None:
            w.select_row_of(first)

    def _on_chips_remove_requested(self, chip: Chip) -> None:
        w = self._window
        if chip.kind == "text":
            text = w.search_edit.text()
            w.search_edit.setText(" ".join((text[: chip.start] + text[chip.end :]).split()))
            w.run_search()
        elif chip.kind == "years":
            w.filter_panel.clear_years()
        else:
            w.filter_panel.remove_value(chip.facet, chip.value)
