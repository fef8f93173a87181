"""UI tests: the shared fixtures (the main window over the sample store); no modal dialog is
left waiting, no error box outlives its test. Helpers to drive the window are in
main_window_fixtures.py; tests/ui/ mirrors centres_app/ui/."""

from __future__ import annotations

import gc
from collections.abc import Callable

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from centres_app.ui import messages
from centres_app.ui.window.main_window import MainWindow
from tests.ui.main_window_fixtures import open_window, temp_settings
from tests.ui.modal_guard import MODAL_DEADLINE_MS, bounded_exec


@pytest.fixture(autouse=True)
def _no_modal_dialog_waits_forever(monkeypatch):
    """Every exec() is bounded; a test that patches exec() itself replaces this for its run."""
    unanswered: list[str] = []
    # QMessageBox has an exec() binding of its own: QDialog's patch would not reach it.
    for cls in (QDialog, QMessageBox):
        monkeypatch.setattr(cls, "exec", bounded_exec(cls.exec, MODAL_DEADLINE_MS, unanswered))
    yield
    if unanswered:
        pytest.fail(f"modal dialog(s) left waiting {MODAL_DEADLINE_MS} ms: {unanswered}")


# Every so many UI tests, one collection over everything (see _collected_on_the_gui_thread).
FULL_COLLECTION_EVERY = 50
_since_full_collection = 0


@pytest.fixture(autouse=True)
def _collected_on_the_gui_thread(monkeypatch):
    """As the app (ui/app/collector.py): no automatic collection during a test, where a worker
    thread could free a previous test's window (a segmentation fault), and one collection after
    it, on this thread.

    Only what the test made is scanned: what lived before it is frozen (gc.freeze) at its
    start, once what the previous test left is collected (its fixtures are let go of after its
    teardown). A full collection visits every object alive, ~1 µs each: with the modules of
    the whole suite and what its windows left behind, 0.5 s per test late in the run (a third
    of the suite's time). The in-memory index's own freezing (db/memindex.py: once it has
    built its columns) would freeze this test's windows as well: it is left out here (it only
    spares a 100,000-action store's lists from the scans); anything else that freezes or
    unfreezes during a test gets a full collection after it, as does every
    FULL_COLLECTION_EVERY-th test (a frozen cycle that has become garbage since is freed
    there)."""
    global _since_full_collection
    from centres_app.db import memindex

    monkeypatch.setattr(memindex, "_freeze_long_lived", lambda: None)
    freeze, unfreeze = gc.freeze, gc.unfreeze
    changed: list[str] = []  # (freed frozen objects lower the freeze count too: not a sign)

    def counted(call: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            changed.append(call.__name__)
            call()

        return run

    monkeypatch.setattr(gc, "freeze", counted(freeze))
    monkeypatch.setattr(gc, "unfreeze", counted(unfreeze))
    enabled = gc.isenabled()
    gc.disable()
    _since_full_collection += 1
    if _since_full_collection >= FULL_COLLECTION_EVERY:
        _since_full_collection = 0
        unfreeze()
    gc.collect()
    freeze()
    yield
    _delete_closed_windows()
    if changed:
        unfreeze()
    gc.collect()
    if enabled:
        gc.enable()


def _delete_closed_windows() -> None:
    """Main windows closed but still held (a child widget that refers to its window keeps
    it alive: PySide's parent-to-child references are invisible to the collector) are
    deleted now: a later test would find them in QApplication.topLevelWidgets(), whatever
    order the tests run in (pytest-xdist gives each process its own)."""
    closed = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and not w.isVisible()
    ]
    for window in closed:
        window.deleteLater()
    if closed:
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True)
def _error_box_closed():
    """The error hook's box does not wait (QMessageBox.open()): close it after each test, so
    that the next test starts without one."""
    yield
    box = messages.error_boxes.box
    if box is not None:
        box.done(0)


@pytest.fixture
def window(qtbot, sample_db, tmp_path):
    """The real main window over a copy of the sample store, closed after the test."""
    with open_window(qtbot, sample_db, temp_settings(tmp_path)) as win:
        yield win
