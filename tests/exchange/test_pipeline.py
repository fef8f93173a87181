"""A big SENACS file parsed in a child process while the store writes (exchange/pipeline.py).

The size threshold is lowered so that the 18-action sample goes through a real child process.
"""

from __future__ import annotations

import multiprocessing
import pickle
import sqlite3

import pytest

from centres_app.cli import main
from centres_app.db.store import Store
from centres_app.domain import ActionData, fold
from centres_app.errors import ParseError, ValidationFailed
from centres_app.exchange import pipeline
from centres_app.exchange.loader import stream_actions_file
from centres_app.exchange.senacs_reader import read_senacs_file


@pytest.fixture
def always_in_child(monkeypatch):
    monkeypatch.setattr(pipeline, "MIN_BYTES", 0)
    monkeypatch.setattr(pipeline, "_BATCH", 5)  # several batches for 18 actions


def _dump(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def _children_done() -> bool:
    return not multiprocessing.active_children()


def test_the_stream_gives_the_same_actions_as_the_reader(sample_path, always_in_child):
    stream = pipeline.stream_senacs_file(sample_path)
    assert not isinstance(stream, list)
    assert list(stream) == read_senacs_file(sample_path)
    assert _children_done()


def test_the_child_sends_each_record_with_its_derived_values_made(sample_path, always_in_child):
    # The storing process finds them in the record (cached properties, carried by pickle).
    made = ("identity", "term_names", "folded_title")
    streamed = list(pipeline.stream_senacs_file(sample_path))
    assert streamed and all(name in vars(action) for action in streamed for name in made)
    for action in streamed:
        fresh = action.replace()  # a new instance: nothing cached, everything computed here
        assert not any(name in vars(fresh) for name in made)
        assert action.identity == fresh.identity
        assert action.term_names == fresh.term_names and action.term_names
        assert action.folded_title == fresh.folded_title == fold(action.title)
    assert _children_done()


def test_cached_values_stay_out_of_equality_and_travel_with_pickle():
    action = ActionData(
        title=" Café ",
        structure="CS",
        dimension=" Parentalité ",
        keywords=(" jeux", "jeux", "", "lecture ", "Jeux"),
        public=("Familles",),
    )
    assert action.term_names == (
        ("dimension", "Parentalité"),
        ("keywords", "jeux"),
        ("keywords", "lecture"),
        ("keywords", "Jeux"),
        ("public", "Familles"),
    )
    assert action.identity == ("Café", "CS", None, action.form)
    copy = pickle.loads(pickle.dumps(action))
    assert vars(copy)["term_names"] == action.term_names  # not computed again
    assert copy == action and copy.replace() == action  # the cache is no field
    changed = action.replace(keywords=("sport",))
    assert changed.term_names == (
        ("dimension", "Parentalité"),
        ("keywords", "sport"),
        ("public", "Familles"),
    )


def test_small_files_are_read_here(sample_path):
    actions, with_attachments = stream_actions_file(sample_path)
    assert list(actions) == read_senacs_file(sample_path)
    assert with_attachments is False
    assert _children_done()


def test_a_malformation_at_the_end_raises_with_its_line(sample_path, tmp_path, always_in_child):
    text = sample_path.read_text(encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_text(text.rstrip("\n") + "\nActions\n", encoding="utf-8")
    lines = bad.read_text(encoding="utf-8").count("\n")
    with pytest.raises(ParseError) as info:
        list(pipeline.stream_senacs_file(bad))
    assert info.value.path == str(bad)
    assert info.value.line == lines
    assert "sans titre" in info.value.message
    assert _children_done()


def test_cli_import_of_a_malformed_file_writes_nothing(
    sample_path, tmp_path, capsys, always_in_child
):
    lines = sample_path.read_text(encoding="utf-8").split("\n")
    assert lines[20].endswith("|") and lines[21] == "Actions"
    # A table row without its block: known only once every block is read and stored.
    lines.insert(21, "Action fantôme | Drôme | 2020 |")
    bad = tmp_path / "bad.txt"
    bad.write_text("\n".join(lines), encoding="utf-8")
    db = tmp_path / "store.db"
    Store.open(db).close()
    before = _dump(db)
    code = main(["--db", str(db), "import", str(bad)])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{bad}:22:" in err and "Action fantôme" in err
    assert _dump(db) == before
    assert _children_done()


def test_cli_import_through_the_child(sample_path, tmp_path, capsys, always_in_child):
    db = tmp_path / "store.db"
    assert main(["--db", str(db), "import", str(sample_path)]) == 0
    assert "18 créée(s)" in capsys.readouterr().out
    assert main(["--db", str(db), "import", str(sample_path)]) == 0
    assert "18 inchangée(s)" in capsys.readouterr().out
    store = Store.open(db)
    try:
        stored = {d.data.identity: d.data for d in store.details(store.search_ids(_all()))}
    finally:
        store.close()
    assert stored == {a.identity: a for a in read_senacs_file(sample_path)}
    assert _children_done()


def test_an_invalid_action_stops_the_child_and_rolls_back(sample_path, sample_db, always_in_child):
    stream = pipeline.stream_senacs_file(sample_path)

    def with_a_bad_one():
        for index, action in enumerate(stream):
            yield action.replace(title="") if index == 7 else action.replace(summary="neuf")

    before = _dump(sample_db)
    store = Store.open(sample_db)
    try:
        with pytest.raises(ValidationFailed):
            store.import_actions(with_a_bad_one(), "x")
    finally:
        store.close()
    stream.close()
    assert _children_done()
    assert _dump(sample_db) == before


def test_stopping_early_stops_the_child(sample_path, always_in_child):
    stream = pipeline.stream_senacs_file(sample_path)
    assert next(stream).title
    stream.close()
    assert _children_done()


def _all():
    from centres_app.domain import SearchRequest

    return SearchRequest()
