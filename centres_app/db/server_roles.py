"""The federation's PostgreSQL server: centres' roles and what row-level security lets them do.

Migration 0010 makes the guarding (group roles `centres_centre` and `centres_admin`, the
`centre_role` table mapping a centre's LOGIN role to its structure, `centres_may_write`, the
policies). This module sets a centre up (`centres-app --db ADMIN_URL centre …`, run by the
administrator who owns the tables) and lets the write path refuse, with a French message,
a change the server would refuse anyway (`require_writable`). The README's section for the
federation's administrator gives the same statements as plain SQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, text
from sqlalchemy.orm import Session

from centres_app.errors import AppError, Forbidden, StoreError

ADMIN_GROUP = "centres_admin"
CENTRE_GROUP = "centres_centre"

# Role names the commands accept: plain lower-case identifiers (no quoting surprises).
_ROLE = re.compile(r"[a-z_][a-z0-9_]{0,62}")


@dataclass(frozen=True)
class CentreRole:
    """A role of the server as `centre list` shows it."""

    role: str
    structure: str | None  # None: an administrator without a structure of its own
    admin: bool
    can_login: bool
    actions: int  # actions of the base carrying exactly this structure


def check_role_name(role: str) -> str:
    if not _ROLE.fullmatch(role) or role in (ADMIN_GROUP, CENTRE_GROUP):
        raise AppError(
            f"Nom de rôle invalide : « {role} » (lettres minuscules sans accents, chiffres et _, "
            f"au plus 63 caractères, ni {ADMIN_GROUP} ni {CENTRE_GROUP})."
        )
    return role


def require_postgresql(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        raise StoreError(
            "Les rôles des centres n'existent que sur le serveur PostgreSQL de la fédération : "
            "donnez l'adresse du serveur (--db postgresql+psycopg://administrateur@serveur/base), "
            "pas une base SQLite."
        )


# The tables a centre writes (row-level security decides which rows) and the functions of
# migration 0010 its policies call; the same lists as the migration's.
_WRITABLE = (
    "action",
    "deleted_action",
    "action_term",
    "attachment",
    "action_revision",
    "action_amount",
    "term",
    "saved_search",
)
_FUNCTIONS = ("centres_is_admin()", "centres_may_write(text)", "centres_reset_id_sequences()")


def ensure_groups(conn: Connection) -> None:
    """The group roles and their privileges, as migration 0010 sets them up when the role
    migrating may create roles; run by `centre add` and `centre admin` (idempotent) for a
    server migrated by an owner without CREATEROLE. Needs a superuser or the tables' owner
    with CREATEROLE."""
    prep = conn.dialect.identifier_preparer
    schema = prep.quote(conn.execute(text("SELECT current_schema()")).scalar_one())
    owner = conn.execute(
        text(
            "SELECT tableowner FROM pg_tables WHERE schemaname = current_schema() "
            "AND tablename = 'action'"
        )
    ).scalar_one()
    for group in (CENTRE_GROUP, ADMIN_GROUP):
        if not role_exists(conn, group):
            conn.execute(text(f"CREATE ROLE {group} NOLOGIN"))
    if not conn.execute(
        text("SELECT pg_has_role(:a, :c, 'MEMBER')"), {"a": ADMIN_GROUP, "c": CENTRE_GROUP}
    ).scalar():
        conn.execute(text(f"GRANT {CENTRE_GROUP} TO {ADMIN_GROUP}"))
    conn.execute(text(f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {CENTRE_GROUP}"))
    conn.execute(text(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {CENTRE_GROUP}"))
    if conn.execute(text("SELECT to_regclass('action_change_seq') IS NOT NULL")).scalar():
        conn.execute(text(f"REVOKE ALL ON SEQUENCE action_change_seq FROM {CENTRE_GROUP}"))
    for table in _WRITABLE:
        conn.execute(text(f"GRANT INSERT, UPDATE, DELETE ON {table} TO {CENTRE_GROUP}"))
    conn.execute(text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON centre_role TO {ADMIN_GROUP}"))
    for function in _FUNCTIONS:
        conn.execute(text(f"GRANT EXECUTE ON FUNCTION {function} TO {CENTRE_GROUP}"))
    for kind, right in (("TABLES", "SELECT"), ("SEQUENCES", "USAGE")):
        conn.execute(
            text(
                f"ALTER DEFAULT PRIVILEGES FOR ROLE {prep.quote(owner)} IN SCHEMA {schema} "
                f"GRANT {right} ON {kind} TO {CENTRE_GROUP}"
            )
        )


def _quote(conn: Connection, role: str) -> str:
    return conn.dialect.identifier_preparer.quote(check_role_name(role))


def role_exists(conn: Connection, role: str) -> bool:
    found = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role})
    return found.first() is not None


def actions_of(conn: Connection, structure: str) -> int:
    count = conn.execute(
        text("SELECT count(*) FROM action WHERE structure = :s"), {"s": structure}
    ).scalar_one()
    return int(count)


def add_centre(conn: Connection, role: str, structure: str, password: str | None) -> bool:
    """Creates the LOGIN role when missing (with `password`; a given password also replaces
    an existing role's), makes it a centre and maps it to `structure` (exact value). Returns
    True when the role was created. Runs in the caller's transaction."""
    ident = _quote(conn, role)
    if not structure.strip():
        raise AppError("Donnez la structure du centre (--structure « Nom du centre »).")
    created = not role_exists(conn, role)
    if created and not password:
        raise AppError(f"Le rôle « {role} » n'existe pas encore : donnez-lui un mot de passe.")
    ensure_groups(conn)
    if created:
        _with_password(conn, f"CREATE ROLE {ident} LOGIN PASSWORD ", password or "")
    elif password:
        _with_password(conn, f"ALTER ROLE {ident} LOGIN PASSWORD ", password)
    conn.execute(text(f"GRANT {CENTRE_GROUP} TO {ident}"))
    conn.execute(
        text(
            "INSERT INTO centre_role (role_name, structure) VALUES (:r, :s) "
            "ON CONFLICT (role_name) DO UPDATE SET structure = excluded.structure"
        ),
        {"r": role, "s": structure},
    )
    return created


def _with_password(conn: Connection, statement: str, password: str) -> None:
    # A utility statement takes no bind parameter: the server quotes the literal (format %L),
    # so no character of the password is read by SQLAlchemy or the driver as syntax.
    literal = conn.execute(text("SELECT format('%L', CAST(:p AS text))"), {"p": password})
    conn.exec_driver_sql((statement + literal.scalar_one()).replace("%", "%%"))


def make_admin(conn: Connection, role: str) -> None:
    """Adds an existing role to the federation's administrators."""
    ident = _quote(conn, role)
    if not role_exists(conn, role):
        raise AppError(
            f"Le rôle « {role} » n'existe pas sur le serveur : créez-le d'abord "
            "(centre add, ou CREATE ROLE … LOGIN)."
        )
    ensure_groups(conn)
    conn.execute(text(f"GRANT {ADMIN_GROUP} TO {ident}"))


def remove_centre(conn: Connection, role: str) -> bool:
    """Takes away a role's rights on the application (its structure, the centres' and the
    administrators' groups); the LOGIN role itself is kept (it is cluster-wide and may be
    used elsewhere: DROP ROLE is the server administrator's). False when it had none."""
    ident = _quote(conn, role)
    if not role_exists(conn, role):
        raise AppError(f"Le rôle « {role} » n'existe pas sur le serveur.")
    mapped = conn.execute(text("DELETE FROM centre_role WHERE role_name = :r"), {"r": role})
    member = conn.execute(
        text(
            "SELECT count(*) FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
            "JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = :r AND g.rolname IN (:c, :a)"
        ),
        {"r": role, "c": CENTRE_GROUP, "a": ADMIN_GROUP},
    ).scalar()
    groups = [g for g in (CENTRE_GROUP, ADMIN_GROUP) if role_exists(conn, g)]
    if groups:
        conn.execute(text(f"REVOKE {', '.join(groups)} FROM {ident}"))
    return bool(mapped.rowcount) or bool(member)


def list_centres(conn: Connection) -> list[CentreRole]:
    """The mapped centres and the administrators, by role name."""
    # (No administrators before the group exists: pg_has_role would fail on it.)
    admin = (
        "pg_has_role(r.oid, (SELECT oid FROM pg_roles WHERE rolname = :a), 'MEMBER')"
        if role_exists(conn, ADMIN_GROUP)
        else "false"
    )
    rows = conn.execute(
        text(
            f"SELECT r.rolname, c.structure, {admin}, r.rolcanlogin, "
            "(SELECT count(*) FROM action WHERE structure = c.structure) "
            "FROM pg_roles r LEFT JOIN centre_role c ON c.role_name = r.rolname "
            "WHERE r.rolname NOT IN (:a, :g) AND NOT r.rolsuper "
            f"AND (c.role_name IS NOT NULL OR {admin}) "
            "ORDER BY r.rolname"
        ),
        {"a": ADMIN_GROUP, "g": CENTRE_GROUP},
    )
    return [CentreRole(r[0], r[1], bool(r[2]), bool(r[3]), int(r[4])) for r in rows]


# --- the write path -------------------------------------------------------------------------


def require_writable(
    session: Session, structure: str | None, *, current: str | None = None
) -> None:
    """Refuses, in French, a write the server's row-level security would refuse: an action
    stored under `current` (None: a new one) saved under `structure` (None: deleted).
    PostgreSQL only; the tables' owner (not subject to the policies) and administrators pass.
    The server refuses these writes anyway: this only names the centre in the message."""
    if _dialect(session) != "postgresql":
        return
    if current is not None and not may_write(session, current):
        raise Forbidden(
            f"Cette action appartient au centre « {current} » : votre compte ne peut pas "
            "la modifier."
        )
    if structure is not None and structure != current and not may_write(session, structure):
        raise Forbidden(
            f"Votre compte ne peut pas enregistrer d'action pour le centre « {structure} » : "
            "seules les actions de votre propre structure peuvent être créées ou modifiées."
        )


def may_write(session: Session | Connection, structure: str) -> bool:
    """Whether the server lets the connected role write actions of `structure` (always on
    SQLite; on PostgreSQL: the owner, an administrator, or the centre of that structure).
    The sync pushes only such actions: an UPDATE or DELETE of another centre's action
    changes 0 rows under row-level security, it does not raise."""
    if _dialect(session) != "postgresql":
        return True
    refused = session.execute(
        text("SELECT row_security_active('action') AND NOT centres_may_write(:s)"),
        {"s": structure},
    ).scalar()
    return not refused


def writable_ids(session: Session | Connection, ids: list[int]) -> list[int]:
    """Those of these actions whose rows the connected role may write (all but on a
    PostgreSQL server under row-level security: those of its structure)."""
    if not ids or _dialect(session) != "postgresql":
        return ids
    if not session.execute(text("SELECT row_security_active('action')")).scalar():
        return ids
    allowed: set[int] = set()
    for start in range(0, len(ids), 5000):
        chunk = ",".join(str(int(i)) for i in ids[start : start + 5000])
        allowed.update(
            session.execute(
                text(
                    f"SELECT id FROM action WHERE id IN ({chunk}) AND centres_may_write(structure)"
                )
            ).scalars()
        )
    return [i for i in ids if i in allowed]


def may_edit_vocabulary(session: Session | Connection) -> bool:
    """Whether the connected role may rename or remove shared vocabulary terms (term rows:
    administrators and the owner; every centre may add terms)."""
    if _dialect(session) != "postgresql":
        return True
    refused = session.execute(
        text("SELECT row_security_active('term') AND NOT centres_is_admin()")
    ).scalar()
    return not refused


class StructureGuard:
    """Checks, once per structure, that an import writes only actions the role may write."""

    def __init__(self, session: Session | Connection) -> None:
        self._session = session
        self._active = _dialect(session) == "postgresql"
        self._allowed: set[str] = set()

    def check(self, structure: str) -> None:
        if not self._active or structure in self._allowed:
            return
        if not may_write(self._session, structure):
            raise Forbidden(
                f"Le fichier contient des actions du centre « {structure} » : votre compte ne "
                "peut créer ou modifier que les actions de sa propre structure. Rien n'a été "
                "importé."
            )
        self._allowed.add(structure)


def _dialect(conn: Session | Connection) -> str:
    bind = conn.get_bind() if isinstance(conn, Session) else conn
    return bind.dialect.name
