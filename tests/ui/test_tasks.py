"""The one task runner: newest request wins, errors reach the GUI thread, cancel, drain."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QEvent, QObject, QStringListModel, QTimer
from PySide6.QtWidgets import QListView, QProgressDialog, QWidget

from centres_app.errors import AppError
from centres_app.ui import tasks
from centres_app.ui.tasks import Cancelled, TaskRunner
from tests.ui.commands.test_safety_commands import smaller_backup  # noqa: F401 - fixture
from tests.ui.main_window_fixtures import open_window, temp_settings

DEADLINE_S = 10


@pytest.fixture
def runner(qtbot):  # noqa: ARG001 - the QApplication first
    made = TaskRunner()
    yield made
    made.await_all()
    made.deleteLater()


def test_newest_request_wins_and_a_stale_result_is_dropped(qtbot, runner):
    release = threading.Event()
    ran: list[str] = []

    def work(text: str) -> str:
        ran.append(text)
        if text == "slow":
            assert release.wait(DEADLINE_S)
        return text.upper()

    channel = runner.latest("echo", work)
    results: list[str] = []
    channel.finished.connect(results.append)
    channel.request("slow")
    channel.request("skipped")
    channel.request("latest")
    assert channel.busy and results == [] and runner.running() == ["echo"]
    release.set()
    qtbot.waitUntil(lambda: not channel.busy, timeout=5000)
    # The answer to « slow » came back after « latest » was asked: dropped, never shown.
    assert results == ["LATEST"]
    assert ran == ["slow", "latest"]


def test_a_request_soon_starts_after_the_waiting_events_and_is_busy_meanwhile(qtbot, runner):
    """Issue 17: a job asked while a repaint is due starts after it, not during it."""
    order: list[str] = []
    channel = runner.latest("echo", lambda text: order.append("work " + text) or text.upper())
    results: list[str] = []
    channel.finished.connect(results.append)
    QTimer.singleShot(0, lambda: order.append("event"))
    channel.request_soon("first")
    channel.request_soon("second")  # before the start: replaces it
    assert channel.busy and runner.running() == []
    qtbot.waitUntil(lambda: not channel.busy, timeout=5000)
    assert order == ["event", "work second"]
    assert results == ["SECOND"]
    # A plain request made before the deferred start replaces it; the cancelled one is dropped.
    channel.request_soon("dropped")
    channel.request("now")
    qtbot.waitUntil(lambda: not channel.busy, timeout=5000)
    channel.request_soon("cancelled")
    channel.cancel()
    qtbot.wait(20)
    assert not channel.busy
    assert results == ["SECOND", "NOW"]
    assert order[2:] == ["work now"]


class _PaintLog(QObject):
    def __init__(self, order: list[str]) -> None:
        super().__init__()
        self.order = order

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            self.order.append("paint")
        return False


def test_a_request_soon_starts_after_the_repaint_a_new_result_asked(qtbot, runner):
    """Issue 17: Qt posts a repaint at low priority, after the posted events (a zero timer's
    included): a job started by one ran during the list's paint and made each data() call
    of that paint wait for the GIL. It starts once the paint is done."""
    view = QListView()
    model = QStringListModel(["un", "deux"])
    view.setModel(model)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    qtbot.wait(50)  # the first paints are done
    order: list[str] = []
    paints = _PaintLog(order)
    view.viewport().installEventFilter(paints)
    channel = runner.latest("echo", lambda text: order.append("work " + text) or text)
    model.setStringList(["trois", "quatre", "cinq"])  # a new result: a repaint is due
    channel.request_soon("après")
    qtbot.waitUntil(lambda: not channel.busy, timeout=5000)
    assert order[:2] == ["paint", "work après"]


def test_a_cancelled_channel_drops_the_answer_under_way(qtbot, runner):
    release = threading.Event()
    channel = runner.latest("echo", lambda text: release.wait(DEADLINE_S) and text)
    results: list[str] = []
    channel.finished.connect(results.append)
    channel.request("old")
    channel.cancel()
    release.set()
    qtbot.waitUntil(lambda: not channel.busy, timeout=5000)
    assert results == []


def test_an_error_reaches_the_gui_thread_and_its_traceback_stderr(qtbot, runner, capsys):
    main = threading.current_thread()
    seen: list[tuple[str, bool]] = []

    def broken() -> None:
        raise ValueError("valeur inattendue")

    runner.start(
        "broken",
        broken,
        on_failed=lambda exc: seen.append(
            (tasks.describe(exc), threading.current_thread() is main)
        ),
    )
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == [("ValueError: valeur inattendue", True)]
    err = capsys.readouterr().err
    assert "échec de la tâche « broken »" in err
    assert "Traceback (most recent call last)" in err
    assert 'raise ValueError("valeur inattendue")' in err  # the line in the worker thread


def test_a_channel_error_is_the_french_message(qtbot, runner, capsys):
    def locked(_argument: object) -> None:
        raise AppError("La base est verrouillée.")

    channel = runner.latest("facets", locked)
    with qtbot.waitSignal(channel.failed, timeout=5000) as blocker:
        channel.request(None)
    assert blocker.args == ["La base est verrouillée."]
    assert "AppError: La base est verrouillée." in capsys.readouterr().err


def test_a_long_job_is_cancelled_from_its_progress_dialog(qtbot, runner):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    reports: list[int] = []

    def long_job(progress: tasks.Progress) -> str:
        deadline = time.monotonic() + DEADLINE_S
        step = 0
        while time.monotonic() < deadline:
            if not progress(step, 1000):
                raise Cancelled
            reports.append(step)
            step += 1
            time.sleep(0.01)
        return "fini"  # reached only if the cancel never came

    def press_cancel() -> None:
        dialog = parent.findChild(QProgressDialog, "longJob")
        assert dialog is not None and dialog.isVisible()
        dialog.cancel()

    QTimer.singleShot(400, press_cancel)
    started = time.monotonic()
    with pytest.raises(Cancelled):
        runner.run_modal(
            parent, "Long travail…", long_job, name="long", cancellable=True, object_name="longJob"
        )
    assert time.monotonic() - started < DEADLINE_S / 2
    assert reports  # it did run (and report) before the cancel
    assert runner.running() == []  # the job has ended, not been left behind


def test_a_modal_job_returns_its_result_or_reraises_its_error(qtbot, runner):
    parent = QWidget()
    qtbot.addWidget(parent)
    assert runner.run_modal(parent, "…", lambda _progress: 42, name="answer") == 42
    with pytest.raises(AppError, match="disque plein"):
        runner.run_modal(parent, "…", _disk_full, name="write")


def _disk_full(_progress: tasks.Progress) -> None:
    raise AppError("disque plein")


def test_await_all_drains_the_running_jobs(qtbot, runner):
    finished: list[str] = []

    def slow(name: str) -> None:
        time.sleep(0.3)
        finished.append(name)

    runner.start("one", lambda: slow("one"))
    runner.start("two", lambda: slow("two"))
    assert runner.running() == ["one", "two"]
    runner.await_all()
    assert sorted(finished) == ["one", "two"] and runner.running() == []


def test_at_quit_only_the_jobs_that_must_finish_are_awaited(qtbot, runner):
    release = threading.Event()
    backed_up: list[bool] = []

    def backup() -> None:
        time.sleep(0.3)
        backed_up.append(True)

    runner.start("quick-check", lambda: release.wait(DEADLINE_S), wait_at_quit=False)
    runner.start("daily-backup", backup)
    runner.await_all(at_quit=True)
    assert backed_up == [True]
    assert runner.running() == ["quick-check"]  # a reader the process may leave behind
    release.set()
    runner.await_all()
    assert runner.running() == []


def test_restoring_a_backup_waits_for_the_jobs_reading_the_store(
    qtbot,
    sample_db,
    tmp_path,
    monkeypatch,
    smaller_backup,  # noqa: F811
):
    """The swap replaces the file under every reader: none may still run (issue 15)."""
    with open_window(qtbot, sample_db, temp_settings(tmp_path)) as window:
        store = window.store
        read: list[int] = []

        def reader() -> None:
            time.sleep(0.5)
            read.append(store.count())

        tasks.runner().start("reader", reader)
        running_at_swap: list[list[str]] = []
        real_restore = store.restore_backup

        def restore_backup(path):  # noqa: ANN001, ANN202
            running_at_swap.append(tasks.runner().running())
            return real_restore(path)

        monkeypatch.setattr(store, "restore_backup", restore_backup)
        assert window.safety._restore(smaller_backup) is not None
        assert running_at_swap == [[]]
        assert read == [18]  # the reader saw the old store, whole, before the swap
        assert store.count() == 12
