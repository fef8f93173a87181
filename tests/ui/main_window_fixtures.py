"""Builds the real main window over a real SQLite store for the UI tests (shared helpers)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from centres_app.db.store import Store
from centres_app.ui.main_window import MainWindow


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
    qtbot.waitUntil(lambda: not window.facet_counter.busy, timeout=5000)


def search(qtbot, window: MainWindow, text: str) -> None:  # noqa: ANN001
    """Types like a user, then waits for the debounced search and its facet counts."""
    edit = window.search_edit
    edit.setFocus()
    edit.selectAll()
    if text:
        qtbot.keyClicks(edit, text)
    else:
        qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    with qtbot.waitSignal(window.results_changed, timeout=3000):
        pass
    wait_facets(qtbot, window)


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
