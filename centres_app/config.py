"""Where things live: the default store in the user data directory, and bundled resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "centres-app"
DB_ENV_VAR = "CENTRES_APP_DB"
SAMPLE_FILE = "senacs-drome.txt"


def default_db_path() -> Path:
    """The embedded default store: one SQLite file in the user's data directory."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "centres.db"


def resolve_db_target(cli_value: str | None) -> tuple[str, bool]:
    """The store to open (path or URL) and whether it is the default one.

    Precedence: --db, then $CENTRES_APP_DB, then the default file.
    """
    if cli_value:
        return cli_value, False
    env = os.environ.get(DB_ENV_VAR)
    if env:
        return env, False
    return str(default_db_path()), True


def resources_dir() -> Path:
    """The resources folder, from a PyInstaller bundle or from a source checkout."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """The path of one bundled resource (sample data, icons, translations, stylesheet)."""
    return resources_dir().joinpath(*parts)
