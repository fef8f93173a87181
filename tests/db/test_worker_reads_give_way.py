"""Issue 17: the reads the window runs off its GUI thread stop at give_way() every ~1 ms of
work, where the GUI thread's paint goes first (centres_app/gui_turn.py).

Found with a watchdog on the interaction benchmark at 100,000 actions: the GUI thread's
longest stalls (56-86 ms) were paints of the list beside a page's completeness scores
(~15 ms of SQL rows and Python, one piece), the edit forms' vocabularies (thousands of
structures folded in one loop), the similar actions' candidates (stems, in one loop) and the
sort orders' buckets (100,000 ids dealt in one loop)."""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from centres_app import gui_turn
from centres_app.db import columns, completeness, search_service, similar
from centres_app.db.store import Store
from centres_app.domain import SearchRequest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate_actions  # noqa: E402

N = 400


@pytest.fixture(scope="module")
def generated_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("worker-reads") / "gen.db"
    store = Store.open(path)
    store.import_actions(generate_actions(N, seed=11), "generated")
    store.close()
    return path


@pytest.fixture
def store(generated_db, tmp_path):
    copy = tmp_path / "copy.db"
    copy.write_bytes(generated_db.read_bytes())
    opened = Store.open(copy)
    yield opened
    opened.close()


@pytest.fixture
def pieces(monkeypatch) -> Counter[str]:
    """give_way() calls of the modules under test, by calling function."""
    callers: Counter[str] = Counter()

    def counted() -> None:
        frame = sys._getframe(1)
        while frame.f_code.co_name in ("giving_way", "<dictcomp>", "<listcomp>", "<genexpr>"):
            frame = frame.f_back  # (the loop's own function)
        callers[frame.f_code.co_name] += 1

    for module in (gui_turn, similar, columns):
        monkeypatch.setattr(module, "give_way", counted)
    return callers


def test_a_pages_scores_are_read_a_few_rows_at_a_time(store, pieces):
    ids = list(range(1, N + 1))
    scores = store.completeness(ids)
    assert len(scores) == N
    assert pieces["completeness_of"] >= N // completeness._ROWS_A_PIECE


def test_a_vocabulary_is_folded_a_few_hundred_values_at_a_time(store, pieces, monkeypatch):
    monkeypatch.setattr(search_service, "_NAMES_A_PIECE", 5)
    names = store.vocabulary("keywords")  # (a term kind: read in SQL)
    assert names == sorted(names, key=search_service.fold)
    assert len(names) >= 10
    assert pieces["vocabulary"] >= len(names) // 5


@pytest.mark.parametrize("column", ["department", "structure", "status"])
def test_a_list_columns_vocabulary_comes_from_the_index_as_sql_gives_it(store, column):
    """« Modifier » reads them on the GUI thread when their read in the background has not
    come: from the in-memory index (~2 ms at 100,000 actions against 6-23 ms of SQL)."""
    import sqlite3

    assert store._db.snapshot() is not None

    def no_sql() -> None:
        raise AssertionError("read in SQL")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(store._db, "reading", no_sql)
        names = store.vocabulary(column)
    conn = sqlite3.connect(f"{store.db_path.as_uri()}?mode=ro", uri=True)
    try:
        stored = {v for (v,) in conn.execute(f"SELECT DISTINCT {column} FROM action") if v}
    finally:
        conn.close()
    assert sorted(names) == sorted(stored)
    assert len(names) == len(set(names))
    assert names == sorted(names, key=search_service.fold)


def test_a_structure_saved_is_in_the_next_vocabulary_and_one_gone_is_not(store):
    before = store.vocabulary("structure")
    assert "Centre social du Zèbre" not in before
    detail = store.get(1)
    alone = [d.data.structure for d in map(store.get, range(1, N + 1))].count(
        detail.data.structure
    ) == 1
    store.update(1, detail.version, replace(detail.data, structure="Centre social du Zèbre"))
    after = store.vocabulary("structure")
    assert store._db.snapshot() is not None  # (answered by the index, patched by the save)
    assert "Centre social du Zèbre" in after
    assert (detail.data.structure in after) is not alone
    assert after == sorted(after, key=search_service.fold)


