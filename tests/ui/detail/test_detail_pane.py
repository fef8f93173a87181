"""The detail pane on real widgets and the real sample store: read mode, forms, validation."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from centres_app.domain import ActionData, SearchRequest, max_year
from centres_app.ui.detail.pane import DetailPane
from centres_app.ui.widgets.read_sheet import FieldView
from centres_app.ui.widgets.term_field import TermListField
from tests.ui.main_window_fixtures import answer_message_boxes

# The completer's popup asks the offscreen platform for things it cannot do (raise, grab).
pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support")

CLAS = "Actif'études / CLAS"
EDITOR_NAMES = [
    "title",
    "department",
    "year",
    "structure",
    "status",
    "end_reason",
    "dimension",
    "keywords",
    "summary",
    "initiative",
    "initiative_detail",
    "territory",
    "experience",
    "public",
    "partners",
    "description",
    "financial_resources",
    "people_mobilised",
    "result_territory",
    "result_centre",
    "result_inhabitants",
    "limits",
    "perspectives",
]


def _id_of(store, title: str) -> int:
    ids = store.search_ids(SearchRequest())
    return next(row.id for row in store.rows(ids) if row.title == title)


@pytest.fixture
def pane(qtbot, sample_store) -> DetailPane:
    widget = DetailPane(sample_store.vocabulary)
    qtbot.addWidget(widget)
    return widget


def view(pane: DetailPane, name: str) -> QLabel | FieldView:
    """A value of the read mode: a label of the header, or a field of the shown form's sheets."""
    label = pane.findChild(QLabel, f"view_{name}")
    if label is not None:
        return label
    for index in range(pane.tabs.count()):
        tab = pane.tabs.widget(index)
        if name in tab.views:
            return tab.views[name]
    raise AssertionError(name)


def italic(field: FieldView) -> bool:
    """Whether the sheet shows this value in italics (the empty marker)."""
    cursor = QTextCursor(field.sheet.document())
    cursor.setPosition(field.start + 1)
    return cursor.charFormat().fontItalic()


def place(field: FieldView) -> QRect:
    """Where the sheet shows the start of this value."""
    cursor = QTextCursor(field.sheet.document())
    cursor.setPosition(field.start)
    return field.sheet.cursorRect(cursor)


def editor(pane: DetailPane, name: str):
    widget = pane.findChild(QWidget, name)
    assert widget is not None, name
    return widget


def test_showing_an_action_fills_the_header_and_every_tab(pane, sample_store):
    detail = sample_store.get(_id_of(sample_store, CLAS))
    data = detail.data
    pane.show_detail(detail)

    assert pane.mode == "view"
    assert pane.stack.currentIndex() == 1
    assert view(pane, "title").text() == CLAS
    assert (
        view(pane, "structure").text() == "Centre social et culturel municipal Crest'actif – Drôme"
    )
    assert view(pane, "year").text() == "2019"
    assert view(pane, "status").text() == "Terminée"
    assert view(pane, "dimension").text() == "Citoyenneté"
    assert "Fin d'année scolaire" in view(pane, "end_reason").text()
    assert pane.header.chip_texts() == ["Parentalité", "éducation / scolarité", "Solidarité"]

    tabs = pane.findChild(QWidget, "detailTabs")
    names = [tabs.widget(i).objectName() for i in range(tabs.count())]
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    assert names == ["tabDescription", "tabPartners", "tabResources", "tabResults"]
    assert titles == ["Description", "Partenaires", "Ressources", "Résultats"]

    # Long texts keep their line breaks, as plain selectable text.
    assert "\n" in data.summary and "\n- aux demandes" in data.experience
    for name in (
        "summary",
        "experience",
        "description",
        "financial_resources",
        "people_mobilised",
        "limits",
        "perspectives",
    ):
        shown = view(pane, name)
        assert shown.text() == getattr(data, name), name
        assert not shown.empty and not italic(shown)
        # Plain text (inserted as text, never parsed) that the mouse selects.
        assert shown.sheet.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
        assert shown.sheet.toPlainText().count(shown.text()) >= 1
    assert view(pane, "financial_resources").text().startswith("Charges:\nAchats fournitures")
    assert view(pane, "initiative").text() == "Le centre social"
    assert view(pane, "territory").text() == "Une commune"
    assert view(pane, "public").text() == "Enfance"
    assert view(pane, "partners").text() == "• Éducation Nationale\n• ARS\n• Caf\n• Commune"
    assert view(pane, "result_territory").text() == "Favorise les liens partenariaux"
    assert view(pane, "result_centre").text() == "Meilleure connaissance des familles"
    assert view(pane, "result_inhabitants").text().startswith("Les retours des parents")
    assert view(pane, "attachments").text() == "Aucun fichier"


