"""Completeness of action sheets, on the real sample."""

from __future__ import annotations

import pytest

from centres_app.completeness import IMPORTANT_FIELDS, completeness
from centres_app.domain import FIELD_LABELS, ActionData


def by_title(actions, title):
    return next(a for a in actions if a.title == title)


def test_la_main_a_la_pate_misses_its_results(sample_actions):
    c = completeness(by_title(sample_actions, "la main à la pâte"))
    for name in ("result_territory", "result_centre", "result_inhabitants"):
        assert name in c.missing
    assert "Résultat pour les habitants" in c.missing_labels
    assert "Résumé" not in c.missing_labels
    assert c.score == c.filled * 100 // 16
    assert 0 < c.score < 100


def test_bourse_aux_jouets_misses_its_dimension(sample_actions):
    c = completeness(by_title(sample_actions, "Bourse aux jouets"))
    assert "dimension" in c.missing
    assert "Dimension" in c.missing_labels
    assert "keywords" not in c.missing


def test_missing_sections_of_every_sample_action_are_really_empty(sample_actions):
    for action in sample_actions:
        c = completeness(action)
        assert c.filled + len(c.missing) == c.total == len(IMPORTANT_FIELDS)
        for name in IMPORTANT_FIELDS:
            value = getattr(action, name)
            empty = not (value.strip() if isinstance(value, str) else value)
            if name == "initiative":
                empty = empty and not action.initiative_detail.strip()
            assert (name in c.missing) == empty, (action.title, name)


def test_sample_has_complete_and_incomplete_sheets(sample_actions):
    scores = {a.title: completeness(a).score for a in sample_actions}
    assert scores["TOUS A VELO !"] == 100
    assert scores["la main à la pâte"] < scores["TOUS A VELO !"]
    assert completeness(by_title(sample_actions, "TOUS A VELO !")).summary() == "Fiche complète"


def test_a_new_empty_action_scores_zero_and_lists_every_section_in_sheet_order():
    c = completeness(ActionData(title="Nouvelle action"))
    assert c.score == 0
    assert c.missing == IMPORTANT_FIELDS
    assert c.missing_labels[0] == FIELD_LABELS["summary"] == "Résumé"
    assert c.summary() == "Fiche complète à 0 % (16 rubriques à remplir)"


@pytest.mark.parametrize("blank", ["", "   ", "\n\t"])
def test_blank_text_is_empty(blank):
    assert "summary" in completeness(ActionData(summary=blank)).missing


def test_score_grows_as_a_sheet_is_filled_in():
    data = ActionData(title="x")
    scores = []
    for name in IMPORTANT_FIELDS:
        value = ("Valeur",) if isinstance(getattr(data, name), tuple) else "Texte"
        data = data.replace(**{name: value})
        scores.append(completeness(data).score)
    assert scores == sorted(scores)
    assert scores[-1] == 100 and scores[-2] < 100
    assert completeness(data).summary() == "Fiche complète"


def test_initiative_detail_answers_the_initiative_question():
    assert "initiative" not in completeness(ActionData(initiative_detail="La mairie")).missing
    one_missing = completeness(ActionData(summary="Résumé")).summary()
    assert one_missing.startswith("Fiche complète à 6 % (15 rubriques")
