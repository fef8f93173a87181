"""`centres-app export` as a user drives it: every format, filters, round trips, GDPR warnings."""

from __future__ import annotations

import json

import pytest

from centres_app.cli import main
from centres_app.db.store import Store
from centres_app.domain import Attachment, SearchRequest

BOOKKEEPING = ("id", "version", "created_at", "updated_at")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _shown(capsys, db, without=()) -> dict[str, dict]:
    """`show --json` of every action of a base, by title, without bookkeeping fields."""
    code, out, _ = run(capsys, "--db", str(db), "list", "--json")
    assert code == 0
    shown = {}
    for item in json.loads(out)["actions"]:
        code, out, _ = run(capsys, "--db", str(db), "show", str(item["id"]), "--json")
        assert code == 0
        doc = _strip(json.loads(out), (*BOOKKEEPING, *without))
        shown[doc["title"]] = doc
    return shown


def _strip(doc: dict, keys) -> dict:
    return {k: v for k, v in doc.items() if k not in keys}


def _listed(capsys, db, keep_version=False) -> dict[str, dict]:
    """Every action of a base through `list --json` (one call), by title."""
    code, out, _ = run(capsys, "--db", str(db), "list", "--json")
    assert code == 0
    drop = ("id", "created_at", "updated_at") if keep_version else BOOKKEEPING
    return {a["title"]: _strip(a, drop) for a in json.loads(out)["actions"]}


@pytest.fixture
def db_with_attachment(sample_db):
    """The sample base, one action holding a binary attachment."""
    store = Store.open(sample_db)
    try:
        detail = store.get(store.search_ids(SearchRequest(sort="title"))[0])
        attachment = Attachment("photo.jpg", bytes(range(256)), "image/jpeg")
        store.update(detail.id, detail.version, detail.data.replace(attachments=(attachment,)))
    finally:
        store.close()
    return sample_db


@pytest.mark.parametrize(
    ("fmt", "name", "without"),
    [
        ("json", "export.json", ()),
        # Only the JSON format carries the actions' uuids (issue 19).
        ("senacs", "export.txt", ("attachments", "uuid")),
        ("csv", "export.csv", ("attachments", "uuid")),
    ],
)
def test_export_then_import_gives_the_same_actions(
    capsys, tmp_path, db_with_attachment, fmt, name, without
):
    out_file = tmp_path / name
    code, out, err = run(
        capsys, "--db", str(db_with_attachment), "export", "--format", fmt, str(out_file)
    )
    assert code == 0, err
    assert out == f"18 action(s) exportée(s) vers {out_file}\n"
    assert err == ""  # the sample holds no personal data

    fresh = tmp_path / "fresh.db"
    code, out, err = run(capsys, "--db", str(fresh), "import", str(out_file))
    assert code == 0, err
    assert "18 créée(s), 0 mise(s) à jour, 0 inchangée(s)" in out
    source = _listed(capsys, db_with_attachment, keep_version=True)
    expected = {title: _strip(doc, ("version", *without)) for title, doc in source.items()}
    assert _shown(capsys, fresh, without) == expected
    if fmt == "json":
        assert sum(len(a["attachments"]) for a in expected.values()) == 1

    # The identity rule (title + structure + year): re-importing into the source base creates
    # nothing and changes nothing, not even the attachment the CSV and SENACS only name.
    code, out, _ = run(capsys, "--db", str(db_with_attachment), "import", str(out_file))
    assert "0 créée(s), 0 mise(s) à jour, 18 inchangée(s)" in out
    assert _listed(capsys, db_with_attachment, keep_version=True) == source


def test_export_uses_the_list_filters(capsys, tmp_path, sample_db):
    out_file = tmp_path / "parentalite.json"
    code, out, _ = run(
        capsys,
        "--db",
        str(sample_db),
        "export",
        "--keyword",
        "Parentalité",
        "--partner",
        "Caf",
        "--year",
        "2016..2019",
        str(out_file),
    )
    assert code == 0
    assert out == f"3 action(s) exportée(s) vers {out_file}\n"
    titles = sorted(a["title"] for a in json.loads(out_file.read_text("utf-8"))["actions"])
    assert titles == [
        "Actif'études / CLAS",
        "Animations Hors les murs",
        "Renouvellement du projet social",
    ]


@pytest.mark.parametrize("name", ["export.ods", "export.xlsx", "export.csv", "export.txt"])
def test_format_is_guessed_from_the_extension(capsys, tmp_path, sample_db, name):
    out_file = tmp_path / name
    code, out, _ = run(capsys, "--db", str(sample_db), "export", "--query", "vélo", str(out_file))
    assert code == 0
    assert out.endswith(f"exportée(s) vers {out_file}\n")
    head = out_file.read_bytes()[:4]
    expected = {".ods": b"PK\x03\x04", ".xlsx": b"PK\x03\x04", ".csv": b'\xef\xbb\xbf"'}
    assert head == expected.get(out_file.suffix, b"Les ")


def test_unknown_extension_is_refused_without_writing(capsys, tmp_path, sample_db):
    out_file = tmp_path / "export.doc"
    code, _, err = run(capsys, "--db", str(sample_db), "export", str(out_file))
    assert code == 2
    assert "Format d'export inconnu pour" in err and "--format" in err
    assert not out_file.exists()
    with pytest.raises(SystemExit) as info:
        main(["--db", str(sample_db), "export", "--format", "pdf", str(tmp_path / "x.pdf")])
    assert info.value.code == 2
    assert "--format" in capsys.readouterr().err


@pytest.fixture
def db_with_personal_data(sample_db):
    store = Store.open(sample_db)
    try:
        ids = store.search_ids(SearchRequest(sort="title"))
        first = store.get(ids[0])
        summary = first.data.summary + "\nContact : Mme Dupont, 06 12 34 56 78."
        store.update(first.id, first.version, first.data.replace(summary=summary))
    finally:
        store.close()
    return sample_db, first.id, first.data.title


def test_personal_data_is_a_warning_then_a_refusal_when_strict(
    capsys, tmp_path, db_with_personal_data
):
    db, action_id, title = db_with_personal_data
    out_file = tmp_path / "export.csv"
    code, out, err = run(capsys, "--db", str(db), "export", str(out_file))
    assert code == 0
    assert out == f"18 action(s) exportée(s) vers {out_file}\n"
    lines = err.splitlines()
    prefix = f"Données personnelles possibles : action n° {action_id} « {title} » — Résumé : "
    assert len(lines) == 2
    assert lines[0].startswith(prefix + "nom de personne « Mme Dupont » (…")
    assert lines[1].startswith(prefix + "numéro de téléphone « 06 12 34 56 78 » (…")
    assert all(line.endswith("Contact : Mme Dupont, 06 12 34 56 78.)") for line in lines)

    strict_file = tmp_path / "strict.json"
    code, out, err = run(
        capsys, "--db", str(db), "export", "--strict-personal-data", str(strict_file)
    )
    assert code == 2
    assert out == ""
    assert "Données personnelles possibles" in err
    assert "export refusé : 2 donnée(s) personnelle(s) possible(s)" in err
    assert not strict_file.exists()

    # Strict mode lets a clean selection through.
    code, out, _ = run(
        capsys,
        "--db",
        str(db),
        "export",
        "--strict-personal-data",
        "--query",
        "vélo",
        str(strict_file),
    )
    assert code == 0 and strict_file.exists()
