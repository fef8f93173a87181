"""Issue 19: syncs killed at random moments (SIGKILL of the command, the server's backend
terminated) leave both sides consistent; the next sync completes with no duplicate, no loss."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
import uuid as uuidlib
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from centres_app.db.store import Store
from tests.db.test_sync import assert_all_equal, by_title, edit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate_actions  # noqa: E402

SERVER_EXTRA = 2500
LOCAL_NEW = 600


def _sync_command(db: Path, url: str) -> list[str]:
    return [sys.executable, "-m", "centres_app", "--db", str(db), "sync", url, "--json"]


def _terminate_backends(url: str) -> int:
    admin = create_engine(url, poolclass=NullPool)
    try:
        with admin.connect() as conn:
            return len(
                conn.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    )
                ).all()
            )
    finally:
        admin.dispose()


@pytest.mark.timeout(240)
def test_syncs_killed_at_random_moments_then_one_more_sync_ends_equal(pg_server, tmp_path):
    rng = random.Random(int(os.environ.get("CENTRES_KILL_SEED", "19")))
    with pg_server.database("sample") as url:
        central = Store.open(url)
        try:
            with central.writing(set()) as s:
                s.execute(
                    text("UPDATE sync_server SET server_id = :u"), {"u": str(uuidlib.uuid4())}
                )
            central.import_actions(list(generate_actions(SERVER_EXTRA, seed=1)), "serveur")
            on_server = central.count()
        finally:
            central.close()
        a = Store.open(tmp_path / "a.db")
        b = Store.open(tmp_path / "b.db")
        try:
            a.import_actions(list(generate_actions(LOCAL_NEW, seed=2)), "local")
            assert b.sync(url).received == on_server
            a.close()  # the command line writes it now

            outcomes = []
            for attempt in range(6):
                before = _progress(tmp_path / "a.db")
                process = subprocess.Popen(
                    _sync_command(tmp_path / "a.db", url),
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    cwd=ROOT,
                )
                # Each kill lands at a random moment once the run has committed a batch (a
                # kill after so many seconds landed before any batch on a loaded machine, and
                # the runs kept nothing to tell apart: the CI's failure of 2026-12-02).
                _wait_for_progress(process, tmp_path / "a.db", before)
                time.sleep(rng.uniform(0.0, 0.2))
                if attempt == 2:
                    _terminate_backends(url)  # the server drops the sync's connection
                    process.wait(timeout=60)
                else:
                    process.send_signal(signal.SIGKILL)
                    process.wait(timeout=60)
                outcomes.append((process.returncode, _progress(tmp_path / "a.db")))
                # Between two kills, B changes the server meanwhile.
                names = sorted(t for t in _titles(b))
                edit(b, names[attempt], summary=f"Changée par B ({attempt}).")
                b.sync(url)
            # Some runs were cut midway, and what each batch did was kept for the next run.
            assert any(code != 0 for code, _ in outcomes), outcomes
            assert len({seen for _, seen in outcomes}) >= 3, outcomes

            done = subprocess.run(
                _sync_command(tmp_path / "a.db", url), capture_output=True, text=True, timeout=180
            )
            assert done.returncode == 0, done.stderr
            report = json.loads(done.stdout)
            assert report["complete"] is True and report["refused"] == []
            a = Store.open(tmp_path / "a.db")
            b.sync(url)
            final = assert_all_equal(url, a, b)
            assert len(final) == on_server + LOCAL_NEW
            assert a.sync(url).sent == 0 and b.sync(url).sent == 0
            assert by_title(a, _titles(b)[0])  # one row per title in both
        finally:
            a.close()
            b.close()


def _titles(store: Store) -> list[str]:
    with store.reading() as s:
        return sorted(
            r[0]
            for r in s.execute(
                text("SELECT title FROM action GROUP BY title HAVING count(*) = 1 ORDER BY title")
            )
        )


def _wait_for_progress(process: subprocess.Popen, db: Path, before: tuple[int, int]) -> None:
    """Until the sync run has committed something (its replica moved from `before`) or has
    ended (nothing left to do), 90 s at most."""
    deadline = time.monotonic() + 90
    import sqlite3

    while process.poll() is None and time.monotonic() < deadline:
        try:
            if _progress(db) != before:
                return
        except sqlite3.OperationalError:
            pass  # (busy a moment: read again)
        time.sleep(0.02)


def _progress(db: Path) -> tuple[int, int]:
    """(actions, sync bases) of a replica: how far the killed sync went."""
    import sqlite3

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return (
            conn.execute("SELECT count(*) FROM action").fetchone()[0],
            conn.execute("SELECT count(*) FROM sync_base").fetchone()[0],
        )
    finally:
        conn.close()
