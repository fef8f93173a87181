"""PostgreSQL roles and row-level security: every centre reads the whole federation's base and
changes only its own structure's actions (issue 19, point 5). Nothing on SQLite.

- Two group roles (NOLOGIN, cluster-wide, created if missing, never dropped by a downgrade:
  other databases of the cluster may use them): `centres_centre` holds the table privileges
  every centre's LOGIN role inherits; `centres_admin` is the federation's administrators (a
  member of `centres_centre`, and may change every structure).
- `centre_role(role_name, structure)`: which structure each centre's role may change. A role
  maps to one structure; the structure is compared with the action's `structure` exactly as
  stored (no folding of accents, case or spaces): the administrator copies the name from the
  base (`centres-app … centre add` says how many actions carry it).
- `centres_may_write(structure)`: STABLE SECURITY DEFINER; true for a member of centres_admin
  or when the structure is the one mapped to the role. The role asked about is `session_user`
  (the role that logged in): inside a SECURITY DEFINER function `current_user` is the
  function's owner. `SET ROLE` therefore neither gives nor takes away a centre's rights; a
  centre connects with its own credentials.
- Policies: SELECT for everyone on every table; INSERT/UPDATE/DELETE on `action` only when
  centres_may_write(structure), UPDATE with USING and WITH CHECK (an action cannot be moved to
  another structure); the rows hanging off an action (action_term, attachment,
  action_revision, action_amount) through their action; the trash (deleted_action) by its
  structure; `term` (shared vocabulary): INSERT for all, UPDATE/DELETE for administrators;
  `saved_search`: open to every centre (named searches hold no action data and are one list
  shared by everyone connected — their names are unique across the base; guarding them per
  centre would need an owner column SQLite does not have, and « remplacer » would then fail on
  another centre's name). Of migration 0009: `action_tombstone` is written by its SECURITY
  DEFINER triggers only, and the sync tables (sync_server, sync_state, sync_base) are not
  written by a centre on the server: SELECT and no policy to write; the sequence
  `action_change_seq` is not granted (the trigger draws it; a centre cannot forge
  `change_seq`, the BEFORE trigger overwrites any value written). A new action may not take
  the identity (uuid) of another centre's deleted action: that would remove its tombstone.
- Not FORCE: the tables' owner (the administrator who migrates) is not subject to the policies.
  It runs the migrations and their backfills, and the SECURITY DEFINER trigger functions of
  0009 run as the owner and write the change sequence and tombstones of every centre's
  actions. Centres never connect as the owner.
- An owner without CREATEROLE (README's `centres` role) still upgrades: policies and functions
  are made (nothing changes for the owner), the group roles and their privileges are left to
  the first `centres-app … centre add` run by a superuser (server_roles.ensure_groups: the
  same statements). `centres_is_admin`/`centres_may_write` ask pg_has_role only once the
  group exists (it fails on a missing role).
- `centres_reset_id_sequences()` (SECURITY DEFINER): an import gives ids itself and moves the
  id sequences past them; a centre may not setval.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 18:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

ADMIN = "centres_admin"
CENTRE = "centres_centre"

# Frozen here (a migration never imports live code): the tables and how they are guarded.
_THROUGH_ACTION = ("action_term", "attachment", "action_revision", "action_amount")
_OPEN = ("saved_search",)
# 0009: tombstones written by its triggers; the sync tables are a replica's (on the server,
# sync_server is its identity, written once by the migration).
_READ_ONLY = ("action_tombstone", "sync_server", "sync_state", "sync_base")
_WRITES = "INSERT, UPDATE, DELETE"
_WRITABLE = ("action", "deleted_action", *_THROUGH_ACTION, "term", *_OPEN)
_FUNCTIONS = ("centres_is_admin()", "centres_may_write(text)", "centres_reset_id_sequences()")


def _exists(bind: sa.engine.Connection, table: str) -> bool:
    return bool(bind.execute(sa.text("SELECT to_regclass(:t) IS NOT NULL"), {"t": table}).scalar())


def _policies(
    table: str, insert: str, update: str, delete: str, check: str | None = None
) -> None:
    """SELECT for all; INSERT checked by `insert`; UPDATE of the rows `update` selects, the new
    row checked by `check` (default: `update` again); DELETE of the rows `delete` selects."""
    op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    op.execute(f"CREATE POLICY centres_read ON {table} FOR SELECT USING (true)")
    op.execute(f"CREATE POLICY centres_insert ON {table} FOR INSERT WITH CHECK ({insert})")
    op.execute(
        f"CREATE POLICY centres_update ON {table} FOR UPDATE USING ({update}) "
        f"WITH CHECK ({check or update})"
    )
    op.execute(f"CREATE POLICY centres_delete ON {table} FOR DELETE USING ({delete})")


def _groups_possible(bind: sa.engine.Connection) -> bool:
    """Whether the group roles exist or the role migrating may create them."""
    exists = bind.execute(
        sa.text("SELECT count(*) FROM pg_roles WHERE rolname IN (:a, :c)"),
        {"a": ADMIN, "c": CENTRE},
    ).scalar_one()
    may_create = bind.execute(
        sa.text("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user")
    ).scalar_one()
    return exists == 2 or bool(may_create)


def _groups_and_grants(bind: sa.engine.Connection, ident: str) -> None:
    """The group roles (created when missing) and their privileges. The same statements as
    centres_app.db.server_roles.ensure_groups (frozen here)."""
    for name in (CENTRE, ADMIN):
        op.execute(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{name}') "
            f"THEN CREATE ROLE {name} NOLOGIN; END IF; END $$"
        )
    op.execute(
        f"DO $$ BEGIN IF NOT pg_has_role('{ADMIN}', '{CENTRE}', 'MEMBER') "
        f"THEN GRANT {CENTRE} TO {ADMIN}; END IF; END $$"
    )
    # Everyone connected reads everything (alembic_version too: a centre's app checks the
    # schema is current and never migrates); sequences for the ids of new rows.
    op.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA {ident} TO {CENTRE}")
    op.execute(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {ident} TO {CENTRE}")
    # The change sequence of 0009 is drawn by its SECURITY DEFINER triggers only: no centre
    # burns or reads numbers of its own.
    if _exists(bind, "action_change_seq"):
        op.execute(f"REVOKE ALL ON SEQUENCE action_change_seq FROM {CENTRE}")
    for table in _WRITABLE:
        op.execute(f"GRANT {_WRITES} ON {table} TO {CENTRE}")
    op.execute(f"GRANT SELECT, {_WRITES} ON centre_role TO {ADMIN}")
    for function in _FUNCTIONS:
        op.execute(f"GRANT EXECUTE ON FUNCTION {function} TO {CENTRE}")
    # Tables of later migrations: readable by default, written only where they grant it.
    op.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA {ident} GRANT SELECT ON TABLES TO {CENTRE}")
    op.execute(
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {ident} GRANT USAGE ON SEQUENCES TO {CENTRE}"
    )


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = bind.execute(sa.text("SELECT current_schema()")).scalar_one()
    ident = bind.dialect.identifier_preparer.quote(schema)
    op.execute("CREATE TABLE centre_role (role_name TEXT PRIMARY KEY, structure TEXT NOT NULL)")
    # pg_has_role fails on a role that does not exist: CASE asks only once it does.
    admin = (
        f"CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = '{ADMIN}') "
        f"THEN pg_has_role(session_user, '{ADMIN}', 'MEMBER') ELSE false END"
    )
    # PL/pgSQL rather than SQL: a SQL function's body is parsed and planned again in every
    # statement that calls it (an import's executemany runs one statement per row: +0.3 ms
    # per term link), PL/pgSQL keeps its plans for the session.
    op.execute(
        "CREATE FUNCTION centres_is_admin() RETURNS boolean LANGUAGE plpgsql STABLE "
        f"SECURITY DEFINER SET search_path = pg_catalog, {ident} AS "
        f"$$ BEGIN RETURN {admin}; END $$"
    )
    op.execute(
        "CREATE FUNCTION centres_may_write(structure text) RETURNS boolean LANGUAGE plpgsql "
        f"STABLE SECURITY DEFINER SET search_path = pg_catalog, {ident} AS "
        f"$$ BEGIN RETURN ({admin}) OR EXISTS (SELECT 1 FROM {ident}.centre_role c "
        "WHERE c.role_name = session_user::text AND c.structure = $1); END $$"
    )
    # An import gives ids itself (max(id) + 1, under its table lock) and then moves the id
    # sequences past them; setval needs UPDATE on a sequence, which would let a centre move
    # them anywhere. This does that one move, as the owner.
    op.execute(
        "CREATE FUNCTION centres_reset_id_sequences() RETURNS void LANGUAGE sql "
        f"SECURITY DEFINER SET search_path = pg_catalog, {ident} AS $$ "
        f"SELECT setval(pg_get_serial_sequence('{ident}.action', 'id'), "
        f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {ident}.action), false); "
        f"SELECT setval(pg_get_serial_sequence('{ident}.term', 'id'), "
        f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {ident}.term), false) $$"
    )
    for function in _FUNCTIONS:
        op.execute(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")

    may = "centres_may_write(structure)"
    _policies("deleted_action", may, may, may)
    # An action's identity (uuid, 0009) is not taken from another centre's deleted action: its
    # insertion would remove that tombstone (the trigger revives an identity), and replicas
    # would see the other centre's deleted action come back under this structure.
    own_identity = may
    if _exists(bind, "action_tombstone"):
        own_identity = (
            f"{may} AND NOT EXISTS (SELECT 1 FROM action_tombstone t "
            "WHERE t.uuid = action.uuid AND NOT centres_may_write(t.structure))"
        )
    _policies("action", own_identity, may, may, check=own_identity)
    for table in _THROUGH_ACTION:
        through = (
            f"EXISTS (SELECT 1 FROM action a WHERE a.id = {table}.action_id "
            "AND centres_may_write(a.structure))"
        )
        # A kept amount of an action gone may be cleared by anyone (db/amounts.forget runs
        # after the action's deletion in the same transaction).
        gone = f"NOT EXISTS (SELECT 1 FROM action a WHERE a.id = {table}.action_id)"
        delete = f"{gone} OR {through}" if table == "action_amount" else through
        _policies(table, through, through, delete)
    _policies("term", "true", "centres_is_admin()", "centres_is_admin()")
    for table in _OPEN:
        _policies(table, "true", "true", "true")
    for table in _READ_ONLY:
        if _exists(bind, table):
            op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
            op.execute(f"CREATE POLICY centres_read ON {table} FOR SELECT USING (true)")
    # A server whose owner may not create roles (an older set-up: `centres` LOGIN without
    # CREATEROLE) is upgraded all the same; the policies hold already, and the groups and
    # their privileges come with the first `centres-app … centre add` run by a superuser.
    if _groups_possible(bind):
        _groups_and_grants(bind, ident)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = bind.execute(sa.text("SELECT current_schema()")).scalar_one()
    ident = bind.dialect.identifier_preparer.quote(schema)
    tables = ("action", "deleted_action", *_THROUGH_ACTION, "term", *_OPEN, *_READ_ONLY)
    for table in tables:
        if not _exists(bind, table):
            continue
        for policy in ("centres_read", "centres_insert", "centres_update", "centres_delete"):
            op.execute(f"DROP POLICY IF EXISTS {policy} ON {table}")
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    centre = bind.execute(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :c"), {"c": CENTRE})
    if centre.first() is not None:
        op.execute(
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA {ident} REVOKE SELECT ON TABLES FROM {CENTRE}"
        )
        op.execute(
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA {ident} REVOKE USAGE ON SEQUENCES FROM {CENTRE}"
        )
        op.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA {ident} FROM {CENTRE}")
        op.execute(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {ident} FROM {CENTRE}")
    op.execute("DROP FUNCTION IF EXISTS centres_may_write(text)")
    op.execute("DROP FUNCTION IF EXISTS centres_is_admin()")
    op.execute("DROP FUNCTION IF EXISTS centres_reset_id_sequences()")
    op.execute("DROP TABLE IF EXISTS centre_role")