def test_empty_fields_say_so_discreetly(pane, sample_store):
    pane.show_detail(sample_store.get(_id_of(sample_store, "la main à la pâte")))
    for name in (
        "initiative_detail",
        "partners",
        "description",
        "financial_resources",
        "people_mobilised",
        "result_territory",
        "result_centre",
        "limits",
        "perspectives",
    ):
        shown = view(pane, name)
        assert shown.text() == "Non renseigné", name
        assert shown.empty is True
        assert italic(shown)
    summary = view(pane, "summary")
    assert summary.text() != "Non renseigné" and summary.empty is False
    assert not view(pane, "end_reason").isVisibleTo(pane)  # "En cours": no end reason line


def test_no_action_selected(pane, sample_store):
    pane.show_detail(sample_store.get(_id_of(sample_store, CLAS)))
    pane.show_detail(None)
    assert pane.stack.currentWidget().objectName() == "detailEmpty"
    assert pane.stack.currentWidget().text() == "Aucune action sélectionnée"
    assert pane.mode == "view" and pane.editing_detail is None


def test_keyword_chips_follow_each_action_shown(qtbot, pane, sample_store):
    """The chips are kept from one action to the next (issue 17): each action shows its own
    keywords, in order, and the chips left over take no room."""
    pane.resize(420, 600)
    pane.show()
    qtbot.waitExposed(pane)
    long_keyword = " ".join(["mot"] * 40)
    keywords = [("un", "deux", "trois"), ("quatre",), (), ("cinq", long_keyword)]
    details = [
        sample_store.create(
            ActionData(
                title=f"Action {i}", structure="Centre", department="Drôme", year=2020, keywords=k
            )
        )
        for i, k in enumerate(keywords)
    ]
    one_line = None
    for detail, expected in zip(details, keywords, strict=True):
        pane.show_detail(detail)
        qtbot.wait(1)
        texts = pane.header.chip_texts()
        assert len(texts) == len(expected)
        assert [t for t, k in zip(texts, expected, strict=True) if t != k] == (
            [texts[1]] if long_keyword in expected else []
        )
        shown = [c for c in pane.findChildren(QLabel, "keywordChip") if c.isVisibleTo(pane)]
        assert [c.text() for c in shown] == texts
        assert pane.header.chips.isVisibleTo(pane) == bool(expected)
        if expected == ("quatre",):
            one_line = pane.header.chips.height()
            assert one_line <= 2 * shown[0].sizeHint().height()  # no room for the others
    # The long keyword is elided, whole in its tooltip; the short one has none.
    chips = [c for c in pane.findChildren(QLabel, "keywordChip") if c.isVisibleTo(pane)]
    assert chips[1].text().endswith("…") and chips[1].toolTip() == long_keyword
    assert chips[0].toolTip() == ""
    assert one_line is not None


def test_markup_is_displayed_as_typed(pane, sample_store):
    detail = sample_store.create(
        ActionData(
            title="<b>x</b>",
            structure="<i>Centre</i>",
            department="Drôme",
            year=2020,
            keywords=("<u>mot</u>",),
            summary="a < b & <script>alert(1)</script>",
        )
    )
    pane.show_detail(detail)
    title = view(pane, "title")
    assert title.text() == "<b>x</b>"
    assert title.textFormat() == Qt.TextFormat.PlainText
    assert view(pane, "structure").text() == "<i>Centre</i> – Drôme"
    assert view(pane, "summary").text() == "a < b & <script>alert(1)</script>"
    chips = [c for c in pane.findChildren(QLabel, "keywordChip") if c.isVisibleTo(pane)]
    assert [c.text() for c in chips] == ["<u>mot</u>"]
    assert all(c.textFormat() == Qt.TextFormat.PlainText for c in chips)


