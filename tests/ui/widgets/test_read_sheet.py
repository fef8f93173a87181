"""The read sheet of the detail tabs: one document for every caption and value (issue 17)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication

from centres_app.domain import Attachment
from centres_app.ui.widgets.read_sheet import ReadSheet


def _sheet(qtbot) -> ReadSheet:
    sheet = ReadSheet()
    qtbot.addWidget(sheet)
    return sheet


def test_values_are_shown_as_typed_under_their_captions(qtbot):
    sheet = _sheet(qtbot)
    summary = sheet.add_field("summary", "Résumé")
    partners = sheet.add_field("partners", "Partenaires", bullets=True)
    files = sheet.add_field("files", "Fichiers")
    summary.set_value("<b>pas du gras</b> & des lignes\n  en retrait")
    partners.set_value(("Caf", "Commune"))
    files.set_value((Attachment(name="plan.pdf", data=b"x" * 2048),))
    sheet.show_fields()
    assert summary.text() == "<b>pas du gras</b> & des lignes\n  en retrait"
    assert partners.text() == "• Caf\n• Commune"
    assert files.text() == "plan.pdf (2,0\u00a0Ko)"
    assert sheet.toPlainText().splitlines()[:2] == ["Résumé", "<b>pas du gras</b> & des lignes"]
    # Shown again with other values: the old ones are gone.
    summary.set_value("")
    sheet.show_fields()
    assert summary.empty and summary.text() == "Non renseigné"
    assert "pas du gras" not in sheet.toPlainText()


def test_the_whole_sheet_can_be_selected_and_copied(qtbot):
    sheet = _sheet(qtbot)
    sheet.add_field("summary", "Résumé").set_value("Un échange de jouets")
    sheet.add_field("public", "Public").set_value("Familles")
    sheet.show_fields()
    sheet.selectAll()
    sheet.copy()
    copied = QGuiApplication.clipboard().text().splitlines()
    assert copied == ["Résumé", "Un échange de jouets", "Public", "Familles"]


def test_matched_words_are_marked_and_unmarked(qtbot):
    sheet = _sheet(qtbot)
    sheet.add_field("summary", "Résumé").set_value("Échange de jouets à l'école, échanges")
    sheet.add_field("public", "Public (échange)").set_value("")
    sheet.show_fields()
    assert sheet.mark(["echang"]) == 1  # one field; not the caption, not the empty marker
    assert sheet.marked_texts() == ["Échang", "échang"]
    assert len(sheet.extraSelections()) == 2
    sheet.show_fields()  # shown again: marked again for the same words
    assert sheet.marked_texts() == ["Échang", "échang"]
    assert sheet.mark([]) == 0 and sheet.extraSelections() == []
