"""Things computed once (issue 15): a record is validated once per save and per imported
action, qualifiers are applied by the search service alone, filters have one JSON form."""

from __future__ import annotations

import json

import pytest

from centres_app import domain
from centres_app.db import action_service, import_checks, search_service
from centres_app.db.store import Store
from centres_app.domain import (
    ActionData,
    Filters,
    SearchRequest,
    filters_from_json,
    filters_to_json,
    request_from_json,
    request_to_json,
)
from centres_app.errors import ValidationFailed
from centres_app.exchange import senacs_reader
from centres_app.exchange.loader import read_import_file


def _counting(monkeypatch, module) -> list[int]:
    calls: list[int] = []
    original = domain.validate

    def counted(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, "validate", counted)
    return calls


def test_a_senacs_record_is_validated_by_its_reader_only(
    monkeypatch, tmp_path, sample_path, sample_actions
):
    by_reader = _counting(monkeypatch, senacs_reader)
    by_checks = _counting(monkeypatch, import_checks)
    file = read_import_file(sample_path)
    assert file.validated
    store = Store.open(tmp_path / "s.db")
    try:
        report = store.import_files([file])[0]
    finally:
        store.close()
    assert report.created == len(sample_actions)
    assert len(by_reader) == len(sample_actions)
    assert by_checks == []


def test_records_of_other_readers_are_validated_by_the_import_checks(monkeypatch, tmp_path):
    by_checks = _counting(monkeypatch, import_checks)
    store = Store.open(tmp_path / "s.db")
    try:
        data = ActionData(title="Atelier", structure="CS", department="26", year=2020)
        store.import_actions([data, data.replace(title="Autre")], "liste")
        with pytest.raises(ValidationFailed):
            store.import_actions([ActionData(title="", year=2020)], "liste")
    finally:
        store.close()
    assert len(by_checks) == 3


def test_a_save_is_validated_once_by_the_store(monkeypatch, tmp_path):
    calls = _counting(monkeypatch, action_service)
    store = Store.open(tmp_path / "s.db")
    try:
        data = ActionData(
            title="Atelier", structure="CS", department="26", year=2020, status="En cours"
        )
        saved = store.create(data)
        store.update(saved.id, saved.version, data.replace(summary="Un résumé"))
        with pytest.raises(ValidationFailed) as refused:
            store.create(data.replace(title=""))
    finally:
        store.close()
    assert ("title", "required") in refused.value.errors
    assert len(calls) == 3


def test_qualifiers_are_applied_by_the_search_service_alone(monkeypatch, tmp_path):
    applied: list[str] = []
    original = search_service.apply_qualifiers

    def counted(request, vocabulary):  # noqa: ANN001, ANN202
        applied.append(request.text)
        return original(request, vocabulary)

    monkeypatch.setattr(search_service, "apply_qualifiers", counted)
    store = Store.open(tmp_path / "s.db")
    try:
        store.create(
            ActionData(
                title="Vélo", structure="CS", department="Drôme", year=2020, status="En cours"
            )
        )
        request = SearchRequest(text="dep:drome vélo")
        qualified = store.qualified(request)
        assert qualified.text == "vélo"
        assert qualified.filters.department == frozenset({"Drôme"})
        assert store.search(request).total == 1
    finally:
        store.close()
    assert applied == ["dep:drome vélo", "dep:drome vélo"]


def test_filters_have_one_json_form():
    filters = Filters(keywords=frozenset({"Éducation", "art"}), year_min=2019, year_max=2022)
    request = SearchRequest(text="jardin", filters=filters, sort="year", descending=True)
    saved = json.loads(request_to_json(request))
    assert saved["filters"] == json.loads(filters_to_json(filters))
    assert request_from_json(request_to_json(request)) == request
    assert filters_from_json(filters_to_json(filters)) == filters


def test_filters_remembered_by_an_older_version_still_read():
    # The former settings writer: every facet but the year, values sorted by str(), then the
    # year bounds; empty entries left out.
    older = json.dumps({"keywords": ["art", "Éducation"], "year_min": 2019}, ensure_ascii=False)
    assert filters_from_json(older) == Filters(
        keywords=frozenset({"art", "Éducation"}), year_min=2019
    )
    assert filters_from_json("") == Filters()
