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


def package_data_path(*parts: str) -> Path:
    """A data file shipped inside the package (the Alembic scripts), checkout or bundle.

    build.spec copies them to the same place under the bundle's root as in the package.
    """
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root, "centres_app", *parts)
    return Path(__file__).resolve().parent.joinpath(*parts)


# Folder names of the usual synchronised clouds (SQLite files get corrupted there).
_CLOUD_MARKERS = (
    "onedrive",
    "dropbox",
    "google drive",
    "googledrive",
    "mon drive",
    "my drive",
    "icloud drive",
    "iclouddrive",
    "mobile documents",
    "nextcloud",
    "owncloud",
)
_NETWORK_FS = {
    "nfs",
    "nfs4",
    "cifs",
    "smbfs",
    "smb3",
    "sshfs",
    "fuse.sshfs",
    "afpfs",
    "9p",
    "fuse.rclone",
    "davfs",
    "fuse.davfs2",
}


def risky_location(path: Path, mounts_file: Path = Path("/proc/mounts")) -> str | None:
    """Why a store at `path` is at risk (cloud-synchronised folder, network share), or None.

    SQLite's write-ahead log needs a local disk: synchronisation clients and network file
    systems copy or lock the files behind its back.
    """
    text = str(path)
    lowered = text.replace("\\", "/").lower()
    for marker in _CLOUD_MARKERS:
        if f"/{marker}" in lowered:
            return (
                "La base se trouve dans un dossier synchronisé dans le nuage "
                f"(« {marker} ») : ces services copient le fichier pendant qu'il est ouvert et "
                "peuvent l'endommager. Placez-la dans un dossier local et gardez les "
                "sauvegardes dans le nuage."
            )
    if text.startswith(("\\\\", "//")):
        return (
            "La base se trouve sur un partage réseau : SQLite ne peut pas y garantir l'intégrité "
            "du fichier. Placez-la sur un disque local."
        )
    try:
        mounts = mounts_file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    resolved = str(path.expanduser().resolve())
    best = ("", "")
    for line in mounts:
        parts = line.split()
        if (
            len(parts) >= 3
            and (resolved == parts[1] or resolved.startswith(parts[1].rstrip("/") + "/"))
            and len(parts[1]) > len(best[0])
        ):
            best = (parts[1], parts[2])
    if best[1] in _NETWORK_FS:
        return (
            f"La base se trouve sur un disque réseau ({best[1]}) : SQLite ne peut pas y garantir "
            "l'intégrité du fichier. Placez-la sur un disque local."
        )
    return None
