"""Where to damage a test store: a page of a given table (a fixed fraction of the file moves
whenever the schema gains a table or an index, as migration 0009 did)."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def leaf_page_offset(db: Path, table: str) -> int:
    """The byte offset of the middle leaf page of `table` (or index) in the store file."""
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        pages = [
            r[0]
            for r in conn.execute(
                "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno",
                (table,),
            )
        ]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    finally:
        conn.close()
    assert pages, table
    return (pages[len(pages) // 2] - 1) * size
