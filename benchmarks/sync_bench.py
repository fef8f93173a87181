"""Synchronisation figures (issue 19) against a PostgreSQL server on this machine.

    python benchmarks/sync_bench.py --server postgresql+psycopg://postgres@127.0.0.1:5432/postgres
    python benchmarks/sync_bench.py --size 200 --server URL      # a smoke run

`--server` is a role that may create databases (default: $CENTRES_APP_TEST_PG_URL). A database
centres_syncbench_<random> is created there, filled with N generated actions (the bulk import,
not N saves), then dropped. Measured: the first sync of the N actions into an empty local
store, an incremental sync of 10 changes made on the server, and one of 10 changes made
locally. Prints the figures, then one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import DEFAULT_SEED, generate_actions  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlalchemy.pool import NullPool  # noqa: E402

from centres_app.db.store import Store  # noqa: E402

CHANGES = 10


def _edit(store: Store, count: int, label: str) -> None:
    with store.reading() as s:
        ids = [r[0] for r in s.execute(text(f"SELECT id FROM action ORDER BY id LIMIT {count}"))]
    for action_id in ids:
        detail = store.get(action_id)
        store.update(detail.id, detail.version, detail.data.replace(summary=f"{label} {action_id}"))


def run(size: int, server: str, folder: Path) -> dict[str, object]:
    base = make_url(server)
    name = f"centres_syncbench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    url = base.set(database=name).render_as_string(hide_password=False)
    try:
        central = Store.open(url)
        try:
            start = time.perf_counter()
            central.import_actions(generate_actions(size, DEFAULT_SEED), "synthetic")
            fill_s = time.perf_counter() - start
        finally:
            central.close()
        local = Store.open(folder / "local.db")
        try:
            start = time.perf_counter()
            first = local.sync(url)
            first_s = time.perf_counter() - start
            assert first.received == size and first.complete, first
            central = Store.open(url)
            try:
                _edit(central, CHANGES, "Changée sur le serveur")
            finally:
                central.close()
            start = time.perf_counter()
            pulled = local.sync(url)
            pull_s = time.perf_counter() - start
            assert pulled.received == CHANGES, pulled
            _edit(local, CHANGES, "Changée ici")
            start = time.perf_counter()
            pushed = local.sync(url)
            push_s = time.perf_counter() - start
            assert pushed.sent == CHANGES, pushed
            start = time.perf_counter()
            idle = local.sync(url)
            idle_s = time.perf_counter() - start
            assert (idle.sent, idle.received) == (0, 0), idle
        finally:
            local.close()
        db_mb = (folder / "local.db").stat().st_size / 1e6
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()
    return {
        "actions": size,
        "server_fill_s": round(fill_s, 2),
        "first_sync_s": round(first_s, 2),
        "first_sync_rate": round(size / first_s),
        "incremental_pull_10_s": round(pull_s, 3),
        "incremental_push_10_s": round(push_s, 3),
        "nothing_to_do_s": round(idle_s, 3),
        "local_db_mb": round(db_mb, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="actions on the server")
    parser.add_argument(
        "--server", default=os.environ.get("CENTRES_APP_TEST_PG_URL"), help="PostgreSQL URL"
    )
    args = parser.parse_args(argv)
    if not args.server:
        parser.error("--server URL (or $CENTRES_APP_TEST_PG_URL) is needed")
    with tempfile.TemporaryDirectory() as folder:
        figures = run(args.size, args.server, Path(folder))
    print(f"server filled with {figures['actions']} actions in {figures['server_fill_s']} s")
    print(
        f"first sync: {figures['first_sync_s']} s ({figures['first_sync_rate']} actions/s), "
        f"local store {figures['local_db_mb']} MB"
    )
    print(
        f"incremental sync, {CHANGES} changes on the server: {figures['incremental_pull_10_s']} s"
    )
    print(f"incremental sync, {CHANGES} local changes: {figures['incremental_push_10_s']} s")
    print(f"sync with nothing to do: {figures['nothing_to_do_s']} s")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
