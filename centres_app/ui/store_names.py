"""The open store as users know it: a file's path, or a server's database — never a technical
URL (`sqlite+pysqlite:///…`, `postgresql+psycopg://…`) nor a command-line option."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from PySide6.QtCore import QCoreApplication


def store_description(url: str) -> str:
    """`sqlite+pysqlite:////home/a/actions.db` -> `/home/a/actions.db`;
    `postgresql+psycopg://moi:secret@serveur:5432/actions` -> « base « actions » sur le serveur
    serveur:5432 (PostgreSQL) » (the password never shown)."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url  # already a path
    if scheme.startswith("sqlite"):
        path = unquote(rest[1:] if rest.startswith("/") else rest).split("?", 1)[0]
        if not path or path == ":memory:":
            return QCoreApplication.translate("StoreNames", "base temporaire en mémoire")
        return path
    parts = urlsplit(url)
    database = unquote(parts.path.lstrip("/")) or "?"
    server = parts.hostname or "localhost"
    if parts.port:
        server = f"{server}:{parts.port}"
    return QCoreApplication.translate(
        "StoreNames", "base « {database} » sur le serveur {server} (PostgreSQL)"
    ).format(database=database, server=server)
