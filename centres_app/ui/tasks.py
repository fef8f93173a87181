"""The one task runner: all work that leaves the GUI thread starts, reports and is awaited here.

Built on Qt's own QThreadPool (as napari's `_qt/qthreading.py`; Anki's `qt/aqt/taskman.py` for
the shape). Three ways in:

- `TaskRunner.start`: a plain background job; its result or error comes back as a call in the
  GUI thread.
- `Latest`: a named channel where the newest request wins (typing drives it): each request gets a
  generation, a result whose generation is no longer the latest is dropped.
- `TaskRunner.run_modal`: a long job behind a window-modal progress dialog (with « Annuler » when
  it can stop); the caller gets its result or its exception back, as from a plain call.

Every job is registered while it runs; `await_all()` drains them before the store is swapped
(restore a backup, open another base) and at quit. Results come back through a queued signal:
no widget is touched off the GUI thread. An error that ends in the runner (a background job, a
channel) prints its full traceback on stderr; the French message goes to the job's `on_failed`.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import traceback
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QThreadPool, QTimer, Signal

from centres_app import gui_turn
from centres_app.errors import AppError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

T = TypeVar("T")

# How long a job may hold the GIL while the GUI thread waits for it (Python's default: 5 ms).
# Every Qt call the GUI thread makes from Python gives the GIL up and takes it back, every
# paint calls data() and flags() hundreds of times: with a job busy, each of those waits up to
# this long. 1 ms made a repaint of the list and the detail pane 80-190 ms instead of 20-50 at
# 100,000 actions (issue 17); 0.1 ms costs the jobs a few more switches, only while the GUI
# thread asks for the GIL.
SWITCH_INTERVAL_S = 0.0001

# A job's progress report: (done, total) -> False once the user has asked to cancel.
Progress = Callable[[int, int], bool]


class Cancelled(Exception):
    """The user cancelled a long job (raised by the job when its progress report says so)."""


def describe(exc: BaseException) -> str:
    """The message of a failure for the user: an AppError's French text, else type and text."""
    return str(exc) if isinstance(exc, AppError) else f"{type(exc).__name__}: {exc}"


@dataclass(eq=False)
class Task:
    """One job the runner knows about, from its start until its work has returned."""

    name: str
    wait_at_quit: bool = True
    done: threading.Event = field(default_factory=threading.Event)


