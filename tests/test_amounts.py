"""Euro amounts from « Ressources financières »: every figure of the sample, and the hard cases."""

from __future__ import annotations

from decimal import Decimal

import pytest

from centres_app.amounts import find_mentions, format_euros, parse_amount, total_of

D = Decimal

# Every action of the sample, by title: the amount and the figures it is made of.
SAMPLE_AMOUNTS: dict[str, tuple[Decimal | None, list[Decimal]]] = {
    '"Accueillir la différence" Favoriser l\'accueil des enfants en situation de handicap '
    "en milieu ordinaire": (D(10000), [D(10000)]),
    # Investment 60 000 € + yearly running budget 5 000 € annuels.
    '"LES SOURCES DU CHARRAN", LA NATURE EN VILLE AVEC LES HABITANTS': (
        D(65000),
        [D(60000), D(5000)],
    ),
    # "Charges:" heading, then three expenses in euros.
    "Actif'études / CLAS": (D(5120), [D(100), D(476), D(4544)]),
    # "Budget global 11000€" is the explicit total.
    "Animations Hors les murs": (D(11000), [D(11000)]),
    "Ateliers Echange de savoir": (None, []),
    # "Année 2015 : les 10 ans..." holds numbers but no euros.
    "Bourse aux jouets": (None, []),
    # 3 500 € annuels + "entre 100 et 150 €" counted at its upper bound.
    "Découverte des métiers": (D(3650), [D(3500), D(150)]),
    "la main à la pâte": (None, []),
    "Les mémoires du quartier": (D(3437), [D(1970), D(800), D(667)]),
    # 150 euros of supplies; "35€/heure" is a rate and is not added.
    "Mercredis ludiques aux Reymonds": (D(150), [D(150)]),
    "Mise en place d'un transport partagé : le Royans Express": (D(19000), [D(19000)]),
    # Expenses 4867.68 € count; the CAF product (5000 €) and the surplus (132.32 €) do not.
    "Mobilité des personnes et entraide": (D("4867.68"), [D("4867.68")]),
    "Renouvellement du projet social": (D(12000), [D(12000)]),
    "repas interculturels": (D(1000), [D(1000)]),
    "Réveillon de l'Amitié": (None, []),
    "Réveillon Solidaire": (None, []),
    "Sortie famille": (D(4500), [D(4500)]),
    "TOUS A VELO !": (D(1650), [D(650), D(1000)]),
}


def test_the_table_covers_every_sample_action(sample_actions):
    assert sorted(a.title for a in sample_actions) == sorted(SAMPLE_AMOUNTS)


@pytest.mark.parametrize("title", sorted(SAMPLE_AMOUNTS))
def test_every_sample_amount(sample_actions, title):
    action = next(a for a in sample_actions if a.title == title)
    expected, parts = SAMPLE_AMOUNTS[title]
    parsed = parse_amount(action.financial_resources)
    assert parsed.amount == expected
    assert [value for value, _ in parsed.parts] == parts
    for _, excerpt in parsed.parts:
        assert excerpt and excerpt.strip("…") in action.financial_resources.replace("\n", " ")
    assert parsed.reason


