"""The XLSX and ODS reader: sheets saved again by LibreOffice (repeated cells and rows, spans,
runs of spaces), and hostile archives refused at a line, never a traceback."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from centres_app.domain import FIELD_LABELS
from centres_app.errors import ParseError
from centres_app.exchange import spreadsheet_reader
from centres_app.exchange.loader import read_import_file
from centres_app.exchange.spreadsheet_format import write_ods, write_xlsx
from centres_app.exchange.spreadsheet_reader import (
    MAX_UNPACKED_BYTES,
    ODS_MIMETYPE,
    read_spreadsheet_located,
)

pytestmark = pytest.mark.timeout(60)

_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def _ods(rows_xml: str) -> bytes:
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_NS}>'
        "<office:body><office:spreadsheet>"
        f'<table:table table:name="Actions">{rows_xml}</table:table>'
        '<table:table table:name="Autre"><table:table-row><table:table-cell>'
        "<text:p>ignorée</text:p></table:table-cell></table:table-row></table:table>"
        "</office:spreadsheet></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", ODS_MIMETYPE)
        archive.writestr("content.xml", content)
    return buffer.getvalue()


def _cell(text: str, repeat: int = 1) -> str:
    attribute = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    body = f"<text:p>{text}</text:p>" if text else ""
    return f'<table:table-cell office:value-type="string"{attribute}>{body}</table:table-cell>'


def _row(cells: str, repeat: int = 1) -> str:
    attribute = f' table:number-rows-repeated="{repeat}"' if repeat > 1 else ""
    return f"<table:table-row{attribute}>{cells}</table:table-row>"


def test_a_sheet_saved_again_by_libreoffice_is_read():
    header = _row(
        _cell(FIELD_LABELS["title"])
        + _cell(FIELD_LABELS["year"])
        + _cell(FIELD_LABELS["keywords"])
        + _cell(FIELD_LABELS["summary"])
        + _cell("", 1020)
    )
    first = _row(
        _cell('Jardin <text:span text:style-name="T1">partagé</text:span>')
        + '<table:table-cell office:value-type="float" office:value="2021"/>'
        + _cell("Lien;;social ; Culture")
        + '<table:table-cell><text:p>a<text:s text:c="3"/>b<text:tab/>c</text:p>'
        "<text:p>ligne<text:line-break/>suite</text:p></table:table-cell>" + _cell("", 1020)
    )
    second = _row(_cell("Deuxième") + _cell("2020"))
    data = _ods(header + first + _row(_cell("", 1024), 5) + second + _row("", 1048000))
    located = read_spreadsheet_located(data, "f.ods")
    assert [line for line, _ in located] == [2, 8]
    action = located[0][1]
    assert action.title == "Jardin partagé"
    assert action.year == 2021
    assert action.keywords == ("Lien;social", "Culture")
    assert action.summary == "a   b\tc\nligne\nsuite"
    assert located[1][1].title == "Deuxième"


def test_rows_are_located_at_the_spreadsheet_row(tmp_path: Path):
    header = _row(_cell(FIELD_LABELS["title"]) + _cell(FIELD_LABELS["year"]))
    data = _ods(header + _row(_cell("Bon") + _cell("2020")) + _row(_cell("Mauvais") + _cell("x")))
    with pytest.raises(ParseError) as caught:
        read_spreadsheet_located(data, "f.ods")
    assert (caught.value.line, "année invalide « x »") == (3, caught.value.message)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"PK\x03\x04" + b"\x00" * 100, "archive ZIP illisible"),
        (b"", "archive ZIP illisible"),
    ],
)
def test_broken_archives_are_refused_at_line_one(data, message):
    with pytest.raises(ParseError, match=message) as caught:
        read_spreadsheet_located(data, "f.xlsx")
    assert caught.value.line == 1


def test_other_zip_archives_are_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    with pytest.raises(ParseError, match="ni un classeur XLSX ni un classeur ODS"):
        read_spreadsheet_located(buffer.getvalue(), "f.docx")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(monkeypatch):
    limit = 8 * 1024 * 1024  # the real limit, 2 GiB, takes long to compress
    assert limit < MAX_UNPACKED_BYTES
    monkeypatch.setattr(spreadsheet_reader, "MAX_UNPACKED_BYTES", limit)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", ODS_MIMETYPE)
        archive.writestr("content.xml", b"\x00" * (limit + 1))  # zeros: ~8 KB compressed
    assert len(buffer.getvalue()) < 100_000
    with pytest.raises(ParseError, match="trop gros une fois décompressé"):
        read_spreadsheet_located(buffer.getvalue(), "bombe.ods")


@pytest.mark.parametrize("writer", [write_xlsx, write_ods], ids=["xlsx", "ods"])
def test_a_file_cut_short_is_refused_never_a_traceback(tmp_path, sample_actions, writer):
    path = tmp_path / f"out.{writer.__name__[-4:]}"
    writer(sample_actions[:3], path)
    whole = path.read_bytes()
    for size in (30, len(whole) // 3, len(whole) // 2, len(whole) - 30):
        cut = tmp_path / f"cut{size}{path.suffix}"
        cut.write_bytes(whole[:size])
        with pytest.raises(ParseError) as caught:
            read_import_file(cut)
        assert caught.value.line >= 1


def test_a_header_with_an_unknown_column_is_refused_at_its_row():
    data = _ods(_row(_cell("")) + _row(_cell(FIELD_LABELS["title"]) + _cell("Couleur")))
    with pytest.raises(ParseError, match="colonne inconnue « Couleur »") as caught:
        read_spreadsheet_located(data, "f.ods")
    assert caught.value.line == 2
