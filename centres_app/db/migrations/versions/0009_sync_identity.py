"""Synchronisation (issue 19): a global identity per action, a change sequence, tombstones.

Every action gets `uuid` (36 characters, unique; existing rows get a random UUID 4 here) that
travels with it through the sync and the JSON exchange, and `change_seq` (BIGINT, indexed),
the number of its last change. `action_revision.conflict` marks a version set aside by a sync.
`action_tombstone(uuid, structure, title, change_seq, deleted_at)` remembers deleted actions
so that a deletion travels.

On PostgreSQL (the federation's server) the database does the guarding, whoever writes:

- one sequence `action_change_seq`; a BEFORE INSERT OR UPDATE trigger on `action` takes
  `pg_advisory_xact_lock(19190009)` and then sets NEW.change_seq := nextval. The lock is held
  until the transaction ends, so two writing transactions draw their numbers one after the
  other: the order of the numbers is the order of the commits. A puller reading
  `change_seq > last` therefore never skips a row committed *after* its read with a number
  *smaller* than one it saw (without the lock: T1 draws 10, T2 draws 11 and commits, a
  puller sees 11 and remembers 11, T1 commits 10: lost for ever). Readers take no lock;
  writers on the server wait for each other at their first action row (imports already
  lock the table);
- statement-level triggers on `action_term` and `attachment` touch their actions (an UPDATE
  that the trigger above numbers again), so a change of terms or files moves the action;
- AFTER DELETE on `action` writes (or renumbers) the action's tombstone with its own number
  from the same sequence, under the same lock; inserting an action removes its tombstone;
- the trigger functions are SECURITY DEFINER with a fixed search_path: a centre's role under
  row-level security (migration 0010) bumps the sequence and writes tombstones through them
  without any right of its own on those objects;
- `sync_server`: one row, the server's identity (a UUID drawn here), which a replica keys
  its sync state by.

On SQLite (a local replica) no trigger on the import path (see 0006: a trigger per row made
imports 4x slower): the app's one write path (Database.writing, db/changes.py) numbers the
actions it changed from the one-row `sync_clock`, in the same transaction; only a cheap AFTER
DELETE trigger writes the tombstone (the uuid is gone after the delete).

Both: `sync_state(server_id, last_pulled, synced_at)` (how far this replica has pulled from
which server) and `sync_base(server_id, uuid, server_seq, local_seq, digest)` (what both
sides held at the last sync), used by a replica only.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 18:00:00
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

LOCK_KEY = 19190009

# A random UUID 4 in SQLite's SQL (version nibble 4, variant 8-b).
_SQLITE_UUID4 = (
    "lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || "
    "substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) "
    "|| substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))"
)


def _common_tables() -> None:
    op.create_table(
        "action_tombstone",
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("structure", sa.String(300), nullable=False, server_default=""),
        sa.Column("title", sa.String(500), nullable=False, server_default=""),
        sa.Column("change_seq", sa.BigInteger(), nullable=False, server_default="0"),
        sa.Column("deleted_at", sa.DateTime(), nullable=False, server_default=sa.func.now()),
        sa.PrimaryKeyConstraint("uuid", name="pk_action_tombstone"),
    )
    op.create_index("ix_action_tombstone_change_seq", "action_tombstone", ["change_seq"])
    op.create_table(
        "sync_server",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("server_id", sa.String(36), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sync_server"),
    )
    op.execute(f"INSERT INTO sync_server (id, server_id) VALUES (1, '{uuid.uuid4()}')")
    op.create_table(
        "sync_state",
        sa.Column("server_id", sa.String(36), nullable=False),
        sa.Column("last_pulled", sa.BigInteger(), nullable=False, server_default="0"),
        sa.Column("synced_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("server_id", name="pk_sync_state"),
    )
    op.create_table(
        "sync_base",
        sa.Column("server_id", sa.String(36), nullable=False),
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=False),
        sa.Column("local_seq", sa.BigInteger(), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("server_id", "uuid", name="pk_sync_base"),
    )


def upgrade() -> None:
    bind = op.get_bind()
    dialect = bind.dialect.name
    if dialect == "sqlite":
        # ADD COLUMN needs a default for NOT NULL; every row gets its own value right after.
        op.execute("ALTER TABLE action ADD COLUMN uuid VARCHAR(36) NOT NULL DEFAULT ''")
        op.execute(f"UPDATE action SET uuid = {_SQLITE_UUID4}")
        op.execute("CREATE UNIQUE INDEX uq_action_uuid ON action (uuid)")
        op.execute("ALTER TABLE action ADD COLUMN change_seq BIGINT NOT NULL DEFAULT 0")
        op.execute(
            "ALTER TABLE action_revision ADD COLUMN conflict BOOLEAN NOT NULL DEFAULT 0"
        )
    else:
        op.add_column("action", sa.Column("uuid", sa.String(36), nullable=True))
        # In batches: one transaction still, but no single statement holding every row.
        while True:
            ids = [
                r[0]
                for r in bind.execute(
                    sa.text("SELECT id FROM action WHERE uuid IS NULL ORDER BY id LIMIT 5000")
                )
            ]
            if not ids:
                break
            bind.execute(
                sa.text("UPDATE action SET uuid = :u WHERE id = :i"),
                [{"u": str(uuid.uuid4()), "i": i} for i in ids],
            )
        op.alter_column("action", "uuid", nullable=False)
        op.create_unique_constraint("uq_action_uuid", "action", ["uuid"])
        op.add_column(
            "action",
            sa.Column("change_seq", sa.BigInteger(), nullable=False, server_default="0"),
        )
        op.add_column(
            "action_revision",
            sa.Column("conflict", sa.Boolean(), nullable=False, server_default=sa.false()),
        )
    op.create_index("ix_action_change_seq", "action", ["change_seq"])
    _common_tables()
    if dialect == "sqlite":
        op.execute(
            "CREATE TABLE sync_clock (id INTEGER NOT NULL PRIMARY KEY, seq BIGINT NOT NULL)"
        )
        op.execute("INSERT INTO sync_clock (id, seq) VALUES (1, 0)")
        op.execute(
            "CREATE TRIGGER action_tombstone_on_delete AFTER DELETE ON action BEGIN "
            "INSERT OR REPLACE INTO action_tombstone (uuid, structure, title, change_seq, "
            "deleted_at) VALUES (OLD.uuid, OLD.structure, OLD.title, "
            "(SELECT seq FROM sync_clock WHERE id = 1), CURRENT_TIMESTAMP); END"
        )
    elif dialect == "postgresql":
        _postgresql_guards(bind)


def _postgresql_guards(bind: sa.Connection) -> None:
    schema = bind.execute(sa.text("SELECT current_schema()")).scalar_one()
    definer = f"LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp"
    op.execute("CREATE SEQUENCE action_change_seq AS BIGINT")
    # Existing rows are numbered in id order (one puller sees them all at its first sync).
    op.execute("UPDATE action SET change_seq = nextval('action_change_seq')")
    op.execute(
        "CREATE FUNCTION centres_action_stamp() RETURNS trigger AS $$ BEGIN "
        f"PERFORM pg_advisory_xact_lock({LOCK_KEY}); "
        "NEW.change_seq := nextval('action_change_seq'); "
        "IF TG_OP = 'INSERT' THEN DELETE FROM action_tombstone WHERE uuid = NEW.uuid; END IF; "
        f"RETURN NEW; END $$ {definer}"
    )
    op.execute(
        "CREATE TRIGGER action_stamp BEFORE INSERT OR UPDATE ON action "
        "FOR EACH ROW EXECUTE FUNCTION centres_action_stamp()"
    )
    op.execute(
        "CREATE FUNCTION centres_action_tombstone() RETURNS trigger AS $$ BEGIN "
        f"PERFORM pg_advisory_xact_lock({LOCK_KEY}); "
        "INSERT INTO action_tombstone (uuid, structure, title, change_seq, deleted_at) "
        "VALUES (OLD.uuid, OLD.structure, OLD.title, nextval('action_change_seq'), "
        "now() AT TIME ZONE 'UTC') ON CONFLICT (uuid) DO UPDATE SET "
        "structure = EXCLUDED.structure, title = EXCLUDED.title, "
        "change_seq = EXCLUDED.change_seq, deleted_at = EXCLUDED.deleted_at; "
        f"RETURN OLD; END $$ {definer}"
    )
    op.execute(
        "CREATE TRIGGER action_tombstone_on_delete AFTER DELETE ON action "
        "FOR EACH ROW EXECUTE FUNCTION centres_action_tombstone()"
    )
    # A change of an action's terms or files moves the action: one UPDATE per statement,
    # numbered by action_stamp; not of the actions this very transaction already wrote (their
    # number is drawn and they commit with their links): an import of new actions does not
    # write each row twice more.
    for event, rows in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
        function = f"centres_touch_on_{event.lower()}"
        op.execute(
            f"CREATE FUNCTION {function}() RETURNS trigger AS $$ BEGIN "
            "UPDATE action SET change_seq = 0 WHERE id IN "
            "(SELECT DISTINCT action_id FROM changed_rows) "
            "AND xmin::text::bigint <> txid_current() % 4294967296; "
            f"RETURN NULL; END $$ {definer}"
        )
        for table in ("action_term", "attachment"):
            op.execute(
                f"CREATE TRIGGER {table}_touch_{event.lower()} AFTER {event} ON {table} "
                f"REFERENCING {rows} TABLE AS changed_rows "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
            )


def downgrade() -> None:
    bind = op.get_bind()
    dialect = bind.dialect.name
    if dialect == "postgresql":
        for event in ("insert", "update", "delete"):
            for table in ("action_term", "attachment"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_touch_{event} ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS centres_touch_on_{event}()")
        op.execute("DROP TRIGGER IF EXISTS action_tombstone_on_delete ON action")
        op.execute("DROP TRIGGER IF EXISTS action_stamp ON action")
        op.execute("DROP FUNCTION IF EXISTS centres_action_tombstone()")
        op.execute("DROP FUNCTION IF EXISTS centres_action_stamp()")
        op.execute("DROP SEQUENCE IF EXISTS action_change_seq")
    elif dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS action_tombstone_on_delete")
        op.execute("DROP TABLE IF EXISTS sync_clock")
    op.drop_table("sync_base")
    op.drop_table("sync_state")
    op.drop_table("sync_server")
    op.drop_index("ix_action_tombstone_change_seq", "action_tombstone")
    op.drop_table("action_tombstone")
    op.drop_index("ix_action_change_seq", "action")
    if dialect == "sqlite":
        op.execute("DROP INDEX uq_action_uuid")
    else:
        op.drop_constraint("uq_action_uuid", "action", type_="unique")
    op.drop_column("action_revision", "conflict")
    op.drop_column("action", "change_seq")
    op.drop_column("action", "uuid")
