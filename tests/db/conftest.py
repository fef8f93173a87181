"""The Store-level tests of these modules run on both backends: SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

# Modules whose tests only use the Store API. The others here are about the SQLite file
# itself (backups, migrations of a file, file locks, the in-memory index of a file).
BOTH_BACKENDS = {
    "test_search",
    "test_store",
    "test_trash_history",
    "test_saved_searches",
    "test_import_preview",
    "test_import_history",
    "test_import_hostile",
    "test_experiences",
    "test_vocabulary",
    "test_amount_total",
}
# A test that opens the SQLite file directly (sample_db / empty_db) stays on SQLite.
_FILE_FIXTURES = {"sample_db", "empty_db"}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" not in metafunc.fixturenames:
        return
    if metafunc.module.__name__.rpartition(".")[2] not in BOTH_BACKENDS:
        return
    if _FILE_FIXTURES & set(metafunc.fixturenames):
        return
    if metafunc.definition.get_closest_marker("sqlite_only"):
        return
    metafunc.parametrize("backend", ["sqlite", "postgresql"], indirect=True)
