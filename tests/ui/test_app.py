"""GUI start-up: `run_gui` opens the window on the chosen store, or explains why it cannot."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from centres_app.cli import main
from centres_app.ui import app as app_module
from centres_app.ui.main_window import MainWindow
from tests.ui.main_window_fixtures import answer_message_boxes, temp_settings


def test_unusable_store_gives_a_french_message_and_exit_2(qtbot, tmp_path, monkeypatch):
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("ceci n'est pas une base\n" * 100, encoding="utf-8")
    shown = answer_message_boxes(monkeypatch, "Fermer")
    assert main(["--db", str(not_a_db)]) == 2
    assert len(shown) == 1 and shown[0].startswith("Impossible d'ouvrir la base d'actions.")
    assert "Traceback" not in shown[0]
    assert not any(isinstance(w, MainWindow) for w in QApplication.topLevelWidgets())


def test_run_gui_opens_the_window_on_the_store(qtbot, sample_db, tmp_path, monkeypatch):
    monkeypatch.setattr(app_module, "settings", lambda: temp_settings(tmp_path))
    seen = []

    def close_when_shown():
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        if windows and windows[0].isVisible():
            seen.append((windows[0].windowTitle(), windows[0].result_count.text()))
            windows[0].close()
        else:
            QTimer.singleShot(50, close_when_shown)

    QTimer.singleShot(0, close_when_shown)
    assert main(["--db", str(sample_db)]) == 0
    assert seen == [("Actions des centres sociaux", "18 actions")]
    assert (tmp_path / "settings.ini").exists()
