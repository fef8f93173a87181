"""Shared fixtures: the real sample export, and real SQLite stores copied from templates."""

from __future__ import annotations

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


@pytest.fixture
def store(empty_db: Path):
    s = Store.open(empty_db)
    yield s
    s.close()


@pytest.fixture
def sample_store(sample_db: Path):
    s = Store.open(sample_db)
    yield s
    s.close()
