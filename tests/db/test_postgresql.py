"""The shared PostgreSQL store: full-text machinery, same answers as SQLite, two processes,
connection errors in French."""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from centres_app.cli import main
from centres_app.db.engine import describe_postgresql_error
from centres_app.db.store import Store
from centres_app.domain import FACETS, ActionData, Filters, SearchRequest
from centres_app.errors import Conflict, StoreError

ROOT = Path(__file__).resolve().parents[2]

# The queries of test_search.py, and a few more that differ between tokenizers.
QUERIES = [
    ("reveillon", False),
    ("VELO", False),
    ("vélo", False),
    ("é", True),
    ("éd", True),
    ("édu", True),
    ("éduc", True),
    ("educ", True),
    ("jouets", False),
    ("reveillon solidaire", False),
    ("reveillon -amitie", False),
    ('"transport partagé"', False),
    ("après-midi", True),
    ("l'atelier", False),
    ("de", False),
    ("la main", True),
    ("caf", True),
    ("parent", True),
    ("jeunes -velo", False),
    ("Drôme", False),
    ("Parentalité", False),
    ("CAF:", True),
    ("100%", True),
    ("a AND (b OR c) NOT d*", True),
    ("2019", False),
]


@pytest.fixture
def pg_sample(pg_server):
    with pg_server.database("sample") as url:
        yield url


@pytest.fixture
def pg_store(pg_sample):
    store = Store.open(pg_sample)
    yield store
    store.close()


@pytest.fixture
def sqlite_store(sample_db):
    store = Store.open(sample_db)
    yield store
    store.close()


def _raw(url: str):
    return create_engine(url, poolclass=NullPool)


def test_the_migration_sets_up_postgresql_full_text(pg_store, pg_sample):
    engine = _raw(pg_sample)
    try:
        with engine.connect() as conn:
            assert conn.scalar(text("SELECT centres_unaccent('Réveillon Œuvre')")) == (
                "Reveillon OEuvre"
            )
            volatility = conn.scalar(
                text("SELECT provolatile FROM pg_proc WHERE proname = 'centres_unaccent'")
            )
            assert volatility == "i"  # IMMUTABLE
            assert (
                conn.scalar(text("SELECT to_tsvector('centres_fr', 'Éducation ÉTÉ les')::text"))
                == "'education':1 'ete':2 'les':3"
            )  # no stemming, no stop words, like SQLite
            index = conn.scalar(
                text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_action_search_vector'")
            )
            assert "gin (search_vector)" in index
            vector = conn.scalar(
                text("SELECT search_vector::text FROM action WHERE title = 'Bourse aux jouets'")
            )
        assert "'jouets':3A" in vector  # the title weighs most
        assert "'bourse':1A" in vector
    finally:
        engine.dispose()


def test_same_results_as_sqlite_for_every_query(pg_store, sqlite_store):
    for query, prefix in QUERIES:
        for sort in ("relevance", "title", "year"):
            request = SearchRequest(query, prefix_last=prefix, sort=sort)
            pg = pg_store.search(request)
            lite = sqlite_store.search(request)
            pg_titles = [r.title for r in pg.rows]
            lite_titles = [r.title for r in lite.rows]
            assert sorted(pg_titles) == sorted(lite_titles), (query, prefix)
            if sort != "relevance":
                assert pg_titles == lite_titles, (query, sort)  # same order, C collation
            assert pg.facets == lite.facets, query
    # Relevance puts the same action first on both for the title queries of test_search.
    for query in ("jouets", "reveillon", "velo"):
        request = SearchRequest(query, prefix_last=False)
        pg_first = pg_store.search(request).rows[0].title
        assert pg_first in {r.title for r in sqlite_store.search(request).rows}
    assert pg_store.search(SearchRequest("jouets", prefix_last=False)).rows[0].title == (
        "Bourse aux jouets"
    )


def test_every_facet_and_sort_agree_with_sqlite(pg_store, sqlite_store):
    base = pg_store.search(SearchRequest())
    assert base.facets == sqlite_store.search(SearchRequest()).facets
    for facet in FACETS:
        for fv in base.facets[facet][:3]:
            value = int(fv.value) if facet == "year" else fv.value
            request = SearchRequest("", Filters().with_values(facet, frozenset({value})))
            assert [r.title for r in pg_store.search(request).rows] == [
                r.title for r in sqlite_store.search(request).rows
            ]
    for sort in ("structure", "department", "status", "dimension"):
        for descending in (False, True):
            request = SearchRequest(sort=sort, descending=descending)
            assert [r.title for r in pg_store.search(request).rows] == [
                r.title for r in sqlite_store.search(request).rows
            ], (sort, descending)


