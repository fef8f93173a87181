"""Where file dialogs start: the user's Documents folder, then the last folder used (never the
process's working directory, which on Windows is the program's folder)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

LAST_FOLDER_KEY = "files/lastFolder"


def documents_folder() -> Path:
    """The user's Documents folder (QStandardPaths), else the home folder."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if location and Path(location).is_dir():
        return Path(location)
    return Path.home()


def start_folder(settings: QSettings | None, *legacy_keys: str) -> Path:
    """The last folder used for an export or a PDF (if it still exists), else Documents.
    `legacy_keys`: older settings keys that held a folder (read when the shared one is unset)."""
    if settings is not None:
        for key in (LAST_FOLDER_KEY, *legacy_keys):
            value = str(settings.value(key, "") or "")
            if value and Path(value).is_dir():
                return Path(value)
    return documents_folder()


def proposed_path(settings: QSettings | None, name: str, *legacy_keys: str) -> str:
    """The full path a save dialog proposes: `name` in `start_folder`."""
    return str(start_folder(settings, *legacy_keys) / name)


def remember_folder(settings: QSettings | None, chosen: str | Path) -> None:
    """Remembers the folder of a file the user chose to write."""
    if settings is not None and str(chosen):
        settings.setValue(LAST_FOLDER_KEY, str(Path(chosen).parent))
