"""The store's services as the window sees them: `typing.Protocol`s, no Qt and no database.

The window and its commands type against these; centres_app.db.store implements them over one
shared engine (db/database.py). Each service has one job:

- `SearchService`: reading actions and searching them (list, page, facets, vocabularies);
- `ActionService`: creating, saving and deleting actions, the trash and the history;
- `SafetyService`: the store file's backups, checks, restore and location risk;
- `InsightService`: similar actions and saved searches;
- `ExchangeService`: import previews and imports;
- `VocabularyService`: the values of each vocabulary, renamed and merged;
- `SyncService`: synchronising the store with the federation's server, and its conflicts.

`StoreServices` is all of them with the store's own lifecycle (`url`, `db_path`,
`change_token`, `close`): what the window receives.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Protocol

from centres_app.completeness import Completeness
from centres_app.domain import (
    ActionData,
    ActionDetail,
    ActionRow,
    BackupInfo,
    FacetValue,
    ImportFile,
    ImportPreview,
    ImportReport,
    Revision,
    SavedSearch,
    SearchRequest,
    SearchResult,
    SimilarAction,
    SyncConflict,
    SyncReport,
    TrashEntry,
    VocabularyValue,
)


class SearchService(Protocol):
    """Reading and searching actions. Field qualifiers of the text (`dep:Drôme`) are applied
    by the service (centres_app.qualifiers), once per call."""

    def count(self) -> int: ...

    def get(self, action_id: int) -> ActionDetail: ...

    def details(self, ids: Sequence[int]) -> list[ActionDetail]: ...

    def search(
        self, request: SearchRequest, offset: int = 0, limit: int | None = None
    ) -> SearchResult: ...

    def search_ids(self, request: SearchRequest) -> Sequence[int]: ...

    def rows(self, ids: Sequence[int]) -> list[ActionRow]: ...

    def facets(self, request: SearchRequest) -> dict[str, tuple[FacetValue, ...]]: ...

    def qualified(self, request: SearchRequest) -> SearchRequest: ...

    def vocabulary(self, kind: str) -> list[str]: ...

    def completeness(self, ids: Sequence[int]) -> dict[int, Completeness]: ...

    def financial_texts(self, request: SearchRequest) -> list[str]: ...

    def amount_total(self, request: SearchRequest) -> tuple[Decimal, int]: ...


class ActionService(Protocol):
    """Writing actions (one transaction each), the trash and the history of versions."""

    def create(self, data: ActionData) -> ActionDetail: ...

    def update(self, action_id: int, expected_version: int, data: ActionData) -> ActionDetail: ...

    def delete(self, action_id: int, expected_version: int | None = None) -> ActionData: ...

    def trash(self) -> list[TrashEntry]: ...

    def restore_deleted(self, action_id: int) -> ActionDetail: ...

    def restore_trash_entry(self, entry_id: int) -> ActionDetail: ...

    def empty_trash(self, entry_ids: Sequence[int] | None = None) -> int: ...

    def history(self, action_id: int) -> list[Revision]: ...

    def restore_revision(
        self, action_id: int, revision_version: int, expected_version: int
    ) -> ActionDetail: ...


class SafetyService(Protocol):
    """The store file: backups, checks, restore (SQLite files only), location risk."""

    def backup(self, out: Path | None = None) -> BackupInfo: ...

    def auto_backup(self) -> BackupInfo | None: ...

    def backups(self) -> list[BackupInfo]: ...

    def backup_info(self, path: Path) -> BackupInfo: ...

    def check(self, full: bool = False) -> list[str]: ...

    def require_sound(self) -> None: ...

    @property
    def damage(self) -> list[str] | None: ...

    def risk(self) -> str | None: ...

    def restore_backup(self, backup: Path) -> BackupInfo: ...


class InsightService(Protocol):
    """Similar actions and saved searches."""

    def similar(
        self, action_id: int | None = None, data: ActionData | None = None, limit: int = 8
    ) -> list[SimilarAction]: ...

    def saved_searches(self) -> list[SavedSearch]: ...

    def save_search(self, name: str, request: SearchRequest) -> SavedSearch: ...

    def rename_search(self, search_id: int, new_name: str) -> SavedSearch: ...

    def delete_search(self, search_id: int) -> None: ...


class ExchangeService(Protocol):
    """Imports (all or nothing) and their previews (writing nothing)."""

    def preview_import(
        self, actions: Sequence[ActionData], with_attachments: bool = False
    ) -> ImportPreview: ...

    def preview_file(self, file: ImportFile) -> ImportPreview: ...

    def import_actions(
        self, actions: Iterable[ActionData], source: str, with_attachments: bool = False
    ) -> ImportReport: ...

    def import_files(self, files: Sequence[ImportFile]) -> list[ImportReport]: ...


class VocabularyService(Protocol):
    """Each vocabulary kind's values with their use counts; renaming and merging them in
    every action (one transaction, each action's previous version kept in its history)."""

    def vocabulary_counts(self, kind: str) -> list[VocabularyValue]: ...

    def rename_value(self, kind: str, old: str, new: str) -> int: ...


# A long job's progress report: (done, total) -> False once the user has asked to cancel.
ProgressReport = Callable[[int, int], bool]


class SyncService(Protocol):
    """Synchronising this (local) store with the federation's PostgreSQL server (issue 19).

    `sync` pulls every change made on the server since the last sync and pushes every local
    change made since then, by batches, each one transaction on each side; `progress`
    returning False stops it between two batches (the report then has complete=False).
    Conflicts keep the version not applied as a history revision marked as a conflict."""

    def sync(self, server_url: str, progress: ProgressReport | None = None) -> SyncReport: ...

    def sync_conflicts(self) -> list[SyncConflict]: ...

    def resolve_conflict(
        self, action_id: int, kept_version: int, take_kept: bool, expected_version: int
    ) -> ActionDetail: ...


class StoreServices(
    SearchService,
    ActionService,
    SafetyService,
    InsightService,
    ExchangeService,
    VocabularyService,
    SyncService,
    Protocol,
):
    """Every service of one open store, with the store's lifecycle."""

    @property
    def url(self) -> str: ...

    @property
    def db_path(self) -> Path | None: ...

    def change_token(self) -> int | None: ...

    def close(self) -> None: ...
