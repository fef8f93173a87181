"""GUI start-up: `run_gui` opens the window on the chosen store, or explains why it cannot."""

from __future__ import annotations

import sys
import threading
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from centres_app import bootstrap
from centres_app.cli import main
from centres_app.errors import StoreError
from centres_app.ui import messages
from centres_app.ui.app import startup as app_module
from centres_app.ui.window.main_window import MainWindow
from tests.ui.main_window_fixtures import (
    answer_message_boxes,
    close_main_window_when,
    poll,
    temp_settings,
)


def test_unusable_store_gives_a_french_message_and_exit_2(qtbot, tmp_path, monkeypatch):
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("ceci n'est pas une base\n" * 100, encoding="utf-8")
    shown = answer_message_boxes(monkeypatch, "Fermer")
    assert main(["--db", str(not_a_db)]) == 2
    assert len(shown) == 1 and shown[0].startswith("Impossible d'ouvrir la base d'actions.")
    assert "Traceback" not in shown[0]
    assert not any(isinstance(w, MainWindow) for w in QApplication.topLevelWidgets())


def test_run_gui_opens_the_window_on_the_store(qtbot, sample_db, tmp_path, monkeypatch):
    monkeypatch.setattr(app_module, "settings", lambda: temp_settings(tmp_path))
    seen = []

    def close_when_shown() -> bool:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        # Its first result shown (the search runs off the GUI thread).
        if windows and windows[0].isVisible() and not windows[0].searcher.busy:
            seen.append((windows[0].windowTitle(), windows[0].result_count.text()))
            windows[0].close()
            return True
        return False

    poll(close_when_shown)
    assert main(["--db", str(sample_db)]) == 0
    assert seen == [("Actions des centres sociaux[*]", "18 actions")]
    assert (tmp_path / "settings.ini").exists()


def test_the_first_rows_do_not_wait_for_the_store_to_open(qtbot, sample_db, tmp_path, monkeypatch):
    """Issue 17: the window shows its first page (read through sqlite3) while the real store
    is still opening; the facet counts come once it is open."""
    monkeypatch.setattr(app_module, "settings", lambda: temp_settings(tmp_path))
    release = threading.Event()
    real_open = bootstrap.open_store

    def slow_open(cli_db=None):  # noqa: ANN001, ANN202
        assert release.wait(20)
        return real_open(cli_db)

    monkeypatch.setattr(bootstrap, "open_store", slow_open)
    seen: list = []
    counts: list = []

    def rows_then_facets() -> bool:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        if not windows or not windows[0].isVisible() or windows[0].model.rowCount() == 0:
            return False
        window = windows[0]
        if not seen:
            seen.append((window.result_count.text(), window.model.id_at(0) is not None))
            seen.append(window.store.opened)
            window.facet_counter.finished.connect(counts.append)
            release.set()
            return False
        if not counts:
            return False  # the facet counts (from the real store)
        seen.append(window.store.opened)
        window.close()
        return True

    poll(rows_then_facets)
    assert main(["--db", str(sample_db)]) == 0
    assert seen == [("18 actions", True), False, True]


# --- the error hook of run_gui ------------------------------------------------------------------


def visible_boxes() -> list[QMessageBox]:
    widgets = QApplication.topLevelWidgets()
    return [w for w in widgets if isinstance(w, QMessageBox) and w.isVisible()]


def test_an_exception_in_a_slot_while_run_gui_runs_reaches_pytest_qt_and_one_box(
    qtbot, sample_db, tmp_path, monkeypatch
):
    """run_gui's hook chains to the previous one (pytest-qt's here): a bug in a slot fails
    the test instead of only opening a box, and the box does not wait for an answer."""
    monkeypatch.setattr(app_module, "settings", lambda: temp_settings(tmp_path))
    boxes: list[tuple[str, str]] = []

    def broken_slot() -> None:
        raise ZeroDivisionError("bogue de test")

    def box_shown(_window) -> bool:
        box = messages.error_boxes.box
        if box is None or not box.isVisible():
            return False
        boxes.append((box.windowTitle(), box.text()))
        box.done(0)  # read: a box still open would keep the event loop running
        return True

    deadline = time.monotonic() + 30

    def fire_once_hooked() -> None:
        # Only once run_gui's hook is in place (a busy machine may run the event loop before).
        if isinstance(sys.excepthook, app_module._ErrorHook):
            broken_slot()
        elif time.monotonic() < deadline:
            QTimer.singleShot(10, fire_once_hooked)

    QTimer.singleShot(0, fire_once_hooked)
    seen: list = []
    close_main_window_when(box_shown, seen)
    with qtbot.capture_exceptions() as exceptions:
        assert main(["--db", str(sample_db)]) == 0
    assert [(kind, str(value)) for kind, value, _tb in exceptions] == [
        (ZeroDivisionError, "bogue de test")
    ]
    assert len(boxes) == 1 and boxes[0][0] == "Erreur inattendue"
    assert "ZeroDivisionError: bogue de test" in boxes[0][1]
    assert sys.excepthook is not None and not isinstance(sys.excepthook, app_module._ErrorHook)
    # The captured traceback holds run_gui's frame (and its session): the closed window is
    # deleted all the same, not left among the top-level widgets for the next test.
    assert not any(isinstance(w, MainWindow) for w in QApplication.topLevelWidgets())


def raise_in_slots(qtbot, errors: list[BaseException]) -> list:  # noqa: ANN001
    """Raises each error from a slot of its own, with run_gui's hook installed over
    pytest-qt's; returns what pytest-qt captured."""
    with qtbot.capture_exceptions() as exceptions:
        previous = sys.excepthook
        sys.excepthook = app_module._ErrorHook(previous)
        try:
            for error in errors:
                QTimer.singleShot(0, lambda error=error: (_ for _ in ()).throw(error))
            qtbot.waitUntil(lambda: len(exceptions) == len(errors), timeout=5000)
        finally:
            sys.excepthook = previous
    return exceptions


def test_a_burst_of_errors_gives_one_box_that_counts_the_others(qtbot):
    captured = raise_in_slots(qtbot, [RuntimeError(f"erreur {n}") for n in range(50)])
    assert len(captured) == 50
    boxes = visible_boxes()
    assert len(boxes) == 1
    assert boxes[0].windowTitle() == "Erreur inattendue"
    assert "RuntimeError: erreur 0" in boxes[0].text()
    assert boxes[0].informativeText().startswith("49 autre(s) erreur(s) depuis.")
    assert "erreur 49" in boxes[0].informativeText()
    # Once read and closed, the next error has a box of its own again.
    next(b for b in boxes[0].buttons() if b.text() == "Fermer").click()
    qtbot.waitUntil(lambda: visible_boxes() == [], timeout=10_000)
    raise_in_slots(qtbot, [RuntimeError("encore")])
    boxes = visible_boxes()
    assert len(boxes) == 1 and "RuntimeError: encore" in boxes[0].text()
    assert boxes[0].informativeText() == ""


def test_a_known_error_shows_its_own_french_message(qtbot):
    message = "La base est en lecture seule : rien n'a été enregistré."
    raise_in_slots(qtbot, [StoreError(message)])
    boxes = visible_boxes()
    assert [(b.windowTitle(), b.text()) for b in boxes] == [("Erreur", message)]
