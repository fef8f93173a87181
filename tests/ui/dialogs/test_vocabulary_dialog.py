"""« Vocabulaires » (issue 16): counts shown, rename and merge in one step, history kept, the
window refreshed after."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu

from centres_app.domain import SearchRequest
from centres_app.ui.dialogs.vocabulary_dialog import VocabularyDialog
from tests.ui.main_window_fixtures import answer_message_boxes, list_titles, select_title


def _keyword_ids(store, keyword: str) -> list[int]:
    ids = store.search_ids(SearchRequest())
    return [d.id for d in store.details(ids) if keyword in d.data.keywords]


def test_rename_then_merge_a_keyword(qtbot, sample_store, monkeypatch):
    dialog = VocabularyDialog(sample_store)
    qtbot.addWidget(dialog)
    assert dialog.current_kind() == "keywords"
    counts = dialog.counts()
    assert counts["Parentalité"] == len(_keyword_ids(sample_store, "Parentalité")) > 0
    holders = _keyword_ids(sample_store, "Culture")
    history_before = {i: len(sample_store.history(i)) for i in holders}

    asked = answer_message_boxes(monkeypatch, "Renommer", "Fusionner", "Annuler")
    renamed = []
    dialog.renamed.connect(lambda *args: renamed.append(args))
    assert dialog.rename("Culture", "Culture et loisirs") == len(holders)
    assert "Culture" not in dialog.counts()
    assert dialog.counts()["Culture et loisirs"] == len(holders)
    assert {i: len(sample_store.history(i)) for i in holders} == {
        i: n + 1 for i, n in history_before.items()
    }
    # Giving it another value's name merges them (the counts are shown in the question).
    target = "Parentalité"
    both = set(holders) | set(_keyword_ids(sample_store, target))
    dialog.rename("Culture et loisirs", target)
    assert dialog.counts()[target] == len(both)
    assert "Culture et loisirs" not in dialog.counts()
    # Declined: nothing changes.
    assert dialog.rename(target, "Autre chose") == 0
    assert dialog.counts()[target] == len(both)
    assert asked[0].startswith("Renommer « Culture » en « Culture et loisirs »")
    assert asked[1].startswith("Fusionner « Culture et loisirs »")
    assert [r[:3] for r in renamed] == [
        ("keywords", "Culture", "Culture et loisirs"),
        ("keywords", "Culture et loisirs", target),
    ]


def test_closed_lists_show_values_outside_senacs_flagged(qtbot, sample_store):
    dialog = VocabularyDialog(sample_store)
    qtbot.addWidget(dialog)
    dialog.select_kind("dimension")
    assert dialog.counts()
    dialog.filter.setText("citoyen")
    shown = [
        dialog.values.topLevelItem(i).text(0)
        for i in range(dialog.values.topLevelItemCount())
        if not dialog.values.topLevelItem(i).isHidden()
    ]
    assert shown == ["Citoyenneté"]


def test_the_menu_opens_it_and_the_window_follows_a_rename(qtbot, window, monkeypatch):
    select_title(qtbot, window, "Actif'études / CLAS")
    edit_menu = window.findChild(QMenu, "menuEdit")
    action = window.vocabularies.action
    assert action in edit_menu.actions() and action.isEnabled()
    chips_before = window.detail_pane.header.chip_texts()
    assert "Parentalité" in chips_before

    answer_message_boxes(monkeypatch, "Renommer")

    def run(dialog: VocabularyDialog) -> int:
        dialog.rename("Parentalité", "Soutien à la parentalité")
        return 0

    monkeypatch.setattr(VocabularyDialog, "exec", run)
    action.trigger()
    assert "Soutien à la parentalité" in window.detail_pane.header.chip_texts()
    assert "Parentalité" not in window.detail_pane.header.chip_texts()
    assert "Soutien à la parentalité" in window.store.vocabulary("keywords")
    assert list_titles(window)
    # Not while an action is being edited.
    window.qactions.edit.trigger()
    assert not action.isEnabled()
