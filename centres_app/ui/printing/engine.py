"""Printing action sheets: A4 layout with QTextDocument, footers and running headers, dossiers.

The headless engine: jobs, layout, painting, PDF files (the command line's `sheet` uses it);
the window's dialogs over it are in printing/dialogs.py.

The HTML comes from centres_app.sheet. Each page is painted by hand (QTextDocument.drawContents
clipped to one page) so that every page gets its footer ("Fiche imprimée le …", "page X / Y")
and, after an action's first page, a small header with the action's title.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as _dt
import errno
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
    QTextFormat,
)

from centres_app import gui_turn, sheet
from centres_app.domain import ActionData, ActionDetail, SearchRequest
from centres_app.errors import AppError, IncompleteWriteError, NotFound, describe_os_error
from centres_app.exchange.atomic_files import (
    INCOMPLETE_WRITE,
    check_output_target,
    finish_temp,
    temp_path_for,
)
from centres_app.ui.tasks import Cancelled, Progress

T = TypeVar("T")

if TYPE_CHECKING:
    from centres_app.services import StoreServices as Store

PAGE_MARGIN_MM = 18.0
HEADER_MM = 8.0  # band for the running header, above the text
FOOTER_MM = 9.0  # band for the footer, below the text
BODY_POINT_SIZE = 11.0
SMALL_POINT_SIZE = 8.0
FONT_FAMILIES = ["DejaVu Sans", "Noto Sans", "Liberation Sans", "Arial", "Helvetica"]
GREY = QColor("#5b6b7a")
LINE = QColor("#b8c4d0")
# Widow and orphan control: a paragraph cut by a page edge keeps at least this many lines at
# the bottom of the first page and at the top of the next (else it moves or is cut earlier).
ORPHAN_LINES = 2
WIDOW_LINES = 3
# Loading the actions of a dossier in chunks keeps the progress dialog live and cancellable.
DETAIL_CHUNK = 25


def _tr(text: str) -> str:
    return QCoreApplication.translate("printing", text)


@dataclass(frozen=True)
class SheetJob:
    """What to print: the sheet of one action, or a dossier of several."""

    actions: tuple[ActionData | ActionDetail, ...]
    dossier: bool = False
    title: str = ""
    criteria: tuple[str, ...] = ()
    printed_on: _dt.date = field(default_factory=_dt.date.today)
    report: ReportContent | None = None  # a statistics report (report_job) rather than sheets

    @property
    def document_title(self) -> str:
        if self.report is not None:
            return self.title.strip() or _tr("Rapport statistique")
        if self.dossier:
            return self.title.strip() or _tr("Dossier de fiches actions")
        return sheet.action_title(self.actions[0])

    @property
    def suggested_filename(self) -> str:
        return sheet.suggested_filename(self.document_title, dossier=self.dossier)


@dataclass(frozen=True)
class ReportContent:
    """What a statistics report shows besides its cover: totals, chart images, the actions."""

    totals: tuple[str, ...]
    charts: tuple[tuple[str, str, QImage], ...]  # (resource name, caption, image)
    rows: tuple[tuple[str, str, str], ...] = ()  # (title, structure – département, year)
    rows_left_out: int = 0


def report_job(
    title: str,
    criteria: Sequence[str],
    content: ReportContent,
    printed_on: _dt.date | None = None,
) -> SheetJob:
    """The job printing a statistics report (sheet.report_html, the charts as images)."""
    return SheetJob(
        actions=(),
        dossier=True,
        title=title,
        criteria=tuple(criteria),
        printed_on=printed_on or _dt.date.today(),
        report=content,
    )


def sheet_job(action: ActionData | ActionDetail, printed_on: _dt.date | None = None) -> SheetJob:
    """The job printing one action's sheet."""
    return SheetJob(actions=(action,), printed_on=printed_on or _dt.date.today())


def dossier_job(
    actions: Sequence[ActionData | ActionDetail],
    title: str,
    criteria: Sequence[str] = (),
    printed_on: _dt.date | None = None,
) -> SheetJob:
    """The job printing a dossier: cover, table of contents, one action per new page."""
    return SheetJob(
        actions=tuple(actions),
        dossier=True,
        title=title,
        criteria=tuple(criteria),
        printed_on=printed_on or _dt.date.today(),
    )


