"""Issue 19, point 5: on the federation's PostgreSQL server the database itself guards the
actions. Two centre roles A and B (each mapped to its structure, migration 0010) read the whole
base; A cannot change B's actions, neither through the app nor with hand-written SQL; an
administrator changes both."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

import pytest
from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from centres_app.cli import main
from centres_app.db import server_roles
from centres_app.db.engine import describe_postgresql_error
from centres_app.db.models import Action
from centres_app.db.store import Store
from centres_app.domain import ActionData, Attachment, SearchRequest
from centres_app.errors import AppError, Forbidden, StoreError

PASSWORD = "s3cret:%x'y"  # characters that SQL, SQLAlchemy or the driver could misread


@dataclass
class Federation:
    url: str  # the owner's (superuser's) URL: not subject to row-level security
    a_url: str
    b_url: str
    admin_url: str
    a_role: str
    b_role: str
    admin_role: str
    a_structure: str
    b_structure: str
    a_id: int  # an action of A's structure (with terms, an attachment and a revision)
    b_id: int  # the same for B


def _engine(url: str) -> Engine:
    return create_engine(url, poolclass=NullPool)


def _as(url: str, role: str) -> str:
    return make_url(url).set(username=role, password=PASSWORD).render_as_string(hide_password=False)


def _action(sample: ActionData, structure: str, title: str) -> ActionData:
    return replace(
        sample,
        title=title,
        structure=structure,
        attachments=(Attachment("note.txt", b"bonjour", "text/plain"),),
    )


@pytest.fixture
def federation(pg_server, sample_actions) -> Iterator[Federation]:
    run = uuid.uuid4().hex[:8]
    roles = [f"centre_a_{run}", f"centre_b_{run}", f"admin_{run}"]
    a_structure, b_structure = f"Centre A {run}", f"Centre social « B » {run}"
    sample = next(a for a in sample_actions if a.keywords)
    with pg_server.database("sample") as url:
        admin = _engine(url)
        try:
            with admin.begin() as conn:
                server_roles.add_centre(conn, roles[0], a_structure, PASSWORD)
                server_roles.add_centre(conn, roles[1], b_structure, PASSWORD)
                conn.execute(text(f"CREATE ROLE {roles[2]} LOGIN PASSWORD 'x'"))
                server_roles.make_admin(conn, roles[2])
            store = Store.open(url)
            try:
                ids = []
                for structure in (a_structure, b_structure):
                    detail = store.create(_action(sample, structure, f"Action de {structure}"))
                    # One revision in the history.
                    changed = replace(detail.data, summary=detail.data.summary + " (revu)")
                    ids.append(store.update(detail.id, detail.version, changed).id)
            finally:
                store.close()
            yield Federation(
                url,
                _as(url, roles[0]),
                _as(url, roles[1]),
                _as(url, roles[2]),
                *roles,
                a_structure,
                b_structure,
                *ids,
            )
        finally:
            admin.dispose()
    _drop_roles(pg_server, roles)


@contextmanager
def _connected(url: str) -> Iterator[Connection]:
    """One transaction as that role, rolled back at the end (what it could do is undone)."""
    engine = _engine(url)
    try:
        with engine.connect() as conn:
            trans = conn.begin()
            try:
                yield conn
            finally:
                trans.rollback()
    finally:
        engine.dispose()


def _refused(url: str, sql: str, params: dict[str, object]) -> str:
    """The server's error for a statement run as that role (it must raise)."""
    with _connected(url) as conn, pytest.raises(DBAPIError) as caught:
        conn.execute(text(sql), params)
    return str(caught.value.orig)


def _rows(url: str, sql: str, params: dict[str, object]) -> int:
    with _connected(url) as conn:
        return int(conn.execute(text(sql), params).rowcount)


def _snapshot(url: str, action_id: int) -> tuple[object, ...]:
    with _connected(url) as conn:
        one = conn.execute(
            text("SELECT title, structure, version, summary FROM action WHERE id = :i"),
            {"i": action_id},
        ).one()
        return (
            tuple(one),
            conn.execute(
                text("SELECT term_id, position FROM action_term WHERE action_id = :i ORDER BY 1"),
                {"i": action_id},
            ).all(),
            conn.execute(
                text("SELECT name, data FROM attachment WHERE action_id = :i"), {"i": action_id}
            ).all(),
            conn.execute(
                text("SELECT version, data FROM action_revision WHERE action_id = :i"),
                {"i": action_id},
            ).all(),
        )


