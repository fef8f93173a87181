"""One window per store: the guard, and a real second process on the same or another store."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from centres_app.cli import main
from centres_app.ui.app import startup as app_module
from centres_app.ui.app.single_instance import InstanceGuard, StoreGuard, store_key, store_key_of
from centres_app.ui.window.main_window import MainWindow
from tests.ui.main_window_fixtures import answer_message_boxes, temp_settings

ROOT = Path(__file__).resolve().parents[3]
PROCESS_TIMEOUT = 60  # seconds, for every child process


@pytest.fixture
def runtime() -> Iterator[Path]:
    """A private lock folder, short enough for Unix socket paths (pytest's tmp_path is not)."""
    folder = Path(tempfile.mkdtemp(prefix="ca-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _guard(key: str, folder: Path) -> InstanceGuard:
    return InstanceGuard(key, folder)


def _activate_from_child(qtbot, key: str, folder: Path) -> bool:  # noqa: ANN001
    """A later claimant in another process (as in real life), while this one runs its loop.

    Not a thread: PySide keeps the GIL in QLocalSocket's blocking waits, so the holder's
    slot could not run in the meantime.
    """
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "from centres_app.ui.app.single_instance import InstanceGuard\n"
        "app = QCoreApplication([])\n"
        "print(InstanceGuard(sys.argv[1], Path(sys.argv[2])).activate_running(10000))\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, key, str(folder)],
        cwd=ROOT,
        env=_child_env(folder, folder),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        qtbot.waitUntil(lambda: proc.poll() is not None, timeout=PROCESS_TIMEOUT * 1000)
    finally:
        out, _ = _stop(proc)
    return out.strip() == "True"


def _child_env(home: Path, runtime: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "CENTRES_APP_DB"}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_RUNTIME_DIR=str(runtime),
        APPDATA=str(home / "appdata"),
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(ROOT),
    )
    return env


def _start_window(db: Path, home: Path, runtime: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "centres_app", "--db", str(db)],
        cwd=ROOT,
        env=_child_env(home, runtime),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _stop(proc: subprocess.Popen[str]) -> tuple[str, str]:
    """The child killed if still running; its stdout and stderr."""
    if proc.poll() is None:
        proc.kill()
    out, err = proc.communicate(timeout=10)
    return out or "", err or ""


# --- the store's identity ---------------------------------------------------------------------


def test_one_file_spelled_two_ways_is_one_key_and_the_password_is_no_part_of_it(tmp_path):
    db = tmp_path / "store.db"
    db.touch()
    link = tmp_path / "link.db"
    link.symlink_to(db)
    key = store_key(str(db))
    assert key == store_key(str(tmp_path / "sub" / ".." / "store.db"))
    assert key == store_key(str(link)) == store_key("sqlite:///" + str(db))
    assert key == store_key_of(SimpleNamespace(db_path=db, url="sqlite+pysqlite:///" + str(db)))
    assert key != store_key(str(tmp_path / "other.db"))
    server = store_key("postgresql+psycopg://anne:secret@Serveur:5432/centres")
    assert server == store_key("postgresql://anne@serveur/centres")
    assert server == store_key_of(
        SimpleNamespace(db_path=None, url="postgresql+psycopg://anne:***@serveur:5432/centres")
    )
    assert "secret" not in (server or "")
    assert store_key("sqlite://") is None
    assert store_key_of(SimpleNamespace(db_path=None, url="sqlite://")) is None


# --- the guard ----------------------------------------------------------------------------------


def test_a_second_guard_on_the_key_fails_and_wakes_the_first(qtbot, runtime):
    first, second = _guard("sqlite:/x.db", runtime), _guard("sqlite:/x.db", runtime)
    try:
        assert first.acquire()
        assert not second.acquire()
        with qtbot.waitSignal(first.activation_requested, timeout=PROCESS_TIMEOUT * 1000):
            assert _activate_from_child(qtbot, "sqlite:/x.db", runtime)
        assert first.held and not second.held
    finally:
        first.release()
        second.release()


def test_released_key_can_be_taken_again_and_other_keys_never_conflict(runtime):
    first, again = _guard("sqlite:/x.db", runtime), _guard("sqlite:/x.db", runtime)
    other = _guard("sqlite:/y.db", runtime)
    try:
        assert first.acquire()
        assert other.acquire()  # another store: its own window
        first.release()
        assert not first.lock_path.exists()
        assert again.acquire()
    finally:
        for guard in (first, again, other):
            guard.release()


def test_nobody_answers_for_a_free_key_within_the_deadline(runtime):
    started = time.monotonic()
    assert not _guard("sqlite:/free.db", runtime).activate_running(300)
    assert time.monotonic() - started < 5


def test_a_lock_left_by_a_killed_process_is_taken_over(qtbot, runtime):
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "from centres_app.ui.app.single_instance import InstanceGuard\n"
        "app = QCoreApplication([])\n"
        "guard = InstanceGuard('sqlite:/crash.db', Path(sys.argv[1]))\n"
        "print('held' if guard.acquire() else 'refused', flush=True)\n"
        "time.sleep(60)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(runtime)],
        cwd=ROOT,
        env=_child_env(runtime, runtime),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "held"  # bounded: the child sleeps 60 s at most
        mine = _guard("sqlite:/crash.db", runtime)
        assert not mine.acquire()
        proc.kill()  # SIGKILL: no clean-up, the lock file and the socket stay behind
        proc.wait(timeout=10)
        assert mine.lock_path.exists()
        assert mine.acquire()
        # The stale socket was replaced: a later claimant reaches the new holder.
        with qtbot.waitSignal(mine.activation_requested, timeout=PROCESS_TIMEOUT * 1000):
            assert _activate_from_child(qtbot, "sqlite:/crash.db", runtime)
        mine.release()
    finally:
        _stop(proc)


def test_store_guard_follows_the_opened_store_and_gives_way_to_another_window(runtime, tmp_path):
    x, y = tmp_path / "x.db", tmp_path / "y.db"
    elsewhere = _guard(store_key(str(y)) or "", runtime)
    guard = StoreGuard(runtime, answer_timeout_ms=300)  # « elsewhere » cannot answer here
    try:
        assert guard.claim(str(x))
        assert guard.key == store_key(str(x))
        assert elsewhere.acquire()  # « another window » shows y
        assert not guard.follow(SimpleNamespace(db_path=y, url=""))
        assert guard.key == store_key(str(x))  # still on x
        assert "déjà ouverte dans une autre fenêtre" in guard.refusal_message()
        assert str(y) in guard.refusal_message()
        elsewhere.release()
        assert guard.follow(SimpleNamespace(db_path=y, url=""))
        assert guard.key == store_key(str(y))
        assert _guard(store_key(str(x)) or "", runtime).acquire()  # x given back
    finally:
        guard.release()
        elsewhere.release()


# --- a real second process ----------------------------------------------------------------------


def test_a_second_start_on_the_shown_store_raises_the_window_and_exits_0(
    qtbot, sample_db, tmp_path, runtime, monkeypatch
):
    monkeypatch.setattr(app_module, "settings", lambda: temp_settings(tmp_path))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    seen: dict[str, object] = {}
    deadline = time.monotonic() + PROCESS_TIMEOUT

    def windows() -> list[MainWindow]:
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]

    def step() -> None:
        shown = [w for w in windows() if w.isVisible()]
        proc = seen.get("proc")
        if proc is None:
            if shown:
                seen["proc"] = _start_window(sample_db, tmp_path / "home", runtime)
        elif proc.poll() is not None or time.monotonic() > deadline:
            seen["stderr"] = _stop(proc)[1]
            seen["code"] = proc.returncode
            seen["status"] = shown[0].statusBar().currentMessage() if shown else ""
            for window in shown:
                window.close()
            return
        if time.monotonic() > deadline:
            for window in windows():
                window.close()
            return
        QTimer.singleShot(50, step)

    QTimer.singleShot(0, step)
    assert main(["--db", str(sample_db)]) == 0
    assert seen["code"] == 0
    assert "est déjà ouverte dans une autre fenêtre ; elle a été mise au premier plan" in str(
        seen["stderr"]
    )
    assert "Traceback" not in str(seen["stderr"])
    assert "déjà ouverte dans cette fenêtre" in str(seen["status"])
    assert not list(runtime.glob("*.lock"))  # given back when the window closed


def test_a_start_on_another_store_opens_its_own_window(qtbot, sample_db, tmp_path, runtime):
    mine = _guard(store_key(str(sample_db)) or "", runtime)
    assert mine.acquire()
    other_db = tmp_path / "other.db"
    proc = _start_window(other_db, tmp_path / "home", runtime)
    try:
        other = _guard(store_key(str(other_db)) or "", runtime)
        deadline = time.monotonic() + PROCESS_TIMEOUT
        answered = False
        while not answered and proc.poll() is None and time.monotonic() < deadline:
            # Its window answers on its own socket once it holds the other store.
            answered = other.activate_running(1000)
        running = proc.poll() is None  # not sent away as a duplicate
        held_there = not other.acquire()
    finally:
        _, err = _stop(proc)
        mine.release()
    assert answered and running and held_there, err
    assert "déjà ouverte" not in err


def test_two_starts_at_the_same_moment_give_exactly_one_window(sample_db, tmp_path, runtime):
    procs = [_start_window(sample_db, tmp_path / "home", runtime) for _ in range(2)]
    try:
        deadline = time.monotonic() + PROCESS_TIMEOUT
        while all(p.poll() is None for p in procs) and time.monotonic() < deadline:
            time.sleep(0.1)
        gone = [p for p in procs if p.poll() is not None]
        staying = [p for p in procs if p.poll() is None]
        # The one left shows the store: it answers on its socket.
        answered = _guard(store_key(str(sample_db)) or "", runtime).activate_running(10000)
        still_running = [p for p in staying if p.poll() is None]
    finally:
        outputs = [_stop(p) for p in procs]
    assert len(gone) == 1 and len(still_running) == 1, outputs
    assert gone[0].returncode == 0
    assert "déjà ouverte dans une autre fenêtre" in outputs[procs.index(gone[0])][1]
    assert answered


# --- the store changes after the claim ------------------------------------------------------


@pytest.fixture
def other_window(sample_db, tmp_path, runtime, monkeypatch) -> Iterator[Path]:
    """Another store, shown by « another window » (a guard of this process, which cannot
    answer its own blocking client: the answer is taken as given, it is tested above)."""
    monkeypatch.setattr(app_module, "settings", lambda: temp_settings(tmp_path))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.setattr(InstanceGuard, "activate_running", lambda self, timeout_ms=5000: True)
    other = tmp_path / "other.db"
    shutil.copyfile(sample_db, other)
    guard = _guard(store_key(str(other)) or "", runtime)
    assert guard.acquire()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))
    try:
        yield other
    finally:
        guard.release()


