"""Hostile input through the real CLI (issue 14, deliverables 1-3): every refusal is
`FILE:LINE: message en français`, exit 2, no traceback, and the store is unchanged."""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from pathlib import Path

import pytest

from centres_app.cli import main

pytestmark = pytest.mark.timeout(60)


def _dump(path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def _refused(capsys, db: Path, *argv: str, source: str | None = None) -> str:
    """Runs `import` expecting a located French refusal; returns stderr."""
    before = _dump(db)
    code = main(["--db", str(db), "import", *argv])
    out, err = capsys.readouterr()
    assert code == 2, (out, err)
    assert "Traceback" not in err
    if source is not None:
        match = re.search(re.escape(source) + r":(\d+): ", err)
        assert match, err
        assert int(match.group(1)) >= 1
    assert _dump(db) == before
    return err


def _action(**fields) -> dict:
    base = {
        "title": "Jardin partagé",
        "structure": "CS Nord",
        "department": "Drôme",
        "year": 2020,
        "status": "En cours",
    }
    base.update(fields)
    return base


def _json_file(tmp_path: Path, actions: list, name: str = "f.json") -> Path:
    doc = {"format": "centres_app/actions", "version": 1, "actions": actions}
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    text = path.read_text(encoding="utf-8")
    return text[: text.index(needle)].count("\n") + 1


# --- deliverable 1: one validation layer ------------------------------------------------------


def test_json_deep_nesting_refused_with_line(tmp_path, sample_db, capsys):
    path = tmp_path / "deep.json"
    path.write_text(
        '{"format": "centres_app/actions", "version": 1,\n"actions": [\n'
        + "[" * 10_000
        + "]" * 10_000
        + "]}\n",
        encoding="utf-8",
    )
    err = _refused(capsys, sample_db, str(path), source=str(path))
    assert f"{path}:3: " in err
    assert "imbrication" in err


def test_json_wrong_type_attachments_refused_at_action_line(tmp_path, sample_db, capsys):
    path = _json_file(tmp_path, [_action(), _action(title="Autre", attachments=5)])
    err = _refused(capsys, sample_db, str(path), source=str(path))
    line = _line_of(path, '"title": "Autre"') - 1
    assert f"{path}:{line}: " in err
    assert "pièces jointes" in err or "pièce jointe" in err


@pytest.mark.parametrize(
    "attachments",
    [
        [5],
        [{"name": 3, "data_base64": ""}],
        [{"name": "a", "data_base64": 7}],
        [{"name": "a", "data_base64": "", "mime": 5}],
        [{"name": "a", "data_base64": "", "mime": "text/\x1b[2J"}],
        [{"name": "a\u0000", "data_base64": ""}],
        [{"name": "a", "data_base64": "", "sha256": ["x"]}],
        "x",
    ],
)
def test_json_wrong_attachment_shapes_refused(tmp_path, sample_db, capsys, attachments):
    path = _json_file(tmp_path, [_action(attachments=attachments)])
    _refused(capsys, sample_db, str(path), source=str(path))


def test_json_huge_year_refused_with_line(tmp_path, sample_db, capsys):
    path = tmp_path / "year.json"
    path.write_text(
        '{"format": "centres_app/actions", "version": 1, "actions": [\n'
        '{"title": "A", "structure": "S", "year": ' + "9" * 5001 + "}\n]}\n",
        encoding="utf-8",
    )
    err = _refused(capsys, sample_db, str(path), source=str(path))
    assert f"{path}:2: " in err
    assert "nombre" in err


def test_json_lone_surrogate_refused_with_line(tmp_path, sample_db, capsys):
    path = tmp_path / "surrogate.json"
    path.write_text(
        '{"format": "centres_app/actions", "version": 1, "actions": [\n'
        '{"title": "ok", "structure": "S", "year": 2020},\n'
        '{"title": "bad \\ud800", "structure": "S", "year": 2020}\n]}\n',
        encoding="utf-8",
    )
    err = _refused(capsys, sample_db, str(path), source=str(path))
    assert f"{path}:3: " in err
    assert "caractère" in err


def test_json_validation_refusal_gives_the_line(tmp_path, sample_db, capsys):
    path = _json_file(tmp_path, [_action(), _action(title="Sans année", year=None)])
    err = _refused(capsys, sample_db, str(path), source=str(path))
    assert "action n°" not in err.split(":", 2)[1]
    assert f"{path}:{_line_of(path, 'Sans année') - 1}: " in err


@pytest.mark.parametrize("fmt", ["json", "csv"])
@pytest.mark.parametrize("bad", ["\x00", "\x1b[31m", "\x07"])
def test_control_characters_refused_json_and_csv(tmp_path, sample_db, capsys, fmt, bad):
    if fmt == "json":
        path = _json_file(tmp_path, [_action(), _action(title="Deux", summary=f"a{bad}b")])
        line = _line_of(path, '"title": "Deux"') - 1
    else:
        path = tmp_path / "f.csv"
        path.write_text(
            '"Titre";"Structure organisatrice";"Année";"Résumé"\r\n'
            '"Un";"S";"2020";"ok"\r\n'
            f'"Deux";"S";"2020";"a{bad}b"\r\n',
            encoding="utf-8",
        )
        line = 3
    err = _refused(capsys, sample_db, str(path), source=str(path))
    assert f"{path}:{line}: " in err
    assert "caractère" in err


def test_tab_and_newline_are_kept(tmp_path, empty_db, capsys):
    path = _json_file(tmp_path, [_action(summary="a\tb\nc")])
    assert main(["--db", str(empty_db), "import", str(path)]) == 0
    capsys.readouterr()
    main(["--db", str(empty_db), "list", "--json"])
    listing = json.loads(capsys.readouterr().out)
    assert listing["actions"][0]["summary"] == "a\tb\nc"


def test_senacs_control_character_refused(tmp_path, sample_db, sample_path, capsys):
    text = sample_path.read_text(encoding="utf-8")
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if line == "- Résumé") + 1
    lines[index] = lines[index] + "\x1b[2J"
    path = tmp_path / "esc.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    err = _refused(capsys, sample_db, str(path), source=str(path))
    assert "caractère" in err


