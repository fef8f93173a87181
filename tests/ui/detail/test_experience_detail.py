"""An older SENACS « expérience » page in the detail pane and the editor (issue 18): its own
tab under the page's questions, its fields edited, its form kept, nothing lost on a save.
Real widgets over a real store holding the three sample pages and the 18 actions."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from centres_app import gui_turn
from centres_app.domain import FORM_EXPERIENCE, ActionData, SearchRequest, validate
from centres_app.exchange.loader import read_import_file
from centres_app.ui.commands.base import Change
from centres_app.ui.detail import pane as pane_module
from centres_app.ui.detail.pane import DetailPane
from centres_app.ui.detail.tabs.experience import LinesEditor
from centres_app.ui.widgets.read_sheet import FieldView
from centres_app.ui.widgets.term_field import TermListField
from tests.ui.main_window_fixtures import answer_message_boxes, select_title, wait_facets

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support")

PAGES = Path(__file__).resolve().parents[2] / "data" / "senacs-experiences.txt"
SORTIE = "Sortie Spinassienne"
PATCHWORK = "le plus grand patchwork du monde"
CLAS = "Actif'études / CLAS"


def _import_pages(store) -> None:
    store.import_files([read_import_file(PAGES)])


def _id_of(store, title: str) -> int:
    ids = store.search_ids(SearchRequest())
    return next(row.id for row in store.rows(ids) if row.title == title)


@pytest.fixture
def store(sample_store):
    _import_pages(sample_store)
    return sample_store


@pytest.fixture
def pane(qtbot, store) -> DetailPane:
    widget = DetailPane(store.vocabulary)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _tab_titles(pane: DetailPane) -> list[str]:
    return [pane.tabs.tabText(i) for i in range(pane.tabs.count())]


def _view(pane: DetailPane, name: str) -> FieldView:
    field = pane.tabs.widget(0).views.get(name)
    assert field is not None, name
    return field


def test_an_experience_shows_its_page_under_its_own_questions(pane, store):
    detail = store.get(_id_of(store, SORTIE))
    data = detail.data
    assert data.form == FORM_EXPERIENCE and data.year is None and data.status == ""
    pane.show_detail(detail)

    assert pane.form == "experience"
    assert _tab_titles(pane) == ["Expérience", "Pièces jointes"]
    tab = pane.experience_tab
    captions = [view.caption for view in tab.views.values()]
    assert captions == [
        "Publié par",
        "Thèmes",
        "Fichier(s) associé(s)",
        "Quels furent les éléments de diagnostic à l'origine de l'expérience ?",
        "Mots clés associés à l'actions",
        "Description générale",
        "Description de l'expérience, ses objectifs, ses acteurs et ses différentes phases.",
        "Quels sont les impacts ou effets positifs produits par cette expérience au niveau du "
        "public, du centre social ou de l'environnement ?",
        "Quels furent les facteurs de réussite de cette expérience ?",
        "Quelles sont les limites de cette expérience ?",
    ]
    assert _view(pane, "published_by").text() == "Hichem LABOUBI"
    assert _view(pane, "themes").text() == "\n".join(f"• {t}" for t in data.themes)
    assert "• Autres .." in _view(pane, "themes").text()
    assert _view(pane, "diagnostic").text() == data.diagnostic
    assert _view(pane, "keywords").text() == "• intergénérationnel"
    for name in ("description", "experience", "impacts", "success_factors"):
        assert _view(pane, name).text() == getattr(data, name), name
    assert _view(pane, "limits").text() == "Non renseigné"  # empty on the page
    assert _view(pane, "file_references").text() == "Non renseigné"
    # The header: no year, status nor dimension announced as missing; structure – département.
    header = pane.header
    assert header.title_view.text() == SORTIE
    assert header.structure_view.text() == "MC² Maison du Centre – Seine-Saint-Denis"
    assert not header.year_view.isVisibleTo(pane)
    assert not header.status_view.isVisibleTo(pane)
    assert not header.dimension_view.isVisibleTo(pane)
    assert header.chip_texts() == []


def test_file_references_are_lines(pane, store):
    detail = store.get(_id_of(store, PATCHWORK))
    assert detail.data.file_references == ("www.cscwimereux.org", "( )")
    pane.show_detail(detail)
    assert _view(pane, "file_references").text() == "• www.cscwimereux.org\n• ( )"
    pane.start_edit()
    editor = pane.field_editor("file_references")
    assert isinstance(editor, LinesEditor)
    assert editor.toPlainText() == "www.cscwimereux.org\n( )"
    editor.setPlainText("www.cscwimereux.org\n\n  \nfiche action Plants.pdf\n( 56.06K )")
    assert pane.edited_data().file_references == (
        "www.cscwimereux.org",
        "fiche action Plants.pdf",
        "( 56.06K )",
    )


def test_an_action_keeps_its_four_tabs_around_an_experience(pane, store):
    pane.show_detail(store.get(_id_of(store, CLAS)))
    assert pane.form == "action"
    assert _tab_titles(pane) == ["Description", "Partenaires", "Ressources", "Résultats"]
    assert pane.header.year_view.isVisibleTo(pane) and pane.header.chip_texts()
    sortie = store.get(_id_of(store, SORTIE))
    pane.show_detail(sortie)
    assert _tab_titles(pane) == ["Expérience", "Pièces jointes"]
    # The sheet shown is the experience's, with its values.
    assert pane.tabs.widget(0) is pane.experience_tab
    assert _view(pane, "description").text() == sortie.data.description
    pane.show_detail(store.get(_id_of(store, CLAS)))
    assert _tab_titles(pane) == ["Description", "Partenaires", "Ressources", "Résultats"]
    assert pane.header.year_view.text() == "2019"
    # The action's editors are the ones found by their field name.
    pane.start_edit()
    assert pane.findChild(QWidget, "description") is pane.field_editor("description")
    assert pane.edited_data() == store.get(_id_of(store, CLAS)).data


@pytest.mark.parametrize("title", [SORTIE, PATCHWORK, "Français Langue Etrangère"])
def test_editing_an_experience_without_a_change_loses_nothing(pane, store, title):
    detail = store.get(_id_of(store, title))
    pane.show_detail(detail)
    pane.start_edit()
    assert pane.edited_data() == detail.data  # every field, the form included
    assert not pane.is_dirty()
    assert pane.is_valid()  # no year, no status, maybe no structure: valid for this form
    assert pane.field_editor("status").value() == ""


def test_fields_the_page_lacks_are_kept_too(pane, store):
    """An experience holding fields of the action form (from an exchange file) keeps them
    through an edit of its own fields."""
    detail = store.get(_id_of(store, SORTIE))
    richer = detail.data.replace(summary="Résumé venu d'un fichier", dimension="Citoyenneté")
    detail = store.update(detail.id, detail.version, richer)
    pane.show_detail(detail)
    pane.start_edit()
    pane.field_editor("success_factors").setPlainText("La demande des habitants.")
    edited = pane.edited_data()
    assert edited == richer.replace(success_factors="La demande des habitants.")


def test_the_new_fields_are_edited_and_saved(pane, store):
    detail = store.get(_id_of(store, SORTIE))
    pane.show_detail(detail)
    pane.start_edit()
    themes = pane.field_editor("themes")
    assert isinstance(themes, TermListField)
    # The themes' vocabulary of the store is offered (every page's themes).
    assert "Lutte contre les discriminations" in themes.terms()
    themes.add_value("Lutte contre les discriminations")
    pane.field_editor("published_by").setText("H. Laboubi")
    pane.field_editor("diagnostic").setPlainText("Des habitants ne connaissaient pas la MTD.")
    pane.field_editor("impacts").setPlainText("Sorties\u00a0: plus de familles.")
    pane.field_editor("limits").setPlainText("Le coût des transports.")
    pane.field_editor("year").setText("2012")
    assert pane.is_dirty() and pane.is_valid()

    edited = pane.edited_data()
    expected = detail.data.replace(
        themes=(*detail.data.themes, "Lutte contre les discriminations"),
        published_by="H. Laboubi",
        diagnostic="Des habitants ne connaissaient pas la MTD.",
        impacts="Sorties\u00a0: plus de familles.",
        limits="Le coût des transports.",
        year=2012,
    )
    assert edited == expected
    saved = store.update(detail.id, detail.version, edited)
    assert store.get(detail.id).data == expected
    assert saved.data.form == FORM_EXPERIENCE
    assert not validate(saved.data)


def test_a_cleared_structure_is_fine_for_an_experience_not_for_an_action(pane, store):
    pane.show_detail(store.get(_id_of(store, SORTIE)))
    pane.start_edit()
    pane.field_editor("structure").setEditText("")
    pane.field_editor("department").setEditText("")
    assert pane.is_valid()
    assert pane.validate() == []
    pane.cancel_edit()
    pane.show_detail(store.get(_id_of(store, CLAS)))
    pane.start_edit()
    pane.field_editor("structure").setEditText("")
    assert ("structure", "required") in pane.validate()


def test_the_status_of_an_experience_may_go_back_to_empty(pane, store):
    pane.show_detail(store.get(_id_of(store, SORTIE)))
    pane.start_edit()
    status = pane.field_editor("status")
    status.setCurrentIndex(status.findText("En cours"))
    assert pane.edited_data().status == "En cours"
    status.setCurrentIndex(status.findText(""))
    assert pane.edited_data().status == ""
    pane.cancel_edit()
    # An action's list has no empty status.
    pane.show_detail(store.get(_id_of(store, CLAS)))
    pane.start_edit()
    assert status.findText("") < 0


def test_edit_and_save_an_experience_in_the_window(qtbot, window, monkeypatch):
    store = window.store
    _import_pages(store)
    window.store_changed(Change())
    wait_facets(qtbot, window)  # the search runs off the GUI thread
    select_title(qtbot, window, SORTIE)
    pane = window.detail_pane
    before = pane.detail
    assert before is not None and before.data.form == FORM_EXPERIENCE
    window.qactions.edit.trigger()
    assert pane.mode == "edit"
    pane.field_editor("success_factors").setPlainText("La demande de certains habitants.")
    answer_message_boxes(monkeypatch)
    window.qactions.save.trigger()
    assert pane.mode == "view"
    after = store.get(before.id)
    assert after.version == before.version + 1
    assert after.data == before.data.replace(success_factors="La demande de certains habitants.")
    changed = [
        f.name
        for f in fields(ActionData)
        if getattr(after.data, f.name) != getattr(before.data, f.name)
    ]
    assert changed == ["success_factors"]
    assert window.detail_pane.experience_tab.views["success_factors"].text() == (
        "La demande de certains habitants."
    )


def test_duplicating_an_experience_keeps_its_form(qtbot, window):
    store = window.store
    _import_pages(store)
    window.store_changed(Change())
    wait_facets(qtbot, window)
    select_title(qtbot, window, PATCHWORK)
    window.qactions.duplicate.trigger()
    pane = window.detail_pane
    assert pane.mode == "edit" and pane.form == "experience"
    assert pane.edited_data().form == FORM_EXPERIENCE
    assert pane.edited_data().themes == store.get(_id_of(store, PATCHWORK)).data.themes
    pane.cancel_edit()


def test_matched_words_are_marked_in_either_form(pane, store):
    """The search's words are marked on the sheets of the form shown, whichever it is."""
    sortie = store.get(_id_of(store, SORTIE))
    word = sortie.data.diagnostic.split()[0]
    action = store.get(next(i for i in store.search_ids(SearchRequest()) if i != sortie.id))
    pane.set_highlight([word.lower()])
    pane.show_detail(action)  # the four tabs of an action: the labels are looked for now
    pane.show_detail(sortie)
    sheet = pane.experience_tab.read_page
    marked = sheet.marked_texts()
    assert marked and all(m.lower().startswith(word.lower()) for m in marked)
    diagnostic = _view(pane, "diagnostic")
    assert (diagnostic.start, diagnostic.start + len(word)) in sheet.marks  # its first word
    pane.set_highlight([])
    assert sheet.marked_texts() == []


