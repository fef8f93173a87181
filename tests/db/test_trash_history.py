"""Nothing deleted for good by mistake: the trash and the history of previous versions."""

from __future__ import annotations

from centres_app.domain import ActionData, SearchRequest


def _bourse_id(store) -> int:
    return store.search_ids(SearchRequest('"Bourse aux jouets"', prefix_last=False))[0]


def test_deleted_action_goes_to_trash_and_comes_back_with_its_id(sample_store):
    action_id = _bourse_id(sample_store)
    before = sample_store.get(action_id)
    sample_store.delete(action_id)
    assert sample_store.count() == 17
    assert not sample_store.search_ids(SearchRequest("jouets", prefix_last=False))
    (entry,) = sample_store.trash()
    assert (entry.action_id, entry.title) == (action_id, "Bourse aux jouets")
    restored = sample_store.restore_deleted(action_id)
    assert restored.id == action_id
    assert restored.data == before.data
    assert restored.version > before.version
    assert sample_store.search_ids(SearchRequest("jouets", prefix_last=False)) == [action_id]
    assert sample_store.trash() == []


def test_each_save_keeps_the_previous_version(sample_store):
    action_id = _bourse_id(sample_store)
    v1 = sample_store.get(action_id)
    v2 = sample_store.update(action_id, v1.version, v1.data.replace(summary="Deuxième"))
    v3 = sample_store.update(action_id, v2.version, v2.data.replace(summary="Troisième"))
    history = sample_store.history(action_id)
    assert [r.version for r in history] == [v2.version, v1.version]
    assert history[0].data.summary == "Deuxième"
    assert history[1].data == v1.data
    # Saving without a change does not make a new version.
    same = sample_store.update(action_id, v3.version, v3.data)
    assert same.version == v3.version
    back = sample_store.restore_revision(action_id, v1.version, v3.version)
    assert back.data == v1.data and back.version == v3.version + 1
    assert len(sample_store.history(action_id)) == 3


def test_history_travels_through_the_trash_even_if_the_id_is_reused(store):
    first = store.create(ActionData(title="Dernière", structure="CS", department="Ain", year=2020))
    store.update(first.id, first.version, first.data.replace(summary="modifiée"))
    store.delete(first.id)
    # SQLite may give the freed id to the next new action.
    newcomer = store.create(ActionData(title="Autre", structure="CS", department="Ain", year=2021))
    assert store.history(newcomer.id) == []
    restored = store.restore_deleted(first.id)
    assert restored.data.summary == "modifiée"
    assert [r.data.summary for r in store.history(restored.id)] == [""]
    assert store.get(newcomer.id).data.title == "Autre"


def test_empty_trash_deletes_for_good(sample_store):
    ids = sample_store.search_ids(SearchRequest())[:3]
    for action_id in ids:
        sample_store.delete(action_id)
    entries = sample_store.trash()
    assert len(entries) == 3
    assert sample_store.empty_trash([entries[0].id]) == 1
    assert len(sample_store.trash()) == 2
    assert sample_store.empty_trash() == 2
    assert sample_store.trash() == []
    assert sample_store.count() == 15


def test_a_version_set_aside_by_a_sync_is_never_trimmed(store):
    """Issue 19: the history keeps REVISIONS_KEPT versions, trimming the lowest numbers first;
    a conflict's version (marked by a sync, the user has not chosen yet) stays whatever the
    number of later saves."""
    from sqlalchemy import update

    from centres_app.db.history import REVISIONS_KEPT
    from centres_app.db.models import ActionRevision

    detail = store.create(ActionData(title="T", department="Drôme", year=2024, structure="CS"))
    detail = store.update(detail.id, detail.version, detail.data.replace(summary="mise de côté"))
    with store.writing(set()) as s:  # what a sync does to the version it sets aside
        s.execute(
            update(ActionRevision)
            .where(ActionRevision.action_id == detail.id, ActionRevision.version == 1)
            .values(conflict=True)
        )
    for n in range(REVISIONS_KEPT + 5):
        detail = store.update(detail.id, detail.version, detail.data.replace(summary=f"n° {n}"))
    history = store.history(detail.id)
    assert [r.version for r in history if r.conflict] == [1]
    assert len([r for r in history if not r.conflict]) == REVISIONS_KEPT
    assert [c.kept_version for c in store.sync_conflicts()] == [1]
