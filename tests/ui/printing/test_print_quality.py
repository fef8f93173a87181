"""Print quality (issue 16 §6): widow and orphan control, « (suite) » headings, read back from
real PDF files with pypdf; the personal-data dialog says what the user is about to do."""

from __future__ import annotations

import datetime as _dt
import re

import pypdf
from PySide6.QtGui import QPdfWriter

from centres_app import sheet
from centres_app.domain import ActionData
from centres_app.ui.printing import engine

PRINTED = _dt.date(2025, 5, 3)


def _lines_per_page(laid: engine.LaidOutJob) -> dict[int, int]:
    doc = laid.document
    per: dict[int, int] = {}
    block = doc.begin()
    while block.isValid():
        top = doc.documentLayout().blockBoundingRect(block).top()
        layout = block.layout()
        for i in range(layout.lineCount()):
            page = int((top + layout.lineAt(i).y() + 0.5) // laid.page_height)
            per[page] = per.get(page, 0) + 1
        block = block.next()
    return per


def _pdf_pages(path) -> list[str]:
    """Each page's text, blanks as single spaces (pypdf separates words with tabs)."""
    return [re.sub(r"[ \t]+", " ", p.extract_text()) for p in pypdf.PdfReader(str(path)).pages]


def test_a_paragraph_just_over_a_page_leaves_no_widow(qapp, tmp_path):
    writer = QPdfWriter(str(tmp_path / "layout.pdf"))
    engine.set_a4(writer)
    seen_two_pages = 0
    for count in range(700, 830, 10):  # the summary crosses the first page's edge here
        job = engine.sheet_job(ActionData(title="Deux pages", summary="mot " * count), PRINTED)
        laid = engine.LaidOutJob(job, writer)
        per = _lines_per_page(laid)
        if laid.page_count == 2:
            seen_two_pages += 1
            assert per[1] >= engine.WIDOW_LINES, (count, per)
            assert per[0] >= engine.ORPHAN_LINES, (count, per)
    assert seen_two_pages >= 5
    # Read back from the PDF: page 2 carries the section's heading again and 3 lines or more.
    path = tmp_path / "two.pdf"
    job = engine.sheet_job(ActionData(title="Deux pages", summary="mot " * 730), PRINTED)
    assert engine.render_pdf(job, path) == 2
    pages = _pdf_pages(path)
    assert "Description (suite)" in pages[1]
    assert "(suite)" not in pages[0]
    assert len(re.findall(r"\bmot\b", pages[1])) >= engine.WIDOW_LINES * 10
    words = sum(len(re.findall(r"\bmot\b", text)) for text in pages)
    assert words == 730  # nothing lost or printed twice by the cut


def test_no_dossier_page_holds_a_stray_heading_or_two_lines(qapp, tmp_path, sample_actions):
    job = engine.dossier_job(sample_actions, "Dossier", (), PRINTED)
    writer = QPdfWriter(str(tmp_path / "layout.pdf"))
    engine.set_a4(writer)
    laid = engine.LaidOutJob(job, writer)
    per = _lines_per_page(laid)
    first_sheet_page = laid.starts[0]
    thin = {p: n for p, n in per.items() if p >= first_sheet_page and n <= 2}
    assert thin == {}, thin
    # A section that runs on: « <heading> (suite) » at the top of the next page, in the PDF.
    assert laid.continued
    path = tmp_path / "dossier.pdf"
    assert engine.render_pdf(job, path) == laid.page_count
    pages = _pdf_pages(path)
    groups = {g for g, _names in sheet.SHEET_GROUPS}
    for page, group in laid.continued.items():
        assert group in groups
        assert f"{group} (suite)" in pages[page], page
    for start in laid.starts:
        assert "(suite)" not in pages[start]
    for page, text in enumerate(pages[first_sheet_page:], first_sheet_page):
        body = [
            line
            for line in text.splitlines()
            if line.strip() and "imprimée le" not in line and "(suite)" not in line
        ]
        assert len(body) >= 3, (page, body)