def test_the_file_chosen_after_an_open_error_shown_elsewhere_is_not_opened_twice(
    qtbot, tmp_path, runtime, other_window, monkeypatch, capsys
):
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("ceci n'est pas une base\n" * 100, encoding="utf-8")
    shown = answer_message_boxes(monkeypatch, "Ouvrir une autre base…")
    assert main(["--db", str(not_a_db)]) == 0
    assert len(shown) == 1
    err = capsys.readouterr().err
    assert f"la base {other_window} est déjà ouverte dans une autre fenêtre" in err
    assert not any(isinstance(w, MainWindow) for w in QApplication.topLevelWidgets())
    assert len(list(runtime.glob("*.lock"))) == 1  # the other window's only


def test_opening_another_base_shown_elsewhere_keeps_the_current_one(
    qtbot, sample_db, tmp_path, runtime, other_window, monkeypatch
):
    # The « Ouvrir une autre base… » answer to a damaged store (_Session._on_checked).
    from centres_app.db.store import Store

    guard = StoreGuard(runtime)
    assert guard.claim(str(sample_db))
    store = Store.open(sample_db)
    session = app_module._Session(
        QApplication.instance(), store, Store.open, temp_settings(tmp_path), guard
    )
    shown = answer_message_boxes(monkeypatch, "OK")
    other = Store.open(other_window)
    try:
        assert not session._guard_follows(other)
        assert shown == [
            f"La base {other_window} est déjà ouverte dans une autre fenêtre ; elle a été mise "
            "au premier plan."
        ]
        assert guard.key == store_key(str(sample_db))
        assert other.engine.pool.checkedout() == 0  # closed
    finally:
        session.finish()
    assert guard.key is None
    again = _guard(store_key(str(sample_db)) or "", runtime)
    assert again.acquire()  # given back by finish()
    again.release()


def test_commands_are_not_blocked_by_the_window(sample_db, runtime, monkeypatch, capsys):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    window = _guard(store_key(str(sample_db)) or "", runtime)
    assert window.acquire()
    try:
        assert main(["--db", str(sample_db), "list"]) == 0
        assert main(["--db", str(sample_db), "check"]) == 0
    finally:
        window.release()
    assert "déjà ouverte" not in capsys.readouterr().err