def test_each_centre_reads_the_whole_federation(federation):
    with _connected(federation.url) as conn:
        total = conn.scalar(text("SELECT count(*) FROM action"))
    for url in (federation.a_url, federation.b_url):
        with _connected(url) as conn:
            assert conn.scalar(text("SELECT current_user")) != "postgres"
            assert conn.scalar(text("SELECT count(*) FROM action")) == total
            structures = set(conn.scalars(text("SELECT structure FROM action")))
            assert {federation.a_structure, federation.b_structure} <= structures
            for table in ("action_term", "attachment", "action_revision", "term"):
                assert conn.scalar(text(f"SELECT count(*) FROM {table}")) > 0
    store = Store.open(federation.a_url)  # a centre's app opens the base without migrating
    try:
        assert store.count() == total
        assert store.get(federation.b_id).data.structure == federation.b_structure
    finally:
        store.close()


def test_hand_written_sql_cannot_change_another_centres_action(federation):
    fed = federation
    before = _snapshot(fed.url, fed.b_id)
    b = {"b": fed.b_id, "s": fed.b_structure}
    # UPDATE and DELETE of B's rows: row-level security hides them from A's writes.
    for sql in (
        "UPDATE action SET title = 'piraté' WHERE id = :b",
        "UPDATE action SET structure = 'ailleurs' WHERE id = :b",
        "DELETE FROM action WHERE id = :b",
        "UPDATE action SET title = 'piraté' WHERE structure = :s",
        "DELETE FROM action_term WHERE action_id = :b",
        "UPDATE action_term SET position = position + 10 WHERE action_id = :b",
        "UPDATE attachment SET data = 'x' WHERE action_id = :b",
        "DELETE FROM attachment WHERE action_id = :b",
        "UPDATE action_revision SET data = '{}' WHERE action_id = :b",
        "DELETE FROM action_revision WHERE action_id = :b",
    ):
        assert _rows(fed.a_url, sql, b) == 0, sql
    # New rows for B's action, or an action of B's structure: refused by the server.
    # A complete row (every NOT NULL column), copied from A's action under another structure.
    names = [c.name for c in Action.__table__.columns if c.name != "id"]
    fresh = {"structure": ":s", "uuid": "gen_random_uuid()::text"}
    copied = ", ".join(fresh.get(n, n) for n in names)
    insert = f"INSERT INTO action ({', '.join(names)}) SELECT {copied} FROM action WHERE id = :a"
    b["a"] = fed.a_id
    for sql in (
        insert,
        "INSERT INTO action_term (action_id, term_id, position) "
        "SELECT :b, id, 99 FROM term WHERE id NOT IN "
        "(SELECT term_id FROM action_term WHERE action_id = :b) LIMIT 1",
        "INSERT INTO attachment (action_id, position, name, mime, size, sha256, data) "
        "VALUES (:b, 9, 'x', 'text/plain', 1, 'x', 'x')",
        "INSERT INTO action_revision (action_id, version, saved_at, data) "
        "VALUES (:b, 99, now(), '{}')",
        "INSERT INTO deleted_action (action_id, title, structure, year, version, deleted_at, "
        "data, history) VALUES (:b, 'x', :s, 2020, 1, now(), '{}', '[]')",
    ):
        message = _refused(fed.a_url, sql, b)
        assert "row-level security" in message, sql
        assert describe_postgresql_error(message.lower()).startswith(
            "Le serveur a refusé la modification"
        )
    # Its own action cannot be moved to B (WITH CHECK), nor given to nobody.
    for structure in (fed.b_structure, "Une autre structure"):
        message = _refused(
            fed.a_url,
            "UPDATE action SET structure = :s WHERE id = :a",
            {"s": structure, "a": fed.a_id},
        )
        assert "row-level security" in message
    # The shared vocabulary: new terms for all, renaming for administrators only.
    assert _rows(fed.a_url, "UPDATE term SET name = name || ' piraté'", {}) == 0
    assert (
        _rows(fed.a_url, "DELETE FROM term WHERE id NOT IN (SELECT term_id FROM action_term)", {})
        == 0
    )
    assert (
        _rows(fed.a_url, "INSERT INTO term (kind, name) VALUES ('keywords', 'nouveau mot')", {})
        == 1
    )
    # The mapping and the guard itself are out of reach.
    assert "permission denied" in _refused(
        fed.a_url, "UPDATE centre_role SET structure = :s", {"s": fed.b_structure}
    )
    assert "permission denied" in _refused(
        fed.a_url, "INSERT INTO centre_role VALUES ('x', :s)", {"s": fed.b_structure}
    )
    assert "must be owner" in _refused(
        fed.a_url, "ALTER TABLE action DISABLE ROW LEVEL SECURITY", {}
    )
    assert "must be owner" in _refused(fed.a_url, "DROP POLICY centres_update ON action", {})
    with _connected(fed.a_url) as conn:  # SET ROLE does not change who logged in
        conn.execute(text("SET ROLE centres_centre"))
        assert conn.execute(text("UPDATE action SET title = 'x' WHERE id = :b"), b).rowcount == 0
    assert _snapshot(fed.url, fed.b_id) == before
    # The same statements on its own action do what they say.
    assert _rows(fed.a_url, "UPDATE action SET title = 'mien' WHERE id = :a", {"a": fed.a_id}) == 1
    assert _rows(fed.a_url, "DELETE FROM attachment WHERE action_id = :a", {"a": fed.a_id}) == 1
    assert _rows(fed.a_url, insert, {"s": fed.a_structure, "a": fed.a_id}) == 1


