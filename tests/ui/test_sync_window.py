"""Fichier › Synchroniser… (issue 19): the server asked once and remembered without its
password, progress and cancel, the French summary, the list refreshed, errors as messages.

The real window and widgets over the real sample store; the engine is FakeSyncStore
(tests/ui/sync_fake.py), which really changes the store.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QMenu, QMessageBox, QProgressDialog, QPushButton

from centres_app.domain import ActionData, SyncConflict
from centres_app.errors import StoreError
from centres_app.ui.commands.sync import SETTINGS_KEY, with_password
from centres_app.ui.dialogs.store_settings_dialog import postgres_url
from centres_app.ui.dialogs.sync_conflicts_dialog import SyncConflictsDialog
from centres_app.ui.dialogs.sync_server_dialog import SyncServerDialog
from tests.ui.main_window_fixtures import (
    answer_message_boxes,
    editor,
    list_titles,
    select_title,
    temp_settings,
)
from tests.ui.sync_fake import open_sync_window

SERVER = postgres_url("serveur.federation.fr", 5432, "centres", "anne")
TITLE = "Réveillon de l'Amitié"


def action(title: str) -> ActionData:
    return ActionData(title=title, structure="CS Les Tilleuls", department="Drôme", year=2025)


@pytest.fixture
def settings(tmp_path):
    return temp_settings(tmp_path)


@pytest.fixture
def sync_window(qtbot, sample_db, settings):
    with open_sync_window(qtbot, sample_db, settings) as pair:
        yield pair


def boxes(monkeypatch) -> list[tuple[str, str]]:  # noqa: ANN001
    """Replaces QMessageBox.exec: notes (title, text) and clicks the first button."""
    shown: list[tuple[str, str]] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append((box.windowTitle(), box.text()))
        buttons = [b for b in box.buttons() if isinstance(b, QPushButton)]
        buttons[0].click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return shown


def server_dialog(monkeypatch, answers: list[dict]) -> list[dict]:  # noqa: ANN001
    """Replaces SyncServerDialog.exec: fills the fields of the next answer (None: cancel);
    returns what each dialog showed (its fields and message)."""
    seen: list[dict] = []

    def fake_exec(dialog: SyncServerDialog) -> int:
        form = dialog.form
        seen.append(
            {
                "host": form.host_edit.text(),
                "user": form.user_edit.text(),
                "password": form.password_edit.text(),
                "message": dialog.message.text() if dialog.message.isVisibleTo(dialog) else "",
                "title": dialog.windowTitle(),
            }
        )
        answer = answers.pop(0)
        if answer is None:
            return QDialog.DialogCode.Rejected
        for name, value in answer.items():
            getattr(form, f"{name}_edit").setText(value)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SyncServerDialog, "exec", fake_exec)
    return seen


def no_conflicts_dialog(monkeypatch) -> list[int]:  # noqa: ANN001
    opened: list[int] = []
    monkeypatch.setattr(SyncConflictsDialog, "exec", lambda d: opened.append(1) or 0)
    return opened


def test_file_menu_has_the_french_sync_entries(sync_window):
    window, fake = sync_window
    menu = window.menuBar().findChild(QMenu, "menuFile")
    texts = [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]
    at = texts.index("Synchroniser…")
    assert texts[at : at + 4] == [
        "Synchroniser…",
        "Conflits de synchronisation…",
        "Serveur de synchronisation…",
        "Base de données…",
    ]
    assert window.sync.sync_action.shortcut().toString() == "Ctrl+Shift+S"
    assert window.sync.sync_action in window.toolbar.actions()  # one button, as Zotero's
    assert window.sync.sync_action.isEnabled()  # a local SQLite store
    # Conflicts: enabled only when there are some, read as the menu opens.
    menu.aboutToShow.emit()
    assert not window.sync.conflicts_action.isEnabled()
    fake.conflicts.append(SyncConflict(uuid="u", title="T", action_id=1, kept_version=1))
    menu.aboutToShow.emit()
    assert window.sync.conflicts_action.isEnabled()


def test_first_sync_asks_the_server_remembers_it_without_the_password(
    qtbot, sync_window, settings, tmp_path, monkeypatch
):
    window, fake = sync_window
    seen = server_dialog(
        monkeypatch,
        [
            {
                "host": "serveur.federation.fr",
                "database": "centres",
                "user": "anne",
                "password": "s3cr:et",
            }
        ],
    )
    shown = boxes(monkeypatch)
    no_conflicts_dialog(monkeypatch)
    window.sync.sync_action.trigger()
    assert len(seen) == 1 and seen[0]["title"] == "Serveur de synchronisation"
    # The session's password travels in the URL given to the engine...
    assert fake.urls == [postgres_url("serveur.federation.fr", 5432, "centres", "anne", "s3cr:et")]
    # ...but never into the settings.
    assert settings.value(SETTINGS_KEY) == SERVER
    settings.sync()
    assert "s3cr" not in (tmp_path / "settings.ini").read_text(encoding="utf-8")
    assert shown[-1][0] == "Synchronisation terminée"

    # The second time: not asked again, the same server and the session's password.
    window.sync.sync_action.trigger()
    assert len(seen) == 1
    assert fake.urls[1] == fake.urls[0]
    # Serveur de synchronisation… shows the remembered server (and the session's password).
    seen_again = server_dialog(monkeypatch, [None])
    window.sync.server_action.trigger()
    assert seen_again[0]["host"] == "serveur.federation.fr"
    assert seen_again[0]["user"] == "anne"
    assert settings.value(SETTINGS_KEY) == SERVER  # cancelled: unchanged


def test_cancelling_the_first_server_question_syncs_nothing(sync_window, settings, monkeypatch):
    window, fake = sync_window
    server_dialog(monkeypatch, [None])
    window.sync.sync_action.trigger()
    assert fake.urls == []
    assert settings.value(SETTINGS_KEY) is None


def test_sync_runs_off_the_gui_thread_summary_and_list_refresh(
    qtbot, sync_window, settings, monkeypatch
):
    window, fake = sync_window
    settings.setValue(SETTINGS_KEY, SERVER)
    before = window.total
    fake.batches = [[action("Atelier vélo solidaire")], [action("Jardin partagé des Tilleuls")]]
    fake.sent = 3
    fake.refused = (
        SyncConflict(uuid="u9", title="Fête du quartier", action_id=9, kept_version=1, reason=""),
    )
    shown = boxes(monkeypatch)
    opened = no_conflicts_dialog(monkeypatch)
    window.sync.sync_action.trigger()
    assert fake.urls == [SERVER]
    assert fake.thread_names and fake.thread_names[0] != "MainThread"
    title, text = shown[-1]
    assert title == "Synchronisation terminée"
    assert text.startswith("3 envoyée(s), 2 reçue(s), 0 conflit(s).")
    assert "Refusées par le serveur" in text
    assert "« Fête du quartier » : action d'une autre structure" in text
    assert opened == []  # no conflict: the conflicts dialog stays closed
    # The list and the counts show the received actions.
    qtbot.waitUntil(lambda: "Atelier vélo solidaire" in list_titles(window), timeout=5000)
    assert "Jardin partagé des Tilleuls" in list_titles(window)
    assert window.total == before + 2
    assert window.result_count.text() == f"{before + 2} actions"


def test_the_action_shown_is_read_again_after_a_sync(qtbot, sync_window, settings, monkeypatch):
    window, fake = sync_window
    settings.setValue(SETTINGS_KEY, SERVER)
    select_title(qtbot, window, TITLE)
    qtbot.waitUntil(
        lambda: window.shown is not None and window.shown.data.title == TITLE, timeout=5000
    )
    fake.updates = {TITLE: window.shown.data.replace(summary="Résumé venu du serveur")}
    boxes(monkeypatch)
    no_conflicts_dialog(monkeypatch)
    window.sync.sync_action.trigger()
    assert window.detail_pane.detail.data.summary == "Résumé venu du serveur"


def test_progress_dialog_and_cancel_stop_between_two_batches(
    qtbot, sync_window, settings, monkeypatch
):
    window, fake = sync_window
    settings.setValue(SETTINGS_KEY, SERVER)
    before = window.total
    fake.batches = [[action("Premier lot")], [action("Deuxième lot")], [action("Troisième")]]
    fake.wait_for_cancel = True
    shown = boxes(monkeypatch)
    no_conflicts_dialog(monkeypatch)
    pressed: list[str] = []

    def press_cancel() -> None:
        dialog = window.findChild(QProgressDialog, "syncProgress")
        if dialog is None or fake.applied_batches == 0:
            QTimer.singleShot(50, press_cancel)
            return
        pressed.append(dialog.labelText())
        buttons = [b for b in dialog.findChildren(QPushButton) if b.text() == "Annuler"]
        pressed.extend(b.text() for b in buttons)
        if buttons:
            buttons[0].click()  # « Annuler », as the user does

    QTimer.singleShot(100, press_cancel)
    window.sync.sync_action.trigger()
    assert pressed == ["Synchronisation avec serveur.federation.fr:5432/centres…", "Annuler"]
    assert fake.saw_cancel  # the engine saw the progress report's False...
    assert fake.applied_batches == 1  # ...and stopped between two batches
    assert shown[-1][0] == "Synchronisation interrompue"
    assert shown[-1][1].startswith("0 envoyée(s), 1 reçue(s), 0 conflit(s).")
    assert "la prochaine synchronisation reprendra la suite" in shown[-1][1]
    qtbot.waitUntil(lambda: "Premier lot" in list_titles(window), timeout=5000)
    assert "Deuxième lot" not in list_titles(window)
    assert window.total == before + 1


def test_errors_are_french_messages_and_a_refused_password_asks_again(
    sync_window, settings, monkeypatch
):
    window, fake = sync_window
    settings.setValue(SETTINGS_KEY, SERVER)
    shown = boxes(monkeypatch)
    fake.error = StoreError(
        "Le serveur PostgreSQL ne répond pas (connexion refusée) : vérifiez qu'il est démarré, "
        "l'adresse et le port."
    )
    window.sync.sync_action.trigger()
    assert shown == [("Synchronisation impossible", str(fake.error))]

    fake.error = StoreError(
        "Base du serveur trop ancienne pour cette version de l'application : demandez à "
        "l'administrateur de la mettre à jour."
    )
    window.sync.sync_action.trigger()
    assert shown[-1] == ("Synchronisation impossible", str(fake.error))

    # A wrong password: the server dialog comes back with the message, then the sync goes on.
    fake.error = None
    refused = StoreError(
        "Connexion au serveur PostgreSQL refusée : utilisateur ou mot de passe incorrect."
    )
    fake.errors = [refused]
    seen = server_dialog(monkeypatch, [{"password": "bon"}])
    no_conflicts_dialog(monkeypatch)
    window.sync.sync_action.trigger()
    assert seen[0]["message"] == str(refused)
    assert fake.urls[-1] == postgres_url("serveur.federation.fr", 5432, "centres", "anne", "bon")
    assert shown[-1][0] == "Synchronisation terminée"
    assert settings.value(SETTINGS_KEY) == SERVER

    # Not an AppError (a bug, a driver's raw error): a French message, no traceback.
    fake.error = RuntimeError("boom")
    window.sync.sync_action.trigger()
    title, text = shown[-1]
    assert title == "Synchronisation impossible"
    assert text.startswith("Erreur inattendue pendant la synchronisation : RuntimeError: boom")
    assert "Traceback" not in text


def test_a_sync_with_conflicts_opens_the_dialog_and_a_choice_refreshes(
    qtbot, sync_window, settings, monkeypatch
):
    window, fake = sync_window
    settings.setValue(SETTINGS_KEY, SERVER)
    select_title(qtbot, window, TITLE)
    qtbot.waitUntil(
        lambda: window.shown is not None and window.shown.data.title == TITLE, timeout=5000
    )
    local = window.shown
    fake.updates = {TITLE: local.data.replace(summary="Version du serveur")}
    fake.conflict_titles = {TITLE}
    shown = boxes(monkeypatch)
    seen = {}

    def conflicts_exec(dialog: SyncConflictsDialog) -> int:
        seen["list"] = [dialog.list.item(i).text() for i in range(dialog.list.count())]
        seen["summary_row"] = next(r for r in dialog.rows() if r[0] == "Résumé")
        seen["keep_enabled"] = dialog.keep_button.isEnabled()
        qtbot.mouseClick(dialog.take_button, qtbot_left())
        seen["after"] = dialog.list.count()
        seen["empty"] = dialog.empty.isVisibleTo(dialog)
        return 0

    monkeypatch.setattr(SyncConflictsDialog, "exec", conflicts_exec)
    window.sync.sync_action.trigger()
    title, text = shown[0]
    assert title == "Synchronisation terminée"
    assert text.startswith("0 envoyée(s), 1 reçue(s), 1 conflit(s).")
    assert f"« {TITLE} » : modifiée des deux côtés" in text
    # The dialog opened by itself: both versions side by side, then « Reprendre l'autre ».
    assert seen["list"] == [f"« {TITLE} » — modifiée des deux côtés"]
    assert seen["summary_row"] == ("Résumé", "Version du serveur", local.data.summary)
    assert seen["keep_enabled"]
    applied_version = local.version + 1
    assert fake.resolved == [(local.id, local.version, True, applied_version)]
    assert seen["after"] == 0 and seen["empty"]
    # The window shows the version taken back.
    assert window.detail_pane.detail.data.summary == local.data.summary
    assert window.sync.conflicts_action.isEnabled() is False


def qtbot_left():  # noqa: ANN201
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_the_first_question_proposes_the_server_of_base_de_donnees(
    sync_window, settings, monkeypatch
):
    window, fake = sync_window
    settings.setValue("store/target", postgres_url("pg.federation.fr", 6543, "centres", "bob"))
    seen = server_dialog(monkeypatch, [None])
    window.sync.sync_action.trigger()
    assert (seen[0]["host"], seen[0]["user"]) == ("pg.federation.fr", "bob")
    assert fake.urls == []


def test_an_edit_in_progress_is_asked_about_first(qtbot, sync_window, settings, monkeypatch):
    window, fake = sync_window
    settings.setValue(SETTINGS_KEY, SERVER)
    select_title(qtbot, window, TITLE)
    qtbot.waitUntil(lambda: window.shown is not None, timeout=5000)
    window.qactions.edit.trigger()
    editor(window, "summary").setPlainText("Saisie en cours")
    asked = answer_message_boxes(monkeypatch, "Annuler")
    window.sync.sync_action.trigger()
    assert asked == [f"L'action « {TITLE} » a des modifications non enregistrées."]
    assert fake.urls == []  # « Annuler »: no sync, the edit goes on
    assert window.detail_pane.mode == "edit"


def test_a_store_on_the_server_itself_has_nothing_to_synchronise(sync_window):
    window, fake = sync_window
    fake.db_path = None  # as a PostgreSQL store: no local file
    window.refresh_actions()
    assert not window.sync.sync_action.isEnabled()
    assert not window.sync.server_action.isEnabled()


def test_the_session_password_goes_into_the_url_quoted_and_comes_out_again():
    with_secret = with_password(SERVER, "p@ss:w/d")
    assert (
        with_secret == "postgresql+psycopg://anne:p%40ss%3Aw%2Fd@serveur.federation.fr:5432/centres"
    )
    assert with_password(with_secret, "") == SERVER  # as it is remembered
    assert with_password(SERVER, "") == SERVER
    other = postgres_url("h", 6543, "base fédé", "jean-marc@caf")
    assert with_password(with_password(other, "x"), "") == other
