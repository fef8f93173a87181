"""The older SENACS "expérience" pages (issue 18) through the command line, as a user imports
them: the three real pages compared field by field via `show --json` (the exchange names),
a second import creating nothing, standard input, files mixing the two SENACS forms refused at
their line, pages cut at any line (imported or refused with FILE:LINE, never a traceback),
and the Qt-free parts that show them: sheet, personal-data check, completeness, validation."""

from __future__ import annotations

import io
import json
import re
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from centres_app.cli import main
from centres_app.completeness import completeness
from centres_app.domain import FORM_EXPERIENCE, ActionData, validate
from centres_app.errors import ParseError, ValidationFailed
from centres_app.exchange.experience_reader import read_experiences_located
from centres_app.exchange.loader import read_import_file
from centres_app.exchange.personal_data import KIND_PERSON, scan_actions
from centres_app.sheet import present_fields, sheet_body

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "tests" / "data" / "senacs-experiences.txt"

pytestmark = pytest.mark.timeout(120)

# What each page says, typed from the page (typos included), under the exchange names.
EXPECTED = [
    {
        "title": "le plus grand patchwork du monde",
        "form": "experience",
        "year": None,
        "status": "",
        "structure": "",
        "department": "",
        "published_by": "",
        "themes": ["Tout public", "Autres ...", "Autres ..", "Lutte contre les discriminations"],
        "file_references": ["www.cscwimereux.org", "( )"],
        "diagnostic": "manque de participation de la population. manque de sensibilisation "
        "envers les maladies génétiques",
        "keywords": ["Solidarité", "discriminations"],
        "description": "",
        "experience": "rencontre avec des habitants, des structures, des mécènes, des "
        "institutions avec pour objectif créer du lien social, mettre en avant un projet centre "
        "social à travers une action d'envergure qui permettrait de faire parler du centre",
        "impacts": "image du centre social, meilleure connaissance du projet centre social par "
        "les habitants, création de solidarité inter associatives",
        "success_factors": "engagement de chacun, l'image du centre, intergénérationalité, "
        "partenariat",
        "limits": "aucunes",
    },
    {
        "title": "Sortie Spinassienne",
        "form": "experience",
        "year": None,
        "status": "",
        "structure": "MC² Maison du Centre",
        "department": "Seine-Saint-Denis",
        "published_by": "Hichem LABOUBI",
        "themes": [
            "Intergénérationel",
            "Promotion de la culture local",
            "Service de proximité",
            "Autres ..",
            "Autres ...",
        ],
        "file_references": [],
        "diagnostic": "certains habitants ne connaissait pas la MTD et les opéras projetés au "
        "Méga CGR",
        "keywords": ["intergénérationnel"],
        "description": "le centre social propose des sorties culturelles exixtantes sur la "
        "ville : MTD, Opéra au méga CGR",
        "experience": "Nous aons proposé des sorties à la MTD les dimanches aux familles et nous "
        "avons fait la publicité des opéras projetés au méga CGR. Certaines familles étaient "
        "intéressées par les spectacles à la MTD les dimanches, d'autres ont découvert les "
        "opéras.",
        "impacts": "le public bénéficie des sorties culturelles locales, les horaires tardives "
        "ne sont plus un obstacle pour sortir.",
        "success_factors": "la demande de certains habbitants et la découverte de nouvelle "
        "chose comme les opéras.",
        "limits": "",
    },
    {
        "title": "Français Langue Etrangère",
        "form": "experience",
        "year": None,
        "status": "",
        "structure": "",
        "department": "",
        "published_by": "",
        "themes": [
            "Adultes mixtes",
            "Autres ...",
            "Lutte contre l'exclusion",
            "Soutien à la fonction parentale",
            "Lutte contre les discriminations",
        ],
        "file_references": [],
        "diagnostic": "Etude et recensement des besoins des habitants.",
        "keywords": [
            "Parentalité",
            "éducation / scolarité",
            "Intégration",
            "discriminations",
            "alphabétisation & apprentissage du français",
            "Habitants",
            "Mixité sociale",
        ],
        "description": "Acquisition, pas à pas, de la langue française pour les personnes "
        "issues de pays étrangers pour accompagner une intégration harmonieuse dans le tissu "
        "social et faciliter l'autonomie.",
        "experience": "Il s'agit d'appréhender l'ensemble des codes écrits et oraux de la langue "
        "française et d'en faciliter la compréhension. C'est une action collective qui requiert "
        "une dynamique de groupe, tant en tenant compte du rythme d'acquisition de chacun. "
        "Plusieurs groupes-niveaux sont accueillis par des personnes bénévoles.",
        "impacts": "Lien social et rupture de l'isolement. Développement de la communication et "
        "d'espaces de parole partagée. Evolution dans des parcours professionnels, une situation "
        "sociale et ou familiale.",
        "success_factors": "Importance de l'accueil, des informations et de l'accompagnement des "
        "usagers.",
        "limits": "Les limites se situent en terme d'accompagnants et de formation",
    },
]
# Fields of today's form that a page does not have: empty.
EMPTY = {
    "attachments": [],
    "end_reason": "",
    "dimension": "",
    "summary": "",
    "initiative": [],
    "initiative_detail": "",
    "territory": "",
    "public": [],
    "partners": [],
    "financial_resources": "",
    "people_mobilised": "",
    "result_territory": "",
    "result_centre": "",
    "result_inhabitants": "",
    "perspectives": "",
}


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return [line for line in conn.iterdump() if '"action_fts_' not in line]
    finally:
        conn.close()


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def _show_all(capsys, db: Path) -> list[dict]:
    code, out, _ = _run(capsys, "--db", str(db), "list", "--json")
    assert code == 0
    ids = [row["id"] for row in json.loads(out)["actions"]]
    shown = []
    for action_id in sorted(ids):
        code, out, _ = _run(capsys, "--db", str(db), "show", "--json", str(action_id))
        assert code == 0
        shown.append(json.loads(out))
    return shown


