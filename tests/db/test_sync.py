"""Issue 19: two local replicas and a PostgreSQL server synchronised in every order."""

from __future__ import annotations

import uuid as uuidlib

import pytest
from sqlalchemy import text

from centres_app.db.bulk import load_data
from centres_app.db.store import Store
from centres_app.db.sync_service import digest
from centres_app.domain import ActionData
from centres_app.errors import StoreError


def contents(store: Store) -> dict[str, str]:
    """uuid -> digest of every action of a store."""
    with store.reading() as s:
        conn = s.connection()
        ids = [r[0] for r in conn.execute(text("SELECT id FROM action"))]
        data = load_data(conn, ids)
    out = {d.uuid: digest(d) for d in data.values()}
    assert len(out) == len(ids)  # one uuid per action
    return out


def by_title(store: Store, title: str) -> int:
    with store.reading() as s:
        ids = [
            r[0] for r in s.execute(text("SELECT id FROM action WHERE title = :t"), {"t": title})
        ]
    assert len(ids) == 1, (title, ids)
    return ids[0]


def edit(store: Store, name: str, **changes) -> None:
    detail = store.get(by_title(store, name))
    store.update(detail.id, detail.version, detail.data.replace(**changes))


@pytest.fixture
def server(pg_server):
    """A server holding the sample, with an identity of its own (copies of one template
    would otherwise share it)."""
    with pg_server.database("sample") as url:
        store = Store.open(url)
        with store.writing(set()) as s:
            s.execute(text("UPDATE sync_server SET server_id = :u"), {"u": str(uuidlib.uuid4())})
        store.close()
        yield url


@pytest.fixture
def replicas(tmp_path, server):
    stores = [Store.open(tmp_path / f"{name}.db") for name in ("a", "b")]
    yield stores
    for store in stores:
        store.close()


def assert_all_equal(server_url: str, *stores: Store) -> dict[str, str]:
    central = Store.open(server_url)
    try:
        expected = contents(central)
    finally:
        central.close()
    for store in stores:
        assert contents(store) == expected
    return expected


def titles(store: Store) -> list[str]:
    with store.reading() as s:
        return sorted(r[0] for r in s.execute(text("SELECT title FROM action")))


def test_first_syncs_then_changes_on_each_side_travel_without_duplicate_or_loss(
    server, replicas, sample_actions
):
    a, b = replicas
    first = a.sync(server)
    assert (first.received, first.sent, first.conflicts, first.complete) == (
        len(sample_actions),
        0,
        (),
        True,
    )
    assert b.sync(server).received == len(sample_actions)
    assert a.sync(server).to_dict() == {
        "sent": 0,
        "received": 0,
        "conflicts": [],
        "refused": [],
        "complete": True,
    }
    assert_all_equal(server, a, b)

    names = sorted(x.title for x in sample_actions)
    a.create(sample_actions[0].replace(title="Créée sur A", uuid=""))
    edit(a, names[1], summary="Modifiée sur A.")
    edit(a, names[2], title="Retitrée sur A")
    a.delete(by_title(a, names[3]))
    b.create(sample_actions[0].replace(title="Créée sur B", uuid=""))
    edit(b, names[4], summary="Modifiée sur B.", keywords=("vélo", "jardin"))
    b.delete(by_title(b, names[5]))

    assert a.sync(server).sent == 4
    report = b.sync(server)
    assert (report.sent, report.received, report.conflicts) == (3, 4, ())
    assert a.sync(server).received == 3
    final = assert_all_equal(server, a, b)
    assert len(final) == len(sample_actions) + 2 - 2
    got = titles(a)
    assert "Créée sur A" in got and "Créée sur B" in got and "Retitrée sur A" in got
    assert names[2] not in got and names[3] not in got and names[5] not in got
    # Nothing left to do on either side.
    assert (a.sync(server).sent, b.sync(server).sent, a.sync(server).received) == (0, 0, 0)


def test_the_same_action_edited_on_both_sides_is_a_conflict_kept_in_the_history(
    server, replicas, sample_actions
):
    a, b = replicas
    a.sync(server)
    b.sync(server)
    name = sorted(x.title for x in sample_actions)[0]
    edit(a, name, summary="La version de A.")
    edit(b, name, summary="La version de B.")
    assert a.sync(server).sent == 1
    report = b.sync(server)
    assert [(c.title, c.reason) for c in report.conflicts] == [(name, "edited_both")]
    assert report.to_dict()["conflicts"] == [{"uuid": report.conflicts[0].uuid, "title": name}]
    action_id = by_title(b, name)
    assert b.get(action_id).data.summary == "La version de A."  # the server's, applied
    (conflict,) = b.sync_conflicts()
    assert conflict.action_id == action_id and conflict.reason == "edited_both"
    kept = [r for r in b.history(action_id) if r.conflict]
    assert [r.data.summary for r in kept] == ["La version de B."]
    assert_all_equal(server, a, b)
    # B chooses its own version: a new local edit, sent at the next sync.
    current = b.get(action_id)
    chosen = b.resolve_conflict(action_id, conflict.kept_version, True, current.version)
    assert chosen.data.summary == "La version de B."
    assert b.sync_conflicts() == []
    assert b.sync(server).sent == 1
    assert a.sync(server).received == 1
    assert a.get(by_title(a, name)).data.summary == "La version de B."
    assert_all_equal(server, a, b)


