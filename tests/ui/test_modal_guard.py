"""The test suite's own guard (tests/ui/modal_guard.py): an unanswered dialog cannot hang a test."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QMessageBox

from tests.ui.modal_guard import bounded_exec


def test_an_unanswered_box_is_closed_after_the_deadline_and_noted(qtbot):
    unanswered: list[str] = []
    box = QMessageBox(QMessageBox.Icon.Warning, "Question", "Personne ne répond ?")
    qtbot.addWidget(box)
    started = time.monotonic()
    result = bounded_exec(QMessageBox.exec, 200, unanswered)(box)
    assert time.monotonic() - started < 5
    assert result == QDialog.DialogCode.Rejected.value
    assert unanswered == ["QMessageBox « Question » Personne ne répond ?"]
    assert not box.isVisible()


def test_an_answered_dialog_is_not_noted(qtbot):
    unanswered: list[str] = []
    dialog = QDialog()
    qtbot.addWidget(dialog)
    QTimer.singleShot(50, dialog.accept)
    assert bounded_exec(QDialog.exec, 5000, unanswered)(dialog) == 1
    assert unanswered == []
