"""Action sheets printed to real PDF files, read back with pypdf as a reader would see them."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pypdf
import pytest

from centres_app import cli, sheet
from centres_app.db.store import Store
from centres_app.domain import FIELD_LABELS, ActionData, SearchRequest
from centres_app.errors import NotFound
from centres_app.ui.printing import dialogs as print_dialogs
from centres_app.ui.printing import engine as printing

PRINTED = dt.date(2025, 5, 3)
FOOTER = "Fiche imprimée le 3 mai 2025"


def _squash(text: str) -> str:
    """Text without any whitespace: line wrapping and pypdf's spacing do not matter."""
    return re.sub(r"\s+", "", text)


def _pages(path: Path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(str(path)).pages]


def _body(pages: list[str], actions: list[ActionData]) -> str:
    """All pages' text, squashed, without footers and running headers (they cut fields)."""
    noise = [_squash(f"{FOOTER}page{i} / {len(pages)}") for i in range(1, len(pages) + 1)]
    noise += [_squash(f"{a.title} — {sheet.subtitle(a)}") for a in actions]
    groups = [g for g, _names in sheet.SHEET_GROUPS] + [sheet.EXPERIENCE_GROUP[0]]
    noise += [_squash(f"{g} (suite)") for g in [*groups, sheet.OTHER_GROUP]]
    out = []
    for number, text in enumerate(pages, 1):
        squashed = _squash(text)
        assert noise[number - 1] in squashed, f"page {number} has no footer"
        for item in noise:
            squashed = squashed.replace(item, "")
        out.append(squashed)
    return "".join(out)


def _by_title(actions: list[ActionData], title: str) -> ActionData:
    return next(a for a in actions if a.title == title)


def _render(tmp_path: Path, job: printing.SheetJob, name: str = "out.pdf") -> list[str]:
    path = tmp_path / name
    pages = printing.render_pdf(job, path)
    text = _pages(path)
    assert len(text) == pages
    return text


@pytest.mark.parametrize("title", ["Actif'études / CLAS", "Les mémoires du quartier"])
def test_every_non_empty_field_is_printed_with_accents(qapp, tmp_path, sample_actions, title):
    action = _by_title(sample_actions, title)
    pages = _render(tmp_path, printing.sheet_job(action, PRINTED))
    body = _body(pages, [action])
    assert _squash(pages[0]).startswith(_squash(f"FICHE ACTION {title}"))
    for name in sheet.present_fields(action):
        if name not in ("title", "structure", "department"):
            assert _squash(FIELD_LABELS[name]) in body, name
        value = getattr(action, name)
        for one in value if isinstance(value, tuple) else (str(value),):
            assert _squash(one) in body, (name, one[:60])
    assert "é" in pages[0] and "ÉÈ" not in body  # accents come back as typed


def test_dossier_cover_contents_and_page_numbers(qapp, tmp_path, sample_actions):
    titles = ["Actif'études / CLAS", "Les mémoires du quartier", "TOUS A VELO !"]
    actions = [_by_title(sample_actions, t) for t in titles]
    job = printing.dossier_job(actions, "Dossier pour la Caf", ["Département : Drôme"], PRINTED)
    pages = _render(tmp_path, job)
    cover = _squash(pages[0])
    for part in ("Dossier pour la Caf", "Imprimé le 3 mai 2025", "3 actions", "Drôme"):
        assert _squash(part) in cover
    contents = _squash(pages[1])
    assert contents.startswith("Sommaire")
    previous = 2
    for action in actions:
        found = re.search(
            re.escape(_squash(action.title + sheet.subtitle(action))) + r"(\d+)", contents
        )
        assert found, action.title
        number = int(found.group(1))
        assert number > previous
        # The action starts at the top of that page, and not on the page before.
        assert _squash(pages[number - 1]).startswith(_squash(f"FICHE ACTION {action.title}"))
        if number - 2 > 1:  # (the page before the first one is the contents)
            assert _squash(action.title) not in _squash(pages[number - 2])
        previous = number
    for number, text in enumerate(pages, 1):
        assert f"page{number}/{len(pages)}" in _squash(text)


def test_long_text_flows_onto_next_pages_without_losing_or_cutting_a_line(qapp, tmp_path):
    # ~3,000 words: six pages (reading the PDF back with pypdf costs ~0.15 s a page).
    words = " ".join(f"w{i:04d}x" for i in range(3000))
    action = ActionData(
        title="Très long", structure="CS du Plan", department="Drôme", year=2020, summary=words
    )
    pages = _render(tmp_path, printing.sheet_job(action, PRINTED))
    assert len(pages) >= 2
    assert "page2/" + str(len(pages)) in _squash(pages[1])
    # The running header repeats the title on the following pages.
    assert _squash("Très long — CS du Plan – Drôme") in _squash(pages[1])
    # Each word exactly once: no line lost, none printed twice across a page edge.
    printed = [int(n) for text in pages for n in re.findall(r"w(\d{4})x", text)]
    assert printed == list(range(3000))


