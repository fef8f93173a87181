"""Keyboard and screen-reader access (issue 16 §3), on the real window and dialogs: every
focusable widget is reached by Tab in an order that follows the layout and has a name that
says which field it is; the read view scrolls with the keyboard; no ambiguous shortcut, no
duplicate mnemonic."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QWidget

from centres_app.domain import SearchRequest, SyncConflict
from centres_app.ui.detail import pane as pane_module
from centres_app.ui.dialogs.export_dialog import ExportDialog
from centres_app.ui.dialogs.history_dialog import HistoryDialog
from centres_app.ui.dialogs.import_preview_dialog import ImportPreviewDialog
from centres_app.ui.dialogs.personal_data_dialog import PersonalDataDialog
from centres_app.ui.dialogs.restore_backup_dialog import RestoreBackupDialog
from centres_app.ui.dialogs.store_settings_dialog import StoreSettingsDialog, postgres_url
from centres_app.ui.dialogs.sync_conflicts_dialog import SyncConflictsDialog
from centres_app.ui.dialogs.sync_server_dialog import SyncServerDialog
from centres_app.ui.dialogs.trash_dialog import TrashDialog
from centres_app.ui.dialogs.vocabulary_dialog import VocabularyDialog
from tests.ui.accessibility import accessible_name, describe, tab_stops, walk
from tests.ui.main_window_fixtures import (
    answer_message_boxes,
    open_window,
    select_title,
    temp_settings,
    wait_facets,
)
from tests.ui.sync_fake import FakeSyncStore

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support")

EDITORS_IN_ORDER = [
    "title",
    "structure",
    "department",
    "year",
    "status",
    "insightBadge",
    "dimension",
    "keywords_new",
    "keywords_add",
    "keywords_list",
    "summary",
    "initiative_new",
    "public_new",
    "description",
    "partners_new",
    "partners_add",
    "partners_list",
    "financial_resources",
    "people_mobilised",
    "result_territory",
    "perspectives",
]


def _activate(qtbot, widget: QWidget) -> None:  # noqa: ANN001
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget, timeout=10_000)


def _check_walk(qtbot, root: QWidget, start: QWidget) -> list[QWidget]:  # noqa: ANN001
    stops = tab_stops(root)
    seen = walk(qtbot, root, start)
    unreachable = [describe(w) for w in stops if w not in seen]
    unnamed = [describe(w) for w in stops if not accessible_name(w)]
    assert not unreachable, f"not reachable by Tab: {unreachable}"
    assert not unnamed, f"no accessible name: {unnamed}"
    assert len(stops) > 1
    return seen


def test_main_window_tab_order_follows_the_layout(qtbot, window):
    _activate(qtbot, window)
    select_title(qtbot, window, "Actif'études / CLAS")
    seen = _check_walk(qtbot, window, window.search_edit)
    names = [w.objectName() for w in seen]
    # Search box, saved searches, filters (top to bottom), list, then the detail pane.
    order = ["searchEdit", "saveSearchButton", "facet_department", "yearFrom", "actionList"]
    order += ["editButton", "qt_tabwidget_tabbar"]
    assert [names.index(n) for n in order] == sorted(names.index(n) for n in order)
    # The read page is one stop, named after its tab.
    read = window.detail_pane.description_tab.read_page
    assert read in seen and accessible_name(read) == "Description (lecture)"


def test_tabs_built_in_the_shown_window_keep_their_place_in_the_tab_order(
    qtbot, sample_db, tmp_path, monkeypatch
):
    """Issue 17: a tab's pages built once the window is shown (here at the first action
    shown) are reached right after the tab bar, before the similar actions, as when they
    were built with the window."""
    monkeypatch.setattr(pane_module, "BUILD_TABS_AFTER_MS", 3_600_000)
    with open_window(qtbot, sample_db, temp_settings(tmp_path)) as window:
        pane = window.detail_pane
        assert not pane.description_tab.is_built
        _activate(qtbot, window)
        select_title(qtbot, window, "Actif'études / CLAS")
        seen = [w.objectName() or w for w in _check_walk(qtbot, window, window.search_edit)]
        read = pane.description_tab.read_page
        assert seen.index("qt_tabwidget_tabbar") < seen.index(read)
        assert seen.index(read) < seen.index("similarToggle")
        window.qactions.edit.trigger()
        names = [w.objectName() for w in _check_walk(qtbot, window, window.search_edit)]
        assert [names.index(n) for n in EDITORS_IN_ORDER] == sorted(
            names.index(n) for n in EDITORS_IN_ORDER
        )


def test_the_editor_is_one_tab_order_across_its_four_tabs(qtbot, window):
    _activate(qtbot, window)
    select_title(qtbot, window, "Actif'études / CLAS")
    window.qactions.edit.trigger()
    pane = window.detail_pane
    seen = _check_walk(qtbot, window, window.search_edit)
    names = [w.objectName() for w in seen]
    missing = [n for n in EDITORS_IN_ORDER if n not in names]
    assert not missing
    assert [names.index(n) for n in EDITORS_IN_ORDER] == sorted(
        names.index(n) for n in EDITORS_IN_ORDER
    )
    # The five multi-valued fields' boxes and buttons say which field they are.
    entries = {accessible_name(pane.field_editor(n).entry) for n in ("keywords", "partners")}
    assert entries == {
        "Mots clés associés à l'action : rechercher une valeur",
        "Partenaires d'action : rechercher une valeur",
    }
    buttons = {
        accessible_name(pane.field_editor(n).add_button)
        for n in ("keywords", "initiative", "public", "partners")
    }
    assert len(buttons) == 4
    # Maj+Tab goes back across the tabs too.
    pane.tabs.setCurrentWidget(pane.partners_tab)
    first = pane.partners_tab.edit_stops()[0]
    first.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(first, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert pane.tabs.currentWidget() is pane.description_tab
    assert QApplication.focusWidget() is pane.description_tab.edit_stops()[-1]


def test_the_read_view_scrolls_with_the_keyboard(qtbot, window):
    _activate(qtbot, window)
    select_title(qtbot, window, "Actif'études / CLAS")
    window.resize(1000, 480)
    read = window.detail_pane.description_tab.read_page
    qtbot.waitUntil(lambda: read.verticalScrollBar().maximum() > 0, timeout=10_000)
    read.setFocus(Qt.FocusReason.TabFocusReason)
    assert read.hasFocus() and ":focus" in read.styleSheet()  # the focus shows
    bar = read.verticalScrollBar()
    qtbot.keyClick(read, Qt.Key.Key_PageDown)
    assert bar.value() > 0
    qtbot.keyClick(read, Qt.Key.Key_End)
    assert bar.value() == bar.maximum()


def test_delete_key_in_the_saved_search_list_deletes_the_saved_search(qtbot, window, monkeypatch):
    _activate(qtbot, window)
    panel = window.insight.saved_searches
    window.store.save_search("Vélo", SearchRequest("velo"))
    panel.reload()
    panel.list.setCurrentRow(0)
    panel.list.setFocus()
    asked = answer_message_boxes(monkeypatch, "Supprimer")
    count = window.store.count()
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    assert asked == ["Supprimer la recherche enregistrée « Vélo » ?"]
    assert window.store.saved_searches() == [] and window.store.count() == count


def _mnemonic(text: str) -> str | None:
    match = re.search(r"&([^&])", text)
    return match.group(1).lower() if match else None


def test_no_duplicate_mnemonic_nor_ambiguous_shortcut(window):
    bar = window.menuBar()
    menus = [a.menu() for a in bar.actions() if a.menu() is not None]
    titles = [_mnemonic(a.text()) for a in bar.actions()]
    assert len(titles) == len(set(titles)) and None not in titles
    for menu in menus:
        assert isinstance(menu, QMenu)
        letters = [_mnemonic(a.text()) for a in menu.actions() if not a.isSeparator()]
        letters = [x for x in letters if x is not None]
        duplicates = {x for x in letters if letters.count(x) > 1}
        assert not duplicates, (menu.title(), duplicates)
    shortcuts: dict[str, str] = {}
    for action in window.findChildren(QAction):
        if action.shortcutContext() == Qt.ShortcutContext.WidgetShortcut:
            continue
        for key in action.shortcuts():
            text = key.toString()
            assert text not in shortcuts, (text, shortcuts.get(text), action.objectName())
            shortcuts[text] = action.objectName()


def _dialogs(window) -> list[QDialog]:  # noqa: ANN001
    store = window.store
    detail = store.get(store.search_ids(SearchRequest())[0])
    new = detail.data.replace(title="Une action nouvelle")
    preview = store.preview_import([new, detail.data.replace(summary="Autre")])
    dialogs = [
        ImportPreviewDialog("actions.json", preview, window),
        VocabularyDialog(store, window),
        TrashDialog(store, window),
        HistoryDialog(store, detail, window),
        ExportDialog(18, 7, 2, parent=window),
        StoreSettingsDialog(store.url, "", parent=window),
        RestoreBackupDialog([], 18, window),
        PersonalDataDialog([], window),
        SyncServerDialog(postgres_url("h", 5432, "centres", "u"), parent=window),
    ]
    # Issue 19: a conflict made for real (the local version kept in the history).
    synced = FakeSyncStore(store)
    store.update(detail.id, detail.version, detail.data.replace(summary="Version serveur"))
    synced.conflicts.append(
        SyncConflict("u", detail.data.title, action_id=detail.id, kept_version=detail.version)
    )
    return [*dialogs, SyncConflictsDialog(synced, window)]


def test_every_dialog_is_walked_and_named(qtbot, window):
    for dialog in _dialogs(window):
        qtbot.addWidget(dialog)
        _activate(qtbot, dialog)
        stops = tab_stops(dialog)
        assert stops, describe(dialog)
        _check_walk(qtbot, dialog, stops[0])
        dialog.close()


def test_term_lists_and_the_badge_work_with_the_keyboard(qtbot, window):
    _activate(qtbot, window)
    select_title(qtbot, window, "Actif'études / CLAS")
    window.qactions.edit.trigger()
    pane = window.detail_pane
    keywords = pane.field_editor("keywords")
    before = pane.edited_data().keywords
    assert "Culture" not in before
    keywords.list.setFocus(Qt.FocusReason.TabFocusReason)
    keywords.list.setCurrentRow(keywords.terms().index("Culture"))
    qtbot.keyClick(keywords.list, Qt.Key.Key_Space)
    assert pane.edited_data().keywords == (*before, "Culture")
    badge = pane.insight_badge
    assert badge.isVisible() and not window.insight.similar_panel.isVisible()
    badge.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(badge, Qt.Key.Key_Space)
    assert window.insight.similar_panel.isVisible()
    assert ":focus" in badge.styleSheet()  # the focus shows on the borderless button


def test_an_experience_editor_is_walked_and_named_too(qtbot, window):
    from centres_app.exchange.loader import read_import_file
    from centres_app.ui.commands.base import Change
    from tests.ui.detail.test_experience_detail import PAGES, SORTIE

    window.store.import_files([read_import_file(PAGES)])
    window.store_changed(Change())
    wait_facets(qtbot, window)  # the search runs off the GUI thread
    _activate(qtbot, window)
    select_title(qtbot, window, SORTIE)
    window.qactions.edit.trigger()
    pane = window.detail_pane
    assert pane.tabs.count() == 2
    seen = _check_walk(qtbot, window, window.search_edit)
    assert pane.field_editor("themes").entry in seen  # themes: a multi-valued field
    assert accessible_name(pane.field_editor("themes").entry).endswith(": rechercher une valeur")
    assert pane.field_editor("success_factors") in seen
    # Its second tab (« Pièces jointes ») is reached by Tab alone.
    assert any(pane.experience_files_tab.isAncestorOf(w) for w in seen)
