"""A store call run off the GUI thread where only the newest request's answer is delivered."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

from centres_app.errors import AppError


class LatestWorker(QObject):
    """Runs `work(argument)` in a one-thread pool; answers of superseded requests are dropped.

    The pattern of search_worker.FacetCounter for any call: each request gets a generation
    number, a request made while one runs waits (only the newest waiting one is kept), and a
    result whose generation is no longer the latest is stale and never emitted.

    Signals:
        finished(object): the result of the latest request.
        failed(str): the French message of an error of the latest request.
    """

    finished = Signal(object)
    failed = Signal(str)
    # Internal: emitted from the worker thread, delivered in the GUI thread (queued).
    _done = Signal(int, object, str)

    def __init__(self, work: Callable[[Any], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._generation = 0
        self._pending: tuple[Any] | None = None
        self._running = False
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._done.connect(self._on_done)

    @property
    def busy(self) -> bool:
        return self._running or self._pending is not None

    def request(self, argument: Any) -> None:
        """Runs the work on `argument`; an older request still waiting is forgotten."""
        self._generation += 1
        if self._running:
            self._pending = (argument,)
            return
        self._start(argument)

    def cancel(self) -> None:
        """Forgets the running and waiting requests (their answers will be dropped)."""
        self._generation += 1
        self._pending = None

    def _start(self, argument: Any) -> None:
        self._running = True
        generation = self._generation
        work = self._work
        done = self._done

        def run() -> None:
            try:
                done.emit(generation, work(argument), "")
            except AppError as exc:
                done.emit(generation, None, str(exc))
            except Exception as exc:  # noqa: BLE001 - reported in the window, not lost in a thread
                done.emit(generation, None, f"{type(exc).__name__}: {exc}")

        self._pool.start(run)

    def _on_done(self, generation: int, result: object, error: str) -> None:
        self._running = False
        if self._pending is not None:
            (pending,), self._pending = self._pending, None
            self._start(pending)
        if generation != self._generation:
            return  # stale: a newer request was made since
        if error:
            self.failed.emit(error)
        else:
            self.finished.emit(result)

    def shutdown(self) -> None:
        """Waits for the running call (before the store is closed)."""
        self.cancel()
        self._pool.waitForDone()
