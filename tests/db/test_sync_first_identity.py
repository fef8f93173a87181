"""Issue 19: a store that already holds actions the server has too, under other uuids (the
sample every new store is seeded with, a SENACS file imported on both sides before they ever
synced), meets them at its first sync by their identity (title + structure + year + form):
no duplicate on either side, and an action edited here before is a conflict, not a copy."""

from __future__ import annotations

from sqlalchemy import text

from centres_app.db.store import Store
from centres_app.domain import SearchRequest
from tests.db.test_sync import assert_all_equal, by_title, server  # noqa: F401 (fixture)


def uuids(store: Store) -> set[str]:
    with store.reading() as s:
        return {r[0] for r in s.execute(text("SELECT uuid FROM action"))}


def test_the_seeded_sample_meets_the_servers_copy_without_duplicates(server, tmp_path):  # noqa: F811
    a, b = Store.open(tmp_path / "a.db"), Store.open(tmp_path / "b.db")
    central = Store.open(server)
    try:
        sample = [
            d.data.replace(uuid="") for d in central.details(central.search_ids(SearchRequest()))
        ]
        for replica in (a, b):  # both seeded with the sample, as the app seeds a new store
            replica.import_actions(sample, "sample")
        assert not uuids(a) & uuids(central)  # other uuids than the server's
        edited = by_title(a, "Bourse aux jouets")
        detail = a.get(edited)
        a.update(detail.id, detail.version, detail.data.replace(summary="Édité avant la sync"))

        report = a.sync(server)
        assert report.received == 1  # the server's version of the edited one
        assert [c.title for c in report.conflicts] == ["Bourse aux jouets"]
        assert b.sync(server).conflicts == ()
        assert a.count() == b.count() == central.count() == 18
        assert uuids(a) == uuids(b) == uuids(central)  # the server's identities, adopted
        # The edit made here is kept as the version set aside, chosen by the user:
        (conflict,) = a.sync_conflicts()
        current = a.get(conflict.action_id)
        a.resolve_conflict(conflict.action_id, conflict.kept_version, True, current.version)
        a.sync(server)
        b.sync(server)
        assert_all_equal(server, a, b)
        assert b.get(by_title(b, "Bourse aux jouets")).data.summary == "Édité avant la sync"
    finally:
        for store in (a, b, central):
            store.close()
