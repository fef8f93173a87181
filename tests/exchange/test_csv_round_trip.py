"""The CSV export reads back (issue 14, deliverable 5): a term holding `;` stays one term, and a
cell that a spreadsheet would take for a formula after leading spaces (` =1+1`) gets the marker."""

from __future__ import annotations

import csv
import io
import sqlite3

import pytest

from centres_app.cli import main
from centres_app.db.store import Store
from centres_app.exchange.csv_format import (
    COLUMNS,
    _escape,
    _unescape,
    read_csv_file,
    split_terms,
    write_csv,
)

pytestmark = pytest.mark.timeout(60)


def _dump(path) -> list[str]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.fixture
def tricky(sample_actions):
    return sample_actions[0].replace(
        title="Jardin ; partagé =1+1",
        keywords=("Lien;social", ";début", "fin;", "a;;b", "Parentalité"),
        public=("Familles; enfants",),
        partners=("=1+1", "CAF ; MSA"),
        summary=" =1+1",
        description="  +33 6 00",
        limits="\u00a0@moi",
        perspectives=" 'pas une formule",
        experience="' =déjà marqué",
        end_reason=" ",
    )


def _cells(path) -> dict[str, str]:
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"), newline=""), delimiter=";"))
    return dict(zip(COLUMNS, rows[1], strict=True))


def test_terms_with_semicolons_and_spaced_formulas_round_trip(tmp_path, tricky):
    path = tmp_path / "tricky.csv"
    write_csv([tricky], path)
    cells = _cells(path)
    assert cells["keywords"] == "Lien;;social ; ;;début ; fin;; ; a;;;;b ; Parentalité"
    assert cells["summary"] == "' =1+1"
    assert cells["partners"] == "'=1+1 ; CAF ;; MSA"
    assert cells["description"] == "'  +33 6 00"
    assert cells["limits"] == "'\u00a0@moi"
    assert cells["perspectives"] == " 'pas une formule"
    assert cells["experience"] == "'' =déjà marqué"
    assert all(not c.lstrip() or c.lstrip()[0] not in "=+-@" for c in cells.values())
    assert read_csv_file(path) == [tricky.replace(attachments=())]


@pytest.mark.parametrize(
    "value",
    ["", "'", "''", " ", "=", " =", "' =", "x", " x", "'x", "\t=", "-", " -1", "\u3000="],
)
def test_marker_is_removed_exactly_when_added(value):
    assert _unescape(_escape(value)) == value


def test_hand_written_cells_still_split_on_single_semicolons():
    assert split_terms("Solidarité;Culture ") == ("Solidarité", "Culture")
    assert split_terms(" ; ;") == ()
    assert split_terms("a;;b;c") == ("a;b", "c")


def test_csv_export_imported_back_into_the_same_store_changes_nothing(
    tmp_path, sample_db, tricky, capsys
):
    store = Store.open(sample_db)
    try:
        store.import_actions([tricky], "test")
        count = store.count()
    finally:
        store.close()
    before = _dump(sample_db)
    out = tmp_path / "export.csv"
    assert main(["--db", str(sample_db), "export", str(out)]) == 0
    assert main(["--db", str(sample_db), "import", str(out)]) == 0
    printed, err = capsys.readouterr()
    assert "Traceback" not in err
    assert f"0 créée(s), 0 mise(s) à jour, {count} inchangée(s)" in printed, (printed, err)
    assert _dump(sample_db) == before
