"""The window's store at start-up (issue 17): the first page through plain sqlite3
(db/first_page.py) while the real store opens in a thread (starting_store.py)."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from centres_app.bootstrap import open_store_for_window
from centres_app.db.first_page import FirstPage
from centres_app.db.store import Store
from centres_app.domain import Filters, SearchRequest
from centres_app.errors import StoreError
from centres_app.starting_store import EARLY_TOKEN, StartingStore


def _starting(path: Path, open_real=None) -> StartingStore:  # noqa: ANN001
    early = FirstPage.open(path)
    assert early is not None
    return StartingStore(path.resolve(), early, open_real or (lambda: Store.open(path)))


def _write(path: Path) -> None:
    """A commit of another process (another store on the file)."""
    other = Store.open(path)
    try:
        other.save_search("Écrit ailleurs", SearchRequest("velo"))
    finally:
        other.close()


def test_the_early_answers_are_the_stores(sample_db):
    store = Store.open(sample_db)
    store.save_search("Vélo", SearchRequest("velo", Filters(department=frozenset({"Drôme"}))))
    store.save_search("avenir", SearchRequest(sort="year", descending=True))
    store.save_search("Été", SearchRequest("ete"))
    early = FirstPage.open(sample_db)
    assert early is not None
    try:
        ids = early.title_ids()
        assert ids == list(store.search_ids(SearchRequest()))
        assert ids == list(store.search_ids(SearchRequest(sort="title")))
        assert len(ids) == early.count() == store.count() > 0
        assert early.rows(ids) == store.rows(ids)
        some = ids[::-3][:40] + [10**9]  # any order, a missing id skipped
        assert early.rows(some) == store.rows(some)
        assert any(row.dimension for row in early.rows(ids))
        assert early.saved_searches() == store.saved_searches()
        assert [s.name for s in early.saved_searches()] == ["avenir", "Été", "Vélo"]
    finally:
        early.close()
        store.close()


def test_the_title_order_is_the_index_scans_on_a_larger_store(tmp_path, sample_actions):
    """json_group_array over the ordered subquery keeps its order (titles repeated, ids
    interleaved: the order is title_key, then id)."""
    path = tmp_path / "many.db"
    store = Store.open(path)
    copies = [replace(a, structure=f"{a.structure} {k}") for k in range(3) for a in sample_actions]
    store.import_actions(copies[::-1], "x")
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as conn:
        expected = [r[0] for r in conn.execute("SELECT id FROM action ORDER BY title_key, id")]
    conn.close()
    early = FirstPage.open(path)
    assert early is not None
    try:
        assert early.title_ids() == expected == list(store.search_ids(SearchRequest()))
    finally:
        early.close()
        store.close()


def test_no_early_reader_unless_the_usual_opening_would_just_open(tmp_path, sample_db):
    assert FirstPage.open(tmp_path / "missing.db") is None
    (tmp_path / "empty.db").touch()
    assert FirstPage.open(tmp_path / "empty.db") is None
    (tmp_path / "text.db").write_text("pas une base\n" * 200, encoding="utf-8")
    assert FirstPage.open(tmp_path / "text.db") is None
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE other (x)")
    conn.close()
    assert FirstPage.open(foreign) is None
    # Another schema revision: the usual opening migrates it, or refuses a newer one.
    with sqlite3.connect(sample_db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0001'")
    conn.close()
    assert FirstPage.open(sample_db) is None


def test_the_window_store_answers_the_first_page_without_opening_the_store(sample_db):
    opened: list[Store] = []

    def open_real() -> Store:
        store = Store.open(sample_db)
        opened.append(store)
        return store

    store = _starting(sample_db, open_real)
    try:
        ids = store.search_ids(SearchRequest())
        assert len(ids) == store.count() > 0
        assert store.rows(ids[:50])[0].id == ids[0]
        assert store.saved_searches() == []
        assert store.change_token() == EARLY_TOKEN
        assert store.risk() is None
        assert store.db_path == sample_db.resolve()
        assert store.url == "sqlite+pysqlite:///" + str(sample_db.resolve())
        assert not store.opened and not opened
        # Anything else is the real store's: opened then, and from then on.
        facets = store.facets(SearchRequest())
        assert store.opened and len(opened) == 1
        assert facets == opened[0].facets(SearchRequest())
        assert store.url == opened[0].url and store.db_path == opened[0].db_path
        assert list(store.search_ids(SearchRequest("velo"))) == list(
            opened[0].search_ids(SearchRequest("velo"))
        )
        assert store.rows(ids[:5]) == opened[0].rows(ids[:5])
    finally:
        store.close()


def test_a_search_the_early_reader_cannot_answer_waits_for_the_store(sample_db):
    store = _starting(sample_db)
    try:
        for request in (
            SearchRequest("velo"),
            SearchRequest(filters=Filters(department=frozenset({"Drôme"}))),
            SearchRequest(sort="year"),
            SearchRequest(descending=True),
        ):
            store.search_ids(request)
            assert store.opened
    finally:
        store.close()


def test_the_change_token_stands_for_the_state_the_store_opened_on(sample_db):
    store = _starting(sample_db)
    try:
        before = store.change_token()
        store.wait()
        assert store.change_token() == before == EARLY_TOKEN  # nothing changed meanwhile
        store.save_search("Ici", SearchRequest("ici"))  # this store's own write
        assert store.change_token() == EARLY_TOKEN
        _write(sample_db)
        assert store.change_token() not in (EARLY_TOKEN, None)
    finally:
        store.close()


def test_a_commit_of_another_process_before_the_opening_shows_as_a_change(sample_db):
    store = _starting(sample_db)
    try:
        early_ids = store.search_ids(SearchRequest())
        _write(sample_db)  # after the first page was read, before the real store opened
        store.wait()
        assert store.change_token() not in (EARLY_TOKEN, None)  # the window reads again
        assert list(store.search_ids(SearchRequest())) == list(early_ids)
    finally:
        store.close()


def test_an_opening_that_fails_is_told_to_every_call_that_needs_the_store(sample_db):
    def fails() -> Store:
        raise StoreError("Base occupée.")

    store = _starting(sample_db, fails)
    try:
        assert store.count() > 0  # the first page is still there
        for _ in range(2):
            with pytest.raises(StoreError, match="Base occupée"):
                store.facets(SearchRequest())
        with pytest.raises(StoreError, match="Base occupée"):
            store.check()
        assert store.change_token() == EARLY_TOKEN
    finally:
        store.close()


def test_the_start_up_check_waits_for_the_window_to_open_the_store(sample_db, monkeypatch):
    monkeypatch.setattr("centres_app.starting_store.CHECK_GRACE_S", 0.2)
    started = threading.Event()

    def open_real() -> Store:
        started.set()
        return Store.open(sample_db)

    store = _starting(sample_db, open_real)
    try:
        assert store.check() == []  # nobody opened it: opened after the grace period
        assert started.is_set() and store.opened
    finally:
        store.close()


def test_open_store_for_window_chooses_the_early_path_for_a_sound_current_store(
    sample_db, tmp_path
):
    store = open_store_for_window(str(sample_db))
    try:
        assert isinstance(store, StartingStore)
    finally:
        store.close()
    with sqlite3.connect(sample_db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'f00d'")
    conn.close()
    with pytest.raises(StoreError, match="plus récente"):  # refused here, as before
        open_store_for_window(str(sample_db))
    new = open_store_for_window(str(tmp_path / "new.db"))
    try:
        assert isinstance(new, Store) and new.count() == 0
    finally:
        new.close()


@pytest.mark.parametrize(
    "argv",
    [[], ["--db", "base.db"], ["--db", "postgresql://u@h/b"], ["--db", "chemin avec espaces.db"]],
)
def test_the_windows_command_lines_read_as_argparse_reads_them(argv):
    from centres_app.cli import _window_only, build_parser

    quick = _window_only(argv)
    assert quick is not None
    full = build_parser().parse_args(argv)
    assert (quick.db, quick.command) == (full.db, full.command)


@pytest.mark.parametrize(
    "argv", [["gui"], ["--db"], ["--db", ""], ["--db", "-x"], ["--db=x"], ["--version"], ["list"]]
)
def test_other_command_lines_go_to_argparse(argv):
    from centres_app.cli import _window_only

    assert _window_only(argv) is None


def test_the_head_revision_read_without_alembic_is_alembics():
    from centres_app.db.engine import head_revision
    from centres_app.db.revisions import script_head

    assert script_head() == head_revision()
