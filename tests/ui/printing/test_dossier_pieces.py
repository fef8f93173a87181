"""A dossier is read sheet by sheet (issue 17: one setHtml of a 50-sheet dossier held the GIL
for 50-110 ms, the window froze meanwhile): the document, its pages and its PDF text are those
of the whole dossier read at once."""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path

import pypdf
import pytest
from PySide6.QtGui import QPainter, QPdfWriter, QTextCursor, QTextDocument

from centres_app import sheet
from centres_app.domain import ActionData
from centres_app.exchange.loader import read_import_file
from centres_app.ui.printing import engine

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support")

PRINTED = _dt.date(2025, 5, 3)
EXPERIENCES = Path(__file__).resolve().parents[2] / "data" / "senacs-experiences.txt"


def _experiences() -> list[ActionData]:
    found = [a for _line, a in read_import_file(EXPERIENCES).located if a.is_experience]
    assert found
    return found


def _whole(actions, criteria=(), toc_pages=None) -> QTextDocument:  # noqa: ANN001
    """The dossier read in one setHtml, as the printing did before."""
    doc = QTextDocument()
    doc.setDefaultFont(engine.body_font())
    doc.setHtml(sheet.dossier_html(actions, "Dossier", PRINTED, criteria, toc_pages))
    return doc


def _in_pieces(actions, criteria=(), toc_pages=None) -> QTextDocument:  # noqa: ANN001
    doc = QTextDocument()
    doc.setDefaultFont(engine.body_font())
    pieces = [engine.SheetPiece.read(html) for html in sheet.dossier_sheet_htmls(actions)]
    head = sheet.dossier_head_html(actions, "Dossier", PRINTED, criteria, toc_pages)
    calls: list[int] = []
    engine.build_dossier(doc, head, pieces, lambda: calls.append(1))
    assert len(calls) == len(actions)  # a turn between two sheets
    return doc


def _blocks(doc: QTextDocument) -> list[tuple[object, ...]]:
    """Each block: role, text, position, formats (its own and each fragment's), in a table."""
    found = []
    block = doc.begin()
    while block.isValid():
        fragments = []
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fragments.append((fragment.text(), fragment.charFormat().properties()))
            it += 1
        char = block.charFormat().properties()
        char.pop(0, None)  # (ObjectIndex: which table a cell is in, numbered as they come)
        found.append(
            (
                block.userState(),
                block.text(),
                block.position(),
                block.blockFormat().properties(),
                char,
                fragments,
                QTextCursor(block).currentTable() is not None,
            )
        )
        block = block.next()
    return found


@pytest.mark.parametrize("case", ["sample", "experiences", "one action"])
def test_a_dossier_read_in_pieces_is_the_dossier_read_whole(qapp, sample_actions, case):
    if case == "sample":
        actions, criteria, pages = sample_actions, ("Département : Drôme",), None
    elif case == "experiences":
        actions = [*_experiences(), sample_actions[2]]
        criteria, pages = (), list(range(3, 3 + len(actions)))
    else:
        actions, criteria, pages = sample_actions[:1], (), [3]
    whole, pieces = _whole(actions, criteria, pages), _in_pieces(actions, criteria, pages)
    assert pieces.toHtml() == whole.toHtml()
    blocks = _blocks(pieces)
    assert blocks == _blocks(whole)
    titles = [b for b in blocks if b[0] == sheet.ROLE_TITLE]
    assert len(titles) == len(actions)  # the roles came through (page numbers, headings)
    assert {b[0] for b in blocks} >= {sheet.ROLE_GROUP, sheet.ROLE_LABEL}


class _ReadWhole(engine.LaidOutJob):
    """The dossier laid out from one setHtml of the whole dossier (the previous code)."""

    def _layout_dossier(self) -> tuple[QTextDocument, list[int]]:
        job, pages = self.job, None
        for index in range(3):
            self._pass = index
            html = sheet.dossier_html(
                job.actions, job.title, job.printed_on, job.criteria, toc_pages=pages
            )
            doc = self._layout(html)
            starts = engine._action_starts(doc, self.page_height)
            if [s + 1 for s in starts] == pages:
                return doc, starts
            pages = [s + 1 for s in starts]
        raise AssertionError("pages did not settle")


def _pdf_text(laid: engine.LaidOutJob, writer: QPdfWriter, path: Path) -> list[str]:
    painter = QPainter()
    assert painter.begin(writer)
    laid.paint(painter)
    painter.end()
    del writer  # (the file is written when the writer goes)
    return [re.sub(r"\s+", " ", p.extract_text()) for p in pypdf.PdfReader(str(path)).pages]


def test_a_dossier_in_pieces_prints_the_pages_of_the_whole_dossier(qapp, tmp_path, sample_actions):
    # The longest sheets (fields cut by page edges, headings moved, « (suite) ») and a short one.
    longest = sorted(sample_actions, key=lambda a: -len(sheet.sheet_body(a)))[:4]
    actions = [*longest, _experiences()[0], sample_actions[0]]
    job = engine.dossier_job(actions, "Dossier", ["Recherche : « jardin »"], PRINTED)
    texts = []
    for name, kind in (("pieces.pdf", engine.LaidOutJob), ("whole.pdf", _ReadWhole)):
        writer = QPdfWriter(str(tmp_path / name))
        engine.set_a4(writer)
        laid = kind(job, writer)
        texts.append((laid.page_count, laid.starts, laid.continued))
        texts.append(_pdf_text(laid, writer, tmp_path / name))
        del laid, writer
    (count, starts, continued), pdf, (count_whole, starts_whole, continued_whole), pdf_whole = texts
    assert (count, starts, continued) == (count_whole, starts_whole, continued_whole)
    assert count > len(actions) + 2 and continued  # long sheets: pages cut, sections go on
    assert pdf == pdf_whole
    assert len(pdf) == count
