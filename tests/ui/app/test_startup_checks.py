"""Start-up safety through the real entry point: a damaged store, a store that cannot be opened,
a risky location, the daily backup. Real files; dialogs answered through patched exec()."""

from __future__ import annotations

import gc
import sqlite3
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton

from centres_app import config
from centres_app.cli import main
from centres_app.db.store import Store
from centres_app.ui.app import startup as app_module
from centres_app.ui.dialogs.restore_backup_dialog import RestoreBackupDialog
from centres_app.ui.window.main_window import MainWindow
from tests.damaged_pages import leaf_page_offset
from tests.ui.main_window_fixtures import (
    answer_message_boxes,
    close_main_window_when,
    poll,
    temp_settings,
)


def damage(db: Path, where: float = 0.3) -> bytes:
    """Overwrites one page in the middle of the file (the header stays valid)."""
    data = bytearray(db.read_bytes())
    offset = int(len(data) * where) // 4096 * 4096
    data[offset : offset + 4096] = b"\xab" * 4096
    db.write_bytes(bytes(data))
    return bytes(data)


def page_fraction(db: Path, table: str) -> float:
    """Where in the file (0-1) a page of `table` is, for `damage`."""
    return (leaf_page_offset(db, table) + 2048) / db.stat().st_size


def count_in(path: Path) -> int:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        return conn.execute("SELECT count(*) FROM action").fetchone()[0]
    finally:
        conn.close()


def close_window_when_shown(seen: list) -> None:
    """Closes the main window once run_gui has shown it and its background checks (quick
    check, daily backup) are over, noting its status-bar message (bounded: see `poll`)."""
    close_main_window_when(lambda w: bool(w.property(app_module.STARTUP_DONE)), seen)


@pytest.fixture(autouse=True)
def _settings(tmp_path, monkeypatch):
    monkeypatch.setattr(app_module, "settings", lambda: temp_settings(tmp_path))


def test_damaged_store_asks_and_quit_exits_2_without_touching_the_file(
    qtbot, sample_db, monkeypatch
):
    damaged = damage(sample_db)
    shown = answer_message_boxes(monkeypatch, "Quitter")
    # Windows of earlier tests may still wait for their deletion: only this run's count.
    earlier = {id(w) for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)}
    assert main(["--db", str(sample_db)]) == 2
    assert len(shown) == 1
    assert shown[0].startswith("La base d'actions « store.db » est endommagée :\n• ")
    assert "malformed" in shown[0] or "Intégrité" in shown[0]
    assert "Traceback" not in shown[0]
    assert sample_db.read_bytes() == damaged
    assert not (sample_db.parent / "sauvegardes").exists()
    assert not any(
        isinstance(w, MainWindow) and id(w) not in earlier for w in QApplication.topLevelWidgets()
    )


def test_damaged_store_restored_from_a_backup_then_the_window_opens(qtbot, sample_db, monkeypatch):
    store = Store.open(sample_db)
    backup = store.backup()
    store.close()
    damage(sample_db)

    def fake_exec(dialog: RestoreBackupDialog) -> int:
        assert dialog.list.topLevelItemCount() == 1
        dialog.select_row(0)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(RestoreBackupDialog, "exec", fake_exec)
    shown = answer_message_boxes(monkeypatch, "Restaurer une sauvegarde…", "Restaurer", "OK")
    seen: list = []
    close_window_when_shown(seen)
    assert main(["--db", str(sample_db)]) == 0
    assert shown[1] == f"Remplacer la base par « {backup.path.name} » (18 actions) ?"
    assert "L'ancienne base a été gardée dans" in shown[2]
    assert seen[0][0] == "18 actions"
    assert count_in(sample_db) == 18


def test_continue_anyway_opens_the_window_but_makes_no_automatic_backup(
    qtbot, sample_db, monkeypatch
):
    damage(sample_db)
    answer_message_boxes(monkeypatch, "Continuer quand même")
    seen: list = []
    close_window_when_shown(seen)
    assert main(["--db", str(sample_db)]) == 0
    assert seen and not seen[0][1].startswith("Sauvegarde automatique")
    assert not (sample_db.parent / "sauvegardes").exists()


def test_a_sound_store_gets_its_daily_backup_reported(qtbot, sample_db, monkeypatch):
    seen: list = []
    close_window_when_shown(seen)
    assert main(["--db", str(sample_db)]) == 0
    assert seen[0][1].startswith("Sauvegarde automatique : ")
    backups = list((sample_db.parent / "sauvegardes").glob("*.db"))
    assert len(backups) == 1 and count_in(backups[0]) == 18
    assert str(backups[0]) in seen[0][1]


def test_unusable_file_offers_to_open_another_base(qtbot, sample_db, tmp_path, monkeypatch):
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("ceci n'est pas une base\n" * 100, encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(sample_db), ""))
    shown = answer_message_boxes(monkeypatch, "Ouvrir une autre base…")
    seen: list = []
    close_window_when_shown(seen)
    assert main(["--db", str(not_a_db)]) == 0
    assert shown[0].startswith("Impossible d'ouvrir la base d'actions.")
    assert seen[0][0] == "18 actions"
    assert not_a_db.read_text(encoding="utf-8").startswith("ceci n'est pas une base")


