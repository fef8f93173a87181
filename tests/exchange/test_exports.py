"""Exports to every format on the real sample, read back: JSON, SENACS, CSV, XLSX, ODS."""

from __future__ import annotations

import csv
import io
import os
import zipfile

import pytest

from centres_app.domain import FIELD_LABELS, TERM_FIELDS, ActionData, Attachment
from centres_app.errors import AppError, ParseError
from centres_app.exchange.atomic_files import atomic_write
from centres_app.exchange.csv_format import COLUMNS, read_csv, read_csv_file, write_csv
from centres_app.exchange.export import export_actions, format_for_path
from centres_app.exchange.json_format import read_json, write_json
from centres_app.exchange.loader import read_actions_file
from centres_app.exchange.senacs_reader import read_senacs_file
from centres_app.exchange.spreadsheet_format import XLSX_MAX_CELL, write_ods, write_xlsx

# Every byte value, under a name whose guessed type is not the stored one.
ATTACHMENT = Attachment(name="compte-rendu.pdf", data=bytes(range(256)) * 3, mime="text/plain")


@pytest.fixture
def actions(sample_actions) -> list[ActionData]:
    """The 18 sample actions, the first one with an attachment."""
    first = sample_actions[0].replace(attachments=(ATTACHMENT,))
    return [first, *sample_actions[1:]]


def _without_attachments(actions: list[ActionData]) -> list[ActionData]:
    return [a.replace(attachments=()) for a in actions]


def _expected_cell(action: ActionData, name: str) -> str | int | None:
    value = getattr(action, name)
    if name == "attachments":
        return " ; ".join(a.name for a in value)
    if isinstance(value, tuple):
        return " ; ".join(value)
    return value


def test_json_round_trip_is_exact_with_attachments(tmp_path, actions):
    assert len(actions) == 18
    path = tmp_path / "export.json"
    write_json(actions, path)
    back = read_json(path.read_text(encoding="utf-8"), str(path))
    assert back == actions
    assert back[0].attachments[0].data == ATTACHMENT.data
    assert back[0].attachments[0].mime == "text/plain"
    assert read_actions_file(path) == (actions, True)


def test_senacs_round_trip_is_exact(tmp_path, sample_actions):
    path = tmp_path / "export.txt"
    export_actions(sample_actions, path, "senacs")
    assert read_senacs_file(path) == sample_actions
    assert read_actions_file(path) == (sample_actions, False)


def test_csv_is_what_french_spreadsheets_expect(tmp_path, actions):
    path = tmp_path / "export.csv"
    write_csv(actions, path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8")[1:]
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert len(rows) == 19
    assert rows[0] == [FIELD_LABELS[name] for name in COLUMNS]
    assert rows[0][:3] == ["Titre", "Département", "Année"]
    assert all(len(row) == len(COLUMNS) for row in rows)
    assert raw.count(b"\r\n") == 19  # CRLF ends rows only; line breaks in cells stay LF
    by_title = {row[0]: dict(zip(COLUMNS, row, strict=True)) for row in rows[1:]}
    velo = by_title["TOUS A VELO !"]
    assert velo["department"] == "Drôme"
    for action in actions:
        row = by_title.get(action.title) or by_title["'" + action.title]
        for name in ("keywords", "public", "partners", "initiative"):
            assert row[name] == " ; ".join(getattr(action, name))
        assert row["summary"].lstrip("'") == action.summary
    multi = [a for a in actions if len(a.keywords) > 1][0]
    assert " ; " in by_title[multi.title]["keywords"]
    assert by_title[actions[0].title]["attachments"] == "compte-rendu.pdf"
    assert any("\n" in row["experience"] for row in by_title.values())


def test_csv_round_trip_is_exact_except_attachments(tmp_path, actions):
    path = tmp_path / "export.csv"
    write_csv(actions, path)
    assert read_csv_file(path) == _without_attachments(actions)
    assert read_actions_file(path) == (_without_attachments(actions), False)


def test_csv_cells_are_never_formulas_and_still_round_trip(tmp_path, sample_actions):
    tricky = sample_actions[0].replace(
        title='=HYPERLINK("http://example.org";"x")',
        summary="- une puce\n- une autre",
        experience="'déjà une apostrophe",
        description="'=les deux",
        limits="+33 et @moi",
        perspectives="\tindentée",
        end_reason='texte ; avec "guillemets" et ;',
        keywords=("-moins", "Parentalité"),
    )
    path = tmp_path / "tricky.csv"
    write_csv([tricky], path)
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"), newline=""), delimiter=";"))
    cells = dict(zip(COLUMNS, rows[1], strict=True))
    dangerous = "=+-@\t\r"
    assert all(not cell or cell[0] not in dangerous for cell in rows[1])
    assert cells["summary"] == "'- une puce\n- une autre"
    assert cells["experience"] == "''déjà une apostrophe"
    assert read_csv_file(path) == [tricky]


def test_csv_with_field_names_or_missing_columns_reads(tmp_path):
    text = 'title;YEAR;keywords;resume\nVide grenier;2019;"Solidarité;Culture ";"a\nb"\n\n'
    (back,) = read_csv(text)
    assert back == ActionData(
        title="Vide grenier", year=2019, keywords=("Solidarité", "Culture"), summary="a\nb"
    )


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("Titre;Couleur\nx;y\n", 1, "colonne inconnue « Couleur »"),
        ("Résumé\nx\n", 1, "colonne « Titre » manquante"),
        ('Titre;Année\n"a\nb";2019\nc;deux mille\n', 4, "année invalide « deux mille »"),
        ("Titre;Année\na;2019;x\n", 2, "cellules pour 2 colonnes"),
    ],
)
def test_csv_errors_name_the_line(text, line, words):
    with pytest.raises(ParseError) as info:
        read_csv(text, "f.csv")
    assert info.value.line == line
    assert words in str(info.value)


