"""Engine creation: SQLite pragmas on every connection, BEGIN IMMEDIATE writes, migrations."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError, OperationalError

from centres_app.config import package_data_path
from centres_app.errors import StoreError

# Alembic reads its scripts from files at run time, also from the PyInstaller bundle.
MIGRATIONS_DIR = package_data_path("db", "migrations")
# How long a write waits for another process's lock before « base occupée ».
BUSY_TIMEOUT_MS = 5000


def busy_timeout_ms() -> int:
    """The busy timeout; CENTRES_APP_BUSY_TIMEOUT_MS shortens it for tests."""
    try:
        return int(os.environ.get("CENTRES_APP_BUSY_TIMEOUT_MS", BUSY_TIMEOUT_MS))
    except ValueError:
        return BUSY_TIMEOUT_MS


def database_url(target: str | os.PathLike[str]) -> str:
    """A SQLAlchemy URL for a file path, or the URL itself when one is given."""
    text = os.fspath(target)
    if "://" in text:
        return text
    return "sqlite+pysqlite:///" + str(Path(text).expanduser().resolve())


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def create_store_engine(url: str) -> Engine:
    """An engine with our pragmas; SQLite writes take the write lock up front."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)

    timeout_ms = busy_timeout_ms()
    engine = create_engine(
        url,
        connect_args={"timeout": timeout_ms / 1000, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        # We manage transactions ourselves (BEGIN IMMEDIATE below).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {timeout_ms}")
        cur.execute("PRAGMA foreign_keys = ON")
        if parsed.database and parsed.database != ":memory:":
            cur.execute("PRAGMA journal_mode = WAL")
        # We write rarely: a confirmed save must survive a power cut.
        cur.execute("PRAGMA synchronous = FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # type: ignore[no-untyped-def]
        # Reads use a deferred transaction; writes ask for IMMEDIATE through the
        # execution option, so the busy timeout can wait for the lock.
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


SQLITE_MAGIC = b"SQLite format 3\x00"


def precheck_sqlite_file(path: Path) -> None:
    """Refuses, without writing a byte, a file that is not one of our databases.

    Runs before our pragmas (journal_mode=WAL would rewrite the header of any SQLite file).
    """
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise StoreError(f"Impossible de lire le fichier de la base : {exc.strerror}") from exc
    if header != SQLITE_MAGIC:
        raise StoreError(
            f"« {path.name} » n'est pas une base de données de l'application "
            "(ni une base SQLite) : "
            "il n'a pas été modifié."
        )
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(describe_db_error(exc)) from exc
    if tables and "action" not in tables and "alembic_version" not in tables:
        raise StoreError(
            f"« {path.name} » est une base SQLite qui n'appartient pas à l'application "
            "(tables inconnues) : elle n'a pas été modifiée."
        )


def _alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    script = ScriptDirectory(str(MIGRATIONS_DIR))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine, revision: str = "head") -> bool:
    """Upgrades the schema to `revision`; returns True when something was applied.

    Opening an up-to-date database does nothing (no write, no lock). A database
    written by a newer version of the app is refused rather than touched.
    """
    try:
        current = current_revision(engine)
        script = ScriptDirectory(str(MIGRATIONS_DIR))
        if current is not None and not _known_revision(script, current):
            raise StoreError(
                "Cette base a été créée par une version plus récente de l'application "
                f"(révision {current}) : mettez l'application à jour pour l'ouvrir."
            )
        target = head_revision() if revision == "head" else revision
        if current == target:
            return False
        if current is None and inspect(engine).get_table_names():
            tables = set(inspect(engine).get_table_names())
            if "action" not in tables:
                raise StoreError(
                    "Ce fichier est une base SQLite qui n'appartient pas à l'application "
                    "(tables inconnues) : il n'a pas été modifié."
                )
        command.upgrade(_alembic_config(engine), revision)
        return True
    except (DatabaseError, OperationalError) as exc:
        raise StoreError(describe_db_error(exc)) from exc


def _known_revision(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is not None
    except CommandError:
        return False


def describe_db_error(exc: Exception) -> str:
    """A French sentence for the usual SQLite failures."""
    text = str(getattr(exc, "orig", exc)).lower()
    if "file is not a database" in text or "file is encrypted" in text:
        return "Ce fichier n'est pas une base de données de l'application (ni une base SQLite)."
    if "database disk image is malformed" in text or "malformed" in text:
        return (
            "La base de données est endommagée. Restaurez une sauvegarde "
            "(dossier « sauvegardes » à côté de la base) ou ouvrez un autre fichier."
        )
    if "database is locked" in text or "busy" in text:
        return (
            "Base occupée : une autre fenêtre ou un autre programme l'utilise. "
            "Réessayez dans un instant."
        )
    if "readonly" in text or "read-only" in text:
        return "La base de données est en lecture seule : impossible d'enregistrer."
    if "unable to open" in text:
        return "Impossible d'ouvrir le fichier de la base (dossier absent ou inaccessible)."
    return f"Erreur de la base de données : {getattr(exc, 'orig', exc)}"
