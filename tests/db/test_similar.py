"""Similar actions on the real sample: stored actions and an action being typed."""

from __future__ import annotations

import pytest

from centres_app.domain import ActionData, SearchRequest
from centres_app.errors import NotFound


def ids_by_title(store) -> dict[str, int]:
    ids = store.search_ids(SearchRequest())
    return {row.title: row.id for row in store.rows(ids)}


@pytest.fixture
def titles(sample_store):
    return ids_by_title(sample_store)


def test_the_two_reveillons_are_each_others_top_match(sample_store, titles):
    amitie = titles["Réveillon de l'Amitié"]
    solidaire = titles["Réveillon Solidaire"]
    assert sample_store.similar(amitie)[0].id == solidaire
    assert sample_store.similar(solidaire)[0].id == amitie
    top = sample_store.similar(amitie)[0]
    assert top.title == "Réveillon Solidaire"
    assert "Réveillon" in top.reason


def test_velo_and_mobilite_are_in_each_others_top_three(sample_store, titles):
    velo = titles["TOUS A VELO !"]
    mobilite = titles["Mobilité des personnes et entraide"]
    assert mobilite in [s.id for s in sample_store.similar(velo)[:3]]
    assert velo in [s.id for s in sample_store.similar(mobilite)[:3]]


def test_the_reason_names_the_shared_keywords(sample_store, titles):
    found = sample_store.similar(titles["TOUS A VELO !"])
    mobilite = next(s for s in found if s.title == "Mobilité des personnes et entraide")
    assert mobilite.reason.startswith("mêmes mots-clés : ")
    for keyword in ("Solidarité", "mobilité / transport", "développement durable"):
        assert keyword in mobilite.reason
    assert 0 < mobilite.score <= 1


def test_no_action_lists_itself_and_results_are_ordered(sample_store, titles):
    for title, action_id in titles.items():
        found = sample_store.similar(action_id, limit=10)
        assert action_id not in [s.id for s in found], title
        assert len({s.id for s in found}) == len(found)
        scores = [s.score for s in found]
        assert scores == sorted(scores, reverse=True)
        assert all(s.reason for s in found)
        assert len(found) <= 10


def test_limit_and_fields(sample_store, titles):
    found = sample_store.similar(titles["Sortie famille"], limit=5)
    assert len(found) == 5
    first = found[0]
    assert (first.department, first.title) == (
        "Drôme",
        sample_store.get(first.id).data.title,
    )
    assert first.year == sample_store.get(first.id).data.year


def test_an_unsaved_action_being_typed(sample_store, titles):
    # Typing the title only already finds the matching actions...
    typed = ActionData(title="Atelier vélo")
    found = sample_store.similar(data=typed)
    assert found[0].id in (titles["TOUS A VELO !"], titles["Mobilité des personnes et entraide"])
    # ...and the keywords refine it.
    typed = typed.replace(
        summary="Réparer des vélos avec les jeunes du quartier",
        keywords=("mobilité / transport", "Solidarité"),
        public=("Jeunesse",),
    )
    found = sample_store.similar(data=typed)
    assert found[0].id == titles["TOUS A VELO !"]
    assert "même public : Jeunesse" in found[0].reason


def test_editing_a_stored_action_excludes_it(sample_store, titles):
    velo = titles["TOUS A VELO !"]
    data = sample_store.get(velo).data
    found = sample_store.similar(velo, data=data)
    assert velo not in [s.id for s in found]
    # The same text as an unsaved action finds the stored original first.
    assert sample_store.similar(data=data)[0].id == velo


def test_nothing_to_compare_gives_nothing(sample_store):
    assert sample_store.similar(data=ActionData()) == []
    assert sample_store.similar(data=ActionData(title="de la")) == []
    # Hostile text is plain words for FTS5, never an error.
    assert isinstance(
        sample_store.similar(data=ActionData(title='NEAR( "x* -y OR après-midi CAF: 100%')),
        list,
    )


def test_unknown_action_is_not_found(sample_store):
    with pytest.raises(NotFound):
        sample_store.similar(999_999)
    with pytest.raises(ValueError):
        sample_store.similar()


def test_a_new_action_is_found_by_its_neighbours(sample_store, titles):
    created = sample_store.create(
        ActionData(
            title="Réveillon du quartier",
            department="Drôme",
            year=2021,
            structure="Centre social test",
            summary="Un réveillon solidaire pour les personnes isolées.",
            keywords=("Solidarité",),
            dimension="Accompagnement de projets",
        )
    )
    found = sample_store.similar(titles["Réveillon Solidaire"], limit=3)
    assert created.id in [s.id for s in found]
    sample_store.delete(created.id)
    found = sample_store.similar(titles["Réveillon Solidaire"], limit=10)
    assert created.id not in [s.id for s in found]


def test_empty_store(store):
    assert store.similar(data=ActionData(title="Atelier vélo", keywords=("Solidarité",))) == []


def test_answers_kept_between_calls_equal_a_fresh_search(sample_store, titles):
    """While the store does not change, candidates and their features read by earlier calls
    are reused: the answers are those of a finder without any cache."""
    from centres_app.db.similar import find_similar

    typed = ActionData(title="Atelier", summary="")
    words = ["vélo", "réparation", "jeunes", "quartier", "solidaire", "mobilité", "familles"]
    for i in range(len(words)):
        typed = typed.replace(summary=" ".join(words[: i + 1]), keywords=("Solidarité",))
        with sample_store.reading() as s:
            fresh = find_similar(s, typed)
        assert sample_store.similar(data=typed) == fresh
    for action_id in list(titles.values())[:10]:
        with sample_store.reading() as s:
            from centres_app.db.similar import load_features

            fresh = find_similar(s, load_features(s, action_id), exclude_id=action_id)
        assert sample_store.similar(action_id) == fresh


def test_a_write_is_seen_by_the_next_similar_call(sample_store, titles):
    """The kept candidates hold for one state of the store: a changed title is read again."""
    target = titles["Réveillon Solidaire"]
    neighbour = sample_store.similar(target, limit=1)[0]
    detail = sample_store.get(neighbour.id)
    sample_store.update(
        neighbour.id, detail.version, detail.data.replace(title="Réveillon renommé solidaire")
    )
    found = {s.id: s.title for s in sample_store.similar(target, limit=10)}
    assert found.get(neighbour.id) == "Réveillon renommé solidaire"