def test_xlsx_holds_every_field_of_every_action(tmp_path, actions):
    from openpyxl import load_workbook

    path = tmp_path / "export.xlsx"
    assert write_xlsx(actions, path) == []
    sheet = load_workbook(path)["Actions"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [FIELD_LABELS[name] for name in COLUMNS]
    assert len(rows) == 19
    for action, row in zip(actions, rows[1:], strict=True):
        for name, value in zip(COLUMNS, row, strict=True):
            expected = _expected_cell(action, name)
            assert (value if value is not None else "") == expected, (action.title, name)
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.b
    assert sheet["J2"].alignment.wrap_text
    assert sheet.column_dimensions["J"].width == 60
    assert sheet.column_dimensions["C"].width == 8


def test_xlsx_stores_formula_like_text_as_text_and_cuts_huge_cells(tmp_path, sample_actions):
    from openpyxl import load_workbook

    action = sample_actions[0].replace(
        summary="=1+1", description="x" * (XLSX_MAX_CELL + 10), experience="bip\x07bip"
    )
    path = tmp_path / "t.xlsx"
    warnings = write_xlsx([action], path)
    assert warnings == [
        f"« {action.title[:80]} » : Description générale tronqué à 32767 caractères "
        "(limite d'Excel)"
    ]
    row = dict(zip(COLUMNS, next(load_workbook(path)["Actions"].iter_rows(min_row=2)), strict=True))
    assert row["summary"].value == "=1+1" and row["summary"].data_type == "s"
    assert len(row["description"].value) == XLSX_MAX_CELL
    assert row["experience"].value == "bipbip"


def _ods_rows(path) -> list[list[str]]:
    from odf.opendocument import load
    from odf.table import TableCell, TableRow
    from odf.teletype import extractText
    from odf.text import P

    doc = load(str(path))
    out = []
    for row in doc.spreadsheet.getElementsByType(TableRow):
        cells = []
        for cell in row.getElementsByType(TableCell):
            cells.append("\n".join(extractText(p) for p in cell.getElementsByType(P)))
        out.append(cells)
    return out


def test_ods_holds_every_field_of_every_action(tmp_path, actions):
    path = tmp_path / "export.ods"
    assert write_ods(actions, path) == []
    rows = _ods_rows(path)
    assert rows[0] == [FIELD_LABELS[name] for name in COLUMNS]
    assert len(rows) == 19
    for action, row in zip(actions, rows[1:], strict=True):
        for name, value in zip(COLUMNS, row, strict=True):
            expected = _expected_cell(action, name)
            assert value == str(expected), (action.title, name)
    with zipfile.ZipFile(path) as archive:
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
        content = archive.read("content.xml").decode("utf-8")
        settings = archive.read("settings.xml").decode("utf-8")
    assert 'fo:font-weight="bold"' in content
    assert 'fo:wrap-option="wrap"' in content
    assert 'office:value-type="float"' in content  # the year sorts as a number
    assert "VerticalSplitPosition" in settings


def test_ods_keeps_runs_of_spaces_and_tabs(tmp_path, sample_actions):
    action = sample_actions[0].replace(summary="a  b\tc\nd", title="=SOMME(A1)")
    path = tmp_path / "t.ods"
    write_ods([action], path)
    row = dict(zip(COLUMNS, _ods_rows(path)[1], strict=True))
    assert row["summary"] == "a  b\tc\nd"
    assert row["title"] == "=SOMME(A1)"
    assert "table:formula" not in zipfile.ZipFile(path).read("content.xml").decode()


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.JSON", "json"),
        ("a.csv", "csv"),
        ("a.txt", "senacs"),
        ("a.ods", "ods"),
        ("a.xlsx", "xlsx"),
        ("a.pdf", None),
        ("a", None),
    ],
)
def test_format_from_extension(name, fmt):
    assert format_for_path(name) == fmt


def test_a_failed_export_leaves_the_old_file_and_no_temporary(tmp_path, sample_actions):
    path = tmp_path / "export.csv"
    path.write_text("ancien", encoding="utf-8")

    def broken():
        yield sample_actions[0]
        raise RuntimeError("panne au milieu")

    for fmt in ("csv", "json", "senacs", "xlsx", "ods"):
        with pytest.raises(RuntimeError):
            export_actions(broken(), path, fmt)  # type: ignore[arg-type]
        assert path.read_text(encoding="utf-8") == "ancien"
    with pytest.raises(OSError), atomic_write(path) as handle:
        handle.write(b"moitie")
        raise OSError("disque plein")
    assert path.read_text(encoding="utf-8") == "ancien"
    assert os.listdir(tmp_path) == ["export.csv"]


def test_export_to_a_missing_folder_is_a_french_error(tmp_path, sample_actions):
    with pytest.raises(AppError, match="Impossible d'écrire"):
        export_actions(sample_actions, tmp_path / "absent" / "x.json", "json")
    with pytest.raises(AppError, match="Format d'export inconnu"):
        export_actions(sample_actions, tmp_path / "x.doc", "doc")


def test_term_fields_are_all_columns():
    assert set(TERM_FIELDS) <= set(COLUMNS)
    assert COLUMNS[0] == "title" and len(COLUMNS) == len(FIELD_LABELS)