def test_tabs_are_built_when_needed_and_named_for_the_form_shown(qtbot, store, monkeypatch):
    """Issue 17 (start-up): a tab builds its pages when first needed; one built while the
    other form is shown leaves the shown form's widgets the ones found by field name."""
    monkeypatch.setattr(pane_module, "BUILD_TABS_AFTER_MS", 3_600_000)  # not in this test
    pane = DetailPane(store.vocabulary)
    qtbot.addWidget(pane)
    pane.show()
    tabs = [pane.description_tab, pane.partners_tab, pane.resources_tab, pane.results_tab]
    experience_tabs = [pane.experience_tab, pane.experience_files_tab]
    assert not any(tab.is_built for tab in tabs + experience_tabs)
    assert not pane.header.is_built and pane.findChild(QWidget, "title") is None
    assert pane.findChild(QWidget, "limits") is None
    pane.show_detail(store.get(_id_of(store, CLAS)))
    assert pane.tabs.currentWidget() is pane.description_tab
    assert [tab.is_built for tab in tabs] == [True, False, False, False]  # the tab in view
    assert not any(tab.is_built for tab in experience_tabs)
    assert not pane.header.is_built  # the identity fields' form: at the first edit
    pane.start_edit()
    assert pane.findChild(QWidget, "title") is pane.field_editor("title")
    assert pane.field_editor("title").text() == CLAS
    pane.cancel_edit()
    assert pane.findChild(QWidget, "limits") is pane.results_tab.editor("limits")
    pane.experience_tab.ensure_built()  # (as the pane does once shown)
    assert pane.findChild(QWidget, "limits") is pane.results_tab.editor("limits")
    assert pane.experience_tab.editor("limits").objectName() == ""
    pane.show_detail(store.get(_id_of(store, SORTIE)))
    assert pane.findChild(QWidget, "limits") is pane.experience_tab.editor("limits")
    assert not pane.experience_files_tab.is_built  # (built once shown or used)
    pane.tabs.setCurrentWidget(pane.experience_files_tab)
    assert pane.findChild(QWidget, "attachments") is pane.experience_files_tab.attachments_edit
    pane.tabs.setCurrentWidget(pane.experience_tab)
    assert _view(pane, "description").text()
    # Words marked before a tab is built are marked on its sheet once shown.
    word = _view(pane, "description").text().split()[0]
    pane.show_detail(store.get(_id_of(store, CLAS)))
    pane.set_highlight([word.lower()])
    pane.show_detail(store.get(_id_of(store, SORTIE)))
    assert pane.experience_tab.read_page.marked_texts()[0].lower() == word.lower()


