"""« Base de données… »: choosing the store opened at start-up (local file or PostgreSQL)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from centres_app.cli import main
from centres_app.db.store import Store
from centres_app.domain import ActionData
from centres_app.ui.app import startup as app_module
from centres_app.ui.dialogs.store_settings_dialog import (
    SETTINGS_KEY,
    StoreSettingsDialog,
    edit_store_settings,
    postgres_url,
)
from tests.ui.main_window_fixtures import (
    answer_message_boxes,
    close_main_window_when,
    temp_settings,
)


def test_server_fields_make_a_quoted_url_and_the_test_uses_the_password(qtbot):
    probed = []

    def probe(target):
        probed.append(target)
        return False, "Connexion refusée par le serveur."

    dialog = StoreSettingsDialog("sqlite:///x.db", "", probe)
    qtbot.addWidget(dialog)
    dialog.server_radio.setChecked(True)
    dialog.host_edit.setText("serveur.federation.fr")
    dialog.database_edit.setText("centres")
    dialog.user_edit.setText("anne@caf")
    dialog.password_edit.setText("p@ss:wd")
    dialog.test_button.click()
    assert probed == [
        "postgresql+psycopg://anne%40caf:p%40ss%3Awd@serveur.federation.fr:5432/centres"
    ]
    assert dialog.test_result.text() == "Connexion refusée par le serveur."
    # The password is never part of what is saved.
    assert dialog.target() == postgres_url("serveur.federation.fr", 5432, "centres", "anne@caf")


def test_a_saved_server_url_is_shown_back(qtbot):
    dialog = StoreSettingsDialog("x", postgres_url("h", 6543, "base", "u"))
    qtbot.addWidget(dialog)
    assert dialog.server_radio.isChecked()
    assert (dialog.host_edit.text(), dialog.port_spin.value()) == ("h", 6543)
    assert (dialog.database_edit.text(), dialog.user_edit.text()) == ("base", "u")


def test_choice_is_saved_and_opened_at_the_next_start(qtbot, sample_db, tmp_path, monkeypatch):
    other = tmp_path / "autre.db"
    store = Store.open(other)
    store.create(ActionData(title="Seule action", structure="CS", department="Ain", year=2024))
    store.close()
    settings = temp_settings(tmp_path)

    def choose_file(dialog):
        dialog.file_radio.setChecked(True)
        dialog.file_edit.setText(str(other))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(StoreSettingsDialog, "exec", choose_file)
    shown = answer_message_boxes(monkeypatch, "OK")
    assert edit_store_settings(None, settings, "sqlite:///x", None) is True
    assert settings.value(SETTINGS_KEY) == str(other)
    assert "autre.db" in shown[0]

    monkeypatch.setattr(app_module, "settings", lambda: temp_settings(tmp_path))
    monkeypatch.delenv("CENTRES_APP_DB", raising=False)
    seen = []

    close_main_window_when(lambda w: True, seen)
    assert main([]) == 0  # no --db: the saved choice is opened
    assert [count for count, _status in seen] == ["1 action"]


def test_an_unreachable_saved_choice_falls_back_to_the_default(qtbot, tmp_path, monkeypatch):
    settings = temp_settings(tmp_path)
    settings.setValue(SETTINGS_KEY, str(tmp_path / "absent" / "x.db"))
    settings.sync()
    monkeypatch.setattr(app_module, "settings", lambda: temp_settings(tmp_path))
    monkeypatch.delenv("CENTRES_APP_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    shown = answer_message_boxes(monkeypatch, "Fermer")
    seen = []

    close_main_window_when(lambda w: True, seen)
    assert main([]) == 0
    assert "inaccessible" in shown[0]
    # The default store, created with the sample.
    assert [count for count, _status in seen] == ["18 actions"]
    assert (tmp_path / "data" / "centres-app" / "centres.db").exists()
