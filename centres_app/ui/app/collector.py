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
# More new objects than this: a worker thread is in the middle of building something big (the
# 100,000 rows of a query, the index's columns); scanning them would block the GUI thread for
# 50-200 ms (issue 17). The collection waits for them to be freed, for at most DEFER_TICKS
# ticks; still there, they are long-lived and left out of later scans (gc.freeze, as
# db/memindex.py does with its columns).
YOUNG_LIMIT = 25_000
DEFER_TICKS = 3


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
        self._deferred = 0

    def collect(self) -> int:
        """Collects the oldest generation whose threshold is passed (none: nothing); a young
        generation over YOUNG_LIMIT objects waits (see YOUNG_LIMIT)."""
        counts = gc.get_count()
        if counts[0] > YOUNG_LIMIT:
            self._deferred += 1
            if self._deferred <= DEFER_TICKS:
                return 0
            gc.freeze()
            counts = gc.get_count()
        self._deferred = 0
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