def test_a_deletion_against_an_edit_keeps_the_edit_both_ways(server, replicas, sample_actions):
    a, b = replicas
    a.sync(server)
    b.sync(server)
    names = sorted(x.title for x in sample_actions)
    # 1: deleted on A (synced first), edited on B: B keeps its edit and sends it again.
    a.delete(by_title(a, names[0]))
    edit(b, names[0], summary="Gardée par B.")
    assert a.sync(server).sent == 1
    report = b.sync(server)
    assert [(c.title, c.reason) for c in report.conflicts] == [(names[0], "deleted_there")]
    assert report.sent == 1
    assert a.sync(server).received == 1
    assert a.get(by_title(a, names[0])).data.summary == "Gardée par B."
    # 2: edited on A (synced first), deleted on B: the edit comes back to B.
    edit(a, names[1], summary="Gardée par A.")
    b.delete(by_title(b, names[1]))
    assert a.sync(server).sent == 1
    report = b.sync(server)
    assert [(c.title, c.reason) for c in report.conflicts] == [(names[1], "deleted_here")]
    assert report.sent == 0
    back = by_title(b, names[1])
    assert b.get(back).data.summary == "Gardée par A."
    marks = {c.reason: c for c in b.sync_conflicts()}
    assert set(marks) == {"deleted_there", "deleted_here"}
    assert_all_equal(server, a, b)
    # B confirms its deletion: deleted again here, then on the server and on A.
    b.resolve_conflict(back, 0, True, b.get(back).version)
    # and accepts the other one as it is.
    kept = marks["deleted_there"]
    b.resolve_conflict(kept.action_id, 0, False, b.get(kept.action_id).version)
    assert b.sync_conflicts() == []
    assert b.sync(server).sent == 1
    a.sync(server)
    assert names[1] not in titles(a) and names[0] in titles(a)
    assert_all_equal(server, a, b)


def test_every_order_of_three_replicas_ends_equal(server, tmp_path, sample_actions):
    stores = [Store.open(tmp_path / f"r{i}.db") for i in range(3)]
    try:
        for store in stores:
            store.sync(server)
        names = sorted(x.title for x in sample_actions)
        for i, store in enumerate(stores):
            store.create(
                ActionData(
                    title=f"Nouvelle {i}", department="Drôme", year=2024, structure=f"Centre {i}"
                )
            )
            edit(store, names[i], perspectives=f"Par {i}.")
            edit(store, names[6], limits=f"Tous {i}.")  # the same action on the three
        for order in ([2, 0, 1], [1, 2, 0]):
            for i in order:
                stores[i].sync(server)
        final = assert_all_equal(server, *stores)
        assert len(final) == len(sample_actions) + 3
        conflicts = [c for store in stores for c in store.sync_conflicts()]
        assert len(conflicts) == 2  # the two replicas that synced after the first one
    finally:
        for store in stores:
            store.close()


def test_a_server_at_another_schema_revision_is_refused_in_french(server, replicas):
    central = Store.open(server)
    with central.writing(set()) as s:
        s.execute(text("UPDATE alembic_version SET version_num = 'ffff_future'"))
    central.close()
    with pytest.raises(StoreError, match="version"):
        replicas[0].sync(server)


def test_cancelling_between_batches_keeps_what_was_done(server, replicas, monkeypatch):
    from centres_app.db import sync_service

    monkeypatch.setattr(sync_service, "BATCH", 5)
    a = replicas[0]
    calls = []

    def progress(done: int, total: int) -> bool:
        calls.append((done, total))
        return done < 5

    report = a.sync(server, progress)
    assert report.complete is False and report.received == 5
    assert a.count() == 5
    report = a.sync(server)
    assert report.complete and report.received == 13
    assert_all_equal(server, a)


