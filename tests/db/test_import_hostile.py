"""Issue 14 on both backends: texts SQLite would store and PostgreSQL refuse (NUL, lone
surrogates) are refused the same way before any write, located; the editor's path too; every
text is stored in NFC, so a decomposed record is the same action as the composed one."""

from __future__ import annotations

import unicodedata

import pytest

from centres_app.domain import ActionData, ImportFile, SearchRequest
from centres_app.errors import ValidationFailed

pytestmark = pytest.mark.timeout(120)


def _action(**changes) -> ActionData:
    base = {"title": "Café des parents", "structure": "CS Élan", "department": "Drôme"}
    base.update(changes)
    return ActionData(year=2020, status="En cours", **base)


def _all(store) -> list:
    ids = store.search_ids(SearchRequest(sort="title"))
    return [(d.id, d.version, d.data) for d in store.details(ids)]


@pytest.mark.parametrize(
    "changes",
    [
        {"title": "Nul\x00"},
        {"title": "demi \ud800"},
        {"summary": "échappement \x1b[2J"},
        {"keywords": ("ok", "mot\x00")},
        {"structure": "CS \x7f"},
    ],
)
def test_forbidden_characters_refused_located_and_nothing_written(store, changes):
    store.import_files([ImportFile("f.json", [(1, _action(title="Avant")), (7, _action())])])
    before = _all(store)
    bad = _action(title="Autre", **changes) if "title" not in changes else _action(**changes)
    with pytest.raises(ValidationFailed) as caught:
        store.import_files([ImportFile("g.json", [(2, _action(title="Neuve")), (9, bad)], True)])
    assert str(caught.value).startswith("g.json:9: ")
    assert "caractère interdit" in str(caught.value)
    assert _all(store) == before
    with pytest.raises(ValidationFailed):
        store.create(bad.replace(title=bad.title + " (fenêtre)"))
    assert _all(store) == before


def test_tab_and_line_breaks_are_stored(store):
    store.import_files([ImportFile("f.json", [(1, _action(summary="a\tb\nc\r\nd"))])])
    (stored,) = _all(store)
    assert stored[2].summary == "a\tb\nc\r\nd"


def test_a_decomposed_record_is_the_same_action(store):
    store.import_files([ImportFile("f.json", [(1, _action(keywords=("Éducation",)))])])
    before = _all(store)
    nfd = _action(
        title=unicodedata.normalize("NFD", "Café des parents"),
        structure=unicodedata.normalize("NFD", "CS Élan"),
        department=unicodedata.normalize("NFD", "Drôme"),
        keywords=(unicodedata.normalize("NFD", "Éducation"),),
    )
    (report,) = store.import_files([ImportFile("nfd.json", [(1, nfd)])])
    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)
    assert _all(store) == before
    created = store.create(_action(title=unicodedata.normalize("NFD", "Thé à l'école")))
    assert created.data.title == "Thé à l'école"
    assert unicodedata.is_normalized("NFC", created.data.title)


def test_a_decomposed_query_finds_the_composed_text(store):
    store.import_files([ImportFile("f.json", [(1, _action(summary="Goûter à l'école"))])])
    for text in ("goûter", unicodedata.normalize("NFD", "goûter")):
        assert len(store.search_ids(SearchRequest(text=text))) == 1, text
