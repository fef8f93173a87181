"""Shared fixtures: the real sample export, real stores (SQLite file, PostgreSQL) from templates."""

from __future__ import annotations

import faulthandler
import json
import shutil
from pathlib import Path

import pytest

from centres_app.db.store import Store
from centres_app.domain import ActionData

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "senacs-drome.txt"
# The expected reading of the sample (a copy of shared/data/senacs-drome.expected.json).
EXPECTED = ROOT / "tests" / "data" / "senacs-drome.expected.json"


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """A test given more time than faulthandler_timeout (@pytest.mark.timeout, the bundle) gets
    its stack dump 10 s before its own timeout, not a false alarm at the default one."""
    marker = item.get_closest_marker("timeout")
    default = float(item.config.getini("faulthandler_timeout") or 0)
    if not (marker and marker.args and default) or float(marker.args[0]) <= default:
        return
    try:  # pytest's own faulthandler file (a private key: without it, keep pytest's dump)
        from _pytest.faulthandler import fault_handler_stderr_fd_key
    except ImportError:
        return
    stderr = item.config.stash.get(fault_handler_stderr_fd_key, None)
    if stderr is not None:
        faulthandler.dump_traceback_later(float(marker.args[0]) - 10, file=stderr)


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def expected_actions() -> list[dict]:
    if not EXPECTED.exists():
        pytest.skip(f"expected reading not available: {EXPECTED}")
    return json.loads(EXPECTED.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def sample_actions() -> list[ActionData]:
    from centres_app.exchange.senacs_reader import read_senacs_file

    return read_senacs_file(SAMPLE)


@pytest.fixture(scope="session")
def _templates(tmp_path_factory: pytest.TempPathFactory, sample_actions) -> dict[str, Path]:
    """Migrating and importing once, then copying the file per test, keeps tests fast."""
    folder = tmp_path_factory.mktemp("templates")
    empty = folder / "empty.db"
    Store.open(empty).close()
    sample = folder / "sample.db"
    store = Store.open(sample)
    store.import_actions(sample_actions, str(SAMPLE))
    store.close()
    return {"empty": empty, "sample": sample}


def _copy(template: Path, dest: Path) -> Path:
    shutil.copyfile(template, dest)
    return dest


@pytest.fixture
def empty_db(tmp_path: Path, _templates) -> Path:
    return _copy(_templates["empty"], tmp_path / "store.db")


@pytest.fixture
def sample_db(tmp_path: Path, _templates) -> Path:
    return _copy(_templates["sample"], tmp_path / "store.db")


# --- Both backends: tests/db/conftest.py runs the Store-level tests on SQLite and PostgreSQL --


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """ "sqlite", or the backend a parametrised test runs on ("sqlite" / "postgresql")."""
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def pg_server(sample_actions):
    """The test PostgreSQL server with its templates (skipped with the reason when absent)."""
    from tests.pgserver import connect

    server = connect(sample_actions)
    yield server
    server.close()


@pytest.fixture(scope="module")
def _pg_shared_sample(pg_server):
    """One sample database for a whole module marked `reads_only` (a CREATE DATABASE per test
    is most of a PostgreSQL test's time). It is read-only: a write there fails loudly."""
    with pg_server.database("sample") as url:
        pg_server.make_read_only(url)
        yield url


def _target(backend: str, kind: str, request: pytest.FixtureRequest):
    if (
        backend == "postgresql"
        and kind == "sample"
        and request.node.get_closest_marker("reads_only")
    ):
        yield request.getfixturevalue("_pg_shared_sample")
    elif backend == "postgresql":
        with request.getfixturevalue("pg_server").database(kind) as url:
            yield url
    else:
        yield request.getfixturevalue(f"{kind}_db")


@pytest.fixture
def empty_target(backend: str, request: pytest.FixtureRequest):
    """A fresh migrated store: a SQLite file path, or a PostgreSQL URL."""
    yield from _target(backend, "empty", request)


@pytest.fixture
def sample_target(backend: str, request: pytest.FixtureRequest):
    """A fresh store holding the sample: a SQLite file path, or a PostgreSQL URL."""
    yield from _target(backend, "sample", request)


@pytest.fixture
def store(empty_target):
    s = Store.open(empty_target)
    yield s
    s.close()


@pytest.fixture
def sample_store(sample_target):
    s = Store.open(sample_target)
    yield s
    s.close()
