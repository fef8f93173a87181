"""The pure column store of the in-memory search index: no SQL, no threads.

A `Snapshot` holds the list columns and the term memberships of every action, built from the
`Tables` that memindex.py reads in one transaction, and patched from the `Changes` it reads
after a write of this process. It answers with masks (sets of actions, see Snapshot), orders,
list rows and facet counts; memindex.MemorySearch adds the full-text match, the freshness
checks and the (background) builds.
"""

from __future__ import annotations

import bisect
import copy
import json
import re
import threading
from array import array
from collections import Counter, OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, compress, groupby, islice, repeat
from operator import itemgetter, neg
from typing import Any, overload

from centres_app.domain import TERM_FIELDS, ActionRow, FacetValue, Filters, fold
from centres_app.gui_turn import give_way

# A part of OrderedIds: (an order, [], a mask's bytes, count) or (None, ids in order, b"", count).
_Part = tuple["Order | None", list[int], bytes, int]
# Ordered ids are picked a block of the order at a time (OrderedIds): the first page of a broad
# result reads one block of 4,096 instead of the 100,000 bytes of the mask in that order.
ORDER_BLOCK = 4096
# A result of fewer than n / SPARSE actions is found in its mask and sorted by position instead.
SPARSE = 32
# Items a C-level loop handles at once in a snapshot's build: such a loop holds the GIL from
# its start to its end, and the GUI thread waits for it (issue 17: one transposition of the
# 100,000 rows took ~50 ms, each column ~13 ms); by blocks, it waits ~1 ms at most.
GIL_BLOCK = 8192
_FIRST, _SECOND, _THIRD = itemgetter(0), itemgetter(1), itemgetter(2)
_SET_BYTE = re.compile(b"\x01")
_MULTI_FACETS = tuple(k for k, multi in TERM_FIELDS.items() if multi)
COLUMNS = (
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

# (id, title_key, title, structure, department, year, status) of an action.
ActionColumns = tuple[int, str, str, str, str, int | None, str]


@dataclass(frozen=True)
class Tables:
    """What a full load reads (memindex.read_tables), in one read transaction; consumed by the
    Snapshot made from it (its rows list is emptied as it is freed: _release)."""

    actions: Sequence[ActionColumns]  # every action, in title order (title_key, id)
    terms: dict[int, tuple[str, str]]  # term id -> (kind, name)
    term_members: Iterable[tuple[int, str | None]]  # term id, group_concat(action ids)
    year_members: Iterable[tuple[object, str | None]]  # year, group_concat(action ids)
    status_members: Iterable[tuple[object, str | None]]  # status, group_concat(action ids)


@dataclass(frozen=True)
class Changes:
    """The actions a write of this process changed, as read again after its commit."""

    ids: Iterable[int]  # created, updated or deleted
    actions: Sequence[ActionColumns]  # the rows of those still present
    links: Sequence[tuple[int, str, str]]  # (action id, term kind, term name) of those
    # (action id, filled important texts of its form, initiative_detail filled, experience
    # page) of those: see Filled
    filled: Sequence[tuple[int, int, int, int]] = ()


@dataclass(frozen=True)
class Filled:
    """Which important text sections of every action hold something (completeness order):
    per id, how many of the important text sections of its form are filled (bytes, 0 where no
    action), the mask of the actions whose initiative_detail is filled (it answers
    "initiative" with the initiative terms) and the mask of the older "expérience" pages
    (issue 18: their form has sections of its own). Read in the background after a snapshot
    is published (memindex.read_filled: every text is read, ~1-2 s at 100,000 actions)."""

    texts: bytes
    detail: int
    experience: int


def _score_table(total: int) -> bytes:
    """bytes.translate table: a count of filled sections out of `total` -> its score."""
    return bytes(min(count * 100 // total, 255) for count in range(256))


class Snapshot:
    """The list columns and term memberships of every action, in memory.

    Columns are lists indexed by action id (None where no action). A mask (a set of actions)
    is a Python int holding one byte per possible id, byte i = 1 when action i is in the set
    (`to_bytes` gives the bytes back for compress()); ANDs, ORs and bit_count() of masks work
    since each byte holds at most its lowest bit.
    """

    def __init__(self, tables: Tables, version: int) -> None:
        self.version = version
        ids, keys, titles, structures, departments, years, statuses = _transposed(tables.actions, 7)
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
        self.all = mask_of(n, ids)
        self.dimension: list[str | None] = [None if t is None else "" for t in self.title]
        self.territory: list[str | None] = list(self.dimension)
        names = tables.terms
        self.term_masks: dict[str, dict[object, int]] = {k: {} for k in _MULTI_FACETS}
        # Members of each value: of each term, then of each year and status.
        groups: dict[str, dict[object, list[int]]] = {"dimension": {}, "territory": {}}
        for term_id, joined in tables.term_members:
            give_way()  # (a term at a time: the GUI thread's paints first)
            kind, name = names[term_id]
            if kind in self.term_masks or kind in groups:
                groups.setdefault(kind, {})[name] = _ids(joined, n)
        for facet, members in (("year", tables.year_members), ("status", tables.status_members)):
            groups[facet] = {value: _ids(joined, n) for value, joined in members}
        for kind in ("dimension", "territory"):
            column = getattr(self, kind)
            for value, value_ids in groups[kind].items():
                # A single-valued kind holds one term per action.
                deque(map(column.__setitem__, value_ids, repeat(value)), maxlen=0)
        # Single-valued facets with few values get masks too: AND + bit_count per value beats
        # Counter over 100,000 slots up to a few dozen values (départements, structures: Counter).
        one_value = shared.get
        for facet, values in groups.items():
            if facet in _MULTI_FACETS or len(values) <= 40:
                self.term_masks[facet] = {
                    one_value(value, value): mask
                    for value, members in values.items()
                    if value not in (None, "") and (mask := mask_of(n, members) & self.all)
                }
        if len(departments_seen := set(departments)) <= 40:
            # Few départements (a regional store): masks; counted from the column otherwise.
            self.term_masks["department"] = {
                value: mask_of(n, (i for i, d in zip(ids, departments, strict=True) if d == value))
                for value in departments_seen
                if value
            }
        _release(groups, [tables.actions, structures, departments, years, statuses])
        # Filled sections for the completeness order: None until read (memindex._fill).
        self.filled: Filled | None = None
        self._orders: dict[tuple[str, bool], Order] = {}
        self._filter_cache: OrderedDict[tuple[str, frozenset[object]], int] = OrderedDict()
        self._lock = threading.Lock()
        # fold() of facet values, filled as counts need them (2,000 structures cost ~40 ms).
        self._folded: dict[object, str] = {}
        # For the counts (computed as asked): members of each value as bits (`pack`), and the
        # number of actions per value of a column counted with Counter.
        self._packed: dict[str, dict[object, int]] = {}
        self._totals: dict[str, Counter[object]] = {}

    # --- incremental update (writes of this process) -------------------------------------------

    def patched(self, version: int, changed: Changes) -> Snapshot:
        """A copy with the actions of `changed` replaced by their rows as read again (created
        or updated; an id without a row was deleted).

        Gives the same ids, counts and rows as a full load, in ~1 ms for a few actions instead
        of ~1 s at 100,000.
        """
        ids = sorted(set(changed.ids))
        new = copy.copy(self)
        new.version = version
        new._orders = {}
        new._packed = {}
        new._totals = {}
        new._filter_cache = OrderedDict()
        new._lock = threading.Lock()
        if not ids:
            return new
        rows, links = changed.actions, changed.links
        n = new.n = max(self.n, ids[-1] + 1)
        grow = [None] * (n - self.n)
        for name in COLUMNS:
            setattr(new, name, getattr(self, name) + grow)
        for name in COLUMNS:
            column = getattr(new, name)
            for i in ids:
                column[i] = None
        touched = mask_of(n, ids)
        keep = ~touched
        present = [r[0] for r in rows]
        for i, key, title, structure, department, year, status in rows:
            new.title_key[i], new.title[i], new.structure[i] = key, title, structure
            new.department[i], new.year[i], new.status[i] = department, year, status
            new.dimension[i] = new.territory[i] = ""
        new.all = (self.all & keep) | mask_of(n, present)
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
                    updated[value] = updated.get(value, 0) | mask_of(n, found)
            term_masks[facet] = {value: mask for value, mask in updated.items() if mask}
        new.term_masks = term_masks
        with self._lock:
            packed_before = dict(self._packed)
        if packed_before:
            # The members as bits follow the same way (else ~40 ms at the next counts).
            kept_bits = ~pack(touched.to_bytes(n, "little"))
            for facet, values in packed_before.items():
                bits = {value: member & kept_bits for value, member in values.items()}
                for value, found in members.get(facet, {}).items():
                    if value not in (None, ""):
                        added = pack(mask_of(n, found).to_bytes(n, "little"))
                        bits[value] = bits.get(value, 0) | added
                new._packed[facet] = {value: member for value, member in bits.items() if member}
        gone = set(ids)
        order = [i for i in self.title_order if i not in gone]
        keys = new.title_key
        for i in present:
            bisect.insort(order, i, key=lambda j: (keys[j], j))
        new.title_order = order
        new.count = len(order)
        if self.filled is not None:
            texts = bytearray(self.filled.texts) + bytes(n - self.n)
            detail = self.filled.detail & keep
            experience = self.filled.experience & keep
            for i in ids:
                texts[i] = 0
            for i, count, has_detail, is_experience in changed.filled:
                texts[i] = count
                if has_detail:
                    detail |= 1 << (8 * i)
                if is_experience:
                    experience |= 1 << (8 * i)
            new.filled = Filled(bytes(texts), detail, experience)
        return new

    def with_filled(self, filled: Filled) -> None:
        """Sets the filled sections, read after this snapshot was published (same version)."""
        with self._lock:
            self.filled = filled
            self._orders.pop(("completeness", False), None)
            self._orders.pop(("completeness", True), None)

    def completeness_scores(self) -> bytes | None:
        """Per id, the completeness score 0-100 (centres_app.completeness, the rule of
        db/completeness.score_expression): the filled sections of the record's form (an
        action's 16, an experience page's 8), texts read from SQL plus the terms held here,
        times 100 // their number; None until the texts are read. Masks are added as
        integers: each byte holds one action's count (at most 16 < 256, no carry)."""
        filled = self.filled
        if filled is None:
            return None
        from centres_app.completeness import EXPERIENCE_FIELDS, IMPORTANT_FIELDS

        experience = filled.experience & self.all
        action = self.all & ~experience
        total = int.from_bytes(filled.texts, "little")
        for kind in TERM_FIELDS:
            forms = (action if kind in IMPORTANT_FIELDS else 0) | (
                experience if kind in EXPERIENCE_FIELDS else 0
            )
            if not forms:
                continue
            if TERM_FIELDS[kind]:
                present = 0
                for member in self.term_masks.get(kind, {}).values():
                    present |= member
            else:
                column = getattr(self, kind)
                present = int.from_bytes(bytes(v not in ("", None) for v in column), "little")
            if kind == "initiative":
                present |= filled.detail
            total += present & forms
        counts = total.to_bytes(self.n, "little")
        # Count -> score of each form (integer division, as completeness() and SQL), picked
        # per byte: the experience mask times 0xFF selects whole bytes.
        by_action = int.from_bytes(counts.translate(_score_table(len(IMPORTANT_FIELDS))), "little")
        by_experience = int.from_bytes(
            counts.translate(_score_table(len(EXPERIENCE_FIELDS))), "little"
        )
        spread = experience * 0xFF
        return ((by_action & ~spread) | (by_experience & spread)).to_bytes(self.n, "little")

    # --- masks ------------------------------------------------------------------------------

    def mask_of_ids(self, ids: Iterable[int]) -> int:
        if not isinstance(ids, list) or (ids and max(ids) >= self.n):
            ids = [i for i in ids if i < self.n]
        # C-level loops (~3 ms for 100,000 ids where a Python for loop takes ~15 ms), by blocks.
        return mask_of(self.n, ids) & self.all

    def to_bytes(self, mask: int) -> bytes:
        return mask.to_bytes(self.n, "little")

    def _column_mask(self, facet: str, wanted: frozenset[object]) -> int:
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

    def order(self, sort: str, descending: bool) -> Order:
        """The ids in that order (built once per snapshot)."""
        if sort not in ("structure", "department", "year", "status", "dimension", "completeness"):
            sort = "title"  # (relevance without a text: by title)
        key = (sort, descending)
        with self._lock:
            found = self._orders.get(key)
        if found is not None:
            return found
        column: Any
        if sort == "completeness":
            scores = self.completeness_scores()
            if scores is None:
                raise LookupError("the filled sections are not read yet")
            column = scores
        else:
            if sort not in ("structure", "department", "year", "status", "dimension"):
                sort = "title_key"
            column = getattr(self, sort)
            if sort == "year":
                # An experience page has no year (issue 18): sorted as 0, like the SQL order.
                column = [0 if y is None else y for y in column]
        ids = self.title_order
        if sort == "title_key" and descending:
            # The title order reversed, ties (same title_key) kept in id order as SQL's
            # ORDER BY title_key DESC, title_key, id: runs of one key reversed as blocks.
            runs = [list(run) for _key, run in groupby(ids, key=column.__getitem__)]
            runs.reverse()
            ids = list(chain.from_iterable(runs))
        elif sort != "title_key":
            ids = _stable_order(ids, column, descending, sort == "structure")
        order = Order(ids, self.n)
        with self._lock:
            self._orders[key] = order
        return order

    def ordered_ids(self, mask: int, sort: str, descending: bool) -> OrderedIds:
        """The ids of `mask` in that order: picked as they are read (OrderedIds), or for a
        sparse mask (facets chosen), found in the mask and sorted by their position."""
        order = self.order(sort, descending)
        count = mask.bit_count()
        if count == self.count:
            return OrderedIds.of(order.ids)  # the whole base (a list nobody changes)
        data = self.to_bytes(mask)
        if count * SPARSE > self.n:
            return OrderedIds(((order, [], data, count),))
        found = [m.start() for m in _SET_BYTE.finditer(data)]
        found.sort(key=order.rank().__getitem__)
        return OrderedIds.of(found)

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
                        self.dimension[i] or "",  # "" for every listed action (title set)
                    )
                )
        return out

    # --- facets -----------------------------------------------------------------------------

    def pack(self, mask: int) -> int:
        """The mask as bits (bit i = action i): what counts() ANDs with each value."""
        return pack(self.to_bytes(mask))

    def _packed_members(self, facet: str) -> dict[object, int]:
        """The members of each value of a facet counted by masks, as bits: AND and
        bit_count over 12.5 KB instead of 100 KB at 100,000 actions (~8 µs a value)."""
        with self._lock:
            found = self._packed.get(facet)
        if found is None:
            if facet in self.term_masks:
                found = {v: self.pack(m) for v, m in self.term_masks[facet].items()}
            else:  # the départements of a national store (a hundred)
                groups: dict[object, list[int]] = {}
                for i, value in enumerate(getattr(self, facet)):
                    if value not in (None, ""):
                        groups.setdefault(value, []).append(i)
                found = {v: self.pack(mask_of(self.n, ids)) for v, ids in groups.items()}
            with self._lock:
                self._packed[facet] = found
        return found

    def _column_counts(self, facet: str, mask: int) -> dict[object, int]:
        """Actions per value of a column (structures: 2,000 values), counted over the
        mask or, when it holds most actions, over the others, taken from the totals."""
        column = getattr(self, facet)
        mask &= self.all
        if mask.bit_count() * 2 <= self.count:
            return Counter(compress(column, self.to_bytes(mask)))
        with self._lock:
            totals = self._totals.get(facet)
        if totals is None:
            totals = Counter(compress(column, self.to_bytes(self.all)))
            with self._lock:
                self._totals[facet] = totals
        missing = Counter(compress(column, self.to_bytes(self.all & ~mask)))
        return {v: c - missing[v] for v, c in totals.items()}

    def values(self, column: str) -> list[str]:
        """The distinct values of a list column (department, structure, status), blanks left
        out, in fold() order: what SQL's SELECT DISTINCT gives the edit forms, from the column
        in ~2 ms at 100,000 actions instead of 6-23 ms of SQL (search_service.vocabulary)."""
        distinct = {v for v in set(getattr(self, column)) if v}
        folded = self._folded
        for value in distinct:
            if value not in folded:
                folded[value] = fold(value)
        return sorted(distinct, key=folded.__getitem__)

    def counts(self, facet: str, mask: int, packed: int | None = None) -> tuple[FacetValue, ...]:
        """The counts of a facet's values over a mask (`packed`: the same as bits, if at
        hand)."""
        if facet in self.term_masks or facet == "department":
            bits = self.pack(mask) if packed is None else packed
            found = [
                (str(name), c)
                for name, member in self._packed_members(facet).items()
                if (c := (bits & member).bit_count())
            ]
        else:
            counter = self._column_counts(facet, mask)
            found = [(str(v), c) for v, c in counter.items() if c and v not in ("", None)]
        if facet == "year":
            found.sort()  # (by value: each value once)
            return tuple(map(FacetValue, map(_FIRST, found), map(_SECOND, found)))
        # Most actions first, then by folded value; ties after folding ("CENTRE SOCIAL x" /
        # "Centre social x") in the binary order in which SQL's GROUP BY yields them.
        folded = self._folded
        for value, _c in found:
            if value not in folded:
                folded[value] = fold(value)
        keyed = [(-c, folded[v], v) for v, c in found]
        keyed.sort()
        # (C loops: 2,000 structures are counted on each keystroke)
        return tuple(map(FacetValue, map(_THIRD, keyed), map(neg, map(_FIRST, keyed))))


def _stable_order(
    ids: list[int], column: Sequence[Any], descending: bool, ascii_lower: bool
) -> list[int]:
    """`ids` (in title order) sorted by their value in `column`, ties left in title order:
    what sorted(ids, key=column.__getitem__, reverse=descending) gives (a stable sort, also
    reversed), as the SQL ORDER BY value, title_key, id does. `ascii_lower`: values compared
    as SQLite's lower() gives them (the structure order of search.py).

    Only the distinct values are sorted, then the ids dealt into one bucket per value in one
    pass (about twice as fast as sorting 100,000 ids by key; one compress() per value was
    slower still); with mostly distinct values, the ids are sorted themselves."""
    give_way()  # (each step: a few ms of C holding the GIL, off the GUI thread)
    values = list(map(column.__getitem__, ids))
    distinct = set(values)
    if len(distinct) * 4 > len(ids):
        # Mostly distinct values: sorting the ids themselves costs less than the buckets.
        if ascii_lower:
            lowered = {v: v if v is None else v.translate(_ASCII_LOWER) for v in distinct}
            column = [lowered.get(v, v) for v in column]
        return sorted(ids, key=column.__getitem__, reverse=descending)
    if ascii_lower:
        keys = {v: v if v is None else v.translate(_ASCII_LOWER) for v in distinct}
        values = list(map(keys.__getitem__, values))
        distinct = set(keys.values())
    ordered = sorted(distinct, reverse=descending)
    buckets: list[list[int]] = [[] for _ in ordered]
    deal = {value: bucket.append for value, bucket in zip(ordered, buckets, strict=True)}
    for start in range(0, len(ids), GIL_BLOCK):
        give_way()
        end = start + GIL_BLOCK
        for value, i in zip(values[start:end], ids[start:end], strict=True):
            deal[value](i)
    give_way()
    return list(chain.from_iterable(buckets))


def _transposed(rows: Sequence[tuple[Any, ...]], width: int) -> list[list[Any]]:
    """The columns of `rows` (tuples of `width` values), by blocks of GIL_BLOCK rows."""
    columns: list[list[Any]] = [[] for _ in range(width)]
    for start in range(0, len(rows), GIL_BLOCK):
        give_way()  # (the build and a save's patch run off the GUI thread)
        block = zip(*rows[start : start + GIL_BLOCK], strict=True)
        for column, values in zip(columns, block, strict=True):
            column += values
    return columns


def _blocks(items: Iterable[Any]) -> Iterator[list[Any]]:
    """`items` by lists of GIL_BLOCK."""
    it = iter(items)
    while block := list(islice(it, GIL_BLOCK)):
        yield block


def _release(groups: dict[str, dict[object, list[int]]], lists: list[Sequence[object]]) -> None:
    """Frees what a full load read and no column keeps, a piece at a time: the members of
    every value (~900,000 id objects at 100,000 actions), the rows read and the columns' values
    before sharing (each structure, département, year and status read once per action).
    Dropped at once at the end of the load, they held the GIL ~35 ms in deallocations
    (issue 17: a stall of the window)."""
    freed = 0
    for members in groups.values():
        while members:
            freed += len(members.popitem()[1])
            if freed >= GIL_BLOCK:
                give_way()
                freed = 0
    for values in lists:
        if isinstance(values, list):
            while values:
                give_way()
                del values[-GIL_BLOCK:]


def _spread(n: int, ids: Sequence[int], values: Iterable[object]) -> list[Any]:
    """A column indexed by action id (None where no action) from values in `ids` order."""
    column: list[object] = [None] * n
    put = column.__setitem__
    for start, block in zip(range(0, len(ids), GIL_BLOCK), _blocks(values), strict=False):
        give_way()
        deque(map(put, ids[start : start + GIL_BLOCK], block), maxlen=0)
    return column


def _ids(joined: str | None, n: int) -> list[int]:
    """The ids of a group_concat() that exist in a snapshot of `n` slots."""
    found = parse_ids(joined)
    return found if not found or max(found) < n else [i for i in found if i < n]


def pack(data: bytes) -> int:
    """A mask's bytes (byte i is 0 or 1) as bits, bit i = byte i: the 8 strides of the bytes,
    each an int whose byte k is bit 8k, shifted into place (~0.2 ms for 100,000 slots)."""
    out = 0
    for j in range(8):
        out |= int.from_bytes(data[j::8], "little") << j
    return out


def parse_ids(joined: str | None) -> list[int]:
    """The ids of a group_concat(): json's C parser, ~3x faster than map(int, split(","))
    (~6 ms instead of ~18 ms for 100,000 ids)."""
    if not joined:
        return []
    ids: list[int] = []
    start = 0
    while start < len(joined):  # by pieces of ~GIL_BLOCK ids (each parse holds the GIL)
        give_way()
        end = joined.find(",", start + GIL_BLOCK * 6)
        end = len(joined) if end < 0 else end
        ids += json.loads("[" + joined[start:end] + "]")
        start = end + 1
    return ids


def mask_of(n: int, ids: Iterable[int]) -> int:
    """The mask of `ids` (all < n): byte i = 1 for each id i, i.e. bit 8·i set; C-level
    loops only."""
    buf = bytearray(n)
    put = buf.__setitem__
    for block in _blocks(ids):
        give_way()
        deque(map(put, block, repeat(1)), maxlen=0)
    return int.from_bytes(buf, "little")


def _getter(ids: list[int]) -> Callable[[bytes], Any]:
    """The bytes of `ids` out of a mask's bytes, in that order (a tuple)."""
    return itemgetter(*ids) if len(ids) > 1 else _one_getter(ids)


class Order:
    """Ids in a sort order; made as they are needed: the getters picking the bytes of each
    block of ORDER_BLOCK ids out of a mask (the first page needs the first one), and each id's
    position (to sort a sparse result)."""

    def __init__(self, ids: list[int], n: int) -> None:
        self.ids = ids
        self.n = n
        self.blocks = (len(ids) + ORDER_BLOCK - 1) // ORDER_BLOCK
        self._getters: list[Callable[[bytes], Any] | None] = [None] * self.blocks
        self._rank: array[int] | None = None

    def getter(self, block: int) -> Callable[[bytes], Any]:
        found = self._getters[block]
        if found is None:
            start = block * ORDER_BLOCK
            found = self._getters[block] = _getter(self.ids[start : start + ORDER_BLOCK])
        return found

    def rank(self) -> array[int]:
        if self._rank is None:
            rank = array("i", bytes(4 * self.n))
            ids = self.ids
            for start in range(0, len(ids), GIL_BLOCK):  # (one C loop held the GIL ~10-20 ms)
                stop = start + GIL_BLOCK
                deque(map(rank.__setitem__, ids[start:stop], range(start, stop)), maxlen=0)
            self._rank = rank
        return self._rank


class OrderedIds(Sequence[int]):
    """The ids of one or more masks, each in a sort order, one after the other; computed a
    block of the order at a time as they are read (a list once read to the end). Its length
    is known at once (the masks' counts): a list model shows the first page after one block.

    A part is (an Order, [], the mask's bytes, count), or (None, ids already in order, b"",
    count).
    Immutable inputs: safe to read from any thread."""

    def __init__(self, parts: Iterable[_Part]):
        self._parts = [p for p in parts if p[3]]
        self._length = sum(p[3] for p in self._parts)
        self._done: list[int] = []
        self._part = 0
        self._block = 0
        self._lock = threading.Lock()

    @classmethod
    def of(cls, ids: list[int]) -> OrderedIds:
        """Ids already in order."""
        return cls(((None, ids, b"", len(ids)),))

    def __len__(self) -> int:
        return self._length

    def _fill(self, needed: int) -> list[int]:
        """The ids computed so far, at least `needed` of them (all: needed >= length)."""
        done = self._done
        if len(done) >= min(needed, self._length):
            return done
        with self._lock:
            while len(done) < needed and self._part < len(self._parts):
                order, listed, data, _count = self._parts[self._part]
                if order is None:  # ids already in order
                    done.extend(listed)
                    self._part += 1
                    continue
                if self._block >= order.blocks:
                    self._part += 1
                    self._block = 0
                    continue
                start = self._block * ORDER_BLOCK
                picked = order.getter(self._block)(data)
                done.extend(compress(order.ids[start : start + ORDER_BLOCK], picked))
                self._block += 1
        return done

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> list[int]: ...

    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            stop = index.stop
            step = index.step or 1
            if stop is None or stop < 0 or step < 0 or (index.start or 0) < 0:
                return self._fill(self._length)[index]
            return self._fill(stop)[index]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError("OrderedIds index out of range")
        return self._fill(index + 1)[index]

    def __iter__(self) -> Iterator[int]:
        return iter(self._fill(self._length))

    def __contains__(self, value: object) -> bool:
        """Looked up in the masks (one byte each), without computing the order (issue 17:
        the window asks whether the action it shows is in each new result)."""
        if len(self._done) == self._length:
            return value in self._done
        if not isinstance(value, int):
            return False
        for order, listed, data, _count in self._parts:
            if order is None:
                if value in listed:
                    return True
            elif 0 <= value < len(data) and data[value]:
                return True
        return False

    def index(self, value: Any, start: int = 0, stop: int | None = None) -> int:
        """As list.index (a C scan, not Sequence's Python loop)."""
        done = self._fill(self._length)
        return done.index(value, start, len(done) if stop is None else stop)

    def count(self, value: Any) -> int:
        return self._fill(self._length).count(value)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, OrderedIds | list | tuple):
            return list(self) == list(other)
        return NotImplemented

    def __add__(self, other: OrderedIds) -> OrderedIds:
        if self._done or other._done:
            return OrderedIds.of(list(self) + list(other))  # (already read: one list)
        joined = OrderedIds(())
        joined._parts = self._parts + other._parts
        joined._length = self._length + other._length
        return joined

    def __repr__(self) -> str:
        return f"OrderedIds({list(self)!r})"


def _one_getter(ids: list[int]) -> Callable[[bytes], tuple[int, ...]]:
    """itemgetter of one index returns a bare item, not a tuple: wrap it."""
    return lambda data: tuple(data[i] for i in ids)