def test_every_write_keeps_the_search_vector_in_step(pg_store):
    def found(word: str) -> list[int]:
        return pg_store.search_ids(SearchRequest(word, prefix_last=False))

    created = pg_store.create(
        ActionData(
            title="Atelier zythologie",
            structure="CS Quokka",
            department="Ain",
            year=2022,
            keywords=("Xylophone",),
        )
    )
    # A new action after the bulk import of the sample: the id sequence was moved on.
    assert created.id == 19
    assert found("zythologie") == [created.id]
    assert found("quokka") == [created.id]
    assert found("xylophone") == [created.id]  # terms are in the body
    updated = pg_store.update(
        created.id, created.version, created.data.replace(title="Atelier zymurgie", keywords=())
    )
    assert found("zythologie") == [] and found("xylophone") == []
    assert found("zymurgie") == [created.id]
    pg_store.delete(created.id)
    assert found("zymurgie") == []
    pg_store.restore_deleted(created.id)
    assert found("zymurgie") == [created.id]
    report = pg_store.import_actions(
        [updated.data.replace(summary="Dégustation de kombucha")], "x.json"
    )
    assert (report.created, report.updated) == (0, 1)
    assert found("kombucha") == [created.id]
    assert found("degustation") == [created.id]


def test_a_failed_import_leaves_nothing_on_the_server(pg_store, sample_actions):
    from centres_app.errors import ValidationFailed

    before = pg_store.details(pg_store.search_ids(SearchRequest()))
    bad = [sample_actions[0].replace(summary="modifié"), sample_actions[1].replace(year=1789)]
    with pytest.raises(ValidationFailed):
        pg_store.import_actions(bad, "bad.json")
    assert pg_store.details(pg_store.search_ids(SearchRequest())) == before


def _python(code: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), str(ROOT), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_stale_save_from_another_process_is_refused(pg_store, pg_sample):
    action_id = pg_store.search_ids(SearchRequest('"Bourse aux jouets"', prefix_last=False))[0]
    mine = pg_store.get(action_id)
    other = _python(
        """
        import sys
        sys.path.insert(0, sys.argv[1])
        from centres_app.db.store import Store
        store = Store.open(sys.argv[2])
        d = store.get(int(sys.argv[3]))
        store.update(d.id, d.version, d.data.replace(summary="Écrit par l'autre poste"))
        print("saved")
        """,
        pg_sample,
        str(action_id),
    )
    out, err = other.communicate(timeout=60)
    assert out.strip() == "saved", err
    with pytest.raises(Conflict) as info:
        pg_store.update(mine.id, mine.version, mine.data.replace(summary="Ma saisie"))
    assert "Bourse aux jouets" in str(info.value) and "modifiée ailleurs" in str(info.value)
    assert pg_store.get(action_id).data.summary == "Écrit par l'autre poste"


def test_simultaneous_saves_the_second_waits_then_is_refused(pg_store, pg_sample):
    """Both read version 1; the other process saves first, holding the row until it commits:
    this save waits for it, then its UPDATE ... WHERE version = 1 finds nothing."""
    action_id = pg_store.search_ids(SearchRequest('"Bourse aux jouets"', prefix_last=False))[0]
    mine = pg_store.get(action_id)
    other = _python(
        """
        import sys, time
        from sqlalchemy import create_engine, text
        engine = create_engine(sys.argv[2])
        with engine.begin() as conn:  # what the other window's save does to the row
            conn.execute(
                text("UPDATE action SET summary = 'Premier', version = version + 1 "
                     "WHERE id = :id"),
                {"id": int(sys.argv[3])},
            )
            print("locked", flush=True)
            time.sleep(1.5)
        print("saved", flush=True)
        """,
        pg_sample,
        str(action_id),
    )
    assert other.stdout.readline().strip() == "locked", other.stderr.read()
    started = time.monotonic()
    with pytest.raises(Conflict) as info:
        pg_store.update(mine.id, mine.version, mine.data.replace(summary="Second"))
    assert time.monotonic() - started >= 0.5  # it waited for the other transaction
    assert "modifiée ailleurs" in str(info.value)
    out, err = other.communicate(timeout=60)
    assert out.strip() == "saved", err
    saved = pg_store.get(action_id)
    assert saved.data.summary == "Premier" and saved.version == mine.version + 1


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_connection_errors_are_french_sentences(pg_server):
    base = pg_server.base
    down = base.set(host="127.0.0.1", port=_free_port(), database="centres")
    with pytest.raises(StoreError) as info:
        Store.open(down.render_as_string(hide_password=False))
    assert "ne répond pas" in str(info.value)
    with pytest.raises(StoreError) as info:
        Store.open(base.set(database="centres_base_absente").render_as_string(False))
    assert "n'existe pas sur le serveur" in str(info.value)
    with pytest.raises(StoreError) as info:
        Store.open(base.set(username="personne_inconnue").render_as_string(False))
    assert "cet utilisateur n'existe pas" in str(info.value)


