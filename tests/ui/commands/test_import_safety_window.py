"""The window's import never loses content without a trace (issue 13): the preview warns about
fields a cut file would empty, the import keeps the replaced version, and an action twice in a
file is refused with both lines, nothing written."""

from __future__ import annotations

from centres_app.db.store import Store
from centres_app.domain import SearchRequest
from centres_app.ui.dialogs.import_preview_dialog import ImportPreviewDialog
from tests.ui.commands.test_exchange_commands import _sha, answer_dialog, choose_import
from tests.ui.main_window_fixtures import answer_message_boxes


def _cut_file(sample_path, tmp_path):
    lines = sample_path.read_text(encoding="utf-8").split("\n")
    at = len(lines) - lines[::-1].index("- Résultat pour le centre social") + 1
    path = tmp_path / "coupe.txt"
    path.write_text("\n".join(lines[:at]), encoding="utf-8")
    return path


def _velo(db):
    store = Store.open(db)
    try:
        (detail,) = store.details(store.search_ids(SearchRequest(text='"TOUS A VELO"')))
        return detail, store.history(detail.id)
    finally:
        store.close()


def test_preview_warns_about_emptied_fields_and_the_import_keeps_the_old_version(
    qtbot, window, monkeypatch, sample_path, tmp_path, sample_db
):
    before, _ = _velo(sample_db)
    choose_import(monkeypatch, _cut_file(sample_path, tmp_path))
    seen = answer_dialog(monkeypatch, ImportPreviewDialog, "Importer")
    shown = answer_message_boxes(monkeypatch, "OK")
    with qtbot.waitSignal(window.results_changed, timeout=10_000):
        window.qactions.import_.trigger()
    dialog = seen[0]
    assert dialog.tabs.currentWidget() is dialog.shrunk_table
    assert ImportPreviewDialog.rows(dialog.shrunk_table) == [
        [
            "18",
            "TOUS A VELO !",
            before.data.structure,
            str(before.data.year),
            "Résultat pour le centre, Résultat pour les habitants, Limites, Perspectives",
        ]
    ]
    assert not dialog.shrunk_warning.isHidden()
    assert "1 action(s)" in dialog.shrunk_warning.text()
    assert "historique" in dialog.shrunk_warning.text()
    (message,) = shown
    assert f"action n° {before.id} « TOUS A VELO ! » : Résultat pour le centre" in message
    after, history = _velo(sample_db)
    assert after.data.perspectives == ""
    assert [r.data for r in history] == [before.data]


def test_preview_of_a_sound_file_shows_no_warning(qtbot, window, monkeypatch, sample_path):
    choose_import(monkeypatch, sample_path)
    seen: list[ImportPreviewDialog] = []

    def fake_exec(dialog: ImportPreviewDialog) -> int:
        seen.append(dialog)
        dialog.cancel_button.click()
        return dialog.result()

    monkeypatch.setattr(ImportPreviewDialog, "exec", fake_exec)
    window.qactions.import_.trigger()
    assert seen[0].shrunk_warning.isHidden()
    assert seen[0].shrunk_table.rowCount() == 0


def test_an_action_twice_is_refused_with_both_lines(
    qtbot, window, monkeypatch, sample_path, tmp_path, sample_db
):
    lines = sample_path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    row = lines.index("TOUS A VELO ! | Drôme | 2020 |")
    last = max(i for i, line in enumerate(lines) if line == "Actions")
    block = lines[last:]
    doubled = [*lines[: row + 1], lines[row], *lines[row + 1 :], *block]
    path = tmp_path / "double.txt"
    path.write_text("\n".join(doubled) + "\n", encoding="utf-8")
    first, second = last + 2, len(doubled) - len(block) + 1
    before = _sha(sample_db)
    choose_import(monkeypatch, path)
    seen = answer_dialog(monkeypatch, ImportPreviewDialog, "Annuler")
    shown = answer_message_boxes(monkeypatch, "Fermer")
    window.qactions.import_.trigger()
    assert seen == []
    (message,) = shown
    assert message.startswith(f"{path}:{second}:")
    assert f"{path}:{first}" in message
    assert _sha(sample_db) == before
