"""The change token (the window's watch for other processes' commits) ignores this store's
own writes, also when it is read while one of them is still patching the in-memory index."""

from __future__ import annotations

import sqlite3
import threading

from centres_app.db.store import Store
from centres_app.domain import SearchRequest


def test_a_look_during_our_own_write_sees_no_other_commit(sample_db):
    store = Store.open(sample_db)
    try:
        memory = store._db.memory  # noqa: SLF001 - the race is between its commit and its patch
        assert memory is not None
        store.search_ids(SearchRequest())  # the in-memory index built: writes patch it
        before = store.change_token()
        committed, resume = threading.Event(), threading.Event()
        patch = memory.after_commit

        def slow_patch(*args: object) -> None:
            committed.set()  # the commit is done: data_version has moved
            assert resume.wait(30)
            patch(*args)  # type: ignore[arg-type]

        memory.after_commit = slow_patch  # type: ignore[method-assign]
        action_id = store.search_ids(SearchRequest())[0]
        detail = store.get(action_id)
        writer = threading.Thread(
            target=store.update,
            args=(detail.id, detail.version, detail.data.replace(summary="Relu")),
        )
        writer.start()
        try:
            assert committed.wait(30)
            # Read while our own commit patches the index: not taken for another process's.
            assert store.change_token() == before
        finally:
            resume.set()
            writer.join(30)
        memory.after_commit = patch  # type: ignore[method-assign]
        assert store.get(action_id).data.summary == "Relu"
        assert store.change_token() == before

        # Another connection's commit is seen.
        other = sqlite3.connect(sample_db, isolation_level=None)
        try:
            other.execute("UPDATE action SET limits = 'ailleurs' WHERE id = ?", (action_id,))
        finally:
            other.close()
        after = store.change_token()
        assert after is not None and after != before
        assert store.change_token() == after
    finally:
        store.close()