def set_a4(device: QPagedPaintDevice) -> None:
    """A4 portrait with our margins (the user may still pick another paper in a dialog)."""
    margins = QMarginsF(PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM)
    device.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            margins,
            QPageLayout.Unit.Millimeter,
        )
    )


def body_font() -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(BODY_POINT_SIZE)
    # No ligatures: "fi" must stay two letters for copy-paste, search and pdftotext.
    font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
    return font


def _small_font(bold: bool = False) -> QFont:
    font = body_font()
    font.setPointSizeF(SMALL_POINT_SIZE)
    font.setBold(bold)
    return font


def _part(progress: Progress | None, start: int, share: int) -> Progress | None:
    """A progress report for one part of a job, `share` percent of the bar from `start`."""
    if progress is None:
        return None
    report: Progress = progress

    def part(done: int, total: int) -> bool:
        return report(start + share * done // max(1, total), 100)

    return part


class LaidOutJob:
    """A job laid out on the pages of one paint device (sizes in that device's pixels).

    `progress` hears of the layout's passes, and stops it (Cancelled) once it says so: a
    dossier of 50 sheets takes seconds, laid out in a worker thread (a QTextDocument never
    shown may live there: the print dialogs do so, issue 17).
    """

    def __init__(
        self, job: SheetJob, device: QPagedPaintDevice, progress: Progress | None = None
    ) -> None:
        self.job = job
        self._progress = progress
        self._pass = 0  # the dossier's layout pass under way
        dpi = device.logicalDpiY()
        self.width = float(device.width())
        self.header = HEADER_MM / 25.4 * dpi
        self.footer = FOOTER_MM / 25.4 * dpi
        # Whole pixels: Qt keeps page positions in 1/64 px fixed point, and a fractional page
        # height would put page starts a hair off our own page arithmetic.
        self.page_height = float(int(device.height() - self.header - self.footer))
        self._device = device
        if job.report is not None:
            report = job.report
            html = sheet.report_html(
                job.document_title,
                job.printed_on,
                job.criteria,
                report.totals,
                [(name, caption) for name, caption, _image in report.charts],
                report.rows,
                report.rows_left_out,
            )
            images = {name: image for name, _caption, image in report.charts}
            self._check(0, 1)
            self.document = self._layout(html, images)
            self.starts: list[int] = []
        elif job.dossier:
            self.document, self.starts = self._layout_dossier()
        else:
            self._check(0, 1)
            self.document = self._layout(sheet.sheet_html(job.actions[0]))
            self.starts = [0]
        # page -> the group heading whose section goes on at the top of that page.
        self.continued = _continued_groups(self.document, self.page_height)
        for start in self.starts:
            self.continued.pop(start, None)  # an action's first page starts its own sections

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    # --- layout ---------------------------------------------------------------------------

    def _check(self, done: int, total: int) -> None:
        """Reports the layout's progress; raises Cancelled once the user asked to stop."""
        gui_turn.give_way()  # (between two passes of the layout: the window's paints first)
        if self._progress is not None and not self._progress(done, total):
            raise Cancelled

    def _layout(self, html: str, images: dict[str, QImage] | None = None) -> QTextDocument:
        doc = QTextDocument()
        for name, image in (images or {}).items():
            doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
        self._set_up(doc)
        doc.setHtml(html)
        return self._paginate(doc)

    def _set_up(self, doc: QTextDocument) -> None:
        # Laying out on the target device itself: point sizes and line breaks are exact there.
        doc.documentLayout().setPaintDevice(self._device)
        doc.setDefaultFont(body_font())
        doc.setUseDesignMetrics(True)
        doc.setDocumentMargin(0)

    def _paginate(self, doc: QTextDocument) -> QTextDocument:
        doc.setPageSize(QSizeF(self.width, self.page_height))
        _keep_headings_with_next(doc, self.page_height, self._check_round)
        _split_blocks_at_page_edges(doc, self.page_height)
        return doc

    def _layout_dossier(self) -> tuple[QTextDocument, list[int]]:
        job = self.job
        # The sheets are read once, one at a time (the whole dossier's HTML read in one call
        # held the GIL for 50-110 ms: the window froze meanwhile, issue 17); each pass puts
        # them together again under its own cover and table of contents.
        sheets: list[SheetPiece] = []
        for html in sheet.dossier_sheet_htmls(job.actions):
            self._check(0, 2)
            sheets.append(SheetPiece.read(html))
        pages: list[int] | None = None
        # Pass 1 learns on which page each action starts; pass 2 prints those numbers in the
        # table of contents. The numbers sit in a fixed-width column, so they move nothing;
        # a third pass would only be needed if they did, and is checked rather than assumed.
        for index in range(3):
            self._pass = index
            self._check(index, 2)
            head = sheet.dossier_head_html(
                job.actions, job.title, job.printed_on, job.criteria, toc_pages=pages
            )
            doc = QTextDocument()
            self._set_up(doc)
            build_dossier(doc, head, sheets, self._check_round)
            doc = self._paginate(doc)
            starts = _action_starts(doc, self.page_height)
            found = [s + 1 for s in starts]
            if found == pages:
                return doc, starts
            pages = found
        raise AssertionError("table of contents page numbers did not settle")

    def _check_round(self) -> None:
        """A round of page-break fixes is over (the cancel button is heard between rounds)."""
        self._check(self._pass, 2)

    # --- painting -------------------------------------------------------------------------

    def action_at(self, page: int) -> int | None:
        """The index of the action shown on a page (0-based), None on the cover and contents."""
        current = None
        for index, start in enumerate(self.starts):
            if start <= page:
                current = index
        return current

    def paint(self, painter: QPainter, progress: Progress | None = None) -> None:
        """Paints every page; the painter must be active on the device of the layout."""
        total = self.page_count
        for page in range(total):
            gui_turn.give_way()  # (a page at a time: the window's paints first)
            if progress is not None and not progress(page, total):
                raise Cancelled
            if page > 0 and not self._device.newPage():
                raise AppError(_tr("L'impression a échoué (page suivante impossible)."))
            self.paint_page(painter, page)

    def paint_page(self, painter: QPainter, page: int) -> None:
        painter.save()
        painter.translate(0, self.header - page * self.page_height)
        # QTextLayout draws every line that touches the clip, and a line clipped away still
        # lands in the PDF as invisible text (that pdftotext and search find): keeping one
        # device pixel off each page edge leaves out the lines of the neighbouring pages.
        clip = QRectF(0, page * self.page_height + 1, self.width, self.page_height - 2)
        self.document.drawContents(painter, clip)
        painter.restore()
        self._paint_header(painter, page)
        self._paint_footer(painter, page)

    def _paint_header(self, painter: QPainter, page: int) -> None:
        index = self.action_at(page)
        if index is None or page == self.starts[index]:
            return  # the first page of an action has its full header already
        action = self.job.actions[index]
        painter.save()
        font = _small_font()
        painter.setFont(font)
        painter.setPen(GREY)
        metrics = QFontMetricsF(font, self._device)
        text = sheet.action_title(action)
        line = sheet.subtitle(action)
        if line:
            text = f"{text} — {line}"
        baseline = self.header * 0.55
        room = self.width
        group = self.continued.get(page)
        if group is not None:
            # The section goes on from the previous page: its heading again, « (suite) ».
            bold = _small_font(bold=True)
            painter.setFont(bold)
            painter.setPen(QColor("#12365a"))
            suite = _tr("{group} (suite)").format(group=group)
            painter.drawText(QRectF(0, 0, self.width, baseline), Qt.AlignmentFlag.AlignRight, suite)
            room -= QFontMetricsF(bold, self._device).horizontalAdvance(suite) + metrics.height()
            painter.setFont(font)
            painter.setPen(GREY)
        elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(0.0, room))
        painter.drawText(QRectF(0, 0, self.width, baseline), Qt.AlignmentFlag.AlignLeft, elided)
        painter.setPen(QPen(LINE, max(1.0, self._device.logicalDpiY() / 300)))
        painter.drawLine(
            0, int(baseline + self.header * 0.1), int(self.width), int(baseline + self.header * 0.1)
        )
        painter.restore()

    def _paint_footer(self, painter: QPainter, page: int) -> None:
        painter.save()
        top = self.header + self.page_height
        painter.setPen(QPen(LINE, max(1.0, self._device.logicalDpiY() / 300)))
        rule = top + self.footer * 0.3
        painter.drawLine(0, int(rule), int(self.width), int(rule))
        painter.setFont(_small_font())
        painter.setPen(GREY)
        box = QRectF(0, rule, self.width, self.footer - (rule - top))
        date = sheet.french_date(self.job.printed_on)
        if self.job.report is not None:
            left = _tr("Rapport imprimé le {date}").format(date=date)
        elif self.job.dossier and self.action_at(page) is None:
            left = _tr("Dossier imprimé le {date}").format(date=date)
        else:
            left = _tr("Fiche imprimée le {date}").format(date=date)
        right = _tr("page {page} / {total}").format(page=page + 1, total=self.page_count)
        middle = Qt.AlignmentFlag.AlignVCenter
        painter.drawText(box, Qt.AlignmentFlag.AlignLeft | middle, left)
        painter.drawText(box, Qt.AlignmentFlag.AlignRight | middle, right)
        painter.restore()