def test_sample_total(sample_actions):
    total, counted = total_of(a.financial_resources for a in sample_actions)
    assert counted == 13
    assert total == sum(v for v, _ in SAMPLE_AMOUNTS.values() if v is not None)
    assert total == D("141374.68")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10000 €", D(10000)),
        ("19 000 € annuels", D(19000)),
        ("4867.68 €", D("4867.68")),
        ("1 970 €", D(1970)),
        ("60 000 €", D(60000)),
        ("6000€", D(6000)),
        ("4544 euros", D(4544)),
        ("1 Euro", D(1)),
        ("250 EUR", D(250)),
        ("12 000 € hors charges", D(12000)),
        ("moins de 1000€", D(1000)),
        ("environ 500 €", D(500)),
        ("entre 100 et 150 €", D(150)),
        ("de 100 à 150 €", D(150)),
        ("100-150 €", D(150)),
        ("35€/heure", None),
        ("35 € de l'heure", None),
        ("10 € par personne", None),
        ("200 € mensuels", None),
        ("5 000 € par an", D(5000)),
        ("1 234,50 €", D("1234.50")),
        ("1\u00a0234,50\u00a0€", D("1234.50")),
        ("1\u202f234\u202f€", D(1234)),
        ("1\u2009000 €", D(1000)),
        ("1.500 €", D(1500)),
        ("1.234.567,89 €", D("1234567.89")),
        ("12 k€", D(12000)),
        ("1,5 k€", D(1500)),
        ("2 M€", D(2000000)),
        ("0,50 €", D("0.50")),
        ("Budget global 11000€", D(11000)),
        ("Achat : 300 € ; location : 200 € ; Total : 500 €", D(500)),
        ("Budget total 2 000 € dont 1 500 € de la Caf", D(2000)),
        ("Budget 5000 € dont 2000 € Caf", D(5000)),
        ("3 x 100 € soit 300 €", D(300)),
        ("Dépenses ...: 4867.68 € / Produits CAF: 5000 € / Exédent: 132.32 €", D("4867.68")),
        ("Charges :\n- salaires 3 000 €\n- matériel 500 €\nProduits :\n- Caf 2 000 €", D(3500)),
        ("Subvention CAF : 2 000 €\nSubvention commune : 500 €", D(2500)),
        ("Total charges: 4000 € / Total produits: 5000 €", D(4000)),
        ("Déficit : 300 €", None),
        ("en 2019 500 €", D(500)),
        ("Les 10 ans de l'action, 4 à 5 repas", None),
        ("", None),
        ("pas de budget spécifique", None),
        ("100%", None),
        ("Ludothèque 35€/heure, 4 heures par mois.\n150 euros de fournitures", D(150)),
    ],
)
def test_amount_table(text, expected):
    assert parse_amount(text).amount == expected


def test_multiline_list_of_expenses_is_summed_with_its_parts():
    parsed = parse_amount(
        "Prestataires (photos, radio) : 1 970 €\nCommunication : 800 €\nImpression : 667 €"
    )
    assert parsed.amount == D(3437)
    assert parsed.parts == (
        (D(1970), "Prestataires (photos, radio) : 1 970 €"),
        (D(800), "Communication : 800 €"),
        (D(667), "Impression : 667 €"),
    )
    assert parsed.reason == "somme de 3 montants"


def test_global_budget_wins_and_other_figures_are_reported_as_ignored():
    parsed = parse_amount("Achats : 300 €\nSalaires : 8 000 €\nBudget global 11000€")
    assert parsed.amount == D(11000)
    assert parsed.reason == "montant global indiqué"
    assert [v for v, _, _ in parsed.ignored] == [D(300), D(8000)]


def test_products_and_balance_are_ignored_with_a_french_reason():
    parsed = parse_amount("Dépenses ...: 4867.68 € / Produits CAF: 5000 € / Exédent: 132.32 €")
    assert parsed.parts == ((D("4867.68"), "Dépenses ...: 4867.68 €"),)
    assert [(v, e) for v, e, _ in parsed.ignored] == [
        (D(5000), "Produits CAF: 5000 €"),
        (D("132.32"), "Exédent: 132.32 €"),
    ]
    assert "dépenses" in parsed.reason
    assert all(why for _, _, why in parsed.ignored)


def test_household_products_are_not_revenue():
    # "produits" after the figure describes what was bought, not a product of the budget.
    assert parse_amount("150 euros de produits de ménage\nSalle : 50 €").amount == D(200)


def test_a_rate_is_reported_not_summed():
    parsed = parse_amount("Ludothèque 35€/heure, 4 heures par mois. Goûters 150 €")
    assert parsed.amount == D(150)
    assert parsed.ignored[0][0] == D(35)
    assert "tarif" in parsed.reason


def test_mentions_keep_text_order_and_kinds():
    kinds = [m.kind for m in find_mentions("entre 100 et 150 €\n35€/heure\nTotal 900 €")]
    assert kinds == ["range", "rate", "total"]


def test_long_lines_give_short_excerpts():
    text = "x " * 100 + "matériel : 650 € " + "y " * 100
    ((value, excerpt),) = parse_amount(text).parts
    assert value == D(650)
    assert "matériel : 650 €" in excerpt
    assert len(excerpt) < 100


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (D(19000), "19\u202f000\u00a0€"),
        (D("4867.68"), "4\u202f867,68\u00a0€"),
        (D(150), "150\u00a0€"),
        (D("1234567.5"), "1\u202f234\u202f567,50\u00a0€"),
    ],
)
def test_format_euros(value, text):
    assert format_euros(value) == text
