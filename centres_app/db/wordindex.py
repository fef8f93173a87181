"""The frequent words of the full text as masks: a broad word answered without FTS5.

FTS5 answers a word found in most actions (`parents`: 84,000 of 100,000) by decoding its whole
doclist, and its ids must then be parsed and set in a mask: ~25 ms at 100,000 actions, on every
keystroke. The words found in at least max(WORD_MIN_DOCS, n / WORD_SHARE) actions have their
mask computed once, by FTS5 itself (the expression `"word"`: the same tokenizer, the same
matches; and in titles alone, `title : ("word")`, for the relevance order), kept compressed
in memory (~15 KB each; 1,730 words and ~27 MB for the benchmark's 100,000 actions) and
written next to the store (`<store>.words`, centres_app/prefixfile.py, valid for one full-text
state like the broad prefixes), so the next opening reads them.

A query word is answered from them (memindex.MemorySearch._include): a whole word is its mask;
a prefix being typed is the union of the words of the vocabulary (also kept: word -> number of
actions) that begin with it, the frequent ones from their masks and the others, each rare hence
quick, in one FTS5 query `"w1" OR "w2"...`. Phrases and words that are not plain [0-9a-z] once
folded go to FTS5 as before.

Writes of this process (memindex.MemorySearch.after_commit) "touch" the actions they change:
their bits come from a small in-memory FTS5 table of their current rows (same tokenizer), the
other bits from the masks; the new words of those rows join the vocabulary. A write of another
process drops the index with the snapshot; it is read or computed again with the next one.
At close, masks patched by writes of this process are written again for the store's new state
with the list of the touched actions (`kept_again`): the next opening reads their rows again
instead of computing every mask (the masks' bytes are written as they were read).
"""

from __future__ import annotations

import re
import sqlite3
import threading
from bisect import bisect_left, insort
from collections.abc import Callable, Collection, Sequence
from typing import Any

from centres_app.db.columns import mask_of, parse_ids
from centres_app.db.fulltext import FTS_COLUMNS, INSERT_VALUES
from centres_app.db.query import Term
from centres_app.gui_turn import give_way
from centres_app.prefixfile import PrefixFile, compress

__all__ = ["RARE_LIMIT", "WordIndex", "compute", "memory_fts", "touched_rows"]

WORD_MIN_DOCS = 5000
WORD_SHARE = 20  # a word in 1/20 of the actions or more has its mask kept
# A prefix whose vocabulary holds more rare words than this goes to FTS5 whole: an OR of
# hundreds of words costs FTS5 about what the prefix does.
RARE_LIMIT = 64
_PLAIN = re.compile(r"[0-9a-z]+")
_TOKENIZER = "unicode61 remove_diacritics 2"  # that of action_fts (migration 0006)
TITLE = "title:"  # the key of a word's mask in titles alone (`title : ("word")`)


def threshold(n: int) -> int:
    return max(WORD_MIN_DOCS, n // WORD_SHARE)


def read_vocabulary(conn: sqlite3.Connection) -> dict[str, int]:
    """Every word of the full-text index and the number of actions holding it (scans the
    index: ~1.4 s at 100,000 actions)."""
    conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.centres_vocab "
        "USING fts5vocab(main, action_fts, row)"
    )
    return dict(conn.execute("SELECT term, doc FROM temp.centres_vocab"))


def compute(
    conn: sqlite3.Connection, state: str, n: int, stopped: Callable[[], bool]
) -> PrefixFile | None:
    """The masks of the frequent words of the store as `conn` sees it (in the read transaction
    `state` was read in), or None if `stopped()` said so between two words."""
    vocabulary = read_vocabulary(conn)
    least = threshold(n)
    blobs: dict[str, tuple[bytes, int]] = {}
    frequent = sorted(
        (w for w, docs in vocabulary.items() if docs >= least and _PLAIN.fullmatch(w)),
        key=lambda w: -vocabulary[w],
    )
    for word in frequent:
        for key, expression in ((word, f'"{word}"'), (TITLE + word, f'title : ("{word}")')):
            if stopped():
                return None
            give_way()  # (in the background build: the GUI thread's paints first)
            joined = conn.execute(
                "SELECT group_concat(rowid) FROM action_fts WHERE action_fts MATCH ?",
                (expression,),
            ).fetchone()[0]
            ids = [i for i in parse_ids(joined) if i < n]
            # (by blocks: one C loop over a frequent word's ~84,000 ids held the GIL 5-17 ms)
            blobs[key] = (compress(mask_of(n, ids).to_bytes(n, "little")), len(ids))
    return PrefixFile.of_blobs(state, n, blobs, vocabulary)


