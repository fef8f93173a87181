"""CLI arguments checked before any work, and data printed safely (issue 14, deliverable 7)."""

from __future__ import annotations

import json
import os
import sqlite3
import time

import pytest

from centres_app.cli import main
from centres_app.db.store import Store
from centres_app.domain import ActionData

# `sheet` run in-process creates a QGuiApplication when no application exists yet; the widget
# tests later in the same process would then abort (a QWidget needs a QApplication).
pytestmark = pytest.mark.usefixtures("qapp")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse refusals
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def _no_traceback(err: str) -> None:
    assert "Traceback" not in err and "erreur inattendue" not in err, err


# --- numbers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["show", "99999999999999999999999"],
        ["show", "9223372036854775808"],
        ["show", "0"],
        ["show", "douze"],
        ["sheet", "1", "99999999999999999999999", "--pdf", "x.pdf"],
        ["list", "--limit", "-1"],
        ["list", "--offset=-3"],
        ["list", "--limit", "99999999999999999999999"],
        ["list", "--offset", "trois"],
    ],
)
def test_numbers_out_of_range_refused(capsys, sample_db, tmp_path, argv):
    os.chdir(tmp_path)
    code, out, err = run(capsys, "--db", str(sample_db), *argv)
    assert code == 2
    assert out == ""
    _no_traceback(err)
    assert "erreur : argument" in err
    assert not (tmp_path / "x.pdf").exists()


def test_largest_id_is_just_not_found(capsys, sample_db):
    code, _, err = run(capsys, "--db", str(sample_db), "show", "9223372036854775807")
    assert code == 2
    _no_traceback(err)


def test_limit_zero_and_offset_work(capsys, sample_db):
    code, out, _ = run(capsys, "--db", str(sample_db), "list", "--json", "--limit", "0")
    assert code == 0 and json.loads(out)["actions"] == []
    code, out, _ = run(capsys, "--db", str(sample_db), "list", "--json", "--offset", "2")
    doc = json.loads(out)
    assert code == 0 and len(doc["actions"]) == doc["total"] - 2


# --- queries ---------------------------------------------------------------------------------


def test_query_of_two_dashes(capsys, sample_db):
    code, out, err = run(capsys, "--db", str(sample_db), "list", "--json", "--query=--")
    assert code == 0, err
    _no_traceback(err)
    assert json.loads(out)["total"] > 0  # no word to look for: everything


def test_query_starting_with_a_dash_excludes(capsys, sample_db):
    _, out, _ = run(capsys, "--db", str(sample_db), "list", "--json")
    total = json.loads(out)["total"]
    code, out, err = run(capsys, "--db", str(sample_db), "list", "--json", "--query=-parents")
    assert code == 0, err
    excluded = json.loads(out)
    code, out, _ = run(capsys, "--db", str(sample_db), "list", "--json", "--query=parents")
    with_word = json.loads(out)["total"]
    assert with_word > 0
    assert excluded["total"] == total - with_word


@pytest.mark.timeout(60)
def test_pasted_page_is_cut_and_quick(capsys, sample_db):
    words = " ".join(f"mot{i} parents" for i in range(7000))  # ~100 KB
    assert len(words) > 100_000
    main(["--db", str(sample_db), "list", "--json"])  # warm: store opened, index built
    capsys.readouterr()
    start = time.perf_counter()
    code, out, err = run(capsys, "--db", str(sample_db), "list", "--json", "--query", words)
    elapsed = time.perf_counter() - start
    assert code == 0, err
    assert "recherche trop longue" in err
    json.loads(out)
    assert elapsed < 2.0  # 13 s uncut; the search itself is timed below


def test_parse_query_is_capped():
    from centres_app.db.query import MAX_QUERY_CHARS, MAX_QUERY_TERMS, parse_query

    text = " ".join(f"mot{i}" for i in range(20_000))
    start = time.perf_counter()
    parsed = parse_query(text, prefix_last=True)
    assert time.perf_counter() - start < 0.2
    assert len(parsed.include) == MAX_QUERY_TERMS
    assert all(not t.prefix for t in parsed.include)
    cut = parse_query("a" * (MAX_QUERY_CHARS + 50))
    assert cut.is_empty  # one word cut in the middle is not searched
    short = parse_query("parents enfants")
    assert [t.words for t in short.include] == [("parents",), ("enfants",)]


