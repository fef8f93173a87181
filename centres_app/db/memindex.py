"""In-memory search index over a SQLite store: facet counts, sorting and list rows without SQL.

At 100,000 actions the plain SQL search (search.py) spends its time where SQL is weak: GROUP BY
over `action_id IN (full-text match)` for ten facets, sorting every match, and bm25 over every
match of a broad prefix. Here the full-text match stays in FTS5, and the rest runs over a
snapshot of the list columns and term memberships held in memory:

* a result is a mask, one byte per action in title order, held as a Python int so that AND / OR
  / NOT are single C operations over 100 KB;
* multi-valued facets (keywords, initiative, public, partners) keep one mask per value: a count
  is ``(result & value).bit_count()``; single-valued facets count with Counter over compress();
* each sort order is a permutation computed once; the ordered ids of a result are a compress().

The snapshot is checked with ``PRAGMA data_version`` on a connection of its own, which changes
whenever any other connection (this process or another) commits: a write anywhere makes the
next search rebuild it. Results equal those of search.py, except that relevance order falls back
to "title matches first, then by title" when a query matches more than RANK_LIMIT actions
(bm25 costs ~3 µs per match: design §4 asks to guard broad queries).
"""

from __future__ import annotations

import bisect
import copy
import json
import re
import sqlite3
import threading
from collections import Counter, OrderedDict, deque
from collections.abc import Callable, Collection, Iterable, Sequence
from itertools import compress, repeat
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from centres_app.db.fulltext import FTS_COLUMNS
from centres_app.db.query import ParsedQuery, fts5_expression, parse_query
from centres_app.domain import (
    FACETS,
    TERM_FIELDS,
    ActionRow,
    FacetValue,
    Filters,
    SearchRequest,
    fold,
)

# Picks the bytes of some actions out of a mask (an itemgetter, or _one_getter for one id).
_Getter = Callable[[bytes], Any]

RANK_LIMIT = 5000
# Broad 2- and 3-letter prefixes kept per snapshot: ~12 KB per mask at
# 100,000 actions, two masks each (anywhere, in titles).
BROAD_PREFIXES = 150
_PLAIN = re.compile(r"[0-9a-z]+")
_SINGLE_FACETS = ("department", "year", "structure", "status", "dimension", "territory")
_MULTI_FACETS = tuple(k for k, multi in TERM_FIELDS.items() if multi)
_COLUMNS = (
    "title_key",
    "title",
    "structure",
    "department",
    "year",
    "status",
    "dimension",
    "territory",
)
# SQLite's lower() folds ASCII letters only: sort "structure" exactly as search.py does.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


