"""Garbage collection on the GUI thread only, as Anki does (aqt/garbage_collection.py).

Python's automatic collection runs in whichever thread happens to allocate past a threshold:
with the task runner's workers (searches, saves, similar actions), a cycle holding Qt objects
(a dialog and the lambda connected to its signal, a window left by a closure) could be freed in
a worker thread, and deleting a QWidget outside the GUI thread crashes the process (seen in
the test suite: a segmentation fault while a worker read similar actions). While the window
runs, automatic collection is off and a timer collects on the GUI thread, the generations
that Python's own thresholds ask for.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

__all__ = ["MainThreadCollector"]

INTERVAL_MS = 1000


class MainThreadCollector(QObject):
    """Turns automatic collection off and collects on the GUI thread every INTERVAL_MS;
    `stop()` turns it back on (and collects once)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.collect)
        self._timer.start()

    def collect(self) -> int:
        """Collects the oldest generation whose threshold is passed (none: nothing)."""
        counts = gc.get_count()
        thresholds = gc.get_threshold()
        generation = -1
        for i in range(3):
            if counts[i] > thresholds[i]:
                generation = i
        return gc.collect(generation) if generation >= 0 else 0

    def stop(self) -> None:
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()