def test_editor_widgets_are_named_after_the_fields(pane):
    pane.start_new()
    for name in EDITOR_NAMES:
        widget = editor(pane, name)
        tab = next(
            (
                t
                for t in pane.tabs.findChildren(QWidget)
                if t.objectName().startswith("tab") and t.isAncestorOf(widget)
            ),
            None,
        )
        if tab is not None:
            pane.tabs.setCurrentWidget(tab)
        assert widget.isVisibleTo(pane), name
    assert isinstance(editor(pane, "title"), QLineEdit)
    assert isinstance(editor(pane, "structure"), QComboBox)
    assert isinstance(editor(pane, "summary"), QPlainTextEdit)
    assert isinstance(editor(pane, "keywords"), TermListField)


def test_new_action_typed_in_the_form(qtbot, pane):
    pane.start_new()
    assert pane.mode == "edit" and pane.editing_detail is None
    assert not pane.is_dirty()
    with qtbot.waitSignal(pane.dirty_changed, check_params_cb=lambda dirty: dirty):
        qtbot.keyClicks(editor(pane, "title"), "Jardin partage")
    qtbot.keyClicks(editor(pane, "structure").lineEdit(), "MPT CENTRE VILLE")
    # QTest types ASCII only: the accented value is inserted as a paste would.
    editor(pane, "department").lineEdit().insert("Drôme")
    with qtbot.waitSignal(pane.validity_changed, check_params_cb=lambda valid: valid):
        qtbot.keyClicks(editor(pane, "year"), "2021")
    qtbot.keyClicks(editor(pane, "summary"), "Ligne 1")
    qtbot.keyClick(editor(pane, "summary"), Qt.Key.Key_Return)
    qtbot.keyClicks(editor(pane, "summary"), "Ligne 2")

    data = pane.edited_data()
    assert (data.title, data.structure, data.department, data.year) == (
        "Jardin partage",
        "MPT CENTRE VILLE",
        "Drôme",
        2021,
    )
    assert data.summary == "Ligne 1\nLigne 2"
    assert data.status == "En cours"
    assert pane.is_dirty()
    assert pane.validate() == []


def test_empty_title_and_bad_year_are_refused_in_french(qtbot, pane):
    with qtbot.waitSignal(pane.validity_changed, check_params_cb=lambda valid: not valid):
        pane.start_new()
    qtbot.keyClicks(editor(pane, "structure").lineEdit(), "MPT CENTRE VILLE")
    qtbot.keyClicks(editor(pane, "department").lineEdit(), "Drome")
    qtbot.keyClicks(editor(pane, "year"), "1800")
    assert not pane.is_valid()
    assert pane.edited_data().year == 1800  # typed as is, refused by validation

    errors = pane.validate()
    assert errors == [("title", "required"), ("year", "year_range")]
    title_error = pane.findChild(QLabel, "title_error")
    year_error = pane.findChild(QLabel, "year_error")
    assert title_error.isVisibleTo(pane)
    assert title_error.text() == "Titre : Ce champ est obligatoire."
    assert year_error.isVisibleTo(pane)
    assert year_error.text() == f"Année : L'année doit être comprise entre 1990 et {max_year()}."
    assert not pane.findChild(QLabel, "structure_error").isVisibleTo(pane)

    # Messages follow the typing.
    qtbot.keyClicks(editor(pane, "title"), "Un titre")
    assert not title_error.isVisibleTo(pane)
    year = editor(pane, "year")
    year.clear()
    with qtbot.waitSignal(pane.validity_changed, check_params_cb=lambda valid: valid):
        qtbot.keyClicks(year, str(max_year()))
    assert not year_error.isVisibleTo(pane)
    assert pane.validate() == []


