"""The window's print commands: the selection as one sheet or a dossier, or the whole result."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QFileDialog, QInputDialog

from tests.ui.main_window_fixtures import open_window, search, temp_settings


def _text(path: Path) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages]


@pytest.fixture
def pdf_target(tmp_path, monkeypatch):
    out = tmp_path / "sortie.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "PDF (*.pdf)"))
    )
    monkeypatch.setattr(
        QInputDialog, "getText", staticmethod(lambda *a, **k: ("Dossier de test", True))
    )
    return out


def test_export_pdf_of_the_shown_action(qtbot, sample_db, tmp_path, pdf_target):
    with open_window(qtbot, sample_db, temp_settings(tmp_path)) as window:
        search(qtbot, window, "jouets")
        window.action_list.selectRow(0)
        window.findChild(type(window.qactions.export_pdf), "actionExportPdf").trigger()
    pages = _text(pdf_target)
    assert "Bourse aux jouets" in pages[0]
    assert "page 1 /" in pages[0]


def test_two_selected_rows_make_a_dossier(qtbot, sample_db, tmp_path, pdf_target):
    with open_window(qtbot, sample_db, temp_settings(tmp_path)) as window:
        search(qtbot, window, "reveillon")
        model = window.model
        selection = window.action_list.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for row in range(model.rowCount()):
            selection.select(model.index(row, 0), flags)
        assert len(window.selected_ids()) == 2
        window.qactions.export_pdf.trigger()
    pages = _text(pdf_target)
    assert "Dossier de test" in pages[0]
    assert "2 actions" in pages[0]
    joined = " ".join(pages)
    assert "Réveillon Solidaire" in joined and "Réveillon de l'Amitié" in joined


def test_whole_result_as_a_dossier_names_the_search(qtbot, sample_db, tmp_path, pdf_target):
    with open_window(qtbot, sample_db, temp_settings(tmp_path)) as window:
        search(qtbot, window, "velo")
        assert window.model.rowCount() == 3
        window.qactions.export_result_pdf.trigger()
    pages = _text(pdf_target)
    assert "3 actions" in pages[0]
    assert "velo" in pages[0].lower()


def test_personal_data_is_flagged_before_a_pdf_leaves_the_app(
    qtbot, sample_db, tmp_path, pdf_target, monkeypatch
):
    from centres_app.db.store import Store
    from centres_app.domain import SearchRequest
    from centres_app.ui.dialogs.personal_data_dialog import PersonalDataDialog

    store = Store.open(sample_db)
    action_id = store.search_ids(SearchRequest('"Bourse aux jouets"', prefix_last=False))[0]
    detail = store.get(action_id)
    store.update(
        action_id,
        detail.version,
        detail.data.replace(summary="Contact : marie.dupont@example.org, 06 12 34 56 78"),
    )
    store.close()
    shown = []

    def refuse(dialog):
        shown.append(dialog.table.rowCount())
        return 0  # « Annuler »

    monkeypatch.setattr(PersonalDataDialog, "exec", refuse)
    with open_window(qtbot, sample_db, temp_settings(tmp_path)) as window:
        search(qtbot, window, "jouets")
        window.action_list.selectRow(0)
        window.qactions.export_pdf.trigger()
    assert shown == [2]
    assert not pdf_target.exists()


def test_printing_the_result_loads_each_action_once_off_the_gui_thread(
    qtbot, sample_db, tmp_path, pdf_target, monkeypatch
):
    """Issue 15: the personal-data check and the sheets share one load, made by the runner."""
    import threading

    main = threading.current_thread()
    with open_window(qtbot, sample_db, temp_settings(tmp_path)) as window:
        search(qtbot, window, "velo")
        store = window.store
        loads: list[tuple[list[int], bool]] = []
        real_details = store.details

        def details(ids):  # noqa: ANN001, ANN202
            loads.append((list(ids), threading.current_thread() is main))
            return real_details(ids)

        monkeypatch.setattr(store, "details", details)
        window.qactions.export_result_pdf.trigger()
    assert sorted(i for ids, _ in loads for i in ids) == sorted(window.model.ids)
    assert len(window.model.ids) == 3
    assert not any(on_gui for _, on_gui in loads)
    assert "3 actions" in _text(pdf_target)[0]


def test_the_personal_data_dialog_says_print_when_printing_and_export_for_a_pdf(
    qtbot, sample_db, tmp_path, pdf_target, monkeypatch
):
    from centres_app.db.store import Store
    from centres_app.domain import SearchRequest
    from centres_app.ui.dialogs.personal_data_dialog import PersonalDataDialog

    store = Store.open(sample_db)
    action_id = store.search_ids(SearchRequest('"Bourse aux jouets"', prefix_last=False))[0]
    detail = store.get(action_id)
    store.update(
        action_id, detail.version, detail.data.replace(summary="Contact : marie@example.org")
    )
    store.close()
    buttons: list[str] = []

    def refuse(dialog):
        buttons.append(dialog.export_button.text())
        return 0  # « Annuler »

    monkeypatch.setattr(PersonalDataDialog, "exec", refuse)
    with open_window(qtbot, sample_db, temp_settings(tmp_path)) as window:
        search(qtbot, window, "jouets")
        window.action_list.selectRow(0)
        window.qactions.print.trigger()
        window.qactions.print_preview.trigger()
        window.qactions.export_pdf.trigger()
    assert buttons == ["Imprimer quand même", "Imprimer quand même", "Exporter quand même"]
    assert not pdf_target.exists()