def test_text_just_over_one_page_gives_page_2_of_2(qapp, tmp_path):
    # The shortest summary (in steps of 50 words) that does not fit on one page.
    path = tmp_path / "two.pdf"
    for count in range(300, 3000, 50):  # bounded: one page holds far fewer than 3,000 words
        job = printing.sheet_job(ActionData(title="Deux pages", summary="mot " * count), PRINTED)
        if printing.render_pdf(job, path) > 1:
            break
    else:
        pytest.fail("3,000 words still fit on one page")
    pages = _pages(path)
    assert len(pages) == 2
    assert "page2/2" in _squash(pages[1]) and "page1/2" in _squash(pages[0])


def test_markup_in_user_text_prints_literally(qapp, tmp_path):
    action = ActionData(
        title="<script>alert('x')</script> & Cie",
        structure="CS <b>1</b>",
        department="Drôme",
        summary="Texte avec <i>balises</i> & entités &amp; ok",
    )
    body = _squash("".join(_render(tmp_path, printing.sheet_job(action, PRINTED))))
    assert _squash("<script>alert('x')</script> & Cie") in body
    assert _squash("CS <b>1</b> – Drôme") in body
    assert _squash("Texte avec <i>balises</i> & entités &amp; ok") in body


def test_mostly_empty_action_prints_no_empty_heading(qapp, tmp_path):
    action = ActionData(
        title="Presque vide", structure="CS", department="Drôme", year=2020, summary="Un résumé."
    )
    pages = _render(tmp_path, printing.sheet_job(action, PRINTED))
    assert len(pages) == 1
    text = _squash(pages[0])
    assert _squash("Résumé") in text and _squash("Un résumé.") in text
    absent = [name for name in FIELD_LABELS if name not in sheet.present_fields(action)]
    assert "partners" in absent and "limits" in absent
    for name in absent:
        assert _squash(FIELD_LABELS[name]) not in text, name
    for group in ("Partenaires", "Ressources", "Résultats"):
        assert group not in text


def test_load_job_refuses_an_unknown_id(qapp, sample_store):
    ids = sample_store.search_ids(SearchRequest())
    with pytest.raises(NotFound):
        printing.load_job(sample_store, [ids[0], 99999])
    job = printing.load_job(sample_store, ids[:2], title="Deux")
    assert job.dossier and len(job.actions) == 2
    assert job.suggested_filename == "dossier-deux.pdf"


def _id_of(db: Path, title: str) -> int:
    store = Store.open(db)
    try:
        ids = store.search_ids(SearchRequest())
        return next(d.id for d in store.details(ids) if d.data.title == title)
    finally:
        store.close()


def test_cli_sheet_writes_a_pdf(qapp, tmp_path, sample_db, capsys):
    action_id = _id_of(sample_db, "Actif'études / CLAS")
    out = tmp_path / "fiche.pdf"
    assert cli.main(["--db", str(sample_db), "sheet", str(action_id), "--pdf", str(out)]) == 0
    pages = _pages(out)
    assert capsys.readouterr().out == f"{out} : {len(pages)} page(s)\n"
    assert _squash("Actif'études / CLAS") in _squash(pages[0])


def test_cli_sheet_all_with_filters_makes_a_dossier(qapp, tmp_path, sample_db, capsys):
    out = tmp_path / "dossier.pdf"
    argv = ["--db", str(sample_db), "sheet", "--all", "--query", "réveillon"]
    assert cli.main([*argv, "--title", "Les réveillons", "--pdf", str(out)]) == 0
    pages = _pages(out)
    cover = _squash(pages[0])
    assert _squash("Les réveillons") in cover and "2actions" in cover
    assert _squash("Recherche : « réveillon »") in cover
    assert sum(_squash(p).startswith("FICHEACTION") for p in pages) == 2


def test_cli_sheet_unknown_id_is_bad_input(qapp, tmp_path, sample_db, capsys):
    out = tmp_path / "x.pdf"
    assert cli.main(["--db", str(sample_db), "sheet", "99999", "--pdf", str(out)]) == 2
    assert "99999" in capsys.readouterr().err
    assert not out.exists()
    assert cli.main(["--db", str(sample_db), "sheet", "--pdf", str(out)]) == 2


