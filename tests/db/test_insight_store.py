"""Store support of the insight window: completeness sort (SQL) and financial texts (issue 9)."""

from __future__ import annotations

from decimal import Decimal

from centres_app.amounts import total_of
from centres_app.domain import Filters, SearchRequest


def test_sort_by_completeness_orders_by_the_score(sample_store):
    ids = sample_store.search_ids(SearchRequest(sort="completeness"))
    assert sorted(ids) == sorted(sample_store.search_ids(SearchRequest()))
    scores = sample_store.completeness(ids)
    ascending = [scores[i].filled for i in ids]
    assert ascending == sorted(ascending)
    assert ascending[0] < ascending[-1]  # the sample is not uniform: the sort can fail
    desc = sample_store.search_ids(SearchRequest(sort="completeness", descending=True))
    assert [scores[i].filled for i in desc] == sorted(ascending, reverse=True)


def test_sort_by_completeness_keeps_the_filters(sample_store):
    request = SearchRequest(filters=Filters(department=frozenset({"Drôme"})), sort="completeness")
    assert set(sample_store.search_ids(request)) == set(
        sample_store.search_ids(SearchRequest(filters=request.filters))
    )


def test_financial_texts_of_the_sample_total(sample_store):
    texts = sample_store.financial_texts(SearchRequest())
    total, counted = total_of(texts)
    assert (total, counted) == (Decimal("141374.68"), 13)


def test_financial_texts_follow_the_search(sample_store):
    everything = sample_store.financial_texts(SearchRequest())
    some = sample_store.financial_texts(SearchRequest(text="vélo"))
    assert 0 < len(some) < len(everything)
