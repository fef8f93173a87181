"""The main window on the real sample store: search, filters, sorting, detail, settings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QTableView

from centres_app.ui.panels.filter_panel import VALUE_ROLE
from tests.damaged_pages import leaf_page_offset
from tests.ui.main_window_fixtures import (
    answer_message_boxes,
    list_titles,
    open_window,
    search,
    select_title,
    temp_settings,
    wait_facets,
    wait_opened,
)


def facet_counts(window, facet: str) -> dict[str, int]:
    widget = window.filter_panel.value_list(facet)
    out = {}
    for row in range(widget.count()):
        item = widget.item(row)
        value = item.data(VALUE_ROLE)
        if value is not None:
            out[value] = int(item.text().rsplit("(", 1)[1].rstrip(")").replace("\u202f", ""))
    return out


def check_value(qtbot, window, facet: str, value: str) -> None:
    widget = window.filter_panel.value_list(facet)
    for row in range(widget.count()):
        item = widget.item(row)
        if item.data(VALUE_ROLE) == value:
            rect = widget.visualItemRect(item)
            with qtbot.waitSignal(window.results_changed):
                # A click on the text (not only on the box) checks the value.
                qtbot.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            wait_facets(qtbot, window)
            return
    raise AssertionError(f"{value!r} not in facet {facet}")


def test_window_is_french_with_menus_toolbar_and_counts(window):
    assert window.windowTitle() == "Actions des centres sociaux[*]"  # « * » when modified
    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert menus == ["Fichier", "Édition", "Action", "Affichage", "Aide"]
    toolbar_names = {a.objectName() for a in window.toolbar.actions()}
    assert {"actionNew", "actionSave", "actionDelete", "actionImport"} <= toolbar_names
    assert window.findChild(QTableView, "actionList").model().rowCount() == 18
    assert window.findChild(QLabel, "resultCount").text() == "18 actions"
    assert window.status_count.text() == "18 actions affichées / 18 au total"
    for name, shortcut in {
        "actionNew": "Ctrl+N",
        "actionSave": "Ctrl+S",
        "actionCancel": "Esc",
        "actionDelete": "Del",
        "actionPrint": "Ctrl+P",
        "actionPrintPreview": "Ctrl+Shift+P",
    }.items():
        action = getattr(window.qactions, _attr(name))
        assert action.objectName() == name
        assert action.shortcut().toString() == shortcut


def _attr(name: str) -> str:
    return {
        "actionNew": "new",
        "actionSave": "save",
        "actionCancel": "cancel",
        "actionDelete": "delete",
        "actionPrint": "print",
        "actionPrintPreview": "print_preview",
    }[name]


def test_typing_narrows_the_list_and_updates_the_count(qtbot, window):
    search(qtbot, window, "reveillon")
    assert window.result_count.text() == "2 actions"
    assert len(list_titles(window)) == 2
    assert all("veillon" in t for t in list_titles(window))
    assert window.status_count.text() == "2 actions affichées / 18 au total"

    search(qtbot, window, "Royans Express")
    assert window.result_count.text() == "1 action"

    search(qtbot, window, "zzzqqq")
    assert window.result_count.text() == "Aucune action ne correspond"
    assert window.model.rowCount() == 0


def test_escape_clears_the_search_and_ctrl_f_focuses_it(qtbot, window):
    search(qtbot, window, "reveillon")
    window.action_list.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_edit.hasFocus()
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Escape)
    assert window.search_edit.text() == ""
    wait_facets(qtbot, window)  # the search runs off the GUI thread
    assert window.result_count.text() == "18 actions"


def test_checking_a_facet_value_filters_and_changes_other_counts(qtbot, window):
    before = facet_counts(window, "dimension")
    assert facet_counts(window, "status") == {"En cours": 16, "Terminée": 2}

    check_value(qtbot, window, "status", "Terminée")

    assert window.result_count.text() == "2 actions"
    after = facet_counts(window, "dimension")
    assert after != before and sum(after.values()) == 2
    # The facet's own counts ignore its own selection (OR within a facet).
    assert facet_counts(window, "status") == {"Terminée": 2, "En cours": 16}

    check_value(qtbot, window, "status", "En cours")
    assert window.result_count.text() == "18 actions"

    window.qactions.reset_filters.trigger()
    assert window.filter_panel.filters().is_empty


def test_year_range_filters(qtbot, window):
    panel = window.filter_panel
    with qtbot.waitSignal(window.results_changed):
        panel.year_from.setValue(2019)
    with qtbot.waitSignal(window.results_changed):
        panel.year_to.setValue(2020)
    assert window.result_count.text() == "7 actions"
    assert {window.model.row_data(r).year for r in range(7)} == {2019, 2020}


def test_clicking_a_header_sorts_through_the_store(qtbot, window):
    header = window.action_list.horizontalHeader()
    year_column = 3

    def years():
        return [window.model.row_data(r).year for r in range(window.model.rowCount())]

    with qtbot.waitSignal(window.results_changed):
        qtbot.mouseClick(
            header.viewport(),
            Qt.MouseButton.LeftButton,
            pos=header.rect().topLeft() + _section_center(header, year_column),
        )
    assert window.request.sort == "year" and not window.request.descending
    assert years() == sorted(years())
    with qtbot.waitSignal(window.results_changed):
        header.setSortIndicator(year_column, Qt.SortOrder.DescendingOrder)
    assert window.request.descending
    assert years() == sorted(years(), reverse=True)


def _section_center(header, column):
    from PySide6.QtCore import QPoint

    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    return QPoint(x, header.height() // 2)


def test_selecting_a_row_fills_the_detail_pane(qtbot, window, sample_store):
    search(qtbot, window, "reveillon")
    title = "Réveillon de l'Amitié"
    select_title(qtbot, window, title)
    assert window.detail_pane.mode == "view"
    shown = window.detail_pane.detail
    assert shown is not None and shown.data.title == title
    header_title = window.detail_pane.findChild(QLabel, "view_title")
    assert header_title.text() == title
    # The pane shows what the store holds for that id.
    assert sample_store.get(shown.id).data == shown.data


def test_keyboard_moves_through_the_list(qtbot, window):
    window.search_edit.setFocus()
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Down)
    assert window.action_list.hasFocus()
    wait_opened(qtbot, window)
    first = window.shown_id
    assert first == window.model.id_at(0)
    qtbot.keyClick(window.action_list, Qt.Key.Key_Down)
    wait_opened(qtbot, window)
    assert window.shown_id == window.model.id_at(1)


def test_down_right_after_typing_enters_the_list_of_what_was_typed(qtbot, window):
    """The search runs off the GUI thread: ↓ pressed before its answer enters the new list."""
    wait_facets(qtbot, window)
    edit = window.search_edit
    edit.setFocus()
    counts_when_entered: list[str] = []

    def on_focus_changed(_old: object, new: object) -> None:
        if new is window.action_list:
            counts_when_entered.append(window.result_count.text())

    QApplication.instance().focusChanged.connect(on_focus_changed)
    try:
        qtbot.keyClicks(edit, "reveillon")
        qtbot.keyClick(edit, Qt.Key.Key_Down)  # the typing pause cut short: searched now
        qtbot.waitUntil(window.action_list.hasFocus, timeout=10_000)
    finally:
        QApplication.instance().focusChanged.disconnect(on_focus_changed)
    assert counts_when_entered == ["2 actions"]  # not the 18 of the list shown before
    assert window.request.text == "reveillon"
    assert window.result_count.text() == "2 actions"
    assert window.action_list.currentIndex().row() == 0
    assert window.shown_id == window.model.id_at(0)


def test_search_and_filters_are_remembered(qtbot, sample_db, tmp_path):
    settings = temp_settings(tmp_path)
    with open_window(qtbot, sample_db, settings) as first:
        search(qtbot, first, "parent")
        first.filter_panel.year_from.setValue(2019)
        wait_facets(qtbot, first)
        # Within the offscreen screen (800 x 600), so that the geometry comes back unclamped.
        first.resize(760, 540)
        first.splitter.setSizes([150, 300, 290])
        geometry = first.geometry()
        sizes = first.splitter.sizes()
        shown = first.result_count.text()
    with open_window(qtbot, sample_db, temp_settings(tmp_path)) as second:
        assert second.search_edit.text() == "parent"
        assert second.filter_panel.filters().year_min == 2019
        assert second.result_count.text() == shown
        assert second.size() == geometry.size()
        assert second.splitter.sizes() == sizes


def test_html_title_is_shown_as_typed(qtbot, sample_db, tmp_path):
    from centres_app.db.store import Store
    from centres_app.domain import ActionData

    store = Store.open(sample_db)
    try:
        store.create(
            ActionData(title="<b>x</b>", department="Drôme", year=2020, structure="CS Test")
        )
    finally:
        store.close()
    with open_window(qtbot, sample_db, temp_settings(tmp_path)) as window:
        search(qtbot, window, "CS Test")
        assert list_titles(window) == ["<b>x</b>"]
        select_title(qtbot, window, "<b>x</b>")
        label = window.detail_pane.findChild(QLabel, "view_title")
        assert label.text() == "<b>x</b>"
        assert label.textFormat() == Qt.TextFormat.PlainText


def test_a_damaged_store_fills_the_list_and_says_so_once_without_error_boxes(
    qtbot, sample_db, tmp_path, monkeypatch
):
    """Issue 13: painting a damaged page opened one « Erreur inattendue » box per paint.

    The list's rows come from the in-memory index once it is built (it reads this table
    through an index, not the damaged page) or from SQL before (the page fails: « Ligne
    illisible »); the completeness scores are read in SQL and fail either way, reported once
    when their job ends (off the GUI thread: waited for, the CI once looked before it ended).
    """
    data = bytearray(sample_db.read_bytes())
    # A page of the rows the list reads (a fixed fraction of the file moves with the schema).
    offset = leaf_page_offset(sample_db, "action_term")
    data[offset : offset + 4096] = b"\xab" * 4096
    sample_db.write_bytes(bytes(data))
    boxes = answer_message_boxes(monkeypatch)  # any box fails the test
    with open_window(qtbot, sample_db, temp_settings(tmp_path)) as window:
        qtbot.waitUntil(
            lambda: window.statusBar().currentMessage().startswith("Lignes illisibles"),
            timeout=10_000,
        )
        messages: list[str] = []
        window.statusBar().messageChanged.connect(messages.append)
        for _ in range(3):
            window.action_list.grab()  # paints every visible row again
            window.model.data(window.model.index(0, 6))
        assert window.result_count.text() == "18 actions"
        assert all(window.model.data(window.model.index(r, 0)) for r in range(18))
        assert messages == []  # reported when the rows were first read, not at each paint
        assert window.statusBar().currentMessage().startswith("Lignes illisibles dans la liste")
        assert "endommagée" in window.statusBar().currentMessage()
    assert boxes == []


def test_a_closed_window_and_its_command_groups_are_freed_at_once(qtbot, sample_db, tmp_path):
    """The command groups hold the window weakly: no reference cycle keeps a closed window
    (and its timers) alive until the garbage collector runs, at an arbitrary moment."""
    import gc
    import weakref

    gc.disable()
    try:
        with open_window(qtbot, sample_db, temp_settings(tmp_path)) as win:
            freed = weakref.ref(win)
            editing = weakref.ref(win.editing)
            del win
        assert freed() is None
        assert editing() is None
    finally:
        gc.enable()
