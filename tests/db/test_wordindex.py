"""The masks of frequent words (db/wordindex.py) answer as FTS5 does, follow the writes of this
process, and are kept next to the store for the next opening. Ordered ids are read lazily."""

from __future__ import annotations

import random
import time
from dataclasses import replace
from typing import Any

import pytest

from centres_app import prefixfile
from centres_app.db import columns, memindex, wordindex
from centres_app.db.store import Store
from centres_app.domain import TERM_FIELDS, TEXT_FIELDS, ActionData, Filters, SearchRequest
from tests.db import test_memindex
from tests.db.test_memindex import FILTERS, TEXTS, assert_same_as_sql, sql_facets, sql_ids

generated_db = test_memindex.generated_db  # the fixture: 400 generated actions

# Prefixes of kept words, of kept and rare ones together, whole words, phrases, exclusions.
WORD_TEXTS = [
    *TEXTS,
    "parent",
    "parents ",
    "familles atelier",
    "soli",
    "educa",
    "jardin partag",
    "transport -parents",
    '"repas partagé" atelier',
    "zz",
    "habitants quartier projet",
]


@pytest.fixture
def word_threshold(monkeypatch):
    """Words in at least 30 of the generated 400 actions have masks (a mix of kept and rare
    words, as at 100,000 with the real threshold)."""
    monkeypatch.setattr(wordindex, "WORD_MIN_DOCS", 30)
    monkeypatch.setattr(wordindex, "WORD_SHARE", 10**9)


def _action(title: str, **fields: Any) -> ActionData:
    return ActionData(
        title=title,
        structure="CS Neuf",
        department="Ardèche",
        year=2026,
        status="En cours",
        dimension="Services",
        **fields,
    )


def _with_words(store: Store) -> wordindex.WordIndex:
    snap = store._snapshot()
    assert snap is not None
    store._memory._index_words()
    words = store._memory._words
    assert words is not None and words.version == store._snapshot().version
    return words


def _fts_expressions(monkeypatch, memory: memindex.MemorySearch) -> list[str]:
    """Records the expressions sent to FTS5 for a mask."""
    sent: list[str] = []
    original = memory._query_mask

    def recording(snap, expression, warming=False):
        sent.append(expression)
        return original(snap, expression, warming)

    monkeypatch.setattr(memory, "_query_mask", recording)
    return sent


def _copy(generated_db, tmp_path):
    copy = tmp_path / "copy.db"
    copy.write_bytes(generated_db.read_bytes())
    return copy


def test_word_masks_answer_as_fts5(generated_db, tmp_path, word_threshold, monkeypatch):
    store = Store.open(_copy(generated_db, tmp_path))
    try:
        words = _with_words(store)
        kept = [k for k in words.kept.expressions() if not k.startswith(wordindex.TITLE)]
        assert 50 < len(kept) < len(words.kept.vocabulary)
        sent = _fts_expressions(monkeypatch, store._memory)
        assert_same_as_sql(store, WORD_TEXTS, FILTERS[:3])
        # The broad words came from their masks, not from FTS5.
        assert '"parents"*' not in sent and '"familles" AND "atelier"*' not in sent
        assert '"parents"' not in sent
        assert '"repas partage"' in sent  # a phrase goes to FTS5
        # A prefix of kept and rare words: FTS5 is asked for the rare ones alone.
        vocabulary = sorted(words.kept.vocabulary)
        mixed = next(
            p
            for p in sorted({w[:4] for w in vocabulary if len(w) > 4 and w in words.kept})
            if 0 < sum(w.startswith(p) and w not in words.kept for w in vocabulary) <= 64
        )
        rare = [w for w in vocabulary if w.startswith(mixed) and w not in words.kept]
        sent.clear()
        assert_same_as_sql(store, [mixed, f"{mixed} -{rare[0]}"], FILTERS[:2])
        assert " OR ".join(f'"{w}"' for w in rare) in sent and f'"{mixed}"*' not in sent
    finally:
        store.close()


def test_broad_relevance_orders_from_the_masks_as_from_fts5(
    generated_db, tmp_path, word_threshold, monkeypatch
):
    """A broad query is ordered "title matches first" (RANK_LIMIT): the title matches come
    from the words' masks in titles, in the same order as FTS5's `title : (...)` gives."""
    monkeypatch.setattr(memindex, "RANK_LIMIT", 10)
    store = Store.open(_copy(generated_db, tmp_path))
    try:
        words = _with_words(store)
        memory = store._memory
        texts = [t for t in WORD_TEXTS if t.strip()] + ["parents familles", "atel"]
        requests = [SearchRequest(t, f) for t in texts for f in FILTERS[:3]]
        sent = _fts_expressions(monkeypatch, memory)
        with_words = {r: list(store.search_ids(r)) for r in requests}
        assert not any(e.startswith('title : ("parents"') for e in sent)
        assert any(len(ids) > 10 for ids in with_words.values())
        memory._words = None
        memory._fts_cache.clear()
        for request in requests:
            assert store.search_ids(request) == with_words[request], request
        memory._words = words
    finally:
        store.close()


