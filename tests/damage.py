"""A real damaged store file for the tests: pages of the `action` table overwritten.

Which page a fixed offset lands on changes with every schema change (a column, an index): the
pages are found through SQLite's dbstat table instead, so the damage always hits the action
rows (their texts, read by the completeness scores and the detail) and never the file header
or the list's covering index (db/migrations 0005), which the list reads.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


def action_leaf_pages(db: Path) -> tuple[list[int], int]:
    """The leaf pages of the `action` table (1-based numbers) and the page size."""
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        pages = [
            p
            for (p,) in conn.execute(
                "SELECT pageno FROM dbstat WHERE name = 'action' AND pagetype = 'leaf' "
                "ORDER BY pageno"
            )
        ]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    finally:
        conn.close()
    assert pages, "no leaf page of the action table"
    return pages, size


def damage_action_page(db: Path, which: float = 0.3) -> bytes:
    """Overwrites one leaf page of the action table (the one at `which` of their list), the
    file being closed (no connection holds it); returns the damaged file's bytes."""
    pages, size = action_leaf_pages(db)
    page = pages[min(len(pages) - 1, int(len(pages) * which))]
    data = bytearray(db.read_bytes())
    offset = (page - 1) * size
    data[offset : offset + size] = b"\xab" * size
    db.write_bytes(bytes(data))
    return bytes(data)
