"""Store.amount_total gives what total_of(financial_texts(...)) gives, from the kept amounts,
and follows every write (the kept amount of a changed action is forgotten)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import text

from centres_app.amounts import total_of
from centres_app.db import amounts
from centres_app.domain import ActionData, Filters, SearchRequest

REQUESTS = [
    SearchRequest(),
    SearchRequest("parents"),
    SearchRequest("", Filters(department=frozenset({"Drôme"}))),
    SearchRequest("velo -tous"),
    SearchRequest("zzzz introuvable"),
]


def parsed_texts(store, request: SearchRequest) -> tuple[Decimal, int]:
    return total_of(store.financial_texts(request))


def kept_rows(store) -> dict[int, tuple[int | None, int]]:
    with store.reading() as s:
        rows = s.execute(text("SELECT action_id, cents, scale FROM action_amount")).all()
        return {i: (c, d) for i, c, d in rows}


@pytest.fixture
def parses(monkeypatch) -> list[int]:
    """How many texts the kept-amount path parses."""
    counted: list[int] = []
    original = amounts.parsed

    def counting(texts):  # noqa: ANN001
        counted.append(len(texts))
        return original(texts)

    monkeypatch.setattr(amounts, "parsed", counting)
    return counted


def test_totals_equal_the_texts_parsed_and_are_kept(sample_store, parses):
    assert kept_rows(sample_store) == {}
    for request in REQUESTS:
        assert sample_store.amount_total(request) == parsed_texts(sample_store, request), request
    everything = sample_store.search_ids(SearchRequest())
    assert set(kept_rows(sample_store)) == set(everything)
    assert sum(parses) == len(everything), "each action parsed once"
    assert sample_store.amount_total(SearchRequest())[1] > 0  # the sample has amounts
    parses.clear()
    for request in REQUESTS:
        assert sample_store.amount_total(request) == parsed_texts(sample_store, request)
    assert parses == [], "kept amounts are not parsed again"


def test_a_write_forgets_the_kept_amounts_of_the_actions_it_changes(sample_store, parses):
    sample_store.amount_total(SearchRequest())
    ids = sample_store.search_ids(SearchRequest())
    first, second = ids[0], ids[1]
    detail = sample_store.get(first)
    sample_store.update(
        first, detail.version, detail.data.replace(financial_resources="Total : 123 456 €")
    )
    assert first not in kept_rows(sample_store)
    created = sample_store.create(
        ActionData(
            title="Une action chiffrée",
            structure="CS Test",
            department="Drôme",
            year=2024,
            financial_resources="Dépenses : 1 000 €",
        )
    )
    sample_store.delete(second)
    parses.clear()
    for request in REQUESTS[:3]:
        assert sample_store.amount_total(request) == parsed_texts(sample_store, request)
    assert sum(parses) == 2, "only the updated and the created actions are parsed again"
    rows = kept_rows(sample_store)
    assert rows[first] == (12_345_600, 0) and rows[created.id] == (100_000, 0)
    assert second not in rows
    sample_store.restore_deleted(second)
    assert sample_store.amount_total(SearchRequest()) == parsed_texts(sample_store, SearchRequest())
    sample_store.import_actions(
        [sample_store.get(first).data.replace(financial_resources="Budget global 9 999 €")],
        "import",
    )
    assert first not in kept_rows(sample_store)
    assert sample_store.amount_total(SearchRequest()) == parsed_texts(sample_store, SearchRequest())
    with sample_store.writing() as s:  # a write that does not say what it changed: all go
        s.execute(text("UPDATE action SET financial_resources = '5 €' WHERE id = :i"), {"i": first})
    assert kept_rows(sample_store) == {}
    assert sample_store.amount_total(SearchRequest()) == parsed_texts(sample_store, SearchRequest())


@pytest.mark.parametrize(
    "texts",
    [
        [
            "Dépenses : 4867.68 € / Produits CAF : 5000 €",
            "100 €",
            "1,5 k€",
            "3 x 12,5 € soit 37,5 €",
        ],
        ["200 €", "300 €"],
        ["aucun montant", ""],
        ["10,05 €", "0,95 €"],
    ],
)
def test_kept_amounts_add_up_to_the_same_decimal_as_total_of(texts):
    """Cents and decimals kept: the same Decimal as total_of, digits after the point included."""
    parsed = amounts.parsed(dict(enumerate(texts)))
    kept = [amounts.as_kept(a) for a in parsed.values()]
    assert all(k is not None for k in kept)
    expected = total_of(texts)
    found = amounts.total(kept, [])  # type: ignore[arg-type]
    assert found == expected and str(found[0]) == str(expected[0])
    half = len(texts) // 2
    mixed = amounts.total(kept[:half], list(parsed.values())[half:])  # type: ignore[arg-type]
    assert str(mixed[0]) == str(expected[0]) and mixed[1] == expected[1]


def test_an_amount_is_kept_only_for_the_text_that_was_parsed(sample_store):
    """A write between the parse and the keep: the changed action's amount is not kept."""
    ids = sample_store.search_ids(SearchRequest())[:3]
    with sample_store.reading() as s:
        texts = amounts.texts_of(s, ids)
    parsed = amounts.parsed(texts)
    detail = sample_store.get(ids[0])
    sample_store.update(ids[0], detail.version, detail.data.replace(financial_resources="7 €"))
    with sample_store.writing(set()) as s:
        amounts.keep(s, texts, parsed)
    assert set(kept_rows(sample_store)) == set(ids[1:])
    assert sample_store.amount_total(SearchRequest()) == parsed_texts(sample_store, SearchRequest())


@pytest.mark.parametrize("piece", [1, 2, 7, 65_536])
def test_kept_numbers_are_decoded_in_pieces_the_same(monkeypatch, piece):
    """Issue 17: the kept amounts' lists are decoded a piece at a time (one json.loads over
    100,000 numbers held the interpreter); every cut gives the same numbers."""
    numbers = [None, 0, 7, 123456789, None, None, 42, 10**12, 5]
    joined = ",".join("null" if n is None else str(n) for n in numbers)
    monkeypatch.setattr(amounts, "_PIECE_CHARS", piece)
    assert amounts._numbers(joined) == numbers
    assert amounts._numbers("") == []
    assert amounts._numbers("3") == [3]
