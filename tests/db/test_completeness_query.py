"""Store.completeness (flags computed in SQL) agrees with completeness() of the loaded action."""

from __future__ import annotations

from centres_app.completeness import completeness
from centres_app.domain import ActionData, SearchRequest


def test_store_completeness_equals_the_python_rule_on_every_sample_action(sample_store):
    ids = sample_store.search_ids(SearchRequest())
    found = sample_store.completeness(ids)
    assert sorted(found) == sorted(ids)
    for detail in sample_store.details(ids):
        assert found[detail.id] == completeness(detail.data), detail.data.title


def test_store_completeness_of_blank_and_missing_actions(sample_store):
    created = sample_store.create(
        ActionData(
            title="Presque vide",
            department="Drôme",
            year=2024,
            structure="Centre",
            summary="   ",
            initiative_detail="La mairie",
            keywords=("Solidarité",),
        )
    )
    found = sample_store.completeness([created.id, 999_999])
    assert list(found) == [created.id]
    c = found[created.id]
    assert "summary" in c.missing  # spaces only
    assert "initiative" not in c.missing  # answered by the detail
    assert "keywords" not in c.missing
    assert c == completeness(sample_store.get(created.id).data)
    assert sample_store.completeness([]) == {}