def test_the_apps_save_is_refused_for_another_centres_action(federation):
    fed = federation
    before = _snapshot(fed.url, fed.b_id)
    store = Store.open(fed.a_url)
    try:
        own = store.get(fed.a_id)
        saved = store.update(own.id, own.version, replace(own.data, summary="Revu par A"))
        assert saved.data.summary == "Revu par A"
        assert saved.version == own.version + 1
        other = store.get(fed.b_id)
        # Saved without a change: nothing to write, nothing refused (no new version).
        assert store.update(other.id, other.version, other.data).version == other.version
        with pytest.raises(Forbidden) as caught:
            store.update(other.id, other.version, replace(other.data, summary="Revu par A"))
        assert str(caught.value) == (
            f"Cette action appartient au centre « {fed.b_structure} » : votre compte ne peut "
            "pas la modifier."
        )
        with pytest.raises(Forbidden, match="appartient au centre"):
            store.delete(other.id)
        with pytest.raises(Forbidden, match="pour le centre"):
            store.update(own.id, saved.version, replace(saved.data, structure=fed.b_structure))
        with pytest.raises(Forbidden, match="pour le centre"):
            store.create(replace(other.data, title="Nouvelle action chez B"))
        # A write the app does not check first is still refused, by the server, in French.
        refused = pytest.raises(StoreError, match="Le serveur a refusé la modification")
        with refused, store.writing() as s:
            s.execute(
                text(
                    "INSERT INTO action_revision (action_id, version, saved_at, data) "
                    "VALUES (:b, 99, now(), '{}')"
                ),
                {"b": fed.b_id},
            )
        # Its own actions: create, delete to the trash, restore.
        new = store.create(replace(own.data, title="Nouvelle action de A"))
        store.delete(new.id)
        assert store.restore_deleted(new.id).data.title == "Nouvelle action de A"
    finally:
        store.close()
    assert _snapshot(fed.url, fed.b_id) == before
    # B's trash entry cannot be taken back by A.
    store_b = Store.open(fed.b_url)
    try:
        store_b.delete(fed.b_id)
    finally:
        store_b.close()
    store = Store.open(fed.a_url)
    try:
        entry = next(e for e in store.trash() if e.action_id == fed.b_id)
        with pytest.raises(Forbidden, match="appartient au centre"):
            store.restore_trash_entry(entry.id)
        assert store.empty_trash([entry.id]) == 0
    finally:
        store.close()