def test_export_pdf_proposes_a_name_from_the_title(qtbot, tmp_path, sample_store, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QWidget

    ids = sample_store.search_ids(SearchRequest(text="Actif'études", prefix_last=False))
    proposed = []

    def fake_save(parent, caption, directory, filter_):
        proposed.append(Path(directory).name)
        return str(tmp_path / "choisi"), filter_

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    parent = QWidget()
    qtbot.addWidget(parent)
    path = print_dialogs.export_pdf(parent, sample_store, ids[:1], directory=tmp_path)
    assert proposed == ["fiche-actif-etudes-clas.pdf"]
    assert path == tmp_path / "choisi.pdf"
    assert _squash("Actif'études / CLAS") in _squash(_pages(path)[0])


def test_preview_of_several_ids_asks_a_title_and_paints_a_dossier(
    qtbot, tmp_path, sample_store, monkeypatch
):
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
    from PySide6.QtWidgets import QInputDialog, QWidget

    ids = sample_store.search_ids(SearchRequest(text="réveillon", prefix_last=False))
    assert len(ids) == 2
    monkeypatch.setattr(
        QInputDialog, "getText", staticmethod(lambda *args, **kwargs: ("Fêtes", True))
    )
    out = tmp_path / "apercu.pdf"

    def fake_exec(dialog):
        # What the preview widget does: ask for the pages on its printer (here a PDF file).
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        dialog.paintRequested.emit(printer)
        return 1

    monkeypatch.setattr(QPrintPreviewDialog, "exec", fake_exec)
    parent = QWidget()
    qtbot.addWidget(parent)
    assert print_dialogs.preview(parent, sample_store, ids)
    pages = _pages(out)
    assert _squash("Fêtes") in _squash(pages[0]) and "2actions" in _squash(pages[0])
    assert _squash(pages[1]).startswith("Sommaire")


def _fake_preview(monkeypatch, out: Path) -> dict:  # noqa: ANN001
    """QPrintPreviewDialog.exec as the preview widget runs it: asks for the pages on its
    printer (here a PDF file), then answers as the dialog would (rejected: closed)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    seen: dict = {"rejected": False}

    def fake_exec(dialog):  # noqa: ANN001, ANN202
        dialog.rejected.connect(lambda: seen.__setitem__("rejected", True))
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        dialog.paintRequested.emit(printer)
        QCoreApplication.processEvents()
        return 0 if seen["rejected"] else 1

    monkeypatch.setattr(QPrintPreviewDialog, "exec", fake_exec)
    return seen


def test_the_preview_lays_out_and_paints_off_the_gui_thread(
    qtbot, tmp_path, sample_store, monkeypatch
):
    """Issue 17: a dossier's layout took seconds of the GUI thread; now a worker's."""
    import threading

    from PySide6.QtWidgets import QWidget

    threads = []
    real = print_dialogs.print_document

    def recorded(device, job, progress=None):  # noqa: ANN001, ANN202
        threads.append(threading.current_thread())
        return real(device, job, progress)

    monkeypatch.setattr(print_dialogs, "print_document", recorded)
    out = tmp_path / "apercu.pdf"
    _fake_preview(monkeypatch, out)
    parent = QWidget()
    qtbot.addWidget(parent)
    ids = sample_store.search_ids(SearchRequest(text="Actif'études", prefix_last=False))
    assert print_dialogs.preview(parent, sample_store, ids[:1])
    assert threads and threading.main_thread() not in threads
    assert _squash("Actif'études / CLAS") in _squash(_pages(out)[0])
    # The preview is deleted with its printer, not left to the window (a crash at exit).
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    assert parent.findChildren(QPrintPreviewDialog) == []


def test_a_preview_cancelled_while_laid_out_closes(qtbot, tmp_path, sample_store, monkeypatch):
    from PySide6.QtWidgets import QWidget

    from centres_app.ui.tasks import Cancelled

    def cancelled(device, job, progress=None):  # noqa: ANN001, ANN202
        raise Cancelled

    monkeypatch.setattr(print_dialogs, "print_document", cancelled)
    seen = _fake_preview(monkeypatch, tmp_path / "apercu.pdf")
    parent = QWidget()
    qtbot.addWidget(parent)
    ids = sample_store.search_ids(SearchRequest(text="Actif'études", prefix_last=False))
    assert not print_dialogs.preview(parent, sample_store, ids[:1])
    assert seen["rejected"]


def test_a_layout_hears_cancel_before_painting_anything(qapp, tmp_path, sample_actions):
    """The layout's passes report progress: « Annuler » stops a dossier before its pages."""
    from centres_app.ui.tasks import Cancelled

    job = printing.dossier_job(sample_actions[:3], "Trois", printed_on=PRINTED)
    reports: list[tuple[int, int]] = []

    def stop(done: int, total: int) -> bool:
        reports.append((done, total))
        return False

    with pytest.raises(Cancelled):
        printing.render_pdf(job, tmp_path / "x.pdf", stop)
    assert reports == [(0, 100)]  # the first report, in the layout's share of the bar
    assert not (tmp_path / "x.pdf").exists()
    done: list[tuple[int, int]] = []
    pages = printing.render_pdf(job, tmp_path / "y.pdf", lambda d, t: done.append((d, t)) or True)
    assert pages == len(_pages(tmp_path / "y.pdf"))
    assert all(t == 100 for _d, t in done) and [d for d, _t in done] == sorted(d for d, _t in done)
    assert done[-1][0] >= 50  # the pages, in the second half