class TaskRunner(QObject):
    """Starts jobs in its thread pool, relays their ends to the GUI thread, knows what runs."""

    # Internal: a closure emitted from a worker thread, called in the GUI thread (queued).
    _delivered = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # The jobs share the GIL with the GUI thread, which takes it again after every Qt call
        # it makes into Python (a paint asks data() hundreds of times): with the default 5 ms
        # switch interval each of those may wait 5 ms behind a busy job (issue 17).
        sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL_S))
        self._pool = QThreadPool(self)
        # Jobs mostly wait on SQLite or the disk: a long one (the quick check of a large store)
        # must not hold back the short ones typing starts.
        self._pool.setMaxThreadCount(8)
        self._tasks: set[Task] = set()
        self._channels: weakref.WeakSet[Latest] = weakref.WeakSet()
        self._lock = threading.Lock()
        self._delivered.connect(self._on_delivered, Qt.ConnectionType.QueuedConnection)

    # --- what runs ------------------------------------------------------------------------------

    def running(self) -> list[str]:
        """The names of the jobs whose work has not returned yet."""
        with self._lock:
            return sorted(task.name for task in self._tasks)

    def await_all(self, at_quit: bool = False) -> None:
        """Waits until no job runs; channels forget their requests (answers are dropped).

        Before the store is swapped: nothing may still read the old one. At quit (`at_quit`),
        the jobs started with `wait_at_quit=False` are left to the end of the process.
        """
        for channel in list(self._channels):
            if shiboken6.isValid(channel):
                channel.cancel()
        with self._lock:
            tasks = [t for t in self._tasks if t.wait_at_quit or not at_quit]
        for task in tasks:
            task.done.wait()

    # --- starting -------------------------------------------------------------------------------

    def start(
        self,
        name: str,
        work: Callable[[], T],
        on_done: Callable[[T], object] | None = None,
        on_failed: Callable[[BaseException], object] | None = None,
        *,
        wait_at_quit: bool = True,
        report_failure: bool = True,
    ) -> Task:
        """Runs `work()` off the GUI thread; then `on_done(result)` or `on_failed(error)` in it.

        A failure prints its traceback on stderr (unless `report_failure` is False: the
        caller re-raises it). `wait_at_quit=False`: a read-only job quitting must not wait for
        (the quick check); it runs in a daemon thread the process may leave behind.
        """
        task = Task(name, wait_at_quit)
        with self._lock:
            self._tasks.add(task)
        delivered = self._delivered

        def run() -> None:
            thread = threading.current_thread()
            thread_name, thread.name = thread.name, name
            try:
                gui_turn.give_way()  # (a job asked during a paint starts after it)
                result = work()
            except BaseException as exc:  # noqa: BLE001 - relayed to the GUI thread below
                failure: BaseException = exc

                def deliver() -> None:
                    if report_failure and not isinstance(failure, Cancelled):
                        print(f"centres-app : échec de la tâche « {name} » :", file=sys.stderr)
                        traceback.print_exception(failure, file=sys.stderr)
                    if on_failed is not None:
                        on_failed(failure)

            else:

                def deliver() -> None:
                    if on_done is not None:
                        on_done(result)

            finally:
                thread.name = thread_name
                with self._lock:
                    self._tasks.discard(task)
                task.done.set()
            # RuntimeError: the runner is gone (the app closed meanwhile): nobody to tell.
            with contextlib.suppress(RuntimeError):
                delivered.emit(deliver)

        if wait_at_quit:
            self._pool.start(run)
        else:
            threading.Thread(target=run, name=name, daemon=True).start()
        return task

    def _on_delivered(self, deliver: Callable[[], None]) -> None:
        # What a job brings (rows, counts, a preview) is shown before other jobs go on.
        with gui_turn.painting():
            deliver()

    def latest(
        self, name: str, work: Callable[[Any], Any], parent: QObject | None = None
    ) -> Latest:
        """A newest-request-wins channel running `work(argument)` (see `Latest`)."""
        channel = Latest(self, name, work, parent)
        self._channels.add(channel)
        return channel

    def run_modal(
        self,
        parent: QWidget,
        label: str,
        work: Callable[[Progress], T],
        *,
        name: str,
        cancellable: bool = False,
        object_name: str = "busyProgress",
        minimum_duration: int = 300,
    ) -> T:
        """Runs `work(progress)` off the GUI thread behind a window-modal progress dialog.

        Returns its result or raises its exception, as a plain call would; raises Cancelled
        when the user pressed « Annuler » (the work stops at its next progress report; its
        result, if it finished anyway, is dropped). Without `cancellable` the dialog has no
        button: what runs then cannot be stopped halfway (an atomic write, one transaction).
        The GUI thread keeps handling events meanwhile; the modality keeps the window's
        commands out of reach until the job has ended.
        """
        from PySide6.QtWidgets import QProgressDialog  # the headless printing imports this module

        dialog = QProgressDialog(
            label,
            QCoreApplication.translate("Tasks", "Annuler") if cancellable else "",
            0,
            0,
            parent,
        )
        dialog.setObjectName(object_name)
        if not cancellable:
            dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(minimum_duration)
        dialog.setValue(0)
        cancel = threading.Event()
        reporter = _ProgressRelay()

        def on_progressed(done: int, total: int) -> None:
            dialog.setMaximum(max(1, total))
            dialog.setValue(done)
            if dialog.wasCanceled():
                cancel.set()

        reporter.progressed.connect(on_progressed, Qt.ConnectionType.QueuedConnection)
        dialog.canceled.connect(cancel.set)

        def progress(done: int, total: int) -> bool:
            with contextlib.suppress(RuntimeError):
                reporter.progressed.emit(done, total)
            return not cancel.is_set()

        loop = QEventLoop()
        outcome: dict[str, Any] = {}

        def finish(key: str, value: object) -> None:
            outcome[key] = value
            loop.quit()

        # Started from the loop below, once the events already posted are delivered: the
        # window's repaint after a dialog closed (a file chosen) runs before the job takes
        # its share of the GIL, not beside it (issue 17).
        QTimer.singleShot(
            1,  # (a timer: after the posted events, low-priority repaints included)
            lambda: self.start(
                name,
                lambda: work(progress),
                lambda result: finish("value", result),
                lambda error: finish("error", error),
                report_failure=False,
            ),
        )
        # The end is a queued call: it cannot be delivered before exec(), so none is missed.
        loop.exec()
        cancelled = cancellable and (cancel.is_set() or dialog.wasCanceled())
        dialog.reset()
        dialog.deleteLater()
        reporter.deleteLater()
        if "error" in outcome:
            # Popped, not read: a local holding the error while its traceback holds this frame
            # is a cycle reaching the caller's window, freed only by the garbage collector.
            raise outcome.pop("error")
        if cancelled:
            raise Cancelled
        return outcome["value"]


