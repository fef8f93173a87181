"""An open store: one Database (engine, sessions, in-memory index) and its services.

The services, one job each, are typed for the window by the Protocols of centres_app.services:

- search_service.SearchQueries   reading and searching actions (services.SearchService);
- action_service.ActionEditing   writing actions, trash, history (services.ActionService);
- safety_service.FileSafety      backups, checks, restore (services.SafetyService);
- insight_service.Insight        similar actions, saved searches (services.InsightService);
- exchange_service.Imports       imports and their previews (services.ExchangeService);
- sync_service.Synchronising     the sync with the federation's server (services.SyncService).

Each works on the Database given to it and can be used alone (`SearchQueries(db)`); `Store`
puts the five on one Database, with the lifecycle (open, close, change token), so that the
command line, the tests and the window (services.StoreServices) hold one object. Every
service returns frozen dataclasses of centres_app.domain, never live ORM objects.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from centres_app.db.action_service import ActionEditing
from centres_app.db.database import Database
from centres_app.db.engine import (
    create_store_engine,
    database_url,
    migrate,
    precheck_sqlite_file,
)
from centres_app.db.exchange_service import Imports
from centres_app.db.insight_service import Insight
from centres_app.db.memindex import MemorySearch, Snapshot
from centres_app.db.safety_service import FileSafety
from centres_app.db.search_service import SearchQueries
from centres_app.db.sync_service import Synchronising
from centres_app.db.vocabulary_service import VocabularyEditing
from centres_app.errors import StoreError


class Store(
    SearchQueries, ActionEditing, FileSafety, Insight, Imports, VocabularyEditing, Synchronising
):
    """A migrated database and the seven services over it (they share `self._db`)."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(Database(engine))

    @classmethod
    def open(cls, target: str | Path) -> Store:
        """Opens (creating and migrating when needed) the store at a path or URL."""
        url = database_url(target)
        if "://" not in str(target):
            folder = Path(target).expanduser().resolve().parent
            if not folder.is_dir():
                raise StoreError(f"Le dossier de la base n'existe pas : {folder}")
            precheck_sqlite_file(Path(target).expanduser().resolve())
        engine = create_store_engine(url)
        try:
            migrate(engine)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine)

    def close(self) -> None:
        self._db.close()

    @property
    def engine(self) -> Engine:
        return self._db.engine

    @property
    def url(self) -> str:
        return self._db.url

    @property
    def db_path(self) -> Path | None:
        """The store's file, or None for a server database."""
        return self._db.db_path

    def change_token(self) -> int | None:
        """A number that moves whenever another process commits to the store (Database)."""
        return self._db.change_token()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """One read transaction (the command line and the tests read through it)."""
        with self._db.reading() as session:
            yield session

    @contextmanager
    def writing(self, changed: set[int] | None = None) -> Iterator[Session]:
        """One write transaction (Database.writing)."""
        with self._db.writing(changed) as session:
            yield session

    # Tests look at the in-memory index behind the store.
    @property
    def _memory(self) -> MemorySearch | None:
        return self._db.memory

    def _snapshot(self) -> Snapshot | None:
        return self._db.snapshot()
