"""Vocabularies that stay clean (issue 16): a value renamed, or merged into another, in every
action holding it, in one transaction, each action's previous version kept in its history."""

from __future__ import annotations

import pytest

from centres_app.domain import Filters, SearchRequest
from centres_app.errors import AppError


def _holding(store, kind: str, value: str) -> list[int]:
    return store.search_ids(SearchRequest(filters=Filters(**{kind: frozenset({value})})))


def _counts(store, kind: str) -> dict[str, int]:
    return {v.name: v.count for v in store.vocabulary_counts(kind)}


def test_counts_match_the_facets(sample_store):
    counts = _counts(sample_store, "keywords")
    assert counts["Parentalité"] == len(_holding(sample_store, "keywords", "Parentalité"))
    assert sum(_counts(sample_store, "department").values()) == sample_store.count()


def test_a_typo_is_renamed_everywhere_and_kept_in_the_history(sample_store):
    ids = _holding(sample_store, "keywords", "Parentalité")
    versions = {i: sample_store.get(i).version for i in ids}
    assert sample_store.rename_value("keywords", "Parentalité", "Soutien à la parentalité") == len(
        ids
    )
    assert "Parentalité" not in sample_store.vocabulary("keywords")
    assert _holding(sample_store, "keywords", "Soutien à la parentalité") == ids
    for action_id in ids:
        detail = sample_store.get(action_id)
        assert "Soutien à la parentalité" in detail.data.keywords
        assert detail.version == versions[action_id] + 1
        previous = max(sample_store.history(action_id), key=lambda r: r.version)
        assert previous.version == versions[action_id]
        assert "Parentalité" in previous.data.keywords
    # The words of the new name are searchable, those of the old one no more by this term.
    assert set(ids) <= set(sample_store.search_ids(SearchRequest("soutien", prefix_last=False)))


def test_merging_into_an_existing_value_keeps_one_of_each(sample_store):
    partners = _counts(sample_store, "partners")
    a, b = sorted(partners, key=partners.get, reverse=True)[:2]
    both = set(_holding(sample_store, "partners", a)) & set(_holding(sample_store, "partners", b))
    union = set(_holding(sample_store, "partners", a)) | set(_holding(sample_store, "partners", b))
    sample_store.rename_value("partners", b, a)
    assert b not in _counts(sample_store, "partners")
    assert set(_holding(sample_store, "partners", a)) == union
    for action_id in both:
        values = sample_store.get(action_id).data.partners
        assert values.count(a) == 1


def test_a_department_is_renamed_in_its_column(sample_store):
    count = _counts(sample_store, "department")["Drôme"]
    assert sample_store.rename_value("department", "Drôme", "Drome (26)") == count
    assert _counts(sample_store, "department") == {"Drome (26)": count}


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("Parentalité", "  ", "vide"),
        ("Parentalité", "x" * 1001, "trop long"),
        ("Parentalité", "a\x07b", "caractère de contrôle"),
        ("Inconnu", "Autre", "Aucune action"),
    ],
)
def test_refusals_change_nothing(sample_store, old, new, message):
    before = {i: sample_store.get(i).version for i in sample_store.search_ids(SearchRequest())}
    with pytest.raises(AppError, match=message):
        sample_store.rename_value("keywords", old, new)
    after = {i: sample_store.get(i).version for i in sample_store.search_ids(SearchRequest())}
    assert after == before