class _ProgressRelay(QObject):
    """Carries a job's progress reports into the GUI thread."""

    progressed = Signal(int, int)


class Latest(QObject):
    """A named channel running `work(argument)` where only the newest request's answer counts.

    One request runs at a time: a request made while one runs waits, and only the newest
    waiting one is kept (the intermediate ones are never run); an answer whose generation is
    no longer the latest is stale and dropped. Made by `TaskRunner.latest`.

    Signals:
        finished(object): the result of the latest request.
        failed(str): the French message of an error of the latest request.
    """

    finished = Signal(object)
    failed = Signal(str)

    def __init__(
        self,
        runner: TaskRunner,
        name: str,
        work: Callable[[Any], Any],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._name = name
        self._work = work
        self._generation = 0
        self._pending: tuple[Any] | None = None
        self._task: Task | None = None
        self._soon = False  # a request_soon's start is waiting for the event loop

    @property
    def busy(self) -> bool:
        return self._task is not None or self._pending is not None

    def request(self, argument: Any) -> None:
        """Runs the work on `argument`; an older request still waiting is forgotten."""
        self._generation += 1
        if self._task is not None:
            self._pending = (argument,)
            return
        self._pending = None  # (a request_soon not started yet: this one replaces it)
        self._start(argument)

    def request_soon(self, argument: Any) -> None:
        """As `request`, but the work starts once the events already waiting are handled.

        A job started while the GUI thread relayouts and repaints (a new result, another
        action shown) competes with it for the GIL: every Qt call and every data() of the
        paint waits for the job's switch interval (issue 17). The channel is busy from now on.

        Not a zero timer: Qt posts a repaint at low priority, after every other posted event,
        a zero timer's included; a timer of the event dispatcher fires once the posted events
        (the paint among them) are handled.
        """
        self._generation += 1
        self._pending = (argument,)
        if self._task is None and not self._soon:
            self._soon = True
            QTimer.singleShot(1, self, self._start_soon)

    def _start_soon(self) -> None:
        self._soon = False
        if self._task is None and self._pending is not None:
            (pending,), self._pending = self._pending, None
            self._start(pending)

    def cancel(self) -> None:
        """Forgets the running and waiting requests (their answers will be dropped)."""
        self._generation += 1
        self._pending = None

    def shutdown(self) -> None:
        """Forgets the requests and waits for the running one (before the store is closed)."""
        self.cancel()
        if self._task is not None:
            self._task.done.wait()

    def _start(self, argument: Any) -> None:
        generation = self._generation
        work = self._work
        self._task = self._runner.start(
            self._name,
            lambda: work(argument),
            lambda result: self._on_ended(generation, result, None),
            lambda error: self._on_ended(generation, None, describe(error)),
        )

    def _on_ended(self, generation: int, result: object, error: str | None) -> None:
        if not shiboken6.isValid(self):
            return  # the channel's owner is gone
        self._task = None
        if self._pending is not None:
            (pending,), self._pending = self._pending, None
            self._start(pending)
        if generation != self._generation:
            return  # stale: a newer request was made since
        if error is not None:
            self.failed.emit(error)
        else:
            self.finished.emit(result)


_runner: TaskRunner | None = None


def runner() -> TaskRunner:
    """The application's task runner (made on first use, owned by the QCoreApplication)."""
    global _runner
    if _runner is None or not shiboken6.isValid(_runner):
        _runner = TaskRunner(QCoreApplication.instance())
    return _runner
