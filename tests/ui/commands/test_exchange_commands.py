"""Export and import from the window: choices, personal-data check, import preview, progress,
summaries. Real SQLite files; files written are read back with the exchange readers."""

from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QProgressDialog

from centres_app.db.store import Store
from centres_app.exchange.loader import read_actions_file
from centres_app.exchange.senacs_writer import write_senacs_file
from centres_app.ui.dialogs.export_dialog import ExportDialog
from centres_app.ui.dialogs.import_preview_dialog import ImportPreviewDialog
from centres_app.ui.dialogs.personal_data_dialog import PersonalDataDialog
from tests.ui.main_window_fixtures import (
    answer_message_boxes,
    list_titles,
    open_window,
    search,
    temp_settings,
    wait_facets,
)


def _sha(path) -> str:
    """The store's whole content, read through SQLite (the store is live in this process)."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
    finally:
        conn.close()


def choose_export(monkeypatch, scope: str, fmt: str, out) -> list[ExportDialog]:
    """The export dialog answers `scope` (its radio button's objectName) and `fmt`; the save
    dialog answers `out`."""
    seen: list[ExportDialog] = []

    def fake_exec(dialog: ExportDialog) -> int:
        seen.append(dialog)
        button = {"all": dialog.scope_all, "result": dialog.scope_result}.get(
            scope, dialog.scope_selection
        )
        assert button.isEnabled()
        button.setChecked(True)
        dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(fmt))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ExportDialog, "exec", fake_exec)
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), ""))
    )
    return seen


def answer_dialog(monkeypatch, cls, button: str) -> list[QDialog]:
    """`cls.exec` clicks the button labelled `button`; the dialogs shown are returned."""
    seen: list[QDialog] = []

    def fake_exec(dialog: QDialog) -> int:
        seen.append(dialog)
        wanted = {"Importer": "import_button", "Exporter quand même": "export_button"}
        target = getattr(dialog, wanted.get(button, "cancel_button"))
        assert target.text() == button
        assert target.isEnabled()
        target.click()
        return dialog.result()

    monkeypatch.setattr(cls, "exec", fake_exec)
    return seen


def choose_import(monkeypatch, path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )


# --- export -------------------------------------------------------------------------------------


def test_export_action_is_enabled_and_counts_are_offered(qtbot, window, monkeypatch, tmp_path):
    assert window.qactions.export.isEnabled()
    assert window.qactions.export.text().replace("&", "") == "Exporter…"
    search(qtbot, window, "parent")
    shown = len(window.model.ids)
    assert 0 < shown < 18
    seen: list[ExportDialog] = []

    def fake_exec(dialog: ExportDialog) -> int:
        seen.append(dialog)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(ExportDialog, "exec", fake_exec)
    window.qactions.export.trigger()
    dialog = seen[0]
    assert dialog.scope_all.text() == "Toutes les actions (18)"
    assert dialog.scope_result.text() == f"Le résultat affiché ({shown} actions)"
    assert dialog.scope_result.isChecked()
    assert [dialog.format_combo.itemData(i) for i in range(dialog.format_combo.count())] == [
        "json",
        "csv",
        "ods",
        "xlsx",
        "senacs",
    ]
    assert list(tmp_path.glob("actions*")) == []


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_current_result(qtbot, window, monkeypatch, tmp_path, sample_db, fmt):
    search(qtbot, window, "parent")
    titles = list_titles(window)
    out = tmp_path / f"parent.{fmt}"
    choose_export(monkeypatch, "result", fmt, out)
    shown = answer_message_boxes(monkeypatch, "OK")
    window.qactions.export.trigger()
    assert len(shown) == 1 and shown[0].startswith(f"{len(titles)} action(s) exportée(s)")
    assert f"parent.{fmt}" in shown[0]

    actions, with_attachments = read_actions_file(out)
    assert [a.title for a in actions] == titles
    assert with_attachments == (fmt == "json")
    store = Store.open(sample_db)
    try:
        stored = [d.data for d in store.details(list(window.model.ids))]
    finally:
        store.close()
    assert actions == stored


def test_export_selection_with_proposed_extension(qtbot, window, monkeypatch, tmp_path):
    window.action_list.selectRow(0)
    first = list_titles(window)[0]
    out = tmp_path / "choix"  # typed without extension: the format's is added
    choose_export(monkeypatch, "selection", "senacs", out)
    answer_message_boxes(monkeypatch, "OK")
    window.qactions.export.trigger()
    actions, _ = read_actions_file(tmp_path / "choix.txt")
    assert [a.title for a in actions] == [first]


def test_personal_data_dialog_lists_hits_and_cancel_writes_nothing(
    qtbot, window, monkeypatch, tmp_path, sample_db
):
    store = Store.open(sample_db)
    try:
        ids = store.search_ids(store_request("Bourse aux jouets"))
        detail = store.get(ids[0])
        store.update(
            detail.id,
            detail.version,
            detail.data.replace(summary="Contact : marie.dupont@example.org pour s'inscrire."),
        )
    finally:
        store.close()
    out = tmp_path / "tout.json"
    choose_export(monkeypatch, "all", "json", out)
    seen = answer_dialog(monkeypatch, PersonalDataDialog, "Annuler")
    window.qactions.export.trigger()
    assert len(seen) == 1
    rows = seen[0].rows()
    assert rows == [
        [
            f"n° {detail.id} « Bourse aux jouets »",
            "Résumé",
            "adresse e-mail",
            "Contact : marie.dupont@example.org pour s'inscrire.",
        ]
    ]
    assert not out.exists()
    assert list(tmp_path.glob(".tout.json*")) == []
    assert "aucun fichier écrit" in window.statusBar().currentMessage()

    # Going on knowingly writes the file, e-mail included, and says so.
    seen = answer_dialog(monkeypatch, PersonalDataDialog, "Exporter quand même")
    shown = answer_message_boxes(monkeypatch, "OK")
    window.qactions.export.trigger()
    assert len(seen) == 1 and out.exists()
    assert "marie.dupont@example.org" in out.read_text(encoding="utf-8")
    assert shown[0].startswith("18 action(s) exportée(s)")
    assert "1 donnée(s) personnelle(s)" in shown[0]


def test_cancelling_the_export_progress_writes_nothing(qtbot, window, monkeypatch, tmp_path):
    out = tmp_path / "tout.csv"
    choose_export(monkeypatch, "all", "csv", out)
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: True)
    window.qactions.export.trigger()
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.suffix in (".csv", ".tmp")]
    assert "aucun fichier écrit" in window.statusBar().currentMessage()


def store_request(text: str):
    from centres_app.domain import SearchRequest

    return SearchRequest(text=f'"{text}"')


# --- import -------------------------------------------------------------------------------------


def test_import_preview_of_the_sample_shows_18_unchanged(
    qtbot, window, monkeypatch, sample_path, sample_db
):
    before = _sha(sample_db)
    choose_import(monkeypatch, sample_path)
    seen: list[ImportPreviewDialog] = []

    def fake_exec(dialog: ImportPreviewDialog) -> int:
        seen.append(dialog)
        assert not dialog.import_button.isEnabled()  # nothing would change
        dialog.cancel_button.click()
        return dialog.result()

    monkeypatch.setattr(ImportPreviewDialog, "exec", fake_exec)
    window.qactions.import_.trigger()
    dialog = seen[0]
    assert dialog.unchanged_table.rowCount() == 18
    assert dialog.new_table.rowCount() == dialog.updated_table.rowCount() == 0
    assert dialog.tabs.tabText(dialog.tabs.indexOf(dialog.unchanged_table)) == "Inchangées (18)"
    assert "18 inchangée(s)" in dialog.summary.text()
    assert _sha(sample_db) == before


def _write_modified_copy(sample_actions, tmp_path):
    actions = list(sample_actions)
    index = next(i for i, a in enumerate(actions) if a.title == "Sortie famille")
    actions[index] = actions[index].replace(
        summary="Une journée au lac, revue.", keywords=(*actions[index].keywords, "Loisirs")
    )
    bourse = next(a for a in actions if a.title == "Bourse aux jouets")
    actions.append(bourse.replace(title="Bourse aux jouet"))
    path = tmp_path / "modifie.txt"
    write_senacs_file(actions, path)
    return path, index + 1


def test_import_preview_lists_updates_and_likely_duplicates_and_cancel_writes_nothing(
    qtbot, window, monkeypatch, sample_actions, tmp_path, sample_db
):
    path, index = _write_modified_copy(sample_actions, tmp_path)
    before = _sha(sample_db)
    choose_import(monkeypatch, path)
    seen = answer_dialog(monkeypatch, ImportPreviewDialog, "Annuler")
    window.qactions.import_.trigger()
    dialog = seen[0]
    rows = ImportPreviewDialog.rows
    sortie = next(a for a in sample_actions if a.title == "Sortie famille")
    assert rows(dialog.updated_table) == [
        [str(index), "Sortie famille", sortie.structure, str(sortie.year), "Mots clés, Résumé"]
    ]
    bourse = next(a for a in sample_actions if a.title == "Bourse aux jouets")
    assert rows(dialog.new_table) == [
        ["19", "Bourse aux jouet", bourse.structure, str(bourse.year)]
    ]
    assert rows(dialog.duplicates_table) == [
        ["19", "Bourse aux jouet", "Bourse aux jouets", bourse.structure, str(bourse.year), "97 %"]
    ]
    assert dialog.unchanged_table.rowCount() == 17
    # The new summary is shorter than the stored one: flagged first (issue 13).
    assert rows(dialog.shrunk_table) == [
        [str(index), "Sortie famille", sortie.structure, str(sortie.year), "Résumé"]
    ]
    assert dialog.tabs.currentWidget() is dialog.shrunk_table
    assert dialog.import_button.isEnabled()
    assert _sha(sample_db) == before
    assert "rien n'a été modifié" in window.statusBar().currentMessage()


def test_confirmed_import_writes_and_updates_the_list(
    qtbot, window, monkeypatch, sample_actions, tmp_path, sample_db
):
    path, _ = _write_modified_copy(sample_actions, tmp_path)
    choose_import(monkeypatch, path)
    answer_dialog(monkeypatch, ImportPreviewDialog, "Importer")
    shown = answer_message_boxes(monkeypatch, "OK")
    with qtbot.waitSignal(window.results_changed, timeout=10_000):
        window.qactions.import_.trigger()
    (message,) = shown
    assert message.startswith(
        "modifie.txt : 1 action(s) créée(s), 1 mise(s) à jour, 17 inchangée(s).\n"
    )
    assert "« Sortie famille » : Résumé" in message  # shorter than before (issue 13)
    assert "Bourse aux jouet" in list_titles(window)
    assert len(window.model.ids) == 19
    store = Store.open(sample_db)
    try:
        assert store.count() == 19
        sortie = store.details(store.search_ids(store_request("Sortie famille")))[0].data
        assert sortie.summary == "Une journée au lac, revue."
    finally:
        store.close()


def test_unreadable_file_shows_file_and_line(qtbot, window, monkeypatch, tmp_path, sample_db):
    before = _sha(sample_db)
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "centres_app/actions", "version": 1,\n "actions": [}', "utf-8")
    choose_import(monkeypatch, bad)
    seen = answer_dialog(monkeypatch, ImportPreviewDialog, "Annuler")
    shown = answer_message_boxes(monkeypatch, "Fermer")
    window.qactions.import_.trigger()
    assert seen == []
    assert len(shown) == 1 and shown[0].startswith(f"{bad}:2")
    assert _sha(sample_db) == before


def test_exported_json_imports_into_an_empty_store_as_18_new(
    qtbot, monkeypatch, tmp_path, sample_db
):
    out = tmp_path / "echange.json"
    empty_db = tmp_path / "autre-centre.db"
    Store.open(empty_db).close()
    with open_window(qtbot, sample_db, temp_settings(tmp_path)) as win:
        choose_export(monkeypatch, "all", "json", out)
        answer_message_boxes(monkeypatch, "OK")
        win.qactions.export.trigger()
    assert len(json.loads(out.read_text(encoding="utf-8"))["actions"]) == 18
    with open_window(qtbot, empty_db, temp_settings(tmp_path / "other")) as win:
        choose_import(monkeypatch, out)
        seen = answer_dialog(monkeypatch, ImportPreviewDialog, "Importer")
        answer_message_boxes(monkeypatch, "OK")
        win.qactions.import_.trigger()
        assert seen[0].new_table.rowCount() == 18
        wait_facets(qtbot, win)  # the search runs off the GUI thread
        assert len(win.model.ids) == 18


# --- work off the GUI thread --------------------------------------------------------------------


def test_run_modal_keeps_the_window_live_and_reraises(qtbot, window):
    import threading
    import time

    from PySide6.QtCore import QTimer

    from centres_app.errors import AppError
    from centres_app.ui.tasks import runner

    seen: list[tuple[bool, bool]] = []

    def look() -> None:
        busy = window.findChild(QProgressDialog, "busyProgress")
        seen.append((busy is not None and busy.isVisible(), threading.current_thread() is main))

    main = threading.current_thread()
    # The timer fires during the work only if the GUI thread keeps handling events.
    QTimer.singleShot(500, look)

    def work(_progress) -> str:  # noqa: ANN001
        time.sleep(0.8)
        return threading.current_thread().name

    assert runner().run_modal(window, "Un instant…", work, name="centres-app-exchange") == (
        "centres-app-exchange"
    )
    assert seen == [(True, True)]

    def fail(_progress) -> None:  # noqa: ANN001
        raise AppError("disque plein")

    with pytest.raises(AppError, match="disque plein"):
        runner().run_modal(window, "Un instant…", fail, name="centres-app-exchange")
