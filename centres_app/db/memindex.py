"""In-memory search index over a SQLite store: facet counts, sorting and list rows without SQL.

At 100,000 actions the plain SQL search (search.py) spends its time where SQL is weak: GROUP BY
over `action_id IN (full-text match)` for ten facets, sorting every match, and bm25 over every
match of a broad prefix. Here the full-text match stays in FTS5, and the rest runs over a
snapshot of the list columns and term memberships held in memory (columns.py, no SQL):

* a result is a mask: a Python int with one byte per possible action id (byte i is 1 when
  action i is in the result, that is bit 8·i), so that AND / OR / NOT are single C operations
  over 100 KB, and its bytes select from a column with compress();
* multi-valued facets (keywords, initiative, public, partners) keep one mask per value: a count
  is ``(result & value).bit_count()``; single-valued facets count with Counter over compress();
* each sort order is a permutation of the ids computed once; the ordered ids of a result are a
  compress() of that permutation by the mask's bytes taken in that order.

This module reads the snapshot (`read_tables`, `read_changes`) and keeps it fresh: it is
checked with ``PRAGMA data_version`` on a connection of its own, which changes whenever another
connection (of this process or another) commits; a write of this process patches it, a write
of another process makes the next search rebuild it. Results equal those of search.py, except
that relevance order falls back to "title matches first, then by title" when a query matches
more than RANK_LIMIT actions (bm25 costs ~3 µs per match: design §4 asks to guard broad
queries).

The completeness order needs which important text sections of each action are filled: they
are read once per snapshot in the background after the prefix warm-up (`read_filled`, every
text: ~1-2 s at 100,000) and patched with the writes of this process; until then that order
is sorted in SQL (search_service.SearchQueries._answers).

The broad-prefix masks of the warm-up are kept next to the store (centres_app/prefixfile.py),
valid for one full-text state (`fts_state`): at the next opening they are read instead of
warmed up again, and while the index builds a query of broad prefixes is answered from them and
the title order without FTS5 (`cold_ids`, ~10-30 ms at 100,000 actions instead of 1-3 s).

The frequent words have masks too (wordindex.py, kept in `<store>.words`): a query term made of
one such word, or a prefix of them, is answered without FTS5 (`_include`, `_titled`), and the
broad prefixes are warmed up as unions of them. Ordered ids are read a block of the order at a
time (columns.OrderedIds): the first page of a broad result does not permute the whole mask.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import re
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable, Sequence
from itertools import compress
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from centres_app import prefixfile
from centres_app.db import wordindex
from centres_app.db.columns import (
    ActionColumns,
    Changes,
    Filled,
    Snapshot,
    Tables,
    _one_getter,
    parse_ids,
)
from centres_app.db.fulltext import FTS_COLUMNS
from centres_app.db.query import ParsedQuery, Term, fts5_expression, parse_query
from centres_app.domain import FACETS, SORT_KEYS, FacetValue, Filters, SearchRequest
from centres_app.gui_turn import give_way

__all__ = ["RANK_LIMIT", "MemorySearch", "Snapshot", "fts_state", "read_changes", "read_tables"]

RANK_LIMIT = 5000
FETCH_BLOCK = 4096  # rows of a full load read at once (read_tables)
FILLED_BLOCK = 256  # rows of the filled sections read at once (~1 ms: read_filled)
# Broad 2- and 3-letter prefixes kept per snapshot: 100 KB per mask at 100,000 actions
# (~9 KB compressed in the file next to the store), two masks each (anywhere, in titles).
# Every broad 2-letter prefix first (at 100,000 actions: 128, `ed` included), then the
# broadest 3-letter ones.
BROAD_PREFIXES = 200
_PLAIN = re.compile(r"[0-9a-z]+")
# The warm-up asks FTS5 for the rare words of a broad prefix in one OR: cheaper than the prefix
# (which merges its frequent words too) however many they are, within reason.
WARM_RARE_LIMIT = 5000


def read_tables(conn: sqlite3.Connection) -> Tables:
    """What a full load of a Snapshot reads; `conn` is in a read transaction. The groups are
    cursors consumed by Snapshot as it builds."""
    # Read through the covering index ix_action_list (migration 0005): ~0.2 s for 100,000
    # actions, where the table rows (4 KB of text each) cost ~1.6 s of page reads.
    cursor = conn.execute(
        "SELECT id, title_key, title, structure, department, year, status FROM action "
        "ORDER BY title_key, id"
    )
    # By blocks, each left out of the collector's scans at once: 100,000 rows alive at once,
    # each a tuple the collector tracks, made a collection of the young objects on the GUI
    # thread (ui/app/collector.py) take 40-90 ms while the index loaded (issue 17).
    actions: list[ActionColumns] = []
    while block := cursor.fetchmany(FETCH_BLOCK):
        actions += block
        _freeze_long_lived()
        give_way()  # (the background build: the GUI thread's paints first)
    terms = {i: (k, name) for i, k, name in conn.execute("SELECT id, kind, name FROM term")}
    # Members of each value: terms through ix_action_term_term (one row per term, no sort
    # of ~900,000 links), years and statuses through their indexes.
    return Tables(
        actions=actions,
        terms=terms,
        term_members=conn.execute(
            "SELECT term_id, group_concat(action_id) FROM action_term GROUP BY term_id"
        ),
        year_members=conn.execute("SELECT year, group_concat(id) FROM action GROUP BY year"),
        status_members=conn.execute("SELECT status, group_concat(id) FROM action GROUP BY status"),
    )


def fts_state(conn: sqlite3.Connection) -> tuple[str, int]:
    """(state of the full-text index, number of mask slots) as `conn` sees the store now;
    call it in the read transaction of what it validates. A hash of the FTS5 index's
    structure record (`action_fts_data` id 10: its write counter moves at every change of the
    index), its averages record (id 1: the number of rows and tokens) and max(id) of the
    actions (the size of a mask): any write to the full text, by any process, changes it."""
    digest = hashlib.sha256()
    for rowid, block in conn.execute(
        "SELECT id, block FROM action_fts_data WHERE id IN (1, 10) ORDER BY id"
    ):
        digest.update(f"{rowid}:{len(block)}:".encode())
        digest.update(block)
    n = int(conn.execute("SELECT max(id) FROM action").fetchone()[0] or 0) + 1
    digest.update(f"n:{n}".encode())
    return digest.hexdigest(), n


def _filled_sql() -> str:
    """Per action: how many text sections of its form's important ones hold something,
    whether its initiative_detail does, and whether it is an experience page (issue 18);
    TRIM(x) <> '' and the form test as db/completeness.score_expression (the SQL path)."""
    from centres_app.completeness import EXPERIENCE_FIELDS, IMPORTANT_FIELDS
    from centres_app.domain import FORM_EXPERIENCE, TERM_FIELDS

    def counted(fields: tuple[str, ...]) -> str:
        texts = [f for f in fields if f not in TERM_FIELDS]
        return " + ".join(f"(TRIM({name}) <> '')" for name in texts) or "0"

    experience = f"COALESCE(form = '{FORM_EXPERIENCE}', 0)"
    return (
        f"SELECT id, CASE WHEN {experience} THEN {counted(EXPERIENCE_FIELDS)} "
        f"ELSE {counted(IMPORTANT_FIELDS)} END, TRIM(initiative_detail) <> '', {experience} "
        "FROM action"
    )


def read_filled(conn: sqlite3.Connection, n: int) -> Filled:
    """The filled sections of every action (a snapshot of `n` slots): every text is read,
    ~1-2 s at 100,000 actions, hence in the background (MemorySearch._fill)."""
    texts = bytearray(n)
    detail = bytearray(n)
    experience = bytearray(n)
    cursor = conn.execute(_filled_sql())
    while block := cursor.fetchmany(FILLED_BLOCK):
        # In the background after the start: the window's paints first (issue 17: a paint
        # of the list beside this loop took 60-100 ms instead of ~10).
        give_way()
        for i, count, has_detail, is_experience in block:
            if i < n:
                texts[i] = count
                detail[i] = has_detail
                experience[i] = is_experience
    return Filled(
        bytes(texts), int.from_bytes(detail, "little"), int.from_bytes(experience, "little")
    )


def read_changes(conn: sqlite3.Connection, changed: Collection[int]) -> Changes:
    """The rows and term links of the actions a write changed; `conn` in a read transaction."""
    ids = sorted(set(changed))
    if not ids:
        return Changes(ids, [], [])
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
    filled = conn.execute(f"{_filled_sql()} WHERE id IN ({marks})", ids).fetchall()
    return Changes(ids, rows, links, filled)


class MemorySearch:
    """Searches a SQLite file store through a Snapshot kept fresh by PRAGMA data_version.

    The loader and refresher of the column store (columns.Snapshot): reads it (`read_tables`,
    on a background thread when big), checks it is fresh (PRAGMA data_version), patches it
    after a write of this process (`read_changes`), and adds the full-text match (FTS5) to
    its masks. Until a snapshot is ready (at open, or after a write of another process),
    `current()` returns None and the search service answers in SQL
    (search_service.SearchQueries._answers).
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
        self._filling: threading.Thread | None = None  # reads the filled sections (_fill)
        self._warming: sqlite3.Connection | None = None  # the warm-up's, interrupted by close
        # While the index builds (the first seconds after opening): the title order read by
        # quick_ids, (data_version, ids, full-text state, slots), and the broad-prefix masks
        # kept next to the store (prefixfile.py) for that state, or the state found without.
        self._title: tuple[int, list[int], str, int, Callable[[bytes], Any]] | None = None
        self._kept: prefixfile.PrefixFile | None = None
        self._kept_missing: str | None = None
        # The snapshot version whose broad prefixes are all in _short (warmed up, read from the
        # file, or patched since), and the state of the file as last read or written.
        self._complete: int | None = None
        self._kept_state: str | None = None
        # The masks of the frequent words (wordindex.py), read or computed after the warm-up;
        # while they are, the writes of this process are noted to be patched in.
        self._words: wordindex.WordIndex | None = None
        self._word_backlog: list[tuple[int, int, Collection[int], list[Any]]] | None = None

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
            filling = self._filling
        if filling is not None:
            filling.join()
        self._keep_on_close()
        self._keep_words_on_close()
        with self._lock:
            if self._watch is not None:
                self._watch.close()
                self._watch = None
            self._snapshot = None
            self._drop_words()

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

    def built(self) -> Snapshot | None:
        """The snapshot if one is built and reflects the last commit; else None. Never starts
        a build (a count of a store opened for a moment must not wait for one at close)."""
        with self._lock:
            if self._closed:
                return None
            return self._up_to_date(self._data_version())

    def _up_to_date(self, version: int) -> Snapshot | None:
        """Under self._lock: the snapshot if it is that of `version`."""
        snap = self._snapshot
        if snap is not None and (self._pending or snap.version == version):
            # (_pending: a write of ours is committing: its patch follows, after_commit)
            return snap
        return None

    def current(self) -> Snapshot | None:
        """The snapshot if it reflects the last commit; else None (and a rebuild starts)."""
        with self._lock:
            if self._closed:
                return None
            version = self._data_version()
            snap = self._up_to_date(version)
            if snap is not None:
                return snap
            if self._builder is not None:
                return None
            self._snapshot = None
            self._fts_cache.clear()
            self._short.clear()
            self._drop_words()
            with self._raw() as conn:
                size = conn.execute("SELECT max(id) FROM action").fetchone()[0] or 0
            if size < self.SYNC_LIMIT:
                self._snapshot = self._load(version)[0]
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
                    new = snap.patched(version, read_changes(reader, changed))
                    fts = self._fts_rows(reader, changed)
                finally:
                    reader.execute("COMMIT")
            with self._lock:
                if self._snapshot is not snap or self._closed:
                    fts.close()
                    return
                self._snapshot = new
                if self._complete == snap.version:
                    self._complete = version  # (the kept prefixes are patched just below)
                self._patch_words(snap.version, version, changed, fts)
                _freeze_long_lived()
                bits = {i: 1 << (8 * i) for i in changed if i < new.n}
                for cache in (self._fts_cache, self._short):
                    for (old_version, expression), (mask, count) in list(cache.items()):
                        del cache[(old_version, expression)]
                        if old_version == snap.version:
                            matched = _matches(fts, expression, new.n)
                            cache[(version, expression)] = _patched(mask, count, bits, matched)
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
        return wordindex.memory_fts(wordindex.touched_rows(conn, list(changed)))

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

    def prepare(self) -> None:
        """Builds the index and the caches kept next to the store now, and waits for them:
        after a big import from the command line, the window's first opening finds them."""
        self.current()
        with self._lock:
            builder = self._builder
        if builder is not None:
            builder.join()

    def never_built(self) -> bool:
        """No snapshot held and none building: just opened, or a rebuild not started yet."""
        with self._lock:
            return self._snapshot is None and self._builder is None and not self._closed

    def quick_ids(self, request: SearchRequest) -> list[int] | None:
        """Ids while the index builds (the window at start-up), else None: the unfiltered list
        in title order from one index scan (~70 ms at 100,000 actions, kept for this state of
        the store), and a query of broad prefixes (`pa`, `éd`) from the masks kept next to the
        store (`cold_ids`). None for any other request."""
        if request.filters != Filters() or request.descending:
            return None
        if request.sort not in ("relevance", "title"):
            return None
        if request.text.strip():
            return self.cold_ids(request)
        return list(self._title_order()[1])  # (a copy: the caller's)

    def _title_order(self) -> tuple[int, list[int], str, int, Callable[[bytes], Any]]:
        """(data_version, ids in title order, full-text state, slots, getter of the bytes of
        a mask in that order), read in one transaction and kept until the next commit."""
        with self._lock:
            if self._closed:
                raise sqlite3.OperationalError("the store is closed")
            version = self._data_version()
            held = self._title
        if held is not None and held[0] == version:
            return held
        with self._raw() as conn:
            # The version is read before: a commit racing with the read makes it stale.
            conn.execute("BEGIN")
            try:
                state, n = fts_state(conn)
                ids = [r[0] for r in conn.execute("SELECT id FROM action ORDER BY title_key, id")]
            finally:
                conn.execute("COMMIT")
        held = (version, ids, state, n, itemgetter(*ids) if len(ids) > 1 else _one_getter(ids))
        with self._lock:
            self._title = held
        return held

    def _kept_prefixes(self, state: str) -> prefixfile.PrefixFile | None:
        """The masks kept next to the store if they are those of this full-text state."""
        with self._lock:
            kept, missing = self._kept, self._kept_missing
        if kept is not None and kept.state == state:
            return kept
        if missing == state:
            return None
        kept = prefixfile.PrefixFile.read(prefixfile.sidecar_path(self.path))
        with self._lock:
            if kept is not None and kept.state == state:
                self._kept = kept
                return kept
            self._kept_missing = state
        return None

    def cold_ids(self, request: SearchRequest) -> list[int] | None:
        """The ids of a text query (no filters, relevance or title order) from the kept
        broad-prefix masks and the title order, without FTS5: the same ids in the same order
        as `ids()` over a built snapshot (a broad relevance query is ordered "title matches
        first, then by title", RANK_LIMIT). None when a term's masks are not kept, or the
        query needs bm25 or an exclusion."""
        parsed = parse_query(request.text, request.prefix_last)
        if parsed.exclude or not parsed.include:
            return None
        if not prefixfile.sidecar_path(self.path).exists():
            return None  # (not even the title order: SQL answers)
        _version, ids, state, n, getter = self._title_order()
        kept = self._kept_prefixes(state)
        if kept is None or kept.n != n:
            return None
        relevance = request.sort == "relevance"
        mask = titled = -1
        for term in dict.fromkeys(parsed.include):
            expression = fts5_expression((term,))
            found = kept.get(expression)
            in_title = kept.get(f"title : ({expression})") if relevance else (0, 0)
            if found is None or in_title is None:
                return None
            mask &= found[0]
            titled &= in_title[0]

        def in_order(mask: int) -> list[int]:
            return list(compress(ids, getter(mask.to_bytes(n, "little"))))

        if not relevance:
            return in_order(mask)
        if mask.bit_count() <= RANK_LIMIT:
            return None  # ranked by bm25 (MemorySearch._ranked): FTS5's
        titled &= mask
        return in_order(titled) + in_order(mask ^ titled)

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

    def _load(self, version: int, background: bool = False) -> tuple[Snapshot, str]:
        """The snapshot and the full-text state it was read with (fts_state)."""
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
                state, _n = fts_state(conn)
                return Snapshot(read_tables(conn), version), state
            finally:
                if background:
                    with self._lock:
                        self._warming = None
                conn.execute("COMMIT")

    def _build(self, version: int) -> None:
        try:
            snap, state = self._load(version, background=True)
            _freeze_long_lived()
            # The broad 2- and 3-letter prefixes: every search typed passes through them,
            # they match most actions and FTS5 (no prefix index since migration 0006)
            # merges the words of each: 100-400 ms at 100,000. (A 1-letter last word is
            # not searched: query.py.) Kept next to the store once computed (prefixfile.py);
            # then the filled sections, for the completeness order.
            kept = self._kept_masks(snap, state) if snap.count > RANK_LIMIT else {}
            snap.order("title", False)  # (the list's order: not on the first keystroke)
            with self._lock:
                if not self._closed:
                    self._snapshot = snap
                    self._short.update(kept)
                    if kept:
                        self._complete, self._kept_state = snap.version, state
                    # quick_ids is not asked once the snapshot is there: the title order and
                    # the file's bytes (3.7 MB at 100,000) go.
                    self._title = self._kept = None
            if snap.count > RANK_LIMIT:
                if kept:
                    self._fill()
                    self._index_words()
                else:
                    # The word masks first: most broad prefixes are then unions of them.
                    self._index_words()
                    if self._warm(self._broad_prefixes(snap.count)):
                        self._keep_prefixes(snap, state)
                        self._fill()
                self._prepare_orders()
            _freeze_long_lived()
        except sqlite3.Error:
            pass  # the SQL path keeps answering; the next search tries again
        finally:
            with self._lock:
                self._builder = None

    def _kept_masks(self, snap: Snapshot, state: str) -> dict[tuple[int, str], tuple[int, int]]:
        """The warm-up's masks for `snap` from the file next to the store, if it is valid."""
        kept = self._kept_prefixes(state)
        if kept is None or kept.n != snap.n:
            return {}
        masks = {}
        for expression in kept.expressions():
            give_way()
            found = kept.get(expression)
            if found is None:
                return {}  # a damaged file: warmed up again and rewritten
            masks[(snap.version, expression)] = found
        return masks

    def _keep_prefixes(self, snap: Snapshot, state: str) -> None:
        """Writes the warm-up's masks next to the store when no commit came since `snap` was
        read (they are then those of `state`)."""
        with self._lock:
            if self._snapshot is not snap or self._data_version() != snap.version:
                return
            self._complete = snap.version
            masks = {e: found for (v, e), found in self._short.items() if v == snap.version}
        with contextlib.suppress(OSError):  # a read-only folder: warmed up at each opening
            prefixfile.write(prefixfile.sidecar_path(self.path), state, snap.n, masks)
            with self._lock:
                self._kept_state = state

    def _keep_on_close(self) -> None:
        """Writes the kept prefixes again when writes of this process patched them, so that
        the next opening finds them valid; nothing when another connection committed since
        (they would not be those of the store's state)."""
        try:
            with self._lock:
                snap = self._snapshot
                if snap is None or self._complete != snap.version or self._pending:
                    return
                if self._data_version() != snap.version:
                    return
                masks = {e: found for (v, e), found in self._short.items() if v == snap.version}
            with self._raw() as conn:
                conn.execute("BEGIN")
                try:
                    state, n = fts_state(conn)
                finally:
                    conn.execute("COMMIT")
            with self._lock:
                # No commit between the two checks: `state` is that of the patched masks.
                if self._data_version() != snap.version or state == self._kept_state:
                    return
            if n == snap.n:
                prefixfile.write(prefixfile.sidecar_path(self.path), state, n, masks)
        except (sqlite3.Error, OSError):
            pass  # a cache: warmed up again at the next opening

    # --- the frequent words (wordindex.py) ----------------------------------------------------

    def _drop_words(self) -> None:
        """Forgets the word masks (under self._lock): the snapshot they follow went."""
        if self._words is not None:
            self._words.close()
            self._words = None

    def _keep_words_on_close(self) -> None:
        """Writes the word masks again when writes of this process patched them (with the
        touched actions: wordindex.WordIndex.kept_again), unless another connection committed
        since (they would not be those of the store's state)."""
        try:
            with self._lock:
                snap, words = self._snapshot, self._words
                if snap is None or words is None or words.version != snap.version:
                    return
                if self._pending or self._data_version() != snap.version:
                    return
            with self._raw() as conn:
                conn.execute("BEGIN")
                try:
                    state, _n = fts_state(conn)
                finally:
                    conn.execute("COMMIT")
            with self._lock:
                if self._data_version() != snap.version:
                    return
            again = words.kept_again(state)
            if again is not None and state != words.kept.state:
                again.write_to(prefixfile.words_path(self.path))
        except (sqlite3.Error, OSError):
            pass  # a cache: computed again at the next opening

    def _patch_words(
        self, old: int, version: int, changed: Collection[int], fts: sqlite3.Connection
    ) -> None:
        """After a commit of ours (under self._lock): the word masks follow the snapshot from
        `old` to `version`, or the patch waits for them while they are being read."""
        words = self._words
        if words is None and self._word_backlog is None:
            return
        columns = ", ".join(FTS_COLUMNS)
        try:
            rows = fts.execute(f"SELECT rowid, {columns} FROM action_fts").fetchall()
            if words is not None:
                if words.version != old:
                    raise sqlite3.OperationalError("the word masks are behind")
                words.patch(version, changed, rows)
            elif self._word_backlog is not None:
                self._word_backlog.append((old, version, changed, rows))
        except sqlite3.Error:
            # Not the snapshot's patch: the word masks go (FTS5 answers, as before them).
            self._drop_words()
            self._word_backlog = None

    def _index_words(self) -> None:
        """Reads the word masks kept next to the store if they are those of the snapshot's
        full-text state, else computes them (~10 s at 100,000 actions) and keeps them; then
        patches in the writes of this process made meanwhile. In the builder thread."""
        with self._lock:
            snap = self._snapshot
            if self._closed or snap is None:
                return
            self._word_backlog = []
        path = prefixfile.words_path(self.path)
        built: prefixfile.PrefixFile | None = None
        try:
            with self._raw() as conn:
                with self._lock:
                    if self._closed:
                        return
                    self._warming = conn  # close() interrupts the computation
                try:
                    conn.execute("BEGIN")
                    try:
                        state, n = fts_state(conn)
                        with self._lock:
                            # No commit since the snapshot: this transaction reads its state.
                            if self._snapshot is not snap or self._data_version() != snap.version:
                                return
                        kept = prefixfile.PrefixFile.read(path)
                        rows: list[Any] = []
                        if (
                            kept is None
                            or kept.state != state
                            or kept.n > n
                            or len(kept.touched) > max(self.PATCH_LIMIT, n // 20)
                        ):
                            kept = built = wordindex.compute(conn, state, n, lambda: self._closed)
                        elif kept.touched:
                            rows = wordindex.touched_rows(conn, kept.touched)
                    finally:
                        conn.execute("COMMIT")
                finally:
                    with self._lock:
                        self._warming = None
            if kept is None:
                return
            words = wordindex.WordIndex(snap.version, kept)
            if built is None and kept.touched:
                words.patch(snap.version, kept.touched, rows)
            with self._lock:
                for old, version, changed, rows in self._word_backlog or ():
                    if old == words.version:
                        words.patch(version, changed, rows)
                current: Snapshot | None = self._snapshot
                if current is not None and current.version == words.version and not self._closed:
                    self._drop_words()
                    self._words = words
                else:
                    words.close()
            if built is not None:
                with contextlib.suppress(OSError):  # a read-only folder: computed at each opening
                    built.write_to(path)
        finally:
            with self._lock:
                self._word_backlog = None

    def _prepare_orders(self) -> None:
        """Builds every sort order of the snapshot (20-50 ms each at 100,000 actions, Python
        loops that let the GUI thread run), so that the first sort by a column is as quick
        as the next ones. In the builder thread, last."""
        for sort in SORT_KEYS[1:]:  # (relevance without a text is the title order)
            for descending in (False, True):
                give_way()
                with self._lock:
                    snap = self._snapshot
                    if self._closed or snap is None:
                        return
                with contextlib.suppress(LookupError):  # (completeness: sections not read)
                    snap.order(sort, descending)

    # --- the completeness order: filled sections read once per snapshot ---------------------

    def completeness_ready(self, snap: Snapshot) -> bool:
        """Whether `snap` can sort by completeness; if not, its filled sections are read in
        the background (the caller answers in SQL meanwhile)."""
        if snap.filled is not None:
            return True
        with self._lock:
            if self._closed or self._filling is not None or self._builder is not None:
                return False
            if snap.count < self.SYNC_LIMIT:
                inline = True
            else:
                inline = False
                self._filling = threading.Thread(
                    target=self._fill_in_background, name="centres-filled", daemon=True
                )
                self._filling.start()
        if inline:
            self._fill()
            return snap.filled is not None
        return False

    def wait_filled(self) -> None:
        """Blocks until a background read of the filled sections is over (tests, benchmarks)."""
        with self._lock:
            filling = self._filling
        if filling is not None:
            filling.join()

    def _fill_in_background(self) -> None:
        try:
            self._fill()
        except sqlite3.Error:
            pass  # SQL keeps sorting by completeness; the next such sort tries again
        finally:
            with self._lock:
                self._filling = None

    def _fill(self) -> None:
        """Reads the filled sections for the current snapshot and sets them if no commit came
        in between (else the next completeness sort asks again)."""
        with self._lock:
            snap = self._snapshot
            if self._closed or snap is None:
                return
            version = self._data_version()
        if snap.version != version:
            return
        with self._raw() as conn:
            with self._lock:
                if self._closed:
                    return
                self._warming = conn  # close() interrupts the read
            try:
                conn.execute("BEGIN")
                try:
                    filled = read_filled(conn, snap.n)
                finally:
                    conn.execute("COMMIT")
            finally:
                with self._lock:
                    self._warming = None
        with self._lock:
            # (close() drops the snapshot: `is snap` also means "not closed")
            if self._snapshot is snap and not self._pending and self._data_version() == version:
                snap.with_filled(filled)

    def _warm(self, prefixes: Iterable[str]) -> bool:
        """Computes and keeps the masks of these prefixes (alone and in titles) for the current
        snapshot, as unions of the word masks where they are there (the rare words of a
        prefix in one FTS5 query), else from FTS5; False when the store closed or the
        snapshot went meanwhile."""
        for prefix in prefixes:
            give_way()
            for title, expression in ((False, f'"{prefix}"*'), (True, f'title : ("{prefix}"*)')):
                with self._lock:
                    # A write of ours may have patched the snapshot meanwhile.
                    current = self._snapshot
                    words = self._words
                if self._closed or current is None:
                    return False
                mask = None
                if words is not None and words.version == current.version:
                    term = Term((prefix,), prefix=True)
                    mask = self._term_mask(current, words, term, title, WARM_RARE_LIMIT)
                if mask is None:
                    found = self._query_mask(current, expression, warming=True)
                else:
                    found = (mask, mask.bit_count())
                with self._lock:
                    if self._snapshot is current:
                        self._short[(current.version, expression)] = found
        return True

    def _broad_prefixes(self, count: int) -> list[str]:
        """2- and 3-letter prefixes of the indexed terms found in at least a quarter of the
        actions (by the sum of their terms' document counts), the 2-letter ones first (typed
        first), broadest first, at most BROAD_PREFIXES of them. Reading the vocabulary scans
        the index (seconds at 100,000 actions, in the background; interrupted by close): the
        word index's is taken when it is there."""
        with self._lock:
            words = self._words
        if words is not None:
            return self._broad_of(words.kept.vocabulary.items(), count)
        with self._raw() as conn:
            with self._lock:
                if self._closed:
                    raise sqlite3.OperationalError("interrupted")
                self._warming = conn
            try:
                vocabulary = wordindex.read_vocabulary(conn)
            finally:
                with self._lock:
                    self._warming = None
        return self._broad_of(vocabulary.items(), count)

    @staticmethod
    def _broad_of(terms: Iterable[tuple[str, int]], count: int) -> list[str]:
        docs: dict[str, int] = {}
        for term, doc in terms:
            for length in (2, 3):
                if len(term) >= length:
                    docs[term[:length]] = docs.get(term[:length], 0) + doc
        broad = [p for p, n in docs.items() if n * 4 >= count and _PLAIN.fullmatch(p)]
        broad.sort(key=lambda p: (len(p), -docs[p], p))
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
        ids = parse_ids(joined)
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
            self._remember(key, found)
        return found

    def _include(self, snap: Snapshot, parsed: ParsedQuery) -> tuple[int, int]:
        """(mask, number of matches) of the included terms, as FTS5 matches their expression.
        Each term once: the same matches (AND is idempotent) for less work on a pasted text
        that repeats its words (bm25 ranks with the expression as typed: a repeated term
        weighs more there)."""
        return self._matched(snap, tuple(dict.fromkeys(parsed.include)))

    def _titled(self, snap: Snapshot, parsed: ParsedQuery) -> int:
        """The actions whose title matches the included terms (`title : (expression)`)."""
        return self._matched(snap, tuple(dict.fromkeys(parsed.include)), title=True)[0]

    def _matched(
        self, snap: Snapshot, terms: tuple[Term, ...], title: bool = False
    ) -> tuple[int, int]:
        """(mask, number of matches) of terms ANDed, anywhere or in titles alone, as FTS5
        matches their expression (cached): the terms made of frequent words from their masks
        (wordindex.py), the others from one FTS5 query."""

        def expression_of(part: tuple[Term, ...]) -> str:
            expression = fts5_expression(part)
            return f"title : ({expression})" if title else expression

        expression = expression_of(terms)
        with self._lock:
            found = self._cached(snap, expression)
            words = self._words
        if found is not None:
            return found
        if words is None or words.version != snap.version:
            return self._fts(snap, expression)
        mask, rest = snap.all, []
        for term in terms:
            with self._lock:
                alone = self._cached(snap, expression_of((term,)))
            term_mask = alone[0] if alone is not None else self._term_mask(snap, words, term, title)
            if term_mask is None:
                rest.append(term)
            else:
                mask &= term_mask
        if len(rest) == len(terms):
            return self._fts(snap, expression)
        if rest:
            mask &= self._fts(snap, expression_of(tuple(rest)))[0]
        found = (mask, mask.bit_count())
        with self._lock:
            self._remember((snap.version, expression), found)
        return found

    def _term_mask(
        self,
        snap: Snapshot,
        words: wordindex.WordIndex,
        term: Term,
        title: bool = False,
        rare_limit: int = wordindex.RARE_LIMIT,
    ) -> int | None:
        """The mask of one term (anywhere, or in titles alone) from the word masks and an
        FTS5 query of its rare words, or None when the word index does not know it
        (wordindex.WordIndex.split)."""
        split = words.split(term, rare_limit)
        if split is None:
            return None
        kept, rare = split
        mask = 0
        for word in kept:
            found = words.mask(word, title)
            if found is None:
                return None  # (a damaged blob: FTS5 answers)
            mask |= found
        if rare:
            either = " OR ".join(f'"{w}"' for w in rare)
            mask |= self._fts(snap, f"title : ({either})" if title else either)[0]
        return mask & snap.all

    def _cached(self, snap: Snapshot, expression: str) -> tuple[int, int] | None:
        """The cached matches of an expression (under self._lock)."""
        key = (snap.version, expression)
        return self._short.get(key) or self._fts_cache.get(key)

    def _remember(self, key: tuple[int, str], found: tuple[int, int]) -> None:
        """Caches the matches of an expression (under self._lock)."""
        self._fts_cache[key] = found
        if len(self._fts_cache) > 32:
            self._fts_cache.popitem(last=False)

    def _text_mask(self, snap: Snapshot, parsed: ParsedQuery) -> int:
        mask = snap.all
        if parsed.include:
            mask = self._include(snap, parsed)[0]
        if parsed.exclude:
            # The excluded terms made of frequent words from their masks, the others in one
            # FTS5 query (`-parents` is as broad as `parents`).
            with self._lock:
                words = self._words
            excluded, rest = 0, []
            for term in dict.fromkeys(parsed.exclude):
                found = None
                if words is not None and words.version == snap.version:
                    found = self._term_mask(snap, words, term)
                if found is None:
                    rest.append(term)
                else:
                    excluded |= found
            if rest:
                excluded |= self._fts(snap, " OR ".join(fts5_expression((t,)) for t in rest))[0]
            mask &= snap.all ^ (excluded & snap.all)
        return mask

    # --- answers over a snapshot (search_service.SearchQueries._answers chooses them) ----------

    def ids(self, snap: Snapshot, request: SearchRequest) -> Sequence[int]:
        """The ids of a request in its order (a completeness order needs
        `completeness_ready(snap)` first)."""
        parsed = parse_query(request.text, request.prefix_last)
        mask = self._text_mask(snap, parsed)
        for facet in FACETS:
            selected = snap.facet_mask(request.filters, facet)
            if selected is not None:
                mask &= selected
        if request.sort == "relevance" and parsed.include:
            return self._ranked(snap, parsed, mask)
        return snap.ordered_ids(mask, request.sort, request.descending)

    def _ranked(self, snap: Snapshot, parsed: ParsedQuery, mask: int) -> Sequence[int]:
        if not mask:
            return []  # nothing to rank (a long pasted query often matches nothing)
        if mask.bit_count() == 1:
            # One match: nothing to rank either (bm25 of a pasted text of 64 terms costs
            # FTS5 ~150 ms at 100,000 actions, for the order of one action).
            return snap.ordered_ids(mask, "title", False)
        expression = fts5_expression(parsed.include)
        matches = self._include(snap, parsed)[1]
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
        titled = self._titled(snap, parsed) & mask
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
        packed = snap.pack(everything)  # (the facets without a selection: one conversion)
        for facet in FACETS:
            give_way()  # (a facet at a time: the GUI thread's paint first)
            if facet in active:
                # Disjunctive counts: a facet's own selection is left out of its counts.
                base = text
                for other, m in active.items():
                    if other != facet:
                        base &= m
                out[facet] = snap.counts(facet, base)
            else:
                out[facet] = snap.counts(facet, everything, packed)
        return out


def _freeze_long_lived() -> None:
    """Leaves the objects alive now (the snapshot's columns and orders: lists of 100,000
    items) out of the garbage collector's later scans (gc.freeze): a full collection visited
    every item of every such list, 60-70 ms at 100,000 actions, on any thread, a few times a
    minute while typing. They are still freed when no longer referenced (reference counting);
    only a cycle among them would be left, and they hold none."""
    gc.freeze()


class _RawConnection:
    """A pooled DBAPI connection in autocommit reads, returned to the pool on exit."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def __enter__(self) -> sqlite3.Connection:
        self._fairy = self.engine.raw_connection()
        return self._fairy.driver_connection  # type: ignore[return-value]  # SQLite only: sqlite3

    def __exit__(self, *exc: object) -> None:
        self._fairy.close()


def _matches(fts: sqlite3.Connection, expression: str, n: int) -> set[int]:
    """The changed actions (the rows of `fts`) that `expression` matches."""
    rows = fts.execute("SELECT rowid FROM action_fts WHERE action_fts MATCH ?", (expression,))
    return {i for (i,) in rows if i < n}


def _patched(mask: int, count: int, bits: dict[int, int], matched: set[int]) -> tuple[int, int]:
    """A cached result (`mask`, its `count`) with the changed actions (`bits`: id -> its bit)
    in it where `matched`, out of it elsewhere. A mask the change leaves as it was (most of
    them: an edited summary rarely starts or ends a word of a broad prefix) is not rebuilt;
    a changed one costs a few operations on its bits, not a new mask of every slot and its
    count (~0.25 ms each, ~100 ms for the ~400 masks kept at 100,000 actions: issue 17)."""
    for i, bit in bits.items():
        inside = bool(mask & bit)
        if inside and i not in matched:
            mask ^= bit
            count -= 1
        elif not inside and i in matched:
            mask |= bit
            count += 1
    return mask, count
