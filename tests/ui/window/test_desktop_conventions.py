"""French desktop conventions (issue 16 §7) on the real window: the list's context menu, the
column chooser, start folders of exports and PDFs, Qt's French dialogs, no technical text,
« * » while an edit is unsaved, validation messages that never overlap."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QRect, QStandardPaths
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QLabel, QMenu, QWidget

from centres_app.ui import folders
from centres_app.ui.models.action_list_model import COLUMNS
from centres_app.ui.store_names import store_description
from centres_app.ui.window.list_menus import HEADER_KEY, ColumnChooser
from tests.ui.main_window_fixtures import open_window, search, select_title, temp_settings


def _menu_texts(menu: QMenu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def test_the_row_menu_offers_the_usual_commands(qtbot, window, monkeypatch):
    search(qtbot, window, "reveillon")
    select_title(qtbot, window, "Réveillon de l'Amitié")
    menu = window.list_menus.row_menu()
    assert _menu_texts(menu) == [
        "Ouvrir",
        "Modifier",
        "Dupliquer",
        "Imprimer…",
        "Exporter la sélection…",
        "Supprimer",
    ]
    assert all(a.isEnabled() for a in menu.actions())
    # « Modifier » edits the row's action.
    next(a for a in menu.actions() if a.text() == "Modifier").trigger()
    assert window.detail_pane.mode == "edit"
    window.detail_pane.cancel_edit()
    # « Exporter la sélection… » opens the export dialog on the selection.
    seen: list[bool] = []

    def answer(dialog):
        seen.append(dialog.scope_selection.isChecked())
        return QDialog.DialogCode.Rejected

    from centres_app.ui.dialogs.export_dialog import ExportDialog

    monkeypatch.setattr(ExportDialog, "exec", answer)
    next(a for a in window.list_menus.row_menu().actions() if "Exporter" in a.text()).trigger()
    assert seen == [True]


def test_columns_can_be_hidden_reordered_and_are_remembered(qtbot, sample_db, tmp_path):
    settings = temp_settings(tmp_path)
    status, year = COLUMNS.index("status"), COLUMNS.index("year")
    with open_window(qtbot, sample_db, settings) as window:
        header = window.action_list.horizontalHeader()
        menu = window.list_menus.header_menu()
        assert "Choisir les colonnes…" in _menu_texts(menu)
        title_action = menu.actions()[0]
        assert not title_action.isEnabled()  # the title column always stays
        window.list_menus.set_shown(status, False)
        assert header.isSectionHidden(status)
        dialog = ColumnChooser(header, window)
        # Year moved to the second place.
        dialog.columns.setCurrentRow(header.visualIndex(year))
        while dialog.columns.currentRow() > 1:
            dialog.move_current(-1)
        from centres_app.ui.window.list_menus import apply_columns

        apply_columns(header, dialog.choice())
        window.list_menus.save()
        assert header.visualIndex(year) == 1
    assert settings.value(HEADER_KEY)
    with open_window(qtbot, sample_db, settings) as window:
        header = window.action_list.horizontalHeader()
        assert header.isSectionHidden(status)
        assert header.visualIndex(year) == 1
        assert not header.isSectionHidden(COLUMNS.index("title"))


def test_exports_and_pdfs_start_in_documents_then_in_the_last_folder(
    qtbot, window, tmp_path, monkeypatch
):
    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(
        QStandardPaths, "writableLocation", staticmethod(lambda _location: str(documents))
    )
    proposed: list[str] = []
    chosen = tmp_path / "ailleurs"
    chosen.mkdir()

    def save_as(_parent, _title, path, _filter=""):
        proposed.append(path)
        return str(chosen / Path(path).name), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    search(qtbot, window, "reveillon")
    select_title(qtbot, window, "Réveillon de l'Amitié")
    window.qactions.export_pdf.trigger()
    window.qactions.export_pdf.trigger()
    assert Path(proposed[0]).parent == documents
    assert Path(proposed[1]).parent == chosen
    assert (chosen / Path(proposed[0]).name).exists()
    assert Path.cwd() not in {Path(p).parent for p in proposed}
    assert folders.start_folder(None) == documents


def test_qt_standard_dialogs_speak_french(qapp):
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    assert (folder / "qtbase_fr.qm").exists()  # shipped by the PySide6 wheel
    from centres_app.ui.app.startup import _install_qt_translations

    installed = _install_qt_translations(qapp)
    try:
        dialog = QFileDialog(None, "Enregistrer")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        texts = {
            label.text().replace("&", "").replace("\u00a0", " ")
            for label in dialog.findChildren(QLabel)
        }
        assert {"Voir dans :", "Type de fichier :"} <= texts
        assert not any("Look" in t or "Files of" in t or "File name" in t for t in texts)
        # The supplement answers only its own texts: the standard buttons stay translated.
        assert QCoreApplication.translate("QPlatformTheme", "Close") == "Fermer"
        assert QCoreApplication.translate("MainWindow", "Bonjour") == "Bonjour"
        dialog.deleteLater()
    finally:
        for translator in installed:
            QApplication.removeTranslator(translator)


def test_no_technical_url_or_option_is_shown(qtbot, window, monkeypatch):
    assert store_description("sqlite+pysqlite:////home/anne/actions.db") == (
        "/home/anne/actions.db"
    )
    server = store_description("postgresql+psycopg://anne:secret@serveur:5432/centres")
    assert "secret" not in server and "://" not in server and "« centres »" in server
    shown: list[str] = []
    monkeypatch.setattr(
        "centres_app.ui.messages.show_info", lambda _parent, _title, text: shown.append(text)
    )
    window.qactions.about.trigger()
    assert shown and "://" not in shown[0] and "sqlite" not in shown[0]
    assert str(window.store.db_path) in shown[0]
    from centres_app.ui.dialogs.store_settings_dialog import StoreSettingsDialog

    dialog = StoreSettingsDialog(window.store.url, "", None, window)
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "://" not in texts and "--db" not in texts and "CENTRES_APP_DB" not in texts
    dialog.deleteLater()


def test_the_title_shows_a_star_while_an_edit_is_unsaved(qtbot, window):
    search(qtbot, window, "reveillon")
    select_title(qtbot, window, "Réveillon de l'Amitié")
    assert not window.isWindowModified()
    window.qactions.edit.trigger()
    window.detail_pane.field_editor("summary").setPlainText("Un autre résumé")
    assert window.isWindowModified()
    window.detail_pane.cancel_edit()
    assert not window.isWindowModified()


def _visible_rect(widget: QWidget, root: QWidget) -> QRect:
    return QRect(widget.mapTo(root, widget.rect().topLeft()), widget.size())


def test_validation_messages_never_overlap(qtbot, window):
    window.qactions.new.trigger()
    pane = window.detail_pane
    errors = pane.validate()  # an empty form: title, structure, département, year...
    assert len(errors) >= 3
    QApplication.processEvents()
    tab = pane.tabs.currentWidget()
    labels = [
        label
        for label in pane.findChildren(QLabel)
        if label.objectName().endswith("_error") and label.isVisible()
    ]
    assert len(labels) >= 3
    for label in labels:
        assert label.text()
    rects = [_visible_rect(label, pane) for label in labels]
    # The visible editors of the header and the current tab (named after their field).
    editors = {**pane.header.form.editors, **tab.form.editors}
    siblings = [w for w in editors.values() if w.isVisible()]
    assert len(siblings) >= 3  # the editors the messages sit under
    for i, rect in enumerate(rects):
        for other in rects[i + 1 :]:
            assert not rect.intersects(other), (labels[i].objectName(), other)
        for widget in siblings:
            assert not rect.intersects(_visible_rect(widget, pane)), (
                labels[i].objectName(),
                widget.objectName(),
            )
