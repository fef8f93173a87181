"""Vocabularies that stay clean (issue 16), on the real editors of the detail pane over the
sample store: Enter/Tab pick the highlighted term, a new term is confirmed, SENACS's closed
lists are chosen (stored values outside them flagged, never lost), the département comes from
the official list."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from centres_app.domain import ActionData, SearchRequest
from centres_app.ui.detail.pane import DetailPane
from centres_app.ui.widgets.field_editors import ChoiceEditor, ClosedChoiceEditor, DepartmentEditor
from centres_app.ui.widgets.term_field import FLAGGED_ROLE, TermListField
from tests.ui.main_window_fixtures import answer_message_boxes

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support")


@pytest.fixture
def pane(qtbot, sample_store) -> DetailPane:
    widget = DetailPane(sample_store.vocabulary)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def field(pane: DetailPane, name: str):  # noqa: ANN201
    return pane.field_editor(name)


def test_enter_checks_the_highlighted_keyword_instead_of_creating_one(qtbot, pane, monkeypatch):
    pane.start_new()
    asked = answer_message_boxes(monkeypatch)  # any question would fail the test
    keywords: TermListField = field(pane, "keywords")
    before = keywords.terms()
    qtbot.keyClicks(keywords.entry, "mobilit")
    assert keywords.highlighted() == "mobilité / transport"
    qtbot.keyClick(keywords.entry, Qt.Key.Key_Return)
    assert pane.edited_data().keywords == ("mobilité / transport",)
    assert keywords.terms() == before and asked == []
    assert keywords.entry.text() == ""


def test_tab_and_arrows_pick_among_the_matches(qtbot, pane, monkeypatch):
    pane.start_new()
    answer_message_boxes(monkeypatch)
    keywords: TermListField = field(pane, "keywords")
    keywords.entry.setFocus()
    qtbot.keyClicks(keywords.entry, "e")  # many matches: the first is highlighted
    first = keywords.highlighted()
    qtbot.keyClick(keywords.entry, Qt.Key.Key_Down)
    second = keywords.highlighted()
    assert first and second and first != second
    qtbot.keyClick(keywords.entry, Qt.Key.Key_Tab)
    assert pane.edited_data().keywords == (second,)
    assert keywords.entry.text() == ""
    # With nothing typed, Tab moves on as usual.
    assert keywords.highlighted() is None


def test_a_new_term_needs_a_confirmation(qtbot, pane, monkeypatch):
    pane.start_new()
    partners: TermListField = field(pane, "partners")
    asked = answer_message_boxes(monkeypatch, "Annuler", "Créer")
    qtbot.keyClicks(partners.entry, "Mairie de Zzyzx")
    qtbot.keyClick(partners.entry, Qt.Key.Key_Return)
    assert pane.edited_data().partners == ()
    assert partners.entry.text() == "Mairie de Zzyzx"  # kept, to correct the typo
    qtbot.keyClick(partners.entry, Qt.Key.Key_Return)
    assert pane.edited_data().partners == ("Mairie de Zzyzx",)
    assert asked == ["Créer le partenaire « Mairie de Zzyzx » ?"] * 2


def test_closed_multi_valued_lists_are_chosen_and_keep_unknown_values(
    qtbot, pane, sample_store, monkeypatch
):
    asked = answer_message_boxes(monkeypatch)
    pane.start_new(ActionData(title="T", initiative=("Un collectif imaginaire",)))
    initiative: TermListField = field(pane, "initiative")
    assert initiative.terms()[:5] == [
        "Le centre social",
        "Un groupe d'habitants",
        "Un habitant",
        "Un ou plusieurs partenaire(s)",
        "Autre",
    ]
    assert initiative.flagged_terms() == ["Un collectif imaginaire"]
    item = initiative.list.findItems("Un collectif imaginaire", Qt.MatchFlag.MatchExactly)[0]
    assert item.font().italic() and item.toolTip()
    qtbot.keyClicks(initiative.entry, "groupe")
    qtbot.keyClick(initiative.entry, Qt.Key.Key_Return)
    qtbot.keyClicks(initiative.entry, "n'importe quoi")
    qtbot.keyClick(initiative.entry, Qt.Key.Key_Return)  # no match: nothing created, no question
    assert pane.edited_data().initiative == ("Un collectif imaginaire", "Un groupe d'habitants")
    assert "n'importe quoi" not in initiative.terms() and asked == []
    public: TermListField = field(pane, "public")
    assert public.closed and "Tous publics" in public.terms()
    assert public.entry.accessibleName() == "Public : rechercher une valeur"


def test_closed_single_lists_are_not_typed_and_flag_stored_values(qtbot, pane):
    pane.start_new(ActionData(title="T", dimension="Solidarité locale"))
    dimension = field(pane, "dimension")
    assert isinstance(dimension, ClosedChoiceEditor) and not dimension.isEditable()
    items = [dimension.itemText(i) for i in range(dimension.count())]
    assert items == [
        "",
        "Citoyenneté",
        "Accompagnement de projets",
        "Services",
        "Solidarité locale (hors liste SENACS)",
    ]
    assert dimension.value() == "Solidarité locale" and dimension.is_flagged()
    assert not pane.is_dirty()  # shown flagged, not changed
    dimension.setCurrentIndex(dimension.findData("Services"))
    assert pane.edited_data().dimension == "Services" and not dimension.is_flagged()
    territory = field(pane, "territory")
    assert isinstance(territory, ClosedChoiceEditor) and territory.value() == ""


def test_the_department_comes_from_the_official_list(qtbot, pane):
    pane.start_new()
    department = field(pane, "department")
    assert isinstance(department, DepartmentEditor)
    assert department.count() == 108 and department.itemText(26) == "26 – Drôme"
    line = department.lineEdit()
    line.setFocus()
    qtbot.keyClicks(line, "ardech")  # accents ignored
    assert department.completion_model.stringList()[0] == "07 – Ardèche"
    line.editingFinished.emit()  # leaving the field: the one match, officially spelt
    assert pane.edited_data().department == "Ardèche" and not department.is_flagged()
    department.set_value("")
    qtbot.keyClicks(line, "isere")
    line.editingFinished.emit()
    assert pane.edited_data().department == "Isère"
    department.set_value("")
    qtbot.keyClicks(line, "26")
    assert department.completion_model.stringList()[0] == "26 – Drôme"


def test_unknown_stored_departments_are_kept_and_flagged(pane):
    long_name = "Atlantide " * 20
    pane.start_new(ActionData(title="T", department=long_name.strip()))
    department = field(pane, "department")
    assert pane.edited_data().department == long_name.strip()
    assert department.is_flagged() and "n'est pas un département" in department.toolTip()
    assert department.accessibleDescription()
    assert department.lineEdit().cursorPosition() == 0  # a long value shows its beginning
    assert not pane.is_dirty()
    department.set_value("Drôme")
    assert not department.is_flagged() and department.toolTip() == ""


def _state(terms: TermListField) -> list[tuple[str, bool, bool, bool, bool]]:
    items = [terms.list.item(i) for i in range(terms.list.count())]
    return [
        (
            i.text(),
            i.checkState() == Qt.CheckState.Checked,
            i.isHidden(),
            i.isSelected(),
            bool(i.data(FLAGGED_ROLE)),
        )
        for i in items
    ]


@pytest.mark.parametrize("kind", ["keywords", "public"])  # an open list, a closed one
def test_a_term_list_loaded_again_is_the_list_made_afresh(qtbot, kind):
    """The list items are kept when the terms are the same (issue 17): loading another value
    gives what a new field shows, typing and selection included."""
    vocabulary = ["Culture", "Jeunesse", "Enfance", "Parentalité", "Seniors"]
    reused = TermListField(kind)
    qtbot.addWidget(reused)
    reused.set_choices(vocabulary)
    reused.set_value(["Jeunesse", "Terme hors liste"])
    qtbot.keyClicks(reused.entry, "en")
    reused.entry.clear()
    reused.list.item(2).setSelected(True)  # clicked
    for value in (["Enfance"], ["Seniors", "Culture"], [], ["Terme hors liste"]):
        reused.set_choices(vocabulary)
        reused.set_value(value)
        fresh = TermListField(kind)
        qtbot.addWidget(fresh)
        fresh.set_choices(vocabulary)
        fresh.set_value(value)
        assert _state(reused) == _state(fresh), value
        assert reused.value() == tuple(value)
        assert reused.list.currentRow() == fresh.list.currentRow()
    # A new term in the vocabulary (another save) is offered.
    reused.set_choices([*vocabulary, "Familles"])
    assert "Familles" in reused.terms() or reused.closed


def test_a_choice_list_loaded_again_offers_the_vocabulary_and_the_value(qtbot):
    """The items are kept when the vocabulary is the same (issue 17); a value outside it is
    offered, and still at the next load (the field's text when the vocabulary came), not
    after."""
    structure = ChoiceEditor("structure")
    qtbot.addWidget(structure)
    vocabulary = ["Centre A", "Centre B", "Maison C"]

    def items() -> list[str]:
        return [structure.itemText(i) for i in range(structure.count())]

    for value, offered in (
        ("Centre B", vocabulary),
        ("Ailleurs", [*vocabulary, "Ailleurs"]),
        ("Maison C", [*vocabulary, "Ailleurs"]),
        ("", vocabulary),
    ):
        structure.set_choices(vocabulary)
        structure.set_value(value)
        assert items() == offered and structure.value() == value
    structure.set_choices([*vocabulary, "Nouveau"])
    assert items() == [*vocabulary, "Nouveau"] and structure.value() == ""


def test_a_form_loaded_reports_no_edit_and_a_typed_change_reports_one(qtbot, pane, sample_store):
    """Issue 17: filling the editors for « Modifier » is not an edit (it went through three
    signals per field into the pane, which ignored them); what is typed after is."""
    tab = pane.description_tab
    seen: list[str] = []
    tab.form.edited.connect(seen.append)
    data = sample_store.get(sample_store.search_ids(SearchRequest())[0]).data
    tab.form.load(data, pane.vocabularies)
    assert seen == []
    tab.editor("summary").setPlainText(data.summary + " (revu)")
    assert seen == ["summary"]