def test_missing_right_to_create_unaccent_is_explained(pg_server):
    """A role that may create tables but not extensions: the admin must run CREATE EXTENSION."""
    name = pg_server.create()
    role = f"{name}_r"
    admin = create_engine(pg_server.url(name), isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with admin.connect() as conn:
            conn.execute(text(f"CREATE ROLE {role} LOGIN"))
            conn.execute(text(f"GRANT CREATE, USAGE ON SCHEMA public TO {role}"))
            conn.execute(text(f"REVOKE CREATE ON DATABASE {name} FROM PUBLIC"))
        url = make_url(pg_server.url(name)).set(username=role, password=None)
        with pytest.raises(StoreError) as info:
            Store.open(url.render_as_string(hide_password=False))
        assert "CREATE EXTENSION unaccent" in str(info.value)
        # Once an administrator has created it, the same role opens the store.
        with admin.connect() as conn:
            conn.execute(text("CREATE EXTENSION unaccent"))
        store = Store.open(url.render_as_string(hide_password=False))
        store.close()
    finally:
        admin.dispose()
        pg_server.drop(name)
        with pg_server.admin.connect() as conn:
            conn.execute(text(f"DROP ROLE IF EXISTS {role}"))


def test_cli_on_an_unreachable_server_exits_2_with_a_message(capsys):
    url = f"postgresql+psycopg://centres:secret@127.0.0.1:{_free_port()}/centres"
    assert main(["--db", url, "list"]) == 2
    err = capsys.readouterr().err
    assert "Le serveur PostgreSQL ne répond pas" in err
    assert "Traceback" not in err and "secret" not in err


@pytest.mark.parametrize(
    ("driver_message", "expected"),
    [
        (
            'connection failed: connection to server at "10.0.0.5", port 5432 failed: FATAL:  '
            'password authentication failed for user "centre"',
            "mot de passe incorrect",
        ),
        (
            'connection failed: connection to server at "127.0.0.1", port 5432 failed: '
            "Connection refused\n\tIs the server running on that host and accepting TCP/IP "
            "connections?",
            "ne répond pas",
        ),
        ('FATAL:  database "federation" does not exist', "n'existe pas sur le serveur"),
        (
            'failed to resolve host "serveur.invalide": [Errno -2] Name or service not known'
            " could not translate host name",
            "introuvable",
        ),
        ("connection timeout expired", "délai dépassé"),
        (
            'permission denied to create extension "unaccent"\nHINT:  Must have CREATE '
            "privilege on current database to create this extension.",
            "CREATE EXTENSION unaccent",
        ),
        ('extension "unaccent" is not available', "postgresql-contrib"),
        ("permission denied for schema public", "Droits insuffisants"),
        ("server closed the connection unexpectedly", "coupée"),
        ("something else entirely", "Erreur du serveur PostgreSQL : something else"),
    ],
)
def test_psycopg_messages_map_to_french(driver_message, expected):
    assert expected in describe_postgresql_error(driver_message.lower())


def test_a_driverless_install_says_how_to_add_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg -> ImportError
    with pytest.raises(StoreError) as info:
        Store.open("postgresql+psycopg://centre@serveur/federation")
    assert "centres-app[postgres]" in str(info.value)


def test_upgrading_a_0003_database_with_data_fills_the_vectors_as_before(pg_server, pg_sample):
    """A server used before full text (revision 0003) gets its vectors from the frozen SQL of
    migration 0004: the same vectors as today's code writes on import (the sample template)."""
    from centres_app.db.engine import create_store_engine, current_revision, head_revision, migrate

    old_url = pg_server.url(pg_server.create())
    old = create_store_engine(old_url)
    sample = _raw(pg_sample)
    try:
        migrate(old, "0003")
        with sample.connect() as src, old.begin() as dst:
            for table in ("action", "term", "action_term"):
                columns = dst.scalars(
                    text(
                        "SELECT column_name FROM information_schema.columns "
                        "WHERE table_name = :t ORDER BY ordinal_position"
                    ),
                    {"t": table},
                ).all()
                listed = ", ".join(columns)
                rows = src.execute(text(f"SELECT {listed} FROM {table}")).mappings().all()
                assert rows, table
                dst.execute(
                    text(
                        f"INSERT INTO {table} ({listed}) "
                        f"VALUES ({', '.join(':' + c for c in columns)})"
                    ),
                    [dict(r) for r in rows],
                )
        assert migrate(old) is True
        assert current_revision(old) == head_revision()
        query = text("SELECT id, search_vector::text FROM action ORDER BY id")
        with old.connect() as conn:
            upgraded = conn.execute(query).all()
        with sample.connect() as conn:
            expected = conn.execute(query).all()
        assert len(upgraded) == 18
        assert all(vector for _, vector in upgraded)
        assert upgraded == expected
        with old.connect() as conn:
            jouets = conn.scalar(
                text("SELECT search_vector::text FROM action WHERE title = 'Bourse aux jouets'")
            )
        assert "'jouets':3A" in jouets and "'bourse':1A" in jouets  # the title weighs most
    finally:
        old.dispose()
        sample.dispose()
        pg_server.drop(make_url(old_url).database)