def test_errors_only_show_for_touched_fields_until_validation(qtbot, pane):
    pane.start_new()
    qtbot.keyClicks(editor(pane, "year"), "19")
    year_error = pane.findChild(QLabel, "year_error")
    assert year_error.isVisibleTo(pane)
    assert not pane.findChild(QLabel, "title_error").isVisibleTo(pane)
    assert not pane.is_valid()


def test_show_errors_brings_the_field_into_view(pane):
    pane.start_new()
    pane.show_errors([("limits", "too_long")])
    assert pane.current_tab_name() == "tabResults"
    label = pane.findChild(QLabel, "limits_error")
    assert label.isVisibleTo(pane) and label.text().startswith("Suite de l'action : Limites :")


def test_finished_status_enables_the_end_reason(qtbot, pane):
    pane.start_new()
    status = editor(pane, "status")
    end_reason = editor(pane, "end_reason")
    assert [status.itemText(i) for i in range(status.count())] == ["En cours", "Terminée"]
    assert not end_reason.isEnabled()
    status.setCurrentIndex(status.findText("Terminée"))
    assert end_reason.isEnabled()
    qtbot.keyClicks(end_reason, "Fin du financement")
    data = pane.edited_data()
    assert (data.status, data.end_reason) == ("Terminée", "Fin du financement")
    status.setCurrentIndex(status.findText("En cours"))
    assert not end_reason.isEnabled()


def test_a_new_keyword_can_be_added(qtbot, pane, sample_store, monkeypatch):
    detail = sample_store.get(_id_of(sample_store, CLAS))
    pane.show_detail(detail)
    pane.start_edit()
    keywords: TermListField = editor(pane, "keywords")
    assert "Culture" in keywords.terms()  # known terms come from the store's vocabulary

    # A new term needs a confirmation (issue 16).
    asked = answer_message_boxes(monkeypatch, "Créer")
    qtbot.keyClicks(keywords.entry, "Jardinage collectif")
    qtbot.keyClick(keywords.entry, Qt.Key.Key_Return)
    assert asked == ["Créer le mot-clé « Jardinage collectif » ?"]
    # An existing term typed without its accent or case is checked, not duplicated.
    qtbot.keyClicks(keywords.entry, "culture")
    qtbot.mouseClick(keywords.add_button, Qt.MouseButton.LeftButton)

    expected = (*detail.data.keywords, "Jardinage collectif", "Culture")
    assert pane.edited_data().keywords == expected
    assert keywords.terms().count("Culture") == 1
    assert keywords.entry.text() == ""
    item = keywords.list.findItems("Jardinage collectif", Qt.MatchFlag.MatchExactly)[0]
    assert item.checkState() == Qt.CheckState.Checked
    item.setCheckState(Qt.CheckState.Unchecked)
    assert "Jardinage collectif" not in pane.edited_data().keywords
    assert pane.is_dirty()


def test_typing_filters_the_term_list(qtbot, pane):
    pane.start_new()
    partners: TermListField = editor(pane, "partners")
    qtbot.keyClicks(partners.entry, "educ")
    shown = [
        partners.list.item(i).text()
        for i in range(partners.list.count())
        if not partners.list.item(i).isHidden()
    ]
    assert shown == ["Éducation Nationale"]


def test_single_terms_offer_the_vocabulary(pane, sample_store):
    pane.start_new()
    structure = editor(pane, "structure")
    items = [structure.itemText(i) for i in range(structure.count())]
    assert items == sample_store.vocabulary("structure")
    territory = editor(pane, "territory")
    assert "Une commune" in [territory.itemText(i) for i in range(territory.count())]
    assert territory.currentText() == ""