def _first_line_top(doc: QTextDocument, block: QTextBlock) -> float:
    # blockBoundingRect() makes sure the block is laid out (the layout is lazy); a line that
    # did not fit at the bottom of a page was moved down, so ask the line, not the block.
    top = doc.documentLayout().blockBoundingRect(block).top()
    layout = block.layout()
    if layout.lineCount() == 0:
        return top
    return top + layout.lineAt(0).y()


def _page_of(doc: QTextDocument, block: QTextBlock, page_height: float) -> int:
    return int((_first_line_top(doc, block) + 0.5) // page_height)


def _role(block: QTextBlock) -> int:
    """sheet.ROLE_TITLE, ROLE_GROUP, ROLE_LABEL, or -1 for other blocks."""
    return block.userState()


def _action_starts(doc: QTextDocument, page_height: float) -> list[int]:
    """The 0-based page of each action's title (each action has exactly one)."""
    starts = []
    block = doc.begin()
    while block.isValid():
        if _role(block) == sheet.ROLE_TITLE:
            starts.append(_page_of(doc, block, page_height))
        block = block.next()
    return starts


def _keep_headings_with_next(
    doc: QTextDocument, page_height: float, after_round: Callable[[], None] | None = None
) -> None:
    """Moves a group heading or field label left alone at the bottom of a page to the next one.

    QTextDocument has no `page-break-after: avoid`; a page break before the heading does the
    same. Each round fixes the first lone heading of each action (a fix moves what follows it,
    so later ones are judged again on a fresh layout) and lays the whole document out again:
    changing formats under an incremental layout left stale positions behind.

    Widows and orphans are fixed the same way (`_first_widows_and_orphans`): a field moves
    to the next page, or its last lines do. Within an action, the first problem from the top
    is fixed first: a fix moves only what follows it, so a page break set earlier is never
    left stale by a later one (a stale break would leave a page with a line or two).
    `after_round` is called after each round (a cancelled job raises there).
    """
    for _ in range(200):
        fixes = _first_fixes(doc, page_height)
        if not fixes:
            return
        with _unlaid(doc):
            for block in _apply_cuts(doc, fixes):
                fmt = QTextBlockFormat(block.blockFormat())
                fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                QTextCursor(block).setBlockFormat(fmt)
        _lay_out_again(doc)
        if after_round is not None:
            after_round()


@contextlib.contextmanager
def _unlaid(doc: QTextDocument) -> Iterator[None]:
    """Edits made without laying anything out: with no page size the layout only forgets the
    changed blocks' lines, instead of laying out what follows each edit in one long call
    into Qt (during which PySide keeps the interpreter: the GUI thread waits, issue 17)."""
    size = doc.pageSize()
    doc.setPageSize(QSizeF(0, 0))
    try:
        yield
    finally:
        doc.setPageSize(size)


def _lay_out_again(doc: QTextDocument) -> None:
    """Lays the whole document out again from scratch, as markContentsDirty over all of it
    would, but block by block: setting the page size starts a fresh lazy layout, and each
    block's bounding rect lays out only up to that block (calls of a few ms each instead of
    one of ~100 ms for a 50-sheet dossier, issue 17)."""
    doc.setPageSize(doc.pageSize())
    layout = doc.documentLayout()
    block = doc.begin()
    while block.isValid():
        layout.blockBoundingRect(block)
        block = block.next()
    layout.documentSize()


def _first_fixes(doc: QTextDocument, page_height: float) -> list[tuple[int, bool]]:
    """Per action, the topmost of its first lone heading and its first widow or orphan."""
    titles: list[int] = []
    block = doc.begin()
    while block.isValid():
        if _role(block) == sheet.ROLE_TITLE:
            titles.append(block.position())
        block = block.next()
    candidates = [(b.position(), False) for b in _first_lone_headings(doc, page_height)]
    candidates += _first_widows_and_orphans(doc, page_height)
    chosen: dict[int, tuple[int, bool]] = {}
    for position, cut in sorted(candidates):
        chosen.setdefault(bisect.bisect_right(titles, position), (position, cut))
    return list(chosen.values())


def _with_its_headings(block: QTextBlock) -> QTextBlock:
    """The block, or its field label (and that label's group heading) right above it."""
    first = block
    prev = block.previous()
    if prev.isValid() and _role(prev) == sheet.ROLE_LABEL:
        first = prev
        above = prev.previous()
        if above.isValid() and _role(above) == sheet.ROLE_GROUP:
            first = above
    return first


def _apply_cuts(doc: QTextDocument, fixes: list[tuple[int, bool]]) -> list[QTextBlock]:
    """The blocks that start a new page: at each (position, cut), the block there, or a new
    block cut from its paragraph there (applied from the end: earlier positions stay valid)."""
    blocks: list[QTextBlock] = []
    cursor = QTextCursor(doc)
    for position, cut in sorted(fixes, reverse=True):
        cursor.setPosition(position)
        if cut:
            cursor.insertBlock()
        blocks.append(cursor.block())
    return blocks


_KICKERS = (sheet.SHEET_KICKER.upper(), sheet.EXPERIENCE_KICKER.upper())


def _first_widows_and_orphans(doc: QTextDocument, page_height: float) -> list[tuple[int, bool]]:
    """Per action, the first field (a label and its text, one block per line typed) cut by a
    page edge with fewer than ORPHAN_LINES lines before the edge or WIDOW_LINES after it:
    where to start a new page, as (position, cut) — the field with its label and group
    heading (cut False), or its last WIDOW_LINES lines (a block start, or a cut inside one)."""
    found: list[tuple[int, bool]] = []
    fixed_this_action = False
    block = doc.begin()
    while block.isValid():
        role = _role(block)
        if role == sheet.ROLE_TITLE:
            fixed_this_action = False
        if role != sheet.ROLE_LABEL or fixed_this_action:
            block = block.next()
            continue
        label = block
        # (page, block, line index) of every line of the field's text.
        lines: list[tuple[int, QTextBlock, int]] = []
        block = block.next()
        while (
            block.isValid()
            and _role(block) not in (sheet.ROLE_TITLE, sheet.ROLE_GROUP, sheet.ROLE_LABEL)
            and block.text() not in _KICKERS  # the next action's first line
            and QTextCursor(block).currentTable() is None
        ):
            top = doc.documentLayout().blockBoundingRect(block).top()
            layout = block.layout()
            for i in range(layout.lineCount()):
                page = int((top + layout.lineAt(i).y() + 0.5) // page_height)
                lines.append((page, block, i))
            block = block.next()
        edges = [i for i in range(1, len(lines)) if lines[i][0] > lines[i - 1][0]]
        if not edges:
            continue
        first_edge, last_edge = edges[0], edges[-1]
        widows = len(lines) - last_edge
        on_page_before = last_edge - (edges[-2] if len(edges) > 1 else 0)
        fix: tuple[int, bool] | None = None
        if first_edge < ORPHAN_LINES or (
            widows < WIDOW_LINES
            and len(edges) == 1
            and on_page_before - (WIDOW_LINES - widows) < ORPHAN_LINES
        ):
            # Too short to cut well: the whole field goes to the next page, with its heading.
            first = _with_its_headings(lines[0][1])
            if (
                first.position() <= label.position()
                and first.blockFormat().pageBreakPolicy()
                != QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore
            ):
                fix = (first.position(), False)
        elif widows < WIDOW_LINES and on_page_before - (WIDOW_LINES - widows) >= ORPHAN_LINES:
            _page, cut_block, line = lines[len(lines) - WIDOW_LINES]
            if line == 0:
                fix = (cut_block.position(), False)
            else:
                fix = (cut_block.position() + cut_block.layout().lineAt(line).textStart(), True)
        if fix is not None:
            found.append(fix)
            fixed_this_action = True
    return found


def _first_lone_headings(doc: QTextDocument, page_height: float) -> list[QTextBlock]:
    """Per action, the first heading (with its group heading) cut from what follows it."""
    found: list[QTextBlock] = []
    fixed_this_action = False
    block = doc.begin()
    while block.isValid():
        nxt = block.next()
        role = _role(block)
        if role == sheet.ROLE_TITLE:
            fixed_this_action = False
        alone = (
            not fixed_this_action
            and role in (sheet.ROLE_GROUP, sheet.ROLE_LABEL)
            and nxt.isValid()
            and _page_of(doc, nxt, page_height) > _page_of(doc, block, page_height)
        )
        if alone:
            # A label right under a group heading moves with it.
            first = block
            prev = block.previous()
            if role == sheet.ROLE_LABEL and prev.isValid() and _role(prev) == sheet.ROLE_GROUP:
                first = prev
            found.append(first)
            fixed_this_action = True
        block = nxt
    return found


def _continued_groups(doc: QTextDocument, page_height: float) -> dict[int, str]:
    """page -> the group heading (« Description »…) whose section runs on at the top of that
    page: its first block is neither a new group nor a new action."""
    continued: dict[int, str] = {}
    group: str | None = None
    page = -1
    block = doc.begin()
    while block.isValid():
        role = _role(block)
        if role == sheet.ROLE_TITLE:
            group = None
        block_page = _page_of(doc, block, page_height)
        if block_page > page:
            if group is not None and role not in (sheet.ROLE_GROUP, sheet.ROLE_TITLE):
                continued[block_page] = group
            page = block_page
        if role == sheet.ROLE_GROUP:
            group = block.text().strip()
        block = block.next()
    return continued


def _split_blocks_at_page_edges(doc: QTextDocument, page_height: float) -> None:
    """Ends each paragraph that runs onto the next page at the page edge (a new block there).

    QTextLayout.draw() with a clip also draws the last line above the clip (it keeps the index
    of the last line above, not the first one inside). The painter clip hides it, but PDF
    writers still store it as invisible text, so copy-paste, search and pdftotext would read
    the line twice. A paragraph that starts at the top of its page has no line above.
    """
    cuts: list[int] = []
    block = doc.begin()
    while block.isValid():
        layout = block.layout()
        if layout.lineCount() > 1 and QTextCursor(block).currentTable() is None:
            top = doc.documentLayout().blockBoundingRect(block).top()
            pages = [
                int((top + layout.lineAt(i).y() + 0.5) // page_height)
                for i in range(layout.lineCount())
            ]
            cuts.extend(
                block.position() + layout.lineAt(i).textStart()
                for i in range(1, len(pages))
                if pages[i] > pages[i - 1]
            )
        block = block.next()
    if not cuts:
        return
    with _unlaid(doc):
        cursor = QTextCursor(doc)
        for position in reversed(cuts):  # from the end, so earlier positions stay valid
            cursor.setPosition(position)
            cursor.insertBlock()
    _lay_out_again(doc)


# --- A dossier read in pieces ---------------------------------------------------------------


@dataclass(frozen=True)
class SheetPiece:
    """One sheet of a dossier, read from its HTML (sheet.dossier_sheet_htmls) on its own."""

    fragment: QTextDocumentFragment  # (its blocks keep their roles, sheet.ROLE_*)
    block_format: QTextBlockFormat  # its first block's: a fragment put in takes the block's
    char_format: QTextCharFormat

    @classmethod
    def read(cls, html: str) -> SheetPiece:
        doc = QTextDocument()
        doc.setDefaultFont(body_font())
        doc.setHtml(html)
        first = doc.begin()
        return cls(QTextDocumentFragment(doc), first.blockFormat(), first.charFormat())


def build_dossier(
    doc: QTextDocument,
    head: str,
    sheets: Sequence[SheetPiece],
    between: Callable[[], None] | None = None,
) -> None:
    """Reads `head` (sheet.dossier_head_html) into `doc` and appends the sheets, each in a
    new block: the document that setHtml(sheet.dossier_html(...)) gives (the same blocks,
    formats and roles), in calls of a few ms each instead of one of 50-110 ms. Nothing is
    laid out meanwhile: the document is left with no page size (0 x 0), for the caller to
    set its own (which lays it out from scratch). `between` is called between two sheets."""
    doc.setPageSize(QSizeF(0, 0))
    doc.setHtml(head)
    cursor = QTextCursor(doc)
    for piece in sheets:
        if between is not None:
            between()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertBlock()  # (after the contents' table, Qt's reading leaves an empty block)
        block = cursor.block()
        cursor.insertFragment(piece.fragment)
        first = QTextCursor(block)
        first.setBlockFormat(piece.block_format)
        first.setBlockCharFormat(piece.char_format)


# --- Rendering ------------------------------------------------------------------------------


def print_document(
    device: QPagedPaintDevice, job: SheetJob, progress: Progress | None = None
) -> int:
    """Lays the job out on a printer or PDF writer and paints every page; returns the count.

    `progress` hears of the whole job in percent: the layout, then the pages painted.
    """
    laid_out = LaidOutJob(job, device, _part(progress, 0, 50))
    painter = QPainter()
    if not painter.begin(device):
        raise AppError(_tr("Impossible de commencer l'impression."))
    try:
        laid_out.paint(painter, _part(progress, 50, 50))
    finally:
        painter.end()
    return laid_out.page_count


def render_pdf(job: SheetJob, path: str | Path, progress: Progress | None = None) -> int:
    """Writes the job as an A4 PDF file; returns the number of pages.

    Like every file the app writes: the target is checked (a folder, a device or a FIFO is
    refused), the PDF goes to a temporary file beside it, which must be complete (not empty,
    ending with its %%EOF marker) before it is fsync'ed and renamed over the target. Failures
    raise AppError with a French message; no temporary file is left behind.
    """
    try:
        target = check_output_target(path)
        temp = temp_path_for(target)
        # Created here first so an unwritable folder gives its real cause (QPdfWriter says none).
        os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except OSError as exc:
        raise AppError(
            _tr("Impossible d'écrire {path} : {reason}.").format(
                path=str(path), reason=describe_os_error(exc)
            )
        ) from exc
    try:
        writer = QPdfWriter(str(temp))
        set_a4(writer)
        writer.setTitle(job.document_title)
        writer.setCreator("centres_app")
        try:
            pages = print_document(writer, job, progress)
        except AppError as exc:
            # The PDF writer fails without a cause (a page it could not start): the disk.
            raise IncompleteWriteError(errno.EIO, INCOMPLETE_WRITE, str(target)) from exc
        finally:
            # QPdfWriter writes the file when it is destroyed; now, not at garbage collection.
            del writer
        finish_temp(temp, target, pdf=True)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise AppError(
            _tr("Impossible d'écrire {path} : {reason}.").format(
                path=str(path), reason=describe_os_error(exc)
            )
        ) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return pages


def load_job(
    store: Store,
    ids: Sequence[int],
    title: str = "",
    request: SearchRequest | None = None,
    progress: Progress | None = None,
    printed_on: _dt.date | None = None,
    dossier: bool | None = None,
) -> SheetJob:
    """The job for one id (a sheet) or several (a dossier); raises NotFound, Cancelled.

    `dossier` forces the choice (a search result of one action still makes a dossier).
    """
    if not ids:
        raise AppError(_tr("Aucune action à imprimer."))
    if not (len(ids) > 1 if dossier is None else dossier):
        return sheet_job(store.get(ids[0]), printed_on)
    details = load_details(store, ids, progress)
    return job_of(details, title, request, printed_on, dossier)


def load_details(
    store: Store, ids: Sequence[int], progress: Progress | None = None
) -> list[ActionDetail]:
    """The details of `ids` in their order, chunk by chunk; raises NotFound, Cancelled."""
    details: list[ActionDetail] = []
    for start in range(0, len(ids), DETAIL_CHUNK):
        if progress is not None and not progress(start, len(ids)):
            raise Cancelled
        chunk = list(ids[start : start + DETAIL_CHUNK])
        found = store.details(chunk)
        if len(found) != len(chunk):
            missing = sorted(set(chunk) - {d.id for d in found})
            raise NotFound(_tr("Action introuvable : n° {id}").format(id=missing[0]))
        details.extend(found)
    return details


def job_of(
    details: Sequence[ActionDetail],
    title: str = "",
    request: SearchRequest | None = None,
    printed_on: _dt.date | None = None,
    dossier: bool | None = None,
) -> SheetJob:
    """The job of details already loaded: one sheet, or a dossier (as `load_job`)."""
    if not details:
        raise AppError(_tr("Aucune action à imprimer."))
    if not (len(details) > 1 if dossier is None else dossier):
        return sheet_job(details[0], printed_on)
    criteria = sheet.describe_request(request) if request is not None else ()
    return dossier_job(list(details), title, criteria, printed_on)
