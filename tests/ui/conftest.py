"""UI tests: the shared fixtures (the main window over the sample store); no modal dialog is
left waiting, no error box outlives its test. Helpers to drive the window are in
main_window_fixtures.py; tests/ui/ mirrors centres_app/ui/."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from centres_app.ui import messages
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


@pytest.fixture(autouse=True)
def _collected_on_the_gui_thread():
    """As the app (ui/app/collector.py): no automatic collection during a test, where a worker
    thread could free a previous test's window (a segmentation fault), and one collection after
    it, on this thread."""
    enabled = gc.isenabled()
    gc.disable()
    yield
    gc.unfreeze()  # (what the in-memory index froze, db/memindex.py: this test's windows too)
    gc.collect()
    if enabled:
        gc.enable()


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
