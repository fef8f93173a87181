"""Field qualifiers of the search box: parsing, resolution against the vocabulary, the Store."""

from __future__ import annotations

import pytest

from centres_app.domain import Filters, SearchRequest
from centres_app.qualifiers import (
    CachedVocabulary,
    apply_qualifiers,
    complete_qualifier,
    find_qualifiers,
    merge_filters,
    resolve_value,
    split_qualifiers,
)

VOCAB = {
    "department": ["Ardèche", "Drôme", "Haute-Savoie", "Savoie"],
    "keywords": ["Parentalité", "Solidarité", "éducation / scolarité", "mobilité / transport"],
    "public": ["Seniors", "familles", "Jeunesse"],
    "partners": ["Caf", "Commune", "CARSAT"],
    "status": ["En cours", "Terminée"],
    "dimension": ["Citoyenneté", "Accompagnement de projets"],
    "structure": ["MPT CENTRE VILLE", "Centre social Coluche"],
    "initiative": ["Le centre social"],
    "territory": ["Une commune", "Plusieurs quartiers"],
}


def vocabulary(kind):
    return VOCAB[kind]


@pytest.mark.parametrize(
    ("text", "rest", "filters"),
    [
        ("annee:2019", "", Filters(year=frozenset({2019}))),
        ("annee:2019..2022", "", Filters(year_min=2019, year_max=2022)),
        ("année:2022..2019", "", Filters(year_min=2019, year_max=2022)),
        ("annee:2019-2022 vélo", "vélo", Filters(year_min=2019, year_max=2022)),
        ("annee:..2020", "", Filters(year_max=2020)),
        ("annee:2018..", "", Filters(year_min=2018)),
        ("dep:Drôme vélo", "vélo", Filters(department=frozenset({"Drôme"}))),
        ("vélo DEP:drome", "vélo", Filters(department=frozenset({"drome"}))),
        ("mot:Parentalité", "", Filters(keywords=frozenset({"Parentalité"}))),
        ("public:Seniors", "", Filters(public=frozenset({"Seniors"}))),
        ("partenaire:Caf", "", Filters(partners=frozenset({"Caf"}))),
        ("statut:Terminée", "", Filters(status=frozenset({"Terminée"}))),
        ("dimension:Citoyenneté", "", Filters(dimension=frozenset({"Citoyenneté"}))),
        (
            'structure:"MPT CENTRE VILLE" repas',
            "repas",
            Filters(structure=frozenset({"MPT CENTRE VILLE"})),
        ),
        ('structure:"MPT CENTRE', "", Filters(structure=frozenset({"MPT CENTRE"}))),
        (
            "mot:Parentalité mot:Solidarité",
            "",
            Filters(keywords=frozenset({"Parentalité", "Solidarité"})),
        ),
        ("dep:", "", Filters()),
        ("annee:bientot", "annee:bientot", Filters()),
        ("CAF: 100% après-midi", "CAF: 100% après-midi", Filters()),
        ("http://exemple.fr", "http://exemple.fr", Filters()),
        ("reveillon", "reveillon", Filters()),
    ],
)
def test_split_qualifiers(text, rest, filters):
    assert split_qualifiers(text) == (rest, filters)


def test_trailing_space_is_kept_so_the_last_word_is_complete():
    assert split_qualifiers("dep:Drôme vélo ") == (
        "vélo ",
        Filters(department=frozenset({"Drôme"})),
    )


def test_find_qualifiers_positions():
    (q,) = find_qualifiers("vélo dep:Drôme")
    assert (q.facet, q.value, q.start, q.end) == ("department", "Drôme", 5, 14)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("drome", "Drôme"),
        ("DRÔME", "Drôme"),
        ("savoie", "Savoie"),  # exact beats the longer "Haute-Savoie"
        ("haute", "Haute-Savoie"),  # the only value starting so
        ("ard", "Ardèche"),
        ("educ", "éducation / scolarité"),
        ("zzz", None),
        ("", None),
    ],
)
def test_resolve_value(value, expected):
    assert resolve_value(value, VOCAB["department"] + VOCAB["keywords"]) == expected


def test_resolve_value_is_ambiguous_on_several_prefixes():
    assert resolve_value("c", ["Caf", "Commune", "CARSAT"]) is None


def test_apply_qualifiers_resolves_values_and_keeps_other_filters():
    base = SearchRequest(
        text="dep:drome mot:parentalite annee:2019..2022 vélo",
        filters=Filters(public=frozenset({"familles"}), year_min=2020),
        sort="title",
    )
    out = apply_qualifiers(base, vocabulary)
    assert out.text == "vélo"
    assert out.sort == "title"
    assert out.filters == Filters(
        department=frozenset({"Drôme"}),
        keywords=frozenset({"Parentalité"}),
        public=frozenset({"familles"}),
        year_min=2020,
        year_max=2022,
    )


