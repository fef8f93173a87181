"""Search service on the real sample: accents, prefixes, query language, facets, sorting."""

from __future__ import annotations

import pytest

from centres_app.db.query import parse_query
from centres_app.domain import FACETS, Filters, SearchRequest

# Searches only: on PostgreSQL the module shares one read-only copy of the sample.
pytestmark = pytest.mark.reads_only


def titles(store, text="", **kw):
    return [r.title for r in store.search(SearchRequest(text=text, **kw)).rows]


def test_empty_query_lists_everything_sorted_by_title(sample_store):
    result = sample_store.search(SearchRequest())
    assert result.total == 18
    assert [r.title for r in result.rows][:2] == [
        '"Accueillir la différence" Favoriser l\'accueil des enfants en situation de '
        "handicap en milieu ordinaire",
        '"LES SOURCES DU CHARRAN", LA NATURE EN VILLE AVEC LES HABITANTS',
    ]


def test_reveillon_finds_exactly_the_two_reveillon_actions(sample_store):
    found = titles(sample_store, "reveillon", prefix_last=False)
    assert sorted(found) == ["Réveillon Solidaire", "Réveillon de l'Amitié"]


def test_case_and_accents_do_not_matter(sample_store):
    upper = titles(sample_store, "VELO", prefix_last=False)
    accented = titles(sample_store, "vélo", prefix_last=False)
    assert upper == accented
    assert "TOUS A VELO !" in upper
    assert "Mobilité des personnes et entraide" in upper


def test_prefix_while_typing_narrows(sample_store):
    counts = [sample_store.search(SearchRequest(t)).total for t in ("é", "éd", "édu", "éduc")]
    assert counts[0] >= counts[1] >= counts[2] >= counts[3] > 0
    assert "Actif'études / CLAS" in titles(sample_store, "educ")


def test_title_matches_rank_first(sample_store):
    found = titles(sample_store, "jouets", prefix_last=False)
    assert found[0] == "Bourse aux jouets"


def test_words_are_anded_and_minus_excludes(sample_store):
    both = set(titles(sample_store, "reveillon solidaire", prefix_last=False))
    assert both == {"Réveillon Solidaire", "Réveillon de l'Amitié"} or both == {
        "Réveillon Solidaire"
    }
    assert "Réveillon Solidaire" in both
    minus = titles(sample_store, "reveillon -amitie", prefix_last=False)
    assert "Réveillon de l'Amitié" not in minus
    assert "Réveillon Solidaire" in minus


def test_phrase_matches_adjacent_words_only(sample_store):
    phrase = titles(sample_store, '"transport partagé"', prefix_last=False)
    assert phrase == ["Mise en place d'un transport partagé : le Royans Express"]


@pytest.mark.parametrize(
    "text",
    [
        '"',
        "'",
        "*",
        ":",
        "(",
        "AND",
        "NEAR(",
        "OR",
        "après-midi",
        "l'atelier",
        "CAF:",
        "100%",
        '"unbalanced phrase',
        "-",
        "--",
        "a AND (b OR c) NOT d*",
        "title:x",
        "^x",
        "\x00",
        "é" * 300,
        '""""',
    ],
)
def test_hostile_queries_never_fail(sample_store, text):
    result = sample_store.search(SearchRequest(text))
    assert 0 <= result.total <= 18


def test_compound_words_search_as_a_phrase(sample_store):
    # "après-midi" must not become FTS5 column syntax; it finds nothing here, quietly.
    assert parse_query("après-midi").include[0].words == ("apres", "midi")
    assert titles(sample_store, "l'atelier", prefix_last=False)


def test_stop_words_are_ignored_unless_alone(sample_store):
    assert parse_query("la main").ignored == ("la",)
    assert sample_store.search(SearchRequest("de", prefix_last=False)).total > 0


# Themes exist only on the older experience pages, which the Drôme listing does not hold: the
# same check for them runs on a store holding both forms (tests/db/test_experiences.py).
@pytest.mark.parametrize("facet", [f for f in FACETS if f != "themes"])
def test_each_facet_count_equals_rows_of_that_filter(sample_store, facet):
    base = SearchRequest("")
    counts = sample_store.search(base).facets[facet]
    assert counts, facet
    for fv in counts:
        value = int(fv.value) if facet == "year" else fv.value
        filtered = SearchRequest("", Filters().with_values(facet, frozenset({value})))
        assert sample_store.search(filtered).total == fv.count, (facet, fv)


def test_facet_counts_follow_the_text_query(sample_store):
    request = SearchRequest("velo", prefix_last=False)
    result = sample_store.search(request)
    assert sum(fv.count for fv in result.facets["status"]) == result.total
    for fv in result.facets["keywords"]:
        filtered = SearchRequest("velo", Filters(keywords=frozenset({fv.value})), prefix_last=False)
        assert sample_store.search(filtered).total == fv.count


def test_and_across_facets_or_within(sample_store):
    caf = sample_store.search(SearchRequest("", Filters(partners=frozenset({"Caf"})))).total
    commune = sample_store.search(SearchRequest("", Filters(partners=frozenset({"Commune"})))).total
    either = sample_store.search(
        SearchRequest("", Filters(partners=frozenset({"Caf", "Commune"})))
    ).total
    both_facets = sample_store.search(
        SearchRequest("", Filters(partners=frozenset({"Caf"}), keywords=frozenset({"Parentalité"})))
    ).total
    assert max(caf, commune) <= either <= caf + commune
    assert both_facets <= caf
    # Actif'études / CLAS, Animations Hors les murs, Renouvellement du projet social
    assert both_facets == 3


def test_year_range_filter(sample_store):
    result = sample_store.search(SearchRequest("", Filters(year_min=2019, year_max=2020)))
    assert result.total == 7
    assert all(2019 <= r.year <= 2020 for r in result.rows)


def test_sort_by_year_descending_and_by_dimension(sample_store):
    rows = sample_store.search(SearchRequest(sort="year", descending=True)).rows
    assert [r.year for r in rows] == sorted((r.year for r in rows), reverse=True)
    rows = sample_store.search(SearchRequest(sort="dimension")).rows
    assert rows[0].dimension == ""  # Bourse aux jouets has no dimension
    assert rows[0].title == "Bourse aux jouets"


def test_offset_and_limit_page_through_the_same_order(sample_store):
    full = [r.id for r in sample_store.search(SearchRequest()).rows]
    page = [r.id for r in sample_store.search(SearchRequest(), offset=5, limit=4).rows]
    assert page == full[5:9]
    assert sample_store.search(SearchRequest(), offset=5, limit=4).total == 18


def test_a_one_letter_last_word_waits_for_the_second_letter(sample_store):
    """`v` alone shows every action (a 1-letter prefix is not searched: db/query.py), `ve`
    narrows; before it, the other words still count."""
    everything = sample_store.search(SearchRequest("")).total
    assert sample_store.search(SearchRequest("v")).total == everything
    assert 0 < sample_store.search(SearchRequest("ve")).total < everything
    assert titles(sample_store, "reveillon s") == titles(sample_store, "reveillon ")
    assert sample_store.search(SearchRequest("v ", prefix_last=True)).total < everything
