"""Facet counts computed off the GUI thread, newest request wins, so typing is never blocked."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QThreadPool, Signal

from centres_app.domain import FacetValue, SearchRequest
from centres_app.errors import AppError

Facets = dict[str, tuple[FacetValue, ...]]


class FacetCounter(QObject):
    """Runs `count_facets(request)` in a thread pool and reports only the latest result.

    Each request gets a generation number; a result that arrives after a newer request was
    made is stale and dropped. One worker thread is enough: a newer request waits for the
    older one instead of competing with it for the database.

    Signals:
        facets_updated(object): the counts (dict facet -> tuple[FacetValue]) of the last request.
        facets_failed(str): the French message of an error while counting.
    """

    facets_updated = Signal(object)
    facets_failed = Signal(str)
    # Internal: emitted from the worker thread, delivered in the GUI thread (queued).
    _finished = Signal(int, object, str)

    def __init__(
        self, count_facets: Callable[[SearchRequest], Facets], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._count_facets = count_facets
        self._generation = 0
        self._pending: SearchRequest | None = None
        self._running = False
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._finished.connect(self._on_finished)

    @property
    def busy(self) -> bool:
        return self._running or self._pending is not None

    def request(self, request: SearchRequest) -> None:
        """Counts the facets of `request`; any older request still queued is forgotten."""
        self._generation += 1
        if self._running:
            # Only the newest waiting request matters: the intermediate ones are skipped.
            self._pending = request
            return
        self._start(request)

    def _start(self, request: SearchRequest) -> None:
        self._running = True
        generation = self._generation
        count_facets = self._count_facets
        finished = self._finished

        def run() -> None:
            try:
                finished.emit(generation, count_facets(request), "")
            except AppError as exc:
                finished.emit(generation, None, str(exc))
            except Exception as exc:  # noqa: BLE001 - reported in the window, not lost in a thread
                finished.emit(generation, None, f"{type(exc).__name__}: {exc}")

        self._pool.start(run)

    def _on_finished(self, generation: int, facets: Facets | None, error: str) -> None:
        self._running = False
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self._start(pending)
        if generation != self._generation:
            return  # stale: the user has typed since
        if facets is None:
            self.facets_failed.emit(error)
        else:
            self.facets_updated.emit(facets)

    def shutdown(self) -> None:
        """Waits for the running count (before the store is closed)."""
        self._pending = None
        self._generation += 1
        self._pool.waitForDone()
