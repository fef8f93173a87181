"""What the main window remembers between sessions: geometry, splitter, open filter sections,
the last search (text, filters, order). The data itself lives in the store."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QSignalBlocker, QSize
from PySide6.QtWidgets import QWidget

from centres_app.domain import SearchRequest, filters_from_json, filters_to_json
from centres_app.ui.models.action_list_model import COLUMNS

if TYPE_CHECKING:
    from centres_app.ui.window.main_window import MainWindow


class WindowSettings:
    """The window's keys of the user's QSettings."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def restore(self, window: MainWindow) -> SearchRequest:
        """Puts back the layout and the last search; returns the search to run."""
        s = self.settings
        geometry = s.value("window/geometry")
        if geometry is not None:
            window.restoreGeometry(geometry)
        state = s.value("window/state")
        if state is not None:
            window.restoreState(state)
        splitter = s.value("window/splitter")
        if splitter is not None:
            window.splitter.restoreState(splitter)
        expanded = s.value("filters/expanded")
        if isinstance(expanded, str) and expanded:
            window.filter_panel.set_expanded_sections(expanded.split(","))
        filters = filters_from_json(str(s.value("search/filters", "") or ""))
        window.filter_panel.set_filters(filters)
        sort = str(s.value("search/sort", "relevance") or "relevance")
        descending = str(s.value("search/descending", "false")).lower() == "true"
        if sort in COLUMNS:
            window.action_list.show_sort(sort, descending)
        else:
            sort, descending = "relevance", False
        text = str(s.value("search/text", "") or "")
        with QSignalBlocker(window.search_edit):
            window.search_edit.setText(text)
        return SearchRequest(text=text, filters=filters, sort=sort, descending=descending)

    def save(self, window: MainWindow) -> None:
        s = self.settings
        s.setValue("window/geometry", window.saveGeometry())
        s.setValue("window/state", window.saveState())
        s.setValue("window/splitter", window.splitter.saveState())
        s.setValue("filters/expanded", ",".join(window.filter_panel.expanded_sections()))
        s.setValue("search/text", window.search_edit.text())
        s.setValue("search/filters", filters_to_json(window.filter_panel.filters()))
        s.setValue("search/sort", window.request.sort)
        s.setValue("search/descending", "true" if window.request.descending else "false")
        s.sync()


def first_size(window: QWidget) -> QSize:
    """A comfortable first size that still fits a small office screen (1366 x 768)."""
    screen = window.screen().availableGeometry() if window.screen() else None
    width, height = 1400, 860
    if screen is not None:
        width = min(width, int(screen.width() * 0.95))
        height = min(height, int(screen.height() * 0.9))
    return QSize(width, height)
