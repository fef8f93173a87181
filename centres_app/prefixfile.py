"""The broad-prefix masks of the in-memory index (db/memindex.py), kept in a file next to the store.

The masks of the broad 2- and 3-letter prefixes (memindex.MemorySearch._warm) cost FTS5 seconds
at 100,000 actions: without them, a prefix such as `pa` typed in the first seconds after opening
took 1-3 s. Once computed, they are written here (`<store>.prefixes`, a file of its own: the
store's files are never touched with plain file I/O, livefiles.py) and read back at the next
opening, so a broad prefix is answered at once, before the index is even built.

The file is a cache: it is used only when its `state` equals the store's full-text state
(memindex.fts_state: a hash of FTS5's structure and averages records and of max(id), read
through SQLite in the same read transaction as what the masks are combined with): any write to
the full text, by any process, changes it. A file that cannot be read, written or parsed is
ignored (a read-only folder, a damaged file). Outside centres_app.db, whose modules never do
plain file I/O (tests/db/test_live_store_files.py): this file is never a store file.

The same format holds the masks of the frequent words (`<store>.words`, db/wordindex.py), keyed
by word, with the full-text vocabulary (word -> number of actions) in its header.
"""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path

__all__ = ["PrefixFile", "sidecar_path", "words_path", "write"]

_MAGIC = b"centres-prefixes 1\n"


def sidecar_path(store: Path) -> Path:
    return store.with_name(store.name + ".prefixes")


def words_path(store: Path) -> Path:
    return store.with_name(store.name + ".words")


class PrefixFile:
    """The masks of one file, decompressed on demand; `state` is what they are valid for."""

    def __init__(
        self,
        state: str,
        n: int,
        entries: dict[str, tuple[int, int, int]],
        data: bytes | memoryview,
        vocabulary: dict[str, int] | None = None,
        touched: list[int] | None = None,
    ):
        self.state = state
        self.n = n
        self._entries = entries
        self._data = data
        self.vocabulary = vocabulary or {}
        # Actions whose bits are not those of the masks (written since they were computed):
        # the reader takes them from the store (db/wordindex.py).
        self.touched = touched or []

    def again(self, state: str, vocabulary: dict[str, int], touched: list[int]) -> PrefixFile:
        """The same masks for another state, where `touched` actions changed."""
        return PrefixFile(state, self.n, self._entries, self._data, vocabulary, touched)

    @classmethod
    def of_blobs(
        cls,
        state: str,
        n: int,
        blobs: dict[str, tuple[bytes, int]],
        vocabulary: dict[str, int] | None = None,
    ) -> PrefixFile:
        """Masks already compressed (`compress`): key -> (blob, count)."""
        entries: dict[str, tuple[int, int, int]] = {}
        offset = 0
        for key, (blob, count) in blobs.items():
            entries[key] = (offset, len(blob), count)
            offset += len(blob)
        return cls(state, n, entries, b"".join(b for b, _ in blobs.values()), vocabulary)

    def write_to(self, path: Path) -> None:
        """Writes the file atomically: a temporary file, then os.replace. Errors are left to
        the caller (a cache: it ignores them)."""
        header: dict[str, object] = {"state": self.state, "n": self.n, "entries": self._entries}
        if self.vocabulary:
            header["vocabulary"] = self.vocabulary
        if self.touched:
            header["touched"] = self.touched
        raw = json.dumps(header).encode()
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            with open(tmp, "wb") as f:
                f.write(_MAGIC + len(raw).to_bytes(8, "little") + raw)
                f.write(self._data)
            os.replace(tmp, path)
        finally:
            if tmp.exists():
                tmp.unlink()

    def __contains__(self, key: str) -> bool:
        return key in self._entries

    def count(self, key: str) -> int | None:
        found = self._entries.get(key)
        return None if found is None else found[2]

    def size(self) -> int:
        """Bytes of compressed masks held."""
        return len(self._data)

    @classmethod
    def read(cls, path: Path) -> PrefixFile | None:
        try:
            data = path.read_bytes()
            if not data.startswith(_MAGIC):
                return None
            start = len(_MAGIC) + 8
            size = int.from_bytes(data[len(_MAGIC) : start], "little")
            header = json.loads(data[start : start + size])
            entries = {e: (int(o), int(ln), int(c)) for e, (o, ln, c) in header["entries"].items()}
            vocabulary = {str(t): int(d) for t, d in header.get("vocabulary", {}).items()}
            touched = [int(i) for i in header.get("touched", [])]
            return cls(
                str(header["state"]),
                int(header["n"]),
                entries,
                memoryview(data)[start + size :],  # (not a second copy of the masks)
                vocabulary,
                touched,
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def expressions(self) -> list[str]:
        return list(self._entries)

    def get(self, expression: str) -> tuple[int, int] | None:
        """(mask, number of matches) of an FTS5 expression, None if not kept or damaged."""
        found = self._entries.get(expression)
        if found is None:
            return None
        offset, length, count = found
        try:
            raw = zlib.decompress(memoryview(self._data)[offset : offset + length])
        except zlib.error:
            return None
        if len(raw) != self.n:
            return None
        return int.from_bytes(raw, "little"), count


def compress(mask_bytes: bytes | bytearray) -> bytes:
    """A mask's bytes (one per action slot) as kept: zlib level 1 (~15 KB for 100,000)."""
    return zlib.compress(mask_bytes, 1)


def write(path: Path, state: str, n: int, masks: dict[str, tuple[int, int]]) -> None:
    """Writes the masks (expression -> (mask, count)) atomically: a temporary file, then
    os.replace. Errors are left to the caller (a cache: it ignores them)."""
    blobs = {e: (compress(mask.to_bytes(n, "little")), c) for e, (mask, c) in masks.items()}
    PrefixFile.of_blobs(state, n, blobs).write_to(path)
