"""Commits of other processes (the command line, another program) show by themselves: the
store's change token (PRAGMA data_version on SQLite) is looked at every CHANGE_POLL_MS, in a
worker thread: reading it waits for the in-memory index's lock, which a save holds while the
index patches itself (up to ~0.5 s at 100,000 actions, issue 17)."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from centres_app.errors import AppError
from centres_app.ui import tasks

CHANGE_POLL_MS = 2000


class ChangeWatcher(QObject):
    """Emits changed() when another process committed, looked at while `window` is visible.

    The window is the parent (no Python reference to it: a bound method of the window held
    here would make a cycle that keeps a closed window alive).
    """

    changed = Signal()

    def __init__(self, token: Callable[[], int | None], window: QWidget) -> None:
        super().__init__(window)
        self._token = token
        self._timer = QTimer(self)
        self._timer.setInterval(CHANGE_POLL_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._seen = self._read()
        self._reading = False  # a look is under way in a worker

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _read(self) -> int | None:
        try:
            return self._token()
        except AppError:
            return None

    def _on_timer_timeout(self) -> None:
        window = self.parent()
        if not isinstance(window, QWidget) or not window.isVisible() or self._reading:
            return
        self._reading = True
        tasks.runner().start("change-token", self._read, self._on_read, self._on_read_failed)

    def _on_read(self, token: int | None) -> None:
        if not shiboken6.isValid(self):
            return  # the window is gone
        self._reading = False
        if not self._timer.isActive():
            return  # stopped meanwhile (the window closes)
        if token is not None and token != self._seen:
            self._seen = token
            self.changed.emit()

    def _on_read_failed(self, _error: BaseException) -> None:
        if shiboken6.isValid(self):
            self._reading = False