def test_imports_renames_and_totals_of_a_centre(federation, sample_actions):
    fed = federation
    before = _snapshot(fed.url, fed.b_id)
    own = replace(sample_actions[1], structure=fed.a_structure, title="Importée par A")
    other = replace(sample_actions[2], structure=fed.b_structure, title="Importée chez B")
    store = Store.open(fed.a_url)
    try:
        total = store.count()
        with pytest.raises(
            Forbidden, match=f"Le fichier contient des actions du centre « {fed.b_structure} »"
        ):
            store.import_actions([own, other], "fichier.json")
        assert store.count() == total  # all or nothing
        report = store.import_actions([own], "fichier.json")
        assert report.created == 1
        # The ids given by the import were moved past by the owner's function: the next save
        # draws a free id.
        created = store.create(replace(own, title="Saisie après l'import"))
        assert created.id > max(fed.a_id, fed.b_id)
        # A value B's action holds too: only an administrator renames it everywhere.
        keyword = store.get(fed.b_id).data.keywords[0]
        with pytest.raises(Forbidden, match="actions d'autres centres"):
            store.rename_value("keywords", keyword, keyword + " renommé")
        # A value only A's actions hold: renamed (the old shared term row stays).
        unique = store.create(replace(own, title="Mot à moi", keywords=("mot de A seul",)))
        assert store.rename_value("keywords", "mot de A seul", "mot de A") == 1
        assert store.get(unique.id).data.keywords == ("mot de A",)
        # The statistics total is the owner's (keeping B's parsed amounts is refused to A,
        # the total is given all the same).
        seen_by_a = store.amount_total(SearchRequest())
    finally:
        store.close()
    with _connected(fed.url) as conn:
        kept = set(
            conn.scalars(
                text("SELECT a.structure FROM action_amount k JOIN action a ON a.id = k.action_id")
            )
        )
    assert kept == {fed.a_structure}  # A kept its own actions' amounts, and only those
    owner = Store.open(fed.url)
    try:
        assert owner.amount_total(SearchRequest()) == seen_by_a
        assert seen_by_a[1] > 0
    finally:
        owner.close()
    assert _snapshot(fed.url, fed.b_id) == before


def test_a_centre_never_migrates_the_base(federation):
    """A base behind this version of the app: a centre's app says the administrator must open
    it first, and touches nothing (a centre's role cannot run DDL anyway)."""
    fed = federation
    owner = _engine(fed.url)
    try:
        with owner.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '0009'"))
        with pytest.raises(StoreError) as caught:
            Store.open(fed.a_url)
        assert "l'administrateur de la fédération doit d'abord l'ouvrir une fois" in str(
            caught.value
        )
        assert "« 0009 »" in str(caught.value)
        with owner.connect() as conn:
            assert conn.scalar(text("SELECT version_num FROM alembic_version")) == "0009"
    finally:
        with owner.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '0010'"))
        owner.dispose()
    Store.open(fed.a_url).close()  # at the app's revision again: opens


def test_the_administrator_changes_every_centres_actions(federation):
    fed = federation
    store = Store.open(fed.admin_url)
    try:
        for action_id in (fed.a_id, fed.b_id):
            detail = store.get(action_id)
            saved = store.update(detail.id, detail.version, replace(detail.data, summary="Admin"))
            assert saved.data.summary == "Admin"
        moved = store.get(fed.a_id)
        store.update(moved.id, moved.version, replace(moved.data, structure=fed.b_structure))
    finally:
        store.close()
    assert (
        _rows(
            fed.admin_url, "UPDATE term SET name = name WHERE id IN (SELECT min(id) FROM term)", {}
        )
        == 1
    )
    # A lost its action to B: it can no longer change it, B can.
    assert _rows(fed.a_url, "UPDATE action SET title = 'x' WHERE id = :a", {"a": fed.a_id}) == 0
    assert _rows(fed.b_url, "UPDATE action SET title = 'x' WHERE id = :a", {"a": fed.a_id}) == 1


