"""Actions pasted from the clipboard or dropped on the window (issue 18): the same preview and
import as *Fichier › Importer…*; refusals in French with the clipboard's line. Real window,
real SQLite store, real clipboard and drop events (offscreen)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from centres_app.domain import FORM_EXPERIENCE, SearchRequest
from centres_app.ui.dialogs.import_preview_dialog import ImportPreviewDialog
from tests.exchange.test_browser_copy import browser_copy
from tests.ui.commands.test_exchange_commands import _sha, answer_dialog
from tests.ui.main_window_fixtures import answer_message_boxes, list_titles, search

PAGES = Path(__file__).resolve().parents[2] / "data" / "senacs-experiences.txt"
PAGE_TITLES = [
    "le plus grand patchwork du monde",
    "Sortie Spinassienne",
    "Français Langue Etrangère",
]


def _paste(window, text: str) -> None:
    QGuiApplication.clipboard().setText(text)
    window.qactions.paste_actions.trigger()


def _forms(db) -> dict[str, str]:
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        return dict(conn.execute("SELECT title, form FROM action"))
    finally:
        conn.close()


def test_the_command_is_in_the_edit_menu_with_its_shortcut(window):
    action = window.findChild(QAction, "actionPasteActions")
    assert action is window.qactions.paste_actions
    assert action.text().replace("&", "") == "Coller des actions"
    assert action.shortcut() == QKeySequence("Ctrl+Shift+V")
    menu = window.menuBar().findChild(QMenu, "menuEdit")
    assert action in menu.actions()


def test_pasted_pages_are_previewed_then_imported(qtbot, window, monkeypatch, sample_db):
    seen = answer_dialog(monkeypatch, ImportPreviewDialog, "Importer")
    shown = answer_message_boxes(monkeypatch, "OK")
    _paste(window, PAGES.read_text(encoding="utf-8"))

    (dialog,) = seen
    assert dialog.windowTitle() == "Aperçu de l'import : Presse-papiers"
    assert [row[1] for row in ImportPreviewDialog.rows(dialog.new_table)] == PAGE_TITLES
    assert shown == ["Presse-papiers : 3 action(s) créée(s), 0 mise(s) à jour, 0 inchangée(s)."]
    assert window.total == 21
    forms = _forms(sample_db)
    assert all(forms[title] == FORM_EXPERIENCE for title in PAGE_TITLES)
    search(qtbot, window, "Spinassienne")
    assert list_titles(window) == ["Sortie Spinassienne"]


def test_pasting_the_same_pages_again_creates_nothing(qtbot, window, monkeypatch):
    answer_dialog(monkeypatch, ImportPreviewDialog, "Importer")
    answer_message_boxes(monkeypatch, "OK")
    _paste(window, PAGES.read_text(encoding="utf-8"))
    seen: list[ImportPreviewDialog] = []

    def fake_exec(dialog: ImportPreviewDialog) -> int:
        seen.append(dialog)
        dialog.cancel_button.click()
        return dialog.result()

    monkeypatch.setattr(ImportPreviewDialog, "exec", fake_exec)
    _paste(window, PAGES.read_text(encoding="utf-8").replace("\n", "\r\n"))
    assert seen[0].unchanged_table.rowCount() == 3
    assert seen[0].new_table.rowCount() == 0
    assert window.total == 21


def test_a_browser_copy_of_the_listing_is_the_stored_sample(
    qtbot, window, monkeypatch, sample_path, sample_db
):
    before = _sha(sample_db)
    seen: list[ImportPreviewDialog] = []

    def fake_exec(dialog: ImportPreviewDialog) -> int:
        seen.append(dialog)
        assert not dialog.import_button.isEnabled()  # nothing would change
        dialog.cancel_button.click()
        return dialog.result()

    monkeypatch.setattr(ImportPreviewDialog, "exec", fake_exec)
    _paste(window, browser_copy(sample_path.read_text(encoding="utf-8")))
    (dialog,) = seen
    # The same 18 actions as the imported file: every one found unchanged.
    assert dialog.unchanged_table.rowCount() == 18
    assert dialog.new_table.rowCount() == dialog.updated_table.rowCount() == 0
    assert _sha(sample_db) == before


def test_an_empty_clipboard_is_refused_in_french(window, monkeypatch, sample_db):
    before = _sha(sample_db)
    shown = answer_message_boxes(monkeypatch, "Fermer")
    QGuiApplication.clipboard().clear()
    window.qactions.paste_actions.trigger()
    assert len(shown) == 1
    assert shown[0].startswith("Presse-papiers, ligne 1 : rien à importer : le texte est vide")
    assert "Coller des actions" in shown[0]  # what to do instead
    assert _sha(sample_db) == before


def test_a_malformed_copy_names_the_clipboard_line(window, monkeypatch, sample_path, sample_db):
    before = _sha(sample_db)
    lines = browser_copy(sample_path.read_text(encoding="utf-8")).split("\r\n")
    status = next(i for i, line in enumerate(lines) if line.endswith("Statut de l'action"))
    lines.insert(status + 2, "\t•\u00a0Terminée")  # a second status
    shown = answer_message_boxes(monkeypatch, "Fermer")
    _paste(window, "\r\n".join(lines))
    assert len(shown) == 1
    assert shown[0].startswith(f"Presse-papiers, ligne {status + 3} : libellé inconnu ou valeur")
    assert "n'a qu'une valeur" in shown[0]
    assert _sha(sample_db) == before


def test_a_listing_copied_without_its_table_is_explained(window, monkeypatch):
    shown = answer_message_boxes(monkeypatch, "Fermer")
    _paste(window, "Actions\r\nSortie famille\r\n- Structure organisatrice\r\n- X - Drôme\r\n")
    assert shown[0].startswith("Presse-papiers, ligne 1 : la liste des actions SENACS a été")


def _drop(window, data: QMimeData) -> QDropEvent:
    pos = QPoint(window.width() // 2, window.height() // 2)
    enter = QDragEnterEvent(
        pos, Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0)
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(pos),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier(0),
    )
    QApplication.sendEvent(window, drop)
    assert drop.isAccepted()
    return drop


def test_a_dropped_file_is_previewed(qtbot, window, monkeypatch, sample_path, sample_db):
    before = _sha(sample_db)
    seen = answer_dialog(monkeypatch, ImportPreviewDialog, "Annuler")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(sample_path))])
    _drop(window, data)
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=5000)
    assert seen[0].windowTitle() == f"Aperçu de l'import : {sample_path.name}"
    assert seen[0].unchanged_table.rowCount() == 18
    assert _sha(sample_db) == before


def test_dropped_files_are_imported_one_after_the_other(
    qtbot, window, monkeypatch, tmp_path, sample_path
):
    pages = tmp_path / "pages.txt"
    pages.write_bytes(PAGES.read_bytes())
    copied = tmp_path / "copie navigateur.txt"
    copied.write_text(browser_copy(sample_path.read_text(encoding="utf-8")), encoding="utf-8")
    seen: list[ImportPreviewDialog] = []

    def fake_exec(dialog: ImportPreviewDialog) -> int:
        seen.append(dialog)
        button = dialog.import_button if dialog.import_button.isEnabled() else None
        (button or dialog.cancel_button).click()
        return dialog.result()

    monkeypatch.setattr(ImportPreviewDialog, "exec", fake_exec)
    shown = answer_message_boxes(monkeypatch, "OK")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(pages)), QUrl.fromLocalFile(str(copied))])
    _drop(window, data)
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=10000)
    assert [d.new_table.rowCount() for d in seen] == [3, 0]
    assert seen[1].unchanged_table.rowCount() == 18
    assert shown == ["pages.txt : 3 action(s) créée(s), 0 mise(s) à jour, 0 inchangée(s)."]
    assert window.total == 21
    ids = window.store.search_ids(SearchRequest(text="patchwork"))
    assert [row.title for row in window.store.rows(ids)] == [PAGE_TITLES[0]]


def test_a_dropped_web_address_is_refused_in_french(qtbot, window, monkeypatch):
    shown = answer_message_boxes(monkeypatch, "Fermer")
    data = QMimeData()
    data.setUrls([QUrl("https://www.senacs.fr/action/show/123")])
    _drop(window, data)
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=5000)
    assert shown[0].startswith("Seuls des fichiers de cet ordinateur peuvent être déposés")


def test_a_dropped_text_is_read_like_the_clipboard(qtbot, window, monkeypatch):
    seen = answer_dialog(monkeypatch, ImportPreviewDialog, "Annuler")
    data = QMimeData()
    data.setText(PAGES.read_text(encoding="utf-8"))
    _drop(window, data)
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=5000)
    assert seen[0].windowTitle() == "Aperçu de l'import : Texte déposé"
    assert seen[0].new_table.rowCount() == 3
    assert window.total == 18


def test_a_page_pasted_twice_in_one_copy_is_refused_with_both_lines(window, monkeypatch):
    text = PAGES.read_text(encoding="utf-8")
    first = text.split("\n\nActions\n")[0] + "\n\n"
    lines_before = first.count("\n")
    shown = answer_message_boxes(monkeypatch, "Fermer")
    _paste(window, first + first)
    assert len(shown) == 1
    assert shown[0].startswith(
        f"Presse-papiers, ligne {lines_before + 1} : action « le plus grand patchwork du monde »"
    )
    assert "en double" in shown[0] and "que Presse-papiers, ligne 1." in shown[0]
    assert window.total == 18


def test_the_listing_file_pasted_as_is_is_the_stored_sample(window, monkeypatch, sample_path):
    seen = answer_dialog(monkeypatch, ImportPreviewDialog, "Annuler")
    _paste(window, sample_path.read_text(encoding="utf-8"))
    (dialog,) = seen
    assert dialog.unchanged_table.rowCount() == 18
    assert dialog.new_table.rowCount() == 0