def test_long_query_search_under_200_ms(sample_db):
    from centres_app.domain import SearchRequest

    text = " ".join(f"parents{i % 50}" for i in range(20_000))
    store = Store.open(sample_db)
    try:
        store.search_ids(SearchRequest(text="parents"))
        start = time.perf_counter()
        store.search_ids(SearchRequest(text=text, prefix_last=False))
        assert time.perf_counter() - start < 0.2 * 5  # 200 ms target, margin for a busy machine
    finally:
        store.close()


# --- --db paths ----------------------------------------------------------------------------


def test_db_symlink_loop(capsys, tmp_path):
    (tmp_path / "a.db").symlink_to(tmp_path / "b.db")
    (tmp_path / "b.db").symlink_to(tmp_path / "a.db")
    for command in (["list"], ["check"], ["backup"], ["show", "1"]):
        code, out, err = run(capsys, "--db", str(tmp_path / "a.db"), *command)
        assert code == 2, command
        _no_traceback(err)
        assert "boucle" in err and "Symlink" not in err


def test_db_directory_refused(capsys, tmp_path):
    code, _, err = run(capsys, "--db", str(tmp_path), "list")
    assert code == 2
    _no_traceback(err)
    assert "c'est un dossier" in err


def test_empty_file_refused_by_read_commands(capsys, tmp_path):
    empty = tmp_path / "vide.db"
    empty.touch()
    for command in (["list"], ["show", "1"], ["export", str(tmp_path / "x.json")], ["check"]):
        code, out, err = run(capsys, "--db", str(empty), *command)
        assert code == 2, command
        assert "vide" in err, err
        assert empty.stat().st_size == 0  # not initialised behind the user's back
    assert not (tmp_path / "x.json").exists()


# --- terminal output -------------------------------------------------------------------------

HOSTILE = "Jardin\x1b[2J\x1b[31m rouge\x1b]0;titre\x07 \x07bip\x9b1m\u202eesrever\x00"


@pytest.fixture
def hostile_db(empty_db):
    """A store holding terminal escapes, as a store of an older version could (the validation
    now refuses them on the way in): written behind the app's back, the store closed."""
    store = Store.open(empty_db)
    try:
        detail = store.create(
            ActionData(
                title="Jardin rouge", department="Gironde", year=2020, structure="Centre social"
            )
        )
    finally:
        store.close()
    conn = sqlite3.connect(empty_db)
    try:
        conn.execute(
            "UPDATE action SET title = ?, department = ?, structure = ?, summary = ? WHERE id = ?",
            (
                HOSTILE,
                "Gironde\x1b[1m",
                "Centre\x1b[0m social",
                "ligne 1\x1b[2J\nligne 2\rcachée",
                detail.id,
            ),
        )
        conn.commit()
    finally:
        conn.close()
    return empty_db, detail.id


def _assert_clean(text: str) -> None:
    for bad in ("\x1b", "\x07", "\x9b", "\u202e", "\x00", "\r"):
        assert bad not in text, repr(text)


def test_list_strips_control_characters(capsys, hostile_db):
    db, _ = hostile_db
    code, out, _ = run(capsys, "--db", str(db), "list")
    assert code == 0
    _assert_clean(out)
    assert "Jardin rouge" in out and "Centre social" in out


def test_show_strips_control_characters(capsys, hostile_db):
    db, action_id = hostile_db
    code, out, _ = run(capsys, "--db", str(db), "show", str(action_id))
    assert code == 0
    _assert_clean(out)
    assert "ligne 1" in out and "ligne 2" in out


def test_show_json_keeps_the_data(capsys, hostile_db):
    db, action_id = hostile_db
    code, out, _ = run(capsys, "--db", str(db), "show", str(action_id), "--json")
    assert code == 0
    assert "\x1b" not in out  # JSON escapes it
    assert json.loads(out)["title"].startswith("Jardin\x1b[2J")
