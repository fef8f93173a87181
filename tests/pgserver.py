"""PostgreSQL databases for the tests: templates migrated once, one copy per test.

The server comes from CENTRES_APP_TEST_PG_URL (scripts/run-tests.sh starts a throwaway one).
Without it the PostgreSQL variants are skipped with the reason, except on CI where a missing
server is a failure: the CI run must prove both backends.
"""

from __future__ import annotations

import itertools
import os
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from centres_app.db.store import Store
from centres_app.domain import ActionData

PG_URL_VAR = "CENTRES_APP_TEST_PG_URL"
HINT = "set CENTRES_APP_TEST_PG_URL or install postgresql"
# The advisory lock (any number of ours) under which a test process makes its templates.
TEMPLATES_LOCK = 0x43454E54


def unavailable(why: str) -> None:
    """Skips (fails on CI) the PostgreSQL variant of a test, saying why."""
    message = f"PostgreSQL indisponible : {why} — {HINT}"
    if os.environ.get("CI") == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


class PgServer:
    """Creates and drops this run's databases (names centres_test_<run>_*) on one server."""

    def __init__(self, url: str) -> None:
        self.base = make_url(url)
        self.prefix = f"centres_test_{uuid.uuid4().hex[:8]}_"
        self._numbers = itertools.count(1)
        # CREATE / DROP DATABASE cannot run in a transaction; no pool, no idle connection.
        self.admin = create_engine(self.base, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        self.templates: dict[str, str] = {}

    def url(self, database: str) -> str:
        return self.base.set(database=database).render_as_string(hide_password=False)

    def _execute(self, sql: str) -> None:
        with self.admin.connect() as conn:
            conn.execute(text(sql))

    def create(self, template: str | None = None) -> str:
        name = f"{self.prefix}{next(self._numbers)}"
        # FILE_COPY: a copy of the template's files, quicker than WAL_LOG for small databases.
        clause = f" TEMPLATE {template} STRATEGY FILE_COPY" if template else ""
        self._execute(f"CREATE DATABASE {name}{clause}")
        return name

    def drop(self, name: str) -> None:
        self._execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def make_read_only(self, url: str) -> None:
        name = make_url(url).database
        self._execute(f"ALTER DATABASE {name} SET default_transaction_read_only = on")

    def make_templates(self, sample: Sequence[ActionData]) -> None:
        """An empty migrated database and one holding the sample, made once per session.

        The test processes (pytest-xdist) share the server, and the first migration on a
        fresh cluster creates its group roles (cluster-wide, migration 0010) when missing:
        two at once would both create them, and one would fail. One process at a time."""
        with self.admin.connect() as lock:
            lock.execute(text("SELECT pg_advisory_lock(:k)"), {"k": TEMPLATES_LOCK})
            try:
                empty = self.create()
                Store.open(self.url(empty)).close()
                self.templates["empty"] = empty
                full = self.create()
                store = Store.open(self.url(full))
                try:
                    store.import_actions(sample, "sample")
                finally:
                    store.close()
                self.templates["sample"] = full
            finally:
                lock.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": TEMPLATES_LOCK})

    @contextmanager
    def database(self, kind: str) -> Iterator[str]:
        """The URL of a fresh copy of the `empty` or `sample` template, dropped afterwards."""
        name = self.create(self.templates[kind])
        try:
            yield self.url(name)
        finally:
            self.drop(name)

    def close(self) -> None:
        for name in self.templates.values():
            self.drop(name)
        self.admin.dispose()


def connect(sample: Sequence[ActionData]) -> PgServer:
    """The server of CENTRES_APP_TEST_PG_URL with its templates, or a skip saying why."""
    url = os.environ.get(PG_URL_VAR)
    if not url:
        unavailable(f"{PG_URL_VAR} n'est pas défini")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        unavailable("le pilote psycopg n'est pas installé (pip install -e '.[test]')")
    server = PgServer(url)  # type: ignore[arg-type]
    try:
        server.make_templates(sample)
    except Exception as exc:  # noqa: BLE001 - any failure here is a reason to show
        server.close()
        unavailable(str(exc).strip().splitlines()[0])
    return server
