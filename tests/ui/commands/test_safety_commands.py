"""Data safety in the window: save a copy, restore a backup (smaller-backup warning), trash,
action history, undo of a delete. Real store files; dialogs driven through patched exec()."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from centres_app.db.store import Store
from centres_app.domain import SearchRequest
from centres_app.ui.dialogs.history_dialog import HistoryDialog
from centres_app.ui.dialogs.restore_backup_dialog import RestoreBackupDialog
from centres_app.ui.dialogs.trash_dialog import TrashDialog
from tests.ui.main_window_fixtures import (
    answer_message_boxes,
    open_window,
    search,
    select_title,
    temp_settings,
    wait_facets,
)

TITLE = "Réveillon de l'Amitié"


def ids_by_title(store: Store) -> dict[str, int]:
    return {d.data.title: d.id for d in store.details(store.search_ids(SearchRequest()))}


def count_in(path: Path) -> int:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        return conn.execute("SELECT count(*) FROM action").fetchone()[0]
    finally:
        conn.close()


# --- save a copy ------------------------------------------------------------------------------


def test_save_a_copy_writes_a_valid_database(qtbot, window, tmp_path, monkeypatch):
    proposed = []

    def fake_save(_parent, _title, path, _filter, *a, **k):
        proposed.append(Path(path).name)
        return str(tmp_path / "copie"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_save)
    window.qactions.backup_copy.trigger()
    assert proposed == [f"centres-sauvegarde-{dt.date.today():%Y-%m-%d}.db"]
    copy = tmp_path / "copie.db"
    assert count_in(copy) == 18
    assert str(copy) in window.statusBar().currentMessage()


# --- restore a backup ---------------------------------------------------------------------------


@pytest.fixture
def smaller_backup(sample_db, sample_actions, sample_path) -> Path:
    """A rotation backup with 12 actions while the store has 18 again."""
    store = Store.open(sample_db)
    try:
        for action_id in list(ids_by_title(store).values())[:6]:
            store.delete(action_id)
        info = store.backup()
        assert info.actions == 12
        store.import_actions(sample_actions, str(sample_path))
        assert store.count() == 18
        return info.path
    finally:
        store.close()


def test_restore_a_smaller_backup_warns_then_replaces_and_refreshes(
    qtbot, smaller_backup, sample_db, tmp_path, monkeypatch
):
    seen = {}

    def fake_exec(dialog: RestoreBackupDialog) -> int:
        dialog.select_row(0)
        seen["warning"] = dialog.warning.text()
        seen["rows"] = dialog.list.topLevelItemCount()
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(RestoreBackupDialog, "exec", fake_exec)
    with open_window(qtbot, sample_db, temp_settings(tmp_path)) as window:
        search(qtbot, window, "reveillon")
        select_title(qtbot, window, TITLE)
        shown = answer_message_boxes(monkeypatch, "Restaurer quand même", "OK")
        window.qactions.restore_backup.trigger()

        warning = (
            "Cette sauvegarde contient 12 actions, la base actuelle 18 : "
            "6 actions seraient perdues."
        )
        assert seen == {"warning": warning, "rows": 1}
        assert shown[0] == warning
        assert shown[1].startswith("Sauvegarde restaurée : la base contient maintenant 12 actions.")
        search(qtbot, window, "")
        assert window.result_count.text() == "12 actions"
        # The replaced content was backed up first, and the message says where.
        safety = Path(shown[1].rsplit("\n", 1)[1])
        assert safety.parent == smaller_backup.parent and count_in(safety) == 18
        # The detail pane and list show the restored content only.
        assert window.shown_id is None or window.shown_id in window.model.ids
    assert count_in(sample_db) == 12


def test_restore_refused_leaves_the_store_as_it_is(
    qtbot, smaller_backup, sample_db, tmp_path, monkeypatch
):
    def fake_exec(dialog: RestoreBackupDialog) -> int:
        dialog.select_row(0)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(RestoreBackupDialog, "exec", fake_exec)
    with open_window(qtbot, sample_db, temp_settings(tmp_path)) as window:
        shown = answer_message_boxes(monkeypatch, "Annuler")
        window.qactions.restore_backup.trigger()
        assert len(shown) == 1
        assert window.result_count.text() == "18 actions"
        assert len(window.store.backups()) == 1
    assert count_in(sample_db) == 18


# --- trash ----------------------------------------------------------------------------------------


def test_trash_restore_several_then_empty(qtbot, sample_db, tmp_path, monkeypatch):
    store = Store.open(sample_db)
    ids = ids_by_title(store)
    gone = ["la main à la pâte", TITLE, "Actif'études / CLAS"]
    for title in gone:
        store.delete(ids[title])
    store.close()
    seen = {}

    def fake_exec(dialog: TrashDialog) -> int:
        seen["listed"] = sorted(dialog.titles())
        dialog.select_titles(TITLE, "la main à la pâte")
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        seen["after_restore"] = dialog.titles()
        qtbot.mouseClick(dialog.empty_button, Qt.MouseButton.LeftButton)
        seen["after_empty"] = dialog.titles()
        return 0

    monkeypatch.setattr(TrashDialog, "exec", fake_exec)
    with open_window(qtbot, sample_db, temp_settings(tmp_path)) as window:
        assert window.result_count.text() == "15 actions"
        shown = answer_message_boxes(monkeypatch, "Vider la corbeille")
        window.qactions.trash.trigger()
        assert seen["listed"] == sorted(gone)
        assert seen["after_restore"] == ["Actif'études / CLAS"]
        assert seen["after_empty"] == []
        assert shown == [
            "Vider la corbeille : l'action « Actif'études / CLAS » sera supprimée définitivement."
        ]
        wait_facets(qtbot, window)  # the search runs off the GUI thread
        assert window.result_count.text() == "17 actions"
        assert window.shown_id in (ids[TITLE], ids["la main à la pâte"])

    store = Store.open(sample_db)
    try:
        now = ids_by_title(store)
        assert now[TITLE] == ids[TITLE] and now["la main à la pâte"] == ids["la main à la pâte"]
        assert "Actif'études / CLAS" not in now
        assert store.trash() == []
    finally:
        store.close()


def test_trash_delete_for_good_names_the_action_and_can_be_refused(
    qtbot, sample_db, tmp_path, monkeypatch
):
    store = Store.open(sample_db)
    store.delete(ids_by_title(store)[TITLE])
    store.close()

    def fake_exec(dialog: TrashDialog) -> int:
        dialog.select_titles(TITLE)
        qtbot.mouseClick(dialog.purge_button, Qt.MouseButton.LeftButton)  # refused
        assert dialog.titles() == [TITLE]
        qtbot.mouseClick(dialog.purge_button, Qt.MouseButton.LeftButton)  # confirmed
        assert dialog.titles() == [] and dialog.empty_label.isVisibleTo(dialog)
        return 0

    monkeypatch.setattr(TrashDialog, "exec", fake_exec)
    with open_window(qtbot, sample_db, temp_settings(tmp_path)) as window:
        shown = answer_message_boxes(monkeypatch, "Annuler", "Supprimer définitivement")
        window.qactions.trash.trigger()
        assert shown == [f"Supprimer définitivement « {TITLE} » ?"] * 2
        assert window.result_count.text() == "17 actions"


# --- history ------------------------------------------------------------------------------------


@pytest.fixture
def edited_twice(sample_db) -> tuple[int, str]:
    store = Store.open(sample_db)
    try:
        action_id = ids_by_title(store)[TITLE]
        first = store.get(action_id)
        second = store.update(action_id, first.version, first.data.replace(summary="Résumé v2"))
        store.update(action_id, second.version, second.data.replace(summary="Résumé v3"))
        return action_id, first.data.summary
    finally:
        store.close()


def test_history_compares_and_restores_a_version(
    qtbot, edited_twice, sample_db, tmp_path, monkeypatch
):
    action_id, original = edited_twice
    seen = {}

    def fake_exec(dialog: HistoryDialog) -> int:
        seen["versions"] = [dialog.versions.item(i).text() for i in range(dialog.versions.count())]
        dialog.select_version(1)
        seen["summary_row"] = next(r for r in dialog.rows() if r[0] == "Résumé")
        seen["title_row"] = next(r for r in dialog.rows() if r[0] == "Titre")
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(HistoryDialog, "exec", fake_exec)
    with open_window(qtbot, sample_db, temp_settings(tmp_path)) as window:
        search(qtbot, window, "reveillon")
        select_title(qtbot, window, TITLE)
        assert window.qactions.history.isEnabled()
        window.qactions.history.trigger()
        assert seen["versions"][0].startswith("Version actuelle (n° 3)")
        assert [v.split(" — ")[0] for v in seen["versions"][1:]] == [
            "Version n° 2",
            "Version n° 1",
        ]
        assert seen["summary_row"] == ("Résumé", original, "Résumé v3")
        assert seen["title_row"] == ("Titre", TITLE, TITLE)
        assert window.detail_pane.detail.data.summary == original
        assert window.detail_pane.detail.version == 4

    store = Store.open(sample_db)
    try:
        assert store.get(action_id).data.summary == original
        assert [r.version for r in store.history(action_id)] == [3, 2, 1]
    finally:
        store.close()


def test_history_restore_of_an_action_changed_elsewhere_is_a_clear_conflict(
    qtbot, edited_twice, sample_db, tmp_path, monkeypatch
):
    action_id, _original = edited_twice

    def fake_exec(dialog: HistoryDialog) -> int:
        other = Store.open(sample_db)  # another window saves meanwhile
        try:
            current = other.get(action_id)
            other.update(action_id, current.version, current.data.replace(summary="Ailleurs"))
        finally:
            other.close()
        dialog.select_version(1)
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        assert dialog.restored is None
        return 0

    monkeypatch.setattr(HistoryDialog, "exec", fake_exec)
    with open_window(qtbot, sample_db, temp_settings(tmp_path)) as window:
        search(qtbot, window, "reveillon")
        select_title(qtbot, window, TITLE)
        shown = answer_message_boxes(monkeypatch, "Fermer")
        window.qactions.history.trigger()
        assert len(shown) == 1 and "modifiée ailleurs" in shown[0]
        # The window now shows the newest stored version, not a stale one.
        assert window.detail_pane.detail.data.summary == "Ailleurs"

    store = Store.open(sample_db)
    try:
        assert store.get(action_id).data.summary == "Ailleurs"
    finally:
        store.close()


# --- undo of a delete ---------------------------------------------------------------------


def test_undo_delete_brings_back_the_same_id_and_history(qtbot, edited_twice, sample_db, tmp_path):
    action_id, _original = edited_twice
    with open_window(qtbot, sample_db, temp_settings(tmp_path)) as window:
        search(qtbot, window, "reveillon")
        select_title(qtbot, window, TITLE)
        window.qactions.delete.trigger()
        wait_facets(qtbot, window)
        assert window.result_count.text() == "1 action"
        window.qactions.undo_delete.trigger()
        assert window.shown_id == action_id
        wait_facets(qtbot, window)
        assert window.result_count.text() == "2 actions"
    store = Store.open(sample_db)
    try:
        assert ids_by_title(store)[TITLE] == action_id
        assert [r.version for r in store.history(action_id)] == [2, 1]
        assert store.trash() == []
    finally:
        store.close()


def test_restore_from_another_file_warns_of_the_loss_before_restoring(
    qtbot, sample_db, sample_actions, sample_path, tmp_path, monkeypatch
):
    other = tmp_path / "ailleurs" / "ancienne.db"
    other.parent.mkdir()
    store = Store.open(sample_db)
    for action_id in list(ids_by_title(store).values())[:6]:
        store.delete(action_id)
    store.backup(other)
    store.import_actions(sample_actions, str(sample_path))
    store.close()

    def fake_exec(dialog: RestoreBackupDialog) -> int:
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))
        qtbot.mouseClick(dialog.other_button, Qt.MouseButton.LeftButton)
        assert dialog.chosen() == (other, None)
        assert "n'est pas connu" in dialog.warning.text()
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(RestoreBackupDialog, "exec", fake_exec)
    with open_window(qtbot, sample_db, temp_settings(tmp_path)) as window:
        shown = answer_message_boxes(monkeypatch, "Restaurer quand même", "OK")
        window.qactions.restore_backup.trigger()
        assert shown[0] == (
            "Cette sauvegarde contient 12 actions, la base actuelle 18 : "
            "6 actions seraient perdues."
        )
        assert shown[1].startswith("Sauvegarde restaurée : la base contient maintenant 12")
        wait_facets(qtbot, window)
        assert window.result_count.text() == "12 actions"
    assert count_in(sample_db) == 12
    assert count_in(other) == 12  # the picked file itself is never modified
