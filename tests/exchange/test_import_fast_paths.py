"""The import's shortcuts give what the long way gives (issue 17, import rate).

* The SENACS reader searches each piece of the file for forbidden characters once, in its
  bytes, and then validate() does not search the texts of its actions again: a forbidden
  character anywhere (a later piece, a C1 control in UTF-8) is still refused at the line of its
  field, whatever the pieces.
* A streamed SENACS file (loader.stream_actions_file) comes validated and normalised by the
  reader (domain.ValidatedActions): Store.import_actions does not check it again, and stores
  exactly what a list of the same records gives; any other iterable is still checked.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from centres_app.db import import_checks
from centres_app.db.store import Store
from centres_app.domain import ActionData, ValidatedActions, normalised, validate
from centres_app.errors import ValidationFailed
from centres_app.exchange import pipeline
from centres_app.exchange.loader import stream_actions_file
from centres_app.exchange.senacs_reader import read_senacs_file
from centres_app.exchange.senacs_writer import write_senacs_file
from tests.exchange.test_reader_pieces import same_in_pieces

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate_actions  # noqa: E402


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("fast") / "synthetic.txt"
    write_senacs_file(generate_actions(120, seed=5), path)
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("bad", ["\x01", "\x0b", "\x1f", "\x7f", "\x80", "\x85", "\x9f"])
@pytest.mark.parametrize("where", ["first", "last"])
def test_a_forbidden_character_in_any_piece_is_refused_at_its_field(synthetic, bad, where):
    lines = synthetic.split("\n")
    labels = [i for i, line in enumerate(lines) if line == "- Suite de l'action : Limites"]
    label = labels[0] if where == "first" else labels[-1]
    lines.insert(label + 1, f"une limite {bad} ici")
    text = "\n".join(lines)
    whole = same_in_pieces(text, located=True)
    assert whole[0] == "error" and whole[1] == label + 1, whole
    assert "caractère interdit" in whole[2]


def test_a_forbidden_character_in_the_table_is_refused(synthetic):
    lines = synthetic.split("\n")
    row = next(i for i, line in enumerate(lines) if line.endswith("|") and i > 3)
    title, department, year = (cell.strip() for cell in lines[row].split("|")[:3])
    lines[row] = f"{title} | {department}\x7f | {year} |"
    text = "\n".join(lines)
    whole = same_in_pieces(text, located=True)
    assert whole[0] == "error" and "caractère interdit" in whole[2]


def test_allowed_characters_near_the_c1_controls_are_kept(synthetic):
    # U+00A0, U+00AB, U+00BB are \xc2\xa0-\xbb in UTF-8 (the C1 controls are \xc2\x80-\x9f).
    lines = synthetic.split("\n")
    label = max(i for i, line in enumerate(lines) if line == "- Suite de l'action : Limites")
    lines.insert(label + 1, "« une\u00a0limite »\tici \u2028 et \ufeff là")
    text = "\n".join(lines)
    whole = same_in_pieces(text, located=True)
    assert isinstance(whole, list) and "« une\u00a0limite »\tici" in whole[-1][1].limits


def test_validate_with_chars_checked_only_skips_the_character_search(sample_path):
    for action in read_senacs_file(sample_path):
        long = action.replace(territory="x" * 1001, keywords=("y" * 1001,), title="t" * 501)
        for record in (action, long, action.replace(year=1)):
            for strict in (True, False):
                assert validate(record, strict=strict, chars_checked=True) == validate(
                    record, strict=strict
                )
    assert validate(ActionData(title="a\x01", year=2020), strict=False) == [("title", "bad_char")]


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT title, structure, department, year, summary, limits, terms_text, title_key "
            "FROM action ORDER BY id"
        ).fetchall()
        return [repr(row) for row in rows]
    finally:
        conn.close()


def _refusing(*_args, **_kwargs):
    raise AssertionError("checked again")


@pytest.mark.parametrize("in_child", [False, True])
def test_a_streamed_senacs_file_is_stored_unchecked_and_the_same(
    sample_path, tmp_path, monkeypatch, in_child
):
    if in_child:
        monkeypatch.setattr(pipeline, "MIN_BYTES", 0)
        monkeypatch.setattr(pipeline, "_BATCH", 5)
    listed = tmp_path / "listed.db"
    store = Store.open(listed)
    try:
        store.import_actions(read_senacs_file(sample_path), str(sample_path))
    finally:
        store.close()

    actions, with_attachments = stream_actions_file(sample_path)
    assert isinstance(actions, ValidatedActions) and actions.normalised
    monkeypatch.setattr(import_checks, "validate", _refusing)
    monkeypatch.setattr(import_checks, "normalised", _refusing)
    streamed = tmp_path / "streamed.db"
    store = Store.open(streamed)
    try:
        report = store.import_actions(actions, str(sample_path), with_attachments)
        assert report.created == 18
        # Any other iterable is still checked.
        with pytest.raises(AssertionError, match="checked again"):
            store.import_actions(iter(read_senacs_file(sample_path)), "x")
        with pytest.raises(AssertionError, match="checked again"):
            store.import_actions(read_senacs_file(sample_path), "x")
    finally:
        store.close()
    assert _dump(streamed) == _dump(listed)


def test_an_invalid_record_of_a_plain_stream_is_still_refused(sample_path, tmp_path):
    def records():
        for index, action in enumerate(read_senacs_file(sample_path)):
            yield action.replace(title="") if index == 3 else action

    store = Store.open(tmp_path / "store.db")
    try:
        with pytest.raises(ValidationFailed):
            store.import_actions(records(), "x")
    finally:
        store.close()


def test_the_stream_normalises_what_the_reader_gives(monkeypatch):
    raw = ActionData(
        title=" Titre ", structure="Centre ", department=" Drôme", year=2020, summary="e\u0301te"
    )
    monkeypatch.setattr(
        "centres_app.exchange.senacs_reader.iter_senacs_located", lambda name: iter([(7, raw)])
    )
    located = list(pipeline.stream_senacs_located(__file__))  # small: read in this process
    assert located == [(7, normalised(raw))]
    assert located[0][1].title == "Titre" and located[0][1].summary == "\u00e9te"
