"""Every export format reads back (issue 14, deliverable 5), through the CLI as a user does it:
exported then imported into the same store, nothing changes; imported into an empty store, the
same actions come out (attachments apart, which only the JSON holds). Over the sample and over a
hostile store: values that look like the formats' own structure, formulas, separators, quotes,
markup, tabs and runs of spaces, long texts."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from centres_app.cli import main
from centres_app.domain import Attachment
from centres_app.exchange.experience_reader import read_experiences_located
from centres_app.exchange.json_format import write_json

EXPERIENCES = Path(__file__).resolve().parents[1] / "data" / "senacs-experiences.txt"

pytestmark = pytest.mark.timeout(120)

FORMATS = ("json", "csv", "senacs", "xlsx", "ods")
SUFFIX = {"json": "json", "csv": "csv", "senacs": "txt", "xlsx": "xlsx", "ods": "ods"}
TRAP = "\n".join(
    [
        "Actions",
        "Jardin partagé",
        "- Structure organisatrice",
        "- Public",
        "\\Actions",
        "- Partenaires",
        "Partenaires d'action:",
        "-",
        "=SOMME(A1:A9)",
        '"guillemets" ; point-virgule | barre',
        "\ttabulation  et   espaces",
        "<b>balise</b> &amp; <script>",
    ]
)


def _hostile(sample_actions):
    base = sample_actions[0]
    return [
        base.replace(
            title="Actions",
            year=2019,
            keywords=("Public", "Lien;social", "a;;b", "=1+1"),
            partners=("Statut de l'action", "CAF ; MSA", "-"),
            public=("Familles; enfants",),
            status="Statut de l'action",
            dimension="- Public",
            summary=TRAP,
            description=" =1+1 au début",
            limits="\u00a0@moi",
            perspectives="Actions",
            experience="' =déjà marqué",
            attachments=(Attachment("fiche.pdf", b"%PDF-1.4 contenu", "application/pdf"),),
        ),
        base.replace(
            title="- Structure organisatrice",
            department="Alpes - Hautes",
            structure="CS A - B",
            year=2020,
            summary="Texte 🌍 émoji, אבג, 中文, e\u0301 déjà composé",
        ),
        base.replace(
            title="Titre | avec barre",
            department="Dé|partement",
            year=2021,
            description="x" * 150_000,  # over the csv module's default field limit
        ),
    ]


def _experiences():
    """The three older pages (issue 18), and one with values that look like the formats'
    structure (`;` in a theme and a file reference, formulas, a listing label)."""
    pages = [a for _, a in read_experiences_located(EXPERIENCES.read_text("utf-8"))]
    return [
        *pages,
        pages[1].replace(
            title="Expérience ; piégée",
            themes=("Lien;social", "=1+1", "Statut de l'action"),
            file_references=("fiche ; action.pdf", "( 56.06K )", "=HYPERLINK(x)"),
            diagnostic=TRAP,
            impacts=" =1+1 au début",
            success_factors="\u00a0@moi",
            published_by="- Publié par",
        ),
    ]


def _actions(kind, sample_actions):
    if kind == "sample":
        return sample_actions
    if kind == "hostile":
        return _hostile(sample_actions)
    if kind == "experiences":
        return _experiences()
    return [*sample_actions, *_experiences()]  # "mixed": both forms in one store


def _store_with(tmp_path: Path, actions, name: str) -> Path:
    source = tmp_path / f"{name}.json"
    write_json(actions, source)
    db = tmp_path / f"{name}.db"
    assert main(["--db", str(db), "import", str(source)]) == 0
    return db


def _dump(path: Path) -> list[str]:
    """The store's rows, read through SQLite; the full-text index's internal pages apart (an
    import tunes and merges them, which changes no data)."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return [line for line in conn.iterdump() if '"action_fts_' not in line]
    finally:
        conn.close()


