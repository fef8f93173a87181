"""Issue 19: the actions' uuid travels through the JSON exchange; a known uuid is matched first."""

from __future__ import annotations

import json

import pytest

from centres_app.cli import main
from centres_app.db.store import Store
from centres_app.domain import ActionData


def _export(capsys, db, out) -> list[dict]:
    assert main(["--db", str(db), "export", "--format", "json", str(out)]) == 0
    capsys.readouterr()
    return json.loads(out.read_text("utf-8"))["actions"]


def test_json_export_and_import_keep_each_uuid(capsys, tmp_path, sample_db):
    exported = _export(capsys, sample_db, tmp_path / "a.json")
    uuids = {a["title"]: a["uuid"] for a in exported}
    assert len(set(uuids.values())) == len(exported) > 10
    fresh = tmp_path / "fresh.db"
    assert main(["--db", str(fresh), "import", str(tmp_path / "a.json")]) == 0
    again = _export(capsys, fresh, tmp_path / "b.json")
    assert {a["title"]: a["uuid"] for a in again} == uuids


def test_a_retitled_action_updates_by_its_uuid_instead_of_duplicating(capsys, tmp_path, sample_db):
    exported = _export(capsys, sample_db, tmp_path / "a.json")
    first = exported[0]
    first["title"] = "Un titre tout neuf"
    (tmp_path / "c.json").write_text(json.dumps({"actions": [first]}), "utf-8")
    store = Store.open(sample_db)
    try:
        count = store.count()
        preview = store.preview_import([ActionData.from_dict(first)])
        assert [i.changed for i in preview.updated] == [("title",)] and not preview.new
        report = store.import_actions([ActionData.from_dict(first)], "c.json")
        assert (report.created, report.updated) == (0, 1)
        assert store.count() == count
        with store.reading() as s:
            from sqlalchemy import text

            (title,) = s.execute(
                text("SELECT title FROM action WHERE uuid = :u"), {"u": first["uuid"]}
            ).one()
        assert title == "Un titre tout neuf"
    finally:
        store.close()


def test_an_unknown_uuid_falls_back_to_the_identity_rule(sample_db, sample_actions):
    """A store that imported the same file gave its actions other uuids: no duplicates."""
    store = Store.open(sample_db)
    try:
        count = store.count()
        carrying = [
            a.replace(uuid="0d6f3c1e-8a5b-4c2d-9e7f-1a2b3c4d5e6f") for a in sample_actions[:1]
        ]
        report = store.import_actions(carrying, "x")
        assert (report.created, report.unchanged) == (0, 1)
        assert store.count() == count
    finally:
        store.close()


@pytest.mark.parametrize("bad", ["pas-un-uuid", 12])
def test_an_invalid_uuid_is_refused_in_french(bad):
    with pytest.raises(ValueError, match="uuid"):
        ActionData.from_dict({"title": "t", "uuid": bad})


def test_uuid_is_identity_not_content():
    a = ActionData(title="t", uuid="0d6f3c1e-8a5b-4c2d-9e7f-1a2b3c4d5e6f")
    assert a == ActionData(title="t")
    assert "uuid" not in ActionData(title="t").to_dict()
    assert a.to_dict()["uuid"] == a.uuid
