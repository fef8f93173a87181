"""The action list's cells (ui/widgets/list_cells.py, issue 17): painted from texts laid out
once, they must look as Qt's own delegate paints them, on the real window and sample store."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QStyledItemDelegate

from centres_app.ui.models.action_list_model import COLUMNS
from centres_app.ui.widgets.highlight import HIGHLIGHT_BACKGROUND
from tests.ui.main_window_fixtures import search, wait_facets

ELLIPSIS = "\u2026"


def list_image(window, columns: int) -> QImage:  # noqa: ANN001
    """The list's viewport as painted now, cut to its first `columns` columns."""
    view = window.action_list
    width = sum(view.columnWidth(c) for c in range(columns))
    return view.viewport().grab().toImage().copy(0, 0, width, view.viewport().height())


def differing_pixels(first: QImage, second: QImage) -> float:
    """The share of the pixels that differ between two images of one size."""
    assert first.size() == second.size()
    width, height = first.width(), first.height()
    differ = sum(
        first.pixel(x, y) != second.pixel(x, y) for y in range(height) for x in range(width)
    )
    return differ / (width * height)


def test_the_list_looks_as_qt_paints_it(qtbot, window):
    """Every text in its cell, elided, aligned, and the selected row, as Qt's own delegate
    paints them: ~0.1 % of the pixels differ by antialiasing (a cell's text in the wrong column
    or row, or a selection left unpainted, changes ~5-15 % of them)."""
    wait_facets(qtbot, window)
    view = window.action_list
    window.resize(1400, 800)
    view.setColumnWidth(COLUMNS.index("title"), 140)  # titles cut with an ellipsis
    view.selectRow(2)
    view.setFocus()
    qtbot.waitUntil(lambda: view.hasFocus(), timeout=5000)
    shown = COLUMNS.index("completeness")  # the score's bar is not Qt's: left out
    ours = list_image(window, shown)
    assert ours.height() > 100

    plain = QStyledItemDelegate(view)
    delegates = [view.itemDelegateForColumn(c) for c in range(shown)]
    for column in range(shown):
        view.setItemDelegateForColumn(column, plain)
    qts = list_image(window, shown)
    for column, delegate in enumerate(delegates):
        view.setItemDelegateForColumn(column, delegate)
    assert differing_pixels(ours, qts) < 0.01

    # And the check does see a difference: the same list with another row selected.
    view.selectRow(5)
    assert differing_pixels(list_image(window, shown), qts) > 0.03


def test_a_long_title_is_elided_and_its_matched_words_stay_marked(qtbot, window):
    search(qtbot, window, "reveillon")
    view = window.action_list
    delegate = window.feedback.delegate
    title = window.model.cell_text(0, 0)
    assert title.startswith("Réveillon")
    room = delegate.plain_metrics.horizontalAdvance(title) * 3 // 4  # « Réveillon de l… »
    runs = delegate.runs(title, room)
    shown = "".join(run.text() for _x, run, _width, _marked in runs)
    assert shown.endswith(ELLIPSIS) and title.startswith(shown[:-1])
    assert [run.text() for _x, run, _width, marked in runs if marked] == ["Réveillon"]
    assert runs[-1][0] + runs[-1][2] <= room  # nothing drawn past the cell
    # In the list: the narrow title column still shows the mark.
    view.setColumnWidth(0, room)
    rect = view.visualRect(window.model.index(0, 0))
    image = view.viewport().grab(rect).toImage()
    yellow = QColor(HIGHLIGHT_BACKGROUND).rgb()
    assert any(
        image.pixel(x, y) == yellow for x in range(image.width()) for y in range(image.height())
    )


def test_the_completeness_column_paints_a_bar_and_its_score(qtbot, window):
    wait_facets(qtbot, window)
    model, view = window.model, window.action_list
    column = COLUMNS.index("completeness")
    qtbot.waitUntil(lambda: model.completeness_at(0) is not None, timeout=10000)
    score = model.completeness_at(0).score
    assert model.cell_text(0, column) == f"{score}\u202f%"
    view.scrollTo(model.index(0, column))
    rect = view.visualRect(model.index(0, column))
    image = view.viewport().grab(rect).toImage()
    colours = {image.pixel(x, y) for x in range(image.width()) for y in range(image.height())}
    bar = {QColor(c).rgb() for c in ("#4f9a5b", "#d19a2a", "#c65a4a")}
    assert colours & bar  # the filled part of the bar, in the score's colour


def test_a_new_font_lays_the_texts_out_again(qtbot, window):
    wait_facets(qtbot, window)
    view = window.action_list
    delegate = view.itemDelegate()
    text = window.model.cell_text(0, COLUMNS.index("structure"))
    view.viewport().grab()
    narrow, _ = delegate.laid_out(text, 60)
    font = view.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    view.setFont(font)
    view.viewport().grab()  # a paint with the new font
    assert delegate.plain_font.pointSizeF() == font.pointSizeF()
    wide, _ = delegate.laid_out(text, 60)
    # Fewer letters fit in the same width with the bigger font.
    assert len(wide.text()) < len(narrow.text())