def test_a_tab_not_built_shows_the_last_action_given_once_shown(qtbot, store, monkeypatch):
    """Issue 17: opening an action builds only the tab in view; another tab, built when the
    user shows it, shows the action open then (not one shown before), with its marks."""
    monkeypatch.setattr(pane_module, "BUILD_TABS_AFTER_MS", 3_600_000)  # not in this test
    pane = DetailPane(store.vocabulary)
    qtbot.addWidget(pane)
    pane.show()
    details = [store.get(row.id) for row in store.rows(store.search_ids(SearchRequest()))]
    actions = [
        d
        for d in details
        if d.data.form != FORM_EXPERIENCE and d.data.partners and d.data.result_inhabitants
    ]
    first, last = actions[0], actions[-1]
    assert first.data.partners != last.data.partners
    pane.show_detail(first)
    pane.show_detail(last)
    word = last.data.partners[0].split()[0]
    pane.set_highlight([word.lower()])
    assert not pane.partners_tab.is_built and not pane.resources_tab.is_built
    pane.tabs.setCurrentWidget(pane.partners_tab)
    assert pane.partners_tab.is_built and not pane.resources_tab.is_built
    sheet = pane.partners_tab.read_page
    qtbot.waitUntil(sheet.isVisible, timeout=5_000)
    shown = pane.partners_tab.views["partners"].text()
    assert all(partner in shown for partner in last.data.partners)
    assert sheet.marked_texts() and sheet.marked_texts()[0].lower() == word.lower()
    # A tab read before it is shown is built with the same action.
    assert pane.results_tab.views["result_inhabitants"].text() == last.data.result_inhabitants


