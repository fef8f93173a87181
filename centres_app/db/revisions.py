"""The schema's head revision, known without importing Alembic or SQLAlchemy (~0.3 s and
~0.4 s of start-up): read from the migration scripts' `revision =` lines."""

from __future__ import annotations

import re

from centres_app.config import package_data_path

# Alembic reads its scripts from files at run time, also from the PyInstaller bundle.
MIGRATIONS_DIR = package_data_path("db", "migrations")

_REVISION_LINE = re.compile(r"""^(down_revision|revision)\s*=\s*['"]?(\w+)""", re.MULTILINE)


def script_head() -> str | None:
    """The head revision read from the scripts' `revision =` lines, without importing
    Alembic; None when it is not one plain head."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in MIGRATIONS_DIR.joinpath("versions").glob("*.py"):
        found = dict(_REVISION_LINE.findall(script.read_text(encoding="utf-8")))
        if "revision" not in found:
            return None
        revisions.add(found["revision"])
        parents.add(found.get("down_revision", "None"))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None