def test_word_masks_follow_the_writes_of_this_process(
    generated_db, tmp_path, word_threshold, monkeypatch
):
    store = Store.open(_copy(generated_db, tmp_path))
    try:
        _with_words(store)
        assert store._memory._words.kept.count("parents") >= 30
        with_parents = store.search_ids(SearchRequest("parents ", sort="title"))
        # A new action with a kept word and a new word sharing its prefix.
        created = store.create(
            _action("Parentsxyz du jardin", summary="Des parents et des familles au jardin.")
        )
        # An action that loses every word "parents" (its texts emptied) and one deleted.
        losing = next(i for i in with_parents if i != created.id)
        detail = store.details([losing])[0]
        emptied = replace(
            detail.data,
            title="Sans mot commun",
            **{f: "" for f in TEXT_FIELDS},
            **{f: () for f, multi in TERM_FIELDS.items() if multi},
        )
        store.update(losing, detail.version, emptied)
        deleted = next(i for i in with_parents if i not in (created.id, losing))
        store.delete(deleted)
        words = store._memory._words
        assert words is not None and words.version == store._snapshot().version
        sent = _fts_expressions(monkeypatch, store._memory)
        assert_same_as_sql(store, WORD_TEXTS + ["parentsx", "parentsxyz"], FILTERS[:2])
        assert '"parents"*' not in sent  # still from the (patched) masks
        found = store.search_ids(SearchRequest("parents"))
        assert created.id in found and losing not in found and deleted not in found
        assert created.id in store.search_ids(SearchRequest("parentsx"))
    finally:
        store.close()


def test_word_masks_are_kept_next_to_the_store(generated_db, tmp_path, word_threshold, monkeypatch):
    path = _copy(generated_db, tmp_path)
    kept = prefixfile.words_path(path)
    store = Store.open(path)
    try:
        _with_words(store)
        assert kept.exists()
        expected = {t: store.search_ids(SearchRequest(t)) for t in WORD_TEXTS}
    finally:
        store.close()

    computed: list[object] = []
    original = wordindex.compute

    def counting(*args):
        computed.append(args)
        return original(*args)

    monkeypatch.setattr(wordindex, "compute", counting)
    store = Store.open(path)
    try:
        _with_words(store)
        assert computed == []  # read from the file
        for text, ids in expected.items():
            assert store.search_ids(SearchRequest(text)) == ids, text
        # Writes of this store: the masks are kept again at close, with the touched actions.
        created = store.create(_action("Parents du jardin"))
        store.delete(expected["parents"][1])
    finally:
        store.close()
    assert prefixfile.PrefixFile.read(kept).touched == sorted([created.id, expected["parents"][1]])

    store = Store.open(path)
    try:
        _with_words(store)
        assert computed == []  # read from the file, the touched actions read again
        assert created.id in store.search_ids(SearchRequest("parents"))
        assert_same_as_sql(store, WORD_TEXTS[:12], FILTERS[:1])
        # Another process writes: the file is no longer the store's state.
        other = Store.open(path)
        try:
            other.delete(expected["parents"][0])
        finally:
            other.close()
    finally:
        store.close()

    store = Store.open(path)
    try:
        _with_words(store)
        assert len(computed) == 1  # computed again
        assert_same_as_sql(store, WORD_TEXTS[:12], FILTERS[:1])
    finally:
        store.close()
    # A damaged file is ignored.
    kept.write_bytes(b"centres-prefixes 1\n" + b"\x05" * 40)
    store = Store.open(path)
    try:
        _with_words(store)
        assert len(computed) == 2
    finally:
        store.close()


def test_a_write_while_the_masks_are_computed_is_patched_in(
    generated_db, tmp_path, word_threshold, monkeypatch
):
    store = Store.open(_copy(generated_db, tmp_path))
    try:
        store._snapshot()
        original = wordindex.compute
        created: list[int] = []

        def writing_meanwhile(*args):
            result = original(*args)
            action = store.create(_action("Parents nouveaux"))
            created.append(action.id)
            return result

        monkeypatch.setattr(wordindex, "compute", writing_meanwhile)
        store._memory._index_words()
        words = store._memory._words
        assert words is not None and words.version == store._snapshot().version
        assert created[0] in store.search_ids(SearchRequest("parents"))
        assert_same_as_sql(store, WORD_TEXTS[:12], FILTERS[:1])
    finally:
        store.close()


