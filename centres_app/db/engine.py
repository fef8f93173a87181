"""Engine creation: SQLite pragmas on every connection, BEGIN IMMEDIATE writes, migrations."""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError

from centres_app.db.revisions import MIGRATIONS_DIR, script_head
from centres_app.errors import StoreError

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

# How long a write waits for another process's lock before « base occupée ».
BUSY_TIMEOUT_MS = 5000
# How long opening a PostgreSQL store waits for the server before saying it is unreachable.
PG_CONNECT_TIMEOUT_S = 10


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
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(
            f"Adresse de base de données invalide : {url_for_display(url)} "
            "(attendu un chemin de fichier ou postgresql+psycopg://utilisateur@serveur/base)."
        ) from exc
    if parsed.get_backend_name() == "postgresql":
        return _postgresql_engine(parsed)
    if parsed.get_backend_name() != "sqlite":
        raise StoreError(
            f"Type de base non pris en charge : {parsed.get_backend_name()} "
            "(un fichier SQLite ou un serveur PostgreSQL)."
        )

    timeout_ms = busy_timeout_ms()
    read_only_url = _read_only_uri(parsed)
    extra: dict[str, Any] = {}
    if read_only_url:
        # The engine's URL stays the file's path (the store's db_path, backups, checks);
        # only its connections read it immutable.
        uri = read_only_url
        extra["creator"] = lambda: sqlite3.connect(
            uri, uri=True, timeout=timeout_ms / 1000, check_same_thread=False
        )
    engine = create_engine(
        url,
        connect_args={"timeout": timeout_ms / 1000, "check_same_thread": False},
        **extra,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        # We manage transactions ourselves (BEGIN IMMEDIATE below).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {timeout_ms}")
        cur.execute("PRAGMA foreign_keys = ON")
        if parsed.database and parsed.database != ":memory:" and not read_only_url:
            cur.execute("PRAGMA journal_mode = WAL")
        # We write rarely: a confirmed save must survive a power cut.
        cur.execute("PRAGMA synchronous = FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # Reads use a deferred transaction; writes ask for IMMEDIATE through the
        # execution option, so the busy timeout can wait for the lock.
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def is_database(path: Path, immutable: str | None) -> bool:
    from centres_app.db.livefiles import is_sqlite_database

    return is_sqlite_database(path, uri=immutable)


def read_only_file_uri(path: Path) -> str | None:
    """The SQLite URI to read a store that cannot be written where it is, else None.

    SQLite needs to write beside a WAL store (its -shm and -wal files): in a read-only folder
    (or for a read-only file) every command failed, even `list`. When there is no -wal and
    no -shm file beside it (no process has it open: SQLite removes them at the last close),
    the file is read `immutable` (nothing is written, no lock): reads and exports work and a
    write is refused with the read-only message. Otherwise the normal opening is kept (an
    open store's pages would be missed, or change under an immutable reader); SQLite reads it
    through the existing -shm when it can, else the read-only message says what to do.
    """
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return None
        if os.access(path.parent, os.W_OK) and os.access(path, os.W_OK):
            return None
        if any(path.with_name(path.name + side).exists() for side in ("-wal", "-shm")):
            return None
    except OSError:
        return None
    return f"{path.resolve().as_uri()}?mode=ro&immutable=1"


def _read_only_uri(parsed: URL) -> str | None:
    """`read_only_file_uri` for the file of a SQLite URL, else None."""
    database = parsed.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return read_only_file_uri(Path(database))


def _postgresql_engine(parsed: URL) -> Engine:
    """A shared server: psycopg 3, a bounded connect wait, connections checked before use."""
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.drivername != "postgresql+psycopg":
        raise StoreError(
            f"Pilote PostgreSQL non pris en charge : {parsed.drivername} "
            "(utilisez postgresql+psycopg://utilisateur@serveur/base)."
        )
    try:
        import psycopg  # noqa: F401 - the optional dependency, checked with a clear message
    except ImportError as exc:
        raise StoreError(
            "Le pilote PostgreSQL n'est pas installé : installez l'application avec "
            "l'option « postgres » (pip install 'centres-app[postgres]')."
        ) from exc
    connect_args: dict[str, object] = {"application_name": "centres-app"}
    if "connect_timeout" not in parsed.query:
        # A server that does not answer must not freeze the window for minutes.
        connect_args["connect_timeout"] = PG_CONNECT_TIMEOUT_S
    return create_engine(parsed, pool_pre_ping=True, connect_args=connect_args)


def url_for_display(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url.split("@")[-1] if "@" in url else url


def precheck_sqlite_file(path: Path) -> None:
    """Refuses, without writing a byte, a file that is not one of our databases.

    Runs before our pragmas (journal_mode=WAL would rewrite the header of any SQLite file).
    The file is read through SQLite only (read-only connection), never with open(): another
    store of this process may hold it (livefiles.py says why that matters).
    """
    from centres_app.db.livefiles import connect_read_only

    if not path.exists() or path.stat().st_size == 0:
        return
    immutable = read_only_file_uri(path)
    try:
        if not is_database(path, immutable):
            raise StoreError(
                f"« {path.name} » n'est pas une base de données de l'application "
                "(ni une base SQLite) : "
                "il n'a pas été modifié."
            )
        conn = (
            sqlite3.connect(immutable, uri=True, timeout=5)
            if immutable
            else connect_read_only(path)
        )
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
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine, revision: str = "head") -> bool:
    """Upgrades the schema to `revision`; returns True when something was applied.

    Opening an up-to-date database does nothing (no write, no lock). A database
    written by a newer version of the app is refused rather than touched.
    """
    if revision == "head" and _sqlite_is_at_head(engine):
        return False
    from alembic import command
    from alembic.script import ScriptDirectory

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
        if current is not None and not is_sqlite(engine) and not _may_change_schema(engine):
            raise StoreError(
                f"Cette base PostgreSQL est à la version de schéma « {current} », cette version "
                f"de l'application attend « {target} » : l'administrateur de la fédération doit "
                "d'abord l'ouvrir une fois avec son compte (le propriétaire des tables) pour la "
                "mettre à jour. Un compte de centre ne peut pas modifier la structure de la base."
            )
        if current is None and inspect(engine).get_table_names():
            tables = set(inspect(engine).get_table_names())
            if "action" in tables:
                # Our tables without the record of their schema version: upgrading would
                # recreate them ("table action already exists"); nothing is touched.
                raise StoreError(
                    "La table de suivi des versions de la base (alembic_version) manque : la "
                    "base a été modifiée par un autre programme ou endommagée. Elle n'a pas été "
                    "modifiée ; restaurez une sauvegarde (Fichier › Restaurer une sauvegarde…)."
                )
            if "action" not in tables:
                raise StoreError(
                    "Ce fichier est une base SQLite qui n'appartient pas à l'application "
                    "(tables inconnues) : il n'a pas été modifié."
                    if is_sqlite(engine)
                    else "Cette base PostgreSQL contient déjà des tables qui n'appartiennent pas "
                    "à l'application : elle n'a pas été modifiée. Utilisez une base vide."
                )
        command.upgrade(_alembic_config(engine), revision)
        return True
    except (DatabaseError, OperationalError) as exc:
        raise StoreError(describe_db_error(exc)) from exc


def _sqlite_is_at_head(engine: Engine) -> bool:
    """Whether an SQLite store is already at the head revision (the usual opening)."""
    if not is_sqlite(engine):
        return False
    head = script_head()
    try:
        with engine.connect() as conn:
            rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    except (DatabaseError, OperationalError):
        return False  # a new file, or not ours: the full path decides
    return head is not None and [r[0] for r in rows] == [head]


def _may_change_schema(engine: Engine) -> bool:
    """Whether the connected PostgreSQL role owns the tables (or acts as their owner: a member
    of the owning role, a superuser); a centre's role (migration 0010) does not."""
    with engine.connect() as conn:
        owner = conn.exec_driver_sql(
            "SELECT pg_has_role(current_user, tableowner, 'USAGE') FROM pg_tables "
            "WHERE schemaname = current_schema() AND tablename = 'action'"
        ).scalar()
    return owner is None or bool(owner)


def _known_revision(script: ScriptDirectory, revision: str) -> bool:
    from alembic.util import CommandError

    try:
        return script.get_revision(revision) is not None
    except CommandError:
        return False


def describe_db_error(exc: Exception) -> str:
    """A French sentence for the usual SQLite and PostgreSQL failures."""
    text = str(getattr(exc, "orig", exc)).lower()
    if type(getattr(exc, "orig", exc)).__module__.startswith("psycopg"):
        return describe_postgresql_error(text)
    if "file is not a database" in text or "file is encrypted" in text:
        return "Ce fichier n'est pas une base de données de l'application (ni une base SQLite)."
    if "database disk image is malformed" in text or "malformed" in text:
        return (
            "La base de données est endommagée. Restaurez une sauvegarde "
            "(dossier « sauvegardes » à côté de la base) ou ouvrez un autre fichier."
        )
    if "database or disk is full" in text or "disk is full" in text:
        return (
            "Disque plein : la base ne peut plus rien écrire. Libérez de la place sur le disque "
            "de la base, puis réessayez ; ce qui n'a pas pu être enregistré a été annulé, la base "
            "n'est pas endommagée."
        )
    if "disk i/o error" in text:
        return (
            "Erreur d'entrée-sortie sur le disque de la base (disque plein, retiré ou "
            "défectueux ?) : vérifiez la place libre et le disque, puis réessayez ; ce qui n'a "
            "pas pu être enregistré a été annulé."
        )
    if "database is locked" in text or "busy" in text:
        return (
            "Base occupée : une autre fenêtre ou un autre programme l'utilise. "
            "Réessayez dans un instant."
        )
    if "readonly" in text or "read-only" in text:
        return (
            "La base de données est en lecture seule (fichier, dossier ou disque protégé en "
            "écriture) : impossible d'enregistrer. Les recherches et les exports restent "
            "possibles ; pour enregistrer, vérifiez les droits sur le fichier et son dossier."
        )
    if "unable to open" in text:
        return (
            "Impossible d'ouvrir le fichier de la base : dossier absent, ou droits insuffisants "
            "sur le fichier ou son dossier (SQLite écrit des fichiers à côté de la base). "
            "Vérifiez le chemin et les droits."
        )
    return f"Erreur de la base de données : {getattr(exc, 'orig', exc)}"


# (regular expression on the lowercased driver message, French message); first match wins.
_PG_MESSAGES = (
    (
        r"password authentication failed|no password supplied|password is required",
        "Connexion au serveur PostgreSQL refusée : utilisateur ou mot de passe incorrect.",
    ),
    (
        r'role "[^"]*" does not exist',
        "Connexion au serveur PostgreSQL refusée : cet utilisateur n'existe pas sur le serveur.",
    ),
    (
        r'database "[^"]*" does not exist',
        "La base indiquée n'existe pas sur le serveur PostgreSQL : demandez à l'administrateur "
        "de la créer (CREATE DATABASE) ou vérifiez son nom.",
    ),
    (
        r"connection refused|no such file or directory.*socket|is the server running",
        "Le serveur PostgreSQL ne répond pas (connexion refusée) : vérifiez qu'il est démarré, "
        "l'adresse et le port.",
    ),
    (
        r"could not translate host name|name or service not known|nodename nor servname",
        "Serveur PostgreSQL introuvable : vérifiez le nom du serveur dans l'adresse de la base.",
    ),
    (
        r"timeout expired|timed out|no route to host|network is unreachable",
        "Le serveur PostgreSQL ne répond pas (délai dépassé) : vérifiez le réseau et l'adresse.",
    ),
    (
        r"no pg_hba\.conf entry",
        "Le serveur PostgreSQL n'accepte pas les connexions de ce poste (pg_hba.conf) : "
        "demandez à l'administrateur d'autoriser cette adresse.",
    ),
    (
        r"too many connections|remaining connection slots",
        "Le serveur PostgreSQL est saturé (trop de connexions) : réessayez dans un instant.",
    ),
    (
        r"permission denied to create extension|must be superuser|must be owner of extension",
        "Droits insuffisants sur le serveur PostgreSQL pour préparer la base : un administrateur "
        "doit exécuter une fois « CREATE EXTENSION unaccent; » dans cette base.",
    ),
    (
        r'extension "unaccent" is not available|could not open extension control file',
        "L'extension « unaccent » n'est pas installée sur le serveur PostgreSQL (paquet "
        "postgresql-contrib) : la recherche sans accents en a besoin.",
    ),
    (
        r"row-level security|row level security",
        "Le serveur a refusé la modification : elle touche une action d'un autre centre, que "
        "votre compte ne peut pas modifier (chaque centre ne modifie que les actions de sa "
        "structure). Rien n'a été enregistré.",
    ),
    (
        r"permission denied to (create|alter) role|permission denied to grant role"
        r"|must have createrole|must have admin option",
        "Droits insuffisants sur le serveur PostgreSQL pour créer ou accorder les rôles des "
        "centres : lancez « centre » avec un rôle qui a le droit CREATEROLE (le propriétaire "
        "des tables, ou un superutilisateur ; voir le README, « Un compte par centre »).",
    ),
    (
        r"must be owner of (table|relation|sequence|function|index|schema)",
        "Cette base doit d'abord être mise à jour par l'administrateur de la fédération (le "
        "propriétaire des tables, avec cette version de l'application) : un compte de centre "
        "ne peut pas modifier la structure de la base.",
    ),
    (
        r"permission denied",
        "Droits insuffisants sur la base PostgreSQL : l'utilisateur doit pouvoir créer, lire et "
        "écrire les tables de l'application.",
    ),
    (
        r"read-only transaction",
        "La base PostgreSQL est en lecture seule : impossible d'enregistrer.",
    ),
    (
        r"server closed the connection|terminating connection|connection is closed"
        r"|consuming input failed|connection is lost|ssl syscall",
        "La connexion au serveur PostgreSQL a été coupée : réessayez ; si cela se répète, "
        "vérifiez le réseau et le serveur.",
    ),
    (
        r"deadlock detected|could not serialize|lock timeout|canceling statement due to lock",
        "Base occupée : une autre personne enregistre en même temps. Réessayez dans un instant.",
    ),
)


def describe_postgresql_error(text: str) -> str:
    """A French sentence for the usual PostgreSQL (psycopg) failures; `text` is lowercase."""
    for pattern, message in _PG_MESSAGES:
        if re.search(pattern, text):
            return message
    first_line = text.strip().splitlines()[0] if text.strip() else text
    return f"Erreur du serveur PostgreSQL : {first_line}"