def test_edit_then_cancel_returns_to_the_original(qtbot, pane, sample_store):
    detail = sample_store.get(_id_of(sample_store, CLAS))
    pane.show_detail(detail)
    pane.start_edit()
    assert pane.mode == "edit" and pane.editing_detail == detail
    assert editor(pane, "title").text() == CLAS
    assert editor(pane, "summary").toPlainText() == detail.data.summary
    assert not pane.is_dirty()

    qtbot.keyClicks(editor(pane, "title"), " (bis)")
    editor(pane, "limits").setPlainText("Autre chose")
    assert pane.is_dirty()
    with qtbot.waitSignal(pane.dirty_changed, check_params_cb=lambda dirty: not dirty):
        pane.cancel_edit()
    assert pane.mode == "view" and pane.editing_detail is None
    assert not pane.is_dirty()
    assert view(pane, "title").text() == CLAS
    assert view(pane, "limits").text() == detail.data.limits
    # Editing again starts from the stored values, not the abandoned ones.
    pane.start_edit()
    assert editor(pane, "title").text() == CLAS


def test_after_a_save_the_read_page_shows_the_saved_values_laid_out(qtbot, pane, sample_store):
    """Back from editing, the header and the insight lines take their heights before the read
    page is shown (issue 17): the page is shown at once at its final size (not laid out for
    the edit mode's height, then again), with the saved values."""
    pane.add_insight(QLabel("Fiche complète à 80 %"), QLabel("Expériences similaires\n" * 4))
    pane.resize(420, 700)
    pane.show()
    qtbot.waitExposed(pane)
    detail = sample_store.get(_id_of(sample_store, CLAS))
    pane.show_detail(detail)
    pane.start_edit()
    qtbot.wait(10)
    summary = detail.data.summary + " (revu)"
    editor(pane, "summary").setPlainText(summary)
    saved = sample_store.update(detail.id, detail.version, pane.edited_data())

    pane.show_detail(saved)  # what the window does after a save
    tab = pane.description_tab
    at_once = (pane.header.geometry(), tab.read_page.geometry())
    qtbot.wait(50)
    assert (pane.header.geometry(), tab.read_page.geometry()) == at_once
    assert pane.mode == "view" and tab.stack.currentWidget() is tab.read_page
    assert view(pane, "summary").text() == summary and view(pane, "title").text() == CLAS
    assert pane.header.read_page.isVisibleTo(pane)
    assert not pane.header.edit_page.isVisibleTo(pane)
    assert not pane.insight_badge.isVisibleTo(pane)
    # The same geometry as when the saved action is shown afresh.
    settled = (pane.header.geometry(), tab.read_page.geometry(), place(view(pane, "summary")))
    pane.show_detail(None)
    pane.show_detail(saved)
    qtbot.wait(50)
    assert (
        pane.header.geometry(),
        tab.read_page.geometry(),
        place(view(pane, "summary")),
    ) == settled


def test_every_sample_action_opens_in_the_form_unchanged(pane, sample_store):
    for action_id in sample_store.search_ids(SearchRequest()):
        detail = sample_store.get(action_id)
        pane.show_detail(detail)
        pane.start_edit()
        assert pane.edited_data() == detail.data, detail.data.title
        assert not pane.is_dirty()


def test_duplicate_starts_a_new_action_from_data(pane, sample_store):
    detail = sample_store.get(_id_of(sample_store, CLAS))
    pane.show_detail(detail)
    pane.start_new(detail.data.replace(title=CLAS + " (copie)"))
    assert pane.editing_detail is None
    assert editor(pane, "title").text() == CLAS + " (copie)"
    assert pane.edited_data().partners == detail.data.partners


def test_vocabularies_are_read_when_editing_starts(qtbot, sample_store):
    calls: list[str] = []

    def vocabulary(kind: str) -> list[str]:
        calls.append(kind)
        return sample_store.vocabulary(kind)

    pane = DetailPane(vocabulary)
    qtbot.addWidget(pane)
    pane.show_detail(sample_store.get(_id_of(sample_store, CLAS)))
    assert calls == []
    sample_store.create(
        ActionData(
            title="T", structure="S", department="Ardèche", year=2020, keywords=("Tout nouveau",)
        )
    )
    pane.start_new()
    assert "keywords" in calls and "structure" in calls
    assert "Tout nouveau" in editor(pane, "keywords").terms()
    # The département is chosen from the official list (issue 16): « 07 – Ardèche ».
    assert "07 – Ardèche" in [
        editor(pane, "department").itemText(i) for i in range(editor(pane, "department").count())
    ]