def test_change_numbers_and_tombstones_are_the_servers(federation):
    """Migration 0009's guards under a centre's role: the trigger numbers every change (a
    written change_seq is overwritten), tombstones are written by the triggers only."""
    fed = federation
    with _connected(fed.url) as conn:
        top = conn.scalar(text("SELECT max(change_seq) FROM action"))
    with _connected(fed.a_url) as conn:
        conn.execute(text("UPDATE action SET change_seq = 1 WHERE id = :a"), {"a": fed.a_id})
        seq = conn.scalar(text("SELECT change_seq FROM action WHERE id = :a"), {"a": fed.a_id})
        assert seq > top
        conn.execute(
            text("UPDATE action SET change_seq = :big WHERE id = :a"),
            {"a": fed.a_id, "big": 10**12},
        )
        again = conn.scalar(text("SELECT change_seq FROM action WHERE id = :a"), {"a": fed.a_id})
        assert seq < again < 10**12
    for sql in (
        "SELECT nextval('action_change_seq')",
        "SELECT setval('action_change_seq', 1)",
        "INSERT INTO action_tombstone (uuid, structure, title, change_seq) "
        "SELECT uuid, structure, title, 10 FROM action WHERE id = :b",
        "UPDATE action_tombstone SET change_seq = 0",
        "DELETE FROM action_tombstone",
        "UPDATE sync_server SET server_id = 'x'",
    ):
        assert "permission denied" in _refused(fed.a_url, sql, {"b": fed.b_id}), sql
    # B's deleted action: its tombstone is the server's; A cannot revive its identity.
    with _connected(fed.url) as conn:
        uuid_b = conn.scalar(text("SELECT uuid FROM action WHERE id = :b"), {"b": fed.b_id})
    store = Store.open(fed.b_url)
    try:
        store.delete(fed.b_id)
    finally:
        store.close()
    with _connected(fed.url) as conn:
        tomb = conn.execute(
            text("SELECT structure, change_seq FROM action_tombstone WHERE uuid = :u"),
            {"u": uuid_b},
        ).one()
    assert tomb[0] == fed.b_structure
    names = [c.name for c in Action.__table__.columns if c.name not in ("id", "uuid")]
    revive = (
        f"INSERT INTO action ({', '.join(names)}, uuid) SELECT {', '.join(names)}, :u "
        "FROM action WHERE id = :a"
    )
    assert "row-level security" in _refused(fed.a_url, revive, {"u": uuid_b, "a": fed.a_id})
    assert "row-level security" in _refused(
        fed.a_url, "UPDATE action SET uuid = :u WHERE id = :a", {"u": uuid_b, "a": fed.a_id}
    )
    with _connected(fed.url) as conn:
        assert (
            conn.execute(
                text("SELECT structure, change_seq FROM action_tombstone WHERE uuid = :u"),
                {"u": uuid_b},
            ).one()
            == tomb
        )
    # B itself may bring its own action back under the same identity (the tombstone goes).
    names_b = [n for n in names if n != "structure"]
    revive_b = (
        f"INSERT INTO action ({', '.join(names_b)}, structure, uuid) "
        f"SELECT {', '.join(names_b)}, :s, :u FROM action WHERE id = :a"
    )
    with _connected(fed.b_url) as conn:
        params = {"u": uuid_b, "a": fed.a_id, "s": fed.b_structure}
        assert conn.execute(text(revive_b), params).rowcount == 1
        gone = text("SELECT count(*) FROM action_tombstone WHERE uuid = :u")
        assert conn.scalar(gone, {"u": uuid_b}) == 0