def _content(db: Path, tmp_path: Path, attachments: bool) -> list[dict]:
    """The JSON export of a base; with `attachments` False, without the attachments and the
    uuids (issue 19), which only the JSON format carries."""
    out = tmp_path / f"content-{db.stem}.json"
    assert main(["--db", str(db), "export", "--format", "json", str(out)]) == 0
    actions = json.loads(out.read_text("utf-8"))["actions"]
    out.unlink()
    for action in actions:
        assert len(action["uuid"]) == 36
        if not attachments:
            action.pop("attachments")
            action.pop("uuid")
    return sorted(actions, key=lambda a: (a["title"], a["structure"], a["year"] or 0, a["form"]))


@pytest.mark.parametrize(
    ("fmt", "kind"),
    [
        (fmt, kind)
        for kind in ("sample", "hostile", "experiences", "mixed")
        for fmt in FORMATS
        # Both forms in one SENACS text: refused by name, see
        # test_senacs_export_of_both_forms_is_refused_by_name.
        if (fmt, kind) != ("senacs", "mixed")
    ],
)
def test_export_reads_back_into_the_same_and_an_empty_store(
    fmt, kind, tmp_path, sample_actions, capsys
):
    actions = _actions(kind, sample_actions)
    if fmt == "xlsx":  # a cell over Excel's limit: test_cut_xlsx_cell_is_refused_at_its_row
        actions = [a for a in actions if len(a.description) < 32_000]
    stored = _store_with(tmp_path, actions, kind)
    count = len(_content(stored, tmp_path, True))
    before = _dump(stored)
    out = tmp_path / f"export.{SUFFIX[fmt]}"
    assert main(["--db", str(stored), "export", "--format", fmt, str(out)]) == 0
    capsys.readouterr()

    assert main(["--db", str(stored), "import", str(out)]) == 0
    printed, err = capsys.readouterr()
    assert "Traceback" not in err
    assert f"0 créée(s), 0 mise(s) à jour, {count} inchangée(s)" in printed, (printed, err)
    assert _dump(stored) == before

    fresh = tmp_path / "fresh.db"
    assert main(["--db", str(fresh), "import", str(out)]) == 0
    carries = fmt == "json"
    assert _content(fresh, tmp_path, carries) == _content(stored, tmp_path, carries)


def test_senacs_export_of_experiences_writes_their_pages(tmp_path, capsys):
    db = _store_with(tmp_path, _experiences()[:3], "experiences")
    out = tmp_path / "pages.txt"
    assert main(["--db", str(db), "export", "--format", "senacs", str(out)]) == 0
    # The three pages as given (their order: by title), read back by the pages' reader.
    text = out.read_text("utf-8")
    assert text.startswith("Actions\n\nFrançais Langue Etrangère\n")
    assert "Publié par\nHichem LABOUBI\n" in text
    assert "Structure organisatrice\nMC² Maison du Centre - Seine-Saint-Denis\n" in text


def test_senacs_export_of_both_forms_is_refused_by_name(tmp_path, sample_actions, capsys):
    db = _store_with(tmp_path, [*sample_actions, *_experiences()], "mixed")
    out = tmp_path / "mixed.txt"
    capsys.readouterr()
    assert main(["--db", str(db), "export", "--format", "senacs", str(out)]) != 0
    err = capsys.readouterr().err
    assert "est une expérience" in err and "ne peut pas mêler les deux formes" in err, err
    assert "Traceback" not in err
    assert not out.exists()


def test_cut_xlsx_cell_is_refused_at_its_row(tmp_path, sample_actions, capsys):
    actions = _hostile(sample_actions)
    db = _store_with(tmp_path, actions, "hostile")
    before = _dump(db)
    out = tmp_path / "export.xlsx"
    assert main(["--db", str(db), "export", str(out)]) == 0
    assert "tronqué à 32767 caractères" in capsys.readouterr().err
    assert main(["--db", str(db), "import", str(out)]) == 2
    err = capsys.readouterr().err
    # Rows are sorted by title in the export: « Titre | avec barre » is the last of three.
    assert f"{out}:4: « Description générale » a été tronqué à 32767 caractères" in err, err
    assert "Traceback" not in err
    assert _dump(db) == before
