"""Import preview on real SQLite files: it agrees with what the import then does, lists the
changed fields, flags retitled copies as likely duplicates, and writes nothing."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from centres_app.db import import_preview
from centres_app.domain import ActionData, Attachment, SearchRequest
from centres_app.errors import ValidationFailed


def _dump(path) -> str:
    """The store's whole content, read through SQLite (the store is live in this process)."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
    finally:
        conn.close()


def _counts(preview) -> tuple[int, int, int]:
    return (len(preview.new), len(preview.updated), len(preview.unchanged))


def _bourse(sample_actions) -> ActionData:
    return next(a for a in sample_actions if a.title == "Bourse aux jouets")


def test_sample_into_sample_is_all_unchanged(sample_store, sample_actions, sample_db):
    before = _dump(sample_db)
    preview = sample_store.preview_import(sample_actions, False)
    assert _counts(preview) == (0, 0, 18)
    assert preview.duplicates == () and not preview.writes
    assert [i.index for i in preview.unchanged] == list(range(1, 19))
    assert all(i.action_id is not None and i.changed == () for i in preview.unchanged)
    assert _dump(sample_db) == before


def test_sample_into_empty_store_is_all_new(store, sample_actions):
    preview = store.preview_import(sample_actions, False)
    assert _counts(preview) == (18, 0, 0)
    assert preview.duplicates == ()
    assert [i.title for i in preview.new] == [a.title for a in sample_actions]


def test_updated_lists_changed_fields_and_matches_the_import(sample_store, sample_actions):
    changed = list(sample_actions)
    changed[2] = changed[2].replace(summary="Un autre résumé", keywords=("Vélo", "Mobilité"))
    # Stray spaces around the identity are normalised like the import does.
    changed[5] = changed[5].replace(title=f"  {changed[5].title} ")
    preview = sample_store.preview_import(changed, False)
    assert _counts(preview) == (0, 1, 17)
    item = preview.updated[0]
    assert (item.index, item.title) == (3, sample_actions[2].title)
    assert item.changed == ("keywords", "summary")
    report = sample_store.import_actions(changed, "x")
    assert (report.created, report.updated, report.unchanged) == _counts(preview)


def test_retitled_copy_is_a_likely_duplicate(sample_store, sample_actions):
    original = _bourse(sample_actions)
    copy = original.replace(title="Bourse aux jouet")
    other_year = original.replace(title="Bourse aux jouet", year=original.year - 3)
    other_title = original.replace(title="Atelier couture")
    preview = sample_store.preview_import([copy, other_year, other_title], False)
    assert _counts(preview) == (3, 0, 0)
    assert len(preview.duplicates) == 1
    dup = preview.duplicates[0]
    assert (dup.index, dup.title, dup.similar_title) == (1, "Bourse aux jouet", "Bourse aux jouets")
    assert sample_store.get(dup.similar_id).data == original
    assert dup.similarity >= 0.85


def test_duplicate_ignores_case_accents_and_structure_spacing(sample_store, sample_actions):
    original = _bourse(sample_actions)
    copy = original.replace(title="BOURSE AUX JOUÉTS", structure=f" {original.structure.upper()}")
    preview = sample_store.preview_import([copy], False)
    assert len(preview.new) == 1
    assert preview.duplicates[0].similar_title == "Bourse aux jouets"
    assert preview.duplicates[0].similarity == pytest.approx(1.0)


def test_repeated_identity_in_file_is_refused_like_the_import(store, sample_actions):
    first = sample_actions[0]
    again = first.replace(summary="corrigé")
    actions = [first, sample_actions[1], again]
    with pytest.raises(ValidationFailed) as refused:
        store.preview_import(actions, False)
    assert "action n° 3" in str(refused.value) and "action n° 1" in str(refused.value)
    with pytest.raises(ValidationFailed) as also:
        store.import_actions(actions, "x")
    assert "x: action n° 3" in str(also.value) and "x: action n° 1" in str(also.value)
    assert store.count() == 0


def test_attachments_ignored_unless_the_format_carries_them(store):
    base = ActionData(title="Jardin", structure="CS", department="Drôme", year=2020)
    store.import_actions(
        [base.replace(attachments=(Attachment("a.txt", b"x", "text/plain"),))], "x"
    )
    plain = store.preview_import([base], False)
    assert _counts(plain) == (0, 0, 1)
    carried = store.preview_import([base], True)
    assert _counts(carried) == (0, 1, 0) and carried.updated[0].changed == ("attachments",)


def test_invalid_action_is_refused_like_the_import(store):
    with pytest.raises(ValidationFailed):
        store.preview_import([ActionData(title="", year=2020)], False)


def test_identity_is_all_four_values_exactly(store):
    """The preview looks the file's identities up in SQL (issue 17): an action is the stored
    one only when title, structure, year and form are all the same, case included."""
    stored = ActionData(title="Jardin", structure="CS Nord", department="Drôme", year=2020)
    store.import_actions([stored], "x")
    (stored_id,) = store.search_ids(SearchRequest())
    other_year = stored.replace(year=2021)
    other_structure = stored.replace(structure="CS Sud")
    other_case = stored.replace(title="JARDIN")
    same = stored.replace(summary="corrigé")
    preview = store.preview_import([other_year, other_structure, other_case, same], False)
    assert [i.index for i in preview.new] == [1, 2, 3]
    assert [(i.index, i.action_id, i.changed) for i in preview.updated] == [
        (4, stored_id, ("summary",))
    ]
    # The same title under another structure or year is a likely duplicate only in its group.
    assert [(i.index, i.similar_id) for i in preview.duplicates] == [(3, stored_id)]


def test_equally_close_stored_titles_the_first_stored_wins(store, monkeypatch):
    """Candidates of a likely duplicate come from every stored spelling of the structure (case
    and spacing folded), tried in the order they were stored: of two equally close titles,
    the older action is named, as when the preview read every stored action in order."""
    older = ActionData(
        title="Bourse aux jouetx", structure="cs les tilleuls", department="Drôme", year=2020
    )
    newer = older.replace(title="Bourse aux jouets", structure="CS Les Tilleuls")
    store.import_actions([older], "x")
    store.import_actions([newer], "y")
    ids = {store.get(i).data.title: i for i in store.search_ids(SearchRequest())}
    copy = newer.replace(title="Bourse aux jouet", structure="CS  les Tilleuls")
    # One stored spelling per query: the newer one's comes first (upper case sorts first).
    monkeypatch.setattr(import_preview, "_CHUNK", 1)
    preview = store.preview_import([copy], False)
    (duplicate,) = preview.duplicates
    assert duplicate.similar_id == ids["Bourse aux jouetx"]
    assert duplicate.similar_title == "Bourse aux jouetx"
    assert duplicate.similarity == pytest.approx(32 / 33)
