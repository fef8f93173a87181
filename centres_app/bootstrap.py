"""Composition root helpers: open the chosen store, seeding the default one on first run."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from centres_app.config import SAMPLE_FILE, resolve_db_target, resource_path
from centres_app.errors import StoreError, describe_os_error

if TYPE_CHECKING:
    from centres_app.db.store import Store
    from centres_app.starting_store import StartingStore


def open_store_for_window(cli_db: str | None = None) -> Store | StartingStore:
    """`open_store` for the window at start-up: a sound SQLite store at the current schema is
    opened in the background while the window shows its first page (starting_store.py, issue
    17: SQLAlchemy is imported after the first paint); anything else is opened here, as
    `open_store` does (errors, migrations, the default store's first run)."""
    from centres_app.db.first_page import FirstPage

    target, is_default = resolve_db_target(cli_db)
    early = None if "://" in target else FirstPage.open(Path(target).expanduser().resolve())
    if early is not None and is_default:
        try:
            seeding = early.count() == 0 and _never_seeded(Path(target))
        except sqlite3.Error:
            seeding = True
        if seeding:
            early.close()
            early = None
    if early is None:
        return open_store(cli_db)
    from centres_app.starting_store import StartingStore

    return StartingStore(Path(target).expanduser().resolve(), early, lambda: open_store(cli_db))


def open_store(cli_db: str | None = None) -> Store:
    """Opens --db, $CENTRES_APP_DB or the default store.

    The default store is created on first run in the user data directory and filled with
    the sample actions, so that a new user sees real content at once.
    """
    from centres_app.db.store import Store

    target, is_default = resolve_db_target(cli_db)
    if not is_default:
        return Store.open(target)
    path = Path(target)
    first_run = not path.exists()
    if first_run:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"Impossible de créer le dossier de données {path.parent} : "
                f"{describe_os_error(exc)}."
            ) from exc
    store = Store.open(path)
    if first_run or store.count() == 0 and _never_seeded(path):
        seed_sample(store)
    return store


def _never_seeded(path: Path) -> bool:
    marker = path.with_suffix(".seeded")
    return not marker.exists()


def seed_sample(store: Store) -> None:
    from centres_app.exchange.senacs_reader import read_senacs_file

    sample = resource_path(SAMPLE_FILE)
    store.import_actions(read_senacs_file(sample), str(sample))
    db_path = store.engine.url.database
    if db_path:
        Path(db_path).with_suffix(".seeded").touch()
