"""The store file's safety: backups, checks, restore, location (services.SafetyService).

SQLite files only; on a server database the backups are empty and a backup is refused.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from centres_app.db.backup import (
    DamagedStoreError,
    auto_backup,
    backup_to,
    check_file,
    count_actions,
    list_backups,
    make_backup,
    restore,
)
from centres_app.db.database import OnDatabase
from centres_app.domain import BackupInfo


class FileSafety(OnDatabase):
    """Backups (a rotation beside the file), checks that refuse writes, restore."""

    def backup(self, out: Path | None = None) -> BackupInfo:
        """A consistent copy: to `out`, or into the rotation folder beside the store."""
        path = self._db.require_file()
        if out is None:
            return make_backup(path)
        written = backup_to(path, out)
        return BackupInfo(written, datetime.now().replace(microsecond=0), count_actions(written))

    def auto_backup(self) -> BackupInfo | None:
        """The start-up backup, when the newest one is older than a day."""
        path = self._db.db_path
        return auto_backup(path) if path is not None else None

    def backups(self) -> list[BackupInfo]:
        path = self._db.db_path
        return list_backups(path) if path is not None else []

    def backup_info(self, path: Path) -> BackupInfo:
        """What a candidate file for a restore holds (actions count None when unreadable)."""
        stamp = datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
        return BackupInfo(path, stamp, count_actions(path))

    def check(self, full: bool = False) -> list[str]:
        """Problems found in the store file (quick check by default); empty when sound.

        A store that fails its check refuses every write until a check passes again
        (after a restore, for instance): nothing is written into a damaged file.
        """
        path = self._db.db_path
        problems = check_file(path, full=full) if path is not None else []
        self._db.damage = problems or None
        return problems

    def require_sound(self) -> None:
        """The quick check before a big write (the CLI import): DamagedStoreError if it fails."""
        if self.check(full=False):
            raise DamagedStoreError("rien n'a été écrit", self._db.damage or [])

    @property
    def damage(self) -> list[str] | None:
        """Why writes are refused (a failed check, a corruption met), or None."""
        return self._db.damage

    def risk(self) -> str | None:
        """Why the store's location is unsafe (cloud folder, network share), or None."""
        from centres_app.config import risky_location

        path = self._db.db_path
        return risky_location(path) if path is not None else None

    def restore_backup(self, backup: Path) -> BackupInfo:
        """Replaces the store by a backup (the current content is backed up first).

        Returns the safety backup of the replaced content. The engine is closed while the
        file is replaced, then a new one is opened on the restored content (Database.
        while_closed): every service sees it; callers refresh what they show.
        """
        return self._db.while_closed(lambda path: restore(path, backup))
