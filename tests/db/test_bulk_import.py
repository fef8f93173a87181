"""The bulk import's own work around the rows (db/bulk.py, db/changes.py): the garbage
collector paused while a stream is stored, and the change numbers its rows carry."""

from __future__ import annotations

import gc
import sqlite3

import pytest
from sqlalchemy import event

from centres_app.db.store import Store


def _streamed(actions, seen: list[bool] | None = None, fail_at: int | None = None):
    """The actions as a stream (the bulk import's `big` path), noting whether the automatic
    collection is on while each one is read."""
    for index, action in enumerate(actions):
        if index == fail_at:
            raise RuntimeError("stream broken")
        if seen is not None:
            seen.append(gc.isenabled())
        yield action


def test_a_streamed_import_pauses_the_collector_and_turns_it_back_on(empty_db, sample_actions):
    assert gc.isenabled()
    seen: list[bool] = []
    store = Store.open(empty_db)
    try:
        report = store.import_actions(_streamed(sample_actions, seen), "x")
    finally:
        store.close()
    assert report.created == len(sample_actions)
    assert seen == [False] * len(sample_actions)
    assert gc.isenabled()


def test_the_collector_is_turned_back_on_when_the_import_fails(empty_db, sample_actions):
    store = Store.open(empty_db)
    try:
        with pytest.raises(RuntimeError, match="stream broken"):
            store.import_actions(_streamed(sample_actions, fail_at=5), "x")
        assert gc.isenabled()
        assert store.import_actions(sample_actions[:1], "y").created == 1  # nothing kept before
    finally:
        store.close()


def test_a_collector_turned_off_by_the_window_stays_off(empty_db, sample_actions):
    # The window turns automatic collection off for good (ui/app/collector.py).
    gc.disable()
    try:
        store = Store.open(empty_db)
        try:
            store.import_actions(_streamed(sample_actions), "x")
        finally:
            store.close()
        assert not gc.isenabled()
    finally:
        gc.enable()


def _seqs(path) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return dict(conn.execute("SELECT title, change_seq FROM action"))
    finally:
        conn.close()


def test_imported_rows_carry_their_change_number_without_a_second_update(empty_db, sample_actions):
    statements: list[str] = []
    store = Store.open(empty_db)
    try:
        event.listen(
            store._db.engine,
            "before_cursor_execute",
            lambda _c, _cur, sql, *_a: statements.append(sql),
        )
        store.import_actions(_streamed(sample_actions), "x")
        first = _seqs(empty_db)
        assert len(set(first.values())) == 1 and min(first.values()) > 0
        # Again with two actions changed: those two take the new number, the others keep theirs.
        changed = {sample_actions[2].title, sample_actions[9].title}
        again = [
            a.replace(summary=a.summary + " (revu)") if a.title in changed else a
            for a in sample_actions
        ]
        report = store.import_actions(_streamed(again), "x")
    finally:
        store.close()
    assert (report.updated, report.unchanged) == (2, len(sample_actions) - 2)
    second = _seqs(empty_db)
    newer = {title for title, seq in second.items() if seq != first[title]}
    assert newer == changed
    assert all(second[title] > first[title] for title in changed)
    # The rows were numbered by their own INSERT or UPDATE: changes.stamp wrote none again.
    assert not [s for s in statements if "SET change_seq" in s]
