"""The GDPR check: planted personal data is found, the real sample texts raise no alarm."""

from __future__ import annotations

import pytest

from centres_app.exchange.personal_data import (
    KIND_ADDRESS,
    KIND_EMAIL,
    KIND_PERSON,
    KIND_PHONE,
    scan,
    scan_actions,
    scan_text,
)


def test_the_sample_has_no_personal_data(sample_actions):
    # Checked by reading the 18 actions: they hold no e-mail, phone, address or person's
    # name, only times, amounts, dates, class names, "la M.P.T", "mise en place"...
    assert len(sample_actions) == 18
    assert scan_actions(sample_actions) == []


def test_planted_data_is_found_with_action_field_and_context(sample_actions):
    action = sample_actions[3].replace(
        title="Atelier chez Mme Dupont",
        summary="Contact : lea.martin@example.fr ou 06 12 34 56 78.",
        experience="Elle habite au 12 rue des Lilas,\n26000 Valence, près de l'école.",
        result_inhabitants="Appeler le +33 6 12 34 56 78, le 0612345678 ou le 04.75.12.34.56",
        limits="M. Martin et Madame Léa Durand ont aidé ; Monsieur le Maire est venu.",
        perspectives="Nouveau local : 3 bis, avenue Victor Hugo, 26190 Saint-Jean-en-Royans",
    )
    hits = scan([(42, action)])
    found = {(h.field, h.kind, h.match) for h in hits}
    assert found == {
        ("title", KIND_PERSON, "Mme Dupont"),
        ("summary", KIND_EMAIL, "lea.martin@example.fr"),
        ("summary", KIND_PHONE, "06 12 34 56 78"),
        ("experience", KIND_ADDRESS, "12 rue des Lilas"),
        ("experience", KIND_ADDRESS, "26000 Valence"),
        ("result_inhabitants", KIND_PHONE, "+33 6 12 34 56 78"),
        ("result_inhabitants", KIND_PHONE, "0612345678"),
        ("result_inhabitants", KIND_PHONE, "04.75.12.34.56"),
        ("limits", KIND_PERSON, "M. Martin"),
        ("limits", KIND_PERSON, "Madame Léa Durand"),
        ("perspectives", KIND_ADDRESS, "3 bis, avenue Victor Hugo"),
        ("perspectives", KIND_ADDRESS, "26190 Saint-Jean-en-Royans"),
    }
    assert len(hits) == len(found)
    assert {h.action for h in hits} == {42}
    assert {h.title for h in hits} == {"Atelier chez Mme Dupont"}
    address = next(h for h in hits if h.match == "12 rue des Lilas")
    assert (
        address.label == "Description de l'expérience, ses objectifs, ses acteurs et ses "
        "différentes phases."
    )
    assert address.excerpt == "Elle habite au 12 rue des Lilas, 26000 Valence, près de l'éco…"
    assert address.message().startswith("« Atelier chez Mme Dupont » — Description de l'exp")
    assert "adresse postale « 12 rue des Lilas »" in address.message()


@pytest.mark.parametrize(
    "text",
    [
        "Rendez-vous à 15h45, fin à 17h",
        "Budget : 4867.68 € et 10000 € ; 11000€ ; 12 345 678,90 €",
        "Le 2 octobre 2015, puis en 2016, 2014-2015",
        "Les élèves de CM1 et CM2",
        "présenter la M.P.T comme centre social",
        "Mise en place d'un transport, mise sur la route du Royans Express",
        "laisser la place aux professionnels ; 10 places disponibles",
        "15 ALSH du territoire, 15-25 ans, 15 000 Habitants",
        "Monsieur le Maire, Madame la Présidente et Mme la Directrice",
        "le 01/02/2016 ; tél. inconnu ; n° 1 234 567 890",
        "www.centre-social.fr",
    ],
)
def test_ordinary_text_is_not_flagged(text):
    assert scan_text(text) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("a.b+c@asso-drome.org", KIND_EMAIL),
        ("06-12-34-56-78", KIND_PHONE),
        ("+33 (0)4 75 12 34 56", KIND_PHONE),
        ("0033 6 12 34 56 78", KIND_PHONE),
        ("45 chemin de la Forêt", KIND_ADDRESS),
        ("8 place de la République", KIND_ADDRESS),
        ("7 allée des Pins", KIND_ADDRESS),
        ("2 impasse Berlioz", KIND_ADDRESS),
        ("1 bd Vauban", KIND_ADDRESS),
        ("20 route de Lyon", KIND_ADDRESS),
        ("Mlle Durand", KIND_PERSON),
        ("Mme DUPONT", KIND_PERSON),
    ],
)
def test_each_pattern(text, kind):
    assert [(k, m) for k, m, _ in scan_text(f"Voir {text}.")] == [(kind, text)]
