"""Backups of a SQLite store through SQLite's online backup API, with a rotation, and checks.

A copy of a live WAL database made with a plain file copy can be torn; the backup API takes a
consistent snapshot while other connections keep working.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from pathlib import Path

from centres_app.db.livefiles import connect_read_only
from centres_app.domain import BackupInfo
from centres_app.errors import StoreError, describe_os_error
from centres_app.exchange.atomic_files import check_output_target

DAILY_KEPT = 7
WEEKLY_KEPT = 4
AUTO_BACKUP_AGE = dt.timedelta(days=1)
_NAME = re.compile(r"^(?P<stem>.+?)-(?P<stamp>\d{8}-\d{6})(?P<tag>-[a-z0-9-]+)?\.db$")


def backup_dir(db_path: Path) -> Path:
    """Where the rotation of a store lives: a folder beside it."""
    return db_path.parent / "sauvegardes"


_connect_ro = connect_read_only


def _connect_store_ro(path: Path) -> sqlite3.Connection:
    """A read-only connection; `immutable` for a store in a folder that cannot be written."""
    from centres_app.db.engine import read_only_file_uri

    immutable = read_only_file_uri(path)
    if immutable:
        return sqlite3.connect(immutable, uri=True, timeout=5)
    return _connect_ro(path)


DAMAGED_ADVICE = (
    "Lancez « centres-app check » pour le détail, puis restaurez une sauvegarde "
    "(Fichier › Restaurer une sauvegarde…)."
)


class UnreadableNow(StoreError):
    """`check_file` could not read the store now (permissions, lock, full disk): no verdict."""


class DamagedStoreError(StoreError):
    """The store fails its quick check: nothing is backed up from it, nothing written to it."""

    def __init__(self, what: str, problems: list[str]) -> None:
        self.problems = problems
        shown = " ; ".join(problems[:3]) + (" ; …" if len(problems) > 3 else "")
        super().__init__(f"La base est endommagée : {what}. {DAMAGED_ADVICE} ({shown})")


def backup_to(db_path: Path, out: Path, verify: bool = True) -> Path:
    """Writes a verified, consistent copy of the store to `out` (temp file, checks, rename).

    The copy is one snapshot of the store (the backup API inside the read transaction that
    counts its actions). Before it replaces anything it must pass SQLite's quick check and hold
    as many actions as the store had in that snapshot: a damaged store is never backed up (its
    copy would push good backups out of the rotation) and a bad copy never lands.

    `verify=False` is for the safety copy taken before a restore, which must keep what the
    restore replaces even when that is damaged (it is tagged and never rotated out).
    """
    out = out.expanduser()
    if out.resolve() == db_path.resolve():
        raise StoreError("La sauvegarde ne peut pas remplacer la base elle-même.")
    try:
        # An existing folder, device or FIFO is refused: a device node is never replaced.
        check_output_target(out)
    except OSError as exc:
        raise StoreError(
            f"Impossible d'écrire la sauvegarde {out} : {describe_os_error(exc)}."
        ) from exc
    # One temporary name per process: two backups of the same second never share it.
    tmp = out.with_name(f"{out.name}.{os.getpid()}.part")
    try:
        src = _connect_store_ro(db_path)
        src.isolation_level = None
        try:
            src.execute("BEGIN")
            expected = (
                int(src.execute("SELECT count(*) FROM action").fetchone()[0]) if verify else None
            )
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
                # A standalone copy: no WAL side files needed to open it.
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        problems = _verify_copy(tmp, expected) if verify else []
        if problems:
            tmp.unlink(missing_ok=True)
            source_problems = check_file(db_path, full=False)
            if source_problems:
                raise DamagedStoreError("aucune sauvegarde n'a été écrite", source_problems)
            raise StoreError(
                "La sauvegarde a échoué : la copie écrite ne passe pas la vérification ("
                + " ; ".join(problems[:3])
                + ") ; elle a été supprimée, les sauvegardes existantes sont intactes."
            )
        os.replace(tmp, out)
    except sqlite3.DatabaseError as exc:
        tmp.unlink(missing_ok=True)
        if verify and _is_corruption(exc):
            raise DamagedStoreError(
                "aucune sauvegarde n'a été écrite", check_file(db_path, full=False) or [str(exc)]
            ) from exc
        from centres_app.db.engine import describe_db_error

        raise StoreError(f"La sauvegarde a échoué : {describe_db_error(exc)}") from exc
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(
            f"Impossible d'écrire la sauvegarde {out} : {describe_os_error(exc)}."
        ) from exc
    return out


def _is_corruption(exc: sqlite3.DatabaseError) -> bool:
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text or "corrupt" in text


def _verify_copy(path: Path, expected_actions: int | None) -> list[str]:
    """Problems of a backup just written: quick check, and its action count."""
    problems = check_file(path, full=False)
    if problems:
        return problems
    found = count_actions(path)
    if found is None:
        return ["actions illisibles dans la copie"]
    if expected_actions is not None and found != expected_actions:
        return [f"{found} action(s) dans la copie au lieu de {expected_actions}"]
    return []


def verified(path: Path) -> bool:
    """Whether a backup file passes the quick check and its actions can be counted."""
    return _verify_copy(path, None) == []


def count_actions(path: Path) -> int | None:
    try:
        conn = _connect_store_ro(path)
        try:
            return int(conn.execute("SELECT count(*) FROM action").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The backups of a store, newest first, with their date and number of actions."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"{db_path.stem}-*.db"):
        m = _NAME.match(path.name)
        if not m or m.group("stem") != db_path.stem:
            continue
        taken = dt.datetime.strptime(m.group("stamp"), "%Y%m%d-%H%M%S")
        tag = (m.group("tag") or "").lstrip("-")
        found.append(BackupInfo(path, taken, count_actions(path), tag))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def make_backup(
    db_path: Path,
    now: dt.datetime | None = None,
    tag: str = "",
    prune_after: bool = True,
    verify: bool = True,
) -> BackupInfo:
    """A new backup in the rotation folder, then the rotation is pruned."""
    now = now or dt.datetime.now()
    folder = backup_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    base = f"{db_path.stem}-{now:%Y%m%d-%H%M%S}{'-' + tag if tag else ''}"
    out = folder / f"{base}.db"
    n = 1
    while out.exists():  # two backups in the same second never replace each other
        n += 1
        out = folder / f"{base}-{n}.db"
    out = backup_to(db_path, out, verify=verify)  # verified before it lands
    if prune_after:
        prune(db_path, now, newest_verified=out)
    return BackupInfo(out, now.replace(microsecond=0), count_actions(out), tag)


def auto_backup(db_path: Path, now: dt.datetime | None = None) -> BackupInfo | None:
    """At start-up: a backup when the newest one is older than a day (or there is none)."""
    now = now or dt.datetime.now()
    if not db_path.exists() or count_actions(db_path) in (None, 0):
        return None
    existing = list_backups(db_path)
    if existing and now - existing[0].taken_at < AUTO_BACKUP_AGE:
        return None
    return make_backup(db_path, now)


def prune(
    db_path: Path, now: dt.datetime | None = None, newest_verified: Path | None = None
) -> list[Path]:
    """Keeps the newest backup of each of the last 7 days and of each of the 4 weeks before.

    Whatever the dates say, the newest backup that passes its verification is never removed
    (`newest_verified` when the caller has just written and verified it; else the backups are
    checked newest first until one passes).
    """
    now = now or dt.datetime.now()
    backups = list_backups(db_path)
    keep: set[Path] = set()
    if newest_verified is None:
        newest_verified = next((b.path for b in backups if verified(b.path)), None)
    if newest_verified is not None:
        keep.add(newest_verified)
    days: set[dt.date] = set()
    weeks: set[tuple[int, int]] = set()
    for b in backups:  # newest first
        if b.tag and not b.tag.isdigit():
            keep.add(b.path)  # safety copies are kept: they hold what a restore replaced
            continue
        day = b.taken_at.date()
        age_days = (now.date() - day).days
        if age_days < DAILY_KEPT:
            if day not in days:
                days.add(day)
                keep.add(b.path)
            continue
        iso = day.isocalendar()
        week = (iso.year, iso.week)
        if len(weeks) < WEEKLY_KEPT and week not in weeks:
            weeks.add(week)
            keep.add(b.path)
    removed = []
    for b in backups:
        if b.path not in keep:
            b.path.unlink(missing_ok=True)
            removed.append(b.path)
    return removed


def check_file(path: Path, full: bool = True) -> list[str]:
    """Problems found in a store file (empty list when it is sound). Never writes."""
    if not path.exists():
        return [f"Le fichier n'existe pas : {path}"]
    from centres_app.db.engine import is_database, read_only_file_uri

    problems: list[str] = []
    try:
        if path.stat().st_size == 0:
            return [
                "Fichier vide (0 octet) : ce n'est pas une base de données. S'il a été vidé "
                "(disque plein, copie interrompue), restaurez une sauvegarde."
            ]
        # A store in a folder that cannot be written is read `immutable` (nothing written).
        immutable = read_only_file_uri(path)
        # Through SQLite only, never open(): the store may be live in this process.
        if not is_database(path, immutable):
            return ["Ce fichier n'est pas une base de données SQLite."]
        conn = _connect_store_ro(path)
        try:
            pragma = "integrity_check" if full else "quick_check"
            rows = [r[0] for r in conn.execute(f"PRAGMA {pragma}")]
            if rows != ["ok"]:
                problems.extend(f"Intégrité : {r}" for r in rows[:20])
            fk = conn.execute("PRAGMA foreign_key_check").fetchall()
            if fk:
                problems.append(f"{len(fk)} lien(s) cassé(s) entre tables.")
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
    except OSError as exc:
        raise UnreadableNow(
            f"La base ne peut pas être lue pour le moment : {describe_os_error(exc)}. "
            "Ce n'est pas le signe d'une base endommagée."
        ) from exc
    except sqlite3.DatabaseError as exc:
        if not _is_corruption(exc) and isinstance(exc, sqlite3.OperationalError):
            # Locked, busy, permissions, read-only folder, full disk: the file may be sound.
            from centres_app.db.engine import describe_db_error

            raise UnreadableNow(
                "La base ne peut pas être vérifiée pour le moment (ce n'est pas le signe "
                f"d'une base endommagée) : {describe_db_error(exc)}"
            ) from exc
        problems.append(f"Base illisible : {exc}")
        return problems
    if full and not problems and "action_fts" in tables:
        problems.extend(_check_full_text(path))
    return problems


def _check_full_text(path: Path) -> list[str]:
    """FTS5's own check of the full-text index against the action rows (rank 1: content too).

    It is an INSERT command, so it needs a read-write connection: run in a transaction that is
    rolled back, it changes nothing. Reads and re-tokenises every text (~15 s at 100,000).
    """
    try:
        conn = sqlite3.connect(path, timeout=5, isolation_level=None)
    except sqlite3.Error:
        return []  # not a problem of the file: the rest of the check stands
    try:
        conn.execute("BEGIN")
        conn.execute("INSERT INTO action_fts (action_fts, rank) VALUES ('integrity-check', 1)")
    except sqlite3.OperationalError:
        return []  # busy or read-only: not a problem of the file either
    except sqlite3.DatabaseError:
        return [
            "Index de recherche désynchronisé des actions : certaines recherches "
            "peuvent manquer des actions ou en montrer à tort."
        ]
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.close()
    return []


def restore(db_path: Path, backup: Path) -> BackupInfo:
    """Replaces the store's content by a backup, after backing up the current store.

    The caller must have closed its own connections to the store first.
    """
    problems = check_file(backup)
    if problems:
        raise StoreError("Sauvegarde inutilisable : " + " ; ".join(problems))
    # No pruning here: it could remove the very backup about to be restored.
    if db_path.exists() and backup.exists() and os.path.samefile(db_path, backup):
        raise StoreError("La sauvegarde choisie est la base elle-même : rien n'a été restauré.")
    # The safety copy keeps what is replaced, damaged or not (a damaged store is restored
    # precisely because it is damaged); it is tagged, so the rotation never removes it.
    safety = (
        make_backup(db_path, tag="avant-restauration", prune_after=False, verify=False)
        if db_path.exists()
        else None
    )
    try:
        src = _connect_ro(backup)
        try:
            dst = sqlite3.connect(db_path, timeout=5)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"La restauration a échoué : {exc}") from exc
    return safety or BackupInfo(db_path, dt.datetime.now(), count_actions(db_path))
