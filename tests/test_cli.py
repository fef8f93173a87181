"""The command line as a user drives it: import, list, show, exit codes, untouched bases."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest

from centres_app.cli import main


def _dump(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_twice_then_list_and_show_every_action(
    tmp_path, sample_path, capsys, expected_actions
):
    db = str(tmp_path / "x.db")
    code, out, _ = run(capsys, "--db", db, "import", str(sample_path))
    assert code == 0
    assert "18 créée(s), 0 mise(s) à jour, 0 inchangée(s)" in out
    code, out, _ = run(capsys, "--db", db, "import", str(sample_path))
    assert "0 créée(s), 0 mise(s) à jour, 18 inchangée(s)" in out

    code, out, _ = run(capsys, "--db", db, "list", "--json")
    listing = json.loads(out)
    assert listing["total"] == 18
    by_title = {e["title"]: e for e in expected_actions}
    for item in listing["actions"]:
        code, out, _ = run(capsys, "--db", db, "show", str(item["id"]), "--json")
        assert code == 0
        shown = json.loads(out)
        expected = by_title[shown["title"]]
        for field, value in expected.items():
            assert shown[field] == value, (shown["title"], field)


def test_list_query_velo_json(tmp_path, sample_db, capsys):
    code, out, _ = run(capsys, "--db", str(sample_db), "list", "--json", "--query", "vélo")
    titles = {a["title"] for a in json.loads(out)["actions"]}
    assert "TOUS A VELO !" in titles
    code, out2, _ = run(capsys, "--db", str(sample_db), "list", "--json", "--query", "VELO")
    assert json.loads(out2)["total"] == json.loads(out)["total"]


def test_list_filters(sample_db, capsys):
    code, out, _ = run(
        capsys,
        "--db",
        str(sample_db),
        "list",
        "--json",
        "--keyword",
        "Parentalité",
        "--partner",
        "Caf",
        "--year",
        "2016..2019",
    )
    titles = sorted(a["title"] for a in json.loads(out)["actions"])
    assert titles == [
        "Actif'études / CLAS",
        "Animations Hors les murs",
        "Renouvellement du projet social",
    ]
    code, _, err = run(capsys, "--db", str(sample_db), "list", "--year", "vingt")
    assert code == 2 and "année invalide" in err
    code, _, err = run(capsys, "--db", str(sample_db), "list", "--query", "zzzzqqq")
    assert code == 0 and "Aucune action ne correspond" in err


def test_show_unknown_id_is_bad_input(sample_db, capsys):
    code, _, err = run(capsys, "--db", str(sample_db), "show", "999")
    assert code == 2
    assert "Aucune action n° 999" in err


MALFORMED = {
    "unknown_label.txt": (
        "Les actions des centres sociaux\nNom | Département | Année |\n---|---|---|\n"
        "A | Drôme | 2020 |\nActions\nA\n- Structure organisatrice\n- CS - Drôme\n"
        "- Fichier(s) associé(s)\n- Statut de l'action\n- En cours\n- Dimensionnement\n",
        12,
    ),
    "no_title.txt": (
        "Les actions des centres sociaux\nNom | Département | Année |\n---|---|---|\n"
        "A | Drôme | 2020 |\nActions\n- Structure organisatrice\n- CS - Drôme\n",
        6,
    ),
    "bad_year.txt": (
        "Les actions des centres sociaux\nNom | Département | Année |\n---|---|---|\n"
        "A | Drôme | 2020 |\nB | Drôme | deux mille |\n",
        5,
    ),
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_file_exit_2_with_line_and_nothing_written(sample_db, tmp_path, capsys, name):
    text, line = MALFORMED[name]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    before = _dump(sample_db)
    code, _, err = run(capsys, "--db", str(sample_db), "import", str(path))
    assert code == 2
    assert f"{path}:{line}:" in err
    assert _dump(sample_db) == before


def test_binary_and_latin1_files_are_refused(sample_db, sample_path, tmp_path, capsys):
    latin = tmp_path / "latin1.txt"
    latin.write_bytes(sample_path.read_text(encoding="utf-8").encode("latin-1", "replace"))
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    before = _dump(sample_db)
    for path in (latin, binary):
        code, _, err = run(capsys, "--db", str(sample_db), "import", str(path))
        assert code == 2
        assert str(path) + ":" in err
    # A good file given with a bad one: nothing at all is imported.
    code, _, _ = run(capsys, "--db", str(sample_db), "import", str(sample_path), str(binary))
    assert code == 2
    assert _dump(sample_db) == before


def test_markup_is_stored_intact(tmp_path, sample_path, capsys):
    # Control characters (\x07 here before issue 14) are refused since issue 14: see
    # tests/exchange/test_hostile_input.py.
    text = sample_path.read_text(encoding="utf-8")
    odd = "Texte \t avec <b>balises</b> & <script>alert(1)</script>\u00a0espaces. " * 2000
    text = text.replace("Fin d'année scolaire", odd.strip(), 1)
    path = tmp_path / "odd.txt"
    path.write_text(text, encoding="utf-8")
    db = str(tmp_path / "h.db")
    code, out, err = run(capsys, "--db", db, "import", str(path))
    assert code == 0, err
    code, out, _ = run(capsys, "--db", db, "list", "--json", "--query", "balises")
    found = json.loads(out)["actions"]
    assert [a["title"] for a in found] == ["Actif'études / CLAS"]
    assert found[0]["end_reason"] == odd.strip()


def test_a_5_mb_field_is_refused_with_its_line(tmp_path, sample_db, sample_path, capsys):
    lines = sample_path.read_text(encoding="utf-8").split("\n")
    at = lines.index("Fin d'année scolaire")
    lines[at] = "Très long texte. " * 300_000  # ~5 MB in one field
    path = tmp_path / "huge.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    before = _dump(sample_db)
    code, _, err = run(capsys, "--db", str(sample_db), "import", str(path))
    assert code == 2
    assert f"{path}:{at}:" in err  # the line of the field's label
    assert "trop long" in err
    assert _dump(sample_db) == before


def test_an_impossible_year_is_refused_at_its_table_row(tmp_path, sample_db, sample_path, capsys):
    text = sample_path.read_text(encoding="utf-8").replace(
        "| Drôme | 2019 |", "| Drôme | 2719 |", 1
    )
    path = tmp_path / "year.txt"
    path.write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "--db", str(sample_db), "import", str(path))
    assert code == 2
    assert f"{path}:6:" in err and "1990" in err


def test_version_and_module_entry_point():
    result = subprocess.run(
        [sys.executable, "-m", "centres_app", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert result.stdout.startswith("centres-app ")