def test_the_centre_command_sets_centres_up(pg_server, tmp_path, capsys):
    run = uuid.uuid4().hex[:8]
    role = f"centre_cli_{run}"
    password_file = tmp_path / "mdp"
    password_file.write_text(PASSWORD + "\n", encoding="utf-8")
    with pg_server.database("sample") as url:
        # md5 rather than SCRAM for the sessions of this database: the stored hash then says
        # whether the password reached the server character for character.
        database = make_url(url).database
        with pg_server.admin.connect() as conn:
            conn.execute(text(f"ALTER DATABASE {database} SET password_encryption = 'md5'"))
        try:
            assert (
                main(
                    [
                        "--db",
                        url,
                        "centre",
                        "add",
                        role,
                        "--structure",
                        "Inconnue " + run,
                        "--password-file",
                        str(password_file),
                    ]
                )
                == 0
            )
            out = capsys.readouterr()
            assert f"Rôle « {role} » créé" in out.out
            assert "aucune action de la base n'a exactement la structure" in out.err
            with _connected(url) as conn:
                stored = conn.scalar(
                    text("SELECT rolpassword FROM pg_authid WHERE rolname = :r"), {"r": role}
                )
            assert stored == "md5" + hashlib.md5((PASSWORD + role).encode()).hexdigest()
            # Again, without a password: the role exists, it keeps its own; a new structure.
            assert main(["--db", url, "centre", "add", role, "--structure", "Inconnue " + run]) == 0
            assert f"Rôle « {role} » existant" in capsys.readouterr().out
            # A new role needs a password, and there is no terminal to ask it on.
            assert main(["--db", url, "centre", "add", role + "_x", "--structure", "x"]) == 2
            assert "--password-file" in capsys.readouterr().err
            assert main(["--db", url, "centre", "admin", role]) == 0
            assert main(["--db", url, "centre", "list"]) == 0
            listed = capsys.readouterr().out
            assert f"{role} : structure « Inconnue {run} » (0 action(s)) ; administrateur" in listed
            # The role logs in and, as an administrator, writes.
            assert _rows(_as(url, role), "UPDATE term SET name = name", {}) > 0
            assert main(["--db", url, "centre", "remove", role]) == 0
            assert "droits sur l'application retirés" in capsys.readouterr().out
            main(["--db", url, "centre", "list"])
            assert role not in capsys.readouterr().out
            assert "permission denied" in _refused(
                _as(url, role), "UPDATE term SET name = name", {}
            )
            assert main(["--db", url, "centre", "add", "Pas Valide", "--structure", "x"]) == 2
            assert "Nom de rôle invalide" in capsys.readouterr().err
        finally:
            _drop_roles(pg_server, [role])


def _drop_roles(pg_server, roles: list[str]) -> None:
    """Roles are cluster-wide: each test drops its own (memberships go with them)."""
    drop = _engine(pg_server.url("postgres"))
    try:
        with drop.begin() as conn:
            for role in roles:
                conn.execute(text(f"DROP ROLE IF EXISTS {role}"))
    finally:
        drop.dispose()


def test_a_base_owned_by_an_ordinary_role(pg_server, sample_actions, tmp_path):
    """The usual set-up: the tables belong to a LOGIN role without CREATEROLE (README's
    `centres`), which migrates; a superuser sets the centres up with `centre add`."""
    run = uuid.uuid4().hex[:8]
    owner, centre = f"owner_{run}", f"centre_o_{run}"
    database = f"{pg_server.prefix}owned_{run}"
    admin = pg_server.admin
    with admin.connect() as conn:
        conn.execute(text(f"CREATE ROLE {owner} LOGIN PASSWORD 'x' NOCREATEROLE"))
        conn.execute(text(f"CREATE DATABASE {database} OWNER {owner}"))
    url = pg_server.url(database)
    password_file = tmp_path / "mdp"
    password_file.write_text(PASSWORD, encoding="utf-8")
    try:
        owner_url = _as(url, owner)
        store = Store.open(owner_url)  # the owner migrates, 0010 included
        try:
            store.import_actions(sample_actions[:5], "sample")
            mine = store.create(replace(sample_actions[0], structure="Centre O", title="O"))
            theirs = store.create(replace(sample_actions[0], structure="Autre", title="P"))
        finally:
            store.close()
        with _connected(url) as conn:
            assert conn.scalar(text("SELECT relrowsecurity FROM pg_class WHERE relname = 'action'"))
            assert (
                conn.scalar(
                    text("SELECT proowner::regrole::text FROM pg_proc WHERE proname = :f"),
                    {"f": "centres_may_write"},
                )
                == owner
            )
        assert (
            main(
                [
                    "--db",
                    url,
                    "centre",
                    "add",
                    centre,
                    "--structure",
                    "Centre O",
                    "--password-file",
                    str(password_file),
                ]
            )
            == 0
        )
        centre_url = _as(url, centre)
        store = Store.open(centre_url)
        try:
            detail = store.get(mine.id)
            store.update(detail.id, detail.version, replace(detail.data, summary="par O"))
            other = store.get(theirs.id)
            with pytest.raises(Forbidden, match="« Autre »"):
                store.update(other.id, other.version, replace(other.data, summary="par O"))
            assert (
                store.import_actions(
                    [replace(sample_actions[6], structure="Centre O")], "f"
                ).created
                == 1
            )
        finally:
            store.close()
        assert (
            _rows(centre_url, "UPDATE action SET title = 'x' WHERE id = :i", {"i": theirs.id}) == 0
        )
    finally:
        pg_server.drop(database)
        _drop_roles(pg_server, [centre, owner])