def test_a_crash_between_the_server_commit_and_the_local_one_is_harmless(
    server, replicas, sample_actions, monkeypatch
):
    """The server holds the pushed versions, the replica has not recorded it: the next pull
    finds equal contents (digests), no conflict, nothing sent twice, nothing duplicated."""
    from centres_app.db import sync_service

    a, b = replicas
    a.sync(server)
    names = sorted(x.title for x in sample_actions)
    edit(a, names[0], summary="Envoyée avant la panne.")
    a.create(
        ActionData(title="Nouvelle avant la panne", department="Ain", year=2025, structure="C")
    )
    a.delete(by_title(a, names[1]))

    def crash(*args, **kwargs):
        raise KeyboardInterrupt  # the process dies right after the server's commit

    monkeypatch.setattr(sync_service, "_put_bases", crash)
    monkeypatch.setattr(sync_service, "_forget", crash)
    with pytest.raises(KeyboardInterrupt):
        a.sync(server)
    monkeypatch.undo()
    report = a.sync(server)
    assert (report.conflicts, report.refused) == ((), ())
    assert b.sync(server).conflicts == ()
    assert_all_equal(server, a, b)
    assert "Nouvelle avant la panne" in titles(b) and names[1] not in titles(b)
    assert (a.sync(server).sent, a.sync(server).received) == (0, 0)


def test_a_change_the_server_refuses_is_reported_and_the_others_go_on(server, replicas):
    """A refusal of the server (row-level security raises insufficient_privilege, SQLSTATE
    42501; simulated here by a trigger) is reported, kept here, and sent again next time."""
    a, b = replicas
    a.sync(server)
    central = Store.open(server)
    with central.writing(set()) as s:
        s.execute(
            text(
                "CREATE FUNCTION refuse_one() RETURNS trigger AS $$ BEGIN "
                "IF OLD.summary = 'Refusée.' OR NEW.summary = 'Refusée.' THEN "
                "RAISE EXCEPTION 'new row violates row-level security policy' "
                "USING ERRCODE = '42501'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql"
            )
        )
        s.execute(
            text(
                "CREATE TRIGGER refuse_one BEFORE UPDATE ON action "
                "FOR EACH ROW EXECUTE FUNCTION refuse_one()"
            )
        )
    central.close()
    names = titles(a)
    edit(a, names[0], summary="Refusée.")
    edit(a, names[1], summary="Acceptée.")
    report = a.sync(server)
    assert report.sent == 1 and [c.title for c in report.refused] == [names[0]]
    assert report.to_dict()["refused"] == [{"uuid": report.refused[0].uuid, "title": names[0]}]
    again = a.sync(server)
    assert again.sent == 0 and [c.title for c in again.refused] == [names[0]]
    b.sync(server)
    assert b.get(by_title(b, names[1])).data.summary == "Acceptée."
    assert b.get(by_title(b, names[0])).data.summary != "Refusée."
    # The pulled actions are searchable at once (the in-memory index followed the writes).
    from centres_app.domain import SearchRequest

    assert b.search(SearchRequest("Acceptée", prefix_last=False)).total == 1


def test_an_edit_made_while_its_previous_version_was_being_sent_is_sent_next_time(
    server, replicas, sample_actions, monkeypatch
):
    """The user saves again between the push's read and the recording of the bases: the new
    version is newer than the base, sent at the next sync, without a conflict."""
    from centres_app.db import sync_service

    a, b = replicas
    a.sync(server)
    b.sync(server)
    name = titles(a)[0]
    edit(a, name, summary="Première version.")
    original = sync_service._put_bases

    def edited_meanwhile(s, server_id, bases):
        # A save of a non-indexed field in the same instant (the write lock is held here).
        s.execute(
            text(
                "UPDATE action SET status = 'Terminée', end_reason = '', change_seq = "
                "(SELECT seq FROM sync_clock) + 1 WHERE title = :t"
            ),
            {"t": name},
        )
        s.execute(text("UPDATE sync_clock SET seq = seq + 1"))
        original(s, server_id, bases)

    monkeypatch.setattr(sync_service, "_put_bases", edited_meanwhile)
    assert a.sync(server).sent == 1
    monkeypatch.undo()
    report = a.sync(server)
    assert (report.sent, report.conflicts) == (1, ())
    assert b.sync(server).conflicts == ()
    data = b.get(by_title(b, name)).data
    assert (data.summary, data.status) == ("Première version.", "Terminée")
    assert_all_equal(server, a, b)


def test_a_first_sync_of_a_store_that_imported_the_same_file_adopts_instead_of_duplicating(
    server, tmp_path, sample_actions
):
    """Actions imported on both sides before any sync (same SENACS file, other uuids) are
    recognised by today's identity rule at the first sync: compared, not sent twice."""
    local = Store.open(tmp_path / "c.db")
    try:
        local.import_actions(sample_actions, "même fichier")
        name = sorted(a.title for a in sample_actions)[0]
        edit(local, name, summary="Changée avant la première synchronisation.")
        local.create(ActionData(title="Seulement ici", department="Ain", year=2025, structure="C"))
        report = local.sync(server)
        # The edited one differs from the server: a conflict, the local text kept in history.
        assert [(c.title, c.reason) for c in report.conflicts] == [(name, "edited_both")]
        assert report.sent == 1  # only the new one
        final = assert_all_equal(server, local)
        assert len(final) == len(sample_actions) + 1
    finally:
        local.close()
