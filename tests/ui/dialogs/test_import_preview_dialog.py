"""The import preview's tables on a model (issue 17): every row of a long file, its texts as
plain text (never HTML) with themselves as tooltips, nothing editable."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt

from centres_app.domain import ImportPreview, PreviewItem
from centres_app.ui.dialogs.import_preview_dialog import ImportPreviewDialog


def test_a_long_file_shows_every_row_as_plain_text(qtbot):
    marked = "<b>Atelier</b> & <i>jardin</i>"
    new = tuple(PreviewItem(i, f"Action {i}", "CS du Centre", 2020) for i in range(1, 1001))
    new += (PreviewItem(1001, marked, "<script>", None),)
    dialog = ImportPreviewDialog("import.txt", ImportPreview(new=new))
    qtbot.addWidget(dialog)
    table = dialog.new_table
    assert table.rowCount() == 1001 and table.columnCount() == 4
    rows = ImportPreviewDialog.rows(table)
    assert rows[0] == ["1", "Action 1", "CS du Centre", "2020"]
    assert rows[-1] == ["1001", marked, "<script>", ""]
    model = table.model()
    last = model.index(1000, 1)
    assert model.data(last, Qt.ItemDataRole.DisplayRole) == marked
    assert model.data(last, Qt.ItemDataRole.ToolTipRole) == marked
    assert not model.flags(last) & Qt.ItemFlag.ItemIsEditable
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["N°", "Titre", "Structure", "Année"]
    assert dialog.tabs.tabText(dialog.tabs.indexOf(table)) == "Nouvelles (1001)"
    assert dialog.tabs.currentWidget() is table
    assert 0 < table.columnWidth(1) <= 320


def test_a_tab_is_sized_when_first_shown_as_if_it_opened_first(qtbot):
    """Only the tab the dialog opens on is measured at once (issue 17: ~3,000 calls into the
    model for a file of 1,000 new actions); another tab is measured when it is first shown,
    to the same widths as if the dialog had opened on it."""
    new = tuple(
        PreviewItem(i, f"Action {i} " + "x" * (i % 40), f"CS {i % 7}", 2020) for i in range(1, 1001)
    )
    duplicate = PreviewItem(1001, "Bourse", "CS", 2021, similar_id=1, similar_title="Bours")
    duplicate = dataclasses.replace(duplicate, similarity=0.9)
    alone = ImportPreviewDialog("a.txt", ImportPreview(new=new))
    both = ImportPreviewDialog(
        "b.txt", ImportPreview(new=(*new, duplicate), duplicates=(duplicate,))
    )
    qtbot.addWidget(alone)
    qtbot.addWidget(both)
    assert alone.tabs.currentWidget() is alone.new_table
    assert both.tabs.currentWidget() is both.duplicates_table
    header = both.new_table.horizontalHeader()
    assert [both.new_table.columnWidth(c) for c in range(4)] == [header.defaultSectionSize()] * 4
    both.tabs.setCurrentWidget(both.new_table)
    widths = [alone.new_table.columnWidth(c) for c in range(4)]
    assert [both.new_table.columnWidth(c) for c in range(4)] == widths
    assert widths[1] == 320  # (the longest titles, capped)
    assert header.sectionResizeMode(3) == header.ResizeMode.Stretch