def test_the_three_pages_through_the_cli_field_by_field(tmp_path, capsys):
    db = tmp_path / "exp.db"
    code, out, err = _run(capsys, "--db", str(db), "import", str(PAGES))
    assert code == 0, err
    assert "3 créée(s)" in out, out
    shown = _show_all(capsys, db)
    assert len(shown) == 3
    for got, expected in zip(shown, EXPECTED, strict=True):
        for name, value in {**expected, **EMPTY}.items():
            assert got[name] == value, (expected["title"], name)
        # Nothing else than the exchange names, the identity (issue 19) and the bookkeeping.
        assert set(got) == {*expected, *EMPTY, "uuid", "id", "version", "created_at", "updated_at"}
        assert len(got["uuid"]) == 36
    # The text form names the form, in French.
    code, out, _ = _run(capsys, "--db", str(db), "show", str(shown[1]["id"]))
    assert "Forme de la fiche : expérience (ancienne fiche SENACS)" in out
    assert "Publié par : Hichem LABOUBI" in out
    assert "Thèmes : Intergénérationel ; Promotion de la culture local" in out


def test_a_second_import_creates_nothing_and_writes_nothing(tmp_path, capsys):
    db = tmp_path / "exp.db"
    assert _run(capsys, "--db", str(db), "import", str(PAGES))[0] == 0
    before = _dump(db)
    code, out, _ = _run(capsys, "--db", str(db), "import", str(PAGES))
    assert code == 0
    assert "0 créée(s), 0 mise(s) à jour, 3 inchangée(s)" in out, out
    assert _dump(db) == before


def test_pages_read_from_standard_input(tmp_path, capsys, monkeypatch):
    db = tmp_path / "stdin.db"

    class _Stdin(io.TextIOWrapper):
        def isatty(self) -> bool:
            return False

    monkeypatch.setattr("sys.stdin", _Stdin(io.BytesIO(PAGES.read_bytes()), encoding="utf-8"))
    code, out, err = _run(capsys, "--db", str(db), "import", "-")
    assert code == 0, err
    assert "3 créée(s)" in out
    assert [a["title"] for a in _show_all(capsys, db)] == [e["title"] for e in EXPECTED]


def test_a_browser_copy_with_windows_line_ends_imports_the_same(tmp_path, capsys):
    text = PAGES.read_text("utf-8")
    copy = text.replace("  • ", "\u00a0\u00a0•\u00a0").replace("\n", "\r\n")
    path = tmp_path / "copie.txt"
    path.write_text("\r\n" + copy, encoding="utf-8", newline="")
    db = tmp_path / "copy.db"
    assert _run(capsys, "--db", str(db), "import", str(PAGES))[0] == 0
    code, out, _ = _run(capsys, "--db", str(db), "import", str(path))
    assert code == 0
    assert "0 créée(s), 0 mise(s) à jour, 3 inchangée(s)" in out, out


