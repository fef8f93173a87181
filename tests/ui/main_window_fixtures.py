"""Builds the real main window over a real SQLite store for the UI tests (shared helpers)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

from centres_app.db.store import Store
from centres_app.ui.window.main_window import MainWindow


def temp_settings(folder: Path) -> QSettings:
    return QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)


@contextmanager
def open_window(qtbot, db: Path, settings: QSettings) -> Iterator[MainWindow]:  # noqa: ANN001
    store = Store.open(db)
    window = MainWindow(store, settings)
    window.show()
    qtbot.waitExposed(window)
    wait_facets(qtbot, window)
    try:
        yield window
    finally:
        # A test may leave an edit open: drop it so that closing does not ask.
        if window.detail_pane.mode == "edit":
            window.detail_pane.cancel_edit()
        window.close()
        window.facet_counter.shutdown()
        store.close()


def wait_facets(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    """Waits until the search asked last is shown and its facet counts have come (the search
    and the counts run off the GUI thread; the counts are asked once the rows are shown)."""
    qtbot.waitUntil(
        lambda: not window.searcher.busy and not window.facet_counter.busy, timeout=10_000
    )


def search(qtbot, window: MainWindow, text: str) -> None:  # noqa: ANN001
    """Types like a user, then waits for the debounced search and its facet counts."""
    wait_facets(qtbot, window)  # no earlier result still on its way: the next one is this
    edit = window.search_edit
    edit.setFocus()
    edit.selectAll()
    if text:
        qtbot.keyClicks(edit, text)
    else:
        qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    with qtbot.waitSignal(window.results_changed, timeout=10_000):
        pass
    wait_facets(qtbot, window)
    # The pane follows the result once the results stop coming (search_feedback).
    qtbot.waitUntil(lambda: not window.feedback.follow_pending, timeout=10_000)


def list_titles(window: MainWindow) -> list[str]:
    model = window.model
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def select_title(qtbot, window: MainWindow, title: str) -> None:  # noqa: ANN001
    """Clicks the row of an action in the list."""
    row = list_titles(window).index(title)
    view = window.action_list
    index = window.model.index(row, 0)
    view.scrollTo(index)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )
    wait_opened(qtbot, window)


def wait_opened(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    """The row selected is shown in the next turn (the list repaints first): waits for it."""
    qtbot.waitUntil(lambda: not window.opener.pending, timeout=10_000)


# run_gui() is driven from timers inside its own event loop, where qtbot.waitUntil cannot be
# used; `poll` gives those timers a deadline. Past it, the loop is ended with this code, so
# main() returns it and the test fails on its exit code instead of hanging.
TIMED_OUT = 124
POLL_DEADLINE_S = 30.0


def poll(
    done: Callable[[], bool], interval_ms: int = 50, deadline_s: float = POLL_DEADLINE_S
) -> None:
    """Calls `done` from the event loop every `interval_ms` until it returns True.

    Past the deadline, hides the top-level windows and ends the event loop(s) with TIMED_OUT
    (QApplication.exit leaves nested loops too).
    """
    deadline = time.monotonic() + deadline_s

    def attempt() -> None:
        if done():
            return
        if time.monotonic() < deadline:
            QTimer.singleShot(interval_ms, attempt)
            return
        for widget in QApplication.topLevelWidgets():
            widget.hide()
        QApplication.exit(TIMED_OUT)

    QTimer.singleShot(0, attempt)


def close_main_window_when(ready: Callable[[QWidget], bool], seen: list) -> None:
    """Closes the first visible MainWindow for which `ready(window)` holds, noting its
    (result count, status-bar message) in `seen`; bounded by `poll`."""

    def attempt() -> bool:
        windows = [
            w
            for w in QApplication.topLevelWidgets()
            # Its result shown (the search runs off the GUI thread), then `ready`.
            if isinstance(w, MainWindow) and w.isVisible() and not w.searcher.busy and ready(w)
        ]
        if not windows:
            return False
        seen.append((windows[0].result_count.text(), windows[0].statusBar().currentMessage()))
        windows[0].close()
        return True

    poll(attempt)


def answer_message_boxes(monkeypatch, *answers: str) -> list[str]:  # noqa: ANN001
    """Replaces QMessageBox.exec: clicks the buttons named `answers`, in turn.

    Returns the list of the texts of the boxes shown, for assertions.
    """
    shown: list[str] = []
    queue = list(answers)

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box.text())
        wanted = queue.pop(0) if queue else None
        for button in box.buttons():
            if isinstance(button, QPushButton) and button.text().replace("&", "") == wanted:
                button.click()
                return 0
        raise AssertionError(f"no button {wanted!r} in {[b.text() for b in box.buttons()]}")

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return shown


def editor(window: MainWindow, name: str) -> QWidget:
    """The editor widget of a field, found by its objectName (the field name)."""
    widget = window.detail_pane.findChild(QWidget, name)
    assert widget is not None, name
    return widget
