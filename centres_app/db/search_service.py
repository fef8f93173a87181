"""Reading and searching actions (centres_app.services.SearchService).

One place chooses how a search is answered (`_answers`): the in-memory index of a SQLite file
(memindex.py) when it is up to date, SQL (search.py) otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from decimal import Decimal
from typing import Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from centres_app.completeness import Completeness
from centres_app.db import amounts
from centres_app.db.completeness import completeness_of
from centres_app.db.database import OnDatabase, db_errors
from centres_app.db.memindex import MemorySearch, Snapshot
from centres_app.db.models import Action, Term
from centres_app.db.records import action_detail, load_action
from centres_app.db.search import Searcher
from centres_app.domain import (
    TERM_FIELDS,
    ActionDetail,
    ActionRow,
    FacetValue,
    SearchRequest,
    SearchResult,
    fold,
)
from centres_app.errors import StoreError
from centres_app.gui_turn import giving_way
from centres_app.qualifiers import CachedVocabulary, apply_qualifiers

Facets = dict[str, tuple[FacetValue, ...]]
_NAMES_A_PIECE = 200  # vocabulary values folded between two give_way() (~1 ms)
_LIST_COLUMNS = ("department", "structure", "status")  # vocabularies read from a column


class _Answers(Protocol):
    """What answers a search: the ids in order, list rows, facet counts."""

    def ids(self, request: SearchRequest) -> Sequence[int]: ...

    def rows(self, ids: Sequence[int]) -> list[ActionRow]: ...

    def facets(self, request: SearchRequest) -> Facets: ...


class _FromMemory:
    """Answers from a snapshot of the in-memory index."""

    def __init__(self, memory: MemorySearch, snap: Snapshot) -> None:
        self._memory = memory
        self._snap = snap

    def ids(self, request: SearchRequest) -> Sequence[int]:
        return self._memory.ids(self._snap, request)

    def rows(self, ids: Sequence[int]) -> list[ActionRow]:
        return self._snap.rows(ids)

    def facets(self, request: SearchRequest) -> Facets:
        return self._memory.facets(self._snap, request)


class _Listed:
    """The plain list of one index scan while the in-memory index is being built (start-up):
    ids only, what `search_ids` asks."""

    def __init__(self, ids: list[int]) -> None:
        self._ids = ids

    def ids(self, request: SearchRequest) -> list[int]:
        return self._ids

    def rows(self, ids: Sequence[int]) -> list[ActionRow]:
        raise NotImplementedError("an index scan gives ids only")

    def facets(self, request: SearchRequest) -> Facets:
        raise NotImplementedError("an index scan gives ids only")


class SearchQueries(OnDatabase):
    """Reading actions and searching them; qualifiers applied once per call (`qualified`)."""

    _vocabulary_cache: CachedVocabulary | None = None

    @contextmanager
    def _answers(
        self, sort: str | None = None, wait: bool = False, scan: SearchRequest | None = None
    ) -> Iterator[_Answers]:
        """The one choice between the in-memory index and SQL, for one read.

        The index answers when it is up to date; for the completeness order (`sort`), once it
        has read the filled sections too (in the background: SQL answers meanwhile). `wait`:
        an index being built is waited for rather than raced in SQL (facet counts). `scan`:
        while it is being built, the plain list of `scan` comes from one index scan when it
        can. Otherwise SQL answers, in one read transaction.
        """
        memory = self._db.memory
        if memory is not None:
            with db_errors():
                snap = memory.ready_or_wait() if wait else memory.current()
                if snap is not None and sort == "completeness":
                    snap = snap if memory.completeness_ready(snap) else None
            if snap is not None:
                with db_errors():
                    yield _FromMemory(memory, snap)
                return
            if scan is not None:
                with db_errors():
                    quick = memory.quick_ids(scan)
                if quick is not None:
                    yield _Listed(quick)
                    return
        with self._db.reading() as s:
            yield Searcher(s)

    def qualified(self, request: SearchRequest) -> SearchRequest:
        """`dep:Drôme vélo` -> text `vélo` + département filter (centres_app.qualifiers)."""
        if ":" not in request.text:
            return request
        if self._vocabulary_cache is None:
            # A minute of cache (CachedVocabulary): keystrokes must not re-read the vocabularies.
            self._vocabulary_cache = CachedVocabulary(self.vocabulary)
        return apply_qualifiers(request, self._vocabulary_cache)

    def count(self) -> int:
        """How many actions the store holds: the index's count when it is built and up to
        date (the window asks after every save; SQL counts 100,000 rows in ~3 ms), else SQL's
        (no index build is started for a count)."""
        memory = self._db.memory
        if memory is not None:
            with db_errors():
                snap = memory.built()
            if snap is not None:
                return snap.count
        with self._db.reading() as s:
            return int(s.scalar(select(func.count()).select_from(Action)) or 0)

    def get(self, action_id: int) -> ActionDetail:
        with self._db.reading() as s:
            return action_detail(load_action(s, action_id))

    def details(self, ids: Sequence[int]) -> list[ActionDetail]:
        """Several actions at once, in the order of `ids` (missing ones skipped)."""
        found: dict[int, ActionDetail] = {}
        with self._db.reading() as s:
            for start in range(0, len(ids), 500):
                stmt = (
                    select(Action)
                    .where(Action.id.in_(list(ids[start : start + 500])))
                    .options(selectinload(Action.terms), selectinload(Action.attachments))
                )
                for action in s.scalars(stmt):
                    found[action.id] = action_detail(action)
        return [found[i] for i in ids if i in found]

    def search(
        self, request: SearchRequest, offset: int = 0, limit: int | None = None
    ) -> SearchResult:
        """Rows of one page, the total and the facet counts, in one read."""
        request = self.qualified(request)
        with self._answers(request.sort) as answers:
            ids = answers.ids(request)
            page = ids[offset : None if limit is None else offset + limit]
            return SearchResult(
                rows=tuple(answers.rows(page)), total=len(ids), facets=answers.facets(request)
            )

    def prepare_search(self) -> None:
        """Builds the in-memory index and its kept caches (broad prefixes, word masks, next
        to a SQLite store) now and waits for them (the command-line import, then closed)."""
        memory = self._db.memory
        if memory is not None:
            with db_errors():
                memory.prepare()

    def search_ids(self, request: SearchRequest) -> Sequence[int]:
        request = self.qualified(request)
        memory = self._db.memory
        if memory is not None and memory.never_built():
            # The window's first list at start-up: the index scan runs before the index build
            # starts, which would otherwise hold the GIL through most of it (~180 instead of
            # ~50 ms at 100,000 actions).
            with db_errors():
                quick = memory.quick_ids(request)
            if quick is not None:
                self._db.snapshot()  # starts the build
                return quick
        with self._answers(request.sort, scan=request) as answers:
            return answers.ids(request)

    def rows(self, ids: Sequence[int]) -> list[ActionRow]:
        with self._answers() as answers:
            return answers.rows(ids)

    def facets(self, request: SearchRequest) -> Facets:
        request = self.qualified(request)
        with self._answers(wait=True) as answers:
            return answers.facets(request)

    def vocabulary(self, kind: str) -> list[str]:
        """Known values of a vocabulary kind (or of department / structure / status)."""
        if kind in _LIST_COLUMNS:
            # From the in-memory index when it is up to date: « Modifier » asks for them on
            # the GUI thread when their read in the background has not come yet (issue 17).
            with db_errors():
                snap = self._db.snapshot()
            if snap is not None:
                return snap.values(kind)
        with self._db.reading() as s:
            if kind in TERM_FIELDS:
                names = s.scalars(select(Term.name).where(Term.kind == kind))
            elif kind in _LIST_COLUMNS:
                names = s.scalars(select(getattr(Action, kind)).distinct())
            else:
                raise ValueError(kind)
            distinct = {n for n in names if n}
        # Folded off the session, a piece at a time: read while an action is shown, beside
        # the window's paints (thousands of structures at 100,000 actions; issue 17).
        keys = {name: fold(name) for name in giving_way(distinct, _NAMES_A_PIECE)}
        return sorted(distinct, key=keys.__getitem__)

    def completeness(self, ids: Sequence[int]) -> dict[int, Completeness]:
        """How complete the sheets of these actions are (for the rows on screen)."""
        with self._db.reading() as s:
            return completeness_of(s, ids)

    def financial_texts(self, request: SearchRequest) -> list[str]:
        """The « Ressources financières » texts of a search's result (for the amount total of
        the statistics; empty texts left out)."""
        ids = self.search_ids(replace(request, sort="title", descending=False))
        texts: list[str] = []
        with self._db.reading() as s:
            for start in range(0, len(ids), 900):
                chunk = ids[start : start + 900]
                stmt = select(Action.financial_resources).where(
                    Action.id.in_(chunk), Action.financial_resources != ""
                )
                texts.extend(s.scalars(stmt))
        return texts

    def amount_total(self, request: SearchRequest) -> tuple[Decimal, int]:
        """The total of the amounts of a search's result and how many actions had one: what
        `amounts.total_of(financial_texts(request))` gives, from the amounts kept in the store
        (db/amounts.py); only the actions without a kept amount are parsed, then kept (by
        10,000: the texts of a whole store are not held at once)."""
        ids = self.search_ids(replace(request, sort="title", descending=False))
        with self._db.reading() as s:
            found = amounts.kept(s, ids)
        missing = [i for i in ids if i not in found]
        new: dict[int, Decimal | None] = {}
        for start in range(0, len(missing), 10_000):
            chunk = missing[start : start + 10_000]
            with self._db.reading() as s:
                texts = amounts.texts_of(s, chunk)
            parsed = amounts.parsed(texts)
            new.update(parsed)
            try:
                with self._db.writing(set()) as s:  # no action changes: the index stays
                    amounts.keep(s, texts, parsed)
            except StoreError:
                pass  # a read-only or damaged store: the total is given, not kept
        return amounts.total(found.values(), new.values())