def test_the_centre_command_refuses_sqlite(tmp_path, capsys):
    path = tmp_path / "centres.db"
    assert main(["--db", str(path), "centre", "list"]) == 2
    assert "serveur PostgreSQL de la fédération" in capsys.readouterr().err
    assert not path.exists()  # nothing was created


def test_the_migration_is_a_no_op_on_sqlite(sample_db):
    import sqlite3

    conn = sqlite3.connect(f"{sample_db.as_uri()}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        version = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()
    assert "centre_role" not in tables
    assert version == "0010"


def test_role_names_are_checked():
    for bad in ("Majuscule", "avec-tiret", "a b", "", "centres_admin", "x" * 64, 'a";drop'):
        with pytest.raises(AppError, match="Nom de rôle invalide"):
            server_roles.check_role_name(bad)
    assert server_roles.check_role_name("centre_lyon_8") == "centre_lyon_8"


def test_server_refusals_are_said_in_french():
    cases = {
        'new row violates row-level security policy for table "action"': (
            "Le serveur a refusé la modification : elle touche une action d'un autre centre"
        ),
        "must be owner of table action": "doit d'abord être mise à jour par l'administrateur",
        "permission denied to create role": "lancez « centre » avec un rôle qui a le droit",
        'permission denied to grant role "centres_admin"': "le droit CREATEROLE",
        "permission denied for table centre_role": "Droits insuffisants sur la base",
    }
    for text_, expected in cases.items():
        assert expected in describe_postgresql_error(text_.lower()), text_


def test_a_centres_replica_syncs_its_own_actions_and_is_refused_the_others(federation, tmp_path):
    """The sync (issue 19) with A's credentials: A's replica receives the whole base, sends
    its own changes; its local changes to B's actions stay local, reported as refused, and
    the server's B action and its tombstones are untouched."""
    fed = federation
    owner = _engine(fed.url)
    try:
        with owner.begin() as conn:  # an identity of its own (the template's is shared)
            conn.execute(text("UPDATE sync_server SET server_id = :u"), {"u": str(uuid.uuid4())})
            total = conn.scalar(text("SELECT count(*) FROM action"))
    finally:
        owner.dispose()
    before = _snapshot(fed.url, fed.b_id)
    replica = Store.open(tmp_path / "a.db")
    try:
        first = replica.sync(fed.a_url)
        assert (first.received, first.refused) == (total, ())

        def local(action_id: int) -> int:
            with _connected(fed.url) as conn:
                uuid_ = conn.scalar(text("SELECT uuid FROM action WHERE id = :i"), {"i": action_id})
            with replica.reading() as s:
                return int(
                    s.execute(text("SELECT id FROM action WHERE uuid = :u"), {"u": uuid_}).scalar()
                )

        own, other = replica.get(local(fed.a_id)), replica.get(local(fed.b_id))
        replica.update(own.id, own.version, replace(own.data, summary="Revu hors ligne par A"))
        replica.update(other.id, other.version, replace(other.data, summary="Piraté par A"))
        replica.create(replace(other.data, title="Créée chez B par A", uuid=""))
        report = replica.sync(fed.a_url)
        assert report.sent == 1
        assert sorted(r.title for r in report.refused) == sorted(
            ["Créée chez B par A", other.data.title]
        )
        # B's action deleted on A's replica: the deletion is refused too.
        replica.delete(other.id)
        again = replica.sync(fed.a_url)
        assert other.data.uuid in {r.uuid for r in again.refused}
        assert again.sent == 0
    finally:
        replica.close()
    assert _snapshot(fed.url, fed.b_id) == before
    with _connected(fed.url) as conn:
        summary = conn.scalar(text("SELECT summary FROM action WHERE id = :a"), {"a": fed.a_id})
        assert summary == "Revu hors ligne par A"
        assert (
            conn.scalar(text("SELECT count(*) FROM action WHERE title = 'Créée chez B par A'")) == 0
        )
        assert conn.scalar(text("SELECT count(*) FROM action_tombstone")) == 0