class Snapshot:
    """The list columns and term memberships of every action; masks are indexed by action id."""

    def __init__(self, conn: sqlite3.Connection, version: int) -> None:
        self.version = version
        # Read through the covering index ix_action_list (migration 0005): ~0.2 s for 100,000
        # actions, where the table rows (4 KB of text each) cost ~1.6 s of page reads.
        rows = conn.execute(
            "SELECT id, title_key, title, structure, department, year, status FROM action "
            "ORDER BY title_key, id"
        ).fetchall()
        ids, keys, titles, structures, departments, years, statuses = (
            zip(*rows, strict=True) if rows else ((),) * 7
        )
        del rows
        # One slot per possible id (ids are dense after imports; gaps are deleted actions).
        self.n = n = max(ids, default=0) + 1
        self.title_order = list(ids)
        self.count = len(ids)
        # Repeated values share one object: less memory, and Counter compares by identity
        # (the counts of 2,000 structures over 100,000 actions drop from ~180 ms to ~10 ms).
        shared: dict[object, object] = {}
        one = shared.setdefault
        self.title_key = _spread(n, ids, keys)
        self.title = _spread(n, ids, titles)
        self.structure = _spread(n, ids, map(one, structures, structures))
        self.department = _spread(n, ids, map(one, departments, departments))
        self.year = _spread(n, ids, map(one, years, years))
        self.status = _spread(n, ids, map(one, statuses, statuses))
        self.all = _mask(n, ids)
        self.dimension: list[str | None] = [None if t is None else "" for t in self.title]
        self.territory: list[str | None] = list(self.dimension)
        names = {i: (k, name) for i, k, name in conn.execute("SELECT id, kind, name FROM term")}
        self.term_masks: dict[str, dict[object, int]] = {k: {} for k in _MULTI_FACETS}
        # Members of each value: terms through ix_action_term_term (one row per term, no sort
        # of ~900,000 links), years and statuses through their indexes.
        groups: dict[str, dict[object, list[int]]] = {"dimension": {}, "territory": {}}
        for term_id, joined in conn.execute(
            "SELECT term_id, group_concat(action_id) FROM action_term GROUP BY term_id"
        ):
            kind, name = names[term_id]
            if kind in self.term_masks or kind in groups:
                groups.setdefault(kind, {})[name] = _ids(joined, n)
        for facet in ("year", "status"):
            groups[facet] = {
                value: _ids(joined, n)
                for value, joined in conn.execute(
                    f"SELECT {facet}, group_concat(id) FROM action GROUP BY {facet}"
                )
            }
        for kind in ("dimension", "territory"):
            column = getattr(self, kind)
            for name, members in groups[kind].items():
                # A single-valued kind holds one term per action.
                deque(map(column.__setitem__, members, repeat(name)), maxlen=0)
        # Single-valued facets with few values get masks too: AND + bit_count per value beats
        # Counter over 100,000 slots up to a few dozen values (départements, structures: Counter).
        one_value = shared.get
        for facet, values in groups.items():
            if facet in _MULTI_FACETS or len(values) <= 40:
                self.term_masks[facet] = {
                    one_value(value, value): mask
                    for value, members in values.items()
                    if value not in (None, "") and (mask := _mask(n, members) & self.all)
                }
        if len(departments_seen := set(departments)) <= 40:
            # Few départements (a regional store): masks; counted from the column otherwise.
            self.term_masks["department"] = {
                value: _mask(n, (i for i, d in zip(ids, departments, strict=True) if d == value))
                for value in departments_seen
                if value
            }
        self._orders: dict[tuple[str, bool], tuple[list[int], _Getter]] = {}
        self._filter_cache: OrderedDict[tuple[str, frozenset[Any]], int] = OrderedDict()
        self._lock = threading.Lock()
        # fold() of facet values, filled as counts need them (2,000 structures cost ~40 ms).
        self._folded: dict[object, str] = {}

    # --- incremental update (writes of this process) -------------------------------------------

    def patched(self, conn: sqlite3.Connection, version: int, changed: Collection[int]) -> Snapshot:
        """A copy with the actions of `changed` read again (created, updated or deleted).

        Gives the same ids, counts and rows as a full load, in ~1 ms for a few actions instead
        of ~1 s at 100,000. `conn` is in a read transaction.
        """
        ids = sorted(set(changed))
        new = copy.copy(self)
        new.version = version
        new._orders = {}
        new._filter_cache = OrderedDict()
        new._lock = threading.Lock()
        if not ids:
            return new
        marks = ",".join("?" * len(ids))
        rows = conn.execute(
            "SELECT id, title_key, title, structure, department, year, status FROM action "
            f"WHERE id IN ({marks})",
            ids,
        ).fetchall()
        links = conn.execute(
            "SELECT action_id, kind, name FROM action_term JOIN term ON term.id = term_id "
            f"WHERE action_id IN ({marks})",
            ids,
        ).fetchall()
        n = new.n = max(self.n, ids[-1] + 1)
        grow = [None] * (n - self.n)
        for name in _COLUMNS:
            setattr(new, name, getattr(self, name) + grow)
        for name in _COLUMNS:
            column = getattr(new, name)
            for i in ids:
                column[i] = None
        touched = _mask(n, ids)
        keep = ~touched
        present = [r[0] for r in rows]
        for i, key, title, structure, department, year, status in rows:
            new.title_key[i], new.title[i], new.structure[i] = key, title, structure
            new.department[i], new.year[i], new.status[i] = department, year, status
            new.dimension[i] = new.territory[i] = ""
        new.all = (self.all & keep) | _mask(n, present)
        members: dict[str, dict[object, list[int]]] = {}
        for i, kind, name in links:
            if kind in ("dimension", "territory"):
                getattr(new, kind)[i] = name
            members.setdefault(kind, {}).setdefault(name, []).append(i)
        for facet in ("department", "year", "status"):
            for i in present:
                value = getattr(new, facet)[i]
                members.setdefault(facet, {}).setdefault(value, []).append(i)
        term_masks: dict[str, dict[object, int]] = {}
        for facet, masks in self.term_masks.items():
            updated = {value: mask & keep for value, mask in masks.items()}
            for value, found in members.get(facet, {}).items():
                if value not in (None, ""):
                    updated[value] = updated.get(value, 0) | _mask(n, found)
            term_masks[facet] = {value: mask for value, mask in updated.items() if mask}
        new.term_masks = term_masks
        gone = set(ids)
        order = [i for i in self.title_order if i not in gone]
        keys = new.title_key
        for i in present:
            bisect.insort(order, i, key=lambda j: (keys[j], j))
        new.title_order = order
        new.count = len(order)
        return new

    # --- masks ------------------------------------------------------------------------------

    def mask_of_ids(self, ids: Iterable[int]) -> int:
        buf = bytearray(self.n)
        if not isinstance(ids, list) or (ids and max(ids) >= self.n):
            ids = [i for i in ids if i < self.n]
        # C-level loop: ~3 ms for 100,000 ids where a Python for loop takes ~15 ms.
        deque(map(buf.__setitem__, ids, repeat(1)), maxlen=0)
        return int.from_bytes(buf, "little") & self.all

    def to_bytes(self, mask: int) -> bytes:
        return mask.to_bytes(self.n, "little")

    def _column_mask(self, facet: str, wanted: frozenset[Any]) -> int:
        key = (facet, wanted)
        with self._lock:
            found = self._filter_cache.get(key)
        if found is None:
            column = getattr(self, facet)
            found = int.from_bytes(bytes(map(wanted.__contains__, column)), "little")
            with self._lock:
                self._filter_cache[key] = found
                if len(self._filter_cache) > 64:
                    self._filter_cache.popitem(last=False)
        return found

    def facet_mask(self, filters: Filters, facet: str) -> int | None:
        """The actions one facet's selection lets through (None: no selection)."""
        if facet == "year":
            values = filters.year
            low, high = filters.year_min, filters.year_max
            if not values and low is None and high is None:
                return None
            wanted = frozenset(
                y
                for y in set(self.year)
                if y is not None
                and (not values or y in values)
                and (low is None or y >= low)
                and (high is None or y <= high)
            )
            return self._column_mask("year", wanted)
        values = filters.values(facet)
        if not values:
            return None
        if facet in self.term_masks:
            mask = 0
            for name in values:
                mask |= self.term_masks[facet].get(name, 0)
            return mask
        return self._column_mask(facet, frozenset(values))

    # --- orders and rows --------------------------------------------------------------------

    def order(self, sort: str, descending: bool) -> tuple[list[int], _Getter]:
        """(ids in that order, getter picking their bytes out of a mask)."""
        key = (sort, descending)
        with self._lock:
            found = self._orders.get(key)
        if found is not None:
            return found
        if sort not in ("structure", "department", "year", "status", "dimension"):
            sort = "title_key"
        column = getattr(self, sort)
        if sort == "structure":
            column = [None if s is None else s.translate(_ASCII_LOWER) for s in column]
        ids = self.title_order
        if sort != "title_key" or descending:
            # The title order is (title_key, id) and sorted() is stable, also with
            # reverse=True: ties keep the title order, as the SQL ORDER BY does.
            ids = sorted(ids, key=column.__getitem__, reverse=descending)
        found = (ids, itemgetter(*ids) if len(ids) > 1 else _one_getter(ids))
        with self._lock:
            self._orders[key] = found
        return found

    def ordered_ids(self, mask: int, sort: str, descending: bool) -> list[int]:
        ids, getter = self.order(sort, descending)
        return list(compress(ids, getter(self.to_bytes(mask))))

    def rows(self, ids: Sequence[int]) -> list[ActionRow]:
        out = []
        for i in ids:
            if 0 <= i < self.n and self.title[i] is not None:
                out.append(
                    ActionRow(
                        i,
                        self.title[i],
                        self.structure[i],
                        self.department[i],
                        self.year[i],
                        self.status[i],
                        self.dimension[i] or "",  # never None where there is a title
                    )
                )
        return out

    # --- facets -----------------------------------------------------------------------------

    def counts(self, facet: str, mask: int) -> tuple[FacetValue, ...]:
        if facet in self.term_masks:
            values = [
                FacetValue(str(name), c)
                for name, member in self.term_masks[facet].items()
                if (c := (mask & member).bit_count())
            ]
        else:
            counter = Counter(compress(getattr(self, facet), self.to_bytes(mask)))
            values = [FacetValue(str(v), c) for v, c in counter.items() if v not in ("", None)]
        # Ties after folding ("CENTRE SOCIAL x" / "Centre social x") keep the binary order
        # in which SQL's GROUP BY yields them.
        values.sort(key=lambda fv: fv.value)
        if facet != "year":
            folded = self._folded
            for fv in values:
                if fv.value not in folded:
                    folded[fv.value] = fold(fv.value)
            values.sort(key=lambda fv: (-fv.count, folded[fv.value]))
        return tuple(values)