def test_similar_candidates_are_stemmed_a_few_at_a_time(store, pieces, monkeypatch):
    monkeypatch.setattr(similar, "_ROWS_A_PIECE", 2)
    found = store.similar(1, limit=8)
    assert found
    assert pieces["_load_candidates"] >= len(found) // 2


def test_a_sort_orders_ids_are_dealt_a_block_at_a_time(store, pieces, monkeypatch):
    monkeypatch.setattr(columns, "GIL_BLOCK", 16)
    snap = store._db.snapshot()
    assert snap is not None
    snap._orders.clear()
    order = snap.order("year", descending=False)
    assert len(order.ids) == N
    assert pieces["_stable_order"] >= N // 16


def test_a_pages_scores_wait_while_the_window_paints(store, monkeypatch):
    """The behaviour itself, with the real give_way: the read started during a paint ends
    only after it (the bound lifted: a loaded machine does not reach it)."""
    monkeypatch.setattr(gui_turn, "LONGEST_WAIT_S", 30.0)
    ids = list(range(1, N + 1))
    store.completeness(ids[:5])  # (connections and statements made before the paint)
    ended: list[float] = []
    with gui_turn.painting():
        worker = threading.Thread(
            target=lambda: (store.completeness(ids), ended.append(time.monotonic()))
        )
        worker.start()
        time.sleep(0.3)
        assert worker.is_alive()  # stopped at its first give_way()
        paint_over = time.monotonic()
    worker.join(30)
    assert not worker.is_alive()
    assert ended and ended[0] >= paint_over


def test_a_full_load_frees_what_it_read_a_piece_at_a_time(generated_db, tmp_path, monkeypatch):
    """The load's temporaries (every value's members, the rows, the values before sharing)
    freed at once held the GIL ~35 ms at 100,000 actions: they go a block at a time."""
    callers: Counter[str] = Counter()

    def counted() -> None:
        callers[sys._getframe(1).f_code.co_name] += 1

    monkeypatch.setattr(columns, "give_way", counted)
    monkeypatch.setattr(columns, "GIL_BLOCK", 16)
    copy = tmp_path / "copy.db"
    copy.write_bytes(generated_db.read_bytes())
    store = Store.open(copy)
    try:
        snap = store._db.snapshot()
        assert snap is not None and snap.count == N
        # The rows and four columns of N values, 16 at a time, then the members of each value
        # (every action holds several terms).
        assert callers["_release"] >= 5 * N // 16 + N // 16
        assert len(store.search_ids(SearchRequest("parents"))) > 0  # the snapshot still answers
    finally:
        store.close()


def test_word_masks_are_computed_a_block_of_ids_at_a_time(generated_db, monkeypatch):
    """A frequent word's ids (~84,000 of 100,000 for `parents`) were set in its mask in one C
    loop holding the GIL 5-17 ms: now a block at a time, the mask unchanged."""
    import sqlite3

    from centres_app.db import memindex, wordindex

    monkeypatch.setattr(wordindex, "WORD_MIN_DOCS", 30)
    monkeypatch.setattr(wordindex, "WORD_SHARE", 10**9)
    conn = sqlite3.connect(f"{generated_db.as_uri()}?mode=ro", uri=True)
    try:
        conn.execute("BEGIN")
        state, n = memindex.fts_state(conn)
        whole = wordindex.compute(conn, state, n, lambda: False)
        callers: Counter[str] = Counter()
        monkeypatch.setattr(
            columns, "give_way", lambda: callers.update([sys._getframe(1).f_code.co_name])
        )
        monkeypatch.setattr(columns, "GIL_BLOCK", 16)
        pieces = wordindex.compute(conn, state, n, lambda: False)
        conn.execute("COMMIT")
    finally:
        conn.close()
    assert whole is not None and pieces is not None
    keys = list(whole.vocabulary)
    kept = [k for k in keys if k in whole]
    assert kept  # words in 30 actions or more
    assert all(pieces.get(k) == whole.get(k) for k in kept)
    members = sum(whole.get(k)[1] for k in kept)
    assert callers["mask_of"] >= members // 16