def test_the_tabs_wait_while_the_user_types_then_build_in_a_quiet_moment(qtbot, pane):
    """Issue 17: a build beside a keystroke's result made the longest stalls of the GUI
    thread; while the user is at work (postpone_builds) none is built."""
    every = [tab for tabs in pane._form_tabs.values() for tab, _title in tabs]
    every.append(pane.header)
    for _ in range(8):  # (over BUILD_TABS_AFTER_MS: the builds were due meanwhile)
        pane.postpone_builds()
        qtbot.wait(pane_module.BUILD_TABS_QUIET_MS // 3)
    assert not any(part.is_built for part in every)
    qtbot.waitUntil(lambda: all(part.is_built for part in every), timeout=10_000)


def test_a_shown_pane_builds_its_tabs_soon_after(qtbot, pane):
    """Built one by one after the first paint, so that the first action shown waits for
    none of them."""
    every = [tab for tabs in pane._form_tabs.values() for tab, _title in tabs]
    every.append(pane.header)
    qtbot.waitUntil(lambda: all(part.is_built for part in every), timeout=10_000)
    assert pane.findChild(QWidget, "title") is pane.field_editor("title")
    assert pane.findChild(QWidget, "summary") is pane.description_tab.editor("summary")
    assert pane.description_tab.read_page.accessibleName() == "Description (lecture)"


def test_each_tab_built_in_a_quiet_moment_is_a_turn_the_jobs_give_way_to(qtbot, pane, monkeypatch):
    """Issue 17: a pre-build (30-47 ms of the GUI thread's CPU, in the first seconds while the
    index is built beside it) took 120-160 ms outside the GUI thread's turn; the jobs' next
    give_way() waits for it now."""
    in_turn: list[bool] = []
    parts = [tab for tabs in pane._form_tabs.values() for tab, _title in tabs]
    parts = list(dict.fromkeys([*parts, pane.header]))  # (a tab of both forms: once)
    for part in parts:
        build = part.ensure_built

        def recorded(build=build) -> None:  # noqa: ANN001
            in_turn.append(not gui_turn._idle.is_set())
            build()

        monkeypatch.setattr(part, "ensure_built", recorded)
    qtbot.waitUntil(lambda: all(part.is_built for part in parts), timeout=10_000)
    assert len(in_turn) >= len(parts)
    assert all(in_turn)
    assert gui_turn._idle.is_set()  # (and the turn over after each)


def test_once_its_tabs_are_built_the_pane_polishes_their_page_before_any_action(qtbot, pane):
    """Issue 17: the first action shown polished every widget of the tabs (~15 ms of its
    first show): done once the tabs are built, the pane still showing « no action »."""
    page = pane.stack.widget(1)
    labels = page.findChildren(QLabel)
    qtbot.waitUntil(lambda: pane._content_polished, timeout=10_000)
    assert pane.stack.currentIndex() == 0  # nothing shown meanwhile
    polished = Qt.WidgetAttribute.WA_WState_Polished
    assert labels and all(label.testAttribute(polished) for label in page.findChildren(QLabel))