def test_the_background_build_reads_the_word_masks(generated_db, tmp_path, monkeypatch):
    monkeypatch.setattr(memindex.MemorySearch, "SYNC_LIMIT", 10)  # built in the background
    monkeypatch.setattr(memindex, "RANK_LIMIT", 10)  # as for a big store
    monkeypatch.setattr(wordindex, "WORD_MIN_DOCS", 30)
    monkeypatch.setattr(wordindex, "WORD_SHARE", 10**9)
    store = Store.open(_copy(generated_db, tmp_path))
    try:
        store.search_ids(SearchRequest())
        deadline = time.monotonic() + 60
        while store._memory._words is None:
            assert time.monotonic() < deadline, "the word masks were never built"
            time.sleep(0.02)
        request = SearchRequest("parents", Filters(), sort="title")
        assert store.search_ids(request) == sql_ids(store, request)
        assert store.facets(request) == sql_facets(store, request)
        store._memory.prepare()  # the warm-up is over
        memory = store._memory
        snap = store._snapshot()
        # The broad prefixes were warmed up as unions of the word masks: as FTS5 matches them.
        warmed = [e for v, e in memory._short if v == snap.version]
        assert len(warmed) > 20
        for expression in warmed:
            assert memory._short[(snap.version, expression)] == memory._query_mask(
                snap, expression
            ), expression
    finally:
        store.close()


def test_a_big_import_from_the_command_line_prepares_the_search(tmp_path, monkeypatch, capsys):
    from generate import write_senacs

    from centres_app import cli

    monkeypatch.setattr(cli, "PREPARE_AFTER", 100)
    monkeypatch.setattr(memindex.MemorySearch, "SYNC_LIMIT", 10)
    monkeypatch.setattr(memindex, "RANK_LIMIT", 10)
    monkeypatch.setattr(wordindex, "WORD_MIN_DOCS", 30)
    monkeypatch.setattr(wordindex, "WORD_SHARE", 10**9)
    source = tmp_path / "actions.txt"
    write_senacs(150, source, seed=3)
    db = tmp_path / "store.db"
    assert cli.main(["--db", str(db), "import", str(source)]) == 0
    assert "recherche prête" in capsys.readouterr().err
    assert prefixfile.sidecar_path(db).exists() and prefixfile.words_path(db).exists()
    computed: list[object] = []
    monkeypatch.setattr(wordindex, "compute", lambda *args: computed.append(args))
    store = Store.open(db)
    try:
        assert store._memory.quick_ids(SearchRequest("pa", sort="title")) is not None
        store._memory.prepare()
        assert computed == [] and store._memory._words is not None  # read, not computed
    finally:
        store.close()


# --- OrderedIds ---------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(6))
def test_ordered_ids_read_lazily_equal_the_whole_list(seed, monkeypatch):
    monkeypatch.setattr(columns, "ORDER_BLOCK", 7)
    rng = random.Random(seed)
    n = rng.randrange(1, 60)
    order = list(range(n))
    rng.shuffle(order)
    ordered = columns.Order(order, n)
    parts = []
    expected: list[int] = []
    for _ in range(rng.randrange(1, 3)):
        chosen = {i for i in range(n) if rng.random() < rng.choice((0.05, 0.5, 1.0))}
        data = bytes(1 if i in chosen else 0 for i in range(n))
        parts.append((ordered, [], data, len(chosen)))
        expected += [i for i in order if i in chosen]
    listed = [rng.randrange(100) for _ in range(rng.randrange(0, 5))]  # a sparse result
    expected += listed
    ids = columns.OrderedIds(parts[:1])
    for part in parts[1:]:
        ids = ids + columns.OrderedIds([part])
    ids = ids + columns.OrderedIds.of(listed)
    # Membership is read in the masks, before any order is computed (issue 17).
    for value in (-1, *range(n + 2), 99, "5", None):
        assert (value in ids) == (value in expected), value
    assert not ids._done
    assert len(ids) == len(expected)
    picks = [0, 3, -1, len(expected) - 1, len(expected) // 2]
    for i in picks:
        if -len(expected) <= i < len(expected):
            assert ids[i] == expected[i]
    assert ids[:5] == expected[:5]
    assert ids[2:9:2] == expected[2:9:2]
    assert ids[4:] == expected[4:]
    assert ids[-3:] == expected[-3:]
    assert list(ids) == expected and ids == expected
    with pytest.raises(IndexError):
        ids[len(expected)]
    assert (5 in ids) == (5 in expected)
    assert ids.count(5) == expected.count(5)
    if expected:
        assert ids.index(expected[-1]) == expected.index(expected[-1])
    with pytest.raises(ValueError):
        ids.index(-1)
