"""The in-memory search index gives the same answers as the SQL path, and follows writes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from centres_app.db import memindex
from centres_app.db.search import Searcher
from centres_app.db.store import Store
from centres_app.domain import FACETS, SORT_KEYS, ActionData, Filters, SearchRequest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate_actions  # noqa: E402

TEXTS = ["", "é", "éd", "educ", "reveillon", "parents", "repas partagé", "velo -tous", '"la main"']
FILTERS = [
    Filters(),
    Filters(partners=frozenset({"Caf", "Commune"})),
    Filters(year_min=2016, year_max=2019, keywords=frozenset({"Parentalité"})),
    Filters(
        department=frozenset({"Drôme", "Nord"}),
        status=frozenset({"En cours"}),
        public=frozenset({"familles"}),
    ),
    Filters(dimension=frozenset({"Services"}), territory=frozenset({"Un quartier"})),
    Filters(year=frozenset({2016, 2020})),
]


def sql_ids(store: Store, request: SearchRequest) -> list[int]:
    with store.reading() as session:
        return Searcher(session).ids(request)


def sql_facets(store: Store, request: SearchRequest):
    with store.reading() as session:
        return Searcher(session).facets(request)


def assert_same_as_sql(store: Store) -> None:
    assert store._snapshot() is not None, "the in-memory index should answer"
    for text in TEXTS:
        for filters in FILTERS:
            request = SearchRequest(text, filters)
            assert store.search_ids(request) == sql_ids(store, request), (text, filters)
            assert store.facets(request) == sql_facets(store, request), (text, filters)
    for sort in SORT_KEYS:
        for descending in (False, True):
            request = SearchRequest("", sort=sort, descending=descending)
            ids = store.search_ids(request)
            assert ids == sql_ids(store, request), (sort, descending)
            assert [r.id for r in store.rows(ids)] == ids
            with store.reading() as session:
                assert store.rows(ids[:30]) == Searcher(session).rows(ids[:30])


def test_sample_answers_equal_the_sql_path(sample_store):
    assert_same_as_sql(sample_store)


@pytest.fixture(scope="module")
def generated_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("generated") / "gen.db"
    store = Store.open(path)
    store.import_actions(generate_actions(400, seed=7), "generated")
    store.close()
    return path


def test_generated_answers_equal_the_sql_path(generated_db):
    store = Store.open(generated_db)
    try:
        assert store.count() == 400
        assert_same_as_sql(store)
    finally:
        store.close()


def test_broad_queries_rank_title_matches_first(generated_db, monkeypatch):
    monkeypatch.setattr(memindex, "RANK_LIMIT", 10)
    store = Store.open(generated_db)
    try:
        request = SearchRequest("parents")
        ids = store.search_ids(request)
        assert sorted(ids) == sorted(sql_ids(store, request))
        assert len(ids) > 10
        titled = [("parents" in r.title.lower()) for r in store.rows(ids)]
        # Every title match comes before every other match.
        assert titled == sorted(titled, reverse=True)
        assert any(titled) and not all(titled)
    finally:
        store.close()


def test_a_write_from_another_store_is_seen(sample_db):
    reader = Store.open(sample_db)
    writer = Store.open(sample_db)
    try:
        request = SearchRequest("zygomatique", prefix_last=False)
        assert reader.search_ids(request) == []
        before = reader.facets(SearchRequest())
        created = writer.create(
            ActionData(
                title="Atelier zygomatique",
                structure="CS Nouveau",
                department="Ardèche",
                year=2021,
                keywords=("Culture",),
            )
        )
        assert reader.search_ids(request) == [created.id]
        assert reader.rows([created.id])[0].title == "Atelier zygomatique"
        after = reader.facets(SearchRequest())
        assert ("Ardèche", 1) in [(f.value, f.count) for f in after["department"]]
        assert after != before
        writer.delete(created.id)
        assert reader.search_ids(request) == []
        assert reader.rows([created.id]) == []
        assert set(after) == set(FACETS)
    finally:
        reader.close()
        writer.close()


def test_a_big_store_answers_with_sql_until_the_index_is_built(generated_db, monkeypatch):
    monkeypatch.setattr(memindex.MemorySearch, "SYNC_LIMIT", 10)
    store = Store.open(generated_db)
    try:
        request = SearchRequest("educ", Filters(keywords=frozenset({"Culture"})))
        first = store.search_ids(request)  # answered by SQL while the index builds
        assert first == sql_ids(store, request)
        assert store._memory.wait() is not None
        assert store._snapshot() is not None
        assert store.search_ids(request) == first
    finally:
        store.close()
