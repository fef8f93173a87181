"""The vocabularies the edit forms offer, read off the GUI thread before « Modifier » (issue 17).

Reading them (distinct values of eight fields, folded and sorted) took 0.35-0.9 s of the GUI
thread at each « Modifier » at 100,000 actions. The window asks for them in the background
while an action is shown (`prefetch`) and forgets them at every change of the store
(`forget`: a save, an import, another process's commit), so an edit offers the terms known
since the last write, as when they were read at the edit. Without a prefetch (or before it
has come), a kind is read at the call, as before, and not kept.
"""

from __future__ import annotations

from collections.abc import Callable

from centres_app.ui import tasks
from centres_app.ui.widgets.field_form import VOCABULARY_KINDS

Vocabulary = Callable[[str], list[str]]


class VocabularyCache:
    """A `vocabulary(kind)` callable answered from the lists last read in the background."""

    def __init__(self, read: Vocabulary) -> None:
        self._read = read
        self._lists: dict[str, list[str]] = {}
        self._generation = 0  # bumped by forget(): a read started before is dropped
        self._task: tasks.Task | None = None  # the read of the current generation
        self._last: tasks.Task | None = None  # the last read started (awaited at close)

    def __call__(self, kind: str) -> list[str]:
        found = self._lists.get(kind)
        return list(found) if found is not None else self._read(kind)

    @property
    def ready(self) -> bool:
        return bool(self._lists)

    def prefetch(self) -> None:
        """Reads every vocabulary in a worker thread, unless read or being read."""
        if self._lists or self._task is not None:
            return
        generation = self._generation
        read = self._read

        def work() -> dict[str, list[str]]:
            return {kind: read(kind) for kind in sorted(VOCABULARY_KINDS)}

        def done(lists: dict[str, list[str]]) -> None:
            if generation == self._generation:
                self._task = None
                self._lists = lists

        def failed(_error: BaseException) -> None:
            if generation == self._generation:
                self._task = None  # read at the edit, as before (which reports the error)

        self._task = tasks.runner().start("vocabularies", work, done, failed, report_failure=False)

    def forget(self) -> None:
        """The store changed: read again (a read under way is dropped)."""
        self._generation += 1
        self._lists = {}
        self._task = None

    def wait(self) -> None:
        """Waits for a read under way (before the store is closed)."""
        task = self._last
        if task is not None:
            task.done.wait()