class MemorySearch:
    """Searches a SQLite file store through a Snapshot kept fresh by PRAGMA data_version.

    A big snapshot is built on a background thread; until it is ready (at open, or after a
    write), `current()` returns None and the Store answers with the SQL path of search.py.
    """

    SYNC_LIMIT = 5000  # below this many actions, building inline costs less than a thread

    def __init__(self, engine: Engine, path: Path) -> None:
        self.engine = engine
        self.path = path
        self._lock = threading.Lock()
        self._watch: sqlite3.Connection | None = None
        self._snapshot: Snapshot | None = None
        self._builder: threading.Thread | None = None
        self._closed = False
        self._fts_cache: OrderedDict[tuple[int, str], tuple[int, int]] = OrderedDict()
        # Broad prefixes match most actions and are the slowest FTS5 queries: computed once
        # per snapshot in the background (_warm), never evicted.
        self._short: dict[tuple[int, str], tuple[int, int]] = {}
        self._pending = 0  # writes of this process between before_commit and after_commit
        self._warming: sqlite3.Connection | None = None  # the warm-up's, interrupted by close

    def close(self) -> None:
        with self._lock:
            self._closed = True
            builder = self._builder
            warming = self._warming
        if warming is not None:
            # A broad warm-up query can take a second: stop it rather than wait for it.
            warming.interrupt()
        if builder is not None:
            builder.join()
        with self._lock:
            if self._watch is not None:
                self._watch.close()
                self._watch = None
            self._snapshot = None

    def _data_version(self) -> int:
        if self._watch is None:
            from centres_app.db.engine import read_only_file_uri

            # A store in a read-only folder is read immutable (engine.read_only_file_uri).
            uri = read_only_file_uri(self.path) or f"{self.path.as_uri()}?mode=ro"
            self._watch = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._watch.isolation_level = None
        return int(self._watch.execute("PRAGMA data_version").fetchone()[0])

    def data_version(self) -> int | None:
        """PRAGMA data_version of the watching connection: it moves at every commit made by
        another connection (another process, or this process's writes); None once closed."""
        with self._lock:
            return None if self._closed else self._data_version()

    def current(self) -> Snapshot | None:
        """The snapshot if it reflects the last commit; else None (and a rebuild starts)."""
        with self._lock:
            if self._closed:
                return None
            snap = self._snapshot
            if snap is not None and self._pending:
                # A write of ours is committing: its patch follows (after_commit).
                return snap
            version = self._data_version()
            if snap is not None and snap.version == version:
                return snap
            if self._builder is not None:
                return None
            self._snapshot = None
            self._fts_cache.clear()
            self._short.clear()
            with self._raw() as conn:
                size = conn.execute("SELECT max(id) FROM action").fetchone()[0] or 0
            if size < self.SYNC_LIMIT:
                self._snapshot = self._load(version)
                return self._snapshot
            self._builder = threading.Thread(
                target=self._build, args=(version,), name="centres-index", daemon=True
            )
            self._builder.start()
            return None

    # --- writes of this process: patched in place of a full rebuild ---------------------------

    PATCH_LIMIT = 2000  # more changed actions (a big import): rebuild in the background

    def before_commit(self, conn: sqlite3.Connection) -> tuple[Snapshot, int] | None:
        """Called in a write transaction of ours (the write lock held), before its commit.

        Returns what after_commit needs to patch the snapshot, or None when the snapshot is
        already behind (another connection committed since it was built): then the commit
        leads to a full rebuild, as a write from another process does.
        """
        with self._lock:
            snap = self._snapshot
            if snap is None or self._closed or self._data_version() != snap.version:
                return None
            self._pending += 1
        return snap, int(conn.execute("PRAGMA data_version").fetchone()[0])

    def after_commit(
        self,
        token: tuple[Snapshot, int] | None,
        conn: sqlite3.Connection,
        changed: Collection[int] | None,
    ) -> None:
        """Patches the snapshot with the actions our commit changed (None: rolled back or
        unknown, the next search checks the version as usual)."""
        if token is None:
            return
        snap, own = token
        try:
            with self._lock:
                version = self._data_version()
            # data_version of our own connection moves only when ANOTHER connection commits:
            # read after `version`, an unchanged value proves that `version` is our commit
            # alone (PRAGMA data_version, sqlite.org/pragma.html#pragma_data_version).
            alone = int(conn.execute("PRAGMA data_version").fetchone()[0]) == own
            if changed is None or not alone or len(changed) > self.PATCH_LIMIT:
                return
            with self._raw() as reader:
                reader.execute("BEGIN")
                try:
                    new = snap.patched(reader, version, changed)
                    fts = self._fts_rows(reader, changed)
                finally:
                    reader.execute("COMMIT")
            with self._lock:
                if self._snapshot is not snap or self._closed:
                    fts.close()
                    return
                self._snapshot = new
                touched = ~_mask(new.n, changed)
                for cache in (self._fts_cache, self._short):
                    for (old_version, expression), (mask, _count) in list(cache.items()):
                        del cache[(old_version, expression)]
                        if old_version == snap.version:
                            found = (mask & touched) | _matches(fts, expression, new.n)
                            cache[(version, expression)] = (found, found.bit_count())
            fts.close()
        except sqlite3.Error:
            pass  # the version check of the next search rebuilds
        finally:
            with self._lock:
                self._pending -= 1

    @staticmethod
    def _fts_rows(conn: sqlite3.Connection, changed: Collection[int]) -> sqlite3.Connection:
        """The full-text rows of the changed actions in a small in-memory FTS5 table: the
        cached results are re-evaluated on them with the same tokenizer and query syntax."""
        ids = list(changed)
        columns = ", ".join(FTS_COLUMNS)
        rows = (
            conn.execute(
                f"SELECT id, {columns} FROM action WHERE id IN ({','.join('?' * len(ids))})",
                ids,
            ).fetchall()
            if ids
            else []
        )
        fts = sqlite3.connect(":memory:", check_same_thread=False)
        fts.execute(
            f"CREATE VIRTUAL TABLE action_fts USING fts5({columns}, "
            "tokenize = 'unicode61 remove_diacritics 2')"
        )
        fts.executemany(
            f"INSERT INTO action_fts (rowid, {columns}) VALUES (?{', ?' * len(FTS_COLUMNS)})",
            rows,
        )
        return fts

    def ready_or_wait(self) -> Snapshot | None:
        """The fresh snapshot, waiting for a build in progress (off the GUI thread: the
        facet counts). A build takes ~1 s at 100,000 actions where the SQL GROUP BYs of
        search.py take longer and would compete with it for the two cores."""
        snap = self.current()
        if snap is None:
            with self._lock:
                if self._closed:
                    # Not the SQL path on a closing store (a count left running at exit).
                    raise sqlite3.OperationalError("the store is closed")
                building = self._builder is not None and self._snapshot is None
            if building:
                snap = self.wait()
        return snap

    def never_built(self) -> bool:
        """No snapshot held and none building: just opened, or a rebuild not started yet."""
        with self._lock:
            return self._snapshot is None and self._builder is None and not self._closed

    def quick_ids(self, request: SearchRequest) -> list[int] | None:
        """Ids of the unfiltered list in title order while the index builds (the window at
        start-up): one index scan, ~70 ms at 100,000 actions. None for any other request."""
        if (
            request.text.strip()
            or request.filters != Filters()
            or request.descending
            or request.sort not in ("relevance", "title")
        ):
            return None
        with self._raw() as conn:
            return [r[0] for r in conn.execute("SELECT id FROM action ORDER BY title_key, id")]

    def wait(self, timeout: float | None = None) -> Snapshot | None:
        """Blocks until a fresh snapshot is ready (benchmarks and tests)."""
        snap = self.current()
        while snap is None:
            with self._lock:
                builder = self._builder
            if builder is not None:
                # Until the snapshot is published, not until the prefix warm-up is over.
                builder.join(0.01 if timeout is None else timeout)
            snap = self.current()
            if builder is None and snap is None:
                return None
        return snap

    def _load(self, version: int, background: bool = False) -> Snapshot:
        with self._raw() as conn:
            if background:  # (inline loads run under self._lock)
                with self._lock:
                    if self._closed:
                        raise sqlite3.OperationalError("interrupted")
                    self._warming = conn  # close() interrupts a load as well
            # One read transaction: actions and their terms from the same state. The version
            # is read before: a commit racing with the load bumps it and forces a reload.
            conn.execute("BEGIN")
            try:
                return Snapshot(conn, version)
            finally:
                if background:
                    with self._lock:
                        self._warming = None
                conn.execute("COMMIT")

    def _build(self, version: int) -> None:
        try:
            snap = self._load(version, background=True)
            with self._lock:
                if not self._closed:
                    self._snapshot = snap
            if snap.count > RANK_LIMIT:
                # The broad 2- and 3-letter prefixes: every search typed passes through them,
                # they match most actions and FTS5 (no prefix index since migration 0006)
                # merges the words of each: 100-400 ms at 100,000. (A 1-letter last word is
                # not searched: query.py.)
                self._warm(self._broad_prefixes(snap.count))
        except sqlite3.Error:
            pass  # the SQL path keeps answering; the next search tries again
        finally:
            with self._lock:
                self._builder = None

    def _warm(self, prefixes: Iterable[str]) -> bool:
        """Computes and keeps the masks of these prefixes (alone and in titles) for the current
        snapshot; False when the store closed or the snapshot went meanwhile."""
        for prefix in prefixes:
            for expression in (f'"{prefix}"*', f'title : ("{prefix}"*)'):
                with self._lock:
                    # A write of ours may have patched the snapshot meanwhile.
                    current = self._snapshot
                if self._closed or current is None:
                    return False
                found = self._query_mask(current, expression, warming=True)
                with self._lock:
                    if self._snapshot is current:
                        self._short[(current.version, expression)] = found
        return True

    def _broad_prefixes(self, count: int) -> list[str]:
        """2- and 3-letter prefixes of the indexed terms found in at least a quarter of the
        actions (by the sum of their terms' document counts), broadest first, at most
        BROAD_PREFIXES of them. Reading the vocabulary scans the index (seconds at 100,000
        actions, in the background; interrupted by close)."""
        with self._raw() as conn:
            with self._lock:
                if self._closed:
                    raise sqlite3.OperationalError("interrupted")
                self._warming = conn
            try:
                conn.execute(
                    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.centres_vocab "
                    "USING fts5vocab(main, action_fts, row)"
                )
                terms = conn.execute("SELECT term, doc FROM temp.centres_vocab").fetchall()
            finally:
                with self._lock:
                    self._warming = None
        docs: dict[str, int] = {}
        for term, doc in terms:
            for length in (2, 3):
                if len(term) >= length:
                    docs[term[:length]] = docs.get(term[:length], 0) + doc
        broad = [p for p, n in docs.items() if n * 4 >= count and _PLAIN.fullmatch(p)]
        broad.sort(key=lambda p: (-docs[p], p))
        return broad[:BROAD_PREFIXES]

    def _raw(self) -> _RawConnection:
        return _RawConnection(self.engine)

    # --- full text --------------------------------------------------------------------------

    def _query_mask(
        self, snap: Snapshot, expression: str, warming: bool = False
    ) -> tuple[int, int]:
        with self._raw() as conn:
            if warming:
                with self._lock:
                    if self._closed:
                        raise sqlite3.OperationalError("interrupted")
                    self._warming = conn
            try:
                # One string instead of 100,000 row tuples: half the time for broad matches.
                joined = conn.execute(
                    "SELECT group_concat(rowid) FROM action_fts WHERE action_fts MATCH ?",
                    (expression,),
                ).fetchone()[0]
            finally:
                if warming:
                    with self._lock:
                        self._warming = None
        ids = _parse_ids(joined)
        return snap.mask_of_ids(ids), len(ids)

    def _fts(self, snap: Snapshot, expression: str) -> tuple[int, int]:
        """(mask, number of matches) of an FTS5 expression, cached per snapshot."""
        key = (snap.version, expression)
        with self._lock:
            found = self._short.get(key) or self._fts_cache.get(key)
            if found is not None:
                return found
        found = self._query_mask(snap, expression)
        with self._lock:
            self._fts_cache[key] = found
            if len(self._fts_cache) > 32:
                self._fts_cache.popitem(last=False)
        return found

    def _text_mask(self, snap: Snapshot, parsed: ParsedQuery) -> int:
        mask = snap.all
        if parsed.include:
            mask = self._fts(snap, fts5_expression(parsed.include))[0]
        if parsed.exclude:
            expr = " OR ".join(fts5_expression((t,)) for t in parsed.exclude)
            mask &= snap.all ^ self._fts(snap, expr)[0]
        return mask

    # --- the Store API (callers check current() first) --------------------------------------

    def ids(self, snap: Snapshot, request: SearchRequest) -> list[int]:
        parsed = parse_query(request.text, request.prefix_last)
        mask = self._text_mask(snap, parsed)
        for facet in FACETS:
            selected = snap.facet_mask(request.filters, facet)
            if selected is not None:
                mask &= selected
        if request.sort == "relevance" and parsed.include:
            return self._ranked(snap, parsed, mask)
        return snap.ordered_ids(mask, request.sort, request.descending)

    def _ranked(self, snap: Snapshot, parsed: ParsedQuery, mask: int) -> list[int]:
        expression = fts5_expression(parsed.include)
        matches = self._fts(snap, expression)[1]
        if matches <= RANK_LIMIT:
            selector = snap.to_bytes(mask)
            with self._raw() as conn:
                ranked = conn.execute(
                    "SELECT rowid, bm25(action_fts, 10.0, 4.0, 1.0) FROM action_fts "
                    "WHERE action_fts MATCH ?",
                    (expression,),
                ).fetchall()
            keys = snap.title_key
            keyed = [(rank, keys[i], i) for i, rank in ranked if 0 <= i < snap.n and selector[i]]
            keyed.sort()
            return [i for _, _, i in keyed]
        # A broad query: bm25 over every match would cost more than the user can wait.
        # Title matches first, then the others, each by title.
        titled = self._fts(snap, "title : (" + expression + ")")[0] & mask
        rest = mask & (snap.all ^ titled)
        return snap.ordered_ids(titled, "title", False) + snap.ordered_ids(rest, "title", False)

    def facets(self, snap: Snapshot, request: SearchRequest) -> dict[str, tuple[FacetValue, ...]]:
        text = self._text_mask(snap, parse_query(request.text, request.prefix_last))
        selected = {f: snap.facet_mask(request.filters, f) for f in FACETS}
        active = {f: m for f, m in selected.items() if m is not None}
        everything = text
        for m in active.values():
            everything &= m
        out: dict[str, tuple[FacetValue, ...]] = {}
        for facet in FACETS:
            if facet in active:
                # Disjunctive counts: a facet's own selection is left out of its counts.
                base = text
                for other, m in active.items():
                    if other != facet:
                        base &= m
            else:
                base = everything
            out[facet] = snap.counts(facet, base)
        return out


