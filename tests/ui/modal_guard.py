"""No modal dialog waits forever in a test: an unanswered exec() is closed after a deadline.

On the offscreen platform nobody clicks: a QDialog.exec() that no test answers (a patched
exec, a timer) would block the test, and the whole run, forever. tests/ui/conftest.py wraps
exec() of every dialog with `bounded_exec` and fails the test that left one waiting.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QMessageBox

# Long enough for a test that answers a real dialog from a timer on a loaded machine.
MODAL_DEADLINE_MS = 10_000


def describe(dialog: QDialog) -> str:
    text = dialog.text() if isinstance(dialog, QMessageBox) else ""
    return f"{type(dialog).__name__} « {dialog.windowTitle()} » {text}".strip()


def bounded_exec(
    original: Callable[[QDialog], int], deadline_ms: int, unanswered: list[str]
) -> Callable[[QDialog], int]:
    """`original` (a dialog's exec) that rejects the dialog once `deadline_ms` have passed,
    noting it in `unanswered`."""

    def exec_(dialog: QDialog) -> int:
        timer = QTimer(dialog)
        timer.setSingleShot(True)

        def give_up() -> None:
            unanswered.append(describe(dialog))
            dialog.done(QDialog.DialogCode.Rejected.value)

        timer.timeout.connect(give_up)
        timer.start(deadline_ms)
        try:
            return original(dialog)
        finally:
            timer.stop()
            timer.deleteLater()

    return exec_
