"""A stand-in for the synchronisation engine (issue 19) behind the real window: the real store
with the SyncService methods (centres_app.services) done by hand on it.

`FakeSyncStore.sync` really changes the store: it "receives" the actions of `batches` (created,
or updated when an `updates` entry names an action), one batch per progress report, and stops
between two batches once the progress report says False (complete=False), as the engine does.
A conflict is made for real: the local version goes into the history (store.update) and is
listed by `sync_conflicts()` until `resolve_conflict` is called.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from centres_app.db.store import Store
from centres_app.domain import ActionData, ActionDetail, Revision, SyncConflict, SyncReport
from centres_app.errors import Conflict
from centres_app.ui.window.main_window import MainWindow
from tests.ui.main_window_fixtures import wait_facets

WAIT_S = 8.0  # the longest the fake waits for a cancel before it gives up (a test failure)


class FakeSyncStore:
    """The real Store (every other service delegated) with SyncService done by hand."""

    def __init__(self, store: Store) -> None:
        self._real = store
        self.urls: list[str] = []  # the server URLs sync() was called with
        self.batches: list[list[ActionData]] = []  # what each batch "receives"
        self.updates: dict[str, ActionData] = {}  # title -> server version (an edit received)
        self.conflict_titles: set[str] = set()  # updated titles that were also edited here
        self.sent = 0
        self.refused: tuple[SyncConflict, ...] = ()
        self.error: BaseException | None = None  # raised by sync() instead of syncing
        self.errors: list[BaseException] = []  # raised by the next sync() calls, in turn
        self.wait_for_cancel = False  # after the first batch: wait until progress says False
        self.saw_cancel = False
        self.reports: list[tuple[int, int]] = []
        self.applied_batches = 0
        self.conflicts: list[SyncConflict] = []
        self.resolved: list[tuple[int, int, bool, int]] = []
        self.resolve_error: BaseException | None = None
        self.thread_names: list[str] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    # --- SyncService --------------------------------------------------------------------------

    def sync(
        self, server_url: str, progress: Callable[[int, int], bool] | None = None
    ) -> SyncReport:
        self.urls.append(server_url)
        self.thread_names.append(threading.current_thread().name)
        if self.errors:
            raise self.errors.pop(0)
        if self.error is not None:
            raise self.error
        received = 0
        new_conflicts: list[SyncConflict] = []
        total = len(self.batches) + bool(self.updates)
        for index, batch in enumerate(self.batches):
            if progress is not None and index and not self._go_on(progress, index, total):
                return self._report(received, new_conflicts, complete=False)
            for data in batch:
                self._real.create(data)
                received += 1
            self.applied_batches += 1
            if self.wait_for_cancel and progress is not None:
                deadline = time.monotonic() + WAIT_S
                while progress(index + 1, total) and time.monotonic() < deadline:
                    time.sleep(0.02)
        if self.updates:
            if progress is not None and not self._go_on(progress, len(self.batches), total):
                return self._report(received, new_conflicts, complete=False)
            ids = {d.data.title: d.id for d in self._real.details(self._all_ids())}
            for title, server in self.updates.items():
                action_id = ids[title]
                local = self._real.get(action_id)
                self._real.update(action_id, local.version, server)
                received += 1
                if title in self.conflict_titles:
                    conflict = SyncConflict(
                        uuid=f"uuid-{action_id}",
                        title=title,
                        action_id=action_id,
                        kept_version=local.version,
                    )
                    new_conflicts.append(conflict)
        if progress is not None:
            progress(total, total)
        self.conflicts.extend(new_conflicts)
        return self._report(received, new_conflicts, complete=True)

    def sync_conflicts(self) -> list[SyncConflict]:
        return list(self.conflicts)

    def resolve_conflict(
        self, action_id: int, kept_version: int, take_kept: bool, expected_version: int
    ) -> ActionDetail:
        self.resolved.append((action_id, kept_version, take_kept, expected_version))
        if self.resolve_error is not None:
            raise self.resolve_error
        current = self._real.get(action_id)
        if current.version != expected_version:
            raise Conflict("L'action a été modifiée ailleurs entre-temps.")
        if take_kept:
            current = self._real.restore_revision(action_id, kept_version, expected_version)
        self.conflicts = [
            c for c in self.conflicts if (c.action_id, c.kept_version) != (action_id, kept_version)
        ]
        return current

    def history(self, action_id: int) -> list[Revision]:
        """The real history, the kept versions of the open conflicts marked as such."""
        kept = {c.kept_version for c in self.conflicts if c.action_id == action_id}
        return [
            dataclasses.replace(r, conflict=r.version in kept)
            for r in self._real.history(action_id)
        ]

    # --- internals ----------------------------------------------------------------------------

    def _go_on(self, progress: Callable[[int, int], bool], done: int, total: int) -> bool:
        self.reports.append((done, total))
        if progress(done, total):
            return True
        self.saw_cancel = True
        return False

    def _report(self, received: int, conflicts: list[SyncConflict], complete: bool) -> SyncReport:
        return SyncReport(
            sent=self.sent,
            received=received,
            conflicts=tuple(conflicts),
            refused=self.refused,
            complete=complete,
        )

    def _all_ids(self) -> list[int]:
        from centres_app.domain import SearchRequest

        return self._real.search_ids(SearchRequest())


@contextmanager
def open_sync_window(qtbot, db: Path, settings: QSettings):  # noqa: ANN001, ANN201
    """The real main window over the real store of `db` behind a FakeSyncStore."""
    real = Store.open(db)
    fake = FakeSyncStore(real)
    window = MainWindow(fake, settings)
    window.show()
    qtbot.waitExposed(window)
    wait_facets(qtbot, window)
    try:
        yield window, fake
    finally:
        if window.detail_pane.mode == "edit":
            window.detail_pane.cancel_edit()
        window.close()
        window.facet_counter.shutdown()
        real.close()