def test_unknown_values_are_kept_as_typed_and_match_nothing():
    out = apply_qualifiers(SearchRequest("dep:Atlantide"), vocabulary)
    assert out.filters.department == frozenset({"Atlantide"})


def test_text_without_colon_is_returned_untouched_without_vocabulary_lookups():
    def boom(kind):
        raise AssertionError("no lookup expected")

    request = SearchRequest("reveillon solidaire")
    assert apply_qualifiers(request, boom) is request


def test_merge_filters_ors_within_a_facet_and_narrows_years():
    merged = merge_filters(
        Filters(department=frozenset({"Ardèche"}), year_min=2015, year_max=2020),
        Filters(department=frozenset({"Drôme"}), year_min=2018, year_max=2022),
    )
    assert merged == Filters(
        department=frozenset({"Ardèche", "Drôme"}), year_min=2018, year_max=2020
    )


def test_cached_vocabulary_asks_once_per_kind():
    calls = []

    def counting(kind):
        calls.append(kind)
        return VOCAB[kind]

    cached = CachedVocabulary(counting, ttl=60)
    for _ in range(5):
        apply_qualifiers(SearchRequest("dep:drome mot:educ"), cached)
    assert sorted(calls) == ["department", "keywords"]
    cached.clear()
    cached("department")
    assert calls.count("department") == 2


def test_completion_of_keys_and_values():
    assert complete_qualifier("vélo de", 7, vocabulary) == (5, ["dep:"])
    assert complete_qualifier("dep:dr", 6, vocabulary) == (0, ["dep:Drôme"])
    start, found = complete_qualifier("repas structure:mpt", 19, vocabulary)
    assert (start, found) == (6, ['structure:"MPT CENTRE VILLE"'])
    assert complete_qualifier("mot:", 4, vocabulary)[1][:2] == ["mot:Parentalité", "mot:Solidarité"]
    assert complete_qualifier("annee:20", 8, vocabulary) == (8, [])


# --- through the Store, on the sample ---------------------------------------------------------


def titles(store, text):
    return {r.title for r in store.search(SearchRequest(text, prefix_last=False)).rows}


def test_store_search_filters_by_departement(sample_store):
    assert titles(sample_store, "dep:Drôme vélo") == titles(sample_store, "vélo")
    assert "TOUS A VELO !" in titles(sample_store, "dep:drome vélo")
    assert titles(sample_store, "dep:Ardèche vélo") == set()
    assert sample_store.search(SearchRequest("dep:drome")).total == 18


def test_store_search_by_keyword_year_and_public(sample_store):
    found = titles(sample_store, "mot:mobilite annee:2019..2022")
    assert found == {"Mobilité des personnes et entraide", "TOUS A VELO !"}
    assert titles(sample_store, "public:seniors mot:mobilité") == {
        "Mobilité des personnes et entraide",
        "Mise en place d'un transport partagé : le Royans Express",
    }
    assert titles(sample_store, "annee:2015") == {"Réveillon Solidaire"}


def test_store_search_ids_and_facets_apply_qualifiers(sample_store):
    request = SearchRequest("mot:Parentalité annee:2019")
    ids = sample_store.search_ids(request)
    assert len(ids) == sample_store.search(request).total == 3
    facets = sample_store.facets(request)
    # Facet counts are those of the qualified request: 3 actions of 2019 with Parentalité.
    assert {fv.value: fv.count for fv in facets["keywords"]}["Parentalité"] == 3


def test_store_structure_and_status_qualifiers(sample_store):
    structure = sample_store.get(sample_store.search_ids(SearchRequest("velo"))[0]).data.structure
    found = titles(sample_store, f'structure:"{structure.lower()}"')
    assert "TOUS A VELO !" in found
    assert titles(sample_store, "statut:termine") == titles(sample_store, "statut:Terminée")


def test_cached_vocabulary_remembers_resolutions_until_it_expires():
    calls = []

    def counting(kind):
        calls.append(kind)
        return VOCAB[kind]

    cached = CachedVocabulary(counting, ttl=0)  # expires at once: always asks again
    assert cached.resolve("department", "drome") == "Drôme"
    assert cached.resolve("department", "drome") == "Drôme"
    assert calls == ["department", "department"]
    vocab = dict(VOCAB, department=["Drôme", "Drome-Nord"])
    moving = CachedVocabulary(lambda kind: vocab[kind], ttl=0)
    assert moving.resolve("department", "drome") == "Drôme"
    vocab["department"] = ["Drôme-Provençale"]
    assert moving.resolve("department", "drome") == "Drôme-Provençale"