def test_a_file_mixing_pages_and_the_listing_is_refused_at_its_line(tmp_path, capsys, sample_path):
    pages = PAGES.read_text("utf-8")
    listing = sample_path.read_text("utf-8")
    db = tmp_path / "mixed.db"
    assert _run(capsys, "--db", str(db), "import", str(PAGES))[0] == 0
    before = _dump(db)
    # Pages first: refused at the listing's first line.
    first = tmp_path / "pages-then-listing.txt"
    first.write_text(pages + "\n" + listing, encoding="utf-8")
    code, _, err = _run(capsys, "--db", str(db), "import", str(first))
    assert code == 2
    line = pages.count("\n") + 2
    assert f"{first}:{line}: " in err and "mêle des pages « expérience »" in err, err
    # Listing first: refused at the first page's diagnostic question.
    second = tmp_path / "listing-then-pages.txt"
    second.write_text(listing + "\n" + pages, encoding="utf-8")
    code, _, err = _run(capsys, "--db", str(db), "import", str(second))
    assert code == 2
    at = (
        (listing + "\n" + pages)
        .split("\n")
        .index("Quels furent les éléments de diagnostic à l'origine de l'expérience ?")
    )
    assert f"{second}:{at + 1}: " in err and "mêle des pages « expérience »" in err, err
    assert _dump(db) == before


_LINES = PAGES.read_text("utf-8").split("\n")


def _import_or_refusal(text: str, name: str) -> str | None:
    """None when the file imports (reader + import checks), else its FILE:LINE message."""
    from centres_app.db.import_checks import ImportChecker

    path = Path(name)
    path.write_text(text, encoding="utf-8")
    try:
        file = read_import_file(path)
        list(ImportChecker().checked(file))
    except (ParseError, ValidationFailed) as exc:
        return str(exc)
    return None


@pytest.mark.parametrize("cut", range(1, len(_LINES) + 1))
def test_a_page_cut_at_any_line_imports_or_is_refused_at_a_line(cut, tmp_path):
    name = str(tmp_path / "cut.txt")
    refusal = _import_or_refusal("\n".join(_LINES[:cut]), name)
    if refusal is not None:
        assert re.match(rf"{re.escape(name)}:[1-9][0-9]*: ", refusal), refusal


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_page_cut_anywhere_through_the_cli_never_tracebacks(data):
    start = data.draw(st.integers(0, len(_LINES) - 1))
    end = data.draw(st.integers(start + 1, len(_LINES)))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cut.txt"
        path.write_text("\n".join(_LINES[start:end]), encoding="utf-8")
        db = Path(folder) / "cut.db"
        out, err = io.StringIO(), io.StringIO()
        import contextlib

        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["--db", str(db), "import", str(path)])
        assert "Traceback" not in err.getvalue()
        if code != 0:
            assert code == 2, err.getvalue()
            assert re.search(rf"{re.escape(str(path))}:[1-9][0-9]*: ", err.getvalue()), err


def _pages() -> list[ActionData]:
    return [a for _, a in read_experiences_located(PAGES.read_text("utf-8"))]


def test_sheet_uses_the_pages_own_headings_and_prints_every_filled_field():
    for page in _pages():
        html = sheet_body(page)
        assert "FICHE EXPÉRIENCE" in html and "FICHE ACTION" not in html
        for name in present_fields(page):
            value = getattr(page, name)
            for piece in value if isinstance(value, tuple) else [value]:
                shown = piece.replace("&", "&amp;").replace("'", "&#x27;")
                assert shown[:40] in html, (page.title, name)
    html = sheet_body(_pages()[0])
    assert "Quels furent les éléments de diagnostic" in html
    assert "Quelles sont les limites de cette expérience ?" in html
    assert "Thèmes" in html and "Lutte contre les discriminations" in html


def test_publisher_names_are_flagged_before_leaving_the_app():
    hits = scan_actions(_pages())
    published = [h for h in hits if h.field == "published_by"]
    assert [(h.title, h.kind, h.match) for h in published] == [
        ("Sortie Spinassienne", KIND_PERSON, "Hichem LABOUBI")
    ]
    assert "Publié par" in published[0].message()


def test_completeness_knows_the_sections_of_each_form():
    patchwork, spinassienne, fle = _pages()
    assert completeness(fle).is_complete and completeness(fle).total == 8
    assert completeness(spinassienne).missing == ("limits",)
    assert completeness(patchwork).missing == ("description",)
    as_action = fle.replace(form="action", year=2020)
    assert completeness(as_action).total == 16
    assert "summary" in completeness(as_action).missing


def test_validation_asks_a_year_of_the_action_form_only():
    page = _pages()[1]
    assert page.form == FORM_EXPERIENCE
    assert validate(page) == []  # no year, no status: a page as published
    assert ("year", "required") in validate(page.replace(form="action"))
    assert ("form", "form_unknown") in validate(page.replace(form="fiche"))
    bad = page.replace(file_references=("deux\nlignes",))
    assert ("file_references", "one_line") in validate(bad)
    with pytest.raises(ValueError, match="form"):
        ActionData.from_dict({"title": "x", "form": "autre"})
    assert ActionData.from_dict({"title": "x", "year": None, "form": "experience"}).year is None
