"""Cost of row-level security (migration 0010): the same import and saves as the tables'
owner and as a centre's role, each on a fresh database of one PostgreSQL server.

    source scripts/test-postgres.sh && start_test_postgres \\
        && .venv/bin/python benchmarks/row_security_bench.py 5000

The server is $CENTRES_APP_TEST_PG_URL (a superuser URL: it creates and drops two databases
and one role). The actions are the sample's (resources/senacs-drome.txt) under one structure,
retitled so that each is new.
"""

from __future__ import annotations

import os
import sys
import time
import uuid
from dataclasses import replace
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from centres_app.db import server_roles
from centres_app.db.store import Store
from centres_app.domain import SearchRequest
from centres_app.exchange.senacs_reader import read_senacs_file

ROOT = Path(__file__).resolve().parents[1]
STRUCTURE = "Centre de mesure"


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    base = make_url(os.environ["CENTRES_APP_TEST_PG_URL"])
    admin = create_engine(base, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    run = uuid.uuid4().hex[:6]
    role = f"bench_centre_{run}"
    sample = read_senacs_file(ROOT / "resources" / "senacs-drome.txt")
    actions = [
        replace(sample[i % len(sample)], title=f"Action {i}", structure=STRUCTURE)
        for i in range(count)
    ]
    with admin.connect() as conn:
        conn.execute(text(f"CREATE ROLE {role} LOGIN PASSWORD 'x'"))
    try:
        for who in ("owner", "centre"):
            database = f"bench_{run}_{who}"
            with admin.connect() as conn:
                conn.execute(text(f"CREATE DATABASE {database}"))
            try:
                url = base.set(database=database)
                Store.open(url.render_as_string(hide_password=False)).close()
                engine = create_engine(url, poolclass=NullPool)
                with engine.begin() as conn:
                    server_roles.add_centre(conn, role, STRUCTURE, "x")
                engine.dispose()
                target = url if who == "owner" else url.set(username=role, password="x")
                store = Store.open(target.render_as_string(hide_password=False))
                try:
                    start = time.perf_counter()
                    store.import_actions(actions, "bench")
                    imported = time.perf_counter() - start
                    ids = store.search_ids(SearchRequest())[:50]
                    start = time.perf_counter()
                    for action_id in ids:
                        detail = store.get(action_id)
                        changed = replace(detail.data, summary=detail.data.summary + " x")
                        store.update(detail.id, detail.version, changed)
                    save = (time.perf_counter() - start) / len(ids)
                finally:
                    store.close()
                print(
                    f"{who}: import {count} actions {imported:.2f} s "
                    f"({imported / count * 1e3:.2f} ms/action); save (get+update) "
                    f"{save * 1e3:.1f} ms"
                )
            finally:
                with admin.connect() as conn:
                    conn.execute(text(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)"))
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP ROLE IF EXISTS {role}"))
        admin.dispose()


if __name__ == "__main__":
    main()
