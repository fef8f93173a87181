"""The window's searches and sorts, off the GUI thread (issue 17).

A search asked by the window (a keystroke settled, a filter toggled, a header clicked, a write
seen) goes to a newest-request-wins channel of the task runner (`tasks.Latest`): the store's
`search_ids` runs in a worker thread, and the list keeps showing the previous result until the
answer of the newest request arrives; an answer to an older request is dropped. The facet counts
are asked once the new rows are shown, on their own channel, as before.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, SignalInstance

from centres_app.domain import SearchRequest
from centres_app.ui import tasks

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStatusBar

    from centres_app.domain import ActionDetail, ActionRow
    from centres_app.services import StoreServices
    from centres_app.ui.models.action_list_model import ActionListModel

# What the channel answers: the request it was for, the ids of its result in order, the rows of
# its first page (None when they could not be read: the list reads them itself), and the first
# hit read whole when the action the window shows left the result (the pane follows to it).
Answer = tuple[SearchRequest, Sequence[int], "list[ActionRow] | None", "ActionDetail | None"]


def same_ids(shown: Sequence[int], ids: Sequence[int]) -> bool:
    """Whether two results hold the same ids in the same order (the first page compared
    first: a different result is told at once; ~2 ms for 100,000 equal ids, off the GUI
    thread)."""
    if len(shown) != len(ids):
        return False
    if list(shown[:256]) != list(ids[:256]):
        return False
    return _listed(shown) == _listed(ids)


def _listed(ids: Sequence[int]) -> list[int]:
    return ids if isinstance(ids, list) else list(ids[:])


class SearchRunner(QObject):
    """Runs `store.search_ids` for the window's requests, the newest one winning.

    The error of the newest request (an unreadable store) is shown in the status bar, as the
    synchronous search showed it.

    Signals:
        answered(object, object): the request (SearchRequest) and its ids (Sequence[int]), in the
            GUI thread; only the newest request's answer comes.
    """

    answered = Signal(object, object)

    def __init__(
        self,
        store: StoreServices,
        status_bar: QStatusBar,
        parent: QObject | None = None,
        model: ActionListModel | None = None,
    ) -> None:
        super().__init__(parent)
        search_ids: Callable[[SearchRequest], Sequence[int]] = store.search_ids
        self._get = store.get
        self._warmed = False
        fetch_rows = store.rows
        first_page = model.PAGE_SIZE if model is not None else 0

        def work(request: SearchRequest) -> Answer:
            ids = search_ids(request)
            shown = self._shown
            if shown is not None and shown[0] == request and same_ids(shown[1], ids):
                # The result shown, found again (the search after a save, a write seen from
                # another window): answered with the object shown, which the list keeps.
                return request, shown[1], None, None
            rows: list[ActionRow] | None = None
            first: ActionDetail | None = None
            look_for = self._look_for
            if look_for is not None and look_for in ids:
                # The window selects the action it shows in the new result: its row is found
                # here, where the result's order is computed up to it (columns.OrderedIds: ~5 ms
                # for 100,000 on the GUI thread at each keystroke, issue 17).
                ids.index(look_for)
            elif look_for is not None and len(ids):
                # The pane will follow to the first hit (search_feedback): read here, not by
                # the GUI thread in the turn that shows it (~5-9 ms at 100,000, issue 17).
                try:
                    first = self._get(ids[0])
                except Exception:  # noqa: BLE001 - the window reads it again and says why
                    first = None
            if first_page:
                # Read here, the first page is not read by the list's first paint on the GUI
                # thread (issue 17); a failure is left to the list, which reports it.
                try:
                    rows = fetch_rows(ids[:first_page])
                except Exception:  # noqa: BLE001 - the list reads the page again and says why
                    rows = None
            return request, ids, rows, first

        self._model = model
        self._status_bar = status_bar
        # The request answered last and its ids (set on the GUI thread, read by the worker).
        self._shown: tuple[SearchRequest, Sequence[int]] | None = None
        self._look_for: int | None = None
        self._first: ActionDetail | None = None  # of the answer shown last (take_first_hit)
        self._when_shown: list[Callable[[], object]] = []
        self._channel = tasks.runner().latest("search", work, self)
        self._channel.finished.connect(self._on_channel_finished)
        self._channel.failed.connect(self._on_channel_failed)

    @property
    def busy(self) -> bool:
        """A request is running or waiting (its answer has not been shown yet)."""
        return self._channel.busy

    def request(self, request: SearchRequest) -> None:
        # The action the window shows (MainWindow.shown_id), to be found in the result.
        self._look_for = getattr(self.parent(), "shown_id", None)
        self._first = None  # a new search: the store may have changed since it was read
        self._channel.request(request)

    def take_first_hit(self, action_id: int) -> ActionDetail | None:
        """The first hit of the result shown, read with it, if that is `action_id` and no
        search was asked since (once: the next call gives None)."""
        first, self._first = self._first, None
        return first if first is not None and first.id == action_id else None

    def when_shown(self, then: Callable[[], object]) -> None:
        """Calls `then` now, or once the result asked last is shown when one is on its way
        (↓ or Entrée in the search box enters the list of what was typed, not the one before)."""
        if self.busy:
            self._when_shown.append(then)
        else:
            then()

    def defer(self, signal: SignalInstance, then: Callable[[], object]) -> None:
        """Connects `signal` to `then` through `when_shown`."""
        signal.connect(lambda: self.when_shown(then))

    def shutdown(self) -> None:
        """Forgets the requests and waits for the running one (before the store is closed)."""
        self._when_shown.clear()
        self._channel.shutdown()

    def _on_channel_finished(self, answer: Answer) -> None:
        request, ids, rows, first = answer
        self._shown = (request, ids)
        self._first = first
        if not self._warmed and len(ids):
            self._warm_up(ids[0])
        if self._model is not None and rows is not None:
            self._model.prime(ids, rows)
        self.answered.emit(request, ids)
        self._run_when_shown()

    def _on_channel_failed(self, message: str) -> None:
        self._status_bar.showMessage(message, 10_000)
        self._run_when_shown()  # the list stays as it was

    def _warm_up(self, action_id: int) -> None:
        """Reads one action off the GUI thread once the first result is shown: the first
        action opened read it with the ORM's statements compiled on the GUI thread (~30 ms
        of a ~35 ms first read at 100,000 actions, 2-3 ms afterwards; issue 17)."""
        self._warmed = True
        get = self._get
        tasks.runner().start(
            "warm-up", lambda: get(action_id), on_failed=lambda _exc: None, report_failure=False
        )

    def _run_when_shown(self) -> None:
        if self.busy:
            return  # a newer request is on its way (asked by `answered`'s receivers)
        waiting, self._when_shown = self._when_shown, []
        for then in waiting:
            then()
