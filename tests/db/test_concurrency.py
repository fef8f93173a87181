"""Two real processes on one store file: stale saves refused, busy base waits then says so."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from centres_app.db.store import Store
from centres_app.domain import SearchRequest
from centres_app.errors import Conflict, StoreError

ROOT = Path(__file__).resolve().parents[2]


def _python(code: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), str(ROOT), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_stale_save_from_another_process_is_refused(sample_db):
    store = Store.open(sample_db)
    action_id = store.search_ids(SearchRequest("Bourse aux jouets", prefix_last=False))[0]
    mine = store.get(action_id)
    other = _python(
        """
        import sys
        sys.path.insert(0, sys.argv[1])
        from centres_app.db.store import Store
        store = Store.open(sys.argv[2])
        d = store.get(int(sys.argv[3]))
        store.update(d.id, d.version, d.data.replace(summary="Écrit par l'autre poste"))
        print("saved")
        """,
        str(sample_db),
        str(action_id),
    )
    out, err = other.communicate(timeout=60)
    assert out.strip() == "saved", err
    with pytest.raises(Conflict) as info:
        store.update(mine.id, mine.version, mine.data.replace(summary="Ma saisie"))
    assert "Bourse aux jouets" in str(info.value)
    assert store.get(action_id).data.summary == "Écrit par l'autre poste"
    store.close()


LOCKER = """
    import sqlite3, sys, time
    conn = sqlite3.connect(sys.argv[2], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE action SET limits = 'verrou' WHERE id = 1")
    print("locked", flush=True)
    time.sleep(float(sys.argv[3]))
    conn.execute("COMMIT")
"""


def test_busy_base_waits_then_says_base_occupee(sample_db, monkeypatch):
    monkeypatch.setenv("CENTRES_APP_BUSY_TIMEOUT_MS", "800")
    store = Store.open(sample_db)
    detail = store.get(2)
    locker = _python(LOCKER, str(sample_db), "4")
    assert locker.stdout.readline().strip() == "locked"
    started = time.monotonic()
    with pytest.raises(StoreError) as info:
        store.update(detail.id, detail.version, detail.data.replace(summary="x"))
    waited = time.monotonic() - started
    assert "Base occupée" in str(info.value)
    assert waited >= 0.7
    locker.kill()
    locker.wait(timeout=30)
    assert store.get(2).data.summary == detail.data.summary  # nothing half-written
    store.close()


def test_short_lock_is_waited_for_and_nothing_is_lost(sample_db):
    store = Store.open(sample_db)
    detail = store.get(2)
    locker = _python(LOCKER, str(sample_db), "0.5")
    assert locker.stdout.readline().strip() == "locked"
    saved = store.update(detail.id, detail.version, detail.data.replace(summary="après attente"))
    locker.wait(timeout=30)
    assert saved.data.summary == "après attente"
    assert store.get(1).data.limits == "verrou"  # the other process's write is there too
    store.close()
