"""Issue 9 in the window: similar actions, statistics dock, report, saved searches, completion,
completeness column — on the real sample store."""

from __future__ import annotations

import subprocess
import threading
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QInputDialog

from centres_app.amounts import format_euros
from centres_app.domain import Filters, SearchRequest
from centres_app.ui.models.action_list_model import COLUMNS, SCORE_ROLE
from centres_app.ui.panels import statistics_dock
from tests.ui.main_window_fixtures import (
    answer_message_boxes,
    editor,
    list_titles,
    open_window,
    search,
    select_title,
    temp_settings,
    wait_facets,
)


def wait_similar(qtbot, window) -> list:  # noqa: ANN001
    panel = window.insight.similar_panel
    qtbot.waitUntil(lambda: not panel.busy, timeout=5000)
    return panel.ids()


def title_of(window, action_id: int) -> str:  # noqa: ANN001
    return window.store.get(action_id).data.title


# --- similar actions ---------------------------------------------------------------------------


def test_clicking_a_similar_action_opens_it(qtbot, window):
    with qtbot.waitSignal(window.insight.similar_panel.similar_updated, timeout=5000):
        select_title(qtbot, window, "Réveillon Solidaire")
    ids = wait_similar(qtbot, window)
    assert 5 <= len(ids) <= 10
    assert title_of(window, ids[0]) == "Réveillon de l'Amitié"
    assert window.insight.similar_panel.list.item(0).text().split("\n")[1]  # the one-line reason
    view = window.insight.similar_panel.list
    rect = view.visualItemRect(view.item(0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.shown_id == ids[0]
    assert window.detail_pane.detail.data.title == "Réveillon de l'Amitié"
    # Its row is selected in the list, and its own similar actions follow.
    assert window.model.id_at(window.action_list.currentIndex().row()) == ids[0]
    wait_similar(qtbot, window)
    assert ids[0] not in window.insight.similar_panel.ids()


def test_clicking_a_similar_action_while_editing_asks_first(qtbot, window, monkeypatch):
    select_title(qtbot, window, "TOUS A VELO !")
    ids = wait_similar(qtbot, window)
    window.qactions.edit.trigger()
    qtbot.keyClicks(editor(window, "summary"), " modifie")
    shown = answer_message_boxes(monkeypatch, "Annuler")
    # While editing, the similar actions are folded into the badge: open it first.
    window.detail_pane.insight_badge.click()
    view = window.insight.similar_panel.list
    qtbot.waitUntil(lambda: view.count() > 0 and view.isVisible())
    rect = view.visualItemRect(view.item(0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert shown, "leaving an unsaved edit must ask"
    assert window.detail_pane.mode == "edit"
    assert window.detail_pane.detail.data.title == "TOUS A VELO !"
    assert ids


def test_similar_list_follows_a_new_summary_being_typed(qtbot, window):
    window.qactions.new.trigger()
    panel = window.insight.similar_panel
    wait_similar(qtbot, window)
    assert panel.ids() == []
    with qtbot.waitSignal(panel.similar_updated, timeout=5000) as blocker:
        qtbot.keyClicks(editor(window, "summary"), "reveillon solidaire du nouvel an")
    found = blocker.args[0]
    titles = {s.title for s in found}
    assert {"Réveillon Solidaire", "Réveillon de l'Amitié"} <= titles
    assert all(s.reason for s in found)
    # Typing on changes the list again (not once per keystroke: debounced).
    with qtbot.waitSignal(panel.similar_updated, timeout=5000) as blocker:
        qtbot.keyClicks(editor(window, "title"), "velo mobilite transport")
    assert "TOUS A VELO !" in {s.title for s in blocker.args[0]}


# --- completeness ------------------------------------------------------------------------------


def test_completeness_line_and_column_sort(qtbot, window):
    select_title(qtbot, window, "Ateliers Echange de savoir")
    line = window.insight.completeness_label.text()
    value = window.insight.completeness_label.value
    assert line.startswith(f"Fiche complète à {value.score} % — à remplir : ")
    assert value.missing_labels[0] in line

    column = COLUMNS.index("completeness")
    model = window.model

    def scores_read() -> bool:  # the scores of a page are read off the GUI thread
        rows = range(model.rowCount())
        return None not in [model.data(model.index(r, column), SCORE_ROLE) for r in rows]

    qtbot.waitUntil(scores_read, timeout=10_000)
    texts = [model.data(model.index(r, column)) for r in range(model.rowCount())]
    assert all(t.endswith("\u202f%") for t in texts)
    header = window.action_list.horizontalHeader()
    with qtbot.waitSignal(window.results_changed):
        qtbot.mouseClick(
            header.viewport(), Qt.MouseButton.LeftButton, pos=_section_center(header, column)
        )
    assert window.request.sort == "completeness"
    qtbot.waitUntil(scores_read, timeout=10_000)
    scores = [model.data(model.index(r, column), SCORE_ROLE) for r in range(model.rowCount())]
    assert scores == sorted(scores)
    assert scores[0] < scores[-1]


def _section_center(header, column: int):  # noqa: ANN001
    from PySide6.QtCore import QPoint

    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    return QPoint(x, header.height() // 2)


# --- statistics --------------------------------------------------------------------------------


def open_statistics(qtbot, window):  # noqa: ANN001
    dock = window.insight.statistics_dock
    with qtbot.waitSignal(dock.charts_updated, timeout=5000):
        window.insight.action_statistics.trigger()
    qtbot.waitUntil(lambda: not window.insight.amount_worker.busy, timeout=5000)
    return dock


def test_statistics_action_is_in_the_view_menu_and_toggles_the_dock(qtbot, window):
    menu = window.menuBar().actions()[3].menu()
    assert "actionStatistics" in {a.objectName() for a in menu.actions()}
    dock = open_statistics(qtbot, window)
    assert dock.isVisible()
    window.insight.action_statistics.trigger()
    assert not dock.isVisible()


def test_chart_data_equals_the_facet_counts_of_a_filtered_result(qtbot, window):
    dock = open_statistics(qtbot, window)
    filters = Filters(keywords=frozenset({"Solidarité"}))
    window.filter_panel.set_filters(filters)
    with qtbot.waitSignal(dock.charts_updated, timeout=5000):
        window.run_search()
    wait_facets(qtbot, window)
    facets = window.store.facets(SearchRequest(filters=filters))
    for name in ("year", "dimension", "status"):
        expected = {fv.value: fv.count for fv in facets[name]}
        assert dock.series_values(name) == expected, name
    # Every label in full (issue 16 §5: never elided to « … »).
    public = {fv.value: fv.count for fv in facets["public"]}
    assert dock.series_values("public").items() <= public.items()
    assert dock.series_values("public")
    # The checked keyword: only it, with its count = the result's size.
    assert dock.series_values("keywords") == {"Solidarité": len(window.model.ids)}
    n = len(window.model.ids)
    assert dock.totals.text().startswith(f"{n} actions · ")


def test_the_statistics_are_computed_off_the_gui_thread(qtbot, window, monkeypatch):
    """Issue 17: the store calls and the chart values of the dock run in a worker thread."""
    calls: list[tuple[str, threading.Thread]] = []

    def recorded(name, real):  # noqa: ANN001, ANN202
        def call(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            calls.append((name, threading.current_thread()))
            return real(*args, **kwargs)

        return call

    store = window.store
    monkeypatch.setattr(store, "qualified", recorded("qualified", store.qualified))
    monkeypatch.setattr(store, "amount_total", recorded("amount_total", store.amount_total))
    monkeypatch.setattr(
        statistics_dock, "chart_values", recorded("chart_values", statistics_dock.chart_values)
    )
    dock = open_statistics(qtbot, window)
    assert {name for name, _thread in calls} == {"qualified", "amount_total", "chart_values"}
    assert all(thread is not threading.main_thread() for _name, thread in calls), calls
    assert dock.totals.text().startswith(f"{len(window.model.ids)} actions · ")


def test_amount_total_of_the_sample(qtbot, window):
    dock = open_statistics(qtbot, window)
    text = dock.totals.text()
    assert "18 actions" in text
    assert (
        f"Ressources financières : {format_euros(Decimal('141374.68'))} sur 13 actions "
        "dont le montant est lisible" in text
    )


def test_a_chart_saved_as_png_is_a_valid_image(qtbot, window, tmp_path, monkeypatch):
    dock = open_statistics(qtbot, window)
    target = tmp_path / "annees"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    saved = dock.ask_save_chart("year")
    assert saved == tmp_path / "annees.png"
    image = QImage(str(saved))
    assert not image.isNull()
    assert (image.width(), image.height()) == (1100, 620)
    assert saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_report_prints_a_pdf_with_the_totals_and_the_charts(
    qtbot, window, tmp_path, monkeypatch
):
    search(qtbot, window, "parentalite")
    open_statistics(qtbot, window)
    target = tmp_path / "rapport.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    assert window.insight._on_statistics_report_pdf_requested() == target
    text = subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    n = len(window.model.ids)
    assert "RAPPORT STATISTIQUE" in text
    assert f"{n} actions" in text
    assert "dont le montant est lisible" in text
    assert "Actions par année" not in text  # in the images, not as headings
    assert "Chiffres clés" in text
    assert "Recherche : « parentalite »" in text
    images = subprocess.run(["pdfimages", "-list", str(target)], capture_output=True, text=True)
    if images.returncode == 0:
        assert len(images.stdout.strip().splitlines()) - 2 >= 6  # the six charts


# --- saved searches ----------------------------------------------------------------------------


def test_saved_searches_survive_reopening_the_window(qtbot, sample_db, tmp_path, monkeypatch):
    settings = temp_settings(tmp_path)
    with open_window(qtbot, sample_db, settings) as window:
        search(qtbot, window, "velo")
        monkeypatch.setattr(
            QInputDialog, "getText", staticmethod(lambda *a, **k: ("Mobilité", True))
        )
        qtbot.mouseClick(window.insight.saved_searches.save_button, Qt.MouseButton.LeftButton)
        assert window.insight.saved_searches.names() == ["Mobilité"]
        # The same name again: asked before replacing.
        shown = answer_message_boxes(monkeypatch, "Remplacer")
        qtbot.mouseClick(window.insight.saved_searches.save_button, Qt.MouseButton.LeftButton)
        assert shown and "Mobilité" in shown[0]
        assert window.insight.saved_searches.names() == ["Mobilité"]
    settings.clear()  # not the QSettings: the store keeps them
    with open_window(qtbot, sample_db, settings) as window:
        panel = window.insight.saved_searches
        assert panel.names() == ["Mobilité"]
        assert window.search_edit.text() == ""
        item = panel.item_named("Mobilité")
        with qtbot.waitSignal(window.results_changed):
            qtbot.mouseClick(
                panel.list.viewport(),
                Qt.MouseButton.LeftButton,
                pos=panel.list.visualItemRect(item).center(),
            )
        assert window.search_edit.text() == "velo"
        assert "TOUS A VELO !" in list_titles(window)
        assert len(window.model.ids) < 18
        # Rename (F2) and delete (confirmed).
        monkeypatch.setattr(
            QInputDialog, "getText", staticmethod(lambda *a, **k: ("Vélo et mobilité", True))
        )
        panel.list.setCurrentItem(item)
        panel.list.setFocus()
        qtbot.keyClick(panel.list, Qt.Key.Key_F2)
        assert panel.names() == ["Vélo et mobilité"]
        answer_message_boxes(monkeypatch, "Supprimer")
        panel.list.setCurrentRow(0)
        panel.delete_action.trigger()
        assert panel.names() == []
        assert window.store.saved_searches() == []


# --- qualifier completion ----------------------------------------------------------------------


def test_qualifier_completion_offers_dep_then_drome(qtbot, window):
    completer = window.insight.qualifier_completer
    edit = window.search_edit
    edit.setFocus()
    with qtbot.waitSignal(completer.completions_shown) as blocker:
        qtbot.keyClicks(edit, "de")
    assert blocker.args[0] == ["dep:"]
    assert completer.popup_visible()
    popup = completer.completer.popup()
    with qtbot.waitSignal(completer.completions_shown) as blocker:
        qtbot.keyClick(popup, Qt.Key.Key_Down)
        qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert edit.text() == "dep:"
    assert "dep:Drôme" in blocker.args[0]
    popup = completer.completer.popup()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert edit.text() == "dep:Drôme "
    with qtbot.waitSignal(window.results_changed, timeout=10_000):
        pass
    assert len(window.model.ids) == 18


def test_qualifier_completion_of_values_by_folded_prefix(window):
    start, found = window.insight.qualifier_completer.completions("vélo mot:parent", 15)
    assert start == 5
    assert found == ["mot:Parentalité"]
