"""Search results that explain themselves (issue 16 §4), on the real window and sample store."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel

from centres_app.ui.models.action_list_model import COLUMNS
from centres_app.ui.widgets.highlight import HIGHLIGHT_BACKGROUND, highlight_spans, search_words
from tests.ui.main_window_fixtures import list_titles, search, select_title, wait_facets
from tests.ui.window.test_main_window import check_value, facet_counts


def test_search_words_leave_out_qualifiers_and_excluded_words():
    assert search_words('mot:Parentalité reveillon -noel "fete des"') == [
        "reveillon",
        "fete",
        "des",
    ]
    assert search_words("annee:2019..2022") == []


def test_spans_ignore_accents_and_case_and_match_word_beginnings():
    text = "Réveillon de l'Amitié"
    assert highlight_spans(text, ["reveil"]) == [(0, 6)]
    assert highlight_spans(text, ["amitie"]) == [(15, 21)]
    assert highlight_spans(text, ["mitie"]) == []
    assert highlight_spans("<b>Rêve</b> rêveur", ["reve"]) == [(3, 7), (12, 16)]


def test_spans_keep_the_original_letters_when_folding_changes_the_length():
    """Issue 17: the spans come from one search of the folded text, mapped back to the
    original's letters: « ß » folds to two letters, « ﬁ » is one letter for two, a decomposed
    « é » is two characters for one letter."""
    text = "Straße ﬁnale, l’e\u0301cole et l'ÉCOLE"
    assert [text[a:b] for a, b in highlight_spans(text, ["strass"])] == ["Straß"]
    assert [text[a:b] for a, b in highlight_spans(text, ["fin"])] == ["ﬁn"]
    assert [text[a:b] for a, b in highlight_spans(text, ["ecol"])] == ["e\u0301col", "ÉCOL"]
    # A word starting with several of the words: marked once, for the first of them.
    assert highlight_spans("parentalité", ["par", "parent"]) == [(0, 3)]
    assert highlight_spans("parentalité", ["parent", "par"]) == [(0, 6)]
    assert highlight_spans("aparté", ["par"]) == []  # not inside a word


def test_matched_words_are_highlighted_in_the_title_column(qtbot, window):
    search(qtbot, window, "reveillon")
    delegate = window.action_list.itemDelegateForColumn(COLUMNS.index("title"))
    index = window.model.index(0, 0)
    cell = delegate.cell_spans(index)
    assert cell is not None and [index.data()[a:b] for a, b in cell] == ["Réveillon"]
    title = window.action_list.visualRect(index)
    assert highlighted_pixels(window, title) > 50  # the yellow under the word, painted
    search(qtbot, window, "")
    assert delegate.cell_spans(window.model.index(0, 0)) is None
    assert highlighted_pixels(window, title) == 0


def highlighted_pixels(window, rect) -> int:  # noqa: ANN001
    """How many pixels of `rect` (in the list's viewport) have the highlight's colour."""
    image = window.action_list.viewport().grab(rect).toImage()
    yellow = QColor(HIGHLIGHT_BACKGROUND).rgb()
    return sum(
        image.pixel(x, y) == yellow for x in range(image.width()) for y in range(image.height())
    )


def test_matched_words_are_marked_in_the_detail_pane(qtbot, window):
    search(qtbot, window, "reveillon")
    select_title(qtbot, window, "Réveillon de l'Amitié")
    title = window.detail_pane.findChild(QLabel, "view_title")
    assert title.selectedText() == "Réveillon"
    assert title.text() == "Réveillon de l'Amitié"  # the text itself stays plain
    search(qtbot, window, "amitie")
    assert title.selectedText() == "Amitié"


def test_the_detail_pane_follows_the_result(qtbot, window):
    search(qtbot, window, "reveillon")
    select_title(qtbot, window, "Réveillon de l'Amitié")
    assert window.detail_pane.detail.data.title == "Réveillon de l'Amitié"
    search(qtbot, window, "Royans Express")
    # The shown action left the result: the first hit is shown and selected.
    first = list_titles(window)[0]
    assert window.detail_pane.detail.data.title == first
    assert window.action_list.selected_ids() == [window.shown_id]
    search(qtbot, window, "zzzqqq")
    assert window.detail_pane.detail is None
    assert window.detail_pane.stack.currentWidget() is window.detail_pane.placeholder
    assert "Aucune action ne correspond" in window.detail_pane.placeholder.text()


def test_an_edit_in_progress_is_kept_when_the_result_changes(qtbot, window):
    search(qtbot, window, "reveillon")
    select_title(qtbot, window, "Réveillon de l'Amitié")
    window.qactions.edit.trigger()
    assert window.detail_pane.mode == "edit"
    editing = window.detail_pane.editing_detail
    search(qtbot, window, "zzzqqq")
    assert window.detail_pane.mode == "edit"
    assert window.detail_pane.editing_detail == editing


def test_filters_and_qualifiers_show_as_removable_chips(qtbot, window):
    assert not window.chips.isVisible()
    counts = facet_counts(window, "department")
    department = max(counts, key=counts.get)
    check_value(qtbot, window, "department", department)
    assert [c.label for c in window.chips.chips] == [f"Département : {department}"]
    assert window.chips.isVisible()
    search(qtbot, window, "annee:2019..2022 ")
    labels = [c.label for c in window.chips.chips]
    assert labels == ["Année : 2019..2022", f"Département : {department}"]
    # The ✕ of the qualifier takes it out of the search text.
    with qtbot.waitSignal(window.results_changed, timeout=10_000):
        window.chips.buttons()[0].click()
    assert window.search_edit.text() == ""
    wait_facets(qtbot, window)
    # The ✕ of a checked value unchecks it.
    with qtbot.waitSignal(window.results_changed, timeout=10_000):
        qtbot.mouseClick(window.chips.buttons()[0], Qt.MouseButton.LeftButton)
    assert window.filter_panel.filters().is_empty
    assert window.chips.chips == []
    assert window.model.rowCount() == window.total


def test_facet_counts_respect_qualifiers_typed_in_the_box(qtbot, window):
    all_years = facet_counts(window, "department")
    search(qtbot, window, "annee:2019")
    counts = facet_counts(window, "department")
    assert sum(counts.values()) == window.model.rowCount() < sum(all_years.values())
    # The year facet counts every year (OR within a facet), in the plain text colour.
    assert "2019 (5)" in window.filter_panel.year_counts.text()
    assert window.filter_panel.year_counts.isEnabled()


def test_the_search_help_lists_the_qualifiers(qtbot, window, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(
        "centres_app.ui.messages.show_info", lambda _parent, _title, text: shown.append(text)
    )
    window.qactions.search_help.trigger()
    assert "mot:" in shown[0] and "annee:2019..2022" in shown[0] and "dep:" in shown[0]


def test_the_pane_follows_with_the_first_hit_read_off_the_gui_thread(qtbot, window):
    """Issue 17: the first hit the pane follows to is read with the result, in the search's
    worker, not by the GUI thread in the turn that shows it."""
    search(qtbot, window, "reveillon")
    select_title(qtbot, window, "Réveillon de l'Amitié")
    store, read_here = window._store, []
    get = store.get

    def recorded(action_id: int):  # noqa: ANN202
        read_here.append(action_id)
        return get(action_id)

    store.get = recorded  # the window's reads; the search's worker holds its own
    try:
        search(qtbot, window, "Royans Express")
    finally:
        del store.get
    first = list_titles(window)[0]
    assert window.detail_pane.detail.data.title == first
    assert window.action_list.selected_ids() == [window.shown_id]
    assert read_here == []