class WordIndex:
    """The kept masks of one snapshot lineage (`version` follows the patches), the vocabulary,
    and the touched actions of this process's writes."""

    def __init__(self, version: int, kept: PrefixFile) -> None:
        self.version = version
        self.kept = kept
        self._words = sorted(kept.vocabulary)
        self._known = set(self._words)
        self._lock = threading.Lock()
        self._touched = 0
        self._touched_ids: set[int] = set()
        self._overlay: sqlite3.Connection | None = None

    def close(self) -> None:
        with self._lock:
            if self._overlay is not None:
                self._overlay.close()
                self._overlay = None

    def split(self, term: Term, rare_limit: int = RARE_LIMIT) -> tuple[list[str], list[str]] | None:
        """(kept words, other words of the vocabulary) whose matches together are the term's,
        or None when the masks would not help: a phrase, a word that is not plain once
        folded, no kept word among them, or too many rare ones."""
        if len(term.words) != 1 or not _PLAIN.fullmatch(term.words[0]):
            return None
        word = term.words[0]
        with self._lock:
            if term.prefix:
                words = self._words
                i = bisect_left(words, word)
                found = []
                while i < len(words) and words[i].startswith(word):
                    found.append(words[i])
                    i += 1
            else:
                found = [word] if word in self._known else []
        kept = [w for w in found if w in self.kept]
        rare = [w for w in found if w not in self.kept]
        if not kept or len(rare) > rare_limit:
            return None
        return kept, rare

    def mask(self, word: str, title: bool = False) -> int | None:
        """The mask of a kept word, anywhere or in titles alone (every slot, trash included:
        the caller ANDs the snapshot's actions), patched with the touched actions."""
        found = self.kept.get(TITLE + word if title else word)
        if found is None:
            return None
        mask = found[0]
        with self._lock:
            if self._touched and self._overlay is not None:
                expression = f'title : ("{word}")' if title else f'"{word}"'
                ids = [
                    r[0]
                    for r in self._overlay.execute(
                        "SELECT rowid FROM action_fts WHERE action_fts MATCH ?", (expression,)
                    )
                ]
                mask = (mask & ~self._touched) | (mask_of(max(ids) + 1, ids) if ids else 0)
        return mask

    def patch(self, version: int, changed: Collection[int], rows: Sequence[Sequence[Any]]) -> None:
        """A write of this process committed: `changed` actions now have these full-text rows
        (rowid first, then FTS_COLUMNS; a deleted action has none)."""
        ids = list(changed)
        if not ids:
            self.version = version
            return
        with self._lock:
            if self._overlay is None:
                self._overlay = memory_fts()
                self._overlay.execute("CREATE VIRTUAL TABLE vocab USING fts5vocab(action_fts, row)")
            overlay = self._overlay
            marks = ",".join("?" * len(ids))
            overlay.execute(f"DELETE FROM action_fts WHERE rowid IN ({marks})", ids)
            overlay.executemany(INSERT_VALUES, rows)
            self._touched |= mask_of(max(ids) + 1, ids)
            self._touched_ids.update(ids)
            for (word,) in overlay.execute("SELECT term FROM vocab"):
                if word not in self._known:
                    self._known.add(word)
                    insort(self._words, word)
            self.version = version

    def kept_again(self, state: str) -> PrefixFile | None:
        """What to write next to the store for its full-text `state` (reached from the masks'
        by the writes patched in): the same masks, with the touched actions, whose rows the
        next opening reads again; None when nothing was written."""
        with self._lock:
            if not self._touched_ids:
                return None
            vocabulary = {w: self.kept.vocabulary.get(w, 0) for w in self._words}
            touched = sorted(self._touched_ids)
        return self.kept.again(state, vocabulary, touched)


def memory_fts(rows: Sequence[Sequence[Any]] = ()) -> sqlite3.Connection:
    """An in-memory FTS5 table `action_fts` with the store's columns and tokenizer, holding
    these rows (id, FTS_COLUMNS): FTS5 expressions are evaluated on them as on the store."""
    fts = sqlite3.connect(":memory:", check_same_thread=False)
    fts.execute(
        f"CREATE VIRTUAL TABLE action_fts USING fts5({', '.join(FTS_COLUMNS)}, "
        f"tokenize = '{_TOKENIZER}')"
    )
    fts.executemany(INSERT_VALUES, rows)
    return fts


def touched_rows(conn: sqlite3.Connection, ids: Sequence[int]) -> list[Any]:
    """The full-text rows (id, FTS_COLUMNS) of these actions as stored now (a deleted one has
    none): what WordIndex.patch takes."""
    columns = ", ".join(FTS_COLUMNS)
    rows: list[Any] = []
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        rows += conn.execute(f"SELECT id, {columns} FROM action WHERE id IN ({marks})", chunk)
    return rows