def test_risky_location_warns_until_told_not_to(qtbot, sample_db, tmp_path, monkeypatch):
    reason = "La base se trouve dans un dossier synchronisé dans le nuage (« dropbox »)."
    # Where the store's risk comes from (Store.risk, and the window's store while the real one
    # opens in the background: starting_store.py), told before the store is opened.
    monkeypatch.setattr(config, "risky_location", lambda path: reason)
    shown: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box.text())
        assert "Pour la déplacer" in box.informativeText()
        box.checkBox().setChecked(True)
        next(b for b in box.buttons() if isinstance(b, QPushButton)).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    for _ in range(2):
        seen: list = []
        close_window_when_shown(seen)
        assert main(["--db", str(sample_db)]) == 0
        assert seen
    assert shown == [reason]  # the second start did not ask again
    assert temp_settings(tmp_path).value("startup/riskAcknowledged") == str(sample_db)


def test_the_window_is_shown_before_the_quick_check_ends_then_its_problems_asked(
    qtbot, sample_db, monkeypatch
):
    """On a large store the quick check takes seconds: it runs while the window is usable."""
    release = threading.Event()
    shown_before_check: list[bool] = []

    def slow_check(self, full=False):  # noqa: ANN001, ARG001
        assert release.wait(10)
        return ["Intégrité : page 7 abîmée"]

    def watch() -> bool:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        if any(w.isVisible() and w.result_count.text() == "18 actions" for w in windows):
            shown_before_check.append(True)
            release.set()
            return True
        return False

    monkeypatch.setattr(Store, "check", slow_check)
    poll(watch, interval_ms=20)
    shown = answer_message_boxes(monkeypatch, "Quitter")
    # Windows of earlier tests may still wait for their deletion: only this run's count.
    earlier = {id(w) for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)}
    assert main(["--db", str(sample_db)]) == 2
    assert shown_before_check == [True]
    assert shown == ["La base d'actions « store.db » est endommagée :\n• Intégrité : page 7 abîmée"]
    # A closed window may wait for the cycle collector or the event loop to be deleted.
    gc.collect()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not any(
        isinstance(w, MainWindow) and id(w) not in earlier for w in QApplication.topLevelWidgets()
    )
    assert not (sample_db.parent / "sauvegardes").exists()


def test_a_damaged_list_painted_before_the_question_does_not_take_its_answer(
    qtbot, sample_db, monkeypatch
):
    """Issue 13, made deterministic: the window paints rows of the damaged store before the
    quick check asks. The rows' read failed in data(), each paint opened an « Erreur
    inattendue » box, the first one took « Continuer quand même » and run_gui never returned."""
    # A page of the rows the list reads (fixed fractions of the file move with the schema).
    damage(sample_db, page_fraction(sample_db, "action_term"))
    real_check = Store.check
    painted = threading.Event()

    def check_after_paint(self, full=False):  # noqa: ANN001
        assert painted.wait(10)
        return real_check(self, full)

    def paint() -> bool:
        windows = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        # Rows to paint: the first result comes from a worker thread (issue 17), later under
        # load than the window shows.
        if not windows or windows[0].searcher.busy or not windows[0].action_list.model().rowCount():
            return False
        for _ in range(3):
            windows[0].action_list.grab()  # paints every visible row
        painted.set()
        return True

    monkeypatch.setattr(Store, "check", check_after_paint)
    poll(paint, interval_ms=20)
    shown = answer_message_boxes(monkeypatch, "Continuer quand même")
    seen: list = []
    # Closed once the failed read is reported: the scores' job reports it when it ends, off
    # the GUI thread (the CI once closed the window before, under load).
    close_main_window_when(
        lambda w: (
            bool(w.property(app_module.STARTUP_DONE))
            and w.statusBar().currentMessage().startswith("Lignes illisibles")
        ),
        seen,
    )
    assert main(["--db", str(sample_db)]) == 0
    assert len(shown) == 1
    assert shown[0].startswith("La base d'actions « store.db » est endommagée :")
    assert seen[0][0] == "18 actions"
    assert seen[0][1].startswith("Lignes illisibles dans la liste : La base de données est")


def test_opening_another_base_waits_for_the_jobs_reading_the_first(
    qtbot, sample_db, tmp_path, monkeypatch
):
    """The first store is closed under its readers only once none of them runs (issue 15)."""
    from centres_app.ui import tasks
    from centres_app.ui.app import startup_checks

    other = tmp_path / "autre.db"
    source = sqlite3.connect(f"{sample_db.as_uri()}?mode=ro", uri=True)
    target = sqlite3.connect(other)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    damage(sample_db)
    finished: list[bool] = []

    def slow_reader() -> None:
        threading.Event().wait(0.5)
        finished.append(True)

    real_open_other = startup_checks.open_other_file

    def open_other_file(parent, open_other):  # noqa: ANN001, ANN202
        # A job reading the first store is still running when the other one is chosen.
        tasks.runner().start("reader", slow_reader)
        return real_open_other(parent, open_other)

    running_at_close: list[tuple[str, list[str]]] = []
    real_close = Store.close

    def close(self) -> None:  # noqa: ANN001
        running_at_close.append((Path(self.url.split("///")[-1]).name, tasks.runner().running()))
        real_close(self)

    monkeypatch.setattr(startup_checks, "open_other_file", open_other_file)
    monkeypatch.setattr(Store, "close", close)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))
    answer_message_boxes(monkeypatch, "Ouvrir une autre base…")
    seen: list = []
    close_window_when_shown(seen)
    assert main(["--db", str(sample_db)]) == 0
    assert seen[0][0] == "18 actions"
    assert finished == [True]
    assert running_at_close[0] == ("store.db", [])
