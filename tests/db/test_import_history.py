"""Imports keep what they replace (issue 13), on SQLite and PostgreSQL: every update by an
import (the bulk path) writes a revision restorable like the editor's, fields an update empties
or shortens are reported, and an import is all or nothing across its files."""

from __future__ import annotations

import pytest

from centres_app.db import history
from centres_app.domain import ActionData, ImportFile, SearchRequest, lost_fields
from centres_app.errors import ValidationFailed


def _all(store) -> list:
    """Every stored action with its version and content, and every history row: the state an
    import that fails must leave as it was."""
    ids = store.search_ids(SearchRequest(sort="title"))
    details = store.details(ids)
    return [(d.id, d.version, d.data, store.history(d.id)) for d in details]


def _by_title(store, title: str):
    ids = store.search_ids(SearchRequest(sort="title"))
    (detail,) = [d for d in store.details(ids) if d.data.title == title]
    return detail


def _action(i: int, **changes) -> ActionData:
    return ActionData(
        title=f"Action {i:05d}",
        structure=f"CS {i % 7}",
        department="Drôme",
        year=2015 + i % 8,
        dimension="Solidarité",
        keywords=("Jeunesse", f"Mot {i % 11}"),
        summary=f"Résumé de l'action {i}, assez long pour être raccourci.",
        limits="Des limites.",
        **changes,
    )


def test_an_import_update_keeps_the_previous_version_restorable(sample_store, sample_actions):
    velo = next(a for a in sample_actions if a.title == "TOUS A VELO !")
    before = _by_title(sample_store, "TOUS A VELO !")
    cut = velo.replace(limits="", perspectives="", result_centre=velo.result_centre[:40])
    report = sample_store.import_actions([*sample_actions[:3], cut], "coupe.txt")
    assert (report.created, report.updated, report.unchanged) == (0, 1, 3)
    (shrunk,) = report.shrunk
    assert shrunk.action_id == before.id and shrunk.title == "TOUS A VELO !"
    assert shrunk.fields == ("result_centre", "limits", "perspectives")
    after = sample_store.get(before.id)
    assert after.version == before.version + 1 and after.data.limits == ""
    (revision,) = sample_store.history(before.id)
    assert (revision.version, revision.data) == (before.version, before.data)
    restored = sample_store.restore_revision(before.id, before.version, after.version)
    assert restored.data == before.data
    assert sample_store.search_ids(SearchRequest("épauler", prefix_last=False)) == [before.id]


def test_bulk_reimport_of_many_changed_actions_writes_one_revision_each(store):
    n = 1_200  # several batches and chunks; the big-import settings on SQLite
    first = [_action(i) for i in range(n)]
    assert store.import_actions(first, "v1").created == n
    second = [a.replace(summary=a.summary + " Revu.", keywords=("Jeunesse",)) for a in first]
    report = store.import_actions(second, "v2")
    assert (report.created, report.updated, report.unchanged) == (0, n, 0)
    # Keywords lost by every action: reported, each with its field.
    assert len(report.shrunk) == n and {s.fields for s in report.shrunk} == {("keywords",)}
    for i in (0, 777, n - 1):
        detail = _by_title(store, f"Action {i:05d}")
        assert detail.data == second[i]
        (revision,) = store.history(detail.id)
        assert revision.data == first[i] and revision.version == detail.version - 1
    # Unchanged on a third run: no new revision.
    assert store.import_actions(second, "v2").unchanged == n
    assert len(store.history(_by_title(store, "Action 00000").id)) == 1


def test_import_revisions_are_trimmed_like_the_editors(store, monkeypatch):
    monkeypatch.setattr(history, "REVISIONS_KEPT", 3)
    base = _action(1)
    for k in range(6):
        store.import_actions([base.replace(summary=f"Version {k}")], "x")
    detail = _by_title(store, base.title)
    kept = store.history(detail.id)
    assert [r.data.summary for r in kept] == ["Version 4", "Version 3", "Version 2"]


def test_lost_fields_rule():
    old = _action(1, partners=("Mairie", "CAF"), perspectives="Continuer")
    assert lost_fields(old, old) == ()
    assert lost_fields(old, old.replace(summary=old.summary + " Plus.")) == ()
    assert lost_fields(old, old.replace(summary="Court", perspectives="")) == (
        "summary",
        "perspectives",
    )
    assert lost_fields(old, old.replace(partners=("CAF", "Département"))) == ("partners",)
    assert lost_fields(old, old.replace(dimension="")) == ("dimension",)
    assert lost_fields(old, old.replace(status="Terminée")) == ()
    assert lost_fields(old.replace(end_reason=""), old.replace(end_reason="Fini")) == ()


def test_preview_gives_the_fields_the_update_would_empty(sample_store, sample_actions):
    velo = next(a for a in sample_actions if a.title == "TOUS A VELO !")
    grown = sample_actions[0].replace(summary=sample_actions[0].summary + " Et plus.")
    preview = sample_store.preview_import(
        [grown, velo.replace(limits="", result_inhabitants="")], False
    )
    first, second = preview.updated
    assert first.lost == () and first.changed == ("summary",)
    assert second.lost == ("result_inhabitants", "limits")


def test_several_files_are_all_or_nothing(sample_store, sample_actions):
    before = _all(sample_store)
    good = ImportFile("a.txt", [(10, _action(1)), (20, sample_actions[0].replace(summary="x"))])
    bad = ImportFile("b.json", [(3, _action(2)), (9, ActionData(title="Sans année"))], True)
    with pytest.raises(ValidationFailed) as refused:
        sample_store.import_files([good, bad])
    assert str(refused.value).startswith("b.json:9: action « Sans année »")
    assert _all(sample_store) == before


def test_the_same_action_in_two_files_is_refused_with_both_positions(store):
    one = ImportFile("a.txt", [(5, _action(1)), (40, _action(2))])
    two = ImportFile("b.csv", [(2, _action(3)), (3, _action(2).replace(summary="autre"))])
    with pytest.raises(ValidationFailed) as refused:
        store.import_files([one, two])
    message = str(refused.value)
    assert message.startswith("b.csv:3: action « Action 00002 »")
    assert "a.txt:40" in message
    assert store.count() == 0


def test_two_files_in_one_transaction_give_a_report_each(store):
    reports = store.import_files(
        [ImportFile("a.txt", [(1, _action(1))]), ImportFile("b.txt", [(1, _action(2))])]
    )
    assert [(r.source, r.created) for r in reports] == [("a.txt", 1), ("b.txt", 1)]
    assert store.count() == 2


def test_a_stream_with_the_same_action_twice_is_rolled_back(sample_store):
    before = _all(sample_store)

    def stream():
        for i in range(1_100):  # past the first batch: written, then rolled back
            yield (i + 1, _action(i))
        yield (5_000, _action(3))

    with pytest.raises(ValidationFailed) as refused:
        sample_store.import_files([ImportFile("gros.txt", stream())])
    assert str(refused.value).startswith("gros.txt:5000:") and "gros.txt:4" in str(refused.value)
    assert _all(sample_store) == before
