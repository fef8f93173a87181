"""Saved searches in the store (migration 0003) and the JSON form of a search request."""

from __future__ import annotations

import json

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text

from centres_app.db.engine import current_revision, head_revision, migrate
from centres_app.db.models import Base
from centres_app.db.store import Store
from centres_app.domain import Filters, SearchRequest, request_from_dict, request_to_dict
from centres_app.errors import Conflict, NotFound, ValidationFailed

REQUEST = SearchRequest(
    text="vélo",
    filters=Filters(
        department=frozenset({"Drôme", "Ardèche"}),
        year=frozenset({2019, 2020}),
        year_min=2016,
        year_max=2022,
        keywords=frozenset({"Solidarité", "mobilité / transport"}),
        public=frozenset({"Jeunesse"}),
    ),
    sort="year",
    descending=True,
)


def test_request_round_trips_through_json():
    data = request_to_dict(REQUEST)
    assert data["filters"]["department"] == ["Ardèche", "Drôme"]
    assert data["filters"]["year"] == [2019, 2020]
    assert "structure" not in data["filters"]
    assert request_from_dict(json.loads(json.dumps(data))) == REQUEST
    assert request_from_dict(request_to_dict(SearchRequest())) == SearchRequest()


def test_request_from_dict_tolerates_unknown_and_refuses_wrong_types():
    newer = {"text": "x", "filters": {"keywords": ["A"], "colour": ["red"]}, "page": 3}
    assert request_from_dict(newer) == SearchRequest("x", Filters(keywords=frozenset({"A"})))
    assert request_from_dict({"sort": "nonsense"}).sort == "relevance"
    for bad in (
        [],
        {"filters": []},
        {"filters": {"year": ["2019"]}},
        {"filters": {"department": "Drôme"}},
        {"filters": {"year_min": "2019"}},
        {"text": 3},
    ):
        with pytest.raises(ValueError):
            request_from_dict(bad)


def test_save_list_rename_delete(sample_store):
    assert sample_store.saved_searches() == []
    velo = sample_store.save_search("  Vélo   en Drôme ", REQUEST)
    assert velo.name == "Vélo en Drôme"
    assert velo.request == REQUEST
    other = sample_store.save_search("autres", SearchRequest("reveillon"))
    assert [s.name for s in sample_store.saved_searches()] == ["autres", "Vélo en Drôme"]

    renamed = sample_store.rename_search(velo.id, "Mobilité")
    assert (renamed.id, renamed.name, renamed.request) == (velo.id, "Mobilité", REQUEST)
    with pytest.raises(Conflict):
        sample_store.rename_search(velo.id, "autres")
    assert sample_store.rename_search(velo.id, "Mobilité").name == "Mobilité"

    sample_store.delete_search(other.id)
    assert [s.name for s in sample_store.saved_searches()] == ["Mobilité"]
    with pytest.raises(NotFound):
        sample_store.delete_search(other.id)
    with pytest.raises(NotFound):
        sample_store.rename_search(other.id, "x")


def test_same_name_replaces(sample_store):
    first = sample_store.save_search("Ma recherche", SearchRequest("vélo"))
    second = sample_store.save_search("Ma recherche", REQUEST)
    assert second.id == first.id
    assert second.created_at == first.created_at
    assert second.updated_at >= first.updated_at
    (only,) = sample_store.saved_searches()
    assert only.request == REQUEST


@pytest.mark.parametrize("name", ["", "   ", "x" * 201])
def test_names_are_validated_in_french(sample_store, name):
    with pytest.raises(ValidationFailed) as info:
        sample_store.save_search(name, REQUEST)
    assert "recherche" in str(info.value)


def test_saved_searches_survive_reopening_the_store(sample_db):
    store = Store.open(sample_db)
    store.save_search("Vélo en Drôme", REQUEST)
    store.save_search("Qualifiée", SearchRequest("dep:Drôme mot:mobilité"))
    store.close()

    reopened = Store.open(sample_db)
    try:
        saved = {s.name: s for s in reopened.saved_searches()}
        assert saved["Vélo en Drôme"].request == REQUEST
        # Running a saved search gives the same result as running the request itself.
        qualified = saved["Qualifiée"].request
        assert qualified.text == "dep:Drôme mot:mobilité"
        assert {r.title for r in reopened.search(qualified).rows} == {
            "Mobilité des personnes et entraide",
            "TOUS A VELO !",
            "Mise en place d'un transport partagé : le Royans Express",
        }
    finally:
        reopened.close()


def test_a_damaged_entry_still_lists_and_can_be_deleted(sample_store):
    saved = sample_store.save_search("abîmée", REQUEST)
    with sample_store.writing() as s:
        s.execute(
            text("UPDATE saved_search SET request = 'not json' WHERE id = :id"), {"id": saved.id}
        )
    (listed,) = sample_store.saved_searches()
    assert listed.request == SearchRequest()
    sample_store.delete_search(saved.id)
    assert sample_store.saved_searches() == []


def test_migration_0003_matches_the_model_and_upgrades_an_0002_database(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    migrate(engine, "0002")
    assert current_revision(engine) == "0002"
    migrate(engine)
    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert [d for d in diff if "saved_search" in repr(d)] == []
    engine.dispose()