def test_json_oversized_attachment_refused(tmp_path, sample_db, capsys):
    from centres_app.attachment_files import MAX_ATTACHMENT_BYTES

    size = MAX_ATTACHMENT_BYTES + 3
    data = "A" * (((size + 2) // 3) * 4)
    path = _json_file(tmp_path, [_action(attachments=[{"name": "gros.bin", "data_base64": data}])])
    err = _refused(capsys, sample_db, str(path), source=str(path))
    assert "gros.bin" in err and "Mo" in err


def test_json_oversized_term_refused(tmp_path, sample_db, capsys):
    path = _json_file(tmp_path, [_action(keywords=["x" * 5000])])
    err = _refused(capsys, sample_db, str(path), source=str(path))
    assert "trop long" in err


def test_csv_validation_refusal_gives_the_line(tmp_path, sample_db, capsys):
    path = tmp_path / "f.csv"
    path.write_text(
        '"Titre";"Structure organisatrice";"Année"\r\n"Un";"S";"2020"\r\n"Deux";"S";"1200"\r\n',
        encoding="utf-8",
    )
    err = _refused(capsys, sample_db, str(path), source=str(path))
    assert f"{path}:3: " in err


def test_csv_long_field_within_our_limit_is_read(tmp_path, empty_db, capsys):
    path = tmp_path / "f.csv"
    long_text = "x" * 200_000
    path.write_text(
        f'"Titre";"Structure organisatrice";"Année";"Résumé"\r\n"Un";"S";"2020";"{long_text}"\r\n',
        encoding="utf-8",
    )
    assert main(["--db", str(empty_db), "import", str(path)]) == 0, capsys.readouterr().err


# --- deliverable 2: NFC -----------------------------------------------------------------------


def test_own_json_export_saved_as_nfd_gives_no_duplicates(tmp_path, sample_db, capsys):
    out = tmp_path / "export.json"
    assert main(["--db", str(sample_db), "export", str(out)]) == 0
    capsys.readouterr()
    nfd = tmp_path / "nfd.json"
    nfd.write_text(unicodedata.normalize("NFD", out.read_text(encoding="utf-8")), encoding="utf-8")
    assert main(["--db", str(sample_db), "import", str(nfd)]) == 0
    out_text = capsys.readouterr().out
    assert "0 créée(s), 0 mise(s) à jour, 18 inchangée(s)" in out_text


def test_nfd_senacs_sample_reads_like_the_nfc_one(tmp_path, sample_db, sample_path, capsys):
    nfd = tmp_path / "nfd.txt"
    nfd.write_text(
        unicodedata.normalize("NFD", sample_path.read_text(encoding="utf-8")), encoding="utf-8"
    )
    code = main(["--db", str(sample_db), "import", str(nfd)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "0 créée(s), 0 mise(s) à jour, 18 inchangée(s)" in out


def test_nfd_csv_matches_stored_actions(tmp_path, sample_db, capsys):
    out = tmp_path / "export.csv"
    assert main(["--db", str(sample_db), "export", str(out)]) == 0
    capsys.readouterr()
    nfd = tmp_path / "nfd.csv"
    nfd.write_text(unicodedata.normalize("NFD", out.read_text(encoding="utf-8")), encoding="utf-8")
    assert main(["--db", str(sample_db), "import", str(nfd)]) == 0
    assert "0 créée(s)" in capsys.readouterr().out


def test_nfd_query_finds_nfc_text(sample_db, capsys):
    assert main(["--db", str(sample_db), "list", "--json", "--query", "vélo"]) == 0
    nfc = json.loads(capsys.readouterr().out)["total"]
    query = unicodedata.normalize("NFD", "vélo")
    assert main(["--db", str(sample_db), "list", "--json", "--query", query]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == nfc > 0


def test_json_lines_follow_elements_that_are_not_objects(tmp_path, sample_db, capsys):
    path = tmp_path / "mixed.json"
    path.write_text(
        '{"format": "centres_app/actions", "version": 1, "actions": [\n'
        '{"title": "Un", "structure": "S", "year": 2020},\n'
        '"texte",\n'
        "null\n]}\n",
        encoding="utf-8",
    )
    err = _refused(capsys, sample_db, str(path), source=str(path))
    assert f"{path}:3: action n° 2 : " in err


def test_json_actions_lines_are_exact(tmp_path):
    from centres_app.exchange.json_format import read_json_located

    text = (
        '{"format": "centres_app/actions", "version": 1, "note": [{"x": 1}],\n'
        '"actions": [\n'
        '  {"title": "Un", "keywords": ["a", "b"], "year": 2020},\n'
        "\n"
        '  {"title": "Deux",\n   "year": 2021}, {"title": "Trois"}\n'
        "]}\n"
    )
    # "note" is not a known key of the document: ignored, but its objects are no actions.
    located = read_json_located(text, "t.json")
    assert [(line, a.title) for line, a in located] == [(3, "Un"), (5, "Deux"), (6, "Trois")]