class _RawConnection:
    """A pooled DBAPI connection in autocommit reads, returned to the pool on exit."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def __enter__(self) -> sqlite3.Connection:
        self._fairy = self.engine.raw_connection()
        raw = self._fairy.driver_connection
        assert isinstance(raw, sqlite3.Connection)  # the pysqlite driver's, never None here
        return raw

    def __exit__(self, *exc: object) -> None:
        self._fairy.close()


def _spread(n: int, ids: Sequence[int], values: Iterable[object]) -> list[Any]:
    """A column indexed by action id (None where no action) from values in `ids` order."""
    column: list[object] = [None] * n
    deque(map(column.__setitem__, ids, values), maxlen=0)
    return column


def _ids(joined: str | None, n: int) -> list[int]:
    """The ids of a group_concat() that exist in a snapshot of `n` slots."""
    found = _parse_ids(joined)
    return found if not found or max(found) < n else [i for i in found if i < n]


def _parse_ids(joined: str | None) -> list[int]:
    """The ids of a group_concat(): json's C parser, ~3x faster than map(int, split(","))
    (~6 ms instead of ~18 ms for 100,000 ids)."""
    return json.loads("[" + joined + "]") if joined else []


def _matches(fts: sqlite3.Connection, expression: str, n: int) -> int:
    ids = [
        r[0]
        for r in fts.execute("SELECT rowid FROM action_fts WHERE action_fts MATCH ?", (expression,))
    ]
    return _mask(n, (i for i in ids if i < n))


def _mask(n: int, ids: Iterable[int]) -> int:
    """The mask (bit i set for each id i < n) of `ids`, with C-level loops only."""
    buf = bytearray(n)
    deque(map(buf.__setitem__, ids, repeat(1)), maxlen=0)
    return int.from_bytes(buf, "little")


def _one_getter(ids: list[int]) -> Callable[[bytes], tuple[int, ...]]:
    """itemgetter of one index returns a bare item, not a tuple: wrap it."""
    return lambda data: tuple(data[i] for i in ids)
