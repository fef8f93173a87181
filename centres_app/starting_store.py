"""The store the window gets at start-up while the real one opens in the background (issue 17).

Opening the store imports SQLAlchemy (~0.4–0.9 s of a ~1 s start-up); the first window needs
only a count, the unfiltered list, the rows on screen, the saved searches and where the file
is. `StartingStore` answers those from `db/first_page.py` (plain sqlite3, read-only) and
opens the real `Store` in a thread on the first call that needs it — in practice the facet
counts and the completeness of the rows, which the window asks right after its first paint.
Every other call waits for the real store and is then the real store's; once it is open, all
of them are. The window types it as `services.StoreServices` like any store.

What cannot differ: the early answers are the store's own statements (first_page.py), and
the change token the window keeps from before the opening (`EARLY_TOKEN`) stands for the
state the real store opened on, unless another process committed meanwhile (the early
connection's `PRAGMA data_version` moved): then the window's first look at the token sees a
change and reads everything again, as for any commit of another process. If the real
opening fails after all (first_page.py only answers for a sound store at the head revision,
so it should not), every call that needs the store raises a StoreError with its message.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from centres_app.domain import ActionRow, Filters, SavedSearch, SearchRequest
from centres_app.errors import AppError, StoreError

if TYPE_CHECKING:
    from centres_app.db.first_page import FirstPage
    from centres_app.db.store import Store

T = TypeVar("T")

# The change token before the real store is open: data_version is never negative.
EARLY_TOKEN = -1
# How long the background start-up check waits for the window to start the opening.
CHECK_GRACE_S = 2.0


class StartingStore:
    """services.StoreServices over a store being opened (see the module's docstring)."""

    def __init__(self, path: Path, early: FirstPage, open_real: Callable[[], Store]) -> None:
        self._path = path
        self._open_real = open_real
        self._lock = threading.Lock()  # the early reader's use, and the switch to the real one
        self._early: FirstPage | None = early
        self._version = early.version
        self._started = False
        self._done = threading.Event()
        self._real: Store | None = None
        self._error: BaseException | None = None
        self._ready_token: int | None = None
        self._stale = False

    # --- identity, known without opening ----------------------------------------------------

    @property
    def db_path(self) -> Path:
        return self._path

    @property
    def url(self) -> str:
        return "sqlite+pysqlite:///" + str(self._path)  # engine.database_url

    # --- the real store ----------------------------------------------------------------------

    def begin(self) -> None:
        """Starts opening the real store in a thread (once)."""
        with self._lock:
            if self._started:
                return
            self._started = True
        threading.Thread(target=self._open, name="store-open", daemon=True).start()

    def _open(self) -> None:
        try:
            real = self._open_real()
            token = real.change_token()
        except BaseException as exc:  # noqa: BLE001 - told to every caller (wait)
            self._error = exc
            self._done.set()
            return
        with self._lock:
            early, self._early = self._early, None
            if early is not None:
                try:
                    self._stale = early.data_version() != self._version
                except sqlite3.Error:
                    self._stale = True
                early.close()
            self._ready_token = token
            self._real = real
        self._done.set()

    def wait(self) -> Store:
        """The real store, opened now if it was not asked yet."""
        self.begin()
        self._done.wait()
        if self._real is None:
            error = self._error
            if isinstance(error, AppError):
                raise StoreError(str(error)) from error
            raise StoreError(f"Ouverture de la base impossible : {error}") from error
        return self._real

    @property
    def opened(self) -> bool:
        return self._real is not None

    def __getattr__(self, name: str) -> Any:
        # Only what the class does not answer itself: the real store's, once it is open.
        if name.startswith("__"):
            raise AttributeError(name)
        real = self._real
        if real is not None:
            return getattr(real, name)

        def deferred(*args: Any, **kwargs: Any) -> Any:
            return getattr(self.wait(), name)(*args, **kwargs)

        deferred.__name__ = name
        return deferred

    def _early_or(self, early_read: Callable[[FirstPage], T], real_read: Callable[[Store], T]) -> T:
        with self._lock:
            early = self._early if self._real is None else None
            if early is not None:
                try:
                    return early_read(early)
                except sqlite3.Error:
                    pass  # the real store says what is wrong
        return real_read(self.wait())

    # --- what the first window reads ---------------------------------------------------------

    def count(self) -> int:
        return self._early_or(lambda e: e.count(), lambda s: s.count())

    def search_ids(self, request: SearchRequest) -> Sequence[int]:
        plain = (
            request.filters == Filters()
            and not request.descending
            and request.sort in ("relevance", "title")
            and not request.text.strip()
        )
        if not plain:
            return self.wait().search_ids(request)
        return self._early_or(lambda e: e.title_ids(), lambda s: s.search_ids(request))

    def rows(self, ids: Sequence[int]) -> list[ActionRow]:
        return self._early_or(lambda e: e.rows(ids), lambda s: s.rows(ids))

    def saved_searches(self) -> list[SavedSearch]:
        return self._early_or(lambda e: e.saved_searches(), lambda s: s.saved_searches())

    def risk(self) -> str | None:
        """SafetyService.risk: where the file is, no need to open it."""
        from centres_app.config import risky_location

        return risky_location(self._path)

    def change_token(self) -> int | None:
        real = self._real
        if real is None:
            return EARLY_TOKEN
        token = real.change_token()
        if not self._stale and token == self._ready_token:
            return EARLY_TOKEN
        return token

    def check(self, full: bool = False) -> list[str]:
        """The background start-up check: it waits for the window to start the opening (the
        first paint comes first), then checks the real store."""
        if not self._done.wait(CHECK_GRACE_S):
            self.begin()
        return self.wait().check(full)

    def close(self) -> None:
        with self._lock:
            started = self._started
        if started:
            self._done.wait()
        with self._lock:
            early, self._early = self._early, None
        if early is not None:
            early.close()
        if self._real is not None:
            self._real.close()
